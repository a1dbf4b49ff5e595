"""``make demo``: the instructor flow end to end on sample submissions.

1. release every assignment (``dlcourse release``);
2. write sample submissions into ``submitted/``: full marks, the assignment's first classic
   mistake (``suites/<A>/samples.toml``), the blank release, and one that monkeypatches numpy
   to fake its comparisons;
3. ``dlcourse autograde`` each assignment that has samples;
4. ``dlcourse feedback`` and ``dlcourse export``, then print the gradebook table.
"""

from __future__ import annotations

import json
import shutil
import sys
import time

from autograder import cli, course, samples


def classic_mistake(assignment: str) -> dict | None:
    """The solution with the assignment's first sample mistake planted (``suites/<A>/samples.toml``,
    see :func:`autograder.course.samples`), or None when the assignment has no samples."""
    found = course.samples(assignment)
    if not found:
        return None
    sample = found[0]
    if not sample.old:  # the sample is the whole answer cell
        return samples.submission(assignment, {sample.function: sample.new})
    return samples.with_replacement(assignment, sample.function, sample.old, sample.new)


def write_samples(assignment: str) -> list[str]:
    """Write the sample submissions (full marks, blank, monkeypatching numpy, and the classic
    mistake when the assignment has one); returns their student ids."""
    root = course.course_root()
    students = {
        "ada_full_marks": samples.submission(assignment),
        "ben_blank": samples.submission(assignment, solved=False),
        "eve_monkeypatch": samples.monkeypatching_submission(assignment),
    }
    mistake = classic_mistake(assignment)
    if mistake is not None:
        students["cal_classic_mistake"] = mistake
    for student, notebook in students.items():
        folder = root / "submitted" / student / assignment
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{assignment}.ipynb").write_text(
            json.dumps(notebook, indent=1), encoding="utf-8"
        )
    return sorted(students)


def gradebook_table() -> str:
    """Assignments as rows, students as columns, ``score / max`` in each cell."""
    from autograder.commands.export import collect

    root = course.course_root()
    assignments, students, scores = collect(course.gradebook_url(root))
    names = [name for name, _ in assignments if any((s[0], name) in scores for s in students)]
    ids = [student[0] for student in students]
    first = max([len("assignment")] + [len(name) for name in names])
    widths = [max(len(student), 11) for student in ids]
    header = "assignment".ljust(first) + "".join(
        f"  {student:>{width}}" for student, width in zip(ids, widths, strict=True)
    )
    lines = [header, "-" * len(header)]
    for name in names:
        cells = []
        for student, width in zip(ids, widths, strict=True):
            entry = scores.get((student, name))
            text = f"{entry[0]:g} / {entry[1]:g}" if entry else "-"
            cells.append(f"  {text:>{width}}")
        lines.append(name.ljust(first) + "".join(cells))
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
