"""Build step that puts the shipped curriculum into the wheel; everything else is in
``pyproject.toml``.

The repository keeps the instructor notebooks (``solutions/``), the nbgrader configuration and
the data sets (``datasets/``) at its top level, outside the two packages. A wheel install has
no repository, so ``build_py`` copies them into the built packages:

- ``solutions/`` (every assignment folder, whole) and ``nbgrader_config.py`` into
  ``autograder/curriculum/``, which ``dlcourse init`` copies into a new course folder;
- the data files (``*.h5`` and their ``SHA256SUMS`` manifest) into ``dlutils/data/``, where the
  loaders look when there is no ``datasets/`` folder next to the package.

An editable install skips the copy: the package runs from the repository, which has them all.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from setuptools import setup
from setuptools.command.build_py import build_py

HERE = Path(__file__).resolve().parent

# (source in the repository, destination inside the build folder, file patterns)
CURRICULUM = [
    ("solutions", "autograder/curriculum/solutions", ["**/*"]),
    (".", "autograder/curriculum", ["nbgrader_config.py"]),
    ("datasets", "dlutils/data", ["*.h5", "SHA256SUMS"]),
]


def curriculum_files() -> list[tuple[Path, str]]:
    """Each shipped file with its path relative to the build folder."""
    files = []
    for source, destination, patterns in CURRICULUM:
        folder = HERE / source
        for pattern in patterns:
            for path in sorted(folder.glob(pattern)):
                if (
                    path.is_file()
                    and "__pycache__" not in path.parts
                    and ".ipynb_checkpoints" not in path.parts
                ):
                    files.append((path, f"{destination}/{path.relative_to(folder).as_posix()}"))
    return files


class BuildWithCurriculum(build_py):
    """``build_py`` plus the curriculum files (not for editable installs)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        files = curriculum_files()
        if not any(target.startswith("autograder/curriculum/solutions/") for _, target in files):
            raise SystemExit(f"no solutions/ next to {__file__}: the wheel would ship no course")
        for path, target in files:
            destination = Path(self.build_lib) / target
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(path, destination)

    def get_outputs(self, include_bytecode: bool = True) -> list[str]:
        extra = (
            []
            if getattr(self, "editable_mode", False)
            else [str(Path(self.build_lib) / target) for _, target in curriculum_files()]
        )
        return super().get_outputs(include_bytecode) + extra


setup(cmdclass={"build_py": BuildWithCurriculum})
