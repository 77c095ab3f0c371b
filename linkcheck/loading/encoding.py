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


def encode(obj: Any) -> dict[str, Any]:
    """Plain JSON data that decode() turns into an equal object: the classes described once, in a table, and each
    object by its index in it. Uncacheable for a value it cannot write exactly."""
    table: dict[type, int] = {}
    value = _encode(obj, table)
    described: list[Any] = []
    while len(described) < len(table):  # describing a class's defaults can add an enum to the table
        cls = list(table)[len(described)]
        if issubclass(cls, Enum):
            described.append({"e": _class_key(cls)})
        else:
            fields = [[name, default if default is _REQUIRED else _encode(default, table)]
                      for name, default in _defaults(cls).items()]
            described.append({"m": _class_key(cls), "b": objects.behaviour_of(cls), "f": fields})
    return {"classes": described, "value": value}


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
        # A field holding its (immutable) default is left out, and filled in again by decode(). The fields set
        # are bits, in field order (bit 0 the first field).
        encoded: dict[str, Any] = {"$m": table.setdefault(kind, len(table)),
                                   "$s": sum(1 << i for i, name in enumerate(defaults)
                                             if name in value.model_fields_set)}
        encoded.update((name, _encode(v, table)) for name, v in value.__dict__.items()
                       if not _is_default(v, defaults[name]))
        return encoded
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
    if kind is dict and all(type(k) is str and not k.startswith("$") for k in value):
        return {"$o": {k: _encode(v, table) for k, v in value.items()}}
    raise Uncacheable(kind)


def _enum(key: str) -> type[Enum]:
    """An enum of the vocabulary, by module:name; nothing else can be named."""
    module, _, name = key.partition(":")
    found = getattr(vocab, name, None) if module == vocab.__name__ else None
    if not (isinstance(found, type) and issubclass(found, Enum)):
        raise KeyError(f"no vocabulary enum {key!r}")
    return found


def decode(data: dict[str, Any]) -> Any:
    """The plain object encode() wrote; KeyError, TypeError or ValueError if the data is not what it writes."""
    return _decode(data["value"], _twin_classes(data["classes"]))


def decode_json(classes: list[Any], text: str | bytes) -> Any:
    """The plain object whose encoded `value` is the JSON `text`, with its class table as encode() wrote it: read
    in one pass, each object made as the parser closes it (what the cache reads on every run)."""
    table = _twin_classes(classes)

    def made(data: dict[str, Any]) -> Any:
        if "$m" in data:
            return _made(table[data.pop("$m")], data)
        if "$t" in data:
            return tuple(data["$t"])
        if "$d" in data:
            return dt.date.fromisoformat(data["$d"])
        if "$e" in data:
            return table[data["$e"]](data["v"])
        if "$o" in data:
            return data["$o"]
        return data

    return json.loads(text, object_hook=made)


def _decode(data: Any, classes: list[Any]) -> Any:
    kind = type(data)
    if kind is list:
        return [_decode(v, classes) for v in data]
    if kind is not dict:
        return data
    if "$m" in data:
        return _made(classes[data["$m"]], {name: value if name == "$s" else _decode(value, classes)
                                            for name, value in data.items() if name != "$m"})
    if "$e" in data:
        return classes[data["$e"]](_decode(data["v"], classes))
    if "$d" in data:
        return dt.date.fromisoformat(data["$d"])
    if "$t" in data:
        return tuple(_decode(v, classes) for v in data["$t"])
    return {k: _decode(v, classes) for k, v in data["$o"].items()}


def _made(cls: type, given: dict[str, Any]) -> Any:
    """An object of the twin class `cls` from its decoded fields and `$s` (the bits of the fields set)."""
    bits = given.pop("$s")
    fields = cls.model_fields
    values = {**fields, **given}
    if len(values) != len(fields) or any(name not in given for name in cls.required):
        raise KeyError(f"not the fields of {cls.__name__}")
    obj = object.__new__(cls)
    object.__setattr__(obj, "__dict__", values)
    object.__setattr__(obj, "__pydantic_fields_set__", _fields_set(cls, bits))
    return obj


def _fields_set(cls: type, bits: int) -> frozenset[str]:
    """The names the bits stand for, made once per class and pattern (objects share them: none changes its own)."""
    known = cls.fields_sets
    found = known.get(bits)
    if found is None:
        if type(bits) is not int or not 0 <= bits < 1 << len(cls.model_fields):
            raise ValueError("not a set of fields")
        found = known[bits] = frozenset(name for i, name in enumerate(cls.model_fields) if bits >> i & 1)
    return found


_DESCRIBED: dict[str, tuple[dict[str, Any], type]] = {}  # a class's key -> its last description, and its twin


def _twin_classes(described_classes: list[Any]) -> list[Any]:
    classes: list[Any] = [None] * len(described_classes)
    for index, described in enumerate(described_classes):  # enums first: a class's defaults may hold one
        if "e" in described:
            classes[index] = _enum(described["e"])
    for index, described in enumerate(described_classes):
        if "m" in described:
            # Made once per run for each description: forty profiles describe much the same classes.
            seen = _DESCRIBED.get(described["m"])
            if seen is None or seen[0] != described:
                fields = {name: objects.REQUIRED if default == _REQUIRED else _decode(default, classes)
                          for name, default in described["f"]}
                seen = _DESCRIBED[described["m"]] = (described, objects.twin_class(described["m"], described["b"],
                                                                                   fields))
            classes[index] = seen[1]
    return classes


def plain(obj: Any) -> Any:
    """The plain twin of a validated object; the object itself where it holds a value encode() cannot write (the
    engine reads both alike)."""
    try:
        return decode(encode(obj))
    except Uncacheable:
        return obj
