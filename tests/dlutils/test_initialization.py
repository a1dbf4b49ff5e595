"""Tests for dlutils.initialization: shapes, scales, draw order, validation, purity."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from dlutils.initialization import (
    initialize_parameters,
    initialize_parameters_deep,
    initialize_parameters_he,
    initialize_parameters_random,
    initialize_parameters_xavier,
    initialize_parameters_zeros,
)

# name -> (function, scale as a function of n_prev); the scales come from CURRICULUM.md.
RANDOM_INITS = {
    "deep": (initialize_parameters_deep, lambda n_prev: 0.01),
    "random": (initialize_parameters_random, lambda n_prev: 10.0),
    "he": (initialize_parameters_he, lambda n_prev: np.sqrt(2.0 / n_prev)),
    "xavier": (initialize_parameters_xavier, lambda n_prev: np.sqrt(1.0 / n_prev)),
}


def _expected_shapes(dims):
    shapes = {}
    for layer in range(1, len(dims)):
        shapes[f"W{layer}"] = (dims[layer], dims[layer - 1])
        shapes[f"b{layer}"] = (dims[layer], 1)
    return shapes


# --- shapes, keys, dtype ---------------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(RANDOM_INITS))
def test_random_initializers_keys_shapes_dtype(name):
    init, _ = RANDOM_INITS[name]
    dims = [5, 4, 3, 1]
    parameters = init(dims, rng=np.random.default_rng(0))
    assert list(parameters) == ["W1", "b1", "W2", "b2", "W3", "b3"]
    for key, shape in _expected_shapes(dims).items():
        assert parameters[key].shape == shape, f"{key} has shape {parameters[key].shape}"
        assert parameters[key].dtype == np.float64
    assert len(parameters) // 2 == 3


def test_initialize_parameters_two_layer_shapes():
    parameters = initialize_parameters(3, 4, 2, rng=np.random.default_rng(0))
    assert list(parameters) == ["W1", "b1", "W2", "b2"]
    assert parameters["W1"].shape == (4, 3)
    assert parameters["b1"].shape == (4, 1)
    assert parameters["W2"].shape == (2, 4)
    assert parameters["b2"].shape == (2, 1)


@given(dims=st.lists(st.integers(min_value=1, max_value=6), min_size=2, max_size=5))
@settings(max_examples=30, deadline=None)
def test_property_every_initializer_has_the_right_shapes(dims):
    expected = _expected_shapes(dims)
    results = [initialize_parameters_zeros(dims)]
    results += [init(dims, rng=np.random.default_rng(1)) for init, _ in RANDOM_INITS.values()]
    for parameters in results:
        assert {key: value.shape for key, value in parameters.items()} == expected
        for layer in range(1, len(dims)):
            assert_array_equal(parameters[f"b{layer}"], 0.0)


# --- values ----------------------------------------------------------------------------------


def test_zeros_are_zeros():
    parameters = initialize_parameters_zeros([3, 2, 1])
    assert set(parameters) == {"W1", "b1", "W2", "b2"}
    for key, value in parameters.items():
        assert value.dtype == np.float64
        assert not np.any(value), f"{key} is not all zeros"


@pytest.mark.parametrize("name", sorted(RANDOM_INITS))
def test_weight_std_matches_the_formula_on_a_large_layer(name):
    init, scale_of = RANDOM_INITS[name]
    # Second layer has n_prev = 800 (its formula differs from layer 1's, n_prev = 400);
    # 400 * 800 = 320,000 draws per matrix, so the sample std is within ~0.2 % of the truth.
    dims = [400, 800, 400]
    parameters = init(dims, rng=np.random.default_rng(123))
    for layer in (1, 2):
        W = parameters[f"W{layer}"]
        target = scale_of(dims[layer - 1])
        assert_allclose(W.std(), target, rtol=0.02)
        assert abs(W.mean()) < 0.02 * target
        assert_array_equal(parameters[f"b{layer}"], 0.0)


def test_small_random_two_layer_scale():
    parameters = initialize_parameters(500, 600, 2, rng=np.random.default_rng(5))
    assert_allclose(parameters["W1"].std(), 0.01, rtol=0.02)
    assert_array_equal(parameters["b1"], 0.0)
    assert_array_equal(parameters["b2"], 0.0)


@pytest.mark.parametrize("name", sorted(RANDOM_INITS))
def test_draw_order_matches_drawing_by_hand(name):
    init, scale_of = RANDOM_INITS[name]
    dims = [4, 3, 2, 1]
    parameters = init(dims, rng=np.random.default_rng(2024))

    # The documented order: W1 then W2 then W3, each one standard_normal call; biases draw nothing.
    rng = np.random.default_rng(2024)
    W1 = rng.standard_normal((3, 4)) * scale_of(4)
    W2 = rng.standard_normal((2, 3)) * scale_of(3)
    W3 = rng.standard_normal((1, 2)) * scale_of(2)
    assert_allclose(parameters["W1"], W1, rtol=1e-15, atol=0)
    assert_allclose(parameters["W2"], W2, rtol=1e-15, atol=0)
    assert_allclose(parameters["W3"], W3, rtol=1e-15, atol=0)


def test_draw_order_two_layer_by_hand():
    parameters = initialize_parameters(2, 3, 1, rng=np.random.default_rng(9))
    rng = np.random.default_rng(9)
    W1 = rng.standard_normal((3, 2)) * 0.01
    W2 = rng.standard_normal((1, 3)) * 0.01
    assert_allclose(parameters["W1"], W1, rtol=1e-15, atol=0)
    assert_allclose(parameters["W2"], W2, rtol=1e-15, atol=0)


def test_initialize_parameters_is_the_deep_version_with_three_sizes():
    a = initialize_parameters(6, 5, 1, rng=np.random.default_rng(3))
    b = initialize_parameters_deep([6, 5, 1], rng=np.random.default_rng(3))
    for key in a:
        assert_array_equal(a[key], b[key])


def test_initializers_differ_only_by_their_scale():
    # Same seed, same standard-normal draws: the matrices are exact multiples of each other.
    dims = [8, 5, 2]
    deep = initialize_parameters_deep(dims, rng=np.random.default_rng(11))
    big = initialize_parameters_random(dims, rng=np.random.default_rng(11))
    he = initialize_parameters_he(dims, rng=np.random.default_rng(11))
    xavier = initialize_parameters_xavier(dims, rng=np.random.default_rng(11))
    for key in ("W1", "W2"):
        assert_allclose(big[key], 1000.0 * deep[key], rtol=1e-12)  # 10 / 0.01
        assert_allclose(he[key], np.sqrt(2.0) * xavier[key], rtol=1e-12)  # sqrt(2/n) / sqrt(1/n)
    # Layer 1 has n_prev = 8: xavier = N(0,1) / sqrt(8) = deep * 100 / sqrt(8).
    assert_allclose(xavier["W1"], deep["W1"] * 100.0 / np.sqrt(8.0), rtol=1e-12)


@pytest.mark.parametrize("name", sorted(RANDOM_INITS))
def test_same_seed_same_parameters_other_seed_other_parameters(name):
    init, _ = RANDOM_INITS[name]
    a = init([3, 4, 1], rng=np.random.default_rng(42))
    b = init([3, 4, 1], rng=np.random.default_rng(42))
    c = init([3, 4, 1], rng=np.random.default_rng(43))
    for key in a:
        assert_array_equal(a[key], b[key])
    assert not np.array_equal(a["W1"], c["W1"])


def test_consecutive_calls_advance_the_generator():
    rng = np.random.default_rng(0)
    first = initialize_parameters_he([3, 2], rng=rng)
    second = initialize_parameters_he([3, 2], rng=rng)
    assert not np.array_equal(first["W1"], second["W1"])


def test_global_numpy_random_state_is_untouched():
    # The legacy global state is read here on purpose: it must not move.
    before = np.random.get_state()[1].copy()  # noqa: NPY002
    for init, _ in RANDOM_INITS.values():
        init([3, 4, 1], rng=np.random.default_rng(0))
    initialize_parameters(3, 4, 1, rng=np.random.default_rng(0))
    after = np.random.get_state()[1]  # noqa: NPY002
    assert_array_equal(before, after)


def test_layer_dims_list_is_not_mutated_and_tuples_and_int_arrays_work():
    dims = [4, 3, 1]
    initialize_parameters_he(dims, rng=np.random.default_rng(0))
    assert dims == [4, 3, 1]
    from_tuple = initialize_parameters_he((4, 3, 1), rng=np.random.default_rng(0))
    from_array = initialize_parameters_he(np.array([4, 3, 1]), rng=np.random.default_rng(0))
    assert_array_equal(from_tuple["W2"], from_array["W2"])
    assert from_array["W1"].shape == (3, 4)


# --- validation ------------------------------------------------------------------------------

BAD_DIMS = [
    [],
    [5],
    [3, 0, 1],
    [3, -2, 1],
    [3, 2.0, 1],
    [3, True, 1],
    [3, "4", 1],
    [3, None],
    "341",
    7,
    None,
]


@pytest.mark.parametrize("dims", BAD_DIMS, ids=repr)
@pytest.mark.parametrize(
    "init",
    [
        initialize_parameters_zeros,
        lambda d: initialize_parameters_deep(d, rng=np.random.default_rng(0)),
        lambda d: initialize_parameters_random(d, rng=np.random.default_rng(0)),
        lambda d: initialize_parameters_he(d, rng=np.random.default_rng(0)),
        lambda d: initialize_parameters_xavier(d, rng=np.random.default_rng(0)),
    ],
    ids=["zeros", "deep", "random", "he", "xavier"],
)
def test_bad_layer_dims_raise_value_error(init, dims):
    with pytest.raises(ValueError, match="positive int|at least 2"):
        init(dims)


@pytest.mark.parametrize("sizes", [(0, 4, 1), (3, -1, 1), (3, 4, 1.5)])
def test_initialize_parameters_validates_sizes(sizes):
    with pytest.raises(ValueError, match="positive int"):
        initialize_parameters(*sizes, rng=np.random.default_rng(0))


@pytest.mark.parametrize(
    "bad_rng", [0, None, np.random.RandomState(0)], ids=["int", "None", "RandomState"]
)
def test_rng_must_be_a_generator(bad_rng):
    with pytest.raises(TypeError, match="Generator"):
        initialize_parameters_he([3, 2], rng=bad_rng)
    with pytest.raises(TypeError, match="Generator"):
        initialize_parameters(3, 2, 1, rng=bad_rng)


def test_rng_is_keyword_only():
    with pytest.raises(TypeError):
        initialize_parameters_he([3, 2], np.random.default_rng(0))  # type: ignore[misc]
    with pytest.raises(TypeError):
        initialize_parameters(3, 2, 1, np.random.default_rng(0))  # type: ignore[misc]
