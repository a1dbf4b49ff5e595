"""Grading suite for C2W3_frameworks: a small reverse-mode autodiff, written by the learner.

The judge never runs the learner's code and a learner's object cannot cross the channel, so the
``Value`` type is graded through functions of plain numbers and arrays:

- the five local rules, one graded function each (``add_backward``, ``mul_backward``,
  ``pow_backward``, ``exp_backward``, ``log_backward``), on arrays (elementwise), against
  :mod:`dlutils.autodiff` and against finite differences; the notebook's ``Value`` calls them;
- ``gradients_of_expression(x, y)``: builds the documented expression
  ``f = (exp(u) + log(u) - x**2) * y`` with ``u = x * y`` from ``Value``s and returns
  ``{"f", "x", "y"}`` after ``f.backward()``; it grades the learner's ``topological_order`` and
  ``Value.backward`` (seed, reverse order, ``+=``), which live in its answer cell;
- ``minimize_polynomial(coefficients, w0, learning_rate, num_steps)``: the learner's
  ``minimize(cost_fn, ...)`` (in its answer cell) called on ``J(w) = sum_k c_k w**k`` by a given
  wrapper, because a cost function cannot cross the channel; returns ``(w, costs)``;
- ``logistic_cost_gradients(w, b, X, Y)`` -> ``(grads, cost)``, through ``Value``.

Wrong variants are computed in the judge with :mod:`dlutils.autodiff`'s ``Value`` and a
backward loop that plants each mistake, so that a hint shows only when it is true. The answer
cells are given no module (``given.toml``).
"""

from __future__ import annotations

from functools import partial

import numpy as np

from autograder.kit import mistakes as M
from autograder.kit.checks import leaves_inputs_alone, matches_reference
from autograder.kit.spec import Case, graded
from autograder.learner.compare import (
    expect_array,
    expect_costs,
    expect_dict,
    expect_scalar,
    expect_tuple,
)
from dlutils import autodiff as ref
from dlutils import gradcheck

ASSIGNMENT = "C2W3_frameworks"

_fixed = np.random.default_rng(2026)

# -- the local rules -------------------------------------------------------------------------


def _expect_items(got, want, labels, *, name, case, mistakes=None, rtol=1e-6, atol=1e-8):
    """A tuple like ``want``, item ``i`` named ``labels[i]`` and hinted by ``mistakes[i]``."""
    got = expect_tuple(got, len(want), name=name)
    for i, label in enumerate(labels):
        hints = mistakes[i] if mistakes else ()
        expect_array(got[i], want[i], name=label, case=case, mistakes=hints, rtol=rtol, atol=atol)


def _shape(rng):
    return (int(rng.integers(1, 4)), int(rng.integers(1, 6)))


def _pair_case(rng, shape=None):
    given = shape is not None
    shape = shape or _shape(rng)
    a = rng.standard_normal(shape) * 2 + 0.5
    b = rng.standard_normal(shape) - 0.5
    label = f"a, b, upstream of shape {shape}" if given else ""
    return Case(a, b, rng.standard_normal(shape), label=label)


def _positive_case(rng, shape=None, n=None):
    """``(a, upstream)`` with ``a`` in [0.5, 2.5), or ``(a, n, upstream)`` when ``n`` is given."""
    given = shape is not None
    shape = shape or _shape(rng)
    a = rng.uniform(0.5, 2.5, shape)
    upstream = rng.standard_normal(shape)
    if n is None:
        return Case(a, upstream, label=f"a of shape {shape}" if given else "")
    return Case(a, n, upstream, label=f"n = {n}, a of shape {shape}" if given else "")


def _exp_case(rng, shape=None):
    given = shape is not None
    shape = shape or _shape(rng)
    a = rng.standard_normal(shape)
    label = f"a of shape {shape}" if given else ""
    return Case(a, np.exp(a), rng.standard_normal(shape), label=label)


def _fd_test(function, forward, wrt, *, points, public, labels):
    """``function``'s gradients equal centred finite differences of ``sum(upstream * out)``.

    ``forward(*inputs)`` is the operation; ``wrt`` the positions of the inputs differentiated
    (the upstream gradient is the case's last argument).
    """

    @graded(function, points=points, public=public)
    def test(student, case):
        got = getattr(student, function)(*case.args)
        *inputs, upstream = case.args

        def numerical(position):
            def f(x):
                trial = list(inputs)
                trial[position] = x
                return forward(*trial)

            return gradcheck.numerical_gradient(f, inputs[position], upstream=upstream)

        want = [numerical(position) for position in wrt]
        names = [f"{label} (against finite differences)" for label in labels]
        if len(want) == 1:
            expect_array(got, want[0], name=names[0], case=case, rtol=1e-5, atol=1e-7)
        else:
            _expect_items(
                got, want, names, name=f"{function}(...)", case=case, rtol=1e-5, atol=1e-7
            )

    test.__name__ = test.__qualname__ = f"test_{function}_matches_finite_differences"
    return test


def _rule_tests(function, reference, case_maker, publics, mistakes, forward, wrt, labels, points):
    """The reference check, the finite-difference check and the no-mutation gate of a rule."""
    pair = len(labels) == 2
    expect = partial(_expect_items, labels=labels) if pair else expect_array
    name = f"{function}(...)"
    return (
        matches_reference(
            function,
            reference,
            points=points,
            public=publics,
            hidden=case_maker,
            name=name,
            expect=expect,
            mistakes=mistakes,
        ),
        _fd_test(function, forward, wrt, points=0.25, public=publics[:1], labels=labels),
        leaves_inputs_alone(function, points=0.25, public=publics[:1]),
    )


def _add_mistakes(a, b, upstream):
    ones = np.ones_like(a)
    return [[(M.RULE_NO_UPSTREAM, ones)], [(M.RULE_NO_UPSTREAM, ones)]]


def _mul_mistakes(a, b, upstream):
    return [
        [(M.MUL_NOT_SWAPPED, upstream * a), (M.RULE_NO_UPSTREAM, b)],
        [(M.MUL_NOT_SWAPPED, upstream * b), (M.RULE_NO_UPSTREAM, a)],
    ]


def _pow_mistakes(a, n, upstream):
    return [
        (M.POW_EXPONENT_MINUS_ONE, upstream * n * a**n),
        (M.POW_NO_FACTOR, upstream * a ** (n - 1)),
        (M.RULE_NO_UPSTREAM, n * a ** (n - 1)),
    ]


def _exp_mistakes(a, out, upstream):
    return [(M.EXP_OF_INPUT, upstream * a), (M.RULE_NO_UPSTREAM, out)]


def _log_mistakes(a, upstream):
    return [
        (M.LOG_RECIPROCAL, upstream * a),
        (M.LOG_RECIPROCAL, upstream),
        (M.LOG_RECIPROCAL, upstream * np.log(a)),
        (M.RULE_NO_UPSTREAM, 1 / a),
    ]


_PAIR = [_pair_case(_fixed, (2, 3)), _pair_case(_fixed, (3, 1))]
(
    test_add_backward,
    test_add_backward_matches_finite_differences,
    test_add_backward_leaves_inputs_alone,
) = _rule_tests(
    "add_backward",
    ref.add_backward,
    _pair_case,
    _PAIR,
    _add_mistakes,
    np.add,
    (0, 1),
    ("grad_a", "grad_b"),
    points=0.5,
)
(
    test_mul_backward,
    test_mul_backward_matches_finite_differences,
    test_mul_backward_leaves_inputs_alone,
) = _rule_tests(
    "mul_backward",
    ref.mul_backward,
    _pair_case,
    _PAIR,
    _mul_mistakes,
    np.multiply,
    (0, 1),
    ("grad_a", "grad_b"),
    points=1,
)


def _pow_hidden(rng):
    return _positive_case(rng, n=float(rng.choice([2.0, 3.0, -1.0, 0.5, -2.5, 1.5])))


(
    test_pow_backward,
    test_pow_backward_matches_finite_differences,
    test_pow_backward_leaves_inputs_alone,
) = _rule_tests(
    "pow_backward",
    ref.pow_backward,
    _pow_hidden,
    [_positive_case(_fixed, (2, 3), n=3.0), _positive_case(_fixed, (4, 1), n=-0.5)],
    _pow_mistakes,
    np.power,
    (0,),
    ("grad_a",),
    points=1,
)
(
    test_exp_backward,
    test_exp_backward_matches_finite_differences,
    test_exp_backward_leaves_inputs_alone,
) = _rule_tests(
    "exp_backward",
    ref.exp_backward,
    _exp_case,
    [_exp_case(_fixed, (2, 3)), _exp_case(_fixed, (1, 4))],
    _exp_mistakes,
    lambda a, out: np.exp(a),
    (0,),
    ("grad_a",),
    points=1,
)
(
    test_log_backward,
    test_log_backward_matches_finite_differences,
    test_log_backward_leaves_inputs_alone,
) = _rule_tests(
    "log_backward",
    ref.log_backward,
    _positive_case,
    [_positive_case(_fixed, (2, 3)), _positive_case(_fixed, (3, 2))],
    _log_mistakes,
    np.log,
    (0,),
    ("grad_a",),
    points=1,
)

# -- backward in reverse topological order: gradients_of_expression ---------------------------


def _backward_variant(root, *, accumulate=True, reverse=True, seed=1.0):
    """``root.backward()`` with one classic mistake planted (the defaults are right)."""
    order = ref.topological_order(root)
    root.grad = seed
    for node in reversed(order) if reverse else order:
        if node.local_backward is None:
            continue
        for parent, grad in zip(node.parents, node.local_backward(node.grad), strict=True):
            parent.grad = parent.grad + grad if accumulate else grad


def _expression_variant(x, y, **mistake):
    x, y = ref.Value(x), ref.Value(y)
    u = x * y
    f = (u.exp() + u.log() - x**2) * y
    _backward_variant(f, **mistake)
    return {"f": f.data, "x": x.grad, "y": y.grad}


def _expression_mistakes(x, y):
    return M.by_key(
        [
            (M.GRAD_ASSIGNED, _expression_variant(x, y, accumulate=False)),
            (M.BACKWARD_ORDER, _expression_variant(x, y, reverse=False)),
            (M.BACKWARD_SEED, _expression_variant(x, y, seed=0.0)),
        ]
    )


def _expression_case(rng):
    return Case(*(float(v) for v in rng.uniform(0.3, 1.6, 2)))


_EXPRESSIONS = [Case(0.8, 1.3, label="x = 0.8, y = 1.3"), Case(1.5, 0.6, label="x = 1.5, y = 0.6")]


@graded(
    "gradients_of_expression", points=2.5, public=_EXPRESSIONS, hidden=_expression_case, n_hidden=3
)
def test_gradients_of_expression(student, case):
    got = student.gradients_of_expression(*case.args)
    want = case.run(ref.gradients_of_expression)
    expect_dict(
        got,
        want,
        name="gradients_of_expression(x, y)",
        case=case,
        keys=["f", "x", "y"],
        mistakes={k: v for k, v in _expression_mistakes(*case.args).items() if k != "f"},
    )


def _expression(x, y):
    return (np.exp(x * y) + np.log(x * y) - x**2) * y


@graded("gradients_of_expression", points=0.5, public=_EXPRESSIONS[:1])
def test_gradients_of_expression_matches_finite_differences(student, case):
    got = student.gradients_of_expression(*case.args)
    x, y = case.args
    h = 1e-6
    want = {
        "x": (_expression(x + h, y) - _expression(x - h, y)) / (2 * h),
        "y": (_expression(x, y + h) - _expression(x, y - h)) / (2 * h),
    }
    expect_dict(got, want, name="df/dx, df/dy (against finite differences)", case=case, rtol=1e-5)


# -- minimize --------------------------------------------------------------------------------


def _minimize_variant(
    coefficients, w0, learning_rate, num_steps, *, sign=-1.0, zero_grad=True, extra_steps=0
):
    """:func:`dlutils.autodiff.minimize` with one classic mistake planted (defaults: right)."""
    cost_fn = ref.polynomial_cost(coefficients)
    w = ref.Value(w0)
    costs = [cost_fn(w).data]
    for _ in range(num_steps + extra_steps):
        if zero_grad:
            w.grad = 0.0
        cost_fn(w).backward()
        w.data = float(w.data + sign * learning_rate * w.grad)
        costs.append(cost_fn(w).data)
    return w.data, costs


def _minimize_case(rng):
    """A quadratic a (w - t)^2 as coefficients, a stable rate and a few steps."""
    a, t = float(rng.uniform(0.5, 2.0)), float(rng.uniform(-5, 5))
    rate = float(rng.uniform(0.02, 0.3)) / a
    return Case(
        [a * t * t, -2 * a * t, a], float(rng.uniform(-3, 3)), rate, int(rng.integers(3, 25))
    )


_MINIMIZE = [
    Case([25.0, -10.0, 1.0], 0.0, 0.1, 12, label="J = w**2 - 10 w + 25, w0 = 0, 12 steps"),
    Case([0.0, -3.0, 0.5, 0.0, 0.25], 1.0, 0.05, 7, label="J = -3 w + 0.5 w**2 + 0.25 w**4"),
]


@graded("minimize_polynomial", points=2, public=_MINIMIZE, hidden=_minimize_case)
def test_minimize_polynomial(student, case):
    name = "minimize_polynomial(coefficients, w0, learning_rate, num_steps)"
    w, costs = expect_tuple(student.minimize_polynomial(*case.args), 2, name=name)
    want_w, want_costs = case.run(ref.minimize_polynomial)
    variants = [
        (M.UPDATE_SIGN, _minimize_variant(*case.args, sign=1.0)),
        (M.MINIMIZE_ZERO_GRAD, _minimize_variant(*case.args, zero_grad=False)),
        (M.MINIMIZE_STEPS, _minimize_variant(*case.args, extra_steps=-1)),
        (M.MINIMIZE_STEPS, _minimize_variant(*case.args, extra_steps=1)),
    ]
    expect_scalar(
        w,
        want_w,
        name="the final w",
        case=case,
        mistakes=[(mistake, value[0]) for mistake, value in variants],
    )
    expect_costs(
        costs,
        want_costs,
        case=case,
        counts=[(M.MINIMIZE_HISTORY, len(want_costs) - 1)],
        mistakes=[(mistake, value[1]) for mistake, value in variants[:2]],
    )


test_minimize_polynomial_leaves_inputs_alone = leaves_inputs_alone(
    "minimize_polynomial", points=0.25, public=_MINIMIZE[:1]
)

# -- logistic regression's gradients through the autodiff ------------------------------------


def _logistic_case(rng, n_x=None, m=None):
    given = n_x is not None
    n_x = n_x or int(rng.integers(1, 5))
    m = m or int(rng.integers(1, 9))
    w = rng.standard_normal((n_x, 1))
    X = rng.standard_normal((n_x, m)) * 1.5
    Y = (rng.random((1, m)) > 0.5).astype(np.float64)
    label = f"n_x = {n_x}, m = {m}" if given else ""
    return Case(w, float(rng.standard_normal()), X, Y, label=label)


def _logistic_mistakes(w, b, X, Y):
    """(no 1/m, the sign of the cost, the sigmoid through exp(+z)): [(mistake, (grads, cost))]."""
    m = X.shape[1]
    grads, cost = ref.logistic_cost_gradients(w, b, X, Y)
    A = 1 / (1 + np.exp(w.T @ X + b))  # the sigmoid of -z
    dZ = -(A - Y)
    plus = (
        {"dw": X @ dZ.T / m, "db": float(dZ.sum() / m)},
        -float(np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))),
    )
    return [
        (M.COST_NO_MEAN, ({"dw": grads["dw"] * m, "db": grads["db"] * m}, cost * m)),
        (M.COST_SIGN, ({"dw": -grads["dw"], "db": -grads["db"]}, -cost)),
        (M.SIGMOID_EXPONENT_SIGN, plus),
    ]


_LOGISTIC = [_logistic_case(_fixed, 3, 5), _logistic_case(_fixed, 2, 7)]


@graded("logistic_cost_gradients", points=2, public=_LOGISTIC, hidden=_logistic_case)
def test_logistic_cost_gradients(student, case):
    name = "logistic_cost_gradients(w, b, X, Y)"
    grads, cost = expect_tuple(student.logistic_cost_gradients(*case.args), 2, name=name)
    want_grads, want_cost = case.run(ref.logistic_cost_gradients)
    variants = _logistic_mistakes(*case.args)
    expect_dict(
        grads,
        want_grads,
        name="grads",
        case=case,
        keys=["dw", "db"],
        mistakes=M.by_key((mistake, value[0]) for mistake, value in variants),
    )
    expect_scalar(
        cost,
        want_cost,
        name="cost",
        case=case,
        mistakes=[(mistake, value[1]) for mistake, value in variants],
    )


@graded("logistic_cost_gradients", points=0.5, public=_LOGISTIC[:1])
def test_logistic_cost_gradients_matches_finite_differences(student, case):
    w, b, X, Y = case.args

    def cost(w, b):
        A = 1 / (1 + np.exp(-(w.T @ X + b)))
        return -float(np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A)))

    want = {
        "dw": gradcheck.numerical_gradient(lambda v: cost(v, b), w),
        "db": float(gradcheck.numerical_gradient(lambda v: cost(w, v), np.array(b))),
    }
    name = "logistic_cost_gradients(w, b, X, Y)"
    grads, _ = expect_tuple(student.logistic_cost_gradients(*case.args), 2, name=name)
    expect_dict(
        grads,
        want,
        name="grads (against finite differences)",
        case=case,
        keys=["dw", "db"],
        rtol=1e-5,
        atol=1e-7,
    )


test_logistic_cost_gradients_leaves_inputs_alone = leaves_inputs_alone(
    "logistic_cost_gradients", points=0.25, public=_LOGISTIC[:1]
)
