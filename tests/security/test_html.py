"""Student HTML never renders live in the instructor's or the student's browser.

A hostile submission (the full solution plus markdown, raw and output cells carrying
``<img onerror>``, ``<script>``, ``<svg onload>``, ``<iframe srcdoc>``, ``javascript:`` links
and a fixed-position fake "14/14" box) goes through both autograde paths. The feedback pages
(``dlcourse feedback`` and nbgrader's ``generate_feedback``) and the autograded notebooks, as
nbconvert renders them for the formgrader, must contain none of them live. The pages are also
opened in headless Chromium by ``test_browser.py``.
"""

from __future__ import annotations

import shutil
import sys

import pytest

from tests.security.hostile_html import (
    HOSTILE_MARKDOWN,
    STUDENT,
    A,
    formgrader_view,
    live_payloads,
    make_course,
    pages,
    run,
)
from tests.security.kit import MAX_SCORE


def test_the_detector_sees_every_payload_unsanitised():
    """Guard for the test itself: rendered raw, every payload is found live."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    for payload in HOSTILE_MARKDOWN:
        assert live_payloads(markdown2html_mistune(payload)), payload


@pytest.mark.parametrize("which", ["dlcourse feedback", "nbgrader generate_feedback"])
def test_feedback_pages_after_dlcourse_autograde_have_no_live_html(dlcourse_path, which):
    page = pages(dlcourse_path)[which].read_text(encoding="utf-8")
    assert live_payloads(page) == []


def test_feedback_page_after_nbgrader_autograde_has_no_live_html(nbgrader_path):
    page = pages(nbgrader_path)["nbgrader generate_feedback"].read_text(encoding="utf-8")
    assert live_payloads(page) == []
    assert "harmless" in page or "pass" in page  # the page is there, cells and all


def test_the_nbgrader_autograded_notebook_has_no_live_html(nbgrader_path):
    assert live_payloads(formgrader_view(nbgrader_path)) == []


def test_the_hostile_submission_still_earns_its_points(nbgrader_path):
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{nbgrader_path / 'gradebook.db'}") as gradebook:
        assert gradebook.find_submission(A, STUDENT).score == MAX_SCORE


def test_the_dlcourse_autograded_notebook_has_no_live_html(dlcourse_path):
    assert live_payloads(formgrader_view(dlcourse_path)) == []


def test_student_ids_with_html_are_refused_on_the_nbgrader_path(
    tmp_path_factory, released_template
):
    root = make_course(tmp_path_factory, released_template, "nbgrader_ids")
    bad = "x<img src=y onerror=alert(1)>"
    shutil.copytree(root / "submitted" / STUDENT, root / "submitted" / bad)
    shutil.rmtree(root / "submitted" / STUDENT)
    result = run(root, sys.executable, "-m", "nbgrader", "autograde", A, "--force")
    assert "unsafe student id" in result.stderr
    assert not (root / "autograded" / bad / A / f"{A}.ipynb").exists()
