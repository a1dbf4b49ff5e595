"""Tests for dlutils.layers: golden values, finite-difference checks, properties, purity."""

from __future__ import annotations

import copy
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from dlutils.gradcheck import numerical_gradient, numerical_gradient_dict, relative_difference
from dlutils.initialization import initialize_parameters_he
from dlutils.layers import (
    L_model_backward,
    L_model_forward,
    linear_activation_backward,
    linear_activation_forward,
    linear_backward,
    linear_forward,
    update_parameters,
)
from dlutils.losses import compute_cost

ACTIVATIONS = ["sigmoid", "relu", "tanh"]
LINEAR_SHAPES = [(3, 4, 5), (1, 1, 1), (6, 2, 7), (2, 5, 1)]  # (n_prev, n, m)


def _random_layer(rng, n_prev, n, m):
    """Inputs shifted and scaled away from 0 and 1 so that a wrong formula cannot pass."""
    A = 1.5 * rng.standard_normal((n_prev, m)) + 0.3
    W = rng.standard_normal((n, n_prev))
    b = rng.standard_normal((n, 1))
    return A, W, b


def _random_net(layer_dims, m, seed):
    rng = np.random.default_rng(seed)
    parameters = initialize_parameters_he(layer_dims, rng=rng)
    for layer in range(1, len(layer_dims)):
        parameters[f"b{layer}"] = 0.1 * rng.standard_normal((layer_dims[layer], 1))
    X = rng.standard_normal((layer_dims[0], m))
    Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    return parameters, X, Y


# --- golden values, worked by hand -----------------------------------------------------------


def test_linear_forward_golden():
    A = np.array([[1.0, 0.0], [2.0, 1.0], [4.0, -2.0]])
    W = np.array([[1.0, -2.0, 0.5]])
    b = np.array([[0.5]])
    Z, cache = linear_forward(A, W, b)
    # column 1: 1*1 - 2*2 + 0.5*4 + 0.5 = 1 - 4 + 2 + 0.5 = -0.5
    # column 2: 1*0 - 2*1 + 0.5*(-2) + 0.5 = 0 - 2 - 1 + 0.5 = -2.5
    assert_allclose(Z, [[-0.5, -2.5]], rtol=0, atol=1e-15)
    assert cache[0] is A and cache[1] is W and cache[2] is b


def test_linear_forward_golden_two_units_broadcasts_b():
    A = np.array([[1.0, 2.0, 3.0]])
    W = np.array([[2.0], [-1.0]])
    b = np.array([[1.0], [10.0]])
    Z, _ = linear_forward(A, W, b)
    # row 1: 2 * [1, 2, 3] + 1 = [3, 5, 7]; row 2: -[1, 2, 3] + 10 = [9, 8, 7]
    assert_allclose(Z, [[3.0, 5.0, 7.0], [9.0, 8.0, 7.0]], rtol=0, atol=1e-15)


def test_linear_backward_golden():
    A = np.array([[1.0, 0.0], [2.0, 1.0], [4.0, -2.0]])
    W = np.array([[1.0, -2.0, 0.5]])
    b = np.array([[0.5]])
    dZ = np.array([[1.0, 2.0]])
    dA_prev, dW, db = linear_backward(dZ, (A, W, b))
    # m = 2. dW = dZ A^T / 2 = [1*1 + 2*0, 1*2 + 2*1, 1*4 + 2*(-2)] / 2 = [1, 4, 0] / 2
    assert_allclose(dW, [[0.5, 2.0, 0.0]], rtol=0, atol=1e-15)
    # db = (1 + 2) / 2
    assert_allclose(db, [[1.5]], rtol=0, atol=1e-15)
    # dA_prev = W^T dZ = [1, -2, 0.5]^T [1, 2]
    assert_allclose(dA_prev, [[1.0, 2.0], [-2.0, -4.0], [0.5, 1.0]], rtol=0, atol=1e-15)


def test_linear_activation_forward_golden_each_activation():
    A_prev = np.array([[1.0, -1.0]])
    W = np.array([[2.0]])
    b = np.array([[-1.0]])
    # Z = 2 * [1, -1] - 1 = [1, -3]
    A, cache = linear_activation_forward(A_prev, W, b, "relu")
    assert_allclose(A, [[1.0, 0.0]])
    assert_allclose(cache[1], [[1.0, -3.0]])
    A, _ = linear_activation_forward(A_prev, W, b, "sigmoid")
    assert_allclose(A, [[1 / (1 + np.exp(-1.0)), 1 / (1 + np.exp(3.0))]], rtol=1e-14)
    A, _ = linear_activation_forward(A_prev, W, b, "tanh")
    assert_allclose(A, [[np.tanh(1.0), np.tanh(-3.0)]], rtol=1e-14)


def _tiny_net():
    parameters = {
        "W1": np.array([[1.0, -1.0]]),
        "b1": np.array([[0.0]]),
        "W2": np.array([[2.0]]),
        "b2": np.array([[-2.0]]),
    }
    X = np.array([[2.0, 1.0], [1.0, 3.0]])
    Y = np.array([[1.0, 0.0]])
    return parameters, X, Y


def test_two_layer_forward_and_backward_golden():
    parameters, X, Y = _tiny_net()
    AL, caches = L_model_forward(X, parameters)
    # Z1 = [2 - 1, 1 - 3] = [1, -2]; A1 = relu(Z1) = [1, 0]
    # Z2 = 2 * A1 - 2 = [0, -2];    AL = [sigmoid(0), sigmoid(-2)] = [0.5, 1 / (1 + e^2)]
    s = 1.0 / (1.0 + np.exp(2.0))  # 0.11920292...
    assert_allclose(AL, [[0.5, s]], rtol=1e-14)
    assert len(caches) == 2
    assert_allclose(caches[0][1], [[1.0, -2.0]])
    assert_allclose(caches[1][1], [[0.0, -2.0]])

    grads = L_model_backward(AL, Y, caches)
    # dZ2 = AL - Y = [-0.5, s];  m = 2
    # dW2 = dZ2 A1^T / 2 = (-0.5 * 1 + s * 0) / 2 = -0.25;  db2 = (-0.5 + s) / 2
    assert_allclose(grads["dW2"], [[-0.25]], rtol=1e-12)
    assert_allclose(grads["db2"], [[(-0.5 + s) / 2]], rtol=1e-12)
    # dA1 = W2^T dZ2 = [-1, 2s]
    assert_allclose(grads["dA1"], [[-1.0, 2 * s]], rtol=1e-12)
    # dZ1 = dA1 * [Z1 > 0] = [-1, 0]
    # dW1 = dZ1 X^T / 2 = [-1*2 + 0*1, -1*1 + 0*3] / 2 = [-1, -0.5];  db1 = -1 / 2
    assert_allclose(grads["dW1"], [[-1.0, -0.5]], rtol=1e-12)
    assert_allclose(grads["db1"], [[-0.5]], rtol=1e-12)
    # dA0 = W1^T dZ1 = [1, -1]^T [-1, 0]
    assert_allclose(grads["dA0"], [[-1.0, 0.0], [1.0, 0.0]], rtol=1e-12, atol=1e-15)
    assert set(grads) == {"dA0", "dA1", "dW1", "db1", "dW2", "db2"}


def test_update_parameters_golden():
    parameters = {"W1": np.array([[1.0, 2.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[0.5, -1.0]]), "db1": np.array([[2.0]]), "dA0": np.ones((2, 3))}
    new = update_parameters(parameters, grads, 0.1)
    # W: [1 - 0.05, 2 + 0.1] = [0.95, 2.1];  b: 0.5 - 0.2 = 0.3
    assert_allclose(new["W1"], [[0.95, 2.1]], rtol=1e-15)
    assert_allclose(new["b1"], [[0.3]], rtol=1e-15)
    assert list(new) == ["W1", "b1"]
    assert_array_equal(parameters["W1"], [[1.0, 2.0]])  # unchanged
    assert new is not parameters and new["W1"] is not parameters["W1"]


# --- finite differences with a random upstream gradient -------------------------------------


@pytest.mark.parametrize(("n_prev", "n", "m"), LINEAR_SHAPES)
def test_linear_backward_matches_finite_differences(n_prev, n, m):
    rng = np.random.default_rng(n_prev * 100 + n * 10 + m)
    A, W, b = _random_layer(rng, n_prev, n, m)
    dZ = rng.standard_normal((n, m))
    dA_prev, dW, db = linear_backward(dZ, linear_forward(A, W, b)[1])

    # dA_prev is the gradient of sum(dZ * Z); dW and db carry the 1/m of the mean cost.
    num_dA = numerical_gradient(lambda a: linear_forward(a, W, b)[0], A, upstream=dZ)
    num_dW = numerical_gradient(lambda w: linear_forward(A, w, b)[0], W, upstream=dZ) / m
    num_db = numerical_gradient(lambda c: linear_forward(A, W, c)[0], b, upstream=dZ) / m
    assert_allclose(dA_prev, num_dA, rtol=1e-6, atol=1e-8)
    assert_allclose(dW, num_dW, rtol=1e-6, atol=1e-8)
    assert_allclose(db, num_db, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("activation", ACTIVATIONS)
@pytest.mark.parametrize(("n_prev", "n", "m"), LINEAR_SHAPES)
def test_linear_activation_backward_matches_finite_differences(activation, n_prev, n, m):
    rng = np.random.default_rng(1000 + n_prev * 100 + n * 10 + m)
    A, W, b = _random_layer(rng, n_prev, n, m)
    dA = rng.standard_normal((n, m))
    _, cache = linear_activation_forward(A, W, b, activation)
    if activation == "relu":
        # Centred differences straddling the kink would be wrong by design, not by bug.
        assert np.abs(cache[1]).min() > 1e-4
    dA_prev, dW, db = linear_activation_backward(dA, cache, activation)

    def out(a, w, c):
        return linear_activation_forward(a, w, c, activation)[0]

    num_dA = numerical_gradient(lambda a: out(a, W, b), A, upstream=dA)
    num_dW = numerical_gradient(lambda w: out(A, w, b), W, upstream=dA) / m
    num_db = numerical_gradient(lambda c: out(A, W, c), b, upstream=dA) / m
    assert_allclose(dA_prev, num_dA, rtol=1e-5, atol=1e-8)
    assert_allclose(dW, num_dW, rtol=1e-5, atol=1e-8)
    assert_allclose(db, num_db, rtol=1e-5, atol=1e-8)


LAYER_DIMS = [[3, 4, 1], [5, 4, 3, 1], [2, 6, 6, 6, 1], [4, 1]]


@pytest.mark.parametrize("layer_dims", LAYER_DIMS, ids=str)
def test_L_model_backward_dW_db_match_numerical_gradient_of_the_cost(layer_dims):
    parameters, X, Y = _random_net(layer_dims, m=7, seed=len(layer_dims) * 7 + layer_dims[0])
    AL, caches = L_model_forward(X, parameters)
    grads = L_model_backward(AL, Y, caches)

    def cost(p):
        return compute_cost(L_model_forward(X, p)[0], Y)

    numerical = numerical_gradient_dict(cost, parameters)
    for key in parameters:
        assert grads["d" + key].shape == parameters[key].shape
        assert relative_difference(grads["d" + key], numerical["d" + key]) < 1e-6, key
        assert_allclose(grads["d" + key], numerical["d" + key], rtol=1e-4, atol=1e-8)


@pytest.mark.parametrize("layer_dims", LAYER_DIMS, ids=str)
def test_L_model_backward_dA_match_numerical_gradient_of_the_summed_loss(layer_dims):
    parameters, X, Y = _random_net(layer_dims, m=6, seed=99 + sum(layer_dims))
    m = X.shape[1]
    n_layers = len(layer_dims) - 1
    AL, caches = L_model_forward(X, parameters)
    grads = L_model_backward(AL, Y, caches)

    def tail_cost(A, first_layer):
        """The mean cost as a function of the input A of layer `first_layer`."""
        for layer in range(first_layer, n_layers + 1):
            activation = "sigmoid" if layer == n_layers else "relu"
            A, _ = linear_activation_forward(
                A, parameters[f"W{layer}"], parameters[f"b{layer}"], activation
            )
        return compute_cost(A, Y)

    # dA{l-1} is the gradient w.r.t. the input of layer l, of the SUMMED loss m * J.
    for layer in range(1, n_layers + 1):
        A_in = caches[layer - 1][0][0]
        numerical = m * numerical_gradient(lambda a, k=layer: tail_cost(a, k), A_in)
        got = grads[f"dA{layer - 1}"]
        assert got.shape == A_in.shape
        assert_allclose(got, numerical, rtol=1e-5, atol=1e-8, err_msg=f"dA{layer - 1}")
    assert set(grads) == (
        {f"dA{l}" for l in range(n_layers)}
        | {f"dW{l}" for l in range(1, n_layers + 1)}
        | {f"db{l}" for l in range(1, n_layers + 1)}
    )


def test_L_model_backward_last_layer_dZ_is_AL_minus_Y():
    # An independent route to dZ[L] = AL - Y (sigmoid + cross-entropy): db[L] = mean(AL - Y).
    parameters, X, Y = _random_net([4, 5, 1], m=9, seed=3)
    AL, caches = L_model_forward(X, parameters)
    grads = L_model_backward(AL, Y, caches)
    assert_allclose(grads["db2"], [[np.mean(AL - Y)]], rtol=1e-10)
    A1 = caches[1][0][0]
    assert_allclose(grads["dW2"], (AL - Y) @ A1.T / 9, rtol=1e-10)


def test_L_model_backward_accepts_flat_labels():
    parameters, X, Y = _random_net([3, 2, 1], m=5, seed=8)
    AL, caches = L_model_forward(X, parameters)
    g2 = L_model_backward(AL, Y, caches)
    g1 = L_model_backward(AL, Y.ravel(), caches)
    for key in g2:
        assert_array_equal(g1[key], g2[key])
    with pytest.raises(ValueError, match="shape"):
        L_model_backward(AL, Y[:, :3], caches)


# --- structure, validation -------------------------------------------------------------------


def test_caches_have_the_classic_structure():
    parameters, X, _ = _random_net([3, 4, 2, 1], m=5, seed=0)
    AL, caches = L_model_forward(X, parameters)
    assert len(caches) == 3
    (A_prev, W, b), Z = caches[0]
    assert A_prev is X
    assert W is parameters["W1"] and b is parameters["b1"]
    assert_allclose(Z, parameters["W1"] @ X + parameters["b1"])
    # The input of layer 2 is relu(Z1); the output is sigmoid(Z3).
    assert_allclose(caches[1][0][0], np.maximum(Z, 0))
    assert_allclose(AL, 1 / (1 + np.exp(-caches[2][1])), rtol=1e-14)


@pytest.mark.parametrize("bad", ["softmax", "ReLU", "", None, "leaky_relu"])
def test_unknown_activation_raises_value_error_naming_the_allowed_ones(bad):
    A, W, b = _random_layer(np.random.default_rng(0), 2, 3, 4)
    with pytest.raises(ValueError, match="'sigmoid', 'relu', 'tanh'"):
        linear_activation_forward(A, W, b, bad)
    cache = linear_activation_forward(A, W, b, "relu")[1]
    with pytest.raises(ValueError, match="'sigmoid', 'relu', 'tanh'"):
        linear_activation_backward(np.ones((3, 4)), cache, bad)


def test_linear_forward_shape_errors_name_the_mismatch():
    A = np.ones((3, 5))
    with pytest.raises(ValueError, match=r"W has shape \(2, 4\)"):
        linear_forward(A, np.ones((2, 4)), np.ones((2, 1)))
    with pytest.raises(ValueError, match=r"b has shape \(2,\); expected \(2, 1\)"):
        linear_forward(A, np.ones((2, 3)), np.ones(2))
    with pytest.raises(ValueError, match="dZ has shape"):
        linear_backward(np.ones((5, 2)), (A, np.ones((2, 3)), np.ones((2, 1))))


def test_update_parameters_reports_missing_or_misshaped_gradients():
    parameters = {"W1": np.ones((2, 3)), "b1": np.ones((2, 1))}
    with pytest.raises(KeyError, match="db1"):
        update_parameters(parameters, {"dW1": np.ones((2, 3))}, 0.1)
    with pytest.raises(ValueError, match=r"dW1 has shape \(3, 2\)"):
        update_parameters(parameters, {"dW1": np.ones((3, 2)), "db1": np.ones((2, 1))}, 0.1)


def test_float32_inputs_are_accepted():
    parameters, X, Y = _random_net([3, 4, 1], m=6, seed=4)
    p32 = {key: value.astype(np.float32) for key, value in parameters.items()}
    AL, caches = L_model_forward(X.astype(np.float32), p32)
    grads = L_model_backward(AL, Y.astype(np.float32), caches)
    AL64, caches64 = L_model_forward(X, parameters)
    grads64 = L_model_backward(AL64, Y, caches64)
    assert AL.dtype == np.float32
    assert_allclose(AL, AL64, rtol=1e-5)
    for key in grads64:
        assert_allclose(grads[key], grads64[key], rtol=1e-3, atol=1e-5)


def test_saturated_net_gives_finite_values_without_warnings():
    parameters, X, Y = _random_net([3, 4, 1], m=8, seed=5)
    huge = {key: 1000.0 * value for key, value in parameters.items()}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        AL, caches = L_model_forward(100.0 * X, huge)
        grads = L_model_backward(AL, Y, caches)
        updated = update_parameters(huge, grads, 0.01)
    assert np.all((AL >= 0) & (AL <= 1))
    for value in [*grads.values(), *updated.values()]:
        assert np.all(np.isfinite(value))


# --- hypothesis properties -------------------------------------------------------------------


@st.composite
def nets(draw):
    layer_dims = draw(st.lists(st.integers(1, 5), min_size=1, max_size=4)) + [1]
    m = draw(st.integers(1, 6))
    seed = draw(st.integers(0, 2**16))
    return layer_dims, m, seed


@given(net=nets())
@settings(max_examples=40, deadline=None)
def test_property_shapes_and_no_mutation(net):
    layer_dims, m, seed = net
    parameters, X, Y = _random_net(layer_dims, m, seed)
    saved = copy.deepcopy((parameters, X, Y))

    AL, caches = L_model_forward(X, parameters)
    grads = L_model_backward(AL, Y, caches)
    new = update_parameters(parameters, grads, 0.05)

    n_layers = len(layer_dims) - 1
    assert AL.shape == (1, m)
    assert np.all((AL > 0) & (AL < 1))
    assert len(caches) == n_layers
    for layer in range(1, n_layers + 1):
        (A_prev, W, b), Z = caches[layer - 1]
        assert A_prev.shape == (layer_dims[layer - 1], m)
        assert Z.shape == (layer_dims[layer], m)
        assert grads[f"dA{layer - 1}"].shape == (layer_dims[layer - 1], m)
        assert grads[f"dW{layer}"].shape == W.shape
        assert grads[f"db{layer}"].shape == b.shape
        assert new[f"W{layer}"].shape == W.shape
        assert_allclose(new[f"W{layer}"], W - 0.05 * grads[f"dW{layer}"], rtol=1e-15)
    # Nothing we passed in changed: not the dict, not its arrays, not X or Y.
    assert list(parameters) == list(saved[0])
    for key in parameters:
        assert_array_equal(parameters[key], saved[0][key])
    assert_array_equal(X, saved[1])
    assert_array_equal(Y, saved[2])


@given(
    n_prev=st.integers(1, 5),
    n=st.integers(1, 5),
    m=st.integers(1, 5),
    activation=st.sampled_from(ACTIVATIONS),
    seed=st.integers(0, 2**16),
)
@settings(max_examples=40, deadline=None)
def test_property_layer_blocks_shapes_and_no_mutation(n_prev, n, m, activation, seed):
    rng = np.random.default_rng(seed)
    A, W, b = _random_layer(rng, n_prev, n, m)
    dA = rng.standard_normal((n, m))
    saved = [x.copy() for x in (A, W, b, dA)]
    out, cache = linear_activation_forward(A, W, b, activation)
    dA_prev, dW, db = linear_activation_backward(dA, cache, activation)
    assert out.shape == (n, m)
    assert (dA_prev.shape, dW.shape, db.shape) == ((n_prev, m), (n, n_prev), (n, 1))
    for before, after in zip(saved, (A, W, b, dA), strict=True):
        assert_array_equal(before, after)


@given(seed=st.integers(0, 2**16), scale=st.floats(0.1, 10.0))
@settings(max_examples=25, deadline=None)
def test_property_linear_forward_is_linear_in_A(seed, scale):
    # Z(s A1 + A2) - b = s (Z(A1) - b) + (Z(A2) - b)
    rng = np.random.default_rng(seed)
    A1, W, b = _random_layer(rng, 3, 2, 4)
    A2 = rng.standard_normal((3, 4))
    lhs = linear_forward(scale * A1 + A2, W, b)[0] - b
    rhs = scale * (linear_forward(A1, W, b)[0] - b) + (linear_forward(A2, W, b)[0] - b)
    assert_allclose(lhs, rhs, rtol=1e-10, atol=1e-10)
