"""Grading suite for C1W3_planar_classification: a 2-layer net (tanh hidden, sigmoid output).

Every expected value comes from :mod:`dlutils.shallow`. Each classic mistake is a small wrong
variant of the reference, computed here in the judge; when a submission's value matches one,
the failure message carries its catalogue hint (:mod:`autograder.kit.mistakes`).
"""

from __future__ import annotations

from functools import partial

import numpy as np

from autograder.kit import mistakes as M
from autograder.kit.checks import (
    leaves_inputs_alone,
    matches_finite_differences,
    matches_reference,
)
from autograder.kit.spec import Case, Seed, graded
from autograder.learner.compare import (
    expect_array,
    expect_dict,
    expect_equal,
    expect_tuple,
)
from autograder.suites._common import (
    cost_checks,
    grads_like,
    labels,
    random_parameters,
    two_layer_init_check,
)
from dlutils import activations, gradcheck
from dlutils import shallow as ref

ASSIGNMENT = "C1W3_planar_classification"

_PARAMS = ["W1", "b1", "W2", "b2"]
_expect_params = partial(expect_dict, keys=_PARAMS)

# -- inputs ----------------------------------------------------------------------------------


def _data(rng: np.random.Generator, n_x: int, m: int):
    return rng.standard_normal((n_x, m)) * 1.5, labels(rng, m)


def _params(rng: np.random.Generator, n_x: int, n_h: int, scale: float = 0.5):
    return random_parameters(rng, [n_x, n_h, 1], scale=scale, bias=0.1)


def _sizes(rng: np.random.Generator):
    return int(rng.integers(2, 7)), int(rng.integers(3, 9)), int(rng.integers(5, 60))


_fixed = np.random.default_rng(20240601)
_X1, _Y1 = _data(_fixed, 2, 5)
_P1 = _params(_fixed, 2, 4)
_X2, _Y2 = _data(_fixed, 3, 7)
_P2 = _params(_fixed, 3, 5)

# -- layer_sizes -----------------------------------------------------------------------------


def _layer_sizes_case(rng):
    n_x, n_y, m = int(rng.integers(2, 30)), int(rng.integers(1, 4)), int(rng.integers(2, 300))
    return Case(rng.standard_normal((n_x, m)), np.zeros((n_y, m)))


@graded(
    "layer_sizes",
    points=1,
    public=[Case(np.zeros((5, 3)), np.zeros((2, 3)), label="X (5, 3), Y (2, 3)")],
    hidden=_layer_sizes_case,
)
def test_layer_sizes(student, case):
    got = expect_tuple(student.layer_sizes(*case.args), 3, name="layer_sizes(X, Y)")
    got = tuple(int(v) if type(v) is int else v for v in got)
    want = case.run(ref.layer_sizes)
    (n_x, m), (n_y, _) = (np.shape(a) for a in case.args)
    hint = {(m, 4, n_y): M.SIZES_N_X, (n_x, 4, m): M.SIZES_N_Y}.get(got, "")
    if all(type(v) is int for v in got) and got[::2] == want[::2] and got[1] != 4:
        hint = M.SIZES_N_H_FIXED
    expect_equal(got, want, name="(n_x, n_h, n_y)", case=case, hint=hint)


# -- initialize_parameters -------------------------------------------------------------------

test_initialize_parameters = two_layer_init_check(ref.initialize_parameters, 2, 4, 1, seed=3)

# -- forward_propagation ---------------------------------------------------------------------


def _forward_case(rng):
    n_x, n_h, m = _sizes(rng)
    return Case(_data(rng, n_x, m)[0], _params(rng, n_x, n_h))


def _forward(X, p, hidden=np.tanh, output=activations.sigmoid, bias=1.0):
    A1 = hidden(p["W1"] @ X + bias * p["b1"])
    return output(p["W2"] @ A1 + bias * p["b2"])


_FORWARD_PUBLIC = [Case(_X1, _P1, label="2 features, 5 examples"), Case(_X2, _P2, label="3x7")]


@graded("forward_propagation", points=2, public=_FORWARD_PUBLIC, hidden=_forward_case)
def test_forward_propagation(student, case):
    got = expect_tuple(student.forward_propagation(*case.args), 2, name="forward_propagation(...)")
    A2_ref, cache_ref = case.run(ref.forward_propagation)
    X, p = case.args
    mistakes = [
        (M.HIDDEN_TANH, _forward(X, p, hidden=activations.sigmoid)),
        (M.HIDDEN_TANH, _forward(X, p, hidden=activations.relu)),
        (M.FORWARD_NO_BIAS, _forward(X, p, bias=0.0)),
        (M.OUTPUT_SIGMOID, _forward(X, p, output=lambda Z: Z)),
    ]
    expect_array(got[0], A2_ref, name="A2", case=case, mistakes=mistakes)
    expect_dict(got[1], cache_ref, name="cache", case=case, keys=["Z1", "A1", "Z2", "A2"])


test_forward_propagation_leaves_inputs_alone = leaves_inputs_alone(
    "forward_propagation", points=0.5, public=_FORWARD_PUBLIC[:1]
)

# -- compute_cost ----------------------------------------------------------------------------


_COST_PUBLIC = [
    Case(
        np.array([[0.5002307, 0.49985831, 0.50023963, 0.9, 0.1]]),
        np.array([[1.0, 0.0, 0.0, 1.0, 0.0]]),
        label="5 examples",
    )
]
test_compute_cost, test_compute_cost_returns_float = cost_checks(
    ref.compute_cost, public=_COST_PUBLIC
)

# -- backward_propagation --------------------------------------------------------------------


def _backward_case(rng, X=None, Y=None, p=None, label=""):
    if X is None:
        n_x, n_h, m = _sizes(rng)
        (X, Y), p = _data(rng, n_x, m), _params(rng, n_x, n_h)
    return Case(p, ref.forward_propagation(X, p)[1], X, Y, label=label)


def _grads(dZ, A_prev, m, layer):
    return {f"dW{layer}": dZ @ A_prev.T / m, f"db{layer}": dZ.sum(axis=1, keepdims=True) / m}


def _backward_mistakes(p, cache, X, Y):
    m, A1, dZ2 = X.shape[1], cache["A1"], cache["A2"] - Y
    dA1 = p["W2"].T @ dZ2
    return M.by_key(
        [
            (M.TANH_DERIVATIVE, _grads(dA1 * (1 - A1), X, m, 1)),
            (M.NO_DERIVATIVE, _grads(dA1, X, m, 1)),
            (M.GRAD_NO_MEAN, {**_grads(dA1 * (1 - A1**2), X, 1, 1), **_grads(dZ2, A1, 1, 2)}),
        ]
    )


_BACKWARD_PUBLIC = [
    _backward_case(None, X=_X1, Y=_Y1, p=_P1, label="2x5"),
    _backward_case(None, X=_X2, Y=_Y2, p=_P2, label="3x7"),
]
test_backward_propagation = matches_reference(
    "backward_propagation",
    ref.backward_propagation,
    points=2,
    public=_BACKWARD_PUBLIC,
    hidden=_backward_case,
    name="grads",
    expect=partial(expect_dict, keys=["dW1", "db1", "dW2", "db2"]),
    mistakes=_backward_mistakes,
)


def _numerical_grads(case):
    p, _, X, Y = case.args
    cost = lambda params: ref.compute_cost(ref.forward_propagation(X, params)[0], Y)  # noqa: E731
    return gradcheck.numerical_gradient_dict(cost, p)


test_backward_propagation_matches_finite_differences = matches_finite_differences(
    "backward_propagation",
    points=0.5,
    public=_BACKWARD_PUBLIC[:1],
    numerical=_numerical_grads,
    rtol=1e-4,
)
test_backward_propagation_leaves_inputs_alone = leaves_inputs_alone(
    "backward_propagation", points=0.5, public=_BACKWARD_PUBLIC[:1]
)

# -- update_parameters -----------------------------------------------------------------------


def _update_case(rng):
    p = _params(rng, *_sizes(rng)[:2])
    return Case(p, grads_like(rng, p), float(rng.uniform(0.01, 2.0)))


_G1 = grads_like(np.random.default_rng(7), _P1)
test_update_parameters = matches_reference(
    "update_parameters",
    ref.update_parameters,
    points=1,
    public=[Case(_P1, _G1, 1.2, label="learning_rate=1.2")],
    hidden=_update_case,
    name="parameters",
    expect=_expect_params,
    mistakes=M.descent_step,
)
test_update_parameters_default_learning_rate = matches_reference(
    "update_parameters",
    ref.update_parameters,
    points=0.25,
    public=[Case(_P1, _G1, label="default rate")],
    aspect="default_learning_rate",
    name="parameters (learning_rate left at its default, 1.2)",
    expect=_expect_params,
)
test_update_parameters_leaves_inputs_alone = leaves_inputs_alone(
    "update_parameters", points=0.25, public=[Case(_P1, _G1, 1.2, label="2x4")]
)

# -- nn_model --------------------------------------------------------------------------------


def _flower(rng, m):
    """A small flower-like set (two classes of petals)."""
    t = np.linspace(0, 2 * np.pi, m) + rng.standard_normal(m) * 0.1
    r = 2 * np.sin(2 * t) + rng.standard_normal(m) * 0.1
    X = np.vstack([r * np.sin(t), r * np.cos(t)])
    return X, (np.sin(2 * t) > 0).astype(np.float64).reshape(1, m)


def _nn_model_case(rng):
    X, Y = _flower(rng, int(rng.integers(40, 120)))
    n_h, iterations, seed = (int(rng.integers(*bounds)) for bounds in ((2, 6), (50, 150), (2**31,)))
    return Case(X, Y, n_h, num_iterations=iterations, rng=Seed(seed))


_FX, _FY = _flower(np.random.default_rng(11), 80)


@graded(
    "nn_model",
    points=2,
    public=[Case(_FX, _FY, 4, num_iterations=100, rng=Seed(2), label="80 points, n_h=4")],
    hidden=_nn_model_case,
    n_hidden=2,
    timeout=20.0,
)
def test_nn_model(student, case):
    got = student.nn_model(*case.args, **case.kwargs)
    want = case.run(ref.nn_model)
    _expect_params(got, want, name="trained parameters", case=case, rtol=1e-4, atol=1e-6)


# -- predict ---------------------------------------------------------------------------------


def _predict_case(rng):
    n_x, n_h, m = _sizes(rng)
    return Case(_params(rng, n_x, n_h, scale=1.5), _data(rng, n_x, m)[0])


def _predict_mistakes(p, X):
    A2 = ref.forward_propagation(X, p)[0]
    return [(M.PREDICT_LABELS, A2), (M.PREDICT_DIRECTION, (A2 <= 0.5).astype(np.float64))]


test_predict = matches_reference(
    "predict",
    ref.predict,
    points=1,
    public=[Case(_P2, _X2, label="3x7")],
    hidden=_predict_case,
    name="predictions",
    mistakes=_predict_mistakes,
)
