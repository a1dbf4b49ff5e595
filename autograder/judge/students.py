"""The ``student`` fixture's judge form: calls into the sandboxed worker.

The common base (:class:`~autograder.learner.students.Student`) and the local form for the
learner's self-check (:class:`~autograder.learner.students.LocalStudent`) live in
:mod:`autograder.learner.students`.
"""

from __future__ import annotations

from autograder.judge.session import WorkerSession
from autograder.learner.students import Student, changed_arguments


class WorkerStudent(Student):
    """Calls the submission's functions inside the sandboxed worker."""

    def __init__(self, session: WorkerSession, timeout: float):
        super().__init__()
        self._session = session
        self._timeout = timeout

    def _call(self, name, args, kwargs):
        result = self._session.call(name, list(args), dict(kwargs), self._timeout)
        self._mutations[name] = changed_arguments(
            args, kwargs, result.args_after, result.kwargs_after
        )
        return result.value
