"""Grading C2W2_optimization: correct alternatives keep full marks; the one classic mistake that
cannot be planted (a permutation from np.random) still gets its hint; the wrong variants are the
mistakes they name.

Full marks for the solution, 0 for the blank release and every sample's own hint
(``suites/C2W2_optimization/samples.toml``) are checked for every assignment in
``test_assignments.py`` and ``test_hints.py``. Each ``grade`` spawns a worker, so the
alternatives share one submission and the two unplanted mistakes another.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograder.kit import mistakes
from autograder.kit.spec import Seed
from autograder.suites.C2W2_optimization import suite
from dlutils import batching
from dlutils import optimizers as ref
from tests.autograder.helpers import function_points, grade, messages, submission

A = "C2W2_optimization"


def _fn(signature: str, body: str) -> str:
    lines = body.strip("\n").splitlines()
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in lines)


# Correct alternatives, one per function: a dict comprehension over the keys, slices from a
# range with a step, the bias correction applied after the loop to the whole array, zeros from
# the shape, the state copied and then updated in place (the copy, not the input), x * x for
# the square, the update written as one expression, np.power and // and step ** -0.5.
ALTERNATIVES = {
    "update_parameters_with_gd": _fn(
        "update_parameters_with_gd(parameters, grads, learning_rate)",
        """
return {key: value - learning_rate * grads["d" + key] for key, value in parameters.items()}
""",
    ),
    "random_mini_batches": _fn(
        "random_mini_batches(X, Y, mini_batch_size=64, *, rng)",
        """
order = rng.permutation(X.shape[1])
X_shuffled, Y_shuffled = X.take(order, axis=1), Y.take(order, axis=1)
starts = range(0, X.shape[1], mini_batch_size)
return [(X_shuffled[:, i:i + mini_batch_size], Y_shuffled[:, i:i + mini_batch_size])
        for i in starts]
""",
    ),
    "exponentially_weighted_average": _fn(
        "exponentially_weighted_average(values, beta, bias_correction=True)",
        """
theta = np.array(values, dtype=float)
averages, v = [], 0.0
for value in theta:
    v = beta * v + (1 - beta) * value
    averages.append(v)
averages = np.array(averages, dtype=float)
if bias_correction:
    t = np.arange(1, len(theta) + 1).reshape((-1,) + (1,) * (theta.ndim - 1))
    averages = averages / (1 - np.power(beta, t))
return averages
""",
    ),
    "initialize_velocity": _fn(
        "initialize_velocity(parameters)",
        """
return {"d" + key: np.zeros(value.shape) for key, value in parameters.items()}
""",
    ),
    "update_parameters_with_momentum": _fn(
        "update_parameters_with_momentum(parameters, grads, v, beta, learning_rate)",
        """
v = copy.deepcopy(v)
parameters = {key: value.copy() for key, value in parameters.items()}
for key in parameters:
    v["d" + key] *= beta
    v["d" + key] += (1 - beta) * grads["d" + key]
    parameters[key] -= learning_rate * v["d" + key]
return parameters, v
""",
    ),
    "initialize_rmsprop": _fn(
        "initialize_rmsprop(parameters)",
        """
s = {}
for l in range(1, len(parameters) // 2 + 1):
    s[f"dW{l}"] = 0 * parameters[f"W{l}"]
    s[f"db{l}"] = 0 * parameters[f"b{l}"]
return s
""",
    ),
    "update_parameters_with_rmsprop": _fn(
        "update_parameters_with_rmsprop(parameters, grads, s, beta=0.999, learning_rate=0.01, "
        "epsilon=1e-8)",
        """
s = {key: beta * s[key] + (1 - beta) * grads[key] * grads[key] for key in s}
parameters = {key: value - learning_rate * grads["d" + key] / (s["d" + key] ** 0.5 + epsilon)
              for key, value in parameters.items()}
return parameters, s
""",
    ),
    "initialize_adam": _fn(
        "initialize_adam(parameters)",
        """
v = {"d" + key: np.zeros_like(value) for key, value in parameters.items()}
return v, {key: value.copy() for key, value in v.items()}
""",
    ),
    "update_parameters_with_adam": _fn(
        "update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9, "
        "beta2=0.999, epsilon=1e-8)",
        """
new = ({}, {}, {}, {}, {})
for key, W in parameters.items():
    g = grads["d" + key]
    m1 = beta1 * v["d" + key] + (1 - beta1) * g
    m2 = beta2 * s["d" + key] + (1 - beta2) * np.power(g, 2)
    m1_hat, m2_hat = m1 / (1 - np.power(beta1, t)), m2 / (1 - np.power(beta2, t))
    new[0][key] = W - learning_rate * m1_hat / (np.sqrt(m2_hat) + epsilon)
    new[1]["d" + key], new[2]["d" + key] = m1, m2
    new[3]["d" + key], new[4]["d" + key] = m1_hat, m2_hat
return new
""",
    ),
    "update_lr": _fn(
        "update_lr(learning_rate0, epoch_num, decay_rate)",
        "return 1 / (1 + decay_rate * epoch_num) * learning_rate0",
    ),
    "schedule_lr_decay": _fn(
        "schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000)",
        "return learning_rate0 / (1 + decay_rate * (epoch_num // time_interval))",
    ),
    "exponential_lr_decay": _fn(
        "exponential_lr_decay(learning_rate0, epoch_num, base=0.95)",
        "return float(learning_rate0 * np.power(base, epoch_num))",
    ),
    "inverse_sqrt_lr_decay": _fn(
        "inverse_sqrt_lr_decay(learning_rate0, step, k=1.0)",
        "return k * learning_rate0 * step ** -0.5",
    ),
}

# Two mistakes no sample plants: a permutation from np.random (its values change at every run,
# so the frozen self-check cannot store them) and an RMSprop that writes into the s it is given.
UNPLANTED = {
    "random_mini_batches": ALTERNATIVES["random_mini_batches"].replace(
        "rng.permutation", "np.random.permutation"
    ),
    "update_parameters_with_rmsprop": _fn(
        "update_parameters_with_rmsprop(parameters, grads, s, beta=0.999, learning_rate=0.01, "
        "epsilon=1e-8)",
        """
new_parameters = {}
for key, value in parameters.items():
    s["d" + key] = beta * s["d" + key] + (1 - beta) * grads["d" + key] ** 2
    new_parameters[key] = value - learning_rate * grads["d" + key] / (
        np.sqrt(s["d" + key]) + epsilon)
return new_parameters, dict(s)
""",
    ),
}


@pytest.mark.slow
def test_correct_alternatives_keep_full_marks():
    report = grade(submission(A, ALTERNATIVES), A)
    points = function_points(report)
    assert set(ALTERNATIVES) == set(points)
    for function in ALTERNATIVES:
        got, available = points[function]
        assert available > 0 and got == pytest.approx(available), (
            function,
            messages(report, function),
        )


@pytest.mark.slow
def test_the_unplanted_mistakes_lose_points_and_show_their_hints():
    report = grade(submission(A, UNPLANTED), A)
    points = function_points(report)
    for function in UNPLANTED:
        got, available = points[function]
        assert got < available, function
    assert mistakes.MB_RNG in messages(report, "random_mini_batches")
    rmsprop = messages(report, "update_parameters_with_rmsprop")
    assert "changed its input(s)" in rmsprop and mistakes.INPUTS_CHANGED in rmsprop
    # the values are right: only the no-mutation check fails
    failed = [
        t.name
        for t in report.tests
        if t.function == "update_parameters_with_rmsprop" and not t.passed
    ]
    assert failed and all("leaves_inputs_alone" in name for name in failed)


# -- the wrong variants, against the wrong code written out by hand ----------------------------


def test_the_padded_and_dropped_batches_are_the_variants_of_their_mistakes():
    rng = np.random.default_rng(0)
    X, Y = rng.standard_normal((3, 29)), rng.standard_normal((1, 29))
    variants = suite._batch_variants(X, Y, 8, rng=Seed(4))
    right = batching.random_mini_batches(X, Y, 8, rng=np.random.default_rng(4))
    permutation = np.random.default_rng(4).permutation(29)
    wrapped = X[:, permutation].take(range(24, 32), axis=1, mode="wrap")
    padded = [w for m, w in variants if m is mistakes.MB_LAST_PADDED]
    assert any(np.array_equal(w[-1][0], wrapped) for w in padded)
    dropped = [w for m, w in variants if m is mistakes.MB_LAST_DROPPED]
    assert len(dropped) == 1 and len(dropped[0]) == len(right) - 1 == 3


def test_no_variant_of_an_exact_multiple_is_dropped_or_padded():
    X, Y = np.ones((2, 16)), np.zeros((1, 16))
    names = {m.name for m, _ in suite._batch_variants(X, Y, 4, rng=Seed(1))}
    assert names == {"mb_same_permutation", "mb_columns"}


def test_adam_variants_by_hand():
    """t = 7, beta1 = 0.8, beta2 = 0.99: the corrections divide by 1 - 0.8**7 and 1 - 0.99**7;
    the fixed-t variant by 0.2 and 0.01, the swapped one by 1 - 0.99**7 and 1 - 0.8**7."""
    parameters = {"W1": np.array([[1.0, -2.0]]), "b1": np.array([[0.5]])}
    grads = {"dW1": np.array([[0.3, -0.1]]), "db1": np.array([[0.2]])}
    v = {"dW1": np.array([[0.1, 0.1]]), "db1": np.array([[-0.1]])}
    s = {"dW1": np.array([[0.04, 0.01]]), "db1": np.array([[0.02]])}
    hyper = {"learning_rate": 0.02, "beta1": 0.8, "beta2": 0.99, "epsilon": 1e-3}
    want = ref.update_parameters_with_adam(parameters, grads, v, s, 7, **hyper)
    new_v = 0.8 * v["dW1"] + 0.2 * grads["dW1"]
    np.testing.assert_allclose(want[3]["dW1"], new_v / (1 - 0.8**7))
    variants = dict(
        (m.name, value)
        for m, value in suite._adam_variants(parameters, grads, v, s, 7, **hyper)
        if m.name in ("adam_t_fixed", "eps_inside_sqrt")
    )
    np.testing.assert_allclose(variants["adam_t_fixed"][3]["dW1"], new_v / 0.2)
    new_s = 0.99 * s["dW1"] + 0.01 * grads["dW1"] ** 2
    inside = 1.0 - 0.02 * (new_v / (1 - 0.8**7)) / np.sqrt(new_s / (1 - 0.99**7) + 1e-3)
    np.testing.assert_allclose(variants["eps_inside_sqrt"][0]["W1"][0, 0], inside[0, 0])


def test_the_ewa_variant_counting_t_from_0_starts_at_infinity():
    values = np.array([3.0, 1.0, 2.0])
    (_, none), (_, from_zero) = suite._ewa_mistakes(values, 0.5)
    np.testing.assert_allclose(none, [1.5, 1.25, 1.625])  # v_t without correction
    assert np.isinf(from_zero[0]) and np.allclose(from_zero[1:], [1.25 / 0.5, 1.625 / 0.75])
