"""Grading suite for C1W4_deep_nn_step_by_step: an L-layer net built from forward/backward blocks.

The net is ``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID``. Every expected value comes from
:mod:`dlutils.initialization`, :mod:`dlutils.layers` and :mod:`dlutils.losses`. Each classic
mistake is a small wrong variant of the reference, computed here in the judge; when a
submission's value matches one, the failure message carries its hint.

The learner is given ``sigmoid``, ``relu``, ``sigmoid_backward`` and ``relu_backward`` (from
:mod:`dlutils.activations`, listed in ``given.toml``); the worker receives that module whole.
"""

from __future__ import annotations

import numpy as np

from autograder.kit.compare import (
    expect_array,
    expect_dict,
    expect_float,
    expect_no_mutation,
    expect_scalar,
    expect_tuple,
)
from autograder.kit.spec import Case, Mismatch, Seed, graded
from autograder.suites._common import two_layer_init_case, two_layer_init_mistakes
from dlutils import activations, gradcheck
from dlutils import initialization as ref_init
from dlutils import layers as ref
from dlutils import losses as ref_losses

ASSIGNMENT = "C1W4_deep_nn_step_by_step"

# -- inputs ----------------------------------------------------------------------------------


def _labels(rng: np.random.Generator, m: int) -> np.ndarray:
    return (rng.random((1, m)) > 0.5).astype(np.float64)


def _deep_params(rng: np.random.Generator, dims, scale: float = 0.8) -> dict:
    """Parameters with non-zero biases, so that a forgotten ``+ b`` shows."""
    parameters = {}
    for layer in range(1, len(dims)):
        parameters[f"W{layer}"] = rng.standard_normal((dims[layer], dims[layer - 1])) * scale
        parameters[f"b{layer}"] = rng.standard_normal((dims[layer], 1)) * 0.3
    return parameters


def _random_dims(rng: np.random.Generator, min_layers: int = 1, max_layers: int = 4) -> list[int]:
    n_layers = int(rng.integers(min_layers, max_layers + 1))
    return [int(rng.integers(2, 8)) for _ in range(n_layers)] + [1]


def _linear_cache(rng: np.random.Generator, n_prev: int, n: int, m: int):
    return (
        rng.standard_normal((n_prev, m)),
        rng.standard_normal((n, n_prev)),
        rng.standard_normal((n, 1)),
    )


_fixed = np.random.default_rng(20240604)

# -- initialize_parameters -------------------------------------------------------------------


@graded(
    "initialize_parameters",
    points=1,
    public=[Case(3, 2, 1, rng=Seed(1), label="n_x=3, n_h=2, n_y=1")],
    hidden=two_layer_init_case,
)
def test_initialize_parameters(student, case):
    got = student.initialize_parameters(*case.args, **case.kwargs)
    want = case.run(ref_init.initialize_parameters)
    expect_dict(
        got,
        want,
        name="parameters",
        case=case,
        keys=["W1", "b1", "W2", "b2"],
        mistakes=two_layer_init_mistakes(*case.args, **case.kwargs),
    )


# -- initialize_parameters_deep --------------------------------------------------------------


def _deep_init_mistakes(case):
    (dims,) = case.args
    seed = case.kwargs["rng"].seed
    n_layers = len(dims) - 1

    def draw(weight, bias=None):
        rng = np.random.default_rng(seed)
        out = {}
        for layer in range(1, n_layers + 1):
            out[f"W{layer}"] = weight(rng, dims[layer], dims[layer - 1])
            out[f"b{layer}"] = bias(rng, dims[layer]) if bias else np.zeros((dims[layer], 1))
        return out

    variants = [
        (
            "scale the random weights by 0.01 (rng.standard_normal(shape) * 0.01)",
            draw(lambda rng, n, p: rng.standard_normal((n, p))),
        ),
        (
            "this step-by-step initializer scales by 0.01, not by 1/sqrt(n[l-1]) (that one "
            "comes in the application)",
            draw(lambda rng, n, p: rng.standard_normal((n, p)) / np.sqrt(p)),
        ),
        (
            "draw from a standard normal, rng.standard_normal, not rng.random (uniform)",
            draw(lambda rng, n, p: rng.random((n, p)) * 0.01),
        ),
        (
            "biases start at zero (np.zeros((n[l], 1))); drawing them also shifts every later draw",
            draw(
                lambda rng, n, p: rng.standard_normal((n, p)) * 0.01,
                lambda rng, n: rng.standard_normal((n, 1)) * 0.01,
            ),
        ),
    ]
    mistakes = {}
    for hint, params in variants:
        for key, value in params.items():
            mistakes.setdefault(key, []).append((hint, value))
    return mistakes


def _deep_init_case(rng):
    dims = [int(rng.integers(1, 9)) for _ in range(int(rng.integers(2, 6)))]
    return Case(dims, rng=Seed(int(rng.integers(2**31))))


@graded(
    "initialize_parameters_deep",
    points=1.5,
    public=[
        Case([5, 4, 3], rng=Seed(3), label="layer_dims=[5, 4, 3]"),
        Case([4, 3, 2, 1], rng=Seed(5), label="layer_dims=[4, 3, 2, 1]"),
    ],
    hidden=_deep_init_case,
)
def test_initialize_parameters_deep(student, case):
    got = student.initialize_parameters_deep(*case.args, **case.kwargs)
    want = case.run(ref_init.initialize_parameters_deep)
    if type(got) is dict and len(got) != len(want):
        n_layers = len(want) // 2
        raise Mismatch(
            f"parameters has {len(got)} entries; expected {len(want)} (W1, b1, ..., W{n_layers}, "
            f"b{n_layers}). Hint: loop for l in range(1, len(layer_dims)) to create every layer"
        )
    expect_dict(got, want, name="parameters", case=case, mistakes=_deep_init_mistakes(case))


# -- linear_forward --------------------------------------------------------------------------


def _expect_linear_cache(got, want, *, name, case):
    got = expect_tuple(got, 3, name=name)
    for item, target, label in zip(got, want, ("A", "W", "b"), strict=True):
        expect_array(
            item,
            target,
            name=f"{name}[{label}]",
            case=case,
            mistakes=[
                ("the linear cache is (A, W, b), in that order", other)
                for other in want
                if np.shape(other) != np.shape(target)
            ],
        )


def _linear_forward_case(rng):
    n_prev, n, m = int(rng.integers(1, 8)), int(rng.integers(1, 8)), int(rng.integers(1, 30))
    return Case(*_linear_cache(rng, n_prev, n, m))


_LF1 = Case(*_linear_cache(_fixed, 3, 1, 2), label="A (3, 2), W (1, 3), b (1, 1)")
_LF2 = Case(*_linear_cache(_fixed, 5, 4, 6), label="A (5, 6), W (4, 5), b (4, 1)")


@graded("linear_forward", points=1, public=[_LF1, _LF2], hidden=_linear_forward_case)
def test_linear_forward(student, case):
    got = expect_tuple(student.linear_forward(*case.args), 2, name="linear_forward(A, W, b)")
    Z_ref, cache_ref = case.run(ref.linear_forward)
    A, W, b = case.args
    mistakes = [
        ("add the bias: Z = W @ A + b", W @ A),
    ]
    expect_array(got[0], Z_ref, name="Z", case=case, mistakes=mistakes)
    _expect_linear_cache(got[1], cache_ref, name="cache", case=case)


@graded("linear_forward", points=0.25, public=[_LF2])
def test_linear_forward_leaves_inputs_alone(student, case):
    student.linear_forward(*case.args)
    expect_no_mutation(student, "linear_forward")


# -- linear_activation_forward ---------------------------------------------------------------


def _expect_layer_cache(got, want, *, name, case):
    """``got`` must be ``((A_prev, W, b), Z)`` like ``want``."""
    if (
        type(got) in (tuple, list)
        and len(got) == 2
        and type(got[0]) is np.ndarray
        and type(got[1]) in (tuple, list)
    ):
        raise Mismatch(f"{name} is (Z, linear_cache); expected (linear_cache, Z), in that order")
    got = expect_tuple(got, 2, name=f"{name} (linear_cache, activation_cache)")
    _expect_linear_cache(got[0], want[0], name=f"{name}[0] (the linear cache)", case=case)
    expect_array(got[1], want[1], name=f"{name}[1] (the activation cache Z)", case=case)


def _activation_case(rng, activation=None):
    n_prev, n, m = int(rng.integers(1, 8)), int(rng.integers(1, 8)), int(rng.integers(1, 30))
    if activation is None:
        activation = ("sigmoid", "relu")[int(rng.integers(2))]
    return Case(*_linear_cache(rng, n_prev, n, m), activation)


_LA_SIG = Case(*_linear_cache(_fixed, 3, 1, 2), "sigmoid", label="sigmoid, A_prev (3, 2)")
_LA_RELU = Case(*_linear_cache(_fixed, 4, 3, 5), "relu", label="relu, A_prev (4, 5)")


@graded(
    "linear_activation_forward",
    points=1.5,
    public=[_LA_SIG, _LA_RELU],
    hidden=_activation_case,
    n_hidden=4,
)
def test_linear_activation_forward(student, case):
    got = expect_tuple(
        student.linear_activation_forward(*case.args),
        2,
        name="linear_activation_forward(A_prev, W, b, activation)",
    )
    A_ref, cache_ref = case.run(ref.linear_activation_forward)
    A_prev, W, b, activation = case.args
    Z = W @ A_prev + b
    other = activations.relu if activation == "sigmoid" else activations.sigmoid
    mistakes = [
        (f"apply the activation named by the argument: here activation={activation!r}", other(Z)),
        ("return the activation A = g(Z), not Z", Z),
        (
            "the activation is applied to Z = W @ A_prev + b (include the bias)",
            ref.linear_activation_forward(A_prev, W, np.zeros_like(b), activation)[0],
        ),
    ]
    expect_array(got[0], A_ref, name="A", case=case, mistakes=mistakes)
    _expect_layer_cache(got[1], cache_ref, name="cache", case=case)


@graded("linear_activation_forward", points=0.25, public=[_LA_RELU])
def test_linear_activation_forward_leaves_inputs_alone(student, case):
    student.linear_activation_forward(*case.args)
    expect_no_mutation(student, "linear_activation_forward")


# -- L_model_forward -------------------------------------------------------------------------


def _forward_with(X, parameters, hidden, last):
    n_layers = len(parameters) // 2
    A = X
    for layer in range(1, n_layers + 1):
        g = hidden if layer < n_layers else last
        A = g(parameters[f"W{layer}"] @ A + parameters[f"b{layer}"])
    return A


def _L_forward_case(rng):
    dims = _random_dims(rng)
    m = int(rng.integers(1, 25))
    return Case(rng.standard_normal((dims[0], m)), _deep_params(rng, dims))


_LM_DIMS = [5, 4, 3, 1]
_LM1 = Case(
    _fixed.standard_normal((5, 4)),
    _deep_params(_fixed, _LM_DIMS),
    label="X (5, 4), layer_dims=[5, 4, 3, 1]",
)
_LM2 = Case(
    _fixed.standard_normal((3, 6)),
    _deep_params(_fixed, [3, 4, 1]),
    label="X (3, 6), layer_dims=[3, 4, 1]",
)


@graded("L_model_forward", points=2, public=[_LM1, _LM2], hidden=_L_forward_case, n_hidden=4)
def test_L_model_forward(student, case):
    got = expect_tuple(
        student.L_model_forward(*case.args), 2, name="L_model_forward(X, parameters)"
    )
    AL_ref, caches_ref = case.run(ref.L_model_forward)
    X, p = case.args
    mistakes = [
        (
            "the output layer uses the sigmoid, the hidden layers ReLU",
            _forward_with(X, p, activations.sigmoid, activations.sigmoid),
        ),
        (
            "the output layer uses the sigmoid, not ReLU",
            _forward_with(X, p, activations.relu, activations.relu),
        ),
        (
            "hidden layers use ReLU and the output layer the sigmoid (not the other way round)",
            _forward_with(X, p, activations.sigmoid, activations.relu),
        ),
    ]
    expect_array(got[0], AL_ref, name="AL", case=case, mistakes=mistakes)
    caches = got[1]
    if type(caches) not in (list, tuple):
        raise Mismatch(f"caches should be a list of L layer caches; got a {type(caches).__name__}")
    if len(caches) != len(caches_ref):
        raise Mismatch(
            f"caches holds {len(caches)} entries; expected {len(caches_ref)}, one per layer "
            "(append every layer's cache, the L-1 ReLU ones and the sigmoid one)"
        )
    for layer, (cache, want) in enumerate(zip(caches, caches_ref, strict=True), start=1):
        _expect_layer_cache(cache, want, name=f"caches[{layer - 1}] (layer {layer})", case=case)


@graded("L_model_forward", points=0.5, public=[_LM1])
def test_L_model_forward_leaves_inputs_alone(student, case):
    student.L_model_forward(*case.args)
    expect_no_mutation(student, "L_model_forward")


# -- compute_cost ----------------------------------------------------------------------------


def _cost_case(rng):
    m = int(rng.integers(1, 200))
    return Case(rng.uniform(0.02, 0.98, (1, m)), _labels(rng, m))


# Golden value: J = -(log 0.8 + log 0.9 + log(1 - 0.4)) / 3 = 0.27977656...
_COST1 = Case(np.array([[0.8, 0.9, 0.4]]), np.array([[1.0, 1.0, 0.0]]), label="3 examples")
_COST2 = Case(_fixed.uniform(0.05, 0.95, (1, 7)), _labels(_fixed, 7), label="7 examples")


@graded("compute_cost", points=1.5, public=[_COST1, _COST2], hidden=_cost_case)
def test_compute_cost(student, case):
    got = student.compute_cost(*case.args)
    want = case.run(ref_losses.compute_cost)
    AL, Y = case.args
    m = Y.shape[1]
    log_likelihood = Y * np.log(AL) + (1 - Y) * np.log(1 - AL)
    mistakes = [
        (
            "divide by m: the cost is the mean over examples, -(1/m) * sum(...)",
            -log_likelihood.sum(),
        ),
        ("the cost is minus the mean log-likelihood: check the sign", log_likelihood.sum() / m),
        ("include both terms, y*log(a) and (1-y)*log(1-a)", -(Y * np.log(AL)).sum() / m),
        (
            "the second term is (1 - y) * log(1 - a)",
            -(Y * np.log(AL) + (1 - Y) * np.log(AL)).sum() / m,
        ),
    ]
    expect_scalar(got, want, name="cost", case=case, mistakes=mistakes)


@graded("compute_cost", points=0.5, public=[_COST1])
def test_compute_cost_returns_float(student, case):
    expect_float(student.compute_cost(*case.args), name="cost")


@graded("compute_cost", points=0.25, public=[_COST2])
def test_compute_cost_leaves_inputs_alone(student, case):
    student.compute_cost(*case.args)
    expect_no_mutation(student, "compute_cost")


# -- linear_backward -------------------------------------------------------------------------


def _linear_backward_case(rng):
    n_prev, n, m = int(rng.integers(1, 8)), int(rng.integers(1, 8)), int(rng.integers(1, 30))
    return Case(rng.standard_normal((n, m)), _linear_cache(rng, n_prev, n, m))


_LB1 = Case(
    _fixed.standard_normal((3, 4)), _linear_cache(_fixed, 5, 3, 4), label="dZ (3, 4), A_prev (5, 4)"
)
_LB2 = Case(
    _fixed.standard_normal((1, 2)), _linear_cache(_fixed, 3, 1, 2), label="dZ (1, 2), A_prev (3, 2)"
)


def _linear_backward_mistakes(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    forgot_m = "divide by m: dW = (1/m) dZ @ A_prev.T and db = (1/m) * sum of dZ over examples"
    return [
        [("dA_prev = W.T @ dZ, with no 1/m factor", W.T @ dZ / m)],
        [
            (forgot_m, dZ @ A_prev.T),
            ("dW is (1/m) dZ @ A_prev.T, not divided by m twice", dZ @ A_prev.T / m**2),
        ],
        [
            (forgot_m, dZ.sum(axis=1, keepdims=True)),
            (
                "db sums dZ over the examples (axis=1, keepdims=True), not over everything",
                np.full((W.shape[0], 1), dZ.sum() / m),
            ),
            (
                "db is the mean of dZ over the examples (axis=1), not its mean over units",
                dZ.mean(axis=0, keepdims=True),
            ),
        ],
    ]


@graded("linear_backward", points=2, public=[_LB1, _LB2], hidden=_linear_backward_case)
def test_linear_backward(student, case):
    got = expect_tuple(student.linear_backward(*case.args), 3, name="linear_backward(dZ, cache)")
    want = case.run(ref.linear_backward)
    mistakes = _linear_backward_mistakes(*case.args)
    for item, target, name, hints in zip(got, want, ("dA_prev", "dW", "db"), mistakes, strict=True):
        expect_array(item, target, name=name, case=case, mistakes=hints)


@graded("linear_backward", points=0.5, public=[_LB1])
def test_linear_backward_matches_finite_differences(student, case):
    dZ, (A, W, b) = case.args
    m = A.shape[1]
    got = expect_tuple(student.linear_backward(*case.args), 3, name="linear_backward(dZ, cache)")
    # With upstream dZ, J = (1/m) sum(dZ * (W A + b)): dW, db are its gradients, dA_prev = m dJ/dA.
    num_dA = gradcheck.numerical_gradient(lambda x: W @ x + b, A, upstream=dZ)
    num_dW = gradcheck.numerical_gradient(lambda x: x @ A + b, W, upstream=dZ) / m
    num_db = gradcheck.numerical_gradient(lambda x: W @ A + x, b, upstream=dZ) / m
    for item, target, name in zip(
        got, (num_dA, num_dW, num_db), ("dA_prev", "dW", "db"), strict=True
    ):
        expect_array(
            item,
            target,
            name=f"{name} (against finite differences)",
            case=case,
            rtol=1e-5,
            atol=1e-7,
        )


@graded("linear_backward", points=0.25, public=[_LB1])
def test_linear_backward_leaves_inputs_alone(student, case):
    student.linear_backward(*case.args)
    expect_no_mutation(student, "linear_backward")


# -- linear_activation_backward --------------------------------------------------------------


def _activation_backward_case(rng, activation=None):
    n_prev, n, m = int(rng.integers(1, 8)), int(rng.integers(1, 8)), int(rng.integers(1, 30))
    if activation is None:
        activation = ("sigmoid", "relu")[int(rng.integers(2))]
    A_prev, W, b = _linear_cache(rng, n_prev, n, m)
    _, cache = ref.linear_activation_forward(A_prev, W, b, activation)
    return Case(rng.standard_normal((n, m)), cache, activation)


def _public_activation_backward(rng, activation, n_prev, n, m):
    A_prev, W, b = _linear_cache(rng, n_prev, n, m)
    _, cache = ref.linear_activation_forward(A_prev, W, b, activation)
    return Case(
        rng.standard_normal((n, m)),
        cache,
        activation,
        label=f"{activation}, dA ({n}, {m}), A_prev ({n_prev}, {m})",
    )


_LAB_SIG = _public_activation_backward(_fixed, "sigmoid", 3, 1, 2)
_LAB_RELU = _public_activation_backward(_fixed, "relu", 4, 3, 5)


def _activation_backward_mistakes(dA, cache, activation):
    linear_cache, Z = cache
    other = activations.relu_backward if activation == "sigmoid" else activations.sigmoid_backward
    variants = [
        (
            f"use the backward pass of the activation named by the argument "
            f"(activation={activation!r})",
            other(dA, Z),
        ),
        ("multiply by g'(Z): dZ = relu_backward(dA, Z) or sigmoid_backward(dA, Z)", dA),
    ]
    mistakes = [[], [], []]
    for hint, dZ in variants:
        for slot, value in enumerate(ref.linear_backward(dZ, linear_cache)):
            mistakes[slot].append((hint, value))
    return mistakes


@graded(
    "linear_activation_backward",
    points=2,
    public=[_LAB_SIG, _LAB_RELU],
    hidden=_activation_backward_case,
    n_hidden=4,
)
def test_linear_activation_backward(student, case):
    got = expect_tuple(
        student.linear_activation_backward(*case.args),
        3,
        name="linear_activation_backward(dA, cache, activation)",
    )
    want = case.run(ref.linear_activation_backward)
    mistakes = _activation_backward_mistakes(*case.args)
    for item, target, name, hints in zip(got, want, ("dA_prev", "dW", "db"), mistakes, strict=True):
        expect_array(item, target, name=name, case=case, mistakes=hints)


@graded("linear_activation_backward", points=0.5, public=[_LAB_SIG, _LAB_RELU])
def test_linear_activation_backward_matches_finite_differences(student, case):
    dA, ((A, W, b), _), activation = case.args
    m = A.shape[1]
    g = activations.sigmoid if activation == "sigmoid" else activations.relu
    got = expect_tuple(
        student.linear_activation_backward(*case.args),
        3,
        name="linear_activation_backward(dA, cache, activation)",
    )
    num_dA = gradcheck.numerical_gradient(lambda x: g(W @ x + b), A, upstream=dA)
    num_dW = gradcheck.numerical_gradient(lambda x: g(x @ A + b), W, upstream=dA) / m
    num_db = gradcheck.numerical_gradient(lambda x: g(W @ A + x), b, upstream=dA) / m
    for item, target, name in zip(
        got, (num_dA, num_dW, num_db), ("dA_prev", "dW", "db"), strict=True
    ):
        expect_array(
            item,
            target,
            name=f"{name} (against finite differences)",
            case=case,
            rtol=1e-5,
            atol=1e-6,
        )


@graded("linear_activation_backward", points=0.25, public=[_LAB_RELU])
def test_linear_activation_backward_leaves_inputs_alone(student, case):
    student.linear_activation_backward(*case.args)
    expect_no_mutation(student, "linear_activation_backward")


# -- L_model_backward ------------------------------------------------------------------------


def _L_backward_case(rng):
    # Redraw until no output saturates: at AL exactly 0 or 1 the reference guards its division
    # and an unguarded (textbook) dAL gives inf or nan, and near saturation correct sigmoid
    # variants differ by an ulp in 1 - AL, which dAL magnifies.
    while True:
        dims = _random_dims(rng)
        m = int(rng.integers(1, 25))
        X = rng.standard_normal((dims[0], m))
        AL, caches = ref.L_model_forward(X, _deep_params(rng, dims))
        if AL.min() > 1e-6 and AL.max() < 1 - 1e-6:
            return Case(AL, _labels(rng, m), caches)


def _public_L_backward(rng, dims, m):
    X = rng.standard_normal((dims[0], m))
    AL, caches = ref.L_model_forward(X, _deep_params(rng, dims))
    Y = np.tile([1.0, 0.0], m)[:m].reshape(1, m)
    return Case(AL, Y, caches, label=f"layer_dims={dims}, m={m}")


_LMB1 = _public_L_backward(_fixed, [4, 3, 1], 2)
_LMB2 = _public_L_backward(_fixed, [5, 4, 3, 1], 6)


def _backward_with(AL, Y, caches, dAL, hidden_backward, last_backward):
    grads = {}
    dA = dAL
    n_layers = len(caches)
    for layer in range(n_layers, 0, -1):
        linear_cache, Z = caches[layer - 1]
        backward = last_backward if layer == n_layers else hidden_backward
        dA, grads[f"dW{layer}"], grads[f"db{layer}"] = ref.linear_backward(
            backward(dA, Z), linear_cache
        )
        grads[f"dA{layer - 1}"] = dA
    return grads


def _L_backward_mistakes(AL, Y, caches):
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    sig_b, relu_b = activations.sigmoid_backward, activations.relu_backward
    variants = [
        (
            "dAL = -(Y / AL - (1 - Y) / (1 - AL)): check the sign",
            _backward_with(AL, Y, caches, -dAL, relu_b, sig_b),
        ),
        (
            "the output layer is a sigmoid layer: start with linear_activation_backward(dAL, "
            "current_cache, 'sigmoid')",
            _backward_with(AL, Y, caches, dAL, relu_b, relu_b),
        ),
        (
            "the hidden layers are ReLU layers: use activation='relu' in the loop",
            _backward_with(AL, Y, caches, dAL, sig_b, sig_b),
        ),
        (
            "start from dAL, the derivative of the cost with respect to AL, not from AL - Y",
            _backward_with(AL, Y, caches, AL - Y, relu_b, sig_b),
        ),
    ]
    mistakes = {}
    for hint, grads in variants:
        for key, value in grads.items():
            mistakes.setdefault(key, []).append((hint, value))
    return mistakes


def _grad_keys(n_layers: int) -> list[str]:
    keys = []
    for layer in range(n_layers, 0, -1):
        keys += [f"dA{layer - 1}", f"dW{layer}", f"db{layer}"]
    return keys


@graded("L_model_backward", points=2.5, public=[_LMB1, _LMB2], hidden=_L_backward_case, n_hidden=4)
def test_L_model_backward(student, case):
    got = student.L_model_backward(*case.args)
    want = case.run(ref.L_model_backward)
    n_layers = len(case.args[2])
    if type(got) is dict and "dA0" not in got and f"dA{n_layers}" in got:
        raise Mismatch(
            f"grads has 'dA{n_layers}' but no 'dA0'. Hint: store the gradient with respect to "
            "the INPUT of layer l as grads['dA' + str(l - 1)] (dA0 is with respect to X)"
        )
    expect_dict(
        got,
        want,
        name="grads",
        case=case,
        keys=_grad_keys(n_layers),
        mistakes=_L_backward_mistakes(*case.args),
    )


@graded("L_model_backward", points=0.5, public=[_LMB2])
def test_L_model_backward_matches_finite_differences(student, case):
    AL, Y, caches = case.args
    parameters = {}
    for layer, ((_, W, b), _) in enumerate(caches, start=1):
        parameters[f"W{layer}"], parameters[f"b{layer}"] = W, b
    X = caches[0][0][0]
    got = student.L_model_backward(*case.args)
    if type(got) is not dict:
        raise Mismatch("L_model_backward should return a dict of gradients")

    def cost(params):
        return ref_losses.compute_cost(ref.L_model_forward(X, params)[0], Y)

    numerical = gradcheck.numerical_gradient_dict(cost, parameters)
    for key in sorted(numerical):
        expect_array(
            got.get(key),
            numerical[key],
            name=f"grads[{key!r}] (against finite differences)",
            case=case,
            rtol=1e-4,
            atol=1e-7,
        )


@graded("L_model_backward", points=0.5, public=[_LMB2])
def test_L_model_backward_leaves_inputs_alone(student, case):
    student.L_model_backward(*case.args)
    expect_no_mutation(student, "L_model_backward")


# -- update_parameters -----------------------------------------------------------------------


def _grads_like(rng, parameters, with_dA: bool = True):
    grads = {"d" + key: rng.standard_normal(value.shape) * 0.1 for key, value in parameters.items()}
    if with_dA:  # L_model_backward's grads also hold dA entries, which the update ignores
        grads["dA0"] = rng.standard_normal((3, 2))
    return grads


def _update_case(rng):
    dims = _random_dims(rng)
    p = _deep_params(rng, dims)
    return Case(p, _grads_like(rng, p), float(rng.uniform(0.01, 2.0)))


_UP = _deep_params(_fixed, [4, 3, 2, 1])
_UP1 = Case(_UP, _grads_like(_fixed, _UP), 0.1, label="3 layers, learning_rate=0.1")


def _update_mistakes(parameters, grads, lr):
    n_layers = len(parameters) // 2
    mistakes = {}
    for key, value in parameters.items():
        step = lr * grads["d" + key]
        hints = [
            ("gradient descent subtracts: W = W - learning_rate * dW", value + step),
            ("multiply the gradient by the learning rate", value - grads["d" + key]),
        ]
        if key == f"W{n_layers}" or key == f"b{n_layers}":
            hints.append(
                (
                    "update every layer, l = 1 ... L: loop over range(1, L + 1) with "
                    "L = len(parameters) // 2",
                    value,
                )
            )
        if key.startswith("b"):
            hints.append(("update the biases too: b = b - learning_rate * db", value))
        mistakes[key] = hints
    return mistakes


@graded("update_parameters", points=1.5, public=[_UP1], hidden=_update_case)
def test_update_parameters(student, case):
    got = student.update_parameters(*case.args)
    want = case.run(ref.update_parameters)
    expect_dict(
        got,
        want,
        name="parameters",
        case=case,
        keys=list(want),
        mistakes=_update_mistakes(*case.args),
    )


@graded("update_parameters", points=0.5, public=[_UP1])
def test_update_parameters_leaves_inputs_alone(student, case):
    student.update_parameters(*case.args)
    expect_no_mutation(student, "update_parameters")
