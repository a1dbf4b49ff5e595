"""The frozen self-check says what the grading suite says, on the public cases.

A release's ``selfcheck/`` replays the public checks from data (:mod:`autograder.judge.freeze`
records them; :mod:`autograder.learner.selfcheck` replays them). Here, for every programming
assignment, the replay and the suite's own tests (:class:`~autograder.kit.suitecheck.SuiteCheck`,
which runs the suite in this process) judge the same functions, and must agree on every case
and word for word on every message:

- the solution: every check passes;
- each classic mistake of ``samples.toml``: the same failures, with the same hint;
- a mistake nobody planted (every float array returned scaled by 1.5): the same failures.
"""

from __future__ import annotations

import functools

import numpy as np
import pytest

from autograder import course
from autograder.judge.freeze import _planted_answers, solution_functions
from autograder.kit.suitecheck import SuiteCheck
from autograder.learner.selfcheck import SelfCheck

PROGRAMMING = [a for a in course.known_assignments() if not course.is_quiz(a)]


def frozen_check(assignment: str) -> SelfCheck:
    folder = course.release_notebook(assignment).parent / "selfcheck"
    return SelfCheck(assignment, color=False, folder=folder)


def outcomes(check, namespace: dict, names: list[str]) -> dict:
    """``{function: (ok, failures)}`` of ``check`` on the functions of a namespace. (Counts may
    differ: a check only the grader can judge is not counted by the replay when it passes.)"""
    found = {}
    for name in names:
        outcome = check.run(namespace[name])
        found[name] = (outcome.ok, outcome.failures)
    return found


def _scaled(value):
    if isinstance(value, np.ndarray) and value.dtype.kind == "f":
        return value * 1.5
    if isinstance(value, tuple):
        return tuple(_scaled(item) for item in value)
    if isinstance(value, list):
        return [_scaled(item) for item in value]
    if isinstance(value, dict):
        return {key: _scaled(item) for key, item in value.items()}
    return value


@pytest.mark.parametrize("assignment", PROGRAMMING)
def test_the_replay_agrees_with_the_suite(assignment):
    frozen, suite = frozen_check(assignment), SuiteCheck(assignment, color=False)
    names = frozen.functions
    assert names == [name for name in names if name in suite_functions(assignment)]

    solution = solution_functions(assignment)
    passing = outcomes(frozen, solution, names).values()
    assert all(ok for ok, _ in passing)

    samples = course.samples(assignment)
    assert samples, f"{assignment} has no samples.toml"
    for sample in samples:
        namespace = solution_functions(assignment, _planted_answers(assignment, sample))
        replayed = outcomes(frozen, namespace, [sample.function])
        judged = outcomes(suite, namespace, [sample.function])
        assert replayed == judged, f"{sample.label or sample.mistake.name}"
        ok, failures = replayed[sample.function]
        assert not ok and failures, f"{sample.label}: the sample passes its public checks"

    for name in names:
        namespace = dict(solution)
        original = namespace[name]

        @functools.wraps(original)
        def scaled(*args, _original=original, **kwargs):
            return _scaled(_original(*args, **kwargs))

        namespace[name] = scaled
        assert outcomes(frozen, namespace, [name]) == outcomes(suite, namespace, [name]), name


def suite_functions(assignment: str) -> list[str]:
    from autograder.kit.suitecheck import graded_functions

    return graded_functions(assignment)
