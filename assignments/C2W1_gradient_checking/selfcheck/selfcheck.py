"""The self-check under each graded function: the public checks, replayed in the kernel.

Usage in a notebook (the setup cell makes ``check``; each locked cell calls it)::

    from selfcheck import SelfCheck

    check = SelfCheck("C1W3_planar_classification")
    check(layer_sizes)

A release carries this package as ``selfcheck/``, next to the notebook, with the assignment's
public checks frozen as data (``public_checks.json`` and ``.npz``, written by
``dlcourse release``; see :mod:`.frozen`). It calls the learner's function on the public inputs
and compares what it returns with the same comparison code and the same known mistakes as the
grader, so its messages and hints are the grader's. It holds no suite, no reference code and no
hidden case, and needs nothing but numpy.

A passing function prints one green line. A failing one raises :class:`SelfCheckFailed`,
which Jupyter shows as the same compact message, without a traceback: so the cell is marked
failed and nbgrader's Validate button reports the notebook as not passing. The grade itself
comes from the isolated grader, which adds hidden cases.
"""

from __future__ import annotations

import importlib
import time
import warnings
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from . import compare, frozen
from .errors import Mismatch, SelfCheckFailed
from .messages import failure_message, message, names_used, with_hint
from .students import LocalStudent

_GREEN, _RED, _RESET = "\033[32m", "\033[31m", "\033[0m"


@dataclass
class CheckOutcome:
    function: str
    passed: int
    total: int
    failures: list[tuple[str, str]]
    seconds: float
    wrong_values: bool = False  # a value test failed (not only a property check)
    grader_only: int = 0  # cases whose expected values come from the learner's own results

    @property
    def ok(self) -> bool:
        return self.passed == self.total and self.total > 0


def _compose(detail: str, hint: str, knock_on_text: str = "") -> str:
    if knock_on_text:
        return f"{detail}\n{knock_on_text}" if detail else knock_on_text
    return with_hint(detail, hint)


class Checker:
    """What every checker of learners' functions shares: the knock-on message, the outcome and
    its rendering. Subclasses give :attr:`functions` (the graded functions, in order) and
    :meth:`run` (one function's outcome). :class:`SelfCheck` replays frozen checks; the
    instructor's :class:`autograder.kit.suitecheck.SuiteCheck` runs the suite itself."""

    assignment: str
    color: bool = True

    @property
    def functions(self) -> list[str]:  # pragma: no cover - abstract
        raise NotImplementedError

    def run(self, function, *, _seen=None) -> CheckOutcome:  # pragma: no cover - abstract
        raise NotImplementedError

    def failing_dependencies(self, function, *, _seen=None) -> list[str]:
        """The graded functions that ``function`` calls and that return wrong values."""
        code = getattr(function, "__code__", None)
        namespace = getattr(function, "__globals__", {})
        if code is None:
            return []
        seen = _seen if _seen is not None else {getattr(function, "__name__", "")}
        failing = []
        for name in self.functions:
            dependency = namespace.get(name)
            if name in seen or name not in names_used(code) or not callable(dependency):
                continue
            seen.add(name)
            if self.run(dependency, _seen=seen).wrong_values:
                failing.append(name)
        return failing

    def finish(self, function, failures, *, _seen=None, **counts) -> CheckOutcome:
        """The outcome of ``function`` from its ``[(where, (detail, hint))]`` failures: a
        failure caused by a failing dependency says so instead of its hint."""
        name = getattr(function, "__name__", str(function))
        culprits = self.failing_dependencies(function, _seen=_seen) if failures else []
        knock_on_text = message(name, culprits) if culprits else ""
        messages = [
            (where, _compose(detail, hint, knock_on_text)) for where, (detail, hint) in failures
        ]
        return CheckOutcome(name, failures=messages, **counts)

    def render(self, outcome: CheckOutcome, *, scope: str = "public checks") -> str:
        green, red, reset = (_GREEN, _RED, _RESET) if self.color else ("", "", "")
        if outcome.total == 0:
            return f"{red}?{reset} {outcome.function}: no checks found for this function"
        more = f" ({outcome.grader_only} more only the grader runs)" if outcome.grader_only else ""
        if outcome.ok:
            return (
                f"{green}✓ {outcome.function}{reset}: {outcome.passed}/{outcome.total} {scope} "
                f"passed{more}. The grade also uses hidden cases."
            )
        lines = [
            f"{red}✗ {outcome.function}{reset}: {outcome.passed}/{outcome.total} {scope} passed"
        ]
        for where, text in outcome.failures[:5]:
            lines.append(f"  - {where}")
            lines += [f"      {line}" for line in text.splitlines()]
        if len(outcome.failures) > 5:
            lines.append(f"  ... and {len(outcome.failures) - 5} more")
        return "\n".join(lines)


class SelfCheck(Checker):
    """Callable that checks learners' functions against an assignment's frozen public checks.

    ``folder`` holds ``public_checks.json`` and ``.npz`` (default: this package's folder, where
    a release puts them).
    """

    def __init__(self, assignment: str, *, color: bool = True, folder: str | Path | None = None):
        self.assignment = assignment
        self.color = color
        self.folder = Path(folder) if folder is not None else Path(__file__).resolve().parent
        if not (self.folder / frozen.CHECKS_FILE).is_file():
            raise FileNotFoundError(
                f"no public checks in {self.folder}: the self-check needs the "
                f"{frozen.CHECKS_FILE} that `dlcourse release` writes next to it; download "
                "the assignment again"
            )
        self.checks, self.arrays = frozen.read(self.folder)
        if self.checks["assignment"] != assignment:
            raise ValueError(
                f"these public checks are for {self.checks['assignment']}, not {assignment}: "
                "open the notebook from its own assignment folder"
            )

    @property
    def functions(self) -> list[str]:
        """The graded functions, in the order the notebook asks for them."""
        return list(self.checks["functions"])

    def _replay(self, events, student: LocalStudent) -> None:
        """Run one case's calls and comparisons; raises what the grader's test would."""
        results: list = []
        for event in events:
            if "call" in event:
                args = frozen.decode(event["args"], self.arrays, results)
                kwargs = frozen.decode(event["kwargs"], self.arrays, results)
                results.append(getattr(student, event["call"])(*args, **kwargs))
                continue
            if event["got"] == "student":
                got = student
            else:
                try:
                    got = frozen.resolve(results, event["got"])
                except frozen.PathNotFound:
                    raise Mismatch(
                        "the value returned does not have the expected structure (a tuple of "
                        "the documented length, or a dict with the documented keys); check "
                        "the docstring's Returns section"
                    ) from None
            args = frozen.decode(event["args"], self.arrays)
            kwargs = frozen.decode(event["kwargs"], self.arrays)
            if "case" in event:
                kwargs["case"] = frozen.FrozenCase(event["case"])
            getattr(compare, event["expect"])(got, *args, **kwargs)

    def _known_wrong(self, case: dict, results: list):
        """The grader's message for a sample mistake whose calls returned what the learner's
        first calls returned (the grader's test stopped at its first failure, so it may have
        made fewer calls than the replay)."""
        for known in case["known_wrong"]:
            stored = frozen.decode(known["results"], self.arrays)
            if stored and frozen.same(results[: len(stored)], stored):
                return known["detail"], known["hint"]
        return None

    def run(self, function, *, _seen=None) -> CheckOutcome:
        """Run the public checks for ``function`` and return the outcome (prints nothing)."""
        start = time.perf_counter()
        name = getattr(function, "__name__", str(function))
        passed, total, failures, wrong_values, grader_only = 0, 0, [], False, 0
        for test in self.checks["tests"]:
            if test["function"] != name:
                continue
            for case in test["cases"]:
                student = _Student({name: function})
                try:
                    with warnings.catch_warnings(), np.errstate(all="ignore"):
                        # the public cases include extreme inputs (sigmoid of -1000): numpy's
                        # overflow warnings would be noise, and nbgrader's Validate counts any
                        # stderr output of a test cell as a failure
                        warnings.simplefilter("ignore")
                        self._replay(case["events"], student)
                    failure = self._known_wrong(case, student.results)
                except Exception as error:  # noqa: BLE001 - every failure is reported
                    failure = self._known_wrong(case, student.results) or failure_message(
                        error, name
                    )
                if failure is None and not test.get("replayable", True):
                    grader_only += 1  # only the grader can judge it (see spec.graded)
                    continue
                total += 1
                if failure is None:
                    passed += 1
                    continue
                label = case["label"] or "public case"
                failures.append((f"{test['name']} [{label}]", failure))
                wrong_values = wrong_values or test["values"]
        return self.finish(
            function,
            failures,
            _seen=_seen,
            passed=passed,
            total=total,
            seconds=time.perf_counter() - start,
            wrong_values=wrong_values,
            grader_only=grader_only,
        )

    def __call__(self, *functions, hidden: bool = False) -> None:
        """Print a line for each function that passes; raise :class:`SelfCheckFailed` with the
        messages of those that do not.

        ``hidden=True`` is for the instructor's solution notebook: it runs the whole suite with
        sample hidden cases (:mod:`autograder.kit.suitecheck`), which needs the course's grader.
        """
        if hidden:
            try:
                suitecheck = importlib.import_module("autograder.kit.suitecheck")
            except ImportError:
                raise SelfCheckFailed(
                    "check(..., hidden=True) runs the grading suite: it needs the course's "
                    "grader (dlcourse), which is installed where the course is, not here"
                ) from None
            suitecheck.SuiteCheck(self.assignment, color=self.color)(*functions, hidden=True)
            return
        failed = []
        for function in functions:
            outcome = self.run(function)
            text = self.render(outcome)
            if outcome.ok:
                print(text)
            else:
                failed.append(text)
        if failed:
            raise SelfCheckFailed("\n".join(failed))


class _Student(LocalStudent):
    """The learner's function, called as the grader calls it; keeps what each call returned."""

    def __init__(self, functions):
        super().__init__(functions)
        self.results: list = []

    def _call(self, name, args, kwargs):
        value = super()._call(name, args, kwargs)
        self.results.append(value)
        return value
