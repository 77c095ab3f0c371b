"""Where each page of the atlas lives, as a path relative to the site's root.

Ids are validated slugs already, but a file name is built only from characters on a whitelist here, so no profile
text can ever name a folder outside the site, a hidden file or a device.
"""

from __future__ import annotations

import re

from ..errors import LinkcheckError

# A profile's slug: no slash, space or leading dot or hyphen; no "..", and no "--", which joins two ids in a
# pair's page name.
SAFE_SEGMENT = re.compile(r"(?!.*(?:--|\.\.))[a-z0-9][a-z0-9._-]{0,79}")


def segment(text: str) -> str:
    """`text` as one path segment, or LinkcheckError if it is not a plain slug."""
    if not SAFE_SEGMENT.fullmatch(text):
        raise LinkcheckError(f"cannot make a page name of {text[:80]!r}: ids in the atlas are lower-case slugs "
                             "(letters, digits, dots, hyphens, underscores)")
    return text


class SitePaths:
    """Page paths relative to the site root, with forward slashes, as links and as files."""

    index = "index.html"
    matrix = "matrix.html"
    rules = "rules.html"
    assets = "assets"

    @staticmethod
    def system(system_id: str) -> str:
        return f"systems/{segment(system_id)}.html"

    @staticmethod
    def phase(system_id: str, phase_id: str) -> str:
        return f"systems/{segment(system_id)}/{segment(phase_id)}.html"

    @staticmethod
    def pair(a: str, b: str) -> str:
        first, second = sorted((segment(a), segment(b)))  # one page per unordered pair, whichever way it is asked
        return f"pairs/{first}--{second}.html"

    @staticmethod
    def ranking(system_id: str) -> str:
        return f"rankings/{segment(system_id)}.html"

    @staticmethod
    def diff(system_id: str, phase_a: str, phase_b: str) -> str:
        return f"diffs/{segment(system_id)}/{segment(phase_a)}--{segment(phase_b)}.html"


def root_from(page: str) -> str:
    """The relative prefix that leads from `page` back to the site root: '' for index.html, '../' one level down."""
    return "../" * page.count("/")
