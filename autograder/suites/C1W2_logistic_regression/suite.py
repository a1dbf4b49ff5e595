"""Grading suite for C1W2_logistic_regression: one sigmoid neuron trained by gradient descent.

Every expected value comes from :mod:`dlutils.logistic`. Each classic mistake is a small wrong
variant computed here in the judge; when a submission's value matches one, the failure message
carries its hint. Inputs keep ``|w^T x + b|`` moderate (no saturated sigmoid), so the plain
``np.log`` cost and the reference's clipped cost agree.
"""

from __future__ import annotations

import numpy as np

from autograder.kit.compare import (
    expect_array,
    expect_costs,
    expect_dict,
    expect_equal,
    expect_float,
    expect_no_mutation,
    expect_scalar,
    expect_tuple,
)
from autograder.kit.spec import Case, Mismatch, graded
from dlutils import gradcheck
from dlutils import logistic as ref

ASSIGNMENT = "C1W2_logistic_regression"

# -- inputs ----------------------------------------------------------------------------------


def _data(rng: np.random.Generator, n_x: int, m: int):
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(np.float64)
    return X, Y


def _weights(rng: np.random.Generator, n_x: int):
    return rng.standard_normal((n_x, 1)) * 0.5, float(np.round(rng.uniform(-1, 1), 4))


def _sizes(rng: np.random.Generator):
    return int(rng.integers(1, 12)), int(rng.integers(2, 60))


def _separable(rng: np.random.Generator, n_x: int, m: int):
    """Two noisy Gaussian clouds: a small stand-in for the image task."""
    Y = (np.arange(m) % 2).astype(np.float64).reshape(1, m)
    centre = rng.standard_normal((n_x, 1))
    X = rng.standard_normal((n_x, m)) * 0.8 + np.where(Y > 0, centre, -centre)
    return X, Y


_fixed = np.random.default_rng(20240602)
_W_PUB = np.array([[1.0], [2.0]])
_B_PUB = 1.5
_X_PUB = np.array([[1.0, -2.0, -1.0], [3.0, 0.5, -3.2]])
_Y_PUB = np.array([[1.0, 1.0, 0.0]])
_X2, _Y2 = _data(_fixed, 4, 9)
_W2, _B2 = _weights(_fixed, 4)


def _sigmoid(z):
    return 1.0 / (1.0 + np.exp(-np.asarray(z, dtype=np.float64)))


def _lazy_mistakes(check, make_mistakes):
    """Run ``check(mistakes)``; the (costly) wrong variants are computed only on a failure."""
    try:
        check({})
    except Mismatch:
        check(make_mistakes())


# -- sigmoid ---------------------------------------------------------------------------------


def _sigmoid_case(rng):
    ndim = int(rng.integers(1, 3))
    shape = tuple(int(n) for n in rng.integers(1, 9, size=ndim))
    return Case(rng.standard_normal(shape) * 4)


@graded(
    "sigmoid",
    points=0.75,
    public=[
        Case(np.array([0.0, 2.0]), label="np.array([0, 2])"),
        Case(np.array([[-1.0, 0.5], [3.0, -6.0]]), label="2x2 matrix"),
    ],
    hidden=_sigmoid_case,
)
def test_sigmoid(student, case):
    got = student.sigmoid(*case.args)
    want = case.run(ref.sigmoid)
    z = np.asarray(case.args[0], dtype=np.float64)
    mistakes = [
        ("the exponent is -z: s = 1 / (1 + np.exp(-z))", _sigmoid(-z)),
        ("divide 1 by (1 + np.exp(-z)); check the parentheses", 1 + np.exp(-z)),
        ("sigmoid(z) = 1 / (1 + np.exp(-z)), not np.exp(-z)", np.exp(-z)),
    ]
    expect_array(got, want, name="sigmoid(z)", case=case, mistakes=mistakes)


@graded(
    "sigmoid",
    points=0.25,
    public=[Case(0.5, label="z = 0.5 (a Python float)"), Case(-3, label="z = -3 (a Python int)")],
)
def test_sigmoid_of_a_number(student, case):
    """The docstring promises "array_like, any shape": a Python number is one."""
    got = student.sigmoid(*case.args)
    expect_scalar(got, float(case.run(ref.sigmoid)), name="sigmoid(z) of a number", case=case)


@graded(
    "sigmoid",
    points=0.25,
    public=[Case(np.array([[-1000.0, -40.0, 0.0, 40.0, 1000.0]]), label="entries up to 1000")],
)
def test_sigmoid_extreme_inputs(student, case):
    got = student.sigmoid(*case.args)
    expect_array(got, case.run(ref.sigmoid), name="sigmoid(z) for |z| up to 1000", case=case)


# -- initialize_with_zeros -------------------------------------------------------------------


def _zeros_case(rng):
    return Case(int(rng.integers(785, 5000)))


@graded(
    "initialize_with_zeros",
    points=1,
    public=[Case(2, label="dim = 2"), Case(784, label="dim = 784 (one 28x28 image)")],
    hidden=_zeros_case,
)
def test_initialize_with_zeros(student, case):
    got = expect_tuple(
        student.initialize_with_zeros(*case.args), 2, name="initialize_with_zeros(dim)"
    )
    w_ref, b_ref = case.run(ref.initialize_with_zeros)
    expect_array(got[0], w_ref, name="w", case=case)
    expect_scalar(got[1], b_ref, name="b", case=case)


@graded("initialize_with_zeros", points=0.5, public=[Case(3, label="dim = 3")])
def test_initialize_with_zeros_bias_is_float(student, case):
    got = expect_tuple(
        student.initialize_with_zeros(*case.args), 2, name="initialize_with_zeros(dim)"
    )
    w, b = got
    if type(b) is int:
        raise Mismatch("b should be a Python float; got the int 0. Hint: write b = 0.0")
    expect_float(b, name="b")
    if type(w) is np.ndarray and w.dtype.kind != "f":
        raise Mismatch(f"w should hold floats; got dtype {w.dtype}. Hint: np.zeros((dim, 1))")


# -- propagate -------------------------------------------------------------------------------


def _propagate_case(rng):
    n_x, m = _sizes(rng)
    w, b = _weights(rng, n_x)
    X, Y = _data(rng, n_x, m)
    return Case(w, b, X, Y)


def _propagate_mistakes(w, b, X, Y):
    m = X.shape[1]
    A = _sigmoid(w.T @ X + b)
    dZ = A - Y
    log_likelihood = Y * np.log(A) + (1 - Y) * np.log(1 - A)
    forgot_m = "divide by m: dw = (1/m) X (A - Y)^T and db = (1/m) * sum(A - Y)"
    sign = "dZ = A - Y (not Y - A): the gradient points uphill and descent subtracts it"
    no_bias = "add the bias before the sigmoid: A = sigmoid(w.T @ X + b)"
    A_nb = _sigmoid(w.T @ X)
    return {
        "dw": [
            (forgot_m, X @ dZ.T),
            (sign, -(X @ dZ.T) / m),
            (no_bias, X @ (A_nb - Y).T / m),
        ],
        "db": [
            (forgot_m, dZ.sum()),
            (sign, -dZ.sum() / m),
            (no_bias, (A_nb - Y).sum() / m),
        ],
        "cost": [
            (
                "divide by m: the cost is the mean over examples, -(1/m) * sum(...)",
                -log_likelihood.sum(),
            ),
            ("the cost is minus the mean log-likelihood: check the sign", log_likelihood.sum() / m),
            ("include both terms, Y*log(A) and (1-Y)*log(1-A)", -(Y * np.log(A)).sum() / m),
            (no_bias, -(Y * np.log(A_nb) + (1 - Y) * np.log(1 - A_nb)).sum() / m),
        ],
    }


@graded(
    "propagate",
    points=2,
    public=[
        Case(_W_PUB, _B_PUB, _X_PUB, _Y_PUB, label="w=[[1], [2]], b=1.5, 3 examples"),
        Case(_W2, _B2, _X2, _Y2, label="4 features, 9 examples"),
    ],
    hidden=_propagate_case,
)
def test_propagate(student, case):
    got = expect_tuple(student.propagate(*case.args), 2, name="propagate(w, b, X, Y)")
    grads_ref, cost_ref = case.run(ref.propagate)
    mistakes = _propagate_mistakes(*case.args)
    grads = got[0]
    if type(grads) is not dict:
        raise Mismatch("propagate should return (grads, cost) with grads a dict {'dw', 'db'}")
    expect_dict(grads, grads_ref, name="grads", case=case, keys=["dw", "db"], mistakes=mistakes)
    expect_scalar(got[1], cost_ref, name="cost", case=case, mistakes=mistakes["cost"])


@graded("propagate", points=0.5, public=[Case(_W_PUB, _B_PUB, _X_PUB, _Y_PUB, label="3 examples")])
def test_propagate_cost_is_float(student, case):
    got = expect_tuple(student.propagate(*case.args), 2, name="propagate(w, b, X, Y)")
    expect_float(got[1], name="cost")


@graded("propagate", points=0.5, public=[Case(_W2, _B2, _X2, _Y2, label="4x9")])
def test_propagate_matches_finite_differences(student, case):
    w, b, X, Y = case.args
    got = expect_tuple(student.propagate(*case.args), 2, name="propagate(w, b, X, Y)")
    if type(got[0]) is not dict:
        raise Mismatch("propagate should return (grads, cost) with grads a dict {'dw', 'db'}")

    def cost(params):
        return ref.propagate(params["w"], float(params["b"][0, 0]), X, Y)[1]

    numerical = gradcheck.numerical_gradient_dict(cost, {"w": w, "b": np.array([[b]])})
    expect_array(
        got[0].get("dw"),
        numerical["dw"],
        name="grads['dw'] against finite differences",
        case=case,
        rtol=1e-5,
        atol=1e-8,
    )
    expect_scalar(
        got[0].get("db"),
        numerical["db"][0, 0],
        name="grads['db'] against finite differences",
        case=case,
        rtol=1e-5,
        atol=1e-8,
    )


@graded("propagate", points=0.5, public=[Case(_W2, _B2, _X2, _Y2, label="4x9")])
def test_propagate_leaves_inputs_alone(student, case):
    student.propagate(*case.args)
    expect_no_mutation(student, "propagate")


# -- optimize --------------------------------------------------------------------------------


def _optimize_case(rng):
    n_x, m = _sizes(rng)
    w, b = _weights(rng, n_x)
    X, Y = _data(rng, n_x, m)
    return Case(
        w,
        b,
        X,
        Y,
        num_iterations=int(rng.integers(1, 350)),
        learning_rate=float(np.round(rng.uniform(0.005, 0.5), 4)),
    )


def _expect_costs(got, want, *, case):
    """Costs recorded when i % 100 == 0; a wrong count gets the hint of the rule it fits."""
    n = case.kwargs.get("num_iterations", 100)
    counts = [
        ("record the cost only every 100 iterations (if i % 100 == 0)", n),
        ("record the cost at iteration 0 too (i % 100 == 0 holds for i = 0)", (n - 1) // 100),
        (
            "record only when i % 100 == 0 (this assignment does not add the last iteration)",
            len(range(0, n, 100)) + (1 if (n - 1) % 100 else 0),
        ),
    ]
    expect_costs(got, want, case=case, counts=[(h, c) for h, c in counts if c != len(want)])


def _optimize_mistakes(case):
    w, b, X, Y = case.args
    kwargs = case.kwargs
    n = kwargs.get("num_iterations", 100)
    lr = kwargs.get("learning_rate", 0.009)
    params_plus, _, _ = ref.optimize(w, b, X, Y, n, -lr)
    params_default_lr, _, _ = ref.optimize(w, b, X, Y, n, 0.009)
    plus = "gradient descent subtracts: w = w - learning_rate * dw"
    default_lr = "use the learning_rate argument, not a fixed value"
    params, _, _ = ref.optimize(w, b, X, Y, n, lr)
    final_grads, _ = ref.propagate(params["w"], params["b"], X, Y)
    after = "return the gradients of the last iteration (computed before its update)"
    return {
        "w": [(plus, params_plus["w"]), (default_lr, params_default_lr["w"])],
        "b": [(plus, params_plus["b"]), (default_lr, params_default_lr["b"])],
        "dw": [(after, final_grads["dw"])],
        "db": [(after, final_grads["db"])],
    }


_OPT_PUBLIC = [
    Case(
        _W_PUB,
        _B_PUB,
        _X_PUB,
        _Y_PUB,
        num_iterations=100,
        learning_rate=0.009,
        label="num_iterations=100, learning_rate=0.009",
    ),
    Case(
        _W2,
        _B2,
        _X2,
        _Y2,
        num_iterations=250,
        learning_rate=0.1,
        label="4x9, 250 iterations, learning_rate=0.1",
    ),
    *(
        Case(_W2, _B2, _X2, _Y2, num_iterations=n, learning_rate=0.1, label=f"{n} iteration(s)")
        for n in (1, 101, 200)
    ),
]


@graded("optimize", points=2, public=_OPT_PUBLIC, hidden=_optimize_case)
def test_optimize(student, case):
    got = expect_tuple(student.optimize(*case.args, **case.kwargs), 3, name="optimize(...)")
    params_ref, grads_ref, costs_ref = case.run(ref.optimize)
    _lazy_mistakes(
        lambda mistakes: (
            expect_dict(
                got[0],
                params_ref,
                name="params",
                case=case,
                keys=["w", "b"],
                mistakes=mistakes,
                rtol=1e-5,
                atol=1e-8,
            ),
            expect_dict(
                got[1],
                grads_ref,
                name="grads",
                case=case,
                keys=["dw", "db"],
                mistakes=mistakes,
                rtol=1e-5,
                atol=1e-8,
            ),
        ),
        lambda: _optimize_mistakes(case),
    )
    _expect_costs(got[2], costs_ref, case=case)


@graded(
    "optimize",
    points=0.25,
    public=[Case(_W_PUB, _B_PUB, _X_PUB, _Y_PUB, label="defaults (100 iterations, rate 0.009)")],
)
def test_optimize_default_arguments(student, case):
    got = expect_tuple(student.optimize(*case.args), 3, name="optimize(w, b, X, Y)")
    params_ref, _, costs_ref = case.run(ref.optimize)
    expect_dict(
        got[0],
        params_ref,
        name="params (with the default arguments)",
        case=case,
        keys=["w", "b"],
        rtol=1e-5,
        atol=1e-8,
    )
    _expect_costs(got[2], costs_ref, case=case)


@graded("optimize", points=0.5, public=[Case(_W2, _B2, _X2, _Y2, num_iterations=20, label="4x9")])
def test_optimize_leaves_inputs_alone(student, case):
    student.optimize(*case.args, **case.kwargs)
    expect_no_mutation(student, "optimize")


# -- predict ---------------------------------------------------------------------------------


def _predict_case(rng):
    n_x, m = _sizes(rng)
    w, b = _weights(rng, n_x)
    return Case(w * 3, b, rng.standard_normal((n_x, m)))


_W_PRED = np.array([[0.1124579], [0.23106775]])
_X_PRED = np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]])


@graded(
    "predict",
    points=1,
    public=[
        Case(_W_PRED, -0.3, _X_PRED, label="w=[[.112], [.231]], b=-0.3, 3 examples"),
        Case(
            np.array([[1.0], [-2.0], [0.5]]),
            0.0,
            np.array([[0.0, 2.0, 1.0, 0.0], [0.0, 1.0, 0.0, 1.0], [0.0, 0.0, 0.0, 0.0]]),
            label="b = 0; examples 1 and 2 have a probability of exactly 0.5",
        ),
    ],
    hidden=_predict_case,
)
def test_predict(student, case):
    got = student.predict(*case.args)
    want = case.run(ref.predict)
    w, b, X = case.args
    A = _sigmoid(w.T @ X + b)
    mistakes = [
        (
            "predict class 1 only when A > 0.5 (strictly); A = 0.5 is class 0",
            (A >= 0.5).astype(np.float64),
        ),
        ("return labels, not probabilities: Y_prediction = (A > 0.5)", A),
        ("class 1 is predicted when A > 0.5, not below", (A <= 0.5).astype(np.float64)),
        ("add the bias: A = sigmoid(w.T @ X + b)", (_sigmoid(w.T @ X) > 0.5).astype(np.float64)),
    ]
    expect_array(got, want, name="Y_prediction", case=case, mistakes=mistakes)


@graded("predict", points=0.25, public=[Case(_W_PRED, -0.3, _X_PRED, label="3 examples")])
def test_predict_leaves_inputs_alone(student, case):
    student.predict(*case.args)
    expect_no_mutation(student, "predict")


# -- model -----------------------------------------------------------------------------------


def _model_case(rng):
    n_x = int(rng.integers(2, 20))
    X, Y = _separable(rng, n_x, int(rng.integers(30, 90)))
    X_test, Y_test = _separable(rng, n_x, int(rng.integers(10, 40)))
    return Case(
        X,
        Y,
        X_test,
        Y_test,
        num_iterations=int(rng.integers(100, 400)),
        learning_rate=float(np.round(rng.uniform(0.01, 0.5), 3)),
    )


_MX, _MY = _separable(np.random.default_rng(5), 6, 40)
_MXT, _MYT = _separable(np.random.default_rng(6), 6, 16)
_MODEL_KEYS = ["w", "b", "Y_prediction_train", "Y_prediction_test"]


def _model_mistakes(case):
    X, Y, X_test, Y_test = case.args
    n = case.kwargs.get("num_iterations", 2000)
    lr = case.kwargs.get("learning_rate", 0.5)
    default_lr = ref.model(X, Y, X_test, Y_test, n, 0.009)
    default_n = ref.model(X, Y, X_test, Y_test, 100, lr)
    right = ref.model(X, Y, X_test, Y_test, n, lr)
    lr_hint = "pass learning_rate on to optimize (its default is 0.009)"
    n_hint = "pass num_iterations on to optimize (its default is 100)"
    mistakes = {key: [(lr_hint, default_lr[key]), (n_hint, default_n[key])] for key in ("w", "b")}
    swap = "Y_prediction_train comes from X_train and Y_prediction_test from X_test"
    mistakes["Y_prediction_train"] = [(swap, right["Y_prediction_test"])]
    mistakes["Y_prediction_test"] = [(swap, right["Y_prediction_train"])]
    return mistakes


@graded(
    "model",
    points=2,
    public=[
        Case(
            _MX,
            _MY,
            _MXT,
            _MYT,
            num_iterations=300,
            learning_rate=0.1,
            label="6 features, 40 train / 16 test, 300 iterations",
        )
    ],
    hidden=_model_case,
    n_hidden=2,
    timeout=20.0,
)
def test_model(student, case):
    got = student.model(*case.args, **case.kwargs)
    want = case.run(ref.model)
    if type(got) is not dict:
        raise Mismatch(f"model should return a dict; got a {type(got).__name__}")
    missing = [
        key for key in ("costs", *_MODEL_KEYS, "learning_rate", "num_iterations") if key not in got
    ]
    if missing:
        raise Mismatch(f"the dict returned by model is missing the key(s) {missing}")
    for key, other in (
        ("Y_prediction_test", "Y_prediction_train"),
        ("Y_prediction_train", "Y_prediction_test"),
    ):
        value = got[key]
        shape = getattr(value, "shape", None)
        if shape == want[other].shape and shape != want[key].shape:
            raise Mismatch(
                f"d[{key!r}] has the shape of d[{other!r}]. Hint: Y_prediction_train "
                "comes from X_train and Y_prediction_test from X_test"
            )
    _lazy_mistakes(
        lambda mistakes: expect_dict(
            got,
            want,
            name="d",
            case=case,
            keys=_MODEL_KEYS,
            mistakes=mistakes,
            rtol=1e-4,
            atol=1e-6,
        ),
        lambda: _model_mistakes(case),
    )
    _expect_costs(got["costs"], want["costs"], case=case)
    expect_scalar(got["learning_rate"], want["learning_rate"], name="d['learning_rate']", case=case)
    expect_equal(
        got["num_iterations"], want["num_iterations"], name="d['num_iterations']", case=case
    )
