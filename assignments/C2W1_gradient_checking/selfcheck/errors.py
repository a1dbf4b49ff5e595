"""What can go wrong when a check calls a graded function, whoever runs it.

:class:`StudentError` (the learner's code raised) and :class:`WorkerFailure` (the sandboxed
worker did not answer) are raised by the judge's session and by the learner's
:class:`~autograder.learner.students.LocalStudent`, and caught by the kit's pytest plugin. They live
here, in a module that imports nothing, so that the learner's kernel can load the kit without
loading the judge (and its sandbox).
"""

from __future__ import annotations

# Caps on text that comes from the student's code (the worker is theirs: it can send anything
# a frame can hold, so these are applied here, on the trusted side). A few KB each: a real
# message or traceback fits, a 4 MB exception class name does not reach the report.
MAX_TYPE_NAME = 200
MAX_MESSAGE = 2000
MAX_TRACEBACK = 4000


def clip(text: str, limit: int) -> str:
    """``text`` cut to at most ``limit`` characters (plus a short note saying so)."""
    text = str(text)
    if len(text) <= limit:
        return text
    return f"{text[:limit]} … ({len(text) - limit} more characters cut)"


class WorkerFailure(Exception):
    """The worker did not answer: it timed out, died, or broke the protocol."""

    def __init__(self, kind: str, message: str):
        super().__init__(message)
        self.kind = kind
        self.message = message


class StudentError(Exception):
    """The student's code raised; carries the exception type, message and their traceback
    (each clipped to a few KB: see :data:`MAX_MESSAGE`)."""

    def __init__(self, type_name: str, message: str, traceback: str = ""):
        type_name = clip(type_name, MAX_TYPE_NAME)
        message = clip(message, MAX_MESSAGE)
        traceback = clip(traceback, MAX_TRACEBACK)
        super().__init__(f"{type_name}: {message}")
        self.type_name = type_name
        self.message = message
        self.traceback = traceback


class Mismatch(AssertionError):
    """A test failed because the student's result differs; the message says how.

    ``detail`` says what differs; ``hint`` (optional) says what the likely mistake is. A hint
    is given only when it is true for this submission, for example when the value matches a
    known wrong variant.

    A value-matched hint can be a knock-on of another graded function that this one calls, so
    the report may replace it (see :mod:`autograder.kit.knock_on`). A hint about the function's own
    structure (a missing key, a wrong type) is true whatever its dependencies do: pass
    ``certain=True``, or write it into the message as ``"... . Hint: ..."``.
    """

    def __init__(self, detail: str, hint: str = "", *, certain: bool = False):
        if not hint and ". Hint: " in detail:
            detail, hint = detail.rsplit(". Hint: ", 1)
            certain = True
        super().__init__(detail)
        self.detail = detail
        self.hint = hint
        self.certain = certain

    def __str__(self) -> str:
        return f"{self.detail}. Hint: {self.hint}" if self.hint else self.detail


class SelfCheckFailed(AssertionError):
    """A self-check in the learner's kernel found a problem. IPython shows
    :meth:`_render_traceback_`'s lines, the compact message, instead of a traceback; the cell is
    marked failed, so nbgrader's Validate reports the notebook as not passing."""

    def __init__(self, text: str):
        super().__init__(text)
        self.text = text

    def _render_traceback_(self) -> list[str]:
        return self.text.splitlines()
