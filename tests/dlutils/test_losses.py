"""Tests for dlutils.losses: golden values, stability at 0 and 1, finite differences, purity."""

import contextlib
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose, assert_array_equal

from dlutils import activations, losses
from dlutils.gradcheck import numerical_gradient

EPS64 = np.finfo(np.float64).eps


@contextlib.contextmanager
def _strict():
    """Any warning, or any numpy floating-point event, fails the test."""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        yield


def _textbook_cost(AL, Y):
    m = Y.shape[1]
    return -(1 / m) * np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL))


# ------------------------------------------------------------------------------ compute_cost


def test_compute_cost_golden_value():
    # J = -(ln 0.8 + ln 0.9 + ln(1 - 0.4)) / 3
    #   = (0.2231435513 + 0.1053605157 + 0.5108256238) / 3 = 0.8393296908 / 3 = 0.2797765636
    AL = np.array([[0.8, 0.9, 0.4]])
    Y = np.array([[1, 1, 0]])
    cost = losses.compute_cost(AL, Y)
    assert type(cost) is np.float64
    assert_allclose(cost, -(math.log(0.8) + math.log(0.9) + math.log(0.6)) / 3, rtol=1e-14)
    assert_allclose(cost, 0.2797765636, rtol=1e-9)


def test_compute_cost_of_a_coin_flip_is_ln2():
    # a = 0.5 everywhere: every example costs -ln 0.5 = ln 2
    assert_allclose(
        losses.compute_cost(np.full((1, 4), 0.5), np.array([[0, 1, 1, 0]])), math.log(2)
    )


def test_compute_cost_equals_textbook_formula_on_ordinary_inputs():
    rng = np.random.default_rng(0)
    AL = rng.uniform(0.01, 0.99, size=(1, 50))
    Y = (rng.random((1, 50)) > 0.5).astype(float)
    assert_allclose(losses.compute_cost(AL, Y), _textbook_cost(AL, Y), rtol=1e-13)


def test_compute_cost_is_finite_and_quiet_at_exact_zero_and_one():
    with _strict():
        confident_right = losses.compute_cost(np.array([[1.0, 0.0]]), np.array([[1, 0]]))
        confident_wrong = losses.compute_cost(np.array([[0.0]]), np.array([[1]]))
    # clipped to [eps, 1 - eps]: right answers cost about eps, a wrong one -ln(eps) = 36.04
    assert 0 <= confident_right < 1e-15
    assert_allclose(confident_wrong, -math.log(EPS64), rtol=1e-12)


def test_compute_cost_accepts_float32():
    AL = np.array([[0.8, 0.0, 1.0]], dtype=np.float32)
    with _strict():
        cost = losses.compute_cost(AL, np.array([[1, 1, 1]], dtype=np.float32))
    assert type(cost) is np.float64 and math.isfinite(cost)
    # float32 clip: -(ln 0.8 + ln eps32 + ln(1 - eps32)) / 3
    eps32 = float(np.finfo(np.float32).eps)
    assert_allclose(cost, -(math.log(0.8) + math.log(eps32) + math.log1p(-eps32)) / 3, rtol=1e-6)


@pytest.mark.parametrize(
    "function",
    [losses.compute_cost, losses.binary_cross_entropy_backward, losses.compute_softmax_cost],
)
def test_shape_mismatch_is_an_error_not_a_broadcast(function):
    with pytest.raises(ValueError, match="shape"):
        function(np.full((1, 3), 0.5), np.ones(3))
    with pytest.raises(ValueError, match="2-D"):
        function(np.full(3, 0.5), np.ones(3))


# --------------------------------------------------------------- binary_cross_entropy_backward


def test_binary_cross_entropy_backward_golden_values():
    # y = 1: -1/a = -1/0.8 = -1.25;  y = 0: 1/(1 - a) = 1/0.6 = 1.6666...
    dAL = losses.binary_cross_entropy_backward(np.array([[0.8, 0.4]]), np.array([[1, 0]]))
    assert_allclose(dAL, [[-1.25, 1 / 0.6]], rtol=1e-15)


def test_binary_cross_entropy_backward_equals_textbook_formula():
    rng = np.random.default_rng(1)
    AL = rng.uniform(0.01, 0.99, size=(1, 20))
    Y = (rng.random((1, 20)) > 0.5).astype(float)
    assert_allclose(
        losses.binary_cross_entropy_backward(AL, Y),
        -(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL)),
        rtol=1e-15,
    )


@pytest.mark.parametrize("m", [1, 4, 13])
def test_binary_cross_entropy_backward_is_the_gradient_of_m_times_the_cost(m):
    rng = np.random.default_rng(m)
    AL = rng.uniform(0.05, 0.95, size=(1, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    upstream = rng.standard_normal()  # a random scalar upstream for the scalar cost
    numeric = numerical_gradient(lambda a: upstream * m * losses.compute_cost(a, Y), AL)
    assert_allclose(upstream * losses.binary_cross_entropy_backward(AL, Y), numeric, rtol=1e-6)


@pytest.mark.parametrize("m", [2, 9])
def test_binary_cross_entropy_backward_per_example_with_random_upstream(m):
    # the per-example losses l_i = compute_cost(column i), weighted by a random upstream vector
    rng = np.random.default_rng(10 + m)
    AL = rng.uniform(0.05, 0.95, size=(1, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)

    def per_example(a):
        return np.array([[losses.compute_cost(a[:, [i]], Y[:, [i]]) for i in range(m)]])

    upstream = rng.standard_normal((1, m))
    numeric = numerical_gradient(per_example, AL, upstream=upstream)
    analytic = upstream * losses.binary_cross_entropy_backward(AL, Y)
    assert_allclose(analytic, numeric, rtol=1e-6)


def test_sigmoid_then_cross_entropy_gives_a_minus_y():
    # the classic simplification: dZ = sigmoid_backward(dAL, Z) = A - Y
    rng = np.random.default_rng(2)
    Z = rng.standard_normal((1, 8)) * 3
    Y = (rng.random((1, 8)) > 0.5).astype(float)
    A = activations.sigmoid(Z)
    dZ = activations.sigmoid_backward(losses.binary_cross_entropy_backward(A, Y), Z)
    assert_allclose(dZ, A - Y, rtol=1e-12, atol=1e-15)


def test_binary_cross_entropy_backward_is_finite_at_exact_zero_and_one():
    with _strict():
        dAL = losses.binary_cross_entropy_backward(
            np.array([[0.0, 1.0, 0.0, 1.0]]), np.array([[1, 0, 0, 1]])
        )
    assert np.all(np.isfinite(dAL))
    # y = 1, a = 0 -> -1/tiny;  y = 0, a = 1 -> 1/(1 - (1 - epsneg));  correct ones -> -/+ 1
    tiny, epsneg = np.finfo(np.float64).tiny, np.finfo(np.float64).epsneg
    assert_allclose(dAL, [[-1 / tiny, 1 / (1 - (1 - epsneg)), 1.0, -1.0]], rtol=1e-12)


def test_saturated_wrong_predictions_still_give_a_minus_y():
    # sigmoid(-46) is about 1e-20: clipping it to eps before dividing would give dZ ~ -4.5e-5.
    # (The mirror case, sigmoid(46), rounds to exactly 1.0 in float64, so the classic dAL route
    # cannot recover it; dlutils.models trains from dZ = AL - Y directly for that reason.)
    Z = np.array([[-46.0, -30.0, -700.0]])
    Y = np.array([[1.0, 1.0, 1.0]])
    A = activations.sigmoid(Z)
    with _strict():
        dZ = activations.sigmoid_backward(losses.binary_cross_entropy_backward(A, Y), Z)
    assert_allclose(dZ, A - Y, rtol=1e-9)


# ----------------------------------------------------------------------- compute_softmax_cost


def test_compute_softmax_cost_golden_value():
    # example 1: true class 0, p = 0.7; example 2: true class 2, p = 0.6
    # J = -(ln 0.7 + ln 0.6) / 2 = (0.3566749439 + 0.5108256238) / 2 = 0.4337502838
    AL = np.array([[0.7, 0.1], [0.2, 0.3], [0.1, 0.6]])
    Y = np.array([[1, 0], [0, 0], [0, 1]])
    cost = losses.compute_softmax_cost(AL, Y)
    assert type(cost) is np.float64
    assert_allclose(cost, 0.4337502838, rtol=1e-9)


def test_compute_softmax_cost_perfect_prediction_is_exactly_zero():
    Y = np.eye(3)
    assert losses.compute_softmax_cost(Y, Y) == 0.0


def test_compute_softmax_cost_is_finite_when_true_class_has_zero_probability():
    with _strict():
        cost = losses.compute_softmax_cost(np.array([[0.0], [1.0]]), np.array([[1], [0]]))
    assert_allclose(cost, -math.log(EPS64), rtol=1e-12)


def test_two_class_softmax_cost_equals_binary_cost():
    rng = np.random.default_rng(3)
    a = rng.uniform(0.01, 0.99, size=(1, 10))
    y = (rng.random((1, 10)) > 0.5).astype(float)
    two_class = losses.compute_softmax_cost(np.vstack([a, 1 - a]), np.vstack([y, 1 - y]))
    assert_allclose(two_class, losses.compute_cost(a, y), rtol=1e-13)


@pytest.mark.parametrize(("C", "m"), [(2, 3), (4, 5), (6, 1)])
def test_softmax_cost_gradient_through_softmax_is_a_minus_y(C, m):
    # d(m J)/dZ for J = softmax_cost(softmax(Z), Y) is softmax(Z) - Y; check the chain too
    rng = np.random.default_rng(C * 10 + m)
    Z = rng.standard_normal((C, m)) * 2
    Y = np.eye(C)[:, rng.integers(0, C, size=m)]
    numeric = numerical_gradient(
        lambda z: m * losses.compute_softmax_cost(activations.softmax(z), Y), Z
    )
    assert_allclose(activations.softmax(Z) - Y, numeric, rtol=1e-6, atol=1e-9)
    dAL = -Y / activations.softmax(Z)  # gradient of m J with respect to AL
    assert_allclose(activations.softmax_backward(dAL, Z), numeric, rtol=1e-6, atol=1e-9)


# ------------------------------------------------------------------------------ properties

probabilities = st.floats(0.0, 1.0, allow_nan=False)


@settings(max_examples=40, deadline=None)
@given(
    AL=hnp.arrays(np.float64, st.tuples(st.just(1), st.integers(1, 8)), elements=probabilities),
    data=st.data(),
)
def test_binary_losses_are_finite_quiet_non_negative_and_pure(AL, data):
    Y = data.draw(hnp.arrays(np.float64, AL.shape, elements=st.sampled_from([0.0, 1.0])))
    AL_before, Y_before = AL.copy(), Y.copy()
    with _strict():
        cost = losses.compute_cost(AL, Y)
        dAL = losses.binary_cross_entropy_backward(AL, Y)
    assert type(cost) is np.float64 and 0.0 <= cost < 37.0  # at most -ln(eps) = 36.04 per example
    assert dAL.shape == AL.shape and np.all(np.isfinite(dAL))
    # a label of 1 pushes the prediction up (negative gradient), a label of 0 pushes it down
    assert np.all(dAL[Y == 1] < 0) and np.all(dAL[Y == 0] > 0)
    assert_array_equal(AL, AL_before)
    assert_array_equal(Y, Y_before)


@settings(max_examples=40, deadline=None)
@given(
    Z=hnp.arrays(
        np.float64,
        st.tuples(st.integers(2, 5), st.integers(1, 6)),
        elements=st.floats(-1000, 1000, allow_nan=False),
    ),
    data=st.data(),
)
def test_softmax_cost_is_finite_quiet_non_negative_and_pure(Z, data):
    C, m = Z.shape
    labels = data.draw(hnp.arrays(np.int64, (m,), elements=st.integers(0, C - 1)))
    Y = np.eye(C)[:, labels]
    AL = activations.softmax(Z)
    AL_before = AL.copy()
    with _strict():
        cost = losses.compute_softmax_cost(AL, Y)
    assert type(cost) is np.float64 and 0.0 <= cost < 37.0
    assert_array_equal(AL, AL_before)
