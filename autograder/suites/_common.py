"""Checks shared by several suites (not a suite itself: suites are named C<n>W<n>_*)."""

from __future__ import annotations

import numpy as np

from autograder.kit import mistakes
from autograder.kit.spec import Case, Seed
from dlutils import layers


def _draws(dims, seed: int, weight, bias=None, *, reverse: bool = False) -> dict:
    """Parameters for ``dims`` drawn from ``default_rng(seed)`` layer by layer (W, then b when
    ``bias`` draws it), by ``weight(generator, shape)``; ``reverse`` draws the last layer first."""
    generator, parameters = np.random.default_rng(seed), {}
    order = range(len(dims) - 1, 0, -1) if reverse else range(1, len(dims))
    for layer in order:
        parameters[f"W{layer}"] = weight(generator, (dims[layer], dims[layer - 1]))
        shape = (dims[layer], 1)
        parameters[f"b{layer}"] = bias(generator, shape) if bias else np.zeros(shape)
    return parameters


def _small(generator, shape):
    return generator.standard_normal(shape) * 0.01


def init_mistakes(dims, seed: int, *, deep: bool) -> dict[str, list]:
    """Wrong variants of the 0.01-scaled initialisers, ``{key: [(Mistake, value), ...]}``.

    ``deep``: ``initialize_parameters_deep(dims, *, rng)``; otherwise the 2-layer
    ``initialize_parameters(n_x, n_h, n_y, *, rng)`` with ``dims = [n_x, n_h, n_y]``. Used by
    C1W3 and C1W4 (step by step).
    """
    variants = [
        (mistakes.INIT_UNSCALED, {"weight": lambda g, shape: g.standard_normal(shape)}),
        (mistakes.INIT_UNIFORM, {"weight": lambda g, shape: g.random(shape) * 0.01}),
    ]
    if deep:
        scaled = lambda g, shape: g.standard_normal(shape) / np.sqrt(shape[1])  # noqa: E731
        variants += [
            (mistakes.INIT_DEEP_NOT_XAVIER, {"weight": scaled}),
            (mistakes.INIT_BIAS_DRAWN, {"weight": _small, "bias": _small}),
        ]
    else:
        variants.append((mistakes.INIT_ORDER, {"weight": _small, "reverse": True}))
    return mistakes.by_key((mistake, _draws(dims, seed, **how)) for mistake, how in variants)


def two_layer_init_mistakes(n_x: int, n_h: int, n_y: int, *, rng: Seed) -> dict[str, list]:
    """:func:`init_mistakes` for ``initialize_parameters(n_x, n_h, n_y, *, rng)``."""
    return init_mistakes([n_x, n_h, n_y], rng.seed, deep=False)


def two_layer_init_case(rng: np.random.Generator) -> Case:
    """A hidden case for the 2-layer ``initialize_parameters``: sizes and seed drawn."""
    return Case(
        int(rng.integers(1, 8)),
        int(rng.integers(1, 8)),
        int(rng.integers(1, 3)),
        rng=Seed(int(rng.integers(2**31))),
    )


def forward_with(X, parameters: dict, hidden: str = "relu", last: str = "sigmoid"):
    """The L-layer forward pass of :mod:`dlutils.layers` with chosen activations.

    Returns ``(AL, caches)``; the correct net has ``hidden="relu"``, ``last="sigmoid"``, and a
    classic mistake turns one of them. Used by C1W4 (step by step, application).
    """
    A, caches, L = X, [], len(parameters) // 2
    for layer in range(1, L + 1):
        W, b = parameters[f"W{layer}"], parameters[f"b{layer}"]
        A, cache = layers.linear_activation_forward(A, W, b, last if layer == L else hidden)
        caches.append(cache)
    return A, caches


def backward_with(dAL, caches: list, hidden: str = "relu", last: str = "sigmoid") -> dict:
    """The L-layer backward pass from ``dAL`` with chosen activations.

    Returns ``grads`` with ``dA{l-1}``, ``dW{l}`` and ``db{l}`` for every layer ``l``.
    """
    grads, dA, L = {}, dAL, len(caches)
    for layer in range(L, 0, -1):
        activation = last if layer == L else hidden
        dA, dW, db = layers.linear_activation_backward(dA, caches[layer - 1], activation)
        grads[f"dA{layer - 1}"], grads[f"dW{layer}"], grads[f"db{layer}"] = dA, dW, db
    return grads
