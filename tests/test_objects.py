"""The plain objects the engine reads: twins of what validation makes, read-only, and free of pydantic."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from pydantic import BaseModel

from linkcheck.loading.encoding import plain
from linkcheck.loading.library import load_file, shipped_files
from linkcheck.loading.safe_yaml import parse_yaml
from linkcheck.loading.source_files import read_source
from linkcheck.loading.validate import validate_document
from linkcheck.model import objects, values
from linkcheck.model.display import format_value

SHIPPED = shipped_files()
ROOT = Path(__file__).parent.parent


def _validated(system_id: str):
    path = SHIPPED[system_id]
    return validate_document(parse_yaml(read_source(path), f"system_profiles/{path.name}"))


def _pairs(a, b):
    """Every object of the plain tree `a` with its validated counterpart in `b`."""
    if isinstance(b, BaseModel):
        yield a, b
        for name in type(b).model_fields:
            yield from _pairs(getattr(a, name), getattr(b, name))
    elif isinstance(b, (tuple, list)):
        for x, y in zip(a, b, strict=True):
            yield from _pairs(x, y)
    elif isinstance(b, dict):
        for key in b:
            yield from _pairs(a[key], b[key])


@pytest.mark.parametrize("system_id", sorted(SHIPPED))
def test_a_loaded_profile_is_the_plain_twin_of_the_validated_one(system_id):
    validated = _validated(system_id)
    loaded = load_file(SHIPPED[system_id], f"system_profiles/{SHIPPED[system_id].name}").profile
    assert isinstance(loaded, objects.Plain)
    assert loaded == validated and validated == loaded  # either way round
    assert loaded.model_dump(mode="json", exclude_none=True) == validated.model_dump(mode="json", exclude_none=True)
    for twin, original in _pairs(loaded, validated):
        assert isinstance(twin, objects.Plain) and not isinstance(twin, BaseModel)
        assert twin.model_fields_set == original.model_fields_set
        assert list(type(twin).model_fields) == list(type(original).model_fields)
        assert str(twin) == str(original) and repr(twin) == repr(original)
        assert objects.readable(twin) == objects.readable(original)
        assert format_value(twin) == format_value(original)


def test_a_twin_is_read_only_and_copies_as_pydantic_copies():
    validated = values.Money(amount=12.5, currency="EUR", year=2020)
    twin = plain(validated)
    with pytest.raises(TypeError, match="read-only"):
        twin.amount = 1
    with pytest.raises(TypeError, match="read-only"):
        del twin.amount
    moved = twin.model_copy(update={"year": 2021})
    assert moved.year == 2021 and twin.year == 2020
    assert moved.model_fields_set == validated.model_copy(update={"year": 2021}).model_fields_set
    assert moved != validated and moved == validated.model_copy(update={"year": 2021})
    assert hash(twin) == hash(plain(validated))
    assert str(twin) == str(validated) == "12.5 EUR/t (2020 prices)"


def test_a_price_made_by_the_engine_has_the_fields_of_the_validated_money():
    fields = {name: objects.REQUIRED if info.is_required() else info.default
              for name, info in values.Money.model_fields.items()}
    assert objects.MONEY_FIELDS == fields
    assert objects.MONEY == f"{values.Money.__module__}:{values.Money.__qualname__}"
    made = objects.money(amount=3.0, currency="USD", year=2023)
    assert made == values.Money(amount=3.0, currency="USD", year=2023)
    ceiling = plain(values.PriceCeiling(amount=50.0, currency="CAD", year=2024, inflation_indexed=True))
    assert ceiling.money() == values.Money(amount=50.0, currency="CAD", year=2024, inflation_indexed=True)


def test_every_validated_model_class_takes_its_methods_from_the_plain_model():
    from linkcheck.loading.encoding import _classes

    for cls in _classes().values():
        if isinstance(cls, type) and issubclass(cls, BaseModel):
            assert issubclass(cls, objects.Record), cls
            behaviour = getattr(objects, objects.behaviour_of(cls))
            # Its own methods come before pydantic's: str(money) is the readable form, not pydantic's field list.
            assert cls.__mro__.index(behaviour) < cls.__mro__.index(BaseModel), cls


@pytest.mark.parametrize("command", [["validate", "eu-ets"], ["show", "kazakhstan@phase2"], ["list"],
                                     ["diff", "kazakhstan@pilot", "kazakhstan@phase2"],
                                     ["assess", "kazakhstan@phase2", "eu-ets@phase3"],
                                     ["rank", "kazakhstan", "eu-ets", "korea", "california"],
                                     ["readiness", "georgia"], ["explain", "LK-OFF-01"]])
def test_with_the_library_cached_commands_do_not_load_pydantics_model_machinery(command):
    code = ("import sys; from linkcheck.commands import main\n"
            f"try: main({command!r})\nexcept SystemExit: pass\n"
            "print('pydantic.main' in sys.modules, 'linkcheck.model.dimensions' in sys.modules)")
    runs = [subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, check=True)
            for _ in range(2)]  # the first fills the cache (conftest gives the tests one of their own)
    assert runs[1].stdout.strip().splitlines()[-1] == "False False"


def test_a_phase_remembers_its_facts_and_a_copy_answers_for_its_own():
    from linkcheck.api import load

    phase = load("kazakhstan@phase2")
    first = phase.get("system.cap_type")
    assert phase.get("system.cap_type") is first  # asked again: the same fact, not walked to again
    assert phase.get("no.such.path") is None and phase.get("no.such.path") is None
    changed = first.model_copy(update={"value": "intensity"})
    copy = phase.model_copy(update={"system": phase.system.model_copy(update={"cap_type": changed})})
    assert copy.get("system.cap_type").value == "intensity"
    assert phase.get("system.cap_type").value == "absolute"
    assert copy == phase.model_copy(update={"system": copy.system})  # what it remembers is not part of it


def test_a_partner_is_named_by_its_profile_and_a_path_is_never_read():
    from linkcheck.loading.library import system_short_name

    assert system_short_name("eu-ets") == "EU ETS"
    for odd in ("../system_profiles/eu-ets", "no-such-system", "EU-ETS", "", "eu-ets.yaml"):
        assert system_short_name(odd) == odd


@pytest.mark.parametrize("system_id", ["kazakhstan", "eu-ets", "california"])
def test_a_twin_dumps_as_pydantic_dumps_in_either_mode(system_id):
    validated = _validated(system_id)
    loaded = load_file(SHIPPED[system_id], f"system_profiles/{SHIPPED[system_id].name}").profile
    for mode in ("python", "json"):
        for exclude_none in (False, True):
            assert loaded.model_dump(mode=mode, exclude_none=exclude_none) == \
                validated.model_dump(mode=mode, exclude_none=exclude_none)
    with pytest.raises(ValueError, match="mode"):
        loaded.model_dump(mode="yaml")
