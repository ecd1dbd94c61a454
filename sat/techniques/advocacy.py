"""Devil's advocacy: the strongest case against the leading hypothesis, built from the matrix.

For the leader and its runner-up, three things an advocate would press:

* the fewest one-step **rating** changes that would put the runner-up ahead
  (strictly less weighted inconsistency), with one optimal set of changes
  (exact; see ``sat.techniques.ach.ACHResult.overturn_plan``);
* the fewest one-step **credibility** changes that would do it, the ratings
  left alone: lowering the credibility of items that count against the runner-up
  (H → M → L) or raising it for items that count against the leader
  (L → M → H). Each step scales an item's weight by 1/√2 or √2, so its effect
  on the gap is exact; the minimum is found by dynamic programming over items;
* the **evidence** whose re-examination matters most (the items that separate
  the two, by weight times the difference in inconsistency points), and the
  **assumptions** the leader rests on (from the Key Assumptions Check).

References
----------
.. [1] US Government, *A Tradecraft Primer*, 2009 (Devil's Advocacy: challenge the
   mainline judgement's weakest assumptions and highlight contrary evidence).
.. [2] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8 step 6.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sat import scales
from sat.case import Case
from sat.errors import UsageError
from sat.techniques import ach as ach_technique
from sat.techniques import assumptions as kac_technique

__all__ = ["AdvocacyResult", "run"]

_POINTS = {"I": 1, "II": 2}
_UP = {"L": "M", "M": "H"}
_DOWN = {"H": "M", "M": "L"}
_TOLERANCE = 1e-9


@dataclass(frozen=True)
class AdvocacyResult:
    """The result of ``run`` (empty when the lead is tied): facts only; the argument in words is
    ``sat.report.claims.advocacy_claims``."""

    leader: str | None
    challenger: str | None
    rating_steps: int | None
    rating_plan: pd.DataFrame = field(repr=False)
    credibility_steps: int | None = None
    credibility_plan: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    key_evidence: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)
    assumptions: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    def to_dict(self) -> dict[str, Any]:
        def rows(frame: pd.DataFrame, index: bool = False) -> list[dict[str, Any]]:
            frame = frame.reset_index() if index else frame
            return [
                {k: (list(v) if isinstance(v, tuple) else v) for k, v in r.items()}
                for r in frame.to_dict(orient="records")
            ]

        return {
            "leader": self.leader,
            "challenger": self.challenger,
            "rating_steps": self.rating_steps,
            "rating_plan": rows(self.rating_plan),
            "credibility_steps": self.credibility_steps,
            "credibility_plan": rows(self.credibility_plan),
            "key_evidence": rows(self.key_evidence, index=True),
            "assumptions": rows(self.assumptions, index=True),
        }


def _credibility_plan(
    case: Case, result: ach_technique.ACHResult, leader: str, challenger: str
) -> tuple[int | None, pd.DataFrame]:
    """Fewest credibility steps that put the challenger strictly ahead (ratings unchanged)."""
    columns = ["evidence", "from", "to", "steps"]
    scores = result.hypotheses["weighted_inconsistency"]
    deficit = float(scores[challenger] - scores[leader])
    groups = []  # per item: [(steps, gain, new level)]
    for item in case.evidence:
        d = _POINTS.get(str(item.rating(challenger)), 0) - _POINTS.get(str(item.rating(leader)), 0)
        if d == 0:
            continue
        rel = scales.LEVEL_WEIGHT[item.relevance]
        options, level = [], item.credibility
        table = _DOWN if d > 0 else _UP
        for steps in (1, 2):
            if level not in table:
                break
            level = table[level]
            new_weight = scales.LEVEL_WEIGHT[level] * rel
            options.append((steps, abs(d) * abs(item.weight - new_weight), level))
        if options:
            groups.append((item, options))
    horizon = 2 * len(groups)
    best = np.full(horizon + 1, -np.inf)
    best[0] = 0.0
    layers = []
    for _, options in groups:  # loops over items that separate the two, not over cells
        new = best.copy()
        choice = np.zeros(horizon + 1, dtype=int)
        for k, (steps, gain, _) in enumerate(options, start=1):
            shifted = np.full(horizon + 1, -np.inf)
            shifted[steps:] = best[: horizon + 1 - steps] + gain
            better = shifted > new + _TOLERANCE
            new = np.where(better, shifted, new)
            choice = np.where(better, k, choice)
        layers.append(choice)
        best = new
    reached = np.flatnonzero(best > deficit + _TOLERANCE)
    if not reached.size:
        return None, pd.DataFrame(columns=columns)
    budget, rows = int(reached[0]), []
    for (item, options), choice in zip(reversed(groups), reversed(layers), strict=True):
        k = int(choice[budget])
        if k:
            steps, _, level = options[k - 1]
            rows.append((item.id, item.credibility, level, steps))
            budget -= steps
    rows.reverse()
    return int(reached[0]), pd.DataFrame(rows, columns=columns)


def _hypothesis_id(case: Case, given: str) -> str:
    """The case's id for a hypothesis named by an analyst (``h4`` finds ``H4``)."""
    ids = [h.id for h in case.hypotheses]
    if given in ids:
        return given
    folded = [h for h in ids if h.casefold() == given.strip().casefold()]
    if len(folded) == 1:
        return folded[0]
    raise UsageError(f"unknown hypothesis '{given}' (the case has {', '.join(ids)})")


def run(
    case: Case,
    *,
    ach: ach_technique.ACHResult,
    assumptions: kac_technique.KACResult,
    challenger: str | None = None,
) -> AdvocacyResult:
    """Build the devil's advocate's case against the leading hypothesis.

    Parameters
    ----------
    case : Case
    ach, assumptions : results
        The case's ACH and Key Assumptions Check (``sat.analyse`` passes them).
    challenger : str, optional
        The hypothesis to argue for (default: ``ACHResult.easiest_challenger``, the one the
        fewest rating changes would put ahead, else the runner-up); its id in any case.

    Raises
    ------
    UsageError
        If ``challenger`` is not a hypothesis of the case, or is the leader.

    Examples
    --------
    >>> import sat
    >>> from sat.paths import EXAMPLE_CASE
    >>> a = sat.analyse(sat.load_case(EXAMPLE_CASE))
    >>> advocate = run(a.case, ach=a.ach, assumptions=a.assumptions)
    >>> advocate.leader, advocate.challenger, advocate.rating_steps
    ('H1', 'H4', 2)
    """
    if challenger is not None:
        challenger = _hypothesis_id(case, challenger)
    result, kac = ach, assumptions
    if result.sole is None:
        return AdvocacyResult(None, None, None, pd.DataFrame())
    leader = result.sole
    if challenger in result.unranked:
        raise UsageError(
            f"{challenger} is not rated against any item (no rating other than NA), so the matrix "
            "makes no case for it; rate it first"
        )
    if challenger == leader:
        raise UsageError(
            f"{challenger} is the leading hypothesis; the challenger must be another "
            f"(the runner-up is {result.runner_up})"
        )
    challenger = challenger or result.easiest_challenger or result.runner_up
    if challenger is None:  # every other hypothesis is unranked
        return AdvocacyResult(leader, None, None, pd.DataFrame())
    plan = result.overturn_plan(challenger)
    rating_steps = int(plan["steps"].sum()) if not plan.empty else None
    credibility_steps, credibility_plan = _credibility_plan(case, result, leader, challenger)

    codes = result.ratings
    points = codes.map(lambda c: _POINTS.get(c, 0))
    weight = result.evidence["weight"].reindex(codes.index)
    separation = (points[challenger] - points[leader]) * weight
    key = pd.DataFrame(
        {
            "summary": result.evidence["summary"].reindex(codes.index),
            leader: codes[leader],
            challenger: codes[challenger],
            "weight": weight,
            "separation": separation,
            "sources": [case.item(e).sources for e in codes.index],
        }
    )
    key = key[key["separation"] != 0]
    key = key.reindex(key["separation"].abs().sort_values(ascending=False, kind="stable").index)

    table = kac.table
    relied = table[table["supports"].map(lambda s: not s or leader in s).astype(bool)]
    return AdvocacyResult(
        leader=leader,
        challenger=challenger,
        rating_steps=rating_steps,
        rating_plan=plan,
        credibility_steps=credibility_steps,
        credibility_plan=credibility_plan,
        key_evidence=key,
        assumptions=relied[["statement", "rating", "impact", "risk"]],
    )
