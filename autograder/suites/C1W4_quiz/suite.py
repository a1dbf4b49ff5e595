"""Grading suite for C1W4_quiz: caches, parameters vs hyperparameters, layer shapes, depth.

Each question is one graded test worth one point (see :mod:`autograder.kit.quiz`). The key lives
only here, on the judge's side; the release notebook carries the questions and a format check.
"""

from __future__ import annotations

from autograder.kit.quiz import Question, quiz_tests

ASSIGNMENT = "C1W4_quiz"

_DIMS = r"`layer_dims = [12288, 20, 7, 5, 1]`"

QUESTIONS = [
    Question(
        "q1",
        "In the step-by-step deep network, each forward block returns a cache alongside its "
        "output. What is the cache for?",
        (
            r"It stores the gradients $dW^{[l]}$ and $db^{[l]}$ for the next forward pass.",
            r"It keeps values from the forward pass ($A^{[l-1]}$, $W^{[l]}$, $b^{[l]}$, "
            r"$Z^{[l]}$) that the backward pass needs to compute the gradients.",
            "It stores hyperparameters such as the learning rate.",
            "It speeds the next iteration's forward pass up by reusing its outputs.",
        ),
        answer="b",
        explanation=(
            "Backward propagation through layer l needs A^[l-1] (for dW^[l]), W^[l] (for "
            "dA^[l-1]) and Z^[l] (for g'(Z^[l])). The forward pass computes them anyway, so "
            "each block caches ((A_prev, W, b), Z) and the matching backward block reads it."
        ),
    ),
    Question(
        "q2",
        "Which of these are hyperparameters (chosen by you, not learned by gradient descent)?",
        (
            r"The learning rate $\alpha$.",
            r"The weight matrices $W^{[l]}$.",
            r"The number of layers $L$.",
            r"The bias vectors $b^{[l]}$.",
            r"The number of hidden units $n^{[l]}$ in each layer.",
            "The number of iterations of gradient descent.",
        ),
        answer="acef",
        multiple=True,
        explanation=(
            "Parameters are what gradient descent learns: W^[l] and b^[l]. Hyperparameters "
            "control how the parameters are found and what the model looks like: the learning "
            "rate, the number of iterations, the number of layers and of hidden units, and the "
            "choice of activations."
        ),
    ),
    Question(
        "q3",
        f"A network is built from {_DIMS}. What is the shape of $W^{{[3]}}$?",
        (r"$(7, 5)$", r"$(5, 1)$", r"$(7, 20)$", r"$(5, 7)$"),
        answer="d",
        explanation=(
            "W^[l] is (n^[l], n^[l-1]). Here n^[0] = 12288 (the input), n^[1] = 20, n^[2] = 7, "
            "n^[3] = 5 and n^[4] = 1, so W^[3] is (5, 7). (7, 5) is its transpose; (7, 20) is "
            "W^[2]."
        ),
    ),
    Question(
        "q4",
        f"For the same {_DIMS}, how many layers $L$ does the network have (the number "
        "`len(parameters) // 2` gives)?",
        ("5", "3", "4", "1"),
        answer="c",
        explanation=(
            "The input layer is layer 0 and is not counted: there are four weight matrices "
            "W^[1] .. W^[4], so L = 4 (three hidden layers and the output layer). "
            "layer_dims has L + 1 entries."
        ),
    ),
    Question(
        "q5",
        r"For layer $l$ of a deep network applied to $m$ examples, which shapes are right?",
        (
            r"$Z^{[l]}$ and $A^{[l]}$ are $(n^{[l]}, m)$.",
            r"$dW^{[l]}$ has the same shape as $W^{[l]}$.",
            r"$b^{[l]}$ is $(n^{[l]}, m)$.",
            r"$db^{[l]}$ is $(n^{[l]}, 1)$.",
            r"$W^{[l]}$ is $(n^{[l-1]}, n^{[l]})$.",
        ),
        answer="abd",
        multiple=True,
        explanation=(
            "Every gradient has the shape of the quantity it is the gradient of: dW^[l] like "
            "W^[l], which is (n^[l], n^[l-1]), and db^[l] like b^[l], which is (n^[l], 1) and "
            "is broadcast over the m columns; it is not stored once per example. Z^[l] and "
            "A^[l] hold one column per example."
        ),
    ),
    Question(
        "q6",
        r"Can forward propagation through layers $1, \dots, L$ be written without an explicit "
        "for-loop over the layers?",
        (
            "No, and that is fine: each layer needs the previous layer's output, so a loop "
            "over the layers is the right way; we vectorise over the examples instead.",
            "Yes: stack all the weight matrices into one array and multiply once.",
            "Yes: broadcasting applies all layers at the same time.",
            "Only when every layer has the same number of units.",
        ),
        answer="a",
        explanation=(
            "A^[l] = g(W^[l] A^[l-1] + b^[l]) depends on A^[l-1], so the layers are computed "
            "one after another. Vectorisation removes the loop over the m examples, which is "
            "where the time goes; a loop over a handful of layers costs nothing."
        ),
    ),
    Question(
        "q7",
        r"A linear block computed $Z = W A_{\text{prev}} + b$. Given $dZ$ and the cache "
        r"$(A_{\text{prev}}, W, b)$, which line computes $dA_{\text{prev}}$?",
        (
            "`dA_prev = dZ @ W`",
            "`dA_prev = W.T @ dZ`",
            "`dA_prev = W @ dZ`",
            "`dA_prev = dZ @ A_prev.T / m`",
        ),
        answer="b",
        explanation=(
            "dA_prev = W^T dZ: (n^[l-1], n^[l]) times (n^[l], m) gives (n^[l-1], m), the shape "
            "of A_prev. It is not averaged over the examples: each example's gradient stays in "
            "its column. dZ @ A_prev.T / m is dW."
        ),
    ),
    Question(
        "q8",
        "Which statements about deep (many-layer) networks are true?",
        (
            "Earlier layers tend to compute simple features (such as edges) and later layers "
            "combine them into more complex ones (parts, objects).",
            "Some functions that a small deep network computes need exponentially more hidden "
            "units in a network with a single hidden layer.",
            "Adding layers always lowers the test error.",
            "A deeper network always trains faster than a shallower one.",
        ),
        answer="ab",
        multiple=True,
        explanation=(
            "Depth lets a network build features in a hierarchy, and circuit theory shows "
            "functions such as the XOR (parity) of n inputs that need O(log n) layers of small "
            "width but about 2^n units with one hidden layer. Depth is still a hyperparameter: "
            "more layers can overfit, and deeper networks are slower and harder to train."
        ),
    ),
    Question(
        "q9",
        r"The output layer is a sigmoid and the cost is the cross-entropy. What does "
        r"`L_model_backward` start from, $dA^{[L]} = \partial \mathcal{L} / \partial A^{[L]}$?",
        (
            "`dAL = AL - Y`",
            "`dAL = Y - AL`",
            "`dAL = Y / AL`",
            "`dAL = -(Y / AL - (1 - Y) / (1 - AL))`",
        ),
        answer="d",
        explanation=(
            "Differentiating -(y log a + (1 - y) log(1 - a)) with respect to a gives "
            "-(y / a - (1 - y) / (1 - a)). AL - Y is dZ^[L], the gradient after going through "
            "the sigmoid as well; Y - AL has the wrong sign."
        ),
    ),
    Question(
        "q10",
        "For L = 3, `L_model_forward(X, parameters)` returns `(AL, caches)`. What is `caches`?",
        (
            "A list of 4 caches, one for the input X and one for each layer.",
            "A list of 3 caches, and `caches[0]` is `((A1, W2, b2), Z2)`.",
            "A list of 3 caches, and `caches[0]` is `((X, W1, b1), Z1)`.",
            "A list of 2 caches, one for each hidden layer.",
        ),
        answer="c",
        explanation=(
            "There is one cache per layer, L in all, indexed from 0: caches[l - 1] belongs to "
            "layer l and holds its linear cache (A^[l-1], W^[l], b^[l]) and its Z^[l]. So "
            "caches[0] has the input X as A_prev, and caches[2] is the output layer's."
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
