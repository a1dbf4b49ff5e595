"""The feedback pages of a hostile submission, opened in headless Chromium: no script runs.

Debian's ``chromium`` (``apt-get install chromium``; ``make test`` installs it where it can)
driven by Playwright, with no browser download: Playwright launches the system binary. This
test FAILS, never skips, when Chromium cannot start: a CI machine without it is a broken CI
machine, not a passing one.

Each payload of ``test_html.HOSTILE_MARKDOWN`` would set ``document.title`` and
``window.pwned`` and call ``alert`` if it ran. The pages are opened as ``file://`` pages, as an
instructor opens a feedback file; network requests (nbconvert's CDN scripts) are refused, so
only what is in the file can run. The formgrader's view is approximated by the autograded
notebook rendered with nbconvert (the formgrader uses the same renderer and markdown filter);
a running formgrader server is not part of this test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.security.chromium import launched
from tests.security.hostile_html import (
    HOSTILE_MARKDOWN,
    MARK,
    formgrader_view,
    pages,
)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright, launched(playwright) as browser:
        yield browser


def what_ran(browser, path: Path) -> list[str]:
    """Everything the student's payload did when ``path`` was opened: dialogs, a changed
    title, the ``pwned`` global in any frame, live ``javascript:`` links, and fixed boxes."""
    page = browser.new_page()
    seen: list[str] = []
    page.on("dialog", lambda dialog: (seen.append(f"dialog {dialog.message!r}"), dialog.dismiss()))
    page.route(
        "**/*",
        lambda route: route.continue_() if route.request.url.startswith("file:") else route.abort(),
    )
    try:
        page.goto(path.resolve().as_uri(), wait_until="load")
        page.wait_for_timeout(500)  # ontoggle and friends fire after load
        if MARK in page.title():
            seen.append("document.title was set")
        for frame in page.frames:
            try:
                if frame.evaluate("() => window.pwned") is not None:
                    seen.append(f"window.pwned set in frame {frame.url}")
            except Exception:  # noqa: BLE001 - a cross-origin frame: its own check below
                seen.append(f"a frame the page cannot read: {frame.url}")
        links = page.evaluate(
            "() => [...document.querySelectorAll('[href],[src],[action],[formaction]')]"
            ".map(e => e.getAttribute('href') || e.getAttribute('src') || "
            "e.getAttribute('action') || e.getAttribute('formaction') || '')"
            ".filter(u => u.trim().toLowerCase().startsWith('javascript:'))"
        )
        seen += [f"live javascript: link {link[:40]!r}" for link in links]
        boxes = page.evaluate(
            "() => [...document.querySelectorAll('body *')].filter(e => "
            "getComputedStyle(e).position === 'fixed' && e.textContent.includes('14 / 14'))"
            ".map(e => e.tagName)"
        )
        seen += [f"fixed-position box <{tag}> claiming 14 / 14" for tag in boxes]
    finally:
        page.close()
    return seen


def test_the_harness_sees_a_payload_run(browser, tmp_path):
    """Control: the same payloads rendered without cleaning do run in this browser."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    page = tmp_path / "raw.html"
    body = "\n".join(markdown2html_mistune(payload) for payload in HOSTILE_MARKDOWN)
    page.write_text(f"<!doctype html><html><head><title>t</title></head><body>{body}</body></html>")
    ran = what_ran(browser, page)
    assert "document.title was set" in ran
    assert any(item.startswith("dialog") for item in ran)
    assert any("fixed-position box" in item for item in ran)
    assert any("javascript: link" in item for item in ran)


@pytest.mark.parametrize("which", ["dlcourse feedback", "nbgrader generate_feedback"])
def test_feedback_after_dlcourse_autograde_runs_no_student_script(
    browser,
    dlcourse_path,
    which,
):
    assert what_ran(browser, pages(dlcourse_path)[which]) == []


def test_feedback_after_nbgrader_autograde_runs_no_student_script(
    browser,
    nbgrader_path,
):
    assert what_ran(browser, pages(nbgrader_path)["nbgrader generate_feedback"]) == []


def test_the_formgrader_view_after_nbgrader_autograde_runs_no_student_script(
    browser,
    nbgrader_path,
    tmp_path,
):
    view = tmp_path / "formgrader.html"
    view.write_text(formgrader_view(nbgrader_path), encoding="utf-8")
    assert what_ran(browser, view) == []
