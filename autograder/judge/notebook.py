"""Reading submitted notebooks defensively, and matching their cells to the release.

Everything a submission contains is untrusted: the file may be empty, binary, truncated,
huge, or a valid notebook whose locked cells, points, kernelspec or schema were edited. This
module never executes anything; it returns the answer cells to run and plain-language notes
for everything that was changed. Tests never come from the submission, so edits to locked
and test cells cannot raise a score: they are only reported.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

MAX_NOTEBOOK_BYTES = 100 * 2**20
MAX_CELLS = 20_000


class NotebookError(Exception):
    """The file is not a notebook we can grade; the message says what to do."""


def read_notebook(path: str | Path) -> dict:
    """Load and sanity-check a notebook file; raise :class:`NotebookError` with a clear fix."""
    return notebook_from_bytes(read_notebook_bytes(path), str(path))


def read_notebook_bytes(path: str | Path) -> bytes:
    """The file's bytes, refused (:class:`NotebookError`) when missing, not a regular file,
    empty or over :data:`MAX_NOTEBOOK_BYTES`, before anything is read. Apart from
    :func:`notebook_from_bytes` so that a cluster client can send the bytes to a remote judge."""
    path = Path(path)
    if not path.exists():
        raise NotebookError(f"{path} does not exist; check the path")
    if path.is_dir():
        raise NotebookError(f"{path} is a directory; give the path of the .ipynb file inside it")
    if not path.is_file():
        raise NotebookError(f"{path} is not a regular file")
    size = path.stat().st_size
    if size <= MAX_NOTEBOOK_BYTES:
        with path.open("rb") as file:
            # one byte past the cap: a file that grew since the size check is refused too
            raw = file.read(MAX_NOTEBOOK_BYTES + 1)
        size = len(raw)
    if size == 0:
        raise NotebookError(f"{path} is empty (0 bytes); save the notebook again from Jupyter")
    if size > MAX_NOTEBOOK_BYTES:
        raise NotebookError(
            f"{path} is {size / 2**20:.0f} MiB, more than the {MAX_NOTEBOOK_BYTES // 2**20} MiB "
            "a notebook may have; clear its outputs (Edit > Clear Outputs of All Cells) and save"
        )
    return raw


def notebook_from_bytes(raw: bytes, where: str = "the notebook") -> dict:
    """Decode and parse a notebook file's bytes (``where`` names it in messages)."""
    if b"\x00" in raw[:4096]:
        raise NotebookError(f"{where} is a binary file, not a notebook (.ipynb is JSON text)")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise NotebookError(
            f"{where} is not UTF-8 text (byte {error.start} is invalid); re-save it from Jupyter"
        ) from None
    return parse_notebook(text, where)


def parse_notebook(text: str, where: str = "the notebook") -> dict:
    try:
        notebook = json.loads(text)
    except json.JSONDecodeError as error:
        hint = (
            " (the file looks truncated: was the upload or copy interrupted?)"
            if error.pos >= len(text) - 2
            or (text.lstrip().startswith("{") and not text.rstrip().endswith("}"))
            else ""
        )
        raise NotebookError(
            f"{where} is not valid JSON: {error.msg} at line {error.lineno}, column "
            f"{error.colno}{hint}"
        ) from None
    except RecursionError:
        raise NotebookError(
            f"{where} is not a notebook: its JSON is nested too deeply to read"
        ) from None
    if type(notebook) is not dict or "cells" not in notebook:
        raise NotebookError(f"{where} is JSON but not a Jupyter notebook (no 'cells' list)")
    if notebook.get("nbformat") != 4:
        raise NotebookError(
            f"{where} has nbformat {notebook.get('nbformat')!r}; only version 4 notebooks are "
            "graded. Open and save it in JupyterLab to convert it"
        )
    cells = notebook["cells"]
    if type(cells) is not list:
        raise NotebookError(f"{where} has a 'cells' entry that is not a list")
    if len(cells) > MAX_CELLS:
        raise NotebookError(
            f"{where} has {len(cells)} cells, more than the {MAX_CELLS} allowed; delete the "
            "extra cells and resubmit"
        )
    for index, cell in enumerate(cells):
        if type(cell) is not dict or type(cell.get("cell_type")) is not str:
            raise NotebookError(f"cell {index + 1} of {where} is malformed (no cell_type)")
        source = cell.get("source", "")
        if type(source) is list:
            if not all(type(line) is str for line in source):
                raise NotebookError(f"cell {index + 1} of {where} has a malformed source")
        elif type(source) is not str:
            raise NotebookError(f"cell {index + 1} of {where} has a malformed source")
    return notebook


def cell_source(cell: dict) -> str:
    source = cell.get("source", "")
    return "".join(source) if type(source) is list else source


def nbgrader_meta(cell: dict) -> dict:
    metadata = cell.get("metadata")
    if type(metadata) is not dict:
        return {}
    meta = metadata.get("nbgrader")
    return meta if type(meta) is dict else {}


def grade_id(cell: dict) -> str | None:
    value = nbgrader_meta(cell).get("grade_id")
    return value if type(value) is str else None


def assignment_of(notebook: dict) -> str | None:
    """The assignment name written into the notebook's metadata at release."""
    metadata = notebook.get("metadata")
    if type(metadata) is dict:
        info = metadata.get("dlcourse")
        if type(info) is dict and type(info.get("assignment")) is str:
            return info["assignment"]
    return None


_HIDDEN = re.compile(
    r"^[ \t]*### BEGIN HIDDEN TESTS.*?^[ \t]*### END HIDDEN TESTS[^\n]*\n?", re.S | re.M
)


def without_hidden_tests(source: str) -> str:
    """The source as the release shows it: hidden-test regions removed."""
    return _HIDDEN.sub("", source).rstrip()


_MAGIC = re.compile(r"^(\s*)[%!].*$", re.MULTILINE)


def strip_magics(source: str) -> str:
    """Replace IPython magics and shell escapes (``%time``, ``!pip``) by ``pass``."""
    return _MAGIC.sub(lambda m: f"{m.group(1)}pass  # IPython magic skipped while grading", source)


def answer_cells(submission: dict, release: dict) -> tuple[list[tuple[str, str]], list[str]]:
    """The answer cells to run, in the submission's order, and notes on everything edited.

    Answer cells are those the release marks ``solution: true``; they are matched by
    ``grade_id``. Locked cells are compared with the release only to report edits.
    """
    notes: list[str] = []
    released = {grade_id(cell): cell for cell in release["cells"] if grade_id(cell)}
    by_id: dict[str, list[dict]] = {}
    for cell in submission["cells"]:
        cell_id = grade_id(cell)
        if cell_id:
            by_id.setdefault(cell_id, []).append(cell)

    for cell_id in by_id:
        if cell_id not in released:
            notes.append(
                f"The cell {cell_id!r} is not part of this assignment's release and was ignored."
            )

    chosen: dict[str, dict] = {}
    for cell_id, original in released.items():
        meta = nbgrader_meta(original)
        copies = by_id.get(cell_id, [])
        is_answer = bool(meta.get("solution"))
        kind = "answer" if is_answer else ("test" if meta.get("grade") else "locked")
        if not copies:
            if is_answer:
                notes.append(
                    f"The answer cell {cell_id!r} is missing (deleted, or its metadata was "
                    "removed); the functions it defines score 0. Copy it back from the release."
                )
            else:
                notes.append(
                    f"The {kind} cell {cell_id!r} was deleted; grading does not use it, so "
                    "this changes nothing."
                )
            continue
        if len(copies) > 1:
            notes.append(
                f"The {kind} cell {cell_id!r} appears {len(copies)} times; "
                + ("the last copy was graded." if is_answer else "the extra copies were ignored.")
            )
        cell = copies[-1]
        if cell.get("cell_type") != original.get("cell_type"):
            notes.append(
                f"The {kind} cell {cell_id!r} was changed from {original.get('cell_type')} to "
                f"{cell.get('cell_type')}"
                + ("; it was not run, so its functions score 0." if is_answer else "; ignored.")
            )
            continue
        submitted_meta = nbgrader_meta(cell)
        if "points" in meta and submitted_meta.get("points") != meta.get("points"):
            notes.append(
                f"The points of cell {cell_id!r} were edited in the file; points come from the "
                "course, so this was ignored."
            )
        if submitted_meta.get("schema_version") != meta.get("schema_version"):
            notes.append(f"The nbgrader schema version of cell {cell_id!r} was edited; ignored.")
        if is_answer:
            chosen[cell_id] = cell
        elif without_hidden_tests(cell_source(cell)) != without_hidden_tests(cell_source(original)):
            notes.append(
                f"The locked {kind} cell {cell_id!r} was edited; tests and setup come from the "
                "course, so the edit has no effect."
            )

    release_kernel = (release.get("metadata") or {}).get("kernelspec")
    submitted_metadata = submission.get("metadata")
    submitted_kernel = (
        submitted_metadata.get("kernelspec") if type(submitted_metadata) is dict else None
    )
    if release_kernel and submitted_kernel != release_kernel:
        notes.append(
            "The notebook's kernelspec was changed; grading always uses the course's Python."
        )

    order = [grade_id(cell) for cell in submission["cells"]]
    ordered = sorted(chosen, key=lambda cell_id: _last_index(order, cell_id))
    cells = [(cell_id, strip_magics(cell_source(chosen[cell_id]))) for cell_id in ordered]
    return cells, notes


def _last_index(items: list, value) -> int:
    return len(items) - 1 - items[::-1].index(value)
