"""Student HTML never renders live: cleaning the notebooks we write and show.

A submission's markdown and raw cells are HTML the student wrote. nbconvert (and so nbgrader's
feedback pages and the formgrader) renders them as they are: ``<script>``, ``<img onerror>``,
``<svg onload>``, ``<iframe srcdoc>``, ``javascript:`` links and ``position: fixed`` boxes all
run or show in the instructor's browser, logged in to Jupyter. ``HTMLExporter.sanitize_html``
does not help, because nbgrader's templates ignore it.

So every markdown or raw cell that is not the release's own (same type and same source as a
cell of the release notebook) is rendered here, to HTML, by nbconvert's own markdown renderer,
and cleaned with ``nh3`` (the Python binding of the Rust ``ammonia`` sanitiser: an allow-list
of tags, attributes and URL schemes; no scripts, event handlers, styles, frames or
``javascript:``). The cleaned HTML goes back into the cell as one HTML block on one line, which
markdown passes through untouched, so nothing is parsed a second time. Student outputs keep
only their text (no HTML, SVG, JavaScript or markdown output), and attachments of student cells
are dropped.

Limits: links and images to ordinary ``http(s)`` addresses stay (an image can tell its server
that the page was opened); ``$…$`` stays for MathJax, which renders it in the page.
"""

from __future__ import annotations

import nh3

TRUSTED_OUTPUT_TYPES = {"stream", "error"}
_TEXT = "text/plain"


def clean_html(text: str) -> str:
    """``text`` as HTML with everything that could run, load a frame or restyle the page
    removed (nh3's defaults: no ``style``, ``script``, event handlers or unsafe URL schemes)."""
    return nh3.clean(text)


def markdown_as_safe_html(source: str) -> str:
    """A markdown cell's source rendered and cleaned, as markdown that renders to exactly that
    HTML: one ``<div>`` on one line (a CommonMark HTML block), newlines as ``&#10;``."""
    from nbconvert.filters.markdown_mistune import markdown2html_mistune

    try:
        rendered = markdown2html_mistune(source)
    except Exception:  # noqa: BLE001 - any renderer failure: show the text, escaped
        rendered = "<pre>" + nh3.clean_text(source) + "</pre>"
    cleaned = clean_html(rendered).replace("\r", "").replace("\n", "&#10;")
    return f"<div>{cleaned}</div>"


def _source(cell) -> str:
    source = cell.get("source", "")
    if type(source) is list:
        return "".join(part for part in source if type(part) is str)
    return source if isinstance(source, str) else ""


def release_texts(release: dict) -> set[tuple[str, str]]:
    """(cell type, source) of every markdown and raw cell of the release: trusted as they are."""
    return {
        (cell.get("cell_type"), _source(cell))
        for cell in release.get("cells", [])
        if isinstance(cell, dict) and cell.get("cell_type") in ("markdown", "raw")
    }


def _text_only(output) -> object | None:
    """An output reduced to text, or None when it has no text to show."""
    if not isinstance(output, dict):
        return None
    kind = output.get("output_type")
    if kind in TRUSTED_OUTPUT_TYPES:
        return output
    if kind in ("execute_result", "display_data"):
        data = output.get("data")
        if isinstance(data, dict) and _TEXT in data:
            for mime in [key for key in data if key != _TEXT]:
                del data[mime]
            if "metadata" in output:
                output["metadata"] = type(output)()  # a NotebookNode stays one
            return output
    return None


def sanitize_cells(cells: list, release: dict) -> int:
    """Clean ``cells`` in place (plain dicts or nbformat nodes); return how many were changed."""
    trusted = release_texts(release)
    changed = 0
    for cell in cells:
        if not isinstance(cell, dict):
            continue
        kind = cell.get("cell_type")
        if kind == "code":
            outputs = cell.get("outputs")
            if isinstance(outputs, list):
                kept = [out for out in (_text_only(o) for o in outputs) if out is not None]
                if len(kept) != len(outputs):
                    changed += 1
                cell["outputs"] = kept
            continue
        if kind not in ("markdown", "raw"):
            continue
        source = _source(cell)
        if (kind, source) in trusted:
            continue
        changed += 1
        cell.pop("attachments", None)
        if kind == "markdown":
            cell["source"] = markdown_as_safe_html(source)
        else:
            cell["source"] = clean_html(source)
    return changed


def sanitize_metadata(notebook: dict, release: dict) -> None:
    """Notebook metadata the HTML templates show or run: the release's, or none."""
    metadata = notebook.get("metadata")
    if not isinstance(metadata, dict):
        return
    released = release.get("metadata") if isinstance(release.get("metadata"), dict) else {}
    for key in ("title", "widgets"):
        if key in metadata and metadata.get(key) != released.get(key):
            del metadata[key]


def sanitize_notebook(notebook: dict, release: dict) -> dict:
    """``notebook`` with every student markdown/raw cell cleaned and outputs reduced to text
    (in place, and returned)."""
    cells = notebook.get("cells")
    if isinstance(cells, list):
        sanitize_cells(cells, release)
    sanitize_metadata(notebook, release)
    return notebook
