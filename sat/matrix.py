"""The rating matrix: a case's ratings as read-only arrays (evidence down, hypotheses across),
built once per case (``Case.matrix``), with the individual analysts' votes."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from itertools import chain
from typing import Any, Protocol

import numpy as np

from sat import scales
from sat.models.evidence import Evidence, Hypothesis
from sat.models.fields import FrozenDict

__all__ = ["Matrix"]


class Rated(Protocol):
    """What the matrix reads of a case (a ``sat.case.Case``)."""

    @property
    def hypotheses(self) -> Sequence[Hypothesis]: ...

    @property
    def evidence(self) -> Sequence[Evidence]: ...

    @property
    def analysts(self) -> Sequence[str]: ...


_CODE_ARRAY = np.array(scales.RATING_CODES)
_CODE_NUMBER = {code: k for k, code in enumerate(scales.RATING_CODES)}
_NA = _CODE_NUMBER["NA"]
_LEVEL_INDEX = {level: k for k, level in enumerate(scales.LEVELS)}
_LEVEL_WEIGHTS = np.array([scales.LEVEL_WEIGHT[level] for level in scales.LEVELS])


def _plain_dict(mapping: Mapping[str, Any]) -> Mapping[str, Any]:
    # The dict inside a FrozenDict: its .get is a C call, which matters once per cell.
    return mapping._data if isinstance(mapping, FrozenDict) else mapping


def _objects(values: list[Any]) -> np.ndarray:
    out = np.empty(len(values), dtype=object)
    out[:] = values
    return out


def _read_cells(cells: list[Any], shape: tuple[int, ...]) -> tuple[np.ndarray, ...]:
    """Code positions, probabilities and given-ness of validated cells, in bulk.

    Validated cells hold a canonical code, a float or ``None``: one vectorised
    comparison per code (NumPy's loop over the object array, not a Python step
    per cell) places them all.
    """
    values = _objects(cells)
    index = np.full(len(values), _NA, dtype=np.int8)
    coded = np.zeros(len(values), dtype=bool)
    for k, code in enumerate(scales.RATING_CODES):
        hit = values == code
        index[hit] = k
        coded |= hit
    rated = values != None  # noqa: E711 -- elementwise over the object array
    probability = np.full(len(values), np.nan)
    explicit = rated & ~coded
    probability[explicit] = values[explicit].astype(float)
    return index.reshape(shape), probability.reshape(shape), rated.reshape(shape)


class Matrix:
    """The ratings of a case as arrays (evidence down, hypotheses across), built once.

    ``index`` holds each cell's position in ``sat.scales.RATING_CODES``
    (that of ``NA`` for unrated and for probability cells) and ``codes`` the code
    itself; ``probability`` holds the probability cells (NaN elsewhere),
    ``rated`` whether the analyst gave the cell at all, ``level`` each item's
    credibility as a position in ``sat.scales.LEVELS``, ``weight`` its
    credibility × relevance weight; ``summary``, ``type``, ``credibility`` and
    ``relevance`` hold those fields of the items (object arrays). ``votes``
    (analysts × evidence × hypotheses) holds the individual analysts' codes as
    positions too, −1 where an analyst gave no code, for the ``analysts`` who
    rated anything (case order first).

    Cells are read in bulk (vectorised comparisons, not Python steps per cell),
    and ``sat.io.load_case`` builds the matrix as part of loading, so the
    techniques work on arrays only. All arrays are read-only.
    """

    __slots__ = (
        "analysts",
        "codes",
        "credibility",
        "evidence_ids",
        "hypothesis_ids",
        "index",
        "level",
        "probability",
        "rated",
        "relevance",
        "summary",
        "type",
        "votes",
        "weight",
    )

    def __init__(
        self,
        case: Rated,
        cells: tuple[np.ndarray, ...] | None = None,
        columns: Mapping[str, Sequence[Any]] | None = None,
    ):
        # ``cells``: the ratings already read as arrays (index, probability, rated), as the
        # matrix file reader's fast path reads them (sat.io.matrix_fast); else read here.
        # ``columns``: the items' ids, summaries, types, credibilities and relevances as that
        # path holds them, for items that carry no analyst's own ratings; else read from them.
        self.hypothesis_ids: tuple[str, ...] = tuple(h.id for h in case.hypotheses)
        if columns is None:
            items = case.evidence
            columns = {
                name: [getattr(e, name) for e in items]
                for name in ("id", "summary", "type", "credibility", "relevance")
            }
            panels = [_plain_dict(e.analyst_ratings) for e in items]
        else:
            panels = []
        self.evidence_ids: tuple[str, ...] = tuple(columns["id"])
        hyps = self.hypothesis_ids
        shape = (len(self.evidence_ids), len(hyps))
        if cells is None:
            given: list[Any] = []
            extend = given.extend
            for item in case.evidence:
                extend(map(_plain_dict(item.ratings).get, hyps))
            cells = _read_cells(given, shape)
        self.index, self.probability, self.rated = cells
        self.codes = _CODE_ARRAY[self.index]
        self.summary = _objects(columns["summary"])
        self.type = _objects(columns["type"])
        self.credibility = _objects(columns["credibility"])
        self.relevance = _objects(columns["relevance"])
        size = len(self.evidence_ids)
        self.level = np.fromiter(
            map(_LEVEL_INDEX.__getitem__, columns["credibility"]), dtype=np.int8, count=size
        )
        relevance = np.fromiter(
            map(_LEVEL_INDEX.__getitem__, columns["relevance"]), dtype=np.intp, count=size
        )
        self.weight = _LEVEL_WEIGHTS[self.level.astype(np.intp)] * _LEVEL_WEIGHTS[relevance]
        named = dict.fromkeys(chain.from_iterable(panels))
        self.analysts: tuple[str, ...] = (
            *(a for a in case.analysts if a in named),
            *(n for n in named if n not in case.analysts),
        )
        votes: list[Any] = []
        extend = votes.extend
        empty: dict[str, Any] = {}
        for name in self.analysts:
            for panel in panels:
                extend(map(_plain_dict(panel.get(name, empty)).get, hyps))
        index, probability, rated = _read_cells(votes, (len(self.analysts), *shape))
        self.votes = np.where(rated & np.isnan(probability), index, -1).astype(np.int8)
        for array in (
            self.index,
            self.codes,
            self.probability,
            self.rated,
            self.level,
            self.weight,
            self.votes,
            self.summary,
            self.type,
            self.credibility,
            self.relevance,
        ):
            array.flags.writeable = False

    def votes_against(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """By hypothesis, the items some analyst's own vote rates I or II against it, and who.

        ``{hypothesis: {item: (analyst, ...)}}`` in case order; hypotheses no
        analyst voted against are left out. The agreed ratings are not consulted:
        this is the dissent a statement about the agreed matrix must not hide.
        """
        against = np.isin(self.votes, [_CODE_NUMBER["I"], _CODE_NUMBER["II"]])
        found: dict[str, dict[str, tuple[str, ...]]] = {}
        for e, h, a in zip(*np.nonzero(against.transpose(1, 2, 0)), strict=True):
            items = found.setdefault(self.hypothesis_ids[h], {})
            item = self.evidence_ids[e]
            items[item] = (*items.get(item, ()), self.analysts[a])
        return found
