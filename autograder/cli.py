"""``dlcourse``: the command line. Arguments go to :mod:`autograder.api`; results come back as
lines and exit codes.

Exit codes (the contract other tools rely on): 0 success / every point earned, 1 some points
lost (``check``) or some submissions failed (``autograde``), 2 bad input or usage (also: no
course folder found).

The course folder: ``--course DIR`` (before or after the verb), else ``DLCOURSE_ROOT``, else the
nearest folder at or above the current directory that holds ``nbgrader_config.py``; see
:mod:`autograder.course`. ``dlcourse init DIR`` makes one.

The gradebook: ``--db URL`` (before or after the verb; ``release``, ``autograde``, ``feedback``
and ``export``), else ``DLCOURSE_DB_URL``, else ``c.CourseDirectory.db_url`` in the course's
``nbgrader_config.py``, else ``gradebook.db`` (SQLite) in the course folder; see
:func:`autograder.course.gradebook_url`.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

# jsonschema (pulled in by nbformat/nbgrader) builds a large grammar at import time when the
# optional rfc3987-syntax package is present: about 3.5 s on every command, for IRI format
# checks nothing here uses. Blocking the import makes jsonschema skip those checks.
sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]

EXIT_OK, EXIT_POINTS_LOST, EXIT_BAD_INPUT = 0, 1, 2

COURSE_HELP = (
    "the course folder to work on (default: $DLCOURSE_ROOT, else the nearest folder at or "
    "above the current one that holds nbgrader_config.py)"
)


DB_HELP = (
    "the gradebook's database URL, e.g. postgresql://USER@HOST:PORT/DATABASE (default: "
    "$DLCOURSE_DB_URL, else c.CourseDirectory.db_url in nbgrader_config.py, else gradebook.db "
    "in the course folder); keep a password out of it: use ~/.pgpass or $DLCOURSE_DB_URL"
)
DB_VERBS = ("release", "autograde", "feedback", "export")


class CourseVerbs:
    """The verbs' sub-parser collection, each verb also taking ``--course`` (and ``--db`` for
    the verbs that use the gradebook)."""

    def __init__(self, verbs, course: argparse.ArgumentParser, db: argparse.ArgumentParser):
        self.verbs, self.course, self.db = verbs, course, db

    def add_parser(self, name: str, **kwargs) -> argparse.ArgumentParser:
        parents = [self.course, self.db] if name in DB_VERBS else [self.course]
        return self.verbs.add_parser(name, parents=parents, **kwargs)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dlcourse",
        description="Deep-learning course notebooks: self-check, release and isolated grading.",
    )
    parser.add_argument("--course", metavar="DIR", help=COURSE_HELP)
    # --course is accepted after the verb too; SUPPRESS keeps a value given before it.
    course = argparse.ArgumentParser(add_help=False)
    course.add_argument("--course", metavar="DIR", default=argparse.SUPPRESS, help=COURSE_HELP)
    parser.add_argument("--db", metavar="URL", help=DB_HELP)
    db = argparse.ArgumentParser(add_help=False)
    db.add_argument("--db", metavar="URL", default=argparse.SUPPRESS, help=DB_HELP)
    verbs = CourseVerbs(parser.add_subparsers(dest="verb", metavar="COMMAND"), course, db)

    init = verbs.add_parser("init", help="make a new course folder from the shipped curriculum")
    init.add_argument("folder", metavar="DIR", help="a new or empty folder")

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
        help="grade on a Dask cluster: its scheduler's address, e.g. tcp://HOST:8786 (start "
        "workers with `dask worker ADDRESS --nthreads 1 --nworkers N`; --workers is then "
        "ignored; see README.md, 'On a Dask cluster')",
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
    from autograder import api
    from autograder.course import NoCourseFolder, UnknownAssignment
    from autograder.gradebook import GradebookUnavailable
    from autograder.judge.notebook import NotebookError
    from autograder.judge.report import printable

    try:
        if args.course and args.verb != "init":
            use_course(args.course)
        if args.db is not None:
            use_db(args.db, args.verb)
        return VERBS[args.verb](api, args)
    except (
        api.BadInput,
        NotebookError,
        UnknownAssignment,
        NoCourseFolder,
        GradebookUnavailable,
    ) as error:
        if args.verb == "check" and args.json:
            print(json.dumps({"error": printable(error)}))
        print(f"dlcourse {args.verb}: {printable(error)}", file=sys.stderr)
        return EXIT_BAD_INPUT


def use_course(folder: str) -> None:
    """Make ``--course DIR`` the course root of this command and of every process it starts
    (grading pools, nbgrader): it becomes ``DLCOURSE_ROOT``."""
    from pathlib import Path

    from autograder import api, course

    root = Path(folder).expanduser().resolve()
    if not (root / course.COURSE_CONFIG).is_file():
        raise api.BadInput(
            f"--course {folder}: {root} is not a course folder (it has no "
            f"{course.COURSE_CONFIG}); make one with `dlcourse init {folder}`"
        )
    os.environ[course.ENV_ROOT] = str(root)


def use_db(url: str, verb: str) -> None:
    """Make ``--db URL`` the gradebook of this command and of every process it starts
    (grading pools, nbgrader, whose ``nbgrader_config.py`` reads it): it becomes
    ``DLCOURSE_DB_URL``, a plain ``postgresql://`` URL given psycopg 3 as its driver."""
    from autograder import api, course

    if verb not in DB_VERBS:
        raise api.BadInput(f"--db is for {', '.join(DB_VERBS)}; `dlcourse {verb}` has no gradebook")
    from sqlalchemy.engine import make_url

    try:
        make_url(url)
        os.environ[course.ENV_DB_URL] = course.database_url(url)
    except Exception:  # noqa: BLE001 - SQLAlchemy raises several kinds; never echo the text
        raise api.BadInput(
            f"--db {course.shown_url(url)}: not a database URL; write "
            "postgresql://USER@HOST:PORT/DATABASE or sqlite:///PATH"
        ) from None


def _init(api, args) -> int:
    written = api.init(args.folder)
    root = written[0].parent
    print(f"made the course folder {root}: {', '.join(path.name for path in written)}")
    print(f"next: cd {root} && dlcourse release")
    return EXIT_OK


def _check(api, args) -> int:
    from autograder.commands.check import clean_json

    report = api.check(args.notebook, assignment=args.assignment)
    if args.json:
        print(json.dumps(clean_json(json.loads(report.dumps())), indent=2))
    else:
        print(report.render_text(color=sys.stdout.isatty()))
    return EXIT_OK if report.full_marks else EXIT_POINTS_LOST


def _release(api, args) -> int:
    from autograder.course import course_root

    for path in api.release([args.assignment] if args.assignment else None):
        print(f"released {path.relative_to(course_root())}")
    return EXIT_OK


def _autograde(api, args) -> int:
    summary = api.autograde(
        args.assignment,
        workers=args.workers,
        force=args.force,
        progress=not args.no_progress,
        scheduler=args.scheduler,
    )
    print(
        f"{summary.assignment}: graded {summary.graded}, skipped {summary.skipped} already "
        f"graded, {len(summary.failed)} with problems, in {summary.seconds:.1f} s"
    )
    for student, problem in summary.failed:
        print(f"  ! {student}: {problem}")
    if summary.lock_wait_seconds:
        print(f"  (waited {summary.lock_wait_seconds:.1f} s for the gradebook lock)")
    return EXIT_OK if summary.ok else EXIT_POINTS_LOST


def _feedback(api, args) -> int:
    from autograder.course import course_root

    written = api.feedback(args.assignment)
    print(f"wrote {len(written)} feedback file(s) under {course_root() / 'feedback'}")
    return EXIT_OK


def _export(api, args) -> int:
    done = api.export(format=args.format, output=args.output)
    print(f"wrote {done.path} ({done.students} students, {done.assignments} assignments)")
    return EXIT_OK


VERBS = {
    "init": _init,
    "check": _check,
    "release": _release,
    "autograde": _autograde,
    "feedback": _feedback,
    "export": _export,
}


def run() -> None:
    """The ``dlcourse`` program: :func:`main`, then a quick exit.

    Every file is written and closed, and every child process waited for, when :func:`main`
    returns; what is left is the interpreter tearing down the modules nbgrader imports
    (jupyter_server, tornado, SQLAlchemy...), about 0.7 s that no one needs. So the output is
    flushed and the process ends at once with :func:`main`'s exit code."""
    code = main()
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


if __name__ == "__main__":
    run()
