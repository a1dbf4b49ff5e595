"""Knock-on failures: name the graded function that a failing function depends on.

``nn_model`` calls the learner's own ``backward_propagation``; when that one is wrong,
``nn_model`` is wrong too, and a hint about ``nn_model`` itself would point at the wrong
code. So when a failing function calls (by name, in its own definition) another graded
function that returns wrong values in its own tests, its messages keep what differs, lose
their value-matched hint, and say which function to fix first.

The function is still scored on its own values: points only for right values. It gets no
second chance with the reference's components, because that would put reference code in the
worker; the message tells the learner where to look instead.

Which functions a definition calls is read from the answer cells' source with :mod:`ast`
(parsed, never run), so the message is only shown when the code really names the function.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from autograder.kit import scoring
from autograder.learner.messages import message, names_used  # noqa: F401 - the kit's API

MAX_SOURCE = 2_000_000


def called_names(sources: Iterable[str]) -> dict[str, set[str]]:
    """``{function: names it calls}`` for every top-level ``def`` in the cells (last one wins)."""
    calls: dict[str, set[str]] = {}
    for source in sources:
        if len(source) > MAX_SOURCE:
            continue
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                calls[node.name] = {
                    inner.func.id
                    for inner in ast.walk(node)
                    if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name)
                }
    return calls


def annotate(results: list, calls: dict[str, set[str]]) -> None:
    """Replace the hints of failing functions whose failing dependencies they call.

    A dependency fails when it returns a wrong value (a public or hidden case fails); one that
    only fails a property check (it changes its inputs) returns right values to its caller.
    """
    failing = {
        result.function
        for result in results
        if not result.passed and result.role in (scoring.PUBLIC, scoring.HIDDEN)
    }
    for result in results:
        if result.passed:
            continue
        culprits = (calls.get(result.function, set()) & failing) - {result.function}
        if culprits:
            result.hint = ""
            text = message(result.function, culprits)
            result.message = f"{result.detail}\n{text}" if result.detail else text
