"""Build submissions for grading tests and grade them in-process with a fixed secret."""

from __future__ import annotations

from autograder import course
from autograder.judge.engine import grade_submission
from autograder.samples import load_json, solution_answers, submission  # noqa: F401

TEST_SECRET = b"test-secret"


def load(path) -> dict:
    return load_json(path)


def release(assignment: str) -> dict:
    return load_json(course.release_notebook(assignment))


def grade(notebook: dict, assignment: str):
    return grade_submission(notebook, assignment, secret=TEST_SECRET)


def function_points(report) -> dict[str, tuple[float, float]]:
    return report.function_scores()


def messages(report, function: str) -> str:
    return "\n".join(t.message for t in report.tests if t.function == function and not t.passed)
