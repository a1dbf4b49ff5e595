"""Tests for dlutils.model_selection: splits, bias/variance diagnosis, normalization, early stop."""

import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from dlutils.model_selection import (
    diagnose_fit,
    early_stopping_epoch,
    normalize_inputs,
    split_train_dev_test,
)

# ---------------------------------------------------------------- split_train_dev_test


def _labelled_columns(m, n_x=3):
    """X whose column i holds i, 100 + i, 200 + i, ...; Y holds -i, so pairs can be traced."""
    X = np.arange(n_x)[:, None] * 100.0 + np.arange(m)[None, :]
    Y = -np.arange(m, dtype=np.float64)[None, :]
    return X, Y


def test_split_sizes_and_documented_permutation():
    X, Y = _labelled_columns(10)
    X_tr, Y_tr, X_dev, Y_dev, X_te, Y_te = split_train_dev_test(
        X, Y, (0.6, 0.2, 0.2), rng=np.random.default_rng(3)
    )
    # round(0.6 * 10) = 6 train, round(0.2 * 10) = 2 dev, 10 - 8 = 2 test.
    assert X_tr.shape == (3, 6) and X_dev.shape == (3, 2) and X_te.shape == (3, 2)
    assert Y_tr.shape == (1, 6) and Y_dev.shape == (1, 2) and Y_te.shape == (1, 2)
    # The documented draw: one rng.permutation(m), cut in order train | dev | test.
    perm = np.random.default_rng(3).permutation(10)
    assert_array_equal(X_tr, X[:, perm[:6]])
    assert_array_equal(X_dev, X[:, perm[6:8]])
    assert_array_equal(X_te, X[:, perm[8:]])
    assert_array_equal(Y_te, Y[:, perm[8:]])


def test_split_keeps_labels_with_their_examples():
    X, Y = _labelled_columns(17)
    parts = split_train_dev_test(X, Y, (0.5, 0.25, 0.25), rng=np.random.default_rng(0))
    for X_part, Y_part in zip(parts[0::2], parts[1::2], strict=True):
        assert_array_equal(X_part[0], -Y_part[0])


def test_split_shuffles():
    X, Y = _labelled_columns(50)
    X_tr, *_ = split_train_dev_test(X, Y, (1.0, 0.0, 0.0), rng=np.random.default_rng(1))
    assert X_tr.shape == (3, 50)
    assert not np.array_equal(X_tr, X), "the columns should be permuted"
    assert_array_equal(np.sort(X_tr[0]), X[0])


def test_split_rounding_never_exceeds_m():
    # m = 3, (0.5, 0.5, 0): round(1.5) = 2 train, round(1.5) = 2 dev -> dev capped at 3 - 2 = 1.
    X, Y = _labelled_columns(3)
    X_tr, _, X_dev, _, X_te, _ = split_train_dev_test(
        X, Y, (0.5, 0.5, 0.0), rng=np.random.default_rng(0)
    )
    assert (X_tr.shape[1], X_dev.shape[1], X_te.shape[1]) == (2, 1, 0)


def test_split_big_data_fractions():
    # The lecture's big-data split: 98 / 1 / 1 of 10,000 examples -> 9800, 100, 100.
    X, Y = np.zeros((1, 10_000)), np.zeros((1, 10_000))
    X_tr, _, X_dev, _, X_te, _ = split_train_dev_test(
        X, Y, (0.98, 0.01, 0.01), rng=np.random.default_rng(0)
    )
    assert (X_tr.shape[1], X_dev.shape[1], X_te.shape[1]) == (9800, 100, 100)


def test_split_one_hot_labels():
    X, _ = _labelled_columns(8)
    Y = np.eye(4)[:, np.arange(8) % 4]  # (4, 8) one-hot, class = column % 4
    X_tr, Y_tr, *_ = split_train_dev_test(X, Y, (0.5, 0.25, 0.25), rng=np.random.default_rng(2))
    assert Y_tr.shape == (4, 4)
    assert_array_equal(Y_tr.argmax(axis=0), X_tr[0] % 4)


@pytest.mark.parametrize(
    "fractions",
    [(0.6, 0.2, 0.1), (0.6, 0.4), (0.5, 0.3, 0.1, 0.1), (1.2, -0.1, -0.1), (0.5, 0.5, "a")],
)
def test_split_rejects_bad_fractions(fractions):
    X, Y = _labelled_columns(10)
    with pytest.raises(ValueError, match="fraction"):
        split_train_dev_test(X, Y, fractions, rng=np.random.default_rng(0))


def test_split_rejects_mismatched_examples():
    X, _ = _labelled_columns(10)
    with pytest.raises(ValueError, match="examples"):
        split_train_dev_test(X, np.zeros((1, 9)), (0.6, 0.2, 0.2), rng=np.random.default_rng(0))


@settings(max_examples=40, deadline=None)
@given(
    m=st.integers(1, 60),
    a=st.floats(0, 1),
    b=st.floats(0, 1),
    seed=st.integers(0, 2**32 - 1),
)
def test_split_is_a_partition_and_does_not_mutate(m, a, b, seed):
    f_train, f_dev = a, (1 - a) * b
    fractions = (f_train, f_dev, 1 - f_train - f_dev)
    X, Y = _labelled_columns(m)
    X_copy, Y_copy = X.copy(), Y.copy()
    parts = split_train_dev_test(X, Y, fractions, rng=np.random.default_rng(seed))
    sizes = [part.shape[1] for part in parts[0::2]]
    assert sum(sizes) == m
    assert sizes[0] == round(f_train * m)
    # Every column appears exactly once: the split is a permutation of the examples.
    assert_array_equal(np.sort(np.concatenate([p[0] for p in parts[0::2]])), np.arange(m))
    assert_array_equal(X, X_copy)
    assert_array_equal(Y, Y_copy)
    # The parts are copies: writing into them leaves the input alone.
    for part in parts:
        part[...] = 12345.0
    assert_array_equal(X, X_copy)


# ---------------------------------------------------------------- diagnose_fit


@pytest.mark.parametrize(
    ("train_error", "dev_error", "expected"),
    [
        (0.01, 0.11, "high variance"),  # bias 1 pt, variance 10 pts
        (0.15, 0.16, "high bias"),  # bias 15 pts, variance 1 pt
        (0.15, 0.30, "high bias and high variance"),  # 15 pts and 15 pts
        (0.005, 0.01, "low bias and low variance"),  # 0.5 pt and 0.5 pt
    ],
)
def test_diagnose_fit_lecture_table(train_error, dev_error, expected):
    assert diagnose_fit(train_error, dev_error) == expected


def test_diagnose_fit_uses_bayes_error():
    # Human-level 15 %: 15 % / 16 % has no avoidable bias (0 pts) and 1 pt variance.
    assert diagnose_fit(0.15, 0.16, bayes_error=0.15) == "low bias and low variance"
    # Bayes 10 %, train 12 %, dev 25 %: avoidable bias 2 pts, variance 13 pts.
    assert diagnose_fit(0.12, 0.25, 0.10) == "high variance"
    # A training error below the Bayes estimate is not bias.
    assert diagnose_fit(0.02, 0.03, bayes_error=0.04) == "low bias and low variance"


def test_diagnose_fit_threshold_is_strictly_more_than_five_points():
    # 0.20 - 0.15 is 0.05000000000000002 in float64, but a 5-point gap is not "high".
    assert diagnose_fit(0.15, 0.20, bayes_error=0.15) == "low bias and low variance"
    assert diagnose_fit(0.15, 0.2001, bayes_error=0.15) == "high variance"
    assert diagnose_fit(0.05, 0.05) == "low bias and low variance"
    assert diagnose_fit(0.0501, 0.0501) == "high bias"


@pytest.mark.parametrize("args", [(11, 0.2), (0.1, 1.5), (-0.01, 0.1), (0.1, 0.2, 2.0)])
def test_diagnose_fit_rejects_non_fractions(args):
    with pytest.raises(ValueError, match=r"\[0, 1\]"):
        diagnose_fit(*args)


def test_diagnose_fit_hints_at_percentages():
    with pytest.raises(ValueError, match="did you mean 0.11"):
        diagnose_fit(0.01, 11)


# ---------------------------------------------------------------- normalize_inputs


def test_normalize_inputs_hand_worked():
    X_train = np.array([[1.0, 2.0, 3.0], [4.0, 4.0, 4.0]])
    X_test = np.array([[5.0, 0.0], [6.0, 4.0]])
    with np.errstate(all="raise"):
        train_norm, test_norm = normalize_inputs(X_train, X_test)
    # Row 0: mean 2, variance (1 + 0 + 1) / 3 = 2/3, sigma = 0.8164966.
    #   train -> (-1, 0, 1) / 0.8164966 = (-1.2247449, 0, 1.2247449)
    #   test  -> (5 - 2) / 0.8164966 = 3.6742346 and (0 - 2) / 0.8164966 = -2.4494897
    # Row 1: constant 4 -> only centred: train (0, 0, 0), test (6 - 4, 4 - 4) = (2, 0).
    assert_allclose(train_norm, [[-1.2247449, 0.0, 1.2247449], [0.0, 0.0, 0.0]], atol=1e-7)
    assert_allclose(test_norm, [[3.6742346, -2.4494897], [2.0, 0.0]], atol=1e-7)


def test_normalize_inputs_uses_train_statistics_only():
    rng = np.random.default_rng(0)
    X_train = rng.standard_normal((3, 40)) * 5 + 7
    X_test = rng.standard_normal((3, 10)) * 50 - 100  # very different statistics
    train_norm, test_norm = normalize_inputs(X_train, X_test)
    assert_allclose(train_norm.mean(axis=1), 0.0, atol=1e-12)
    assert_allclose(train_norm.std(axis=1), 1.0, rtol=1e-12)
    mu, sigma = X_train.mean(axis=1, keepdims=True), X_train.std(axis=1, keepdims=True)
    assert_allclose(test_norm, (X_test - mu) / sigma, rtol=1e-12)
    assert np.abs(test_norm.mean(axis=1)).min() > 1.0, "test set must not be re-centred"


def test_normalize_inputs_constant_feature_is_exactly_centred_without_warning():
    # 0.1 repeated: its float mean may differ from 0.1 in the last bit; the result must be 0.
    X_train = np.array([[0.1] * 7, [1.0, 2.0, 3.0, 4.0, 5.0, 6.0, 7.0]])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            train_norm, test_norm = normalize_inputs(X_train, np.array([[0.3], [4.0]]))
    assert_array_equal(train_norm[0], 0.0)
    assert_allclose(test_norm[0], 0.3 - 0.1, rtol=1e-12)
    assert np.isfinite(train_norm).all() and np.isfinite(test_norm).all()


def test_normalize_inputs_single_example_is_only_centred():
    train_norm, test_norm = normalize_inputs(np.array([[2.0], [3.0]]), np.array([[5.0], [1.0]]))
    assert_array_equal(train_norm, [[0.0], [0.0]])
    assert_array_equal(test_norm, [[3.0], [-2.0]])


def test_normalize_inputs_dtypes():
    X32 = np.arange(12, dtype=np.float32).reshape(3, 4)
    a, b = normalize_inputs(X32, X32[:, :2])
    assert a.dtype == np.float32 and b.dtype == np.float32
    ints = np.arange(12).reshape(3, 4)
    a, b = normalize_inputs(ints, ints)
    assert a.dtype == np.float64 and b.dtype == np.float64
    assert_allclose(a[0], (np.arange(4) - 1.5) / np.sqrt(1.25))


def test_normalize_inputs_rejects_mismatched_features():
    with pytest.raises(ValueError, match="features"):
        normalize_inputs(np.zeros((3, 4)), np.zeros((2, 4)))
    with pytest.raises(ValueError, match="no examples"):
        normalize_inputs(np.zeros((3, 0)), np.zeros((3, 4)))


@settings(max_examples=30, deadline=None)
@given(
    seed=st.integers(0, 2**32 - 1),
    m=st.integers(2, 30),
    scale=st.floats(0.01, 100),
    shift=st.floats(-100, 100),
)
def test_normalize_inputs_invariant_to_affine_rescaling(seed, m, scale, shift):
    rng = np.random.default_rng(seed)
    X_train, X_test = rng.standard_normal((3, m)), rng.standard_normal((3, 5))
    before = (X_train.copy(), X_test.copy())
    expected_train, expected_test = normalize_inputs(X_train, X_test)
    got_train, got_test = normalize_inputs(X_train * scale + shift, X_test * scale + shift)
    assert_allclose(got_train, expected_train, atol=1e-6)
    assert_allclose(got_test, expected_test, atol=1e-6)
    assert_array_equal(X_train, before[0])
    assert_array_equal(X_test, before[1])


# ---------------------------------------------------------------- early_stopping_epoch


@pytest.mark.parametrize(
    ("costs", "patience", "expected"),
    [
        # Improves at epochs 1 and 3; epochs 4 (3.5) and 5 (3.2) do not beat 3 -> stop, keep 3.
        ([5, 4, 4, 3, 3.5, 3.2, 1], 2, 3),
        # Same costs, patience 3: epochs 4, 5 fail, epoch 6 (1 < 3) improves -> keep 6.
        ([5, 4, 4, 3, 3.5, 3.2, 1], 3, 6),
        # Epoch 1 and 2 fail (2, 3 > 1) -> stop after epoch 2, keep 0; the 0 is never seen.
        ([1, 2, 3, 0], 2, 0),
        ([1, 2, 3, 0], 3, 3),
        # Equal costs are not improvements: the first minimum is kept.
        ([3, 2, 2, 2, 2], 10, 1),
        # Epochs 2 and 3 equal the best (2), so they fail -> stop before the 1.9, keep 1.
        ([3, 2, 2, 2, 1.9], 2, 1),
        # Always improving: the last epoch.
        ([4, 3, 2, 1], 1, 3),
        # patience 1 stops at the first non-improvement.
        ([4, 3, 3.5, 1], 1, 1),
        ([7], 1, 0),
    ],
)
def test_early_stopping_hand_worked(costs, patience, expected):
    assert early_stopping_epoch(costs, patience) == expected


def test_early_stopping_ignores_nan():
    # A NaN epoch never improves, and a NaN start is beaten by any number.
    assert early_stopping_epoch([1.0, float("nan"), float("nan"), 0.0], 2) == 0
    assert early_stopping_epoch([float("nan"), 2.0, 1.0], 1) == 2
    assert early_stopping_epoch(np.array([2.0, 1.0, np.nan, 0.5]), 2) == 3


@pytest.mark.parametrize("patience", [0, -1, 1.5, True, "2"])
def test_early_stopping_rejects_bad_patience(patience):
    with pytest.raises(ValueError, match="patience"):
        early_stopping_epoch([1.0, 0.5], patience)


def test_early_stopping_rejects_empty():
    with pytest.raises(ValueError, match="empty"):
        early_stopping_epoch([], 3)


@settings(max_examples=50, deadline=None)
@given(costs=st.lists(st.integers(0, 5), min_size=1, max_size=25), patience=st.integers(1, 30))
def test_early_stopping_properties(costs, patience):
    epoch = early_stopping_epoch(costs, patience)
    assert 0 <= epoch < len(costs)
    # The kept epoch is the first minimum of everything up to it.
    assert costs[epoch] == min(costs[: epoch + 1])
    assert costs.index(costs[epoch]) == epoch
    if patience >= len(costs):
        assert epoch == int(np.argmin(costs))
    # Larger patience never stops earlier, so never keeps a worse epoch.
    assert costs[early_stopping_epoch(costs, patience + 1)] <= costs[epoch]
