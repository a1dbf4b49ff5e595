"""A total time budget per submission: calls that each sleep just under their timeout, slow
cells that restarts run again, and a last call that hangs cannot make one submission take
more than its budget (plus the clean-up of one worker). Tests not reached say so, and earn 0.
"""

from __future__ import annotations

import time

from autograder.judge import engine
from tests.security import kit
from tests.security.kit import attack

BUDGET = 8.0
# Generous: the budget bounds the student's time; what is left is the judge's own work
# (computing expected values, killing one worker), a few seconds even on a loaded machine.
MARGIN = 60.0

SLOW = """
import functools, time

time.sleep({cell_sleep})  # a slow cell, run again after every restart

def _slow(function):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        time.sleep({call_sleep})  # just under the per-call timeout
        return function(*args, **kwargs)
    return wrapper
"""

HANGS = """
def predict(parameters, X):
    while True:
        pass
"""


def slow_submission() -> dict:
    answers = {}
    for name in ("layer_sizes", "initialize_parameters", "forward_propagation", "compute_cost"):
        answers[name] = kit.join(
            SLOW.format(cell_sleep=1.0, call_sleep=kit.CALL_TIMEOUT - 0.5),
            kit.solution(name),
            f"{name} = _slow({name})",
        )
    answers["predict"] = HANGS
    return attack(**answers)


def check_budget_outcome(report, elapsed: float, budget: float) -> None:
    assert elapsed < budget + MARGIN, f"grading took {elapsed:.0f} s with a {budget:g} s budget"
    said = f"not run: time budget of {budget:g} s used up"
    not_run = [t for t in report.tests if said in t.message]
    assert not_run, [t.message for t in report.tests]
    assert all(t.points == 0 and not t.passed for t in not_run)
    # predict hangs and comes last: it is never reached, or is stopped by the budget.
    assert report.function_scores()["predict"][0] == 0
    assert report.max_score == kit.MAX_SCORE
    assert any("time budget" in note for note in report.notes), report.notes


def test_a_slow_submission_stops_at_its_budget_set_in_the_environment(grade, monkeypatch):
    monkeypatch.setenv(engine.ENV_TIME_BUDGET, f"{BUDGET:g}")
    started = time.monotonic()
    report = grade(slow_submission())
    check_budget_outcome(report, time.monotonic() - started, BUDGET)


def test_the_budget_is_a_keyword_of_grade_submission(grade):
    grade(attack())  # warm up: the honest solution is graded well within any budget
    started = time.monotonic()
    report = engine.grade_submission(slow_submission(), kit.A, secret=kit.SECRET, time_budget=6)
    check_budget_outcome(report, time.monotonic() - started, 6)


def test_an_honest_submission_is_untouched_by_the_default_budget(grade):
    kit.assert_honest(grade(attack()))
