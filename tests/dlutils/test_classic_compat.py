"""Compatibility with the classic deep-learning specialization's public tests.

Learners run the classic course's public tests against this reference, so two conventions of
those tests are pinned here:

- ``L_model_backward`` starts from the textbook ``dAL = -(Y / AL - (1 - Y) / (1 - AL))`` for
  EVERY ``AL`` it is given: the classic test draws ``AL`` with ``np.random.randn``, so values
  below 0 and above 1. Only AL exactly 0 or 1, or subnormal (1/AL overflows), is guarded.
- every cost returns ``np.float64`` (``type(cost) == np.float64`` in the classic tests; it is a
  subclass of ``float``, so ``isinstance(cost, float)`` holds too).

Expected values are computed here with plain numpy, not with the code under test.
"""

from __future__ import annotations

import contextlib
import importlib
import inspect
import pkgutil
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose, assert_array_equal

import dlutils
from dlutils import (
    gradient_checking,
    layers,
    logistic,
    losses,
    models,
    numpy_basics,
    regularization,
    shallow,
    softmax_regression,
    training,
)

TINY64 = np.finfo(np.float64).tiny


@contextlib.contextmanager
def _strict():
    """Any warning, or any numpy floating-point event, fails the test."""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        yield


def _textbook_dAL(AL, Y):
    """The classic notebook's line, verbatim."""
    return -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))


def _textbook_L_model_backward(AL, Y, caches):
    """The classic L_model_backward written out with plain numpy: sigmoid last, ReLU below."""
    grads = {}
    n_layers = len(caches)
    dA = _textbook_dAL(AL, Y)
    for layer in range(n_layers, 0, -1):
        (A_prev, W, _), Z = caches[layer - 1]
        if layer == n_layers:
            s = 1 / (1 + np.exp(-Z))
            dZ = dA * s * (1 - s)
        else:
            dZ = np.array(dA, copy=True)
            dZ[Z <= 0] = 0
        m = A_prev.shape[1]
        grads[f"dW{layer}"] = np.dot(dZ, A_prev.T) / m
        grads[f"db{layer}"] = np.sum(dZ, axis=1, keepdims=True) / m
        dA = np.dot(W.T, dZ)
        grads[f"dA{layer - 1}"] = dA
    return grads


def _classic_L_model_backward_case():
    """The classic course's L_model_backward_test_case: AL from randn, seed 3.

    ``RandomState(3)`` draws what ``np.random.seed(3)`` then ``np.random.randn`` draw, without
    touching the global state.
    """
    randn = np.random.RandomState(3).randn
    AL = randn(1, 2)
    Y = np.array([[1, 0]])
    A1, W1, b1, Z1 = randn(4, 2), randn(3, 4), randn(3, 1), randn(3, 2)
    A2, W2, b2, Z2 = randn(3, 2), randn(1, 3), randn(1, 1), randn(1, 2)
    caches = (((A1, W1, b1), Z1), ((A2, W2, b2), Z2))
    return AL, Y, caches


# -------------------------------------------------------------------- L_model_backward, dAL


def test_classic_L_model_backward_case_with_randn_AL_matches_the_textbook():
    AL, Y, caches = _classic_L_model_backward_case()
    assert AL[0, 0] > 1  # the case really exercises an AL outside (0, 1)
    grads = layers.L_model_backward(AL, Y, caches)
    want = _textbook_L_model_backward(AL, Y, caches)
    assert sorted(grads) == sorted(want)
    for key in want:
        assert_allclose(grads[key], want[key], rtol=1e-12, atol=1e-15, err_msg=key)
    # The numbers the classic notebook prints as its expected output.
    assert_allclose(
        grads["dW1"],
        [
            [0.41010002, 0.07807203, 0.13798444, 0.10502167],
            [0.0, 0.0, 0.0, 0.0],
            [0.05283652, 0.01005865, 0.01777766, 0.0135308],
        ],
        atol=1e-8,
    )
    assert_allclose(grads["db1"], [[-0.22007063], [0.0], [-0.02835349]], atol=1e-8)
    assert_allclose(
        grads["dA1"],
        [[0.12913162, -0.44014127], [-0.14175655, 0.48317296], [0.01663708, -0.05670698]],
        atol=1e-8,
    )


@pytest.mark.parametrize("seed", range(5))
def test_L_model_backward_on_random_AL_matches_the_textbook(seed):
    # AL drawn with randn and scaled, so negative values and values above 1 in every case;
    # caches as a list this time, Y as floats.
    rng = np.random.default_rng(seed)
    dims, m = [5, 4, 3, 1], 9
    caches = []
    for layer in range(1, len(dims)):
        A_prev = rng.standard_normal((dims[layer - 1], m))
        W = rng.standard_normal((dims[layer], dims[layer - 1]))
        b = rng.standard_normal((dims[layer], 1))
        Z = rng.standard_normal((dims[layer], m))
        caches.append(((A_prev, W, b), Z))
    AL = rng.standard_normal((1, m)) * 3
    AL[0, :2] = [-0.5, 1.5]
    Y = (rng.random((1, m)) > 0.5).astype(np.float64)
    Y[0, :2] = [1.0, 0.0]
    grads = layers.L_model_backward(AL, Y, caches)
    want = _textbook_L_model_backward(AL, Y, caches)
    for key in want:
        assert_allclose(grads[key], want[key], rtol=1e-12, atol=1e-15, err_msg=key)


def test_linear_activation_backward_uses_the_callers_dA_unchanged():
    # linear_activation_backward takes dAL from the caller: a textbook dAL of an AL outside
    # (0, 1) goes through as it is.
    AL, Y, caches = _classic_L_model_backward_case()
    dAL = _textbook_dAL(AL, Y)
    (A_prev, W, _), Z = caches[1]
    dA_prev, dW, db = layers.linear_activation_backward(dAL, caches[1], "sigmoid")
    s = 1 / (1 + np.exp(-Z))
    dZ = dAL * s * (1 - s)
    assert_allclose(dW, np.dot(dZ, A_prev.T) / 2, rtol=1e-12)
    assert_allclose(db, np.sum(dZ, axis=1, keepdims=True) / 2, rtol=1e-12)
    assert_allclose(dA_prev, np.dot(W.T, dZ), rtol=1e-12)


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_dAL_is_bit_for_bit_the_textbook_outside_and_inside_0_1(dtype):
    info = np.finfo(dtype)
    special = [-1e30, -3.0, -1.0, -0.5, -1e-30, 1e-30, 1e-20, 0.25, 0.5, 0.75, 1.5, 2.0, 1e30]
    special += [float(info.tiny), -float(info.tiny), 1 - float(info.epsneg), 1 + float(info.eps)]
    rng = np.random.default_rng(7)
    AL = np.concatenate([np.array(special), rng.standard_normal(200) * 2]).astype(dtype)
    AL = AL.reshape(1, -1)
    for Y in (np.ones_like(AL), np.zeros_like(AL), (rng.random(AL.shape) > 0.5).astype(dtype)):
        with _strict():
            got = losses.binary_cross_entropy_backward(AL, Y)
        assert got.dtype == dtype
        assert_array_equal(got, _textbook_dAL(AL, Y))


def test_dAL_with_integer_labels_is_the_textbook():
    AL, Y, _ = _classic_L_model_backward_case()  # Y is an int array, as in the classic test
    assert_array_equal(losses.binary_cross_entropy_backward(AL, Y), _textbook_dAL(AL, Y))
    assert_allclose(
        losses.binary_cross_entropy_backward(AL, Y), [[-1 / AL[0, 0], 1 / (1 - AL[0, 1])]]
    )


finite_non_special = st.floats(allow_nan=False, allow_infinity=False, allow_subnormal=False).filter(
    lambda a: a != 0 and a != 1
)


@settings(max_examples=60, deadline=None)
@given(
    AL=hnp.arrays(
        np.float64, st.tuples(st.just(1), st.integers(1, 8)), elements=finite_non_special
    ),
    data=st.data(),
)
def test_dAL_equals_the_textbook_for_any_unguarded_AL(AL, data):
    Y = data.draw(hnp.arrays(np.float64, AL.shape, elements=st.sampled_from([0.0, 1.0])))
    with _strict():
        got = losses.binary_cross_entropy_backward(AL, Y)
    assert_array_equal(got, _textbook_dAL(AL, Y))
    assert np.all(np.isfinite(got))


def test_dAL_at_exactly_0_and_1_and_subnormals_stays_finite_and_quiet():
    sub = np.nextafter(0.0, 1.0)  # the smallest subnormal: 1 / sub overflows to inf
    AL = np.array([[0.0, -0.0, 1.0, 0.0, 1.0, sub, -sub, sub * 1e10, -(sub * 1e10)]])
    Y = np.array([[1.0, 1.0, 0.0, 0.0, 1.0, 1.0, 1.0, 1.0, 1.0]])
    with _strict():
        dAL = losses.binary_cross_entropy_backward(AL, Y)
    assert np.all(np.isfinite(dAL))
    epsneg = np.finfo(np.float64).epsneg
    want = [
        -1 / TINY64,  # 0 -> tiny
        -1 / TINY64,  # -0.0 -> +tiny as well
        1 / epsneg,  # 1 -> 1 - epsneg
        1.0,  # right answer, y = 0 at a = 0: 1 / (1 - tiny) = 1
        -1 / (1 - epsneg),  # right answer, y = 1 at a = 1
        -1 / TINY64,  # subnormal -> tiny
        1 / TINY64,  # negative subnormal -> -tiny: the textbook's sign is kept
        -1 / TINY64,
        1 / TINY64,
    ]
    assert_allclose(dAL, [want], rtol=1e-12)


def test_L_model_backward_at_exactly_0_and_1_stays_finite():
    _, _, caches = _classic_L_model_backward_case()
    for AL_edge, Y in (([[0.0, 1.0]], [[1, 0]]), ([[1.0, 0.0]], [[1, 0]])):
        with _strict():
            grads = layers.L_model_backward(np.array(AL_edge), np.array(Y), caches)
        assert all(np.all(np.isfinite(value)) for value in grads.values())


# ----------------------------------------------------------------------- costs are float64


def _small_net(rng, dims):
    parameters = {}
    for layer in range(1, len(dims)):
        parameters[f"W{layer}"] = rng.standard_normal((dims[layer], dims[layer - 1]))
        parameters[f"b{layer}"] = rng.standard_normal((dims[layer], 1))
    return parameters


def _cost_calls(dtype):
    """(name, thunk) for every cost function in dlutils, on inputs of ``dtype``."""
    rng = np.random.default_rng(0)
    AL = rng.uniform(0.05, 0.95, size=(1, 5)).astype(dtype)
    Y = np.array([[1, 1, 0, 1, 0]], dtype=dtype)
    P = rng.dirichlet(np.ones(3), size=4).T.astype(dtype)
    Y_onehot = np.eye(3, dtype=dtype)[:, [0, 2, 1, 2]]
    net3 = _small_net(rng, [3, 2, 3, 1])
    X3 = rng.standard_normal((3, 5)).astype(dtype)
    w = rng.standard_normal((3, 1)).astype(dtype)
    return [
        ("losses.compute_cost", lambda: losses.compute_cost(AL, Y)),
        ("losses.compute_softmax_cost", lambda: losses.compute_softmax_cost(P, Y_onehot)),
        ("dlutils.compute_cost", lambda: dlutils.compute_cost(AL, Y)),
        ("dlutils.compute_softmax_cost", lambda: dlutils.compute_softmax_cost(P, Y_onehot)),
        ("shallow.compute_cost", lambda: shallow.compute_cost(AL, Y)),
        (
            "softmax_regression.compute_softmax_cost",
            lambda: softmax_regression.compute_softmax_cost(P, Y_onehot),
        ),
        (
            "regularization.compute_cost_with_regularization",
            lambda: regularization.compute_cost_with_regularization(AL, Y, net3, 0.1),
        ),
        (
            "regularization.compute_cost_with_regularization (lambd=0)",
            lambda: regularization.compute_cost_with_regularization(AL, Y, net3, 0.0),
        ),
        (
            "regularization.compute_cost_with_l1_regularization",
            lambda: regularization.compute_cost_with_l1_regularization(AL, Y, net3, 0.1),
        ),
        (
            "gradient_checking.forward_propagation",
            lambda: gradient_checking.forward_propagation(2, 4),
        ),
        (
            "gradient_checking.forward_propagation_n",
            lambda: gradient_checking.forward_propagation_n(X3, Y, net3)[0],
        ),
        ("logistic.propagate", lambda: logistic.propagate(w, 0.5, X3, Y)[1]),
        ("numpy_basics.L1", lambda: numpy_basics.L1(AL[0], Y[0])),
        ("numpy_basics.L2", lambda: numpy_basics.L2(AL[0], Y[0])),
    ]


@pytest.mark.parametrize("dtype", [np.float64, np.float32, np.int64])
def test_every_cost_function_returns_np_float64(dtype):
    if dtype is np.int64:  # labels and predictions given as ints (0/1 predictions clip)
        calls = [
            ("losses.compute_cost", lambda: losses.compute_cost([[1, 0]], [[1, 0]])),
            (
                "losses.compute_softmax_cost",
                lambda: losses.compute_softmax_cost(np.eye(2), np.eye(2)),
            ),
            ("numpy_basics.L1", lambda: numpy_basics.L1([1, 2], [0, 2])),
            ("numpy_basics.L2", lambda: numpy_basics.L2([1, 2], [0, 2])),
        ]
    else:
        calls = _cost_calls(dtype)
    for name, call in calls:
        cost = call()
        assert type(cost) is np.float64, f"{name} returned {type(cost).__name__}"
        assert isinstance(cost, float) and np.isfinite(cost), name


def test_classic_compute_cost_with_regularization_case():
    # The classic course's compute_cost_with_regularization_test_case (seed 1, lambd = 0.1).
    randn = np.random.RandomState(1).randn  # = np.random.seed(1), then np.random.randn
    Y = np.array([[1, 1, 0, 1, 0]])
    shapes = {"W1": (2, 3), "b1": (2, 1), "W2": (3, 2), "b2": (3, 1), "W3": (1, 3), "b3": (1, 1)}
    parameters = {name: randn(*shape) for name, shape in shapes.items()}  # in order
    A3 = np.array([[0.40682402, 0.01629284, 0.16722898, 0.10118111, 0.40682402]])
    cost = regularization.compute_cost_with_regularization(A3, Y, parameters, lambd=0.1)
    assert type(cost) is np.float64
    assert isinstance(cost, np.float64)
    m = Y.shape[1]
    cross_entropy = -np.sum(Y * np.log(A3) + (1 - Y) * np.log(1 - A3)) / m
    squares = sum(np.sum(np.square(parameters[f"W{layer}"])) for layer in (1, 2, 3))
    assert_allclose(cost, cross_entropy + 0.1 / (2 * m) * squares, rtol=1e-13)
    assert_allclose(cost, 1.7864859451590758, rtol=1e-12)


def test_every_public_cost_function_is_covered():
    # A new *cost* function anywhere in dlutils must be added to _cost_calls above.
    covered = {name.split(" ")[0] for name, _ in _cost_calls(np.float64)}
    found = set()
    for info in pkgutil.iter_modules(dlutils.__path__):
        if info.name == "plotting":  # plot_costs draws costs, it computes none
            continue
        if info.name == "autodiff":  # C2W3's scalar autodiff: its values are Python floats
            continue  # inside Value nodes, and the classic course has no such module
        module = importlib.import_module(f"dlutils.{info.name}")
        for name, function in inspect.getmembers(module, inspect.isfunction):
            if name.startswith("_") or function.__module__ != module.__name__:
                continue
            if "cost" in name or name in ("L1", "L2"):
                found.add(f"{info.name}.{name}")
    assert found <= covered, f"cost functions without a np.float64 check: {found - covered}"


# ------------------------------------------------------------- recorded costs in the loops


def _binary_data(n_x=3, m=12, seed=0):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    Y = (X[0:1] + 0.3 * rng.standard_normal((1, m)) > 0).astype(np.float64)
    return X, Y


def _assert_all_float64(costs, name):
    assert type(costs) is list and costs, name
    assert all(type(cost) is np.float64 for cost in costs), (name, [type(c) for c in costs])


def test_recorded_costs_are_np_float64():
    X, Y = _binary_data()
    _, _, costs = logistic.optimize(np.zeros((3, 1)), 0.0, X, Y, num_iterations=201)
    _assert_all_float64(costs, "logistic.optimize")
    d = logistic.model(X, Y, X, Y, num_iterations=101, learning_rate=0.1)
    _assert_all_float64(d["costs"], "logistic.model")
    _, costs = models.two_layer_model(
        X, Y, (3, 4, 1), num_iterations=101, rng=np.random.default_rng(1)
    )
    _assert_all_float64(costs, "models.two_layer_model")
    _, costs = models.L_layer_model(
        X, Y, [3, 4, 3, 1], num_iterations=101, rng=np.random.default_rng(1)
    )
    _assert_all_float64(costs, "models.L_layer_model")
    for kwargs in ({}, {"lambd": 0.1}, {"lambd": 0.1, "penalty": "l1"}, {"keep_prob": 0.8}):
        _, costs = regularization.model(
            X, Y, num_iterations=1001, rng=np.random.default_rng(2), **kwargs
        )
        _assert_all_float64(costs, f"regularization.model {kwargs}")
    for dtype, lambd in ((np.float64, 0.0), (np.float32, 0.1)):
        _, costs = training.train(
            X,
            Y,
            [3, 4, 1],
            num_epochs=3,
            mini_batch_size=5,
            lambd=lambd,
            dtype=dtype,
            rng=np.random.default_rng(3),
        )
        _assert_all_float64(costs, f"training.train {dtype.__name__}")
    Y_onehot = np.eye(3)[:, np.arange(12) % 3]
    _, costs = softmax_regression.softmax_model(
        X, Y_onehot, [3, 4, 3], num_epochs=3, mini_batch_size=5, rng=np.random.default_rng(4)
    )
    _assert_all_float64(costs, "softmax_regression.softmax_model")
