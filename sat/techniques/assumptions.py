"""Key Assumptions Check: every premise challenged, rated, ranked by risk, and tested against the matrix.

The check follows the US Government *Tradecraft Primer* (2009): write down the
analytic line, list the premises it needs, challenge each (why must it be true,
does it hold in all conditions, has it weakened, what could undermine it), and
keep the ones that must hold, noting when each could fail. Ratings follow Heuer
and Pherson: basically *solid*, correct with *caveats*, or *unsupported* (a key
uncertainty).

Risk combines the rating with the impact if wrong (H/M/L):

| rating      | H      | M      | L      |
|-------------|--------|--------|--------|
| unsupported | high   | high   | medium |
| caveats     | high   | medium | low    |
| solid       | medium | low    | low    |

An assumption not yet rated counts as unsupported, and one without an impact
as high impact, until the analyst says otherwise: a premise is not secure
because nobody has looked at it.

*Linchpins* are unsupported, caveated or unrated assumptions that a leading
hypothesis relies on (or the overall judgement, when ``supports`` is empty).
For an assumption carried into the matrix as evidence, the check shows the
leader and the ranks that move when that item is dropped. Any unanswered
challenge question makes the check *incomplete* for that assumption.

References
----------
.. [1] US Government, *A Tradecraft Primer: Structured Analytic Techniques for
   Improving Intelligence Analysis*, 2009 (Key Assumptions Check).
.. [2] R. J. Heuer Jr. and R. H. Pherson, *Structured Analytic Techniques for
   Intelligence Analysis* (assumption ratings; linchpin assumptions).
.. [3] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8 step 2
   (assumptions are evidence).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sat import scales
from sat.case import Assumption, Case
from sat.techniques import ach as ach_technique
from sat.techniques._frames import FrameCopy, records_frame

__all__ = ["CHALLENGE_QUESTIONS", "KACResult", "run"]

#: The challenge questions, by the field that answers each.
CHALLENGE_QUESTIONS = {
    "rating": "How secure is it: basically solid, correct with caveats, or unsupported?",
    "rationale": "Why must it be true, and how confident are we?",
    "conditions": "Does it hold under all conditions? When would it not?",
    "undermined_by": "What could undermine it?",
    "weakened": "Was it true before but less so now?",
    "impact": "Would being wrong significantly change the analytic line?",
}

_SEVERITY = {"unsupported": 3, None: 3, "caveats": 2, "solid": 1}
_IMPACT = {"H": 3, None: 3, "M": 2, "L": 1}
_RISK = {
    ("unsupported", "H"): "high",
    ("unsupported", "M"): "high",
    ("unsupported", "L"): "medium",
    ("caveats", "H"): "high",
    ("caveats", "M"): "medium",
    ("caveats", "L"): "low",
    ("solid", "H"): "medium",
    ("solid", "M"): "low",
    ("solid", "L"): "low",
}
_RISK_ORDER = {"high": 0, "medium": 1, "low": 2}


def _missing(assumption: Assumption) -> tuple[str, ...]:
    return tuple(name for name in CHALLENGE_QUESTIONS if getattr(assumption, name) is None)


def risk(assumption: Assumption) -> str:
    """The risk level of one assumption (see the module table).

    Examples
    --------
    >>> from sat.case import Assumption
    >>> risk(Assumption(id="A1", statement="x", rating="caveats", impact="H"))
    'high'
    >>> risk(Assumption(id="A2", statement="y", rating="solid", impact="M"))
    'low'
    >>> risk(Assumption(id="A3", statement="z"))  # not yet rated: treated as unsupported, high impact
    'high'
    """
    rating = assumption.rating or "unsupported"
    return _RISK[(rating, assumption.impact or "H")]


@dataclass(frozen=True)
class KACResult:
    """The result of ``run``.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per assumption, riskiest first: ``statement``, ``rating``,
        ``impact``, ``risk``, ``supports``, ``evidence``, ``weakened``,
        ``linchpin``, ``incomplete``, ``missing`` (unanswered questions),
        ``leader_if_dropped`` and ``ranking_change`` (for assumptions that are
        also ACH evidence: the leader without that item, and the ranks that move).
    leader : tuple of str
        The leading hypotheses of the full matrix.
    """

    leader: tuple[str, ...]
    table_frame: pd.DataFrame = field(repr=False)

    table = FrameCopy()

    @property
    def linchpins(self) -> tuple[str, ...]:
        """Unsupported or caveated (or unrated) assumptions the leading judgement depends on."""
        t = self.table_frame
        return tuple(t.index[t["linchpin"]])

    @property
    def incomplete(self) -> dict[str, tuple[str, ...]]:
        """Assumptions with unanswered challenge questions, and which."""
        t = self.table_frame
        return {a: t.at[a, "missing"] for a in t.index[t["incomplete"]]}

    @property
    def key_uncertainties(self) -> tuple[str, ...]:
        """Assumptions rated unsupported."""
        t = self.table_frame
        return tuple(t.index[t["rating"] == "unsupported"])

    @property
    def high_risk(self) -> tuple[str, ...]:
        """Assumptions whose risk (rating × impact if wrong) is high."""
        t = self.table_frame
        return tuple(t.index[t["risk"] == "high"])

    def to_dict(self) -> dict[str, Any]:
        t = self.table_frame
        return {
            "leader": list(self.leader),
            "assumptions": [
                {
                    "id": a,
                    "statement": row["statement"],
                    "rating": row["rating"],
                    "impact": row["impact"],
                    "risk": row["risk"],
                    "supports": list(row["supports"]),
                    "evidence": row["evidence"],
                    "weakened": row["weakened"],
                    "linchpin": bool(row["linchpin"]),
                    "incomplete": bool(row["incomplete"]),
                    "missing": list(row["missing"]),
                    "leader_if_dropped": None
                    if row["leader_if_dropped"] is None
                    else list(row["leader_if_dropped"]),
                    "ranking_change": row["ranking_change"],
                }
                for a, row in t.iterrows()
            ],
            "linchpins": list(self.linchpins),
            "incomplete": {a: list(m) for a, m in self.incomplete.items()},
        }


def run(case: Case, *, ach: ach_technique.ACHResult | None = None) -> KACResult:
    """Run the Key Assumptions Check on a case's ``assumptions``.

    Parameters
    ----------
    case : Case
        The case; its ``assumptions`` may link to evidence items of type assumption.
    ach : ACHResult, optional
        The case's ACH result, if already computed.

    Returns
    -------
    KACResult
        The assumptions ranked by risk, with linchpins, incomplete checks, and the
        effect on the ACH ranking of dropping each assumption that is also evidence.

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> kac = run(load_case(EXAMPLE_CASE))
    >>> kac.table["risk"].iloc[0]
    'high'
    """
    result = ach if ach is not None else ach_technique.run(case)
    leader = set(result.leader)
    rows = []
    for a in case.assumptions:
        depends = not a.supports or bool(leader & set(a.supports))
        insecure = a.rating in (None, "unsupported", "caveats")
        dropped, change = None, None
        if a.evidence is not None:
            dropped, change = _drop_effect(case, result, a.evidence)
        missing = _missing(a)
        rows.append(
            {
                "id": a.id,
                "statement": a.statement,
                "rating": a.rating,
                "impact": a.impact,
                "risk": risk(a),
                "supports": a.supports,
                "evidence": a.evidence,
                "weakened": a.weakened,
                "linchpin": depends and insecure,
                "incomplete": bool(missing),
                "missing": missing,
                "leader_if_dropped": dropped,
                "ranking_change": change,
                "_order": (
                    _RISK_ORDER[risk(a)],
                    -_SEVERITY[a.rating],
                    -_IMPACT[a.impact],
                ),
            }
        )
    columns = [
        "statement",
        "rating",
        "impact",
        "risk",
        "supports",
        "evidence",
        "weakened",
        "linchpin",
        "incomplete",
        "missing",
        "leader_if_dropped",
        "ranking_change",
    ]
    rows.sort(key=lambda row: row["_order"])  # stable: ties keep the case's order
    table = records_frame(rows, "id", columns, flags=("linchpin", "incomplete"))
    return KACResult(leader=result.leader, table_frame=table)


def _drop_effect(
    case: Case, result: ach_technique.ACHResult, evidence_id: str
) -> tuple[tuple[str, ...], dict[str, list[int]]]:
    """The leader without one item, and the hypotheses whose rank moves: {id: [before, after]}."""
    kept = tuple(e for e in case.evidence if e.id != evidence_id)
    without = ach_technique.run(case.model_copy(update={"evidence": kept}))
    before = result.hypotheses["rank"]
    after = without.hypotheses["rank"]
    moved = {h: [int(before[h]), int(after[h])] for h in before.index if before[h] != after[h]}
    return without.leader, moved


def label(rating: str | None) -> str:
    """The words for a rating code (``not rated`` for None)."""
    return scales.ASSUMPTION_RATINGS.get(rating, "not rated") if rating else "not rated"
