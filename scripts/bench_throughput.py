"""Throughput of `dlcourse autograde`: one machine, a Dask cluster on it, and a model of many.

Prints figures; it is not a test. Every run grades the same N C1W3 submissions (correct
variants, classic mistakes, blank releases: `scripts/bench_grading.py` makes them) from scratch
in a temporary course:

1. the local pool with 1 and with 2 grading processes: submissions per minute, and the
   scaling ratio;
2. the same through a Dask scheduler and 2 single-thread workers started on this machine (with
   the worker settings the README recommends: GRADING_WORKER_SETTINGS), and its ratio to the
   local pool;
3. the scheduler's own cost per task (trivial tasks through the same scheduler), and the
   bytes one submission sends and receives;
4. the cost per submission of the one gradebook writer (the client's transaction, report and
   autograded copy), timed on the reports of run 1;
5. a model, from those figures, of 100,000 submissions on 50 two-core workers, with the part
   that limits it.

    .venv/bin/python scripts/bench_throughput.py [--submissions 200] [--skip-dask]
"""

from __future__ import annotations

import argparse
import json
import operator
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "scripts"))

from bench_grading import (  # noqa: E402
    A,
    dlcourse,
    environment,
    make_submissions,
    nbgrader,
    prepare,
)

from autograder.commands.autograde import warm_up  # noqa: E402

MODEL_SUBMISSIONS = 100_000
MODEL_MACHINES = 50
MODEL_CORES = 2
LINK_BYTES_PER_SECOND = 125e6  # a 1 Gbit/s network


def grade(root: Path, *args: str) -> float:
    """Seconds for one `dlcourse autograde` that regrades every submission."""
    shutil.rmtree(root / "autograded", ignore_errors=True)
    started = time.perf_counter()
    result = subprocess.run(
        dlcourse("autograde", A, "--no-progress", *args),
        cwd=root,
        env=environment(root),
        capture_output=True,
        text=True,
    )
    elapsed = time.perf_counter() - started
    if result.returncode != 0:
        sys.exit(
            f"autograde {' '.join(args)} failed:\n{result.stdout[-2000:]}{result.stderr[-3000:]}"
        )
    return elapsed


# The worker settings the README recommends for grading: no profiler (it samples every thread
# every 10 ms and takes the interpreter lock from the grading), slower monitors.
GRADING_WORKER_SETTINGS = {
    "DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED": "False",
    "DASK_DISTRIBUTED__WORKER__MEMORY__MONITOR_INTERVAL": "2s",
    "DASK_DISTRIBUTED__ADMIN__SYSTEM_MONITOR__INTERVAL": "5s",
}


class LocalCluster:
    """A Dask scheduler and ``workers`` single-thread workers, as separate processes."""

    def __init__(self, folder: Path, workers: int):
        self.folder, self.workers, self.processes = folder, workers, []

    def __enter__(self) -> str:
        self.folder.mkdir(parents=True, exist_ok=True)
        file = self.folder / "scheduler.json"
        python = [sys.executable, "-m"]
        quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
        self.processes.append(
            subprocess.Popen(
                [*python, "distributed.cli.dask_scheduler", "--host", "127.0.0.1", "--port", "0",
                 "--scheduler-file", str(file), "--no-dashboard"],
                **quiet,
            )
        )  # fmt: skip
        deadline = time.monotonic() + 60
        while not file.exists() and time.monotonic() < deadline:
            if self.processes[0].poll() is not None:
                sys.exit("the Dask scheduler did not start (run it by hand to see why)")
            time.sleep(0.1)
        address = json.loads(file.read_text())["address"]
        for index in range(self.workers):
            self.processes.append(
                subprocess.Popen(
                    [*python, "distributed.cli.dask_worker", "--scheduler-file", str(file),
                     "--nthreads", "1", "--no-dashboard",
                     "--local-directory", str(self.folder / f"worker{index}")],
                    env=dict(os.environ, **GRADING_WORKER_SETTINGS),
                    **quiet,
                )
            )  # fmt: skip
        from distributed import Client

        with Client(address, timeout=60) as client:
            client.wait_for_workers(self.workers, timeout=120)
            client.run(warm_up, A)  # each worker imports the judge before the clock starts
        return address

    def __exit__(self, *exc_info) -> None:
        for process in reversed(self.processes):
            process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()


def scheduler_overhead(address: str, tasks: int = 2000) -> tuple[float, float]:
    """``(ms per task when many are queued, ms for one task's round trip)``."""
    from distributed import Client, wait

    with Client(address, timeout=60) as client:
        # operator.pos: a trivial function every worker can import by name
        client.submit(operator.pos, -1, pure=False).result()
        started = time.perf_counter()
        wait(client.map(operator.pos, range(tasks), pure=False))
        per_task = (time.perf_counter() - started) / tasks
        trips = []
        for index in range(20):
            started = time.perf_counter()
            client.submit(operator.pos, index, pure=False).result()
            trips.append(time.perf_counter() - started)
    return per_task * 1000, sorted(trips)[len(trips) // 2] * 1000


def writer_cost(root: Path, samples: int = 64) -> float:
    """Seconds per submission for the client's writer: gradebook transaction (batched as in
    a run), report and autograded copy, on copies of the reports run 1 wrote."""
    os.environ.update(environment(root))
    from autograder.commands import autograde as parts
    from autograder.course import gradebook_url
    from autograder.judge.notebook import read_notebook

    reports = [
        path
        for path in sorted((root / "autograded").glob(f"*/{A}/{parts.REPORT_NAME}"))
        if (root / "submitted" / path.parent.parent.name).is_dir()
    ]
    release = read_notebook(root / "assignments" / A / f"{A}.ipynb")
    items = []
    for index in range(samples):
        path = reports[index % len(reports)]
        report = json.loads(path.read_text())
        student = path.parent.parent.name
        notebook = root / "submitted" / student / A / f"{A}.ipynb"
        result = {"ok": True, "report": report, "notebook": json.loads(notebook.read_text())}
        items.append((parts.Submission(f"w{index:03d}", notebook), report["fingerprint"], result))
    writer = parts.GradebookWriter(gradebook_url(root), A, A)
    try:
        started = time.perf_counter()
        batches = parts.Batches()
        for item in items:
            for batch in batches.add(item):
                parts.record_results(root, A, release, writer, batch)
        for batch in batches.rest():
            parts.record_results(root, A, release, writer, batch)
        return (time.perf_counter() - started) / samples
    finally:
        writer.close()
        for index in range(samples):
            shutil.rmtree(root / "autograded" / f"w{index:03d}", ignore_errors=True)


def transfer_bytes(root: Path) -> tuple[float, float]:
    """Mean bytes a submission sends to a worker (its notebook) and gets back (report and the
    notebook, for the autograded copy)."""
    notebooks = sorted((root / "submitted").glob(f"*/{A}/{A}.ipynb"))
    reports = sorted((root / "autograded").glob(f"*/{A}/*.json"))
    sent = sum(path.stat().st_size for path in notebooks) / len(notebooks)
    back = sum(path.stat().st_size for path in reports) / len(reports)
    return sent, sent + back


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--submissions", type=int, default=200)
    parser.add_argument("--skip-dask", action="store_true", help="time the local pool only")
    args = parser.parse_args()

    n = args.submissions
    work = Path(tempfile.mkdtemp(prefix="bench-throughput-"))
    print(f"machine: {os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.2f} at start")
    try:
        root = work / "course"
        prepare(root, (REPO / "nbgrader_config.py").read_text(), make_submissions(n))
        subprocess.run(
            nbgrader("generate_assignment", A, "--force"),
            cwd=root,
            env=environment(root),
            capture_output=True,
            check=True,
        )
        rate = {}
        for workers in (1, 2):
            seconds = grade(root, "--workers", str(workers))
            rate[workers] = n / seconds * 60
            print(
                f"local pool, {workers} grading process(es): {n} submissions in {seconds:.1f} s, "
                f"{rate[workers]:.0f} per minute"
            )
        print(
            f"scaling from 1 to 2 processes on 2 cores: {rate[2] / rate[1]:.2f}x (target >= 1.7x)"
        )

        sent, received = transfer_bytes(root)
        write = writer_cost(root)
        print(
            f"gradebook writer (client): {write * 1000:.1f} ms per submission "
            f"(batched transaction, report, autograded copy)"
        )
        print(f"network per submission: {sent / 1e3:.0f} kB out, {received / 1e3:.0f} kB back")

        per_task = round_trip = None
        if not args.skip_dask:
            with LocalCluster(work, 2) as address:
                seconds = grade(root, "--scheduler", address)
                dask_rate = n / seconds * 60
                per_task, round_trip = scheduler_overhead(address)
            print(
                f"Dask scheduler, 2 single-thread workers on this machine: {n} submissions in "
                f"{seconds:.1f} s, {dask_rate:.0f} per minute, {dask_rate / rate[2]:.2f}x the "
                "local pool (target within 10 %)"
            )
            print(
                f"scheduler overhead: {per_task:.2f} ms per task when many are queued, "
                f"{round_trip:.1f} ms for one task's round trip"
            )
        model(rate[2], write, per_task, sent + received)
        print(f"load average at the end: {os.getloadavg()[0]:.2f}")
    finally:
        shutil.rmtree(work, ignore_errors=True)


def model(machine_rate: float, write_seconds: float, task_ms: float | None, bytes_each: float):
    """Print the time for MODEL_SUBMISSIONS on MODEL_MACHINES machines and what limits it."""
    grading = MODEL_SUBMISSIONS / (machine_rate * MODEL_MACHINES) * 60
    limits = {
        "grading on the workers": grading,
        "the one gradebook writer": MODEL_SUBMISSIONS * write_seconds,
        "network transfer (1 Gbit/s at the client)": MODEL_SUBMISSIONS
        * bytes_each
        / LINK_BYTES_PER_SECOND,
    }
    if task_ms is not None:
        limits["the scheduler (per-task cost)"] = MODEL_SUBMISSIONS * task_ms / 1000
    print(
        f"model: {MODEL_SUBMISSIONS:,} submissions on {MODEL_MACHINES} workers of "
        f"{MODEL_CORES} cores, each grading {machine_rate:.0f} per minute as this machine does:"
    )
    for name, seconds in sorted(limits.items(), key=lambda item: -item[1]):
        print(f"  {name}: {seconds / 60:.1f} min if it were the only limit")
    slowest = max(limits, key=limits.get)
    print(
        f"  so about {limits[slowest] / 60:.0f} min in all (target < 60), limited by {slowest}; "
        "the stages overlap (the writer records while workers grade)"
    )
    machines_at_writer = (
        MODEL_MACHINES * limits["grading on the workers"] / limits["the one gradebook writer"]
    )
    print(
        f"  the writer keeps up with about {machines_at_writer:.0f} such workers; beyond "
        "that, more workers do not help"
    )


if __name__ == "__main__":
    main()
