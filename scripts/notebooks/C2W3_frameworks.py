"""Write solutions/C2W3_frameworks/C2W3_frameworks.ipynb, the notebook's one source.

    .venv/bin/python scripts/notebooks/C2W3_frameworks.py
    .venv/bin/dlcourse release C2W3_frameworks

Edit this file, never the notebook: the points of the test cells come from the suite
(``autograder/suites/C2W3_frameworks``), the rest is written here.
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

ASSIGNMENT = "C2W3_frameworks"
TITLE = "What a framework does for you: automatic differentiation"
STEPS, RATE, W0 = 50, 0.1, 0.0

INTRO = r"""
# What a framework does for you: automatic differentiation

In TensorFlow or PyTorch you write only the forward computation, the cost, and the framework
gives you its gradient. The classic first example minimises
$$J(w) = w^2 - 10 w + 25 = (w - 5)^2$$
with a few lines: make `w` a variable, compute `cost`, ask for `dcost/dw`, step. No backward pass
is written by hand. Here you build the machinery that makes this work, a small **reverse-mode
automatic differentiation** in numpy, in four parts:

1. the **local rules**: for each operation (add, multiply, power, exp, log), how the gradient of
   its output turns into the gradients of its inputs;
2. a **`Value`** type that records every operation as it is computed (the *graph*), and its
   **`backward()`**, which visits the graph from the cost back to the inputs and applies the
   local rules, in reverse topological order;
3. **`minimize`**, gradient descent that gets its gradient from `backward()`, run on
   $J(w) = (w - 5)^2$;
4. **`logistic_cost_gradients`**: logistic regression's cost written with `Value`s, whose
   gradients must equal the backward pass you derived by hand in Course 1.

**Notation.** For a result `out` of an operation and the final scalar $L$ (the cost),
`upstream` is $\partial L / \partial \text{out}$, the gradient arriving from above. The chain rule
gives each input $a$ of the operation $\partial L / \partial a = $ `upstream` $\times\;
\partial\, \text{out} / \partial a$. Graded functions never change their inputs.

### How your work is graded

- Each graded function is worth the points shown in its test cell, the locked cell right below it
  (the grading report lists them too).
- That cell is a **self-check**: it runs the public cases shown there, in your own kernel. It is a
  convenience for you and proves nothing by itself.
- The grader calls your function in an isolated process, on the public cases and on **hidden
  cases** of other sizes and values, drawn at grading time. Your points come from the hidden
  cases: you earn a share of the function's points for each hidden case it gets right, but only
  when it also passes every public case. A function that is right only on the public inputs earns
  nothing.
- The grader can send your functions only plain data (numbers, arrays, lists, dicts) and get
  only plain data back, never a `Value`. So your `Value` and its `backward()` are graded through
  functions that use them inside and return numbers: the local rules, `gradients_of_expression`,
  `minimize_polynomial` and `logistic_cost_gradients`. Gradients are also compared with
  **finite differences** $\frac{L(a + h) - L(a - h)}{2h}$.
- Checks of properties (that your function leaves its arguments alone) can take points away from
  a right answer; they never give points to a wrong one.
"""

SETUP = """
import importlib.util

import matplotlib.pyplot as plt
import numpy as np

from selfcheck import SelfCheck

rng = np.random.default_rng(1)
check = SelfCheck("C2W3_frameworks")
"""

RULES_TEXT = r"""
## 1. The local rules

Each rule receives the operation's inputs (and, for exp, its output) and `upstream`, and returns
the gradient of each input. They work elementwise, so the same code serves a number or a numpy
array (all of one shape):

| operation | forward | gradient of each input |
|---|---|---|
| add | `out = a + b` | `upstream`, `upstream` |
| mul | `out = a * b` | `upstream * b`, `upstream * a` (each factor gets the **other** one) |
| pow | `out = a ** n`, `n` a constant | `upstream * n * a ** (n - 1)` |
| exp | `out = exp(a)` | `upstream * out` (exp is its own derivative: reuse the **output**) |
| log | `out = log(a)` | `upstream / a` |

Subtraction, negation and division need no rule of their own: `Value` builds them from these
(`-a = a * -1`, `a - b = a + (-b)`, `a / b = a * b ** -1`).

**Exercise:** write the five rules. Return a tuple `(grad_a, grad_b)` for add and mul, one
gradient for the others, and never change the arguments (build new arrays).
"""

ADD = r'''
def add_backward(a, b, upstream):
    """Gradients of out = a + b.

    Arguments:
    a, b -- the inputs: numbers, or numpy arrays of one shape
    upstream -- dL/d(out), shaped like a

    Returns:
    (grad_a, grad_b) -- dL/da and dL/db
    """
    ### BEGIN SOLUTION
    return upstream, upstream
    ### END SOLUTION
'''

MUL = r'''
def mul_backward(a, b, upstream):
    """Gradients of out = a * b (elementwise).

    Arguments:
    a, b -- the inputs: numbers, or numpy arrays of one shape
    upstream -- dL/d(out), shaped like a

    Returns:
    (grad_a, grad_b) -- dL/da and dL/db
    """
    ### BEGIN SOLUTION
    return upstream * b, upstream * a
    ### END SOLUTION
'''

POW = r'''
def pow_backward(a, n, upstream):
    """Gradient of out = a ** n, for a constant exponent n.

    Arguments:
    a -- the input: a number or a numpy array
    n -- the exponent, a number (not differentiated)
    upstream -- dL/d(out), shaped like a

    Returns:
    grad_a -- dL/da, shaped like a
    """
    ### BEGIN SOLUTION
    return upstream * n * a ** (n - 1)
    ### END SOLUTION
'''

EXP = r'''
def exp_backward(a, out, upstream):
    """Gradient of out = exp(a).

    Arguments:
    a -- the input: a number or a numpy array
    out -- the forward value, exp(a), shaped like a
    upstream -- dL/d(out), shaped like a

    Returns:
    grad_a -- dL/da, shaped like a
    """
    ### BEGIN SOLUTION
    return upstream * out
    ### END SOLUTION
'''

LOG = r'''
def log_backward(a, upstream):
    """Gradient of out = log(a), the natural logarithm (a > 0).

    Arguments:
    a -- the input: a positive number or numpy array
    upstream -- dL/d(out), shaped like a

    Returns:
    grad_a -- dL/da, shaped like a
    """
    ### BEGIN SOLUTION
    return upstream / a
    ### END SOLUTION
'''

VALUE_TEXT = r"""
## 2. `Value`, the graph and `backward()`

A `Value` holds a number, `data`, and remembers how it was made: its `parents` (the `Value`s it
was computed from) and `local_backward`, a function that maps `upstream` to the tuple of its
parents' gradients, using your rules. `x * y` with two `Value`s returns a new `Value` whose
parents are `(x, y)`; plain numbers are wrapped (`2 * x` works). `grad` starts at 0.0. All of this
is written for you in the cell below. You write the two functions that use the graph:

- **`topological_order(root)`**: build the list `order` (the cell returns it) of every `Value`
  that `root` depends on, each one **after all of its parents**, `root` last, each once (a value
  used twice is still listed once). A depth-first
  walk does it: visit a node's parents first, then append the node; skip nodes already seen
  (compare with `id(node)`, kept in a set).
- **`Value.backward(self)`**: set `self.grad = 1.0` (the seed, $\partial L / \partial L = 1$),
  then go through `topological_order(self)` **reversed**, from the cost back to the inputs. For
  each node that has a `local_backward`, compute `node.local_backward(node.grad)` and **add**
  (`+=`) each of the returned gradients to the matching parent's `grad`.

Why reversed: a node may pass its gradient on only when it is complete, that is, once every node
that uses it has been visited. Why `+=`: a value used twice receives a gradient along each path,
and the chain rule sums them. Like PyTorch, `backward()` adds to the inputs' `grad` and never
clears it.

The graded function `gradients_of_expression(x, y)` (written for you, at the end of the cell)
builds
$$u = x y, \qquad f = \left(e^{u} + \log u - x^2\right) y$$
from two `Value`s, calls `f.backward()` and returns `{"f": f, "x": df/dx, "y": df/dy}`. Here `u`
is used twice, `x` three times and `y` twice, so a lost path shows.

**Exercise:** complete `Value.backward` and `topological_order`.
"""

VALUE = r'''
class Value:
    """A number that remembers how it was computed.

    data -- the forward value (a float)
    grad -- dL/d(this value), filled in by L.backward(); starts at 0.0
    parents -- the Values it was computed from (empty for a leaf)
    local_backward -- function upstream -> tuple of gradients, one per parent (None for a leaf)
    op, label -- what made it and an optional name, for printing the graph
    """

    def __init__(self, data, parents=(), local_backward=None, op="", label=""):
        self.data = float(data)
        self.grad = 0.0
        self.parents = tuple(parents)
        self.local_backward = local_backward
        self.op = op
        self.label = label

    def __repr__(self):
        return f"Value(data={self.data:.6g}, grad={self.grad:.6g})"

    @staticmethod
    def wrap(other):
        return other if isinstance(other, Value) else Value(other)

    def __add__(self, other):
        other = Value.wrap(other)
        return Value(self.data + other.data, (self, other),
                     lambda up: add_backward(self.data, other.data, up), "+")

    __radd__ = __add__

    def __mul__(self, other):
        other = Value.wrap(other)
        return Value(self.data * other.data, (self, other),
                     lambda up: mul_backward(self.data, other.data, up), "*")

    __rmul__ = __mul__

    def __pow__(self, n):  # n: a number
        return Value(self.data ** n, (self,),
                     lambda up: (pow_backward(self.data, n, up),), f"** {n}")

    def __neg__(self):
        return self * -1.0

    def __sub__(self, other):
        return self + (-Value.wrap(other))

    def __rsub__(self, other):
        return Value.wrap(other) + (-self)

    def __truediv__(self, other):
        return self * Value.wrap(other) ** -1.0

    def __rtruediv__(self, other):
        return Value.wrap(other) * self ** -1.0

    def exp(self):
        out = float(np.exp(self.data))
        return Value(out, (self,), lambda up: (exp_backward(self.data, out, up),), "exp")

    def log(self):
        return Value(np.log(self.data), (self,), lambda up: (log_backward(self.data, up),), "log")

    def backward(self):
        """Add d(self)/dv to v.grad for every Value v that self depends on."""
        ### BEGIN SOLUTION
        order = topological_order(self)
        self.grad = 1.0
        for node in reversed(order):
            if node.local_backward is None:
                continue
            for parent, grad in zip(node.parents, node.local_backward(node.grad)):
                parent.grad += grad
        ### END SOLUTION


def topological_order(root):
    """Every Value root depends on (root included), each after all of its parents, each once.

    Returns:
    order -- list of Values, root last
    """
    ### BEGIN SOLUTION
    order, seen = [], set()

    def visit(node):
        if id(node) in seen:
            return
        seen.add(id(node))
        for parent in node.parents:
            visit(parent)
        order.append(node)

    visit(root)
    ### END SOLUTION
    return order


def gradients_of_expression(x, y):
    """f = (exp(u) + log(u) - x**2) * y with u = x * y, and its gradients (given; graded).

    Arguments:
    x, y -- positive numbers

    Returns:
    dict {"f": f, "x": df/dx, "y": df/dy} of floats
    """
    x, y = Value(x, label="x"), Value(y, label="y")
    u = x * y
    u.label = "u"
    f = (u.exp() + u.log() - x ** 2) * y
    f.label = "f"
    f.backward()
    return {"f": f.data, "x": float(x.grad), "y": float(y.grad)}
'''

GRAPH = """
# The graph of f at x = 0.8, y = 1.3, in your topological order, after f.backward().
x, y = Value(0.8, label="x"), Value(1.3, label="y")
u = x * y
u.label = "u"
f = (u.exp() + u.log() - x ** 2) * y
f.label = "f"
f.backward()
order = topological_order(f)
names = {id(node): node.label or f"n{i}" for i, node in enumerate(order)}
print(f"{'node':<5}{'made by':<24}{'data':>10}{'grad':>10}")
for node in order:
    made = f"{node.op}({', '.join(names[id(p)] for p in node.parents)})" if node.op else "leaf"
    print(f"{names[id(node)]:<5}{made:<24}{node.data:>10.4f}{node.grad:>10.4f}")

# u feeds exp and log: its gradient is the sum of the two paths.
via_exp, via_log = y.data * np.exp(u.data), y.data / u.data
print(f"u.grad = {u.grad:.6f}; path through exp {via_exp:.6f} + path through log "
      f"{via_log:.6f} = {via_exp + via_log:.6f}")
h = 1e-6
F = lambda x, y: (np.exp(x * y) + np.log(x * y) - x ** 2) * y
numeric = ((F(0.8 + h, 1.3) - F(0.8 - h, 1.3)) / (2 * h),
           (F(0.8, 1.3 + h) - F(0.8, 1.3 - h)) / (2 * h))
print(f"backward: df/dx = {x.grad:.6f}, df/dy = {y.grad:.6f}; finite differences: "
      f"{numeric[0]:.6f}, {numeric[1]:.6f}")
graph_nodes = len(order)
"""

MINIMIZE_TEXT = r"""
## 3. Gradient descent with the gradient from `backward()`

`minimize(cost_fn, w0, learning_rate, num_steps)` is the framework's training loop for one
number. `cost_fn` maps a `Value` `w` to the cost `Value` $J(w)$. The cell makes `w = Value(w0)`;
you write the loop. `costs` starts with $J(w_0)$ and gets the cost after every step, so it has
`num_steps + 1` entries. Each step:

1. `w.grad = 0.0`: `backward()` adds to `grad`, so the gradient of the previous step must be
   cleared first (PyTorch's `optimizer.zero_grad()`);
2. compute `cost_fn(w)` and call its `backward()`, which fills `w.grad` with $dJ/dw$;
3. `w.data = w.data - learning_rate * w.grad`, the descent step;
4. append the cost at the new `w`, `cost_fn(w).data`.

The cell already returns `(w.data, costs)`. A Python function cannot travel to the grader,
so the grader calls `minimize_polynomial(coefficients, w0, learning_rate, num_steps)`, written
for you below: it runs your `minimize` on $J(w) = \sum_k c_k w^k$
(`coefficients = [c_0, c_1, ...]`); `[25, -10, 1]` is $w^2 - 10w + 25$.

**Exercise:** write the loop of `minimize`.
"""

MINIMIZE = r'''
def minimize(cost_fn, w0, learning_rate, num_steps):
    """Gradient descent on one number, the gradient coming from backward().

    Arguments:
    cost_fn -- function of a Value w, returning the cost J(w) as a Value
    w0 -- the start, a number
    learning_rate -- the step size
    num_steps -- how many gradient steps

    Returns:
    w -- the final value (a float) after num_steps steps
    costs -- list of num_steps + 1 floats: J(w0), then the cost after each step
    """
    w = Value(w0, label="w")
    ### BEGIN SOLUTION
    costs = [cost_fn(w).data]
    for step in range(num_steps):
        w.grad = 0.0
        cost_fn(w).backward()
        w.data = w.data - learning_rate * w.grad
        costs.append(cost_fn(w).data)
    ### END SOLUTION
    return w.data, costs


def polynomial_cost(coefficients):
    """The cost function w -> sum_k coefficients[k] * w**k, on Values (given)."""
    def cost_fn(w):
        J = Value(coefficients[0])
        for k in range(1, len(coefficients)):
            J = J + coefficients[k] * w ** k
        return J
    return cost_fn


def minimize_polynomial(coefficients, w0, learning_rate, num_steps):
    """minimize on the polynomial cost (given; graded): returns (w, costs)."""
    return minimize(polynomial_cost(coefficients), w0, learning_rate, num_steps)
'''

RUN = f"""
# J(w) = w**2 - 10 w + 25 = (w - 5)**2 from w0 = {W0}: {STEPS} steps, learning rate {RATE}.
NUM_STEPS, LEARNING_RATE, W0 = {STEPS}, {RATE}, {W0}
quadratic = polynomial_cost([25.0, -10.0, 1.0])
w_final, costs = minimize(quadratic, W0, LEARNING_RATE, NUM_STEPS)
trajectory = [W0]  # the path of w: the same steps taken one call at a time
for step in range(NUM_STEPS):
    trajectory.append(minimize(quadratic, trajectory[-1], LEARNING_RATE, 1)[0])
print(f"w = {{w_final:.6f}} after {{NUM_STEPS}} steps (target 5), J = {{costs[-1]:.3e}}; "
      f"{{len(costs)}} costs recorded, the first J(w0) = {{costs[0]:.1f}}")
print(f"w - 5 shrinks by 1 - 2 * learning_rate = {{1 - 2 * LEARNING_RATE:.1f}} a step: "
      f"(w_10 - 5) / (w_9 - 5) = {{(trajectory[10] - 5) / (trajectory[9] - 5):.6f}}")

fig, (ax_cost, ax_w) = plt.subplots(1, 2, figsize=(11, 3.8))
ax_cost.semilogy(range(NUM_STEPS + 1), costs, marker=".", label="J(w)")
ax_cost.set(xlabel="step", ylabel="J(w) (log scale)",
            title=f"Cost, learning rate {{LEARNING_RATE}}, w0 = {{W0}}")
ax_cost.legend()
ax_w.plot(range(NUM_STEPS + 1), trajectory, marker=".", label="w")
ax_w.axhline(5.0, color="tab:red", linestyle="--", label="target w = 5")
ax_w.set(xlabel="step", ylabel="w", title=f"w over {{NUM_STEPS}} steps")
ax_w.legend()
plt.tight_layout()
plt.show()
"""

LOGISTIC_TEXT = r"""
## 4. Logistic regression's gradients, for free

In Course 1 you derived logistic regression's backward pass by hand:
$dw = \frac{1}{m} X (A - Y)^T$ and $db = \frac{1}{m} \sum_i (a^{(i)} - y^{(i)})$. With `Value`
you write only the cost, one example at a time, and `backward()` finds the same gradients:
$$z^{(i)} = b + \sum_j w_j x_j^{(i)}, \quad a^{(i)} = \frac{1}{1 + e^{-z^{(i)}}},$$
$$J = -\frac{1}{m} \sum_{i=1}^{m} \left[ y^{(i)} \log a^{(i)}
    + (1 - y^{(i)}) \log(1 - a^{(i)}) \right]$$

The cell makes one `Value` per weight (`weights`, a list of `n_x`) and one for the bias. Build
$J$ from them and the numbers of `X` and `Y` (`X[j, i]`, `Y[0, i]`), with `exp`, `log`, `+`,
`-`, `*` and `/`, then call `cost.backward()`. The cell then reads the gradients from `.grad`.

**Exercise:** build the cost and call `backward()`.
"""

LOGISTIC = r'''
def logistic_cost_gradients(w, b, X, Y):
    """Logistic regression's cost and gradients, computed through Value and backward().

    Arguments:
    w -- weights, numpy array of shape (n_x, 1)
    b -- bias, a number
    X -- inputs, numpy array of shape (n_x, m), one example per column
    Y -- labels (0 or 1), numpy array of shape (1, m)

    Returns:
    grads -- dict {"dw": array of shape (n_x, 1), "db": float}
    cost -- the cross-entropy cost J, a float
    """
    n_x, m = X.shape
    weights = [Value(w[j, 0], label=f"w{j}") for j in range(n_x)]
    bias = Value(b, label="b")
    ### BEGIN SOLUTION
    total = Value(0.0)
    for i in range(m):
        z = bias
        for j in range(n_x):
            z = z + weights[j] * X[j, i]
        a = 1 / (1 + (-z).exp())
        total = total + Y[0, i] * a.log() + (1 - Y[0, i]) * (1 - a).log()
    cost = -total / m
    cost.backward()
    ### END SOLUTION
    dw = np.array([[weight.grad] for weight in weights])
    return {"dw": dw, "db": float(bias.grad)}, cost.data
'''

COMPARE = """
def propagate_by_hand(w, b, X, Y):
    \"\"\"Course 1's hand-written forward and backward pass of logistic regression.\"\"\"
    m = X.shape[1]
    A = 1 / (1 + np.exp(-(w.T @ X + b)))
    cost = -np.mean(Y * np.log(A) + (1 - Y) * np.log(1 - A))
    return {"dw": X @ (A - Y).T / m, "db": float(np.mean(A - Y))}, float(cost)


data_rng = np.random.default_rng(3)  # 4 features, 40 examples
X_demo = data_rng.standard_normal((4, 40))
Y_demo = (X_demo[:1] + 0.5 * X_demo[1:2] > 0).astype(float)
w_demo, b_demo = data_rng.standard_normal((4, 1)) * 0.5, 0.1
auto_grads, auto_cost = logistic_cost_gradients(w_demo, b_demo, X_demo, Y_demo)
hand_grads, hand_cost = propagate_by_hand(w_demo, b_demo, X_demo, Y_demo)
logistic_gap = max(np.abs(auto_grads["dw"] - hand_grads["dw"]).max(),
                   abs(auto_grads["db"] - hand_grads["db"]), abs(auto_cost - hand_cost))
print("dw through Value:", auto_grads["dw"].ravel().round(6))
print("dw by hand:      ", hand_grads["dw"].ravel().round(6))
print(f"db: {auto_grads['db']:.6f} through Value, {hand_grads['db']:.6f} by hand; "
      f"cost {auto_cost:.6f} and {hand_cost:.6f}")
print(f"largest difference over dw, db and the cost: {logistic_gap:.1e}")
"""

SUMMARY = """
print(f"gradients_of_expression: {graph_nodes} nodes in the graph of f; df/dx = {x.grad:.6f}, "
      f"df/dy = {y.grad:.6f}, finite differences {numeric[0]:.6f}, {numeric[1]:.6f}")
print(f"minimize: w = {w_final:.6f} after {NUM_STEPS} steps from w0 = {W0} "
      f"(learning rate {LEARNING_RATE}), J = {costs[-1]:.2e}, from J(w0) = {costs[0]:.1f}")
print(f"logistic regression: autodiff and the hand-written pass differ by at most "
      f"{logistic_gap:.1e} (4 features, 40 examples)")
"""

REMEMBER = r"""
<div style="border: 1px solid #4a90d9; padding: 10px; border-radius: 6px;">

**What to remember**

- A framework records the operations of the forward pass as a graph; `backward()` walks it from
  the cost back to the inputs in **reverse topological order**, applying each operation's local
  rule: this is the backpropagation you wrote by hand, done once for every operation.
- Each local rule is the chain rule: `upstream` times the operation's local derivative (the other
  factor for a product, the output itself for exp, `1 / a` for log).
- A value used twice gets the **sum** of its paths' gradients, so gradients are **accumulated**
  (`+=`); this is also why a training loop must **reset** them (`zero_grad`) before each step.
- The seed is $\partial J / \partial J = 1$; gradient descent **subtracts**
  `learning_rate * grad`.
- Autodiff is exact, not an approximation: it matches the hand-derived gradients to rounding,
  while finite differences only check them.
</div>
"""

TORCH = """
# Optional, not graded: the same minimisation with PyTorch, if it is installed here.
if importlib.util.find_spec("torch") is None:
    print("PyTorch is not installed here, so this optional comparison is skipped.")
else:
    import torch

    w_torch = torch.tensor(W0, dtype=torch.float64, requires_grad=True)
    optimizer = torch.optim.SGD([w_torch], lr=LEARNING_RATE)
    for step in range(NUM_STEPS):
        optimizer.zero_grad()
        cost = w_torch ** 2 - 10 * w_torch + 25
        cost.backward()
        optimizer.step()
    print(f"PyTorch: w = {w_torch.item():.6f} after {NUM_STEPS} steps; "
          f"yours: {w_final:.6f}")
"""


def cells() -> list[dict]:
    return [
        markdown(INTRO, name="title"),
        markdown(
            """
## 0. Setup

Only numpy and matplotlib: no framework is needed to build one.
""",
            name="setup-text",
        ),
        setup(SETUP),
        markdown(RULES_TEXT, name="rules-text"),
        answer("add_backward", ADD),
        self_check("add_backward", assignment=ASSIGNMENT),
        answer("mul_backward", MUL),
        self_check("mul_backward", assignment=ASSIGNMENT),
        answer("pow_backward", POW),
        self_check("pow_backward", assignment=ASSIGNMENT),
        answer("exp_backward", EXP),
        self_check("exp_backward", assignment=ASSIGNMENT),
        answer("log_backward", LOG),
        self_check("log_backward", assignment=ASSIGNMENT),
        markdown(VALUE_TEXT, name="value-text"),
        answer("gradients_of_expression", VALUE),
        self_check("gradients_of_expression", assignment=ASSIGNMENT),
        markdown(
            """
The listing below is the graph of $f$ at $x = 0.8$, $y = 1.3$, in the order your
`topological_order` returns: every node after its parents, `f` last. `backward()` visited it
bottom to top. The unnamed leaf of value $-1$ is the constant that subtraction multiplies by
(`a - b = a + b * -1`). The gradient of `u` is the sum of its two paths, and the gradients of
the inputs agree with finite differences.
""",
            name="graph-text",
        ),
        code(GRAPH, name="graph"),
        markdown(MINIMIZE_TEXT, name="minimize-text"),
        answer("minimize_polynomial", MINIMIZE),
        self_check("minimize_polynomial", assignment=ASSIGNMENT),
        markdown(
            f"""
Now the framework's first example: $J(w) = w^2 - 10w + 25$ from $w_0 = {W0}$, {STEPS} steps of
learning rate {RATE}. Since $dJ/dw = 2(w - 5)$, each step multiplies $w - 5$ by
$1 - 2 \\times {RATE}$, so $w$ approaches 5 geometrically and the cost falls on a straight line on
a log scale (left); right, $w$ against the target.
""",
            name="run-text",
        ),
        code(RUN, name="run"),
        markdown(LOGISTIC_TEXT, name="logistic-text"),
        answer("logistic_cost_gradients", LOGISTIC),
        self_check("logistic_cost_gradients", assignment=ASSIGNMENT),
        markdown(
            """
The same random problem (seed 3: 4 features, 40 examples) through your autodiff and through the
hand-written pass of Course 1:
""",
            name="compare-text",
        ),
        code(COMPARE, name="compare"),
        markdown(
            """
## 5. Summary

Printed from the runs above:
""",
            name="summary-text",
        ),
        code(SUMMARY, name="summary"),
        markdown(REMEMBER, name="remember"),
        markdown(
            """
## 6. Optional: the same with PyTorch

Not graded. If PyTorch is installed, the cell below repeats the minimisation of section 3 with
`requires_grad`, `backward()` and `zero_grad()`, the framework versions of what you built;
otherwise it says so in one line.
""",
            name="torch-text",
        ),
        code(TORCH, name="torch"),
    ]


def main() -> None:
    path = REPO / "solutions" / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
    write_notebook(path, cells(), assignment=ASSIGNMENT, title=TITLE)
    print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    main()
