"""WorkerSession recovery: a cell that hung or killed a worker is never replayed."""

from __future__ import annotations

import time

import pytest

from autograder.session import WorkerFailure, WorkerSession

CELLS = [
    ("preamble", "import numpy as np"),
    ("hangs_at_load", "while True:\n    pass\n"),
    ("functions", "def f():\n    return 1\n\ndef g():\n    while True:\n        pass\n"),
]


def test_a_cell_that_timed_out_at_load_is_left_out_of_later_restarts():
    with WorkerSession(CELLS, call_timeout=1, cell_timeout=1) as session:
        statuses = {status.name: status for status in session.start()}
        assert not statuses["hangs_at_load"].ok
        assert "timed out" in statuses["hangs_at_load"].message
        assert statuses["functions"].ok
        with pytest.raises(WorkerFailure):
            session.call("g", [], {})  # hangs: the worker is killed
        started = time.monotonic()
        assert session.call("f", [], {}).value == 1  # fresh worker, without the hanging cell
        assert time.monotonic() - started < 1.0
        assert session.restarts == 1
