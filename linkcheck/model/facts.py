"""The traceable fact: a value with its status, sources and note, in short or long form."""

from __future__ import annotations

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field, GetJsonSchemaHandler, model_validator
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError

from . import objects
from .values import Day
from .vocab import STATUS_WORDS, Status

__all__ = ["Change", "Fact", "LONG_FORM_KEYS", "STATUS_WORDS", "Status"]

T = TypeVar("T")
LONG_FORM_KEYS = frozenset({"value", "status", "sources", "note", "changes"})


def _check_status_and_value(status: Status, value: Any) -> None:
    if status is Status.defined and value is None:
        raise PydanticCustomError("fact_no_value", "status is `defined` but no `value` is given")
    if status in (Status.unknown, Status.undefined) and value is not None:
        raise PydanticCustomError(
            "fact_value_with_status",
            "a fact with status `{status}` cannot carry a value (got {value!r}); "
            "use `under_development` for a provisional value",
            {"status": status.value, "value": value},
        )


class Change(objects.Record, BaseModel, Generic[T]):
    """A step inside a phase: from this date on, the fact has this value (or status)."""

    model_config = ConfigDict(extra="forbid", frozen=True, populate_by_name=True, defer_build=True)

    from_: Day = Field(alias="from", description="First day the new value applies, YYYY-MM-DD.")
    value: T | None = None
    status: Status = Status.defined
    sources: tuple[str, ...] = ()
    note: str | None = None

    @model_validator(mode="after")
    def _status_matches_value(self) -> Change:
        _check_status_and_value(self.status, self.value)
        return self


class Fact(objects.Fact, BaseModel, Generic[T]):
    """One fact of a profile.

    Short form: `banking: unrestricted`, or `banking: unknown` for a status with no value.
    Long form: a mapping with `value`, `status`, `sources` and `note`, and optionally `changes`: dated steps
    inside the phase (`- {from: 2026-01-01, value: 6}`), in date order. The fact's own value holds until the
    first change.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    value: T | None = None
    status: Status = Status.defined
    sources: tuple[str, ...] = ()
    note: str | None = None
    changes: tuple[Change[T], ...] = ()

    @model_validator(mode="before")
    @classmethod
    def _expand_short_form(cls, data: Any) -> Any:
        if isinstance(data, Fact):
            return data
        if isinstance(data, dict) and LONG_FORM_KEYS & set(data):
            if "value" not in data and "status" not in data:
                raise PydanticCustomError(
                    "fact_empty", "give a `value` or a `status` (unknown, undefined, under_development)"
                )
            return data
        if isinstance(data, str) and data in STATUS_WORDS:
            return {"status": data}
        if data is None:
            raise PydanticCustomError(
                "fact_null", "is empty; write a value, `none`, `unknown` or `undefined`"
            )
        return {"value": data}

    @model_validator(mode="after")
    def _status_matches_value(self) -> Fact:
        _check_status_and_value(self.status, self.value)
        days = [c.from_ for c in self.changes]
        if days != sorted(set(days)):
            raise PydanticCustomError("fact_changes_order", "changes must be in date order, each on its own date")
        return self

    @classmethod
    def __get_pydantic_json_schema__(cls, core_schema: Any, handler: GetJsonSchemaHandler) -> JsonSchemaValue:
        """Editors must accept the short forms too: a bare value, or a bare status word."""
        long_form = handler(core_schema)
        value_schema = _value_core_schema(core_schema)
        if value_schema is None:
            return long_form
        value = handler(value_schema)
        if value_schema.get("type") == "definition-ref" and set(value) == {"$ref"}:
            # A model built on first use (defer_build) refers to its value's model; the short form shows it in full,
            # as it does when the model was built at import.
            value = dict(handler.resolve_ref_schema(value))
        return {
            "anyOf": [
                value,
                {"enum": sorted(STATUS_WORDS), "description": "A status with no value."},
                long_form,
            ]
        }


def _value_core_schema(schema: dict) -> dict | None:
    """Dig the `value` field's own schema out of a Fact's core schema (validators wrap it in layers)."""
    while schema.get("type") != "model-fields":
        if "schema" not in schema:
            return None
        schema = schema["schema"]
    value = schema["fields"]["value"]["schema"]
    while value.get("type") in ("default", "nullable"):
        value = value["schema"]
    return value
