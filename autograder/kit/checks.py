"""Property checks that every suite writes the same way, made by one call each.

A property check (leaves its inputs alone, returns a float) can only take points from a right
answer (see :mod:`autograder.kit.scoring`). Each factory returns a graded pytest function; bind
it to a ``test_*`` name in the suite module so pytest collects it::

    test_forward_leaves_inputs_alone = leaves_inputs_alone("forward", points=0.5, public=[case])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from autograder.kit.compare import expect_float, expect_no_mutation
from autograder.kit.spec import Case, graded

__all__ = ["leaves_inputs_alone", "returns_float"]


def _named(test: Callable, name: str) -> Callable:
    test.__name__ = test.__qualname__ = name
    return test


def leaves_inputs_alone(function: str, *, points: float, public: Sequence[Case]) -> Callable:
    """A check that calling ``function`` on each public case changes none of its arguments."""

    @graded(function, points=points, public=public)
    def test(student, case):
        getattr(student, function)(*case.args, **case.kwargs)
        expect_no_mutation(student, function)

    return _named(test, f"test_{function}_leaves_inputs_alone")


def returns_float(
    function: str, *, points: float, public: Sequence[Case], name: str = ""
) -> Callable:
    """A check that ``function`` returns a Python ``float`` (or a 0-d float) on each case."""

    @graded(function, points=points, public=public)
    def test(student, case):
        expect_float(getattr(student, function)(*case.args, **case.kwargs), name=name or function)

    return _named(test, f"test_{function}_returns_float")
