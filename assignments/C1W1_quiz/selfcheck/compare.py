"""Comparison helpers for suites: check a student's value against the reference, or fail
with a :class:`~autograder.kit.spec.Mismatch` whose message says exactly what differs.

Messages name the item and show got vs expected (``"db1 has shape (1, 4); expected (4, 1)"``).
On hidden cases they never show expected values, only shapes and the size of the error.
A ``mistakes`` list of ``(hint, value)`` pairs adds a targeted hint when the student's
value matches a known wrong answer (computed in the judge from a deliberately wrong variant).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from .errors import Mismatch

if TYPE_CHECKING:
    from autograder.kit.spec import Case

__all__ = [
    "expect_array",
    "expect_dict",
    "expect_equal",
    "expect_float",
    "expect_scalar",
    "expect_tuple",
    "expect_no_mutation",
    "expect_in",
    "expect_costs",
]

_allclose = np.allclose
_isfinite = np.isfinite
_NUMERIC_KINDS = "biuf"

# The shape hint for a sum over the wrong axis (also the catalogue entry of that name).
REDUCED_WRONG_AXIS = "it was reduced over the wrong axis: use axis=1, keepdims=True"


# What a message shows of a value or a key listing the student's code made (a few KB at most:
# a returned string of megabytes or a dict with a million keys must not reach the report).
MAX_REPR = 300
MAX_KEYS_LISTED = 20

# A number as code or ``str()`` writes it: 12, -0.5, 1e-08, .5, 3.2E+4, inf and nan stay.
# Digits inside a word (``W1``, ``dZ2``) are not numbers; neither is a traceback's line number.
_NUMBER = re.compile(r"(?<![\w.])(?<!line )[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?(?!\w)")


# -- recording (instructor side) ---------------------------------------------------------------
# While ``dlcourse release`` freezes the public checks (autograder.judge.freeze), ``recorder`` is
# set: every comparison a test makes is reported to it before it runs, so that the self-check
# can replay it on the learner's values. A comparison made inside another (expect_dict's
# per-key expect_array) is part of the outer one and is not reported again.
recorder = None
_depth = 0


def _recorded(function):
    @functools.wraps(function)
    def compare(*args, **kwargs):
        global _depth
        if recorder is not None and _depth == 0:
            recorder.comparison(function.__name__, args, kwargs)
        _depth += 1
        try:
            return function(*args, **kwargs)
        finally:
            _depth -= 1

    return compare


def mask_numbers(text: str) -> str:
    """``text`` with every number replaced by ``…``: the student's own text on a hidden case
    (an exception message with the arguments in it) must not show the hidden inputs."""
    return _NUMBER.sub("…", text)


def _fmt(x) -> str:
    return f"{float(x):.6g}"


def _fmt_error(x) -> str:
    """The size of an error on a hidden case: two significant digits, never more, so feedback
    cannot be read back into the expected values."""
    return f"{float(x):.2g}"


def _short_repr(value) -> str:
    text = repr(value)
    if len(text) > MAX_REPR:
        text = f"{text[:MAX_REPR]}… ({len(text) - MAX_REPR} more characters)"
    return text


def _hidden_repr(value) -> str:
    """What a message on a hidden case shows of a value the student returned: small integers
    and tuples of them (sizes, counts) as they are, anything else by its type only."""
    small = type(value) is int or (
        type(value) in (tuple, list) and len(value) <= 8 and all(type(v) is int for v in value)
    )
    if small and len(repr(value)) <= 60:
        return repr(value)
    return _type_name(value)


def _key_listing(got: dict, *, hidden: bool) -> str:
    keys = sorted(got)
    shown = ", ".join(_short_repr(key)[:60] for key in keys[:MAX_KEYS_LISTED])
    if len(keys) > MAX_KEYS_LISTED:
        shown += f", … ({len(keys) - MAX_KEYS_LISTED} more)"
    return mask_numbers(f"[{shown}]") if hidden else f"[{shown}]"


def _type_name(value) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if value is None:
        return "None"
    return f"a {type(value).__name__}"


def _matching_hint(
    got: np.ndarray, mistakes, rtol: float, atol: float, *, nonfinite: bool = False
) -> str:
    """The hint of the one known mistake whose value ``got`` equals.

    "" when none matches, or when mistakes with different hints match (the case cannot tell
    them apart, so neither hint is known to be true).

    With ``nonfinite``, NaN and inf must be in the same places (``equal_nan``); otherwise a
    mistake whose value is not finite never matches a finite answer.
    """
    matching = {
        hint for hint, wrong in mistakes or () if _matches(got, wrong, rtol, atol, nonfinite)
    }
    return matching.pop() if len(matching) == 1 else ""  # mistakes alike on this case: neither


def _matches(got: np.ndarray, wrong, rtol: float, atol: float, nonfinite: bool = False) -> bool:
    try:
        wrong = np.asarray(wrong, dtype=np.float64)
    except (TypeError, ValueError):
        return False
    return wrong.shape == got.shape and bool(
        _allclose(got, wrong, rtol=rtol, atol=atol, equal_nan=nonfinite)
    )


def _shape_hint(got_shape: tuple, want_shape: tuple) -> str:
    if len(got_shape) == 2 and got_shape == want_shape[::-1] and got_shape != want_shape:
        return "it looks transposed"
    if len(got_shape) == len(want_shape) - 1 and int(np.prod(got_shape)) == int(
        np.prod(want_shape)
    ):
        return "a dimension was dropped: use keepdims=True or reshape"
    if len(want_shape) == 2 and len(got_shape) == 2 and want_shape[1] == 1 and got_shape[0] == 1:
        return REDUCED_WRONG_AXIS
    return ""


def _as_numeric_array(got, name: str) -> np.ndarray:
    if type(got) is not np.ndarray:
        raise Mismatch(f"{name} should be a numpy array; got {_type_name(got)}")
    if got.dtype.kind not in _NUMERIC_KINDS:
        raise Mismatch(f"{name} should hold numbers; got an array of dtype {got.dtype}")
    return got.astype(np.float64)


@_recorded
def expect_array(
    got,
    want,
    *,
    name: str,
    case: Case,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    mistakes: Sequence[tuple[str, object]] = (),
) -> None:
    """``got`` must be an ndarray with ``want``'s shape and values (within tolerances)."""
    want = np.asarray(want, dtype=np.float64)
    value = _as_numeric_array(got, name)
    if value.shape != want.shape:
        hint = _matching_hint(value, mistakes, rtol, atol) or _shape_hint(value.shape, want.shape)
        raise Mismatch(f"{name} has shape {value.shape}; expected {want.shape}", hint)
    _compare_values(value, want, name=name, case=case, rtol=rtol, atol=atol, mistakes=mistakes)


def _compare_values(value, want, *, name, case, rtol, atol, mistakes) -> None:
    finite = _isfinite(value)
    if not finite.all() and _isfinite(want).all():
        raise Mismatch(
            f"{name} contains NaN or inf on {case.describe()}, where the reference's values are "
            "all finite",
            _matching_hint(value, mistakes, rtol, atol, nonfinite=True),
        )
    if _allclose(value, want, rtol=rtol, atol=atol, equal_nan=True):
        return
    hint = _matching_hint(value, mistakes, rtol, atol)
    error = np.abs(value - want)
    error = np.where(np.isnan(error), np.inf, error)
    worst = float(error.max()) if error.size else 0.0
    if case.hidden:
        message = (
            f"{name} differs from the reference on {case.describe()} of shape {want.shape} "
            f"(largest difference {_fmt_error(worst)})"
        )
    else:
        bad = ~np.isclose(value, want, rtol=rtol, atol=atol, equal_nan=True)
        index = tuple(int(i) for i in np.argwhere(bad)[0]) if value.ndim else ()
        where = f" at index {index}" if index else ""
        message = (
            f"{name} differs on {case.describe()}{where}: got {_fmt(value[index])}, "
            f"expected {_fmt(want[index])}"
        )
    raise Mismatch(message, hint)


@_recorded
def expect_scalar(got, want, *, name: str, case: Case, **options) -> None:
    """A number equal to ``want``; a size-1 array is accepted for the value check.

    ``options`` are :func:`expect_array`'s ``rtol``, ``atol`` and ``mistakes``, with its defaults.
    """
    if type(got) in (int, float) and type(got) is not bool:
        value = np.asarray(float(got))
    elif type(got) is np.ndarray and got.size == 1 and got.dtype.kind in _NUMERIC_KINDS:
        value = got.astype(np.float64).reshape(())
    else:
        raise Mismatch(f"{name} should be a number; got {_type_name(got)}")
    expect_array(value, float(want), name=name, case=case, **options)


@_recorded
def expect_float(got, *, name: str) -> None:
    """``got`` must be a number: a Python float or ``np.float64`` (preferred), or a 0-d array.

    ``np.float64`` is a subclass of ``float`` and crosses the channel as one. An int, a
    ``(1, 1)`` array or a 1-element list is not a number in the docstrings' sense.
    """
    if type(got) is float:
        return
    if type(got) is np.ndarray and got.shape == () and got.dtype.kind == "f":
        return
    raise Mismatch(
        f"{name} should be a number, preferably a numpy float64 (a Python float or a 0-d array "
        f"is accepted too); got {_type_name(got)}",
        "use np.squeeze(cost) or float(cost)" if type(got) is np.ndarray and got.size == 1 else "",
    )


@_recorded
def expect_equal(got, want, *, name: str, case: Case, hint: str = "") -> None:
    """Exact equality for ints, strings, tuples of ints and the like."""
    if isinstance(want, tuple) and isinstance(got, list):
        got = tuple(got)
    same = type(got) is type(want) or (type(got) in (int, float) and type(want) in (int, float))
    if not same or got != want:
        if case.hidden:
            message = f"{name} is wrong on {case.describe()}: got {_hidden_repr(got)}"
        else:
            message = (
                f"{name} is wrong on {case.describe()}: got {_short_repr(got)}, "
                f"expected {_short_repr(want)}"
            )
        raise Mismatch(message, hint)


@_recorded
def expect_costs(
    got,
    want,
    *,
    case: Case,
    name: str = "costs",
    rtol: float = 1e-6,
    atol: float = 1e-8,
    counts: Sequence[tuple[str, int]] = (),
    mistakes: Sequence[tuple[str, object]] = (),
) -> None:
    """Recorded costs: a list of numbers (preferred), a tuple or a 1-D array, equal to ``want``.

    The container does not matter to the maths, so any of the three is accepted; the values
    must match. ``counts`` lists ``(hint, length)`` for known wrong recording rules: when the
    length is wrong, a hint is shown only if exactly one rule gives that length.
    """
    preferred = "a list of numbers (a tuple or a 1-D array is accepted too)"
    if type(got) is np.ndarray:
        if got.ndim != 1 or got.dtype.kind not in _NUMERIC_KINDS:
            raise Mismatch(f"{name} should be {preferred}; got {_type_name(got)}")
        values = got.astype(np.float64)
    elif type(got) in (list, tuple):
        items = []
        for item in got:
            if type(item) in (int, float):
                items.append(float(item))
            elif type(item) is np.ndarray and item.size == 1 and item.dtype.kind in "iuf":
                items.append(float(item.reshape(())))
            else:
                raise Mismatch(
                    f"{name} should hold one number per recorded cost; got {_type_name(item)}"
                )
        values = np.array(items, dtype=np.float64)
    else:
        raise Mismatch(f"{name} should be {preferred}; got {_type_name(got)}")
    want = np.asarray(want, dtype=np.float64).reshape(-1)
    if values.size != want.size:
        matching = {hint for hint, length in counts if length == values.size}
        raise Mismatch(
            f"{name} has {values.size} entries on {case.describe()}; expected {want.size}",
            matching.pop() if len(matching) == 1 else "",
        )
    _compare_values(values, want, name=name, case=case, rtol=rtol, atol=atol, mistakes=mistakes)


@_recorded
def expect_in(got, allowed: Sequence, *, name: str) -> None:
    if got not in allowed:
        raise Mismatch(f"{name} must be one of {list(allowed)!r}; got {_short_repr(got)}")


@_recorded
def expect_tuple(got, length: int, *, name: str) -> tuple:
    """``got`` must be a tuple (or list) of ``length`` items; returns it as a tuple."""
    if type(got) not in (tuple, list):
        raise Mismatch(f"{name} should return a tuple of {length} values; got {_type_name(got)}")
    if len(got) != length:
        raise Mismatch(f"{name} should return {length} values; got {len(got)}")
    return tuple(got)


@_recorded
def expect_dict(
    got,
    want: dict,
    *,
    name: str,
    case: Case,
    keys: Sequence[str] | None = None,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    mistakes: dict[str, Sequence[tuple[str, object]]] | None = None,
) -> None:
    """A dict with (at least) ``keys`` whose arrays match ``want``'s."""
    if type(got) is not dict:
        raise Mismatch(f"{name} should be a dict; got {_type_name(got)}")
    keys = list(keys if keys is not None else want)
    missing = [key for key in keys if key not in got]
    if missing:
        raise Mismatch(
            f"{name} is missing the key(s) {missing}; "
            f"it has {_key_listing(got, hidden=case.hidden)}"
        )
    mistakes = _true_mistakes(got, want, mistakes or {}, rtol, atol)
    for key in keys:
        target = want[key]
        label = f"{name}[{key!r}]"
        key_mistakes = mistakes.get(key, ())
        if isinstance(target, np.ndarray):
            expect_array(
                got[key], target, name=label, case=case, rtol=rtol, atol=atol, mistakes=key_mistakes
            )
        else:
            expect_scalar(
                got[key], target, name=label, case=case, rtol=rtol, atol=atol, mistakes=key_mistakes
            )


def _true_mistakes(got: dict, want: dict, mistakes: dict, rtol: float, atol: float) -> dict:
    """Keep a mistake's hint only if ``got`` is that mistake wherever it is wrong.

    A hint is dropped when some key it covers differs from the reference and from that
    mistake's value too. One key can match a mistake by chance (a weight that barely moved in
    training is close to every variant's); the other wrong keys then tell the truth. Keys the
    learner got right are no evidence either way.
    """

    def value(key):
        item = got.get(key)
        if type(item) is np.ndarray and item.dtype.kind in _NUMERIC_KINDS:
            return item.astype(np.float64)
        if type(item) in (int, float):
            return np.asarray(float(item))
        return None

    false_hints = set()
    for key, pairs in mistakes.items():
        item = value(key)
        if item is None or key not in want:
            continue
        if _matches(item, want[key], rtol, atol, nonfinite=True):
            continue
        for hint in {hint for hint, _ in pairs}:
            values = [wrong for other, wrong in pairs if other == hint]
            if not any(_matches(item, wrong, rtol, atol, nonfinite=True) for wrong in values):
                false_hints.add(hint)
    return {
        key: [(hint, wrong) for hint, wrong in pairs if hint not in false_hints]
        for key, pairs in mistakes.items()
    }


# The hint of a failed no-mutation check; the catalogue's INPUTS_CHANGED row is this text, so
# that samples updating their inputs in place can name it (kit/mistakes.py).
NO_MUTATION_HINT = (
    "build new arrays/dicts (e.g. W = W - lr * dW, or copy first) instead of using -=, +=, or "
    "assigning into the inputs"
)


@_recorded
def expect_no_mutation(student, function: str, *, name: str | None = None) -> None:
    """The last call of ``function`` must have left its arguments unchanged."""
    changed = student.mutated_arguments(function)
    if changed:
        label = name or function
        raise Mismatch(
            f"{label} changed its input(s) {', '.join(changed)} in place; graded functions must "
            f"not modify their arguments. Hint: {NO_MUTATION_HINT}"
        )
