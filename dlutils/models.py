"""Whole binary classifiers trained by batch gradient descent: a 2-layer net and an L-layer net.

Both nets are ``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID`` trained on the cross-entropy
cost, one full-batch gradient step per iteration. They differ only in size and initialisation:

* :func:`two_layer_model` uses ``initialization.initialize_parameters`` (``N(0, 1) * 0.01``);
* :func:`L_layer_model` uses ``initialization.initialize_parameters_xavier``
  (``N(0, 1) / sqrt(n[l-1])``), which a deep ReLU stack needs to start learning at all.

Each iteration is the composition a learner writes, ``L_model_forward``, ``compute_cost``,
``L_model_backward``, ``update_parameters`` (:mod:`dlutils.layers`), with the forward and
backward pass run by :mod:`dlutils._fastpath`, which gives the same numbers with less work
(``tests/dlutils/test_fastpath.py`` proves it to about 1e-12). The cost is evaluated only at the
iterations where it is recorded. The inputs ``X`` and ``Y`` are never changed, and the returned
dict holds new arrays.

Introduced in: C1W4_deep_nn_application.
"""

from __future__ import annotations

import numbers
from collections.abc import Sequence

import numpy as np
from tqdm.auto import tqdm

from dlutils import _fastpath
from dlutils.initialization import initialize_parameters, initialize_parameters_xavier
from dlutils.layers import update_parameters
from dlutils.losses import compute_cost

__all__ = [
    "two_layer_model",
    "L_layer_model",
]

# Record (and, with print_cost, print) the cost every this many iterations.
COST_EVERY = 100


def _check_data(X, Y, layers_dims: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    """Return X and Y as arrays, Y shaped (n_y, m) (a view when reshaped), or raise ValueError."""
    X = np.asarray(X)
    Y = np.asarray(Y)
    if X.ndim != 2 or X.shape[0] != layers_dims[0]:
        raise ValueError(
            f"X has shape {X.shape}; expected ({layers_dims[0]}, m) to match "
            f"layers_dims[0] = {layers_dims[0]} (examples are columns)"
        )
    n_y, m = layers_dims[-1], X.shape[1]
    if m == 0:
        raise ValueError("X has no examples (m = 0); there is nothing to train on")
    if Y.size != n_y * m:
        raise ValueError(f"Y has shape {Y.shape}; expected ({n_y}, {m})")
    return X, Y.reshape(n_y, m)


def _check_num_iterations(num_iterations) -> int:
    if isinstance(num_iterations, bool) or not isinstance(num_iterations, numbers.Integral):
        raise ValueError(f"num_iterations must be a non-negative int, got {num_iterations!r}")
    if num_iterations < 0:
        raise ValueError(f"num_iterations must be a non-negative int, got {num_iterations!r}")
    return int(num_iterations)


def _gradient_descent(
    X: np.ndarray,
    Y: np.ndarray,
    layers_dims: list[int],
    parameters: dict[str, np.ndarray],
    learning_rate: float,
    num_iterations: int,
    print_cost: bool,
    progress: bool,
    desc: str,
) -> tuple[dict[str, np.ndarray], list[float]]:
    """Train ``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID``; return the parameters and costs.

    Iteration i: forward pass; if ``i % COST_EVERY == 0`` or i is the last iteration, record
    (and maybe print) the cost of the current parameters; backward pass; one step of gradient
    descent. ``_fastpath.forward`` and ``_fastpath.backward`` stand for ``L_model_forward`` and
    ``L_model_backward`` (same numbers, less work).
    """
    X, Y = _check_data(X, Y, layers_dims)
    num_iterations = _check_num_iterations(num_iterations)
    costs: list[float] = []
    iterations = range(num_iterations)
    if progress:
        iterations = tqdm(iterations, desc=desc)
    report = tqdm.write if progress else print

    for i in iterations:
        AL, caches = _fastpath.forward(X, parameters)
        if i % COST_EVERY == 0 or i == num_iterations - 1:
            cost = compute_cost(AL, Y)
            costs.append(cost)
            if print_cost:
                report(f"Cost after iteration {i}: {cost}")
        grads = _fastpath.backward(AL, Y, caches, parameters)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs


def two_layer_model(
    X,
    Y,
    layers_dims,
    learning_rate=0.0075,
    num_iterations=3000,
    print_cost=False,
    *,
    rng: np.random.Generator,
    progress: bool = False,
):
    """Train a 2-layer net ``LINEAR -> RELU -> LINEAR -> SIGMOID`` by batch gradient descent.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Training inputs, one example per column (for images: flattened and scaled to [0, 1]).
    Y : ndarray, shape (1, m)
        Labels 0 or 1 (n_y = 1 in the usual case; shape (n_y, m) in general).
    layers_dims : tuple of 3 ints
        ``(n_x, n_h, n_y)``.
    learning_rate : float
        Gradient-descent step size.
    num_iterations : int
        Number of full-batch gradient steps.
    print_cost : bool
        If True, print ``"Cost after iteration i: c"`` whenever a cost is recorded.
    rng : numpy.random.Generator, keyword-only
        Passed to ``initialize_parameters(n_x, n_h, n_y, rng=rng)``; the only randomness.
        Draws: ``W1`` then ``W2``, each with ``rng.standard_normal``.
    progress : bool, keyword-only
        If True, show a ``tqdm.auto`` progress bar over the iterations.

    Returns
    -------
    parameters : dict of str -> ndarray
        ``"W1"`` (n_h, n_x), ``"b1"`` (n_h, 1), ``"W2"`` (n_y, n_h), ``"b2"`` (n_y, 1).
    costs : list of numpy.float64
        The cost before the step of every iteration i with ``i % 100 == 0`` and of the last
        iteration (``i == num_iterations - 1``).

    Notes
    -----
    Each iteration:

    .. math::
        A^{[1]} = \\mathrm{relu}(W^{[1]} X + b^{[1]}), \\quad
        A^{[2]} = \\sigma(W^{[2]} A^{[1]} + b^{[2]}), \\quad
        J = -\\frac{1}{m} \\sum \\left[Y \\log A^{[2]} + (1 - Y) \\log(1 - A^{[2]})\\right]

    then backpropagation (``L_model_backward``) and
    :math:`W^{[l]} := W^{[l]} - \\alpha\\, dW^{[l]}`, :math:`b^{[l]} := b^{[l]} - \\alpha\\,
    db^{[l]}`.
    """
    if len(layers_dims) != 3:
        raise ValueError(f"layers_dims must be (n_x, n_h, n_y), got {layers_dims!r}")
    n_x, n_h, n_y = layers_dims
    parameters = initialize_parameters(n_x, n_h, n_y, rng=rng)
    dims, name = list(layers_dims), "two_layer_model"
    return _gradient_descent(
        X, Y, dims, parameters, learning_rate, num_iterations, print_cost, progress, name
    )


def L_layer_model(
    X,
    Y,
    layers_dims,
    learning_rate=0.0075,
    num_iterations=3000,
    print_cost=False,
    *,
    rng: np.random.Generator,
    progress: bool = False,
):
    """Train an L-layer net ``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID`` by gradient descent.

    ``X``, ``Y``, ``learning_rate``, ``num_iterations``, ``print_cost``, ``progress`` and the
    recorded ``costs`` are those of :func:`two_layer_model`. What differs:

    Parameters
    ----------
    layers_dims : list of int
        ``[n_x, n[1], ..., n[L]]``, at least 2 entries; ``L = len(layers_dims) - 1``.
    rng : numpy.random.Generator, keyword-only
        Passed to ``initialize_parameters_xavier(layers_dims, rng=rng)``; the only randomness.
        Draws: for ``l = 1..L``, ``W[l] = rng.standard_normal((n[l], n[l-1])) / sqrt(n[l-1])``.

    Returns
    -------
    parameters : dict of str -> ndarray
        ``"W" + str(l)`` of shape (n[l], n[l-1]) and ``"b" + str(l)`` of shape (n[l], 1).
    costs : list of numpy.float64
        As in :func:`two_layer_model`.

    Notes
    -----
    Each iteration: ``AL, caches = L_model_forward(X, parameters)``,
    ``J = compute_cost(AL, Y)``, ``grads = L_model_backward(AL, Y, caches)``,
    ``parameters = update_parameters(parameters, grads, learning_rate)``, i.e.

    .. math:: W^{[l]} := W^{[l]} - \\alpha\\, dW^{[l]}, \\qquad b^{[l]} := b^{[l]} - \\alpha\\,
              db^{[l]}

    The 1/sqrt(n[l-1]) initialisation keeps the scale of the activations roughly constant
    through the layers; with the 0.01 scale of ``initialize_parameters_deep`` a deep ReLU net
    barely moves from cost log 2.
    """
    parameters = initialize_parameters_xavier(layers_dims, rng=rng)
    dims, name = list(layers_dims), "L_layer_model"
    return _gradient_descent(
        X, Y, dims, parameters, learning_rate, num_iterations, print_cost, progress, name
    )
