"""Grading suite for C1W2_logistic_regression: one sigmoid neuron trained by gradient descent.

Every expected value comes from :mod:`dlutils.logistic`. Each classic mistake is a small wrong
variant computed here in the judge and named by its entry in :mod:`autograder.kit.mistakes`;
when a submission's value matches one, the failure message carries its hint. Inputs keep
``|w^T x + b|`` moderate (no saturated sigmoid), so the plain ``np.log`` cost and the
reference's clipped cost agree.
"""

from __future__ import annotations

import numpy as np

from autograder.kit import mistakes as M
from autograder.kit.checks import leaves_inputs_alone, matches_reference, takes_a_number
from autograder.kit.compare import (
    expect_array,
    expect_costs,
    expect_dict,
    expect_equal,
    expect_float,
    expect_scalar,
    expect_tuple,
)
from autograder.kit.spec import Case, Mismatch, graded
from dlutils import gradcheck
from dlutils import logistic as ref

ASSIGNMENT = "C1W2_logistic_regression"

# -- inputs ----------------------------------------------------------------------------------


def _labels(rng: np.random.Generator, m: int) -> np.ndarray:
    return (rng.random((1, m)) > 0.5).astype(np.float64)


def _neuron_case(rng: np.random.Generator) -> Case:
    """``(w, b, X, Y)`` with 1..11 features and 2..59 examples."""
    n_x, m = int(rng.integers(1, 12)), int(rng.integers(2, 60))
    w, b = rng.standard_normal((n_x, 1)) * 0.5, float(np.round(rng.uniform(-1, 1), 4))
    return Case(w, b, rng.standard_normal((n_x, m)), _labels(rng, m))


def _separable(rng: np.random.Generator, n_x: int, m: int):
    """Two noisy Gaussian clouds: a small stand-in for the image task."""
    Y = (np.arange(m) % 2).astype(np.float64).reshape(1, m)
    centre = rng.standard_normal((n_x, 1))
    return rng.standard_normal((n_x, m)) * 0.8 + np.where(Y > 0, centre, -centre), Y


_PUBLIC = (
    np.array([[1.0], [2.0]]),
    1.5,
    np.array([[1.0, -2.0, -1.0], [3.0, 0.5, -3.2]]),
    np.array([[1.0, 1.0, 0.0]]),
)
_rng = np.random.default_rng(20240602)
_X2, _Y2 = _rng.standard_normal((4, 9)), _labels(_rng, 9)
_FIXED = (_rng.standard_normal((4, 1)) * 0.5, float(np.round(_rng.uniform(-1, 1), 4)), _X2, _Y2)

# -- sigmoid ---------------------------------------------------------------------------------


def _sigmoid_case(rng):
    shape = tuple(int(n) for n in rng.integers(1, 9, size=int(rng.integers(1, 3))))
    return Case(rng.standard_normal(shape) * 4)


test_sigmoid = matches_reference(
    "sigmoid",
    ref.sigmoid,
    points=0.75,
    public=[
        Case(np.array([0.0, 2.0]), label="np.array([0, 2])"),
        Case(np.array([[-1.0, 0.5], [3.0, -6.0]]), label="2x2 matrix"),
    ],
    hidden=_sigmoid_case,
    name="sigmoid(z)",
    mistakes=lambda z: [
        (M.SIGMOID_EXPONENT_SIGN, ref.sigmoid(-z)),
        (M.SIGMOID_PARENTHESES, 1 + np.exp(-z)),
        (M.SIGMOID_EXP_ONLY, np.exp(-z)),
    ],
)
test_sigmoid_of_a_number = takes_a_number(
    "sigmoid",
    ref.sigmoid,
    points=0.25,
    public=[Case(0.5, label="z = 0.5 (a Python float)"), Case(-3, label="z = -3 (a Python int)")],
    name="sigmoid(z) of a number",
)
test_sigmoid_extreme_inputs = matches_reference(
    "sigmoid",
    ref.sigmoid,
    points=0.25,
    public=[Case(np.array([[-1000.0, -40.0, 0.0, 40.0, 1000.0]]), label="entries up to 1000")],
    aspect="extreme_inputs",
    name="sigmoid(z) for |z| up to 1000",
)

# -- initialize_with_zeros -------------------------------------------------------------------


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
    grads, cost = expect_tuple(student.propagate(*case.args), 2, name="propagate(w, b, X, Y)")
    if type(grads) is not dict:
        raise Mismatch("propagate should return (grads, cost) with grads a dict {'dw', 'db'}")
    return grads, cost


def _propagate_mistakes(w, b, X, Y):
    A, m = ref.sigmoid(w.T @ X + b), X.shape[1]
    grads_without_bias, cost_without_bias = ref.propagate(w, 0.0, X, Y)
    mistakes = M.by_key(
        [
            (M.GRAD_NO_MEAN, {"dw": X @ (A - Y).T, "db": (A - Y).sum()}),
            (M.DZ_SIGN, {"dw": X @ (Y - A).T / m, "db": (Y - A).sum() / m}),
            (M.NEURON_NO_BIAS, grads_without_bias),
        ]
    )
    return {**mistakes, "cost": [*M.cross_entropy(A, Y), (M.NEURON_NO_BIAS, cost_without_bias)]}


@graded(
    "propagate",
    points=2,
    public=[Case(*_PUBLIC, label="w=[[1], [2]], b=1.5, 3 examples"), Case(*_FIXED, label="4x9")],
    hidden=_neuron_case,
)
def test_propagate(student, case):
    (grads, cost), (grads_ref, cost_ref) = _propagate(student, case), case.run(ref.propagate)
    mistakes = case.run(_propagate_mistakes)
    expect_dict(grads, grads_ref, name="grads", case=case, keys=["dw", "db"], mistakes=mistakes)
    expect_scalar(cost, cost_ref, name="cost", case=case, mistakes=mistakes["cost"])


@graded("propagate", points=0.5, public=[Case(*_PUBLIC, label="3 examples")])
def test_propagate_cost_is_float(student, case):
    got = expect_tuple(student.propagate(*case.args), 2, name="propagate(w, b, X, Y)")
    expect_float(got[1], name="cost")


@graded("propagate", points=0.5, public=[Case(*_FIXED, label="4x9")])
def test_propagate_matches_finite_differences(student, case):
    grads, _ = _propagate(student, case)
    w, b, X, Y = case.args
    numerical = gradcheck.numerical_gradient_dict(
        lambda p: ref.propagate(p["w"], float(p["b"][0, 0]), X, Y)[1],
        {"w": w, "b": np.array([[b]])},
    )
    for key, expect, want in (
        ("dw", expect_array, numerical["dw"]),
        ("db", expect_scalar, numerical["db"][0, 0]),
    ):
        label = f"grads[{key!r}] against finite differences"
        expect(grads.get(key), want, name=label, case=case, rtol=1e-5, atol=1e-8)


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
    params, _, _ = ref.optimize(w, b, X, Y, num_iterations, learning_rate)
    return M.by_key(
        [
            (M.UPDATE_SIGN, ref.optimize(w, b, X, Y, num_iterations, -learning_rate)[0]),
            (M.RATE_IGNORED, ref.optimize(w, b, X, Y, num_iterations, 0.009)[0]),
            (M.GRADS_AFTER_UPDATE, ref.propagate(params["w"], params["b"], X, Y)[0]),
        ]
    )


def _optimize_case(rng):
    w, b, X, Y = _neuron_case(rng).args
    n, learning_rate = int(rng.integers(1, 350)), float(np.round(rng.uniform(0.005, 0.5), 4))
    return Case(w, b, X, Y, num_iterations=n, learning_rate=learning_rate)


@graded(
    "optimize",
    points=2,
    public=[
        Case(*_PUBLIC, num_iterations=100, learning_rate=0.009, label="3 examples, 100 iterations"),
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
            expect_dict(value, want, name=name, case=case, mistakes=mistakes, rtol=1e-5, atol=1e-8)

    M.hint_on_failure(check, lambda: case.run(_optimize_mistakes))
    _expect_costs(got[2], costs, case=case)


@graded(
    "optimize", points=0.25, public=[Case(*_PUBLIC, label="defaults (100 iterations, rate 0.009)")]
)
def test_optimize_default_arguments(student, case):
    got = expect_tuple(student.optimize(*case.args), 3, name="optimize(w, b, X, Y)")
    params, _, costs = case.run(ref.optimize)
    name = "params (with the default arguments)"
    expect_dict(got[0], params, name=name, case=case, keys=["w", "b"], rtol=1e-5, atol=1e-8)
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
    np.array([[0, 2, 1, 0], [0, 1, 0, 1], [0, 0, 0, 0.0]]),
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
    swapped = {"Y_prediction_train": right["Y_prediction_test"]}
    swapped["Y_prediction_test"] = right["Y_prediction_train"]
    return M.by_key(
        [
            (M.MODEL_RATE_NOT_PASSED, ref.model(X, Y, X_test, Y_test, num_iterations, 0.009)),
            (M.MODEL_ITERATIONS_NOT_PASSED, ref.model(X, Y, X_test, Y_test, 100, learning_rate)),
            (M.PREDICTIONS_SWAPPED, swapped),
        ]
    )


_MODEL_PUBLIC = Case(
    *_separable(np.random.default_rng(5), 6, 40),
    *_separable(np.random.default_rng(6), 6, 16),
    num_iterations=300,
    learning_rate=0.1,
    label="6 features, 40 train / 16 test, 300 iterations",
)
_MODEL_KEYS = ["w", "b", "Y_prediction_train", "Y_prediction_test"]


@graded("model", points=2, public=[_MODEL_PUBLIC], hidden=_model_case, n_hidden=2, timeout=20.0)
def test_model(student, case):
    got, want = student.model(*case.args, **case.kwargs), case.run(ref.model)
    if type(got) is not dict:
        raise Mismatch(f"model should return a dict; got a {type(got).__name__}")
    if missing := [key for key in want if key not in got]:
        raise Mismatch(f"the dict returned by model is missing the key(s) {missing}")
    for key, other in (("Y_prediction_test", "Y_prediction_train"), _MODEL_KEYS[2:]):
        if getattr(got[key], "shape", None) == want[other].shape != want[key].shape:
            raise Mismatch(
                f"d[{key!r}] has the shape of d[{other!r}]", M.PREDICTIONS_SWAPPED, certain=True
            )

    def check(mistakes):
        trained = {"keys": _MODEL_KEYS, "rtol": 1e-4, "atol": 1e-6}
        expect_dict(got, want, name="d", case=case, mistakes=mistakes, **trained)

    M.hint_on_failure(check, lambda: case.run(_model_mistakes))
    _expect_costs(got["costs"], want["costs"], case=case)
    for key, expect in (("learning_rate", expect_scalar), ("num_iterations", expect_equal)):
        expect(got[key], want[key], name=f"d[{key!r}]", case=case)
