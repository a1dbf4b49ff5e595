"""dlutils.autodiff: every local rule and every Value operation against finite differences,
gradient accumulation through a shared node, and logistic regression's analytic gradients."""

from __future__ import annotations

import numpy as np
import pytest
from numpy.testing import assert_allclose

from dlutils import autodiff as ad
from dlutils.gradcheck import numerical_gradient
from dlutils.logistic import propagate

RTOL, ATOL = 1e-6, 1e-8


@pytest.fixture
def rng():
    return np.random.default_rng(0)


# -- the local rules on arrays, with a random upstream gradient --------------------------------


@pytest.mark.parametrize("shape", [(3,), (2, 4)])
def test_add_and_mul_rules_match_finite_differences(rng, shape):
    a, b = rng.standard_normal(shape) + 0.5, rng.standard_normal(shape) - 0.3
    up = rng.standard_normal(shape)
    for rule, forward in ((ad.add_backward, np.add), (ad.mul_backward, np.multiply)):
        grad_a, grad_b = rule(a, b, up)
        want_a = numerical_gradient(lambda x, f=forward: f(x, b), a, up)
        want_b = numerical_gradient(lambda x, f=forward: f(a, x), b, up)
        assert_allclose(grad_a, want_a, RTOL, 1e-7)
        assert_allclose(grad_b, want_b, RTOL, 1e-7)


@pytest.mark.parametrize("n", [2, 3, -1.0, 0.5])
def test_pow_rule_matches_finite_differences(rng, n):
    a, up = rng.uniform(0.5, 2.0, (2, 3)), rng.standard_normal((2, 3))
    want = numerical_gradient(lambda x: x**n, a, up)
    assert_allclose(ad.pow_backward(a, n, up), want, rtol=1e-5, atol=1e-7)


def test_exp_and_log_rules_match_finite_differences(rng):
    a, up = rng.uniform(0.5, 2.0, (3, 2)), rng.standard_normal((3, 2))
    assert_allclose(ad.exp_backward(a, np.exp(a), up), numerical_gradient(np.exp, a, up), 1e-6)
    assert_allclose(ad.log_backward(a, up), numerical_gradient(np.log, a, up), 1e-6)


def test_rules_worked_by_hand():
    # d(a b)/da = b: 2 * 5 = 10; d(a^3)/da = 3 a^2 = 12 at a = 2; d log(a)/da = 1/4 at a = 4
    assert ad.mul_backward(3.0, 5.0, 2.0) == (10.0, 6.0)
    assert ad.pow_backward(2.0, 3, 1.0) == 12.0
    assert ad.log_backward(4.0, 1.0) == 0.25
    assert ad.exp_backward(0.0, 1.0, 3.0) == 3.0


# -- Value operations through backward() -----------------------------------------------------

OPERATIONS = {
    "add": (lambda x, y: x + y, lambda x, y: x + y),
    "radd": (lambda x, y: 2.5 + x * y, lambda x, y: 2.5 + x * y),
    "mul": (lambda x, y: x * y, lambda x, y: x * y),
    "sub": (lambda x, y: x - y, lambda x, y: x - y),
    "rsub": (lambda x, y: 1 - x * y, lambda x, y: 1 - x * y),
    "neg": (lambda x, y: -x * y, lambda x, y: -x * y),
    "div": (lambda x, y: x / y, lambda x, y: x / y),
    "rdiv": (lambda x, y: 3 / (x + y), lambda x, y: 3 / (x + y)),
    "pow": (lambda x, y: x**3 * y**-0.5, lambda x, y: x**3 * y**-0.5),
    "exp": (lambda x, y: (x * y).exp(), lambda x, y: np.exp(x * y)),
    "log": (lambda x, y: (x + y).log(), lambda x, y: np.log(x + y)),
}


def _value_gradients(build, x, y):
    vx, vy = ad.Value(x), ad.Value(y)
    out = build(vx, vy)
    out.backward()
    return out.data, vx.grad, vy.grad


@pytest.mark.parametrize("name", sorted(OPERATIONS))
def test_every_value_operation_matches_finite_differences(name):
    build, numeric = OPERATIONS[name]
    x, y = 0.7, 1.9
    data, gx, gy = _value_gradients(build, x, y)
    assert_allclose(data, numeric(x, y), rtol=1e-12)
    h = 1e-6
    assert_allclose(gx, (numeric(x + h, y) - numeric(x - h, y)) / (2 * h), rtol=1e-6)
    assert_allclose(gy, (numeric(x, y + h) - numeric(x, y - h)) / (2 * h), rtol=1e-6)


def test_a_node_used_twice_gets_both_paths():
    # f = u * u with u = 3x: df/dx = 2 u * 3 = 18 x; with = instead of +=, it would be 9 x
    x = ad.Value(2.0)
    u = x * 3
    f = u * u
    f.backward()
    assert x.grad == pytest.approx(36.0)
    assert u.grad == pytest.approx(12.0)


def test_topological_order_puts_each_node_after_its_parents_once():
    x, y = ad.Value(1.0), ad.Value(2.0)
    u = x * y
    f = u + u.exp() + x
    order = ad.topological_order(f)
    assert order[-1] is f
    assert len(order) == len({id(node) for node in order})
    position = {id(node): i for i, node in enumerate(order)}
    for node in order:
        assert all(position[id(parent)] < position[id(node)] for parent in node.parents)


def test_backward_adds_to_grad_and_does_not_clear_it():
    w = ad.Value(1.0)
    (w * 2).backward()
    (w * 2).backward()
    assert w.grad == 4.0


def test_gradients_of_expression_match_the_formula_and_finite_differences():
    x, y = 0.8, 1.3
    u = x * y
    got = ad.gradients_of_expression(x, y)
    assert_allclose(got["x"], y * (y * np.exp(u) + 1 / x - 2 * x), rtol=1e-12)
    assert_allclose(got["y"], np.exp(u) + np.log(u) - x**2 + x * y * np.exp(u) + 1, rtol=1e-12)

    def f(x, y):
        return (np.exp(x * y) + np.log(x * y) - x**2) * y

    h = 1e-6
    assert_allclose(got["f"], f(x, y), rtol=1e-12)
    assert_allclose(got["x"], (f(x + h, y) - f(x - h, y)) / (2 * h), rtol=1e-6)
    assert_allclose(got["y"], (f(x, y + h) - f(x, y - h)) / (2 * h), rtol=1e-6)


# -- minimize ---------------------------------------------------------------------------------


def test_minimize_reaches_5_and_records_the_initial_and_every_step():
    # J(w) = (w - 5)^2, dJ/dw = 2 (w - 5): from 0 with rate 0.1, w - 5 shrinks by 0.8 a step
    w, costs = ad.minimize_polynomial([25.0, -10.0, 1.0], 0.0, 0.1, 50)
    assert w == pytest.approx(5 - 5 * 0.8**50, rel=1e-12)
    assert len(costs) == 51
    assert costs[0] == 25.0
    # the polynomial form w^2 - 10 w + 25 cancels near w = 5: compare to within 1e-10
    assert_allclose(costs, (5 * 0.8 ** np.arange(51)) ** 2, rtol=1e-10, atol=1e-10)


def test_minimize_takes_any_cost_function():
    w, costs = ad.minimize(lambda w: (w - 2).exp() - w, 0.0, 0.5, 200)  # minimum at w = 2
    assert w == pytest.approx(2.0, abs=1e-6)
    assert costs[-1] <= costs[0]


# -- logistic regression ----------------------------------------------------------------------


@pytest.mark.parametrize(("n_x", "m"), [(1, 1), (3, 5), (4, 9)])
def test_logistic_gradients_equal_the_hand_written_backward_pass(rng, n_x, m):
    w, b = rng.standard_normal((n_x, 1)), float(rng.standard_normal())
    X = rng.standard_normal((n_x, m)) * 2
    Y = (rng.random((1, m)) > 0.5).astype(float)
    grads, cost = ad.logistic_cost_gradients(w, b, X, Y)
    want, want_cost = propagate(w, b, X, Y)
    assert grads["dw"].shape == (n_x, 1)
    assert_allclose(grads["dw"], want["dw"], rtol=1e-10, atol=1e-12)
    assert_allclose(grads["db"], want["db"], rtol=1e-10, atol=1e-12)
    assert_allclose(cost, want_cost, rtol=1e-10)
