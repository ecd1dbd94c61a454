"""The analytic annex's appendix: the full ACH matrix with what ties each item to its sources,
the sources with their grades and the Quality of Information Check's findings, and the method
notes (``sat.report.brief`` offers each under its name too)."""

from __future__ import annotations

from typing import Any

from sat import scales
from sat.case import Case
from sat.io.sources import Provenance
from sat.report.html import Fragment, render
from sat.report.tables import ROW_LIMIT, ach_matrix_html, quality_findings
from sat.techniques.ach import ACHResult
from sat.techniques.bayes import BayesResult
from sat.techniques.quality import QualityResult

__all__ = [
    "BRIEF_ROWS",
    "MATRIX_ATTACHMENT",
    "evidence_provenance",
    "matrix_section",
    "method_notes",
    "sources_section",
]


def evidence_provenance(
    case: Case, quality: QualityResult | None = None, provenance: Provenance | None = None
) -> dict[str, dict[str, Any]]:
    """What ties each item to its sources, for display beside its summary.

    By item id: ``quotes`` (each with ``text``, the ``source`` it was found in
    and ``found``: True, False when it was looked for and not found, None when
    nothing was checked), ``grades`` (the Admiralty codes, e.g. ``C2``), ``date``
    (when the event happened) and ``published`` (each cited source's own date).
    """
    checked = {}
    if provenance is not None:
        checked = {(q.evidence, q.position): q for q in provenance.quotes}
    grades = quality.evidence_frame["grades"] if quality is not None else None
    dates = {s.id: s.date for s in case.sources}
    out = {}
    for item in case.evidence:
        quotes = []
        for position, text in enumerate(item.quote):
            q = checked.get((item.id, position))
            quotes.append(
                {
                    "text": text,
                    "source": q.found_in if q is not None else None,
                    "found": None if q is None else q.found,
                }
            )
        out[item.id] = {
            "quotes": quotes,
            "grades": str(grades[item.id]) if grades is not None and item.id in grades else "",
            "date": item.date.isoformat() if item.date else None,
            "published": [f"{s} {dates[s].isoformat()}" for s in item.sources if dates.get(s)],
        }
    return out


#: Most matrix rows, and most sources, a brief shows; larger cases attach the full matrix as CSV.
BRIEF_ROWS = ROW_LIMIT


#: The full matrix written beside every rendered brief (see ``sat.run.render.render_brief``).
MATRIX_ATTACHMENT = "matrix.csv"


def matrix_section(
    result: ACHResult,
    order: str = "diagnosticity",
    limit: int | None = BRIEF_ROWS,
    provenance: dict[str, dict[str, Any]] | None = None,
    transposed: bool = False,
) -> Fragment:
    """The colour-coded matrix with its scores, for the appendix (``transposed``: hypotheses as rows).

    Up to ``limit`` items are shown (the most diagnostic, in the chosen order);
    a larger matrix says how many were left out and points to the full matrix
    attached beside the rendered brief (``matrix.csv``).
    """
    return render(
        "section.html.j2",
        title="Appendix: the ACH matrix",
        css_class="sat-wide",
        body=ach_matrix_html(
            result,
            order=order,
            limit=limit,
            attachment=MATRIX_ATTACHMENT,
            provenance=provenance,
            transposed=transposed,
        ),
    )


def sources_section(
    case: Case,
    quality: QualityResult | None = None,
    limit: int | None = BRIEF_ROWS,
    provenance: Provenance | None = None,
) -> Fragment:
    """The sources with their Admiralty grades and, after a Quality of Information Check, its findings.

    With more than ``limit`` sources, the most cited are shown (in case order)
    and the brief says how many were left out. Given ``provenance``, it says
    which sources store their text, which items quote it verbatim, and which
    items have no quote or no stored source; without it, that check is not assessed.
    """
    cited: dict[str, int] = {s.id: 0 for s in case.sources}
    for item in case.evidence:
        for ref in item.sources:
            cited[ref] += 1
    sources = list(case.sources)
    if limit is not None and len(sources) > limit:
        keep = set(sorted(cited, key=lambda s: -cited[s])[:limit])  # stable: ties in case order
        sources = [s for s in sources if s.id in keep]
    return render(
        "sources.html.j2",
        case=case,
        sources=sources,
        cited=cited,
        reliability=scales.RELIABILITY,
        quality=quality if case.sources else None,
        findings=quality_findings(quality) if quality is not None and case.sources else None,
        provenance=provenance,
        counted=[e.id for e in case.evidence if e.type != "assumption"],
    )


def method_notes(bayes: BayesResult | None = None) -> Fragment:
    """How the scores and probabilities are computed, what they cannot do, and the sources."""
    from sat.language import ICD203

    weights = {level: scales.LEVEL_WEIGHT[level] for level in scales.LEVELS}
    from sat.techniques.bayes import NEAR

    return render("method.html.j2", weights=weights, bayes=bayes, icd203=ICD203, near=NEAR)
