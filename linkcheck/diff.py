"""Semantic diff of two resolved phases: field by field, lists matched by identity, statuses and sources too.

Each difference names the rules that read the field, so an analyst sees at once which changes matter for linking.
"""

from __future__ import annotations

import fnmatch
from dataclasses import asdict, dataclass
from typing import Any

from pydantic import BaseModel

from .engine import plain
from .formats.values import format_value
from .model.dimensions import FIELD_SPECS
from .model.facts import Fact
from .model.profile import ResolvedPhase
from .rules import REGISTRY

# How list items are recognised across the two sides: by a key, never by position.
IDENTITY_KEYS = {"LegalInstrument": "title", "MethodShare": "method", "Link": "partner", "Money": None}
SECONDARY = ("sources", "note")


@dataclass
class Difference:
    path: str
    label: str
    dimension: str
    change: str  # added | removed | changed | status | schedule | sources | note
    a: Any
    b: Any
    rules: list[str]

    @property
    def matters(self) -> bool:
        return bool(self.rules) and self.change not in SECONDARY

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def rules_reading() -> dict[str, list[str]]:
    """Field path -> codes of the rules that read it."""
    reading: dict[str, list[str]] = {}
    for code, rule in REGISTRY.items():
        for path in rule.reads:
            reading.setdefault(path, []).append(code)
    return reading


def _identity(item: Any) -> str:
    if isinstance(item, BaseModel):
        key = IDENTITY_KEYS.get(type(item).__name__)
        return str(getattr(item, key)) if key else str(item)
    return str(item)


def _shown(value: Any) -> Any:
    return plain(value) if not isinstance(value, str) else value


def _fact_differences(path: str, label: str, dimension: str, fa: Fact | None, fb: Fact | None,
                      rules: list[str]) -> list[Difference]:
    def diff(change: str, a: Any, b: Any, suffix: str = "", name: str = label) -> Difference:
        return Difference(path + suffix, name, dimension, change, a, b, rules)

    if fa is None and fb is None:
        return []
    if fa is None or fb is None:
        return [diff("added" if fa is None else "removed", _fact_shown(fa), _fact_shown(fb))]
    out: list[Difference] = []
    if fa.status != fb.status:
        # A status change is one difference; its values travel with it when a side has none to compare.
        if fa.value is None or fb.value is None:
            out.append(diff("status", _fact_shown(fa), _fact_shown(fb)))
        else:
            out.append(diff("status", fa.status.value, fb.status.value, ".status", f"{label} (status)"))
    if fa.value is None or fb.value is None:
        pass
    elif isinstance(fa.value, tuple) and isinstance(fb.value, tuple):
        items_a = {_identity(i): i for i in fa.value}
        items_b = {_identity(i): i for i in fb.value}
        for key in [k for k in items_a if k not in items_b]:
            out.append(diff("removed", _shown(items_a[key]), None, f"[{key}]"))
        for key in [k for k in items_b if k not in items_a]:
            out.append(diff("added", None, _shown(items_b[key]), f"[{key}]"))
        for key in [k for k in items_a if k in items_b and items_a[k] != items_b[k]]:
            out.append(diff("changed", _shown(items_a[key]), _shown(items_b[key]), f"[{key}]", f"{label}: {key}"))
    elif fa.value != fb.value:
        out.append(diff("changed", _shown(fa.value), _shown(fb.value)))
    if _schedule(fa) != _schedule(fb):
        out.append(diff("schedule", _schedule(fa), _schedule(fb), ".changes", f"{label} (dated changes)"))
    if set(fa.sources) != set(fb.sources):
        out.append(diff("sources", list(fa.sources), list(fb.sources), ".sources", f"{label} (sources)"))
    if (fa.note or "") != (fb.note or ""):
        out.append(diff("note", fa.note, fb.note, ".note", f"{label} (note)"))
    return out


def _schedule(fact: Fact) -> list[str]:
    """A fact's dated changes inside its phase, as `YYYY-MM-DD: value` lines."""
    return [f"{c.from_.isoformat()}: {describe(c.value) if c.value is not None else c.status.value}"
            for c in fact.changes]


def _fact_shown(fact: Fact | None) -> Any:
    if fact is None:
        return None
    return _shown(fact.value) if fact.value is not None else fact.status.value


def diff_phases(a: ResolvedPhase, b: ResolvedPhase, ignore: list[str] | None = None,
                linking_only: bool = False) -> list[Difference]:
    reading = rules_reading()
    out: list[Difference] = []
    for spec in FIELD_SPECS:
        out.extend(_fact_differences(spec.path, spec.title, spec.dimension, a.get(spec.path), b.get(spec.path),
                                     reading.get(spec.path, [])))
    patterns = ignore or []
    out = [d for d in out if not any(fnmatch.fnmatchcase(d.path, p) for p in patterns)]
    if linking_only:
        out = [d for d in out if d.matters]
    return out


def read_ignore_file(text: str) -> list[str]:
    """One glob pattern per line; blank lines and `#` comments are skipped."""
    return [line.split("#", 1)[0].strip() for line in text.splitlines() if line.split("#", 1)[0].strip()]


def describe(value: Any) -> str:
    return "—" if value is None else format_value(value)
