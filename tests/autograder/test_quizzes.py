"""The Course 1 quizzes graded end to end through the real engine (worker, channel, suite).

Per quiz: the solution earns every point; every right answer written in other accepted forms
still does; one submission carries six different mistakes (a wrong letter, a partial and an
over-full select-all answer, a letter that is not offered, two letters for a one-answer
question, a number), each losing exactly its question's point with its message and the
explanation; the untouched release earns nothing.
"""

from __future__ import annotations

import pytest

from autograder import course
from autograder.kit.quiz import known_quizzes, load_quiz
from autograder.samples import submission, with_replacement
from tests.autograder.helpers import grade, graded_sample

QUIZZES = known_quizzes()  # the course's assignments with a quiz.toml


def questions(quiz: str):
    return load_quiz(quiz)


def results_for(report, name: str):
    return [test for test in report.tests if test.function == name]


def explanation_start(question) -> str:
    return "Explanation: " + " ".join(question.explanation.split()[:4])


def answers_cells(values: dict[str, str]) -> dict[str, str]:
    """Answer-cell sources that assign the given Python expressions."""
    return {name: f"{name} = {expression}\n" for name, expression in values.items()}


# Accepted spellings of a right answer, as Python source; cycled over the questions.
SINGLE_FORMS = [
    lambda k: repr(k.upper()),
    lambda k: repr(f" {k} "),
    lambda k: repr([k]),
    lambda k: "{" + repr(k) + "}",
    lambda k: f"np.str_({k!r})",
    lambda k: repr((k,)),
]
MULTI_FORMS = [
    lambda k: repr(",".join(k)),  # "a,c"
    lambda k: repr(list(reversed(k))),  # ["c", "a"]
    lambda k: "{" + ", ".join(map(repr, k)) + "}",  # {"a", "c"}
    lambda k: repr(k[::-1].upper()),  # "CA"
    lambda k: repr("; ".join(k)),
    lambda k: f"frozenset({tuple(k)!r})",
    lambda k: repr(tuple(k)),
]


@pytest.mark.parametrize("quiz", QUIZZES)
def test_the_solution_earns_every_point_and_every_explanation_is_reported(quiz):
    report = graded_sample(quiz)
    assert report.full_marks, report.render_text()
    assert report.max_score == pytest.approx(len(questions(quiz)))
    for question in questions(quiz):
        (test,) = results_for(report, question.name)
        assert test.passed
        assert test.message.startswith(explanation_start(question))


@pytest.mark.parametrize("quiz", QUIZZES)
def test_right_answers_in_other_spellings_keep_full_marks(quiz):
    values, n_single, n_multi = {}, 0, 0
    for question in questions(quiz):
        if question.multiple:
            values[question.name] = MULTI_FORMS[n_multi % len(MULTI_FORMS)](question.answer)
            n_multi += 1
        else:
            values[question.name] = SINGLE_FORMS[n_single % len(SINGLE_FORMS)](question.answer)
            n_single += 1
    report = grade(submission(quiz, answers_cells(values), solved=False), quiz)
    assert report.full_marks, (values, report.render_text())
    assert not report.notes


@pytest.mark.parametrize("quiz", QUIZZES)
def test_each_mistake_loses_its_point_and_shows_why(quiz):
    singles = [q for q in questions(quiz) if not q.multiple]
    multis = [q for q in questions(quiz) if q.multiple]
    wrong_letter = next(letter for letter in singles[0].letters if letter != singles[0].answer)
    two_letters = "".join(sorted(singles[1].answer + ("a" if singles[1].answer != "a" else "b")))
    partial = multis[0].answer[:-1]  # some right options, not all
    extra = next(letter for letter in multis[1].letters if letter not in multis[1].answer)
    over_full = "".join(sorted(multis[1].answer + extra))  # all right options and a wrong one
    mistakes = {
        singles[0].name: (repr(wrong_letter), "is not the right answer"),
        singles[1].name: (repr(two_letters), "this question has exactly one answer"),
        singles[2].name: ('"z"', "'z', which is not an option here"),
        singles[3].name: ("2", "should be a letter in quotes"),
        multis[0].name: (repr(partial), "is not exactly the right set of options"),
        multis[1].name: (repr(list(over_full)), "is not exactly the right set of options"),
    }
    values = {name: expression for name, (expression, _) in mistakes.items()}
    report = grade(submission(quiz, answers_cells(values)), quiz)

    expected_score = len(questions(quiz)) - len(mistakes)
    assert report.score == pytest.approx(expected_score), report.render_text()
    for question in questions(quiz):
        (test,) = results_for(report, question.name)
        if question.name not in mistakes:
            assert test.passed, (question.name, test.message)
            continue
        assert not test.passed and test.points == 0, question.name
        assert mistakes[question.name][1] in test.message, (question.name, test.message)
        assert explanation_start(question) in test.message, question.name
        assert explanation_start(question) in report.render_text()


@pytest.mark.parametrize("quiz", QUIZZES)
def test_the_untouched_release_earns_nothing(quiz):
    report = graded_sample(quiz, solved=False)
    assert report.score == 0
    assert report.max_score == pytest.approx(len(questions(quiz)))
    for question in questions(quiz):
        (test,) = results_for(report, question.name)
        assert f"{question.name} is not answered yet" in test.message


def quiz_samples() -> list[tuple[str, object]]:
    """``(quiz, Sample)`` for every sample mistake of every quiz (its folder's samples.toml)."""
    return [(quiz, sample) for quiz in QUIZZES for sample in course.samples(quiz)]


@pytest.mark.parametrize(
    ("quiz", "sample"), quiz_samples(), ids=lambda v: v if isinstance(v, str) else v.label
)
def test_each_sample_mistake_loses_its_question_and_shows_the_explanation(quiz, sample):
    assert sample.mistake is None, "a quiz has no catalogue hint; the explanation is the hint"
    report = grade(with_replacement(quiz, sample.function, sample.old, sample.new), quiz)
    assert report.score == pytest.approx(report.max_score - 1), report.render_text()
    (test,) = results_for(report, sample.function)
    assert not test.passed
    question = {q.name: q for q in questions(quiz)}[sample.function]
    assert explanation_start(question) in test.message
