"""Cognitive bias stress test, computed from the case itself.

Each detector measures the case and ACH result against a stated rule; when the
rule fires, the finding names the bias as Heuer does, gives a severity, the
numbers that triggered it and the action that would test it. Detectors that
ran and found nothing are reported too, so a clean result is visible as such.
A detector with nothing to work on (no dated evidence, no sources, no base
rates, no single leader to test) is reported as *not checked*, with why: it is
never counted as clean, because a check that could not run has shown nothing.

The rules (thresholds are the workbook's conventions, stated so they can be argued with),
each with what it needs in order to run:

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
    says overlap, or whose ratings agree on at least 90% of at least five
    commonly rated items (medium).
absence of evidence ignored
    Needs evidence. No item of type absence of evidence (medium).
anchoring and persistence
    Needs a single leader and at least six dated items on at least two dates.
    The leader on the earlier half (by date) is the leader on all of them, and
    no later item is rated I or II against it, so the early judgement was never
    put to the test (medium).
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

import math
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sat import scales
from sat.case import Case, select_evidence
from sat.language import dissent
from sat.techniques import ach as ach_technique
from sat.techniques import assumptions as kac_technique
from sat.techniques import quality as quality_technique

__all__ = ["BiasResult", "Finding", "NotChecked", "run"]

SEVERITIES = ("high", "medium", "low")

FEW_DISCONFIRMING = 0.10
CONSISTENCY_RATIO = 2.0
DISCOUNT_GAP = 0.25
HHI_MEDIUM, HHI_HIGH = 0.25, 0.5
SIMILAR_SHARE, SIMILAR_MIN_ITEMS = 0.9, 5
MIN_DATED = 6
#: Scores within this are equal (sums of √2 weights are not exact in floating point).
TOLERANCE = 1e-9


class NotChecked(Exception):
    """Raised by a detector that has nothing to work on; the message says why."""


@dataclass(frozen=True)
class Finding:
    """One bias the analysis shows signs of."""

    detector: str
    bias: str
    severity: str
    facts: str
    action: str
    numbers: dict[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


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
    not_checked : tuple of (str, str)
        Detectors that had nothing to work on, in the order they run:
        (detector, why it could not run). Neither clean nor a finding.
    """

    findings: tuple[Finding, ...]
    passed: dict[str, str]
    answered: dict[str, str]
    unanswered: tuple[str, ...]
    not_checked: tuple[tuple[str, str], ...] = ()

    @property
    def frame(self) -> pd.DataFrame:
        """Findings as a table (detector, bias, severity, facts, action)."""
        rows = [f.to_dict() for f in self.findings]
        columns = ["detector", "bias", "severity", "facts", "action"]
        return pd.DataFrame(rows, columns=[*columns, "numbers"])[columns]

    def to_dict(self) -> dict[str, Any]:
        return {
            "findings": [f.to_dict() for f in self.findings],
            "passed": dict(self.passed),
            "not_checked": dict(self.not_checked),
            "checklist": {
                "answered": dict(self.answered),
                "unanswered": {q: scales.CHECKLIST[q] for q in self.unanswered},
            },
        }


@dataclass(frozen=True)
class _Context:
    case: Case
    ach: ach_technique.ACHResult
    quality: quality_technique.QualityResult
    kac: kac_technique.KACResult


def _need_evidence(ctx: _Context) -> None:
    if not ctx.case.evidence:
        raise NotChecked("the matrix has no evidence")


def _sole_leader(ctx: _Context) -> str:
    """The one leading hypothesis; NotChecked when the lead is tied or nothing is ranked."""
    leader = tuple(ctx.ach.leader)
    if len(leader) > 1:
        raise NotChecked(
            f"the lead is tied ({' = '.join(leader)}): there is no single leader to test"
        )
    if not leader:
        raise NotChecked("no hypothesis is ranked: there is no leader to test")
    return leader[0]


def _points(value: float) -> str:
    """A positive score to two places, never rounded down to a false 0.00."""
    return f"{value:.2f}" if value >= 0.005 else "under 0.01"


def _consistency_against_lead(
    leader: str, runner: str, lead: float, consistency: int, other: int
) -> str:
    """The sentence for consistency points that outweigh the lead, by the size of the lead.

    A ratio is stated only over a lead of at least one point; a nil lead is said to be nil.
    """
    if lead <= TOLERANCE:
        return (
            f"{leader}'s lead over {runner} on weighted inconsistency is nil: only consistency "
            f"points separate them ({leader} {consistency}, {runner} {other})"
        )
    if lead < 1.0:
        return (
            f"{leader}'s weighted lead over {runner} ({_points(lead)}) is less than one inconsistent "
            f"rating of medium weight, against {consistency} consistency points"
        )
    return (
        f"{leader}'s consistency points ({consistency}) are {consistency / lead:.1f} times "
        f"its weighted lead over {runner} ({lead:.2f})"
    )


def _confirmation(ctx: _Context) -> Finding | None:
    _need_evidence(ctx)
    leader = _sole_leader(ctx)
    codes = ctx.ach.ratings
    rated = codes[leader].isin(["CC", "C", "N", "I", "II"])
    n = int(rated.sum())
    if n == 0:
        raise NotChecked(f"no item is rated on {leader}")
    against = codes[leader].isin(["I", "II"])
    confirming = codes[leader].isin(["C", "CC"])
    n_against = int(against.sum())
    hyp = ctx.ach.hypotheses
    runner = ctx.ach.runner_up
    lead = (
        float(hyp.at[runner, "weighted_inconsistency"] - hyp.at[leader, "weighted_inconsistency"])
        if runner
        else math.nan
    )
    consistency = int(hyp.at[leader, "consistency"])
    credibility = ctx.ach.evidence["credibility"].reindex(codes.index)
    low_against = float((credibility[against] == "L").mean()) if n_against else 0.0
    low_confirming = float((credibility[confirming] == "L").mean()) if confirming.any() else 0.0
    facts, severity = [], None
    if n >= 5 and n_against == 0:
        votes = ctx.case.matrix.votes_against().get(leader)
        fact = f"of the {n} items rated on {leader}, none is inconsistent with it"
        if votes:
            fact += f" in the agreed matrix, though {dissent(votes)}"
        facts.append(fact)
        severity = "high"
    elif n and n_against / n < FEW_DISCONFIRMING:
        facts.append(
            f"none of the {n} item{'s' if n != 1 else ''} rated on {leader} is inconsistent with it"
            if n_against == 0
            else f"only {n_against} of {n} items {'is' if n_against == 1 else 'are'} rated "
            f"inconsistent with {leader}"
        )
        severity = "medium"
    # with no runner-up (or an unscored one) there is no lead to weigh the consistency against
    if math.isfinite(lead) and consistency >= CONSISTENCY_RATIO * max(lead, 1.0):
        lead = max(lead, 0.0)
        other = int(hyp.at[runner, "consistency"])
        facts.append(_consistency_against_lead(leader, runner, lead, consistency, other))
        severity = severity or "medium"
    if n_against >= 2 and low_against - low_confirming >= DISCOUNT_GAP:
        facts.append(
            f"{low_against:.0%} of the items against {leader} are graded low credibility, "
            + (
                f"against {low_confirming:.0%} of those for it"
                if confirming.any()
                else "and no item is rated for it"
            )
        )
        severity = severity or "medium"
    if severity is None:
        return None
    return Finding(
        "confirmation",
        "confirmation bias",
        severity,
        "; ".join(facts) + ".",
        f"Try to disprove {leader}: list what it predicts that has not been seen, rate more items "
        f"against it, and re-check the credibility given to the evidence that counts against it.",
        {
            "items": n,
            "against_leader": n_against,
            "consistency": consistency,
            "lead": round(lead, 6) if math.isfinite(lead) else None,
            "low_credibility_against": round(low_against, 6),
            "low_credibility_for": round(low_confirming, 6) if confirming.any() else None,
        },
    )


def hhi(shares: Any) -> float:
    """Herfindahl–Hirschman index of shares (normalised to sum to 1).

    Examples
    --------
    >>> hhi([1, 1, 1, 1]), hhi([1]), round(hhi([3, 1]), 3)
    (0.25, 1.0, 0.625)
    """
    values = np.asarray(list(shares), dtype=float)
    total = values.sum()
    return float(((values / total) ** 2).sum()) if total > 0 else 0.0


def _concentration(ctx: _Context) -> Finding | None:
    sources = ctx.quality.sources
    if sources.empty:
        raise NotChecked("no sources are recorded")
    groups = sources["group"]
    counts: dict[str, float] = {}
    for item in ctx.case.evidence:
        cited = list(dict.fromkeys(item.sources))
        for s in cited:
            counts[groups[s]] = counts.get(groups[s], 0.0) + 1 / len(cited)
    if not counts:
        raise NotChecked("no evidence item cites a source")
    score = sources.groupby("group")["share"].sum()
    # a nil weighted score (nothing sourced bears on the ranking) has no concentration to measure
    scored = float(score.sum()) > TOLERANCE
    item_index = hhi(counts.values())
    score_index = hhi(score.values) if scored else None
    index = max(item_index, score_index or 0.0)
    if index < HHI_MEDIUM:
        return None
    top_items = max(counts, key=counts.get)
    share_items = counts[top_items] / sum(counts.values())
    members = lambda g: ", ".join(sources.index[groups == g])  # noqa: E731
    if not scored:
        measured = (
            f"concentration index {item_index:.2f} over evidence items ({1 / index:.1f} effective "
            "independent sources; the sourced items carry none of the weighted score, so its "
            "concentration is not measured)"
        )
        where = f"the group {members(top_items)} carries {share_items:.0%} of the items."
        top_score = None
    else:
        top_score = score.idxmax()
        share_score = float(score.max() / score.sum())
        measured = (
            f"concentration index {item_index:.2f} over evidence items and {score_index:.2f} over "
            f"the weighted score ({1 / index:.1f} effective independent sources)"
        )
        if top_items == top_score:
            where = (
                f"the group {members(top_items)} carries {share_items:.0%} of the items and "
                f"{share_score:.0%} of the score."
            )
        else:
            where = (
                f"the group {members(top_items)} carries {share_items:.0%} of the items, "
                f"the group {members(top_score)} {share_score:.0%} of the score."
            )
    return Finding(
        "concentration",
        "oversensitivity to consistency (source concentration)",
        "high" if index >= HHI_HIGH else "medium",
        f"{measured}; {where}",
        "Look for independent reporting of the items that rest on the dominant sources, and check "
        "whether apparently separate sources share an origin.",
        {
            "hhi_items": round(item_index, 6),
            "hhi_score": None if score_index is None else round(score_index, 6),
            "top_group_items": top_items,
            "top_group_score": top_score,
        },
    )


def _uncertain_accuracy(ctx: _Context) -> Finding | None:
    _need_evidence(ctx)
    leader = _sole_leader(ctx)
    low = [e.id for e in ctx.case.evidence if e.credibility == "L"]
    if not low:
        raise NotChecked("no item is graded low credibility, so there is nothing to drop")
    without = ach_technique.run(select_evidence(ctx.case, "M"))
    if tuple(without.leader) == (leader,):
        return None
    lost = leader not in without.leader
    after = (
        f"to {' and '.join(without.leader)}, level"
        if len(without.leader) > 1
        else f"to {without.leader[0]}"
        if without.leader
        else "to none: no hypothesis is ranked without them"
    )
    return Finding(
        "uncertain_accuracy",
        "evidence of uncertain accuracy",
        "high" if lost else "medium",
        f"dropping the {len(low)} low-credibility item{'s' if len(low) != 1 else ''} "
        f"({', '.join(low)}) changes the leader from {leader} {after}.",
        "Confirm or replace the low-credibility items before relying on the ranking.",
        {"low_credibility": low, "leader_without": list(without.leader)},
    )


def _similar_pairs(ctx: _Context) -> list[tuple[str, str, float, int]]:
    codes = ctx.ach.ratings.replace({"": "NA", "P": "NA"})
    ids = list(codes.columns)
    values = codes.to_numpy(dtype=str)
    pairs = []
    for a in range(len(ids)):
        for b in range(a + 1, len(ids)):
            common = ~((values[:, a] == "NA") & (values[:, b] == "NA"))
            n = int(common.sum())
            if n >= SIMILAR_MIN_ITEMS:
                same = float((values[common, a] == values[common, b]).mean())
                if same >= SIMILAR_SHARE:
                    pairs.append((ids[a], ids[b], same, n))
    return pairs


def _closure(ctx: _Context) -> Finding | None:
    hypotheses = ctx.case.hypotheses
    facts, severity, numbers = [], None, {}
    if len(hypotheses) < 3:
        facts.append(f"only {len(hypotheses)} hypotheses are weighed")
        severity = "high"
    kinds = {h.kind for h in hypotheses}
    if not kinds & {"null", "deception"}:
        facts.append("no null hypothesis (routine, accident) and no deception hypothesis")
        severity = severity or "medium"
    if ctx.case.exclusive:
        declared = [(h.id, o) for h in hypotheses for o in h.overlaps]
        similar = _similar_pairs(ctx)
        numbers["similar"] = [list(p[:2]) for p in similar]
        if declared:
            facts.append(
                "hypotheses meant to exclude each other overlap: "
                + ", ".join(f"{a} and {b}" for a, b in declared)
            )
            severity = severity or "medium"
        if similar:
            facts.append(
                "ratings barely tell apart "
                + ", ".join(f"{a} and {b} ({s:.0%} of {n} items alike)" for a, b, s, n in similar)
            )
            severity = severity or "medium"
    if severity is None:
        return None
    return Finding(
        "closure",
        "premature closure and satisficing",
        severity,
        "; ".join(facts) + ".",
        "Brainstorm further hypotheses (include one of routine or accident and one of deception), "
        "and reword or merge hypotheses the evidence cannot separate.",
        {"hypotheses": len(hypotheses), **numbers},
    )


def _absence(ctx: _Context) -> Finding | None:
    _need_evidence(ctx)
    if any(e.type == "absence of evidence" for e in ctx.case.evidence):
        return None
    return Finding(
        "absence",
        "absence of evidence ignored",
        "medium",
        (
            "the one item does not record"
            if len(ctx.case.evidence) == 1
            else f"none of the {len(ctx.case.evidence)} items records"
        )
        + " expected evidence that has not appeared.",
        "For each hypothesis ask what should have been seen if it were true, and record what is "
        "missing as evidence of type 'absence of evidence'.",
        {"items": len(ctx.case.evidence)},
    )


def _anchoring(ctx: _Context) -> Finding | None:
    _need_evidence(ctx)
    dated = sorted((e for e in ctx.case.evidence if e.date is not None), key=lambda e: e.date)
    if not dated:
        raise NotChecked("no evidence item is dated, so early and late evidence cannot be compared")
    if len(dated) < MIN_DATED:
        n, total = len(dated), len(ctx.case.evidence)
        which = (
            f"only {n} of the {total} items {'is' if n == 1 else 'are'} dated"
            if n < total
            else f"there {'is' if n == 1 else 'are'} only {n} item{'s' if n != 1 else ''}, "
            f"{'dated' if n == 1 else 'all dated'}"
        )
        raise NotChecked(f"{which}; comparing early with late evidence needs at least {MIN_DATED}")
    if len({e.date for e in dated}) < 2:
        raise NotChecked(f"all {len(dated)} dated items carry the same date")
    leader = _sole_leader(ctx)
    half = math.ceil(len(dated) / 2)
    early, late = dated[:half], dated[half:]
    early_leader = ach_technique.run(ctx.case.model_copy(update={"evidence": tuple(early)})).leader
    if tuple(early_leader) != (leader,):
        return None
    challenged = [e.id for e in late if e.rating(leader) in ("I", "II")]
    if challenged:
        return None
    return Finding(
        "anchoring",
        "anchoring and persistence of impressions",
        "medium",
        f"the {half} earliest dated items (to {early[-1].date.isoformat()}) already put {leader} first, "
        f"and none of the {len(late)} later ones is rated against it: the early judgement has not been tested.",
        f"Re-rate the later evidence as if meeting the case fresh, asking what would count against {leader}.",
        {"dated": len(dated), "early": half, "early_leader": list(early_leader)},
    )


def _vividness(ctx: _Context) -> Finding | None:
    _need_evidence(ctx)
    if not ctx.case.sources:
        raise NotChecked("no sources are recorded, so corroboration cannot be judged")
    ev = ctx.quality.evidence
    relevance = {e.id: e.relevance for e in ctx.case.evidence}
    vivid = [
        e
        for e in ev.index
        if relevance[e] == "H" and ev.at[e, "type"] != "assumption" and not ev.at[e, "corroborated"]
    ]
    if not vivid:
        return None
    critical = [e for e in vivid if ev.at[e, "critical"]]
    return Finding(
        "vividness",
        "vividness",
        "medium" if critical else "low",
        f"{len(vivid)} highly relevant item{'s are' if len(vivid) != 1 else ' is'} not corroborated by a second "
        f"independent source ({', '.join(vivid)})"
        + (
            f"; {', '.join(critical)} {'are' if len(critical) != 1 else 'is'} a linchpin or "
            "highly diagnostic (the Quality of Information Check's critical items)."
            if critical
            else "."
        ),
        "Ask whether each would be rated as relevant if it were less striking; seek independent corroboration.",
        {"items": vivid, "critical": critical},
    )


def _base_rates(ctx: _Context) -> Finding | None:
    hypotheses = ctx.case.hypotheses
    recorded = [h.id for h in hypotheses if h.prior_basis]
    if not recorded:
        raise NotChecked("no hypothesis records a base rate (prior_basis) to set its prior by")
    missing = [h.id for h in hypotheses if h.prior is None]
    uniform = not missing and len({h.prior for h in hypotheses}) == 1
    shared: dict[str, list[str]] = {}
    for h in hypotheses:
        if h.prior_basis:
            shared.setdefault(" ".join(h.prior_basis.split()).casefold(), []).append(h.id)
    copied = [ids for ids in shared.values() if len(ids) > 1]
    grades = {s.id: s.reliability for s in ctx.case.sources}
    citing: dict[str, list[str]] = {}  # weak source -> hypotheses whose basis cites it
    for h in hypotheses:
        cited = {w.strip(".,;:()[]'\"") for w in (h.prior_basis or "").split()} & set(grades)
        for s in sorted(cited):
            if grades[s] in quality_technique.WEAK:
                citing.setdefault(s, []).append(h.id)
    weak = sorted(citing)
    facts = []
    if missing:
        facts.append(f"priors are missing for {', '.join(missing)}")
    elif uniform:
        facts.append("every prior is the same")
    facts += [f"{', '.join(ids)} share one basis word for word" for ids in copied]
    for source in weak:
        who = citing[source]
        whose = (
            f"{who[0]}'s basis cites" if len(who) == 1 else f"the bases of {', '.join(who)} cite"
        )
        facts.append(f"{whose} {source}, graded D–F")
    if not facts:
        return None
    return Finding(
        "base_rates",
        "base-rate neglect",
        "medium",
        f"base rates are recorded for {', '.join(recorded)} but " + "; ".join(facts) + ".",
        "Set each hypothesis's prior from its own base rate, from a dependable source, then see "
        "how far the evidence moves it.",
        {"recorded": recorded, "missing": missing, "copied": copied, "weak_sources": weak},
    )


def _mirror_imaging(ctx: _Context) -> Finding | None:
    no_null = not any(h.kind == "null" for h in ctx.case.hypotheses)
    unanswered = "mirror_imaging" not in ctx.case.checklist
    if not (no_null or unanswered):
        return None
    table = ctx.kac.table
    insecure = list(
        table.index[table["rating"].isin(["unsupported", "caveats"]) | table["rating"].isna()]
    )
    facts = []
    if no_null:
        facts.append(
            f"all {len(ctx.case.hypotheses)} hypotheses assume a deliberate, coordinated design"
        )
    if unanswered:
        facts.append("the checklist question on mirror-imaging is unanswered")
    if insecure:
        facts.append(f"insecure assumptions to examine: {', '.join(insecure)}")
    return Finding(
        "mirror_imaging",
        "mirror-imaging and the rational-actor assumption",
        "low",
        "; ".join(facts) + ".",
        "Think as the other side would (Red Team): what would it fear, value and misjudge? Add a "
        "hypothesis of routine or accident if none is weighed.",
        {"insecure_assumptions": insecure},
    )


_DETECTORS = (
    (
        "confirmation",
        _confirmation,
        "disconfirming items, consistency against lead, credibility discounting",
    ),
    (
        "concentration",
        _concentration,
        "concentration of evidence and score across independent sources",
    ),
    ("uncertain_accuracy", _uncertain_accuracy, "the leader with low-credibility items dropped"),
    ("closure", _closure, "number and kinds of hypotheses, overlaps"),
    ("absence", _absence, "items recording expected but absent evidence"),
    ("anchoring", _anchoring, "the leader on the earlier half of the dated evidence"),
    ("vividness", _vividness, "highly relevant items without independent corroboration"),
    ("base_rates", _base_rates, "priors against recorded base rates"),
    ("mirror_imaging", _mirror_imaging, "hypotheses of routine or accident; the checklist"),
)


def run(
    case: Case,
    *,
    ach: ach_technique.ACHResult | None = None,
    quality: quality_technique.QualityResult | None = None,
    assumptions: kac_technique.KACResult | None = None,
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
    ach, quality, assumptions : optional
        Results already computed for the case (ACH, Quality of Information Check,
        Key Assumptions Check); computed here when not given.

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> stress = run(load_case(EXAMPLE_CASE))
    >>> stress.findings[0].detector, stress.findings[0].severity
    ('confirmation', 'high')
    >>> stress.not_checked
    ()
    """
    result = ach if ach is not None else ach_technique.run(case)
    quality = quality if quality is not None else quality_technique.run(case, ach=result)
    kac = assumptions if assumptions is not None else kac_technique.run(case, ach=result)
    ctx = _Context(case, result, quality, kac)
    findings, passed, not_checked = [], {}, []
    for name, detect, checked in _DETECTORS:
        try:
            finding = detect(ctx)
        except NotChecked as skipped:
            not_checked.append((name, str(skipped)))
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
