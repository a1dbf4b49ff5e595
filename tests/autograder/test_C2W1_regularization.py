"""Grading C2W1_regularization: correct alternatives keep full marks; masks kept across calls
lose points; the wrong variants are the mistakes they name.

Full marks for the solution, 0 for the blank release and every sample's own hint
(``suites/C2W1_regularization/samples.toml``) are checked for every assignment in
``test_assignments.py`` and ``test_hints.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograder.kit import mistakes
from autograder.suites.C2W1_regularization import suite
from dlutils import model_selection, regularization
from tests.autograder.helpers import function_points, grade, messages, submission

A = "C2W1_regularization"


def _fn(signature: str, body: str) -> str:
    lines = body.strip("\n").splitlines()
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in lines)


# One correct alternative per function: np.take and cumulative cut points, math.isclose at the
# boundary, the Frobenius norm, the ReLU derivative read from Z, the 1-norm of the flattened
# weights, boolean masks with np.where, np.ptp for constant features, the distance from the best
# epoch as the patience count.
FIRST = {
    "split_train_dev_test": _fn(
        "split_train_dev_test(X, Y, fractions, *, rng)",
        """
m = X.shape[1]
n_train = int(round(fractions[0] * m))
n_dev = min(int(round(fractions[1] * m)), m - n_train)
order = rng.permutation(m)
cuts = np.cumsum([n_train, n_dev])
parts = np.split(order, cuts)
return tuple(np.take(A, part, axis=1) for part in parts for A in (X, Y))
""",
    ),
    "diagnose_fit": _fn(
        "diagnose_fit(train_error, dev_error, bayes_error=0.0)",
        """
import math
def high(gap):
    return gap > 0.05 and not math.isclose(gap, 0.05, rel_tol=0, abs_tol=1e-12)
names = {(True, True): "high bias and high variance", (True, False): "high bias",
         (False, True): "high variance", (False, False): "low bias and low variance"}
return names[(high(train_error - bayes_error), high(dev_error - train_error))]
""",
    ),
    "compute_cost_with_regularization": _fn(
        "compute_cost_with_regularization(A3, Y, parameters, lambd)",
        """
m = Y.shape[1]
weights = [value for key, value in parameters.items() if key.startswith("W")]
penalty = sum(np.linalg.norm(W, "fro") ** 2 for W in weights)
return compute_cost(A3, Y) + lambd * penalty / (2 * m)
""",
    ),
    "backward_propagation_with_regularization": _fn(
        "backward_propagation_with_regularization(X, Y, cache, lambd)",
        """
Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
m = X.shape[1]
g = {"dZ3": A3 - Y}
g["dW3"] = (g["dZ3"] @ A2.T + lambd * W3) / m
g["db3"] = g["dZ3"].mean(axis=1, keepdims=True)
g["dA2"] = W3.T @ g["dZ3"]
g["dZ2"] = g["dA2"] * (Z2 > 0)
g["dW2"] = (g["dZ2"] @ A1.T + lambd * W2) / m
g["db2"] = g["dZ2"].mean(axis=1).reshape(-1, 1)
g["dA1"] = W2.T @ g["dZ2"]
g["dZ1"] = np.where(Z1 > 0, g["dA1"], 0.0)
g["dW1"] = (g["dZ1"] @ X.T + lambd * W1) / m
g["db1"] = np.sum(g["dZ1"], axis=1, keepdims=True) / m
return g
""",
    ),
    "compute_cost_with_l1_regularization": _fn(
        "compute_cost_with_l1_regularization(A3, Y, parameters, lambd)",
        """
m = Y.shape[1]
L = len(parameters) // 2
total = sum(np.linalg.norm(parameters[f"W{l}"].ravel(), 1) for l in range(1, L + 1))
return float(compute_cost(A3, Y) + lambd / (2 * m) * total)
""",
    ),
    "forward_propagation_with_dropout": _fn(
        "forward_propagation_with_dropout(X, parameters, keep_prob=0.5, *, rng)",
        """
W1, b1, W2, b2, W3, b3 = [parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3")]
Z1 = W1 @ X + b1
D1 = rng.random(Z1.shape) < keep_prob
A1 = np.where(D1, np.maximum(Z1, 0) / keep_prob, 0.0)
Z2 = W2 @ A1 + b2
D2 = rng.random(Z2.shape) < keep_prob
A2 = np.where(D2, np.maximum(Z2, 0) / keep_prob, 0.0)
Z3 = W3 @ A2 + b3
A3 = 1 / (1 + np.exp(-Z3))
return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
""",
    ),
    "backward_propagation_with_dropout": _fn(
        "backward_propagation_with_dropout(X, Y, cache, keep_prob)",
        """
Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
m = X.shape[1]
dZ3 = A3 - Y
dA2 = np.where(D2 != 0, W3.T @ dZ3 / keep_prob, 0.0)
dZ2 = dA2 * (Z2 > 0)
dA1 = np.where(D1 != 0, W2.T @ dZ2 / keep_prob, 0.0)
dZ1 = dA1 * (Z1 > 0)
return {"dZ3": dZ3, "dW3": dZ3 @ A2.T / m, "db3": dZ3.sum(axis=1, keepdims=True) / m,
        "dA2": dA2, "dZ2": dZ2, "dW2": dZ2 @ A1.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m,
        "dA1": dA1, "dZ1": dZ1, "dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m}
""",
    ),
    "normalize_inputs": _fn(
        "normalize_inputs(X_train, X_test)",
        """
mu = X_train.mean(axis=1, keepdims=True)
sigma = np.sqrt(((X_train - mu) ** 2).mean(axis=1, keepdims=True))
constant = np.ptp(X_train, axis=1, keepdims=True) == 0
mu = np.where(constant, X_train[:, [0]], mu)
sigma = np.where(constant, 1.0, sigma)
return (X_train - mu) / sigma, (X_test - mu) / sigma
""",
    ),
    "early_stopping_epoch": _fn(
        "early_stopping_epoch(dev_costs, patience)",
        """
best = 0
for epoch, cost in enumerate(dev_costs):
    if cost < dev_costs[best]:
        best = epoch
    elif epoch - best >= patience:
        break
return best
""",
    ),
}

# Second alternatives for five functions (np.random-free transposed indexing, nested ifs, einsum,
# a loop over the layers, np.multiply with float masks and a while loop), and one mistake that
# only the repeated shapes of the public cases catch: masks kept from an earlier call.
SECOND = {
    "split_train_dev_test": _fn(
        "split_train_dev_test(X, Y, fractions, *, rng)",
        """
m = X.shape[1]
perm = rng.permutation(m)
n_train = round(m * fractions[0])
n_dev = min(round(m * fractions[1]), m - n_train)
Xs, Ys = X.T[perm].T, Y.T[perm].T
a, b = n_train, n_train + n_dev
train, dev = (Xs[:, :a].copy(), Ys[:, :a].copy()), (Xs[:, a:b].copy(), Ys[:, a:b].copy())
return (*train, *dev, Xs[:, b:], Ys[:, b:])
""",
    ),
    "diagnose_fit": _fn(
        "diagnose_fit(train_error, dev_error, bayes_error=0.0)",
        """
bias = round(train_error - bayes_error, 12)
variance = round(dev_error - train_error, 12)
if bias > 0.05:
    if variance > 0.05:
        return "high bias and high variance"
    return "high bias"
else:
    if variance > 0.05:
        return "high variance"
    return "low bias and low variance"
""",
    ),
    "compute_cost_with_regularization": _fn(
        "compute_cost_with_regularization(A3, Y, parameters, lambd)",
        """
m = Y.shape[1]
penalty = 0.0
for l in range(1, len(parameters) // 2 + 1):
    W = parameters["W" + str(l)]
    penalty += np.einsum("ij,ij->", W, W)
return compute_cost(A3, Y) + (lambd / (2 * m)) * penalty
""",
    ),
    "backward_propagation_with_regularization": _fn(
        "backward_propagation_with_regularization(X, Y, cache, lambd)",
        """
Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
m = X.shape[1]
inputs = {1: X, 2: A1, 3: A2}
Zs, Ws = {1: Z1, 2: Z2}, {1: W1, 2: W2, 3: W3}
grads = {"dZ3": A3 - Y}
for l in (3, 2, 1):
    if l < 3:
        grads[f"dA{l}"] = Ws[l + 1].T @ grads[f"dZ{l + 1}"]
        grads[f"dZ{l}"] = np.multiply(grads[f"dA{l}"], Zs[l] > 0)
    dZ = grads[f"dZ{l}"]
    grads[f"dW{l}"] = np.dot(dZ, inputs[l].T) / m + lambd / m * Ws[l]
    grads[f"db{l}"] = np.sum(dZ, axis=1, keepdims=True) / m
return grads
""",
    ),
    "forward_propagation_with_dropout": _fn(
        "forward_propagation_with_dropout(X, parameters, keep_prob=0.5, *, rng)",
        """
global _KEPT
try:
    _KEPT
except NameError:
    _KEPT = {}
W1, b1, W2, b2, W3, b3 = [parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3")]
Z1 = W1 @ X + b1
D1 = _KEPT.setdefault(Z1.shape, (rng.random(Z1.shape) < keep_prob).astype(float))
A1 = relu(Z1) * D1 / keep_prob
Z2 = W2 @ A1 + b2
D2 = _KEPT.setdefault(Z2.shape, (rng.random(Z2.shape) < keep_prob).astype(float))
A2 = relu(Z2) * D2 / keep_prob
Z3 = W3 @ A2 + b3
A3 = sigmoid(Z3)
return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
""",
    ),
    "backward_propagation_with_dropout": _fn(
        "backward_propagation_with_dropout(X, Y, cache, keep_prob)",
        """
Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
m = X.shape[1]
g = {"dZ3": A3 - Y}
g["dW3"] = np.dot(g["dZ3"], A2.T) / m
g["db3"] = np.sum(g["dZ3"], axis=1, keepdims=True) / m
g["dA2"] = np.multiply(np.dot(W3.T, g["dZ3"]), D2) / keep_prob
g["dZ2"] = np.multiply(g["dA2"], np.int64(A2 > 0))
g["dW2"] = np.dot(g["dZ2"], A1.T) / m
g["db2"] = np.sum(g["dZ2"], axis=1, keepdims=True) / m
g["dA1"] = np.multiply(np.dot(W2.T, g["dZ2"]), D1) / keep_prob
g["dZ1"] = np.multiply(g["dA1"], np.int64(A1 > 0))
g["dW1"] = np.dot(g["dZ1"], X.T) / m
g["db1"] = np.sum(g["dZ1"], axis=1, keepdims=True) / m
return g
""",
    ),
    "early_stopping_epoch": _fn(
        "early_stopping_epoch(dev_costs, patience)",
        """
best_epoch, best_cost, epoch, waited = 0, dev_costs[0], 1, 0
while epoch < len(dev_costs) and waited < patience:
    if dev_costs[epoch] < best_cost:
        best_epoch, best_cost, waited = epoch, dev_costs[epoch], 0
    else:
        waited += 1
    epoch += 1
return best_epoch
""",
    ),
}
KEPT_MASKS = "forward_propagation_with_dropout"


def _full_marks(report, functions):
    points = function_points(report)
    for function in functions:
        got, available = points[function]
        assert available > 0 and got == pytest.approx(available), (
            function,
            messages(report, function),
        )


@pytest.mark.slow
def test_correct_alternatives_keep_full_marks():
    _full_marks(grade(submission(A, FIRST), A), FIRST)


@pytest.mark.slow
def test_second_alternatives_keep_full_marks_and_kept_masks_lose_points():
    report = grade(submission(A, SECOND), A)
    _full_marks(report, [function for function in SECOND if function != KEPT_MASKS])
    got, available = function_points(report)[KEPT_MASKS]
    assert got == 0 < available
    assert "keep_prob=0.5" in messages(report, KEPT_MASKS)


# -- the wrong variants, against the wrong code written out by hand ----------------------------


def test_diagnose_fit_variants_on_the_lectures_rows():
    # 15 % / 16 %: variance read as the dev error (16 % > 5 %) adds "high variance".
    wrong = dict((m.name, v) for m, v in suite._diagnose_mistakes(0.15, 0.16))
    assert wrong["diagnose_variance_from_zero"] == "high bias and high variance"
    # 15 % / 16 % with a Bayes error of 15 %: ignoring it leaves "high bias".
    wrong = dict((m.name, v) for m, v in suite._diagnose_mistakes(0.15, 0.16, 0.15))
    assert wrong["diagnose_no_bayes"] == "high bias"
    assert model_selection.diagnose_fit(0.15, 0.16, 0.15) == "low bias and low variance"
    # A gap of exactly 5 points is not high; >= makes it high.
    wrong = dict((m.name, v) for m, v in suite._diagnose_mistakes(0.02, 0.07))
    assert (model_selection.diagnose_fit(0.02, 0.07), wrong["diagnose_boundary"]) == (
        "low bias and low variance",
        "high variance",
    )


def test_early_stopping_variants_on_the_docstring_example():
    costs, patience = [5.0, 4.0, 4.0, 3.0, 3.5, 3.2, 1.0], 2
    assert model_selection.early_stopping_epoch(costs, patience) == 3
    found = {}
    for mistake, value in suite._stopping_mistakes(costs, patience):
        found.setdefault(mistake.name, set()).add(value)
    # Stopped after epoch 5 = 3 + 2; the 1 at epoch 6; one epoch less or more of patience;
    # 1-based. A tie counted as an improvement moves the best epoch only where the tie is last.
    assert found["early_stop_stop_epoch"] == {5}
    assert found["early_stop_no_patience"] == {6}
    assert found["early_stop_count"] == {1, 6}  # stops at the tie of epoch 2; sees epoch 6
    assert found["early_stop_one_based"] == {4}
    assert suite._stopping(costs, patience, strict=False) == 3
    assert suite._stopping([3.0, 2.0, 2.0, 2.5, 2.6], 2, strict=False) == 2


def _hand_dropout(X, p, keep_prob, seed, *, scale=True, compare=np.less):
    rng = np.random.default_rng(seed)
    A1 = np.maximum(p["W1"] @ X + p["b1"], 0)
    D1 = compare(rng.random(A1.shape), keep_prob)
    A1 = A1 * D1 / (keep_prob if scale else 1)
    A2 = np.maximum(p["W2"] @ A1 + p["b2"], 0)
    D2 = compare(rng.random(A2.shape), keep_prob)
    A2 = A2 * D2 / (keep_prob if scale else 1)
    return 1 / (1 + np.exp(-(p["W3"] @ A2 + p["b3"])))


@pytest.mark.parametrize(
    ("how", "options"),
    [("", {}), ("not inverted", {"scale": False}), ("flipped", {"compare": np.greater})],
)
def test_dropout_variants_are_the_hand_written_code(how, options):
    X, _, parameters = suite._net_case(np.random.default_rng(0), [3, 5, 4, 1], 6)
    got, _ = suite._dropout_forward(X, parameters, 0.7, 11, how=how)
    np.testing.assert_allclose(got, _hand_dropout(X, parameters, 0.7, 11, **options))
    if not how:
        want, _ = regularization.forward_propagation_with_dropout(
            X, parameters, 0.7, rng=np.random.default_rng(11)
        )
        np.testing.assert_allclose(got, want)


def test_normalize_variants_on_a_constant_feature():
    X_train = np.array([[1.0, 2.0, 3.0, 6.0], [2.0, 2.0, 2.0, 2.0]])
    X_test = np.array([[0.0, 4.0], [1.0, 3.0]])
    train, test = model_selection.normalize_inputs(X_train, X_test)
    np.testing.assert_array_equal(train[1], 0.0)
    np.testing.assert_allclose(test[1], [-1.0, 1.0])
    sigma = np.std([1.0, 2.0, 3.0, 6.0])
    variants = suite._normalize_mistakes(X_train, X_test)
    by_name = {mistake.name: value for mistake, value in variants[0]}
    np.testing.assert_allclose(by_name["normalize_by_variance"][0], (X_train[0] - 3) / sigma**2)
    own = {mistake.name: value for mistake, value in variants[1]}["normalize_test_own_statistics"]
    np.testing.assert_allclose(own[0], [-1.0, 1.0])
    assert mistakes.NORMALIZE_TEST_OWN_STATISTICS.name == "normalize_test_own_statistics"
