"""The whole grading suite run in the instructor's kernel: public and sample hidden cases.

The solution notebooks' hidden-test regions call ``check(function, hidden=True)``, which comes
here (:class:`autograder.learner.selfcheck.SelfCheck` delegates). It runs the suite's own test
functions in this process, so it needs the course's grader; students never have it (their
self-check replays frozen public checks instead). The hidden cases are drawn from a public
seed, so they exercise the suite's generators without being the graded ones.
"""

from __future__ import annotations

import time

from autograder import course
from autograder.kit.plugin import (
    expand_cases,
    failure_message,
    graded_function_names,
    graded_markers,
    largest_public_case,
)
from autograder.learner.selfcheck import Checker, CheckOutcome
from autograder.learner.students import LocalStudent

SELF_CHECK_SECRET = b"self-check: this secret is public, so these hidden cases are not secret"


def graded_functions(assignment: str) -> list[str]:
    """The names of the graded functions of an assignment, in suite order."""
    return graded_function_names(course.suite_module(assignment))


def graded_tests(assignment: str, function: str):
    """The suite's test functions for one graded function, with their ``graded`` marker."""
    return [
        (name, test, mark)
        for name, test, mark in graded_markers(course.suite_module(assignment))
        if mark.kwargs["function"] == function
    ]


class SuiteCheck(Checker):
    """Callable that checks learners' functions with the suite's own tests, in this process."""

    def __init__(self, assignment: str, *, color: bool = True):
        self.assignment = assignment
        self.color = color

    @property
    def functions(self) -> list[str]:
        return graded_functions(self.assignment)

    def run(self, function, *, hidden: bool = False, _seen=None) -> CheckOutcome:
        """Run the checks for ``function`` and return the outcome (prints nothing).

        ``hidden=True`` adds hidden-style cases drawn from a fixed, public seed: instructors
        use it in the solution notebooks to exercise the whole suite in the kernel.
        """
        start = time.perf_counter()
        name = getattr(function, "__name__", str(function))
        tests = graded_tests(self.assignment, name)
        student = LocalStudent({name: function})
        passed, total, failures, wrong_values = 0, 0, [], False
        for test_name, test, mark in tests:
            for case in expand_cases(
                mark,
                test_name,
                full=hidden,
                secret=SELF_CHECK_SECRET,
                assignment=self.assignment,
                largest_public=largest_public_case(mark for _, _, mark in tests),
            ):
                total += 1
                try:
                    test(student=student, case=case)
                except Exception as error:  # noqa: BLE001 - every failure is reported
                    label = case.label or "public case"
                    failures.append((f"{test_name} [{label}]", failure_message(error, name)))
                    wrong_values = wrong_values or mark.kwargs.get("hidden") is not None
                else:
                    passed += 1
        return self.finish(
            function,
            failures,
            _seen=_seen,
            passed=passed,
            total=total,
            seconds=time.perf_counter() - start,
            wrong_values=wrong_values,
        )

    def __call__(self, *functions, hidden: bool = False) -> None:
        """Print the outcome for each function.

        With ``hidden=True`` (the instructor's solution notebook, or plain nbgrader running the
        tests in the kernel) a failure also raises ``AssertionError``, so the cell errors.
        """
        failed = []
        for function in functions:
            outcome = self.run(function, hidden=hidden)
            scope = "checks (public and sample hidden)" if hidden else "public checks"
            print(self.render(outcome, scope=scope))
            if not outcome.ok:
                failed.append(outcome.function)
        if hidden and failed:
            raise AssertionError(f"checks failed for {', '.join(failed)}")
