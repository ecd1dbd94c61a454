"""Conditions of what changed between two versions (``sat diff``) and of the judgement sentences of
``sat collect``, ``sat consensus``, ``sat estimates`` and ``sat calibration``.

The diff's conditions read the earlier version from ``Facts.previous`` (the earlier ``Case``;
``Facts.of`` takes it from ``Analysis.previous``) and the later from ``Facts.case``, and recompute
from the two: the changes by kind, each version's standing scored from scratch, each item's part
of the weighted inconsistency from its ratings and weight, and each version's confidence.

Calibration works on a register, not a case: its claims are checked against the fit's own numbers
(the slope and its standard error, in the figures) and the stated rule; their ``facts`` are not
read.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sat.case import Case
from sat.report.conditions import bayes
from sat.report.conditions._facts import _VALUE, Facts, _standing

# --- sat diff -------------------------------------------------------------------------------------

_HYPOTHESIS_FIELDS = ("label", "statement", "prior")
_EVIDENCE_FIELDS = ("summary", "credibility", "relevance", "type", "date", "sources")


def _counts(old: Case, new: Case) -> dict[str, int]:
    """The changes between two versions by kind, counted afresh from the two cases."""
    old_h, new_h = {h.id: h for h in old.hypotheses}, {h.id: h for h in new.hypotheses}
    old_e, new_e = {e.id: e for e in old.evidence}, {e.id: e for e in new.evidence}
    both_h, both_e = old_h.keys() & new_h.keys(), old_e.keys() & new_e.keys()
    counts = {
        "hypothesis added": len(new_h.keys() - old_h.keys()),
        "hypothesis removed": len(old_h.keys() - new_h.keys()),
        "hypothesis changed": sum(
            getattr(old_h[h], f) != getattr(new_h[h], f) for h in both_h for f in _HYPOTHESIS_FIELDS
        ),
        "evidence added": len(new_e.keys() - old_e.keys()),
        "evidence removed": len(old_e.keys() - new_e.keys()),
        "evidence changed": sum(
            getattr(old_e[e], f) != getattr(new_e[e], f) for e in both_e for f in _EVIDENCE_FIELDS
        ),
        "rating changed": sum(
            old_e[e].ratings.get(h) != new_e[e].ratings.get(h) for e in both_e for h in both_h
        ),
    }
    return {kind: n for kind, n in counts.items() if n}


def _same(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """No hypothesis or item was added or removed, and none changed a field or a rating."""
    return facts.previous is not None and not _counts(facts.previous, facts.case)


def _changes(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The counts said are the changes by kind, recomputed from the two versions."""
    found = _counts(facts.previous, facts.case) if facts.previous is not None else {}
    return bool(found) and dict(figures["counts"]) == found


def _parts(case: Case) -> dict[str, dict[str, float]]:
    """Each item's part of each hypothesis's weighted inconsistency (its weight × 1 for I, 2 for
    II), from the ratings."""
    from sat.analysis import analyse

    weight = analyse(case).ach.evidence["weight"]
    return {
        e.id: {
            h.id: float(weight[e.id]) * _VALUE.get(e.ratings.get(h.id), 0.0)
            for h in case.hypotheses
        }
        for e in case.evidence
    }


def _gaps(old: Case, new: Case, a: str, b: str) -> dict[str, float]:
    """How far each item moved a's weighted inconsistency less b's, from the old version to the
    new (an item added or removed moves it by its whole part)."""
    before, after = _parts(old), _parts(new)
    items = list(dict.fromkeys([*before, *after]))
    nothing = {a: 0.0, b: 0.0}
    return {
        e: (after.get(e, nothing)[a] - after.get(e, nothing)[b])
        - (before.get(e, nothing)[a] - before.get(e, nothing)[b])
        for e in items
    }


def _leader_changed(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The standings before and after, scored afresh from each version, are as said and differ.
    With a pair named, one led before and not after, the other after and not before, both are in
    both versions, and the items named are the largest (up to four) of those that moved the gap
    between them the stated way (against the first, for the second), each by the amount stated;
    with none named, no item moved it that way."""
    if facts.previous is None:
        return False
    before, after = set(_standing(facts.previous)[0]), set(_standing(facts.case)[0])
    if before == after or set(figures["before"]) != before or set(figures["after"]) != after:
        return False
    pair, reasons = figures["pair"], tuple(figures["reasons"])
    if pair is None:
        return not reasons
    a, b = pair
    common = {h.id for h in facts.previous.hypotheses} & {h.id for h in facts.case.hypotheses}
    if not (a in before and b in after and (a not in after or b not in before)):
        return False
    if not {a, b} <= common:
        return False
    gaps = _gaps(facts.previous, facts.case, a, b)
    grew = sorted((g for g in gaps.values() if g > 1e-12), reverse=True)
    return (
        len(reasons) == min(4, len(grew))
        and all(abs(gaps.get(e, math.nan) - g) <= 1e-9 for e, g in reasons)
        and all(abs(g - top) <= 1e-9 for (_, g), top in zip(reasons, grew, strict=False))
    )


def _unchanged(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Both versions, scored afresh, lead as said (the same leader, the same tie, or nothing)."""
    if facts.previous is None:
        return False
    before, after = set(_standing(facts.previous)[0]), set(_standing(facts.case)[0])
    return before == after == set(figures["leaders"])


def _confidence(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Each version's confidence, assessed afresh (none where it cannot be), is as said, and they
    differ."""
    from sat.analysis import analyse

    if facts.previous is None:
        return False

    def level(case: Case) -> str | None:
        found = analyse(case).optional("confidence")
        return None if found is None else found.level

    old, new = level(facts.previous), level(facts.case)
    return old != new and (figures["before"], figures["after"]) == (old, new)


# --- sat collect ----------------------------------------------------------------------------------


def _first_on_posterior(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The hypothesis named is ranked, strictly first on the posterior, at the posterior said."""
    post, ranked = bayes._posterior(facts), bayes._ranked_bayes(facts)
    leader = figures["leader"]
    return (
        leader in ranked
        and all(post[leader] > post[h] for h in ranked if h != leader)
        and abs(post[leader] - figures["posterior"]) <= 1e-12
    )


def _above_said(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The hypotheses said to be unrated with a larger posterior are exactly those."""
    return set(figures.get("above", ())) == bayes.larger_unrated(facts)


def _collect_leader(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Strictly first, and the Bayesian mode tells every other ranked hypothesis apart from it;
    any hypothesis rated against nothing with a larger posterior is named."""
    ranked = bayes._ranked_bayes(facts)
    others = ranked - {figures["leader"]}
    return (
        _first_on_posterior(facts, figures)
        and not (bayes._contenders(facts, figures["leader"]) if others else set())
        and _above_said(facts, figures)
    )


def _collect_near(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Strictly first, and the hypotheses named are exactly those not told apart from it."""
    near = bayes._contenders(facts, figures["leader"])
    return (
        _first_on_posterior(facts, figures)
        and bool(near)
        and near == set(figures["near"])
        and _above_said(facts, figures)
    )


def _collect_above(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Exactly the hypotheses rated against nothing with a posterior larger than every rated
    one's, one at least."""
    return bool(figures["above"]) and _above_said(facts, figures)


def _collect_tie(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Two or more ranked hypotheses share the largest posterior (as ``sat bayes`` ties them),
    exactly those named, at the posterior said."""
    post, tied = bayes._posterior(facts), bayes.tied_first(facts)
    return (
        len(tied) > 1
        and tied == set(figures["leaders"])
        and figures["leader"] in tied
        and abs(post[figures["leader"]] - figures["posterior"]) <= 1e-12
        and _above_said(facts, figures)
    )


def _collect_none(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """No hypothesis is ranked."""
    return not bayes._ranked_bayes(facts)


# --- sat consensus --------------------------------------------------------------------------------


def _with(case: Case, ratings: Callable[[Any], Mapping[str, str]]) -> Case:
    evidence = [
        e.model_copy(update={"ratings": {**e.ratings, **ratings(e)}}) for e in case.evidence
    ]
    return case.model_copy(update={"evidence": evidence})


def _reading(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The analyst's reading (their votes where they voted, the case's ratings elsewhere), scored
    afresh, leads as said; the cells counted are those they voted on (NA included)."""
    name = figures["analyst"]
    case = facts.case
    hyps = {h.id for h in case.hypotheses}
    cast = sum(len(set(e.analyst_ratings.get(name, {})) & hyps) for e in case.evidence)
    first, _ = _standing(_with(case, lambda e: e.analyst_ratings.get(name, {})))
    return set(first) == set(figures["leaders"]) and figures["cast"] in (cast, None)


_OPEN = {"CC": 5, "C": 4, "N": 3, "I": 2, "II": 1, "NA": 0}  # Open Synthesis values
_CODE = {v: k for k, v in _OPEN.items()}


def _median(votes: list[str]) -> str:
    """The consensus of a cell's votes: NA by majority (or when nobody rated), else the median
    rating, an even split rounded towards neutral."""
    values = sorted(_OPEN[v] for v in votes if v in _OPEN and v != "NA")
    if not values or 2 * sum(v == "NA" for v in votes) > len(votes):
        return "NA"
    middle = (values[(len(values) - 1) // 2] + values[len(values) // 2]) / 2
    return _CODE[int(math.floor(middle) if middle > 3 else math.ceil(middle))]


def _median_reading(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The matrix with the median of the votes in every voted cell, scored afresh, leads as said."""
    hyps = [h.id for h in facts.case.hypotheses]

    def agreed(e: Any) -> dict[str, str]:
        cells = {h: [r[h] for r in e.analyst_ratings.values() if h in r] for h in hyps}
        return {h: _median(votes) for h, votes in cells.items() if votes}

    first, _ = _standing(_with(facts.case, agreed))
    return set(first) == set(figures["leaders"])


# --- sat estimates --------------------------------------------------------------------------------


def _moved(case: Case, analyst: str) -> float:
    """How far making an analyst's set coherent moves it (the sum of absolute changes): onto the
    simplex for a complete set of exclusive hypotheses (into [0, 1] for overlapping ones), and the
    events and scenarios by the chain rule."""
    from sat.techniques.estimates import _coherent_events, project_simplex

    given = {k: float(v) for k, v in case.estimates[analyst].items()}
    hyps = [h.id for h in case.hypotheses]
    moved = 0.0
    if all(h in given for h in hyps):
        u = np.array([given[h] for h in hyps])
        q = project_simplex(u) if case.exclusive else np.clip(u, 0, 1)
        moved += float(np.abs(q - u).sum())
    others = {k: v for k, v in given.items() if k not in hyps}
    coherent = _coherent_events(case, others)
    return moved + sum(abs(coherent[k] - v) for k, v in others.items() if k in coherent)


def _partial(case: Case, analyst: str) -> tuple[str, ...]:
    """The hypotheses an analyst who gave some gave no probability for (none when they gave all,
    or none at all)."""
    given = case.estimates[analyst]
    missing = tuple(h.id for h in case.hypotheses if h.id not in given)
    return missing if len(missing) < len(case.hypotheses) else ()


def _coherent(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Moved less than 0.005 in all when made coherent, and the set of hypotheses is complete."""
    moved = _moved(facts.case, figures["analyst"])
    return (
        moved < 0.005
        and abs(moved - figures["moved"]) <= 1e-9
        and not _partial(facts.case, figures["analyst"])
    )


def _made_coherent(facts: Facts, figures: Mapping[str, Any]) -> bool:
    moved = _moved(facts.case, figures["analyst"])
    return (
        moved >= 0.005
        and abs(moved - figures["moved"]) <= 1e-9
        and not _partial(facts.case, figures["analyst"])
    )


def _incomplete(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The analyst gave probabilities for some of the hypotheses but not for exactly those named."""
    missing = _partial(facts.case, figures["analyst"])
    return bool(missing) and set(missing) == set(figures["missing"])


def _differences(facts: Facts, figures: Mapping[str, Any]) -> dict[str, tuple[float, float]]:
    """By hypothesis: the pool of the complete coherent sets (by the pool said) and the posterior."""
    from sat.techniques.estimates import pool, project_simplex

    case = facts.case
    hyps = [h.id for h in case.hypotheses]
    sets = [
        [float(given[h]) for h in hyps]
        for given in case.estimates.values()
        if all(h in given for h in hyps)
    ]
    if not sets or facts.bayes is None:
        return {}
    rows = [project_simplex(np.array(u)) if case.exclusive else np.clip(u, 0, 1) for u in sets]
    extremize = figures["extremize"] if figures["extremize"] is not None else 1.0
    pooled = pool(np.array(rows), figures["pool"], extremize, exclusive=case.exclusive)
    post = bayes._posterior(facts)
    return {h: (float(p), float(post[h])) for h, p in zip(hyps, pooled, strict=True)}


def _agree(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The pooled estimate and the posterior, recomputed, are within 0.05 on every hypothesis."""
    found = _differences(facts, figures)
    largest = max((abs(p - q) for p, q in found.values()), default=math.nan)
    return bool(found) and largest < 0.05 and abs(largest - figures["largest"]) <= 1e-9


def _differ(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The hypotheses named are exactly those where the pool and the posterior, recomputed, differ
    most (within 1e-9), by 0.05 or more, at the figures said."""
    found = _differences(facts, figures)
    if not found:
        return False
    gap = {h: abs(p - q) for h, (p, q) in found.items()}
    largest = max(gap.values())
    most = {h for h, g in gap.items() if g >= largest - 1e-9}
    return (
        largest >= 0.05
        and set(figures["hypotheses"]) == most
        and all(abs(found[h][0] - figures["aggregate"][h]) <= 1e-9 for h in most)
        and all(abs(found[h][1] - figures["posterior"][h]) <= 1e-12 for h in most)
    )


# --- sat calibration ------------------------------------------------------------------------------


def _slope(reading: str) -> Callable[[Facts, Mapping[str, Any]], bool]:
    def condition(facts: Any, figures: Mapping[str, Any]) -> bool:
        b, se = figures["b"], figures["se_b"]
        if not (math.isfinite(b) and math.isfinite(se) and se >= 0):
            return False
        found = "under" if b - 2 * se > 1 else "over" if b + 2 * se < 1 else "unclear"
        return found == reading

    condition.__doc__ = f"The slope and its standard error read {reading} by the ± 2 s.e. rule."
    return condition


def _fit_size(enough: bool) -> Callable[[Facts, Mapping[str, Any]], bool]:
    def condition(facts: Any, figures: Mapping[str, Any]) -> bool:
        n, true = figures["n"], figures["came_true"]
        if not 0 <= true <= n:
            return False
        rule = n >= figures["min_fit"] and min(true, n - true) >= figures["min_each"]
        return (figures["min_fit"], figures["min_each"]) == (50, 10) and rule == enough

    condition.__doc__ = "At least 50 resolved judgements with 10 of each outcome" + (
        " (the counts said)." if enough else " is not met by the counts said."
    )
    return condition


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "diff.same": _same,
    "diff.changes": _changes,
    "diff.leader_changed": _leader_changed,
    "diff.unchanged": _unchanged,
    "diff.confidence": _confidence,
    "collect.leader": _collect_leader,
    "collect.near": _collect_near,
    "collect.tie": _collect_tie,
    "collect.unrated_above": _collect_above,
    "collect.none_ranked": _collect_none,
    "consensus.reading": _reading,
    "consensus.median": _median_reading,
    "estimates.coherent": _coherent,
    "estimates.made_coherent": _made_coherent,
    "estimates.incomplete": _incomplete,
    "estimates.agree": _agree,
    "estimates.differ": _differ,
    "calibration.under_confident": _slope("under"),
    "calibration.over_confident": _slope("over"),
    "calibration.unclear": _slope("unclear"),
    "calibration.enough": _fit_size(True),
    "calibration.too_few": _fit_size(False),
}
