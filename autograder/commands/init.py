"""``dlcourse init DIR``: a new course folder of the instructor's own, from the shipped curriculum.

The folder gets what an nbgrader course root needs and nothing run yet:

- ``solutions/``: every assignment folder of the curriculum, whole (the instructor notebooks in
  nbgrader source format);
- ``nbgrader_config.py``: the course's nbgrader configuration (its root and gradebook are
  ``Path(__file__).parent``, so the copy works where it lands);
- ``.dlcourse/secret``: a fresh grading secret (0600) that seeds this course's hidden cases;
- ``.gitignore``: keeps the secret, the gradebook and the students' files out of a git
  repository the instructor may make of the folder.

The instructor then runs ``dlcourse release`` there. An existing folder must be empty: nothing
is ever overwritten or deleted.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from autograder import course

GITIGNORE = """\
# Kept out of version control by dlcourse init: the grading secret (anyone who has it can
# predict the hidden inputs), the gradebook and everything students hand in or get back.
.dlcourse/
gradebook.db
submitted/
autograded/
feedback/
exports/
downloaded/
"""


class FolderNotEmpty(ValueError):
    """``init`` was pointed at a folder that already holds files."""


def init_course(target: Path, curriculum: Path | None = None) -> list[Path]:
    """Make ``target`` a new course folder; returns the top-level paths written.

    Raises :class:`FolderNotEmpty` for a non-empty folder (or a path that is a file), before
    writing anything.
    """
    target = Path(target).expanduser().absolute()
    curriculum = curriculum or course.curriculum_dir()
    if target.exists() and not target.is_dir():
        raise FolderNotEmpty(f"{target} is a file; name a new or empty folder")
    if target.is_dir() and any(target.iterdir()):
        raise FolderNotEmpty(
            f"{target} is not empty; dlcourse init never overwrites files: name a new or empty "
            "folder (or run dlcourse commands inside this one if it is a course already)"
        )
    target.mkdir(parents=True, exist_ok=True)
    solutions = target / "solutions"
    shutil.copytree(
        curriculum / "solutions",
        solutions,
        ignore=shutil.ignore_patterns("__pycache__", ".ipynb_checkpoints"),
    )
    config = target / course.COURSE_CONFIG
    shutil.copyfile(curriculum / course.COURSE_CONFIG, config)
    secret = course.secret_path(target)
    course.write_new_secret(secret)
    ignore = target / ".gitignore"
    ignore.write_text(GITIGNORE, encoding="utf-8")
    return [solutions, config, secret, ignore]
