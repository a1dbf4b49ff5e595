"""Write solutions/C2W2_optimization/C2W2_optimization.ipynb, the notebook's one source.

    .venv/bin/python scripts/notebooks/C2W2_optimization.py
    .venv/bin/dlcourse release C2W2_optimization

Edit this file, never the notebook: the points of the test cells come from the suite
(``autograder/suites/C2W2_optimization``), the rest is written here.
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

ASSIGNMENT = "C2W2_optimization"
SIZE_EPOCHS, SIZE_RATE = 5, 0.05  # batch vs mini-batch vs stochastic
NUM_EPOCHS, RATE, BATCH = 100, 0.01, 64  # the four optimizers
UPDATES = NUM_EPOCHS * -(-300 // BATCH)  # 300 training points
TITLE = "Optimization: mini-batches, momentum, RMSprop, Adam and learning-rate decay"

INTRO = r"""
# Optimization: mini-batches, momentum, RMSprop, Adam and learning-rate decay

Gradient descent takes a step against the gradient. How big the step is, how much data each step
sees, and what the step remembers of the steps before decide how fast a network learns. Here you
write the update rules of the course and compare them on the same network, from the same start:

- **batch, mini-batch and stochastic** gradient descent, and the shuffled mini-batches they use;
- **exponentially weighted averages**, with and without bias correction;
- **momentum**, **RMSprop** and **Adam**;
- four **learning-rate decay** schedules.

**Notation.** `parameters` holds $W^{[l]}$ of shape $(n^{[l]}, n^{[l-1]})$ and $b^{[l]}$ of shape
$(n^{[l]}, 1)$ under the keys `"W1", "b1", ..., "WL", "bL"`; $L$ = `len(parameters) // 2`.
`grads` holds `"dW1", "db1", ...` of the same shapes (other keys, such as `"dA0"`, are ignored).
The optimizer states, the velocity `v` and the squared-gradient average `s`, use the gradient
keys `"dW1", "db1", ...`. Examples are columns: `X` has shape $(n_x, m)$, `Y` $(n_y, m)$.

**The contract of every update rule.** It returns NEW dicts and changes none of its inputs:
not `parameters`, not `grads`, not `v` or `s`. Write `new_v["dW1"] = beta * v["dW1"] + ...`
into a new dict, never `v["dW1"] = ...` or `+=` on the dict you were given. The grader checks it.

### How your work is graded

- Each graded function is worth the points shown in its test cell, the locked cell right below it
  (the grading report lists them too).
- That cell is a **self-check**: it runs the public cases shown there, in your own kernel. It is a
  convenience for you and proves nothing by itself.
- The grader calls your function in an isolated process, on the public cases and on **hidden
  cases** of other sizes, seeds and hyperparameters, drawn at grading time. Your points come from
  the hidden cases: you earn a share of the function's points for each hidden case it gets right,
  but only when it also passes every public case. A function right only on the public inputs
  earns nothing.
- Values must match the formulas below to within rounding; `random_mini_batches` must make
  exactly the draw described (one `rng.permutation(m)`).
- Checks of properties (that your function leaves its inputs alone) can take points away from a
  right answer; they never give points to a wrong one.
"""

SETUP = """
import matplotlib.pyplot as plt
import numpy as np

from selfcheck import SelfCheck
from dlutils.datasets import make_moons
from dlutils.evaluation import accuracy, predict
from dlutils.layers import L_model_backward, L_model_forward
from dlutils.losses import compute_cost

rng = np.random.default_rng(1)
check = SelfCheck("C2W2_optimization")
"""

GD = r'''
def update_parameters_with_gd(parameters, grads, learning_rate):
    """One step of gradient descent.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    grads -- dict with "dW1", "db1", ..., "dWL", "dbL" (other keys are ignored)
    learning_rate -- the step size alpha

    Returns:
    new_parameters -- a NEW dict: W[l] - alpha * dW[l] and b[l] - alpha * db[l] for every l
    """
    L = len(parameters) // 2  # number of layers
    new_parameters = {}
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        W, b = parameters["W" + str(l)], parameters["b" + str(l)]
        new_parameters["W" + str(l)] = W - learning_rate * grads["dW" + str(l)]
        new_parameters["b" + str(l)] = b - learning_rate * grads["db" + str(l)]
    ### END SOLUTION
    return new_parameters
'''

MINI_BATCHES = r'''
def random_mini_batches(X, Y, mini_batch_size=64, *, rng):
    """Shuffle the examples (columns) of (X, Y) together and cut them into mini-batches.

    Arguments:
    X -- inputs, shape (n_x, m)
    Y -- labels, shape (n_y, m)
    mini_batch_size -- number of examples in each full mini-batch
    rng -- numpy random Generator: exactly ONE draw, permutation = rng.permutation(m)

    Returns:
    mini_batches -- list of (mini_batch_X, mini_batch_Y): batch k holds the columns
                    permutation[k * mini_batch_size : (k + 1) * mini_batch_size] of X and of Y;
                    when m is not a multiple of mini_batch_size, a last, smaller batch holds
                    the m % mini_batch_size examples left over
    """
    m = X.shape[1]  # number of examples
    mini_batches = []
    ### BEGIN SOLUTION
    permutation = rng.permutation(m)
    shuffled_X = X[:, permutation]
    shuffled_Y = Y[:, permutation]
    num_complete = m // mini_batch_size  # number of full mini-batches
    for k in range(num_complete):
        mini_batch_X = shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batch_Y = shuffled_Y[:, k * mini_batch_size : (k + 1) * mini_batch_size]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    if m % mini_batch_size != 0:
        mini_batch_X = shuffled_X[:, num_complete * mini_batch_size :]
        mini_batch_Y = shuffled_Y[:, num_complete * mini_batch_size :]
        mini_batches.append((mini_batch_X, mini_batch_Y))
    ### END SOLUTION
    return mini_batches
'''

EWA = r'''
def exponentially_weighted_average(values, beta, bias_correction=True):
    """Exponentially weighted average of a sequence, optionally bias-corrected.

    Arguments:
    values -- array_like of shape (T,) or (T, ...): theta_1, ..., theta_T, time along axis 0
    beta -- weight of the past, 0 <= beta < 1
    bias_correction -- if True, divide v_t by (1 - beta**t)

    Returns:
    averages -- float64 array shaped like values: v_1, ..., v_T (corrected if asked), where
                v_0 = 0 and v_t = beta * v_{t-1} + (1 - beta) * theta_t, t counted from 1
    """
    theta = np.asarray(values, dtype=np.float64)
    averages = np.zeros_like(theta)
    v = np.zeros_like(theta[0])  # v_0
    ### BEGIN SOLUTION
    for t in range(1, theta.shape[0] + 1):
        v = beta * v + (1 - beta) * theta[t - 1]
        if bias_correction:
            averages[t - 1] = v / (1 - beta**t)
        else:
            averages[t - 1] = v
    ### END SOLUTION
    return averages
'''

INIT_VELOCITY = r'''
def initialize_velocity(parameters):
    """Zero velocity for momentum.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"

    Returns:
    v -- dict with "dW1", "db1", ..., "dWL", "dbL": zeros shaped like W1, b1, ...
    """
    L = len(parameters) // 2  # number of layers
    v = {}
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        v["dW" + str(l)] = np.zeros_like(parameters["W" + str(l)])
        v["db" + str(l)] = np.zeros_like(parameters["b" + str(l)])
    ### END SOLUTION
    return v
'''

MOMENTUM = r'''
def update_parameters_with_momentum(parameters, grads, v, beta, learning_rate):
    """One step of gradient descent with momentum.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    grads -- dict with "dW1", "db1", ...
    v -- the velocity of the previous step, dict with "dW1", "db1", ...
    beta -- the momentum coefficient
    learning_rate -- the step size alpha

    Returns:
    new_parameters -- NEW dict: W = W - alpha * v_dW (and the same for b), with the NEW velocity
    new_v -- NEW dict: v_dW = beta * v_dW + (1 - beta) * dW (and the same for b)
    """
    L = len(parameters) // 2  # number of layers
    new_parameters, new_v = {}, {}
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        for name in ("W" + str(l), "b" + str(l)):
            new_v["d" + name] = beta * v["d" + name] + (1 - beta) * grads["d" + name]
            new_parameters[name] = parameters[name] - learning_rate * new_v["d" + name]
    ### END SOLUTION
    return new_parameters, new_v
'''

INIT_RMSPROP = r'''
def initialize_rmsprop(parameters):
    """Zero running average of squared gradients for RMSprop.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"

    Returns:
    s -- dict with "dW1", "db1", ..., "dWL", "dbL": zeros shaped like W1, b1, ...
    """
    L = len(parameters) // 2  # number of layers
    s = {}
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        s["dW" + str(l)] = np.zeros_like(parameters["W" + str(l)])
        s["db" + str(l)] = np.zeros_like(parameters["b" + str(l)])
    ### END SOLUTION
    return s
'''

RMSPROP = r'''
def update_parameters_with_rmsprop(parameters, grads, s, beta=0.999, learning_rate=0.01,
                                   epsilon=1e-8):
    """One step of RMSprop (no bias correction).

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    grads -- dict with "dW1", "db1", ...
    s -- running average of squared gradients of the previous step, "dW1", "db1", ...
    beta -- decay of the running average
    learning_rate -- the step size alpha
    epsilon -- added to the square root, OUTSIDE it

    Returns:
    new_parameters -- NEW dict: W = W - alpha * dW / (sqrt(s_dW) + epsilon), with the NEW s
    new_s -- NEW dict: s_dW = beta * s_dW + (1 - beta) * dW**2 (element-wise)
    """
    L = len(parameters) // 2  # number of layers
    new_parameters, new_s = {}, {}
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        for name in ("W" + str(l), "b" + str(l)):
            d = "d" + name
            new_s[d] = beta * s[d] + (1 - beta) * np.square(grads[d])
            step = grads[d] / (np.sqrt(new_s[d]) + epsilon)
            new_parameters[name] = parameters[name] - learning_rate * step
    ### END SOLUTION
    return new_parameters, new_s
'''

INIT_ADAM = r'''
def initialize_adam(parameters):
    """Zero first and second moment estimates for Adam.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"

    Returns:
    v -- dict with "dW1", "db1", ...: zeros shaped like W1, b1, ... (first moments)
    s -- dict with the same keys: zeros (second moments); v and s are different arrays
    """
    L = len(parameters) // 2  # number of layers
    v, s = {}, {}
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        for name in ("W" + str(l), "b" + str(l)):
            v["d" + name] = np.zeros_like(parameters[name])
            s["d" + name] = np.zeros_like(parameters[name])
    ### END SOLUTION
    return v, s
'''

ADAM = r'''
def update_parameters_with_adam(parameters, grads, v, s, t, learning_rate=0.01, beta1=0.9,
                                beta2=0.999, epsilon=1e-8):
    """One step of Adam, with bias correction and epsilon outside the square root.

    Arguments:
    parameters -- dict with "W1", "b1", ..., "WL", "bL"
    grads -- dict with "dW1", "db1", ...
    v, s -- first and second moment estimates of the previous step ("dW1", "db1", ...)
    t -- the number of Adam updates so far INCLUDING this one (1 on the first update)
    learning_rate -- the step size alpha
    beta1, beta2 -- decay rates of the first and second moment estimates
    epsilon -- added to the square root, OUTSIDE it

    Returns:
    new_parameters -- NEW dict: W = W - alpha * v_corrected / (sqrt(s_corrected) + epsilon)
    new_v -- NEW dict: v = beta1 * v + (1 - beta1) * dW
    new_s -- NEW dict: s = beta2 * s + (1 - beta2) * dW**2
    v_corrected -- new_v / (1 - beta1**t)
    s_corrected -- new_s / (1 - beta2**t)
    """
    L = len(parameters) // 2  # number of layers
    new_parameters, new_v, new_s = {}, {}, {}
    v_corrected, s_corrected = {}, {}
    ### BEGIN SOLUTION
    for l in range(1, L + 1):
        for name in ("W" + str(l), "b" + str(l)):
            d = "d" + name
            new_v[d] = beta1 * v[d] + (1 - beta1) * grads[d]
            v_corrected[d] = new_v[d] / (1 - beta1**t)
            new_s[d] = beta2 * s[d] + (1 - beta2) * grads[d] ** 2
            s_corrected[d] = new_s[d] / (1 - beta2**t)
            adam_step = v_corrected[d] / (np.sqrt(s_corrected[d]) + epsilon)
            new_parameters[name] = parameters[name] - learning_rate * adam_step
    ### END SOLUTION
    return new_parameters, new_v, new_s, v_corrected, s_corrected
'''

UPDATE_LR = r'''
def update_lr(learning_rate0, epoch_num, decay_rate):
    """Inverse-time decay: learning_rate0 / (1 + decay_rate * epoch_num), a float."""
    ### BEGIN SOLUTION
    learning_rate = learning_rate0 / (1 + decay_rate * epoch_num)
    ### END SOLUTION
    return learning_rate
'''

SCHEDULE = r'''
def schedule_lr_decay(learning_rate0, epoch_num, decay_rate, time_interval=1000):
    """Inverse-time decay in steps: the rate changes only every time_interval epochs.

    learning_rate0 / (1 + decay_rate * floor(epoch_num / time_interval)), a float.
    """
    ### BEGIN SOLUTION
    learning_rate = learning_rate0 / (1 + decay_rate * np.floor(epoch_num / time_interval))
    ### END SOLUTION
    return learning_rate
'''

EXPONENTIAL = r'''
def exponential_lr_decay(learning_rate0, epoch_num, base=0.95):
    """Exponential decay: learning_rate0 * base**epoch_num, a float."""
    ### BEGIN SOLUTION
    learning_rate = learning_rate0 * base**epoch_num
    ### END SOLUTION
    return learning_rate
'''

INVERSE_SQRT = r'''
def inverse_sqrt_lr_decay(learning_rate0, step, k=1.0):
    """Decay as one over the square root of the step: learning_rate0 * k / sqrt(step), a float.

    step counts from 1 (the formula is undefined at 0).
    """
    ### BEGIN SOLUTION
    learning_rate = learning_rate0 * k / np.sqrt(step)
    ### END SOLUTION
    return learning_rate
'''

MINI_BATCH_DEMO = """
X_demo = np.arange(2 * 10).reshape(2, 10)  # 2 features, 10 examples: column j holds j and 10 + j
Y_demo = np.arange(10).reshape(1, 10)      # the label of example j is j
demo = random_mini_batches(X_demo, Y_demo, 4, rng=np.random.default_rng(0))
for k, (mb_X, mb_Y) in enumerate(demo):
    print(f"mini-batch {k}: X {mb_X.shape}, Y {mb_Y.shape}, examples {mb_Y[0].tolist()}")
print("each example keeps its label:",
      all(np.array_equal(mb_X[0], mb_Y[0]) for mb_X, mb_Y in demo))
"""

TEMPERATURES = """
# A year of noisy daily temperatures (degrees C): a seasonal curve plus noise, seed 2.
days = np.arange(1, 366)
season = 12 - 10 * np.cos(2 * np.pi * (days - 15) / 365)
temperatures = season + np.random.default_rng(2).normal(0, 4, days.size)

fig, ax = plt.subplots(figsize=(9, 4.5))
ax.scatter(days, temperatures, s=6, color="0.6", label="daily temperature")
for beta, color in [(0.9, "tab:red"), (0.98, "tab:green")]:
    window = 1 / (1 - beta)
    corrected = exponentially_weighted_average(temperatures, beta)
    ax.plot(days, corrected, color=color,
            label=f"beta = {beta} (about {window:.0f} days), bias-corrected")
plain = exponentially_weighted_average(temperatures, 0.98, bias_correction=False)
ax.plot(days, plain, color="tab:purple", linestyle="--",
        label="beta = 0.98, without bias correction")
ax.set(title="Exponentially weighted averages of 365 daily temperatures (seed 2)",
       xlabel="day t", ylabel="temperature (degrees C)")
ax.legend(loc="upper left");

corrected = exponentially_weighted_average(temperatures, 0.98)
for t in (1, 10, 50):
    print(f"day {t:>2}: temperature {temperatures[t - 1]:6.2f}, v_t {plain[t - 1]:6.2f} "
          f"without correction, {corrected[t - 1]:6.2f} with it")
"""

BOWL = """
# An ill-conditioned quadratic bowl J(w, b) = (A * w**2 + C * b**2) / 2: 25 times steeper in b.
A, C = 1.0, 25.0
START, STEPS = (-4.5, 1.5), 40


def bowl_cost(w, b):
    return (A * w**2 + C * b**2) / 2


def bowl_grads(parameters):
    return {"dW1": A * parameters["W1"], "db1": C * parameters["b1"]}


def bowl_path(method, learning_rate):
    \"\"\"STEPS updates of ``method`` from START on the bowl; the (w, b) visited.\"\"\"
    parameters = {"W1": np.array([[START[0]]]), "b1": np.array([[START[1]]])}
    v, s = initialize_velocity(parameters), initialize_rmsprop(parameters)
    v_adam, s_adam = initialize_adam(parameters)
    path = [START]
    for t in range(1, STEPS + 1):
        grads = bowl_grads(parameters)
        if method == "gd":
            parameters = update_parameters_with_gd(parameters, grads, learning_rate)
        elif method == "momentum":
            parameters, v = update_parameters_with_momentum(parameters, grads, v, 0.9,
                                                            learning_rate)
        elif method == "rmsprop":
            parameters, s = update_parameters_with_rmsprop(parameters, grads, s, 0.9,
                                                           learning_rate)
        else:
            parameters, v_adam, s_adam, _, _ = update_parameters_with_adam(
                parameters, grads, v_adam, s_adam, t, learning_rate)
        path.append((parameters["W1"].item(), parameters["b1"].item()))
    return np.array(path)


BOWL_RATES = {"gd": 0.07, "momentum": 0.05, "rmsprop": 0.1, "adam": 0.2}
paths = {name: bowl_path(name, rate) for name, rate in BOWL_RATES.items()}

w_grid, b_grid = np.meshgrid(np.linspace(-5, 5, 200), np.linspace(-2, 2, 200))
fig, ax = plt.subplots(figsize=(9, 4.5))
contours = ax.contour(w_grid, b_grid, bowl_cost(w_grid, b_grid), levels=15, cmap="Greys")
fig.colorbar(contours, ax=ax, label="cost J(w, b)")
for name, path in paths.items():
    ax.plot(path[:, 0], path[:, 1], marker="o", markersize=3,
            label=f"{name} (learning rate {BOWL_RATES[name]})")
ax.plot(0, 0, "k*", markersize=12, label="minimum")
ax.set(title=f"{STEPS} steps of each optimizer from {START} on J = (w^2 + 25 b^2) / 2",
       xlabel="w", ylabel="b")
ax.legend(loc="lower right", fontsize=8);
for name, path in paths.items():
    crossings = int(np.sum(np.diff(np.sign(path[:, 1])) != 0))
    print(f"{name:>8}: crosses b = 0 {crossings:>2} times in {STEPS} steps; ends at (w, b) = "
          f"({path[-1, 0]:+.3f}, {path[-1, 1]:+.3f}), cost {bowl_cost(*path[-1]):.2e}")
"""

DATA = """
X_train, Y_train = make_moons(300, rng=rng, noise=0.2)
fig, ax = plt.subplots(figsize=(5, 4))
for label, color in [(0, "tab:blue"), (1, "tab:orange")]:
    points = X_train[:, Y_train[0] == label]
    ax.scatter(points[0], points[1], s=10, color=color, label=f"class {label}")
ax.set(title="The moons: 300 training points (seed 1)", xlabel="x1", ylabel="x2")
ax.legend();
print(f"X_train {X_train.shape}, Y_train {Y_train.shape}")
"""

TRAIN = """
LAYERS_DIMS = [2, 10, 5, 1]


def starting_parameters(layers_dims, seed=3):
    \"\"\"The one start every run below uses: uniform weights in +-sqrt(6 / (n[l-1] + n[l]))
    (Glorot's uniform start), zero biases, drawn from default_rng(seed).\"\"\"
    start_rng = np.random.default_rng(seed)
    parameters = {}
    for l in range(1, len(layers_dims)):
        n_prev, n = layers_dims[l - 1], layers_dims[l]
        limit = np.sqrt(6 / (n_prev + n))
        parameters["W" + str(l)] = start_rng.uniform(-limit, limit, (n, n_prev))
        parameters["b" + str(l)] = np.zeros((n, 1))
    return parameters


def model(X, Y, optimizer="gd", learning_rate=0.01, mini_batch_size=64, num_epochs=150,
          beta=0.9, seed=10):
    \"\"\"Train the 3-layer net with your update rules.

    Returns the trained parameters, the full-training-set cost after every epoch, and the
    mini-batch cost of every update.\"\"\"
    parameters = starting_parameters(LAYERS_DIMS)
    v = initialize_velocity(parameters)
    s = initialize_rmsprop(parameters)
    v_adam, s_adam = initialize_adam(parameters)
    t = 0  # Adam's counter of updates
    batch_rng = np.random.default_rng(seed)
    epoch_costs, step_costs = [], []
    for epoch in range(num_epochs):
        for mini_batch_X, mini_batch_Y in random_mini_batches(X, Y, mini_batch_size,
                                                              rng=batch_rng):
            AL, caches = L_model_forward(mini_batch_X, parameters)
            step_costs.append(float(compute_cost(AL, mini_batch_Y)))
            grads = L_model_backward(AL, mini_batch_Y, caches)
            if optimizer == "gd":
                parameters = update_parameters_with_gd(parameters, grads, learning_rate)
            elif optimizer == "momentum":
                parameters, v = update_parameters_with_momentum(parameters, grads, v, beta,
                                                                learning_rate)
            elif optimizer == "rmsprop":
                parameters, s = update_parameters_with_rmsprop(parameters, grads, s,
                                                               learning_rate=learning_rate)
            elif optimizer == "adam":
                t += 1
                parameters, v_adam, s_adam, _, _ = update_parameters_with_adam(
                    parameters, grads, v_adam, s_adam, t, learning_rate)
        AL, _ = L_model_forward(X, parameters)
        epoch_costs.append(float(compute_cost(AL, Y)))
    return parameters, epoch_costs, step_costs
"""

BATCH_SIZES_TEMPLATE = """
SIZE_EPOCHS, SIZE_RATE = @SIZE_EPOCHS@, @SIZE_RATE@
sizes = {"batch (300)": 300, "mini-batch (64)": 64, "stochastic (1)": 1}
size_runs = {name: model(X_train, Y_train, "gd", SIZE_RATE, size, SIZE_EPOCHS)
             for name, size in sizes.items()}

fig, axes = plt.subplots(1, 2, figsize=(12, 4))
for name, (_, epoch_costs, step_costs) in size_runs.items():
    updates = len(step_costs)
    axes[0].plot(np.arange(1, SIZE_EPOCHS + 1), epoch_costs, marker="o",
                 label=f"{name}: {updates} updates")
    axes[1].plot(np.arange(1, updates + 1) / (updates / SIZE_EPOCHS), step_costs,
                 linewidth=0.6, label=name)
axes[0].set(title=f"Cost on all 300 points after each of {SIZE_EPOCHS} epochs (learning rate "
                  f"{SIZE_RATE}; start seed 3, shuffle seed 10)",
            xlabel="epoch", ylabel="cost")
axes[1].set(title="Cost of the mini-batch at each update", xlabel="epoch", ylabel="cost",
            yscale="log")
axes[0].title.set_fontsize(9)
axes[0].legend()
axes[1].legend();
for name, (_, epoch_costs, step_costs) in size_runs.items():
    print(f"{name:>16}: {len(step_costs):>5} updates in {SIZE_EPOCHS} epochs, "
          f"cost {epoch_costs[-1]:.3f} after the last epoch")
"""

OPTIMIZERS_TEMPLATE = """
NUM_EPOCHS, RATE = @NUM_EPOCHS@, @RATE@
runs = {name: model(X_train, Y_train, name, RATE, 64, NUM_EPOCHS)
        for name in ("gd", "momentum", "rmsprop", "adam")}
updates = len(runs["gd"][2])

fig, ax = plt.subplots(figsize=(8, 4.5))
for name, (_, epoch_costs, _) in runs.items():
    ax.plot(np.arange(1, NUM_EPOCHS + 1), epoch_costs, label=name)
ax.set(title=f"[2, 10, 5, 1] net on the moons: {NUM_EPOCHS} epochs of mini-batches of 64 "
             f"({updates} updates), learning rate {RATE}; start seed 3, shuffle seed 10",
       xlabel="epoch", ylabel="cost on the training set")
ax.title.set_fontsize(10)
ax.legend();
for name, (parameters, epoch_costs, _) in runs.items():
    print(f"{name:>8}: cost {epoch_costs[-1]:.3f}, training accuracy "
          f"{accuracy(predict(parameters, X_train), Y_train):.1%}")
"""

SCHEDULES = """
EPOCHS = np.arange(0, 301)
RATE0 = 0.1
schedules = {
    "update_lr (decay_rate 0.05)": [update_lr(RATE0, e, 0.05) for e in EPOCHS],
    "schedule_lr_decay (decay_rate 1, every 50 epochs)":
        [schedule_lr_decay(RATE0, e, 1.0, time_interval=50) for e in EPOCHS],
    "exponential_lr_decay (base 0.99)": [exponential_lr_decay(RATE0, e, 0.99) for e in EPOCHS],
    "inverse_sqrt_lr_decay (k = 1, step = epoch + 1)":
        [inverse_sqrt_lr_decay(RATE0, e + 1) for e in EPOCHS],
}
fig, ax = plt.subplots(figsize=(8, 4.5))
for name, rates in schedules.items():
    ax.plot(EPOCHS, rates, label=name)
ax.set(title=f"Four learning-rate schedules from learning_rate0 = {RATE0}", xlabel="epoch",
       ylabel="learning rate")
ax.legend();
for name, rates in schedules.items():
    print(f"{name:<50} epoch 0: {rates[0]:.4f}, epoch 100: {rates[100]:.4f}, "
          f"epoch 300: {rates[300]:.4f}")
"""

SUMMARY = """
print(f"Moons, {NUM_EPOCHS} epochs of mini-batches of 64, learning rate {RATE}:")
print(f"{'optimizer':<10}{'first epoch':>12}{'last epoch':>12}{'accuracy':>10}")
for name, (parameters, epoch_costs, _) in runs.items():
    train_accuracy = accuracy(predict(parameters, X_train), Y_train)
    print(f"{name:<10}{epoch_costs[0]:>12.3f}{epoch_costs[-1]:>12.3f}{train_accuracy:>10.1%}")
best = min(runs, key=lambda name: runs[name][1][-1])
print(f"lowest final cost: {best}")
print(f"Bowl, {STEPS} steps: " + ", ".join(
    f"{name} cost {bowl_cost(*path[-1]):.1e}" for name, path in paths.items()))
"""

REMEMBER = """
<div style="border: 1px solid #888; padding: 0.6em 1em; border-radius: 4px">

**What to remember**

- Mini-batches: shuffle X and Y with ONE permutation, cut along the columns, keep the smaller last
  batch. Batch size 1 is stochastic gradient descent (noisy), size m is batch gradient descent
  (one update per epoch); a mini-batch in between gives many cheap updates per epoch.
- An exponentially weighted average with `beta` covers about `1 / (1 - beta)` values; bias
  correction, dividing by `1 - beta**t`, fixes its start near 0.
- Momentum averages the gradients; RMSprop divides by the root of the averaged squared
  gradients (`epsilon` outside the root); Adam does both, with bias correction, and `t` counts
  updates from 1.
- Decay lowers the learning rate over time; `update_lr`, the floor-stepped schedule, the
  exponential and the `k / sqrt(t)` schedules differ in how fast.
- Update rules return new dicts and never change their inputs.
</div>
"""


BATCH_SIZES = BATCH_SIZES_TEMPLATE.replace("@SIZE_EPOCHS@", str(SIZE_EPOCHS)).replace(
    "@SIZE_RATE@", str(SIZE_RATE)
)
OPTIMIZERS = OPTIMIZERS_TEMPLATE.replace("@NUM_EPOCHS@", str(NUM_EPOCHS)).replace(
    "@RATE@", str(RATE)
)


def exercise(grade_id: str, source: str) -> list[dict]:
    return [answer(grade_id, source), self_check(grade_id, assignment=ASSIGNMENT)]


def cells() -> list[dict]:
    return [
        markdown(INTRO, name="title"),
        markdown(
            """
## 1. Setup

The forward and backward passes of the $[\\text{LINEAR} \\to \\text{RELU}] \\times 2 \\to
\\text{LINEAR} \\to \\text{SIGMOID}$ network (`L_model_forward`, `L_model_backward`,
`compute_cost`) are given, as are `predict`, `accuracy` and the moons data set. You write the
update rules, the mini-batches, the average and the schedules: numpy alone.
""",
            name="setup-text",
        ),
        setup(SETUP),
        markdown(
            """
## 2. Gradient descent

One step for every layer $l = 1, \\dots, L$:
$$W^{[l]} := W^{[l]} - \\alpha\\, dW^{[l]}, \\qquad b^{[l]} := b^{[l]} - \\alpha\\, db^{[l]}.$$
Batch gradient descent computes the gradients on all $m$ examples, stochastic gradient descent
on one, mini-batch gradient descent on a mini-batch: the update is the same.

**Exercise:** write both lines for every layer into the new dict `new_parameters`.
""",
            name="gd-text",
        ),
        *exercise("update_parameters_with_gd", GD),
        markdown(
            """
## 3. Mini-batches

Two steps: **shuffle** the columns of `X` and `Y` with one permutation (so that example $j$
keeps its label), then **partition** the shuffled columns into mini-batches of
`mini_batch_size`. When $m$ is not a multiple of the size, the last mini-batch is smaller: it
holds the `m % mini_batch_size` examples left over (it is not dropped, not padded).

**Exercise:** draw `permutation = rng.permutation(m)` (the only draw), shuffle `X` and `Y` with
it, and cut mini-batch $k$ as `shuffled_X[:, k * mini_batch_size : (k + 1) * mini_batch_size]`
(and the same for `Y`), then the smaller last one if there is one.
""",
            name="mini-batches-text",
        ),
        *exercise("random_mini_batches", MINI_BATCHES),
        markdown(
            "Ten examples in mini-batches of 4: two full batches and a last one of 2. Row 0 of "
            "`X_demo` holds the example's index, as does its label, so the printout shows that "
            "the shuffle kept every example with its label.",
            name="mini-batch-demo-text",
        ),
        code(MINI_BATCH_DEMO, name="mini-batch-demo"),
        markdown(
            """
## 4. Exponentially weighted averages

For a sequence $\\theta_1, \\dots, \\theta_T$:
$$v_0 = 0, \\qquad v_t = \\beta\\, v_{t-1} + (1 - \\beta)\\, \\theta_t, \\qquad
v_t^{\\text{corrected}} = \\frac{v_t}{1 - \\beta^t}, \\quad t = 1, 2, \\dots$$
$v_t$ averages roughly the last $1 / (1 - \\beta)$ values. Because $v_0 = 0$, the first $v_t$
are too small; dividing by $1 - \\beta^t$ (bias correction) fixes that, and matters less as
$\\beta^t \\to 0$.

**Exercise:** loop over $t = 1, \\dots, T$, update `v` and store `v / (1 - beta**t)` when
`bias_correction` is true, `v` itself otherwise. The function returns a float64 array shaped
like `values`.
""",
            name="ewa-text",
        ),
        *exercise("exponentially_weighted_average", EWA),
        markdown(
            """
A year of daily temperatures, generated in the next cell (a seasonal curve plus noise, from
`default_rng(2)`). A larger $\\beta$ is smoother and lags more. Without bias correction, the
$\\beta = 0.98$ curve starts near 0 and needs weeks to catch up: the printout shows by how much.
""",
            name="temperatures-text",
        ),
        code(TEMPERATURES, name="temperatures"),
        markdown(
            """
## 5. Momentum

Momentum takes a step along an exponentially weighted average of the gradients (the velocity),
which damps the zig-zag of gradient descent:
$$v_{dW^{[l]}} := \\beta\\, v_{dW^{[l]}} + (1 - \\beta)\\, dW^{[l]}, \\qquad
W^{[l]} := W^{[l]} - \\alpha\\, v_{dW^{[l]}},$$
and the same for $b^{[l]}$; no bias correction. The velocity starts at zero.

**Exercise:** `initialize_velocity` returns zeros shaped like each parameter under the keys
`"dW1", "db1", ...`; `update_parameters_with_momentum` returns `(new_parameters, new_v)`, two
new dicts, the step using the NEW velocity.
""",
            name="momentum-text",
        ),
        *exercise("initialize_velocity", INIT_VELOCITY),
        *exercise("update_parameters_with_momentum", MOMENTUM),
        markdown(
            """
## 6. RMSprop

RMSprop divides each gradient by the root of a running average of its squares, so directions
with large gradients take smaller steps:
$$s_{dW} := \\beta\\, s_{dW} + (1 - \\beta)\\, dW^2, \\qquad
W := W - \\alpha\\, \\frac{dW}{\\sqrt{s_{dW}} + \\varepsilon}$$
(element-wise square and root; $\\varepsilon$ outside the root; no bias correction).

**Signature** (the course leaves it open; this is the one graded):
`update_parameters_with_rmsprop(parameters, grads, s, beta=0.999, learning_rate=0.01,
epsilon=1e-8)` returns `(new_parameters, new_s)`.
""",
            name="rmsprop-text",
        ),
        *exercise("initialize_rmsprop", INIT_RMSPROP),
        *exercise("update_parameters_with_rmsprop", RMSPROP),
        markdown(
            """
## 7. Adam

Adam combines both averages and corrects their bias. At update number $t$ (counted from 1,
over mini-batches, not epochs):
$$v_{dW} := \\beta_1 v_{dW} + (1 - \\beta_1)\\, dW, \\qquad
v^{\\text{corrected}}_{dW} = \\frac{v_{dW}}{1 - \\beta_1^t},$$
$$s_{dW} := \\beta_2 s_{dW} + (1 - \\beta_2)\\, dW^2, \\qquad
s^{\\text{corrected}}_{dW} = \\frac{s_{dW}}{1 - \\beta_2^t},$$
$$W := W - \\alpha\\, \\frac{v^{\\text{corrected}}_{dW}}{\\sqrt{s^{\\text{corrected}}_{dW}} +
\\varepsilon}.$$

**Exercise:** `initialize_adam` returns `(v, s)`, two dicts of zeros; `update_parameters_with_adam`
returns `(new_parameters, new_v, new_s, v_corrected, s_corrected)`: the new moments are the
uncorrected ones, which the next step needs.
""",
            name="adam-text",
        ),
        *exercise("initialize_adam", INIT_ADAM),
        *exercise("update_parameters_with_adam", ADAM),
        markdown(
            """
## 8. The optimizers on an ill-conditioned bowl

$J(w, b) = (w^2 + 25\\, b^2) / 2$ is 25 times steeper along $b$ than along $w$. The parameters
are a one-layer dict `{"W1": [[w]], "b1": [[b]]}`, so your functions run unchanged. Each
optimizer takes 40 steps from the same start $(-4.5, 1.5)$, with the learning rate in the legend
(momentum and RMSprop with $\\beta = 0.9$, Adam with its defaults). The printout counts how
often each path crosses $b = 0$: gradient descent zig-zags across the steep direction at every
step while it creeps along the shallow one; momentum's velocity averages most of the zig-zag
away; RMSprop and Adam divide each direction's step by the size of its own gradients, so the
steep direction no longer dominates and they hardly zig-zag. Which one ends nearest the minimum
after 40 steps depends on the learning rates chosen; the printout gives each final cost.
""",
            name="bowl-text",
        ),
        code(BOWL, name="bowl"),
        markdown(
            f"""
## 9. Batch, mini-batch and stochastic gradient descent on the moons

The network is `[2, 10, 5, 1]`, trained by `model` below from ONE start
(`starting_parameters`, seed 3) with your `random_mini_batches` (seed 10) and your update rules;
the cost of the whole training set is recorded after every epoch and the cost of each mini-batch
at every update. First, plain gradient descent with three batch sizes, for {SIZE_EPOCHS} epochs
at learning rate {SIZE_RATE}: per epoch, the batch version makes one update, the mini-batch
version 5, the stochastic version 300, and the costs of single examples jump around.
""",
            name="moons-text",
        ),
        code(DATA, name="data"),
        code(TRAIN, name="train"),
        code(BATCH_SIZES, name="batch-sizes"),
        markdown(
            f"""
## 10. The four optimizers on the moons

The same network and start, {NUM_EPOCHS} epochs of mini-batches of {BATCH} ({UPDATES} updates),
learning rate {RATE} for every optimizer (momentum $\\beta = 0.9$, RMSprop $\\beta = 0.999$,
Adam's defaults). With this small rate, plain gradient descent and momentum move slowly; RMSprop
and Adam scale each parameter's step by its own gradient history and get much further in the
same number of updates (the printout and the summary give the costs).
""",
            name="optimizers-text",
        ),
        code(OPTIMIZERS, name="optimizers"),
        markdown(
            """
## 11. Learning-rate decay

Four ways to lower the rate $\\alpha$ as training goes on, from $\\alpha_0$:

- `update_lr`: $\\alpha = \\dfrac{\\alpha_0}{1 + \\text{decay\\_rate} \\cdot
  \\text{epoch\\_num}}$;
- `schedule_lr_decay`: the same, but the epoch count only moves every `time_interval` epochs:
  $\\alpha = \\dfrac{\\alpha_0}{1 + \\text{decay\\_rate} \\cdot \\lfloor
  \\text{epoch\\_num} / \\text{time\\_interval} \\rfloor}$;
- `exponential_lr_decay`: $\\alpha = \\alpha_0 \\cdot \\text{base}^{\\text{epoch\\_num}}$
  (base below 1, 0.95 by default);
- `inverse_sqrt_lr_decay`: $\\alpha = \\dfrac{k}{\\sqrt{t}}\\, \\alpha_0$ with the step $t$
  counted from 1.

Each returns a float.
""",
            name="decay-text",
        ),
        *exercise("update_lr", UPDATE_LR),
        *exercise("schedule_lr_decay", SCHEDULE),
        *exercise("exponential_lr_decay", EXPONENTIAL),
        *exercise("inverse_sqrt_lr_decay", INVERSE_SQRT),
        markdown(
            "The four schedules over 300 epochs from $\\alpha_0 = 0.1$, with the settings in the "
            "legend.",
            name="schedules-text",
        ),
        code(SCHEDULES, name="schedules"),
        markdown("## 12. Summary\n\nPrinted from the runs above:", name="summary-text"),
        code(SUMMARY, name="summary"),
        markdown(REMEMBER, name="remember"),
    ]


def main() -> None:
    path = REPO / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    write_notebook(path, cells(), assignment=ASSIGNMENT, title=TITLE)
    print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
