"""The starter profile for a state drafting its own ETS: every field present, `undefined`, with guidance.

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
import unicodedata
from pathlib import Path

from .dates import today as current_day
from .errors import LinkcheckError, ProfileErrors
from .model.shapes import describe_shape
from .safe_text import printable, refuse_unusable
from .model.dimensions import FIELD_SPECS
from .model.vocab import DIMENSION_LABELS

MAX_JURISDICTION_CHARS = 200
MAX_ID_CHARS = 64
SCHEMA_IN_CHECKOUT = Path("system_profiles") / "profile.schema.json"
_SLUG = re.compile(r"^[a-z0-9][a-z0-9._-]*$")  # the profile model's system id

HEADER = """\
{modeline}#
# Emissions trading system profile for {jurisdiction}, started with `linkcheck new` on {today}.
#
# Every field below is `undefined`: the design decision has not been taken yet. As decisions are made,
# replace `undefined` with the value, and say where it is decided, for example:
#
#   banking: {{value: unrestricted, sources: [ets-law], note: "Article 12 of the ETS law"}}
#
# Statuses: defined (decided), under_development (work under way; a provisional value may be given),
# undefined (not decided), unknown (you do not know whether it is decided). `none` is a decision too:
# `price_floor: none` means there is no floor, which is different from `undefined`.
#
# Why this matters: Kazakhstan launched its ETS in 2013 with MRV rules, the registry and the allocation
# approach still undefined, and had to suspend trading in 2016-2017 to repair them. Run
# `linkcheck readiness {filename}` to see what must be defined before launch.
"""

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
    check_jurisdiction(jurisdiction)
    sid = system_id(jurisdiction, id_)
    today = today or current_day()
    modeline = f"# yaml-language-server: $schema={schema}\n" if schema else NO_SCHEMA
    hint = shlex.quote(printable(filename))
    lines = [HEADER.format(modeline=modeline, jurisdiction=jurisdiction, today=today.isoformat(), filename=hint)]
    lines += [
        f"id: {_yaml_string(sid)}",
        f"name: {_yaml_string(f'{jurisdiction} Emissions Trading System')}",
        f"jurisdiction: {_yaml_string(jurisdiction)}",
        f"reviewed: {today.isoformat()}",
        "sources: {}  # key: {citation: \"Law No. ..., Article ...\", url: \"https://...\"}",
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
        lines.append(f"{indent}{parts[-1]}: undefined  # {spec.description}{_shape_hint(spec.annotation)}")
    text = "\n".join(lines) + "\n"
    _check_reads_back(text, filename, jurisdiction, sid)
    return text


def _check_reads_back(text: str, filename: str, jurisdiction: str, sid: str) -> None:
    """Load the text as `linkcheck validate` would; it must be valid and hold what was typed."""
    from .loading.safe_yaml import parse_yaml
    from .loading.validate import validate_document

    try:
        profile = validate_document(parse_yaml(text, printable(filename)))
    except ProfileErrors as exc:
        raise LinkcheckError(f"the starter profile for '{printable(jurisdiction)}' would not be valid, so it was not "
                             f"written:\n{exc}") from None
    if (profile.id, profile.jurisdiction) != (sid, jurisdiction):
        raise LinkcheckError(f"the starter profile for '{printable(jurisdiction)}' would not read back as typed, so "
                             "it was not written")
