"""The general mini-batch trainer: any optimizer, L2, dropout, learning-rate decay, sigmoid or
softmax output, any initialisation, float64 or float32.

The net is ``[LINEAR -> RELU] * (L-1) -> LINEAR -> SIGMOID`` (binary labels ``(1, m)``) or
``... -> LINEAR -> SOFTMAX`` (one-hot labels ``(C, m)``), trained on the cross-entropy.

Each mini-batch is the composition a learner writes: forward pass, cost, backward pass, one
optimizer step (``step``, which calls the rule of :mod:`dlutils.optimizers`). The forward and
backward pass are those of :mod:`dlutils.layers`, :mod:`dlutils.activations` and
:mod:`dlutils.regularization` (inverted dropout), run by :mod:`dlutils._fastpath`, which gives
the same numbers with less work (``tests/dlutils/test_fastpath.py`` proves it). ``X`` and ``Y``
are never changed; the returned parameters are new arrays.

Introduced in: C2W2_optimization (``train``, ``predict``); used by C2W3_batchnorm_softmax.
"""

from __future__ import annotations

import numbers
from collections.abc import Callable, Mapping, Sequence
from typing import Any

import numpy as np
from tqdm.auto import tqdm

from dlutils import _fastpath
from dlutils.batching import random_mini_batches
from dlutils.initialization import (
    initialize_parameters_he,
    initialize_parameters_random,
    initialize_parameters_xavier,
    initialize_parameters_zeros,
)
from dlutils.losses import compute_cost, compute_softmax_cost
from dlutils.optimizers import make_optimizer

__all__ = ["train", "predict"]

OUTPUTS = ("sigmoid", "softmax")

INITIALIZERS: dict[str, Callable[..., dict[str, np.ndarray]]] = {
    "he": initialize_parameters_he,
    "xavier": initialize_parameters_xavier,
    "random": initialize_parameters_random,
    "zeros": lambda layers_dims, *, rng: initialize_parameters_zeros(layers_dims),
}

# print_cost prints every this many epochs in train() (the classic optimization assignment).
PRINT_EVERY = 1000


def train(
    X: np.ndarray,
    Y: np.ndarray,
    layers_dims: Sequence[int],
    *,
    optimizer: Any = "gd",
    learning_rate: float = 0.0007,
    mini_batch_size: int = 64,
    num_epochs: int = 1000,
    optimizer_params: Mapping[str, float] | None = None,
    lambd: float = 0.0,
    keep_prob: float = 1.0,
    decay: Callable[[float, int], float] | None = None,
    output: str = "sigmoid",
    initialization: str = "he",
    dtype: np.dtype | type = np.float64,
    rng: np.random.Generator,
    print_cost: bool = False,
    progress: bool = False,
    **hyperparameters: float,
) -> tuple[dict[str, np.ndarray], list[float]]:
    """Train a fully connected net with mini-batches.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Training inputs, one example per column.
    Y : ndarray, shape (1, m) or (C, m)
        Binary labels 0/1 for ``output="sigmoid"``; one-hot labels for ``output="softmax"``
        (see :func:`dlutils.softmax_regression.one_hot`).
    layers_dims : sequence of int
        ``[n_x, n_1, ..., n_L]``; ``n_L`` is 1 for a binary task and C for softmax.
    optimizer : {"gd", "momentum", "rmsprop", "adam"} or optimizer object
        A name for :func:`dlutils.optimizers.make_optimizer`, or any object with
        ``init(parameters) -> state`` and ``step(parameters, grads, state, learning_rate)
        -> (parameters, state)`` (such as ``dlutils.optimizers.Adam(beta1=0.8)``).
    learning_rate : float
        The base rate alpha_0, passed to every ``step``. It is used for optimizer objects too:
        their own ``learning_rate`` field is ignored here.
    mini_batch_size : int
        Examples per mini-batch (the last one may be smaller); ``m`` gives batch GD, 1 SGD.
    num_epochs : int
        Passes over the training set.
    optimizer_params : dict, optional
        Optimizer hyperparameters (``beta``, ``beta1``, ``beta2``, ``epsilon``), merged with
        ``**hyperparameters``; for an optimizer given by name only.
    lambd : float
        L2 regularization strength lambda >= 0.
    keep_prob : float
        Inverted-dropout keep probability in (0, 1] for the hidden layers (never the input or
        the output). 1 switches dropout off and draws no masks.
    decay : callable or None
        ``decay(learning_rate0, epoch) -> learning_rate``, e.g.
        ``functools.partial(update_lr, decay_rate=1.0)``. Epochs count from 0 and epoch ``e``
        trains with ``decay(learning_rate, e)``, so with ``update_lr`` epoch 0 uses the base
        rate. (``inverse_sqrt_lr_decay`` needs ``step >= 1``: pass
        ``lambda lr0, e: inverse_sqrt_lr_decay(lr0, e + 1)``.)
    output : {"sigmoid", "softmax"}
        The last layer's activation and the matching cross-entropy.
    initialization : {"he", "xavier", "random", "zeros"}
        The :mod:`dlutils.initialization` function used for the parameters.
    dtype : numpy float dtype
        Every array (X, Y, parameters, optimizer state) is kept in this dtype; float32 is never
        upcast. The random draws are the same for every dtype.
    rng : numpy.random.Generator, keyword-only
        The only source of randomness. Draw order: the initialisation (``W1`` to ``WL``, each
        ``rng.standard_normal``; nothing for ``"zeros"``); then for each epoch ONE
        ``rng.permutation(m)`` (:func:`dlutils.batching.random_mini_batches`), then for each
        mini-batch in order, when ``keep_prob < 1``, the dropout masks of hidden layers
        ``1, ..., L-1`` in that order, each ``rng.random(A.shape)`` (kept where ``< keep_prob``).
    print_cost : bool
        Print the cost every 1000 epochs (and the learning rate when ``decay`` is set).
    progress : bool
        Show a ``tqdm.auto`` progress bar over the epochs.
    **hyperparameters
        Optimizer hyperparameters by keyword, e.g. ``beta1=0.9``.

    Returns
    -------
    parameters : dict of str -> ndarray
        ``W[l]`` ``(n[l], n[l-1])``, ``b[l]`` ``(n[l], 1)``, in ``dtype``.
    costs : list of numpy.float64
        One entry per epoch: the cost averaged over the m examples of that epoch, each
        mini-batch's cost measured before its update (with the L2 term when ``lambd > 0``).

    Raises
    ------
    ValueError
        For inconsistent shapes, unknown names, invalid hyperparameters, or hyperparameters
        given together with an optimizer object.

    Notes
    -----
    For a mini-batch of size ``m_b`` (and ``m`` examples in the whole training set):

    .. math::
        dZ^{[L]} = A^{[L]} - Y, \\qquad
        dW^{[l]} = \\frac{1}{m_b} dZ^{[l]} A^{[l-1]T} + \\frac{\\lambda}{m} W^{[l]}, \\qquad
        db^{[l]} = \\frac{1}{m_b} \\sum_i dZ^{[l](i)}

    The L2 term uses the full-set ``m``: the mini-batch gradient is then an unbiased estimate of
    the gradient of the regularized cost of the whole set,
    :math:`J = \\frac{1}{m}\\sum_i \\mathcal{L}^{(i)} + \\frac{\\lambda}{2m}\\sum_l
    \\lVert W^{[l]}\\rVert_F^2`, whatever the batch size. The epoch cost is

    .. math::
        \\frac{1}{m}\\sum_b m_b \\Big(J_b
        + \\frac{\\lambda}{2m}\\sum_l\\lVert W^{[l]}\\rVert_F^2\\Big)

    Adam's ``t`` counts updates (mini-batches), not epochs.
    """
    return _fit(
        X,
        Y,
        layers_dims,
        optimizer=optimizer,
        learning_rate=learning_rate,
        mini_batch_size=mini_batch_size,
        num_epochs=num_epochs,
        optimizer_params=optimizer_params,
        lambd=lambd,
        keep_prob=keep_prob,
        decay=decay,
        output=output,
        initialization=initialization,
        dtype=dtype,
        rng=rng,
        print_cost=print_cost,
        print_every=PRINT_EVERY,
        progress=progress,
        hyperparameters=hyperparameters,
    )


def _fit(
    X,
    Y,
    layers_dims,
    *,
    optimizer,
    learning_rate,
    mini_batch_size,
    num_epochs,
    optimizer_params,
    lambd,
    keep_prob,
    decay,
    output,
    initialization,
    dtype,
    rng,
    print_cost,
    print_every,
    progress,
    hyperparameters,
):
    """:func:`train` with the print interval as an argument (softmax_model prints every 10)."""
    dtype = np.dtype(dtype)
    if not np.issubdtype(dtype, np.floating):
        raise ValueError(f"dtype must be a floating dtype such as np.float32, got {dtype}")
    if output not in OUTPUTS:
        raise ValueError(f"output must be one of {OUTPUTS}, got {output!r}")
    if initialization not in INITIALIZERS:
        raise ValueError(
            f"initialization must be one of {sorted(INITIALIZERS)}, got {initialization!r}"
        )
    if not isinstance(rng, np.random.Generator):
        raise TypeError(f"rng must be a numpy.random.Generator, got {type(rng).__name__}")
    num_epochs = _check_count(num_epochs, "num_epochs")
    lambd = float(lambd)
    if not lambd >= 0.0:
        raise ValueError(f"lambd must be >= 0, got {lambd}")
    keep_prob = float(keep_prob)
    if not 0.0 < keep_prob <= 1.0:
        raise ValueError(f"keep_prob must be in (0, 1], got {keep_prob}")
    X, Y = _check_data(X, Y, layers_dims, output, dtype)
    opt = _make(optimizer, learning_rate, optimizer_params, hyperparameters)

    init = INITIALIZERS[initialization]
    initial = init(layers_dims, rng=rng)  # fresh arrays: ours to update in place
    parameters = {key: value.astype(dtype, copy=False) for key, value in initial.items()}
    state = opt.init(parameters)

    n_layers = len(parameters) // 2
    m = X.shape[1]
    compute = compute_softmax_cost if output == "softmax" else compute_cost
    epochs = tqdm(range(num_epochs), desc="epochs") if progress else range(num_epochs)
    report = tqdm.write if progress else print
    costs: list[float] = []

    for epoch in epochs:
        lr = learning_rate if decay is None else decay(learning_rate, epoch)
        cost_total = 0.0
        for X_b, Y_b in random_mini_batches(X, Y, mini_batch_size, rng=rng):
            AL, caches = _fastpath.forward(
                X_b, parameters, output=output, keep_prob=keep_prob, rng=rng
            )
            m_b = X_b.shape[1]
            cost_total += m_b * compute(AL, Y_b)
            if lambd > 0.0:
                squares = sum(float((W * W).sum()) for W in _weights(parameters, n_layers))
                cost_total += m_b * lambd / (2 * m) * squares
            grads = _fastpath.backward(
                AL, Y_b, caches, parameters, keep_prob=keep_prob, l2=lambd / m
            )
            parameters, state = opt.step(parameters, grads, state, learning_rate=lr)
        cost = np.float64(cost_total / m)
        costs.append(cost)
        if print_cost and epoch % print_every == 0:
            report(f"Cost after epoch {epoch}: {cost:f}")
            if decay is not None:
                report(f"learning rate after epoch {epoch}: {lr:f}")
    return parameters, costs


def _weights(parameters, n_layers):
    return [parameters[f"W{layer}"] for layer in range(1, n_layers + 1)]


def predict(
    parameters: Mapping[str, np.ndarray], X: np.ndarray, output: str = "sigmoid"
) -> np.ndarray:
    """Predict with a net trained by :func:`train` (no dropout at test time).

    Parameters
    ----------
    parameters : dict of str -> ndarray
        ``"W1", "b1", ..., "WL", "bL"``.
    X : ndarray, shape (n_x, m)
        Inputs, one example per column.
    output : {"sigmoid", "softmax"}
        The output layer the net was trained with.

    Returns
    -------
    predictions : ndarray, shape (1, m)
        ``"sigmoid"``: float64 0.0/1.0, 1.0 where the probability is strictly above 0.5 (as
        :func:`dlutils.models.predict`). ``"softmax"``: int64 class indices, the argmax of each
        column of the output (as :func:`dlutils.softmax_regression.predict_classes`).
    """
    if output not in OUTPUTS:
        raise ValueError(f"output must be one of {OUTPUTS}, got {output!r}")
    X = np.asarray(X)
    W1 = parameters["W1"]
    if X.ndim != 2 or X.shape[0] != W1.shape[1]:
        raise ValueError(f"X has shape {X.shape}; expected ({W1.shape[1]}, m) to match W1")
    AL, _ = _fastpath.forward(X, parameters, output=output)
    if output == "softmax":
        return AL.argmax(axis=0).astype(np.int64).reshape(1, -1)
    return (AL > 0.5).astype(np.float64)


# --------------------------------------------------------------------------------------------
# Validation helpers
# --------------------------------------------------------------------------------------------


def _check_count(value, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, numbers.Integral) or value < 0:
        raise ValueError(f"{name} must be a non-negative int, got {value!r}")
    return int(value)


def _check_data(X, Y, layers_dims, output, dtype):
    """Return X and Y as 2-D arrays of ``dtype`` (no copy when already so), or raise."""
    dims = list(layers_dims)
    if len(dims) < 2:
        raise ValueError(f"layers_dims needs at least an input and an output size, got {dims}")
    X = np.asarray(X, dtype=dtype)
    Y = np.asarray(Y, dtype=dtype)
    if X.ndim != 2 or X.shape[0] != dims[0]:
        raise ValueError(
            f"X has shape {X.shape}; expected ({dims[0]}, m) to match layers_dims[0] = "
            f"{dims[0]} (examples are columns)"
        )
    m, n_y = X.shape[1], dims[-1]
    if output == "softmax" and Y.shape == (1, m) and n_y > 1:
        raise ValueError(
            f"Y has shape {Y.shape} but the softmax output has {n_y} classes: pass one-hot "
            f"labels of shape ({n_y}, {m}), e.g. one_hot(Y, {n_y})"
        )
    if Y.shape != (n_y, m):
        raise ValueError(f"Y has shape {Y.shape}; expected ({n_y}, {m})")
    if output == "softmax" and n_y < 2:
        raise ValueError("a softmax output needs layers_dims[-1] >= 2 classes")
    return X, Y


def _make(optimizer, learning_rate, optimizer_params, hyperparameters):
    """An optimizer object from a name (with hyperparameters) or the object itself."""
    merged = dict(optimizer_params or {})
    clash = sorted(set(merged) & set(hyperparameters))
    if clash:
        raise ValueError(f"hyperparameter(s) {clash} given both in optimizer_params and by keyword")
    merged.update(hyperparameters)
    if isinstance(optimizer, str):
        if "learning_rate" in merged:
            raise ValueError(
                "pass learning_rate as train(learning_rate=...), not as a hyperparameter"
            )
        return make_optimizer(optimizer, learning_rate=learning_rate, **merged)
    if not (
        callable(getattr(optimizer, "init", None)) and callable(getattr(optimizer, "step", None))
    ):
        raise ValueError(
            f"optimizer must be a name or an object with init() and step(), got {optimizer!r}"
        )
    if merged:
        raise ValueError(
            f"hyperparameters {sorted(merged)} were given with an optimizer object; set them on "
            "the object instead"
        )
    return optimizer
