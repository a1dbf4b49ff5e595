"""Cross-entropy costs and the gradient of the binary cross-entropy.

Costs are returned as ``numpy.float64`` scalars, a subclass of Python ``float``: the classic
course's public tests check ``type(cost) == np.float64`` (or ``isinstance(cost, np.float64)``),
other code checks ``isinstance(cost, float)``, and both hold. For the costs, probabilities are
clipped to ``[eps, 1 - eps]`` with ``eps = np.finfo(dtype).eps`` before the log, so outputs of
exactly 0 or 1 give a large but finite cost instead of inf/nan and a RuntimeWarning.
Probabilities already inside that interval are not changed, so on ordinary inputs the values
are the textbook formulas.

The gradient ``dAL`` is the textbook formula for every ``AL`` the caller passes, including
values outside (0, 1) (the classic public test of ``L_model_backward`` draws ``AL`` with
``np.random.randn``). Only values whose division would give inf are moved: exactly 0, exactly
1, and subnormals (whose reciprocal overflows).

Introduced in: C1W3_planar_classification and C1W4_deep_nn_step_by_step (``compute_cost``),
C1W4_deep_nn_step_by_step (``binary_cross_entropy_backward``),
C2W3_batchnorm_softmax (``compute_softmax_cost``, ``softmax_cross_entropy_backward``).
"""

from __future__ import annotations

import numpy as np

from dlutils.activations import _as_float_array

__all__ = [
    "compute_cost",
    "binary_cross_entropy_backward",
    "compute_softmax_cost",
    "softmax_cross_entropy_backward",
]


def _check_shapes(AL: np.ndarray, Y: np.ndarray) -> None:
    if AL.ndim != 2:
        raise ValueError(f"AL has shape {AL.shape}; expected a 2-D array (n_y, m)")
    if Y.shape != AL.shape:
        raise ValueError(f"Y has shape {Y.shape}; expected the shape of AL, {AL.shape}")


def _clip_probabilities(AL: np.ndarray) -> np.ndarray:
    """Clip to ``[eps, 1 - eps]`` (a new array; ``AL`` itself is untouched)."""
    eps = np.finfo(AL.dtype).eps
    return np.clip(AL, eps, 1 - eps)


def compute_cost(AL, Y) -> np.float64:
    """Binary cross-entropy cost, averaged over the m examples.

    Parameters
    ----------
    AL : array_like, shape (1, m)
        Predicted probabilities of class 1 (the sigmoid output of the last layer).
    Y : array_like, shape (1, m)
        True labels, 0 or 1.

    Returns
    -------
    cost : numpy.float64
        A scalar (a subclass of float), whatever the floating dtype of ``AL``.

    Notes
    -----
    .. math:: J = -\\frac{1}{m} \\sum_{i=1}^{m} \\left[ y^{(i)} \\log a^{(i)}
              + (1 - y^{(i)}) \\log(1 - a^{(i)}) \\right]

    ``a`` is clipped to ``[eps, 1 - eps]`` first, so ``J`` is finite even when a prediction
    is exactly 0 or 1; ``log(1 - a)`` is computed as ``log1p(-a)``.
    """
    AL, Y = _as_float_array(AL), np.asarray(Y)
    _check_shapes(AL, Y)
    m = Y.shape[1]
    A = _clip_probabilities(AL)
    log_likelihood = Y * np.log(A) + (1 - Y) * np.log1p(-A)
    return np.float64(-log_likelihood.sum() / m)


def binary_cross_entropy_backward(AL, Y):
    """Gradient of the (summed) binary cross-entropy with respect to the predictions.

    Parameters
    ----------
    AL : array_like, shape (1, m)
        Predicted probabilities of class 1.
    Y : array_like, shape (1, m)
        True labels, 0 or 1.

    Returns
    -------
    dAL : ndarray, shape (1, m)

    Notes
    -----
    .. math:: dAL = -\\left( \\frac{Y}{AL} - \\frac{1 - Y}{1 - AL} \\right)

    This is the classic ``dAL`` that starts ``L_model_backward``: the derivative of
    :math:`m J`, the per-example losses summed. The ``1/m`` of the mean is applied later, in
    ``dW = dZ A_prev^T / m`` and ``db``.

    The result is exactly ``-(np.divide(Y, AL) - np.divide(1 - Y, 1 - AL))`` for every ``AL``
    the caller passes, inside (0, 1) or not: ``AL`` need not be a probability (the classic
    public test of ``L_model_backward`` uses ``AL = np.random.randn(1, 2)``, so values below
    0 and above 1). Only values that would divide by zero, or whose reciprocal overflows to
    inf, are moved, so the result stays finite:

    - ``AL`` exactly 0 (either sign) becomes the smallest normal float ``tiny``;
    - a nonzero subnormal ``AL`` (``0 < |AL| < tiny``) becomes ``tiny`` with its sign;
    - ``AL`` exactly 1 becomes ``1 - epsneg`` (the float just below 1).

    Nothing else is clipped: a saturated but wrong prediction such as ``AL = 1e-20, Y = 1``
    gives ``dAL = -1e20``, and the sigmoid's backward pass turns that into
    ``dZ = AL - Y = -1`` as it should (clipping to ``eps`` would give about ``-4.5e-5``).
    NaN stays NaN.
    """
    AL, Y = _as_float_array(AL), np.asarray(Y)
    _check_shapes(AL, Y)
    info = np.finfo(AL.dtype)
    # Sign-preserving lift of zeros and subnormals (-0.0 < 0 is False, so zeros go to +tiny).
    lifted = np.where(AL < 0, -info.tiny, info.tiny)
    A = np.where(np.abs(AL) < info.tiny, lifted, np.where(AL == 1, 1 - info.epsneg, AL))
    with np.errstate(over="ignore", under="ignore"):  # huge Y, or huge |AL|
        return -(Y / A - (1 - Y) / (1 - A))


def compute_softmax_cost(AL, Y) -> np.float64:
    """Categorical cross-entropy cost for one-hot labels, averaged over the m examples.

    Parameters
    ----------
    AL : array_like, shape (C, m)
        Predicted class probabilities (softmax output); each column sums to 1.
    Y : array_like, shape (C, m)
        One-hot true labels.

    Returns
    -------
    cost : numpy.float64
        The mean over the examples, as for :func:`compute_cost`.

    Notes
    -----
    .. math:: J = -\\frac{1}{m} \\sum_{i=1}^{m} \\sum_{k=1}^{C} y_k^{(i)} \\log a_k^{(i)}

    ``a`` is raised to at least ``eps`` first (there is no ``log(1 - a)`` term, so no upper
    clip is needed and a perfect prediction costs exactly 0). A zero probability for the true
    class gives a large finite cost (about 36 per example in float64) rather than inf.
    """
    AL, Y = _as_float_array(AL), np.asarray(Y)
    _check_shapes(AL, Y)
    m = Y.shape[1]
    A = np.maximum(AL, np.finfo(AL.dtype).eps)
    return np.float64(-(Y * np.log(A)).sum() / m)


def softmax_cross_entropy_backward(AL, Y):
    """Gradient of the softmax cross-entropy with respect to ``Z[L]``: softmax and cost together.

    Parameters
    ----------
    AL : array_like, shape (C, m)
        Softmax output (each column sums to 1).
    Y : array_like, shape (C, m)
        One-hot labels.

    Returns
    -------
    dZ : ndarray, shape (C, m)
        ``AL - Y``.

    Notes
    -----
    For one example with loss :math:`\\mathcal{L} = -\\sum_k y_k \\log a_k`,
    :math:`a = \\mathrm{softmax}(z)` and :math:`\\sum_k y_k = 1`:

    .. math:: \\frac{\\partial \\mathcal{L}}{\\partial z} = a - y

    This is the chain rule through :func:`dlutils.activations.softmax_backward` with
    ``dA = -Y / AL``, multiplied out. It is the gradient of the SUMMED loss ``m J``; the ``1/m``
    of the mean cost is applied in the linear backward (``dW = dZ A_prev^T / m``), as everywhere
    in the course.
    """
    AL, Y = _as_float_array(AL), np.asarray(Y)
    _check_shapes(AL, Y)
    return AL - Y
