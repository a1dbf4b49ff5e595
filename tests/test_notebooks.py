"""Every solution notebook runs top to bottom in this project's environment, hidden-test
regions included.

The release as a learner receives it (blank, it fails first at a stub; filled in, every cell
runs) is run in a student environment without this project: tests/test_student_release.py.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "scripts"))

from time_notebooks import run_notebook  # noqa: E402

SOLUTIONS = sorted((REPO / "solutions").glob("*/*.ipynb"))


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
