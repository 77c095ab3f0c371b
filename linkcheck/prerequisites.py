"""The pre-launch checklist for a state drafting its ETS: what is defined, and what is not yet.

Kazakhstan launched in 2013 with installation data, allocation, MRV rules, the registry and market oversight
"poorly defined (if at all)", and had to suspend trading in 2016-2017 (Gulbrandsen et al. 2017). Each
prerequisite below is one of the things it lacked.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from .formats.values import format_fact
from .model.facts import Status
from .model.profile import ResolvedPhase

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


@dataclass
class Readiness:
    phase: ResolvedPhase
    items: list[ItemResult]

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
                "items": [item.to_dict() for item in self.items]}


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
    return Readiness(phase, items)
