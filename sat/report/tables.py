"""Tables for notebooks and briefs: the colour-coded ACH matrix in the manner of PARC ACH."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from sat import scales
from sat.report.claims.likelihood import _range, hypothesis_words
from sat.report.html import Fragment, render
from sat.report.tables_quantities import (  # noqa: F401  the views of a team's numbers
    earned_html,
    experts_html,
    quantities_html,
)
from sat.techniques.ach import ACHResult

#: Most matrix rows a display or brief shows; a larger matrix says how many were left out.
ROW_LIMIT = 200


def ach_matrix_html(
    result: ACHResult,
    *,
    order: str = "diagnosticity",
    limit: int | None = None,
    attachment: str | None = None,
    provenance: Mapping[str, Mapping[str, Any]] | None = None,
    transposed: bool = False,
) -> Fragment:
    """The ACH matrix as an HTML table, colour-coded by rating, with the scores beneath.

    Parameters
    ----------
    result : ACHResult
        The scored matrix.
    order : {"diagnosticity", "case"}
        Rows most diagnostic first (as PARC ACH can sort them) or in case order.
    limit : int, optional
        Show only the ``limit`` most diagnostic items (in the chosen order), with
        a line saying how many were left out; the scores are always those of
        the whole matrix. For large (crowd-rated) matrices.
    attachment : str, optional
        A relative link to the full matrix (a CSV file beside the page), named
        when rows are left out.
    provenance : mapping, optional
        By item, the words it rests on, its grades and dates
        (``sat.report.brief.evidence_provenance``), shown under its summary.
    transposed : bool
        Hypotheses as rows and items as columns (each item's text listed beneath),
        with each hypothesis's scores at the end of its row: the layout Dhami et al.
        (2024) found reduced confirmation bias.
    """
    if order not in ("diagnosticity", "case"):
        raise ValueError("order must be 'diagnosticity' or 'case'")
    evidence = result.evidence_frame
    total = len(evidence)
    if limit is not None and total > limit:
        evidence = evidence.head(limit)  # the frame is most diagnostic first
    if order == "case":
        evidence = evidence.reindex([e for e in result.ratings_frame.index if e in evidence.index])
    ratings = result.ratings_frame
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
        rows.append(
            {
                "id": item,
                "info": info,
                "cells": cells,
                "provenance": (provenance or {}).get(item),
            }
        )
    legend = [
        {
            "code": code,
            "meaning": scales.RATING_MEANING[code],
            "style": "background:{};color:{}".format(*scales.RATING_COLOURS[code]),
        }
        for code in scales.RATING_CODES
    ]
    return render(
        "ach_matrix_transposed.html.j2" if transposed else "ach_matrix.html.j2",
        rows=rows,
        hypotheses=hypotheses,
        leader=result.leader,
        legend=legend,
        shown=len(rows),
        total=total,
        order=order,
        attachment=attachment,
    )


def assumptions_html(result) -> Fragment:
    """The Key Assumptions Check as a table, riskiest first, linchpins marked."""
    from sat.techniques.assumptions import CHALLENGE_QUESTIONS, label

    rows = [
        {
            "id": a,
            "row": row,
            "rating": label(row["rating"]),
            "missing": [CHALLENGE_QUESTIONS[m] for m in row["missing"]],
        }
        for a, row in result.table_frame.iterrows()
    ]
    from sat.report.claims import assumption_claims

    untested = [c for c in assumption_claims(result) if c.kind == "assumptions.untested"]
    return render(
        "assumptions_table.html.j2", rows=rows, risk_colours=RISK_COLOURS, untested=untested
    )


def quality_findings(result) -> dict[str, Any]:
    """The Quality of Information Check's findings as claims, for ``quality_findings.html.j2``:
    the items to re-check, those weighted above their grades, the sourcing of the lead."""
    from sat.report.claims.quality import critical_claims, overgraded_claims, sourcing_claims

    return {
        "critical": critical_claims(result),
        "overgraded": overgraded_claims(result),
        "sourcing": sourcing_claims(result),
        "unsourced_share": result.unsourced_share,
    }


def quality_html(result) -> Fragment:
    """The source inventory and the critical items of the Quality of Information Check."""
    return render(
        "quality_table.html.j2",
        sources=result.sources_frame,
        findings=quality_findings(result),
        # the shares, with the unsourced items', add up to 1; all 0 when there is no score at all
        scored=float(result.sources_frame["share"].sum()) + float(result.unsourced_share) > 0,
        reliability=scales.RELIABILITY,
    )


def collect_html(result, limit: int | None = None) -> Fragment:
    """What to collect next: open indicators by expected information gain (all, or the top
    ``limit``, then how many more there are, named, and where to see them all)."""
    targets = result.targets_frame if limit is None else result.top(limit)
    from sat.report.claims.team import collect_claims, collect_more_claims

    more = collect_more_claims(result, len(targets), "sat collect CASE ranks them all")
    return render(
        "collect_table.html.j2",
        collect=result,
        targets=targets,
        claims=collect_claims(result),
        more=more,
    )


def indicators_html(result) -> Fragment:
    """Indicators by hypothesis, with the watch list and warnings (why each bears on the
    judgement: ``sat.report.claims.indicators``)."""
    from sat.report.claims.indicators import said

    return render(
        "indicators_table.html.j2",
        by_hypothesis=result.by_hypothesis_frame,
        table=result.table_frame,
        watch=said(result.watch_frame, result, seen=False),
        warnings=said(result.warnings_frame, result, seen=True),
        since=result.since,
    )


#: Colours for risk levels (high, medium, low).
RISK_COLOURS = {"high": "#cf222e", "medium": "#9a6700", "low": "#1a7f37"}


#: Colours for finding severities.
SEVERITY_COLOURS = RISK_COLOURS


def bias_html(result) -> Fragment:
    """Bias findings, most severe first, with what was checked and found clean."""
    from sat import scales as _scales
    from sat.report.claims.bias import action, finding_text, why_not_checked

    findings = [
        {"bias": f.bias, "severity": f.severity, "facts": finding_text(f), "action": action(f)}
        for f in result.findings
    ]
    return render(
        "bias_table.html.j2",
        findings=findings,
        passed=result.passed,
        not_checked=[(name, why_not_checked(fact)) for name, fact in result.not_checked],
        unanswered=[_scales.CHECKLIST[q] for q in result.unanswered],
        colours=SEVERITY_COLOURS,
    )


def advocacy_html(result) -> Fragment:
    """The devil's advocate's case against the leader."""
    from sat.report.claims import advocacy_claims

    return render("advocacy.html.j2", result=result, claims=advocacy_claims(result))


def deception_html(result) -> Fragment:
    """Deception risk per actor and source, exposed evidence, and the recommendation."""
    from sat.report.claims import deception_claims

    return render(
        "deception_table.html.j2",
        claims=deception_claims(result),
        subjects=result.subjects_frame,
        exposed=result.exposed_frame,
        result=result,
        colours=RISK_COLOURS,
    )


def bayes_html(result) -> Fragment:
    """Posteriors with intervals and words, and the items that moved the answer most."""
    import math

    sources = getattr(result, "sources_frame", None)
    total = 0.0 if sources is None or sources.empty else float(sources["push"].abs().sum())
    # each source's share of the push is a ratio: over nothing, or over an unbounded push, none
    pushed = (
        "none"
        if sources is None or sources.empty
        else "nothing"
        if total == 0
        else "shared"
        if math.isfinite(total)
        else "unbounded"
    )
    return render(
        "bayes_table.html.j2",
        result=result,
        hyp=result.hypotheses_frame,
        worded={
            h: hypothesis_words(row, len(result.trace_frame))
            for h, row in result.hypotheses_frame.iterrows()
        },
        # the range across tables as the bottom line prints it: never rounded onto a band edge
        across={
            h: _range(float(row["posterior_low"]), float(row["posterior_high"]))
            for h, row in result.hypotheses_frame.iterrows()
        },
        trace=result.trace_frame.head(8),
        sources=sources,
        pushed=pushed,
    )


def scenarios_html(result) -> Fragment:
    """Scenarios with probabilities, words, signposts and timelines; the 2 × 2 of futures; the
    coherence checks (``sat.report.claims.scenarios``)."""
    from sat.report.claims.scenarios import checks_said, reading

    frame = result.scenarios_frame
    return render(
        "scenarios_table.html.j2",
        frame=frame,
        readings={s: reading(result, s) for s in frame.index},
        checks=checks_said(result),
        futures=result.futures_frame,
        names=result.futures_names,
    )


def network_html(result, limit: int | None = None) -> Fragment:
    """Actors ranked by measured influence, with role, brokerage, camp and the hypotheses they touch."""
    frame = result.actors_frame if limit is None else result.actors_frame.head(limit)
    return render(
        "network_table.html.j2", frame=frame, result=result, total=len(result.actors_frame)
    )


def scores_html(
    case,
    result,
    posterior=None,
    bayes_error: str | None = None,
    draws: int | None = None,
    stale: bool = False,
) -> Fragment:
    """The live scores beside the workbook's grid: ranking, steps to the lead, posteriors, bars.

    ``posterior`` (a frame with a ``posterior`` column, e.g. from
    ``sat.bayes.point(case)``) gives the posterior column; with ``low`` and
    ``high`` columns too (the Bayesian result's ``hypotheses_frame``) and the
    number of ``draws``, each posterior shows its simulated 5-95% range.
    ``stale`` says that a range was simulated for an earlier version. A hypothesis with
    unrated items is flagged with how many; when the Bayesian mode cannot run,
    ``bayes_error`` says why in place of the posteriors. The weighted
    inconsistency is drawn as HTML bars, legible at any width and instant to redraw.
    """
    from sat.report.claims import ach_summary

    hyp = result.hypotheses_frame.sort_values(["rank", "weighted_inconsistency"], kind="stable")
    top = float(hyp["weighted_inconsistency"].max()) or 1.0
    ev = result.evidence_frame
    diagnostic = ev[ev["weighted_diagnosticity"] > 0].head(5)
    claims = ach_summary(result)
    return render(
        "scores.html.j2",
        hyp=hyp,
        result=result,
        standing=[
            c for c in claims if c.kind not in ("summary.linchpins", "summary.non_diagnostic")
        ],
        items=[c for c in claims if c.kind in ("summary.linchpins", "summary.non_diagnostic")],
        posterior=posterior,
        diagnostic=diagnostic,
        non_diagnostic=result.non_diagnostic,
        bayes_error=bayes_error,
        top=top,
        interval=posterior is not None and draws is not None and "low" in posterior.columns,
        draws=draws or 0,
        stale=stale,
    )


def diff_html(result, *, compact: bool = False) -> Fragment:
    """What changed between two versions, and what each change did to the judgement (the
    sentences are ``sat.report.claims.diff_claims``); then, when a quantity, the quantiles or an
    answer changed, what changed in them and in the combined estimates and weights
    (``sat.report.tables_quantity_changes``; ``compact``: the brief's shorter form)."""
    from sat.report.claims import diff_claims
    from sat.report.tables_quantity_changes import quantity_changes_html

    return render(
        "diff.html.j2",
        result=result,
        claims=diff_claims(result),
        changes=result.changes_frame,
        attribution=result.attribution_frame,
        hyp=result.hypotheses_frame,
        quantities=quantity_changes_html(result.quantities, compact=compact),
    )


def estimates_html(result) -> Fragment:
    """Each analyst's probabilities as given and made coherent, the pool, and the matrix beside it."""
    from sat.report.claims.team import estimates_claims

    said = estimates_claims(result)

    def kinds(*names: str) -> list:
        return [c for c in said if c.kind in names]

    return render(
        "estimates.html.j2",
        result=result,
        comparison=result.comparison_frame,
        incomplete=kinds("estimates.incomplete"),
        pooled=kinds("estimates.pooled", "estimates.not_pooled"),
        verdict=kinds("estimates.agree", "estimates.differ"),
        reexamine=kinds("estimates.reexamine"),
    )


def judgements_html(result) -> Fragment:
    """The judgements a register can score (``sat judgements``): each with its kind, probability,
    deadline, statement and what settles it; then those that cannot be scored, with why."""
    from sat.report.claims.judgements import quantiles_said, statements, why

    said = statements(result)
    unscorable = [(ident, why(code)) for ident, code in result.unscorable]
    ranges = {
        t.id: tuple(
            "–" if q is None else quantiles_said(t.probabilities, q) for q in (t.equal, t.weighted)
        )
        for t in result.quantities
    }
    return render(
        "judgements.html.j2", result=result, said=said, unscorable=unscorable, ranges=ranges
    )


def calibration_html(result) -> Fragment:
    """A register's scores: Brier and its decomposition, the reliability diagram and sharpness,
    by analyst and by ICD 203 band, and the recalibration fit when there is one."""
    from sat.report.charts import calibration_chart
    from sat.report.claims.team import calibration_claims

    return render(
        "calibration.html.j2",
        result=result,
        chart=calibration_chart(result),
        claims=calibration_claims(result),
    )


def consensus_html(result, limit: int = 12) -> Fragment:
    """The cells in dispute (more than one vote, the votes differ; at most ``limit``, the most
    disagreement first), and each analyst's reading beside the consensus."""
    from sat.report.claims.team import consensus_claims, disputed_claims

    return render(
        "consensus.html.j2",
        result=result,
        claims=consensus_claims(result),
        disputed=disputed_claims(result, limit),
        cells=result.disputed_frame.head(limit),
        side=result.side_by_side_frame,
    )


def gaps_html(result) -> Fragment:
    """The information gaps: the analyst's list, those found in the data, expected evidence absent."""
    from sat.report.claims.gaps import gaps_found

    return render("gaps.html.j2", result=result, found=gaps_found(result))


def confidence_html(result) -> Fragment:
    """Confidence in the judgement: its sentence (the claims of ``confidence_claims``), then each
    factor's points."""
    from sat.report.claims.confidence import confidence_claims

    return render("confidence.html.j2", result=result, claims=confidence_claims(result))


def review_html(result, *, analysis: Any = None) -> Fragment:
    """The analysts' words against the analysis (``sat review``): under each place in the case,
    its findings (the claims of ``sat.report.claims.review.result_claims``), those stronger than
    the analysis marked; then the review in one sentence (``summary_claims``). With the
    ``analysis`` (its case), key judgements are named by their ids and hypotheses with their
    labels; without it, each place is given as the case file's path (``key_judgements[0]``)."""
    from sat.report.claims.review import STRONGER, place, result_claims, summary_claims

    case = None if analysis is None else analysis.case
    places: dict[str, list[tuple[bool, Any]]] = {}
    for claim in result_claims(case, result) if result.checked else ():
        where = claim.figures["where"]
        named = place(case, where) if case is not None else _path(where)
        places.setdefault(named, []).append((claim.kind in STRONGER, claim))
    return render(
        "review_table.html.j2", places=places, summary=summary_claims(case, result), result=result
    )


def _path(where: Any) -> str:
    """Where a finding stands as the case file's path (a conflict's two joined by "and")."""
    return where if isinstance(where, str) else " and ".join(where)
