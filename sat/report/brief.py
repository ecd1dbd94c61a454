"""The sections of the rendered brief, each drafted from a technique's result.

Each function takes the case and results and returns an HTML ``Fragment``;
``notebooks/brief.ipynb`` displays them in order. The wording is assembled here
from numbers computed by the techniques, so every sentence can be traced back to
the analysis; the templates escape all case text.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

import pandas as pd

from sat import scales
from sat.case import Case
from sat.diff import DiffResult
from sat.io.sources import Provenance
from sat.report.html import Fragment, render
from sat.report.tables import (
    ROW_LIMIT,
    ach_matrix_html,
    advocacy_html,
    assumptions_html,
    bayes_html,
    bias_html,
    collect_html,
    deception_html,
    indicators_html,
    network_html,
    quality_findings,
    scenarios_html,
)
from sat.techniques.ach import ACHResult
from sat.techniques.advocacy import AdvocacyResult
from sat.techniques.assumptions import KACResult
from sat.techniques.bayes import BayesResult
from sat.techniques.bias import BiasResult
from sat.techniques.collect import CollectionResult
from sat.techniques.confidence import Confidence
from sat.techniques.consensus import ConsensusResult
from sat.techniques.deception import DeceptionResult
from sat.techniques.estimates import EstimatesResult
from sat.techniques.gaps import GapsResult
from sat.techniques.indicators import IndicatorResult
from sat.techniques.network import NetworkResult
from sat.techniques.quality import QualityResult
from sat.techniques.scenarios import ScenariosResult

__all__ = [
    "bluf",
    "changes_section",
    "estimates_section",
    "header",
    "hypotheses_section",
    "matrix_section",
    "method_notes",
    "sources_section",
]


NOT_ASSESSED = "not assessed"

#: Implication domains, in the order the brief shows them.
DOMAINS = (
    ("political", "Political / geopolitical"),
    ("security", "Security / military"),
    ("cyber", "Cyber / information space"),
    ("economic", "Economic / social"),
)


def header(
    case: Case, full: Case | None = None, min_credibility: str = "L", background: bool = True
) -> Fragment:
    """Title, question, date, analysts and (``background``) the case's summary; says so when
    evidence was left out.

    Parameters
    ----------
    case : Case
        The case as analysed.
    full : Case, optional
        The case as filed, when ``case`` keeps only part of its evidence.
    min_credibility : str
        The credibility floor that was applied (``L`` keeps everything).
    """
    dropped = len(full.evidence) - len(case.evidence) if full is not None else 0
    return render(
        "header.html.j2",
        case=case,
        dropped=dropped,
        floor=scales.LEVEL_MEANING[scales.parse_level(min_credibility)],
        background=background,
    )


def _names(case: Case, ids: tuple[str, ...] | list[str]) -> list[dict[str, str]]:
    return [{"id": h, "label": case.hypothesis(h).label} for h in ids]


def likelihood_sentence(case: Case, result: ACHResult, bayes: BayesResult) -> str:
    """The leading judgement's likelihood (``sat.report.claims.likelihood_claims``) as text."""
    from sat.report.claims import likelihood_claims, text

    return text(likelihood_claims(case, result, bayes))


def robustness_sentence(case: Case, result: ACHResult, bayes: BayesResult) -> str:
    """The worst case and random error (``sat.report.claims.robustness_claims``) as text."""
    from sat.report.claims import robustness_claims, text

    return text(robustness_claims(case, result, bayes))


#: Claims of the standing that belong to its sensitivity (the BLUF's second paragraph).
_SENSITIVITY = {"ach.margin", "ach.out_of_reach", "ach.overturn", "ach.linchpin", "ach.no_linchpin"}


def bluf(
    case: Case,
    result: ACHResult,
    bayes: BayesResult | None = None,
    confidence: Confidence | None = None,
    consensus: ConsensusResult | None = None,
    deception: DeceptionResult | None = None,
    not_assessed: str | None = None,
) -> Fragment:
    """Bottom line up front: the leading judgement, by what margin, what would overturn it.

    Every sentence is a claim (``sat.report.claims``) whose condition is tested
    over generated cases. Likelihood (ICD 203 words with their range) and
    confidence each get their own sentence, never the same one; without the
    Bayesian mode they read "not assessed", with ``not_assessed`` as the reason
    when it was given (why the mode could not run).
    """
    from sat.report.claims import (
        confidence_claims,
        deception_claims,
        dissent_claims,
        drivers_claims,
        likelihood_claims,
        robustness_claims,
        standing_claims,
    )

    standing = standing_claims(case, result)
    return render(
        "bluf.html.j2",
        opening=[c for c in standing if c.kind not in _SENSITIVITY],
        sensitivity=[c for c in standing if c.kind in _SENSITIVITY],
        unassessed=not_assessed or "no probabilistic (Bayesian) analysis has been run on this case",
        likelihood=likelihood_claims(case, result, bayes) if bayes is not None else None,
        robustness=robustness_claims(case, result, bayes) if bayes is not None else None,
        drivers=drivers_claims(case, bayes) if bayes is not None else None,
        confidence=confidence_claims(confidence),
        dissent=dissent_claims(case, consensus),
        deception_gap=deception_claims(deception)
        if deception is not None and deception.add_hypothesis
        else None,
    )


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


def hypotheses_section(
    case: Case,
    result: ACHResult,
    indicators: IndicatorResult | None = None,
    bayes: BayesResult | None = None,
    disconfirming: int = 3,
    consensus: ConsensusResult | None = None,
    provenance: dict[str, dict[str, Any]] | None = None,
) -> Fragment:
    """Every hypothesis with its scores and rank (as a chart and a table), the evidence that most
    disconfirms each (with the words it rests on, given ``evidence_provenance``), and the
    assessment."""
    from sat.report.charts import inconsistency_chart, posterior_chart
    from sat.report.claims import standing_claims

    provenance = provenance or {}

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
                "tied_lead": result.tied,
                "against": [
                    {
                        "id": e,
                        "code": ratings.at[e, h],
                        "summary": case.item(e).summary,
                        "weight": w,
                        "provenance": provenance.get(e),
                    }
                    for e, w in against.items()
                ],
                "dissent": (consensus.rated_against.get(h, {}) if consensus is not None else {}),
                "probability_cells": int((ratings[h] == "P").sum()),
                "prior": None if bayes is None else float(bayes.hypotheses_frame.at[h, "prior"]),
            }
        )
    return render(
        "hypotheses.html.j2",
        chart=inconsistency_chart(result),
        bayes=bayes_html(bayes) if bayes is not None else None,
        posterior_chart=posterior_chart(bayes) if bayes is not None else None,
        indicators=indicators_html(indicators)
        if indicators is not None and len(case.indicators)
        else None,
        rows=rows,
        result=result,
        non_diagnostic=list(result.non_diagnostic),
        unrated=len(result.unrated),
        probability_cells=result.probability_cells,
        assessment=[
            c
            for c in standing_claims(case, result)
            if c.kind not in ("ach.linchpin", "ach.no_linchpin")
        ],
    )


def assumptions_section(
    case: Case,
    result: ACHResult,
    kac: KACResult | None = None,
    gaps: GapsResult | None = None,
    bias: BiasResult | None = None,
    deception: DeceptionResult | None = None,
    advocacy: AdvocacyResult | None = None,
) -> Fragment:
    """Key assumptions and red flags: the Key Assumptions Check, information gaps, bias and deception
    risks, and the devil's advocate's case against the leader.

    Without a Key Assumptions Check (or when the case lists no assumptions), the
    assumptions the case records as ACH evidence are listed with their ratings
    and the check reads "not assessed"; so do the bias and deception checks
    until they have run.
    """
    from sat.report.claims import assumption_claims

    ratings = result.ratings
    assumptions = [
        {"item": item, "ratings": [(h, ratings.at[item.id, h]) for h in ratings.columns]}
        for item in case.evidence
        if item.type == "assumption"
    ]
    absences = [item for item in case.evidence if item.type == "absence of evidence"]
    checked = kac is not None and not kac.table_frame.empty
    return render(
        "assumptions.html.j2",
        kac=assumptions_html(kac) if checked else None,
        # the untested ones are said under the table (``assumptions_html``)
        kac_claims=[c for c in assumption_claims(kac) if c.kind == "assumptions.linchpin"]
        if checked
        else [],
        incomplete=kac.incomplete if checked else {},
        assumptions=assumptions,
        absences=absences,
        gaps=[g.text for g in case.information_gaps],
        found=gaps.found if gaps is not None else [],
        bias=bias_html(bias) if bias is not None else None,
        deception=deception_html(deception) if deception is not None and case.deception else None,
        advocacy=advocacy_html(advocacy) if advocacy is not None else None,
    )


def implications_section(case: Case) -> Fragment:
    """Implications and strategic risks by domain, as the analyst wrote them."""
    given = case.implications
    domains = [
        {"label": label, "text": getattr(given, key) if given is not None else None}
        for key, label in DOMAINS
    ]
    return render("implications.html.j2", summary=given.summary if given else None, domains=domains)


def recommendations_section(
    case: Case,
    scenarios: ScenariosResult | None = None,
    collect: CollectionResult | None = None,
    targets: int = 3,
) -> Fragment:
    """Recommended actions (immediate, medium term), what to collect next, and the scenario outlook.

    What to collect next lists the ``targets`` open indicators with the largest
    expected information gain (``sat.collect``), each with what it would do to the
    leader's probability, seen or not seen.
    """
    from sat.report.charts import scenario_chart

    given = case.recommendations
    modelled = scenarios is not None and case.scenarios
    top = collect.top(targets) if collect is not None else None
    return render(
        "recommendations.html.j2",
        immediate=given.immediate if given else (),
        medium_term=given.medium_term if given else (),
        outlook=scenarios_html(scenarios) if modelled else None,
        outlook_chart=scenario_chart(scenarios) if modelled else None,
        collect=collect,
        targets=top,
        collect_table=collect_html(collect, targets) if collect is not None else None,
    )


def entities_section(case: Case, network: NetworkResult | None = None, limit: int = 12) -> Fragment:
    """Key individuals and entities, ranked by measured influence, followed by the network figure."""
    from sat.report.network_chart import network_chart

    mapped = network is not None and case.actors
    return render(
        "entities.html.j2",
        table=network_html(network, limit) if mapped else None,
        figure=network_chart(network, case) if mapped else None,
    )


def tags_section(case: Case) -> Fragment:
    """Thematic tags, as the analyst gave them."""
    return render("tags.html.j2", tags=case.tags)


def techniques_section(
    case: Case,
    *,
    ach: ACHResult | None = None,
    assumptions: KACResult | None = None,
    quality: QualityResult | None = None,
    indicators: IndicatorResult | None = None,
    bias: BiasResult | None = None,
    advocacy: AdvocacyResult | None = None,
    deception: DeceptionResult | None = None,
    bayes: BayesResult | None = None,
    scenarios: ScenariosResult | None = None,
    network: NetworkResult | None = None,
) -> Fragment:
    """The techniques actually run on this case and what each found.

    A technique that had nothing to work on (no assumptions, no sources, no
    indicators) is not listed: the brief never claims a technique that produced nothing.
    Every line is said with claims that have tested conditions: the judgements (the matrix's
    standing, the Bayesian leader, devil's advocacy: ``sat.report.claims.summary``), the checks on
    the analysis (the matrix's size, assumptions, quality of information, bias, deception:
    ``sat.report.claims.checks``) and indicators, scenarios and the network
    (``sat.report.claims.foresight``).
    """
    from sat.report.claims import (
        ach_summary,
        advocacy_summary,
        bayes_summary,
        bias_summary,
        deception_summary,
        kac_summary,
        matrix_summary,
        quality_summary,
    )
    from sat.report.claims.foresight import indicators_summary, network_summary, scenarios_summary

    applied = []
    if ach is not None:
        applied.append(
            {
                "name": "Analysis of Competing Hypotheses",
                "source": "Heuer 1999, ch. 8; PARC ACH 2.0 weighting",
                "claims": [*matrix_summary(case, ach), *ach_summary(ach)],
                "kind": "ach",
            }
        )
    if bayes is not None:
        applied.append(
            {
                "name": "Bayesian analysis of competing hypotheses",
                "source": "Heuer 1999, ch. 8; ICD 203 probability language",
                "kind": "bayes",
                "claims": bayes_summary(case, ach, bayes) if ach is not None else [],
            }
        )
    if assumptions is not None and case.assumptions:
        applied.append(
            {
                "name": "Key Assumptions Check",
                "source": "Tradecraft Primer 2009; Heuer and Pherson",
                "kind": "kac",
                "claims": kac_summary(case, assumptions),
            }
        )
    if quality is not None and case.sources:
        applied.append(
            {
                "name": "Quality of Information Check",
                "source": "Tradecraft Primer 2009; Admiralty grading",
                "kind": "quality",
                "claims": quality_summary(case, quality),
            }
        )
    if indicators is not None and case.indicators:
        applied.append(
            {
                "name": "Indicators and signposts",
                "source": "Tradecraft Primer 2009; Heuer's step 8",
                "kind": "indicators",
                "claims": indicators_summary(case, indicators),
            }
        )
    if bias is not None:
        applied.append(
            {
                "name": "Cognitive bias stress test",
                "source": "Heuer 1999, chs. 10–14",
                "kind": "bias",
                "claims": bias_summary(bias),
            }
        )
    if advocacy is not None and advocacy.leader is not None:
        applied.append(
            {
                "name": "Devil's advocacy",
                "source": "Tradecraft Primer 2009",
                "kind": "advocacy",
                "claims": advocacy_summary(advocacy),
            }
        )
    if deception is not None and case.deception:
        applied.append(
            {
                "name": "Deception checks (MOM, POP, MOSES, EVE)",
                "source": "Heuer and Pherson",
                "kind": "deception",
                "claims": deception_summary(case, deception),
            }
        )
    if scenarios is not None and case.scenarios:
        applied.append(
            {
                "name": "Scenarios and alternative futures",
                "source": "Tradecraft Primer 2009; Heuer 1999, ch. 12",
                "kind": "scenarios",
                "claims": scenarios_summary(case, scenarios),
            }
        )
    if network is not None and case.actors:
        applied.append(
            {
                "name": "Network influence mapping",
                "source": "PageRank, betweenness, modularity, structural balance",
                "kind": "network",
                "claims": network_summary(case, network),
            }
        )
    return render("techniques.html.j2", applied=applied)


def changes_section(changes: DiffResult | None) -> Fragment:
    """What changed since an earlier version (``sat.diff.changes``); empty when there is none."""
    if changes is None:
        return Fragment("")
    from sat.report.tables import diff_html

    return render(
        "section.html.j2",
        title="What changed since the last version",
        css_class="sat-changes",
        body=diff_html(changes),
    )


def consensus_section(consensus: ConsensusResult | None, cells: int = 8) -> Fragment:
    """Where the analysts disagree: each analyst's leader and the cells most in dispute.

    Shown whenever the case records more than one analyst's own ratings; with
    fewer, the section says the consensus was not assessed and why.
    """
    from sat.report.tables import consensus_html

    if consensus is None or len(consensus.analysts) < 2:
        why = "the case records fewer than two analysts' own ratings (analyst_ratings)"
        body = render("not_assessed.html.j2", why=why)
    else:
        body = consensus_html(consensus, limit=cells)
    return render(
        "section.html.j2",
        title="Where the analysts disagree",
        css_class="sat-consensus-section",
        body=body,
    )


def estimates_section(estimates: EstimatesResult | None) -> Fragment:
    """The analysts' own probabilities, coherent and pooled, beside the matrix's posterior.

    Without estimates in the case the section says they were not assessed.
    """
    from sat.report.tables import estimates_html

    if estimates is None or not estimates.analysts:
        why = "the analysts gave no probabilities of their own (estimates in the case file)"
        body = render("not_assessed.html.j2", why=why)
    else:
        body = estimates_html(estimates)
    return render(
        "section.html.j2",
        title="The analysts' own probabilities",
        css_class="sat-estimates-section",
        body=body,
    )


#: Most matrix rows, and most sources, a brief shows; larger cases attach the full matrix as CSV.
BRIEF_ROWS = ROW_LIMIT
#: The full matrix written beside every rendered brief (see ``sat.report.render.render_brief``).
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


@dataclass(frozen=True)
class BriefSummary:
    """What the batch index shows for one brief; a notebook displays it as JSON."""

    case_id: str
    title: str
    date: str
    leader: tuple[str, ...]
    leader_labels: tuple[str, ...]
    tied: bool
    margin: int | None
    likelihood: str | None = None
    confidence: str | None = None
    evidence: int = 0
    hypotheses: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    def _repr_json_(self) -> dict[str, Any]:
        return self.to_dict()


def summary(
    case: Case,
    result: ACHResult,
    bayes: BayesResult | None = None,
    confidence: Confidence | None = None,
) -> BriefSummary:
    """The one-line summary of a brief, for ``reports/index.html``."""
    from sat.report.claims import text
    from sat.report.claims.summary import index_likelihood

    said = index_likelihood(case, bayes) if bayes is not None else []
    likelihood = text(said) if said else None
    return BriefSummary(
        likelihood=likelihood,
        confidence=confidence.level if confidence is not None else None,
        case_id=case.id,
        title=case.title,
        date=case.date.isoformat(),
        leader=result.leader,
        leader_labels=tuple(case.hypothesis(h).label for h in result.leader),
        tied=result.tied,
        margin=result.margin,
        evidence=len(case.evidence),
        hypotheses=len(case.hypotheses),
    )
