"""The sections of the rendered brief, each drafted from a technique's result.

Each function takes the case and results and returns an HTML ``Fragment``;
``notebooks/brief.ipynb`` displays them in order. The list of techniques applied
(``sat.report.applied``) and the annex's matrix, sources and method notes
(``sat.report.annex``) have modules of their own; their names are offered here too. The wording is assembled here
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
from sat.report.annex import (
    BRIEF_ROWS,
    MATRIX_ATTACHMENT,
    evidence_provenance,
    matrix_section,
    method_notes,
    sources_section,
)
from sat.report.applied import techniques_section
from sat.report.claims.gaps import gaps_found
from sat.report.html import Fragment, render
from sat.report.tables import (
    advocacy_html,
    assumptions_html,
    bayes_html,
    bias_html,
    collect_html,
    deception_html,
    indicators_html,
    network_html,
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
from sat.techniques.scenarios import ScenariosResult

__all__ = [
    "BRIEF_ROWS",
    "MATRIX_ATTACHMENT",
    "bluf",
    "changes_section",
    "estimates_section",
    "evidence_provenance",
    "header",
    "hypotheses_section",
    "matrix_section",
    "method_notes",
    "quantities_section",
    "sources_section",
    "summary",
    "techniques_section",
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
        found=gaps_found(gaps) if gaps is not None else [],
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


def changes_section(changes: DiffResult | None) -> Fragment:
    """What changed since an earlier version (``sat.diff.changes``), the quantities' part in its
    compact form (``diff_html(..., compact=True)``); empty when there is none."""
    if changes is None:
        return Fragment("")
    from sat.report.tables import diff_html

    return render(
        "section.html.j2",
        title="What changed since the last version",
        css_class="sat-changes",
        body=diff_html(changes, compact=True),
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


def quantities_section(analysis: Any) -> Fragment:
    """The team's numbers: each target's combined estimate and range in words (the performance-
    weighted combination beside the equal-weight one when the analysts can be weighed on seed
    questions), the cautions, and the tables and range charts behind them.

    Without quantities in the case (or without an answer to one) the section says they were not
    assessed, and why.
    """
    from sat.report.claims.quantities import quantities_claims
    from sat.report.tables import experts_html, quantities_html

    why = analysis.why("quantities")
    if not analysis.case.quantities:
        why = "the case asks the analysts for no numbers (quantities in the case file)"
    if why is not None:
        body = render("not_assessed.html.j2", why=why)
    else:
        quantities, experts = analysis.quantities, analysis.optional("experts")
        table = (
            quantities_html(quantities, analysis=analysis)
            if experts is None
            else experts_html(experts, analysis=analysis)
        )
        body = render(
            "quantities_section.html.j2",
            claims=quantities_claims(analysis.case, quantities, experts),
            body=table,
        )
    return render(
        "section.html.j2", title="The team's numbers", css_class="sat-quantities-section", body=body
    )


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
