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
The calls go through the cells' own helpers: a top-level class counts as the calls its methods
make (``Value.__mul__`` calls ``mul_backward``), and a helper (a function or class that is not
graded) defined in the answer cell of a graded function belongs to that function. So in
C2W3_frameworks, ``minimize_polynomial`` -> ``minimize`` -> ``Value`` (written in the answer
cell of ``gradients_of_expression``, with the learner's ``backward``) names
``gradients_of_expression`` and the local rules that ``Value`` calls.
"""

from __future__ import annotations

import ast
from collections.abc import Iterable

from autograder.kit import scoring
from autograder.learner.messages import message, names_used  # noqa: F401 - the kit's API

MAX_SOURCE = 2_000_000


def called_names(sources: Iterable[str]) -> dict[str, set[str]]:
    """``{function: names it calls}`` for every top-level ``def`` in the cells (last one wins);
    a top-level ``class`` counts as every call in its body (its methods)."""
    calls: dict[str, set[str]] = {}
    for source in sources:
        if len(source) > MAX_SOURCE:
            continue
        try:
            tree = ast.parse(source)
        except (SyntaxError, ValueError, RecursionError, MemoryError):
            continue
        for node in tree.body:
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef):
                calls[node.name] = {
                    inner.func.id
                    for inner in ast.walk(node)
                    if isinstance(inner, ast.Call) and isinstance(inner.func, ast.Name)
                }
    return calls


def cell_owners(cells: Iterable[tuple[str, str]], graded: Iterable[str]) -> dict[str, str]:
    """``{helper: grade_id}``: the top-level functions and classes that are not ``graded``,
    each with the answer cell that defines it (``cells`` are ``(grade_id, source)``)."""
    graded = set(graded)
    owners: dict[str, str] = {}
    for cell_id, source in cells:
        for name in called_names([source]):
            if name not in graded and name != cell_id:
                owners[name] = cell_id
    return owners


def dependencies(
    calls: dict[str, set[str]],
    function: str,
    *,
    graded: Iterable[str],
    owners: dict[str, str] | None = None,
    through_graded: bool = False,
) -> set[str]:
    """The graded functions ``function`` relies on: those it calls, directly or through helpers
    (non-graded functions and classes of the cells), and the owners of those helpers
    (:func:`cell_owners`). With ``through_graded``, also what the graded ones rely on."""
    graded, owners = set(graded), owners or {}
    found: set[str] = set()
    seen, todo = {function}, [function]
    while todo:
        for callee in calls.get(todo.pop(), ()):
            if callee in seen:
                continue
            seen.add(callee)
            if callee in graded:
                found.add(callee)
                if through_graded:
                    todo.append(callee)
            elif callee in calls:
                if callee in owners:
                    found.add(owners[callee])
                todo.append(callee)
    return found - {function}


def annotate(
    results: list, calls: dict[str, set[str]], owners: dict[str, str] | None = None
) -> None:
    """Replace the hints of failing functions whose failing dependencies they call.

    A dependency fails when it returns a wrong value (a public or hidden case fails); one that
    only fails a property check (it changes its inputs) returns right values to its caller.
    ``owners`` (:func:`cell_owners`) lets a helper of a graded function's cell lead to it.
    """
    failing = {
        result.function
        for result in results
        if not result.passed and result.role in (scoring.PUBLIC, scoring.HIDDEN)
    }
    graded = {result.function for result in results}
    for result in results:
        if result.passed:
            continue
        relied_on = dependencies(calls, result.function, graded=graded, owners=owners)
        culprits = relied_on & failing
        if culprits:
            result.hint = ""
            text = message(result.function, culprits)
            result.message = f"{result.detail}\n{text}" if result.detail else text
