"""What suite authors write with: cases, the ``graded`` marker and the failure type.

A suite is a pytest module in :mod:`autograder.suites`, one per assignment. Each test function
takes two fixtures, ``student`` (the submission's functions) and ``case`` (one input), and
carries the ``graded`` marker::

    @graded("layer_sizes", points=1, public=[Case(X, Y)], hidden=random_layer_sizes_case)
    def test_layer_sizes(student, case):
        got = student.layer_sizes(*case.args)
        expect_equal(got, case.run(reference.layer_sizes), name="layer_sizes(X, Y)", case=case)

``points`` is what the test function is worth in total; it is split evenly over its cases.
``hidden`` builds one case from a ``numpy.random.Generator`` seeded by the grading secret, so
hidden inputs differ between secrets but are the same for a given one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import numpy as np
import pytest

from autograder.learner.channel import Seed, copy_value
from autograder.learner.errors import Mismatch

__all__ = ["Case", "Mismatch", "Seed", "graded", "copy_value"]


class Case:
    """One input for a graded function: positional and keyword arguments plus a label.

    Arguments must be plain data (arrays, numbers, strings, lists, tuples, dicts) or a
    :class:`Seed` standing for ``rng=np.random.default_rng(seed)``.
    """

    def __init__(self, *args, label: str = "", **kwargs):
        self.args = args
        self.kwargs = kwargs
        self.label = label
        self.hidden = False

    def run(self, function: Callable):
        """Call a trusted function (the reference, or a known mistake) on fresh copies."""
        return function(*copy_value(list(self.args)), **copy_value(self.kwargs))

    def describe(self) -> str:
        if self.hidden:
            return "a hidden case"
        return f"the public case {self.label!r}" if self.label else "a public case"

    def __repr__(self) -> str:
        kind = "hidden" if self.hidden else "public"
        return f"Case({kind}, {self.label!r})"


def graded(
    function: str,
    points: float,
    public: Sequence[Case] = (),
    hidden: Callable[[np.random.Generator], Case] | None = None,
    n_hidden: int = 3,
    timeout: float = 10.0,
    explanation: str = "",
    replayable: bool = True,
):
    """Mark a test function as worth ``points`` for the graded function ``function``.

    ``explanation`` (used by quizzes) is shown in the report after grading, whether the test
    passed or not.

    ``replayable=False`` says that the test's expected values come from the learner's own
    results (a finite difference of their own ``J``), so they cannot be frozen as data for the
    release's self-check (:mod:`autograder.judge.freeze`): the self-check runs the calls and
    recognises the sample mistakes, and otherwise leaves the verdict to the grader.
    """

    def decorate(test):
        test = pytest.mark.graded(
            function=function,
            points=float(points),
            public=list(public),
            hidden=hidden,
            n_hidden=n_hidden if hidden is not None else 0,
            timeout=timeout,
            explanation=explanation,
            replayable=replayable,
        )(test)
        return test

    return decorate
