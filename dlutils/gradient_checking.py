"""Gradient checking: compare backpropagation with two-sided finite differences.

First a one-parameter model ``J(theta) = theta * x``, then the 3-layer
LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID net (the net of
:mod:`dlutils.regularization`), with every parameter flattened into one vector ``theta``.
The net (``forward_propagation_n``, ``backward_propagation_n``) and the vector helpers are
:mod:`dlutils.gradcheck_net`, the module the learner is given: the judge checks a learner's
``gradient_check_n`` on the very same costs.

The check compares the gradient ``grad`` from backpropagation with the approximation
``gradapprox`` through the relative difference

.. math:: \\text{difference} = \\frac{\\lVert grad - gradapprox \\rVert_2}
          {\\lVert grad \\rVert_2 + \\lVert gradapprox \\rVert_2}

and reports a mistake when it exceeds 2e-7.

Introduced in: C2W1_gradient_checking.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np

from dlutils.gradcheck import numerical_gradient, relative_difference
from dlutils.gradcheck_net import (
    backward_propagation_n,
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)

__all__ = [
    "forward_propagation",
    "backward_propagation",
    "gradient_check",
    "forward_propagation_n",
    "backward_propagation_n",
    "gradient_check_n",
]

#: A relative difference above this means the backward pass has a mistake.
THRESHOLD = 2e-7


def forward_propagation(x: float, theta: float) -> np.float64:
    """Cost of the one-parameter model ``J(theta) = theta * x``.

    Parameters
    ----------
    x : float
        The input.
    theta : float
        The parameter.

    Returns
    -------
    J : numpy.float64
        A scalar (a subclass of float), like every cost in dlutils.

    Notes
    -----
    .. math:: J(\\theta) = \\theta x
    """
    return np.float64(float(theta * x))


def backward_propagation(x: float, theta: float) -> float:
    """Derivative of :func:`forward_propagation` with respect to ``theta``.

    Parameters
    ----------
    x : float
    theta : float
        Not needed for this linear model; kept so both functions take the same arguments.

    Returns
    -------
    dtheta : float

    Notes
    -----
    .. math:: \\frac{\\partial J}{\\partial \\theta} = x
    """
    return float(x)


def gradient_check(x: float, theta: float, epsilon: float = 1e-7, print_msg: bool = False) -> float:
    """Check :func:`backward_propagation` against a two-sided difference of the 1-D model.

    Parameters
    ----------
    x : float
    theta : float
    epsilon : float, default 1e-7
        The step ``epsilon`` of the centred difference.
    print_msg : bool, default False
        Print whether the check passed (threshold 2e-7) and the difference.

    Returns
    -------
    difference : float
        Relative difference between ``grad`` and ``gradapprox``.

    Notes
    -----
    .. math:: gradapprox = \\frac{J(\\theta + \\varepsilon) - J(\\theta - \\varepsilon)}
              {2 \\varepsilon}

    (:func:`dlutils.gradcheck.numerical_gradient`), then
    ``difference = relative_difference(grad, gradapprox)`` with
    :func:`dlutils.gradcheck.relative_difference`.
    """
    gradapprox = numerical_gradient(
        lambda value: forward_propagation(x, value), theta, epsilon=epsilon
    )
    grad = backward_propagation(x, theta)
    difference = relative_difference(np.float64(grad), np.float64(gradapprox))
    if print_msg:
        _report(difference)
    return difference


def gradient_check_n(
    parameters: Mapping[str, np.ndarray],
    gradients: Mapping[str, np.ndarray],
    X: np.ndarray,
    Y: np.ndarray,
    epsilon: float = 1e-7,
    print_msg: bool = False,
) -> float:
    """Check the gradients of the 3-layer net against two-sided differences of its cost.

    Parameters
    ----------
    parameters : dict of str -> ndarray
        ``W1, b1, W2, b2, W3, b3``; not changed.
    gradients : dict of str -> ndarray
        The backpropagation result to check; ``dW1, db1, ..., dW3, db3`` are used, other
        keys are ignored.
    X, Y : ndarray, shapes (n_x, m) and (1, m)
    epsilon : float, default 1e-7
        The step of the centred differences.
    print_msg : bool, default False
        Print ``"There is a mistake in the backward propagation! difference = d"`` when the
        difference exceeds 2e-7, else ``"Your backward propagation works perfectly fine!
        difference = d"``.

    Returns
    -------
    difference : float
        Relative difference between the flattened ``grad`` and ``gradapprox``.

    Notes
    -----
    With ``theta = dictionary_to_vector(parameters)`` (W1, b1, W2, b2, W3, b3, each raveled)
    and ``e_i`` the i-th unit vector, for every i:

    .. math:: gradapprox_i = \\frac{J(\\theta + \\varepsilon e_i) - J(\\theta - \\varepsilon e_i)}
              {2 \\varepsilon}

    where ``J`` is the cost of :func:`forward_propagation_n` on ``vector_to_dictionary``
    of the shifted vector. ``grad = gradients_to_vector(gradients)`` in the same order.
    This costs ``2 * n_params`` forward passes; the loop over ``i`` is
    :func:`dlutils.gradcheck.numerical_gradient`, the one centred difference of dlutils.
    """
    theta, layout = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    if grad.shape != theta.shape:
        raise ValueError(
            f"gradients hold {grad.shape[0]} numbers but parameters hold {theta.shape[0]}"
        )

    def cost(vector: np.ndarray) -> float:
        J, _ = forward_propagation_n(X, Y, vector_to_dictionary(vector, layout))
        return J

    gradapprox = numerical_gradient(cost, theta, epsilon=epsilon)
    difference = relative_difference(grad, gradapprox)
    if print_msg:
        _report(difference)
    return difference


def _report(difference: float) -> None:
    if difference > THRESHOLD:
        print(f"There is a mistake in the backward propagation! difference = {difference}")
    else:
        print(f"Your backward propagation works perfectly fine! difference = {difference}")
