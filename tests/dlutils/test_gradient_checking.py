"""Tests for dlutils.gradient_checking: the 1-D check and the check of the 3-layer net."""

from __future__ import annotations

import copy

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

import dlutils.gradient_checking as gc
from dlutils import regularization
from dlutils.gradcheck import numerical_gradient_dict
from dlutils.gradient_checking import (
    backward_propagation,
    backward_propagation_n,
    forward_propagation,
    forward_propagation_n,
    gradient_check,
    gradient_check_n,
)
from dlutils.initialization import initialize_parameters_he
from dlutils.losses import compute_cost

SHAPES = [(4, 5, 3, 3), (2, 20, 3, 8), (3, 2, 2, 1), (5, 4, 4, 12)]  # (n_x, n1, n2, m)
PASS = "Your backward propagation works perfectly fine! difference = "
FAIL = "There is a mistake in the backward propagation! difference = "


def _problem(n_x, n1, n2, m, seed=0):
    """A random 3-layer net with nonzero biases (no pre-activation on relu's kink) and a
    moderate output layer (a saturated sigmoid makes the cost too imprecise to difference)."""
    rng = np.random.default_rng(seed)
    parameters = initialize_parameters_he([n_x, n1, n2, 1], rng=rng)
    for layer, n in ((1, n1), (2, n2), (3, 1)):
        parameters[f"b{layer}"] = 0.3 * rng.standard_normal((n, 1))
    parameters["W3"] = 0.25 * parameters["W3"]
    X = rng.standard_normal((n_x, m)) + 0.2
    Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    return parameters, X, Y


# ---------------------------------------------------------------- the 1-D model


def test_one_dimensional_forward_and_backward_golden():
    # J = theta * x = 4 * 2 = 8; dJ/dtheta = x = 2.
    J = forward_propagation(2, 4)
    assert isinstance(J, float) and J == 8.0
    dtheta = backward_propagation(2, 4)
    assert isinstance(dtheta, float) and dtheta == 2.0
    assert forward_propagation(-1.5, 3.0) == -4.5


def test_gradient_check_2_4_is_tiny(capsys):
    # gradapprox = ((4 + 1e-7) * 2 - (4 - 1e-7) * 2) / 2e-7 = 2 up to rounding (~1e-9 at most),
    # grad = 2, so the relative difference is rounding only: far below 2e-7.
    difference = gradient_check(2, 4)
    assert isinstance(difference, float)
    assert difference < 1e-8
    assert capsys.readouterr().out == ""  # print_msg defaults to False
    gradient_check(2, 4, print_msg=True)
    assert capsys.readouterr().out.startswith(PASS)


@settings(max_examples=40, deadline=None)
@given(x=st.floats(-10, 10), theta=st.floats(-100, 100))
def test_gradient_check_passes_for_any_point(x, theta):
    assert gradient_check(x, theta) < 2e-7


def test_gradient_check_catches_a_wrong_derivative(monkeypatch, capsys):
    monkeypatch.setattr(gc, "backward_propagation", lambda x, theta: 2 * x)
    difference = gradient_check(3, 4, print_msg=True)
    # grad = 6, gradapprox = 3: |6 - 3| / (6 + 3) = 1/3.
    assert difference == pytest.approx(1 / 3, rel=1e-6)
    out = capsys.readouterr().out
    assert out.startswith(FAIL)
    assert float(out.strip().split("= ")[1]) == difference


# ---------------------------------------------------------------- the 3-layer net


@pytest.mark.parametrize("shape", SHAPES)
def test_forward_propagation_n(shape):
    parameters, X, Y = _problem(*shape, seed=1)
    cost, cache = forward_propagation_n(X, Y, parameters)
    assert isinstance(cost, float)
    A3, reference_cache = regularization.forward_propagation(X, parameters)
    assert cost == pytest.approx(compute_cost(A3, Y), rel=1e-12)
    assert len(cache) == 12
    for got, expected in zip(cache, reference_cache, strict=True):
        assert_array_equal(got, expected)


def test_forward_propagation_n_golden():
    # x = (1, -1): Z1 = (1, -1), A1 = (1, 0); Z2 = 2 - 1 = 1, A2 = 1; Z3 = 0.5 - 0.5 = 0,
    # A3 = 0.5. With y = 1 the cost is -log(0.5) = 0.6931472.
    parameters = {
        "W1": np.eye(2), "b1": np.zeros((2, 1)),
        "W2": np.array([[2.0, 3.0]]), "b2": np.array([[-1.0]]),
        "W3": np.array([[0.5]]), "b3": np.array([[-0.5]]),
    }  # fmt: skip
    cost, _ = forward_propagation_n(np.array([[1.0], [-1.0]]), np.array([[1.0]]), parameters)
    assert cost == pytest.approx(0.6931472, abs=1e-7)


@pytest.mark.parametrize("shape", SHAPES)
def test_backward_propagation_n_matches_finite_differences(shape):
    parameters, X, Y = _problem(*shape, seed=2)
    _, cache = forward_propagation_n(X, Y, parameters)
    grads = backward_propagation_n(X, Y, cache)
    assert set(grads) == {
        "dZ3", "dW3", "db3", "dA2", "dZ2", "dW2", "db2", "dA1", "dZ1", "dW1", "db1",
    }  # fmt: skip
    numerical = numerical_gradient_dict(lambda p: forward_propagation_n(X, Y, p)[0], parameters)
    for name in ("W1", "b1", "W2", "b2", "W3", "b3"):
        assert_allclose(grads["d" + name], numerical["d" + name], rtol=1e-5, atol=1e-8)


@pytest.mark.parametrize("shape", SHAPES)
def test_gradient_check_n_passes_on_the_correct_backward(shape, capsys):
    parameters, X, Y = _problem(*shape, seed=3)
    _, cache = forward_propagation_n(X, Y, parameters)
    gradients = backward_propagation_n(X, Y, cache)
    difference = gradient_check_n(parameters, gradients, X, Y, print_msg=True)
    assert isinstance(difference, float)
    assert difference < 2e-7
    out = capsys.readouterr().out
    assert out.startswith(PASS)
    assert float(out.strip().split("= ")[1]) == difference


@pytest.mark.parametrize(
    ("key", "bug"),
    [
        ("dW2", lambda g: 2 * g),  # the classic planted bugs: dW2 doubled ...
        ("db1", lambda g: 4 * g),  # ... db1 with 4/m instead of 1/m
        ("dW3", lambda g: -g),  # a sign error
        ("db3", lambda g: g + 1e-3),  # one entry off by 0.001
        ("dW1", lambda g: g + 1e-4 * (np.arange(g.size) == 0).reshape(g.shape)),  # one entry
    ],
)
def test_gradient_check_n_catches_a_perturbed_gradient(key, bug, capsys):
    parameters, X, Y = _problem(4, 5, 3, 6, seed=4)
    _, cache = forward_propagation_n(X, Y, parameters)
    gradients = backward_propagation_n(X, Y, cache)
    gradients[key] = bug(gradients[key])
    difference = gradient_check_n(parameters, gradients, X, Y, print_msg=True)
    assert difference > 2e-7
    assert capsys.readouterr().out.startswith(FAIL)


def test_gradient_check_n_is_pure():
    parameters, X, Y = _problem(3, 4, 2, 5, seed=5)
    _, cache = forward_propagation_n(X, Y, parameters)
    gradients = backward_propagation_n(X, Y, cache)
    saved = copy.deepcopy((parameters, gradients, X, Y))
    gradient_check_n(parameters, gradients, X, Y)
    for before, after in zip(saved[:2], (parameters, gradients), strict=True):
        assert before.keys() == after.keys()
        for key in before:
            assert_array_equal(before[key], after[key])
    assert_array_equal(saved[2], X)
    assert_array_equal(saved[3], Y)


def test_gradient_check_n_ignores_extra_gradient_keys():
    parameters, X, Y = _problem(3, 4, 2, 5, seed=6)
    _, cache = forward_propagation_n(X, Y, parameters)
    gradients = backward_propagation_n(X, Y, cache)
    only_params = {k: v for k, v in gradients.items() if k[:2] in ("dW", "db")}
    assert gradient_check_n(parameters, gradients, X, Y) == gradient_check_n(
        parameters, only_params, X, Y
    )


def test_gradient_check_n_rejects_incomplete_gradients():
    parameters, X, Y = _problem(3, 4, 2, 5, seed=7)
    _, cache = forward_propagation_n(X, Y, parameters)
    gradients = backward_propagation_n(X, Y, cache)
    del gradients["db2"]
    with pytest.raises(KeyError, match="db2"):
        gradient_check_n(parameters, gradients, X, Y)
    gradients["db2"] = np.zeros((5, 1))  # wrong size: 2 entries expected
    with pytest.raises(ValueError, match="gradients hold"):
        gradient_check_n(parameters, gradients, X, Y)


# ---------------------------------------------------------------- the given module


def test_the_given_net_is_the_regularization_net_number_for_number():
    """dlutils.gradcheck_net (given to the learner, numpy only) repeats the operations of
    regularization's forward and backward pass and of compute_cost: equal bits, not just close."""
    from dlutils import gradcheck, gradcheck_net

    parameters, X, Y = _problem(4, 5, 3, 7, seed=8)
    cost, cache = gradcheck_net.forward_propagation_n(X, Y, parameters)
    A3, reference_cache = regularization.forward_propagation(X, parameters)
    assert cost == compute_cost(A3, Y)
    got = gradcheck_net.backward_propagation_n(X, Y, cache)
    want = regularization.backward_propagation(X, Y, reference_cache)
    assert list(got) == list(want)
    for key in want:
        assert_array_equal(got[key], want[key])
    assert gradcheck.dictionary_to_vector is gradcheck_net.dictionary_to_vector
    assert gc.forward_propagation_n is gradcheck_net.forward_propagation_n
