"""The release as a student gets it: self-contained, answer-free, and honest under Validate.

Each released folder (``assignments/<A>/``) is copied out of the repository and run with
``nbgrader validate`` in the student environment of :mod:`tests.student_env`: numpy,
matplotlib, h5py, ipykernel, nbgrader and JupyterLab, and nothing of this project. Validate
executes the whole notebook in that environment's kernel. By default it judges only the graded
and locked cells; for the right and the untouched notebooks it judges every cell
(``validate_all``: a cell that raises or writes to stderr fails), so:

- the solution filled in passes: every cell runs without the project, every self-check passes;
- the untouched release fails, on every self-check cell, each with its compact message, and
  its first failure is a stub (NotImplementedError) or a self-check saying so: never a broken
  setup cell, a missing data file or a module the release forgot;
- a classic mistake fails on its function's self-check, with the grader's hint; for a quiz, an
  answer that is not an offered option fails (a valid but wrong answer passes Validate: the
  release holds no key, so only the grader can tell).

A scan of every released folder then looks for what must not be there: the reference bodies
of the assignment's graded functions, the solution's answer code, and the quiz keys.
"""

from __future__ import annotations

import ast
import concurrent.futures
import functools
import json
import re
import shutil
import tomllib
from pathlib import Path

import pytest

import dlutils
from autograder import course
from autograder.kit import mistakes
from autograder.kit.mistakes import Mistake
from autograder.kit.plugin import graded_function_names
from autograder.samples import solution_answers, submission, with_replacement
from tests.student_env import run_student

ASSIGNMENTS = course.known_assignments()
CATALOGUE_HINTS = {str(value) for value in vars(mistakes).values() if isinstance(value, Mistake)}
SOLUTION_REGION = re.compile(r"### BEGIN SOLUTION[^\n]*\n(.*?)### END SOLUTION", re.S)
PASSED = "Success! Your notebook passes all the tests."
FAILED = "VALIDATION FAILED ON"


def released_copy(assignment: str, folder: Path, notebook: dict | None = None) -> Path:
    """A copy of the released folder (optionally with another notebook in it)."""
    target = folder / assignment
    shutil.copytree(course.release_notebook(assignment).parent, target)
    path = target / f"{assignment}.ipynb"
    if notebook is not None:
        path.write_text(json.dumps(notebook), encoding="utf-8")
    return path


def _wrong(assignment: str) -> tuple[dict, str]:
    """A notebook with one wrong answer, and the self-check call that must fail: a classic
    mistake (the first of ``samples.toml``), or for a quiz an answer that is not an option."""
    if course.is_quiz(assignment):
        answers = solution_answers(assignment)
        answers["q1"] = 'q1 = "z"'
        return submission(assignment, answers), 'check("q1")'
    sample = course.samples(assignment)[0]
    notebook = with_replacement(assignment, sample.function, sample.old, sample.new)
    return notebook, f"check({sample.function})"


VARIANTS = {
    "right": lambda assignment: submission(assignment),
    "blank": lambda assignment: None,
    "wrong": lambda assignment: _wrong(assignment)[0],
}
VERDICT = re.compile(r"(?=Success! Your notebook passes all the tests\.|VALIDATION FAILED ON )")


@pytest.fixture(scope="module")
def validated(tmp_path_factory) -> dict[str, dict[str, str]]:
    """``{variant: {assignment: what nbgrader validate printed}}``: one ``nbgrader validate``
    of every released notebook per variant, in the student environment (one process per
    variant: the notebooks run one after the other, each in its own kernel and folder).

    The three processes run at once: each mostly waits on one kernel, so on two cores they
    take about half the time they take in a row (this fixture is one of the suite's slowest)."""
    root = tmp_path_factory.mktemp("student")
    home = root / "home"
    home.mkdir()
    paths = {
        variant: [released_copy(a, root / variant, build(a)) for a in ASSIGNMENTS]
        for variant, build in VARIANTS.items()
    }

    def validate(variant: str):
        every_cell = [] if variant == "wrong" else ["--Validator.validate_all=True"]
        # nbgrader interrupts a cell after 30 s, and fails one whose output takes 4 s to
        # arrive after it finished: both happen on a busy 2-core machine, and the test is
        # about what fails, not how fast
        patience = ["--Execute.timeout=600", "--Execute.iopub_timeout=120"]
        return run_student(
            ["nbgrader", "validate", *every_cell, *patience, *map(str, paths[variant])],
            cwd=root,
            timeout=1800,
            HOME=str(home),
            MPLBACKEND="agg",
        )

    with concurrent.futures.ThreadPoolExecutor(max_workers=len(VARIANTS)) as pool:
        results = dict(zip(VARIANTS, pool.map(validate, VARIANTS), strict=True))
    reports = {}
    for variant, result in results.items():
        chunks = [chunk for chunk in VERDICT.split(result.stdout) if chunk.strip()]
        assert len(chunks) == len(ASSIGNMENTS), (
            f"nbgrader validate ({variant}) gave {len(chunks)} verdicts for {len(ASSIGNMENTS)} "
            f"notebooks:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
        )
        reports[variant] = dict(zip(ASSIGNMENTS, chunks, strict=True))
    return reports


def check_cells(assignment: str) -> list[str]:
    """The self-check calls of the release: ``check(layer_sizes)`` or ``check("q1")``."""
    notebook = json.loads(course.release_notebook(assignment).read_text(encoding="utf-8"))
    calls = []
    for cell in notebook["cells"]:
        source = "".join(cell["source"])
        calls += [line for line in source.splitlines() if line.startswith("check(")]
    return calls


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_filled_in_release_passes_validate_without_the_project(assignment, validated):
    output = validated["right"][assignment]
    assert output.startswith(PASSED), output[-4000:]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_the_untouched_release_fails_validate_on_every_check(assignment, validated):
    output = validated["blank"][assignment]
    assert output.startswith(FAILED), output[-4000:]
    cells = output.split("The following cell failed:")[1:]
    expected = check_cells(assignment)
    assert expected
    missing = [call for call in expected if not any(call in cell for cell in cells)]
    assert not missing, f"these self-checks did not report a failure: {missing}"
    unanswered = "is not answered yet" if course.is_quiz(assignment) else "is not implemented yet"
    for cell in cells:
        if any(call in cell.split("The error was:")[0] for call in expected):
            assert unanswered in cell, cell
            assert "Traceback" not in cell, f"a self-check failure shows a traceback:\n{cell}"
    # validate_all reports every failing cell in order: the first must be a stub (or a cell
    # calling one), or a self-check saying the function is not implemented yet
    first = cells[0].split("The error was:")[1]
    assert "NotImplementedError" in first or unanswered in first, cells[0]


@pytest.mark.parametrize("assignment", ASSIGNMENTS)
def test_a_wrong_answer_fails_validate_at_its_check(assignment, validated):
    """The failing cell is the wrong function's self-check, with its compact message (the
    message itself is the grader's: tests/autograder/test_frozen_selfcheck.py)."""
    output = validated["wrong"][assignment]
    assert output.startswith(FAILED), output[-4000:]
    call = _wrong(assignment)[1]
    failing = [cell for cell in output.split("The following cell failed:")[1:] if call in cell]
    assert failing, output[-4000:]
    name = call[len("check(") : -1].strip('"')
    assert f"✗ {name}" in failing[0], failing[0]


# -- what a released folder must not hold ------------------------------------------------------


def _code_lines(source: str) -> set[str]:
    """The statements of a function body worth searching for: no docstring, no signature, no
    comment, no line too short to be telling (``return A2``)."""
    tree = ast.parse(source)
    lines = set()
    for node in ast.walk(tree):
        if not isinstance(node, ast.FunctionDef):
            continue
        body = node.body
        if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
            body = body[1:]
        for statement in body:
            for line in ast.unparse(statement).splitlines():
                line = line.strip()
                if len(line) >= 24 and not line.startswith(("#", "return ", "raise ")):
                    lines.add(line)
    return lines


@functools.cache
def _dlutils_functions() -> list[ast.FunctionDef]:
    functions = []
    for module_path in sorted(Path(dlutils.__file__).parent.glob("*.py")):
        tree = ast.parse(module_path.read_text(encoding="utf-8"))
        functions += [node for node in tree.body if isinstance(node, ast.FunctionDef)]
    return functions


def _reference_lines(names: list[str]) -> set[str]:
    """The body lines of every ``dlutils`` function named like a graded function."""
    lines = set()
    for node in _dlutils_functions():
        if node.name in names:
            lines |= _code_lines(ast.unparse(node))
    return lines


def _released_text(folder: Path) -> str:
    """Every text file of a released folder that nbgrader did not write (the notebook's stubs
    are nbgrader's, checked by tests/test_notebooks.py), with code also as ``ast.unparse``
    writes it, so that layout differences do not hide a copied line. A notebook other than the
    assignment's own is scanned too."""
    texts = []
    for path in sorted(folder.rglob("*")):
        if not path.is_file() or path.suffix in (".h5", ".npz", ".pyc"):
            continue
        if path.parent == folder and path.name == f"{folder.name}.ipynb":
            continue
        text = path.read_text(encoding="utf-8")
        if path.suffix == ".ipynb":
            cells = json.loads(text)["cells"]
            text = "\n".join("".join(c["source"]) for c in cells if c["cell_type"] == "code")
        if path.suffix in (".py", ".ipynb"):
            try:
                text += "\n" + ast.unparse(ast.parse(text))
            except SyntaxError:
                pass
        texts.append(text)
    text = "\n".join(texts)
    # The catalogue's hints are shown to learners by design (the frozen checks carry them to
    # match mistakes): a hint may quote the line it corrects.
    for hint in sorted(CATALOGUE_HINTS, key=len, reverse=True):
        text = text.replace(json.dumps(hint)[1:-1], "").replace(hint, "")
    return text


def _answer_lines(assignment: str) -> set[str]:
    """What an answer looks like: the body lines of the reference functions graded in
    ``assignment``, and the lines of the solution regions of its instructor notebook."""
    graded = graded_function_names(course.suite_module(assignment))
    notebook = json.loads(course.source_notebook(assignment).read_text(encoding="utf-8"))
    regions = []
    for cell in notebook["cells"]:
        regions += SOLUTION_REGION.findall("".join(cell["source"]))
    lines = {line.strip() for region in regions for line in region.splitlines()}
    telling = {line for line in lines if len(line) >= 24 and not line.startswith("#")}
    return _reference_lines(graded) | telling


def _release_folder(assignment: str) -> Path:
    return course.release_notebook(assignment).parent


@pytest.mark.parametrize("assignment", [a for a in ASSIGNMENTS if not course.is_quiz(a)])
def test_no_released_folder_holds_an_answer(assignment):
    wanted = _answer_lines(assignment)
    assert len(wanted) >= 5, "the scan found too little to search for"
    released = _released_text(_release_folder(assignment))
    found = sorted(line for line in wanted if line in released)
    assert not found, f"{assignment}'s release holds answer code: {found[:5]}"


@pytest.mark.parametrize("assignment", [a for a in ASSIGNMENTS if course.is_quiz(a)])
def test_no_released_quiz_holds_its_key(assignment):
    folder = _release_folder(assignment)
    released = " ".join(_released_text(folder).split())
    table = tomllib.loads((course.assignment_dir(assignment) / "quiz.toml").read_text())
    data = [path for path in folder.rglob("*.toml")]
    assert data, "the quiz's questions travel as selfcheck/quiz.toml"
    for path in data:
        assert not re.search(r"^\s*\[\s*answers", path.read_text(), re.M), path
    for name, entry in table["answers"].items():
        explanation = " ".join(entry["explanation"].split())
        assert explanation[:60] not in released, name


def test_the_scan_finds_a_planted_reference_module(tmp_path):
    """The scan is not blind: the reference module copied into a release is caught, and so
    is the solution pasted into the notebook."""
    assignment = "C1W3_planar_classification"
    folder = released_copy(assignment, tmp_path).parent
    wanted = _answer_lines(assignment)
    released = _released_text(folder)
    assert not [line for line in wanted if line in released]
    shutil.copyfile(Path(dlutils.__file__).parent / "shallow.py", folder / "dlutils" / "shallow.py")
    released = _released_text(folder)
    assert [line for line in wanted if line in released]
    shutil.rmtree(folder)
    folder = released_copy(assignment, tmp_path).parent
    pasted = folder / "my_answers.ipynb"
    pasted.write_text(json.dumps(submission(assignment)), encoding="utf-8")
    released = _released_text(folder)
    assert [line for line in wanted if line in released]
