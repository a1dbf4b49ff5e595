"""Grading C2W3_frameworks: correct alternatives keep full marks; the wrong variants are the
mistakes they name; a wrong Value.backward is named in the functions that use it.

Full marks for the solution, 0 for the blank release and every sample's own hint
(``suites/C2W3_frameworks/samples.toml``) are checked for every assignment in
``test_assignments.py`` and ``test_hints.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograder.kit import mistakes
from autograder.kit.knock_on import message
from autograder.suites.C2W3_frameworks import suite
from dlutils import autodiff as ref
from tests.autograder.helpers import function_points, grade, messages, solution_answers, submission

A = "C2W3_frameworks"


def _fn(signature: str, body: str) -> str:
    lines = body.strip("\n").splitlines()
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in lines)


def _value_cell(backward_body: str, order_body: str) -> str:
    """The solution's ``Value`` cell with another ``backward`` and ``topological_order``."""
    cell = solution_answers(A)["gradients_of_expression"]
    head, rest = cell.split("    def backward(self):\n", 1)
    _, tail = rest.split("\ndef gradients_of_expression", 1)
    backward = _fn("backward(self)", backward_body).replace("\n", "\n    ")
    order = _fn("topological_order(root)", order_body)
    return f"{head}    {backward.rstrip()}\n\n\n{order}\n\ndef gradients_of_expression{tail}"


# One submission, one alternative per function: a copy of upstream and ones_like, the factors
# written first, np.power with a float exponent, exp recomputed from the input, a product with
# 1/a; an iterative depth-first order with an explicit stack and a backward that accumulates
# with grad = grad + g; minimize recording each cost from the forward pass before its step,
# with -=; the logistic cost through Python's sum, a power -1 for the sigmoid and a factor -1/m.
ALTERNATIVES = {
    "add_backward": _fn(
        "add_backward(a, b, upstream)",
        "return np.copy(upstream) * np.ones_like(a), upstream * np.ones_like(b)",
    ),
    "mul_backward": _fn(
        "mul_backward(a, b, upstream)",
        """
grad_a = b * upstream
grad_b = a * upstream
return (grad_a, grad_b)
""",
    ),
    "pow_backward": _fn(
        "pow_backward(a, n, upstream)",
        "return n * np.power(a, n - 1.0) * upstream",
    ),
    "exp_backward": _fn("exp_backward(a, out, upstream)", "return np.exp(a) * upstream"),
    "log_backward": _fn("log_backward(a, upstream)", "return upstream * (1.0 / a)"),
    "gradients_of_expression": _value_cell(
        """
nodes = topological_order(self)
self.grad = self.grad + 1.0
for node in nodes[::-1]:
    if not node.parents:
        continue
    grads = node.local_backward(node.grad)
    for k in range(len(node.parents)):
        node.parents[k].grad = node.parents[k].grad + grads[k]
""",
        """
order, done, stack = [], set(), [(root, False)]
while stack:
    node, expanded = stack.pop()
    if expanded:
        if id(node) not in done:
            done.add(id(node))
            order.append(node)
        continue
    if id(node) in done:
        continue
    stack.append((node, True))
    for parent in reversed(node.parents):
        stack.append((parent, False))
return order
""",
    ),
    "minimize_polynomial": solution_answers(A)["minimize_polynomial"].replace(
        """    costs = [cost_fn(w).data]
    for step in range(num_steps):
        w.grad = 0.0
        cost_fn(w).backward()
        w.data = w.data - learning_rate * w.grad
        costs.append(cost_fn(w).data)
""",
        """    costs = []
    for _ in range(num_steps):
        w.grad = 0.0
        J = cost_fn(w)
        costs.append(J.data)
        J.backward()
        w.data -= learning_rate * w.grad
    costs.append(cost_fn(w).data)
""",
    ),
    "logistic_cost_gradients": _fn(
        "logistic_cost_gradients(w, b, X, Y)",
        """
n_x, m = X.shape
weights = [Value(w[j, 0]) for j in range(n_x)]
bias = Value(b)
losses = []
for i in range(m):
    z = sum((weights[j] * X[j, i] for j in range(n_x)), bias)
    a = (1 + (z * -1).exp()) ** -1
    y = float(Y[0, i])
    losses.append(-y * a.log() - (1 - y) * (1 - a).log())
cost = sum(losses, Value(0.0)) * (1.0 / m)
cost.backward()
return {"dw": np.array([[v.grad] for v in weights]), "db": bias.grad}, cost.data
""",
    ),
}


def test_the_alternatives_really_differ_from_the_solution():
    solution = solution_answers(A)
    for function, source in ALTERNATIVES.items():
        assert source.strip() != solution[function].strip(), function


@pytest.mark.slow
def test_correct_alternatives_keep_full_marks():
    report = grade(submission(A, ALTERNATIVES), A)
    points = function_points(report)
    for function in ALTERNATIVES:
        got, available = points[function]
        assert available > 0 and got == pytest.approx(available), (
            function,
            messages(report, function),
        )


@pytest.mark.slow
def test_a_wrong_backward_is_named_by_the_functions_that_use_it():
    """The bug is in Value.backward (the answer cell of gradients_of_expression); minimize and
    logistic regression use Value, so their failures name that function and give no hint."""
    answers = solution_answers(A)
    answers["gradients_of_expression"] = answers["gradients_of_expression"].replace(
        "parent.grad += grad", "parent.grad = grad", 1
    )
    report = grade(submission(A, answers, solved=False), A)
    points = function_points(report)
    assert points["gradients_of_expression"][0] < points["gradients_of_expression"][1]
    assert mistakes.GRAD_ASSIGNED in messages(report, "gradients_of_expression")
    for function in ("minimize_polynomial", "logistic_cost_gradients"):
        text = messages(report, function)
        assert message(function, ["gradients_of_expression"]) in text, text
        assert "Hint:" not in text, text
    for function in ("add_backward", "mul_backward", "pow_backward"):
        assert points[function][0] == pytest.approx(points[function][1]), function


# -- the wrong variants, against the wrong code written out by hand ----------------------------


def test_the_expression_variants_by_hand():
    """At x = 0.8, y = 1.3 (u = 1.04): f = g y with g = e^u + log u - x^2."""
    x, y = 0.8, 1.3
    u = x * y
    g = np.exp(u) + np.log(u) - x**2
    variants = suite._expression_mistakes(x, y)

    def variant(mistake, key):
        return next(value for m, value in variants[key] if m is mistake)

    # Inputs first (insertion order): only the root's own parents get a gradient, dy = g.
    assert variant(mistakes.BACKWARD_ORDER, "x") == 0.0
    assert variant(mistakes.BACKWARD_ORDER, "y") == pytest.approx(g)
    # No seed: nothing moves.
    assert variant(mistakes.BACKWARD_SEED, "x") == variant(mistakes.BACKWARD_SEED, "y") == 0.0
    # = instead of +=, in the reversed depth-first order f, +, *, -1, **2, +, log, exp, u: each
    # assignment overwrites the last. u keeps the exp path only (y e^u; log's y / u is lost),
    # and y keeps the path through u (x y e^u), losing g from f = g * y.
    assert variant(mistakes.GRAD_ASSIGNED, "y") == pytest.approx(x * y * np.exp(u))
    assert variant(mistakes.GRAD_ASSIGNED, "x") == pytest.approx(y * y * np.exp(u))
    right = ref.gradients_of_expression(x, y)
    assert right["y"] == pytest.approx(g + x * y * np.exp(u) + 1)  # + y * x / u = 1


def test_the_minimize_variants_by_hand():
    """J = (w - 5)^2 from 0 with rate 0.1: w - 5 scales by 0.8 a step, by 1.2 going uphill."""
    args = ([25.0, -10.0, 1.0], 0.0, 0.1, 3)
    w, costs = suite._minimize_variant(*args)
    assert w == pytest.approx(5 - 5 * 0.8**3)
    assert costs == pytest.approx([25 * 0.64**k for k in range(4)])
    assert suite._minimize_variant(*args, sign=1.0)[0] == pytest.approx(5 - 5 * 1.2**3)
    # Without the reset the gradients add up: 2 (w - 5) summed over the steps so far.
    # Step 1: g = -10, w = 1; step 2: g = -10 - 8 = -18, w = 2.8; step 3: g = -18 - 4.4, w = 5.04.
    assert suite._minimize_variant(*args, zero_grad=False)[0] == pytest.approx(5.04)
    assert suite._minimize_variant(*args, extra_steps=-1)[0] == pytest.approx(5 - 5 * 0.8**2)


def test_the_torch_cell_is_last_optional_and_never_an_error():
    import json

    from autograder import course

    cells = json.loads(course.source_notebook(A).read_text(encoding="utf-8"))["cells"]
    last = "".join(cells[-1]["source"])
    assert 'importlib.util.find_spec("torch") is None' in last
    assert "nbgrader" not in cells[-1]["metadata"]
