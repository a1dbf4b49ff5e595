"""Hidden values stay hidden: feedback on hidden cases gives the size of an error to two
significant digits at most, hidden cases depend on the student as well as the secret (so a
table of answers learned by one student is worthless to another), and a student's own
exception text on a hidden case does not print the hidden inputs."""

from __future__ import annotations

import hashlib
import re

import numpy as np

from autograder import course
from autograder.judge import engine
from autograder.kit.plugin import suite_cases
from autograder.learner.compare import _fmt
from dlutils import shallow
from tests.security import kit
from tests.security.kit import attack

suite = course.suite_module(kit.A)

COST_TESTS = [name for name in vars(suite) if name.startswith("test_compute_cost")]


def _key(A2, Y) -> str:
    return hashlib.sha256(np.ascontiguousarray(A2).tobytes() + np.ascontiguousarray(Y).tobytes())


def learned_table(student: str) -> dict[str, float]:
    """What a student could collect over feedback rounds: the cost on each of their cases."""
    table = {}
    for test in COST_TESTS:
        for case in suite_cases(
            suite, test, full=True, secret=kit.SECRET, assignment=kit.A, student=student
        ):
            A2, Y = case.args
            table[_key(A2, Y).hexdigest()] = float(case.run(shallow.compute_cost))
    return table


def lookup_submission(table: dict[str, float]) -> dict:
    return attack(
        compute_cost=f"""
    import hashlib
    _TABLE = {table!r}

    def compute_cost(A2, Y):
        key = hashlib.sha256(
            np.ascontiguousarray(A2).tobytes() + np.ascontiguousarray(Y).tobytes()
        ).hexdigest()
        return float(_TABLE.get(key, 0.0))
    """
    )


def test_a_table_learned_by_one_student_is_worthless_to_another(grade):
    table = learned_table("alice")
    assert len(table) > len(COST_TESTS)  # hidden cases are in it
    submission = lookup_submission(table)
    alice = engine.grade_submission(submission, kit.A, secret=kit.SECRET, student="alice")
    bob = engine.grade_submission(submission, kit.A, secret=kit.SECRET, student="bob")
    points, max_points = alice.function_scores()["compute_cost"]
    assert points == max_points > 0  # the table is right for alice (the attack works for her)
    assert bob.function_scores()["compute_cost"][0] == 0
    # The same student and secret give the same score, every time.
    again = engine.grade_submission(submission, kit.A, secret=kit.SECRET, student="alice")
    assert again.to_json() == alice.to_json()


def test_no_student_id_keeps_the_cases_of_a_self_learner():
    for test in COST_TESTS:
        plain = suite_cases(suite, test, full=True, secret=kit.SECRET, assignment=kit.A)
        empty = suite_cases(suite, test, full=True, secret=kit.SECRET, assignment=kit.A, student="")
        for one, other in zip(plain, empty, strict=True):
            for a, b in zip(one.args, other.args, strict=True):
                assert np.array_equal(a, b)


WRONG = """
def compute_cost(A2, Y):
    return float(-np.sum(Y * np.log(A2)))
"""


def test_hidden_errors_are_shown_to_two_significant_digits(grade):
    report = grade(attack(compute_cost=WRONG))
    hidden = [t.message for t in report.tests if t.hidden and not t.passed]
    sizes = [re.search(r"largest difference ([^)]*)\)", text) for text in hidden]
    sizes = [match.group(1) for match in sizes if match]
    assert sizes, hidden
    for size in sizes:
        mantissa = size.split("e")[0].replace("-", "").replace(".", "").lstrip("0")
        assert len(mantissa) <= 2, size


RAISES_WITH_ITS_ARGUMENTS = """
def compute_cost(A2, Y):
    raise ValueError(f"bad input A2={A2.tolist()} Y={Y.tolist()} first={A2.flat[0]!r}")
"""


def test_an_exception_with_the_arguments_in_it_does_not_print_hidden_inputs(grade):
    report = grade(attack(compute_cost=RAISES_WITH_ITS_ARGUMENTS))
    kit.assert_honest(report, zero=["compute_cost", "nn_model"])
    hidden_text = "\n".join(t.message for t in report.tests if t.hidden and not t.passed)
    public_text = "\n".join(t.message for t in report.tests if not t.hidden and not t.passed)
    assert "raised ValueError" in hidden_text
    inputs = set()
    for test in COST_TESTS:
        for case in suite_cases(suite, test, full=True, secret=kit.SECRET, assignment=kit.A):
            if case.hidden:
                for value in case.args:
                    for number in np.ravel(value):
                        for text in (repr(float(number))[:7], _fmt(number)):
                            if len(text.strip("-0.")) >= 4:
                                inputs.add(text)
    assert len(inputs) > 50
    leaked = [text for text in inputs if text in hidden_text]
    assert not leaked, leaked[:10]
    # The public case's inputs are public: there the learner sees their own message in full.
    public = suite.test_compute_cost.pytestmark[0].kwargs["public"][0]
    assert repr(float(public.args[0].flat[0]))[:7] in public_text
