"""Hidden cases: the same submission and secret always give the same report; another secret
gives other hidden inputs, which vary in size as well as in values, so that code that is right
only on small inputs (or only on the public case) loses points."""

from __future__ import annotations

import numpy as np
import pytest

from autograder import course
from autograder.kit.plugin import suite_cases
from tests.security import kit
from tests.security.kit import attack

suite = course.suite_module(kit.A)

# Right while m <= 10 (the public cases have m = 5 and m = 7), wrong on larger inputs.
SMALL_ONLY = """
def compute_cost(A2, Y):
    m = Y.shape[1]
    logprobs = Y * np.log(A2) + (1 - Y) * np.log(1 - A2)
    return float(-np.sum(logprobs[:, :10]) / m)

def predict(parameters, X):
    A2, _ = forward_propagation(X, parameters)
    predictions = (A2 > 0.5).astype(float)
    predictions[:, 10:] = 0.0
    return predictions
"""

SIZED_TESTS = [
    "test_compute_cost",
    "test_predict",
    "test_forward_propagation",
    "test_backward_propagation",
]


def hidden_cases(test_name: str, secret: bytes):
    cases = suite_cases(suite, test_name, full=True, secret=secret, assignment=kit.A)
    return [case for case in cases if case.hidden]


def example_count(case) -> int:
    arrays = [value for value in case.args if isinstance(value, np.ndarray)]
    return max(array.shape[-1] for array in arrays)


def first_array(case) -> np.ndarray:
    for value in case.args:
        if isinstance(value, dict):
            value = next(iter(value.values()))
        if isinstance(value, np.ndarray):
            return value
    raise AssertionError(f"no array in {case}")


def fingerprint(report) -> list:
    return [(t.name, t.passed, round(t.points, 9), t.message) for t in report.tests]


@pytest.mark.slow
def test_same_submission_and_secret_give_the_same_report_20_times(grade):
    # nn_model left unimplemented: its training runs would only make this test slower.
    notebook = attack(
        predict=SMALL_ONLY, nn_model="def nn_model(*a, **k):\n    raise NotImplementedError\n"
    )
    first = grade(notebook)
    assert 0 < first.score < kit.MAX_SCORE
    for _ in range(19):
        again = grade(notebook)
        assert again.score == first.score
        assert fingerprint(again) == fingerprint(first)


def test_code_right_only_on_small_inputs_loses_the_hidden_points(grade):
    report = grade(attack(predict=SMALL_ONLY))
    for function in ("compute_cost", "predict"):
        tests = [t for t in report.tests if t.function == function and "[" in t.name]
        public = [t for t in tests if not t.hidden]
        hidden = [t for t in tests if t.hidden]
        assert public and all(t.passed for t in public), function
        assert hidden and not all(t.passed for t in hidden), function
    kit.assert_honest(
        report,
        partial={
            "compute_cost": report.function_scores()["compute_cost"][0],
            "predict": report.function_scores()["predict"][0],
        },
    )
    assert report.function_scores()["predict"][0] < 1.0
    assert report.function_scores()["compute_cost"][0] < 2.0


@pytest.mark.parametrize("test_name", SIZED_TESTS)
def test_a_different_secret_changes_the_hidden_inputs(test_name):
    first = hidden_cases(test_name, b"secret one")
    second = hidden_cases(test_name, b"secret two")
    again = hidden_cases(test_name, b"secret one")
    assert len(first) == len(second) == 3
    for a, b, c in zip(first, second, again, strict=True):
        x_a, x_b, x_c = first_array(a), first_array(b), first_array(c)
        assert np.array_equal(x_a, x_c)  # same secret, same inputs
        assert x_a.shape != x_b.shape or not np.allclose(x_a, x_b)


@pytest.mark.parametrize("test_name", SIZED_TESTS)
def test_hidden_inputs_vary_in_size_and_go_beyond_the_public_sizes(test_name):
    marker = getattr(suite, test_name).pytestmark[0]
    public_m = max(example_count(case) for case in marker.kwargs["public"])
    sizes = [
        example_count(case)
        for index in range(8)
        for case in hidden_cases(test_name, f"secret {index}".encode())
    ]
    assert len(set(sizes)) >= 5, sizes
    assert max(sizes) > 3 * public_m, (sizes, public_m)
