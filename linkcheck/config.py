"""Engine configuration: rule severities and options, dimension weights, severity penalties, currency base.

Defaults live here, in one place, and `linkcheck rules --config` / the docs show them.
"""

from __future__ import annotations

import difflib
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import ProfileErrors
from .model.vocab import DIMENSIONS
from .rules.base import Severity

if TYPE_CHECKING:
    from .loading.source_files import Document

DEFAULT_WEIGHTS: dict[str, float] = {
    # The features Tuerk et al. (2009) call hard to reconcile weigh double.
    "system": 2.0,
    "ambition": 2.0,
    "coverage": 1.0,
    "allocation": 1.0,
    "flexibility": 1.0,
    "cost_containment": 2.0,
    "offsets": 2.0,
    "mrv": 2.0,
    "enforcement": 2.0,
    "market": 1.0,
    "linking": 1.0,
}
DEFAULT_PENALTIES: dict[Severity, float] = {
    Severity.blocker: 60.0,
    Severity.major: 25.0,
    Severity.minor: 10.0,
    Severity.info: 0.0,
}

@dataclass(frozen=True)
class CurrencyBase:
    """The currency and price year every amount is brought to before two are compared."""

    code: str = "USD"
    year: int = 2023


@dataclass(frozen=True)
class EngineConfig:
    """The engine's settings: the defaults, or a `--config` file's, checked by `config_file.ConfigFile`."""

    rules: Mapping[str, Any] = field(default_factory=dict)  # code -> RuleSettings
    weights: Mapping[str, float] = field(default_factory=dict)
    penalties: Mapping[Severity, float] = field(default_factory=dict)
    currency: CurrencyBase = CurrencyBase()
    # Below this share (%) of the facts the rules read defined on both sides, the verdict is undetermined.
    min_completeness: float = 50.0
    # Ranked partners whose scores are closer than this many points are tied; about one major difference in a
    # double-weighted dimension.
    tie_margin: float = 3.0
    # A rates table laid over the shipped one (`--rates FILE`); None for the shipped table alone.
    rates: dict[str, Any] | None = field(default=None, compare=False)

    def with_rates(self, table: dict[str, Any] | None) -> EngineConfig:
        """This configuration, converting money with `table`."""
        return replace(self, rates=table)

    def weight(self, dimension: str) -> float:
        return self.weights.get(dimension, DEFAULT_WEIGHTS[dimension])

    def penalty(self, severity: Severity) -> float:
        return self.penalties.get(severity, DEFAULT_PENALTIES[severity])

    def enabled(self, code: str) -> bool:
        settings = self.rules.get(code)
        return settings is None or settings.enabled

    def severity(self, code: str) -> Severity | None:
        settings = self.rules.get(code)
        return settings.severity if settings else None

    def options(self, code: str) -> dict[str, Any]:
        from .rules import REGISTRY

        rule = REGISTRY[code]
        chosen = dict(self.rules[code].model_extra or {}) if code in self.rules else {}
        return {name: chosen.get(name, option.default) for name, option in rule.options.items()}

    def summary(self) -> dict[str, Any]:
        return {
            "weights": {d: self.weight(d) for d in DIMENSIONS},
            "penalties": {s.value: self.penalty(s) for s in Severity},
            "currency": {"code": self.currency.code, "year": self.currency.year},
            "min_completeness": self.min_completeness,
            "tie_margin": self.tie_margin,
            "overrides": {
                code: s.model_dump(mode="json", exclude_defaults=True) | (s.model_extra or {})
                for code, s in self.rules.items()
            },
        }


def __getattr__(name: str):
    # The settings of one rule, as a --config file gives them, are checked by pydantic: built only when asked for.
    if name == "RuleSettings":
        from .config_file import RuleSettings

        return RuleSettings
    raise AttributeError(name)


def load_config(path: Path | None, rates_path: Path | None = None) -> EngineConfig:
    """The configuration in `path`, or the defaults, converting money with the rates table in `rates_path` laid
    over the shipped one. Unknown rule codes, options and keys are errors, and so are settings that would silently
    distort every result (see `_check_coherent`)."""
    rates = None
    if rates_path is not None:
        from .money import read_rates

        rates = read_rates(rates_path)
    if path is None:
        return EngineConfig(rates=rates)
    from .config_file import ConfigFile
    from .loading.safe_yaml import read_yaml
    from .loading.validate import validate_model

    document = read_yaml(path, shape="a configuration is a mapping of rules, weights, penalties and currency")
    checked = validate_model(document, ConfigFile, list(_check_rules_and_weights(document)))
    config = EngineConfig(rules=checked.rules, weights=checked.weights, penalties=checked.penalties,
                          currency=CurrencyBase(checked.currency.code, checked.currency.year),
                          min_completeness=checked.min_completeness, tie_margin=checked.tie_margin, rates=rates)
    problems = list(_check_coherent(document, config))
    if problems:
        raise ProfileErrors(problems)
    return config


def _check_coherent(doc: Document, config: EngineConfig):
    """Weights that leave nothing to score, penalties out of severity order, a currency base the rates table
    cannot reach."""
    if all(config.weight(d) == 0 for d in DIMENSIONS):
        yield doc.error(("weights",), "every dimension weighs 0: at least one must weigh more, or nothing is scored")
    order = [config.penalty(s) for s in Severity]
    if order != sorted(order, reverse=True):
        shown = ", ".join(f"{s.value} {config.penalty(s):g}" for s in Severity)
        yield doc.error(("penalties",), f"penalties must not rise as severity falls (got {shown})")
    from .money import Converter, Unconvertible

    base = Converter(config.currency.code, config.currency.year, config.rates)
    try:
        base.cpi(config.currency.year)
        base.per_usd(config.currency.code, config.currency.year)
    except Unconvertible as exc:
        yield doc.error(("currency",), f"the rates table cannot convert to this base: {exc}")


def _check_rules_and_weights(doc: Document):
    from .rules import REGISTRY

    data = doc.data if isinstance(doc.data, dict) else {}
    rules = data.get("rules") if isinstance(data.get("rules"), dict) else {}
    for code, settings in rules.items():
        if code not in REGISTRY:
            yield doc.error(("rules", code), f"unknown rule code '{code}'{_hint(code, REGISTRY)}; "
                            "`linkcheck rules` lists them", key=True)
            continue
        options = REGISTRY[code].options
        for name, value in (settings or {}).items() if isinstance(settings, dict) else ():
            if name in ("enabled", "severity"):
                continue
            if name not in options:
                allowed = ", ".join(["enabled", "severity", *options])
                yield doc.error(("rules", code, name), f"unknown option '{name}' for {code}{_hint(name, options)}; "
                                f"allowed: {allowed}", key=True)
            elif options[name].problem(value):
                yield doc.error(("rules", code, name), options[name].problem(value))
    weights = data.get("weights") if isinstance(data.get("weights"), dict) else {}
    for dimension in weights:
        if dimension not in DIMENSIONS:
            yield doc.error(("weights", dimension), f"unknown dimension '{dimension}'{_hint(dimension, DIMENSIONS)}",
                            key=True)


def _hint(word: str, options) -> str:
    close = difflib.get_close_matches(str(word), list(options), n=1, cutoff=0.6)
    return f"; did you mean '{close[0]}'?" if close else ""

