"""Grading C2W3_batchnorm_softmax: correct alternatives keep full marks; the suite's wrong
variants are what the wrong code gives.

Full marks for the solution, 0 for the blank release and every sample's own hint
(``suites/C2W3_batchnorm_softmax/samples.toml``) are checked for every assignment in
``test_assignments.py`` and ``test_hints.py``.
"""

from __future__ import annotations

import math

import numpy as np
import pytest

from autograder.kit import mistakes
from autograder.suites.C2W3_batchnorm_softmax import suite
from dlutils import activations, batchnorm, hyperparams
from tests.autograder.helpers import function_points, grade, messages, submission

A = "C2W3_batchnorm_softmax"


def _fn(signature: str, body: str) -> str:
    lines = body.strip("\n").splitlines()
    return f"def {signature}:\n" + "".join(f"    {line}\n" for line in lines)


# Correct alternatives, one submission (one grade) for all nine functions: np.var and a division
# by the standard deviation; CS231n's staged backward through mu and var; softmax by broadcasting
# without keepdims; np.eye rows; the mean of per-example losses as an np.float64; the explicit
# Jacobian diag(s) - s s^T column by column; rng.uniform on the exponents (the same draw as
# rng.random()); sample_beta written out without calling sample_log_uniform; the zoom window's
# centre clipped instead of its start.
ALTERNATIVES = {
    "batchnorm_forward": _fn(
        "batchnorm_forward(Z, gamma, beta, running, *, training, momentum=0.9, eps=1e-8)",
        """
if training:
    mu, var = Z.mean(axis=1)[:, None], Z.var(axis=1)[:, None]
    new_running = {key: momentum * running[key] + (1.0 - momentum) * value
                   for key, value in (("mean", mu), ("var", var))}
else:
    mu, var = running["mean"], running["var"]
    new_running = {key: np.array(value, copy=True) for key, value in running.items()}
std = np.sqrt(var + eps)
Z_norm = (Z - mu) / std
Z_tilde = Z_norm * gamma + beta
cache = {"training": training, "Z_norm": Z_norm, "gamma": gamma, "inv_std": 1.0 / std}
return Z_tilde, cache, new_running
""",
    ),
    "batchnorm_backward": _fn(
        "batchnorm_backward(dZ_tilde, cache)",
        """
Z_norm, gamma, inv_std = cache["Z_norm"], cache["gamma"], cache["inv_std"]
m = Z_norm.shape[1]
centred = Z_norm / inv_std
dZ_norm = dZ_tilde * gamma
dvar = np.sum(dZ_norm * centred, axis=1, keepdims=True) * -0.5 * inv_std**3
dmu = -np.sum(dZ_norm * inv_std, axis=1, keepdims=True)
dmu = dmu - 2.0 * dvar * centred.mean(axis=1, keepdims=True)
dZ = dZ_norm * inv_std + dvar * 2.0 * centred / m + dmu / m
return dZ, (dZ_tilde * Z_norm).sum(axis=1, keepdims=True), dZ_tilde.sum(axis=1, keepdims=True)
""",
    ),
    "softmax": _fn(
        "softmax(Z)",
        """
E = np.exp(Z - Z.max(axis=0))
return E / E.sum(axis=0)
""",
    ),
    "one_hot": _fn(
        "one_hot(Y, C)",
        """
labels = np.asarray(Y, dtype=np.int64).ravel()
return np.eye(C)[labels].T
""",
    ),
    "compute_softmax_cost": _fn(
        "compute_softmax_cost(AL, Y)",
        """
losses = -np.sum(Y * np.log(AL), axis=0)
return np.mean(losses)
""",
    ),
    "softmax_backward": _fn(
        "softmax_backward(dA, Z)",
        """
S = softmax(Z)
dZ = np.empty_like(S)
for i in range(S.shape[1]):
    s = S[:, i : i + 1]
    dZ[:, i] = (np.diagflat(s) - s @ s.T) @ dA[:, i]
return dZ
""",
    ),
    "sample_log_uniform": _fn(
        "sample_log_uniform(low, high, *, rng)",
        """
return float(10 ** rng.uniform(math.log10(low), math.log10(high)))
""",
    ),
    "sample_beta": _fn(
        "sample_beta(low, high, *, rng)",
        """
a, b = np.log10(1 - high), np.log10(1 - low)
return float(1 - np.power(10.0, a + (b - a) * rng.random()))
""",
    ),
    "zoom_range": _fn(
        "zoom_range(low, high, scale, best, zoom)",
        """
to_t = {"linear": lambda x: x, "log": math.log10, "beta": lambda x: math.log10(1 - x)}[scale]
from_t = {"linear": lambda t: t, "log": lambda t: 10**t, "beta": lambda t: 1 - 10**t}[scale]
t_lo, t_hi = sorted((to_t(low), to_t(high)))
half = zoom * (t_hi - t_lo) / 2
centre = min(max(to_t(best), t_lo + half), t_hi - half)
ends = sorted((from_t(centre - half), from_t(centre + half)))
return max(ends[0], low), min(ends[1], high)
""",
    ),
}


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


# -- the suite's wrong variants, against the wrong code written out ----------------------------


def test_the_variant_builders_without_a_mistake_are_the_reference():
    rng = np.random.default_rng(0)
    for training in (True, False):
        Z, gamma, beta, running = suite._bn_inputs(rng, 4, 7)
        want = batchnorm.batchnorm_forward(Z, gamma, beta, running, training=training, eps=0.3)
        got = suite._bn_variant(Z, gamma, beta, running, training=training, eps=0.3)
        np.testing.assert_allclose(got[0], want[0])
        for key in ("mean", "var"):
            np.testing.assert_allclose(got[1][key], want[2][key])
    for _ in range(50):
        case = suite._zoom_hidden(rng)
        assert suite._zoom_variant(*case.args) == pytest.approx(hyperparams._zoom_range(*case.args))


def _wrong_forward_by_hand(Z, gamma, beta, running, momentum=0.9, eps=1e-8):
    """ddof=1 and eps outside the root, each alone, and the running update swapped."""
    mu = Z.mean(axis=1, keepdims=True)
    unbiased = ((Z - mu) ** 2).sum(axis=1, keepdims=True) / (Z.shape[1] - 1)
    biased = ((Z - mu) ** 2).mean(axis=1, keepdims=True)
    return {
        mistakes.BN_DDOF: gamma * (Z - mu) / np.sqrt(unbiased + eps) + beta,
        mistakes.BN_EPS_OUTSIDE: gamma * (Z - mu) / (np.sqrt(biased) + eps) + beta,
        mistakes.BN_MOMENTUM_SWAPPED: (1 - momentum) * running["var"] + momentum * biased,
    }


def test_the_batchnorm_variants_are_the_wrong_code():
    case = suite._BN_EPS
    by_hand = _wrong_forward_by_hand(*case.args, momentum=0.8, eps=0.5)
    wrong_Z, wrong_running = suite._bn_mistakes(*case.args, **case.kwargs)
    for mistake in (mistakes.BN_DDOF, mistakes.BN_EPS_OUTSIDE):
        assert any(m is mistake and np.allclose(v, by_hand[mistake]) for m, v in wrong_Z)
    swapped = by_hand[mistakes.BN_MOMENTUM_SWAPPED]
    assert any(
        m is mistakes.BN_MOMENTUM_SWAPPED and np.allclose(v, swapped)
        for m, v in wrong_running["var"]
    )


def test_the_large_logits_tell_the_overflow_and_the_global_max_apart():
    Z = suite._SM_LARGE.args[0]
    with np.errstate(over="ignore", invalid="ignore"):
        naive = np.exp(Z) / np.exp(Z).sum(axis=0, keepdims=True)
        shifted = np.exp(Z - Z.max()) / np.exp(Z - Z.max()).sum(axis=0, keepdims=True)
    assert np.isnan(naive).any() and np.isnan(shifted).any()
    assert not np.array_equal(np.isnan(naive), np.isnan(shifted))
    assert np.isfinite(activations.softmax(Z)).all()
    variants = dict((m.name, v) for m, v in suite._softmax_mistakes(Z))
    np.testing.assert_array_equal(variants["softmax_overflow"], naive)
    np.testing.assert_array_equal(variants["softmax_global_max"], shifted)


def test_the_public_sampler_cases_tell_the_scale_mistakes_apart():
    for case in (*suite.test_sample_log_uniform.pytestmark[0].kwargs["public"],):
        right = hyperparams.sample_log_uniform(*case.args, rng=case.kwargs["rng"].generator())
        values = [v for _, v in suite._log_uniform_mistakes(*case.args, **case.kwargs)]
        assert all(not math.isclose(v, right, rel_tol=1e-4) for v in values)
    low, high, seed = 0.9, 0.999, suite.Seed(0)
    u = np.random.default_rng(0).random()
    assert hyperparams.sample_beta(low, high, rng=seed.generator()) == pytest.approx(
        1 - 10 ** (-3 + 2 * u)
    )
    wrong = dict((m.name, v) for m, v in suite._beta_mistakes(low, high, rng=seed))
    assert wrong["beta_one_minus"] == pytest.approx(10 ** (-3 + 2 * u))
