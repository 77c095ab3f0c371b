"""linkcheck as a library: the same judgements as the command line, for notebooks and scripts.

Every function accepts references (``"kazakhstan@phase2"``, ``"eu-ets"``, a path to a YAML file, optionally
``path.yaml@PHASE``) or phases already loaded with :func:`load`, and returns objects whose ``to_dict()`` is the
command line's JSON. Bad input raises :class:`linkcheck.LinkcheckError` (its subclass ``ProfileErrors`` carries the
located errors: file, line, column, path); nothing is printed.

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
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any, Union

from .config import EngineConfig, load_config
from .errors import LinkcheckError
from .model.profile import ResolvedPhase

Phase = Union[str, Path, ResolvedPhase]
Day = Union[dt.date, str, None]
Config = Union[EngineConfig, str, Path, None]

__all__ = ["LinkcheckError", "assess", "diff", "load", "matrix", "rank", "readiness", "report", "timeline"]


def load(reference: str | Path, as_of: Day = None) -> ResolvedPhase:
    """One phase, every fact it inherits resolved, as it stood on `as_of` (default: today, else the latest phase).

    >>> phase = load("kazakhstan@phase2")
    >>> phase.display, phase.get("system.cap_type").value
    ('Kazakhstan ETS phase 2', 'absolute')
    """
    from .loading.library import load_references

    return load_references([str(reference)], _day(as_of))[0]


def assess(a: Phase, b: Phase, *, as_of: Day = None, config: Config = None, direction: str = "two_way",
           what_if: Mapping[str, Any] | None = None) -> Any:
    """Can `a` and `b` link? The verdict, score, findings and open questions, as of `as_of`.

    `direction` is ``two_way``, ``a_accepts_b`` or ``b_accepts_a``. `what_if` changes facts before the
    assessment, as ``--set`` does: ``{"a.offsets.domestic.limit_pct": 10}``; the result says it is a scenario.

    >>> assess("kazakhstan@phase2", "eu-ets@phase3", what_if={"a.offsets.domestic.limit_pct": 10}).what_if
    {'a': {'offsets.domestic.limit_pct': 10}}
    """
    from .engine import assess as run

    day = _day(as_of)
    phases, changed = _with_what_if([a, b], what_if, day)
    result = run(phases[0], phases[1], _config(config), direction, day)
    result.what_if = changed
    return result


def rank(candidate: Phase, partners: Iterable[Phase], *, as_of: Day = None, config: Config = None,
         direction: str = "two_way", what_if: Mapping[str, Any] | None = None) -> Any:
    """The partners best first for `candidate` (the PETER question), with ties and reasons. `what_if` may change
    only the candidate (``a.…`` keys).

    >>> ranking = rank("kazakhstan@phase2", ["eu-ets@phase3", "korea@phase1"])
    >>> [p.assessment.b.ref for p in ranking.partners]
    ['korea@phase1', 'eu-ets@phase3']
    """
    from .ranking import rank as run

    day = _day(as_of)
    phases, changed = _with_what_if([candidate, *partners], what_if, day, only_a=True)
    ranking = run(phases[0], phases[1:], _config(config), direction, as_of=day)
    ranking.what_if = changed.get("a", {})
    for entry in ranking.partners:
        entry.assessment.what_if = changed
    return ranking


def matrix(references: Iterable[Phase] | None = None, *, as_of: Day = None, config: Config = None) -> list[Any]:
    """Every pair assessed once. Without `references`: the phase of every shipped system in force on `as_of`
    (default today), else its latest, all on that one date."""
    from .dates import today
    from .engine import matrix as run
    from .loading.library import load_references, shipped_files

    day = _day(as_of) or today()
    if references is None:
        phases = load_references(sorted(shipped_files()), day, latest_if_none=True)
    else:
        phases = _phases(list(references), day)
    return run(phases, _config(config), day)


def diff(a: Phase, b: Phase, *, as_of: Day = None, linking_only: bool = False) -> list[Any]:
    """What differs between two profiles or phases, fact by fact, with the rules each difference feeds.

    >>> changes = diff("kazakhstan@pilot", "kazakhstan@phase2", linking_only=True)
    >>> any(c.path == "offsets.domestic.limit_pct" for c in changes)
    False
    """
    from .differences import diff_phases, rules_reading

    day = _day(as_of)
    differences = diff_phases(*_phases([a, b], day))
    if linking_only:
        read = rules_reading()
        differences = [d for d in differences if read.get(d.path)]
    return differences


def timeline(system: str | Path, against: str | Path, *, as_of: Day = None, config: Config = None) -> list[Any]:
    """Each phase of `system` against `against` (``PARTNER`` follows the partner phase in force; ``PARTNER@PHASE``
    holds it fixed): which differences opened, closed or became open questions."""
    from .loading.library import locate_reference
    from .timelines import timeline as run

    loaded, phase_id = locate_reference(str(system))
    if phase_id:
        raise LinkcheckError(f"timeline takes a whole system, not one phase: '{system}'")
    partner, partner_phase = locate_reference(str(against))
    return run(loaded, partner, partner_phase, _config(config), _day(as_of))


def readiness(profile: Phase, against: Iterable[Phase] = (), *, as_of: Day = None,
              config: Config = None) -> Any:
    """The pre-launch checklist of a drafting state; with `against`, the partners ranked for it as well (then the
    result has a ``ranking`` attribute)."""
    from .ranking import rank as run_rank
    from .prerequisites import readiness as run

    day = _day(as_of)
    phases = _phases([profile, *against], day)
    result = run(phases[0])
    result.ranking = run_rank(phases[0], phases[1:], _config(config), as_of=day) if len(phases) > 1 else None
    return result


def report(profiles: Iterable[str], path: str | Path, *, kind: str = "pairwise", lang: str = "en",
           brief: bool = False, as_of: Day = None, **document: Any) -> Path:
    """Write a report (PDF, HTML, DOCX, Markdown or JSON by the extension of `path`) as ``linkcheck report`` does.
    `kind` is ``pairwise``, ``ranking`` or ``readiness``; `document` takes the command's other options by name
    (``author=``, ``client=``, ``title=``, ``reference=``, ``draft=``, ``assignments=(...)``, ``direction=``)."""
    from .reports.command import ReportRequest, write_report

    if kind not in ("pairwise", "ranking", "readiness"):
        raise LinkcheckError(f"unknown report kind '{kind}': pairwise, ranking or readiness")
    day = _day(as_of)
    write_report(ReportRequest(profiles=tuple(str(p) for p in profiles), output=Path(path), lang=lang,
                               rank=kind == "ranking", readiness=kind == "readiness", brief=brief,
                               as_of=day.isoformat() if day else None, **document))
    return Path(path)


# --- helpers --------------------------------------------------------------------------------------------------

def _day(value: Day) -> dt.date | None:
    if value is None or isinstance(value, dt.date):
        return value
    from .dates import parse_day

    return parse_day(str(value))


def _config(config: Config) -> EngineConfig:
    if config is None or isinstance(config, EngineConfig):
        return config or EngineConfig()
    return load_config(Path(config))


def _phases(items: list[Phase], day: dt.date | None) -> list[ResolvedPhase]:
    from .loading.library import load_references

    references = [str(item) for item in items if not isinstance(item, ResolvedPhase)]
    loaded = iter(load_references(references, day) if references else [])
    return [item if isinstance(item, ResolvedPhase) else next(loaded) for item in items]


def _with_what_if(items: list[Phase], what_if: Mapping[str, Any] | None, day: dt.date | None,
                  only_a: bool = False) -> tuple[list[ResolvedPhase], dict[str, dict[str, Any]]]:
    from .whatif import apply_assignment, parse_assignment

    phases = _phases(items, day)
    changed: dict[str, dict[str, Any]] = {}
    for key, value in (what_if or {}).items():
        text = f"{key}={_yaml_value(value)}"
        side, path, parsed = parse_assignment(text)
        if only_a and side != "a":
            raise LinkcheckError(f"what_if '{key}': in a ranking only the candidate (a.…) can be changed")
        index = 0 if side == "a" else 1
        phases[index] = apply_assignment(phases[index], path, parsed, text)
        changed.setdefault(side, {})[path] = parsed
    return phases, changed


def _yaml_value(value: Any) -> str:
    """A Python value written as the YAML a `--set` takes."""
    import json

    return value if isinstance(value, str) else json.dumps(value)

