"""The data-only channel: plain values round-trip, nothing else crosses."""

from __future__ import annotations

import base64
import io
import json
import pickle

import numpy as np
import pytest

from autograder.learner import channel
from autograder.learner.channel import ChannelError, Seed


def roundtrip(value):
    frame = channel.dumps(value)
    return channel.loads(frame[8:])


def test_plain_values_round_trip_exactly():
    value = {
        "a": np.arange(6, dtype=np.float32).reshape(2, 3),
        "t": (1, 2.5, "x", None, True),
        "l": [float("nan"), float("inf"), -float("inf"), 10**30],
        "b": np.array([True, False]),
        "rng": Seed(7),
    }
    back = roundtrip(value)
    assert back["a"].dtype == np.float32 and np.array_equal(back["a"], value["a"])
    assert back["t"] == (1, 2.5, "x", None, True) and type(back["t"]) is tuple
    assert np.isnan(back["l"][0]) and back["l"][1:] == [float("inf"), -float("inf"), 10**30]
    assert back["b"].dtype == bool
    assert back["rng"] == Seed(7)


def test_numpy_scalars_become_python_numbers():
    back = roundtrip([np.float64(1.5), np.int64(3), np.bool_(True)])
    assert back == [1.5, 3, True]
    assert [type(x) for x in back] == [float, int, bool]


def test_ndarray_subclasses_arrive_as_plain_arrays():
    class Lying(np.ndarray):
        def __eq__(self, other):
            return True

    value = np.zeros(3).view(Lying)
    back = roundtrip(value)
    assert type(back) is np.ndarray


@pytest.mark.parametrize(
    "value",
    [object(), {1: 2}, np.array([object()], dtype=object), lambda: 0, {1, 2}, b"bytes"],
    ids=["object", "int-key", "object-array", "function", "set", "bytes"],
)
def test_other_types_cannot_be_sent(value):
    with pytest.raises(ChannelError):
        channel.dumps(value)


def test_pickled_payloads_are_refused_on_decode():
    payload = pickle.dumps(np.arange(3))
    frame = json.dumps({"a": base64.b64encode(payload).decode()}).encode()
    with pytest.raises(ChannelError):
        channel.loads(frame)
    buffer = io.BytesIO()
    np.save(buffer, np.array([{"x": 1}], dtype=object), allow_pickle=True)
    frame = json.dumps({"a": base64.b64encode(buffer.getvalue()).decode()}).encode()
    with pytest.raises(ChannelError):
        channel.loads(frame)


@pytest.mark.parametrize(
    "raw",
    [b"not json", b'{"x": 1}', b'{"i": 5}', b'{"d": [[1, 2]]}', b"[1, 2]", b"\xff\xfe"],
)
def test_malformed_frames_are_channel_errors(raw):
    with pytest.raises(ChannelError):
        channel.loads(raw)


def test_deep_nesting_is_refused():
    value = []
    for _ in range(100):
        value = [value]
    with pytest.raises(ChannelError):
        channel.dumps(value)
