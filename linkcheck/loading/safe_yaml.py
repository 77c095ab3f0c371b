"""Safe YAML reading that keeps every key's line and column and refuses what would lose data.

PyYAML silently keeps the last of two duplicate keys and expands aliases without limit; both are refused here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from ..errors import Located, ProfileErrors

MAX_FILE_BYTES = 1_000_000
MAX_ALIASES = 50
MAX_NODES = 200_000

PathKey = tuple[str | int, ...]


@dataclass
class Document:
    """Plain data read from YAML, with the position of every path in it (1-based line and column)."""

    file: str
    data: Any
    value_pos: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    key_pos: dict[PathKey, tuple[int, int]] = field(default_factory=dict)
    problems: list[Located] = field(default_factory=list)

    def locate(self, path: PathKey, *, key: bool = False) -> tuple[int, int]:
        """Position of the longest prefix of `path` that exists in the file."""
        table = self.key_pos if key else self.value_pos
        for end in range(len(path), -1, -1):
            prefix = path[:end]
            if prefix in table:
                return table[prefix]
            if prefix in self.value_pos:
                return self.value_pos[prefix]
        return (1, 1)

    def error(self, path: PathKey, message: str, *, key: bool = False) -> Located:
        line, col = self.locate(path, key=key)
        return Located(self.file, line, col, _dotted(path), message)


def _dotted(path: PathKey) -> str:
    return ".".join(str(p) for p in path)


# The C parser when PyYAML has it: profiles load several times faster. Both only compose nodes here;
# turning nodes into values is done by _Builder below, which also counts aliases.
_Loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_yaml(path: Path, display: str | None = None) -> Document:
    """Read one YAML file into a Document, or raise ProfileErrors naming file, line and column."""
    name = display or str(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ProfileErrors([Located(name, 0, 0, "", f"cannot read file: {exc.strerror}")]) from None
    return parse_yaml(raw, name)


def parse_yaml(raw: bytes, name: str) -> Document:
    if len(raw) > MAX_FILE_BYTES:
        raise ProfileErrors(
            [Located(name, 1, 1, "", f"file is {len(raw):,} bytes; profiles are limited to {MAX_FILE_BYTES:,}")]
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ProfileErrors(
            [Located(name, line, col, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")]
        ) from None
    loader = _Loader(text)
    try:
        root = loader.get_single_node()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        problem = exc.problem or str(exc)
        if exc.context and "single document" not in problem:
            problem = f"{exc.context}: {problem}"
        raise ProfileErrors([Located(name, line, col, "", f"YAML syntax: {problem}")]) from None
    except yaml.YAMLError as exc:
        raise ProfileErrors([Located(name, 1, 1, "", f"YAML syntax: {exc}")]) from None
    finally:
        loader.dispose()
    if root is None or (isinstance(root, ScalarNode) and root.value == "" and root.tag.endswith("null")):
        raise ProfileErrors([Located(name, 1, 1, "", "file is empty; a profile is a mapping with id, name and phases")])
    if not isinstance(root, MappingNode):
        line, col = root.start_mark.line + 1, root.start_mark.column + 1
        raise ProfileErrors([Located(name, line, col, "", "the top level must be a mapping (key: value), not a list or a value")])
    doc = Document(file=name, data=None)
    # Problems found while building (duplicate keys, merge keys) are reported with the validation errors.
    builder = _Builder(loader, doc, doc.problems)
    doc.data = builder.build(root, ())
    if builder.fatal:
        # The data was cut short: validating what is left would only add noise.
        raise ProfileErrors(builder.fatal)
    return doc


class _Builder:
    """Turns composed nodes into plain data, recording positions and refusing duplicates and merge keys."""

    def __init__(self, loader: yaml.SafeLoader, doc: Document, errors: list[Located]) -> None:
        self.loader = loader
        self.doc = doc
        self.errors = errors
        self.budget = MAX_NODES
        self.seen: set[int] = set()
        self.aliases = 0
        self.fatal: list[Located] = []

    def build(self, node: Node, path: PathKey) -> Any:
        if isinstance(node, (MappingNode, SequenceNode)):
            # An alias is the same node met again: count them, so an alias bomb cannot expand.
            if id(node) in self.seen:
                self.aliases += 1
                if self.aliases > MAX_ALIASES:
                    if self.aliases == MAX_ALIASES + 1:
                        self.fatal.append(self.doc.error(path, f"more than {MAX_ALIASES} aliases; anchors and "
                                                               "aliases are limited in profiles"))
                    return None
            self.seen.add(id(node))
        self.budget -= 1
        if self.budget < 0:
            if self.budget == -1:
                self.fatal.append(self.doc.error(path, f"more than {MAX_NODES:,} values; the file is too large to be a profile"))
            return None
        self.doc.value_pos.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
        if isinstance(node, MappingNode):
            return self._mapping(node, path)
        if isinstance(node, SequenceNode):
            return [self.build(child, path + (i,)) for i, child in enumerate(node.value)]
        return self._scalar(node, path)

    def _scalar(self, node: Node, path: PathKey, key: bool = False) -> Any:
        """A scalar's value; one that cannot be built (an impossible date, say) is a located error, not a crash."""
        try:
            return self.loader.construct_object(node, deep=True)
        except yaml.constructor.ConstructorError as exc:
            self.errors.append(self.doc.error(path, f"cannot read value: {exc.problem}", key=key))
        except (ValueError, OverflowError, TypeError) as exc:
            what = "a date" if node.tag.endswith(":timestamp") else "a value"
            self.errors.append(self.doc.error(path, f"{node.value!r} is not {what} ({exc}); dates are written "
                                                    "YYYY-MM-DD" if what == "a date" else
                                              f"cannot read {node.value!r} ({exc})", key=key))
        return None

    def _mapping(self, node: MappingNode, path: PathKey) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key_node, value_node in node.value:
            key_pos = (key_node.start_mark.line + 1, key_node.start_mark.column + 1)
            if key_node.tag == "tag:yaml.org,2002:merge":
                self.errors.append(
                    Located(self.doc.file, *key_pos, _dotted(path), "merge keys (<<) are not supported; later phases inherit from earlier ones instead")
                )
                continue
            if not isinstance(key_node, ScalarNode):
                self.errors.append(Located(self.doc.file, *key_pos, _dotted(path), "a key must be a plain word, not a list or mapping"))
                continue
            self.doc.key_pos.setdefault(path + (key_node.value,), key_pos)
            key = self._scalar(key_node, path + (key_node.value,), key=True)
            key = key.isoformat() if hasattr(key, "isoformat") else str(key if key is not None else key_node.value)
            child_path = path + (key,)
            if key in result:
                first_line = self.doc.key_pos[child_path][0]
                self.errors.append(
                    Located(self.doc.file, *key_pos, _dotted(child_path), f"duplicate key '{key}' (first defined on line {first_line}); YAML would silently keep only the last one")
                )
                continue
            self.doc.key_pos[child_path] = key_pos
            result[key] = self.build(value_node, child_path)
        return result
