"""Tests for dlutils.batchnorm: golden forward values, running averages, the test-time path,
finite-difference gradients with a random upstream gradient, invariances and purity."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from dlutils.batchnorm import batchnorm_backward, batchnorm_forward, initialize_running
from dlutils.gradcheck import numerical_gradient, relative_difference


def _setup(n, m, seed):
    """Shifted and scaled Z (so a missing mean or variance term shows), random gamma/beta."""
    rng = np.random.default_rng(seed)
    Z = 3.0 + 5.0 * rng.standard_normal((n, m)) * rng.uniform(0.5, 2.0, size=(n, 1))
    gamma = rng.uniform(0.5, 2.0, size=(n, 1)) * rng.choice([-1.0, 1.0], size=(n, 1))
    beta = rng.standard_normal((n, 1))
    running = {"mean": rng.standard_normal((n, 1)), "var": rng.uniform(0.5, 2.0, size=(n, 1))}
    return rng, Z, gamma, beta, running


# --- forward: golden values -------------------------------------------------------------------


def test_training_forward_by_hand():
    Z = np.array([[1.0, 2.0, 3.0, 6.0], [0.0, 0.0, 2.0, 2.0]])
    gamma = np.array([[2.0], [1.0]])
    beta = np.array([[1.0], [-1.0]])
    running = initialize_running(2)
    Z_tilde, cache, new_running = batchnorm_forward(Z, gamma, beta, running, training=True)
    # row 0: mu = 12/4 = 3; Z - mu = [-2, -1, 0, 3]; var = (4 + 1 + 0 + 9)/4 = 3.5
    #        Z_tilde = 2 * [-2, -1, 0, 3] / sqrt(3.5 + 1e-8) + 1
    # row 1: mu = 1; Z - mu = [-1, -1, 1, 1]; var = 1; Z_tilde = [-1, -1, 1, 1]/sqrt(1 + 1e-8) - 1
    std0 = math.sqrt(3.5 + 1e-8)
    std1 = math.sqrt(1.0 + 1e-8)
    expected = np.array(
        [
            [1 - 4 / std0, 1 - 2 / std0, 1.0, 1 + 6 / std0],
            [-1 - 1 / std1, -1 - 1 / std1, -1 + 1 / std1, -1 + 1 / std1],
        ]
    )
    assert_allclose(Z_tilde, expected, rtol=1e-12)
    # running, momentum 0.9 from mean 0 / var 1:
    # mean = 0.9*0 + 0.1*[3, 1] = [0.3, 0.1];  var = 0.9*1 + 0.1*[3.5, 1] = [1.25, 1.0]
    assert_allclose(new_running["mean"], [[0.3], [0.1]], rtol=1e-12)
    assert_allclose(new_running["var"], [[1.25], [1.0]], rtol=1e-12)
    assert cache["training"] is True


def test_running_averages_after_several_steps_by_hand():
    gamma, beta = np.ones((1, 1)), np.zeros((1, 1))
    running = initialize_running(1)
    # batches: [0, 2] (mu 1, var 1), [0, 4] (mu 2, var 4), [3, 3] (mu 3, var 0)
    for row in ([0.0, 2.0], [0.0, 4.0], [3.0, 3.0]):
        _, _, running = batchnorm_forward(
            np.array([row]), gamma, beta, running, training=True, momentum=0.9
        )
    # mean: 0 -> 0.1*1 = 0.1 -> 0.09 + 0.2 = 0.29 -> 0.261 + 0.3 = 0.561
    # var:  1 -> 0.9 + 0.1 = 1.0 -> 0.9 + 0.4 = 1.3 -> 1.17 + 0 = 1.17
    assert_allclose(running["mean"], [[0.561]], rtol=1e-12)
    assert_allclose(running["var"], [[1.17]], rtol=1e-12)


def test_momentum_argument_is_the_weight_of_the_old_value():
    running = {"mean": np.array([[10.0]]), "var": np.array([[2.0]])}
    _, _, new = batchnorm_forward(
        np.array([[1.0, 3.0]]),
        np.ones((1, 1)),
        np.zeros((1, 1)),
        running,
        training=True,
        momentum=0.5,
    )
    # mean = 0.5*10 + 0.5*2 = 6;  var = 0.5*2 + 0.5*1 = 1.5
    assert_allclose(new["mean"], [[6.0]])
    assert_allclose(new["var"], [[1.5]])


def test_initialize_running():
    running = initialize_running(3)
    assert_array_equal(running["mean"], np.zeros((3, 1)))
    assert_array_equal(running["var"], np.ones((3, 1)))
    assert initialize_running(2, dtype=np.float32)["var"].dtype == np.float32


# --- test-time path ---------------------------------------------------------------------------


def test_test_time_uses_running_statistics_not_the_batch():
    _, Z, gamma, beta, running = _setup(3, 6, seed=1)
    Z_tilde, cache, new_running = batchnorm_forward(Z, gamma, beta, running, training=False)
    expected = gamma * (Z - running["mean"]) / np.sqrt(running["var"] + 1e-8) + beta
    assert_allclose(Z_tilde, expected, rtol=1e-12)
    # each example alone gives the same output: no dependence on the rest of the batch
    for j in range(Z.shape[1]):
        alone, _, _ = batchnorm_forward(Z[:, [j]], gamma, beta, running, training=False)
        assert_allclose(alone, Z_tilde[:, [j]], rtol=1e-12)
    # running statistics unchanged, returned in a new dict of new arrays
    assert new_running is not running
    assert_array_equal(new_running["mean"], running["mean"])
    assert_array_equal(new_running["var"], running["var"])
    assert not np.shares_memory(new_running["mean"], running["mean"])
    assert cache["training"] is False


def test_backward_rejects_a_test_time_cache():
    _, Z, gamma, beta, running = _setup(2, 4, seed=2)
    Z_tilde, cache, _ = batchnorm_forward(Z, gamma, beta, running, training=False)
    with pytest.raises(ValueError, match="training"):
        batchnorm_backward(np.ones_like(Z_tilde), cache)


def test_training_is_keyword_only_and_required():
    _, Z, gamma, beta, running = _setup(2, 4, seed=3)
    with pytest.raises(TypeError):
        batchnorm_forward(Z, gamma, beta, running)
    with pytest.raises(TypeError):
        batchnorm_forward(Z, gamma, beta, running, True)


def test_shape_validation():
    _, Z, gamma, beta, running = _setup(3, 4, seed=4)
    with pytest.raises(ValueError, match="gamma"):
        batchnorm_forward(Z, gamma.ravel(), beta, running, training=True)
    with pytest.raises(ValueError, match="beta"):
        batchnorm_forward(Z, gamma, beta[:2], running, training=True)
    with pytest.raises(ValueError, match="var"):
        batchnorm_forward(
            Z, gamma, beta, {"mean": running["mean"], "var": np.ones((1, 1))}, training=False
        )


# --- backward: finite differences with a random upstream gradient -----------------------------


@pytest.mark.parametrize(("n", "m"), [(1, 3), (1, 5), (3, 4), (4, 7), (2, 16)])
def test_backward_matches_finite_differences(n, m):
    rng, Z, gamma, beta, running = _setup(n, m, seed=10 * n + m)
    upstream = rng.standard_normal((n, m))
    _, cache, _ = batchnorm_forward(Z, gamma, beta, running, training=True)
    dZ, dgamma, dbeta = batchnorm_backward(upstream, cache)
    assert dZ.shape == (n, m) and dgamma.shape == (n, 1) and dbeta.shape == (n, 1)

    def out(z=Z, g=gamma, b=beta):
        return batchnorm_forward(z, g, b, running, training=True)[0]

    num_dZ = numerical_gradient(lambda z: out(z=z), Z, upstream)
    num_dgamma = numerical_gradient(lambda g: out(g=g), gamma, upstream)
    num_dbeta = numerical_gradient(lambda b: out(b=b), beta, upstream)
    assert relative_difference(dZ, num_dZ) < 1e-7
    assert relative_difference(dgamma, num_dgamma) < 1e-7
    assert relative_difference(dbeta, num_dbeta) < 1e-7
    assert_allclose(dZ, num_dZ, rtol=1e-5, atol=1e-7)
    assert_allclose(dgamma, num_dgamma, rtol=1e-5, atol=1e-7)
    assert_allclose(dbeta, num_dbeta, rtol=1e-5, atol=1e-7)


def test_backward_gradient_through_the_statistics_matters():
    # A backward that forgets the mean/variance terms (dZ = gamma * dZ_tilde / std) is wrong;
    # the correct dZ sums to zero over the batch and is orthogonal to Z_norm in every row.
    rng, Z, gamma, beta, running = _setup(3, 8, seed=5)
    upstream = rng.standard_normal((3, 8))
    _, cache, _ = batchnorm_forward(Z, gamma, beta, running, training=True)
    dZ, _, _ = batchnorm_backward(upstream, cache)
    Z_norm = (Z - Z.mean(axis=1, keepdims=True)) / Z.std(axis=1, keepdims=True)
    assert_allclose(dZ.sum(axis=1), 0.0, atol=1e-10)
    assert_allclose((dZ * Z_norm).sum(axis=1), 0.0, atol=1e-7)  # exact up to eps/var
    naive = gamma * upstream / Z.std(axis=1, keepdims=True)
    assert relative_difference(dZ, naive) > 0.05


# --- properties (hypothesis) ------------------------------------------------------------------


@settings(max_examples=30, deadline=None)
@given(n=st.integers(1, 4), m=st.integers(2, 12), seed=st.integers(0, 2**16))
def test_training_output_is_normalised_and_inputs_untouched(n, m, seed):
    rng, Z, gamma, beta, running = _setup(n, m, seed)
    snapshot = [a.copy() for a in (Z, gamma, beta, running["mean"], running["var"])]
    ones, zeros = np.ones((n, 1)), np.zeros((n, 1))
    Z_norm, _, _ = batchnorm_forward(Z, ones, zeros, running, training=True)
    assert_allclose(Z_norm.mean(axis=1), 0.0, atol=1e-10)
    var = Z.var(axis=1)
    assert_allclose(Z_norm.var(axis=1), var / (var + 1e-8), rtol=1e-9)  # ~1 unless var ~ eps
    # shift and positive scale of each unit's inputs do not change the training output
    # (exactly so with eps = 0; eps > 0 breaks the invariance slightly for tiny variances)
    a = rng.uniform(0.5, 3.0, size=(n, 1))
    c = rng.standard_normal((n, 1)) * 10
    exact, _, _ = batchnorm_forward(Z, gamma, beta, running, training=True, eps=0.0)
    moved, _, _ = batchnorm_forward(a * Z + c, gamma, beta, running, training=True, eps=0.0)
    assert_allclose(moved, exact, rtol=1e-7, atol=1e-9)
    Z_tilde, cache, new_running = batchnorm_forward(Z, gamma, beta, running, training=True)
    dZ, dgamma, dbeta = batchnorm_backward(rng.standard_normal((n, m)), cache)
    for before, after in zip(
        snapshot, (Z, gamma, beta, running["mean"], running["var"]), strict=True
    ):
        assert_array_equal(before, after)
    assert not np.shares_memory(new_running["mean"], running["mean"])


@pytest.mark.parametrize("training", [True, False])
def test_float32_stays_float32(training):
    _, Z, gamma, beta, running = _setup(3, 5, seed=6)
    f32 = [a.astype(np.float32) for a in (Z, gamma, beta)]
    running32 = {k: v.astype(np.float32) for k, v in running.items()}
    Z_tilde, cache, new_running = batchnorm_forward(*f32, running32, training=training)
    assert Z_tilde.dtype == np.float32
    assert all(v.dtype == np.float32 for v in new_running.values())
    if training:
        grads = batchnorm_backward(np.ones_like(Z_tilde), cache)
        assert all(g.dtype == np.float32 for g in grads)
