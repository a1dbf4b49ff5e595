"""``dlcourse release [ASSIGNMENT]``: regenerate ``assignments/`` from ``solutions/``.

First the folder of each assignment in ``solutions/`` gets what a student's kernel needs
besides the notebook (:func:`write_support_files`):

- ``selfcheck/``: the learner's self-check package (the files of :mod:`autograder.learner`)
  with the public checks frozen as data (:mod:`autograder.judge.freeze`), or, for a quiz, the
  public part of its ``quiz.toml`` (the questions, never the key);
- ``dlutils/``: the given modules (``given.toml``'s ``modules`` and ``notebook_only``), whole;
- ``datasets/``: the data files it loads (``given.toml``'s ``data``) and their checksums.

Then nbgrader's generate_assignment does the rest and copies those folders into the release
(solution regions become stubs, hidden-test regions are removed, cells are locked and
checksummed, the gradebook learns the cells). Notebooks are normalised so that git sees only
real changes: no outputs, no execution counts. The release folder works without this project
installed: numpy, matplotlib and h5py are all it imports.
"""

from __future__ import annotations

import concurrent.futures
import json
import multiprocessing
import os
import shutil
import sys
import tomllib
from pathlib import Path

from autograder import course

SUPPORT_FOLDERS = ("selfcheck", "dlutils", "datasets")
LEARNER_FILES = (
    "channel.py",
    "compare.py",
    "errors.py",
    "frozen.py",
    "messages.py",
    "quiz.py",
    "selfcheck.py",
    "students.py",
)
SELFCHECK_INIT = '''"""This assignment's self-check: ``SelfCheck`` replays the public checks frozen
next to it, ``QuizCheck`` checks the format of quiz answers. Written by ``dlcourse release``;
it needs only numpy. See selfcheck.py.
"""

from .quiz import QuizCheck
from .selfcheck import SelfCheck, SelfCheckFailed

__all__ = ["QuizCheck", "SelfCheck", "SelfCheckFailed"]
'''
DLUTILS_INIT = '''"""The modules of the course's library that this assignment gives you (the
grader gets the same files). Written by ``dlcourse release``."""
'''


def normalise_release(path: Path) -> None:
    """Strip outputs and execution counts and write with a stable layout."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def data_files(assignment: str) -> list[str]:
    """The ``datasets/`` files the notebook of ``assignment`` loads (``given.toml``'s ``data``)."""
    with (course.assignment_dir(assignment) / "given.toml").open("rb") as handle:
        return list(tomllib.load(handle).get("data", []))


def freeze_all(names: list[str]) -> dict[str, tuple[dict, dict]]:
    """The frozen public checks of each programming assignment among ``names``, computed two at
    a time: freezing runs every public case and every planted mistake, most of a release's
    time, and each assignment is independent of the others. One assignment is frozen here."""
    from autograder.judge.freeze import freeze

    programming = [name for name in names if not course.is_quiz(name)]
    workers = min(len(programming), os.cpu_count() or 1, 2)
    if workers < 2:
        return {name: freeze(name) for name in programming}
    # spawn: the caller may hold threads (pytest's background builds), which fork would copy
    # half-way; the children find the same course through the inherited environment
    context = multiprocessing.get_context("spawn")
    with concurrent.futures.ProcessPoolExecutor(workers, mp_context=context) as pool:
        return dict(zip(programming, pool.map(freeze, programming), strict=True))


def write_support_files(
    assignment: str, folder: Path, checks: tuple[dict, dict] | None = None
) -> None:
    """Write ``selfcheck/``, ``dlutils/`` and ``datasets/`` for ``assignment`` into ``folder``
    (its folder in ``solutions/``), replacing what an earlier release wrote there. ``checks``
    are its frozen public checks when :func:`freeze_all` computed them already."""
    from autograder import learner
    from autograder.judge.freeze import freeze
    from autograder.learner import frozen
    from autograder.learner.quiz import quiz_file, read_public_part
    from dlutils.datasets import MANIFEST, datasets_dir

    for name in SUPPORT_FOLDERS:
        shutil.rmtree(folder / name, ignore_errors=True)
    package = folder / "selfcheck"
    package.mkdir()
    source = Path(learner.__file__).parent
    for name in LEARNER_FILES:
        shutil.copyfile(source / name, package / name)
    (package / "__init__.py").write_text(SELFCHECK_INIT, encoding="utf-8")
    if course.is_quiz(assignment):
        (package / "quiz.toml").write_text(
            read_public_part(quiz_file(assignment)), encoding="utf-8"
        )
    else:
        frozen.write(package, *(checks or freeze(assignment)))

    modules = course.given_modules(assignment) + course.notebook_only_modules(assignment)
    if modules:
        (folder / "dlutils").mkdir()
        (folder / "dlutils" / "__init__.py").write_text(DLUTILS_INIT, encoding="utf-8")
        for name in modules:
            filename = f"{name}.py"
            shutil.copyfile(course.reference_dir() / filename, folder / "dlutils" / filename)

    files = data_files(assignment)
    if files:
        (folder / "datasets").mkdir()
        manifest = (datasets_dir() / MANIFEST).read_text(encoding="utf-8").splitlines()
        kept = [line for line in manifest if line.split()[-1] in files]
        for name in files:
            shutil.copyfile(datasets_dir() / name, folder / "datasets" / name)
        (folder / "datasets" / MANIFEST).write_text("\n".join(kept) + "\n", encoding="utf-8")


def release_assignments(names: list[str], *, root: Path | None = None) -> list[Path]:
    """Run nbgrader generate_assignment for each name; returns the release notebooks."""
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    from autograder.gradebook import open_gradebook

    _environment_scripts_on_path()
    root = root or course.course_root()
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course.course_root())).load_config()
    config.merge(Config({"CourseDirectory": {"root": str(root)}}))
    config.CourseDirectory.db_url = course.gradebook_url(root)
    open_gradebook(config.CourseDirectory.db_url).close()  # an unreachable one: say so now
    api = NbGraderAPI(config=config)
    written = []
    checks = freeze_all(names)
    for name in names:
        write_support_files(name, root / "solutions" / name, checks.get(name))
        shutil.rmtree(root / "assignments" / name, ignore_errors=True)
        result = api.generate_assignment(name, force=True, create=True)
        if not result["success"]:
            raise RuntimeError(
                f"nbgrader could not release {name}:\n{result.get('error', '')}"
                f"\n{result.get('log', '')}"
            )
        for notebook in sorted((root / "assignments" / name).glob("*.ipynb")):
            normalise_release(notebook)
            written.append(notebook)
    return written


def _environment_scripts_on_path() -> None:
    """nbgrader runs ``alembic`` from PATH: make this environment's scripts findable even when
    the virtual environment is not activated."""
    scripts = os.path.dirname(sys.executable)
    if scripts not in os.environ.get("PATH", "").split(os.pathsep):
        os.environ["PATH"] = scripts + os.pathsep + os.environ.get("PATH", "")
