"""The rule catalogue: one module per linking dimension, each rule a small unit. The registry is a plain dict."""

from __future__ import annotations

from . import (
    allocation,
    ambition,
    cost_containment,
    coverage,
    enforcement,
    flexibility,
    linking,
    market,
    mrv,
    offsets,
    system,
)
from .base import Rule

MODULES = (system, ambition, coverage, allocation, flexibility, cost_containment, offsets, mrv, enforcement,
           market, linking)

REGISTRY: dict[str, Rule] = {r.code: r for module in MODULES for r in module.RULES}
