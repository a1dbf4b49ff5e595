"""Grade one notebook: read it, run its answer cells in the sandboxed worker, run the suite.

This is the trusted judge. It builds every input, computes every expected value with
``dlutils``, compares, and scores, all in this process, which never executes student code.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from autograder import course
from autograder.judge.notebook import NotebookError, answer_cells, assignment_of, read_notebook
from autograder.judge.report import Report
from autograder.judge.session import WorkerSession, budget_message
from autograder.judge.students import WorkerStudent
from autograder.kit import knock_on, quiz
from autograder.kit.plugin import GradingPlugin
from autograder.learner.errors import clip

SANDBOX_NOTES = {
    "bwrap": "",
    "rlimits": (
        "Graded without bubblewrap: the code ran in its own process with rlimits, a clean "
        "environment and an import blocker, but it could read files the grader can read. "
        "Install bubblewrap (apt-get install bubblewrap) for the full sandbox."
    ),
}


ENV_TIME_BUDGET = "DLCOURSE_TIME_BUDGET"
DEFAULT_TIME_BUDGET = 150.0
# An answer cell must fit in one request frame with room to spare; an honest one is a few KB.
MAX_CELL_BYTES = 16 * 2**20
# The whole report of one submission, as JSON. Every message is already capped at a few KB
# (kit.errors.MAX_MESSAGE and friends); this bounds their sum whatever the number of tests.
MAX_REPORT_BYTES = 256 * 2**10
MAX_NOTE = 4000


def time_budget_from_environment() -> float:
    """Seconds of wall clock one submission may use: ``DLCOURSE_TIME_BUDGET`` or 150."""
    text = os.environ.get(ENV_TIME_BUDGET, "").strip()
    if not text:
        return DEFAULT_TIME_BUDGET
    try:
        value = float(text)
    except ValueError:
        value = -1.0
    if not value > 0 or value == float("inf"):
        raise ValueError(f"{ENV_TIME_BUDGET} must be a positive number of seconds, not {text!r}")
    return value


def detect_assignment(notebook: dict, path: Path) -> str:
    """The assignment a notebook belongs to: metadata first, then the file or folder name."""
    named = assignment_of(notebook)
    if named:
        return named
    known = course.known_assignments()
    for candidate in (path.stem, path.parent.name):
        if candidate in known:
            return candidate
    raise NotebookError(
        f"cannot tell which assignment {path.name} belongs to (no dlcourse metadata and an "
        f"unknown file name); pass --assignment NAME (one of: {', '.join(known)})"
    )


# Imported before the answer cells, as in every notebook's setup cell.
STANDARD_IMPORTS = "import copy\nimport math\n\nimport numpy as np\n"


def worker_preamble(assignment: str) -> str:
    """Code run in the worker before the answer cells.

    The notebooks' usual imports, then ``from dlutils.<module> import *`` for each module of
    the assignment's ``given.toml`` (the files themselves reach the worker whole: see
    :func:`given_files`). A star import of each given module, rather than each notebook's own
    import lines, keeps ``given.toml`` the one list to edit; it names a module's public
    functions (its ``__all__``), and a given module never defines a function graded in the same
    assignment, so the answer cells, run after it, are what the judge calls. A quiz also gets
    ``quiz_answer`` (:data:`autograder.kit.quiz.QUIZ_PREAMBLE`), which reads its answers.
    """
    parts = [STANDARD_IMPORTS]
    given = course.given_modules(assignment)
    if given:
        parts.append("".join(f"from dlutils.{name} import *\n" for name in given))
    if course.is_quiz(assignment):
        parts.append(quiz.QUIZ_PREAMBLE)
    return "\n".join(parts)


def given_files(assignment: str) -> list[Path]:
    """The module files of the assignment's given ``dlutils`` modules, read from
    :func:`autograder.course.reference_dir`; the worker receives them whole."""
    folder = course.reference_dir()
    files = []
    for name in course.given_modules(assignment):
        path = folder / f"{name}.py"
        if not path.is_file():
            raise RuntimeError(
                f"{assignment}'s given.toml names dlutils module {name!r}, but {path} does not "
                "exist; fix the name in given.toml (modules are named without .py)"
            )
        files.append(path)
    return files


# pytest plugins a grading run has no use for, each costing time on every submission: the
# unraisable- and thread-exception plugins run gc.collect twice per session (about 0.1 s), and
# the others add hooks to every test. ``--assert=plain``: the suites have no bare ``assert``
# (the checks raise their own messages), so rewriting their modules was compile time wasted.
TRIMMED_PLUGINS = [
    arg
    for name in (
        "unraisableexception",
        "threadexception",
        "faulthandler",
        "logging",
        "doctest",
        "junitxml",
        "pastebin",
        "legacypath",
        "tmpdir",
        "monkeypatch",
        "recwarn",
        "debugging",
        "terminalprogress",
        "subtests",
        "unittest",
        "setuponly",
        "setupplan",
    )
    for arg in ("-p", f"no:{name}")
]


def run_suite(assignment: str, plugin: GradingPlugin) -> None:
    suite_file = course.suite_path(assignment)
    args = [
        str(suite_file),
        "-c", str(course.suites_dir() / "pytest.ini"),
        "--rootdir", str(course.suites_dir()),
        "--import-mode=importlib",
        "-p", "no:cacheprovider",
        "-p", "no:warnings",
        "-p", "no:terminal",
        "-p", "no:stepwise",
        *TRIMMED_PLUGINS,
        "--assert=plain",
        "--capture=no",
    ]  # fmt: skip
    exit_code = pytest.main(args, plugins=[plugin])
    if exit_code in (pytest.ExitCode.INTERNAL_ERROR, pytest.ExitCode.USAGE_ERROR):
        # e.g. a missing pytest.ini: grading nothing must not look like a 0 / 0 report
        raise RuntimeError(
            f"the grading suite of {assignment} could not run (pytest {exit_code!r})"
        )


def grade_notebook(
    path: str | os.PathLike,
    assignment: str | None = None,
    secret: bytes | None = None,
    *,
    student: str = "",
    time_budget: float | None = None,
) -> Report:
    """Grade one submitted notebook file in full (public and hidden cases).

    Raises :class:`~autograder.judge.notebook.NotebookError` for input that is not a gradable
    notebook and :class:`~autograder.course.UnknownAssignment` for an unknown name.
    """
    path = Path(path)
    submission = read_notebook(path)
    name = assignment or detect_assignment(submission, path)
    return grade_submission(
        submission, name, secret=secret, student=student, time_budget=time_budget
    )


def grade_submission(
    submission: dict,
    name: str,
    *,
    secret: bytes | None = None,
    student: str = "",
    time_budget: float | None = None,
    release: dict | None = None,
) -> Report:
    """Grade an already-parsed notebook for assignment ``name``.

    ``student`` (the student id; "" for a self-learner) seeds the hidden cases together with
    the secret. ``time_budget`` bounds the wall clock of the whole grading of this submission
    (default: :func:`time_budget_from_environment`); tests not reached in it fail with
    "not run: time budget of N s used up". ``release`` is the parsed release notebook, whose
    cells say which cells are answers (default: read from the course folder; a cluster worker,
    which has no course folder, is sent it).
    """
    course.suite_module(name)  # an unknown name raises UnknownAssignment here
    if release is None:
        release = read_notebook(course.release_notebook(name))
    cells, notes = answer_cells(submission, release)
    check_cell_sizes(cells)
    secret = course.grading_secret() if secret is None else secret
    budget = time_budget_from_environment() if time_budget is None else float(time_budget)

    report = Report(assignment=name)
    with WorkerSession([("preamble", worker_preamble(name)), *cells]) as session:
        # set apart, so WorkerSession subclasses need not know them
        session.time_budget = budget
        session.given_files = given_files(name)
        for status in session.start():
            if status.name == "preamble" and not status.ok and session.budget_left() > 0:
                raise RuntimeError(f"the grading preamble failed in the worker: {status.message}")
            if not status.ok:
                notes.append(
                    f"The answer cell {status.name!r} failed when run: {status.message}. "
                    "Functions defined after the failing line are missing."
                )
        plugin = GradingPlugin(
            name,
            lambda timeout: WorkerStudent(session, timeout),
            full=True,
            secret=secret,
            student=student,
        )
        run_suite(name, plugin)
        report.sandbox = session.mode
        if session.budget_left() <= 0:
            notes.append(
                f"Grading stopped when its time budget of {budget:g} s was used up; the tests "
                f"not reached say {budget_message(budget)!r} and earn nothing."
            )
        if session.blocked_imports:
            blocked = ", ".join(sorted(set(session.blocked_imports)))
            notes.append(
                f"The code tried to import {blocked}, which is not available while grading: "
                "graded functions must be written by you, not delegated to the reference."
            )
    if plugin.collection_errors:
        raise RuntimeError(
            "the grading suite failed to load:\n" + "\n".join(plugin.collection_errors)
        )
    graded = {result.function for result in plugin.results}
    knock_on.annotate(
        plugin.results,
        knock_on.called_names(source for _, source in cells),
        knock_on.cell_owners(cells, graded),
    )
    report.tests = plugin.results
    if SANDBOX_NOTES.get(report.sandbox):
        notes.append(SANDBOX_NOTES[report.sandbox])
    report.notes = [clip(note, MAX_NOTE) for note in notes]
    cap_report(report)
    return report


def check_cell_sizes(cells: list[tuple[str, str]]) -> None:
    """Refuse (as bad input, exit 2) an answer cell too big to send to the worker."""
    for name, source in cells:
        size = len(source.encode("utf-8", errors="replace"))
        if size > MAX_CELL_BYTES:
            raise NotebookError(
                f"the answer cell {name!r} is {size / 2**20:.1f} MiB; an answer cell may be at "
                f"most {MAX_CELL_BYTES // 2**20} MiB. Remove the data pasted into it (answer "
                "cells hold code, not data) and submit again"
            )


def cap_report(report: Report, limit: int = MAX_REPORT_BYTES) -> None:
    """Shorten messages until the report's JSON is at most ``limit`` bytes.

    Messages are capped one by one already; this bounds their sum. The longest messages are
    cut first, to a length that halves each round, so short messages stay whole.
    """
    size = len(json.dumps(report.to_json()))
    per_message = MAX_NOTE
    while size > limit and per_message > 40:
        per_message //= 2
        for test in report.tests:
            if len(test.message) > per_message:
                test.message = clip(test.message, per_message)
                test.detail, test.hint = test.message, ""
        report.notes = [clip(note, per_message) for note in report.notes]
        size = len(json.dumps(report.to_json()))
