"""``dlcourse release [ASSIGNMENT]``: regenerate ``assignments/`` from ``solutions/``.

nbgrader's generate_assignment does the work (solution regions become stubs, hidden-test
regions are removed, cells are locked and checksummed, the gradebook learns the cells). The
result is then normalised so that git sees only real changes: no outputs, no execution counts.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from autograder import course


def normalise_release(path: Path) -> None:
    """Strip outputs and execution counts and write with a stable layout."""
    notebook = json.loads(path.read_text(encoding="utf-8"))
    for cell in notebook["cells"]:
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")


def release_assignments(names: list[str], *, root: Path | None = None) -> list[Path]:
    """Run nbgrader generate_assignment for each name; returns the release notebooks."""
    from nbgrader.apps import NbGraderAPI
    from traitlets.config import Config
    from traitlets.config.loader import PyFileConfigLoader

    _environment_scripts_on_path()
    root = root or course.course_root()
    config = PyFileConfigLoader("nbgrader_config.py", path=str(course.course_root())).load_config()
    config.merge(Config({"CourseDirectory": {"root": str(root)}}))
    if root != course.course_root():
        config.CourseDirectory.db_url = "sqlite:///" + str(root / "gradebook.db")
    api = NbGraderAPI(config=config)
    written = []
    for name in names:
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
