"""Quizzes on their own: normalising answers, exact judging, the format-only check
(autograder.learner.quiz), reading quiz.toml, the notebooks against their data files, and the
Course 1 keys checked against numpy and the reference library.

Everything here runs in-process (no worker); tests/autograder/test_quizzes.py grades whole
notebooks through the engine.
"""

from __future__ import annotations

import importlib
import json
import math
import re
from pathlib import Path

import numpy as np
import pytest

from autograder import course
from autograder.kit.authoring import suite_points
from autograder.kit.quiz import (
    Question,
    judge,
    key_check,
    known_quizzes,
    load_quiz,
    question_markdown,
    questions_of,
)
from autograder.kit.spec import Mismatch
from autograder.learner import quiz as learner_quiz
from autograder.learner.errors import SelfCheckFailed
from autograder.learner.quiz import (
    AnswerFormatError,
    QuizCheck,
    check_format,
    normalise_answer,
    public_questions,
)
from dlutils.initialization import initialize_parameters_deep
from dlutils.layers import L_model_forward

QUIZZES = known_quizzes()  # the course's assignments with a quiz.toml

SINGLE = Question("q1", "Pick one.", ("x", "y", "z", "w"), answer="b", explanation="Because.")
MULTI = Question(
    "q2", "Pick all.", ("x", "y", "z", "w", "v"), answer="ac", explanation="Because.",
    multiple=True,
)  # fmt: skip


def suite(quiz: str):
    return importlib.import_module(f"autograder.suites.{quiz}.suite")


def option(quiz: str, name: str) -> dict[str, str]:
    """``{letter: option text}`` of one question."""
    question = {q.name: q for q in load_quiz(quiz)}[name]
    return dict(zip(question.letters, question.options, strict=True))


def key(quiz: str, name: str) -> str:
    return {q.name: q for q in load_quiz(quiz)}[name].answer


# -- normalise_answer -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("b", "b"),
        ("B", "b"),
        (" b ", "b"),
        ("b\n", "b"),
        ("ac", "ac"),
        ("CA", "ac"),
        ("a,c", "ac"),
        ("a, c", "ac"),
        ("a; c", "ac"),
        ("a c", "ac"),
        ("aca", "ac"),
        (["c", "a"], "ac"),
        (("a", "c"), "ac"),
        ({"a", "c"}, "ac"),
        (frozenset("ca"), "ac"),
        (["C", " a"], "ac"),
        (np.str_("b"), "b"),
        (np.array("b"), "b"),  # a numpy string after the data channel
        (np.array(["c", "a"]), "ac"),
    ],
)
def test_normalise_answer_accepts_the_usual_spellings(value, expected):
    assert normalise_answer(value) == expected


@pytest.mark.parametrize(
    ("value", "fragment"),
    [
        (None, "not answered yet"),
        ("", "empty"),
        ("  , ", "empty"),
        ([], "empty"),
        (2, "got a int"),
        (1.5, "got a float"),
        (True, "got a bool"),
        ({"a": 1}, "got a dict"),
        (["a", 1], "found int"),
        ("a.", "found '.'"),
        ("a-c", "found '-'"),
        ("(b)", "found '()'"),
    ],
)
def test_normalise_answer_rejects_other_values_with_a_message(value, fragment):
    with pytest.raises(AnswerFormatError, match=re.escape(fragment)):
        normalise_answer(value)


# -- check_format and judge -------------------------------------------------------------------


def test_check_format_only_checks_the_format():
    assert check_format(SINGLE, "D") == "d"  # wrong but valid
    assert check_format(MULTI, ["e", "b"]) == "be"
    with pytest.raises(AnswerFormatError, match="'e', which is not an option"):
        check_format(SINGLE, "e")
    with pytest.raises(AnswerFormatError, match="has 2 letters, but this question has exactly one"):
        check_format(SINGLE, "ab")
    with pytest.raises(AnswerFormatError, match="'f', 'z'"):
        check_format(MULTI, "a, f, z")


@pytest.mark.parametrize("value", ["b", "B", {"b"}, ["b"], (" b",)])
def test_judge_accepts_the_key_in_any_spelling(value):
    judge(SINGLE, value)


@pytest.mark.parametrize("value", ["ac", "a,c", ["c", "a"], {"a", "c"}, "CA"])
def test_judge_accepts_the_whole_set(value):
    judge(MULTI, value)


@pytest.mark.parametrize(
    ("question", "value", "fragment"),
    [
        (SINGLE, "a", 'q1: "a" is not the right answer'),
        (SINGLE, "ab", "exactly one answer"),
        (SINGLE, None, 'q1 is not answered yet; write it as q1 = "a"'),
        (MULTI, "a", "not exactly the right set"),  # one right option of two
        (MULTI, "abc", "not exactly the right set"),  # every right option and a wrong one
        (MULTI, "bd", "not exactly the right set"),
        (MULTI, 3, 'write it as q2 = {"a", "c"} or q2 = "ac"'),
    ],
)
def test_judge_is_exact(question, value, fragment):
    with pytest.raises(Mismatch, match=re.escape(fragment)):
        judge(question, value)


# -- Question ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("kwargs", "fragment"),
    [
        ({"answer": "e"}, "not canonical or offered"),
        ({"answer": "B"}, "not canonical"),
        ({"answer": "ca", "multiple": True}, "not canonical"),
        ({"answer": "ab"}, "exactly one right letter"),
        ({"explanation": "  "}, "needs an explanation"),
        ({"options": ("only one",), "answer": "a"}, "2 to 26 options"),
    ],
)
def test_question_refuses_an_inconsistent_key(kwargs, fragment):
    fields = {"name": "q9", "prompt": "?", "options": ("w", "x", "y", "z"), "answer": "a",
              "explanation": "Why."} | kwargs  # fmt: skip
    with pytest.raises(ValueError, match=fragment):
        Question(**fields)


def test_the_answer_example_never_depends_on_the_key():
    for answer in "abcd":
        question = Question("q3", "?", ("w", "x", "y", "z"), answer=answer, explanation="Why.")
        assert question.example() == 'q3 = "a"'
    for answer in ("ab", "bcd", "d"):
        question = Question("q3", "?", ("w", "x", "y", "z"), answer=answer, explanation="Why.",
                            multiple=True)  # fmt: skip
        assert question.example() == 'q3 = {"a", "c"} or q3 = "ac"'


# -- QuizCheck (the notebook's format check) --------------------------------------------------


@pytest.mark.parametrize("quiz", QUIZZES)
def test_the_format_check_says_the_same_for_right_and_wrong_answers(quiz):
    for question in load_quiz(quiz):
        wrong = next(letter for letter in question.letters if letter not in question.answer)
        if question.multiple:
            wrong = "".join(sorted(question.answer + wrong))
        right_out = QuizCheck(quiz, {question.name: question.answer}, color=False).run(
            question.name
        )
        wrong_out = QuizCheck(quiz, {question.name: wrong}, color=False).run(question.name)
        assert right_out.ok and wrong_out.ok

        def blank(message: str, letters: str) -> str:
            shown = f'"{letters}"' if len(letters) == 1 else "{" + ", ".join(letters) + "}"
            return message.replace(shown, "<answer>")

        assert blank(right_out.message, question.answer) == blank(wrong_out.message, wrong)


def _shown(check, name: str, capsys) -> str:
    """What the notebook shows for ``check(name)``: the printed line, or the raised error's
    compact text (a failing check raises, so the cell and nbgrader's Validate fail)."""
    try:
        check(name)
    except SelfCheckFailed as error:
        assert capsys.readouterr().out == ""
        return "\n".join(error._render_traceback_())
    return capsys.readouterr().out.rstrip("\n")


def test_the_format_check_prints_what_to_fix(capsys):
    namespace = {"q1": "b", "q2": ["a", "z"], "q3": 3}
    check = QuizCheck("C1W1_quiz", namespace, color=False)
    lines = [_shown(check, name, capsys) for name in ("q1", "q2", "q3", "q4")]
    assert lines[0] == (
        '✓ q1 = "b" is a valid choice (one answer). It is graded, with an explanation, when you '
        "run the grader."
    )
    assert lines[1].startswith("✗ q2 names 'z', which is not an option here (the options are a,")
    assert lines[2].startswith("✗ q3 should be a letter in quotes")
    assert lines[3] == '✗ q4 is not answered yet; write it as q4 = {"a", "c"} or q4 = "ac"'
    namespace["q4"] = "a"  # the check reads the namespace when called, as a notebook does
    assert _shown(check, "q4", capsys).startswith('✓ q4 = "a" is a valid choice')


def test_the_summary_counts_valid_answers_only(capsys):
    answers = {q.name: q.answer for q in load_quiz("C1W2_quiz")}
    answers["q1"] = "a" if answers["q1"] != "a" else "b"  # wrong, still valid
    answers["q2"] = "zz"
    del answers["q3"]
    QuizCheck("C1W2_quiz", answers, color=False).summary()
    out = capsys.readouterr().out
    assert out.startswith("8/10 questions have an answer in a valid format.")
    assert "q2 names 'z'" in out and "q3 is not answered yet" in out and "q1" not in out


def test_the_instructor_key_check(capsys):
    namespace = {"q1": key("C1W1_quiz", "q1"), "q2": "a"}
    key_check("C1W1_quiz", namespace, "q1", color=False)
    key_check("C1W1_quiz", namespace, "q2", color=False)
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "✓ q1 matches the key.",
        f'✗ key: {{{", ".join(key("C1W1_quiz", "q2"))}}}. q2: "a" is not exactly the right '
        "set of options; a select-all answer counts only with every right option and no wrong "
        "one.",
    ]


# -- the Course 1 quiz suites and notebooks ---------------------------------------------------


@pytest.mark.parametrize("quiz", QUIZZES)
def test_each_quiz_has_8_to_10_mixed_questions_with_one_graded_test_each(quiz):
    module = suite(quiz)
    questions = module.QUESTIONS
    assert 8 <= len(questions) <= 10
    assert [q.name for q in questions] == [f"q{n}" for n in range(1, len(questions) + 1)]
    multiple = [q for q in questions if q.multiple]
    assert 3 <= len(multiple) <= len(questions) - 3, "mix single- and multiple-answer questions"
    assert all(len(q.answer) >= 2 for q in multiple), "a select-all key with one letter misleads"
    singles = [q.answer for q in questions if not q.multiple]
    assert len(set(singles)) >= 3, "the right letter should move around"
    for question in questions:
        test = getattr(module, f"test_{question.name}")
        (mark,) = [m for m in test.pytestmark if m.name == "graded"]
        assert mark.kwargs["function"] == question.name
        assert mark.kwargs["points"] == 1.0
        assert mark.kwargs["explanation"].startswith("Explanation: ")
        assert suite_points(quiz, question.name) == 1.0


@pytest.mark.parametrize("quiz", QUIZZES)
def test_the_release_carries_questions_and_format_checks_but_no_key(quiz):
    text = course.release_notebook(quiz).read_text(encoding="utf-8")
    notebook = json.loads(text)
    for marker in ("BEGIN SOLUTION", "HIDDEN TESTS", "grade=True", "matches the key"):
        assert marker not in text
    cells = {c["metadata"].get("nbgrader", {}).get("grade_id"): c for c in notebook["cells"]}
    for question in load_quiz(quiz):
        answer = "".join(cells[question.name]["source"])
        assert answer.endswith("# YOUR CODE HERE\nraise NotImplementedError()")
        check = cells[f"test_{question.name}"]
        assert "".join(check["source"]).endswith(f'check("{question.name}")')
        assert check["metadata"]["nbgrader"]["points"] == question.points
        assert check["metadata"]["nbgrader"]["locked"] is True
    setup = "".join(cells["setup"]["source"])
    assert "from selfcheck import QuizCheck" in setup
    assert f'check = QuizCheck("{quiz}", globals())' in setup


# -- quiz.toml: the public part and the key ----------------------------------------------------

QUIZ_TEXT = """
[[questions]]
id = "q1"
text = "Pick one."
options = ["x", "y", "z"]

[[questions]]
id = "q2"
text = "Pick all."
options = ["x", "y", "z"]
multiple = true
"""
KEY_TEXT = """
[answers.q1]
answer = "b"
explanation = "Because."

[answers.q2]
answer = "ac"
explanation = "Because, twice."
"""


@pytest.fixture
def quiz_at(tmp_path, monkeypatch):
    """Point both readers at a quiz file written from the given text."""

    def write(text: str) -> Path:
        path = tmp_path / "quiz.toml"
        path.write_text(text, encoding="utf-8")
        monkeypatch.setattr(learner_quiz, "quiz_file", lambda assignment: path)
        monkeypatch.setattr(importlib.import_module("autograder.kit.quiz"), "quiz_file",
                            lambda assignment: path)  # fmt: skip
        return path

    return write


def test_the_public_reader_stops_before_the_key(quiz_at):
    quiz_at(QUIZ_TEXT + "\n[answers.q1]\nthis line is not TOML, so parsing it would fail\n")
    questions = public_questions("any")
    assert list(questions) == ["q1", "q2"]
    assert questions["q2"].multiple and not questions["q1"].multiple
    assert not hasattr(questions["q1"], "answer")
    assert not hasattr(questions["q1"], "explanation")


def test_load_quiz_joins_the_questions_and_their_keys(quiz_at):
    quiz_at(QUIZ_TEXT + KEY_TEXT)
    first, second = load_quiz("any")
    assert (first.name, first.answer, first.explanation) == ("q1", "b", "Because.")
    assert (second.answer, second.multiple, second.points) == ("ac", True, 1.0)


@pytest.mark.parametrize(
    ("text", "fragment"),
    [
        (QUIZ_TEXT + KEY_TEXT.split("[answers.q2]")[0], "must match one to one"),
        (KEY_TEXT + QUIZ_TEXT, "must come before the first"),
        (
            QUIZ_TEXT.replace('text = "Pick one."', 'text = "Pick one."\nanswer = "b"') + KEY_TEXT,
            "unknown fields",
        ),
        (QUIZ_TEXT + KEY_TEXT.replace('answer = "b"', 'answer = "e"'), "not canonical or offered"),
    ],
)
def test_load_quiz_refuses_a_key_that_does_not_fit(quiz_at, text, fragment):
    quiz_at(text)
    with pytest.raises(ValueError, match=fragment):
        load_quiz("any")


@pytest.mark.parametrize("quiz", QUIZZES)
def test_the_public_questions_are_the_graded_ones_without_their_keys(quiz):
    public = public_questions(quiz)
    graded_ones = load_quiz(quiz)
    assert list(public) == [q.name for q in graded_ones]
    for question in graded_ones:
        seen = public[question.name]
        assert (seen.prompt, seen.options, seen.multiple, seen.points) == (
            question.prompt, question.options, question.multiple, question.points
        )  # fmt: skip


# -- every quiz notebook shows its data file's questions and its suite's points ---------------


def question_cells(notebook: dict) -> dict[str, str]:
    """``{name: Markdown of the cell just above its answer cell}``, in notebook order."""
    cells = notebook["cells"]
    shown_cells = {}
    for index, cell in enumerate(cells):
        grade_id = cell["metadata"].get("nbgrader", {}).get("grade_id", "")
        if re.fullmatch(r"q\d+", grade_id):
            assert cells[index - 1]["cell_type"] == "markdown", grade_id
            shown_cells[grade_id] = "".join(cells[index - 1]["source"])
    return shown_cells


@pytest.mark.parametrize("kind", ["solution", "release"])
@pytest.mark.parametrize("quiz", QUIZZES)
def test_the_notebook_shows_the_data_files_questions_and_options(quiz, kind):
    path = course.source_notebook(quiz) if kind == "solution" else course.release_notebook(quiz)
    shown_cells = question_cells(json.loads(path.read_text(encoding="utf-8")))
    questions = load_quiz(quiz)
    assert list(shown_cells) == [q.name for q in questions], "one answer cell per question"
    for number, question in enumerate(questions, start=1):
        cell = shown_cells[question.name]
        assert cell == question_markdown(question, number), (
            f"{path.name}: the cell above {question.name} differs from quiz.toml"
        )
        assert question.prompt in cell  # verbatim, not only the same rendering
        for letter, option in zip("abcdefghij", question.options, strict=False):
            assert f"- **({letter})** {option}\n" in cell + "\n"


@pytest.mark.parametrize("quiz", QUIZZES)
def test_the_notebook_points_are_the_suites(quiz):
    notebook = json.loads(course.source_notebook(quiz).read_text(encoding="utf-8"))
    shown_points = {
        cell["metadata"]["nbgrader"]["grade_id"]: cell["metadata"]["nbgrader"]["points"]
        for cell in notebook["cells"]
        if cell["metadata"].get("nbgrader", {}).get("grade")
    }
    marks = [
        mark
        for test in vars(suite(quiz)).values()
        for mark in getattr(test, "pytestmark", [])
        if mark.name == "graded"
    ]
    assert shown_points == {f"test_{m.kwargs['function']}": m.kwargs["points"] for m in marks}


# -- the keys agree with numpy and the reference library --------------------------------------


def test_c1w1_flattened_image_shape():
    images = np.zeros((209, 64, 64, 3))  # q6: 209 colour images of 64 by 64 pixels
    X = images.reshape(images.shape[0], -1).T  # one column per example
    n_x, m = X.shape
    keyed = option("C1W1_quiz", "q6")[key("C1W1_quiz", "q6")]
    assert keyed == f"$n_x = {n_x}$, $m = {m}$, and $X$ has shape $({n_x}, {m})$"


def test_c1w2_loss_value():
    value = -math.log(0.9)  # y = 1, y_hat = 0.9: only -log(y_hat) remains
    chosen = float(option("C1W2_quiz", "q2")[key("C1W2_quiz", "q2")])
    assert chosen == pytest.approx(value, abs=5e-4)


def test_c1w2_loss_statements():
    def loss(y_hat, y):
        return -(y * math.log(y_hat) + (1 - y) * math.log(1 - y_hat))

    q3 = questions_of("C1W2_quiz")["q3"]
    true = {
        "a": loss(1e-9, 1) > 20,  # grows without bound as y_hat -> 0
        "b": loss(1 - 1e-9, 0) < 1e-6,  # "tends to 0 as y_hat -> 1" for y = 0
        "c": loss(0.5, 0) == pytest.approx(math.log(2)),
        "d": loss(0.9, 1) - loss(0.99, 1) > loss(0.5, 1) - loss(0.9, 1),
        "e": all(loss(p, y) >= 0 for p in np.linspace(0.01, 0.99, 99) for y in (0, 1)),
    }
    assert "".join(letter for letter in q3.letters if true[letter]) == q3.answer
    for figure in (loss(0.5, 1), loss(0.9, 1), loss(0.99, 1), loss(0.5, 1) - loss(0.9, 1),
                   loss(0.9, 1) - loss(0.99, 1)):  # fmt: skip
        assert f"{figure:.3f}" in q3.explanation


def test_c1w2_broadcasting_keys():
    with pytest.raises(ValueError):  # q6: (3, 4) + (4, 1)
        np.add(np.ones((3, 4)), np.ones((4, 1)))
    assert key("C1W2_quiz", "q6") == "d" and "error" in option("C1W2_quiz", "q6")["d"]
    assert (np.ones((4, 1)) * np.ones((1, 3))).shape == (4, 3)  # q7
    assert option("C1W2_quiz", "q7")[key("C1W2_quiz", "q7")] == "$(4, 3)$"
    a, b = np.ones((3, 4)), np.ones((4, 2))  # q8: a, b, c true; d false
    assert (a @ b).shape == (3, 2) and np.array_equal(np.dot(a, b), a @ b)
    with pytest.raises(ValueError):
        np.multiply(a, b)
    with pytest.raises(ValueError):
        b @ a  # (4, 2) @ (3, 4)
    q8 = option("C1W2_quiz", "q8")  # true: a @ b is (3, 2), a * b fails, np.dot is @
    assert {q8[letter] for letter in key("C1W2_quiz", "q8")} == {
        "`a @ b` has shape $(3, 2)$.",
        "`a * b` raises an error.",
        "`np.dot(a, b)` and `a @ b` give the same result here.",
    }
    x = np.random.default_rng(0).standard_normal(5)  # q9: a and d true
    assert x.shape == (5,) and x.T.shape == (5,) and np.ndim(x @ x.T) == 0
    assert x.reshape(5, 1).T.shape == (1, 5)
    q9 = option("C1W2_quiz", "q9")  # true: x is rank 1, x.reshape(5, 1) is a column
    assert [q9[letter][:10] for letter in key("C1W2_quiz", "q9")] == ["`x.shape` ", "`x.reshape"]


def test_c1w2_gradient_and_sigmoid_keys():
    rng = np.random.default_rng(1)
    n_x, m = 4, 6
    X, dZ = rng.standard_normal((n_x, m)), rng.standard_normal((1, m))
    dw = sum(X[:, [i]] * dZ[0, i] for i in range(m)) / m  # the definition, a loop
    np.testing.assert_allclose(X @ dZ.T / m, dw, rtol=1e-12)
    assert option("C1W2_quiz", "q10")[key("C1W2_quiz", "q10")] == "`dw = X @ dZ.T / m`"
    z = np.linspace(-6, 6, 1201)
    s = 1 / (1 + np.exp(-z))
    assert np.max(np.gradient(s, z)) == pytest.approx(0.25, abs=1e-4)
    assert z[np.argmax(np.gradient(s, z))] == pytest.approx(0.0)
    assert option("C1W2_quiz", "q5")[key("C1W2_quiz", "q5")].endswith(
        "largest value $0.25$ at $z = 0$"
    )


def test_c1w3_db1_key():
    dZ1 = np.random.default_rng(2).standard_normal((3, 5))
    db1 = np.sum(dZ1, axis=1, keepdims=True) / 5
    assert db1.shape == (3, 1)
    assert "axis=1, keepdims=True" in option("C1W3_quiz", "q10")[key("C1W3_quiz", "q10")]


def test_c1w3_zero_initialisation_keeps_the_hidden_units_identical():
    from dlutils import shallow

    rng = np.random.default_rng(3)
    X, Y = rng.standard_normal((2, 8)), (rng.random((1, 8)) > 0.5).astype(float)
    parameters = {"W1": np.zeros((4, 2)), "b1": np.zeros((4, 1)), "W2": np.zeros((1, 4)),
                  "b2": np.zeros((1, 1))}  # fmt: skip
    for _ in range(5):
        _, cache = shallow.forward_propagation(X, parameters)
        grads = shallow.backward_propagation(parameters, cache, X, Y)
        parameters = shallow.update_parameters(parameters, grads, learning_rate=1.2)
    assert np.all(parameters["W1"] == parameters["W1"][0])  # every row the same (here zero)
    assert option("C1W3_quiz", "q7")[key("C1W3_quiz", "q7")].startswith(
        "Every hidden unit computes the same function"
    )


def test_c1w3_parameter_counts():
    from dlutils import shallow

    parameters = shallow.initialize_parameters(2, 4, 1, rng=np.random.default_rng(0))
    count = sum(p.size for p in parameters.values())
    _, cache = shallow.forward_propagation(np.zeros((2, 400)), parameters)  # m = 400
    Z1 = cache["Z1"]
    q4 = questions_of("C1W3_quiz")["q4"]
    true = {
        "a": f"It has {count} parameters" in q4.options[0],
        "b": f"$W^{{[2]}}$ has {parameters['W2'].size} entries" in q4.options[1],
        "c": f"$b^{{[1]}}$ has {parameters['b1'].size} entries" in q4.options[2],
        "d": f"$Z^{{[1]}}$ has {Z1.size} entries" in q4.options[3],
    }
    assert count == 17 and "".join(letter for letter in "abcd" if true[letter]) == q4.answer


def test_c1w4_shape_and_cache_keys():
    layer_dims = [12288, 20, 7, 5, 1]
    parameters = initialize_parameters_deep(layer_dims, rng=np.random.default_rng(0))
    rows, cols = parameters["W3"].shape
    assert option("C1W4_quiz", "q3")[key("C1W4_quiz", "q3")] == f"$({rows}, {cols})$"
    assert option("C1W4_quiz", "q4")[key("C1W4_quiz", "q4")] == str(len(parameters) // 2)
    small = initialize_parameters_deep([4, 3, 2, 1], rng=np.random.default_rng(0))
    X = np.random.default_rng(1).standard_normal((4, 5))
    _, caches = L_model_forward(X, small)
    assert len(caches) == 3
    assert np.array_equal(caches[0][0][0], X)
    assert caches[0][0][1].shape == small["W1"].shape
    assert "((X, W1, b1), Z1)" in option("C1W4_quiz", "q10")[key("C1W4_quiz", "q10")]


def test_c1w4_backward_block_ignores_the_cached_bias():
    from dlutils.layers import linear_backward

    rng = np.random.default_rng(4)
    A_prev, W, b = rng.standard_normal((3, 5)), rng.standard_normal((2, 3)), np.zeros((2, 1))
    dZ = rng.standard_normal((2, 5))
    first = linear_backward(dZ, (A_prev, W, b))
    other = linear_backward(dZ, (A_prev, W, b + 7.0))  # another b: the same gradients
    for x, y in zip(first, other, strict=True):
        np.testing.assert_array_equal(x, y)
    keyed = [option("C1W4_quiz", "q1")[letter] for letter in key("C1W4_quiz", "q1")]
    assert [text.split(",")[0] for text in keyed] == [
        "The input $A^{[l-1]}$",
        "The weights $W^{[l]}$",
        "The linear output $Z^{[l]}$",
    ]
