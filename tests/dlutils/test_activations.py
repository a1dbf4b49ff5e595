"""Tests for dlutils.activations: golden values, finite differences, cross-checks, properties."""

import contextlib
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose, assert_array_equal

from dlutils import activations as act
from dlutils.gradcheck import numerical_gradient

ELEMENTWISE = {
    "sigmoid": (act.sigmoid, act.sigmoid_backward),
    "relu": (act.relu, act.relu_backward),
    "tanh": (act.tanh, act.tanh_backward),
    "leaky_relu": (act.leaky_relu, act.leaky_relu_backward),
}
ALL_PAIRS = {**ELEMENTWISE, "softmax": (act.softmax, act.softmax_backward)}
FORWARDS = [pair[0] for pair in ALL_PAIRS.values()]

PROPERTY_SETTINGS = settings(max_examples=40, deadline=None)


@contextlib.contextmanager
def _strict():
    """Any warning, or any numpy floating-point event (even underflow), fails the test."""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        yield


# --------------------------------------------------------------------------- golden values


def test_sigmoid_golden_values():
    # sigma(0) = 1/(1+1) = 0.5; sigma(ln 3) = 1/(1+1/3) = 0.75; sigma(-ln 3) = 1/(1+3) = 0.25
    Z = np.array([[0.0, math.log(3.0), -math.log(3.0)]])
    assert_allclose(act.sigmoid(Z), [[0.5, 0.75, 0.25]], rtol=1e-15)


def test_sigmoid_backward_golden_value():
    # dZ = dA * s * (1 - s) = 2 * 0.75 * 0.25 = 0.375 at z = ln 3
    assert_allclose(act.sigmoid_backward(np.array([[2.0]]), np.array([[math.log(3.0)]])), 0.375)


def test_tanh_golden_values():
    # tanh(ln 2) = (2 - 1/2) / (2 + 1/2) = 1.5 / 2.5 = 0.6;  tanh'(ln 2) = 1 - 0.36 = 0.64
    Z = np.array([[math.log(2.0)]])
    assert_allclose(act.tanh(Z), [[0.6]], rtol=1e-15)
    assert_allclose(act.tanh_backward(np.array([[-3.0]]), Z), [[-3.0 * 0.64]], rtol=1e-14)


def test_relu_and_its_backward_golden_values():
    Z = np.array([[-2.0, 0.0, 3.0]])
    assert_array_equal(act.relu(Z), [[0.0, 0.0, 3.0]])
    # relu'(z) = 1[z > 0], so relu'(0) = 0 by convention
    assert_array_equal(act.relu_backward(np.array([[5.0, 7.0, 11.0]]), Z), [[0.0, 0.0, 11.0]])


def test_leaky_relu_and_its_backward_golden_values():
    Z = np.array([[-2.0, 0.0, 3.0]])
    # alpha = 0.1: -2 -> -0.2, 0 -> 0, 3 -> 3
    assert_allclose(act.leaky_relu(Z, alpha=0.1), [[-0.2, 0.0, 3.0]], rtol=1e-15)
    # default alpha = 0.01: -2 -> -0.02
    assert_allclose(act.leaky_relu(Z), [[-0.02, 0.0, 3.0]], rtol=1e-15)
    # slope alpha for z <= 0 (including 0, matching relu'(0) = 0), 1 for z > 0
    dZ = act.leaky_relu_backward(np.array([[5.0, 7.0, 11.0]]), Z, alpha=0.1)
    assert_allclose(dZ, [[0.5, 0.7, 11.0]], rtol=1e-15)


def test_softmax_golden_values():
    # column 0: exp(0), exp(ln 3) = 1, 3 -> 1/4, 3/4;  column 1: equal scores -> 1/2, 1/2
    Z = np.array([[0.0, 7.0], [math.log(3.0), 7.0]])
    assert_allclose(act.softmax(Z), [[0.25, 0.5], [0.75, 0.5]], rtol=1e-15)


def test_softmax_backward_golden_value():
    # s = (1/4, 3/4), dA = (1, 0): s^T dA = 1/4; dZ = s * (dA - 1/4) = (1/4 * 3/4, 3/4 * -1/4)
    Z = np.array([[0.0], [math.log(3.0)]])
    dZ = act.softmax_backward(np.array([[1.0], [0.0]]), Z)
    assert_allclose(dZ, [[3 / 16], [-3 / 16]], rtol=1e-14)


# ------------------------------------------------------------------ finite-difference checks


def _points(shape, scale, shift, rng):
    """Shifted and scaled test points kept 1e-3 away from 0 (the kink of relu/leaky relu)."""
    Z = rng.standard_normal(shape) * scale + shift
    Z[np.abs(Z) < 1e-3] = 0.5
    return Z


SHAPES = [(1, 1), (3, 5), (4, 2), (1, 7)]
SCALES = [(1.0, 0.0), (3.0, 1.5), (8.0, -4.0)]  # the last one reaches |z| ~ 20-30


@pytest.mark.parametrize("name", sorted(ALL_PAIRS))
@pytest.mark.parametrize("shape", SHAPES)
@pytest.mark.parametrize(("scale", "shift"), SCALES)
def test_backward_matches_finite_differences(name, shape, scale, shift):
    forward, backward = ALL_PAIRS[name]
    rng = np.random.default_rng([sorted(ALL_PAIRS).index(name), *shape, int(scale)])
    Z = _points(shape, scale, shift, rng)
    upstream = rng.standard_normal(shape)  # random, so a wrong backward cannot pass by luck
    numeric = numerical_gradient(forward, Z, upstream=upstream)
    analytic = backward(upstream, Z)
    assert analytic.shape == Z.shape
    assert_allclose(analytic, numeric, rtol=1e-6, atol=1e-8)


@pytest.mark.parametrize("alpha", [0.01, 0.2, 1.5])
def test_leaky_relu_backward_uses_alpha(alpha):
    rng = np.random.default_rng(7)
    Z = _points((3, 4), 2.0, 0.0, rng)
    upstream = rng.standard_normal((3, 4))
    numeric = numerical_gradient(lambda z: act.leaky_relu(z, alpha=alpha), Z, upstream=upstream)
    assert_allclose(act.leaky_relu_backward(upstream, Z, alpha=alpha), numeric, rtol=1e-6)


def test_softmax_backward_matches_explicit_jacobian():
    rng = np.random.default_rng(3)
    Z = rng.standard_normal((4, 6)) * 2 + 1
    dA = rng.standard_normal((4, 6))
    dZ = act.softmax_backward(dA, Z)
    for i in range(Z.shape[1]):
        s = np.exp(Z[:, i]) / np.exp(Z[:, i]).sum()
        jacobian = np.diag(s) - np.outer(s, s)  # J[k, j] = d s_k / d z_j, symmetric
        assert_allclose(dZ[:, i], jacobian.T @ dA[:, i], rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize("name", sorted(ALL_PAIRS))
def test_backward_rejects_mismatched_shapes(name):
    _, backward = ALL_PAIRS[name]
    with pytest.raises(ValueError, match="shape"):
        backward(np.ones((1, 3)), np.ones((2, 3)))


# ------------------------------------------------------------------------------ cross-checks


def test_sigmoid_matches_naive_formula_on_moderate_inputs():
    Z = np.linspace(-30, 30, 121).reshape(11, 11)
    assert_allclose(act.sigmoid(Z), 1 / (1 + np.exp(-Z)), rtol=1e-14)


def test_sigmoid_keeps_relative_precision_for_very_negative_inputs():
    # sigma(-40) = e^-40 / (1 + e^-40) ~ 4.25e-18; a "1 - sigma(40)" shortcut would give 0
    for z in (-40.0, -300.0, -700.0):
        expected = math.exp(z) / (1 + math.exp(z))
        assert_allclose(act.sigmoid(np.array([z])), [expected], rtol=1e-13)


def test_sigmoid_equals_half_tanh_identity():
    # sigma(z) = (1 + tanh(z/2)) / 2: an independent formula
    Z = np.random.default_rng(0).standard_normal((3, 8)) * 4
    # (1 + tanh) cancels for negative z, so compare with an absolute tolerance too
    assert_allclose(act.sigmoid(Z), (1 + np.tanh(Z / 2)) / 2, rtol=1e-13, atol=1e-15)


def test_two_class_softmax_is_sigmoid_of_the_difference():
    rng = np.random.default_rng(1)
    Z = rng.standard_normal((2, 9)) * 5
    assert_allclose(act.softmax(Z)[0], act.sigmoid(Z[0] - Z[1]), rtol=1e-13)


def test_extreme_values_are_exact_limits():
    with _strict():
        assert_array_equal(act.sigmoid(np.array([-1000.0, 1000.0])), [0.0, 1.0])
        assert_array_equal(act.tanh(np.array([-1000.0, 1000.0])), [-1.0, 1.0])
        assert_allclose(act.softmax(np.array([[1000.0], [0.0], [-1000.0]])), [[1], [0], [0]])
        assert_array_equal(act.sigmoid_backward(np.ones(2), np.array([-1000.0, 1000.0])), 0)
        assert_array_equal(act.tanh_backward(np.ones(2), np.array([-1000.0, 1000.0])), 0)
        S = act.softmax_backward(np.ones((2, 1)), np.array([[1000.0], [-1000.0]]))
        assert np.all(np.isfinite(S))


@pytest.mark.parametrize("forward", FORWARDS)
def test_integer_inputs_become_float64(forward):
    out = forward(np.array([[1, -2], [0, 3]]))
    assert out.dtype == np.float64


@pytest.mark.parametrize("name", sorted(ALL_PAIRS))
def test_float32_stays_float32_and_is_warning_free_at_1000(name):
    forward, backward = ALL_PAIRS[name]
    Z = np.array([[-1000.0, 0.5], [1000.0, -3.0]], dtype=np.float32)
    with _strict():
        A = forward(Z)
        dZ = backward(np.ones_like(Z), Z)
    assert A.dtype == np.float32 and dZ.dtype == np.float32
    assert np.all(np.isfinite(A)) and np.all(np.isfinite(dZ))


# ------------------------------------------------------------------------ property tests

float_matrices = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=6),
    elements=st.floats(-1000, 1000, allow_nan=False, allow_infinity=False),
)


@PROPERTY_SETTINGS
@given(Z=float_matrices, data=st.data())
def test_every_function_is_finite_warning_free_and_pure(Z, data):
    dA = data.draw(hnp.arrays(np.float64, Z.shape, elements=st.floats(-10, 10)))
    Z_before, dA_before = Z.copy(), dA.copy()
    for name, (forward, backward) in ALL_PAIRS.items():
        with _strict():
            A = forward(Z)
            dZ = backward(dA, Z)
        assert A.shape == Z.shape and dZ.shape == Z.shape, name
        assert np.all(np.isfinite(A)) and np.all(np.isfinite(dZ)), name
    assert_array_equal(Z, Z_before)
    assert_array_equal(dA, dA_before)


@PROPERTY_SETTINGS
@given(Z=float_matrices)
def test_softmax_columns_are_distributions_and_shift_invariant(Z):
    Z_shifted = Z - Z.mean(axis=0, keepdims=True) + 3.0
    with _strict():
        A = act.softmax(Z)
        shifted = act.softmax(Z_shifted)
    assert np.all(A >= 0) and np.all(A <= 1)
    assert_allclose(A.sum(axis=0), 1.0, rtol=1e-12)
    assert_allclose(shifted, A, rtol=1e-9, atol=1e-12)


@PROPERTY_SETTINGS
@given(Z=float_matrices)
def test_softmax_backward_is_orthogonal_to_constant_shifts(Z):
    # softmax(z + c 1) = softmax(z), so every column of dZ sums to 0 for any upstream dA
    dA = np.random.default_rng(0).standard_normal(Z.shape)
    dZ = act.softmax_backward(dA, Z)
    assert_allclose(dZ.sum(axis=0), 0.0, atol=1e-12 * (1 + np.abs(dA).max()))


@PROPERTY_SETTINGS
@given(Z=float_matrices)
def test_elementwise_symmetries(Z):
    with _strict():
        assert_allclose(act.sigmoid(Z) + act.sigmoid(-Z), 1.0, rtol=1e-15)
        assert_array_equal(act.tanh(-Z), -act.tanh(Z))
        assert_allclose(act.relu(Z) - act.relu(-Z), Z, rtol=0, atol=0)
        s = act.sigmoid(Z)
        assert np.all((s >= 0) & (s <= 1))


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
def test_relu_backward_is_exactly_the_masked_upstream(dtype):
    # relu_backward multiplies by the 0/1 mask for speed; it must still equal
    # np.where(Z > 0, dA, 0): positive zeros where Z <= 0 (even for negative dA, where
    # dA * 0 = -0.0), dA passed through where Z > 0, dtype kept, no warnings.
    rng = np.random.default_rng(11)
    Z = rng.standard_normal((6, 50)).astype(dtype)
    Z[0, :3] = 0.0  # relu'(0) = 0
    dA = rng.standard_normal((6, 50)).astype(dtype)
    with _strict():
        dZ = act.relu_backward(dA, Z)
    assert dZ.dtype == dtype
    assert_array_equal(dZ, np.where(Z > 0, dA, 0))
    assert not np.signbit(dZ[Z <= 0]).any()


def test_relu_backward_keeps_inf_and_nan_upstream_out_of_the_zeroed_entries():
    # inf * 0 would be nan: where Z <= 0 the result is 0 whatever dA holds, with no warning
    Z = np.array([[-1.0, -1.0, 0.0, 2.0, 3.0]])
    dA = np.array([[np.inf, np.nan, -np.inf, np.inf, 4.0]])
    with _strict():
        dZ = act.relu_backward(dA, Z)
    assert_array_equal(dZ, [[0.0, 0.0, 0.0, np.inf, 4.0]])
    assert isinstance(act.relu_backward(np.array(-2.0), np.array(1.0)), np.ndarray)


@pytest.mark.parametrize("backward", [act.sigmoid_backward, act.relu_backward, act.tanh_backward])
def test_a_backward_pass_documents_its_arguments_result_and_equation(backward):
    sections = [line.strip() for line in backward.__doc__.splitlines()]
    for title in ("Parameters", "Returns", "Notes"):
        assert title in sections and sections[sections.index(title) + 1] == "-" * len(title)
    assert sections.index("Parameters") < sections.index("Returns") < sections.index("Notes")
    assert "dA, Z : array_like, same shape" in sections
