"""Helpers for writing instructor notebooks in nbgrader's source format.

A notebook is written as a list of cells built with these functions and saved with
:func:`write_notebook`. Points of a test cell are taken from the grading suite, so the
notebook and the suite cannot disagree::

    cells = [
        markdown("# Planar data classification"),
        setup("import numpy as np\\n..."),
        answer("layer_sizes", "def layer_sizes(X, Y):\\n    ### BEGIN SOLUTION\\n..."),
        self_check("layer_sizes", assignment="C1W3_planar_classification"),
    ]
    write_notebook(path, cells, assignment="C1W3_planar_classification")
"""

from __future__ import annotations

import json
import re
from pathlib import Path

from autograder import course
from autograder.kit.plugin import function_markers

SCHEMA_VERSION = 3
KERNELSPEC = {"display_name": "Python 3 (ipykernel)", "language": "python", "name": "python3"}


def _cell_id(text: str, used: set[str]) -> str:
    base = re.sub(r"[^A-Za-z0-9_-]+", "-", text).strip("-")[:40] or "cell"
    candidate, n = base, 1
    while candidate in used:
        n += 1
        candidate = f"{base}-{n}"
    used.add(candidate)
    return candidate


def markdown(text: str, *, name: str | None = None) -> dict:
    return {"cell_type": "markdown", "metadata": {}, "source": text.strip("\n"), "_name": name}


def code(source: str, *, name: str | None = None) -> dict:
    """An ordinary code cell (plots, experiments); not graded and not locked."""
    return {"cell_type": "code", "metadata": {}, "source": source.strip("\n"), "_name": name}


def setup(source: str, *, grade_id: str = "setup") -> dict:
    """A locked code cell (imports, data loading)."""
    return _nbgrader_cell("code", source, grade_id, grade=False, solution=False, locked=True)


def answer(grade_id: str, source: str) -> dict:
    """An autograded answer cell; put the solution between ### BEGIN/END SOLUTION."""
    if "### BEGIN SOLUTION" not in source:
        raise ValueError(f"answer cell {grade_id!r} has no ### BEGIN SOLUTION region")
    return _nbgrader_cell("code", source, grade_id, grade=False, solution=True, locked=False)


def suite_points(assignment: str, function: str) -> float:
    """The points the suite of ``assignment`` gives ``function`` (the sum over its tests)."""
    markers = function_markers(course.suite_module(assignment), function)
    points = sum(mark.kwargs["points"] for mark in markers)
    if points <= 0:
        raise ValueError(f"the suite of {assignment} has no graded tests for {function!r}")
    return round(points, 4)


def self_check(function: str, *, assignment: str) -> dict:
    """The locked test cell under an answer: the self-check, and a hidden region."""
    source = (
        f"# Self-check: runs the public cases in this kernel. Your grade comes from the\n"
        f"# isolated grader, which also uses hidden cases.\n"
        f"check({function})\n"
        f"### BEGIN HIDDEN TESTS\n"
        f"# Instructor copy: the whole suite, with sample hidden cases, in this kernel.\n"
        f"check({function}, hidden=True)\n"
        f"### END HIDDEN TESTS"
    )
    return _nbgrader_cell(
        "code",
        source,
        f"test_{function}",
        grade=True,
        solution=False,
        locked=True,
        points=suite_points(assignment, function),
    )


def _nbgrader_cell(kind, source, grade_id, *, grade, solution, locked, points=None) -> dict:
    meta = {
        "grade": grade,
        "grade_id": grade_id,
        "locked": locked,
        "schema_version": SCHEMA_VERSION,
        "solution": solution,
    }
    if points is not None:
        meta["points"] = points
    metadata = {"nbgrader": meta}
    if locked:
        metadata.update({"deletable": False, "editable": False})
    return {
        "cell_type": kind,
        "metadata": metadata,
        "source": source.strip("\n"),
        "_name": grade_id,
    }


def write_notebook(
    path: str | Path, cells: list[dict], *, assignment: str, title: str = ""
) -> None:
    """Write an output-free nbformat 4.5 notebook with stable cell ids."""
    used: set[str] = set()
    out_cells = []
    for cell in cells:
        cell = dict(cell)
        name = cell.pop("_name", None) or cell["source"].split("\n", 1)[0]
        cell_id = _cell_id(name, used)
        source_lines = cell["source"].splitlines(keepends=True)
        new = {
            "cell_type": cell["cell_type"],
            "id": cell_id,
            "metadata": cell["metadata"],
            "source": source_lines,
        }
        if cell["cell_type"] == "code":
            new["execution_count"] = None
            new["outputs"] = []
        out_cells.append(new)
    notebook = {
        "cells": out_cells,
        "metadata": {
            "dlcourse": {"assignment": assignment, "title": title or assignment},
            "kernelspec": KERNELSPEC,
            "language_info": {"name": "python"},
        },
        "nbformat": 4,
        "nbformat_minor": 5,
    }
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(notebook, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
