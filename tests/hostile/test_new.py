"""`linkcheck new JURISDICTION -o FILE`: whatever is typed, the file validates and means what was typed, or
nothing is written and the message says why. The schema modeline is never an absolute path."""

from __future__ import annotations

import re

import pytest

import linkcheck.starter as starter
from linkcheck.loading.library import load_file
from linkcheck.starter import slugify, starter_profile

from .support import assert_refused

SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")

TYPED = [
    "Georgia",
    'The "Free" State',
    "C:\\ETS",
    "back\\slash\\\\double",
    "yes", "no", "on", "off", "y", "n", "true", "False",
    "2024", "010", "0x1F", "1e3", "1_000", ".inf", ".nan", "-.5",
    "null", "Null", "NULL",
    "1:30", "2026-02-30", "2026-01-01",
    "# not a comment", "key: value", "- item", "[a, b]", "{a: b}", "&anchor", "*alias", "!tag", "!!int 3",
    "%YAML 1.2", "--- doc", "... end", "@at", "`tick`", "'single'", "| block", "> folded",
    "Québec", "Île-de-France", "São Paulo", "Côte d'Ivoire",
    "  padded  ",
    "x" * 200,
]


@pytest.mark.parametrize("jurisdiction", TYPED)
def test_what_is_typed_is_what_the_file_says(cli, tmp_path, jurisdiction):
    target = tmp_path / "out.yaml"
    result = cli("new", "-o", str(target), "--", jurisdiction)
    assert result.code == 0, result.stderr
    assert result.stderr.startswith("wrote ")
    profile = load_file(target).profile
    assert profile.jurisdiction == jurisdiction
    assert profile.name == f"{jurisdiction} Emissions Trading System"
    assert SLUG.match(profile.id) and profile.id == slugify(jurisdiction)
    assert cli("validate", str(target)).code == 0


@pytest.mark.parametrize(("jurisdiction", "words"), [
    ("line\nbreak", "U+000A"),
    ("tab\tinside", "U+0009"),
    ("carriage\rreturn", "U+000D"),
    ("bell\x07", "U+0007"),
    ("osc \x1b]0;title\x07", "U+001B"),
    ("csi \x9b31m", "U+009B"),
    ("nul\0", "U+0000"),
    ("sep\u2028arator", "U+2028"),
    ("", "empty"),
    ("   ", "empty"),
    ("x" * 201, "the limit is 200"),
    ("Україна", "give one with --id"),
    ("日本", "give one with --id"),
    ("!!!", "give one with --id"),
    ("~", "give one with --id"),
    ("---", "give one with --id"),
    ("bad \udcff byte", "not valid UTF-8"),
])
def test_what_cannot_be_a_jurisdiction_is_refused(cli, tmp_path, jurisdiction, words):
    target = tmp_path / "out.yaml"
    result = cli("new", "-o", str(target), "--", jurisdiction)
    assert_refused(result, words)
    assert "wrote" not in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("jurisdiction", ["Україна", "日本", "Georgia"])
def test_an_id_can_be_given(cli, tmp_path, jurisdiction):
    target = tmp_path / "out.yaml"
    assert cli("new", jurisdiction, "--id", "draft-1", "-o", str(target)).code == 0
    profile = load_file(target).profile
    assert (profile.id, profile.jurisdiction) == ("draft-1", jurisdiction)


@pytest.mark.parametrize("given", ["Bad Id", "-x", "", "UPPER", "a/b", "x" * 65, "yes\n"])
def test_a_bad_id_is_refused(cli, tmp_path, given):
    result = cli("new", "Georgia", "--id", given, "-o", str(tmp_path / "out.yaml"))
    assert_refused(result, "--id")
    assert list(tmp_path.iterdir()) == []


def test_a_long_name_gives_a_bounded_id(cli, tmp_path):
    assert cli("new", "word " * 40, "-o", str(tmp_path / "out.yaml")).code == 0
    assert len(load_file(tmp_path / "out.yaml").profile.id) <= 64


def test_the_text_is_checked_before_it_is_written(cli, tmp_path, monkeypatch):
    # Should the quoting ever break, the loader refuses the text and nothing is written or announced.
    monkeypatch.setattr(starter, "_yaml_string", lambda text: f'"{text}"')
    result = cli("new", 'Say "hi"', "-o", str(tmp_path / "out.yaml"))
    assert_refused(result, "would not be valid", "was not written")
    assert "wrote" not in result.stderr
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("name", ["draft.json", "draft", "draft.yaml.txt"])
def test_a_starter_is_only_written_under_a_yaml_name(cli, tmp_path, name):
    assert_refused(cli("new", "Georgia", "-o", str(tmp_path / name)), "name the file .yaml or .yml")
    assert list(tmp_path.iterdir()) == []


def test_a_file_name_cannot_inject_into_the_header(cli, tmp_path):
    target = tmp_path / "x\nid: evil.yaml"
    assert cli("new", "Georgia", "-o", str(target)).code == 0
    profile = load_file(target).profile
    assert profile.id == "georgia"


# --- the schema modeline ----------------------------------------------------------------------------------------

def _checkout(root):
    (root / "system_profiles").mkdir(parents=True)
    (root / "system_profiles" / "profile.schema.json").write_text("{}", encoding="utf-8")
    return root


@pytest.mark.parametrize(("folder", "expected"), [
    ("", "system_profiles/profile.schema.json"),
    ("system_profiles", "profile.schema.json"),
    ("drafts/2026", "../../system_profiles/profile.schema.json"),
])
def test_inside_a_checkout_the_modeline_is_relative(cli, tmp_path, folder, expected):
    root = _checkout(tmp_path / "checkout")
    (root / folder).mkdir(parents=True, exist_ok=True)
    target = root / folder / "georgia.yaml"
    assert cli("new", "Georgia", "-o", str(target)).code == 0
    first = target.read_text(encoding="utf-8").splitlines()[0]
    assert first == f"# yaml-language-server: $schema={expected}"
    assert (target.parent / expected).resolve() == (root / "system_profiles" / "profile.schema.json").resolve()


def test_outside_a_checkout_there_is_no_modeline_only_how_to_add_one(cli, tmp_path):
    target = tmp_path / "georgia.yaml"
    assert cli("new", "Georgia", "-o", str(target)).code == 0
    text = target.read_text(encoding="utf-8")
    assert not text.startswith("# yaml-language-server:")
    assert "linkcheck schema > profile.schema.json" in text
    assert str(tmp_path) not in text and "file://" not in text


def test_the_modeline_never_names_this_machine(tmp_path):
    for schema in (None, "system_profiles/profile.schema.json"):
        text = starter_profile("Georgia", "g.yaml", schema=schema)
        assert "file://" not in text and "$schema=/" not in text
