"""What holds for every assignment, so that a new one is covered the day its folder exists.

Parametrised over :func:`autograder.course.known_assignments` (every ``suites/<A>/suite.py``):

- the instructor's solution gets full marks, on every graded function of the suite;
- the blank release gets 0;
- the points each notebook shows (nbgrader's ``points`` on the test cells, in ``solutions/``
  and in the release in ``assignments/``) are the suite's points for that function, and every
  graded function has exactly one test cell;
- the demo's classic mistake (the first of ``suites/<A>/samples.toml``, which every programming
  assignment has) loses points on its own function and shows its catalogue hint.
"""

from __future__ import annotations

import pytest

from autograder import course, demo
from autograder.kit.authoring import suite_points
from autograder.kit.plugin import graded_function_names
from autograder.samples import load_json
from tests.autograder.helpers import grade, graded_sample

ASSIGNMENTS = course.known_assignments()


def notebook_points(path) -> dict[str, float]:
    """``{function: points}`` of the graded test cells (``grade_id`` ``test_<function>``)."""
    points: dict[str, float] = {}
    for cell in load_json(path)["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade") and meta.get("grade_id", "").startswith("test_"):
            function = meta["grade_id"][len("test_") :]
            assert function not in points, f"{path}: two test cells for {function}"
            points[function] = float(meta["points"])
    return points


def test_every_assignment_has_a_solution_and_a_release():
    assert ASSIGNMENTS, "no suites/<A>/suite.py found"
    for assignment in ASSIGNMENTS:
        assert course.source_notebook(assignment).is_file(), assignment
        assert course.release_notebook(assignment).is_file(), (
            f"{assignment} has no release; run `dlcourse release {assignment}`"
        )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_solution_gets_full_marks(assignment):
    report = graded_sample(assignment)
    functions = graded_function_names(course.suite_module(assignment))
    assert list(report.function_scores()) == functions
    assert report.max_score > 0
    lost = {test.name: test.message for test in report.tests if test.points < test.max_points}
    assert not lost, lost
    assert report.score == pytest.approx(report.max_score)


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_blank_release_gets_zero(assignment):
    report = graded_sample(assignment, solved=False)
    assert report.max_score > 0
    earned = {test.name: test.points for test in report.tests if test.points}
    assert not earned, earned
    assert report.score == 0


@pytest.mark.parametrize("where", ["solutions", "assignments"])
@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_notebook_shows_the_suite_points(assignment, where):
    path = (
        course.source_notebook(assignment)
        if where == "solutions"
        else course.release_notebook(assignment)
    )
    shown = notebook_points(path)
    functions = graded_function_names(course.suite_module(assignment))
    assert sorted(shown) == sorted(functions), (
        f"{path}: the test cells are for {sorted(shown)}, the suite grades {sorted(functions)}"
    )
    for function in functions:
        assert shown[function] == pytest.approx(suite_points(assignment, function)), (
            f"{path}: test_{function} shows {shown[function]:g} points, the suite gives "
            f"{suite_points(assignment, function):g}"
        )


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_demo_classic_mistake_loses_points_and_shows_its_hint(assignment):
    found = course.samples(assignment)
    if not found:  # a quiz may do without; a programming assignment needs the demo's mistake
        assert course.is_quiz(assignment), f"suites/{assignment}/samples.toml has no [[samples]]"
        return
    sample = found[0]
    report = grade(demo.classic_mistake(assignment), assignment)
    points, available = report.function_scores()[sample.function]
    assert points < available, f"{sample.function}: the demo's mistake kept full marks"
    if sample.mistake is not None:  # quizzes show the question's explanation instead
        own = [t.message for t in report.tests if t.function == sample.function and not t.passed]
        assert any(sample.mistake in message for message in own), (sample.mistake, own)
