"""A matrix file's rating cells as arrays: each distinct cell validated once (as the model
validates a rating), every cell placed by its position among them.

``row_cells`` reads the cells from rows of cells (one C dict lookup a cell); ``tail_cells``
reads them from each row's text after its last item column, when every cell there is at most
two bytes long (the codes ``CC``, ``I``, ``NA``, ...): the bytes are compared as arrays, no
Python step and no text object a cell. Both give the same ``Cells`` for the same cells.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from functools import cache
from itertools import chain, repeat
from operator import itemgetter
from typing import Annotated, Any

import numpy as np
from pydantic import ConfigDict, TypeAdapter, ValidationError

from sat import scales
from sat.io.matrix_format import blank, cell
from sat.models.evidence import Evidence

__all__ = ["Cells", "adapter", "row_cells", "tail_cells"]

_CODE_NUMBER = {code: k for k, code in enumerate(scales.RATING_CODES)}
#: The rating cells read by distinct value: a number equal to another reads as it does (``1``
#: and ``1.0``, ``0`` and ``0.0``), which is not so of ``True`` (refused) and ``1``.
_CELL_TYPES = {str, int, float, type(None)}
#: The longest cell, in UTF-8 bytes, ``tail_cells`` compares as bytes.
_SHORT = 2


class Cells:
    """The rating cells as arrays: each cell's value's place in ``values`` (the distinct cells
    read, a code, a probability, or ``None`` when blank; a list, or by key a dict), and the
    matrix's arrays."""

    __slots__ = ("hypotheses", "index", "kinds", "probability", "rated", "values")

    def ratings(self, row: int) -> dict[str, Any]:
        values = self.values
        return {
            h: values[v]
            for h, v in zip(self.hypotheses, self.kinds[row].tolist(), strict=True)
            if values[v] is not None
        }


class _Palette(dict):
    """Each distinct cell's position, given in the order first seen: one C lookup per cell."""

    def __missing__(self, raw: Any) -> int:
        self[raw] = position = len(self)
        return position


@cache
def adapter(name: str, many: bool) -> TypeAdapter:
    """The validator of one ``Evidence`` field (of a list of them if ``many``), as the model
    validates it: its own type and constraints, text stripped."""
    info = Evidence.model_fields[name]
    kind = Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    return TypeAdapter(list[kind] if many else kind, config=ConfigDict(str_strip_whitespace=True))


def row_cells(
    rows: list[list[Any]], positions: Sequence[int], hypotheses: Sequence[str]
) -> Cells | None:
    """The cells at ``positions`` of every row, read; ``None`` if a cell is invalid or is not
    text, a number or empty."""
    first, last = positions[0], positions[-1]
    # the hypotheses side by side (as a matrix file has them): each row's cells by one slice
    side_by_side = last - first + 1 == len(positions)
    pick = itemgetter(slice(first, last + 1)) if side_by_side else itemgetter(*positions)
    return _palette_cells(chain.from_iterable(map(pick, rows)), len(rows), hypotheses)


def tail_cells(tails: list[str], delimiter: str, hypotheses: Sequence[str]) -> Cells | None:
    """The cells of each row's tail (its text after the last item column: one cell a hypothesis,
    separated by ``delimiter``, as every tail is known to hold), read; ``None`` if a cell is
    invalid. Compared as bytes when no cell is longer than two bytes, else cell by cell."""
    size, width = len(tails), len(hypotheses)
    count = size * width
    data = np.frombuffer(delimiter.join(tails).encode("utf-8", "surrogatepass"), dtype=np.uint8)
    cuts = np.flatnonzero(data == ord(delimiter))
    if len(cuts) != count - 1:
        return None
    starts = np.concatenate(([0], cuts + 1))
    length = np.concatenate((cuts, [len(data)])) - starts
    if int(length.max()) > _SHORT:
        flat = chain.from_iterable(map(str.split, tails, repeat(delimiter)))
        return _palette_cells(flat, size, hypotheses)
    padded = np.zeros(len(data) + _SHORT, dtype=np.uint8)
    padded[: len(data)] = data
    # a cell's key: its first byte, plus its second byte times 256 (no cell holds a NUL byte,
    # so the keys of "", "C" and "CC" differ)
    key = padded.take(starts).astype(np.uint16) | padded.take(starts + 1).astype(np.uint16) << 8
    key &= _KEEP.take(length)
    seen = np.zeros(1 << 16, dtype=bool)
    seen[key] = True
    keys = np.flatnonzero(seen)
    try:
        distinct = [_text(k) for k in keys.tolist()]
    except UnicodeDecodeError:
        return None
    return _read(key.reshape(size, width), distinct, hypotheses, keys)


#: The bits of a key a cell of each length keeps.
_KEEP = np.array([0, 0xFF, 0xFFFF], dtype=np.uint16)


def _text(key: int) -> str:
    """The cell a key stands for."""
    return bytes((key & 255, key >> 8) if key > 255 else (key,) if key else ()).decode("utf-8")


def _palette_cells(flat: Iterable[Any], size: int, hypotheses: Sequence[str]) -> Cells | None:
    kind = _Palette()
    count = size * len(hypotheses)
    kinds = np.fromiter(map(kind.__getitem__, flat), dtype=np.int32, count=count)
    return _read(kinds.reshape(size, len(hypotheses)), list(kind), hypotheses)


def _read(
    kinds: np.ndarray,
    distinct: list[Any],
    hypotheses: Sequence[str],
    keys: np.ndarray | None = None,
) -> Cells | None:
    """The cells, given each one's position in ``distinct`` (or its key, ``keys`` holding the
    key of each distinct cell): each distinct cell validated once (``sat.models.fields.Rating``,
    as the model does)."""
    if not set(map(type, distinct)) <= _CELL_TYPES:
        return None
    rating = adapter("ratings", False)
    values: list[Any] = []
    try:
        for raw in distinct:
            read = cell(raw)
            values.append(None if blank(read) else rating.validate_python({"H": read})["H"])
    except ValidationError:
        return None
    na = _CODE_NUMBER["NA"]
    index = np.array([_CODE_NUMBER.get(v, na) if isinstance(v, str) else na for v in values])
    probability = np.array([v if isinstance(v, float) else np.nan for v in values], dtype=float)
    rated = np.array([v is not None for v in values], dtype=bool)
    index = index.astype(np.int8)
    if keys is not None:  # tables by key: a cell's arrays read by its key
        index, probability, rated = (_by_key(keys, a) for a in (index, probability, rated))
        values = dict(zip(keys.tolist(), values, strict=True))  # type: ignore[assignment]
    cells = Cells()
    cells.hypotheses = tuple(hypotheses)
    cells.values, cells.kinds = values, kinds
    cells.index, cells.probability, cells.rated = (
        index.take(kinds),
        probability.take(kinds),
        rated.take(kinds),
    )
    return cells


def _by_key(keys: np.ndarray, values: np.ndarray) -> np.ndarray:
    table = np.zeros(1 << 16, dtype=values.dtype)
    table[keys] = values
    return table
