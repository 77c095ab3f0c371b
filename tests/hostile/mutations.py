"""Mutations of the shipped profiles, for fuzzing the loader, the validator and the engine.

Each mutation edits the text the way a hand, an editor or a broken tool might: a line deleted, duplicated,
re-indented or swapped, a key renamed, a value replaced by an odd scalar, a tag or an anchor inserted.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from linkcheck.engine import assess
from linkcheck.errors import LinkcheckError
from linkcheck.loading.library import LoadedFile, load_reference
from linkcheck.loading.safe_yaml import parse_yaml
from linkcheck.loading.validate import validate_document

PROFILES = sorted((Path(__file__).parents[2] / "system_profiles").glob("*.yaml"))
TEXTS = {path.name: path.read_text(encoding="utf-8") for path in PROFILES}
ODD_SCALARS = [
    "010", "1:30", "33:30", "yes", "no", "on", "~", "null", ".inf", "-.inf", ".nan", "1e999", "9" * 40, "0x" + "f" * 40,
    "2026-02-30", "2026-01-01T10:00:00+25:00", "-1", "-0", "0.0000001", "101", "''", '""', "'", '"', "[", "{", "]",
    "[]", "{}", "!!int abc", "!!float x", "!!bool maybe", "!!timestamp foo", "!!binary ===", "!foo bar", "&a x", "*a",
    "*nowhere", "<<", "=", "? x", "- x", "|", ">", "|-\n  text", "none", "unknown", "undefined", "under_development",
    "no_limit", "\"\\x07\"", "\"\\u0000\"", "\t", "#", "%YAML 1.1", "---", "...", "\u202e", "é", "\U0001f600",
    "0xe" + "1" * 40, "1e308", "-1e308", "9e15", "[{from: 2017-01-01, value: 5, sources: [nope]}]",
    "{value: 4, changes: [{from: 2099-01-01, value: 6}]}", "{value: 4, changes: [{from: 2020-01-01, value: 6, sources: [x]}]}",
    "{partner: x, since: 2020, until: 2010}", "\u2028", "&a [1, *a]",
]


@st.composite
def mutated_profile(draw) -> tuple[str, str]:
    name = draw(st.sampled_from(sorted(TEXTS)))
    lines = TEXTS[name].split("\n")
    for _ in range(draw(st.integers(1, 4))):
        if not lines:
            break
        i = draw(st.integers(0, len(lines) - 1))
        line = lines[i]
        kind = draw(st.sampled_from(["delete", "duplicate", "indent", "dedent", "swap", "value", "key", "tag",
                                     "anchor", "truncate"]))
        if kind == "delete":
            del lines[i]
        elif kind == "duplicate":
            lines.insert(i, line)
        elif kind == "indent":
            lines[i] = "  " * draw(st.integers(1, 3)) + line
        elif kind == "dedent":
            lines[i] = line.lstrip(" ")[: len(line)]
        elif kind == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif kind == "truncate":
            lines[i] = line[: draw(st.integers(0, max(0, len(line))))]
        elif ":" in line:
            key, _, value = line.partition(":")
            odd = draw(st.sampled_from(ODD_SCALARS))
            if kind == "value":
                lines[i] = f"{key}: {odd}"
            elif kind == "key":
                lines[i] = f"{key.rstrip()}{draw(st.sampled_from(['x', '_', 'S', '']))}:{value}"
            elif kind == "tag":
                lines[i] = f"{key}: {draw(st.sampled_from(['!!str', '!!int', '!!map', '!x', '!']))}{value}"
            else:
                lines[i] = f"{key}: &a{value}"
    return name, "\n".join(lines)


def load_and_assess(name: str, text: str) -> str:
    """Load, validate, resolve every phase and assess it; returns what happened. Only LinkcheckError may escape
    as a refusal; anything else propagates to the caller as a bug."""
    try:
        document = parse_yaml(text, name)
        profile = validate_document(document)
    except LinkcheckError:
        return "refused"
    loaded = LoadedFile(path=Path(name), document=document, profile=profile)
    partner = load_reference("eu-ets@phase4")
    for phase_id in profile.phases:
        try:
            phase = loaded.resolve(phase_id)
        except LinkcheckError:
            return "refused"
        assess(phase, partner)
    return "assessed"
