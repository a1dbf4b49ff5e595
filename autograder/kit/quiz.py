"""Quizzes on the judge's side: the key, the graded tests, and the notebook cells.

A quiz is data: ``autograder/suites/<quiz>/quiz.toml`` holds its questions and options at the
top (``[[questions]]``: id, text, options, optionally ``multiple = true`` and ``points``) and,
below them, one ``[answers.<id>]`` table per question with the key and the explanation. The
suite is two lines::

    QUESTIONS = load_quiz(ASSIGNMENT)
    globals().update(quiz_tests(QUESTIONS))  # test_q1, test_q2, ... with their graded markers

The learner assigns each answer to a variable in an answer cell: one letter (``q1 = "b"``) for
a single-answer question, several (``q2 = {"a", "c"}`` or ``q2 = "ac"``) for a multiple-answer
one. Grading is exact per question: a multiple-answer question is right only when the whole set
is right. The question's explanation is put in the report whether the answer was right or not.

The worker only calls functions, so the engine runs :data:`QUIZ_PREAMBLE` in a quiz's worker
(a quiz is an assignment with a quiz.toml). It defines ``quiz_answer(name)``, which returns the
learner's variable as plain data (sets become sorted lists, since sets cannot cross the data
channel). The judge normalises and compares; the key is never sent to the
worker and never written into a release notebook.

The learner's kernel never imports this module: its format check
(:class:`autograder.learner.quiz.QuizCheck`) reads only the public part of quiz.toml. The answer
conventions (:func:`normalise_answer`, :func:`check_format`) live there and are shared.
"""

from __future__ import annotations

import dataclasses
import textwrap
import tomllib
from collections.abc import Mapping, Sequence

from autograder.kit.spec import Mismatch, graded
from autograder.learner.quiz import (
    AnswerFormatError,
    PublicQuestion,
    check_format,
    normalise_answer,
    questions_from_table,
    quiz_file,
    read_public_part,
    render,
    shown,
)

__all__ = [
    "AnswerFormatError",
    "Question",
    "QUIZ_PREAMBLE",
    "check_cell",
    "check_format",
    "judge",
    "key_check",
    "known_quizzes",
    "load_quiz",
    "normalise_answer",
    "question_markdown",
    "questions_of",
    "quiz_tests",
]

QUIZ_PREAMBLE = '''
import numpy as np  # as in the notebook's setup cell


def quiz_answer(name):
    """The learner's answer variable as plain data: sets become sorted lists."""
    value = globals().get(name)
    if isinstance(value, (set, frozenset)):
        return sorted(value, key=repr)
    return value
'''


@dataclasses.dataclass(frozen=True, kw_only=True)
class Question(PublicQuestion):
    """One quiz question with its key: a :class:`PublicQuestion` plus what only the judge reads.

    Parameters
    ----------
    answer : str
        The key: the right letters, sorted, for example ``"b"`` or ``"ac"``.
    explanation : str
        Why the right options are right and the others are not; shown after grading.
    """

    answer: str
    explanation: str

    def __post_init__(self):
        super().__post_init__()
        key = normalise_answer(self.answer)
        if key != self.answer or not set(key) <= set(self.letters):
            raise ValueError(f"{self.name}: the key {self.answer!r} is not canonical or offered")
        if not self.multiple and len(key) != 1:
            raise ValueError(f"{self.name}: a single-answer question has exactly one right letter")
        if not self.explanation.strip():
            raise ValueError(f"{self.name}: every question needs an explanation")


def load_quiz(assignment: str) -> list[Question]:
    """The questions of a quiz with their keys, in order, from its quiz.toml (judge side only).

    Raises ``ValueError`` when the key does not match the questions one to one, or when a
    question sits below the first ``[answers.<id>]`` table (the learner would not see it).
    """
    path = quiz_file(assignment)
    table = tomllib.loads(path.read_text(encoding="utf-8"))
    public = questions_from_table(tomllib.loads(read_public_part(path)))
    answers = table.get("answers", {})
    if public != questions_from_table(table):
        raise ValueError(
            f"{path}: every [[questions]] table must come before the first [answers.<id>]; the "
            "learner's check reads only the part above it"
        )
    names = [question.name for question in public]
    if sorted(answers) != sorted(names) or len(set(names)) != len(names):
        raise ValueError(
            f"{path}: the question ids {names} and the [answers.<id>] tables "
            f"{sorted(answers)} must match one to one"
        )
    questions = []
    for question in public:
        entry = answers[question.name]
        unknown = set(entry) - {"answer", "explanation"}
        if unknown:
            raise ValueError(f"{path}: [answers.{question.name}] has unknown fields {unknown}")
        questions.append(
            Question(
                **dataclasses.asdict(question),
                answer=entry["answer"],
                explanation=entry["explanation"],
            )
        )
    return questions


def judge(question: Question, value) -> None:
    """Raise :class:`~autograder.kit.spec.Mismatch` unless ``value`` is exactly the key."""
    try:
        letters = check_format(question, value)
    except AnswerFormatError as error:
        example = question.example()
        raise Mismatch(f"{question.name} {error}; write it as {example}") from None
    if letters == question.answer:
        return
    if question.multiple:
        raise Mismatch(
            f"{question.name}: {shown(letters)} is not exactly the right set of options; a "
            "select-all answer counts only with every right option and no wrong one."
        )
    raise Mismatch(f"{question.name}: {shown(letters)} is not the right answer.")


def quiz_tests(questions: Sequence[Question]) -> dict:
    """``{"test_<name>": graded pytest function}``, one per question, in order.

    A suite puts them in its namespace (``globals().update(...)``), where pytest collects them
    in this order; each carries the ``graded`` marker (name, points, explanation).
    """
    names = [question.name for question in questions]
    if len(set(names)) != len(names):
        raise ValueError("question names must be unique")
    return {f"test_{question.name}": _quiz_test(question) for question in questions}


def _quiz_test(question: Question):
    @graded(
        question.name,
        points=question.points,
        explanation=textwrap.fill(f"Explanation: {question.explanation}", width=92),
    )
    def test(student):
        judge(question, student.quiz_answer(question.name))

    test.__name__ = test.__qualname__ = f"test_{question.name}"
    test.__doc__ = f"{question.name}: the learner's answer is exactly the key."
    return test


def known_quizzes() -> list[str]:
    """The course's quizzes: its assignments with a quiz.toml, in curriculum order."""
    from autograder import course

    return [a for a in course.known_assignments() if course.is_quiz(a)]


def questions_of(assignment: str) -> dict[str, Question]:
    """``{name: Question}`` of a quiz, keys included (judge side only)."""
    return {question.name: question for question in load_quiz(assignment)}


def key_check(assignment: str, namespace: Mapping, name: str, *, color: bool = True) -> None:
    """Print whether an answer matches the key: the instructor's check, never the learner's.

    Only the solution notebook calls it, in a hidden-tests region that the release removes.
    """
    question = questions_of(assignment)[name]
    try:
        judge(question, namespace.get(name))
    except Mismatch as error:
        print(render(False, f"key: {shown(question.answer)}. {error}", color=color))
    else:
        print(render(True, f"{name} matches the key.", color=color))


def question_markdown(question: PublicQuestion, number: int) -> str:
    """The Markdown cell that shows a question and its lettered options in the notebook.

    A test compares every quiz notebook's question cells with this rendering of quiz.toml.
    """
    options = "\n".join(
        f"- **({letter})** {option}"
        for letter, option in zip(question.letters, question.options, strict=True)
    )
    return f"## Question {number} ({question.kind})\n\n{question.prompt}\n\n{options}"


def check_cell(name: str, *, assignment: str) -> dict:
    """The locked test cell under a quiz answer: a format check, and a hidden key check.

    Its grade_id is ``test_<name>`` and its points are the suite's, as for
    :func:`autograder.kit.authoring.self_check`.
    """
    from autograder.kit.authoring import _nbgrader_cell, suite_points

    return _nbgrader_cell(
        "code",
        check_cell_source(name, assignment=assignment),
        f"test_{name}",
        grade=True,
        solution=False,
        locked=True,
        points=suite_points(assignment, name),
    )


def check_cell_source(name: str, *, assignment: str) -> str:
    """The source of :func:`check_cell`: the learner's format check, then the instructor's."""
    return (
        f"# Format check only: it says whether {name} is a valid choice, never whether it is\n"
        f"# right. Your score and the explanation come from the grader.\n"
        f'check("{name}")\n'
        f"### BEGIN HIDDEN TESTS\n"
        f"# Instructor copy: compare with the key (judge side; the release drops this part).\n"
        f"from autograder.kit.quiz import key_check\n"
        f'key_check("{assignment}", globals(), "{name}")\n'
        f"### END HIDDEN TESTS"
    )
