"""The engine refuses to report when its suite could not run at all."""

from __future__ import annotations

import shutil

import pytest

from autograder import course
from autograder.judge import engine
from autograder.kit.plugin import GradingPlugin

A = "C1W3_planar_classification"


def test_a_suite_that_cannot_run_raises_instead_of_grading_zero_of_zero(tmp_path, monkeypatch):
    # A wheel without suites/pytest.ini graded every notebook 0 / 0 in silence.
    (tmp_path / A).mkdir()
    shutil.copy(course.suite_path(A), tmp_path / A / "suite.py")
    monkeypatch.setattr(engine.course, "suites_dir", lambda: tmp_path)
    plugin = GradingPlugin(A, lambda timeout: None, full=False, secret=b"s")
    with pytest.raises(RuntimeError, match="could not run"):
        engine.run_suite(A, plugin)
