"""Parameter initialisation for fully connected nets: small random, zeros, large random, He, Xavier.

Every initialiser returns a NEW dict ``{"W1", "b1", ..., "WL", "bL"}`` of float64 arrays with
``W[l]`` of shape ``(n[l], n[l-1])`` and ``b[l]`` of shape ``(n[l], 1)``.

Random draws come only from the keyword-only ``rng`` (a ``numpy.random.Generator``), in one
fixed order that the grader relies on: for ``l = 1, ..., L``,
``W[l] = rng.standard_normal((n[l], n[l-1])) * scale`` and then ``b[l] = zeros((n[l], 1))``
(biases draw nothing). So the whole of ``W1`` is drawn before any of ``W2``.

Introduced in: C1W3_planar_classification (``initialize_parameters``),
C1W4_deep_nn_step_by_step (``initialize_parameters_deep``),
C2W1_initialization (``initialize_parameters_zeros``, ``_random``, ``_he``, ``_xavier``).
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Sequence

import numpy as np

__all__ = [
    "initialize_parameters",
    "initialize_parameters_deep",
    "initialize_parameters_zeros",
    "initialize_parameters_random",
    "initialize_parameters_he",
    "initialize_parameters_xavier",
]


def _check_layer_dims(layer_dims: Sequence[int], name: str = "layer_dims") -> list[int]:
    """Return ``layer_dims`` as a list of Python ints, or raise a clear ValueError.

    Accepts a list, tuple or 1-D integer array of at least two positive integers. Booleans and
    floats (even ``3.0``) are rejected so that a typo never silently becomes a layer size.
    """
    if isinstance(layer_dims, str | bytes) or not hasattr(layer_dims, "__len__"):
        raise ValueError(f"{name} must be a list of positive ints, got {layer_dims!r}")
    dims = list(layer_dims)
    if len(dims) < 2:
        raise ValueError(
            f"{name} must have at least 2 entries (input size and output size), got {dims!r}"
        )
    for index, n in enumerate(dims):
        if isinstance(n, bool | np.bool_) or not isinstance(n, numbers.Integral):
            raise ValueError(f"{name}[{index}] must be a positive int, got {n!r} in {dims!r}")
        if n <= 0:
            raise ValueError(f"{name}[{index}] must be a positive int, got {n!r} in {dims!r}")
    return [int(n) for n in dims]


def _random_layers(
    dims: list[int],
    rng: np.random.Generator,
    scale_of: Callable[[int], float],
) -> dict[str, np.ndarray]:
    """Draw ``W[l] = N(0, 1) * scale_of(n[l-1])`` and ``b[l] = 0`` for ``l = 1..L``, in order."""
    if not isinstance(rng, np.random.Generator):
        raise TypeError(
            f"rng must be a numpy.random.Generator (np.random.default_rng(seed)), got {type(rng)}"
        )
    parameters = {}
    for layer in range(1, len(dims)):
        n_prev, n = dims[layer - 1], dims[layer]
        W = rng.standard_normal((n, n_prev))
        W *= scale_of(n_prev)
        parameters[f"W{layer}"] = W
        parameters[f"b{layer}"] = np.zeros((n, 1))
    return parameters


def initialize_parameters(
    n_x: int, n_h: int, n_y: int, *, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Small random weights and zero biases for a 2-layer net.

    Parameters
    ----------
    n_x : int
        Size of the input layer.
    n_h : int
        Size of the hidden layer.
    n_y : int
        Size of the output layer.
    rng : numpy.random.Generator
        The only source of randomness. Draw order: ``W1`` with
        ``rng.standard_normal((n_h, n_x))``, then ``W2`` with ``rng.standard_normal((n_y, n_h))``.

    Returns
    -------
    parameters : dict of str -> ndarray (float64)
        ``"W1"`` (n_h, n_x), ``"b1"`` (n_h, 1), ``"W2"`` (n_y, n_h), ``"b2"`` (n_y, 1).

    Notes
    -----
    .. math:: W^{[l]}_{ij} \\sim 0.01 \\cdot \\mathcal{N}(0, 1), \\qquad b^{[l]} = 0

    The factor 0.01 keeps ``Z`` small so that tanh/sigmoid start in their steep region.
    """
    dims = _check_layer_dims([n_x, n_h, n_y], name="(n_x, n_h, n_y)")
    return _random_layers(dims, rng, lambda n_prev: 0.01)


def initialize_parameters_deep(
    layer_dims: Sequence[int], *, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Small random weights (``N(0, 1) * 0.01``) and zero biases for an L-layer net.

    Parameters
    ----------
    layer_dims : list of int
        ``[n[0], n[1], ..., n[L]]``: the input size then every layer's size (at least 2 entries).
    rng : numpy.random.Generator
        The only source of randomness. Draw order: for ``l = 1..L``,
        ``W[l] = rng.standard_normal((n[l], n[l-1])) * 0.01``; biases draw nothing.

    Returns
    -------
    parameters : dict of str -> ndarray (float64)
        ``"W" + str(l)`` of shape (n[l], n[l-1]) and ``"b" + str(l)`` of shape (n[l], 1)
        for ``l = 1..L``.

    Notes
    -----
    .. math:: W^{[l]}_{ij} \\sim 0.01 \\cdot \\mathcal{N}(0, 1), \\qquad b^{[l]} = 0
    """
    dims = _check_layer_dims(layer_dims)
    return _random_layers(dims, rng, lambda n_prev: 0.01)


def initialize_parameters_zeros(layers_dims: Sequence[int]) -> dict[str, np.ndarray]:
    """All weights and biases zero: the symmetric start that fails to break symmetry.

    Parameters
    ----------
    layers_dims : list of int
        ``[n[0], n[1], ..., n[L]]`` (at least 2 entries).

    Returns
    -------
    parameters : dict of str -> ndarray (float64)
        ``"W" + str(l)`` zeros of shape (n[l], n[l-1]), ``"b" + str(l)`` zeros of shape (n[l], 1).

    Notes
    -----
    .. math:: W^{[l]} = 0, \\qquad b^{[l]} = 0

    Every hidden unit of a layer then computes the same function and receives the same
    gradient, so they stay identical for ever.
    """
    dims = _check_layer_dims(layers_dims, name="layers_dims")
    parameters = {}
    for layer in range(1, len(dims)):
        parameters[f"W{layer}"] = np.zeros((dims[layer], dims[layer - 1]))
        parameters[f"b{layer}"] = np.zeros((dims[layer], 1))
    return parameters


def initialize_parameters_random(
    layers_dims: Sequence[int], *, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Large random weights (``N(0, 1) * 10``) and zero biases: breaks symmetry, trains badly.

    Arguments, draws and result as in :func:`initialize_parameters_he`, with the scale 10:
    ``W[l] = rng.standard_normal((n[l], n[l-1])) * 10`` for ``l = 1..L`` in order, ``b[l]``
    zeros of shape (n[l], 1).

    Notes
    -----
    .. math:: W^{[l]}_{ij} \\sim 10 \\cdot \\mathcal{N}(0, 1), \\qquad b^{[l]} = 0

    Such large weights saturate the output sigmoid, so the first costs are very high.
    """
    dims = _check_layer_dims(layers_dims, name="layers_dims")
    return _random_layers(dims, rng, lambda n_prev: 10.0)


def initialize_parameters_he(
    layers_dims: Sequence[int], *, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """He initialisation (for ReLU layers): ``N(0, 1) * sqrt(2 / n[l-1])``, zero biases.

    Parameters
    ----------
    layers_dims : list of int
        ``[n[0], n[1], ..., n[L]]`` (at least 2 entries).
    rng : numpy.random.Generator
        The only source of randomness. Draw order: for ``l = 1..L``,
        ``W[l] = rng.standard_normal((n[l], n[l-1])) * sqrt(2 / n[l-1])``; biases draw nothing.

    Returns
    -------
    parameters : dict of str -> ndarray (float64)
        ``"W" + str(l)`` of shape (n[l], n[l-1]) and ``"b" + str(l)`` of shape (n[l], 1).

    Notes
    -----
    .. math:: W^{[l]}_{ij} \\sim \\sqrt{2 / n^{[l-1]}} \\cdot \\mathcal{N}(0, 1),
              \\qquad b^{[l]} = 0

    He et al. (2015): keeps the variance of ReLU activations roughly constant across layers.
    """
    dims = _check_layer_dims(layers_dims, name="layers_dims")
    return _random_layers(dims, rng, lambda n_prev: np.sqrt(2.0 / n_prev))


def initialize_parameters_xavier(
    layers_dims: Sequence[int], *, rng: np.random.Generator
) -> dict[str, np.ndarray]:
    """Xavier initialisation: ``N(0, 1) * sqrt(1 / n[l-1])``, zero biases.

    Arguments, draws and result as in :func:`initialize_parameters_he`, with the scale
    ``sqrt(1 / n[l-1])``: ``W[l] = rng.standard_normal((n[l], n[l-1])) * sqrt(1 / n[l-1])`` for
    ``l = 1..L`` in order, ``b[l]`` zeros of shape (n[l], 1).

    Notes
    -----
    .. math:: W^{[l]}_{ij} \\sim \\sqrt{1 / n^{[l-1]}} \\cdot \\mathcal{N}(0, 1),
              \\qquad b^{[l]} = 0

    This is the course's "Xavier" (the fan-in variant, LeCun normal); Glorot and Bengio's
    original uses ``2 / (n[l-1] + n[l])``. It keeps the signal's size through tanh layers; in
    ReLU layers, which zero half their inputs, it shrinks it by about ``sqrt(1/2)`` per layer,
    which He's ``sqrt(2 / n[l-1])`` makes up for. ``L_layer_model`` (C1W4) initialises its ReLU
    net with it nonetheless, as the classic course does: its depth of four layers loses little
    (C1W4's application measures the three starts side by side).
    """
    dims = _check_layer_dims(layers_dims, name="layers_dims")
    return _random_layers(dims, rng, lambda n_prev: np.sqrt(1.0 / n_prev))
