"""``dlcourse check NOTEBOOK``: grade one notebook in full and report.

Whatever reaches the terminal goes through :func:`autograder.judge.report.printable`: a student's
exception message cannot clear the screen, retitle the window or print a fake score. With
``--json`` the message and note strings are cleaned the same way (JSON escaping alone would
hand a raw ESC to whoever prints the decoded string).
"""

from __future__ import annotations

from autograder.judge.report import printable

EXIT_OK, EXIT_POINTS_LOST, EXIT_BAD_INPUT = 0, 1, 2


def clean_json(report_json: dict) -> dict:
    """The report's JSON with its student-reachable strings (messages, notes) made printable."""
    out = dict(report_json)
    out["tests"] = [
        {**test, "message": printable(test.get("message", ""))}
        for test in report_json.get("tests", [])
    ]
    out["notes"] = [printable(note) for note in report_json.get("notes", [])]
    return out
