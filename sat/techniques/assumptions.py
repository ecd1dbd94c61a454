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

*Linchpins* (Heuer and Pherson: an unsupported assumption on which the lead
judgement depends) are tested against the matrix, by the rule the workbook
uses for ACH linchpins (Heuer 1999, ch. 8 step 6). An assumption is a linchpin
when all three hold:

- it is insecure: unsupported, caveated or unrated;
- the leading judgement relies on it: ``supports`` names a leading hypothesis,
  or is empty (the overall judgement);
- dropping the evidence item that carries it into the matrix changes the
  *standing*: who leads, or whether the single leader's lead rests on the
  consistency tie-break (another hypothesis level with it on weighted
  inconsistency, within 1e-9).

An assumption whose item can be dropped with the standing as it was is not a
linchpin, however insecure, and neither is one whose item is rated alike for
every hypothesis (it cannot bear on which of them leads). An assumption that no evidence item carries into
the matrix (no ``evidence`` link) is *not tested in the matrix*: nothing shows
that the judgement turns on it, so it is never called a linchpin; the insecure
ones the leading judgement relies on are listed apart (``untested``), as the
premises still to be tested. Reversing an assumption (rating its item as if it
were false) is not modelled; only dropping it. Any unanswered challenge
question makes the check *incomplete* for that assumption.

References
----------
.. [1] US Government, *A Tradecraft Primer: Structured Analytic Techniques for
   Improving Intelligence Analysis*, 2009 (Key Assumptions Check).
.. [2] R. J. Heuer Jr. and R. H. Pherson, *Structured Analytic Techniques for
   Intelligence Analysis* (assumption ratings; linchpin assumptions).
.. [3] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8 steps 2
   and 6 (assumptions are evidence; sensitivity to linchpin items).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sat import scales
from sat.case import Assumption, Case
from sat.techniques import ach as ach_technique
from sat.techniques._frames import FrameCopy, records_frame

__all__ = ["CHALLENGE_QUESTIONS", "AssumptionsResult", "KACResult", "run"]

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
#: Weighted inconsistency scores within this are level (sums of √2 weights are not exact).
TOLERANCE = 1e-9


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
class AssumptionsResult:
    """The result of ``run``.

    Attributes
    ----------
    table : pandas.DataFrame
        One row per assumption, riskiest first: ``statement``, ``rating``,
        ``impact``, ``risk``, ``supports``, ``evidence``, ``weakened``,
        ``linchpin``, ``incomplete``, ``missing`` (unanswered questions),
        ``in_matrix`` (an evidence item carries it into the ACH matrix),
        ``untested`` (insecure, relied on by the leading judgement, and not in
        the matrix), and for assumptions in the matrix (None otherwise):
        ``leader_if_dropped`` (the leaders without that item),
        ``tiebreak_if_dropped`` (whether the single leader would then lead only
        on the consistency tie-break), ``changes_standing`` and
        ``ranking_change`` (the ranks that move: {hypothesis: [before, after]},
        None for a hypothesis left unranked).
    leader : tuple of str
        The leading hypotheses of the full matrix.
    tiebreak : bool
        Whether the full matrix's single leader leads only on the consistency
        tie-break (another hypothesis level with it on weighted inconsistency).
    """

    leader: tuple[str, ...]
    table_frame: pd.DataFrame = field(repr=False)
    tiebreak: bool = False

    table = FrameCopy()

    @property
    def linchpins(self) -> tuple[str, ...]:
        """Insecure (unsupported, caveated or unrated) assumptions the leading judgement relies on
        whose removal from the matrix changes the standing: who leads, or whether the lead rests on
        the consistency tie-break. Riskiest first."""
        t = self.table_frame
        return tuple(t.index[t["linchpin"]])

    @property
    def untested(self) -> tuple[str, ...]:
        """Insecure assumptions the leading judgement relies on that no evidence item carries into
        the matrix: not tested there, so never linchpins. Riskiest first."""
        t = self.table_frame
        return tuple(t.index[t["untested"]])

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
                    "in_matrix": bool(row["in_matrix"]),
                    "untested": bool(row["untested"]),
                    "leader_if_dropped": None
                    if row["leader_if_dropped"] is None
                    else list(row["leader_if_dropped"]),
                    "tiebreak_if_dropped": row["tiebreak_if_dropped"],
                    "changes_standing": row["changes_standing"],
                    "ranking_change": row["ranking_change"],
                }
                for a, row in t.iterrows()
            ],
            "tiebreak": self.tiebreak,
            "linchpins": list(self.linchpins),
            "untested": list(self.untested),
            "incomplete": {a: list(m) for a, m in self.incomplete.items()},
        }


def run(case: Case, *, ach: ach_technique.ACHResult) -> AssumptionsResult:
    """Run the Key Assumptions Check on a case's ``assumptions``.

    Parameters
    ----------
    case : Case
        The case; its ``assumptions`` may link to evidence items of type assumption.
    ach : ACHResult
        The case's ACH result (``sat.analyse`` passes it).

    Returns
    -------
    AssumptionsResult
        The assumptions ranked by risk, with linchpins (tested by dropping each
        assumption's item from the matrix), the insecure assumptions not tested in
        the matrix, incomplete checks, and the effect on the ACH ranking of dropping
        each assumption that is also evidence.

    Examples
    --------
    >>> import sat
    >>> from sat.paths import EXAMPLE_CASE
    >>> case = sat.load_case(EXAMPLE_CASE)
    >>> kac = run(case, ach=sat.ach.run(case))
    >>> kac.table["risk"].iloc[0]
    'high'
    >>> kac.linchpins, kac.untested  # H1 leads as clearly without A4's item E28
    ((), ('A6', 'A3', 'A1'))
    """
    result = ach
    leader = set(result.leader)
    standing = _standing(result)
    items = {e.id for e in case.evidence}
    alike = set(result.non_diagnostic)  # rated alike everywhere: never a linchpin
    rows = []
    for a in case.assumptions:
        depends = not a.supports or bool(leader & set(a.supports))
        insecure = a.rating in (None, "unsupported", "caveats")
        in_matrix = a.evidence is not None and a.evidence in items
        dropped = change = tiebreak = changes = None
        if in_matrix:
            dropped, tiebreak, change = _drop_effect(case, result, a.evidence)
            changes = (dropped, tiebreak) != standing
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
                "linchpin": depends and insecure and bool(changes) and a.evidence not in alike,
                "incomplete": bool(missing),
                "missing": missing,
                "in_matrix": in_matrix,
                "untested": depends and insecure and not in_matrix,
                "leader_if_dropped": dropped,
                "tiebreak_if_dropped": tiebreak,
                "changes_standing": changes,
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
        "in_matrix",
        "untested",
        "leader_if_dropped",
        "tiebreak_if_dropped",
        "changes_standing",
        "ranking_change",
    ]
    rows.sort(key=lambda row: row["_order"])  # stable: ties keep the case's order
    flags = ("linchpin", "incomplete", "in_matrix", "untested")
    table = records_frame(rows, "id", columns, flags=flags)
    return AssumptionsResult(leader=tuple(result.leader), table_frame=table, tiebreak=standing[1])


def _standing(result: ach_technique.ACHResult) -> tuple[tuple[str, ...], bool]:
    """The standing of an ACH result: (the leaders, whether the single leader leads only on the
    consistency tie-break, i.e. another ranked hypothesis is level with it on weighted
    inconsistency within ``TOLERANCE``)."""
    leaders = tuple(result.leader)
    if len(leaders) != 1:
        return leaders, False
    hyp = result.hypotheses
    ranked = pd.to_numeric(hyp["rank"], errors="coerce").fillna(0) >= 1
    scores = pd.to_numeric(hyp.loc[ranked, "weighted_inconsistency"], errors="coerce").dropna()
    if leaders[0] not in scores.index:
        return leaders, False
    level = (scores - scores[leaders[0]]).abs() <= TOLERANCE
    return leaders, bool(level.sum() > 1)


def _drop_effect(
    case: Case, result: ach_technique.ACHResult, evidence_id: str
) -> tuple[tuple[str, ...], bool, dict[str, list[int]]]:
    """Without one item: the leaders, whether the single leader then leads only on the tie-break,
    and the hypotheses whose rank moves: {id: [before, after]}."""
    kept = tuple(e for e in case.evidence if e.id != evidence_id)
    without = ach_technique.run(case.model_copy(update={"evidence": kept}))
    leaders, tiebreak = _standing(without)
    before = {h: _rank(r) for h, r in result.hypotheses["rank"].items()}
    after = {h: _rank(r) for h, r in without.hypotheses["rank"].items()}
    moved = {h: [before[h], after[h]] for h in before if before[h] != after[h]}
    return leaders, tiebreak, moved


def _rank(value: Any) -> int | None:
    """A rank as an int; None for a hypothesis left unranked (no scored rating)."""
    return None if pd.isna(value) or int(value) < 1 else int(value)


def label(rating: str | None) -> str:
    """The words for a rating code (``not rated`` for None)."""
    return scales.ASSUMPTION_RATINGS.get(rating, "not rated") if rating else "not rated"


#: The name this result had before every result was called ``<Technique>Result`` (kept so old code runs).
KACResult = AssumptionsResult
