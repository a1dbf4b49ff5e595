"""How the worker process is started: bubblewrap where available, rlimits always.

With ``bwrap`` the worker sees only the Python installation, the virtual environment's
site-packages, ``/usr`` and a private, size-limited ``/tmp``; it has no network, its own PID,
IPC and UTS namespaces, no capabilities, and runs as an unprivileged uid (so ``RLIMIT_NPROC``
is enforced and a fork bomb stops at a few dozen processes). The course directory, the
gradebook, ``solutions/``, the suites and other students' files are simply not there.

Without ``bwrap`` the worker still runs in its own process group, in an empty temporary
directory, with a scrubbed environment, ``python -I -S`` (no user site, no ``.pth`` files,
so an editable install of the reference is not on the path), an import blocker, and the
same rlimits. It can then read any file the grading user can read, which every report says.
"""

from __future__ import annotations

import dataclasses
import os
import resource
import shutil
import sys
import sysconfig
from pathlib import Path

import numpy

WORKER_UID_BASE = 61000


def worker_uid() -> int:
    """The unprivileged uid this judge's workers run as: unique per judge process, so that
    RLIMIT_NPROC and the final clean-up never touch another judge's workers."""
    return WORKER_UID_BASE + os.getpid() % 30000


ENV_SANDBOX = "DLCOURSE_SANDBOX"  # "auto" (default), "bwrap" or "none"


@dataclasses.dataclass(frozen=True)
class Limits:
    """Resource limits for one worker process (and everything it starts)."""

    cpu_seconds: int = 120
    address_space_bytes: int = 3 * 2**30
    file_size_bytes: int = 8 * 2**20
    processes: int = 32
    tmp_bytes: int = 64 * 2**20


def bwrap_path() -> str | None:
    return shutil.which("bwrap")


def sandbox_mode() -> str:
    """``"bwrap"`` when the worker will run inside bubblewrap, else ``"rlimits"``."""
    wanted = os.environ.get(ENV_SANDBOX, "auto")
    if wanted not in {"auto", "bwrap", "none"}:
        raise ValueError(f"{ENV_SANDBOX} must be auto, bwrap or none, not {wanted!r}")
    if wanted == "none":
        return "rlimits"
    if bwrap_path() and os.geteuid() == 0 and shutil.which("setpriv"):
        return "bwrap"
    if wanted == "bwrap":
        raise RuntimeError(
            "DLCOURSE_SANDBOX=bwrap but bubblewrap cannot be used here (it needs bwrap and "
            "setpriv on PATH and root); install it with `apt-get install bubblewrap` or unset "
            f"{ENV_SANDBOX}"
        )
    return "rlimits"


def site_directories() -> list[str]:
    """Where numpy lives, so the worker can import it with ``-S``."""
    numpy_site = str(Path(numpy.__file__).resolve().parent.parent)
    purelib = sysconfig.get_paths()["purelib"]
    return list(dict.fromkeys([numpy_site, purelib]))


def worker_environment(home: str) -> dict[str, str]:
    """A scrubbed environment: nothing that tells the worker it is being graded."""
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": home,
        "LANG": "C.UTF-8",
        "PYTHONHASHSEED": "0",
        "PYTHONDONTWRITEBYTECODE": "1",
        "OPENBLAS_NUM_THREADS": "1",
        "OMP_NUM_THREADS": "1",
        "MKL_NUM_THREADS": "1",
        "MPLBACKEND": "Agg",
    }
    for key in ("OPENBLAS_CORETYPE", "OPENBLAS_L2_SIZE"):  # needed for correct BLAS on some CPUs
        if key in os.environ:
            env[key] = os.environ[key]
    return env


def _ancestors(path: Path) -> list[str]:
    parents = [str(parent) for parent in reversed(path.parents) if str(parent) != "/"]
    return parents


def build_command(
    worker_script: str, channel_script: str, fd_in: int, fd_out: int, workdir: str, limits: Limits
) -> tuple[list[str], str]:
    """The argv that starts a worker, and the sandbox mode it gives."""
    python = sys.executable
    worker_args = [worker_script, channel_script, str(fd_in), str(fd_out), *site_directories()]
    mode = sandbox_mode()
    if mode != "bwrap":
        return [python, "-I", "-S", *worker_args], mode

    binds: list[Path] = [Path(sys.base_prefix).resolve(), Path(sys.prefix)]
    binds += [Path(site) for site in site_directories()]
    binds.append(Path(worker_script).parent)
    argv = [
        bwrap_path(),
        "--unshare-pid",
        "--unshare-net",
        "--unshare-ipc",
        "--unshare-uts",
        "--unshare-cgroup-try",
        "--die-with-parent",
        "--new-session",
        "--ro-bind", "/usr", "/usr",
        "--symlink", "usr/lib", "/lib",
        "--symlink", "usr/lib64", "/lib64",
        "--symlink", "usr/bin", "/bin",
        "--proc", "/proc",
        "--dev", "/dev",
        "--size", str(limits.tmp_bytes), "--perms", "1777", "--tmpfs", "/tmp",
    ]  # fmt: skip
    made: set[str] = {"/usr", "/lib", "/lib64", "/bin", "/proc", "/dev", "/tmp"}
    for path in binds:
        for parent in _ancestors(path):
            if parent not in made:
                argv += ["--perms", "0755", "--dir", parent]
                made.add(parent)
        if str(path) not in made and path.exists():
            argv += ["--ro-bind", str(path), str(path)]
            made.add(str(path))
    argv += ["--chdir", "/tmp"]
    argv += [
        "setpriv",
        f"--reuid={worker_uid()}",
        f"--regid={worker_uid()}",
        "--clear-groups",
        "--inh-caps=-all",
        "--bounding-set=-all",
        "--",
        python, "-I", "-S", *worker_args,
    ]  # fmt: skip
    return argv, mode


def apply_limits(limits: Limits, mode: str) -> None:
    """``preexec_fn`` for the worker: set rlimits in the child before it starts."""
    os.setpgrp()
    resource.setrlimit(resource.RLIMIT_CPU, (limits.cpu_seconds, limits.cpu_seconds))
    resource.setrlimit(resource.RLIMIT_AS, (limits.address_space_bytes, limits.address_space_bytes))
    resource.setrlimit(resource.RLIMIT_FSIZE, (limits.file_size_bytes, limits.file_size_bytes))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    if mode == "bwrap":
        # Counted for the worker's own uid, which nothing else on the machine uses.
        resource.setrlimit(resource.RLIMIT_NPROC, (limits.processes, limits.processes))
    elif os.geteuid() != 0:
        running = _count_processes_of(os.geteuid())
        cap = running + limits.processes
        resource.setrlimit(resource.RLIMIT_NPROC, (cap, cap))


def _count_processes_of(uid: int) -> int:
    count = 0
    for entry in os.scandir("/proc"):
        if entry.name.isdigit():
            try:
                if entry.stat().st_uid == uid:
                    count += 1
            except OSError:
                continue
    return count


def kill_worker_uid() -> None:
    """Kill every process left running as the worker uid (daemons that escaped the group).

    Only meaningful in bwrap mode, where that uid is used by nothing else. Runs a short child
    that takes the uid and signals -1, i.e. every process it may signal: exactly those.
    """
    if sandbox_mode() != "bwrap":
        return
    uid = worker_uid()
    pid = os.fork()
    if pid == 0:  # pragma: no cover - runs in the child
        try:
            os.setgid(uid)
            os.setuid(uid)
            os.kill(-1, 9)
        finally:
            os._exit(0)
    os.waitpid(pid, 0)
