"""Grading suite for C1W2_numpy_basics: sigmoid by hand and with numpy, reshaping, broadcasting
with keepdims, row-wise softmax, L1/L2 losses and a computation graph worked by hand.

Every expected value comes from :mod:`dlutils.numpy_basics`; each classic mistake is a wrong
variant computed here and named by its entry in :mod:`autograder.kit.mistakes`. Beyond the
classic stubs (as the notebook states), ``softmax`` must subtract the row maximum (finite results
for entries near 1000). Zero rows in ``normalize_rows`` and zero columns in
``column_percentages`` are never graded, so the classic ``x / norm`` answers keep full marks.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from autograder.kit import mistakes as M
from autograder.kit.checks import (
    leaves_inputs_alone,
    matches_reference,
    returns_float,
    takes_a_number,
)
from autograder.kit.spec import Case, Mismatch, graded
from autograder.learner.compare import expect_array, expect_scalar, expect_tuple
from autograder.suites._common import random_array, sigmoid_checks
from dlutils import numpy_basics as ref

ASSIGNMENT = "C1W2_numpy_basics"


def _matrix(rng: np.random.Generator, scale: float = 3.0) -> np.ndarray:
    n, d = int(rng.integers(1, 8)), int(rng.integers(2, 9))
    if rng.random() < 0.3:  # square inputs expose a missing keepdims (wrong broadcast)
        d = n = max(n, 2)
    return rng.standard_normal((n, d)) * scale + rng.uniform(-2, 2)


def _float32_check(function: str, x) -> Callable:
    """``function`` of ``x`` as a float32 array (0.25 points): the float64 reference's values, to
    float32 precision."""
    return matches_reference(
        function,
        lambda x: getattr(ref, function)(x.astype(np.float64)),
        points=0.25,
        public=[Case(np.array(x, dtype=np.float32), label="float32 input")],
        aspect="float32",
        name=f"{function}(x) of a float32 array",
        rtol=1e-5,
        atol=1e-7,
    )


def _row_wise_check(function: str, example: Case, square: list, scale: float, mistakes) -> Callable:
    """``function(x)`` against the reference (1.5 points) on ``example``, the 2x2 ``square`` and
    hidden :func:`_matrix` draws of ``scale``; ``mistakes(x)`` gives the hints' wrong values."""
    return matches_reference(
        function,
        getattr(ref, function),
        points=1.5,
        public=[example, Case(np.array(square, dtype=np.float64), label="2x2 matrix")],
        hidden=lambda rng: Case(_matrix(rng, scale)),
        name=f"{function}(x)",
        mistakes=mistakes,
    )


# The docstrings promise "array_like, any shape": a Python number is one.
_NUMBERS = [Case(0.5, label="x = 0.5 (a Python float)"), Case(-3, label="x = -3 (a Python int)")]

# -- basic_sigmoid ---------------------------------------------------------------------------

test_basic_sigmoid = matches_reference(
    "basic_sigmoid",
    ref.basic_sigmoid,
    points=1,
    public=[Case(1.0, label="x = 1"), Case(-2.5, label="x = -2.5"), Case(0, label="x = 0 (int)")],
    hidden=lambda rng: Case(float(rng.uniform(-12.0, 12.0))),
    expect=expect_scalar,
    name="basic_sigmoid(x)",
    mistakes=M.sigmoid_mistakes,
)

# -- sigmoid ---------------------------------------------------------------------------------

test_sigmoid, test_sigmoid_of_a_number, test_sigmoid_extreme_inputs = sigmoid_checks(
    ref.sigmoid,
    "x",
    public=[
        Case(np.array([1.0, 2.0, 3.0]), label="np.array([1, 2, 3])"),
        Case(np.array([[-1.0, 0.0], [0.5, 4.0]]), label="2x2 matrix"),
    ],
    hidden=lambda rng: Case(random_array(rng, max_ndim=3, max_side=7)),
)
test_sigmoid_float32 = _float32_check("sigmoid", [[0.5, -2.0, 3.0]])
test_sigmoid_leaves_inputs_alone = leaves_inputs_alone(
    "sigmoid", points=0.25, public=[Case(np.array([[1.0, -2.0], [0.0, 3.0]]), label="2x2")]
)

# -- sigmoid_derivative ----------------------------------------------------------------------


def _derivative_mistakes(x):
    x = np.asarray(x, dtype=np.float64)
    s = ref.sigmoid(x)
    return [
        (M.DERIVATIVE_OF_INPUT, x * (1 - x)),
        (M.DERIVATIVE_MIXED, s * (1 - x)),
        (M.DERIVATIVE_PLUS, s * (1 + s)),
        (M.DERIVATIVE_IS_SIGMOID, s),
    ]


def _centred_difference(x, epsilon=1e-6):
    return (ref.sigmoid(x + epsilon) - ref.sigmoid(x - epsilon)) / (2 * epsilon)


test_sigmoid_derivative = matches_reference(
    "sigmoid_derivative",
    ref.sigmoid_derivative,
    points=0.75,
    public=[
        Case(np.array([1.0, 2.0, 3.0]), label="np.array([1, 2, 3])"),
        Case(np.array([[0.0, -4.0], [2.5, 0.1]]), label="2x2 matrix"),
    ],
    hidden=lambda rng: Case(random_array(rng, max_ndim=3, max_side=7)),
    name="sigmoid_derivative(x)",
    mistakes=_derivative_mistakes,
)
test_sigmoid_derivative_of_a_number = takes_a_number(
    "sigmoid_derivative",
    ref.sigmoid_derivative,
    points=0.25,
    public=_NUMBERS,
    name="sigmoid_derivative(x) of a number",
)
test_sigmoid_derivative_matches_finite_differences = matches_reference(
    "sigmoid_derivative",
    _centred_difference,
    points=0.25,
    public=[Case(np.array([[-0.7, 0.3, 1.9]]), label="1x3")],
    aspect="matches_finite_differences",
    name="sigmoid_derivative(x) against centred differences",
    atol=1e-9,
)

# -- image2vector ----------------------------------------------------------------------------

_IMAGE = np.array(
    [
        [[0.67826139, 0.29380381], [0.90714982, 0.52835647], [0.4215251, 0.45017551]],
        [[0.92814219, 0.96677647], [0.85304703, 0.52351845], [0.19981397, 0.27417313]],
        [[0.60659855, 0.00533165], [0.10820313, 0.49978937], [0.34144279, 0.94630077]],
    ]
)


@graded(
    "image2vector",
    points=1,
    public=[Case(_IMAGE, label="image of shape (3, 3, 2)")],
    hidden=lambda rng: Case(rng.random(tuple(int(n) for n in rng.integers(1, 7, size=3)))),
)
def test_image2vector(student, case):
    got = student.image2vector(*case.args)
    want = case.run(ref.image2vector)
    if type(got) is np.ndarray and got.ndim == 2 and 1 not in got.shape:
        message = f"image2vector(image) has shape {got.shape}; expected {want.shape}"
        raise Mismatch(message, M.RESHAPE_COLUMN, certain=True)
    wrong = [(M.RESHAPE_ORDER, case.args[0].reshape(-1, 1, order="F"))]
    expect_array(got, want, name="image2vector(image)", case=case, mistakes=wrong)


test_image2vector_leaves_inputs_alone = leaves_inputs_alone(
    "image2vector", points=0.25, public=[Case(_IMAGE, label="(3, 3, 2)")]
)

# -- normalize_rows --------------------------------------------------------------------------


def _normalize_mistakes(x):
    x = np.asarray(x, dtype=np.float64)
    return [
        *M.axis_mistakes(x, np.linalg.norm, axis=1),
        (M.NORM_SQUARED, x / np.linalg.norm(x, axis=1, keepdims=True) ** 2),
        (M.NORM_L1, x / np.abs(x).sum(axis=1, keepdims=True)),
    ]


_X_NORM = np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]])
_NORM_EXAMPLE = Case(_X_NORM, label="[[0, 3, 4], [1, 6, 4]]")
test_normalize_rows = _row_wise_check(
    "normalize_rows", _NORM_EXAMPLE, [[1, 2], [-3, 0.5]], 3.0, _normalize_mistakes
)
test_normalize_rows_float32 = _float32_check("normalize_rows", [[3, 4], [1, -1], [0.2, 0.1]])
test_normalize_rows_leaves_inputs_alone = leaves_inputs_alone(
    "normalize_rows", points=0.25, public=[Case(_X_NORM, label="2x3")]
)

# -- softmax (row-wise) ----------------------------------------------------------------------


def _softmax_mistakes(x):
    x = np.asarray(x, dtype=np.float64)
    shifted = (np.exp(x - x.max()), np.exp(x - x.max(axis=1, keepdims=True)))  # either shift
    wrong_sums = [mistake for e in shifted for mistake in M.axis_mistakes(e, np.sum, axis=1)]
    return [(M.SOFTMAX_NO_EXP, x / x.sum(axis=1, keepdims=True)), *wrong_sums]


_X_SOFT = np.array([[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0]])

_SOFT_EXAMPLE = Case(_X_SOFT, label="[[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]")
test_softmax = _row_wise_check("softmax", _SOFT_EXAMPLE, [[1, 2], [3, -1]], 2.0, _softmax_mistakes)


@graded(
    "softmax",
    points=0.5,
    public=[
        Case(np.array([[1000, 1001, 1002], [-1000, -1000, -999.0]]), label="entries near +-1000")
    ],
)
def test_softmax_is_stable(student, case):
    got = student.softmax(*case.args)
    want = case.run(ref.softmax)
    shaped = type(got) is np.ndarray and got.shape == want.shape and got.dtype.kind == "f"
    if shaped and not np.isfinite(got).all():
        message = "softmax(x) contains NaN or inf for entries near +-1000"
        raise Mismatch(message, M.SOFTMAX_UNSTABLE, certain=True)
    expect_array(got, want, name="softmax(x) for entries near +-1000", case=case)


test_softmax_leaves_inputs_alone = leaves_inputs_alone(
    "softmax", points=0.25, public=[Case(_X_SOFT, label="2x5")]
)

# -- L1 and L2 -------------------------------------------------------------------------------

_YHAT, _Y = np.array([0.9, 0.2, 0.1, 0.4, 0.9]), np.array([1.0, 0.0, 0.0, 1.0, 1.0])
_LOSS_PUBLIC = [Case(_YHAT, _Y, label="yhat = [.9, .2, .1, .4, .9], y = [1, 0, 0, 1, 1]")]


def _loss_case(rng):
    m = int(rng.integers(2, 40))
    return Case(rng.random(m), (rng.random(m) > 0.5).astype(np.float64))


def _loss_check(function: str, *wrong) -> Callable:
    """``function(yhat, y)`` against the reference; each of ``wrong`` is a ``(Mistake, f)`` whose
    ``f(y - yhat)`` is the value that mistake gives."""
    return matches_reference(
        function,
        getattr(ref, function),
        points=0.75,
        public=_LOSS_PUBLIC,
        hidden=_loss_case,
        expect=expect_scalar,
        name=f"{function}(yhat, y)",
        mistakes=lambda yhat, y: [(mistake, f(np.subtract(y, yhat))) for mistake, f in wrong],
    )


test_L1 = _loss_check(
    "L1",
    (M.L1_NO_ABS, np.sum),
    (M.L1_NO_ABS, lambda d: -d.sum()),
    (M.L1_MEAN, lambda d: np.abs(d).mean()),
    (M.L1_SQUARES, lambda d: (d**2).sum()),
)
test_L2 = _loss_check(
    "L2",
    (M.L2_SQRT, lambda d: math.sqrt((d**2).sum())),
    (M.L2_MEAN, lambda d: (d**2).mean()),
    (M.L2_ABS, lambda d: np.abs(d).sum()),
    (M.L2_SQUARE_OF_SUM, lambda d: d.sum() ** 2),
)
test_L1_returns_float = returns_float("L1", points=0.25, public=_LOSS_PUBLIC, name="L1(yhat, y)")
test_L2_returns_float = returns_float("L2", points=0.25, public=_LOSS_PUBLIC, name="L2(yhat, y)")

# -- column_percentages ----------------------------------------------------------------------

_CALORIES = np.array([[56.0, 0.0, 4.4, 68.0], [1.2, 104.0, 52.0, 8.0], [1.8, 135.0, 99.0, 0.9]])


def _percentages_case(rng):
    n, m = int(rng.integers(2, 6)), int(rng.integers(2, 7))
    return Case(rng.uniform(0.5, 150.0, (m if rng.random() < 0.3 else n, m)))


def _percentages_mistakes(A):
    A = np.asarray(A, dtype=np.float64)
    return [
        *M.axis_mistakes(A, np.sum, axis=0, combine=lambda A, totals: 100 * A / totals),
        (M.PERCENT_NO_100, A / A.sum(axis=0, keepdims=True)),
    ]


test_column_percentages = matches_reference(
    "column_percentages",
    ref.column_percentages,
    points=1,
    public=[Case(_CALORIES, label="the calories table (3 nutrients x 4 foods)")],
    hidden=_percentages_case,
    name="column_percentages(A)",
    mistakes=_percentages_mistakes,
)
test_column_percentages_leaves_inputs_alone = leaves_inputs_alone(
    "column_percentages", points=0.25, public=[Case(_CALORIES, label="calories")]
)

# -- computation_graph -----------------------------------------------------------------------

_GRAPH_OUTPUTS = ("J", "dJ_da", "dJ_db", "dJ_dc")


def _graph(student, a, b, c) -> tuple:
    return expect_tuple(student.computation_graph(a, b, c), 4, name="computation_graph(a, b, c)")


@graded(
    "computation_graph",
    points=1.5,
    public=[
        Case(5.0, 3.0, 2.0, label="a=5, b=3, c=2"),
        Case(-1.0, 0.5, 4.0, label="a=-1, b=.5, c=4"),
    ],
    hidden=lambda rng: Case(*(float(v) for v in np.round(rng.uniform(-6, 6, size=3), 3))),
)
def test_computation_graph(student, case):
    a, b, c = case.args
    wrong = [
        [(M.GRAPH_J_NO_3, a + b * c), (M.GRAPH_J_3_ON_A, 3 * a + b * c)],
        [(M.GRAPH_DA_CHAIN, 1.0)],
        [(M.GRAPH_NO_3, c), (M.GRAPH_FACTOR, 3 * b)],
        [(M.GRAPH_NO_3, b), (M.GRAPH_FACTOR, 3 * c)],
    ]
    outputs = zip(_graph(student, a, b, c), case.run(ref.computation_graph), wrong, strict=True)
    for name, (got, want, mistakes) in zip(_GRAPH_OUTPUTS, outputs, strict=True):
        expect_scalar(got, want, name=name, case=case, mistakes=mistakes)


@graded(
    "computation_graph",
    points=0.5,
    public=[Case(1.5, -2.0, 0.75, label="a=1.5, b=-2, c=.75")],
    replayable=False,  # compares with the learner's own J
)
def test_computation_graph_matches_finite_differences(student, case):
    """The derivatives agree with centred differences of the student's own J."""
    got, epsilon = _graph(student, *case.args), 1e-4
    for index, name in enumerate(_GRAPH_OUTPUTS[1:]):
        step = np.eye(3)[index] * epsilon
        J_plus, J_minus = (
            _graph(student, *map(float, np.add(case.args, s)))[0] for s in (step, -step)
        )
        try:
            numerical = (float(J_plus) - float(J_minus)) / (2 * epsilon)
        except (TypeError, ValueError):
            raise Mismatch("J should be a number") from None
        label = f"{name} against a centred difference of your J"
        expect_scalar(got[index + 1], numerical, name=label, case=case, rtol=1e-6, atol=1e-6)
