"""Every solution notebook runs top to bottom; every release fails only at a stub.

A release executed as a learner receives it stops at the first unimplemented function: the
first error must be the stub's NotImplementedError, never a broken setup cell, a missing
dataset or a helper that the release forgot.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from nbclient.exceptions import CellExecutionError

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from time_notebooks import run_notebook  # noqa: E402

SOLUTIONS = sorted((REPO / "solutions").glob("*/*.ipynb"))
RELEASES = sorted((REPO / "assignments").glob("*/*.ipynb"))


@pytest.mark.slow
@pytest.mark.parametrize("path", SOLUTIONS, ids=[p.parent.name for p in SOLUTIONS])
def test_solution_notebook_runs_top_to_bottom(path):
    notebook, _ = run_notebook(path)
    errors = [
        o
        for c in notebook.cells
        if c.cell_type == "code"
        for o in c.outputs
        if o.output_type == "error"
    ]
    assert not errors


@pytest.mark.slow
@pytest.mark.parametrize("path", RELEASES, ids=[p.parent.name for p in RELEASES])
def test_release_fails_only_with_not_implemented(path):
    try:
        run_notebook(path)
    except CellExecutionError as error:
        # the first stub raises, or the self-check under it says so (it raises, for Validate)
        stub = error.ename == "NotImplementedError" or (
            error.ename == "SelfCheckFailed" and "is not implemented yet" in str(error)
        )
        assert stub, f"{path.name}: {error.ename}: {error.evalue}"
    else:
        # quizzes have no stubs: an unanswered quiz runs through
        assert "quiz" in path.parent.name, f"{path.name} ran without reaching a stub"
