"""Model selection: data splits, bias-variance diagnosis, input normalization, early stopping.

Introduced in: C2W1_regularization.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

__all__ = [
    "split_train_dev_test",
    "diagnose_fit",
    "normalize_inputs",
    "early_stopping_epoch",
]

#: Gap (as a fraction, i.e. 5 percentage points) above which bias or variance counts as high.
DIAGNOSIS_THRESHOLD = 0.05


def split_train_dev_test(
    X: np.ndarray,
    Y: np.ndarray,
    fractions: Sequence[float],
    *,
    rng: np.random.Generator,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Shuffle the examples (columns) once and cut them into train, dev and test sets.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Inputs, one example per column.
    Y : ndarray, shape (n_y, m)
        Labels, one example per column ((1, m) binary or (C, m) one-hot).
    fractions : sequence of 3 floats
        ``(f_train, f_dev, f_test)``, each in [0, 1], summing to 1 (to within 1e-9).
    rng : numpy.random.Generator
        Source of randomness. Exactly one draw: ``perm = rng.permutation(m)``.

    Returns
    -------
    X_train : ndarray, shape (n_x, n_train)
    Y_train : ndarray, shape (n_y, n_train)
    X_dev : ndarray, shape (n_x, n_dev)
    Y_dev : ndarray, shape (n_y, n_dev)
    X_test : ndarray, shape (n_x, m - n_train - n_dev)
    Y_test : ndarray, shape (n_y, m - n_train - n_dev)
        New arrays (copies); ``X`` and ``Y`` are not changed.

    Raises
    ------
    ValueError
        If ``fractions`` is not three numbers in [0, 1] summing to 1, or if ``X`` and ``Y``
        do not have the same number of columns.

    Notes
    -----
    With ``perm = rng.permutation(m)`` the shuffled columns are ``X[:, perm]``. Then

    .. math:: n_{train} = \\mathrm{round}(f_{train} m), \\quad
              n_{dev} = \\min(\\mathrm{round}(f_{dev} m),\\ m - n_{train})

    (Python's ``round``, which rounds halves to even), the first ``n_train`` shuffled columns
    are the training set, the next ``n_dev`` the dev set and the rest the test set. The
    ``min`` only matters when both counts round up past ``m``, for example ``m = 3`` and
    fractions ``(0.5, 0.5, 0.0)``.
    """
    X = np.asarray(X)
    Y = np.asarray(Y)
    if X.ndim != 2 or Y.ndim != 2:
        raise ValueError(f"X and Y must be 2-D (features, m); got shapes {X.shape} and {Y.shape}")
    m = X.shape[1]
    if Y.shape[1] != m:
        raise ValueError(f"X has {m} examples (columns) but Y has {Y.shape[1]}")
    f_train, f_dev, _ = _check_fractions(fractions)

    n_train = int(round(f_train * m))
    n_dev = min(int(round(f_dev * m)), m - n_train)
    perm = rng.permutation(m)
    train, dev, test = perm[:n_train], perm[n_train : n_train + n_dev], perm[n_train + n_dev :]
    return X[:, train], Y[:, train], X[:, dev], Y[:, dev], X[:, test], Y[:, test]


def _check_fractions(fractions: Sequence[float]) -> tuple[float, float, float]:
    """Validate ``(f_train, f_dev, f_test)`` and return them as floats."""
    try:
        values = tuple(float(f) for f in fractions)
    except (TypeError, ValueError) as error:
        raise ValueError(f"fractions must be three numbers, got {fractions!r}") from error
    if len(values) != 3:
        raise ValueError(f"fractions must be (f_train, f_dev, f_test); got {len(values)} numbers")
    if not all(0.0 <= f <= 1.0 for f in values):
        raise ValueError(f"each fraction must lie in [0, 1]; got {values}")
    if not math.isclose(sum(values), 1.0, rel_tol=0.0, abs_tol=1e-9):
        raise ValueError(f"fractions must sum to 1; {values} sums to {sum(values)}")
    return values


def diagnose_fit(train_error: float, dev_error: float, bayes_error: float = 0.0) -> str:
    """Name the problem a model has from its train and dev errors.

    Parameters
    ----------
    train_error : float
        Training-set error as a fraction in [0, 1] (0.15 means 15 %).
    dev_error : float
        Dev-set error as a fraction in [0, 1].
    bayes_error : float, default 0.0
        Estimate of the best achievable (Bayes) error, for example human-level error.

    Returns
    -------
    str
        Exactly one of ``"high bias"``, ``"high variance"``, ``"high bias and high variance"``
        and ``"low bias and low variance"``.

    Raises
    ------
    ValueError
        If an error is not a number in [0, 1] (percentages such as 11 are rejected).

    Notes
    -----
    .. math:: \\text{avoidable bias} = E_{train} - E_{Bayes}, \\qquad
              \\text{variance} = E_{dev} - E_{train}

    Each is *high* when it is strictly greater than 5 percentage points (0.05). The two
    gaps are rounded to 12 decimals before the comparison, so that a gap of exactly 5 points
    counts as 5 points whatever the floating-point rounding of the subtraction (0.20 - 0.15
    is 0.05000000000000002 in float64). The lecture's table:

    ==============  ============  ===========================
    train error     dev error     diagnosis
    ==============  ============  ===========================
    1 %             11 %          high variance
    15 %            16 %          high bias
    15 %            30 %          high bias and high variance
    0.5 %           1 %           low bias and low variance
    ==============  ============  ===========================

    With ``bayes_error=0.15`` the second row (15 % / 16 %) becomes low bias and low variance.
    """
    train_error = _check_error("train_error", train_error)
    dev_error = _check_error("dev_error", dev_error)
    bayes_error = _check_error("bayes_error", bayes_error)

    avoidable_bias = round(train_error - bayes_error, 12)
    variance = round(dev_error - train_error, 12)
    high_bias = avoidable_bias > DIAGNOSIS_THRESHOLD
    high_variance = variance > DIAGNOSIS_THRESHOLD
    if high_bias and high_variance:
        return "high bias and high variance"
    if high_bias:
        return "high bias"
    if high_variance:
        return "high variance"
    return "low bias and low variance"


def _check_error(name: str, value: float) -> float:
    """Return ``value`` as a float, or raise ValueError if it is not a fraction in [0, 1]."""
    try:
        value = float(value)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be a number, got {value!r}") from error
    if not 0.0 <= value <= 1.0:
        hint = f" (did you mean {value / 100:g}?)" if 1.0 < value <= 100.0 else ""
        raise ValueError(f"{name} must be a fraction in [0, 1]; got {value:g}{hint}")
    return value


def normalize_inputs(X_train: np.ndarray, X_test: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Centre and scale every feature with the TRAINING set's mean and standard deviation.

    Parameters
    ----------
    X_train : ndarray, shape (n_x, m_train)
        Training inputs, one feature per row. ``m_train >= 1``.
    X_test : ndarray, shape (n_x, m_test)
        Dev or test inputs; they are transformed with the training statistics.

    Returns
    -------
    X_train_norm : ndarray, shape (n_x, m_train)
    X_test_norm : ndarray, shape (n_x, m_test)
        New arrays. Floating inputs keep their dtype (float32 stays float32); integer inputs
        become float64.

    Notes
    -----
    For each feature (row) ``j`` of the training set,

    .. math:: \\mu_j = \\frac{1}{m} \\sum_i x_j^{(i)}, \\qquad
              \\sigma_j^2 = \\frac{1}{m} \\sum_i (x_j^{(i)} - \\mu_j)^2, \\qquad
              x_j \\leftarrow \\frac{x_j - \\mu_j}{\\sigma_j}

    (population standard deviation, ``ddof=0``). A feature that is constant on the training
    set (max equals min) is only centred: its ``sigma`` is taken as 1 and its mean as that
    constant exactly, so the centred training values are exactly 0 and nothing is divided
    by zero. Using the training statistics for the test set matters: both sets must go
    through the same transformation.
    """
    X_train = np.asarray(X_train)
    X_test = np.asarray(X_test)
    if X_train.ndim != 2 or X_test.ndim != 2:
        raise ValueError(
            f"X_train and X_test must be 2-D (n_x, m); got {X_train.shape} and {X_test.shape}"
        )
    if X_train.shape[0] != X_test.shape[0]:
        raise ValueError(
            f"X_train has {X_train.shape[0]} features (rows) but X_test has {X_test.shape[0]}"
        )
    if X_train.shape[1] == 0:
        raise ValueError("X_train has no examples; the statistics need at least one column")

    dtype = np.result_type(X_train.dtype, X_test.dtype)
    if not np.issubdtype(dtype, np.floating):
        dtype = np.dtype(np.float64)
    X_train = X_train.astype(dtype, copy=False)
    X_test = X_test.astype(dtype, copy=False)

    low = X_train.min(axis=1, keepdims=True)
    constant = X_train.max(axis=1, keepdims=True) == low
    mu = np.where(constant, low, X_train.mean(axis=1, keepdims=True))
    sigma = np.where(constant, 1.0, X_train.std(axis=1, keepdims=True)).astype(dtype)
    return (X_train - mu) / sigma, (X_test - mu) / sigma


def early_stopping_epoch(dev_costs: Sequence[float], patience: int) -> int:
    """Return the 0-based epoch whose weights early stopping keeps.

    Parameters
    ----------
    dev_costs : sequence of float, length n_epochs >= 1
        Dev-set cost after each epoch, in order.
    patience : int
        How many consecutive epochs without a strict improvement to wait before stopping
        (``patience >= 1``).

    Returns
    -------
    int
        The epoch (index into ``dev_costs``) with the lowest cost seen before training
        stopped; the first one on ties.

    Raises
    ------
    ValueError
        If ``dev_costs`` is empty or ``patience`` is not a positive integer.

    Notes
    -----
    Walk the costs in order, keeping the best cost so far. An epoch *improves* when its cost is
    strictly lower than the best so far (an equal cost does not). After ``patience``
    consecutive epochs that do not improve, training stops and the best epoch is returned;
    if the costs run out first, the best epoch overall is returned. A NaN cost never
    improves. Example with ``patience=2``: costs ``[5, 4, 4, 3, 3.5, 3.2, 1]`` improve at
    epochs 1 and 3, then epochs 4 and 5 do not, so training stops after epoch 5 and the
    answer is 3 (the 1 at epoch 6 is never seen).
    """
    costs = [float(cost) for cost in dev_costs]
    if not costs:
        raise ValueError("dev_costs is empty; there is no epoch to keep")
    if isinstance(patience, bool) or not isinstance(patience, int | np.integer) or patience < 1:
        raise ValueError(f"patience must be a positive integer, got {patience!r}")

    best_epoch = 0
    best_cost = math.inf if math.isnan(costs[0]) else costs[0]
    epochs_without_improvement = 0
    for epoch in range(1, len(costs)):
        if costs[epoch] < best_cost:
            best_cost, best_epoch = costs[epoch], epoch
            epochs_without_improvement = 0
        else:
            epochs_without_improvement += 1
            if epochs_without_improvement >= patience:
                break
    return best_epoch
