"""One wheel install of the project, built once per test run and shared by every test that needs
a non-editable install (``tests/security/test_wheel_install.py``,
``tests/autograder/test_own_course.py``).

The wheel is built from a copy of the sources (so the repository gets no ``build/`` or
``*.egg-info``), including what ``setup.py``'s build step ships (``solutions/``,
``nbgrader_config.py``, ``datasets/``); then a fresh virtual environment gets that wheel and its
dependencies from the package index (about two minutes, started in the background when the run
begins: see :func:`start_building`). Test modules use it through a fixture that calls
:func:`wheel_environment`, which builds at most once per test run: the build goes into the
run's shared folder (``tests/conftest.py`` names it in ``DLCOURSE_TEST_RUN_DIR`` before
pytest-xdist starts its workers) under a file lock, so the first process to need it builds it
and the others wait for it and reuse it.
"""

from __future__ import annotations

import atexit
import concurrent.futures
import fcntl
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SOURCES = (
    "pyproject.toml",
    "setup.py",
    "MANIFEST.in",
    "README.md",
    "nbgrader_config.py",
    "autograder",
    "dlutils",
    "solutions",
    "datasets",
)
# The folder this test run shares between its processes (set by tests/conftest.py).
RUN_DIR = "DLCOURSE_TEST_RUN_DIR"
IGNORED = shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints", "*.egg-info", "build")


def run(argv, **kwargs) -> subprocess.CompletedProcess:
    """``subprocess.run`` that must succeed; the failure shows the ends of both streams."""
    result = subprocess.run(argv, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, (
        f"{argv} failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    )
    return result


def clean_environment(**extra) -> dict:
    """This process's environment without anything that points at the repository or a course."""
    environment = dict(os.environ, PIP_DISABLE_PIP_VERSION_CHECK="1")
    for name in ("PYTHONPATH", "VIRTUAL_ENV", "DLCOURSE_ROOT", "DLCOURSE_SECRET"):
        environment.pop(name, None)
    environment.update(extra)
    return environment


_executor = concurrent.futures.ThreadPoolExecutor(max_workers=1)
_future: concurrent.futures.Future | None = None


def start_building() -> None:
    """Start building the environment in a background thread (once per process), so that the
    pip install overlaps with other tests; ``tests/conftest.py`` calls it when the run
    includes a test that needs it."""
    global _future
    if _future is None:
        shared = os.environ.get(RUN_DIR)
        if shared:
            root = Path(shared) / "wheel"
        else:  # outside pytest's run (a script): a folder of this process's own
            root = Path(tempfile.mkdtemp(prefix="dlcourse-wheel-"))
            atexit.register(shutil.rmtree, root, ignore_errors=True)
        _future = _executor.submit(_build_once, root)


def wheel_environment() -> Path:
    """The virtual environment holding only the project's wheel and its dependencies."""
    start_building()
    return _future.result()


def _build_once(root: Path) -> Path:
    """Build into ``root`` unless another process of this run has (``.ready`` marks a finished
    build; a half-made one, from a process that died, is started again)."""
    root.mkdir(parents=True, exist_ok=True)
    with open(root / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        ready = root / ".ready"
        if not ready.exists():
            for name in ("source", "dist", "env"):
                shutil.rmtree(root / name, ignore_errors=True)
            _build(root)
            ready.touch()
    return root / "env"


def _build(root: Path) -> Path:
    source = root / "source"
    source.mkdir()
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=IGNORED)
        else:
            shutil.copy(path, source / name)
    quiet = clean_environment()
    run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
         "-w", str(root / "dist"), str(source)],
        env=quiet,
    )  # fmt: skip
    (wheel,) = (root / "dist").glob("dlcourse-*.whl")
    environment = root / "env"
    run([sys.executable, "-m", "venv", str(environment)], env=quiet)
    # pip compiles every module at install time: keep it, because this machine and CI set
    # PYTHONDONTWRITEBYTECODE, so nothing compiled later would be cached, and the worker's
    # site-packages is read-only in bubblewrap anyway
    run([str(environment / "bin" / "python"), "-m", "pip", "install", "-q", str(wheel)], env=quiet)
    where = run(
        [str(environment / "bin" / "python"), "-c", "import autograder, dlutils; "
         "print(autograder.__file__); print(dlutils.__file__)"],
        cwd=root, env=quiet,
    )  # fmt: skip
    for line in where.stdout.split():
        assert Path(line).is_relative_to(environment), f"not imported from the wheel: {line}"
    return environment
