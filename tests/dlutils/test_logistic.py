"""Tests for dlutils.logistic (C1W2_logistic_regression)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from dlutils import logistic
from dlutils.gradcheck import numerical_gradient

LN3 = math.log(3.0)


def _hand_worked_case():
    # w = (1, 2), b = -2; column 1 = (2, 0): z = 2 + 0 - 2 = 0 -> a = 1/2
    #                     column 2 = (ln 3, 1): z = ln 3 + 2 - 2 = ln 3 -> a = 3/4
    w = np.array([[1.0], [2.0]])
    X = np.array([[2.0, LN3], [0.0, 1.0]])
    Y = np.array([[1.0, 0.0]])
    return w, -2.0, X, Y


def _separable_set(m, rng):
    """Two clusters on either side of the line x0 + x1 = 0, at least 1 apart from it."""
    Y = (rng.random((1, m)) > 0.5).astype(float)
    X = rng.standard_normal((2, m)) * 0.5
    X += np.where(Y == 1, 2.0, -2.0)  # shift both coordinates of class 1 up, class 0 down
    margin = X.sum(axis=0) * np.where(Y[0] == 1, 1, -1)
    keep = margin > 1.0
    return X[:, keep], Y[:, keep]


def test_sigmoid_golden_values():
    # sigma(0) = 0.5, sigma(ln 3) = 3/4
    assert_allclose(logistic.sigmoid(np.array([0.0, LN3])), [0.5, 0.75], rtol=1e-15)


def test_initialize_with_zeros():
    w, b = logistic.initialize_with_zeros(3)
    assert w.shape == (3, 1) and w.dtype == np.float64
    assert_array_equal(w, 0.0)
    assert type(b) is float and b == 0.0
    with pytest.raises(ValueError):
        logistic.initialize_with_zeros(0)


# -------------------------------------------------------------------------------- propagate


def test_propagate_hand_worked_2x2():
    w, b, X, Y = _hand_worked_case()
    grads, cost = logistic.propagate(w, b, X, Y)
    # J = -(ln 1/2 + ln(1 - 3/4)) / 2 = (ln 2 + ln 4) / 2 = 3 ln 2 / 2 = 1.0397207708
    assert type(cost) is np.float64
    assert_allclose(cost, 1.5 * math.log(2), rtol=1e-14)
    # A - Y = (1/2 - 1, 3/4 - 0) = (-1/2, 3/4)
    # dw = X (A - Y)^T / 2 = ((2 * -1/2 + ln3 * 3/4) / 2, (0 * -1/2 + 1 * 3/4) / 2)
    #    = ((-1 + 0.8239592165) / 2, 0.375) = (-0.0880203917, 0.375)
    assert grads["dw"].shape == (2, 1)
    assert_allclose(grads["dw"], [[(-1 + 0.75 * LN3) / 2], [0.375]], rtol=1e-14)
    assert_allclose(grads["dw"][0, 0], -0.0880203917, rtol=1e-9)
    # db = mean(A - Y) = (-1/2 + 3/4) / 2 = 0.125
    assert type(grads["db"]) is float
    assert_allclose(grads["db"], 0.125, rtol=1e-14)


@pytest.mark.parametrize(("n_x", "m"), [(1, 1), (2, 5), (4, 3), (7, 12)])
def test_propagate_gradients_match_finite_differences(n_x, m):
    rng = np.random.default_rng(n_x * 100 + m)
    w = rng.standard_normal((n_x, 1))
    b = float(rng.standard_normal())
    X = rng.standard_normal((n_x, m)) * 2 + 0.5
    Y = (rng.random((1, m)) > 0.5).astype(float)
    upstream = rng.standard_normal()  # a random scalar weight on the (scalar) cost
    grads, _ = logistic.propagate(w, b, X, Y)

    def cost_of_w(w_):
        return upstream * logistic.propagate(w_, b, X, Y)[1]

    def cost_of_b(b_):
        return upstream * logistic.propagate(w, float(b_), X, Y)[1]

    assert_allclose(upstream * grads["dw"], numerical_gradient(cost_of_w, w), rtol=1e-6, atol=1e-10)
    numeric_db = numerical_gradient(cost_of_b, np.array(b))
    assert_allclose(upstream * grads["db"], numeric_db, rtol=1e-6, atol=1e-10)


def test_propagate_is_quiet_when_the_sigmoid_saturates():
    w = np.array([[1000.0]])
    X = np.array([[1.0, -1.0]])
    Y = np.array([[0.0, 1.0]])  # both confidently wrong
    with np.errstate(all="raise"):
        grads, cost = logistic.propagate(w, 0.0, X, Y)
    assert math.isfinite(cost) and cost > 30
    assert_allclose(grads["dw"], [[(1 * 1 + -1 * -1) / 2]])  # dZ = (1, -1) -> X dZ^T / 2 = 1


# --------------------------------------------------------------------------------- optimize


def test_optimize_one_step_from_injected_state():
    w, b, X, Y = _hand_worked_case()
    grads0, cost0 = logistic.propagate(w, b, X, Y)
    params, grads, costs = logistic.optimize(w, b, X, Y, num_iterations=1, learning_rate=0.1)
    # w1 = w0 - 0.1 dw0, b1 = b0 - 0.1 db0 = -2 - 0.0125
    assert_allclose(params["w"], w - 0.1 * grads0["dw"], rtol=1e-15)
    assert_allclose(params["b"], -2.0125, rtol=1e-15)
    assert type(params["b"]) is float
    # the returned grads are those of the last iteration: here, at the initial parameters
    assert_allclose(grads["dw"], grads0["dw"], rtol=1e-15)
    assert costs == [cost0]


@pytest.mark.parametrize("num_iterations", [1, 99, 100, 101, 250])
def test_optimize_records_one_cost_per_100_iterations(num_iterations):
    w, b, X, Y = _hand_worked_case()
    _, _, costs = logistic.optimize(w, b, X, Y, num_iterations=num_iterations)
    assert len(costs) == math.ceil(num_iterations / 100)
    assert all(type(cost) is np.float64 for cost in costs)


def test_optimize_with_zero_iterations_returns_the_start():
    w, b, X, Y = _hand_worked_case()
    params, grads, costs = logistic.optimize(w, b, X, Y, num_iterations=0)
    assert_array_equal(params["w"], w)
    assert params["b"] == b and costs == []
    assert_allclose(grads["db"], 0.125, rtol=1e-14)


def test_optimize_does_not_mutate_and_lowers_the_cost():
    rng = np.random.default_rng(4)
    X, Y = _separable_set(60, rng)
    w = rng.standard_normal((2, 1))
    copies = [w.copy(), X.copy(), Y.copy()]
    params, _, costs = logistic.optimize(w, 0.5, X, Y, num_iterations=300, learning_rate=0.1)
    for original, copy in zip([w, X, Y], copies, strict=True):
        assert_array_equal(original, copy)
    assert params["w"] is not w
    assert costs[0] > costs[1] > costs[2]


def test_optimize_prints_the_classic_line(capsys):
    w, b, X, Y = _hand_worked_case()
    logistic.optimize(w, b, X, Y, num_iterations=101, print_cost=True)
    lines = capsys.readouterr().out.splitlines()
    # cost at iteration 0 is 3 ln 2 / 2 = 1.039721 (6 decimals, as "%f" prints)
    assert lines[0] == "Cost after iteration 0: 1.039721"
    assert lines[1].startswith("Cost after iteration 100: ")
    assert len(lines) == 2


def test_optimize_progress_bar_gives_the_same_result(capsys):
    w, b, X, Y = _hand_worked_case()
    plain = logistic.optimize(w, b, X, Y, num_iterations=50)
    with_bar = logistic.optimize(w, b, X, Y, num_iterations=50, progress=True)
    assert_array_equal(plain[0]["w"], with_bar[0]["w"])
    assert plain[2] == with_bar[2]


# ---------------------------------------------------------------------------------- predict


def test_predict_thresholds_strictly_above_one_half():
    w = np.array([[1.0], [-1.0]])
    # z = x0 - x1 + b with b = 0: z = 0 (p = 0.5 -> 0), 1 (-> 1), -1 (-> 0), 3 (-> 1)
    X = np.array([[1.0, 2.0, 0.0, 3.0], [1.0, 1.0, 1.0, 0.0]])
    Y_prediction = logistic.predict(w, 0.0, X)
    assert Y_prediction.shape == (1, 4) and Y_prediction.dtype == np.float64
    assert_array_equal(Y_prediction, [[0.0, 1.0, 0.0, 1.0]])


@settings(max_examples=25, deadline=None)
@given(m=st.integers(1, 20), n_x=st.integers(1, 5), seed=st.integers(0, 2**16))
def test_predict_agrees_with_the_sign_of_the_logit(m, n_x, seed):
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((n_x, 1))
    b = float(rng.standard_normal())
    X = rng.standard_normal((n_x, m))
    X_before = X.copy()
    Y_prediction = logistic.predict(w, b, X)
    assert Y_prediction.shape == (1, m)
    assert_array_equal(Y_prediction, (w.T @ X + b > 0).astype(float))
    assert_array_equal(X, X_before)


# ------------------------------------------------------------------------------------ model


def test_model_separates_a_separable_set():
    rng = np.random.default_rng(0)
    X_train, Y_train = _separable_set(200, rng)
    X_test, Y_test = _separable_set(100, rng)
    before = [a.copy() for a in (X_train, Y_train, X_test, Y_test)]
    d = logistic.model(X_train, Y_train, X_test, Y_test, num_iterations=500, learning_rate=0.5)
    assert set(d) == {
        "costs",
        "Y_prediction_test",
        "Y_prediction_train",
        "w",
        "b",
        "learning_rate",
        "num_iterations",
    }
    assert d["learning_rate"] == 0.5 and d["num_iterations"] == 500
    assert d["w"].shape == (2, 1) and type(d["b"]) is float
    assert len(d["costs"]) == 5
    assert_allclose(d["costs"][0], math.log(2), rtol=1e-14)  # w = 0: every p = 1/2
    assert d["Y_prediction_train"].shape == Y_train.shape
    assert_array_equal(d["Y_prediction_train"], Y_train)
    assert_array_equal(d["Y_prediction_test"], Y_test)
    for original, copy in zip((X_train, Y_train, X_test, Y_test), before, strict=True):
        assert_array_equal(original, copy)


def test_model_prints_accuracies_when_asked(capsys):
    rng = np.random.default_rng(1)
    X, Y = _separable_set(40, rng)
    logistic.model(X, Y, X, Y, num_iterations=200, print_cost=True)
    out = capsys.readouterr().out
    assert "Cost after iteration 100: " in out
    assert "train accuracy: 100.0 %" in out
    assert "test accuracy: 100.0 %" in out
