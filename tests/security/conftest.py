"""Fixtures for the adversarial tests: in-process grading with short timeouts, and the two
sandbox paths (bubblewrap, and the rlimits-only fallback forced with DLCOURSE_SANDBOX=none)."""

from __future__ import annotations

import pytest

from autograder.judge import engine
from autograder.judge.session import WorkerSession
from autograder.judge.students import WorkerStudent
from tests.security import kit
from tests.security.hostile_html import dlcourse_path, nbgrader_path  # noqa: F401 - shared fixtures

MODES = ["bwrap", "none"]


class RecordingSession(WorkerSession):
    """A WorkerSession with a short cell timeout that remembers its temp dir, so that tests can
    look for processes its workers left behind."""

    dirs: list = []

    def __init__(self, cells, limits=None, call_timeout=10.0, cell_timeout=kit.CELL_TIMEOUT):
        super().__init__(cells, limits, call_timeout, cell_timeout)
        RecordingSession.dirs.append(self._dir)


@pytest.fixture
def grade(monkeypatch):
    """Grade a notebook dict through ``engine.grade_submission`` with capped timeouts, then
    check that no process started by its workers is still alive."""
    RecordingSession.dirs = []
    monkeypatch.setattr(engine, "WorkerSession", RecordingSession)
    monkeypatch.setattr(
        engine,
        "WorkerStudent",
        lambda session, timeout: WorkerStudent(session, min(timeout, kit.CALL_TIMEOUT)),
    )

    def run(notebook: dict, *, check_leftovers: bool = True):
        report = engine.grade_submission(notebook, kit.A, secret=kit.SECRET)
        if check_leftovers:
            leftovers = kit.wait_for_no_workers(RecordingSession.dirs)
            kit.kill_leftovers(leftovers)
            assert not leftovers, f"worker processes outlived grading: {leftovers}"
        return report

    return run


@pytest.fixture
def mode(request, monkeypatch):
    """``bwrap`` or ``none`` (parametrize indirectly); sets DLCOURSE_SANDBOX for the judge."""
    wanted = request.param
    if wanted == "bwrap" and not kit.bwrap_usable():
        pytest.skip("bubblewrap is not usable here (needs bwrap, setpriv and root)")
    monkeypatch.setenv("DLCOURSE_SANDBOX", wanted)
    return wanted


def both_modes(test):
    return pytest.mark.parametrize("mode", MODES, indirect=True)(test)
