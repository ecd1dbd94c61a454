"""Tables for notebooks and briefs: the colour-coded ACH matrix in the manner of PARC ACH."""

from __future__ import annotations

from sat import scales
from sat.report.html import Fragment, render
from sat.techniques.ach import ACHResult


def ach_matrix_html(result: ACHResult, *, order: str = "diagnosticity") -> Fragment:
    """The ACH matrix as an HTML table, colour-coded by rating, with the scores beneath.

    Parameters
    ----------
    result : ACHResult
        The scored matrix.
    order : {"diagnosticity", "case"}
        Rows most diagnostic first (as PARC ACH can sort them) or in case order.
    """
    if order not in ("diagnosticity", "case"):
        raise ValueError("order must be 'diagnosticity' or 'case'")
    evidence = result.evidence
    if order == "case":
        evidence = evidence.reindex(result.ratings.index)
    ratings = result.ratings
    hypotheses = result.hypotheses
    rows = []
    for item, info in evidence.iterrows():
        cells = []
        for h in hypotheses.index:
            code = ratings.at[item, h]
            key = code if code else "unrated"
            background, colour = scales.RATING_COLOURS[key]
            cells.append(
                {
                    "text": code or "·",
                    "title": f"{item} vs {h}: "
                    + (scales.RATING_MEANING.get(code, "probability") if code else "unrated"),
                    "style": f"background:{background};color:{colour}",
                    "leader": h in result.leader,
                }
            )
        rows.append({"id": item, "info": info, "cells": cells})
    legend = [
        {
            "code": code,
            "meaning": scales.RATING_MEANING[code],
            "style": "background:{};color:{}".format(*scales.RATING_COLOURS[code]),
        }
        for code in scales.RATING_CODES
    ]
    return render(
        "ach_matrix.html.j2",
        rows=rows,
        hypotheses=hypotheses,
        leader=result.leader,
        legend=legend,
    )
