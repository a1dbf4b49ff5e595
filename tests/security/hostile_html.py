"""The hostile HTML submission, its two graded course copies (session fixtures, shared by
test_html.py and test_browser.py through conftest.py), and the checks that read its pages."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from autograder.samples import submission
from tests.conftest import copy_course
from tests.security import kit

A = kit.A
STUDENT = "mallory"
MARK = "PWNED"

# Each payload, if it ran, would call alert() and set document.title / window.pwned.
RUN = f"document.title='{MARK}';window.pwned='{MARK}';alert('{MARK}')"
HOSTILE_MARKDOWN = [
    f'<img src=x onerror="{RUN}">',
    f"<script>{RUN}</script>",
    f'<svg onload="{RUN}"><circle r="5"/></svg>',
    f"<iframe srcdoc=\"<script>parent.document.title='{MARK}';parent.alert(1)</script>\"></iframe>",
    f"[click for your grade](javascript:{RUN})",
    f'<a href="javascript:{RUN}">your grade</a>',
    '<div style="position:fixed;top:0;left:0;width:100%;height:100%;background:white;'
    f'z-index:99999"><h1>Score: 14 / 14 {MARK}</h1></div>',
    f'<details open ontoggle="{RUN}"><summary>x</summary></details>',
    f'<style>body {{ background: url("javascript:{RUN}") }}</style>',
]


def hostile_submission() -> dict:
    notebook = submission(A)
    cells = [
        {"cell_type": "markdown", "metadata": {}, "source": payload, "id": f"md{index}"}
        for index, payload in enumerate(HOSTILE_MARKDOWN)
    ]
    cells.append(
        {
            "cell_type": "raw",
            "metadata": {"raw_mimetype": "text/html", "format": "text/html"},
            "source": f'<script>{RUN}</script><img src=x onerror="{RUN}">',
            "id": "raw0",
        }
    )
    cells.append(
        {
            "cell_type": "code",
            "metadata": {},
            "execution_count": 1,
            "source": "pass",
            "id": "out0",
            "outputs": [
                {
                    "output_type": "display_data",
                    "metadata": {},
                    "data": {
                        "text/html": f"<script>{RUN}</script>",
                        "application/javascript": RUN,
                        "text/plain": "harmless",
                    },
                }
            ],
        }
    )
    # The hostile cells come first, where the instructor looks.
    notebook["cells"] = cells + notebook["cells"]
    return notebook


# --- a course copy graded both ways ---------------------------------------------------------


def environment(root: Path) -> dict:
    env = dict(os.environ, DLCOURSE_ROOT=str(root), DLCOURSE_SECRET="html-secret")
    env["PATH"] = str(Path(sys.executable).parent) + os.pathsep + env.get("PATH", "")
    env.pop("PYTHONPATH", None)
    return env


def run(root: Path, *command: str) -> subprocess.CompletedProcess:
    result = subprocess.run(
        list(command),
        cwd=root,
        env=environment(root),
        capture_output=True,
        text=True,
        timeout=900,
        start_new_session=True,
    )
    return result


def make_course(tmp_path_factory, template: Path, name: str) -> Path:
    """A copy of the session's released course (tests/conftest.py) with the hostile submission."""
    root = copy_course(template, tmp_path_factory.mktemp(name) / "course")
    folder = root / "submitted" / STUDENT / A
    folder.mkdir(parents=True)
    (folder / f"{A}.ipynb").write_text(json.dumps(hostile_submission()))
    return root


@pytest.fixture(scope="session")
def dlcourse_path(tmp_path_factory, released_template) -> Path:
    """``dlcourse autograde`` then ``dlcourse feedback`` and nbgrader's ``generate_feedback``
    (an instructor may mix them) on the hostile submission."""
    root = make_course(tmp_path_factory, released_template, "dlcourse_html")
    dlcourse = str(Path(sys.executable).parent / "dlcourse")
    graded = run(root, dlcourse, "autograde", A, "--no-progress")
    assert graded.returncode == 0, graded.stdout + graded.stderr[-3000:]
    feedback = run(root, dlcourse, "feedback", A)
    assert feedback.returncode == 0, feedback.stdout + feedback.stderr[-3000:]
    page = root / "feedback" / STUDENT / A / f"{A}.html"
    shutil.move(page, root / "dlcourse-feedback.html")
    nbgrader(root, "generate_feedback")
    return root


@pytest.fixture(scope="session")
def nbgrader_path(tmp_path_factory, released_template) -> Path:
    """``nbgrader autograde`` then ``nbgrader generate_feedback`` on the hostile submission."""
    root = make_course(tmp_path_factory, released_template, "nbgrader_html")
    nbgrader(root, "autograde")
    nbgrader(root, "generate_feedback")
    return root


def nbgrader(root: Path, command: str) -> None:
    """``nbgrader COMMAND A --force --student STUDENT`` in the course, which must succeed."""
    result = run(
        root, sys.executable, "-m", "nbgrader", command, A, "--force", "--student", STUDENT
    )
    assert result.returncode == 0, result.stderr[-3000:]


def pages(root: Path) -> dict[str, Path]:
    """Every HTML page of the hostile submission in this course copy."""
    found = {"nbgrader generate_feedback": root / "feedback" / STUDENT / A / f"{A}.html"}
    if (root / "dlcourse-feedback.html").exists():
        found["dlcourse feedback"] = root / "dlcourse-feedback.html"
    return found


def formgrader_view(root: Path) -> str:
    """The autograded notebook as nbconvert renders it (as the formgrader does)."""
    from nbconvert import HTMLExporter

    path = root / "autograded" / STUDENT / A / f"{A}.ipynb"
    body, _ = HTMLExporter().from_filename(str(path))
    return body


# --- what "live" means -----------------------------------------------------------------------


class _Live(HTMLParser):
    """Collects every place where the student's payload could run or cover the page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[str] = []
        self._in: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            value = value or ""
            if name.startswith("on") and MARK in value:
                self.found.append(f"<{tag} {name}=…> event handler")
            if name in ("href", "src", "action", "formaction", "xlink:href") and (
                value.strip().lower().startswith("javascript:")
            ):
                self.found.append(f"<{tag} {name}=javascript:…>")
            if name == "srcdoc":
                self.found.append(f"<{tag} srcdoc=…>")
            if name == "style" and "fixed" in value.replace(" ", "").lower():
                self.found.append(f"<{tag} style=position:fixed>")
        if tag in ("script", "style", "iframe", "svg", "object", "embed"):
            self._in.append(tag)
        if tag in ("iframe", "object", "embed"):
            self.found.append(f"<{tag}>")

    def handle_endtag(self, tag):
        if self._in and self._in[-1] == tag:
            self._in.pop()

    def handle_data(self, data):
        if self._in and self._in[-1] in ("script", "style") and MARK in data:
            self.found.append(f"<{self._in[-1]}> with the payload")


def live_payloads(page: str) -> list[str]:
    parser = _Live()
    parser.feed(page)
    return parser.found
