"""The gradebook writer stages nbgrader's own rows itself (one commit per batch): they must be
the rows nbgrader's ``Gradebook.add_submission`` makes, scored as the report says."""

from __future__ import annotations

import datetime

import pytest

from autograder.commands.autograde import GradebookWriter
from tests.conftest import RELEASED_ASSIGNMENT as A
from tests.conftest import copy_course


@pytest.fixture
def course_root(tmp_path, released_template):
    return copy_course(released_template, tmp_path / "course")


def gradebook_url(root) -> str:
    return f"sqlite:///{root / 'gradebook.db'}"


def layout(gradebook, student: str) -> dict:
    """What a submission holds: per notebook, its grade cells and commented cells by name."""
    submission = gradebook.find_submission(A, student)
    return {
        notebook.name: (
            sorted(grade.name for grade in notebook.grades),
            sorted(comment.name for comment in notebook.comments),
        )
        for notebook in submission.notebooks
    }


def report(points: dict[str, list[float]]) -> dict:
    """A report whose tests earn ``points[function]`` (one test per number)."""
    tests = [
        {"function": function, "name": f"test_{function}_{index}", "points": value}
        for function, values in points.items()
        for index, value in enumerate(values)
    ]
    return {"assignment": A, "tests": tests, "notes": []}


def test_rows_match_nbgrader_add_submission_and_scores_follow_the_report(course_root):
    from nbgrader.api import Gradebook

    writer = GradebookWriter(gradebook_url(course_root), A, A)
    cells = {name: max_score for name, max_score in writer._grade_cells().values()}
    graded = sorted(cells)[:2]
    functions = [name.removeprefix("test_") for name in graded]
    when = datetime.datetime(2026, 11, 30, 12, 0)
    # two tests for the first function, whose sum is capped at the cell's maximum
    over = cells[graded[0]] + 5.0
    first = report({functions[0]: [over - 1.0, 1.0], functions[1]: [0.25]})
    failed = writer.record_many([("alice", first, when), ("bob", report({}), None)])
    assert failed == {}
    writer.close()

    with Gradebook(gradebook_url(course_root)) as gradebook:
        gradebook.add_student("carol")
        gradebook.add_submission(A, "carol")  # nbgrader's own layout, for comparison
        assert layout(gradebook, "alice") == layout(gradebook, "carol")
        assert layout(gradebook, "bob") == layout(gradebook, "carol")
        scores = {
            grade.name: grade.auto_score
            for grade in gradebook.find_submission_notebook(A, A, "alice").grades
        }
        assert scores[graded[0]] == cells[graded[0]]  # capped at the cell's maximum
        assert scores[graded[1]] == 0.25
        assert all(scores[name] == 0.0 for name in cells if name not in graded)
        assert gradebook.find_submission(A, "alice").timestamp == when
        assert gradebook.find_submission(A, "bob").score == 0.0


def test_recording_again_updates_the_one_submission(course_root):
    from nbgrader.api import Gradebook

    writer = GradebookWriter(gradebook_url(course_root), A, A)
    name = sorted(name for name, _ in writer._grade_cells().values())[0]
    function = name.removeprefix("test_")
    writer.record("alice", report({function: [1.0]}), None)
    writer.record("alice", report({function: [0.5]}), None)
    writer.close()
    with Gradebook(gradebook_url(course_root)) as gradebook:
        assert [s.student.id for s in gradebook.assignment_submissions(A)] == ["alice"]
        grades = gradebook.find_submission_notebook(A, A, "alice").grades
        assert [grade.auto_score for grade in grades if grade.name == name] == [0.5]
        assert len(grades) == len({grade.name for grade in grades})


def test_one_failing_write_in_a_batch_costs_that_student_only(course_root, monkeypatch):
    from nbgrader.api import Gradebook

    writer = GradebookWriter(gradebook_url(course_root), A, A)
    original = GradebookWriter._record

    def failing(self, student, report_json, timestamp):
        if student == "bob":
            raise ValueError("bob's write fails")
        return original(self, student, report_json, timestamp)

    monkeypatch.setattr(GradebookWriter, "_record", failing)
    entries = [(student, report({}), None) for student in ("alice", "bob", "carol")]
    failed = writer.record_many(entries)
    writer.close()
    assert list(failed) == ["bob"]
    with Gradebook(gradebook_url(course_root)) as gradebook:
        assert sorted(s.student.id for s in gradebook.assignment_submissions(A)) == [
            "alice",
            "carol",
        ]


def test_a_fault_of_the_grader_records_nothing_so_a_rerun_grades_it(course_root):
    """A result marked ``retry`` (a cluster worker with another suite) is not the student's
    doing: no grade, no zero report with a fingerprint that a rerun would skip."""
    from nbgrader.api import Gradebook

    from autograder.commands.autograde import Submission, record_results
    from autograder.judge.notebook import read_notebook

    release = read_notebook(course_root / "assignments" / A / f"{A}.ipynb")
    folder = course_root / "submitted" / "alice" / A
    folder.mkdir(parents=True)
    alice = Submission("alice", folder / f"{A}.ipynb")
    result = {"ok": False, "error": "this worker runs a different dlcourse", "retry": True}
    writer = GradebookWriter(gradebook_url(course_root), A, A)
    ((submission, written, problems),) = record_results(
        course_root, A, release, writer, [(alice, "stamp", result)]
    )
    writer.close()
    assert submission is alice and not written
    assert "different dlcourse" in problems[0] and "rerun" in problems[0]
    assert not (course_root / "autograded" / "alice").exists()
    with Gradebook(gradebook_url(course_root)) as gradebook:
        assert gradebook.assignment_submissions(A) == []
