"""Text from profiles is data: it never drives a terminal (control characters, ANSI and OSC escapes, bidi
overrides are shown escaped) and is never live Markdown (links, images, HTML and table pipes are inert)."""

from __future__ import annotations

import json
import re

import pytest

from linkcheck.engine import assess
from linkcheck.formats.markdown import assessment_markdown, diff_markdown, readiness_markdown
from linkcheck.formats.profile_text import phase_text
from linkcheck.safe_text import md_code, md_text, printable
from linkcheck.formats.text import assessment_text, diff_text, matrix_text, ranking_text, readiness_text
from linkcheck.differences import diff_phases
from linkcheck.loading.library import load_reference
from linkcheck.ranking import rank
from linkcheck.prerequisites import readiness

from .support import assert_refused

# --- terminal -----------------------------------------------------------------------------------------------------

TERMINAL_ATTACKS = {
    "osc-title": "\x1b]0;pwned\x07",
    "osc-hyperlink": "\x1b]8;;http://127.0.0.1:9/\x1b\\click\x1b]8;;\x1b\\",
    "sgr": "\x1b[31;1mRED\x1b[0m",
    "clear-screen": "\x1b[2J\x1b[H",
    "c1-csi": "\x9b2J",
    "c1-osc": "\x9d0;t\x9c",
    "carriage-return": "safe\rVerdict: COMPATIBLE",
    "backspace": "abc\x08\x08\x08xyz",
    "bidi-override": "abc\u202edcba",
    "line-separator": "one\u2028two",
    "nul": "a\0b",
}


def _only_our_styles(text: str) -> None:
    """No character a terminal acts on, except the SGR colour codes linkcheck itself writes."""
    without_ours = re.sub(r"\x1b\[[0-9;]*m", "", text)
    unsafe = re.findall("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\u2028\u2029]", without_ours)
    assert not unsafe, unsafe


def _hostile(phase, text):
    return phase.model_copy(update={"system_name": f"Name {text}", "jurisdiction": f"J {text}",
                                    "label": f"Label {text}", "origin": f"file {text}.yaml"})


@pytest.fixture(scope="module")
def pair():
    return load_reference("kazakhstan@phase2"), load_reference("eu-ets@phase3")


@pytest.mark.parametrize("attack", sorted(TERMINAL_ATTACKS))
@pytest.mark.parametrize("colour", [False, True], ids=["plain", "colour"])
def test_assessment_text_escapes_profile_text(pair, monkeypatch, attack, colour):
    if colour:
        monkeypatch.delenv("NO_COLOR", raising=False)
    else:
        monkeypatch.setenv("NO_COLOR", "1")
    a = _hostile(pair[0], TERMINAL_ATTACKS[attack])
    text = assessment_text(assess(a, pair[1]))
    _only_our_styles(text)
    assert "Name " in text
    if colour:
        assert "\x1b[1m" in text  # linkcheck's own styles still work


@pytest.mark.parametrize("attack", sorted(TERMINAL_ATTACKS))
def test_show_escapes_profile_text(pair, attack):
    a = _hostile(pair[0], TERMINAL_ATTACKS[attack])
    _only_our_styles(phase_text(a))
    assert printable(TERMINAL_ATTACKS[attack]) in phase_text(a)


@pytest.mark.parametrize("attack", sorted(TERMINAL_ATTACKS))
def test_other_text_views_escape_profile_text(pair, monkeypatch, attack):
    monkeypatch.delenv("NO_COLOR", raising=False)
    a = _hostile(pair[0], TERMINAL_ATTACKS[attack])
    b = _hostile(pair[1], TERMINAL_ATTACKS[attack])
    x = assess(a, b)
    _only_our_styles(ranking_text(rank(a, [b])))
    _only_our_styles(readiness_text(readiness(a)))
    _only_our_styles(matrix_text([x]))
    _only_our_styles(diff_text(f"{a.title}", f"{b.title}", diff_phases(a, b)))


def test_escapes_are_shown_not_dropped():
    assert printable("a\x1b]0;t\x07b") == "a\\x1b]0;t\\x07b"
    assert printable("x\u202ey") == "x\\u202ey"
    assert printable("bad\udcffbyte") == "bad\\xffbyte"
    assert printable("two\nlines", keep_newlines=True) == "two\nlines"
    assert printable("two\nlines") == "two\\x0alines"
    assert printable("tab\tkept") == "tab\tkept"


PROFILE = """\
id: inj
name: {name}
jurisdiction: {text}
reviewed: 2026-11-26
sources:
  law: {{citation: {text}, url: "https://example.org/law"}}
phases:
  first:
    label: {text}
    period: {{start: 2013, end: 2015}}
    system:
      sources: [law]
      legal_basis: [{{title: {text}}}, {{title: "plain"}}]
      cap_type: absolute
    flexibility:
      banking: {{value: restricted, sources: [law], note: {text}}}
"""

# What the loader lets through (it refuses C0 and C1 controls other than tab, newline and carriage return).
LOADABLE = {"carriage-return": "safe\rVerdict: COMPATIBLE", "bidi-override": "abc\u202edcba",
            "line-separator": "one\u2028two", "isolate": "x\u2066y\u2069z"}


@pytest.mark.parametrize("attack", sorted(LOADABLE))
@pytest.mark.parametrize("command", ["show", "assess", "diff", "readiness", "rank", "timeline", "validate"])
def test_cli_text_output_escapes_what_a_profile_can_hold(cli, tmp_path, attack, command):
    text = json.dumps(LOADABLE[attack], ensure_ascii=True)  # JSON strings are YAML double-quoted strings
    path = tmp_path / "inj.yaml"
    path.write_text(PROFILE.format(name=text, text=text), encoding="utf-8")
    args = {"show": ["show", str(path)], "assess": ["assess", str(path), "kazakhstan"],
            "diff": ["diff", str(path), "kazakhstan"], "readiness": ["readiness", str(path)],
            "rank": ["rank", str(path), "kazakhstan"], "timeline": ["timeline", str(path), "--against", "kazakhstan"],
            "validate": ["validate", str(path)]}[command]
    result = cli(*args)
    assert result.code in (0, 1), result.stderr
    if command != "validate":
        assert printable(LOADABLE[attack]) in result.stdout  # shown, escaped
    _only_our_styles(result.stdout)
    _only_our_styles(result.stderr)


@pytest.mark.parametrize("attack", sorted(TERMINAL_ATTACKS))
def test_error_messages_are_printable(cli, attack):
    result = cli("assess", "kazakhstan", "eu-ets", "--set", f"a.flexibility.banking={TERMINAL_ATTACKS[attack]}")
    if result.code != 2:  # a value the loader accepts (a bidi character) is not an error
        return
    assert_refused(result)
    _only_our_styles(result.stderr)


# --- Markdown -----------------------------------------------------------------------------------------------------

MARKDOWN_ATTACKS = {
    "image": "![t](http://127.0.0.1:9/x.png)",
    "link": "[c](javascript:alert(1))",
    "reference-link": "[c][1]\n\n[1]: javascript:alert(1)",
    "autolink": "<http://127.0.0.1:9/>",
    "html": "<img src=x onerror=alert(1)>",
    "script": "<script>alert(1)</script>",
    "entity": "&lt;script&gt; &#106;avascript:",
    "pipes": "a | b || c",
    "emphasis": "**bold** _it_ ~~gone~~",
    "code": "`code` ``more``",
    "heading": "# Heading\n## Another",
    "list": "ok\n- item\n> quote",
    "fence": "```\nfenced\n```",
    "backslash": "C:\\ETS\\",
}


def _inert(markdown: str) -> None:
    """No link, image, HTML, block or extra table cell can come out of this Markdown."""
    assert "![" not in markdown and "](" not in markdown
    assert "<" not in markdown and ">" not in markdown
    for block in ("\n- item", "\n> quote", "\n```", "\n## Another", "\n[1]:"):
        assert block not in markdown, block


def _columns(markdown: str) -> set[int]:
    """Number of unescaped pipes in each table row of the Markdown."""
    return {len(re.findall(r"(?<!\\)\|", line)) for line in markdown.splitlines() if line.startswith("|")}


@pytest.mark.parametrize("attack", sorted(MARKDOWN_ATTACKS))
def test_md_text_is_inert(attack):
    out = md_text(MARKDOWN_ATTACKS[attack])
    assert "\n" not in out
    for char in "[]`*_~|":
        assert re.search(rf"(?<!\\)(?:\\\\)*{re.escape(char)}", out) is None, (char, out)
    assert "<" not in out and ">" not in out and "](" not in out and "![" not in out


def test_md_code_survives_backticks_and_pipes():
    assert md_code("a`b|c") == "``a`b\\|c``"
    assert md_code("`x`") == "`` `x` ``"


@pytest.fixture(scope="module")
def markdown_pair():
    a, b = load_reference("kazakhstan@phase2"), load_reference("eu-ets@phase3")
    return a, b


@pytest.mark.parametrize("attack", sorted(MARKDOWN_ATTACKS))
def test_assessment_markdown_is_inert(markdown_pair, attack):
    a = _hostile(markdown_pair[0], MARKDOWN_ATTACKS[attack])
    out = assessment_markdown(assess(a, markdown_pair[1]))
    _inert(out)
    assert len(_columns(out)) == 1  # every row of the scores table has its five columns


@pytest.mark.parametrize("attack", sorted(MARKDOWN_ATTACKS))
def test_readiness_and_diff_markdown_are_inert(markdown_pair, attack):
    a = _hostile(markdown_pair[0], MARKDOWN_ATTACKS[attack])
    b = _hostile(markdown_pair[1], MARKDOWN_ATTACKS[attack])
    for out in (readiness_markdown(readiness(a)), diff_markdown(a.title, b.title, diff_phases(a, b))):
        _inert(out)
        assert len(_columns(out)) == 1


@pytest.mark.parametrize("attack", sorted(MARKDOWN_ATTACKS))
@pytest.mark.parametrize("command", ["assess", "diff", "readiness", "rank", "timeline"])
def test_cli_markdown_from_a_profile_file_is_inert(cli, tmp_path, attack, command):
    text = json.dumps(MARKDOWN_ATTACKS[attack])
    path = tmp_path / "inj.yaml"
    path.write_text(PROFILE.format(name=text, text=text), encoding="utf-8")
    args = {"assess": ["assess", str(path), "kazakhstan"], "diff": ["diff", str(path), "kazakhstan"],
            "readiness": ["readiness", str(path)], "rank": ["rank", str(path), "kazakhstan", "eu-ets"],
            "timeline": ["timeline", str(path), "--against", "kazakhstan"]}[command]
    result = cli(*args, "--format", "markdown")
    assert result.code in (0, 1), result.stderr
    assert md_text(MARKDOWN_ATTACKS[attack]) in result.stdout  # shown, as text
    _inert(result.stdout)
    assert len(_columns(result.stdout)) <= 1, _columns(result.stdout)


@pytest.mark.parametrize("kind", ["pairwise", "rank", "readiness"])
def test_markdown_reports_keep_profile_text_inert(tmp_path, kind):
    from click.testing import CliRunner

    from linkcheck.commands import main

    evil = tmp_path / "evil.yaml"
    evil.write_text('id: evil\nname: "![t](http://127.0.0.1:9/x.png) [c](javascript:alert(1)) <b>x</b>"\n'
                    "jurisdiction: X\nreviewed: 2026-01-01\nphases:\n  one:\n    period: {start: 2013, end: 2020}\n",
                    encoding="utf-8")
    out = tmp_path / "r.md"
    args = {"pairwise": [str(evil), "eu-ets@phase3"], "rank": ["--rank", str(evil), "eu-ets@phase3", "uk@2021"],
            "readiness": ["--readiness", str(evil)]}[kind]
    result = CliRunner().invoke(main, ["report", *args, "-o", str(out), "--date", "2026-01-01"])
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "](" not in text.replace("\\](", "") and "<b>" not in text and "![t]" not in text
