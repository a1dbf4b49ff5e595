"""The pytest plugin that turns a suite module into a scored report.

It parametrizes every ``graded`` test with its public cases and, in full mode, with hidden
cases drawn from a generator seeded by ``sha256(secret | assignment | test | index)``. It
provides the ``student`` fixture and records one :class:`~autograder.report.TestResult` per
test item from structured outcomes only (never from printed output).
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable

import numpy as np
import pytest

from autograder.report import TestResult
from autograder.session import StudentError, WorkerFailure
from autograder.spec import Case, Mismatch


def hidden_seed(secret: bytes, assignment: str, test: str, index: int) -> int:
    digest = hashlib.sha256(
        b"|".join([secret, assignment.encode(), test.encode(), str(index).encode()])
    ).digest()
    return int.from_bytes(digest[:8], "big")


def expand_cases(marker, test_name: str, *, full: bool, secret: bytes, assignment: str):
    """The cases of one graded test: public ones, then (in full mode) hidden ones."""
    cases: list[Case] = []
    for case in marker.kwargs["public"]:
        case.hidden = False
        cases.append(case)
    hidden_factory = marker.kwargs.get("hidden")
    if full and hidden_factory is not None:
        for index in range(marker.kwargs.get("n_hidden", 0)):
            rng = np.random.default_rng(hidden_seed(secret, assignment, test_name, index))
            case = hidden_factory(rng)
            case.hidden = True
            case.label = f"hidden {index + 1}"
            cases.append(case)
    return cases


def case_ids(cases: list[Case]) -> list[str]:
    ids = []
    for index, case in enumerate(cases):
        if case.hidden:
            ids.append(case.label.replace(" ", "-"))
        else:
            ids.append(case.label or f"public-{index + 1}")
    return ids


def failure_message(error: BaseException, function: str) -> str:
    """What a learner reads for a failed test."""
    if isinstance(error, Mismatch):
        return str(error)
    if isinstance(error, StudentError):
        if error.type_name == "NotImplementedError":
            return f"{function} is not implemented yet (it raises NotImplementedError)"
        message = f"{function} raised {error.type_name}: {error.message}"
        if error.traceback:
            message += "\n" + error.traceback
        return message
    if isinstance(error, WorkerFailure):
        return f"{function}: {error.message}"
    return f"internal grader error ({type(error).__name__}: {error}); please report it"


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
    ):
        self.assignment = assignment
        self.make_student = make_student
        self.full = full
        self.secret = secret
        self.only_function = only_function
        self.results: list[TestResult] = []
        self.collection_errors: list[str] = []

    def pytest_generate_tests(self, metafunc):
        marker = metafunc.definition.get_closest_marker("graded")
        if marker is None or "case" not in metafunc.fixturenames:
            return
        cases = expand_cases(
            marker,
            metafunc.definition.name,
            full=self.full,
            secret=self.secret,
            assignment=self.assignment,
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
            n_cases = len(marker.kwargs["public"]) + (marker.kwargs["n_hidden"] if self.full else 0)
            max_points = marker.kwargs["points"] / max(n_cases, 1)
            passed = report.passed
            message = ""
            if not passed and call.excinfo is not None:
                message = failure_message(call.excinfo.value, function)
            explanation = marker.kwargs.get("explanation", "")
            if explanation:
                message = f"{message}\n{explanation}" if message else explanation
            label = ""
            if case is not None:
                label = case.label if case.hidden else (case.label or "public")
            name = item.originalname + (f"[{label}]" if label else "")
            self.results.append(
                TestResult(
                    function=function,
                    name=name,
                    points=max_points if passed else 0.0,
                    max_points=max_points,
                    passed=passed,
                    message=message,
                    hidden=bool(case is not None and case.hidden),
                )
            )

    def pytest_collectreport(self, report):
        if report.failed:
            self.collection_errors.append(str(report.longrepr)[-2000:])
