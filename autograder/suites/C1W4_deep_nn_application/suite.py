"""Grading suite for C1W4_deep_nn_application: a 2-layer and an L-layer image classifier.

Expected values come from :mod:`dlutils.models` (``two_layer_model``, ``L_layer_model``).
The graded functions assemble the blocks of the step-by-step assignment, which the learner is
given here: the worker receives the modules of ``given.toml`` whole, so the functions a
submission calls while grading are exactly those its notebook imports.

Grading trains on small random "images" (a few pixels in [0, 1], labels from a hidden linear
rule) for a few hundred iterations; the notebook itself trains on the real digits. Classic
mistakes are wrong variants of the training loop, run here in the judge only when a result
differs from the reference, so a correct submission costs one reference run per case.
"""

from __future__ import annotations

import numpy as np

from autograder.kit.compare import expect_costs, expect_dict, expect_no_mutation
from autograder.kit.spec import Case, Mismatch, Seed, graded
from dlutils import initialization, layers, losses
from dlutils import models as ref

ASSIGNMENT = "C1W4_deep_nn_application"

COST_EVERY = 100
# Where the recording rule "i % 100 == 0 or i == num_iterations - 1" has its edges: one
# iteration (both conditions at once), a last iteration that is a multiple of 100, and one
# that is not.
_RECORDING_BOUNDARIES = (1, 101, 200)
# Trained values are compared loosely: a few hundred steps amplify the last-bit differences
# between correct implementations (dZ = AL - Y vs. dAL through sigmoid_backward, @ vs np.dot)
# to about 1e-6; every classic mistake moves them by far more than 1e-3.
_RTOL, _ATOL = 1e-4, 1e-5

# -- inputs ----------------------------------------------------------------------------------


def _images(rng: np.random.Generator, n_x: int, m: int):
    """Tiny flattened "images" in [0, 1] with labels from a random linear rule (balanced-ish)."""
    X = rng.random((n_x, m))
    w = rng.standard_normal((1, n_x))
    score = w @ (X - 0.5)
    Y = (score > np.median(score)).astype(np.float64)
    return X, Y


def _two_layer_case(rng, *, print_cost=False):
    n_x, m = int(rng.integers(5, 17)), int(rng.integers(10, 51))
    X, Y = _images(rng, n_x, m)
    dims = (n_x, int(rng.integers(2, 7)), 1)
    return Case(
        X,
        Y,
        dims,
        float(rng.uniform(0.05, 0.3)),
        int(rng.integers(101, 220)),
        print_cost,
        rng=Seed(int(rng.integers(2**31))),
    )


def _L_layer_case(rng, *, print_cost=False):
    n_x, m = int(rng.integers(5, 17)), int(rng.integers(10, 51))
    X, Y = _images(rng, n_x, m)
    dims = [n_x] + [int(rng.integers(2, 8)) for _ in range(int(rng.integers(1, 4)))] + [1]
    return Case(
        X,
        Y,
        dims,
        float(rng.uniform(0.05, 0.3)),
        int(rng.integers(101, 220)),
        print_cost,
        rng=Seed(int(rng.integers(2**31))),
    )


_fixed = np.random.default_rng(20240605)
_X1, _Y1 = _images(_fixed, 8, 24)
_X2, _Y2 = _images(_fixed, 6, 16)

_TWO_PUBLIC = [
    Case(_X1, _Y1, (8, 5, 1), 0.3, 160, rng=Seed(1), label="X (8, 24), n_h=5, 160 iterations"),
    Case(_X2, _Y2, (6, 3, 1), 0.2, 120, rng=Seed(2), label="X (6, 16), n_h=3, 120 iterations"),
]
_L_PUBLIC = [
    Case(
        _X1,
        _Y1,
        [8, 6, 4, 1],
        0.3,
        160,
        rng=Seed(3),
        label="X (8, 24), layers_dims=[8, 6, 4, 1], 160 iterations",
    ),
    Case(
        _X2,
        _Y2,
        [6, 5, 1],
        0.2,
        120,
        rng=Seed(4),
        label="X (6, 16), layers_dims=[6, 5, 1], 120 iterations",
    ),
]

# -- wrong variants of the training loop (run in the judge) ----------------------------------


def _forward(X, parameters, hidden):
    n_layers = len(parameters) // 2
    A, caches = X, []
    for layer in range(1, n_layers + 1):
        activation = "sigmoid" if layer == n_layers else hidden
        A, cache = layers.linear_activation_forward(
            A, parameters[f"W{layer}"], parameters[f"b{layer}"], activation
        )
        caches.append(cache)
    return A, caches


def _backward(AL, Y, caches, hidden, sign):
    grads = {}
    dA = sign * losses.binary_cross_entropy_backward(AL, Y)
    for layer in range(len(caches), 0, -1):
        activation = "sigmoid" if layer == len(caches) else hidden
        dA, grads[f"dW{layer}"], grads[f"db{layer}"] = layers.linear_activation_backward(
            dA, caches[layer - 1], activation
        )
    return grads


def _train_variant(
    X,
    Y,
    parameters,
    learning_rate,
    num_iterations,
    *,
    hidden="relu",
    sign=1.0,
    stale=False,
    cost_after=False,
):
    """The training loop with one knob turned; returns ``(parameters, costs)``.

    ``stale``: forward and backward always use the initial parameters (W1... read once
    before the loop) while the updates accumulate. ``cost_after``: the recorded cost is that
    of the updated parameters.
    """
    initial = parameters
    costs = []
    for i in range(num_iterations):
        AL, caches = _forward(X, initial if stale else parameters, hidden)
        grads = _backward(AL, Y, caches, hidden, sign)
        new = layers.update_parameters(parameters, grads, learning_rate)
        if i % COST_EVERY == 0 or i == num_iterations - 1:
            probe = _forward(X, new, hidden)[0] if cost_after else AL
            costs.append(losses.compute_cost(probe, Y))
        parameters = new
    return parameters, costs


def _variants(case, correct_init, init_variants, loop_variants):
    """``[(hint, parameters, costs)]`` for each wrong initialiser and each wrong loop."""
    X, Y, dims, lr, iterations = _arguments(case)
    seed = case.kwargs["rng"].seed
    out = []
    for hint, init in init_variants:
        p, c = _train_variant(X, Y, init(dims, np.random.default_rng(seed)), lr, iterations)
        out.append((hint, p, c))
    for hint, knobs, lr_used in loop_variants:
        p0 = correct_init(dims, np.random.default_rng(seed))
        p, c = _train_variant(X, Y, p0, lr if lr_used is None else lr_used, iterations, **knobs)
        out.append((hint, p, c))
    return out


def _arguments(case):
    X, Y, dims = case.args[:3]
    lr = case.args[3] if len(case.args) > 3 else case.kwargs.get("learning_rate", 0.0075)
    iterations = case.args[4] if len(case.args) > 4 else case.kwargs.get("num_iterations", 3000)
    return X, Y, list(dims), lr, iterations


def _two_init(dims, rng):
    return initialization.initialize_parameters(*dims, rng=rng)


def _L_init(dims, rng):
    return initialization.initialize_parameters_xavier(dims, rng=rng)


_DEFAULT_LR = 0.0075


def _loop_variants(lr):
    variants = [
        (
            "dA of the output is -(Y / AL - (1 - Y) / (1 - AL)); with the opposite sign the loop "
            "climbs the cost instead of descending it",
            {"sign": -1.0},
            None,
        ),
        (
            "read W1, b1, W2, b2 (or pass parameters) from the UPDATED parameters at every "
            "iteration: the forward pass must use the current weights",
            {"stale": True},
            None,
        ),
    ]
    if abs(lr - _DEFAULT_LR) > 1e-12:
        variants.append(
            (
                "pass the learning_rate argument to update_parameters (not a fixed 0.0075)",
                {},
                _DEFAULT_LR,
            )
        )
    return variants


def _two_variants(case):
    lr = _arguments(case)[3]
    inits = [
        (
            "two_layer_model initializes with initialize_parameters(n_x, n_h, n_y, rng=rng) "
            "(weights * 0.01), not 1/sqrt(n[l-1])",
            _L_init,
        ),
    ]
    loops = _loop_variants(lr) + [
        (
            "the hidden layer is LINEAR -> RELU: use activation='relu' for layer 1, forward and "
            "backward",
            {"hidden": "sigmoid"},
            None,
        ),
    ]
    return _variants(case, _two_init, inits, loops)


def _L_variants(case):
    lr = _arguments(case)[3]
    inits = [
        (
            "L_layer_model initializes with initialize_parameters_xavier(layers_dims, rng=rng) "
            "(N(0, 1) / sqrt(n[l-1])), not initialize_parameters_deep's 0.01 scale",
            lambda d, rng: initialization.initialize_parameters_deep(d, rng=rng),
        ),
        (
            "L_layer_model initializes with initialize_parameters_xavier (1/sqrt(n[l-1])), not He "
            "(sqrt(2/n[l-1]))",
            lambda d, rng: initialization.initialize_parameters_he(d, rng=rng),
        ),
    ]
    return _variants(case, _L_init, inits, _loop_variants(lr))


# -- checks ----------------------------------------------------------------------------------


def _quiet(model):
    """``model`` with ``print_cost`` forced to False: the reference never prints in the judge."""

    def run(*args, **kwargs):
        if len(args) > 5:
            args = (*args[:5], False, *args[6:])
        kwargs.pop("print_cost", None)
        return model(*args, **kwargs)

    return run


def _expect_model_output(got, name):
    if type(got) not in (tuple, list) or len(got) != 2 or type(got[0]) is not dict:
        raise Mismatch(f"{name} should return (parameters, costs); got {_describe(got)}")
    return got[0], got[1]


def _describe(value):
    if type(value) in (tuple, list):
        return f"a {type(value).__name__} of {len(value)} values"
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    return f"a {type(value).__name__}"


def _check_parameters(got, want, case, variants):
    keys = list(want)
    try:
        expect_dict(
            got, want, name="trained parameters", case=case, keys=keys, rtol=_RTOL, atol=_ATOL
        )
    except Mismatch:
        mistakes = {key: [(hint, p[key]) for hint, p, _ in variants() if key in p] for key in keys}
        expect_dict(
            got,
            want,
            name="trained parameters",
            case=case,
            keys=keys,
            rtol=_RTOL,
            atol=_ATOL,
            mistakes=mistakes,
        )


def _check_costs(got, want, case, correct_init, variants):
    """Costs recorded when i % 100 == 0 or at the last iteration, once each."""
    iterations = _arguments(case)[4]
    every = len(range(0, iterations, COST_EVERY))
    last_is_a_multiple = (iterations - 1) % COST_EVERY == 0
    counts = [
        ("record the cost only when i % 100 == 0 (and at the last iteration)", iterations),
        ("also record the cost of the last iteration (i == num_iterations - 1)", every),
    ]
    if last_is_a_multiple:
        counts.append(
            (
                "record the last iteration once: when it is also a multiple of 100, one "
                "condition (if i % 100 == 0 or i == num_iterations - 1) records it once",
                every + 1,
            )
        )
    counts = [(hint, count) for hint, count in counts if count != len(want)]

    def check(mistakes):
        expect_costs(got, want, case=case, rtol=_RTOL, atol=_ATOL, counts=counts, mistakes=mistakes)

    try:
        check(())
    except Mismatch:  # the same check again, with the (slow) wrong variants for a hint
        after = (
            "record the cost computed in this iteration's forward pass, before update_parameters",
            _cost_after_update(case, correct_init),
        )
        check([after, *((hint, costs) for hint, _, costs in variants())])


def _cost_after_update(case, correct_init):
    X, Y, dims, lr, iterations = _arguments(case)
    p0 = correct_init(dims, np.random.default_rng(case.kwargs["rng"].seed))
    return np.asarray(_train_variant(X, Y, p0, lr, iterations, cost_after=True)[1])


def _cached(function):
    """Compute the (slow) list of variants at most once per check."""
    box = []

    def get():
        if not box:
            box.append(function())
        return box[0]

    return get


# -- two_layer_model -------------------------------------------------------------------------


@graded(
    "two_layer_model",
    points=2.5,
    public=_TWO_PUBLIC,
    hidden=_two_layer_case,
    n_hidden=2,
    timeout=20.0,
)
def test_two_layer_model(student, case):
    got = student.two_layer_model(*case.args, **case.kwargs)
    parameters, _ = _expect_model_output(got, "two_layer_model")
    want, _ = case.run(_quiet(ref.two_layer_model))
    _check_parameters(parameters, want, case, _cached(lambda: _two_variants(case)))


@graded(
    "two_layer_model",
    points=1,
    public=[
        _TWO_PUBLIC[1],
        Case(
            _X1,
            _Y1,
            (8, 4, 1),
            0.1,
            100,
            True,
            rng=Seed(5),
            label="print_cost=True, 100 iterations",
        ),
        *(
            Case(_X2, _Y2, (6, 3, 1), 0.2, n, rng=Seed(n), label=f"{n} iteration(s)")
            for n in _RECORDING_BOUNDARIES
        ),
    ],
    hidden=_two_layer_case,
    n_hidden=1,
    timeout=20.0,
)
def test_two_layer_model_costs(student, case):
    got = student.two_layer_model(*case.args, **case.kwargs)
    _, costs = _expect_model_output(got, "two_layer_model")
    _, want = case.run(_quiet(ref.two_layer_model))
    _check_costs(costs, want, case, _two_init, _cached(lambda: _two_variants(case)))


@graded(
    "two_layer_model",
    points=0.5,
    public=[
        Case(
            _X2,
            _Y2,
            (6, 4, 1),
            num_iterations=40,
            rng=Seed(6),
            label="learning_rate left at its default, 40 iterations",
        )
    ],
    timeout=20.0,
)
def test_two_layer_model_default_learning_rate(student, case):
    got = student.two_layer_model(*case.args, **case.kwargs)
    parameters, _ = _expect_model_output(got, "two_layer_model")
    want, _ = case.run(_quiet(ref.two_layer_model))
    expect_dict(
        parameters,
        want,
        name="trained parameters (default learning_rate = 0.0075)",
        case=case,
        keys=list(want),
        rtol=_RTOL,
        atol=_ATOL,
    )


@graded("two_layer_model", points=0.5, public=[_TWO_PUBLIC[1]], timeout=20.0)
def test_two_layer_model_leaves_inputs_alone(student, case):
    student.two_layer_model(*case.args, **case.kwargs)
    expect_no_mutation(student, "two_layer_model")


# -- L_layer_model ---------------------------------------------------------------------------


@graded(
    "L_layer_model", points=2.5, public=_L_PUBLIC, hidden=_L_layer_case, n_hidden=2, timeout=20.0
)
def test_L_layer_model(student, case):
    got = student.L_layer_model(*case.args, **case.kwargs)
    parameters, _ = _expect_model_output(got, "L_layer_model")
    want, _ = case.run(_quiet(ref.L_layer_model))
    if type(parameters) is dict and len(parameters) != len(want):
        raise Mismatch(
            f"the trained parameters hold {len(parameters)} entries; expected {len(want)} "
            f"(W1, b1, ..., W{len(want) // 2}, b{len(want) // 2} for layers_dims="
            f"{list(case.args[2])})"
        )
    _check_parameters(parameters, want, case, _cached(lambda: _L_variants(case)))


@graded(
    "L_layer_model",
    points=1,
    public=[
        _L_PUBLIC[1],
        Case(
            _X1,
            _Y1,
            [8, 5, 3, 1],
            0.1,
            100,
            True,
            rng=Seed(7),
            label="print_cost=True, 100 iterations",
        ),
        *(
            Case(_X2, _Y2, [6, 4, 1], 0.2, n, rng=Seed(n), label=f"{n} iteration(s)")
            for n in _RECORDING_BOUNDARIES
        ),
    ],
    hidden=_L_layer_case,
    n_hidden=1,
    timeout=20.0,
)
def test_L_layer_model_costs(student, case):
    got = student.L_layer_model(*case.args, **case.kwargs)
    _, costs = _expect_model_output(got, "L_layer_model")
    _, want = case.run(_quiet(ref.L_layer_model))
    _check_costs(costs, want, case, _L_init, _cached(lambda: _L_variants(case)))


@graded(
    "L_layer_model",
    points=0.5,
    public=[
        Case(
            _X2,
            _Y2,
            [6, 4, 3, 1],
            num_iterations=40,
            rng=Seed(8),
            label="learning_rate left at its default, 40 iterations",
        )
    ],
    timeout=20.0,
)
def test_L_layer_model_default_learning_rate(student, case):
    got = student.L_layer_model(*case.args, **case.kwargs)
    parameters, _ = _expect_model_output(got, "L_layer_model")
    want, _ = case.run(_quiet(ref.L_layer_model))
    expect_dict(
        parameters,
        want,
        name="trained parameters (default learning_rate = 0.0075)",
        case=case,
        keys=list(want),
        rtol=_RTOL,
        atol=_ATOL,
    )


@graded("L_layer_model", points=0.5, public=[_L_PUBLIC[1]], timeout=20.0)
def test_L_layer_model_leaves_inputs_alone(student, case):
    student.L_layer_model(*case.args, **case.kwargs)
    expect_no_mutation(student, "L_layer_model")
