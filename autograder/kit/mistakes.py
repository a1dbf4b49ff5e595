"""The catalogue of classic mistakes: one wording for each hint, used by every suite.

A :class:`Mistake` is its hint text (it *is* a ``str``, so it goes wherever a hint goes) with a
stable ``name`` that tests refer to. Suites pair an entry with the value the mistake would
produce on the case at hand (``[(COST_SIGN, wrong_value), ...]``) and pass the pairs to an
``expect_*`` helper as ``mistakes=``; the hint is shown only when the submission's value
matches. The builders below compute those pairs for the mistakes that recur across assignments.

A :class:`Sample` plants one mistake in a solution notebook: the demo writes the first sample of
each assignment as a submission, and the tests grade every sample alone and check that it shows
its own hint and no other.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

__all__ = [
    "Mistake",
    "Sample",
    "cross_entropy",
    "descent_step",
    "unscaled_gradients",
]


class Mistake(str):
    """A hint for one classic mistake, named so that tests can refer to it."""

    name: str

    def __new__(cls, name: str, hint: str) -> Mistake:
        entry = super().__new__(cls, hint)
        entry.name = name
        return entry

    def __repr__(self) -> str:
        return f"Mistake({self.name!r})"


@dataclass(frozen=True)
class Sample:
    """A classic mistake planted in the solution of ``function``.

    ``old`` is replaced by ``new`` once in the solution's answer cell (or, when ``old`` is
    empty, ``new`` is the whole cell). ``mistake`` is the hint the grade must show.
    """

    function: str
    old: str
    new: str
    mistake: Mistake
    label: str = ""


# -- cross-entropy cost ----------------------------------------------------------------------

COST_NO_MEAN = Mistake(
    "cost_no_mean", "divide by m: the cost is the mean over examples, -(1/m) * sum(...)"
)
COST_SIGN = Mistake("cost_sign", "the cost is minus the mean log-likelihood: check the sign")
COST_ONE_TERM = Mistake("cost_one_term", "include both terms, y * log(a) and (1 - y) * log(1 - a)")

# -- gradients and updates -------------------------------------------------------------------

GRAD_NO_MEAN = Mistake(
    "grad_no_mean",
    "divide by m: dW = (1/m) dZ @ A_prev.T and db = (1/m) * sum over examples",
)
UPDATE_SIGN = Mistake("update_sign", "gradient descent subtracts: W = W - learning_rate * dW")

# -- initialisation --------------------------------------------------------------------------

INIT_UNSCALED = Mistake(
    "init_unscaled", "scale the random weights by 0.01 (rng.standard_normal(shape) * 0.01)"
)
INIT_UNIFORM = Mistake(
    "init_uniform", "draw from a standard normal, rng.standard_normal, not rng.random (uniform)"
)


def cross_entropy(A: np.ndarray, Y: np.ndarray) -> list[tuple[Mistake, float]]:
    r"""The classic wrong forms of :math:`J = -\frac1m \sum y \log a + (1-y)\log(1-a)`.

    ``A`` (probabilities) and ``Y`` (labels in {0, 1}) have shape ``(1, m)``.
    """
    m = Y.shape[1]
    log_likelihood = Y * np.log(A) + (1 - Y) * np.log(1 - A)
    return [
        (COST_NO_MEAN, float(-log_likelihood.sum())),
        (COST_SIGN, float(log_likelihood.sum() / m)),
        (COST_ONE_TERM, float(-(Y * np.log(A)).sum() / m)),
    ]


def descent_step(
    parameters: dict[str, np.ndarray], grads: dict[str, np.ndarray], learning_rate: float
) -> dict[str, list[tuple[Mistake, np.ndarray]]]:
    """Per parameter ``W``: the step that adds ``learning_rate * dW`` instead of subtracting."""
    return {
        key: [(UPDATE_SIGN, value + learning_rate * grads["d" + key])]
        for key, value in parameters.items()
    }


def unscaled_gradients(
    dZ: np.ndarray, A_prev: np.ndarray, *, names: tuple[str, str] = ("dW", "db")
) -> dict[str, list[tuple[Mistake, np.ndarray]]]:
    """``dW = dZ @ A_prev.T`` and ``db = sum(dZ)`` without the ``1/m`` (shapes as the real ones)."""
    dW, db = names
    return {
        dW: [(GRAD_NO_MEAN, dZ @ A_prev.T)],
        db: [(GRAD_NO_MEAN, dZ.sum(axis=1, keepdims=True))],
    }
