"""Tests for dlutils.numpy_basics (C1W2_numpy_basics)."""

import contextlib
import math
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp
from numpy.testing import assert_allclose, assert_array_equal

from dlutils import numpy_basics as nb
from dlutils.gradcheck import numerical_gradient

PROPERTY_SETTINGS = settings(max_examples=30, deadline=None)


@contextlib.contextmanager
def _strict():
    """Any warning, or any numpy floating-point event, fails the test."""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        yield


# ------------------------------------------------------------------------------ sigmoids


def test_basic_sigmoid_golden_values():
    # 1 / (1 + e^-3) = 1 / 1.0497870684 = 0.9525741268
    assert_allclose(nb.basic_sigmoid(3), 0.9525741268, rtol=1e-9)
    assert nb.basic_sigmoid(0) == 0.5
    assert type(nb.basic_sigmoid(2)) is float
    assert type(nb.basic_sigmoid(np.float32(2))) is float


def test_basic_sigmoid_is_stable_for_large_inputs():
    assert nb.basic_sigmoid(1000) == 1.0
    assert nb.basic_sigmoid(-1000) == 0.0
    # relative precision for very negative x: e^-40 / (1 + e^-40)
    assert_allclose(nb.basic_sigmoid(-40.0), math.exp(-40) / (1 + math.exp(-40)), rtol=1e-14)


@pytest.mark.parametrize("bad", [[1, 2, 3], np.array([1.0, 2.0])])
def test_basic_sigmoid_rejects_lists_and_arrays(bad):
    with pytest.raises(TypeError):
        nb.basic_sigmoid(bad)


def test_sigmoid_golden_values_and_agreement_with_basic_sigmoid():
    # sigma(1), sigma(2), sigma(3) = 0.7310585786, 0.8807970780, 0.9525741268
    x = np.array([1.0, 2.0, 3.0])
    assert_allclose(nb.sigmoid(x), [0.7310585786, 0.8807970780, 0.9525741268], rtol=1e-9)
    values = np.linspace(-50, 50, 41)
    assert_allclose(nb.sigmoid(values), [nb.basic_sigmoid(v) for v in values], rtol=1e-14)


def test_sigmoid_derivative_golden_values():
    # s(1 - s): 0.7310585786 * 0.2689414214 = 0.1966119332, 0.8807970780 * 0.1192029220 =
    # 0.1049935854, 0.9525741268 * 0.0474258732 = 0.0451766597
    x = np.array([1.0, 2.0, 3.0])
    assert_allclose(nb.sigmoid_derivative(x), [0.1966119332, 0.1049935854, 0.0451766597], rtol=1e-8)
    assert nb.sigmoid_derivative(np.array([0.0]))[0] == 0.25


@pytest.mark.parametrize("shape", [(1,), (3, 4), (2, 3, 2)])
def test_sigmoid_derivative_matches_finite_differences(shape):
    rng = np.random.default_rng(len(shape))
    x = rng.standard_normal(shape) * 3 + 1
    upstream = rng.standard_normal(shape)
    numeric = numerical_gradient(nb.sigmoid, x, upstream=upstream)
    assert_allclose(upstream * nb.sigmoid_derivative(x), numeric, rtol=1e-6, atol=1e-9)


def test_sigmoids_are_quiet_at_1000():
    with _strict():
        assert_array_equal(nb.sigmoid(np.array([-1000.0, 1000.0])), [0.0, 1.0])
        assert_array_equal(nb.sigmoid_derivative(np.array([-1000.0, 1000.0])), [0.0, 0.0])


# ------------------------------------------------------------------------------ image2vector


def test_image2vector_shape_and_order():
    image = np.arange(3 * 4 * 2, dtype=float).reshape(3, 4, 2)
    v = nb.image2vector(image)
    assert v.shape == (24, 1)
    # C order: entry [i, j, k] lands at row i*4*2 + j*2 + k
    assert v[1 * 8 + 2 * 2 + 1, 0] == image[1, 2, 1]
    assert_array_equal(v[:, 0], np.arange(24))


def test_image2vector_rejects_non_3d_input():
    with pytest.raises(ValueError, match="length, height, depth"):
        nb.image2vector(np.zeros((4, 4)))


# ---------------------------------------------------------------------------- normalize_rows


def test_normalize_rows_golden_values():
    # row 0: ||(0, 3, 4)|| = 5 -> (0, 0.6, 0.8); row 1: ||(1, 6, 4)|| = sqrt(1 + 36 + 16) = sqrt 53
    x = np.array([[0, 3, 4], [1, 6, 4]])
    s53 = math.sqrt(53)
    assert_allclose(nb.normalize_rows(x), [[0, 0.6, 0.8], [1 / s53, 6 / s53, 4 / s53]], rtol=1e-15)


def test_normalize_rows_handles_tiny_and_huge_rows():
    # squaring 1e-200 underflows and squaring 1e200 overflows; the directions are still (0.6, 0.8)
    x = np.array([[3e-200, 4e-200], [3e200, 4e200]])
    with _strict():
        out = nb.normalize_rows(x)
    assert_allclose(out, [[0.6, 0.8], [0.6, 0.8]], rtol=1e-15)


def test_normalize_rows_leaves_a_zero_row_at_zero_without_warning():
    x = np.array([[0.0, 0.0], [3.0, -4.0]])
    with _strict():
        out = nb.normalize_rows(x)
    assert_allclose(out, [[0.0, 0.0], [0.6, -0.8]], rtol=1e-15)


# ----------------------------------------------------------------------------------- softmax


def test_softmax_is_row_wise_golden_values():
    # row 0: (e^0, e^ln3) = (1, 3) -> (1/4, 3/4); row 1: equal entries -> (1/2, 1/2)
    x = np.array([[0.0, math.log(3.0)], [5.0, 5.0]])
    assert_allclose(nb.softmax(x), [[0.25, 0.75], [0.5, 0.5]], rtol=1e-15)


def test_softmax_is_quiet_and_exact_at_large_inputs():
    with _strict():
        out = nb.softmax(np.array([[1000.0, 0.0, -1000.0], [-1000.0, -1000.0, -1000.0]]))
    assert_allclose(out, [[1, 0, 0], [1 / 3, 1 / 3, 1 / 3]], rtol=1e-15)


# ------------------------------------------------------------------------------------ L1, L2


def test_l1_and_l2_golden_values():
    yhat = np.array([0.9, 0.2, 0.1, 0.4, 0.9])
    y = np.array([1, 0, 0, 1, 1])
    # |diff| = 0.1, 0.2, 0.1, 0.6, 0.1 -> L1 = 1.1;  diff^2 = .01, .04, .01, .36, .01 -> L2 = .43
    l1, l2 = nb.L1(yhat, y), nb.L2(yhat, y)
    assert type(l1) is np.float64 and type(l2) is np.float64
    assert_allclose(l1, 1.1, rtol=1e-14)
    assert_allclose(l2, 0.43, rtol=1e-14)


def test_l1_l2_work_on_matrices_and_reject_mismatched_shapes():
    yhat = np.array([[1.0, 2.0], [3.0, 4.0]])
    y = np.array([[0.0, 2.0], [5.0, 4.0]])
    assert nb.L1(yhat, y) == 3.0  # 1 + 0 + 2 + 0
    assert nb.L2(yhat, y) == 5.0  # 1 + 0 + 4 + 0
    with pytest.raises(ValueError, match="shape"):
        nb.L1(np.ones(3), np.ones((3, 1)))
    with pytest.raises(ValueError, match="shape"):
        nb.L2(np.ones(3), np.ones((3, 1)))


# ------------------------------------------------------------------------ column_percentages


def test_column_percentages_calories_example():
    # calories from carbs, protein, fat (rows) in apples, beef, eggs, potatoes (columns)
    A = np.array([[56.0, 0.0, 4.4, 68.0], [1.2, 104.0, 52.0, 8.0], [1.8, 135.0, 99.0, 0.9]])
    # column totals: 59, 239, 155.4, 76.9; e.g. apples: 56/59 = 94.9152542%, beef 104/239 =
    # 43.5146444%, eggs 99/155.4 = 63.7065637%, potatoes 0.9/76.9 = 1.1703511%
    P = nb.column_percentages(A)
    assert_allclose(P[0, 0], 94.9152542, rtol=1e-8)
    assert_allclose(P[1, 1], 43.5146444, rtol=1e-8)
    assert_allclose(P[2, 2], 63.7065637, rtol=1e-8)
    assert_allclose(P[2, 3], 1.1703511, rtol=1e-7)
    assert_allclose(P.sum(axis=0), 100.0, rtol=1e-13)


def test_column_percentages_zero_column_is_zero_without_warning():
    A = np.array([[1, 0], [3, 0]])
    with _strict():
        P = nb.column_percentages(A)
    assert_array_equal(P, [[25.0, 0.0], [75.0, 0.0]])


# ------------------------------------------------------------------------- computation_graph


def test_computation_graph_golden_values():
    # u = 3 * 2 = 6, v = 5 + 6 = 11, J = 33; dJ/da = 3, dJ/db = 3c = 6, dJ/dc = 3b = 9
    result = nb.computation_graph(5, 3, 2)
    assert result == (33.0, 3.0, 6.0, 9.0)
    assert all(type(value) is float for value in result)


def test_computation_graph_broadcasts_arrays():
    a = np.array([1.0, 2.0])  # shape (2,)
    b = 3.0
    c = np.array([[1.0], [2.0]])  # shape (2, 1) -> everything broadcasts to (2, 2)
    J, dJ_da, dJ_db, dJ_dc = nb.computation_graph(a, b, c)
    # J[i, j] = 3 (a[j] + 3 c[i]): row 0 = 3 * (1 + 3, 2 + 3) = (12, 15); row 1 = (21, 24)
    assert_array_equal(J, [[12.0, 15.0], [21.0, 24.0]])
    assert_array_equal(dJ_da, np.full((2, 2), 3.0))
    assert_array_equal(dJ_db, [[3.0, 3.0], [6.0, 6.0]])  # 3 c[i]
    assert_array_equal(dJ_dc, np.full((2, 2), 9.0))  # 3 b


def test_computation_graph_partials_match_finite_differences():
    rng = np.random.default_rng(5)
    a, b, c = (rng.standard_normal((2, 3)) * 2 for _ in range(3))
    upstream = rng.standard_normal((2, 3))
    _, dJ_da, dJ_db, dJ_dc = nb.computation_graph(a, b, c)
    graph = nb.computation_graph
    assert_allclose(
        upstream * dJ_da, numerical_gradient(lambda x: graph(x, b, c)[0], a, upstream), rtol=1e-7
    )
    assert_allclose(
        upstream * dJ_db, numerical_gradient(lambda x: graph(a, x, c)[0], b, upstream), rtol=1e-7
    )
    assert_allclose(
        upstream * dJ_dc, numerical_gradient(lambda x: graph(a, b, x)[0], c, upstream), rtol=1e-7
    )


# ---------------------------------------------------------------------------- properties

matrices = hnp.arrays(
    np.float64,
    hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=6),
    elements=st.floats(-1000, 1000, allow_nan=False, allow_subnormal=False),
)


@PROPERTY_SETTINGS
@given(x=matrices)
def test_normalize_rows_gives_unit_rows_and_is_pure(x):
    x_before = x.copy()
    with _strict():
        out = nb.normalize_rows(x)
    assert out.shape == x.shape
    nonzero = np.any(x != 0, axis=1)  # not norm(x) > 0: that underflows for rows like 1e-200
    out_norms = np.linalg.norm(out, axis=1)
    assert_allclose(out_norms[nonzero], 1.0, rtol=1e-12)
    assert_array_equal(out[~nonzero], 0.0)
    assert_allclose(nb.normalize_rows(2.5 * x), out, rtol=1e-12, atol=1e-300)
    assert_array_equal(x, x_before)


@PROPERTY_SETTINGS
@given(x=matrices)
def test_row_softmax_rows_sum_to_one_and_is_pure(x):
    x_before = x.copy()
    with _strict():
        out = nb.softmax(x)
    assert out.shape == x.shape
    assert np.all(np.isfinite(out)) and np.all(out >= 0)
    assert_allclose(out.sum(axis=1), 1.0, rtol=1e-12)
    assert_array_equal(x, x_before)


@PROPERTY_SETTINGS
@given(
    A=hnp.arrays(
        np.float64,
        hnp.array_shapes(min_dims=2, max_dims=2, min_side=1, max_side=6),
        elements=st.floats(0, 1000, allow_subnormal=False),
    )
)
def test_column_percentages_columns_sum_to_100_and_is_pure(A):
    A_before = A.copy()
    with _strict():
        P = nb.column_percentages(A)
    totals = A.sum(axis=0)
    assert_allclose(P.sum(axis=0)[totals > 0], 100.0, rtol=1e-12)
    assert_array_equal(P[:, totals == 0], 0.0)
    assert_array_equal(A, A_before)


@PROPERTY_SETTINGS
@given(x=hnp.arrays(np.float64, st.tuples(*(st.integers(1, 4),) * 3), elements=st.floats(-9, 9)))
def test_image2vector_keeps_every_entry_and_is_pure(x):
    x_before = x.copy()
    v = nb.image2vector(x)
    assert v.shape == (x.size, 1)
    assert_array_equal(v[:, 0], x.ravel())
    assert_array_equal(x, x_before)
