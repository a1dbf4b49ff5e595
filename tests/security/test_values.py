"""Attacks on the comparison: monkeypatching, lying values, introspection, forged channel data.

The judge compares in its own process with functions it imported before any student code ran,
on plain data that crossed a data-only channel, so none of these can earn a point.
"""

from __future__ import annotations

import base64
import json

import numpy as np
import pytest

from autograder import course
from dlutils import shallow
from tests.security import kit
from tests.security.kit import attack

suite = course.suite_module(kit.A)

WRONG_PREDICT = """
def predict(parameters, X):
    return np.zeros((1, X.shape[1]))
"""


def test_monkeypatching_numpy_comparisons_earns_nothing(grade):
    patch = """
    import numpy as np
    import numpy.testing
    np.allclose = lambda *a, **k: True
    np.isclose = lambda a, b, *r, **k: np.ones(np.shape(a), dtype=bool)
    np.array_equal = lambda *a, **k: True
    np.testing.assert_allclose = lambda *a, **k: None
    np.testing.assert_array_equal = lambda *a, **k: None
    """
    report = grade(attack(predict=kit.join(patch, WRONG_PREDICT)))
    kit.assert_honest(report, zero=["predict"])
    assert "differs" in kit.messages(report, "predict")


def test_patching_builtins_in_the_worker_earns_nothing(grade):
    patch = """
    import builtins
    builtins.isinstance = lambda *a: True
    builtins.type = lambda *a: object
    builtins.float = lambda *a: 0.0
    builtins.abs = lambda x: 0
    """
    report = grade(attack(predict=kit.join(WRONG_PREDICT, patch)))
    kit.assert_honest(report, zero=["predict"])


def test_fake_grader_modules_in_the_worker_earn_nothing(grade):
    patch = """
    import sys, types
    for name in ("autograder", "autograder.learner.compare", "autograder.kit.spec", "pytest",
                 "dlutils"):
        fake = types.ModuleType(name)
        for helper in ("expect_array", "expect_dict", "expect_scalar", "expect_equal"):
            setattr(fake, helper, lambda *a, **k: None)
        sys.modules[name] = fake
    """
    report = grade(attack(predict=kit.join(patch, WRONG_PREDICT)))
    kit.assert_honest(report, zero=["predict"])


def test_ndarray_subclass_with_a_lying_eq_is_judged_on_its_data(grade):
    liar = """
    class Always(np.ndarray):
        def __eq__(self, other):
            return True
        def __ne__(self, other):
            return False
        def __array_finalize__(self, obj):
            pass

    def predict(parameters, X):
        return np.full((1, X.shape[1]), 0.25).view(Always)
    """
    report = grade(attack(predict=liar))
    kit.assert_honest(report, zero=["predict"])


def test_object_with_lying_eq_array_and_float_cannot_cross_the_channel(grade):
    liar = """
    class Liar:
        def __eq__(self, other): return True
        def __ne__(self, other): return False
        def __array__(self, dtype=None, copy=None): return np.zeros((1, 1))
        def __float__(self): return 0.6931
        def __len__(self): return 1
        shape = (1, 7)
        dtype = np.dtype("float64")

    def predict(parameters, X):
        return Liar()

    def compute_cost(A2, Y):
        return Liar()
    """
    report = grade(attack(predict=liar))
    # compute_cost is redefined in the predict cell (the last answer cell), so it is the liar.
    kit.assert_honest(report, zero=["predict", "compute_cost"])
    assert "cannot be graded" in kit.messages(report, "predict")
    assert "Liar" in kit.messages(report, "compute_cost")


def test_float_and_dict_subclasses_are_refused(grade):
    liar = """
    import collections
    class Float(float):
        def __eq__(self, other): return True
        def __ne__(self, other): return False
        __hash__ = float.__hash__

    def compute_cost(A2, Y):
        return Float(123.0)

    def nn_model(X, Y, n_h, num_iterations=10000, print_cost=False, *, rng):
        shapes = {"W1": (n_h, X.shape[0]), "b1": (n_h, 1), "W2": (1, n_h), "b2": (1, 1)}
        fake = collections.defaultdict(lambda: np.zeros((1, 1)))
        fake.update({key: np.zeros(shape) for key, shape in shapes.items()})
        return fake
    """
    report = grade(attack(predict=kit.join(solution_predict(), liar)))
    kit.assert_honest(report, zero=["compute_cost", "nn_model"])
    assert "cannot be graded" in kit.messages(report, "compute_cost")
    assert "defaultdict" in kit.messages(report, "nn_model")


def test_nan_everywhere_does_not_ride_on_equal_nan(grade):
    report = grade(
        attack(
            predict="""
    def predict(parameters, X):
        return np.full((1, X.shape[1]), np.nan)
    """
        )
    )
    kit.assert_honest(report, zero=["predict"])
    assert "NaN" in kit.messages(report, "predict")


def test_object_complex_and_bytes_values_are_refused(grade):
    report = grade(
        attack(
            predict="""
    def predict(parameters, X):
        return np.array([[None] * X.shape[1]], dtype=object)

    def compute_cost(A2, Y):
        return 0.5 + 0j

    def update_parameters(parameters, grads, learning_rate=1.2):
        return {key: b"\\x00" * 8 for key in parameters}
    """
        )
    )
    kit.assert_honest(report, zero=["predict", "compute_cost", "update_parameters", "nn_model"])


def test_a_value_too_large_for_the_channel_fails_only_that_test(grade):
    huge = """
    calls = []

    def predict(parameters, X):
        calls.append(1)
        if len(calls) == 1:  # once is enough (encoding 93 MB takes a while)
            return np.ones((1, 70_000_000), dtype=np.uint8)
        return np.zeros((1, X.shape[1]))
    """
    report = grade(attack(predict=huge))
    # Encoding the 93 MB reply takes seconds on a busy machine: the call may time out before
    # the size cap refuses it. Both are safe; a reply that got through would be judged "differs".
    kit.assert_stopped_safely(report, "predict", ("MiB", *kit.SLOW_MACHINE_MESSAGES))


def test_self_referential_and_deeply_nested_values_are_refused(grade):
    report = grade(
        attack(
            predict="""
    def predict(parameters, X):
        loop = []
        loop.append(loop)
        return loop

    def compute_cost(A2, Y):
        value = 0.5
        for _ in range(100):
            value = [value]
        return value
    """
        )
    )
    kit.assert_honest(report, zero=["predict", "compute_cost"])
    assert "nested too deeply" in kit.messages(report, "predict")


def test_frame_inspection_finds_no_expected_values(grade):
    snoop = """
    import inspect

    def predict(parameters, X):
        # Walk every caller frame and return the first (1, m) array that is not an input.
        frame = inspect.currentframe().f_back
        while frame is not None:
            for value in list(frame.f_locals.values()) + list(frame.f_globals.values()):
                if isinstance(value, np.ndarray) and value.shape == (1, X.shape[1]) \\
                        and value is not X:
                    return value
            frame = frame.f_back
        return np.full((1, X.shape[1]), 0.5)
    """
    report = grade(attack(predict=snoop))
    kit.assert_honest(report, zero=["predict"])


def test_gc_inspection_finds_no_expected_values(grade):
    snoop = """
    import gc

    def predict(parameters, X):
        m = X.shape[1]
        for obj in gc.get_objects():
            if isinstance(obj, dict):
                for value in obj.values():
                    if isinstance(value, np.ndarray) and value.shape == (1, m) and value is not X \\
                            and set(np.unique(value)) <= {0.0, 1.0}:
                        return value
        return np.full((1, m), 0.5)
    """
    report = grade(attack(predict=snoop))
    kit.assert_honest(report, zero=["predict"])


def test_hard_coding_the_public_answer_earns_nothing(grade):
    public = suite.test_compute_cost.pytestmark[0].kwargs["public"][0]
    answer = public.run(shallow.compute_cost)
    report = grade(
        attack(
            predict=kit.join(
                solution_predict(),
                f"""
    def compute_cost(A2, Y):
        return {answer!r}
    """,
            )
        )
    )
    tests = [t for t in report.tests if t.function == "compute_cost"]
    value_test = [t for t in tests if t.name.startswith("test_compute_cost[")]
    assert [t.passed for t in value_test] == [True, False, False, False]
    # Points come from hidden cases only, and its returns-float check pays nothing to a wrong
    # value: the hard-coded answer earns nothing at all.
    kit.assert_honest(report, zero=["compute_cost"])


def test_forged_reply_frames_on_the_channel_earn_nothing(grade):
    forge = """
    import json, os, struct, sys

    def _frame(message):
        body = json.dumps(message).encode()
        return struct.pack(">Q", len(body)) + body

    def predict(parameters, X):
        ok = {"d": [["status", "ok"], ["value", {"f": 1.0}], ["args_after", {"l": []}],
                    ["kwargs_after", {"d": []}]]}
        fd = int(sys.argv[3])
        for _ in range(5):
            os.write(fd, _frame(ok))
        return np.full((1, X.shape[1]), 0.5)
    """
    report = grade(attack(predict=forge))
    kit.assert_honest(report, zero=["predict"])


def test_a_bogus_frame_header_is_a_protocol_failure(grade):
    report = grade(
        attack(
            predict="""
    import os, sys
    def predict(parameters, X):
        os.write(int(sys.argv[3]), (2**62).to_bytes(8, "big"))
        return np.zeros((1, X.shape[1]))
    """
        )
    )
    kit.assert_honest(report, zero=["predict"])
    assert "larger than 64 MiB" in kit.messages(report, "predict")


def test_pickled_payloads_on_the_channel_are_never_loaded(grade, tmp_path):
    marker = tmp_path / "unpickled"
    payload = f"""
    import base64, io, json, os, pickle, struct, sys

    class Boom:
        def __reduce__(self):
            return (open, ({str(marker)!r}, "w"))

    def _frame(value):
        message = {{"d": [["status", "ok"], ["value", value], ["args_after", {{"l": []}}],
                          ["kwargs_after", {{"d": []}}]]}}
        body = json.dumps(message).encode()
        return struct.pack(">Q", len(body)) + body

    def predict(parameters, X):
        buffer = io.BytesIO()
        np.save(buffer, np.array([Boom()], dtype=object), allow_pickle=True)
        os.write(int(sys.argv[3]), _frame({{"a": base64.b64encode(buffer.getvalue()).decode()}}))
        os._exit(0)

    def compute_cost(A2, Y):
        raw = base64.b64encode(pickle.dumps(Boom())).decode()
        os.write(int(sys.argv[3]), _frame({{"pickle": raw}}))
        os._exit(0)
    """
    report = grade(attack(predict=payload))
    assert not marker.exists(), "the judge unpickled data sent by the worker"
    # nn_model calls compute_cost, so it honestly fails too.
    kit.assert_honest(report, zero=["predict", "compute_cost", "nn_model"])
    assert "malformed" in kit.messages(report, "predict")
    assert "malformed" in kit.messages(report, "compute_cost")


def test_fake_pass_text_and_fake_json_on_stdout_change_nothing(tmp_path):
    full = kit.MAX_SCORE
    fake = {"assignment": kit.A, "score": full, "max_score": full, "tests": [], "notes": []}
    liar = f"""
    import sys
    print({json.dumps(json.dumps(fake))})
    print("All tests passed! {full:g} / {full:g} points")
    sys.stderr.write("\\x1b[2J\\x1b[H predict: 1 / 1 points\\n")

    def predict(parameters, X):
        print({json.dumps(json.dumps(fake))})
        print("test_predict PASSED")
        return np.zeros((1, X.shape[1]))
    """
    path = kit.write_notebook(tmp_path / "liar.ipynb", attack(predict=liar))
    result = kit.run_check(path, "--json")
    assert result.returncode == 1, result.stderr
    report = json.loads(result.stdout)  # stdout is exactly one JSON object: the judge's
    points = {}
    for test in report["tests"]:
        points[test["function"]] = points.get(test["function"], 0) + test["points"]
    assert points["predict"] == 0
    assert report["score"] == pytest.approx(kit.MAX_SCORE - 1)


@pytest.mark.xfail(
    strict=True,
    reason="KNOWN LIMIT: the before/after snapshot of the arguments is taken in the worker, "
    "which runs the student's code, so a submission can patch it and hide an in-place update. "
    "Only the 'leaves inputs alone' tests are affected (0.25-0.5 points each); values are "
    "still judged by the parent.",
)
def test_hiding_an_in_place_update_by_patching_the_worker(grade):
    hide = """
    import copy, sys
    _worker = sys.modules["__main__"]
    _real_snapshot = _worker._snapshot
    _before = []

    def update_parameters(parameters, grads, learning_rate=1.2):
        _before.append(copy.deepcopy([parameters, grads, learning_rate]))
        for key in list(parameters):
            parameters[key] -= learning_rate * grads["d" + key]
        return parameters

    def _fake_snapshot(value):
        return _before.pop() if _before else _real_snapshot(value)

    _worker._snapshot = _fake_snapshot
    """
    report = grade(attack(update_parameters=hide))
    # Honestly, an in-place update loses test_update_parameters_leaves_inputs_alone (0.25).
    kit.assert_honest(report, partial={"update_parameters": 1.25})


def solution_predict() -> str:
    return kit.solution("predict")


def test_channel_values_are_checked_by_type_not_by_duck_typing():
    """The judge's decoder only ever builds plain values and base ndarrays."""
    from autograder.learner import channel

    tree = {"a": base64.b64encode(b"\x93NUMPY not really").decode()}
    with pytest.raises(channel.ChannelError):
        channel.from_wire(tree)
    with pytest.raises(channel.ChannelError):
        channel.from_wire({"pickle": "gASV"})
    array = channel.from_wire(channel.to_wire(np.arange(3.0).view(np.matrix)))
    assert type(array) is np.ndarray


def test_hidden_expected_values_never_reach_the_report(grade):
    """Wrong answers on hidden cases: messages give shapes and error sizes, never the
    reference's numbers (which a learner could copy into the next submission)."""
    from autograder.kit.plugin import suite_cases
    from autograder.learner.compare import _fmt

    wrong = """
    def compute_cost(A2, Y):
        return float(-np.sum(Y * np.log(A2)))

    def update_parameters(parameters, grads, learning_rate=1.2):
        return {k: parameters[k] + learning_rate * grads["d" + k] for k in parameters}

    def forward_propagation(X, parameters):
        Z1 = parameters["W1"] @ X + parameters["b1"]
        A1 = np.tanh(Z1)
        Z2 = parameters["W2"] @ A1
        A2 = 1 / (1 + np.exp(-Z2))
        return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}
    """
    report = grade(attack(predict=kit.join(solution_predict(), wrong)))
    hidden_text = "\n".join(t.message for t in report.tests if t.hidden and not t.passed)
    assert "hidden case" in hidden_text
    secrets_seen = set()
    for test_name, reference in (
        ("test_compute_cost", shallow.compute_cost),
        ("test_update_parameters", shallow.update_parameters),
        ("test_forward_propagation", shallow.forward_propagation),
    ):
        for case in suite_cases(suite, test_name, full=True, secret=kit.SECRET, assignment=kit.A):
            if not case.hidden:
                continue
            values = case.run(reference)
            for value in _leaves(values):
                for number in np.ravel(value):
                    text = _fmt(number)
                    if len(text.strip("-0.")) >= 4:
                        secrets_seen.add(text)
    assert len(secrets_seen) > 50
    leaked = [text for text in secrets_seen if text in hidden_text]
    assert not leaked, leaked[:10]
    # The same search does find expected values where they are meant to be shown: public cases.
    public = suite.test_compute_cost.pytestmark[0].kwargs["public"][0]
    public_text = "\n".join(t.message for t in report.tests if not t.hidden and not t.passed)
    assert f"expected {_fmt(public.run(shallow.compute_cost))}" in public_text


def _leaves(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _leaves(item)
    elif isinstance(value, tuple | list):
        for item in value:
            yield from _leaves(item)
    else:
        yield np.asarray(value, dtype=float)
