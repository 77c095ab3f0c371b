"""Reports: every kind in both languages, inert with hostile profiles, fetching nothing, reproducible and atomic,
and truthful about what is not known: open questions apart from differences, undetermined verdicts, the assessment
date, score ranges, ranking ties and timeline transitions.

WeasyPrint is slow, so each kind is printed to PDF once per language (module-scoped `pdfs`) and every PDF test
reads those renders; everything else is checked on HTML, Markdown or JSON.
"""

from __future__ import annotations

import calendar
import datetime as dt
import json
import os
import re
import shutil
import subprocess
import sys
import threading
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from click.testing import CliRunner
from markupsafe import Markup

from linkcheck.engine import assess, matrix
from linkcheck.errors import LinkcheckError
from linkcheck.loading.library import load_file, load_reference, shipped_files
from linkcheck.paths import report_templates_dir
from linkcheck.reports import assets, i18n, render
from linkcheck.commands.report import report
from linkcheck.rules import REGISTRY

FIXTURES = Path(__file__).parent / "fixtures"
DATE = "2026-11-26"
KINDS = {
    "pairwise": ["kazakhstan@phase2", "eu-ets@phase3"],
    "ranking": ["--rank", "kazakhstan@phase2", "eu-ets@phase3", "rggi@2014", "california@2013", "korea@phase1"],
    "readiness": ["--readiness", "ukraine@draft", "--against", "eu-ets@phase4", "--against", "uk@2021"],
}
CHAPTERS = {
    "pairwise": ["Executive summary", "Scorecard", "Blockers and required adjustments", "Open questions",
                 "Comparison by dimension",
                 "Convergence over time", "Roadmap", "Methodology", "Sources", "Appendix: the lesser differences"],
    "ranking": ["Ranking and conclusion", "Conclusion", "Methodology", "Sources"],
    "readiness": ["Summary", "Prerequisites checklist", "What to define before launch", "The Kazakhstan lesson",
                  "The closest partner", "Sources"],
}
HOSTILE = str(FIXTURES / "hostile.yaml")
MINIMAL = str(FIXTURES / "minimal.yaml")


def run(*args: str):
    return CliRunner().invoke(report, list(args), catch_exceptions=False)


def context_of(*args: str, tmp_path: Path) -> dict:
    """The report's data, as --format json writes it."""
    out = tmp_path / "context.json"
    assert run(*args, "--date", DATE, "-o", str(out)).exit_code == 0
    return json.loads(out.read_text(encoding="utf-8"))


@pytest.fixture
def blank(tmp_path) -> str:
    """A starter profile from `linkcheck new`: every fact undefined."""
    from linkcheck.commands import main

    path = tmp_path / "blankland.yaml"
    result = CliRunner().invoke(main, ["new", "Blankland", "-o", str(path)], catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return str(path)


def chapter(page: str, chapter_id: str) -> str:
    """One chapter of an HTML report."""
    start = page.index(f'<section class="chapter" id="{chapter_id}">')
    end = page.find('<section class="chapter"', start + 1)
    return page[start:end if end > 0 else len(page)]


def pdf_text(path: Path) -> str:
    """The PDF's text on one line: pdftotext (poppler-utils, installed by `make test`) is fast."""
    text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True).stdout
    return " ".join(text.decode("utf-8").split())


@pytest.fixture(scope="module")
def pdfs(tmp_path_factory):
    """Each report kind printed once per language, on first use: (kind, lang) -> path."""
    folder = tmp_path_factory.mktemp("pdfs")
    cache: dict[tuple[str, str], Path] = {}

    def get(kind: str, lang: str) -> Path:
        if (kind, lang) not in cache:
            path = folder / f"{kind}-{lang}.pdf"
            result = run(*KINDS[kind], "--lang", lang, "--date", DATE, "-o", str(path))
            assert result.exit_code == 0, result.output
            cache[kind, lang] = path
        return cache[kind, lang]

    return get


def expected_blockers(kind: str) -> set[str]:
    """Blockers that rest on defined facts (never open questions)."""
    if kind == "pairwise":
        return {f.rule for f in assess(*map(load_reference, KINDS[kind])).blockers}
    refs = [r for r in KINDS[kind] if not r.startswith("--")]
    candidate = load_reference(refs[0])
    return {f.rule for ref in refs[1:] for f in assess(candidate, load_reference(ref)).blockers}


# ---------- The PDF reports ----------

@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
@pytest.mark.parametrize("kind", list(KINDS))
def test_pdf_report_holds_chapters_verdict_and_blocker_codes(pdfs, kind, lang, tmp_path):
    gettext = i18n.translations(lang).gettext
    path = pdfs(kind, lang)
    text = pdf_text(path)
    from babel.dates import format_date

    iso = context_of(*KINDS[kind], tmp_path=tmp_path)["as_of"]
    as_of = format_date(dt.date.fromisoformat(iso), format="long", locale=lang)  # dates read in the report's language
    as_of, text = (t.replace("\u202f", " ").replace("\xa0", " ") for t in (as_of, text))  # "2015 г." (narrow space)
    assert gettext("Facts as of") in text and as_of in text  # on the cover
    assert gettext("As of %(date)s: each system is looked at as it stood that day.") % {"date": as_of} in text
    for chapter in CHAPTERS[kind]:
        assert gettext(chapter) in text, chapter
    assert gettext(i18n.VERDICTS["blocked"]) in text
    for code in expected_blockers(kind):
        assert code in text
    assert gettext("Page {page} of {pages}").format(page=3, pages="") in text  # the running footer
    if lang != "en":
        assert "\ufffd" not in text
    for ref in (r for r in KINDS[kind] if "@" in r):
        system, phase = ref.split("@")
        assert f"{system} {phase}" not in text  # prose names systems, never by their ids
    assert_only_shipped_fonts(path)


def assert_only_shipped_fonts(path: Path) -> None:
    from pypdf import PdfReader

    reader = PdfReader(path)
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"].get("/Font", {}).values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"].get_object()
            fonts[font["/BaseFont"].split("+")[-1]] = "/FontFile2" in descriptor
    assert fonts and all(name.startswith("DejaVu") for name in fonts), fonts
    assert all(fonts.values()), "every font is embedded"
    assert reader.metadata["/CreationDate"] == "D:20261126000000Z"


def test_same_inputs_give_a_byte_identical_pdf_without_system_fonts(pdfs, tmp_path):
    """A second process, dated by SOURCE_DATE_EPOCH instead of --date and with no system fonts at all, prints the
    same bytes: the PDF depends on nothing but its inputs and the package's own fonts."""
    reference = pdfs("readiness", "ru")
    (tmp_path / "fonts.conf").write_text(
        f'<?xml version="1.0"?><fontconfig><dir>{tmp_path / "none"}</dir>'
        f"<cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>", encoding="utf-8")
    epoch = calendar.timegm(dt.date.fromisoformat(DATE).timetuple())
    env = {**os.environ, "SOURCE_DATE_EPOCH": str(epoch), "FONTCONFIG_FILE": str(tmp_path / "fonts.conf"),
           "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    again = tmp_path / "again.pdf"
    code = ("import sys; from linkcheck.commands.report import report; "
            "report.main(sys.argv[1:], standalone_mode=True)")
    subprocess.run([sys.executable, "-W", "ignore", "-c", code, *KINDS["readiness"], "--lang", "ru",
                    "-o", str(again)], env=env, check=True, capture_output=True)
    assert again.read_bytes() == reference.read_bytes()


# ---------- Untrusted profiles ----------

class Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: set[str] = set()
        self.attributes: list[tuple[str, str, str]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.add(tag)
        self.attributes += [(tag, name, value or "") for name, value in attrs]


# Every element the templates and charts write; a profile can add none.
ALLOWED_TAGS = {"html", "head", "meta", "title", "style", "link", "body", "section", "nav", "div", "p", "h1", "h2",
                "h3", "h4", "span", "b", "code", "br", "a", "ol", "ul", "li", "table", "colgroup", "col", "thead",
                "tbody", "tr", "th", "td", "figure", "figcaption", "article", "svg", "defs", "pattern", "rect",
                "path", "circle", "text", "line", "polyline", "wbr"}


@pytest.mark.parametrize("args", [[HOSTILE + "@first", MINIMAL + "@first"],
                                  ["--readiness", HOSTILE + "@first", "--against", MINIMAL + "@second"],
                                  ["--rank", MINIMAL + "@second", HOSTILE + "@first"]])
def test_hostile_profile_text_is_inert_in_html_and_markdown(tmp_path, args):
    run(*args, "-o", str(tmp_path / "r.html"), "--date", DATE)
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    parsed = Tags()
    parsed.feed(page)
    assert parsed.tags <= ALLOWED_TAGS, parsed.tags - ALLOWED_TAGS
    for tag, name, value in parsed.attributes:
        assert not name.startswith("on"), (tag, name)
        assert name not in ("src", "srcdoc", "data", "action", "formaction"), (tag, name)
        if name == "href":
            assert value.startswith(("#", "url(#")), (tag, value)
        assert "url(" not in value or value.startswith("url(#"), (tag, name, value)
    assert page.count("<style>") == 2 and "<link" not in page  # the screen report needs no external file
    assert "Hostile &lt;script&gt;alert(&#39;name&#39;)&lt;/script&gt; ETS {{ 7 * 7 }}" in page  # shown, as text
    assert "{{ 7 * 7 }}" in page  # profile text is never evaluated as a template

    run(*args, "-o", str(tmp_path / "r.md"), "--date", DATE)
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert not re.search(r"<\s*(script|img|link|style|iframe|svg|object|div)", markdown, re.IGNORECASE)
    assert "&lt;script&gt;" in markdown


def test_hostile_profile_pdf_fetches_only_package_assets(tmp_path, monkeypatch):
    asked: list[str] = []
    make_fetcher = assets.safe_fetcher

    def recording_fetcher():
        fetcher = make_fetcher()
        fetch = fetcher.fetch

        def record(url, headers=None):
            asked.append(url)
            return fetch(url, headers)

        fetcher.fetch = record
        return fetcher

    monkeypatch.setattr(render, "safe_fetcher", recording_fetcher)
    out = tmp_path / "hostile.pdf"
    assert run("--readiness", HOSTILE + "@first", "-o", str(out), "--date", DATE).exit_code == 0
    root = report_templates_dir().resolve().as_uri()
    assert asked and all(url.startswith(root + "/") for url in asked), asked
    text = pdf_text(out)
    assert "<script>alert('note')</script>" in text and "{{ 7 * 7 }}" in text


def test_fetcher_refuses_everything_outside_report_templates(tmp_path, monkeypatch):
    root = report_templates_dir().resolve()
    assert assets.asset_path((root / "fonts.css").as_uri()) == root / "fonts.css"
    for url in ["file:///etc/passwd", (root / "../pyproject.toml").as_uri(), root.as_uri() + "/../pyproject.toml",
                root.as_uri() + "/%2e%2e/pyproject.toml", "file://otherhost" + str(root / "fonts.css"),
                "http://127.0.0.1:9/x.css", "https://example.com/x.png", "data:text/css,body{color:red}",
                "ftp://example.com/x", "javascript:alert(1)", root.as_uri() + "/fonts"]:
        with pytest.raises(assets.AssetRefused):
            assets.asset_path(url)
    # A symlink inside the folder that points out of it is refused too.
    fake = tmp_path / "templates"
    fake.mkdir()
    (fake / "leak.css").symlink_to("/etc/passwd")
    monkeypatch.setattr(render, "report_templates_dir", lambda: fake)
    with pytest.raises(assets.AssetRefused):
        assets.asset_path((fake / "leak.css").as_uri())


def test_weasyprint_reaches_no_network_and_no_other_file(tmp_path, caplog):
    """Markup that tries every fetch is printed through the safe fetcher: a local server sees no request, even
    one that would redirect to a local file, and no file outside report_templates/ is read."""
    hits: list[str] = []

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(302)
            self.send_header("Location", "file:///etc/passwd")
            self.end_headers()

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    host = f"http://127.0.0.1:{server.server_address[1]}"
    secret = tmp_path / "secret.css"
    secret.write_text("body { background: red }", encoding="utf-8")
    page = f"""<html><head>
        <link rel="stylesheet" href="{host}/redirect.css"><link rel="stylesheet" href="{secret.as_uri()}">
        <style>@import url("{host}/import.css"); @import url("{secret.as_uri()}");
          @font-face {{ font-family: X; src: url("{host}/font.ttf"), url("file:///usr/share/fonts/x.ttf"); }}
          body {{ background: url("{host}/bg.png") }} p {{ background: url("file:///etc/passwd") }}</style>
        </head><body><p>text</p><img src="{host}/img.png"><img src="file:///etc/passwd">
        <object data="{host}/object"></object><iframe src="{host}/frame"></iframe>
        <svg><image href="{host}/svg.png"/><image href="file:///etc/passwd"/></svg></body></html>"""
    try:
        document = render.pdf(page, dt.date.fromisoformat(DATE))
    finally:
        server.shutdown()
    assert document.startswith(b"%PDF") and hits == []
    refused = [r.getMessage() for r in caplog.records if "refused" in r.getMessage()]
    assert refused, "WeasyPrint reports the refused fetches"


# ---------- Translations ----------

def _catalogue(path: Path):
    from babel.messages.pofile import read_po

    with path.open("rb") as handle:
        return read_po(handle, locale=None if path.suffix == ".pot" else path.parent.parent.name)


def _placeholders(text: str) -> set[str]:
    return set(re.findall(r"%\([a-z_]+\)s|%s|\{[a-z_]+\}", text))


@pytest.mark.parametrize("lang", [lang for lang in i18n.LANGUAGES if lang != "en"])
def test_catalogue_is_current_and_every_language_is_complete(lang):
    """messages.pot matches a fresh extraction (run `python -m linkcheck.reports.i18n` when it does not), and
    every message has a translation in each language with the same placeholders."""
    fresh = {m.id for m in i18n.extract_catalogue() if m.id}
    stored = {m.id for m in _catalogue(i18n.locale_dir() / "messages.pot") if m.id}
    assert fresh == stored, "run `python -m linkcheck.reports.i18n`, then translate what is new"
    translated = {m.id: m for m in _catalogue(i18n.po_path(lang)) if m.id}
    for msgid in fresh:
        message = translated.get(msgid)
        assert message is not None and not message.fuzzy, msgid
        ids = msgid if isinstance(msgid, tuple) else (msgid,)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        assert all(strings), msgid
        assert all(_placeholders(s) == _placeholders(ids[-1]) for s in strings), msgid


@pytest.mark.parametrize(("lang", "letters"), [("ru", "[а-яё]"), ("uk", "[а-щьюяєіїґ]")])
def test_every_rule_title_rationale_and_remedy_is_translated(lang, letters):
    gettext = i18n.translations(lang).gettext
    for rule in REGISTRY.values():
        for text in (rule.title, rule.rationale, rule.remedy):
            translated = gettext(text)
            assert translated != text and re.search(letters, translated), (rule.code, text)
        assert "{side}" in gettext(rule.remedy), rule.code


def test_english_remedies_are_the_engines_own():
    """Reports rebuild each remedy from the catalogue, so Russian can name the side; in English that must give
    back exactly what the engine wrote, for every finding of every pair of shipped systems."""
    identity = i18n.translations("en").gettext
    phases = [load_file(path).resolve() for path in shipped_files().values()]
    for x in matrix(phases):
        names = {"a": x.a.display, "b": x.b.display}
        for f in x.findings:
            msgid = i18n.remedy_msgid(f.kind, f.remedy, REGISTRY[f.rule].remedy)
            assert i18n.remedy_text(identity, msgid, f.adjust, names) == f.remedy, (x.a.ref, x.b.ref, f.rule)


def test_numbers_and_dates_follow_the_locale(tmp_path):
    data = context_of(*KINDS["pairwise"], tmp_path=tmp_path)
    run(*KINDS["pairwise"], "--lang", "ru", "--date", DATE, "-o", str(tmp_path / "r.html"))
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    assert 'lang="ru"' in page and "26 ноября 2026\u202fг." in page
    assert all(f"{n:g}".replace(".", ",") in page for n in (data["score"], data["score_floor"]))
    assert "Оценочная карта" in page and "Заблокировано" in page


# ---------- Formats, charts and files ----------

def test_format_follows_the_extension_or_the_option(tmp_path):
    for name in ("r.json", "r.md", "r.html", "r.txt"):
        extra = ["--format", "md"] if name.endswith(".txt") else []
        assert run(*KINDS["pairwise"], "--date", DATE, "-o", str(tmp_path / name), *extra).exit_code == 0
    data = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert data["kind"] == "pairwise" and data["verdict"] == "blocked" and data["date"] == DATE
    assert (tmp_path / "r.md").read_text(encoding="utf-8").startswith("# Can Kazakhstan")
    assert (tmp_path / "r.txt").read_text(encoding="utf-8").startswith("# Can Kazakhstan")
    assert (tmp_path / "r.html").read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    result = run(*KINDS["pairwise"], "-o", str(tmp_path / "r.odt"))
    assert result.exit_code == 2 and "--format" in result.output


def test_html_report_charts_are_inline_svg_with_numbers_and_patterns(tmp_path):
    data = context_of(*KINDS["pairwise"], tmp_path=tmp_path)
    run(*KINDS["pairwise"], "--date", DATE, "-o", str(tmp_path / "r.html"))
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    charts = {chart: re.search(rf'<svg [^>]*id="{chart}".*?</svg>', page, re.DOTALL).group(0)
              for chart in ("scorecard", "timeline")}
    at_risk = [d for d in data["dimensions"] if d["floor"] < d["score"]]
    assert at_risk and all(f"at worst {d['floor']:g}" in charts["scorecard"] for d in at_risk)  # the floor too
    assert all(f"{s['score']:g}" in charts["timeline"] for s in data["timeline"])
    assert "at risk from open questions" in charts["scorecard"] and 'stroke-dasharray="3,2"' in charts["scorecard"]
    assert "<pattern" in page and 'fill="url(#scorecard-cross-' in page  # hatching, not colour alone
    run("china@2021", "eu-ets@phase4", "--date", DATE, "-o", str(tmp_path / "single.html"))
    assert 'id="timeline"' not in (tmp_path / "single.html").read_text(encoding="utf-8")  # one phase: no timeline


def test_sources_list_exactly_what_the_report_cites_in_order(tmp_path):
    run(*KINDS["readiness"], "--against", "kazakhstan@phase4", "--date", DATE, "-o", str(tmp_path / "r.html"))
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    listed = re.findall(r'<li id="src-(\d+)">', page)
    cited = list(dict.fromkeys(re.findall(r'href="#src-(\d+)"', page)))
    assert listed == cited == [str(n) for n in range(1, len(listed) + 1)]
    assert "Kazakhstan" not in page.split('id="sources"')[1]  # a partner whose findings are not shown is not cited


def test_refuses_to_write_over_an_input(tmp_path):
    profile = tmp_path / "minimal.yaml"
    shutil.copy(MINIMAL, profile)
    before = profile.read_bytes()
    result = run(f"{profile}@first", f"{profile}@second", "--format", "html", "-o", str(profile))
    assert result.exit_code == 2 and "input" in result.output
    assert profile.read_bytes() == before


def test_a_failed_report_leaves_no_file_behind(tmp_path, monkeypatch):
    out = tmp_path / "report.pdf"
    out.write_bytes(b"the previous report")

    def broken(*args, **kwargs):
        raise LinkcheckError("rendering failed")

    monkeypatch.setattr(render, "render", broken)
    result = run(*KINDS["pairwise"], "-o", str(out))
    assert result.exit_code == 2 and "rendering failed" in result.output
    assert out.read_bytes() == b"the previous report" and os.listdir(tmp_path) == ["report.pdf"]


@pytest.mark.parametrize("args, message", [
    (["--rank", "kazakhstan@phase2"], "--rank needs"),
    (["kazakhstan@phase2", "eu-ets@phase3", "--against", "uk@2021"], "--against goes with --readiness"),
    (["kazakhstan@phase2", "eu-ets@phase3", "rggi@2014"], "compares two profiles"),
    (["--readiness", "ukraine@draft", "uk@2021"], "--against"),
    (["--rank", "--readiness", "ukraine@draft", "uk@2021"], "choose one"),
    (["kazakhstan@phase9", "eu-ets@phase3"], "no phase"),
])
def test_usage_errors_exit_2_with_a_message(tmp_path, args, message):
    result = run(*args, "-o", str(tmp_path / "r.html"))
    assert result.exit_code == 2 and message in result.output
    assert not (tmp_path / "r.html").exists()


def test_report_date_is_the_option_else_source_date_epoch_else_today(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "86400")
    assert render.report_date() == dt.date(1970, 1, 2)
    assert render.report_date(dt.date(2030, 5, 1)) == dt.date(2030, 5, 1)
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "yesterday")
    with pytest.raises(LinkcheckError):
        render.report_date()
    monkeypatch.delenv("SOURCE_DATE_EPOCH")
    assert render.report_date() == dt.date.today()


def test_importing_the_command_loads_no_heavy_library():
    found = subprocess.run([sys.executable, "-X", "importtime", "-c", "import linkcheck.commands.report"],
                           capture_output=True, text=True, check=True,
                           env={**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}).stderr
    heavy = [line for line in found.splitlines() if re.search(r"weasyprint|jinja2|babel", line, re.IGNORECASE)]
    assert not heavy, heavy


def test_markdown_escapes_profile_text_but_not_macro_output():
    assert render._markdown_safe("<b>|x\ny") == "&lt;b&gt;\\|x y"
    assert render._markdown_safe(Markup("<b>kept</b>")) == "<b>kept</b>"


# ---------- What is not known ----------

@pytest.mark.parametrize("lang", ["en", "ru"])
def test_an_undetermined_pair_says_so_and_lists_open_questions_apart_from_blockers(tmp_path, blank, lang):
    gettext = i18n.translations(lang).gettext
    args = [blank, "eu-ets@phase4", "--as-of", "2026-06-30", "--lang", lang]
    data = context_of(*args, tmp_path=tmp_path)
    assert data["verdict"] == "undetermined" and data["as_of"] == "2026-06-30"
    assert data["counts"]["blocker"] == 0 and data["open_counts"]["blocker"] > 0
    stake_blockers = {f["rule"] for f in data["findings"] if f["open"] and f["severity"] == "blocker"}
    assert "LK-SYS-01" in stake_blockers

    assert run(*args, "--date", DATE, "-o", str(tmp_path / "r.html")).exit_code == 0
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    summary = chapter(page, "summary")
    assert gettext("Undetermined") in summary and gettext("Completeness") in summary
    assert "2026-06-30" in summary and "0 %" in summary  # the date, and how little is known
    assert gettext("What blocks the link") not in summary  # no blocker rests on defined facts
    # Open questions are never shown as blockers: not in the blockers chapter, not in the roadmap's first step.
    actions = chapter(page, "actions")
    assert not any(code in actions for code in stake_blockers)
    questions = chapter(page, "questions")
    assert gettext("Open questions") in questions and all(code in questions for code in stake_blockers)
    assert gettext("at stake: %(severity)s") % {"severity": gettext("Blocker").lower()} in questions
    assert gettext("%(name)s must decide it") % {"name": "Blankland draft"} in questions  # who must decide
    assert gettext("Step 1: remove the blockers") not in chapter(page, "roadmap")

    assert run(*args, "--date", DATE, "-o", str(tmp_path / "r.md")).exit_code == 0
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    summary = markdown.split("## " + gettext("Scorecard"))[0]
    assert gettext("Undetermined") in summary and "2026-06-30" in summary
    assert gettext("Open questions") in markdown and "LK-SYS-01" in markdown
    actions = markdown.split("## " + gettext("Blockers and required adjustments"))[1].split("## ")[0]
    assert not any(code in actions for code in stake_blockers)
    if lang == "en":
        assert "undetermined as of 2026-06-30, because only 0% of the facts" in summary
        assert "blocker must be removed" not in summary and "cannot link" not in summary
        assert "(range: adjustments needed to blocked)" in summary


def test_open_questions_of_a_blocked_pair_are_counted_apart(tmp_path):
    data = context_of(*KINDS["pairwise"], tmp_path=tmp_path)
    assert data["verdict"] == "blocked"
    blockers = {f["rule"] for f in data["findings"] if f["kind"] == "difference" and f["severity"] == "blocker"}
    at_stake = {f["rule"] for f in data["findings"] if f["open"] and f["severity"] == "blocker"} - blockers
    assert blockers and at_stake  # e.g. LK-OFF-01, and LK-MRV-01 (verification under development)
    run(*KINDS["pairwise"], "--date", DATE, "-o", str(tmp_path / "r.html"))
    summary = chapter((tmp_path / "r.html").read_text(encoding="utf-8"), "summary")
    listed = summary.split("What blocks the link")[1].split("</ul>")[0]
    assert all(code in listed for code in blockers) and not any(code in listed for code in at_stake)
    assert "Open questions by severity at stake" in summary and "Differences by severity" in summary
    assert f"confirmed; {data['score_floor']:g} if every open question resolved unfavourably" in summary
    n = data["counts"]["blocker"]
    assert f"{n} blocker{' must' if n == 1 else 's must'} be removed first." in summary
    questions = sum(data["open_counts"].values())
    assert f"{questions} open questions are not counted among the differences" in summary


def test_a_side_looked_at_on_another_day_is_said_so(tmp_path):
    args = [*KINDS["pairwise"], "--as-of", "2018-06-30"]
    data = context_of(*args, tmp_path=tmp_path)
    assert data["as_of"] == "2018-06-30" and data["a"]["as_of"] == "2015-12-31"
    run(*args, "--date", DATE, "-o", str(tmp_path / "r.md"))
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    assert "Facts as of: June 30, 2018" in markdown.splitlines()[2]
    assert "Kazakhstan ETS phase 2 is looked at as it stood on December 31, 2015" in markdown


def test_ranking_shows_ties_reasons_and_lists_the_undetermined_last_not_ranked(tmp_path, blank):
    args = ["--rank", "kazakhstan@phase2", blank, "eu-ets@phase3", "rggi@2014", "california@2013", "korea@phase1"]
    data = context_of(*args, tmp_path=tmp_path)
    partners = data["partners"]
    places = [p["place"] for p in partners]
    assert places[-1] is None and None not in places[:-1]  # the undetermined one last, not ranked
    assert partners[-1]["b"]["ref"] == "blankland@draft" and partners[-1]["verdict"] == "undetermined"
    tied = [p for p in partners if p["tied_with"]]
    assert tied and all(p["place"].endswith("=") for p in tied)  # kazakhstan's partners are close in score
    assert all(p["place"] == str(p["rank"]) for p in partners[:-1] if not p["tied_with"])
    run(*args, "--date", DATE, "-o", str(tmp_path / "r.md"))
    markdown = (tmp_path / "r.md").read_text(encoding="utf-8")
    table = markdown.split("| # |")[1].split("\n\n")[0].splitlines()[2:]
    assert [row.split(" | ")[0] for row in table] == [f"| {p or 'not ranked'}" for p in places]
    assert "Blankland draft" in table[-1] and "Not ranked: the verdict is undetermined" in table[-1]
    for row, p in zip(table, partners):
        assert p["reason"][1:] in row  # the engine's reason, capitalised
    assert f"## Partner {tied[0]['place']}: " in markdown and "## Not ranked: Blankland draft" in markdown

    run(*args, "--date", DATE, "--lang", "ru", "-o", str(tmp_path / "r.html"))
    page = (tmp_path / "r.html").read_text(encoding="utf-8")
    ranking = chapter(page, "ranking")
    tied_with = i18n.translations("ru").gettext("tied with {name}: {why}").split("{name}")[0].strip()
    assert tied_with and tied_with.lower() != "tied with"  # the engine's reason, in Russian
    assert "без места" in ranking and tied_with.lower() in ranking.lower() and "Не определено" in ranking
    svg = re.search(r'<svg [^>]*id="ranking".*?</svg>', page, re.DOTALL).group(0)
    assert f"{tied[0]['place']} {tied[0]['b']['display']}" in svg and "– Blankland draft" in svg
    assert all(f"{p['place']}. {p['b']['display']}" in svg for p in partners[:-1] if not p["tied_with"])


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_timeline_tells_a_difference_that_closed_from_one_that_became_an_open_question(tmp_path, lang):
    gettext = i18n.translations(lang).gettext
    data = context_of(*KINDS["pairwise"], tmp_path=tmp_path)
    both = {"became_open_question", "closed"}
    step = next(s for s in data["timeline"] if both <= {t["change"] for t in s["transitions"]})
    became_rule = next(t["rule"] for t in step["transitions"] if t["change"] == "became_open_question")
    closed_rule = next(t["rule"] for t in step["transitions"] if t["change"] == "closed")
    assert became_rule not in {i["rule"] for i in step["closed"]}  # the engine's own promise

    run(*KINDS["pairwise"], "--date", DATE, "--lang", lang, "-o", str(tmp_path / "r.md"))
    row = next(line for line in (tmp_path / "r.md").read_text(encoding="utf-8").splitlines()
               if line.startswith("| ") and f" ({step['phase']['period']}; " in line)
    became = gettext("became an open question (its facts are no longer known)")
    assert f"{became}: {became_rule}" in row and f"{gettext('closed')}: {closed_rule}" in row
    assert f"{gettext('closed')}: {became_rule}" not in row
    run(*KINDS["pairwise"], "--date", DATE, "--lang", lang, "-o", str(tmp_path / "r.html"))
    timeline = chapter((tmp_path / "r.html").read_text(encoding="utf-8"), "timeline")
    assert "change-became_open_question" in timeline and became in timeline


def test_every_verdict_and_kind_has_a_label_and_a_chart_mark():
    from linkcheck.engine import DIFFERENCE, ONE_WAY_EXEMPT, OPEN_QUESTION, RULE_ERROR, VERDICTS
    from linkcheck.reports import charts
    from linkcheck.timelines import CHANGES

    assert set(i18n.VERDICTS) == set(VERDICTS) == set(charts.VERDICT_FILLS) == set(charts.MARKERS)
    assert set(i18n.KINDS) == {DIFFERENCE, OPEN_QUESTION, RULE_ERROR, ONE_WAY_EXEMPT}
    assert set(i18n.TRANSITIONS) == set(CHANGES) == set(i18n.TRANSITION_MARKS)
    assert i18n.translations("ru").gettext("Undetermined") == "Не определено"


# ---------- Who the report is by and for; scenarios ----------

def _png(width: int = 60, height: int = 20) -> bytes:
    import struct
    import zlib

    raw = b"".join(b"\x00" + b"\x20\x40\x80" * width for _ in range(height))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))


DOCUMENT = ["--title", "Ukraine and its partners", "--author", "A. Consultant", "--client", "Ministry of Environment",
            "--reference", "LC-2026-014", "--draft"]


def test_author_client_reference_and_draft_reach_the_cover_and_the_pdf_metadata(tmp_path):
    import pypdf

    logo = tmp_path / "logo.png"
    logo.write_bytes(_png())
    out = tmp_path / "readiness.pdf"
    result = run(*KINDS["readiness"], *DOCUMENT, "--logo", str(logo), "--date", DATE, "-o", str(out))
    assert result.exit_code == 0, result.output
    meta = pypdf.PdfReader(out).metadata
    assert meta.title == "Ukraine and its partners" and meta.author == "A. Consultant"
    assert meta.subject == "Readiness self-assessment"
    text = pdf_text(out)
    for expected in ("Ministry of Environment", "A. Consultant", "LC-2026-014", "DRAFT", "Ukraine and its partners"):
        assert expected in text
    assert any(page.images for page in pypdf.PdfReader(out).pages[:1])  # the logo, on the cover


def test_without_an_author_the_pdf_names_no_author(pdfs):
    import pypdf

    meta = pypdf.PdfReader(pdfs("readiness", "en")).metadata
    assert meta.author is None and meta.creator.startswith("linkcheck")


@pytest.mark.parametrize("variant", ["pdf/a-3b", "pdf/ua-1"])
def test_archival_pdf_variants_render(tmp_path, variant):
    import pypdf

    out = tmp_path / "readiness.pdf"
    result = run("--readiness", MINIMAL, "--pdf-variant", variant, "--date", DATE, "-o", str(out))
    assert result.exit_code == 0, result.output
    reader = pypdf.PdfReader(out)
    xmp = reader.xmp_metadata
    assert xmp is not None
    part = "pdfaid" if variant.startswith("pdf/a") else "pdfuaid"
    assert part in reader.trailer["/Root"]["/Metadata"].get_object().get_data().decode("utf-8", "replace")


@pytest.mark.parametrize(("args", "message"), [
    (["--logo", "{notimage}"], "PNG or JPEG"),
    (["--author", "two\nlines"], "control character"),
    (["--pdf-variant", "pdf/a-3b", "--format", "html"], "applies to PDF output"),
    (["--readiness", "--set", "a.system.cap_type=none"], "pairwise report or a ranking"),
])
def test_bad_document_options_are_refused(tmp_path, args, message):
    notimage = tmp_path / "logo.png"
    notimage.write_text("not an image", encoding="utf-8")
    args = [a.replace("{notimage}", str(notimage)) for a in args]
    result = CliRunner().invoke(report, ["kazakhstan@phase2", "eu-ets@phase3", *args, "-o",
                                         str(tmp_path / "r.pdf")])
    assert result.exit_code == 2 and message in result.output, result.output
    assert not (tmp_path / "r.pdf").exists()


def test_a_scenario_report_is_labelled_and_lists_each_change(tmp_path):
    out = tmp_path / "scenario.html"
    result = run(*KINDS["pairwise"], "--set", "a.offsets.domestic.limit_pct=10", "--direction", "a-accepts-b",
                 "--date", DATE, "-o", str(out))
    assert result.exit_code == 0, result.output
    page = out.read_text(encoding="utf-8")
    cover = page[page.index('<section class="cover">'):page.index('<nav class="toc"')]
    assert "What-if:" in cover and "a.offsets.domestic.limit_pct = 10" in cover
    assert "What-if:" in chapter(page, "summary")
    data = context_of(*KINDS["pairwise"], "--set", "a.offsets.domestic.limit_pct=10", "--format", "json",
                      tmp_path=tmp_path)
    assert data["what_if"] == {"a": {"offsets.domestic.limit_pct": 10}}
    assert not any(f["rule"] == "LK-OFF-01" and f["kind"] == "difference" and f["adjust"] == "a"
                   and "domestic" in f["message"] for f in data["findings"])


# ---------- The brief ----------

@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("lang", ["en", "ru", "uk"])
def test_the_brief_fits_in_four_pages_and_keeps_what_a_meeting_needs(tmp_path, kind, lang):
    import pypdf

    out = tmp_path / f"{kind}-{lang}-brief.pdf"
    result = run(*KINDS[kind], "--brief", "--lang", lang, "--date", DATE, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert len(pypdf.PdfReader(out).pages) <= 4
    text = pdf_text(out)
    assert "--brief" in text  # the pointer to the full report
    if kind == "pairwise":
        for code in expected_blockers(kind):
            assert code in text
    if lang == "en":
        assert "Contents" not in text and "Appendix: the lesser differences" not in text and "Methodology" not in text
        if kind == "pairwise":
            assert "Who must change what" in text and "Open questions that could still block" in text


def test_progress_shows_on_a_terminal_only(monkeypatch, capsys):
    import sys

    from linkcheck.reports.writer import Progress

    monkeypatch.setattr(sys.stderr, "isatty", lambda: False, raising=False)
    quiet = Progress()
    quiet.say("printing the PDF")
    quiet.done()
    assert capsys.readouterr().err == ""
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True, raising=False)
    live = Progress()
    live.say("assessing")
    live.say("printing the PDF")
    live.done()
    err = capsys.readouterr().err
    assert "assessing…" in err and "printing the PDF…" in err and err.count(" s\n") == 2


# Words that only an English sentence has. A Russian or Ukrainian report quotes sources, notes and profile names
# as they are written; its own sentences must not be English.
ENGLISH_FUNCTION_WORDS = {"the", "and", "of", "is", "are", "with", "for", "not", "against", "has", "its", "that",
                          "which", "be", "from", "or", "must", "only", "each", "side", "there", "than", "would"}


def english_function_words(text: str) -> list[str]:
    text = re.sub(r"https?://\S+", " ", text)
    return [w for w in re.findall(r"[A-Za-z]+", text) if w.lower() in ENGLISH_FUNCTION_WORDS]


@pytest.mark.parametrize("kind", sorted(KINDS))
@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_a_brief_in_russian_or_ukrainian_has_no_english_sentences(tmp_path, kind, lang):
    out = tmp_path / f"{kind}-{lang}.pdf"
    result = run(*KINDS[kind], "--brief", "--lang", lang, "--date", DATE, "-o", str(out))
    assert result.exit_code == 0, result.output
    found = english_function_words(pdf_text(out))
    assert len(found) <= 2, found


@pytest.mark.parametrize("lang", ["ru", "uk"])
def test_findings_in_a_full_report_are_in_the_reports_language(tmp_path, lang):
    """Every finding's message is rendered from its template in the report's language, and systems are named by
    their names in that language."""
    out = tmp_path / "r.html"
    assert run(*KINDS["pairwise"], "--lang", lang, "--date", DATE, "-o", str(out)).exit_code == 0
    page = out.read_text(encoding="utf-8")
    label = re.escape(i18n.translations(lang).gettext("Finding:"))
    findings = re.findall(rf'<span class="label">{label}</span> (.*?)</p>', page)
    assert findings
    english = [f for f in findings if len(english_function_words(re.sub(r"<[^>]+>", " ", f))) > 1]
    assert not english, english[:3]
    assert "Kazakhstan ETS phase 2" not in page and "EU ETS phase 3" not in page


# ---------- The editable Word document ----------

@pytest.mark.parametrize("lang", ["en", "ru"])
def test_a_docx_has_word_headings_tables_and_the_charts_as_pictures(tmp_path, lang):
    import docx

    out = tmp_path / "report.docx"
    result = run(*KINDS["pairwise"], "--lang", lang, "--author", "A. Consultant", "--date", DATE, "-o", str(out))
    assert result.exit_code == 0, result.output
    document = docx.Document(str(out))
    gettext = i18n.translations(lang).gettext
    headings = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    for title in CHAPTERS["pairwise"]:
        assert any(gettext(title) in h for h in headings), title
    assert len(document.tables) > 10 and len(document.inline_shapes) >= 2  # the scorecard and timeline charts
    assert document.core_properties.author == "A. Consultant" and document.core_properties.language == lang
    again = tmp_path / "again.docx"
    assert run(*KINDS["pairwise"], "--lang", lang, "--author", "A. Consultant", "--date", DATE,
               "-o", str(again)).exit_code == 0
    assert again.read_bytes() == out.read_bytes()  # the same inputs and date give the same file
