"""Tests for dlutils.training: the mini-batch trainer against finite differences of an independent
reference cost, the draw order, the optimizer interface, decay, dtypes, and real training runs."""

from __future__ import annotations

import functools
import warnings

import numpy as np
import pytest
from numpy.testing import assert_allclose, assert_array_equal

from dlutils.datasets import make_moons
from dlutils.gradcheck import numerical_gradient_dict
from dlutils.initialization import initialize_parameters_he, initialize_parameters_xavier
from dlutils.optimizers import Adam, Momentum, update_lr
from dlutils.training import predict, train

# --- an independent reference: the cost of a relu net written out in plain numpy ---------------


def reference_cost(parameters, X, Y, output, lambd=0.0, m_full=None, masks=None, keep_prob=1.0):
    """Mean cross-entropy of the batch (X, Y) plus (lambd / 2 m_full) sum ||W||^2."""
    n_layers = len(parameters) // 2
    m = X.shape[1]
    A = X
    for layer in range(1, n_layers):
        A = np.maximum(parameters[f"W{layer}"] @ A + parameters[f"b{layer}"], 0.0)
        if masks is not None:
            A = A * masks[layer - 1] / keep_prob
    Z = parameters[f"W{n_layers}"] @ A + parameters[f"b{n_layers}"]
    if output == "sigmoid":
        AL = 1.0 / (1.0 + np.exp(-Z))
        cross_entropy = -np.sum(Y * np.log(AL) + (1 - Y) * np.log(1 - AL)) / m
    else:
        E = np.exp(Z - Z.max(axis=0))
        AL = E / E.sum(axis=0)
        cross_entropy = -np.sum(Y * np.log(AL)) / m
    squares = sum(np.sum(parameters[f"W{layer}"] ** 2) for layer in range(1, n_layers + 1))
    return float(cross_entropy + lambd / (2 * (m_full or m)) * squares)


def _data(output, n_x, n_y, m, seed):
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n_x, m)) * 2.0 + 0.5
    if output == "sigmoid":
        Y = (rng.random((1, m)) < 0.5).astype(np.float64)
    else:
        Y = np.eye(n_y)[:, rng.integers(0, n_y, size=m)]
    return X, Y


def _grad_step(parameters, grads, lr):
    return {key: value - lr * grads["d" + key] for key, value in parameters.items()}


def _assert_dicts_close(a, b, rtol, atol):
    assert a.keys() == b.keys()
    for key in a:
        assert_allclose(a[key], b[key], rtol=rtol, atol=atol, err_msg=key)


# --- one epoch of plain GD equals finite differences of the reference cost ---------------------


@pytest.mark.parametrize(
    ("output", "dims", "lambd"),
    [
        ("sigmoid", [3, 4, 3, 1], 0.0),
        ("sigmoid", [3, 4, 3, 1], 0.7),
        ("sigmoid", [2, 1], 0.0),  # logistic regression: no hidden layer
        ("softmax", [3, 5, 4], 0.0),
        ("softmax", [4, 6, 3, 3], 0.3),
    ],
)
def test_full_batch_step_matches_finite_differences(output, dims, lambd):
    m, lr, seed = 9, 0.5, 11
    X, Y = _data(output, dims[0], dims[-1], m, seed=len(dims) + dims[1])
    initial = initialize_parameters_he(dims, rng=np.random.default_rng(seed))  # same draws

    def cost(p):
        return reference_cost(p, X, Y, output, lambd)

    expected = _grad_step(initial, numerical_gradient_dict(cost, initial), lr)
    parameters, costs = train(
        X,
        Y,
        dims,
        optimizer="gd",
        learning_rate=lr,
        mini_batch_size=m,
        num_epochs=1,
        lambd=lambd,
        output=output,
        rng=np.random.default_rng(seed),
    )
    _assert_dicts_close(parameters, expected, rtol=1e-6, atol=1e-8)
    assert costs == pytest.approx([cost(initial)], rel=1e-10)


def test_dropout_masks_follow_the_documented_draw_order():
    # Draws: He init (W1, W2, W3), one permutation, then the masks of hidden layers 1 and 2.
    dims, m, lr, keep_prob, seed = [3, 6, 4, 1], 8, 0.3, 0.7, 8
    X, Y = _data("sigmoid", 3, 1, m, seed=2)
    rng = np.random.default_rng(seed)
    initial = initialize_parameters_he(dims, rng=rng)
    perm = rng.permutation(m)
    masks = [rng.random((6, m)) < keep_prob, rng.random((4, m)) < keep_prob]
    X_b, Y_b = X[:, perm], Y[:, perm]
    # Precondition: no hidden pre-activation sits at the ReLU kink, where finite differences
    # see slope 1/2 and the convention relu'(0) = 0 says 0 (a column dropped to all zeros with
    # b = 0 would put a whole column of Z[l+1] at exactly 0; this seed has none).
    A = X_b
    for layer in (1, 2):
        Z = initial[f"W{layer}"] @ A + initial[f"b{layer}"]
        assert np.abs(Z).min() > 0.1
        A = np.maximum(Z, 0) * masks[layer - 1] / keep_prob

    def cost(p):
        return reference_cost(p, X_b, Y_b, "sigmoid", masks=masks, keep_prob=keep_prob)

    expected = _grad_step(initial, numerical_gradient_dict(cost, initial), lr)
    parameters, costs = train(
        X,
        Y,
        dims,
        optimizer="gd",
        learning_rate=lr,
        mini_batch_size=m,
        num_epochs=1,
        keep_prob=keep_prob,
        rng=np.random.default_rng(seed),
    )
    _assert_dicts_close(parameters, expected, rtol=1e-6, atol=1e-8)
    assert costs[0] == pytest.approx(cost(initial), rel=1e-10)
    # without dropout the same seed gives another step: the masks did matter
    no_dropout, _ = train(
        X,
        Y,
        dims,
        optimizer="gd",
        learning_rate=lr,
        mini_batch_size=m,
        num_epochs=1,
        rng=np.random.default_rng(seed),
    )
    assert not np.allclose(no_dropout["W1"], parameters["W1"])


def test_two_mini_batches_in_order_with_l2_over_the_full_set():
    # m = 10 in batches of 6 then 4. The L2 term is lambda/(2*10) whatever the batch size, and
    # the epoch cost is (6 * J_1(p0) + 4 * J_2(p1)) / 10 with each J_b measured before its step.
    dims, m, lr, lambd, seed = [2, 3, 1], 10, 0.4, 0.5, 3
    X, Y = _data("sigmoid", 2, 1, m, seed=4)
    rng = np.random.default_rng(seed)
    p0 = initialize_parameters_he(dims, rng=rng)
    perm = rng.permutation(m)
    batches = [(X[:, perm[:6]], Y[:, perm[:6]]), (X[:, perm[6:]], Y[:, perm[6:]])]

    def batch_cost(b):
        X_b, Y_b = batches[b]
        return lambda p: reference_cost(p, X_b, Y_b, "sigmoid", lambd=lambd, m_full=m)

    p1 = _grad_step(p0, numerical_gradient_dict(batch_cost(0), p0), lr)
    p2 = _grad_step(p1, numerical_gradient_dict(batch_cost(1), p1), lr)
    parameters, costs = train(
        X,
        Y,
        dims,
        optimizer="gd",
        learning_rate=lr,
        mini_batch_size=6,
        num_epochs=1,
        lambd=lambd,
        rng=np.random.default_rng(seed),
    )
    _assert_dicts_close(parameters, p2, rtol=1e-6, atol=1e-8)
    expected_cost = (6 * batch_cost(0)(p0) + 4 * batch_cost(1)(p1)) / 10
    assert costs[0] == pytest.approx(expected_cost, rel=1e-10)


# --- the optimizer interface: t counts updates, decay per epoch, grads without dA0 ----------


class SpyAdam:
    """An optimizer object that records what the trainer gives it, then defers to Adam."""

    def __init__(self):
        self.inner = Adam()
        self.calls = []

    def init(self, parameters):
        return self.inner.init(parameters)

    def step(self, parameters, grads, state, learning_rate=None):
        self.calls.append((state["t"], learning_rate, sorted(grads)))
        return self.inner.step(parameters, grads, state, learning_rate)


def test_adam_t_counts_updates_and_decay_is_per_epoch():
    X, Y = _data("sigmoid", 2, 1, 10, seed=0)
    spy = SpyAdam()
    lr0 = 0.1
    train(
        X,
        Y,
        [2, 3, 2, 1],
        optimizer=spy,
        learning_rate=lr0,
        mini_batch_size=4,
        num_epochs=3,
        decay=functools.partial(update_lr, decay_rate=1.0),
        rng=np.random.default_rng(0),
    )
    # 10 examples in batches of 4: 3 updates per epoch, 9 in all; t before each is 0..8.
    assert [t for t, _, _ in spy.calls] == list(range(9))
    # epoch e uses update_lr(lr0, e, 1.0) = lr0 / (1 + e): 0.1, 0.05, 0.0333...
    assert [lr for _, lr, _ in spy.calls] == pytest.approx([0.1] * 3 + [0.05] * 3 + [0.1 / 3] * 3)
    assert spy.calls[0][2] == ["dW1", "dW2", "dW3", "db1", "db2", "db3"]  # no dA0


def test_a_user_object_with_init_and_step_trains_like_the_named_optimizer():
    # SpyAdam is not a dlutils class: the trainer needs nothing but init and step.
    X, Y = _data("sigmoid", 2, 1, 20, seed=1)
    kwargs = dict(learning_rate=0.01, mini_batch_size=8, num_epochs=3, keep_prob=0.9)
    p_pure, c_pure = train(
        X, Y, [2, 4, 1], optimizer=SpyAdam(), rng=np.random.default_rng(4), **kwargs
    )
    p_fast, c_fast = train(
        X, Y, [2, 4, 1], optimizer="adam", rng=np.random.default_rng(4), **kwargs
    )
    assert c_pure == c_fast
    for key in p_pure:
        assert_array_equal(p_pure[key], p_fast[key])


def test_optimizer_by_name_object_and_dict_agree():
    X, Y = _data("sigmoid", 2, 1, 20, seed=1)
    common = dict(learning_rate=0.01, mini_batch_size=8, num_epochs=3)
    by_kwargs = train(
        X,
        Y,
        [2, 4, 1],
        optimizer="adam",
        beta1=0.8,
        epsilon=1e-6,
        rng=np.random.default_rng(2),
        **common,
    )
    by_dict = train(
        X,
        Y,
        [2, 4, 1],
        optimizer="adam",
        optimizer_params={"beta1": 0.8, "epsilon": 1e-6},
        rng=np.random.default_rng(2),
        **common,
    )
    by_object = train(
        X,
        Y,
        [2, 4, 1],
        optimizer=Adam(beta1=0.8, epsilon=1e-6),
        rng=np.random.default_rng(2),
        **common,
    )
    default = train(X, Y, [2, 4, 1], optimizer="adam", rng=np.random.default_rng(2), **common)
    for other in (by_dict, by_object):
        assert other[1] == by_kwargs[1]
        for key in by_kwargs[0]:
            assert_array_equal(other[0][key], by_kwargs[0][key])
    assert default[1] != by_kwargs[1]  # the hyperparameters did reach the optimizer


def test_momentum_with_beta_zero_trains_like_gd():
    X, Y = _data("sigmoid", 2, 1, 20, seed=1)
    kwargs = dict(learning_rate=0.05, mini_batch_size=8, num_epochs=4)
    p_gd, c_gd = train(X, Y, [2, 4, 1], optimizer="gd", rng=np.random.default_rng(3), **kwargs)
    p_m, c_m = train(
        X, Y, [2, 4, 1], optimizer=Momentum(beta=0.0), rng=np.random.default_rng(3), **kwargs
    )
    assert c_m == pytest.approx(c_gd, rel=1e-12)
    _assert_dicts_close(p_m, p_gd, rtol=1e-12, atol=1e-15)


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"optimizer": "nesterov"}, "unknown optimizer"),
        ({"optimizer": "momentum", "beta1": 0.9}, "beta1"),
        ({"optimizer": Adam(), "beta1": 0.9}, "object"),
        ({"optimizer": object()}, "init"),
        ({"optimizer": "adam", "beta1": 0.9, "optimizer_params": {"beta1": 0.8}}, "both"),
        ({"optimizer": "adam", "learning_rate_": 0.1}, "learning_rate_"),
        ({"output": "tanh"}, "output"),
        ({"initialization": "lecun"}, "initialization"),
        ({"keep_prob": 0.0}, "keep_prob"),
        ({"keep_prob": 1.5}, "keep_prob"),
        ({"lambd": -1.0}, "lambd"),
        ({"num_epochs": 2.5}, "num_epochs"),
        ({"dtype": np.int32}, "dtype"),
        ({"mini_batch_size": 0}, "mini_batch_size"),
    ],
)
def test_bad_arguments_raise_clear_errors(kwargs, match):
    X, Y = _data("sigmoid", 2, 1, 6, seed=0)
    arguments = {"num_epochs": 1, **kwargs}
    with pytest.raises(ValueError, match=match):
        train(X, Y, [2, 3, 1], rng=np.random.default_rng(0), **arguments)


def test_shape_errors():
    rng = np.random.default_rng(0)
    X, Y = _data("sigmoid", 2, 1, 6, seed=0)
    with pytest.raises(ValueError, match="X has shape"):
        train(X.T, Y, [2, 3, 1], num_epochs=1, rng=rng)
    with pytest.raises(ValueError, match="Y has shape"):
        train(X, Y[:, :5], [2, 3, 1], num_epochs=1, rng=rng)
    with pytest.raises(ValueError, match="one_hot"):
        train(X, Y, [2, 3, 3], output="softmax", num_epochs=1, rng=rng)
    with pytest.raises(TypeError):
        train(X, Y, [2, 3, 1], num_epochs=1, rng=0)


# --- reproducibility, purity, dtypes, initialisations ---------------------------------------


def test_same_seed_same_result_and_inputs_untouched():
    X, Y = _data("sigmoid", 2, 1, 30, seed=5)
    X_before, Y_before = X.copy(), Y.copy()
    kwargs = dict(
        optimizer="adam",
        learning_rate=0.01,
        mini_batch_size=8,
        num_epochs=5,
        keep_prob=0.8,
        lambd=0.1,
    )
    p1, c1 = train(X, Y, [2, 5, 3, 1], rng=np.random.default_rng(9), **kwargs)
    p2, c2 = train(X, Y, [2, 5, 3, 1], rng=np.random.default_rng(9), **kwargs)
    p3, c3 = train(X, Y, [2, 5, 3, 1], rng=np.random.default_rng(10), **kwargs)
    assert c1 == c2 and c1 != c3
    for key in p1:
        assert_array_equal(p1[key], p2[key])
    assert_array_equal(X, X_before)
    assert_array_equal(Y, Y_before)
    assert all(not np.shares_memory(value, X) for value in p1.values())


def test_zero_epochs_returns_the_initial_parameters():
    X, Y = _data("sigmoid", 3, 1, 5, seed=0)
    parameters, costs = train(
        X, Y, [3, 4, 1], num_epochs=0, initialization="xavier", rng=np.random.default_rng(4)
    )
    assert costs == []
    expected = initialize_parameters_xavier([3, 4, 1], rng=np.random.default_rng(4))
    for key in expected:
        assert_array_equal(parameters[key], expected[key])


def test_zeros_initialization_never_breaks_symmetry():
    X, Y = _data("sigmoid", 2, 1, 20, seed=6)
    parameters, _ = train(
        X,
        Y,
        [2, 4, 1],
        initialization="zeros",
        optimizer="adam",
        learning_rate=0.01,
        num_epochs=5,
        rng=np.random.default_rng(0),
    )
    W1 = parameters["W1"]
    assert_allclose(W1, np.broadcast_to(W1[0], W1.shape))  # every hidden unit is the same
    he, _ = train(X, Y, [2, 4, 1], num_epochs=0, rng=np.random.default_rng(0))
    assert not np.allclose(he["W1"], he["W1"][0])


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_float32_training_keeps_float32(output):
    X, Y = _data(output, 3, 3 if output == "softmax" else 1, 40, seed=7)
    dims = [3, 6, 4, 3 if output == "softmax" else 1]
    kwargs = dict(
        optimizer="adam",
        learning_rate=0.01,
        mini_batch_size=16,
        num_epochs=10,
        keep_prob=0.8,
        lambd=0.1,
        output=output,
    )
    p32, c32 = train(X, Y, dims, dtype=np.float32, rng=np.random.default_rng(1), **kwargs)
    p64, c64 = train(X, Y, dims, rng=np.random.default_rng(1), **kwargs)
    for key, value in p32.items():
        assert value.dtype == np.float32, f"{key} is {value.dtype}"
        assert p64[key].dtype == np.float64
        # same draws, same algorithm: float32 only adds rounding
        assert_allclose(value, p64[key], rtol=1e-3, atol=1e-4, err_msg=key)
    assert all(isinstance(c, float) for c in c32)
    assert_allclose(c32, c64, rtol=1e-4)
    assert predict(p32, X.astype(np.float32), output=output).shape == (1, 40)


# --- printing and the progress bar ------------------------------------------------------------


def test_print_cost_every_1000_epochs_with_the_learning_rate(capsys):
    X, Y = _data("sigmoid", 2, 1, 4, seed=0)
    _, costs = train(
        X,
        Y,
        [2, 1],
        num_epochs=1001,
        mini_batch_size=4,
        print_cost=True,
        decay=functools.partial(update_lr, decay_rate=0.5),
        rng=np.random.default_rng(0),
    )
    lines = capsys.readouterr().out.splitlines()
    assert [line.split(":")[0] for line in lines] == [
        "Cost after epoch 0",
        "learning rate after epoch 0",
        "Cost after epoch 1000",
        "learning rate after epoch 1000",
    ]
    assert float(lines[2].split(":")[1]) == pytest.approx(costs[1000], abs=1e-6)
    # update_lr(0.0007, 1000, 0.5) = 0.0007 / 501
    assert float(lines[3].split(":")[1]) == pytest.approx(0.0007 / 501, abs=1e-6)


def test_progress_bar_runs_quietly_by_default(capsys):
    X, Y = _data("sigmoid", 2, 1, 4, seed=0)
    train(X, Y, [2, 1], num_epochs=3, rng=np.random.default_rng(0))
    assert capsys.readouterr() == ("", "")
    train(X, Y, [2, 1], num_epochs=3, progress=True, rng=np.random.default_rng(0))
    assert "epochs" in capsys.readouterr().err


# --- predict ----------------------------------------------------------------------------------


def test_predict_by_hand():
    # One sigmoid unit z = x1 - x2: probabilities above 0.5 exactly when x1 > x2; z = 0 gives
    # exactly 0.5, which is NOT above 0.5, so class 0.
    parameters = {"W1": np.array([[1.0, -1.0]]), "b1": np.zeros((1, 1))}
    X = np.array([[2.0, 0.0, 1.0], [1.0, 3.0, 1.0]])
    predictions = predict(parameters, X)
    assert predictions.dtype == np.float64
    assert_array_equal(predictions, [[1.0, 0.0, 0.0]])
    softmax_parameters = {"W1": np.eye(3), "b1": np.array([[0.0], [0.0], [10.0]])}
    classes = predict(
        softmax_parameters, np.array([[5.0, 0.0], [1.0, 20.0], [0.0, 0.0]]), output="softmax"
    )
    assert classes.dtype == np.int64
    assert_array_equal(classes, [[2, 1]])  # scores [5, 1, 10] and [0, 20, 10]


# --- real training ----------------------------------------------------------------------------


def test_adam_beats_plain_minibatch_gd_on_moons():
    # The optimization assignment's comparison: same data, net, init seed, batches and epochs.
    X, Y = make_moons(300, rng=np.random.default_rng(3))
    results = {}
    for name in ("gd", "adam"):
        parameters, costs = train(
            X,
            Y,
            [2, 5, 2, 1],
            optimizer=name,
            learning_rate=0.0007,
            mini_batch_size=64,
            num_epochs=600,
            rng=np.random.default_rng(1),
        )
        accuracy = float(np.mean(predict(parameters, X) == Y))
        results[name] = (costs[-1], accuracy)
    (gd_cost, gd_accuracy), (adam_cost, adam_accuracy) = results["gd"], results["adam"]
    assert adam_cost < gd_cost
    assert adam_accuracy >= gd_accuracy
    assert adam_accuracy > 0.8, results


@pytest.mark.parametrize("output", ["sigmoid", "softmax"])
def test_saturated_training_stays_finite_and_warning_free(output):
    # Large random init (x10) on large inputs drives the outputs to exactly 0 and 1.
    n_y = 3 if output == "softmax" else 1
    X, Y = _data(output, 4, n_y, 24, seed=8)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(over="raise", invalid="raise", divide="raise"):
            parameters, costs = train(
                100.0 * X,
                Y,
                [4, 8, n_y],
                initialization="random",
                optimizer="adam",
                learning_rate=0.01,
                mini_batch_size=8,
                num_epochs=3,
                output=output,
                lambd=0.1,
                rng=np.random.default_rng(0),
            )
    assert np.all(np.isfinite(costs))
    assert costs[0] > 1.0  # confidently wrong predictions are expensive, but finite
    assert all(np.all(np.isfinite(value)) for value in parameters.values())
