"""Write a quiz's instructor notebook, solutions/<quiz>/<quiz>.ipynb, from its quiz.toml.

    .venv/bin/python scripts/notebooks/quiz_notebook.py C2W1_quiz [C2W2_quiz ...]
    .venv/bin/python scripts/notebooks/quiz_notebook.py --all
    .venv/bin/dlcourse release C2W1_quiz

A quiz is data: its questions, options, key and explanations live in
``autograder/suites/<quiz>/quiz.toml``. This generator adds only what the data does not hold:
the title, the introduction and an optional scratch cell (the table ``NOTEBOOKS`` below).
Every question cell is :func:`autograder.kit.quiz.question_markdown`, every answer cell holds
the key between ``### BEGIN/END SOLUTION`` (the release replaces it by a stub), and every test
cell is :func:`autograder.kit.quiz.check_cell` (points from the suite). Edit quiz.toml or this
file, never the notebook; the notebook is written output-free.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from autograder import course  # noqa: E402
from autograder.kit.authoring import code, markdown, setup, write_notebook  # noqa: E402
from autograder.kit.quiz import (  # noqa: E402
    Question,
    check_cell,
    known_quizzes,
    load_quiz,
    question_markdown,
)

HOW_TO_ANSWER = """
**How to answer.** Under each question there is an answer cell. Replace its
`raise NotImplementedError()` line by an assignment to the named variable:

- a question marked *one answer* takes one letter: `q1 = "b"`;
- a question marked *select all that apply* takes every right letter, as a set or a string:
  `q2 = {"a", "c"}` or `q2 = "ac"` (at least one letter).

Upper or lower case, spaces and commas do not matter (`"B"`, `"a, c"` and `["c", "a"]` are
fine). The locked cell under each answer only checks the **format** (a letter among the
options, one letter where one is asked for); it never tells you whether the answer is right.

**Grading.** Each question is worth one point and is graded exactly: a select-all question
scores only when you pick every right option and no wrong one. Run the grader
(`dlcourse check <this notebook>`) to get your score; the report explains every question.
"""

SUMMARY = (
    "## Summary\n\nThe cell below lists which answers are still missing or in the wrong format. "
    "It does not say which are right: the grader does, with an explanation for every question."
)


@dataclasses.dataclass(frozen=True)
class Page:
    """What a quiz notebook shows besides its questions.

    title   the notebook's heading and its ``dlcourse`` title, e.g. "Quiz: optimization".
    intro   one paragraph on what the quiz covers (Markdown, shown under the heading).
    scratch the example comment of an ungraded scratch cell, or "" for none.
    """

    title: str
    intro: str
    scratch: str = ""


NOTEBOOKS = {
    "C1W1_quiz": Page(
        "Quiz: introduction to deep learning",
        """
What a neural network is, why deep learning took off when it did, what supervised learning
covers, and the notation used for the rest of the course: examples as columns, $[l]$ for the
layer, $(i)$ for the example.
""",
    ),
    "C1W2_quiz": Page(
        "Quiz: neural network basics",
        """
Logistic regression as a single neuron: its forward computation, the values the loss takes,
the gradients, and the numpy shapes and broadcasting rules that make vectorized code right.
The scratch cell is there for trying shapes in numpy before you answer.
""",
        "# For example: (np.ones((3, 1)) + np.ones((1, 4))).shape",
    ),
    "C1W3_quiz": Page(
        "Quiz: shallow neural networks",
        """
A network with one hidden layer: notation and shapes, how to choose activation functions,
the backward pass, and why the weights must be initialised randomly (symmetry breaking).
""",
        "# For example: (np.ones((3, 1)) + np.ones((1, 4))).shape",
    ),
    "C1W4_quiz": Page(
        "Quiz: deep neural networks",
        """
L-layer networks: the shapes of every layer's parameters, what the forward pass caches for the
backward pass, parameters versus hyperparameters, and why depth helps.
""",
        "# For example: (np.ones((3, 1)) + np.ones((1, 4))).shape",
    ),
    "C2W1_quiz": Page(
        "Quiz: practical aspects of deep learning",
        """
Setting up a project and making training work: train/dev/test splits, diagnosing bias and
variance, L2 regularization and dropout, normalizing the inputs, vanishing and exploding
gradients with the initializations that tame them, and gradient checking.
""",
        "# For example: the dev set of 1,000,000 examples at 1 %: 0.01 * 1_000_000",
    ),
    "C2W2_quiz": Page(
        "Quiz: optimization algorithms",
        """
Faster training: mini-batches and their notation, exponentially weighted averages and their
bias correction, momentum, RMSprop and Adam, learning-rate decay, and what the cost surface of
a large network looks like (saddle points and plateaus rather than bad local optima).
The scratch cell is there for working out averages and schedules before you answer.
""",
        "# For example: 1 / (1 - 0.98), or an average worked out with a loop over days",
    ),
    "C2W3_quiz": Page(
        "Quiz: hyperparameter tuning, batch normalization and frameworks",
        """
Choosing hyperparameters (random rather than grid search, the right scale to sample on, coarse
to fine), batch normalization during training and at test time, softmax regression and its
loss, and what a deep-learning framework does for you.
The scratch cell is there for trying a sampling scheme or a softmax in numpy before you answer.
""",
        "# For example: 10 ** rng.uniform(-4, 0, size=5)",
    ),
}


def solution_source(question: Question) -> str:
    """The answer cell of the instructor notebook: the key as the learner would write it."""
    if question.multiple:
        value = "{" + ", ".join(f'"{letter}"' for letter in question.answer) + "}"
        how = "every letter that applies"
    else:
        value, how = f'"{question.answer}"', "one letter"
    return (
        f"# Answer with {how}, for example {question.example()}\n"
        f"### BEGIN SOLUTION\n{question.name} = {value}\n### END SOLUTION"
    )


def cells(quiz: str) -> list[dict]:
    """Every cell of the instructor notebook of ``quiz``, in order."""
    page = NOTEBOOKS[quiz]
    intro = f"# {page.title}\n{page.intro}\n{HOW_TO_ANSWER}"
    out = [
        markdown(intro),
        setup(
            "import numpy as np\n\nfrom selfcheck import QuizCheck\n\n"
            "rng = np.random.default_rng(0)  # for your own experiments\n"
            f'check = QuizCheck("{quiz}", globals())'
        ),
    ]
    if page.scratch:
        out += [
            markdown("A scratch cell for experiments (it is not graded):"),
            code(page.scratch, name="scratch"),
        ]
    for number, question in enumerate(load_quiz(quiz), start=1):
        out += [
            markdown(question_markdown(question, number), name=f"question-{question.name}"),
            _answer_cell(question),
            check_cell(question.name, assignment=quiz),
        ]
    out += [markdown(SUMMARY), code("check.summary()", name="summary")]
    return out


def _answer_cell(question: Question) -> dict:
    from autograder.kit.authoring import answer

    return answer(question.name, solution_source(question))


def write(quiz: str) -> Path:
    """Write the instructor notebook of ``quiz``; return its path."""
    if quiz not in NOTEBOOKS:
        raise SystemExit(
            f"{quiz!r} has no entry in NOTEBOOKS of {Path(__file__).name}; add its title and "
            "introduction there (its questions come from its quiz.toml)"
        )
    path = course.source_notebook(quiz)
    write_notebook(path, cells(quiz), assignment=quiz, title=NOTEBOOKS[quiz].title)
    return path


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("quizzes", nargs="*", help="quiz names, e.g. C2W1_quiz")
    parser.add_argument("--all", action="store_true", help="every quiz of the course")
    args = parser.parse_args(argv)
    quizzes = known_quizzes() if args.all else args.quizzes
    if not quizzes:
        parser.error("name at least one quiz, or pass --all")
    for quiz in quizzes:
        print(f"wrote {write(quiz).relative_to(REPO)}")


if __name__ == "__main__":
    main()
