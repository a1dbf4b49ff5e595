"""What the learner of C2W1_gradient_checking is given: parameter vectors and the 3-layer net.

Gradient checking needs the parameters of a network as one vector ``theta`` (to shift one entry
at a time), the way back to a dict (to run the network on the shifted entries), and a network
whose cost and backward pass are to be compared. This module holds exactly that, on numpy
alone, and nothing that computes a difference: the centred difference and the relative
difference are the learner's to write (:mod:`dlutils.gradcheck` and
:mod:`dlutils.gradient_checking` hold the reference ones).

The net is ``LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID`` with the mean
cross-entropy cost, the net of :mod:`dlutils.regularization`: the same numbers, the same cache
``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``. The judge checks a learner's
``gradient_check_n`` with this very ``forward_propagation_n``, so both see the same costs.

Introduced in: C2W1_gradient_checking (the vector helpers are re-exported by
:mod:`dlutils.gradcheck`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

__all__ = [
    "dictionary_to_vector",
    "vector_to_dictionary",
    "gradients_to_vector",
    "forward_propagation_n",
    "backward_propagation_n",
]


def _parameter_keys(parameters: Mapping[str, np.ndarray]) -> list[str]:
    """Return the keys of an L-layer parameter dict in the order W1, b1, W2, b2, ..."""
    n_layers = len(parameters) // 2
    keys = []
    for layer in range(1, n_layers + 1):
        keys += [f"W{layer}", f"b{layer}"]
    if set(keys) != set(parameters):
        raise KeyError(
            f"expected keys {keys}, got {sorted(parameters)}; "
            "parameters must be W1, b1, ..., WL, bL"
        )
    return keys


def dictionary_to_vector(parameters: Mapping[str, np.ndarray]) -> tuple[np.ndarray, list[tuple]]:
    """Flatten ``{"W1", "b1", ..., "WL", "bL"}`` into one column vector.

    Parameters
    ----------
    parameters : dict of str -> ndarray
        ``W[l]`` of shape ``(n[l], n[l-1])`` and ``b[l]`` of shape ``(n[l], 1)``.

    Returns
    -------
    theta : ndarray, shape (n_params, 1)
        A new array: the entries of W1, b1, W2, b2, ... in that order, each raveled in C order.
    layout : list of (key, shape)
        What :func:`vector_to_dictionary` needs to undo the flattening.
    """
    keys = _parameter_keys(parameters)
    layout = [(key, np.shape(parameters[key])) for key in keys]
    theta = np.concatenate([np.asarray(parameters[key], dtype=np.float64).ravel() for key in keys])
    return theta.reshape(-1, 1), layout


def vector_to_dictionary(theta: np.ndarray, layout: Sequence[tuple]) -> dict[str, np.ndarray]:
    """Inverse of :func:`dictionary_to_vector`.

    Parameters
    ----------
    theta : ndarray, shape (n_params, 1) or (n_params,)
    layout : list of (key, shape)
        As returned by :func:`dictionary_to_vector`.

    Returns
    -------
    parameters : dict of str -> ndarray
        New arrays (copies), never views into ``theta``.
    """
    flat = np.asarray(theta, dtype=np.float64).ravel()
    expected = sum(int(np.prod(shape)) for _, shape in layout)
    if flat.size != expected:
        raise ValueError(f"theta has {flat.size} entries; the layout needs {expected}")
    parameters, start = {}, 0
    for key, shape in layout:
        size = int(np.prod(shape))
        parameters[key] = flat[start : start + size].reshape(shape).copy()
        start += size
    return parameters


def gradients_to_vector(gradients: Mapping[str, np.ndarray]) -> np.ndarray:
    """Flatten ``{"dW1", "db1", ..., "dWL", "dbL"}`` (other keys ignored) into a column vector.

    The order matches :func:`dictionary_to_vector`, so the two vectors line up entry by entry.

    Returns
    -------
    grad : ndarray, shape (n_params, 1)
        A new array.
    """
    n_layers = sum(1 for key in gradients if key.startswith("dW"))
    parts = []
    for layer in range(1, n_layers + 1):
        for name in (f"dW{layer}", f"db{layer}"):
            if name not in gradients:
                raise KeyError(f"gradients is missing {name!r}")
            parts.append(np.asarray(gradients[name], dtype=np.float64).ravel())
    return np.concatenate(parts).reshape(-1, 1)


# -- the 3-layer net whose backward pass is checked -------------------------------------------

_NET_KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")


def _sigmoid(Z: np.ndarray) -> np.ndarray:
    """The stable sigmoid of :func:`dlutils.activations.sigmoid` (the same operations)."""
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(Z))
        s = 1.0 / (1.0 + e)
        return np.where(Z >= 0, s, e * s)


def _mean_cross_entropy(A3: np.ndarray, Y: np.ndarray) -> np.float64:
    """:func:`dlutils.losses.compute_cost`: probabilities clipped to [eps, 1 - eps]."""
    eps = np.finfo(np.float64).eps
    A = np.clip(A3, eps, 1 - eps)
    log_likelihood = Y * np.log(A) + (1 - Y) * np.log1p(-A)
    return np.float64(-log_likelihood.sum() / Y.shape[1])


def forward_propagation_n(
    X: np.ndarray, Y: np.ndarray, parameters: Mapping[str, np.ndarray]
) -> tuple[np.float64, tuple]:
    """Forward pass and mean cross-entropy cost of LINEAR -> RELU -> LINEAR -> RELU -> LINEAR ->
    SIGMOID.

    Parameters
    ----------
    X, Y : ndarray, shapes (n_x, m) and (1, m)
        Inputs (one example per column) and true labels, 0 or 1.
    parameters : dict of str -> ndarray
        ``W1`` (n1, n_x), ``b1`` (n1, 1), ``W2`` (n2, n1), ``b2`` (n2, 1), ``W3`` (1, n2),
        ``b3`` (1, 1).

    Returns
    -------
    cost : numpy.float64
        The mean cross-entropy (a subclass of float).
    cache : tuple
        ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``.

    Notes
    -----
    .. math::
        Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}, \\quad
        A^{[l]} = \\mathrm{relu}(Z^{[l]})\\ (l = 1, 2), \\quad A^{[3]} = \\sigma(Z^{[3]}), \\\\
        J = -\\frac{1}{m} \\sum_i \\left[ y^{(i)} \\log a^{[3](i)}
        + (1 - y^{(i)}) \\log(1 - a^{[3](i)}) \\right]
    """
    if set(parameters) != set(_NET_KEYS):
        raise ValueError(
            f"this is the 3-layer net: parameters must be {list(_NET_KEYS)}, got {list(parameters)}"
        )
    X = np.asarray(X, dtype=np.float64)
    cache: list = []
    A = X
    for layer in (1, 2, 3):
        W, b = parameters[f"W{layer}"], parameters[f"b{layer}"]
        Z = W @ A + b
        A = _sigmoid(Z) if layer == 3 else np.maximum(Z, 0)
        cache += [Z, A, W, b]
    return _mean_cross_entropy(A, np.asarray(Y)), tuple(cache)


def backward_propagation_n(X: np.ndarray, Y: np.ndarray, cache: tuple) -> dict[str, np.ndarray]:
    """Backward pass of :func:`forward_propagation_n` (correct: the one to check against).

    Parameters
    ----------
    X, Y : ndarray, shapes (n_x, m) and (1, m)
    cache : tuple
        From :func:`forward_propagation_n`.

    Returns
    -------
    gradients : dict of str -> ndarray
        ``"dZ3"`` (1, m), ``"dW3"`` (1, n2), ``"db3"`` (1, 1), ``"dA2"`` (n2, m), ``"dZ2"``,
        ``"dW2"`` (n2, n1), ``"db2"`` (n2, 1), ``"dA1"`` (n1, m), ``"dZ1"``, ``"dW1"``
        (n1, n_x), ``"db1"`` (n1, 1): ``dW[l]`` and ``db[l]`` are the gradients of the cost.

    Notes
    -----
    .. math::
        dZ^{[3]} = A^{[3]} - Y, \\quad dW^{[l]} = \\tfrac{1}{m} dZ^{[l]} A^{[l-1]T}, \\quad
        db^{[l]} = \\tfrac{1}{m} \\textstyle\\sum_i dZ^{[l](i)}, \\\\
        dA^{[l]} = W^{[l+1]T} dZ^{[l+1]}, \\quad
        dZ^{[l]} = dA^{[l]} \\odot \\mathbb{1}[Z^{[l]} > 0]
    """
    m = X.shape[1]
    inputs = {1: np.asarray(X, dtype=np.float64), 2: cache[1], 3: cache[5]}
    gradients: dict[str, np.ndarray] = {}
    dZ = cache[9] - Y
    for layer in (3, 2, 1):
        gradients[f"dZ{layer}"] = dZ
        gradients[f"dW{layer}"] = dZ @ inputs[layer].T / m
        gradients[f"db{layer}"] = dZ.sum(axis=1, keepdims=True) / m
        if layer > 1:
            dA = cache[4 * layer - 2].T @ dZ  # W[layer].T @ dZ[layer]
            gradients[f"dA{layer - 1}"] = dA
            dZ = dA * (cache[4 * (layer - 1) - 4] > 0) + 0.0  # relu'(Z[layer - 1])
    return gradients
