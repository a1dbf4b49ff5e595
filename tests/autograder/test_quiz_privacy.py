"""No quiz answer is readable from the learner's kernel.

A fresh Python process stands in for the kernel: it runs the solution notebook's setup cell
(the same cell the release carries), answers a question and runs the format check and the
summary. Then it reports every module it imported and every string reachable from any object
it holds. The test asserts that no module that holds or reads the key was imported, that the
check's questions carry no answer, and that no explanation from the judge-only part of
quiz.toml is anywhere in the process's memory.

The key and the explanations are read here with ``tomllib`` straight from quiz.toml, not
through the code under test.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib

import pytest

from autograder import course

QUIZZES = [name for name in course.known_assignments() if course.is_quiz(name)]
FORBIDDEN_MODULES = ("autograder.judge", "autograder.suites", "autograder.kit.quiz", "dlutils")

KERNEL = r"""
import gc, json, sys

namespace = {"__name__": "__main__"}
exec(compile(SETUP, "<setup cell>", "exec"), namespace)
namespace["q1"] = "b"
exec('check("q1")\ncheck.summary()', namespace)
check = namespace["check"]
try:
    stolen = {n: q.answer for n, q in check.questions.items()}  # the leak issue 10 reported
except AttributeError as error:
    stolen = repr(error)

strings, seen = set(), set()
stack = gc.get_objects() + list(sys.modules.values()) + [namespace]
while stack:
    obj = stack.pop()
    if id(obj) in seen:
        continue
    seen.add(id(obj))
    if isinstance(obj, str):
        strings.add(obj)
    elif not isinstance(obj, (bytes, int, float)):
        stack.extend(gc.get_referents(obj))
print("REPORT=" + json.dumps({"modules": sorted(sys.modules), "stolen": stolen,
                              "strings": sorted(strings)}))
"""


def judge_only_part(quiz: str) -> dict[str, dict[str, str]]:
    """``{id: {"answer": ..., "explanation": ...}}`` from the quiz's data file."""
    text = (course.assignment_dir(quiz) / "quiz.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)["answers"]


def setup_cell(quiz: str) -> str:
    notebook = json.loads(course.source_notebook(quiz).read_text(encoding="utf-8"))
    (cell,) = [
        c for c in notebook["cells"] if c["metadata"].get("nbgrader", {}).get("grade_id") == "setup"
    ]
    return "".join(cell["source"])


def run_kernel(quiz: str) -> tuple[str, dict]:
    script = f"SETUP = {setup_cell(quiz)!r}\n" + KERNEL
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=course.release_notebook(quiz).parent,  # the kernel runs in the release folder
        env=os.environ | {"OPENBLAS_NUM_THREADS": "1"},
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    output, _, report = result.stdout.partition("REPORT=")
    return output, json.loads(report)


@pytest.mark.parametrize("quiz", QUIZZES)
def test_no_quiz_answer_is_readable_from_the_learners_kernel(quiz):
    output, report = run_kernel(quiz)
    assert 'q1 = "b" is a valid choice' in output, output  # the format check did run
    assert "questions have an answer in a valid format" in output, output

    imported = [
        name for name in report["modules"] if name.split(".")[0] in {"autograder", "dlutils"}
    ]
    held_key = [name for name in imported if name.startswith(FORBIDDEN_MODULES)]
    assert not held_key, f"the learner's kernel imported {held_key}"
    assert isinstance(report["stolen"], str) and "answer" in report["stolen"], report["stolen"]

    strings = report["strings"]
    assert len(strings) > 1000, "the memory scan found too little to be trusted"
    leaked = [
        name
        for name, entry in judge_only_part(quiz).items()
        if any(entry["explanation"][:60] in text for text in strings)
    ]
    assert not leaked, f"explanations of {leaked} are in the learner's kernel"


def test_the_memory_scan_finds_what_the_kernel_holds():
    """The scan is not blind: a string built at run time and kept inside an object is found.

    The script carries the explanation reversed, so only the object holds it the right way round.
    """
    quiz = QUIZZES[0]
    explanation = judge_only_part(quiz)["q1"]["explanation"]
    setup = (
        setup_cell(quiz)
        + "\nclass Box:\n    pass\n\nbox = Box()\n"
        + f"box.kept = ('x', {{'y': {explanation[::-1]!r}[::-1]}})\n"
    )
    script = f"SETUP = {setup!r}\n" + KERNEL
    result = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        cwd=course.release_notebook(quiz).parent,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-3000:]
    strings = json.loads(result.stdout.partition("REPORT=")[2])["strings"]
    assert explanation in strings
