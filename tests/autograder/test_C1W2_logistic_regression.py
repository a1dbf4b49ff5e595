"""The C1W2 logistic-regression suite end to end: full marks, zero, mistakes and alternatives."""

from __future__ import annotations

import pytest

from autograder.samples import solution_answers, submission
from tests.autograder.helpers import grade, messages

A = "C1W2_logistic_regression"


def _with(changes=None, extra=None):
    answers = solution_answers(A)
    for function, (old, new) in (changes or {}).items():
        assert old in answers[function], (function, old)
        answers[function] = answers[function].replace(old, new, 1)
    answers.update(extra or {})
    return submission(A, answers, solved=False)


def test_the_solution_earns_every_point_and_the_release_none():
    report = grade(submission(A), A)
    assert report.full_marks, report.render_text()
    blank = grade(submission(A, solved=False), A)
    assert blank.score == 0
    assert "not implemented yet" in messages(blank, "propagate")


# Mistakes in different functions. model calls sigmoid, propagate, optimize and predict, so its
# own mistake is graded in a submission where everything else is right.
FIRST = {
    "sigmoid": ("s = 1 / (1 + np.exp(-z))", "s = 1 / (1 + np.exp(z))"),
    "initialize_with_zeros": ("b = 0.0", "b = 0"),
    "predict": ("Y_prediction = (A > 0.5).astype(float)", "Y_prediction = A"),
}
FIRST_HINTS = {
    "sigmoid": "the exponent is -z",
    "initialize_with_zeros": "b = 0.0",
    "predict": "return labels, not probabilities",
}
SECOND = {
    "propagate": ("dw = X @ (A - Y).T / m", "dw = X @ (A - Y).T"),
}
THIRD = {
    "propagate": ("A = sigmoid(w.T @ X + b)", "A = sigmoid(w.T @ X)"),
}
MODEL = {
    "model": ("optimize(w, b, X_train, Y_train, num_iterations, learning_rate,",
              "optimize(w, b, X_train, Y_train, num_iterations, 0.009,"),
}


def test_classic_mistakes_lose_points_and_show_their_hint():
    report = grade(_with(FIRST), A)
    scores = report.function_scores()
    for function, hint in FIRST_HINTS.items():
        assert scores[function][0] < scores[function][1], function
        assert hint in messages(report, function), (function, messages(report, function))


@pytest.mark.parametrize(
    ("changes", "hint"),
    [(SECOND, "divide by m"), (THIRD, "add the bias"),
     (MODEL, "pass learning_rate on to optimize")],
    ids=["propagate-forgot-m", "propagate-no-bias", "model-ignores-learning-rate"],
)
def test_one_function_mistakes(changes, hint):
    report = grade(_with(changes), A)
    (function,) = changes
    points, max_points = report.function_scores()[function]
    assert points < max_points
    assert hint in messages(report, function)


ALTERNATIVES = {
    "sigmoid": "def sigmoid(z):\n    return np.exp(-np.logaddexp(0, -z))\n",
    "propagate": (
        "def propagate(w, b, X, Y):\n"
        "    m = X.shape[1]\n"
        "    A = 1 / (1 + np.exp(-(np.dot(w.T, X) + b)))\n"
        "    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))\n"
        "    dw = np.dot(X, (A - Y).T) / m\n"
        "    db = np.mean(A - Y)\n"
        "    return {'dw': dw, 'db': db}, cost\n"
    ),
    "predict": (
        "def predict(w, b, X):\n"
        "    A = sigmoid(w.T @ X + b)\n"
        "    out = np.zeros((1, X.shape[1]))\n"
        "    for i in range(X.shape[1]):\n"
        "        out[0, i] = 1 if A[0, i] > 0.5 else 0\n"
        "    return out\n"
    ),
}


def test_correct_alternatives_keep_full_marks():
    report = grade(_with(extra=ALTERNATIVES), A)
    assert report.full_marks, report.render_text()
