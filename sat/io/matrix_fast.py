"""The fast path from a matrix file's rows to a case: every column validated at once, the
ratings read as arrays, each item's model made with what its columns already proved.

``fast_case`` gives the case only when it can prove every field valid by the model's own
field types (one ``TypeAdapter`` call per column, one per distinct rating cell); given anything
it cannot prove (a problem, a short or wide row, a cell that is not text), it gives ``None`` and
``sat.io.matrix_read`` reads the same rows item by item, which says every problem. The case is
the one that path gives (equal models, equal exports: ``tests/io/test_matrix_fast.py``), with
``Case.matrix`` already built from the arrays. An item's ratings mapping is made from those
arrays when first looked at (``LazyRatings``); techniques read ``Case.matrix`` instead.

A CSV text none of whose cells is quoted is split by ``str.split`` (``split_rows``, the rows the
csv module reads); when its hypotheses' columns come last, side by side (as ``sat`` writes a
matrix), each row is split only up to its first rating cell and the rest of its text read as
bytes (``sat.io.matrix_cells.tail_cells``), so no text object is made for a rating cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from dataclasses import replace
from itertools import islice, repeat
from operator import itemgetter
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from sat.case import Case
from sat.errors import CaseError, Problem
from sat.io import matrix_format as fmt
from sat.io.matrix_case import Body, Layout, case_data, layout_of, source_ids
from sat.io.matrix_cells import Cells, row_cells, tail_cells
from sat.io.matrix_cells import adapter as _adapter
from sat.io.matrix_format import SPACE, blank, cell
from sat.io.validate import build_case
from sat.matrix import Matrix
from sat.models.evidence import Evidence
from sat.models.fields import FrozenDict

__all__ = ["LazyRatings", "collect", "fast_case", "fast_csv", "split_rows"]

_Rows = list[tuple[int, list[Any]]]
#: The item fields a matrix row may leave blank (the model's default then), by column.
_OPTIONAL = {"credibility": "credibility", "relevance": "relevance", "type": "type", "date": "date"}


def collect(iterator: Iterator[tuple[int, list[Any]]]) -> tuple[_Rows, bool]:
    """The body's rows, read while they could all be evidence within the limits; with whether
    the file ended. A file that passes a limit is left to the item-by-item path, which refuses
    it at the row where it does (what was read here is read again from the list); no row after
    that one is read. Rows are taken up to a thousand at a time, never more than could stay
    within the limits (a row has at most ``MAX_COLUMNS`` cells)."""
    held: _Rows = []
    cells = 0
    while chunk := list(islice(iterator, _room(len(held), cells))):
        held += chunk
        cells += sum(len(row) for _, row in chunk)
        if len(held) > fmt.MAX_EVIDENCE or cells > fmt.MAX_CELLS:
            return held, False
    return held, True


#: Rows collected at a time.
_CHUNK = 1_000


def fast_csv(
    text: str, delimiter: str, path: Path, shown: str, notes: list[Problem] | None
) -> Case | None:
    """The case a CSV matrix holds when every field is proved valid at once, else ``None``.

    A text no cell of which is quoted is split at its line breaks and delimiters (``split_rows``);
    when its hypotheses' columns come last, side by side, each row is split only up to them and
    its rating cells read as bytes (``_side_by_side``). Any other text is parsed by the csv
    module a thousand rows at a time without a Python step per row, each row's line known from
    its position. Given a row that spans lines (a quoted line break), a blank line before the
    header, a problem in the header, or a file at a limit, ``None`` (the rows are then read and
    numbered one by one)."""
    plain = plain_text(text, delimiter)
    lines = _lines(text, delimiter)
    if lines is None:
        rows = _parsed(text, delimiter)
    else:
        case = _side_by_side(lines, delimiter, path, shown, notes, plain)
        if case is not None:
            return case
        rows = _split(lines, delimiter)
        if max(map(len, rows), default=0) > fmt.MAX_COLUMNS:
            return None
    if not rows or all(blank(cell(c)) for c in rows[0]):
        return None
    try:
        layout = layout_of([cell(c) for c in rows[0]], 1, shown)
    except CaseError:
        return None
    return fast_case(range(2, len(rows) + 1), rows[1:], layout, path, shown, notes, plain)


def split_rows(text: str, delimiter: str) -> list[list[str]] | None:
    """The rows ``csv.reader`` (the excel dialect) reads from ``text``, split by ``str.split``
    at its line breaks and delimiters, which is the same when no cell can be quoted; ``None``
    (leaving the text to the csv module) when the text holds a double quote, a NUL or a
    carriage return outside a CRLF line break, has a line longer than the csv module's field
    limit, or more rows or cells than the limits (counted before any cell is made).

    Examples
    --------
    >>> split_rows("id,evidence\\r\\n\\r\\nE1,seen\\r\\n", ",")
    [['id', 'evidence'], [], ['E1', 'seen']]
    >>> split_rows('id,evidence\\nE1,"seen, heard"\\n', ",") is None
    True
    """
    lines = _lines(text, delimiter)
    return None if lines is None else _split(lines, delimiter)


def _lines(text: str, delimiter: str) -> list[str] | None:
    """The text's lines, when ``split_rows`` can split it."""
    if '"' in text or "\x00" in text:
        return None
    if "\r" in text:
        text = text.replace("\r\n", "\n")
        if "\r" in text:
            return None
    lines = text.split("\n")
    if lines[-1] == "":
        lines.pop()  # the last line's break: no row after it
    if (
        len(lines) > fmt.MAX_EVIDENCE
        or text.count(delimiter) + len(lines) - lines.count("") > fmt.MAX_CELLS
        or max(map(len, lines), default=0) > csv.field_size_limit()
    ):
        return None
    return lines


def _split(lines: list[str], delimiter: str) -> list[list[str]]:
    rows = list(map(str.split, lines, repeat(delimiter)))
    if "" in lines:  # the csv module reads a blank line as a row of no cells
        rows = [row if row != [""] else [] for row in rows]
    return rows


def _side_by_side(
    lines: list[str],
    delimiter: str,
    path: Path,
    shown: str,
    notes: list[Problem] | None,
    plain: bool,
) -> Case | None:
    """The case, when the hypotheses' columns come last, side by side, every line has the
    header's cells, none is blank and no row is the priors': each row split up to its first
    rating cell, its rating cells read from the rest of its text at once (``tail_cells``).
    ``None`` when the file is not so, or anything is invalid (then read by ``split_rows``)."""
    header = lines[0].split(delimiter) if lines else []
    if len(header) > fmt.MAX_COLUMNS or all(blank(cell(c)) for c in header):
        return None
    try:
        layout = layout_of([cell(c) for c in header], 1, shown)
    except CaseError:
        return None
    first = layout.hypotheses[0][0] if layout.hypotheses else 0
    count = len(layout.hypotheses)
    if count < 2 or [j for j, _ in layout.hypotheses] != list(range(first, len(header))):
        return None
    body = lines[1:]
    if not body or "" in body:
        return None
    rows = list(map(str.split, body, repeat(delimiter), repeat(first)))
    if set(map(len, rows)) != {first + 1}:
        return None
    tails = map(itemgetter(first), rows)
    if set(map(str.count, tails, repeat(delimiter))) != {count - 1}:
        return None
    known = replace(layout, width=first + 1)  # the item columns, then the rating cells' text
    numbers = range(2, len(lines) + 1)
    return fast_case(numbers, rows, known, path, shown, notes, plain, delimiter)


def _parsed(text: str, delimiter: str) -> list[list[str]] | None:
    """The rows the csv module reads, a thousand at a time; ``None`` at a row that spans lines,
    a csv error or a limit."""
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
    rows: list[list[str]] = []
    cells = 0
    try:
        while chunk := list(islice(reader, _room(len(rows), cells))):
            rows += chunk
            cells += sum(map(len, chunk))
            if (
                reader.line_num != len(rows)
                or len(rows) > fmt.MAX_EVIDENCE
                or cells > fmt.MAX_CELLS
                or max(map(len, chunk)) > fmt.MAX_COLUMNS
            ):
                return None
    except csv.Error:
        return None
    return rows


def _room(held: int, cells: int) -> int:
    """How many more rows may be read at once: up to a thousand, never more than could stay
    within the evidence and cell limits (a row has at most ``MAX_COLUMNS`` cells)."""
    return min(
        _CHUNK, fmt.MAX_EVIDENCE + 1 - held, max(1, (fmt.MAX_CELLS - cells) // fmt.MAX_COLUMNS)
    )


def fast_case(
    numbers: Sequence[int],
    rows: list[list[Any]],
    layout: Layout,
    path: Path,
    shown: str,
    notes: list[Problem] | None,
    plain: bool = False,
    tails: str | None = None,
) -> Case | None:
    """The case the body's rows (and their lines) hold when every field is proved valid at
    once, else ``None``. ``plain``: every cell is text and none starts with a quote. ``tails``:
    each row's last cell is the text of all its rating cells, separated by this delimiter."""
    numbers, rows = _uniform(numbers, rows, layout.width)
    if rows is None:
        return None
    ids = _column(rows, layout, "id", plain)
    priors = _prior_rows(ids)
    body = Body()
    if priors:
        if tails is not None:
            return None  # a prior's cells are read one by one
        for k in priors:
            _priors(body, rows[k], layout, numbers[k])
        kept = [k for k in range(len(rows)) if k not in set(priors)]
        rows, numbers, ids = (
            [rows[k] for k in kept],
            [numbers[k] for k in kept],
            [ids[k] for k in kept],
        )
    if not rows or len(rows) > fmt.MAX_EVIDENCE:
        return None
    items = _validated_columns(rows, layout, ids, plain)
    if items is None:
        return None
    hypotheses = [h for _, h in layout.hypotheses]
    if len(hypotheses) < 2:
        return None  # a case has at least two hypotheses: said by the item-by-item path
    if tails is None:
        cells = row_cells(rows, [j for j, _ in layout.hypotheses], hypotheses)
    else:
        cells = tail_cells(list(map(itemgetter(-1), rows)), tails, hypotheses)
    if cells is None or int(cells.rated.sum()) > fmt.MAX_CELLS:
        return None
    cited = items.pop("source", None)
    sources = [None] * len(rows) if cited is None else _sources(cited, body.sources)
    data, lines = case_data(path, layout, body)
    found: list[Problem] = []
    try:
        small = build_case(data, lines, shown, found)
    except CaseError:
        return None
    if [h.id for h in small.hypotheses] != [h for _, h in layout.hypotheses]:
        return None
    evidence = _evidence(items, sources, cells)
    case = small.model_copy(update={"evidence": evidence})
    case.__dict__["matrix"] = Matrix(
        case, (cells.index, cells.probability, cells.rated), _matrix_columns(items)
    )
    if notes is not None:
        notes.extend(found)
    return case


def _uniform(
    numbers: Sequence[int], rows: list[list[Any]], width: int
) -> tuple[Sequence[int], list[list[Any]] | None]:
    """The rows that are not blank and their lines, cut to the header's width; ``None`` unless
    every one has that width, blank cells after it aside (as a spreadsheet's export often has; a
    short or wide row is said or noted by the item-by-item path)."""
    lengths = set(map(len, rows))
    if max(lengths, default=0) > width:
        if any(len(r) > width and not all(blank(cell(c)) for c in r[width:]) for r in rows):
            return numbers, None
        rows = [r[:width] if len(r) > width else r for r in rows]
        lengths = set(map(len, rows))
    if lengths - {width, 0}:
        return numbers, None
    if 0 in lengths or not all(map(any, rows)):
        kept = [k for k, r in enumerate(rows) if any(r) or not all(map(blank, r))]
        if any(len(rows[k]) != width for k in kept):
            return numbers, None
        numbers, rows = [numbers[k] for k in kept], [rows[k] for k in kept]
    return numbers, rows


def _column(
    rows: list[list[Any]], layout: Layout, name: str, plain: bool = False
) -> list[Any] | None:
    """One known column's cells, read as ``cell`` reads them (``None`` when not in the header).

    A column of text none of whose cells starts with a quote (the formula guard) only needs the
    white space at its ends stripped, done by one C call per cell; ``plain`` says that no cell of
    the file is anything else (``plain_text``)."""
    j = layout.columns.get(name)
    if j is None:
        return None
    values = list(map(itemgetter(j), rows))
    if plain or (set(map(type, values)) == {str} and "\x00'" not in "\x00" + "\x00".join(values)):
        return list(map(str.strip, values, repeat(SPACE)))
    return list(map(cell, values))


def plain_text(text: str, delimiter: str) -> bool:
    """Whether no cell of a CSV text can start with a quote (``'``, the formula guard): none
    follows the start, a delimiter, a line break or a double quote. A few searches of the whole
    text instead of one per column.

    Examples
    --------
    >>> plain_text("id,evidence\\nE1,China's move\\n", ","), plain_text("id,evidence\\nE1,'=1", ",")
    (True, False)
    """
    return "'" not in text or (
        not text.startswith("'")
        and not any(f"{before}'" in text for before in (delimiter, "\n", "\r", '"'))
    )


def _prior_rows(ids: list[Any]) -> list[int]:
    """Positions of the rows whose id is ``prior`` (any letter case): the priors' rows."""
    if (
        set(map(type, ids)) == {str}
        and "\x00prior\x00" not in ("\x00" + "\x00".join(ids) + "\x00").lower()
    ):
        return []
    return [k for k, v in enumerate(ids) if isinstance(v, str) and v.lower() == "prior"]


def _priors(body: Body, row: list[Any], layout: Layout, number: int) -> None:
    for k, (j, h) in enumerate(layout.hypotheses):
        value = cell(row[j])
        if not blank(value):
            body.priors[h] = value
            body.lines[("hypotheses", k, "prior")] = number


def _validate(name: str, values: list[Any]) -> list[Any] | None:
    """``values`` validated as the field ``name``: the whole column in one call, or, for a
    column of text, each distinct text once. ``None`` if any is invalid."""
    try:
        if set(map(type, values)) <= {str}:
            distinct = list(set(values))
            table = dict(zip(distinct, _adapter(name, True).validate_python(distinct), strict=True))
            return list(map(table.__getitem__, values))
        return _adapter(name, True).validate_python(values)
    except ValidationError:
        return None


def _validated_columns(
    rows: list[list[Any]], layout: Layout, ids: list[Any], plain: bool = False
) -> dict[str, list[Any]] | None:
    """Each item field the columns give, validated; a blank optional field is the model's
    default (``None`` in the list, filled by ``_evidence``). ``None`` if anything is invalid."""
    found: dict[str, list[Any]] = {}
    checked = _adapter("id", True)
    try:
        found["id"] = checked.validate_python(ids)
        found["summary"] = _adapter("summary", True).validate_python(
            _column(rows, layout, "evidence", plain)
        )
    except ValidationError:
        return None
    if len(set(found["id"])) != len(rows):
        return None  # a duplicate id: said by the item-by-item path
    for name in _OPTIONAL:
        values = _column(rows, layout, name, plain)
        if values is None:
            continue
        if "" not in values and None not in values:  # every row gives it
            column = _validate(name, values)
        else:
            given = [k for k, v in enumerate(values) if v is not None and v != ""]
            column = _validate(name, [values[k] for k in given])
            if column is not None:
                column = _spread(column, given, len(values))
        if column is None:
            return None
        found[name] = column
    cited = _column(rows, layout, "source", plain)
    if cited is not None:
        found["source"] = cited
    return found


def _matrix_columns(items: dict[str, list[Any]]) -> dict[str, list[Any]]:
    """The item fields ``sat.matrix.Matrix`` reads, as columns: a blank field the model's
    default, as in the item models (``_evidence``)."""
    size = len(items["id"])
    columns = {"id": items["id"], "summary": items["summary"]}
    for name in ("type", "credibility", "relevance"):
        default = Evidence.model_fields[name].get_default(call_default_factory=True)
        column = items.get(name)
        if column is None:
            column = [default] * size
        elif None in column:
            column = [default if v is None else v for v in column]
        columns[name] = column
    return columns


def _spread(values: list[Any], given: list[int], size: int) -> list[Any]:
    """``values`` at the positions ``given`` of a list of ``size``, ``None`` elsewhere."""
    column: list[Any] = [None] * size
    for k, value in zip(given, values, strict=True):
        column[k] = value
    return column


def _sources(cited: list[Any], sources: dict[str, str]) -> list[tuple[str, ...] | None]:
    """Each row's source ids (``None`` where the cell is blank), sources numbered in the order
    they are first named, as ``sat.io.matrix_read`` numbers them: each distinct cell split once,
    in the order first seen (a cell seen again names no new source)."""
    known: dict[Any, tuple[str, ...] | None] = dict.fromkeys(cited)
    for c in known:
        if c is not None and c != "":
            known[c] = tuple(source_ids(c, sources))
    return list(map(known.__getitem__, cited))


class LazyRatings(FrozenDict):
    """An item's ratings, made from the matrix's arrays when first looked at: a ``FrozenDict``
    in every other way (equal to, and pickled as, the mapping it stands for)."""

    __slots__ = ("_cells", "_row")

    def __init__(self, cells: Cells, row: int):
        self._cells, self._row = cells, row

    @property
    def _data(self) -> dict[str, Any]:  # type: ignore[override]
        try:
            return _SLOT.__get__(self)
        except AttributeError:
            data = self._cells.ratings(self._row)
            _SLOT.__set__(self, data)
            return data


_SLOT = FrozenDict.__dict__["_data"]


def _evidence(
    items: dict[str, list[Any]], sources: Sequence[tuple[str, ...] | None], cells: Cells
) -> tuple[Evidence, ...]:
    """The item models, made from fields already validated (``model_construct`` without its
    per-field work): each holds what validating its row would give, and knows which fields the
    row gave."""
    template = {  # every field in the model's order, as model_dump gives them
        name: None if info.is_required() else info.get_default(call_default_factory=True)
        for name, info in Evidence.model_fields.items()
    }
    columns = [(name, items[name]) for name in _OPTIONAL if name in items]
    columns.append(("sources", sources))
    new, put = object.__new__, object.__setattr__
    made = []
    for k, (ident, summary) in enumerate(zip(items["id"], items["summary"], strict=True)):
        fields = template.copy()
        given = {"id", "summary", "ratings"}
        fields["id"], fields["summary"] = ident, summary
        ratings = new(LazyRatings)
        ratings._cells, ratings._row = cells, k
        fields["ratings"] = ratings
        for name, column in columns:
            value = column[k]
            if value is not None:
                fields[name] = value
                given.add(name)
        item = new(Evidence)
        put(item, "__dict__", fields)
        put(item, "__pydantic_fields_set__", given)
        put(item, "__pydantic_extra__", None)
        put(item, "__pydantic_private__", None)
        made.append(item)
    return tuple(made)
