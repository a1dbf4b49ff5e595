"""How the worker process is started: bubblewrap where available, rlimits always.

With ``bwrap`` the worker sees only the Python installation (its standard library), numpy,
``/usr`` and a private, size-limited ``/tmp``; it has no network, its own PID, IPC and UTS
namespaces, no capabilities, and runs as an unprivileged uid (so ``RLIMIT_NPROC`` is enforced
and a fork bomb stops at a few dozen processes). The course directory, the gradebook,
``solutions/``, the suites and other students' files are simply not there.

Every directory packages are installed into (``site-packages`` and ``dist-packages``: the
virtual environment's, the base Python's, those under ``/usr``) is replaced by an empty,
read-only tmpfs with only ``numpy`` and its bundled libraries (``numpy.libs``) bound back in.
So however the project is installed, editable or from a wheel, the reference (``dlutils``,
except the copies of the modules the learner is given, bound read-only beside the worker),
the grader and its suites with the quiz keys (``autograder``), ``nbgrader``, the editable
finders and ``.pth`` files are not in the worker's file system, even once its import blocker
is removed (``tests/security/test_wheel_install.py``).

Without ``bwrap`` the worker still runs in its own process group, in an empty temporary
directory, with a scrubbed environment, ``python -I -S`` (no user site, no ``.pth`` files,
so an editable install of the reference is not on the path), an import blocker, and the
same rlimits. It can then read any file the grading user can read, which every report says.
"""

from __future__ import annotations

import dataclasses
import glob
import os
import resource
import shutil
import site
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
    numpy_site = str(numpy_site_directory())
    purelib = sysconfig.get_paths()["purelib"]
    return list(dict.fromkeys([numpy_site, purelib]))


def numpy_site_directory() -> Path:
    return Path(numpy.__file__).resolve().parent.parent


def numpy_entries(site_dir: Path) -> list[Path]:
    """What the worker needs from numpy's site directory: the package and its bundled shared
    libraries (``numpy.libs`` in manylinux wheels)."""
    return sorted(
        entry
        for entry in site_dir.iterdir()
        if entry.name == "numpy"
        or (entry.name.startswith("numpy") and entry.name.endswith(".libs"))
    )


def package_directories() -> list[Path]:
    """Every directory Python packages may be installed into, for the judge's Python, its base
    installation and the Pythons under ``/usr``: each is masked in the worker (see the module
    docstring), whatever it holds."""
    found = [sysconfig.get_paths()[key] for key in ("purelib", "platlib")]
    base = {"base": sys.base_prefix, "platbase": sys.base_exec_prefix}
    found += [sysconfig.get_paths(vars=base)[key] for key in ("purelib", "platlib")]
    if hasattr(site, "getsitepackages"):
        found += site.getsitepackages()
    for root in ("/usr/lib", "/usr/local/lib", "/usr/lib64", "/usr/local/lib64"):
        found += glob.glob(f"{root}/python3*/site-packages")
        found += glob.glob(f"{root}/python3*/dist-packages")
        found += glob.glob(f"{root}/python3/dist-packages")
    found.append(str(numpy_site_directory()))
    paths = {Path(path).resolve() for path in found}
    return sorted((path for path in paths if path.is_dir()), key=lambda path: len(path.parts))


def _inside(path: Path, roots) -> bool:
    return any(path == root or path.is_relative_to(root) for root in roots)


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
    worker_script: str,
    channel_script: str,
    fd_in: int,
    fd_out: int,
    workdir: str,
    limits: Limits,
    *,
    given_dir: str,
) -> tuple[list[str], str]:
    """The argv that starts a worker, and the sandbox mode it gives.

    ``given_dir`` holds the given ``dlutils`` package (see :mod:`autograder.judge.session`); it
    must sit in the folder of ``worker_script``, which is bound read-only into the sandbox.
    """
    if not Path(given_dir).is_relative_to(Path(worker_script).parent):
        raise ValueError(f"the given folder {given_dir} is not beside {worker_script}")
    python = sys.executable
    worker_args = [
        worker_script, channel_script, str(fd_in), str(fd_out), given_dir, *site_directories()
    ]  # fmt: skip
    mode = sandbox_mode()
    if mode != "bwrap":
        return [python, "-I", "-S", *worker_args], mode

    # The Python installation, and from a virtual environment only its interpreter and
    # pyvenv.cfg (its site-packages are masked below like every other).
    binds: list[Path] = [Path(sys.base_prefix).resolve()]
    base = {"base": sys.base_prefix, "platbase": sys.base_exec_prefix}
    binds += [Path(sysconfig.get_paths(vars=base)[key]).resolve()
              for key in ("stdlib", "platstdlib")]  # fmt: skip
    if sys.prefix != sys.base_prefix:
        binds += [Path(sys.executable).parent, Path(sys.prefix) / "pyvenv.cfg"]
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
    bound: list[Path] = [Path("/usr")]

    def make_parents(path: Path) -> None:
        for parent in _ancestors(path):
            if parent not in made and not _inside(Path(parent), bound):
                argv.extend(["--perms", "0755", "--dir", parent])
                made.add(parent)

    def bind(path: Path) -> None:
        if str(path) in made or not path.exists() or _inside(path, bound):
            return
        make_parents(path)
        argv.extend(["--ro-bind", str(path), str(path)])
        made.add(str(path))
        bound.append(path)

    for path in binds:
        bind(path)
    # Mask every package directory the worker could see, then put numpy back. The numpy one
    # is made even when nothing bound contains it, so that the worker can import numpy.
    numpy_site = numpy_site_directory()
    masked: list[Path] = []
    for site_dir in package_directories():
        if _inside(site_dir, masked) or (site_dir != numpy_site and not _inside(site_dir, bound)):
            continue
        make_parents(site_dir)
        argv += ["--perms", "0755", "--tmpfs", str(site_dir)]
        if site_dir == numpy_site:
            for entry in numpy_entries(site_dir):
                argv += ["--ro-bind", str(entry), str(entry)]
        argv += ["--remount-ro", str(site_dir)]
        masked.append(site_dir)
        made.add(str(site_dir))
    bind(Path(worker_script).parent)  # the worker's code and its given dlutils modules
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
