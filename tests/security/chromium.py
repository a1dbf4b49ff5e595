"""Debian's Chromium for the browser tests, driven by Playwright without a browser download.

``make test`` installs it (``apt-get install chromium``) where it runs as root with apt. The
browser tests FAIL, never skip, when it cannot start: a CI machine without it is a broken CI
machine, not a passing one.
"""

from __future__ import annotations

import contextlib
import os
import shutil

CANDIDATES = ("/usr/lib/chromium/chromium", "/usr/bin/chromium", "/usr/bin/chromium-browser")
# Headless as root in a container: no setuid sandbox, no GPU, and /dev/shm may be tiny.
ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"]


def chromium_path() -> str:
    for candidate in (os.environ.get("DLCOURSE_CHROMIUM"), *CANDIDATES):
        if candidate and os.access(candidate, os.X_OK):
            return candidate
    found = shutil.which("chromium")
    assert found, (
        "Chromium is not installed: the browser test needs Debian's chromium "
        "(apt-get install chromium; `make test` installs it when run as root)"
    )
    return found


@contextlib.contextmanager
def launched(playwright):
    """A headless Chromium (Debian's binary) for a Playwright session; closed on exit."""
    browser = playwright.chromium.launch(executable_path=chromium_path(), headless=True, args=ARGS)
    try:
        yield browser
    finally:
        browser.close()
