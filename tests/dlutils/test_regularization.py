"""Tests for dlutils.regularization: the 3-layer net, L2, L1, inverted dropout, model, predict."""

from __future__ import annotations

import copy
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from dlutils.gradcheck import numerical_gradient, numerical_gradient_dict
from dlutils.initialization import initialize_parameters_he
from dlutils.layers import L_model_backward, L_model_forward
from dlutils.losses import compute_cost
from dlutils.regularization import (
    backward_propagation,
    backward_propagation_with_dropout,
    backward_propagation_with_l1_regularization,
    backward_propagation_with_regularization,
    compute_cost_with_l1_regularization,
    compute_cost_with_regularization,
    dropout_backward,
    dropout_forward,
    forward_propagation,
    forward_propagation_with_dropout,
    model,
    predict,
)

# (n_x, n1, n2, m): the classic 2-20-3-1 on few examples, a single example, a wider input.
SHAPES = [(2, 5, 3, 7), (3, 4, 2, 1), (5, 3, 4, 10), (2, 20, 3, 6)]
GRAD_KEYS = {"dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1"}


def _problem(n_x, n1, n2, m, seed=0):
    """Random net and data; biases nonzero so no pre-activation sits exactly on relu's kink."""
    rng = np.random.default_rng(seed)
    parameters = initialize_parameters_he([n_x, n1, n2, 1], rng=rng)
    for layer, n in ((1, n1), (2, n2), (3, 1)):
        parameters[f"b{layer}"] = 0.3 * rng.standard_normal((n, 1))
    parameters["W3"] = 0.25 * parameters["W3"]  # keeps |Z3| small: a saturated sigmoid makes
    # the cost (a log of 1 - A3) too imprecise for finite differences
    X = 1.5 * rng.standard_normal((n_x, m)) + 0.2
    Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    return parameters, X, Y


def _cost(X, Y):
    return lambda params: compute_cost(forward_propagation(X, params)[0], Y)


def _assert_param_grads(grads, numerical, rtol=1e-5, atol=1e-8):
    for name in ("W1", "b1", "W2", "b2", "W3", "b3"):
        assert grads["d" + name].shape == numerical["d" + name].shape, name
        assert_allclose(
            grads["d" + name], numerical["d" + name], rtol=rtol, atol=atol, err_msg=name
        )


# ---------------------------------------------------------------- forward / backward


@pytest.mark.parametrize("shape", SHAPES)
def test_forward_matches_the_generic_L_layer_net(shape):
    parameters, X, _ = _problem(*shape)
    A3, cache = forward_propagation(X, parameters)
    AL, caches = L_model_forward(X, parameters)
    assert A3.shape == (1, shape[3])
    assert_allclose(A3, AL, rtol=1e-12)
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3_cached, W3, b3 = cache
    assert_allclose(Z1, caches[0][1], rtol=1e-12)
    assert_allclose(A1, np.maximum(Z1, 0))
    assert_allclose(Z2, W2 @ A1 + b2, rtol=1e-12)
    assert_allclose(Z3, caches[2][1], rtol=1e-12)
    assert A3_cached is A3
    assert W1 is parameters["W1"] and b3 is parameters["b3"]


def test_forward_golden():
    # x = (1, -1); W1 = [[1, 0], [0, 1]], b1 = 0 -> Z1 = (1, -1), A1 = (1, 0).
    # W2 = [[2, 3]], b2 = [-1] -> Z2 = 2*1 + 3*0 - 1 = 1, A2 = 1.
    # W3 = [[0.5]], b3 = [-0.5] -> Z3 = 0, A3 = sigmoid(0) = 0.5.
    parameters = {
        "W1": np.eye(2), "b1": np.zeros((2, 1)),
        "W2": np.array([[2.0, 3.0]]), "b2": np.array([[-1.0]]),
        "W3": np.array([[0.5]]), "b3": np.array([[-0.5]]),
    }  # fmt: skip
    A3, cache = forward_propagation(np.array([[1.0], [-1.0]]), parameters)
    assert_allclose(cache[1], [[1.0], [0.0]])
    assert_allclose(cache[5], [[1.0]])
    assert_allclose(A3, [[0.5]])
    # Backward with y = 1: dZ3 = 0.5 - 1 = -0.5, dW3 = dZ3 * A2 = -0.5, dA2 = 0.5 * -0.5 = -0.25,
    # dZ2 = -0.25 (Z2 > 0), dW2 = dZ2 * A1^T = (-0.25, 0), dA1 = W2^T dZ2 = (-0.5, -0.75),
    # dZ1 = (-0.5, 0) (Z1[1] < 0), dW1 = dZ1 x^T = [[-0.5, 0.5], [0, 0]].
    grads = backward_propagation(np.array([[1.0], [-1.0]]), np.array([[1.0]]), cache)
    assert set(grads) == GRAD_KEYS
    assert_allclose(grads["dW3"], [[-0.5]])
    assert_allclose(grads["dA2"], [[-0.25]])
    assert_allclose(grads["dW2"], [[-0.25, 0.0]])
    assert_allclose(grads["dA1"], [[-0.5], [-0.75]])
    assert_allclose(grads["dW1"], [[-0.5, 0.5], [0.0, 0.0]])
    assert_allclose(grads["db1"], [[-0.5], [0.0]])


@pytest.mark.parametrize("shape", SHAPES)
def test_backward_matches_finite_differences(shape):
    parameters, X, Y = _problem(*shape, seed=1)
    _, cache = forward_propagation(X, parameters)
    grads = backward_propagation(X, Y, cache)
    assert set(grads) == GRAD_KEYS
    _assert_param_grads(grads, numerical_gradient_dict(_cost(X, Y), parameters))


@pytest.mark.parametrize("shape", SHAPES)
def test_backward_hidden_gradients(shape):
    """dA2, dZ2, dA1 are gradients of the summed loss m * J (the classic convention)."""
    parameters, X, Y = _problem(*shape, seed=2)
    m = X.shape[1]
    _, cache = forward_propagation(X, parameters)
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
    grads = backward_propagation(X, Y, cache)

    def loss_from_A2(A2_):
        return m * compute_cost(1 / (1 + np.exp(-(W3 @ A2_ + b3))), Y)

    def loss_from_A1(A1_):
        return loss_from_A2(np.maximum(W2 @ A1_ + b2, 0))

    assert_allclose(grads["dA2"], numerical_gradient(loss_from_A2, A2), rtol=1e-5, atol=1e-7)
    assert_allclose(grads["dA1"], numerical_gradient(loss_from_A1, A1), rtol=1e-5, atol=1e-7)
    assert_allclose(
        grads["dZ2"], numerical_gradient(lambda Z: loss_from_A2(np.maximum(Z, 0)), Z2), atol=1e-6
    )
    assert_allclose(grads["dZ3"], A3 - Y, rtol=1e-12)


def test_backward_cross_checks_the_generic_L_layer_net():
    parameters, X, Y = _problem(4, 6, 3, 9, seed=3)
    A3, cache = forward_propagation(X, parameters)
    grads = backward_propagation(X, Y, cache)
    _, caches = L_model_forward(X, parameters)
    generic = L_model_backward(A3, Y, caches)
    for key in ("dW1", "db1", "dW2", "db2", "dW3", "db3", "dA1", "dA2"):
        assert_allclose(grads[key], generic[key], rtol=1e-9, atol=1e-12, err_msg=key)
    assert "dA0" not in grads  # the training loop never needs the input's gradient


# ---------------------------------------------------------------- L2


def _two_by_two():
    # A 2-layer net is enough for the cost: every W[l], l = 1..len(parameters) // 2, counts.
    parameters = {
        "W1": np.array([[1.0, -2.0], [3.0, 0.0]]),  # squares 1 + 4 + 9 + 0 = 14, |.| sum 6
        "b1": np.array([[5.0], [5.0]]),  # biases are not penalised
        "W2": np.array([[0.5, -0.5]]),  # squares 0.25 + 0.25 = 0.5, |.| sum 1
        "b2": np.array([[5.0]]),
    }
    A = np.array([[0.8, 0.4]])
    Y = np.array([[1.0, 0.0]])
    # Cross-entropy: -(1/2) (ln 0.8 + ln(1 - 0.4)) = -(1/2)(-0.2231436 - 0.5108256) = 0.3669846
    return A, Y, parameters


def test_l2_cost_golden_2x2():
    A, Y, parameters = _two_by_two()
    # lambda = 0.4, m = 2: 0.4 / (2 * 2) * (14 + 0.5) = 0.1 * 14.5 = 1.45 -> 0.3669846 + 1.45
    cost = compute_cost_with_regularization(A, Y, parameters, 0.4)
    assert isinstance(cost, float)
    assert cost == pytest.approx(1.8169846, abs=1e-7)
    assert compute_cost_with_regularization(A, Y, parameters, 0.0) == pytest.approx(0.3669846)


def test_l2_cost_counts_all_three_layers():
    parameters, X, Y = _problem(2, 3, 2, 4)
    A3, _ = forward_propagation(X, parameters)
    squares = sum((parameters[f"W{layer}"] ** 2).sum() for layer in (1, 2, 3))
    expected = compute_cost(A3, Y) + 0.7 / (2 * 4) * squares
    assert compute_cost_with_regularization(A3, Y, parameters, 0.7) == pytest.approx(expected)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("lambd", [0.1, 0.7, 5.0])
def test_l2_backward_matches_finite_differences(shape, lambd):
    parameters, X, Y = _problem(*shape, seed=4)
    _, cache = forward_propagation(X, parameters)
    grads = backward_propagation_with_regularization(X, Y, cache, lambd)
    assert set(grads) == GRAD_KEYS

    def cost(params):
        return compute_cost_with_regularization(forward_propagation(X, params)[0], Y, params, lambd)

    _assert_param_grads(grads, numerical_gradient_dict(cost, parameters))


def test_l2_backward_is_weight_decay():
    parameters, X, Y = _problem(3, 4, 2, 5, seed=5)
    _, cache = forward_propagation(X, parameters)
    plain = backward_propagation(X, Y, cache)
    decayed = backward_propagation_with_regularization(X, Y, cache, 0.5)
    for layer in (1, 2, 3):
        extra = decayed[f"dW{layer}"] - plain[f"dW{layer}"]
        assert_allclose(extra, 0.5 / 5 * parameters[f"W{layer}"], rtol=1e-10, atol=1e-15)
        assert_array_equal(decayed[f"db{layer}"], plain[f"db{layer}"])


# ---------------------------------------------------------------- L1


def test_l1_cost_golden_2x2():
    A, Y, parameters = _two_by_two()
    # lambda = 0.4, m = 2: 0.4 / (2 * 2) * (6 + 1) = 0.7 -> 0.3669846 + 0.7 = 1.0669846
    cost = compute_cost_with_l1_regularization(A, Y, parameters, 0.4)
    assert isinstance(cost, float)
    assert cost == pytest.approx(1.0669846, abs=1e-7)


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("lambd", [0.3, 2.0])
def test_l1_backward_matches_finite_differences_away_from_zero(shape, lambd):
    parameters, X, Y = _problem(*shape, seed=6)
    for layer in (1, 2, 3):  # keep every weight at least 0.1 from the kink of |w|
        W = parameters[f"W{layer}"]
        parameters[f"W{layer}"] = np.where(W >= 0, 1.0, -1.0) * (np.abs(W) + 0.1)
    _, cache = forward_propagation(X, parameters)
    grads = backward_propagation_with_l1_regularization(X, Y, cache, lambd)

    def cost(params):
        A3 = forward_propagation(X, params)[0]
        return compute_cost_with_l1_regularization(A3, Y, params, lambd)

    _assert_param_grads(grads, numerical_gradient_dict(cost, parameters))


def test_l1_subgradient_is_zero_at_zero():
    parameters, X, Y = _problem(2, 3, 2, 4, seed=7)
    parameters["W2"] = parameters["W2"].copy()
    parameters["W2"][0, 0] = 0.0
    _, cache = forward_propagation(X, parameters)
    plain = backward_propagation(X, Y, cache)
    l1 = backward_propagation_with_l1_regularization(X, Y, cache, 1.0)
    assert l1["dW2"][0, 0] == plain["dW2"][0, 0]
    # Elsewhere the step is lambda / (2m) * sign(W) = 1 / 8 * (+-1).
    assert_allclose(np.abs(l1["dW1"] - plain["dW1"]), 1.0 / 8)


@pytest.mark.parametrize(
    "function",
    [
        compute_cost_with_regularization,
        compute_cost_with_l1_regularization,
    ],
)
def test_costs_reject_negative_lambda(function):
    A, Y, parameters = _two_by_two()
    with pytest.raises(ValueError, match="lambd"):
        function(A, Y, parameters, -0.1)


# ---------------------------------------------------------------- dropout


def test_dropout_forward_is_the_documented_draw():
    A = np.arange(12.0).reshape(3, 4) - 4
    out, D = dropout_forward(A, 0.7, rng=np.random.default_rng(8))
    expected_D = np.random.default_rng(8).random((3, 4)) < 0.7
    assert D.dtype == np.float64
    assert_array_equal(D, expected_D.astype(np.float64))
    assert_allclose(out, A * expected_D / 0.7)


def test_dropout_keep_fraction_and_expectation():
    rng = np.random.default_rng(9)
    A = np.full((500, 400), 2.0)
    for keep_prob in (0.5, 0.86):
        out, D = dropout_forward(A, keep_prob, rng=rng)
        # 200,000 Bernoulli(p) draws: sd of the mean <= 0.0012.
        assert abs(D.mean() - keep_prob) < 0.006
        # Inverted dropout keeps the expected activation: mean(out) ~ 2, not 2 * keep_prob.
        assert out.mean() == pytest.approx(2.0, abs=0.02)
        assert set(np.unique(out)) <= {0.0, 2.0 / keep_prob}


def test_dropout_expectation_per_unit():
    rng = np.random.default_rng(10)
    A = rng.standard_normal((4, 5))
    mean = np.mean([dropout_forward(A, 0.6, rng=rng)[0] for _ in range(20_000)], axis=0)
    assert_allclose(mean, A, atol=0.06)


@pytest.mark.parametrize("shape", [(3, 4), (1, 1), (7, 2)])
@pytest.mark.parametrize("keep_prob", [0.5, 0.8, 1.0])
def test_dropout_backward_matches_finite_differences(shape, keep_prob):
    rng = np.random.default_rng(11)
    A = rng.standard_normal(shape) * 2 + 0.5
    upstream = rng.standard_normal(shape)  # random, so a wrong mask or scale cannot pass
    _, D = dropout_forward(A, keep_prob, rng=np.random.default_rng(12))
    numerical = numerical_gradient(lambda x: x * D / keep_prob, A, upstream)
    assert_allclose(dropout_backward(upstream, D, keep_prob), numerical, rtol=1e-6, atol=1e-9)


def test_dropout_keeps_float32():
    A = np.ones((3, 4), dtype=np.float32)
    out, D = dropout_forward(A, 0.5, rng=np.random.default_rng(0))
    assert out.dtype == np.float32 and D.dtype == np.float32


@pytest.mark.parametrize("keep_prob", [0.0, -0.5, 1.5])
def test_dropout_rejects_bad_keep_prob(keep_prob):
    with pytest.raises(ValueError, match="keep_prob"):
        dropout_forward(np.ones((2, 2)), keep_prob, rng=np.random.default_rng(0))
    parameters, X, _ = _problem(2, 3, 2, 4)
    with pytest.raises(ValueError, match="keep_prob"):
        forward_propagation_with_dropout(X, parameters, keep_prob, rng=np.random.default_rng(0))


def test_forward_with_dropout_cache_and_draw_order():
    parameters, X, _ = _problem(3, 5, 4, 6, seed=13)
    A3, cache = forward_propagation_with_dropout(X, parameters, 0.7, rng=np.random.default_rng(14))
    assert len(cache) == 14
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3_cached, W3, b3 = cache
    reference = np.random.default_rng(14)
    D1_expected = reference.random((5, 6)) < 0.7  # D1 first, over A1's shape
    D2_expected = reference.random((4, 6)) < 0.7  # then D2
    assert_array_equal(D1, D1_expected.astype(float))
    assert_array_equal(D2, D2_expected.astype(float))
    assert_allclose(Z1, parameters["W1"] @ X + parameters["b1"])
    assert_allclose(A1, np.maximum(Z1, 0) * D1 / 0.7)
    assert_allclose(Z2, W2 @ A1 + b2)
    assert_allclose(A2, np.maximum(Z2, 0) * D2 / 0.7)
    assert_allclose(A3, 1 / (1 + np.exp(-(W3 @ A2 + b3))))
    assert A3_cached is A3


def test_forward_with_dropout_draws_fresh_masks():
    parameters, X, _ = _problem(3, 50, 40, 30, seed=15)
    rng = np.random.default_rng(16)
    _, first = forward_propagation_with_dropout(X, parameters, 0.5, rng=rng)
    _, second = forward_propagation_with_dropout(X, parameters, 0.5, rng=rng)
    assert not np.array_equal(first[1], second[1])
    assert not np.array_equal(first[6], second[6])


@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize("keep_prob", [0.5, 0.86])
def test_dropout_backward_matches_finite_differences_with_the_same_masks(shape, keep_prob):
    parameters, X, Y = _problem(*shape, seed=17)
    seed = 18
    _, cache = forward_propagation_with_dropout(
        X, parameters, keep_prob, rng=np.random.default_rng(seed)
    )
    grads = backward_propagation_with_dropout(X, Y, cache, keep_prob)
    assert set(grads) == GRAD_KEYS

    def cost(params):  # a re-seeded generator draws the same masks every time
        rng = np.random.default_rng(seed)
        return compute_cost(forward_propagation_with_dropout(X, params, keep_prob, rng=rng)[0], Y)

    _assert_param_grads(grads, numerical_gradient_dict(cost, parameters))


def test_dropout_with_keep_prob_one_is_the_plain_net():
    parameters, X, Y = _problem(3, 4, 2, 5, seed=19)
    A3, cache = forward_propagation(X, parameters)
    A3_d, cache_d = forward_propagation_with_dropout(
        X, parameters, 1.0, rng=np.random.default_rng(0)
    )
    assert_allclose(A3_d, A3)
    plain = backward_propagation(X, Y, cache)
    dropped = backward_propagation_with_dropout(X, Y, cache_d, 1.0)
    for key in GRAD_KEYS:
        assert_allclose(dropped[key], plain[key], err_msg=key)


# ---------------------------------------------------------------- purity and numerics


@settings(max_examples=25, deadline=None)
@given(
    n_x=st.integers(1, 4),
    n1=st.integers(1, 5),
    n2=st.integers(1, 4),
    m=st.integers(1, 6),
    seed=st.integers(0, 2**32 - 1),
    lambd=st.floats(0, 3),
    keep_prob=st.floats(0.1, 1.0),
)
def test_nothing_mutates_its_inputs(n_x, n1, n2, m, seed, lambd, keep_prob):
    parameters, X, Y = _problem(n_x, n1, n2, m, seed=seed)
    saved = copy.deepcopy((parameters, X, Y))

    A3, cache = forward_propagation(X, parameters)
    cache_saved = copy.deepcopy(cache)
    compute_cost_with_regularization(A3, Y, parameters, lambd)
    compute_cost_with_l1_regularization(A3, Y, parameters, lambd)
    for backward in (
        backward_propagation_with_regularization,
        backward_propagation_with_l1_regularization,
    ):
        grads = backward(X, Y, cache, lambd)
        assert {k: v.shape for k, v in grads.items() if k.startswith("dW")} == {
            f"dW{layer}": parameters[f"W{layer}"].shape for layer in (1, 2, 3)
        }
    A3_d, cache_d = forward_propagation_with_dropout(
        X, parameters, keep_prob, rng=np.random.default_rng(seed)
    )
    cache_d_saved = copy.deepcopy(cache_d)
    backward_propagation_with_dropout(X, Y, cache_d, keep_prob)
    predict(parameters, X)

    for before, after in zip(saved, (parameters, X, Y), strict=True):
        if isinstance(before, dict):
            assert before.keys() == after.keys()
            for key in before:
                assert_array_equal(before[key], after[key])
        else:
            assert_array_equal(before, after)
    for before, after in zip(cache_saved + cache_d_saved, cache + cache_d, strict=True):
        assert_array_equal(before, after)


def test_extreme_weights_stay_finite_and_quiet():
    parameters, X, Y = _problem(2, 3, 2, 4)
    parameters = {key: value * 1000.0 for key, value in parameters.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        A3, cache = forward_propagation(X, parameters)
        cost = compute_cost_with_regularization(A3, Y, parameters, 0.7)
        grads = backward_propagation_with_regularization(X, Y, cache, 0.7)
    assert math.isfinite(cost)
    assert all(np.isfinite(g).all() for g in grads.values())


def test_float32_inputs_work():
    parameters, X, Y = _problem(2, 3, 2, 4)
    parameters32 = {key: value.astype(np.float32) for key, value in parameters.items()}
    A3, cache = forward_propagation(X.astype(np.float32), parameters32)
    assert A3.dtype == np.float32
    grads = backward_propagation(X.astype(np.float32), Y.astype(np.float32), cache)
    assert grads["dW1"].dtype == np.float32
    A3_64, _ = forward_propagation(X, parameters)
    assert_allclose(A3, A3_64, rtol=1e-5)


def test_rejects_another_architecture():
    parameters = initialize_parameters_he([2, 3, 1], rng=np.random.default_rng(0))
    with pytest.raises(ValueError, match="3-layer"):
        forward_propagation(np.zeros((2, 3)), parameters)


# ---------------------------------------------------------------- model and predict


def _moons_like(m, seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((2, m))
    Y = (X[0:1] * X[1:2] > 0).astype(np.float64)  # XOR-like quadrants
    return X, Y


def test_model_with_no_iterations_returns_the_he_initialisation():
    X, Y = _moons_like(10, 0)
    parameters, costs = model(X, Y, num_iterations=0, rng=np.random.default_rng(20))
    expected = initialize_parameters_he([2, 20, 3, 1], rng=np.random.default_rng(20))
    assert costs == []
    assert parameters.keys() == expected.keys()
    for key in expected:
        assert_array_equal(parameters[key], expected[key])


@pytest.mark.parametrize(
    ("lambd", "penalty", "decay"),
    [(0.0, "l2", lambda W, m: 0 * W), (0.7, "l2", lambda W, m: 0.7 / m * W),
     (0.7, "l1", lambda W, m: 0.7 / (2 * m) * np.sign(W))],
)  # fmt: skip
def test_model_one_step_from_the_initial_state(lambd, penalty, decay):
    X, Y = _moons_like(12, 1)
    parameters, costs = model(
        X, Y, learning_rate=0.1, num_iterations=1, lambd=lambd, penalty=penalty,
        rng=np.random.default_rng(21),
    )  # fmt: skip
    initial = initialize_parameters_he([2, 20, 3, 1], rng=np.random.default_rng(21))
    numerical = numerical_gradient_dict(_cost(X, Y), initial)
    for key, value in initial.items():
        step = numerical["d" + key] + (decay(value, 12) if key.startswith("W") else 0)
        assert_allclose(parameters[key], value - 0.1 * step, rtol=1e-6, atol=1e-8, err_msg=key)
    assert len(costs) == 1
    penalty_value = {
        "l2": sum((initial[f"W{i}"] ** 2).sum() for i in (1, 2, 3)),
        "l1": sum(np.abs(initial[f"W{i}"]).sum() for i in (1, 2, 3)),
    }[penalty]
    expected_cost = _cost(X, Y)(initial) + lambd / (2 * 12) * penalty_value
    assert costs[0] == pytest.approx(expected_cost, rel=1e-12)


def test_model_dropout_draws_after_the_initialisation():
    X, Y = _moons_like(8, 2)
    parameters, _ = model(
        X, Y, learning_rate=0.05, num_iterations=1, keep_prob=0.8, rng=np.random.default_rng(22)
    )
    rng = np.random.default_rng(22)
    initial = initialize_parameters_he([2, 20, 3, 1], rng=rng)
    seed_state = copy.deepcopy(rng.bit_generator.state)

    def cost(params):
        replay = np.random.default_rng()
        replay.bit_generator.state = copy.deepcopy(seed_state)
        return compute_cost(forward_propagation_with_dropout(X, params, 0.8, rng=replay)[0], Y)

    numerical = numerical_gradient_dict(cost, initial)
    for key, value in initial.items():
        assert_allclose(parameters[key], value - 0.05 * numerical["d" + key], rtol=1e-6, atol=1e-8)


def test_model_records_costs_every_1000_iterations_and_prints_every_10000(capsys):
    X, Y = _moons_like(20, 3)
    _, costs = model(X, Y, num_iterations=10001, print_cost=True, rng=np.random.default_rng(23))
    assert len(costs) == 11  # iterations 0, 1000, ..., 10000
    assert costs[-1] < costs[0]
    assert all(isinstance(cost, float) for cost in costs)
    printed = capsys.readouterr().out.strip().splitlines()
    assert [line.split(":")[0] for line in printed] == [
        "Cost after iteration 0",
        "Cost after iteration 10000",
    ]
    assert float(printed[0].split(": ")[1]) == costs[0]


def test_model_progress_bar_and_silence(capsys):
    X, Y = _moons_like(10, 4)
    model(X, Y, num_iterations=5, rng=np.random.default_rng(0), progress=True)
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "training" in captured.err


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"lambd": 0.7, "keep_prob": 0.86}, "not both"),
        ({"lambd": -1.0}, "lambd"),
        ({"keep_prob": 0.0}, "keep_prob"),
        ({"penalty": "l3"}, "penalty"),
        ({"layers_dims": [2, 5, 1]}, "layers_dims"),
        ({"layers_dims": [3, 5, 2, 1]}, "layers_dims"),
    ],
)
def test_model_rejects_bad_arguments(kwargs, match):
    X, Y = _moons_like(10, 5)
    with pytest.raises(ValueError, match=match):
        model(X, Y, num_iterations=1, rng=np.random.default_rng(0), **kwargs)


def test_model_custom_layers_dims():
    X, Y = _moons_like(10, 6)
    parameters, _ = model(
        X, Y, num_iterations=2, layers_dims=[2, 7, 4, 1], rng=np.random.default_rng(0)
    )
    assert parameters["W1"].shape == (7, 2) and parameters["W3"].shape == (1, 4)


def test_predict_thresholds_strictly_above_half():
    parameters = {
        "W1": np.eye(2), "b1": np.zeros((2, 1)),
        "W2": np.ones((1, 2)), "b2": np.zeros((1, 1)),
        "W3": np.array([[1.0]]), "b3": np.array([[0.0]]),
    }  # fmt: skip
    # Z3 = relu(x1) + relu(x2): 0 for (-1, -1) -> sigmoid 0.5 -> class 0; 0.001 -> class 1.
    X = np.array([[-1.0, 0.001, 3.0], [-1.0, -2.0, 0.0]])
    predictions = predict(parameters, X)
    assert predictions.dtype == np.float64
    assert_array_equal(predictions, [[0.0, 1.0, 1.0]])


def test_model_learns_a_disc():
    rng = np.random.default_rng(7)
    X = rng.standard_normal((2, 200))
    Y = ((X**2).sum(axis=0, keepdims=True) < 1.4).astype(np.float64)  # about half inside
    parameters, costs = model(X, Y, num_iterations=2001, rng=np.random.default_rng(1))
    accuracy = (predict(parameters, X) == Y).mean()
    assert accuracy > 0.95, accuracy
    assert costs[-1] < 0.2 * costs[0]


@pytest.mark.slow
def test_l2_and_dropout_each_shrink_the_overfitting_gap():
    """On the noisy overfitting set, L2 and dropout each narrow the train-test accuracy gap.

    Seen with 10,000 iterations (data seed 0, init seed 3): no regularization train 0.950 /
    test 0.850 (gap 0.100); lambd=0.7: 0.935 / 0.870 (gap 0.065); keep_prob=0.86: 0.925 /
    0.860 (gap 0.065). Init seeds 0-4 all give gaps 0.10-0.13 unregularized and 0.055-0.08
    regularized.
    """
    datasets = pytest.importorskip("dlutils.datasets")
    X_train, Y_train, X_test, Y_test = datasets.make_overfit_set(rng=np.random.default_rng(0))

    def train_and_gap(**kwargs):
        parameters, _ = model(
            X_train, Y_train, num_iterations=10_000, rng=np.random.default_rng(3), **kwargs
        )
        train_accuracy = (predict(parameters, X_train) == Y_train).mean()
        test_accuracy = (predict(parameters, X_test) == Y_test).mean()
        return train_accuracy - test_accuracy, test_accuracy

    gap, test_accuracy = train_and_gap()
    gap_l2, test_accuracy_l2 = train_and_gap(lambd=0.7)
    gap_dropout, test_accuracy_dropout = train_and_gap(keep_prob=0.86)
    assert gap > 0.05, "the unregularized net should overfit this set"
    assert gap_l2 < gap - 0.02
    assert gap_dropout < gap - 0.02
    assert test_accuracy_l2 >= test_accuracy
    assert test_accuracy_dropout >= test_accuracy
