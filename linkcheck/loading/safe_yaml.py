"""The one YAML reader of linkcheck: profiles, configuration, `--set` values and ignore files all go through it.

A hand-written file must mean what it says. Scalars are read as a YAML 1.2 reader reads them (the core schema:
`010` is ten, `1:30` and `yes` are text, dates are text that the model then checks), explicit tags are refused,
and so are duplicate keys, merge keys, non-finite and overlong numbers. Every input is bounded: bytes, nesting
depth, aliases, values and scalar length, so no file can hang the tool or exhaust its memory. Every problem is
located: file, line, column and path.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from yaml.events import (
    AliasEvent,
    CollectionStartEvent,
    DocumentStartEvent,
    MappingEndEvent,
    MappingStartEvent,
    ScalarEvent,
    SequenceEndEvent,
    StreamEndEvent,
)

from ..errors import Located, ProfileErrors
from .source_files import MAX_FILE_BYTES, Document, PathKey, _dotted, decode, read_source

# The limits every YAML input is held to (docs/profile-model.md, "Limits").
MAX_DEPTH = 40
MAX_ALIASES = 50
MAX_NODES = 200_000  # values, counting each alias as the values it repeats
MAX_SCALAR_CHARS = 20_000
MAX_NUMBER_DIGITS = 30

# The C parser when PyYAML has it. Only its events are used: composing them into values is done below,
# iteratively, so that depth, aliases and size are counted and no YAML 1.1 resolution takes place.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


PROFILE_SHAPE = "a profile is a mapping with id, name and phases"


def read_yaml(path: Path, display: str | None = None, shape: str = PROFILE_SHAPE) -> Document:
    """Read one YAML file whose top level is a mapping, or raise ProfileErrors naming file, line and column.
    `shape` says what the file should hold, for the message when it holds nothing."""
    return parse_yaml(read_source(path, display), display or str(path), shape)


def parse_yaml(source: str | bytes, name: str, shape: str = PROFILE_SHAPE) -> Document:
    """A YAML document whose top level is a mapping (a profile, a configuration)."""
    if isinstance(source, bytes):
        if len(source) > MAX_FILE_BYTES:
            raise ProfileErrors([Located(name, 1, 1, "", f"file is {len(source):,} bytes; the limit is {MAX_FILE_BYTES:,}")])
        source = decode(source, name)
    doc = _compose(source, name)
    if doc.data is None and not doc.problems:
        raise ProfileErrors([Located(name, 1, 1, "", f"file is empty; {shape}")])
    if not isinstance(doc.data, dict):
        line, col = doc.value_pos.get((), (1, 1))
        raise ProfileErrors([*doc.problems, Located(name, line, col, "", "the top level must be a mapping (key: value), "
                                                                   "not a list or a value")])
    return doc


def parse_value(text: str, origin: str) -> Any:
    """One YAML value written on the command line (`--set`), under the same rules and limits as a file."""
    if len(text) > MAX_SCALAR_CHARS:
        raise ProfileErrors([Located(origin, 0, 0, "", f"value is {len(text):,} characters; the limit is {MAX_SCALAR_CHARS:,}")])
    doc = _compose(text, origin)
    if doc.problems:
        raise ProfileErrors(doc.problems)
    return doc.data


# YAML 1.2 core schema, for plain scalars.
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_BOOL = {"true": True, "True": True, "TRUE": True, "false": False, "False": False, "FALSE": False}
_INT = re.compile(r"^[-+]?[0-9]+$")
_OCT = re.compile(r"^0o[0-7]+$")
_HEX = re.compile(r"^0x[0-9a-fA-F]+$")
_FLOAT = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")
_NOT_FINITE = re.compile(r"^(?:[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$")
_LINE_BREAK = re.compile(r"\r\n|[\r\n]")
# YAML 1.1 (and libyaml) end a line at these; YAML 1.2 does not. A file must not depend on which reader it meets.
_DISPUTED_BREAK = re.compile(r"[\x85\u2028\u2029]")
# Control characters other than tab, newline and carriage return have no business in a profile.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


class _Refused(Exception):
    """A scalar that is not a value a profile can hold."""


def resolve_plain(text: str) -> Any:
    """A plain scalar as the YAML 1.2 core schema reads it; numbers must be finite and of reasonable length."""
    if _NULL.match(text):
        return None
    if text in _BOOL:
        return _BOOL[text]
    if _NOT_FINITE.match(text):
        raise _Refused(f"{text!r} is not a finite number")
    unsigned = text.lstrip("+-")
    if _HEX.match(text) or _OCT.match(text):
        digits = len(unsigned) - 2
    else:
        digits = len(re.split("[eE]", unsigned)[0].replace(".", ""))
    number = _INT.match(text) or _OCT.match(text) or _HEX.match(text) or _FLOAT.match(text)
    if number and digits > MAX_NUMBER_DIGITS:
        raise _Refused(f"a number of {digits:,} digits; numbers are limited to {MAX_NUMBER_DIGITS}")
    if _INT.match(text):
        return int(text, 10)
    if _OCT.match(text):
        return int(text[2:], 8)
    if _HEX.match(text):
        value = int(text[2:], 16)
        if value > 10 ** MAX_NUMBER_DIGITS:
            raise _Refused(f"{text[:40]!r} is too large a number")
        return value
    if _FLOAT.match(text):
        value = float(text)
        if value in (float("inf"), float("-inf")):
            raise _Refused(f"{text!r} is too large to be a finite number")
        return value
    return text


class _Strictness:
    """Where libyaml, the parser underneath, is laxer than YAML 1.2, or reads a text otherwise than the spec does.

    Each check refuses a construct a profile never needs, with a location, so that every file is read as any
    YAML 1.2 reader would read it or not at all. The yaml-test-suite run in tests/hostile/ keeps them honest.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = _LINE_BREAK.split(text)

    def after(self, index: int) -> str:
        return self.text[index:index + 2]

    def scalar(self, event: ScalarEvent, in_flow: bool, block_indent: int) -> str | None:
        start, end = event.start_mark.index, event.end_mark.index
        if event.anchor is not None and self._anchor_runs_on(start, event.anchor):
            return "an anchor name must be followed by a space"
        plain = event.implicit[0] and not event.style
        if in_flow and plain and (event.value == "-" or event.value.startswith("- ")):
            return "a plain '-' cannot stand in a flow collection; quote it"
        if in_flow and plain and start > 0 and self.text[start - 1] == "?" and event.anchor is None:
            return f"'?{event.value}' is read differently by YAML readers; quote it"
        if event.style in ("'", '"') and self.after(end)[:1] == "#":
            return "a comment needs a space before '#'"
        if event.style in ("'", '"') and event.start_mark.line != event.end_mark.line and not in_flow:
            if self._underindented(event.start_mark.line + 1, event.end_mark.line, block_indent):
                return "a continued quoted value must be indented more than its key"
        if event.style in ("|", ">"):
            return self._block_scalar(event)
        if self.after(end) == ",#":
            return "a comment needs a space before '#'"
        return None

    def collection_end(self, event: Any) -> str | None:
        if self.after(event.end_mark.index)[:1] == "#":
            return "a comment needs a space before '#'"
        return None

    def flow_collection(self, first_line: int, last_line: int, block_indent: int) -> str | None:
        if self._underindented(first_line + 1, last_line, block_indent):
            return "a flow collection continued on the next lines must be indented more than its key"
        return None

    def _anchor_runs_on(self, start: int, anchor: str) -> bool:
        at = self.text.find("&" + anchor, start)
        if at < 0:
            return False
        follower = self.text[at + 1 + len(anchor): at + 2 + len(anchor)]
        return follower not in ("", " ", "\t", "\n", "\r", ",", "]", "}")

    def _underindented(self, first: int, last: int, block_indent: int) -> bool:
        for number in range(first, min(last, len(self.lines) - 1) + 1):
            line = self.lines[number]
            if line.strip() and len(line) - len(line.lstrip(" ")) <= block_indent:
                return True
        return False

    def _block_scalar(self, event: ScalarEvent) -> str | None:
        header = self.lines[event.start_mark.line][event.start_mark.column:]
        hash_at = header.find("#")
        if hash_at > 0 and header[hash_at - 1] not in " \t":
            return "a comment needs a space before '#'"
        # Blank lines before the first or after the last line of text may not be indented deeper than the text:
        # YAML 1.2 makes the first an error, and libyaml reads the second otherwise than the spec.
        body = self.lines[event.start_mark.line + 1: event.end_mark.line + 1]
        text_rows = [i for i, line in enumerate(body) if line.strip()]
        indent = len(body[text_rows[0]]) - len(body[text_rows[0]].lstrip(" ")) if text_rows else 0
        outer = [line for i, line in enumerate(body)
                 if not line.strip() and (not text_rows or i < text_rows[0] or i > text_rows[-1])]
        if any(len(line) > indent for line in outer):
            return "a line of only spaces before or after a block of text is indented deeper than the text; remove its spaces"
        return None


@dataclass
class _Frame:
    container: dict | list
    path: PathKey
    anchor: str | None
    line: int
    col: int
    size: int = 1
    key: str | None = None  # a mapping's key waiting for its value
    key_is_new: bool = True
    discard: bool = False  # read and thrown away: its key was refused, or it is itself used as a key
    is_key: bool = False
    flow: bool = False


class _Composer:
    """Builds plain data from parser events, iteratively, counting depth, values and aliases."""

    def __init__(self, doc: Document, text: str) -> None:
        self.doc = doc
        self.strict = _Strictness(text)
        self.anchors: dict[str, tuple[Any, int]] = {}
        self.defining: set[str] = set()
        self.stack: list[_Frame] = []
        self.nodes = 0
        self.aliases = 0
        self.root: Any = None

    def fatal(self, line: int, col: int, message: str) -> ProfileErrors:
        path = self.stack[-1].path if self.stack else ()
        return ProfileErrors([*self.doc.problems, Located(self.doc.file, line, col, _dotted(path), message)])

    def problem(self, path: PathKey, line: int, col: int, message: str) -> None:
        self.doc.problems.append(Located(self.doc.file, line, col, _dotted(path), message))

    def run(self, loader: Any) -> None:
        documents = 0
        while True:
            event = loader.get_event()
            if isinstance(event, StreamEndEvent):
                return
            line, col = event.start_mark.line + 1, event.start_mark.column + 1
            if isinstance(event, DocumentStartEvent):
                documents += 1
                if documents > 1:
                    raise self.fatal(line, col, "more than one YAML document; a file holds one (remove the `---`)")
                if event.version or event.tags:
                    raise self.fatal(line, col, "YAML directives (%YAML, %TAG) are not used in profiles; remove them")
                continue
            if isinstance(event, CollectionStartEvent):
                self.start(event, line, col)
            elif isinstance(event, (MappingEndEvent, SequenceEndEvent)):
                self.end(event)
            elif isinstance(event, ScalarEvent):
                self.scalar(event, line, col)
            elif isinstance(event, AliasEvent):
                self.alias(event, line, col)

    def count(self, n: int, line: int, col: int) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise self.fatal(line, col, f"more than {MAX_NODES:,} values (aliases counted as what they repeat); "
                                        "the file is too large to be a profile")

    def tag_refused(self, event: Any, line: int, col: int) -> bool:
        tag = event.tag
        if tag is None or (isinstance(event, CollectionStartEvent) and event.implicit):
            return False
        where = self.next_path()
        self.problem(where, line, col, f"explicit YAML tags ({tag}) are not used in profiles; write the value plainly "
                                       "(quote it to make it text)")
        return True

    def next_path(self) -> PathKey:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return top.path + (len(top.container),)
        return top.path + ((top.key,) if top.key is not None else ())

    def place(self, value: Any, line: int, col: int, size: int) -> None:
        """Put a finished value where the document expects one: the root, a list item, a key or a key's value."""
        if not self.stack:
            self.root = value
            self.doc.value_pos[()] = (line, col)
            return
        top = self.stack[-1]
        top.size += size
        if isinstance(top.container, list):
            if not top.discard:
                path = top.path + (len(top.container),)
                self.doc.value_pos.setdefault(path, (line, col))
                top.container.append(value)
            return
        if top.key is None:
            raise AssertionError("a key is placed through `key`, not `place`")
        key, top.key = top.key, None
        if not top.discard and top.key_is_new and key is not _DISCARDED:
            self.doc.value_pos.setdefault(top.path + (key,), (line, col))
            top.container[key] = value

    def in_flow(self) -> bool:
        return bool(self.stack) and self.stack[-1].flow

    def block_indent(self) -> int:
        """The column (0-based) of the innermost block collection: continuation lines must go deeper."""
        for frame in reversed(self.stack):
            if not frame.flow:
                return frame.col - 1
        return -1

    def lax(self, message: str | None, line: int, col: int) -> None:
        if message:
            self.problem(self.next_path(), line, col, message)

    def expecting_key(self) -> bool:
        return bool(self.stack) and isinstance(self.stack[-1].container, dict) and self.stack[-1].key is None

    def key(self, event: ScalarEvent, line: int, col: int) -> None:
        top = self.stack[-1]
        text = event.value
        path = top.path + (text,)
        if event.tag is not None:
            self.problem(path, line, col, f"explicit YAML tags ({event.tag}) are not used in profiles; a key is a "
                                          "plain word")
            top.key, top.key_is_new = _DISCARDED, False
            return
        if text == "<<" and event.implicit[0]:
            self.problem(top.path, line, col, "merge keys (<<) are not supported; later phases inherit from earlier "
                                              "ones instead")
            top.key, top.key_is_new = _DISCARDED, False
            return
        if not text.strip():
            self.problem(top.path, line, col, "a key must be a word; this one is empty")
            top.key, top.key_is_new = _DISCARDED, False
            return
        if len(text) > 200 or _CONTROL.search(text):
            self.problem(top.path, line, col, "a key must be a short word without control characters")
            top.key, top.key_is_new = _DISCARDED, False
            return
        if text in top.container or path in self.doc.key_pos and not top.discard:
            first = self.doc.key_pos.get(path, (line, col))[0]
            self.problem(path, line, col, f"duplicate key '{text}' (first defined on line {first}); YAML would "
                                          "silently keep only the last one")
            top.key, top.key_is_new = text, False
            return
        if not top.discard:
            self.doc.key_pos[path] = (line, col)
        top.key, top.key_is_new = text, True

    def start(self, event: Any, line: int, col: int) -> None:
        self.count(1, line, col)
        if len(self.stack) >= MAX_DEPTH:
            raise self.fatal(line, col, f"nested more than {MAX_DEPTH} levels deep; profiles are limited to "
                                        f"{MAX_DEPTH}")
        is_key = self.expecting_key()
        if is_key:
            self.problem(self.stack[-1].path, line, col, "a key must be a plain word, not a list or mapping")
        refused = self.tag_refused(event, line, col)
        inherited = bool(self.stack) and (self.stack[-1].discard or not self.stack[-1].key_is_new)
        path = self.next_path()
        container: dict | list = {} if isinstance(event, MappingStartEvent) else []
        if event.anchor is not None and self.strict._anchor_runs_on(event.start_mark.index, event.anchor):
            self.lax("an anchor name must be followed by a space", line, col)
        self.anchor(event.anchor, line, col)
        self.stack.append(_Frame(container, path, event.anchor, line, col,
                                 discard=is_key or refused or inherited, is_key=is_key, flow=bool(event.flow_style)))
        if not self.stack[-1].discard:
            self.doc.value_pos.setdefault(path, (line, col))

    def anchor(self, name: str | None, line: int, col: int) -> None:
        if name is not None and (name in self.anchors or name in self.defining):
            self.problem(self.next_path(), line, col, f"the anchor &{name} is defined twice; give each its own name")
        if name is not None:
            self.defining.add(name)

    def end(self, event: Any) -> None:
        frame = self.stack[-1]
        self.lax(self.strict.collection_end(event), event.end_mark.line + 1, event.end_mark.column + 1)
        if frame.flow and not (len(self.stack) > 1 and self.stack[-2].flow):
            self.stack.pop()
            self.lax(self.strict.flow_collection(frame.line - 1, event.end_mark.line, self.block_indent()),
                     frame.line, frame.col)
            self.stack.append(frame)
        frame = self.stack.pop()
        if frame.anchor is not None:
            self.anchors[frame.anchor] = (frame.container, frame.size)
        if frame.is_key:
            # A collection used as a key: it and the value that follows are read and dropped.
            parent = self.stack[-1]
            parent.size += frame.size
            parent.key, parent.key_is_new = _DISCARDED, False
            return
        self.place(None if frame.discard else frame.container, frame.line, frame.col, frame.size)

    def scalar(self, event: ScalarEvent, line: int, col: int) -> None:
        self.count(1, line, col)
        self.lax(self.strict.scalar(event, self.in_flow(), self.block_indent()), line, col)
        self.anchor(event.anchor, line, col)
        if self.expecting_key():
            self.key(event, line, col)
            return
        path = self.next_path()
        value: Any = None
        if len(event.value) > MAX_SCALAR_CHARS:
            self.problem(path, line, col, f"a value of {len(event.value):,} characters; values are limited to "
                                          f"{MAX_SCALAR_CHARS:,}")
        elif _CONTROL.search(event.value):
            bad = _CONTROL.search(event.value).group()
            self.problem(path, line, col, f"contains the control character U+{ord(bad):04X}; remove it")
        elif self.tag_refused(event, line, col):
            pass
        elif event.implicit[0] and not event.style:
            try:
                value = resolve_plain(event.value)
            except _Refused as exc:
                self.problem(path, line, col, str(exc))
        else:
            value = event.value
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, 1)
        self.place(value, line, col, 1)

    def alias(self, event: AliasEvent, line: int, col: int) -> None:
        self.aliases += 1
        if self.aliases > MAX_ALIASES:
            raise self.fatal(line, col, f"more than {MAX_ALIASES} aliases; anchors and aliases are limited in profiles")
        if event.anchor not in self.anchors:
            self.problem(self.next_path(), line, col, f"alias *{event.anchor} names no anchor defined before it")
            value, size = None, 1
        else:
            value, size = self.anchors[event.anchor]
        self.count(size, line, col)
        if self.expecting_key():
            self.problem(self.stack[-1].path, line, col, "a key must be a plain word, not an alias")
            self.stack[-1].key, self.stack[-1].key_is_new = _DISCARDED, False
            return
        self.place(value, line, col, size)


_DISCARDED = "\x00discarded"  # the key of a value that is read but not kept (its key was refused)


def compose(text: str, name: str) -> Document:
    """Any YAML document (of any top-level shape) as data, with its problems; fatal ones raise ProfileErrors."""
    return _compose(text, name)


def _compose(text: str, name: str) -> Document:
    doc = Document(file=name, data=None)
    disputed = _DISPUTED_BREAK.search(text)
    if disputed:
        at = disputed.start()
        line = len(_LINE_BREAK.findall(text, 0, at)) + 1
        col = at - max(text.rfind("\n", 0, at), text.rfind("\r", 0, at)) 
        raise ProfileErrors([Located(name, line, col, "", f"the line separator U+{ord(disputed.group()):04X} is read "
                                                          "differently by YAML readers; remove it")])
    loader = _Loader(text)
    composer = _Composer(doc, text)
    try:
        composer.run(loader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or str(exc)
        if exc.context and "single document" not in problem:
            problem = f"{exc.context}: {problem}"
        raise ProfileErrors([*doc.problems, Located(name, line, col, "", f"YAML syntax: {problem}")]) from None
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        col = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
        char = exc.character if isinstance(exc.character, int) else ord(exc.character)
        raise ProfileErrors([*doc.problems, Located(name, line, col, "", f"the control character U+{char:04X} is not "
                                                    "allowed in YAML; remove it")]) from None
    except yaml.YAMLError as exc:
        raise ProfileErrors([*doc.problems, Located(name, 1, 1, "", f"YAML syntax: {exc}")]) from None
    finally:
        loader.dispose()
    doc.data = composer.root
    return doc
