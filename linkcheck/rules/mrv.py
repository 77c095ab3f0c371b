"""Rules on monitoring, reporting, verification and the registry: one tonne must mean one tonne."""

from __future__ import annotations

from .base import Outcome, Pair, Rule, Severity, Unassessable, one_sided, rule
from .citations import EU_CH_ANNEX_I, EU_CH_ART_3, GSW_2017, ICAP_GUIDE_2018, PMR_2021, TUERK_2009
from ..messages import Msg, Word, Words

RULES: list[Rule] = []


@rule(
    RULES,
    code="LK-MRV-01",
    dimension="mrv",
    severity="blocker",
    title="Emissions reports not checked independently",
    question="Who checks the emissions reports, and are the verifiers accredited?",
    rationale=(
        "Partners must trust that a tonne reported on the other side is a tonne emitted. The reference is "
        "verification of every report by accredited third parties. A report that nobody checks does not meet it; "
        "review of every report by the authority (Switzerland's model, which the EU accepted when it linked) and "
        "certified continuous measurement screened and audited by the authority (RGGI under 40 CFR Part 75) are "
        "close to it; verifiers without accreditation, or authority audits of calculated reports, fall between."
    ),
    citation=f"{TUERK_2009}; {PMR_2021}; {EU_CH_ANNEX_I}",
    remedy="{side} requires annual verification of emissions reports by accredited third-party verifiers.",
    reads=("mrv.verification", "mrv.authority_audit", "mrv.monitoring_method"),
    each_side=True,
)
def independent_check(pair: Pair):
    """Grades each side by who checks its emissions reports: no check (blocker); self-reported calculations that the
    authority audits, or unaccredited verifiers (major); self-reported continuous measurement that the authority
    screens and audits, or review of every report by the authority (minor). Accredited verification passes."""
    values, gaps = pair.sides("mrv.verification")
    unknown_verification = bool(gaps)  # then all is at stake; else only what the graded sides leave open
    stakes: list[Severity] = []
    established: list[Msg] = []
    for side, verification in values.items():
        graded = _graded_check(pair, side, verification, gaps)
        if graded is None:
            continue
        severity, text, stake = graded
        if severity is not None:
            outcome = one_sided(side, Msg("{name}: {what}", name=pair.name(side), what=text), verification)
            outcome.severity = severity
            yield outcome
        if stake is not None:
            stakes.append(stake)
            established.append(Msg("{name}: {what}", name=pair.name(side), what=text))
    if gaps:
        gravest = None if unknown_verification else min(stakes, key=lambda s: s.rank)
        raise Unassessable(gaps, Words(established, separator="; ") if established else "", gravest)


def _graded_check(pair: Pair, side: str, verification: str, gaps: list):
    """(severity, what was found, severity still at stake) for one side; None when it passes."""
    if verification == "accredited_third_party":
        return None
    if verification == "none":
        return Severity.blocker, Msg("emissions reports are not checked"), None
    if verification == "third_party":
        return Severity.major, Msg("reports are verified by third parties whose accreditation is not established"), None
    if verification == "authority_reviewed":
        return Severity.minor, Msg("the authority reviews every report itself; verifiers are not accredited"), None
    audited = pair.fact(side, "mrv.authority_audit")
    method = pair.fact(side, "mrv.monitoring_method")
    if audited is None or not audited.known:
        gaps.append((side, "mrv.authority_audit", audited.status.value if audited else "not stated"))
        return Severity.minor, Msg("reports are self-reported, and whether the authority audits them is not known"), \
            Severity.blocker
    if not audited.value:
        return Severity.blocker, Msg("reports are self-reported and nobody checks them"), None
    if method is None or not method.known:
        gaps.append((side, "mrv.monitoring_method", method.status.value if method else "not stated"))
        return Severity.minor, Msg("reports are self-reported and audited by the authority"), Severity.major
    if method.value == "continuous_measurement":
        return Severity.minor, Msg("self-reported continuous measurement, screened and audited by the authority"), None
    return Severity.major, Msg("self-reported calculations, checked only by authority audits"), None


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
    each_side=True,
)
def monitoring_plan(pair: Pair):
    """Fires for a side whose monitoring plans are not approved by the authority."""
    yield from pair.weak_sides("mrv.monitoring_plan", lambda v: v != "approved_by_authority",
                         lambda v: Msg("monitoring plan {value}", value=Word(v)))


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
    each_side=True,
)
def reporting_level(pair: Pair):
    """Fires for a side that reports emissions per entity."""
    yield from pair.weak_sides("mrv.reporting_level", lambda v: v == "entity", lambda v: Msg("reports per entity"))


@rule(
    RULES,
    code="LK-MRV-04",
    dimension="mrv",
    severity="blocker",
    title="No operating registry",
    question="Is there an operating registry?",
    rationale=(
        "Units can only cross a link between registries whose transaction logs are connected, and only a "
        "registry in operation can be connected: the EU–Swiss agreement requires a direct link between them."
    ),
    citation=f"{EU_CH_ART_3}; {TUERK_2009}",
    remedy="{side} builds and operates a registry able to connect to its partner's transaction log.",
    reads=("mrv.registry",),
    each_side=True,
)
def registry(pair: Pair):
    """Fires for a side with no registry. A registry still under development is an open question: it may yet
    operate, or not, by the time of the link."""
    yield from pair.weak_sides("mrv.registry", lambda registry: registry == "none", lambda _: Msg("has no registry"))


@rule(
    RULES,
    code="LK-MRV-05",
    dimension="mrv",
    severity="minor",
    title="No tiers or uncertainty assessment on one side",
    question="Does monitoring use tiers with an uncertainty assessment?",
    rationale=(
        "Tiers set how accurate each installation's data must be, and an uncertainty assessment shows it: the "
        "EU's Monitoring and Reporting Regulation is built on them, and Kazakhstan modelled its MRV on it. "
        "Without them, a tonne is measured to a looser standard on one side of the link."
    ),
    citation=f"{PMR_2021}; {GSW_2017}",
    remedy="{side} sets monitoring tiers with an uncertainty assessment for each installation.",
    reads=("mrv.tiers_uncertainty",),
)
def tiers_uncertainty(pair: Pair):
    """Fires for a side whose monitoring has no tiers or uncertainty assessment, when its partner's has."""
    found = pair.only_one("mrv.tiers_uncertainty", lambda tiers: not tiers)
    if found:
        side = found[0]
        yield one_sided(side, Msg("{name}: monitoring has no tiers or uncertainty assessment", name=pair.name(side)),
                        False)


@rule(
    RULES,
    code="LK-MRV-06",
    dimension="mrv",
    severity="info",
    title="Registries not connected",
    question="Are the two registries directly connected?",
    rationale=(
        "A link needs a direct connection between the transaction logs, so that a unit leaves one registry as it "
        "enters the other. The EU–Swiss agreement requires one (Article 3(2)), and the first transfers passed on 21 "
        "September 2020; California and Québec share one registry system. Work to plan, not a bar."
    ),
    citation=f"{EU_CH_ART_3}; {ICAP_GUIDE_2018}",
    remedy="{side} connects its registry's transaction log to its partner's before units may cross the link.",
    reads=("mrv.registry_connected_to",),
)
def registries_connected(pair: Pair):
    """Fires when neither side's registry is connected to the other's."""
    a, b = pair.both("mrv.registry_connected_to")
    ids = {side: pair.phases[side].system_id for side in ("a", "b")}
    if ids["a"] == ids["b"] or ids["b"] in a or ids["a"] in b:
        return
    yield Outcome(message=Msg("the registries of {a} and {b} are not connected", a=pair.name("a"), b=pair.name("b")),
                  a=list(a), b=list(b), adjust="both")
