"""Build submissions for grading tests and grade them in-process with a fixed secret."""

from __future__ import annotations

import functools

from autograder import course
from autograder.judge import sandbox
from autograder.judge.engine import grade_submission
from autograder.samples import load_json, solution_answers, submission  # noqa: F401

TEST_SECRET = b"test-secret"


def load(path) -> dict:
    return load_json(path)


def release(assignment: str) -> dict:
    return load_json(course.release_notebook(assignment))


def grade(notebook: dict, assignment: str):
    return grade_submission(notebook, assignment, secret=TEST_SECRET)


def graded_sample(assignment: str, *, solved: bool = True):
    """The report of the instructor's solution (``solved=False``: the blank release), graded
    once per session and sandbox mode, then shared: several test files assert different things
    about the same grade (full marks and explanations, zero and "not answered yet"), and each
    grade runs a fresh worker (1-12 s). Grading is deterministic (test_determinism.py), so a
    shared report is the report each would have made. Read it; never change it."""
    return _graded_sample(assignment, solved, sandbox.sandbox_mode())


@functools.cache
def _graded_sample(assignment: str, solved: bool, mode: str):
    return grade(submission(assignment, solved=solved), assignment)


def function_points(report) -> dict[str, tuple[float, float]]:
    return report.function_scores()


def messages(report, function: str) -> str:
    return "\n".join(t.message for t in report.tests if t.function == function and not t.passed)
