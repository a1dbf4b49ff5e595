"""Tests for dlutils.batching.random_mini_batches: sizes, pairing, one permutation per call."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_array_equal

from dlutils.batching import random_mini_batches


def _labelled_set(n_x, n_y, m):
    """X whose column j is all j (shifted per row), Y whose column j is -j: pairing is visible."""
    columns = np.arange(m, dtype=np.float64)
    X = columns[None, :] + 1000.0 * np.arange(n_x)[:, None]
    Y = -columns[None, :] - 1000.0 * np.arange(n_y)[:, None]
    return X, Y


@pytest.mark.parametrize(
    ("m", "size", "expected"),
    [
        (148, 64, [64, 64, 20]),  # 148 = 2*64 + 20
        (128, 64, [64, 64]),  # a multiple: no empty or small last batch
        (5, 1, [1, 1, 1, 1, 1]),  # stochastic gradient descent
        (10, 32, [10]),  # batch gradient descent when the batch is bigger than m
        (7, 3, [3, 3, 1]),
    ],
)
def test_batch_sizes(m, size, expected):
    X, Y = _labelled_set(3, 1, m)
    batches = random_mini_batches(X, Y, size, rng=np.random.default_rng(0))
    assert [xb.shape[1] for xb, _ in batches] == expected
    assert [yb.shape[1] for _, yb in batches] == expected
    for xb, yb in batches:
        assert xb.shape[0] == 3 and yb.shape[0] == 1


def test_exactly_one_permutation_drawn_and_used_in_order():
    X, Y = _labelled_set(2, 3, 23)
    batches = random_mini_batches(X, Y, 5, rng=np.random.default_rng(42))
    # By hand: the same generator gives the same permutation; batch k is columns perm[5k:5k+5].
    reference = np.random.default_rng(42)
    perm = reference.permutation(23)
    for k, (xb, yb) in enumerate(batches):
        assert_array_equal(xb, X[:, perm[5 * k : 5 * k + 5]])
        assert_array_equal(yb, Y[:, perm[5 * k : 5 * k + 5]])
    # ... and the generator has advanced by exactly that one draw.
    rng = np.random.default_rng(42)
    random_mini_batches(X, Y, 5, rng=rng)
    assert rng.random() == reference.random()


def test_same_seed_same_batches_and_successive_calls_differ():
    X, Y = _labelled_set(2, 1, 50)
    a = random_mini_batches(X, Y, 16, rng=np.random.default_rng(7))
    b = random_mini_batches(X, Y, 16, rng=np.random.default_rng(7))
    for (xa, ya), (xb, yb) in zip(a, b, strict=True):
        assert_array_equal(xa, xb)
        assert_array_equal(ya, yb)
    rng = np.random.default_rng(7)
    first = random_mini_batches(X, Y, 50, rng=rng)[0][0]
    second = random_mini_batches(X, Y, 50, rng=rng)[0][0]
    assert not np.array_equal(first, second)  # a new shuffle every epoch


@settings(max_examples=40, deadline=None)
@given(
    n_x=st.integers(1, 4),
    n_y=st.integers(1, 3),
    m=st.integers(1, 70),
    size=st.integers(1, 20),
    seed=st.integers(0, 2**16),
)
def test_union_is_a_permutation_pairs_kept_inputs_untouched(n_x, n_y, m, size, seed):
    X, Y = _labelled_set(n_x, n_y, m)
    X_before, Y_before = X.copy(), Y.copy()
    batches = random_mini_batches(X, Y, size, rng=np.random.default_rng(seed))
    assert len(batches) == -(-m // size)  # ceil(m / size)
    assert all(xb.shape[1] == size for xb, _ in batches[:-1])
    assert 1 <= batches[-1][0].shape[1] <= size
    all_x = np.concatenate([xb for xb, _ in batches], axis=1)
    all_y = np.concatenate([yb for _, yb in batches], axis=1)
    # row 0 of X holds the column index: the union is a permutation of 0..m-1
    order = all_x[0].astype(int)
    assert_array_equal(np.sort(order), np.arange(m))
    assert_array_equal(all_x, X[:, order])
    assert_array_equal(all_y, Y[:, order])  # every Y column travels with its X column
    assert_array_equal(X, X_before)
    assert_array_equal(Y, Y_before)
    for xb, yb in batches:
        assert not np.shares_memory(xb, X) and not np.shares_memory(yb, Y)


@pytest.mark.parametrize("dtype", [np.float32, np.float64, np.int64])
def test_dtype_is_kept(dtype):
    X = np.ones((2, 9), dtype=dtype)
    Y = np.zeros((1, 9), dtype=dtype)
    for xb, yb in random_mini_batches(X, Y, 4, rng=np.random.default_rng(0)):
        assert xb.dtype == dtype and yb.dtype == dtype


def test_one_hot_labels_are_supported():
    X, _ = _labelled_set(2, 1, 12)
    labels = np.arange(12) % 3
    Y = np.eye(3)[:, labels]  # (3, 12) one-hot
    for xb, yb in random_mini_batches(X, Y, 5, rng=np.random.default_rng(1)):
        assert yb.shape[0] == 3
        assert_array_equal(yb.argmax(axis=0), xb[0].astype(int) % 3)


def test_validation():
    X = np.zeros((2, 10))
    rng = np.random.default_rng(0)
    with pytest.raises(ValueError, match="examples"):
        random_mini_batches(X, np.zeros((1, 9)), rng=rng)
    with pytest.raises(ValueError, match="2-D"):
        random_mini_batches(X, np.zeros(10), rng=rng)
    for bad in (0, -3, 2.5):
        with pytest.raises(ValueError, match="mini_batch_size"):
            random_mini_batches(X, np.zeros((1, 10)), bad, rng=rng)


def test_rng_is_keyword_only():
    with pytest.raises(TypeError):
        random_mini_batches(np.zeros((1, 4)), np.zeros((1, 4)), 2, np.random.default_rng(0))
