"""A PostgreSQL gradebook (``--db URL``) on a real server (tests/postgres.py): the same grades as
SQLite, two graders at once losing nothing, a clear exit 2 when the server cannot be reached,
and the URL taken from ``--db`` (before or after the verb) or from ``nbgrader_config.py``."""

from __future__ import annotations

import datetime
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from autograder import course, demo
from autograder.samples import submission
from tests.conftest import copy_course
from tests.postgres import binaries, free_port, postgres_server

A = "C1W3_planar_classification"
B = "C1W2_logistic_regression"
STAMP = "2026-11-30 10:00:00.000000 UTC"


@pytest.fixture(scope="module")
def server():
    try:
        binaries()
    except RuntimeError as missing:
        pytest.fail(str(missing))
    with postgres_server() as running:
        yield running


@pytest.fixture(scope="module")
def released(server, tmp_path_factory) -> Path:
    """A course folder with A and B released by ``dlcourse --db URL release`` into the database
    ``released``, which each test copies (``CREATE DATABASE ... TEMPLATE released``)."""
    root = tmp_path_factory.mktemp("pg_released") / "course"
    (root / "solutions").mkdir(parents=True)
    shutil.copy(course.course_root() / course.COURSE_CONFIG, root)
    for name in (A, B):
        shutil.copytree(course.source_notebook(name).parent, root / "solutions" / name)
    done = dlcourse(root, "--db", server.create_database("released"), "release")
    assert done.returncode == 0, done.stdout + done.stderr
    assert not (root / "gradebook.db").exists(), "--db elsewhere must leave no SQLite gradebook"
    return root


def dlcourse(root: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "autograder.cli", *args],
        cwd=root,
        env=environment(root),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def environment(root: Path) -> dict:
    scripts = str(Path(sys.executable).parent)
    env = dict(os.environ, DLCOURSE_ROOT=str(root), DLCOURSE_SECRET="postgres-test")
    env["PATH"] = scripts + os.pathsep + env["PATH"]
    env.pop(course.ENV_DB_URL, None)
    return env


def submit(root: Path, assignment: str, students: dict[str, dict]) -> None:
    for student, notebook in students.items():
        folder = root / "submitted" / student / assignment
        folder.mkdir(parents=True)
        (folder / f"{assignment}.ipynb").write_text(json.dumps(notebook))
        (folder / "timestamp.txt").write_text(STAMP)


def rows_of(path: Path, assignment: str) -> list[str]:
    lines = path.read_text().splitlines()
    return [lines[0]] + [line for line in lines[1:] if line.startswith(assignment + ",")]


def test_postgres_gives_the_same_export_as_sqlite(server, released, released_template, tmp_path):
    students = {
        "alice": submission(A),
        "bob": submission(A, solved=False),
        "cal": demo.classic_mistake(A),
    }
    exports = {}
    sqlite = copy_course(released_template, tmp_path / "sqlite")
    postgres = copy_course(released, tmp_path / "postgres")
    url = server.create_database("same", template="released")
    for root, db in ((sqlite, []), (postgres, ["--db", url])):
        submit(root, A, students)
        graded = dlcourse(root, *db, "autograde", A, "--workers", "2")
        assert graded.returncode == 0, graded.stdout + graded.stderr
        assert "graded 3" in graded.stdout
        exported = dlcourse(root, "export", *db, "-o", str(root / "grades.csv"))
        assert exported.returncode == 0, exported.stdout + exported.stderr
        exports[root.name] = rows_of(root / "grades.csv", A)
    assert len(exports["postgres"]) == 4
    assert exports["postgres"] == exports["sqlite"]
    assert ",alice,,,,2026-11-30 10:00:00," in exports["postgres"][1]
    assert not (postgres / "gradebook.db").exists()


def test_two_graders_at_once_lose_and_duplicate_nothing(server, released, tmp_path):
    """Two ``autograde`` processes, one per assignment, add the same six new students to one
    gradebook at the same time."""
    from nbgrader.api import Gradebook

    root = copy_course(released, tmp_path / "course")
    url = server.create_database("together", template="released")
    right = {f"s{index}": index % 2 == 0 for index in range(6)}
    for assignment in (A, B):
        submit(root, assignment, {s: submission(assignment, solved=ok) for s, ok in right.items()})
    command = [sys.executable, "-m", "autograder.cli", "--db", url, "autograde"]
    runs = [
        subprocess.Popen(
            [*command, name, "--workers", "1"],
            cwd=root,
            env=environment(root),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in (A, B)
    ]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, out + err
        assert "graded 6" in out, out
    with Gradebook(course.database_url(url)) as gradebook:
        assert sorted(student.id for student in gradebook.students) == sorted(right)
        for assignment in (A, B):
            cells = {
                cell.name: cell.max_score
                for cell in gradebook.find_notebook(assignment, assignment).grade_cells
            }
            assert cells
            for student, solved in right.items():
                graded = gradebook.find_submission(assignment, student)
                grades = [grade for notebook in graded.notebooks for grade in notebook.grades]
                assert sorted(grade.name for grade in grades) == sorted(cells)
                for grade in grades:
                    assert grade.auto_score == (cells[grade.name] if solved else 0.0), (
                        assignment,
                        student,
                        grade.name,
                    )
                report = json.loads(
                    (
                        root / "autograded" / student / assignment / "dlcourse-report.json"
                    ).read_text()
                )
                assert graded.score == pytest.approx(sum(t["points"] for t in report["tests"]))


def test_a_write_that_loses_the_race_for_a_new_student_is_retried(server, released):
    """Another grader inserts the same new student and commits while this one waits on it:
    PostgreSQL says unique violation, the writer rolls back and writes again."""
    import psycopg

    from autograder.commands.autograde import GradebookWriter, _zero_report

    url = server.create_database("race", template="released")
    writer = GradebookWriter(course.database_url(url), A, A)
    other = psycopg.connect(url)
    other.execute("INSERT INTO student (id) VALUES ('zed')")  # not committed yet
    threading.Timer(1.0, other.commit).start()
    try:
        when = datetime.datetime(2026, 11, 30, 10)
        writer.record("zed", _zero_report(A, "raced"), when)
        submission_row = writer.gradebook.find_submission(A, "zed")
        assert submission_row.timestamp == when
        assert len([s for s in writer.gradebook.students if s.id == "zed"]) == 1
    finally:
        writer.close()
        other.close()


def in_process(root: Path, *args: str, monkeypatch, capsys) -> tuple[int, str, str]:
    """``dlcourse --course ROOT ARGS`` in this process (a second each instead of three): the
    variables it sets (``DLCOURSE_ROOT``, ``DLCOURSE_DB_URL``) are undone after the test."""
    from autograder import cli

    for name in (course.ENV_ROOT, course.ENV_DB_URL):
        # set, then deleted: monkeypatch then restores the variable's state before the test
        # (absent included) when the test ends, whatever cli.main set in between
        monkeypatch.setenv(name, "")
        monkeypatch.delenv(name)
    monkeypatch.setenv("DLCOURSE_SECRET", "postgres-test")
    capsys.readouterr()
    code = cli.main(["--course", str(root), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_an_unreachable_database_exits_2_quickly_without_the_password(
    released, tmp_path, monkeypatch, capsys
):
    root = copy_course(released, tmp_path / "course")
    report = root / "autograded" / "ann" / A / "dlcourse-report.json"
    report.parent.mkdir(parents=True)
    report.write_text("{}")
    url = f"postgresql://grader:pa55-secret@127.0.0.1:{free_port()}/gradebook"
    shown = "cannot open the gradebook at postgresql+psycopg://grader:***@127.0.0.1"
    started = time.monotonic()
    done = dlcourse(root, "autograde", A, "--db", url, timeout=120)
    assert time.monotonic() - started < 30
    assert done.returncode == 2, done.stdout + done.stderr
    assert "pa55-secret" not in done.stdout + done.stderr
    assert shown in done.stderr and "Check that the database server runs" in done.stderr
    for verb in (["release", A], ["feedback", A], ["export"]):
        started = time.monotonic()
        code, out, err = in_process(
            root, *verb, "--db", url, monkeypatch=monkeypatch, capsys=capsys
        )
        assert time.monotonic() - started < 30, verb
        assert code == 2, (verb, out, err)
        assert "pa55-secret" not in out + err
        assert shown in err, (verb, err)
    assert not (root / "gradebook.db").exists()


def test_the_url_comes_from_db_before_or_after_the_verb_or_from_the_config(
    server, released, tmp_path, monkeypatch, capsys
):
    """The SQLite gradebook does not exist here: export and feedback work only if they read
    the PostgreSQL one they were pointed at."""
    from autograder.commands.autograde import _zero_report

    root = copy_course(released, tmp_path / "course")
    url = server.create_database("configured", template="released")
    report = root / "autograded" / "ann" / A / "dlcourse-report.json"
    report.parent.mkdir(parents=True)
    report.write_text(json.dumps(_zero_report(A, "not submitted")))
    for args in (["--db", url, "export"], ["export", "--db", url]):
        code, out, err = in_process(root, *args, monkeypatch=monkeypatch, capsys=capsys)
        assert code == 0, out + err
        assert "(0 students, 2 assignments)" in out

    code, out, err = in_process(
        root, "feedback", A, "--db", url, monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 0, out + err
    assert (root / "feedback" / "ann" / A / f"{A}.html").is_file()
    empty = server.create_database("empty")
    code, out, err = in_process(
        root, "feedback", A, "--db", empty, monkeypatch=monkeypatch, capsys=capsys
    )
    assert code == 2
    assert f"does not know {A}; check --db" in err

    # the shipped nbgrader_config.py follows DLCOURSE_DB_URL, so nbgrader itself does too
    from traitlets.config.loader import PyFileConfigLoader

    monkeypatch.setenv(course.ENV_DB_URL, empty)
    loaded = PyFileConfigLoader(course.COURSE_CONFIG, path=str(root)).load_config()
    assert loaded.CourseDirectory.db_url == course.database_url(empty)
    monkeypatch.delenv(course.ENV_DB_URL)
    assert course.configured_db_url(root) is None  # and sets no URL of its own
    with (root / course.COURSE_CONFIG).open("a") as config:
        config.write(f"\nc.CourseDirectory.db_url = {url!r}\n")
    code, out, err = in_process(root, "export", monkeypatch=monkeypatch, capsys=capsys)
    assert code == 0, out + err
    assert "(0 students, 2 assignments)" in out
    assert not (root / "gradebook.db").exists()
