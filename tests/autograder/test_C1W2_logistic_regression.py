"""Grading C1W2_logistic_regression end to end: sample mistakes with an exact cost, bookkeeping
mistakes without a catalogue hint, correct alternatives.

Each grade runs the whole suite in a fresh worker. The samples of
``suites/C1W2_logistic_regression/samples.toml`` are graded in ``test_hints.py`` (each loses points
and shows its own hint, and no other), and full marks and the blank release's zero in
``test_assignments.py``, as for every assignment.
"""

from __future__ import annotations

import pytest

from autograder import course
from autograder.kit import mistakes as M
from autograder.samples import solution_answers
from tests.autograder import planted
from tests.autograder.helpers import function_points, grade, messages, submission

A = "C1W2_logistic_regression"
SAMPLES = course.samples(A)


def _fn(signature: str, body: str) -> str:
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in body.splitlines())


_OPTIMIZE_LOOP = """
costs = []
for i in range(num_iterations):
    grads, cost = propagate(w, b, X, Y)
    dw, db = grads["dw"], grads["db"]
    {update}
    if i % {every} == 0:
        costs.append(cost)
return {{"w": w, "b": b}}, {{"dw": dw, "db": db}}, costs
"""


def _optimize(update: str, every: int = 100) -> str:
    body = _OPTIMIZE_LOOP.format(update=update.replace("\n", "\n    "), every=every).strip()
    return _fn(
        "optimize(w, b, X, Y, num_iterations=100, learning_rate=0.009, print_cost=False)", body
    )


MODEL_WITHOUT_RATE = _fn(
    "model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, "
    "print_cost=False)",
    "w, b = initialize_with_zeros(X_train.shape[0])\n"
    "params, grads, costs = optimize(w, b, X_train, Y_train, num_iterations)\n"
    "w, b = params['w'], params['b']\n"
    "return {'costs': costs, 'Y_prediction_test': predict(w, b, X_test),\n"
    "        'Y_prediction_train': predict(w, b, X_train), 'w': w, 'b': b,\n"
    "        'learning_rate': learning_rate, 'num_iterations': num_iterations}",
)


@pytest.mark.parametrize("sample", SAMPLES, ids=lambda sample: sample.function)
def test_each_sample_changes_one_place_in_the_solution(sample):
    assert solution_answers(A)[sample.function].count(sample.old) == 1, sample


def test_an_int_bias_loses_only_the_float_check():
    sample = next(s for s in SAMPLES if s.mistake is M.BIAS_INT)
    points = function_points(planted.graded_batch_losing_points(A, [sample], grade))
    assert points[sample.function][0] == pytest.approx(1.0)


def test_cost_bookkeeping_in_place_updates_and_a_dropped_rate_lose_points():
    answers = {
        # right values, but w is updated in the caller's array (model passes a fresh w, so
        # model's values stay right and its only mistake is the one planted below)
        "optimize": _optimize("w -= learning_rate * dw\nb = b - learning_rate * db"),
        # optimize runs with its default learning rate
        "model": MODEL_WITHOUT_RATE,
    }
    report = grade(submission(A, answers), A)
    failed = {
        t.name.split("[")[0] for t in report.tests if t.function == "optimize" and not t.passed
    }
    assert failed == {"test_optimize_leaves_inputs_alone"}
    assert "in place" in messages(report, "optimize")
    assert function_points(report)["model"][0] == 0
    assert M.MODEL_RATE_NOT_PASSED in messages(report, "model")


ALTERNATIVES = {
    "sigmoid": _fn("sigmoid(z)", "return np.exp(-np.logaddexp(0.0, -z))"),
    "initialize_with_zeros": _fn(
        "initialize_with_zeros(dim)", "return np.zeros(dim).reshape(dim, 1), float(0)"
    ),
    "propagate": _fn(
        "propagate(w, b, X, Y)",
        "n_x, m = X.shape\n"
        "dw = np.zeros((n_x, 1))\n"
        "db = 0.0\n"
        "cost = 0.0\n"
        "for i in range(m):\n"
        "    z = float(np.dot(w[:, 0], X[:, i])) + b\n"
        "    a = 1 / (1 + math.exp(-z))\n"
        "    y = Y[0, i]\n"
        "    cost -= y * math.log(a) + (1 - y) * math.log(1 - a)\n"
        "    dw[:, 0] += (a - y) * X[:, i]\n"
        "    db += a - y\n"
        "return {'dw': dw / m, 'db': db / m}, cost / m",
    ),
    "optimize": _optimize("w = w - learning_rate * dw\nb = b - learning_rate * db"),
    "predict": _fn(
        "predict(w, b, X)",
        "A = sigmoid(np.dot(w.T, X) + b)\n"
        "Y_prediction = np.zeros((1, X.shape[1]), dtype=int)\n"
        "for i in range(A.shape[1]):\n"
        "    Y_prediction[0, i] = 1 if A[0, i] > 0.5 else 0\n"
        "return Y_prediction",
    ),
    "model": _fn(
        "model(X_train, Y_train, X_test, Y_test, num_iterations=2000, learning_rate=0.5, "
        "print_cost=False)",
        "params, _, costs = optimize(*initialize_with_zeros(len(X_train)), X=X_train,\n"
        "                            Y=Y_train, learning_rate=learning_rate,\n"
        "                            num_iterations=num_iterations)\n"
        "d = dict(params, costs=costs, learning_rate=learning_rate,\n"
        "         num_iterations=num_iterations)\n"
        "d['Y_prediction_train'] = predict(params['w'], params['b'], X_train)\n"
        "d['Y_prediction_test'] = predict(params['w'], params['b'], X_test)\n"
        "return d",
    ),
}


def test_correct_alternatives_keep_full_marks():
    report = grade(submission(A, ALTERNATIVES), A)
    for function, (got, available) in function_points(report).items():
        assert got == pytest.approx(available), (function, messages(report, function))


@pytest.mark.parametrize("container", ["np.array(costs)", "tuple(costs)"])
def test_recorded_costs_may_be_any_flat_container(container):
    """The maths does not care whether costs are a list, a tuple or a 1-D array."""
    optimize = _optimize("w = w - learning_rate * dw\nb = b - learning_rate * db").replace(
        'return {"w": w, "b": b}, {"dw": dw, "db": db}, costs',
        f'return {{"w": w, "b": b}}, {{"dw": dw, "db": db}}, {container}',
    )
    assert container in optimize
    report = grade(submission(A, {"optimize": optimize}), A)
    for function in ("optimize", "model"):
        got, available = function_points(report)[function]
        assert got == pytest.approx(available), (function, messages(report, function))
