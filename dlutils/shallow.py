"""A shallow network: one tanh hidden layer and a sigmoid output, for binary classification.

Shapes: ``X`` is (n_x, m), ``Y`` is (1, m); ``W1`` (n_h, n_x), ``b1`` (n_h, 1), ``W2`` (n_y, n_h),
``b2`` (n_y, 1). The forward cache is the dict ``{"Z1", "A1", "Z2", "A2"}``.

:func:`nn_model` is a benchmark hot loop (10,000 steps on 400 points), so the blocks use
``np.dot`` (as the classic notebook does; for these tiny shapes it is measurably faster than
``@``, e.g. for the (n_h, 1) x (1, m) outer product in the backward pass), array methods such
as ``.sum(axis=1, keepdims=True)``, and compute the cost only when it is printed.

Introduced in: C1W3_planar_classification.
"""

from __future__ import annotations

import numpy as np
from tqdm.auto import tqdm

from dlutils import activations
from dlutils.losses import compute_cost

__all__ = [
    "layer_sizes",
    "initialize_parameters",
    "forward_propagation",
    "compute_cost",
    "backward_propagation",
    "update_parameters",
    "nn_model",
    "predict",
]


def layer_sizes(X, Y):
    """Sizes of the input, hidden and output layers.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (n_y, m)

    Returns
    -------
    n_x : int
        Number of input features, ``X.shape[0]``.
    n_h : int
        Always 4 here, as in the classic assignment (:func:`nn_model` takes its own ``n_h``).
    n_y : int
        Number of outputs, ``Y.shape[0]``.
    """
    return int(X.shape[0]), 4, int(Y.shape[0])


def initialize_parameters(n_x, n_h, n_y, *, rng: np.random.Generator):
    """Small random weights and zero biases.

    Parameters
    ----------
    n_x, n_h, n_y : int
        Sizes of the input, hidden and output layers.
    rng : numpy.random.Generator, keyword-only
        The only source of randomness.

    Returns
    -------
    parameters : dict
        ``"W1"`` (n_h, n_x), ``"b1"`` (n_h, 1), ``"W2"`` (n_y, n_h), ``"b2"`` (n_y, 1).

    Notes
    -----
    Draw order: ``W1 = rng.standard_normal((n_h, n_x)) * 0.01`` first, then
    ``W2 = rng.standard_normal((n_y, n_h)) * 0.01``; the biases are zeros and draw nothing.
    The small scale keeps tanh and sigmoid away from their flat regions at the start; the
    randomness breaks the symmetry between hidden units.
    """
    W1 = rng.standard_normal((n_h, n_x)) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = rng.standard_normal((n_y, n_h)) * 0.01
    b2 = np.zeros((n_y, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def forward_propagation(X, parameters):
    """Forward pass: LINEAR -> TANH -> LINEAR -> SIGMOID.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    parameters : dict
        ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"`` as made by :func:`initialize_parameters`.

    Returns
    -------
    A2 : ndarray, shape (n_y, m)
        Output probabilities.
    cache : dict
        ``"Z1"``, ``"A1"`` (n_h, m) and ``"Z2"``, ``"A2"`` (n_y, m), for the backward pass.

    Notes
    -----
    .. math::
        Z^{[1]} = W^{[1]} X + b^{[1]}, \\quad A^{[1]} = \\tanh(Z^{[1]}), \\quad
        Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]}, \\quad A^{[2]} = \\sigma(Z^{[2]})
    """
    Z1 = np.dot(parameters["W1"], X) + parameters["b1"]
    A1 = np.tanh(Z1)
    Z2 = np.dot(parameters["W2"], A1) + parameters["b2"]
    A2 = activations.sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


# compute_cost(A2, Y) -> np.float64 is dlutils.losses.compute_cost, re-exported above: the
# binary cross-entropy -(1/m) sum[y log a + (1 - y) log(1 - a)], clipped for stability.


def backward_propagation(parameters, cache, X, Y):
    """Backward pass: gradients of the cross-entropy cost for every parameter.

    Parameters
    ----------
    parameters : dict
        ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"`` (only ``W2`` is used).
    cache : dict
        ``"A1"`` (n_h, m) and ``"A2"`` (n_y, m) from :func:`forward_propagation`.
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (n_y, m)
        True labels, 0 or 1.

    Returns
    -------
    grads : dict
        ``"dW1"`` (n_h, n_x), ``"db1"`` (n_h, 1), ``"dW2"`` (n_y, n_h), ``"db2"`` (n_y, 1).

    Notes
    -----
    Sigmoid with cross-entropy gives :math:`dZ^{[2]} = A^{[2]} - Y`, and
    :math:`\\tanh'(z) = 1 - \\tanh^2(z)`:

    .. math::
        dW^{[2]} = \\frac{1}{m} dZ^{[2]} A^{[1]T}, \\quad
        db^{[2]} = \\frac{1}{m} \\sum_i dZ^{[2](i)}, \\quad
        dZ^{[1]} = W^{[2]T} dZ^{[2]} \\odot (1 - (A^{[1]})^2)

    .. math::
        dW^{[1]} = \\frac{1}{m} dZ^{[1]} X^T, \\quad
        db^{[1]} = \\frac{1}{m} \\sum_i dZ^{[1](i)}
    """
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]

    dZ2 = A2 - Y
    dW2 = np.dot(dZ2, A1.T) / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m
    dZ1 = np.dot(parameters["W2"].T, dZ2) * (1 - A1 * A1)
    dW1 = np.dot(dZ1, X.T) / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def update_parameters(parameters, grads, learning_rate=1.2):
    """One gradient-descent step; returns a new dict and leaves ``parameters`` unchanged.

    Parameters
    ----------
    parameters : dict
        ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"``.
    grads : dict
        ``"dW1"``, ``"db1"``, ``"dW2"``, ``"db2"``, shaped like the parameters.
    learning_rate : float
        Step size alpha.

    Returns
    -------
    parameters : dict
        New arrays with the same keys and shapes.

    Notes
    -----
    .. math:: \\theta := \\theta - \\alpha \\, d\\theta
              \\quad \\text{for } \\theta \\in \\{W^{[1]}, b^{[1]}, W^{[2]}, b^{[2]}\\}
    """
    return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}


def nn_model(
    X,
    Y,
    n_h,
    num_iterations=10000,
    print_cost=False,
    *,
    rng: np.random.Generator,
    progress: bool = False,
):
    """Train the shallow network by batch gradient descent with learning rate 1.2.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    Y : ndarray, shape (n_y, m)
        True labels, 0 or 1.
    n_h : int
        Size of the hidden layer.
    num_iterations : int
        Number of gradient-descent steps.
    print_cost : bool
        If True, print ``"Cost after iteration i: c"`` every 1000 iterations (the cost before
        that iteration's step).
    rng : numpy.random.Generator, keyword-only
        Used once, by :func:`initialize_parameters` (W1 then W2).
    progress : bool, keyword-only
        If True, show a tqdm progress bar over the iterations.

    Returns
    -------
    parameters : dict
        The learned ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"``.

    Notes
    -----
    Each iteration is :func:`forward_propagation`, :func:`backward_propagation` and
    :func:`update_parameters` with ``learning_rate=1.2``. The cost is only computed when it is
    printed: it is not needed for the gradients.
    """
    n_x, _, n_y = layer_sizes(X, Y)
    parameters = initialize_parameters(n_x, n_h, n_y, rng=rng)

    iterations = range(num_iterations)
    if progress:
        iterations = tqdm(iterations, desc="nn_model")
    for i in iterations:
        A2, cache = forward_propagation(X, parameters)
        grads = backward_propagation(parameters, cache, X, Y)
        parameters = update_parameters(parameters, grads, learning_rate=1.2)
        if print_cost and i % 1000 == 0:
            print(f"Cost after iteration {i}: {compute_cost(A2, Y):f}")
    return parameters


def predict(parameters, X):
    """Predict 0/1 labels with a trained shallow network.

    Parameters
    ----------
    parameters : dict
        ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"``.
    X : ndarray, shape (n_x, m)

    Returns
    -------
    predictions : ndarray, shape (1, m), float64
        1.0 where the output probability is greater than 0.5, else 0.0.
    """
    A2, _ = forward_propagation(X, parameters)
    return (A2 > 0.5).astype(np.float64)
