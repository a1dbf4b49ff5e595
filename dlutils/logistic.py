"""Logistic regression as a single neuron, trained by batch gradient descent.

``w`` is a column vector of shape (n_x, 1) and ``b`` a Python float; examples are the columns
of ``X`` (n_x, m) and labels are ``Y`` (1, m) with values 0 or 1.

Introduced in: C1W2_logistic_regression.
"""

from __future__ import annotations

import numpy as np
from tqdm.auto import tqdm

from dlutils import activations
from dlutils.activations import sigmoid  # the assignment's sigmoid is the one of activations
from dlutils.losses import compute_cost

__all__ = [
    "sigmoid",
    "initialize_with_zeros",
    "propagate",
    "optimize",
    "predict",
    "model",
]


def initialize_with_zeros(dim):
    """Zero weights and a zero bias.

    Parameters
    ----------
    dim : int
        Number of input features n_x (at least 1).

    Returns
    -------
    w : ndarray, shape (dim, 1), float64
        All zeros. (Zero initialisation is fine for logistic regression: with a single neuron
        there is no symmetry to break.)
    b : float
        ``0.0``.
    """
    dim = int(dim)
    if dim < 1:
        raise ValueError(f"dim must be a positive number of features; got {dim}")
    return np.zeros((dim, 1)), 0.0


def propagate(w, b, X, Y):
    """Cost and its gradient for logistic regression (forward and backward pass).

    Parameters
    ----------
    w : ndarray, shape (n_x, 1)
        Weights.
    b : float
        Bias.
    X : ndarray, shape (n_x, m)
        Inputs, one example per column.
    Y : ndarray, shape (1, m)
        True labels, 0 or 1.

    Returns
    -------
    grads : dict
        ``"dw"``: ndarray of shape (n_x, 1), the gradient of the cost with respect to ``w``;
        ``"db"``: float, the gradient with respect to ``b``.
    cost : numpy.float64
        The cross-entropy cost, a scalar (a subclass of float).

    Notes
    -----
    .. math::
        A = \\sigma(w^T X + b), \\qquad
        J = -\\frac{1}{m} \\sum_{i=1}^{m} \\left[ y^{(i)} \\log a^{(i)}
            + (1 - y^{(i)}) \\log(1 - a^{(i)}) \\right]

    .. math::
        \\frac{\\partial J}{\\partial w} = \\frac{1}{m} X (A - Y)^T, \\qquad
        \\frac{\\partial J}{\\partial b} = \\frac{1}{m} \\sum_{i=1}^{m} (a^{(i)} - y^{(i)})

    The cost is :func:`dlutils.losses.compute_cost` (probabilities clipped to
    ``[eps, 1 - eps]``, so it stays finite when the sigmoid saturates).
    """
    m = X.shape[1]
    A = activations.sigmoid(w.T @ X + b)  # (1, m)
    cost = compute_cost(A, Y)
    dZ = A - Y  # (1, m)
    dw = (X @ dZ.T) / m  # (n_x, 1)
    db = float(dZ.sum() / m)
    return {"dw": dw, "db": db}, cost


def optimize(
    w,
    b,
    X,
    Y,
    num_iterations=100,
    learning_rate=0.009,
    print_cost=False,
    *,
    progress: bool = False,
):
    """Learn ``w`` and ``b`` by batch gradient descent.

    Parameters
    ----------
    w : ndarray, shape (n_x, 1)
        Initial weights (not changed; the function works on new arrays).
    b : float
        Initial bias.
    X : ndarray, shape (n_x, m)
        Inputs.
    Y : ndarray, shape (1, m)
        True labels, 0 or 1.
    num_iterations : int
        Number of gradient-descent steps.
    learning_rate : float
        Step size alpha.
    print_cost : bool
        If True, print ``"Cost after iteration i: c"`` every 100 iterations.
    progress : bool, keyword-only
        If True, show a tqdm progress bar over the iterations.

    Returns
    -------
    params : dict
        ``"w"``: ndarray (n_x, 1) and ``"b"``: float, after the last step.
    grads : dict
        ``"dw"`` and ``"db"`` computed in the last iteration, i.e. at the parameters *before*
        the last step (as in the classic assignment). With ``num_iterations = 0`` they are the
        gradients at the initial parameters.
    costs : list of numpy.float64
        The cost at iterations 0, 100, 200, ... (measured before that iteration's step):
        ``ceil(num_iterations / 100)`` values.

    Notes
    -----
    Each step:

    .. math:: w := w - \\alpha \\frac{\\partial J}{\\partial w}, \\qquad
              b := b - \\alpha \\frac{\\partial J}{\\partial b}
    """
    w = np.array(w, dtype=np.float64)  # a private copy; the caller's w is never touched
    b = float(b)
    grads = None
    costs = []
    iterations = range(num_iterations)
    if progress:
        iterations = tqdm(iterations, desc="logistic regression")
    for i in iterations:
        grads, cost = propagate(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    if grads is None:
        grads, _ = propagate(w, b, X, Y)
    return {"w": w, "b": b}, grads, costs


def predict(w, b, X):
    """Predict 0/1 labels with learned logistic-regression parameters.

    Parameters
    ----------
    w : ndarray, shape (n_x, 1)
    b : float
    X : ndarray, shape (n_x, m)

    Returns
    -------
    Y_prediction : ndarray, shape (1, m), float64
        1.0 where the probability :math:`\\sigma(w^T x + b)` is greater than 0.5, else 0.0.
    """
    A = activations.sigmoid(w.T @ X + b)
    return (A > 0.5).astype(np.float64)


def model(
    X_train,
    Y_train,
    X_test,
    Y_test,
    num_iterations=2000,
    learning_rate=0.5,
    print_cost=False,
    *,
    progress: bool = False,
):
    """Train logistic regression from zero weights and predict on the train and test sets.

    Parameters
    ----------
    X_train : ndarray, shape (n_x, m_train)
    Y_train : ndarray, shape (1, m_train)
    X_test : ndarray, shape (n_x, m_test)
    Y_test : ndarray, shape (1, m_test)
    num_iterations : int
        Number of gradient-descent steps.
    learning_rate : float
        Step size.
    print_cost : bool
        If True, print the cost every 100 iterations and then the train and test accuracy.
    progress : bool, keyword-only
        If True, show a tqdm progress bar over the iterations.

    Returns
    -------
    d : dict
        ``"costs"`` (list of numpy.float64), ``"Y_prediction_test"`` (1, m_test),
        ``"Y_prediction_train"`` (1, m_train), ``"w"`` (n_x, 1), ``"b"`` (float),
        ``"learning_rate"`` and ``"num_iterations"`` (as given).
    """
    w, b = initialize_with_zeros(X_train.shape[0])
    params, _, costs = optimize(
        w, b, X_train, Y_train, num_iterations, learning_rate, print_cost, progress=progress
    )
    w, b = params["w"], params["b"]
    Y_prediction_test = predict(w, b, X_test)
    Y_prediction_train = predict(w, b, X_train)

    if print_cost:
        train_accuracy = 100 - np.mean(np.abs(Y_prediction_train - Y_train)) * 100
        test_accuracy = 100 - np.mean(np.abs(Y_prediction_test - Y_test)) * 100
        print(f"train accuracy: {train_accuracy} %")
        print(f"test accuracy: {test_accuracy} %")

    return {
        "costs": costs,
        "Y_prediction_test": Y_prediction_test,
        "Y_prediction_train": Y_prediction_train,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }
