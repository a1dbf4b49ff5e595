"""Gradient-checking utilities: parameter dicts <-> vectors, numerical gradients, relative error.

These functions print nothing and never change their inputs. Notebooks, the test suite and the
grader all use them, so a gradient is judged the same way everywhere.

Introduced in: C2W1_gradient_checking (used by tests from C1W3 on).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping

import numpy as np

# The vector helpers live with the given code of C2W1_gradient_checking (numpy alone, no
# difference computed there), and are re-exported here for everything else.
from dlutils.gradcheck_net import (
    dictionary_to_vector,
    gradients_to_vector,
    vector_to_dictionary,
)

__all__ = [
    "dictionary_to_vector",
    "vector_to_dictionary",
    "gradients_to_vector",
    "numerical_gradient",
    "numerical_gradient_dict",
    "relative_difference",
]


def numerical_gradient(
    f: Callable[[np.ndarray], np.ndarray | float],
    x: np.ndarray,
    upstream: np.ndarray | None = None,
    epsilon: float = 1e-6,
) -> np.ndarray:
    """Centred finite-difference gradient of ``sum(upstream * f(x))`` with respect to ``x``.

    Parameters
    ----------
    f : callable
        Maps an array shaped like ``x`` to a scalar or to an array shaped like ``upstream``.
    x : ndarray
        The point. It is copied to float64 and never changed.
    upstream : ndarray or None
        The upstream gradient dL/df. ``None`` means ``f`` returns a scalar. Use a *random*
        upstream gradient in tests: an all-ones one lets a wrong backward pass slip through.
    epsilon : float
        Step size ``h``.

    Returns
    -------
    grad : ndarray, same shape as ``x``

    Notes
    -----
    .. math:: \\frac{\\partial L}{\\partial x_i} \\approx
              \\frac{L(x + h e_i) - L(x - h e_i)}{2h}, \\quad L(x) = \\sum upstream \\odot f(x)
    """
    point = np.array(x, dtype=np.float64, copy=True)
    grad = np.zeros_like(point)

    def loss(value: np.ndarray) -> float:
        out = f(value)
        if upstream is None:
            return float(np.sum(out))
        return float(np.sum(np.asarray(out, dtype=np.float64) * upstream))

    flat_point, flat_grad = point.reshape(-1), grad.reshape(-1)
    for i in range(flat_point.size):
        original = flat_point[i]
        flat_point[i] = original + epsilon
        plus = loss(point.copy())
        flat_point[i] = original - epsilon
        minus = loss(point.copy())
        flat_point[i] = original
        flat_grad[i] = (plus - minus) / (2 * epsilon)
    return grad


def numerical_gradient_dict(
    f: Callable[[dict[str, np.ndarray]], float],
    parameters: Mapping[str, np.ndarray],
    epsilon: float = 1e-6,
) -> dict[str, np.ndarray]:
    """Centred finite differences of a scalar ``f(parameters)`` for every array in a dict.

    Returns
    -------
    grads : dict
        ``{"d" + key: gradient}`` with the shape of ``parameters[key]``.
    """
    base = {key: np.array(value, dtype=np.float64, copy=True) for key, value in parameters.items()}
    grads = {}
    for key in base:

        def f_key(value: np.ndarray, key: str = key) -> float:
            trial = dict(base)
            trial[key] = value
            return f(trial)

        grads["d" + key] = numerical_gradient(f_key, base[key], epsilon=epsilon)
    return grads


def relative_difference(a: np.ndarray, b: np.ndarray) -> float:
    """Relative difference ``||a - b||_2 / (||a||_2 + ||b||_2)``, 0.0 when both are zero.

    This is the gradient-checking measure: below about 2e-7 the two gradients agree to the
    precision of centred differences in float64.
    """
    a = np.asarray(a, dtype=np.float64)
    b = np.asarray(b, dtype=np.float64)
    if a.shape != b.shape:
        raise ValueError(f"shapes differ: {a.shape} vs {b.shape}")
    denominator = np.linalg.norm(a) + np.linalg.norm(b)
    if denominator == 0:
        return 0.0
    return float(np.linalg.norm(a - b) / denominator)
