"""A student's environment: the packages a released notebook needs, and nothing of this project.

What a class gives its students (a JupyterHub image, or ``pip install`` on a laptop): numpy,
matplotlib, h5py, ipykernel, and nbgrader for the Validate button and the Assignment List. The
project (``dlutils``, ``autograder``, ``dlcourse``) is not installed, so a released folder must
carry everything its notebook imports.

Built once into ``.student-venv/`` at the repository root and reused while its package list is
unchanged (about 80 s to build from the package index; ``make clean`` removes it). A file lock
lets parallel test processes share one build.
"""

from __future__ import annotations

import concurrent.futures
import fcntl
import hashlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
LOCATION = REPO / ".student-venv"
PACKAGES = ("numpy", "matplotlib", "h5py", "ipykernel", "nbgrader", "jupyterlab")
_STAMP = LOCATION / ".packages"


def clean_environ(**extra: str) -> dict:
    """The test process's environment without anything that points into this project."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if key not in ("PYTHONPATH", "VIRTUAL_ENV", "DLCOURSE_ROOT", "JUPYTER_PATH")
    }
    scripts = str(LOCATION / "bin")
    path = [entry for entry in environ.get("PATH", "").split(os.pathsep) if ".venv" not in entry]
    environ["PATH"] = os.pathsep.join([scripts, *path])
    environ["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    environ.update(extra)
    return environ


def student_python() -> Path:
    """The student environment's interpreter, built on first use. Raises with pip's output
    when the build fails."""
    wanted = hashlib.sha256(" ".join(PACKAGES).encode()).hexdigest()
    LOCATION.parent.mkdir(exist_ok=True)
    with open(REPO / ".student-venv.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        python = LOCATION / "bin" / "python"
        if not (_STAMP.is_file() and _STAMP.read_text() == wanted and python.exists()):
            shutil.rmtree(LOCATION, ignore_errors=True)
            for argv in (
                [sys.executable, "-m", "venv", str(LOCATION)],
                # compiled at install time: with PYTHONDONTWRITEBYTECODE (set on this machine
                # and in CI) nothing compiled later is cached, so --no-compile costs more
                [str(python), "-m", "pip", "install", "-q", *PACKAGES],
            ):
                result = subprocess.run(
                    argv, capture_output=True, text=True, env=clean_environ(), cwd="/"
                )
                if result.returncode != 0:
                    raise RuntimeError(
                        f"building the student environment failed: {argv}\n"
                        f"{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
                    )
            _STAMP.write_text(wanted)
    return python


_executor = concurrent.futures.ThreadPoolExecutor(max_workers=1)
_started: concurrent.futures.Future | None = None


def start_building() -> None:
    """Build the environment in a background thread (once per process) when it is missing, so
    that the pip install overlaps with other tests; ``tests/conftest.py`` calls it when the run
    includes a test that needs it. :func:`student_python` waits for it (the file lock)."""
    global _started
    if _started is None:
        _started = _executor.submit(student_python)


def run_student(argv: list[str], *, cwd: Path, timeout: float = 600, **extra: str):
    """Run ``argv`` (its first item a script of the student environment, such as ``"python"``
    or ``"nbgrader"``) in that environment from ``cwd``; returns the CompletedProcess."""
    student_python()
    program = str(LOCATION / "bin" / argv[0])
    return subprocess.run(
        [program, *argv[1:]],
        capture_output=True,
        text=True,
        cwd=cwd,
        env=clean_environ(**extra),
        timeout=timeout,
    )
