"""Grading suite for C1W1_quiz: why deep learning took off, supervised learning, notation.

Each question is one graded test worth one point (see :mod:`autograder.kit.quiz`). The key lives
only here, on the judge's side; the release notebook carries the questions and a format check.
"""

from __future__ import annotations

from autograder.kit.quiz import Question, quiz_tests

ASSIGNMENT = "C1W1_quiz"

QUESTIONS = [
    Question(
        "q1",
        "Picture a plot of performance against the amount of labelled training data for a "
        "traditional learning algorithm (logistic regression, an SVM) and for small, medium and "
        "large neural networks. Which statement describes it?",
        (
            "All of the curves rise at the same rate, so the choice of algorithm matters little "
            "at any scale.",
            "Neural networks win mainly when the training set is very small.",
            "As the amount of labelled data grows, the traditional algorithm levels off while "
            "larger networks keep improving; scale of data and of networks drove the progress.",
            "The curves show that the backpropagation algorithm was only invented in the last "
            "decade.",
        ),
        answer="c",
        explanation=(
            "With little data, the ranking of methods depends mostly on hand-engineered features "
            "and on skill, and a traditional algorithm can win. With lots of labelled data, "
            "performance of traditional methods plateaus while bigger networks keep getting "
            "better. Backpropagation dates back to the 1980s; what changed is the scale of data, "
            "networks and compute."
        ),
    ),
    Question(
        "q2",
        "Which of these helped deep learning take off in the last decade?",
        (
            "Far more digitised, labelled data, from phones, sensors and the web.",
            "Faster computation (GPUs and specialised hardware), so that large networks can be "
            "trained in reasonable time.",
            "Algorithmic changes that make training faster, such as replacing the sigmoid by "
            "the ReLU activation.",
            "Proofs that gradient descent always finds the global minimum of a network's cost.",
            "The discovery that small networks generalise better than large ones.",
        ),
        answer="abc",
        multiple=True,
        explanation=(
            "Data, computation and algorithms are the three drivers, and they feed each other: "
            "faster training lets people try more ideas. The cost of a neural network is not "
            "convex and no such proof exists; and it is large networks, given lots of data, "
            "that keep improving."
        ),
    ),
    Question(
        "q3",
        "Why did switching the hidden units from the sigmoid to the ReLU, "
        r"$g(z) = \max(0, z)$, make gradient descent faster?",
        (
            "ReLU is cheaper to evaluate, and that is the only reason.",
            "ReLU's outputs lie between 0 and 1, like probabilities.",
            "ReLU makes the cost function convex.",
            r"Where $|z|$ is large the sigmoid is flat, its gradient nearly 0, so learning "
            r"crawls; ReLU's gradient is 1 for every positive $z$.",
        ),
        answer="d",
        explanation=(
            "The sigmoid saturates: its slope tends to 0 for large positive or negative z, so "
            "the updates become tiny. ReLU keeps a slope of 1 on the positive side. Its outputs "
            "are not bounded above, and the cost of a network stays non-convex."
        ),
    ),
    Question(
        "q4",
        "Which of these are supervised learning problems?",
        (
            "Predicting the price of a house from its size, location and number of bedrooms, "
            "learned from past sales.",
            "Grouping customers into segments when nobody has labelled any of them.",
            "Tagging photos as cat or not-cat, learned from photos that people have labelled.",
            "Transcribing speech to text, learned from audio clips paired with their transcripts.",
        ),
        answer="acd",
        multiple=True,
        explanation=(
            "Supervised learning learns a mapping x -> y from examples that come with the right "
            "output y: the sale price, the cat/not-cat label, the transcript. Grouping "
            "unlabelled customers has no target y; it is unsupervised (clustering)."
        ),
    ),
    Question(
        "q5",
        "Which of these are unstructured data?",
        (
            "Raw audio recordings of spoken commands.",
            "A table of loan applications with columns for income, age and debt.",
            "The pixels of photographs.",
            "The text of product reviews.",
        ),
        answer="acd",
        multiple=True,
        explanation=(
            "Structured data come as tables whose columns each have a well-defined meaning "
            "(income, age, debt). Audio, images and free text are unstructured: no single "
            "sample or pixel or word means much on its own, and deep learning made computers "
            "much better at them."
        ),
    ),
    Question(
        "q6",
        r"A training set has $m$ examples, each with $n_x$ features. In this course the "
        r"examples are stacked as columns. What is the shape of $X$?",
        (r"$(m, n_x)$", r"$(n_x, m)$", r"$(n_x, 1)$", r"$(m, 1)$"),
        answer="b",
        explanation=(
            "Each example x^(i) is a column vector of shape (n_x, 1), and X = [x^(1) ... x^(m)] "
            "puts them side by side: n_x rows, m columns. (m, n_x) is the row-per-example layout "
            "some libraries use, but not this course."
        ),
    ),
    Question(
        "q7",
        r"With the same convention, what is the shape of the label matrix $Y$ for a binary "
        "classification task?",
        (r"$(m,)$", r"$(m, 1)$", r"$(1, m)$", r"$(n_x, m)$"),
        answer="c",
        explanation=(
            "Y = [y^(1) ... y^(m)] has one row and one column per example: (1, m). A rank-1 "
            "array of shape (m,) behaves neither as a row nor as a column in numpy and causes "
            "silent broadcasting bugs; avoid it."
        ),
    ),
    Question(
        "q8",
        r"What does $a^{[2](i)}_3$ denote?",
        (
            r"The activation of unit 2 in layer 3, for example $i$.",
            r"The activation of unit 3 in layer 2, for example $i$.",
            r"The activation of unit 3 in layer $i$, at iteration 2.",
            r"The third power of the activation of layer 2.",
        ),
        answer="b",
        explanation=(
            "The superscript in square brackets [l] is the layer, the superscript in round "
            "brackets (i) is the training example, and the subscript is the unit within the "
            "layer."
        ),
    ),
    Question(
        "q9",
        "Deep learning is developed in a loop: idea, code, experiment, and back to a new idea. "
        "Which statements about this loop are true?",
        (
            "Faster training lets a team go round the loop more often and find what works sooner.",
            "The practice is empirical: you often have to try an idea to learn whether it works.",
            "Once an architecture works on one problem, its hyperparameters carry over "
            "unchanged to every other problem.",
            "Training time does not matter as long as the final model is accurate.",
        ),
        answer="ab",
        multiple=True,
        explanation=(
            "Good settings are found by experiment, so the speed of each experiment limits the "
            "speed of progress: a result in minutes beats one in weeks. Intuitions transfer only "
            "partly between problems, and good hyperparameters are re-tuned for each one."
        ),
    ),
    Question(
        "q10",
        "A network predicts house prices from four inputs (size, number of bedrooms, zip code, "
        "neighbourhood wealth). How are the hidden units of its first layer connected to the "
        "inputs?",
        (
            "Each hidden unit receives every input feature, and training decides which ones "
            "matter for it.",
            "The designer chooses by hand which few inputs each hidden unit may see.",
            "Each hidden unit receives exactly one input feature.",
            "Hidden units are connected only to the output, not to the inputs.",
        ),
        answer="a",
        explanation=(
            "In a fully connected layer every unit gets all n_x inputs through its own row of "
            "W^[1]; you do not hand-pick features such as 'family size' or 'walkability'. The "
            "network learns what each hidden unit should compute."
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
