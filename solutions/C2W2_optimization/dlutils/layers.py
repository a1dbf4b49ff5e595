"""Forward and backward blocks of an L-layer fully connected net, with caches.

The net is ``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID`` for binary classification.
Examples are columns: ``A[l]`` has shape ``(n[l], m)``.

Caches are plain tuples, as in the classic assignment:

* ``linear_cache = (A_prev, W, b)``, stored by reference (nothing here changes an input);
* ``activation_cache = Z``;
* layer cache ``= (linear_cache, activation_cache)``;
* ``L_model_forward`` returns a list of the L layer caches, layer 1 first.

Gradient convention (the classic one): every ``dA`` and ``dZ`` is a derivative of the SUMMED
loss ``m * J``; the ``1/m`` of the mean cost ``J`` is applied only in ``dW`` and ``db``. So
``dW``/``db`` are the gradients of ``J`` itself, while ``dA0`` equals ``m * dJ/dX``.

Each backward function sits directly under its forward.

Introduced in: C1W4_deep_nn_step_by_step (used again in C1W4_deep_nn_application).
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from dlutils.activations import relu, relu_backward, sigmoid, sigmoid_backward, tanh, tanh_backward
from dlutils.losses import binary_cross_entropy_backward

__all__ = [
    "linear_forward",
    "linear_backward",
    "linear_activation_forward",
    "linear_activation_backward",
    "L_model_forward",
    "L_model_backward",
    "update_parameters",
]

# name -> (forward, backward); backward takes (dA, Z) and returns dZ.
_ACTIVATIONS = {
    "sigmoid": (sigmoid, sigmoid_backward),
    "relu": (relu, relu_backward),
    "tanh": (tanh, tanh_backward),
}


def _activation_pair(activation: str):
    """Return ``(forward, backward)`` for an activation name, or raise a ValueError naming the
    allowed ones."""
    try:
        return _ACTIVATIONS[activation]
    except (KeyError, TypeError):
        allowed = ", ".join(repr(name) for name in _ACTIVATIONS)
        raise ValueError(f"unknown activation {activation!r}; expected one of {allowed}") from None


def _check_linear_shapes(A: np.ndarray, W: np.ndarray, b: np.ndarray) -> None:
    """Raise a ValueError that names the mismatch when A, W, b cannot form ``W A + b``."""
    if np.ndim(A) != 2 or np.ndim(W) != 2:
        raise ValueError(
            f"A has shape {np.shape(A)} and W has shape {np.shape(W)}; both must be 2-D"
        )
    if W.shape[1] != A.shape[0]:
        raise ValueError(
            f"W has shape {W.shape} but A has {A.shape[0]} rows; expected W of shape "
            f"(n[l], {A.shape[0]})"
        )
    if np.shape(b) != (W.shape[0], 1):
        raise ValueError(f"b has shape {np.shape(b)}; expected ({W.shape[0]}, 1)")


def linear_forward(A, W, b):
    """Linear part of a layer's forward pass.

    Parameters
    ----------
    A : ndarray, shape (n[l-1], m)
        Activations of the previous layer (or the input X).
    W : ndarray, shape (n[l], n[l-1])
        Weights.
    b : ndarray, shape (n[l], 1)
        Biases (broadcast over the m columns).

    Returns
    -------
    Z : ndarray, shape (n[l], m)
        Pre-activation.
    cache : tuple
        ``(A, W, b)``, the same objects that were passed in, for :func:`linear_backward`.

    Notes
    -----
    .. math:: Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}
    """
    A, W, b = np.asarray(A), np.asarray(W), np.asarray(b)
    _check_linear_shapes(A, W, b)
    Z = W @ A + b
    return Z, (A, W, b)


def linear_backward(dZ, cache):
    """Linear part of a layer's backward pass.

    Parameters
    ----------
    dZ : ndarray, shape (n[l], m)
        Gradient of the summed loss with respect to ``Z[l]``.
    cache : tuple
        ``(A_prev, W, b)`` from :func:`linear_forward`.

    Returns
    -------
    dA_prev : ndarray, shape (n[l-1], m)
        Gradient with respect to ``A[l-1]`` (of the summed loss, like ``dZ``).
    dW : ndarray, shape (n[l], n[l-1])
        Gradient of the mean cost with respect to ``W[l]``.
    db : ndarray, shape (n[l], 1)
        Gradient of the mean cost with respect to ``b[l]``.

    Notes
    -----
    .. math::
        dW^{[l]} = \\frac{1}{m} dZ^{[l]} A^{[l-1]T}, \\qquad
        db^{[l]} = \\frac{1}{m} \\sum_{i=1}^{m} dZ^{[l](i)}, \\qquad
        dA^{[l-1]} = W^{[l]T} dZ^{[l]}
    """
    A_prev, W, _ = cache
    dZ = np.asarray(dZ)
    if dZ.shape != (W.shape[0], A_prev.shape[1]):
        raise ValueError(f"dZ has shape {dZ.shape}; expected {(W.shape[0], A_prev.shape[1])}")
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m
    db = dZ.sum(axis=1, keepdims=True) / m
    dA_prev = W.T @ dZ
    return dA_prev, dW, db


def linear_activation_forward(A_prev, W, b, activation):
    """Forward pass of one layer: LINEAR then ACTIVATION.

    Parameters
    ----------
    A_prev : ndarray, shape (n[l-1], m)
        Activations of the previous layer (or the input X).
    W : ndarray, shape (n[l], n[l-1])
    b : ndarray, shape (n[l], 1)
    activation : {"sigmoid", "relu", "tanh"}

    Returns
    -------
    A : ndarray, shape (n[l], m)
        Post-activation ``g(Z)``.
    cache : tuple
        ``(linear_cache, activation_cache)`` = ``((A_prev, W, b), Z)``.

    Raises
    ------
    ValueError
        If ``activation`` is not one of the three names.

    Notes
    -----
    .. math:: A^{[l]} = g^{[l]}\\left(W^{[l]} A^{[l-1]} + b^{[l]}\\right)
    """
    forward, _ = _activation_pair(activation)
    Z, linear_cache = linear_forward(A_prev, W, b)
    A = forward(Z)
    return A, (linear_cache, Z)


def linear_activation_backward(dA, cache, activation):
    """Backward pass of one layer: ACTIVATION backward then LINEAR backward.

    Parameters
    ----------
    dA : ndarray, shape (n[l], m)
        Gradient of the summed loss with respect to ``A[l]``.
    cache : tuple
        ``((A_prev, W, b), Z)`` from :func:`linear_activation_forward`.
    activation : {"sigmoid", "relu", "tanh"}
        The activation used in the forward pass.

    Returns
    -------
    dA_prev : ndarray, shape (n[l-1], m)
    dW : ndarray, shape (n[l], n[l-1])
    db : ndarray, shape (n[l], 1)

    Notes
    -----
    .. math:: dZ^{[l]} = dA^{[l]} \\odot g'^{[l]}(Z^{[l]})

    followed by :func:`linear_backward` on ``dZ``.

    ``relu'(0)`` is taken as 0.
    """
    _, backward = _activation_pair(activation)
    linear_cache, Z = cache
    dZ = backward(dA, Z)
    return linear_backward(dZ, linear_cache)


def L_model_forward(X, parameters: Mapping[str, np.ndarray]):
    """Forward pass of ``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID``.

    Parameters
    ----------
    X : ndarray, shape (n[0], m)
        Input, one example per column.
    parameters : dict of str -> ndarray
        ``"W1", "b1", ..., "WL", "bL"`` with ``W[l]`` of shape (n[l], n[l-1]) and ``b[l]`` of
        shape (n[l], 1). ``L = len(parameters) // 2``.

    Returns
    -------
    AL : ndarray, shape (n[L], m)
        Output probabilities (the sigmoid of ``Z[L]``).
    caches : list of L tuples
        ``caches[l - 1]`` is layer l's ``((A[l-1], W[l], b[l]), Z[l])``.

    Notes
    -----
    .. math::
        A^{[0]} = X, \\quad A^{[l]} = \\mathrm{relu}(W^{[l]} A^{[l-1]} + b^{[l]})
        \\ (l < L), \\quad A^{[L]} = \\sigma(W^{[L]} A^{[L-1]} + b^{[L]})
    """
    n_layers = len(parameters) // 2
    if n_layers < 1:
        raise ValueError("parameters must hold at least W1 and b1")
    caches = []
    A = X
    for layer in range(1, n_layers):
        A, cache = linear_activation_forward(
            A, parameters[f"W{layer}"], parameters[f"b{layer}"], "relu"
        )
        caches.append(cache)
    AL, cache = linear_activation_forward(
        A, parameters[f"W{n_layers}"], parameters[f"b{n_layers}"], "sigmoid"
    )
    caches.append(cache)
    return AL, caches


def L_model_backward(AL, Y, caches):
    """Backward pass of ``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID`` with cross-entropy.

    Parameters
    ----------
    AL : ndarray, shape (1, m)
        Output of :func:`L_model_forward`.
    Y : ndarray, shape (1, m)
        True labels, 0 or 1 (any array with m entries; it is reshaped like ``AL``).
    caches : list of L tuples
        From :func:`L_model_forward`.

    Returns
    -------
    grads : dict of str -> ndarray
        For ``l = 1..L``: ``"dW" + str(l)`` of shape (n[l], n[l-1]) and ``"db" + str(l)`` of
        shape (n[l], 1), the gradients of the mean cost ``J``; and ``"dA" + str(l - 1)`` of
        shape (n[l-1], m), the gradient with respect to the INPUT of layer l (so ``"dA0"`` is
        with respect to X and ``"dA{L-1}"`` with respect to the last hidden activation).
        ``dA`` entries are gradients of the summed loss ``m J``: ``dA0 = m * dJ/dX``.

    Notes
    -----
    The pass starts from the classic

    .. math:: dA^{[L]} = -\\left(\\frac{Y}{A^{[L]}} - \\frac{1 - Y}{1 - A^{[L]}}\\right)

    (``losses.binary_cross_entropy_backward``), goes through the sigmoid layer, then through
    the ReLU layers from L-1 down to 1 with :func:`linear_activation_backward`.
    """
    n_layers = len(caches)
    Y = np.asarray(Y)
    if Y.size != np.size(AL):
        raise ValueError(f"Y has shape {Y.shape}; expected the shape of AL, {np.shape(AL)}")
    Y = Y.reshape(np.shape(AL))
    grads = {}
    dA = binary_cross_entropy_backward(AL, Y)
    activation = "sigmoid"
    for layer in range(n_layers, 0, -1):
        dA, dW, db = linear_activation_backward(dA, caches[layer - 1], activation)
        grads[f"dA{layer - 1}"] = dA
        grads[f"dW{layer}"] = dW
        grads[f"db{layer}"] = db
        activation = "relu"
    return grads


def update_parameters(parameters: Mapping[str, np.ndarray], grads, learning_rate):
    """One step of gradient descent; returns a NEW dict and leaves ``parameters`` unchanged.

    Parameters
    ----------
    parameters : dict of str -> ndarray
        ``"W1", "b1", ..., "WL", "bL"``; ``L = len(parameters) // 2``.
    grads : dict of str -> ndarray
        Holds at least ``"dW1", "db1", ..., "dWL", "dbL"`` with matching shapes (other keys,
        such as ``"dA0"``, are ignored).
    learning_rate : float
        Step size alpha.

    Returns
    -------
    parameters : dict of str -> ndarray
        New arrays ``W[l] - alpha dW[l]`` and ``b[l] - alpha db[l]``, keys in the order
        W1, b1, ..., WL, bL.

    Notes
    -----
    .. math::
        W^{[l]} := W^{[l]} - \\alpha\\, dW^{[l]}, \\qquad b^{[l]} := b^{[l]} - \\alpha\\, db^{[l]}
    """
    n_layers = len(parameters) // 2
    updated = {}
    for layer in range(1, n_layers + 1):
        for name in (f"W{layer}", f"b{layer}"):
            grad = grads.get("d" + name)
            if grad is None:
                raise KeyError(f"grads is missing {'d' + name!r}")
            if np.shape(grad) != np.shape(parameters[name]):
                raise ValueError(
                    f"d{name} has shape {np.shape(grad)}; expected {np.shape(parameters[name])}"
                )
            updated[name] = parameters[name] - learning_rate * np.asarray(grad)
    return updated
