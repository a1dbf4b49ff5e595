"""Every classic mistake of every assignment: its hint, and no other.

The mistakes are each assignment's samples (``suites/<A>/samples.toml``, read with
:func:`autograder.course.samples`), so an assignment's mistakes are covered as soon as its
samples file exists. A submission is the solution with a batch of samples planted, at most one
per function and never one in a function that another mistaken function calls
(:func:`planted.batches`), so no mistake can mask or explain another: each is graded as if
alone. Each mistaken function must lose points and show its own sample's hint
(``sample.mistake``, the catalogue entry; a quiz's samples have none and show no hint). Every
other function that fails must say which graded function it calls is wrong (the knock-on
message), and no hint may appear anywhere else: a hint is shown only when it is true.
"""

from __future__ import annotations

import re

import pytest

from autograder import course
from tests.autograder import planted
from tests.autograder.helpers import grade

HINT = re.compile(r"Hint: (.*)")

BATCHES = [
    (assignment, batch)
    for assignment in course.known_assignments()
    for batch in planted.batches(assignment, course.samples(assignment))
]


def test_every_sample_is_in_one_batch():
    planted_samples = [(a, s) for a, batch in BATCHES for s in batch]
    every_sample = [(a, s) for a in course.known_assignments() for s in course.samples(a)]
    assert sorted(map(repr, planted_samples)) == sorted(map(repr, every_sample))


@pytest.mark.slow
@pytest.mark.parametrize(
    ("assignment", "batch"),
    BATCHES,
    ids=[f"{a}-{'+'.join(s.function for s in batch)}" for a, batch in BATCHES],
)
def test_classic_mistakes_show_their_own_hint_and_no_other(assignment, batch):
    report = planted.graded_batch(assignment, batch, grade)
    scores = report.function_scores()
    planted_in = {sample.function: sample for sample in batch}
    for function, sample in planted_in.items():
        points, available = scores[function]
        assert points < available, f"{function}: the mistake ({sample.label}) kept full marks"
        own = [t.message for t in report.tests if t.function == function and not t.passed]
        if sample.mistake is not None:
            assert any(sample.mistake in message for message in own), (sample.mistake.name, own)
    for test in report.tests:
        if test.passed:
            continue
        shown = HINT.findall(test.message)
        sample = planted_in.get(test.function)
        if sample is not None:
            hint = sample.mistake
            assert not shown or (hint is not None and hint in test.message), (
                test.name,
                hint,
                shown,
            )
        else:
            assert not shown, f"{test.function} shows a hint it has no mistake for: {shown}"
            assert "calls your " in test.message, (test.function, test.message)
