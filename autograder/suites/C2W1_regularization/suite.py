"""Grading suite for C2W1_regularization: splits, bias and variance, L2 and L1, dropout,
input normalization, early stopping.

Expected values come from :mod:`dlutils.model_selection` and :mod:`dlutils.regularization`.
Each classic mistake is a wrong variant computed in the judge from the case's own inputs (and
seed), paired with its catalogue hint (:mod:`autograder.kit.mistakes`), so that a hint shows
only when the submission's value is that mistake's. The answer cells may call the given
:mod:`dlutils.activations` (``relu``, ``sigmoid``) and :mod:`dlutils.losses` (``compute_cost``).
"""

from __future__ import annotations

from functools import partial

import numpy as np

from autograder.kit import mistakes as M
from autograder.kit.checks import (
    leaves_inputs_alone,
    matches_finite_differences,
    matches_reference,
    returns_float,
)
from autograder.kit.spec import Case, Seed, graded
from autograder.learner.compare import (
    expect_array,
    expect_dict,
    expect_equal,
    expect_scalar,
    expect_tuple,
)
from autograder.suites._common import labels
from dlutils import gradcheck
from dlutils import model_selection as ref_select
from dlutils import regularization as ref
from dlutils.activations import relu, sigmoid
from dlutils.losses import compute_cost

ASSIGNMENT = "C2W1_regularization"

_fixed = np.random.default_rng(20261130)

# -- split_train_dev_test --------------------------------------------------------------------

_SPLIT_NAMES = ("X_train", "Y_train", "X_dev", "Y_dev", "X_test", "Y_test")
_HIDDEN_FRACTIONS = [(0.6, 0.2, 0.2), (0.8, 0.1, 0.1), (0.7, 0.15, 0.15), (0.98, 0.01, 0.01)]


def _cut(X, Y, columns, n_train, n_dev):
    """The six arrays for the column order ``columns`` and the sizes given."""
    parts = columns[:n_train], columns[n_train : n_train + n_dev], columns[n_train + n_dev :]
    return tuple(array[:, part] for part in parts for array in (X, Y))


def _split_mistakes(X, Y, fractions, *, rng):
    """Per returned item: no shuffle, sizes by int() (floor), X and Y shuffled apart."""
    m = X.shape[1]
    n_train = int(round(fractions[0] * m))
    n_dev = min(int(round(fractions[1] * m)), m - n_train)
    floor_train = int(fractions[0] * m)
    floor_dev = min(int(fractions[1] * m), m - floor_train)
    generator = rng.generator()
    perm = generator.permutation(m)
    perm_y = generator.permutation(m)
    x_only, y_only = _cut(X, Y, perm, n_train, n_dev), _cut(X, Y, perm_y, n_train, n_dev)
    apart = tuple(x_only[i] if i % 2 == 0 else y_only[i] for i in range(6))
    return M.by_key(
        [
            (M.SPLIT_NO_SHUFFLE, _cut(X, Y, np.arange(m), n_train, n_dev)),
            (M.SPLIT_FLOOR, _cut(X, Y, perm, floor_train, floor_dev)),
            (M.SPLIT_TWO_PERMUTATIONS, apart),
        ]
    )


def _split_case(rng, n_x=None, m=None, fractions=None, seed=None):
    label = f"X ({n_x}, {m}), fractions={fractions}" if n_x else ""
    if not n_x:
        n_x, m = int(rng.integers(1, 5)), int(rng.integers(12, 120))
        fractions = _HIDDEN_FRACTIONS[int(rng.integers(len(_HIDDEN_FRACTIONS)))]
        seed = int(rng.integers(2**31))
    # Distinct values in every column, so that any change of the column order shows.
    X = np.round(rng.standard_normal((n_x, m)), 3) + np.arange(m) / 1000
    return Case(X, labels(rng, m), fractions, rng=Seed(seed), label=label)


_SPLIT7 = _split_case(_fixed, 3, 7, (0.5, 0.25, 0.25), 4)
_SPLIT10 = _split_case(_fixed, 2, 10, (0.6, 0.2, 0.2), 12)
_SPLIT9 = _split_case(_fixed, 2, 9, (0.7, 0.2, 0.1), 5)


@graded("split_train_dev_test", points=2, public=[_SPLIT7, _SPLIT10, _SPLIT9], hidden=_split_case)
def test_split_train_dev_test(student, case):
    got = expect_tuple(
        student.split_train_dev_test(*case.args, **case.kwargs),
        6,
        name="split_train_dev_test(X, Y, fractions, rng=rng)",
    )
    want = case.run(ref_select.split_train_dev_test)
    wrong = _split_mistakes(*case.args, **case.kwargs)
    for i, name in enumerate(_SPLIT_NAMES):
        expect_array(got[i], want[i], name=name, case=case, mistakes=wrong[i])


test_split_train_dev_test_leaves_inputs_alone = leaves_inputs_alone(
    "split_train_dev_test", points=0.25, public=[_SPLIT10]
)

# -- diagnose_fit ----------------------------------------------------------------------------


def _diagnosis(high_bias: bool, high_variance: bool) -> str:
    if high_bias and high_variance:
        return "high bias and high variance"
    if high_bias:
        return "high bias"
    if high_variance:
        return "high variance"
    return "low bias and low variance"


def _diagnose_mistakes(train_error, dev_error, bayes_error=0.0):
    """The classic wrong diagnoses: variance measured from 0 (or from the Bayes error), the
    Bayes error ignored, a gap of exactly 5 points counted as high."""
    bias, variance = round(train_error - bayes_error, 12), round(dev_error - train_error, 12)
    limit = 0.05
    return [
        (M.DIAGNOSE_VARIANCE_FROM_ZERO, _diagnosis(bias > limit, dev_error > limit)),
        (M.DIAGNOSE_VARIANCE_FROM_ZERO, _diagnosis(bias > limit, dev_error - bayes_error > limit)),
        (M.DIAGNOSE_NO_BAYES, _diagnosis(train_error > limit, variance > limit)),
        (M.DIAGNOSE_BOUNDARY, _diagnosis(bias >= limit, variance >= limit)),
    ]


def _diagnose_case(rng):
    """Errors in [0, 0.5] to 4 decimals, no gap within 0.001 of the 5-point threshold."""
    while True:
        bayes = float(rng.choice([0.0, 0.0, round(float(rng.uniform(0, 0.1)), 4)]))
        train = round(bayes + float(rng.uniform(0, 0.2)), 4)
        dev = round(train + float(rng.uniform(0, 0.2)), 4)
        if all(abs(gap - 0.05) > 1e-3 for gap in (train - bayes, dev - train, dev, dev - bayes)):
            return Case(train, dev, bayes) if bayes else Case(train, dev)


# The lecture's four rows, then a Bayes error of 15 % and a gap of exactly 5 points.
_SEED_ROWS = [(0.01, 0.11), (0.15, 0.16), (0.15, 0.30), (0.005, 0.01)]
_DIAGNOSE_PUBLIC = [Case(t, d, label=f"train {t:.1%}, dev {d:.1%}") for t, d in _SEED_ROWS] + [
    Case(0.15, 0.16, 0.15, label="train 15%, dev 16%, Bayes 15%"),
    Case(0.02, 0.07, label="train 2%, dev 7% (a gap of exactly 5 points)"),
]


@graded("diagnose_fit", points=1.5, public=_DIAGNOSE_PUBLIC, hidden=_diagnose_case, n_hidden=4)
def test_diagnose_fit(student, case):
    got = student.diagnose_fit(*case.args)
    want = case.run(ref_select.diagnose_fit)
    hints = {hint for hint, wrong in _diagnose_mistakes(*case.args) if wrong == got != want}
    name = "diagnose_fit(train_error, dev_error, bayes_error)"
    expect_equal(got, want, name=name, case=case, hint=hints.pop() if len(hints) == 1 else "")


# -- the 3-layer net: inputs -----------------------------------------------------------------


def _parameters(rng, dims):
    """W[l] ~ N(0, 1) / sqrt(n[l-1]) and b[l] ~ N(0, 0.3^2): non-zero biases, so that a
    penalty that sums the biases too shows."""
    parameters = {}
    for layer in range(1, len(dims)):
        shape = (dims[layer], dims[layer - 1])
        parameters[f"W{layer}"] = rng.standard_normal(shape) / np.sqrt(shape[1])
        parameters[f"b{layer}"] = rng.standard_normal((dims[layer], 1)) * 0.3
    return parameters


def _net_dims(rng):
    return [int(rng.integers(1, 6)), int(rng.integers(2, 8)), int(rng.integers(2, 6)), 1]


def _cost_case(rng, dims=None, m=None, lambd=None):
    label = f"layers {dims}, m={m}, lambd={lambd}" if dims else ""
    if not dims:
        dims, m = _net_dims(rng), int(rng.integers(2, 60))
        lambd = round(float(rng.uniform(0.01, 2.0)), 3)
    parameters = _parameters(rng, dims)
    X = rng.standard_normal((dims[0], m))
    A3, _ = ref.forward_propagation(X, parameters)
    return Case(A3, labels(rng, m), parameters, lambd, label=label)


def _penalties(parameters):
    """``(sum of W**2, sum of |W|, sum of W, sum of every parameter**2)`` over the weights."""
    weights = [value for key, value in parameters.items() if key.startswith("W")]
    return (
        sum(float((W * W).sum()) for W in weights),
        sum(float(np.abs(W).sum()) for W in weights),
        sum(float(W.sum()) for W in weights),
        sum(float((value * value).sum()) for value in parameters.values()),
    )


def _l2_mistakes(A3, Y, parameters, lambd):
    m, cross_entropy = Y.shape[1], float(compute_cost(A3, Y))
    squares, absolutes, _, everything = _penalties(parameters)
    return [
        (M.L2_COST_NO_M, cross_entropy + lambd / 2 * squares),
        (M.L2_COST_NO_HALF, cross_entropy + lambd / m * squares),
        (M.L2_COST_BIASES, cross_entropy + lambd / (2 * m) * everything),
        (M.L2_COST_NO_CROSS_ENTROPY, lambd / (2 * m) * squares),
        (M.L2_COST_ABS, cross_entropy + lambd / (2 * m) * absolutes),
    ]


def _l1_mistakes(A3, Y, parameters, lambd):
    m, cross_entropy = Y.shape[1], float(compute_cost(A3, Y))
    squares, absolutes, plain, _ = _penalties(parameters)
    return [
        (M.L1_COST_SQUARES, cross_entropy + lambd / (2 * m) * squares),
        (M.L1_COST_FACTOR, cross_entropy + lambd / m * absolutes),
        (M.L1_COST_FACTOR, cross_entropy + lambd / 2 * absolutes),
        (M.L1_COST_NO_ABS, cross_entropy + lambd / (2 * m) * plain),
    ]


_COST1 = _cost_case(_fixed, [3, 4, 2, 1], 5, 0.7)
_COST2 = _cost_case(_fixed, [2, 5, 3, 1], 8, 0.1)


def _cost_checks(function: str, reference, mistakes, points: float):
    return matches_reference(
        function,
        reference,
        points=points,
        public=[_COST1, _COST2],
        hidden=_cost_case,
        name="cost",
        expect=expect_scalar,
        mistakes=mistakes,
    )


test_compute_cost_with_regularization = _cost_checks(
    "compute_cost_with_regularization", ref.compute_cost_with_regularization, _l2_mistakes, 1.5
)
test_compute_cost_with_regularization_returns_float = returns_float(
    "compute_cost_with_regularization", points=0.25, public=[_COST1], name="cost"
)
test_compute_cost_with_regularization_leaves_inputs_alone = leaves_inputs_alone(
    "compute_cost_with_regularization", points=0.25, public=[_COST1]
)
test_compute_cost_with_l1_regularization = _cost_checks(
    "compute_cost_with_l1_regularization", ref.compute_cost_with_l1_regularization, _l1_mistakes, 1
)
test_compute_cost_with_l1_regularization_leaves_inputs_alone = leaves_inputs_alone(
    "compute_cost_with_l1_regularization", points=0.25, public=[_COST2]
)

# -- the 3-layer net: forward and backward with chosen variants -------------------------------

_GRAD_KEYS = ["dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"]


def _backward(X, Y, Z1, A1, Z2, A2, W2, A3, W3, *, mask=None):
    """The 3-layer backward pass; ``mask(dA, layer)`` is applied to dA2, then dA1."""
    m = X.shape[1]
    grads = {"dZ3": A3 - Y}
    grads["dW3"], grads["db3"] = grads["dZ3"] @ A2.T / m, grads["dZ3"].sum(1, keepdims=True) / m
    dA2 = W3.T @ grads["dZ3"]
    grads["dA2"] = mask(dA2, 2) if mask else dA2
    grads["dZ2"] = grads["dA2"] * (Z2 > 0)
    grads["dW2"], grads["db2"] = grads["dZ2"] @ A1.T / m, grads["dZ2"].sum(1, keepdims=True) / m
    dA1 = W2.T @ grads["dZ2"]
    grads["dA1"] = mask(dA1, 1) if mask else dA1
    grads["dZ1"] = grads["dA1"] * (Z1 > 0)
    grads["dW1"], grads["db1"] = grads["dZ1"] @ X.T / m, grads["dZ1"].sum(1, keepdims=True) / m
    return grads


def _net_case(rng, dims=None, m=None):
    """``(X, Y, parameters)`` for the 3-layer net (hidden: random sizes)."""
    if not dims:
        dims, m = _net_dims(rng), int(rng.integers(2, 40))
    return rng.standard_normal((dims[0], m)), labels(rng, m), _parameters(rng, dims)


# -- backward_propagation_with_regularization ------------------------------------------------


def _l2_backward_case(rng, dims=None, m=None, lambd=None):
    label = f"layers {dims}, m={m}, lambd={lambd}" if dims else ""
    X, Y, parameters = _net_case(rng, dims, m)
    lambd = lambd if dims else round(float(rng.uniform(0.01, 2.0)), 3)
    _, cache = ref.forward_propagation(X, parameters)
    return Case(X, Y, cache, lambd, label=label)


def _l2_backward_mistakes(X, Y, cache, lambd):
    m = X.shape[1]
    plain = ref.backward_propagation(X, Y, cache)
    weights = {"1": cache[2], "2": cache[6], "3": cache[10]}
    biases = {"1": cache[3], "2": cache[7], "3": cache[11]}

    def decayed(factor, on_biases=False):
        grads = dict(plain)
        for layer, W in weights.items():
            grads[f"dW{layer}"] = plain[f"dW{layer}"] + factor * W
            if on_biases:
                grads[f"db{layer}"] = plain[f"db{layer}"] + factor * biases[layer]
        return grads

    return M.by_key(
        [
            (M.L2_GRAD_NO_DECAY, plain),
            (M.L2_GRAD_NO_M, decayed(lambd)),
            (M.L2_GRAD_HALF, decayed(lambd / (2 * m))),
            (M.L2_GRAD_BIASES, decayed(lambd / m, on_biases=True)),
        ]
    )


def _cache_parameters(cache, where=(2, 3, 6, 7, 10, 11)):
    keys = ("W1", "b1", "W2", "b2", "W3", "b3")
    return {key: cache[i] for key, i in zip(keys, where, strict=True)}


def _numerical_l2(case):
    X, Y, cache, lambd = case.args

    def cost(parameters):
        A3, _ = ref.forward_propagation(X, parameters)
        return ref.compute_cost_with_regularization(A3, Y, parameters, lambd)

    return gradcheck.numerical_gradient_dict(cost, _cache_parameters(cache))


_L2B1 = _l2_backward_case(_fixed, [3, 4, 2, 1], 5, 0.7)
_L2B2 = _l2_backward_case(_fixed, [2, 5, 3, 1], 7, 0.1)

test_backward_propagation_with_regularization = matches_reference(
    "backward_propagation_with_regularization",
    ref.backward_propagation_with_regularization,
    points=2.5,
    public=[_L2B1, _L2B2],
    hidden=_l2_backward_case,
    name="gradients",
    expect=partial(expect_dict, keys=_GRAD_KEYS),
    mistakes=_l2_backward_mistakes,
)
test_backward_propagation_with_regularization_matches_finite_differences = (
    matches_finite_differences(
        "backward_propagation_with_regularization",
        points=0.5,
        public=[_L2B1],
        numerical=_numerical_l2,
        rtol=1e-4,
    )
)
test_backward_propagation_with_regularization_leaves_inputs_alone = leaves_inputs_alone(
    "backward_propagation_with_regularization", points=0.25, public=[_L2B1]
)

# -- forward_propagation_with_dropout --------------------------------------------------------


def _dropout_forward(X, parameters, keep_prob, seed, *, how="", where=(1, 2)):
    """The forward pass with dropout drawn from ``default_rng(seed)``, or a classic variant in
    the hidden layers ``where``: ``how`` is "not inverted", "flipped", "binomial", "output" or
    "seed ignored"."""
    generator = np.random.default_rng(0 if how == "seed ignored" else seed)
    W1, b1, W2, b2, W3, b3 = (parameters[key] for key in ("W1", "b1", "W2", "b2", "W3", "b3"))

    def drop(A, layer):
        wrong = how if layer in where else ""
        if wrong == "binomial":
            D = generator.binomial(1, keep_prob, size=A.shape).astype(np.float64)
        elif wrong == "flipped":
            D = (generator.random(A.shape) > keep_prob).astype(np.float64)
        else:
            D = (generator.random(A.shape) < keep_prob).astype(np.float64)
        return (A * D if wrong == "not inverted" else A * D / keep_prob), D

    Z1 = W1 @ X + b1
    A1, D1 = drop(relu(Z1), 1)
    Z2 = W2 @ A1 + b2
    A2, D2 = drop(relu(Z2), 2)
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    if how == "output":
        A3, _ = drop(A3, 3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


_DROPOUT_MISTAKES = [
    (how, where, mistake)
    for how, mistake in [
        ("not inverted", M.DROPOUT_NOT_INVERTED),
        ("flipped", M.DROPOUT_MASK_FLIPPED),
        ("binomial", M.DROPOUT_BINOMIAL),
    ]
    for where in [(1, 2), (1,), (2,)]
] + [("output", (), M.DROPOUT_OUTPUT_LAYER), ("seed ignored", (), M.DROPOUT_OWN_RNG)]
_CACHE_NAMES = ("Z1", "D1", "A1", "W1", "b1", "Z2", "D2", "A2", "W2", "b2", "Z3", "A3", "W3", "b3")


def _dropout_case(rng, dims=None, m=None, keep_prob=None, seed=None):
    label = ""
    if dims:
        shown = "default keep_prob" if keep_prob is None else f"keep_prob={keep_prob}"
        label = f"layers {dims}, m={m}, {shown}"
    else:
        seed, keep_prob = int(rng.integers(2**31)), round(float(rng.uniform(0.55, 0.95)), 2)
    X, _, parameters = _net_case(rng, dims, m)
    extra = () if keep_prob is None else (keep_prob,)
    return Case(X, parameters, *extra, rng=Seed(seed), label=label)


_DF1 = _dropout_case(_fixed, [3, 5, 4, 1], 6, None, 1)
_DF2 = _dropout_case(_fixed, [2, 4, 3, 1], 5, 0.8, 3)
# The shapes of _DF1 again with another seed: masks kept from an earlier call (a module-level
# cache, "fresh masks per call" broken) give _DF1's masks here.
_DF3 = _dropout_case(_fixed, [3, 5, 4, 1], 6, 0.5, 9)


@graded(
    "forward_propagation_with_dropout",
    points=2.5,
    public=[_DF1, _DF2, _DF3],
    hidden=_dropout_case,
)
def test_forward_propagation_with_dropout(student, case):
    got = expect_tuple(
        student.forward_propagation_with_dropout(*case.args, **case.kwargs),
        2,
        name="forward_propagation_with_dropout(X, parameters, keep_prob, rng=rng)",
    )
    want = case.run(ref.forward_propagation_with_dropout)
    X, parameters, *rest = case.args
    keep_prob, seed = (rest[0] if rest else 0.5), case.kwargs["rng"].seed
    variants = [
        (mistake, _dropout_forward(X, parameters, keep_prob, seed, how=how, where=where))
        for how, where, mistake in _DROPOUT_MISTAKES
    ]
    expect_array(got[0], want[0], name="A3", case=case, mistakes=[(m, v[0]) for m, v in variants])
    cache = expect_tuple(got[1], 14, name="cache (Z1, D1, A1, W1, b1, Z2, D2, A2, ..., b3)")
    in_cache = M.by_key((mistake, value[1]) for mistake, value in variants)
    for i, name in enumerate(_CACHE_NAMES):
        expect_array(
            cache[i], want[1][i], name=f"cache[{i}] ({name})", case=case, mistakes=in_cache[i]
        )


test_forward_propagation_with_dropout_leaves_inputs_alone = leaves_inputs_alone(
    "forward_propagation_with_dropout", points=0.25, public=[_DF2]
)

# -- backward_propagation_with_dropout -------------------------------------------------------


def _dropout_backward_case(rng, dims=None, m=None, keep_prob=None, seed=None):
    label = f"layers {dims}, m={m}, keep_prob={keep_prob}" if dims else ""
    if not dims:
        seed, keep_prob = int(rng.integers(2**31)), round(float(rng.uniform(0.55, 0.95)), 2)
    X, Y, parameters = _net_case(rng, dims, m)
    _, cache = ref.forward_propagation_with_dropout(
        X, parameters, keep_prob, rng=np.random.default_rng(seed)
    )
    return Case(X, Y, cache, keep_prob, label=label)


def _dropout_backward_mistakes(X, Y, cache, keep_prob):
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
    masks = {1: D1, 2: D2}

    def variant(mask):
        return _backward(X, Y, Z1, A1, Z2, A2, W2, A3, W3, mask=mask)

    def in_layers(wrong, layers):
        """``wrong(dA, l)`` in ``layers``, the right ``dA * D / keep_prob`` elsewhere."""
        return lambda dA, l: wrong(dA, l) if l in layers else dA * masks[l] / keep_prob

    rules = [
        (M.DROPOUT_BACKWARD_NOT_SCALED, lambda dA, l: dA * masks[l]),
        (M.DROPOUT_BACKWARD_NO_MASK, lambda dA, l: dA),
        (M.DROPOUT_BACKWARD_NO_MASK, lambda dA, l: dA / keep_prob),
        (M.DROPOUT_BACKWARD_TIMES_P, lambda dA, l: dA * masks[l] * keep_prob),
    ]
    return M.by_key(
        (mistake, variant(in_layers(rule, layers)))
        for mistake, rule in rules
        for layers in [(1, 2), (1,), (2,)]
    )


def _numerical_dropout(case):
    """Finite differences of the cost of the net with the case's masks held fixed."""
    X, Y, cache, keep_prob = case.args
    D1, D2 = cache[1], cache[6]

    def cost(p):
        A1 = relu(p["W1"] @ X + p["b1"]) * D1 / keep_prob
        A2 = relu(p["W2"] @ A1 + p["b2"]) * D2 / keep_prob
        return compute_cost(sigmoid(p["W3"] @ A2 + p["b3"]), Y)

    parameters = _cache_parameters(cache, where=(3, 4, 8, 9, 12, 13))
    return gradcheck.numerical_gradient_dict(cost, parameters)


_DB1 = _dropout_backward_case(_fixed, [3, 5, 4, 1], 6, 0.8, 2)
_DB2 = _dropout_backward_case(_fixed, [2, 4, 3, 1], 7, 0.6, 5)

test_backward_propagation_with_dropout = matches_reference(
    "backward_propagation_with_dropout",
    ref.backward_propagation_with_dropout,
    points=2.5,
    public=[_DB1, _DB2],
    hidden=_dropout_backward_case,
    name="gradients",
    expect=partial(expect_dict, keys=_GRAD_KEYS),
    mistakes=_dropout_backward_mistakes,
)
test_backward_propagation_with_dropout_matches_finite_differences = matches_finite_differences(
    "backward_propagation_with_dropout",
    points=0.5,
    public=[_DB1],
    numerical=_numerical_dropout,
    rtol=1e-4,
)
test_backward_propagation_with_dropout_leaves_inputs_alone = leaves_inputs_alone(
    "backward_propagation_with_dropout", points=0.25, public=[_DB1]
)

# -- normalize_inputs ------------------------------------------------------------------------


def _normalized(X_train, X_test, *, how=""):
    """Both sets normalised by the training statistics, or a classic variant: ``how`` is
    "own statistics", "variance", "ddof=1", "centred only" or "per example"."""
    axis = 0 if how == "per example" else 1
    mu = X_train.mean(axis=axis, keepdims=True)
    constant = X_train.max(axis=axis, keepdims=True) == X_train.min(axis=axis, keepdims=True)
    with np.errstate(all="ignore"):
        sigma = X_train.std(axis=axis, keepdims=True, ddof=1 if how == "ddof=1" else 0)
        scale = {"variance": sigma**2, "centred only": np.ones_like(sigma)}.get(how, sigma)
        scale = np.where(constant, 1.0, scale)
        if how == "per example":
            train = (X_train - mu) / scale
            test_mu = X_test.mean(axis=0, keepdims=True)
            return train, (X_test - test_mu) / X_test.std(axis=0, keepdims=True)
        train = (X_train - mu) / scale
        if how == "own statistics":
            return train, _normalized(X_test, X_test)[0]
        return train, (X_test - mu) / scale


_NORMALIZE_MISTAKES = {
    "own statistics": M.NORMALIZE_TEST_OWN_STATISTICS,
    "variance": M.NORMALIZE_BY_VARIANCE,
    "ddof=1": M.NORMALIZE_DDOF,
    "centred only": M.NORMALIZE_NOT_SCALED,
    "per example": M.NORMALIZE_PER_EXAMPLE,
}


def _normalize_mistakes(X_train, X_test):
    return M.by_key(
        (mistake, _normalized(X_train, X_test, how=how))
        for how, mistake in _NORMALIZE_MISTAKES.items()
    )


_NORMALIZE_SIZES = [(1, 6), (3, 60), (1, 30)]  # hidden n_x, m_train, m_test


def _normalize_case(rng, n_x=None, m_train=None, m_test=None, constant_row=False):
    label = f"X_train ({n_x}, {m_train}), X_test ({n_x}, {m_test})" if n_x else ""
    if not n_x:
        n_x, m_train, m_test = (int(rng.integers(low, high)) for low, high in _NORMALIZE_SIZES)
        constant_row = bool(rng.random() < 0.3)
    scales = rng.uniform(0.5, 20.0, (n_x, 1))
    shifts = rng.uniform(-10.0, 10.0, (n_x, 1))
    X_train = rng.standard_normal((n_x, m_train)) * scales + shifts
    X_test = rng.standard_normal((n_x, m_test)) * scales * 1.5 + shifts + 1.0
    if constant_row:
        row = int(rng.integers(n_x))
        X_train[row] = 2.0
        label += f", feature {row} constant (2.0) in X_train" if label else ""
    return Case(X_train, X_test, label=label)


_N1 = _normalize_case(_fixed, 3, 8, 5)
_N2 = _normalize_case(_fixed, 2, 6, 4, constant_row=True)


def _expect_pair(got, want, *, name, case, mistakes=None, rtol=1e-6, atol=1e-8):
    """``(X_train_norm, X_test_norm)`` like ``want``, each hinted by ``mistakes[i]``."""
    got = expect_tuple(got, 2, name=name)
    for i, label in enumerate(("X_train_norm", "X_test_norm")):
        hints = mistakes.get(i, ()) if mistakes else ()
        expect_array(got[i], want[i], name=label, case=case, mistakes=hints, rtol=rtol, atol=atol)


test_normalize_inputs = matches_reference(
    "normalize_inputs",
    ref_select.normalize_inputs,
    points=1.5,
    public=[_N1, _N2],
    hidden=_normalize_case,
    name="normalize_inputs(X_train, X_test)",
    expect=_expect_pair,
    mistakes=_normalize_mistakes,
)
test_normalize_inputs_leaves_inputs_alone = leaves_inputs_alone(
    "normalize_inputs", points=0.25, public=[_N1]
)

# -- early_stopping_epoch --------------------------------------------------------------------


def _stopping(costs, patience, *, strict=True, wait=None, answer="best"):
    """Early stopping with chosen rules: ``strict`` improvement or not, stop after ``wait``
    epochs without one (``patience`` by default), return the ``"best"`` epoch, the ``"stop"``
    epoch (the last one looked at), the best ``"plus"`` patience or the best ``"one-based"``."""
    wait = patience if wait is None else wait
    best, best_cost, waited, epoch = 0, costs[0], 0, 0
    for epoch in range(1, len(costs)):
        better = costs[epoch] < best_cost if strict else costs[epoch] <= best_cost
        if better:
            best, best_cost, waited = epoch, costs[epoch], 0
        else:
            waited += 1
            if waited >= wait:
                break
    return {"best": best, "stop": epoch, "plus": best + patience, "one-based": best + 1}[answer]


def _stopping_mistakes(costs, patience):
    costs = [float(cost) for cost in costs]
    return [
        (M.EARLY_STOP_STOP_EPOCH, _stopping(costs, patience, answer="stop")),
        (M.EARLY_STOP_STOP_EPOCH, _stopping(costs, patience, answer="plus")),
        (M.EARLY_STOP_TIES, _stopping(costs, patience, strict=False)),
        (M.EARLY_STOP_NO_PATIENCE, int(np.argmin(costs))),
        (M.EARLY_STOP_COUNT, _stopping(costs, patience, wait=patience + 1)),
        (M.EARLY_STOP_COUNT, _stopping(costs, patience, wait=max(patience - 1, 1))),
        (M.EARLY_STOP_ONE_BASED, _stopping(costs, patience, answer="one-based")),
    ]


def _stopping_case(rng):
    """A noisy falling then rising dev curve (with repeated values) and a patience of 1-5."""
    n = int(rng.integers(8, 40))
    turn = int(rng.integers(2, n))
    epochs = np.arange(n)
    curve = 1.0 / (1 + epochs) + 0.02 * np.maximum(epochs - turn, 0)
    noisy = np.round(curve + rng.normal(0, 0.01, n), 2)
    return Case([float(cost) for cost in noisy], int(rng.integers(1, 6)))


_STOP_PUBLIC = [
    Case([5.0, 4.0, 4.0, 3.0, 3.5, 3.2, 1.0], 2, label="[5, 4, 4, 3, 3.5, 3.2, 1], patience 2"),
    Case(
        [0.9, 0.7, 0.6, 0.6, 0.65, 0.5, 0.55, 0.58, 0.61, 0.4, 0.7],
        3,
        label="[0.9, 0.7, 0.6, 0.6, 0.65, 0.5, 0.55, 0.58, 0.61, 0.4, 0.7], patience 3",
    ),
    Case([0.8, 0.5, 0.45, 0.44], 2, label="[0.8, 0.5, 0.45, 0.44], patience 2 (never stops)"),
    Case(
        [1.0, 0.8, 0.9, 0.8, 0.95, 0.97],
        3,
        label="[1.0, 0.8, 0.9, 0.8, 0.95, 0.97], patience 3 (a tie with the best)",
    ),
]


@graded("early_stopping_epoch", points=1.5, public=_STOP_PUBLIC, hidden=_stopping_case, n_hidden=4)
def test_early_stopping_epoch(student, case):
    got = student.early_stopping_epoch(*case.args)
    want = case.run(ref_select.early_stopping_epoch)
    hints = {hint for hint, wrong in _stopping_mistakes(*case.args) if wrong == got != want}
    name = "early_stopping_epoch(dev_costs, patience)"
    expect_equal(got, want, name=name, case=case, hint=hints.pop() if len(hints) == 1 else "")


test_early_stopping_epoch_leaves_inputs_alone = leaves_inputs_alone(
    "early_stopping_epoch", points=0.25, public=[_STOP_PUBLIC[1]]
)
