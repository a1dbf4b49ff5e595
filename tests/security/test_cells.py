"""Attacks on the notebook's structure: edited, deleted, duplicated or retyped cells, edited
points, schema versions, kernelspec, and code hidden in cells that are not answer cells.

Tests and points come from the course, cells are matched by ``grade_id`` against the release,
and only answer cells are run, so none of these raises a score; each gets a note.
"""

from __future__ import annotations

import copy

from autograder.samples import submission
from tests.security import kit
from tests.security.kit import attack, cell

EVERYTHING = kit.FUNCTIONS

WRONG_PREDICT = "def predict(parameters, X):\n    return np.zeros((1, X.shape[1]))\n"


def blank() -> dict:
    return submission(kit.A, solved=False)


def test_test_cells_rewritten_to_pass_everything(grade):
    notebook = blank()
    for item in notebook["cells"]:
        meta = item.get("metadata", {}).get("nbgrader", {})
        if meta.get("grade"):
            item["source"] = "print('all tests passed')\n1.0\n"
    report = grade(notebook)
    kit.assert_honest(report, zero=EVERYTHING)
    assert any("'test_predict' was edited" in note for note in report.notes)


def test_test_cells_deleted(grade):
    notebook = submission(kit.A)
    notebook["cells"] = [
        item
        for item in notebook["cells"]
        if not item.get("metadata", {}).get("nbgrader", {}).get("grade")
    ]
    report = grade(notebook)
    kit.assert_honest(report)  # nothing to gain, nothing lost
    assert any("'test_predict' was deleted" in note for note in report.notes)


def test_duplicated_answer_cell_grades_the_last_copy(grade):
    notebook = attack(predict=WRONG_PREDICT)
    right = copy.deepcopy(cell(submission(kit.A), "predict"))
    index = notebook["cells"].index(cell(notebook, "predict"))
    notebook["cells"].insert(index, right)  # a correct copy first, the wrong one last
    report = grade(notebook)
    kit.assert_honest(report, zero=["predict"])
    assert any("'predict' appears 2 times; the last copy was graded" in n for n in report.notes)


def test_duplicated_test_cell_with_extra_points(grade):
    notebook = submission(kit.A, {"predict": WRONG_PREDICT})
    extra = copy.deepcopy(cell(notebook, "test_predict"))
    extra["metadata"]["nbgrader"]["points"] = 50
    notebook["cells"].append(extra)
    report = grade(notebook)
    kit.assert_honest(report, zero=["predict"])
    assert any("'test_predict' appears 2 times" in note for note in report.notes)


def test_answer_cell_retyped_to_markdown_or_raw(grade):
    notebook = submission(kit.A)
    cell(notebook, "predict")["cell_type"] = "markdown"
    cell(notebook, "compute_cost")["cell_type"] = "raw"
    report = grade(notebook)
    # compute_cost is missing, so nn_model (which calls it) fails honestly too.
    kit.assert_honest(report, zero=["predict", "compute_cost", "nn_model"])
    assert any("'predict' was changed from code to markdown" in note for note in report.notes)


def test_test_cell_retyped_to_markdown(grade):
    notebook = submission(kit.A, {"predict": WRONG_PREDICT})
    cell(notebook, "test_predict")["cell_type"] = "markdown"
    report = grade(notebook)
    kit.assert_honest(report, zero=["predict"])
    assert any("'test_predict' was changed" in note for note in report.notes)


def test_points_edited_in_the_json(grade):
    notebook = submission(kit.A, {"predict": WRONG_PREDICT})
    for item in notebook["cells"]:
        meta = item.get("metadata", {}).get("nbgrader")
        if meta and meta.get("grade"):
            meta["points"] = 100
        if meta and meta.get("solution"):
            meta.update(grade=True, points=100)
    report = grade(notebook)
    kit.assert_honest(report, zero=["predict"])  # checks max_score is still 14
    assert any("points of cell 'test_predict' were edited" in note for note in report.notes)


def test_schema_version_edited(grade):
    notebook = submission(kit.A, {"predict": WRONG_PREDICT})
    for item in notebook["cells"]:
        meta = item.get("metadata", {}).get("nbgrader")
        if meta:
            meta["schema_version"] = 99
    report = grade(notebook)
    kit.assert_honest(report, zero=["predict"])
    assert any("schema version of cell 'predict' was edited" in note for note in report.notes)


def test_bonus_cell_with_points_is_ignored_and_not_run(grade):
    notebook = submission(kit.A)
    bonus = copy.deepcopy(cell(notebook, "predict"))
    bonus["metadata"]["nbgrader"].update(grade_id="bonus", grade=True, points=100)
    bonus["source"] = WRONG_PREDICT + "import os\nos._exit(1)\n"
    notebook["cells"].append(bonus)
    report = grade(notebook)
    kit.assert_honest(report)
    assert any("'bonus' is not part of this assignment" in note for note in report.notes)


def test_kernelspec_swapped(grade):
    notebook = submission(kit.A, {"predict": WRONG_PREDICT})
    notebook["metadata"]["kernelspec"] = {
        "name": "evil",
        "display_name": "Evil",
        "language": "python",
        "argv": ["/bin/sh", "-c", "echo pwned"],
    }
    report = grade(notebook)
    kit.assert_honest(report, zero=["predict"])
    assert any("kernelspec was changed" in note for note in report.notes)


def test_locked_cell_turned_into_an_answer_cell_is_not_run(grade):
    notebook = submission(kit.A)
    setup = cell(notebook, "setup")
    setup["metadata"]["nbgrader"].update(solution=True, locked=False)
    setup["source"] = "import os\nos._exit(1)\n"
    report = grade(notebook)
    kit.assert_honest(report)
    assert any("'setup' was edited" in note for note in report.notes)


def test_code_in_unlabelled_cells_is_never_run(grade):
    notebook = submission(kit.A)
    sneaky = {
        "cell_type": "code",
        "metadata": {},
        "execution_count": None,
        "outputs": [],
        "source": WRONG_PREDICT + "def layer_sizes(X, Y):\n    return (0, 0, 0)\n",
    }
    notebook["cells"].append(sneaky)
    notebook["cells"].insert(0, copy.deepcopy(sneaky))
    report = grade(notebook)
    kit.assert_honest(report)


def test_answer_cell_ids_swapped(grade):
    """A learner who moves the predict answer under another grade_id gains nothing: the cell
    is run as that answer, and the tests call functions by name."""
    notebook = submission(kit.A, {"predict": WRONG_PREDICT})
    cell(notebook, "predict")["metadata"]["nbgrader"]["grade_id"] = "layer_sizes_2"
    report = grade(notebook)
    kit.assert_honest(report, zero=["predict"])
    assert any("'predict' is missing" in note for note in report.notes)
