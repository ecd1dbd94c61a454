"""Many analysts, one matrix: consensus, disagreement, and each analyst's reading side by side.

Analysts' ratings are recorded per item (``analyst_ratings``). On Open
Synthesis's scale (NA 0, II 1, I 2, N 3, C 4, CC 5):

* **Open Synthesis scores** (Schiller, ``openach/metrics.py``): per cell the mean
  of the votes with NA counted as neutral 3; a hypothesis's inconsistency is the
  sum of (3 − mean)² over cells below neutral, its consistency the sum of
  (mean − 3)² above; hypotheses are ranked by inconsistency, then consistency;
  an item's diagnosticity is the population standard deviation of its cell means.
* **Open Synthesis disagreement** per cell: the larger of two sample standard
  deviations, one over the votes coded 1 for NA and 0 otherwise, one over the
  rated (non-NA) values. Bands: below 0.5 consensus, below 1.5 mild, below 2.0
  large, else extreme.
* **Opposition** (the workbook's own measure): the share of pairs of analysts,
  among those who rated the cell, who sit on opposite sides of neutral (one I or
  II, the other C or CC). ACH scores hinge on whether evidence counts *against* a
  hypothesis, so this is the disagreement that can flip a ranking; a standard
  deviation treats CC against C the same as C against I.
* **The consensus matrix**: per cell the median vote (NA when most voters chose
  NA; an even split rounds towards neutral); cells nobody voted on keep the case's
  own rating. It is scored with the usual ACH.
* Each analyst's reading is scored too: the case's matrix with that analyst's
  votes in the cells they rated (the agreed rating elsewhere), like the
  consensus matrix, so the columns can be compared side by side even when an
  analyst rated only some cells.

Everything is computed on arrays of shape (analysts, items, hypotheses).

References
----------
.. [1] T. Schiller, *Open Synthesis* (``openach/metrics.py``): crowd ACH scores and disagreement.
.. [2] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8 (a group
   with different perspectives works the matrix).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np
import pandas as pd

from sat import scales
from sat.case import Case
from sat.matrix import Matrix
from sat.techniques._frames import FrameCopy

__all__ = ["BANDS", "ConsensusResult", "run"]

_VALUE = {"NA": 0, "II": 1, "I": 2, "N": 3, "C": 4, "CC": 5}
_CODE = {v: k for k, v in _VALUE.items()}
#: Open Synthesis's disagreement bands (upper bounds).
BANDS = (("consensus", 0.5), ("mild", 1.5), ("large", 2.0), ("extreme", np.inf))


def band(value: float) -> str:
    """The Open Synthesis band of a disagreement value.

    Examples
    --------
    >>> band(0.2), band(1.0), band(1.7), band(2.5)
    ('consensus', 'mild', 'large', 'extreme')
    """
    return next(name for name, upper in BANDS if value < upper)


_NA = len(scales.RATING_LADDER)  # position of NA in scales.RATING_CODES
#: Open Synthesis value of each code position (CC 5, C 4, N 3, I 2, II 1, NA 0).
_OS_VALUE = np.array([_VALUE[c] for c in scales.RATING_CODES], dtype=np.int8)


@dataclass(frozen=True)
class ConsensusResult:
    """The result of ``run``.

    Attributes
    ----------
    cells : pandas.DataFrame
        One row per voted cell (evidence, hypothesis), most in need of discussion
        first: ``votes`` (analyst: code), ``mean``, ``disagreement`` (Open Synthesis),
        ``band``, ``opposition``, ``consensus`` (the consensus code).
    side_by_side : pandas.DataFrame
        Weighted inconsistency per hypothesis of each analyst's reading, one column per analyst
        (the consensus matrix's is ``consensus_weighted``, kept apart so that no analyst's name,
        "consensus" included, can stand for it).
    leaders : dict
        By analyst, the hypotheses their reading puts first (one, the tied, or none ranked).
    level : dict
        By analyst, the ranked hypotheses level with their reading's one leader on weighted
        inconsistency: the leader is first only on the consistency tie-break (empty when the
        lead is clear, tied outright or nothing is ranked).
    consensus_leaders : tuple of str
        The hypotheses the consensus matrix puts first.
    consensus_level : tuple of str
        The ranked hypotheses level with the consensus matrix's one leader on weighted
        inconsistency, as ``level``.
    consensus_weighted : pandas.Series
        The consensus matrix's weighted inconsistency per hypothesis.
    open_synthesis : pandas.DataFrame
        Open Synthesis inconsistency, consistency and rank per hypothesis.
    consensus_case : Case
        The case with the consensus matrix as its ratings.
    measures : dict of numpy.ndarray
        The per-cell measures as read-only (evidence × hypotheses) arrays in case
        order: ``count`` (votes), ``mean``, ``disagreement``, ``opposition`` and
        ``consensus`` (a position in ``sat.scales.RATING_CODES``, −1 where
        nobody voted). The frames above are built from them when first asked for.
    """

    analysts: tuple[str, ...]
    side_by_side_frame: pd.DataFrame = field(repr=False)
    open_synthesis_frame: pd.DataFrame = field(repr=False)
    leaders: dict[str, tuple[str, ...]] = field(default_factory=dict)
    consensus_leaders: tuple[str, ...] = ()
    consensus_weighted_series: pd.Series | None = field(default=None, repr=False)
    measures: dict[str, np.ndarray] = field(default_factory=dict, repr=False)
    case: Case | None = field(default=None, repr=False)
    level: dict[str, tuple[str, ...]] = field(default_factory=dict)
    consensus_level: tuple[str, ...] = ()

    @cached_property
    def cells_frame(self) -> pd.DataFrame:
        """The voted cells as a frame (built on first use; ``cells`` returns a copy)."""
        m = self.case.matrix
        count, disagreement = self.measures["count"], self.measures["disagreement"]
        opposition = self.measures["opposition"]
        rows, cols = np.nonzero(count > 0)
        order = np.lexsort((-opposition[rows, cols], -disagreement[rows, cols]))
        rows, cols = rows[order], cols[order]
        votes = m.votes[:, rows, cols]  # analysts × cells
        codes = np.asarray(scales.RATING_CODES, dtype=object)
        names = self.analysts
        ballots = [
            {names[a]: codes[v] for a, v in enumerate(column) if v >= 0}
            for column in votes.T.tolist()
        ]
        score = disagreement[rows, cols]
        frame = pd.DataFrame(
            {
                "votes": ballots,
                "mean": self.measures["mean"][rows, cols],
                "disagreement": score,
                "band": np.array([name for name, _ in BANDS], dtype=object)[
                    np.searchsorted([upper for _, upper in BANDS], score, side="right")
                ],
                "opposition": opposition[rows, cols],
                "consensus": codes[self.measures["consensus"][rows, cols]],
            },
            index=pd.MultiIndex.from_arrays(
                [
                    np.array(m.evidence_ids, dtype=object)[rows],
                    np.array(m.hypothesis_ids, dtype=object)[cols],
                ],
                names=["evidence", "hypothesis"],
            ),
        )
        return frame

    @cached_property
    def consensus_case(self) -> Case:
        """The case with the consensus codes in the voted cells (built on first use)."""
        m = self.case.matrix
        agreed = self.measures["consensus"]
        evidence = []
        for i, item in enumerate(self.case.evidence):
            voted = np.flatnonzero(agreed[i] >= 0)
            if not voted.size:
                evidence.append(item)
                continue
            ratings = dict(item.ratings)
            ratings.update((m.hypothesis_ids[j], scales.RATING_CODES[agreed[i, j]]) for j in voted)
            evidence.append(item.model_copy(update={"ratings": ratings}))
        return self.case.model_copy(update={"evidence": tuple(evidence)})

    @property
    def disputed_frame(self) -> pd.DataFrame:
        """The voted cells in dispute: rated by more than one analyst, whose votes differ
        (disagreement above 0), most in need of discussion first (``disputed`` returns a copy)."""
        count = np.array([len(v) for v in self.cells_frame["votes"]], dtype=int)
        return self.cells_frame[(count > 1) & (self.cells_frame["disagreement"] > 0).to_numpy()]

    cells = FrameCopy()
    disputed = FrameCopy("The cells in dispute: more than one vote, and the votes differ.")
    side_by_side = FrameCopy()
    open_synthesis = FrameCopy()

    @property
    def consensus_weighted(self) -> pd.Series:
        """The consensus matrix's weighted inconsistency per hypothesis (a copy)."""
        if self.consensus_weighted_series is None:
            return pd.Series(dtype=float, name="consensus")
        return self.consensus_weighted_series.copy()

    @property
    def compared(self) -> pd.DataFrame:
        """``side_by_side`` with the consensus matrix's scores as a last column, ``(median)``
        (a label beside the analysts' names, allowed even if an analyst shares it)."""
        side = self.side_by_side
        side.insert(len(side.columns), "(median)", self.consensus_weighted, allow_duplicates=True)
        return side

    @property
    def leaders_differ(self) -> bool:
        """Whether the readings put different hypotheses first: two analysts' own, or the
        analysts' and the consensus matrix's."""
        return len({*self.leaders.values(), self.consensus_leaders}) > 1

    @property
    def votes_cast(self) -> dict[str, int]:
        """How many cells each analyst rated (NA included)."""
        if self.case is None:
            return {}
        cast = (self.case.matrix.votes >= 0).sum(axis=(1, 2))
        return {name: int(n) for name, n in zip(self.analysts, cast, strict=True)}

    @cached_property
    def rated_against(self) -> dict[str, dict[str, tuple[str, ...]]]:
        """By hypothesis: the items some analyst rated I or II against it, and who.

        ``{hypothesis: {item: (analyst, ...)}}``; hypotheses no analyst rated
        against are left out.
        """
        if self.case is None or not self.analysts:
            return {}
        return self.case.matrix.votes_against()

    def to_dict(self) -> dict[str, Any]:
        cells = [
            {
                "evidence": e,
                "hypothesis": h,
                **{k: (v if not isinstance(v, np.generic) else v.item()) for k, v in row.items()},
            }
            for (e, h), row in self.cells_frame.iterrows()
        ]
        return {
            "analysts": list(self.analysts),
            "cells": cells,
            "leaders": {k: list(v) for k, v in self.leaders.items()},
            "level": {k: list(v) for k, v in self.level.items()},
            "disputed": len(self.disputed_frame),
            "votes_cast": self.votes_cast,
            "side_by_side": {
                c: _scores(self.side_by_side_frame[c]) for c in self.side_by_side_frame.columns
            },
            "consensus": {
                "leaders": list(self.consensus_leaders),
                "level": list(self.consensus_level),
                "weighted_inconsistency": _scores(self.consensus_weighted),
            },
            "open_synthesis": [
                {"id": h, **{k: float(v) for k, v in row.items()}}
                for h, row in self.open_synthesis_frame.iterrows()
            ],
        }


def run(case: Case) -> ConsensusResult:
    """Consensus and disagreement among the analysts who rated the case.

    Every measure is computed on the (analysts × evidence × hypotheses) array of
    votes at once: sums, sums of squares and counts per cell give the means and
    the sample standard deviations, counts per side of neutral give the
    opposition (``against × support`` of the ``n (n − 1) / 2`` pairs), and
    cumulative counts per value give the median, so the cost grows linearly with
    the number of analysts.

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> panel = run(load_case(EXAMPLE_CASE))
    >>> panel.analysts
    ('Analyst A', 'Analyst B', 'Analyst C')
    """
    m = case.matrix
    hyps = list(m.hypothesis_ids)
    measures = _cell_measures(m)
    side, leaders, level = _readings(m, hyps)
    agreed_weighted, agreed_leaders, consensus_level = _agreed_reading(
        m, hyps, measures["consensus"]
    )
    return ConsensusResult(
        analysts=m.analysts,
        side_by_side_frame=side,
        open_synthesis_frame=_open_synthesis(measures["mean"], hyps),
        leaders=leaders,
        consensus_leaders=tuple(agreed_leaders),
        consensus_weighted_series=agreed_weighted,
        measures=measures,
        case=case,
        level=level,
        consensus_level=consensus_level,
    )


def _cell_measures(m: Matrix) -> dict[str, np.ndarray]:
    """Per cell (items × hypotheses), read-only: the votes, their mean, the disagreement, the
    opposition and the agreed rating (a code position; -1 where no one voted)."""
    n_e, n_h = m.index.shape
    # votes per cell and Open Synthesis value (0 NA .. 5 CC), in one counting pass over the votes
    cell = np.arange(n_e * n_h).reshape(n_e, n_h)
    tally = np.bincount(
        ((m.votes.astype(np.intp) + 1) + 7 * cell).ravel(), minlength=7 * n_e * n_h
    ).reshape(n_e, n_h, 7)
    # slot k + 1 of a cell's tally counts votes at code position k; value v sits at slot 6 − v
    c = [tally[:, :, 6 - v] for v in range(6)]  # c[v]: votes of Open Synthesis value v (0 NA)
    count = tally[:, :, 1:].sum(axis=2)
    n_na, n_rated = c[0], count - c[0]
    total = c[1] + 2 * c[2] + 3 * c[3] + 4 * c[4] + 5 * c[5]  # NA adds 0; the mean counts it as 3
    squares = c[1] + 4 * c[2] + 9 * c[3] + 16 * c[4] + 25 * c[5]
    with np.errstate(invalid="ignore", divide="ignore"):
        mean = np.where(count > 0, (total + 3.0 * n_na) / count, np.nan)
    # Open Synthesis disagreement: the larger of two sample standard deviations
    disagreement = np.fmax(_sample_sd(count, n_na, n_na), _sample_sd(n_rated, total, squares))
    pairs = n_rated * (n_rated - 1) / 2
    opposition = np.divide(
        (c[1] + c[2]) * (c[4] + c[5]), pairs, out=np.zeros(count.shape), where=pairs > 0
    )
    measures = {
        "count": count,
        "mean": mean,
        "disagreement": disagreement,
        "opposition": opposition,
        "consensus": _agreed(c, count),
    }
    for array in measures.values():
        array.flags.writeable = False
    return measures


def _agreed(c: list[np.ndarray], count: np.ndarray) -> np.ndarray:
    """Each cell's consensus from its votes per Open Synthesis value (``c[v]``): the median vote,
    NA by majority, even splits rounded towards neutral; a code position, -1 without a vote."""
    n_na, n_rated = c[0], count - c[0]
    lower = np.ones(count.shape, dtype=np.intp)  # the two middle rated values (1..5)
    upper = np.ones(count.shape, dtype=np.intp)
    below = np.zeros(count.shape, dtype=np.intp)
    for v in range(1, 5):
        below = below + c[v]  # rated votes of value <= v
        lower += below <= (n_rated - 1) // 2
        upper += below <= n_rated // 2
    median = (lower + upper) / 2
    towards = np.where(median > 3, np.floor(median), np.ceil(median)).astype(np.intp)
    agreed_value = np.where((2 * n_na > count) | (n_rated == 0), 0, towards)
    # back to code positions: the Open Synthesis value v is position 5 − v (CC 5 -> 0, NA 0 -> 5)
    return np.where(count > 0, _NA - agreed_value, -1).astype(np.int8)


def _readings(
    m: Matrix, hyps: list[str]
) -> tuple[pd.DataFrame, dict[str, tuple[str, ...]], dict[str, tuple[str, ...]]]:
    """Each analyst's reading: weighted inconsistency side by side, leaders, and the hypotheses
    level with a single leader. The case's matrix with their own votes where they voted, so a
    hypothesis they did not rate keeps the agreed ratings rather than reading as unopposed (a
    hypothesis with no scored rating is unranked, never first)."""
    from sat.techniques import ach

    side = pd.DataFrame(index=pd.Index(hyps, name="id"))
    leaders = {}
    own = np.where(m.votes >= 0, m.votes, m.index)
    weighted, consistency = ach.column_scores(own, m.weight)
    ranked = ach.scored(own).any(axis=-2)
    level = {}
    for a, name in enumerate(m.analysts):
        side[name] = weighted[a]
        leaders[name] = ach.leaders(hyps, weighted[a], consistency[a], ranked[a])
        level[name] = _level(hyps, leaders[name], weighted[a], ranked[a])
    return side, leaders, level


def _agreed_reading(
    m: Matrix, hyps: list[str], agreed: np.ndarray
) -> tuple[pd.Series, tuple[str, ...], tuple[str, ...]]:
    """The matrix with the agreed ratings where anyone voted: its weighted inconsistency, leaders
    and the hypotheses level with a single leader."""
    from sat.techniques import ach

    merged = np.where(agreed >= 0, agreed, m.index)
    weighted, consistency = ach.column_scores(merged, m.weight)
    agreed_weighted = pd.Series(weighted, index=pd.Index(hyps, name="id"), name="consensus")
    merged_ranked = ach.scored(merged).any(axis=0)
    agreed_leaders = ach.leaders(hyps, weighted, consistency, merged_ranked)
    return agreed_weighted, agreed_leaders, _level(hyps, agreed_leaders, weighted, merged_ranked)


def _open_synthesis(mean: np.ndarray, hyps: list[str]) -> pd.DataFrame:
    """Open Synthesis scores over the cells with votes (NA and unvoted count as neutral)."""
    cell_mean = np.where(np.isnan(mean), 3.0, mean)
    open_synthesis = pd.DataFrame(
        {
            "inconsistency": np.where(cell_mean < 3, (3 - cell_mean) ** 2, 0.0).sum(axis=0),
            "consistency": np.where(cell_mean > 3, (cell_mean - 3) ** 2, 0.0).sum(axis=0),
        },
        index=pd.Index(hyps, name="id"),
    )
    order = np.lexsort(
        (
            -open_synthesis["consistency"].to_numpy(),
            open_synthesis["inconsistency"].round(9).to_numpy(),
        )
    )
    rank = np.empty(len(hyps), dtype=int)
    rank[order] = np.arange(1, len(hyps) + 1)
    open_synthesis["rank"] = rank
    return open_synthesis


def _level(
    hyps: list[str], first: tuple[str, ...], weighted: np.ndarray, ranked: np.ndarray
) -> tuple[str, ...]:
    """The ranked hypotheses level with a single leader on weighted inconsistency (so that the
    consistency tie-break alone puts it first); empty for a clear lead, a tie or none ranked.

    Examples
    --------
    >>> _level(["H1", "H2", "H3"], ("H2",), np.array([0.0, 0.0, 1.0]), np.ones(3, bool))
    ('H1',)
    >>> _level(["H1", "H2"], ("H1", "H2"), np.array([0.0, 0.0]), np.ones(2, bool))
    ()
    """
    from sat.techniques import ach

    if len(first) != 1:
        return ()
    lead = weighted[hyps.index(first[0])]
    return tuple(
        h
        for h, w, r in zip(hyps, weighted, ranked, strict=True)
        if r and h != first[0] and abs(w - lead) <= ach.TOLERANCE
    )


def _scores(column: pd.Series) -> dict[str, float | None]:
    """A column of weighted inconsistency by hypothesis, for JSON (None where there is none)."""
    return {h: (None if pd.isna(v) else float(v)) for h, v in column.items()}


def _sample_sd(n: np.ndarray, total: np.ndarray, squares: np.ndarray) -> np.ndarray:
    """Sample standard deviation from counts, sums and sums of squares (0 below two values).

    The values are small integers, so ``n Σx² − (Σx)²`` is exact in floating point.
    """
    with np.errstate(invalid="ignore", divide="ignore"):
        variance = (n * squares - total**2) / (n * (n - 1))
    return np.where(n >= 2, np.sqrt(np.maximum(variance, 0.0)), 0.0)
