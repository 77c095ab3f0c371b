"""The cache of the shipped library's validated form: equal to validation, never stale, never in the way."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest
from pydantic import BaseModel

from linkcheck.errors import ProfileErrors
from linkcheck.loading import cache, library
from linkcheck.loading.safe_yaml import parse_yaml
from linkcheck.loading.source_files import read_source
from linkcheck.loading.validate import validate_document
from linkcheck.model import objects

SHIPPED = library.shipped_files()


@pytest.fixture
def cache_dir(tmp_path, monkeypatch):
    folder = tmp_path / "cache"
    monkeypatch.setenv("LINKCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("LINKCHECK_NO_CACHE", raising=False)
    library._load_cached.cache_clear()
    yield folder
    library._load_cached.cache_clear()


@pytest.fixture
def library_copy(tmp_path, monkeypatch, cache_dir):
    """The shipped library copied to a folder of its own, which linkcheck then takes for its shipped profiles."""
    folder = tmp_path / "system_profiles"
    shutil.copytree(library.shipped_profiles_dir(), folder)
    monkeypatch.setattr(library, "shipped_profiles_dir", lambda: folder)
    return folder


def _load(system_id: str, folder: Path | None = None) -> library.LoadedFile:
    path = (folder / f"{system_id}.yaml") if folder else SHIPPED[system_id]
    library._load_cached.cache_clear()  # a fresh run: only the cache on disk is shared
    return library.load_file(path, f"system_profiles/{path.name}")


def _fresh(system_id: str, folder: Path | None = None):
    path = (folder / f"{system_id}.yaml") if folder else SHIPPED[system_id]
    return validate_document(parse_yaml(read_source(path), f"system_profiles/{path.name}"))


def _same(a, b, where="profile") -> None:
    """`a`, loaded, is the plain twin of `b`, validated: equal, of the twin classes of b's, with the same fields set,
    all the way down."""
    if isinstance(b, BaseModel):
        assert isinstance(a, objects.Plain), where
        assert type(a).__name__ == type(b).__name__, where
        assert isinstance(a, getattr(objects, objects.behaviour_of(type(b)))), where
        assert a.model_key == objects.model_key_of(b), where
        assert a.model_fields_set == b.model_fields_set, where
        assert a.__dict__.keys() == b.__dict__.keys(), where
        for name in a.__dict__:
            _same(a.__dict__[name], b.__dict__[name], f"{where}.{name}")
        return
    assert type(a) is type(b), where
    if isinstance(a, (tuple, list)):
        assert len(a) == len(b), where
        for i, (x, y) in enumerate(zip(a, b)):
            _same(x, y, f"{where}[{i}]")
    elif isinstance(a, dict):
        assert list(a) == list(b), where
        for key in a:
            _same(a[key], b[key], f"{where}.{key}")
    else:
        assert a == b, where


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("profile-*.json")) if folder.is_dir() else []


@pytest.mark.parametrize("system_id", sorted(SHIPPED))
def test_a_cache_hit_is_what_validation_gives(cache_dir, system_id):
    first = _load(system_id)
    assert len(_entries(cache_dir)) == 1
    hit = _load(system_id)
    fresh = _fresh(system_id)
    assert hit.profile == fresh
    _same(hit.profile, fresh)
    _same(first.profile, fresh)
    # The document, read again on demand, is the file's: the same data and positions for messages.
    document = parse_yaml(read_source(SHIPPED[system_id]), f"system_profiles/{SHIPPED[system_id].name}")
    assert hit.document.file == document.file
    assert hit.document.data == document.data
    assert hit.document.value_pos == document.value_pos and hit.document.key_pos == document.key_pos
    # Resolved phases are the same too.
    for phase_id in fresh.phases:
        assert hit.resolve(phase_id) == first.resolve(phase_id)


def test_editing_a_profile_invalidates_its_entry(library_copy, cache_dir):
    path = library_copy / "kazakhstan.yaml"
    assert _load("kazakhstan", library_copy).profile.name == "Kazakhstan Emissions Trading System"
    assert len(_entries(cache_dir)) == 1
    assert _load("kazakhstan", library_copy).profile == _fresh("kazakhstan", library_copy)

    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("name: Kazakhstan Emissions Trading System", "name: Edited ETS", 1),
                    encoding="utf-8")
    edited = _load("kazakhstan", library_copy)
    assert edited.profile.name == "Edited ETS"
    assert edited.profile == _fresh("kazakhstan", library_copy)
    assert len(_entries(cache_dir)) == 2  # the old entry no longer matches the file's bytes

    # A file that fails is validated every time, with its located message, and never cached.
    path.write_text(text.replace("reviewed: ", "reviewed: not-a-date # ", 1), encoding="utf-8")
    with pytest.raises(ProfileErrors) as cached_run:
        _load("kazakhstan", library_copy)
    with pytest.raises(ProfileErrors) as fresh_run:
        _fresh("kazakhstan", library_copy)
    assert [str(e) for e in cached_run.value.errors] == [str(e) for e in fresh_run.value.errors]
    assert "system_profiles/kazakhstan.yaml:" in str(cached_run.value.errors[0])
    assert len(_entries(cache_dir)) == 2

    path.write_text(text, encoding="utf-8")  # back as it was: the first entry serves again
    assert _load("kazakhstan", library_copy).profile.name == "Kazakhstan Emissions Trading System"
    assert len(_entries(cache_dir)) == 2


def test_old_entries_of_an_edited_profile_are_pruned(library_copy, cache_dir):
    path = library_copy / "kazakhstan.yaml"
    text = path.read_text(encoding="utf-8")
    for n in range(cache.KEEP + 2):
        path.write_text(text + f"\n# edit {n}\n", encoding="utf-8")
        _load("kazakhstan", library_copy)
    assert len(list(cache_dir.glob("profile-kazakhstan-*.json"))) == cache.KEEP
    _load("eu-ets", library_copy)
    assert len(list(cache_dir.glob("profile-eu-ets-*.json"))) == 1


def test_a_code_change_invalidates_every_entry(cache_dir, monkeypatch):
    _load("kazakhstan")
    (entry,) = _entries(cache_dir)
    monkeypatch.setattr(cache, "code_hash", lambda: "another version of the model")
    _load("kazakhstan")
    assert len(_entries(cache_dir)) == 2 and entry.exists()


@pytest.mark.parametrize("garbage", [b"", b"{", b"\xff\xfe", b'{"key": "x", "classes": []}\n{}', b"[1, 2]",
                                     b'{"key": "%s"}\n{"$m": 0, "$s": 0}',
                                     b'{"key": "%s", "classes": []}\n{"$m": 0, "$s": 0}',
                                     # a class whose methods would come from outside the model, an enum that is
                                     # not the vocabulary's, fields set that the class does not have
                                     b'{"key": "%s", "classes": [{"m": "x:Y", "b": "os.system", "f": []}]}\n'
                                     b'{"$m": 0, "$s": 0}',
                                     b'{"key": "%s", "classes": [{"m": "x:Y", "b": "Plain", "f": []}]}\n'
                                     b'{"$m": 0, "$s": 0}',
                                     b'{"key": "%s", "classes": [{"e": "enum:Enum"}]}\n{"$e": 0, "v": 1}',
                                     b'{"key": "%s", "classes": []}\n{"id": "kazakhstan"}',  # not a profile
                                     b'{"key": "%s", "classes": [{"m": "x:Y", "b": "Record", "f": []}]}\n'
                                     b'{"$m": 0, "$s": 0}',
                                     b'{"key": "%s", "classes": [{"m": "x:Y", "b": "Record", "f": [["a", null]]}]}\n'
                                     b'{"$m": 0, "$s": 4}',
                                     b'{"key": "%s", "classes": [{"m": "x:Y", "b": "Record", "f": [["a", {"$r": 1}]]}]}'
                                     b'\n{"$m": 0, "$s": 0}'])
def test_a_corrupt_entry_is_ignored(cache_dir, garbage):
    _load("kazakhstan")
    (entry,) = _entries(cache_dir)
    key = json.loads(entry.read_bytes().partition(b"\n")[0])["key"]
    entry.write_bytes(garbage.replace(b"%s", key.encode()))
    loaded = _load("kazakhstan")
    assert loaded.profile == _fresh("kazakhstan")
    assert type(loaded.document).__name__ == "Document"  # validated afresh


def test_an_unusable_cache_folder_is_no_error(tmp_path, monkeypatch, cache_dir):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("LINKCHECK_CACHE_DIR", str(blocker / "cache"))  # cannot be made
    assert _load("kazakhstan").profile == _fresh("kazakhstan")
    assert _load("kazakhstan").profile == _fresh("kazakhstan")


@pytest.mark.skipif(not hasattr(os, "geteuid") or os.geteuid() == 0, reason="root writes to read-only folders")
def test_a_read_only_cache_folder_is_no_error(cache_dir):
    cache_dir.mkdir(mode=0o500)
    try:
        assert _load("kazakhstan").profile == _fresh("kazakhstan")
        assert _entries(cache_dir) == []
    finally:
        cache_dir.chmod(0o700)


def test_a_users_file_is_always_validated(tmp_path, cache_dir):
    own = tmp_path / "kazakhstan.yaml"
    shutil.copy(SHIPPED["kazakhstan"], own)
    library._load_cached.cache_clear()
    loaded = library.load_file(own)
    assert loaded.profile == _fresh("kazakhstan")
    assert _entries(cache_dir) == []
    # Named by a path, even a shipped file is the user's: validated, not cached.
    library.locate_reference(str(SHIPPED["kazakhstan"]))
    assert _entries(cache_dir) == []


def test_the_cache_can_be_turned_off(cache_dir, monkeypatch):
    monkeypatch.setenv("LINKCHECK_NO_CACHE", "1")
    assert _load("kazakhstan").profile == _fresh("kazakhstan")
    assert not cache_dir.exists()


def test_the_cache_folder_is_private(cache_dir):
    _load("kazakhstan")
    assert cache_dir.stat().st_mode & 0o077 == 0


def test_a_folder_others_can_write_to_is_not_used(tmp_path, monkeypatch):
    from linkcheck.loading import cache

    raw, display, profile = SHIPPED["uk"].read_bytes(), "system_profiles/uk.yaml", _fresh("uk")
    folder = tmp_path / "cache"
    monkeypatch.setenv("LINKCHECK_CACHE_DIR", str(folder))
    monkeypatch.delenv("LINKCHECK_NO_CACHE", raising=False)
    cache.store(raw, display, profile)
    assert cache.lookup(raw, display) == profile  # a private folder is used
    folder.chmod(0o777)  # now anyone could have put an entry there
    assert cache.lookup(raw, display) is None
    for entry in folder.iterdir():
        entry.unlink()
    cache.store(raw, display, profile)
    assert list(folder.iterdir()) == []


def test_pruning_one_file_leaves_a_longer_names_entries(tmp_path):
    from linkcheck.loading import cache

    other = tmp_path / f"profile-eu-ets-{'a' * 64}.json"
    other.write_text("{}", encoding="utf-8")
    for n in range(cache.KEEP + 2):
        (tmp_path / f"profile-eu-{str(n) * 64}.json").write_text("{}", encoding="utf-8")
    cache._prune(tmp_path, "profile", "eu")
    assert other.exists()
    assert len(list(tmp_path.glob("profile-eu-[0-9]*.json"))) == cache.KEEP


def test_an_entry_holds_a_profile_file():
    from linkcheck.model.profile import ProfileFile

    assert cache.PROFILE_FILE == f"{ProfileFile.__module__}:{ProfileFile.__qualname__}"


@pytest.mark.parametrize("change", [lambda text: text.replace('["per","tonne"]', '["per","short_ton"]'),
                                    lambda text: "[]", lambda text: text[: len(text) // 2]])
def test_a_changed_class_table_is_not_used_and_is_written_again(cache_dir, change):
    """Every entry reads its omitted defaults from the one class table: a table that no longer matches its digest
    (edited, truncated, emptied) is ignored, the profiles validated, and the table written again."""
    _load("california")
    (table,) = cache_dir.glob("classes-*.json")
    header, _, value = table.read_text(encoding="utf-8").partition("\n")
    table.write_text(header + "\n" + change(value), encoding="utf-8")
    cache._CLASS_TABLES.clear()  # a new run
    loaded = _load("california")
    assert loaded.profile == _fresh("california")
    assert type(loaded.document).__name__ == "Document"  # validated afresh
    assert table.read_text(encoding="utf-8") == header + "\n" + value  # and the table healed
    cache._CLASS_TABLES.clear()
    assert type(_load("california").document).__name__ == "_LazyDocument"  # served from the cache again
