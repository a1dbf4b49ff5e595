"""Tests for dlutils.optimizers: one-step checks from injected state, schedules, EWA, purity."""

from __future__ import annotations

import functools
import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from numpy.testing import assert_allclose, assert_array_equal

from dlutils.optimizers import (
    Adam,
    GradientDescent,
    Momentum,
    RMSprop,
    exponential_lr_decay,
    exponentially_weighted_average,
    initialize_adam,
    initialize_rmsprop,
    initialize_velocity,
    inverse_sqrt_lr_decay,
    make_optimizer,
    schedule_lr_decay,
    update_lr,
    update_parameters_with_adam,
    update_parameters_with_gd,
    update_parameters_with_momentum,
    update_parameters_with_rmsprop,
)

TOL = {"rtol": 1e-12, "atol": 1e-14}


def _one(x):
    """A 1x1 float64 array."""
    return np.array([[x]], dtype=np.float64)


def _random_net(dims, seed, dtype=np.float64):
    """Random parameters, gradients and a positive state dict for layer sizes ``dims``."""
    rng = np.random.default_rng(seed)
    parameters, grads, state = {}, {}, {}
    for layer in range(1, len(dims)):
        for key, shape in (
            (f"W{layer}", (dims[layer], dims[layer - 1])),
            (f"b{layer}", (dims[layer], 1)),
        ):
            parameters[key] = rng.standard_normal(shape).astype(dtype)
            grads["d" + key] = rng.standard_normal(shape).astype(dtype)
            state["d" + key] = rng.random(shape).astype(dtype)
    return parameters, grads, state


def _copy(d):
    return {key: value.copy() for key, value in d.items()}


def _assert_same(a, b):
    assert a.keys() == b.keys()
    for key in a:
        assert_array_equal(a[key], b[key], err_msg=key)


# --- gradient descent -------------------------------------------------------------------------


def test_gd_one_step_by_hand():
    parameters = {"W1": np.array([[1.0, -2.0]]), "b1": _one(0.5)}
    grads = {"dW1": np.array([[0.5, 4.0]]), "db1": _one(-1.0), "dA0": np.ones((2, 3))}
    new = update_parameters_with_gd(parameters, grads, 0.1)
    # W1: [1 - 0.1*0.5, -2 - 0.1*4] = [0.95, -2.4];  b1: 0.5 - 0.1*(-1) = 0.6
    assert_allclose(new["W1"], [[0.95, -2.4]], **TOL)
    assert_allclose(new["b1"], [[0.6]], **TOL)
    assert set(new) == {"W1", "b1"}  # dA0 in grads is ignored


def test_missing_gradient_is_named():
    with pytest.raises(KeyError, match="dW2"):
        update_parameters_with_gd({"W2": _one(1.0)}, {"dW1": _one(1.0)}, 0.1)


# --- momentum ---------------------------------------------------------------------------------


def test_momentum_one_step_from_injected_state():
    parameters = {"W1": _one(2.0), "b1": _one(-1.0)}
    grads = {"dW1": _one(0.5), "db1": _one(-2.0)}
    v = {"dW1": _one(0.2), "db1": _one(0.0)}
    new, new_v = update_parameters_with_momentum(parameters, grads, v, beta=0.9, learning_rate=0.1)
    # vW = 0.9*0.2 + 0.1*0.5 = 0.18 + 0.05 = 0.23;   W = 2.0 - 0.1*0.23 = 1.977
    # vb = 0.9*0   + 0.1*(-2) = -0.2;                b = -1.0 - 0.1*(-0.2) = -0.98
    assert_allclose(new_v["dW1"], [[0.23]], **TOL)
    assert_allclose(new_v["db1"], [[-0.2]], **TOL)
    assert_allclose(new["W1"], [[1.977]], **TOL)
    assert_allclose(new["b1"], [[-0.98]], **TOL)


def test_momentum_with_beta_zero_is_gradient_descent():
    parameters, grads, _ = _random_net([4, 3, 2], seed=1)
    v = initialize_velocity(parameters)
    new, _ = update_parameters_with_momentum(parameters, grads, v, beta=0.0, learning_rate=0.05)
    _assert_close_dicts(new, update_parameters_with_gd(parameters, grads, 0.05))


def test_initialize_velocity_keys_shapes_zeros():
    parameters, _, _ = _random_net([5, 3, 1], seed=2)
    v = initialize_velocity(parameters)
    assert list(v) == ["dW1", "db1", "dW2", "db2"]
    for key, value in parameters.items():
        assert v["d" + key].shape == value.shape
        assert not v["d" + key].any()


# --- RMSprop ----------------------------------------------------------------------------------


def test_rmsprop_one_step_from_injected_state():
    parameters = {"W1": _one(1.0), "b1": _one(0.0)}
    grads = {"dW1": _one(0.2), "db1": _one(-0.4)}
    s = {"dW1": _one(0.01), "db1": _one(0.0)}
    new, new_s = update_parameters_with_rmsprop(
        parameters, grads, s, beta=0.9, learning_rate=0.01, epsilon=1e-8
    )
    # sW = 0.9*0.01 + 0.1*0.2^2 = 0.009 + 0.004 = 0.013
    # W  = 1 - 0.01*0.2/(sqrt(0.013) + 1e-8) = 1 - 0.002/0.1140175525 = 1 - 0.0175411588
    # sb = 0.9*0 + 0.1*0.16 = 0.016;  b = 0 - 0.01*(-0.4)/(sqrt(0.016) + 1e-8)
    #    = 0.004/0.1264911164 = 0.0316227741  (without the 1e-8 it would be 0.0316227766)
    assert_allclose(new_s["dW1"], [[0.013]], **TOL)
    assert_allclose(new["W1"], [[0.9824588412]], rtol=1e-10)
    assert_allclose(new_s["db1"], [[0.016]], **TOL)
    assert_allclose(new["b1"], [[0.0316227741]], rtol=1e-9)


def test_rmsprop_epsilon_is_outside_the_root():
    # beta = 0 makes s = g^2 = 0.09, so sqrt(s) = 0.3.
    # Outside: 0.3 / (0.3 + 0.16) = 0.652173913;  inside: 0.3 / sqrt(0.09 + 0.16) = 0.6.
    parameters, grads, s = {"W1": _one(0.0)}, {"dW1": _one(0.3)}, {"dW1": _one(0.0)}
    new, _ = update_parameters_with_rmsprop(
        parameters, grads, s, beta=0.0, learning_rate=1.0, epsilon=0.16
    )
    assert_allclose(new["W1"], [[-0.652173913043]], rtol=1e-10)
    assert abs(new["W1"][0, 0] + 0.6) > 0.05


# --- Adam -------------------------------------------------------------------------------------


def test_adam_one_step_from_injected_state_t2():
    parameters = {"W1": _one(1.0), "b1": _one(0.0)}
    grads = {"dW1": _one(0.5), "db1": _one(-0.2)}
    v = {"dW1": _one(0.1), "db1": _one(0.0)}
    s = {"dW1": _one(0.02), "db1": _one(0.0)}
    new, new_v, new_s, v_c, s_c = update_parameters_with_adam(
        parameters, grads, v, s, t=2, learning_rate=0.1, beta1=0.9, beta2=0.999, epsilon=1e-8
    )
    # W: v = 0.9*0.1 + 0.1*0.5 = 0.14;   s = 0.999*0.02 + 0.001*0.25 = 0.01998 + 0.00025 = 0.02023
    #    v_c = 0.14 / (1 - 0.9^2) = 0.14/0.19 = 0.7368421053
    #    s_c = 0.02023 / (1 - 0.999^2) = 0.02023/0.001999 = 10.12006003
    #    W = 1 - 0.1 * 0.7368421053 / (sqrt(10.12006003) + 1e-8) = 1 - 0.07368421/3.18120418
    #      = 1 - 0.0231623644 = 0.9768376356
    assert_allclose(new_v["dW1"], [[0.14]], **TOL)
    assert_allclose(new_s["dW1"], [[0.02023]], **TOL)
    assert_allclose(v_c["dW1"], [[0.7368421053]], rtol=1e-9)
    assert_allclose(s_c["dW1"], [[10.12006003]], rtol=1e-9)
    assert_allclose(new["W1"], [[0.9768376356]], rtol=1e-9)
    # b: v = 0.1*(-0.2) = -0.02; s = 0.001*0.04 = 4e-5; v_c = -0.02/0.19 = -0.1052631579
    #    s_c = 4e-5/0.001999 = 0.0200100050; b = 0 - 0.1*(-0.1052631579)/0.1414567248 = 0.0744136771
    assert_allclose(new_v["db1"], [[-0.02]], **TOL)
    assert_allclose(new_s["db1"], [[4e-5]], **TOL)
    assert_allclose(new["b1"], [[0.0744136771]], rtol=1e-9)


def test_adam_epsilon_is_outside_the_root():
    # t = 1 from zero state: v_c = g = 0.3 and s_c = g^2 = 0.09 exactly (up to rounding).
    # Outside: 0.3/(0.3 + 0.16) = 0.652173913;  inside: 0.3/sqrt(0.09 + 0.16) = 0.6.
    parameters, grads = {"W1": _one(0.0)}, {"dW1": _one(0.3)}
    v, s = initialize_adam(parameters)
    new, *_ = update_parameters_with_adam(
        parameters, grads, v, s, 1, learning_rate=1.0, epsilon=0.16
    )
    assert_allclose(new["W1"], [[-0.652173913043]], rtol=1e-10)
    assert abs(new["W1"][0, 0] + 0.6) > 0.05


@pytest.mark.parametrize("g", [1e-4, 0.3, -7.0, 250.0])
def test_adam_first_step_has_size_learning_rate(g):
    # Bias correction at t = 1 undoes the (1 - beta) factors: the step is lr * g / (|g| + eps).
    parameters, grads = {"W1": _one(2.0)}, {"dW1": _one(g)}
    v, s = initialize_adam(parameters)
    new, *_ = update_parameters_with_adam(parameters, grads, v, s, 1, learning_rate=0.01)
    assert_allclose(new["W1"], [[2.0 - 0.01 * g / (abs(g) + 1e-8)]], rtol=1e-12)


def test_adam_bias_correction_uses_t():
    parameters, grads = {"W1": _one(0.0)}, {"dW1": _one(1.0)}
    v, s = {"dW1": _one(0.5)}, {"dW1": _one(0.25)}
    _, new_v, new_s, v_c, s_c = update_parameters_with_adam(parameters, grads, v, s, t=3)
    # v = 0.9*0.5 + 0.1 = 0.55, corrected by 1 - 0.9^3 = 0.271 -> 2.029520295
    # s = 0.999*0.25 + 0.001 = 0.25075, corrected by 1 - 0.999^3 = 0.002997001 -> 83.66697
    assert_allclose(v_c["dW1"], [[0.55 / 0.271]], rtol=1e-12)
    assert_allclose(s_c["dW1"], [[0.25075 / 0.002997001]], rtol=1e-12)
    # a later t gives a smaller correction
    _, _, _, v_c10, _ = update_parameters_with_adam(parameters, grads, v, s, t=10)
    assert v_c10["dW1"][0, 0] < v_c["dW1"][0, 0]


@pytest.mark.parametrize("t", [0, -1])
def test_adam_rejects_t_below_one(t):
    parameters, grads = {"W1": _one(0.0)}, {"dW1": _one(1.0)}
    v, s = initialize_adam(parameters)
    with pytest.raises(ValueError, match="t"):
        update_parameters_with_adam(parameters, grads, v, s, t)


def test_initialize_adam_returns_distinct_zero_dicts():
    parameters, _, _ = _random_net([3, 2, 1], seed=3)
    v, s = initialize_adam(parameters)
    assert list(v) == list(s) == ["dW1", "db1", "dW2", "db2"]
    for key in v:
        assert v[key].shape == s[key].shape == parameters[key[1:]].shape
        assert not v[key].any() and not s[key].any()
        assert v[key] is not s[key]


# --- purity, shapes and dtypes for every rule (hypothesis) ------------------------------------

dims_strategy = st.lists(st.integers(1, 4), min_size=2, max_size=4)


def _all_rules(parameters, grads, state):
    """Run every update rule once; return the new parameter dicts and new state dicts."""
    new_gd = update_parameters_with_gd(parameters, grads, 0.1)
    new_m, v = update_parameters_with_momentum(parameters, grads, state, 0.9, 0.1)
    new_r, s = update_parameters_with_rmsprop(parameters, grads, state)
    new_a, va, sa, vc, sc = update_parameters_with_adam(parameters, grads, state, state, 4)
    return [new_gd, new_m, new_r, new_a], [v, s, va, sa, vc, sc]


@settings(max_examples=30, deadline=None)
@given(dims=dims_strategy, seed=st.integers(0, 2**16))
def test_update_rules_never_mutate_and_keep_shapes(dims, seed):
    parameters, grads, state = _random_net(dims, seed)
    before = (_copy(parameters), _copy(grads), _copy(state))
    new_params, new_states = _all_rules(parameters, grads, state)
    _assert_same(parameters, before[0])
    _assert_same(grads, before[1])
    _assert_same(state, before[2])
    for new in new_params:
        assert new.keys() == parameters.keys()
        for key in parameters:
            assert new[key].shape == parameters[key].shape
            assert not np.shares_memory(new[key], parameters[key])
    for new in new_states:
        assert new.keys() == state.keys()


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
def test_update_rules_keep_dtype(dtype):
    parameters, grads, state = _random_net([3, 4, 2], seed=4, dtype=dtype)
    new_params, new_states = _all_rules(parameters, grads, state)
    for new in new_params + new_states:
        for key, value in new.items():
            assert value.dtype == dtype, f"{key} became {value.dtype}"
    # numpy scalars as hyperparameters must not upcast either
    new, *_ = update_parameters_with_adam(
        parameters, grads, state, state, 2, np.float64(0.1), np.float64(0.9)
    )
    assert all(value.dtype == dtype for value in new.values())


# --- the object interface ---------------------------------------------------------------------


def _assert_close_dicts(a, b, rtol=1e-12):
    assert a.keys() == b.keys()
    for key in a:
        assert_allclose(a[key], b[key], rtol=rtol, atol=1e-15, err_msg=key)


def test_objects_match_the_functions_over_two_steps():
    parameters, grads, _ = _random_net([4, 3, 2], seed=5)
    _, grads2, _ = _random_net([4, 3, 2], seed=6)
    lr = 0.05

    # Adam: two object steps equal two function calls with t = 1 then t = 2.
    opt = Adam(learning_rate=lr, beta1=0.8, beta2=0.99, epsilon=1e-7)
    state = opt.init(parameters)
    p_obj, state = opt.step(parameters, grads, state)
    p_obj, state = opt.step(p_obj, grads2, state)
    assert state["t"] == 2
    v, s = initialize_adam(parameters)
    p_fun, v, s, _, _ = update_parameters_with_adam(parameters, grads, v, s, 1, lr, 0.8, 0.99, 1e-7)
    p_fun, v, s, _, _ = update_parameters_with_adam(p_fun, grads2, v, s, 2, lr, 0.8, 0.99, 1e-7)
    _assert_close_dicts(p_obj, p_fun)
    _assert_close_dicts(state["v"], v)
    _assert_close_dicts(state["s"], s)

    opt = Momentum(learning_rate=lr, beta=0.7)
    p_obj, state = opt.step(parameters, grads, opt.init(parameters))
    p_fun, v = update_parameters_with_momentum(
        parameters, grads, initialize_velocity(parameters), 0.7, lr
    )
    _assert_close_dicts(p_obj, p_fun)
    _assert_close_dicts(state["v"], v)

    opt = RMSprop(learning_rate=lr, beta=0.95, epsilon=1e-6)
    p_obj, state = opt.step(parameters, grads, opt.init(parameters))
    p_fun, s = update_parameters_with_rmsprop(
        parameters, grads, initialize_rmsprop(parameters), 0.95, lr, 1e-6
    )
    _assert_close_dicts(p_obj, p_fun)
    _assert_close_dicts(state["s"], s)

    opt = GradientDescent(learning_rate=lr)
    p_obj, state = opt.step(parameters, grads, opt.init(parameters))
    _assert_close_dicts(p_obj, update_parameters_with_gd(parameters, grads, lr))
    assert state == {}


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize(
    "opt",
    [GradientDescent(0.1), Momentum(0.1, beta=0.8), RMSprop(0.01, beta=0.9), Adam(0.05)],
    ids=["gd", "momentum", "rmsprop", "adam"],
)
def test_step_keeps_the_dtype_of_parameters_and_state_over_steps(opt, dtype):
    parameters, _, _ = _random_net([4, 3, 2], seed=8, dtype=dtype)
    state = opt.init(parameters)
    for k in range(3):
        _, grads, _ = _random_net([4, 3, 2], seed=20 + k, dtype=dtype)
        parameters, state = opt.step(parameters, grads, state, learning_rate=0.1 / (k + 1))
    for key, value in parameters.items():
        assert value.dtype == dtype, f"{key} became {value.dtype}"
    for name in ("v", "s"):
        for key, value in state.get(name, {}).items():
            assert value.dtype == dtype, f"{name}[{key}] became {value.dtype}"
    assert state.get("t", 3) == 3


def test_step_learning_rate_overrides_the_field_and_state_is_not_mutated():
    parameters, grads, _ = _random_net([2, 2], seed=7)
    opt = Adam(learning_rate=0.1)
    state = opt.init(parameters)
    snapshot = {"v": _copy(state["v"]), "s": _copy(state["s"]), "t": state["t"]}
    p_small, new_state = opt.step(parameters, grads, state, learning_rate=0.001)
    assert state["t"] == snapshot["t"] == 0 and new_state["t"] == 1
    _assert_same(state["v"], snapshot["v"])
    _assert_same(state["s"], snapshot["s"])
    p_field, _ = opt.step(parameters, grads, state)
    # first Adam step has size ~lr per entry
    step_small = np.abs(p_small["W1"] - parameters["W1"])
    step_field = np.abs(p_field["W1"] - parameters["W1"])
    assert_allclose(step_field, 100 * step_small, rtol=1e-6)


@pytest.mark.parametrize(
    ("name", "cls"),
    [("gd", GradientDescent), ("momentum", Momentum), ("rmsprop", RMSprop), ("ADAM", Adam)],
)
def test_make_optimizer_by_name(name, cls):
    opt = make_optimizer(name, learning_rate=0.3)
    assert type(opt) is cls
    assert opt.learning_rate == 0.3


def test_make_optimizer_passes_hyperparameters_and_rejects_unknown_ones():
    assert make_optimizer("adam", beta1=0.5).beta1 == 0.5
    with pytest.raises(ValueError, match="unknown optimizer"):
        make_optimizer("sgd_with_magic")
    with pytest.raises(ValueError, match="beta1"):
        make_optimizer("momentum", beta1=0.9)
    with pytest.raises(ValueError, match="name"):
        make_optimizer("gd", name="adam")  # the ClassVar is not a hyperparameter


def test_optimizer_objects_are_frozen():
    opt = Adam()
    with pytest.raises(AttributeError):
        opt.beta1 = 0.5


def test_every_optimizer_minimises_a_quadratic():
    # f(W) = 0.5 * ||W - target||^2, gradient W - target.
    target = np.array([[3.0, -1.0]])
    for opt in (GradientDescent(0.1), Momentum(0.1), RMSprop(0.01, beta=0.9), Adam(0.05)):
        parameters = {"W1": np.zeros((1, 2))}
        state = opt.init(parameters)
        for _ in range(2000):
            grads = {"dW1": parameters["W1"] - target}
            parameters, state = opt.step(parameters, grads, state)
        assert_allclose(parameters["W1"], target, atol=0.05, err_msg=type(opt).__name__)


# --- exponentially weighted averages ----------------------------------------------------------


def test_ewa_by_hand():
    # beta = 0.5: v1 = 0.5*1 = 0.5; v2 = 0.5*0.5 + 0.5*2 = 1.25; v3 = 0.5*1.25 + 0.5*3 = 2.125
    # corrected: 0.5/0.5 = 1; 1.25/0.75 = 1.6666667; 2.125/0.875 = 2.4285714
    assert_allclose(
        exponentially_weighted_average([1, 2, 3], 0.5, bias_correction=False),
        [0.5, 1.25, 2.125],
        **TOL,
    )
    assert_allclose(exponentially_weighted_average([1, 2, 3], 0.5), [1.0, 5 / 3, 17 / 7], **TOL)


def test_ewa_beta_09_temperatures():
    # beta = 0.9 on [10, 20]: v1 = 0.1*10 = 1; v2 = 0.9*1 + 0.1*20 = 2.9
    # corrected: 1/0.1 = 10; 2.9/0.19 = 15.263157894736842
    assert_allclose(
        exponentially_weighted_average(np.array([10.0, 20.0]), 0.9),
        [10.0, 15.263157894736842],
        **TOL,
    )


@settings(max_examples=30, deadline=None)
@given(c=st.floats(-1e3, 1e3), beta=st.floats(0.0, 0.99), n=st.integers(1, 30))
def test_ewa_of_a_constant_is_the_constant_with_correction(c, beta, n):
    values = np.full(n, c)
    out = exponentially_weighted_average(values, beta)
    assert out.shape == (n,)
    assert_allclose(out, values, rtol=1e-9, atol=1e-9)


def test_ewa_beta_zero_is_identity_and_input_is_untouched():
    values = np.array([3.0, -1.0, 4.0])
    out = exponentially_weighted_average(values, 0.0, bias_correction=False)
    assert_array_equal(out, values)
    assert_array_equal(values, [3.0, -1.0, 4.0])
    assert out is not values


def test_ewa_works_along_axis_0_and_validates():
    out = exponentially_weighted_average([[1.0, 2.0], [3.0, 4.0]], 0.5, bias_correction=False)
    # v1 = [0.5, 1]; v2 = 0.5*[0.5, 1] + 0.5*[3, 4] = [1.75, 2.5]
    assert_allclose(out, [[0.5, 1.0], [1.75, 2.5]], **TOL)
    with pytest.raises(ValueError):
        exponentially_weighted_average(3.0, 0.5)
    with pytest.raises(ValueError):
        exponentially_weighted_average([1.0], 1.0)


# --- learning-rate decay ----------------------------------------------------------------------


def test_update_lr_by_hand():
    assert update_lr(0.5, 0, 1.0) == 0.5
    assert update_lr(0.5, 2, 1.0) == pytest.approx(0.5 / 3)  # 0.5/(1 + 1*2)
    assert update_lr(0.1, 10, 0.3) == pytest.approx(0.025)  # 0.1/(1 + 3)


def test_schedule_lr_decay_uses_the_floor():
    # 0.5/(1 + 1*floor(999/1000)) = 0.5;  floor(1000/1000) = 1 -> 0.25;  1999 -> 0.25;  2000 -> 1/6
    assert schedule_lr_decay(0.5, 999, 1.0) == 0.5
    assert schedule_lr_decay(0.5, 1000, 1.0) == pytest.approx(0.25)
    assert schedule_lr_decay(0.5, 1999, 1.0) == pytest.approx(0.25)
    assert schedule_lr_decay(0.5, 2000, 1.0) == pytest.approx(0.5 / 3)
    # time_interval=10, decay 0.5: floor(25/10) = 2 -> 0.4/(1 + 1) = 0.2
    assert schedule_lr_decay(0.4, 25, 0.5, time_interval=10) == pytest.approx(0.2)


def test_exponential_lr_decay_by_hand():
    assert exponential_lr_decay(2.0, 3, base=0.5) == pytest.approx(0.25)  # 2 * 0.125
    assert exponential_lr_decay(0.1, 2) == pytest.approx(0.09025)  # 0.1 * 0.95^2
    assert exponential_lr_decay(0.1, 0) == 0.1


def test_inverse_sqrt_lr_decay_by_hand_and_rejects_step_zero():
    assert inverse_sqrt_lr_decay(0.3, 1) == pytest.approx(0.3)
    assert inverse_sqrt_lr_decay(0.3, 4, k=2.0) == pytest.approx(0.3)  # 0.3 * 2 / 2
    assert inverse_sqrt_lr_decay(1.0, 9, k=0.5) == pytest.approx(1 / 6)  # 0.5 / 3
    with pytest.raises(ValueError, match="step"):
        inverse_sqrt_lr_decay(0.3, 0)


def test_decays_return_python_floats_and_fit_the_decay_callable_interface():
    decay = functools.partial(update_lr, decay_rate=1.0)
    for value in (
        decay(0.1, 3),
        schedule_lr_decay(0.1, 3, 1.0),
        exponential_lr_decay(0.1, 3),
        inverse_sqrt_lr_decay(0.1, 3),
    ):
        assert type(value) is float
        assert math.isfinite(value)
