"""Where the course lives: the repository root, its notebooks, suites and grading secret.

The repository is also the nbgrader course root (``nbgrader_config.py`` maps ``source`` to
``solutions/`` and ``release`` to ``assignments/``). ``DLCOURSE_ROOT`` points elsewhere, for
example at an instructor's copy of the course.
"""

from __future__ import annotations

import importlib
import importlib.util
import os
import secrets
import tomllib
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


def given_modules(assignment: str) -> list[str]:
    """The ``dlutils`` modules the learner is given and the worker receives whole, as files.

    Read from ``suites/<assignment>/given.toml`` (key ``modules``): the modules whose functions
    the answer cells may call. Every assignment has that file (``modules = []`` for a quiz).
    """
    return list(_given_table(assignment)["modules"])


def notebook_only_modules(assignment: str) -> list[str]:
    """The ``dlutils`` modules only the notebook's own cells use (data sets, plots): the key
    ``notebook_only`` of ``given.toml``. They are never sent to the grading worker."""
    return list(_given_table(assignment).get("notebook_only", []))


def _given_table(assignment: str) -> dict:
    path = assignment_dir(assignment) / "given.toml"
    if not path.is_file():
        raise FileNotFoundError(
            f"{assignment!r} has no {path}; every assignment lists its given dlutils modules "
            'there, e.g. modules = ["activations"] (modules = [] when none)'
        )
    with path.open("rb") as handle:
        table = tomllib.load(handle)
    for key in ("modules", "notebook_only"):
        names = table.get(key, [])
        if not (isinstance(names, list) and all(isinstance(name, str) for name in names)):
            raise ValueError(f"{path}: {key} must be a list of dlutils module names")
    if "modules" not in table:
        raise ValueError(f"{path} has no modules = [...] list (write modules = [] for none)")
    return table


def reference_dir() -> Path:
    """The folder of the ``dlutils`` package, where the given module files are read from.

    Found without importing ``dlutils`` (the judge never needs its code for this).
    """
    spec = importlib.util.find_spec("dlutils")
    if spec is None or not spec.submodule_search_locations:
        raise RuntimeError("the dlutils package cannot be found; install the course (pip -e .)")
    return Path(next(iter(spec.submodule_search_locations))).resolve()


def is_quiz(assignment: str) -> bool:
    """True for a multiple-choice quiz: its folder holds ``quiz.toml``."""
    return (assignment_dir(assignment) / "quiz.toml").is_file()


def samples(assignment: str) -> list:
    """The classic mistakes planted in the solution of ``assignment`` (a list of
    :class:`~autograder.kit.mistakes.Sample`), read from ``suites/<assignment>/samples.toml``,
    or ``[]`` when the assignment has no such file. The first one is the demo's."""
    from autograder.kit.mistakes import read_samples

    suite_module(assignment)  # UnknownAssignment for a name without a suite
    path = assignment_dir(assignment) / "samples.toml"
    return read_samples(path) if path.is_file() else []


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
