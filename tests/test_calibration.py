"""Calibration on documented linking history: links made, refused, conditioned and ended.

Each case names the phases and the date, what happened (with its source), and what linkcheck must say: the
verdict class and the decisive findings. When a rule change breaks a case, find out whether the rule or the case
is wrong; never special-case a system in rule code (the last test checks the rules name none).
The README's table "Calibration on linking history" lists these cases.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from linkcheck.engine import assess
from linkcheck.loading.library import load_references, shipped_files

ROOT = Path(__file__).parent.parent
NOT_BLOCKED = frozenset({"compatible", "adjustments_needed", "undetermined"})
NOT_COMPATIBLE = frozenset({"adjustments_needed", "blocked", "undetermined"})


@dataclass(frozen=True)
class Case:
    name: str
    a: str
    b: str
    as_of: str
    happened: str  # what the record shows, with its source
    verdicts: frozenset[str]
    differences: tuple[tuple[str, str | None], ...] = ()  # (rule, side that must change) that must be found
    absent: tuple[str, ...] = ()  # rules that must not find a difference
    no_blockers: bool = False


CASES = (
    Case("California-Québec link", "california@2013", "quebec@2013", "2014-01-01",
         "Linked on 1 January 2014 after harmonising offsets, floors and reserves (CARB linkage page; ICAP)",
         NOT_BLOCKED, absent=("LK-COST-01", "LK-COST-02", "LK-COST-03", "LK-OFF-02"), no_blockers=True),
    Case("California-Québec with different offset limits", "california@2021", "quebec@2021", "2022-06-30",
         "Still linked with offset limits of 4% and 8% (17 CCR 95854; Q-2 r. 46.1)",
         NOT_BLOCKED, differences=(("LK-OFF-02", "b"),), no_blockers=True),
    Case("California's links in 2018 chain to Ontario and Québec", "california@2013", "eu-ets@phase3", "2018-03-01",
         "Ontario linked with California and Québec from 1 January 2018 and withdrew in June 2018 (ICAP news 501; "
         "Wright 2020)", NOT_COMPATIBLE, differences=(("LK-LNK-01", "a"),)),
    Case("Ontario joins the WCI market", "ontario@2017", "california@2013", "2018-03-01",
         "Ontario's market was linked with California's and Québec's from 1 January 2018, with joint auctions in "
         "February and May 2018 (ICAP news; O. Reg. 144/16)",
         NOT_BLOCKED, absent=("LK-LNK-01", "LK-LNK-03", "LK-COST-02", "LK-OFF-01"), no_blockers=True),
    Case("EU-Switzerland link", "eu-ets@phase3", "switzerland@2020", "2020-01-01",
         "Linked on 1 January 2020 under the agreement of 23 November 2017 (OJ L 322, 7.12.2017)",
         NOT_BLOCKED, absent=("LK-COV-03", "LK-SYS-01", "LK-SYS-02"), no_blockers=True),
    Case("Switzerland before aviation", "switzerland@2013", "eu-ets@phase3", "2016-06-30",
         "The EU made aviation an essential criterion (agreement Annex I); Switzerland added it from 2020",
         NOT_COMPATIBLE, differences=(("LK-COV-03", "a"),)),
    Case("Australia's legislated floor", "australia@cpm-2011", "eu-ets@phase3", "2012-06-30",
         "The EU-Australia announcement of 28 August 2012 had Australia drop its planned price floor",
         frozenset({"blocked"}), differences=(("LK-COST-02", "both"),)),
    Case("Australia after dropping the floor", "australia@cpm-2012", "eu-ets@phase3", "2012-12-31",
         "Floor dropped as announced on 28 August 2012, with a full two-way link planned for 2018",
         NOT_COMPATIBLE, absent=("LK-COST-02",)),
    Case("Kazakhstan and the PETER question", "kazakhstan@phase2", "eu-ets@phase3", "2015-06-30",
         "No link; PETER judged the Kazakh ETS not market-ready (Gulbrandsen et al. 2017)",
         frozenset({"blocked"}), differences=(("LK-OFF-01", "a"), ("LK-MRV-03", "a"))),
    Case("Kazakhstan's current phase", "kazakhstan@phase4", "eu-ets@phase4", "2024-06-30",
         "No link; domestic offsets remain without a quantitative limit (Environmental Code 2021)",
         frozenset({"blocked"}), differences=(("LK-OFF-01", "a"),)),
    Case("RGGI and California", "rggi@2014", "california@2013", "2014-06-30",
         "Studied, never linked; Burtraw et al. (2013) found price and cost containment the remaining obstacle",
         NOT_COMPATIBLE, differences=(("LK-COST-03", "both"),), no_blockers=True),
    Case("New Zealand's fixed price option", "new-zealand@2015", "eu-ets@phase3", "2015-06-30",
         "No link; the NZD 25 fixed price option capped New Zealand's price until 2020 (MfE)",
         frozenset({"blocked"}), differences=(("LK-COST-01", "a"),)),
    Case("Korea's first phase", "korea@phase1", "eu-ets@phase3", "2016-06-30",
         "No link; verification by designated, not accredited, bodies and a market stabilisation reserve",
         NOT_COMPATIBLE, differences=(("LK-MRV-01", "a"), ("LK-COST-03", "a"))),
    Case("China's intensity-based system", "china@2021", "eu-ets@phase4", "2024-06-30",
         "The EU links only with absolute caps (Directive 2003/87/EC Art. 25(1a)); China's cap is intensity-based",
         frozenset({"blocked"}), differences=(("LK-SYS-01", "a"),)),
    Case("EU-UK talks", "uk@2021", "eu-ets@phase4", "2025-06-30",
         "The EU-UK summit of 19 May 2025 agreed to work towards linking the two systems",
         NOT_BLOCKED, differences=(("LK-COST-02", "both"),), no_blockers=True),
)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_linking_history(case: Case):
    day = dt.date.fromisoformat(case.as_of)
    result = assess(*load_references([case.a, case.b], day), as_of=day)
    assert result.verdict in case.verdicts, (case.name, result.verdict)
    found = {(f.rule, f.adjust) for f in result.differences}
    for rule, side in case.differences:
        assert any(r == rule and (side is None or a == side) for r, a in found), (case.name, rule, sorted(found))
    for rule in case.absent:
        assert not any(f.rule == rule for f in result.differences), (case.name, rule)
    if case.no_blockers:
        assert not result.blockers, (case.name, [f.rule for f in result.blockers])


def test_the_calibration_set_is_large_enough_and_listed_in_the_readme():
    assert len(CASES) >= 12
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    missing = [c.name for c in CASES if c.name not in readme]
    assert missing == []


def test_no_rule_names_a_system():
    ids = set(shipped_files())
    for path in (ROOT / "linkcheck" / "rules").glob("*.py"):
        code = "\n".join(line for line in path.read_text(encoding="utf-8").splitlines()
                         if not line.lstrip().startswith("#"))
        checks = re.sub(r'"""[\s\S]*?"""', "", code)  # docstrings and rationales may tell history
        checks = re.sub(r'rationale=\([\s\S]*?\),', "", checks)
        named = {i for i in ids if re.search(rf"""["']{re.escape(i)}["']""", checks)}
        assert not named, (path.name, named)
