"""Profile references and paths: a clear message for anything that is not a readable profile (a huge reference,
control characters, a folder, a FIFO, a device, a symlink loop, a name too long), and `@` in file names."""

from __future__ import annotations

import os
import shutil

import pytest

from linkcheck.errors import LinkcheckError
from linkcheck.loading.library import load_file, locate_reference, split_reference

from .support import ROOT, assert_refused, run_subprocess

MINIMAL = ROOT / "tests" / "fixtures" / "minimal.yaml"
COMMANDS = {
    "validate": lambda ref: ["validate", ref],
    "show": lambda ref: ["show", ref],
    "assess": lambda ref: ["assess", ref, "kazakhstan"],
    "diff": lambda ref: ["diff", "kazakhstan", ref],
    "readiness": lambda ref: ["readiness", ref],
    "timeline": lambda ref: ["timeline", "kazakhstan", "--against", ref],
}


# --- references no file or system can have ----------------------------------------------------------------------

@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_100000_character_reference(cli, command):
    result = cli(*COMMANDS[command]("x" * 100_000))
    assert_refused(result, "100,000 characters", "the limit is 4,096")
    assert len(result.stderr) < 1_000  # the reference is not echoed whole


@pytest.mark.parametrize("command", sorted(COMMANDS))
@pytest.mark.parametrize(("reference", "code", "position"), [
    ("kazakh\0stan", "U+0000", 7),
    ("a\x1b]0;pwned\x07.yaml", "U+001B", 2),
    ("line\nbreak.yaml", "U+000A", 5),
    ("tab\there", "U+0009", 4),
    ("del\x7f.yaml", "U+007F", 4),
    ("csi\x9b2J", "U+009B", 4),
], ids=["nul", "osc", "newline", "tab", "del", "c1"])
def test_control_characters_in_a_reference(cli, command, reference, code, position):
    result = cli(*COMMANDS[command](reference))
    assert_refused(result, code, f"at character {position}")
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr and "\x9b" not in result.stderr


def test_an_empty_reference(cli):
    assert_refused(cli("show", ""), "the profile reference is empty")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_reference_with_an_empty_phase_is_not_read_as_the_latest(cli, command):
    # `eu-ets@` is a phase left out; taking the latest would silently change what is assessed.
    assert_refused(cli(*COMMANDS[command]("eu-ets@")), "'eu-ets@' names no phase after '@'", "'eu-ets@PHASE'")


@pytest.mark.parametrize(("typed", "suggested"), [("EU-ETS", "'eu-ets'"), ("Korea@phase2", "'korea@phase2'")])
def test_a_reference_in_the_wrong_case_gets_a_suggestion(cli, typed, suggested):
    assert_refused(cli("show", typed), f"unknown profile '{typed}'", f"did you mean {suggested}")


def test_a_name_too_long_for_the_file_system(cli, tmp_path):
    assert_refused(cli("validate", str(tmp_path / ("y" * 300 + ".yaml"))), "File name too long")


# --- things that are not a profile file -------------------------------------------------------------------------

@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_folder(cli, tmp_path, command):
    folder = tmp_path / "profile.yaml"
    folder.mkdir()
    assert_refused(cli(*COMMANDS[command](str(folder))), str(folder), "a folder")


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_folder_with_a_phase(cli, tmp_path, command):
    folder = tmp_path / "profile.yaml"
    folder.mkdir()
    assert_refused(cli(*COMMANDS[command](f"{folder}@first")), str(folder), "a folder")


@pytest.mark.parametrize("device", ["/dev/null", "/dev/zero", "/dev/urandom", "/dev/full"])
def test_a_device(device):
    assert_refused(run_subprocess("validate", device, timeout=20), device, "not a regular file")


@pytest.mark.parametrize("command", ["validate", "show", "assess"])
def test_a_fifo_nobody_writes(tmp_path, command):
    fifo = tmp_path / "profile.yaml"
    os.mkfifo(fifo)
    assert_refused(run_subprocess(*COMMANDS[command](str(fifo)), timeout=20), str(fifo), "not a regular file")


def test_a_fifo_named_like_a_system(tmp_path):
    os.mkfifo(tmp_path / "atlantis")  # a name no shipped system has
    result = run_subprocess("validate", "atlantis", cwd=tmp_path, timeout=20)
    assert_refused(result, "atlantis", "not a regular file")


def test_a_shipped_name_wins_over_a_folder_of_that_name(cli, tmp_path, monkeypatch):
    (tmp_path / "kazakhstan").mkdir()
    monkeypatch.chdir(tmp_path)
    assert cli("validate", "kazakhstan").code == 0


@pytest.mark.parametrize("command", sorted(COMMANDS))
def test_a_symlink_loop(cli, tmp_path, command):
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    assert_refused(cli(*COMMANDS[command](str(tmp_path / "a.yaml"))), "a.yaml", "symbolic links")


def test_a_dangling_symlink(cli, tmp_path):
    (tmp_path / "p.yaml").symlink_to(tmp_path / "gone.yaml")
    assert_refused(cli("validate", str(tmp_path / "p.yaml")), "p.yaml", "no such file")


def test_a_missing_file(cli, tmp_path):
    assert_refused(cli("validate", str(tmp_path / "missing.yaml")), "missing.yaml", "no such file")


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(cli, tmp_path):
    sparse = tmp_path / "huge.yaml"
    with sparse.open("wb") as handle:
        handle.truncate(1 << 30)  # 1 GiB, sparse: reading it whole would take seconds and a gigabyte
    assert_refused(cli("validate", str(sparse)), "1,073,741,824 bytes", "the limit is")


def test_load_file_of_a_folder_is_a_profile_error(tmp_path):
    with pytest.raises(LinkcheckError, match="a folder"):
        load_file(tmp_path)


# --- `@` in file names ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["a@b.yaml", "a@first.yaml", "@.yaml", "x@y@z.yml", "team@example.org"])
def test_a_file_whose_name_holds_an_at_sign(cli, tmp_path, monkeypatch, name):
    shutil.copy(MINIMAL, tmp_path / name)
    monkeypatch.chdir(tmp_path)
    for reference in (name, f"./{name}", str(tmp_path / name)):
        result = cli("validate", reference)
        assert result.code == 0, (reference, result.stderr)
        assert "phases first, second" in result.stdout


@pytest.mark.parametrize("name", ["a@b.yaml", "x@y@z.yml"])
def test_a_file_with_an_at_sign_and_a_phase(cli, tmp_path, name):
    shutil.copy(MINIMAL, tmp_path / name)
    result = cli("validate", f"{tmp_path / name}@second")
    assert result.code == 0, result.stderr
    assert "phases second" in result.stdout


def test_a_folder_with_an_at_sign(cli, tmp_path):
    folder = tmp_path / "team@x"
    folder.mkdir()
    shutil.copy(MINIMAL, folder / "p.yaml")
    assert cli("validate", str(folder / "p.yaml")).code == 0
    assert cli("validate", f"{folder / 'p.yaml'}@first").code == 0
    assert_refused(cli("validate", str(tmp_path / "team@y" / "p.yaml")), "no such file")


def test_a_missing_file_with_an_at_sign_is_named_whole(cli, tmp_path):
    assert_refused(cli("validate", str(tmp_path / "a@b.yaml")), "a@b.yaml: no such file")


@pytest.mark.parametrize(("reference", "expected"), [
    ("kazakhstan@phase2", ("kazakhstan", "phase2")),
    ("kazakhstan", ("kazakhstan", None)),
    ("p.yaml@first", ("p.yaml", "first")),
    ("dir@x/p.yaml", ("dir@x/p.yaml", None)),
    ("a@b.yaml", ("a@b.yaml", None)),
])
def test_split_reference(reference, expected):
    assert split_reference(reference) == expected


def test_path_at_phase_and_shipped_references_still_work(cli):
    assert cli("validate", f"{MINIMAL}@first").code == 0
    assert "phases phase2" in cli("validate", "kazakhstan@phase2").stdout
    assert_refused(cli("validate", f"{MINIMAL}@third"), "no phase 'third'")


def test_locate_reference_finds_an_existing_at_file(tmp_path, monkeypatch):
    shutil.copy(MINIMAL, tmp_path / "a@b.yaml")
    monkeypatch.chdir(tmp_path)
    loaded, phase = locate_reference("a@b.yaml")
    assert phase is None and loaded.profile.id == "minimal"
