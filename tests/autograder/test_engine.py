"""The engine refuses to report when its suite could not run at all."""

from __future__ import annotations

import shutil

import pytest

from autograder import course, engine
from autograder.plugin import GradingPlugin

A = "C1W3_planar_classification"


def test_a_suite_that_cannot_run_raises_instead_of_grading_zero_of_zero(tmp_path, monkeypatch):
    # A wheel without suites/pytest.ini graded every notebook 0 / 0 in silence.
    shutil.copy(course.suite_path(A), tmp_path / course.suite_path(A).name)
    monkeypatch.setattr(engine.course, "suites_dir", lambda: tmp_path)
    monkeypatch.setattr(engine.course, "suite_path", lambda name: tmp_path / f"{name}.py")
    plugin = GradingPlugin(A, lambda timeout: None, full=False, secret=b"s")
    with pytest.raises(RuntimeError, match="could not run"):
        engine.run_suite(A, plugin)
