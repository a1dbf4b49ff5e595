"""Grading C1W4_deep_nn_step_by_step end to end: mistakes beyond the samples and correct
alternatives.

Each grade runs the whole suite in a fresh worker. The samples of
``suites/C1W4_deep_nn_step_by_step/samples.toml`` are graded in ``test_hints.py`` (each loses points
and shows its own hint, and no other), and full marks and the blank release's zero in
``test_assignments.py``, as for every assignment.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograder import course
from autograder.kit import mistakes
from autograder.kit.spec import Case, Mismatch
from autograder.suites._common import expect_parameters
from tests.autograder.helpers import function_points, grade, messages, submission

A = "C1W4_deep_nn_step_by_step"
SAMPLES = course.samples(A)

FUNCTIONS = [
    "initialize_parameters",
    "initialize_parameters_deep",
    "linear_forward",
    "linear_activation_forward",
    "L_model_forward",
    "compute_cost",
    "linear_backward",
    "linear_activation_backward",
    "L_model_backward",
    "update_parameters",
]


def _fn(signature: str, body: str) -> str:
    lines = body.strip("\n").splitlines()
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in lines)


def _assert_full(report, functions):
    points = function_points(report)
    for function in functions:
        got, available = points[function]
        assert got == pytest.approx(available), (function, messages(report, function))


def _assert_lost(report, function, hint):
    got, available = function_points(report)[function]
    assert got < available, function
    assert hint in messages(report, function), (function, messages(report, function))


def test_updating_in_place_loses_the_inputs_points():
    """Right values, but the caller's arrays are changed in place (the message is the
    comparison's own, not a catalogue hint)."""
    in_place = _fn(
        "update_parameters(params, grads, learning_rate)",
        """
L = len(params) // 2
for l in range(1, L + 1):
    params["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
    params["b" + str(l)] -= learning_rate * grads["db" + str(l)]
return params
""",
    )
    report = grade(submission(A, {"update_parameters": in_place}), A)
    _assert_lost(report, "update_parameters", "changed its input(s)")


# Correct alternatives: np.dot instead of @, loops instead of vectorized sums, a dispatch dict,
# np.dot-based cost squeezed to a number, copy.deepcopy then in-place updates on the copy, a
# different loop order in the backward pass, an explicit float64 cast.
ALTERNATIVES = {
    "initialize_parameters_deep": _fn(
        "initialize_parameters_deep(layer_dims, *, rng)",
        """
shapes = list(zip(layer_dims[1:], layer_dims[:-1]))
weights = [rng.standard_normal(shape) / 100 for shape in shapes]
parameters = {}
for l, (W, (n, _)) in enumerate(zip(weights, shapes), start=1):
    parameters[f"W{l}"] = W
    parameters[f"b{l}"] = np.zeros((n, 1), dtype=np.float64)
return parameters
""",
    ),
    "linear_forward": _fn(
        "linear_forward(A, W, b)",
        """
Z = np.dot(W, A) + b
assert Z.shape == (W.shape[0], A.shape[1])
return Z, (A, W, b)
""",
    ),
    "linear_activation_forward": _fn(
        "linear_activation_forward(A_prev, W, b, activation)",
        """
g = {"sigmoid": sigmoid, "relu": relu}[activation]
Z, linear_cache = linear_forward(A_prev, W, b)
return g(Z), (linear_cache, Z)
""",
    ),
    "compute_cost": _fn(
        "compute_cost(AL, Y)",
        """
m = Y.shape[1]
cost = -(np.dot(Y, np.log(AL).T) + np.dot(1 - Y, np.log(1 - AL).T)) / m
return np.squeeze(cost).item()
""",
    ),
    "linear_backward": _fn(
        "linear_backward(dZ, cache)",
        """
A_prev, W, b = cache
m = A_prev.shape[1]
dW = np.zeros_like(W)
db = np.zeros_like(b)
for i in range(m):
    dW += np.outer(dZ[:, i], A_prev[:, i])
    db[:, 0] += dZ[:, i]
return np.dot(W.T, dZ), dW / m, db / m
""",
    ),
    "linear_activation_backward": _fn(
        "linear_activation_backward(dA, cache, activation)",
        """
linear_cache, activation_cache = cache
if activation == "relu":
    dZ = np.array(dA, copy=True)
    dZ[activation_cache <= 0] = 0
else:
    s = 1 / (1 + np.exp(-activation_cache))
    dZ = dA * s * (1 - s)
return linear_backward(dZ, linear_cache)
""",
    ),
    "L_model_backward": _fn(
        "L_model_backward(AL, Y, caches)",
        """
L = len(caches)
grads = {}
dA = -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))
for l in range(L, 0, -1):
    dA_prev, dW, db = linear_activation_backward(dA, caches[l - 1],
                                                 "sigmoid" if l == L else "relu")
    grads.update({f"dW{l}": dW, f"db{l}": db, f"dA{l - 1}": dA_prev})
    dA = dA_prev
return grads
""",
    ),
    "update_parameters": _fn(
        "update_parameters(params, grads, learning_rate)",
        """
parameters = copy.deepcopy(params)
L = len(parameters) // 2
for l in range(L):
    parameters["W" + str(l + 1)] -= learning_rate * grads["dW" + str(l + 1)]
    parameters["b" + str(l + 1)] -= learning_rate * grads["db" + str(l + 1)]
return parameters
""",
    ),
}


def test_correct_alternatives_keep_full_marks():
    report = grade(submission(A, ALTERNATIVES), A)
    _assert_full(report, FUNCTIONS)


def test_a_deep_initializer_that_stops_one_layer_short_is_told_to_loop_over_every_layer():
    # The classic range(1, len(layer_dims) - 1): W3 and b3 are missing for layer_dims [5, 4, 3, 2].
    want = {f"{k}{l}": np.zeros((2, 1)) for l in (1, 2, 3) for k in "Wb"}
    short = {key: value for key, value in want.items() if not key.endswith("3")}
    with pytest.raises(Mismatch) as failure:
        expect_parameters(short, want, case=Case([5, 4, 3, 2], label="4 layers"))
    assert failure.value.hint == mistakes.INIT_DEEP_LAYERS
    assert "4 entries; expected 6" in failure.value.detail
