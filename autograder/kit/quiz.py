"""Multiple-choice quizzes: questions, answer normalising, graded tests and the format check.

A quiz suite (``autograder/suites/C1W1_quiz.py`` and friends) lists :class:`Question` objects
and turns them into graded pytest functions with :func:`quiz_tests`::

    QUESTIONS = [Question("q1", "Which ...?", ("...", "...", "..."), answer="b",
                          explanation="...")]
    PREAMBLE = QUIZ_PREAMBLE
    (test_q1,) = quiz_tests(QUESTIONS)

The learner assigns each answer to a variable in an answer cell: one letter (``q1 = "b"``) for
a single-answer question, several (``q2 = {"a", "c"}`` or ``q2 = "ac"``) for a multiple-answer
one. :func:`normalise_answer` accepts the usual spellings ("B", " b ", "a, c", ["c", "a"],
{"a", "c"}) and returns a canonical sorted string such as ``"ac"``. Grading is exact per
question: a multiple-answer question is right only when the whole set is right. The
question's explanation is put in the report whether the answer was right or not.

The worker only calls functions, so :data:`QUIZ_PREAMBLE` defines ``quiz_answer(name)`` in
the worker; it returns the variable as plain data (sets become sorted lists, since sets cannot
cross the data channel). The judge normalises and compares; the key is never sent to the
worker and never written into a release notebook. It does sit in the suite module, like every
suite's reference: a course that must hide it from learners must not ship ``autograder/suites``.

In the notebook, :class:`QuizCheck` validates the FORMAT of an answer only (a letter among the
offered options, one letter where one is asked for). Its output is the same whether the answer
is right or wrong, so it reveals nothing. :func:`check_cell` writes the locked test cell that
calls it; its points come from the suite.
"""

from __future__ import annotations

import dataclasses
import re
import string
import textwrap
from collections.abc import Mapping, Sequence

import numpy as np

from autograder.kit.spec import Mismatch, graded

__all__ = [
    "AnswerFormatError",
    "Question",
    "QUIZ_PREAMBLE",
    "QuizCheck",
    "check_cell",
    "check_format",
    "judge",
    "normalise_answer",
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

_SEPARATORS = re.compile(r"[\s,;]+")
_GREEN, _RED, _RESET = "\033[32m", "\033[31m", "\033[0m"


class AnswerFormatError(ValueError):
    """An answer that is not a valid choice (missing, not letters, not an offered option)."""


@dataclasses.dataclass(frozen=True)
class Question:
    """One quiz question.

    Parameters
    ----------
    name : str
        The answer variable and graded name, ``"q1"``, ``"q2"``, ...
    prompt : str
        The question in Markdown (LaTeX allowed).
    options : tuple of str
        The choices in Markdown; they are lettered a, b, c, ... in this order.
    answer : str
        The key: the right letters, for example ``"b"`` or ``"ac"`` (judge side only).
    explanation : str
        Why the right options are right and the others are not; shown after grading.
    multiple : bool
        True for "select all that apply" (the answer is a set of letters, at least one).
    points : float
        What the question is worth.
    """

    name: str
    prompt: str
    options: tuple[str, ...]
    answer: str
    explanation: str
    multiple: bool = False
    points: float = 1.0

    def __post_init__(self):
        if not 2 <= len(self.options) <= 26:
            raise ValueError(f"{self.name}: a question needs 2 to 26 options")
        key = normalise_answer(self.answer)
        if key != self.answer or not set(key) <= set(self.letters):
            raise ValueError(f"{self.name}: the key {self.answer!r} is not canonical or offered")
        if not self.multiple and len(key) != 1:
            raise ValueError(f"{self.name}: a single-answer question has exactly one right letter")
        if not self.explanation.strip():
            raise ValueError(f"{self.name}: every question needs an explanation")

    @property
    def letters(self) -> str:
        return string.ascii_lowercase[: len(self.options)]

    @property
    def kind(self) -> str:
        return "select all that apply" if self.multiple else "one answer"

    def example(self) -> str:
        """How to write an answer, for the answer cell's comment (never the key)."""
        if self.multiple:
            return f'{self.name} = {{"a", "c"}} or {self.name} = "ac"'
        return f'{self.name} = "a"'


def normalise_answer(value) -> str:
    """The letters an answer names, lower-case, sorted and without repeats: ``"ac"``.

    Accepts a string of letters with optional commas, semicolons or spaces ("B", " b ",
    "a, c", "CA"), or a list, tuple, set or frozenset of such strings. Raises
    :class:`AnswerFormatError` with a plain-language message for anything else.
    """
    if value is None:
        raise AnswerFormatError("is not answered yet")
    if type(value) is np.ndarray and value.dtype.kind == "U":
        value = value.tolist()  # a numpy string (or array of them) that crossed the channel
    if isinstance(value, (list, tuple, set, frozenset)):
        items = list(value)
        if not all(isinstance(item, str) for item in items):
            raise AnswerFormatError(
                'should contain letters as strings, like {"a", "c"}; found '
                + ", ".join(
                    sorted({type(item).__name__ for item in items if not isinstance(item, str)})
                )
            )
        value = ",".join(items)
    if not isinstance(value, str):
        raise AnswerFormatError(
            f'should be a letter in quotes, like "b", or a set of letters, like '
            f'{{"a", "c"}}; got a {type(value).__name__}'
        )
    text = _SEPARATORS.sub("", str(value)).lower()
    if not text:
        raise AnswerFormatError("is empty: choose at least one letter")
    if not all(char in string.ascii_lowercase for char in text):
        bad = "".join(sorted({char for char in text if char not in string.ascii_lowercase}))
        raise AnswerFormatError(
            f"should contain only option letters (separated by commas if you like); found {bad!r}"
        )
    return "".join(sorted(set(text)))


def check_format(question: Question, value) -> str:
    """The canonical answer if ``value`` is a valid choice for ``question``, else raise.

    Valid means: every letter is one of the offered options, and a single-answer question
    has exactly one letter. Says nothing about whether the answer is right.
    """
    letters = normalise_answer(value)
    unknown = [letter for letter in letters if letter not in question.letters]
    if unknown:
        offered = ", ".join(question.letters)
        raise AnswerFormatError(
            f"names {', '.join(map(repr, unknown))}, which is not an option here "
            f"(the options are {offered})"
        )
    if not question.multiple and len(letters) != 1:
        raise AnswerFormatError(
            f"has {len(letters)} letters, but this question has exactly one answer: "
            "choose one letter"
        )
    return letters


def _shown(letters: str) -> str:
    return f'"{letters}"' if len(letters) == 1 else "{" + ", ".join(letters) + "}"


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
            f"{question.name}: {_shown(letters)} is not exactly the right set of options; a "
            "select-all answer counts only with every right option and no wrong one."
        )
    raise Mismatch(f"{question.name}: {_shown(letters)} is not the right answer.")


def quiz_tests(questions: Sequence[Question]) -> list:
    """One graded pytest function per question, named ``test_<name>``, in order."""
    names = [question.name for question in questions]
    if len(set(names)) != len(names):
        raise ValueError("question names must be unique")
    return [_quiz_test(question) for question in questions]


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


def questions_of(assignment: str) -> dict[str, Question]:
    """``{name: Question}`` of a quiz suite."""
    from autograder import course

    return {question.name: question for question in course.suite_module(assignment).QUESTIONS}


@dataclasses.dataclass
class FormatOutcome:
    name: str
    ok: bool
    message: str


class QuizCheck:
    """The format check under each quiz answer: is it a valid choice? Never: is it right?

    Made once in the setup cell with the notebook's namespace, where the answers live::

        check = QuizCheck("C1W1_quiz", globals())
        check("q1")

    ``check("q1", grade=True)`` compares with the key; only the instructor's solution notebook
    does that (in a hidden-tests region that the release removes).
    """

    def __init__(self, assignment: str, namespace: Mapping, *, color: bool = True):
        self.assignment = assignment
        self.namespace = namespace
        self.color = color
        self.questions = questions_of(assignment)

    def run(self, name: str) -> FormatOutcome:
        question = self.questions.get(name)
        if question is None:
            return FormatOutcome(name, False, f"{name} is not a question of {self.assignment}")
        try:
            letters = check_format(question, self.namespace.get(name))
        except AnswerFormatError as error:
            return FormatOutcome(name, False, f"{name} {error}; write it as {question.example()}")
        return FormatOutcome(
            name,
            True,
            f"{name} = {_shown(letters)} is a valid choice ({question.kind}). It is graded, "
            "with an explanation, when you run the grader.",
        )

    def __call__(self, name: str, *, grade: bool = False) -> None:
        if not grade:
            outcome = self.run(name)
            print(self._render(outcome.ok, outcome.message))
            return
        question = self.questions[name]
        try:
            judge(question, self.namespace.get(name))
        except Mismatch as error:
            print(self._render(False, f"key: {_shown(question.answer)}. {error}"))
        else:
            print(self._render(True, f"{name} matches the key."))

    def summary(self) -> None:
        """How many questions have a valid answer (not how many are right)."""
        outcomes = [self.run(name) for name in self.questions]
        valid = sum(outcome.ok for outcome in outcomes)
        print(f"{valid}/{len(outcomes)} questions have an answer in a valid format.")
        for outcome in outcomes:
            if not outcome.ok:
                print(f"  - {outcome.message}")
        print(
            "Run the grader (dlcourse check <this notebook>) for your score and the explanations."
        )

    def _render(self, ok: bool, message: str) -> str:
        green, red, reset = (_GREEN, _RED, _RESET) if self.color else ("", "", "")
        return f"{green}✓{reset} {message}" if ok else f"{red}✗{reset} {message}"


def check_cell(name: str, *, assignment: str) -> dict:
    """The locked test cell under a quiz answer: a format check, and a hidden key check.

    Its grade_id is ``test_<name>`` and its points are the suite's, as for
    :func:`autograder.kit.authoring.self_check`.
    """
    from autograder.kit.authoring import _nbgrader_cell, suite_points

    source = (
        f"# Format check only: it says whether {name} is a valid choice, never whether it is\n"
        f"# right. Your score and the explanation come from the grader.\n"
        f'check("{name}")\n'
        f"### BEGIN HIDDEN TESTS\n"
        f"# Instructor copy: compare with the key in this kernel.\n"
        f'check("{name}", grade=True)\n'
        f"### END HIDDEN TESTS"
    )
    return _nbgrader_cell(
        "code",
        source,
        f"test_{name}",
        grade=True,
        solution=False,
        locked=True,
        points=suite_points(assignment, name),
    )
