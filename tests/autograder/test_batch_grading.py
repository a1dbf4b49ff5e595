"""Whole-class grading: `dlcourse autograde` and nbgrader's own autograde, on a temporary course."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.samples import submission
from tests.conftest import copy_course

A = "C1W3_planar_classification"


@pytest.fixture(scope="module")
def course_root(tmp_path_factory, released_template):
    """A released copy of the course (tests/conftest.py) with three submissions."""
    root = copy_course(released_template, tmp_path_factory.mktemp("batch") / "course")
    students = {
        "alice": submission(A),
        "bob": submission(A, solved=False),
        "carol": submission(
            A, {"layer_sizes": "def layer_sizes(X, Y):\n    return (1, 4, 1)\n"}
        ),  # nn_model uses it too
    }
    for student, notebook in students.items():
        folder = root / "submitted" / student / A
        folder.mkdir(parents=True)
        (folder / f"{A}.ipynb").write_text(json.dumps(notebook))
    return root


def environment(root: Path) -> dict:
    scripts = str(Path(sys.executable).parent)
    return dict(
        os.environ,
        DLCOURSE_ROOT=str(root),
        DLCOURSE_SECRET="batch-test",
        PATH=scripts + os.pathsep + os.environ["PATH"],
    )


def dlcourse(root: Path, *args) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autograder.cli", *args],
        cwd=root,
        env=environment(root),
        capture_output=True,
        text=True,
        timeout=600,
    )


def scores(root: Path) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        return {s.student.id: s.score for s in gradebook.assignment_submissions(A)}


def test_autograde_writes_the_gradebook_and_resumes(course_root):
    result = dlcourse(course_root, "autograde", A, "--workers", "2")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "graded 3" in result.stdout
    assert scores(course_root) == {"alice": 14.0, "bob": 0.0, "carol": 11.0}
    reports = sorted((course_root / "autograded").glob(f"*/{A}/dlcourse-report.json"))
    assert len(reports) == 3

    again = dlcourse(course_root, "autograde", A)
    assert again.returncode == 0
    assert "graded 0, skipped 3" in again.stdout
    assert scores(course_root) == {"alice": 14.0, "bob": 0.0, "carol": 11.0}

    feedback = dlcourse(course_root, "feedback", A)
    assert feedback.returncode == 0
    page = (course_root / "feedback" / "carol" / A / f"{A}.html").read_text()
    assert "11 / 14 points" in page
    assert "BEGIN HIDDEN TESTS" not in page

    export = dlcourse(course_root, "export", "--format", "canvas", "-o", str(course_root / "c.csv"))
    assert export.returncode == 0
    lines = (course_root / "c.csv").read_text().splitlines()
    assert lines[0].startswith("Student,ID,SIS User ID,SIS Login ID,Section," + A)
    assert any(line.endswith(",11") and "carol" in line for line in lines)


def test_nbgrader_autograde_grades_through_the_isolated_engine(course_root):
    """`nbgrader autograde` itself runs IsolatedGrade and records per-cell scores."""
    env = environment(course_root)
    result = subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", A, "--force", "--student", "carol"],
        cwd=course_root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{course_root / 'gradebook.db'}") as gradebook:
        grade = gradebook.find_grade("test_layer_sizes", A, A, "carol")
        assert grade.auto_score == 0.0
        assert gradebook.find_grade("test_predict", A, A, "carol").auto_score == 1.0
        assert gradebook.find_submission(A, "carol").score == 11.0
    graded = json.loads((course_root / "autograded" / "carol" / A / f"{A}.ipynb").read_text())
    text = json.dumps(graded)
    assert "hidden=True" not in text, "hidden test source must not reach the autograded copy"

    feedback = subprocess.run(
        [sys.executable, "-m", "nbgrader", "generate_feedback", A, "--force", "--student", "carol"],
        cwd=course_root,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert feedback.returncode == 0, feedback.stderr[-3000:]
    page = (course_root / "feedback" / "carol" / A / f"{A}.html").read_text()
    assert "BEGIN HIDDEN TESTS" not in page and "hidden=True" not in page
    assert "layer_sizes: 0 / 1 points" in page
