"""How a graded function earns its points: the one rule, for suite authors and learners.

Each test of a graded function (a ``graded`` pytest function) is one of two kinds:

- a **value test** has hidden cases (``graded(..., hidden=generator)``): it compares what the
  function returns with the reference, on the public cases and on hidden ones;
- a **check** has public cases only: a property of a right answer (it leaves its inputs
  alone, returns a float, agrees with finite differences, uses the default learning rate).

A function is worth the sum of its tests' declared points, and earns them so:

1. Public cases carry no points, and every public case of every value test must pass, or the
   function earns nothing. Their expected values are shown to the learner, so code that is
   right only on the public inputs must not pay.
2. A value test's points are split evenly over its hidden cases, and each hidden case that
   passes earns its share. ``v``, the fraction of the value tests' points earned, says how
   right the values are: a function right on some hidden sizes and wrong on others earns a
   share.
3. A check that passes earns its points times ``v``. So a failing check takes points away
   from a right answer, and a passing one never gives points to a wrong one.
4. A function with no value test at all (a quiz question) earns each case's share of its
   test's points when that case passes.

Points are exact decimals with four places: a test's points are split over its cases by
largest remainder, so that the shares add up to exactly what the test is declared to be worth
and a function's maximum prints as the notebook states it.
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import ROUND_HALF_EVEN, Decimal

QUANTUM = Decimal("0.0001")

PUBLIC, HIDDEN, CHECK, PLAIN = "public", "hidden", "check", "plain"


def to_decimal(points: float) -> Decimal:
    return Decimal(repr(float(points))).quantize(QUANTUM, rounding=ROUND_HALF_EVEN)


def split(points: float, n: int) -> list[Decimal]:
    """``points`` split into ``n`` shares of four decimals that add up exactly."""
    if n <= 0:
        return []
    units = int(to_decimal(points) / QUANTUM)
    base, extra = divmod(units, n)
    return [(base + (1 if i < extra else 0)) * QUANTUM for i in range(n)]


def total(values: Iterable[float]) -> float:
    """Exact sum of point values (each a four-decimal number)."""
    return float(sum((to_decimal(v) for v in values), Decimal(0)))


def score(results: list) -> None:
    """Set ``max_points`` and ``points`` of every test result, function by function.

    ``results`` are :class:`~autograder.judge.report.TestResult` objects whose ``test``, ``role``
    (public, hidden or check), ``passed`` and ``test_points`` the plugin has filled in. The
    checks of a function without value tests become plain tests (rule 4).
    """
    by_test: dict[tuple[str, str], list] = {}
    by_function: dict[str, list] = {}
    for result in results:
        by_test.setdefault((result.function, result.test), []).append(result)
        by_function.setdefault(result.function, []).append(result)
    shares: dict[int, Decimal] = {}
    for items in by_test.values():
        weighted = [r for r in items if r.role != PUBLIC]
        for result, share in zip(weighted, split(items[0].test_points, len(weighted)), strict=True):
            shares[id(result)] = share
    points: dict[int, Decimal] = {}
    for items in by_function.values():
        if not any(r.role in (PUBLIC, HIDDEN) for r in items):
            for result in items:
                result.role = PLAIN
        gate = all(r.passed for r in items if r.role == PUBLIC)
        hidden = [r for r in items if r.role == HIDDEN]
        value_max = sum((shares[id(r)] for r in hidden), Decimal(0))
        earned = sum((shares[id(r)] for r in hidden if r.passed), Decimal(0)) if gate else 0
        fraction = earned / value_max if value_max else Decimal(0)
        for result in items:
            share = shares.get(id(result), Decimal(0))
            if not result.passed or result.role == PUBLIC:
                points[id(result)] = Decimal(0)
            elif result.role == PLAIN:
                points[id(result)] = share
            elif result.role == HIDDEN:
                points[id(result)] = share if gate else Decimal(0)
            else:
                points[id(result)] = (share * fraction).quantize(QUANTUM)
    for result in results:
        result.max_points = float(shares.get(id(result), Decimal(0)))
        result.points = float(points[id(result)])
