"""Predictions and scores of a trained binary classifier: 0/1 labels and the fraction right.

:func:`predict` thresholds the output of the L-layer net of :mod:`dlutils.layers`
(``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID``) at 0.5; :func:`accuracy` compares labels.
They are given to the learner in C1W4_deep_nn_application, next to the blocks the graded
training loops are written with (so they live apart from :mod:`dlutils.models`, which holds
the graded loops themselves).

Introduced in: C1W4_deep_nn_application.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from dlutils.layers import L_model_forward

__all__ = ["predict", "accuracy"]


def predict(parameters: Mapping[str, np.ndarray], X) -> np.ndarray:
    """Predict 0/1 labels with an L-layer ``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID`` net.

    Parameters
    ----------
    parameters : dict of str -> ndarray
        ``"W1", "b1", ..., "WL", "bL"`` as returned by :func:`dlutils.models.two_layer_model` or
        :func:`dlutils.models.L_layer_model`.
    X : ndarray, shape (n_x, m)
        Inputs, one example per column.

    Returns
    -------
    predictions : ndarray of float64, shape (1, m)
        1.0 where the output probability is strictly greater than 0.5, else 0.0.

    Notes
    -----
    .. math:: \\hat y^{(i)} = \\mathbb{1}\\left[a^{[L](i)} > 0.5\\right]
    """
    AL, _ = L_model_forward(X, parameters)
    return (AL > 0.5).astype(np.float64)


def accuracy(predictions, Y) -> float:
    """Fraction of examples whose prediction equals the label.

    Parameters
    ----------
    predictions : ndarray, shape (1, m)
        Predicted labels, e.g. from :func:`predict`.
    Y : ndarray, shape (1, m)
        True labels (any integer or float dtype; a flat ``(m,)`` array is accepted too).

    Returns
    -------
    accuracy : float
        In [0, 1].

    Notes
    -----
    .. math:: \\mathrm{acc} = \\frac{1}{m} \\sum_{i=1}^{m} \\mathbb{1}[\\hat y^{(i)} = y^{(i)}]
    """
    predictions = np.asarray(predictions)
    Y = np.asarray(Y)
    if predictions.size != Y.size:
        raise ValueError(
            f"predictions has shape {predictions.shape} but Y has shape {Y.shape}; "
            "they must hold the same number of examples"
        )
    if Y.size == 0:
        raise ValueError("accuracy of zero examples is undefined")
    return float(np.mean(predictions.ravel() == Y.ravel()))
