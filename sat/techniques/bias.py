"""Cognitive bias stress test, computed from the case itself.

Each detector measures the case and ACH result against a stated rule; when the
rule fires, the finding names the bias as Heuer does, gives a severity and the
facts that fired it (``Fact``: a kind and the figures it rests on). Detectors
that ran and found nothing are reported too, so a clean result is visible as
such. A detector with nothing to work on (no dated evidence, no sources, no
base rates, no single leader to test) is reported as *not checked*, with the
fact that stopped it: it is never counted as clean, because a check that could
not run has shown nothing. The technique returns facts only: the sentences, the
action that would test each finding and the condition under which each sentence
may be said are the presentation layer's (``sat.report.claims.bias``,
``sat.report.conditions.bias``). The detectors live in ``sat.techniques._bias_detectors``, the
facts and thresholds in ``sat.techniques._bias_facts``; this module offers them all.

The rules (thresholds are the workbook's conventions, stated so they can be argued with),
each with what it needs in order to run. A figure within 1e-9 of a threshold counts as at it:
shares and sums of √2 weights are not exact in floating point (a lead of one H-weighted
inconsistent rating is 2.0000000000000004, an index of exactly 0.5 can come out 0.4999999999999999),
and the rule is stated for the exact figure.

confirmation
    Needs a single leader with at least one item rated on it. Fires when items
    rated I or II against the leader are fewer than 10% of the rated items
    (high when there are none, with at least five items); when the leader's
    consistency points are at least twice its weighted lead over the runner-up,
    the lead counted as at least one point (its standing rests on agreeing
    evidence, which Heuer counts for little; a lead of nil is said to be nil,
    never turned into a ratio, and with no runner-up this part is skipped); or
    when, with two or more disconfirming items, the share of them graded low
    credibility exceeds the share of confirming items so graded by 0.25 or more
    (contrary evidence discounted; with no confirming item the share against
    is stated alone, never compared with a share of nothing).
oversensitivity to consistency (source concentration)
    Needs sources recorded and cited by the evidence. The Herfindahl–Hirschman
    index over independence groups (see ``sat.techniques.quality``) of evidence
    items and of the weighted score: at least 0.25 fires (medium), at least 0.5
    is high (0.25 is the threshold competition authorities use for a highly
    concentrated market). When the sourced items carry none of the weighted
    score, only the index over items is measured, and the finding says so.
evidence of uncertain accuracy
    Needs a single leader and at least one item graded low credibility. The
    leader changes when low-credibility items are dropped (high when no leader
    survives, medium when the lead becomes shared).
premature closure and satisficing
    Always runs. Fewer than three hypotheses (high); no null or deception
    hypothesis (medium); hypotheses meant to be mutually exclusive that the case
    says overlap, or whose ratings agree on at least 90% of at least five items
    either of them is rated on (NA for both leaves an item out; rated for one and
    NA for the other is a disagreement) (medium).
absence of evidence ignored
    Needs evidence. No item of type absence of evidence (medium).
anchoring and persistence
    Needs a single leader and at least six dated items on at least two dates.
    The leader on the earlier half (by date) alone is the case's leader (on all
    the evidence), and no later item is rated I or II against it, so the early
    judgement was never put to the test (medium).
vividness
    Needs evidence and sources recorded (corroboration is judged by source).
    Highly relevant items that are not corroborated by a second independent
    source (medium when one of them is a critical item of the Quality of Information Check: a
    linchpin or highly diagnostic, else low).
base-rate neglect
    Needs a base rate (``prior_basis``) recorded for some hypothesis. Priors
    are missing or all equal, several hypotheses share one basis word for word
    (a pasted basis justifies no difference between them), or a basis cites a
    source graded D–F (medium).
mirror-imaging and rational actor
    Always runs. Every hypothesis assumes deliberate design (no null hypothesis
    of routine or accident), or the checklist's mirror-imaging question is
    unanswered (low: a prompt, listing the insecure assumptions to examine).

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, CIA, 1999, chs. 10–14
   (biases in evaluating evidence, perceiving cause and effect, estimating probabilities).
.. [2] US Government, *A Tradecraft Primer*, 2009.
.. [3] US Department of Justice and FTC, *Merger Guidelines* (2023): HHI above 2,500 (0.25)
   as highly concentrated.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from sat import scales
from sat.case import Case
from sat.techniques import ach as ach_technique
from sat.techniques import assumptions as kac_technique
from sat.techniques import quality as quality_technique
from sat.techniques._bias_detectors import _DETECTORS, _Context, hhi
from sat.techniques._bias_facts import (
    BIASES,
    CONSISTENCY_RATIO,
    DISCOUNT_GAP,
    FEW_DISCONFIRMING,
    HHI_HIGH,
    HHI_MEDIUM,
    MIN_DATED,
    SEVERITIES,
    SIMILAR_MIN_ITEMS,
    SIMILAR_SHARE,
    TOLERANCE,
    Fact,
    Finding,
    NotChecked,
)

__all__ = [
    "BIASES",
    "CONSISTENCY_RATIO",
    "DISCOUNT_GAP",
    "FEW_DISCONFIRMING",
    "HHI_HIGH",
    "HHI_MEDIUM",
    "MIN_DATED",
    "SEVERITIES",
    "SIMILAR_MIN_ITEMS",
    "SIMILAR_SHARE",
    "TOLERANCE",
    "BiasResult",
    "Fact",
    "Finding",
    "NotChecked",
    "hhi",
    "run",
]


@dataclass(frozen=True)
class BiasResult:
    """The result of ``run``.

    Attributes
    ----------
    findings : tuple of Finding
        Most severe first.
    passed : dict
        Detectors that ran and found nothing: detector -> what was checked.
        A detector that could not run is never here.
    answered : dict
        Checklist questions (ids) the case answers, with the answers.
    unanswered : tuple of str
        Checklist questions (ids) the case leaves unanswered.
    not_checked : tuple of (str, Fact)
        Detectors that had nothing to work on, in the order they run:
        (detector, the fact that stopped it). Neither clean nor a finding.
    """

    findings: tuple[Finding, ...]
    passed: dict[str, str]
    answered: dict[str, str]
    unanswered: tuple[str, ...]
    not_checked: tuple[tuple[str, Fact], ...] = ()

    @property
    def frame(self) -> pd.DataFrame:
        """Findings as a table: detector, bias, severity and the kinds of fact that fired it
        (``sat.report.claims.bias.findings_frame`` gives them in words)."""
        rows = [
            {
                "detector": f.detector,
                "bias": f.bias,
                "severity": f.severity,
                "facts": tuple(x.kind for x in f.facts),
            }
            for f in self.findings
        ]
        return pd.DataFrame(rows, columns=["detector", "bias", "severity", "facts"])

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": [f.to_dict() for f in self.findings],
            "passed": dict(self.passed),
            "not_checked": {name: fact.to_dict() for name, fact in self.not_checked},
            "checklist": {
                "answered": dict(self.answered),
                "unanswered": {q: scales.CHECKLIST[q] for q in self.unanswered},
            },
        }


def run(
    case: Case,
    *,
    ach: ach_technique.ACHResult,
    quality: quality_technique.QualityResult,
    assumptions: kac_technique.KACResult,
) -> BiasResult:
    """Run every bias detector on a case.

    Each detector either reports a finding, runs and finds nothing (``passed``),
    or has nothing to work on and is listed in ``not_checked`` with why (Heuer
    1999, chs. 10–14: a check that could not be made is not evidence of a
    sound analysis).

    Parameters
    ----------
    case : Case
        The case.
    ach, quality, assumptions : results
        The case's ACH, Quality of Information Check and Key Assumptions Check
        (``sat.analyse`` passes them).

    Examples
    --------
    >>> import sat
    >>> from sat.paths import EXAMPLE_CASE
    >>> a = sat.analyse(sat.load_case(EXAMPLE_CASE))
    >>> stress = run(a.case, ach=a.ach, quality=a.quality, assumptions=a.assumptions)
    >>> stress.findings[0].detector, stress.findings[0].severity
    ('confirmation', 'high')
    >>> stress.not_checked
    ()
    """
    ctx = _Context(case, ach, quality, assumptions)
    findings, passed, not_checked = [], {}, []
    for name, detect, checked in _DETECTORS:
        try:
            finding = detect(ctx)
        except NotChecked as skipped:
            not_checked.append((name, skipped.fact))
            continue
        if finding is None:
            passed[name] = checked
        else:
            findings.append(finding)
    findings.sort(key=lambda f: SEVERITIES.index(f.severity))
    answered = dict(case.checklist)
    return BiasResult(
        findings=tuple(findings),
        passed=passed,
        answered=answered,
        unanswered=tuple(q for q in scales.CHECKLIST if q not in answered),
        not_checked=tuple(not_checked),
    )
