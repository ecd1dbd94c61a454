"""The detectors of the bias stress test (``sat.techniques.bias``): one function per rule, each
returning a finding, None (the rule ran and did not fire) or raising ``NotChecked``."""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import numpy as np

from sat.case import Case, select_evidence
from sat.techniques import ach as ach_technique
from sat.techniques import assumptions as kac_technique
from sat.techniques import quality as quality_technique
from sat.techniques._bias_facts import (
    CONSISTENCY_RATIO,
    DISCOUNT_GAP,
    FEW_DISCONFIRMING,
    HHI_HIGH,
    HHI_MEDIUM,
    MIN_DATED,
    SIMILAR_MIN_ITEMS,
    SIMILAR_SHARE,
    TOLERANCE,
    Fact,
    Finding,
    NotChecked,
)


@dataclass(frozen=True)
class _Context:
    case: Case
    ach: ach_technique.ACHResult
    quality: quality_technique.QualityResult
    kac: kac_technique.KACResult


def _need_evidence(ctx: _Context) -> None:
    if not ctx.case.evidence:
        raise NotChecked("no_evidence")


def _sole_leader(ctx: _Context) -> str:
    """The one leading hypothesis; NotChecked when the lead is tied or nothing is ranked."""
    leader = tuple(ctx.ach.leader)
    if len(leader) > 1:
        raise NotChecked("tied", leaders=leader)
    if not leader:
        raise NotChecked("none_ranked")
    return leader[0]


def _confirmation(ctx: _Context) -> Finding | None:
    _need_evidence(ctx)
    leader = _sole_leader(ctx)
    codes = ctx.ach.ratings
    rated = codes[leader].isin(["CC", "C", "N", "I", "II"])
    n = int(rated.sum())  # at least one: a hypothesis rated on nothing is never the leader
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
        votes = ctx.case.matrix.votes_against().get(leader, {})
        facts.append(
            Fact("confirmation.none_against", {"leader": leader, "items": n, "votes": votes})
        )
        severity = "high"
    elif n_against / n < FEW_DISCONFIRMING:
        votes = ctx.case.matrix.votes_against().get(leader, {}) if n_against == 0 else {}
        figures = {"leader": leader, "items": n, "against": n_against, "votes": votes}
        facts.append(Fact("confirmation.few_against", figures))
        severity = "medium"
    # with no runner-up (or an unscored one) there is no lead to weigh the consistency against
    if math.isfinite(lead) and consistency >= CONSISTENCY_RATIO * max(lead, 1.0) - TOLERANCE:
        lead = max(lead, 0.0)
        other = int(hyp.at[runner, "consistency"])
        kind = (
            "confirmation.nil_lead"
            if lead <= TOLERANCE
            else "confirmation.small_lead"
            if lead < 1.0 - TOLERANCE
            else "confirmation.consistency_ratio"
        )
        figures = {"leader": leader, "runner_up": runner, "lead": lead}
        facts.append(Fact(kind, {**figures, "consistency": consistency, "other": other}))
        severity = severity or "medium"
    if n_against >= 2 and low_against - low_confirming >= DISCOUNT_GAP - TOLERANCE:
        facts.append(
            Fact(
                "confirmation.discounted",
                {
                    "leader": leader,
                    "low_against": low_against,
                    "low_for": low_confirming if confirming.any() else None,
                },
            )
        )
        severity = severity or "medium"
    if severity is None:
        return None
    return Finding(
        "confirmation",
        severity,
        tuple(facts),
        {
            "leader": leader,
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
        raise NotChecked("no_sources")
    groups = sources["group"]
    counts: dict[str, float] = {}
    for item in ctx.case.evidence:
        cited = list(dict.fromkeys(item.sources))
        for s in cited:
            counts[groups[s]] = counts.get(groups[s], 0.0) + 1 / len(cited)
    if not counts:
        raise NotChecked("none_cited")
    score = sources.groupby("group")["share"].sum()
    # a nil weighted score (nothing sourced bears on the ranking) has no concentration to measure
    scored = float(score.sum()) > TOLERANCE
    item_index = hhi(counts.values())
    score_index = hhi(score.values) if scored else None
    index = max(item_index, score_index or 0.0)
    if index < HHI_MEDIUM - TOLERANCE:
        return None
    top_items = max(counts, key=counts.get)
    members = lambda g: tuple(sources.index[groups == g])  # noqa: E731
    figures = {
        "hhi_items": item_index,
        "hhi_score": score_index,
        "top_items": members(top_items),
        "share_items": counts[top_items] / sum(counts.values()),
        "top_score": None,
        "share_score": None,
    }
    top_score = None
    if scored:
        top_score = score.idxmax()
        figures["top_score"] = members(top_score)
        figures["share_score"] = float(score.max() / score.sum())
    return Finding(
        "concentration",
        "high" if index >= HHI_HIGH - TOLERANCE else "medium",
        (Fact("concentration.scored" if scored else "concentration.items", figures),),
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
    low = tuple(e.id for e in ctx.case.evidence if e.credibility == "L")
    if not low:
        raise NotChecked("none_low")
    without = ach_technique.run(select_evidence(ctx.case, "M"))
    if tuple(without.leader) == (leader,):
        return None
    after = tuple(without.leader)
    return Finding(
        "uncertain_accuracy",
        "medium" if leader in after else "high",
        (
            Fact(
                "uncertain_accuracy.leader_changes", {"leader": leader, "low": low, "after": after}
            ),
        ),
        {"low_credibility": list(low), "leader_without": list(after)},
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
        facts.append(Fact("closure.few", {"hypotheses": len(hypotheses)}))
        severity = "high"
    kinds = {h.kind for h in hypotheses}
    if not kinds & {"null", "deception"}:
        facts.append(Fact("closure.no_alternative", {}))
        severity = severity or "medium"
    if ctx.case.exclusive:
        pairs = (tuple(sorted((h.id, o))) for h in hypotheses for o in h.overlaps)
        declared = tuple(dict.fromkeys(pairs))  # declared on either side, said once
        similar = _similar_pairs(ctx)
        numbers["similar"] = [list(p[:2]) for p in similar]
        if declared:
            facts.append(Fact("closure.overlap", {"pairs": declared}))
            severity = severity or "medium"
        if similar:
            facts.append(Fact("closure.alike", {"pairs": tuple(similar)}))
            severity = severity or "medium"
    if severity is None:
        return None
    return Finding("closure", severity, tuple(facts), {"hypotheses": len(hypotheses), **numbers})


def _absence(ctx: _Context) -> Finding | None:
    _need_evidence(ctx)
    if any(e.type == "absence of evidence" for e in ctx.case.evidence):
        return None
    n = len(ctx.case.evidence)
    return Finding(
        "absence", "medium", (Fact("absence.none_recorded", {"items": n}),), {"items": n}
    )


def _anchoring(ctx: _Context) -> Finding | None:
    _need_evidence(ctx)
    dated = sorted((e for e in ctx.case.evidence if e.date is not None), key=lambda e: e.date)
    if not dated:
        raise NotChecked("undated")
    if len(dated) < MIN_DATED:
        raise NotChecked(
            "few_dated", dated=len(dated), items=len(ctx.case.evidence), needed=MIN_DATED
        )
    if len({e.date for e in dated}) < 2:
        raise NotChecked("one_date", dated=len(dated))
    leader = _sole_leader(ctx)
    half = math.ceil(len(dated) / 2)
    early, late = dated[:half], dated[half:]
    early_leader = ach_technique.run(ctx.case.model_copy(update={"evidence": tuple(early)})).leader
    if tuple(early_leader) != (leader,):
        return None
    if any(e.rating(leader) in ("I", "II") for e in late):
        return None
    figures = {
        "leader": leader,
        "early": half,
        "until": early[-1].date.isoformat(),
        "later": len(late),
        "from": late[0].date.isoformat(),
    }
    return Finding(
        "anchoring",
        "medium",
        (Fact("anchoring.untested", figures),),
        {"dated": len(dated), "early": half, "early_leader": list(early_leader)},
    )


def _vividness(ctx: _Context) -> Finding | None:
    _need_evidence(ctx)
    if not ctx.case.sources:
        raise NotChecked("no_sources_recorded")
    ev = ctx.quality.evidence
    relevance = {e.id: e.relevance for e in ctx.case.evidence}
    vivid = tuple(
        e
        for e in ev.index
        if relevance[e] == "H" and ev.at[e, "type"] != "assumption" and not ev.at[e, "corroborated"]
    )
    if not vivid:
        return None
    critical = tuple(e for e in vivid if ev.at[e, "critical"])
    return Finding(
        "vividness",
        "medium" if critical else "low",
        (Fact("vividness.uncorroborated", {"items": vivid, "critical": critical}),),
        {"items": list(vivid), "critical": list(critical)},
    )


def _base_rates(ctx: _Context) -> Finding | None:
    hypotheses = ctx.case.hypotheses
    recorded = tuple(h.id for h in hypotheses if h.prior_basis)
    if not recorded:
        raise NotChecked("no_base_rate")
    missing = tuple(h.id for h in hypotheses if h.prior is None)
    uniform = not missing and len({h.prior for h in hypotheses}) == 1
    shared: dict[str, list[str]] = {}
    for h in hypotheses:
        if h.prior_basis:
            shared.setdefault(" ".join(h.prior_basis.split()).casefold(), []).append(h.id)
    copied = [tuple(ids) for ids in shared.values() if len(ids) > 1]
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
        facts.append(Fact("base_rates.missing", {"recorded": recorded, "missing": missing}))
    elif uniform:
        facts.append(Fact("base_rates.uniform", {"recorded": recorded}))
    facts += [
        Fact("base_rates.copied", {"recorded": recorded, "hypotheses": ids}) for ids in copied
    ]
    facts += [
        Fact(
            "base_rates.weak",
            {"recorded": recorded, "source": s, "grade": grades[s], "hypotheses": tuple(citing[s])},
        )
        for s in weak
    ]
    if not facts:
        return None
    return Finding(
        "base_rates",
        "medium",
        tuple(facts),
        {
            "recorded": list(recorded),
            "missing": list(missing),
            "copied": [list(c) for c in copied],
            "weak_sources": weak,
        },
    )


def _mirror_imaging(ctx: _Context) -> Finding | None:
    no_null = not any(h.kind == "null" for h in ctx.case.hypotheses)
    unanswered = "mirror_imaging" not in ctx.case.checklist
    if not (no_null or unanswered):
        return None
    table = ctx.kac.table
    insecure = tuple(
        table.index[table["rating"].isin(["unsupported", "caveats"]) | table["rating"].isna()]
    )
    facts = []
    if no_null:
        facts.append(Fact("mirror_imaging.no_null", {"hypotheses": len(ctx.case.hypotheses)}))
    if unanswered:
        facts.append(Fact("mirror_imaging.unanswered", {}))
    if insecure:
        facts.append(Fact("mirror_imaging.insecure", {"assumptions": insecure}))
    return Finding("mirror_imaging", "low", tuple(facts), {"insecure_assumptions": list(insecure)})


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
