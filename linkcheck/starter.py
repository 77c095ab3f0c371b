"""The starter profile for a state drafting its own ETS: every field present, `undefined`, with guidance."""

from __future__ import annotations

import datetime as dt
import re

from .model.dimensions import FIELD_SPECS
from .model.vocab import DIMENSION_LABELS
from .paths import shipped_profiles_dir

HEADER = """\
# yaml-language-server: $schema={schema}
#
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


def slugify(text: str) -> str:
    slug = re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
    return slug or "draft"


def starter_profile(jurisdiction: str, filename: str, today: dt.date | None = None) -> str:
    today = today or dt.date.today()
    schema = (shipped_profiles_dir() / "profile.schema.json").as_uri()
    lines = [HEADER.format(schema=schema, jurisdiction=jurisdiction, today=today.isoformat(), filename=filename)]
    lines += [
        f"id: {slugify(jurisdiction)}",
        f'name: "{jurisdiction} Emissions Trading System"',
        f'jurisdiction: "{jurisdiction}"',
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
        lines.append(f"{indent}{parts[-1]}: undefined  # {spec.description}")
    return "\n".join(lines) + "\n"
