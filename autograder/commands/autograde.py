"""The parts of ``dlcourse autograde`` (:func:`autograder.api.autograde` puts them together).

Every submission is graded in parallel, resumably.

Submissions are ``submitted/<student>/<assignment>/<assignment>.ipynb`` under the course root
(nbgrader's layout). Grading runs in a pool of processes (each grading process is a judge
with its own sandboxed workers); this process is the only one that writes the gradebook.

Resuming: after a submission's grades are committed to the gradebook, its report is written
atomically to ``autograded/<student>/<assignment>/dlcourse-report.json`` with a fingerprint of
the submission, the suite and the secret. A rerun skips submissions whose fingerprint matches
and regrades the rest, so a crash at any point loses nothing, and a submission graded twice
just overwrites its own grade rows (never duplicates them).
"""

from __future__ import annotations

import concurrent.futures
import contextlib
import datetime
import hashlib
import json
import os
import re
import stat
import time
from dataclasses import dataclass
from pathlib import Path

from autograder import course
from autograder.judge.report import printable
from autograder.kit.scoring import total

REPORT_NAME = "dlcourse-report.json"
# Anchored with \A and \Z: ``$`` also matches before a trailing newline, so ``eve\n`` passed.
STUDENT_ID = re.compile(r"\A[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}\Z")
LOCK_RETRY_SECONDS = 300
RACE_RETRIES = 5  # PostgreSQL: a write (a student, a batch) that lost a race with another grader


@dataclass
class Submission:
    student: str
    path: Path
    problem: str = ""


def discover(root: Path, assignment: str) -> list[Submission]:
    """Every submission of ``assignment``; unsafe ones carry a ``problem`` and are not graded."""
    submitted = root / "submitted"
    found: list[Submission] = []
    if not submitted.is_dir():
        return found
    base = submitted.resolve()
    for entry in sorted(submitted.iterdir()):
        student = entry.name
        if not entry.is_dir():
            continue
        notebook = entry / assignment / f"{assignment}.ipynb"
        if not (entry / assignment).exists():
            continue
        if not STUDENT_ID.fullmatch(student):
            found.append(Submission(student, notebook, f"unsafe student id {student!r}; skipped"))
            continue
        try:
            resolved = notebook.resolve(strict=False)
        except OSError as error:
            found.append(Submission(student, notebook, f"cannot resolve the path: {error}"))
            continue
        if (
            entry.is_symlink()
            or (entry / assignment).is_symlink()
            or notebook.is_symlink()
            or base not in resolved.parents
        ):
            found.append(
                Submission(
                    student,
                    notebook,
                    "the submission is a symlink or points outside the course; "
                    "skipped (copy the real file into submitted/)",
                )
            )
            continue
        found.append(Submission(student, notebook))
    return found


def fingerprint(path: Path, assignment: str, secret: bytes) -> str:
    digest = hashlib.sha256()
    try:
        digest.update(path.read_bytes())
    except OSError as error:
        digest.update(str(error).encode())
    digest.update(course.suite_path(assignment).read_bytes())
    digest.update(secret)
    return digest.hexdigest()


def report_path(root: Path, student: str, assignment: str) -> Path:
    return root / "autograded" / student / assignment / REPORT_NAME


def already_graded(root: Path, submission: Submission, assignment: str, stamp: str) -> bool:
    path = report_path(root, submission.student, assignment)
    try:
        return json.loads(path.read_text())["fingerprint"] == stamp
    except (OSError, ValueError, KeyError, TypeError):
        return False


def warm_up(assignment: str) -> None:
    """Run once in each grading process as it starts: import the judge, pytest's runner and
    the assignment's suite, so that no submission pays for them. The process then grades
    submission after submission (each in a fresh sandboxed worker) until the batch ends."""
    import _pytest.python  # noqa: F401 - imported for its side effect: loaded once, here
    import _pytest.runner  # noqa: F401

    import autograder.judge.engine  # noqa: F401

    course.suite_module(assignment)


def _grade_one(path: str, assignment: str, secret: bytes, student: str = "") -> dict:
    """Runs in a pool process: grade one file and return plain data (never raises).

    ``student`` seeds the hidden cases with the secret, so one student's cases are not
    another's."""
    from autograder.judge.engine import grade_submission
    from autograder.judge.notebook import read_notebook

    def grade() -> tuple:
        notebook = read_notebook(path)
        return grade_submission(notebook, assignment, secret=secret, student=student), notebook

    return graded_result(grade)


def graded_result(grade) -> dict:
    """The plain data a grading task returns, from ``grade()`` -> ``(report, notebook)``:
    ``{"ok": True, "report", "notebook", "seconds"}``, or ``{"ok": False, "error",
    "bad_input"}`` (``bad_input``: the file is not a gradable notebook). Never raises, so one
    submission never stops the batch (local pool and cluster alike)."""
    from autograder.judge.notebook import NotebookError

    started = time.perf_counter()
    try:
        report, notebook = grade()
        return {
            "ok": True,
            "report": report.to_json(),
            "notebook": notebook,
            "seconds": time.perf_counter() - started,
        }
    except NotebookError as error:
        return {"ok": False, "error": str(error), "bad_input": True}
    except Exception as error:  # noqa: BLE001 - one submission never stops the batch
        return {"ok": False, "error": f"{type(error).__name__}: {error}", "bad_input": False}


def _zero_report(assignment: str, reason: str) -> dict:
    from autograder.judge.report import Report, TestResult
    from autograder.kit.plugin import graded_markers

    report = Report(assignment=assignment, notes=[reason])
    for name, _, mark in graded_markers(course.suite_module(assignment)):
        function, points = mark.kwargs["function"], mark.kwargs["points"]
        report.tests.append(TestResult(function, name, 0.0, points, False, reason))
    return report.to_json()


def _write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(path.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    os.replace(temporary, path)


def autograded_notebook(notebook: dict, release: dict, report) -> dict:
    """The submission as nbgrader's formgrader shows it: locked cells restored, test cells
    carrying their scores as outputs, and the student's own markdown, raw cells and outputs
    cleaned so that no student HTML runs in the instructor's browser."""
    from autograder.judge.notebook import grade_id, nbgrader_meta
    from autograder.judge.sanitize import sanitize_notebook
    from autograder.nbgrader.preprocessors import test_cell_outputs

    released = {grade_id(cell): cell for cell in release["cells"] if grade_id(cell)}
    out = dict(notebook)
    cells = []
    for cell in notebook.get("cells", []):
        cell = dict(cell)
        cell_id = grade_id(cell)
        if cell.get("cell_type") == "code":
            cell["outputs"], cell["execution_count"] = [], None
        if cell_id in released and not nbgrader_meta(released[cell_id]).get("solution"):
            cell = dict(released[cell_id])
            if nbgrader_meta(cell).get("grade") and cell_id.startswith("test_"):
                cell["outputs"], _ = test_cell_outputs(cell_id[len("test_") :], report)
        cells.append(cell)
    out["cells"] = cells
    return sanitize_notebook(out, release)


class GradebookWriter:
    """This process's writer of nbgrader's gradebook: waits and retries while SQLite is locked,
    and retries a write that lost a race with another process on PostgreSQL (two ``autograde``
    runs adding the same new student)."""

    def __init__(self, db_url: str, assignment: str, notebook_name: str):
        import warnings

        from autograder.gradebook import open_gradebook

        # nbgrader's add_submission trips SQLAlchemy 2's autoflush warnings; they are harmless.
        warnings.filterwarnings("ignore", message=".*not in session.*")

        self.db_url = db_url
        self.gradebook = open_gradebook(self.db_url)
        self.assignment = assignment
        self.notebook_name = notebook_name
        self.waited = 0.0
        self._cells: dict[str, tuple[str, float]] | None = None

    def close(self) -> None:
        self.gradebook.close()

    def _assignment(self):
        """nbgrader's ``Assignment`` row (looked up again after a rollback expires it)."""
        return self.gradebook.find_assignment(self.assignment)

    def _grade_cells(self) -> dict[str, tuple[str, float]]:
        """``{cell id: (name, max score)}`` of the graded notebook's grade cells."""
        if self._cells is None:
            notebook = self.gradebook.find_notebook(self.notebook_name, self.assignment)
            self._cells = {
                cell.id: (cell.name, float(cell.max_score)) for cell in notebook.grade_cells
            }
        return self._cells

    def rollback(self) -> None:
        """Drop a failed write's half-done changes, so the next student starts clean."""
        try:
            self.gradebook.db.rollback()
        except Exception:  # noqa: BLE001 - the next write reports its own error
            pass

    def record(self, student: str, report_json: dict, timestamp: datetime.datetime | None) -> None:
        """Write one student's grades in a transaction of their own."""
        self._commit_retrying(lambda: self._record(student, report_json, timestamp))

    def record_many(self, entries: list[tuple[str, dict, datetime.datetime | None]]) -> dict:
        """Write several students' grades in one transaction (one commit, so one disk sync,
        for the lot); returns ``{student: error}`` for the writes that failed.

        When the transaction fails, it is rolled back and every student is written again in a
        transaction of their own, so one bad write costs only that student."""

        def write_all() -> None:
            for student, report_json, timestamp in entries:
                self._record(student, report_json, timestamp)

        try:
            self._commit_retrying(write_all)
            return {}
        except Exception:  # noqa: BLE001 - found again below, student by student
            self.rollback()
        failed = {}
        for student, report_json, timestamp in entries:
            try:
                self.record(student, report_json, timestamp)
            except Exception as error:  # noqa: BLE001 - one student's write never stops the batch
                self.rollback()
                failed[student] = error
        return failed

    def _commit_retrying(self, write) -> None:
        """``write()`` then commit; rolled back and done again after a write that lost a race
        (at most :data:`RACE_RETRIES` times) or while SQLite's lock is held (up to
        :data:`LOCK_RETRY_SECONDS`). Any other error is raised, rolled back."""
        from sqlalchemy.exc import IntegrityError, OperationalError

        from autograder.gradebook import lost_race

        deadline = time.monotonic() + LOCK_RETRY_SECONDS
        delay, races = 0.1, 0
        while True:
            try:
                write()
                self.gradebook.db.commit()
                return
            except (OperationalError, IntegrityError) as error:
                self.gradebook.db.rollback()
                if lost_race(error) and races < RACE_RETRIES:
                    races += 1
                    time.sleep(0.05 * races)
                    continue
                if "locked" not in str(error) or time.monotonic() > deadline:
                    raise
                time.sleep(delay)
                self.waited += delay
                delay = min(delay * 2, 2.0)

    def _record(self, student: str, report_json: dict, timestamp: datetime.datetime | None) -> None:
        """Stage one student's submission and grades in the open transaction (no commit).

        The rows are nbgrader's own (its ORM classes, its layout: a submission mirrors every
        notebook of the assignment, with a grade per grade cell and a comment per solution
        cell, as ``Gradebook.add_submission`` builds it). They are made here rather than by
        ``add_submission`` and ``find_grade`` because those commit at every call and query per
        cell, about 30 ms a student: a whole batch now shares one commit."""
        from nbgrader.api import Comment, Grade, Student, SubmittedAssignment, SubmittedNotebook

        db = self.gradebook.db
        assignment = self._assignment()
        if db.get(Student, student) is None:
            db.add(Student(id=student))
        submission = (
            db.query(SubmittedAssignment)
            .filter_by(assignment_id=assignment.id, student_id=student)
            .one_or_none()
        )
        if submission is None:
            submission = SubmittedAssignment(assignment=assignment, student_id=student)
            for notebook in assignment.notebooks:
                submitted = SubmittedNotebook(notebook=notebook, assignment=submission)
                for cell in notebook.grade_cells:
                    Grade(cell_id=cell.id, notebook=submitted)
                for cell in [*notebook.solution_cells, *notebook.task_cells]:
                    Comment(cell_id=cell.id, notebook=submitted)
                for cell in notebook.task_cells:
                    Grade(cell_id=cell.id, notebook=submitted)
            db.add(submission)
        if timestamp:
            submission.timestamp = timestamp
        by_function: dict[str, list[float]] = {}
        for test in report_json["tests"]:
            by_function.setdefault(test["function"], []).append(test["points"])
        points = {function: total(values) for function, values in by_function.items()}
        cells = self._grade_cells()
        for notebook in submission.notebooks:
            for grade in notebook.grades:
                if grade.cell_id not in cells:
                    continue  # another notebook's, or a task cell: not ours to score
                name, max_score = cells[grade.cell_id]
                function = name[len("test_") :] if name.startswith("test_") else name
                grade.auto_score = min(points.get(function, 0.0), max_score)
                grade.needs_manual_grade = grade.manual_score is not None


def gradebook_knows(db_url: str, assignment: str) -> bool:
    """Whether the gradebook at ``db_url`` has ``assignment`` (``dlcourse release`` adds it).

    A plain SQL query, so that a run refuses at once, before grading anything, at a fraction
    of the cost of opening nbgrader's ``Gradebook`` (which opens later, while grading runs).
    SQLite is read with the standard library (read-only: a missing file is not created, and a
    locked one is waited for); other databases through SQLAlchemy."""
    if db_url.startswith(SQLITE_FILE):  # parsed by hand: importing SQLAlchemy takes 0.3 s
        return _sqlite_knows(Path(db_url[len(SQLITE_FILE) :].partition("?")[0]), assignment)
    return _database_knows(db_url, assignment)


SQLITE_FILE = "sqlite:///"  # then a relative path, or an absolute one (four slashes in all)


KNOWS_QUERY = "SELECT 1 FROM assignment WHERE name = :name"


def _sqlite_knows(path: Path, assignment: str) -> bool:
    import sqlite3

    if not path.is_file():
        return False
    uri = f"{path.resolve().as_uri()}?mode=ro"
    with contextlib.closing(sqlite3.connect(uri, uri=True, timeout=LOCK_RETRY_SECONDS)) as db:
        try:
            return db.execute(KNOWS_QUERY, {"name": assignment}).fetchone() is not None
        except sqlite3.OperationalError as error:
            if "no such table" in str(error):
                return False  # a database nbgrader never set up
            raise


def _database_knows(url: str, assignment: str) -> bool:
    """A server's answer; one that cannot be reached raises
    :class:`~autograder.gradebook.GradebookUnavailable` (its message hides the password)."""
    import sqlalchemy

    from autograder.gradebook import GradebookUnavailable, bad_url_message, unavailable_message

    try:
        engine = sqlalchemy.create_engine(url)
    except (sqlalchemy.exc.ArgumentError, ModuleNotFoundError) as error:
        raise GradebookUnavailable(bad_url_message(url, error)) from None
    try:
        with engine.connect() as connection:
            query = sqlalchemy.text(KNOWS_QUERY)
            return connection.execute(query, {"name": assignment}).first() is not None
    except sqlalchemy.exc.ProgrammingError:
        return False  # no such table: a database nbgrader never set up
    except sqlalchemy.exc.OperationalError as error:
        raise GradebookUnavailable(unavailable_message(url, error)) from None
    finally:
        engine.dispose()


class OpenedLater:
    """A value built in a background thread from the moment the ``with`` block starts:
    :meth:`value` waits for it (and raises what building it raised); it is closed on exit.

    Used for nbgrader's gradebook, whose import and opening would otherwise delay the start of
    grading by more than a second."""

    def __init__(self, build):
        self._build = build
        self._pool = concurrent.futures.ThreadPoolExecutor(1, thread_name_prefix="gradebook")
        self._future = None
        self.opened = False

    def __enter__(self) -> OpenedLater:
        self._future = self._pool.submit(_while_locked, self._build)
        return self

    def value(self):
        value = self._future.result()
        self.opened = True
        return value

    def __exit__(self, *exc_info) -> None:
        self._pool.shutdown(wait=True)
        if self._future.exception() is None:
            self._future.result().close()


class Batches:
    """Groups graded submissions for the gradebook: a batch is ready when it holds
    ``size`` results or its oldest result has waited ``seconds``, so a big class commits once
    per batch (instead of once per student) and a slow one still sees its grades land."""

    def __init__(self, size: int = 32, seconds: float = 1.0):
        self.size, self.seconds = size, seconds
        self._pending: list = []
        self._since = 0.0

    def add(self, item) -> list[list]:
        if not self._pending:
            self._since = time.monotonic()
        self._pending.append(item)
        if len(self._pending) >= self.size or time.monotonic() - self._since >= self.seconds:
            return self.rest()
        return []

    def rest(self) -> list[list]:
        batch, self._pending = self._pending, []
        return [batch] if batch else []


def _while_locked(action):
    """``action()``, waiting and retrying while another process holds the gradebook lock
    (opening the gradebook reads it, so a lock taken before the run starts must wait too)."""
    from sqlalchemy.exc import OperationalError

    deadline = time.monotonic() + LOCK_RETRY_SECONDS
    delay = 0.1
    while True:
        try:
            return action()
        except OperationalError as error:
            if "locked" not in str(error) or time.monotonic() > deadline:
                raise
            time.sleep(delay)
            delay = min(delay * 2, 2.0)


def _grade_in_pool(items, assignment: str, secret: bytes, workers: int, context):
    """Grade ``(submission, stamp)`` items in a process pool; yields ``(submission, stamp,
    result)`` as they finish, with ``result`` None when the pool process died.

    Closing the generator early (an error while recording, Ctrl-C) cancels the submissions
    not yet started instead of grading them all first."""
    pool = concurrent.futures.ProcessPoolExecutor(
        max_workers=workers, mp_context=context, initializer=warm_up, initargs=(assignment,)
    )
    try:
        futures = {
            pool.submit(_grade_one, str(submission.path), assignment, secret, submission.student): (
                submission,
                stamp,
            )
            for submission, stamp in items
        }
        for future in concurrent.futures.as_completed(futures):
            submission, stamp = futures[future]
            try:
                result = future.result()
            except Exception:  # noqa: BLE001 - BrokenProcessPool: a pool process was killed
                result = None
            yield submission, stamp, result
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def grade_locally(items, assignment: str, secret: bytes, workers: int):
    """Grade ``(submission, stamp)`` items in a pool of ``workers`` processes on this machine;
    yields ``(submission, stamp, result)`` as each finishes (``result`` as :func:`_grade_one`
    returns it).

    When a pool process dies (killed by the OS, or by a submission where the sandbox is
    weaker), every submission still queued in that pool fails with it. Those are graded again
    one by one, each in a pool of its own, so only the culprit gets :data:`POOL_DIED`."""
    import multiprocessing

    context = multiprocessing.get_context("spawn")
    retry = []
    for submission, stamp, result in _grade_in_pool(items, assignment, secret, workers, context):
        if result is None:
            retry.append((submission, stamp))
        else:
            yield submission, stamp, result
    for pair in retry:
        for submission, stamp, result in _grade_in_pool([pair], assignment, secret, 1, context):
            yield submission, stamp, result or POOL_DIED


TIMESTAMP_NAME = "timestamp.txt"
TIMESTAMP_MAX_BYTES = 256  # nbgrader writes about 32
EARLIEST_SUBMISSION = datetime.datetime(2000, 1, 1)
FUTURE_SLACK = datetime.timedelta(days=1)


def _utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.UTC).replace(tzinfo=None)


def _plausible(when: datetime.datetime, now: datetime.datetime) -> bool:
    return EARLIEST_SUBMISSION <= when <= now + FUTURE_SLACK


def _timestamp_text(path: Path) -> tuple[str | None, str]:
    """``(text, problem)``: the file read without following a symlink, without blocking on a
    FIFO, and capped; ``problem`` says (in our words, never the file's) why it is unusable."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | getattr(os, "O_CLOEXEC", 0)
    try:
        descriptor = os.open(path, flags)
    except FileNotFoundError:
        return None, ""
    except OSError:  # ELOOP for a symlink, EACCES, ENXIO for a socket...
        return None, "is a symlink or not a regular file"
    try:
        if not stat.S_ISREG(os.fstat(descriptor).st_mode):
            return None, "is a symlink or not a regular file"
        data = os.read(descriptor, TIMESTAMP_MAX_BYTES + 1)
    except OSError:
        return None, "cannot be read"
    finally:
        os.close(descriptor)
    if len(data) > TIMESTAMP_MAX_BYTES:
        return None, f"is longer than {TIMESTAMP_MAX_BYTES} bytes"
    try:
        text = data.decode("utf-8").strip()
    except UnicodeDecodeError:
        return None, "is not UTF-8 text"
    if not text:
        return None, "is empty"
    return text, ""


# nbgrader's third field is a time zone, which dateutil's gettz looks up as a file (an absolute
# path, or one under the zoneinfo folders, ``..`` included): only offsets and plain names pass.
TIME_ZONE = re.compile(
    r"\A(?:[+-]?[0-9]{1,4}|[A-Za-z][A-Za-z0-9_+-]{0,31}(?:/[A-Za-z0-9_+-]{1,32}){0,2})\Z"
)


def _parse_time(text: str) -> tuple[datetime.datetime | None, str]:
    """nbgrader's own parser (``parse_utc``), behind a time-zone check; never raises."""
    from nbgrader.utils import parse_utc

    parts = text.split(" ")
    if len(parts) == 3 and not TIME_ZONE.fullmatch(parts[2]):
        return None, "has a time zone that is neither an offset nor a zone name"
    try:
        when = parse_utc(text)
    except Exception:  # noqa: BLE001 - dateutil raises many kinds; the text is never shown
        return None, "is not a date and time"
    if not isinstance(when, datetime.datetime):
        return None, "is not a date and time"
    return when, ""


def read_timestamp(folder: Path) -> tuple[datetime.datetime | None, str]:
    """``(submission time in UTC, note)`` from ``folder/timestamp.txt`` (nbgrader's collection
    stamp, which the student may have written).

    Never raises and never follows a symlink. A missing file gives ``(None, "")`` (nbgrader's
    default). An unreadable, unparsable or implausible one (before 2000, or more than a day in
    the future) gives the collection time instead (the file's own mtime when plausible, else
    now) and a short note for the student's report that never quotes the file."""
    path = folder / TIMESTAMP_NAME
    now = _utc_now()
    text, problem = _timestamp_text(path)
    if text is None and not problem:
        return None, ""
    if text is not None:
        when, problem = _parse_time(text)
        if when is not None:
            if _plausible(when, now):
                return when, ""
            problem = "holds an implausible time (before 2000 or in the future)"
    try:
        mtime = os.lstat(path).st_mtime
        collected = datetime.datetime.fromtimestamp(mtime, datetime.UTC)
        collected = collected.replace(tzinfo=None)
    except (OSError, OverflowError, ValueError):
        collected = now
    if not _plausible(collected, now):
        collected = now
    note = (
        f"{TIMESTAMP_NAME} {problem}; the collection time "
        f"{collected:%Y-%m-%d %H:%M:%S} UTC was used as the submission time instead."
    )
    return collected, note


def _summary_line(text: object, limit: int = 500) -> str:
    """One terminal line of student-influenced text: control characters (newlines too) made
    visible, and capped."""
    line = printable(text, newlines=False)
    return line if len(line) <= limit else line[: limit - 1] + "…"


POOL_DIED = {
    "ok": False,
    "error": "the grading process died while grading this submission (also when graded alone)",
    "bad_input": False,
}


def record_results(
    root: Path,
    assignment: str,
    release: dict,
    writer: GradebookWriter,
    graded: list[tuple[Submission, str, dict]],
) -> list[tuple[Submission, bool, list[str]]]:
    """Record graded submissions, ``(submission, stamp, result)`` each: their grades in the
    gradebook in one transaction, then each one's report and autograded copy. Returns
    ``(submission, written, problems)`` for each: whether its report was written (a submission
    that could not be graded gets a zero report, unless the fault was the grader's, a result
    marked ``retry``: then nothing is recorded and a rerun grades it), and the problems met.

    Nothing in here stops the batch: a failure (a gradebook error, a disk error) marks that
    student only, and no report is written for them, so a rerun grades them again. Reports are
    written only after the grades are committed, so a crash in between regrades, never loses."""
    from autograder.commands.check import clean_json

    staged, outcomes = [], []
    for submission, stamp, result in graded:
        problems = []
        if result.get("retry"):  # the grader's fault (a worker with another suite): not theirs
            problems.append(
                f"{_summary_line(result['error'])}; nothing was recorded: rerun to grade it"
            )
            outcomes.append((submission, False, problems))
            continue
        if result["ok"]:
            report_json = result["report"]
        else:
            problems.append(_summary_line(result["error"]))
            report_json = _zero_report(assignment, f"Not graded: {problems[0]}")
        when, note = read_timestamp(submission.path.parent)
        report_json = clean_json(report_json)
        if note:
            report_json["notes"].append(note)
        staged.append((submission, stamp, result, report_json, when, problems))
    failed = writer.record_many([(entry[0].student, entry[3], entry[4]) for entry in staged])
    for submission, stamp, result, report_json, _, problems in staged:
        if submission.student in failed:
            problems.append(
                f"the gradebook write failed ({type(failed[submission.student]).__name__}); its "
                "grades were not recorded and no report was written: rerun to grade it again"
            )
            outcomes.append((submission, False, problems))
            continue
        written = _write_report(root, assignment, release, submission, stamp, result, report_json)
        if not written:
            problems.append(
                "its report could not be written; the grades are in the gradebook: rerun to "
                "write the report"
            )
        outcomes.append((submission, written, problems))
    return outcomes


def _write_report(
    root: Path,
    assignment: str,
    release: dict,
    submission: Submission,
    stamp: str,
    result: dict,
    report_json: dict,
) -> bool:
    """Write the autograded copy and the report of one recorded submission; False when the
    disk refused (a full disk, say): that student only."""
    from autograder.judge.report import Report

    folder = root / "autograded" / submission.student / assignment
    try:
        if result["ok"]:
            notebook = autograded_notebook(
                result["notebook"], release, Report.from_json(report_json)
            )
            _write_atomic(folder / f"{assignment}.ipynb", json.dumps(notebook, indent=1))
        _write_atomic(
            folder / REPORT_NAME,
            json.dumps(
                {"fingerprint": stamp, "student": submission.student, **report_json}, indent=1
            ),
        )
    except Exception:  # noqa: BLE001 - e.g. a full disk: this student only
        return False
    return True
