"""``make demo``: the instructor flow end to end on sample submissions.

1. release every assignment (``dlcourse release``);
2. write sample submissions into ``submitted/``: full marks, one classic mistake, the blank
   release, and one that monkeypatches numpy to fake its comparisons;
3. ``dlcourse autograde`` each assignment that has samples;
4. ``dlcourse feedback`` and ``dlcourse export``, then print the gradebook table.
"""

from __future__ import annotations

import json
import shutil
import sys
import time

from autograder import cli, course, samples

# One classic mistake per assignment: (function, text in the solution, replacement, label).
CLASSIC_MISTAKES = {
    "C1W3_planar_classification": (
        "backward_propagation",
        "db1 = np.sum(dZ1, axis=1, keepdims=True) / m",
        "db1 = np.sum(dZ1, axis=1, keepdims=True)",
        "forgot 1/m in db1",
    ),
}


def write_samples(assignment: str) -> list[str]:
    """Write the four sample submissions; returns their student ids."""
    root = course.course_root()
    students = {
        "ada_full_marks": samples.submission(assignment),
        "ben_blank": samples.submission(assignment, solved=False),
        "eve_monkeypatch": samples.monkeypatching_submission(assignment),
    }
    mistake = CLASSIC_MISTAKES.get(assignment)
    if mistake:
        function, old, new, _ = mistake
        students["cal_classic_mistake"] = samples.with_replacement(assignment, function, old, new)
    for student, notebook in students.items():
        folder = root / "submitted" / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{assignment}.ipynb").write_text(
            json.dumps(notebook, indent=1), encoding="utf-8"
        )
    return sorted(students)


def gradebook_table() -> str:
    from autograder.commands.export import collect

    root = course.course_root()
    assignments, students, scores = collect(f"sqlite:///{root / 'gradebook.db'}")
    names = [name for name, _ in assignments if any((s[0], name) in scores for s in students)]
    width = max([len("student")] + [len(s[0]) for s in students])
    header = "student".ljust(width) + "".join(f"  {name[:26]:>26}" for name in names)
    lines = [header, "-" * len(header)]
    for student in students:
        cells = []
        for name in names:
            entry = scores.get((student[0], name))
            cells.append(f"  {f'{entry[0]:g} / {entry[1]:g}' if entry else '-':>26}")
        lines.append(student[0].ljust(width) + "".join(cells))
    return "\n".join(lines)


def main() -> int:
    started = time.perf_counter()
    root = course.course_root()
    for folder in ("submitted", "autograded", "feedback"):
        shutil.rmtree(root / folder, ignore_errors=True)
    (root / "gradebook.db").unlink(missing_ok=True)

    print("== 1. release: solutions/ -> assignments/ (nbgrader generate_assignment)")
    if cli.main(["release"]) != 0:
        return 1
    graded = [name for name in course.known_assignments() if course.release_notebook(name).exists()]
    print("\n== 2. sample submissions")
    for assignment in graded:
        print(f"  {assignment}: {', '.join(write_samples(assignment))}")
    print("\n== 3. autograde (isolated, sandboxed, parallel)")
    for assignment in graded:
        cli.main(["autograde", assignment])
    print("\n== 4. feedback and export")
    for assignment in graded:
        cli.main(["feedback", assignment])
    cli.main(["export"])
    cli.main(["export", "--format", "canvas"])
    print("\n== Gradebook")
    print(gradebook_table())
    print(f"\nFeedback: {root / 'feedback'}/<student>/<assignment>/<assignment>.html")
    print(f"Exports:  {root / 'exports'}/grades.csv and canvas.csv")
    print(f"Demo finished in {time.perf_counter() - started:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
