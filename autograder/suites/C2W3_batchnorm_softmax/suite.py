"""Grading suite for C2W3_batchnorm_softmax: batch norm, softmax, and hyperparameter scales.

Expected values come from :mod:`dlutils.batchnorm`, :mod:`dlutils.activations` (``softmax``,
``softmax_backward``), :mod:`dlutils.losses` (``compute_softmax_cost``),
:mod:`dlutils.softmax_regression` (``one_hot``) and :mod:`dlutils.hyperparams`
(``sample_log_uniform``, ``sample_beta``, and ``_zoom_range`` for ``zoom_range``). Each
classic mistake is written out below as a wrong variant of the reference, computed from the
case's own inputs, so that its hint shows only when the submission's value is that mistake.

``random_search`` itself takes the objective as a Python function, which cannot cross the
data-only channel to the grading worker; the notebook gives it (a code cell calling the learner's
samplers and ``zoom_range``) and grades its one data-only step, ``zoom_range``.

``batchnorm_backward`` is graded on caches made by the reference forward pass (the docstring
fixes the cache's keys), so a wrong forward pass does not cost the backward pass its points.
"""

from __future__ import annotations

import math

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
    expect_scalar,
    expect_tuple,
)
from dlutils import activations, batchnorm, gradcheck, hyperparams, losses, softmax_regression

ASSIGNMENT = "C2W3_batchnorm_softmax"
_fixed = np.random.default_rng(20261130)

# -- batchnorm_forward -----------------------------------------------------------------------


def _bn_inputs(rng, n, m):
    """Rows with their own mean and scale (so an axis mix-up shows), gamma, beta, running."""
    Z = rng.standard_normal((n, m)) * rng.uniform(0.5, 3.0, (n, 1)) + rng.uniform(-3, 3, (n, 1))
    gamma = rng.uniform(0.5, 2.0, (n, 1))
    beta = rng.standard_normal((n, 1))
    running = {"mean": rng.standard_normal((n, 1)), "var": rng.uniform(0.5, 2.0, (n, 1))}
    return Z, gamma, beta, running


def _bn_case(rng, n, m, *, training, label="", **kwargs):
    Z, gamma, beta, running = _bn_inputs(rng, n, m)
    return Case(Z, gamma, beta, running, training=training, label=label, **kwargs)


def _bn_variant(
    Z,
    gamma,
    beta,
    running,
    *,
    training,
    momentum=0.9,
    eps=1e-8,
    axis=1,
    ddof=0,
    eps_outside=False,
    swap=False,
    update_in_test=False,
    batch_in_test=False,
):
    """``(Z_tilde, new_running)`` of batch norm with one classic mistake switched on."""
    mu = Z.mean(axis=axis, keepdims=True)
    var = Z.var(axis=axis, keepdims=True, ddof=ddof)
    old, new = (1 - momentum, momentum) if swap else (momentum, 1 - momentum)
    updated = {"mean": old * running["mean"] + new * mu, "var": old * running["var"] + new * var}
    if not training and not batch_in_test:
        mu, var = running["mean"], running["var"]
    std = np.sqrt(var) + eps if eps_outside else np.sqrt(var + eps)
    Z_tilde = gamma * (Z - mu) / std + beta
    if training or update_in_test:
        return Z_tilde, updated
    return Z_tilde, {"mean": running["mean"].copy(), "var": running["var"].copy()}


def _bn_mistakes(*args, **kwargs):
    """``[[(Mistake, Z_tilde)], {key: [(Mistake, value)]}]`` of the classic forward mistakes."""
    training = kwargs["training"]
    variants = [(M.BN_EPS_OUTSIDE, {"eps_outside": True})]
    if training:
        variants += [
            (M.BN_AXIS, {"axis": 0}),
            (M.BN_DDOF, {"ddof": 1}),
            (M.BN_MOMENTUM_SWAPPED, {"swap": True}),
        ]
    else:
        variants += [
            (M.BN_RUNNING_IN_TEST, {"update_in_test": True}),
            (M.BN_TEST_BATCH_STATS, {"batch_in_test": True}),
        ]
    results = [(mistake, _bn_variant(*args, **kwargs, **how)) for mistake, how in variants]
    return (
        [(mistake, result[0]) for mistake, result in results],
        M.by_key((mistake, result[1]) for mistake, result in results),
    )


def _bn_hidden(rng):
    n, m = int(rng.integers(3, 9)), int(rng.integers(10, 25))
    options = {"momentum": float(rng.uniform(0.5, 0.99))}
    if rng.random() < 0.5:
        options["eps"] = float(rng.uniform(0.01, 0.5))
    return _bn_case(rng, n, m, training=bool(rng.random() < 0.6), **options)


_BN_TRAIN = _bn_case(_fixed, 3, 5, training=True, label="Z (3, 5), training=True")
_BN_EPS = _bn_case(
    _fixed, 2, 4, training=True, momentum=0.8, eps=0.5, label="Z (2, 4), momentum=0.8, eps=0.5"
)
_BN_TEST = _bn_case(_fixed, 4, 3, training=False, label="Z (4, 3), training=False")


@graded(
    "batchnorm_forward",
    points=2.5,
    public=[_BN_TRAIN, _BN_EPS, _BN_TEST],
    hidden=_bn_hidden,
    n_hidden=4,
)
def test_batchnorm_forward(student, case):
    name = "batchnorm_forward(Z, gamma, beta, running, training=...)"
    got = expect_tuple(student.batchnorm_forward(*case.args, **case.kwargs), 3, name=name)
    Z_tilde, cache, new_running = case.run(batchnorm.batchnorm_forward)
    wrong_Z, wrong_running = _bn_mistakes(*case.args, **case.kwargs)
    expect_array(got[0], Z_tilde, name="Z_tilde", case=case, mistakes=wrong_Z)
    expect_dict(got[2], new_running, name="new_running", case=case, mistakes=wrong_running)
    if case.kwargs["training"]:
        keys = ["Z_norm", "inv_std"]
        expect_dict(got[1], cache, name="cache", case=case, keys=keys)


_BN_ALONE = _bn_case(_fixed, 2, 3, training=True)
_BN_ALONE_TEST = _bn_case(_fixed, 2, 3, training=False)
test_batchnorm_forward_leaves_inputs_alone = leaves_inputs_alone(
    "batchnorm_forward", points=0.5, public=[_BN_ALONE, _BN_ALONE_TEST]
)

# -- batchnorm_backward ----------------------------------------------------------------------


def _bn_backward_case(rng, n=None, m=None, label=""):
    n = n or int(rng.integers(3, 9))
    m = m or int(rng.integers(10, 25))
    Z, gamma, beta, running = _bn_inputs(rng, n, m)
    _, cache, _ = batchnorm.batchnorm_forward(Z, gamma, beta, running, training=True)
    case = Case(rng.standard_normal((n, m)), cache, label=label)
    case.inputs = (Z, gamma, beta)  # for the finite differences, never sent to the learner
    return case


def _bn_backward_mistakes(dZ_tilde, cache):
    Z_norm, gamma, inv_std = cache["Z_norm"], cache["gamma"], cache["inv_std"]
    return [
        [(M.BN_BACKWARD_CONSTANT_STATS, gamma * dZ_tilde * inv_std)],
        [
            (M.REDUCED_WRONG_AXIS, (dZ_tilde * Z_norm).sum(axis=0, keepdims=True)),
            (M.REDUCED_WRONG_AXIS, np.full_like(gamma, (dZ_tilde * Z_norm).sum())),
        ],
        [(M.REDUCED_WRONG_AXIS, dZ_tilde.sum(axis=0, keepdims=True))],
    ]


def _expect_items(got, want, *, name, case, mistakes=None, rtol=1e-6, atol=1e-8):
    """``(dZ, dgamma, dbeta)``-like tuples: item ``i`` hinted by ``mistakes[i]``."""
    labels = name.split(",")
    got = expect_tuple(got, len(want), name=f"the result ({', '.join(labels)})")
    for i, label in enumerate(labels):
        hints = mistakes[i] if mistakes else ()
        expect_array(got[i], want[i], name=label, case=case, mistakes=hints, rtol=rtol, atol=atol)


_BNB1 = _bn_backward_case(_fixed, 3, 4, label="dZ_tilde (3, 4)")
_BNB2 = _bn_backward_case(_fixed, 2, 6, label="dZ_tilde (2, 6)")
test_batchnorm_backward = matches_reference(
    "batchnorm_backward",
    batchnorm.batchnorm_backward,
    points=2.5,
    public=[_BNB1, _BNB2],
    hidden=_bn_backward_case,
    name="dZ,dgamma,dbeta",
    expect=_expect_items,
    mistakes=_bn_backward_mistakes,
)


def _bn_numerical(case):
    dZ_tilde = case.args[0]
    Z, gamma, beta = case.inputs
    running = batchnorm.initialize_running(Z.shape[0])

    def forward(Z, gamma, beta):
        return batchnorm.batchnorm_forward(Z, gamma, beta, running, training=True)[0]

    return {
        "dZ": gradcheck.numerical_gradient(lambda x: forward(x, gamma, beta), Z, dZ_tilde),
        "dgamma": gradcheck.numerical_gradient(lambda x: forward(Z, x, beta), gamma, dZ_tilde),
        "dbeta": gradcheck.numerical_gradient(lambda x: forward(Z, gamma, x), beta, dZ_tilde),
    }


test_batchnorm_backward_matches_finite_differences = matches_finite_differences(
    "batchnorm_backward", points=0.5, public=[_BNB1], numerical=_bn_numerical
)
test_batchnorm_backward_leaves_inputs_alone = leaves_inputs_alone(
    "batchnorm_backward", points=0.25, public=[_BNB2]
)

# -- softmax ---------------------------------------------------------------------------------


def _naive_softmax(Z, shift=None):
    with np.errstate(over="ignore", invalid="ignore", under="ignore", divide="ignore"):
        E = np.exp(Z if shift is None else Z - shift)
        return E / E.sum(axis=0, keepdims=True)


def _softmax_mistakes(Z):
    with np.errstate(over="ignore", invalid="ignore", under="ignore"):
        E = np.exp(Z - Z.max(axis=1, keepdims=True))
        rows = E / E.sum(axis=1, keepdims=True)
    return [
        (M.WRONG_AXIS, rows),
        (M.SOFTMAX_OVERFLOW, _naive_softmax(Z)),
        (M.SOFTMAX_GLOBAL_MAX, _naive_softmax(Z, Z.max())),
    ]


def _scores(rng, C, m, scale=3.0):
    """Scores whose columns sit at different levels (a global shift would show)."""
    return rng.standard_normal((C, m)) * scale + rng.uniform(-5, 5, (1, m))


def _softmax_hidden(rng):
    return Case(_scores(rng, int(rng.integers(3, 11)), int(rng.integers(5, 30))))


_SM1 = Case(_scores(_fixed, 3, 4), label="Z (3, 4)")
_SM2 = Case(_scores(_fixed, 4, 2), label="Z (4, 2)")
_SM_LARGE = Case(
    np.array([[1000.0, -1000.0, 3.0], [1001.0, -1002.0, 2.0], [998.0, -1001.0, 1.0]]),
    label="logits near +1000 and -1000",
)
test_softmax = matches_reference(
    "softmax",
    activations.softmax,
    points=1.25,
    public=[_SM1, _SM2],
    hidden=_softmax_hidden,
    name="softmax(Z)",
    mistakes=_softmax_mistakes,
)
test_softmax_large_logits = matches_reference(
    "softmax",
    activations.softmax,
    points=0.5,
    public=[_SM_LARGE],
    hidden=lambda rng: Case(_scores(rng, int(rng.integers(3, 8)), int(rng.integers(5, 12)), 400)),
    aspect="large_logits",
    name="softmax(Z) of large logits",
    mistakes=_softmax_mistakes,
)
test_softmax_leaves_inputs_alone = leaves_inputs_alone("softmax", points=0.25, public=[_SM2])

# -- one_hot ---------------------------------------------------------------------------------


def _one_hot_mistakes(Y, C):
    right = softmax_regression.one_hot(Y, C)
    extra = np.zeros((C + 1, right.shape[1]))
    extra[:C] = right
    return [(M.ONE_HOT_SHAPE, right.T), (M.ONE_HOT_EXTRA_ROW, extra)]


def _one_hot_hidden(rng):
    C, m = int(rng.integers(3, 12)), int(rng.integers(8, 40))
    Y = rng.integers(0, C, (1, m))
    return Case(Y if rng.random() < 0.5 else Y.reshape(-1).astype(np.float64), C)


_OH1 = Case(np.array([[1, 0, 3, 3, 2]]), 4, label="Y (1, 5) of ints, C = 4")
_OH2 = Case(np.array([2.0, 0.0, 1.0]), 3, label="Y (3,) of integer-valued floats, C = 3")
test_one_hot = matches_reference(
    "one_hot",
    softmax_regression.one_hot,
    points=1,
    public=[_OH1, _OH2],
    hidden=_one_hot_hidden,
    name="one_hot(Y, C)",
    mistakes=_one_hot_mistakes,
)
test_one_hot_leaves_inputs_alone = leaves_inputs_alone("one_hot", points=0.25, public=[_OH1])

# -- compute_softmax_cost --------------------------------------------------------------------


def _probabilities(rng, C, m):
    return activations.softmax(rng.standard_normal((C, m)) * 2)


def _labels(rng, C, m):
    return softmax_regression.one_hot(rng.integers(0, C, m), C)


def _cost_mistakes(AL, Y):
    C, m = Y.shape
    total = float(-(Y * np.log(AL)).sum())
    binary = -(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)).sum() / m
    return [
        (M.COST_NO_MEAN, total),
        (M.COST_SIGN, -total / m),
        (M.SOFTMAX_COST_MEAN_ALL, total / (C * m)),
        (M.SOFTMAX_COST_BINARY, float(binary)),
    ]


def _cost_hidden(rng):
    C, m = int(rng.integers(3, 11)), int(rng.integers(6, 40))
    return Case(_probabilities(rng, C, m), _labels(rng, C, m))


_COST1 = Case(_probabilities(_fixed, 3, 4), _labels(_fixed, 3, 4), label="AL (3, 4)")
_COST2 = Case(_probabilities(_fixed, 5, 2), _labels(_fixed, 5, 2), label="AL (5, 2)")
test_compute_softmax_cost = matches_reference(
    "compute_softmax_cost",
    losses.compute_softmax_cost,
    points=1,
    public=[_COST1, _COST2],
    hidden=_cost_hidden,
    name="cost",
    expect=expect_scalar,
    mistakes=_cost_mistakes,
)
test_compute_softmax_cost_returns_float = returns_float(
    "compute_softmax_cost", points=0.25, public=[_COST1], name="cost"
)
test_compute_softmax_cost_leaves_inputs_alone = leaves_inputs_alone(
    "compute_softmax_cost", points=0.25, public=[_COST2]
)

# -- softmax_backward ------------------------------------------------------------------------


def _softmax_backward_mistakes(dA, Z):
    S = activations.softmax(Z)
    SdA = S * dA
    return [
        (M.SOFTMAX_BACKWARD_DIAGONAL, dA * S * (1 - S)),
        (M.WRONG_AXIS, SdA - S * SdA.sum(axis=1, keepdims=True)),
        (M.SOFTMAX_BACKWARD_NO_MEAN, activations.softmax_backward(dA, Z) / Z.shape[1]),
    ]


def _softmax_backward_case(rng, C=None, m=None, label=""):
    C = C or int(rng.integers(3, 10))
    m = m or int(rng.integers(5, 20))
    return Case(rng.standard_normal((C, m)), _scores(rng, C, m, 1.5), label=label)


_SB1 = _softmax_backward_case(_fixed, 3, 4, label="dA, Z (3, 4)")
_SB2 = _softmax_backward_case(_fixed, 4, 3, label="dA, Z (4, 3)")
test_softmax_backward = matches_reference(
    "softmax_backward",
    activations.softmax_backward,
    points=1.25,
    public=[_SB1, _SB2],
    hidden=_softmax_backward_case,
    name="dZ",
    mistakes=_softmax_backward_mistakes,
)


@graded("softmax_backward", points=0.5, public=[_SB1])
def test_softmax_backward_matches_finite_differences(student, case):
    """``dZ`` equals centred finite differences of ``sum(dA * softmax(Z))`` (one array, so
    not :func:`matches_finite_differences`, which reads a dict or a tuple)."""
    dA, Z = case.args
    want = gradcheck.numerical_gradient(activations.softmax, Z, dA)
    got = student.softmax_backward(*case.args)
    expect_array(got, want, name="dZ (against finite differences)", case=case, rtol=1e-5, atol=1e-7)


test_softmax_backward_leaves_inputs_alone = leaves_inputs_alone(
    "softmax_backward", points=0.25, public=[_SB2]
)

# -- sample_log_uniform, sample_beta -----------------------------------------------------------


def _u(seed: Seed) -> float:
    return float(np.random.default_rng(seed.seed).random())


def _log_uniform_mistakes(low, high, *, rng):
    u = _u(rng)
    a, b = math.log10(low), math.log10(high)
    return [
        (M.LOG_UNIFORM_VALUE, low + (high - low) * u),
        (M.LOG_BASE_MIXED, 10 ** (math.log(low) + (math.log(high) - math.log(low)) * u)),
        (M.LOG_BASE_MIXED, math.exp(a + (b - a) * u)),
        (M.LOG_FROM_HIGH, 10 ** (b - (b - a) * u)),
    ]


def _beta_mistakes(low, high, *, rng):
    u = _u(rng)
    a, b = math.log10(1 - high), math.log10(1 - low)
    one_minus = 10 ** (a + (b - a) * u)
    return [
        (M.BETA_LOG_OF_BETA, 10 ** (math.log10(low) + (math.log10(high) - math.log10(low)) * u)),
        (M.BETA_ONE_MINUS, one_minus),
    ]


def _log_uniform_hidden(rng):
    low = 10 ** float(rng.uniform(-7, -1))
    high = low * 10 ** float(rng.uniform(1, 5))
    return Case(low, high, rng=Seed(int(rng.integers(2**31))))


def _beta_hidden(rng):
    low = 1 - 10 ** float(rng.uniform(-1.5, -0.3))
    high = 1 - (1 - low) * 10 ** float(-rng.uniform(1, 3))
    return Case(low, high, rng=Seed(int(rng.integers(2**31))))


test_sample_log_uniform = matches_reference(
    "sample_log_uniform",
    hyperparams.sample_log_uniform,
    points=1,
    public=[
        Case(1e-4, 1.0, rng=Seed(0), label="low=1e-4, high=1, rng=default_rng(0)"),
        Case(0.001, 0.5, rng=Seed(7), label="low=0.001, high=0.5, rng=default_rng(7)"),
    ],
    hidden=_log_uniform_hidden,
    name="sample_log_uniform(low, high, rng=rng)",
    expect=expect_scalar,
    mistakes=_log_uniform_mistakes,
)
test_sample_log_uniform_returns_float = returns_float(
    "sample_log_uniform", points=0.25, public=[Case(1e-3, 1.0, rng=Seed(2))]
)
test_sample_beta = matches_reference(
    "sample_beta",
    hyperparams.sample_beta,
    points=1,
    public=[
        Case(0.9, 0.999, rng=Seed(0), label="low=0.9, high=0.999, rng=default_rng(0)"),
        Case(0.5, 0.99, rng=Seed(7), label="low=0.5, high=0.99, rng=default_rng(7)"),
    ],
    hidden=_beta_hidden,
    name="sample_beta(low, high, rng=rng)",
    expect=expect_scalar,
    mistakes=_beta_mistakes,
)
test_sample_beta_returns_float = returns_float(
    "sample_beta", points=0.25, public=[Case(0.9, 0.999, rng=Seed(2))]
)

# -- zoom_range --------------------------------------------------------------------------------

_TO = {"linear": lambda x: x, "log": math.log10, "beta": lambda x: math.log10(1 - x)}
_FROM = {"linear": lambda t: t, "log": lambda t: 10**t, "beta": lambda t: 1 - 10**t}


def _zoom_variant(low, high, scale, best, zoom, *, half_factor=0.5, clip=False):
    to, back = _TO[scale], _FROM[scale]
    t_lo, t_hi = sorted((to(low), to(high)))
    half = half_factor * zoom * (t_hi - t_lo)
    if clip:
        start, end = max(to(best) - half, t_lo), min(to(best) + half, t_hi)
    else:
        start = min(max(to(best) - half, t_lo), t_hi - 2 * half)
        end = start + 2 * half
    a, b = sorted((back(start), back(end)))
    return (max(a, low), min(b, high))


def _zoom_mistakes(low, high, scale, best, zoom):
    variants = [
        (M.ZOOM_WIDTH, _zoom_variant(low, high, scale, best, zoom, half_factor=1.0)),
        (M.ZOOM_SHIFT, _zoom_variant(low, high, scale, best, zoom, clip=True)),
    ]
    if scale != "linear":
        variants.append((M.ZOOM_ON_SCALE, _zoom_variant(low, high, "linear", best, zoom)))
    return M.by_key(variants)


def _expect_range(got, want, *, name, case, mistakes=None, rtol=1e-6, atol=1e-8):
    got = expect_tuple(got, 2, name=name)
    for i, label in enumerate(("new_low", "new_high")):
        hints = mistakes[i] if mistakes else ()
        expect_scalar(got[i], want[i], name=label, case=case, mistakes=hints, rtol=rtol, atol=atol)


def _zoom_hidden(rng):
    scale = str(rng.choice(["linear", "log", "beta"]))
    if scale == "linear":
        low = float(rng.uniform(-5, 5))
        high = low + float(rng.uniform(0.5, 10))
    elif scale == "log":
        low = 10 ** float(rng.uniform(-6, -2))
        high = low * 10 ** float(rng.uniform(1, 4))
    else:
        low = 1 - 10 ** float(rng.uniform(-1.5, -0.5))
        high = 1 - (1 - low) * 10 ** float(-rng.uniform(1, 3))
    t_lo, t_hi = sorted((_TO[scale](low), _TO[scale](high)))
    best = _FROM[scale](float(rng.uniform(t_lo, t_hi)))
    return Case(low, high, scale, min(max(best, low), high), float(rng.uniform(0.1, 0.9)))


test_zoom_range = matches_reference(
    "zoom_range",
    hyperparams._zoom_range,
    points=1.5,
    public=[
        Case(1e-4, 1.0, "log", 3e-3, 0.25, label="log [1e-4, 1], best 3e-3, zoom 0.25"),
        Case(1e-4, 1.0, "log", 2e-4, 0.25, label="log [1e-4, 1], best 2e-4 (near low)"),
        Case(0.0, 10.0, "linear", 7.0, 0.5, label="linear [0, 10], best 7, zoom 0.5"),
        Case(0.9, 0.999, "beta", 0.99, 0.5, label="beta [0.9, 0.999], best 0.99, zoom 0.5"),
    ],
    hidden=_zoom_hidden,
    name="zoom_range(low, high, scale, best, zoom)",
    expect=_expect_range,
    mistakes=_zoom_mistakes,
)
