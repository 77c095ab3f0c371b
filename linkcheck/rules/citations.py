"""The literature and legal texts the rules cite, written once."""

TUERK_2009 = (
    "Tuerk, Mehling, Flachsland & Sterk (2009), 'Linking carbon markets: concepts, case studies and pathways', "
    "Climate Policy 9(4)"
)
EU_ART_25 = (
    "Directive 2003/87/EC, Article 25(1a): links with 'compatible mandatory emissions trading systems with "
    "absolute emission caps'"
)
EU_CH_ANNEX_I = (
    "Agreement between the EU and the Swiss Confederation on the linking of their greenhouse gas emissions "
    "trading systems (OJ L 322, 7.12.2017), Annex I 'Essential criteria', as amended by Joint Committee "
    "Decisions No 2/2019 and No 1/2023 (OJ L, 2024/301)"
)
CH_CO2_ORDINANCE_48 = (
    "Swiss CO2 Ordinance of 30 November 2012 (SR 641.711), Article 48(1bis): auction volumes halved when the "
    "quantity in circulation exceeds half of the previous year's cap"
)
PMR_2021 = (
    "ICAP & PMR (2021), Emissions Trading in Practice: a Handbook on Design and Implementation, 2nd ed., "
    "Step 9 'Consider linking'"
)
BURTRAW_2013 = "Burtraw, Palmer, Munnings, Weber & Woerman (2013), 'Linking by Degrees', RFF Discussion Paper 13-04"
ICAP_GUIDE_2018 = "ICAP (2018), A Guide to Linking Emissions Trading Systems"
MEHLING_HAITES_2009 = (
    "Mehling & Haites (2009), 'Mechanisms for linking emissions trading schemes', Climate Policy 9(2)"
)
GSW_2017 = (
    "Gulbrandsen, Sammut & Wettestad (2017), 'Emissions trading and policy diffusion: complex EU ETS emulation "
    "in Kazakhstan', Global Environmental Politics 17(1)"
)
EU_UK_2025 = (
    "European Commission and United Kingdom (2025), Common Understanding, EU-UK Summit of 19 May 2025: work towards "
    "linking the UK ETS and the EU ETS, with goods benefiting from mutual exemptions from the respective CBAMs"
)
US_V_CALIFORNIA = (
    "United States v. California, No. 2:19-cv-02142 (E.D. Cal.), decisions of 2020 upholding California's linkage "
    "agreement with Québec against claims under the Treaty and Compact Clauses and the foreign affairs doctrine"
)
EU_CH_ART_3 = (
    "Agreement between the EU and the Swiss Confederation on the linking of their greenhouse gas emissions trading "
    "systems (OJ L 322, 7.12.2017), Article 3(2) and Annex II: a direct link between the EU Transaction Log and the "
    "Swiss Supplementary Transaction Log"
)
CBAM_2023 = (
    "Regulation (EU) 2023/956 establishing a carbon border adjustment mechanism, Article 2 and Annex III: goods "
    "originating in countries whose ETS is linked to the EU ETS are outside its scope"
)
EU_AUSTRALIA_2012 = (
    "European Commission and Australian Government (28 August 2012), joint announcement: a pathway to a full "
    "two-way link between the EU ETS and the Australian carbon pricing mechanism by 1 July 2018, with Australia "
    "dropping its planned price floor"
)
EU_MAR_2014 = (
    "Regulation (EU) No 596/2014 on market abuse (Market Abuse Regulation), Articles 2 and 3: emission allowances "
    "are financial instruments, and insider dealing and market manipulation in them are prohibited"
)
WCI_AUCTION_LIMITS = (
    "California Code of Regulations, title 17, section 95911(c)(3), and Québec's Regulation respecting a cap-and-trade "
    "system, section 51: auction purchase limits applied to every bidder in the joint auctions"
)
ONTARIO_EXIT_2018 = (
    "Cap and Trade Cancellation Act, 2018 (S.O. 2018, c. 13) and O. Reg. 386/18: Ontario revoked its cap-and-trade "
    "regulation on 3 July 2018 and left the joint market with California and Québec"
)
PARIS_ART_6_2 = (
    "Paris Agreement, Article 6.2, and Decision 2/CMA.3 (2021), Annex, guidance on cooperative approaches: "
    "corresponding adjustments for internationally transferred mitigation outcomes"
)
