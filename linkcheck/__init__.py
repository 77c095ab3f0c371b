"""linkcheck: can two emissions trading systems link, what blocks them, and who must change what.

The library's surface is in `linkcheck.api` and exported here: `load`, `assess`, `rank`, `matrix`, `diff`,
`timeline`, `readiness`, `report`, the library's own `validate`, `systems`, `coverage`, `catalogue`, `rule`,
`schema`, `new_profile` and `load_config`, and `LinkcheckError`, the one exception type bad input raises. They are
imported on first use, so `import linkcheck` (and the command line) stays fast.
"""

from typing import Any

from .version import __version__

# = linkcheck.api.__all__; no name may be a module of the package (`linkcheck.rules` would shadow a function).
API = ("LinkcheckError", "assess", "catalogue", "coverage", "diff", "load", "load_config", "matrix", "new_profile",
       "rank", "readiness", "report", "rule", "schema", "systems", "timeline", "validate")
__all__ = ["__version__", *API]


def __getattr__(name: str) -> Any:
    if name in API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'linkcheck' has no attribute {name!r}")
