"""The ``student`` fixture's common base, and its local form for the learner's self-check.

``student.name(*args, **kwargs)`` returns the value as plain data (it has crossed the
data-only channel, or been put through the same encoding), and ``student.mutated_arguments(name)``
says which arguments the last call changed. :class:`LocalStudent` calls functions of the
learner's own kernel; the judge's ``WorkerStudent`` (:mod:`autograder.judge.students`) calls the
submission inside the sandboxed worker. It lives in the kit so that learner/ itself imports
nothing from judge/; it encodes values with the same data-only channel
(:mod:`autograder.learner.channel`) as the judge and its worker.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable, Mapping

import numpy as np

from . import channel
from .channel import copy_value
from .errors import StudentError

_array_equal = np.array_equal


def _same(before, after) -> bool:
    if type(before) is np.ndarray:
        if type(after) is not np.ndarray or before.shape != after.shape:
            return False
        return bool(_array_equal(before, after, equal_nan=before.dtype.kind in "fc"))
    if type(before) is dict:
        return (
            type(after) is dict
            and before.keys() == after.keys()
            and all(_same(before[k], after[k]) for k in before)
        )
    if type(before) in (list, tuple):
        return (
            type(after) in (list, tuple)
            and len(before) == len(after)
            and all(_same(b, a) for b, a in zip(before, after, strict=True))
        )
    if type(before) is channel.Seed:
        return True
    return type(before) is type(after) and before == after


def changed_arguments(args, kwargs, args_after, kwargs_after) -> list[str]:
    changed = []
    for index, before in enumerate(args):
        after = args_after[index] if type(args_after) is list and index < len(args_after) else None
        if not _same(before, after):
            changed.append(f"argument {index + 1}")
    for key, before in kwargs.items():
        after = kwargs_after.get(key) if type(kwargs_after) is dict else None
        if not _same(before, after):
            changed.append(key)
    return changed


class Student:
    def __init__(self):
        self._mutations: dict[str, list[str]] = {}

    def mutated_arguments(self, function: str) -> list[str]:
        return list(self._mutations.get(function, []))

    def __getattr__(self, name: str):
        if name.startswith("_"):
            raise AttributeError(name)
        return lambda *args, **kwargs: self._call(name, args, kwargs)

    def _call(self, name, args, kwargs):  # pragma: no cover - abstract
        raise NotImplementedError


class LocalStudent(Student):
    """Calls functions of the learner's own kernel (self-check: public cases only).

    Results go through the channel's encoding so that the checks see exactly what they see
    when grading in the sandbox.
    """

    def __init__(self, functions: Mapping[str, Callable]):
        super().__init__()
        self._functions = dict(functions)

    def _call(self, name, args, kwargs):
        function = self._functions.get(name)
        if function is None:
            raise StudentError("NameError", f"{name} is not defined")
        call_args, call_kwargs = copy_value(list(args)), copy_value(dict(kwargs))
        try:
            value = function(*call_args, **call_kwargs)
        except Exception as error:  # noqa: BLE001 - reported to the learner
            frames = traceback.extract_tb(sys.exc_info()[2])[1:]
            text = "".join(traceback.format_list(frames[-4:]))
            raise StudentError(type(error).__name__, str(error), text) from None
        try:
            value = channel.from_wire(channel.to_wire(value))
            after_args = channel.from_wire(channel.to_wire(_plain(call_args)))
            after_kwargs = channel.from_wire(channel.to_wire(_plain(call_kwargs)))
        except channel.ChannelError as error:
            raise StudentError(
                "UngradableValue", f"{name} returned a value that cannot be graded: {error}"
            ) from None
        self._mutations[name] = changed_arguments(args, kwargs, after_args, after_kwargs)
        return value


def _plain(value):
    """Replace generators (which cannot be encoded) so argument snapshots can be compared."""
    if isinstance(value, np.random.Generator):
        return None
    if type(value) is list:
        return [_plain(item) for item in value]
    if type(value) is tuple:
        return tuple(_plain(item) for item in value)
    if type(value) is dict:
        return {key: _plain(item) for key, item in value.items()}
    return value
