"""``dlcourse export [--format csv|canvas]``: grades from nbgrader's gradebook.

``csv`` has one row per student and assignment (nbgrader's columns). ``canvas`` follows
Canvas's gradebook import: Student, ID, SIS User ID, SIS Login ID, Section, then one column per
assignment holding the points.

Both are safe to open in a spreadsheet (OWASP's CSV-injection rule): every cell goes through
:func:`safe_cell`. Text (names, emails, LMS ids, student ids, assignment names) that starts with
``=``, ``+``, ``-``, ``@``, a tab or a CR gets a leading ``'``, so Excel, LibreOffice and Google
Sheets show it as text instead of running it as a formula. Numbers (scores, points) are written
as numbers and left alone: ``-1`` or ``0.5`` is a value, not a formula. A *string* that looks
like a number (an id ``-3``) is still text and still gets its quote: the rule looks at the type,
not at the content, so nothing a student controls can pass as a number.
"""

from __future__ import annotations

import csv
import numbers
from pathlib import Path

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value) -> str:
    """One CSV cell that no spreadsheet runs as a formula (see the module docstring)."""
    if value is None:
        return ""
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return f"{value:g}"
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def _write_safe_csv(path: Path, rows) -> None:
    """Write ``rows`` (the header first) to ``path``, every cell through :func:`safe_cell`."""
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        for row in rows:
            writer.writerow([safe_cell(cell) for cell in row])


def collect(db_url: str):
    """``(assignments, students, scores)`` with ``scores[(student, assignment)] = (score, max)``.

    Students come sorted by last name, first name and id: nbgrader sorts by names only, and
    PostgreSQL returns ties (students without names) in no set order."""
    from nbgrader.api import MissingEntry

    from autograder.gradebook import open_gradebook

    with open_gradebook(db_url) as gradebook:
        assignments = [(a.name, a.max_score) for a in gradebook.assignments]
        students = [
            (s.id, s.first_name or "", s.last_name or "", s.email or "", s.lms_user_id or "")
            for s in gradebook.students
        ]
        students.sort(key=lambda student: (student[2], student[1], student[0]))
        scores = {}
        for name, max_score in assignments:
            for student in students:
                try:
                    submission = gradebook.find_submission(name, student[0])
                except MissingEntry:
                    continue
                scores[(student[0], name)] = (submission.score, max_score, submission.timestamp)
    return assignments, students, scores


def write_csv(path: Path, assignments, students, scores) -> None:
    header = "assignment student_id last_name first_name email timestamp score max_score".split()
    rows = [header]
    for name, max_score in assignments:
        for student_id, first, last, email, _ in students:
            score, _, timestamp = scores.get((student_id, name), (0.0, max_score, None))
            rows.append([name, student_id, last, first, email, timestamp or "", score, max_score])
    _write_safe_csv(path, rows)


def write_canvas(path: Path, assignments, students, scores) -> None:
    names = [name for name, _ in assignments]
    rows = [
        ["Student", "ID", "SIS User ID", "SIS Login ID", "Section", *names],
        ["Points Possible", "", "", "", "", *[max_score for _, max_score in assignments]],
    ]
    for student_id, first, last, _, lms_id in students:
        display = f"{last}, {first}" if (first or last) else student_id
        points = [
            scores[(student_id, name)][0] if (student_id, name) in scores else "" for name in names
        ]
        rows.append([display, lms_id, student_id, student_id, "", *points])
    _write_safe_csv(path, rows)
