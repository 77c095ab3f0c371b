"""Writing output files safely: whole or not at all, never over an input, never over anything but a regular file.

The data goes to a partial file beside the target, `.NAME.XXXXXXXX.linkcheck-partial`, is flushed to disk, and
only then takes the target's name: renamed over it when replacing is allowed (`--force`, reports), hard-linked to
it when not, which is an exclusive create: a file another process makes in the meantime is never replaced.
A replaced file keeps its permissions. Every OS error (a full disk, a read-only file system, a folder the user
cannot write, a name too long) becomes a LinkcheckError naming the path, and the partial file is removed: on any
error, on Ctrl-C, SIGTERM and SIGHUP, and, for one left behind by a run that was killed outright, by the next
write of the same file.
"""

from __future__ import annotations

import errno
import os
import signal
import stat
import threading
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path

from .errors import LinkcheckError
from .safe_text import printable

PARTIAL_SUFFIX = ".linkcheck-partial"
# A partial file is stale once no writer holds its lock and it is this old (a writer locks it as it creates it).
_STALE_SECONDS = 60

_REASONS = {
    errno.ENOSPC: "no space left on the device",
    errno.EDQUOT: "disk quota exceeded",
    errno.EFBIG: "the file is too large for the file system",
    errno.EROFS: "the file system is read-only",
    errno.EACCES: "permission denied",
    errno.EPERM: "operation not permitted",
    errno.ENAMETOOLONG: "the name is too long",
    errno.EISDIR: "it is a folder",
    errno.ENOTDIR: "a part of the path is not a folder",
    errno.ELOOP: "too many levels of symbolic links (a loop?)",
    errno.ENOENT: "the folder does not exist",
    errno.EIO: "input/output error",
    errno.ETXTBSY: "the file is in use",
}


def _reason(exc: OSError) -> str:
    return _REASONS.get(exc.errno) or exc.strerror or str(exc)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    if stat.S_ISFIFO(mode):
        return "a pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    return "not a regular file"


def write_atomic(path: str | Path, data: bytes | str, *, inputs: Iterable[str | Path] = (),
                 overwrite: bool = True) -> None:
    """Write `data` to `path` whole, or raise LinkcheckError and leave nothing behind.

    `overwrite=False` refuses an existing file, atomically. `inputs` are files the output must not replace.
    """
    shown = printable(os.fspath(path))
    try:
        payload = data.encode("utf-8") if isinstance(data, str) else bytes(data)
    except UnicodeEncodeError as exc:
        raise LinkcheckError(f"{shown}: the output holds text that is not valid Unicode ({exc.reason})") from None
    target, existing = _check_target(os.fspath(path), shown, overwrite)
    if existing is not None:
        _check_not_an_input(existing, inputs, shown)
    folder, name = os.path.split(target)
    _remove_stale_partials(folder, name)
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else _new_file_mode()
    with _removed_on_failure() as cleanup:
        try:
            temp = _write_partial(folder, name, payload, mode, existing, cleanup)
            if overwrite:
                _check_still_replaceable(target, shown)
                os.replace(temp, target)
                cleanup.discard(temp)
            else:
                _create_exclusively(temp, target, payload, mode, shown, cleanup)
        except OSError as exc:
            raise _failure(exc, shown, folder) from None
    _sync_folder(folder)


def _check_target(path: str, shown: str, overwrite: bool) -> tuple[str, os.stat_result | None]:
    """The real path to write to, and the existing file there, if any; refuses anything but a regular file."""
    if "\0" in path:
        raise LinkcheckError(f"{shown}: a file name cannot contain a NUL character")
    if not path or path.endswith(os.sep):
        raise LinkcheckError(f"{shown or repr(path)}: give a file name, not a folder")
    absolute = os.path.abspath(path)
    if _is_stream(absolute):
        raise LinkcheckError(f"{shown}: is a stream or device, not a regular file; linkcheck writes regular files only")
    try:
        existing: os.stat_result | None = os.stat(path)  # follows symbolic links: what would be written to
    except FileNotFoundError:
        existing = None
        if os.path.islink(path):
            raise LinkcheckError(f"{shown}: is a symbolic link to a file that does not exist; linkcheck does not "
                                 "write through a dangling link") from None
    except OSError as exc:
        raise _failure(exc, shown, os.path.dirname(absolute)) from None
    via = " (through a symbolic link)" if os.path.islink(path) else ""
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise LinkcheckError(f"{shown}: is {_kind(existing.st_mode)}{via}, not a regular file; linkcheck only "
                             "writes regular files and will not replace it")
    if existing is not None and not overwrite:
        raise LinkcheckError(f"{shown}: file exists; pass --force to replace it")
    if existing is not None:
        target = os.path.realpath(path)
    else:
        folder = os.path.dirname(absolute)
        try:
            folder_info = os.stat(folder)
        except FileNotFoundError:
            raise LinkcheckError(f"{shown}: folder {printable(folder)} does not exist") from None
        except OSError as exc:
            raise _failure(exc, shown, folder) from None
        if not stat.S_ISDIR(folder_info.st_mode):
            raise LinkcheckError(f"{shown}: {printable(folder)} is not a folder")
        target = os.path.join(os.path.realpath(folder), os.path.basename(absolute))
    if _is_stream(target):
        raise LinkcheckError(f"{shown}: leads to a stream or device, not a regular file; linkcheck writes regular "
                             "files only")
    return target, existing


def _is_stream(path: str) -> bool:
    """/dev/stdout, /dev/fd/N, /proc/self/fd/N and their like: names of open streams, never files to replace."""
    return (path in ("/dev/stdin", "/dev/stdout", "/dev/stderr", "/dev/tty")
            or path.startswith(("/dev/fd/", "/proc/")))


def _check_not_an_input(existing: os.stat_result, inputs: Iterable[str | Path], shown: str) -> None:
    for source in inputs:
        try:
            info = os.stat(source)
        except (OSError, ValueError):
            continue
        if (info.st_dev, info.st_ino) == (existing.st_dev, existing.st_ino):
            raise LinkcheckError(f"{shown}: refusing to write over an input file")


def _new_file_mode() -> int:
    """The permissions an ordinary new file gets: 0o666 less the umask."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _name_limit(folder: str) -> int:
    try:
        return os.pathconf(folder, "PC_NAME_MAX")
    except (OSError, ValueError, AttributeError):
        return 255


def _partial_prefix(folder: str, name: str) -> str:
    """`.NAME.`, NAME shortened if needed so that the partial file's name fits the file system's limit."""
    room = _name_limit(folder) - len(f"..{'0' * 8}{PARTIAL_SUFFIX}")
    while len(os.fsencode(name)) > room and name:
        name = name[:-1]
    return f".{name}."


def _write_partial(folder: str, name: str, payload: bytes, mode: int, existing: os.stat_result | None,
                   cleanup: _Cleanup) -> str:
    prefix = _partial_prefix(folder, name)
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    while True:
        temp = os.path.join(folder, f"{prefix}{os.urandom(4).hex()}{PARTIAL_SUFFIX}")
        try:
            descriptor = os.open(temp, flags, 0o600)
            break
        except FileExistsError:
            continue
    cleanup.add(temp)
    try:
        _lock(descriptor)
        _write_all(descriptor, payload)
        if existing is not None and os.geteuid() == 0:
            with suppress(OSError):  # root replacing someone's file: the file stays theirs
                os.fchown(descriptor, existing.st_uid, existing.st_gid)
        os.fchmod(descriptor, mode)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    return temp


def _write_all(descriptor: int, payload: bytes) -> None:
    view = memoryview(payload)
    while view:
        written = os.write(descriptor, view)
        view = view[written:]


def _create_exclusively(temp: str, target: str, payload: bytes, mode: int, shown: str, cleanup: _Cleanup) -> None:
    """Give the partial file the target's name only if no file has it: a hard link fails if one does."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise LinkcheckError(f"{shown}: file exists; pass --force to replace it") from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EMLINK, errno.ENOSYS, errno.EXDEV):
            raise
        _create_by_open(target, payload, mode, shown, cleanup)  # a file system without hard links
    finally:
        with suppress(OSError):
            os.unlink(temp)
        cleanup.discard(temp)


def _create_by_open(target: str, payload: bytes, mode: int, shown: str, cleanup: _Cleanup) -> None:
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(target, flags, mode)
    except FileExistsError:
        raise LinkcheckError(f"{shown}: file exists; pass --force to replace it") from None
    cleanup.add(target)
    try:
        _write_all(descriptor, payload)
        os.fsync(descriptor)
    finally:
        os.close(descriptor)
    cleanup.discard(target)


def _check_still_replaceable(target: str, shown: str) -> None:
    """Just before the rename: the name still holds a regular file, or nothing (it may have changed meanwhile)."""
    try:
        info = os.lstat(target)
    except FileNotFoundError:
        return
    if not stat.S_ISREG(info.st_mode):
        raise LinkcheckError(f"{shown}: became {_kind(info.st_mode)} while linkcheck was writing; not replaced")


def _failure(exc: OSError, shown: str, folder: str) -> LinkcheckError:
    reason = _reason(exc)
    if exc.errno in (errno.EACCES, errno.EPERM):
        reason += f" (check that you may write in {printable(folder) or '.'})"
    return LinkcheckError(f"{shown}: cannot write: {reason}")


def _sync_folder(folder: str) -> None:
    """Make the new name durable; where a folder cannot be opened or synced, the data is still written."""
    with suppress(OSError, AttributeError):
        descriptor = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
        try:
            os.fsync(descriptor)
        finally:
            os.close(descriptor)


def _lock(descriptor: int) -> None:
    """Mark a partial file as being written, so another run does not take it for a stale one."""
    try:
        import fcntl
    except ImportError:  # not on POSIX: stale partial files are then left for the user
        return
    with suppress(OSError):
        fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)


def _remove_stale_partials(folder: str, name: str) -> None:
    """Remove partial files of this target that a killed run left: unlocked, and older than a minute."""
    try:
        import fcntl
    except ImportError:
        return
    prefix = _partial_prefix(folder, name)
    try:
        entries = [e for e in os.scandir(folder) if e.name.startswith(prefix) and e.name.endswith(PARTIAL_SUFFIX)]
    except OSError:
        return
    for entry in entries:
        with suppress(OSError):
            descriptor = os.open(entry.path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
            try:
                info = os.fstat(descriptor)
                if not stat.S_ISREG(info.st_mode) or time.time() - info.st_mtime < _STALE_SECONDS:
                    continue
                fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)  # fails while a writer holds it
                os.unlink(entry.path)
            finally:
                os.close(descriptor)


class _Cleanup:
    """Files to remove if the write does not finish."""

    def __init__(self) -> None:
        self.paths: list[str] = []

    def add(self, path: str) -> None:
        self.paths.append(path)

    def discard(self, path: str) -> None:
        if path in self.paths:
            self.paths.remove(path)

    def run(self) -> None:
        for path in self.paths:
            with suppress(OSError):
                os.unlink(path)
        self.paths.clear()


_SIGNALS = tuple(s for s in (getattr(signal, "SIGTERM", None), getattr(signal, "SIGHUP", None)) if s is not None)


def _exit_on_signal(signum: int, _frame: object) -> None:
    raise SystemExit(128 + signum)


@contextmanager
def _removed_on_failure() -> Iterator[_Cleanup]:
    """Remove the partial files on any failure, on Ctrl-C, and on SIGTERM or SIGHUP (which then end the run)."""
    cleanup = _Cleanup()
    previous: dict[int, object] = {}
    if threading.current_thread() is threading.main_thread():
        for signum in _SIGNALS:
            with suppress(OSError, ValueError):
                previous[signum] = signal.signal(signum, _exit_on_signal)
    try:
        yield cleanup
    except BaseException:
        cleanup.run()
        raise
    finally:
        for signum, handler in previous.items():
            with suppress(OSError, ValueError, TypeError):
                signal.signal(signum, handler)  # type: ignore[arg-type]
