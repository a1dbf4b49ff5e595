"""The course's Python API: what ``dlcourse`` and the nbgrader preprocessors both call.

Plain functions with typed arguments. They print nothing (except :func:`autograde`'s optional
progress bar on stderr) and return what they did; the command line (:mod:`autograder.cli`) only
turns arguments into calls, and results into lines and exit codes::

    from autograder import api

    api.init("mycourse")  # a new course folder; then work inside it (or pass root=)
    report = api.grade_notebook("C1W3_planar_classification.ipynb")
    print(report.score, "/", report.max_score)
    api.release(["C1W3_planar_classification"])
    summary = api.autograde("C1W3_planar_classification", workers=2)
    api.feedback("C1W3_planar_classification")
    api.export(format="canvas")

Input that cannot be used (an unknown assignment, a missing release, an empty gradebook) raises
:class:`BadInput` (or the judge's :class:`~autograder.judge.notebook.NotebookError` and
:class:`~autograder.course.UnknownAssignment` for notebooks and names); its message says what
to do next. The building blocks live in :mod:`autograder.commands` (one module per verb).

Every function works on the course folder found by :func:`autograder.course.course_root`
(``DLCOURSE_ROOT``, else the nearest folder at or above the current directory that holds
``nbgrader_config.py``) unless given ``root=``; with none to be found it raises
:class:`~autograder.course.NoCourseFolder`.
"""

from __future__ import annotations

import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from autograder import course

if TYPE_CHECKING:  # the judge is imported when a function needs it, so ``dlcourse`` starts fast
    from autograder.judge.report import Report

EXPORT_FORMATS = ("csv", "canvas")


class BadInput(ValueError):
    """The request cannot be carried out as asked; the message says what to do next."""


# -- grading one notebook ----------------------------------------------------------------------


def grade_notebook(
    path: str | os.PathLike,
    *,
    assignment: str | None = None,
    student: str = "",
    secret: bytes | None = None,
    time_budget: float | None = None,
) -> Report:
    """Grade one notebook file in full (public and hidden cases), wherever it lies.

    ``assignment`` defaults to the one the notebook names in its metadata. ``student`` seeds the
    hidden cases together with ``secret`` (default: the course's grading secret). Raises
    :class:`~autograder.judge.notebook.NotebookError` for a file that is not a gradable
    notebook and :class:`~autograder.course.UnknownAssignment` for an unknown name.
    """
    from autograder.judge import engine

    return engine.grade_notebook(path, assignment, secret, student=student, time_budget=time_budget)


def grade_submission(
    notebook: dict,
    assignment: str,
    *,
    student: str = "",
    secret: bytes | None = None,
    time_budget: float | None = None,
) -> Report:
    """Grade an already-parsed notebook (plain JSON data) for ``assignment``."""
    from autograder.judge import engine

    return engine.grade_submission(
        notebook, assignment, secret=secret, student=student, time_budget=time_budget
    )


def check(path: str | os.PathLike, *, assignment: str | None = None) -> Report:
    """``dlcourse check``: :func:`grade_notebook` with the course's secret and no student."""
    return grade_notebook(path, assignment=assignment)


# -- a new course folder -----------------------------------------------------------------------


def init(folder: str | os.PathLike) -> list[Path]:
    """``dlcourse init``: make ``folder`` a new course from the shipped curriculum
    (``solutions/``, ``nbgrader_config.py``, a fresh ``.dlcourse/secret``); returns the paths
    written. Raises :class:`BadInput` for a folder that is not empty, and never overwrites."""
    from autograder.commands.init import FolderNotEmpty, init_course

    try:
        return init_course(Path(folder))
    except (FolderNotEmpty, FileNotFoundError) as error:
        raise BadInput(str(error)) from None


# -- release -----------------------------------------------------------------------------------


def release(names: list[str] | None = None, *, root: Path | None = None) -> list[Path]:
    """Regenerate ``assignments/`` from ``solutions/`` with nbgrader (all when ``names`` is
    None); returns the release notebooks written, output-free."""
    from autograder.commands.release import release_assignments

    root = Path(root) if root is not None else course.course_root()
    folder = root / "solutions"
    available = sorted(p.name for p in folder.iterdir() if p.is_dir()) if folder.is_dir() else []
    unknown = [name for name in names or [] if name not in available]
    if unknown:
        raise BadInput(f"no solutions/{unknown[0]}; available: {', '.join(available) or 'none'}")
    return release_assignments(list(names) if names else available, root=root)


# -- autograde ---------------------------------------------------------------------------------


@dataclass
class AutogradeSummary:
    """What one :func:`autograde` run did. ``failed`` holds ``(student, problem)`` pairs whose
    texts are printable already (control characters escaped, capped)."""

    assignment: str
    graded: int = 0
    skipped: int = 0
    failed: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0
    lock_wait_seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed


def autograde(
    assignment: str,
    *,
    root: Path | None = None,
    workers: int | None = None,
    force: bool = False,
    progress: bool = False,
    secret: bytes | None = None,
    scheduler: str | None = None,
) -> AutogradeSummary:
    """Grade every submission of ``assignment`` under ``root/submitted`` in parallel, record
    the grades in nbgrader's gradebook, and write each report and the autograded copy.

    Resumable: submissions whose fingerprint (submission, suite, secret) matches their report
    are skipped unless ``force``. ``workers`` defaults to the number of CPUs. ``scheduler``, a
    Dask scheduler's address (``tcp://HOST:8786``), grades on that cluster's workers instead
    (:mod:`autograder.commands.cluster`). One submission's failure (its notebook, its grading
    process, its gradebook write) marks that student only.
    """
    from tqdm import tqdm

    from autograder.commands import autograde as parts
    from autograder.judge.notebook import read_notebook

    root = Path(root) if root is not None else course.course_root()
    course.require_known(assignment)
    release_path = root / "assignments" / assignment / f"{assignment}.ipynb"
    if not release_path.exists():
        raise BadInput(f"{release_path} is missing; run `dlcourse release {assignment}` first")
    release_notebook = read_notebook(release_path)
    db_url = course.gradebook_url(root)
    if not parts.gradebook_knows(db_url, assignment):
        raise BadInput(
            f"the gradebook does not know {assignment}; run `dlcourse release {assignment}` first"
        )

    secret = course.grading_secret() if secret is None else secret
    summary = AutogradeSummary(assignment)
    todo = []
    for submission in parts.discover(root, assignment):
        if submission.problem:
            summary.failed.append((submission.student, submission.problem))
            continue
        stamp = parts.fingerprint(submission.path, assignment, secret)
        if not force and parts.already_graded(root, submission, assignment, stamp):
            summary.skipped += 1
            continue
        todo.append((submission, stamp))

    workers = max(1, min(workers or os.cpu_count() or 1, len(todo) or 1))
    started = time.perf_counter()
    bar = tqdm(
        total=len(todo),
        desc=f"grading {assignment}",
        unit="submission",
        disable=not progress or not todo,
        file=sys.stderr,
    )
    if scheduler:
        from autograder.commands.cluster import grade_on_cluster

        graded = grade_on_cluster(scheduler, todo, assignment, secret, release_notebook)
    else:
        graded = parts.grade_locally(todo, assignment, secret, workers)
    if todo:
        _record_as_graded(parts, root, assignment, release_notebook, db_url, graded, bar, summary)
    bar.close()
    summary.seconds = time.perf_counter() - started
    summary.failed = [
        (parts._summary_line(student), parts._summary_line(problem))
        for student, problem in summary.failed
    ]
    return summary


def _record_as_graded(parts, root, assignment, release_notebook, db_url, graded, bar, summary):
    """Record each graded submission as it arrives.

    nbgrader's gradebook takes over a second to import and open, so it opens in a thread while
    the first submissions are graded. Grades are written in batches of one transaction each
    (:class:`~autograder.commands.autograde.Batches`), each batch's reports after its commit."""

    def record(writer, batch) -> None:
        for submission, written, problems in parts.record_results(
            root, assignment, release_notebook, writer, batch
        ):
            summary.failed += [(submission.student, problem) for problem in problems]
            summary.graded += written

    with parts.OpenedLater(lambda: parts.GradebookWriter(db_url, assignment, assignment)) as later:
        batches = parts.Batches()
        for item in graded:
            bar.update(1)
            for batch in batches.add(item):
                record(later.value(), batch)
        for batch in batches.rest():
            record(later.value(), batch)
        summary.lock_wait_seconds = later.value().waited


# -- feedback and export -----------------------------------------------------------------------


def feedback(assignment: str, *, root: Path | None = None) -> list[Path]:
    """One HTML page per graded submission of ``assignment``, under ``root/feedback``; returns
    the pages written.

    The pages come from the reports alone. When a gradebook is named (``--db`` or
    ``DLCOURSE_DB_URL``), it must know ``assignment``: a wrong URL is said, not ignored. Without
    one the gradebook is not opened (that would cost seconds of imports for nothing)."""
    from autograder.commands.autograde import REPORT_NAME
    from autograder.commands.feedback import render
    from autograder.judge.report import Report

    root = Path(root) if root is not None else course.course_root()
    reports = sorted((root / "autograded").glob(f"*/{assignment}/{REPORT_NAME}"))
    if not reports:
        raise BadInput(
            f"no graded submissions of {assignment}; run `dlcourse autograde {assignment}` first"
        )
    if os.environ.get(course.ENV_DB_URL):
        _check_gradebook_knows(assignment, existing_gradebook_url(root))
    written = []
    for path in reports:
        data = json.loads(path.read_text(encoding="utf-8"))
        student = path.parent.parent.name
        target = root / "feedback" / student / assignment / f"{assignment}.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(render(Report.from_json(data), student), encoding="utf-8")
        _copy_release_metadata(root / "submitted" / student / assignment, target.parent)
        written.append(target)
    return written


def existing_gradebook_url(root: Path) -> str:
    """The course's gradebook URL (:func:`autograder.course.gradebook_url`), refusing a SQLite
    gradebook that does not exist yet: opening it would create an empty one."""
    from sqlalchemy.engine import make_url

    url = course.gradebook_url(root)
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite" and not Path(parsed.database or "").is_file():
        raise BadInput(f"{parsed.database} does not exist; release and autograde first")
    return url


def _check_gradebook_knows(assignment: str, url: str) -> None:
    """One query: the gradebook at ``url`` knows ``assignment``, else :class:`BadInput`."""
    from autograder.commands.autograde import gradebook_knows

    if not gradebook_knows(url, assignment):
        raise BadInput(
            f"the gradebook at {course.shown_url(url)} does not know {assignment}; check "
            f"--db (or DLCOURSE_DB_URL), or run `dlcourse release {assignment}` first"
        )


# nbgrader's release_feedback reads these beside the page: the submission's time, and the
# secret it names the released page after (its own generate_feedback copies them too).
FEEDBACK_METADATA = ("timestamp.txt", "submission_secret.txt")
MAX_METADATA_BYTES = 4096


def _copy_release_metadata(submission: Path, feedback: Path) -> None:
    """Copy the submission's nbgrader metadata next to its feedback page. The files come from
    the student's folder: a symlink or a file larger than a few KB is not copied."""
    for name in FEEDBACK_METADATA:
        source = submission / name
        if source.is_symlink() or not source.is_file():
            continue
        if source.stat().st_size <= MAX_METADATA_BYTES:
            (feedback / name).write_bytes(source.read_bytes())


@dataclass
class ExportSummary:
    path: Path
    students: int
    assignments: int


def export(
    *, format: str = "csv", output: str | os.PathLike | None = None, root: Path | None = None
) -> ExportSummary:
    """Write the gradebook's grades as ``csv`` (one row per student and assignment) or
    ``canvas`` (Canvas's import layout); default file ``root/exports/grades.csv`` or
    ``canvas.csv``. Every cell is safe to open in a spreadsheet."""
    from autograder.commands.export import collect, write_canvas, write_csv

    if format not in EXPORT_FORMATS:
        raise BadInput(f"unknown format {format!r}; choose one of {', '.join(EXPORT_FORMATS)}")
    root = Path(root) if root is not None else course.course_root()
    url = existing_gradebook_url(root)
    default = "canvas.csv" if format == "canvas" else "grades.csv"
    path = Path(output) if output else root / "exports" / default
    path.parent.mkdir(parents=True, exist_ok=True)
    assignments, students, scores = collect(url)
    (write_canvas if format == "canvas" else write_csv)(path, assignments, students, scores)
    return ExportSummary(path, len(students), len(assignments))
