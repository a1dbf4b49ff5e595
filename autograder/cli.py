"""``dlcourse``: the command line. It only parses arguments; each verb lives in its own module.

Exit codes (the contract other tools rely on): 0 success / every point earned, 1 some points
lost (``check``) or some submissions failed (``autograde``), 2 bad input or usage.
"""

from __future__ import annotations

import argparse
import sys

# jsonschema (pulled in by nbformat/nbgrader) builds a large grammar at import time when the
# optional rfc3987-syntax package is present: about 3.5 s on every command, for IRI format
# checks nothing here uses. Blocking the import makes jsonschema skip those checks.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

EXIT_OK, EXIT_POINTS_LOST, EXIT_BAD_INPUT = 0, 1, 2


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dlcourse",
        description="Deep-learning course notebooks: self-check, release and isolated grading.",
    )
    verbs = parser.add_subparsers(dest="verb", metavar="COMMAND")

    check = verbs.add_parser("check", help="grade one notebook in full, wherever it lies")
    check.add_argument("notebook", help="path to the .ipynb file")
    check.add_argument("--assignment", help="assignment name (default: read from the notebook)")
    check.add_argument("--json", action="store_true", help="print one JSON object to stdout")

    release = verbs.add_parser("release", help="regenerate assignments/ from solutions/ (nbgrader)")
    release.add_argument("assignment", nargs="?", help="one assignment (default: all)")

    autograde = verbs.add_parser(
        "autograde", help="grade every submission nbgrader knows for an assignment"
    )
    autograde.add_argument("assignment")
    autograde.add_argument(
        "--workers",
        type=int,
        default=None,
        help="parallel grading processes (default: number of CPUs)",
    )
    autograde.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="address of a remote grading scheduler (not available yet)",
    )
    autograde.add_argument(
        "--force", action="store_true", help="regrade submissions that are already graded"
    )
    autograde.add_argument("--no-progress", action="store_true", help="hide the progress bar")

    feedback = verbs.add_parser("feedback", help="write HTML feedback for graded submissions")
    feedback.add_argument("assignment")

    export = verbs.add_parser("export", help="export grades from the gradebook")
    export.add_argument("--format", choices=["csv", "canvas"], default="csv")
    export.add_argument("--output", "-o", help="file to write (default: exports/grades.csv)")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.verb is None:
        parser.print_help()
        return EXIT_BAD_INPUT
    if args.verb == "check":
        from autograder.commands.check import run
    elif args.verb == "release":
        from autograder.commands.release import run
    elif args.verb == "autograde":
        from autograder.commands.autograde import run
    elif args.verb == "feedback":
        from autograder.commands.feedback import run
    else:
        from autograder.commands.export import run
    return run(args)


if __name__ == "__main__":
    sys.exit(main())
