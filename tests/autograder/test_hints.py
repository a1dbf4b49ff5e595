"""Every classic mistake of every assignment, graded alone: its hint and no other.

The mistakes are each assignment's samples (``suites/<A>/samples.toml``, read with
:func:`autograder.course.samples`), so an assignment's mistakes are covered as soon as its
samples file exists. A submission is the solution with one sample planted. The function with
the mistake must lose points and show that mistake's own hint (``sample.mistake``, the
catalogue entry; a quiz's samples have none and show no hint). Every other function that fails
must say which graded function it calls is wrong (the knock-on message), and no hint may appear
anywhere else: a hint is shown only when it is true.
"""

from __future__ import annotations

import re

import pytest

from autograder import course
from autograder.samples import submission
from tests.autograder import planted
from tests.autograder.helpers import grade

HINT = re.compile(r"Hint: (.*)")


CATALOGUE = [
    (assignment, index, sample)
    for assignment in course.known_assignments()
    for index, sample in enumerate(course.samples(assignment))
]


@pytest.mark.slow
@pytest.mark.parametrize(
    ("assignment", "index", "sample"),
    CATALOGUE,
    ids=[f"{a}-{i}-{s.function}" for a, i, s in CATALOGUE],
)
def test_a_classic_mistake_shows_its_own_hint_and_no_other(assignment, index, sample):
    function, hint = sample.function, sample.mistake
    answers = {function: planted.answer(assignment, sample)}
    report = grade(submission(assignment, answers), assignment)
    points, available = report.function_scores()[function]
    assert points < available, f"{function}: the mistake ({sample.label}) kept full marks"
    own = [t.message for t in report.tests if t.function == function and not t.passed]
    if hint is not None:
        assert any(hint in message for message in own), (hint.name, own)
    for test in report.tests:
        if test.passed:
            continue
        shown = HINT.findall(test.message)
        if test.function == function:
            assert not shown or (hint is not None and hint in test.message), (
                test.name,
                hint,
                shown,
            )
        else:
            assert not shown, f"{test.function} shows a hint for {function}'s mistake: {shown}"
            assert "calls your " in test.message, (test.function, test.message)
