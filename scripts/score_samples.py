"""Score the sample submissions of every Course 1 assignment: blank, classic mistakes, wrong.

Prints one row per submission: the assignment, what the submission is, the score and the
points of the function the mistake is in. Used to compare two versions of the grader:

    .venv/bin/python scripts/score_samples.py --write /tmp/samples      # build them once
    .venv/bin/python scripts/score_samples.py --grade /tmp/samples      # grade with this tree
    PYTHONPATH=/path/to/other/checkout DLCOURSE_ROOT=/path/to/other/checkout \\
        .venv/bin/python scripts/score_samples.py --grade /tmp/samples  # ... or another one

The classic mistakes are every assignment's samples (suites/<A>/samples.toml); the wrong
submissions come from tests/autograder/test_scoring.py, so this script needs the repository's
tests folder.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def write(folder: Path) -> None:
    sys.path.insert(0, str(REPO))
    from autograder import course
    from autograder.samples import submission, with_replacement
    from tests.autograder.test_scoring import KINDS, PROGRAMMING, wrong_submission

    for assignment in PROGRAMMING:
        target = folder / assignment
        target.mkdir(parents=True, exist_ok=True)
        (target / "blank.ipynb").write_text(json.dumps(submission(assignment, solved=False)))
        (target / "solution.ipynb").write_text(json.dumps(submission(assignment)))
        for kind in KINDS:
            notebook = wrong_submission(assignment, kind)
            (target / f"every-function-{kind}.ipynb").write_text(json.dumps(notebook))
    catalogue = [(a, sample) for a in course.known_assignments() for sample in course.samples(a)]
    for index, (assignment, sample) in enumerate(catalogue):
        if sample.old:
            notebook = with_replacement(assignment, sample.function, sample.old, sample.new)
        else:
            notebook = submission(assignment, {sample.function: sample.new})
        name = f"mistake-{index:02d}-{sample.function}.ipynb"
        (folder / assignment).mkdir(parents=True, exist_ok=True)
        (folder / assignment / name).write_text(json.dumps(notebook))


def grade(folder: Path) -> None:
    from autograder.judge.engine import grade_submission

    secret = b"score-samples"
    for path in sorted(folder.glob("*/*.ipynb")):
        assignment = path.parent.name
        report = grade_submission(json.loads(path.read_text()), assignment, secret=secret)
        label = path.stem
        detail = ""
        if label.startswith("mistake-"):
            function = label.split("-", 2)[2]
            points, available = report.function_scores()[function]
            detail = f"{function} {points:g} / {available:g}"
        print(
            f"{assignment:28} {label:42} {report.score:8.4g} / {report.max_score:<6g} {detail}",
            flush=True,
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--write", type=Path, metavar="DIR", help="build the submissions")
    group.add_argument("--grade", type=Path, metavar="DIR", help="grade the submissions")
    args = parser.parse_args()
    if args.write:
        write(args.write)
    else:
        grade(args.grade)
    return 0


if __name__ == "__main__":
    sys.exit(main())
