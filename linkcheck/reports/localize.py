"""A report in its language: systems named as their profiles name them in it, phases in words, numbers in the
locale's digits, and the few words the engine writes inside amounts."""

from __future__ import annotations

import re
from typing import Any

from ..model.vocab import PHASE_WORDS
from . import i18n

PHASE_NUMBER = i18n.N_("phase {n}")  # a numbered phase in a system's short name: "EU ETS phase 3"
PERIOD_NUMBER = i18n.N_("period {n}")  # Tokyo's and Saitama's compliance periods
def _local_phase(phase_id: str, gettext: Any) -> str:
    if match := re.fullmatch(r"phase(\d+)", phase_id):
        return gettext(PHASE_NUMBER).format(n=match.group(1))
    if match := re.fullmatch(r"period(\d+)", phase_id):
        return gettext(PERIOD_NUMBER).format(n=match.group(1))
    return gettext(PHASE_WORDS[phase_id]) if phase_id in PHASE_WORDS else phase_id  # the words are in the catalogue


def localized(context: dict[str, Any], lang: str) -> dict[str, Any]:
    """The context with every system named in `lang` where its profile gives a name in it; `_names` maps each
    English name and short name to the local one, for the engine's messages that name systems."""
    if lang == "en":
        return {**context, "_names": {}}
    gettext = i18n.translations(lang).gettext
    names: dict[str, str] = {}

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            node = {key: walk(value) for key, value in node.items()}
            local = node.get("names", {}).get(lang) if "display" in node and "ref" in node else None
            if local:
                display = f"{local['short_name']} {_local_phase(node.get('phase_id', ''), gettext)}".strip()
                names[node["display"]], names[node["name"]] = display, local["name"]
                # The profile's phase label is English prose; the phase is named in the language instead.
                phase = _local_phase(node.get("phase_id", ""), gettext)
                node = {**node, "display": display, "name": local["name"], "phase": phase[:1].upper() + phase[1:]}
            return node
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    walked = walk(context)

    def rename(node: Any) -> Any:  # lists of names the context keeps apart, such as the partners tied with one
        if isinstance(node, dict):
            return {key: rename(value) for key, value in node.items()}
        if isinstance(node, list):
            return [rename(item) for item in node]
        return names.get(node, node) if isinstance(node, str) else node

    return {**rename(walked), "_names": dict(sorted(names.items(), key=lambda item: -len(item[0])))}


def local_names(text: str, names: dict[str, str]) -> str:
    """English system names in engine text replaced by the report language's, longest first."""
    for english, local in names.items():
        text = text.replace(english, local)
    return text


# Numbers as the engine writes them: with a thousands comma (1,571.58) or a decimal point (4.3). Plain integers,
# such as years and article numbers, and anything inside a code or a date are left alone.
_ENGLISH_NUMBER = re.compile(r"(?<![\w.,/-])(\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+\.\d+)(?![\w.,]*\d)(?![\w-])")


PRICE_YEAR = i18n.N_("{year} prices")  # how money names its price year: "56.55 USD/t (2023 prices)"
_PRICE_YEAR = re.compile(r"\b(\d{4}) prices\b")
PER_YEAR = i18n.N_("%/yr")  # an annual rate: "2.2%/yr"
_PER_YEAR = re.compile(r"(?<=\d)%/yr\b")


def local_words(text: str, gettext: Any) -> str:
    """The few words the engine writes inside amounts, in the report's language."""
    text = _PER_YEAR.sub(lambda m: gettext(PER_YEAR), text)
    return _PRICE_YEAR.sub(lambda m: gettext(PRICE_YEAR).format(year=m.group(1)), text)


def local_numbers(text: str, lang: str) -> str:
    """Engine text with its numbers in the report's locale: 1,571.58 reads 1 571,58 in Russian."""
    if lang == "en":
        return text
    from babel.numbers import format_decimal

    def localize(match: re.Match) -> str:
        digits = match.group(1).replace(",", "")
        places = len(digits.split(".")[1]) if "." in digits else 0
        return format_decimal(float(digits), format="#,##0." + "0" * places if places else "#,##0", locale=lang)

    return _ENGLISH_NUMBER.sub(localize, text)


def local_value(text: str, gettext: Any, lang: str) -> str:
    """A fact's value as the report's language reads it. A vocabulary word, or a list of them ("power, industry"),
    is translated word by word when the catalogue has every word; anything else (an amount, a law's title) keeps
    its words and gets the locale's numbers."""
    if lang == "en":
        return text
    parts = text.split(", ")
    translated = [gettext(part) for part in parts]
    if all(local != part for local, part in zip(translated, parts)):
        return ", ".join(translated)
    return local_numbers(local_words(text, gettext), lang)
