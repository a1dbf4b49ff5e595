"""Tests for dlutils.shallow (C1W3_planar_classification)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from dlutils import datasets, losses, shallow
from dlutils.gradcheck import numerical_gradient_dict, relative_difference

LN2, LN3 = math.log(2.0), math.log(3.0)


def _one_unit_case():
    # n_x = n_h = n_y = 1, m = 1. Forward by hand:
    #   Z1 = 1 * ln 2 + 0 = ln 2;  A1 = tanh(ln 2) = (2 - 1/2) / (2 + 1/2) = 0.6
    #   Z2 = (ln 3 / 0.6) * 0.6 + 0 = ln 3;  A2 = sigma(ln 3) = 1 / (1 + 1/3) = 0.75
    parameters = {
        "W1": np.array([[1.0]]),
        "b1": np.array([[0.0]]),
        "W2": np.array([[LN3 / 0.6]]),
        "b2": np.array([[0.0]]),
    }
    X = np.array([[LN2]])
    Y = np.array([[1.0]])
    return parameters, X, Y


def _random_case(n_x, n_h, n_y, m, seed):
    """Parameters big enough that tanh is far from linear, non-zero biases, random labels."""
    rng = np.random.default_rng(seed)
    parameters = {
        "W1": rng.standard_normal((n_h, n_x)),
        "b1": rng.standard_normal((n_h, 1)) * 0.5,
        "W2": rng.standard_normal((n_y, n_h)),
        "b2": rng.standard_normal((n_y, 1)) * 0.5,
    }
    X = rng.standard_normal((n_x, m)) * 1.5 + 0.3
    Y = (rng.random((n_y, m)) > 0.5).astype(float)
    return parameters, X, Y


def _copy(parameters):
    return {key: value.copy() for key, value in parameters.items()}


def _assert_same(dict_a, dict_b):
    assert dict_a.keys() == dict_b.keys()
    for key in dict_a:
        assert_array_equal(dict_a[key], dict_b[key])


# ------------------------------------------------------------------------ sizes and init


def test_layer_sizes():
    sizes = shallow.layer_sizes(np.zeros((5, 3)), np.zeros((2, 3)))
    assert sizes == (5, 4, 2)
    assert all(type(size) is int for size in sizes)


def test_initialize_parameters_shapes_scale_and_draw_order():
    parameters = shallow.initialize_parameters(3, 5, 2, rng=np.random.default_rng(42))
    # the documented order: W1 = N(0,1)(5, 3) * 0.01 first, then W2 = N(0,1)(2, 5) * 0.01
    reference = np.random.default_rng(42)
    W1 = reference.standard_normal((5, 3)) * 0.01
    W2 = reference.standard_normal((2, 5)) * 0.01
    assert list(parameters) == ["W1", "b1", "W2", "b2"]
    assert_array_equal(parameters["W1"], W1)
    assert_array_equal(parameters["W2"], W2)
    assert parameters["b1"].shape == (5, 1) and parameters["b2"].shape == (2, 1)
    assert_array_equal(parameters["b1"], 0.0)
    assert_array_equal(parameters["b2"], 0.0)
    assert parameters["W1"].dtype == np.float64


def test_initialize_parameters_uses_only_the_given_rng():
    # the legacy global state is exactly what must stay untouched, hence the noqa
    np.random.seed(0)  # noqa: NPY002
    global_state = np.random.get_state()[1].copy()  # noqa: NPY002
    rng = np.random.default_rng(7)
    shallow.initialize_parameters(2, 4, 1, rng=rng)
    assert_array_equal(np.random.get_state()[1], global_state)  # noqa: NPY002
    # exactly 4 * 2 + 1 * 4 = 12 normal draws were taken from rng
    reference = np.random.default_rng(7)
    reference.standard_normal(12)
    assert rng.standard_normal() == reference.standard_normal()


def test_initialize_parameters_requires_keyword_rng():
    with pytest.raises(TypeError):
        shallow.initialize_parameters(2, 4, 1, np.random.default_rng(0))


# -------------------------------------------------------------------------------- forward


def test_forward_propagation_hand_worked():
    parameters, X, _ = _one_unit_case()
    A2, cache = shallow.forward_propagation(X, parameters)
    assert set(cache) == {"Z1", "A1", "Z2", "A2"}
    assert_allclose(cache["Z1"], [[LN2]], rtol=1e-15)
    assert_allclose(cache["A1"], [[0.6]], rtol=1e-15)
    assert_allclose(cache["Z2"], [[LN3]], rtol=1e-15)
    assert_allclose(A2, [[0.75]], rtol=1e-15)
    assert cache["A2"] is A2


def test_forward_propagation_shapes_and_consistency():
    parameters, X, _ = _random_case(3, 4, 1, 7, seed=0)
    A2, cache = shallow.forward_propagation(X, parameters)
    assert A2.shape == (1, 7)
    assert cache["Z1"].shape == (4, 7) and cache["A1"].shape == (4, 7)
    assert_allclose(cache["Z1"], parameters["W1"] @ X + parameters["b1"], rtol=1e-14)
    assert_allclose(cache["A1"], np.tanh(cache["Z1"]), rtol=1e-15)
    assert_allclose(A2, 1 / (1 + np.exp(-cache["Z2"])), rtol=1e-14)


def test_compute_cost_is_the_shared_cross_entropy():
    # A2 = (0.75, 0.5), Y = (1, 0): J = -(ln 0.75 + ln 0.5) / 2 = (0.2876820725 + 0.6931471806) / 2
    A2 = np.array([[0.75, 0.5]])
    Y = np.array([[1, 0]])
    assert_allclose(shallow.compute_cost(A2, Y), 0.4904146265, rtol=1e-9)
    assert shallow.compute_cost is losses.compute_cost


# ------------------------------------------------------------------------------- backward


def test_backward_propagation_hand_worked():
    parameters, X, Y = _one_unit_case()
    _, cache = shallow.forward_propagation(X, parameters)
    grads = shallow.backward_propagation(parameters, cache, X, Y)
    assert set(grads) == {"dW1", "db1", "dW2", "db2"}
    # dZ2 = A2 - Y = 0.75 - 1 = -0.25;  dW2 = dZ2 A1 = -0.25 * 0.6 = -0.15;  db2 = -0.25
    assert_allclose(grads["dW2"], [[-0.15]], rtol=1e-14)
    assert_allclose(grads["db2"], [[-0.25]], rtol=1e-14)
    # dZ1 = W2 dZ2 (1 - A1^2) = (ln 3 / 0.6) * -0.25 * (1 - 0.36) = -ln 3 * 0.16 / 0.6
    #     = -0.2929632770;  dW1 = dZ1 * x = dZ1 ln 2 = -0.2030666694;  db1 = dZ1
    dZ1 = -LN3 * 0.16 / 0.6
    assert_allclose(dZ1, -0.2929632770, rtol=1e-9)
    assert_allclose(grads["dW1"], [[dZ1 * LN2]], rtol=1e-14)
    assert_allclose(grads["dW1"], [[-0.2030666694]], rtol=1e-9)
    assert_allclose(grads["db1"], [[dZ1]], rtol=1e-14)


@pytest.mark.parametrize(
    ("n_x", "n_h", "n_y", "m"),
    [(2, 4, 1, 5), (3, 1, 1, 1), (1, 6, 1, 7), (5, 3, 1, 10), (2, 3, 2, 4)],
)
def test_backward_propagation_matches_finite_differences(n_x, n_h, n_y, m):
    parameters, X, Y = _random_case(n_x, n_h, n_y, m, seed=n_x * 1000 + n_h * 100 + m)
    upstream = np.random.default_rng(m).standard_normal()  # random weight on the scalar cost

    def cost(params):
        return upstream * shallow.compute_cost(shallow.forward_propagation(X, params)[0], Y)

    numeric = numerical_gradient_dict(cost, parameters)
    _, cache = shallow.forward_propagation(X, parameters)
    grads = shallow.backward_propagation(parameters, cache, X, Y)
    for key in ("W1", "b1", "W2", "b2"):
        analytic = upstream * grads["d" + key]
        assert analytic.shape == parameters[key].shape
        assert_allclose(analytic, numeric["d" + key], rtol=1e-5, atol=1e-9, err_msg=key)
        assert relative_difference(analytic, numeric["d" + key]) < 1e-7, key


# --------------------------------------------------------------------------------- update


def test_update_parameters_one_step_from_injected_state():
    parameters = {
        "W1": np.array([[1.0, -2.0]]),
        "b1": np.array([[0.5]]),
        "W2": np.array([[3.0]]),
        "b2": np.array([[-1.0]]),
    }
    grads = {
        "dW1": np.array([[0.1, 0.2]]),
        "db1": np.array([[-0.5]]),
        "dW2": np.array([[1.0]]),
        "db2": np.array([[0.25]]),
    }
    before = (_copy(parameters), _copy(grads))
    # default learning rate 1.2: W1 = (1 - 0.12, -2 - 0.24), b1 = 0.5 + 0.6, W2 = 3 - 1.2,
    # b2 = -1 - 0.3
    new = shallow.update_parameters(parameters, grads)
    assert_allclose(new["W1"], [[0.88, -2.24]], rtol=1e-15)
    assert_allclose(new["b1"], [[1.1]], rtol=1e-15)
    assert_allclose(new["W2"], [[1.8]], rtol=1e-15)
    assert_allclose(new["b2"], [[-1.3]], rtol=1e-15)
    # learning rate 0.5: W2 = 3 - 0.5 = 2.5
    assert_allclose(shallow.update_parameters(parameters, grads, 0.5)["W2"], [[2.5]])
    _assert_same(parameters, before[0])
    _assert_same(grads, before[1])
    assert all(new[key] is not parameters[key] for key in parameters)


# ------------------------------------------------------------------------------- nn_model


def _xor_like_set(m, rng):
    X = rng.standard_normal((2, m))
    Y = ((X[0] * X[1]) > 0).astype(float).reshape(1, m)
    return X, Y


def test_nn_model_starts_from_initialize_parameters_with_the_same_rng():
    X, Y = _xor_like_set(20, np.random.default_rng(0))
    start = shallow.nn_model(X, Y, 3, num_iterations=0, rng=np.random.default_rng(5))
    _assert_same(start, shallow.initialize_parameters(2, 3, 1, rng=np.random.default_rng(5)))


def test_nn_model_one_iteration_is_one_manual_step():
    X, Y = _xor_like_set(20, np.random.default_rng(1))
    parameters = shallow.initialize_parameters(2, 3, 1, rng=np.random.default_rng(5))
    _, cache = shallow.forward_propagation(X, parameters)
    grads = shallow.backward_propagation(parameters, cache, X, Y)
    expected = shallow.update_parameters(parameters, grads, learning_rate=1.2)
    result = shallow.nn_model(X, Y, 3, num_iterations=1, rng=np.random.default_rng(5))
    for key in expected:
        assert_allclose(result[key], expected[key], rtol=1e-15)


def test_nn_model_is_reproducible_and_pure(capsys):
    X, Y = _xor_like_set(30, np.random.default_rng(2))
    X_before, Y_before = X.copy(), Y.copy()
    first = shallow.nn_model(X, Y, 4, num_iterations=50, rng=np.random.default_rng(9))
    second = shallow.nn_model(
        X, Y, 4, num_iterations=50, rng=np.random.default_rng(9), progress=True
    )
    _assert_same(first, second)
    assert_array_equal(X, X_before)
    assert_array_equal(Y, Y_before)
    assert capsys.readouterr().out == ""  # nothing printed unless print_cost


def test_nn_model_prints_the_cost_every_1000_iterations(capsys):
    X, Y = _xor_like_set(10, np.random.default_rng(3))
    shallow.nn_model(X, Y, 2, num_iterations=2001, print_cost=True, rng=np.random.default_rng(0))
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "Cost after iteration 0",
        "Cost after iteration 1000",
        "Cost after iteration 2000",
    ]
    # at the start every output is about sigma(0) = 1/2, so the cost is about ln 2 = 0.693147
    assert lines[0].startswith("Cost after iteration 0: 0.69")
    assert len(lines[0].split(": ")[1].split(".")[1]) == 6  # "%f" formatting


def _planar_data():
    """The shipped flower if present, else the same generator with seed 1."""
    try:
        return datasets.load_planar_dataset(), "shipped planar.h5"
    except datasets.DatasetError:
        return datasets.make_flower(400, rng=np.random.default_rng(1)), "make_flower(seed 1)"


def test_nn_model_learns_the_planar_flower():
    (X, Y), source = _planar_data()
    parameters = shallow.nn_model(X, Y, 4, num_iterations=10000, rng=np.random.default_rng(3))
    accuracy = float((shallow.predict(parameters, X) == Y).mean())
    assert accuracy >= 0.88, f"training accuracy {accuracy:.3f} on {source}"


# -------------------------------------------------------------------------------- predict


def test_predict_thresholds_strictly_above_one_half():
    parameters = {
        "W1": np.zeros((2, 2)),
        "b1": np.zeros((2, 1)),
        "W2": np.zeros((1, 2)),
        "b2": np.array([[0.0]]),
    }
    X = np.ones((2, 3))
    # every output is sigma(0) = 0.5 exactly, which is not > 0.5
    predictions = shallow.predict(parameters, X)
    assert predictions.shape == (1, 3) and predictions.dtype == np.float64
    assert_array_equal(predictions, 0.0)
    parameters["b2"] = np.array([[1e-9]])
    assert_array_equal(shallow.predict(parameters, X), 1.0)


# ----------------------------------------------------------------------------- properties


@settings(max_examples=30, deadline=None)
@given(
    n_x=st.integers(1, 4),
    n_h=st.integers(1, 5),
    m=st.integers(1, 8),
    seed=st.integers(0, 2**16),
)
def test_shapes_and_no_mutation(n_x, n_h, m, seed):
    parameters, X, Y = _random_case(n_x, n_h, 1, m, seed)
    saved = (_copy(parameters), X.copy(), Y.copy())
    A2, cache = shallow.forward_propagation(X, parameters)
    grads = shallow.backward_propagation(parameters, cache, X, Y)
    new = shallow.update_parameters(parameters, grads)
    predictions = shallow.predict(parameters, X)
    assert A2.shape == (1, m) and predictions.shape == (1, m)
    assert np.all((A2 > 0) & (A2 < 1))
    for key, value in parameters.items():
        assert grads["d" + key].shape == value.shape
        assert new[key].shape == value.shape
    assert_array_equal(predictions, (A2 > 0.5).astype(float))
    _assert_same(parameters, saved[0])
    assert_array_equal(X, saved[1])
    assert_array_equal(Y, saved[2])
