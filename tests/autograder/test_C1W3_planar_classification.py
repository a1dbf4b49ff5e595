"""Grading C1W3_planar_classification end to end: structural mistakes and correct variants.

Each grade runs the whole suite in a fresh worker. The samples of
``suites/C1W3_planar_classification/samples.toml`` are graded in ``test_hints.py`` (each loses
points and shows its own hint, and no other), and full marks and the blank release's zero in
``test_assignments.py``, as for every assignment.
"""

from __future__ import annotations

import pytest

from autograder import course
from autograder.samples import solution_answers, submission
from tests.autograder.helpers import grade, messages

A = "C1W3_planar_classification"
SAMPLES = course.samples(A)


def _with(changes: dict[str, tuple[str, str]] | None = None, extra: dict[str, str] | None = None):
    """Solutions with textual replacements ``{function: (old, new)}`` and whole cells."""
    answers = solution_answers(A)
    for function, (old, new) in (changes or {}).items():
        assert old in answers[function], (function, old)
        answers[function] = answers[function].replace(old, new, 1)
    answers.update(extra or {})
    return submission(A, answers, solved=False)


# Mistakes whose message comes from the comparison itself (a shape, a type, an input changed in
# place), not from a catalogue entry.
STRUCTURAL = {
    "backward_propagation": (
        "db1 = np.sum(dZ1, axis=1, keepdims=True) / m",
        "db1 = np.sum(dZ1, axis=0, keepdims=True) / m",
    ),
    "compute_cost": ("return float(cost)", "return np.array([[cost]])"),
}


def test_structural_mistakes():
    changes = STRUCTURAL
    extra = {
        "update_parameters": (
            "def update_parameters(parameters, grads, learning_rate=1.2):\n"
            "    for key in ('W1', 'b1', 'W2', 'b2'):\n"
            "        parameters[key] -= learning_rate * grads['d' + key]\n"
            "    return parameters\n"
        ),
    }
    report = grade(_with(changes, extra), A)
    scores = report.function_scores()
    assert "db1'] has shape (1, " in messages(report, "backward_propagation")
    # a (1, 1) array has the right value but is not the number the docstring promises: the
    # value points stay, the returns-a-number check's 0.5 goes
    assert scores["compute_cost"] == (1.5, 2.0)
    assert "should be a number" in messages(report, "compute_cost")
    assert "np.squeeze" in messages(report, "compute_cost")
    # updating in place gets the numbers right but changes the caller's dict
    assert scores["update_parameters"][0] < scores["update_parameters"][1]
    assert "changed its input" in messages(report, "update_parameters")


# -- correct alternatives: must keep every point ------------------------------------------------

ALTERNATIVES = {
    "layer_sizes": "def layer_sizes(X, Y):\n    return [X.shape[0], 4, Y.shape[0]]\n",
    "forward_propagation": (
        "def forward_propagation(X, parameters):\n"
        "    W1, b1, W2, b2 = (parameters[k] for k in ('W1', 'b1', 'W2', 'b2'))\n"
        "    Z1 = np.dot(W1, X) + b1\n"
        "    A1 = (np.exp(Z1) - np.exp(-Z1)) / (np.exp(Z1) + np.exp(-Z1))\n"
        "    Z2 = np.dot(W2, A1) + b2\n"
        "    A2 = 1 / (1 + np.exp(-Z2))\n"
        "    return A2, {'Z1': Z1, 'A1': A1, 'Z2': Z2, 'A2': A2}\n"
    ),
    "compute_cost": (
        "def compute_cost(A2, Y):\n"
        "    m = Y.shape[1]\n"
        "    total = 0.0\n"
        "    for i in range(m):\n"
        "        y, a = Y[0, i], A2[0, i]\n"
        "        total += y * math.log(a) + (1 - y) * math.log(1 - a)\n"
        "    return -total / m\n"
    ),
    "backward_propagation": (
        "def backward_propagation(parameters, cache, X, Y):\n"
        "    m = X.shape[1]\n"
        "    dZ2 = cache['A2'] - Y\n"
        "    dZ1 = np.multiply(np.dot(parameters['W2'].T, dZ2), 1 - np.power(cache['A1'], 2))\n"
        "    return {'dW2': (1 / m) * np.dot(dZ2, cache['A1'].T),\n"
        "            'db2': (1 / m) * dZ2.sum(axis=1).reshape(-1, 1),\n"
        "            'dW1': (1 / m) * np.dot(dZ1, X.T),\n"
        "            'db1': np.mean(dZ1, axis=1, keepdims=True)}\n"
    ),
    "update_parameters": (
        "def update_parameters(parameters, grads, learning_rate=1.2):\n"
        "    new = copy.deepcopy(parameters)\n"
        "    for key in new:\n"
        "        new[key] = new[key] - learning_rate * grads['d' + key]\n"
        "    return new\n"
    ),
    "predict": (
        "def predict(parameters, X):\n"
        "    A2, _ = forward_propagation(X, parameters)\n"
        "    return A2 > 0.5\n"
    ),
}


def test_correct_alternatives_keep_full_marks():
    report = grade(_with(extra=ALTERNATIVES), A)
    assert report.full_marks, report.render_text()
    assert report.max_score == pytest.approx(14.0)
