"""Hostile submissions against ``dlcourse autograde``: every step for one submission fails
alone (issue 9, items 1, 7 and 9).

A submission folder may hold a ``timestamp.txt`` the student wrote: nonsense, a date in 1970 or
3000, a symlink to the grading secret, a FIFO, megabytes of text, terminal escapes. None of them
stops the batch, none is followed or echoed, and an implausible time is replaced by the
collection time with a note in that student's report. A failing gradebook write marks that
student only. Student ids are matched whole (``eve\\n`` is refused).
"""

from __future__ import annotations

import datetime
import json
import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from autograder.samples import submission
from tests.robustness import test_batch as batch
from tests.robustness.test_batch import (
    GRADE_CELLS,
    RUN_TIMEOUT,
    autograde_command,
    environment,
    gradebook_rows,
    put,
)
from tests.security import kit

A = kit.A
released, course_root = batch.released, batch.course_root  # the released course, per test
SECRET_TEXT = "9f3c1e0b7a5d4c2e8f6a1b3d5c7e9f0a2b4d6c8e0f1a3b5c7d9e1f3a5b7c9d0e"


def stamp(root: Path, student: str, content: str | bytes) -> Path:
    path = root / "submitted" / student / A / "timestamp.txt"
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def autograde_with_file_secret(root: Path, *extra: str, timeout: float = RUN_TIMEOUT):
    """``dlcourse autograde`` with the secret in ``.dlcourse/secret`` (not in the environment),
    as a course keeps it."""
    secret = root / ".dlcourse" / "secret"
    secret.parent.mkdir(exist_ok=True)
    secret.write_text(SECRET_TEXT)
    secret.chmod(0o600)
    env = environment(root)
    env.pop("DLCOURSE_SECRET")
    return subprocess.run(
        autograde_command(*extra),
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        start_new_session=True,
    )


def submission_times(root: Path) -> dict[str, datetime.datetime | None]:
    with sqlite3.connect(root / "gradebook.db") as db:
        rows = db.execute(
            "select student.id, submitted_assignment.timestamp from submitted_assignment "
            "join student on student.id = submitted_assignment.student_id"
        ).fetchall()
    return {
        student: datetime.datetime.fromisoformat(value) if value else None
        for student, value in rows
    }


def report(root: Path, student: str) -> dict:
    return json.loads((root / "autograded" / student / A / "dlcourse-report.json").read_text())


def everything_written(root: Path) -> bytes:
    """Every byte the batch wrote into the course: reports, notebooks, the gradebook."""
    parts = [(root / "gradebook.db").read_bytes()]
    parts += [p.read_bytes() for p in sorted((root / "autograded").rglob("*")) if p.is_file()]
    return b"\n".join(parts)


@pytest.mark.slow
def test_hostile_timestamps_never_stop_the_batch_nor_leak(course_root):
    """Nonsense, implausible, huge, symlinked, FIFO and escape-laden timestamps: every student
    is graded, the plausible time is kept, the others get the collection time and a note, and
    the secret behind a symlink appears nowhere."""
    students = {
        "a_plain": "2024-03-01 10:00:00.000000 UTC",
        "b_soon": "soon-ish",
        "c_1970": "1970-01-01 00:00:00",
        "d_future": "2999-12-31 23:59:59",
        "e_huge": "2024-03-01 " + "9" * (4 * 2**20),
        "f_escape": "\x1b[2J\x1b]0;pwned\x07",
        "g_binary": b"\xff\xfe\x00\x01",
        "k_zone_path": "2024-03-01 10:00:00 ../../../../../etc/passwd",  # gettz opens files
    }
    for student, content in students.items():
        put(course_root, student, submission(A))
        stamp(course_root, student, content)
    put(course_root, "h_symlink", submission(A))
    (course_root / "submitted" / "h_symlink" / A / "timestamp.txt").symlink_to(
        course_root / ".dlcourse" / "secret"
    )
    put(course_root, "i_fifo", submission(A))
    os.mkfifo(course_root / "submitted" / "i_fifo" / A / "timestamp.txt")
    put(course_root, "j_none", submission(A, solved=False))  # no timestamp.txt at all
    everyone = [*students, "h_symlink", "i_fifo", "j_none"]

    started = datetime.datetime.now(datetime.UTC).replace(tzinfo=None)
    # On today's code the FIFO blocks the batch forever: a bounded wait shows it.
    result = autograde_with_file_secret(course_root, "--workers", "2", timeout=600)
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output[-3000:]
    assert result.returncode == 0, output[-3000:]
    assert f"graded {len(everyone)}" in result.stdout, result.stdout

    rows = gradebook_rows(course_root)
    assert rows["integrity"] == [("ok",)]
    for student in everyone:
        expected = 0.0 if student == "j_none" else 14.0
        assert rows["grades"][student] == (GRADE_CELLS, expected), student

    times = submission_times(course_root)
    assert times["a_plain"] == datetime.datetime(2024, 3, 1, 10, 0, 0)
    assert "timestamp" not in " ".join(report(course_root, "a_plain")["notes"])
    for student in [
        "b_soon",
        "c_1970",
        "d_future",
        "e_huge",
        "f_escape",
        "g_binary",
        "k_zone_path",
    ]:
        when = times[student]
        assert when is not None and datetime.datetime(2000, 1, 1) < when, (student, when)
        assert when < started + datetime.timedelta(days=1), (student, when)
        notes = " ".join(report(course_root, student)["notes"])
        assert "timestamp.txt" in notes and "collection time" in notes, (student, notes)
    for student in ["h_symlink", "i_fifo"]:
        notes = " ".join(report(course_root, student)["notes"])
        assert "timestamp.txt" in notes and "not a regular file" in notes, (student, notes)

    # Nothing the student wrote in timestamp.txt reaches the terminal or the course's files.
    written = everything_written(course_root)
    for text in ["soon-ish", "pwned", "9" * 100]:
        assert text not in output, text
        assert text.encode() not in written, text
    assert SECRET_TEXT not in output
    assert SECRET_TEXT.encode() not in written
    assert "\x1b" not in output
    for path in (course_root / "autograded").rglob("*"):
        if path.is_file():
            assert b"\x1b" not in path.read_bytes(), path


def test_student_ids_are_matched_whole(course_root):
    """``$`` matches before a trailing newline, so ``eve\\n`` passed the old pattern."""
    put(course_root, "alice", submission(A))
    put(course_root, "eve\n", submission(A))
    put(course_root, "mal\nlory", submission(A))
    result = subprocess.run(
        autograde_command("--workers", "1"),
        cwd=course_root,
        env=environment(course_root),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        start_new_session=True,
    )
    assert result.returncode == 1, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line.strip().startswith("!")]
    assert len(problems) == 2, result.stdout
    assert all("unsafe student id" in line for line in problems), problems
    rows = gradebook_rows(course_root)
    assert set(rows["grades"]) == {"alice"}
    assert sorted(p.name for p in (course_root / "autograded").iterdir()) == ["alice"]


def test_a_failing_gradebook_write_marks_that_student_only(course_root, monkeypatch, capsys):
    """The gradebook write of one submission raises (with student text in the error): the
    batch goes on, the summary names that student without echoing the text, the classmates
    after it are graded, and the failed one has no report (a rerun grades it again)."""
    from autograder.cli import main
    from autograder.commands import autograde as command

    put(course_root, "alice", submission(A))
    put(course_root, "bob", submission(A))
    put(course_root, "carol", submission(A, solved=False))
    original = command.GradebookWriter._record

    def failing(self, student, report_json, timestamp):
        if student == "bob":
            raise ValueError("Unknown string format: \x1b[2Jsecret-from-the-student")
        return original(self, student, report_json, timestamp)

    monkeypatch.setattr(command.GradebookWriter, "_record", failing)
    monkeypatch.setenv("DLCOURSE_ROOT", str(course_root))
    monkeypatch.setenv("DLCOURSE_SECRET", "batch-secret")
    monkeypatch.chdir(course_root)
    code = main(["autograde", A, "--workers", "1", "--no-progress"])
    out = capsys.readouterr()
    assert code == 1
    problems = [line for line in out.out.splitlines() if line.strip().startswith("!")]
    assert len(problems) == 1 and "bob" in problems[0], out.out
    assert "gradebook" in problems[0]
    assert "secret-from-the-student" not in out.out + out.err
    assert "\x1b" not in out.out + out.err
    rows = gradebook_rows(course_root)
    assert rows["grades"]["alice"] == (GRADE_CELLS, 14.0)
    assert rows["grades"]["carol"] == (GRADE_CELLS, 0.0)
    assert rows["grades"].get("bob", (0, 0.0))[1] == 0.0
    assert not (course_root / "autograded" / "bob" / A / "dlcourse-report.json").exists()
