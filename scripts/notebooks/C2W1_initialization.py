"""Write solutions/C2W1_initialization/C2W1_initialization.ipynb, the notebook's one source.

    .venv/bin/python scripts/notebooks/C2W1_initialization.py
    .venv/bin/dlcourse release C2W1_initialization

Edit this file, never the notebook: the points of the test cells come from the suite
(``autograder/suites/C2W1_initialization``), the rest is written here.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from autograder.kit.authoring import (  # noqa: E402
    answer,
    code,
    markdown,
    self_check,
    setup,
    write_notebook,
)

ASSIGNMENT = "C2W1_initialization"
TITLE = "Initialization: zeros, large random, He and Xavier"
ITERATIONS, LEARNING_RATE = 1000, 0.3

INTRO = r"""
# Initialization: zeros, large random, He and Xavier

A deep network starts from the weights you give it, and that start decides whether gradient
descent learns at all, how fast, and how far. Here you write four initializers for the same
3-layer network and train it from each on the same 2-D data set:

- **zeros**: every weight and bias 0;
- **large random**: standard normal weights times 10;
- **He**: standard normal weights times $\sqrt{2 / n^{[l-1]}}$ (made for ReLU layers);
- **Xavier**: standard normal weights times $\sqrt{1 / n^{[l-1]}}$ (made for tanh layers).

Then you compare their cost curves and decision boundaries side by side, and see why the zeros
start can never learn: its hidden units stay identical (**symmetry**).

**Notation.** `layers_dims = [n[0], n[1], ..., n[L]]` lists the size of every layer, input first,
so the network has $L$ = `len(layers_dims) - 1` layers. $W^{[l]}$ has shape
$(n^{[l]}, n^{[l-1]})$ and $b^{[l]}$ has shape $(n^{[l]}, 1)$; $n^{[l-1]}$, the number of inputs
of a unit of layer $l$, is its **fan-in**. Every initializer returns a new dict
`{"W1": ..., "b1": ..., ..., "WL": ..., "bL": ...}` of float arrays.

**Random draws.** The three random initializers draw only from the `rng` they are given, in one
order: for $l = 1, \dots, L$, `W[l] = rng.standard_normal((n[l], n[l-1])) * scale`. The biases
are zeros and draw nothing. Graded functions never change their inputs.

### How your work is graded

- Each graded function is worth the points shown in its test cell, the locked cell right below it
  (the grading report lists them too).
- That cell is a **self-check**: it runs the public cases shown there, in your own kernel. It is a
  convenience for you and proves nothing by itself.
- The grader calls your function in an isolated process, on the public cases and on **hidden
  cases** of other sizes and seeds, drawn at grading time. Your points come from the hidden cases:
  you earn a share of the function's points for each hidden case it gets right, but only when it
  also passes every public case. A function that is right only on the public inputs earns nothing.
- The values must be exactly the draws described above: the same `rng` calls, in the same order,
  times the same scale (to within rounding).
- Checks of properties (that your function leaves `layers_dims` alone) can take points away from
  a right answer; they never give points to a wrong one.
"""

SETUP = """
import matplotlib.pyplot as plt
import numpy as np

from selfcheck import SelfCheck
from dlutils.datasets import make_circles
from dlutils.evaluation import accuracy, predict
from dlutils.layers import L_model_backward, L_model_forward, update_parameters
from dlutils.losses import compute_cost
from dlutils.plotting import plot_2d_data, plot_cost_curves, plot_decision_boundary

rng = np.random.default_rng(1)
check = SelfCheck("C2W1_initialization")
"""

DATA = """
X_train, Y_train = make_circles(300, rng=rng, noise=0.1)
X_test, Y_test = make_circles(300, rng=rng, noise=0.1)
print(f"X_train {X_train.shape}, Y_train {Y_train.shape}; X_test {X_test.shape}, "
      f"Y_test {Y_test.shape}")
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
plot_2d_data(X_train, Y_train, ax=axes[0], title="training set (300 points)")
plot_2d_data(X_test, Y_test, ax=axes[1], title="held-out set (300 points)");
"""

MODEL = f"""
LAYERS_DIMS = [2, 10, 5, 1]
NUM_ITERATIONS, LEARNING_RATE = {ITERATIONS}, {LEARNING_RATE}


def model(X, Y, parameters, learning_rate=LEARNING_RATE, num_iterations=NUM_ITERATIONS):
    \"\"\"Full-batch gradient descent from the given start; the cost every 100 iterations.\"\"\"
    costs = []
    for i in range(num_iterations):
        AL, caches = L_model_forward(X, parameters)
        if i % 100 == 0 or i == num_iterations - 1:
            costs.append(float(compute_cost(AL, Y)))
        grads = L_model_backward(AL, Y, caches)
        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs


results = {{}}  # initialization -> (trained parameters, costs)


def train_and_report(name, start):
    \"\"\"Train from ``start``, keep the result, print the costs and both accuracies.\"\"\"
    parameters, costs = model(X_train, Y_train, start)
    results[name] = parameters, costs
    train_accuracy = accuracy(predict(parameters, X_train), Y_train)
    test_accuracy = accuracy(predict(parameters, X_test), Y_test)
    print(f"{{name}}: cost {{costs[0]:.3f}} at iteration 0, {{costs[-1]:.3f}} after "
          f"{{NUM_ITERATIONS}} iterations; accuracy {{train_accuracy:.1%}} on the training set, "
          f"{{test_accuracy:.1%}} on the held-out set")
"""

ZEROS = r'''
def initialize_parameters_zeros(layers_dims):
    """All weights and biases zero.

    Arguments:
    layers_dims -- list [n[0], n[1], ..., n[L]] of layer sizes, input first

    Returns:
    parameters -- dict with "W1", "b1", ..., "WL", "bL";
                  W[l] zeros of shape (n[l], n[l-1]), b[l] zeros of shape (n[l], 1)
    """
    parameters = {}
    L = len(layers_dims) - 1  # number of layers
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        parameters["W" + str(l)] = np.zeros((layers_dims[l], layers_dims[l - 1]))
        parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
    ### END SOLUTION
    return parameters
'''


def random_answer(function: str, summary: str, scale: str, doc_scale: str) -> str:
    """The answer cell of one random initializer: the loop is the same, the scale differs."""
    return f'''
def {function}(layers_dims, *, rng):
    """{summary}

    Arguments:
    layers_dims -- list [n[0], n[1], ..., n[L]] of layer sizes, input first
    rng -- numpy random Generator; for l = 1, ..., L in order,
           W[l] = rng.standard_normal((n[l], n[l-1])) * {doc_scale}; biases draw nothing

    Returns:
    parameters -- dict with "W1", "b1", ..., "WL", "bL";
                  W[l] of shape (n[l], n[l-1]), b[l] zeros of shape (n[l], 1)
    """
    parameters = {{}}
    L = len(layers_dims) - 1  # number of layers
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        n_prev, n = layers_dims[l - 1], layers_dims[l]
        parameters["W" + str(l)] = rng.standard_normal((n, n_prev)){scale}
        parameters["b" + str(l)] = np.zeros((n, 1))
    ### END SOLUTION
    return parameters
'''


SYMMETRY = """
def distinct_units(parameters, l):
    \"\"\"How many different hidden units layer l has: distinct rows of [W[l] | b[l]].\"\"\"
    units = np.hstack([parameters["W" + str(l)], parameters["b" + str(l)]])
    return len(np.unique(units.round(12), axis=0))


# A constant start that is not zero: every weight 0.5. The weights move, the units stay twins.
constant = {key: np.full_like(value, 0.5) for key, value in
            initialize_parameters_zeros(LAYERS_DIMS).items()}
constant_trained, _ = model(X_train, Y_train, constant, num_iterations=200)
for name, params in [("zeros, after training", results["zeros"][0]),
                     ("all 0.5, after 200 iterations", constant_trained)]:
    counts = ", ".join(f"layer {l}: {distinct_units(params, l)} of {LAYERS_DIMS[l]}"
                       for l in (1, 2))
    print(f"{name}: distinct hidden units {counts}")
print("W1 after training from all 0.5 (every row the same):")
print(constant_trained["W1"].round(3))
"""

SIDE_BY_SIDE = """
names = list(results)
fig, axes = plt.subplots(1, len(names), figsize=(4.2 * len(names), 4))
for ax, name in zip(axes, names):
    params = results[name][0]
    test_accuracy = accuracy(predict(params, X_test), Y_test)
    plot_decision_boundary(lambda P, params=params: predict(params, P), X_test, Y_test, ax=ax,
                           title=f"{name}: held-out accuracy {test_accuracy:.0%}", resolution=60)
fig.suptitle("Decision boundaries on the held-out set, after "
             f"{NUM_ITERATIONS} iterations from each start")
plt.tight_layout()

fig, ax = plt.subplots(figsize=(7, 4))
plot_cost_curves({name: costs for name, (_, costs) in results.items()}, ax=ax)
ax.set_yscale("log")
ax.set_title(f"Cost per start: {NUM_ITERATIONS} iterations, learning rate {LEARNING_RATE}");
"""

SUMMARY = """
print(f"{'initialization':<15}{'first cost':>12}{'final cost':>12}{'train':>9}{'held-out':>10}")
for name, (params, costs) in results.items():
    train_accuracy = accuracy(predict(params, X_train), Y_train)
    test_accuracy = accuracy(predict(params, X_test), Y_test)
    print(f"{name:<15}{costs[0]:>12.3f}{costs[-1]:>12.3f}{train_accuracy:>9.1%}"
          f"{test_accuracy:>10.1%}")
"""


def cells() -> list[dict]:
    return [
        markdown(INTRO, name="title"),
        markdown(
            """
## 1. Setup

The forward and backward passes of the $[\\text{LINEAR} \\to \\text{RELU}] \\times 2 \\to
\\text{LINEAR} \\to \\text{SIGMOID}$ network are given (`L_model_forward`, `L_model_backward`,
`update_parameters`, `compute_cost`, the blocks you wrote in Course 1), as are `predict` and
`accuracy`. You write only the initializers.
""",
            name="setup-text",
        ),
        setup(SETUP),
        markdown(
            """
## 2. The data and the network

Two noisy circles, one inside the other: 300 points to train on and 300 held out, drawn the same
way. No straight line separates them, so the network has to learn a curved boundary.
""",
            name="data-text",
        ),
        code(DATA, name="data"),
        markdown(
            f"""
The network is `LAYERS_DIMS = [2, 10, 5, 1]`, trained by full-batch gradient descent for
{ITERATIONS} iterations with learning rate {LEARNING_RATE}, the same for every start. `model` below
records the cost every 100 iterations (and at the last one); `train_and_report` trains from a
start and prints the cost and the accuracy on both sets.
""",
            name="model-text",
        ),
        code(MODEL, name="model"),
        markdown(
            """
## 3. Zeros

**Exercise:** for $l = 1, \\dots, L$, set `parameters["W" + str(l)]` to zeros of shape
`(layers_dims[l], layers_dims[l - 1])` and `parameters["b" + str(l)]` to zeros of shape
`(layers_dims[l], 1)`.
""",
            name="zeros-text",
        ),
        answer("initialize_parameters_zeros", ZEROS),
        self_check("initialize_parameters_zeros", assignment=ASSIGNMENT),
        code('train_and_report("zeros", initialize_parameters_zeros(LAYERS_DIMS))', name="zeros"),
        markdown(
            """
The cost does not move from $\\log 2 \\approx 0.693$ and the network predicts one class
everywhere. With every weight equal, every unit of a layer computes the same function and gets
the same gradient, so the units stay identical for ever: a layer of 10 units is worth one unit.
(With ReLU and zeros the hidden activations are 0, so here even the gradients of the hidden
weights are 0.) The cell below counts the **distinct** hidden units after training, from zeros and
from a start where every weight is 0.5: that one moves, but its units remain twins.
""",
            name="symmetry-text",
        ),
        code(SYMMETRY, name="symmetry"),
        markdown(
            """
## 4. Large random weights

Random weights break the symmetry. Too large, they saturate the output sigmoid: the first
predictions are confidently wrong, and the cost starts very high.

**Exercise:** for $l = 1, \\dots, L$ in this order,
`W[l] = rng.standard_normal((n[l], n[l-1])) * 10` and `b[l]` zeros of shape `(n[l], 1)`.
""",
            name="random-text",
        ),
        answer(
            "initialize_parameters_random",
            random_answer(
                "initialize_parameters_random",
                "Large random weights (standard normal times 10) and zero biases.",
                " * 10",
                "10",
            ),
        ),
        self_check("initialize_parameters_random", assignment=ASSIGNMENT),
        code(
            'train_and_report("large random", initialize_parameters_random(LAYERS_DIMS, '
            "rng=np.random.default_rng(3)))",
            name="random",
        ),
        markdown(
            """
## 5. He initialization

He et al. (2015) scale the weights of a ReLU layer so that the variance of its activations stays
about the same from layer to layer:
$$W^{[l]} = \\mathcal{N}(0, 1) \\cdot \\sqrt{\\frac{2}{n^{[l-1]}}}, \\qquad b^{[l]} = 0.$$

**Exercise:** for $l = 1, \\dots, L$ in this order,
`W[l] = rng.standard_normal((n[l], n[l-1])) * np.sqrt(2 / n[l-1])` and `b[l]` zeros.
""",
            name="he-text",
        ),
        answer(
            "initialize_parameters_he",
            random_answer(
                "initialize_parameters_he",
                "He initialization: standard normal weights times sqrt(2 / n[l-1]), zero biases.",
                " * np.sqrt(2 / n_prev)",
                "sqrt(2 / n[l-1])",
            ),
        ),
        self_check("initialize_parameters_he", assignment=ASSIGNMENT),
        code(
            'train_and_report("He", initialize_parameters_he(LAYERS_DIMS, '
            "rng=np.random.default_rng(3)))",
            name="he",
        ),
        markdown(
            """
## 6. Xavier initialization

The course's Xavier initialization (also called LeCun normal) uses the fan-in alone, with
variance $1 / n^{[l-1]}$; it suits tanh layers:
$$W^{[l]} = \\mathcal{N}(0, 1) \\cdot \\sqrt{\\frac{1}{n^{[l-1]}}}, \\qquad b^{[l]} = 0.$$
(Glorot and Bengio's original uses $2 / (n^{[l-1]} + n^{[l]})$; this notebook does not.)

**Exercise:** for $l = 1, \\dots, L$ in this order,
`W[l] = rng.standard_normal((n[l], n[l-1])) * np.sqrt(1 / n[l-1])` and `b[l]` zeros.
""",
            name="xavier-text",
        ),
        answer(
            "initialize_parameters_xavier",
            random_answer(
                "initialize_parameters_xavier",
                "Xavier initialization: standard normal weights times sqrt(1 / n[l-1]), zero "
                "biases.",
                " * np.sqrt(1 / n_prev)",
                "sqrt(1 / n[l-1])",
            ),
        ),
        self_check("initialize_parameters_xavier", assignment=ASSIGNMENT),
        code(
            'train_and_report("Xavier", initialize_parameters_xavier(LAYERS_DIMS, '
            "rng=np.random.default_rng(3)))",
            name="xavier",
        ),
        markdown(
            """
## 7. Side by side

The same network, data, learning rate and number of iterations; only the start differs. Top:
what each trained network predicts on the held-out points. Bottom: the cost every 100
iterations, on a log scale, since the large random start begins far above the others.
""",
            name="side-by-side-text",
        ),
        code(SIDE_BY_SIDE, name="side-by-side"),
        markdown(
            """
## 8. Summary

Printed from the runs above:
""",
            name="summary-text",
        ),
        code(SUMMARY, name="summary"),
        markdown(
            """
### What to remember

- **Zeros** never break the symmetry: every unit of a layer stays the same, and the network
  cannot do better than one class everywhere.
- **Large random** weights break it, but start with saturated outputs and a very high cost, and
  learn slowly.
- **He** and **Xavier** keep the activations at a sensible size, so gradient descent learns the
  circles quickly; He is the usual choice for ReLU layers, Xavier for tanh.
""",
            name="summary-words",
        ),
    ]


def main() -> None:
    path = REPO / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    write_notebook(path, cells(), assignment=ASSIGNMENT, title=TITLE)
    print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
