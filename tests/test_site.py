"""The atlas (`linkcheck.atlas.build_site`): every page is there, every local link leads to a file of the site,
nothing is loaded from outside it, profile text is escaped, and the folder is written whole or not at all."""

from __future__ import annotations

import datetime as dt
import time
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from linkcheck.atlas import MARKER, build_site
from linkcheck.atlas.names import SitePaths, segment
from linkcheck.errors import LinkcheckError
from linkcheck.loading.library import shipped_files
from linkcheck.paths import shipped_profiles_dir
from linkcheck.reports import i18n

AS_OF = dt.date(2026, 6, 30)
PRINTED = dt.date(2026, 7, 1)
SMALL = ["eu-ets", "kazakhstan", "korea"]
VERDICT_WORDS = {"Blocked", "Adjustments needed", "Compatible", "Undetermined"}


class Page(HTMLParser):
    """What a page links to and loads: (tag, attribute, value) for every href and src, and every id."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.tags: list[str] = []
        self.stylesheets: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"])
        for name in ("href", "src"):
            if values.get(name) is not None:
                self.links.append((tag, name, values[name]))
        if tag == "link" and values.get("rel") == "stylesheet":
            self.stylesheets.append(values.get("href") or "")


def parsed(path: Path) -> Page:
    page = Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def build(folder: Path, **options) -> Path:
    build_site(folder, as_of=AS_OF, date=PRINTED, **options)
    return folder


@pytest.fixture(scope="module")
def small_site(tmp_path_factory) -> Path:
    return build(tmp_path_factory.mktemp("atlas") / "site", systems=SMALL)


@pytest.fixture(scope="module")
def full_site(tmp_path_factory) -> tuple[Path, float]:
    started = time.monotonic()
    folder = build(tmp_path_factory.mktemp("atlas-full") / "site")
    return folder, time.monotonic() - started


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def broken_links(site: Path) -> list[str]:
    """Every href or src that does not lead to a file inside the site (or to an id on its page), and every
    resource loaded from a web address."""
    root = site.resolve()
    pages = {path.resolve(): parsed(path) for path in html_pages(site)}
    problems = []
    for path, page in pages.items():
        for tag, attribute, value in page.links:
            parts = urlsplit(value)
            where = f"{path.relative_to(root)}: <{tag} {attribute}={value!r}>"
            if parts.scheme in ("http", "https"):
                if tag != "a":  # a source's web address is a link to follow, never something the page loads
                    problems.append(f"{where} loads from the web")
                continue
            if parts.scheme or parts.netloc or value.startswith("/"):
                problems.append(f"{where} is not a relative link")
                continue
            target = (path.parent / unquote(parts.path)).resolve() if parts.path else path
            if not target.is_relative_to(root) or not target.is_file():
                problems.append(f"{where} leads to no file of the site")
            elif parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parsed(target).ids
                if parts.fragment not in ids:
                    problems.append(f"{where} names no id on its page")
    return problems


def test_small_site_has_every_page(small_site):
    paths = SitePaths()
    expected = [paths.index, paths.matrix, paths.rules, paths.pair("eu-ets", "kazakhstan"),
                paths.pair("kazakhstan", "korea"), paths.pair("eu-ets", "korea"), paths.ranking("korea"),
                paths.phase("kazakhstan", "phase2"), paths.system("eu-ets"),
                paths.diff("kazakhstan", "phase2", "phase3"), paths.diff("korea", "phase1", "phase2")]
    for name in expected:
        assert (small_site / name).is_file(), name
    assert len(list((small_site / "pairs").glob("*.html"))) == 3
    assert (small_site / MARKER).is_file()
    assert (small_site / "assets" / "fonts" / "DejaVuSans.ttf").is_file()


def test_small_site_links_all_resolve(small_site):
    assert broken_links(small_site) == []


def test_stylesheets_load_only_the_site_fonts(small_site):
    """The fonts a stylesheet names are files in assets/, and no stylesheet loads anything from elsewhere."""
    import re

    for sheet in (small_site / "assets").glob("*.css"):
        for url in re.findall(r"url\(([^)]*)\)", sheet.read_text(encoding="utf-8")):
            url = url.strip("'\" ")
            assert not urlsplit(url).scheme, (sheet.name, url)
            target = (sheet.parent / url).resolve()
            assert target.is_relative_to(small_site.resolve()) and target.is_file(), (sheet.name, url)
        assert "@import" not in sheet.read_text(encoding="utf-8"), sheet.name


def test_pages_load_nothing_but_the_site(small_site):
    for path in html_pages(small_site):
        page = parsed(path)
        assert "script" not in page.tags, path
        assert all(not urlsplit(href).scheme for href in page.stylesheets), path


def test_every_page_has_the_navigation(small_site):
    for path in html_pages(small_site):
        hrefs = {value for tag, name, value in parsed(path).links if tag == "a"}
        root = "../" * len(path.relative_to(small_site).parts[:-1])
        assert {f"{root}index.html", f"{root}matrix.html", f"{root}rules.html"} <= hrefs, path


def test_matrix_names_the_verdict_in_every_cell(small_site):
    text = (small_site / "matrix.html").read_text(encoding="utf-8")
    cells = text.count('<td class="cell verdict-')
    assert cells == 6  # three pairs, each shown both ways round
    words = sum(text.count(f'<span class="word">{word}</span>') for word in VERDICT_WORDS)
    assert words == cells
    assert 'href="pairs/eu-ets--kazakhstan.html"' in text


def test_phase_page_is_a_factsheet_with_numbered_sources(small_site):
    page = (small_site / SitePaths.phase("kazakhstan", "phase2")).read_text(encoding="utf-8")
    assert "Kazakhstan Emissions Trading System" in page
    assert 'class="ref" href="#src-1"' in page and 'id="src-1"' in page
    assert "unknown" in page and "Type of system" in page


def test_rules_page_lists_the_catalogue(small_site):
    from linkcheck.rules import REGISTRY

    page = (small_site / "rules.html").read_text(encoding="utf-8")
    for code, rule in REGISTRY.items():
        assert f'id="{code}"' in page
    assert "{side}" not in page


def test_same_inputs_give_the_same_site(small_site, tmp_path):
    again = build(tmp_path / "again", systems=SMALL)
    files = sorted(p.relative_to(small_site) for p in small_site.rglob("*") if p.is_file())
    assert files == sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    for name in files:
        assert (small_site / name).read_bytes() == (again / name).read_bytes(), name


def test_site_in_russian(tmp_path):
    site = build(tmp_path / "ru", systems=["eu-ets", "kazakhstan"], lang="ru")
    gettext = i18n.translations("ru").gettext
    assert gettext("Blocked") in (site / "matrix.html").read_text(encoding="utf-8")
    assert '<html lang="ru">' in (site / "index.html").read_text(encoding="utf-8")
    assert broken_links(site) == []


# --- the whole library ----------------------------------------------------------------------------------------

def test_full_site_builds_quickly_and_links_resolve(full_site):
    site, seconds = full_site
    assert seconds < 60, f"the full site took {seconds:.1f} s"
    systems = len(shipped_files())
    assert len(list((site / "pairs").glob("*.html"))) == systems * (systems - 1) // 2
    assert len(list((site / "rankings").glob("*.html"))) == systems
    assert broken_links(site) == []


def test_full_index_lists_every_shipped_system(full_site):
    from linkcheck.loading.library import load_file

    index = (full_site[0] / "index.html").read_text(encoding="utf-8")
    for system_id, path in shipped_files().items():
        assert f'href="systems/{system_id}.html"' in index
        assert load_file(path).profile.reviewed.strftime("%B") in index  # the review date is shown


# --- hostile profile text -------------------------------------------------------------------------------------

SCRIPT = "<script>alert('atlas')</script>"


def hostile_profile(folder: Path) -> Path:
    """Korea's profile with markup in its name and in a note: text a web page must show, never run."""
    text = (shipped_profiles_dir() / "korea.yaml").read_text(encoding="utf-8")
    text = text.replace("name: Korea Emissions Trading Scheme (K-ETS)",
                        f'name: "Korea {SCRIPT} <img src=x onerror=alert(1)>"', 1)
    text = text.replace('    note: "Third-party copy of the ICAP factsheet PDF."',
                        f'    note: "{SCRIPT} <a href=\'https://example.invalid\'>x</a>"', 1)
    path = folder / "korea.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_hostile_profile_text_is_escaped(tmp_path):
    profile = hostile_profile(tmp_path)
    site = build(tmp_path / "site", systems=[str(profile), "eu-ets"])
    pages = {path.relative_to(site).as_posix(): path.read_text(encoding="utf-8") for path in html_pages(site)}
    for name, text in pages.items():
        assert "<script>" not in text and "<img src=x" not in text, name
    assert "&lt;script&gt;" in pages["index.html"]
    assert "&lt;script&gt;alert(&#39;atlas&#39;)" in pages[SitePaths.phase("korea", "phase1")]  # the source's note
    assert "&lt;script&gt;" in pages[SitePaths.pair("eu-ets", "korea")]
    assert broken_links(site) == []


# --- where the site is written --------------------------------------------------------------------------------

def test_refuses_a_folder_that_is_not_a_site(tmp_path):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "thesis.docx").write_text("years of work")
    with pytest.raises(LinkcheckError, match="not empty and is not a site"):
        build(folder, systems=["eu-ets"])
    assert [p.name for p in folder.iterdir()] == ["thesis.docx"]
    assert [p.name for p in tmp_path.iterdir()] == ["mine"]  # no partial folder left beside it


def test_refuses_a_file(tmp_path):
    target = tmp_path / "site.html"
    target.write_text("x")
    with pytest.raises(LinkcheckError, match="not a folder"):
        build(target, systems=["eu-ets"])
    assert target.read_text() == "x"


def test_replaces_a_previous_site_whole(tmp_path):
    folder = build(tmp_path / "site", systems=["eu-ets", "korea"])
    (folder / "stale.html").write_text("from an older run")
    build(folder, systems=["eu-ets", "kazakhstan"])
    assert not (folder / "stale.html").exists()
    assert not (folder / SitePaths.system("korea")).exists()
    assert (folder / SitePaths.system("kazakhstan")).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]  # nothing left beside it


def test_writes_into_an_empty_folder(tmp_path):
    folder = tmp_path / "empty"
    folder.mkdir()
    build(folder, systems=["eu-ets"])
    assert (folder / "index.html").is_file()


def test_failed_build_leaves_the_previous_site(tmp_path):
    folder = build(tmp_path / "site", systems=["eu-ets"])
    before = (folder / "index.html").read_bytes()
    with pytest.raises(LinkcheckError):
        build(folder, systems=["eu-ets", "no-such-system"])
    assert (folder / "index.html").read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["site"]


@pytest.mark.parametrize("options, message", [
    ({"systems": ["kazakhstan@phase2"]}, "whole systems"),
    ({"systems": ["eu-ets"], "lang": "fr"}, "unknown language"),
    ({"systems": []}, "at least one system"),
])
def test_user_errors(tmp_path, options, message):
    with pytest.raises(LinkcheckError, match=message):
        build(tmp_path / "site", **options)
    assert not (tmp_path / "site").exists()


def test_refuses_to_replace_a_folder_holding_its_input(tmp_path):
    folder = build(tmp_path / "site", systems=["eu-ets"])
    profile = hostile_profile(folder)
    with pytest.raises(LinkcheckError, match="holds an input profile"):
        build(folder, systems=[str(profile)])
    assert profile.is_file()


@pytest.mark.parametrize("name", ["../etc", ".hidden", "a/b", "a--b", "A", "", "x" * 81, "a..b", "con\0"])
def test_page_names_are_whitelisted(name):
    with pytest.raises(LinkcheckError):
        segment(name)


def test_pair_pages_are_named_the_same_either_way_round():
    assert SitePaths.pair("korea", "eu-ets") == SitePaths.pair("eu-ets", "korea") == "pairs/eu-ets--korea.html"


def test_full_pair_reports(tmp_path):
    site = build(tmp_path / "full", systems=["eu-ets", "kazakhstan"], full_pair_reports=True)
    page = (site / SitePaths.pair("eu-ets", "kazakhstan")).read_text(encoding="utf-8")
    assert 'id="methodology"' in page and 'id="timeline"' in page  # the full report, with its convergence chapter
    assert broken_links(site) == []
