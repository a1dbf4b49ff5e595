"""Checks shared by several suites (not a suite itself: suites are named C<n>W<n>_*)."""

from __future__ import annotations

import numpy as np

from autograder.kit import mistakes
from autograder.kit.spec import Case, Seed


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
