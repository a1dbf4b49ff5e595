"""A small reverse-mode automatic differentiation over numbers (C2W3_frameworks).

This is what a framework (TensorFlow's ``GradientTape``, PyTorch's ``autograd``) does for you,
in the shape of micrograd: every :class:`Value` remembers the values it was computed from and
the rule that turns the gradient of its output into the gradients of its inputs. ``backward()``
visits the graph from the output back to the inputs, in reverse topological order, and adds
(``+=``) each path's contribution to every input, so a value used twice gets both.

The local rules are plain functions of numbers or arrays (same shape, elementwise), each
returning the gradients of its inputs given the upstream gradient ``upstream`` = dL/d(out):

================  ======================  ==================================================
operation         forward                 backward
================  ======================  ==================================================
``add``           out = a + b             (upstream, upstream)
``mul``           out = a * b             (upstream * b, upstream * a)
``pow``           out = a ** n (n const)  upstream * n * a ** (n - 1)
``exp``           out = exp(a)            upstream * out
``log``           out = log(a)            upstream / a
================  ======================  ==================================================

Negation, subtraction and division are built from them (``-a = a * -1``,
``a - b = a + (-b)``, ``a / b = a * b ** -1``). Gradients follow PyTorch's rule: ``backward()``
adds to ``.grad`` and never clears it, so a training loop sets the leaf's ``grad`` back to 0
before each step (:func:`minimize`).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

__all__ = [
    "Value",
    "add_backward",
    "exp_backward",
    "gradients_of_expression",
    "log_backward",
    "logistic_cost_gradients",
    "minimize",
    "minimize_polynomial",
    "mul_backward",
    "polynomial_cost",
    "pow_backward",
    "topological_order",
]


def add_backward(a, b, upstream):
    """Gradients of ``out = a + b``: each input gets the upstream gradient unchanged.

    Parameters
    ----------
    a, b : float or ndarray (same shape)
        The inputs.
    upstream : float or ndarray, shape of ``a``
        dL/d(out).

    Returns
    -------
    (grad_a, grad_b) : tuple
        dL/da = upstream, dL/db = upstream.
    """
    return upstream * np.ones_like(a), upstream * np.ones_like(b)


def mul_backward(a, b, upstream):
    """Gradients of ``out = a * b`` (elementwise): each input gets the OTHER one.

    Parameters
    ----------
    a, b : float or ndarray (same shape)
    upstream : float or ndarray, shape of ``a``

    Returns
    -------
    (grad_a, grad_b) : tuple
        dL/da = upstream * b, dL/db = upstream * a.
    """
    return upstream * b, upstream * a


def pow_backward(a, n, upstream):
    """Gradient of ``out = a ** n`` for a constant exponent ``n``.

    Parameters
    ----------
    a : float or ndarray
    n : float, the constant exponent
    upstream : float or ndarray, shape of ``a``

    Returns
    -------
    grad_a : float or ndarray, shape of ``a``
        dL/da = upstream * n * a ** (n - 1).
    """
    return upstream * n * a ** (n - 1)


def exp_backward(a, out, upstream):
    """Gradient of ``out = exp(a)``: the derivative of exp is exp itself, the OUTPUT.

    Parameters
    ----------
    a : float or ndarray
        The input.
    out : float or ndarray, shape of ``a``
        The forward value ``exp(a)``.
    upstream : float or ndarray, shape of ``a``

    Returns
    -------
    grad_a : float or ndarray
        dL/da = upstream * out.
    """
    return upstream * out


def log_backward(a, upstream):
    """Gradient of ``out = log(a)`` (natural log, ``a > 0``).

    Parameters
    ----------
    a : float or ndarray, positive
    upstream : float or ndarray, shape of ``a``

    Returns
    -------
    grad_a : float or ndarray
        dL/da = upstream / a.
    """
    return upstream / a


class Value:
    """A number that remembers how it was computed, for reverse-mode differentiation.

    Attributes
    ----------
    data : float
        The forward value.
    grad : float
        dL/d(this value) after ``L.backward()``; starts at 0.0 and is only ever added to.
    parents : tuple of Value
        The values this one was computed from (empty for a leaf).
    op : str
        The operation that made it (``""`` for a leaf), for printing the graph.
    """

    def __init__(self, data, parents=(), local_backward=None, op="", label=""):
        self.data = float(data)
        self.grad = 0.0
        self.parents = tuple(parents)
        # upstream -> tuple of gradients, one per parent
        self.local_backward = local_backward
        self.op = op
        self.label = label

    def __repr__(self) -> str:
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    @staticmethod
    def _wrap(other) -> Value:
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = self._wrap(other)
        return Value(
            self.data + other.data,
            (self, other),
            lambda up: add_backward(self.data, other.data, up),
            "+",
        )

    __radd__ = __add__

    def __mul__(self, other):
        other = self._wrap(other)
        return Value(
            self.data * other.data,
            (self, other),
            lambda up: mul_backward(self.data, other.data, up),
            "*",
        )

    __rmul__ = __mul__

    def __pow__(self, n):
        if isinstance(n, Value):
            raise TypeError("only a constant exponent is supported: a ** n with n a number")
        return Value(self.data**n, (self,), lambda up: (pow_backward(self.data, n, up),), f"**{n}")

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-self._wrap(other))

    def __rsub__(self, other):
        return self._wrap(other) + (-self)

    def __truediv__(self, other):
        return self * self._wrap(other) ** -1.0

    def __rtruediv__(self, other):
        return self._wrap(other) * self**-1.0

    def exp(self):
        out = float(np.exp(self.data))
        return Value(out, (self,), lambda up: (exp_backward(self.data, out, up),), "exp")

    def log(self):
        return Value(np.log(self.data), (self,), lambda up: (log_backward(self.data, up),), "log")

    def backward(self):
        """Add dself/dv to ``v.grad`` for every value ``v`` of the graph (self.grad += 1).

        Notes
        -----
        Seed dself/dself = 1, then visit the nodes in reverse topological order (each node
        after every node that uses it), so that a node's gradient is complete before it is
        passed on; each parent gets ``+=`` the local rule's output (the multivariate chain rule
        sums over paths).
        """
        order = topological_order(self)
        self.grad += 1.0
        for node in reversed(order):
            if node.local_backward is None:
                continue
            for parent, grad in zip(node.parents, node.local_backward(node.grad), strict=True):
                parent.grad += grad


def topological_order(root: Value) -> list[Value]:
    """Every value ``root`` depends on, each after all of its parents (``root`` last).

    Depth-first post-order: a node is appended once all its parents are; a node reached twice
    (used twice) is appended once.
    """
    order: list[Value] = []
    seen: set[int] = set()

    def visit(node: Value) -> None:
        if id(node) in seen:
            return
        seen.add(id(node))
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(root)
    return order


def gradients_of_expression(x, y):
    """df/dx and df/dy of the expression, through :class:`Value` and ``backward``.

    Parameters
    ----------
    x, y : float, positive

    Returns
    -------
    grads : dict
        ``{"f": f, "x": df/dx, "y": df/dy}`` (floats).

    Notes
    -----
    .. math::
        u = x y, \\qquad f = \\left(e^{u} + \\log u - x^2\\right) y

    ``u`` is used twice, ``x`` three times and ``y`` twice: every path must add up.

    .. math::
        \\frac{\\partial f}{\\partial x} = y\\left(y e^{u} + \\frac{1}{x} - 2x\\right), \\qquad
        \\frac{\\partial f}{\\partial y} = e^{u} + \\log u - x^2 + x y e^{u} + 1
    """
    x, y = Value(x, label="x"), Value(y, label="y")
    u = x * y
    f = (u.exp() + u.log() - x**2) * y
    f.backward()
    return {"f": f.data, "x": float(x.grad), "y": float(y.grad)}


def minimize(
    cost_fn: Callable[[Value], Value], w0: float, learning_rate: float, num_steps: int
) -> tuple[float, list[float]]:
    """Gradient descent on one number, with the gradient from :meth:`Value.backward`.

    Parameters
    ----------
    cost_fn : callable
        Maps a :class:`Value` ``w`` to the cost :class:`Value` ``J(w)``.
    w0 : float
        The start.
    learning_rate : float
    num_steps : int
        Gradient steps.

    Returns
    -------
    w : float
        The final value, after ``num_steps`` steps.
    costs : list of float
        ``num_steps + 1`` costs: ``J(w0)``, then the cost after each step.

    Notes
    -----
    Each step: ``w.grad = 0``, ``J = cost_fn(w)``, ``J.backward()``,
    :math:`w \\leftarrow w - \\alpha \\, dJ/dw`.
    """
    w = Value(w0, label="w")
    costs = []
    for _ in range(num_steps):
        w.grad = 0.0
        J = cost_fn(w)
        costs.append(J.data)
        J.backward()
        w.data = float(w.data - learning_rate * w.grad)
    costs.append(cost_fn(w).data)
    return w.data, costs


def polynomial_cost(coefficients) -> Callable[[Value], Value]:
    """The cost :math:`J(w) = \\sum_k c_k w^k` (``coefficients = [c_0, c_1, ...]``) on Values.

    ``[25, -10, 1]`` is :math:`w^2 - 10 w + 25 = (w - 5)^2`, minimised at 5.
    """

    def cost_fn(w: Value) -> Value:
        J = Value(coefficients[0])
        for k in range(1, len(coefficients)):
            J = J + coefficients[k] * w**k
        return J

    return cost_fn


def minimize_polynomial(coefficients, w0, learning_rate, num_steps):
    """:func:`minimize` on :func:`polynomial_cost` ``(coefficients)``: (final w, costs)."""
    return minimize(polynomial_cost(coefficients), w0, learning_rate, num_steps)


def logistic_cost_gradients(w, b, X, Y):
    """Logistic regression's cost and gradients, computed through :class:`Value`.

    Parameters
    ----------
    w : ndarray, shape (n_x, 1)
    b : float
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (1, m), labels in {0, 1}

    Returns
    -------
    grads : dict
        ``"dw"``: ndarray (n_x, 1); ``"db"``: float.
    cost : float

    Notes
    -----
    One scalar graph over every example:

    .. math::
        z^{(i)} = b + \\sum_j w_j x_j^{(i)}, \\quad a^{(i)} = \\frac{1}{1 + e^{-z^{(i)}}}, \\quad
        J = -\\frac{1}{m} \\sum_i y^{(i)} \\log a^{(i)} + (1 - y^{(i)}) \\log(1 - a^{(i)})

    ``backward()`` gives what the hand-written pass gives
    (:func:`dlutils.logistic.propagate`): dw = X (A - Y)^T / m, db = mean(A - Y).
    """
    n_x, m = X.shape
    weights = [Value(w[j, 0], label=f"w{j}") for j in range(n_x)]
    bias = Value(b, label="b")
    total = Value(0.0)
    for i in range(m):
        z = bias
        for j in range(n_x):
            z = z + weights[j] * X[j, i]
        a = 1 / (1 + (-z).exp())
        y = Y[0, i]
        total = total + y * a.log() + (1 - y) * (1 - a).log()
    cost = -total / m
    cost.backward()
    dw = np.array([[weight.grad] for weight in weights])
    return {"dw": dw, "db": float(bias.grad)}, cost.data
