"""Checks shared by several suites (not a suite itself: suites are named C<n>W<n>_*)."""

from __future__ import annotations

import numpy as np

from autograder.kit.spec import Case, Seed


def two_layer_init_mistakes(case: Case) -> dict[str, list]:
    """Wrong variants of the 2-layer ``initialize_parameters(n_x, n_h, n_y, *, rng)``.

    Used by C1W3 and C1W4 (step by step), which grade the same function.
    """
    n_x, n_h, n_y = case.args
    seed = case.kwargs["rng"].seed

    def unscaled():
        rng = np.random.default_rng(seed)
        return rng.standard_normal((n_h, n_x)), rng.standard_normal((n_y, n_h))

    def uniform():
        rng = np.random.default_rng(seed)
        return rng.random((n_h, n_x)) * 0.01, rng.random((n_y, n_h)) * 0.01

    def swapped_order():
        rng = np.random.default_rng(seed)
        W2 = rng.standard_normal((n_y, n_h)) * 0.01
        return rng.standard_normal((n_h, n_x)) * 0.01, W2

    hints: dict[str, list] = {"W1": [], "W2": []}
    for hint, make in (
        ("scale the random weights by 0.01 (rng.standard_normal(shape) * 0.01)", unscaled),
        ("draw from a standard normal, rng.standard_normal, not rng.random (uniform)", uniform),
        ("draw W1 before W2 from the same rng", swapped_order),
    ):
        W1, W2 = make()
        hints["W1"].append((hint, W1))
        hints["W2"].append((hint, W2))
    return hints


def two_layer_init_case(rng: np.random.Generator) -> Case:
    """A hidden case for the 2-layer ``initialize_parameters``: sizes and seed drawn."""
    return Case(
        int(rng.integers(1, 8)),
        int(rng.integers(1, 8)),
        int(rng.integers(1, 3)),
        rng=Seed(int(rng.integers(2**31))),
    )
