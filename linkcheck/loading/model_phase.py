"""The model a drafting state starts from (`new --from`, a profile's `adopted_from`): a shipped phase, by id only.

A profile's `adopted_from` is text from a file, so it is looked up among the shipped profiles by system id and is
never read as a path: a file in the working folder that happens to be called `eu-ets@phase4` is not the model.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re

from ..errors import UnknownReference
from ..model.objects import Fact
from ..model.phases import ResolvedPhase
from ..safe_text import printable
from .library import load_file, shipped_files

_MODEL_REFERENCE = re.compile(r"([a-z0-9][a-z0-9._-]*)(?:@([a-z0-9][a-z0-9._-]*))?")
_EXAMPLE = "eu-ets@phase4"


def load_model_phase(reference: str, as_of: dt.date | None = None) -> ResolvedPhase:
    """The shipped phase `SYSTEM@PHASE` (or `SYSTEM`: its phase in force on `as_of`, else its latest), as it stood
    on `as_of` (moved inside the phase's years; default: today, or the phase's nearest day).

    UnknownReference (a LinkcheckError) names what is wrong: not of that form, no such system, no such phase.
    """
    shown = printable(reference[:80]) + ("…" if len(reference) > 80 else "")
    match = _MODEL_REFERENCE.fullmatch(reference)
    if match is None:
        raise UnknownReference(f"the model '{shown}' is not SYSTEM@PHASE (e.g. {_EXAMPLE}): a model is a shipped "
                               "system, by id, so that readiness can find it again; `linkcheck list` shows them")
    system, phase = match.groups()
    files = shipped_files()
    if system not in files:
        close = difflib.get_close_matches(system, list(files), n=3, cutoff=0.5)
        hint = f"; did you mean {' or '.join(repr(c) for c in close)}?" if close else ""
        raise UnknownReference(f"the model '{shown}' names no shipped system{hint}; `linkcheck list` shows them")
    loaded = load_file(files[system], f"system_profiles/{files[system].name}")
    try:
        return loaded.resolve(phase or loaded.phase_for(as_of, latest_if_none=True), as_of)
    except UnknownReference as exc:
        raise UnknownReference(f"the model '{shown}': {exc}") from None


# Facts about the model's own jurisdiction and history, not design choices: a state starting from the EU ETS does
# not adopt the EU's laws, cap level, institutions or link with Switzerland. They stay `undefined` in an adopted
# profile, and readiness does not count them as departures.
MODEL_OWN_FACTS: dict[str, str] = {
    "system.legal_basis": "its own laws",
    "system.status": "the state of its own phase",
    "ambition.cap": "its own cap level",
    "ambition.target": "its own target",
    "ambition.verified_emissions": "its own emissions",
    "ambition.ex_post_increases": "its own history",
    "coverage.share_of_emissions_pct": "a share of its own emissions",
    "coverage.covered_entities": "a count of its own installations",
    "mrv.registry": "whether its own registry operates",
    "mrv.registry_connected_to": "its own registry links",
    "enforcement.enforcing_body": "its own institution",
    "market.oversight_body": "its own institution",
    "linking.existing_links": "its own links",
    "linking.foreign_units": "the units its own links recognise",
    "linking.ndc_party": "its own Paris Agreement party",
}


def adoptable_fact(model: ResolvedPhase, path: str) -> Fact | None:
    """The model's fact at `path` when a drafting state can adopt it: it has a value, and is not the model's own."""
    fact = model.get(path)
    if fact is None or fact.value is None or path in MODEL_OWN_FACTS:
        return None
    return fact
