"""The layering, read from the source with ``ast`` (every import, also those inside functions):

- ``dlutils`` (the reference) never imports ``autograder``: the course's numpy code stands alone;
- ``autograder/judge`` never imports ``dlutils``: the judge grades against suites, and the given
  modules reach the worker as files, never as imported code;
- ``autograder/learner`` imports neither the judge nor ``dlutils``;
- ``autograder/kit`` never imports the judge (the judge imports the kit): the learner's
  self-check runs the kit, so the judge and its sandbox stay out of the learner's kernel.

The rules check each folder's own imports; a test below runs a notebook's setup cell and one
self-check in a fresh interpreter and looks at what was really loaded. The self-check still runs
the suites in the learner's kernel, and the suites import the kit and ``dlutils`` (issue 11
freezes the public checks into the release instead).
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]


def package_of(path: Path) -> str:
    return ".".join(path.relative_to(REPO).parts[:-1])


def imported_modules(source: str, package: str) -> set[str]:
    """The absolute names of every module ``source`` (a module of ``package``) imports, and of
    every name it imports from one; relative imports are resolved."""
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                parts = package.split(".")
                base = ".".join(parts[: len(parts) - node.level + 1])
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            names.update(f"{module}.{alias.name}" for alias in node.names)
    return names


def within(name: str, package: str) -> bool:
    return name == package or name.startswith(package + ".")


RULES = [
    ("dlutils", ("autograder",)),
    ("autograder/judge", ("dlutils",)),
    ("autograder/learner", ("autograder.judge", "dlutils")),
    ("autograder/kit", ("autograder.judge",)),
]


@pytest.mark.parametrize(("folder", "forbidden"), RULES, ids=[rule[0] for rule in RULES])
def test_no_back_edges(folder, forbidden):
    files = sorted((REPO / folder).rglob("*.py"))
    assert files, f"{folder} has no Python files"
    offending = {
        str(path.relative_to(REPO)): sorted(
            name
            for name in imported_modules(path.read_text(encoding="utf-8"), package_of(path))
            if any(within(name, f) for f in forbidden)
        )
        for path in files
    }
    offending = {path: names for path, names in offending.items() if names}
    assert not offending, f"{folder} must not import {', '.join(forbidden)}: {offending}"


def test_the_reader_sees_relative_and_nested_imports():
    """The rule is only as good as the reader: a relative import and one inside a function
    are both found."""
    source = "from ..judge import engine\n\ndef later():\n    import dlutils.layers\n"
    names = imported_modules(source, package_of(REPO / "autograder" / "learner" / "x.py"))
    assert "autograder.judge.engine" in names
    assert "dlutils.layers" in names


# Runs in a fresh interpreter, in the release's folder: the setup cell of the notebook, the
# answer cell of its first graded function (the solution's) and the locked self-check call under
# it, as the learner's kernel runs them; then reports which of the course's modules were loaded
# and from where.
KERNEL = """
import json, sys
notebook = json.load(open(sys.argv[1], encoding="utf-8"))
cells = ["".join(cell["source"]) for cell in notebook["cells"] if cell["cell_type"] == "code"]
setup = next(cell for cell in cells if "SelfCheck(" in cell)
answer = next(cell for cell in cells if "def layer_sizes(" in cell)
kernel = {}
exec(setup, kernel)
exec(answer, kernel)
exec("check(layer_sizes)", kernel)
ours = ("autograder", "dlutils", "selfcheck")
print(json.dumps({
    name: getattr(module, "__file__", None) or ""
    for name, module in sorted(sys.modules.items()) if name.split(".")[0] in ours
}))
"""


def test_the_learners_kernel_loads_neither_the_judge_nor_its_sandbox(tmp_path):
    """The release's kernel loads nothing of the project: its self-check and given modules are
    the folder's own copies (``selfcheck/``, ``dlutils/``), even where the project is
    installed, as here."""
    from autograder.samples import submission

    assignment = "C1W3_planar_classification"
    folder = tmp_path / assignment
    shutil.copytree(REPO / "assignments" / assignment, folder)
    notebook = folder / f"{assignment}.ipynb"
    notebook.write_text(json.dumps(submission(assignment)), encoding="utf-8")
    env = {**os.environ, "MPLBACKEND": "Agg", "OPENBLAS_NUM_THREADS": "1"}
    result = subprocess.run(
        [sys.executable, "-c", KERNEL, str(notebook)],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    *printed, loaded_line = result.stdout.strip().splitlines()
    assert any("layer_sizes" in line and "public checks passed" in line for line in printed), (
        result.stdout
    )
    loaded = json.loads(loaded_line)
    assert "selfcheck.selfcheck" in loaded  # the probe did load the self-check
    outside = {name: path for name, path in loaded.items() if not path.startswith(str(folder))}
    assert not outside, f"the learner's kernel loaded modules from outside its folder: {outside}"
