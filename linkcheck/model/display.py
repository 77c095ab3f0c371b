"""How a fact's value reads to a person: units, currencies, lists and statuses in words."""

from __future__ import annotations

from typing import Any

from .objects import Fact, Record, readable
from .vocab import Status


def format_value(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, float):
        return f"{value:g}"
    if isinstance(value, tuple | list):
        return ", ".join(format_value(v) for v in value) if value else "(none)"
    if isinstance(value, Record) and not readable(value):
        # Nested values (a reserve's trigger prices) keep their own readable form.
        parts = {name: getattr(value, name) for name in type(value).model_fields}
        return "; ".join(f"{name.replace('_', ' ')} {format_value(v)}" for name, v in parts.items() if v not in (None, ()))
    if isinstance(value, str) and value.isidentifier():
        return value.replace("_", " ")  # a vocabulary word such as within_compliance_period
    return str(value)


def format_fact(fact: Fact | None) -> str:
    """The value, or the status in words when there is no value to show."""
    if fact is None:
        return "not stated"
    if fact.value is None:
        return fact.status.value.replace("_", " ")
    text = format_value(fact.value)
    if fact.status is Status.under_development:
        text += " (under development)"
    return text
