"""Text from profiles made safe to show: on a terminal (`printable`) and in Markdown (`md_text`, `md_code`).

Profile text (names, notes, values, sources, file names) is data, never markup or terminal control. These are the
only helpers that do this; every formatter uses them.
"""

from __future__ import annotations

import re

# What a terminal would act on or that hides what text says: C0 and C1 control characters (ESC starts ANSI and
# OSC sequences, U+009B and U+009D are their one-character forms), bidirectional overrides and isolates (which
# reorder what is shown), line and paragraph separators, and lone surrogates (bytes of a name that is not UTF-8).
# Tab is harmless and kept; a newline is kept only where the text may run over several lines.
_UNSAFE = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNSAFE_KEEPING_LINES = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069"
                                   "\ud800-\udfff]")


def _escape(match: re.Match) -> str:
    code = ord(match.group())
    if 0xDC80 <= code <= 0xDCFF:  # a byte that was not UTF-8, as Python carries it in file names
        return f"\\x{code - 0xDC00:02x}"
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def printable(text: object, *, keep_newlines: bool = False) -> str:
    """`text` with every character a terminal would act on shown as an escape (`\\x1b`, `\\u202e`), so that
    ANSI colours, OSC titles and hyperlinks, cursor moves and reordering never reach the terminal from data."""
    pattern = _UNSAFE_KEEPING_LINES if keep_newlines else _UNSAFE
    return pattern.sub(_escape, str(text))


# Characters that have no place in one line of text a user gives (a reference, a jurisdiction, a pattern):
# C0 and C1 controls, including newline and carriage return, and the Unicode line and paragraph separators.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_BUT_TAB = re.compile("[\x00-\x08\x0a-\x1f\x7f-\x9f\u2028\u2029]")


def find_control(text: str, *, allow_tab: bool = False) -> re.Match | None:
    """The first control character in `text` (its `.start()` is where), or None; for refusing input by name."""
    return (_CONTROL_BUT_TAB if allow_tab else _CONTROL).search(text)


# Characters with a meaning in Markdown (CommonMark, GitHub's tables). These are backslash-escaped, which every
# Markdown reader honours: with `[` and `]` escaped no link or image can start (`![t](...)`, `[c](javascript:...)`),
# and a `(` after a `]` is escaped too, so the text never even reads `](`. `<`, `>` and `&` become entities, so
# raw HTML, autolinks and entity tricks stay text. A pipe becomes `\|`, shown as `|`, so a table keeps its columns.
_MD_PUNCTUATION = re.compile(r"([\\`*_\[\]~])")
_MD_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}


def refuse_unusable(text: str, what: str, limit: int, error: type[Exception], hint: str) -> None:
    """Raise `error` when a piece of command-line text cannot name anything: empty, over `limit` characters, or
    holding a control character (said with its position). `hint` says what the text should be."""
    if not text.strip():
        raise error(f"{what} is empty; {hint}")
    if len(text) > limit:
        raise error(f"{what} ('{printable(text[:40])}…') is {len(text):,} characters long; the limit is {limit:,}")
    bad = find_control(text)
    if bad:
        shown = printable(text[:80]) + ("…" if len(text) > 80 else "")
        raise error(f"{what} '{shown}' contains the control character U+{ord(bad.group()):04X} at character "
                    f"{bad.start() + 1}; {hint}")


def md_text(text: object) -> str:
    """Profile text as inert Markdown inline text: no links, images, HTML, emphasis or table cells of its own.

    Line breaks become spaces, so the text cannot start a block (a heading, a list, a fence) of its own.
    """
    value = printable(" ".join(str(text if text is not None else "").split("\n")))
    value = re.sub(r"[&<>]", lambda m: _MD_ENTITIES[m.group()], value)
    value = _MD_PUNCTUATION.sub(r"\\\1", value).replace("\\](", "\\]\\(")
    return value.replace("|", "\\|")


def md_code(text: object) -> str:
    """Text as a Markdown code span: fenced by more backticks than it contains, pipes escaped for tables."""
    value = printable(" ".join(str(text).split("\n"))).replace("|", "\\|")
    longest = max((len(run) for run in re.findall(r"`+", value)), default=0)
    fence = "`" * (longest + 1)
    pad = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{pad}{value}{pad}{fence}"
