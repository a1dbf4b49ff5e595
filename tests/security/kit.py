"""Shared pieces of the adversarial tests: build an attacking submission from the C1W3 release,
grade it in-process (with short timeouts) or through the ``dlcourse check`` command, and check
that it earned nothing it did not earn honestly.

Attacks are placed in answer cells, exactly where a learner can put code. Unless an attack says
otherwise, every other answer cell holds the instructor's solution, so "honest" scores are known:
a function whose code is replaced by an attack scores 0, every untouched function keeps full
marks (``nn_model`` uses every function except ``predict``, so most attacks live in ``predict``).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
import time
from pathlib import Path

from autograder.judge import sandbox
from autograder.kit.authoring import suite_points
from autograder.kit.scoring import total
from autograder.kit.suitecheck import graded_functions
from autograder.samples import solution_answers, submission

A = "C1W3_planar_classification"
FUNCTIONS = graded_functions(A)  # the graded functions of A, in suite order
SECRET = b"security-suite-secret"
MAX_SCORE = total(suite_points(A, function) for function in FUNCTIONS)  # the suite's total
REPO = Path(__file__).resolve().parents[2]

# Grading uses these caps instead of the suite's 10 s (20 s for nn_model) so that every attack
# that hangs costs a few seconds. The honest solution needs well under a second per call (under
# 0.1 s, and under 1 s for the preamble's numpy import in a fresh worker, with the CI box's two
# cores busy); the caps leave room for a loaded machine, where a cell or a call that times out
# would cost an honest function its points (or, for the preamble, fail the whole grading).
CALL_TIMEOUT = 5.0
CELL_TIMEOUT = 8.0

# How long the fixture waits for a killed worker's processes to disappear. Attacks that leave
# processes behind make them live far longer than this (see test_process.py), so a missing
# clean-up is still caught.
LEFTOVER_WAIT = 5.0

# -- what a safely stopped worker says ----------------------------------------------------------
#
# Which defence stops an attack first depends on how busy the machine is, not on the code: a
# memory bomb on an idle machine hits the 3 GiB address-space limit (MemoryError), on a loaded
# one the wall clock runs out first, and on a machine short of RAM the kernel's OOM killer may
# end it. Every one of these is safe (0 points, a message saying why), so the tests accept any of
# them. The strings are the ones autograder.judge.session and autograder.kit.plugin produce.

# Whatever an attack does, a slow machine can turn its outcome into one of these: the call or
# cell ran past its wall-clock timeout, or the worker died and its exit status could not be
# collected within the judge's 2 s wait.
SLOW_MACHINE_MESSAGES = (
    "timed out after",
    "the worker closed the channel",
)

# A resource bomb (memory, CPU) is stopped by whichever limit fires first.
SAFE_STOP_MESSAGES = (
    "MemoryError",  # RLIMIT_AS: the allocation fails inside the student's code
    "killed by SIGKILL",  # the kernel's OOM killer
    "killed by SIGXCPU",  # RLIMIT_CPU
    *SLOW_MACHINE_MESSAGES,
)


def code(source: str) -> str:
    return textwrap.dedent(source).strip() + "\n"


def join(*parts: str) -> str:
    """Concatenate code fragments written at different indentations."""
    return "\n".join(code(part) for part in parts)


def solution(function: str) -> str:
    return solution_answers(A)[function]


def attack(**answers: str) -> dict:
    """The full solution with the given answer cells replaced (``{grade_id: source}``)."""
    return submission(A, {name: code(source) for name, source in answers.items()})


def cell(notebook: dict, grade_id: str) -> dict:
    for item in notebook["cells"]:
        meta = item.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade_id") == grade_id:
            return item
    raise KeyError(grade_id)


def assert_honest(report, *, zero=(), partial=None) -> None:
    """Functions in ``zero`` earned 0, those in ``partial`` exactly the given points, all others
    full marks; the total is out of the course's 14 points (edits cannot change it)."""
    partial = partial or {}
    scores = report.function_scores()
    assert report.max_score == MAX_SCORE, report.max_score
    assert len(scores) == 8, scores
    for function, (points, max_points) in scores.items():
        if function in zero:
            assert points == 0, (
                f"{function} earned {points} under attack: {messages(report, function)}"
            )
        elif function in partial:
            assert abs(points - partial[function]) < 1e-9, (function, points)
        else:
            assert points == max_points, (
                f"{function} lost points it earned honestly: {messages(report, function)}\n"
                f"notes: {report.notes}"
            )


def messages(report, function: str) -> str:
    return "\n".join(t.message for t in report.tests if t.function == function and not t.passed)


def assert_stopped_safely(report, function: str, expected=SAFE_STOP_MESSAGES) -> None:
    """An attack in ``function`` was stopped: it earned 0 points, every other function kept its
    full marks, every failed test of it has a message, and the first one (the call that ran the
    attack) says why in one of the ``expected`` ways, whichever defence fired first."""
    assert_honest(report, zero=[function])
    failed = [t for t in report.tests if t.function == function and not t.passed]
    assert failed, f"no failed test for {function}"
    silent = [t.name for t in failed if not t.message.strip()]
    assert not silent, f"failed without a message: {silent}"
    first = failed[0].message
    assert any(text in first for text in expected), (
        f"{function} was not stopped in any of the expected ways {expected}: {first!r}"
    )


def assert_cell_stopped_safely(report, grade_id: str, expected=SAFE_STOP_MESSAGES) -> None:
    """The answer cell ``grade_id`` was stopped while it ran, and a note says why in one of the
    ``expected`` ways. (Scores are checked separately, with :func:`assert_honest`.)"""
    prefix = f"The answer cell {grade_id!r} failed when run: "
    notes = [note for note in report.notes if note.startswith(prefix)]
    assert len(notes) == 1, report.notes
    why = notes[0][len(prefix) :]
    assert any(text in why for text in expected), (
        f"the cell {grade_id!r} was not stopped in any of the expected ways {expected}: {why!r}"
    )


def report_text(report) -> str:
    return json.dumps(report.to_json())


# -- the command line, in a child process ----------------------------------------------------


def run_check(
    notebook_path: Path, *extra: str, cwd: Path | None = None, env=None, timeout: float = 600
) -> subprocess.CompletedProcess:
    """``dlcourse check`` in its own session, so an attack on the judge can hurt only it.
    (The timeout only stops a run that hangs; a loaded machine can take minutes.)"""
    environment = dict(os.environ, DLCOURSE_SECRET=SECRET.decode(), **(env or {}))
    environment.pop("PYTHONPATH", None)
    return subprocess.run(
        [str(Path(sys.executable).parent / "dlcourse"), "check", str(notebook_path), *extra],
        capture_output=True,
        text=True,
        env=environment,
        cwd=cwd or notebook_path.parent,
        timeout=timeout,
        start_new_session=True,
    )


def write_notebook(path: Path, notebook: dict) -> Path:
    path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


# -- processes a worker may leave behind ----------------------------------------------------


def worker_processes(judge_dirs) -> list[int]:
    """Pids of live processes started from the worker scripts of the given judge temp dirs
    (workers and anything they forked, which keeps the worker's command line). Other judges
    running on the same machine are never looked at."""
    markers = [str(path).encode() for path in judge_dirs]
    pids = []
    if not markers:
        return pids
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/cmdline", "rb") as handle:
                cmdline = handle.read()
            with open(f"/proc/{entry.name}/stat", "rb") as handle:
                state = handle.read().rsplit(b")", 1)[1].split()[0]
        except OSError:
            continue
        if state != b"Z" and any(marker in cmdline for marker in markers):
            pids.append(int(entry.name))
    return pids


def wait_for_no_workers(judge_dirs, seconds: float = LEFTOVER_WAIT) -> list[int]:
    deadline = time.monotonic() + seconds
    while True:
        left = worker_processes(judge_dirs)
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def kill_leftovers(pids: list[int]) -> None:
    """Clean up after a failed containment check (only processes from our own workers)."""
    for pid in pids:
        try:
            os.kill(pid, 9)
        except OSError:
            pass


def bwrap_usable() -> bool:
    saved = os.environ.get(sandbox.ENV_SANDBOX)
    try:
        os.environ[sandbox.ENV_SANDBOX] = "bwrap"
        sandbox.sandbox_mode()
        return True
    except RuntimeError:
        return False
    finally:
        if saved is None:
            os.environ.pop(sandbox.ENV_SANDBOX, None)
        else:
            os.environ[sandbox.ENV_SANDBOX] = saved


ROOT_WITHOUT_BWRAP = os.geteuid() == 0
