"""Conditions of the bias stress test's sentences, recomputed from the case: the ratings, the
credibility and dates of the items, the sources' independence groups, the priors and their bases.

Each fact a finding states holds of the case and meets the rule that fires it (the thresholds
are ``sat.techniques.bias``'s, stated in its docstring, a figure within 1e-9 of one counting as
at it); a detector said not to be checked lacked exactly what the reason says. A detector said to
be clean had what it needs and its rule does not fire, by the rules recomputed from the case
(``sat.report.conditions.bias_rules``): the stress test itself is never run again to decide it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from sat.analysis import analyse
from sat.case import Case, select_evidence
from sat.report.conditions._facts import TOLERANCE, Facts, _first, _scores, memo
from sat.techniques import bias as rules
from sat.techniques import quality as quality_technique

_Condition = Callable[[Facts, Mapping[str, Any]], bool]

RATED = ("CC", "C", "N", "I", "II")


def _first_of(facts: Facts) -> tuple[str, ...]:
    return _first(*_scores(facts))


def _sole(facts: Facts) -> str | None:
    first = _first_of(facts)
    return first[0] if len(first) == 1 else None


def _close(a: float | None, b: float | None) -> bool:
    if a is None or b is None:
        return a is None and b is None
    return math.isclose(float(a), float(b), rel_tol=1e-9, abs_tol=1e-9)


# --- confirmation --------------------------------------------------------------------------------


def _on_leader(facts: Facts, leader: str) -> tuple[int, int]:
    """Items rated on the leader (any code but NA) and those rated I or II against it."""
    column = facts.ach.ratings[leader]
    return int(column.isin(RATED).sum()), int(column.isin(["I", "II"]).sum())


def _none_against(facts: Facts, figures: Mapping[str, Any]) -> bool:
    leader = figures["leader"]
    if _sole(facts) != leader:
        return False
    n, against = _on_leader(facts, leader)
    votes = facts.case.matrix.votes_against().get(leader, {})
    return n == figures["items"] >= 5 and against == 0 and dict(figures["votes"]) == votes


def _few_against(facts: Facts, figures: Mapping[str, Any]) -> bool:
    leader = figures["leader"]
    if _sole(facts) != leader:
        return False
    n, against = _on_leader(facts, leader)
    votes = facts.case.matrix.votes_against().get(leader, {}) if against == 0 else {}
    return (
        n == figures["items"] > 0
        and against == figures["against"]
        and against / n < rules.FEW_DISCONFIRMING
        and dict(figures["votes"]) == votes
    )


def _lead(facts: Facts, figures: Mapping[str, Any]) -> float | None:
    """The leader's weighted lead over the runner-up named (the best ranked of the rest), or
    None when the figures do not name them."""
    weighted, consistency, ranked = _scores(facts)
    leader, runner = figures["leader"], figures["runner_up"]
    if _sole(facts) != leader or runner not in ranked:
        return None
    rest = {h: weighted[h] for h in ranked if h != leader}
    best = min(rest.values())
    second = [h for h in rest if rest[h] <= best + TOLERANCE]
    top = max(consistency[h] for h in second)
    if runner not in second or consistency[runner] != top:
        return None
    if consistency[leader] != figures["consistency"] or consistency[runner] != figures["other"]:
        return None
    lead = max(weighted[runner] - weighted[leader], 0.0)
    return lead if _close(lead, figures["lead"]) else None


def lead_kind(lead: float) -> str:
    """The fact kind a lead over the runner-up is said as: ``nil_lead`` (within 1e-9 of nil),
    ``small_lead`` (under one point, not within 1e-9 of it) or ``consistency_ratio``.

    Examples
    --------
    >>> lead_kind(0.0), lead_kind(0.5)
    ('confirmation.nil_lead', 'confirmation.small_lead')
    >>> lead_kind(2 * (1 / 2**0.5) ** 2)  # two items weighted L x L: 0.9999999999999998
    'confirmation.consistency_ratio'
    """
    if lead <= TOLERANCE:
        return "confirmation.nil_lead"
    return "confirmation.small_lead" if lead < 1.0 - TOLERANCE else "confirmation.consistency_ratio"


def outweighs(consistency: float, lead: float) -> bool:
    """Whether consistency points are at least twice a lead counted as at least one point (a
    figure within 1e-9 of it counts as at it)."""
    return consistency >= rules.CONSISTENCY_RATIO * max(lead, 1.0) - TOLERANCE


def _consistency_over_lead(kind: str) -> _Condition:
    def condition(facts: Facts, figures: Mapping[str, Any]) -> bool:
        lead = _lead(facts, figures)
        if lead is None:
            return False
        return outweighs(figures["consistency"], lead) and lead_kind(lead) == kind

    condition.__doc__ = (
        f"The leader's consistency points are at least {rules.CONSISTENCY_RATIO:g} times its "
        f"weighted lead (counted as at least one point) over the runner-up, the lead said as "
        f"{kind!r} (``lead_kind``)."
    )
    return condition


def _discounted(facts: Facts, figures: Mapping[str, Any]) -> bool:
    leader = figures["leader"]
    if _sole(facts) != leader:
        return False
    codes = facts.ach.ratings[leader]
    low = {e.id: e.credibility == "L" for e in facts.case.evidence}
    against = [e for e in codes.index if codes[e] in ("I", "II")]
    confirming = [e for e in codes.index if codes[e] in ("C", "CC")]
    share_against = sum(low[e] for e in against) / len(against) if against else 0.0
    share_for = sum(low[e] for e in confirming) / len(confirming) if confirming else None
    return (
        len(against) >= 2
        and _close(share_against, figures["low_against"])
        and _close(share_for, figures["low_for"])
        and share_against - (share_for or 0.0) >= rules.DISCOUNT_GAP - TOLERANCE
    )


# --- sources -------------------------------------------------------------------------------------


def _group_counts(case: Case) -> dict[str, float]:
    """Evidence items per independence group, an item citing k groups' sources counting 1/k
    to each source's group."""
    groups = quality_technique.independence_groups(case.sources)
    counts: dict[str, float] = {}
    for item in case.evidence:
        cited = list(dict.fromkeys(item.sources))
        for s in cited:
            counts[groups[s]] = counts.get(groups[s], 0.0) + 1 / len(cited)
    return counts


def _members(case: Case, group: str) -> tuple[str, ...]:
    groups = quality_technique.independence_groups(case.sources)
    return tuple(s.id for s in case.sources if groups[s.id] == group)


def quality_of(facts: Facts) -> Any:
    """The Quality of Information Check run afresh on the case (once per facts)."""
    return memo(facts, "quality", lambda: analyse(facts.case).quality)


def _concentration(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The index over items (and, when the sourced items carry any of the weighted score, over
    the score) is as stated and at least the medium threshold; the groups named carry the most
    sourced items and the most score, in the shares said."""
    case = facts.case
    counts = _group_counts(case)
    if not counts:
        return False
    index = rules.hhi(counts.values())
    top = max(counts.values())
    tops = [_members(case, g) for g, c in counts.items() if c == top]
    if not _close(index, figures["hhi_items"]) or tuple(figures["top_items"]) not in tops:
        return False
    if not _close(top / sum(counts.values()), figures["share_items"]):
        return False
    score = quality_of(facts).sources.groupby("group")["share"].sum()
    scored = float(score.sum()) > TOLERANCE
    if scored != (figures["hhi_score"] is not None):
        return False
    highest = index
    if scored:
        highest = max(index, rules.hhi(score.values))
        best = [_members(case, g) for g, v in score.items() if v >= score.max() - TOLERANCE]
        if not _close(rules.hhi(score.values), figures["hhi_score"]):
            return False
        if not _close(float(score.max() / score.sum()), figures["share_score"]):
            return False
        if tuple(figures["top_score"]) not in best:
            return False
    return highest >= rules.HHI_MEDIUM - TOLERANCE


def _uncorroborated(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Exactly the highly relevant observations whose sources do not come from two independence
    groups; the critical ones are among them and critical in the Quality of Information Check."""
    case = facts.case
    groups = quality_technique.independence_groups(case.sources)
    expected = tuple(
        e.id
        for e in case.evidence
        if e.relevance == "H" and e.type != "assumption" and len({groups[s] for s in e.sources}) < 2
    )
    critical = set(quality_of(facts).critical)
    named = tuple(figures["items"])
    return (
        bool(named)
        and set(named) == set(expected)
        and set(figures["critical"]) == critical & set(named)
    )


# --- the leader without what is doubtful, and over time ------------------------------------------


def _leader_changes(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Dropping exactly the low-credibility items leaves the leaders stated, not the leader alone."""
    leader, case = figures["leader"], facts.case
    low = tuple(e.id for e in case.evidence if e.credibility == "L")
    if _sole(facts) != leader or low != tuple(figures["low"]) or not low:
        return False
    part = select_evidence(case, "M")
    kept = _first(*_scores(Facts(part, analyse(part).ach)))
    return kept == tuple(figures["after"]) and kept != (leader,)


def _dated(case: Case) -> list:
    return sorted((e for e in case.evidence if e.date is not None), key=lambda e: e.date)


def _anchoring(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The earlier half of the dated items already puts the leader first alone, and no later one
    is rated I or II against it; the dates said bound the two halves."""
    leader, case = figures["leader"], facts.case
    dated = _dated(case)
    half = math.ceil(len(dated) / 2)
    if _sole(facts) != leader or len(dated) < rules.MIN_DATED or half != figures["early"]:
        return False
    early, late = dated[:half], dated[half:]
    part = case.model_copy(update={"evidence": tuple(early)})
    first = _first(*_scores(Facts(part, analyse(part).ach)))
    return (
        first == (leader,)
        and len(late) == figures["later"]
        and early[-1].date.isoformat() == figures["until"]
        and late[0].date.isoformat() == figures["from"]
        and not any(e.rating(leader) in ("I", "II") for e in late)
    )


# --- hypotheses ----------------------------------------------------------------------------------


def _few(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return len(facts.case.hypotheses) == figures["hypotheses"] < 3


def _no_alternative(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return not {h.kind for h in facts.case.hypotheses} & {"null", "deception"}


def _overlap(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The hypotheses are meant to exclude each other and the pairs named are the overlaps the
    case declares, each pair once whichever side declares it."""
    case = facts.case
    declared = {frozenset((h.id, o)) for h in case.hypotheses for o in h.overlaps}
    said = [frozenset(p) for p in figures["pairs"]]
    return case.exclusive and bool(said) and len(said) == len(set(said)) and set(said) == declared


def _alike(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Each pair agrees on at least the stated share of the items either is rated on."""
    if not facts.case.exclusive or not figures["pairs"]:
        return False
    codes = facts.ach.ratings.replace({"": "NA", "P": "NA"})
    for a, b, same, n in figures["pairs"]:
        common = ~((codes[a] == "NA") & (codes[b] == "NA"))
        agree = float((codes.loc[common, a] == codes.loc[common, b]).mean()) if common.any() else 0
        if int(common.sum()) != n or n < rules.SIMILAR_MIN_ITEMS or not _close(agree, same):
            return False
        if agree < rules.SIMILAR_SHARE:
            return False
    return True


def _no_absence(facts: Facts, figures: Mapping[str, Any]) -> bool:
    evidence = facts.case.evidence
    return len(evidence) == figures["items"] > 0 and all(
        e.type != "absence of evidence" for e in evidence
    )


def _no_null(facts: Facts, figures: Mapping[str, Any]) -> bool:
    hypotheses = facts.case.hypotheses
    return len(hypotheses) == figures["hypotheses"] and all(h.kind != "null" for h in hypotheses)


def _unanswered(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return "mirror_imaging" not in facts.case.checklist


def _insecure(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Exactly the case's assumptions rated unsupported or with caveats, or not rated."""
    expected = {
        a.id for a in facts.case.assumptions if a.rating in (None, "unsupported", "caveats")
    }
    return bool(expected) and set(figures["assumptions"]) == expected


# --- base rates ----------------------------------------------------------------------------------


def _recorded(case: Case, figures: Mapping[str, Any]) -> bool:
    return tuple(figures["recorded"]) == tuple(h.id for h in case.hypotheses if h.prior_basis)


def _missing_priors(facts: Facts, figures: Mapping[str, Any]) -> bool:
    missing = tuple(h.id for h in facts.case.hypotheses if h.prior is None)
    return _recorded(facts.case, figures) and missing == tuple(figures["missing"]) != ()


def _uniform(facts: Facts, figures: Mapping[str, Any]) -> bool:
    priors = [h.prior for h in facts.case.hypotheses]
    return _recorded(facts.case, figures) and None not in priors and len(set(priors)) == 1


def _copied(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The hypotheses named, and no others, share one basis (case and spacing aside)."""
    named = tuple(figures["hypotheses"])
    bases = {
        h.id: " ".join((h.prior_basis or "").split()).casefold() for h in facts.case.hypotheses
    }
    basis = bases.get(named[0], "") if named else ""
    same = tuple(h for h, b in bases.items() if b == basis)
    return _recorded(facts.case, figures) and len(named) > 1 and bool(basis) and same == named


def _weak_basis(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The source is graded D–F, as said, and is named in the bases of exactly the hypotheses
    said."""
    source = figures["source"]
    grade = {s.id: s.reliability for s in facts.case.sources}.get(source, "?")
    citing = tuple(
        h.id
        for h in facts.case.hypotheses
        if source in {w.strip(".,;:()[]'\"") for w in (h.prior_basis or "").split()}
    )
    return (
        _recorded(facts.case, figures)
        and grade in quality_technique.WEAK
        and grade == figures["grade"]
        and citing == tuple(figures["hypotheses"])
    )


# --- what could run ------------------------------------------------------------------------------


def _why(facts: Facts) -> dict[str, Callable[[Mapping[str, Any]], bool]]:
    """Each reason a detector cannot run, as a test of the case."""
    case = facts.case
    first = _first_of(facts)
    dated = _dated(case)
    return {
        "no_evidence": lambda f: not case.evidence,
        "tied": lambda f: len(first) > 1 and tuple(f["leaders"]) == first,
        "none_ranked": lambda f: not first,
        "no_sources": lambda f: not case.sources,
        "no_sources_recorded": lambda f: not case.sources,
        "none_cited": lambda f: bool(case.sources) and not any(e.sources for e in case.evidence),
        "none_low": lambda f: all(e.credibility != "L" for e in case.evidence),
        "undated": lambda f: bool(case.evidence) and not dated,
        "few_dated": lambda f: (
            f["dated"] == len(dated)
            and 0 < len(dated) < f["needed"] == rules.MIN_DATED
            and f["items"] == len(case.evidence)
        ),
        "one_date": lambda f: (
            f["dated"] == len(dated) >= rules.MIN_DATED and len({e.date for e in dated}) == 1
        ),
        "no_base_rate": lambda f: not any(h.prior_basis for h in case.hypotheses),
    }


def _not_checked(reason: str) -> _Condition:
    def condition(facts: Facts, figures: Mapping[str, Any]) -> bool:
        return bool(_why(facts)[reason](figures))

    condition.__doc__ = f"The case lacks what the reason {reason!r} says it lacks."
    return condition


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, _Condition] = {
    "bias.confirmation.none_against": _none_against,
    "bias.confirmation.few_against": _few_against,
    "bias.confirmation.nil_lead": _consistency_over_lead("confirmation.nil_lead"),
    "bias.confirmation.small_lead": _consistency_over_lead("confirmation.small_lead"),
    "bias.confirmation.consistency_ratio": _consistency_over_lead("confirmation.consistency_ratio"),
    "bias.confirmation.discounted": _discounted,
    "bias.concentration.items": _concentration,
    "bias.concentration.scored": _concentration,
    "bias.uncertain_accuracy.leader_changes": _leader_changes,
    "bias.closure.few": _few,
    "bias.closure.no_alternative": _no_alternative,
    "bias.closure.overlap": _overlap,
    "bias.closure.alike": _alike,
    "bias.absence.none_recorded": _no_absence,
    "bias.anchoring.untested": _anchoring,
    "bias.vividness.uncorroborated": _uncorroborated,
    "bias.base_rates.missing": _missing_priors,
    "bias.base_rates.uniform": _uniform,
    "bias.base_rates.copied": _copied,
    "bias.base_rates.weak": _weak_basis,
    "bias.mirror_imaging.no_null": _no_null,
    "bias.mirror_imaging.unanswered": _unanswered,
    "bias.mirror_imaging.insecure": _insecure,
    **{
        f"bias.not_checked.{reason}": _not_checked(reason)
        for reason in (
            "no_evidence",
            "tied",
            "none_ranked",
            "no_sources",
            "no_sources_recorded",
            "none_cited",
            "none_low",
            "undated",
            "few_dated",
            "one_date",
            "no_base_rate",
        )
    },
}
