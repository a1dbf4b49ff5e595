"""A class run through nbgrader's exchange, end to end: one instructor, two students.

What it checks is what the README's "Run a class" section tells people to do, step by step:

1. The instructor keeps the course folder (here a temporary copy of ``solutions/``,
   ``assignments/`` and ``nbgrader_config.py``; the gradebook and the grading secret go there)
   and points ``c.Exchange.root`` in its ``nbgrader_config.py`` at a shared exchange folder,
   then runs ``dlcourse release`` (which also enters the assignment in the gradebook) and
   ``nbgrader release_assignment``. The exchange's inbound folder lets students drop
   submissions but not list them.
2. Each student has only the student environment (numpy, matplotlib, h5py, ipykernel,
   nbgrader, jupyterlab; no ``dlcourse``, no ``dlutils``: ``tests/student_env.py``) and, in
   ``~/.jupyter/``, ``scripts/student/nbgrader_config.py`` (the course id; the exchange root
   from ``DLCOURSE_EXCHANGE``). Alice and Bob,
   each in their own home, run ``nbgrader fetch_assignment`` (they get the whole release
   folder), fill in the notebook (Alice with the solution, Bob with the first classic mistake of
   ``samples.toml``) and ``nbgrader submit``.
3. The instructor runs ``nbgrader collect``, ``dlcourse autograde``, ``dlcourse feedback`` and
   ``nbgrader release_feedback``.
4. Each student runs ``nbgrader fetch_feedback`` and gets one HTML page that names them and
   their score (Alice full marks, Bob less), and nothing of the other student.

nbgrader names a submission after the OS user (``JUPYTERHUB_USER`` in a ``jovyan`` image); the
test's students share one OS user, so ``submit`` and ``fetch_feedback`` get ``--student``.
The instructor commands run with cwd = the course folder and ``DLCOURSE_ROOT`` set, so the test
holds whether ``dlcourse`` finds the course through the variable or the current folder.
A separate test runs the README's commands that keep the instructor extensions (Formgrader,
Create Assignment, Course List) off for students, in a student's own Jupyter config, and checks
that Assignment List and Validate stay on.

Duration: about a minute once ``.student-venv/`` exists (grading two submissions dominates).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import stat
import subprocess
import time
from pathlib import Path

import pytest

from autograder import course
from autograder.samples import solution_answers
from tests.student_env import run_student

A = "C1W3_planar_classification"
COURSE_ID = "dlcourse"  # nbgrader_config.py's c.CourseDirectory.course_id
REPO = Path(__file__).resolve().parents[2]
VENV_BIN = REPO / ".venv" / "bin"
STUDENT_CONFIG = REPO / "scripts" / "student" / "nbgrader_config.py"
STUDENTS = ("alice", "bob")
TIMEOUT = 600  # generous: the machine is shared and busy
SCORE = re.compile(r"<h1>[^<]*:\s*([0-9.]+)\s*/\s*([0-9.]+)\s*points</h1>")


def _tail(text: str, lines: int = 40) -> str:
    return "\n".join(text.splitlines()[-lines:])


def _check(
    result: subprocess.CompletedProcess, what: str, started: float
) -> subprocess.CompletedProcess:
    """Fail with the command's output tails when it did not succeed."""
    print(f"{time.monotonic() - started:6.1f} s  {what}")
    assert result.returncode == 0, (
        f"{what} failed with exit code {result.returncode}\n"
        f"--- stdout ---\n{_tail(result.stdout)}\n--- stderr ---\n{_tail(result.stderr)}"
    )
    return result


def _files(folder: Path) -> set[str]:
    return {
        str(path.relative_to(folder))
        for path in folder.rglob("*")
        if path.is_file() and ".ipynb_checkpoints" not in path.parts
    }


class Instructor:
    """Runs the project's ``nbgrader`` and ``dlcourse`` from the course folder."""

    def __init__(self, course_root: Path, home: Path):
        self.root = course_root
        home.mkdir()
        self.env = {
            key: value
            for key, value in os.environ.items()
            if not key.startswith(("JUPYTER", "NBGRADER"))
        }
        self.env.update(
            DLCOURSE_ROOT=str(course_root),
            # as in an activated venv: nbgrader's gradebook runs `alembic` from PATH
            PATH=os.pathsep.join([str(VENV_BIN), os.environ.get("PATH", "")]),
            VIRTUAL_ENV=str(VENV_BIN.parent),
            HOME=str(home),
            USER="instructor",
            LOGNAME="instructor",
            OPENBLAS_NUM_THREADS="1",
        )

    def run(self, program: str, *args: str) -> subprocess.CompletedProcess:
        argv = [str(VENV_BIN / program), *args]
        started = time.monotonic()
        result = subprocess.run(
            argv, capture_output=True, text=True, cwd=self.root, env=self.env, timeout=TIMEOUT
        )
        return _check(result, "instructor: " + " ".join([program, *args]), started)


class Student:
    """A student with a home folder, the student environment and nothing of the project."""

    def __init__(self, name: str, home: Path, exchange: Path):
        self.name = name
        self.home = home
        self.exchange = exchange
        # the student-side config the README gives: course id, exchange from DLCOURSE_EXCHANGE
        (home / ".jupyter").mkdir(parents=True)
        shutil.copy(STUDENT_CONFIG, home / ".jupyter" / "nbgrader_config.py")

    def run(self, *argv: str) -> subprocess.CompletedProcess:
        started = time.monotonic()
        result = run_student(
            list(argv),
            cwd=self.home,
            timeout=TIMEOUT,
            HOME=str(self.home),
            USER=self.name,
            LOGNAME=self.name,
            DLCOURSE_EXCHANGE=str(self.exchange),
        )
        return _check(result, f"{self.name}: " + " ".join(argv), started)


def _fill_in(notebook_path: Path, answers: dict[str, str]) -> None:
    """Replace every answer cell of the fetched notebook with ``answers[grade_id]``."""
    notebook = json.loads(notebook_path.read_text(encoding="utf-8"))
    filled = 0
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("solution") and meta.get("grade_id") in answers:
            cell["source"] = answers[meta["grade_id"]]
            filled += 1
    assert filled == len(answers), f"filled {filled} answer cells of {len(answers)}"
    notebook_path.write_text(json.dumps(notebook, indent=1), encoding="utf-8")


def _bobs_answers() -> tuple[dict[str, str], str]:
    """The solution with the first classic mistake of ``samples.toml`` planted (the demo's)."""
    sample = course.samples(A)[0]
    answers = solution_answers(A)
    cell = answers[sample.function]
    if sample.old:
        assert sample.old in cell, f"{sample.old!r} is not in the solution of {sample.function}"
        answers[sample.function] = cell.replace(sample.old, sample.new, 1)
    else:
        answers[sample.function] = sample.new
    return answers, sample.label


@pytest.fixture
def course_copy(tmp_path) -> Path:
    """The instructor's course folder (a copy of the repository's) with an exchange root."""
    root = tmp_path / "course"
    root.mkdir()
    for name in ("solutions", "assignments"):
        shutil.copytree(REPO / name, root / name)
    config = root / "nbgrader_config.py"
    shutil.copy(REPO / "nbgrader_config.py", config)
    exchange = tmp_path / "exchange"
    exchange.mkdir()
    exchange.chmod(0o777)  # every student's nbgrader writes below it
    with config.open("a", encoding="utf-8") as handle:
        handle.write(f"\nc.Exchange.root = {str(exchange)!r}\n")
    return root


def test_two_students_through_the_exchange(course_copy, tmp_path):
    exchange = tmp_path / "exchange"
    teacher = Instructor(course_copy, tmp_path / "instructor")

    # 1. release: dlcourse puts the assignment in the gradebook, nbgrader into the exchange
    teacher.run("dlcourse", "release", A)
    teacher.run("nbgrader", "release_assignment", A)
    inbound = exchange / COURSE_ID / "inbound"
    mode = stat.S_IMODE(inbound.stat().st_mode)
    assert mode & stat.S_IWOTH and mode & stat.S_IXOTH, f"students cannot submit: {oct(mode)}"
    assert not mode & stat.S_IROTH, f"students could list each other's submissions: {oct(mode)}"

    # 2. fetch, fill in, submit, in the student environment
    students = {name: Student(name, tmp_path / name, exchange) for name in STUDENTS}
    bob_answers, bob_mistake = _bobs_answers()
    answers = {"alice": solution_answers(A), "bob": bob_answers}
    for name, student in students.items():
        student.run("nbgrader", "fetch_assignment", A)
        fetched = student.home / A
        assert _files(fetched) == _files(course_copy / "assignments" / A), (
            f"{name} did not get the whole release folder"
        )
        _fill_in(fetched / f"{A}.ipynb", answers[name])
        student.run("nbgrader", "submit", A, f"--student={name}")

    # 3. collect, grade, feedback, release the feedback
    teacher.run("nbgrader", "collect", A)
    for name in STUDENTS:
        assert (course_copy / "submitted" / name / A / f"{A}.ipynb").is_file()
    graded = teacher.run("dlcourse", "autograde", A, "--workers", "2", "--no-progress")
    teacher.run("dlcourse", "feedback", A)
    for name in STUDENTS:  # what nbgrader's release_feedback reads beside each page
        for file_name in ("timestamp.txt", "submission_secret.txt"):
            assert (course_copy / "feedback" / name / A / file_name).is_file(), file_name
    teacher.run("nbgrader", "release_feedback", A)

    # 4. each student fetches their own feedback and nothing else
    scores = {}
    for name, student in students.items():
        student.run("nbgrader", "fetch_feedback", A, f"--student={name}")
        pages = sorted((student.home / A / "feedback").rglob("*.html"))
        assert len(pages) == 1, f"{name} got feedback pages {pages}"
        page = pages[0].read_text(encoding="utf-8")
        assert f"<b>{name}</b>" in page, f"{name}'s feedback does not name them"
        found = SCORE.search(page)
        assert found, f"{name}'s feedback has no score heading:\n{page[:800]}"
        scores[name] = (float(found.group(1)), float(found.group(2)))
    (alice, alice_max), (bob, bob_max) = scores["alice"], scores["bob"]
    assert alice == alice_max > 0, f"alice (the solution) got {alice} / {alice_max}"
    assert bob_max == alice_max and bob < bob_max, (
        f"bob ({bob_mistake}) got {bob} / {bob_max}\n{_tail(graded.stdout)}"
    )
    for name, student in students.items():
        for other in STUDENTS:
            if other == name:
                continue
            leaks = [
                path
                for path in student.home.rglob("*")
                if path.is_file()
                and (
                    other in str(path.relative_to(student.home))
                    or f"<b>{other}</b>" in path.read_text(encoding="utf-8", errors="replace")
                )
            ]
            assert not leaks, f"{name}'s home holds {other}'s files: {leaks}"


# What students must not have (instructor tools), and what they keep (nbgrader 0.9 names).
LAB_OFF = (
    "@jupyter/nbgrader:formgrader",
    "@jupyter/nbgrader:create-assignment",
    "@jupyter/nbgrader:course-list",
)
SERVER_OFF = ("nbgrader.server_extensions.formgrader", "nbgrader.server_extensions.course_list")
SERVER_ON = (
    "nbgrader.server_extensions.assignment_list",
    "nbgrader.server_extensions.validate_assignment",
)


def test_student_extension_settings(tmp_path):
    """The README's extension settings, with the names of the installed nbgrader.

    The Lab plugins are disabled here at the user level (``--level=user``, in a student's own
    home); the image recipe uses ``--level=sys_prefix``, the same command at another level.
    ``jupyter server extension disable`` only toggles an extension at the level that enabled
    it (``--sys-prefix`` for a pip install), which would change the shared student
    environment, so for the server the test checks that the recipe's names are the ones the
    installed nbgrader registers."""
    student = Student("carol", tmp_path / "carol", tmp_path / "exchange")
    student.run("jupyter", "labextension", "disable", "--level=user", *LAB_OFF)
    listed = student.run("jupyter", "labextension", "list")
    text = listed.stdout + listed.stderr
    assert "Disabled extensions:" in text, text
    disabled = text.split("Disabled extensions:", 1)[1]
    for plugin in LAB_OFF:
        assert plugin in disabled, f"{plugin} is not disabled:\n{text}"
    for plugin in ("@jupyter/nbgrader:assignment-list", "@jupyter/nbgrader:validate-assignment"):
        assert plugin not in disabled, f"{plugin} was disabled too:\n{text}"
    servers = student.run("jupyter", "server", "extension", "list")
    text = servers.stdout + servers.stderr
    for name in SERVER_OFF + SERVER_ON:
        assert re.search(re.escape(name) + r"\s.*enabled", text), f"{name} not registered:\n{text}"
