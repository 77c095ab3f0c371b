"""A cache of the shipped library's validated form, so a command does not validate forty profiles on every run.

Only shipped profiles that validated are cached; a user's own file is always validated, and a file that fails is
never cached, so every error and its message (file, line, column) is what validation gives. An entry is keyed by
a hash of the file's bytes, its name as messages show it, linkcheck's version, pydantic's, and the source of the
model and loading code: a changed profile, or changed code, misses and is validated afresh. It is never stale.

The entries are JSON (never pickle): the plain form of the validated profile (see `encoding.py`), rebuilt without
validation, and without pydantic, into plain objects equal to what validation returns. An entry that cannot be
read, does not parse, or names a class the model does not have is ignored, and the file validated. A cache folder that
cannot be made or written (read-only, full) is no error: the run goes on without it.

Where: $LINKCHECK_CACHE_DIR, else $XDG_CACHE_HOME/linkcheck, else ~/.cache/linkcheck. LINKCHECK_NO_CACHE=1 turns it
off.
"""

from __future__ import annotations

import json
import os
import re
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any

from .encoding import decode_json, encode, readings

try:  # CPython's own BLAKE2: `import hashlib` would first load OpenSSL, which costs a cached run a tenth of its time
    from _blake2 import blake2b
except ImportError:  # another Python
    from hashlib import blake2b


def _digest(data: bytes = b""):
    return blake2b(data, digest_size=32)

FORMAT = "7"  # the layout of an entry; bump it when encode() changes


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
    from ..version import __version__

    digest = _digest(f"{FORMAT}\0{__version__}\0{_pydantic_version()}\0".encode())
    package = Path(__file__).resolve().parent.parent
    for folder in ("model", "loading"):
        for source in sorted((package / folder).glob("*.py")):
            digest.update(source.name.encode() + b"\0" + source.read_bytes() + b"\0")
    for name in ("errors.py", "safe_text.py", "paths.py"):
        digest.update(name.encode() + b"\0" + (package / name).read_bytes() + b"\0")
    return digest.hexdigest()


def _pydantic_version() -> str:
    """pydantic's version, read from its version module's text without importing pydantic (a command served from
    the cache never needs it)."""
    import sys

    # Where `import pydantic` would find it: the first entry of the path holding the package.
    found_in = (os.path.join(entry or ".", "pydantic", "version.py") for entry in sys.path)
    try:
        text = Path(next(path for path in found_in if os.path.isfile(path))).read_text(encoding="utf-8")
    except (StopIteration, OSError):
        text = ""
    found = re.search(r"""^VERSION\s*=\s*['"]([^'"]+)['"]""", text, re.M)
    if found:
        return found.group(1)
    import pydantic  # laid out otherwise: ask it

    return pydantic.VERSION


def entry_key(raw: bytes, display: str) -> str:
    digest = _digest(code_hash().encode() + b"\0" + display.encode() + b"\0" + raw)
    return digest.hexdigest()


PROFILE_FILE = "linkcheck.model.profile:ProfileFile"  # what an entry must hold (a test keeps the name true)
KEEP = 3  # entries kept per shipped file: a few versions (checkouts, branches) side by side, not every edit


def _entry_path(raw: bytes, display: str, kind: str) -> Path | None:
    folder = cache_dir()
    return None if folder is None else folder / f"{kind}-{_name(display)}-{entry_key(raw, display)}.json"


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
    """The plain ProfileFile cached for these bytes, or None (no entry, unreadable, corrupt, turned off)."""
    entry = _read_entry(raw, display, "profile")
    classes = _class_table() if entry is not None else None
    if classes is None or entry[0].get("table") != classes[0]:
        return None
    try:
        profile = decode_json(classes[1], entry[1])
    except Exception:  # truncated, tampered with: validate instead
        return None
    return profile if getattr(profile, "model_key", None) == PROFILE_FILE else None


def store(raw: bytes, display: str, profile: Any) -> None:
    """Cache a profile that validated; any failure (read-only, full, an object encode() cannot write) is silent."""
    try:
        data = encode(profile)
        value = json.dumps(data["value"], ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        described = json.dumps(data["classes"], ensure_ascii=False, separators=(",", ":"))
        table = _digest(described.encode()).hexdigest()
        if decode_json(readings(data["classes"]), value) != profile:  # never write what would not read back
            return
    except Exception:
        return
    if (_class_table() or ("",))[0] != table:
        _write_entry(b"", "classes", "classes", {"table": table}, described)
        _CLASS_TABLES.clear()
    _write_entry(raw, display, "profile", {"table": table}, value)


_CLASS_TABLES: dict[Path, tuple[str, list[Any]]] = {}  # the class tables read in this run, by entry, made ready


def _class_table() -> tuple[str, list[Any]] | None:
    """The class table every profile entry refers to (one per version of the model's code): its id and its
    classes made ready to read; None when there is none, or it is unreadable."""
    path = _entry_path(b"", "classes", "classes")
    if path is None:
        return None
    if path in _CLASS_TABLES:
        return _CLASS_TABLES[path]
    entry = _read_entry(b"", "classes", "classes")
    if entry is None:
        return None
    try:
        if _digest(entry[1]).hexdigest() != entry[0]["table"]:
            return None  # changed since it was written: every entry's defaults would be read wrong
        found = (entry[0]["table"], readings(json.loads(entry[1])))
    except Exception:
        return None
    _CLASS_TABLES[path] = found
    return found


def table_data(path: Path, display: str) -> Any:
    """The data of a shipped reference table (a YAML file of reference_data/), read as `safe_yaml.read_yaml` reads
    it; from the cache when these bytes were read before. Errors are read_yaml's, located."""
    from .source_files import decode, read_source_bytes

    raw = read_source_bytes(path, display)
    entry = _read_entry(raw, display, "table")
    if entry is not None:
        try:
            return json.loads(entry[1])
        except ValueError:
            pass
    from .safe_yaml import parse_yaml

    data = parse_yaml(decode(raw, display), display, shape="a reference table is a mapping").data
    try:
        value = json.dumps(data, ensure_ascii=False, allow_nan=False, separators=(",", ":"))
        if json.loads(value) == data:  # text keys, lists and numbers: what JSON keeps exactly
            _write_entry(raw, display, "table", {}, value)
    except (TypeError, ValueError):
        pass
    return data


def _read_entry(raw: bytes, display: str, kind: str) -> tuple[dict[str, Any], bytes] | None:
    """An entry's header and value text, if there is an entry for these bytes that this user wrote."""
    path = _entry_path(raw, display, kind)
    if path is None or not _private(path.parent):
        return None
    try:
        with open(path, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode) or (hasattr(os, "getuid") and info.st_uid != os.getuid()):
                return None  # only an entry this user wrote is read
            text = handle.read()
        header, _, value = text.partition(b"\n")
        head = json.loads(header)
        if not isinstance(head, dict) or head.get("key") != entry_key(raw, display):
            return None
        return head, value
    except Exception:  # missing, unreadable, not JSON
        return None


def _write_entry(raw: bytes, display: str, kind: str, header: dict[str, Any], value: str) -> None:
    """Write an entry atomically, in two lines: the key and `header`, then the value (JSON escapes every newline
    inside a text). Silent on any failure: the run goes on without the cache."""
    path = _entry_path(raw, display, kind)
    if path is None:
        return
    try:
        text = json.dumps({"key": entry_key(raw, display), **header}, ensure_ascii=False, allow_nan=False,
                          separators=(",", ":")) + "\n" + value
        import tempfile

        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        if not _private(path.parent):
            return
        descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{kind}-", suffix=".tmp")
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
        _prune(path.parent, kind, _name(display))
    except Exception:
        return


def _prune(folder: Path, kind: str, name: str) -> None:
    """Remove all but the newest KEEP entries of one file: an edited profile leaves its old entries behind."""
    own = re.compile(rf"{kind}-{re.escape(name)}-[0-9a-f]{{64}}\.json")  # not `eu-ets`'s entries when pruning `eu`
    entries = []
    for entry in folder.glob(f"{kind}-{name}-*.json"):
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
