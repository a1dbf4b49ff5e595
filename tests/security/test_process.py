"""Attacks on the judge's process and the machine: exits, kills, hangs and resource bombs.

Each harmful attack is bounded in its own code (a loop cap above the limit it should hit, and
children that end by themselves), so that the test is safe even if a defence were missing, and
each runs under both sandbox paths. The worker runs only the first bomb of a session (a flag in
the cell) to keep the tests fast; later calls return a wrong answer.

The tests assert safety, not timing: when several defences can stop an attack (the memory limit,
the wall clock, the OOM killer), which one fires first depends on how busy the machine is, so any
of them is accepted (see ``kit.SAFE_STOP_MESSAGES``), while 0 points for the attacked function,
full marks for the others and a message saying why are always required.
"""

from __future__ import annotations

import json
import os
import re

import pytest

from autograder.judge import sandbox
from tests.security import kit
from tests.security.conftest import MODES, RecordingSession
from tests.security.kit import attack

ROOT = os.geteuid() == 0


def none_mode(reason: str):
    """The rlimits-only path, where the worker runs as the judge's own user: expected to fail."""
    return pytest.param(
        "none",
        marks=pytest.mark.xfail(strict=True, reason="KNOWN LIMIT without bwrap: " + reason),
    )


def none_mode_as_root(reason: str):
    """The rlimits-only path, expected to fail when the judge runs as root (see README)."""
    if not ROOT:
        return "none"
    return pytest.param(
        "none",
        marks=pytest.mark.xfail(strict=True, reason="KNOWN LIMIT without bwrap as root: " + reason),
    )


ONCE = """
_done = []

def _first_time():
    first = not _done
    _done.append(1)
    return first
"""


def judge_dirs_removed() -> bool:
    return not any(path.exists() for path in RecordingSession.dirs)


# -- exits and exceptions --------------------------------------------------------------------


def test_sys_exit_at_the_top_of_an_answer_cell(grade):
    report = grade(
        attack(
            predict="""
    import sys
    sys.exit(0)
    def predict(parameters, X):
        return (X[:1] > 0).astype(float)
    """
        )
    )
    kit.assert_honest(report, zero=["predict"])
    assert any("'predict' failed when run: SystemExit" in note for note in report.notes)


def test_sys_exit_inside_a_function(grade):
    report = grade(
        attack(
            predict="""
    import sys
    def predict(parameters, X):
        sys.exit(0)
    """
        )
    )
    kit.assert_honest(report, zero=["predict"])
    assert "raised SystemExit" in kit.messages(report, "predict")


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_os_exit_at_the_top_of_an_answer_cell(grade, mode):
    report = grade(
        attack(
            predict="""
    import os
    def predict(parameters, X):
        return np.zeros((1, X.shape[1]))
    os._exit(0)
    """
        )
    )
    kit.assert_honest(report, zero=["predict"])
    kit.assert_cell_stopped_safely(report, "predict", ("exited", *kit.SLOW_MACHINE_MESSAGES))
    assert judge_dirs_removed()


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_os_exit_inside_a_function(grade, mode):
    report = grade(
        attack(
            predict="""
    import os
    def predict(parameters, X):
        os._exit(3)
    """
        )
    )
    kit.assert_stopped_safely(
        report, "predict", ("exited with status 3", *kit.SLOW_MACHINE_MESSAGES)
    )


def test_base_exception_subclasses_are_contained(grade):
    report = grade(
        attack(
            predict="""
    class Escape(BaseException):
        pass

    _raised = []

    def predict(parameters, X):
        kinds = [KeyboardInterrupt, GeneratorExit, Escape, StopIteration]
        _raised.append(1)
        raise kinds[(len(_raised) - 1) % len(kinds)]("not caught by except Exception")
    """
        )
    )
    kit.assert_honest(report, zero=["predict"])
    text = kit.messages(report, "predict")
    for name in ("KeyboardInterrupt", "GeneratorExit", "Escape", "StopIteration"):
        assert name in text


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_a_segfault_in_the_worker(grade, mode):
    report = grade(
        attack(
            predict="""
    import ctypes
    def predict(parameters, X):
        ctypes.string_at(0)
    """
        )
    )
    kit.assert_stopped_safely(report, "predict", ("killed by SIGSEGV", *kit.SLOW_MACHINE_MESSAGES))


@pytest.mark.parametrize(
    "mode",
    ["bwrap", none_mode("the worker runs as the judge's user and can kill its parent")],
    indirect=True,
)
def test_killing_the_judge_process(mode, tmp_path):
    # Through the command line, in its own session: if the attack worked it would kill only
    # that child process, never this test run. kill(-1) is tried only as bwrap's worker uid
    # (61000 and up): as any other user it would kill every process of that user.
    killer = """
    import os, signal
    def predict(parameters, X):
        parent = os.getppid()
        for action in (lambda: os.kill(parent, signal.SIGKILL),
                       lambda: os.killpg(os.getpgid(parent), signal.SIGKILL),
                       lambda: os.kill(-1, signal.SIGKILL) if os.getuid() >= 61000 else None):
            try:
                action()
            except OSError:
                pass
        return np.zeros((1, X.shape[1]))
    """
    path = kit.write_notebook(tmp_path / "killer.ipynb", attack(predict=killer))
    result = kit.run_check(path, "--json", env={"DLCOURSE_SANDBOX": mode})
    assert result.returncode == 1, (result.returncode, result.stderr[-2000:])
    report = json.loads(result.stdout)
    assert report["score"] == pytest.approx(kit.MAX_SCORE - 1)


# -- hangs -----------------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_an_infinite_loop_in_a_function_times_out(grade, mode):
    report = grade(
        attack(
            predict="""
    def predict(parameters, X):
        while True:
            pass
    """
        )
    )
    kit.assert_honest(report, zero=["predict"])
    text = kit.messages(report, "predict")
    assert "timed out" in text and "not run" in text


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_an_uninterruptible_loop_at_the_top_of_a_cell_times_out(grade, mode):
    report = grade(
        attack(
            predict="""
    import signal
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP, signal.SIGALRM):
        signal.signal(sig, signal.SIG_IGN)
    def predict(parameters, X):
        return (X[:1] > 0).astype(float)
    while True:
        pass
    """
        )
    )
    kit.assert_honest(report, zero=["predict"])
    assert any("'predict' failed when run: timed out" in note for note in report.notes)


# -- resource bombs --------------------------------------------------------------------------


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_a_single_huge_allocation(grade, mode):
    report = grade(
        attack(
            predict="""
    def predict(parameters, X):
        return np.ones((1, 2**31)) * 0  # 16 GiB, over the 3 GiB address-space limit
    """
        )
    )
    # Only MemoryError here: the address-space limit refuses the allocation at once, before a
    # page is touched, so no other limit can come first even on a busy machine. (Without that
    # limit, filling 16 GiB would end in a timeout or the OOM killer: safe, but this test is
    # the one that checks the limit itself.)
    kit.assert_stopped_safely(report, "predict", ("MemoryError",))


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_a_growing_memory_bomb_stops_at_the_limit(grade, mode):
    bomb = kit.join(
        ONCE,
        """
    def predict(parameters, X):
        if _first_time():
            hoard = []
            for _ in range(40):  # at most 10 GiB; every 4 KiB page is touched
                chunk = np.empty(2**25)
                chunk[::512] = 1.0
                hoard.append(chunk)
            return np.zeros((1, X.shape[1]))
        return np.zeros((1, X.shape[1]))
    """,
    )
    report = grade(attack(predict=bomb))
    # Touching 3 GiB page by page takes seconds on a busy machine: the address-space limit
    # (MemoryError) or the call's timeout may come first, or the OOM killer on a small one.
    kit.assert_stopped_safely(report, "predict")


FORK_BOMB = kit.join(
    ONCE,
    """
import os, time

def predict(parameters, X):
    made = 0
    if _first_time():
        for _ in range(150):  # well above the 32-process limit
            try:
                pid = os.fork()
            except OSError:
                break
            if pid == 0:
                # Children end by themselves even if nothing kills them, long after the
                # fixture has looked for processes left behind.
                time.sleep(60)
                os._exit(0)
            made += 1
    raise RuntimeError(f"FORKS={made}")
""",
)


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_a_fork_bomb_is_contained_and_cleaned_up(grade, mode):
    report = grade(attack(predict=FORK_BOMB))  # the fixture checks no process is left
    kit.assert_honest(report, zero=["predict"])


@pytest.mark.parametrize(
    "mode",
    ["bwrap", none_mode_as_root("RLIMIT_NPROC does not apply to root")],
    indirect=True,
)
def test_a_fork_bomb_stops_at_the_process_limit(grade, mode):
    report = grade(attack(predict=FORK_BOMB))
    kit.assert_stopped_safely(report, "predict", ("FORKS=", *kit.SLOW_MACHINE_MESSAGES))
    first = next(t for t in report.tests if t.function == "predict")
    if "FORKS=" in first.message:  # else a busy machine timed the call out while it forked
        made = int(first.message.split("FORKS=")[1].split()[0])
        assert made < sandbox.Limits().processes


@pytest.mark.parametrize(
    "mode",
    ["bwrap", none_mode("a setsid() daemon leaves the worker's process group")],
    indirect=True,
)
def test_a_daemon_does_not_outlive_grading(grade, mode):
    daemon = kit.join(
        ONCE,
        """
    import os, time
    def predict(parameters, X):
        if _first_time() and os.fork() == 0:
            os.setsid()
            if os.fork() == 0:
                time.sleep(60)  # bounded: it ends by itself, long after the fixture looks
            os._exit(0)
        return np.zeros((1, X.shape[1]))
    """,
    )
    report = grade(attack(predict=daemon))  # the fixture fails if the daemon is still alive
    kit.assert_honest(report, zero=["predict"])


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_an_output_flood_is_capped(grade, mode):
    flood = kit.join(
        ONCE,
        """
    import sys
    def predict(parameters, X):
        if _first_time():
            line = "all tests passed " * 60000 + "\\n"  # 1 MiB
            for _ in range(200):  # at most 200 MiB
                sys.stdout.write(line)
                sys.stdout.flush()
        return np.zeros((1, X.shape[1]))
    """,
    )
    report = grade(attack(predict=flood))
    kit.assert_honest(report, zero=["predict"])
    assert "File too large" in kit.messages(report, "predict")
    assert judge_dirs_removed()


@pytest.mark.parametrize("mode", MODES, indirect=True)
def test_a_disk_fill_is_capped_and_cleaned_up(grade, mode):
    fill = kit.join(
        ONCE,
        """
    import os
    def predict(parameters, X):
        sizes = []
        if _first_time():
            for index in range(10):  # at most 10 files of 16 MiB, over the 64 MiB /tmp
                written = 0
                try:
                    with open(f"fill-{index}", "wb", buffering=0) as handle:
                        for _ in range(16):
                            written += handle.write(b"\\0" * 2**20)
                except OSError:
                    pass
                sizes.append(written)
        raise RuntimeError(f"SIZES={sizes} ")
    """,
    )
    report = grade(attack(predict=fill))
    kit.assert_stopped_safely(report, "predict", ("SIZES=", *kit.SLOW_MACHINE_MESSAGES))
    first = next(t for t in report.tests if t.function == "predict")
    found = re.search(r"SIZES=(\[[^\]]*\])", first.message)
    if found:  # else a busy machine timed the call out while it wrote
        sizes = json.loads(found.group(1))
        limits = sandbox.Limits()
        assert len(sizes) == 10 and max(sizes) <= limits.file_size_bytes
        if mode == "bwrap":
            assert sum(sizes) <= limits.tmp_bytes
    assert judge_dirs_removed()
