"""Comparison helpers for suites: check a student's value against the reference, or fail
with a :class:`~autograder.spec.Mismatch` whose message says exactly what differs.

Messages name the item and show got vs expected (``"db1 has shape (1, 4); expected (4, 1)"``).
On hidden cases they never show expected values, only shapes and the size of the error.
A ``mistakes`` list of ``(hint, value)`` pairs adds a targeted hint when the student's
value matches a known wrong answer (computed in the judge from a deliberately wrong variant).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from autograder.spec import Case, Mismatch

__all__ = [
    "expect_array",
    "expect_dict",
    "expect_equal",
    "expect_float",
    "expect_scalar",
    "expect_tuple",
    "expect_no_mutation",
    "expect_in",
]

_allclose = np.allclose
_isfinite = np.isfinite
_NUMERIC_KINDS = "biuf"


def _fmt(x) -> str:
    return f"{float(x):.6g}"


def _type_name(value) -> str:
    if isinstance(value, np.ndarray):
        return f"an array of shape {value.shape}"
    if value is None:
        return "None"
    return f"a {type(value).__name__}"


def _matching_hint(got: np.ndarray, mistakes, rtol: float, atol: float) -> str:
    for hint, wrong in mistakes or ():
        try:
            wrong = np.asarray(wrong, dtype=np.float64)
        except (TypeError, ValueError):
            continue
        if wrong.shape == got.shape and _allclose(got, wrong, rtol=rtol, atol=atol):
            return hint
    return ""


def _shape_hint(got_shape: tuple, want_shape: tuple) -> str:
    if len(got_shape) == 2 and got_shape == want_shape[::-1] and got_shape != want_shape:
        return "it looks transposed"
    if len(got_shape) == len(want_shape) - 1 and int(np.prod(got_shape)) == int(
        np.prod(want_shape)
    ):
        return "a dimension was dropped: use keepdims=True or reshape"
    if len(want_shape) == 2 and len(got_shape) == 2 and want_shape[1] == 1 and got_shape[0] == 1:
        return "it was reduced over the wrong axis: use axis=1, keepdims=True"
    return ""


def _with_hint(message: str, hint: str) -> str:
    return f"{message}. Hint: {hint}" if hint else message


def _as_numeric_array(got, name: str) -> np.ndarray:
    if type(got) is not np.ndarray:
        raise Mismatch(f"{name} should be a numpy array; got {_type_name(got)}")
    if got.dtype.kind not in _NUMERIC_KINDS:
        raise Mismatch(f"{name} should hold numbers; got an array of dtype {got.dtype}")
    return got.astype(np.float64)


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
        raise Mismatch(_with_hint(f"{name} has shape {value.shape}; expected {want.shape}", hint))
    _compare_values(value, want, name=name, case=case, rtol=rtol, atol=atol, mistakes=mistakes)


def _compare_values(value, want, *, name, case, rtol, atol, mistakes) -> None:
    finite = _isfinite(value)
    if not finite.all() and _isfinite(want).all():
        raise Mismatch(
            f"{name} contains NaN or inf on {case.describe()}: look for an overflow, a log of "
            "0 or a division by zero, and use a numerically stable formula"
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
            f"(largest difference {_fmt(worst)})"
        )
    else:
        bad = ~np.isclose(value, want, rtol=rtol, atol=atol, equal_nan=True)
        index = tuple(int(i) for i in np.argwhere(bad)[0]) if value.ndim else ()
        where = f" at index {index}" if index else ""
        message = (
            f"{name} differs on {case.describe()}{where}: got {_fmt(value[index])}, "
            f"expected {_fmt(want[index])}"
        )
    raise Mismatch(_with_hint(message, hint))


def expect_scalar(
    got,
    want,
    *,
    name: str,
    case: Case,
    rtol: float = 1e-6,
    atol: float = 1e-8,
    mistakes: Sequence[tuple[str, object]] = (),
) -> None:
    """A number equal to ``want``; a size-1 array is accepted for the value check."""
    if type(got) in (int, float) and type(got) is not bool:
        value = np.asarray(float(got))
    elif type(got) is np.ndarray and got.size == 1 and got.dtype.kind in _NUMERIC_KINDS:
        value = got.astype(np.float64).reshape(())
    else:
        raise Mismatch(f"{name} should be a number; got {_type_name(got)}")
    _compare_values(
        value,
        np.asarray(float(want)),
        name=name,
        case=case,
        rtol=rtol,
        atol=atol,
        mistakes=mistakes,
    )


def expect_float(got, *, name: str) -> None:
    """``got`` must be a plain Python float (not an array, not an int)."""
    if type(got) is not float:
        raise Mismatch(
            f"{name} should be a Python float; got {_type_name(got)}. Hint: wrap it in float(...)"
            " or use np.squeeze(...).item()"
        )


def expect_equal(got, want, *, name: str, case: Case, hint: str = "") -> None:
    """Exact equality for ints, strings, tuples of ints and the like."""
    if isinstance(want, tuple) and isinstance(got, list):
        got = tuple(got)
    same = type(got) is type(want) or (type(got) in (int, float) and type(want) in (int, float))
    if not same or got != want:
        if case.hidden:
            message = f"{name} is wrong on {case.describe()}: got {got!r}"
        else:
            message = f"{name} is wrong on {case.describe()}: got {got!r}, expected {want!r}"
        raise Mismatch(_with_hint(message, hint))


def expect_in(got, allowed: Sequence, *, name: str) -> None:
    if got not in allowed:
        raise Mismatch(f"{name} must be one of {list(allowed)!r}; got {got!r}")


def expect_tuple(got, length: int, *, name: str) -> tuple:
    """``got`` must be a tuple (or list) of ``length`` items; returns it as a tuple."""
    if type(got) not in (tuple, list):
        raise Mismatch(f"{name} should return a tuple of {length} values; got {_type_name(got)}")
    if len(got) != length:
        raise Mismatch(f"{name} should return {length} values; got {len(got)}")
    return tuple(got)


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
        raise Mismatch(f"{name} is missing the key(s) {missing}; it has {sorted(got)}")
    for key in keys:
        target = want[key]
        label = f"{name}[{key!r}]"
        key_mistakes = (mistakes or {}).get(key, ())
        if isinstance(target, np.ndarray):
            expect_array(
                got[key], target, name=label, case=case, rtol=rtol, atol=atol, mistakes=key_mistakes
            )
        else:
            expect_scalar(
                got[key], target, name=label, case=case, rtol=rtol, atol=atol, mistakes=key_mistakes
            )


def expect_no_mutation(student, function: str, *, name: str | None = None) -> None:
    """The last call of ``function`` must have left its arguments unchanged."""
    changed = student.mutated_arguments(function)
    if changed:
        label = name or function
        raise Mismatch(
            f"{label} changed its input(s) {', '.join(changed)} in place; graded functions must "
            "not modify their arguments. Hint: build new arrays/dicts (e.g. W = W - lr * dW, "
            "or copy first) instead of using -=, +=, or assigning into the inputs"
        )
