"""The pytest plugin that turns a suite module into a scored report.

It parametrizes every ``graded`` test with its public cases and, in full mode, with hidden
cases drawn from a generator seeded by ``sha256(secret | assignment | test | index)``. It
provides the ``student`` fixture and records one :class:`~autograder.kit.results.TestResult` per
test item from structured outcomes only (never from printed output).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import numpy as np
import pytest

from autograder.kit import scoring
from autograder.kit.results import TestResult
from autograder.kit.spec import Case
from autograder.learner.messages import failure_message, with_hint  # noqa: F401 - the kit's API


def hidden_seed(secret: bytes, assignment: str, test: str, index: int, student: str = "") -> int:
    """The seed of one hidden case: from the secret, the assignment, the test, the case's index
    and the student id, so a table of hidden answers learned by one student is worthless to
    another. An empty id (a self-learner's ``dlcourse check``) gives the seeds of old."""
    parts = [secret, assignment.encode(), test.encode(), str(index).encode()]
    if student:
        parts.append(b"student=" + student.encode("utf-8", errors="surrogateescape"))
    digest = hashlib.sha256(b"|".join(parts)).digest()
    return int.from_bytes(digest[:8], "big")


def case_size(case: Case) -> int:
    """How big a case is: its array elements, or for a case without arrays, its integers."""

    def walk(value, kind):
        if type(value) is kind:
            yield value
        elif type(value) in (list, tuple):
            for item in value:
                yield from walk(item, kind)
        elif type(value) is dict:
            for item in value.values():
                yield from walk(item, kind)

    values = [list(case.args), case.kwargs]
    arrays = list(walk(values, np.ndarray))
    if arrays:
        return sum(int(array.size) for array in arrays)
    return sum(abs(number) for number in walk(values, int))


MAX_REDRAWS = 100


def largest_public_case(markers) -> int:
    """The size of the largest public case over the ``graded`` markers of one function."""
    return max((case_size(case) for mark in markers for case in mark.kwargs["public"]), default=0)


def graded_markers(module) -> list[tuple[str, Callable, pytest.Mark]]:
    """``(test name, test function, graded marker)`` for every graded test of a suite module,
    in suite order: the one walk over a suite's markers (grader, self-check, authoring)."""
    return [
        (name, test, mark)
        for name, test in vars(module).items()
        if name.startswith("test_") and callable(test)
        for mark in getattr(test, "pytestmark", [])
        if mark.name == "graded"
    ]


def graded_function_names(module) -> list[str]:
    """The graded functions of a suite module, each once, in suite order."""
    return list(dict.fromkeys(mark.kwargs["function"] for _, _, mark in graded_markers(module)))


def function_markers(module, function: str) -> list:
    """The ``graded`` markers of every test of ``function`` in a suite module."""
    return [mark for _, _, mark in graded_markers(module) if mark.kwargs["function"] == function]


def expand_cases(
    marker,
    test_name: str,
    *,
    full: bool,
    secret: bytes,
    assignment: str,
    largest_public: int | None = None,
    student: str = "",
):
    """The cases of one graded test: public ones, then (in full mode) hidden ones.

    Every hidden case is larger (:func:`case_size`) than ``largest_public``, the largest
    public case of any test of the same function (by default, of this test), so code that is
    right only on inputs as small as the public ones earns nothing. A drawn case that is not
    larger is drawn again from the same generator, so the draw stays deterministic. Functions
    of plain numbers (size 0) have no sizes to compare.
    """
    cases: list[Case] = []
    for case in marker.kwargs["public"]:
        case.hidden = False
        cases.append(case)
    hidden_factory = marker.kwargs.get("hidden")
    if full and hidden_factory is not None:
        if largest_public is None:
            largest_public = largest_public_case([marker])
        smallest = largest_public + 1
        for index in range(marker.kwargs.get("n_hidden", 0)):
            rng = np.random.default_rng(hidden_seed(secret, assignment, test_name, index, student))
            for _ in range(MAX_REDRAWS):
                case = hidden_factory(rng)
                if case_size(case) >= smallest or largest_public == 0:
                    break
            else:
                raise ValueError(
                    f"{assignment}: the hidden cases of {test_name} are never larger than its "
                    "public cases; draw larger hidden inputs"
                )
            case.hidden = True
            case.label = f"hidden {index + 1}"
            cases.append(case)
    return cases


def suite_cases(
    module, test_name: str, *, full: bool, secret: bytes, assignment: str, student: str = ""
):
    """The cases the grader gives the test ``test_name`` of a suite module (see expand_cases)."""
    marker = next(m for m in getattr(module, test_name).pytestmark if m.name == "graded")
    markers = function_markers(module, marker.kwargs["function"])
    return expand_cases(
        marker,
        test_name,
        full=full,
        secret=secret,
        assignment=assignment,
        largest_public=largest_public_case(markers),
        student=student,
    )


def case_ids(cases: list[Case]) -> list[str]:
    ids = []
    for index, case in enumerate(cases):
        if case.hidden:
            ids.append(case.label.replace(" ", "-"))
        else:
            ids.append(case.label or f"public-{index + 1}")
    return ids


class GradingPlugin:
    """Registered with ``pytest.main(plugins=[...])`` by the engine and by the self-check."""

    def __init__(
        self,
        assignment: str,
        make_student: Callable[[float], object],
        *,
        full: bool,
        secret: bytes,
        only_function: str | None = None,
        student: str = "",
    ):
        self.assignment = assignment
        self.make_student = make_student
        self.full = full
        self.secret = secret
        self.only_function = only_function
        self.student_id = student
        self.results: list[TestResult] = []
        self.collection_errors: list[str] = []

    @pytest.hookimpl(tryfirst=True)
    def pytest_configure(self, config):
        """Plain tracebacks: messages come from the exception (``failure_message``), never from
        pytest's report text, yet pytest's default "long" style parses the source of every
        frame of every failed test; that took two thirds of a blank notebook's grading time
        (9.9 s -> 3.5 s for C1W2_numpy_basics). "native" keeps collection errors readable."""
        config.option.tbstyle = "native"

    def pytest_generate_tests(self, metafunc):
        marker = metafunc.definition.get_closest_marker("graded")
        if marker is None or "case" not in metafunc.fixturenames:
            return
        cases = suite_cases(
            metafunc.module,
            metafunc.definition.name,
            full=self.full,
            secret=self.secret,
            assignment=self.assignment,
            student=self.student_id,
        )
        metafunc.parametrize("case", cases, ids=case_ids(cases))

    def pytest_collection_modifyitems(self, items):
        if self.only_function is None:
            return
        items[:] = [
            item
            for item in items
            if (m := item.get_closest_marker("graded"))
            and m.kwargs["function"] == self.only_function
        ]

    @pytest.fixture
    def student(self, request):
        marker = request.node.get_closest_marker("graded")
        return self.make_student(marker.kwargs.get("timeout", 10.0))

    @pytest.hookimpl(hookwrapper=True)
    def pytest_runtest_makereport(self, item, call):
        outcome = yield
        report = outcome.get_result()
        marker = item.get_closest_marker("graded")
        if marker is None:
            return
        if report.when == "call" or (report.when == "setup" and report.failed):
            function = marker.kwargs["function"]
            case = item.callspec.params.get("case") if hasattr(item, "callspec") else None
            hidden = bool(case is not None and case.hidden)
            passed = report.passed
            detail = hint = ""
            if not passed and call.excinfo is not None:
                detail, hint = failure_message(call.excinfo.value, function, hidden=hidden)
            explanation = marker.kwargs.get("explanation", "")
            if explanation:
                detail = f"{detail}\n{explanation}" if detail else explanation
            label = ""
            if case is not None:
                label = case.label if case.hidden else (case.label or "public")
            if marker.kwargs.get("hidden") is None:
                role = scoring.CHECK
            else:
                role = scoring.HIDDEN if hidden else scoring.PUBLIC
            self.results.append(
                TestResult(
                    function=function,
                    name=item.originalname + (f"[{label}]" if label else ""),
                    points=0.0,
                    max_points=0.0,
                    passed=passed,
                    message=with_hint(detail, hint),
                    hidden=hidden,
                    test=item.originalname,
                    role=role,
                    test_points=marker.kwargs["points"],
                    detail=detail,
                    hint=hint,
                )
            )

    def pytest_sessionfinish(self, session):
        scoring.score(self.results)

    def pytest_collectreport(self, report):
        if report.failed:
            self.collection_errors.append(str(report.longrepr)[-2000:])
