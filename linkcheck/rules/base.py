"""What a rule is, what it sees (a pair of resolved phases), and what it reports (outcomes).

A rule does not know its final severity: the engine stamps it from configuration, as yamllint does.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from enum import Enum
from typing import Any

from ..model.objects import Fact
from ..model.vocab import Status
from ..money import Unconvertible
from ..messages import Msg, Word
from ..model.phases import ResolvedPhase


NOT_CONVERTIBLE = "not convertible"  # a gap in the reference data, not in the profile
NOT_IN_TABLE = "not in reference_data/"


PRICE_GAP_PATH = str(Word("allowance price"))  # what an open question lacks when the price table has no year


class ReferenceGap(str):
    """A missing fact's status when the gap lies in the reference data: the English text, with the message a report
    says it with in its own language."""

    def __new__(cls, text: str, message: Msg) -> ReferenceGap:
        gap = super().__new__(cls, text)
        gap.message = message
        return gap

    def __getnewargs__(self) -> tuple[str, Msg]:  # copied (and pickled) with its message
        return str(self), self.message


def reference_gap(status: str) -> bool:
    """Whether a gap lies in the reference data (rates, prices) rather than in a profile."""
    return status.startswith((NOT_CONVERTIBLE, NOT_IN_TABLE))


class Severity(str, Enum):
    blocker = "blocker"
    major = "major"
    minor = "minor"
    info = "info"

    @property
    def rank(self) -> int:
        return SEVERITY_ORDER.index(self)


SEVERITY_ORDER: tuple[Severity, ...] = (Severity.blocker, Severity.major, Severity.minor, Severity.info)
SIDES = ("a", "b")


def other(side: str) -> str:
    return "b" if side == "a" else "a"


class Unassessable(Exception):
    """A fact a rule needs is unknown, undefined, under development or absent on one side or both.

    `established` says what the rule did establish, so the open question can state it; `at_stake` is the gravest
    outcome the missing facts could still bring, where that is milder than the rule's gravest.
    """

    def __init__(self, gaps: list[tuple[str, str, str]], established: str = "",
                 at_stake: Severity | None = None) -> None:
        super().__init__()
        self.gaps = gaps  # (side, path, status)
        self.established = established
        self.at_stake = at_stake

    def __str__(self) -> str:  # put into words only when read: rules raise this for every fact they lack
        return "; ".join(f"{side}.{path} is {status}" for side, path, status in self.gaps)


@dataclass
class Outcome:
    """One problem a rule found. `adjust` names the side that must change: a, b, both, or None.

    `weak_side` is the side whose design would spread to the partner through a link. A one-way link in
    which that side only imports units does not carry the problem over; the engine uses this to judge
    one-way links.
    """

    message: str | Msg
    a: Any = None
    b: Any = None
    adjust: str | None = None
    remedy: str = ""
    weak_side: str | None = None
    severity: Severity | None = None  # only to say a case is milder or graver than the rule's default


def one_sided(side: str, message: str | Msg, value: Any) -> Outcome:
    """An outcome about a weakness of one side: that side's value is shown, and that side must change."""
    return Outcome(message=message, a=value if side == "a" else None, b=value if side == "b" else None,
                   adjust=side, weak_side=side)


@dataclass(frozen=True)
class Option:
    """A rule's typed option: a finite number within [low, high]; configuration outside it is refused."""

    default: float
    description: str
    low: float = 0.0
    high: float | None = None

    def problem(self, value: Any) -> str | None:
        """Why `value` cannot be this option's value, or None when it can."""
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return f"must be a number (got {value!r})"
        if value != value or value in (float("inf"), float("-inf")):
            return f"must be a finite number (got {value!r})"
        if value < self.low or (self.high is not None and value > self.high):
            upper = f" and {self.high:g}" if self.high is not None else ""
            return f"must be {'between ' + format(self.low, 'g') + upper if upper else 'at least ' + format(self.low, 'g')} (got {value:g})"
        return None


@dataclass(frozen=True)
class Rule:
    """One linking rule: a code, a dimension, a default severity, why it matters, the check, the remedy."""

    code: str
    name: str
    dimension: str
    severity: Severity
    title: str
    rationale: str
    citation: str
    remedy: str
    check: Callable[[Pair], Iterable[Outcome]]
    question: str = ""  # what an open question of this rule asks, e.g. "Is the cap absolute?"
    each_side: bool = False  # judges each side on its own facts: a gap on one side can only reveal that side's weakness
    options: dict[str, Option] = field(default_factory=dict)
    reads: tuple[str, ...] = ()
    at_stake: Severity | None = None  # the gravest outcome the rule can give, where graver than its severity

    @property
    def gravest(self) -> Severity:
        """What an open question of this rule puts at stake: its gravest possible outcome."""
        return self.at_stake or self.severity

    @property
    def doc(self) -> str:
        return (self.check.__doc__ or "").strip()

    def to_dict(self) -> dict[str, Any]:
        """The rule as `linkcheck rules --format json` prints it."""
        return {"code": self.code, "name": self.name, "dimension": self.dimension, "severity": self.severity.value,
                "title": self.title, "checks": self.doc, "rationale": self.rationale, "citation": self.citation,
                "remedy": self.remedy, "reads": list(self.reads),
                "options": {k: {"default": o.default, "description": o.description} for k, o in self.options.items()}}


class Pair:
    """The two resolved phases a rule compares, with the rule's options and a money converter.

    It records every fact a rule reads, so that the engine can say how complete the assessment was.
    """

    def __init__(self, a: ResolvedPhase, b: ResolvedPhase, options: dict[str, Any], converter: Any) -> None:
        self.phases = {"a": a, "b": b}
        self.options = options
        self.converter = converter
        self.read: set[str] = set()

    def name(self, side: str) -> str:
        return self.phases[side].display

    def year(self, side: str) -> int:
        """The year a side is looked at: that of the day its facts are taken at."""
        return self.phases[side].as_of.year

    def fact(self, side: str, path: str) -> Fact | None:
        self.read.add(path)
        return self.phases[side].get(path)

    def price(self, side: str, path: str, money: Any) -> Any:
        """A price of one side in the base currency and year, risen by its own rule to the side's year."""
        try:
            return self.converter.convert(money, at_year=self.year(side))
        except Unconvertible as exc:
            text = f"{NOT_CONVERTIBLE} ({exc})"
            if exc.missing is None:
                raise Unassessable([(side, path, text)]) from None
            message = Msg("not convertible: the reference data has no {what} for {year} (add it, with its source, "
                          "or pass --rates FILE)", what=exc.missing, year=str(exc.year))
            raise Unassessable([(side, path, ReferenceGap(text, message))]) from None

    def market_price(self, side: str, year: int | None = None) -> Any:
        """The side's average allowance price in `year` (default its own), converted: from the sourced table, for
        the latest year up to that one for which the table has both a price and the rates to convert it."""
        from ..prices import TABLE, average_prices

        year = year or self.year(side)
        for money, _ in average_prices(self.phases[side].system_id, year):
            try:
                converted = self.converter.convert(money)
            except Unconvertible:
                continue
            if money.year != year:
                note = Msg("{name}'s average price of {year}, the latest the tables allow for {wanted}",
                           name=self.name(side), year=str(money.year), wanted=str(year))
            else:
                note = Msg("{name}'s average price of {year}", name=self.name(side), year=str(money.year))
            return converted, note, money.year
        table = TABLE.removeprefix("reference_data/")
        message = Msg("not in {table} for {year} or the five years before", table=TABLE, year=str(year))
        text = f"{NOT_IN_TABLE}{table} for {year} or the five years before"
        raise Unassessable([(side, PRICE_GAP_PATH, ReferenceGap(text, message))])

    def sides(self, path: str) -> tuple[dict[str, Any], list[tuple[str, str, str]]]:
        """The sides whose value at `path` is defined, with their values, and the gaps of the others.

        For rules that judge each side on its own: a side's weakness is reported even when the partner's
        fact is unknown; the caller raises the gaps afterwards.
        """
        values: dict[str, Any] = {}
        gaps: list[tuple[str, str, str]] = []
        for side in SIDES:
            try:
                values[side] = self.known(side, path)
            except Unassessable as exc:
                gaps.extend(exc.gaps)
        return values, gaps

    def known(self, side: str, path: str) -> Any:
        """The value at `path` on one side, or Unassessable when it is not a defined fact."""
        fact = self.fact(side, path)
        if fact is None:
            raise Unassessable([(side, path, "not stated")])
        if not fact.known:
            raise Unassessable([(side, path, fact.status.value)])
        return fact.value

    def both(self, path: str) -> tuple[Any, Any]:
        """Both sides' values, or Unassessable listing every side that lacks one."""
        gaps: list[tuple[str, str, str]] = []
        values = []
        for side in SIDES:
            try:
                values.append(self.known(side, path))
            except Unassessable as exc:
                gaps.extend(exc.gaps)
                values.append(None)
        if gaps:
            raise Unassessable(gaps)
        return values[0], values[1]

    def each(self, path: str) -> Iterator[tuple[str, Any]]:
        """Each side's value in turn, for rules about a weakness of one side. Gaps are raised after both."""
        gaps: list[tuple[str, str, str]] = []
        for side in SIDES:
            try:
                value = self.known(side, path)
            except Unassessable as exc:
                gaps.extend(exc.gaps)
                continue
            yield side, value
        if gaps:
            raise Unassessable(gaps)

    def linked(self) -> bool:
        """Whether the two sides are linked with each other on the day each is looked at."""
        for side, partner in (("a", "b"), ("b", "a")):
            links = self.phases[side].get("linking.existing_links")
            if links is not None and links.known and any(
                    link.partner == self.phases[partner].system_id and link.in_force(self.year(side))
                    for link in links.value):
                return True
        return False

    def only_one(self, path: str, has: Callable[[Any], bool] = bool) -> tuple[str, Any, Any] | None:
        """When exactly one side's value at `path` has the feature `has` tests for: (that side, a's value, b's);
        None when both or neither have it. Unknown values raise Unassessable, as `both` does."""
        a, b = self.both(path)
        on_a, on_b = has(a), has(b)
        if on_a == on_b:
            return None
        return ("a" if on_a else "b"), a, b

    def weak_sides(self, path: str, weak: Callable[[Any], bool],
                   describe: Callable[[Any], str | Msg]) -> Iterator[Outcome]:
        """An outcome for each side whose value at `path` is weak; gaps are raised after both sides."""
        for side, value in self.each(path):
            if weak(value):
                yield one_sided(side, Msg("{name}: {what}", name=self.name(side), what=describe(value)), value)

    def status(self, side: str, path: str) -> Status | None:
        fact = self.fact(side, path)
        return fact.status if fact else None


def rule(
    registry: list[Rule],
    *,
    code: str,
    dimension: str,
    severity: str,
    title: str,
    question: str,
    rationale: str,
    citation: str,
    remedy: str,
    reads: tuple[str, ...] = (),
    options: dict[str, Option] | None = None,
    at_stake: str | None = None,
    each_side: bool = False,
) -> Callable[[Callable[[Pair], Iterable[Outcome]]], Rule]:
    """Declare a rule in its module's list. The function's docstring says what it checks."""

    def declare(check: Callable[[Pair], Iterable[Outcome]]) -> Rule:
        declared = Rule(
            code=code,
            name=f"{dimension}.{check.__name__}",
            dimension=dimension,
            severity=Severity(severity),
            title=title,
            question=question,
            rationale=rationale,
            citation=citation,
            remedy=remedy,
            check=check,
            options=options or {},
            reads=reads,
            at_stake=Severity(at_stake) if at_stake else None,
            each_side=each_side,
        )
        registry.append(declared)
        return declared

    return declare
