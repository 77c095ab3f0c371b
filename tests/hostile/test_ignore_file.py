"""`diff --ignore-file`: only a regular UTF-8 file is read, the patterns are capped (and the cap said), and
matching is near-linear: tens of thousands of patterns take a fraction of a second, with fnmatch's meaning."""

from __future__ import annotations

import fnmatch
import os
import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linkcheck.differences import MAX_IGNORE_PATTERNS, MAX_PATTERN_CHARS, MAX_TESTED_SETS, GlobSet, read_ignore_file
from linkcheck.errors import ProfileErrors

from .support import assert_refused, run_subprocess

PAIR = ("kazakhstan@pilot", "kazakhstan@phase2")


def diff_ignoring(cli, path, *extra):
    return cli("diff", *PAIR, "--format", "json", "--ignore-file", str(path), *extra)


# --- what is read ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom", "/dev/null", "/dev/full"])
def test_a_device(device):
    result = run_subprocess("diff", *PAIR, "--ignore-file", device, timeout=20)
    assert_refused(result, device, "not a regular file")


def test_a_fifo_nobody_writes(tmp_path):
    fifo = tmp_path / "ignore.txt"
    os.mkfifo(fifo)
    result = run_subprocess("diff", *PAIR, "--ignore-file", str(fifo), timeout=20)
    assert_refused(result, str(fifo), "not a regular file")


def test_a_folder(cli, tmp_path):
    assert_refused(diff_ignoring(cli, tmp_path), str(tmp_path), "a folder")


def test_a_missing_file(cli, tmp_path):
    assert_refused(diff_ignoring(cli, tmp_path / "missing.txt"), "missing.txt", "no such file")


def test_a_symlink_loop(cli, tmp_path):
    (tmp_path / "a").symlink_to(tmp_path / "b")
    (tmp_path / "b").symlink_to(tmp_path / "a")
    assert_refused(diff_ignoring(cli, tmp_path / "a"), "symbolic links")


@pytest.mark.parametrize(("raw", "where"), [
    (b"coverage.*\n\xff\xfe\n", ":2:1:"),
    (b"\x80", ":1:1:"),
    (b"ok\n  caf\xc3", ":2:6:"),
])
def test_not_utf8(cli, tmp_path, raw, where):
    path = tmp_path / "ignore.txt"
    path.write_bytes(raw)
    assert_refused(diff_ignoring(cli, path), "not UTF-8", where)


def test_a_huge_sparse_file_is_refused_before_it_is_read(cli, tmp_path):
    path = tmp_path / "ignore.txt"
    with path.open("wb") as handle:
        handle.truncate(1 << 30)
    result = diff_ignoring(cli, path)
    assert_refused(result, "1,073,741,824 bytes", "the limit is")
    assert result.seconds < 1.0


@pytest.mark.parametrize(("line", "code", "where"), [
    ("cover\x00age.*", "U+0000", ":3:6:"),
    ("\x1b]0;t\x07*", "U+001B", ":3:1:"),
    ("a\x0bb", "U+000B", ":3:2:"),
])
def test_control_characters_are_located(cli, tmp_path, line, code, where):
    path = tmp_path / "ignore.txt"
    path.write_text(f"# header\ncoverage.*\n{line}\n", encoding="utf-8")
    result = diff_ignoring(cli, path)
    assert_refused(result, code, where)
    assert "\x1b" not in result.stderr


def test_a_bom_and_crlf_are_fine(cli, tmp_path):
    path = tmp_path / "ignore.txt"
    path.write_bytes(b"\xef\xbb\xbf# all\r\n*\r\n")
    assert diff_ignoring(cli, path).code == 0


# --- limits ---------------------------------------------------------------------------------------------------

def test_too_many_patterns_says_the_limit(cli, tmp_path):
    path = tmp_path / "ignore.txt"
    path.write_text("\n".join(f"p{i}" for i in range(MAX_IGNORE_PATTERNS + 1)), encoding="utf-8")
    result = diff_ignoring(cli, path)
    assert_refused(result, f"limited to {MAX_IGNORE_PATTERNS:,}", f":{MAX_IGNORE_PATTERNS + 1}:1:")
    assert result.seconds < 2.0


def test_a_pattern_too_long_says_the_limit(cli, tmp_path):
    path = tmp_path / "ignore.txt"
    path.write_text("ok\n" + "*" * (MAX_PATTERN_CHARS + 1) + "\n", encoding="utf-8")
    assert_refused(diff_ignoring(cli, path), f"limited to {MAX_PATTERN_CHARS}", ":2:1:")


@pytest.mark.parametrize("make", [lambda i: f"*[a-{chr(0x4E00 + i)}]q", lambda i: f"*[!{chr(0x4E00 + i)}]q"],
                         ids=["ranged", "negated"])
def test_too_many_tested_sets(cli, tmp_path, make):
    path = tmp_path / "ignore.txt"
    path.write_text("\n".join(make(i) for i in range(MAX_TESTED_SETS + 1)), encoding="utf-8")
    assert_refused(diff_ignoring(cli, path), f"more than {MAX_TESTED_SETS}", "that is the limit")


def test_many_plain_sets_are_fine(cli, tmp_path):
    path = tmp_path / "ignore.txt"
    path.write_text("\n".join(f"x[{chr(0x4E00 + i)}a]*" for i in range(20_000)), encoding="utf-8")
    assert diff_ignoring(cli, path).code == 1


def test_patterns_too_alike_to_match_quickly_are_refused_in_bounded_time(cli, tmp_path):
    # Every pattern stays alive along every path: the matching work is capped, and the cap said.
    path = tmp_path / "ignore.txt"
    path.write_text("\n".join(f"*[{chr(0x4E00 + i)}.]*q{i}" for i in range(34_000)), encoding="utf-8")
    assert_refused(diff_ignoring(cli, path), "too many and too alike", "steps")


# --- speed and meaning ----------------------------------------------------------------------------------------

PATTERN_SHAPES = {
    "literal": lambda i: f"coverage.sectors[s{i}]",
    "prefix-star": lambda i: f"dim{i}.*",
    "star-suffix": lambda i: f"*.field{i}",
    "floating": lambda i: f"*a*b*c*{i}*",
    "mixed": lambda i: f"dim{i}.*.field{i % 97}?[ab]*",
    "same-prefix": lambda i: f"coverage.*{i}*",
}


@pytest.mark.parametrize("shape", sorted(PATTERN_SHAPES))
def test_34000_patterns_cost_little_beside_the_diff(cli, tmp_path, shape):
    path = tmp_path / "ignore.txt"
    path.write_text("\n".join(PATTERN_SHAPES[shape](i) for i in range(34_000)) + "\n", encoding="utf-8")
    plain = cli("diff", *PAIR, "--format", "json")
    started = time.monotonic()
    result = diff_ignoring(cli, path)
    elapsed = time.monotonic() - started
    assert result.code in (0, 1), result.stderr
    # A blow-up (quadratic matching) would cost minutes; a loaded machine only stretches both runs alike.
    assert elapsed < 3 * plain.seconds + 5.0, (elapsed, plain.seconds)


def test_34000_patterns_still_ignore_what_they_match(cli, tmp_path):
    path = tmp_path / "ignore.txt"
    path.write_text("\n".join([f"*.x{i}" for i in range(34_000)] + ["*"]), encoding="utf-8")
    assert diff_ignoring(cli, path).code == 0  # everything ignored: no differences


def test_patterns_from_the_file_and_the_command_line_add_up(cli, tmp_path):
    path = tmp_path / "ignore.txt"
    path.write_text("# all but coverage\n[!c]*\n", encoding="utf-8")
    result = diff_ignoring(cli, path, "--ignore", "coverage.*")
    assert result.code == 0, result.stdout


def test_read_ignore_file_strips_comments_and_blanks():
    assert read_ignore_file("# c\n\n  a.*  # trailing\n\t*.note\n") == ["a.*", "*.note"]
    with pytest.raises(ProfileErrors):
        read_ignore_file("a\n\x01\n", "f")


GLOB_CHARS = st.text(alphabet="ab.[]!-*?^\\", max_size=8)
PATHS = st.text(alphabet="ab.[]!-^\\x", max_size=10)


@settings(max_examples=400, deadline=None, derandomize=True)
@given(patterns=st.lists(GLOB_CHARS, min_size=1, max_size=5), path=PATHS)
def test_globset_means_what_fnmatch_means(patterns, path):
    assert GlobSet(patterns).matches(path) == any(fnmatch.fnmatchcase(path, p) for p in patterns)


SCALE_CHECKS = {
    "literal": {"coverage.sectorss": True, "coverage.sectors5": True, "coverage.sectors[s5]": False},
    "prefix-star": {"dim5.x.field5": True, "dimx.x": False},
    "star-suffix": {"dim5.x.field5": True, "dim5.x.fieldx": False},
    "floating": {"a.b.c.5": True, "c.b.a.5": False},
    "mixed": {"dim5.x.field5xa": True, "dim5.x.field5xc": False},
    "same-prefix": {"coverage.sectors[s5]": True, "coverage.x": False},
}


@pytest.mark.parametrize("shape", sorted(PATTERN_SHAPES))
def test_100000_patterns_build_and_match_quickly(shape):
    patterns = [PATTERN_SHAPES[shape](i) for i in range(MAX_IGNORE_PATTERNS)]
    paths = [f"coverage.sectors[s{i}]" for i in range(300)] + [f"dim{i}.x.field{i}" for i in range(300)]
    started = time.monotonic()
    matcher = GlobSet(patterns)
    for path in paths:
        matcher.matches(path)
    assert time.monotonic() - started < 15.0  # seconds when linear; a blow-up would take minutes
    for path, expected in SCALE_CHECKS[shape].items():
        assert matcher.matches(path) is expected, path
