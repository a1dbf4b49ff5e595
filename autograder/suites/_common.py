"""Checks shared by several suites (not a suite itself: suites are named C<n>W<n>_*)."""

from __future__ import annotations

import numpy as np

from autograder.kit import mistakes
from autograder.kit.spec import Case, Seed
from dlutils import layers


def two_layer_init_mistakes(n_x: int, n_h: int, n_y: int, *, rng: Seed) -> dict[str, list]:
    """Wrong variants of the 2-layer ``initialize_parameters(n_x, n_h, n_y, *, rng)``.

    Used by C1W3 and C1W4 (step by step), which grade the same function.
    """

    def draws(weight, W2_first=False):
        generator = np.random.default_rng(rng.seed)
        if W2_first:
            W2 = weight(generator, (n_y, n_h))
            return {"W1": weight(generator, (n_h, n_x)), "W2": W2}
        return {"W1": weight(generator, (n_h, n_x)), "W2": weight(generator, (n_y, n_h))}

    return mistakes.by_key(
        [
            (mistakes.INIT_UNSCALED, draws(lambda g, shape: g.standard_normal(shape))),
            (mistakes.INIT_UNIFORM, draws(lambda g, shape: g.random(shape) * 0.01)),
            (mistakes.INIT_ORDER, draws(lambda g, shape: g.standard_normal(shape) * 0.01, True)),
        ]
    )


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
