"""Given code travels to the grading worker as whole module files (``suites/<A>/given.toml``).

The worker gets a ``dlutils`` package holding exactly the given modules. So a module-level
constant, table or class used by a given function works while grading; every given set imports
with numpy alone; no given module hands the learner a function graded in the same assignment;
and the rest of ``dlutils`` stays out of reach.
"""

from __future__ import annotations

import ast
import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from autograder import course
from autograder.judge import engine, sandbox
from autograder.judge.session import WorkerSession
from autograder.kit.suitecheck import graded_functions
from tests.autograder.helpers import grade, solution_answers, submission

APPLICATION = "C1W4_deep_nn_application"
PROBE_CONSTANT = "_EPS_SCALE = 1.0\n\n\n"
# What the constant probe uses in losses._clip_probabilities (compute_cost calls it).
CLIP_LINE, CLIP_LINE_SCALED = "np.finfo(AL.dtype).eps", "_EPS_SCALE * np.finfo(AL.dtype).eps"


def _copy_reference(tmp_path: Path) -> Path:
    """A copy of the ``dlutils`` module files the engine can be pointed at."""
    folder = tmp_path / "dlutils"
    shutil.copytree(course.reference_dir(), folder, ignore=shutil.ignore_patterns("__pycache__"))
    return folder


def _add_constant_to_losses(folder: Path) -> None:
    """``_EPS_SCALE = 1.0`` at module level in losses.py, used by ``_clip_probabilities``."""
    path = folder / "losses.py"
    text = path.read_text()
    assert text.count("def _clip_probabilities(") == 1 and CLIP_LINE in text
    text = text.replace("def _clip_probabilities(", PROBE_CONSTANT + "def _clip_probabilities(")
    path.write_text(text.replace(CLIP_LINE, CLIP_LINE_SCALED, 1))


@pytest.fixture
def reference_copy(tmp_path, monkeypatch) -> Path:
    """The engine reads given modules from a copy with the probe constant (the real dlutils
    is never edited)."""
    folder = _copy_reference(tmp_path)
    _add_constant_to_losses(folder)
    monkeypatch.setattr(course, "reference_dir", lambda: folder)
    return folder


def test_a_module_constant_reaches_the_worker(reference_copy):
    """The worker runs the copy: its constant is there, read through the given module."""
    cells = [
        ("preamble", engine.worker_preamble(APPLICATION)),
        ("probe", "from dlutils import losses\ndef probe():\n    return losses._EPS_SCALE\n"),
    ]
    with WorkerSession(cells) as session:
        session.given_files = engine.given_files(APPLICATION)
        statuses = session.start()
        assert all(status.ok for status in statuses), statuses
        assert session.call("probe", [], {}).value == 1.0


@pytest.mark.slow
def test_the_constant_probe_keeps_full_marks(reference_copy):
    """A given function that reads a module constant: the instructor's solution keeps full
    marks (with given functions sent as source, this was 0 / 9 with NameError)."""
    report = grade(submission(APPLICATION), APPLICATION)
    failed = [f"{test.name}: {test.message[:300]}" for test in report.tests if not test.passed]
    assert report.max_score > 0 and report.score == report.max_score, failed


# -- every given set: closed under imports, no graded function ---------------------------------


def _numpy_only_site(tmp_path: Path) -> Path:
    """A folder holding numpy (and its bundled libraries) and nothing else."""
    site_dir = tmp_path / "numpy-only"
    site_dir.mkdir()
    for entry in sandbox.numpy_entries(sandbox.numpy_site_directory()):
        (site_dir / entry.name).symlink_to(entry)
    return site_dir


def _given_folder(tmp_path: Path, assignment: str) -> Path:
    folder = tmp_path / "given"
    (folder / "dlutils").mkdir(parents=True)
    (folder / "dlutils" / "__init__.py").write_text("")
    for path in engine.given_files(assignment):
        shutil.copyfile(path, folder / "dlutils" / path.name)
    return folder


STAR_IMPORT_PROBE = """
import json, sys
sys.path[:0] = sys.argv[1:3]
namespace = {}
for name in json.loads(sys.argv[3]):
    exec(f"from dlutils.{name} import *", namespace)
print(json.dumps(sorted(name for name in namespace if name != "__builtins__")))
print(json.dumps(sorted(name for name in sys.modules if name.split(".")[0] == "dlutils")))
"""


@pytest.mark.parametrize("assignment", course.known_assignments())
def test_the_given_set_imports_with_numpy_alone(assignment, tmp_path):
    """In a fresh ``python -I`` whose path holds only the given folder and numpy, every given
    module star-imports (so none needs tqdm, matplotlib or a module that is not given), and
    what it brings in names no function graded in the assignment."""
    given = course.given_modules(assignment)
    result = subprocess.run(
        [
            sys.executable,
            "-I",
            "-S",
            "-c",
            STAR_IMPORT_PROBE,
            str(_given_folder(tmp_path, assignment)),
            str(_numpy_only_site(tmp_path)),
            json.dumps(given),
        ],
        capture_output=True,
        text=True,
        cwd=tmp_path,
        env={"PATH": os.environ.get("PATH", "/usr/bin"), "OPENBLAS_NUM_THREADS": "1"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    names_line, modules_line = result.stdout.splitlines()[-2:]
    assert set(json.loads(modules_line)) <= {"dlutils"} | {f"dlutils.{m}" for m in given}
    assert not set(json.loads(names_line)) & set(graded_functions(assignment))


@pytest.mark.parametrize("assignment", course.known_assignments())
def test_no_given_module_defines_a_graded_function(assignment):
    graded = set(graded_functions(assignment))
    for path in engine.given_files(assignment):
        tree = ast.parse(path.read_text(), filename=str(path))
        defined = {
            node.name
            for node in tree.body
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef)
        }
        assert not defined & graded, f"{path.name} defines {sorted(defined & graded)}"


@pytest.mark.parametrize("assignment", course.known_assignments())
def test_every_assignment_lists_real_modules(assignment):
    for name in course.given_modules(assignment) + course.notebook_only_modules(assignment):
        assert (course.reference_dir() / f"{name}.py").is_file(), f"{assignment}: {name}"
    assert not set(course.given_modules(assignment)) & set(course.notebook_only_modules(assignment))


def test_a_missing_given_toml_says_what_to_write(tmp_path, monkeypatch):
    monkeypatch.setattr(course, "assignment_dir", lambda assignment: tmp_path)
    with pytest.raises(FileNotFoundError, match=r"modules = \[\]"):
        course.given_modules(APPLICATION)


# -- the rest of dlutils stays out of reach ---------------------------------------------------


def test_a_module_that_is_not_given_cannot_be_imported():
    """Delegating the graded loop to the reference (``dlutils.models``) earns nothing, and the
    report says the import was refused."""
    answers = solution_answers(APPLICATION)
    answers["L_layer_model"] = "from dlutils.models import L_layer_model\n"
    report = grade(submission(APPLICATION, answers, solved=False), APPLICATION)
    scores = report.function_scores()
    assert scores["L_layer_model"][0] == 0
    assert scores["two_layer_model"][0] == scores["two_layer_model"][1] > 0
    notes = "\n".join(report.notes)
    assert "dlutils.models" in notes and "not available while grading" in notes


def test_the_worker_sees_only_the_given_modules():
    """In the worker, ``dlutils`` is the given package: its folder holds exactly the given
    files, and importing any other module of it fails (the import blocker, and no file)."""
    probe = textwrap.dedent(
        """
        import importlib, os
        import dlutils
        def listing():
            return sorted(os.listdir(os.path.dirname(dlutils.__file__)))
        def refused(name):
            try:
                importlib.import_module(name)
            except ImportError as error:
                return str(error)
            return ""
        """
    )
    cells = [("preamble", engine.worker_preamble(APPLICATION)), ("probe", probe)]
    with WorkerSession(cells) as session:
        session.given_files = engine.given_files(APPLICATION)
        assert all(status.ok for status in session.start())
        listing = session.call("listing", [], {}).value
        expected = sorted(["__init__.py"] + [f"{m}.py" for m in course.given_modules(APPLICATION)])
        assert listing == expected
        for name in ("dlutils.models", "dlutils.shallow", "autograder"):
            assert "not available while grading" in session.call("refused", [name], {}).value
        assert session.call("refused", ["dlutils.layers"], {}).value == ""
