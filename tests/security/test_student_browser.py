"""The student's path in a real browser: JupyterLab from the student environment, in Chromium.

What a learner does, end to end, with nothing of this project installed on their side:

1. the instructor releases ``C1W3_planar_classification`` into an nbgrader exchange
   (``nbgrader release_assignment`` from a temporary copy of the course, project venv);
2. the student fetches it (``nbgrader fetch_assignment``, student environment of
   ``tests/student_env.py``) into a fresh home whose Jupyter config directory is a copy of the
   shipped ``scripts/student/`` (server extensions, lab page config, ``nbgrader_config.py``);
3. JupyterLab starts from the student environment (127.0.0.1, free port, token, as that
   student: ``HOME`` and ``JUPYTER_CONFIG_DIR`` point into the fresh home);
4. headless Chromium (Debian's, driven by Playwright with no browser download; see
   ``chromium.py``) opens the fetched notebook, types a wrong ``layer_sizes``, runs the
   setup cell, the answer cell and the self-check under it and reads the failure; types a
   right one and reads the pass; clicks nbgrader's Validate button and reads the dialog (the
   notebook is incomplete, so validation must fail); opens the Assignment List and sees the
   fetched assignment; and checks that the instructor's tools (Formgrader, Create Assignment,
   Course List) are neither in the menu nor served.

Screenshots of each step are saved under ``test-artifacts/browser/`` at the repository root
(gitignored): ``student-01-notebook.png`` ... ``student-06-assignment-list.png``, plus
``student-failure.png`` when a step fails.

Like ``test_browser.py``, this test FAILS, never skips, when Chromium cannot start. Waits are on
conditions (Playwright's ``expect`` with generous timeouts), so a busy machine only makes it
slower.
"""

from __future__ import annotations

import os
import re
import secrets
import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.security.chromium import launched
from tests.student_env import LOCATION, clean_environ, run_student, student_python

REPO = Path(__file__).resolve().parents[2]
ASSIGNMENT = "C1W3_planar_classification"
SHIPPED_CONFIG = REPO / "scripts" / "student"
ARTIFACTS = REPO / "test-artifacts" / "browser"
WAIT_MS = 120_000  # a condition on a busy 2-core machine: kernel start, imports, validation

WRONG_LAYER_SIZES = """def layer_sizes(X, Y):
    return (X.shape[1], 4, Y.shape[0])  # wrong on purpose: examples, not features
"""
RIGHT_LAYER_SIZES = """def layer_sizes(X, Y):
    return (X.shape[0], 4, Y.shape[0])
"""


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _checked(result: subprocess.CompletedProcess, what: str) -> None:
    assert result.returncode == 0, (
        f"{what} failed (exit {result.returncode}):\n{result.stdout[-3000:]}\n"
        f"{result.stderr[-3000:]}"
    )


class Classroom:
    """An exchange with the released assignment and one student's home with it fetched."""

    def __init__(self, root: Path):
        self.exchange = root / "exchange"
        self.course = root / "course"
        self.home = root / "home"
        self.config = self.home / ".jupyter"
        self.exchange.mkdir()
        self.home.mkdir()

    def release(self) -> None:
        """The instructor's side: ``nbgrader release_assignment`` from a copy of the course."""
        self.course.mkdir()
        for name in ("solutions", "assignments"):
            shutil.copytree(REPO / name, self.course / name)
        shutil.copy2(REPO / "nbgrader_config.py", self.course)
        nbgrader = Path(sys.executable).parent / "nbgrader"
        result = subprocess.run(
            [str(nbgrader), "release_assignment", ASSIGNMENT, f"--Exchange.root={self.exchange}"],
            cwd=self.course,
            capture_output=True,
            text=True,
            timeout=600,
        )
        _checked(result, "nbgrader release_assignment (instructor, project venv)")

    def student_environ(self) -> dict:
        """What the student's processes see: their own home and the shipped configuration."""
        return {
            "HOME": str(self.home),
            "JUPYTER_CONFIG_DIR": str(self.config),
            "DLCOURSE_EXCHANGE": str(self.exchange),
            "OPENBLAS_NUM_THREADS": "1",
            "OMP_NUM_THREADS": "1",
        }

    def fetch(self) -> Path:
        """The student's side: the shipped config, then ``nbgrader fetch_assignment``."""
        shutil.copytree(SHIPPED_CONFIG, self.config, ignore=shutil.ignore_patterns("Docker*"))
        result = run_student(
            ["nbgrader", "fetch_assignment", ASSIGNMENT],
            cwd=self.home,
            **self.student_environ(),
        )
        _checked(result, "nbgrader fetch_assignment (student environment)")
        notebook = self.home / ASSIGNMENT / f"{ASSIGNMENT}.ipynb"
        assert notebook.is_file(), f"fetch did not produce {notebook}: {result.stderr[-2000:]}"
        return notebook


class Lab:
    """JupyterLab of the student environment, serving the student's home."""

    def __init__(self, classroom: Classroom, log: Path):
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        self.url = f"http://127.0.0.1:{self.port}"
        argv = [
            str(LOCATION / "bin" / "jupyter"),
            "lab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={classroom.home}",
        ]
        if os.geteuid() == 0:  # CI runs as root; Jupyter refuses root without this flag
            argv.append("--allow-root")
        self.log = log
        self._log_file = open(log, "wb")  # noqa: SIM115 - closed in stop()
        self.process = subprocess.Popen(
            argv,
            cwd=classroom.home,
            env=clean_environ(**classroom.student_environ()),
            stdout=self._log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )

    def get(self, path: str) -> int:
        """The HTTP status of ``path`` on the server, with the token."""
        request = urllib.request.Request(
            f"{self.url}{path}", headers={"Authorization": f"token {self.token}"}
        )
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                return response.status
        except urllib.error.HTTPError as error:
            return error.code

    def kernel_interpreters(self) -> list[str]:
        """The interpreter of each kernel this server started (its child processes running
        ``ipykernel_launcher``), read from ``/proc``."""
        found = []
        for entry in Path("/proc").iterdir():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
                argv = (entry / "cmdline").read_bytes().split(b"\0")
            except (OSError, ValueError, IndexError):
                continue  # not a process, or it ended while being read
            if parent == self.process.pid and b"ipykernel_launcher" in argv:
                found.append(argv[0].decode())
        return found

    def wait_ready(self, timeout: float = 180) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, (
                f"JupyterLab exited with {self.process.returncode}:\n{self.log.read_text()[-4000:]}"
            )
            try:
                if self.get("/api/status") == 200:
                    return
            except OSError:
                pass
            time.sleep(0.5)  # polling a port, not waiting for an outcome
        raise AssertionError(f"JupyterLab did not answer in {timeout} s:\n{self.log.read_text()}")

    def stop(self) -> None:
        if self.process.poll() is None:
            os.killpg(self.process.pid, 15)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, 9)
                self.process.wait(timeout=30)
        self._log_file.close()


@pytest.fixture(scope="module")
def classroom(tmp_path_factory):
    student_python()  # build (or reuse) the student environment before timing anything else
    room = Classroom(tmp_path_factory.mktemp("student_browser"))
    room.release()
    room.fetch()
    return room


@pytest.fixture(scope="module")
def lab(classroom):
    server = Lab(classroom, classroom.home.parent / "jupyterlab.log")
    try:
        server.wait_ready()
        yield server
    finally:
        server.stop()


@pytest.fixture(scope="module")
def page(lab):
    from playwright.sync_api import expect, sync_playwright

    expect.set_options(timeout=WAIT_MS)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as playwright, launched(playwright) as browser:
        context = browser.new_context(viewport={"width": 1400, "height": 1000})
        context.set_default_timeout(WAIT_MS)
        yield context.new_page()


def shot(page, name: str) -> None:
    page.screenshot(path=str(ARTIFACTS / f"student-{name}.png"))


def cell_with(page, text: str):
    """The notebook cell whose source contains ``text`` (scrolled into view)."""
    cell = page.locator(".jp-Notebook .jp-Cell").filter(
        has=page.locator(".jp-InputArea", has_text=text)
    )
    cell.first.scroll_into_view_if_needed()
    return cell.first


def replace_source(page, cell, source: str) -> None:
    """Select the cell's whole source and insert ``source`` as one edit (no auto-indent)."""
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+a")
    page.keyboard.insert_text(source)


def run(page, cell) -> None:
    """Run one cell and wait until the kernel has finished it (its prompt is a number)."""
    from playwright.sync_api import expect

    prompt = cell.locator(".jp-InputArea-prompt")
    before = prompt.inner_text()
    cell.locator(".cm-content").click()
    page.keyboard.press("Control+Enter")
    # execution counts only grow, so a finished run shows a number other than ``before``
    expect(prompt).not_to_have_text(before, timeout=WAIT_MS)
    expect(prompt).to_have_text(re.compile(r"^\[\d+\]:$"), timeout=WAIT_MS)


def test_student_works_the_notebook_validates_and_sees_the_assignment_list(lab, page):
    from playwright.sync_api import expect

    (ARTIFACTS / "student-failure.png").unlink(missing_ok=True)
    try:
        _student_session(lab, page, expect)
    except BaseException:
        shot(page, "failure")
        raise


def _student_session(lab, page, expect) -> None:
    notebook = f"{ASSIGNMENT}/{ASSIGNMENT}.ipynb"
    page.goto(f"{lab.url}/lab/tree/{notebook}?token={lab.token}")
    expect(page.locator(".jp-Notebook .jp-Cell").first).to_be_visible()
    expect(page.locator(".jp-Notebook-ExecutionIndicator[data-status='idle']")).to_have_count(
        1, timeout=WAIT_MS
    )
    shot(page, "01-notebook")

    setup = cell_with(page, 'check = SelfCheck("C1W3_planar_classification")')
    answer = cell_with(page, "def layer_sizes(X, Y):")
    self_check = cell_with(page, "check(layer_sizes)")

    replace_source(page, answer, WRONG_LAYER_SIZES)
    run(page, setup)
    setup_text = setup.locator(".jp-OutputArea").inner_text()
    assert "Error" not in setup_text, f"the setup cell failed in the student kernel:\n{setup_text}"
    kernels = lab.kernel_interpreters()
    assert kernels and all(path.startswith(str(LOCATION)) for path in kernels), (
        f"the notebook's kernel is not the student environment's Python: {kernels}"
    )
    run(page, answer)
    run(page, self_check)
    output = self_check.locator(".jp-OutputArea")
    expect(output).to_contain_text("layer_sizes", timeout=WAIT_MS)
    wrong_text = output.inner_text()
    shot(page, "02-wrong-layer-sizes")
    assert "✗ layer_sizes" in wrong_text and "expected" in wrong_text, wrong_text
    assert "✓" not in wrong_text, wrong_text
    # the failing self-check raises (so nbgrader's Validate fails), and shows only its message
    expect(output.locator("[data-mime-type='application/vnd.jupyter.stderr']")).to_have_count(1)
    assert "Traceback" not in wrong_text, f"the self-check failure is not compact:\n{wrong_text}"

    replace_source(page, answer, RIGHT_LAYER_SIZES)
    run(page, answer)
    run(page, self_check)
    expect(output).to_contain_text("✓ layer_sizes", timeout=WAIT_MS)
    right_text = output.inner_text()
    shot(page, "03-right-layer-sizes")
    assert "passed" in right_text and "✗" not in right_text, right_text

    page.locator(".validate-button").click()
    dialog = page.locator(".jp-Dialog")
    expect(dialog.filter(has_text="Validation Results")).to_be_visible(timeout=WAIT_MS)
    verdict = dialog.inner_text()
    shot(page, "04-validate")
    print(f"Validate dialog on the notebook with only layer_sizes done:\n{verdict}")
    assert "Success" not in verdict, f"Validate passed an incomplete notebook:\n{verdict}"
    assert "failed" in verdict, verdict
    # Validate ran the saved notebook: the student's right layer_sizes passes there, the
    # functions still to write fail
    assert "check(initialize_parameters)" in verdict, verdict
    assert "check(layer_sizes)" not in verdict, verdict
    dialog.get_by_role("button", name="Ok").click()
    expect(dialog).to_have_count(0)

    page.get_by_role("menuitem", name="Nbgrader").click()
    menu = page.locator("#jp-mainmenu-nbgrader")
    expect(menu).to_be_visible()
    menu_text = menu.inner_text()
    shot(page, "05-nbgrader-menu")
    assert "Assignment List" in menu_text, menu_text
    for instructor_tool in ("Formgrader", "Create assignment", "Course List"):
        assert instructor_tool not in menu_text, f"{instructor_tool} is offered to students"
    # nbgrader's Create Assignment sidebar (its id is spelled so in nbgrader 0.9)
    expect(page.locator("#nbgrader-create_assignemnt")).to_have_count(0)
    menu.get_by_text("Assignment List").click()
    panel = page.locator("#nbgrader-assignment-list")
    expect(panel.locator("#fetched_assignments_list")).to_contain_text(ASSIGNMENT)
    shot(page, "06-assignment-list")


def test_the_instructor_side_is_not_served_to_students(lab):
    """The server extensions as configured: the student's ones answer, the formgrader and the
    course list (instructor views) are not there at all."""
    assert lab.get("/assignments?course_id=dlcourse") == 200
    assert lab.get("/formgrader") == 404
    assert lab.get("/formgraders") == 404
