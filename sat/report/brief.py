"""The sections of the rendered brief, each drafted from a technique's result.

Each function takes the case and results and returns an HTML :class:`Fragment`;
``notebooks/brief.ipynb`` displays them in order. The wording is assembled here
from numbers computed by the techniques, so every sentence can be traced back to
the analysis; the templates escape all case text.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from sat import scales
from sat.case import Case
from sat.report.html import Fragment, render
from sat.report.tables import ach_matrix_html
from sat.techniques.ach import ACHResult

__all__ = [
    "bluf",
    "header",
    "hypotheses_section",
    "matrix_section",
    "method_notes",
    "sources_section",
]


def header(case: Case) -> Fragment:
    """Title, question, date, analysts and background."""
    return render("header.html.j2", case=case)


def _names(case: Case, ids: tuple[str, ...] | list[str]) -> list[dict[str, str]]:
    return [{"id": h, "label": case.hypothesis(h).label} for h in ids]


def _moves(case: Case, result: ACHResult, challenger: str, n: int = 3) -> list[dict[str, Any]]:
    moves = result.closing_moves(challenger, n)
    return [
        {
            "evidence": row["evidence"],
            "hypothesis": row["hypothesis"],
            "from": scales.RATING_MEANING[row["from"]],
            "to": scales.RATING_MEANING[row["to"]],
            "is_leader": row["hypothesis"] in result.leader,
        }
        for _, row in moves.iterrows()
    ]


def _bluf_context(case: Case, result: ACHResult) -> dict[str, Any]:
    hyp = result.hypotheses.sort_values(["rank", "weighted_inconsistency"], kind="stable")
    leader = result.leader
    context: dict[str, Any] = {
        "case": case,
        "n": len(hyp),
        "leaders": _names(case, leader),
        "tied": result.tied,
        "margin": result.margin,
        "leader_score": float(hyp.loc[leader[0], "weighted_inconsistency"]),
        "evidence_count": len(case.evidence),
        "linchpins": [],
        "challengers": [],
        "runner_up": None,
        "moves": [],
    }
    others = hyp[~hyp.index.isin(leader)]
    if len(others):
        runner = others.index[0]
        context["runner_up"] = {
            "id": runner,
            "label": case.hypothesis(runner).label,
            "score": float(others.loc[runner, "weighted_inconsistency"]),
        }
    closest = result.closest_challengers
    if closest:
        context["challengers"] = _names(case, closest)
        context["moves"] = _moves(case, result, closest[0])
    ev = result.evidence
    for item in result.linchpins:
        context["linchpins"].append(
            {"id": item, "instead": _names(case, ev.at[item, "leader_without"])}
        )
    return context


def bluf(case: Case, result: ACHResult) -> Fragment:
    """Bottom line up front: which hypothesis is least inconsistent, by what margin, what would overturn it."""
    return render("bluf.html.j2", **_bluf_context(case, result))


def hypotheses_section(case: Case, result: ACHResult, disconfirming: int = 3) -> Fragment:
    """Every hypothesis with its scores and rank, the evidence that most disconfirms it, and the assessment."""
    hyp = result.hypotheses.sort_values(["rank", "weighted_inconsistency"], kind="stable")
    ratings = result.ratings
    rows = []
    for h, row in hyp.iterrows():
        against = result.disconfirming(h, disconfirming)
        rows.append(
            {
                "id": h,
                "hypothesis": case.hypothesis(h),
                "row": row,
                "steps": None if pd.isna(row["steps_to_lead"]) else int(row["steps_to_lead"]),
                "leader": h in result.leader,
                "against": [
                    {
                        "id": e,
                        "code": ratings.at[e, h],
                        "summary": case.item(e).summary,
                        "weight": w,
                    }
                    for e, w in against.items()
                ],
            }
        )
    return render(
        "hypotheses.html.j2",
        rows=rows,
        result=result,
        non_diagnostic=list(result.non_diagnostic),
        unrated=len(result.unrated),
        probability_cells=result.probability_cells,
        **{
            k: v
            for k, v in _bluf_context(case, result).items()
            if k in ("challengers", "moves", "margin")
        },
    )


def matrix_section(result: ACHResult) -> Fragment:
    """The full colour-coded matrix with its scores, for the appendix."""
    return render("section.html.j2", title="Appendix: the ACH matrix", body=ach_matrix_html(result))


def sources_section(case: Case) -> Fragment:
    """The sources with their Admiralty reliability grades and how much evidence rests on each."""
    cited: dict[str, int] = {s.id: 0 for s in case.sources}
    for item in case.evidence:
        for ref in item.sources:
            cited[ref] += 1
    return render("sources.html.j2", case=case, cited=cited, reliability=scales.RELIABILITY)


def method_notes() -> Fragment:
    """How the scores are computed, what they cannot do, and where the method comes from."""
    weights = {level: scales.LEVEL_WEIGHT[level] for level in scales.LEVELS}
    return render("method.html.j2", weights=weights)
