"""How a field's value is written in YAML, described from its type: for error messages and the starter."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel

from .facts import Fact


def describe_shape(annotation: Any) -> str:
    """What a field wants, in the words of a YAML file: `write a mapping such as {amount: …, unit: …}`."""
    origin = typing.get_origin(annotation)
    if isinstance(annotation, type) and issubclass(annotation, Fact):
        return describe_shape(annotation.model_fields["value"].annotation)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(annotation) if a is not type(None)]
        described = [describe_shape(a) for a in options]
        return "; or ".join(dict.fromkeys(described))
    if origin is tuple:
        item = typing.get_args(annotation)[0]
        return f"write a list, each item: {describe_shape(item).removeprefix('write ')}"
    if origin is typing.Literal:
        words = typing.get_args(annotation)
        return f"write one of {', '.join(map(str, words[:12]))}" + (", …" if len(words) > 12 else "")
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        fields = annotation.model_fields
        required = [n for n, f in fields.items() if f.is_required()]
        own = vars(annotation).get("__annotations__", {})  # the class's own fields read before inherited ones
        optional = sorted((n for n, f in fields.items() if not f.is_required()), key=lambda n: n not in own)
        shown = ", ".join([f"{n}: …" for n in required] + [f"{n}: …" for n in optional[: max(0, 3 - len(required))]])
        return f"write a mapping such as {{{shown}}}" + (f" (also: {', '.join(optional[max(0, 3 - len(required)):])})"
                                                        if optional[max(0, 3 - len(required)):] else "")
    return "see `linkcheck schema`"
