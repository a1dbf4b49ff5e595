"""A course folder of the instructor's own, with the project installed as a wheel.

The instructor's whole flow, from a fresh environment and a temporary folder outside the
repository with no ``DLCOURSE_ROOT``: ``dlcourse init``, ``release``, ``autograde``,
``feedback``, ``export``. Everything must land in that folder (its own secret, gradebook,
reports, pages and exports), nothing in the repository, and the solutions must earn full marks.
The course folder is found from the current directory, also from a subfolder; an empty folder
is refused with exit 2. The wheel environment is shared (``tests/wheel_env.py``).
"""

from __future__ import annotations

import csv
import json
import subprocess
from pathlib import Path

import pytest

from autograder import course
from autograder.kit.authoring import suite_points
from autograder.kit.scoring import total
from autograder.kit.suitecheck import graded_functions
from autograder.samples import submission
from tests.wheel_env import REPO, clean_environment, wheel_environment

A = "C1W3_planar_classification"
QUIZ = "C1W3_quiz"
# Student ids no other test uses, so the repository's gradebook can be searched for them.
FULL, BLANK = "ownwheel_alice", "ownwheel_bob"
TIMEOUT = 1800  # generous: two cores shared by several test runs


def max_score(assignment: str) -> float:
    return total(suite_points(assignment, name) for name in graded_functions(assignment))


def dlcourse(environment: Path, cwd: Path, *args) -> subprocess.CompletedProcess:
    """The installed ``dlcourse``, in ``cwd``, with no course named in the environment."""
    path = f"{environment / 'bin'}:{clean_environment()['PATH']}"
    return subprocess.run(
        [str(environment / "bin" / "dlcourse"), *args],
        cwd=cwd,
        env=clean_environment(PATH=path),
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        start_new_session=True,
    )


def ok(result: subprocess.CompletedProcess) -> subprocess.CompletedProcess:
    assert result.returncode == 0, (
        f"{result.args}:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result


def repository_secret() -> bytes | None:
    path = REPO / ".dlcourse" / "secret"
    return path.read_bytes() if path.exists() else None


@pytest.fixture(scope="module")
def installed() -> Path:
    return wheel_environment()


@pytest.fixture(scope="module")
def flow(installed, tmp_path_factory):
    """The course folder after init, release, two submissions each, autograde, feedback and
    export, all run by the installed ``dlcourse`` from inside the folder; plus what each printed
    and the repository's secret before it all."""
    secret_before = repository_secret()
    home = tmp_path_factory.mktemp("instructor")
    assert not home.is_relative_to(REPO)
    init = ok(dlcourse(installed, home, "init", "mycourse"))
    root = home / "mycourse"
    outputs = {"init": init}
    for assignment in (A, QUIZ):
        outputs[f"release {assignment}"] = ok(dlcourse(installed, root, "release", assignment))
    with pytest.MonkeyPatch.context() as patch:  # the samples are built from this course
        patch.setenv(course.ENV_ROOT, str(root))
        for assignment in (A, QUIZ):
            for student, solved in ((FULL, True), (BLANK, False)):
                folder = root / "submitted" / student / assignment
                folder.mkdir(parents=True)
                notebook = submission(assignment, solved=solved)
                (folder / f"{assignment}.ipynb").write_text(json.dumps(notebook))
    inside = root / "submitted"  # a subfolder of the course: found by walking up
    for assignment in (A, QUIZ):
        outputs[f"autograde {assignment}"] = ok(
            dlcourse(installed, inside, "autograde", assignment, "--workers", "2", "--no-progress")
        )
    outputs["feedback"] = ok(dlcourse(installed, root, "feedback", A))
    outputs["export"] = ok(dlcourse(installed, root, "export"))
    return root, outputs, secret_before


def gradebook_scores(database: Path, assignment: str) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{database}") as gradebook:
        return {s.student.id: s.score for s in gradebook.assignment_submissions(assignment)}


@pytest.mark.slow
def test_init_makes_a_course_folder_with_its_own_secret(flow):
    root, outputs, secret_before = flow
    shipped = sorted(
        p.relative_to(REPO / "solutions") for p in (REPO / "solutions").rglob("*.ipynb")
    )
    copied = sorted(
        p.relative_to(root / "solutions") for p in (root / "solutions").rglob("*.ipynb")
    )
    assert copied == shipped and len(shipped) >= 10
    assert (root / "nbgrader_config.py").read_text() == (REPO / "nbgrader_config.py").read_text()
    secret = root / ".dlcourse" / "secret"
    assert secret.stat().st_mode & 0o777 == 0o600
    assert len(bytes.fromhex(secret.read_text().strip())) == 32
    assert secret.read_bytes() != secret_before
    assert "dlcourse release" in outputs["init"].stdout


@pytest.mark.slow
def test_grades_reports_feedback_and_exports_land_in_the_course_folder(flow):
    root, outputs, _ = flow
    for assignment in (A, QUIZ):
        assert (root / "assignments" / assignment / f"{assignment}.ipynb").is_file()
        scores = gradebook_scores(root / "gradebook.db", assignment)
        assert scores == {FULL: max_score(assignment), BLANK: 0.0}, (scores, outputs)
        for student in (FULL, BLANK):
            report = root / "autograded" / student / assignment / "dlcourse-report.json"
            assert report.is_file(), outputs[f"autograde {assignment}"].stdout
    page = root / "feedback" / FULL / A / f"{A}.html"
    assert page.is_file() and FULL in page.read_text()
    with (root / "exports" / "grades.csv").open(newline="") as handle:
        rows = list(csv.DictReader(handle))
    exported = {(row["student_id"], row["assignment"]): float(row["score"]) for row in rows}
    assert exported[(FULL, A)] == max_score(A) and exported[(BLANK, A)] == 0.0
    assert exported[(FULL, QUIZ)] == max_score(QUIZ)
    assert str(root / "exports" / "grades.csv") in outputs["export"].stdout


@pytest.mark.slow
def test_the_repository_gets_nothing(flow):
    _, _, secret_before = flow
    assert repository_secret() == secret_before
    database = REPO / "gradebook.db"
    if database.exists():
        for assignment in (A, QUIZ):
            assert not set(gradebook_scores(database, assignment)) & {FULL, BLANK}
    for folder in ("submitted", "autograded", "feedback"):
        assert not (REPO / folder / FULL).exists()


@pytest.mark.slow
def test_an_empty_folder_is_no_course(installed, tmp_path):
    result = dlcourse(installed, tmp_path, "autograde", A)
    assert result.returncode == 2, result.stdout + result.stderr
    assert "no course folder here: run `dlcourse init DIR` or pass --course DIR" in result.stderr
    assert not list(tmp_path.iterdir())
    named = dlcourse(installed, tmp_path, "export", "--course", str(tmp_path))
    assert named.returncode == 2 and "dlcourse init" in named.stderr


@pytest.mark.slow
def test_the_wheel_loads_its_data_sets_anywhere(installed, tmp_path):
    script = (
        "from dlutils.datasets import datasets_dir, load_planar_dataset\n"
        "X, Y = load_planar_dataset()\n"
        "print(datasets_dir()); print(X.shape, Y.shape)\n"
    )
    result = subprocess.run(
        [str(installed / "bin" / "python"), "-c", script],
        cwd=tmp_path,
        env=clean_environment(),
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    folder, shapes = result.stdout.splitlines()
    assert Path(folder).is_relative_to(installed)
    assert shapes.startswith("(2, ") and "(1, " in shapes
