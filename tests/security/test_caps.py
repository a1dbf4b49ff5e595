"""Caps on everything a student can make big: exception texts, returned values and key
listings, whole reports, forged frames the judge must decode, and answer cells.

Each attack must leave a report under :data:`engine.MAX_REPORT_BYTES`, a judge that survives
(with bounded memory), and classmates' functions with the marks they earned honestly.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

from autograder.judge import engine
from tests.security import kit
from tests.security.kit import attack

FUNCTIONS = kit.FUNCTIONS

BIG = 4_000_000  # a 4 MB exception class name and message

HUGE_EXCEPTION = f"""
_Big = type("E" * {BIG}, (Exception,), {{}})

def {{name}}(*args, **kwargs):
    raise _Big("m" * {BIG})
"""


def test_exceptions_with_4_mb_names_and_messages_are_capped(grade):
    """Every function raises an exception with a 4 MB class name and message, and one answer
    cell raises one while it runs: the largest report one submission can make."""
    answers = {name: HUGE_EXCEPTION.replace("{name}", name) for name in FUNCTIONS}
    answers["layer_sizes"] += f'\nraise _Big("c" * {BIG})\n'
    report = grade(attack(**answers))
    size = len(kit.report_text(report))
    assert size <= engine.MAX_REPORT_BYTES, size
    assert report.score == 0
    assert report.max_score == kit.MAX_SCORE
    text = kit.report_text(report)
    assert "E" * 300 not in text and "m" * 3000 not in text
    assert "characters cut" in text  # the learner is told the text was cut


def test_one_huge_exception_costs_only_its_own_function(grade):
    report = grade(attack(predict=HUGE_EXCEPTION.replace("{name}", "predict")))
    kit.assert_honest(report, zero=["predict"])
    assert len(kit.report_text(report)) <= engine.MAX_REPORT_BYTES
    assert "raised E" in kit.messages(report, "predict")


def test_a_dict_with_a_million_keys_is_refused_not_listed(grade):
    report = grade(
        attack(
            update_parameters="""
    def update_parameters(parameters, grads, learning_rate=1.2):
        return {str(i): None for i in range(1_000_000)}
    """
        )
    )
    # nn_model calls update_parameters, so it fails honestly too.
    kit.assert_honest(report, zero=["update_parameters", "nn_model"])
    assert len(kit.report_text(report)) <= engine.MAX_REPORT_BYTES
    assert "update_parameters" in kit.messages(report, "update_parameters")


def test_a_listing_of_many_keys_is_cut(grade):
    report = grade(
        attack(
            update_parameters="""
    def update_parameters(parameters, grads, learning_rate=1.2):
        return {"key%d_%s" % (i, "k" * 200): 1.0 for i in range(20_000)}
    """
        )
    )
    kit.assert_honest(report, zero=["update_parameters", "nn_model"])
    text = kit.messages(report, "update_parameters")
    assert "is missing the key(s)" in text
    assert "more)" in text  # the listing says how many keys it left out
    assert len(kit.report_text(report)) <= engine.MAX_REPORT_BYTES


FORGED_64_MIB = """
import os, struct, sys

def predict(parameters, X):
    body = b'{"l":[' + b'{},' * (21 * 2**20) + b'{}]}'
    os.write(int(sys.argv[3]), struct.pack(">Q", len(body)) + body)
    return np.zeros((1, X.shape[1]))
"""

NESTED_DURING_A_CELL = """
import os, struct, sys

body = b'{"l":' * 200_000 + b'null' + b'}' * 200_000
os.write(int(sys.argv[3]), struct.pack(">Q", len(body)) + body)

def predict(parameters, X):
    return np.zeros((1, X.shape[1]))
"""


PEAK_WRAPPER = """
import resource, subprocess, sys
code = subprocess.call(sys.argv[1:])
print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def _check_with_peak_memory(path, *extra):
    """``dlcourse check`` in a child of a small wrapper; returns (result, the peak RSS in MiB
    of the largest process it ran: the judge or one of its workers)."""
    environment = dict(os.environ, DLCOURSE_SECRET=kit.SECRET.decode())
    environment.pop("PYTHONPATH", None)
    dlcourse = os.path.join(os.path.dirname(sys.executable), "dlcourse")
    result = subprocess.run(
        [sys.executable, "-c", PEAK_WRAPPER, dlcourse, "check", str(path), *extra],
        capture_output=True,
        text=True,
        env=environment,
        cwd=path.parent,
        timeout=600,
        start_new_session=True,
    )
    peak_kib = int(result.stderr.strip().splitlines()[-1])
    return result, peak_kib / 1024


def test_a_forged_64_mib_frame_of_empty_objects_is_a_protocol_failure(tmp_path):
    path = kit.write_notebook(tmp_path / "forged.ipynb", attack(predict=FORGED_64_MIB))
    result, peak = _check_with_peak_memory(path, "--json")
    assert result.returncode == 1, result.stderr[-2000:]
    report = json.loads(result.stdout)
    points = {}
    for test in report["tests"]:
        points[test["function"]] = points.get(test["function"], 0) + test["points"]
    assert points["predict"] == 0
    assert report["score"] == kit.MAX_SCORE - 1
    messages = " ".join(t["message"] for t in report["tests"] if t["function"] == "predict")
    assert "larger than" in messages or "malformed" in messages, messages
    assert len(result.stdout) <= engine.MAX_REPORT_BYTES + 4096
    # Decoding 64 MiB of {} took the judge to 1.7 GB; a refused frame is never decoded.
    assert peak < 1024, f"the judge (or a worker) peaked at {peak:.0f} MiB"


def test_a_deeply_nested_frame_during_a_cell_fails_that_cell_only(tmp_path):
    path = kit.write_notebook(tmp_path / "nested.ipynb", attack(predict=NESTED_DURING_A_CELL))
    result = kit.run_check(path, "--json")
    assert result.returncode == 1, result.stderr[-2000:]
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    points = {}
    for test in report["tests"]:
        points[test["function"]] = points.get(test["function"], 0) + test["points"]
    assert points["predict"] == 0
    assert report["score"] == kit.MAX_SCORE - 1
    assert any("'predict' failed when run" in note for note in report["notes"]), report["notes"]


def test_an_answer_cell_too_big_for_the_channel_is_bad_input(tmp_path):
    filler = "# " + "x" * 98 + "\n"
    big = filler * (70 * 2**20 // len(filler)) + kit.solution("predict")
    path = kit.write_notebook(tmp_path / "big.ipynb", attack(predict=big))
    result = kit.run_check(path, "--json")
    assert result.returncode == 2, (result.returncode, result.stderr[-2000:])
    assert "Traceback" not in result.stderr
    error = json.loads(result.stdout)["error"]
    assert "'predict'" in error and f"at most {engine.MAX_CELL_BYTES // 2**20} MiB" in error


def test_the_report_cap_bounds_the_sum_of_capped_messages():
    """Each message is capped at a few KB; many of them are cut further to fit the report."""
    from autograder.judge.report import Report, TestResult

    report = Report(assignment=kit.A, notes=["n" * 10_000] * 5)
    report.tests = [
        TestResult(f"f{i}", f"test_{i}", 0.0, 1.0, False, "x" * 6_500) for i in range(200)
    ]
    engine.cap_report(report)
    assert len(kit.report_text(report)) <= engine.MAX_REPORT_BYTES
    assert all(t.message.startswith("x" * 40) for t in report.tests)
