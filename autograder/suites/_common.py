"""Checks shared by several suites (not a suite itself: suites are named C<n>W<n>_*)."""

from __future__ import annotations

from functools import partial

import numpy as np

from autograder.kit import mistakes
from autograder.kit.checks import matches_reference, returns_float, takes_a_number
from autograder.kit.mistakes import INIT_DEEP_LAYERS
from autograder.kit.spec import Case, Mismatch, Seed
from autograder.learner.compare import expect_dict, expect_scalar
from dlutils import layers


def draws(dims, seed, weight, bias=None, *, reverse: bool = False) -> dict:
    """Parameters for ``dims`` drawn from ``default_rng(seed)`` (``seed``: an int, or a Generator
    to draw from) layer by layer (W, then b when ``bias`` draws it), by
    ``weight(generator, shape)``; ``reverse`` draws the last layer first."""
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
    return mistakes.by_key((mistake, draws(dims, seed, **how)) for mistake, how in variants)


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


# -- random inputs and checks shared by C1W3 and C1W4 (step by step) -------------------------


def labels(rng: np.random.Generator, m: int) -> np.ndarray:
    """Binary labels, 0.0 or 1.0 with probability 1/2 each, shape ``(1, m)``."""
    return (rng.random((1, m)) > 0.5).astype(np.float64)


def random_parameters(rng: np.random.Generator, dims, *, scale: float, bias: float) -> dict:
    """``W{l}`` ~ N(0, scale^2) and ``b{l}`` ~ N(0, bias^2) for ``dims`` (drawn W1, b1, W2, ...);
    the biases are non-zero so that a forgotten ``+ b`` shows."""
    normal = lambda factor: lambda g, shape: g.standard_normal(shape) * factor  # noqa: E731
    return draws(dims, rng, normal(scale), normal(bias))


def grads_like(rng: np.random.Generator, parameters: dict) -> dict:
    """A ``d{key}`` of ``parameters``' shape for each key, ~ N(0, 0.01)."""
    return {"d" + key: rng.standard_normal(value.shape) * 0.1 for key, value in parameters.items()}


def cost_case(rng: np.random.Generator) -> Case:
    """A hidden case for ``compute_cost(AL, Y)``: 1 to 199 examples, AL in [0.02, 0.98]."""
    m = int(rng.integers(1, 200))
    return Case(rng.uniform(0.02, 0.98, (1, m)), labels(rng, m))


def cost_checks(reference, *, public, wrong=mistakes.cross_entropy) -> tuple:
    """``test_compute_cost`` (1.5 points; hidden cases by :func:`cost_case`; hints from
    ``wrong(AL, Y)``) and ``test_compute_cost_returns_float`` (0.5, on ``public[0]``) for a
    graded cross-entropy ``compute_cost(AL, Y)`` (C1W3, C1W4 step by step)."""
    return (
        matches_reference(
            "compute_cost",
            reference,
            points=1.5,
            public=public,
            hidden=cost_case,
            name="cost",
            expect=expect_scalar,
            mistakes=wrong,
        ),
        returns_float("compute_cost", points=0.5, public=public[:1], name="cost"),
    )


def two_layer_init_check(reference, n_x: int, n_h: int, n_y: int, *, seed: int):
    """The graded check of the 2-layer ``initialize_parameters(n_x, n_h, n_y, *, rng)`` (1 point),
    public on the sizes given; its hints come from :func:`init_mistakes`."""
    return matches_reference(
        "initialize_parameters",
        reference,
        points=1,
        public=[Case(n_x, n_h, n_y, rng=Seed(seed), label=f"n_x={n_x}, n_h={n_h}, n_y={n_y}")],
        hidden=two_layer_init_case,
        name="parameters",
        expect=partial(expect_dict, keys=["W1", "b1", "W2", "b2"]),
        mistakes=two_layer_init_mistakes,
    )


def expect_parameters(got, want, *, name="parameters", case, mistakes=None, rtol=1e-6, atol=1e-8):
    """``got`` holds ``want``'s ``W1, b1, ..., WL, bL`` (``expect_dict``), a wrong count of layers
    named first with :data:`~autograder.kit.mistakes.INIT_DEEP_LAYERS`: an L-layer initialiser's
    comparison (C1W4 step by step, C2W1)."""
    if type(got) is dict and len(got) != len(want):
        L = len(want) // 2
        raise Mismatch(
            f"{name} has {len(got)} entries; expected {len(want)} (W1, b1, ..., W{L}, b{L})",
            INIT_DEEP_LAYERS,
            certain=True,
        )
    expect_dict(got, want, name=name, case=case, mistakes=mistakes, rtol=rtol, atol=atol)


# -- sigmoid, graded in both C1W2 suites -----------------------------------------------------


def random_array(rng: np.random.Generator, *, max_ndim: int, max_side: int) -> np.ndarray:
    """N(0, 16) entries in 1 ... ``max_ndim`` dimensions of sides 1 ... ``max_side``."""
    ndim = int(rng.integers(1, max_ndim + 1))
    return rng.standard_normal(tuple(int(n) for n in rng.integers(1, max_side + 1, ndim))) * 4


def sigmoid_checks(reference, variable: str, *, public, hidden) -> tuple:
    """``test_sigmoid`` (0.75 points, hints from :func:`mistakes.sigmoid_mistakes`),
    ``test_sigmoid_of_a_number`` and ``test_sigmoid_extreme_inputs`` (0.25 each) for a graded
    ``sigmoid(variable)`` whose docstring promises "array_like, any shape"."""
    name = f"sigmoid({variable})"
    extreme = Case(np.array([[-1000.0, -40.0, 0.0, 40.0, 1000.0]]), label="entries up to 1000")
    numbers = [
        Case(0.5, label=f"{variable} = 0.5 (a Python float)"),
        Case(-3, label=f"{variable} = -3 (a Python int)"),
    ]
    check = partial(matches_reference, "sigmoid", reference)
    return (
        check(
            points=0.75, public=public, hidden=hidden, name=name, mistakes=mistakes.sigmoid_mistakes
        ),
        takes_a_number(
            "sigmoid", reference, points=0.25, public=numbers, name=f"{name} of a number"
        ),
        check(
            points=0.25,
            public=[extreme],
            aspect="extreme_inputs",
            name=f"{name} for |{variable}| up to 1000",
        ),
    )
