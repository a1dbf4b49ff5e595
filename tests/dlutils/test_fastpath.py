"""The fast path (dlutils._fastpath) gives the numbers of the readable composition of public blocks.

The training loops (models.L_layer_model, models.two_layer_model, training.train) run
_fastpath.forward/backward instead of layers.L_model_forward/L_model_backward. These tests write
the loops the way a learner does, from the public blocks only, and require the same trained
parameters and costs to about 1e-12, so that the suites can compare trained values tightly.
"""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from dlutils import _fastpath
from dlutils.activations import relu, softmax
from dlutils.batching import random_mini_batches
from dlutils.gradcheck import numerical_gradient_dict
from dlutils.initialization import (
    initialize_parameters,
    initialize_parameters_he,
    initialize_parameters_xavier,
)
from dlutils.layers import (
    L_model_backward,
    L_model_forward,
    linear_activation_backward,
    linear_activation_forward,
    update_parameters,
)
from dlutils.losses import compute_cost, compute_softmax_cost
from dlutils.models import L_layer_model, two_layer_model
from dlutils.optimizers import update_parameters_with_gd
from dlutils.regularization import dropout_forward
from dlutils.training import train

TIGHT = {"rtol": 1e-12, "atol": 1e-13}


def _binary(n_x, m, seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m))
    Y = (X[0:1] - 0.5 * X[1:2] + 0.3 * rng.standard_normal((1, m)) > 0).astype(np.float64)
    return X, Y


def _assert_same_parameters(got, want):
    assert list(got) == list(want)
    scale = max(float(np.abs(value).max()) for value in want.values())
    for key in want:
        assert_allclose(got[key], want[key], rtol=1e-12, atol=1e-12 * scale, err_msg=key)


# --- one pass ---------------------------------------------------------------------------------


@pytest.mark.parametrize("dims", [[3, 1], [4, 5, 1], [5, 6, 4, 3, 1]])
def test_forward_is_L_model_forward(dims):
    X, _ = _binary(dims[0], 9, seed=len(dims))
    parameters = initialize_parameters_he(dims, rng=np.random.default_rng(1))
    AL, caches = _fastpath.forward(X, parameters)
    want, classic = L_model_forward(X, parameters)
    assert_allclose(AL, want, **TIGHT)
    for (A_prev, Z, D), ((A_prev_c, _, _), Z_c) in zip(caches, classic, strict=True):
        assert_allclose(A_prev, A_prev_c, **TIGHT)
        assert_allclose(Z, Z_c, **TIGHT)
        assert D is None


@pytest.mark.parametrize("dims", [[3, 1], [4, 5, 1], [5, 6, 4, 3, 1]])
def test_backward_is_L_model_backward_without_dA0(dims):
    X, Y = _binary(dims[0], 11, seed=10 + len(dims))
    parameters = initialize_parameters_he(dims, rng=np.random.default_rng(2))
    AL, caches = _fastpath.forward(X, parameters)
    grads = _fastpath.backward(AL, Y, caches, parameters)
    AL_c, caches_c = L_model_forward(X, parameters)
    want = L_model_backward(AL_c, Y, caches_c)
    assert sorted(grads) == sorted(key for key in want if not key.startswith("dA"))
    for key in grads:
        assert_allclose(grads[key], want[key], **TIGHT, err_msg=key)


def test_backward_with_softmax_dropout_and_l2_matches_finite_differences():
    # The general trainer's extras, which no public block composes: check them against the
    # centred differences of the cost they claim to differentiate (masks held fixed).
    rng = np.random.default_rng(3)
    dims, m, keep_prob, l2 = [4, 6, 5, 3], 7, 0.7, 0.05
    X = rng.standard_normal((dims[0], m))
    Y = np.eye(dims[-1])[:, rng.integers(0, dims[-1], size=m)]
    parameters = initialize_parameters_he(dims, rng=rng)
    for layer in (1, 2, 3):  # b = 0 would put dropped-out columns exactly on relu's kink
        parameters[f"b{layer}"] = 0.1 * rng.standard_normal((dims[layer], 1))

    def run(params):
        return _fastpath.forward(
            X, params, output="softmax", keep_prob=keep_prob, rng=np.random.default_rng(9)
        )

    def cost(params):
        AL, _ = run(params)
        penalty = sum(float((params[f"W{layer}"] ** 2).sum()) for layer in (1, 2, 3))
        return compute_softmax_cost(AL, Y) + l2 / 2 * penalty

    AL, caches = run(parameters)
    assert any(D is not None and not D.all() for _, _, D in caches)  # dropout really happened
    grads = _fastpath.backward(AL, Y, caches, parameters, keep_prob=keep_prob, l2=l2)
    numerical = numerical_gradient_dict(cost, parameters)
    for key in grads:
        assert_allclose(grads[key], numerical[key], rtol=1e-5, atol=1e-8, err_msg=key)


def test_softmax_dropout_forward_is_the_composition_of_public_blocks():
    rng = np.random.default_rng(4)
    dims, keep_prob = [3, 5, 4, 3], 0.6
    X = rng.standard_normal((dims[0], 6))
    parameters = initialize_parameters_he(dims, rng=rng)
    AL, _ = _fastpath.forward(
        X, parameters, output="softmax", keep_prob=keep_prob, rng=np.random.default_rng(5)
    )
    masks = np.random.default_rng(5)
    A = X
    for layer in (1, 2):
        A, _ = linear_activation_forward(
            A, parameters[f"W{layer}"], parameters[f"b{layer}"], "relu"
        )
        A, _ = dropout_forward(A, keep_prob, rng=masks)
    Z = parameters["W3"] @ A + parameters["b3"]
    assert_allclose(AL, softmax(Z), **TIGHT)
    assert_allclose(relu(Z), np.maximum(Z, 0))  # the blocks agree among themselves too


# --- whole trainings: the loops a learner writes ----------------------------------------------


def _composed_gradient_descent(X, Y, parameters, learning_rate, num_iterations):
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        if i % 100 == 0 or i == num_iterations - 1:
            costs.append(compute_cost(AL, Y))
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs


def test_L_layer_model_trains_like_the_composition():
    X, Y = _binary(6, 40, seed=5)
    dims = [6, 8, 5, 1]
    got, got_costs = L_layer_model(
        X, Y, dims, learning_rate=0.05, num_iterations=401, rng=np.random.default_rng(6)
    )
    initial = initialize_parameters_xavier(dims, rng=np.random.default_rng(6))
    want, want_costs = _composed_gradient_descent(X, Y, initial, 0.05, 401)
    _assert_same_parameters(got, want)
    assert_allclose(got_costs, want_costs, **TIGHT)
    assert want_costs[-1] < want_costs[0] - 0.05  # it did learn: the comparison means something


def test_two_layer_model_trains_like_the_composition():
    X, Y = _binary(5, 30, seed=7)
    got, got_costs = two_layer_model(
        X, Y, (5, 7, 1), learning_rate=0.5, num_iterations=300, rng=np.random.default_rng(8)
    )
    initial = initialize_parameters(5, 7, 1, rng=np.random.default_rng(8))
    want, want_costs = _composed_gradient_descent(X, Y, initial, 0.5, 300)
    _assert_same_parameters(got, want)
    assert_allclose(got_costs, want_costs, **TIGHT)
    assert want_costs[-1] < want_costs[0] - 0.05


def test_train_with_gd_trains_like_the_composition():
    X, Y = _binary(4, 23, seed=9)
    dims, lr, batch, epochs = [4, 6, 3, 1], 0.1, 8, 30
    got, got_costs = train(
        X, Y, dims, optimizer="gd", learning_rate=lr, mini_batch_size=batch,
        num_epochs=epochs, rng=np.random.default_rng(10),
    )  # fmt: skip
    rng = np.random.default_rng(10)
    parameters = initialize_parameters_he(dims, rng=rng)
    want_costs = []
    for _ in range(epochs):
        total = 0.0
        for X_b, Y_b in random_mini_batches(X, Y, batch, rng=rng):
            AL, caches = L_model_forward(X_b, parameters)
            total += X_b.shape[1] * compute_cost(AL, Y_b)
            grads = L_model_backward(AL, Y_b, caches)
            parameters = update_parameters_with_gd(parameters, grads, lr)
        want_costs.append(total / X.shape[1])
    _assert_same_parameters(got, parameters)
    assert_allclose(got_costs, want_costs, **TIGHT)


def test_backward_of_one_relu_layer_is_linear_activation_backward():
    # the per-layer step of _fastpath.backward (W.T @ dZ then relu') is the public block's
    rng = np.random.default_rng(11)
    A_prev, W, b = (
        rng.standard_normal((4, 6)),
        rng.standard_normal((3, 4)),
        rng.standard_normal((3, 1)),
    )
    parameters = {"W1": W, "b1": b, "W2": rng.standard_normal((1, 3)), "b2": np.zeros((1, 1))}
    Y = (rng.random((1, 6)) > 0.5).astype(np.float64)
    AL, caches = _fastpath.forward(A_prev, parameters)
    grads = _fastpath.backward(AL, Y, caches, parameters)
    _, classic = L_model_forward(A_prev, parameters)
    dA1 = parameters["W2"].T @ (AL - Y)
    _, dW1, db1 = linear_activation_backward(dA1, classic[0], "relu")
    assert_allclose(grads["dW1"], dW1, **TIGHT)
    assert_allclose(grads["db1"], db1, **TIGHT)
