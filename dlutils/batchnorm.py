"""Batch normalization of a layer's pre-activations ``Z``, forward and backward.

In training mode the batch statistics normalise ``Z`` and update running averages; at test
time the running averages are used instead, so a prediction never depends on the other
examples in its batch.

Introduced in: C2W3_batchnorm_softmax.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np

__all__ = ["initialize_running", "batchnorm_forward", "batchnorm_backward"]


def initialize_running(n: int, dtype: np.dtype | type = np.float64) -> dict[str, np.ndarray]:
    """Initial running statistics for a batch-norm layer with ``n`` units.

    Parameters
    ----------
    n : int
        Number of units (rows of ``Z``).
    dtype : numpy dtype
        Dtype of the arrays.

    Returns
    -------
    running : dict
        ``{"mean": zeros (n, 1), "var": ones (n, 1)}``. The variance starts at 1 (as in
        PyTorch), so that a layer used at test time before any training step is the identity
        up to ``eps`` rather than a division by ``sqrt(eps)``.
    """
    return {"mean": np.zeros((n, 1), dtype=dtype), "var": np.ones((n, 1), dtype=dtype)}


def batchnorm_forward(
    Z: np.ndarray,
    gamma: np.ndarray,
    beta: np.ndarray,
    running: Mapping[str, np.ndarray],
    *,
    training: bool,
    momentum: float = 0.9,
    eps: float = 1e-8,
) -> tuple[np.ndarray, dict[str, Any], dict[str, np.ndarray]]:
    """Batch-normalise pre-activations, then scale by ``gamma`` and shift by ``beta``.

    Parameters
    ----------
    Z : ndarray, shape (n, m)
        Pre-activations of ``n`` units for ``m`` examples.
    gamma : ndarray, shape (n, 1)
        Learnable scale.
    beta : ndarray, shape (n, 1)
        Learnable shift (not the momentum of an optimizer).
    running : dict
        ``{"mean": (n, 1), "var": (n, 1)}`` running statistics (see :func:`initialize_running`).
    training : bool
        Keyword-only and required. True: normalise with the statistics of this batch and
        update the running averages. False (test time): normalise with ``running``.
    momentum : float
        Weight of the old running value in the update.
    eps : float
        Added to the variance inside the square root.

    Returns
    -------
    Z_tilde : ndarray, shape (n, m)
        ``gamma * Z_norm + beta``.
    cache : dict
        Opaque; pass it to :func:`batchnorm_backward`. Holds ``"training"`` (the mode).
    new_running : dict
        Training: the updated running statistics (new arrays). Test time: a new dict holding
        copies of the same statistics, unchanged.

    Notes
    -----
    Training mode, with means over the ``m`` examples (axis 1) and the biased variance:

    .. math::
        \\mu = \\frac{1}{m} \\sum_i z^{(i)}, \\qquad
        \\sigma^2 = \\frac{1}{m} \\sum_i (z^{(i)} - \\mu)^2, \\qquad
        z_{norm}^{(i)} = \\frac{z^{(i)} - \\mu}{\\sqrt{\\sigma^2 + \\varepsilon}}, \\qquad
        \\tilde z^{(i)} = \\gamma z_{norm}^{(i)} + \\beta

    .. math::
        \\text{mean} := \\text{momentum} \\cdot \\text{mean} + (1 - \\text{momentum})\\, \\mu,
        \\qquad
        \\text{var} := \\text{momentum} \\cdot \\text{var} + (1 - \\text{momentum})\\, \\sigma^2

    (the running variance averages the same biased variance used to normalise). At test time
    ``mu`` and ``sigma^2`` are replaced by ``running["mean"]`` and ``running["var"]``.
    """
    Z = np.asarray(Z)
    n = Z.shape[0]
    for name, array in (("gamma", gamma), ("beta", beta)):
        if np.shape(array) != (n, 1):
            raise ValueError(f"{name} has shape {np.shape(array)}; expected ({n}, 1)")
    for key in ("mean", "var"):
        if np.shape(running[key]) != (n, 1):
            raise ValueError(
                f"running[{key!r}] has shape {np.shape(running[key])}; expected ({n}, 1)"
            )

    if not training:
        inv_std = 1.0 / np.sqrt(running["var"] + eps)
        Z_norm = (Z - running["mean"]) * inv_std
        Z_tilde = gamma * Z_norm + beta
        cache = {"training": False}
        return Z_tilde, cache, {"mean": running["mean"].copy(), "var": running["var"].copy()}

    mu = Z.mean(axis=1, keepdims=True)
    centred = Z - mu
    var = (centred * centred).mean(axis=1, keepdims=True)
    inv_std = 1.0 / np.sqrt(var + eps)
    Z_norm = centred * inv_std
    Z_tilde = gamma * Z_norm + beta
    momentum = float(momentum)
    new_running = {
        "mean": momentum * running["mean"] + (1.0 - momentum) * mu,
        "var": momentum * running["var"] + (1.0 - momentum) * var,
    }
    cache = {"training": True, "Z_norm": Z_norm, "gamma": gamma, "inv_std": inv_std}
    return Z_tilde, cache, new_running


def batchnorm_backward(
    dZ_tilde: np.ndarray, cache: Mapping[str, Any]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Backward pass of :func:`batchnorm_forward` in training mode.

    Parameters
    ----------
    dZ_tilde : ndarray, shape (n, m)
        Upstream gradient with respect to ``Z_tilde``.
    cache : dict
        From :func:`batchnorm_forward` with ``training=True``.

    Returns
    -------
    dZ : ndarray, shape (n, m)
        Gradient with respect to ``Z``, through the batch mean and variance as well.
    dgamma : ndarray, shape (n, 1)
    dbeta : ndarray, shape (n, 1)

    Raises
    ------
    ValueError
        For a cache made with ``training=False``: test-time batch norm is not trained through.

    Notes
    -----
    With ``g = gamma * dZ_tilde`` (the gradient with respect to ``Z_norm``), per unit:

    .. math::
        d\\beta = \\sum_i d\\tilde z^{(i)}, \\qquad
        d\\gamma = \\sum_i d\\tilde z^{(i)} z_{norm}^{(i)}, \\qquad
        dz^{(i)} = \\frac{1}{m \\sqrt{\\sigma^2 + \\varepsilon}}
        \\Big(m\\, g^{(i)} - \\sum_j g^{(j)} - z_{norm}^{(i)} \\sum_j g^{(j)} z_{norm}^{(j)}\\Big)
    """
    if not cache.get("training", False):
        raise ValueError(
            "batchnorm_backward needs a training-mode cache (batchnorm_forward(..., "
            "training=True)); a test-time forward pass uses fixed running statistics and is "
            "not differentiated here"
        )
    Z_norm, gamma, inv_std = cache["Z_norm"], cache["gamma"], cache["inv_std"]
    m = Z_norm.shape[1]
    dbeta = dZ_tilde.sum(axis=1, keepdims=True)
    dgamma = (dZ_tilde * Z_norm).sum(axis=1, keepdims=True)
    dZ_norm = gamma * dZ_tilde
    dZ = (inv_std / m) * (
        m * dZ_norm
        - dZ_norm.sum(axis=1, keepdims=True)
        - Z_norm * (dZ_norm * Z_norm).sum(axis=1, keepdims=True)
    )
    return dZ, dgamma, dbeta
