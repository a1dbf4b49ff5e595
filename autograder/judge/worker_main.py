"""The sandboxed worker: runs a submission's answer cells and calls its functions on request.

It is started by :mod:`autograder.judge.session` as ``python -I -S worker_main.py CHANNEL FD_IN
FD_OUT GIVEN_DIR SITE_DIR...`` and imports only the standard library, numpy, ``channel.py``
(loaded by path) and the modules the learner is given: ``GIVEN_DIR`` (first on ``sys.path``)
holds a ``dlutils`` package with exactly those module files, and the import blocker refuses
every other ``dlutils`` module, ``autograder`` and ``nbgrader``. It never sees expected values,
tests, the gradebook or the rest of the reference library: the judge sends inputs, the worker
sends back what the student's function returned, and the judge does all the comparing and
scoring in its own process.

Requests (one frame each) and replies:

- ``{"op": "exec", "name": cell, "source": code}`` -> ``{"status": "ok"}`` or an error reply;
- ``{"op": "call", "function": name, "args": [...], "kwargs": {...}}`` ->
  ``{"status": "ok", "value": result, "args_after": [...], "kwargs_after": {...}}``;
- errors: ``{"status": "error", "type": ..., "message": ..., "traceback": ...}`` or
  ``{"status": "bad_value", "message": ...}`` when a result cannot cross the channel.
"""

import builtins
import importlib.abc
import importlib.util
import os
import sys
import traceback

BLOCKED_PACKAGES = ("dlutils", "autograder", "nbgrader")
BLOCKED_MESSAGE = (
    "{name} is not available while grading: graded functions must be your own code, "
    "not calls into the course's reference implementation"
)


class _BlockReference(importlib.abc.MetaPathFinder):
    """Refuse imports of the reference library and the grader inside the worker, except the
    given modules (``allowed``: ``"dlutils"`` and ``"dlutils.<module>"`` for each)."""

    def __init__(self, allowed=()):
        self.attempts = []
        self.allowed = frozenset(allowed)

    def find_spec(self, fullname, path=None, target=None):
        if fullname in self.allowed:
            return None  # found by the path finder, in the given folder only
        if fullname.split(".")[0] in BLOCKED_PACKAGES:
            self.attempts.append(fullname)
            raise ImportError(BLOCKED_MESSAGE.format(name=fullname), name=fullname)
        return None


def _given_modules(given_dir):
    """``"dlutils"`` and ``"dlutils.<module>"`` for each module file in ``given_dir/dlutils``."""
    package = os.path.join(given_dir, "dlutils")
    if not os.path.isfile(os.path.join(package, "__init__.py")):
        return []
    names = [name[:-3] for name in os.listdir(package) if name.endswith(".py")]
    return ["dlutils"] + [f"dlutils.{name}" for name in names if name != "__init__"]


def _load_channel(path):
    spec = importlib.util.spec_from_file_location("_dlcourse_channel", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _student_traceback(error):
    """The traceback restricted to frames from the student's cells, at most 12 lines."""
    frames = [
        frame
        for frame in traceback.extract_tb(error.__traceback__)
        if frame.filename.startswith("<cell ")
    ]
    lines = traceback.format_list(frames[-6:])
    name, message = _clip(type(error).__name__, 200), _message(error)
    text = "".join(lines) + (f"{name}: {message}" if message else name)
    return "\n".join(_clip(line, 300) for line in text.splitlines()[-12:])


def _clip(text, limit):
    return text if len(text) <= limit else text[:limit] + " ..."


def _message(error):
    try:
        return _clip(str(error), 2000)
    except BaseException:  # noqa: BLE001 - a __str__ that raises is the student's too
        return "(the exception's message could not be read)"


def _error_reply(error):
    # Clipped here to keep the reply small; the judge clips again (this process is the
    # student's, so nothing it sends is trusted).
    return {
        "status": "error",
        "type": _clip(type(error).__name__, 200),
        "message": _message(error),
        "traceback": _student_traceback(error),
    }


def _snapshot(value):
    """Arguments as they are after a call, with generators (not sendable) left out."""
    kind = type(value)
    if kind is list or kind is tuple:
        return kind(_snapshot(item) for item in value)
    if kind is dict:
        return {key: _snapshot(item) for key, item in value.items()}
    if kind.__name__ == "Generator" and kind.__module__.startswith("numpy"):
        return None
    return value


def main(argv):
    channel_path, fd_in, fd_out, given_dir = argv[1], int(argv[2]), int(argv[3]), argv[4]
    sys.dont_write_bytecode = True  # the given folder is the judge's, read-only in bubblewrap
    sys.path.insert(0, given_dir)
    for site_dir in argv[5:]:
        if site_dir not in sys.path:
            sys.path.append(site_dir)
    blocker = _BlockReference(_given_modules(given_dir))
    sys.meta_path.insert(0, blocker)
    channel = _load_channel(channel_path)
    import numpy  # noqa: F401  (fail early and clearly if numpy cannot load)

    namespace = {"__name__": "__main__", "__builtins__": builtins}
    write, read = channel.write_frame, channel.read_frame_blocking

    while True:
        try:
            request = read(fd_in, make_rng=True)
        except EOFError:
            return 0
        op = request.get("op")
        if op == "bye":
            return 0
        try:
            if op == "exec":
                code = compile(request["source"], f"<cell {request['name']}>", "exec")
                exec(code, namespace)  # noqa: S102 - running the student's answer cell is the job
                reply = {"status": "ok"}
            elif op == "call":
                function = namespace.get(request["function"])
                if not callable(function):
                    reply = {
                        "status": "missing",
                        "message": f"{request['function']} is not defined",
                    }
                else:
                    args, kwargs = request["args"], request["kwargs"]
                    value = function(*args, **kwargs)
                    reply = {
                        "status": "ok",
                        "value": value,
                        "args_after": _snapshot(list(args)),
                        "kwargs_after": _snapshot(kwargs),
                    }
            else:
                reply = {"status": "error", "type": "ProtocolError", "message": f"bad op {op!r}"}
        except BaseException as error:  # noqa: BLE001 - SystemExit etc. are the student's too
            reply = _error_reply(error)
        reply["blocked_imports"] = list(blocker.attempts)
        del blocker.attempts[:]
        for stream in (sys.stdout, sys.stderr):
            try:
                stream.flush()
            except Exception:  # noqa: BLE001 - a full or closed stream is not our failure
                pass
        try:
            write(fd_out, reply)
        except channel.ChannelError as error:
            write(fd_out, {"status": "bad_value", "message": str(error)})
        except BaseException as error:  # noqa: BLE001 - e.g. a value whose conversion raised
            write(fd_out, {"status": "bad_value", "message": f"{type(error).__name__}: {error}"})


if __name__ == "__main__":
    sys.exit(main(sys.argv))
