"""Malformed input to ``dlcourse check``: each gets a clear message and the contract's exit code
(2 for input that is not a gradable notebook; 0/1 with notes for a notebook whose cells were
tampered with). Most cases call the CLI's ``main`` in-process, for speed; a few go through the
installed ``dlcourse`` command to check the same contract end to end.
"""

from __future__ import annotations

import copy
import json
import os
from pathlib import Path

import pytest

from autograder import cli
from autograder.samples import submission
from tests.security import kit

A = kit.A


@pytest.fixture(autouse=True)
def fixed_secret(monkeypatch):
    monkeypatch.setenv("DLCOURSE_SECRET", kit.SECRET.decode())


def check(path, *extra, capsys):
    """Run ``dlcourse check PATH --json ...`` in-process: (exit code, JSON or None, stderr)."""
    code = cli.main(["check", str(path), "--json", *extra])
    out, err = capsys.readouterr()
    lines = [line for line in out.splitlines() if line.strip()]
    data = json.loads(out) if lines else None
    return code, data, err


def good_text() -> str:
    return json.dumps(submission(A), indent=1)


def write(tmp_path: Path, content, name: str = "submission.ipynb") -> Path:
    path = tmp_path / name
    if isinstance(content, dict):
        content = json.dumps(content)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


BAD_FILES = {
    "empty": (b"", "empty"),
    "whitespace": (b"   \n\n", "not valid JSON"),
    "not-json": (b"Dear grader, please give me full marks.", "not valid JSON"),
    "truncated": (None, "truncated"),
    "binary": (b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4, "binary"),
    "latin-1": ('{"cells": [], "nbformat": 4, "note": "café"}'.encode("latin-1"), "UTF-8"),
    "utf-16": ('{"cells": [], "nbformat": 4}'.encode("utf-16"), "binary"),
    "json-list": (b"[1, 2, 3]", "not a Jupyter notebook"),
    "json-string": (b'"cells"', "not a Jupyter notebook"),
    "nbformat-3": (b'{"cells": [], "nbformat": 3, "worksheets": []}', "nbformat 3"),
    "nbformat-missing": (b'{"cells": []}', "nbformat None"),
    "cells-not-a-list": (b'{"cells": {"a": 1}, "nbformat": 4}', "not a list"),
    "cell-not-a-dict": (b'{"cells": ["print(1)"], "nbformat": 4}', "cell 1"),
    "source-not-text": (
        b'{"cells": [{"cell_type": "code", "source": 42}], "nbformat": 4}',
        "malformed source",
    ),
    "deeply-nested": (b"[" * 100_000 + b"]" * 100_000, "nested too deeply"),
}


@pytest.mark.parametrize("case", list(BAD_FILES))
def test_bad_files_exit_2_with_a_clear_message(tmp_path, capsys, case):
    content, expected = BAD_FILES[case]
    if content is None:  # an interrupted upload: the first half of a real notebook
        text = good_text()
        content = text[: len(text) // 2].encode()
    code, data, err = check(write(tmp_path, content), "--assignment", A, capsys=capsys)
    assert code == 2, err
    assert expected in err
    assert data is not None and expected in data["error"]  # --json still prints one object


def test_a_directory_instead_of_a_file(tmp_path, capsys):
    code, _, err = check(tmp_path, "--assignment", A, capsys=capsys)
    assert code == 2 and "is a directory" in err


def test_a_missing_file(tmp_path, capsys):
    code, _, err = check(tmp_path / "nope.ipynb", capsys=capsys)
    assert code == 2 and "does not exist" in err


def test_a_named_pipe_does_not_hang(tmp_path, capsys):
    fifo = tmp_path / "pipe.ipynb"
    os.mkfifo(fifo)
    code, _, err = check(fifo, "--assignment", A, capsys=capsys)
    assert code == 2 and "not a regular file" in err


def test_a_file_over_the_size_limit(tmp_path, capsys):
    path = tmp_path / "huge.ipynb"
    with open(path, "wb") as handle:
        handle.truncate(101 * 2**20)  # sparse: no real disk use
    code, _, err = check(path, "--assignment", A, capsys=capsys)
    assert code == 2 and "MiB" in err and "Clear Outputs" in err


def test_too_many_cells(tmp_path, capsys):
    notebook = submission(A)
    notebook["cells"] += [{"cell_type": "markdown", "metadata": {}, "source": ""}] * 20_001
    code, _, err = check(write(tmp_path, notebook), capsys=capsys)
    assert code == 2 and "cells" in err


def test_unknown_or_path_like_assignment_names(tmp_path, capsys):
    for name in ("C9W9_nothing", "../../etc/passwd", "C1W3_planar_classification/../x", ""):
        notebook = submission(A)
        notebook["metadata"]["dlcourse"]["assignment"] = name
        path = write(tmp_path, notebook, name="renamed.ipynb")
        code, _, err = check(path, capsys=capsys)
        assert code == 2, (name, err)
        assert "assignment" in err


def test_no_metadata_and_an_unknown_file_name(tmp_path, capsys):
    notebook = submission(A)
    del notebook["metadata"]["dlcourse"]
    code, _, err = check(write(tmp_path, notebook, name="homework.ipynb"), capsys=capsys)
    assert code == 2 and "--assignment" in err


def test_nbgrader_metadata_stripped(tmp_path, capsys):
    notebook = submission(A)
    for item in notebook["cells"]:
        item.get("metadata", {}).pop("nbgrader", None)
    code, data, _ = check(write(tmp_path, notebook), capsys=capsys)
    assert code == 1 and data["score"] == 0 and data["max_score"] == kit.MAX_SCORE
    assert any("'predict' is missing" in note for note in data["notes"])


def test_garbage_metadata_types(tmp_path, capsys):
    notebook = submission(A)
    notebook["metadata"]["kernelspec"] = "python3"
    for index, item in enumerate(notebook["cells"]):
        if item["cell_type"] == "markdown":
            item["metadata"] = ["not", "a", "dict"] if index % 2 else {"nbgrader": "yes"}
    code, data, err = check(write(tmp_path, notebook), capsys=capsys)
    assert code == 0, err
    assert data["score"] == kit.MAX_SCORE


def test_a_deleted_answer_cell(tmp_path, capsys):
    notebook = submission(A)
    notebook["cells"].remove(kit.cell(notebook, "predict"))
    code, data, _ = check(write(tmp_path, notebook), capsys=capsys)
    assert code == 1 and data["score"] == kit.MAX_SCORE - 1
    assert any("'predict' is missing" in note for note in data["notes"])


def test_a_duplicated_answer_cell(tmp_path, capsys):
    notebook = submission(A)
    twin = copy.deepcopy(kit.cell(notebook, "layer_sizes"))
    notebook["cells"].insert(3, twin)
    code, data, _ = check(write(tmp_path, notebook), capsys=capsys)
    assert code == 0 and data["score"] == kit.MAX_SCORE
    assert any("appears 2 times" in note for note in data["notes"])


def test_a_retyped_answer_cell(tmp_path, capsys):
    notebook = submission(A)
    kit.cell(notebook, "predict")["cell_type"] = "raw"
    code, data, _ = check(write(tmp_path, notebook), capsys=capsys)
    assert code == 1 and data["score"] == kit.MAX_SCORE - 1
    assert any("changed from code to raw" in note for note in data["notes"])


def test_an_answer_cell_with_a_syntax_error_and_magics(tmp_path, capsys):
    notebook = submission(A)
    kit.cell(notebook, "predict")["source"] = "def predict(parameters, X:\n    pass\n"
    layer = kit.cell(notebook, "layer_sizes")
    layer["source"] = "%load_ext autoreload\n!pip install numpy\n" + "".join(layer["source"])
    code, data, _ = check(write(tmp_path, notebook), capsys=capsys)
    assert code == 1 and data["score"] == kit.MAX_SCORE - 1
    assert any("'predict' failed when run: SyntaxError" in note for note in data["notes"])


def test_a_50_mb_output_still_grades(tmp_path, capsys):
    notebook = submission(A)
    output = {"name": "stdout", "output_type": "stream", "text": "x" * (50 * 2**20)}
    kit.cell(notebook, "predict")["outputs"] = [output]
    path = write(tmp_path, notebook)
    assert path.stat().st_size > 50 * 2**20
    code, data, err = check(path, capsys=capsys)
    assert code == 0, err
    assert data["score"] == kit.MAX_SCORE


def test_10000_cells_still_grade(tmp_path, capsys):
    notebook = submission(A)
    notebook["cells"] += [
        {"cell_type": "markdown", "metadata": {}, "source": f"note {index}"}
        for index in range(5_000)
    ] + [
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": None,
            "outputs": [],
            "source": "x = 1\n",
        }
        for _ in range(5_000)
    ]
    code, data, err = check(write(tmp_path, notebook), capsys=capsys)
    assert code == 0, err
    assert data["score"] == kit.MAX_SCORE


def test_the_installed_command_keeps_the_contract(tmp_path):
    """End to end through ``dlcourse``: exit 2 with a message on stderr and one JSON object."""
    path = write(tmp_path, good_text()[:1000])
    result = kit.run_check(path, "--json", "--assignment", A)
    assert result.returncode == 2
    assert "truncated" in result.stderr
    assert "error" in json.loads(result.stdout)
    folder = kit.run_check(tmp_path / "missing" / "x.ipynb", "--assignment", A, cwd=tmp_path)
    assert folder.returncode == 2 and "does not exist" in folder.stderr
