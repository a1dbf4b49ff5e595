"""Write solutions/C2W3_batchnorm_softmax/C2W3_batchnorm_softmax.ipynb, the notebook's one source.

    .venv/bin/python scripts/notebooks/C2W3_batchnorm_softmax.py
    .venv/bin/dlcourse release C2W3_batchnorm_softmax

Edit this file, never the notebook: the points of the test cells come from the suite
(``autograder/suites/C2W3_batchnorm_softmax``), the rest is written here.
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

ASSIGNMENT = "C2W3_batchnorm_softmax"
TITLE = "Batch normalization, softmax and hyperparameter search"

INTRO = r"""
# Batch normalization, softmax and hyperparameter search

This assignment has three parts, all in numpy:

1. **Batch normalization** of a layer's pre-activations $Z^{[l]}$: the forward pass in training
   mode (statistics of the mini-batch, running averages updated) and at test time (running
   averages only), and the backward pass.
2. **Softmax** for $C$ classes: a numerically stable column-wise softmax, one-hot labels, the
   softmax cost and the backward pass of the softmax. A small network then learns the ten MNIST
   digits with mini-batches and Adam.
3. **Hyperparameter search on the right scale**: a learning rate sampled uniformly in
   $\log_{10}$, a momentum $\beta$ sampled uniformly in $\log_{10}(1 - \beta)$, and a
   coarse-to-fine random search.

**Layout.** Examples are columns: $Z$ has shape $(n, m)$ for $n$ units and $m$ examples; scores,
probabilities and one-hot labels have shape $(C, m)$. Everything is float64. Graded functions
never change their inputs, and draw random numbers only from the `rng` they are given.

### How your work is graded

- Each graded function is worth the points shown in its test cell, the locked cell right below it
  (the grading report lists them too).
- That cell is a **self-check**: it runs the public cases shown there, in your own kernel. It is a
  convenience for you and proves nothing by itself.
- The grader calls your function in an isolated process, on the public cases and on **hidden
  cases** of other sizes and seeds, drawn at grading time. Your points come from the hidden cases:
  you earn a share of the function's points for each hidden case it gets right, but only when it
  also passes every public case. A function that is right only on the public inputs earns nothing.
- Values must match the formulas stated in each exercise (to within rounding), including the
  random draws: the same `rng` calls, in the same order.
- Checks of properties (that your function leaves its inputs alone, returns a float, or that a
  backward pass agrees with finite differences) can take points away from a right answer; they
  never give points to a wrong one.
"""

SETUP = """
import matplotlib.pyplot as plt
import numpy as np

from selfcheck import SelfCheck
from dlutils.batching import random_mini_batches
from dlutils.datasets import flatten_images, load_mnist10
from dlutils.optimizers import initialize_adam, update_parameters_with_adam
from dlutils.plotting import plot_mislabeled

rng = np.random.default_rng(1)
check = SelfCheck("C2W3_batchnorm_softmax")
"""

BATCHNORM_FORWARD = r'''
def batchnorm_forward(Z, gamma, beta, running, *, training, momentum=0.9, eps=1e-8):
    """Batch-normalise Z, then scale by gamma and shift by beta.

    Arguments:
    Z -- pre-activations, shape (n, m): n units, m examples
    gamma, beta -- learnable scale and shift, shape (n, 1)
    running -- dict {"mean": (n, 1), "var": (n, 1)}, the running statistics
    training -- True: use this batch's statistics and update the running ones;
                False (test time): use running["mean"] and running["var"]
    momentum -- weight of the OLD running value in the update
    eps -- added to the variance inside the square root

    Returns:
    Z_tilde -- gamma * Z_norm + beta, shape (n, m)
    cache -- dict {"training", "Z_norm", "gamma", "inv_std"} for batchnorm_backward
    new_running -- a NEW dict {"mean", "var"}: updated in training, copies at test time
    """
    ### BEGIN SOLUTION
    if training:
        mu = np.mean(Z, axis=1, keepdims=True)
        var = np.mean((Z - mu) ** 2, axis=1, keepdims=True)
        new_running = {
            "mean": momentum * running["mean"] + (1 - momentum) * mu,
            "var": momentum * running["var"] + (1 - momentum) * var,
        }
    else:
        mu, var = running["mean"], running["var"]
        new_running = {"mean": running["mean"].copy(), "var": running["var"].copy()}
    inv_std = 1 / np.sqrt(var + eps)
    Z_norm = (Z - mu) * inv_std
    Z_tilde = gamma * Z_norm + beta
    ### END SOLUTION
    cache = {"training": training, "Z_norm": Z_norm, "gamma": gamma, "inv_std": inv_std}
    return Z_tilde, cache, new_running
'''

BATCHNORM_BACKWARD = r'''
def batchnorm_backward(dZ_tilde, cache):
    """Backward pass of batchnorm_forward in training mode.

    Arguments:
    dZ_tilde -- upstream gradient with respect to Z_tilde, shape (n, m)
    cache -- from batchnorm_forward(..., training=True)

    Returns:
    dZ -- gradient with respect to Z, shape (n, m), through the batch mean and variance too
    dgamma, dbeta -- shape (n, 1)
    """
    Z_norm, gamma, inv_std = cache["Z_norm"], cache["gamma"], cache["inv_std"]
    m = Z_norm.shape[1]
    ### BEGIN SOLUTION
    dbeta = np.sum(dZ_tilde, axis=1, keepdims=True)
    dgamma = np.sum(dZ_tilde * Z_norm, axis=1, keepdims=True)
    g = gamma * dZ_tilde
    sum_g = np.sum(g, axis=1, keepdims=True)
    sum_g_norm = np.sum(g * Z_norm, axis=1, keepdims=True)
    dZ = inv_std / m * (m * g - sum_g - Z_norm * sum_g_norm)
    ### END SOLUTION
    return dZ, dgamma, dbeta
'''

SOFTMAX = r'''
def softmax(Z):
    """Column-wise softmax, stable for large scores.

    Arguments:
    Z -- scores, shape (C, m): one column per example

    Returns:
    A -- probabilities, shape (C, m); every column sums to 1
    """
    ### BEGIN SOLUTION
    Z_shifted = Z - np.max(Z, axis=0, keepdims=True)
    exp_Z = np.exp(Z_shifted)
    A = exp_Z / np.sum(exp_Z, axis=0, keepdims=True)
    ### END SOLUTION
    return A
'''

ONE_HOT = r'''
def one_hot(Y, C):
    """One-hot encode the labels Y, of shape (1, m) or (m,), with values 0 ... C-1.

    Returns:
    Y_one_hot -- float array of shape (C, m): 1.0 in row Y[i] of column i, 0.0 elsewhere
    """
    labels = np.asarray(Y).reshape(-1).astype(int)  # (m,) integer labels, from either shape
    ### BEGIN SOLUTION
    m = labels.shape[0]
    Y_one_hot = np.zeros((C, m))
    Y_one_hot[labels, np.arange(m)] = 1.0
    ### END SOLUTION
    return Y_one_hot
'''

COST = r'''
def compute_softmax_cost(AL, Y):
    """Softmax (categorical) cross-entropy, the mean over the m examples.

    Arguments:
    AL -- probabilities, shape (C, m), each column summing to 1
    Y -- one-hot labels, shape (C, m)

    Returns:
    cost -- a float, J = -(1/m) * sum over examples and classes of Y * log(AL)
    """
    m = Y.shape[1]
    AL = np.maximum(AL, np.finfo(np.float64).eps)  # a probability of exactly 0 costs ~36, not inf
    ### BEGIN SOLUTION
    cost = -np.sum(Y * np.log(AL)) / m
    ### END SOLUTION
    return float(cost)
'''

SOFTMAX_BACKWARD = r'''
def softmax_backward(dA, Z):
    """Backward pass of the softmax alone: the gradient with respect to Z.

    Arguments:
    dA -- upstream gradient with respect to A = softmax(Z), shape (C, m)
    Z -- the scores the softmax was applied to, shape (C, m)

    Returns:
    dZ -- shape (C, m), column by column S * (dA - S^T dA) with S = softmax(Z)
    """
    ### BEGIN SOLUTION
    S = softmax(Z)
    dZ = S * (dA - np.sum(S * dA, axis=0, keepdims=True))
    ### END SOLUTION
    return dZ
'''

LOG_UNIFORM = r'''
def sample_log_uniform(low, high, *, rng):
    """One value in [low, high] whose base-10 logarithm is uniform (0 < low < high).

    Exactly one draw, u = rng.random(), mapped from the low end:
    r = log10(low) + (log10(high) - log10(low)) * u, value = 10 ** r.
    """
    ### BEGIN SOLUTION
    r = np.log10(low) + (np.log10(high) - np.log10(low)) * rng.random()
    value = 10**r
    ### END SOLUTION
    return float(value)
'''

BETA = r'''
def sample_beta(low, high, *, rng):
    """A momentum-like beta in [low, high] (0 <= low < high < 1), log-uniform in 1 - beta.

    1 - beta lies in [1 - high, 1 - low]: draw it with sample_log_uniform (one rng.random()).
    """
    ### BEGIN SOLUTION
    one_minus_beta = sample_log_uniform(1 - high, 1 - low, rng=rng)
    beta = 1 - one_minus_beta
    ### END SOLUTION
    return float(beta)
'''

ZOOM = r'''
def zoom_range(low, high, scale, best, zoom):
    """Shrink [low, high] around best to zoom times its width, on its sampling scale.

    Arguments:
    low, high -- the current range; best -- the best value found so far, inside it
    scale -- "linear" (t = x), "log" (t = log10 x) or "beta" (t = log10(1 - x))
    zoom -- the new width over the old one on the t scale, 0 < zoom <= 1

    Returns:
    (new_low, new_high) -- floats, new_low < new_high, inside [low, high]
    """
    to_t = {"linear": lambda x: x, "log": np.log10, "beta": lambda x: np.log10(1 - x)}[scale]
    from_t = {"linear": lambda t: t, "log": lambda t: 10**t, "beta": lambda t: 1 - 10**t}[scale]
    t_lo, t_hi = sorted((to_t(low), to_t(high)))  # the beta map reverses the order
    ### BEGIN SOLUTION
    half = zoom * (t_hi - t_lo) / 2
    start = min(max(to_t(best) - half, t_lo), t_hi - 2 * half)
    a, b = sorted((from_t(start), from_t(start + 2 * half)))
    ### END SOLUTION
    return float(max(a, low)), float(min(b, high))
'''

BN_DEMO = """
# Three units whose pre-activations have their own mean and spread.
true_mean = np.array([[2.0], [-1.0], [0.5]])
true_std = np.array([[3.0], [0.5], [1.0]])
gamma_demo, beta_demo = np.ones((3, 1)), np.zeros((3, 1))
running = {"mean": np.zeros((3, 1)), "var": np.ones((3, 1))}
NUM_BATCHES, BATCH_SIZE, MOMENTUM = 100, 32, 0.9
mean_history, var_history = [], []
for step in range(NUM_BATCHES):
    Z_batch = true_mean + true_std * rng.standard_normal((3, BATCH_SIZE))
    _, _, running = batchnorm_forward(Z_batch, gamma_demo, beta_demo, running, training=True,
                                      momentum=MOMENTUM)
    mean_history.append(running["mean"][:, 0])
    var_history.append(running["var"][:, 0])
mean_history, var_history = np.array(mean_history), np.array(var_history)
for unit in range(3):
    print(f"unit {unit}: running mean {running['mean'][unit, 0]:+.3f} "
          f"(true {true_mean[unit, 0]:+.3f}), running var {running['var'][unit, 0]:.3f} "
          f"(true {true_std[unit, 0] ** 2:.3f})")

fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
colors = ["C0", "C1", "C2"]
for unit in range(3):
    axes[0].plot(mean_history[:, unit], color=colors[unit], label=f"unit {unit}")
    axes[0].axhline(true_mean[unit, 0], color=colors[unit], ls="--", lw=1)
    axes[1].plot(var_history[:, unit], color=colors[unit], label=f"unit {unit}")
    axes[1].axhline(true_std[unit, 0] ** 2, color=colors[unit], ls="--", lw=1)
axes[0].set(title="running mean (dashed: true mean)", xlabel="training batch",
            ylabel="running mean")
axes[1].set(title="running variance (dashed: true variance)", xlabel="training batch",
            ylabel="running variance")
for ax in axes:
    ax.legend()
fig.suptitle(f"{NUM_BATCHES} batches of {BATCH_SIZE}, momentum {MOMENTUM}, seed 1")
plt.tight_layout()
"""

TRAIN_VS_TEST = """
Z_small = true_mean + true_std * rng.standard_normal((3, 4))  # one small batch of 4 examples
train_out, _, _ = batchnorm_forward(Z_small, gamma_demo, beta_demo, running, training=True)
test_out, _, _ = batchnorm_forward(Z_small, gamma_demo, beta_demo, running, training=False)
print("training mode:\\n", train_out.round(3))
print("test mode:\\n", test_out.round(3))
print(f"largest difference between the two modes: {np.abs(train_out - test_out).max():.3f}")
print(f"largest per-unit mean of the outputs: {np.abs(train_out.mean(axis=1)).max():.1e} "
      f"in training mode, {np.abs(test_out.mean(axis=1)).max():.3f} in test mode")

# Example 0 alone, and example 0 inside the batch:
alone_train, _, _ = batchnorm_forward(Z_small[:, :2], gamma_demo, beta_demo, running,
                                      training=True)
alone_test, _, _ = batchnorm_forward(Z_small[:, :2], gamma_demo, beta_demo, running,
                                     training=False)
print(f"example 0 in a batch of 2 instead of 4: changes by "
      f"{np.abs(alone_train[:, 0] - train_out[:, 0]).max():.3f} in training mode, by "
      f"{np.abs(alone_test[:, 0] - test_out[:, 0]).max():.3f} in test mode")
"""

SOFTMAX_DEMO = """
def naive_softmax(Z):
    \"\"\"Softmax without subtracting the maximum (for comparison only).\"\"\"
    exp_Z = np.exp(Z)
    return exp_Z / np.sum(exp_Z, axis=0, keepdims=True)


Z_large = np.array([[1000.0, 2.0], [1001.0, 1.0], [999.0, 0.0]])
with np.errstate(over="ignore", invalid="ignore"):
    naive = naive_softmax(Z_large)
stable = softmax(Z_large)
print("naive softmax of scores near 1000 (column 0) and small scores (column 1):\\n", naive)
print("stable softmax:\\n", stable.round(4))
print(f"column sums of the stable softmax: {stable.sum(axis=0)}")
print(f"on the small scores both agree: {np.allclose(naive[:, 1], stable[:, 1])}")
"""

ONE_HOT_DEMO = """
print(one_hot(np.array([[1, 0, 3, 3, 2]]), 4))
"""

BACKWARD_DEMO = """
# Softmax then cross-entropy: the chain rule through softmax_backward with dA = -Y / AL
# (the gradient of the summed loss) is AL - Y, the shortcut the model below uses.
Z_check = rng.standard_normal((4, 6))
Y_check = one_hot(rng.integers(0, 4, 6), 4)
A_check = softmax(Z_check)
dZ_chain = softmax_backward(-Y_check / A_check, Z_check)
gap = np.abs(dZ_chain - (A_check - Y_check)).max()
print(f"largest |softmax_backward(-Y / AL, Z) - (AL - Y)|: {gap:.2e}")
"""

DATA = """
train_x_orig, train_y, test_x_orig, test_y, classes = load_mnist10()
X_train, X_test = flatten_images(train_x_orig), flatten_images(test_x_orig)
Y_train, Y_test = one_hot(train_y, 10), one_hot(test_y, 10)
print(f"X_train {X_train.shape}, Y_train {Y_train.shape} (one-hot); "
      f"X_test {X_test.shape}, Y_test {Y_test.shape}")
print(f"training examples per digit: {Y_train.sum(axis=1).astype(int)}")
"""

MODEL = """
def init_he(layers_dims, rng):
    \"\"\"He initialisation, W1 then W2 drawn from rng.\"\"\"
    params = {}
    for l in range(1, len(layers_dims)):
        n_prev, n = layers_dims[l - 1], layers_dims[l]
        params[f"W{l}"] = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
        params[f"b{l}"] = np.zeros((n, 1))
    return params


def forward(X, params):
    \"\"\"LINEAR -> RELU -> LINEAR -> SOFTMAX; returns the probabilities and a cache.\"\"\"
    Z1 = params["W1"] @ X + params["b1"]
    A1 = np.maximum(Z1, 0)
    AL = softmax(params["W2"] @ A1 + params["b2"])
    return AL, (X, Z1, A1)


def backward(AL, Y, params, cache):
    \"\"\"Gradients of the mean cost; dZ2 = AL - Y (shown equal to the chain rule above).\"\"\"
    X, Z1, A1 = cache
    m = X.shape[1]
    dZ2 = AL - Y
    dZ1 = (params["W2"].T @ dZ2) * (Z1 > 0)
    return {"dW2": dZ2 @ A1.T / m, "db2": dZ2.sum(axis=1, keepdims=True) / m,
            "dW1": dZ1 @ X.T / m, "db1": dZ1.sum(axis=1, keepdims=True) / m}


def train(X, Y, n_h, *, learning_rate, num_epochs, rng, beta1=0.9, mini_batch_size=64):
    \"\"\"Mini-batch Adam; returns the parameters and the mean cost of every epoch.\"\"\"
    params = init_he([X.shape[0], n_h, Y.shape[0]], rng)
    v, s = initialize_adam(params)
    t, costs = 0, []
    for epoch in range(num_epochs):
        total = 0.0
        for X_b, Y_b in random_mini_batches(X, Y, mini_batch_size, rng=rng):
            AL, cache = forward(X_b, params)
            total += compute_softmax_cost(AL, Y_b) * X_b.shape[1]
            grads = backward(AL, Y_b, params, cache)
            t += 1
            params, v, s, _, _ = update_parameters_with_adam(params, grads, v, s, t,
                                                             learning_rate, beta1)
        costs.append(total / X.shape[1])
    return params, costs


def predict_digits(params, X):
    return forward(X, params)[0].argmax(axis=0)
"""

TRAIN = """
N_H, LEARNING_RATE, NUM_EPOCHS = 32, 0.003, 5
params, costs = train(X_train, Y_train, N_H, learning_rate=LEARNING_RATE,
                      num_epochs=NUM_EPOCHS, rng=np.random.default_rng(2))
train_accuracy = np.mean(predict_digits(params, X_train) == train_y[0])
test_predictions = predict_digits(params, X_test)
test_accuracy = np.mean(test_predictions == test_y[0])
print(f"cost {costs[0]:.3f} after epoch 1, {costs[-1]:.3f} after epoch {NUM_EPOCHS}")
print(f"accuracy: {train_accuracy:.1%} on the {X_train.shape[1]} training images, "
      f"{test_accuracy:.1%} on the {X_test.shape[1]} test images")

fig, ax = plt.subplots(figsize=(6, 3.5))
ax.plot(range(1, NUM_EPOCHS + 1), costs, marker="o", label="training cost")
ax.set(xlabel="epoch", ylabel="mean cost over the epoch",
       title=f"784-{N_H}-10 net, Adam lr {LEARNING_RATE}, batches of 64, seed 2")
ax.legend();
"""

CONFUSION = """
confusion = np.zeros((10, 10), dtype=int)
np.add.at(confusion, (test_y[0], test_predictions), 1)
fig, ax = plt.subplots(figsize=(6, 5))
image = ax.imshow(confusion, cmap="Blues")
fig.colorbar(image, ax=ax, label="number of test images")
ax.set(xticks=range(10), yticks=range(10), xlabel="predicted digit", ylabel="true digit",
       title=f"Confusion matrix on the test set (accuracy {test_accuracy:.1%})")
for true in range(10):
    for pred in range(10):
        if confusion[true, pred]:
            ax.text(pred, true, confusion[true, pred], ha="center", va="center", fontsize=7,
                    color="white" if confusion[true, pred] > confusion.max() / 2 else "black")
off_diagonal = confusion - np.diag(np.diag(confusion))
true_digit, predicted_digit = np.unravel_index(off_diagonal.argmax(), off_diagonal.shape)
print(f"most frequent confusion: true digit {true_digit} predicted as {predicted_digit} "
      f"({off_diagonal.max()} times); {off_diagonal.sum()} test images misclassified")
"""

MISLABELED = """
plot_mislabeled(test_x_orig, test_y, test_predictions, classes, max_images=10)
plt.suptitle("The first 10 misclassified test images (y: true digit, pred: predicted)");
"""

SAMPLING_DEMO = """
for b in (0.9, 0.9005, 0.999, 0.9995):
    print(f"beta = {b}: an average over about 1 / (1 - beta) = {1 / (1 - b):.0f} values")
N_SAMPLES = 2000
sampling_rng = np.random.default_rng(3)
log_alphas = np.array([sample_log_uniform(1e-4, 1.0, rng=sampling_rng) for _ in range(N_SAMPLES)])
uniform_alphas = sampling_rng.uniform(1e-4, 1.0, N_SAMPLES)
betas = np.array([sample_beta(0.9, 0.999, rng=sampling_rng) for _ in range(N_SAMPLES)])
uniform_betas = sampling_rng.uniform(0.9, 0.999, N_SAMPLES)

decades = [(10.0 ** k, 10.0 ** (k + 1)) for k in range(-4, 0)]
for name, values in [("log-uniform", log_alphas), ("uniform", uniform_alphas)]:
    shares = ", ".join(f"[{a:g}, {b:g}): {np.mean((values >= a) & (values < b)):.1%}"
                       for a, b in decades)
    print(f"alpha {name:<11} {shares}")
for name, values in [("sample_beta", betas), ("uniform", uniform_betas)]:
    print(f"beta {name:<12} share in [0.99, 0.999]: {np.mean(values >= 0.99):.1%}")

fig, axes = plt.subplots(1, 2, figsize=(11, 3.8))
bins = np.logspace(-4, 0, 25)
axes[0].hist(log_alphas, bins=bins, alpha=0.6, label="sample_log_uniform")
axes[0].hist(uniform_alphas, bins=bins, alpha=0.6, label="uniform in alpha")
axes[0].set(xscale="log", xlabel="learning rate alpha (log axis)", ylabel="count",
            title="alpha in [1e-4, 1]")
beta_bins = np.logspace(-3, -1, 21)
axes[1].hist(1 - betas, bins=beta_bins, alpha=0.6, label="sample_beta")
axes[1].hist(1 - uniform_betas, bins=beta_bins, alpha=0.6, label="uniform in beta")
axes[1].set(xscale="log", xlabel="1 - beta (log axis)", ylabel="count",
            title="beta in [0.9, 0.999]")
for ax in axes:
    ax.legend()
fig.suptitle(f"{N_SAMPLES} draws each, seed 3")
plt.tight_layout()
"""

SEARCH = """
def sample_point(space, rng):
    \"\"\"One value per name of space, in its order: one rng.random() each.\"\"\"
    point = {}
    for name, (low, high, scale) in space.items():
        if scale == "log":
            point[name] = sample_log_uniform(low, high, rng=rng)
        elif scale == "beta":
            point[name] = sample_beta(low, high, rng=rng)
        else:
            point[name] = low + (high - low) * rng.random()
    return point


def random_search(objective, space, n_trials, *, rng, n_rounds=2, zoom=0.25):
    \"\"\"Coarse-to-fine random search that MINIMISES objective(**point).

    space maps a name to (low, high, scale). Each round samples n_trials points; after every
    round but the last, each range is zoomed around the best point so far with zoom_range.
    Returns the best point, its value, and every (point, value, round) in the order tried.
    \"\"\"
    trials, best = [], None
    for round_index in range(n_rounds):
        for _ in range(n_trials):
            point = sample_point(space, rng)
            value = float(objective(**point))
            trials.append((point, value, round_index))
            if best is None or value < best[1]:
                best = (point, value)
        if round_index < n_rounds - 1:
            space = {name: (*zoom_range(low, high, scale, best[0][name], zoom), scale)
                     for name, (low, high, scale) in space.items()}
            print(f"after round {round_index + 1}: " + ", ".join(
                f"{name} in [{low:.3g}, {high:.3g}]" for name, (low, high, _) in space.items()))
    return best[0], best[1], trials
"""

SEARCH_RUN = """
# A cheap objective, stated honestly: a 784-16-10 net trained for ONE epoch (mini-batches of
# 32) on 1,000 training images, scored by its error on 500 other training images held out as a
# dev set (the test set is not touched). Only the learning rate is searched; Adam's beta1 stays
# 0.9. Each trial takes a few hundredths of a second.
search_rng = np.random.default_rng(4)
order = search_rng.permutation(X_train.shape[1])
fit_idx, dev_idx = order[:1000], order[1000:1500]


def dev_error(learning_rate):
    params, _ = train(X_train[:, fit_idx], Y_train[:, fit_idx], 16, learning_rate=learning_rate,
                      num_epochs=1, mini_batch_size=32, rng=np.random.default_rng(5))
    return np.mean(predict_digits(params, X_train[:, dev_idx]) != train_y[0, dev_idx])


SPACE = {"learning_rate": (1e-5, 1.0, "log")}
N_TRIALS, N_ROUNDS, ZOOM = 8, 2, 0.25
best_point, best_error, trials = random_search(dev_error, SPACE, N_TRIALS, rng=search_rng,
                                               n_rounds=N_ROUNDS, zoom=ZOOM)
print(f"best of {len(trials)} trials: learning_rate {best_point['learning_rate']:.3g}, "
      f"dev accuracy {1 - best_error:.1%}")

fig, ax = plt.subplots(figsize=(7, 4))
for round_index, (label, color) in enumerate([("coarse (round 1)", "C0"),
                                              ("fine (round 2)", "C1")]):
    points = [(p["learning_rate"], 1 - v) for p, v, r in trials if r == round_index]
    ax.scatter(*zip(*points), color=color, label=label)
ax.scatter([best_point["learning_rate"]], [1 - best_error], marker="*", s=300,
           facecolor="none", edgecolor="red", label="best")
ax.set(xscale="log", xlabel="learning rate (log axis)", ylabel="dev accuracy",
       title=f"Random search: {N_ROUNDS} rounds of {N_TRIALS} trials, zoom {ZOOM}, seed 4")
ax.legend();
"""

SUMMARY = """
print(f"running statistics after {NUM_BATCHES} batches: largest error of the mean "
      f"{np.abs(running['mean'] - true_mean).max():.3f}, of the variance "
      f"{np.abs(running['var'] - true_std ** 2).max():.3f}")
print(f"MNIST, 784-{N_H}-10 net, {NUM_EPOCHS} epochs of mini-batch Adam: "
      f"{train_accuracy:.1%} train, {test_accuracy:.1%} test accuracy")
print(f"log-uniform alpha in [1e-4, 1e-3): {np.mean(log_alphas < 1e-3):.1%} of draws; "
      f"uniform alpha: {np.mean(uniform_alphas < 1e-3):.1%}")
print(f"random search: best learning rate {best_point['learning_rate']:.3g}, "
      f"dev accuracy {1 - best_error:.1%} after {len(trials)} one-epoch trials")
"""


def cells() -> list[dict]:
    check = lambda function: self_check(function, assignment=ASSIGNMENT)  # noqa: E731
    return [
        markdown(INTRO, name="title"),
        markdown(
            """
## 1. Setup

The mini-batches (`random_mini_batches`) and the Adam update (`initialize_adam`,
`update_parameters_with_adam`) are the blocks of the optimization assignment, given here
finished; the data loader and a plotting helper are given too. You write everything else.
""",
            name="setup-text",
        ),
        setup(SETUP),
        markdown(
            r"""
## 2. Batch normalization: forward

For one layer with $n$ units and a mini-batch of $m$ examples, batch norm normalises each unit
(each **row** of $Z$) over the examples (the **columns**):
$$\mu = \frac{1}{m}\sum_{i} z^{(i)}, \qquad \sigma^2 = \frac{1}{m}\sum_i (z^{(i)} - \mu)^2, \qquad
z^{(i)}_{norm} = \frac{z^{(i)} - \mu}{\sqrt{\sigma^2 + \varepsilon}}, \qquad
\tilde z^{(i)} = \gamma\, z^{(i)}_{norm} + \beta.$$
$\sigma^2$ is the **biased** variance (divide by $m$), and $\varepsilon$ is **inside** the square
root. $\gamma$ and $\beta$ (shape $(n, 1)$) are learned; this $\beta$ is not Adam's.

At test time there may be one example at a time, so the statistics come from **running
averages** kept during training, with the same biased variance:
$$\text{mean} := \text{momentum}\cdot\text{mean} + (1 - \text{momentum})\,\mu, \qquad
\text{var} := \text{momentum}\cdot\text{var} + (1 - \text{momentum})\,\sigma^2.$$

**Exercise:** in the solution region, set `mu`, `var`, `new_running`, `inv_std`
$= 1/\sqrt{\sigma^2 + \varepsilon}$, `Z_norm` and `Z_tilde`:
- `training=True`: `mu` and `var` from this batch (means over `axis=1`, `keepdims=True`), and
  `new_running` a new dict with the two updated averages;
- `training=False`: `mu, var = running["mean"], running["var"]`, and `new_running` a new dict
  holding copies of them, unchanged.

The lines after the region (already written) build the cache
`{"training", "Z_norm", "gamma", "inv_std"}` and return `(Z_tilde, cache, new_running)`. Never
write into `running`: return a new dict.
""",
            name="bn-forward-text",
        ),
        answer("batchnorm_forward", BATCHNORM_FORWARD),
        check("batchnorm_forward"),
        markdown(
            """
**Running statistics converge to the data's.** Below, 100 batches of 32 examples of three units
with known means and variances go through `batchnorm_forward` in training mode, starting from
the initial running statistics (mean 0, variance 1):
""",
            name="bn-demo-text",
        ),
        code(BN_DEMO, name="bn-demo"),
        markdown(
            """
**Training mode and test mode differ.** On one small batch of 4 examples, training mode uses the
batch's own mean and variance (so each unit's outputs average 0, up to rounding), test mode the
running ones. In training mode an example's output also depends on the other examples of its
batch; at test time it does not:
""",
            name="bn-modes-text",
        ),
        code(TRAIN_VS_TEST, name="bn-modes"),
        markdown(
            r"""
## 3. Batch normalization: backward

With $g = \gamma \odot d\tilde Z$ (the gradient with respect to $Z_{norm}$), per unit and summing
over the $m$ examples:
$$d\beta = \sum_i d\tilde z^{(i)}, \qquad d\gamma = \sum_i d\tilde z^{(i)} z^{(i)}_{norm},
\qquad dz^{(i)} = \frac{1}{m\sqrt{\sigma^2+\varepsilon}}\Big(m\, g^{(i)} - \sum_j g^{(j)} -
z^{(i)}_{norm} \sum_j g^{(j)} z^{(j)}_{norm}\Big).$$
The two sums come from $\mu$ and $\sigma^2$, which depend on every example of the batch: leaving
them out treats the statistics as constants and gives a wrong $dZ$.

**Exercise:** the stub reads `Z_norm`, `gamma`, `inv_std` from the cache and sets `m`; compute
`dbeta`, `dgamma` (sums over `axis=1`, `keepdims=True`) and `dZ`. The grader also compares your
gradients with centred finite differences of the forward pass.
""",
            name="bn-backward-text",
        ),
        answer("batchnorm_backward", BATCHNORM_BACKWARD),
        check("batchnorm_backward"),
        markdown(
            r"""
## 4. Softmax

For $C$ classes the output layer turns the scores $z^{(i)}$ of each example (a **column**) into
probabilities:
$$a^{(i)}_k = \frac{e^{z^{(i)}_k - \max_j z^{(i)}_j}}{\sum_{c} e^{z^{(i)}_c - \max_j
z^{(i)}_j}}.$$
Subtracting the column's maximum cancels in the ratio, and keeps `np.exp` from overflowing: the
largest exponent is 0.

**Exercise:** subtract each column's maximum (`axis=0`, `keepdims=True`), exponentiate, divide by
the column sums.
""",
            name="softmax-text",
        ),
        answer("softmax", SOFTMAX),
        check("softmax"),
        markdown(
            """
Without the shift, scores near 1000 overflow: `np.exp(1000)` is `inf`, and `inf / inf` is NaN.
On small scores both versions agree:
""",
            name="softmax-demo-text",
        ),
        code(SOFTMAX_DEMO, name="softmax-demo"),
        markdown(
            """
## 5. One-hot labels

**Exercise:** the stub turns `Y` of shape `(1, m)` or `(m,)` into integer labels `labels` of
shape `(m,)`; return a float array of shape `(C, m)` with 1.0 in row `labels[i]` of column `i`.
""",
            name="one-hot-text",
        ),
        answer("one_hot", ONE_HOT),
        check("one_hot"),
        code(ONE_HOT_DEMO, name="one-hot-demo"),
        markdown(
            r"""
## 6. The softmax cost

$$J = -\frac{1}{m}\sum_{i=1}^{m}\sum_{k=1}^{C} y^{(i)}_k \log a^{(i)}_k$$
One term only (the one-hot $y$ picks the true class), summed over the classes and averaged over
the $m$ examples. The stub raises probabilities to at least `np.finfo(np.float64).eps` first,
so a probability of exactly 0 gives a large finite cost instead of `inf`; the grader's
probabilities are never 0, so this clip never changes a graded value.

**Exercise:** compute `cost`; the stub returns it as a Python float.
""",
            name="cost-text",
        ),
        answer("compute_softmax_cost", COST),
        check("compute_softmax_cost"),
        markdown(
            r"""
## 7. Softmax backward

The Jacobian of one column of the softmax is $\mathrm{diag}(s) - s s^T$ with $s = $ softmax$(z)$:
every output depends on every score of its column. Multiplied by the upstream gradient
$dA$ (a vector-Jacobian product), column by column:
$$dZ = S \odot \big(dA - \textstyle\sum_k S_k\, dA_k\big),$$
the sum running over the classes (`axis=0`, `keepdims=True`). There is no $1/m$ here: like every
`*_backward(dA, Z)` of the course, it handles each example on its own, and the $1/m$ of the cost
is applied once, in $dW$.

**Exercise:** compute `S = softmax(Z)` and `dZ`.
""",
            name="softmax-backward-text",
        ),
        answer("softmax_backward", SOFTMAX_BACKWARD),
        check("softmax_backward"),
        markdown(
            """
Followed by the cross-entropy, whose gradient with respect to $A$ is $-Y / A$ per example, the
chain rule gives the famous shortcut $dZ = A - Y$. Checked on random scores:
""",
            name="backward-demo-text",
        ),
        code(BACKWARD_DEMO, name="backward-demo"),
        markdown(
            """
## 8. Ten digits: a softmax net with mini-batches and Adam

The data: 5,000 MNIST digits (500 of each), split 4,000 for training and 1,000 for testing,
flattened to 784 grey levels in [0, 1], and the labels one-hot encoded with your `one_hot`:
""",
            name="data-text",
        ),
        code(DATA, name="data"),
        markdown(
            """
The network is LINEAR → RELU → LINEAR → SOFTMAX (784 → 32 → 10), He-initialised, trained with
mini-batches of 64 and Adam. Its forward pass uses your `softmax`, its cost your
`compute_softmax_cost`, and its backward pass starts from $dZ^{[2]} = A^{[2]} - Y$ (shown equal
to the chain rule through your `softmax_backward` above). This code is given:
""",
            name="model-text",
        ),
        code(MODEL, name="model"),
        code(TRAIN, name="train"),
        markdown(
            """
Which digits does it mix up? Row: the true digit; column: the predicted one. The diagonal holds
the right answers:
""",
            name="confusion-text",
        ),
        code(CONFUSION, name="confusion"),
        code(MISLABELED, name="mislabeled"),
        markdown(
            r"""
## 9. Sampling hyperparameters on the right scale

A learning rate between $10^{-4}$ and $1$ drawn uniformly lands in $[0.1, 1]$ 90% of the time.
Drawn uniformly **in its exponent**, each decade gets a quarter of the draws:
$$r = \log_{10}(\text{low}) + \big(\log_{10}(\text{high}) - \log_{10}(\text{low})\big)\,u,
\qquad \alpha = 10^{r}, \qquad u = \texttt{rng.random()}.$$
The draw maps from the **low** end ($u = 0$ gives low), and the logarithm is base 10 on both
sides.

**Exercise:** `sample_log_uniform` makes exactly that one draw and returns $10^r$.
""",
            name="log-uniform-text",
        ),
        answer("sample_log_uniform", LOG_UNIFORM),
        check("sample_log_uniform"),
        markdown(
            r"""
A momentum $\beta$ averages over about $1/(1-\beta)$ values: $0.9 \to 0.9005$ changes little,
$0.999 \to 0.9995$ doubles the window. So sample $1 - \beta$ on the log scale: for
$\beta \in [\text{low}, \text{high}]$, $1 - \beta$ lies in $[1 - \text{high}, 1 - \text{low}]$.

**Exercise:** `sample_beta` draws `one_minus_beta = sample_log_uniform(1 - high, 1 - low,
rng=rng)` (one `rng.random()`) and returns `beta = 1 - one_minus_beta`.
""",
            name="beta-text",
        ),
        answer("sample_beta", BETA),
        check("sample_beta"),
        markdown(
            """
2,000 draws of each, against uniform draws of the value itself, as histograms on log axes:
""",
            name="sampling-demo-text",
        ),
        code(SAMPLING_DEMO, name="sampling-demo"),
        markdown(
            r"""
## 10. Coarse to fine

A random search first samples the whole range (coarse), then zooms in around the best point
and samples again (fine). Zooming happens on the **sampling scale**: $t = x$ for `"linear"`,
$t = \log_{10} x$ for `"log"`, $t = \log_{10}(1 - x)$ for `"beta"`. With the current interval
$[t_{lo}, t_{hi}]$ of width $w$ and the best point $t^*$, the new interval is
$[t^* - \text{zoom}\,w/2,\ t^* + \text{zoom}\,w/2]$, **shifted** back inside $[t_{lo}, t_{hi}]$
if it sticks out (it keeps its width $\text{zoom}\,w$), then mapped back to values.

**Exercise:** the stub gives the maps `to_t`, `from_t` and the sorted `t_lo, t_hi`; compute
`half` $= \text{zoom}\, w / 2$, the window's `start` (clamped so the window fits), and the two
ends `a < b` mapped back. The stub returns them clamped into `[low, high]` (against rounding).
""",
            name="zoom-text",
        ),
        answer("zoom_range", ZOOM),
        check("zoom_range"),
        markdown(
            """
The search itself is given: it calls an objective with Python functions as arguments, which is
why it is not graded (the grader exchanges only data with your code). It uses your
`sample_log_uniform`, `sample_beta` and `zoom_range`:
""",
            name="search-text",
        ),
        code(SEARCH, name="search"),
        code(SEARCH_RUN, name="search-run"),
        markdown(
            """
## 11. Summary

Printed from the runs above:
""",
            name="summary-text",
        ),
        code(SUMMARY, name="summary"),
        markdown(
            """
<div class="alert alert-block alert-info">

**What to remember**

- Batch norm normalises each unit over the examples of the mini-batch (`axis=1`), with the
  biased variance and $\\varepsilon$ inside the root, then scales by $\\gamma$ and shifts by
  $\\beta$. At test time it uses running averages instead, so an example's output no longer
  depends on its batch.
- Its backward pass goes through the batch mean and variance too: they depend on every example.
- Softmax works column by column; subtracting each column's maximum keeps `exp` from
  overflowing. With the cross-entropy, $dZ = A - Y$.
- Sample scale-like hyperparameters uniformly in $\\log_{10}$, and momentum-like ones through
  $1 - \\beta$; then zoom in on the same scale.
</div>
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
