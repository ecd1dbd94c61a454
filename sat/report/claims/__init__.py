"""What a brief says, as claims: a sentence, the figures it cites, and the kind of fact it asserts.

Every generated sentence of the bottom line (the matrix's standing, its
sensitivity, the likelihood, robustness and what drives the lead) is built here
from the techniques' results, one ``Claim`` at a time. A claim's ``kind`` names
the condition under which it may be said (``sat.report.conditions``: a
predicate over the numbers, written from SAT-REFERENCE section 10); the
property tests render claims for thousands of generated cases
(``sat.testing``) and check every one of them against its condition. When a
condition fails the claim is not made: its alternative is (the tie, the
missing factor, the check that could not run).

The techniques return facts; the words live here and in the templates, which
escape every claim's text.

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, CIA, 1999, ch. 8
   (the least inconsistent hypothesis; linchpins, step 6).
.. [2] ODNI, *Intelligence Community Directive 203*, 2015 (likelihood words; confidence
   said apart from likelihood).
"""

from __future__ import annotations

from typing import Any

from sat.report.claims._base import Claim, text
from sat.report.claims.advocacy import advocacy_claims
from sat.report.claims.assumptions import assumption_claims
from sat.report.claims.bias import bias_claims
from sat.report.claims.change import diff_claims
from sat.report.claims.checks import (
    bias_summary,
    deception_summary,
    kac_summary,
    matrix_summary,
    quality_summary,
)
from sat.report.claims.confidence import confidence_claims
from sat.report.claims.deception import deception_claims
from sat.report.claims.foresight import indicators_summary, network_summary, scenarios_summary
from sat.report.claims.likelihood import likelihood_claims
from sat.report.claims.people import dissent_claims
from sat.report.claims.quality import quality_claims
from sat.report.claims.quantities import quantities_claims
from sat.report.claims.review import (
    conflict_claims,
    result_claims,
    review_claims,
    summary_claims,
)
from sat.report.claims.robustness import MOST, SURVIVES, drivers_claims, robustness_claims
from sat.report.claims.standing import linchpin_claims, standing_claims
from sat.report.claims.summary import ach_summary, advocacy_summary, bayes_summary
from sat.report.claims.team import (
    calibration_claims,
    collect_claims,
    consensus_claims,
    estimates_claims,
)

__all__ = [
    "MOST",
    "SURVIVES",
    "Claim",
    "ach_summary",
    "advocacy_claims",
    "advocacy_summary",
    "assumption_claims",
    "bayes_summary",
    "bias_claims",
    "bias_summary",
    "bottom_line",
    "calibration_claims",
    "claims_of",
    "collect_claims",
    "confidence_claims",
    "conflict_claims",
    "consensus_claims",
    "deception_claims",
    "deception_summary",
    "diff_claims",
    "dissent_claims",
    "drivers_claims",
    "estimates_claims",
    "indicators_summary",
    "kac_summary",
    "likelihood_claims",
    "linchpin_claims",
    "matrix_summary",
    "network_summary",
    "quality_claims",
    "quality_summary",
    "quantities_claims",
    "result_claims",
    "review_claims",
    "robustness_claims",
    "scenarios_summary",
    "standing_claims",
    "summary_claims",
    "text",
]


def bottom_line(analysis: Any) -> dict[str, list[Claim]]:
    """Every claim of the bottom line for a ``sat.Analysis``, by part, in the order a brief says
    them: the standing, where the analysts disagree, the likelihood, what drives the lead and
    robustness, and confidence. Parts that need the Bayesian mode are empty when it cannot run."""
    case, ach = analysis.case, analysis.ach
    bayes = analysis.optional("bayes")
    consensus = analysis.optional("consensus") if case.matrix.analysts else None
    return {
        "standing": standing_claims(case, ach),
        "dissent": dissent_claims(case, consensus),
        "likelihood": likelihood_claims(case, ach, bayes) if bayes is not None else [],
        "drivers": drivers_claims(case, bayes) if bayes is not None else [],
        "robustness": robustness_claims(case, ach, bayes) if bayes is not None else [],
        "confidence": confidence_claims(analysis.optional("confidence")),
    }


def claims_of(name: str, analysis: Any) -> list[Claim] | None:
    """The claims a technique's view says (``sat NAME --json`` gives them as ``claims``), or None
    for a technique whose words are not claims yet."""
    if name == "advocacy":
        return advocacy_claims(analysis.advocacy)
    if name == "assumptions":
        return assumption_claims(analysis.assumptions)
    if name == "bias":
        return bias_claims(analysis.bias)
    if name == "deception":
        return deception_claims(analysis.deception)
    if name == "quality":
        return quality_claims(analysis.quality)
    if name == "confidence":
        return confidence_claims(analysis.confidence)
    if name == "indicators":
        return indicators_summary(analysis.case, analysis.indicators)
    if name == "scenarios":
        return scenarios_summary(analysis.case, analysis.scenarios)
    if name == "network":
        return network_summary(analysis.case, analysis.network)
    if name == "ach":
        return standing_claims(analysis.case, analysis.ach)
    if name == "collect":
        return collect_claims(analysis.collect)
    if name == "consensus":
        return consensus_claims(analysis.consensus)
    if name == "estimates":
        from sat.report.claims.earned import weighted_claims

        return [*estimates_claims(analysis.estimates), *weighted_claims(analysis.estimates)]
    if name in ("experts", "quantities"):  # one section: the combined estimates and their weights
        return quantities_claims(analysis.case, analysis.quantities, analysis.optional("experts"))
    if name == "review":  # the analyst's own words against the analysis
        case, review = analysis.case, analysis.review
        return [*result_claims(case, review), *summary_claims(case, review)]
    if name == "diff":  # what changed since ``Analysis.previous``: nothing said without one
        from sat.diff import changes as since_previous

        changes = since_previous(analysis)
        return [] if changes is None else diff_claims(changes)
    if name == "bayes":
        case, ach, bayes = analysis.case, analysis.ach, analysis.bayes
        return [
            *likelihood_claims(case, ach, bayes),
            *robustness_claims(case, ach, bayes),
            *drivers_claims(case, bayes),
            *confidence_claims(analysis.optional("confidence")),
        ]
    return None
