"""``nbgrader autograde`` survives a pasted test cell, as ``dlcourse autograde`` does.

nbgrader's ``DeduplicateIds`` sets a duplicated cell's metadata to ``{}``; its
``CheckCellMetadata`` then raised ``SchemaTooOldError``, and nbgrader stopped the whole run
there: every student after the one who pasted a cell went ungraded. Now the pasted copies (and
cells with grade_ids the release does not have) are ignored for that student only, and earn
nothing.
"""

from __future__ import annotations

import copy
import json
import os
import subprocess
import sys

from autograder.judge.notebook import grade_id
from autograder.samples import submission
from tests.conftest import copy_course
from tests.security import kit

A = kit.A
FULL_MARKS = 14.0


def released_course(template, tmp_path):
    """A course folder of its own, with the assignment released (a copy of the session's
    released course, see tests/conftest.py)."""
    return copy_course(template, tmp_path / "course")


def nbgrader_autograde(root) -> subprocess.CompletedProcess:
    env = dict(os.environ, DLCOURSE_ROOT=str(root), DLCOURSE_SECRET="paste-secret")
    env.pop("PYTHONPATH", None)
    return subprocess.run(
        [sys.executable, "-m", "nbgrader", "autograde", A, "--force"],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
        start_new_session=True,
    )


def pasted_submission() -> dict:
    """The full solution with the test cell of ``predict`` pasted twice more (once with its id
    changed and more points, once at the very top) and a made-up bonus test cell."""
    notebook = submission(A)
    test = next(cell for cell in notebook["cells"] if grade_id(cell) == "test_predict")
    pasted = copy.deepcopy(test)
    pasted["id"] = "pasted1"
    top = copy.deepcopy(test)
    top["id"] = "pasted0"
    bonus = copy.deepcopy(test)
    bonus["id"] = "bonus"
    bonus["metadata"]["nbgrader"].update(grade_id="test_bonus", points=10.0)
    notebook["cells"] = [top] + notebook["cells"] + [pasted, bonus]
    return notebook


def test_a_pasted_test_cell_fails_or_is_ignored_for_that_student_only(released_template, tmp_path):
    root = released_course(released_template, tmp_path)
    # nbgrader grades in name order: the pasted one first, so a stop would leave zoe ungraded.
    students = {"aaron": pasted_submission(), "zoe": submission(A)}
    for student, notebook in students.items():
        folder = root / "submitted" / student / A
        folder.mkdir(parents=True)
        (folder / f"{A}.ipynb").write_text(json.dumps(notebook))

    result = nbgrader_autograde(root)
    assert "SchemaTooOldError" not in result.stderr and "nbgrader update" not in result.stderr

    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        scores = {s.student.id: s.score for s in gradebook.assignment_submissions(A)}
        assert gradebook.find_assignment(A).max_score == FULL_MARKS
    assert scores == {"aaron": FULL_MARKS, "zoe": FULL_MARKS}, result.stderr[-3000:]
    assert result.returncode == 0, result.stderr[-3000:]
    for student in students:
        assert (root / "autograded" / student / A / f"{A}.ipynb").exists()
    graded = json.loads((root / "autograded" / "aaron" / A / f"{A}.ipynb").read_text())
    ids = [grade_id(cell) for cell in graded["cells"] if grade_id(cell)]
    assert ids.count("test_predict") == 1 and "test_bonus" not in ids


def test_a_hostile_timestamp_stops_neither_nbgrader_autograde_nor_leaks(
    released_template, tmp_path
):
    """nbgrader's own reader stopped the run on 'soon-ish' and followed a symlink to the
    secret; the reader nbgrader_config.py installs never raises nor follows links."""
    root = released_course(released_template, tmp_path)
    secret = "secret-text-that-must-not-leak"
    (root / "secret.txt").write_text(secret)
    for student in ("amy", "ben", "zoe"):
        folder = root / "submitted" / student / A
        folder.mkdir(parents=True)
        (folder / f"{A}.ipynb").write_text(json.dumps(submission(A)))
    (root / "submitted" / "amy" / A / "timestamp.txt").write_text("soon-ish")
    (root / "submitted" / "ben" / A / "timestamp.txt").symlink_to(root / "secret.txt")
    (root / "submitted" / "zoe" / A / "timestamp.txt").write_text("2026-03-01 10:00:00")

    result = nbgrader_autograde(root)
    assert secret not in result.stdout + result.stderr
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        graded = {s.student.id: s for s in gradebook.assignment_submissions(A)}
        scores = {student: s.score for student, s in graded.items()}
        zoe_time = graded["zoe"].timestamp
    assert scores == {"amy": FULL_MARKS, "ben": FULL_MARKS, "zoe": FULL_MARKS}, result.stderr[
        -3000:
    ]
    assert zoe_time is not None and (zoe_time.year, zoe_time.month, zoe_time.day) == (2026, 3, 1)
    assert result.returncode == 0, result.stderr[-3000:]
