"""The one fast path of dlutils: the forward and backward pass that the training loops run.

The readable reference of one gradient-descent iteration is the composition a learner writes::

    AL, caches = layers.L_model_forward(X, parameters)
    cost = losses.compute_cost(AL, Y)
    grads = layers.L_model_backward(AL, Y, caches)
    parameters = layers.update_parameters(parameters, grads, learning_rate)

:func:`forward` and :func:`backward` compute the same numbers with less work, and
:func:`dlutils.models.L_layer_model`, :func:`dlutils.models.two_layer_model` and
:func:`dlutils.training.train` run them in that loop (``make bench`` shows the difference: the
composition is about 1.3-1.6 times slower on the L-layer row). They differ from the public
blocks in three ways, and only in rounding:

* the backward pass starts from ``dZ[L] = AL - Y``: the sigmoid (or softmax) derivative and the
  cross-entropy derivative multiplied out, instead of ``dAL = -(Y/AL - (1-Y)/(1-AL))`` followed
  by ``sigmoid_backward``. That is exact, also where ``AL`` saturates;
* ``dA0``, the gradient with respect to the inputs, is never computed: training does not need it;
* the caches are ``(A_prev, Z, D)`` tuples (``D`` the dropout mask or None), not the classic
  ``((A_prev, W, b), Z)``, and there are no shape checks per layer.

They also carry what the general trainer adds to the Course 1 net: a softmax output, inverted
dropout on the hidden layers (:func:`dlutils.regularization.dropout_forward`) and the L2 term of
the weight gradients. ``tests/dlutils/test_fastpath.py`` proves that they give the numbers of
the composition of public blocks (to about 1e-12, after whole trainings), so that a suite may
compare trained values at tight tolerances.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from dlutils.activations import relu, relu_backward, sigmoid, softmax
from dlutils.regularization import dropout_backward, dropout_forward

__all__ = ["forward", "backward"]


def forward(
    X: np.ndarray,
    parameters: Mapping[str, np.ndarray],
    *,
    output: str = "sigmoid",
    keep_prob: float = 1.0,
    rng: np.random.Generator | None = None,
) -> tuple[np.ndarray, list[tuple]]:
    """``[LINEAR -> RELU (-> DROPOUT)] * (L-1) -> LINEAR -> SIGMOID or SOFTMAX``.

    Parameters
    ----------
    X : ndarray, shape (n[0], m)
    parameters : dict of str -> ndarray
        ``W[l]`` (n[l], n[l-1]) and ``b[l]`` (n[l], 1) for ``l = 1..L``.
    output : {"sigmoid", "softmax"}
    keep_prob : float
        Inverted-dropout keep probability of the hidden layers; 1 draws no masks.
    rng : numpy.random.Generator or None
        Draws the masks of layers ``1, ..., L-1`` in that order (only when ``keep_prob < 1``).

    Returns
    -------
    AL : ndarray, shape (n[L], m)
        What ``L_model_forward`` returns for ``output="sigmoid"`` and ``keep_prob=1``.
    caches : list of L tuples
        ``(A_prev, Z, D)`` per layer: the (dropped-out) input the layer multiplied, its
        pre-activation and the dropout mask applied to its output (None when there is none).
    """
    n_layers = len(parameters) // 2
    caches = []
    A = X
    for layer in range(1, n_layers):
        Z = parameters[f"W{layer}"] @ A
        Z += parameters[f"b{layer}"]
        A_next, D = relu(Z), None
        if keep_prob < 1.0:
            A_next, D = dropout_forward(A_next, keep_prob, rng=rng)
        caches.append((A, Z, D))
        A = A_next
    Z = parameters[f"W{n_layers}"] @ A
    Z += parameters[f"b{n_layers}"]
    caches.append((A, Z, None))
    AL = softmax(Z) if output == "softmax" else sigmoid(Z)
    return AL, caches


def backward(
    AL: np.ndarray,
    Y: np.ndarray,
    caches: list[tuple],
    parameters: Mapping[str, np.ndarray],
    *,
    keep_prob: float = 1.0,
    l2: float = 0.0,
) -> dict[str, np.ndarray]:
    """Gradients ``dW1, db1, ..., dWL, dbL`` of the mean cross-entropy (no ``dA0``).

    Parameters
    ----------
    AL, Y : ndarray, shape (n[L], m)
        Output of :func:`forward` and the labels (0/1, or one-hot for a softmax output).
    caches : list of L tuples
        From :func:`forward`.
    parameters : dict of str -> ndarray
        The parameters :func:`forward` used.
    keep_prob : float
        The keep probability :func:`forward` used.
    l2 : float
        ``lambda / m`` of an L2 penalty (``m`` the size of the whole training set); 0 for none.

    Returns
    -------
    grads : dict of str -> ndarray
        ``dW[l]`` and ``db[l]``; the ``dW`` and ``db`` of ``L_model_backward`` when ``l2 = 0``
        and ``keep_prob = 1``.

    Notes
    -----
    .. math::
        dZ^{[L]} = A^{[L]} - Y, \\quad
        dW^{[l]} = \\tfrac{1}{m_b} dZ^{[l]} A^{[l-1]T} + l_2 W^{[l]}, \\quad
        db^{[l]} = \\tfrac{1}{m_b} \\textstyle\\sum_i dZ^{[l](i)}, \\quad
        dZ^{[l-1]} = \\mathrm{relu}'(Z^{[l-1]}) \\odot \\mathrm{dropout}^{-1}(W^{[l]T} dZ^{[l]})
    """
    n_layers = len(caches)
    grads = {}
    m_b = AL.shape[1]
    dZ = AL - Y
    for layer in range(n_layers, 0, -1):
        A_prev, _, _ = caches[layer - 1]
        W = parameters[f"W{layer}"]
        dW = dZ @ A_prev.T
        dW /= m_b
        if l2:
            dW += l2 * W
        db = dZ.sum(axis=1, keepdims=True)
        db /= m_b
        grads[f"dW{layer}"] = dW
        grads[f"db{layer}"] = db
        if layer > 1:  # dA0, the gradient with respect to X, is never needed
            dA = W.T @ dZ
            _, Z_prev, D_prev = caches[layer - 2]
            if D_prev is not None:
                dA = dropout_backward(dA, D_prev, keep_prob)
            dZ = relu_backward(dA, Z_prev)
    return grads
