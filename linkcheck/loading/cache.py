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

import hashlib
import json
import os
import stat
from functools import lru_cache
from pathlib import Path
from typing import Any

from .encoding import decode, encode

FORMAT = "4"  # the layout of an entry; bump it when encode() changes


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
