"""Grading suite for C1W3_quiz: shallow-net notation, activation choice, symmetry breaking.

Each question is one graded test worth one point (see :mod:`autograder.kit.quiz`). The key lives
only here, on the judge's side; the release notebook carries the questions and a format check.
"""

from __future__ import annotations

from autograder.kit.quiz import Question, quiz_tests

ASSIGNMENT = "C1W3_quiz"

QUESTIONS = [
    Question(
        "q1",
        "Which symbol is the activation vector of the second layer for the 12th training example?",
        (r"$a^{[12](2)}$", r"$a^{[2]}_{12}$", r"$a^{[2](12)}$", r"$a^{(2)[12]}_{1}$"),
        answer="c",
        explanation=(
            "Square brackets [l] name the layer and round brackets (i) the training example: "
            "a^[2](12). A subscript picks one unit (one entry of the vector) inside a layer."
        ),
    ),
    Question(
        "q2",
        r"A network has $n_x$ inputs, one hidden layer of $n_h$ units and one output unit, and "
        r"is applied to $m$ examples at once. Which shapes are right?",
        (
            r"$W^{[1]}$ is $(n_h, n_x)$.",
            r"$b^{[1]}$ is $(n_h, 1)$.",
            r"$W^{[2]}$ is $(n_h, 1)$.",
            r"$Z^{[1]}$ is $(n_h, m)$.",
        ),
        answer="abd",
        multiple=True,
        explanation=(
            "W^[l] has one row per unit of layer l and one column per unit of layer l-1: W^[1] "
            "is (n_h, n_x) and W^[2] is (1, n_h), not (n_h, 1). b^[l] is a column (n_h, 1) "
            "that broadcasts over the m columns of Z^[1] = W^[1] X + b^[1], which is (n_h, m)."
        ),
    ),
    Question(
        "q3",
        r"What is the entry in row 3, column 7 of $A^{[1]}$?",
        (
            "The activation of hidden unit 7 on example 3.",
            "The activation of hidden unit 3 on example 7.",
            "The weight from input 7 to hidden unit 3.",
            "The mean activation of hidden unit 3 over the first 7 examples.",
        ),
        answer="b",
        explanation=(
            "A^[1] stacks the examples' activation vectors a^[1](i) as columns: going down a "
            "column runs over the hidden units, going across a row runs over the examples. The "
            "weight from input 7 to unit 3 is the entry (3, 7) of W^[1], not of A^[1]."
        ),
    ),
    Question(
        "q4",
        r"You build a binary classifier ($y \in \{0, 1\}$). Which activation suits the "
        "output unit?",
        (
            "tanh",
            "ReLU",
            "the sigmoid",
            "the identity (no activation)",
        ),
        answer="c",
        explanation=(
            "The output should be a probability P(y = 1 | x) in (0, 1), which the sigmoid "
            "gives and which the cross-entropy loss expects. tanh lies in (-1, 1), ReLU and "
            "the identity are unbounded. In the hidden layers, tanh or ReLU are usually "
            "better choices than the sigmoid."
        ),
    ),
    Question(
        "q5",
        "Which statements about activation functions are true?",
        (
            "tanh outputs are centred near 0, which often makes learning in the next layer "
            "easier than with the sigmoid.",
            "For large |z| both the sigmoid and tanh have gradients close to 0, which can slow "
            "gradient descent down.",
            "The derivative of ReLU is 1 for z > 0 and 0 for z < 0.",
            "A network whose hidden layers all use the identity g(z) = z can draw any "
            "non-linear decision boundary, given enough hidden units.",
        ),
        answer="abc",
        multiple=True,
        explanation=(
            "tanh is a shifted and rescaled sigmoid with mean output near 0; both saturate for "
            "large |z|, where their slopes vanish. ReLU has slope 1 on the positive side and 0 "
            "on the negative side (we use 0 at z = 0). Identity hidden units make the whole "
            "network linear, however many units it has."
        ),
    ),
    Question(
        "q6",
        r"If every hidden layer used the identity activation $g(z) = z$ and the output used "
        "the sigmoid, what would the network compute?",
        (
            "A richer function than logistic regression, because of the extra layers.",
            r"$\sigma(w^T x + b)$ for some $w$ and $b$: exactly what logistic regression "
            "computes.",
            "Nothing useful: gradient descent cannot train such a network.",
            "A function that depends only on the biases.",
        ),
        answer="b",
        explanation=(
            "A composition of linear maps is linear: W^[2](W^[1] x + b^[1]) + b^[2] = W' x + b' "
            "with W' = W^[2] W^[1] and b' = W^[2] b^[1] + b^[2]. The hidden layer adds no "
            "expressive power; the non-linearity is what lets a network bend its boundary."
        ),
    ),
    Question(
        "q7",
        "A network with one tanh hidden layer starts with all weights and all biases equal to "
        "zero. What happens when you train it with gradient descent?",
        (
            "Every hidden unit computes the same function, because they all receive the same "
            "gradient at every step.",
            "The first update breaks the symmetry, so the hidden units become different.",
            "It works as well as random initialisation, because zero biases are standard.",
            "Training diverges to infinity.",
        ),
        answer="a",
        explanation=(
            "With identical (zero) weights, all hidden units compute the same activation, get "
            "the same dZ^[1] and the same update, so their rows of W^[1] stay equal forever: "
            "the layer behaves like a single unit. Here dW^[1] is even exactly 0, because "
            "W^[2] = 0 stops the gradient. Random weights break the symmetry."
        ),
    ),
    Question(
        "q8",
        "Which statements about initialisation are true?",
        (
            r"Initialising $b^{[1]}$ to zeros is fine as long as $W^{[1]}$ is random.",
            r"Very large initial weights (say $\times 100$) with tanh or sigmoid units "
            "saturate them and slow learning down.",
            "Logistic regression (no hidden layer) still learns when its weights start at "
            "zero, because it has no hidden units whose symmetry must be broken.",
            "`rng.standard_normal((n_h, n_x)) * 0.01` gives every hidden unit the same "
            "starting weights.",
        ),
        answer="abc",
        multiple=True,
        explanation=(
            "Random weights are enough to make the hidden units differ, so zero biases are "
            "fine. Large weights push z into the flat parts of tanh and sigmoid, where "
            "gradients vanish; hence the factor 0.01. Logistic regression has one unit, so its "
            "gradient is informative from w = 0. Each entry of standard_normal is an "
            "independent draw, so the rows differ."
        ),
    ),
    Question(
        "q9",
        r"The hidden layer uses tanh and the output the sigmoid, with $dZ^{[2]} = A^{[2]} - "
        r"Y$. Which line computes $dZ^{[1]}$?",
        (
            "`dZ1 = W2 @ dZ2 * (1 - A1**2)`",
            "`dZ1 = W2.T @ dZ2 * A1 * (1 - A1)`",
            "`dZ1 = W2.T @ dZ2 * (1 - A1)`",
            "`dZ1 = W2.T @ dZ2 * (1 - A1**2)`",
        ),
        answer="d",
        explanation=(
            "dZ^[1] = W^[2]T dZ^[2] * g'(Z^[1]), and tanh'(z) = 1 - tanh(z)^2 = 1 - A1**2, "
            "applied element-wise. W2.T (not W2) maps the (1, m) dZ2 back to (n_h, m); "
            "A1 * (1 - A1) is the sigmoid's derivative and 1 - A1 is no derivative at all."
        ),
    ),
    Question(
        "q10",
        r"$dZ^{[1]}$ has shape $(n_h, m)$. Which line computes "
        r"$db^{[1]} = \frac{1}{m} \sum_i dz^{[1](i)}$ with the shape of $b^{[1]}$?",
        (
            "`db1 = np.sum(dZ1, axis=1, keepdims=True) / m`",
            "`db1 = np.sum(dZ1, axis=0, keepdims=True) / m`",
            "`db1 = np.sum(dZ1) / m`",
            "`db1 = np.sum(dZ1, axis=1) / m`",
        ),
        answer="a",
        explanation=(
            "Sum over the examples, which run along axis 1, and keep the result a column: "
            "(n_h, 1), like b^[1]. axis=0 sums over the units and gives (1, m); no axis sums "
            "everything into one number; without keepdims the result is a rank-1 (n_h,) array."
        ),
    ),
]

(
    test_q1,
    test_q2,
    test_q3,
    test_q4,
    test_q5,
    test_q6,
    test_q7,
    test_q8,
    test_q9,
    test_q10,
) = quiz_tests(QUESTIONS)
