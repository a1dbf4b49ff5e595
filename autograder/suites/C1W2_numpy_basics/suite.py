"""Grading suite for C1W2_numpy_basics: sigmoid by hand and with numpy, reshaping, broadcasting
with keepdims, row-wise softmax, L1/L2 losses and a computation graph worked by hand.

Every expected value comes from :mod:`dlutils.numpy_basics`. Each classic mistake is a small
wrong variant computed here in the judge; when a submission's value matches one, the failure
message carries its hint. Graded requirements beyond the classic stubs (stated in the
notebook): ``softmax`` must subtract the row maximum (finite results for entries near 1000).
Zero rows in ``normalize_rows`` and zero columns in ``column_percentages`` are never graded,
so the classic ``x / norm`` answers keep full marks.
"""

from __future__ import annotations

import math

import numpy as np

from autograder.kit.compare import (
    expect_array,
    expect_float,
    expect_no_mutation,
    expect_scalar,
    expect_tuple,
)
from autograder.kit.spec import Case, Mismatch, graded
from dlutils import numpy_basics as ref

ASSIGNMENT = "C1W2_numpy_basics"
PREAMBLE = "import numpy as np\nimport math\nimport copy\n"
HELPERS: list = []


def _plain_sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=np.float64)))


def _random_shape(rng: np.random.Generator) -> tuple[int, ...]:
    """1-D, 2-D or 3-D shapes with sides 1..7."""
    ndim = int(rng.integers(1, 4))
    return tuple(int(n) for n in rng.integers(1, 8, size=ndim))


def _matrix(rng: np.random.Generator, scale: float = 3.0) -> np.ndarray:
    n, d = int(rng.integers(1, 8)), int(rng.integers(2, 9))
    if rng.random() < 0.3:  # square inputs expose a missing keepdims (wrong broadcast)
        d = n = max(n, 2)
    return rng.standard_normal((n, d)) * scale + rng.uniform(-2, 2)


# -- basic_sigmoid ---------------------------------------------------------------------------


def _basic_sigmoid_case(rng):
    return Case(float(rng.uniform(-12.0, 12.0)))


@graded(
    "basic_sigmoid",
    points=1,
    public=[Case(1.0, label="x = 1"), Case(-2.5, label="x = -2.5"), Case(0, label="x = 0 (int)")],
    hidden=_basic_sigmoid_case,
)
def test_basic_sigmoid(student, case):
    got = student.basic_sigmoid(*case.args)
    want = case.run(ref.basic_sigmoid)
    (x,) = case.args
    mistakes = [
        ("the exponent is -x: sigmoid(x) = 1 / (1 + math.exp(-x))", 1 / (1 + math.exp(x))),
        ("sigmoid(x) = 1 / (1 + e^(-x)), not e^(-x)", math.exp(-x)),
        ("divide 1 by (1 + e^(-x)); check the parentheses", 1 / 1 + math.exp(-x)),
    ]
    expect_scalar(got, want, name="basic_sigmoid(x)", case=case, mistakes=mistakes)


# -- sigmoid ---------------------------------------------------------------------------------


# The docstrings promise "array_like, any shape": a Python number is one.
_NUMBERS = [Case(0.5, label="x = 0.5 (a Python float)"), Case(-3, label="x = -3 (a Python int)")]


def _sigmoid_case(rng):
    return Case(rng.standard_normal(_random_shape(rng)) * 4)


def _sigmoid_mistakes(x):
    x = np.asarray(x, dtype=np.float64)
    s = _plain_sigmoid(x)
    return [
        ("the exponent is -x: s = 1 / (1 + np.exp(-x))", _plain_sigmoid(-x)),
        ("this is the derivative; the sigmoid itself is 1 / (1 + np.exp(-x))", s * (1 - s)),
        ("divide 1 by (1 + np.exp(-x)); check the parentheses", 1 + np.exp(-x)),
        ("sigmoid(x) = 1 / (1 + np.exp(-x)), not np.exp(-x)", np.exp(-x)),
    ]


@graded(
    "sigmoid",
    points=0.75,
    public=[
        Case(np.array([1.0, 2.0, 3.0]), label="np.array([1, 2, 3])"),
        Case(np.array([[-1.0, 0.0], [0.5, 4.0]]), label="2x2 matrix"),
    ],
    hidden=_sigmoid_case,
)
def test_sigmoid(student, case):
    got = student.sigmoid(*case.args)
    want = case.run(ref.sigmoid)
    expect_array(got, want, name="sigmoid(x)", case=case, mistakes=_sigmoid_mistakes(*case.args))


@graded("sigmoid", points=0.25, public=_NUMBERS)
def test_sigmoid_of_a_number(student, case):
    got = student.sigmoid(*case.args)
    expect_scalar(got, float(case.run(ref.sigmoid)), name="sigmoid(x) of a number", case=case)


@graded(
    "sigmoid",
    points=0.25,
    public=[Case(np.array([[-1000.0, -30.0, 0.0, 30.0, 1000.0]]), label="entries up to 1000")],
)
def test_sigmoid_extreme_inputs(student, case):
    got = student.sigmoid(*case.args)
    expect_array(got, case.run(ref.sigmoid), name="sigmoid(x) for |x| up to 1000", case=case)


@graded(
    "sigmoid",
    points=0.25,
    public=[Case(np.array([[0.5, -2.0, 3.0]], dtype=np.float32), label="float32 input")],
)
def test_sigmoid_float32(student, case):
    got = student.sigmoid(*case.args)
    want = ref.sigmoid(case.args[0].astype(np.float64))
    expect_array(got, want, name="sigmoid(x) of a float32 array", case=case, rtol=1e-5, atol=1e-7)


@graded("sigmoid", points=0.25, public=[Case(np.array([[1.0, -2.0], [0.0, 3.0]]), label="2x2")])
def test_sigmoid_leaves_input_alone(student, case):
    student.sigmoid(*case.args)
    expect_no_mutation(student, "sigmoid")


# -- sigmoid_derivative ----------------------------------------------------------------------


@graded(
    "sigmoid_derivative",
    points=0.75,
    public=[
        Case(np.array([1.0, 2.0, 3.0]), label="np.array([1, 2, 3])"),
        Case(np.array([[0.0, -4.0], [2.5, 0.1]]), label="2x2 matrix"),
    ],
    hidden=_sigmoid_case,
)
def test_sigmoid_derivative(student, case):
    got = student.sigmoid_derivative(*case.args)
    want = case.run(ref.sigmoid_derivative)
    x = np.asarray(case.args[0], dtype=np.float64)
    s = _plain_sigmoid(x)
    mistakes = [
        ("apply the sigmoid first: s = sigmoid(x), then ds = s * (1 - s)", x * (1 - x)),
        ("the derivative is s * (1 - s), with s = sigmoid(x) in both factors", s * (1 - x)),
        ("the derivative is s * (1 - s), not s * (1 + s)", s * (1 + s)),
        ("return the derivative s * (1 - s), not the sigmoid itself", s),
    ]
    expect_array(got, want, name="sigmoid_derivative(x)", case=case, mistakes=mistakes)


@graded("sigmoid_derivative", points=0.25, public=_NUMBERS)
def test_sigmoid_derivative_of_a_number(student, case):
    got = student.sigmoid_derivative(*case.args)
    want = float(case.run(ref.sigmoid_derivative))
    expect_scalar(got, want, name="sigmoid_derivative(x) of a number", case=case)


@graded(
    "sigmoid_derivative",
    points=0.25,
    public=[Case(np.array([[-0.7, 0.3, 1.9]]), label="1x3")],
)
def test_sigmoid_derivative_matches_finite_differences(student, case):
    (x,) = case.args
    got = student.sigmoid_derivative(*case.args)
    epsilon = 1e-6
    numerical = (ref.sigmoid(x + epsilon) - ref.sigmoid(x - epsilon)) / (2 * epsilon)
    expect_array(
        got,
        numerical,
        name="sigmoid_derivative(x) against centred differences",
        case=case,
        rtol=1e-6,
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


def _image_case(rng):
    shape = tuple(int(n) for n in rng.integers(1, 7, size=3))
    return Case(rng.random(shape))


@graded(
    "image2vector",
    points=1,
    public=[Case(_IMAGE, label="image of shape (3, 3, 2)")],
    hidden=_image_case,
)
def test_image2vector(student, case):
    got = student.image2vector(*case.args)
    want = case.run(ref.image2vector)
    (image,) = case.args
    if type(got) is np.ndarray and got.ndim == 2 and got.shape[1] != 1 and got.shape[0] != 1:
        raise Mismatch(
            f"image2vector(image) has shape {got.shape}; expected {want.shape}. Hint: the "
            "result is one column: image.reshape(length * height * depth, 1)"
        )
    mistakes = [
        (
            "keep numpy's default (C) order: image.reshape(length * height * depth, 1); "
            "do not transpose the image or use order='F'",
            image.reshape(-1, 1, order="F"),
        ),
    ]
    expect_array(got, want, name="image2vector(image)", case=case, mistakes=mistakes)


@graded("image2vector", points=0.25, public=[Case(_IMAGE, label="(3, 3, 2)")])
def test_image2vector_leaves_input_alone(student, case):
    student.image2vector(*case.args)
    expect_no_mutation(student, "image2vector")


# -- normalize_rows --------------------------------------------------------------------------


def _normalize_case(rng):
    return Case(_matrix(rng))


def _normalize_mistakes(x):
    x = np.asarray(x, dtype=np.float64)
    row_norms = np.sqrt((x * x).sum(axis=1, keepdims=True))
    col_norms = np.sqrt((x * x).sum(axis=0, keepdims=True))
    mistakes = [
        (
            "normalize each ROW: np.linalg.norm(x, axis=1, keepdims=True) (axis=0 gives columns)",
            x / col_norms,
        ),
        (
            "divide by the norm, the square root of the sum of squares (not the sum of squares)",
            x / (row_norms**2),
        ),
        (
            "use the Euclidean (L2) norm, np.linalg.norm(x, axis=1, keepdims=True), not the sum "
            "of absolute values",
            x / np.abs(x).sum(axis=1, keepdims=True),
        ),
        (
            "divide by each row's own norm: np.linalg.norm(x, axis=1, keepdims=True), not the norm "
            "of the whole matrix",
            x / np.sqrt((x * x).sum()),
        ),
    ]
    if x.shape[0] == x.shape[1]:
        mistakes.append(
            (
                "keep the norms as a column with keepdims=True (shape (n, 1)) so that each row is "
                "divided by its own norm",
                x / row_norms.reshape(1, -1),
            ),
        )
    return mistakes


_X_NORM = np.array([[0.0, 3.0, 4.0], [1.0, 6.0, 4.0]])


@graded(
    "normalize_rows",
    points=1.5,
    public=[
        Case(_X_NORM, label="[[0, 3, 4], [1, 6, 4]]"),
        Case(np.array([[1.0, 2.0], [-3.0, 0.5]]), label="2x2 matrix"),
    ],
    hidden=_normalize_case,
)
def test_normalize_rows(student, case):
    got = student.normalize_rows(*case.args)
    want = case.run(ref.normalize_rows)
    expect_array(
        got, want, name="normalize_rows(x)", case=case, mistakes=_normalize_mistakes(*case.args)
    )


@graded(
    "normalize_rows",
    points=0.25,
    public=[
        Case(
            np.array([[3.0, 4.0], [1.0, -1.0], [0.2, 0.1]], dtype=np.float32), label="float32 input"
        )
    ],
)
def test_normalize_rows_float32(student, case):
    got = student.normalize_rows(*case.args)
    want = ref.normalize_rows(case.args[0].astype(np.float64))
    expect_array(
        got, want, name="normalize_rows(x) of a float32 array", case=case, rtol=1e-5, atol=1e-7
    )


@graded("normalize_rows", points=0.25, public=[Case(_X_NORM, label="2x3")])
def test_normalize_rows_leaves_input_alone(student, case):
    student.normalize_rows(*case.args)
    expect_no_mutation(student, "normalize_rows")


# -- softmax (row-wise) ----------------------------------------------------------------------


def _softmax_case(rng):
    return Case(_matrix(rng, scale=2.0))


def _softmax_mistakes(x):
    x = np.asarray(x, dtype=np.float64)
    e = np.exp(x - x.max())
    mistakes = [
        (
            "softmax is ROW-wise here: sum over axis=1 (axis=0 sums each column)",
            e / e.sum(axis=0, keepdims=True),
        ),
        (
            "divide by each row's sum, x_exp.sum(axis=1, keepdims=True), not the sum of all "
            "entries",
            e / e.sum(),
        ),
        (
            "exponentiate first: x_exp = np.exp(x), then divide by the row sums of x_exp",
            x / x.sum(axis=1, keepdims=True),
        ),
    ]
    if x.shape[0] == x.shape[1]:
        mistakes.append(
            (
                "keep the row sums as a column with keepdims=True (shape (n, 1)) so that each row "
                "is divided by its own sum",
                e / e.sum(axis=1).reshape(1, -1),
            ),
        )
    return mistakes


_X_SOFT = np.array([[9.0, 2.0, 5.0, 0.0, 0.0], [7.0, 5.0, 0.0, 0.0, 0.0]])


@graded(
    "softmax",
    points=1.5,
    public=[
        Case(_X_SOFT, label="[[9, 2, 5, 0, 0], [7, 5, 0, 0, 0]]"),
        Case(np.array([[1.0, 2.0], [3.0, -1.0]]), label="2x2 matrix"),
    ],
    hidden=_softmax_case,
)
def test_softmax(student, case):
    got = student.softmax(*case.args)
    want = case.run(ref.softmax)
    expect_array(got, want, name="softmax(x)", case=case, mistakes=_softmax_mistakes(*case.args))


@graded(
    "softmax",
    points=0.5,
    public=[
        Case(
            np.array([[1000.0, 1001.0, 1002.0], [-1000.0, -1000.0, -999.0]]),
            label="entries near +-1000",
        )
    ],
)
def test_softmax_is_stable(student, case):
    got = student.softmax(*case.args)
    want = case.run(ref.softmax)
    value = got.astype(np.float64) if type(got) is np.ndarray else got
    if type(value) is np.ndarray and value.shape == want.shape and not np.isfinite(value).all():
        raise Mismatch(
            "softmax(x) contains NaN or inf for entries near +-1000. Hint: subtract each row's "
            "maximum before np.exp (x - x.max(axis=1, keepdims=True)); it cancels in the ratio "
            "but keeps exp from overflowing"
        )
    expect_array(got, want, name="softmax(x) for entries near +-1000", case=case)


@graded("softmax", points=0.25, public=[Case(_X_SOFT, label="2x5")])
def test_softmax_leaves_input_alone(student, case):
    student.softmax(*case.args)
    expect_no_mutation(student, "softmax")


# -- L1 and L2 -------------------------------------------------------------------------------

_YHAT = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
_Y = np.array([1.0, 0.0, 0.0, 1.0, 1.0])


def _loss_case(rng):
    m = int(rng.integers(2, 40))
    y = (rng.random(m) > 0.5).astype(np.float64)
    return Case(rng.random(m), y)


def _loss_mistakes(yhat, y):
    diff = np.asarray(y, dtype=np.float64) - np.asarray(yhat, dtype=np.float64)
    m = diff.size
    return {
        "abs_sum": np.abs(diff).sum(),
        "plain_sum": diff.sum(),
        "abs_mean": np.abs(diff).mean(),
        "square_sum": (diff * diff).sum(),
        "square_mean": (diff * diff).mean(),
        "norm": math.sqrt((diff * diff).sum()),
        "m": m,
    }


@graded(
    "L1",
    points=0.75,
    public=[Case(_YHAT, _Y, label="yhat = [.9, .2, .1, .4, .9], y = [1, 0, 0, 1, 1]")],
    hidden=_loss_case,
)
def test_L1(student, case):
    got = student.L1(*case.args)
    want = case.run(ref.L1)
    v = _loss_mistakes(*case.args)
    mistakes = [
        ("take the absolute value of each difference: np.sum(np.abs(y - yhat))", v["plain_sum"]),
        ("take the absolute value of each difference (y - yhat can be negative)", -v["plain_sum"]),
        ("the L1 loss is the SUM of absolute differences, not their mean", v["abs_mean"]),
        ("that is the L2 loss; L1 sums absolute values, not squares", v["square_sum"]),
    ]
    expect_scalar(got, want, name="L1(yhat, y)", case=case, mistakes=mistakes)


@graded(
    "L2",
    points=0.75,
    public=[Case(_YHAT, _Y, label="yhat = [.9, .2, .1, .4, .9], y = [1, 0, 0, 1, 1]")],
    hidden=_loss_case,
)
def test_L2(student, case):
    got = student.L2(*case.args)
    want = case.run(ref.L2)
    v = _loss_mistakes(*case.args)
    mistakes = [
        (
            "the L2 loss is the sum of squares with no square root (np.dot(d, d) for d = y - yhat)",
            v["norm"],
        ),
        ("the L2 loss is the SUM of squared differences, not their mean", v["square_mean"]),
        ("square each difference: np.sum((y - yhat) ** 2); that is the L1 loss", v["abs_sum"]),
        (
            "square each difference before summing: np.sum((y - yhat) ** 2), not (sum)^2",
            v["plain_sum"] ** 2,
        ),
    ]
    expect_scalar(got, want, name="L2(yhat, y)", case=case, mistakes=mistakes)


@graded("L1", points=0.25, public=[Case(_YHAT, _Y, label="the public vectors")])
def test_L1_returns_a_number(student, case):
    expect_float(student.L1(*case.args), name="L1(yhat, y)")


@graded("L2", points=0.25, public=[Case(_YHAT, _Y, label="the public vectors")])
def test_L2_returns_a_number(student, case):
    expect_float(student.L2(*case.args), name="L2(yhat, y)")


# -- column_percentages ----------------------------------------------------------------------

_CALORIES = np.array(
    [
        [56.0, 0.0, 4.4, 68.0],
        [1.2, 104.0, 52.0, 8.0],
        [1.8, 135.0, 99.0, 0.9],
    ]
)


def _percentages_case(rng):
    n, m = int(rng.integers(2, 6)), int(rng.integers(2, 7))
    if rng.random() < 0.3:
        n = m
    return Case(rng.uniform(0.5, 150.0, (n, m)))


def _percentages_mistakes(A):
    A = np.asarray(A, dtype=np.float64)
    col = A.sum(axis=0, keepdims=True)
    row = A.sum(axis=1, keepdims=True)
    mistakes = [
        (
            "divide by each COLUMN's total, A.sum(axis=0, keepdims=True) (axis=1 gives row totals)",
            100 * A / row,
        ),
        ("multiply by 100: the result is a percentage, not a fraction", A / col),
        (
            "divide by each column's own total, A.sum(axis=0), not the total of the whole matrix",
            100 * A / A.sum(),
        ),
    ]
    if A.shape[0] == A.shape[1]:
        mistakes.append(
            (
                "the column totals must broadcast DOWN each column: keep them as a row of shape "
                "(1, m), e.g. A.sum(axis=0, keepdims=True)",
                100 * A / col.reshape(-1, 1),
            ),
        )
    return mistakes


@graded(
    "column_percentages",
    points=1,
    public=[Case(_CALORIES, label="the calories table (3 nutrients x 4 foods)")],
    hidden=_percentages_case,
)
def test_column_percentages(student, case):
    got = student.column_percentages(*case.args)
    want = case.run(ref.column_percentages)
    expect_array(
        got,
        want,
        name="column_percentages(A)",
        case=case,
        mistakes=_percentages_mistakes(*case.args),
    )


@graded("column_percentages", points=0.25, public=[Case(_CALORIES, label="calories")])
def test_column_percentages_leaves_input_alone(student, case):
    student.column_percentages(*case.args)
    expect_no_mutation(student, "column_percentages")


# -- computation_graph -----------------------------------------------------------------------


def _graph_case(rng):
    a, b, c = (float(v) for v in np.round(rng.uniform(-6, 6, size=3), 3))
    return Case(a, b, c)


@graded(
    "computation_graph",
    points=1.5,
    public=[
        Case(5.0, 3.0, 2.0, label="a=5, b=3, c=2"),
        Case(-1.0, 0.5, 4.0, label="a=-1, b=.5, c=4"),
    ],
    hidden=_graph_case,
)
def test_computation_graph(student, case):
    got = expect_tuple(student.computation_graph(*case.args), 4, name="computation_graph(a, b, c)")
    J, dJ_da, dJ_db, dJ_dc = case.run(ref.computation_graph)
    a, b, c = case.args
    expect_scalar(
        got[0],
        J,
        name="J",
        case=case,
        mistakes=[
            ("J = 3 * v with v = a + u and u = b * c", a + b * c),
            ("J = 3 * (a + b * c): the 3 multiplies the whole sum", 3 * a + b * c),
        ],
    )
    expect_scalar(
        got[1],
        dJ_da,
        name="dJ_da",
        case=case,
        mistakes=[
            ("chain rule: dJ/da = dJ/dv * dv/da = 3 * 1", 1.0),
        ],
    )
    expect_scalar(
        got[2],
        dJ_db,
        name="dJ_db",
        case=case,
        mistakes=[
            ("chain rule: dJ/db = dJ/du * du/db = 3 * c (you dropped the 3)", c),
            ("u = b * c, so du/db = c (not b): dJ/db = 3 * c", 3 * b),
        ],
    )
    expect_scalar(
        got[3],
        dJ_dc,
        name="dJ_dc",
        case=case,
        mistakes=[
            ("chain rule: dJ/dc = dJ/du * du/dc = 3 * b (you dropped the 3)", b),
            ("u = b * c, so du/dc = b (not c): dJ/dc = 3 * b", 3 * c),
        ],
    )


@graded("computation_graph", points=0.5, public=[Case(1.5, -2.0, 0.75, label="a=1.5, b=-2, c=.75")])
def test_computation_graph_matches_finite_differences(student, case):
    """The derivatives agree with centred differences of the student's own J."""
    args = list(case.args)
    got = expect_tuple(student.computation_graph(*args), 4, name="computation_graph(a, b, c)")
    epsilon = 1e-4
    for index, name in enumerate(("dJ_da", "dJ_db", "dJ_dc")):
        plus, minus = list(args), list(args)
        plus[index] += epsilon
        minus[index] -= epsilon
        j_plus = expect_tuple(student.computation_graph(*plus), 4, name="computation_graph")[0]
        j_minus = expect_tuple(student.computation_graph(*minus), 4, name="computation_graph")[0]
        try:
            numerical = (float(j_plus) - float(j_minus)) / (2 * epsilon)
        except (TypeError, ValueError):
            raise Mismatch("J should be a number") from None
        expect_scalar(
            got[index + 1],
            numerical,
            name=f"{name} against a centred difference of your J",
            case=case,
            rtol=1e-6,
            atol=1e-6,
        )
