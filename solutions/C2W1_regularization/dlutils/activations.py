"""Activation functions and their backward passes (vector-Jacobian products).

Every ``*_backward(dA, Z)`` takes the upstream gradient ``dA = dL/dA`` and the cached
pre-activation ``Z`` (same shape) and returns ``dZ = dL/dZ``. Each backward sits directly under
its forward so the two can be checked against each other at a glance.

All functions are elementwise except :func:`softmax`, which works column by column (examples are
columns). Floating inputs keep their dtype (float32 stays float32); other inputs become float64.
No function warns or returns inf/nan on large inputs such as ``|z| = 1000``, even under
``np.errstate(all="raise")``: the only floating-point event left is harmless underflow to 0 in
``exp``, which is silenced locally.

Introduced in: C1W2_numpy_basics and C1W2_logistic_regression (sigmoid),
C1W3_planar_classification (tanh, leaky ReLU), C1W4_deep_nn_step_by_step (ReLU, the backward
passes), C2W3_batchnorm_softmax (softmax).
"""

from __future__ import annotations

import numpy as np

__all__ = [
    "sigmoid",
    "sigmoid_backward",
    "relu",
    "relu_backward",
    "tanh",
    "tanh_backward",
    "leaky_relu",
    "leaky_relu_backward",
    "softmax",
    "softmax_backward",
]


def _as_float_array(x) -> np.ndarray:
    """Return ``x`` as an ndarray of a floating dtype (float64 unless already floating)."""
    x = np.asarray(x)
    if x.dtype.kind != "f":  # ints, bools -> float64 (a cheap test; issubdtype is slow)
        x = x.astype(np.float64)
    return x


def _same_shape_floats(first, second, names=("dA", "Z")) -> tuple[np.ndarray, np.ndarray]:
    """Both as float arrays, or a ValueError naming them (``names``; by default the backward
    passes' ``dA`` and ``Z``) when their shapes differ."""
    first, second = _as_float_array(first), _as_float_array(second)
    if first.shape != second.shape:
        raise ValueError(
            f"{names[0]} has shape {first.shape}; expected the shape of {names[1]}, {second.shape}"
        )
    return first, second


_BACKWARD_SECTIONS = """
    Parameters
    ----------
    dA, Z : array_like, same shape
        The upstream gradient dL/dA and the cached pre-activation.

    Returns
    -------
    dZ : ndarray, shape of ``Z``
"""


def _backward_doc(backward):
    """Write into ``backward``'s docstring, after its summary, the Parameters and Returns
    sections that ``sigmoid_backward``, ``relu_backward`` and ``tanh_backward`` share."""
    if backward.__doc__:  # None under python -OO
        summary, rest = backward.__doc__.split("\n", 1)
        backward.__doc__ = summary + "\n" + _BACKWARD_SECTIONS + rest
    return backward


def sigmoid(Z):
    """Logistic sigmoid, computed without overflow.

    Parameters
    ----------
    Z : array_like, any shape
        Pre-activation.

    Returns
    -------
    A : ndarray, same shape as ``Z``
        Values in [0, 1].

    Notes
    -----
    .. math:: \\sigma(z) = \\frac{1}{1 + e^{-z}}

    Evaluated as :math:`1 / (1 + e^{-|z|})` for :math:`z \\ge 0` and
    :math:`e^{-|z|} / (1 + e^{-|z|})` for :math:`z < 0`, so ``exp`` never sees a positive
    argument and cannot overflow.
    """
    Z = _as_float_array(Z)
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(Z))  # in (0, 1]
        s = 1.0 / (1.0 + e)  # sigma(|z|)
        A = np.where(Z >= 0, s, e * s)  # sigma(-|z|) = e^{-|z|} sigma(|z|)
    return A


@_backward_doc
def sigmoid_backward(dA, Z):
    """Backward pass of :func:`sigmoid`.

    Notes
    -----
    .. math:: dZ = dA \\odot \\sigma(Z) \\odot (1 - \\sigma(Z))
    """
    dA, Z = _same_shape_floats(dA, Z)
    s = sigmoid(Z)
    with np.errstate(under="ignore"):
        return dA * s * (1.0 - s)


def relu(Z):
    """Rectified linear unit.

    Parameters
    ----------
    Z : array_like, any shape

    Returns
    -------
    A : ndarray, same shape as ``Z``

    Notes
    -----
    .. math:: \\mathrm{relu}(z) = \\max(0, z)
    """
    Z = _as_float_array(Z)
    return np.maximum(Z, 0)


@_backward_doc
def relu_backward(dA, Z):
    """Backward pass of :func:`relu`, with the convention relu'(0) = 0.

    Notes
    -----
    .. math:: dZ = dA \\odot \\mathbb{1}[Z > 0]

    The result equals ``np.where(Z > 0, dA, 0)``. It is computed as ``dA * (Z > 0)`` (plus
    ``0.0``, which turns the ``-0.0`` of a negative ``dA`` times 0 into ``0.0``), which is
    several times faster than ``np.where`` on the irregular masks of a training loop; ``np.where``
    is kept for a ``dA`` with inf or nan, where ``inf * 0`` would give nan.
    """
    dA, Z = _same_shape_floats(dA, Z)
    positive = Z > 0
    if not np.isfinite(dA).all():
        return np.where(positive, dA, 0)
    dZ = np.multiply(dA, positive, out=np.empty_like(dA))
    dZ += 0.0
    return dZ


def tanh(Z):
    """Hyperbolic tangent.

    Parameters
    ----------
    Z : array_like, any shape

    Returns
    -------
    A : ndarray, same shape as ``Z``
        Values in [-1, 1].

    Notes
    -----
    .. math:: \\tanh(z) = \\frac{e^{z} - e^{-z}}{e^{z} + e^{-z}}
    """
    return np.tanh(_as_float_array(Z))


@_backward_doc
def tanh_backward(dA, Z):
    """Backward pass of :func:`tanh`.

    Notes
    -----
    .. math:: dZ = dA \\odot (1 - \\tanh^2(Z))
    """
    dA, Z = _same_shape_floats(dA, Z)
    t = np.tanh(Z)
    with np.errstate(under="ignore"):
        return dA * (1.0 - t * t)


def leaky_relu(Z, alpha=0.01):
    """Leaky ReLU.

    Parameters
    ----------
    Z : array_like, any shape
    alpha : float
        Slope for negative inputs.

    Returns
    -------
    A : ndarray, same shape as ``Z``

    Notes
    -----
    .. math:: \\mathrm{leaky}(z) = z \\text{ if } z > 0 \\text{ else } \\alpha z
    """
    Z = _as_float_array(Z)
    with np.errstate(under="ignore"):
        return np.where(Z > 0, Z, alpha * Z)


def leaky_relu_backward(dA, Z, alpha=0.01):
    """Backward pass of :func:`leaky_relu`; at z = 0 the slope is ``alpha`` (as relu'(0) = 0).

    Parameters
    ----------
    dA, Z : array_like, same shape
        The upstream gradient dL/dA and the cached pre-activation.
    alpha : float
        Slope for negative inputs, the same value as in the forward pass.

    Returns
    -------
    dZ : ndarray, shape of ``Z``

    Notes
    -----
    .. math:: dZ = dA \\odot (\\mathbb{1}[Z > 0] + \\alpha \\mathbb{1}[Z \\le 0])
    """
    dA, Z = _same_shape_floats(dA, Z)
    with np.errstate(under="ignore"):
        return np.where(Z > 0, dA, alpha * dA)


def softmax(Z):
    """Column-wise softmax: each column of the result sums to 1.

    Parameters
    ----------
    Z : array_like, shape (C, m)
        Scores, one column per example (a 1-D input is treated as one column).

    Returns
    -------
    A : ndarray, shape (C, m)
        Non-negative entries; every column sums to 1.

    Notes
    -----
    .. math:: a_{k}^{(i)} = \\frac{e^{z_k^{(i)} - \\max_j z_j^{(i)}}}{\\sum_j e^{z_j^{(i)} -
              \\max_j z_j^{(i)}}}

    Subtracting the column maximum changes nothing mathematically and keeps ``exp`` from
    overflowing: the largest exponent is 0, so every denominator is at least 1.
    """
    Z = _as_float_array(Z)
    with np.errstate(under="ignore"):
        E = np.exp(Z - Z.max(axis=0, keepdims=True))
        return E / E.sum(axis=0, keepdims=True)


def softmax_backward(dA, Z):
    """Backward pass of the column-wise :func:`softmax` (a vector-Jacobian product).

    Parameters
    ----------
    dA : array_like, shape (C, m)
        Upstream gradient dL/dA.
    Z : array_like, shape (C, m)
        The cached scores.

    Returns
    -------
    dZ : ndarray, shape (C, m)

    Notes
    -----
    The Jacobian of one column is :math:`\\mathrm{diag}(s) - s s^T` with :math:`s =`
    softmax(z), so, column by column,

    .. math:: dZ = s \\odot (dA - s^T dA)

    For softmax followed by cross-entropy with one-hot ``Y`` this reduces to ``dZ = A - Y``
    (with the 1/m factor applied later, as in the binary case).
    """
    dA, Z = _same_shape_floats(dA, Z)
    S = softmax(Z)
    with np.errstate(under="ignore"):
        SdA = S * dA
        return SdA - S * SdA.sum(axis=0, keepdims=True)
