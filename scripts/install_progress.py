"""Shorten pip's output for ``make``: one numbered line per package, errors in full.

``pip install ... 2>&1 | python scripts/install_progress.py LOG`` writes pip's whole output to
``LOG`` and prints only what someone watching a two-minute install wants to see: each package
as pip collects it (``  12  nbgrader>=0.9.5``), when installing starts, errors,
and a last line with the counts. Lines stream as pip writes them (flushed at once).
"""

from __future__ import annotations

import sys

SHOWN = ("ERROR", "error:")  # pip's warnings (index locations, running as root) stay in the log


def package(line: str) -> str | None:
    """The package a line of pip's output starts on: ``Collecting numpy>=1.26 (from ...)``
    from an index, ``Processing /wheels/numpy-2.1.0-....whl`` from a local folder; else None."""
    words = line.split()
    if len(words) >= 2 and words[0] == "Collecting":
        return words[1]
    if len(words) >= 2 and words[0] == "Processing":
        name = words[1].rstrip("/").rsplit("/", 1)[-1]
        return name.split("-")[0] if name.endswith((".whl", ".tar.gz", ".zip")) else name
    return None


def main(log_path: str) -> int:
    collected = kept = installed = 0
    with open(log_path, "w", encoding="utf-8") as log:
        for line in sys.stdin:
            log.write(line)
            log.flush()
            text = line.rstrip("\n")
            name = package(text)
            if name:
                collected += 1
                print(f"      {collected:3d}  {name}", flush=True)
            elif text.startswith("Requirement already satisfied"):
                kept += 1
            elif text.startswith("Installing collected packages"):
                print(f"      unpacking and installing {collected} packages ...", flush=True)
            elif text.startswith("Successfully installed"):
                installed = len(text.split()) - 2
            elif text.lstrip().startswith(SHOWN):
                print(f"      {text.strip()}", flush=True)
    summary = f"installed {installed} packages"
    if kept:
        summary += f", {kept} requirements already satisfied"
    print(f"      {summary} (pip's full output: {log_path})", flush=True)
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit("usage: pip install ... 2>&1 | python scripts/install_progress.py LOGFILE")
    sys.exit(main(sys.argv[1]))
