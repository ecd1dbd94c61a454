"""What would change ACH's standing: single rating changes that narrow the gap between the leader
and a challenger, and the fewest that would put the challenger ahead.

``ACHResult.closing_moves`` and ``ACHResult.overturn_plan`` (``sat.techniques.ach``) are these
functions on a result's frames; devil's advocacy and the brief's "what would overturn it" read
them. Only items that tell the two hypotheses apart are re-judged: an item rated alike for both
says nothing about which is right (SAT-REFERENCE section 10). The exact search is
``sat.techniques._steps``.

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, CIA, 1999, ch. 8, step 6
   (how sensitive the conclusion is to a few critical items).
"""

from __future__ import annotations

import numpy as np
import pandas as pd

from sat import scales
from sat.techniques import _steps

__all__ = ["closing_moves", "overturn_plan"]

_MOVE_COLUMNS = ["evidence", "hypothesis", "from", "to", "gain", "closes_gap"]
_PLAN_COLUMNS = ["evidence", "hypothesis", "from", "to", "steps"]


def closing_moves(
    codes: pd.DataFrame,
    weight: pd.Series,
    scores: pd.Series,
    leader: str | None,
    challenger: str | None,
    n: int | None = None,
) -> pd.DataFrame:
    """Single one-step rating changes that would narrow the gap between ``leader`` and
    ``challenger`` on weighted inconsistency (``scores``).

    ``codes`` are the ratings of the items to consider (evidence × hypotheses),
    ``weight`` each item's weight. Only changes that move the score count: a
    cell of the leader's column moved N → I or I → II, or of the challenger's
    moved II → I or I → N. Each row gives the item, the hypothesis, the change,
    the ``gain`` (how much of the gap it closes) and ``closes_gap`` (whether it
    alone would bring the challenger level). Changes that close the gap come
    first, re-judgements of evidence against the challenger before new evidence
    against the leader, then by gain. Empty with no leader or no challenger.
    """
    if challenger is None or leader is None:
        return pd.DataFrame(columns=_MOVE_COLUMNS)
    gap = float(scores[challenger] - scores[leader])
    weight = weight.reindex(codes.index)
    moves = []
    for hypothesis, table in (
        (challenger, {"II": "I", "I": "N"}),
        (leader, {"N": "I", "I": "II"}),
    ):
        column = codes[hypothesis]
        hit = column.isin(list(table))
        moves.append(
            pd.DataFrame(
                {
                    "evidence": column.index[hit],
                    "hypothesis": hypothesis,
                    "from": column[hit].to_numpy(),
                    "to": column[hit].map(table).to_numpy(),
                    "gain": weight[hit].to_numpy(),
                }
            )
        )
    out = pd.concat(moves, ignore_index=True)
    out["closes_gap"] = out["gain"] >= gap - _steps.TOLERANCE
    out["_challenger"] = out["hypothesis"] == challenger
    out = out.sort_values(["closes_gap", "_challenger", "gain"], ascending=False, kind="stable")
    out = out.reset_index(drop=True)[_MOVE_COLUMNS]
    return out if n is None else out.head(n)


def overturn_plan(
    ratings: pd.DataFrame,
    weight: pd.Series,
    scores: pd.Series,
    leader: str | None,
    challenger: str | None,
    *,
    strict: bool = True,
) -> pd.DataFrame:
    """The fewest one-step rating changes that would put ``challenger`` ahead of ``leader``.

    Ahead means strictly less weighted inconsistency (``strict=False``: no more
    than the leader). The count is exact (``sat.techniques._steps``); the rows
    are one optimal set of cell changes, each with the number of one-step moves
    it takes (``steps``; their sum is the count). Only items rated differently
    for the two are re-judged. Of equally short plans, the one re-judging the
    items that most separate the two comes first (devil's advocacy's
    "re-examine first" order). Empty when there is no single leader or
    challenger, or no rating changes could do it.
    """
    if challenger is None or leader is None:
        return pd.DataFrame(columns=_PLAN_COLUMNS)
    codes = ratings.replace({"": "NA", "P": "NA"})
    value = codes.map(scales.SCALE_VALUE.get)
    codes = codes[value[leader] != value[challenger]]  # items that tell the two apart
    ids = list(codes.columns)
    w = weight.reindex(codes.index).to_numpy(dtype=float)
    first, column = ids.index(leader), ids.index(challenger)
    options, supply = _steps.options(codes.to_numpy(dtype=str), w, first, column)
    count, units = _steps.fewest_steps(
        options, float(scores[challenger] - scores[leader]), strict=strict
    )
    if count is None:
        return pd.DataFrame(columns=_PLAN_COLUMNS)
    # weight times the difference in inconsistency points, as devil's advocacy ranks them
    points = np.vectorize(lambda c: scales.INCONSISTENCY_POINTS.get(c, 0), otypes=[float])
    values = points(codes.to_numpy(dtype=str))
    priority = np.abs(values[:, column] - values[:, first]) * w
    moves = _steps.plan_moves(units, supply, first, priority)
    return pd.DataFrame(
        [(codes.index[r], ids[c], a, b, k) for r, c, a, b, k in moves], columns=_PLAN_COLUMNS
    )
