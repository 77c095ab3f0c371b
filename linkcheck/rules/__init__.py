"""The rule catalogue: one module per linking dimension, each rule a small unit. The registry is a plain dict."""

from __future__ import annotations

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .base import Rule

DIMENSION_MODULES = ("system", "ambition", "coverage", "allocation", "flexibility", "cost_containment", "offsets",
                     "mrv", "enforcement", "market", "linking")
MODULES: tuple[Any, ...]
REGISTRY: dict[str, Rule]


def __getattr__(name: str) -> Any:
    # The rules are imported when the registry is first asked for, so reading `rules.base` (severities, the rule
    # type) does not import all of them: `list`, `show` and `validate` never run a rule.
    if name in ("MODULES", "REGISTRY"):
        modules = tuple(import_module(f"{__name__}.{module}") for module in DIMENSION_MODULES)
        globals().update(MODULES=modules, REGISTRY={r.code: r for module in modules for r in module.RULES})
        return globals()[name]
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
