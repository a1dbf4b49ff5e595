"""``dlcourse feedback ASSIGNMENT``: one HTML page per graded submission.

Built from the structured reports only: test names, points and messages (which never contain
hidden expected values), and the notes. No test source, hidden or public, is shown.
"""

from __future__ import annotations

import html

from autograder.judge.report import Report

_STYLE = """
body { font-family: system-ui, sans-serif; max-width: 52rem; margin: 2rem auto; color: #222; }
h1 { font-size: 1.4rem; } table { border-collapse: collapse; width: 100%; }
td, th { border-bottom: 1px solid #ddd; padding: .3rem .5rem; text-align: left; }
.ok { color: #1a7f37; } .bad { color: #b42318; } pre { background: #f6f8fa; padding: .5rem;
white-space: pre-wrap; } .notes li { margin: .3rem 0; }
"""


def render(report: Report, student: str) -> str:
    esc = html.escape
    rows = []
    for function, (points, max_points) in report.function_scores().items():
        css = "ok" if abs(points - max_points) < 1e-9 else "bad"
        rows.append(
            f"<tr><td>{esc(function)}</td><td class='{css}'>{points:g} / {max_points:g}</td></tr>"
        )
    details = []
    for test in report.tests:
        css, word = ("ok", "passed") if test.passed else ("bad", "failed")
        message = f"<pre>{esc(test.message)}</pre>" if test.message else ""
        details.append(
            f"<li><span class='{css}'>{word}</span> <code>{esc(test.name)}</code> "
            f"({test.points:g} / {test.max_points:g}){message}</li>"
        )
    notes = "".join(f"<li>{esc(note)}</li>" for note in report.notes)
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{esc(report.assignment)}: feedback for
{esc(student)}</title><style>{_STYLE}</style></head><body>
<h1>{esc(report.assignment)}: {report.score:g} / {report.max_score:g} points</h1>
<p>Student: <b>{esc(student)}</b>. Hidden cases are random inputs; their expected values are
not shown.</p>
<table><tr><th>function</th><th>points</th></tr>{"".join(rows)}</table>
<h2>Tests</h2><ul>{"".join(details)}</ul>
{f'<h2>Notes</h2><ul class="notes">{notes}</ul>' if notes else ""}
</body></html>
"""
