"""A drafting state's profile started from a model (`new --from`), and readiness's departures from that model."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from linkcheck.errors import LinkcheckError, ProfileErrors
from linkcheck.formats.markdown import readiness_markdown
from linkcheck.formats.text import readiness_text
from linkcheck.loading.library import load_file, load_reference, missing_facts, shipped_references, unsourced_facts
from linkcheck.loading.model_phase import MODEL_OWN_FACTS, adoptable_fact, load_model_phase
from linkcheck.model.fields import FIELD_SPECS
from linkcheck.model.facts import Status
from linkcheck.model.phases import plain_value
from linkcheck.prerequisites import readiness
from linkcheck.starter import adopted_profile, adopted_source_key
from linkcheck.writing import write_atomic

TODAY = dt.date(2026, 12, 1)
AS_OF = dt.date(2026, 6, 30)
FIXTURES = Path(__file__).parent / "fixtures"
MODELS = ["eu-ets@phase4", "kazakhstan", "montenegro"]


def adopt(tmp_path: Path, model: str, jurisdiction: str = "Georgia") -> Path:
    path = tmp_path / "georgia.yaml"
    write_atomic(path, adopted_profile(jurisdiction, path.name, model, today=TODAY, as_of=AS_OF))
    return path


def adopted_paths(model) -> list[str]:
    return [spec.path for spec in FIELD_SPECS if adoptable_fact(model, spec.path) is not None]


def edit_fact(path: Path, field: str, replacement: str) -> None:
    """Replace the long-form block of `field` (its line and the indented lines below it) by `replacement`."""
    text = path.read_text(encoding="utf-8")
    block = re.compile(rf"^( +){field}:  #[^\n]*\n(?:\1  [^\n]*\n)+", re.MULTILINE)
    edited, count = block.subn(lambda m: f"{m.group(1)}{field}: {replacement}\n", text)
    assert count == 1
    path.write_text(edited, encoding="utf-8")


@pytest.mark.parametrize("reference", MODELS)
def test_an_adopted_profile_validates_and_copies_the_models_facts_with_their_sources(tmp_path, reference):
    model = load_model_phase(reference, AS_OF)
    loaded = load_file(adopt(tmp_path, reference))
    draft = loaded.resolve("draft", AS_OF)
    assert unsourced_facts(loaded) == [] and missing_facts(draft) == []
    assert loaded.profile.adopted_from == model.ref == draft.adopted_from
    adopted = adopted_paths(model)
    assert len(adopted) >= 10
    for spec in FIELD_SPECS:
        fact = draft.get(spec.path)
        if spec.path not in adopted:
            assert fact.status is Status.undefined and fact.value is None, spec.path
            continue
        original = adoptable_fact(model, spec.path)
        assert fact.status is Status.under_development, spec.path
        assert plain_value(fact.value) == plain_value(original.value), spec.path
        assert fact.sources == tuple(adopted_source_key(model, key) for key in original.sources), spec.path
        for key in original.sources:
            assert loaded.profile.sources[adopted_source_key(model, key)] == model.sources[key]
        assert fact.note.startswith(f"Adopted from {model.display} ({model.ref})")
        assert fact.note.endswith("Decide whether to keep it.")
        assert fact.changes == ()


def test_the_models_own_facts_and_unknowns_are_not_copied(tmp_path):
    model = load_model_phase("eu-ets@phase4", AS_OF)
    draft = load_reference(str(adopt(tmp_path, "eu-ets@phase4")), AS_OF)
    assert model.get("linking.existing_links").value and model.get("ambition.cap").value
    for path in MODEL_OWN_FACTS:
        assert draft.get(path).status is Status.undefined, path
    unknown = [path for path, fact in model.facts() if fact.status is Status.unknown]
    assert unknown and all(draft.get(".".join(path)).status is Status.undefined for path in unknown)


def test_every_shipped_phase_can_be_adopted_exactly():
    # adopted_profile reads its text back and refuses it unless every copied value is the model's.
    for reference in shipped_references():
        text = adopted_profile("Georgia", "georgia.yaml", reference, today=TODAY, as_of=AS_OF)
        assert f'adopted_from: "{reference}"' in text


@pytest.mark.parametrize("reference", MODELS)
def test_readiness_of_an_adopted_profile_still_asks_for_every_adopted_fact(tmp_path, reference):
    model = load_model_phase(reference, AS_OF)
    result = readiness(load_reference(str(adopt(tmp_path, reference)), AS_OF))
    adopted = set(adopted_paths(model))
    checks = [c for item in result.items for c in item.checks]
    assert not any(c.state == "ready" for c in checks)
    assert all(c.state == "under_development" for c in checks if c.path in adopted)
    departures = result.departures
    assert departures.model.ref == model.ref
    assert {d.path for d in departures.facts if d.state == "provisional"} == adopted
    assert departures.counts == {"changed": 0, "undefined": 0, "provisional": len(adopted), "kept": 0}


def test_an_edited_value_is_reported_as_a_departure_in_every_format(tmp_path):
    path = adopt(tmp_path, "eu-ets@phase4")
    edit_fact(path, "compliance_period_years", '{value: 3, status: under_development, note: "three-year periods"}')
    edit_fact(path, "penalty", '{value: {amount: 50, currency: EUR, year: 2026}, sources: [law], note: "Art. 9"}')
    edit_fact(path, "banking", "undefined")
    edit_fact(path, "cap_type", '{value: absolute, sources: [law], note: "Art. 2"}')
    text = path.read_text(encoding="utf-8").replace("sources:  #", 'sources:\n  law: {citation: "ETS Law"}  #', 1)
    path.write_text(text, encoding="utf-8")

    result = readiness(load_reference(str(path), AS_OF))
    by_path = {d.path: d for d in result.departures.facts}
    assert (by_path["system.compliance_period_years"].state, by_path["system.compliance_period_years"].decided) == \
        ("changed", False)
    assert (by_path["enforcement.penalty"].state, by_path["enforcement.penalty"].decided) == ("changed", True)
    assert by_path["flexibility.banking"].state == "undefined"
    assert by_path["system.cap_type"].state == "kept"
    counts = result.departures.counts
    assert (counts["changed"], counts["undefined"], counts["kept"]) == (2, 1, 1)

    data = json.loads(json.dumps(result.to_dict()))
    changed = [d for d in data["departures"]["facts"] if d["state"] == "changed"]
    assert data["departures"]["model"] == "eu-ets@phase4"
    assert {d["path"] for d in changed} == {"system.compliance_period_years", "enforcement.penalty"}
    period = next(d for d in changed if d["path"] == "system.compliance_period_years")
    assert (period["model"]["value"], period["profile"]["value"], period["decided"]) == (1.0, 3.0, False)

    text = readiness_text(result)
    assert "Departures from the model (EU ETS phase 4)" in text
    assert "2 changed (1 decided)" in text and "system.compliance_period_years" in text
    assert "system.legal_basis: undefined" in text  # the checklist is still there
    markdown = readiness_markdown(result)
    assert "## Departures from the model (EU ETS phase 4)" in markdown
    assert "| Compliance period (years) (`system.compliance_period_years`) | 1 | 3 (under development) | no |" in markdown


def test_readiness_of_a_profile_without_a_model_has_no_departures():
    result = readiness(load_reference("ukraine@draft", AS_OF))
    assert result.departures is None and result.to_dict()["departures"] is None
    assert "Departures" not in readiness_text(result)


@pytest.mark.parametrize("reference", ["eu-ets@phase9", "no-such-system@phase1", "eu-ets@", "EU ETS",
                                       "system_profiles/eu-ets.yaml", "../eu-ets@phase4", ""])
def test_a_bad_model_reference_is_a_clean_error_and_nothing_is_written(tmp_path, reference):
    with pytest.raises(LinkcheckError, match="the model '") as raised:
        adopt(tmp_path, reference)
    assert reference[:10] in str(raised.value)
    assert list(tmp_path.iterdir()) == []


def test_only_a_shipped_phase_can_be_a_model(tmp_path):
    with pytest.raises(LinkcheckError, match="not a shipped phase"):
        adopted_profile("Georgia", "g.yaml", load_reference(f"{FIXTURES / 'minimal.yaml'}@second", AS_OF), today=TODAY)


def test_a_file_named_like_the_model_is_not_read(tmp_path, monkeypatch):
    # `adopted_from` comes from a file: it names a shipped system by id and is never opened as a path.
    monkeypatch.chdir(tmp_path)
    Path("eu-ets@phase4").write_text("id: impostor\n", encoding="utf-8")
    assert load_model_phase("eu-ets@phase4", AS_OF).origin == "system_profiles/eu-ets.yaml"


def test_readiness_says_plainly_when_the_model_no_longer_resolves(tmp_path):
    path = adopt(tmp_path, "eu-ets@phase4")
    path.write_text(path.read_text(encoding="utf-8").replace('"eu-ets@phase4"', '"eu-ets@phase99"', 1),
                    encoding="utf-8")
    checklist = readiness(load_reference(str(path), AS_OF))  # the checklist still stands; only the comparison goes
    assert checklist.departures is None and checklist.items
    assert "adopted_from 'eu-ets@phase99' no longer names a shipped phase" in checklist.departures_problem
    assert checklist.to_dict()["departures_problem"] == checklist.departures_problem


def test_departures_compare_with_the_model_as_it_was_copied(tmp_path):
    # Copied as the EU ETS stood in mid-2015 (phase 3, before its MSR applied): read later, the untouched copy still
    # departs from nothing, because the model is taken as of `adopted_on`, not the readiness day.
    path = tmp_path / "x.yaml"
    path.write_text(adopted_profile("X", "x.yaml", "eu-ets@phase3", as_of=dt.date(2015, 6, 1), today=TODAY),
                    encoding="utf-8")
    assert "adopted_on: 2015-06-01" in path.read_text(encoding="utf-8")
    later = readiness(load_reference(str(path), dt.date(2026, 6, 30))).departures
    assert later is not None and later.to_dict()["counts"]["changed"] == 0


@pytest.mark.parametrize("written", ["eu-ets", "../eu-ets.yaml@phase4", "eu-ets@phase4/x", "EU-ETS@phase4"])
def test_adopted_from_must_be_system_at_phase(tmp_path, written):
    path = adopt(tmp_path, "eu-ets@phase4")
    path.write_text(path.read_text(encoding="utf-8").replace('"eu-ets@phase4"', json.dumps(written), 1),
                    encoding="utf-8")
    with pytest.raises(ProfileErrors) as raised:
        load_file(path)
    assert [e.path for e in raised.value.errors] == ["adopted_from"]


def test_a_copy_that_would_not_read_back_exactly_is_not_written(tmp_path, monkeypatch):
    import linkcheck.starter as starter

    # Should the serialization ever lose part of a value, the read-back check refuses the text.
    monkeypatch.setattr(starter, "_json", lambda value: json.dumps(value[:1] if isinstance(value, list) else value))
    with pytest.raises(LinkcheckError, match="would not read back"):
        adopt(tmp_path, "eu-ets@phase4")
    assert list(tmp_path.iterdir()) == []
