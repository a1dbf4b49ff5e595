"""Grade one notebook: read it, run its answer cells in the sandboxed worker, run the suite.

This is the trusted judge. It builds every input, computes every expected value with
``dlutils``, compares, and scores, all in this process, which never executes student code.
"""

from __future__ import annotations

import inspect
import os
from pathlib import Path

import pytest

from autograder import course, knock_on
from autograder.notebook import NotebookError, answer_cells, assignment_of, read_notebook
from autograder.plugin import GradingPlugin
from autograder.report import Report
from autograder.session import WorkerSession
from autograder.students import WorkerStudent

SANDBOX_NOTES = {
    "bwrap": "",
    "rlimits": (
        "Graded without bubblewrap: the code ran in its own process with rlimits, a clean "
        "environment and an import blocker, but it could read files the grader can read. "
        "Install bubblewrap (apt-get install bubblewrap) for the full sandbox."
    ),
}


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


def helper_sources(functions) -> list[str]:
    """Source of each helper, preceded by the same-module functions it calls (recursively).

    Helpers are given to the worker as source text, so the worker never imports ``dlutils``.
    """
    seen: set = set()
    sources: list[str] = []

    def names_used(code) -> set[str]:
        names = set(code.co_names)
        for const in code.co_consts:
            if inspect.iscode(const):
                names |= names_used(const)
        return names

    def visit(function) -> None:
        if function in seen:
            return
        seen.add(function)
        for name in sorted(names_used(function.__code__)):
            dependency = function.__globals__.get(name)
            if inspect.isfunction(dependency) and dependency.__module__ == function.__module__:
                visit(dependency)
        sources.append(inspect.getsource(function))

    for function in functions:
        visit(function)
    return sources


def worker_preamble(suite) -> str:
    """Code run in the worker before the answer cells: imports and the given helpers."""
    parts = [getattr(suite, "PREAMBLE", "import numpy as np\n")]
    parts += helper_sources(getattr(suite, "HELPERS", []))
    return "\n\n".join(parts)


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
        "--capture=no",
    ]  # fmt: skip
    pytest.main(args, plugins=[plugin])


def grade_notebook(
    path: str | os.PathLike,
    assignment: str | None = None,
    secret: bytes | None = None,
) -> Report:
    """Grade one submitted notebook file in full (public and hidden cases).

    Raises :class:`~autograder.notebook.NotebookError` for input that is not a gradable
    notebook and :class:`~autograder.course.UnknownAssignment` for an unknown name.
    """
    path = Path(path)
    submission = read_notebook(path)
    name = assignment or detect_assignment(submission, path)
    return grade_submission(submission, name, secret=secret)


def grade_submission(submission: dict, name: str, *, secret: bytes | None = None) -> Report:
    """Grade an already-parsed notebook for assignment ``name``."""
    suite = course.suite_module(name)
    release = read_notebook(course.release_notebook(name))
    cells, notes = answer_cells(submission, release)
    secret = course.grading_secret() if secret is None else secret

    report = Report(assignment=name)
    with WorkerSession([("preamble", worker_preamble(suite)), *cells]) as session:
        for status in session.start():
            if status.name == "preamble" and not status.ok:
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
        )
        run_suite(name, plugin)
        report.sandbox = session.mode
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
    knock_on.annotate(plugin.results, knock_on.called_names(source for _, source in cells))
    report.tests = plugin.results
    if SANDBOX_NOTES.get(report.sandbox):
        notes.append(SANDBOX_NOTES[report.sandbox])
    report.notes = notes
    return report
