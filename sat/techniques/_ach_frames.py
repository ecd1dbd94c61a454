"""The arrays an ACH result holds, and the pandas frames built from them when first asked for.

``sat.techniques.ach.run`` computes on NumPy arrays; the frames (text columns,
nullable integers, tuples per item) cost more to build than the arithmetic on a
large matrix, and most callers read a few numbers. So a result keeps the arrays
(``ACHArrays``) and builds each frame once, on first access.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np
import pandas as pd

from sat.case import Matrix
from sat.techniques import _steps


@dataclass(frozen=True, eq=False)
class ACHArrays:
    """The scores of an ACH result as arrays: hypotheses and items in case order.

    Attributes
    ----------
    hypothesis_ids, labels : tuple of str
        The hypotheses (columns) and their labels.
    inconsistency, weighted_inconsistency, consistency : numpy.ndarray
        Per hypothesis (see ``sat.techniques.ach``).
    rank : numpy.ndarray of int
        Competition rank per hypothesis; 0 for an unranked one.
    ranked : numpy.ndarray of bool
        Whether the hypothesis has a scored rating.
    leader_position : int or None
        The sole leader's column; None when the lead is tied or nothing is ranked.
    unrated : numpy.ndarray of int
        Per hypothesis, the items not rated against it.
    diagnosticity, non_diagnostic, weakly_diagnostic, linchpin, effect : numpy.ndarray
        Per item, case order.
    leader_without, level_without : mapping of int to tuple of str
        Per item position, only where not empty.
    contributions : numpy.ndarray
        Each item's weighted inconsistency against each hypothesis.
    matrix : sat.case.Matrix
        The case's ratings and item fields (ids, weights, codes).
    """

    hypothesis_ids: tuple[str, ...]
    labels: tuple[str, ...]
    inconsistency: np.ndarray
    weighted_inconsistency: np.ndarray
    consistency: np.ndarray
    rank: np.ndarray
    ranked: np.ndarray
    leader_position: int | None
    unrated: np.ndarray
    diagnosticity: np.ndarray
    non_diagnostic: np.ndarray
    weakly_diagnostic: np.ndarray
    linchpin: np.ndarray
    effect: np.ndarray
    leader_without: Mapping[int, tuple[str, ...]]
    level_without: Mapping[int, tuple[str, ...]]
    contributions: np.ndarray = field(repr=False)
    matrix: Matrix = field(repr=False)

    @cached_property
    def steps_to_lead(self) -> np.ndarray:
        """Per hypothesis, the fewest one-step rating changes after which it scores no worse
        than the sole leader (0 for a leader, None when unranked or out of reach; see
        ``sat.techniques.ach.run``). Searched when first asked for."""
        leaders = self.rank == 1
        if self.leader_position is None:
            steps = np.where(leaders, 0, None).astype(object)
        else:
            # re-judgements of items that bear on the hypotheses: a non-diagnostic item never counts
            diagnostic = self.diagnosticity > 0
            m = self.matrix
            steps = _steps.steps_to_lead(
                m.index[diagnostic],
                m.weight[diagnostic],
                self.weighted_inconsistency,
                self.leader_position,
            )
            steps = np.where(self.ranked, steps, None).astype(object)
        steps.flags.writeable = False
        return steps

    @property
    def evidence_ids(self) -> tuple[str, ...]:
        """The items (rows), case order."""
        return self.matrix.evidence_ids

    @cached_property
    def order(self) -> np.ndarray:
        """Item positions most diagnostic first: by weighted diagnosticity, then diagnosticity
        (both descending), then case order, as the evidence frame lists them."""
        weighted = self.diagnosticity * self.matrix.weight
        return np.lexsort((-self.diagnosticity, -weighted))

    def items(self, flags: np.ndarray) -> tuple[str, ...]:
        """The ids of the items ``flags`` marks, most diagnostic first."""
        ids = np.asarray(self.evidence_ids, dtype=object)[self.order]
        return tuple(ids[flags[self.order]].tolist())


def hypotheses_frame(a: ACHArrays) -> pd.DataFrame:
    """Indexed by hypothesis id, in case order (see ``ACHResult.hypotheses``)."""
    ranks = a.rank
    return pd.DataFrame(
        {
            "label": list(a.labels),
            "inconsistency": a.inconsistency.astype(int),
            "weighted_inconsistency": a.weighted_inconsistency,
            "consistency": a.consistency.astype(int),
            "rank": pd.array([int(r) if r else None for r in ranks.tolist()], dtype="Int64"),
            "tied": a.ranked & (np.bincount(ranks, minlength=len(ranks) + 1)[ranks] > 1),
            "ranked": a.ranked,
            "steps_to_lead": pd.array(list(a.steps_to_lead), dtype="Int64"),
            "unrated": a.unrated.astype(int),
        },
        index=pd.Index(a.hypothesis_ids, name="id"),
    )


def evidence_frame(a: ACHArrays) -> pd.DataFrame:
    """Indexed by evidence id, most diagnostic first (see ``ACHResult.evidence``)."""
    m = a.matrix
    n = len(m.evidence_ids)
    empty: list[tuple[str, ...]] = [()] * n
    leader_without, level_without = list(empty), list(empty)
    for k, ids in a.leader_without.items():
        leader_without[k] = ids
    for k, ids in a.level_without.items():
        level_without[k] = ids
    evidence = pd.DataFrame(
        {
            "summary": m.summary,
            "type": m.type,
            "credibility": m.credibility,
            "relevance": m.relevance,
            "weight": m.weight,
            "diagnosticity": a.diagnosticity,
            "weighted_diagnosticity": a.diagnosticity * m.weight,
            "non_diagnostic": a.non_diagnostic,
            "weakly_diagnostic": a.weakly_diagnostic,
            "linchpin": a.linchpin,
            "leader_without": leader_without,
            "level_without": level_without,
            "effect": a.effect.astype(object),
        },
        index=pd.Index(m.evidence_ids, name="id"),
    )
    return evidence.sort_values(
        ["weighted_diagnosticity", "diagnosticity"], ascending=False, kind="stable"
    )


def ratings_frame(a: ACHArrays) -> pd.DataFrame:
    """The matrix as codes, case order; ``P`` marks a probability cell, ``""`` an unrated one."""
    m = a.matrix
    shown = np.where(np.isnan(m.probability), m.codes, "P")
    shown = np.where(m.rated, shown, "")
    return pd.DataFrame(
        shown, index=pd.Index(m.evidence_ids, name="id"), columns=list(m.hypothesis_ids)
    )


def contributions_frame(a: ACHArrays) -> pd.DataFrame:
    """Each item's weighted inconsistency against each hypothesis, case order."""
    m = a.matrix
    return pd.DataFrame(
        a.contributions,
        index=pd.Index(m.evidence_ids, name="id"),
        columns=list(m.hypothesis_ids),
    )
