"""linkcheck as a library: the same judgements as the command line, for notebooks and scripts.

Every function accepts references (``"kazakhstan@phase2"``, ``"eu-ets"``, a path to a YAML file, optionally
``path.yaml@PHASE``) or phases already loaded with :func:`load`, and returns objects whose ``to_dict()`` is the
command line's JSON. Bad input raises :class:`linkcheck.LinkcheckError` (its subclass ``ProfileErrors`` carries the
located errors: file, line, column, path); nothing is printed. The command line is a client of this module.

>>> import linkcheck
>>> result = linkcheck.assess("kazakhstan@phase2", "eu-ets@phase3")
>>> result.verdict
'blocked'
>>> [f.rule for f in result.blockers]
['LK-OFF-01']
>>> result.to_dict()["as_of"]
'2015-12-31'
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, Union

from .errors import LinkcheckError
from .model.phases import ResolvedPhase

if TYPE_CHECKING:
    from .config import EngineConfig

Phase = Union[str, Path, ResolvedPhase]
Day = Union[dt.date, str, None]
Config = Union["EngineConfig", str, Path, None]
WhatIf = Union[Mapping[str, Any], Sequence[str], None]

__all__ = ["LinkcheckError", "assess", "catalogue", "coverage", "diff", "load", "load_config", "matrix", "new_profile",
           "rank", "readiness", "report", "rule", "schema", "systems", "timeline", "validate"]

DIRECTIONS = ("two_way", "a_accepts_b", "b_accepts_a")


def load(reference: str | Path, as_of: Day = None) -> ResolvedPhase:
    """One phase, every fact it inherits resolved, as it stood on `as_of` (default: today, else the latest phase).

    >>> phase = load("kazakhstan@phase2")
    >>> phase.display, phase.get("system.cap_type").value
    ('Kazakhstan ETS phase 2', 'absolute')
    """
    from .loading.library import load_references

    return load_references([str(reference)], _day(as_of))[0]


def load_config(path: str | Path | None = None, rates: str | Path | None = None) -> EngineConfig:
    """Rule severities, options, weights and penalties from a YAML file (default: the shipped ones), with a table
    of exchange rates and price indices laid over the shipped reference data (``--config`` and ``--rates``).

    >>> load_config().rules == {}
    True
    """
    from .config import load_config as read

    return read(Path(path) if path is not None else None, Path(rates) if rates is not None else None)


def assess(a: Phase, b: Phase, *, as_of: Day = None, config: Config = None, direction: str = "two_way",
           what_if: WhatIf = None) -> Any:
    """Can `a` and `b` link? The verdict, score, findings and open questions, as of `as_of`.

    `direction` is ``two_way``, ``a_accepts_b`` or ``b_accepts_a``. `what_if` changes facts before the
    assessment, as ``--set`` does, given as a mapping (``{"a.offsets.domestic.limit_pct": 10}``) or as the
    command line's texts (``["a.offsets.domestic.limit_pct=10"]``); the result says it is a scenario.

    >>> assess("kazakhstan@phase2", "eu-ets@phase3", what_if={"a.offsets.domestic.limit_pct": 10}).what_if
    {'a': {'offsets.domestic.limit_pct': 10}}
    """
    from .engine import assess as run
    from .whatif import apply_assignment, parse_assignment

    day = _day(as_of)
    phases = _phases([a, b], day)
    changed: dict[str, dict[str, Any]] = {}
    for text in _assignments(what_if):
        side, path, value = parse_assignment(text)
        index = "ab".index(side)
        phases[index] = apply_assignment(phases[index], path, value, text)
        changed.setdefault(side, {})[path] = value
    result = run(phases[0], phases[1], _config(config), _direction(direction), day)
    result.what_if = changed
    return result


def rank(candidate: Phase, partners: Iterable[Phase], *, as_of: Day = None, config: Config = None,
         direction: str = "two_way", what_if: WhatIf = None) -> Any:
    """The partners best first for `candidate` (the PETER question), with ties and reasons. `what_if` may change
    only the candidate (``a.…`` keys).

    >>> ranking = rank("kazakhstan@phase2", ["eu-ets@phase3", "korea@phase1"])
    >>> [p.assessment.b.ref for p in ranking.partners]
    ['korea@phase1', 'eu-ets@phase3']
    """
    from .ranking import rank as run
    from .whatif import change_candidate

    day = _day(as_of)
    phases = _phases([candidate, *partners], day)
    phases[0], changed = change_candidate(phases[0], tuple(_assignments(what_if)))
    ranking = run(phases[0], phases[1:], _config(config), _direction(direction), as_of=day)
    ranking.what_if = changed
    for entry in ranking.partners:
        entry.assessment.what_if = {"a": changed} if changed else {}
    return ranking


class Matrix(list):
    """The pairs of a matrix, each an assessment; `left_out` names the systems with no phase in force on the day
    asked for. ``to_dict()`` gives one row per pair, as ``linkcheck matrix --format json`` prints."""

    left_out: list[str]

    def to_dict(self) -> list[dict[str, Any]]:
        return [{"a": x.a.ref, "b": x.b.ref, "as_of": x.as_of.isoformat(), "a_as_of": x.a.as_of.isoformat(),
                 "b_as_of": x.b.as_of.isoformat(), "verdict": x.verdict, "score": x.score,
                 "score_floor": x.score_floor, "completeness": x.completeness, **x.counts,
                 **{f"open_{s}": n for s, n in x.open_counts.items()}} for x in self]


def matrix(references: Iterable[Phase] | None = None, *, as_of: Day = None, config: Config = None) -> Matrix:
    """Every pair assessed once.

    Without `references`: the phase of every shipped system in force on `as_of` (default today), else its latest,
    all on that one date; with an explicit `as_of`, systems with no phase in force that day are left out (and
    named in ``left_out``). Named references without `as_of`: each pair on the day :func:`assess` would choose.

    >>> pairs = matrix(["eu-ets@phase4", "uk@2021", "switzerland@2020"], as_of="2024-06-30")
    >>> len(pairs), sorted({p.verdict for p in pairs}) != []
    (3, True)
    """
    from itertools import combinations

    from .dates import today
    from .engine import assess as run_assessment
    from .engine import matrix as run
    from .loading.library import load_references

    day, settings = _day(as_of), _config(config)
    result = Matrix()
    result.left_out = []
    if references is not None and day is None:
        items = list(references)
        _phases(items, None)  # every bad reference reported at once
        result.extend(run_assessment(*_phases([x, y], None), settings) for x, y in combinations(items, 2))
        return result
    on = day or today()
    if references is None:
        kept, result.left_out = _shipped_in_force(day)
        phases = load_references(kept, on, latest_if_none=day is None)
    else:
        phases = _phases(list(references), on)
    result.extend(run(phases, settings, on))
    return result


def _shipped_in_force(day: dt.date | None) -> tuple[list[str], list[str]]:
    from .dates import covers
    from .loading.library import load_file, shipped_files

    files = shipped_files()
    if day is None:
        return list(files), []
    kept = [sid for sid, path in files.items()
            if any(covers(p.period, day) for p in load_file(path, f"system_profiles/{path.name}").profile.phases.values())]
    if len(kept) < 2:
        raise LinkcheckError(f"fewer than two shipped systems have a phase in force on {day.isoformat()}; "
                             "`linkcheck list` shows their years")
    return kept, [sid for sid in files if sid not in kept]


class Diff(list):
    """The differences between two phases, fact by fact; `a` and `b` are the phases compared, as of their days.
    ``to_dict()`` is ``linkcheck diff --format json``."""

    a: ResolvedPhase
    b: ResolvedPhase

    def to_dict(self) -> list[dict[str, Any]]:
        return [d.to_dict() for d in self]


def diff(a: Phase, b: Phase, *, as_of: Day | tuple[Day, Day] = None, linking_only: bool = False,
         ignore: Iterable[str] = ()) -> Diff:
    """What differs between two profiles or phases, fact by fact, with the rules each difference feeds.

    `as_of` is one day for both sides, or a pair (A's day, B's day) to see one phase change over time. `ignore`
    leaves out paths matching glob patterns (``"coverage.*"``, ``"*.note"``). `linking_only` keeps the differences
    a linking rule reads, without sources and notes.

    >>> changes = diff("kazakhstan@pilot", "kazakhstan@phase2", linking_only=True)
    >>> any(c.path == "offsets.domestic.limit_pct" for c in changes), all(c.matters for c in changes)
    (False, True)
    """
    from .differences import diff_phases

    if isinstance(as_of, tuple):
        if len(as_of) != 2:
            raise LinkcheckError("as_of is one day (both sides) or two (A's day, then B's)")
        first, second = (_day(d) for d in as_of)
        phases = [_phases([a], first)[0], _phases([b], second)[0]]
    else:
        phases = _phases([a, b], _day(as_of))
    result = Diff(diff_phases(phases[0], phases[1], list(ignore), linking_only))
    result.a, result.b = phases
    return result


class Timeline(list):
    """Each phase of a system against a partner: the steps, with `system` and `partner` (the files) and `follow`
    (the partner phase in force is followed, rather than one phase held fixed)."""

    def __init__(self, steps: Iterable[Any], system: Any, partner: Any, partner_reference: str,
                 partner_phase: str | None) -> None:
        super().__init__(steps)
        self.system, self.partner, self.partner_reference = system, partner, partner_reference
        self.partner_phase, self.follow = partner_phase, partner_phase is None

    @property
    def partner_label(self) -> str:
        return self.partner.profile.name + ("" if self.follow else f" ({self.partner_phase})")

    def to_dict(self) -> dict[str, Any]:
        return {"system": self.system.profile.id, "partner": self.partner_reference, "follow": self.follow,
                "phases": [s.to_dict() for s in self]}


def timeline(system: str | Path, against: str | Path, *, as_of: Day = None, config: Config = None) -> Timeline:
    """Each phase of `system` against `against` (``PARTNER`` follows the partner phase in force; ``PARTNER@PHASE``
    holds it fixed): which differences opened, closed or became open questions.

    >>> steps = timeline("kazakhstan", "eu-ets")
    >>> [s.phase.ref for s in steps][:2], steps.follow
    (['kazakhstan@pilot', 'kazakhstan@phase2'], True)
    """
    from .loading.library import locate_reference, split_reference
    from .timelines import timeline as run

    loaded, phase_id = locate_reference(str(system))
    if phase_id:
        raise LinkcheckError(f"timeline takes a whole system, not one phase: use '{split_reference(str(system))[0]}'")
    partner, partner_phase = locate_reference(str(against))
    if partner_phase:
        partner.resolve(partner_phase)  # an unknown phase is an error before any work
    steps = run(loaded, partner, partner_phase, _config(config), _day(as_of))
    return Timeline(steps, loaded, partner, str(against), partner_phase)


def readiness(profile: Phase, against: Iterable[Phase] = (), *, as_of: Day = None,
              config: Config = None) -> Any:
    """The pre-launch checklist of a drafting state; with `against`, the partners ranked for it as well (then the
    result's ``ranking`` is set, and ``to_dict()`` carries it).

    >>> checklist = readiness("georgia")
    >>> checklist.ready, checklist.ranking is None
    (False, True)
    """
    from .prerequisites import readiness as run
    from .ranking import rank as run_rank

    day = _day(as_of)
    phases = _phases([profile, *against], day)
    result = run(phases[0])
    result.ranking = run_rank(phases[0], phases[1:], _config(config), as_of=day) if len(phases) > 1 else None
    return result


def report(profiles: Iterable[str], path: str | Path, *, kind: str = "pairwise", lang: str = "en",
           brief: bool = False, as_of: Day = None, **document: Any) -> Path:
    """Write a report (PDF, HTML, Word, Excel, Markdown or JSON by the extension of `path`: .pdf, .html, .docx, .xlsx,
    .md, .json) as ``linkcheck report`` does.
    `kind` is ``pairwise``, ``ranking`` or ``readiness``; `document` takes the command's other options by name
    (``author=``, ``client=``, ``title=``, ``reference=``, ``draft=``, ``assignments=(...)``, ``direction=``,
    ``against=(...)``, ``config_path=``, ``rates_path=``, ``logo=``, ``date=``, ``fmt=``, ``pdf_variant=``)."""
    from .reports.writer import ReportRequest, write_report

    if kind not in ("pairwise", "ranking", "readiness"):
        raise LinkcheckError(f"unknown report kind '{kind}': pairwise, ranking or readiness")
    day = _day(as_of)
    write_report(ReportRequest(profiles=tuple(str(p) for p in profiles), output=Path(path), lang=lang,
                               rank=kind == "ranking", readiness=kind == "readiness", brief=brief,
                               as_of=day.isoformat() if day else None, **document))
    return Path(path)


def validate(reference: str | Path, *, strict: bool = False) -> dict[str, Any]:
    """Check a profile file (or a shipped system) and say what is wrong, located; never raises for a bad profile.

    The result is ``linkcheck validate --format json``'s entry for it: ``valid``, and either ``errors`` or the
    phases, the fields not stated and the number of defined facts citing no source. `strict` refuses those.

    >>> validate("eu-ets")["valid"], validate("no-such-system")["valid"]
    (True, False)
    """
    from .errors import ProfileErrors
    from .loading.library import locate_reference, missing_facts, unsourced_facts

    name = str(reference)
    try:
        loaded, phase_id = locate_reference(name)
        phase_ids = [phase_id] if phase_id else list(loaded.profile.phases)
        absent = {pid: missing_facts(loaded.resolve(pid)) for pid in phase_ids}
        unsourced = unsourced_facts(loaded)
        if strict and unsourced:
            raise ProfileErrors(unsourced)
    except ProfileErrors as exc:
        return {"profile": name, "valid": False, "errors": [e.to_dict() for e in exc.errors],
                "truncated": exc.truncated, "omitted": exc.omitted() if exc.truncated else None}
    except LinkcheckError as exc:
        return {"profile": name, "valid": False, "errors": [{"message": str(exc)}]}
    return {"profile": name, "valid": True, "file": loaded.document.file, "phases": phase_ids,
            "not_stated": {pid: paths for pid, paths in absent.items() if paths}, "unsourced": len(unsourced)}


def systems() -> list[dict[str, Any]]:
    """Every shipped system and phase: reference, name, jurisdiction, phase, start, end and status.

    >>> next(row for row in systems() if row["ref"] == "kazakhstan@pilot")["start"]
    2013
    """
    from .inventory import systems_table

    return systems_table()


def coverage(as_of: Day = None) -> list[dict[str, Any]]:
    """For each shipped phase, its facts per dimension by status, and the day its file was reviewed with its age
    in days on `as_of` (default today)."""
    from .dates import today
    from .inventory import coverage_table

    return coverage_table(_day(as_of) or today())


def catalogue() -> list[Any]:
    """The rule catalogue, each rule with its code, severity, dimension, rationale, citation and remedy
    (``rule.to_dict()`` is ``linkcheck rules --format json``'s entry).

    >>> len(catalogue()) > 40, catalogue()[0].code.startswith("LK-")
    (True, True)
    """
    from .rules import REGISTRY

    return list(REGISTRY.values())


def rule(code: str) -> Any:
    """One rule by its code (any case), or a LinkcheckError that suggests the nearest codes.

    >>> rule("lk-off-01").code
    'LK-OFF-01'
    """
    import difflib

    from .rules import REGISTRY

    found = REGISTRY.get(code.upper())
    if found is None:
        close = difflib.get_close_matches(code.upper(), list(REGISTRY), n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(close)}?" if close else ""
        raise LinkcheckError(f"unknown rule code '{code}'{hint}; `linkcheck rules` lists them")
    return found


def new_profile(jurisdiction: str, *, model: Phase | None = None, filename: str = "profile.yaml",
                as_of: Day = None, system_id: str | None = None, schema: str | None = None) -> str:
    """The text of a starter profile for a state drafting its own ETS: every field `undefined`, or, with `model`
    (a shipped ``SYSTEM@PHASE``), that design's facts copied as ``under_development`` with their sources, for the
    drafting state to decide. `filename` is named in the file's guidance; the text is checked with linkcheck's
    loader before it is returned.

    >>> text = new_profile("Georgia", model="eu-ets@phase4", filename="georgia.yaml")
    >>> 'adopted_from: "eu-ets@phase4"' in text
    True
    """
    from .starter import adopted_profile, starter_profile

    if model is None:
        if as_of is not None:
            raise LinkcheckError("as_of goes with a model: the day the model is copied as it stood")
        return starter_profile(jurisdiction, filename, schema=schema, id_=system_id)
    return adopted_profile(jurisdiction, filename, model if isinstance(model, ResolvedPhase) else str(model),
                           as_of=_day(as_of), schema=schema, id_=system_id)


def schema() -> dict[str, Any]:
    """The JSON Schema of a profile file, for editors and other tools."""
    from .model.profile import ProfileFile

    return ProfileFile.model_json_schema()


# --- helpers --------------------------------------------------------------------------------------------------

def _day(value: Day) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    from .dates import parse_day

    return parse_day(str(value))


def _direction(value: str) -> str:
    direction = value.replace("-", "_")
    if direction not in DIRECTIONS:
        raise LinkcheckError(f"unknown direction '{value}': two_way, a_accepts_b or b_accepts_a")
    return direction


def _config(config: Config) -> EngineConfig:
    from .config import EngineConfig

    if config is None or isinstance(config, EngineConfig):
        return config or EngineConfig()
    return load_config(config)


def _phases(items: list[Phase], day: dt.date | None) -> list[ResolvedPhase]:
    from .loading.library import load_references

    references = [str(item) for item in items if not isinstance(item, ResolvedPhase)]
    loaded = iter(load_references(references, day) if references else [])
    return [item if isinstance(item, ResolvedPhase) else next(loaded) for item in items]


def _assignments(what_if: WhatIf) -> list[str]:
    """What-if changes as the command line's `SIDE.PATH=VALUE` texts; a mapping's values are written as YAML."""
    import json

    if what_if is None:
        return []
    if isinstance(what_if, str):
        return [what_if]
    if isinstance(what_if, Mapping):
        return [f"{key}={value if isinstance(value, str) else json.dumps(value)}" for key, value in what_if.items()]
    return [str(text) for text in what_if]
