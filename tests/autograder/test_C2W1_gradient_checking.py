"""Grading C2W1_gradient_checking: correct alternatives keep full marks; the premises of the
suite (reproducible differences, hidden cases that are values, not noise) hold.

Full marks for the solution, 0 for the blank release and every sample's own hint
(``suites/C2W1_gradient_checking/samples.toml``) are checked for every assignment in
``test_assignments.py`` and ``test_hints.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograder.kit import mistakes
from autograder.suites.C2W1_gradient_checking import suite
from dlutils import gradcheck_net as net
from dlutils import gradient_checking as ref
from tests.autograder.helpers import function_points, grade, messages, submission

A = "C2W1_gradient_checking"

# Two submissions, four alternatives each (eight in all), so that two grades cover them:
# - forward: np.dot of two numbers / x * theta as a float;
# - backward: float(x) / 1.0 * x;
# - gradient_check: abs() instead of norms, the shifts inlined / math.fabs and a float;
# - gradient_check_n: one working copy shifted and restored in place, norms as sqrt(sum of
#   squares) / the parameters shifted in the dicts themselves (no theta vector), the gradient
#   gathered key by key, norms of the concatenation.
ALTERNATIVES = [
    {
        "forward_propagation": """
def forward_propagation(x, theta):
    return np.dot(theta, x)
""",
        "backward_propagation": """
def backward_propagation(x, theta):
    return float(x)
""",
        "gradient_check": """
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    gradapprox = (forward_propagation(x, theta + epsilon)
                  - forward_propagation(x, theta - epsilon)) / 2 / epsilon
    grad = backward_propagation(x, theta)
    difference = abs(grad - gradapprox) / (abs(grad) + abs(gradapprox))
    if print_msg:
        print("difference =", difference)
    return difference
""",
        "gradient_check_n": """
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    theta, layout = dictionary_to_vector(parameters)
    grad = gradients_to_vector(gradients)
    work = theta.copy()
    gradapprox = np.zeros_like(theta)
    for i in range(work.shape[0]):
        saved = work[i, 0]
        work[i, 0] = saved + epsilon
        J_plus = forward_propagation_n(X, Y, vector_to_dictionary(work, layout))[0]
        work[i, 0] = saved - epsilon
        J_minus = forward_propagation_n(X, Y, vector_to_dictionary(work, layout))[0]
        work[i, 0] = saved
        gradapprox[i, 0] = (J_plus - J_minus) / (2 * epsilon)
    norm = lambda v: np.sqrt(np.sum(v ** 2))
    difference = norm(grad - gradapprox) / (norm(grad) + norm(gradapprox))
    if print_msg:
        print("difference =", difference)
    return difference
""",
    },
    {
        "forward_propagation": """
def forward_propagation(x, theta):
    J = float(x * theta)
    return J
""",
        "backward_propagation": """
def backward_propagation(x, theta):
    dtheta = 1.0 * x
    return dtheta
""",
        "gradient_check": """
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    J_plus, J_minus = (forward_propagation(x, theta + s) for s in (epsilon, -epsilon))
    gradapprox = (J_plus - J_minus) / (2 * epsilon)
    grad = backward_propagation(x, theta)
    difference = float(math.fabs(grad - gradapprox) / (math.fabs(grad) + math.fabs(gradapprox)))
    if print_msg and difference > 2e-7:
        print("There is a mistake in the backward propagation!")
    return difference
""",
        "gradient_check_n": """
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    keys = [f"{kind}{l}" for l in range(1, len(parameters) // 2 + 1) for kind in ("W", "b")]
    approx, exact = [], []
    for key in keys:
        for index in np.ndindex(parameters[key].shape):
            costs = []
            for shift in (epsilon, -epsilon):
                shifted = {k: np.array(v, dtype=float) for k, v in parameters.items()}
                shifted[key][index] = shifted[key][index] + shift
                costs.append(forward_propagation_n(X, Y, shifted)[0])
            approx.append((costs[0] - costs[1]) / (2 * epsilon))
            exact.append(gradients["d" + key][index])
    approx, exact = np.array(approx), np.array(exact)
    return np.linalg.norm(exact - approx) / (np.linalg.norm(exact) + np.linalg.norm(approx))
""",
    },
]


@pytest.mark.slow
@pytest.mark.parametrize("answers", ALTERNATIVES, ids=["first", "second"])
def test_correct_alternatives_keep_full_marks(answers):
    report = grade(submission(A, answers), A)
    points = function_points(report)
    for function in answers:
        got, available = points[function]
        assert available > 0 and got == pytest.approx(available), (
            function,
            messages(report, function),
        )


# -- the premises of the suite, in this process ------------------------------------------------


def _in_place(parameters, gradients, X, Y, epsilon):
    """The first alternative's loop, run here: one copy, shifted and restored in place."""
    theta, layout = net.dictionary_to_vector(parameters)
    grad, gradapprox = net.gradients_to_vector(gradients), np.zeros_like(theta)
    for i in range(theta.shape[0]):
        saved = theta[i, 0]
        costs = []
        for value in (saved + epsilon, saved - epsilon):
            theta[i, 0] = value
            costs.append(
                net.forward_propagation_n(X, Y, net.vector_to_dictionary(theta, layout))[0]
            )
        theta[i, 0] = saved
        gradapprox[i, 0] = (costs[0] - costs[1]) / (2 * epsilon)
    return np.linalg.norm(grad - gradapprox) / (np.linalg.norm(grad) + np.linalg.norm(gradapprox))


@pytest.mark.parametrize("case", suite._NET_PUBLIC, ids=lambda case: case.label)
def test_two_correct_checks_give_the_same_difference(case):
    """The suite compares even small differences to 0.1 %: correct loops written differently
    shift the same entries by the same epsilon and run the same given net, so they agree."""
    parameters, gradients, X, Y = case.args
    epsilon = case.kwargs.get("epsilon", 1e-7)
    want = ref.gradient_check_n(parameters, gradients, X, Y, epsilon=epsilon)
    assert _in_place(parameters, gradients, X, Y, epsilon) == pytest.approx(want, rel=1e-9)


def test_hidden_cases_are_values_not_noise():
    """Every hidden case of either check has a difference that 0.0 (or any constant guess) does
    not match: above 1e-5 in 1-D, and from a bug or epsilon = 1e-2 for the net."""
    for seed in range(12):
        rng = np.random.default_rng(seed)
        case = suite._one_d_check_case(rng)
        assert ref.gradient_check(*case.args, **case.kwargs) > 1e-5
        case = suite._net_hidden(rng)
        parameters, gradients, X, Y = case.args
        epsilon = case.kwargs["epsilon"]
        difference = ref.gradient_check_n(parameters, gradients, X, Y, epsilon=epsilon)
        assert epsilon == 1e-2 or difference > 1e-4, (seed, epsilon, difference)
        assert difference > 1e-8


def test_the_classic_planted_bugs_by_hand():
    """dW2 doubled and db1 four times too large: per parameter, |2g - g| / (2|g| + |g|) = 1/3
    and |4g - g| / (4|g| + |g|) = 3/5; the difference of the whole vector lies between."""
    case = suite._NET_PUBLIC[1]
    parameters, gradients, X, Y = case.args
    right = suite.true_gradients(parameters, X, Y)
    for key, expected in (("dW2", 1 / 3), ("db1", 3 / 5)):
        got = np.linalg.norm(gradients[key] - right[key]) / (
            np.linalg.norm(gradients[key]) + np.linalg.norm(right[key])
        )
        assert got == pytest.approx(expected, rel=1e-12)
    assert 1e-3 < ref.gradient_check_n(parameters, gradients, X, Y) < 3 / 5


def test_the_wrong_variants_are_the_mistakes_they_name():
    """On the planted-bug case every variant is far from the right difference and from the
    others (so a hint is shown only for its own mistake); ``not_doubled`` by hand: gradapprox
    doubled."""
    parameters, gradients, X, Y = suite._NET_PUBLIC[1].args
    want = ref.gradient_check_n(parameters, gradients, X, Y)
    pairs = suite.n_d_mistakes(parameters, gradients, X, Y)
    values = {}
    for mistake, value in pairs:
        values.setdefault(mistake, []).append(value)
    grad = net.gradients_to_vector(gradients)
    doubled = 2 * suite.approximations(parameters, X, Y, 1e-7, "two_sided")
    by_hand = np.linalg.norm(grad - doubled) / (np.linalg.norm(grad) + np.linalg.norm(doubled))
    assert values[mistakes.GC_EPSILON_NOT_DOUBLED] == [pytest.approx(by_hand, rel=1e-6)]
    for mistake, found in values.items():
        if mistake is mistakes.GC_ONE_SIDED:  # the bug dominates: one-sided shows at 1e-2
            continue
        assert all(abs(value - want) > 1e-3 * want for value in found), mistake.name
