"""A finding's message as a template with named parameters, so a report can say it in its own language.

`Msg("{name} accepts {channel} with no quantitative limit", name=..., channel=Word("domestic offsets"))` reads
in English exactly as the f-string it replaces; a report looks the template up in its gettext catalogue and
fills in the parameters, translating those that are words (`Word`) or messages themselves. Names, numbers and
amounts are passed as they are written. The catalogue collects every template from the rule modules (the
`Msg` and `Word` calls) and every vocabulary word.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

Translate = Callable[[str], str]


class Msg:
    """An English template and its parameters; `str()` gives the English sentence."""

    __slots__ = ("template", "params")

    def __init__(self, template: str, **params: Any) -> None:
        self.template = template
        self.params = params

    def __str__(self) -> str:
        return self.template.format(**{key: str(value) for key, value in self.params.items()})

    def __repr__(self) -> str:
        return f"Msg({self.template!r})"

    def __eq__(self, other: object) -> bool:
        return str(self) == str(other)

    def __hash__(self) -> int:
        return hash(str(self))

    def translate(self, gettext: Translate) -> str:
        values = {key: value.translate(gettext) if isinstance(value, Msg) else str(value)
                  for key, value in self.params.items()}
        try:
            return gettext(self.template).format(**values)
        except (KeyError, IndexError, ValueError):  # a translation that lost a placeholder: say it in English
            return self.template.format(**values)

    def to_dict(self) -> dict[str, Any]:
        return {"template": self.template,
                "params": {key: value.to_dict() if isinstance(value, Msg) else str(value)
                           for key, value in self.params.items()}}


class Word(Msg):
    """A word or phrase the catalogue translates as a whole: a vocabulary value, a label such as 'domestic offsets'.
    Vocabulary ids read with spaces for underscores (within_compliance_period: 'within compliance period')."""

    __slots__ = ()

    def __init__(self, text: str) -> None:
        super().__init__(text.replace("_", " ") if text.isidentifier() else text)

    def __str__(self) -> str:
        return self.template

    def translate(self, gettext: Translate) -> str:
        return gettext(self.template)


class Words(Msg):
    """Vocabulary values listed in a sentence, each translated: 'power, industry'."""

    __slots__ = ("items", "separator")

    def __init__(self, values: Any, separator: str = ", ") -> None:
        super().__init__("")
        self.items = [value if isinstance(value, Msg) else Word(str(value)) for value in values]
        self.separator = separator

    def __str__(self) -> str:
        return self.separator.join(str(item) for item in self.items)

    def translate(self, gettext: Translate) -> str:
        return self.separator.join(item.translate(gettext) for item in self.items)

    def to_dict(self) -> dict[str, Any]:
        return {"words": [item.to_dict() for item in self.items], "separator": self.separator}


def render(data: dict[str, Any] | None, english: str, gettext: Translate) -> str:
    """A finding's message in a report's language: from its template when it has one, else as the engine wrote it."""
    if not data:
        return english
    return _translate(data, gettext)


def _translate(data: dict[str, Any], gettext: Translate) -> str:
    if "words" in data:
        return data["separator"].join(_translate(item, gettext) for item in data["words"])
    values = {key: _translate(value, gettext) if isinstance(value, dict) else str(value)
              for key, value in data["params"].items()}
    template = data["template"]
    if not values and "{" not in template:
        return gettext(template)
    try:
        return gettext(template).format(**values)
    except (KeyError, IndexError, ValueError):
        return template.format(**values)
