"""Where the course lives: the repository root, its notebooks, suites and grading secret.

The repository is also the nbgrader course root (``nbgrader_config.py`` maps ``source`` to
``solutions/`` and ``release`` to ``assignments/``). ``DLCOURSE_ROOT`` points elsewhere, for
example at an instructor's copy of the course.
"""

from __future__ import annotations

import importlib
import os
import secrets
from pathlib import Path
from types import ModuleType

ENV_ROOT = "DLCOURSE_ROOT"
ENV_SECRET = "DLCOURSE_SECRET"


class UnknownAssignment(Exception):
    """No suite exists for that assignment name."""


def course_root() -> Path:
    if os.environ.get(ENV_ROOT):
        return Path(os.environ[ENV_ROOT]).resolve()
    return Path(__file__).resolve().parent.parent


def suites_dir() -> Path:
    return Path(__file__).resolve().parent / "suites"


def known_assignments() -> list[str]:
    """Assignments with a grading suite, in curriculum order."""
    return sorted(path.parent.name for path in suites_dir().glob("C[0-9]W[0-9]_*/suite.py"))


def suite_module(assignment: str) -> ModuleType:
    if assignment not in known_assignments():
        raise UnknownAssignment(
            f"unknown assignment {assignment!r}; known: {', '.join(known_assignments()) or 'none'}"
        )
    return importlib.import_module(f"autograder.suites.{assignment}.suite")


def assignment_dir(assignment: str) -> Path:
    """The folder that holds everything of one assignment: suite, given modules, quiz, samples."""
    return suites_dir() / assignment


def suite_path(assignment: str) -> Path:
    return assignment_dir(assignment) / "suite.py"


def source_notebook(assignment: str) -> Path:
    return course_root() / "solutions" / assignment / f"{assignment}.ipynb"


def release_notebook(assignment: str) -> Path:
    return course_root() / "assignments" / assignment / f"{assignment}.ipynb"


def grading_secret() -> bytes:
    """The secret that seeds hidden cases: ``DLCOURSE_SECRET``, else ``.dlcourse/secret``.

    The file is created on first use with 32 random bytes, readable by its owner only. Keep it
    out of students' reach: anyone who has it can predict the hidden inputs.
    """
    if os.environ.get(ENV_SECRET):
        return os.environ[ENV_SECRET].encode()
    path = course_root() / ".dlcourse" / "secret"
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w") as handle:
            handle.write(secrets.token_hex(32))
    return path.read_text().strip().encode()
