"""Controlled vocabularies shared by profiles, rules, diff and reports. Defined once, here."""

from __future__ import annotations

from enum import Enum
from typing import Literal, get_args


class Status(str, Enum):
    """How settled a fact is. `unknown` is about our knowledge; `undefined` is about the jurisdiction's decisions."""

    defined = "defined"
    under_development = "under_development"
    undefined = "undefined"
    unknown = "unknown"


STATUS_WORDS = frozenset(s.value for s in Status if s is not Status.defined)

DIMENSIONS: tuple[str, ...] = (
    "system",
    "ambition",
    "coverage",
    "allocation",
    "flexibility",
    "cost_containment",
    "offsets",
    "mrv",
    "enforcement",
    "market",
    "linking",
)

DIMENSION_LABELS: dict[str, str] = {
    "system": "Type of system",
    "ambition": "Ambition",
    "coverage": "Coverage",
    "allocation": "Allocation",
    "flexibility": "Banking and borrowing",
    "cost_containment": "Cost containment",
    "offsets": "Offsets",
    "mrv": "MRV and registry",
    "enforcement": "Enforcement",
    "market": "Market oversight",
    "linking": "Linking provisions",
}

Sector = Literal[
    "power",
    "heat",
    "oil_and_gas",
    "coal_mining",
    "refining",
    "iron_and_steel",
    "cement",
    "chemicals",
    "aluminium",
    "pulp_and_paper",
    "other_industry",
    "aviation",
    "maritime",
    "buildings",
    "transport_fuels",
    "waste",
    "agriculture",
    "forestry",
]
SECTORS: tuple[str, ...] = get_args(Sector)

# The Kyoto basket plus NF3 (added for the Doha amendment period).
Gas = Literal["CO2", "CH4", "N2O", "HFCs", "PFCs", "SF6", "NF3"]
GASES: tuple[str, ...] = get_args(Gas)

DomesticOffsetType = Literal[
    "forestry",
    "urban_forestry",
    "agriculture",
    "livestock_methane",
    "landfill_methane",
    "coal_mine_methane",
    "ozone_depleting_substances",
    "rice_cultivation",
    "renewable_energy",
    "energy_efficiency",
    "industrial_gases",
    "fuel_switching",
    "transport",
    "waste",
    "other",
]
InternationalUnitType = Literal["cdm_cer", "ji_eru", "article6_itmo", "other"]

CapType = Literal["absolute", "intensity", "baseline_and_credit", "none"]
Participation = Literal["mandatory", "voluntary"]
Governance = Literal["national", "subnational", "regional", "supranational"]
SystemStatus = Literal["draft", "planned", "pilot", "operating", "suspended", "ended"]
CapSetting = Literal["top_down", "bottom_up", "hybrid"]
Level = Literal["installation", "entity", "upstream"]
EmissionScope = Literal["direct", "indirect"]
AllocationMethod = Literal["grandfathering", "benchmarking", "output_based", "auctioning"]
LeakageProtection = Literal[
    "free_allocation",
    "output_based_allocation",
    "indirect_cost_compensation",
    "border_adjustment",
    "none",
]
Banking = Literal["unrestricted", "restricted", "none"]
Borrowing = Literal["none", "within_compliance_period", "limited", "unrestricted"]
FloorKind = Literal["auction_reserve_price", "hard_floor"]
CeilingKind = Literal["hard_ceiling", "fixed_price", "soft_ceiling"]
MonitoringPlan = Literal["approved_by_authority", "required_not_approved", "not_required"]
Verification = Literal["accredited_third_party", "third_party", "authority_reviewed", "self_reported", "none"]
MonitoringMethod = Literal["calculation", "continuous_measurement", "mixed"]
CeilingSupply = Literal["unlimited", "finite"]
CeilingBuyers = Literal["any_participant", "own_compliance_entities"]
ObligationRelief = Literal["none", "partial_surrender", "capped_shortfall"]
ReportingLevel = Literal["installation", "entity"]
Registry = Literal["operational", "none"]
Participants = Literal["compliance_entities_only", "compliance_and_financial", "open"]
SecondaryMarket = Literal["exchange", "otc", "exchange_and_otc", "none"]
LinkDirection = Literal["two_way", "accepts_partner_units", "partner_accepts_ours"]
LinkInstrument = Literal["international_agreement", "administrative_arrangement", "unilateral_recognition"]
UnitsOutsideCap = Literal["none", "limited", "unlimited"]

# Tonnes of CO2e and their multiples; RGGI counts in short tons (2,000 lb), which are not metric tonnes.
QuantityUnit = Literal["tCO2e", "ktCO2e", "MtCO2e", "short_tCO2", "Mshort_tCO2"]
TONNES_PER_UNIT: dict[str, float] = {
    "tCO2e": 1.0,
    "ktCO2e": 1e3,
    "MtCO2e": 1e6,
    "short_tCO2": 0.90718474,
    "Mshort_tCO2": 0.90718474e6,
}
ThresholdUnit = Literal["tCO2e_per_year", "MW_thermal", "MW_electrical"]
PricePer = Literal["tonne", "short_ton"]

# Legal index units in which fines are set; each is converted through a dated table in reference_data/.
IndexUnit = Literal["MCI"]

# Active ISO 4217 currency codes.
ISO_4217: frozenset[str] = frozenset(
    """
    AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BRL BSD BTN BWP BYN BZD
    CAD CDF CHF CLP CNY COP CRC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP GBP GEL GHS GIP GMD
    GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD KYD KZT
    LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MYR MZN NAD NGN NIO NOK NPR
    NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SOS SRD SSP
    STN SVC SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD UYU UZS VES VND VUV WST XAF XCD XOF
    XPF YER ZAR ZMW ZWL
    """.split()
)


# How a phase id reads after a system's short name ("EU ETS2 MRV phase"), for the ids the shipped profiles use
# that are words; `phase2` reads "phase 2" and `period1` "period 1", and other ids (years) are shown as written.
# The reports translate these words through their catalogue.
PHASE_WORDS: dict[str, str] = {
    "draft": "draft", "pilot": "pilot", "first": "first compliance period", "second": "second compliance period",
    "full": "full phase", "framework": "framework", "official": "official phase", "preparation": "preparation",
    "trading": "trading phase", "transition": "transition", "first-trajectory": "first trajectory",
    "quota-period": "quota period", "mrv": "MRV phase", "cpm-2011": "as legislated in 2011",
    "cpm-2012": "as amended in 2012",
}
