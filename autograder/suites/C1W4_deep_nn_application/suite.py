"""Grading suite for C1W4_deep_nn_application: a 2-layer and an L-layer image classifier.

Expected values come from :mod:`dlutils.models`; the learner is given the step-by-step blocks
(``given.toml``). Grading trains on tiny random "images" for a few hundred iterations. Classic
mistakes are wrong variants of the training loop, run in the judge only when a result differs
from the reference (:func:`autograder.kit.mistakes.hint_on_failure`). Both models are graded by
the same four checks, made by :func:`_model_checks`.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from autograder.kit import mistakes as M
from autograder.kit.checks import leaves_inputs_alone
from autograder.kit.spec import Case, Mismatch, Seed, graded
from autograder.learner.compare import expect_costs, expect_dict, expect_tuple
from autograder.suites._common import backward_with, forward_with
from dlutils import initialization, layers, losses
from dlutils import models as ref

ASSIGNMENT = "C1W4_deep_nn_application"

COST_EVERY = 100
_DEFAULT_LR = 0.0075
# Where the recording rule "i % 100 == 0 or i == num_iterations - 1" has its edges: one
# iteration (both conditions at once), a last iteration that is a multiple of 100, and one
# that is not.
_EDGES = (1, 101, 200)
# The reference trains by composing the public blocks (dlutils.models through dlutils._fastpath,
# equal to that composition to 1e-12), and the correct variants learners write (dZ = AL - Y or
# dAL through sigmoid_backward, @ or np.dot, their own loops) stay within 1e-13 of it over a few
# hundred steps; every classic mistake moves them by far more than 1e-3.
_RTOL, _ATOL = 1e-10, 1e-12

# -- inputs ----------------------------------------------------------------------------------


def _images(rng: np.random.Generator, n_x: int, m: int):
    """Tiny flattened "images" in [0, 1] with labels from a random linear rule (balanced-ish)."""
    X = rng.random((n_x, m))
    score = rng.standard_normal((1, n_x)) @ (X - 0.5)
    return X, (score > np.median(score)).astype(np.float64)


def _case(rng, deep: bool):
    """A hidden case: data, layer sizes (two layers, or 2 to 4 for ``deep``), rate, iterations."""
    n_x, m = int(rng.integers(5, 17)), int(rng.integers(10, 51))
    X, Y = _images(rng, n_x, m)
    if deep:
        dims = [n_x] + [int(rng.integers(2, 8)) for _ in range(int(rng.integers(1, 4)))] + [1]
    else:
        dims = (n_x, int(rng.integers(2, 7)), 1)
    lr, iterations = float(rng.uniform(0.05, 0.3)), int(rng.integers(101, 220))
    return Case(X, Y, dims, lr, iterations, False, rng=Seed(int(rng.integers(2**31))))


_fixed = np.random.default_rng(20240605)
_X1, _Y1 = _images(_fixed, 8, 24)
_X2, _Y2 = _images(_fixed, 6, 16)


def _public(dims, lr, iterations, seed, *, data=1, print_cost=False, label=""):
    X, Y = (_X1, _Y1) if data == 1 else (_X2, _Y2)
    if not label:
        sizes = f"n_h={dims[1]}" if type(dims) is tuple else f"layers_dims={list(dims)}"
        label = f"X {X.shape}, {sizes}, {iterations} iterations"
    printing = (True,) if print_cost else ()  # else print_cost is left at its default
    return Case(X, Y, dims, lr, iterations, *printing, rng=Seed(seed), label=label)


def _public_cases(dims, seed: int):
    """The public cases of a model, from 4 layer sizes and seeds ``seed`` to ``seed + 3``:
    trainings on data sets 1 and 2, the cost checks' (training 2, one that prints, the recording
    edges), and one with the default learning rate."""
    public = [_public(dims[0], 0.3, 160, seed), _public(dims[1], 0.2, 120, seed + 1, data=2)]
    label = "print_cost=True, 100 iterations"
    costs = [public[1], _public(dims[2], 0.1, 100, seed + 2, print_cost=True, label=label)]
    costs += [_public(dims[1], 0.2, n, n, data=2, label=f"{n} iteration(s)") for n in _EDGES]
    label = "learning_rate left at its default, 40 iterations"
    return (
        public,
        costs,
        Case(_X2, _Y2, dims[3], num_iterations=40, rng=Seed(seed + 3), label=label),
    )


# -- wrong variants of the training loop (run in the judge) ----------------------------------


def _train_variant(case, init, *, lr=None, hidden="relu", sign=1.0, stale=False, after=False):
    """The training loop on ``case`` (its learning rate and iterations passed by position) with
    one knob turned; returns ``(parameters, costs)``. ``stale``: forward and backward use the
    initial parameters while the updates accumulate. ``after``: the recorded cost is that of the
    updated parameters.
    """
    X, Y, dims, case_lr, iterations = case.args[:5]
    parameters = initial = init(list(dims), rng=np.random.default_rng(case.kwargs["rng"].seed))
    costs = []
    for i in range(iterations):
        AL, caches = forward_with(X, initial if stale else parameters, hidden)
        grads = backward_with(sign * losses.binary_cross_entropy_backward(AL, Y), caches, hidden)
        new = layers.update_parameters(parameters, grads, case_lr if lr is None else lr)
        if i % COST_EVERY == 0 or i == iterations - 1:
            costs.append(losses.compute_cost(forward_with(X, new, hidden)[0] if after else AL, Y))
        parameters = new
    return parameters, costs


def _two_init(dims, *, rng):
    return initialization.initialize_parameters(*dims, rng=rng)


_xavier = initialization.initialize_parameters_xavier


def _variants(case, init, wrong_inits, *, hidden_relu: bool):
    """``[(mistake, (parameters, costs))]`` for each wrong initialiser and each wrong loop
    (``hidden_relu``: with sigmoid hidden layers too)."""
    knobs = [(M.LOOP_DAL_SIGN, {"sign": -1.0}), (M.LOOP_STALE_PARAMETERS, {"stale": True})]
    if abs(case.args[3] - _DEFAULT_LR) > 1e-12:
        knobs.append((M.LOOP_FIXED_RATE, {"lr": _DEFAULT_LR}))
    if hidden_relu:
        knobs.append((M.HIDDEN_RELU, {"hidden": "sigmoid"}))
    return [(mistake, _train_variant(case, wrong)) for mistake, wrong in wrong_inits] + [
        (mistake, _train_variant(case, init, **knob)) for mistake, knob in knobs
    ]


# -- checks ----------------------------------------------------------------------------------


def _trained(student, function, case):
    """The submission's ``(parameters, costs)`` and the reference's, on ``case``."""
    got = getattr(student, function)(*case.args, **case.kwargs)
    got = expect_tuple(got, 2, name=f"{function} (parameters, costs)")
    # Without the sixth argument, print_cost: the reference never prints in the judge.
    return got, case.run(lambda *args, **kwargs: getattr(ref, function)(*args[:5], **kwargs))


def _recording_mistakes(iterations, recorded):
    """Wrong recording rules, as ``(mistake, number of costs)`` that differ from ``recorded``."""
    every = len(range(0, iterations, COST_EVERY))
    counts = [(M.COSTS_EVERY_ITERATION, iterations), (M.COSTS_NO_LAST, every)]
    if (iterations - 1) % COST_EVERY == 0:
        counts.append((M.COSTS_LAST_TWICE, every + 1))
    return [(mistake, count) for mistake, count in counts if count != recorded]


def _model_checks(function, init, wrong_inits, dims, seed: int):
    """The four checks of a training function: trained parameters, recorded costs, the default
    learning rate, and inputs left alone. ``init`` is its initialiser, ``wrong_inits`` the
    ``[(mistake, initialiser)]`` learners confuse it with; public cases by :func:`_public_cases`."""
    public, costs_public, default = _public_cases(dims, seed)
    deep = function == "L_layer_model"
    hidden = partial(_case, deep=deep)
    variants = partial(_variants, init=init, wrong_inits=wrong_inits, hidden_relu=not deep)
    name = "trained parameters"

    @graded(function, points=2.5, public=public, hidden=hidden, n_hidden=2, timeout=20.0)
    def parameters(student, case):
        ((got, _), (want, _)) = _trained(student, function, case)
        if type(got) is dict and len(got) != len(want):
            raise Mismatch(
                f"the {name} hold {len(got)} entries; expected {len(want)} (W1, b1, ..., "
                f"W{len(want) // 2}, b{len(want) // 2} for layers_dims={list(case.args[2])})"
            )
        M.hint_on_failure(
            lambda mistakes: expect_dict(
                got, want, name=name, case=case, rtol=_RTOL, atol=_ATOL, mistakes=mistakes
            ),
            lambda: M.by_key((mistake, trained[0]) for mistake, trained in variants(case)),
        )

    @graded(function, points=1, public=costs_public, hidden=hidden, n_hidden=1, timeout=20.0)
    def costs(student, case):
        """Costs recorded when i % 100 == 0 or at the last iteration, once each."""
        ((_, got), (_, want)) = _trained(student, function, case)
        counts = _recording_mistakes(case.args[4], len(want))
        M.hint_on_failure(
            lambda mistakes: expect_costs(
                got, want, case=case, rtol=_RTOL, atol=_ATOL, counts=counts, mistakes=mistakes
            ),
            lambda: [
                (M.COSTS_AFTER_UPDATE, np.asarray(_train_variant(case, init, after=True)[1])),
                *((mistake, trained[1]) for mistake, trained in variants(case)),
            ],
        )

    @graded(function, points=0.5, public=[default], timeout=20.0)
    def default_learning_rate(student, case):
        ((got, _), (want, _)) = _trained(student, function, case)
        label = f"{name} (default learning_rate = {_DEFAULT_LR})"
        expect_dict(got, want, name=label, case=case, rtol=_RTOL, atol=_ATOL)

    alone = leaves_inputs_alone(function, points=0.5, public=public[1:2], timeout=20.0)
    checks = [parameters, costs, default_learning_rate]
    for check, aspect in zip(checks, ("", "_costs", "_default_learning_rate"), strict=True):
        check.__name__ = check.__qualname__ = f"test_{function}{aspect}"
    return (*checks, alone)


# -- two_layer_model, L_layer_model ----------------------------------------------------------


(
    test_two_layer_model,
    test_two_layer_model_costs,
    test_two_layer_model_default_learning_rate,
    test_two_layer_model_leaves_inputs_alone,
) = _model_checks(
    "two_layer_model",
    _two_init,
    [(M.TWO_LAYER_INIT, _xavier)],
    [(8, 5, 1), (6, 3, 1), (8, 4, 1), (6, 4, 1)],
    seed=1,
)
(
    test_L_layer_model,
    test_L_layer_model_costs,
    test_L_layer_model_default_learning_rate,
    test_L_layer_model_leaves_inputs_alone,
) = _model_checks(
    "L_layer_model",
    _xavier,
    [
        (M.L_LAYER_INIT_DEEP, initialization.initialize_parameters_deep),
        (M.L_LAYER_INIT_HE, initialization.initialize_parameters_he),
    ],
    [[8, 6, 4, 1], [6, 5, 1], [8, 5, 3, 1], [6, 4, 3, 1]],
    seed=5,
)
