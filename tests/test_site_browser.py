"""The atlas in a real browser: headless Chromium (Debian's /usr/bin/chromium) driven by Playwright opens the site
from file://, follows the links a reader would click, and sees what a reader would see, with no console error and
no request for anything outside the site's folder.

Skipped only where Chromium or Playwright is missing and we are not in CI; in CI (CI=true) that is a failure.
Playwright's own browser downloads are never used (`playwright install` is not needed).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from linkcheck.atlas import build_site
from linkcheck.atlas.names import SitePaths

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update", "--disable-sync"]
IN_CI = os.environ.get("CI", "").lower() == "true"


def _unavailable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"{reason}; in CI the browser test must run (scripts/system-deps.sh installs chromium, "
                    "`pip install -e .[test]` installs playwright)")
    pytest.skip(reason)


@pytest.fixture(scope="module")
def sync_playwright():
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed")
    if not CHROMIUM.is_file():
        _unavailable(f"{CHROMIUM} is missing (apt-get install chromium)")
    return sync_playwright


@pytest.fixture(scope="module")
def site(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("atlas-browser") / "site"
    build_site(folder, as_of=dt.date(2026, 6, 30), date=dt.date(2026, 7, 1), systems=["eu-ets", "kazakhstan", "korea"])
    return folder


class Browser:
    """One page in headless Chromium that records console errors and every request, and refuses (and records)
    any request for something outside `root`."""

    def __init__(self, playwright, root: Path) -> None:
        self.root = root.resolve().as_uri() + "/"
        self.browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        self.context = self.browser.new_context(viewport={"width": 1280, "height": 900})
        self.requests: list[str] = []
        self.outside: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))

    def _route(self, route) -> None:
        url = route.request.url
        self.requests.append(url)
        if url.startswith(self.root):
            route.continue_()
        else:
            self.outside.append(url)
            route.abort()

    def close(self) -> None:
        self.browser.close()


@pytest.fixture
def browser(sync_playwright, site):
    with sync_playwright() as playwright:
        opened = Browser(playwright, site)
        yield opened
        opened.close()


def test_a_reader_clicks_through_the_atlas(browser, site):
    page = browser.page
    page.goto((site / "index.html").as_uri())
    assert page.locator("h1").inner_text() == "Emissions trading systems"
    page.get_by_role("link", name="Kazakhstan Emissions Trading System").click()
    assert page.url.endswith(SitePaths.system("kazakhstan"))
    assert page.locator("h1").inner_text() == "Kazakhstan Emissions Trading System"

    page.locator("a.phase-link", has_text="Phase II").first.click()
    assert page.url.endswith(SitePaths.phase("kazakhstan", "phase2"))
    assert page.get_by_role("heading", name="Type of system").is_visible()
    assert page.get_by_text("system.cap_type").first.is_visible()

    page.get_by_role("link", name="Matrix").click()
    assert page.url.endswith("matrix.html")
    cell = page.locator(f'td.cell a[href="{SitePaths.pair("eu-ets", "kazakhstan")}"]').first
    assert cell.locator(".word").inner_text() in {"Blocked", "Adjustments needed", "Compatible", "Undetermined"}
    assert cell.is_visible()
    cell.click()
    assert page.url.endswith(SitePaths.pair("eu-ets", "kazakhstan"))
    assert page.get_by_text("Can European Union Emissions Trading System and Kazakhstan Emissions Trading System link?").is_visible()
    assert page.locator(".verdict-panel .big").first.inner_text() == "Blocked"

    page.get_by_role("link", name="Rules").click()
    assert page.get_by_text("LK-OFF-01").first.is_visible()

    assert browser.errors == []
    assert browser.outside == []
    assert any(url.endswith("/assets/fonts/DejaVuSans.ttf") for url in browser.requests)  # the site's own fonts


def test_the_recorder_sees_a_request_outside_the_site(browser, site, tmp_path):
    """The check above can fail: a page that loads something from elsewhere is caught (without a CSP to stop it)."""
    outside = tmp_path / "elsewhere.css"
    outside.write_text("body { color: red }")
    probe = site / "probe.html"
    probe.write_text(f'<!DOCTYPE html><link rel="stylesheet" href="{outside.as_uri()}">'
                     '<img src="http://127.0.0.1:9/pixel.png" alt="">', encoding="utf-8")
    try:
        browser.page.goto(probe.as_uri())
        browser.page.wait_for_load_state("load")
    finally:
        probe.unlink()
    assert outside.as_uri() in browser.outside
    assert "http://127.0.0.1:9/pixel.png" in browser.outside


def test_screenshots_show_the_pages(browser, site, tmp_path):
    """The index and the matrix render to pictures that are not blank (a broken stylesheet shows as a blank page
    or an unstyled one; `shutil` copies them out when LINKCHECK_SCREENSHOTS names a folder)."""
    for name in ("index.html", "matrix.html"):
        browser.page.goto((site / name).as_uri())
        shot = tmp_path / f"site_{Path(name).stem}.png"
        browser.page.screenshot(path=str(shot))
        assert shot.stat().st_size > 20_000
        folder = os.environ.get("LINKCHECK_SCREENSHOTS")
        if folder:
            shutil.copy(shot, Path(folder) / shot.name)
    background = browser.page.evaluate("getComputedStyle(document.querySelector('nav.site-nav')).backgroundColor")
    assert background == "rgb(23, 50, 77)"  # the site's stylesheet is applied
    assert browser.errors == [] and browser.outside == []
