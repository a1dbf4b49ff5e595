"""Freeze a suite's public checks into data, for the self-check a release carries.

``dlcourse release`` calls :func:`freeze`. It runs every public case of every
graded test, here on the instructor's side, against the solution's own functions, and records
what the test did (:mod:`autograder.learner.frozen` describes the events and the format):

- each call to the learner's function, with its arguments; an argument that is part of what an
  earlier call returned is stored as a reference to it, so the replay passes the learner's own
  value, as the test did;
- each comparison (:mod:`autograder.learner.compare`), with the expected value, the known
  mistakes' values and hints, and which part of which result it read.

Then it plants each of the assignment's sample mistakes (``samples.toml``) and records, for
every public case the mistake fails, what the function returned and the message the grader
gives. The self-check shows that message when a learner's function returns the same values, so
a hint that the test computes from the learner's value is not lost.

Nothing of the suite's code, the reference or the hidden-case generators is written: only
inputs, expected values, wrong values and messages on the public cases, which the public
checks show anyway.
"""

from __future__ import annotations

import contextlib
import io
import warnings

import numpy as np
from threadpoolctl import threadpool_limits

from autograder import course
from autograder.kit.plugin import expand_cases, graded_markers, largest_public_case
from autograder.kit.suitecheck import SELF_CHECK_SECRET
from autograder.learner import compare, frozen
from autograder.learner.errors import StudentError
from autograder.learner.messages import failure_message
from autograder.learner.students import LocalStudent


class FreezeError(RuntimeError):
    """A public check cannot be written as data; the message names the test and says why."""


def solution_functions(assignment: str, answers: dict[str, str] | None = None) -> dict:
    """The namespace the solution's answer cells build after the grading worker's preamble
    (its standard imports and the given modules' star imports). ``answers`` replaces cells by
    grade id."""
    from autograder.judge.engine import worker_preamble
    from autograder.samples import solution_answers

    namespace: dict = {"__name__": f"solution_{assignment}"}
    exec(worker_preamble(assignment), namespace)  # noqa: S102 - the instructor's own solution
    sources = solution_answers(assignment)
    sources.update(answers or {})
    for grade_id, source in sources.items():
        exec(compile(source, f"<{assignment}:{grade_id}>", "exec"), namespace)  # noqa: S102
    return namespace


def _walk(value, path=()):
    """``(path, item)`` for ``value`` and every item inside its tuples, lists and dicts."""
    yield path, value
    if type(value) in (tuple, list):
        for index, item in enumerate(value):
            yield from _walk(item, (*path, index))
    elif type(value) is dict:
        for key, item in value.items():
            if type(key) in (str, int):
                yield from _walk(item, (*path, key))


class _Recorder:
    """Receives the calls (from :class:`_RecordingStudent`) and the comparisons (from the
    comparison code's hook) of one public case."""

    def __init__(self, encoder: frozen.Encoder, student):
        self.encoder = encoder
        self.student = student
        self.events: list[dict] = []
        self.results: list = []

    def refer(self, value):
        """The path of ``value`` in a result, by identity (arrays and containers only)."""
        if not isinstance(value, (np.ndarray, tuple, list, dict)):
            return None
        for index, result in enumerate(self.results):
            for path, item in _walk(result):
                if item is value:
                    return (index, *path)
        return None

    def locate(self, value):
        """Where the compared value comes from: by identity, else the first equal item."""
        path = self.refer(value)
        if path is not None:
            return path
        for index, result in enumerate(self.results):
            for path, item in _walk(result):
                if frozen.same(value, item, rtol=0, atol=0):
                    return (index, *path)
        return None

    def call(self, name, args, kwargs) -> None:
        self.events.append(
            {
                "call": name,
                "args": self.encoder.encode(list(args), self.refer),
                "kwargs": self.encoder.encode(dict(kwargs), self.refer),
            }
        )

    def comparison(self, kind: str, args: tuple, kwargs: dict) -> None:
        got, rest = args[0], args[1:]
        if got is self.student:
            where = "student"
        else:
            where = self.locate(got)
            if where is None:
                raise FreezeError(
                    f"{kind} compares a value that is not part of what the function returned "
                    "(the test derived it); compare the returned value itself"
                )
            where = list(where)
        options = {key: value for key, value in kwargs.items() if key != "case"}
        event = {
            "expect": kind,
            "got": where,
            "args": self.encoder.encode(list(rest)),
            "kwargs": self.encoder.encode(options),
        }
        if "case" in kwargs:
            event["case"] = kwargs["case"].label
        self.events.append(event)


class _RecordingStudent(LocalStudent):
    def __init__(self, functions):
        super().__init__(functions)
        self.recorder: _Recorder | None = None
        self.results: list = []

    def _call(self, name, args, kwargs):
        if self.recorder is not None:
            self.recorder.call(name, args, kwargs)
        value = super()._call(name, args, kwargs)
        self.results.append(value)
        if self.recorder is not None:
            self.recorder.results.append(value)
        return value


def _public_tests(assignment: str):
    """``(test name, test function, marker, public cases)`` of every graded test."""
    module = course.suite_module(assignment)
    markers = graded_markers(module)
    for test_name, test, mark in markers:
        function = mark.kwargs["function"]
        same_function = [m for _, _, m in markers if m.kwargs["function"] == function]
        cases = expand_cases(
            mark,
            test_name,
            full=False,
            secret=SELF_CHECK_SECRET,
            assignment=assignment,
            largest_public=largest_public_case(same_function),
        )
        yield test_name, test, mark, cases


def _record_case(test, case, functions, encoder, test_name) -> list[dict]:
    student = _RecordingStudent(functions)
    recorder = _Recorder(encoder, student)
    student.recorder = recorder
    compare.recorder = recorder
    try:
        test(student=student, case=case)
    except FreezeError as error:
        raise FreezeError(f"{test_name} [{case.label}]: {error}") from None
    except Exception as error:  # noqa: BLE001 - the solution must pass its own public checks
        raise FreezeError(
            f"the solution fails its public check {test_name} [{case.label}]: {error}"
        ) from None
    finally:
        compare.recorder = None
    return recorder.events, recorder.results


def _outcome(test, case, functions, function_name):
    """``(results, (detail, hint))`` of one case run on ``functions``; None when it passes or
    when the function raised (the message of an exception needs no stored values)."""
    student = _RecordingStudent(functions)
    try:
        test(student=student, case=case)
    except StudentError:
        return None
    except Exception as error:  # noqa: BLE001 - a failed check is what is recorded
        return student.results, failure_message(error, function_name)
    return None


def _planted_answers(assignment: str, sample) -> dict[str, str]:
    from autograder.samples import solution_answers

    source = solution_answers(assignment)[sample.function]
    if not sample.old:
        return {sample.function: sample.new}
    if sample.old not in source:
        raise FreezeError(f"{assignment}: the sample's {sample.old!r} is not in {sample.function}")
    return {sample.function: source.replace(sample.old, sample.new, 1)}


def freeze(assignment: str) -> tuple[dict, dict]:
    """The frozen public checks of ``assignment``: ``(checks, arrays)`` for
    :func:`autograder.learner.frozen.write`. Raises :class:`FreezeError` naming the test when a
    check cannot be frozen or when the solution fails it.

    What the solution and the planted mistakes print (training progress) and their numpy
    warnings (a planted mistake can overflow) are swallowed: the release's own output says what
    was released.
    """
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        warnings.simplefilter("ignore")
        # One BLAS thread, as in the tests and the worker: the frozen values are then the same
        # bits on every release, so git sees no change when nothing changed.
        with threadpool_limits(1):
            return _freeze(assignment)


def _freeze(assignment: str) -> tuple[dict, dict]:
    encoder = frozen.Encoder()
    solution = solution_functions(assignment)
    planted = [
        (sample, solution_functions(assignment, _planted_answers(assignment, sample)))
        for sample in course.samples(assignment)
    ]
    tests = []
    for test_name, test, mark, cases in _public_tests(assignment):
        function = mark.kwargs["function"]
        replayable = mark.kwargs.get("replayable", True)
        entries = []
        for case in cases:
            events, right = _record_case(test, case, solution, encoder, test_name)
            if not replayable:  # its expected values are the learner's own: keep the calls only
                events = [event for event in events if "call" in event]
            known = []
            for sample, functions in planted:
                if sample.function != function:
                    continue
                outcome = _outcome(test, case, functions, function)
                # A mistake that returns the right values (it changes its inputs in place)
                # is caught by the replayed comparisons; its message must not be matched
                # by values, or a right answer would get it. (The self-check matches the
                # stored results against the first calls of the learner's, hence the slice.)
                if outcome is not None and not frozen.same(outcome[0], right[: len(outcome[0])]):
                    results, (detail, hint) = outcome
                    known.append(
                        {"results": encoder.encode(results), "detail": detail, "hint": str(hint)}
                    )
            entries.append({"label": case.label, "events": events, "known_wrong": known})
        tests.append(
            {
                "name": test_name,
                "function": function,
                "values": mark.kwargs.get("hidden") is not None,
                "replayable": replayable,
                "cases": entries,
            }
        )
    checks = {
        "format": frozen.FORMAT,
        "assignment": assignment,
        "functions": list(dict.fromkeys(test["function"] for test in tests)),
        "tests": tests,
    }
    return checks, encoder.arrays
