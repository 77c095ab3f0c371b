"""The reports' languages: one gettext catalogue per language under report_templates/locale/, English as source.

The catalogue also holds the fixed text that lives in engine data (rule titles, rationales and remedies, dimension
and field titles, readiness prerequisites). `python -m linkcheck.reports.i18n` re-extracts messages.pot and merges
it into every .po file; translators then fill in the new, empty entries.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from functools import cache
from io import BytesIO
from pathlib import Path
from typing import Any

from ..paths import report_templates_dir

LANGUAGES = ("en", "ru", "uk")
SOURCE_LANGUAGE = "en"
DOMAIN = "messages"
KEYWORDS = {"_": None, "gettext": None, "ngettext": (1, 2), "_n": (1, 2), "N_": None}
# Findings' messages: templates written in the rule modules and the engine (linkcheck/messages.py).
MESSAGE_KEYWORDS = {"Msg": None, "Word": None}
MESSAGE_MODULES = ("engine.py", "ranking.py", "money.py")  # besides the rule modules
# Fixed dates keep the catalogue files byte-stable between extractions.
CATALOGUE_DATE = dt.datetime(2026, 1, 1, tzinfo=dt.timezone.utc)
HEADER = {"project": "linkcheck", "copyright_holder": "linkcheck contributors", "msgid_bugs_address": "",
          "last_translator": "linkcheck contributors", "language_team": "linkcheck contributors",
          "creation_date": CATALOGUE_DATE, "revision_date": CATALOGUE_DATE, "fuzzy": False}


def N_(message: str) -> str:
    """Marks a message for the catalogue; it is translated where it is shown."""
    return message


LANGUAGE_NAMES = {"en": N_("English"), "ru": N_("Russian"), "uk": N_("Ukrainian")}


VERDICTS = {"blocked": N_("Blocked"), "adjustments_needed": N_("Adjustments needed"), "compatible": N_("Compatible"),
            "undetermined": N_("Undetermined")}
SEVERITIES = {"blocker": N_("Blocker"), "major": N_("Major"), "minor": N_("Minor"), "info": N_("Info")}
FACT_STATUSES = {"defined": N_("defined"), "under_development": N_("under development"),
                 "undefined": N_("undefined"), "unknown": N_("unknown"), "not_stated": N_("not stated")}
STATES = {"ready": N_("ready"), "not_met": N_("decided, falls short"), "under_development": N_("under development"),
          "undefined": N_("undefined"), "unknown": N_("unknown"), "not_stated": N_("not stated")}
KINDS = {"difference": N_("difference"), "open_question": N_("open question"), "rule_error": N_("rule failed"),
         "one_way_exempt": N_("exempt in a one-way link")}
UNRESOLVED = ("open_question", "rule_error")  # the kinds shown as open questions, never as differences
# How a rule's standing moved between two phases of the timeline (linkcheck.timelines.TRANSITIONS).
TRANSITIONS = {"opened": N_("opened"), "closed": N_("closed"),
               "became_open_question": N_("became an open question (its facts are no longer known)"),
               "question_raised": N_("open question raised"),
               "answered_difference": N_("question answered: a difference"),
               "answered_no_difference": N_("question answered: no difference"),
               "eased": N_("eased to a lesser severity"), "worsened": N_("grew to a graver severity")}
TRANSITION_MARKS = {"opened": "+", "closed": "−", "became_open_question": "?", "question_raised": "?",
                    "answered_difference": "+", "answered_no_difference": "✓", "eased": "↓", "worsened": "↑"}
MATCHES = {"fixed": N_("fixed"), "in_force": N_("in force"), "nearest": N_("nearest in time")}
BOOLEANS = {True: N_("yes"), False: N_("no")}

# The remedies the engine writes itself, for findings no rule wrote; a test checks they still match engine.py.
FIND_FACTS = N_("Find and source the missing facts for the profile(s), then assess again.")
DECIDE = N_("{side} decides and publishes these design elements.")
ADD_REFERENCE_DATA = N_("Add the missing rate or index value, with its source, to the reference data (or pass a rates "
                        "table of your own with --rates FILE), then assess again.")
REPORT_BUG = N_("Report this to the linkcheck maintainers.")
EACH_SIDE = N_("Each side ({a} and {b})")
THE_PARTNERS = N_("The partners")


def remedy_msgid(kind: str, remedy: str, rule_remedy: str) -> str:
    """The catalogue entry a finding's remedy was written from: the rule's, or one of the engine's own."""
    if kind == "rule_error":
        return REPORT_BUG
    if kind == "open_question":
        return {FIND_FACTS: FIND_FACTS, ADD_REFERENCE_DATA: ADD_REFERENCE_DATA}.get(remedy, DECIDE)
    return rule_remedy


def remedy_text(gettext: Callable[[str], str], msgid: str, adjust: str | None, names: dict[str, str]) -> str:
    """A remedy in the report's language, naming the side that must act as the engine does."""
    if adjust == "both":
        side = gettext(EACH_SIDE).format(a=names["a"], b=names["b"])
    elif adjust in ("a", "b"):
        side = names[adjust]
    else:
        side = gettext(THE_PARTNERS)
    return gettext(msgid).format(side=side)


def locale_dir() -> Path:
    return report_templates_dir() / "locale"


def po_path(lang: str) -> Path:
    return locale_dir() / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


@cache
def translations(lang: str) -> Any:
    """The language's translations, compiled in memory from its .po file, so no .mo file can be stale."""
    from babel.messages.mofile import write_mo
    from babel.messages.pofile import read_po
    from babel.support import NullTranslations, Translations

    if lang == SOURCE_LANGUAGE:
        return NullTranslations()
    with po_path(lang).open("rb") as handle:
        catalog = read_po(handle, locale=lang)
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled, domain=DOMAIN)


def domain_messages() -> Iterator[tuple[str, str]]:
    """Fixed text held in engine data rather than templates: (message, where it comes from)."""
    from ..model.fields import FIELD_SPECS
    from ..model.vocab import DIMENSION_LABELS
    from ..prerequisites import PREREQUISITES
    from ..rules import REGISTRY

    for dimension, label in DIMENSION_LABELS.items():
        yield label, f"dimension {dimension}"
    for spec in FIELD_SPECS:
        yield spec.title, f"field {spec.path}"
    for rule in REGISTRY.values():
        yield rule.title, f"{rule.code} title"
        yield rule.rationale, f"{rule.code} rationale"
        yield rule.remedy, f"{rule.code} remedy; keep {{side}}"
        if rule.question:
            yield rule.question, f"{rule.code} open question"
    for word in vocabulary_words():
        yield word, "a vocabulary value, as findings name it"
    for item in PREREQUISITES:
        yield item.title, f"readiness {item.id}"
        yield item.why, f"readiness {item.id}: why"
        for check in item.checks:
            yield check.requirement, f"readiness check {check.path}"


def vocabulary_words() -> list[str]:
    """Every value of the profile vocabularies, as findings name them (spaces for underscores), and the words for
    severities and fact statuses."""
    from typing import get_args, get_origin, Literal

    from ..model import vocab

    from .. import engine
    from ..model.vocab import DIMENSION_LABELS

    found: set[str] = {"blocker", "major", "minor", "info", "unknown", "undefined", "under development", "not stated"}
    found |= {verdict.replace("_", " ") for verdict in engine.VERDICTS}
    found |= {label.lower() for label in DIMENSION_LABELS.values()}
    found |= set(vocab.PHASE_WORDS.values())  # phase ids as words, after a system's short name
    for value in vars(vocab).values():
        if get_origin(value) is Literal:
            # Words only: codes such as CO2, MtCO2e or MW_thermal are not translated.
            found |= {v.replace("_", " ") for v in get_args(value)
                      if isinstance(v, str) and v.isidentifier() and v.islower() and not any(c.isdigit() for c in v)}
    return sorted(found)


def extract_catalogue() -> Any:
    """Every message the reports and the atlas show: from the templates (the site's too), this package's and the
    atlas's code and the engine's data."""
    import jinja2.ext
    from babel.messages.catalog import Catalog
    from babel.messages.extract import extract

    catalog = Catalog(**HEADER)
    root = report_templates_dir()
    templates = [p for p in sorted(root.glob("*.html")) + sorted(root.glob("*.md")) if p.name != "README.md"]
    sources: list[tuple[Path, str, Any]] = [(p, f"report_templates/{p.name}", jinja2.ext.babel_extract)
                                            for p in templates]
    # The atlas (linkcheck site): its page templates and the code that builds their data.
    sources += [(p, f"report_templates/site/{p.name}", jinja2.ext.babel_extract)
                for p in sorted((root / "site").glob("*.html"))]
    sources += [(p, f"linkcheck/reports/{p.name}", "python") for p in sorted(Path(__file__).parent.glob("*.py"))]
    sources += [(p, f"linkcheck/atlas/{p.name}", "python")
                for p in sorted((Path(__file__).parent.parent / "atlas").glob("*.py"))]
    for path, where, method in sources:
        with path.open("rb") as handle:
            for lineno, message, comments, context in extract(method, handle, KEYWORDS, ("Translators:",),
                                                              {"extensions": "jinja2.ext.i18n"}):
                catalog.add(message, locations=[(where, lineno)], auto_comments=comments, context=context)
    package = Path(__file__).parent.parent
    for path in [*sorted((package / "rules").glob("*.py")), *(package / name for name in MESSAGE_MODULES)]:
        with path.open("rb") as handle:
            for lineno, message, comments, context in extract("python", handle, MESSAGE_KEYWORDS):
                if isinstance(message, str) and message.strip():
                    catalog.add(message, locations=[(f"linkcheck/{path.relative_to(package)}", lineno)],
                                auto_comments=["a finding's message; keep every {name} placeholder"])
                    catalog[message].flags.discard("python-format")
    for message, where in domain_messages():
        catalog.add(message, auto_comments=[where])
        catalog[message].flags.discard("python-format")  # data, never %-formatted, even if it holds a "%"
    return catalog


def update_catalogues() -> None:
    """Rewrite messages.pot and merge it into each language's .po, keeping existing translations."""
    from babel.messages.catalog import Catalog
    from babel.messages.pofile import read_po, write_po

    template = extract_catalogue()
    _write_po(locale_dir() / f"{DOMAIN}.pot", template, write_po)
    for lang in LANGUAGES:
        if lang == SOURCE_LANGUAGE:
            continue
        path = po_path(lang)
        if path.exists():
            with path.open("rb") as handle:
                catalog = read_po(handle, locale=lang)
        else:
            catalog = Catalog(locale=lang, **HEADER)
        catalog.update(template, no_fuzzy_matching=True)
        catalog.fuzzy = False
        _write_po(path, catalog, write_po)


def _write_po(path: Path, catalog: Any, write_po: Callable) -> None:
    buffer = BytesIO()
    write_po(buffer, catalog, width=100, ignore_obsolete=True, include_lineno=False)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(buffer.getvalue())


if __name__ == "__main__":
    update_catalogues()
