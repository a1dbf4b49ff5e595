"""Grading C2W1_initialization: correct alternatives keep full marks; the wrong variants are the
mistakes they name.

Full marks for the solution, 0 for the blank release and every sample's own hint
(``suites/C2W1_initialization/samples.toml``) are checked for every assignment in
``test_assignments.py`` and ``test_hints.py``.
"""

from __future__ import annotations

import numpy as np
import pytest

from autograder.kit import mistakes
from autograder.suites.C2W1_initialization import suite
from tests.autograder.helpers import function_points, grade, messages, submission

A = "C2W1_initialization"
FUNCTIONS = [
    "initialize_parameters_zeros",
    "initialize_parameters_random",
    "initialize_parameters_he",
    "initialize_parameters_xavier",
]


def _fn(signature: str, body: str) -> str:
    lines = body.strip("\n").splitlines()
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in lines)


# Correct alternatives: shapes zipped from the list, f-string keys, rng.normal with the scale as
# its standard deviation (the same draws), division by the inverse scale, ** 0.5 for np.sqrt,
# the factor written first, an explicit dtype, one dict comprehension in draw order.
ALTERNATIVES = [
    {
        "initialize_parameters_zeros": _fn(
            "initialize_parameters_zeros(layers_dims)",
            """
shapes = zip(layers_dims[1:], layers_dims[:-1])
parameters = {}
for l, (n, n_prev) in enumerate(shapes, start=1):
    parameters[f"W{l}"] = np.zeros((n, n_prev), dtype=np.float64)
    parameters[f"b{l}"] = np.zeros((n, 1), dtype=np.float64)
return parameters
""",
        ),
        "initialize_parameters_random": _fn(
            "initialize_parameters_random(layers_dims, *, rng)",
            """
parameters = {}
for l in range(1, len(layers_dims)):
    parameters[f"W{l}"] = 10 * rng.normal(0.0, 1.0, size=(layers_dims[l], layers_dims[l - 1]))
    parameters[f"b{l}"] = np.zeros((layers_dims[l], 1))
return parameters
""",
        ),
        "initialize_parameters_he": _fn(
            "initialize_parameters_he(layers_dims, *, rng)",
            """
parameters = {}
for l in range(1, len(layers_dims)):
    shape = (layers_dims[l], layers_dims[l - 1])
    parameters["W" + str(l)] = rng.standard_normal(shape) / np.sqrt(layers_dims[l - 1] / 2)
    parameters["b" + str(l)] = np.zeros((shape[0], 1))
return parameters
""",
        ),
        "initialize_parameters_xavier": _fn(
            "initialize_parameters_xavier(layers_dims, *, rng)",
            """
L = len(layers_dims) - 1
weights = {
    f"W{l}": rng.normal(0, 1 / np.sqrt(layers_dims[l - 1]), (layers_dims[l], layers_dims[l - 1]))
    for l in range(1, L + 1)
}
return {key: value for l in range(1, L + 1)
        for key, value in ((f"W{l}", weights[f"W{l}"]), (f"b{l}", np.zeros((layers_dims[l], 1))))}
""",
        ),
    },
    {
        "initialize_parameters_he": _fn(
            "initialize_parameters_he(layers_dims, *, rng)",
            """
parameters = {}
for l, (n_prev, n) in enumerate(zip(layers_dims, layers_dims[1:]), start=1):
    parameters["W%d" % l] = rng.standard_normal((n, n_prev)) * (2.0 / n_prev) ** 0.5
    parameters["b%d" % l] = np.zeros((n, 1))
return parameters
""",
        ),
        "initialize_parameters_xavier": _fn(
            "initialize_parameters_xavier(layers_dims, *, rng)",
            """
parameters = {}
for l in range(1, len(layers_dims)):
    W = rng.standard_normal((layers_dims[l], layers_dims[l - 1]))
    parameters["W" + str(l)] = W * np.sqrt(1.0 / layers_dims[l - 1])
    parameters["b" + str(l)] = np.zeros((layers_dims[l], 1))
return parameters
""",
        ),
    },
]


@pytest.mark.slow
@pytest.mark.parametrize("answers", ALTERNATIVES, ids=["first", "second"])
def test_correct_alternatives_keep_full_marks(answers):
    report = grade(submission(A, answers), A)
    points = function_points(report)
    for function in answers:
        got, available = points[function]
        assert available > 0 and got == pytest.approx(available), (
            function,
            messages(report, function),
        )


# -- the wrong variants, against the wrong code written out by hand ----------------------------

DIMS, SEED = [3, 5, 2], 11


def _by_hand(weight_scale, *, bias=None):
    """[3, 5, 2] drawn from default_rng(SEED): W1 (5, 3), [b1], W2 (2, 5), [b2], in that order."""
    rng = np.random.default_rng(SEED)
    W1 = rng.standard_normal((5, 3)) * weight_scale(3, 5)
    b1 = bias(rng, (5, 1)) if bias else np.zeros((5, 1))
    W2 = rng.standard_normal((2, 5)) * weight_scale(5, 2)
    b2 = bias(rng, (2, 1)) if bias else np.zeros((2, 1))
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}


def _variant(function, mistake, key, value):
    pairs = suite.random_init_mistakes(function, DIMS, SEED)[key]
    return any(m is mistake and np.allclose(wrong, value) for m, wrong in pairs)


@pytest.mark.parametrize(
    ("function", "mistake", "scale"),
    [
        ("initialize_parameters_he", mistakes.INIT_FAN_IN, lambda n_prev, n: np.sqrt(2 / n)),
        ("initialize_parameters_he", mistakes.INIT_NO_SQRT, lambda n_prev, n: 2 / n_prev),
        ("initialize_parameters_xavier", mistakes.INIT_HE_VS_XAVIER, lambda n_prev, n: 2**0.5),
        ("initialize_parameters_xavier", mistakes.INIT_GLOROT, lambda p, n: np.sqrt(2 / (p + n))),
        ("initialize_parameters_random", mistakes.INIT_TIMES_10, lambda n_prev, n: 0.01),
    ],
)
def test_a_wrong_scale_is_the_variant_of_its_mistake(function, mistake, scale):
    # Xavier with He's scale, by hand: sqrt(2 / n_prev) = sqrt(2) * sqrt(1 / n_prev).
    if mistake is mistakes.INIT_HE_VS_XAVIER:
        wrong = _by_hand(lambda n_prev, n: np.sqrt(2) / np.sqrt(n_prev))
    else:
        wrong = _by_hand(scale)
    assert _variant(function, mistake, "W1", wrong["W1"])
    assert _variant(function, mistake, "W2", wrong["W2"])


def test_drawn_biases_shift_the_later_weights():
    wrong = _by_hand(
        lambda n_prev, n: 10.0, bias=lambda rng, shape: rng.standard_normal(shape) * 10
    )
    function = "initialize_parameters_random"
    assert _variant(function, mistakes.INIT_BIAS_DRAWN, "b1", wrong["b1"])
    assert _variant(function, mistakes.INIT_BIAS_DRAWN, "W2", wrong["W2"])


def test_the_zeros_variants_have_the_wrong_shapes():
    variants = suite.zeros_mistakes(DIMS)
    assert [w.shape for m, w in variants["W1"] if m is mistakes.INIT_W_SHAPE] == [(3, 5)]
    assert [b.shape for m, b in variants["b2"] if m is mistakes.INIT_BIAS_SHAPE] == [(2,)]
