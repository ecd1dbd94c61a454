"""The facts a condition reads, and the matrix's scores recomputed from the ratings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sat import scales
from sat.case import Case
from sat.techniques.ach import ACHResult
from sat.techniques.bayes import BayesResult

TOLERANCE = 1e-9
_VALUE = {"I": 1.0, "II": 2.0}


@dataclass(frozen=True)
class Facts:
    """The results a claim may speak of."""

    case: Case
    ach: ACHResult
    bayes: BayesResult | None = None
    confidence: Any = None
    bias: Any = None
    #: The earlier version's ``Case``, for the conditions of what changed (``sat diff``).
    previous: Any = None
    #: The forecasts a register's scores were computed from (``sat.io.register.Entry``, open
    #: ones included), for the conditions of ``sat calibration``: a register, not a case.
    register: tuple[Any, ...] | None = None
    #: The weights the analysts earned on a register (``sat.analyse(earned=...)``), for the
    #: conditions of the pool with earned weights.
    earned: Any = None
    #: Results conditions recompute from the case, kept so that each is computed once per facts
    #: (``memo``).
    _memo: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @classmethod
    def of(cls, analysis: Any) -> Facts:
        """From a ``sat.Analysis`` (a result left out when it cannot run)."""
        return cls(
            analysis.case,
            analysis.ach,
            analysis.optional("bayes"),
            analysis.optional("confidence"),
            analysis.optional("bias"),
            previous=getattr(analysis, "previous", None),
            earned=getattr(analysis, "earned", None),
        )

    @classmethod
    def of_register(cls, entries: Any, analyst: str | None = None) -> Facts:
        """From a register's forecasts, as ``sat.techniques.calibration.run`` scores them (only
        ``analyst``'s when one is named); there is no case, so ``case`` and ``ach`` are None.

        Examples
        --------
        >>> from sat.testing import synthetic_entries
        >>> entries = synthetic_entries(5, (("A", 0.0, 1.0), ("B", 0.0, 1.0)))
        >>> len(Facts.of_register(entries, analyst="B").register)
        5
        """
        scored = tuple(e for e in entries if analyst is None or e.analyst == analyst)
        return cls(None, None, register=scored)  # type: ignore[arg-type]


def memo(facts: Facts, key: str, compute: Callable[[], Any]) -> Any:
    """``compute()``, once per facts: the conditions of many claims read the same recomputed
    result (the stress test run afresh, the independence groups)."""
    if key not in facts._memo:
        facts._memo[key] = compute()
    return facts._memo[key]


def _scores(facts: Facts) -> tuple[dict[str, float], dict[str, int], set[str]]:
    """Weighted inconsistency, consistency and the ranked set, from the ratings themselves."""
    codes = facts.ach.ratings
    weight = facts.ach.evidence["weight"].reindex(codes.index).to_numpy(dtype=float)
    weighted = {h: float(_points(codes[h], _VALUE) @ weight) for h in codes}
    consistency = {h: int(_points(codes[h], scales.CONSISTENCY_POINTS).sum()) for h in codes}
    ranked = {h for h in codes if codes[h].isin(scales.RATING_LADDER).any()}
    return weighted, consistency, ranked


def _points(column: Any, table: Mapping[str, float]) -> np.ndarray:
    return np.array([float(table.get(c, 0)) for c in column], dtype=float)


def _first(weighted: Mapping[str, float], consistency: Mapping[str, int], ranked: set[str]):
    if not ranked:
        return ()
    low = min(weighted[h] for h in ranked)
    best = [h for h in ranked if weighted[h] <= low + TOLERANCE]
    top = max(consistency[h] for h in best)
    return tuple(h for h in weighted if h in best and consistency[h] == top)


def _standing(case: Case) -> tuple[tuple[str, ...], bool]:
    """Who leads and whether the single lead rests on the tie-break, scored from scratch."""
    from sat.analysis import analyse

    facts = Facts(case, analyse(case).ach)
    weighted, consistency, ranked = _scores(facts)
    first = _first(weighted, consistency, ranked)
    tiebreak = len(first) == 1 and any(
        abs(weighted[h] - weighted[first[0]]) <= TOLERANCE for h in ranked if h != first[0]
    )
    return first, tiebreak


def _diagnostic(facts: Facts, item: str) -> bool:
    row = facts.ach.ratings.loc[item]
    values = {scales.SCALE_VALUE.get(c, 0) for c in row}  # unrated and P count as NA (0)
    return len(values) > 1


def _overtaken(facts: Facts, leader: str, challenger: str, moves: Any) -> int | None:
    """The one-step changes ``moves`` ((item, hypothesis, from, to) along CC–C–N–I–II) add up
    to, when each re-judges the leader's or the challenger's cell on an item rated differently
    for the two and together they put the challenger strictly ahead on weighted inconsistency;
    else None."""
    original = facts.ach.ratings
    codes = original.copy()
    ladder = scales.RATING_LADDER
    steps = 0
    for item, h, before, after in moves:
        apart = scales.SCALE_VALUE.get(original.at[item, leader], 0) != scales.SCALE_VALUE.get(
            original.at[item, challenger], 0
        )
        if not apart or h not in (leader, challenger) or codes.at[item, h] != before:
            return None
        steps += abs(ladder.index(after) - ladder.index(before))
        codes.at[item, h] = after
    weight = facts.ach.evidence["weight"].reindex(codes.index).to_numpy(dtype=float)
    score = {h: float(_points(codes[h], _VALUE) @ weight) for h in (leader, challenger)}
    return steps if score[challenger] < score[leader] - TOLERANCE else None
