"""Sample submissions built from the release: for the demo, the tests and the benchmarks.

A submission is the release notebook with some answer cells filled in: every solution from the
instructor notebook (``solved=True``), then any replacements given by ``grade_id``.
"""

from __future__ import annotations

import copy
import json
import re

from autograder import course
from autograder.judge.notebook import cell_source, grade_id, nbgrader_meta

_SOLUTION = re.compile(
    r"^[ \t]*### BEGIN SOLUTION[^\n]*\n(.*?)^[ \t]*### END SOLUTION[^\n]*\n?", re.S | re.M
)

MONKEYPATCH_NUMPY = """
import numpy as np
np.allclose = lambda *args, **kwargs: True
np.testing.assert_allclose = lambda *args, **kwargs: None
np.array_equal = lambda *args, **kwargs: True
"""


def load_json(path) -> dict:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def solution_answers(assignment: str) -> dict[str, str]:
    """``{grade_id: source}`` of every answer cell of the instructor notebook, markers removed."""
    answers = {}
    for cell in load_json(course.source_notebook(assignment))["cells"]:
        if nbgrader_meta(cell).get("solution"):
            answers[grade_id(cell)] = _SOLUTION.sub(lambda m: m.group(1), cell_source(cell))
    return answers


def submission(assignment: str, answers: dict[str, str] | None = None, *, solved: bool = True):
    """The release notebook with its answer cells filled in (see the module docstring)."""
    notebook = copy.deepcopy(load_json(course.release_notebook(assignment)))
    chosen = solution_answers(assignment) if solved else {}
    chosen.update(answers or {})
    for cell in notebook["cells"]:
        cell_id = grade_id(cell)
        if cell_id in chosen and nbgrader_meta(cell).get("solution"):
            cell["source"] = chosen[cell_id]
    return notebook


def with_replacement(assignment: str, function: str, old: str, new: str) -> dict:
    """The full solution with one textual change in ``function``'s answer cell."""
    answers = solution_answers(assignment)
    if old not in answers[function]:
        raise ValueError(f"{old!r} is not in the solution of {function}")
    answers[function] = answers[function].replace(old, new, 1)
    return submission(assignment, answers, solved=False)


def monkeypatching_submission(assignment: str) -> dict:
    """The blank release plus an answer cell that patches numpy's comparison functions."""
    notebook = submission(assignment, solved=False)
    for cell in notebook["cells"]:
        if nbgrader_meta(cell).get("solution"):
            cell["source"] = MONKEYPATCH_NUMPY + "\n" + cell_source(cell)
            break
    return notebook
