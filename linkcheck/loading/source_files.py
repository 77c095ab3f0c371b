"""Reading a file a user names, before any parsing: regular files only, bounded in size, UTF-8; and the Document
that parsing makes of one (data with the position of every path, for located messages).

No YAML here: a command served from the cache reads a shipped profile's bytes, to key the cache, and parses them
only if a message needs a position.
"""

from __future__ import annotations

import os
import stat
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Located, ProfileErrors

MAX_FILE_BYTES = 1_000_000

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
        return (1, 1)

    def error(self, path: PathKey, message: str, *, key: bool = False) -> Located:
        line, col = self.locate(path, key=key)
        return Located(self.file, line, col, _dotted(path), message)


def _dotted(path: PathKey) -> str:
    return ".".join(str(p) for p in path)


def read_source(path: Path, display: str | None = None, limit: int = MAX_FILE_BYTES) -> str:
    """The text of a regular file, refused before it is read if it is anything else or too large."""
    name = display or str(path)
    return decode(read_source_bytes(path, name, limit), name)


def read_source_bytes(path: Path, display: str | None = None, limit: int = MAX_FILE_BYTES,
                      expected: str = "a YAML file") -> bytes:
    """The bytes of a regular file, refused before it is read if it is anything else or too large."""
    name = display or str(path)

    def refuse(message: str) -> ProfileErrors:
        return ProfileErrors([Located(name, 0, 0, "", message)])

    try:
        info = os.stat(path)
    except FileNotFoundError:
        raise refuse("no such file") from None
    except OSError as exc:
        raise refuse(f"cannot read file: {exc.strerror or exc}") from None
    if not stat.S_ISREG(info.st_mode):
        kind = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file (a device, pipe or socket)"
        raise refuse(f"{kind}; give {expected}")
    if info.st_size > limit:
        raise refuse(f"file is {info.st_size:,} bytes; the limit is {limit:,}")
    try:
        # O_NONBLOCK: should the file have been swapped for a pipe since the check, opening does not wait.
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(descriptor, "rb") as handle:
            if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
                raise refuse(f"not a regular file; give {expected}")
            raw = handle.read(limit + 1)
    except OSError as exc:
        raise refuse(f"cannot read file: {exc.strerror or exc}") from None
    if len(raw) > limit:
        raise refuse(f"file is over {limit:,} bytes, the limit")
    return raw


def decode(raw: bytes, name: str) -> str:
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise ProfileErrors(
            [Located(name, line, col, "", f"not UTF-8 text (byte 0x{raw[exc.start]:02x}); save the file as UTF-8")]
        ) from None
