#!/bin/sh
# Debian libraries WeasyPrint needs (Pango), poppler-utils for looking at rendered PDFs, and Chromium for the
# atlas's browser test.
# Installs them when missing and we may (root with apt-get); otherwise says what is missing.
set -e
missing=""
ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so' || missing="$missing libpango-1.0-0"
ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so' || missing="$missing libpangoft2-1.0-0"
# HarfBuzz-Subset lets WeasyPrint embed font subsets itself; without it WeasyPrint warns and falls back.
ldconfig -p 2>/dev/null | grep -q 'libharfbuzz-subset.so' || missing="$missing libharfbuzz-subset0"
command -v pdftotext >/dev/null 2>&1 || missing="$missing poppler-utils"
# Headless Chromium for the atlas's browser test (tests/test_site_browser.py), driven by Playwright.
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "installing Debian packages:$missing"
    apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $missing >/dev/null
else
    echo "missing Debian packages:$missing (install them with apt-get; PDF reports need the libraries, the browser test chromium)" >&2
fi
