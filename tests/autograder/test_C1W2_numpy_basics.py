"""Grading C1W2_numpy_basics end to end: mistakes without a catalogue hint and correct
alternatives.

Each grade runs the whole suite in a fresh worker. The samples of
``suites/C1W2_numpy_basics/samples.toml`` are graded in ``test_hints.py`` (each loses points and
shows its own hint, and no other), and full marks and the blank release's zero in
``test_assignments.py``, as for every assignment.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograder import course
from autograder.kit import mistakes as M
from autograder.samples import solution_answers
from tests.autograder import planted
from tests.autograder.helpers import function_points, grade, messages, submission

A = "C1W2_numpy_basics"
SAMPLES = course.samples(A)


def _fn(name: str, body: str, args: str = "x") -> str:
    return f"def {name}({args}):\n" + "".join(f"    {line}\n" for line in body.splitlines())


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda sample: sample.function)
def test_each_sample_changes_one_place_in_the_solution(sample):
    assert solution_answers(A)[sample.function].count(sample.old) == 1, sample


def test_axis_mistakes_are_the_wrong_forms_worked_by_hand():
    x = np.array([[1.0, 2.0], [3.0, 5.0]])  # row sums 3 and 8, column sums 4 and 7, total 11
    wrong = {mistake.name: value for mistake, value in M.axis_mistakes(x, np.sum, axis=1)}
    np.testing.assert_allclose(wrong["wrong_axis"], x / np.array([[4.0, 7.0]]))
    np.testing.assert_allclose(wrong["whole_array"], x / 11.0)
    np.testing.assert_allclose(wrong["no_keepdims"], x / np.array([[3.0, 8.0]]))
    not_square = [mistake for mistake, _ in M.axis_mistakes(x[:, :1], np.sum, axis=0)]
    assert not_square == [M.WRONG_AXIS, M.WHOLE_ARRAY]  # (2, 1) / (1, 2) would not broadcast


def test_an_unstable_softmax_loses_only_the_stability_points():
    sample = next(s for s in SAMPLES if s.mistake is M.SOFTMAX_UNSTABLE)
    report = planted.graded_batch(A, [sample], grade)
    failed = {t.name.split("[")[0] for t in report.tests if not t.passed}
    assert failed == {"test_softmax_is_stable"}
    points, available = function_points(report)["softmax"]
    assert points == pytest.approx(available - 0.5)


def test_in_place_updates_and_a_row_vector_lose_their_own_points():
    answers = {
        # the right values, but the caller's array is changed
        "normalize_rows": _fn(
            "normalize_rows", "x /= np.linalg.norm(x, axis=1, keepdims=True)\nreturn x"
        ),
        "column_percentages": _fn(
            "column_percentages", "A *= 100 / A.sum(axis=0, keepdims=True)\nreturn A", "A"
        ),
        # a row instead of a column
        "image2vector": _fn("image2vector", "return image.reshape(1, -1)", "image"),
    }
    report = grade(submission(A, answers), A)
    points = function_points(report)
    by_test = {(t.function, t.name.split("[")[0]) for t in report.tests if not t.passed}
    for function in ("normalize_rows", "column_percentages"):
        failed = {name for f, name in by_test if f == function}
        assert failed == {f"test_{function}_leaves_inputs_alone"}, (function, failed)
        assert "in place" in messages(report, function)

    assert "transposed" in messages(report, "image2vector")
    # a wrong value earns nothing: its passing no-mutation check gives no points of its own
    assert points["image2vector"][0] == 0


ALTERNATIVES = {
    "basic_sigmoid": _fn("basic_sigmoid", "e = math.exp(x)\nreturn e / (1.0 + e)"),
    "sigmoid": _fn(
        "sigmoid",
        "x = np.asarray(x, dtype=float)\n"
        "out = np.empty_like(x)\n"
        "pos = x >= 0\n"
        "out[pos] = 1 / (1 + np.exp(-x[pos]))\n"
        "e = np.exp(x[~pos])\n"
        "out[~pos] = e / (1 + e)\n"
        "return out",
    ),
    "sigmoid_derivative": _fn("sigmoid_derivative", "return np.exp(-x) / (1 + np.exp(-x)) ** 2"),
    "image2vector": _fn("image2vector", "return np.reshape(image, (image.size, 1))", "image"),
    "normalize_rows": _fn(
        "normalize_rows",
        "out = np.zeros(x.shape)\n"
        "for i in range(x.shape[0]):\n"
        "    out[i] = x[i] / math.sqrt(np.dot(x[i], x[i]))\n"
        "return out",
    ),
    "softmax": _fn(
        "softmax",
        "rows = []\n"
        "for row in x:\n"
        "    e = np.exp(row - row.max())\n"
        "    rows.append(e / e.sum())\n"
        "return np.array(rows)",
    ),
    "L1": _fn(
        "L1",
        "total = 0.0\nfor a, b in zip(yhat, y):\n    total += abs(b - a)\nreturn total",
        "yhat, y",
    ),
    "L2": _fn("L2", "return np.sum(np.square(yhat - y))", "yhat, y"),
    "column_percentages": _fn("column_percentages", "return A / A.sum(axis=0) * 100", "A"),
    "computation_graph": _fn(
        "computation_graph",
        "J = float(3 * (a + b * c))\nreturn J, 3.0, float(3 * c), float(3 * b)",
        "a, b, c",
    ),
}


def test_correct_alternatives_keep_full_marks():
    report = grade(submission(A, ALTERNATIVES), A)
    for function, (got, available) in function_points(report).items():
        assert got == pytest.approx(available), (function, messages(report, function))
