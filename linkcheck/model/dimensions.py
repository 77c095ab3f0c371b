"""One section per linking dimension. Field titles and descriptions feed the schema, docs, diff and `new`."""

from __future__ import annotations

from functools import lru_cache
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from . import objects, vocab
from .facts import Fact
from .values import (
    AnnualReduction,
    ContainmentReserve,
    Count,
    EmissionsContainmentReserve,
    Flag,
    LegalInstrument,
    LimitPercent,
    Link,
    MethodShare,
    Money,
    Number,
    PartyCode,
    Percent,
    PriceCeiling,
    PriceFloor,
    Quantity,
    Threshold,
)

NONE = Literal["none"]


def fact(title: str, description: str):
    """A profile field: optional in a phase (phases inherit), titled for humans, described for the schema."""
    return Field(default=None, title=title, description=description)


class Section(objects.Section, BaseModel):
    """A dimension section. Its `sources` apply to every fact in it that names none of its own."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    sources: tuple[str, ...] = Field(
        default=(), title="Sources", description="Default source keys for every fact in this section."
    )
    note: str | None = Field(default=None, title="Note", description="A note on the section as a whole.")


class SystemSection(Section):
    cap_type: Fact[vocab.CapType] = fact(
        "Cap type", "absolute, intensity, baseline_and_credit, or none for a fixed-price or tax-like period."
    )
    participation: Fact[vocab.Participation] = fact("Participation", "mandatory or voluntary.")
    governance: Fact[vocab.Governance] = fact(
        "Governance level", "national, subnational, regional (several jurisdictions) or supranational."
    )
    legal_basis: Fact[tuple[LegalInstrument, ...]] = fact(
        "Legal basis", "The instruments that establish the system: title, date, reference."
    )
    status: Fact[vocab.SystemStatus] = fact(
        "Status", "draft, planned, pilot, operating, suspended or ended, for this phase."
    )
    compliance_period_years: Fact[Number] = fact(
        "Compliance period (years)", "Length of one compliance period, in years."
    )


class AmbitionSection(Section):
    cap: Fact[Quantity | NONE] = fact("Cap", "The cap level, with unit and year; none where there is no cap.")
    annual_reduction: Fact[AnnualReduction | NONE] = fact(
        "Annual cap reduction",
        "Yearly decline of the cap: `pct` of a stated basis, or an `amount` with `unit`; none where there is no cap."
    )
    cap_setting: Fact[vocab.CapSetting] = fact(
        "Cap setting", "top_down (from a target), bottom_up (sum of installations' needs) or hybrid."
    )
    target: Fact[str] = fact("Reference or target", "The target the cap serves: an NDC, a base year.")
    verified_emissions: Fact[Quantity] = fact(
        "Verified emissions", "Verified emissions of covered sources, with year: with the cap, a sign of over-allocation."
    )
    ex_post_increases: Fact[Flag] = fact(
        "Ex-post cap increases", "Whether the cap or allocation was raised after the plan was set."
    )


class CoverageSection(Section):
    sectors: Fact[tuple[vocab.Sector, ...]] = fact("Sectors", "Covered sectors, from the sector vocabulary.")
    gases: Fact[tuple[vocab.Gas, ...]] = fact("Gases", "Covered gases: CO2, CH4, N2O, HFCs, PFCs, SF6, NF3.")
    threshold: Fact[Threshold] = fact(
        "Inclusion threshold", "Value with unit: tCO2e_per_year, MW_thermal (rated thermal input) or MW_electrical (generating capacity)."
    )
    threshold_level: Fact[vocab.Level] = fact(
        "Threshold level", "What the threshold applies to: installation, entity (company) or upstream."
    )
    obligation_level: Fact[vocab.Level] = fact(
        "Point of obligation", "Who must surrender: installation, entity (company) or upstream."
    )
    scope: Fact[tuple[vocab.EmissionScope, ...]] = fact(
        "Emissions scope", "direct and/or indirect (electricity consumption) emissions."
    )
    share_of_emissions_pct: Fact[Percent] = fact(
        "Share of emissions (%)", "Share of the jurisdiction's GHG emissions that the system covers."
    )
    covered_entities: Fact[Count] = fact("Covered entities", "Number of covered entities or installations.")


class AllocationSection(Section):
    methods: Fact[tuple[MethodShare, ...]] = fact(
        "Allocation methods", "grandfathering, benchmarking, output_based, auctioning, each with its share_pct."
    )
    auction_share_pct: Fact[Percent] = fact("Auction share (%)", "Share of allowances auctioned.")
    leakage_protection: Fact[tuple[vocab.LeakageProtection, ...]] = fact(
        "Leakage protection", "free_allocation, output_based_allocation, indirect_cost_compensation, border_adjustment, none."
    )


class FlexibilitySection(Section):
    banking: Fact[vocab.Banking] = fact(
        "Banking", "unrestricted, restricted (say how in the note) or none."
    )
    borrowing: Fact[vocab.Borrowing] = fact(
        "Borrowing", "none, within_compliance_period, limited (say how much) or unrestricted."
    )
    borrowing_limit_pct: Fact[Percent] = fact(
        "Borrowing limit (%)", "For limited borrowing: the share of the obligation that may be borrowed."
    )
    banking_across_phases: Fact[Flag] = fact(
        "Banking into the next phase", "Whether allowances banked in this phase stay valid in the next one."
    )


class CostContainmentSection(Section):
    price_floor: Fact[PriceFloor | NONE] = fact(
        "Price floor", "Floor or auction reserve price: amount, currency, price year, escalation; or none."
    )
    price_ceiling: Fact[PriceCeiling | NONE] = fact(
        "Price ceiling", "Hard ceiling or fixed-price option: amount, currency, price year; or none."
    )
    containment_reserve: Fact[ContainmentReserve | NONE] = fact(
        "Cost-containment reserve", "CCR or APCR: trigger prices and size; or none."
    )
    emissions_containment_reserve: Fact[EmissionsContainmentReserve | NONE] = fact(
        "Emissions containment reserve", "ECR: trigger price and share withheld; or none."
    )
    market_stability_reserve: Fact[Flag] = fact(
        "Market stability reserve", "Whether a quantity-based supply adjustment (like the EU MSR) exists."
    )


class OffsetChannel(objects.Record, BaseModel):
    """One channel of offset credits: domestic offsets, or international units."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    allowed: Fact[Flag] = fact("Allowed", "Whether credits from this channel count for compliance.")
    limit_pct: Fact[LimitPercent] = fact(
        "Quantitative limit (%)", "Limit as % of the compliance obligation, or no_limit (which differs from unknown)."
    )
    eligible_types: Fact[tuple[str, ...]] = fact(
        "Eligible types", "Eligible project types or unit types, from the offset vocabularies."
    )
    exclusions: Fact[str] = fact("Exclusions", "Who or what may not use them (for example covered installations).")


class DomesticOffsets(OffsetChannel):
    eligible_types: Fact[tuple[vocab.DomesticOffsetType, ...]] = fact(
        "Eligible project types", "Domestic project types eligible for compliance."
    )


class InternationalUnits(OffsetChannel):
    eligible_types: Fact[tuple[vocab.InternationalUnitType, ...]] = fact(
        "Eligible unit types", "cdm_cer, ji_eru, article6_itmo or other."
    )


class OffsetsSection(Section):
    domestic: DomesticOffsets = Field(default=None, title="Domestic offsets", description="Domestic offset credits.")
    international: InternationalUnits = Field(
        default=None, title="International units", description="International credits: CDM, JI or Article 6."
    )
    double_counting_safeguard: Fact[Flag] = fact(
        "Double-counting safeguard", "Whether credits claimed here cannot be claimed elsewhere (corresponding adjustments)."
    )
    units_outside_cap: Fact[vocab.UnitsOutsideCap] = fact(
        "Units issued outside the cap", "Units issued on top of the cap that count for compliance like allowances, "
        "such as New Zealand's units for forest removals: none, limited (a set quantity) or unlimited. Offsets and "
        "units sold at a price ceiling are stated under their own fields."
    )


class MrvSection(Section):
    monitoring_plan: Fact[vocab.MonitoringPlan] = fact(
        "Monitoring plan", "approved_by_authority, required_not_approved or not_required."
    )
    verification: Fact[vocab.Verification] = fact(
        "Verification", "accredited_third_party, third_party (accreditation not established), authority_reviewed (the authority checks every report), self_reported or none."
    )
    monitoring_method: Fact[vocab.MonitoringMethod] = fact(
        "Monitoring method", "calculation (activity data and emission factors), continuous_measurement (certified "
        "continuous emissions monitoring) or mixed."
    )
    authority_audit: Fact[Flag] = fact(
        "Authority audit of reported data", "Whether the authority checks reported emissions itself: electronic "
        "screening, desk reviews or site audits."
    )
    tiers_uncertainty: Fact[Flag] = fact(
        "Tiers and uncertainty", "Whether monitoring uses tiers with an uncertainty assessment."
    )
    reporting_level: Fact[vocab.ReportingLevel] = fact("Reporting level", "installation or entity.")
    reporting_deadline: Fact[str] = fact("Reporting deadline", "When the annual report is due.")
    registry: Fact[vocab.Registry] = fact(
        "Registry", "operational or none; a registry being built has status under_development."
    )
    registry_connected_to: Fact[tuple[str, ...]] = fact(
        "Registry connected to", "Systems (by id) whose registries are directly connected to this one for "
        "transfers, e.g. [switzerland] for the EU from 2020; [] for none."
    )


class EnforcementSection(Section):
    penalty: Fact[Money | NONE] = fact(
        "Penalty per excess tonne", "Amount with currency, or in an index unit such as MCI, with its year; or none."
    )
    penalty_price_multiple: Fact[Number | NONE] = fact(
        "Penalty as multiple of price",
        "For a penalty set relative to the market price (e.g. 3 for three times the average price); else none.",
    )
    excess_surrender_ratio: Fact[Number | NONE] = fact(
        "Surrender per missing tonne",
        "Allowances to surrender per missing tonne when the sanction is in kind (RGGI 3, California 4); else none.",
    )
    obligation_relief: Fact[vocab.ObligationRelief] = fact(
        "Obligation relief", "none (units for all covered emissions), partial_surrender (fewer units than tonnes, "
        "such as one for two) or capped_shortfall (the obligation is capped, as China's allocation plus 20%)."
    )
    make_good: Fact[Flag] = fact(
        "Make-good obligation", "Whether missing allowances must still be surrendered on top of the penalty."
    )
    other_sanctions: Fact[tuple[str, ...]] = fact("Other sanctions", "Other sanctions, such as naming.")
    enforcing_body: Fact[str] = fact("Enforcing body", "The authority that enforces compliance.")


class MarketSection(Section):
    participants: Fact[vocab.Participants] = fact(
        "Who may trade", "compliance_entities_only, compliance_and_financial or open."
    )
    secondary_market: Fact[vocab.SecondaryMarket] = fact(
        "Secondary market", "exchange, otc, exchange_and_otc or none."
    )
    financial_oversight: Fact[Flag] = fact(
        "Financial oversight", "Whether allowances or their derivatives fall under financial-market regulation."
    )
    oversight_body: Fact[str] = fact("Oversight body", "Who supervises the carbon market.")
    holding_limit: Fact[Flag] = fact(
        "Holding limit", "Whether one entity may hold no more than a set number of allowances."
    )
    discretionary_intervention: Fact[Flag] = fact(
        "Discretionary market intervention", "Whether the authority holds a standing power to intervene in the market "
        "at its discretion, beyond rule-based reserves."
    )
    auction_purchase_limit: Fact[Flag] = fact(
        "Auction purchase limit", "Whether one bidder may buy no more than a set share of the allowances offered "
        "in an auction."
    )
    market_abuse_rules: Fact[Flag] = fact(
        "Market-abuse rules", "Whether rules against insider dealing and market manipulation apply to trading in "
        "allowances, as the EU's Market Abuse Regulation does."
    )
    supervisory_cooperation: Fact[Flag] = fact(
        "Supervisory data sharing", "Whether the market supervisor may share trading and holdings data with a "
        "foreign supervisor (by law or a memorandum of understanding)."
    )
    auction_design: Fact[str] = fact("Auction design", "Format and frequency of auctions.")


class LinkingSection(Section):
    existing_links: Fact[tuple[Link, ...]] = fact(
        "Existing links", "Links in force: partner system id, since, direction."
    )
    legal_provision: Fact[Flag] = fact(
        "Legal provision for linking", "Whether the law provides for linking with other systems."
    )
    foreign_units: Fact[tuple[str, ...]] = fact(
        "Foreign units recognised", "Foreign allowances recognised for compliance (for example EUA, CHU)."
    )
    link_instrument: Fact[vocab.LinkInstrument] = fact(
        "Instrument a link needs", "What the law requires or allows to make a link: international_agreement "
        "(binding between governments, as the EU's Article 25 requires), administrative_arrangement (a "
        "non-binding arrangement between executives, as California's with Québec) or unilateral_recognition "
        "(foreign units recognised by the system's own rules)."
    )
    suspension_and_exit: Fact[Flag] = fact(
        "Rules for suspending or ending a link", "Whether the law or a linking agreement in force says how a link "
        "is suspended or ended and what happens to units already transferred."
    )
    ndc_party: Fact[NONE | PartyCode] = fact(
        "Paris Agreement party", "The Party to the Paris Agreement whose nationally determined contribution counts "
        "the covered emissions, by ISO code (EU for the Union, CH, CA, ...); none outside the Agreement."
    )
    corresponding_adjustments: Fact[Flag] = fact(
        "Corresponding adjustments for link flows", "Whether net transfers of allowances across a link are "
        "accounted with corresponding adjustments under Article 6.2 of the Paris Agreement."
    )


SECTION_MODELS: dict[str, type[Section]] = {
    "system": SystemSection,
    "ambition": AmbitionSection,
    "coverage": CoverageSection,
    "allocation": AllocationSection,
    "flexibility": FlexibilitySection,
    "cost_containment": CostContainmentSection,
    "offsets": OffsetsSection,
    "mrv": MrvSection,
    "enforcement": EnforcementSection,
    "market": MarketSection,
    "linking": LinkingSection,
}


def _facts(model: type[BaseModel], prefix: str, parent: str = ""):
    """(path, title prefix, field info, type) of each fact below `model`, in schema order; nested parts (offset
    channels) are walked into, their title leading their facts' titles."""
    for name, info in model.model_fields.items():
        if name in ("sources", "note"):
            continue
        inner = next(a for a in getattr(info.annotation, "__args__", (info.annotation,)) if a is not type(None))
        path = f"{prefix}.{name}"
        if isinstance(inner, type) and issubclass(inner, BaseModel) and not issubclass(inner, Fact):
            yield from _facts(inner, path, f"{info.title}: ")
        else:
            yield path, parent, info, inner


@lru_cache(maxsize=1)
def field_annotations() -> dict[str, object]:
    """Each fact's path below a phase -> its type (a Fact class), for validating a value of it."""
    return {path: inner for dim, section in SECTION_MODELS.items() for path, _, _, inner in _facts(section, dim)}


def field_table() -> list[tuple[str, str, str, str]]:
    """(path, dimension, title, description) of every fact, in schema order: what `field_table.py` must hold."""
    rows = []
    for dim, section in SECTION_MODELS.items():
        for path, parent, info, _ in _facts(section, dim):
            title = info.title or path.rsplit(".", 1)[-1]
            rows.append((path, dim, parent + (title.lower() if parent else title), info.description or ""))
    return rows
