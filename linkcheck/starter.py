"""The starter profile for a state drafting its own ETS: every field present, `undefined`, with guidance; or, started
from a model (`new --from eu-ets@phase4`), the model's design copied as provisional values with their sources.

What the user types goes into the file as YAML strings written by a serializer (JSON's double-quoted strings are
YAML 1.2), so quotes, backslashes and words YAML would read as something else (`yes`, `2024`, `null`, `1e3`) mean
what was typed. The text is read back with linkcheck's own loader before anything is written.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import shlex
import textwrap
import unicodedata
from pathlib import Path
from typing import TYPE_CHECKING

from .dates import today as current_day
from .errors import LinkcheckError, ProfileErrors
from .loading.model_phase import MODEL_OWN_FACTS, adoptable_fact, load_model_phase
from .model.fields import FIELD_SPECS, FieldSpec
from .model.objects import Fact
from .model.phases import ResolvedPhase, facts_in, plain_value
from .model.shapes import describe_shape
from .model.vocab import DIMENSION_LABELS, DIMENSIONS, Status
from .safe_text import printable, refuse_unusable

if TYPE_CHECKING:
    from .model.profile import ProfileFile

MAX_JURISDICTION_CHARS = 200
MAX_ID_CHARS = 64
SCHEMA_IN_CHECKOUT = Path("system_profiles") / "profile.schema.json"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")  # the profile model's system id

HEADER = """\
{modeline}#
# Emissions trading system profile for {jurisdiction}, started with `{command}` on {today}.
#
{intro}#
# Statuses: defined (decided), under_development (work under way; a provisional value may be given),
# undefined (not decided), unknown (you do not know whether it is decided). `none` is a decision too:
# `price_floor: none` means there is no floor, which is different from `undefined`.
#
# Why this matters: Kazakhstan launched its ETS in 2013 with MRV rules, the registry and the allocation
# approach still undefined, and had to suspend trading in 2016-2017 to repair them. Run
# `linkcheck readiness {filename}` to see what must be defined before launch{departures}.
"""

BLANK_INTRO = """\
# Every field below is `undefined`: the design decision has not been taken yet. As decisions are made,
# replace `undefined` with the value, and say where it is decided, for example:
#
#   banking: {value: unrestricted, sources: [ets-law], note: "Article 12 of the ETS law"}
"""

# One paragraph, wrapped into comment lines once the model's name is in.
ADOPTED_INTRO = (
    "The design starts from {model} ({ref}). Every fact the model defines is copied below with the sources it "
    "cites (their keys begin `{system}.`) as `under_development`: a provisional value, because the model's choice "
    "is not yet a decision of {jurisdiction}. Decide each one: keep it (make the status `defined` and cite where it "
    "is decided), change the value, or write `undefined`. What the model leaves unknown or undefined, and what is "
    "its own (its laws, cap level, institutions and links), is `undefined`."
)
COMMENT_WIDTH = 112

NO_SCHEMA = """\
# Editor completion: save the schema beside this file with `linkcheck schema > profile.schema.json`, then make
# the first line of this file `# yaml-language-server: $schema=profile.schema.json`.
"""


def slugify(text: str) -> str:
    """A system id from a name: accents dropped, lower case, runs of anything else turned into one hyphen.

    Empty when nothing of the name is a Latin letter or digit (`Україна`): the caller asks for `--id` then.
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    if len(slug) > MAX_ID_CHARS:
        slug = slug[:MAX_ID_CHARS].rsplit("-", 1)[0] if "-" in slug[:MAX_ID_CHARS] else slug[:MAX_ID_CHARS]
    return slug


def _shape_hint(annotation: object) -> str:
    """For a field whose value is a mapping or a list of mappings, how to write one."""
    value = annotation.model_fields["value"].annotation if hasattr(annotation, "model_fields") else annotation
    shape = describe_shape(value)
    return f" To decide it, {shape}." if "mapping such as" in shape else ""


def check_jurisdiction(jurisdiction: str) -> str:
    """The jurisdiction as typed, or LinkcheckError saying why it cannot name one."""
    refuse_unusable(jurisdiction, "the jurisdiction", MAX_JURISDICTION_CHARS, LinkcheckError,
                    "give its name on one line, e.g. `linkcheck new Georgia -o georgia.yaml`")
    shown = printable(jurisdiction[:80]) + ("…" if len(jurisdiction) > 80 else "")
    surrogate = re.search("[\ud800-\udfff]", jurisdiction)
    if surrogate:
        raise LinkcheckError(f"the jurisdiction '{shown}' is not valid UTF-8 text (at character {surrogate.start() + 1})")
    return jurisdiction


def system_id(jurisdiction: str, given: str | None = None) -> str:
    """The system id: `given` if it is a valid id, else one derived from the jurisdiction."""
    if given is not None:
        if not _SLUG.fullmatch(given) or len(given) > MAX_ID_CHARS:
            raise LinkcheckError(f"--id '{printable(given)}': an id is lower-case letters, digits, '.', '_' and '-', "
                                 f"starting with a letter or digit, at most {MAX_ID_CHARS} characters")
        return given
    slug = slugify(jurisdiction)
    if not slug:
        raise LinkcheckError(f"cannot make a system id from '{printable(jurisdiction)}' (it has no Latin letters or "
                             "digits); give one with --id, e.g. --id ukraine")
    return slug


def schema_reference(output: Path) -> str | None:
    """The schema modeline's target for a file written to `output`, or None for no modeline.

    An absolute path would only work on the machine that wrote the file, and linkcheck has no published schema
    address to point to. So: a relative path when the file is inside a checkout that has
    system_profiles/profile.schema.json (it keeps working when the checkout moves or is cloned), else none, and a
    comment saying how to add one.
    """
    try:
        folder = Path(os.path.realpath(os.path.dirname(os.path.abspath(output))))
        for candidate in (folder, *folder.parents):
            schema = candidate / SCHEMA_IN_CHECKOUT
            if schema.is_file():
                return Path(os.path.relpath(schema, folder)).as_posix()
    except (OSError, ValueError):
        return None
    return None


def _yaml_string(text: str) -> str:
    """A YAML 1.2 double-quoted string that reads back as exactly `text`."""
    return json.dumps(text, ensure_ascii=False)


def starter_profile(jurisdiction: str, filename: str, today: dt.date | None = None, *,
                    schema: str | None = None, id_: str | None = None) -> str:
    """The starter profile's text, checked: it loads with linkcheck's loader and says what was typed."""
    return _profile_text(jurisdiction, filename, today, schema, id_, None)


def adopted_profile(jurisdiction: str, filename: str, model: ResolvedPhase | str, *, today: dt.date | None = None,
                    as_of: dt.date | None = None, schema: str | None = None, id_: str | None = None) -> str:
    """A starter profile that starts from `model`'s design, checked as `starter_profile`'s is.

    `model` is a shipped phase (`load_model_phase`), or its reference `SYSTEM@PHASE` or `SYSTEM`, taken as it stood
    on `as_of`. Every fact it defines (but its own laws, cap level, institutions and links) is copied as
    `under_development`, with the sources it cites and a note saying where it comes from; the file records the
    model in `adopted_from`. LinkcheckError when the model is not a shipped phase.
    """
    if isinstance(model, str):
        model = load_model_phase(model, as_of)
    elif not _is_shipped(model):
        raise LinkcheckError(f"the model {model.ref} ({printable(model.origin)}) is not a shipped phase: a profile "
                             "can only start from one, which readiness can find again by its id")
    return _profile_text(jurisdiction, filename, today, schema, id_, model)


def _is_shipped(model: ResolvedPhase) -> bool:
    """Whether `model` is a shipped phase, unchanged: what `adopted_from` names must be what was copied."""
    try:
        return load_model_phase(model.ref, model.as_of) == model
    except LinkcheckError:
        return False


def _profile_text(jurisdiction: str, filename: str, today: dt.date | None, schema: str | None, id_: str | None,
                  model: ResolvedPhase | None) -> str:
    check_jurisdiction(jurisdiction)
    sid = system_id(jurisdiction, id_)
    today = today or current_day()
    lines = [_header(jurisdiction, filename, today, schema, model)]
    lines += [
        f"id: {_yaml_string(sid)}",
        f"name: {_yaml_string(f'{jurisdiction} Emissions Trading System')}",
        f"jurisdiction: {_yaml_string(jurisdiction)}",
        f"reviewed: {today.isoformat()}",
    ]
    if model is not None:
        lines.append(f"adopted_from: {_yaml_string(model.ref)}  # the design this profile started from")
        lines.append(f"adopted_on: {model.as_of.isoformat()}  # the day it was copied, as it stood that day")
    lines += _sources_lines(model)
    lines += [
        "phases:",
        "  draft:",
        "    label: Draft design",
        f"    period: {{start: {today.year}, end: null}}  # years the design would apply to",
    ]
    current_dim = ""
    current_channel = ""
    for spec in FIELD_SPECS:
        parts = spec.path.split(".")
        if parts[0] != current_dim:
            current_dim = parts[0]
            current_channel = ""
            lines.append(f"    # {DIMENSION_LABELS[current_dim]}")
            lines.append(f"    {current_dim}:")
        indent = "      "
        if len(parts) == 3:
            if parts[1] != current_channel:
                current_channel = parts[1]
                lines.append(f"      {current_channel}:")
            indent = "        "
        lines += _fact_lines(spec, indent, model)
    text = "\n".join(lines) + "\n"
    _check_reads_back(text, filename, jurisdiction, sid, model)
    return text


def _header(jurisdiction: str, filename: str, today: dt.date, schema: str | None, model: ResolvedPhase | None) -> str:
    """The opening comment: how the file was made, what to do with it, and what readiness will show."""
    modeline = f"# yaml-language-server: $schema={schema}\n" if schema else NO_SCHEMA
    hint = shlex.quote(printable(filename))
    if model is None:
        command, intro, departures = "linkcheck new", BLANK_INTRO, ""
    else:
        command = f"linkcheck new --from {model.ref}"
        paragraph = ADOPTED_INTRO.format(model=printable(model.display), ref=model.ref, system=model.system_id,
                                         jurisdiction=jurisdiction)
        intro = textwrap.fill(paragraph, COMMENT_WIDTH, initial_indent="# ", subsequent_indent="# ",
                              break_on_hyphens=False) + "\n"
        departures = ",\n# and where the design now departs from the model"
    return HEADER.format(modeline=modeline, jurisdiction=jurisdiction, today=today.isoformat(), filename=hint,
                         command=command, intro=intro, departures=departures)


def _sources_lines(model: ResolvedPhase | None) -> list[str]:
    """The `sources:` mapping: empty, or the model's entries its adopted facts cite, under prefixed keys."""
    guidance = 'key: {citation: "Law No. ..., Article ...", url: "https://..."}'
    cited = _cited_sources(model) if model is not None else []
    if not cited:
        return [f"sources: {{}}  # {guidance}"]
    lines = [f"sources:  # {guidance}; the keys beginning `{model.system_id}.` are the model's"]
    for key in cited:
        entry = model.sources[key].model_dump(mode="json", exclude_none=True)
        lines.append(f"  {_yaml_string(adopted_source_key(model, key))}: {_json(entry)}")
    return lines


def _cited_sources(model: ResolvedPhase) -> list[str]:
    """The model's source keys its adopted facts cite, in order of first citation."""
    cited: dict[str, None] = {}
    for spec in FIELD_SPECS:
        fact = adoptable_fact(model, spec.path)
        if fact is not None:
            cited.update(dict.fromkeys(fact.sources))
    return list(cited)


def adopted_source_key(model: ResolvedPhase, key: str) -> str:
    """The key under which a model's source is copied: `eu-ets.eud-2003-87`. The system id keeps it apart from the
    drafting state's own keys (a source key may hold `.`, `-` and `_`, but not `:`)."""
    return f"{model.system_id}.{key}"


def _fact_lines(spec: FieldSpec, indent: str, model: ResolvedPhase | None) -> list[str]:
    """One field of the draft phase: `undefined` with guidance, or the model's fact adopted provisionally."""
    name = spec.path.rsplit(".", 1)[-1]
    guidance = f"{spec.description}{_shape_hint(spec.annotation)}"
    fact = adoptable_fact(model, spec.path) if model is not None else None
    if fact is None:
        why = f" ({_not_adopted(model, spec.path)})" if model is not None else ""
        return [f"{indent}{name}: undefined  # {guidance}{why}"]
    sources = [adopted_source_key(model, key) for key in fact.sources]
    return [
        f"{indent}{name}:  # {guidance}",
        f"{indent}  value: {_json(plain_value(fact.value))}",
        f"{indent}  status: under_development",
        f"{indent}  sources: {_json(sources)}",
        f"{indent}  note: {_yaml_string(_adoption_note(model, fact))}",
    ]


def _not_adopted(model: ResolvedPhase, path: str) -> str:
    """Why a field of the model was not copied, for the comment beside it."""
    shown = printable(model.display)
    if path in MODEL_OWN_FACTS:
        return f"not copied from {shown}: {MODEL_OWN_FACTS[path]}"
    fact = model.get(path)
    return f"not stated in {shown}" if fact is None else f"{fact.status.value.replace('_', ' ')} in {shown}"


def _adoption_note(model: ResolvedPhase, fact: Fact) -> str:
    provisional = ", where it is still under development" if fact.status is Status.under_development else ""
    own = f": {fact.note.rstrip().rstrip('.')}" if fact.note and fact.note.strip() else ""
    return f"Adopted from {model.display} ({model.ref}){provisional}{own}. Decide whether to keep it."


def _json(value: object) -> str:
    """Plain data as YAML 1.2 flow text (JSON is YAML 1.2), which reads back as exactly that data."""
    return json.dumps(value, ensure_ascii=False)


def _check_reads_back(text: str, filename: str, jurisdiction: str, sid: str, model: ResolvedPhase | None) -> None:
    """Load the text as `linkcheck validate` would; it must be valid and hold what was typed, and what was adopted."""
    from .loading.safe_yaml import parse_yaml
    from .loading.validate import validate_document

    try:
        profile = validate_document(parse_yaml(text, printable(filename)))
    except ProfileErrors as exc:
        raise LinkcheckError(f"the starter profile for '{printable(jurisdiction)}' would not be valid, so it was not "
                             f"written:\n{exc}") from None
    if (profile.id, profile.jurisdiction) != (sid, jurisdiction) or (model is not None and
                                                                     _adopted_values(profile) != _model_values(model)):
        raise LinkcheckError(f"the starter profile for '{printable(jurisdiction)}' would not read back as typed, so "
                             "it was not written")


def _model_values(model: ResolvedPhase) -> tuple[str, dict[str, object]]:
    adopted = {spec.path: adoptable_fact(model, spec.path) for spec in FIELD_SPECS}
    return model.ref, {path: plain_value(fact.value) for path, fact in adopted.items() if fact is not None}


def _adopted_values(profile: ProfileFile) -> tuple[str | None, dict[str, object]]:
    """The model named in a written profile, and the values of its provisional facts."""
    phase = profile.phases["draft"]
    values: dict[str, object] = {}
    for dim in DIMENSIONS:
        section = getattr(phase, dim)
        for path, fact in facts_in(section, (dim,)) if section is not None else ():
            if fact.status is Status.under_development:
                values[".".join(path)] = plain_value(fact.value)
    return profile.adopted_from, values
