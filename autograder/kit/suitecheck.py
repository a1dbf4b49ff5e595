"""The whole grading suite run in the instructor's kernel: public and sample hidden cases.

The solution notebooks' hidden-test regions call ``check(function, hidden=True)``, which comes
here (:class:`autograder.learner.selfcheck.SelfCheck` delegates). It runs the suite's own test
functions in this process, so it needs the course's grader; students never have it (their
self-check replays frozen public checks instead). The hidden cases are drawn from a public
seed, so they exercise the suite's generators without being the graded ones.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from autograder import course
from autograder.kit import knock_on
from autograder.kit.plugin import (
    expand_cases,
    failure_message,
    graded_function_names,
    graded_markers,
    largest_public_case,
    with_hint,
)
from autograder.learner.students import LocalStudent

_GREEN, _RED, _RESET = "\033[32m", "\033[31m", "\033[0m"
SELF_CHECK_SECRET = b"self-check: this secret is public, so these hidden cases are not secret"


@dataclass
class CheckOutcome:
    function: str
    passed: int
    total: int
    failures: list[tuple[str, str]]
    seconds: float
    wrong_values: bool = False  # a value test failed (not only a property check)

    @property
    def ok(self) -> bool:
        return self.passed == self.total and self.total > 0


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


def _compose(detail: str, hint: str, knock_on_text: str = "") -> str:
    if knock_on_text:
        return f"{detail}\n{knock_on_text}" if detail else knock_on_text
    return with_hint(detail, hint)


class SuiteCheck:
    """Callable that checks learners' functions against the public cases of a suite."""

    def __init__(self, assignment: str, *, color: bool = True):
        self.assignment = assignment
        self.color = color

    def failing_dependencies(self, function, *, _seen=None) -> list[str]:
        """The graded functions that ``function`` calls and that return wrong values."""
        code = getattr(function, "__code__", None)
        namespace = getattr(function, "__globals__", {})
        if code is None:
            return []
        seen = _seen if _seen is not None else {getattr(function, "__name__", "")}
        failing = []
        for name in graded_functions(self.assignment):
            dependency = namespace.get(name)
            if name in seen or name not in knock_on.names_used(code) or not callable(dependency):
                continue
            seen.add(name)
            if self.run(dependency, _seen=seen).wrong_values:
                failing.append(name)
        return failing

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
        culprits = self.failing_dependencies(function, _seen=_seen) if failures else []
        knock_on_text = knock_on.message(name, culprits) if culprits else ""
        messages = [
            (where, _compose(detail, hint, knock_on_text)) for where, (detail, hint) in failures
        ]
        seconds = time.perf_counter() - start
        return CheckOutcome(name, passed, total, messages, seconds, wrong_values)

    def __call__(self, *functions, hidden: bool = False) -> None:
        """Print the outcome for each function.

        With ``hidden=True`` (the instructor's solution notebook, or plain nbgrader running the
        tests in the kernel) a failure also raises ``AssertionError``, so the cell errors.
        """
        failed = []
        for function in functions:
            outcome = self.run(function, hidden=hidden)
            print(self.render(outcome, hidden=hidden))
            if not outcome.ok:
                failed.append(outcome.function)
        if hidden and failed:
            raise AssertionError(f"checks failed for {', '.join(failed)}")

    def render(self, outcome: CheckOutcome, *, hidden: bool = False) -> str:
        green, red, reset = (_GREEN, _RED, _RESET) if self.color else ("", "", "")
        scope = "checks (public and sample hidden)" if hidden else "public checks"
        if outcome.total == 0:
            return f"{red}?{reset} {outcome.function}: no checks found for this function"
        if outcome.ok:
            return (
                f"{green}✓ {outcome.function}{reset}: {outcome.passed}/{outcome.total} {scope} "
                "passed. The grade also uses hidden cases."
            )
        lines = [
            f"{red}✗ {outcome.function}{reset}: {outcome.passed}/{outcome.total} {scope} passed"
        ]
        for where, message in outcome.failures[:5]:
            lines.append(f"  - {where}")
            lines += [f"      {line}" for line in message.splitlines()]
        if len(outcome.failures) > 5:
            lines.append(f"  ... and {len(outcome.failures) - 5} more")
        return "\n".join(lines)
