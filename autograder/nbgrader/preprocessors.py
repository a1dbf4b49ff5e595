"""nbgrader integration: ``nbgrader autograde`` grades through the isolated engine.

:class:`IsolatedGrade` takes the place of nbgrader's ``Execute`` preprocessor (see
``nbgrader_config.py``). Instead of running the notebook, tests included, in a kernel with
the student's code, it grades the notebook with :func:`autograder.api.grade_submission`
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

from autograder import api
from autograder.judge.notebook import grade_id, nbgrader_meta, without_hidden_tests
from autograder.judge.report import Report
from autograder.kit.scoring import total


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
        student = str(resources["nbgrader"].get("student", ""))
        # ``student`` seeds the hidden cases: one student's cases are not another's
        report = api.grade_submission(plain, assignment, student=student)
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


def _release(assignment: str) -> dict:
    from autograder import course
    from autograder.judge.notebook import read_notebook

    return read_notebook(course.release_notebook(assignment))


def check_student_id(resources) -> str:
    """The student id of this nbgrader run, refused unless it is one ``dlcourse autograde``
    accepts (an id is a folder name the student may choose: HTML, ``..``, options)."""
    from autograder.commands.autograde import STUDENT_ID

    student = str(resources.get("nbgrader", {}).get("student", ""))
    if not STUDENT_ID.fullmatch(student):
        raise ValueError(f"unsafe student id {student!r}; not processed")
    return student


class SanitizeStudentHTML(Preprocessor):
    """Clean every markdown and raw cell that is not the release's, and reduce outputs to text
    (see :mod:`autograder.judge.sanitize`), so no student HTML renders live in the formgrader or the
    feedback pages. Also refuses unsafe student ids. Configured in ``nbgrader_config.py`` for
    ``Autograde`` (the copy the formgrader shows) and ``GenerateFeedback``."""

    enabled = Bool(True, help="nbconvert runs a preprocessor only when it is enabled").tag(
        config=True
    )

    def preprocess(self, nb, resources):
        from autograder.judge.sanitize import sanitize_cells, sanitize_metadata

        check_student_id(resources)
        release = _release(resources["nbgrader"]["assignment"])
        changed = sanitize_cells(nb.cells, release)
        sanitize_metadata(nb, release)
        if changed:
            self.log.info("cleaned %d student cell(s) of HTML", changed)
        return nb, resources


class DropDuplicateCells(Preprocessor):
    """Before nbgrader's own checks: a cell whose nbgrader metadata repeats a grade_id of
    another cell (a pasted or duplicated test cell), or names a cell the release does not have,
    loses its nbgrader metadata and becomes an ordinary cell.

    nbgrader's ``DeduplicateIds`` would set that metadata to ``{}``, which its
    ``CheckCellMetadata`` then rejects with ``SchemaTooOldError``: nbgrader stops the whole
    run there, for every student after this one. As in ``dlcourse autograde``, the last copy
    of a grade_id is kept (nbgrader's ``OverwriteCells`` then restores locked and test cells
    from the source), and the extra copies earn nothing.
    """

    enabled = Bool(True, help="nbconvert runs a preprocessor only when it is enabled").tag(
        config=True
    )

    def preprocess(self, nb, resources):
        check_student_id(resources)
        released = {
            grade_id(cell) for cell in _release(resources["nbgrader"]["assignment"])["cells"]
        } - {None}
        seen: set[str] = set()
        dropped = []
        for cell in reversed(nb.cells):
            metadata = cell.get("metadata")
            if not isinstance(metadata, dict) or "nbgrader" not in metadata:
                continue
            meta = metadata["nbgrader"]
            cell_id = meta.get("grade_id") if isinstance(meta, dict) else None
            if type(cell_id) is str and cell_id in released and cell_id not in seen:
                seen.add(cell_id)
                continue
            del metadata["nbgrader"]
            dropped.append(cell_id if type(cell_id) is str else "?")
        if dropped:
            self.log.warning(
                "%s: ignored %d pasted, duplicated or unknown nbgrader cell(s)",
                resources["nbgrader"]["student"],
                len(dropped),
            )
        return nb, resources


class CheckCellMetadataPerStudent(Preprocessor):
    """nbgrader's ``CheckCellMetadata``, but a schema-version mismatch fails this student only
    (a ``ValidationError``, which nbgrader reports and moves on from) instead of stopping the
    whole run (``SchemaTooOldError`` / ``SchemaTooNewError`` abort it)."""

    enabled = Bool(True, help="nbconvert runs a preprocessor only when it is enabled").tag(
        config=True
    )

    def preprocess(self, nb, resources):
        from nbgrader.nbgraderformat import MetadataValidator, ValidationError
        from nbgrader.nbgraderformat.common import SchemaMismatchError

        try:
            MetadataValidator().validate_nb(nb)
        except (SchemaMismatchError, ValidationError) as error:
            self.log.error("nbgrader metadata of this notebook is invalid: %s", error)
            raise ValidationError(
                "Notebook failed to validate; the nbgrader metadata may be corrupted."
            ) from None
        return nb, resources


def safe_existing_timestamp(coursedir, dest_path: str):
    """Replacement for nbgrader's ``CourseDirectory.get_existing_timestamp``.

    nbgrader's own reader follows a symlinked ``timestamp.txt`` (the secret's text then
    appears in its error), blocks on a FIFO, reads a file of any size, and stops the whole
    run on a value it cannot parse. This one is ``dlcourse autograde``'s reader: it never
    raises, and an unusable time is replaced by the collection time with a warning that
    never quotes the file. ``nbgrader_config.py`` installs it.
    """
    from pathlib import Path

    from autograder.commands.autograde import read_timestamp
    from autograder.judge.report import printable

    when, note = read_timestamp(Path(dest_path))
    if note:
        coursedir.log.warning("%s: %s", printable(dest_path, newlines=False), note)
    return when
