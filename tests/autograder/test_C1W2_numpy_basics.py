"""Grading C1W2_numpy_basics end to end: solutions, the bare release, mistakes, alternatives.

Each grade runs the whole suite in a fresh worker (about a second), so one submission carries
mistakes in several functions at once and the assertions are made per function.
"""

from __future__ import annotations

import pytest

from tests.autograder.helpers import function_points, grade, messages, submission

A = "C1W2_numpy_basics"

FUNCTIONS = [
    "basic_sigmoid",
    "sigmoid",
    "sigmoid_derivative",
    "image2vector",
    "normalize_rows",
    "softmax",
    "L1",
    "L2",
    "column_percentages",
    "computation_graph",
]


def _fn(name: str, body: str, args: str = "x") -> str:
    return f"def {name}({args}):\n" + "".join(f"    {line}\n" for line in body.splitlines())


def test_solution_gets_full_marks():
    report = grade(submission(A), A)
    points = function_points(report)
    assert sorted(points) == sorted(FUNCTIONS)
    for function, (got, available) in points.items():
        assert got == pytest.approx(available), (function, messages(report, function))
    assert report.score == pytest.approx(report.max_score)


def test_untouched_release_gets_zero():
    report = grade(submission(A, solved=False), A)
    assert report.max_score > 0
    assert report.score == 0
    assert "not implemented" in messages(report, "sigmoid")


# One submission, one classic mistake per function (each function's points are independent).
MISTAKES = {
    "basic_sigmoid": (
        _fn("basic_sigmoid", "return 1 / (1 + math.exp(x))"),
        "the exponent is -x",
    ),
    "sigmoid": (
        _fn("sigmoid", "return np.exp(-x)"),
        "not np.exp(-x)",
    ),
    "sigmoid_derivative": (
        _fn("sigmoid_derivative", "return x * (1 - x)"),
        "apply the sigmoid first",
    ),
    "image2vector": (
        _fn("image2vector", "return image.reshape(-1, 1, order='F')", "image"),
        "order='F'",
    ),
    "normalize_rows": (
        _fn("normalize_rows", "return x / np.linalg.norm(x, axis=0, keepdims=True)"),
        "normalize each ROW",
    ),
    "softmax": (
        _fn("softmax", "e = np.exp(x - np.max(x))\nreturn e / e.sum(axis=0, keepdims=True)"),
        "softmax is ROW-wise",
    ),
    "L1": (
        _fn("L1", "return np.mean(np.abs(y - yhat))", "yhat, y"),
        "SUM of absolute differences, not their mean",
    ),
    "L2": (
        _fn("L2", "return np.sqrt(np.sum((y - yhat) ** 2))", "yhat, y"),
        "no square root",
    ),
    "column_percentages": (
        _fn("column_percentages", "return A / A.sum(axis=0, keepdims=True)", "A"),
        "multiply by 100",
    ),
    "computation_graph": (
        _fn("computation_graph", "return 3 * (a + b * c), 3, c, b", "a, b, c"),
        "you dropped the 3",
    ),
}


def test_classic_mistakes_lose_points_and_show_their_hint():
    answers = {name: source for name, (source, _) in MISTAKES.items()}
    report = grade(submission(A, answers), A)
    points = function_points(report)
    for function, (_, hint) in MISTAKES.items():
        got, available = points[function]
        assert got < available, function
        assert hint in messages(report, function), (function, messages(report, function))


def test_unstable_softmax_and_in_place_updates_lose_their_own_points():
    answers = {
        # no max subtraction: right on ordinary inputs, NaN near 1000
        "softmax": _fn("softmax", "e = np.exp(x)\nreturn e / np.sum(e, axis=1, keepdims=True)"),
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
    by_test = {(t.function, t.name.split("[")[0]): t for t in report.tests if not t.passed}

    softmax_failures = {name for function, name in by_test if function == "softmax"}
    assert softmax_failures == {"test_softmax_is_stable"}
    assert "subtract each row's maximum" in messages(report, "softmax")
    assert points["softmax"][0] == pytest.approx(points["softmax"][1] - 0.5)

    for function in ("normalize_rows", "column_percentages"):
        failed = {name for f, name in by_test if f == function}
        assert failed == {f"test_{function}_leaves_input_alone"}, (function, failed)
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
