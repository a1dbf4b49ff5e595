"""Benchmark: `dlcourse autograde` vs plain `nbgrader autograde` on the same C1W3 submissions.

Prints figures; it is not a test. Both runs grade the same N submissions (correct variants,
classic mistakes, blank releases) of C1W3_planar_classification in temporary courses:

- plain nbgrader, as it ships: every notebook runs top to bottom in a kernel, and the tests
  run in that kernel (each locked test cell runs the suite's public and hidden-style cases
  through the in-kernel check, which raises on failure);
- dlcourse: answer cells only, in the sandboxed worker, judged by the same suite with hidden
  cases, in parallel, writing the same gradebook.

It also measures the fixed cost of one `dlcourse autograde` run (everything but grading the
submissions): with one grading process, T(1) and T(N) are timed end to end and the fixed cost
is the intercept of the line through them, T(1) - (T(N) - T(1)) / (N - 1). And it times
`dlcourse check` end to end on one notebook and the in-kernel self-check call.

    .venv/bin/python scripts/bench_grading.py [--submissions 20] [--workers 2] [--skip-plain]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from autograder import course, samples  # noqa: E402

A = "C1W3_planar_classification"
PLAIN_CONFIG = """
c = get_config()
c.CourseDirectory.root = {root!r}
c.CourseDirectory.course_id = "plain"
c.CourseDirectory.source_directory = "solutions"
c.CourseDirectory.release_directory = "assignments"
c.CourseDirectory.db_url = "sqlite:///" + {root!r} + "/gradebook.db"
"""

VARIANTS = [
    ("correct", {}),
    ("correct_np_dot", {"forward_propagation": ("Z1 = W1 @ X + b1", "Z1 = np.dot(W1, X) + b1")}),
    ("forgot_m", {"backward_propagation": ("dW1 = dZ1 @ X.T / m", "dW1 = dZ1 @ X.T")}),
    ("sigmoid_hidden", {"forward_propagation": ("A1 = np.tanh(Z1)", "A1 = sigmoid(Z1)")}),
    ("blank", None),
]


def make_submissions(count: int) -> dict[str, dict]:
    answers = samples.solution_answers(A)
    made = {}
    for index in range(count):
        label, change = VARIANTS[index % len(VARIANTS)]
        if change is None:
            notebook = samples.submission(A, solved=False)
        else:
            chosen = dict(answers)
            for function, (old, new) in change.items():
                chosen[function] = chosen[function].replace(old, new, 1)
            notebook = samples.submission(A, chosen, solved=False)
        made[f"s{index:02d}_{label}"] = notebook
    return made


def prepare(root: Path, config: str, submissions: dict[str, dict]) -> None:
    (root / "solutions").mkdir(parents=True)
    shutil.copytree(course.source_notebook(A).parent, root / "solutions" / A)
    (root / "nbgrader_config.py").write_text(config)
    for student, notebook in submissions.items():
        folder = root / "submitted" / student / A
        folder.mkdir(parents=True)
        (folder / f"{A}.ipynb").write_text(json.dumps(notebook))


def environment(root: Path) -> dict:
    scripts = str(Path(sys.executable).parent)
    return dict(
        os.environ,
        DLCOURSE_ROOT=str(root),
        DLCOURSE_SECRET="bench",
        PATH=scripts + os.pathsep + os.environ["PATH"],
    )


def timed(argv: list[str], root: Path) -> float:
    started = time.perf_counter()
    result = subprocess.run(argv, cwd=root, env=environment(root), capture_output=True, text=True)
    elapsed = time.perf_counter() - started
    if result.returncode not in (0, 1):
        sys.exit(f"{' '.join(argv)} failed:\n{result.stderr[-3000:]}")
    return elapsed


def scores(root: Path) -> dict[str, float]:
    from nbgrader.api import Gradebook

    with Gradebook(f"sqlite:///{root / 'gradebook.db'}") as gradebook:
        return {s.student.id: round(s.score, 3) for s in gradebook.assignment_submissions(A)}


def nbgrader(*args) -> list[str]:
    return [sys.executable, "-m", "nbgrader", *args]


def dlcourse(*args) -> list[str]:
    return [sys.executable, "-m", "autograder.cli", *args]


def self_check_times() -> list[float]:
    from autograder.learner.selfcheck import SelfCheck

    namespace: dict = {}
    exec("import numpy as np\nfrom dlutils.activations import sigmoid", namespace)  # noqa: S102
    for source in samples.solution_answers(A).values():
        exec(source, namespace)  # noqa: S102
    check = SelfCheck(A, color=False, folder=course.release_notebook(A).parent / "selfcheck")
    check.run(namespace["layer_sizes"])  # first call pays the suite import
    times = []
    for name in samples.solution_answers(A):
        started = time.perf_counter()
        outcome = check.run(namespace[name])
        times.append(time.perf_counter() - started)
        assert outcome.ok, name
    return times


def fixed_cost(root: Path, n: int) -> None:
    """Print T(1), T(n) and the intercept, one grading process, regrading from scratch."""

    def run(count: int) -> float:
        shutil.rmtree(root / "autograded", ignore_errors=True)
        parked = root / "parked"
        parked.mkdir(exist_ok=True)
        for folder in sorted((root / "submitted").iterdir())[count:]:
            folder.rename(parked / folder.name)
        try:
            return timed(dlcourse("autograde", A, "--workers", "1", "--no-progress"), root)
        finally:
            for folder in parked.iterdir():
                folder.rename(root / "submitted" / folder.name)

    one = min(run(1) for _ in range(3))
    many = run(n)
    per_submission = (many - one) / (n - 1)
    print(
        f"dlcourse autograde, one grading process: T(1) = {one:.2f} s (best of 3), "
        f"T({n}) = {many:.1f} s, so {per_submission:.2f} s per submission and a fixed cost "
        f"of {one - per_submission:.2f} s per run (target < 2 s)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=20)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--skip-plain", action="store_true", help="time dlcourse only")
    args = parser.parse_args()

    n = args.submissions
    submissions = make_submissions(n)
    work = Path(tempfile.mkdtemp(prefix="bench-grading-"))
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    try:
        ours = work / "ours"
        prepare(ours, (REPO / "nbgrader_config.py").read_text(), submissions)
        plain = work / "plain"
        prepare(plain, PLAIN_CONFIG.format(root=str(plain)), submissions)
        for root in (ours, plain):
            subprocess.run(
                nbgrader("generate_assignment", A, "--force"),
                cwd=root,
                env=environment(root),
                capture_output=True,
                check=True,
            )

        ours_seconds = timed(
            dlcourse("autograde", A, "--workers", str(args.workers), "--no-progress"), ours
        )
        print(
            f"dlcourse autograde ({n} submissions, --workers {args.workers}): "
            f"{ours_seconds:.1f} s total, {ours_seconds / n:.2f} s per submission"
        )
        if not args.skip_plain:
            plain_seconds = timed(nbgrader("autograde", A), plain)
            print(
                f"plain nbgrader autograde ({n} submissions, sequential): "
                f"{plain_seconds:.1f} s total, {plain_seconds / n:.2f} s per submission"
            )
            print(f"ratio (plain / dlcourse): {plain_seconds / ours_seconds:.1f}x (target >= 20x)")
            ours_scores, plain_scores = scores(ours), scores(plain)
            agree = sum(ours_scores[s] == plain_scores.get(s) for s in ours_scores)
            print(
                f"scores agree on {agree}/{n} submissions "
                "(plain nbgrader scores whole cells; dlcourse scores each test case)"
            )

        fixed_cost(ours, n)

        one = work / "one.ipynb"
        one.write_text(json.dumps(submissions[next(iter(submissions))]))
        check_times = [timed(dlcourse("check", str(one)), ours) for _ in range(3)]
        print(
            f"dlcourse check, end to end on one notebook: best {min(check_times):.2f} s, "
            f"median {statistics.median(check_times):.2f} s (target <= 3 s)"
        )
        calls = self_check_times()
        print(
            f"self-check call (in the kernel, per graded function): median "
            f"{statistics.median(calls) * 1000:.0f} ms, max {max(calls) * 1000:.0f} ms "
            "(target <= 300 ms)"
        )
        print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
