"""Output files (`new -o`, `report -o`): every OS error is a message naming the path, nothing partial is left,
nothing but a regular file is ever replaced, `new` creates exclusively and `--force` keeps the file's mode."""

from __future__ import annotations

import errno
import os
import stat
import subprocess
import sys
import textwrap
import time

import pytest

from linkcheck.errors import LinkcheckError
from linkcheck.writing import PARTIAL_SUFFIX, write_atomic

from .support import ROOT, assert_no_partial_files, assert_refused, run_subprocess

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


def _fail_on_partial(monkeypatch, name: str, error: int) -> None:
    """Make the OS call `name` fail with `error` for linkcheck's partial files, as a full disk or a read-only
    mount would (tests run as root, which permissions do not stop, so the failure is simulated)."""
    real = getattr(os, name)

    def failing(*args, **kwargs):
        first = args[0]
        if isinstance(first, int):  # a descriptor: os.write, os.fsync
            try:
                first = os.readlink(f"/proc/self/fd/{first}")
            except OSError:
                first = ""
        if PARTIAL_SUFFIX in str(first):
            raise OSError(error, os.strerror(error), str(first) if not isinstance(args[0], int) else None)
        return real(*args, **kwargs)

    monkeypatch.setattr(os, name, failing)


# --- special files are refused, never replaced ---------------------------------------------------------------

@pytest.mark.parametrize("device", ["/dev/null", "/dev/full", "/dev/zero"])
@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_new_refuses_a_device(cli, device, force):
    before = os.stat(device)
    result = cli("new", "Georgia", "-o", device, *force)
    assert_refused(result, device, "not a regular file")
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    assert "wrote" not in result.stderr


@pytest.mark.parametrize("stream", ["/dev/stdout", "/dev/stderr", "/dev/fd/1", "/proc/self/fd/1"])
def test_new_refuses_a_stream(cli, stream):
    assert_refused(cli("new", "Georgia", "-o", stream, "--force"), stream, "not a regular file")


def test_new_to_dev_stdout_redirected_to_a_file_leaves_that_file_alone(tmp_path):
    # /dev/stdout then resolves to a regular file; writing through it would swap the file the shell opened.
    redirected = tmp_path / "out.txt"
    with redirected.open("wb") as handle:
        result = run_subprocess("new", "Georgia", "-o", "/dev/stdout", "--force", stdout=handle)
    assert_refused(result, "/dev/stdout", "stream or device")
    assert redirected.read_bytes() == b""


def test_new_refuses_a_fifo_without_blocking(tmp_path):
    fifo = tmp_path / "out.yaml"
    os.mkfifo(fifo)
    result = run_subprocess("new", "Georgia", "-o", str(fifo), "--force", timeout=20)
    assert_refused(result, str(fifo), "pipe (FIFO)")
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode)
    assert_no_partial_files(tmp_path)


@pytest.mark.parametrize("force", [[], ["--force"]], ids=["plain", "force"])
def test_new_refuses_a_folder(cli, tmp_path, force):
    folder = tmp_path / "out.yaml"
    folder.mkdir()
    assert_refused(cli("new", "Georgia", "-o", str(folder), *force), str(folder), "is a folder")
    assert folder.is_dir() and not list(folder.iterdir())
    assert_no_partial_files(tmp_path)


@pytest.mark.parametrize("kind", ["device", "folder"])
def test_new_refuses_a_symlink_to_a_special_file(cli, tmp_path, kind):
    target = "/dev/null" if kind == "device" else str(tmp_path / "folder")
    if kind == "folder":
        os.mkdir(target)
    link = tmp_path / "out.yaml"
    link.symlink_to(target)
    assert_refused(cli("new", "Georgia", "-o", str(link), "--force"), str(link), "through a symbolic link")
    assert link.is_symlink() and os.readlink(link) == target
    assert_no_partial_files(tmp_path)


def test_new_refuses_a_symlink_loop(cli, tmp_path):
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    assert_refused(cli("new", "Georgia", "-o", str(tmp_path / "a.yaml"), "--force"), "a.yaml", "symbolic links")
    assert_no_partial_files(tmp_path)


def test_new_refuses_a_dangling_symlink(cli, tmp_path):
    (tmp_path / "out.yaml").symlink_to(tmp_path / "nowhere" / "x.yaml")
    assert_refused(cli("new", "Georgia", "-o", str(tmp_path / "out.yaml")), "out.yaml", "does not exist")
    assert not (tmp_path / "nowhere").exists()


def test_new_writes_through_a_symlink_to_a_regular_file(cli, tmp_path):
    real = tmp_path / "real.yaml"
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    result = cli("new", "Georgia", "-o", str(link), "--force")
    assert result.code == 0, result.stderr
    assert link.is_symlink() and real.read_text(encoding="utf-8").startswith("# ")
    assert_no_partial_files(tmp_path)


# --- OS errors: a message naming the path, nothing left behind ------------------------------------------------

@pytest.mark.parametrize(("call", "error", "words"), [
    ("write", errno.ENOSPC, "no space left on the device"),
    ("write", errno.EDQUOT, "disk quota exceeded"),
    ("write", errno.EFBIG, "too large"),
    ("write", errno.EIO, "input/output error"),
    ("fsync", errno.ENOSPC, "no space left on the device"),
    ("fsync", errno.EIO, "input/output error"),
    ("open", errno.EROFS, "read-only"),
    ("open", errno.EACCES, "permission denied (check that you may write in"),
    ("open", errno.ENOSPC, "no space left on the device"),
    ("link", errno.EROFS, "read-only"),
    ("link", errno.ENOSPC, "no space left on the device"),
])
def test_new_os_errors_are_messages(cli, tmp_path, monkeypatch, call, error, words):
    target = tmp_path / "out.yaml"
    _fail_on_partial(monkeypatch, call, error)
    result = cli("new", "Georgia", "-o", str(target))
    assert_refused(result, str(target), "cannot write", words)
    assert "wrote" not in result.stderr
    assert not target.exists()
    assert_no_partial_files(tmp_path)


@pytest.mark.parametrize(("call", "error", "words"), [
    ("write", errno.ENOSPC, "no space left on the device"),
    ("replace", errno.EROFS, "read-only"),
    ("replace", errno.EACCES, "permission denied"),
    ("replace", errno.EXDEV, "cannot write"),
])
def test_new_force_os_errors_keep_the_old_file(cli, tmp_path, monkeypatch, call, error, words):
    target = tmp_path / "out.yaml"
    target.write_text("the old file\n", encoding="utf-8")
    _fail_on_partial(monkeypatch, call, error)
    result = cli("new", "Georgia", "-o", str(target), "--force")
    assert_refused(result, str(target), words)
    assert target.read_text(encoding="utf-8") == "the old file\n"
    assert_no_partial_files(tmp_path)


@pytest.mark.parametrize("suffix", [".md", ".json"])
def test_report_on_a_full_disk(cli, tmp_path, monkeypatch, suffix):
    target = tmp_path / f"report{suffix}"
    _fail_on_partial(monkeypatch, "write", errno.ENOSPC)
    result = cli("report", "kazakhstan@phase2", "eu-ets@phase3", "-o", str(target))
    assert_refused(result, str(target), "no space left on the device")
    assert not target.exists()
    assert_no_partial_files(tmp_path)


@pytest.mark.parametrize("output", ["/dev/null", "/dev/stdout"])
def test_report_refuses_a_device_or_stream(cli, output):
    assert_refused(cli("report", "kazakhstan@phase2", "eu-ets@phase3", "-o", output, "--format", "md"), output)


def test_report_refuses_a_name_too_long(cli, tmp_path):
    target = tmp_path / ("r" * 300 + ".md")
    assert_refused(cli("report", "kazakhstan@phase2", "eu-ets@phase3", "-o", str(target)), "the name is too long")
    assert_no_partial_files(tmp_path)


def test_new_refuses_a_name_too_long(cli, tmp_path):
    assert_refused(cli("new", "Georgia", "-o", str(tmp_path / ("n" * 300 + ".yaml"))), "the name is too long")
    assert_no_partial_files(tmp_path)


def test_a_name_near_the_limit_still_gets_a_partial_file(cli, tmp_path):
    target = tmp_path / ("n" * 245 + ".yaml")  # 250 bytes: the partial file's name must be shortened to fit
    assert cli("new", "Georgia", "-o", str(target)).code == 0
    assert target.is_file()
    assert_no_partial_files(tmp_path)


def test_new_in_a_missing_folder(cli, tmp_path):
    assert_refused(cli("new", "Georgia", "-o", str(tmp_path / "no" / "such" / "x.yaml")), "does not exist")


def test_new_under_a_file_used_as_a_folder(cli, tmp_path):
    (tmp_path / "file").write_text("x", encoding="utf-8")
    assert_refused(cli("new", "Georgia", "-o", str(tmp_path / "file" / "x.yaml")), "not a folder")


@pytest.mark.skipif(IS_ROOT, reason="root writes in a read-only folder; simulated in test_new_os_errors_are_messages")
def test_new_in_a_read_only_folder(cli, tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o555)
    try:
        assert_refused(cli("new", "Georgia", "-o", str(folder / "x.yaml")), "permission denied")
        assert not list(folder.iterdir())
    finally:
        folder.chmod(0o755)


# --- exclusive create, modes, interruption ---------------------------------------------------------------------

def test_new_without_force_does_not_replace_a_file_created_meanwhile(cli, tmp_path, monkeypatch):
    # Another process creates the file after linkcheck has checked that it does not exist, while it writes.
    target = tmp_path / "out.yaml"
    real_fsync = os.fsync

    def fsync_then_race(descriptor):
        real_fsync(descriptor)
        if not target.exists():
            target.write_text("made by someone else\n", encoding="utf-8")

    monkeypatch.setattr(os, "fsync", fsync_then_race)
    result = cli("new", "Georgia", "-o", str(target))
    assert_refused(result, "file exists; pass --force")
    assert target.read_text(encoding="utf-8") == "made by someone else\n"
    assert_no_partial_files(tmp_path)


def test_new_refuses_an_existing_file_without_force(cli, tmp_path):
    target = tmp_path / "out.yaml"
    target.write_text("keep me\n", encoding="utf-8")
    assert_refused(cli("new", "Georgia", "-o", str(target)), "file exists; pass --force")
    assert target.read_text(encoding="utf-8") == "keep me\n"


@pytest.mark.parametrize("mode", [0o600, 0o640, 0o444, 0o755])
def test_new_force_keeps_the_mode(cli, tmp_path, mode):
    target = tmp_path / "out.yaml"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(mode)
    assert cli("new", "Georgia", "-o", str(target), "--force").code == 0
    assert stat.S_IMODE(target.stat().st_mode) == mode
    assert target.read_text(encoding="utf-8").startswith("# ")


def test_a_new_file_gets_the_umask_mode(cli, tmp_path):
    old = os.umask(0o027)
    try:
        assert cli("new", "Georgia", "-o", str(tmp_path / "out.yaml")).code == 0
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.yaml").stat().st_mode) == 0o640


def test_an_interrupted_write_leaves_no_partial_file(tmp_path, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", interrupted)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "out.yaml", "data\n")
    assert list(tmp_path.iterdir()) == []


def test_sigterm_while_writing_removes_the_partial_file(tmp_path):
    script = textwrap.dedent(f"""
        import os, signal
        from linkcheck.writing import write_atomic
        real = os.fsync
        def fsync(fd):
            real(fd)
            os.kill(os.getpid(), signal.SIGTERM)
        os.fsync = fsync
        write_atomic({str(tmp_path / 'out.yaml')!r}, "data\\n")
    """)
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, timeout=20,
                          env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert done.returncode == 128 + 15, done.stderr
    assert list(tmp_path.iterdir()) == []


def test_a_stale_partial_file_of_a_killed_run_is_removed(cli, tmp_path):
    stale = tmp_path / f".out.yaml.deadbeef{PARTIAL_SUFFIX}"
    stale.write_text("half", encoding="utf-8")
    old = time.time() - 3600
    os.utime(stale, (old, old))
    fresh = tmp_path / f".out.yaml.cafebabe{PARTIAL_SUFFIX}"  # perhaps another run writing now: left alone
    fresh.write_text("being written", encoding="utf-8")
    assert cli("new", "Georgia", "-o", str(tmp_path / "out.yaml")).code == 0
    assert not stale.exists() and fresh.exists()


def test_write_atomic_refuses_an_input(tmp_path):
    source = tmp_path / "profile.yaml"
    source.write_text("id: x\n", encoding="utf-8")
    os.link(source, tmp_path / "hardlink.yaml")
    with pytest.raises(LinkcheckError, match="input file"):
        write_atomic(tmp_path / "hardlink.yaml", "x", inputs=[source])
    assert source.read_text(encoding="utf-8") == "id: x\n"


def test_write_atomic_names_a_nul_byte(tmp_path):
    with pytest.raises(LinkcheckError, match="NUL"):
        write_atomic(str(tmp_path / "a\0b.yaml"), "x")


# --- the output stream itself -----------------------------------------------------------------------------------

@pytest.mark.parametrize("command", [["list"], ["show", "kazakhstan", "--format", "json"]])
def test_output_to_a_full_device_is_a_user_error(command):
    with open("/dev/full", "wb") as full:
        result = run_subprocess(*command, stdout=full)
    assert_refused(result, "No space left on device")


def test_an_os_error_in_a_command_names_the_path(cli, monkeypatch):
    import linkcheck.loading.library as library

    def denied(*args, **kwargs):
        raise PermissionError(errno.EACCES, "Permission denied", "/srv/profiles/x.yaml")

    monkeypatch.setattr(library, "load_references", denied)
    assert_refused(cli("show", "kazakhstan"), "/srv/profiles/x.yaml", "Permission denied")


def test_a_real_bug_is_still_called_an_internal_error(cli, monkeypatch):
    import linkcheck.loading.library as library

    def bug(*args, **kwargs):
        raise ZeroDivisionError("a bug")

    monkeypatch.setattr(library, "load_references", bug)
    result = cli("show", "kazakhstan")
    assert result.code == 2 and "internal error: ZeroDivisionError('a bug')" in result.stderr
    assert "Traceback" not in result.stderr
