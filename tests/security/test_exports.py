"""What leaves the grader for other programs: spreadsheets and terminals (issue 9, items 7, 9).

- ``grades.csv`` and ``canvas.csv`` never hold a cell a spreadsheet would run as a formula
  (OWASP's CSV-injection rule: a text cell starting with ``=``, ``+``, ``-``, ``@``, a tab or a
  CR gets a leading ``'``); scores stay plain numbers.
- ``dlcourse check`` never writes a raw control character that came from a student (an
  exception message that clears the screen, retitles the window and prints a fake score).
"""

from __future__ import annotations

import csv
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from autograder.judge import report as reporting
from tests.security import kit

DANGEROUS_STARTS = ("=", "+", "-", "@", "\t", "\r")

ROSTER = [
    # (id, first name, last name, email, LMS id)
    ("s_formula", "=1+1", '=HYPERLINK("http://evil","x")', "=a@b.c", "=2*3"),
    ("s_at", "@SUM(A1)", "Smith", "@evil.example", "@1"),
    ("s_plus", "+cmd|' /C calc'!A0", "Doe", "+1@b.c", "+7"),
    ("s_minus", "-2+3", "-x", "-e@b.c", "-9"),
    ("s_tab", "\tx", "\t=1", "\tmail@b.c", "\t1"),
    ("s_cr", "\rx", "\r=1", "\rmail@b.c", "\r1"),
    ("=1+1", "", "", "", ""),  # ids created by `nbgrader autograde` from folder names
    ("@cmd", "", "", "", ""),
    ("-3+4", "Ann", "Lee", "ann@b.c", "12345"),
    ("plain", "Ann", "Plain", "ann@plain.c", "777"),
]


@pytest.fixture(scope="module")
def hostile_gradebook(tmp_path_factory):
    """A course folder whose gradebook has a hostile roster, an assignment and a few scores,
    built once per module (nbgrader creates a database with alembic: 11-25 s on a busy box)."""
    # nbgrader creates the database with the ``alembic`` command of this environment.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("PATH", str(Path(sys.executable).parent) + os.pathsep + os.environ["PATH"])
        return _fill(tmp_path_factory.mktemp("gradebook") / "course")


@pytest.fixture
def gradebook_course(hostile_gradebook, tmp_path):
    """A private copy of that course, so no test sees another's export or edits."""
    return shutil.copytree(hostile_gradebook, tmp_path / "course")


def _fill(root: Path) -> Path:
    """Create ``root`` and its gradebook with the hostile ROSTER."""
    from nbgrader.api import Gradebook

    root.mkdir()
    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        assignment = gradebook.add_assignment("=HW1")
        notebook = gradebook.add_notebook("=HW1", assignment="=HW1")
        gradebook.add_grade_cell("q1", "=HW1", "=HW1", max_score=5, cell_type="code")
        gradebook.db.commit()
        for student_id, first, last, email, lms in ROSTER:
            gradebook.add_student(
                student_id, first_name=first, last_name=last, email=email, lms_user_id=lms
            )
        for student_id, *_ in ROSTER[:4]:
            gradebook.add_submission("=HW1", student_id)
        assert notebook is not None and assignment is not None
    return root


def export(root: Path, fmt: str) -> list[list[str]]:
    output = root / f"{fmt}.csv"
    env = dict(os.environ, DLCOURSE_ROOT=str(root))
    env.pop("PYTHONPATH", None)
    result = subprocess.run(
        [str(Path(sys.executable).parent / "dlcourse"), "export", "--format", fmt, "-o", output],
        cwd=root,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    with output.open(newline="", encoding="utf-8") as handle:
        return list(csv.reader(handle))


@pytest.mark.parametrize("fmt", ["csv", "canvas"])
def test_no_export_cell_starts_a_formula(gradebook_course, fmt):
    rows = export(gradebook_course, fmt)
    cells = [cell for row in rows for cell in row]
    risky = [cell for cell in cells if cell.startswith(DANGEROUS_STARTS)]
    assert not risky, risky
    # Every hostile value is still there, readable, behind its quote.
    ids = ["'=1+1", "'@cmd", "'-3+4", "'=HW1"]
    if fmt == "csv":
        names = ["'=1+1", "'@SUM(A1)", "'+cmd|' /C calc'!A0", "'-2+3", "'\tx", "'\rx", "'-x"]
        expected = [*ids, *names, "'=a@b.c", "'@evil.example", "'\tmail@b.c"]
    else:  # Canvas shows "last, first" and the LMS id
        expected = [*ids, "'\t=1, \tx", "'\r=1, \rx", "'-x, -2+3", "'=2*3", "'@1", "'\r1"]
    for value in expected:
        assert value in cells, (value, fmt, cells)


def test_scores_stay_numbers(gradebook_course):
    rows = export(gradebook_course, "csv")
    header, body = rows[0], rows[1:]
    score, max_score = header.index("score"), header.index("max_score")
    for row in body:
        float(row[score])
        float(row[max_score])
    canvas = export(gradebook_course, "canvas")
    assert canvas[1][:5] == ["Points Possible", "", "", "", ""]
    assert canvas[1][5] == "5"


def test_negative_and_fractional_numbers_are_written_as_numbers():
    """A genuine number (a score of -1 or 0.5) is not text, so it needs no quote."""
    from autograder.commands.export import safe_cell

    assert safe_cell(-1.0) == "-1"
    assert safe_cell(0.5) == "0.5"
    assert safe_cell(3) == "3"
    assert safe_cell("-1") == "'-1"
    assert safe_cell("=1+1") == "'=1+1"
    assert safe_cell("") == ""
    assert safe_cell(None) == ""
    assert safe_cell("alice") == "alice"


# -- terminal injection ------------------------------------------------------------------------

ESCAPES = "\x1b[2J\x1b]0;pwned\x07\x1b[32m14 / 14 points"
RAISER = kit.code(
    f"""
    def predict(parameters, X):
        raise Exception({ESCAPES!r})
    """
)


def raw_controls(text: str) -> list[str]:
    """Control characters a terminal acts on (newline and tab are layout, not commands)."""
    return [
        ch
        for ch in text
        if (ord(ch) < 0x20 and ch not in "\n\t") or ord(ch) == 0x7F or 0x80 <= ord(ch) <= 0x9F
    ]


def test_check_prints_no_escape_from_an_exception_message(tmp_path):
    path = kit.write_notebook(tmp_path / f"{kit.A}.ipynb", kit.attack(predict=RAISER))
    result = kit.run_check(path)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "pwned" in result.stdout  # the message is shown, defanged
    assert "\x1b" not in result.stdout and "\x07" not in result.stdout
    assert not raw_controls(result.stdout), raw_controls(result.stdout)
    assert not raw_controls(result.stderr)

    as_json = kit.run_check(path, "--json")
    assert as_json.returncode == 1
    assert "\x1b" not in as_json.stdout and "\x07" not in as_json.stdout
    data = json.loads(as_json.stdout)
    strings = [test["message"] for test in data["tests"]] + list(data["notes"])
    for text in strings:
        assert not raw_controls(text), text
    assert any("pwned" in text for text in strings)


def test_render_text_keeps_its_own_colours_and_defangs_student_text():
    report = reporting.Report(assignment="A", notes=["note \x1b[2J\x9b31m with C1 \x7f and a\tb"])
    report.tests.append(
        reporting.TestResult("f", "t", 0.0, 1.0, False, "bad \x1b]0;x\x07\r\x08 end")
    )
    report.tests.append(reporting.TestResult("g", "u", 1.0, 1.0, True, "ok \x1b[31m"))
    for color in (False, True):
        text = report.render_text(color=color)
        ours = ("\x1b[32m", "\x1b[31m", "\x1b[2m", "\x1b[0m")
        stripped = text
        for code in ours:
            stripped = stripped.replace(code, "")
        assert not raw_controls(stripped), raw_controls(stripped)
        assert "\\x1b[2J" in text and "\\x07" in text and "\\x9b" in text and "a\tb" in text
        if color:
            assert "\x1b[32m✓\x1b[0m" in text and "\x1b[31m✗\x1b[0m" in text
