"""The only files a report may load: the package's own assets in report_templates/, and an embedded logo.

Profile text is untrusted, so WeasyPrint is given a fetcher that refuses the network, other files and redirects.
"""

from __future__ import annotations

import base64
import mimetypes
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit
from urllib.request import url2pathname

from ..paths import report_templates_dir

IMAGE_DATA_URLS = ("data:image/png;base64,", "data:image/jpeg;base64,")


class AssetRefused(ValueError):
    """WeasyPrint asked for something other than one of the package's own assets."""


def asset_path(url: str) -> Path:
    """The file a URL names, if it is a file inside report_templates/ (after symlinks and `..` are resolved)."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc not in ("", "localhost"):
        raise AssetRefused(f"refused {url[:80]!r}: reports fetch nothing from outside report_templates/")
    root = report_templates_dir().resolve()
    path = Path(url2pathname(parts.path)).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise AssetRefused(f"refused {url[:80]!r}: not a file in {root}")
    return path


def safe_fetcher() -> Any:
    """A WeasyPrint URL fetcher that serves the package's assets and refuses everything else.

    Nothing is ever opened through urllib, so there is no network access and no redirect to follow.
    """
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class SafeFetcher(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> URLFetcherResponse:
            if url.startswith(IMAGE_DATA_URLS):  # the cover logo, embedded by the report command
                mime, _, data = url[5:].partition(";base64,")
                return URLFetcherResponse(url[:40], base64.b64decode(data, validate=True), {"Content-Type": mime})
            path = asset_path(url)
            mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
            return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})

    return SafeFetcher()
