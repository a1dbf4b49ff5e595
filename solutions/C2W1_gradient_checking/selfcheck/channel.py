"""The data-only channel between the trusted judge and the sandboxed worker.

Values cross as JSON text in length-prefixed frames. Every node is tagged, so the decoder
never guesses and never runs code:

========================  =============================================================
Python value              wire form
========================  =============================================================
None, bool, str           themselves
int                       ``{"i": "123"}`` (text, so big ints survive)
float                     ``{"f": 1.5}`` (``"nan"``, ``"inf"``, ``"-inf"`` as strings)
tuple / list              ``{"t": [...]}`` / ``{"l": [...]}``
dict with str keys        ``{"d": [[key, value], ...]}``
numpy.ndarray             ``{"a": base64 of np.save(..., allow_pickle=False)}``
Seed (judge -> worker)    ``{"rng": seed}``: the worker builds ``np.random.default_rng``
========================  =============================================================

Anything else cannot be encoded: the encoder raises :class:`ChannelError` with the type
name. Arrays are read back with ``allow_pickle=False``; object arrays are refused.

This module imports only the standard library and numpy, because the worker loads it by
path inside the sandbox, where the ``autograder`` package is not available. It sits in the kit,
the layer both sides build on, because three parties speak it: the judge and its worker (framed
on pipes), and the learner's self-check, whose ``LocalStudent`` puts every value through the
same encoding so that the checks see what they see in grading. The judge imports the kit; the
learner's kernel must not import the judge (nor load its sandbox).
"""

from __future__ import annotations

import base64
import copy
import io
import json
import math
import os
import struct

import numpy as np

MAX_FRAME_BYTES = 64 * 1024 * 1024
# Replies (worker -> judge) are capped lower: the judge decodes them. The largest honest reply
# of the Course 1 suites is 37 KiB with 75 JSON objects and arrays (the solutions of every
# Course 1 notebook graded in full); 16 MiB leaves room for a wrong answer of a wrong shape
# (an (m, m) array where (1, m) was expected) to be judged, not refused.
MAX_REPLY_BYTES = 16 * 1024 * 1024
# JSON objects and arrays in one reply. Arrays cross as one base64 string, so an honest reply
# has fewer than a hundred; a 16 MiB frame of ``{}`` would otherwise hold 4 million of them.
MAX_REPLY_NODES = 100_000
MAX_DEPTH = 32
_HEADER = struct.Struct(">Q")


class ChannelError(Exception):
    """A value could not cross the channel (wrong type, too big, malformed frame)."""


class Seed:
    """A request for a fresh ``np.random.default_rng(seed)`` on the other side."""

    __slots__ = ("seed",)

    def __init__(self, seed: int):
        self.seed = int(seed)

    def generator(self) -> np.random.Generator:
        return np.random.default_rng(self.seed)

    def __repr__(self) -> str:
        return f"Seed({self.seed})"

    def __eq__(self, other: object) -> bool:
        return type(other) is Seed and other.seed == self.seed

    def __hash__(self) -> int:
        return hash(("Seed", self.seed))


def _encode_array(array: np.ndarray) -> dict:
    if array.dtype.hasobject or array.dtype.kind not in "biufcSU":
        raise ChannelError(f"arrays of dtype {array.dtype} cannot be sent; use a numeric array")
    buffer = io.BytesIO()
    np.save(buffer, np.ascontiguousarray(array), allow_pickle=False)
    return {"a": base64.b64encode(buffer.getvalue()).decode("ascii")}


def to_wire(value, depth: int = 0):
    """Turn ``value`` into a JSON-ready tagged tree (see the module docstring)."""
    if depth > MAX_DEPTH:
        raise ChannelError("the value is nested too deeply")
    kind = type(value)
    if value is None or kind is bool or kind is str:
        return value
    if kind is int:
        return {"i": str(value)}
    if kind is float:
        if math.isfinite(value):
            return {"f": value}
        return {"f": "nan" if math.isnan(value) else ("inf" if value > 0 else "-inf")}
    if kind is Seed:
        return {"rng": value.seed}
    if kind is tuple:
        return {"t": [to_wire(item, depth + 1) for item in value]}
    if kind is list:
        return {"l": [to_wire(item, depth + 1) for item in value]}
    if kind is dict:
        items = []
        for key, item in value.items():
            if type(key) is not str:
                raise ChannelError(f"dict keys must be str, got {type(key).__name__}")
            items.append([key, to_wire(item, depth + 1)])
        return {"d": items}
    if isinstance(value, np.ndarray):
        # Subclasses are sent as their plain data: the judge only ever sees base arrays.
        return _encode_array(np.asarray(value).view(np.ndarray))
    if isinstance(value, np.generic):
        if isinstance(value, np.bool_):
            return bool(value)
        if isinstance(value, np.integer):
            return {"i": str(int(value))}
        if isinstance(value, np.floating):
            return to_wire(float(value), depth)
        return _encode_array(np.asarray(value))
    raise ChannelError(f"a value of type {kind.__module__}.{kind.__qualname__} cannot be sent")


def from_wire(node, depth: int = 0, *, make_rng: bool = False):
    """Inverse of :func:`to_wire`. Only builds plain Python values and base ndarrays."""
    if depth > MAX_DEPTH:
        raise ChannelError("the value is nested too deeply")
    if node is None or type(node) in (bool, str):
        return node
    if type(node) is not dict or len(node) != 1:
        raise ChannelError("malformed value on the channel")
    ((tag, body),) = node.items()
    if tag == "i" and type(body) is str and len(body) <= 4300:
        return int(body)
    if tag == "f":
        if type(body) in (int, float):
            return float(body)
        if body in ("nan", "inf", "-inf"):
            return float(body)
    if tag == "t" and type(body) is list:
        return tuple(from_wire(item, depth + 1, make_rng=make_rng) for item in body)
    if tag == "l" and type(body) is list:
        return [from_wire(item, depth + 1, make_rng=make_rng) for item in body]
    if tag == "d" and type(body) is list:
        result = {}
        for pair in body:
            if type(pair) is not list or len(pair) != 2 or type(pair[0]) is not str:
                raise ChannelError("malformed dict on the channel")
            result[pair[0]] = from_wire(pair[1], depth + 1, make_rng=make_rng)
        return result
    if tag == "a" and type(body) is str:
        try:
            raw = base64.b64decode(body.encode("ascii"), validate=True)
            array = np.load(io.BytesIO(raw), allow_pickle=False)
        except Exception as error:  # noqa: BLE001 - any decoding failure is a channel error
            raise ChannelError(f"malformed array on the channel: {error}") from None
        if type(array) is not np.ndarray or array.dtype.hasobject:
            raise ChannelError("malformed array on the channel")
        return array
    if tag == "rng" and type(body) is int:
        return np.random.default_rng(body) if make_rng else Seed(body)
    raise ChannelError(f"unknown or malformed tag {tag!r} on the channel")


def dumps(message) -> bytes:
    """Encode one message (a dict of plain values) as a frame: 8-byte length + JSON."""
    payload = json.dumps(to_wire(message), allow_nan=False, separators=(",", ":")).encode()
    if len(payload) > MAX_FRAME_BYTES:
        raise ChannelError(
            f"the message is {len(payload) // 2**20} MiB; at most {MAX_FRAME_BYTES // 2**20} MiB "
            "may cross the channel"
        )
    return _HEADER.pack(len(payload)) + payload


def loads(payload: bytes, *, make_rng: bool = False, max_nodes: int | None = None):
    """Decode the JSON body of one frame (without its length header).

    Hostile frames (too many nodes, nesting deeper than :data:`MAX_DEPTH`, anything the JSON
    parser chokes on) raise :class:`ChannelError`, never anything else. With ``max_nodes``, a
    frame with more JSON objects and arrays than that is refused before it is parsed (a cheap
    count of brackets, which also counts brackets inside strings: it can only refuse more).
    """
    if max_nodes is not None and payload.count(b"{") + payload.count(b"[") > max_nodes:
        raise ChannelError(f"the frame holds more than {max_nodes} values")
    try:
        tree = json.loads(payload.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ChannelError(f"the frame is not valid JSON: {str(error)[:200]}") from None
    except (RecursionError, MemoryError, ValueError) as error:
        raise ChannelError(f"the frame cannot be decoded ({type(error).__name__})") from None
    try:
        return from_wire(tree, make_rng=make_rng)
    except ChannelError:
        raise
    except (RecursionError, MemoryError, ValueError, TypeError, OverflowError) as error:
        raise ChannelError(f"malformed value on the channel ({type(error).__name__})") from None


def write_frame(fd: int, message) -> None:
    """Write one message to a file descriptor (blocking)."""
    data = memoryview(dumps(message))
    while data:
        written = os.write(fd, data)
        data = data[written:]


def read_frame_blocking(fd: int, *, make_rng: bool = False):
    """Read one message from a file descriptor; used by the worker. EOF raises EOFError."""
    header = _read_exact(fd, _HEADER.size)
    (length,) = _HEADER.unpack(header)
    if length > MAX_FRAME_BYTES:
        raise ChannelError("frame too large")
    return loads(_read_exact(fd, length), make_rng=make_rng)


def _read_exact(fd: int, size: int) -> bytes:
    chunks, remaining = [], size
    while remaining:
        chunk = os.read(fd, min(remaining, 1 << 20))
        if not chunk:
            raise EOFError("the channel was closed")
        chunks.append(chunk)
        remaining -= len(chunk)
    return b"".join(chunks)


def copy_value(value):
    """Deep copy of plain data; a :class:`Seed` becomes a fresh ``Generator``."""
    if type(value) is Seed:
        return value.generator()
    if type(value) is dict:
        return {key: copy_value(item) for key, item in value.items()}
    if type(value) is list:
        return [copy_value(item) for item in value]
    if type(value) is tuple:
        return tuple(copy_value(item) for item in value)
    return copy.deepcopy(value)
