"""The fast path from a matrix file's rows to a case: every column validated at once, the
ratings read as arrays, each item's model made with what its columns already proved.

``fast_case`` gives the case only when it can prove every field valid by the model's own
field types (one ``TypeAdapter`` call per column, one per distinct rating cell); given anything
it cannot prove (a problem, a short or wide row, a cell that is not text), it gives ``None`` and
``sat.io.matrix_read`` reads the same rows item by item, which says every problem. The case is
the one that path gives (equal models, equal exports: ``tests/io/test_matrix_fast.py``), with
``Case.matrix`` already built from the arrays. An item's ratings mapping is made from those
arrays when first looked at (``LazyRatings``); techniques read ``Case.matrix`` instead.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator, Sequence
from functools import cache
from itertools import chain, islice, repeat
from operator import itemgetter
from pathlib import Path
from typing import Annotated, Any

import numpy as np
from pydantic import ConfigDict, TypeAdapter, ValidationError

from sat import scales
from sat.case import Case
from sat.errors import CaseError, Problem
from sat.io import matrix_format as fmt
from sat.io.matrix_case import Body, Layout, case_data, layout_of, source_ids
from sat.io.matrix_format import SPACE, blank, cell
from sat.io.validate import build_case
from sat.matrix import Matrix
from sat.models.evidence import Evidence
from sat.models.fields import FrozenDict

__all__ = ["LazyRatings", "collect", "fast_case", "fast_csv"]

_Rows = list[tuple[int, list[Any]]]
#: The item fields a matrix row may leave blank (the model's default then), by column.
_OPTIONAL = {"credibility": "credibility", "relevance": "relevance", "type": "type", "date": "date"}
_CODE_NUMBER = {code: k for k, code in enumerate(scales.RATING_CODES)}
#: The rating cells read by distinct value: a number equal to another reads as it does (``1``
#: and ``1.0``, ``0`` and ``0.0``), which is not so of ``True`` (refused) and ``1``.
_CELL_TYPES = {str, int, float, type(None)}


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

    The text is parsed a thousand rows at a time without a Python step per row, each row's line
    known from its position: given a row that spans lines (a quoted line break), a blank line
    before the header, a problem in the header, or a file at a limit, ``None`` (the rows are
    then read and numbered one by one)."""
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
    if not rows or all(blank(cell(c)) for c in rows[0]):
        return None
    try:
        layout = layout_of([cell(c) for c in rows[0]], 1, shown)
    except CaseError:
        return None
    plain = plain_text(text, delimiter)
    return fast_case(range(2, len(rows) + 1), rows[1:], layout, path, shown, notes, plain)


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
) -> Case | None:
    """The case the body's rows (and their lines) hold when every field is proved valid at
    once, else ``None``. ``plain``: every cell is text and none starts with a quote."""
    numbers, rows = _uniform(numbers, rows, layout.width)
    if rows is None:
        return None
    ids = _column(rows, layout, "id", plain)
    priors = _prior_rows(ids)
    body = Body()
    if priors:
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
    cells = _ratings(rows, layout)
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
    case.__dict__["matrix"] = Matrix(case, (cells.index, cells.probability, cells.rated))
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
    return not text.startswith("'") and not any(
        f"{before}'" in text for before in (delimiter, "\n", "\r", '"')
    )


def _prior_rows(ids: list[Any]) -> list[int]:
    """Positions of the rows whose id is ``prior`` (any letter case): the priors' rows."""
    if (
        all(type(v) is str for v in ids)
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


@cache
def _adapter(name: str, many: bool) -> TypeAdapter:
    """The validator of one ``Evidence`` field (of a list of them if ``many``), as the model
    validates it: its own type and constraints, text stripped."""
    info = Evidence.model_fields[name]
    kind = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return TypeAdapter(list[kind] if many else kind, config=ConfigDict(str_strip_whitespace=True))


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


def _spread(values: list[Any], given: list[int], size: int) -> list[Any]:
    """``values`` at the positions ``given`` of a list of ``size``, ``None`` elsewhere."""
    column: list[Any] = [None] * size
    for k, value in zip(given, values, strict=True):
        column[k] = value
    return column


def _sources(cited: list[Any], sources: dict[str, str]) -> list[tuple[str, ...] | None]:
    """Each row's source ids (``None`` where the cell is blank), sources numbered in the order
    they are first named, as ``sat.io.matrix_read`` numbers them; each distinct cell split once."""
    known: dict[Any, tuple[str, ...]] = {}
    found: list[tuple[str, ...] | None] = []
    for c in cited:
        if c is None or c == "":
            found.append(None)
            continue
        ids = known.get(c)
        if ids is None:
            ids = known[c] = tuple(source_ids(c, sources))
        found.append(ids)
    return found


class _Palette(dict):
    """Each distinct cell's position, given in the order first seen: one C lookup per cell."""

    def __missing__(self, raw: Any) -> int:
        self[raw] = position = len(self)
        return position


class _Cells:
    """The rating cells as arrays: position of each cell's value in ``values`` (the distinct
    cells read: a code, a probability, or ``None`` when blank), and the matrix's arrays."""

    __slots__ = ("hypotheses", "index", "kinds", "probability", "rated", "values")

    def ratings(self, row: int) -> dict[str, Any]:
        values = self.values
        return {
            h: values[v]
            for h, v in zip(self.hypotheses, self.kinds[row].tolist(), strict=True)
            if values[v] is not None
        }


def _ratings(rows: list[list[Any]], layout: Layout) -> _Cells | None:
    """The rating cells read and validated: each distinct cell once (``sat.models.fields.Rating``,
    as the model does), every cell placed by one lookup. ``None`` if a cell is invalid or is
    not text, a number or empty."""
    positions = [j for j, _ in layout.hypotheses]
    if len(positions) < 2:
        return None  # a case has at least two hypotheses: said by the item-by-item path
    kind = _Palette()
    shape = (len(rows), len(positions))
    flat = chain.from_iterable(map(itemgetter(*positions), rows))
    kinds = np.fromiter(map(kind.__getitem__, flat), dtype=np.int32, count=shape[0] * shape[1])
    distinct = list(kind)
    if not set(map(type, distinct)) <= _CELL_TYPES:
        return None
    rating = _adapter("ratings", False)
    values: list[Any] = []
    try:
        for raw in distinct:
            read = cell(raw)
            values.append(None if blank(read) else rating.validate_python({"H": read})["H"])
    except ValidationError:
        return None
    kinds = kinds.reshape(shape)
    na = _CODE_NUMBER["NA"]
    index = np.array([_CODE_NUMBER.get(v, na) if isinstance(v, str) else na for v in values])
    probability = np.array([v if isinstance(v, float) else np.nan for v in values], dtype=float)
    rated = np.array([v is not None for v in values], dtype=bool)
    cells = _Cells()
    cells.hypotheses = tuple(h for _, h in layout.hypotheses)
    cells.values, cells.kinds = values, kinds
    cells.index, cells.probability, cells.rated = (
        index.astype(np.int8)[kinds],
        probability[kinds],
        rated[kinds],
    )
    return cells


class LazyRatings(FrozenDict):
    """An item's ratings, made from the matrix's arrays when first looked at: a ``FrozenDict``
    in every other way (equal to, and pickled as, the mapping it stands for)."""

    __slots__ = ("_cells", "_row")

    def __init__(self, cells: _Cells, row: int):
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
    items: dict[str, list[Any]], sources: Sequence[tuple[str, ...] | None], cells: _Cells
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
