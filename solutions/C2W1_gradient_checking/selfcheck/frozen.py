"""Frozen public checks: the data format the release writes and the self-check reads.

A public check of the grading suite, run once on the instructor's side against the solution,
leaves a list of *events*: each call the test made to the learner's function (with its
arguments), and each comparison it made (which part of which call's result, against what
value, with which known mistakes and hints). The self-check replays those events in the
learner's kernel with the same comparison code (:mod:`.compare`), so it says what the grader
says on the public cases, without the suite, the reference or any hidden-case generator.

Values are stored as JSON with numpy arrays in a side ``.npz`` file (``allow_pickle=False``).
A JSON value is plain, or a one-key tagged object:

=====================  ==========================================================
``{"$a": "a12"}``      an ndarray, key ``a12`` of the ``.npz``
``{"$n": "a13"}``      a numpy scalar (stored as a 0-d array)
``{"$t": [...]}``      a tuple
``{"$d": [[k, v]]}``   a dict (keys in order)
``{"$seed": 7}``       a :class:`~.channel.Seed` (a fresh ``default_rng(7)``)
``{"$ref": [i, ...]}`` part of what call ``i`` of the same case returned (a path of keys)
``{"$f": "nan"}``      a float that JSON cannot hold (nan, inf, -inf)
=====================  ==========================================================

Standard library and numpy only: this module ships inside every release.
"""

from __future__ import annotations

import io
import json
import math
import zipfile
from pathlib import Path

import numpy as np

from .channel import Seed

FORMAT = 1
CHECKS_FILE = "public_checks.json"
ARRAYS_FILE = "public_checks.npz"


class FrozenCase:
    """What the comparison code reads of a public case: its label (it is never hidden)."""

    hidden = False

    def __init__(self, label: str = ""):
        self.label = label

    def describe(self) -> str:
        return f"the public case {self.label!r}" if self.label else "a public case"


class Encoder:
    """Turns values into tagged JSON, collecting arrays for the ``.npz`` file."""

    def __init__(self):
        self.arrays: dict[str, np.ndarray] = {}

    def _store(self, array: np.ndarray) -> str:
        if array.dtype.kind not in "biufcUS":
            raise TypeError(f"cannot freeze an array of dtype {array.dtype}")
        key = f"a{len(self.arrays)}"
        self.arrays[key] = array
        return key

    def encode(self, value, refer=None):
        """``refer(value)`` may return a ``$ref`` path for a value a call returned."""
        if refer is not None:
            path = refer(value)
            if path is not None:
                return {"$ref": list(path)}
        if value is None or type(value) in (bool, int, str):
            return value
        if type(value) is float or isinstance(value, str):  # a catalogue hint is a str subclass
            if type(value) is float and not math.isfinite(value):
                return {"$f": repr(value)}
            return float(value) if type(value) is float else str(value)
        if isinstance(value, np.ndarray):
            return {"$a": self._store(np.array(value))}
        if isinstance(value, np.generic):
            return {"$n": self._store(np.asarray(value))}
        if type(value) is tuple:
            return {"$t": [self.encode(item, refer) for item in value]}
        if type(value) is list:
            return [self.encode(item, refer) for item in value]
        if type(value) is dict:
            return {"$d": [[self.encode(k), self.encode(v, refer)] for k, v in value.items()]}
        if type(value) is Seed:
            return {"$seed": value.seed}
        raise TypeError(f"cannot freeze a value of type {type(value).__name__}")


def decode(node, arrays, results=()):
    """The value a tagged JSON node stands for; ``results`` are this case's call results."""
    if type(node) is list:
        return [decode(item, arrays, results) for item in node]
    if type(node) is not dict:
        return node
    (tag, payload), = node.items()
    if tag == "$a":
        return np.array(arrays[payload])
    if tag == "$n":
        return arrays[payload][()]
    if tag == "$t":
        return tuple(decode(item, arrays, results) for item in payload)
    if tag == "$d":
        return {decode(k, arrays): decode(v, arrays, results) for k, v in payload}
    if tag == "$seed":
        return Seed(payload)
    if tag == "$f":
        return float(payload)
    if tag == "$ref":
        return resolve(results, payload)
    raise ValueError(f"unknown tag {tag!r} in the frozen checks")


class PathNotFound(LookupError):
    """A recorded path does not exist in what the learner's function returned."""


def resolve(results, path):
    """``results[path[0]][path[1]]...``; raises :class:`PathNotFound` when a step is missing."""
    value = results
    for step in path:
        try:
            if type(value) is dict:
                value = value[step]
            elif type(value) in (list, tuple) and type(step) is int and step < len(value):
                value = value[step]
            else:
                raise PathNotFound(step)
        except (KeyError, TypeError):
            raise PathNotFound(step) from None
    return value


def same(got, want, rtol: float = 1e-6, atol: float = 1e-8) -> bool:
    """True when ``got`` has ``want``'s structure and values (arrays within tolerances)."""
    if isinstance(want, np.ndarray) or isinstance(want, np.generic):
        if not isinstance(got, (np.ndarray, np.generic)):
            return False
        got, want = np.asarray(got), np.asarray(want)
        if got.shape != want.shape or got.dtype.kind != want.dtype.kind:
            return False
        if want.dtype.kind in "biufc":
            return bool(np.allclose(got, want, rtol=rtol, atol=atol, equal_nan=True))
        return bool(np.array_equal(got, want))
    if type(want) is dict:
        return (
            type(got) is dict
            and list(got) == list(want)
            and all(same(got[k], want[k], rtol, atol) for k in want)
        )
    if type(want) in (list, tuple):
        return (
            type(got) is type(want)
            and len(got) == len(want)
            and all(same(g, w, rtol, atol) for g, w in zip(got, want, strict=True))
        )
    if type(want) is float and type(got) is float:
        return math.isclose(got, want, rel_tol=rtol, abs_tol=atol) or (
            math.isnan(got) and math.isnan(want)
        )
    return type(got) is type(want) and got == want


def write(folder: Path, checks: dict, arrays: dict) -> None:
    """Write ``public_checks.json`` and ``public_checks.npz`` into ``folder``."""
    text = json.dumps(checks, indent=1, sort_keys=False, ensure_ascii=False, allow_nan=False)
    (folder / CHECKS_FILE).write_text(text + "\n", encoding="utf-8")
    # np.savez stamps the current time into the zip: write the same layout with a fixed date,
    # so that releasing twice gives the same bytes (git sees only real changes).
    with zipfile.ZipFile(folder / ARRAYS_FILE, "w", zipfile.ZIP_DEFLATED) as archive:
        for key, array in arrays.items():
            buffer = io.BytesIO()
            np.lib.format.write_array(buffer, np.asarray(array), allow_pickle=False)
            info = zipfile.ZipInfo(f"{key}.npy", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, buffer.getvalue())


def read(folder: Path) -> tuple[dict, dict]:
    """The frozen checks in ``folder``: ``(checks, arrays)``."""
    checks = json.loads((folder / CHECKS_FILE).read_text(encoding="utf-8"))
    if checks.get("format") != FORMAT:
        raise ValueError(
            f"{folder / CHECKS_FILE} has format {checks.get('format')}, this self-check reads "
            f"format {FORMAT}: download the assignment again"
        )
    with np.load(folder / ARRAYS_FILE, allow_pickle=False) as data:
        arrays = {key: data[key] for key in data.files}
    return checks, arrays
