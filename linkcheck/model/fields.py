"""The facts a profile can state: each one's dotted path below a phase, dimension, title and description.

Read from `field_table.py`, which `scripts/gen_docs.py` writes from the validation model (dimensions.py) and a test
keeps current, so the engine and the formats know the fields without building a pydantic model.
"""

from __future__ import annotations

from dataclasses import dataclass

from .field_table import FIELDS


@dataclass(frozen=True)
class FieldSpec:
    """One fact a profile can state."""

    path: str
    dimension: str
    title: str
    description: str

    @property
    def annotation(self) -> object:
        """The fact's type in the validation model (a pydantic Fact class), for validating a value of it."""
        from .dimensions import field_annotations

        return field_annotations()[self.path]


FIELD_SPECS: tuple[FieldSpec, ...] = tuple(FieldSpec(*row) for row in FIELDS)
FIELDS_BY_PATH: dict[str, FieldSpec] = {spec.path: spec for spec in FIELD_SPECS}

# Facts that only apply when another fact has a given value; elsewhere leaving them out is not a gap.
APPLIES_ONLY_WHEN: dict[str, tuple[str, object]] = {
    "flexibility.borrowing_limit_pct": ("flexibility.borrowing", "limited"),
    "linking.suspension_and_exit": ("linking.legal_provision", True),
}
