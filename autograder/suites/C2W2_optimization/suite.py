"""Grading suite for C2W2_optimization: mini-batches, averages, momentum, RMSprop, Adam, decay.

Every expected value comes from :mod:`dlutils.optimizers` and :mod:`dlutils.batching`. The
contract is the reference's: every update rule is pure (it returns NEW dicts and changes none of
``parameters``, ``grads`` or the state it is given; the no-mutation gates check it), state dicts
use the gradient keys ``"dW1", "db1", ...``, ``epsilon`` sits outside the square root, Adam's
``t`` counts updates from 1, and ``random_mini_batches`` draws ONE ``rng.permutation(m)`` per
call and keeps a last, smaller batch.

Wrong variants are computed here, in the judge, from each case's own inputs; a submission whose
value matches one gets that catalogue hint (:mod:`autograder.kit.mistakes`). Public states
(``v``, ``s``) are non-zero and public ``epsilon`` values large enough that epsilon inside the
square root shows. There is no backward pass in this assignment, so no finite-difference check.
"""

from __future__ import annotations

import math
from functools import partial

import numpy as np

from autograder.kit import mistakes as M
from autograder.kit.checks import leaves_inputs_alone, matches_reference
from autograder.kit.spec import Case, Mismatch, Seed, graded
from autograder.learner.compare import expect_array, expect_dict, expect_scalar, expect_tuple
from autograder.suites._common import grads_like, random_parameters
from dlutils import batching
from dlutils import optimizers as ref

ASSIGNMENT = "C2W2_optimization"

_fixed = np.random.default_rng(2022)
_SCALES = {"scale": 1.0, "bias": 0.5}


def _dims(rng: np.random.Generator) -> list[int]:
    return [int(n) for n in rng.integers(2, 9, size=int(rng.integers(3, 5)))]


def _state(rng: np.random.Generator, parameters: dict, *, squared: bool = False) -> dict:
    """A non-zero optimizer state keyed like the gradients (``s`` entries are non-negative)."""
    state = grads_like(rng, parameters)
    return {key: value**2 for key, value in state.items()} if squared else state


def _expect_results(got, want, names, *, function, case, variants=()) -> None:
    """``got`` is a tuple of dicts like ``want`` (``names`` label them); ``variants`` lists
    ``(Mistake, wrong tuple)``, whose hints ``expect_dict`` shows when they are true."""
    items = expect_tuple(got, len(want), name=f"{function}(...)")
    per_item = M.by_key(variants)
    for index, name in enumerate(names):
        expect_dict(
            items[index],
            want[index],
            name=name,
            case=case,
            mistakes=M.by_key(per_item.get(index, [])),
        )


# -- gradient descent --------------------------------------------------------------------------


def _gd_case(rng, dims=None, learning_rate=None, label=""):
    parameters = random_parameters(rng, dims or _dims(rng), **_SCALES)
    grads = {**grads_like(rng, parameters), "dA0": rng.standard_normal((2, 3))}
    learning_rate = learning_rate or float(rng.uniform(0.01, 1.0))
    return Case(parameters, grads, learning_rate, label=label)


def _gd_mistakes(parameters, grads, learning_rate):
    mistakes = M.descent_step(parameters, grads, learning_rate)
    for key, value in parameters.items():
        mistakes[key].append((M.UPDATE_NO_RATE, value - grads["d" + key]))
        if key.startswith("b"):
            mistakes[key].append((M.UPDATE_BIASES, value))
    return mistakes


_GD = _gd_case(_fixed, [3, 4, 2], 0.1, label="2 layers, learning_rate=0.1")
test_update_parameters_with_gd = matches_reference(
    "update_parameters_with_gd",
    ref.update_parameters_with_gd,
    points=1,
    public=[_GD],
    hidden=_gd_case,
    name="parameters",
    expect=expect_dict,
    mistakes=_gd_mistakes,
)
test_update_parameters_with_gd_leaves_inputs_alone = leaves_inputs_alone(
    "update_parameters_with_gd", points=0.25, public=[_GD]
)

# -- mini-batches ------------------------------------------------------------------------------


def _batches_case(rng, n_x=None, n_y=1, m=None, size=None, seed=None, label=""):
    n_x = n_x or int(rng.integers(1, 6))
    m = m or int(rng.integers(200, 700))
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((n_y, m)) > 0.5).astype(np.float64)
    seed = Seed(seed if seed is not None else int(rng.integers(2**31)))
    if size is None:  # hidden: a size that leaves a smaller last batch, or the default 64
        size = int(rng.choice([16, 32, 50, 64]))
        if size == 64:
            return Case(X, Y, rng=seed)
    return Case(X, Y, size, rng=seed, label=label)


def _cut(X, Y, size, columns=True):
    m = X.shape[1]
    if columns:
        return [(X[:, k : k + size], Y[:, k : k + size]) for k in range(0, m, size)]
    return [(X[k : k + size], Y[k : k + size]) for k in range(0, m, size)]


def _batch_variants(X, Y, mini_batch_size=64, *, rng):
    """``[(Mistake, list of (X_b, Y_b))]``: the classic wrong mini-batches of one case."""
    size, m = int(mini_batch_size), X.shape[1]
    generator = rng.generator()
    first = generator.permutation(m)
    second = generator.permutation(m)
    sX, sY = X[:, first], Y[:, first]
    right = _cut(sX, sY, size)
    variants = [
        (M.MB_SAME_PERMUTATION, _cut(sX, Y[:, second], size)),
        (M.MB_SAME_PERMUTATION, _cut(X[:, second], sY, size)),
        (M.MB_COLUMNS, _cut(sX, sY, size, columns=False)),
    ]
    if m % size:
        variants.append((M.MB_LAST_DROPPED, right[:-1]))
        missing = size - m % size
        for pad in ("zeros", "wrap"):
            if pad == "zeros":
                tail_X = np.zeros((X.shape[0], missing))
                tail_Y = np.zeros((Y.shape[0], missing))
            else:
                tail_X, tail_Y = sX[:, :missing], sY[:, :missing]
            last_X, last_Y = right[-1]
            padded = (np.hstack([last_X, tail_X]), np.hstack([last_Y, tail_Y]))
            variants.append((M.MB_LAST_PADDED, [*right[:-1], padded]))
    return variants


def _same_examples_other_order(batches, X, Y, want) -> bool:
    """The batches have the right shapes and hold X's examples with their labels, in another
    order than the one permutation of ``rng`` gives (np.random, or several draws)."""
    try:
        if not all(
            type(pair) in (tuple, list)
            and len(pair) == 2
            and all(type(a) is np.ndarray and a.dtype.kind in "biuf" for a in pair)
            and pair[0].shape == w[0].shape
            and pair[1].shape == w[1].shape
            for pair, w in zip(batches, want, strict=True)
        ):
            return False
    except ValueError:
        return False
    got = np.vstack([np.hstack([p[0] for p in batches]), np.hstack([p[1] for p in batches])])
    expected = np.vstack([np.hstack([w[0] for w in want]), np.hstack([w[1] for w in want])])
    if np.allclose(got, expected):
        return False
    given = np.vstack([X, Y])
    order = lambda A: A[:, np.lexsort(A[::-1])]  # noqa: E731 - columns sorted
    return got.shape == given.shape and bool(np.allclose(order(got), order(given)))


_MB = _batches_case(_fixed, 3, 1, 29, 8, seed=3, label="m=29, mini_batch_size=8")
_MB_DEFAULT = Case(
    *_batches_case(_fixed, 2, 1, 150, 64).args[:2], rng=Seed(7), label="m=150, default size 64"
)
_MB_PUBLIC = [
    _MB,
    _batches_case(_fixed, 2, 2, 16, 4, seed=5, label="m=16, mini_batch_size=4, Y of shape (2, m)"),
    _MB_DEFAULT,
]


@graded("random_mini_batches", points=2, public=_MB_PUBLIC, hidden=_batches_case)
def test_random_mini_batches(student, case):
    got = student.random_mini_batches(*case.args, **case.kwargs)
    want = case.run(batching.random_mini_batches)
    variants = _batch_variants(*case.args, **case.kwargs)
    name = "random_mini_batches(...)"
    if type(got) in (list, tuple) and len(got) != len(want):
        hints = {mistake for mistake, wrong in variants if len(wrong) == len(got)}
        raise Mismatch(
            f"{name} returned {len(got)} mini-batches on {case.describe()}; expected {len(want)}",
            hints.pop() if len(hints) == 1 else "",
        )
    if type(got) in (list, tuple) and _same_examples_other_order(got, *case.args[:2], want):
        raise Mismatch(
            f"{name} holds the right examples with their labels on {case.describe()}, but in "
            "another order than the one permutation of rng gives",
            M.MB_RNG,
        )
    batches = expect_tuple(got, len(want), name=name)
    for k, (want_X, want_Y) in enumerate(want):
        pair = expect_tuple(batches[k], 2, name=f"mini-batch {k}")
        same_count = [(mistake, wrong) for mistake, wrong in variants if len(wrong) == len(want)]
        for part, target in enumerate((want_X, want_Y)):
            expect_array(
                pair[part],
                target,
                name=f"mini_batches[{k}][{part}] ({'X' if part == 0 else 'Y'} of batch {k})",
                case=case,
                mistakes=[(mistake, wrong[k][part]) for mistake, wrong in same_count],
            )


test_random_mini_batches_leaves_inputs_alone = leaves_inputs_alone(
    "random_mini_batches",
    points=0.25,
    public=[_MB],
)

# -- exponentially weighted averages -----------------------------------------------------------


def _temperatures(rng, T):
    days = np.arange(T)
    return 10 + 8 * np.sin(2 * np.pi * days / 60) + rng.normal(0, 3, T)


def _ewa_case(rng):
    T = int(rng.integers(60, 200))
    values = _temperatures(rng, T) if rng.random() < 0.7 else rng.normal(0, 2, (T, 3))
    beta = float(rng.choice([0.5, 0.8, 0.9, 0.95, 0.98]))
    return Case(values, beta, bool(rng.random() < 0.6))


def _ewa(values, beta, correct, *, shift=0):
    theta = np.asarray(values, dtype=np.float64)
    out, v = np.empty_like(theta), np.zeros_like(theta[0])
    with np.errstate(divide="ignore", invalid="ignore"):
        for t in range(1, theta.shape[0] + 1):
            v = beta * v + (1 - beta) * theta[t - 1]
            out[t - 1] = v / (1 - beta ** (t - shift)) if correct else v
    return out


def _ewa_mistakes(values, beta, bias_correction=True):
    if bias_correction:
        return [
            (M.EWA_BIAS_CORRECTION, _ewa(values, beta, False)),
            (M.EWA_CORRECTION_T, _ewa(values, beta, True, shift=1)),
        ]
    return [(M.EWA_CORRECTION_UNASKED, _ewa(values, beta, True))]


_EWA_VALUES = _temperatures(_fixed, 40)
_EWA = [
    Case(_EWA_VALUES, 0.9, label="40 days, beta=0.9 (bias_correction by default)"),
    Case(_EWA_VALUES, 0.8, False, label="40 days, beta=0.8, bias_correction=False"),
    Case(_fixed.normal(0, 2, (12, 3)), 0.5, True, label="values of shape (12, 3), beta=0.5"),
]
test_exponentially_weighted_average = matches_reference(
    "exponentially_weighted_average",
    ref.exponentially_weighted_average,
    points=1.5,
    public=_EWA,
    hidden=_ewa_case,
    name="averages",
    mistakes=_ewa_mistakes,
)
test_exponentially_weighted_average_leaves_inputs_alone = leaves_inputs_alone(
    "exponentially_weighted_average", points=0.25, public=_EWA[:1]
)

# -- state initialisers ------------------------------------------------------------------------


def _params_case(rng, dims=None, label=""):
    return Case(random_parameters(rng, dims or _dims(rng), **_SCALES), label=label)


_PARAMS = _params_case(_fixed, [3, 5, 2, 1], label="3 layers [3, 5, 2, 1]")


def _expect_pair(got, want, *, name, case, rtol=1e-6, atol=1e-8, mistakes=()):
    _expect_results(got, want, ("v", "s"), function="initialize_adam", case=case)


# -- momentum ----------------------------------------------------------------------------------


test_initialize_velocity = matches_reference(
    "initialize_velocity",
    ref.initialize_velocity,
    points=0.5,
    public=[_PARAMS],
    hidden=_params_case,
    name="v",
    expect=expect_dict,
)


def _momentum_case(rng, dims=None, beta=None, learning_rate=None, label=""):
    case = _gd_case(rng, dims, learning_rate)
    parameters, grads, learning_rate = case.args
    v = _state(rng, parameters)
    beta = beta or float(rng.choice([0.5, 0.8, 0.9, 0.95]))
    return Case(parameters, grads, v, beta, learning_rate, label=label)


def _momentum(parameters, grads, v, old, new, learning_rate):
    """``v = old * v + new * dW``, ``W -= learning_rate * v``: a variant of the rule."""
    new_parameters, new_v = {}, {}
    for key, value in parameters.items():
        g = "d" + key
        new_v[g] = old * v[g] + new * grads[g]
        new_parameters[key] = value - learning_rate * new_v[g]
    return new_parameters, new_v


def _momentum_variants(parameters, grads, v, beta, learning_rate):
    step = partial(_momentum, parameters, grads, v, learning_rate=learning_rate)
    return [
        (M.MOMENTUM_ONE_MINUS_BETA, step(old=beta, new=1.0)),
        (M.MOMENTUM_BETA_ON_GRAD, step(old=1 - beta, new=beta)),
    ]


_MOMENTUM = _momentum_case(_fixed, [3, 4, 2], 0.9, 0.05, label="beta=0.9, learning_rate=0.05")


@graded("update_parameters_with_momentum", points=1.5, public=[_MOMENTUM], hidden=_momentum_case)
def test_update_parameters_with_momentum(student, case):
    got = student.update_parameters_with_momentum(*case.args)
    want = case.run(ref.update_parameters_with_momentum)
    _expect_results(
        got,
        want,
        ("parameters", "v"),
        function="update_parameters_with_momentum",
        case=case,
        variants=_momentum_variants(*case.args),
    )


test_update_parameters_with_momentum_leaves_inputs_alone = leaves_inputs_alone(
    "update_parameters_with_momentum", points=0.5, public=[_MOMENTUM]
)

# -- RMSprop -----------------------------------------------------------------------------------


test_initialize_rmsprop = matches_reference(
    "initialize_rmsprop",
    ref.initialize_rmsprop,
    points=0.5,
    public=[_PARAMS],
    hidden=_params_case,
    name="s",
    expect=expect_dict,
)


def _rmsprop_case(rng, dims=None, beta=None, learning_rate=None, epsilon=None, label=""):
    case = _gd_case(rng, dims, learning_rate)
    parameters, grads, learning_rate = case.args
    s = _state(rng, parameters, squared=True)
    beta = beta or float(rng.choice([0.9, 0.99, 0.999]))
    epsilon = epsilon or float(rng.choice([1e-8, 1e-4, 1e-2]))
    return Case(parameters, grads, s, beta, learning_rate, epsilon, label=label)


def _rmsprop(parameters, grads, s, beta=0.999, learning_rate=0.01, epsilon=1e-8, *, how=""):
    new_parameters, new_s = {}, {}
    with np.errstate(invalid="ignore"):
        for key, value in parameters.items():
            g = "d" + key
            square = grads[g] if how == "no square" else grads[g] ** 2
            new_s[g] = beta * s[g] + (1 - beta) * square
            root = np.sqrt(new_s[g] + epsilon) if how == "inside" else np.sqrt(new_s[g]) + epsilon
            new_parameters[key] = value - learning_rate * grads[g] / root
    return new_parameters, new_s


def _rmsprop_variants(*args, **kwargs):
    return [
        (M.EPS_INSIDE_SQRT, _rmsprop(*args, **kwargs, how="inside")),
        (M.RMSPROP_SQUARE, _rmsprop(*args, **kwargs, how="no square")),
    ]


_RMS = _rmsprop_case(
    _fixed, [3, 4, 2], 0.9, 0.05, 1e-2, label="beta=0.9, learning_rate=0.05, epsilon=0.01"
)
_RMS_DEFAULTS = Case(*_rmsprop_case(_fixed, [2, 3, 1]).args[:3], label="default hyperparameters")


@graded(
    "update_parameters_with_rmsprop",
    points=1.5,
    public=[_RMS, _RMS_DEFAULTS],
    hidden=_rmsprop_case,
)
def test_update_parameters_with_rmsprop(student, case):
    got = student.update_parameters_with_rmsprop(*case.args)
    want = case.run(ref.update_parameters_with_rmsprop)
    _expect_results(
        got,
        want,
        ("parameters", "s"),
        function="update_parameters_with_rmsprop",
        case=case,
        variants=_rmsprop_variants(*case.args),
    )


test_update_parameters_with_rmsprop_leaves_inputs_alone = leaves_inputs_alone(
    "update_parameters_with_rmsprop", points=0.5, public=[_RMS]
)

# -- Adam --------------------------------------------------------------------------------------


test_initialize_adam = matches_reference(
    "initialize_adam",
    ref.initialize_adam,
    points=0.5,
    public=[_PARAMS],
    hidden=_params_case,
    expect=_expect_pair,
)


def _adam_case(rng, dims=None, t=None, label="", zero_state=False, **hyper):
    case = _gd_case(rng, dims, hyper.pop("learning_rate", None))
    parameters, grads, learning_rate = case.args
    if zero_state:
        v, s = ref.initialize_adam(parameters)
    else:
        v, s = _state(rng, parameters), _state(rng, parameters, squared=True)
    t = t or int(rng.integers(1, 50))
    if not hyper and not label:  # hidden: hyperparameters drawn
        hyper = {
            "beta1": float(rng.choice([0.8, 0.9])),
            "beta2": float(rng.choice([0.99, 0.999])),
            "epsilon": float(rng.choice([1e-8, 1e-3])),
        }
    return Case(parameters, grads, v, s, t, learning_rate=learning_rate, label=label, **hyper)


def _adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, beta2=0.999, epsilon=1e-8,
          *, powers=None, inside=False, corrected_step=True):  # fmt: skip
    """A variant of Adam: ``powers(beta1, beta2, t)`` gives the two corrections' divisors."""
    powers = powers or (lambda b1, b2, t: (1 - b1**t, 1 - b2**t))
    first, second = powers(beta1, beta2, t)
    out = ({}, {}, {}, {}, {})
    for key, value in parameters.items():
        g = "d" + key
        new_v = beta1 * v[g] + (1 - beta1) * grads[g]
        new_s = beta2 * s[g] + (1 - beta2) * grads[g] ** 2
        v_hat, s_hat = new_v / first, new_s / second
        top, bottom = (v_hat, s_hat) if corrected_step else (new_v, new_s)
        root = np.sqrt(bottom + epsilon) if inside else np.sqrt(bottom) + epsilon
        out[0][key] = value - learning_rate * top / root
        out[1][g], out[2][g], out[3][g], out[4][g] = new_v, new_s, v_hat, s_hat
    return out


def _shifted(shift):
    """Corrections with the power ``t + shift``."""
    return lambda b1, b2, t: (1 - b1 ** (t + shift), 1 - b2 ** (t + shift))


def _swapped(b1, b2, t):
    return 1 - b2**t, 1 - b1**t


def _fixed_t(b1, b2, t):
    return 1 - b1, 1 - b2


def _adam_variants(*args, **kwargs):
    t = args[4]
    variant = partial(_adam, *args, **kwargs)
    variants = [
        (M.EPS_INSIDE_SQRT, variant(inside=True)),
        (M.ADAM_UNCORRECTED_STEP, variant(corrected_step=False)),
        (M.ADAM_CORRECTION_POWER, variant(powers=_swapped)),
        (M.ADAM_CORRECTION_POWER, variant(powers=_shifted(1))),
    ]
    if t > 2:  # at t = 2, t - 1 is t = 1: the two hints could not be told apart
        variants.append((M.ADAM_CORRECTION_POWER, variant(powers=_shifted(-1))))
    if t > 1:
        variants.append((M.ADAM_T_FIXED, variant(powers=_fixed_t)))
    return variants


_ADAM_FIRST = _adam_case(
    _fixed, [3, 4, 2], 1, label="the first step: t=1, zero state, defaults", zero_state=True
)
_ADAM_FIRST.kwargs.pop("learning_rate")
_ADAM = _adam_case(
    _fixed,
    [2, 3, 2],
    7,
    label="t=7, learning_rate=0.02, beta1=0.8, beta2=0.99, epsilon=0.001",
    learning_rate=0.02,
    beta1=0.8,
    beta2=0.99,
    epsilon=1e-3,
)
_ADAM_NAMES = ("parameters", "v", "s", "v_corrected", "s_corrected")


@graded("update_parameters_with_adam", points=2.5, public=[_ADAM_FIRST, _ADAM], hidden=_adam_case)
def test_update_parameters_with_adam(student, case):
    got = student.update_parameters_with_adam(*case.args, **case.kwargs)
    want = case.run(ref.update_parameters_with_adam)
    _expect_results(
        got,
        want,
        _ADAM_NAMES,
        function="update_parameters_with_adam",
        case=case,
        variants=_adam_variants(*case.args, **case.kwargs),
    )


test_update_parameters_with_adam_leaves_inputs_alone = leaves_inputs_alone(
    "update_parameters_with_adam", points=0.5, public=[_ADAM]
)

# -- learning-rate decay -----------------------------------------------------------------------


def _rate(rng) -> float:
    return float(rng.choice([0.5, 0.1, 0.01, 0.3]))


_decay = partial(matches_reference, points=0.5, expect=expect_scalar, name="learning_rate")

test_update_lr = _decay(
    "update_lr",
    ref.update_lr,
    public=[Case(0.5, 12, 0.3, label="learning_rate0=0.5, epoch_num=12, decay_rate=0.3")],
    hidden=lambda rng: Case(_rate(rng), int(rng.integers(13, 500)), float(rng.uniform(0.01, 2))),
    mistakes=lambda lr0, epoch, decay: [
        (M.LR_DECAY_DIVIDE, lr0 * (1 + decay * epoch)),
        (M.LR_DECAY_DIVIDE, lr0 * epoch / (1 + decay * epoch)),
    ],
)
test_schedule_lr_decay = _decay(
    "schedule_lr_decay",
    ref.schedule_lr_decay,
    public=[
        Case(0.5, 2500, 0.3, label="epoch_num=2500, decay_rate=0.3, default time_interval"),
        Case(0.1, 37, 0.5, 10, label="epoch_num=37, decay_rate=0.5, time_interval=10"),
    ],
    hidden=lambda rng: Case(
        _rate(rng),
        int(rng.integers(2600, 20000)),
        float(rng.uniform(0.1, 2)),
        int(rng.choice([100, 300, 1000])),
    ),  # fmt: skip
    mistakes=lambda lr0, epoch, decay, interval=1000: [
        (M.LR_SCHEDULE_FLOOR, lr0 / (1 + decay * epoch / interval)),
    ],
)
test_exponential_lr_decay = _decay(
    "exponential_lr_decay",
    ref.exponential_lr_decay,
    public=[
        Case(0.2, 10, label="learning_rate0=0.2, epoch_num=10, default base"),
        Case(0.5, 7, 0.8, label="learning_rate0=0.5, epoch_num=7, base=0.8"),
    ],
    hidden=lambda rng: Case(_rate(rng), int(rng.integers(11, 120)), float(rng.uniform(0.9, 0.99))),
    mistakes=lambda lr0, epoch, base=0.95: [(M.LR_EXP_SIGN, lr0 * base ** (-epoch))],
)
test_inverse_sqrt_lr_decay = _decay(
    "inverse_sqrt_lr_decay",
    ref.inverse_sqrt_lr_decay,
    public=[
        Case(0.3, 4, 2.0, label="learning_rate0=0.3, step=4, k=2"),
        Case(0.1, 9, label="learning_rate0=0.1, step=9, default k"),
    ],
    hidden=lambda rng: Case(_rate(rng), int(rng.integers(10, 1000)), float(rng.uniform(0.5, 3))),
    mistakes=lambda lr0, step, k=1.0: [
        (M.LR_INVSQRT_T, lr0 * k / math.sqrt(1 + step)),
        (M.LR_INVSQRT_K, lr0 / math.sqrt(step)),
    ],
)
