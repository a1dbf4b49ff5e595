"""Grading C1W4_deep_nn_application end to end: solutions, the bare release, mistakes,
alternatives.

Each grade trains the submission's models on small inputs in a fresh worker (a few seconds).
``two_layer_model`` and ``L_layer_model`` do not call each other, so every submission carries
one mistake in each, and the assertions are made per function.
"""

from __future__ import annotations

import pytest

from tests.autograder.helpers import function_points, grade, messages, submission

A = "C1W4_deep_nn_application"

TWO_HEAD = (
    "def two_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,\n"
    "                    print_cost=False, *, rng):\n"
)
L_HEAD = (
    "def L_layer_model(X, Y, layers_dims, learning_rate=0.0075, num_iterations=3000,\n"
    "                  print_cost=False, *, rng):\n"
)


def _body(text: str) -> str:
    return "".join(f"    {line}\n" for line in text.strip("\n").splitlines())


def _two(
    init="initialize_parameters(n_x, n_h, n_y, rng=rng)", *, stale=False, sign="-", hidden="relu"
) -> str:
    """A classic two_layer_model with one knob turned."""
    read = "W1, b1, W2, b2 = (parameters[k] for k in ('W1', 'b1', 'W2', 'b2'))"
    return TWO_HEAD + _body(f"""
grads = {{}}
costs = []
n_x, n_h, n_y = layers_dims
parameters = {init}
{read if stale else ""}
for i in range(num_iterations):
    {"" if stale else read}
    A1, cache1 = linear_activation_forward(X, W1, b1, "{hidden}")
    A2, cache2 = linear_activation_forward(A1, W2, b2, "sigmoid")
    cost = compute_cost(A2, Y)
    dA2 = {sign}(np.divide(Y, A2) - np.divide(1 - Y, 1 - A2))
    dA1, dW2, db2 = linear_activation_backward(dA2, cache2, "sigmoid")
    dA0, dW1, db1 = linear_activation_backward(dA1, cache1, "{hidden}")
    grads = {{"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}}
    parameters = update_parameters(parameters, grads, learning_rate)
    if i % 100 == 0 or i == num_iterations - 1:
        costs.append(cost)
return parameters, costs
""")


def _L(
    init="initialize_parameters_xavier(layers_dims, rng=rng)",
    *,
    lr="learning_rate",
    record="i % 100 == 0 or i == num_iterations - 1",
    cost_after=False,
) -> str:
    """A classic L_layer_model with one knob turned."""
    probe = "cost = compute_cost(L_model_forward(X, parameters)[0], Y)" if cost_after else ""
    return L_HEAD + _body(f"""
costs = []
parameters = {init}
for i in range(num_iterations):
    AL, caches = L_model_forward(X, parameters)
    cost = compute_cost(AL, Y)
    grads = L_model_backward(AL, Y, caches)
    parameters = update_parameters(parameters, grads, {lr})
    {probe}
    if {record}:
        costs.append(cost)
return parameters, costs
""")


def _assert_lost(report, function, hint):
    got, available = function_points(report)[function]
    assert got < available, function
    assert hint in messages(report, function), (function, messages(report, function))


def test_solution_gets_full_marks():
    report = grade(submission(A), A)
    points = function_points(report)
    assert sorted(points) == ["L_layer_model", "two_layer_model"]
    for function, (got, available) in points.items():
        assert got == pytest.approx(available), (function, messages(report, function))


def test_untouched_release_gets_zero():
    report = grade(submission(A, solved=False), A)
    assert report.max_score > 0
    assert report.score == 0
    assert "not implemented" in messages(report, "two_layer_model")


MISTAKES = [
    {
        "two_layer_model": (
            _two("initialize_parameters_xavier(list(layers_dims), rng=rng)"),
            "initializes with initialize_parameters(n_x, n_h, n_y, rng=rng)",
        ),
        "L_layer_model": (
            _L("initialize_parameters_deep(layers_dims, rng=rng)"),
            "not initialize_parameters_deep's 0.01 scale",
        ),
    },
    {
        "two_layer_model": (_two(stale=True), "read W1, b1, W2, b2"),
        "L_layer_model": (_L(lr="0.0075"), "pass the learning_rate argument"),
    },
    {
        "two_layer_model": (_two(sign=""), "climbs the cost"),
        "L_layer_model": (_L(record="True"), "record the cost only when i % 100 == 0"),
    },
    {
        "two_layer_model": (_two(hidden="sigmoid"), "the hidden layer is LINEAR -> RELU"),
        "L_layer_model": (_L(cost_after=True), "before update_parameters"),
    },
]


@pytest.mark.parametrize(
    "mistakes",
    MISTAKES,
    ids=["init", "stale-and-rate", "sign-and-record", "hidden-and-cost-timing"],
)
def test_classic_mistakes_lose_points_and_show_their_hint(mistakes):
    answers = {function: source for function, (source, _) in mistakes.items()}
    report = grade(submission(A, answers), A)
    for function, (_, hint) in mistakes.items():
        _assert_lost(report, function, hint)


# Correct alternatives: the 2-layer model through L_model_forward/L_model_backward and a while
# loop; the L-layer model with its own layer loop, np.dot, costs as numpy floats.
ALTERNATIVES = {
    "two_layer_model": TWO_HEAD
    + _body("""
parameters = initialize_parameters(*layers_dims, rng=rng)
costs = []
i = 0
while i < num_iterations:
    AL, caches = L_model_forward(X, parameters)
    if i % 100 == 0 or i == num_iterations - 1:
        costs.append(compute_cost(AL, Y))
        if print_cost:
            print("Cost after iteration {}: {}".format(i, costs[-1]))
    parameters = update_parameters(parameters, L_model_backward(AL, Y, caches), learning_rate)
    i += 1
return parameters, costs
"""),
    "L_layer_model": L_HEAD
    + _body("""
import copy
parameters = copy.deepcopy(initialize_parameters_xavier(layers_dims, rng=rng))
L = len(layers_dims) - 1
m = X.shape[1]
costs = []
for i in range(num_iterations):
    A, caches = X, []
    for l in range(1, L + 1):
        A, cache = linear_activation_forward(A, parameters[f"W{l}"], parameters[f"b{l}"],
                                             "sigmoid" if l == L else "relu")
        caches.append(cache)
    cost = -(np.dot(Y, np.log(A).T) + np.dot(1 - Y, np.log(1 - A).T)) / m
    dA = -(Y / A - (1 - Y) / (1 - A))
    for l in range(L, 0, -1):
        dA, dW, db = linear_activation_backward(dA, caches[l - 1], "sigmoid" if l == L else "relu")
        parameters[f"W{l}"] -= learning_rate * dW
        parameters[f"b{l}"] -= learning_rate * db
    if i % 100 == 0 or i == num_iterations - 1:
        costs.append(np.squeeze(cost))
return parameters, costs
"""),
}


# More alternatives: the 2-layer model in plain numpy (no helpers; dZ2 = A2 - Y directly, the
# sigmoid and ReLU written out, its own cost and initialization draws); the L-layer model with
# the costs kept as numpy float64 and the recording done before the update.
PLAIN_NUMPY = {
    "two_layer_model": TWO_HEAD
    + _body("""
n_x, n_h, n_y = layers_dims
W1 = rng.standard_normal((n_h, n_x)) * 0.01
W2 = rng.standard_normal((n_y, n_h)) * 0.01
b1, b2 = np.zeros((n_h, 1)), np.zeros((n_y, 1))
m = X.shape[1]
costs = []
for i in range(num_iterations):
    Z1 = W1 @ X + b1
    A1 = np.maximum(Z1, 0)
    A2 = 1 / (1 + np.exp(-(W2 @ A1 + b2)))
    if i % 100 == 0 or i == num_iterations - 1:
        costs.append(-np.mean(Y * np.log(A2) + (1 - Y) * np.log(1 - A2)))
    dZ2 = A2 - Y
    dW2, db2 = dZ2 @ A1.T / m, dZ2.mean(axis=1, keepdims=True)
    dZ1 = (W2.T @ dZ2) * (Z1 > 0)
    dW1, db1 = dZ1 @ X.T / m, dZ1.mean(axis=1, keepdims=True)
    W1, b1, W2, b2 = W1 - learning_rate * dW1, b1 - learning_rate * db1, \
        W2 - learning_rate * dW2, b2 - learning_rate * db2
return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}, costs
"""),
    "L_layer_model": L_HEAD
    + _body("""
parameters = initialize_parameters_xavier(layers_dims, rng=rng)
costs = []
for i in range(0, num_iterations):
    AL, caches = L_model_forward(X, parameters)
    if i % 100 == 0 or i == num_iterations - 1:
        costs.append(np.float64(compute_cost(AL, Y)))
    grads = L_model_backward(AL, Y, caches)
    parameters = update_parameters(parameters, grads, learning_rate=learning_rate)
return parameters, costs
"""),
}


@pytest.mark.parametrize("answers", [ALTERNATIVES, PLAIN_NUMPY], ids=["blocks", "plain-numpy"])
def test_correct_alternatives_keep_full_marks(answers):
    report = grade(submission(A, answers), A)
    for function, (got, available) in function_points(report).items():
        assert got == pytest.approx(available), (function, messages(report, function))
