"""``dlcourse autograde A --scheduler ADDRESS`` on a real Dask cluster on 127.0.0.1.

A scheduler and two single-thread workers run as subprocesses, each worker in an empty folder
of its own (no course, no shared filesystem: the notebooks travel with the tasks). A worker
killed mid-batch loses nothing; the grading secret is never written under the workers' local
directories (they spill every stored value to disk, so a secret sent as data would land there);
a client killed mid-batch resumes; an unreachable scheduler or one without workers is refused
within seconds (exit 2) with a message saying how to start one.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import socket
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from autograder import course
from autograder.commands.autograde import REPORT_NAME, _grade_one
from autograder.kit.plugin import graded_markers
from autograder.samples import submission, with_replacement
from tests.conftest import copy_course

PLANAR = "C1W3_planar_classification"
LOGISTIC = "C1W2_logistic_regression"
SECRET = "dask-secret-5b1e0c7a9d"
RUN_TIMEOUT = 600  # only stops a run that hangs
# Workers spill every value they store to their local directory (a target of 0 % of memory),
# and never pause: a secret sent as data instead of as a task argument would be written there.
SPILL_EVERYTHING = {
    "DASK_DISTRIBUTED__WORKER__MEMORY__TARGET": "1e-9",
    "DASK_DISTRIBUTED__WORKER__MEMORY__SPILL": "False",
    "DASK_DISTRIBUTED__WORKER__MEMORY__PAUSE": "False",
    "DASK_DISTRIBUTED__WORKER__MEMORY__TERMINATE": "False",
}


class Cluster:
    """A scheduler and workers started as subprocesses, each in its own session, so teardown
    kills exactly them (and anything they left)."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.processes: list[subprocess.Popen] = []
        self.workers: list[subprocess.Popen] = []
        self.local_dirs: list[Path] = []
        self.logs: list[Path] = []

    def _start(self, name: str, args: list[str], env: dict) -> subprocess.Popen:
        log = self.folder / f"{name}.log"
        self.logs.append(log)
        cwd = self.folder / f"{name}-cwd"  # an empty folder: no course there
        cwd.mkdir()
        with log.open("wb") as output:
            process = subprocess.Popen(
                [sys.executable, "-m", *args],
                cwd=cwd,
                env=env,
                stdout=output,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append(process)
        return process

    def start_scheduler(self) -> str:
        """Start the scheduler; returns its address once it listens."""
        file = self.folder / "scheduler.json"
        self.scheduler_file = file
        args = [
            "distributed.cli.dask_scheduler",
            "--host",
            "127.0.0.1",
            "--port",
            "0",
            "--scheduler-file",
            str(file),
            "--no-dashboard",
        ]
        process = self._start("scheduler", args, worker_environment())
        deadline = time.monotonic() + 60
        while not file.exists() and time.monotonic() < deadline:
            assert process.poll() is None, self.logs[-1].read_text()
            time.sleep(0.1)
        time.sleep(0.2)  # the file is written whole, but give the reader a moment
        return json.loads(file.read_text())["address"]

    def start_worker(self) -> subprocess.Popen:
        name = f"worker{len(self.workers)}"
        local = self.folder / f"{name}-local"
        self.local_dirs.append(local)
        args = [
            "distributed.cli.dask_worker",
            "--scheduler-file",
            str(self.scheduler_file),
            "--nthreads",
            "1",
            "--no-dashboard",
            "--no-nanny",
            "--local-directory",
            str(local),
            "--name",
            name,
        ]
        process = self._start(name, args, dict(worker_environment(), **SPILL_EVERYTHING))
        self.workers.append(process)
        return process

    def wait_for_workers(self, address: str, count: int) -> None:
        from distributed import Client

        with Client(address, timeout=30, set_as_default=False) as client:
            client.wait_for_workers(count, timeout=120)

    def kill_a_busy_worker(self, address: str) -> None:
        """kill -9 a worker that is grading a submission right now."""
        from distributed import Client

        with Client(address, timeout=30, set_as_default=False) as client:
            workers = client.scheduler_info()["workers"]
            busy = [workers[a]["name"] for a, keys in client.processing().items() if keys]
        assert busy, "no worker was grading"
        self.workers[int(busy[0].removeprefix("worker"))].kill()

    def stop(self) -> None:
        for process in self.processes:
            try:
                os.killpg(process.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            process.wait(10)


def worker_environment() -> dict:
    """A grading machine's environment: the same dlcourse (PYTHONPATH is kept), but no course
    folder and no secret."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DLCOURSE_", "DASK_"))}
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    return env


def client_environment(root: Path) -> dict:
    return dict(worker_environment(), DLCOURSE_ROOT=str(root), DLCOURSE_SECRET=SECRET)


def autograde_command(assignment: str, address: str, *extra: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "autograder.cli",
        "autograde",
        assignment,
        "--no-progress",
        "--scheduler",
        address,
        *extra,
    ]


def run(root: Path, command: list[str], timeout: float = RUN_TIMEOUT):
    return subprocess.run(
        command,
        cwd=root,
        env=client_environment(root),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def mistaken(assignment: str) -> dict:
    """The solution with the assignment's first classic mistake (its samples.toml)."""
    sample = course.samples(assignment)[0]
    if sample.old:
        return with_replacement(assignment, sample.function, sample.old, sample.new)
    return submission(assignment, {sample.function: sample.new})


def full_marks(assignment: str) -> float:
    return sum(
        mark.kwargs["points"] for _, _, mark in graded_markers(course.suite_module(assignment))
    )


KINDS = {
    "right": lambda a: submission(a),
    "blank": lambda a: submission(a, solved=False),
    "mistake": mistaken,
}
STUDENTS = {f"s{i:02d}": ("right", "blank", "mistake")[i % 3] for i in range(10)}


def put_class(root: Path, assignment: str) -> None:
    for student, kind in STUDENTS.items():
        folder = root / "submitted" / student / assignment
        folder.mkdir(parents=True)
        (folder / f"{assignment}.ipynb").write_text(json.dumps(KINDS[kind](assignment)))


def expected_scores(root: Path, assignment: str) -> dict[str, float]:
    """Full marks, zero, and for the mistakes what the local pool's grading function gives
    for the same file, student and secret."""
    expected = {}
    for student, kind in STUDENTS.items():
        if kind == "right":
            expected[student] = full_marks(assignment)
        elif kind == "blank":
            expected[student] = 0.0
        else:
            path = root / "submitted" / student / assignment / f"{assignment}.ipynb"
            result = _grade_one(str(path), assignment, SECRET.encode(), student)
            assert result["ok"], result
            expected[student] = sum(test["points"] for test in result["report"]["tests"])
    assert (
        0 < min(v for s, v in expected.items() if STUDENTS[s] == "mistake") < full_marks(assignment)
    )
    return {student: round(score, 4) for student, score in expected.items()}


def reports(root: Path, assignment: str) -> list[Path]:
    return sorted((root / "autograded").glob(f"*/{assignment}/{REPORT_NAME}"))


def gradebook(root: Path, assignment: str) -> tuple[dict, dict, int]:
    """``({student: submissions}, {(student, cell): [scores]}, grade cells of assignment)``."""
    with sqlite3.connect(root / "gradebook.db") as db:
        submissions = db.execute(
            "select submitted_assignment.student_id, count(*) from submitted_assignment "
            "join assignment on assignment.id = submitted_assignment.assignment_id "
            "where assignment.name = ? group by submitted_assignment.student_id",
            (assignment,),
        ).fetchall()
        rows = db.execute(
            "select submitted_assignment.student_id, base_cell.name, grade.auto_score "
            "from grade join base_cell on base_cell.id = grade.cell_id "
            "join submitted_notebook on submitted_notebook.id = grade.notebook_id "
            "join submitted_assignment "
            "on submitted_assignment.id = submitted_notebook.assignment_id "
            "join assignment on assignment.id = submitted_assignment.assignment_id "
            "where assignment.name = ?",
            (assignment,),
        ).fetchall()
        cells = db.execute(
            "select count(*) from grade_cells join base_cell on base_cell.id = grade_cells.id "
            "join notebook on notebook.id = base_cell.notebook_id "
            "join assignment on assignment.id = notebook.assignment_id where assignment.name = ?",
            (assignment,),
        ).fetchone()[0]
    grades: dict = {}
    for student, cell, score in rows:
        grades.setdefault((student, cell), []).append(score)
    return dict(submissions), grades, cells


def assert_graded_once(root: Path, assignment: str, expected: dict[str, float]) -> None:
    submissions, grades, cells = gradebook(root, assignment)
    assert submissions == {student: 1 for student in expected}
    assert cells > 0 and len(grades) == cells * len(expected)
    assert all(len(scores) == 1 for scores in grades.values()), grades  # no duplicate rows
    totals = {s: round(sum(v[0] for (t, _), v in grades.items() if t == s), 4) for s in expected}
    assert totals == expected
    graded = {json.loads(path.read_text())["student"]: path for path in reports(root, assignment)}
    assert sorted(graded) == sorted(expected)


def files_holding(text: str, places: list[Path]) -> list[Path]:
    """The files under ``places`` (folders or files) whose bytes contain ``text``."""
    found = []
    for place in places:
        for path in [place] if place.is_file() else place.rglob("*"):
            try:
                if path.is_file() and text.encode() in path.read_bytes():
                    found.append(path)
            except FileNotFoundError:  # spilled data is deleted as soon as it is released
                pass
    return found


def wait_for_first_report(root: Path, assignment: str, process: subprocess.Popen, dirs, leaks):
    """Poll until a report exists; meanwhile add to ``leaks`` the files under ``dirs`` that
    hold the secret (spilled values are deleted once released: look while the batch runs)."""
    deadline = time.monotonic() + RUN_TIMEOUT
    while not reports(root, assignment) and time.monotonic() < deadline:
        assert process.poll() is None, process.communicate()
        leaks += files_holding(SECRET, dirs)
        time.sleep(0.05)
    assert reports(root, assignment), "no submission was graded"


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    cluster = Cluster(tmp_path_factory.mktemp("cluster"))
    try:
        cluster.address = cluster.start_scheduler()
        cluster.start_worker()
        cluster.start_worker()
        cluster.wait_for_workers(cluster.address, 2)
        yield cluster
    finally:
        cluster.stop()


@pytest.fixture(scope="module")
def course_root(tmp_path_factory, released_template):
    """The released C1W3 course, with C1W2_logistic_regression released too, ten students each."""
    from autograder import api

    root = copy_course(released_template, tmp_path_factory.mktemp("cluster-course") / "course")
    source = course.source_notebook(LOGISTIC).parent
    shutil.copytree(source, root / "solutions" / LOGISTIC)
    api.release([LOGISTIC], root=root)
    for assignment in (PLANAR, LOGISTIC):
        put_class(root, assignment)
    return root


def test_a_worker_killed_mid_batch_loses_nothing(cluster, course_root):
    expected = expected_scores(course_root, PLANAR)
    client = subprocess.Popen(
        autograde_command(PLANAR, cluster.address),
        cwd=course_root,
        env=client_environment(course_root),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    leaks: list[Path] = []
    wait_for_first_report(course_root, PLANAR, client, cluster.local_dirs, leaks)
    cluster.kill_a_busy_worker(cluster.address)
    assert len(reports(course_root, PLANAR)) < len(STUDENTS), "the batch ended before the kill"
    cluster.start_worker()  # a replacement joins the running batch
    out, err = client.communicate(timeout=RUN_TIMEOUT)
    assert client.returncode == 0, out + err
    assert f"graded {len(STUDENTS)}, skipped 0 already graded, 0 with problems" in out, out + err
    assert_graded_once(course_root, PLANAR, expected)
    assert leaks == []
    assert files_holding(SECRET, cluster.local_dirs + cluster.logs) == []


def test_a_client_killed_mid_batch_resumes(cluster, course_root):
    expected = expected_scores(course_root, LOGISTIC)
    client = subprocess.Popen(
        autograde_command(LOGISTIC, cluster.address),
        cwd=course_root,
        env=client_environment(course_root),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    leaks: list[Path] = []
    wait_for_first_report(course_root, LOGISTIC, client, cluster.local_dirs, leaks)
    client.kill()
    client.wait(10)
    done = len(reports(course_root, LOGISTIC))
    assert 1 <= done < len(STUDENTS), "the batch ended before the kill"

    rerun = run(course_root, autograde_command(LOGISTIC, cluster.address))
    assert rerun.returncode == 0, rerun.stdout + rerun.stderr
    assert f"graded {len(STUDENTS) - done}, skipped {done} already graded" in rerun.stdout
    assert_graded_once(course_root, LOGISTIC, expected)
    assert leaks == []
    assert files_holding(SECRET, cluster.local_dirs + cluster.logs) == []


def closed_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def test_an_unreachable_scheduler_is_refused_within_seconds(course_root):
    silent = socket.socket()  # accepts connections, never answers: a hang, not a refusal
    silent.bind(("127.0.0.1", 0))
    silent.listen()
    unreachable = ("cannot reach a Dask scheduler", "dask worker ADDRESS --nthreads 1")
    cases = {
        f"tcp://127.0.0.1:{closed_port()}": unreachable,
        f"tcp://127.0.0.1:{silent.getsockname()[1]}": unreachable,
        "not-an-address::": ("is not a Dask scheduler address", "tcp://HOST:8786"),
    }
    started = time.monotonic()
    try:
        runs = {  # at once: each would wait for its own timeout
            address: subprocess.Popen(
                autograde_command(PLANAR, address, "--force"),
                cwd=course_root,
                env=client_environment(course_root),
                text=True,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
            )
            for address in cases
        }
        for address, process in runs.items():
            out, err = process.communicate(timeout=120)
            assert process.returncode == 2, (address, out + err)
            assert all(phrase in err for phrase in cases[address]), (address, err)
            assert "Traceback" not in err and "Exception ignored" not in err, err
        assert time.monotonic() - started < 60
    finally:
        silent.close()


def test_a_scheduler_without_workers_is_refused(tmp_path, course_root):
    lonely = Cluster(tmp_path)
    try:
        address = lonely.start_scheduler()
        started = time.monotonic()
        result = run(course_root, autograde_command(PLANAR, address, "--force"), timeout=120)
        assert result.returncode == 2, result.stdout + result.stderr
        assert "has no worker" in result.stderr and "dask worker" in result.stderr, result.stderr
        assert time.monotonic() - started < 90
    finally:
        lonely.stop()


def test_a_worker_with_another_suite_refuses_the_task():
    """``grade_task`` as a worker runs it, given a suite digest that is not its own."""
    from autograder.commands.cluster import grade_task

    notebook = json.dumps(submission(PLANAR)).encode()
    release = json.loads(course.release_notebook(PLANAR).read_text())
    for assignment, digest in ((PLANAR, "0" * 64), ("C9W9_not_installed", "0" * 64)):
        result = grade_task(notebook, "x.ipynb", assignment, b"s", "ann", release, digest)
        assert result == {
            "ok": False,
            "error": f"this worker runs a different dlcourse (suite of {assignment} differs): "
            "install the same version on every worker",
            "bad_input": False,
            "retry": True,  # the grader's fault: recorded nowhere, so a rerun grades it
        }


def test_an_oversized_notebook_fails_alone_unsent(cluster, tmp_path):
    """Refused by the client under the judge's cap (a sparse file: nothing is read)."""
    from autograder.commands.autograde import Submission
    from autograder.commands.cluster import grade_on_cluster

    big = tmp_path / f"{PLANAR}.ipynb"
    with big.open("wb") as file:
        file.truncate(100 * 2**20 + 1)
    release = json.loads(course.release_notebook(PLANAR).read_text())
    items = [(Submission("big", big), "stamp")]
    [(submission, stamp, result)] = grade_on_cluster(cluster.address, items, PLANAR, b"s", release)
    assert (submission.student, stamp, result["ok"], result["bad_input"]) == (
        "big",
        "stamp",
        False,
        True,
    )
    assert "more than the 100 MiB a notebook may have" in result["error"]


class Failed:
    """A finished Dask future whose result raises ``error``."""

    def __init__(self, error: BaseException):
        self.error = error

    def result(self):
        raise self.error


def test_a_task_whose_workers_keep_dying_fails_that_submission_only():
    from concurrent.futures import CancelledError

    from distributed import KilledWorker

    from autograder.api import BadInput
    from autograder.commands.cluster import _result

    killed = _result(Failed(KilledWorker("k", "w", 3)), "tcp://h:8786")
    assert killed["ok"] is False and "died" in killed["error"]
    broken = _result(Failed(ModuleNotFoundError("autograder.commands")), "tcp://h:8786")
    assert broken["ok"] is False and "same dlcourse version" in broken["error"]
    with pytest.raises(BadInput, match="lost the Dask scheduler at tcp://h:8786"):
        _result(Failed(CancelledError()), "tcp://h:8786")
