"""Grading suite for C1W4_deep_nn_step_by_step: ``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID``.

Expected values come from :mod:`dlutils.initialization`, :mod:`dlutils.layers` and
:mod:`dlutils.losses`; classic mistakes are wrong variants computed in the judge, with catalogue
hints (:mod:`autograder.kit.mistakes`). The learner is given :mod:`dlutils.activations`.
"""

from __future__ import annotations

from functools import partial

import numpy as np

from autograder.kit import mistakes as M
from autograder.kit.checks import (
    leaves_inputs_alone,
    matches_finite_differences,
    matches_reference,
)
from autograder.kit.spec import Case, Mismatch, Seed, graded
from autograder.learner.compare import expect_array, expect_dict, expect_tuple
from autograder.suites._common import (
    backward_with,
    cost_checks,
    expect_parameters,
    forward_with,
    grads_like,
    init_mistakes,
    labels,
    random_parameters,
    two_layer_init_check,
)
from dlutils import activations, gradcheck
from dlutils import initialization as ref_init
from dlutils import layers as ref
from dlutils import losses as ref_losses

ASSIGNMENT = "C1W4_deep_nn_step_by_step"

_OTHER = {"sigmoid": "relu", "relu": "sigmoid"}
_SCALES = {"scale": 0.8, "bias": 0.3}  # of random weights and biases

# -- inputs ----------------------------------------------------------------------------------


def _random_dims(rng: np.random.Generator) -> list[int]:
    return [int(rng.integers(2, 8)) for _ in range(int(rng.integers(1, 5)))] + [1]


def _linear_cache(rng: np.random.Generator, n_prev: int, n: int, m: int):
    """``(A_prev, W, b)`` of shapes ``(n_prev, m)``, ``(n, n_prev)``, ``(n, 1)``, all N(0, 1)."""
    return tuple(rng.standard_normal(shape) for shape in ((n_prev, m), (n, n_prev), (n, 1)))


def _layer(rng: np.random.Generator):
    """Random sizes ``(n_prev, n, m)`` and activation of one layer."""
    sizes = int(rng.integers(1, 8)), int(rng.integers(1, 8)), int(rng.integers(1, 30))
    return sizes, ("sigmoid", "relu")[int(rng.integers(2))]


_fixed = np.random.default_rng(20240604)

# -- initialize_parameters, initialize_parameters_deep ---------------------------------------

test_initialize_parameters = two_layer_init_check(ref_init.initialize_parameters, 3, 2, 1, seed=1)


def _deep_init_case(rng):
    dims = [int(rng.integers(1, 9)) for _ in range(int(rng.integers(2, 6)))]
    return Case(dims, rng=Seed(int(rng.integers(2**31))))


_DEEP_INIT_PUBLIC = [
    Case(dims, rng=Seed(seed), label=f"layer_dims={dims}")
    for dims, seed in [([5, 4, 3], 3), ([4, 3, 2, 1], 5)]
]


test_initialize_parameters_deep = matches_reference(
    "initialize_parameters_deep",
    ref_init.initialize_parameters_deep,
    points=1.5,
    public=_DEEP_INIT_PUBLIC,
    hidden=_deep_init_case,
    name="parameters",
    expect=expect_parameters,
    mistakes=lambda dims, *, rng: init_mistakes(dims, rng.seed, deep=True),
)

# -- linear_forward --------------------------------------------------------------------------


def _expect_items(got, want, labels, *, name, case, mistakes=None, rtol=1e-6, atol=1e-8):
    """A tuple like ``want``, item ``i`` named ``labels[i]`` and hinted by ``mistakes[i]``."""
    got = expect_tuple(got, len(want), name=name)
    for i, label in enumerate(labels):
        hints = mistakes[i] if mistakes else ()
        expect_array(got[i], want[i], name=label, case=case, mistakes=hints, rtol=rtol, atol=atol)


def _expect_linear_cache(got, want, *, name, case):
    order = [[(M.LINEAR_CACHE_ORDER, x) for x in want if np.shape(x) != np.shape(t)] for t in want]
    labels = [f"{name}[{label}]" for label in ("A", "W", "b")]
    _expect_items(got, want, labels, name=name, case=case, mistakes=order)


def _linear_forward_case(rng, sizes=None):
    (n_prev, n, m) = sizes or _layer(rng)[0]
    label = f"A ({n_prev}, {m}), W ({n}, {n_prev}), b ({n}, 1)" if sizes else ""
    return Case(*_linear_cache(rng, n_prev, n, m), label=label)


_LF1, _LF2 = _linear_forward_case(_fixed, (3, 1, 2)), _linear_forward_case(_fixed, (5, 4, 6))


@graded("linear_forward", points=1, public=[_LF1, _LF2], hidden=_linear_forward_case)
def test_linear_forward(student, case):
    got = expect_tuple(student.linear_forward(*case.args), 2, name="linear_forward(A, W, b)")
    Z_ref, cache_ref = case.run(ref.linear_forward)
    A, W, _ = case.args
    expect_array(got[0], Z_ref, name="Z", case=case, mistakes=[(M.FORWARD_NO_BIAS, W @ A)])
    _expect_linear_cache(got[1], cache_ref, name="cache", case=case)


test_linear_forward_leaves_inputs_alone = leaves_inputs_alone(
    "linear_forward", points=0.25, public=[_LF2]
)

# -- linear_activation_forward ---------------------------------------------------------------


def _expect_layer_cache(got, want, *, name, case):
    """``got`` must be ``((A_prev, W, b), Z)`` like ``want``."""
    if type(got) in (tuple, list) and len(got) == 2 and type(got[0]) is np.ndarray:
        if type(got[1]) in (tuple, list):
            raise Mismatch(
                f"{name} is (Z, linear_cache); expected (linear_cache, Z), in that order"
            )
    got = expect_tuple(got, 2, name=f"{name} (linear_cache, activation_cache)")
    _expect_linear_cache(got[0], want[0], name=f"{name}[0] (the linear cache)", case=case)
    expect_array(got[1], want[1], name=f"{name}[1] (the activation cache Z)", case=case)


def _activation_case(rng, sizes=None, activation=None):
    (n_prev, n, m), activation = (sizes, activation) if sizes else _layer(rng)
    label = f"{activation}, A_prev ({n_prev}, {m})" if sizes else ""
    return Case(*_linear_cache(rng, n_prev, n, m), activation, label=label)


_LA_SIG = _activation_case(_fixed, (3, 1, 2), "sigmoid")
_LA_RELU = _activation_case(_fixed, (4, 3, 5), "relu")


@graded(
    "linear_activation_forward",
    points=1.5,
    public=[_LA_SIG, _LA_RELU],
    hidden=_activation_case,
    n_hidden=4,
)
def test_linear_activation_forward(student, case):
    got = expect_tuple(
        student.linear_activation_forward(*case.args), 2, name="linear_activation_forward(...)"
    )
    A_ref, cache_ref = case.run(ref.linear_activation_forward)
    A_prev, W, b, activation = case.args
    mistakes = [
        (M.ACTIVATION_ARGUMENT, ref.linear_activation_forward(A_prev, W, b, _OTHER[activation])[0]),
        (M.RETURN_ACTIVATION, W @ A_prev + b),
        (M.FORWARD_NO_BIAS, ref.linear_activation_forward(A_prev, W, 0 * b, activation)[0]),
    ]
    expect_array(got[0], A_ref, name="A", case=case, mistakes=mistakes)
    _expect_layer_cache(got[1], cache_ref, name="cache", case=case)


test_linear_activation_forward_leaves_inputs_alone = leaves_inputs_alone(
    "linear_activation_forward", points=0.25, public=[_LA_RELU]
)

# -- L_model_forward -------------------------------------------------------------------------


def _L_forward_case(rng, dims=None, m=None):
    label = f"X ({dims[0]}, {m}), layer_dims={dims}" if dims else ""
    dims, m = (dims, m) if dims else (_random_dims(rng), int(rng.integers(1, 25)))
    return Case(
        rng.standard_normal((dims[0], m)), random_parameters(rng, dims, **_SCALES), label=label
    )


_LM1, _LM2 = _L_forward_case(_fixed, [5, 4, 3, 1], 4), _L_forward_case(_fixed, [3, 4, 1], 6)


@graded("L_model_forward", points=2, public=[_LM1, _LM2], hidden=_L_forward_case, n_hidden=4)
def test_L_model_forward(student, case):
    got = expect_tuple(
        student.L_model_forward(*case.args), 2, name="L_model_forward(X, parameters)"
    )
    AL_ref, caches_ref = case.run(ref.L_model_forward)
    X, p = case.args
    mistakes = [
        (M.HIDDEN_RELU, forward_with(X, p, "sigmoid", "sigmoid")[0]),
        (M.OUTPUT_SIGMOID, forward_with(X, p, "relu", "relu")[0]),
        (M.ACTIVATIONS_SWAPPED, forward_with(X, p, "sigmoid", "relu")[0]),
    ]
    expect_array(got[0], AL_ref, name="AL", case=case, mistakes=mistakes)
    caches = got[1]
    if type(caches) not in (list, tuple):
        raise Mismatch(f"caches should be a list of L layer caches; got a {type(caches).__name__}")
    if len(caches) != len(caches_ref):
        raise Mismatch(
            f"caches holds {len(caches)} entries; expected {len(caches_ref)}, one per layer "
            "(append every layer's cache, the L-1 ReLU ones and the sigmoid one)"
        )
    for layer, (cache, want) in enumerate(zip(caches, caches_ref, strict=True), start=1):
        _expect_layer_cache(cache, want, name=f"caches[{layer - 1}] (layer {layer})", case=case)


test_L_model_forward_leaves_inputs_alone = leaves_inputs_alone(
    "L_model_forward", points=0.5, public=[_LM1]
)

# -- compute_cost ----------------------------------------------------------------------------


def _cost_mistakes(AL, Y):
    second_term_wrong = -(Y * np.log(AL) + (1 - Y) * np.log(AL)).sum() / Y.shape[1]
    return [*M.cross_entropy(AL, Y), (M.COST_SECOND_TERM, second_term_wrong)]


# Golden value: J = -(log 0.8 + log 0.9 + log(1 - 0.4)) / 3 = 0.27977656...
_COST1 = Case(np.array([[0.8, 0.9, 0.4]]), np.array([[1.0, 1.0, 0.0]]), label="3 examples")
_COST2 = Case(_fixed.uniform(0.05, 0.95, (1, 7)), labels(_fixed, 7), label="7 examples")
test_compute_cost, test_compute_cost_returns_float = cost_checks(
    ref_losses.compute_cost, public=[_COST1, _COST2], wrong=_cost_mistakes
)
test_compute_cost_leaves_inputs_alone = leaves_inputs_alone(
    "compute_cost", points=0.25, public=[_COST2]
)

# -- linear_backward, linear_activation_backward ---------------------------------------------


def _numerical_layer(upstream, A, W, b, g=lambda Z: Z):
    """Finite differences of ``sum(upstream * g(W A + b))``: dW, db are (1/m) of them."""
    m = A.shape[1]
    return {
        "dA_prev": gradcheck.numerical_gradient(lambda x: g(W @ x + b), A, upstream=upstream),
        "dW": gradcheck.numerical_gradient(lambda x: g(x @ A + b), W, upstream=upstream) / m,
        "db": gradcheck.numerical_gradient(lambda x: g(W @ A + x), b, upstream=upstream) / m,
    }


def _linear_backward_case(rng, sizes=None):
    n_prev, n, m = sizes or _layer(rng)[0]
    label = f"dZ ({n}, {m}), A_prev ({n_prev}, {m})" if sizes else ""
    return Case(rng.standard_normal((n, m)), _linear_cache(rng, n_prev, n, m), label=label)


def _linear_backward_mistakes(dZ, cache):
    A_prev, W, _ = cache
    m = A_prev.shape[1]
    return [
        [(M.DA_PREV_SCALED, W.T @ dZ / m)],
        [(M.GRAD_NO_MEAN, dZ @ A_prev.T), (M.GRAD_MEAN_TWICE, dZ @ A_prev.T / m**2)],
        [
            (M.GRAD_NO_MEAN, dZ.sum(axis=1, keepdims=True)),
            (M.DB_SUM_ALL, np.full((W.shape[0], 1), dZ.sum() / m)),
            (M.REDUCED_WRONG_AXIS, dZ.mean(axis=0, keepdims=True)),
            (M.REDUCED_WRONG_AXIS, dZ.sum(axis=0, keepdims=True) / m),
        ],
    ]


def _activation_backward_case(rng, sizes=None, activation=None):
    (n_prev, n, m), activation = (sizes, activation) if sizes else _layer(rng)
    _, cache = ref.linear_activation_forward(*_linear_cache(rng, n_prev, n, m), activation)
    label = f"{activation}, dA ({n}, {m}), A_prev ({n_prev}, {m})" if sizes else ""
    return Case(rng.standard_normal((n, m)), cache, activation, label=label)


def _activation_backward_mistakes(dA, cache, activation):
    wrong = [(M.ACTIVATION_ARGUMENT, ref.linear_activation_backward(dA, cache, _OTHER[activation]))]
    return M.by_key([*wrong, (M.NO_DERIVATIVE, ref.linear_backward(dA, cache[0]))])


_LB1, _LB2 = _linear_backward_case(_fixed, (5, 3, 4)), _linear_backward_case(_fixed, (3, 1, 2))
test_linear_backward = matches_reference(
    "linear_backward",
    ref.linear_backward,
    points=2,
    public=[_LB1, _LB2],
    hidden=_linear_backward_case,
    name="linear_backward(dZ, cache)",
    expect=partial(_expect_items, labels=("dA_prev", "dW", "db")),
    mistakes=_linear_backward_mistakes,
)
test_linear_backward_matches_finite_differences = matches_finite_differences(
    "linear_backward",
    points=0.5,
    public=[_LB1],
    numerical=lambda case: _numerical_layer(case.args[0], *case.args[1]),
)
test_linear_backward_leaves_inputs_alone = leaves_inputs_alone(
    "linear_backward", points=0.25, public=[_LB1]
)

_LAB_SIG = _activation_backward_case(_fixed, (3, 1, 2), "sigmoid")
_LAB_RELU = _activation_backward_case(_fixed, (4, 3, 5), "relu")
test_linear_activation_backward = matches_reference(
    "linear_activation_backward",
    ref.linear_activation_backward,
    points=2,
    public=[_LAB_SIG, _LAB_RELU],
    hidden=_activation_backward_case,
    n_hidden=4,
    name="linear_activation_backward(dA, cache, activation)",
    expect=partial(_expect_items, labels=("dA_prev", "dW", "db")),
    mistakes=_activation_backward_mistakes,
)
test_linear_activation_backward_matches_finite_differences = matches_finite_differences(
    "linear_activation_backward",
    points=0.5,
    public=[_LAB_SIG, _LAB_RELU],
    numerical=lambda case: _numerical_layer(
        case.args[0], *case.args[1][0], g=getattr(activations, case.args[2])
    ),
    atol=1e-6,
)
test_linear_activation_backward_leaves_inputs_alone = leaves_inputs_alone(
    "linear_activation_backward", points=0.25, public=[_LAB_RELU]
)

# -- L_model_backward ------------------------------------------------------------------------


def _L_backward_case(rng, dims=None, m=None):
    """A hidden case, or (``dims`` and ``m`` given) a public one with alternating labels.

    Hidden cases are redrawn until no output saturates: at AL exactly 0 or 1 the reference
    guards its division and an unguarded (textbook) dAL gives inf or nan, and near saturation
    correct sigmoid variants differ by an ulp in 1 - AL, which dAL magnifies.
    """
    while True:
        X, parameters = _L_forward_case(rng, dims, m).args
        AL, caches = ref.L_model_forward(X, parameters)
        if dims:
            Y = np.tile([1.0, 0.0], m)[:m].reshape(1, m)
            return Case(AL, Y, caches, label=f"layer_dims={dims}, m={m}")
        if AL.min() > 1e-6 and AL.max() < 1 - 1e-6:
            return Case(AL, labels(rng, AL.shape[1]), caches)


_LMB1, _LMB2 = _L_backward_case(_fixed, [4, 3, 1], 2), _L_backward_case(_fixed, [5, 4, 3, 1], 6)


def _L_backward_mistakes(AL, Y, caches):
    dAL = -(Y / AL - (1 - Y) / (1 - AL))
    return M.by_key(
        [
            (M.DAL_SIGN, backward_with(-dAL, caches)),
            (M.OUTPUT_SIGMOID, backward_with(dAL, caches, "relu", "relu")),
            (M.HIDDEN_RELU, backward_with(dAL, caches, "sigmoid", "sigmoid")),
            (M.DAL_NOT_AL_MINUS_Y, backward_with(AL - Y, caches)),
        ]
    )


@graded("L_model_backward", points=2.5, public=[_LMB1, _LMB2], hidden=_L_backward_case, n_hidden=4)
def test_L_model_backward(student, case):
    got = student.L_model_backward(*case.args)
    want = case.run(ref.L_model_backward)
    L = len(case.args[2])
    if type(got) is dict and "dA0" not in got and f"dA{L}" in got:
        raise Mismatch(f"grads has 'dA{L}' but no 'dA0'", M.DA_KEYS, certain=True)
    keys = [key for i in range(L, 0, -1) for key in (f"dA{i - 1}", f"dW{i}", f"db{i}")]
    mistakes = _L_backward_mistakes(*case.args)
    expect_dict(got, want, name="grads", case=case, keys=keys, mistakes=mistakes)


def _numerical_L_grads(case):
    AL, Y, caches = case.args
    parameters = {}
    for layer, ((_, W, b), _) in enumerate(caches, start=1):
        parameters[f"W{layer}"], parameters[f"b{layer}"] = W, b
    X = caches[0][0][0]
    cost = lambda p: ref_losses.compute_cost(ref.L_model_forward(X, p)[0], Y)  # noqa: E731
    return gradcheck.numerical_gradient_dict(cost, parameters)


test_L_model_backward_matches_finite_differences = matches_finite_differences(
    "L_model_backward", points=0.5, public=[_LMB2], numerical=_numerical_L_grads, rtol=1e-4
)
test_L_model_backward_leaves_inputs_alone = leaves_inputs_alone(
    "L_model_backward", points=0.5, public=[_LMB2]
)

# -- update_parameters -----------------------------------------------------------------------


def _update_case(rng, dims=None, learning_rate=None):
    p = random_parameters(rng, dims or _random_dims(rng), **_SCALES)
    grads = {**grads_like(rng, p), "dA0": rng.standard_normal((3, 2))}  # as L_model_backward's
    learning_rate = learning_rate or float(rng.uniform(0.01, 2.0))
    label = f"{len(dims) - 1} layers, learning_rate={learning_rate}" if dims else ""
    return Case(p, grads, learning_rate, label=label)


def _update_mistakes(parameters, grads, learning_rate):
    L = len(parameters) // 2
    mistakes = M.descent_step(parameters, grads, learning_rate)
    for key, value in parameters.items():
        mistakes[key].append((M.UPDATE_NO_RATE, value - grads["d" + key]))
        if key in (f"W{L}", f"b{L}"):
            mistakes[key].append((M.UPDATE_LAST_LAYER, value))
        if key.startswith("b"):
            mistakes[key].append((M.UPDATE_BIASES, value))
    return mistakes


_UP1 = _update_case(_fixed, [4, 3, 2, 1], 0.1)
test_update_parameters = matches_reference(
    "update_parameters",
    ref.update_parameters,
    points=1.5,
    public=[_UP1],
    hidden=_update_case,
    name="parameters",
    expect=expect_dict,
    mistakes=_update_mistakes,
)
test_update_parameters_leaves_inputs_alone = leaves_inputs_alone(
    "update_parameters", points=0.5, public=[_UP1]
)
