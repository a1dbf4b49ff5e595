"""Write solutions/C2W1_regularization/C2W1_regularization.ipynb, the notebook's one source.

    .venv/bin/python scripts/notebooks/C2W1_regularization.py
    .venv/bin/dlcourse release C2W1_regularization

Edit this file, never the notebook: the points of the test cells come from the suite
(``autograder/suites/C2W1_regularization``), the rest is written here.
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

ASSIGNMENT = "C2W1_regularization"
TITLE = "Regularization: splits, bias and variance, L2, L1, dropout, early stopping"
ITERATIONS, LEARNING_RATE, EVERY = 1000, 1.0, 50

INTRO = r"""
# Regularization

A big network trained long enough on a small, noisy training set learns the noise too: it
**overfits**. Its training error is low and its dev error is not. This notebook builds the tools
to see that and to fight it:

1. a **train / dev / test split** and a **bias / variance diagnosis** from the two errors;
2. **input normalization** with the training set's statistics;
3. **L2 regularization** (weight decay) and **L1 regularization** (sparse weights);
4. **inverted dropout**, forward and backward;
5. **early stopping** on the dev cost.

Then you train the same 3-layer network without regularization, with L2, with dropout and with
L1, and compare their decision boundaries and their train and dev accuracies.

**Notation.** Examples are columns: `X` has shape $(n_x, m)$ and `Y` shape $(1, m)$. The network
is LINEAR → RELU → LINEAR → RELU → LINEAR → SIGMOID with parameters `"W1", "b1", "W2", "b2",
"W3", "b3"`; $W^{[l]}$ has shape $(n^{[l]}, n^{[l-1]})$. Its cache is the flat tuple
`(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)`. The cross-entropy cost is
$J = -\frac{1}{m} \sum_i \big(y^{(i)} \log a^{[3](i)} + (1 - y^{(i)}) \log(1 - a^{[3](i)})\big)$,
given as `compute_cost(A3, Y)`; `relu` and `sigmoid` are given too. Graded functions never
change their inputs, and every random draw comes from the `rng` argument.

### How your work is graded

- Each graded function is worth the points shown in its test cell, the locked cell right below it
  (the grading report lists them too).
- That cell is a **self-check**: it runs the public cases shown there, in your own kernel. It is a
  convenience for you and proves nothing by itself.
- The grader calls your function in an isolated process, on the public cases and on **hidden
  cases** of other sizes, values and seeds, drawn at grading time. Your points come from the
  hidden cases: you earn a share of the function's points for each hidden case it gets right,
  but only when it also passes every public case. A function right only on the public inputs
  earns nothing.
- Random draws must be exactly the ones each exercise describes (the same `rng` calls in the
  same order); values are compared to within rounding.
- Checks of properties (your function leaves its inputs alone, a cost is a number, your
  gradients equal finite differences of the cost) can take points away from a right answer;
  they never give points to a wrong one.
"""

SETUP = """
import matplotlib.pyplot as plt
import numpy as np

from selfcheck import SelfCheck
from dlutils.activations import relu, sigmoid
from dlutils.datasets import load_2d_dataset
from dlutils.initialization import initialize_parameters_he
from dlutils.losses import compute_cost
from dlutils.plotting import plot_2d_data, plot_decision_boundary

rng = np.random.default_rng(1)
check = SelfCheck("C2W1_regularization")
"""

SPLIT = r'''
def split_train_dev_test(X, Y, fractions, *, rng):
    """Shuffle the examples (columns) once and cut them into train, dev and test sets.

    Arguments:
    X -- inputs, shape (n_x, m)
    Y -- labels, shape (n_y, m)
    fractions -- (f_train, f_dev, f_test), summing to 1
    rng -- numpy random Generator; exactly one draw: perm = rng.permutation(m)

    Returns:
    X_train, Y_train, X_dev, Y_dev, X_test, Y_test -- in this order; with
        n_train = round(f_train * m) and n_dev = min(round(f_dev * m), m - n_train),
        the first n_train shuffled columns, the next n_dev, then the rest
    """
    m = X.shape[1]
    ### BEGIN SOLUTION
    n_train = round(fractions[0] * m)
    n_dev = min(round(fractions[1] * m), m - n_train)
    perm = rng.permutation(m)
    X_shuffled, Y_shuffled = X[:, perm], Y[:, perm]
    end_dev = n_train + n_dev
    X_train, Y_train = X_shuffled[:, :n_train], Y_shuffled[:, :n_train]
    X_dev, Y_dev = X_shuffled[:, n_train:end_dev], Y_shuffled[:, n_train:end_dev]
    X_test, Y_test = X_shuffled[:, end_dev:], Y_shuffled[:, end_dev:]
    ### END SOLUTION
    return X_train, Y_train, X_dev, Y_dev, X_test, Y_test
'''

DATA = """
X_a, Y_a, X_b, Y_b = load_2d_dataset("overfit")
X_all, Y_all = np.hstack([X_a, X_b]), np.hstack([Y_a, Y_b])
X_train, Y_train, X_dev, Y_dev, X_test, Y_test = split_train_dev_test(
    X_all, Y_all, (0.5, 0.25, 0.25), rng=np.random.default_rng(1))
for name, Y_part in [("train", Y_train), ("dev", Y_dev), ("test", Y_test)]:
    print(f"{name:>5}: {Y_part.shape[1]} examples, {Y_part.mean():.0%} of them class 1")
fig, axes = plt.subplots(1, 2, figsize=(10, 4))
plot_2d_data(X_train, Y_train, ax=axes[0], title=f"training set ({Y_train.shape[1]} points)")
plot_2d_data(X_dev, Y_dev, ax=axes[1], title=f"dev set ({Y_dev.shape[1]} points)");
"""

DIAGNOSE = r'''
def diagnose_fit(train_error, dev_error, bayes_error=0.0):
    """Name the problem a model has from its train and dev errors (fractions: 0.15 is 15 %).

    avoidable bias = train_error - bayes_error, variance = dev_error - train_error; each is
    high when, rounded to 12 decimals, it is strictly greater than 0.05 (5 points).

    Returns:
    one of "high bias", "high variance", "high bias and high variance",
    "low bias and low variance"
    """
    ### BEGIN SOLUTION
    high_bias = round(train_error - bayes_error, 12) > 0.05
    high_variance = round(dev_error - train_error, 12) > 0.05
    if high_bias and high_variance:
        return "high bias and high variance"
    if high_bias:
        return "high bias"
    if high_variance:
        return "high variance"
    return "low bias and low variance"
    ### END SOLUTION
'''

TABLE = """
rows = [(0.01, 0.11, 0.0), (0.15, 0.16, 0.0), (0.15, 0.30, 0.0), (0.005, 0.01, 0.0),
        (0.15, 0.16, 0.15)]
print(f"{'train error':>12}{'dev error':>11}{'Bayes error':>13}   diagnosis")
for train_error, dev_error, bayes_error in rows:
    print(f"{train_error:>12.1%}{dev_error:>11.1%}{bayes_error:>13.1%}   "
          f"{diagnose_fit(train_error, dev_error, bayes_error)}")
"""

NORMALIZE = r'''
def normalize_inputs(X_train, X_test):
    """Centre and scale every feature (row) with the TRAINING set's mean and std.

    mu = mean of each row of X_train, sigma = its population standard deviation (ddof=0);
    both sets become (X - mu) / sigma. A feature constant on the training set (max == min)
    is only centred: its sigma is taken as 1.

    Returns:
    X_train_norm, X_test_norm -- new arrays of the input shapes
    """
    ### BEGIN SOLUTION
    mu = np.mean(X_train, axis=1, keepdims=True)
    sigma = np.std(X_train, axis=1, keepdims=True)
    constant = np.max(X_train, axis=1, keepdims=True) == np.min(X_train, axis=1, keepdims=True)
    mu = np.where(constant, X_train[:, :1], mu)
    sigma = np.where(constant, 1.0, sigma)
    X_train_norm = (X_train - mu) / sigma
    X_test_norm = (X_test - mu) / sigma
    ### END SOLUTION
    return X_train_norm, X_test_norm
'''

NORMALIZE_DEMO = """
X_train_n, X_dev_n = normalize_inputs(X_train, X_dev)
X_test_n = normalize_inputs(X_train, X_test)[1]
for name, part in [("train", X_train_n), ("dev", X_dev_n), ("test", X_test_n)]:
    print(f"{name:>5}: feature means {np.round(part.mean(axis=1), 3)}, "
          f"standard deviations {np.round(part.std(axis=1), 3)}")
"""

NET = f"""
LAYERS_DIMS = [2, 50, 20, 1]
NUM_ITERATIONS, LEARNING_RATE, EVERY = {ITERATIONS}, {LEARNING_RATE}, {EVERY}


def forward_propagation(X, parameters):
    \"\"\"LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID; returns (A3, cache).\"\"\"
    W1, b1, W2, b2, W3, b3 = (parameters[k] for k in ("W1", "b1", "W2", "b2", "W3", "b3"))
    Z1 = W1 @ X + b1
    A1 = relu(Z1)
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2)
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def predict(parameters, X):
    \"\"\"0/1 labels, class 1 where the output probability is > 0.5 (no dropout at test time).\"\"\"
    return (forward_propagation(X, parameters)[0] > 0.5).astype(float)


def accuracy(parameters, X, Y):
    return float(np.mean(predict(parameters, X) == Y))
"""

L2_COST = r'''
def compute_cost_with_regularization(A3, Y, parameters, lambd):
    """Cross-entropy cost plus the L2 penalty (lambd / (2 m)) * sum_l ||W[l]||_F^2.

    Arguments:
    A3 -- output probabilities, shape (1, m)
    Y -- labels, shape (1, m)
    parameters -- dict "W1", "b1", ..., "WL", "bL"; every W[l] is penalised, no bias is
    lambd -- regularization strength (lambda is a Python keyword)

    Returns:
    cost -- a number (numpy float64)
    """
    m = Y.shape[1]
    L = len(parameters) // 2
    cross_entropy_cost = compute_cost(A3, Y)
    ### BEGIN SOLUTION
    squares = sum(np.sum(np.square(parameters["W" + str(l)])) for l in range(1, L + 1))
    L2_regularization_cost = lambd / (2 * m) * squares
    ### END SOLUTION
    cost = cross_entropy_cost + L2_regularization_cost
    return cost
'''

L2_BACKWARD = r'''
def backward_propagation_with_regularization(X, Y, cache, lambd):
    """Backward pass of the 3-layer net for the L2-regularized cost.

    Arguments:
    X -- inputs, shape (n_x, m)
    Y -- labels, shape (1, m)
    cache -- (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) from forward_propagation
    lambd -- regularization strength

    Returns:
    gradients -- dict with dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1
    """
    m = X.shape[1]
    (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3) = cache
    ### BEGIN SOLUTION
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T) + (lambd / m) * W3
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T) + (lambd / m) * W2
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T) + (lambd / m) * W1
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    ### END SOLUTION
    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2,
                 "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients
'''

L1_COST = r'''
def compute_cost_with_l1_regularization(A3, Y, parameters, lambd):
    """Cross-entropy cost plus the L1 penalty (lambd / (2 m)) * sum_l sum |W[l]|.

    The same factor lambd / (2 m) as for L2 (some texts use lambd / m); biases are not
    penalised. Returns the cost as a number.
    """
    m = Y.shape[1]
    L = len(parameters) // 2
    cross_entropy_cost = compute_cost(A3, Y)
    ### BEGIN SOLUTION
    absolutes = sum(np.sum(np.abs(parameters["W" + str(l)])) for l in range(1, L + 1))
    L1_regularization_cost = lambd / (2 * m) * absolutes
    ### END SOLUTION
    cost = cross_entropy_cost + L1_regularization_cost
    return cost
'''

L1_BACKWARD = """
def backward_propagation_with_l1_regularization(X, Y, cache, lambd):
    \"\"\"The gradients of the cross-entropy (your L2 backward with lambd = 0) plus the L1
    penalty's (sub)gradient (lambd / (2 m)) * sign(W[l]) on each weight matrix.\"\"\"
    m = X.shape[1]
    gradients = backward_propagation_with_regularization(X, Y, cache, 0.0)
    for name, W in (("dW1", cache[2]), ("dW2", cache[6]), ("dW3", cache[10])):
        gradients[name] = gradients[name] + lambd / (2 * m) * np.sign(W)
    return gradients
"""

DROPOUT_FORWARD = r'''
def forward_propagation_with_dropout(X, parameters, keep_prob=0.5, *, rng):
    """Forward pass of the 3-layer net with inverted dropout on the two hidden layers.

    Arguments:
    X -- inputs, shape (n_x, m)
    parameters -- dict "W1", "b1", "W2", "b2", "W3", "b3"
    keep_prob -- probability of keeping a hidden unit
    rng -- numpy random Generator; two draws per call, in this order:
           D1 = rng.random(A1.shape) < keep_prob, then D2 = rng.random(A2.shape) < keep_prob

    Returns:
    A3 -- output probabilities, shape (1, m); the output layer has no dropout
    cache -- (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3), A1 and A2 after
             dropout (A = A * D / keep_prob), D1 and D2 as 0/1 arrays
    """
    W1, b1 = parameters["W1"], parameters["b1"]
    W2, b2 = parameters["W2"], parameters["b2"]
    W3, b3 = parameters["W3"], parameters["b3"]
    ### BEGIN SOLUTION
    Z1 = np.dot(W1, X) + b1
    A1 = relu(Z1)
    D1 = (rng.random(A1.shape) < keep_prob).astype(float)
    A1 = A1 * D1 / keep_prob
    Z2 = np.dot(W2, A1) + b2
    A2 = relu(Z2)
    D2 = (rng.random(A2.shape) < keep_prob).astype(float)
    A2 = A2 * D2 / keep_prob
    Z3 = np.dot(W3, A2) + b3
    A3 = sigmoid(Z3)
    ### END SOLUTION
    cache = (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)
    return A3, cache
'''

FRESH_MASKS = """
X_small = np.ones((2, 6))
p_small = initialize_parameters_he([2, 4, 3, 1], rng=np.random.default_rng(0))
demo_rng = np.random.default_rng(7)
_, first = forward_propagation_with_dropout(X_small, p_small, 0.5, rng=demo_rng)
_, second = forward_propagation_with_dropout(X_small, p_small, 0.5, rng=demo_rng)
print("D1 of the first call:\\n", first[1].astype(int))
print("D1 of the second call, same rng:\\n", second[1].astype(int))
print(f"same mask twice: {np.array_equal(first[1], second[1])}; "
      f"fraction kept over both calls: {np.mean([first[1], second[1]]):.2f}")
"""

DROPOUT_BACKWARD = r'''
def backward_propagation_with_dropout(X, Y, cache, keep_prob):
    """Backward pass of forward_propagation_with_dropout: the same masks, the same scaling.

    Each hidden layer's dA goes through its mask before the ReLU: dA = dA * D / keep_prob.

    Returns:
    gradients -- dict with dZ3, dW3, db3, dA2, dZ2, dW2, db2, dA1, dZ1, dW1, db1
    """
    m = X.shape[1]
    (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3) = cache
    ### BEGIN SOLUTION
    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)
    dA2 = np.dot(W3.T, dZ3)
    dA2 = dA2 * D2 / keep_prob
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T)
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)
    dA1 = np.dot(W2.T, dZ2)
    dA1 = dA1 * D1 / keep_prob
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = 1.0 / m * np.sum(dZ1, axis=1, keepdims=True)
    ### END SOLUTION
    gradients = {"dZ3": dZ3, "dW3": dW3, "db3": db3, "dA2": dA2,
                 "dZ2": dZ2, "dW2": dW2, "db2": db2, "dA1": dA1,
                 "dZ1": dZ1, "dW1": dW1, "db1": db1}
    return gradients
'''

MODEL = """
def model(X, Y, *, rng, lambd=0.0, keep_prob=1.0, penalty="l2",
          learning_rate=LEARNING_RATE, num_iterations=NUM_ITERATIONS):
    \"\"\"Full-batch gradient descent with your functions: L2 or L1 (lambd > 0) or dropout
    (keep_prob < 1). He initialisation from rng, then dropout masks from the same rng.
    Records the training cost and the dev cost (no dropout, no penalty) every EVERY
    iterations.\"\"\"
    parameters = initialize_parameters_he(LAYERS_DIMS, rng=rng)
    costs, dev_costs = [], []
    for i in range(num_iterations):
        if keep_prob < 1:
            A3, cache = forward_propagation_with_dropout(X, parameters, keep_prob, rng=rng)
            grads = backward_propagation_with_dropout(X, Y, cache, keep_prob)
        else:
            A3, cache = forward_propagation(X, parameters)
            if penalty == "l1":
                grads = backward_propagation_with_l1_regularization(X, Y, cache, lambd)
            else:
                grads = backward_propagation_with_regularization(X, Y, cache, lambd)
        if i % EVERY == 0:
            if penalty == "l1":
                costs.append(compute_cost_with_l1_regularization(A3, Y, parameters, lambd))
            else:
                costs.append(compute_cost_with_regularization(A3, Y, parameters, lambd))
            dev_costs.append(compute_cost(forward_propagation(X_dev_n, parameters)[0], Y_dev))
        parameters = {key: value - learning_rate * grads["d" + key]
                      for key, value in parameters.items()}
    return parameters, costs, dev_costs


runs = {}  # name -> (parameters, training costs, dev costs)
settings = {"no regularization": {}, "L2, lambd=0.7": {"lambd": 0.7},
            "dropout, keep_prob=0.8": {"keep_prob": 0.8},
            "L1, lambd=0.5": {"lambd": 0.5, "penalty": "l1"}}
for name, options in settings.items():
    runs[name] = model(X_train_n, Y_train, rng=np.random.default_rng(3), **options)
    params = runs[name][0]
    print(f"{name:<24} train accuracy {accuracy(params, X_train_n, Y_train):.1%}, "
          f"dev accuracy {accuracy(params, X_dev_n, Y_dev):.1%}")
"""

BOUNDARIES = """
shown = ["no regularization", "L2, lambd=0.7", "dropout, keep_prob=0.8"]
fig, axes = plt.subplots(1, 3, figsize=(15, 4.4))
for ax, name in zip(axes, shown):
    params = runs[name][0]
    plot_decision_boundary(lambda P, params=params: predict(params, P), X_train_n, Y_train,
                           ax=ax, resolution=50,
                           title=f"{name}: train {accuracy(params, X_train_n, Y_train):.0%}")
fig.suptitle(f"Decision boundaries on the (normalized) training set after {NUM_ITERATIONS} "
             f"iterations, learning rate {LEARNING_RATE}, He start from seed 3")
plt.tight_layout()

fig, ax = plt.subplots(figsize=(8, 4))
names = list(runs)
positions = np.arange(len(names))
train_acc = [accuracy(runs[n][0], X_train_n, Y_train) for n in names]
dev_acc = [accuracy(runs[n][0], X_dev_n, Y_dev) for n in names]
ax.bar(positions - 0.2, train_acc, width=0.4, label="train")
ax.bar(positions + 0.2, dev_acc, width=0.4, label="dev")
ax.set_xticks(positions, names)
ax.set_ylim(0.7, 1.0)
ax.set_xlabel("training run")
ax.set_ylabel("accuracy")
ax.set_title(f"Train vs dev accuracy after {NUM_ITERATIONS} iterations (seed 3)")
ax.legend();
"""

EARLY_STOPPING = r'''
def early_stopping_epoch(dev_costs, patience):
    """The 0-based epoch whose weights early stopping keeps.

    Walk the costs in order, keeping the best so far. An epoch improves when its cost is
    STRICTLY lower than the best so far. After `patience` consecutive epochs that do not
    improve, stop and return the best epoch (the first one on ties); if the costs run out
    first, return the best epoch overall.
    """
    ### BEGIN SOLUTION
    best_epoch, best_cost, waited = 0, dev_costs[0], 0
    for epoch in range(1, len(dev_costs)):
        if dev_costs[epoch] < best_cost:
            best_epoch, best_cost, waited = epoch, dev_costs[epoch], 0
        else:
            waited += 1
            if waited >= patience:
                break
    return best_epoch
    ### END SOLUTION
'''

EARLY_DEMO = """
PATIENCE = 5
_, train_costs, dev_costs = runs["no regularization"]
stop = early_stopping_epoch(dev_costs, PATIENCE)
iterations = np.arange(len(dev_costs)) * EVERY
fig, ax = plt.subplots(figsize=(7, 4))
ax.plot(iterations, train_costs, label="training cost")
ax.plot(iterations, dev_costs, label="dev cost")
ax.axvline(stop * EVERY, color="black", linestyle="--",
           label=f"kept: iteration {stop * EVERY} (patience {PATIENCE})")
ax.set_xlabel("iteration")
ax.set_ylabel("cross-entropy cost")
ax.set_title(f"No regularization, seed 3: the cost every {EVERY} iterations")
ax.legend()
print(f"lowest dev cost {min(dev_costs):.3f} at iteration {int(np.argmin(dev_costs)) * EVERY}; "
      f"early stopping keeps iteration {stop * EVERY} (dev cost {dev_costs[stop]:.3f}); "
      f"the last iteration recorded has dev cost {dev_costs[-1]:.3f}")
"""

SPARSITY = """
THRESHOLD = 1e-2
fractions = {}
for name in ["no regularization", "L2, lambd=0.7", "L1, lambd=0.5"]:
    weights = np.concatenate([runs[name][0][f"W{l}"].ravel() for l in (1, 2, 3)])
    fractions[name] = float(np.mean(np.abs(weights) < THRESHOLD))
    print(f"{name:<20} {fractions[name]:.1%} of {weights.size} weights have |w| < {THRESHOLD}")
fig, ax = plt.subplots(figsize=(7, 4))
ax.bar(list(fractions), list(fractions.values()), color=["grey", "tab:blue", "tab:orange"])
ax.set_xlabel("training run")
ax.set_ylabel(f"fraction of weights with |w| < {THRESHOLD}")
ax.set_title(f"Near-zero weights after {NUM_ITERATIONS} iterations (seed 3)")
plt.tight_layout()
"""

SUMMARY = """
print(f"{'run':<24}{'train':>8}{'dev':>8}{'test':>8}   diagnosis (Bayes error 10 %)")
for name, (params, _, _) in runs.items():
    errors = [1 - accuracy(params, X, Y) for X, Y in
              [(X_train_n, Y_train), (X_dev_n, Y_dev), (X_test_n, Y_test)]]
    print(f"{name:<24}{1 - errors[0]:>8.1%}{1 - errors[1]:>8.1%}{1 - errors[2]:>8.1%}   "
          f"{diagnose_fit(errors[0], errors[1], 0.10)}")
"""


def cells() -> list[dict]:
    return [
        markdown(INTRO, name="title"),
        markdown(
            """
## 1. Setup

`relu`, `sigmoid` and the cross-entropy `compute_cost(A3, Y)` are given, with the data loader,
He initialization (for the training runs) and plotting helpers. One `rng` is made here; the
experiments below make their own generators with the seeds they state.
""",
            name="setup-text",
        ),
        setup(SETUP),
        markdown(
            """
## 2. Train, dev and test sets

You fit the parameters on the **training** set, choose between models and hyperparameters on
the **dev** set, and report the final result on the **test** set, which no choice has seen. The
examples must be shuffled first, with one permutation for `X` and `Y` alike, so that every
example keeps its label.

**Exercise:** with `m = X.shape[1]`, compute `n_train = round(fractions[0] * m)` and
`n_dev = min(round(fractions[1] * m), m - n_train)` (Python's `round`: for `m = 7` and
`(0.5, 0.25, 0.25)` the sizes are 4, 2 and 1). Draw `perm = rng.permutation(m)` (the only draw),
take the columns `X[:, perm]` and `Y[:, perm]`, and cut: the first `n_train` columns for
training, the next `n_dev` for dev, the rest for test. Return the six arrays in the order
`X_train, Y_train, X_dev, Y_dev, X_test, Y_test`.
""",
            name="split-text",
        ),
        answer("split_train_dev_test", SPLIT),
        self_check("split_train_dev_test", assignment=ASSIGNMENT),
        markdown(
            """
The data: 400 points of a noisy 2-D set whose true boundary is a sine wave; when the set was
built, each label was flipped with probability 10 % (`make_overfit_set`'s `label_noise`), so no
classifier can expect to beat about 90 % accuracy: the **Bayes error** is about 10 %. The cell
splits it 50 / 25 / 25 with a generator seeded 1.
""",
            name="data-text",
        ),
        code(DATA, name="data"),
        markdown(
            """
## 3. Bias and variance

Compare the training error with the best achievable (Bayes) error, and the dev error with the
training error:

- **avoidable bias** = train error − Bayes error: high means the model does not even fit the
  training set (**high bias**, underfitting);
- **variance** = dev error − train error: high means it does much worse on data it has not seen
  (**high variance**, overfitting).

**Exercise:** each gap is *high* when it is strictly greater than 5 percentage points (0.05).
Round each gap to 12 decimals before comparing (`round(dev_error - train_error, 12) > 0.05`), so
that a gap of exactly 5 points, such as 0.07 − 0.02, counts as 5 points and is **not** high
(in floating point 0.07 − 0.02 is 0.05000000000000001). Return exactly one of the four strings.
Errors are fractions: 0.15 means 15 %.
""",
            name="diagnose-text",
        ),
        answer("diagnose_fit", DIAGNOSE),
        self_check("diagnose_fit", assignment=ASSIGNMENT),
        markdown(
            "The lecture's four rows, and the second row again with a Bayes error of 15 %:",
            name="table-text",
        ),
        code(TABLE, name="table"),
        markdown(
            """
## 4. Normalizing the inputs

Features on very different scales make the cost surface long and narrow, and gradient descent
slow. Normalizing gives every feature mean 0 and standard deviation 1:
$$\\mu_j = \\frac{1}{m} \\sum_i x_j^{(i)}, \\qquad
\\sigma_j = \\sqrt{\\frac{1}{m} \\sum_i (x_j^{(i)} - \\mu_j)^2}, \\qquad
x_j \\leftarrow \\frac{x_j - \\mu_j}{\\sigma_j}.$$
The statistics come from the **training** set only, and the dev and test sets go through the
same transformation (with the training $\\mu$ and $\\sigma$), exactly as the model will see new
data. Divide by the standard deviation $\\sigma$, not by the variance $\\sigma^2$.

**Exercise:** compute `mu` and `sigma` per feature (row) of `X_train` with `axis=1,
keepdims=True` (`np.std`'s default, `ddof=0`). A feature that is constant on the training set
(its max equals its min) is only centred: take its `sigma` as 1 (and its `mu` as that constant),
so that nothing is divided by zero. Return both normalized sets, new arrays.
""",
            name="normalize-text",
        ),
        answer("normalize_inputs", NORMALIZE),
        self_check("normalize_inputs", assignment=ASSIGNMENT),
        markdown(
            """
The cell below normalizes the three sets with the training statistics and prints each set's
feature means and standard deviations: the training set's are 0 and 1, the dev and test sets'
are only close to them, since their own values were not used to compute the statistics.
""",
            name="normalize-demo-text",
        ),
        code(NORMALIZE_DEMO, name="normalize-demo"),
        markdown(
            f"""
## 5. The network

`LAYERS_DIMS = [2, 50, 20, 1]`: far more units than 200 noisy points need, so that it can
overfit. `forward_propagation` below is the plain forward pass (it returns `A3` and the flat
cache), `predict` thresholds its output at 0.5, and `accuracy` compares with the labels. The
training runs use {ITERATIONS} iterations of full-batch gradient descent with learning rate
{LEARNING_RATE}.
""",
            name="net-text",
        ),
        code(NET, name="net"),
        markdown(
            """
## 6. L2 regularization

L2 regularization adds the squared Frobenius norms of the weight matrices to the cost:
$$J_{L2} = \\underbrace{-\\frac{1}{m} \\sum_i \\big(y^{(i)} \\log a^{[3](i)} + (1 - y^{(i)})
\\log(1 - a^{[3](i)})\\big)}_{\\text{compute\\_cost(A3, Y)}}
+ \\underbrace{\\frac{\\lambda}{2m} \\sum_{l} \\sum_{k,j} \\big(W^{[l]}_{kj}\\big)^2}_{\\text{L2
penalty}}.$$
Only the weights are penalised, not the biases.

**Exercise:** the stub computes `m`, the number of layers `L` and `cross_entropy_cost`, and adds
the penalty at the end. Compute `L2_regularization_cost`: the sum over `l = 1 ... L` of
`np.sum(np.square(W[l]))`, times `lambd / (2 * m)`.
""",
            name="l2-cost-text",
        ),
        answer("compute_cost_with_regularization", L2_COST),
        self_check("compute_cost_with_regularization", assignment=ASSIGNMENT),
        markdown(
            """
The penalty's derivative with respect to $W^{[l]}$ is $\\frac{\\lambda}{m} W^{[l]}$, so each
weight gradient gets one extra term, and nothing else changes:
$$dW^{[l]} = \\frac{1}{m} dZ^{[l]} A^{[l-1]T} + \\frac{\\lambda}{m} W^{[l]}.$$
Each update then shrinks the weights by the factor $1 - \\alpha\\lambda/m$ before the usual step:
**weight decay**.

**Exercise:** the stub unpacks the cache and builds the returned dict. Write the backward pass
in between: $dZ^{[3]} = A^{[3]} - Y$; for each layer $dW^{[l]}$ as above,
$db^{[l]} = \\frac{1}{m} \\sum_i dZ^{[l](i)}$ (`axis=1, keepdims=True`, no penalty);
$dA^{[l]} = W^{[l+1]T} dZ^{[l+1]}$ and $dZ^{[l]} = dA^{[l]} \\odot \\mathbb{1}[A^{[l]} > 0]$ for the
ReLU layers.
""",
            name="l2-backward-text",
        ),
        answer("backward_propagation_with_regularization", L2_BACKWARD),
        self_check("backward_propagation_with_regularization", assignment=ASSIGNMENT),
        markdown(
            """
## 7. L1 regularization

L1 penalises the absolute values instead of the squares:
$$J_{L1} = J_{\\text{cross-entropy}} + \\frac{\\lambda}{2m} \\sum_l \\sum_{k,j} |W^{[l]}_{kj}|.$$
This notebook uses the same factor $\\lambda / 2m$ as for L2 (some texts use $\\lambda / m$). Its
gradient, $\\frac{\\lambda}{2m} \\operatorname{sign}(W)$, has the same size for a small weight as
for a large one, so it keeps pushing small weights towards zero, where many of them end up:
L1 makes **sparse** weights.

**Exercise:** as for L2, compute `L1_regularization_cost`: the sum over the layers of
`np.sum(np.abs(W[l]))`, times `lambd / (2 * m)`. Its backward pass is given in the cell after
the self-check: your L2 backward with `lambd = 0`, plus the sign term.
""",
            name="l1-text",
        ),
        answer("compute_cost_with_l1_regularization", L1_COST),
        self_check("compute_cost_with_l1_regularization", assignment=ASSIGNMENT),
        code(L1_BACKWARD, name="l1-backward"),
        markdown(
            """
## 8. Inverted dropout

At every training iteration, dropout switches off each hidden unit with probability
`1 - keep_prob`, independently for every example. **Inverted** dropout then divides the kept
activations by `keep_prob`, so that their expected value is unchanged and nothing needs rescaling
at test time, when dropout is off.

**Exercise:** for each hidden layer $l = 1, 2$, after $A^{[l]} = \\mathrm{relu}(Z^{[l]})$:
1. draw the mask `D = (rng.random(A.shape) < keep_prob).astype(float)` (uniform numbers below
   `keep_prob` keep their unit; do not use `rng.binomial`, which draws different numbers);
2. `A = A * D / keep_prob`.

Draw `D1` before `D2`; the output layer has no dropout. The stub reads the parameters and
builds the cache. A new call draws new masks from `rng`.
""",
            name="dropout-forward-text",
        ),
        answer("forward_propagation_with_dropout", DROPOUT_FORWARD),
        self_check("forward_propagation_with_dropout", assignment=ASSIGNMENT),
        markdown(
            """
Two calls with the same generator (seeded 7) on the same input draw different masks: each
training iteration drops a different subset of units.
""",
            name="fresh-masks-text",
        ),
        code(FRESH_MASKS, name="fresh-masks"),
        markdown(
            """
**Exercise:** the backward pass is the plain one, except that each hidden layer's gradient
goes back through the same mask and the same scaling as its forward pass, before the ReLU:
`dA2 = dA2 * D2 / keep_prob` right after `dA2 = W3.T @ dZ3`, and `dA1 = dA1 * D1 / keep_prob`
right after `dA1 = W2.T @ dZ2`. No penalty here. The stub unpacks the cache and builds the dict.
""",
            name="dropout-backward-text",
        ),
        answer("backward_propagation_with_dropout", DROPOUT_BACKWARD),
        self_check("backward_propagation_with_dropout", assignment=ASSIGNMENT),
        markdown(
            f"""
## 9. Four training runs

`model` below trains the network with your functions: plain, with L2 (`lambd = 0.7`), with
dropout (`keep_prob = 0.8`) and with L1 (`lambd = 0.5`), each from the same He start
(`np.random.default_rng(3)`, which then also draws the dropout masks), for {ITERATIONS}
iterations with learning rate {LEARNING_RATE}, on the normalized training set. It records the
training cost and the dev cost every {EVERY} iterations. The accuracies it prints are what the
plots and the summary below show.
""",
            name="model-text",
        ),
        code(MODEL, name="model"),
        markdown(
            """
Left to right: the network without regularization, with L2 and with dropout. The shaded
regions are what each predicts; the points are the training set, with its flipped labels. The
bar chart compares each run's training accuracy with its dev accuracy: the gap between the two
bars is the variance of section 3.
""",
            name="boundaries-text",
        ),
        code(BOUNDARIES, name="boundaries"),
        markdown(
            """
## 10. Early stopping

Early stopping watches the dev cost during training and keeps the weights of the epoch where it
was lowest, stopping once it has not improved for `patience` epochs in a row.

**Exercise:** walk `dev_costs` in order, keeping the best cost so far and its epoch (0-based,
starting from epoch 0). An epoch **improves** when its cost is strictly lower than the best so
far (an equal cost does not). Count consecutive epochs that do not improve; when the count
reaches `patience`, stop and return the best epoch. If the costs run out first, return the best
epoch overall. Example with `patience = 2`: the costs `[5, 4, 4, 3, 3.5, 3.2, 1]` improve at
epochs 1 and 3, epochs 4 and 5 do not, so training stops there and the answer is 3 (the 1 of
epoch 6 is never seen).
""",
            name="early-text",
        ),
        answer("early_stopping_epoch", EARLY_STOPPING),
        self_check("early_stopping_epoch", assignment=ASSIGNMENT),
        markdown(
            f"""
Here each "epoch" is one record of the unregularized run, every {EVERY} iterations. The dashed
line marks the record early stopping keeps with a patience of 5; the printed line compares its
dev cost with the lowest one and with the last one.
""",
            name="early-demo-text",
        ),
        code(EARLY_DEMO, name="early-demo"),
        markdown(
            """
## 11. L1 makes weights sparse

The fraction of weights whose absolute value is below 0.01, after each run:
""",
            name="sparsity-text",
        ),
        code(SPARSITY, name="sparsity"),
        markdown(
            """
## 12. Summary

Accuracy on the three sets and the diagnosis of `diagnose_fit`, with the 10 % Bayes error of
this data set, printed from the runs above:
""",
            name="summary-text",
        ),
        code(SUMMARY, name="summary"),
        markdown(
            """
### What to remember

- Split once, with one permutation for `X` and `Y`; fit on train, choose on dev, report on test.
- Train error minus Bayes error is the avoidable **bias**; dev error minus train error is the
  **variance**. Each calls for different remedies: a bigger network or longer training for bias,
  more data or regularization for variance.
- Normalize every set with the **training** mean and standard deviation.
- **L2** adds $\\frac{\\lambda}{2m}\\sum \\lVert W \\rVert_F^2$ to the cost and
  $\\frac{\\lambda}{m} W$ to each $dW$ (weight decay); biases are not penalised. **L1** adds
  absolute values and drives many weights to (nearly) zero: sparse weights.
- **Inverted dropout** scales the kept units by $1/\\text{keep\\_prob}$ in the forward pass and
  applies the same mask and scaling in the backward pass; fresh masks every iteration, no
  dropout at test time.
- **Early stopping** keeps the weights of the best dev cost seen before the patience ran out.
""",
            name="remember",
        ),
    ]


def main() -> None:
    path = REPO / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    write_notebook(path, cells(), assignment=ASSIGNMENT, title=TITLE)
    print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
