"""The plain form of a validated profile: JSON data, and the plain objects (`model/objects.py`) rebuilt from it.

`encode` writes a validated object (a ProfileFile, or any object inside one) as JSON data: each model object by
its class, and each class once, in a table, with the name of the class in objects.py that gives it its methods,
its fields in order and their defaults. `decode` turns that data into plain twins without importing pydantic: that
is what the cache stores and reads (cache.py). `plain` is the two in one: what loading hands the engine, so the
engine sees one kind of object whether a profile came from the cache or from validation.
"""

from __future__ import annotations

import datetime as dt
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
        # A field holding its (immutable) default is left out, and filled in again by decode().
        fields = {name: _encode(v, table) for name, v in value.__dict__.items() if not _is_default(v, defaults[name])}
        index = table.setdefault(kind, len(table))
        return {"$m": index, "f": fields, "s": sorted(value.model_fields_set)}
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
    if kind is dict and all(type(k) is str for k in value):
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
    classes: list[Any] = [None] * len(data["classes"])
    for index, described in enumerate(data["classes"]):  # enums first: a class's defaults may hold one
        if "e" in described:
            classes[index] = _enum(described["e"])
    for index, described in enumerate(data["classes"]):
        if "m" in described:
            fields = {name: objects.REQUIRED if default == _REQUIRED else _decode(default, classes)
                      for name, default in described["f"]}
            classes[index] = objects.twin_class(described["m"], described["b"], fields)
    return _decode(data["value"], classes)


def _decode(data: Any, classes: list[Any]) -> Any:
    kind = type(data)
    if kind is list:
        return [_decode(v, classes) for v in data]
    if kind is not dict:
        return data
    if "$m" in data:
        cls = classes[data["$m"]]
        given = data["f"]
        values = {}
        for name, default in cls.model_fields.items():
            if name in given:
                values[name] = _decode(given[name], classes)
            elif default is objects.REQUIRED:
                raise KeyError(name)
            else:
                values[name] = default
        if len(values) < len(given) or not given.keys() <= values.keys():
            raise KeyError("a field the class does not have")
        obj = object.__new__(cls)
        object.__setattr__(obj, "__dict__", values)
        object.__setattr__(obj, "__pydantic_fields_set__", set(data["s"]))
        return obj
    if "$e" in data:
        return classes[data["$e"]](_decode(data["v"], classes))
    if "$d" in data:
        return dt.date.fromisoformat(data["$d"])
    if "$t" in data:
        return tuple(_decode(v, classes) for v in data["$t"])
    return {k: _decode(v, classes) for k, v in data["$o"].items()}


def plain(obj: Any) -> Any:
    """The plain twin of a validated object; the object itself where it holds a value encode() cannot write (the
    engine reads both alike)."""
    try:
        return decode(encode(obj))
    except Uncacheable:
        return obj
