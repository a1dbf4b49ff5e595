"""Batch grading under stress: ``dlcourse autograde`` on a temporary course.

A kill -9 in the middle of a batch followed by a rerun grades every submission exactly once;
a second process holding the SQLite lock makes grading wait, not abort; malformed files,
unsafe student ids and symlinks out of the course are reported and skipped while the other
students' grades stay right.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest

from autograder.samples import submission
from tests.conftest import copy_course
from tests.security import kit

A = kit.A
GRADE_CELLS = 8  # test_layer_sizes ... test_predict


@pytest.fixture(scope="module")
def released(released_template):
    """A released course (solutions, release, gradebook), built once per session
    (tests/conftest.py) and copied per test."""
    assert (released_template / "assignments" / A).is_dir(), released_template
    return released_template


@pytest.fixture
def course_root(released, tmp_path):
    return copy_course(released, tmp_path / "course")


def put(root: Path, student: str, content) -> Path:
    folder = root / "submitted" / student / A
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{A}.ipynb"
    if isinstance(content, dict):
        content = json.dumps(content)
    path.write_bytes(content if isinstance(content, bytes) else content.encode())
    return path


def environment(root: Path) -> dict:
    env = dict(os.environ, DLCOURSE_ROOT=str(root), DLCOURSE_SECRET="batch-secret")
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.pop("PYTHONPATH", None)
    return env


def autograde_command(*extra: str) -> list[str]:
    return [str(Path(sys.executable).parent / "dlcourse"), "autograde", A, "--no-progress", *extra]


# Subprocess timeouts only stop a run that hangs: a batch takes seconds on an idle machine and
# minutes on a busy one, so they are far above either (nothing waits for them when all is well).
RUN_TIMEOUT = 900


def autograde(root: Path, *extra: str, timeout: float = RUN_TIMEOUT) -> subprocess.CompletedProcess:
    return subprocess.run(
        autograde_command(*extra),
        cwd=root,
        env=environment(root),
        capture_output=True,
        text=True,
        timeout=timeout,
        start_new_session=True,
    )


def gradebook_rows(root: Path) -> dict:
    """Straight from SQLite: submissions and grade rows per student, and the integrity check."""
    with sqlite3.connect(root / "gradebook.db") as db:
        integrity = db.execute("pragma integrity_check").fetchall()
        submissions = db.execute(
            "select student.id, count(*) from submitted_assignment "
            "join student on student.id = submitted_assignment.student_id group by student.id"
        ).fetchall()
        grades = db.execute(
            "select student.id, count(*), sum(grade.auto_score) from grade "
            "join submitted_notebook on submitted_notebook.id = grade.notebook_id "
            "join submitted_assignment "
            "on submitted_assignment.id = submitted_notebook.assignment_id "
            "join student on student.id = submitted_assignment.student_id group by student.id"
        ).fetchall()
    return {
        "integrity": integrity,
        "submissions": dict(submissions),
        "grades": {student: (count, round(total or 0, 4)) for student, count, total in grades},
    }


GOOD = {
    "s01_full": (lambda: submission(A), 14.0),
    "s02_blank": (lambda: submission(A, solved=False), 0.0),
    "s03_wrong_predict": (
        lambda: submission(A, {"predict": "def predict(p, X):\n    return X[:1] * 0\n"}),
        13.0,
    ),
    "s04_exit": (
        lambda: submission(A, {"predict": "import os\nos._exit(1)\n"}),
        13.0,
    ),
    "s05_full": (lambda: submission(A), 14.0),
    "s06_full": (lambda: submission(A), 14.0),
}


def reports_written(root: Path) -> int:
    return len(list((root / "autograded").glob(f"*/{A}/dlcourse-report.json")))


def assert_gradebook_exact(root: Path, expected: dict[str, float]) -> None:
    rows = gradebook_rows(root)
    assert rows["integrity"] == [("ok",)]
    assert rows["submissions"] == {student: 1 for student in expected}
    for student, score in expected.items():
        count, total = rows["grades"][student]
        assert count == GRADE_CELLS, (student, count)  # one row per grade cell, no duplicates
        assert total == score, (student, total)


@pytest.mark.slow
def test_kill_9_in_the_middle_of_a_batch_then_rerun(course_root):
    for student, (make, _) in GOOD.items():
        put(course_root, student, make())
    process = subprocess.Popen(
        autograde_command("--workers", "1"),
        cwd=course_root,
        env=environment(course_root),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    deadline = time.monotonic() + RUN_TIMEOUT
    while reports_written(course_root) < 2 and time.monotonic() < deadline:
        if process.poll() is not None:
            break
        time.sleep(0.05)
    assert process.poll() is None, "the batch finished before it could be killed"
    os.killpg(process.pid, signal.SIGKILL)  # the CLI, its pool process and anything below
    process.wait(10)
    done_before = reports_written(course_root)
    assert 2 <= done_before < len(GOOD)

    rerun = autograde(course_root, "--workers", "2")
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    graded = int(rerun.stdout.split("graded ")[1].split(",")[0])
    skipped = int(rerun.stdout.split("skipped ")[1].split()[0])
    assert graded + skipped == len(GOOD)
    assert skipped >= done_before - 1  # at most the one in flight at the kill is redone
    assert reports_written(course_root) == len(GOOD)
    assert_gradebook_exact(course_root, {s: score for s, (_, score) in GOOD.items()})
    leftovers = list((course_root / "autograded").rglob("*.tmp"))
    assert not leftovers, leftovers

    third = autograde(course_root)
    assert f"graded 0, skipped {len(GOOD)}" in third.stdout


LOCKER = textwrap.dedent(
    """
    import sqlite3, sys, time
    db = sqlite3.connect(sys.argv[1], isolation_level=None)
    db.execute("begin exclusive")
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
    db.execute("rollback")
    """
)


@pytest.mark.slow
def test_a_second_process_holding_the_sqlite_lock_makes_grading_wait(course_root):
    expected = {"alice": 14.0, "bob": 0.0}
    put(course_root, "alice", submission(A))
    put(course_root, "bob", submission(A, solved=False))
    locker = subprocess.Popen(
        [sys.executable, "-c", LOCKER, str(course_root / "gradebook.db"), "6.5"],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert locker.stdout.readline().strip() == "locked"
        started = time.monotonic()
        result = autograde(course_root, "--workers", "2")
        elapsed = time.monotonic() - started
    finally:
        locker.kill()
        locker.wait()
    assert result.returncode == 0, result.stdout + result.stderr
    assert elapsed > 5, "grading did not wait for the lock"
    assert_gradebook_exact(course_root, expected)


def test_malformed_files_are_reported_and_the_others_graded(course_root):
    put(course_root, "alice", submission(A))
    put(course_root, "bob", submission(A, {"predict": "def predict(p, X):\n    return 0\n"}))
    text = json.dumps(submission(A))
    bad = {
        "m_empty": b"",
        "m_binary": b"\x00\x01\x02" * 100,
        "m_truncated": text[: len(text) // 3],
        "m_latin1": '{"cells": [], "nbformat": 4, "x": "é"}'.encode("latin-1"),
        "m_nbformat3": '{"cells": [], "nbformat": 3}',
        "m_nested": b"[" * 50_000 + b"]" * 50_000,
    }
    for student, content in bad.items():
        put(course_root, student, content)
    folder = course_root / "submitted" / "m_directory" / A / f"{A}.ipynb"
    folder.mkdir(parents=True)
    result = autograde(course_root, "--workers", "2")
    assert result.returncode == 1, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line.strip().startswith("!")]
    for student in [*bad, "m_directory"]:
        assert any(student in line for line in problems), (student, result.stdout)
    rows = gradebook_rows(course_root)
    assert rows["integrity"] == [("ok",)]
    assert rows["grades"]["alice"] == (GRADE_CELLS, 14.0)
    assert rows["grades"]["bob"] == (GRADE_CELLS, 13.0)
    for student in bad:
        assert rows["grades"].get(student, (0, 0.0))[1] == 0.0


def test_unsafe_student_ids_and_symlinks_out_of_the_course(course_root, tmp_path):
    put(course_root, "alice", submission(A))
    outside = tmp_path / "outside"
    outside.mkdir()
    (outside / A).mkdir()
    kit.write_notebook(outside / A / f"{A}.ipynb", submission(A))
    solution_copy = course_root / "solutions" / A / f"{A}.ipynb"
    # Ids nbgrader would take as paths or options ("../" cannot be a directory name itself).
    unsafe = ["...", "..evil", "-rf", "a b", "x;rm -rf ~", "eve\\..\\..", ".hidden"]
    for student in unsafe:
        put(course_root, student, submission(A))
    submitted = course_root / "submitted"
    (submitted / "mallory").symlink_to(outside, target_is_directory=True)
    (submitted / "trudy" / A).mkdir(parents=True)
    (submitted / "trudy" / A / f"{A}.ipynb").symlink_to(solution_copy)
    (submitted / "oscar").mkdir()
    (submitted / "oscar" / A).symlink_to(outside / A, target_is_directory=True)
    (submitted / "peggy" / A).mkdir(parents=True)
    (submitted / "peggy" / A / f"{A}.ipynb").symlink_to("/etc/passwd")

    before_outside = sorted(p.name for p in tmp_path.iterdir())
    result = autograde(course_root, "--workers", "2")
    assert result.returncode == 1, result.stdout + result.stderr
    problems = "\n".join(
        line for line in result.stdout.splitlines() if line.strip().startswith("!")
    )
    for student in unsafe:
        assert repr(student) in problems or student in problems, (student, problems)
    assert "unsafe student id" in problems
    for student in ("mallory", "trudy", "oscar", "peggy"):
        assert f"{student}: the submission is a symlink" in problems, (student, problems)
    rows = gradebook_rows(course_root)
    assert rows["integrity"] == [("ok",)]
    assert set(rows["grades"]) == {"alice"}
    assert rows["grades"]["alice"] == (GRADE_CELLS, 14.0)
    assert sorted(p.name for p in tmp_path.iterdir()) == before_outside
    assert sorted(p.name for p in (course_root / "autograded").iterdir()) == ["alice"]


@pytest.mark.slow
def test_a_zip_bomb_through_nbgrader_zip_collect(course_root):
    """nbgrader's zip_collect unpacks without a size limit (a known limit, see the README), so
    the bomb is bounded here to 120 MiB; what it puts in submitted/ is refused by the notebook
    size cap with a clear message, and the other students in the same archive are graded."""
    archive = course_root / "downloaded" / A / "archive"
    archive.mkdir(parents=True)
    with zipfile.ZipFile(archive / "canvas-download.zip", "w", zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(f"alice_{A}.ipynb", json.dumps(submission(A)))
        bundle.writestr(f"bob_{A}.ipynb", json.dumps(submission(A, solved=False)))
        with bundle.open(f"mallory_{A}.ipynb", "w", force_zip64=True) as handle:
            handle.write(b'{"nbformat": 4, "cells": [], "padding": "')
            for _ in range(120):  # 120 MiB of spaces: about 120 KiB compressed
                handle.write(b" " * 2**20)
            handle.write(b'"}')
    assert (archive / "canvas-download.zip").stat().st_size < 2**20
    collect = subprocess.run(
        [
            sys.executable,
            "-m",
            "nbgrader",
            "zip_collect",
            A,
            "--force",
            f"--FileNameCollectorPlugin.named_regexp=.*/(?P<student_id>[a-z]+)_(?P<file_id>{A}.*)",
        ],
        cwd=course_root,
        env=environment(course_root),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )
    assert collect.returncode == 0, collect.stderr[-3000:]
    result = autograde(course_root, "--workers", "2")
    assert result.returncode == 1, result.stdout + result.stderr
    problems = [line for line in result.stdout.splitlines() if line.strip().startswith("!")]
    assert len(problems) == 1 and "mallory" in problems[0] and "MiB" in problems[0]
    rows = gradebook_rows(course_root)
    assert rows["integrity"] == [("ok",)]
    assert rows["grades"]["alice"] == (GRADE_CELLS, 14.0)
    assert rows["grades"]["bob"] == (GRADE_CELLS, 0.0)
    assert rows["grades"]["mallory"][1] == 0.0


def zip_collect(root: Path) -> subprocess.CompletedProcess:
    regexp = f".*/(?P<student_id>[a-z]+)_(?P<file_id>{A}.*)"
    return subprocess.run(
        [
            sys.executable,
            "-m",
            "nbgrader",
            "zip_collect",
            A,
            "--force",
            f"--FileNameCollectorPlugin.named_regexp={regexp}",
        ],
        cwd=root,
        env=environment(root),
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
    )


def test_a_zip_entry_climbing_out_with_dotdot_is_refused(course_root):
    archive = course_root / "downloaded" / A / "archive"
    archive.mkdir(parents=True)
    with zipfile.ZipFile(archive / "download.zip", "w") as bundle:
        bundle.writestr(f"alice_{A}.ipynb", json.dumps(submission(A)))
        bundle.writestr("../../../../escaped.txt", "out of the course")
    collect = zip_collect(course_root)
    assert collect.returncode != 0
    assert "would be extracted outside" in collect.stderr
    escaped = [p for p in course_root.parent.rglob("escaped.txt")]
    assert not escaped, escaped


@pytest.mark.slow
def test_a_submission_that_kills_its_grading_process_fails_alone(course_root):
    """Without bwrap a worker can kill the pool process grading it (a known limit); every
    submission queued in that pool then fails with it. They are regraded one by one, so only
    the culprit is marked as failed."""
    killer = "import os, signal\ndef predict(p, X):\n    os.kill(os.getppid(), signal.SIGKILL)\n"
    expected = {"a_first": 14.0, "c_after": 14.0, "d_after": 0.0}
    put(course_root, "a_first", submission(A))
    put(course_root, "b_killer", submission(A, {"predict": killer}))
    put(course_root, "c_after", submission(A))
    put(course_root, "d_after", submission(A, solved=False))
    env = environment(course_root) | {"DLCOURSE_SANDBOX": "none"}
    result = subprocess.run(
        autograde_command("--workers", "1"),
        cwd=course_root,
        env=env,
        capture_output=True,
        text=True,
        timeout=RUN_TIMEOUT,
        start_new_session=True,
    )
    problems = [line for line in result.stdout.splitlines() if line.strip().startswith("!")]
    assert result.returncode == 1, result.stdout + result.stderr
    assert len(problems) == 1 and "b_killer" in problems[0], result.stdout
    rows = gradebook_rows(course_root)
    assert rows["integrity"] == [("ok",)]
    for student, score in expected.items():
        assert rows["grades"][student] == (GRADE_CELLS, score), student
