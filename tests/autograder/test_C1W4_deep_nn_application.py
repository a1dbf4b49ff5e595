"""Grading C1W4_deep_nn_application end to end: classic mistakes beyond the samples and correct
alternatives.

Each grade runs the whole suite in a fresh worker. The samples of
``suites/C1W4_deep_nn_application/samples.toml`` are graded in ``test_hints.py`` (each loses points
and shows its own hint, and no other), and full marks and the blank release's zero in
``test_assignments.py``, as for every assignment.
"""

from __future__ import annotations

import pytest

from autograder import course
from tests.autograder.helpers import function_points, grade, messages, submission

A = "C1W4_deep_nn_application"
SAMPLES = course.samples(A)

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
