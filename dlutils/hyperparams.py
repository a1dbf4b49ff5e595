"""Hyperparameter search: sampling on the right scale and coarse-to-fine random search.

A learning rate between 1e-4 and 1 should be sampled uniformly in log10 (each decade equally
often), and a momentum ``beta`` between 0.9 and 0.999 uniformly in ``log10(1 - beta)``, because
the effect of ``beta`` depends on ``1 / (1 - beta)``, the number of values it averages over.

Introduced in: C2W3_batchnorm_softmax.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping

import numpy as np

__all__ = [
    "sample_log_uniform",
    "sample_beta",
    "random_search",
]

SCALES = ("linear", "log", "beta")


def sample_log_uniform(low: float, high: float, *, rng: np.random.Generator) -> float:
    """Draw one value in ``[low, high]`` whose base-10 logarithm is uniform.

    Parameters
    ----------
    low, high : float
        The range, ``0 < low < high``.
    rng : numpy.random.Generator
        Exactly one draw: ``u = rng.random()``, uniform on [0, 1).

    Returns
    -------
    value : float
        In ``[low, high]``, its logarithm uniform.

    Raises
    ------
    ValueError
        If the bounds are not finite with ``0 < low < high``.

    Notes
    -----
    .. math:: r = \\log_{10}(low) + (\\log_{10}(high) - \\log_{10}(low))\\, u,
              \\qquad \\text{value} = 10^{r}

    The result is clipped to ``[low, high]``, which only absorbs the last-bit rounding of
    ``10 ** log10(x)``. Example: ``low = 1e-4, high = 1`` gives ``r`` uniform in [-4, 0),
    so each of the four decades is hit a quarter of the time.
    """
    low, high = _check_range(low, high, "log")
    return _sample(low, high, "log", rng)


def sample_beta(low: float, high: float, *, rng: np.random.Generator) -> float:
    """Draw a momentum-like ``beta`` in ``[low, high]`` uniformly on the scale of ``1 - beta``.

    Parameters
    ----------
    low, high : float
        The range, ``0 <= low < high < 1`` (for example 0.9 and 0.999).
    rng : numpy.random.Generator
        Exactly one draw (``rng.random()``), made by :func:`sample_log_uniform`.

    Returns
    -------
    beta : float
        In ``[low, high]``.

    Raises
    ------
    ValueError
        If the bounds are not finite with ``0 <= low < high < 1``.

    Notes
    -----
    .. math:: \\beta = 1 - \\text{sample\\_log\\_uniform}(1 - high,\\ 1 - low)

    For ``[0.9, 0.999]``, ``1 - beta`` is log-uniform on ``[0.001, 0.1]``: beta lands in
    [0.9, 0.99] half of the time and in [0.99, 0.999] the other half. The result is clipped to
    ``[low, high]`` against rounding.
    """
    low, high = _check_range(low, high, "beta")
    return _sample(low, high, "beta", rng)


def _sample(low: float, high: float, scale: str, rng: np.random.Generator) -> float:
    """One draw ``u = rng.random()`` mapped onto ``[low, high]`` with the given scale."""
    u = rng.random()
    if scale == "linear":
        value = low + (high - low) * u
    elif scale == "log":
        r = math.log10(low) + (math.log10(high) - math.log10(low)) * u
        value = 10.0**r
    else:  # "beta": log-uniform on 1 - beta
        small, large = 1.0 - high, 1.0 - low  # the range of 1 - beta
        r = math.log10(small) + (math.log10(large) - math.log10(small)) * u
        value = 1.0 - 10.0**r
    return float(min(max(value, low), high))


def _check_range(low: float, high: float, scale: str) -> tuple[float, float]:
    """Validate the bounds for ``scale`` and return them as floats."""
    if scale not in SCALES:
        raise ValueError(f"scale must be one of {SCALES}, got {scale!r}")
    try:
        low, high = float(low), float(high)
    except (TypeError, ValueError) as error:
        raise ValueError(f"low and high must be numbers, got {low!r} and {high!r}") from error
    if not (math.isfinite(low) and math.isfinite(high)):
        raise ValueError(f"low and high must be finite, got {low} and {high}")
    if not low < high:
        raise ValueError(f"need low < high, got low={low} and high={high}")
    if scale == "log" and low <= 0:
        raise ValueError(f"a log scale needs 0 < low, got low={low}")
    if scale == "beta" and not (0.0 <= low and high < 1.0):
        raise ValueError(f"a beta scale needs 0 <= low < high < 1, got [{low}, {high}]")
    return low, high


def random_search(
    objective: Callable[..., float],
    space: Mapping[str, tuple[float, float, str]],
    n_trials: int,
    *,
    rng: np.random.Generator,
    n_rounds: int = 2,
    zoom: float = 0.25,
) -> tuple[dict[str, float], float, list[tuple[dict[str, float], float]]]:
    """Coarse-to-fine random search that minimises ``objective``.

    Parameters
    ----------
    objective : callable
        Called as ``objective(**params)`` with one float per name in ``space``; returns a
        number to MINIMISE (a dev error or dev cost). NaN counts as worse than any number.
    space : mapping of str -> (low, high, scale)
        The search range of each hyperparameter. ``scale`` is ``"linear"`` (uniform),
        ``"log"`` (uniform in log10, needs ``0 < low``) or ``"beta"`` (uniform in
        ``log10(1 - beta)``, needs ``0 <= low < high < 1``). Always ``low < high``.
    n_trials : int
        Points sampled and evaluated in each round (>= 1).
    rng : numpy.random.Generator
        Source of randomness; see the draw order in the Notes.
    n_rounds : int, default 2
        Number of rounds (>= 1); round 1 is the coarse search over the full ranges.
    zoom : float, default 0.25
        After each round every range shrinks to ``zoom`` times its width on its own scale
        (0 < zoom <= 1).

    Returns
    -------
    best_params : dict of str -> float
        The point with the lowest value over all rounds (the first one on ties).
    best_value : float
        Its value.
    trials : list of (dict, float)
        Every ``(params, value)`` in the order evaluated: ``n_rounds * n_trials`` entries.

    Raises
    ------
    ValueError
        If ``space`` is empty, a range or scale is invalid, or ``n_trials``, ``n_rounds``
        or ``zoom`` is out of range.

    Notes
    -----
    Draw order: round by round, trial by trial, and within a trial one ``rng.random()`` per
    name in the order of ``space``, mapped with the same formulas as :func:`sample_log_uniform`
    and :func:`sample_beta` (linear: ``low + (high - low) * u``).

    Zooming, done after every round except the last: map each range to its sampling
    coordinate ``t`` (linear: ``t = x``; log: ``t = log10(x)``; beta: ``t = log10(1 - x)``).
    With the current interval ``[t_lo, t_hi]`` of width ``w`` and the best point so far
    ``t*`` (over all rounds), the next interval is ``[t* - zoom w / 2, t* + zoom w / 2]``,
    shifted back inside ``[t_lo, t_hi]`` if it sticks out (keeping its width ``zoom w``).
    It therefore always contains the best point and lies inside the previous range, and its
    width on the sampling scale is exactly ``zoom`` times the previous one.
    """
    ranges = _check_space(space)
    if isinstance(n_trials, bool) or not isinstance(n_trials, int | np.integer) or n_trials < 1:
        raise ValueError(f"n_trials must be a positive integer, got {n_trials!r}")
    if isinstance(n_rounds, bool) or not isinstance(n_rounds, int | np.integer) or n_rounds < 1:
        raise ValueError(f"n_rounds must be a positive integer, got {n_rounds!r}")
    zoom = float(zoom)
    if not 0.0 < zoom <= 1.0:
        raise ValueError(f"zoom must be in (0, 1], got {zoom}")

    trials: list[tuple[dict[str, float], float]] = []
    best_index = None
    for round_index in range(n_rounds):
        for _ in range(n_trials):
            params = {
                name: _sample(low, high, scale, rng) for name, (low, high, scale) in ranges.items()
            }
            value = float(objective(**params))
            trials.append((params, value))
            if best_index is None or _better(value, trials[best_index][1]):
                best_index = len(trials) - 1
        if round_index < n_rounds - 1:
            best_params = trials[best_index][0]
            ranges = {
                name: (*_zoom_range(low, high, scale, best_params[name], zoom), scale)
                for name, (low, high, scale) in ranges.items()
            }

    best_params, best_value = trials[best_index]
    return dict(best_params), best_value, trials


def _better(value: float, best: float) -> bool:
    """Strictly lower, with NaN worse than any number."""
    if math.isnan(value):
        return False
    return math.isnan(best) or value < best


def _check_space(
    space: Mapping[str, tuple[float, float, str]],
) -> dict[str, tuple[float, float, str]]:
    """Validate every ``name -> (low, high, scale)`` entry and return a plain dict of floats."""
    if not space:
        raise ValueError("space is empty; give at least one name -> (low, high, scale)")
    ranges = {}
    for name, entry in space.items():
        if not isinstance(name, str) or not name.isidentifier():
            raise ValueError(f"hyperparameter names must be valid identifiers, got {name!r}")
        try:
            low, high, scale = entry
        except (TypeError, ValueError) as error:
            raise ValueError(
                f"space[{name!r}] must be (low, high, scale), got {entry!r}"
            ) from error
        try:
            ranges[name] = (*_check_range(low, high, scale), scale)
        except ValueError as error:
            raise ValueError(f"space[{name!r}]: {error}") from error
    return ranges


def _to_scale(x: float, scale: str) -> float:
    """Map a value to its sampling coordinate."""
    if scale == "linear":
        return x
    if scale == "log":
        return math.log10(x)
    return math.log10(1.0 - x)


def _from_scale(t: float, scale: str) -> float:
    """Inverse of :func:`_to_scale`."""
    if scale == "linear":
        return t
    if scale == "log":
        return 10.0**t
    return 1.0 - 10.0**t


def _zoom_range(
    low: float, high: float, scale: str, best: float, zoom: float
) -> tuple[float, float]:
    """Shrink ``[low, high]`` around ``best`` by ``zoom`` on its sampling scale."""
    t_a, t_b, t_best = _to_scale(low, scale), _to_scale(high, scale), _to_scale(best, scale)
    t_lo, t_hi = min(t_a, t_b), max(t_a, t_b)  # the beta map reverses the order
    half = zoom * (t_hi - t_lo) / 2.0
    start = min(max(t_best - half, t_lo), t_hi - 2.0 * half)
    a, b = _from_scale(start, scale), _from_scale(start + 2.0 * half, scale)
    new_low, new_high = min(a, b), max(a, b)
    # Rounding in the maps must not push the range outside the previous one.
    return max(new_low, low), min(new_high, high)
