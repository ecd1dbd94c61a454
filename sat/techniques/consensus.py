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
* Each analyst's matrix is scored too, so readings can be compared side by side.

Everything is computed on arrays of shape (analysts, items, hypotheses).

References
----------
.. [1] T. Schiller, *Open Synthesis* (``openach/metrics.py``): crowd ACH scores and disagreement.
.. [2] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8 (a group
   with different perspectives works the matrix).
"""

from __future__ import annotations

import warnings
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any

import numpy as np
import pandas as pd

from sat.case import Case

__all__ = ["BANDS", "ConsensusResult", "assess"]

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


@dataclass(frozen=True)
class ConsensusResult:
    """The result of :func:`assess`.

    Attributes
    ----------
    cells : pandas.DataFrame
        One row per voted cell (evidence, hypothesis), most in need of discussion
        first: ``votes`` (analyst: code), ``mean``, ``disagreement`` (Open Synthesis),
        ``band``, ``opposition``, ``consensus`` (the consensus code).
    side_by_side : pandas.DataFrame
        Weighted inconsistency and rank per hypothesis for each analyst and for the consensus.
    open_synthesis : pandas.DataFrame
        Open Synthesis inconsistency, consistency and rank per hypothesis.
    consensus_case : Case
        The case with the consensus matrix as its ratings.
    """

    analysts: tuple[str, ...]
    cells_frame: pd.DataFrame = field(repr=False)
    side_by_side_frame: pd.DataFrame = field(repr=False)
    open_synthesis_frame: pd.DataFrame = field(repr=False)
    consensus_case: Case = field(repr=False)
    leaders: dict[str, tuple[str, ...]] = field(default_factory=dict)

    @property
    def cells(self) -> pd.DataFrame:
        return self.cells_frame.copy()

    @property
    def side_by_side(self) -> pd.DataFrame:
        return self.side_by_side_frame.copy()

    @property
    def open_synthesis(self) -> pd.DataFrame:
        return self.open_synthesis_frame.copy()

    def to_dict(self) -> dict[str, Any]:
        cells = [
            {"evidence": e, "hypothesis": h, **{k: (v if not isinstance(v, np.generic) else v.item())
                                                for k, v in row.items()}}
            for (e, h), row in self.cells_frame.iterrows()
        ]  # fmt: skip
        return {
            "analysts": list(self.analysts),
            "cells": cells,
            "leaders": {k: list(v) for k, v in self.leaders.items()},
            "side_by_side": {
                c: {
                    h: (None if pd.isna(v) else float(v))
                    for h, v in self.side_by_side_frame[c].items()
                }
                for c in self.side_by_side_frame.columns
            },
            "open_synthesis": [
                {"id": h, **{k: float(v) for k, v in row.items()}}
                for h, row in self.open_synthesis_frame.iterrows()
            ],
        }

    def _repr_html_(self) -> str:
        from sat.report.tables import consensus_html

        return consensus_html(self)


def assess(case: Case) -> ConsensusResult:
    """Consensus and disagreement among the analysts who rated the case.

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> panel = assess(load_case(EXAMPLE_CASE))
    >>> panel.analysts
    ('Analyst A', 'Analyst B', 'Analyst C')
    """
    from sat.techniques import ach

    names = list(dict.fromkeys(n for e in case.evidence for n in e.analyst_ratings))
    ordered = [a for a in case.analysts if a in names] + [
        n for n in names if n not in case.analysts
    ]
    hyps = [h.id for h in case.hypotheses]
    items = [e.id for e in case.evidence]
    votes = np.full((len(ordered), len(items), len(hyps)), np.nan)
    for i, item in enumerate(case.evidence):
        for a, name in enumerate(ordered):
            for h, value in item.analyst_ratings.get(name, {}).items():
                if isinstance(value, str):
                    votes[a, i, hyps.index(h)] = _VALUE[value]
    voted = ~np.isnan(votes)
    count = voted.sum(axis=0)
    neutralised = np.where(votes == 0, 3.0, votes)
    with warnings.catch_warnings():
        warnings.simplefilter(
            "ignore", RuntimeWarning
        )  # cells nobody voted on are NaN, as intended
        mean = (
            np.nanmean(neutralised, axis=0) if ordered else np.full((len(items), len(hyps)), np.nan)
        )
    # Open Synthesis disagreement: max of two sample standard deviations
    is_na = np.where(voted, (votes == 0).astype(float), np.nan)
    rated = np.where(votes > 0, votes, np.nan)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        s_na = np.nanstd(is_na, axis=0, ddof=1)
        s_rated = np.nanstd(rated, axis=0, ddof=1)
    disagreement = np.fmax(np.nan_to_num(s_na, nan=0.0), np.nan_to_num(s_rated, nan=0.0))
    # opposition: share of pairs of (non-NA) voters on opposite sides of neutral
    against = (votes >= 1) & (votes <= 2)
    support = votes >= 4
    pairs = np.zeros((len(items), len(hyps)))
    opposed = np.zeros((len(items), len(hyps)))
    for a, b in combinations(range(len(ordered)), 2):
        both = (votes[a] > 0) & (votes[b] > 0)
        pairs += both
        opposed += both & ((against[a] & support[b]) | (support[a] & against[b]))
    opposition = np.divide(opposed, pairs, out=np.zeros_like(opposed), where=pairs > 0)
    # consensus: median vote, NA by majority, even splits rounded towards neutral
    na_share = np.divide(
        np.nansum(votes == 0, axis=0), count, out=np.zeros_like(mean), where=count > 0
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)
        median = np.nanmedian(rated, axis=0)
    towards = np.where(median > 3, np.floor(median), np.ceil(median))
    consensus_value = np.where(na_share > 0.5, 0, towards)

    rows = []
    new_evidence = []
    for i, item in enumerate(case.evidence):
        ratings = dict(item.ratings)
        for j, h in enumerate(hyps):
            if count[i, j] == 0:
                continue
            code = (
                _CODE[int(consensus_value[i, j])] if not np.isnan(consensus_value[i, j]) else "NA"
            )
            ratings[h] = code
            rows.append(
                {
                    "evidence": item.id,
                    "hypothesis": h,
                    "votes": {
                        n: _CODE[int(votes[a, i, j])]
                        for a, n in enumerate(ordered)
                        if voted[a, i, j]
                    },
                    "mean": float(mean[i, j]),
                    "disagreement": float(disagreement[i, j]),
                    "band": band(float(disagreement[i, j])),
                    "opposition": float(opposition[i, j]),
                    "consensus": code,
                }
            )
        new_evidence.append(item.model_copy(update={"ratings": ratings}))
    cells = pd.DataFrame(rows, columns=["evidence", "hypothesis", "votes", "mean", "disagreement", "band",
                                        "opposition", "consensus"])  # fmt: skip
    cells = cells.sort_values(["disagreement", "opposition"], ascending=False, kind="stable")
    cells = cells.set_index(["evidence", "hypothesis"])
    consensus_case = case.model_copy(update={"evidence": tuple(new_evidence)})

    side = pd.DataFrame(index=pd.Index(hyps, name="id"))
    leaders = {}
    for name in ordered:
        own = tuple(
            e.model_copy(
                update={"ratings": {h: v for h, v in e.analyst_ratings.get(name, {}).items()}}
            )
            for e in case.evidence
        )
        scored = ach.score(case.model_copy(update={"evidence": own}))
        side[name] = scored.hypotheses["weighted_inconsistency"]
        leaders[name] = scored.leader
    scored = ach.score(consensus_case)
    side["consensus"] = scored.hypotheses["weighted_inconsistency"]
    leaders["consensus"] = scored.leader

    # Open Synthesis scores over the cells with votes (NA and unvoted count as neutral)
    cell_mean = np.where(np.isnan(mean), 3.0, mean)
    below = np.where(cell_mean < 3, (3 - cell_mean) ** 2, 0.0).sum(axis=0)
    above = np.where(cell_mean > 3, (cell_mean - 3) ** 2, 0.0).sum(axis=0)
    open_synthesis = pd.DataFrame(
        {"inconsistency": below, "consistency": above, "diagnosticity_mean": cell_mean.std(axis=1).mean()
         if len(items) else 0.0},
        index=pd.Index(hyps, name="id"),
    )  # fmt: skip
    order = sorted(
        hyps,
        key=lambda h: (
            round(open_synthesis.at[h, "inconsistency"], 9),
            -open_synthesis.at[h, "consistency"],
        ),
    )
    open_synthesis["rank"] = [order.index(h) + 1 for h in hyps]
    open_synthesis = open_synthesis.drop(columns=["diagnosticity_mean"])
    return ConsensusResult(
        analysts=tuple(ordered),
        cells_frame=cells,
        side_by_side_frame=side,
        open_synthesis_frame=open_synthesis,
        consensus_case=consensus_case,
        leaders=leaders,
    )
