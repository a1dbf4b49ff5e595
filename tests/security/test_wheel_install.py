"""A non-editable install: the project built as a wheel and installed in a fresh environment.

With ``pip install .`` the reference library (``dlutils``), the grader and its suites (with the
quiz keys) sit in the environment's ``site-packages``, next to numpy. The worker must see numpy
but none of those, even after it removes its import blocker. And a wheel must carry every file
the suites need (a missing ``suites/pytest.ini`` once graded every notebook 0 / 0).

The environment is built once per test run and shared with the other wheel tests
(``tests/wheel_env.py``: the wheel from a copy of the sources, then ``pip install`` of it with
its dependencies from the package index, about two minutes). The installed ``dlcourse check``
grades with the repository's release notebooks (``DLCOURSE_ROOT``); a course folder of the
instructor's own is ``tests/autograder/test_own_course.py``'s subject.
"""

from __future__ import annotations

import json
import os
import subprocess
from pathlib import Path

import pytest

from autograder.samples import submission
from tests.security import kit
from tests.wheel_env import wheel_environment

QUIZ = "C1W3_quiz"
QUIZ_MAX = 10.0

# Every way back to the reference: the blocker removed, then a plain import from every
# directory on the path, then the file loaded by path from wherever the environment keeps it.
DELEGATE = """
import glob, importlib.util, os, sys
sys.meta_path[:] = [f for f in sys.meta_path if "Block" not in type(f).__name__]
roots = list(sys.path) + [sys.prefix, sys.base_prefix]
try:
    from dlutils.shallow import *  # noqa
except ImportError:
    for root in roots:
        for path in glob.glob(os.path.join(root, "**", "dlutils", "shallow.py"), recursive=True):
            sys.path.insert(0, os.path.dirname(os.path.dirname(path)))
            try:
                from dlutils.shallow import *  # noqa
                break
            except ImportError as error:
                print("blocked:", error)
"""

# The quiz key from the installed suite: imported, else read and parsed from its file.
STEAL_KEY = """
import glob, os, sys, tomllib
sys.meta_path[:] = [f for f in sys.meta_path if "Block" not in type(f).__name__]
key = {}
try:
    from autograder.suites.C1W3_quiz.suite import QUESTIONS
    key = {question.name: question.answer for question in QUESTIONS}
except Exception as error:
    print("no import:", error)
roots = list(sys.path) + [sys.prefix, sys.base_prefix]
for root in roots:
    if key:
        break
    pattern = os.path.join(root, "**", "autograder", "suites", "C1W3_quiz", "quiz.toml")
    for path in glob.glob(pattern, recursive=True):
        answers = tomllib.loads(open(path).read())["answers"]
        key.update({name: entry["answer"] for name, entry in answers.items()})
globals().update(key)
"""


@pytest.fixture(scope="module")
def installed() -> Path:
    """A fresh virtual environment with only the project's wheel (shared: tests/wheel_env.py)."""
    return wheel_environment()


def check(environment: Path, notebook: dict, name: str, tmp_path: Path, **env) -> dict:
    """``dlcourse check --json`` of the installed environment, on a copy of ``notebook``."""
    folder = tmp_path / "submission"
    folder.mkdir(exist_ok=True)
    path = kit.write_notebook(folder / f"{name}.ipynb", notebook)
    environment_vars = dict(
        os.environ, DLCOURSE_SECRET=kit.SECRET.decode(), DLCOURSE_ROOT=str(kit.REPO), **env
    )
    environment_vars.pop("PYTHONPATH", None)
    result = subprocess.run(
        [str(environment / "bin" / "dlcourse"), "check", str(path), "--json"],
        capture_output=True,
        text=True,
        env=environment_vars,
        cwd=folder,
        timeout=900,
        start_new_session=True,
    )
    assert result.returncode in (0, 1), result.stderr[-3000:]
    return json.loads(result.stdout)


def bwrap_only() -> dict:
    if not kit.bwrap_usable():
        pytest.skip("bubblewrap is not usable here (needs bwrap, setpriv and root)")
    return {"DLCOURSE_SANDBOX": "bwrap"}


@pytest.mark.slow
def test_the_solutions_earn_full_marks(installed, tmp_path):
    report = check(installed, submission(kit.A), kit.A, tmp_path)
    assert (report["score"], report["max_score"]) == (kit.MAX_SCORE, kit.MAX_SCORE), report
    quiz = check(installed, submission(QUIZ), QUIZ, tmp_path)
    assert (quiz["score"], quiz["max_score"]) == (QUIZ_MAX, QUIZ_MAX), quiz


@pytest.mark.slow
def test_calling_the_installed_reference_earns_nothing(installed, tmp_path):
    notebook = submission(kit.A, {"predict": kit.code(DELEGATE)}, solved=False)
    report = check(installed, notebook, kit.A, tmp_path, **bwrap_only())
    assert report["max_score"] == kit.MAX_SCORE, report
    assert report["score"] == 0, [t for t in report["tests"] if t["points"]]


@pytest.mark.slow
def test_reading_the_installed_quiz_key_earns_nothing(installed, tmp_path):
    answers = {f"q{number}": "pass\n" for number in range(1, 10)}
    answers["q10"] = kit.code(STEAL_KEY)
    report = check(
        installed, submission(QUIZ, answers, solved=False), QUIZ, tmp_path, **bwrap_only()
    )
    assert report["max_score"] == QUIZ_MAX, report
    assert report["score"] == 0, [t for t in report["tests"] if t["points"]]


# The same view with this checkout's own (editable) install, without building a wheel: in every
# directory packages are installed into, the worker finds numpy and nothing else.
LOOK_AROUND = """
import glob, os, sys, sysconfig
sys.meta_path[:] = [f for f in sys.meta_path if "Block" not in type(f).__name__]
places = set(sys.path) | {sysconfig.get_paths()["purelib"], sys.prefix, sys.base_prefix}
# the given dlutils package holds exactly the given modules (tests/autograder/test_given.py)
places.discard(os.path.dirname(os.path.dirname(sys.modules["dlutils"].__file__)))
for root in ("/usr/lib", "/usr/local/lib"):
    places |= set(glob.glob(root + "/python3*/*-packages"))
seen = set()
for place in places:
    for pattern in ("*", "lib/python3*/site-packages/*"):
        for path in glob.glob(os.path.join(place, pattern)):
            name = os.path.basename(path)
            if name.split(".")[0].split("-")[0] in {"dlutils", "autograder", "nbgrader", "pytest",
                                                    "jupyterlab", "dlcourse", "__editable__"}:
                seen.add(name)
            if name.endswith(".pth"):
                seen.add(name)
def predict(parameters, X):
    raise RuntimeError("SEEN=" + repr(sorted(seen)))
"""


def test_the_worker_finds_no_package_but_numpy(grade, monkeypatch):
    bwrap_only()
    monkeypatch.setenv("DLCOURSE_SANDBOX", "bwrap")
    report = grade(kit.attack(predict=LOOK_AROUND))
    kit.assert_honest(report, zero=["predict"])
    assert "SEEN=[]" in kit.messages(report, "predict"), kit.messages(report, "predict")[:2000]
