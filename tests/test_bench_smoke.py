"""Smoke test for scripts/bench_dlutils.py: a quick run prints the results table.

The script is a benchmark that prints figures; this only checks that it runs end to end on the
shipped data with small sizes and prints one table line per row (with torch columns when torch
is installed, and the install hint when it is not). ``--threads 1`` keeps the run short on a
busy machine, where 2-thread BLAS and OpenMP pools can slow down tenfold.
"""

from __future__ import annotations

import importlib.util
import re
import subprocess
import sys
import time
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SCRIPT = REPO / "scripts" / "bench_dlutils.py"
ROWS = ("planar 2-4-1", "L-layer 784-20-7-5-1", "MLP 784-256-128-10")


def _torch_installed() -> bool:
    """Whether torch is importable, without importing it here (that alone takes seconds)."""
    return importlib.util.find_spec("torch") is not None


@pytest.mark.skipif(not SCRIPT.exists(), reason="scripts/ is not shipped with this checkout")
def test_quick_run_prints_a_table():
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--quick", "--repeats", "1", "--threads", "1"],
        capture_output=True,
        text=True,
        timeout=120,
        cwd=REPO,
    )
    elapsed = time.perf_counter() - start
    assert result.returncode == 0, result.stderr[-2000:]
    out = result.stdout

    header = next((line for line in out.splitlines() if line.startswith("row ")), None)
    assert header is not None, out
    for column in ("dlutils s", "torch s", "ratio", "target", "met"):
        assert column in header

    table = out[out.index(header) :]
    number = r"\d+\.\d{3}"
    for name in ROWS:
        lines = [line for line in table.splitlines() if line.startswith(name)]
        assert lines, f"no table line for {name!r}:\n{table}"
        for line in lines:
            if _torch_installed():
                assert re.search(rf"{number}\s+{number}\s+\d+\.\d\d\s+", line), line
                assert line.split()[-3] in {"yes", "no"}, line
            else:
                assert re.search(number, line), line
    assert "float32" in table and "float64" in table
    assert "machine load" in out and "threads requested: 1" in out
    if not _torch_installed():
        assert "pip install torch" in out
    assert elapsed < 60, f"the quick run took {elapsed:.1f} s"
