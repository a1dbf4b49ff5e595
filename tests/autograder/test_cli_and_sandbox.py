"""The command-line contract, both sandbox paths, the self-check and the release sync."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from autograder import api, course
from autograder.judge import sandbox
from autograder.kit import mistakes
from autograder.kit.authoring import suite_points
from autograder.kit.scoring import total
from autograder.kit.suitecheck import graded_functions
from autograder.learner.errors import SelfCheckFailed
from autograder.learner.selfcheck import SelfCheck
from autograder.samples import submission
from tests.autograder.helpers import graded_sample

A = "C1W3_planar_classification"
DLCOURSE = [sys.executable, "-m", "autograder.cli"]


def run_cli(*args, env=None, cwd=None):
    environment = dict(os.environ, DLCOURSE_SECRET="cli-test", **(env or {}))
    return subprocess.run(
        [*DLCOURSE, *args], capture_output=True, text=True, env=environment, cwd=cwd, timeout=300
    )


def write(tmp_path: Path, notebook: dict, name: str = "submission.ipynb") -> Path:
    path = tmp_path / name
    path.write_text(json.dumps(notebook))
    return path


def test_check_full_marks_exit_0_and_json_contract(tmp_path):
    result = run_cli("check", str(write(tmp_path, submission(A))), "--json")
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert set(report) == {"assignment", "score", "max_score", "tests", "notes"}
    assert report["assignment"] == A and report["score"] == report["max_score"] > 0
    for test in report["tests"]:
        assert set(test) == {"function", "name", "points", "max_points", "passed", "message"}


def test_check_blank_release_exit_1(tmp_path):
    result = run_cli("check", str(write(tmp_path, submission(A, solved=False))))
    assert result.returncode == 1
    suite_total = total(suite_points(A, f) for f in graded_functions(A))
    assert f"0 / {suite_total:g} points" in result.stdout
    assert "not implemented yet" in result.stdout


def test_the_api_grades_a_file_and_says_what_to_do_next(tmp_path):
    """The functions under the CLI take plain arguments and return data, or raise BadInput
    with the next step in its message."""
    report = api.grade_notebook(write(tmp_path, submission(A)), student="ada", secret=b"api")
    assert report.assignment == A and report.full_marks
    with pytest.raises(api.BadInput, match="dlcourse release"):
        api.autograde(A, root=tmp_path)  # no release in this course folder
    with pytest.raises(api.BadInput, match="dlcourse autograde"):
        api.feedback(A, root=tmp_path)
    with pytest.raises(api.BadInput, match="release and autograde first"):
        api.export(root=tmp_path)
    with pytest.raises(api.BadInput, match="csv"):
        api.export(format="xlsx", root=tmp_path)
    (tmp_path / "solutions" / A).mkdir(parents=True)
    with pytest.raises(api.BadInput, match=f"available: {A}"):
        api.release(["C9W9_nothing"], root=tmp_path)


def test_check_recognises_the_assignment_from_metadata_wherever_the_file_lies(tmp_path):
    path = write(tmp_path, submission(A), name="my homework (final).ipynb")
    assert run_cli("check", str(path)).returncode == 0


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"{not json", "not valid JSON"),
        (b'{"cells": [], "nbformat": 3}', "nbformat"),
        (b"\x00\x01\x02binary", "binary"),
    ],
    ids=["empty", "not-json", "old-nbformat", "binary"],
)
def test_check_bad_input_exit_2_with_a_clear_message(tmp_path, content, expected):
    path = tmp_path / "bad.ipynb"
    path.write_bytes(content)
    result = run_cli("check", str(path), "--assignment", A)
    assert result.returncode == 2
    assert expected in result.stderr


def test_check_unknown_assignment_and_usage_errors_exit_2(tmp_path):
    path = write(tmp_path, submission(A))
    assert run_cli("check", str(path), "--assignment", "C9W9_nothing").returncode == 2
    assert run_cli().returncode == 2
    assert run_cli("check").returncode == 2


@pytest.mark.parametrize("mode", ["bwrap", "none"])
def test_both_sandbox_paths_grade_the_same(monkeypatch, mode):
    if mode == "bwrap" and sandbox.sandbox_mode() != "bwrap":
        pytest.fail(
            "bubblewrap is not usable here; `make test` installs it (apt-get install "
            "bubblewrap) so that the sandboxed path is tested"
        )
    monkeypatch.setenv("DLCOURSE_SANDBOX", mode)
    report = graded_sample(A)
    assert report.full_marks
    assert report.sandbox == ("bwrap" if mode == "bwrap" else "rlimits")
    weaker = any("without bubblewrap" in note for note in report.notes)
    assert weaker == (mode == "none")


def test_self_check_passes_the_solution_and_explains_a_mistake(capsys):
    namespace: dict = {}
    exec("import numpy as np\nfrom dlutils.activations import sigmoid", namespace)
    from autograder.samples import solution_answers

    answers = solution_answers(A)
    for name in ("layer_sizes", "forward_propagation", "compute_cost"):
        exec(answers[name], namespace)
    check = SelfCheck(A, color=False, folder=course.release_notebook(A).parent / "selfcheck")
    outcome = check.run(namespace["forward_propagation"])
    assert outcome.ok and outcome.total >= 2
    check(namespace["forward_propagation"])
    assert "✓ forward_propagation" in capsys.readouterr().out
    exec(answers["compute_cost"].replace("-np.sum(logprobs) / m", "-np.sum(logprobs)"), namespace)
    with pytest.raises(SelfCheckFailed) as raised:
        check(namespace["compute_cost"])
    shown = "\n".join(raised.value._render_traceback_())  # what Jupyter shows: no traceback
    assert shown.startswith("✗ compute_cost")
    assert "got" in shown and "expected" in shown and mistakes.COST_NO_MEAN in shown
    assert capsys.readouterr().out == ""  # the failure is shown once, as the error


def _files(folder: Path) -> set[Path]:
    return {
        path.relative_to(folder)
        for path in folder.rglob("*")
        if path.is_file() and not {"__pycache__", ".ipynb_checkpoints"} & set(path.parts)
    }


def _close(a, b) -> bool:
    """Equal data, floats to 1e-9: frozen values computed with another BLAS may differ in
    their last bits."""
    if isinstance(a, float) and isinstance(b, float):
        return bool(np.isclose(a, b, rtol=1e-9, atol=1e-12, equal_nan=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_close(a[k], b[k]) for k in a)
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(_close(x, y) for x, y in zip(a, b, strict=True))
    return a == b


def _same_file(new: Path, old: Path) -> bool:
    if new.suffix in (".ipynb", ".json"):
        return _close(json.loads(new.read_text()), json.loads(old.read_text()))
    if new.suffix == ".npz":
        with np.load(new) as fresh, np.load(old) as committed:
            return sorted(fresh.files) == sorted(committed.files) and all(
                fresh[key].shape == committed[key].shape
                and fresh[key].dtype == committed[key].dtype
                and np.allclose(fresh[key], committed[key], rtol=1e-9, atol=1e-12, equal_nan=True)
                if fresh[key].dtype.kind in "fc"
                else np.array_equal(fresh[key], committed[key])
                for key in fresh.files
            )
    return new.read_bytes() == old.read_bytes()


def test_release_is_in_sync_with_solutions(tmp_path):
    """Regenerating the release from solutions/ reproduces every committed file: the notebooks
    (as JSON), and the self-check package, frozen checks, given modules and data that each
    assignment's folder in solutions/ and assignments/ carries."""
    from autograder import api

    root = course.course_root()
    shutil.copytree(root / "solutions", tmp_path / "solutions")
    written = api.release(root=tmp_path)  # every assignment under tmp_path/solutions
    assert written
    for top in ("solutions", "assignments"):
        fresh, committed = _files(tmp_path / top), _files(root / top)
        assert fresh == committed, (
            f"{top}/: run `dlcourse release` and commit; missing {sorted(fresh - committed)[:5]}, "
            f"stale {sorted(committed - fresh)[:5]}"
        )
        for relative in sorted(fresh):
            new, old = tmp_path / top / relative, root / top / relative
            assert _same_file(new, old), f"{top}/{relative} is out of date; run `dlcourse release`"
