"""``dlcourse check NOTEBOOK``: grade one notebook in full and report."""

from __future__ import annotations

import json
import sys

from autograder.course import UnknownAssignment
from autograder.notebook import NotebookError

EXIT_OK, EXIT_POINTS_LOST, EXIT_BAD_INPUT = 0, 1, 2


def run(args) -> int:
    from autograder.engine import grade_notebook

    try:
        report = grade_notebook(args.notebook, assignment=args.assignment)
    except (NotebookError, UnknownAssignment) as error:
        if args.json:
            print(json.dumps({"error": str(error)}))
        print(f"dlcourse check: {error}", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args.json:
        print(report.dumps())
    else:
        print(report.render_text(color=sys.stdout.isatty()))
    return EXIT_OK if report.full_marks else EXIT_POINTS_LOST
