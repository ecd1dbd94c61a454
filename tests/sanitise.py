"""Placeholders for what differs from run to run in a snapshot of sat's output.

The snapshot tests (``tests/test_cli_snapshots.py``, ``tests/test_notebook_outputs.py``) keep
what sat prints and renders exactly, except what ``normalise`` replaces: nothing else.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

import sat

#: What ``normalise`` replaces first, in order: (pattern, placeholder).
RULES = (
    # an embedded image: its bytes carry matplotlib's version
    (
        re.compile(r"data:image/(png|jpeg|svg\+xml);base64,[A-Za-z0-9+/=\s]+"),
        r"data:image/\1;base64,<image>",
    ),
    (re.compile(r"<svg\b.*?</svg>", re.DOTALL), "<svg><!-- drawing --></svg>"),
    (re.compile(r"\b0x[0-9a-fA-F]{6,}\b"), "0x<address>"),  # an object's memory address
    (re.compile(r'"seconds": \d+(\.\d+)?'), '"seconds": "<seconds>"'),  # sat batch --json
)


def normalise(text: str, folders: dict[str, Path]) -> str:
    """Text with placeholders for what is not the same on every run and machine.

    The ``RULES`` first (embedded images and drawings, memory addresses, a render's seconds);
    then each folder (as given and resolved) becomes ``<NAME>``, the longest first so a folder
    inside another keeps its own name; today's date becomes ``<today>`` and sat's version
    ``<version>``.

    Examples
    --------
    >>> normalise('{"seconds": 8.15, "margin": 2} in /tmp/x/y', {"tmp": Path("/tmp/x")})
    '{"seconds": "<seconds>", "margin": 2} in <tmp>/y'
    """
    for pattern, placeholder in RULES:
        text = pattern.sub(placeholder, text)
    spelled = {str(p): f"<{name}>" for name, p in folders.items()}
    spelled |= {str(p.resolve()): f"<{name}>" for name, p in folders.items()}
    for path in sorted(spelled, key=len, reverse=True):
        text = text.replace(path, spelled[path])
    text = text.replace(dt.date.today().isoformat(), "<today>")
    return re.sub(rf"(?<![\d.]){re.escape(sat.__version__)}(?![\d.])", "<version>", text)


def shown(output: dict[str, Any]) -> str:
    """What one output of a notebook cell shows: its HTML, else its Markdown or plain text, or
    the text printed, or the error, headed by its kind."""
    kind = output.get("output_type")
    if kind == "stream":
        return f"[{output['name']}]\n{output['text']}"
    if kind == "error":
        return f"[error] {output['ename']}: {output['evalue']}"
    data = output.get("data", {})
    for mime in ("text/html", "text/markdown", "text/plain"):
        if mime in data:
            return f"[{mime}]\n{data[mime]}"
    return f"[{', '.join(sorted(data))}]"


def cells(notebook: Any, folders: dict[str, Path]) -> list[dict[str, Any]]:
    """What each code cell of an executed notebook shows, normalised, by cell id (the cell
    papermill adds, whose id is new on every run, as ``injected-parameters``)."""
    return [
        {"cell": _name(cell), "outputs": [normalise(shown(o), folders) for o in cell.outputs]}
        for cell in notebook.cells
        if cell.cell_type == "code"
    ]


def _name(cell: Any) -> str:
    injected = "injected-parameters" in cell.get("metadata", {}).get("tags", [])
    return "injected-parameters" if injected else cell.id
