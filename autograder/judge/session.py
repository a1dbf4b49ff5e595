"""The judge's side of a worker: start it, load the answer cells, call functions, recover.

A :class:`WorkerSession` owns one sandboxed worker process at a time. When a call hangs past
its timeout, or the worker dies (``os._exit``, a signal, a memory or CPU limit), the session
kills the whole process group, records why, and starts a fresh worker with the same cells for
the next call, so one bad function costs only its own tests.
"""

from __future__ import annotations

import dataclasses
import os
import select
import shutil
import signal
import subprocess
import tempfile
import time
from pathlib import Path

from autograder.judge import sandbox
from autograder.learner import channel
from autograder.learner.errors import (
    MAX_MESSAGE,
    MAX_TYPE_NAME,
    StudentError,
    WorkerFailure,
    clip,
)

_PACKAGE_DIR = Path(__file__).resolve().parent

# The names of imports the sandbox blocked, kept per session (the worker can send any number).
MAX_BLOCKED_IMPORTS = 20

# The folder, next to the worker's own code, that holds the given ``dlutils`` package.
GIVEN_FOLDER = "given"


def _write_given_package(folder: Path, files: list[Path]) -> None:
    """``folder/dlutils/``: an empty ``__init__.py`` and a copy of each given module file
    (nothing at all when no module is given). World-readable, for the worker's own uid."""
    folder.mkdir()
    os.chmod(folder, 0o755)
    if not files:
        return
    package = folder / "dlutils"
    package.mkdir()
    os.chmod(package, 0o755)
    (package / "__init__.py").write_text("")
    for source in files:
        shutil.copyfile(source, package / source.name)
    for path in package.iterdir():
        os.chmod(path, 0o644)


def budget_message(budget: float) -> str:
    return f"not run: time budget of {budget:g} s used up"


@dataclasses.dataclass
class CallResult:
    value: object
    args_after: list
    kwargs_after: dict


@dataclasses.dataclass
class CellStatus:
    name: str
    ok: bool
    message: str = ""


class WorkerSession:
    """Run answer cells in a sandboxed worker and call the functions they define.

    Parameters
    ----------
    cells : list of (name, source)
        Code executed in order in one namespace: the preamble first, then answer cells.
    limits : sandbox.Limits
    call_timeout : float
        Default wall-clock seconds for one call.
    cell_timeout : float
        Wall-clock seconds for executing one cell.
    time_budget : float or None
        Wall-clock seconds for everything this session does, from :meth:`start` on: cells,
        calls, restarts and the cells run again after them. Once it is used up, the call or
        cell running is stopped and every later one fails at once with
        ``"not run: time budget of N s used up"``. ``None``: no budget.

    Attributes
    ----------
    given_files : list of Path
        Module files the learner is given (set before :meth:`start`). The worker receives
        them whole, as the package ``dlutils`` holding exactly these modules, first on its
        ``sys.path``; it can import them and nothing else of ``dlutils``.
    """

    def __init__(
        self,
        cells: list[tuple[str, str]],
        limits: sandbox.Limits | None = None,
        call_timeout: float = 10.0,
        cell_timeout: float = 10.0,
        time_budget: float | None = None,
    ):
        self.cells = list(cells)
        self.time_budget = time_budget
        self.given_files: list[Path] = []
        self._deadline: float | None = None
        self.limits = limits or sandbox.Limits()
        self.call_timeout = call_timeout
        self.cell_timeout = cell_timeout
        self.mode = sandbox.sandbox_mode()
        self.cell_status: dict[str, CellStatus] = {}
        self._crashed_cells: set[str] = set()
        self.blocked_imports: list[str] = []
        self.restarts = 0
        self._process: subprocess.Popen | None = None
        self._dir = Path(tempfile.mkdtemp(prefix="dlcourse-judge-"))
        self._output_path = self._dir / "worker-output.txt"
        self._skip: set[str] = set()
        self._workdir: Path | None = None

    # -- lifecycle ---------------------------------------------------------------------------

    def __enter__(self) -> WorkerSession:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def _spawn(self) -> None:
        code_dir = self._dir / "code"
        if not code_dir.exists():
            code_dir.mkdir()
            shutil.copyfile(_PACKAGE_DIR / "worker_main.py", code_dir / "worker_main.py")
            shutil.copyfile(channel.__file__, code_dir / "channel.py")
            _write_given_package(code_dir / GIVEN_FOLDER, self.given_files)
            os.chmod(self._dir, 0o755)
            os.chmod(code_dir, 0o755)
        if self._workdir is not None:  # what an earlier worker wrote is not kept
            shutil.rmtree(self._workdir, ignore_errors=True)
        workdir = self._workdir = Path(tempfile.mkdtemp(prefix="work-", dir=self._dir))
        os.chmod(workdir, 0o777)
        request_read, request_write = os.pipe()
        reply_read, reply_write = os.pipe()
        argv, self.mode = sandbox.build_command(
            str(code_dir / "worker_main.py"),
            str(code_dir / "channel.py"),
            request_read,
            reply_write,
            str(workdir),
            self.limits,
            given_dir=str(code_dir / GIVEN_FOLDER),
        )
        output = open(self._output_path, "ab")  # noqa: SIM115 - handed to the child
        try:
            self._process = subprocess.Popen(
                argv,
                stdin=subprocess.DEVNULL,
                stdout=output,
                stderr=output,
                pass_fds=(request_read, reply_write),
                cwd=workdir,
                env=sandbox.worker_environment(str(workdir)),
                preexec_fn=lambda: sandbox.apply_limits(self.limits, self.mode),
            )
        finally:
            output.close()
            os.close(request_read)
            os.close(reply_write)
        self._to_worker, self._from_worker = request_write, reply_read

    def start(self) -> list[CellStatus]:
        """Start the worker and run every cell; returns the status of each cell.

        A cell that kills or hangs the worker is recorded, left out from then on, and the
        cells before it are replayed on a fresh worker.
        """
        if self.time_budget is not None and self._deadline is None:
            self._deadline = time.monotonic() + self.time_budget
        self._spawn()
        for name, source in self.cells:
            try:
                reply = self._request(
                    {"op": "exec", "name": name, "source": source}, self.cell_timeout
                )
            except WorkerFailure as failure:
                self.cell_status[name] = CellStatus(name, False, failure.message)
                if failure.kind == "budget":
                    self._kill()
                    continue  # every later cell fails at once the same way
                self._crashed_cells.add(name)
                try:
                    self._respawn(stop_at=name)
                except WorkerFailure:  # the budget ran out while the cells were run again
                    self._kill()
                continue
            if reply.get("status") == "ok":
                self.cell_status[name] = CellStatus(name, True)
            else:
                self.cell_status[name] = CellStatus(name, False, _describe_error(reply))
        return list(self.cell_status.values())

    def _respawn(self, stop_at: str | None = None) -> None:
        """A fresh worker with the cells (before ``stop_at``) run again.

        A cell that hangs or kills the worker while replayed (a slow cell on a busy machine)
        is left out from then on too, and the replay starts over on another fresh worker, so
        no reply is ever left unread on the channel. Each retry drops one more cell, so this
        ends.
        """
        while True:
            self._kill()
            self._check_budget()
            self._spawn()
            try:
                self._replay(stop_at)
                return
            except WorkerFailure as failure:
                if failure.kind == "budget":
                    self._kill()
                    raise
                continue

    def _replay(self, stop_at: str | None) -> None:
        for name, source in self.cells:
            if name == stop_at:
                return
            if name in self._crashed_cells:
                continue
            try:
                self._request({"op": "exec", "name": name, "source": source}, self.cell_timeout)
            except WorkerFailure as failure:
                if failure.kind == "budget":
                    raise
                self._crashed_cells.add(name)
                self.cell_status[name] = CellStatus(
                    name, False, f"{failure.message} (when run again after a restart)"
                )
                raise

    def budget_left(self) -> float:
        """Seconds left of the time budget (infinite without one)."""
        if self._deadline is None:
            return float("inf")
        return self._deadline - time.monotonic()

    def _check_budget(self) -> None:
        if self.budget_left() <= 0:
            raise WorkerFailure("budget", budget_message(self.time_budget))

    def _restart(self) -> None:
        self.restarts += 1
        self._respawn()

    def _kill(self) -> None:
        process = self._process
        if process is None:
            return
        for fd in (self._to_worker, self._from_worker):
            try:
                os.close(fd)
            except OSError:
                pass
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):
            pass
        try:
            process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            process.kill()
        sandbox.kill_worker_uid()
        self._process = None

    def close(self) -> None:
        """Stop the worker (and anything it left running) and delete the judge's temp files."""
        if self._process is not None and self._process.poll() is None:
            try:
                channel.write_frame(self._to_worker, {"op": "bye"})
            except (OSError, channel.ChannelError):
                pass
        self._kill()
        shutil.rmtree(self._dir, ignore_errors=True)

    def output_tail(self, limit: int = 2000) -> str:
        """The last ``limit`` characters the worker printed (student prints included)."""
        try:
            data = self._output_path.read_bytes()[-limit:]
        except OSError:
            return ""
        return data.decode("utf-8", errors="replace")

    # -- calls -------------------------------------------------------------------------------

    def call(self, function: str, args: list, kwargs: dict, timeout: float | None = None):
        """Call ``function(*args, **kwargs)`` in the worker.

        Returns a :class:`CallResult`; raises :class:`StudentError` when the student's code
        raised, and :class:`WorkerFailure` when the worker hung or died (it is then restarted
        for the next call, and later calls of the same function fail at once).
        """
        self._check_budget()
        if function in self._skip:
            raise WorkerFailure(
                "skipped", f"not run: {function} timed out or crashed the worker on an earlier case"
            )
        if self._process is None:
            self._restart()
        try:
            reply = self._request(
                {"op": "call", "function": function, "args": list(args), "kwargs": dict(kwargs)},
                timeout or self.call_timeout,
            )
        except WorkerFailure as failure:
            if failure.kind != "budget":
                self._skip.add(function)
            self._kill()
            raise
        status = reply.get("status")
        if status == "ok":
            return CallResult(
                reply.get("value"), reply.get("args_after"), reply.get("kwargs_after")
            )
        if status == "missing":
            raise StudentError("NameError", str(reply.get("message", "")))
        if status == "bad_value":
            raise StudentError(
                "UngradableValue",
                f"{function} returned a value that cannot be graded: "
                + clip(reply.get("message", ""), MAX_MESSAGE),
            )
        raise StudentError(
            str(reply.get("type", "Error")),
            str(reply.get("message", "")),
            str(reply.get("traceback", "")),
        )

    def _request(self, message: dict, timeout: float) -> dict:
        self._check_budget()
        if self._process is None:
            raise WorkerFailure("crashed", "the worker is not running")
        try:
            channel.write_frame(self._to_worker, message)
        except BrokenPipeError:
            raise WorkerFailure("crashed", self._death_reason()) from None
        except channel.ChannelError as error:  # the engine refuses oversized cells before this
            raise WorkerFailure("protocol", str(error)) from None
        left = self.budget_left()
        if left < timeout:
            why = WorkerFailure(
                "budget", f"stopped: the time budget of {self.time_budget:g} s was used up"
            )
        else:
            why = WorkerFailure("timeout", f"timed out after {timeout:g} s")
        reply = self._read_reply(time.monotonic() + min(timeout, left), why)
        if type(reply) is not dict:
            raise WorkerFailure("protocol", "the worker sent something that is not a reply")
        blocked = reply.get("blocked_imports") or []
        if type(blocked) is list and len(self.blocked_imports) < MAX_BLOCKED_IMPORTS:
            self.blocked_imports += [clip(name, 100) for name in blocked[:MAX_BLOCKED_IMPORTS]]
            del self.blocked_imports[MAX_BLOCKED_IMPORTS:]
        return reply

    def _read_reply(self, deadline: float, why: WorkerFailure):
        header = self._read_exact(8, deadline, why)
        length = int.from_bytes(header, "big")
        if length > channel.MAX_FRAME_BYTES:
            raise WorkerFailure("protocol", "the worker sent a reply larger than 64 MiB")
        if length > channel.MAX_REPLY_BYTES:
            raise WorkerFailure(
                "protocol",
                f"the worker sent a reply larger than {channel.MAX_REPLY_BYTES // 2**20} MiB",
            )
        body = self._read_exact(length, deadline, why)
        try:
            return channel.loads(body, max_nodes=channel.MAX_REPLY_NODES)
        except channel.ChannelError as error:
            raise WorkerFailure(
                "protocol", f"the worker sent a malformed reply: {clip(error, 300)}"
            ) from None

    def _read_exact(self, size: int, deadline: float, why: WorkerFailure) -> bytes:
        chunks, remaining = [], size
        while remaining:
            left = deadline - time.monotonic()
            if left <= 0:
                raise why
            ready, _, _ = select.select([self._from_worker], [], [], left)
            if not ready:
                continue
            chunk = os.read(self._from_worker, min(remaining, 1 << 20))
            if not chunk:
                raise WorkerFailure("crashed", self._death_reason())
            chunks.append(chunk)
            remaining -= len(chunk)
        return b"".join(chunks)

    def _death_reason(self) -> str:
        process = self._process
        code = None
        if process is not None:
            try:
                code = process.wait(timeout=2)
            except subprocess.TimeoutExpired:
                code = None
        if code is None:
            return "the worker closed the channel"
        if self.mode == "bwrap" and code - 128 in {int(s) for s in signal.Signals}:
            code = 128 - code  # bwrap reports a worker killed by signal N as status 128 + N
        if code < 0:
            name = signal.Signals(-code).name
            why = {"SIGXCPU": " (CPU time limit)", "SIGKILL": " (killed: memory or time limit)"}
            return f"the worker was killed by {name}{why.get(name, '')}"
        return f"the worker exited with status {code} (sys.exit or os._exit in the code?)"


def _describe_error(reply: dict) -> str:
    if reply.get("status") == "error":
        return (
            f"{clip(reply.get('type'), MAX_TYPE_NAME)}: {clip(reply.get('message'), MAX_MESSAGE)}"
        )
    return clip(reply.get("message", "unknown error"), MAX_MESSAGE)
