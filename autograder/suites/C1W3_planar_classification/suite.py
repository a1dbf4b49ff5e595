"""Grading suite for C1W3_planar_classification: a 2-layer net (tanh hidden, sigmoid output).

Every expected value comes from :mod:`dlutils.shallow`. Each classic mistake is a small
wrong variant of the reference, computed here in the judge; when a submission's value matches
one, the failure message carries its hint.
"""

from __future__ import annotations

import numpy as np

from autograder.kit.compare import (
    expect_array,
    expect_dict,
    expect_equal,
    expect_float,
    expect_no_mutation,
    expect_scalar,
    expect_tuple,
)
from autograder.kit.spec import Case, Mismatch, Seed, graded
from autograder.suites._common import two_layer_init_case, two_layer_init_mistakes
from dlutils import activations, gradcheck
from dlutils import shallow as ref

ASSIGNMENT = "C1W3_planar_classification"
PREAMBLE = "import numpy as np\nimport math\nimport copy\n"
HELPERS = [activations.sigmoid]

# -- inputs ----------------------------------------------------------------------------------


def _data(rng: np.random.Generator, n_x: int, m: int, n_y: int = 1):
    X = rng.standard_normal((n_x, m)) * 1.5
    Y = (rng.random((n_y, m)) > 0.5).astype(np.float64)
    return X, Y


def _params(rng: np.random.Generator, n_x: int, n_h: int, n_y: int = 1, scale: float = 0.5):
    return {
        "W1": rng.standard_normal((n_h, n_x)) * scale,
        "b1": rng.standard_normal((n_h, 1)) * 0.1,
        "W2": rng.standard_normal((n_y, n_h)) * scale,
        "b2": rng.standard_normal((n_y, 1)) * 0.1,
    }


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
    got = student.layer_sizes(*case.args)
    want = case.run(ref.layer_sizes)
    got = expect_tuple(got, 3, name="layer_sizes(X, Y)")
    got = tuple(int(v) if type(v) is int else v for v in got)
    X, Y = case.args
    wrong_sizes = {
        (X.shape[1], 4, Y.shape[0]): (
            "n_x is the number of input features, X.shape[0] (X.shape[1] counts examples)"
        ),
        (X.shape[0], 4, Y.shape[1]): "n_y is the number of output units, Y.shape[0]",
    }
    hint = ""
    if all(type(v) is int for v in got):
        hint = wrong_sizes.get(got, "")
        if got[0] == want[0] and got[2] == want[2] and got[1] != 4:
            hint = "the hidden layer size is fixed at 4 in this function"
    expect_equal(got, want, name="(n_x, n_h, n_y)", case=case, hint=hint)


# -- initialize_parameters -------------------------------------------------------------------


@graded(
    "initialize_parameters",
    points=1,
    public=[Case(2, 4, 1, rng=Seed(3), label="n_x=2, n_h=4, n_y=1")],
    hidden=two_layer_init_case,
)
def test_initialize_parameters(student, case):
    got = student.initialize_parameters(*case.args, **case.kwargs)
    want = case.run(ref.initialize_parameters)
    expect_dict(
        got,
        want,
        name="parameters",
        case=case,
        keys=["W1", "b1", "W2", "b2"],
        mistakes=two_layer_init_mistakes(case),
    )


# -- forward_propagation ---------------------------------------------------------------------


def _forward_case(rng):
    n_x, n_h, m = _sizes(rng)
    X, _ = _data(rng, n_x, m)
    return Case(X, _params(rng, n_x, n_h))


def _forward_variants(X, p, hidden):
    Z1 = p["W1"] @ X + p["b1"]
    A1 = hidden(Z1)
    Z2 = p["W2"] @ A1 + p["b2"]
    return activations.sigmoid(Z2)


@graded(
    "forward_propagation",
    points=2,
    public=[Case(_X1, _P1, label="2 features, 5 examples"), Case(_X2, _P2, label="3x7")],
    hidden=_forward_case,
)
def test_forward_propagation(student, case):
    got = expect_tuple(
        student.forward_propagation(*case.args), 2, name="forward_propagation(X, parameters)"
    )
    A2_ref, cache_ref = case.run(ref.forward_propagation)
    X, p = case.args
    mistakes = [
        (
            "the hidden layer uses tanh: A1 = np.tanh(Z1)",
            _forward_variants(X, p, activations.sigmoid),
        ),
        ("the hidden layer uses tanh, not ReLU", _forward_variants(X, p, activations.relu)),
        (
            "add the biases: Z1 = W1 @ X + b1 and Z2 = W2 @ A1 + b2",
            activations.sigmoid(p["W2"] @ np.tanh(p["W1"] @ X)),
        ),
        (
            "the output layer applies the sigmoid: A2 = sigmoid(Z2)",
            p["W2"] @ np.tanh(p["W1"] @ X + p["b1"]) + p["b2"],
        ),
    ]
    expect_array(got[0], A2_ref, name="A2", case=case, mistakes=mistakes)
    expect_dict(got[1], cache_ref, name="cache", case=case, keys=["Z1", "A1", "Z2", "A2"])


@graded("forward_propagation", points=0.5, public=[Case(_X1, _P1, label="2x5")])
def test_forward_propagation_leaves_inputs_alone(student, case):
    student.forward_propagation(*case.args)
    expect_no_mutation(student, "forward_propagation")


# -- compute_cost ----------------------------------------------------------------------------


def _cost_case(rng):
    m = int(rng.integers(3, 200))
    A2 = rng.uniform(0.02, 0.98, (1, m))
    return Case(A2, (rng.random((1, m)) > 0.5).astype(np.float64))


_A2_pub = np.array([[0.5002307, 0.49985831, 0.50023963, 0.9, 0.1]])
_Y_pub = np.array([[1.0, 0.0, 0.0, 1.0, 0.0]])


@graded(
    "compute_cost",
    points=1.5,
    public=[Case(_A2_pub, _Y_pub, label="5 examples")],
    hidden=_cost_case,
)
def test_compute_cost(student, case):
    got = student.compute_cost(*case.args)
    want = case.run(ref.compute_cost)
    A2, Y = case.args
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    mistakes = [
        ("divide by m: the cost is the mean over examples, -(1/m) * sum(...)", -logprobs.sum()),
        ("the cost is minus the mean log-likelihood: check the sign", logprobs.sum() / m),
        ("include both terms, y*log(a) and (1-y)*log(1-a)", -(Y * np.log(A2)).sum() / m),
    ]
    expect_scalar(got, want, name="cost", case=case, mistakes=mistakes)


@graded("compute_cost", points=0.5, public=[Case(_A2_pub, _Y_pub, label="5 examples")])
def test_compute_cost_returns_float(student, case):
    expect_float(student.compute_cost(*case.args), name="cost")


# -- backward_propagation --------------------------------------------------------------------


def _backward_case(rng):
    n_x, n_h, m = _sizes(rng)
    X, Y = _data(rng, n_x, m)
    p = _params(rng, n_x, n_h)
    _, cache = ref.forward_propagation(X, p)
    return Case(p, cache, X, Y)


def _backward_public(X, Y, p, label):
    _, cache = ref.forward_propagation(X, p)
    return Case(p, cache, X, Y, label=label)


def _backward_mistakes(case):
    p, cache, X, Y = case.args
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    good_dZ1 = p["W2"].T @ dZ2 * (1 - A1**2)
    wrong_dZ1 = {
        "use the tanh derivative 1 - A1**2 (not 1 - A1)": p["W2"].T @ dZ2 * (1 - A1),
        "multiply by the tanh derivative: dZ1 = W2.T @ dZ2 * (1 - A1**2)": p["W2"].T @ dZ2,
    }
    mistakes = {"dW1": [], "db1": [], "dW2": [], "db2": []}
    for hint, dZ1 in wrong_dZ1.items():
        mistakes["dW1"].append((hint, dZ1 @ X.T / m))
        mistakes["db1"].append((hint, dZ1.sum(axis=1, keepdims=True) / m))
    forgot_m = "divide by m: dW = (1/m) dZ @ A_prev.T and db = (1/m) * sum over examples"
    mistakes["dW1"].append((forgot_m, good_dZ1 @ X.T))
    mistakes["db1"].append((forgot_m, good_dZ1.sum(axis=1, keepdims=True)))
    mistakes["dW2"].append((forgot_m, dZ2 @ A1.T))
    mistakes["db2"].append((forgot_m, dZ2.sum(axis=1, keepdims=True)))
    return mistakes


@graded(
    "backward_propagation",
    points=2,
    public=[_backward_public(_X1, _Y1, _P1, "2x5"), _backward_public(_X2, _Y2, _P2, "3x7")],
    hidden=_backward_case,
)
def test_backward_propagation(student, case):
    got = student.backward_propagation(*case.args)
    want = case.run(ref.backward_propagation)
    expect_dict(
        got,
        want,
        name="grads",
        case=case,
        keys=["dW1", "db1", "dW2", "db2"],
        mistakes=_backward_mistakes(case),
    )


@graded("backward_propagation", points=0.5, public=[_backward_public(_X1, _Y1, _P1, "2x5")])
def test_backward_propagation_matches_finite_differences(student, case):
    p, _, X, Y = case.args
    got = student.backward_propagation(*case.args)
    if type(got) is not dict:
        raise Mismatch("backward_propagation should return a dict of gradients")

    def cost(params):
        return ref.compute_cost(ref.forward_propagation(X, params)[0], Y)

    numerical = gradcheck.numerical_gradient_dict(cost, p)
    for key in ("dW1", "db1", "dW2", "db2"):
        expect_array(
            got.get(key),
            numerical["d" + key[1:]],
            name=f"grads[{key!r}]",
            case=case,
            rtol=1e-4,
            atol=1e-7,
        )


@graded("backward_propagation", points=0.5, public=[_backward_public(_X1, _Y1, _P1, "2x5")])
def test_backward_propagation_leaves_inputs_alone(student, case):
    student.backward_propagation(*case.args)
    expect_no_mutation(student, "backward_propagation")


# -- update_parameters -----------------------------------------------------------------------


def _grads_like(rng, p):
    return {"d" + key: rng.standard_normal(value.shape) * 0.1 for key, value in p.items()}


def _update_case(rng):
    n_x, n_h, _ = _sizes(rng)
    p = _params(rng, n_x, n_h)
    return Case(p, _grads_like(rng, p), float(rng.uniform(0.01, 2.0)))


_G1 = _grads_like(np.random.default_rng(7), _P1)


@graded(
    "update_parameters",
    points=1,
    public=[Case(_P1, _G1, 1.2, label="learning_rate=1.2")],
    hidden=_update_case,
)
def test_update_parameters(student, case):
    got = student.update_parameters(*case.args)
    want = case.run(ref.update_parameters)
    p, g, lr = case.args
    mistakes = {
        key: [
            ("gradient descent subtracts: W = W - learning_rate * dW", p[key] + lr * g["d" + key])
        ]
        for key in p
    }
    expect_dict(
        got, want, name="parameters", case=case, keys=["W1", "b1", "W2", "b2"], mistakes=mistakes
    )


@graded("update_parameters", points=0.25, public=[Case(_P1, _G1, label="default rate")])
def test_update_parameters_default_learning_rate(student, case):
    got = student.update_parameters(*case.args)
    want = case.run(ref.update_parameters)
    expect_dict(
        got,
        want,
        name="parameters (learning_rate left at its default, 1.2)",
        case=case,
        keys=["W1", "b1", "W2", "b2"],
    )


@graded("update_parameters", points=0.25, public=[Case(_P1, _G1, 1.2, label="2x4")])
def test_update_parameters_leaves_inputs_alone(student, case):
    student.update_parameters(*case.args)
    expect_no_mutation(student, "update_parameters")


# -- nn_model --------------------------------------------------------------------------------


def _flower(rng, m):
    """A small flower-like set (two classes of petals) for training checks."""
    t = np.linspace(0, 2 * np.pi, m) + rng.standard_normal(m) * 0.1
    r = 2 * np.sin(2 * t) + rng.standard_normal(m) * 0.1
    X = np.vstack([r * np.sin(t), r * np.cos(t)])
    Y = (np.sin(2 * t) > 0).astype(np.float64).reshape(1, m)
    return X, Y


def _nn_model_case(rng):
    X, Y = _flower(rng, int(rng.integers(40, 120)))
    return Case(
        X,
        Y,
        int(rng.integers(2, 6)),
        num_iterations=int(rng.integers(50, 150)),
        rng=Seed(int(rng.integers(2**31))),
    )


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
    expect_dict(
        got,
        want,
        name="trained parameters",
        case=case,
        keys=["W1", "b1", "W2", "b2"],
        rtol=1e-4,
        atol=1e-6,
    )


# -- predict ---------------------------------------------------------------------------------


def _predict_case(rng):
    n_x, n_h, m = _sizes(rng)
    X, _ = _data(rng, n_x, m)
    return Case(_params(rng, n_x, n_h, scale=1.5), X)


@graded("predict", points=1, public=[Case(_P2, _X2, label="3x7")], hidden=_predict_case)
def test_predict(student, case):
    got = student.predict(*case.args)
    want = case.run(ref.predict)
    p, X = case.args
    A2 = ref.forward_propagation(X, p)[0]
    mistakes = [
        ("return labels, not probabilities: predictions = (A2 > 0.5)", A2),
        ("class 1 is predicted when A2 > 0.5, not below", (A2 <= 0.5).astype(np.float64)),
    ]
    expect_array(got, want, name="predictions", case=case, mistakes=mistakes)
