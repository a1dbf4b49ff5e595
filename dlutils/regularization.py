"""Regularization of the classic 3-layer net: L2 (weight decay), L1 (sparsity), inverted dropout.

The net is ``LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID`` with parameters
``"W1", "b1", "W2", "b2", "W3", "b3"`` (``W[l]`` of shape ``(n[l], n[l-1])``, ``b[l]`` of shape
``(n[l], 1)``) and examples as columns. Its cache is the classic flat tuple
``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``; with dropout the masks are stored too:
``(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)``.

Gradient convention (the classic one, as in :mod:`dlutils.layers`): ``dZ[l]`` and ``dA[l]``
are derivatives of the SUMMED loss ``m * J``; the ``1/m`` of the mean is applied only in
``dW[l]`` and ``db[l]``, which are therefore the gradients of the cost ``J`` itself.

Each backward function sits directly under its forward (or under its cost function).

Introduced in: C2W1_regularization (also used by C2W1_gradient_checking).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np
from tqdm.auto import tqdm

from dlutils.activations import relu, relu_backward, sigmoid
from dlutils.initialization import initialize_parameters_he
from dlutils.layers import update_parameters
from dlutils.losses import compute_cost

__all__ = [
    "forward_propagation",
    "backward_propagation",
    "compute_cost_with_regularization",
    "backward_propagation_with_regularization",
    "compute_cost_with_l1_regularization",
    "backward_propagation_with_l1_regularization",
    "dropout_forward",
    "dropout_backward",
    "forward_propagation_with_dropout",
    "backward_propagation_with_dropout",
    "model",
    "predict",
]

_KEYS = ("W1", "b1", "W2", "b2", "W3", "b3")


def _unpack(parameters: Mapping[str, np.ndarray]) -> tuple[np.ndarray, ...]:
    """Return ``(W1, b1, W2, b2, W3, b3)`` or raise a clear error for another architecture."""
    if len(parameters) // 2 != 3 or any(key not in parameters for key in _KEYS):
        raise ValueError(
            f"this is the 3-layer net: parameters must be {list(_KEYS)}, got {list(parameters)}"
        )
    return tuple(parameters[key] for key in _KEYS)


def forward_propagation(X: np.ndarray, parameters: Mapping[str, np.ndarray]):
    """Forward pass of LINEAR -> RELU -> LINEAR -> RELU -> LINEAR -> SIGMOID.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Inputs, one example per column.
    parameters : dict of str -> ndarray
        ``W1`` (n1, n_x), ``b1`` (n1, 1), ``W2`` (n2, n1), ``b2`` (n2, 1), ``W3`` (1, n2),
        ``b3`` (1, 1).

    Returns
    -------
    A3 : ndarray, shape (1, m)
        Output probabilities.
    cache : tuple
        ``(Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)``; ``Z[l]`` and ``A[l]`` have shape
        (n[l], m).

    Notes
    -----
    .. math::
        Z^{[1]} = W^{[1]} X + b^{[1]},\\ A^{[1]} = \\mathrm{relu}(Z^{[1]}),\\
        Z^{[2]} = W^{[2]} A^{[1]} + b^{[2]},\\ A^{[2]} = \\mathrm{relu}(Z^{[2]}),\\
        Z^{[3]} = W^{[3]} A^{[2]} + b^{[3]},\\ A^{[3]} = \\sigma(Z^{[3]})
    """
    W1, b1, W2, b2, W3, b3 = _unpack(parameters)
    Z1 = W1 @ X + b1
    A1 = relu(Z1)
    Z2 = W2 @ A1 + b2
    A2 = relu(Z2)
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation(X: np.ndarray, Y: np.ndarray, cache: tuple) -> dict[str, np.ndarray]:
    """Backward pass of :func:`forward_propagation` with the mean cross-entropy cost.

    Parameters
    ----------
    X, Y : ndarray, shapes (n_x, m) and (1, m)
        True labels, 0 or 1.
    cache : tuple
        From :func:`forward_propagation`.

    Returns
    -------
    gradients : dict of str -> ndarray
        ``"dZ3"`` (1, m), ``"dW3"`` (1, n2), ``"db3"`` (1, 1), ``"dA2"`` (n2, m), ``"dZ2"``,
        ``"dW2"`` (n2, n1), ``"db2"`` (n2, 1), ``"dA1"`` (n1, m), ``"dZ1"``, ``"dW1"``
        (n1, n_x), ``"db1"`` (n1, 1). No ``dA0`` (nothing needs the input's gradient).

    Notes
    -----
    .. math::
        dZ^{[3]} = A^{[3]} - Y, \\quad dW^{[l]} = \\tfrac{1}{m} dZ^{[l]} A^{[l-1]T}, \\quad
        db^{[l]} = \\tfrac{1}{m} \\textstyle\\sum_i dZ^{[l](i)}, \\\\
        dA^{[l]} = W^{[l+1]T} dZ^{[l+1]}, \\quad
        dZ^{[l]} = dA^{[l]} \\odot \\mathbb{1}[Z^{[l]} > 0]
    """
    Z1, A1, W1, b1, Z2, A2, W2, b2, Z3, A3, W3, b3 = cache
    return _backward(X, Y, Z1, A1, Z2, A2, W2, A3, W3)


def _backward(X, Y, Z1, A1, Z2, A2, W2, A3, W3, *, D1=None, D2=None, keep_prob=1.0):
    """The shared backward pass; with masks ``D1``, ``D2`` it undoes inverted dropout."""
    m = X.shape[1]
    dZ3 = A3 - Y
    dW3 = dZ3 @ A2.T / m
    db3 = dZ3.sum(axis=1, keepdims=True) / m

    dA2 = W3.T @ dZ3
    if D2 is not None:
        dA2 = dropout_backward(dA2, D2, keep_prob)
    dZ2 = relu_backward(dA2, Z2)
    dW2 = dZ2 @ A1.T / m
    db2 = dZ2.sum(axis=1, keepdims=True) / m

    dA1 = W2.T @ dZ2
    if D1 is not None:
        dA1 = dropout_backward(dA1, D1, keep_prob)
    dZ1 = relu_backward(dA1, Z1)
    dW1 = dZ1 @ X.T / m
    db1 = dZ1.sum(axis=1, keepdims=True) / m

    return {
        "dZ3": dZ3, "dW3": dW3, "db3": db3,
        "dA2": dA2, "dZ2": dZ2, "dW2": dW2, "db2": db2,
        "dA1": dA1, "dZ1": dZ1, "dW1": dW1, "db1": db1,
    }  # fmt: skip


def _check_lambd(lambd: float) -> float:
    lambd = float(lambd)
    if not lambd >= 0:
        raise ValueError(f"lambd must be a number >= 0, got {lambd}")
    return lambd


def compute_cost_with_regularization(
    A3: np.ndarray, Y: np.ndarray, parameters: Mapping[str, np.ndarray], lambd: float
) -> np.float64:
    """Cross-entropy cost plus the L2 penalty on every weight matrix.

    Parameters
    ----------
    A3 : ndarray, shape (1, m)
        Output probabilities.
    Y : ndarray, shape (1, m)
        True labels, 0 or 1.
    parameters : dict of str -> ndarray
        ``"W1", "b1", ..., "WL", "bL"``; all ``L = len(parameters) // 2`` weight matrices are
        penalised (biases are not).
    lambd : float
        The regularization strength lambda >= 0 (``lambda`` is a Python keyword).

    Returns
    -------
    cost : numpy.float64
        A scalar (a subclass of float; the classic public test checks for np.float64).

    Notes
    -----
    .. math:: J_{reg} = -\\frac{1}{m} \\sum_i \\left[ y^{(i)} \\log a^{[L](i)}
              + (1 - y^{(i)}) \\log(1 - a^{[L](i)}) \\right]
              + \\frac{\\lambda}{2m} \\sum_{l=1}^{L} \\lVert W^{[l]} \\rVert_F^2

    with :math:`\\lVert W \\rVert_F^2 = \\sum_{k,j} W_{kj}^2`. The cross-entropy part is
    :func:`dlutils.losses.compute_cost` (clipped, so it stays finite).
    """
    return _penalised_cost(A3, Y, parameters, lambd, lambda W: W * W)


def _penalised_cost(A3, Y, parameters, lambd, size):
    """``compute_cost(A3, Y) + lambd / (2m) * sum over l of size(W[l]).sum()``."""
    lambd = _check_lambd(lambd)
    m = np.shape(Y)[1]
    n_layers = len(parameters) // 2
    total = sum(float(size(W).sum()) for W in _weights(parameters, n_layers))
    return np.float64(compute_cost(A3, Y) + lambd / (2 * m) * total)


def backward_propagation_with_regularization(
    X: np.ndarray, Y: np.ndarray, cache: tuple, lambd: float
) -> dict[str, np.ndarray]:
    """Backward pass of the 3-layer net for the L2-regularized cost.

    Parameters
    ----------
    X, Y : ndarray, shapes (n_x, m) and (1, m)
    cache : tuple
        From :func:`forward_propagation`.
    lambd : float
        The regularization strength lambda >= 0.

    Returns
    -------
    gradients : dict of str -> ndarray
        The keys and shapes of :func:`backward_propagation`; only ``dW1``, ``dW2``, ``dW3``
        differ from it.

    Notes
    -----
    The penalty :math:`\\frac{\\lambda}{2m} \\lVert W^{[l]} \\rVert_F^2` adds its derivative to
    each weight gradient ("weight decay"):

    .. math:: dW^{[l]} = \\tfrac{1}{m} dZ^{[l]} A^{[l-1]T} + \\tfrac{\\lambda}{m} W^{[l]}
    """
    lambd = _check_lambd(lambd)
    m = X.shape[1]
    return _penalised_gradients(X, Y, cache, lambda W: (lambd / m) * W)


def _penalised_gradients(X, Y, cache, weight_term):
    """:func:`backward_propagation`'s gradients with ``weight_term(W[l])`` added to ``dW[l]``."""
    gradients = backward_propagation(X, Y, cache)
    for name, W in (("dW1", cache[2]), ("dW2", cache[6]), ("dW3", cache[10])):
        gradients[name] = gradients[name] + weight_term(W)
    return gradients


def compute_cost_with_l1_regularization(
    A3: np.ndarray, Y: np.ndarray, parameters: Mapping[str, np.ndarray], lambd: float
) -> np.float64:
    """Cross-entropy cost plus an L1 penalty on every weight matrix (it drives weights to 0).

    Arguments and result as in :func:`compute_cost_with_regularization`: ``A3`` and ``Y`` of
    shape (1, m), every weight matrix of ``parameters`` penalised (biases are not), the strength
    ``lambd >= 0``; the cost is a ``numpy.float64``.

    Notes
    -----
    .. math:: J_{L1} = J_{cross-entropy}
              + \\frac{\\lambda}{2m} \\sum_{l=1}^{L} \\sum_{k,j} |W^{[l]}_{kj}|

    This uses the lecture's :math:`\\lambda / 2m` factor for L1 as well (some texts use
    :math:`\\lambda / m`); the gradient below is consistent with it.
    """
    return _penalised_cost(A3, Y, parameters, lambd, np.abs)


def backward_propagation_with_l1_regularization(
    X: np.ndarray, Y: np.ndarray, cache: tuple, lambd: float
) -> dict[str, np.ndarray]:
    """Backward pass of the 3-layer net for the L1-regularized cost (a subgradient).

    Arguments and result as in :func:`backward_propagation_with_regularization`: ``X``
    (n_x, m), ``Y`` (1, m), the ``cache`` of :func:`forward_propagation`, ``lambd >= 0``; the
    gradients of :func:`backward_propagation` with the penalty's term added to ``dW1..dW3``.

    Notes
    -----
    .. math:: dW^{[l]} = \\tfrac{1}{m} dZ^{[l]} A^{[l-1]T}
              + \\tfrac{\\lambda}{2m} \\operatorname{sign}(W^{[l]})

    :math:`|w|` has no derivative at 0; the subgradient 0 (``np.sign(0) = 0``) is used there.
    """
    lambd = _check_lambd(lambd)
    m = X.shape[1]
    return _penalised_gradients(X, Y, cache, lambda W: (lambd / (2 * m)) * np.sign(W))


def _weights(parameters: Mapping[str, np.ndarray], n_layers: int) -> list[np.ndarray]:
    try:
        return [np.asarray(parameters[f"W{layer}"]) for layer in range(1, n_layers + 1)]
    except KeyError as error:
        raise KeyError(f"parameters is missing {error.args[0]!r}") from error


def _check_keep_prob(keep_prob: float) -> float:
    keep_prob = float(keep_prob)
    if not 0.0 < keep_prob <= 1.0:
        raise ValueError(f"keep_prob must be in (0, 1], got {keep_prob}")
    return keep_prob


def dropout_forward(
    A: np.ndarray, keep_prob: float, *, rng: np.random.Generator
) -> tuple[np.ndarray, np.ndarray]:
    """Inverted dropout: keep each unit with probability ``keep_prob`` and rescale.

    Parameters
    ----------
    A : ndarray, shape (n, m)
        Activations of one layer.
    keep_prob : float
        Probability of keeping a unit, in (0, 1].
    rng : numpy.random.Generator
        Exactly one draw: ``rng.random(A.shape)``, uniform on [0, 1) (made even when
        ``keep_prob == 1``, so the draw count does not depend on the value).

    Returns
    -------
    A_dropped : ndarray, shape (n, m)
        ``A * D / keep_prob``.
    D : ndarray, shape (n, m)
        The mask as a float array of 0.0 and 1.0 (the dtype of ``A``).

    Notes
    -----
    .. math:: D = \\mathbb{1}[U < p], \\ U \\sim \\mathcal{U}[0, 1), \\qquad
              \\tilde A = \\frac{A \\odot D}{p}

    Dividing by ``p = keep_prob`` keeps the expected value: :math:`E[\\tilde A] = A`, so
    nothing needs rescaling at test time, where dropout is switched off.
    """
    keep_prob = _check_keep_prob(keep_prob)
    A = np.asarray(A)
    dtype = A.dtype if np.issubdtype(A.dtype, np.floating) else np.float64
    D = (rng.random(A.shape) < keep_prob).astype(dtype)
    A_dropped = A * D
    A_dropped /= keep_prob  # in place on the new array: one temporary fewer
    return A_dropped, D


def dropout_backward(dA: np.ndarray, D: np.ndarray, keep_prob: float) -> np.ndarray:
    """Backward pass of :func:`dropout_forward`: the same mask and the same rescaling.

    Parameters
    ----------
    dA : ndarray, shape (n, m)
        Gradient with respect to the dropped-out activations.
    D : ndarray, shape (n, m)
        The mask used in the forward pass.
    keep_prob : float
        The same value as in the forward pass.

    Returns
    -------
    dA : ndarray, shape (n, m)
        Gradient with respect to the activations before dropout.

    Notes
    -----
    .. math:: dA \\leftarrow \\frac{dA \\odot D}{p}
    """
    keep_prob = _check_keep_prob(keep_prob)
    if np.shape(dA) != np.shape(D):
        raise ValueError(f"dA has shape {np.shape(dA)}; expected the mask's shape {np.shape(D)}")
    dA_kept = dA * D
    dA_kept /= keep_prob  # in place on the new array: one temporary fewer
    return dA_kept


def forward_propagation_with_dropout(
    X: np.ndarray,
    parameters: Mapping[str, np.ndarray],
    keep_prob: float = 0.5,
    *,
    rng: np.random.Generator,
):
    """Forward pass of the 3-layer net with inverted dropout on the two hidden layers.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
    parameters : dict of str -> ndarray
        As in :func:`forward_propagation`.
    keep_prob : float, default 0.5
        Probability of keeping a hidden unit, in (0, 1].
    rng : numpy.random.Generator
        Two draws per call, fresh masks every time: first ``rng.random(A1.shape)`` for ``D1``,
        then ``rng.random(A2.shape)`` for ``D2`` (uniform on [0, 1)).

    Returns
    -------
    A3 : ndarray, shape (1, m)
    cache : tuple
        ``(Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)``; ``A1`` and ``A2`` are
        the activations AFTER dropout, ``D1`` and ``D2`` are float 0/1 masks.

    Notes
    -----
    .. math::
        A^{[1]} = \\mathrm{relu}(W^{[1]} X + b^{[1]}),\\quad
        D^{[1]} = \\mathbb{1}[U^{[1]} < p],\\quad
        A^{[1]} \\leftarrow A^{[1]} \\odot D^{[1]} / p

    and likewise for layer 2; the output layer has no dropout. ``D = rng.random(shape) < p``
    keeps a unit with probability exactly ``p``.
    """
    W1, b1, W2, b2, W3, b3 = _unpack(parameters)
    Z1 = W1 @ X + b1
    A1, D1 = dropout_forward(relu(Z1), keep_prob, rng=rng)
    Z2 = W2 @ A1 + b2
    A2, D2 = dropout_forward(relu(Z2), keep_prob, rng=rng)
    Z3 = W3 @ A2 + b3
    A3 = sigmoid(Z3)
    return A3, (Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3)


def backward_propagation_with_dropout(
    X: np.ndarray, Y: np.ndarray, cache: tuple, keep_prob: float
) -> dict[str, np.ndarray]:
    """Backward pass of :func:`forward_propagation_with_dropout` (same masks, same scaling).

    Parameters
    ----------
    X, Y : ndarray, shapes (n_x, m) and (1, m)
    cache : tuple
        From :func:`forward_propagation_with_dropout`.
    keep_prob : float
        The same value as in the forward pass.

    Returns
    -------
    gradients : dict of str -> ndarray
        The keys and shapes of :func:`backward_propagation`.

    Notes
    -----
    As :func:`backward_propagation`, except that each hidden layer's ``dA`` passes back
    through its mask before the ReLU:

    .. math:: dA^{[l]} \\leftarrow dA^{[l]} \\odot D^{[l]} / p \\quad (l = 2, 1)
    """
    Z1, D1, A1, W1, b1, Z2, D2, A2, W2, b2, Z3, A3, W3, b3 = cache
    return _backward(X, Y, Z1, A1, Z2, A2, W2, A3, W3, D1=D1, D2=D2, keep_prob=keep_prob)


def model(
    X: np.ndarray,
    Y: np.ndarray,
    learning_rate: float = 0.3,
    num_iterations: int = 30000,
    print_cost: bool = False,
    lambd: float = 0.0,
    keep_prob: float = 1.0,
    *,
    rng: np.random.Generator,
    progress: bool = False,
    penalty: str = "l2",
    layers_dims: Sequence[int] | None = None,
) -> tuple[dict[str, np.ndarray], list[float]]:
    """Train the 3-layer net by full-batch gradient descent, optionally regularized.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Training inputs.
    Y : ndarray, shape (1, m)
        Training labels, 0 or 1.
    learning_rate : float, default 0.3
    num_iterations : int, default 30000
    print_cost : bool, default False
        Print ``"Cost after iteration i: cost"`` every 10000 iterations (the classic cadence).
    lambd : float, default 0.0
        Regularization strength; 0 switches the penalty off.
    keep_prob : float, default 1.0
        Dropout keep probability for the hidden layers; 1 switches dropout off.
    rng : numpy.random.Generator
        Draw order: He initialisation first (``W1``, ``W2``, ``W3``, see
        :func:`dlutils.initialization.initialize_parameters_he`), then, only when
        ``keep_prob < 1``, the masks ``D1`` and ``D2`` of every iteration in turn.
    progress : bool, default False
        Show a ``tqdm`` progress bar over the iterations.
    penalty : {"l2", "l1"}, default "l2"
        Which penalty ``lambd`` weighs.
    layers_dims : sequence of 4 ints, optional
        ``[n_x, n1, n2, 1]``; the classic ``[n_x, 20, 3, 1]`` by default.

    Returns
    -------
    parameters : dict of str -> ndarray
        The trained ``W1, b1, W2, b2, W3, b3``.
    costs : list of numpy.float64
        The cost at iterations 0, 1000, 2000, ... (regularized when ``lambd > 0``, computed
        on the dropped-out net when ``keep_prob < 1``).

    Raises
    ------
    ValueError
        If both ``lambd > 0`` and ``keep_prob < 1`` (the notebook studies them one at a
        time), or an argument is out of range.

    Notes
    -----
    Each iteration: forward (with dropout if ``keep_prob < 1``), backward (with the penalty's
    gradient if ``lambd > 0``), then
    :math:`W^{[l]} := W^{[l]} - \\alpha\\, dW^{[l]}, \\ b^{[l]} := b^{[l]} - \\alpha\\, db^{[l]}`.
    The cost is evaluated only on iterations that record or print it.
    """
    lambd = _check_lambd(lambd)
    keep_prob = _check_keep_prob(keep_prob)
    if lambd > 0 and keep_prob < 1:
        raise ValueError(
            "use L2/L1 regularization (lambd > 0) OR dropout (keep_prob < 1), not both"
        )
    if penalty not in ("l2", "l1"):
        raise ValueError(f"penalty must be 'l2' or 'l1', got {penalty!r}")
    if layers_dims is None:
        layers_dims = [X.shape[0], 20, 3, 1]
    if len(layers_dims) != 4 or layers_dims[0] != X.shape[0] or layers_dims[-1] != 1:
        raise ValueError(f"layers_dims must be [n_x={X.shape[0]}, n1, n2, 1], got {layers_dims}")

    if penalty == "l2":
        regularized_cost = compute_cost_with_regularization
        regularized_backward = backward_propagation_with_regularization
    else:
        regularized_cost = compute_cost_with_l1_regularization
        regularized_backward = backward_propagation_with_l1_regularization

    parameters = initialize_parameters_he(layers_dims, rng=rng)
    costs: list[float] = []
    iterations = range(num_iterations)
    if progress:
        iterations = tqdm(iterations, desc="training", unit="it")
    for i in iterations:
        if keep_prob < 1:
            A3, cache = forward_propagation_with_dropout(X, parameters, keep_prob, rng=rng)
            grads = backward_propagation_with_dropout(X, Y, cache, keep_prob)
        elif lambd > 0:
            A3, cache = forward_propagation(X, parameters)
            grads = regularized_backward(X, Y, cache, lambd)
        else:
            A3, cache = forward_propagation(X, parameters)
            grads = backward_propagation(X, Y, cache)

        if i % 1000 == 0:
            if lambd > 0:
                cost = regularized_cost(A3, Y, parameters, lambd)
            else:
                cost = compute_cost(A3, Y)
            costs.append(cost)
            if print_cost and i % 10000 == 0:
                print(f"Cost after iteration {i}: {cost}")

        parameters = update_parameters(parameters, grads, learning_rate)
    return parameters, costs


def predict(parameters: Mapping[str, np.ndarray], X: np.ndarray) -> np.ndarray:
    """Predict 0/1 labels with the 3-layer net (no dropout at test time).

    Parameters
    ----------
    parameters : dict of str -> ndarray
        ``W1, b1, W2, b2, W3, b3``.
    X : ndarray, shape (n_x, m)

    Returns
    -------
    predictions : ndarray, shape (1, m), float64
        1.0 where the output probability is > 0.5, else 0.0.
    """
    A3, _ = forward_propagation(X, parameters)
    return (A3 > 0.5).astype(np.float64)
