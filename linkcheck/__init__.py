"""linkcheck: can two emissions trading systems link, what blocks them, and who must change what.

The library's surface is in `linkcheck.api` and exported here: `load`, `assess`, `rank`, `matrix`, `diff`,
`timeline`, `readiness`, `report`, and `LinkcheckError`, the one exception type bad input raises. They are
imported on first use, so `import linkcheck` (and the command line) stays fast.
"""

from typing import Any

from .version import __version__

API = ("LinkcheckError", "assess", "diff", "load", "matrix", "rank", "readiness", "report", "timeline")
__all__ = ["__version__", *API]


def __getattr__(name: str) -> Any:
    if name in API:
        from . import api

        return getattr(api, name)
    raise AttributeError(f"module 'linkcheck' has no attribute {name!r}")
