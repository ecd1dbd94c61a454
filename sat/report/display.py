"""How results look in a notebook: an HTML view for each technique's result, registered with IPython.

Results are plain data and know nothing of presentation; this module, on the
presentation side, tells IPython how to show each type. ``register`` runs
when ``sat`` is imported in a kernel. It registers by the type's module and
name, so no technique (and no pandas) is imported until a result is shown.
"""

from __future__ import annotations

import sys
from html import escape as _escape
from typing import Any

from sat.registry import REGISTRY

#: Result type (module, class name) -> the function of ``sat.report.tables`` that draws it: the
#: HTML view of every technique in ``sat.registry`` that has one.
VIEWS: dict[tuple[str, str], str] = {
    (row.module, row.result): row.html for row in REGISTRY if row.html is not None
}


def html(result: Any) -> str:
    """The HTML a notebook shows for a technique's result (text from the case escaped).

    A large ACH matrix is shown to ``sat.report.tables.ROW_LIMIT`` rows, so
    a notebook stays responsive.

    Raises
    ------
    TypeError
        For an object that is not a technique's result.
    """
    from sat.report import tables

    kind = type(result)
    name = VIEWS.get((kind.__module__, kind.__name__))
    if name is None:
        raise TypeError(f"no notebook view for {kind.__name__}")
    if name == "ach_matrix_html":
        return str(tables.ach_matrix_html(result, limit=tables.ROW_LIMIT))
    return str(getattr(tables, name)(result))


def register(shell: Any) -> None:
    """Show every technique's result as HTML in this IPython shell (types are not imported)."""
    formatter = shell.display_formatter.formatters["text/html"]
    for module, name in VIEWS:
        formatter.for_type_by_name(module, name, html)


def register_in_kernel() -> None:
    """Register the views when running inside IPython (a Jupyter kernel, nbval, papermill)."""
    ipython = sys.modules.get("IPython")
    shell = ipython.get_ipython() if ipython is not None else None
    if shell is not None and hasattr(shell, "display_formatter"):
        register(shell)


def readable(value: Any, *, digits: int = 2, caption: str | None = None) -> Any:
    """Any part of a result as a person reads it in a notebook: a table or a sentence.

    Frames and series become tables with numbers rounded to ``digits`` places,
    ``yes`` for True and nothing for False, lists as comma-separated text and
    missing values as a dash; dictionaries become two-column tables, lists of
    records (dataclasses) tables, lists of short words a sentence, other lists
    one item per line, text (or a single number) a paragraph. Everything from the case is
    escaped.

    Examples
    --------
    >>> str(readable(("H1", "H4")))
    '<p>H1, H4</p>'
    >>> str(readable(()))
    '<p>none</p>'
    >>> "<td>yes</td>" in str(readable({"observed": True}))
    True
    >>> str(readable(0.5))
    '<p>0.50</p>'
    """
    import dataclasses

    import pandas as pd

    from sat.report.html import Fragment

    if (
        isinstance(value, tuple | list)
        and value
        and all(dataclasses.is_dataclass(v) for v in value)
    ):
        value = pd.DataFrame([dataclasses.asdict(v) for v in value])
    if isinstance(value, pd.Series):
        value = value.to_frame()
    if isinstance(value, pd.DataFrame):
        return Fragment(_frame_html(value, digits, caption))
    if isinstance(value, dict):
        return Fragment(_mapping_html(value, digits))
    if isinstance(value, tuple | list):
        return Fragment(_sequence_html(value, digits))
    return Fragment(f"<p>{_escape(_cell(value, digits))}</p>")


def _cell(x: Any, digits: int) -> str:
    """One value as text: ``yes`` or nothing for a flag, a dash for a missing value, a number
    to ``digits`` places, a collection comma-separated."""
    import pandas as pd

    if isinstance(x, bool):
        return "yes" if x else ""
    if x is None or (isinstance(x, float) and pd.isna(x)) or x is pd.NA:
        return "–"
    if isinstance(x, float):
        return f"{x:.{digits}f}"
    if isinstance(x, tuple | list | frozenset | set):
        return ", ".join(_cell(v, digits) for v in x) or "–"
    if isinstance(x, dict):
        return "; ".join(f"{k}: {_cell(v, digits)}" for k, v in x.items()) or "–"
    return str(x)


def _frame_html(frame: Any, digits: int, caption: str | None) -> str:
    """A table of the frame's cells as text, column names in words, with its caption."""
    import pandas as pd

    shown = frame.copy()
    for column in shown.columns:
        shown[column] = [
            _cell(v.item() if hasattr(v, "item") else v, digits) for v in shown[column]
        ]
    shown.columns = [str(c).replace("_", " ") for c in shown.columns]
    title = f"<caption>{_escape(caption)}</caption>" if caption else ""
    table = shown.to_html(
        escape=True,
        border=0,
        classes="sat-readable",
        na_rep="–",
        index=not isinstance(shown.index, pd.RangeIndex),
    )
    return table.replace(">\n  <thead>", f">{title}\n  <thead>", 1) if title else table


def _mapping_html(value: dict, digits: int) -> str:
    """A two-column table: each key in words, its value as text."""
    rows = "".join(
        f"<tr><th style='text-align:left'>{_escape(str(k).replace('_', ' '))}</th>"
        f"<td>{_escape(_cell(v, digits))}</td></tr>"
        for k, v in value.items()
    )
    return f"<table class='sat-readable'>{rows}</table>"


def _sequence_html(value: tuple | list, digits: int) -> str:
    """Short words as a sentence; long texts, pairs and paths one per line."""
    if all(isinstance(v, str | int | float) and len(str(v)) <= 40 for v in value):
        return f"<p>{_escape(_cell(value, digits)) if value else 'none'}</p>"
    items = "".join(f"<li>{_escape(_cell(v, digits))}</li>" for v in value)
    return f"<ul>{items}</ul>"
