"""Warm-up functions: numpy, broadcasting, keepdims, vectorization and a computation graph.

Introduced in: C1W2_numpy_basics.
"""

from __future__ import annotations

import math

import numpy as np

from dlutils import activations
from dlutils.activations import _as_float_array, _same_shape_floats

__all__ = [
    "basic_sigmoid",
    "sigmoid",
    "sigmoid_derivative",
    "image2vector",
    "normalize_rows",
    "softmax",
    "L1",
    "L2",
    "column_percentages",
    "computation_graph",
]


def basic_sigmoid(x) -> float:
    """Sigmoid of one real number with :func:`math.exp` (the "before numpy" version).

    Parameters
    ----------
    x : float
        A real number (Python int or float, or a numpy scalar). Lists and arrays are rejected
        with a ``TypeError``: that limitation is what motivates :func:`sigmoid`.

    Returns
    -------
    s : float

    Notes
    -----
    .. math:: \\sigma(x) = \\frac{1}{1 + e^{-x}}

    For ``x < 0`` it is evaluated as :math:`e^{x} / (1 + e^{x})`, so ``math.exp`` never gets a
    large positive argument (``math.exp(1000)`` raises ``OverflowError``).
    """
    if np.ndim(x) != 0:
        raise TypeError("basic_sigmoid takes one real number; use sigmoid for lists and arrays")
    x = float(x)
    if x >= 0:
        return 1.0 / (1.0 + math.exp(-x))
    e = math.exp(x)
    return e / (1.0 + e)


def sigmoid(x):
    """Sigmoid of every entry of an array (numpy version of :func:`basic_sigmoid`).

    Parameters
    ----------
    x : array_like, any shape

    Returns
    -------
    s : ndarray, same shape as ``x``

    Notes
    -----
    .. math:: \\sigma(x) = \\frac{1}{1 + e^{-x}}

    This is :func:`dlutils.activations.sigmoid`, which is stable for large ``|x|``.
    """
    return activations.sigmoid(x)


def sigmoid_derivative(x):
    """Derivative of the sigmoid at every entry of ``x``.

    Parameters
    ----------
    x : array_like, any shape

    Returns
    -------
    ds : ndarray, same shape as ``x``

    Notes
    -----
    .. math:: \\sigma'(x) = \\sigma(x) (1 - \\sigma(x))
    """
    s = activations.sigmoid(x)
    return s * (1 - s)


def image2vector(image):
    """Unroll an image of shape (length, height, depth) into a column vector.

    Parameters
    ----------
    image : ndarray, shape (length, height, depth)

    Returns
    -------
    v : ndarray, shape (length * height * depth, 1)
        The entries in C order (depth varies fastest), as ``image.reshape(-1, 1)`` gives them.
        Like ``reshape``, this may be a view of ``image``; ``image`` itself is not changed.
    """
    image = np.asarray(image)
    if image.ndim != 3:
        raise ValueError(f"image has shape {image.shape}; expected (length, height, depth)")
    length, height, depth = image.shape
    return image.reshape(length * height * depth, 1)


def normalize_rows(x):
    """Divide each row of ``x`` by its Euclidean (L2) norm.

    Parameters
    ----------
    x : array_like, shape (n, d)

    Returns
    -------
    x_normalized : ndarray, shape (n, d)
        Every non-zero row has unit L2 norm. A row of zeros has no direction, so it is
        returned as zeros (its norm is treated as 1), without a division-by-zero warning.

    Notes
    -----
    .. math:: \\hat{x}_{ij} = \\frac{x_{ij}}{\\lVert x_{i,:} \\rVert_2}

    The norms are computed with ``keepdims=True``, shape (n, 1), so the division broadcasts
    across each row. Each row is first divided by its largest absolute entry (which does not
    change the result): squaring entries as small as 1e-160 or as large as 1e160 would
    otherwise underflow to 0 or overflow to inf.
    """
    x = _as_float_array(x)
    with np.errstate(under="ignore"):
        largest = np.abs(x).max(axis=1, keepdims=True)
        scaled = x / np.where(largest == 0, 1, largest)  # entries in [-1, 1]
        norms = np.linalg.norm(scaled, axis=1, keepdims=True)  # >= 1, or 0 for a zero row
        return scaled / np.where(norms == 0, 1, norms)


def softmax(x):
    """Row-wise softmax: each row of the result sums to 1.

    Parameters
    ----------
    x : array_like, shape (n, d)
        One row per example in this warm-up (a 1-D input is one row).

    Returns
    -------
    s : ndarray, shape (n, d)

    Notes
    -----
    .. math:: s_{ij} = \\frac{e^{x_{ij} - \\max_k x_{ik}}}{\\sum_k e^{x_{ik} - \\max_k x_{ik}}}

    The row maximum is subtracted first (it cancels) so that ``exp`` cannot overflow. This is
    the column-wise :func:`dlutils.activations.softmax` applied to ``x.T``. Note the layout:
    the rest of the course puts examples in columns and uses the column-wise version.
    """
    x = np.asarray(x)
    return activations.softmax(x.T).T


def L1(yhat, y) -> np.float64:
    """L1 loss: the sum of absolute differences.

    Parameters
    ----------
    yhat : array_like, shape (m,) or any shape
        Predictions.
    y : array_like, same shape as ``yhat``
        True values.

    Returns
    -------
    loss : numpy.float64
        A scalar (a subclass of float), like every cost in dlutils.

    Notes
    -----
    .. math:: L_1(\\hat{y}, y) = \\sum_{i} |y^{(i)} - \\hat{y}^{(i)}|
    """
    yhat, y = _same_shape_floats(yhat, y, ("yhat", "y"))
    return np.float64(np.abs(y - yhat).sum())


def L2(yhat, y) -> np.float64:
    """L2 loss: the sum of squared differences.

    Arguments and result as in :func:`L1`: predictions ``yhat`` and true values ``y`` of the
    same shape; the loss is a ``numpy.float64``.

    Notes
    -----
    .. math:: L_2(\\hat{y}, y) = \\sum_{i} (y^{(i)} - \\hat{y}^{(i)})^2

    For vectors this is ``np.dot(y - yhat, y - yhat)``.
    """
    yhat, y = _same_shape_floats(yhat, y, ("yhat", "y"))
    diff = y - yhat
    return np.float64((diff * diff).sum())


def column_percentages(A):
    """Each entry as a percentage of its column total (the calories-per-food example).

    Parameters
    ----------
    A : array_like, shape (n, m)
        For example, calories from n nutrients (rows) in m foods (columns).

    Returns
    -------
    percentages : ndarray, shape (n, m)
        Each column sums to 100. A column whose total is 0 has no meaningful shares and is
        returned as zeros, without a division-by-zero warning.

    Notes
    -----
    .. math:: P_{ij} = 100 \\, \\frac{A_{ij}}{\\sum_k A_{kj}}

    ``A.sum(axis=0, keepdims=True)`` has shape (1, m) and broadcasts down each column.
    """
    A = _as_float_array(A)
    totals = A.sum(axis=0, keepdims=True)
    with np.errstate(under="ignore"):
        return 100 * (A / np.where(totals == 0, 1, totals))


def computation_graph(a, b, c):
    """Forward and backward pass through the graph J = 3(a + b c), by hand.

    Parameters
    ----------
    a, b, c : float or array_like
        Scalars, or arrays that broadcast together.

    Returns
    -------
    J : float or ndarray
        The value of the graph.
    dJ_da, dJ_db, dJ_dc : float or ndarray
        The partial derivatives. With three scalars in, all four outputs are Python floats;
        otherwise they are arrays of the broadcast shape (elementwise partial derivatives).

    Notes
    -----
    Forward: :math:`u = b c,\\; v = a + u,\\; J = 3 v`.
    Backward (chain rule, right to left):

    .. math:: \\frac{\\partial J}{\\partial v} = 3,
              \\frac{\\partial J}{\\partial a} = 3 \\cdot \\frac{\\partial v}{\\partial a} = 3,
              \\frac{\\partial J}{\\partial u} = 3 \\cdot \\frac{\\partial v}{\\partial u} = 3,
              \\frac{\\partial J}{\\partial b} = 3 \\cdot \\frac{\\partial u}{\\partial b} = 3c,
              \\frac{\\partial J}{\\partial c} = 3 \\cdot \\frac{\\partial u}{\\partial c} = 3b
    """
    all_scalars = np.ndim(a) == 0 and np.ndim(b) == 0 and np.ndim(c) == 0
    a, b, c = (_as_float_array(value) for value in (a, b, c))
    shape = np.broadcast_shapes(a.shape, b.shape, c.shape)

    # forward
    u = b * c
    v = a + u
    J = 3 * v

    # backward
    dJ_dv = 3.0
    dJ_da = dJ_dv * np.ones(shape)  # dv/da = 1
    dJ_du = dJ_dv  # dv/du = 1
    dJ_db = dJ_du * np.broadcast_to(c, shape)  # du/db = c
    dJ_dc = dJ_du * np.broadcast_to(b, shape)  # du/dc = b

    if all_scalars:
        return float(J), float(dJ_da), float(dJ_db), float(dJ_dc)
    return J, dJ_da, dJ_db, dJ_dc
