"""Tests for dlutils.hyperparams: log-scale sampling and coarse-to-fine random search."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlutils.hyperparams import random_search, sample_beta, sample_log_uniform

# ---------------------------------------------------------------- sample_log_uniform


def test_log_uniform_is_the_documented_single_draw():
    rng, reference = np.random.default_rng(5), np.random.default_rng(5)
    value = sample_log_uniform(1e-4, 1.0, rng=rng)
    u = reference.random()
    # r = log10(1e-4) + (0 - (-4)) * u = -4 + 4u
    assert value == pytest.approx(10 ** (-4 + 4 * u), rel=1e-12)
    # Exactly one draw was consumed: both generators are now in the same state.
    assert rng.random() == reference.random()


def test_log_uniform_hand_worked_endpoints():
    class FixedDraw:
        def __init__(self, u):
            self.u = u

        def random(self):
            return self.u

    # u = 0 -> 10**log10(low) = low; u = 0.5 -> the geometric midpoint sqrt(low * high).
    assert sample_log_uniform(1e-3, 10.0, rng=FixedDraw(0.0)) == pytest.approx(1e-3)
    assert sample_log_uniform(1e-3, 10.0, rng=FixedDraw(0.5)) == pytest.approx(0.1)  # 10**-1
    assert sample_log_uniform(1e-3, 10.0, rng=FixedDraw(0.75)) == pytest.approx(1.0)  # 10**0
    # u = 0.5 with beta in [0.9, 0.999]: 1 - beta in [0.001, 0.1], midpoint 0.01 -> beta 0.99.
    assert sample_beta(0.9, 0.999, rng=FixedDraw(0.5)) == pytest.approx(0.99)
    assert sample_beta(0.9, 0.999, rng=FixedDraw(0.0)) == pytest.approx(0.999)


@settings(max_examples=50, deadline=None)
@given(
    log_low=st.floats(-10, 5),
    decades=st.floats(1e-6, 12),
    seed=st.integers(0, 2**32 - 1),
)
def test_log_uniform_stays_in_range(log_low, decades, seed):
    low, high = 10.0**log_low, 10.0 ** (log_low + decades)
    rng = np.random.default_rng(seed)
    for _ in range(20):
        value = sample_log_uniform(low, high, rng=rng)
        assert isinstance(value, float)
        assert low <= value <= high


def test_log_uniform_is_uniform_in_log10():
    rng = np.random.default_rng(0)
    values = np.array([sample_log_uniform(1e-4, 1.0, rng=rng) for _ in range(4000)])
    # Geometric midpoint 1e-2: half the draws below it (a linear sampler would give 1 %).
    assert abs((values < 1e-2).mean() - 0.5) < 0.03
    # Each of the four decades gets a quarter (binomial sd about 0.007).
    counts, _ = np.histogram(np.log10(values), bins=[-4, -3, -2, -1, 0])
    np.testing.assert_allclose(counts / len(values), 0.25, atol=0.03)


@pytest.mark.parametrize(
    ("low", "high"), [(1.0, 1.0), (2.0, 1.0), (0.0, 1.0), (-1.0, 1.0), (1e-3, math.inf)]
)
def test_log_uniform_rejects_bad_ranges(low, high):
    with pytest.raises(ValueError):
        sample_log_uniform(low, high, rng=np.random.default_rng(0))


# ---------------------------------------------------------------- sample_beta


def test_beta_matches_its_definition():
    rng, reference = np.random.default_rng(11), np.random.default_rng(11)
    for _ in range(10):
        beta = sample_beta(0.9, 0.999, rng=rng)
        expected = 1 - sample_log_uniform(1 - 0.999, 1 - 0.9, rng=reference)
        assert beta == pytest.approx(expected, rel=1e-12)


@settings(max_examples=50, deadline=None)
@given(
    low=st.floats(0.0, 0.99),
    width=st.floats(1e-6, 1.0),
    seed=st.integers(0, 2**32 - 1),
)
def test_beta_stays_in_range(low, width, seed):
    high = low + width * (1.0 - low) * 0.999
    if not low < high < 1.0:
        return
    rng = np.random.default_rng(seed)
    for _ in range(20):
        assert low <= sample_beta(low, high, rng=rng) <= high


def test_beta_is_uniform_on_one_minus_beta():
    rng = np.random.default_rng(1)
    betas = np.array([sample_beta(0.9, 0.999, rng=rng) for _ in range(4000)])
    # 1 - beta is log-uniform on [1e-3, 1e-1]: half of beta lies in [0.9, 0.99], half above.
    # (A linear sampler would put 91 % of the draws below 0.99.)
    assert abs((betas < 0.99).mean() - 0.5) < 0.03


@pytest.mark.parametrize(("low", "high"), [(0.9, 1.0), (0.9, 0.9), (-0.1, 0.5), (0.99, 0.9)])
def test_beta_rejects_bad_ranges(low, high):
    with pytest.raises(ValueError):
        sample_beta(low, high, rng=np.random.default_rng(0))


# ---------------------------------------------------------------- random_search


def test_random_search_single_round_draw_order():
    space = {"lr": (1e-4, 1.0, "log"), "beta": (0.9, 0.999, "beta"), "h": (1.0, 5.0, "linear")}
    calls = []

    def objective(lr, beta, h):
        calls.append((lr, beta, h))
        return lr + beta + h

    best, best_value, trials = random_search(
        objective, space, 4, rng=np.random.default_rng(3), n_rounds=1
    )
    reference = np.random.default_rng(3)
    for (params, value), call in zip(trials, calls, strict=True):
        # Within a trial: one draw per name, in the order of `space`.
        u_lr, u_beta, u_h = reference.random(), reference.random(), reference.random()
        assert params["lr"] == pytest.approx(10 ** (-4 + 4 * u_lr), rel=1e-12)
        assert params["beta"] == pytest.approx(1 - 10 ** (-3 + 2 * u_beta), rel=1e-12)
        assert params["h"] == pytest.approx(1 + 4 * u_h, rel=1e-12)
        assert tuple(params.values()) == call
        assert value == pytest.approx(sum(call))
    assert len(trials) == 4
    assert best_value == min(value for _, value in trials)
    assert best == next(params for params, value in trials if value == best_value)


def test_random_search_zooms_by_the_documented_rule():
    # Linear [0, 10], zoom 0.25 -> next width 2.5. The optimum 9.9 is near the top edge, so
    # the window [best - 1.25, best + 1.25] sticks out and is shifted back to [7.5, 10].
    n_trials = 300
    _, _, trials = random_search(
        lambda x: (x - 9.9) ** 2,
        {"x": (0.0, 10.0, "linear")},
        n_trials,
        rng=np.random.default_rng(0),
        n_rounds=2,
        zoom=0.25,
    )
    round1 = [p["x"] for p, _ in trials[:n_trials]]
    round2 = np.array([p["x"] for p, _ in trials[n_trials:]])
    best1 = min(round1, key=lambda x: (x - 9.9) ** 2)
    assert best1 > 8.75  # so the window must have been shifted
    assert round2.min() >= 7.5 and round2.max() <= 10.0
    assert round2.min() < 7.6 and round2.max() > 9.9  # and it is the whole [7.5, 10]


def test_random_search_zoom_centres_on_best_in_log_space():
    # log [1e-6, 1], 6 decades, zoom 0.5 -> 3 decades centred on the round-1 best (in log10).
    n_trials = 200
    _, _, trials = random_search(
        lambda lr: (math.log10(lr) + 3.2) ** 2,
        {"lr": (1e-6, 1.0, "log")},
        n_trials,
        rng=np.random.default_rng(1),
        n_rounds=2,
        zoom=0.5,
    )
    best1 = min((p["lr"] for p, _ in trials[:n_trials]), key=lambda lr: abs(math.log10(lr) + 3.2))
    t = np.log10([p["lr"] for p, _ in trials[n_trials:]])
    centre = math.log10(best1)
    assert t.min() >= centre - 1.5 - 1e-12 and t.max() <= centre + 1.5 + 1e-12
    assert t.max() - t.min() > 2.9


def test_random_search_beta_zoom_stays_inside_range():
    n_trials = 100
    _, _, trials = random_search(
        lambda beta: abs(math.log10(1 - beta) + 2.5),  # best near beta = 1 - 10**-2.5
        {"beta": (0.9, 0.999, "beta")},
        n_trials,
        rng=np.random.default_rng(2),
        n_rounds=3,
        zoom=0.5,
    )
    t = [
        np.log10([1 - p["beta"] for p, _ in trials[k * n_trials : (k + 1) * n_trials]])
        for k in range(3)
    ]
    # Round widths on the log10(1 - beta) scale: 2, then 1, then 0.5 (at most).
    assert t[1].max() - t[1].min() <= 1.0 + 1e-9
    assert t[2].max() - t[2].min() <= 0.5 + 1e-9
    for values in t:
        assert values.min() >= -3 - 1e-12 and values.max() <= -1 + 1e-12


def test_random_search_refines_the_coarse_result():
    def objective(lr, beta):
        return (math.log10(lr) + 2.3) ** 2 + (math.log10(1 - beta) + 2.0) ** 2

    space = {"lr": (1e-5, 1.0, "log"), "beta": (0.9, 0.999, "beta")}
    coarse = random_search(objective, space, 15, rng=np.random.default_rng(4), n_rounds=1)
    fine = random_search(objective, space, 15, rng=np.random.default_rng(4), n_rounds=3)
    # Same seed: the first round is identical, later rounds can only improve the best.
    assert fine[2][:15] == coarse[2]
    assert fine[1] <= coarse[1]
    assert len(fine[2]) == 45
    assert fine[1] < 0.05
    assert fine[0]["lr"] == pytest.approx(10**-2.3, rel=0.3)


def test_random_search_nan_is_never_best():
    values = iter([float("nan"), 3.0, float("nan"), 1.0, 2.0, float("nan")])
    best, best_value, trials = random_search(
        lambda x: next(values), {"x": (0.0, 1.0, "linear")}, 3, rng=np.random.default_rng(0)
    )
    assert best_value == 1.0
    assert best == trials[3][0]


def test_random_search_is_reproducible_and_returns_plain_floats():
    space = {"a": (-1.0, 1.0, "linear")}
    run1 = random_search(lambda a: a * a, space, 5, rng=np.random.default_rng(9))
    run2 = random_search(lambda a: a * a, space, 5, rng=np.random.default_rng(9))
    assert run1 == run2
    assert isinstance(run1[1], float)
    assert all(type(v) is float for params, _ in run1[2] for v in params.values())


@pytest.mark.parametrize(
    ("space", "kwargs", "match"),
    [
        ({}, {}, "empty"),
        ({"x": (0.0, 1.0, "cubic")}, {}, "scale"),
        ({"x": (1.0, 0.0, "linear")}, {}, "low < high"),
        ({"x": (0.0, 1.0, "log")}, {}, "0 < low"),
        ({"x": (0.9, 1.0, "beta")}, {}, "high < 1"),
        ({"x": (0.0, 1.0)}, {}, "low, high, scale"),
        ({"not a name": (0.0, 1.0, "linear")}, {}, "identifier"),
        ({"x": (0.0, 1.0, "linear")}, {"n_trials": 0}, "n_trials"),
        ({"x": (0.0, 1.0, "linear")}, {"n_rounds": 0}, "n_rounds"),
        ({"x": (0.0, 1.0, "linear")}, {"zoom": 0.0}, "zoom"),
        ({"x": (0.0, 1.0, "linear")}, {"zoom": 1.5}, "zoom"),
    ],
)
def test_random_search_validates(space, kwargs, match):
    arguments = {"n_trials": 3, **kwargs}
    with pytest.raises(ValueError, match=match):
        random_search(
            lambda **p: 0.0,
            space,
            arguments.pop("n_trials"),
            rng=np.random.default_rng(0),
            **arguments,
        )


def test_random_search_does_not_mutate_space():
    space = {"lr": (1e-4, 1.0, "log")}
    random_search(lambda lr: lr, space, 3, rng=np.random.default_rng(0), n_rounds=3)
    assert space == {"lr": (1e-4, 1.0, "log")}
