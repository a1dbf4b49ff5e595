"""Splitting a training set into shuffled mini-batches.

Introduced in: C2W2_optimization (used again in C2W3_batchnorm_softmax and by
:func:`dlutils.training.train`).
"""

from __future__ import annotations

import numpy as np

__all__ = ["random_mini_batches"]


def random_mini_batches(
    X: np.ndarray,
    Y: np.ndarray,
    mini_batch_size: int = 64,
    *,
    rng: np.random.Generator,
) -> list[tuple[np.ndarray, np.ndarray]]:
    """Shuffle the examples (columns) of ``(X, Y)`` together and cut them into mini-batches.

    Parameters
    ----------
    X : ndarray, shape (n_x, m)
        Inputs, one example per column.
    Y : ndarray, shape (n_y, m)
        Labels: ``(1, m)`` binary labels or ``(C, m)`` one-hot labels.
    mini_batch_size : int
        Number of examples per full mini-batch (a power of 2 such as 64 is usual).
    rng : numpy.random.Generator
        Source of the shuffle. Exactly ONE draw per call: ``permutation = rng.permutation(m)``.

    Returns
    -------
    mini_batches : list of (X_b, Y_b)
        ``X_b`` of shape ``(n_x, size)`` and ``Y_b`` of shape ``(n_y, size)``. The first
        ``m // mini_batch_size`` batches have ``size = mini_batch_size``, in order; if
        ``m`` is not a multiple of ``mini_batch_size`` a last, smaller batch holds the remaining
        ``m % mini_batch_size`` examples. Column ``j`` of the shuffled set is column
        ``permutation[j]`` of the input, for ``X`` and ``Y`` alike. The batches are new arrays,
        never views of ``X`` or ``Y``, and keep their dtype.

    Raises
    ------
    ValueError
        If ``X`` and ``Y`` are not 2-D with the same number of columns, or
        ``mini_batch_size < 1``.

    Notes
    -----
    With ``permutation = rng.permutation(m)``, mini-batch ``k`` (counted from 0) is
    ``X[:, permutation[k*B : (k+1)*B]]`` with ``B = mini_batch_size``.
    """
    X = np.asarray(X)
    Y = np.asarray(Y)
    if X.ndim != 2 or Y.ndim != 2:
        raise ValueError(
            f"X and Y must be 2-D with examples as columns; got shapes {X.shape} and {Y.shape}"
        )
    m = X.shape[1]
    if Y.shape[1] != m:
        raise ValueError(f"X has {m} examples (columns) but Y has {Y.shape[1]}")
    if int(mini_batch_size) != mini_batch_size or mini_batch_size < 1:
        raise ValueError(f"mini_batch_size must be a positive integer; got {mini_batch_size}")
    size = int(mini_batch_size)

    permutation = rng.permutation(m)
    shuffled_X = X.take(permutation, axis=1)  # X[:, permutation], and faster
    shuffled_Y = Y.take(permutation, axis=1)
    return [(shuffled_X[:, k : k + size], shuffled_Y[:, k : k + size]) for k in range(0, m, size)]
