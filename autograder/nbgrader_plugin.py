"""nbgrader integration: ``nbgrader autograde`` grades through the isolated engine.

:class:`IsolatedGrade` takes the place of nbgrader's ``Execute`` preprocessor (see
``nbgrader_config.py``). Instead of running the notebook, tests included, in a kernel with
the student's code, it grades the notebook with :func:`autograder.engine.grade_submission`
and writes the result into each test cell as outputs that nbgrader's ``SaveAutoGrades``
understands: a numeric ``execute_result`` (the points earned, nbgrader's partial credit) and
a stdout listing of the tests, their points and messages. No hidden test source or hidden
expected value is ever written.
"""

from __future__ import annotations

import json

import nbformat
from nbconvert.preprocessors import Preprocessor
from traitlets import Bool

from autograder.engine import grade_submission
from autograder.notebook import grade_id, nbgrader_meta, without_hidden_tests
from autograder.report import Report
from autograder.scoring import total


def test_cell_outputs(function: str, report: Report) -> tuple[list[dict], float]:
    """nbformat outputs for the test cell of ``function``, and the points earned."""
    tests = report.by_function().get(function, [])
    points = total(test.points for test in tests)
    max_points = total(test.max_points for test in tests)
    lines = [f"{function}: {points:g} / {max_points:g} points"]
    for test in tests:
        mark = "passed" if test.passed else "FAILED"
        lines.append(f"  {mark:6} {test.name} ({test.points:g}/{test.max_points:g})")
        if test.message:  # failures, and quiz explanations of passed questions
            lines += [f"         {line}" for line in test.message.splitlines()]
    outputs = [
        {"name": "stdout", "output_type": "stream", "text": "\n".join(lines) + "\n"},
        {
            "output_type": "execute_result",
            "execution_count": None,
            "metadata": {},
            "data": {"text/plain": f"{points:g}"},
        },
    ]
    return outputs, points


class IsolatedGrade(Preprocessor):
    """Grade the notebook in the sandboxed engine and record per-test-cell scores."""

    enabled = Bool(True, help="nbconvert runs a preprocessor only when it is enabled").tag(
        config=True
    )

    def preprocess(self, nb, resources):
        assignment = resources["nbgrader"]["assignment"]
        plain = _as_plain(nb)  # the engine's strict readers want plain dicts
        report = grade_submission(plain, assignment)
        resources.setdefault("dlcourse", {})["report"] = report.to_json()
        for cell, plain_cell in zip(nb.cells, plain["cells"], strict=True):
            cell_id = grade_id(plain_cell)
            if cell.cell_type != "code" or not cell_id:
                continue
            if nbgrader_meta(plain_cell).get("grade") and cell_id.startswith("test_"):
                outputs, _ = test_cell_outputs(cell_id[len("test_") :], report)
                cell.outputs = [nbformat.from_dict(output) for output in outputs]
                cell.source = without_hidden_tests(cell.source)
            else:
                cell.outputs = []
        if report.notes:
            self.log.warning("%s: %s", assignment, " | ".join(report.notes))
        return nb, resources


def _as_plain(nb) -> dict:
    return json.loads(nbformat.writes(nb))
