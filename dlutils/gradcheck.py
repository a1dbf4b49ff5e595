"""Gradient-checking utilities: parameter dicts <-> vectors, numerical gradients, relative error.

These functions print nothing and never change their inputs. Notebooks, the test suite and the
grader all use them, so a gradient is judged the same way everywhere.

Introduced in: C2W1_gradient_checking (used by tests from C1W3 on).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence

import numpy as np

__all__ = [
    "dictionary_to_vector",
    "vector_to_dictionary",
    "gradients_to_vector",
    "numerical_gradient",
    "numerical_gradient_dict",
    "relative_difference",
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
        The entries of W1, b1, W2, b2, ... in that order, each raveled in C order.
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
    """
    n_layers = sum(1 for key in gradients if key.startswith("dW"))
    parts = []
    for layer in range(1, n_layers + 1):
        for name in (f"dW{layer}", f"db{layer}"):
            if name not in gradients:
                raise KeyError(f"gradients is missing {name!r}")
            parts.append(np.asarray(gradients[name], dtype=np.float64).ravel())
    return np.concatenate(parts).reshape(-1, 1)


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
