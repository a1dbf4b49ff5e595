"""Grading on a Dask cluster: ``dlcourse autograde A --scheduler ADDRESS``.

:func:`grade_on_cluster` has the contract of :func:`autograder.commands.autograde.grade_locally`
(it yields ``(submission, stamp, result)``), so :func:`autograder.api.autograde` only swaps the
generator: this process still writes every report and the gradebook, and resumes as usual.

What crosses the network: each task carries one notebook's bytes (read here, under the judge's
size cap; no shared filesystem), the release notebook, the sha256 of the client's suite and the
grading secret. The secret is a task argument, held in memory only: never scattered (scattered
data may be spilled to a worker's local directory), never written. Dask reschedules the tasks of
a worker that dies; a task whose workers keep dying (``KilledWorker``) fails that submission
alone. Each worker grades one submission at a time (:data:`_GRADING`): run workers with
``--nthreads 1`` and ``--nworkers N`` for parallelism.
"""

from __future__ import annotations

import hashlib
import itertools
import threading
import uuid

from autograder import course

CONNECT_SECONDS = 5
WORKERS_SECONDS = 10
# Tasks in flight at once: bounds the notebooks held by this process and the scheduler (each
# task carries one) while keeping far more workers busy than a course uses.
IN_FLIGHT = 256
START_HELP = (
    "start one with `dask scheduler` (it prints its tcp://HOST:8786 address) and, on each "
    "grading machine, `dask worker ADDRESS --nthreads 1 --nworkers N` (see README.md, "
    "'On a Dask cluster')"
)
MISMATCH = (
    "this worker runs a different dlcourse (suite of {assignment} differs): install the same "
    "version on every worker"
)

# pytest, which scores a submission, runs in the worker process and is not thread-safe.
_GRADING = threading.Lock()


def suite_digest(assignment: str) -> str:
    """sha256 of the assignment's grading suite: equal on client and worker when both run
    the same dlcourse."""
    return hashlib.sha256(course.suite_path(assignment).read_bytes()).hexdigest()


def _same_suite(assignment: str, suite_sha: str) -> bool:
    """Whether this worker's suite of ``assignment`` is the client's (False when it has
    none: an older dlcourse)."""
    try:
        return suite_digest(assignment) == suite_sha
    except Exception:  # noqa: BLE001 - UnknownAssignment, a missing or unreadable file
        return False


def grade_task(
    data: bytes,
    where: str,
    assignment: str,
    secret: bytes,
    student: str,
    release: dict,
    suite_sha: str,
) -> dict:
    """Runs on a Dask worker: grade one notebook's bytes and return the plain dict of
    :func:`autograder.commands.autograde._grade_one` (never raises)."""
    from autograder.commands.autograde import graded_result
    from autograder.judge.engine import grade_submission
    from autograder.judge.notebook import notebook_from_bytes

    def grade() -> tuple:
        notebook = notebook_from_bytes(data, where)
        report = grade_submission(
            notebook, assignment, secret=secret, student=student, release=release
        )
        return report, notebook

    with _GRADING:
        if not _same_suite(assignment, suite_sha):
            return {"ok": False, "error": MISMATCH.format(assignment=assignment),
                    "bad_input": False, "retry": True}  # fmt: skip
        return graded_result(grade)


def connect(address: str):
    """A :class:`distributed.Client` on ``address`` with at least one worker, or
    :class:`autograder.api.BadInput` within seconds saying how to start one."""
    from autograder.api import BadInput

    _check_address(address)
    try:
        client = _client(address)
    except (OSError, ValueError, TypeError) as error:  # unreachable, or not an address
        raise BadInput(
            f"cannot reach a Dask scheduler at {address!r} ({type(error).__name__}: {error}); "
            + START_HELP
        ) from None
    try:
        client.wait_for_workers(1, timeout=WORKERS_SECONDS)
    except Exception:  # noqa: BLE001 - distributed's TimeoutError
        client.close()
        raise BadInput(
            f"the Dask scheduler at {address} has no worker after {WORKERS_SECONDS} s; "
            + START_HELP
        ) from None
    return client


def _check_address(address: str) -> None:
    """:class:`~autograder.api.BadInput` unless Dask can dial ``address``: checked before
    making a Client, whose close after such a failure hangs for twice its timeout."""
    from distributed.comm import parse_address
    from distributed.comm.addressing import parse_host_port
    from distributed.comm.registry import get_backend
    from distributed.security import Security

    from autograder.api import BadInput

    try:
        scheme, location = parse_address(address)
        get_backend(scheme)  # an unknown scheme
        parse_host_port(location, 8786)
    except ValueError as error:
        raise BadInput(
            f"{address!r} is not a Dask scheduler address ({error}); give it as `dask "
            "scheduler` prints it: tcp://HOST:8786 (or tls://HOST:8786)"
        ) from None
    if scheme == "tls" and Security().get_connection_args("client")["ssl_context"] is None:
        raise BadInput(
            f"{address} is a TLS address, and Dask's configuration has no TLS settings: set "
            "distributed.comm.tls.ca-file, distributed.comm.tls.client.cert and "
            "distributed.comm.tls.client.key (see README.md, 'On a Dask cluster')"
        )


def _client(address: str):
    """``distributed.Client(address)``, bounded in time: its handshake has no timeout of its
    own, so a server that accepts the connection and never answers (a wrong port) would hang
    it for ever. The attempt runs in a daemon thread, abandoned (never joined) past the bound."""
    from distributed import Client

    outcome = []

    def attempt() -> None:
        try:
            outcome.append(Client(address, timeout=CONNECT_SECONDS, set_as_default=False))
        except Exception as error:  # noqa: BLE001 - raised again in the caller's thread
            outcome.append(error)

    thread = threading.Thread(target=attempt, name="dask-connect", daemon=True)
    thread.start()
    thread.join(2 * CONNECT_SECONDS)
    if not outcome:
        raise TimeoutError(f"no Dask handshake in {2 * CONNECT_SECONDS} s")
    if isinstance(outcome[0], Exception):
        raise outcome[0]
    return outcome[0]


def grade_on_cluster(address: str, items, assignment: str, secret: bytes, release: dict):
    """Grade ``(submission, stamp)`` items on the Dask cluster at ``address``; yields
    ``(submission, stamp, result)`` as each finishes, like ``grade_locally``.

    A notebook over the judge's size cap fails here, unsent. The release travels with every
    task rather than once by ``client.scatter``: its 40 KB added 4.5 ms to a task's round trip
    through a local scheduler (12 ms without, 17 ms with; one grading takes 1-2 s), and
    scattered data is lost for good when every worker holding it dies, whereas a task's
    arguments survive in the scheduler and are sent again to the worker that retries it.
    Leaving (an interrupt, an error) closes the client, which releases the unfinished tasks;
    a rerun then skips what was recorded."""
    from distributed import as_completed

    from autograder.judge.notebook import NotebookError, read_notebook_bytes

    pending = iter(items)
    first = next(pending, None)
    if first is None:
        return  # nothing to grade: no need for a cluster
    pending = itertools.chain([first], pending)
    suite_sha = suite_digest(assignment)
    with connect(address) as client:
        running = as_completed(loop=client.loop)  # not the default client: none is set
        owners = {}

        def send():
            """Send submissions until IN_FLIGHT are running; yields those that cannot be."""
            while len(owners) < IN_FLIGHT:
                item = next(pending, None)
                if item is None:
                    return
                submission, stamp = item
                try:
                    data = read_notebook_bytes(submission.path)
                except NotebookError as error:
                    yield submission, stamp, {"ok": False, "error": str(error), "bad_input": True}
                    continue
                future = client.submit(
                    grade_task, data, str(submission.path), assignment, secret,
                    submission.student, release, suite_sha,
                    key=f"dlcourse-{assignment}-{submission.student}-{uuid.uuid4().hex}",
                )  # fmt: skip
                owners[future] = item
                running.add(future)

        yield from send()
        for future in running:
            submission, stamp = owners.pop(future)
            yield submission, stamp, _result(future, address)
            yield from send()


def _result(future, address: str) -> dict:
    """The task's result; a failure of this submission only, or BadInput when the
    scheduler was lost (every task is then cancelled: a rerun grades what is left)."""
    from concurrent.futures import CancelledError

    from distributed import KilledWorker

    from autograder.api import BadInput

    try:
        return future.result()
    except KilledWorker:
        problem = (
            "every Dask worker that graded this submission died (Dask tried it on several); "
            "it was not graded"
        )
    except CancelledError:
        raise BadInput(
            f"lost the Dask scheduler at {address} mid-batch; the submissions graded so far "
            "are recorded: rerun the same command to grade the rest"
        ) from None
    except Exception as error:  # noqa: BLE001 - e.g. the worker cannot unpickle the task
        problem = (
            f"the Dask task failed on its worker ({type(error).__name__}: {error}); install "
            "the same dlcourse version on every worker"
        )
        return {"ok": False, "error": problem, "bad_input": False, "retry": True}
    return {"ok": False, "error": problem, "bad_input": False}
