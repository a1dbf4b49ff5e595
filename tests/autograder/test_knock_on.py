"""Knock-on failures are named in the report, the feedback page and the self-check."""

from __future__ import annotations

import numpy as np

from autograder import course
from autograder.commands.feedback import render
from autograder.kit import knock_on
from autograder.learner.selfcheck import SelfCheck
from autograder.samples import solution_answers, submission
from tests.autograder.helpers import grade


def _one_mistake(assignment: str, function: str, old: str, new: str) -> dict:
    answers = solution_answers(assignment)
    assert old in answers[function], (function, old)
    answers[function] = answers[function].replace(old, new, 1)
    return submission(assignment, answers, solved=False)


def _without_one_over_m(assignment: str, function: str, contains: str) -> dict:
    """The solution with the 1/m dropped from the line of ``function`` that assigns a gradient."""
    answers = solution_answers(assignment)
    line = next(x for x in answers[function].splitlines() if contains in x).strip()
    wrong = line.replace("/ m", "").replace("/m", "")
    assert wrong != line, line
    return _one_mistake(assignment, function, line, wrong)


def _failing_messages(report, function: str) -> list[str]:
    return [t.message for t in report.tests if t.function == function and not t.passed]


def _assert_named(report, function: str, dependency: str) -> None:
    messages = _failing_messages(report, function)
    assert messages, f"{function} should fail when {dependency} is wrong"
    expected = knock_on.message(function, [dependency])
    for message in messages:
        assert expected in message, message
        assert "Hint:" not in message, message


def test_c1w3_nn_model_names_backward_propagation():
    assignment = "C1W3_planar_classification"
    report = grade(
        _one_mistake(assignment, "backward_propagation", "dW1 = dZ1 @ X.T / m", "dW1 = dZ1 @ X.T"),
        assignment,
    )
    _assert_named(report, "nn_model", "backward_propagation")
    expected = (
        "nn_model calls your backward_propagation, which fails its own tests; fix that first."
    )
    assert expected in render(report, "student")  # the feedback page says it too
    # the culprit itself keeps its own hint
    assert any("divide by m" in m for m in _failing_messages(report, "backward_propagation"))


def test_c1w2_optimize_names_propagate_and_model_names_optimize():
    assignment = "C1W2_logistic_regression"
    report = grade(_without_one_over_m(assignment, "propagate", "dw ="), assignment)
    assert _failing_messages(report, "propagate")
    _assert_named(report, "optimize", "propagate")
    _assert_named(report, "model", "optimize")


def test_step_by_step_names_the_backward_block_it_calls():
    # No graded function of the assignment calls L_model_backward; a wrong linear_backward
    # shows the chain linear_backward <- linear_activation_backward <- L_model_backward.
    assignment = "C1W4_deep_nn_step_by_step"
    report = grade(_without_one_over_m(assignment, "linear_backward", "dW ="), assignment)
    assert _failing_messages(report, "linear_backward")
    _assert_named(report, "linear_activation_backward", "linear_backward")
    _assert_named(report, "L_model_backward", "linear_activation_backward")


def test_a_dependency_that_only_changes_its_inputs_is_not_blamed():
    # optimize updates w in place (a failed property check) but returns the right values
    assignment = "C1W2_logistic_regression"
    answers = solution_answers(assignment)
    line = next(line for line in answers["optimize"].splitlines() if "w = w -" in line)
    answers["optimize"] = answers["optimize"].replace(line, line.replace("w = w -", "w -="), 1)
    report = grade(submission(assignment, answers, solved=False), assignment)
    assert not _failing_messages(report, "model"), _failing_messages(report, "model")


RELEASE_CHECKS = course.release_notebook("C1W3_planar_classification").parent / "selfcheck"


def test_the_self_check_names_the_dependency_in_the_kernel():
    namespace: dict = {"np": np}
    answers = solution_answers("C1W3_planar_classification")
    source = "\n\n".join(answers.values()).replace("dW1 = dZ1 @ X.T / m", "dW1 = dZ1 @ X.T")
    exec("import numpy as np\nfrom dlutils.activations import sigmoid\n" + source, namespace)
    check = SelfCheck("C1W3_planar_classification", color=False, folder=RELEASE_CHECKS)
    outcome = check.run(namespace["nn_model"])
    assert not outcome.ok
    text = check.render(outcome)
    assert (
        "nn_model calls your backward_propagation, which fails its own tests; fix that first"
        in text
    )
    assert "Hint:" not in text
    assert check.run(namespace["predict"]).ok  # predict does not call the wrong function
