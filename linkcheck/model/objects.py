"""The model's objects as the engine, the rules and the formats read them, with no pydantic in sight.

pydantic is used to *validate* a profile (facts.py, values.py, dimensions.py, profile.py); what the rest of linkcheck
works on are plain, read-only objects of the classes below, rebuilt from the validated form (see
`loading/encoding.py`, and `loading/cache.py` which keeps that form on disk), so a command that reads only the cached shipped library never imports pydantic's model
machinery, which alone costs about as much as Python, PyYAML and click together.

Each pydantic model class inherits its behaviour from a class here (`values.Money` from `Money`), so an object
straight from validation and its plain twin answer the same methods, and `isinstance(x, Fact)` holds for both.
A twin class is made on first use for each pydantic class (`twin_class`), from the class's name, its fields and
their defaults, as the class table of the plain form describes them.

The classes here hold methods only: no annotations (pydantic would take them for fields) and empty slots (so a
twin's own layout is Plain's).
"""

from __future__ import annotations

import datetime as dt
from enum import Enum
from typing import Any

from .vocab import TONNES_PER_UNIT, Status

_DEFINED = Status.defined  # read on every rule's every fact: a module constant, not an enum lookup


class Record:
    """What every model object is, validated or plain: `isinstance(x, Record)` is how code asks "a model object?"."""

    __slots__ = ()


REQUIRED = object()  # a field with no default: a twin cannot be made without it


class Plain(Record):
    """The plain twin of a validated object: the same fields, read-only, equal to the validated object it copies.

    It answers the part of pydantic's interface that linkcheck uses: `model_fields` (names, in order),
    `model_fields_set`, `model_copy(update=...)` and `model_dump(mode=..., exclude_none=...)`.
    """

    __slots__ = ("__dict__", "__pydantic_fields_set__")
    model_fields: dict[str, Any] = {}  # name -> default (REQUIRED when there is none), in the validated class's order
    required: tuple[str, ...] = ()  # the fields with no default
    fields_sets: dict[int, frozenset[str]] = {}  # the sets of fields its objects were given, by their bits
    model_key = ""  # the validated class's module:name without generic arguments; twins of one key compare equal

    @classmethod
    def make(cls, fields_set: Any = None, /, **given: Any) -> Any:
        """A twin from field values; fields left out take their defaults, and count as not set."""
        values = {}
        for name, default in cls.model_fields.items():
            if name in given:
                values[name] = given[name]
            elif default is REQUIRED:
                raise TypeError(f"{cls.__name__} needs `{name}`")
            else:
                values[name] = default
        unknown = given.keys() - values.keys()
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {sorted(unknown)[0]}")
        obj = object.__new__(cls)
        object.__setattr__(obj, "__dict__", values)
        object.__setattr__(obj, "__pydantic_fields_set__", set(given) if fields_set is None else set(fields_set))
        return obj

    @property
    def model_fields_set(self) -> set[str]:
        return self.__pydantic_fields_set__

    def model_copy(self, update: dict[str, Any] | None = None) -> Any:
        """A copy with some fields replaced, as pydantic's model_copy makes it: not validated, the fields counted
        as set."""
        copy = object.__new__(type(self))
        values = dict(self.__dict__)
        if update:
            values.update(update)
        object.__setattr__(copy, "__dict__", values)
        object.__setattr__(copy, "__pydantic_fields_set__", self.__pydantic_fields_set__ | set(update or ()))
        return copy

    def model_dump(self, mode: str = "python", exclude_none: bool = False) -> dict[str, Any]:
        """The fields as data, as pydantic's model_dump gives them: nested objects as mappings; in mode "json",
        dates as text, enums as their values and tuples as lists."""
        if mode not in ("python", "json"):
            raise ValueError(f"mode must be 'python' or 'json' (got {mode!r})")
        return {name: _dumped(value, exclude_none, mode == "json") for name, value in self.__dict__.items()
                if not (exclude_none and value is None)}

    def __setattr__(self, name: str, value: Any) -> None:
        raise TypeError(f"{type(self).__name__} is read-only; use model_copy(update=...)")

    def __delattr__(self, name: str) -> None:
        raise TypeError(f"{type(self).__name__} is read-only")

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Record):
            return NotImplemented
        return model_key_of(other) == self.model_key and other.__dict__ == self.__dict__

    def __hash__(self) -> int:
        return hash((self.model_key, *self.__dict__.values()))

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={value!r}" for name, value in self.__dict__.items())
        return f"{type(self).__name__}({fields})"

    def __str__(self) -> str:  # pydantic's, for a value with no words of its own: its fields, space-separated
        return " ".join(f"{name}={value!r}" for name, value in self.__dict__.items())


def model_key_of(obj: Any) -> str:
    """The validated class an object is (or copies), without generic arguments: `linkcheck.model.facts:Fact`."""
    if isinstance(obj, Plain):
        return obj.model_key
    cls = type(obj)
    metadata = getattr(cls, "__pydantic_generic_metadata__", None)
    if metadata and metadata.get("origin") is not None:
        cls = metadata["origin"]
    return f"{cls.__module__}:{cls.__qualname__}"


def origin_of(key: str) -> str:
    """`linkcheck.model.facts:Fact[CapType]` -> `linkcheck.model.facts:Fact`."""
    return key.split("[", 1)[0]


def _dumped(value: Any, exclude_none: bool, json: bool) -> Any:
    if isinstance(value, Plain):
        return value.model_dump(mode="json" if json else "python", exclude_none=exclude_none)
    if isinstance(value, (tuple, list)):
        items = [_dumped(v, exclude_none, json) for v in value]
        return items if json or isinstance(value, list) else tuple(items)
    if isinstance(value, dict):
        return {k: _dumped(v, exclude_none, json) for k, v in value.items()}
    if not json:
        return value
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


_TWINS: dict[tuple[Any, ...], type] = {}


def twin_class(key: str, behaviour: str, fields: dict[str, Any]) -> type:
    """The plain class standing for the validated class `key` (module:name), with the methods of the class named
    `behaviour` here and these fields (name -> default, or REQUIRED). One class per key, behaviour and fields."""
    identity = (key, behaviour, *((name, type(default), default) for name, default in fields.items()))
    cached = _TWINS.get(identity)
    if cached is not None:
        return cached
    methods = globals().get(behaviour)
    if not (isinstance(methods, type) and issubclass(methods, Record) and not issubclass(methods, Plain)):
        raise KeyError(f"no model behaviour {behaviour!r}")
    name = key.rsplit(":", 1)[-1]
    bases = (Plain,) if methods is Record else (methods, Plain)
    cls = type(name, bases, {"__slots__": (), "model_fields": dict(fields), "model_key": origin_of(key),
                             "required": tuple(n for n, default in fields.items() if default is REQUIRED),
                             "fields_sets": {}, "__module__": __name__, "__qualname__": name})
    _TWINS[identity] = cls
    return cls


def behaviour_of(cls: type) -> str:
    """The class here that a validated class takes its methods from (`Record` for one with none of its own)."""
    for base in cls.__mro__:
        if base.__module__ == __name__ and base is not Plain:
            return base.__name__
    return "Record"


def readable(value: Any) -> bool:
    """Whether a model object has words of its own (`12.1 Mt CO2e (2020)`), rather than only its fields."""
    for cls in type(value).__mro__:
        if "__str__" in vars(cls):
            return cls.__module__ == __name__ and cls is not Plain
    return False


# --- Facts ---------------------------------------------------------------------------------------------------------

class Fact(Record):
    """One fact of a profile: `value`, `status`, `sources`, `note`, and dated `changes` inside the phase."""

    __slots__ = ()

    @property
    def known(self) -> bool:
        """True when the value can be relied on for a comparison."""
        return self.value is not None and self.status is _DEFINED

    def with_default_sources(self, sources: tuple[str, ...]) -> Any:
        if self.sources or not sources:
            return self
        return self.model_copy(update={"sources": tuple(sources)})

    def in_force(self, day: dt.date) -> Any:
        """The latest change that applies on `day`; None while the fact's own value holds."""
        applied = [c for c in self.changes if c.from_ <= day]
        return applied[-1] if applied else None

    def at(self, day: dt.date) -> Any:
        """The fact as it stands on `day`: the value of the change in force, its dated schedule kept."""
        change = self.in_force(day)
        if change is None:
            return self
        return self.model_copy(update={"value": change.value, "status": change.status,
                                       "sources": change.sources or self.sources, "note": change.note or self.note})


class Section(Record):
    """A dimension section; its `sources` apply to every fact in it that names none of its own."""

    __slots__ = ()


# --- Values --------------------------------------------------------------------------------------------------------

def number(value: float) -> str:
    """A number as a person reads it: thousands separated, no exponent, no trailing zeros (84,162,784; 0.911)."""
    if value == int(value) and abs(value) < 1e15:
        return f"{int(value):,}"
    return f"{value:,.4f}".rstrip("0").rstrip(".")


UNIT_WORDS = {
    "tCO2e_per_year": "tCO2e per year", "MW_thermal": "MW rated thermal input",
    "MW_electrical": "MW generating capacity", "short_tCO2": "short tons CO2", "Mshort_tCO2": "million short tons CO2",
}


def unit_words(unit: str) -> str:
    return UNIT_WORDS.get(unit, unit)


class Escalating(Record):
    """A price that rises by rule: a fixed % a year, on top of inflation when `inflation_indexed`."""

    __slots__ = ()

    @property
    def escalates(self) -> bool:
        return bool(self.escalation_pct) or self.inflation_indexed

    def escalation_text(self) -> str:
        parts = [f"+{self.escalation_pct:g}%/yr"] if self.escalation_pct else []
        if self.inflation_indexed:
            parts.append("+ inflation" if parts else "indexed to inflation")
        return " ".join(parts)


MONEY = "linkcheck.model.values:Money"
MONEY_FIELDS = {"escalation_pct": None, "inflation_indexed": False, "amount": REQUIRED, "currency": None,
                "index": None, "year": REQUIRED, "per": "tonne"}  # values.Money's fields (a test keeps them equal)


class Money(Escalating):
    """An amount in an ISO 4217 currency, or in a legal index unit (Kazakhstan's MCI), at a price year."""

    __slots__ = ()

    def __str__(self) -> str:
        unit = self.currency or self.index
        per = "short ton" if self.per == "short_ton" else "t"
        rise = f", {self.escalation_text()}" if self.escalates else ""
        return f"{number(self.amount)} {unit}/{per} ({self.year} prices{rise})"


def money(**fields: Any) -> Any:
    """A plain Money from values already known to be valid (a price from the shipped table, a ceiling's price)."""
    return twin_class(MONEY, "Money", MONEY_FIELDS).make(**fields)


class PriceFloor(Money):
    __slots__ = ()


class PriceCeiling(Escalating):
    """A hard or soft ceiling, or a fixed-price option: a set price, or a formula where none was set."""

    __slots__ = ()

    def money(self) -> Any:
        if self.amount is None or self.currency is None or self.year is None:
            return None
        return money(amount=self.amount, currency=self.currency, year=self.year, per=self.per,
                     escalation_pct=self.escalation_pct, inflation_indexed=self.inflation_indexed)

    def __str__(self) -> str:
        price = self.money()
        text = str(price) if price else f"formula: {self.formula}"
        return f"{self.kind.replace('_', ' ')} {text}"


class Quantity(Record):
    __slots__ = ()

    @property
    def tonnes(self) -> float:
        return self.amount * TONNES_PER_UNIT[self.unit]

    def __str__(self) -> str:
        year = f" ({self.year})" if self.year else ""
        return f"{number(self.amount)} {unit_words(self.unit)}{year}"


class Threshold(Record):
    __slots__ = ()

    def __str__(self) -> str:
        return f"{number(self.amount)} {unit_words(self.unit)}"


class AnnualReduction(Record):
    """The cap's yearly decline, as a percentage of a stated basis or as an absolute amount."""

    __slots__ = ()

    def rate(self) -> tuple[float, str] | None:
        """The yearly decline as a percentage, and how it was obtained; None when an amount has no cap to
        be read against."""
        if self.pct is not None:
            return self.pct, ""
        if self.of is None or not self.of.tonnes or self.amount is None or self.unit is None:
            return None
        share = 100 * self.amount * TONNES_PER_UNIT[self.unit] / self.of.tonnes
        return share, f"{number(self.amount)} {unit_words(self.unit)}/yr of {self.of} = {share:.2f}%"

    def __str__(self) -> str:
        if self.pct is not None:
            return f"{self.pct:g}%/yr" + (f" ({self.basis})" if self.basis else "")
        return f"{number(self.amount)} {unit_words(self.unit)}/yr"


class LegalInstrument(Record):
    __slots__ = ()

    def __str__(self) -> str:
        return self.title + (f" ({self.date.isoformat()})" if self.date else "")


class MethodShare(Record):
    __slots__ = ()

    def __str__(self) -> str:
        return self.method.replace("_", " ") + (f" {self.share_pct:g}%" if self.share_pct is not None else "")


LINK_DIRECTION_WORDS = {"two_way": "two-way", "accepts_partner_units": "accepts the partner's units",
                        "partner_accepts_ours": "the partner accepts its units"}


class Link(Record):
    __slots__ = ()

    def in_force(self, year: int) -> bool:
        return (self.since is None or self.since <= year) and (self.until is None or year <= self.until)

    def __str__(self) -> str:
        direction = LINK_DIRECTION_WORDS[self.direction]
        return f"{self.partner} ({direction}{', since ' + str(self.since) if self.since else ''})"


# --- Phases --------------------------------------------------------------------------------------------------------

class Period(Record):
    """Whole years, inclusive. An open-ended phase has no `end`."""

    __slots__ = ()

    def covers(self, year: int) -> bool:
        return self.start <= year and (self.end is None or year <= self.end)

    def __str__(self) -> str:
        return f"{self.start}–{self.end if self.end is not None else ''}"
