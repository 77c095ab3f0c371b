"""The shipped profile library: every file valid, complete, traceable to its sources, and accepted by the schema."""

from __future__ import annotations

import copy
import json
import re
from pathlib import Path

import jsonschema
import pytest
import yaml
from click.testing import CliRunner
from linkcheck.model.objects import Record

from linkcheck.commands import main
from linkcheck.loading.library import load_file, missing_facts, shipped_files
from linkcheck.model.facts import Status
from linkcheck.model.profile import ProfileFile

EXPECTED_REFERENCES = [
    "eu-ets@phase3", "eu-ets@phase4",
    "kazakhstan@pilot", "kazakhstan@phase2", "kazakhstan@phase3", "kazakhstan@phase4",
    "rggi@2014", "rggi@2021",
    "california@2013", "california@2021",
    "quebec@2013", "quebec@2021",
    "korea@phase1", "korea@phase2", "korea@phase3",
    "switzerland@2013", "switzerland@2020",
    "new-zealand@2015", "new-zealand@2021",
    "china@2021",
    "uk@2021",
    "australia@cpm-2011", "australia@cpm-2012",
    "ukraine@draft",
]
SCHEMA_HEADER = "# yaml-language-server: $schema=profile.schema.json"

FILES = shipped_files()
SYSTEM_IDS = sorted(FILES)
PHASE_REFS = [
    (system_id, phase_id)
    for system_id in SYSTEM_IDS
    for phase_id in load_file(FILES[system_id]).profile.phases
]
PHASE_IDS = [f"{s}@{p}" for s, p in PHASE_REFS]


def run_cli(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def cited_keys(model: object) -> set[str]:
    """Every source key named in a `sources` list anywhere below a phase (facts and sections)."""
    keys: set[str] = set()
    if isinstance(model, Record):
        sources = getattr(model, "sources", None)
        if isinstance(sources, tuple):
            keys.update(sources)
        for name in type(model).model_fields:
            keys |= cited_keys(getattr(model, name))
    elif isinstance(model, (tuple, list)):
        for item in model:
            keys |= cited_keys(item)
    return keys


def plain_data(path: Path) -> dict:
    """The file as JSON data, the way an editor's schema check sees it: dates become strings."""
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return json.loads(json.dumps(data, default=str))


@pytest.fixture(scope="module")
def profile_schema() -> dict:
    result = run_cli("schema")
    assert result.exit_code == 0, result.output
    schema = json.loads(result.output)
    assert schema == json.loads(json.dumps(ProfileFile.model_json_schema()))
    return schema


# --- the library as a whole -------------------------------------------------------------------------------


def test_the_expected_systems_are_shipped():
    expected_systems = {ref.split("@")[0] for ref in EXPECTED_REFERENCES}
    assert expected_systems <= set(FILES)


def test_list_shows_every_expected_reference():
    result = run_cli("list", "--format", "json")
    assert result.exit_code == 0, result.output
    listed = {row["ref"] for row in json.loads(result.output)}
    missing = [ref for ref in EXPECTED_REFERENCES if ref not in listed]
    assert not missing, f"not listed: {missing}"
    text = run_cli("list")
    assert text.exit_code == 0
    for ref in EXPECTED_REFERENCES:
        assert ref in text.output


def test_validate_reports_every_file_ok_with_nothing_unstated():
    paths = [str(FILES[s]) for s in SYSTEM_IDS]
    result = run_cli("validate", "--format", "json", *paths)
    assert result.exit_code == 0, result.output
    for entry in json.loads(result.output):
        assert entry["valid"], entry
        assert not entry["not_stated"], f"{entry['profile']}: fields not stated: {entry['not_stated']}"
    text = run_cli("validate", *paths)
    assert text.exit_code == 0
    assert "not stated" not in text.output


# --- per file ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize("system_id", SYSTEM_IDS)
def test_file_validates_and_starts_with_the_schema_header(system_id):
    path = FILES[system_id]
    loaded = load_file(path)
    assert loaded.profile.id == system_id
    assert path.read_text(encoding="utf-8").splitlines()[0] == SCHEMA_HEADER


@pytest.mark.parametrize("system_id", SYSTEM_IDS)
def test_phases_are_in_time_order_and_do_not_overlap(system_id):
    phases = load_file(FILES[system_id]).profile.phases
    previous = None  # (phase id, end) of the last phase that is not an alternative design
    for phase_id, phase in phases.items():
        period = phase.period
        assert period.end is None or period.end >= period.start, f"{phase_id} ends before it starts"
        if phase.revises is not None:
            assert phase.revises in phases, f"{phase_id} revises unknown phase {phase.revises}"
            assert list(phases).index(phase.revises) < list(phases).index(phase_id)
            continue
        if previous is not None:
            previous_id, previous_end = previous
            assert previous_end is not None, f"{previous_id} is open-ended but {phase_id} follows it"
            assert period.start > previous_end, f"{phase_id} ({period}) overlaps or precedes {previous_id}"
        previous = (phase_id, period.end)


@pytest.mark.parametrize("system_id", SYSTEM_IDS)
def test_every_cited_source_exists_and_every_listed_source_is_cited(system_id):
    profile = load_file(FILES[system_id]).profile
    cited = set()
    for phase in profile.phases.values():
        cited |= cited_keys(phase)
    undefined = cited - set(profile.sources)
    assert not undefined, f"cited but not defined in `sources`: {sorted(undefined)}"
    uncited = set(profile.sources) - cited
    assert not uncited, f"listed in `sources` but never cited: {sorted(uncited)}"


@pytest.mark.parametrize("system_id", SYSTEM_IDS)
def test_schema_accepts_the_file(system_id, profile_schema):
    jsonschema.validate(plain_data(FILES[system_id]), profile_schema)


# --- per resolved phase -----------------------------------------------------------------------------------


@pytest.mark.parametrize(("system_id", "phase_id"), PHASE_REFS, ids=PHASE_IDS)
def test_no_field_is_absent(system_id, phase_id):
    phase = load_file(FILES[system_id]).resolve(phase_id)
    absent = missing_facts(phase)
    assert absent == [], f"fields not stated: {absent}"


@pytest.mark.parametrize(("system_id", "phase_id"), PHASE_REFS, ids=PHASE_IDS)
def test_every_defined_fact_has_a_source_and_every_gap_a_note(system_id, phase_id):
    phase = load_file(FILES[system_id]).resolve(phase_id)
    unsourced, unexplained, dangling = [], [], []
    for path, fact in phase.facts():
        dotted = ".".join(path)
        if fact.status is Status.defined and not fact.sources:
            unsourced.append(dotted)
        if fact.status in (Status.unknown, Status.undefined) and not (fact.note and fact.note.strip()):
            unexplained.append(dotted)
        dangling += [f"{dotted}: {key}" for key in fact.sources if key not in phase.sources]
    assert not unsourced, f"defined facts without a source: {unsourced}"
    assert not unexplained, f"unknown/undefined facts without a note: {unexplained}"
    assert not dangling, f"facts citing undefined sources: {dangling}"


@pytest.mark.parametrize(("system_id", "phase_id"), PHASE_REFS, ids=PHASE_IDS)
def test_show_json_includes_the_sources_it_cites(system_id, phase_id):
    result = run_cli("show", f"{system_id}@{phase_id}", "--format", "json")
    assert result.exit_code == 0, result.output
    shown = json.loads(result.output)
    assert shown["ref"] == f"{system_id}@{phase_id}"
    cited = {key for dim in shown["dimensions"].values() for fact in dim.values() for key in fact["sources"]}
    assert cited, "a resolved phase should cite at least one source"
    assert cited <= set(shown["sources"]), f"cited but not included: {sorted(cited - set(shown['sources']))}"
    for key in cited:
        assert shown["sources"][key]["citation"]


# --- the schema rejects broken files ----------------------------------------------------------------------


def _broken_copies(data: dict) -> dict[str, dict]:
    first = next(iter(data["phases"]))
    copies: dict[str, dict] = {}

    no_name = copy.deepcopy(data)
    del no_name["name"]
    copies["missing name"] = no_name

    bad_word = copy.deepcopy(data)
    bad_word["phases"][first]["system"]["participation"] = "sometimes"
    copies["participation outside the vocabulary"] = bad_word

    typo = copy.deepcopy(data)
    typo["phases"][first]["enforcement"]["penalty_multiple"] = 3
    copies["unknown key"] = typo

    bad_period = copy.deepcopy(data)
    bad_period["phases"][first]["period"] = {"start": "twenty-thirteen"}
    copies["non-numeric period"] = bad_period
    return copies


@pytest.mark.parametrize("case", list(_broken_copies(plain_data(FILES["eu-ets"]))))
def test_schema_rejects_a_broken_copy(case, profile_schema):
    broken = _broken_copies(plain_data(FILES["eu-ets"]))[case]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(broken, profile_schema)


REPO = Path(__file__).parent.parent

# Phrases that describe how a fact was researched rather than what its source says. Notes and
# citations are printed in reports to ministries, where "not in the stored copies" means nothing.
RESEARCH_PROCESS = re.compile(
    r"stored cop(y|ies)|in the stored|this session|search tool|file id \d|retriev|consulted"
    r"|not looked up|we (did|could) not|we (searched|found|checked)|(was|were) not checked|by us\b"
    r"|\bstored\b|excerpt|\bwe (chose|use|prefer|take)\b|from memory|\bnot found\b|was cut off|read only up to|cited cop(y|ies)|breaks off",
    re.IGNORECASE,
)


@pytest.mark.parametrize(
    "path",
    sorted((REPO / "system_profiles").glob("*.yaml")) + sorted((REPO / "reference_data").glob("*.yaml")),
    ids=lambda p: p.name,
)
def test_shipped_text_states_facts_not_how_they_were_researched(path: Path):
    lines = path.read_text(encoding="utf-8").splitlines()
    offending = [f"{path.name}:{n}: {line.strip()[:120]}" for n, line in enumerate(lines, 1) if RESEARCH_PROCESS.search(line)]
    assert not offending, "\n".join(offending)
