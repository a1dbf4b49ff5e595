"""Grading suite for C2W1_quiz: splits, bias and variance, regularization, initialization.

The questions, options, key and explanations are data, in quiz.toml beside this file; each
question is one graded test worth its points (see :mod:`autograder.kit.quiz`).
"""

from autograder.kit.quiz import load_quiz, quiz_tests

ASSIGNMENT = "C2W1_quiz"
QUESTIONS = load_quiz(ASSIGNMENT)
globals().update(quiz_tests(QUESTIONS))  # test_q1, test_q2, ...: graded, in question order
