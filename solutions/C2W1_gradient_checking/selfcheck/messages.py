"""What a learner reads when a check fails, written once for the judge and the self-check.

:func:`failure_message` turns what a check raised into ``(detail, hint)``; :func:`message` is
the knock-on sentence ("nn_model calls your backward_propagation, which fails its own tests;
fix that first"), and :func:`names_used` finds, without running anything, which global names a
compiled function refers to. Standard library only, plus this package's own modules.
"""

from __future__ import annotations

from collections.abc import Iterable

from .compare import mask_numbers
from .errors import Mismatch, StudentError, WorkerFailure


def message(function: str, dependencies: Iterable[str]) -> str:
    names = sorted(dependencies)
    if len(names) == 1:
        return f"{function} calls your {names[0]}, which fails its own tests; fix that first."
    listed = ", ".join(names[:-1]) + " and " + names[-1]
    return f"{function} calls your {listed}, which fail their own tests; fix those first."


def names_used(code) -> set[str]:
    """Global names a compiled function (and the functions nested in it) refers to."""
    names = set(code.co_names)
    for const in code.co_consts:
        if hasattr(const, "co_names"):
            names |= names_used(const)
    return names


def failure_message(
    error: BaseException, function: str, *, hidden: bool = False
) -> tuple[str, str]:
    """What a learner reads for a failed test, as ``(detail, hint)``.

    On a hidden case (``hidden``), the student's own exception text (type, message and
    traceback) has every number in it replaced by ``…`` (:func:`compare.mask_numbers`): code
    that raises with its arguments in the message would otherwise print the hidden inputs.
    """
    if isinstance(error, Mismatch):
        if error.certain:  # part of the detail: a knock-on message does not replace it
            return with_hint(error.detail, error.hint), ""
        return error.detail, error.hint
    if isinstance(error, StudentError):
        if error.type_name == "NotImplementedError":
            return f"{function} is not implemented yet (it raises NotImplementedError)", ""
        message = f"{error.type_name}: {error.message}"
        if error.traceback:
            message += "\n" + error.traceback
        if hidden:
            message = mask_numbers(message)
        return f"{function} raised {message}", ""
    if isinstance(error, WorkerFailure):
        return f"{function}: {error.message}", ""
    return f"internal grader error ({type(error).__name__}: {error}); please report it", ""


def with_hint(detail: str, hint: str) -> str:
    return f"{detail}. Hint: {hint}" if hint else detail
