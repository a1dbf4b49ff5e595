"""Grading C1W4_deep_nn_step_by_step end to end: solutions, the bare release, mistakes,
alternatives.

Each grade runs the whole suite in a fresh worker (one to two seconds). The blocks call each
other (``L_model_forward`` calls the learner's ``linear_activation_forward``, which calls
``linear_forward``), so each submission carries mistakes only in functions that no other
function of that submission's checks depends on, and the assertions are made per function.
"""

from __future__ import annotations

import pytest

from tests.autograder.helpers import function_points, grade, messages, submission

A = "C1W4_deep_nn_step_by_step"

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


@pytest.fixture(scope="module")
def solved_report():
    return grade(submission(A), A)


def test_solution_gets_full_marks(solved_report):
    assert sorted(function_points(solved_report)) == sorted(FUNCTIONS)
    _assert_full(solved_report, FUNCTIONS)
    assert solved_report.score == pytest.approx(solved_report.max_score)


def test_untouched_release_gets_zero():
    report = grade(submission(A, solved=False), A)
    assert report.max_score > 0
    assert report.score == 0
    assert "not implemented" in messages(report, "L_model_backward")


# Leaves and functions whose checks do not go through another graded function.
FIRST = {
    "initialize_parameters": (
        _fn(
            "initialize_parameters(n_x, n_h, n_y, *, rng)",
            """
W1 = rng.standard_normal((n_h, n_x))
W2 = rng.standard_normal((n_y, n_h))
return {"W1": W1, "b1": np.zeros((n_h, 1)), "W2": W2, "b2": np.zeros((n_y, 1))}
""",
        ),
        "scale the random weights by 0.01",
    ),
    "initialize_parameters_deep": (
        _fn(
            "initialize_parameters_deep(layer_dims, *, rng)",
            """
parameters = {}
for l in range(1, len(layer_dims)):
    parameters["W" + str(l)] = rng.standard_normal((layer_dims[l], layer_dims[l - 1])) * 0.01
    parameters["b" + str(l)] = rng.standard_normal((layer_dims[l], 1)) * 0.01
return parameters
""",
        ),
        "biases start at zero",
    ),
    "linear_forward": (
        _fn("linear_forward(A, W, b)", "return np.dot(W, A), (A, W, b)"),
        "add the bias",
    ),
    "compute_cost": (
        _fn(
            "compute_cost(AL, Y)",
            """
m = Y.shape[1]
return float(np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m)
""",
        ),
        "check the sign",
    ),
    "L_model_backward": (
        _fn(
            "L_model_backward(AL, Y, caches)",
            """
grads = {}
L = len(caches)
dA = (Y / AL - (1 - Y) / (1 - AL))
activation = "sigmoid"
for l in reversed(range(1, L + 1)):
    dA, grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(
        dA, caches[l - 1], activation)
    grads["dA" + str(l - 1)] = dA
    activation = "relu"
return grads
""",
        ),
        "dAL = -(Y / AL - (1 - Y) / (1 - AL))",
    ),
    "update_parameters": (
        _fn(
            "update_parameters(params, grads, learning_rate)",
            """
return {k: v + learning_rate * grads["d" + k] for k, v in params.items()}
""",
        ),
        "gradient descent subtracts",
    ),
}

SECOND = {
    "linear_backward": (
        _fn(
            "linear_backward(dZ, cache)",
            """
A_prev, W, b = cache
return W.T @ dZ, dZ @ A_prev.T, np.sum(dZ, axis=1, keepdims=True)
""",
        ),
        "divide by m",
    ),
    "L_model_forward": (
        _fn(
            "L_model_forward(X, parameters)",
            """
caches = []
A = X
L = len(parameters) // 2
for l in range(1, L + 1):
    A, cache = linear_activation_forward(A, parameters["W" + str(l)], parameters["b" + str(l)],
                                         "sigmoid")
    caches.append(cache)
return A, caches
""",
        ),
        "hidden layers ReLU",
    ),
    "update_parameters": (
        # Right values, but the caller's arrays are changed in place.
        _fn(
            "update_parameters(params, grads, learning_rate)",
            """
L = len(params) // 2
for l in range(1, L + 1):
    params["W" + str(l)] -= learning_rate * grads["dW" + str(l)]
    params["b" + str(l)] -= learning_rate * grads["db" + str(l)]
return params
""",
        ),
        "changed its input(s)",
    ),
}

THIRD = {
    "linear_activation_forward": (
        _fn(
            "linear_activation_forward(A_prev, W, b, activation)",
            """
Z, linear_cache = linear_forward(A_prev, W, b)
A = relu(Z) if activation == "sigmoid" else sigmoid(Z)
return A, (linear_cache, Z)
""",
        ),
        "apply the activation named by the argument",
    ),
    "linear_activation_backward": (
        _fn(
            "linear_activation_backward(dA, cache, activation)",
            """
linear_cache, Z = cache
return linear_backward(dA, linear_cache)
""",
        ),
        "multiply by g'(Z)",
    ),
    "L_model_backward": (
        _fn(
            "L_model_backward(AL, Y, caches)",
            """
grads = {}
L = len(caches)
dA = -(Y / AL - (1 - Y) / (1 - AL))
for l in reversed(range(1, L + 1)):
    dA, grads["dW" + str(l)], grads["db" + str(l)] = linear_activation_backward(
        dA, caches[l - 1], "sigmoid" if l == L else "relu")
    grads["dA" + str(l)] = dA
return grads
""",
        ),
        "grads['dA' + str(l - 1)]",
    ),
}


# Functions of each submission that stay correct (and whose checks call no wrong function).
UNTOUCHED = [
    ["linear_backward", "linear_activation_backward"],
    ["initialize_parameters", "linear_forward", "linear_activation_forward", "compute_cost"],
    ["initialize_parameters_deep", "linear_backward", "update_parameters"],
]


@pytest.mark.parametrize(
    ("mistakes", "untouched"),
    list(zip([FIRST, SECOND, THIRD], UNTOUCHED, strict=True)),
    ids=["first", "second", "third"],
)
def test_classic_mistakes_lose_points_and_show_their_hint(mistakes, untouched):
    answers = {function: source for function, (source, _) in mistakes.items()}
    report = grade(submission(A, answers), A)
    for function, (_, hint) in mistakes.items():
        _assert_lost(report, function, hint)
    _assert_full(report, untouched)


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
