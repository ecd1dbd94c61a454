"""Rows of a matrix file (CSV or a worksheet) into a case, in named steps: the header, its
columns, the body, and the case's plain data, validated by ``sat.io.validate.build_case``.

The body is first tried on the fast path (``sat.io.matrix_fast``: every column validated at
once, the ratings read as arrays); whatever that path cannot prove valid is read here, item by
item, and validated model by model, which also says every problem: one per field, its line.
"""

from __future__ import annotations

import gc
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from itertools import chain
from pathlib import Path
from typing import Any

from sat.case import Case
from sat.errors import CaseError, Problem
from sat.io import matrix_fast
from sat.io import matrix_format as fmt
from sat.io.matrix_case import Body, Layout, case_data, layout_of, source_ids
from sat.io.matrix_format import HEADER_HELP, blank, cell, over
from sat.io.validate import build_case

__all__ = ["collector_paused", "read_rows"]


def read_rows(
    rows: Iterable[tuple[int, list[Any]]], path: Path, shown: str, notes: list[Problem] | None
) -> Case:
    """The case that numbered rows (line, cells) of a matrix file hold, or every problem."""
    with collector_paused():
        return _read_rows(rows, path, shown, notes)


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cyclic garbage collector paused while rows are read: reading makes a million
    small objects and no cycles, and the collector's passes over them took a third of the time."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()


def _read_rows(
    rows: Iterable[tuple[int, list[Any]]], path: Path, shown: str, notes: list[Problem] | None
) -> Case:
    iterator = fmt.bounded(rows, shown)
    header, line = _header(iterator, shown)
    layout = layout_of(header, line, shown)
    held, complete = matrix_fast.collect(iterator)
    if complete:
        numbers, rows = [n for n, _ in held], [r for _, r in held]
        case = matrix_fast.fast_case(numbers, rows, layout, path, shown, notes)
        if case is not None:
            return case
    body = _body(chain(held, iterator), layout, shown)
    if body.problems:
        raise CaseError(body.problems)
    if body.short and notes is not None:
        notes.append(_short_note(body, shown))
    data, lines = case_data(path, layout, body)
    return build_case(data, lines, shown, notes)


def _header(iterator: Iterator[tuple[int, list[Any]]], shown: str) -> tuple[list[Any], int]:
    """The first row that is not blank, and its line."""
    for number, row in iterator:
        cells = [cell(c) for c in row]
        if any(not blank(c) for c in cells):
            return cells, number
    raise CaseError(
        [Problem(shown, None, "", f"the file is empty (expected a header row: {HEADER_HELP})")]
    )


def _body(rows: Iterable[tuple[int, list[Any]]], layout: Layout, shown: str) -> Body:
    """The body read row by row: blank rows skipped, rows wider than the header reported, the
    priors' row read, every other row an evidence item; refused at the evidence and cell limits
    as soon as a row passes them."""
    body = Body()
    for number, row in rows:
        cells = [cell(c) for c in row]
        used = len(cells)  # cells up to the last one that is not blank
        while used and blank(cells[used - 1]):
            used -= 1
        if not used:
            continue
        if used > layout.width:
            body.problems.append(_too_wide(shown, number, used, layout))
            continue
        if len(cells) < layout.width:
            body.short.append(number)
            body.unrated += sum(1 for j, _ in layout.hypotheses if j >= len(cells))
        ident = _get(cells, layout, "id")
        if isinstance(ident, str) and ident.lower() == "prior":
            _read_priors(body, cells, layout, number)
            continue
        if len(body.evidence) == fmt.MAX_EVIDENCE:
            raise over(shown, number, "row", f"more than {fmt.MAX_EVIDENCE:,} evidence rows")
        body.lines[("evidence", len(body.evidence))] = number
        item = _item(cells, layout, body.sources)
        body.evidence.append(item)
        body.filled += len(item["ratings"])
        if body.filled > fmt.MAX_CELLS:
            raise over(shown, number, "row", f"more than {fmt.MAX_CELLS:,} rating cells")
    return body


def _get(cells: list[Any], layout: Layout, name: str) -> Any:
    j = layout.columns.get(name)
    return cells[j] if j is not None and j < len(cells) else None


def _too_wide(shown: str, number: int, used: int, layout: Layout) -> Problem:
    return Problem(
        shown,
        number,
        "row",
        f"{used} cells, but the header (line {layout.line}) has {layout.width} columns; "
        "name the extra column in the header or remove the extra cells",
    )


def _read_priors(body: Body, cells: list[Any], layout: Layout, number: int) -> None:
    for k, (j, h) in enumerate(layout.hypotheses):
        if j < len(cells) and not blank(cells[j]):
            body.priors[h] = cells[j]
            body.lines[("hypotheses", k, "prior")] = number


def _item(cells: list[Any], layout: Layout, sources: dict[str, str]) -> dict[str, Any]:
    """One evidence row as the plain data of an item (blank fields left out)."""
    item: dict[str, Any] = {
        "id": _get(cells, layout, "id"),
        "summary": _get(cells, layout, "evidence"),
    }
    for name in ("credibility", "relevance", "type", "date"):
        value = _get(cells, layout, name)
        if not blank(value):
            item[name] = value
    cited = _get(cells, layout, "source")
    if not blank(cited):
        item["sources"] = source_ids(cited, sources)
    item["ratings"] = {
        h: cells[j] for j, h in layout.hypotheses if j < len(cells) and not blank(cells[j])
    }
    return item


def _short_note(body: Body, shown: str) -> Problem:
    short = body.short
    shown_lines = ", ".join(map(str, short[:10])) + (", ..." if len(short) > 10 else "")
    rows_word = "row is" if len(short) == 1 else "rows are"
    return Problem(
        shown,
        short[0],
        "",
        f"{len(short)} {rows_word} shorter than the header (lines {shown_lines}); "
        f"their missing trailing cells are blank, which leaves {body.unrated} ratings unrated",
    )
