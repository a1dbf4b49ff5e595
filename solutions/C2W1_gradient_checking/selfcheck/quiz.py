"""The quiz format check that runs in the learner's kernel: is each answer a valid choice?

Made once in the notebook's setup cell, with the namespace where the answers live::

    from selfcheck import QuizCheck

    check = QuizCheck("C1W1_quiz", globals())
    check("q1")

It knows the questions and their options, and nothing else. They come from the public part of
the quiz's data file, ``autograder/suites/<quiz>/quiz.toml``: the ``[[questions]]`` tables at
the top (a release carries only that part, as ``selfcheck/quiz.toml``).
:func:`read_public_part` reads that file line by line and stops at the first
``[answers.<id>]`` line, so the key and the explanations below it are never read into this
process (a test scans the learner's kernel for them). This module imports neither the judge,
nor the reference library, nor the grading suites.

The answer conventions are shared with the judge (:mod:`autograder.kit.quiz` imports them from
here): :func:`normalise_answer` accepts the usual spellings ("B", " b ", "a, c", ["c", "a"],
{"a", "c"}) and returns the sorted letters, such as ``"ac"``; :func:`check_format` checks that
they are offered options, and one letter where one is asked for. The check's output is the same
whether the answer is right or wrong, so it reveals nothing. A missing or invalid answer
raises :class:`~.errors.SelfCheckFailed`, so nbgrader's Validate does not pass a blank quiz.
"""

from __future__ import annotations

import dataclasses
import re
import string
import tomllib
from collections.abc import Mapping
from pathlib import Path

from .errors import SelfCheckFailed

__all__ = [
    "AnswerFormatError",
    "FormatOutcome",
    "PublicQuestion",
    "QuizCheck",
    "check_format",
    "normalise_answer",
    "public_questions",
    "quiz_file",
    "read_public_part",
    "shown",
]

KEY_START = re.compile(r"^\s*\[\s*answers\b")  # the first line of the judge-only part
_SEPARATORS = re.compile(r"[\s,;]+")
_GREEN, _RED, _RESET = "\033[32m", "\033[31m", "\033[0m"


class AnswerFormatError(ValueError):
    """An answer that is not a valid choice (missing, not letters, not an offered option)."""


@dataclasses.dataclass(frozen=True)
class PublicQuestion:
    """One quiz question as the learner sees it: no key, no explanation.

    Parameters
    ----------
    name : str
        The answer variable and graded name, ``"q1"``, ``"q2"``, ... (``id`` in quiz.toml).
    prompt : str
        The question in Markdown, LaTeX allowed (``text`` in quiz.toml).
    options : tuple of str
        The choices in Markdown; they are lettered a, b, c, ... in this order.
    multiple : bool
        True for "select all that apply" (the answer is a set of letters, at least one).
    points : float
        What the question is worth.
    """

    name: str
    prompt: str
    options: tuple[str, ...]
    multiple: bool = False
    points: float = 1.0

    def __post_init__(self):
        if not 2 <= len(self.options) <= 26:
            raise ValueError(f"{self.name}: a question needs 2 to 26 options")

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


def quiz_file(assignment: str) -> Path:
    """The quiz's questions: ``quiz.toml`` beside this module in a release's ``selfcheck/``
    (the public part only), else ``autograder/suites/<assignment>/quiz.toml`` (questions, and
    the key below them, which is never read here)."""
    here = Path(__file__).resolve().parent
    if (here / "quiz.toml").is_file():
        return here / "quiz.toml"
    return here.parent / "suites" / assignment / "quiz.toml"


def read_public_part(path: Path) -> str:
    """The text of a quiz file above its first ``[answers.<id>]`` line; nothing below is read."""
    lines = []
    with open(path, encoding="utf-8") as handle:
        for line in handle:
            if KEY_START.match(line):
                break
            lines.append(line)
    return "".join(lines)


def questions_from_table(table: Mapping) -> list[PublicQuestion]:
    """The ``[[questions]]`` array of a parsed quiz file, as :class:`PublicQuestion` objects."""
    questions = []
    for entry in table.get("questions", []):
        unknown = set(entry) - {"id", "text", "options", "multiple", "points"}
        if unknown:
            raise ValueError(
                f"question {entry.get('id')!r} has unknown fields {sorted(unknown)}: a question "
                "has id, text, options and optionally multiple and points; keys and "
                "explanations go in its [answers.<id>] table below"
            )
        questions.append(
            PublicQuestion(
                name=entry["id"],
                prompt=entry["text"],
                options=tuple(entry["options"]),
                multiple=bool(entry.get("multiple", False)),
                points=float(entry.get("points", 1.0)),
            )
        )
    return questions


def public_questions(assignment: str) -> dict[str, PublicQuestion]:
    """``{name: PublicQuestion}`` of a quiz, read from the public part of its quiz.toml."""
    path = quiz_file(assignment)
    if not path.exists():
        raise FileNotFoundError(
            f"{assignment} has no quiz file at {path}; is the assignment name right?"
        )
    table = tomllib.loads(read_public_part(path))
    if "answers" in table:
        raise ValueError(f"{path}: the public part (above the first [answers.<id>]) holds a key")
    return {question.name: question for question in questions_from_table(table)}


def normalise_answer(value) -> str:
    """The letters an answer names, lower-case, sorted and without repeats: ``"ac"``.

    Accepts a string of letters with optional commas, semicolons or spaces ("B", " b ",
    "a, c", "CA"), or a list, tuple, set or frozenset of such strings. A numpy string, or an
    array of them (what crosses the data channel), is read as its Python value. Raises
    :class:`AnswerFormatError` with a plain-language message for anything else.
    """
    if value is None:
        raise AnswerFormatError("is not answered yet")
    if type(value).__name__ == "ndarray" and getattr(value.dtype, "kind", "") == "U":
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


def check_format(question: PublicQuestion, value) -> str:
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


def shown(letters: str) -> str:
    """Letters as the learner would write them: ``"b"`` or ``{a, c}``."""
    return f'"{letters}"' if len(letters) == 1 else "{" + ", ".join(letters) + "}"


def render(ok: bool, message: str, *, color: bool = True) -> str:
    """A check line: a green tick or a red cross, then the message."""
    green, red, reset = (_GREEN, _RED, _RESET) if color else ("", "", "")
    return f"{green}✓{reset} {message}" if ok else f"{red}✗{reset} {message}"


@dataclasses.dataclass
class FormatOutcome:
    name: str
    ok: bool
    message: str


class QuizCheck:
    """The format check under each quiz answer: is it a valid choice? Never: is it right?

    Parameters
    ----------
    assignment : str
        The quiz, for example ``"C1W1_quiz"``.
    namespace : mapping
        Where the answers live (the notebook's ``globals()``); read at each call.
    color : bool
        Green ticks and red crosses (ANSI colours) in the printed lines.
    """

    def __init__(self, assignment: str, namespace: Mapping, *, color: bool = True):
        self.assignment = assignment
        self.namespace = namespace
        self.color = color
        self.questions = public_questions(assignment)

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
            f"{name} = {shown(letters)} is a valid choice ({question.kind}). It is graded, "
            "with an explanation, when you run the grader.",
        )

    def __call__(self, name: str) -> None:
        """Print the line for a valid answer; raise :class:`SelfCheckFailed` (shown as the same
        line, without a traceback) for a missing or invalid one."""
        outcome = self.run(name)
        line = render(outcome.ok, outcome.message, color=self.color)
        if not outcome.ok:
            raise SelfCheckFailed(line)
        print(line)

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
