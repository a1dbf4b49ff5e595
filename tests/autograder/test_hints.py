"""Every classic mistake of every Course 1 suite, graded alone: its hint and no other.

A submission is the solution with one classic mistake (the ones the per-assignment test files
already plant). The function with the mistake must lose points and show that mistake's own
hint. Every other function that fails must say which graded function it calls is wrong (the
knock-on message), and no hint may appear anywhere else: a hint is shown only when it is true.
"""

from __future__ import annotations

import importlib
import re

import pytest

from autograder.samples import solution_answers, submission
from tests.autograder import planted
from tests.autograder import (
    test_C1W4_deep_nn_application as application,
)
from tests.autograder.helpers import grade

_WITH_SAMPLES = [
    "C1W2_logistic_regression",
    "C1W2_numpy_basics",
    "C1W3_planar_classification",
    "C1W4_deep_nn_step_by_step",
]


def _replaced(assignment: str, changes: dict, hints: dict) -> dict:
    answers = solution_answers(assignment)
    return {
        function: (answers[function].replace(old, new, 1), hints[function])
        for function, (old, new) in changes.items()
    }


def _catalogue() -> list[tuple[str, str, str, str]]:
    """``(assignment, function, answer cell source, expected hint)`` for every classic mistake."""
    groups = [
        *((application.A, mistakes) for mistakes in application.MISTAKES),
    ]
    return [
        (assignment, function, source, hint)
        for assignment, mistakes in groups
        for function, (source, hint) in mistakes.items()
    ] + [  # the assignments whose mistakes moved to suites/<A>/samples.py
        (assignment, sample.function, planted.answer(assignment, sample), sample.mistake)
        for assignment in _WITH_SAMPLES
        for sample in importlib.import_module(f"autograder.suites.{assignment}.samples").SAMPLES
    ]


CATALOGUE = _catalogue()
HINT = re.compile(r"Hint: (.*)")


@pytest.mark.slow
@pytest.mark.parametrize(
    ("assignment", "function", "source", "hint"),
    CATALOGUE,
    ids=[f"{a}-{f}-{i}" for i, (a, f, _, _) in enumerate(CATALOGUE)],
)
def test_a_classic_mistake_shows_its_own_hint_and_no_other(assignment, function, source, hint):
    report = grade(submission(assignment, {function: source}), assignment)
    points, available = report.function_scores()[function]
    assert points < available, f"{function}: the mistake kept full marks"
    own = [t.message for t in report.tests if t.function == function and not t.passed]
    assert any(hint in message for message in own), (hint, own)
    for test in report.tests:
        if test.passed:
            continue
        shown = HINT.findall(test.message)
        if test.function == function:
            assert not shown or hint in test.message, (test.name, hint, shown)
        else:
            assert not shown, f"{test.function} shows a hint for {function}'s mistake: {shown}"
            assert "calls your " in test.message, (test.function, test.message)
