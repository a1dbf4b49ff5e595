"""Grading suite for C2W1_initialization: zeros, large random (x10), He and Xavier starts.

Every expected value comes from :mod:`dlutils.initialization`. The three random initialisers
share one draw order (``W1``, ..., ``WL``, each ``rng.standard_normal((n[l], n[l-1]))`` times
the scale; biases draw nothing) and differ only in the scale, so one builder gives each of them
its wrong variants: a wrong scale, a uniform draw, drawn biases, the layers drawn backwards, a
transposed ``W``. A submission's value that matches a variant gets its catalogue hint
(:mod:`autograder.kit.mistakes`). The answer cells call no given module (``given.toml``).
"""

from __future__ import annotations

from functools import partial

import numpy as np

from autograder.kit import mistakes as M
from autograder.kit.checks import leaves_inputs_alone
from autograder.kit.spec import Case, Seed, graded
from autograder.suites._common import draws, expect_parameters
from dlutils import initialization as ref

ASSIGNMENT = "C2W1_initialization"

# The scale of W[l] for each random initialiser, as a function of (n[l-1], n[l]).
SCALES = {
    "initialize_parameters_random": lambda n_prev, n: 10.0,
    "initialize_parameters_he": lambda n_prev, n: np.sqrt(2 / n_prev),
    "initialize_parameters_xavier": lambda n_prev, n: np.sqrt(1 / n_prev),
}
_OTHER_SCALES = {  # the classic wrong scales of each initialiser: {function: [(Mistake, scale)]}
    "initialize_parameters_random": [
        (M.INIT_TIMES_10, lambda n_prev, n: 0.01),
        (M.INIT_TIMES_10, lambda n_prev, n: 1.0),
    ],
    "initialize_parameters_he": [
        (M.INIT_FAN_IN, lambda n_prev, n: np.sqrt(2 / n)),
        (M.INIT_NO_SQRT, lambda n_prev, n: 2 / n_prev),
        (M.INIT_HE_VS_XAVIER, SCALES["initialize_parameters_xavier"]),
    ],
    "initialize_parameters_xavier": [
        (M.INIT_FAN_IN, lambda n_prev, n: np.sqrt(1 / n)),
        (M.INIT_NO_SQRT, lambda n_prev, n: 1 / n_prev),
        (M.INIT_HE_VS_XAVIER, SCALES["initialize_parameters_he"]),
        (M.INIT_GLOROT, lambda n_prev, n: np.sqrt(2 / (n_prev + n))),
    ],
}


def _normal(scale):
    """``weight(generator, shape)`` for :func:`draws`: standard normal times ``scale``."""
    return lambda g, shape: g.standard_normal(shape) * scale(shape[1], shape[0])


def _times(factor, g, shape):
    return g.standard_normal(shape) * factor


def random_init_mistakes(function: str, dims, seed: int) -> dict[str, list]:
    """``{key: [(Mistake, wrong value), ...]}`` for one of the random initialisers."""
    scale = SCALES[function]
    normal = _normal(scale)
    variants = [(mistake, {"weight": _normal(other)}) for mistake, other in _OTHER_SCALES[function]]
    variants += [
        (M.INIT_UNIFORM, {"weight": lambda g, shape: g.random(shape) * scale(shape[1], shape[0])}),
        *[
            (M.INIT_BIAS_DRAWN, {"weight": normal, "bias": partial(_times, factor)})
            for factor in (1.0, 0.01, 10.0)
        ],
        (M.INIT_ORDER, {"weight": normal, "reverse": True}),
        (
            M.INIT_W_SHAPE,
            {"weight": lambda g, shape: g.standard_normal(shape[::-1]) * scale(*shape[::-1])},
        ),
    ]
    return M.by_key((mistake, draws(dims, seed, **how)) for mistake, how in variants)


def zeros_mistakes(dims) -> dict[str, list]:
    """A transposed ``W`` and 1-D biases, the wrong shapes of the all-zeros start."""
    transposed = {f"W{l}": np.zeros((dims[l - 1], dims[l])) for l in range(1, len(dims))}
    flat = {f"b{l}": np.zeros(dims[l]) for l in range(1, len(dims))}
    return M.by_key([(M.INIT_W_SHAPE, transposed), (M.INIT_BIAS_SHAPE, flat)])


# Public sizes differ from layer to layer, so that a scale read from the wrong layer shows.
_PUBLIC_DIMS = ([3, 5, 2], [4, 2, 3, 1])


def _hidden_dims(rng: np.random.Generator) -> list[int]:
    return [int(n) for n in rng.integers(1, 10, size=int(rng.integers(2, 6)))]


@graded(
    "initialize_parameters_zeros",
    points=1,
    public=[Case(dims, label=f"layers_dims={dims}") for dims in _PUBLIC_DIMS],
    hidden=lambda rng: Case(_hidden_dims(rng)),
)
def test_initialize_parameters_zeros(student, case):
    got = student.initialize_parameters_zeros(*case.args)
    want = case.run(ref.initialize_parameters_zeros)
    expect_parameters(got, want, case=case, mistakes=zeros_mistakes(case.args[0]))


def _random_test(function: str, points: float):
    """The graded check of one random initialiser against its reference, with its hints."""

    @graded(
        function,
        points=points,
        public=[
            Case(dims, rng=Seed(seed), label=f"layers_dims={dims}")
            for dims, seed in zip(_PUBLIC_DIMS, (1, 3), strict=True)
        ],
        hidden=lambda rng: Case(_hidden_dims(rng), rng=Seed(int(rng.integers(2**31)))),
    )
    def test(student, case):
        got = getattr(student, function)(*case.args, **case.kwargs)
        want = case.run(getattr(ref, function))
        dims, seed = case.args[0], case.kwargs["rng"].seed
        expect_parameters(got, want, case=case, mistakes=random_init_mistakes(function, dims, seed))

    test.__name__ = test.__qualname__ = f"test_{function}"
    return test


test_initialize_parameters_random = _random_test("initialize_parameters_random", points=1)
test_initialize_parameters_he = _random_test("initialize_parameters_he", points=1.5)
test_initialize_parameters_xavier = _random_test("initialize_parameters_xavier", points=1.5)

_ALONE = partial(leaves_inputs_alone, points=0.5)
_SEEDED = [Case([3, 5, 2], rng=Seed(7))]
test_initialize_parameters_zeros_leaves_inputs_alone = _ALONE(
    "initialize_parameters_zeros", public=[Case([3, 5, 2])]
)
test_initialize_parameters_random_leaves_inputs_alone = _ALONE(
    "initialize_parameters_random", public=_SEEDED
)
test_initialize_parameters_he_leaves_inputs_alone = _ALONE(
    "initialize_parameters_he", public=_SEEDED
)
test_initialize_parameters_xavier_leaves_inputs_alone = _ALONE(
    "initialize_parameters_xavier", public=_SEEDED
)
