"""Points only for right values, in every Course 1 suite.

Each submission below is the instructor's solution with every graded function wrapped in a
wrong behaviour: it returns zeros or None, patches numpy first, returns a lying ndarray
subclass, is right only on the public inputs (a hard-coded answer), or is right only on inputs
as small as the public ones. Every function must earn 0, whatever its property checks say.
"""

from __future__ import annotations

import pytest

from autograder import course
from autograder.kit import scoring
from autograder.kit.plugin import case_size, function_markers, largest_public_case, suite_cases
from autograder.kit.results import TestResult as Result
from autograder.kit.spec import copy_value
from autograder.kit.suitecheck import graded_functions
from autograder.samples import MONKEYPATCH_NUMPY, solution_answers, submission
from tests.autograder.helpers import grade

PROGRAMMING = [name for name in course.known_assignments() if not course.is_quiz(name)]

# Runs in the worker (numpy only): the wrong behaviours a wrapped function can have.
WRONG = '''
import hashlib as _hashlib
import numpy as _np

def _fingerprint(value):
    if isinstance(value, _np.ndarray):
        data = _np.ascontiguousarray(value, dtype=_np.float64).tobytes()
        return ("a", value.shape, _hashlib.sha256(data).hexdigest())
    if isinstance(value, dict):
        return ("d", tuple(sorted((key, _fingerprint(item)) for key, item in value.items())))
    if isinstance(value, (list, tuple)):
        return ("l", tuple(_fingerprint(item) for item in value))
    if isinstance(value, _np.random.Generator):
        return ("g",)
    return ("v", repr(value))

def _size(value):
    arrays = []
    numbers = []
    def walk(item):
        if isinstance(item, _np.ndarray):
            arrays.append(item.size)
        elif type(item) is int:
            numbers.append(abs(item))
        elif isinstance(item, (list, tuple)):
            for inner in item:
                walk(inner)
        elif isinstance(item, dict):
            for inner in item.values():
                walk(inner)
    walk(value)
    return sum(arrays) if arrays else sum(numbers)

class _Liar(_np.ndarray):
    def __eq__(self, other):
        return True
    def __array_finalize__(self, obj):
        pass

def _zeros(value):
    """Zeros of the same structure; ones where the right value is zero already."""
    if isinstance(value, _np.ndarray):
        return _np.zeros_like(value) if value.any() else _np.ones_like(value)
    if isinstance(value, dict):
        return {key: _zeros(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_zeros(item) for item in value)
    if isinstance(value, bool):
        return not value
    if isinstance(value, (int, float)):
        return type(value)(0 if value else 1)
    return None

def _lie(value):
    if isinstance(value, _np.ndarray):
        return _zeros(value).view(_Liar)
    if isinstance(value, dict):
        return {key: _lie(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return type(value)(_lie(item) for item in value)
    return _zeros(value)

def _wrong(kind, right, name, args, kwargs):
    if kind == "none":
        right(*args, **kwargs)
        return None
    if kind == "public-only" and _fingerprint([list(args), kwargs]) in _PUBLIC.get(name, ()):
        return right(*args, **kwargs)
    if kind == "small-only" and _size([list(args), kwargs]) <= _SMALL.get(name, 0) > 0:
        return right(*args, **kwargs)
    value = right(*args, **kwargs)
    return _lie(value) if kind == "liar" else _zeros(value)
'''

KINDS = ["zeros", "none", "patches-numpy", "liar", "public-only", "small-only"]


def _fingerprints(assignment: str) -> dict[str, list]:
    namespace: dict = {}
    exec(WRONG.replace("_PUBLIC.get", "dict().get").replace("_SMALL.get", "dict().get"), namespace)
    module = course.suite_module(assignment)
    table = {}
    for function in graded_functions(assignment):
        table[function] = [
            namespace["_fingerprint"]([list(copy_value(list(case.args))), copy_value(case.kwargs)])
            for mark in function_markers(module, function)
            for case in mark.kwargs["public"]
        ]
    return table


def wrong_submission(assignment: str, kind: str) -> dict:
    """The solution with every graded function wrapped in the wrong behaviour ``kind``."""
    module = course.suite_module(assignment)
    small = {
        function: largest_public_case(function_markers(module, function))
        for function in graded_functions(assignment)
    }
    prelude = WRONG + f"\n_PUBLIC = {_fingerprints(assignment)!r}\n_SMALL = {small!r}\n"
    if kind == "patches-numpy":
        prelude = MONKEYPATCH_NUMPY + prelude
    answers = solution_answers(assignment)
    first = next(iter(answers))
    answers[first] = prelude + "\n" + answers[first]
    for function in graded_functions(assignment):
        wrap = (
            f"\n\n_right_{function} = {function}\n"
            f"def {function}(*args, **kwargs):\n"
            f"    return _wrong({kind!r}, _right_{function}, {function!r}, args, kwargs)\n"
        )
        cell = function if function in answers else list(answers)[-1]
        answers[cell] += wrap
    return submission(assignment, answers, solved=False)


@pytest.mark.slow
@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("assignment", PROGRAMMING)
def test_a_wrong_function_earns_nothing(assignment, kind):
    report = grade(wrong_submission(assignment, kind), assignment)
    assert report.max_score > 0
    earned = {f: p for f, (p, _) in report.function_scores().items() if p > 0}
    assert not earned, f"{kind}: {earned}\n{report.render_text()}"
    if kind in ("public-only", "small-only"):
        # The wrapper is really right where it claims to be: some public case passes.
        assert any(t.passed and t.role == scoring.PUBLIC for t in report.tests), kind


@pytest.mark.parametrize("assignment", PROGRAMMING)
def test_hidden_cases_are_larger_than_every_public_case_of_their_function(assignment):
    module = course.suite_module(assignment)
    for function in graded_functions(assignment):
        markers = function_markers(module, function)
        largest = largest_public_case(markers)
        assert any(m.kwargs["hidden"] for m in markers), f"{function} has no hidden cases"
        if largest == 0:  # functions of plain numbers have no sizes
            continue
        tests = [name for name, test in vars(module).items() if name.startswith("test_")]
        for name in tests:
            if not any(m in markers for m in getattr(getattr(module, name), "pytestmark", [])):
                continue
            for secret in (b"a", b"b", b"c"):
                cases = suite_cases(module, name, full=True, secret=secret, assignment=assignment)
                assert all(case_size(c) > largest for c in cases if c.hidden), (function, name)


def _result(function, test, role, passed, points):
    return Result(function, test, 0.0, 0.0, passed, test=test, role=role, test_points=points)


def test_the_scoring_rule():
    """Hidden shares, the public gate, checks scaled by the value fraction, quiz tests."""
    right = [_result("f", "value", scoring.PUBLIC, True, 2)]
    right += [_result("f", "value", scoring.HIDDEN, ok, 2) for ok in (True, True, False)]
    right += [_result("f", "inputs", scoring.CHECK, True, 0.5)]
    right += [_result("f", "float", scoring.CHECK, False, 0.5)]
    scoring.score(right)
    assert [t.max_points for t in right] == [0, 0.6667, 0.6667, 0.6666, 0.5, 0.5]
    assert [t.points for t in right] == [0, 0.6667, 0.6667, 0, 0.3334, 0]
    assert scoring.total(t.max_points for t in right) == 3.0

    public_fails = [
        _result("g", "value", scoring.PUBLIC, False, 1),
        _result("g", "value", scoring.HIDDEN, True, 1),
        _result("g", "inputs", scoring.CHECK, True, 0.25),
    ]
    scoring.score(public_fails)
    assert [t.points for t in public_fails] == [0, 0, 0]

    quiz = [_result("q", "answer", scoring.CHECK, True, 1.5)]
    scoring.score(quiz)
    assert quiz[0].role == scoring.PLAIN and quiz[0].points == 1.5


def test_shares_are_exact_decimals_that_add_up():
    for points in (1, 1.5, 2, 2.25, 4.5, 0.25):
        for n in range(1, 12):
            shares = scoring.split(points, n)
            assert sum(shares) == scoring.to_decimal(points)
            assert max(shares) - min(shares) <= scoring.QUANTUM
