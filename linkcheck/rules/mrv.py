"""Rules on monitoring, reporting, verification and the registry: one tonne must mean one tonne."""

from __future__ import annotations

from .base import Pair, Rule, Severity, Unassessable, one_sided, rule
from .citations import EU_CH_ANNEX_I, GSW_2017, PMR_2021, TUERK_2009

RULES: list[Rule] = []


@rule(
    RULES,
    code="LK-MRV-01",
    dimension="mrv",
    severity="blocker",
    title="No third-party verification",
    question="Who checks the emissions reports, and are the verifiers accredited?",
    rationale=(
        "Partners must trust that a tonne reported on the other side is a tonne emitted. The reference is "
        "installation-level monitoring with verification by accredited third parties; self-reported emissions "
        "do not meet it."
    ),
    citation=f"{TUERK_2009}; {PMR_2021}",
    remedy="{side} requires annual verification of emissions reports by accredited third-party verifiers.",
    reads=("mrv.verification",),
)
def third_party_verification(pair: Pair):
    """Fires for a side with no independent check of emissions reports (blocker); unaccredited verifiers are a
    major difference, and review of every report by the authority a minor one (Switzerland's model, which the
    EU accepted when it linked)."""
    milder = {"third_party": Severity.major, "authority_reviewed": Severity.minor}
    for outcome in pair.weak_sides("mrv.verification", lambda v: v != "accredited_third_party",
                             lambda v: f"verification is {v.replace('_', ' ')}"):
        outcome.severity = milder.get(outcome.a if outcome.adjust == "a" else outcome.b)
        yield outcome


@rule(
    RULES,
    code="LK-MRV-02",
    dimension="mrv",
    severity="major",
    title="Monitoring plans not approved by the authority",
    question="Must monitoring plans be approved by the authority?",
    rationale=(
        "An approved monitoring plan fixes, in advance, how each installation measures its emissions. Without "
        "approval, methods vary between operators and years."
    ),
    citation=f"{PMR_2021}; {GSW_2017}",
    remedy="{side} requires a monitoring plan for each installation, approved by the competent authority.",
    reads=("mrv.monitoring_plan",),
)
def monitoring_plan(pair: Pair):
    """Fires for a side whose monitoring plans are not approved by the authority."""
    yield from pair.weak_sides("mrv.monitoring_plan", lambda v: v != "approved_by_authority",
                         lambda v: f"monitoring plan {v.replace('_', ' ')}")


@rule(
    RULES,
    code="LK-MRV-03",
    dimension="mrv",
    severity="major",
    title="Emissions reported per entity, not per installation",
    question="Are emissions reported per installation?",
    rationale=(
        "Reporting aggregated per company hides which sites emit what and makes verification weaker; "
        "installation-level reporting is the reference. Kazakhstan's early phases worked at operator level."
    ),
    citation=f"{PMR_2021}; {GSW_2017}",
    remedy="{side} requires emissions reports per installation.",
    reads=("mrv.reporting_level",),
)
def reporting_level(pair: Pair):
    """Fires for a side that reports emissions per entity."""
    yield from pair.weak_sides("mrv.reporting_level", lambda v: v == "entity", lambda v: "reports per entity")


@rule(
    RULES,
    code="LK-MRV-04",
    dimension="mrv",
    severity="blocker",
    title="No operating registry",
    question="Is there an operating registry?",
    rationale=(
        "Units can only cross a link between registries whose transaction logs are connected. The EU made a "
        "direct link between the registries an essential criterion of its link with Switzerland."
    ),
    citation=f"{EU_CH_ANNEX_I}; {TUERK_2009}",
    remedy="{side} builds and operates a registry able to connect to its partner's transaction log.",
    reads=("mrv.registry",),
)
def registry(pair: Pair):
    """Fires for a side with no registry (blocker) or one still under development (major)."""
    gaps: list = []
    for side in ("a", "b"):
        fact = pair.fact(side, "mrv.registry")
        if fact is not None and fact.status.value == "under_development":
            outcome = one_sided(side, f"{pair.name(side)}'s registry is still under development", "under development")
            outcome.severity = Severity.major
            yield outcome
            continue
        try:
            if pair.known(side, "mrv.registry") == "none":
                yield one_sided(side, f"{pair.name(side)} has no registry", "none")
        except Unassessable as exc:
            gaps.extend(exc.gaps)
    if gaps:
        raise Unassessable(gaps)
