"""Grading suite for C2W1_gradient_checking: the 1-D model, its check, and the check of a net.

Expected values come from :mod:`dlutils.gradient_checking`, whose ``gradient_check_n`` runs the
net the learner is given (:mod:`dlutils.gradcheck_net`), so the judge and the learner difference
the very same costs. Centred differences then repeat bit for bit between correct
implementations (the perturbed entry is ``theta[i] + epsilon`` however it is written), so:

- where the difference is set by something other than rounding (a planted mistake in the
  gradients, a large ``epsilon`` whose truncation error dominates, a ``theta`` so large that
  ``theta + epsilon`` is rounded), the value is compared with ``rtol = 1e-3``;
- where it is rounding noise (correct gradients, the default ``epsilon``), only the verdict
  counts: the value must lie within 2e-7 of the reference's.

``gradient_check_n`` is graded on the VALUE it returns for given ``(parameters, gradients)``
pairs; many carry a planted mistake, so a function that recomputes the gradients instead of
checking the ones it is given returns a tiny difference where a large one is expected. Each
hint comes from a wrong variant computed here, in the judge, on the case's own inputs.
"""

from __future__ import annotations

import numpy as np

from autograder.kit import mistakes as M
from autograder.kit.checks import leaves_inputs_alone, matches_reference
from autograder.kit.spec import Case, Mismatch, graded
from autograder.learner.compare import expect_scalar
from dlutils import gradcheck
from dlutils import gradcheck_net as net
from dlutils import gradient_checking as ref

ASSIGNMENT = "C2W1_gradient_checking"
THRESHOLD = ref.THRESHOLD
VALUE_FLOOR = 1e-6  # a reference difference above this is not rounding noise: compare values
VALUE_RTOL = 1e-3

# -- the 1-D model J(theta) = theta * x --------------------------------------------------------

_ONE_D_PUBLIC = [
    Case(2.0, 4.0, label="x = 2, theta = 4"),
    Case(-1.5, 0.3, label="x = -1.5, theta = 0.3"),
]


def _scalar_case(rng: np.random.Generator) -> Case:
    x = float(rng.uniform(0.5, 10) * rng.choice([-1, 1]))
    return Case(x, float(rng.uniform(-20, 20)))


test_forward_propagation = matches_reference(
    "forward_propagation",
    ref.forward_propagation,
    points=1,
    public=_ONE_D_PUBLIC,
    hidden=_scalar_case,
    name="J",
    expect=expect_scalar,
    mistakes=lambda x, theta: [(M.GC_FORWARD_SUM, theta + x)],
)
test_backward_propagation = matches_reference(
    "backward_propagation",
    ref.backward_propagation,
    points=1,
    public=_ONE_D_PUBLIC,
    hidden=_scalar_case,
    name="dtheta",
    expect=expect_scalar,
    mistakes=lambda x, theta: [(M.GC_DTHETA_THETA, theta), (M.GC_DTHETA_J, theta * x)],
)


@graded("backward_propagation", points=0.5, public=_ONE_D_PUBLIC)
def test_backward_propagation_matches_finite_differences(student, case):
    x, theta = case.args
    numerical = gradcheck.numerical_gradient(
        lambda t: ref.forward_propagation(x, float(t)), np.array(theta)
    )
    expect_scalar(
        student.backward_propagation(x, theta),
        float(numerical),
        name="dtheta (against finite differences of J = theta * x)",
        case=case,
        rtol=1e-5,
        atol=1e-7,
    )


def _relative(grad, gradapprox, rule: str = "norm") -> float:
    """The relative difference by ``rule``: right (``norm``) or a classic wrong form."""
    grad = np.asarray(grad, dtype=np.float64)
    gradapprox = np.asarray(gradapprox, dtype=np.float64)
    norm = np.linalg.norm
    numerator = norm(grad - gradapprox)
    denominator = norm(grad) + norm(gradapprox)
    if rule == "numerator":
        return float(numerator)
    if rule == "squared":
        return float(numerator / (norm(grad) ** 2 + norm(gradapprox) ** 2))
    if rule == "l1":
        l1 = lambda v: np.sum(np.abs(v))  # noqa: E731
        return float(l1(grad - gradapprox) / (l1(grad) + l1(gradapprox)))
    if rule == "norm_difference":
        return float((norm(grad) - norm(gradapprox)) / denominator)
    if rule == "abs_norm_difference":
        return float(abs(norm(grad) - norm(gradapprox)) / denominator)
    return float(numerator / denominator)


_WRONG_DIFFERENCES = [
    (M.GC_NO_DENOMINATOR, "numerator"),
    (M.GC_SQUARED_NORM, "squared"),
    (M.GC_NORM_DIFFERENCE, "norm_difference"),
    (M.GC_NORM_DIFFERENCE, "abs_norm_difference"),
]


def one_d_mistakes(x: float, theta: float, epsilon: float = 1e-7) -> list:
    """``[(Mistake, difference)]`` of the classic wrong forms of ``gradient_check`` (1-D)."""

    def J(value):
        return value * x

    plus, minus = J(theta + epsilon), J(theta - epsilon)
    gradapprox = (plus - minus) / (2 * epsilon)
    pairs = [(mistake, _relative(x, gradapprox, rule)) for mistake, rule in _WRONG_DIFFERENCES]
    return pairs + [
        (M.GC_EPSILON_NOT_DOUBLED, _relative(x, (plus - minus) / epsilon)),
        (M.GC_ONE_SIDED, _relative(x, (plus - J(theta)) / epsilon)),
        (M.GC_ONE_SIDED, _relative(x, (plus - J(theta)) / (2 * epsilon))),
        (M.GC_GRAD_FOR_J, _relative(x, 0.0)),  # both costs replaced by the derivative x
        (M.GC_GRAD_FOR_J, _relative(x, (x - minus) / (2 * epsilon))),  # J_plus only
        (M.GC_GRAD_FOR_J, _relative(x, (plus - x) / (2 * epsilon))),  # J_minus only
    ]


def _expect_difference(
    got, want: float, *, name: str, case: Case, make_mistakes, value: bool = False
) -> None:
    """``got`` is the relative difference: within ``VALUE_RTOL`` of ``want`` where ``want`` is
    more than rounding noise (``value``, or ``want >= VALUE_FLOOR``), else on the same side of
    the threshold (within 2e-7 of ``want``)."""
    if type(got) is bool or (type(got) is np.ndarray and got.dtype == bool):
        raise Mismatch(f"{name} should be the difference, a number; got a bool", M.GC_RETURNS_BOOL)
    if value or want >= VALUE_FLOOR:
        tolerances = {"rtol": VALUE_RTOL, "atol": 0.0}
    else:
        tolerances = {"rtol": 0.0, "atol": THRESHOLD}
    # The wrong variants are computed on every case (not only on failure): the release's
    # self-check replays this one comparison, hints included (a few ms per case).
    expect_scalar(got, want, name=name, case=case, mistakes=make_mistakes(), **tolerances)


def _one_d_check_case(rng: np.random.Generator) -> Case:
    """theta large enough (1e5 to 1e7) that theta + epsilon is rounded: the difference is then
    set by that rounding, the same for every correct check, and far from 0 (drawn again, from
    the same generator, until the difference is above 1e-5)."""
    while True:
        x = float(rng.uniform(0.5, 10) * rng.choice([-1, 1]))
        theta = float(10 ** rng.uniform(5, 7) * rng.choice([-1, 1]))
        epsilon = float(10 ** rng.uniform(-8, -6.5))
        if ref.gradient_check(x, theta, epsilon=epsilon) > 1e-5:
            return Case(x, theta, epsilon=epsilon)


@graded(
    "gradient_check",
    points=2,
    public=[
        Case(2.0, 4.0, label="x = 2, theta = 4"),
        Case(3.0, 1e6, label="x = 3, theta = 1e6: theta + epsilon is rounded"),
        Case(-1.5, 0.3, epsilon=1e-3, print_msg=True, label="x = -1.5, theta = 0.3, epsilon=1e-3"),
    ],
    hidden=_one_d_check_case,
)
def test_gradient_check(student, case):
    got = student.gradient_check(*case.args, **case.kwargs)
    x, theta = case.args
    epsilon = case.kwargs.get("epsilon", 1e-7)
    want = ref.gradient_check(x, theta, epsilon=epsilon)  # print_msg=False: the judge is quiet
    _expect_difference(
        got,
        want,
        name="difference",
        case=case,
        make_mistakes=lambda: one_d_mistakes(x, theta, epsilon),
    )


# -- the 3-layer net ---------------------------------------------------------------------------

_GRAD_KEYS = ("dW1", "db1", "dW2", "db2", "dW3", "db3")


def net_problem(dims, m: int, seed: int):
    """``(parameters, X, Y)``: He-scaled weights, biases ~ 0.3 N(0, 1) (so that no unit sits on
    ReLU's kink), inputs ~ N(0, 1), labels 0 or 1."""
    rng = np.random.default_rng(seed)
    parameters = {}
    for layer in (1, 2, 3):
        n, n_prev = dims[layer], dims[layer - 1]
        parameters[f"W{layer}"] = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        parameters[f"b{layer}"] = 0.3 * rng.standard_normal((n, 1))
    X = rng.standard_normal((dims[0], m))
    Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    return parameters, X, Y


def true_gradients(parameters, X, Y, *, all_keys: bool = True) -> dict:
    """The given (correct) backward pass; ``all_keys=False`` keeps dW1 ... db3 only."""
    _, cache = net.forward_propagation_n(X, Y, parameters)
    gradients = net.backward_propagation_n(X, Y, cache)
    return gradients if all_keys else {key: gradients[key] for key in _GRAD_KEYS}


def classic_bugs(gradients: dict) -> dict:
    """The classic planted bugs: dW2 twice too large, db1 with 4/m instead of 1/m."""
    wrong = dict(gradients)
    wrong["dW2"] = 2 * gradients["dW2"]
    wrong["db1"] = 4 * gradients["db1"]
    return wrong


def _cost(theta, layout, X, Y) -> float:
    return net.forward_propagation_n(X, Y, net.vector_to_dictionary(theta, layout))[0]


def _costs(parameters, X, Y, epsilon: float) -> dict:
    """The costs every variant is made of: ``J(theta +- epsilon e_i)`` for each i (``plus``,
    ``minus``), ``J(theta)``, ``J(theta +- epsilon)`` with every entry shifted at once, and the
    costs of a loop whose ``theta_plus = theta`` keeps every shift (``no_copy_*``)."""
    theta, layout = net.dictionary_to_vector(parameters)
    n = theta.shape[0]
    costs = {key: np.zeros((n, 1)) for key in ("plus", "minus", "no_copy_plus", "no_copy_minus")}
    work = theta.copy()  # "no_copy": theta_plus = theta, so the shift stays in theta
    for i in range(n):
        for key, sign in (("plus", 1), ("minus", -1)):
            shifted = theta.copy()
            shifted[i] = shifted[i] + sign * epsilon
            costs[key][i] = _cost(shifted, layout, X, Y)
        work[i] = work[i] + epsilon
        costs["no_copy_plus"][i] = _cost(work, layout, X, Y)
        minus = work.copy()
        minus[i] = minus[i] - epsilon
        costs["no_copy_minus"][i] = _cost(minus, layout, X, Y)
    costs["at"] = _cost(theta, layout, X, Y)
    costs["all_plus"] = _cost(theta + epsilon, layout, X, Y)
    costs["all_minus"] = _cost(theta - epsilon, layout, X, Y)
    return costs


def approximations(parameters, X, Y, epsilon: float, how: str, costs=None) -> np.ndarray:
    """``gradapprox`` as a right (``two_sided``) or a classic wrong loop computes it, from the
    same costs (``costs``: :func:`_costs` of these arguments, computed when not given)."""
    c = costs if costs is not None else _costs(parameters, X, Y, epsilon)
    plus, minus = c["plus"], c["minus"]
    ones = np.ones_like(plus)
    numerators = {
        "two_sided": (plus - minus, 2),
        "not_doubled": (plus - minus, 1),
        "one_sided": (plus - c["at"], 1),
        "one_sided_back": (c["at"] - minus, 1),
        "no_copy": (c["no_copy_plus"] - c["no_copy_minus"], 2),
        "all_at_once": ((c["all_plus"] - c["all_minus"]) * ones, 2),
        "all_at_once_plus": (c["all_plus"] - minus, 2),  # theta_plus shifted whole only
    }
    difference, steps = numerators[how]
    return difference / (steps * epsilon)


def n_d_mistakes(parameters, gradients, X, Y, epsilon: float = 1e-7) -> list:
    """``[(Mistake, difference)]`` of the classic wrong forms of ``gradient_check_n``."""
    grad = net.gradients_to_vector(gradients)
    costs = _costs(parameters, X, Y, epsilon)
    right = approximations(parameters, X, Y, epsilon, "two_sided", costs)
    pairs = [(mistake, _relative(grad, right, rule)) for mistake, rule in _WRONG_DIFFERENCES]
    pairs.append((M.GC_L1_NORM, _relative(grad, right, "l1")))
    for mistake, how in (
        (M.GC_ONE_SIDED, "one_sided"),
        (M.GC_ONE_SIDED, "one_sided_back"),
        (M.GC_EPSILON_NOT_DOUBLED, "not_doubled"),
        (M.GC_NO_COPY, "no_copy"),
        (M.GC_ALL_AT_ONCE, "all_at_once"),
        (M.GC_ALL_AT_ONCE, "all_at_once_plus"),
    ):
        gradapprox = approximations(parameters, X, Y, epsilon, how, costs)
        pairs.append((mistake, _relative(grad, gradapprox)))
    recomputed = net.gradients_to_vector(true_gradients(parameters, X, Y))
    if _relative(grad, recomputed) > THRESHOLD:  # only where the given gradients are wrong
        pairs.append((M.GC_RECOMPUTED_GRADIENTS, _relative(recomputed, right)))
    return pairs


def _net_case(dims, m, seed, *, bug=None, all_keys=True, label="", **kwargs) -> Case:
    parameters, X, Y = net_problem(dims, m, seed)
    gradients = true_gradients(parameters, X, Y, all_keys=all_keys)
    if bug is not None:
        gradients = bug(gradients)
    return Case(parameters, gradients, X, Y, label=label, **kwargs)


def _sign_of_db3(gradients: dict) -> dict:
    return {**gradients, "db3": -gradients["db3"]}


_NET_PUBLIC = [
    _net_case([3, 4, 3, 1], 4, 1, label="correct gradients, epsilon = 1e-7"),
    _net_case([3, 4, 3, 1], 4, 1, bug=classic_bugs, label="dW2 doubled and db1 times 4 (planted)"),
    _net_case(
        [2, 3, 3, 1], 5, 2, all_keys=False, epsilon=1e-3, label="correct gradients, epsilon=1e-3"
    ),
    _net_case(
        [3, 3, 2, 1],
        4,
        3,
        bug=_sign_of_db3,
        epsilon=1e-2,
        print_msg=True,
        label="db3 of the wrong sign (planted), epsilon=1e-2",
    ),  # fmt: skip
]


def _hidden_bug(rng: np.random.Generator):
    """A planted mistake in one gradient: a factor, a sign, or one entry off."""
    key = str(rng.choice(_GRAD_KEYS))
    kind = int(rng.integers(3))
    factor = float(rng.choice([0.5, 2.0, 4.0, 1.5]))
    index = int(rng.integers(1 << 16))

    def bug(gradients: dict) -> dict:
        value = np.array(gradients[key], dtype=np.float64)
        if kind == 0:
            value = value * factor
        elif kind == 1:
            value = -value
        else:
            value.flat[index % value.size] += 0.05
        return {**gradients, key: value}

    return bug


def _net_hidden(rng: np.random.Generator) -> Case:
    """Larger nets than the public ones; half the cases carry a planted mistake (epsilon 1e-7
    to 1e-5), the other half correct gradients with epsilon 1e-2 (the truncation error, about
    1e-6, not rounding, sets the difference)."""
    dims = [int(rng.integers(3, 6)), int(rng.integers(4, 8)), int(rng.integers(3, 6)), 1]
    m, seed = int(rng.integers(5, 11)), int(rng.integers(2**31))
    if rng.random() < 0.5:
        epsilon = float(rng.choice([1e-7, 1e-6, 1e-5]))
        return _net_case(dims, m, seed, bug=_hidden_bug(rng), epsilon=epsilon)
    return _net_case(dims, m, seed, epsilon=1e-2)


@graded("gradient_check_n", points=4, public=_NET_PUBLIC, hidden=_net_hidden, n_hidden=4)
def test_gradient_check_n(student, case):
    got = student.gradient_check_n(*case.args, **case.kwargs)
    parameters, gradients, X, Y = case.args
    epsilon = case.kwargs.get("epsilon", 1e-7)
    want = ref.gradient_check_n(parameters, gradients, X, Y, epsilon=epsilon)
    _expect_difference(
        got,
        want,
        name="difference",
        case=case,
        make_mistakes=lambda: n_d_mistakes(parameters, gradients, X, Y, epsilon),
        value=epsilon >= 1e-4,  # the truncation error, not rounding, sets the difference
    )


test_gradient_check_n_leaves_inputs_alone = leaves_inputs_alone(
    "gradient_check_n", points=0.5, public=[_NET_PUBLIC[1]]
)
