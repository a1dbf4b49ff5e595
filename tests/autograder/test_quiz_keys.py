"""No blind strategy pays in a quiz, and the numbers in the Course 2 quizzes are right.

The spread rules (from the issue on the Course 1 quizzes) are checked on every quiz's key:

- always answering the same letter to the one-answer questions earns about a quarter of them,
  no more: every letter a-d is the key of at least one question, none of more than
  ceil(n / 4) + 1;
- no letter is in every select-all key (so "always tick (a)", or (b), does not pay), and no
  select-all key is "every option";
- no letter is in more than 60 % of the select-all keys, in each quiz and over all the quizzes
  together (so a learner who has seen (a) right again and again cannot count on it);
- picking the longest option earns no more than a fair guess: the key of a one-answer question
  is the only longest option in at most ceil(n / 4) of them.

The Course 1 quizzes predated the rules; issue 14 rewrote their keys, and every quiz now
keeps every rule.

The keys of the Course 2 questions that ask for a number are recomputed here with numpy, and
the computed value must appear in the keyed option and in no other.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

import numpy as np
import pytest

from autograder.kit.quiz import Question, known_quizzes, questions_of

QUIZZES = known_quizzes()
SINGLE_LETTERS = "abcd"

MOST_KEYS = 0.6  # the largest share of the select-all keys that one letter may be in


# -- the rules, as functions that list what is wrong ---------------------------------------------


def letter_problems(questions: Sequence[Question]) -> list[str]:
    """What makes "always answer the same letter" pay on the one-answer questions."""
    keys = [q.answer for q in questions if not q.multiple]
    counts = Counter(keys)
    most = math.ceil(len(keys) / 4) + 1
    problems = [f"({letter}) is never the key" for letter in SINGLE_LETTERS if not counts[letter]]
    problems += [
        f"({letter}) is the key of {n} of {len(keys)} one-answer questions (at most {most})"
        for letter, n in sorted(counts.items())
        if n > most
    ]
    return problems


def select_all_problems(questions: Sequence[Question]) -> list[str]:
    """What makes ticking a fixed letter, or every option, pay on the select-all questions."""
    multis = [q for q in questions if q.multiple]
    if not multis:
        return ["the quiz has no select-all question"]
    in_every_key = set.intersection(*(set(q.answer) for q in multis))
    problems = [f"({letter}) is in every select-all key" for letter in sorted(in_every_key)]
    problems += [f"{q.name}: every option is right" for q in multis if q.answer == q.letters]
    return problems


def letter_share_problems(questions: Sequence[Question], where: str = "") -> list[str]:
    """The letters in more than :data:`MOST_KEYS` of the select-all keys of ``questions``."""
    keys = [q.answer for q in questions if q.multiple]
    counts = Counter(letter for answer in keys for letter in answer)
    return [
        f"{where}({letter}) is in {n} of {len(keys)} select-all keys (at most "
        f"{math.floor(MOST_KEYS * len(keys))})"
        for letter, n in sorted(counts.items())
        if n > MOST_KEYS * len(keys)
    ]


def longest_option_hits(questions: Sequence[Question]) -> list[str]:
    """The one-answer questions whose key is the only longest option."""
    hits = []
    for q in questions:
        if q.multiple:
            continue
        lengths = [len(option) for option in q.options]
        key_length = lengths[q.letters.index(q.answer)]
        if key_length == max(lengths) and lengths.count(key_length) == 1:
            hits.append(q.name)
    return hits


def longest_option_problems(questions: Sequence[Question]) -> list[str]:
    singles = sum(not q.multiple for q in questions)
    hits = longest_option_hits(questions)
    most = math.ceil(singles / 4)
    if len(hits) > most:
        return [f"the key is the only longest option in {hits} (at most {most} of {singles})"]
    return []


# -- every quiz ----------------------------------------------------------------------------------


@pytest.mark.parametrize("quiz", QUIZZES)
def test_one_answer_keys_use_every_letter_and_favour_none(quiz):
    questions = list(questions_of(quiz).values())
    assert all(len(q.options) >= len(SINGLE_LETTERS) for q in questions if not q.multiple)
    assert letter_problems(questions) == []


@pytest.mark.parametrize("quiz", QUIZZES)
def test_no_letter_is_in_every_select_all_key(quiz):
    assert select_all_problems(list(questions_of(quiz).values())) == []


@pytest.mark.parametrize("quiz", QUIZZES)
def test_no_letter_is_in_more_than_60_percent_of_a_quizs_select_all_keys(quiz):
    assert letter_share_problems(list(questions_of(quiz).values())) == []


def test_no_letter_is_in_more_than_60_percent_of_all_select_all_keys():
    questions = [q for quiz in QUIZZES for q in questions_of(quiz).values()]
    assert sum(q.multiple for q in questions) >= 20  # every quiz is counted
    assert letter_share_problems(questions, "over all quizzes: ") == []


@pytest.mark.parametrize("quiz", QUIZZES)
def test_picking_the_longest_option_does_not_pay(quiz):
    assert longest_option_problems(list(questions_of(quiz).values())) == []


# -- the rules catch what they are for -------------------------------------------------------------


def question(name, answer, *, multiple=False, options=("w", "x", "y", "z")) -> Question:
    return Question(
        name, "?", tuple(options), multiple=multiple, answer=answer, explanation="Because."
    )


def test_the_rules_catch_a_blind_strategy_that_pays():
    always_a = [question(f"q{n}", "a") for n in range(1, 7)]
    assert "(b) is never the key" in letter_problems(always_a)
    assert any("(a) is the key of 6 of 6" in p for p in letter_problems(always_a))
    spread = [question(f"q{n}", letter) for n, letter in enumerate("abcdab", start=1)]
    assert letter_problems(spread) == []

    tick_b = [question("q1", "ab", multiple=True), question("q2", "bd", multiple=True)]
    assert select_all_problems(tick_b) == ["(b) is in every select-all key"]
    everything = [question("q1", "abcd", multiple=True), question("q2", "bd", multiple=True)]
    assert select_all_problems(everything) == [
        "(b) is in every select-all key",
        "(d) is in every select-all key",
        "q1: every option is right",
    ]
    assert select_all_problems([question("q1", "ab", multiple=True), *spread[:2]]) != []
    assert select_all_problems(spread) == ["the quiz has no select-all question"]

    # (a) in 3 of 5 keys is 60 %, allowed; in 3 of 3 it is too many, as is (b) in 3 of 4.
    five = [question(f"q{n}", k, multiple=True) for n, k in enumerate(["ab", "ac", "ad", "bc",
                                                                       "bd"], start=1)]  # fmt: skip
    assert letter_share_problems(five) == []
    assert letter_share_problems(five[:3]) == ["(a) is in 3 of 3 select-all keys (at most 1)"]
    assert letter_share_problems([five[0], *five[3:], five[1]], "C9: ") == [
        "C9: (b) is in 3 of 4 select-all keys (at most 2)"
    ]

    long_key = ("short", "a much longer and more precise option", "short", "brief")
    giveaways = [question(f"q{n}", "b", options=long_key) for n in range(1, 5)]
    tie = question("q5", "b", options=("option one", "option two"))  # a tie is no giveaway
    assert longest_option_hits([*giveaways, tie]) == ["q1", "q2", "q3", "q4"]
    assert longest_option_problems(giveaways) != []
    assert longest_option_problems(giveaways[:1] + spread[:3]) == []


# -- the Course 2 numbers, recomputed --------------------------------------------------------------


def keyed_alone(quiz: str, name: str, text: str) -> None:
    """``text`` is in the keyed option of ``quiz``'s question ``name`` and in no other."""
    q = questions_of(quiz)[name]
    options = zip(q.letters, q.options, strict=True)
    holding = [letter for letter, option in options if text in option]
    assert holding == [q.answer], (quiz, name, text, q.options)


def test_c2w1_exploding_activations_and_he_scale():
    magnitude = np.float64(1.5) ** 50
    exponent = math.floor(math.log10(magnitude))
    keyed_alone("C2W1_quiz", "q8", f"{magnitude / 10**exponent:.0f} \\times 10^{{{exponent}}}")
    keyed_alone("C2W1_quiz", "q9", f"= {np.sqrt(2 / 512):.4f}")


def test_c2w1_split_sizes():
    dev = round(0.01 * 1_000_000)
    keyed_alone("C2W1_quiz", "q1", f"{dev:,} dev and {dev:,} test")


def test_c2w2_window_bias_correction_and_decay():
    size = 1000
    keyed_alone("C2W2_quiz", "q1", f"$(n_x, {size})$, and {5_000_000 // size:,} mini-batches")
    keyed_alone("C2W2_quiz", "q3", f"About {1 / (1 - 0.98):.0f} days")
    beta, theta1 = 0.9, 10.0
    v1 = beta * 0.0 + (1 - beta) * theta1
    keyed_alone("C2W2_quiz", "q4", f"$v_1 = {v1:.0f}$, corrected {v1 / (1 - beta):.0f}.")
    alpha = 0.2 / (1 + 1 * 3)
    keyed_alone("C2W2_quiz", "q8", f"{alpha:g}")


def test_c2w3_uniform_fraction_softmax_and_loss():
    fraction = (1 - 0.1) / (1 - 0.0001)
    keyed_alone("C2W3_quiz", "q2", f"About {round(fraction * 10) * 10} %")
    z = np.array([2.0, 1.0, 0.0])
    softmax = np.exp(z - z.max()) / np.exp(z - z.max()).sum()
    keyed_alone("C2W3_quiz", "q7", "(" + ", ".join(f"{p:.3f}" for p in softmax) + ")")
    y_hat, y = np.array([0.1, 0.2, 0.6, 0.1]), np.array([0, 0, 1, 0])
    keyed_alone("C2W3_quiz", "q8", f"{-np.sum(y * np.log(y_hat)):.3f}")


def test_c2w3_beta_sampling_key_lands_in_range():
    rng = np.random.default_rng(0)
    beta = 1 - 10 ** rng.uniform(-3, -1, size=10_000)  # the keyed line of q3
    assert beta.min() >= 0.9 and beta.max() <= 0.999
    # On this scale each decade of 1 - beta gets half of the samples, unlike a uniform beta.
    assert 0.45 < np.mean(beta > 0.99) < 0.55
    keyed_alone("C2W3_quiz", "q3", "1 - 10 ** rng.uniform(-3, -1)")


def test_c2w3_largest_softmax_output_can_be_below_a_half():
    z = np.zeros(3)  # C = 3 classes, equal scores
    softmax = np.exp(z) / np.exp(z).sum()
    assert softmax.max() < 0.5 and softmax.sum() == 1.0
    q = questions_of("C2W3_quiz")["q10"]
    claims = [letter for letter, option in zip(q.letters, q.options, strict=True)
              if "always above 0.5" in option]  # fmt: skip
    assert len(claims) == 1 and claims[0] not in q.answer
