"""The pre-launch checklist for a state drafting its ETS: what is defined, and what is not yet.

Kazakhstan launched in 2013 with installation data, allocation, MRV rules, the registry and market oversight
"poorly defined (if at all)", and had to suspend trading in 2016-2017 (Gulbrandsen et al. 2017). Each
prerequisite below is one of the things it lacked.

A profile started from a model (`linkcheck new --from`, `adopted_from`) is also compared with that model, fact by
fact: which of the model's choices the drafting state has kept, kept provisionally, changed or left undefined.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .errors import LinkcheckError
from .model.display import format_fact
from .loading.model_phase import MODEL_OWN_FACTS, load_model_phase
from .model.fields import FIELD_SPECS
from .model.objects import Fact
from .model.vocab import Status
from .model.phases import ResolvedPhase, plain_value
from .safe_text import printable

# Worst first: the item takes the worst status of its checks.
STATES = ("not_stated", "unknown", "undefined", "under_development", "not_met", "ready")


@dataclass(frozen=True)
class Check:
    path: str
    requirement: str
    accepts: Callable[[Any], bool] = lambda value: value != "none"


@dataclass(frozen=True)
class Prerequisite:
    id: str
    title: str
    why: str
    checks: tuple[Check, ...]


PREREQUISITES: tuple[Prerequisite, ...] = (
    Prerequisite(
        "legal_basis", "Legal basis",
        "Without a law that creates the obligation, nothing else can be enforced.",
        (Check("system.legal_basis", "instruments that establish the system", lambda v: bool(v)),
         Check("system.participation", "participation is mandatory", lambda v: v == "mandatory")),
    ),
    Prerequisite(
        "cap_allocation", "Cap and allocation plan",
        "Kazakhstan's pilot allocated before installation-level data existed, then added allowances above plan.",
        (Check("system.cap_type", "an absolute cap", lambda v: v == "absolute"),
         Check("ambition.cap", "a cap level with unit and year"),
         Check("allocation.methods", "allocation methods and shares", lambda v: bool(v))),
    ),
    Prerequisite(
        "mrv", "Installation-level MRV with accredited verification",
        "One tonne must mean one tonne; Kazakhstan's MRV rules were still being written during the pilot.",
        (Check("mrv.monitoring_plan", "monitoring plans approved by the authority", lambda v: v == "approved_by_authority"),
         Check("mrv.verification", "verification by accredited third parties", lambda v: v == "accredited_third_party"),
         Check("mrv.reporting_level", "reporting per installation", lambda v: v == "installation")),
    ),
    Prerequisite(
        "registry", "Registry",
        "Allowances must be issued, held and surrendered somewhere before trading starts.",
        (Check("mrv.registry", "an operating registry", lambda v: v == "operational"),),
    ),
    Prerequisite(
        "enforcement", "Enforcement with make-good",
        "A penalty without an obligation to surrender the missing allowances caps the price.",
        (Check("enforcement.penalty", "a penalty per excess tonne", lambda v: True),
         Check("enforcement.make_good", "missing allowances must still be surrendered", lambda v: v is True),
         Check("enforcement.enforcing_body", "an enforcing body", lambda v: bool(v))),
    ),
    Prerequisite(
        "market_oversight", "Market oversight",
        "A market without supervision invites manipulation; Kazakhstan moved oversight between agencies mid-pilot.",
        (Check("market.oversight_body", "a body that supervises the market", lambda v: bool(v)),
         Check("market.financial_oversight", "allowances under financial supervision", lambda v: v is True)),
    ),
    Prerequisite(
        "linking", "Provisions for linking",
        "A link needs a legal basis to recognise foreign units; it is cheaper to write it in from the start.",
        (Check("linking.legal_provision", "a legal provision for linking", lambda v: v is True),),
    ),
)


@dataclass
class CheckResult:
    path: str
    requirement: str
    state: str
    value: str
    note: str | None

    def to_dict(self) -> dict[str, Any]:
        return self.__dict__.copy()


@dataclass
class ItemResult:
    prerequisite: Prerequisite
    state: str
    checks: list[CheckResult]

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.prerequisite.id, "title": self.prerequisite.title, "why": self.prerequisite.why,
                "state": self.state, "checks": [c.to_dict() for c in self.checks]}


# How a drafting state's fact stands against its model's: decided and the same, provisionally the same (as
# `new --from` wrote it), a different value (decided or not), or no value where the model has one.
DEPARTURE_STATES = ("changed", "undefined", "provisional", "kept")


@dataclass(frozen=True)
class Departure:
    path: str
    title: str
    state: str
    model: Fact | None
    fact: Fact | None

    @property
    def decided(self) -> bool:
        return self.fact is not None and self.fact.status is Status.defined

    def to_dict(self) -> dict[str, Any]:
        return {"path": self.path, "title": self.title, "state": self.state, "decided": self.decided,
                "model": _side(self.model), "profile": _side(self.fact)}


def _side(fact: Fact | None) -> dict[str, Any]:
    if fact is None:
        return {"value": None, "status": "not_stated", "shown": format_fact(None)}
    return {"value": plain_value(fact.value), "status": fact.status.value, "shown": format_fact(fact)}


@dataclass
class Departures:
    """The drafting state's facts against the model it started from; only facts either side gives a value."""

    model: ResolvedPhase
    facts: list[Departure]

    @property
    def counts(self) -> dict[str, int]:
        return {s: sum(1 for d in self.facts if d.state == s) for s in DEPARTURE_STATES}

    @property
    def changed(self) -> list[Departure]:
        return [d for d in self.facts if d.state == "changed"]

    def to_dict(self) -> dict[str, Any]:
        return {"model": self.model.ref, "name": self.model.display, "as_of": self.model.as_of.isoformat(),
                "counts": self.counts, "facts": [d.to_dict() for d in self.facts]}


@dataclass
class Readiness:
    phase: ResolvedPhase
    items: list[ItemResult]
    departures: Departures | None = None
    departures_problem: str | None = None  # why the departures cannot be shown (the model no longer resolves)
    ranking: Any = None  # the partners ranked for the drafting state, when it was given some

    @property
    def ready(self) -> bool:
        return all(item.state == "ready" for item in self.items)

    @property
    def open_items(self) -> list[ItemResult]:
        return [item for item in self.items if item.state != "ready"]

    def to_dict(self) -> dict[str, Any]:
        return {"ref": self.phase.ref, "name": self.phase.system_name, "as_of": self.phase.as_of.isoformat(),
                "ready": self.ready,
                "counts": {s: sum(1 for i in self.items if i.state == s) for s in STATES},
                "items": [item.to_dict() for item in self.items],
                "departures": self.departures.to_dict() if self.departures else None,
                **({"departures_problem": self.departures_problem} if self.departures_problem else {}),
                **({"ranking": self.ranking.to_dict()} if self.ranking is not None else {})}


def _check(phase: ResolvedPhase, check: Check) -> CheckResult:
    fact = phase.get(check.path)
    if fact is None:
        state = "not_stated"
    elif fact.status is not Status.defined:
        state = fact.status.value
    else:
        state = "ready" if check.accepts(fact.value) else "not_met"
    return CheckResult(check.path, check.requirement, state, format_fact(fact), fact.note if fact else None)


def readiness(phase: ResolvedPhase) -> Readiness:
    items = []
    for prerequisite in PREREQUISITES:
        checks = [_check(phase, c) for c in prerequisite.checks]
        worst = min((STATES.index(c.state) for c in checks), default=STATES.index("ready"))
        items.append(ItemResult(prerequisite, STATES[worst], checks))
    if not phase.adopted_from:
        return Readiness(phase, items)
    try:  # the checklist stands on its own: a model that no longer resolves loses only the comparison with it
        return Readiness(phase, items, departures(phase))
    except LinkcheckError as exc:
        return Readiness(phase, items, departures_problem=str(exc))


def departures(phase: ResolvedPhase) -> Departures:
    """How `phase` stands against the model named in its `adopted_from`, the model taken as of the day it was copied
    (`adopted_on`; else the readiness day, moved inside the model's years). LinkcheckError, naming the reference,
    when it no longer names a shipped phase."""
    reference = phase.adopted_from or ""
    try:
        model = load_model_phase(reference, phase.adopted_on or phase.as_of)
    except LinkcheckError as exc:
        raise LinkcheckError(f"{printable(phase.origin)}: adopted_from '{printable(reference)}' no longer names a "
                             f"shipped phase, so the departures from it cannot be shown: {exc}") from None
    compared = [_departure(spec.path, spec.title, model.get(spec.path), phase.get(spec.path))
                for spec in FIELD_SPECS if spec.path not in MODEL_OWN_FACTS]
    return Departures(model, [d for d in compared if d is not None])


def _departure(path: str, title: str, model: Fact | None, fact: Fact | None) -> Departure | None:
    has_value = fact is not None and fact.value is not None
    model_has_value = model is not None and model.value is not None
    if not (model_has_value or has_value):
        return None  # nothing to depart from, nothing decided
    if not has_value:
        state = "undefined"
    elif not model_has_value or plain_value(model.value) != plain_value(fact.value):
        state = "changed"
    else:
        state = "kept" if fact.status is Status.defined else "provisional"
    return Departure(path, title, state, model, fact)
