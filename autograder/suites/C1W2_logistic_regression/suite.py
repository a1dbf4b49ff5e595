"""Grading suite for C1W2_logistic_regression: one sigmoid neuron trained by gradient descent.

Every expected value comes from :mod:`dlutils.logistic`; each classic mistake is a wrong variant
computed here and named by its entry in :mod:`autograder.kit.mistakes`. Inputs keep
``|w^T x + b|`` moderate (no saturated sigmoid), so the plain ``np.log`` cost and the
reference's clipped cost agree.
"""

from __future__ import annotations

import numpy as np

from autograder.kit import mistakes as M
from autograder.kit.checks import leaves_inputs_alone, matches_reference
from autograder.kit.spec import Case, Mismatch, graded
from autograder.learner.compare import (
    expect_array,
    expect_costs,
    expect_dict,
    expect_equal,
    expect_float,
    expect_scalar,
    expect_tuple,
)
from autograder.suites._common import labels, random_array, sigmoid_checks
from dlutils import gradcheck
from dlutils import logistic as ref

ASSIGNMENT = "C1W2_logistic_regression"


def _neuron_case(rng: np.random.Generator) -> Case:
    """``(w, b, X, Y)`` with 1..11 features and 2..59 examples."""
    n_x, m = int(rng.integers(1, 12)), int(rng.integers(2, 60))
    w, b = rng.standard_normal((n_x, 1)) * 0.5, float(np.round(rng.uniform(-1, 1), 4))
    return Case(w, b, rng.standard_normal((n_x, m)), labels(rng, m))


def _separable(rng: np.random.Generator, n_x: int, m: int):
    """Two noisy Gaussian clouds: a small stand-in for the image task."""
    Y = (np.arange(m) % 2).astype(np.float64).reshape(1, m)
    centre = rng.standard_normal((n_x, 1))
    return rng.standard_normal((n_x, m)) * 0.8 + np.where(Y > 0, centre, -centre), Y


_X = np.array([[1.0, -2.0, -1.0], [3.0, 0.5, -3.2]])
_PUBLIC = Case(np.array([[1.0], [2.0]]), 1.5, _X, np.array([[1.0, 1.0, 0.0]]), label="3 examples")
_rng = np.random.default_rng(20240602)
_X2, _Y2 = _rng.standard_normal((4, 9)), labels(_rng, 9)
_FIXED = (_rng.standard_normal((4, 1)) * 0.5, float(np.round(_rng.uniform(-1, 1), 4)), _X2, _Y2)

# -- sigmoid, initialize_with_zeros ----------------------------------------------------------

test_sigmoid, test_sigmoid_of_a_number, test_sigmoid_extreme_inputs = sigmoid_checks(
    ref.sigmoid,
    "z",
    public=[
        Case(np.array([0.0, 2.0]), label="np.array([0, 2])"),
        Case(np.array([[-1.0, 0.5], [3.0, -6.0]]), label="2x2 matrix"),
    ],
    hidden=lambda rng: Case(random_array(rng, max_ndim=2, max_side=8)),
)


def _zeros(student, dim: int) -> tuple:
    return expect_tuple(student.initialize_with_zeros(dim), 2, name="initialize_with_zeros(dim)")


@graded(
    "initialize_with_zeros",
    points=1,
    public=[Case(2, label="dim = 2"), Case(784, label="dim = 784 (one 28x28 image)")],
    hidden=lambda rng: Case(int(rng.integers(785, 5000))),
)
def test_initialize_with_zeros(student, case):
    (w, b), (w_ref, b_ref) = _zeros(student, *case.args), case.run(ref.initialize_with_zeros)
    expect_array(w, w_ref, name="w", case=case)
    expect_scalar(b, b_ref, name="b", case=case)


@graded("initialize_with_zeros", points=0.5, public=[Case(3, label="dim = 3")])
def test_initialize_with_zeros_bias_is_float(student, case):
    w, b = _zeros(student, *case.args)
    if type(b) is int:
        raise Mismatch("b should be a Python float; got the int 0", M.BIAS_INT, certain=True)
    expect_float(b, name="b")
    if type(w) is np.ndarray and w.dtype.kind != "f":
        raise Mismatch(f"w should hold floats; got dtype {w.dtype}", M.WEIGHTS_INT, certain=True)


# -- propagate -------------------------------------------------------------------------------


def _propagate(student, case) -> tuple:
    return expect_tuple(student.propagate(*case.args), 2, name="propagate(w, b, X, Y)")


def _propagate_mistakes(w, b, X, Y):
    A, m = ref.sigmoid(w.T @ X + b), X.shape[1]
    grads_without_bias, cost_without_bias = ref.propagate(w, 0.0, X, Y)
    variants = [
        (M.GRAD_NO_MEAN, {"dw": X @ (A - Y).T, "db": (A - Y).sum()}),
        (M.DZ_SIGN, {"dw": X @ (Y - A).T / m, "db": (Y - A).sum() / m}),
        (M.NEURON_NO_BIAS, grads_without_bias),
    ]
    return {
        **M.by_key(variants),
        "cost": [*M.cross_entropy(A, Y), (M.NEURON_NO_BIAS, cost_without_bias)],
    }


@graded("propagate", points=2, public=[_PUBLIC, Case(*_FIXED, label="4x9")], hidden=_neuron_case)
def test_propagate(student, case):
    (grads, cost), (grads_ref, cost_ref) = _propagate(student, case), case.run(ref.propagate)
    mistakes = case.run(_propagate_mistakes)
    expect_dict(grads, grads_ref, name="grads", case=case, keys=["dw", "db"], mistakes=mistakes)
    expect_scalar(cost, cost_ref, name="cost", case=case, mistakes=mistakes["cost"])


@graded("propagate", points=0.5, public=[_PUBLIC])
def test_propagate_cost_is_float(student, case):
    expect_float(_propagate(student, case)[1], name="cost")


@graded("propagate", points=0.5, public=[Case(*_FIXED, label="4x9, against finite differences")])
def test_propagate_matches_finite_differences(student, case):
    w, b, X, Y = case.args
    numerical = gradcheck.numerical_gradient_dict(
        lambda p: ref.propagate(p["w"], float(p["b"][0, 0]), X, Y)[1],
        {"w": w, "b": np.array([[b]])},
    )
    want = {"dw": numerical["dw"], "db": numerical["db"][0, 0]}
    expect_dict(_propagate(student, case)[0], want, name="grads", case=case, rtol=1e-5)


test_propagate_leaves_inputs_alone = leaves_inputs_alone(
    "propagate", points=0.5, public=[Case(*_FIXED, label="4x9")]
)

# -- optimize --------------------------------------------------------------------------------


def _expect_costs(got, want, *, case):
    """Costs recorded when i % 100 == 0; a wrong count gets the hint of the rule it fits."""
    n = case.kwargs.get("num_iterations", 100)
    counts = [
        (M.COSTS_EVERY_100, n),
        (M.COSTS_FROM_ZERO, (n - 1) // 100),
        (M.COSTS_NO_EXTRA_LAST, len(range(0, n, 100)) + (1 if (n - 1) % 100 else 0)),
    ]
    expect_costs(got, want, case=case, counts=[(h, c) for h, c in counts if c != len(want)])


def _optimize_mistakes(w, b, X, Y, num_iterations=100, learning_rate=0.009):
    params = ref.optimize(w, b, X, Y, num_iterations, learning_rate)[0]
    variants = [
        (M.UPDATE_SIGN, ref.optimize(w, b, X, Y, num_iterations, -learning_rate)[0]),
        (M.RATE_IGNORED, ref.optimize(w, b, X, Y, num_iterations, 0.009)[0]),
        (M.GRADS_AFTER_UPDATE, ref.propagate(params["w"], params["b"], X, Y)[0]),
    ]
    return M.by_key(variants)


_RATE_0009 = {"num_iterations": 100, "learning_rate": 0.009}  # optimize's defaults, passed


def _optimize_case(rng):
    w, b, X, Y = _neuron_case(rng).args
    n, learning_rate = int(rng.integers(1, 350)), float(np.round(rng.uniform(0.005, 0.5), 4))
    return Case(w, b, X, Y, num_iterations=n, learning_rate=learning_rate)


@graded(
    "optimize",
    points=2,
    public=[
        Case(*_PUBLIC.args, **_RATE_0009, label="3 examples, 100 iterations"),
        *(
            Case(*_FIXED, num_iterations=n, learning_rate=0.1, label=f"4x9, {n} iteration(s)")
            for n in (250, 1, 101, 200)
        ),
    ],
    hidden=_optimize_case,
)
def test_optimize(student, case):
    got = expect_tuple(student.optimize(*case.args, **case.kwargs), 3, name="optimize(...)")
    params, grads, costs = case.run(ref.optimize)

    def check(mistakes):
        for name, value, want in (("params", got[0], params), ("grads", got[1], grads)):
            expect_dict(value, want, name=name, case=case, mistakes=mistakes, rtol=1e-5)

    M.hint_on_failure(check, lambda: case.run(_optimize_mistakes))
    _expect_costs(got[2], costs, case=case)


_DEFAULTS = Case(*_PUBLIC.args, label="defaults (100 iterations, rate 0.009)")


@graded("optimize", points=0.25, public=[_DEFAULTS])
def test_optimize_default_arguments(student, case):
    got = expect_tuple(student.optimize(*case.args), 3, name="optimize(w, b, X, Y)")
    params, _, costs = case.run(ref.optimize)
    name = "params (with the default arguments)"
    expect_dict(got[0], params, name=name, case=case, keys=["w", "b"], rtol=1e-5)
    _expect_costs(got[2], costs, case=case)


test_optimize_leaves_inputs_alone = leaves_inputs_alone(
    "optimize", points=0.5, public=[Case(*_FIXED, num_iterations=20, label="4x9")]
)

# -- predict ---------------------------------------------------------------------------------


def _predict_case(rng):
    w, b, X, _ = _neuron_case(rng).args  # the labels, drawn last, are not needed
    return Case(w * 3, b, X)


def _predict_mistakes(w, b, X):
    A = ref.sigmoid(w.T @ X + b)
    return [
        (M.PREDICT_AT_HALF, (A >= 0.5).astype(np.float64)),
        (M.PREDICT_LABELS, A),
        (M.PREDICT_DIRECTION, (A <= 0.5).astype(np.float64)),
        (M.NEURON_NO_BIAS, ref.predict(w, 0.0, X)),
    ]


_PREDICT = (np.array([[0.1124579], [0.23106775]]), -0.3, np.array([[1, -1.1, -3.2], [1.2, 2, 0.1]]))
_AT_HALF = (
    np.array([[1.0], [-2.0], [0.5]]),
    0.0,
    np.array([[0, 2, 1, 0], [0, 1, 0, 1], [0.0] * 4]),
)

test_predict = matches_reference(
    "predict",
    ref.predict,
    points=1,
    public=[
        Case(*_PREDICT, label="w=[[.112], [.231]], b=-0.3, 3 examples"),
        Case(*_AT_HALF, label="b = 0; examples 1 and 2 have a probability of exactly 0.5"),
    ],
    hidden=_predict_case,
    name="Y_prediction",
    mistakes=_predict_mistakes,
)
test_predict_leaves_inputs_alone = leaves_inputs_alone(
    "predict", points=0.25, public=[Case(*_PREDICT, label="3 examples")]
)

# -- model -----------------------------------------------------------------------------------


def _model_case(rng):
    n_x = int(rng.integers(2, 20))
    X, Y = _separable(rng, n_x, int(rng.integers(30, 90)))
    X_test, Y_test = _separable(rng, n_x, int(rng.integers(10, 40)))
    n, learning_rate = int(rng.integers(100, 400)), float(np.round(rng.uniform(0.01, 0.5), 3))
    return Case(X, Y, X_test, Y_test, num_iterations=n, learning_rate=learning_rate)


def _model_mistakes(X, Y, X_test, Y_test, num_iterations=2000, learning_rate=0.5):
    right = ref.model(X, Y, X_test, Y_test, num_iterations, learning_rate)
    train, test = right["Y_prediction_train"], right["Y_prediction_test"]
    variants = [
        (M.MODEL_RATE_NOT_PASSED, ref.model(X, Y, X_test, Y_test, num_iterations, 0.009)),
        (M.MODEL_ITERATIONS_NOT_PASSED, ref.model(X, Y, X_test, Y_test, 100, learning_rate)),
        (M.PREDICTIONS_SWAPPED, {"Y_prediction_train": test, "Y_prediction_test": train}),
    ]
    return M.by_key(variants)


_MODEL_PUBLIC = Case(
    *_separable(np.random.default_rng(5), 6, 40),
    *_separable(np.random.default_rng(6), 6, 16),
    num_iterations=300,
    learning_rate=0.1,
    label="6 features, 40 train / 16 test, 300 iterations",
)
_PREDICTIONS = ("Y_prediction_train", "Y_prediction_test")


@graded("model", points=2, public=[_MODEL_PUBLIC], hidden=_model_case, n_hidden=2, timeout=20.0)
def test_model(student, case):
    got, want = student.model(*case.args, **case.kwargs), case.run(ref.model)
    if type(got) is not dict:
        raise Mismatch(f"model should return a dict; got a {type(got).__name__}")
    if missing := [key for key in want if key not in got]:
        raise Mismatch(f"the dict returned by model is missing the key(s) {missing}")
    for key, other in (_PREDICTIONS, _PREDICTIONS[::-1]):
        if getattr(got[key], "shape", None) == want[other].shape != want[key].shape:
            message = f"d[{key!r}] has the shape of d[{other!r}]"
            raise Mismatch(message, M.PREDICTIONS_SWAPPED, certain=True)
    trained = {"keys": ["w", "b", *_PREDICTIONS], "rtol": 1e-4, "atol": 1e-6}
    M.hint_on_failure(
        lambda mistakes: expect_dict(got, want, name="d", case=case, mistakes=mistakes, **trained),
        lambda: case.run(_model_mistakes),
    )
    _expect_costs(got["costs"], want["costs"], case=case)
    for key, expect in (("learning_rate", expect_scalar), ("num_iterations", expect_equal)):
        expect(got[key], want[key], name=f"d[{key!r}]", case=case)
