"""Grading suite for C1W2_quiz: the neuron's maths, loss values, broadcasting and shapes.

Each question is one graded test worth one point (see :mod:`autograder.kit.quiz`). The key lives
only here, on the judge's side; the release notebook carries the questions and a format check.
"""

from __future__ import annotations

from autograder.kit.quiz import Question, quiz_tests

ASSIGNMENT = "C1W2_quiz"

QUESTIONS = [
    Question(
        "q1",
        r"Logistic regression is a single neuron with weights $w$ of shape $(n_x, 1)$ and a "
        r"bias $b$. What does it output for one example $x$ of shape $(n_x, 1)$?",
        (
            r"$\hat{y} = w^T x + b$",
            r"$\hat{y} = \max(0, w^T x + b)$",
            r"$\hat{y} = \sigma(w^T x + b)$, with $\sigma(z) = 1 / (1 + e^{-z})$",
            r"$\hat{y} = \sigma(w^T x) + b$",
        ),
        answer="c",
        explanation=(
            "The neuron computes the linear part z = w^T x + b and passes it through the "
            "sigmoid, so that y_hat = P(y = 1 | x) lies between 0 and 1. Without the sigmoid it "
            "is linear regression; with max(0, .) it is a ReLU unit; adding b after the sigmoid "
            "can leave the range (0, 1)."
        ),
    ),
    Question(
        "q2",
        r"The loss of one example is "
        r"$\mathcal{L}(\hat{y}, y) = -\big(y \log \hat{y} + (1 - y) \log(1 - \hat{y})\big)$ "
        r"with the natural logarithm. For $y = 1$ and $\hat{y} = 0.9$, what is it, to three "
        "decimals?",
        ("2.303", "0.046", "0.900", "0.105"),
        answer="d",
        explanation=(
            "With y = 1 only the first term survives: L = -ln(0.9) = 0.105. 2.303 = -ln(0.1) "
            "uses the wrong term (1 - y_hat); 0.046 = -log10(0.9) uses the base-10 logarithm; "
            "0.9 is y_hat itself."
        ),
    ),
    Question(
        "q3",
        "Which statements about this loss for one example are true?",
        (
            r"For $y = 1$, the loss grows without bound as $\hat{y} \to 0$.",
            r"For $y = 0$ and $\hat{y} = 0.5$, the loss is $\log 2 \approx 0.693$.",
            r"For $y = 0$, the loss tends to 0 as $\hat{y} \to 1$.",
            r"The loss is never negative for $\hat{y}$ strictly between 0 and 1.",
        ),
        answer="abd",
        multiple=True,
        explanation=(
            "L = -log(y_hat) when y = 1 and -log(1 - y_hat) when y = 0. Both are >= 0 on (0, 1) "
            "and blow up when the prediction is confidently wrong: for y = 0, y_hat -> 1 gives "
            "-log(1 - y_hat) -> infinity, not 0. At y_hat = 0.5 either case gives "
            "-log(0.5) = log 2."
        ),
    ),
    Question(
        "q4",
        r"Which statements about the loss $\mathcal{L}$ and the cost $J$ are true?",
        (
            "The loss measures the error on one example; the cost J is the average of the "
            "losses over the m training examples.",
            "Squared error with a sigmoid output gives a non-convex problem for logistic "
            "regression, one reason to prefer the cross-entropy.",
            "The cost J becomes negative when the predictions are very good.",
            "Multiplying the cost by a positive constant moves the location of its minimum.",
        ),
        answer="ab",
        multiple=True,
        explanation=(
            "J(w, b) = (1/m) * sum of L(y_hat^(i), y^(i)). For logistic regression the "
            "cross-entropy cost is convex in (w, b), while the squared error through a sigmoid "
            "is not. Each loss is >= 0, so J >= 0 too; scaling J by a positive constant "
            "changes its values but not where the minimum is."
        ),
    ),
    Question(
        "q5",
        r"With $\sigma(z) = 1 / (1 + e^{-z})$, which is the derivative $\sigma'(z)$, and what "
        "is its largest value?",
        (
            r"$\sigma(z)\,(1 - \sigma(z))$, largest value $0.25$ at $z = 0$",
            r"$\sigma(z)\,(1 - \sigma(z))$, largest value $1$ at $z = 0$",
            r"$1 - \sigma(z)^2$, largest value $1$ at $z = 0$",
            r"$e^{-z}$, largest value unbounded",
        ),
        answer="a",
        explanation=(
            "sigma'(z) = e^(-z) / (1 + e^(-z))^2 = sigma(z) (1 - sigma(z)). At z = 0, "
            "sigma = 0.5, so the slope is 0.5 * 0.5 = 0.25, its maximum; 1 - tanh(z)^2 is the "
            "derivative of tanh, whose maximum slope is 1."
        ),
    ),
    Question(
        "q6",
        r"`a` has shape $(3, 4)$ and `b` has shape $(4, 1)$. What does `c = a + b` give?",
        (
            r"`c` of shape $(3, 4)$",
            r"`c` of shape $(4, 4)$",
            r"`c` of shape $(3, 1)$",
            "An error: the shapes cannot be broadcast together.",
        ),
        answer="d",
        explanation=(
            "numpy compares shapes from the right. Last axes: 4 and 1, fine (the 1 is "
            "stretched to 4). First axes: 3 and 4, neither is 1, so broadcasting fails with a "
            "ValueError. A b of shape (3, 1) or (1, 4) would have worked."
        ),
    ),
    Question(
        "q7",
        r"`a` has shape $(4, 1)$ and `b` has shape $(1, 3)$. What is the shape of `a * b`?",
        (r"$(4, 3)$", r"$(4, 1)$", r"$(1, 3)$", "An error: `*` needs equal shapes."),
        answer="a",
        explanation=(
            "Each axis of size 1 is stretched to match the other: a becomes (4, 3) by copying "
            "its column, b becomes (4, 3) by copying its row, and * multiplies element-wise. "
            "The result is the outer product of the two vectors."
        ),
    ),
    Question(
        "q8",
        r"`a` has shape $(3, 4)$ and `b` has shape $(4, 2)$. Which statements are true?",
        (
            r"`a @ b` has shape $(3, 2)$.",
            "`a * b` raises an error.",
            "`np.dot(a, b)` and `a @ b` give the same result here.",
            r"`a * b` has shape $(3, 2)$.",
        ),
        answer="abc",
        multiple=True,
        explanation=(
            "@ and np.dot are the matrix product for 2-D arrays: (3, 4) times (4, 2) gives "
            "(3, 2). * is element-wise and broadcasts: last axes 4 and 2 differ and neither is "
            "1, so it raises a ValueError."
        ),
    ),
    Question(
        "q9",
        r"`x = rng.standard_normal(5)`. Which statements are true?",
        (
            r"`x.shape` is $(5,)$: a rank-1 array, neither a row nor a column vector.",
            r"`x.T` has shape $(1, 5)$.",
            r"`x @ x.T` is a $(5, 5)$ matrix.",
            r"`x.reshape(5, 1)` is a column vector whose transpose has shape $(1, 5)$.",
        ),
        answer="ad",
        multiple=True,
        explanation=(
            "Transposing a rank-1 array does nothing: x.T still has shape (5,), and x @ x.T is "
            "the inner product, a scalar. Draw or reshape to (5, 1) or (1, 5) so that shapes "
            "behave, and check them with assert x.shape == (5, 1)."
        ),
    ),
    Question(
        "q10",
        r"$X$ has shape $(n_x, m)$, $Y$ and $A = \sigma(w^T X + b)$ have shape $(1, m)$, and "
        r"$dZ = A - Y$. Which line computes $dw = \frac{1}{m} \sum_i x^{(i)} dz^{(i)}$, of shape "
        r"$(n_x, 1)$?",
        (
            "`dw = dZ @ X.T / m`",
            "`dw = X @ dZ.T`",
            "`dw = X @ dZ.T / m`",
            "`dw = np.sum(dZ) / m`",
        ),
        answer="c",
        explanation=(
            "X @ dZ.T is (n_x, m) times (m, 1) = (n_x, 1) and sums x^(i) dz^(i) over the "
            "examples; divide by m for the average. dZ @ X.T has the transposed shape (1, n_x); "
            "forgetting 1/m scales the step by m; np.sum(dZ) / m is db, not dw."
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
