"""WorkerSession recovery: a cell that hung or killed a worker is never replayed."""

from __future__ import annotations

import time

import pytest

from autograder.judge.session import WorkerFailure, WorkerSession

CELLS = [
    ("preamble", "import numpy as np"),
    ("hangs_at_load", "while True:\n    pass\n"),
    ("functions", "def f():\n    return 1\n\ndef g():\n    while True:\n        pass\n"),
]


class RecordingSession(WorkerSession):
    """Remembers which cells it sent to a worker, in order."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.executed: list[str] = []

    def _request(self, message, timeout):
        if message.get("op") == "exec":
            self.executed.append(message["name"])
        return super()._request(message, timeout)


def test_a_cell_that_timed_out_at_load_is_left_out_of_later_restarts():
    with RecordingSession(CELLS, call_timeout=2, cell_timeout=2) as session:
        statuses = {status.name: status for status in session.start()}
        assert not statuses["hangs_at_load"].ok
        assert "timed out" in statuses["hangs_at_load"].message
        assert statuses["functions"].ok
        # after the hang: the cells before it are replayed on the fresh worker, then the rest
        assert session.executed == ["preamble", "hangs_at_load", "preamble", "functions"]
        session.executed.clear()
        with pytest.raises(WorkerFailure):
            session.call("g", [], {})  # hangs: the worker is killed
        assert session.call("f", [], {}).value == 1  # a fresh worker, without the hanging cell
        assert session.executed == ["preamble", "functions"]
        assert session.restarts == 1


def test_a_cell_that_hangs_only_when_replayed_is_dropped_and_calls_stay_in_step():
    # The middle cell is quick at first and hangs once the deadline has passed, as a slow cell
    # on a busy machine can time out on its second run. Whichever run it hangs in, the
    # session must drop it, and every later reply must belong to its own call.
    deadline = time.time() + 8
    cells = [
        ("preamble", "import numpy as np\nimport time"),
        ("slow_later", f"while time.time() > {deadline}:\n    pass\n"),
        (
            "functions",
            "def f():\n    return 1\n\ndef h():\n    return 2\n\n"
            "def g():\n    while True:\n        pass\n",
        ),
    ]
    with RecordingSession(cells, call_timeout=2, cell_timeout=2) as session:
        session.start()
        time.sleep(max(0.0, deadline - time.time()) + 0.5)
        with pytest.raises(WorkerFailure):
            session.call("g", [], {})  # the worker is killed; the next call replays the cells
        assert session.call("f", [], {}).value == 1
        assert session.call("h", [], {}).value == 2
        assert session.call("f", [], {}).value == 1
        assert not session.cell_status["slow_later"].ok
        assert "slow_later" not in session.executed[-2:]
