"""The plain form of a validated profile: JSON data, and the plain objects (`model/objects.py`) rebuilt from it.

`encode` writes a validated object (a ProfileFile, or any object inside one) as JSON data: each model object by
its class, and each class once, in a table, with the name of the class in objects.py that gives it its methods,
its fields in order and their defaults. `decode` turns that data into plain twins without importing pydantic: that
is what the cache stores and reads (cache.py). `plain` is the two in one: what loading hands the engine, so the
engine sees one kind of object whether a profile came from the cache or from validation.
"""

from __future__ import annotations

import datetime as dt
import json
import math
from enum import Enum
from functools import lru_cache
from typing import Any

from ..model import objects, vocab

_REQUIRED = {"$r": 1}  # a field with no default, or a default made by a factory: always written
_IMMUTABLE = (type(None), str, int, float, bool, tuple, Enum)


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
                continue  # rebuilt objects would lack them: such a class is never encoded
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


@lru_cache(maxsize=None)
def _defaults(cls: type) -> dict[str, Any]:
    """Each field of a model class, in order, with the default a reader may fill in (else _REQUIRED)."""
    defaults: dict[str, Any] = {}
    for name, info in cls.model_fields.items():
        default = info.default
        immutable = isinstance(default, _IMMUTABLE) and (type(default) is not tuple or default == ())
        defaults[name] = default if info.default_factory is None and not info.is_required() and immutable \
            else _REQUIRED
    return defaults


def _is_default(value: Any, default: Any) -> bool:
    return default is not _REQUIRED and type(value) is type(default) and value == default


@lru_cache(maxsize=None)
def _field_kinds(cls: type) -> dict[str, frozenset[Any]]:
    """For each field of a model class, what its type lets it hold that JSON would not give back as it is: "tuple",
    "date", or an enum class. Dates, tuples and enums are written as the JSON they read as (text, a list, the enum's
    value), and the class's description names the fields to turn back."""
    import typing

    def kinds(annotation: Any) -> set[Any]:
        found: set[Any] = set()
        origin = typing.get_origin(annotation)
        if origin is tuple or annotation is tuple:
            found.add("tuple")
        elif isinstance(annotation, type) and issubclass(annotation, Enum):
            found.add(annotation)
        elif isinstance(annotation, type) and issubclass(annotation, dt.date):
            found.add("date")
        elif origin is not None and origin is not typing.Literal and origin is not dict:
            for argument in typing.get_args(annotation):
                found |= kinds(argument)
        return found

    return {name: frozenset(kinds(info.annotation)) for name, info in cls.model_fields.items()}


@lru_cache(maxsize=1)
def class_table() -> tuple[list[dict[str, Any]], dict[type, int]]:
    """Every model class a ProfileFile can hold, described as a reader needs it (its key, the class here that gives
    its methods, its fields with their defaults, and the fields to turn back into tuples, dates and enums), in a
    fixed order; and each class's index in it. It follows from the model's code alone, so the cache keeps one."""
    from pydantic import BaseModel

    models = sorted((cls for cls in _classes().values() if issubclass(cls, BaseModel)), key=_class_key)
    described: list[dict[str, Any]] = []
    for cls in models:
        fields = [[name, default if default is _REQUIRED else _encode_default(default)]
                  for name, default in _defaults(cls).items()]
        entry: dict[str, Any] = {"m": _class_key(cls), "b": objects.behaviour_of(cls), "f": fields}
        kinds = _field_kinds(cls)
        for tag, kind in (("t", "tuple"), ("d", "date")):
            names = [name for name, declared in kinds.items() if kind in declared]
            if names:
                entry[tag] = names
        enums = {name: _class_key(kind) for name, declared in kinds.items() for kind in declared
                 if isinstance(kind, type)}
        if enums:
            entry["e"] = enums
        described.append(entry)
    return described, {cls: index for index, cls in enumerate(models)}


def encode(obj: Any) -> dict[str, Any]:
    """JSON data that decode() turns into an equal object: `classes`, the class table (see `class_table`), and
    `value`, each model object a JSON object naming its class by its index in the table. Uncacheable for a value
    it cannot write exactly."""
    described, index = class_table()
    return {"classes": described, "value": _encode(obj, index)}


def _encode_default(value: Any) -> Any:
    if isinstance(value, Enum):
        return {"$e": _class_key(type(value)), "v": value.value}
    if type(value) is tuple:
        return {"$t": []}  # the only tuple default: ()
    return value


def _encode(value: Any, table: dict[type, int]) -> Any:
    """`value` as JSON data; a model object as a JSON object with its class's index under `$m`, the bits of the
    fields it was given under `$s`, and each field that does not hold its default."""
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
        # A field holding its (immutable) default is left out, and filled in again by decode(). The fields set
        # are bits, in field order (bit 0 the first field).
        encoded: dict[str, Any] = {"$m": table[kind], "$s": sum(1 << i for i, name in enumerate(defaults)
                                                                    if name in value.model_fields_set)}
        for name, field_value in value.__dict__.items():
            if not _is_default(field_value, defaults[name]):
                encoded[name] = _encode_field(kind, name, field_value, table)
        return encoded
    if kind is dict and all(type(k) is str and not k.startswith("$") for k in value):
        return {k: _encode_item(v, table) for k, v in value.items()}
    raise Uncacheable(kind)


def _encode_field(cls: type, name: str, value: Any, table: dict[type, int]) -> Any:
    """A field's value; a date, tuple or enum only where the field's type says it may hold one (so its reader,
    told by the class's description, turns it back), and nothing a reader would turn back wrongly."""
    kind = type(value)
    declared = _field_kinds(cls)[name]
    if kind is tuple:
        if "tuple" not in declared:
            raise Uncacheable(f"{cls.__name__}.{name}")
        return [_encode_item(v, table) for v in value]
    if value is None:
        return None
    if kind is dt.date:
        if "date" not in declared:
            raise Uncacheable(f"{cls.__name__}.{name}")
        return value.isoformat()
    if isinstance(value, Enum):
        if kind not in declared or len(declared) != 1 or _classes().get(_class_key(kind)) is not kind:
            raise Uncacheable(f"{cls.__name__}.{name}")
        return _encode(value.value, table)
    if kind is str and declared - {"tuple"}:  # text where a date or an enum could be: it would read back as one
        raise Uncacheable(f"{cls.__name__}.{name}")
    return _encode(value, table)


def _encode_item(value: Any, table: dict[type, int]) -> Any:
    """An item of a tuple or a value of a mapping: nothing whose kind its reader could not tell."""
    if type(value) in (tuple, list, dt.date) or isinstance(value, Enum):
        raise Uncacheable(type(value))
    return _encode(value, table)


def _enum(key: str) -> type[Enum]:
    """An enum of the vocabulary, by module:name; nothing else can be named."""
    module, _, name = key.partition(":")
    found = getattr(vocab, name, None) if module == vocab.__name__ else None
    if not (isinstance(found, type) and issubclass(found, Enum)):
        raise KeyError(f"no vocabulary enum {key!r}")
    return found


def decode(data: dict[str, Any]) -> Any:
    """The plain object encode() wrote; KeyError, TypeError or ValueError if the data is not what it writes."""
    return decode_json(readings(data["classes"]), json.dumps(data["value"]))


def decode_json(classes: list[Any], text: str | bytes) -> Any:
    """The plain object whose encoded `value` is the JSON `text`, with its class table made ready by `readings`:
    read in one pass, each object made as the parser closes it (what the cache reads on every run)."""

    def made(data: dict[str, Any]) -> Any:
        if "$m" in data:
            return _made(classes[data.pop("$m")], data)
        return data

    return json.loads(text, object_hook=made)


def _made(reading: Any, given: dict[str, Any]) -> Any:
    """An object of a twin class from its fields as JSON gives them and `$s` (the bits of the fields set)."""
    bits = given.pop("$s")
    for name in reading.tuples:
        value = given.get(name)
        if value.__class__ is list:
            given[name] = tuple(value)
    for name in reading.dates:
        value = given.get(name)
        if value is not None:
            given[name] = dt.date.fromisoformat(value)
    for name, members in reading.enums:
        value = given.get(name)
        if value is not None:
            given[name] = members[value]  # KeyError for a value the enum does not have
    values = reading.model_fields.copy()
    values.update(given)
    if len(values) != reading.count or (reading.required and not reading.required <= given.keys()):
        raise KeyError(f"not the fields of {reading.__name__}")
    fields_set = reading.fields_sets.get(bits)
    if fields_set is None:
        fields_set = _fields_set(reading, bits)
    obj = _new(reading.cls)
    _set(obj, "__dict__", values)
    _set(obj, "__pydantic_fields_set__", fields_set)
    return obj


_new = object.__new__
_set = object.__setattr__


def _fields_set(cls: Any, bits: int) -> frozenset[str]:
    """The names the bits stand for, made once per class and pattern (objects share them: none changes its own)."""
    known = cls.fields_sets
    found = known.get(bits)
    if found is None:
        if type(bits) is not int or not 0 <= bits < 1 << len(cls.model_fields):
            raise ValueError("not a set of fields")
        found = known[bits] = frozenset(name for i, name in enumerate(cls.model_fields) if bits >> i & 1)
    return found


_DESCRIBED: dict[str, tuple[dict[str, Any], Any]] = {}  # a class's key -> its last description, and its twin


def readings(described_classes: list[Any]) -> list[Any]:
    """The twin class of each class described in a table, with what its reader turns back; KeyError or TypeError
    for a description encode() does not write."""
    classes: list[Any] = []
    for described in described_classes:
        # Made once per run for each description: forty profiles describe the same classes alike.
        seen = _DESCRIBED.get(described["m"])
        if seen is None or seen[0] != described:
            fields = {name: objects.REQUIRED if default == _REQUIRED else _default(default)
                      for name, default in described["f"]}
            enums = [(name, _enum(key)) for name, key in described.get("e", {}).items()]
            twin = objects.twin_class(described["m"], described["b"], fields)
            seen = _DESCRIBED[described["m"]] = (described, _Reading(twin, described, enums))
        classes.append(seen[1])
    return classes


class _Reading:
    """A twin class with what its reader turns back: the fields written as lists, dates and enum values."""

    __slots__ = ("cls", "model_fields", "count", "required", "fields_sets", "tuples", "dates", "enums", "__name__")

    def __init__(self, cls: Any, described: dict[str, Any], enums: list[tuple[str, type]]) -> None:
        self.cls, self.model_fields, self.count = cls, cls.model_fields, len(cls.model_fields)
        self.required = frozenset(cls.required)
        self.fields_sets, self.__name__ = cls.fields_sets, cls.__name__
        self.tuples, self.dates = tuple(described.get("t", ())), tuple(described.get("d", ()))
        self.enums = [(name, {member.value: member for member in enum}) for name, enum in enums]


def _default(data: Any) -> Any:
    if isinstance(data, dict):
        if "$e" in data:
            return _enum(data["$e"])(data["v"])
        if data == {"$t": []}:
            return ()
        raise KeyError("not a default")
    return data


def plain(obj: Any) -> Any:
    """The plain twin of a validated object; the object itself where it holds a value encode() cannot write (the
    engine reads both alike)."""
    try:
        return decode(encode(obj))
    except Uncacheable:
        return obj
