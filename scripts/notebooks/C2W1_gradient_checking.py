"""Write solutions/C2W1_gradient_checking/C2W1_gradient_checking.ipynb, the notebook's one source.

    .venv/bin/python scripts/notebooks/C2W1_gradient_checking.py
    .venv/bin/dlcourse release C2W1_gradient_checking

Edit this file, never the notebook: the points of the test cells come from the suite
(``autograder/suites/C2W1_gradient_checking``), the rest is written here.
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

ASSIGNMENT = "C2W1_gradient_checking"
TITLE = "Gradient checking: find the bug in a backward pass"

INTRO = r"""
# Gradient checking: find the bug in a backward pass

Backpropagation is easy to get almost right. A wrong factor or sign in one gradient does not
crash anything: the cost still goes down, only slower or to a worse place. **Gradient checking**
catches such mistakes by comparing the gradient from backpropagation with a numerical estimate
computed from the cost alone.

You will:

1. write a one-parameter model $J(\theta) = \theta x$, its derivative, and a check of one
   against the other (the **1-D check**);
2. see why the **two-sided** difference is the one to use, and how small $\varepsilon$ can go
   before rounding takes over;
3. write the check of a 3-layer network with every parameter in one vector $\theta$ (the
   **N-D check**), and use it to find the two mistakes planted in a backward pass: the check
   says *that* something is wrong, and mapping its numbers back to the parameters says
   *where*.

**The two-sided difference.** For a small $\varepsilon$,
$$\frac{\partial J}{\partial \theta} \approx gradapprox =
\frac{J(\theta + \varepsilon) - J(\theta - \varepsilon)}{2 \varepsilon},$$
whose error shrinks like $\varepsilon^2$ (a one-sided $\frac{J(\theta + \varepsilon) -
J(\theta)}{\varepsilon}$ only shrinks like $\varepsilon$).

**The relative difference** between the backpropagation gradient $grad$ and $gradapprox$:
$$difference = \frac{\lVert grad - gradapprox \rVert_2}{\lVert grad \rVert_2 +
\lVert gradapprox \rVert_2}.$$
Dividing by the sizes of both makes the number independent of the scale of the gradients. With
$\varepsilon = 10^{-7}$ in float64, a correct backward pass gives a difference of rounding
size; this notebook calls the backward pass wrong when the difference is **above
$2 \times 10^{-7}$**.

### How your work is graded

- Each graded function is worth the points shown in its test cell, the locked cell right below it
  (the grading report lists them too).
- That cell is a **self-check**: it runs the public cases shown there, in your own kernel. It is a
  convenience for you and proves nothing by itself.
- The grader calls your function in an isolated process, on the public cases and on **hidden
  cases** of other sizes and values, drawn at grading time. Your points come from the hidden
  cases: you earn a share of the function's points for each hidden case it gets right, but only
  when it also passes every public case. A function that is right only on the public inputs
  earns nothing.
- `gradient_check` and `gradient_check_n` are graded on the **difference they return**. Where
  the difference is rounding noise (correct gradients, $\varepsilon = 10^{-7}$) only the verdict
  counts: it must be within $2 \times 10^{-7}$ of the grader's. Everywhere else (gradients with
  a planted mistake, a larger $\varepsilon$, a $\theta$ so large that $\theta + \varepsilon$ is
  rounded) the value must match the grader's to 0.1 %. Two correct checks compute the same
  numbers here, since they shift the same entries of $\theta$ by the same $\varepsilon$ and run
  the same given `forward_propagation_n`.
- Checks of properties (that `gradient_check_n` leaves its arguments alone) can take points away
  from a right answer; they never give points to a wrong one.
"""

SETUP = """
import matplotlib.pyplot as plt
import numpy as np

from selfcheck import SelfCheck
from dlutils.gradcheck_net import (
    backward_propagation_n,
    dictionary_to_vector,
    forward_propagation_n,
    gradients_to_vector,
    vector_to_dictionary,
)

rng = np.random.default_rng(1)
check = SelfCheck("C2W1_gradient_checking")
"""

FORWARD = r'''
def forward_propagation(x, theta):
    """The cost of the one-parameter model J(theta) = theta * x.

    Arguments:
    x -- a real number, the input
    theta -- a real number, the parameter

    Returns:
    J -- the value of J(theta) = theta * x (any real number: a float, or an int for ints)
    """
    ### BEGIN SOLUTION
    J = theta * x
    ### END SOLUTION
    return J
'''

BACKWARD = r'''
def backward_propagation(x, theta):
    """The derivative of J(theta) = theta * x with respect to theta.

    Arguments:
    x -- a real number, the input
    theta -- a real number, the parameter

    Returns:
    dtheta -- the gradient of the cost with respect to theta
    """
    ### BEGIN SOLUTION
    dtheta = x
    ### END SOLUTION
    return dtheta
'''

GRADIENT_CHECK = r'''
def gradient_check(x, theta, epsilon=1e-7, print_msg=False):
    """Check backward_propagation against a two-sided difference of forward_propagation.

    Arguments:
    x -- a real number, the input
    theta -- a real number, the parameter
    epsilon -- the shift of theta in the two-sided difference
    print_msg -- if True, print whether the difference is above 2e-7, and the difference

    Returns:
    difference -- ||grad - gradapprox|| / (||grad|| + ||gradapprox||), a number
    """
    ### BEGIN SOLUTION
    theta_plus = theta + epsilon
    theta_minus = theta - epsilon
    J_plus = forward_propagation(x, theta_plus)
    J_minus = forward_propagation(x, theta_minus)
    gradapprox = (J_plus - J_minus) / (2 * epsilon)

    grad = backward_propagation(x, theta)
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    ### END SOLUTION

    if print_msg:
        if difference > 2e-7:
            print(f"There is a mistake in the backward propagation! difference = {difference}")
        else:
            print(f"Your backward propagation works perfectly fine! difference = {difference}")
    return difference
'''

ONE_D_DEMO = """
difference = gradient_check(2, 4, print_msg=True)
print(f"x = 2, theta = 4: grad = {backward_propagation(2, 4)}, difference = {difference:.2e}")
"""

EPSILON_DATA = """
# A small 3-layer net (sizes and seed fixed here), used from now on.
LAYERS_DIMS, M = [4, 5, 3, 1], 6
parameters = {}
for l in range(1, 4):
    n, n_prev = LAYERS_DIMS[l], LAYERS_DIMS[l - 1]
    parameters["W" + str(l)] = rng.standard_normal((n, n_prev)) * np.sqrt(2 / n_prev)
    parameters["b" + str(l)] = 0.3 * rng.standard_normal((n, 1))  # no unit on ReLU's kink
X = rng.standard_normal((LAYERS_DIMS[0], M))
Y = (rng.random((1, M)) < 0.5).astype(float)
cost, cache = forward_propagation_n(X, Y, parameters)
true_gradients = backward_propagation_n(X, Y, cache)
print(f"net {LAYERS_DIMS}, m = {M} examples: cost J = {cost:.6f}")
print("parameters:", {key: value.shape for key, value in parameters.items()})
"""

EPSILON_PLOT = """
# dJ/dW1[0, 0] of that net, estimated both ways for 49 values of epsilon.
W = parameters["W1"]
exact = true_gradients["dW1"][0, 0]


def J_at(value):
    \"\"\"The cost with W1[0, 0] set to value, every other parameter unchanged.\"\"\"
    shifted = dict(parameters, W1=W.copy())
    shifted["W1"][0, 0] = value
    return forward_propagation_n(X, Y, shifted)[0]


epsilons = np.logspace(-13, -1, 49)
J_0 = J_at(W[0, 0])
two_sided = np.array([abs((J_at(W[0, 0] + e) - J_at(W[0, 0] - e)) / (2 * e) - exact)
                      for e in epsilons])
one_sided = np.array([abs((J_at(W[0, 0] + e) - J_0) / e - exact) for e in epsilons])

fig, ax = plt.subplots(figsize=(7, 4.5))
ax.loglog(epsilons, one_sided, "o-", ms=3, label="one-sided (J(θ+ε) − J(θ)) / ε")
ax.loglog(epsilons, two_sided, "s-", ms=3, label="two-sided (J(θ+ε) − J(θ−ε)) / 2ε")
ax.loglog(epsilons, 1e-16 * abs(J_0) / epsilons, "k:", label="round-off ≈ 1e-16 · |J| / ε")
ax.loglog(epsilons, abs(one_sided[-1]) * epsilons / epsilons[-1], "C0--", lw=0.8,
          label="slope 1 (error ∝ ε)")
ax.loglog(epsilons, abs(two_sided[-1]) * (epsilons / epsilons[-1]) ** 2, "C1--", lw=0.8,
          label="slope 2 (error ∝ ε²)")
ax.axvline(1e-7, color="grey", lw=0.8)
ax.text(1.2e-7, 1e-15, "ε = 1e-7", color="grey")
ax.set_ylim(1e-16, 1)
ax.set_xlabel("ε (shift of W1[0, 0])")
ax.set_ylabel("|estimate − backpropagation|")
ax.set_title(f"Error of the estimate of dJ/dW1[0,0] (net {LAYERS_DIMS}, seed 1)")
ax.legend(fontsize=8, loc="lower left");

best_two, best_one = np.argmin(two_sided), np.argmin(one_sided)
print(f"dJ/dW1[0,0] by backpropagation: {exact:.12f}")
print(f"two-sided: smallest error {two_sided[best_two]:.1e} at epsilon = {epsilons[best_two]:.0e}"
      f"; at epsilon = 1e-2 the error is {two_sided[np.argmin(abs(epsilons - 1e-2))]:.1e}")
print(f"one-sided: smallest error {one_sided[best_one]:.1e} at epsilon = {epsilons[best_one]:.0e}"
      f"; at epsilon = 1e-2 the error is {one_sided[np.argmin(abs(epsilons - 1e-2))]:.1e}")
"""

BUGGY = '''
def backward_propagation_n_buggy(X, Y, cache):
    """The backward pass of forward_propagation_n, with two mistakes planted in it."""
    m = X.shape[1]
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache

    dZ3 = A3 - Y
    dW3 = 1.0 / m * np.dot(dZ3, A2.T)
    db3 = 1.0 / m * np.sum(dZ3, axis=1, keepdims=True)

    dA2 = np.dot(W3.T, dZ3)
    dZ2 = np.multiply(dA2, np.int64(A2 > 0))
    dW2 = 1.0 / m * np.dot(dZ2, A1.T) * 2
    db2 = 1.0 / m * np.sum(dZ2, axis=1, keepdims=True)

    dA1 = np.dot(W2.T, dZ2)
    dZ1 = np.multiply(dA1, np.int64(A1 > 0))
    dW1 = 1.0 / m * np.dot(dZ1, X.T)
    db1 = -1.0 / m * np.sum(dZ1, axis=1, keepdims=True)

    return {"dZ3": dZ3, "dW3": dW3, "db3": db3,
            "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
            "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1}


buggy_gradients = backward_propagation_n_buggy(X, Y, cache)
'''

GRADIENT_CHECK_N = r'''
def gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False):
    """Check the gradients of the 3-layer net against two-sided differences of its cost.

    Arguments:
    parameters -- dict with "W1", "b1", "W2", "b2", "W3", "b3" (not changed)
    gradients -- the backward pass to check: a dict with "dW1", "db1", ..., "dW3", "db3"
                 (other keys are ignored); never recomputed here
    X -- inputs, shape (n_x, m)
    Y -- labels, shape (1, m)
    epsilon -- the shift of each parameter in the two-sided difference
    print_msg -- if True, print whether the difference is above 2e-7, and the difference

    Returns:
    difference -- ||grad - gradapprox|| / (||grad|| + ||gradapprox||), a number
    """
    theta, layout = dictionary_to_vector(parameters)  # (n_params, 1), and how to undo it
    grad = gradients_to_vector(gradients)  # the same order as theta
    num_parameters = theta.shape[0]
    J_plus = np.zeros((num_parameters, 1))
    J_minus = np.zeros((num_parameters, 1))
    gradapprox = np.zeros((num_parameters, 1))

    for i in range(num_parameters):
        ### BEGIN SOLUTION
        theta_plus = np.copy(theta)
        theta_plus[i] = theta_plus[i] + epsilon
        J_plus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, layout))
        theta_minus = np.copy(theta)
        theta_minus[i] = theta_minus[i] - epsilon
        J_minus[i], _ = forward_propagation_n(X, Y, vector_to_dictionary(theta_minus, layout))
        gradapprox[i] = (J_plus[i] - J_minus[i]) / (2 * epsilon)
        ### END SOLUTION

    ### BEGIN SOLUTION
    numerator = np.linalg.norm(grad - gradapprox)
    denominator = np.linalg.norm(grad) + np.linalg.norm(gradapprox)
    difference = numerator / denominator
    ### END SOLUTION

    gradient_check_n.gradapprox = gradapprox  # kept for the notebook's map of the differences
    if print_msg:
        if difference > 2e-7:
            print(f"There is a mistake in the backward propagation! difference = {difference}")
        else:
            print(f"Your backward propagation works perfectly fine! difference = {difference}")
    return difference
'''

CHECK_BUGGY = """
import time

start = time.perf_counter()
difference_buggy = gradient_check_n(parameters, buggy_gradients, X, Y, print_msg=True)
seconds = time.perf_counter() - start
n_params = dictionary_to_vector(parameters)[0].shape[0]
print(f"{n_params} parameters: {2 * n_params} forward passes in {seconds * 1000:.0f} ms")
"""

WHERE = """
theta, layout = dictionary_to_vector(parameters)


def per_parameter(gradients):
    \"\"\"Run gradient_check_n, then split grad and gradapprox back into W1, b1, ... and give the
    relative difference of each parameter.\"\"\"
    total = gradient_check_n(parameters, gradients, X, Y)
    approx = vector_to_dictionary(gradient_check_n.gradapprox, layout)
    exact = vector_to_dictionary(gradients_to_vector(gradients), layout)
    return total, {key: np.linalg.norm(exact[key] - approx[key])
                   / (np.linalg.norm(exact[key]) + np.linalg.norm(approx[key]))
                   for key in approx}


total_buggy, where_buggy = per_parameter(buggy_gradients)
print(f"{'parameter':<10}{'entries':>8}{'difference':>13}  verdict")
for key, value in where_buggy.items():
    verdict = "WRONG" if value > 2e-7 else "ok"
    print(f"{key:<10}{parameters[key].size:>8}{value:>13.2e}  {verdict}")
wrong_keys = [key for key, value in where_buggy.items() if value > 2e-7]
print(f"the whole vector: {total_buggy:.2e}; the mistakes are in {', '.join(wrong_keys)}")
"""

FIXED = """
total_fixed, where_fixed = per_parameter(true_gradients)
difference_fixed = gradient_check_n(parameters, true_gradients, X, Y, print_msg=True)

keys = list(where_buggy)
positions = np.arange(len(keys))
fig, ax = plt.subplots(figsize=(7.5, 4.5))
ax.bar(positions - 0.2, [where_buggy[k] for k in keys], 0.4, color="C3",
       label="backward_propagation_n_buggy (planted mistakes)")
ax.bar(positions + 0.2, [where_fixed[k] for k in keys], 0.4, color="C2",
       label="backward_propagation_n (fixed)")
ax.axhline(2e-7, color="k", ls="--", lw=1, label="threshold 2e-7")
ax.set_yscale("log")
ax.set_xticks(positions, keys)
ax.set_xlabel("parameter")
ax.set_ylabel("relative difference (log scale)")
ax.set_title(f"Where the gradient is wrong: net {LAYERS_DIMS}, m = {M}, ε = 1e-7, seed 1")
ax.legend(fontsize=8, loc="center right");
print(f"fixed backward pass: every parameter at most {max(where_fixed.values()):.1e}")
"""

SUMMARY = """
wrong = ", ".join(wrong_keys)
rows = [
    ("1-D check, x = 2, theta = 4", f"difference {gradient_check(2, 4):.1e}"),
    (f"two-sided, best epsilon {epsilons[best_two]:.0e}", f"error {two_sided[best_two]:.1e}"),
    (f"one-sided, best epsilon {epsilons[best_one]:.0e}", f"error {one_sided[best_one]:.1e}"),
    ("N-D check, planted mistakes", f"difference {difference_buggy:.1e} (in {wrong})"),
    ("N-D check, fixed backward pass", f"difference {difference_fixed:.1e}"),
]
for what, result in rows:
    print(f"{what:<34}{result}")
"""

REMEMBER = """
<div style="border: 1px solid #888; padding: 0.6em 1em; border-radius: 4px;">

**What to remember**

- Gradient checking compares backpropagation with $\\frac{J(\\theta + \\varepsilon) -
  J(\\theta - \\varepsilon)}{2\\varepsilon}$, the **two-sided** difference: its error falls like
  $\\varepsilon^2$, the one-sided one's only like $\\varepsilon$.
- Too small an $\\varepsilon$ hurts too: rounding in $J$ adds an error that grows like
  $1/\\varepsilon$ (the dotted line). At $10^{-7}$ in float64 it is still far below the
  threshold.
- Judge the **relative** difference $\\frac{\\lVert grad - gradapprox \\rVert}{\\lVert grad
  \\rVert + \\lVert gradapprox \\rVert}$, not the raw one; above $2 \\times 10^{-7}$, look for a
  bug.
- Map the per-entry differences back to the parameters to see **where** the bug is.
- The check costs two forward passes per parameter (counted above for this small net; millions
  for a real network): run it on a small net to debug, not at every step of training.
</div>
"""


def cells() -> list[dict]:
    return [
        markdown(INTRO, name="title"),
        markdown(
            """
## 1. Setup

Given (in `dlutils.gradcheck_net`): the 3-layer network `forward_propagation_n(X, Y, parameters)`
→ `(cost, cache)` and its correct backward pass `backward_propagation_n(X, Y, cache)` →
`gradients`, and the vector helpers: `dictionary_to_vector(parameters)` → `(theta, layout)`
(every entry of `W1, b1, W2, b2, W3, b3`, in that order, in one column of shape
`(n_params, 1)`), `vector_to_dictionary(theta, layout)` → a new parameter dict, and
`gradients_to_vector(gradients)` → `dW1, db1, ..., db3` in the same order as `theta`.
""",
            name="setup-text",
        ),
        setup(SETUP),
        markdown(
            """
## 2. The 1-D check

The model has one parameter: $J(\\theta) = \\theta x$, so $\\frac{\\partial J}{\\partial
\\theta} = x$.

**Exercise:** `forward_propagation(x, theta)` returns $J = \\theta x$.
""",
            name="forward-text",
        ),
        answer("forward_propagation", FORWARD),
        self_check("forward_propagation", assignment=ASSIGNMENT),
        markdown(
            """
**Exercise:** `backward_propagation(x, theta)` returns $\\frac{\\partial J}{\\partial \\theta}$.
""",
            name="backward-text",
        ),
        answer("backward_propagation", BACKWARD),
        self_check("backward_propagation", assignment=ASSIGNMENT),
        markdown(
            """
**Exercise:** `gradient_check(x, theta, epsilon=1e-7, print_msg=False)`:

1. $\\theta^{+} = \\theta + \\varepsilon$, $\\theta^{-} = \\theta - \\varepsilon$,
   $J^{+} = J(\\theta^{+})$, $J^{-} = J(\\theta^{-})$ (call `forward_propagation`), and
   $gradapprox = \\frac{J^{+} - J^{-}}{2 \\varepsilon}$;
2. $grad$ = `backward_propagation(x, theta)`;
3. `difference` $= \\frac{\\lVert grad - gradapprox \\rVert_2}{\\lVert grad \\rVert_2 +
   \\lVert gradapprox \\rVert_2}$ with `np.linalg.norm` (for numbers, the absolute value).

The stub already prints the verdict when `print_msg` is true and returns `difference`, the
number (not the verdict).
""",
            name="gradient-check-text",
        ),
        answer("gradient_check", GRADIENT_CHECK),
        self_check("gradient_check", assignment=ASSIGNMENT),
        code(ONE_D_DEMO, name="one-d-demo"),
        markdown(
            """
$J$ is linear in $\\theta$, so both the two-sided and the one-sided difference are exact here
apart from rounding, and the difference is tiny.

## 3. Two-sided or one-sided, and how small an $\\varepsilon$

On a curved cost the choice matters. The cell below builds the small network of the next
section (sizes and seed in the cell) and estimates one derivative, $\\partial J / \\partial
W^{[1]}_{00}$, both ways for 49 values of $\\varepsilon$ from $10^{-13}$ to $10^{-1}$,
against the value from the (correct) given backward pass.
""",
            name="epsilon-text",
        ),
        code(EPSILON_DATA, name="net-data"),
        code(EPSILON_PLOT, name="epsilon-plot"),
        markdown(
            """
Read the plot from the right: for large $\\varepsilon$ the one-sided error falls along slope
1 and the two-sided one along slope 2, far below it. Going left, both meet the round-off line:
$J$ is known to about $10^{-16} |J|$, and dividing that by $\\varepsilon$ makes the estimate
noisier the smaller $\\varepsilon$ gets. The printed minima show where each estimate is best;
at $\\varepsilon = 10^{-7}$ the two-sided estimate is accurate to rounding size, which is why
a correct backward pass gives differences far below $2 \\times 10^{-7}$.

## 4. The N-D check, and a planted bug

For a network, flatten every parameter into one vector $\\theta$ and do the 1-D check on each
entry $i$ in turn, the other entries held fixed:
$$gradapprox_i = \\frac{J(\\theta + \\varepsilon e_i) - J(\\theta - \\varepsilon e_i)}
{2 \\varepsilon},$$
where $e_i$ is the $i$-th unit vector. The cost of a shifted vector is
`forward_propagation_n(X, Y, vector_to_dictionary(theta_plus, layout))[0]`.

Here is a backward pass of `forward_propagation_n` with **two mistakes planted** in it. It runs,
and its gradients have the right shapes:
""",
            name="n-d-text",
        ),
        code(BUGGY, name="buggy"),
        markdown(
            """
**Exercise:** `gradient_check_n(parameters, gradients, X, Y, epsilon=1e-7, print_msg=False)`.
The stub already flattens the parameters (`theta`, `layout`) and the gradients you are given
(`grad`: check these, do not recompute them), and makes `J_plus`, `J_minus` and `gradapprox`,
three zero columns of shape `(num_parameters, 1)`. For each `i`:

1. `theta_plus` = a **copy** of `theta` (`np.copy`) with `epsilon` added to entry `i` only;
   `J_plus[i]` = the cost at `vector_to_dictionary(theta_plus, layout)`;
2. the same with `theta_minus` and `- epsilon` for `J_minus[i]`;
3. `gradapprox[i]` $= \\frac{J^{+}_i - J^{-}_i}{2 \\varepsilon}$.

Then the relative difference of `grad` and `gradapprox`, as in the 1-D check. The stub keeps
`gradapprox` on the function (`gradient_check_n.gradapprox`) for the map of section 5, prints
the verdict when `print_msg` is true, and returns `difference`.
""",
            name="gradient-check-n-text",
        ),
        answer("gradient_check_n", GRADIENT_CHECK_N),
        self_check("gradient_check_n", assignment=ASSIGNMENT),
        markdown(
            """
Check the gradients of the planted backward pass:
""",
            name="check-buggy-text",
        ),
        code(CHECK_BUGGY, name="check-buggy"),
        markdown(
            """
## 5. Where is the mistake?

One number says *that* the backward pass is wrong. To see *where*, split `grad` and
`gradapprox` back into `W1, b1, ..., b3` with `vector_to_dictionary` and compute the relative
difference of each parameter separately:
""",
            name="where-text",
        ),
        code(WHERE, name="where"),
        markdown(
            """
Now read `backward_propagation_n_buggy` again, looking only at the lines of the parameters
flagged WRONG: `dW2` carries a stray factor `* 2`, and `db1` starts with `-1.0 / m` instead of
`1.0 / m`. Every other gradient is computed from `dZ2` and `dZ1` *before* those lines, so the
mistakes do not spread. The given `backward_propagation_n` is this code with both lines
fixed. Check it, and compare the two per parameter (log scale; the dashed line is the
threshold):
""",
            name="fixed-text",
        ),
        code(FIXED, name="fixed"),
        markdown(
            """
## 6. Summary

Printed from the runs above:
""",
            name="summary-text",
        ),
        code(SUMMARY, name="summary"),
        markdown(REMEMBER, name="remember"),
    ]


def main() -> None:
    path = REPO / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    write_notebook(path, cells(), assignment=ASSIGNMENT, title=TITLE)
    print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
