"""Run every solution notebook top to bottom and print how long each takes.

    .venv/bin/python scripts/time_notebooks.py [ASSIGNMENT ...]

The course promises that a solution notebook runs in seconds (the issue's bound: <= 15 s on a
2-core machine). Kernel start-up is included, as a learner would experience it.
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

REPO = Path(__file__).resolve().parent.parent
LIMIT_SECONDS = 15.0


def run_notebook(path: Path, *, allow_errors: bool = False, timeout: int = 300):
    """Execute a notebook in a fresh kernel (cwd: its folder); returns (notebook, seconds)."""
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=timeout,
        kernel_name="python3",
        allow_errors=allow_errors,
        resources={"metadata": {"path": str(path.parent)}},
    )
    started = time.perf_counter()
    client.execute()
    return notebook, time.perf_counter() - started


def main(names: list[str]) -> int:
    folders = sorted(p for p in (REPO / "solutions").iterdir() if p.is_dir())
    if names:
        folders = [p for p in folders if p.name in names]
    print(f"load average {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")
    slow = 0
    for folder in folders:
        for path in sorted(folder.glob("*.ipynb")):
            _, seconds = run_notebook(path)
            flag = "" if seconds <= LIMIT_SECONDS else f"  (over {LIMIT_SECONDS:g} s)"
            slow += seconds > LIMIT_SECONDS
            print(f"{path.relative_to(REPO)}: {seconds:.1f} s{flag}")
    return 1 if slow else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
