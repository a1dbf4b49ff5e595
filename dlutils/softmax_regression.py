"""Softmax regression and a multi-class net: one-hot labels, the softmax cost and its gradient,
a mini-batch Adam model and class predictions.

``softmax``, ``softmax_backward``, ``compute_softmax_cost`` and
``softmax_cross_entropy_backward`` are re-exported from :mod:`dlutils.activations` and
:mod:`dlutils.losses` (one implementation each), so the assignment finds every piece here:
``softmax_backward(dA, Z)`` is the vector-Jacobian product of the softmax alone, like every
other ``*_backward(dA, Z)``; ``softmax_cross_entropy_backward(AL, Y)`` is the gradient of the
softmax AND the cross-entropy together with respect to ``Z``, which is just ``AL - Y``.

Introduced in: C2W3_batchnorm_softmax.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from dlutils.activations import softmax, softmax_backward
from dlutils.losses import compute_softmax_cost, softmax_cross_entropy_backward
from dlutils.optimizers import Adam
from dlutils.training import _fit, predict

__all__ = [
    "softmax",
    "one_hot",
    "compute_softmax_cost",
    "softmax_backward",
    "softmax_cross_entropy_backward",
    "softmax_model",
    "predict_classes",
]

# print_cost prints every this many epochs in softmax_model().
PRINT_EVERY = 10


def one_hot(Y: np.ndarray, C: int) -> np.ndarray:
    """One-hot encode integer class labels.

    Parameters
    ----------
    Y : array_like, shape (1, m) or (m,)
        Class labels in ``0, ..., C-1``, as integers or as integer-valued floats (the
        ``dlutils.datasets`` loaders give float64 labels).
    C : int
        Number of classes.

    Returns
    -------
    Y_one_hot : ndarray of float64, shape (C, m)
        ``Y_one_hot[k, i] = 1.0`` if example ``i`` has label ``k``, else 0.0.

    Raises
    ------
    ValueError
        For a label outside ``0..C-1``, a non-integer label, ``C < 1``, or another shape.

    Notes
    -----
    The inverse is ``Y_one_hot.argmax(axis=0)``.
    """
    if isinstance(C, bool) or int(C) != C or C < 1:
        raise ValueError(f"C must be a positive int, got {C!r}")
    labels = np.asarray(Y)
    if labels.ndim == 2 and labels.shape[0] == 1:
        labels = labels[0]
    if labels.ndim != 1:
        raise ValueError(f"Y has shape {np.shape(Y)}; expected (1, m) or (m,) class labels")
    if labels.size and not np.issubdtype(labels.dtype, np.integer):
        if not np.issubdtype(labels.dtype, np.number) or np.any(labels != np.round(labels)):
            raise ValueError("Y must hold integer class labels")
    if labels.size and (labels.min() < 0 or labels.max() > C - 1):
        bad = labels[(labels < 0) | (labels > C - 1)]
        raise ValueError(f"labels must be in 0..{C - 1}; got {bad[:5].tolist()}")
    encoded = np.zeros((int(C), labels.size), dtype=np.float64)
    encoded[labels.astype(np.intp), np.arange(labels.size)] = 1.0
    return encoded


def softmax_model(
    X: np.ndarray,
    Y: np.ndarray,
    layers_dims: Sequence[int],
    *,
    learning_rate: float = 0.001,
    mini_batch_size: int = 64,
    num_epochs: int = 100,
    beta1: float = 0.9,
    beta2: float = 0.999,
    epsilon: float = 1e-8,
    rng: np.random.Generator,
    print_cost: bool = False,
    progress: bool = False,
) -> tuple[dict[str, np.ndarray], list[float]]:
    """Train ``[LINEAR -> RELU] * (L-1) -> LINEAR -> SOFTMAX`` with mini-batch Adam.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Training inputs, one example per column.
    Y : ndarray, shape (C, m)
        One-hot labels (see :func:`one_hot`).
    layers_dims : sequence of int
        ``[n_x, n_1, ..., C]``. ``[n_x, C]`` is plain softmax regression.
    learning_rate, beta1, beta2, epsilon : float
        Adam's hyperparameters (:func:`dlutils.optimizers.update_parameters_with_adam`).
    mini_batch_size : int
        Examples per mini-batch.
    num_epochs : int
        Passes over the training set.
    rng : numpy.random.Generator, keyword-only
        Draw order: He initialisation (``W1`` to ``WL``, ``rng.standard_normal``), then one
        ``rng.permutation(m)`` per epoch for the mini-batches.
    print_cost : bool
        Print the cost every 10 epochs.
    progress : bool
        Show a ``tqdm.auto`` progress bar over the epochs.

    Returns
    -------
    parameters : dict of str -> ndarray
        ``W[l]`` ``(n[l], n[l-1])``, ``b[l]`` ``(n[l], 1)``.
    costs : list of numpy.float64
        The cost of every epoch, averaged over the examples.

    Notes
    -----
    This is :func:`dlutils.training.train` with ``output="softmax"``, ``initialization="he"``
    and Adam; the cost is :math:`J = -\\frac{1}{m}\\sum_i \\sum_k y_k^{(i)} \\log a_k^{[L](i)}`
    and the backward pass starts from ``dZ[L] = AL - Y`` (:func:`softmax_cross_entropy_backward`).
    """
    return _fit(
        X,
        Y,
        layers_dims,
        optimizer=Adam(learning_rate=learning_rate, beta1=beta1, beta2=beta2, epsilon=epsilon),
        learning_rate=learning_rate,
        mini_batch_size=mini_batch_size,
        num_epochs=num_epochs,
        optimizer_params=None,
        lambd=0.0,
        keep_prob=1.0,
        decay=None,
        output="softmax",
        initialization="he",
        dtype=np.float64,
        rng=rng,
        print_cost=print_cost,
        print_every=PRINT_EVERY,
        progress=progress,
        hyperparameters={},
    )


def predict_classes(parameters: Mapping[str, np.ndarray], X: np.ndarray) -> np.ndarray:
    """Class predictions of a ``[LINEAR -> RELU] * (L-1) -> LINEAR -> SOFTMAX`` net.

    Parameters
    ----------
    parameters : dict of str -> ndarray
        ``"W1", "b1", ..., "WL", "bL"``.
    X : ndarray, shape (n_x, m)

    Returns
    -------
    classes : ndarray of int64, shape (1, m)
        The most probable class of each example (the first one on a tie).
    """
    return predict(parameters, X, output="softmax")
