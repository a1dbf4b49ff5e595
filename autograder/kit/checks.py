"""Property checks that every suite writes the same way, made by one call each.

A property check (leaves its inputs alone, returns a float) can only take points from a right
answer (see :mod:`autograder.kit.scoring`). Each factory returns a graded pytest function; bind
it to a ``test_*`` name in the suite module so pytest collects it::

    test_forward_leaves_inputs_alone = leaves_inputs_alone("forward", points=0.5, public=[case])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from autograder.kit.spec import Case, graded
from autograder.learner.compare import (
    expect_array,
    expect_float,
    expect_no_mutation,
    expect_scalar,
    expect_tuple,
)

__all__ = [
    "leaves_inputs_alone",
    "matches_finite_differences",
    "matches_reference",
    "returns_float",
    "takes_a_number",
]


def _named(test: Callable, name: str) -> Callable:
    test.__name__ = test.__qualname__ = name
    return test


def leaves_inputs_alone(
    function: str, *, points: float, public: Sequence[Case], timeout: float = 10.0
) -> Callable:
    """A check that calling ``function`` on each public case changes none of its arguments
    (``timeout``: seconds per case, as :func:`~autograder.kit.spec.graded`)."""

    @graded(function, points=points, public=public, timeout=timeout)
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


def matches_reference(
    function: str,
    reference: Callable,
    *,
    points: float,
    public: Sequence[Case],
    hidden: Callable | None = None,
    n_hidden: int = 3,
    aspect: str = "",
    name: str = "",
    expect: Callable = expect_array,
    mistakes: Callable | None = None,
    rtol: float = 1e-6,
    atol: float = 1e-8,
) -> Callable:
    """A check that ``function`` returns what the trusted ``reference`` returns on each case.

    ``expect`` compares (``expect_array`` or ``expect_scalar``); ``mistakes(*args, **kwargs)``
    gives the case's ``[(Mistake, wrong value), ...]`` for the hint. ``aspect`` names a second
    check of the same function (``test_sigmoid_of_a_number`` has ``aspect="of_a_number"``).
    """

    @graded(function, points=points, public=public, hidden=hidden, n_hidden=n_hidden)
    def test(student, case):
        got = getattr(student, function)(*case.args, **case.kwargs)
        expect(
            got,
            case.run(reference),
            name=name or f"{function}(...)",
            case=case,
            mistakes=mistakes(*case.args, **case.kwargs) if mistakes else (),
            rtol=rtol,
            atol=atol,
        )

    return _named(test, f"test_{function}_{aspect}" if aspect else f"test_{function}")


def matches_finite_differences(
    function: str,
    *,
    points: float,
    public: Sequence[Case],
    numerical: Callable[[Case], dict],
    rtol: float = 1e-5,
    atol: float = 1e-7,
) -> Callable:
    """A check that the gradients ``function`` returns equal centred finite differences.

    ``numerical(case)`` gives ``{name: gradient}`` computed in the judge (see
    :mod:`dlutils.gradcheck`). A returned dict is read by those names, a returned tuple in
    their order.
    """

    @graded(function, points=points, public=public)
    def test(student, case):
        got = getattr(student, function)(*case.args, **case.kwargs)
        want = numerical(case)
        if type(got) is not dict:
            got = dict(
                zip(want, expect_tuple(got, len(want), name=f"{function}(...)"), strict=True)
            )
        for key, target in want.items():
            label = f"{key} (against finite differences)"
            expect_array(got.get(key), target, name=label, case=case, rtol=rtol, atol=atol)

    return _named(test, f"test_{function}_matches_finite_differences")


def takes_a_number(
    function: str, reference: Callable, *, points: float, public: Sequence[Case], name: str = ""
) -> Callable:
    """A check that ``function`` of a Python number gives the reference's value as a number.

    Docstrings that promise "array_like, any shape" promise this: a number is array_like.
    """
    return matches_reference(
        function,
        lambda *args: float(reference(*args)),
        points=points,
        public=public,
        aspect="of_a_number",
        expect=expect_scalar,
        name=name or f"{function} of a number",
    )
