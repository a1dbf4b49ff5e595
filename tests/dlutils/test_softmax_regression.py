"""Tests for dlutils.softmax_regression: one_hot, the softmax cost gradient, the model."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

import dlutils.activations
import dlutils.losses
from dlutils.gradcheck import numerical_gradient, relative_difference
from dlutils.softmax_regression import (
    compute_softmax_cost,
    one_hot,
    predict_classes,
    softmax,
    softmax_backward,
    softmax_cross_entropy_backward,
    softmax_model,
)


def test_reexports_are_the_single_implementations():
    assert softmax is dlutils.activations.softmax
    assert compute_softmax_cost is dlutils.losses.compute_softmax_cost
    # one name per concept: the softmax's own backward (dA, Z) is the one of activations
    assert softmax_backward is dlutils.activations.softmax_backward
    assert softmax_cross_entropy_backward is dlutils.losses.softmax_cross_entropy_backward


# --- one_hot ----------------------------------------------------------------------------------


def test_one_hot_by_hand():
    expected = np.array(
        [
            [0.0, 1.0, 0.0, 0.0],  # class 0: example 1
            [0.0, 0.0, 1.0, 0.0],  # class 1: example 2
            [1.0, 0.0, 0.0, 1.0],  # class 2: examples 0 and 3
        ]
    )
    for labels in ([[2, 0, 1, 2]], [2, 0, 1, 2], np.array([[2.0, 0.0, 1.0, 2.0]])):
        encoded = one_hot(np.asarray(labels), 3)
        assert encoded.dtype == np.float64
        assert_array_equal(encoded, expected)


def test_one_hot_extra_classes_give_zero_rows():
    assert_array_equal(one_hot([1, 1], 4), [[0, 0], [1, 1], [0, 0], [0, 0]])


@pytest.mark.parametrize(
    ("labels", "C", "match"),
    [
        ([0, 3], 3, "0..2"),
        ([-1, 0], 3, "0..2"),
        ([0.5, 1.0], 3, "integer"),
        (np.zeros((2, 3), dtype=int), 3, "shape"),
        ([0, 1], 0, "C"),
        (["a"], 2, "integer"),
    ],
)
def test_one_hot_rejects_bad_input(labels, C, match):
    with pytest.raises(ValueError, match=match):
        one_hot(np.asarray(labels), C)


@settings(max_examples=40, deadline=None)
@given(
    C=st.integers(1, 6),
    data=st.data(),
    as_row=st.booleans(),
)
def test_one_hot_round_trip(C, data, as_row):
    labels = np.array(data.draw(st.lists(st.integers(0, C - 1), min_size=1, max_size=30)))
    Y = labels.reshape(1, -1) if as_row else labels
    before = Y.copy()
    encoded = one_hot(Y, C)
    assert encoded.shape == (C, labels.size)
    assert_array_equal(encoded.sum(axis=0), 1.0)
    assert_array_equal(encoded.argmax(axis=0), labels)
    assert_array_equal(Y, before)


# --- softmax_cross_entropy_backward ---------------------------------------------------------


@pytest.mark.parametrize(("C", "m"), [(2, 1), (3, 5), (5, 4), (10, 7)])
def test_softmax_backward_matches_finite_differences_of_the_summed_cost(C, m):
    rng = np.random.default_rng(C * 100 + m)
    Z = 2.0 + 3.0 * rng.standard_normal((C, m))
    Y = one_hot(rng.integers(0, C, size=m), C)

    def summed_cost(z):  # m * J, the loss whose gradient AL - Y is
        return m * compute_softmax_cost(softmax(z), Y)

    dZ = softmax_cross_entropy_backward(softmax(Z), Y)
    numeric = numerical_gradient(summed_cost, Z)
    assert dZ.shape == (C, m)
    assert relative_difference(dZ, numeric) < 1e-7
    assert_allclose(dZ, numeric, rtol=1e-5, atol=1e-8)


def test_softmax_backward_agrees_with_the_chain_rule_through_activations():
    # dA of the summed cross-entropy is -Y / AL; the softmax vector-Jacobian product of it
    # must be AL - Y.
    rng = np.random.default_rng(3)
    Z = rng.standard_normal((4, 6))
    Y = one_hot(rng.integers(0, 4, size=6), 4)
    AL = softmax(Z)
    chain = dlutils.activations.softmax_backward(-Y / AL, Z)
    assert_allclose(softmax_cross_entropy_backward(AL, Y), chain, rtol=1e-10, atol=1e-12)


def test_softmax_backward_by_hand_and_shape_check():
    AL = np.array([[0.7, 0.2], [0.2, 0.5], [0.1, 0.3]])
    Y = np.array([[1.0, 0.0], [0.0, 0.0], [0.0, 1.0]])
    # AL - Y = [[-0.3, 0.2], [0.2, 0.5], [0.1, -0.7]]
    assert_allclose(
        softmax_cross_entropy_backward(AL, Y), [[-0.3, 0.2], [0.2, 0.5], [0.1, -0.7]], atol=1e-15
    )
    with pytest.raises(ValueError, match="shape"):
        softmax_cross_entropy_backward(AL, Y[:, :1])


@settings(max_examples=25, deadline=None)
@given(C=st.integers(2, 5), m=st.integers(1, 8), seed=st.integers(0, 2**16))
def test_softmax_backward_columns_sum_to_zero_and_inputs_untouched(C, m, seed):
    rng = np.random.default_rng(seed)
    AL = softmax(rng.standard_normal((C, m)) * 5)
    Y = one_hot(rng.integers(0, C, size=m), C)
    AL_before, Y_before = AL.copy(), Y.copy()
    dZ = softmax_cross_entropy_backward(AL, Y)
    assert_allclose(dZ.sum(axis=0), 0.0, atol=1e-12)  # both columns sum to 1
    assert_array_equal(AL, AL_before)
    assert_array_equal(Y, Y_before)


# --- predict_classes --------------------------------------------------------------------------


def test_predict_classes_by_hand():
    # One hidden layer; W1 = I and b1 = 0 pass non-negative inputs through the ReLU unchanged,
    # W2 = I, b2 = 0 make the scores the inputs themselves: the class is the argmax of each column.
    parameters = {"W1": np.eye(3), "b1": np.zeros((3, 1)), "W2": np.eye(3), "b2": np.zeros((3, 1))}
    X = np.array([[5.0, 0.0, 1.0, 0.2], [1.0, 3.0, 1.0, 0.1], [0.0, 2.0, 4.0, 0.0]])
    classes = predict_classes(parameters, X)
    assert classes.dtype == np.int64
    assert classes.shape == (1, 4)
    assert_array_equal(classes, [[0, 1, 2, 0]])


# --- the model --------------------------------------------------------------------------------


def test_softmax_model_rejects_integer_labels_with_a_hint():
    X = np.zeros((2, 5))
    with pytest.raises(ValueError, match="one_hot"):
        softmax_model(X, np.zeros((1, 5)), [2, 3], rng=np.random.default_rng(0))


def test_softmax_model_learns_three_blobs_and_is_reproducible():
    rng = np.random.default_rng(0)
    centres = np.array([[0.0, 4.0, -4.0], [4.0, -2.0, -2.0]])
    labels = rng.integers(0, 3, size=150)
    X = centres[:, labels] + rng.standard_normal((2, 150))
    Y = one_hot(labels, 3)
    parameters, costs = softmax_model(
        X, Y, [2, 8, 3], learning_rate=0.01, num_epochs=30, rng=np.random.default_rng(1)
    )
    assert list(parameters) == ["W1", "b1", "W2", "b2"]
    assert parameters["W1"].shape == (8, 2) and parameters["W2"].shape == (3, 8)
    assert len(costs) == 30
    assert costs[-1] < 0.5 * costs[0]
    assert np.mean(predict_classes(parameters, X)[0] == labels) > 0.95
    again, costs_again = softmax_model(
        X, Y, [2, 8, 3], learning_rate=0.01, num_epochs=30, rng=np.random.default_rng(1)
    )
    assert costs_again == costs
    for key in parameters:
        assert_array_equal(again[key], parameters[key])


def test_softmax_model_prints_every_10_epochs(capsys):
    X = np.random.default_rng(0).standard_normal((2, 12))
    Y = one_hot(np.arange(12) % 2, 2)
    softmax_model(X, Y, [2, 2], num_epochs=21, print_cost=True, rng=np.random.default_rng(0))
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "Cost after epoch 0",
        "Cost after epoch 10",
        "Cost after epoch 20",
    ]


def test_softmax_model_on_digits8_reaches_a_sensible_test_accuracy():
    # The model's defaults (Adam, lr 0.001, batches of 64, 100 epochs) with one hidden layer
    # of 32 units. Measured while writing this test (sklearn's digits, the same 80/20
    # stratified split as datasets/digits8.h5): about 0.97 test accuracy, 1.00 train, ~2 s.
    from dlutils.datasets import flatten_images, load_digits8

    train_x_orig, train_y, test_x_orig, test_y, classes = load_digits8()
    C = len(classes)
    X_train, X_test = flatten_images(train_x_orig), flatten_images(test_x_orig)
    Y_train = one_hot(train_y, C)
    parameters, costs = softmax_model(
        X_train, Y_train, [X_train.shape[0], 32, C], rng=np.random.default_rng(0)
    )
    test_accuracy = float(np.mean(predict_classes(parameters, X_test) == test_y))
    print(f"digits8 test accuracy: {test_accuracy:.3f}")
    assert costs[-1] < 0.1 * costs[0]
    assert test_accuracy > 0.93
