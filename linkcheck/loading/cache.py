"""A cache of the shipped library's validated form, so a command does not validate forty profiles on every run.

Only shipped profiles that validated are cached; a user's own file is always validated, and a file that fails is
never cached, so every error and its message (file, line, column) is what validation gives. An entry is keyed by
a hash of the file's bytes, its name as messages show it, linkcheck's version, pydantic's, and the source of the
model and loading code: a changed profile, or changed code, misses and is validated afresh. It is never stale.

The entries are JSON (never pickle): the validated objects, each with its exact class, the fields it was given and
its values, rebuilt without validation into objects equal to what validation returns. An entry that cannot be read,
does not parse, or names a class the model does not have is ignored, and the file validated. A cache folder that
cannot be made or written (read-only, full) is no error: the run goes on without it.

Where: $LINKCHECK_CACHE_DIR, else $XDG_CACHE_HOME/linkcheck, else ~/.cache/linkcheck. LINKCHECK_NO_CACHE=1 turns it
off.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import math
import os
import stat
from enum import Enum
from functools import lru_cache
from pathlib import Path
from typing import Any

FORMAT = "3"  # the layout of an entry; bump it when encode() changes


def cache_dir() -> Path | None:
    """The folder of the cache, or None when it is turned off."""
    if os.environ.get("LINKCHECK_NO_CACHE", "") not in ("", "0"):
        return None
    chosen = os.environ.get("LINKCHECK_CACHE_DIR")
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "linkcheck"


@lru_cache(maxsize=1)
def code_hash() -> str:
    """linkcheck's and pydantic's versions and the source of the code that decides what a profile validates to."""
    import pydantic

    from ..version import __version__

    digest = hashlib.sha256(f"{FORMAT}\0{__version__}\0{pydantic.VERSION}\0".encode())
    package = Path(__file__).resolve().parent.parent
    for folder in ("model", "loading"):
        for source in sorted((package / folder).glob("*.py")):
            digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    for name in ("errors.py", "safe_text.py", "paths.py"):
        digest.update(name.encode() + b"\0" + (package / name).read_bytes() + b"\0")
    return digest.hexdigest()


def entry_key(raw: bytes, display: str) -> str:
    digest = hashlib.sha256(code_hash().encode() + b"\0" + display.encode() + b"\0" + raw)
    return digest.hexdigest()


KEEP = 3  # entries kept per shipped file: a few versions (checkouts, branches) side by side, not every edit


def _entry_path(raw: bytes, display: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"profile-{_name(display)}-{entry_key(raw, display)}.json"


def _private(folder: Path) -> bool:
    """Whether only this user can have written into `folder`: a real folder, owned by the user, writable by no one
    else. A cache folder anyone else could write to (a shared /tmp path in LINKCHECK_CACHE_DIR, a restored CI
    cache) is not used: its entries could change results."""
    try:
        info = os.lstat(folder)
    except OSError:
        return False
    owned = not hasattr(os, "getuid") or info.st_uid == os.getuid()
    return stat.S_ISDIR(info.st_mode) and owned and not info.st_mode & (stat.S_IWGRP | stat.S_IWOTH)


def _name(display: str) -> str:
    stem = Path(display).stem
    return stem if stem.replace("-", "").replace("_", "").replace(".", "").isalnum() else "file"


def lookup(raw: bytes, display: str) -> Any | None:
    """The validated ProfileFile cached for these bytes, or None (no entry, unreadable, corrupt, turned off)."""
    path = _entry_path(raw, display)
    if path is None or not _private(path.parent):
        return None
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                return None  # only an entry this user wrote is read
            entry = json.loads(handle.read())
        if entry.get("key") != entry_key(raw, display):
            return None
        return decode(entry["profile"])
    except Exception:  # missing, unreadable, truncated, tampered with: validate instead
        return None


def store(raw: bytes, display: str, profile: Any) -> None:
    """Cache a profile that validated; any failure (read-only, full, an object encode() cannot write) is silent."""
    path = _entry_path(raw, display)
    if path is None:
        return
    try:
        data = encode(profile)
        if decode(data) != profile:  # never write what would not read back as validation made it
            return
        text = json.dumps({"key": entry_key(raw, display), "profile": data}, ensure_ascii=False,
                          allow_nan=False, separators=(",", ":"))
        import tempfile

        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(path.parent):
            return
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".profile-", suffix=".tmp")
        try:
            with os.fdopen(descriptor, "w", encoding="utf-8") as handle:
                handle.write(text)
            os.replace(temporary, path)  # atomic: a reader sees the whole entry or none
        except BaseException:
            try:
                os.unlink(temporary)
            except OSError:
                pass
            raise
        _prune(path.parent, _name(display))
    except Exception:
        return


def _prune(folder: Path, name: str) -> None:
    """Remove all but the newest KEEP entries of one file: an edited profile leaves its old entries behind."""
    import re

    own = re.compile(rf"profile-{re.escape(name)}-[0-9a-f]{{64}}\.json")  # not `eu-ets`'s entries when pruning `eu`
    entries = []
    for entry in folder.glob(f"profile-{name}-*.json"):
        if not own.fullmatch(entry.name):
            continue
        try:
            entries.append((entry.stat().st_mtime_ns, entry))
        except OSError:
            pass
    for _, entry in sorted(entries, reverse=True)[KEEP:]:
        try:
            entry.unlink()
        except OSError:
            pass


class Uncacheable(Exception):
    """A value encode() does not know how to write exactly."""


def _class_key(cls: type) -> str:
    return f"{cls.__module__}:{cls.__qualname__}"


@lru_cache(maxsize=1)
def _classes() -> dict[str, type]:
    """Every model class and enum a ProfileFile can hold, by module and name, found from its fields' types."""
    import typing

    from pydantic import BaseModel

    from ..model.profile import ProfileFile

    found: dict[str, type] = {}
    pending: list[Any] = [ProfileFile]
    while pending:
        item = pending.pop()
        if isinstance(item, type) and issubclass(item, BaseModel):
            key = _class_key(item)
            if key in found:
                continue
            if item.__private_attributes__:
                continue  # rebuilt objects would lack them: such a class is never cached
            found[key] = item
            pending.extend(info.annotation for info in item.model_fields.values())
        elif isinstance(item, type) and issubclass(item, Enum):
            found[_class_key(item)] = item
        else:
            pending.extend(typing.get_args(item))
            metadata = getattr(item, "__metadata__", None)
            if metadata:
                pending.append(getattr(item, "__origin__", None))
    return found


_REQUIRED = object()  # a field with no default, or a default made by a factory: always written
_IMMUTABLE = (type(None), str, int, float, bool, tuple, Enum)


@lru_cache(maxsize=None)
def _defaults(cls: type) -> dict[str, Any]:
    """Each field of a model class, in order, with the default decode() may fill in (else _REQUIRED)."""
    defaults: dict[str, Any] = {}
    for name, info in cls.model_fields.items():
        default = info.default
        immutable = isinstance(default, _IMMUTABLE) and (type(default) is not tuple or default == ())
        defaults[name] = default if info.default_factory is None and not info.is_required() and immutable \
            else _REQUIRED
    return defaults


def _is_default(value: Any, default: Any) -> bool:
    return default is not _REQUIRED and type(value) is type(default) and value == default


def encode(profile: Any) -> dict[str, Any]:
    """Plain JSON data that decode() turns back into an equal object of the same classes: the classes named once,
    in a table, and each object by its index in it."""
    table: dict[type, int] = {}
    value = _encode(profile, table)
    return {"names": [_class_key(cls) for cls in table], "value": value}


def _encode(value: Any, table: dict[type, int]) -> Any:
    from pydantic import BaseModel

    kind = type(value)
    if value is None or kind in (str, bool, int):
        return value
    if kind is float:
        if not math.isfinite(value):
            raise Uncacheable(value)
        return value
    if isinstance(value, BaseModel):
        if _classes().get(_class_key(kind)) is not kind or value.__pydantic_extra__ or value.__pydantic_private__:
            raise Uncacheable(kind)
        defaults = _defaults(kind)
        if list(value.__dict__) != list(defaults):
            raise Uncacheable(kind)
        # A field holding its (immutable) default is left out, and filled in again by decode().
        fields = {name: _encode(v, table) for name, v in value.__dict__.items() if not _is_default(v, defaults[name])}
        index = table.setdefault(kind, len(table))
        return {"$m": index, "f": fields, "s": sorted(value.model_fields_set)}
    if isinstance(value, Enum):
        if _classes().get(_class_key(kind)) is not kind:
            raise Uncacheable(kind)
        return {"$e": table.setdefault(kind, len(table)), "v": _encode(value.value, table)}
    if kind is dt.date:
        return {"$d": value.isoformat()}
    if kind is tuple:
        return {"$t": [_encode(v, table) for v in value]}
    if kind is list:
        return [_encode(v, table) for v in value]
    if kind is dict and all(type(k) is str for k in value):
        return {"$o": {k: _encode(v, table) for k, v in value.items()}}
    raise Uncacheable(kind)


def decode(data: dict[str, Any]) -> Any:
    """The object encode() wrote; KeyError, TypeError or ValueError if the data is not what it writes."""
    known = _classes()
    return _decode(data["value"], [known[name] for name in data["names"]])


def _decode(data: Any, classes: list[type]) -> Any:
    kind = type(data)
    if kind is list:
        return [_decode(v, classes) for v in data]
    if kind is not dict:
        return data
    if "$m" in data:
        cls = classes[data["$m"]]
        given = data["f"]
        values = {}
        for name, default in _defaults(cls).items():
            if name in given:
                values[name] = _decode(given[name], classes)
            elif default is _REQUIRED:
                raise KeyError(name)
            else:
                values[name] = default
        if len(values) < len(given) or not given.keys() <= values.keys():
            raise KeyError("a field the class does not have")
        # What BaseModel.model_construct does, with the fields set as validation recorded them.
        obj = cls.__new__(cls)
        object.__setattr__(obj, "__dict__", values)
        object.__setattr__(obj, "__pydantic_fields_set__", set(data["s"]))
        object.__setattr__(obj, "__pydantic_extra__", None)
        object.__setattr__(obj, "__pydantic_private__", None)
        return obj
    if "$e" in data:
        return classes[data["$e"]](_decode(data["v"], classes))
    if "$d" in data:
        return dt.date.fromisoformat(data["$d"])
    if "$t" in data:
        return tuple(_decode(v, classes) for v in data["$t"])
    return {k: _decode(v, classes) for k, v in data["$o"].items()}
