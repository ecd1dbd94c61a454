"""Conditions of the Quality of Information Check's sentences, recomputed from the case: the
sources' independence groups and grades, the items' weights and ratings, the ACH linchpins."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sat import scales
from sat.report.conditions._facts import TOLERANCE, Facts, _first, _scores
from sat.techniques.quality import DEPENDABLE, WEAK, independence_groups


def _important(facts: Facts, item: str) -> tuple[str, ...]:
    """Why an item matters: an ACH linchpin, and/or weighted diagnosticity in the top quarter of
    the case's positive values."""
    diag = facts.ach.evidence["weighted_diagnosticity"]
    positive = diag[diag > 0]
    top = float(np.quantile(positive, 0.75)) if len(positive) else np.inf
    return tuple(
        kind
        for kind, applies in (
            ("linchpin", item in facts.ach.linchpins),
            ("diagnostic", diag[item] > 0 and diag[item] >= top),
        )
        if applies
    )


def _critical(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The item is an observation that matters for the reasons given, and its sourcing is thin
    for exactly the reasons given: one independence group, no source, or only sources graded
    D–F or ungraded."""
    item = next((e for e in facts.case.evidence if e.id == figures["item"]), None)
    if item is None or item.type == "assumption":
        return False
    thin = _thin(facts, item)
    important = _important(facts, item.id)
    return (
        bool(important)
        and bool(thin)
        and tuple(figures["important"]) == important
        and tuple(figures["thin"]) == thin
        and tuple(figures["sources"]) == tuple(dict.fromkeys(item.sources))
    )


def _thin(facts: Facts, item: Any) -> tuple[str, ...]:
    """Why an item's sourcing is thin: one independence group, no source, or only sources
    graded D–F or ungraded."""
    case = facts.case
    grade = {s.id: s.reliability for s in case.sources}
    groups = independence_groups(case.sources)
    cited = tuple(dict.fromkeys(item.sources))
    return tuple(
        kind
        for kind, applies in (
            ("one_group", len({groups[s] for s in cited}) == 1),
            ("unsourced", not cited),
            ("weak_only", bool(cited) and all(grade[s] in (*WEAK, None) for s in cited)),
        )
        if applies
    )


def critical_items(facts: Facts) -> set[str]:
    """The observed items that matter (a linchpin, or highly diagnostic) on thin sourcing."""
    return {
        e.id
        for e in facts.case.evidence
        if e.type != "assumption" and _important(facts, e.id) and _thin(facts, e)
    }


def _overgraded(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The item is weighted H and its information credibility is 4–6, or it rests on one source
    graded C or below or ungraded (the grade said)."""
    case = facts.case
    item = next((e for e in case.evidence if e.id == figures["item"]), None)
    if item is None or item.credibility != "H":
        return False
    info = item.information_credibility
    if figures["kind"] == "information":
        return info is not None and info >= 4 and figures["information_credibility"] == info
    cited = tuple(dict.fromkeys(item.sources))
    grade = {s.id: s.reliability for s in case.sources}
    if (info is not None and info >= 4) or cited != (figures["source"],):
        return False
    if figures["kind"] == "ungraded":
        return grade[cited[0]] is None
    return grade[cited[0]] == figures["grade"] and grade[cited[0]] not in (None, "A", "B")


def _pair(facts: Facts) -> tuple[str | None, tuple[str, ...]]:
    """The matrix's sole leader and who may be its runner-up (the best ranked of the rest; more
    than one when they are level on both scores), recomputed."""
    weighted, consistency, ranked = _scores(facts)
    first = _first(weighted, consistency, ranked)
    if len(first) != 1:
        return None, ()
    rest = {h: weighted[h] for h in ranked if h != first[0]}
    if not rest:
        return first[0], ()
    low = min(rest.values())
    level = [h for h in rest if rest[h] <= low + TOLERANCE]
    top = max(consistency[h] for h in level)
    return first[0], tuple(h for h in weighted if h in level and consistency[h] == top)


def _gap(facts: Facts, leader: str, challenger: str) -> dict[str, float]:
    """Per item, how far apart the two ratings are (scale values), times the item's weight."""
    codes = facts.ach.ratings
    weight = facts.ach.evidence["weight"]
    found = {}
    for e in codes.index:
        a = scales.SCALE_VALUE.get(codes.at[e, leader], 0)
        b = scales.SCALE_VALUE.get(codes.at[e, challenger], 0)
        if a != b:
            found[e] = abs(a - b) * float(weight[e])
    return {e: g for e, g in found.items() if g > 0}


def _sourcing(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The share of the separating evidence (by gap × weight) that is corroborated by two
    independence groups with a source graded A–C is as said, and so is its level (strong from
    0.5, moderate from 0.25)."""
    leader, seconds = _pair(facts)
    challenger = figures["challenger"]
    if leader != figures["leader"] or challenger not in seconds:
        return False
    gap = _gap(facts, leader, challenger)
    if not gap:
        return False
    case = facts.case
    items = {e.id: e for e in case.evidence}
    grade = {s.id: s.reliability for s in case.sources}
    groups = independence_groups(case.sources)

    def good(e: str) -> bool:
        item = items[e]
        cited = set(item.sources)
        corroborated = item.type != "assumption" and len({groups[s] for s in cited}) >= 2
        return corroborated and any(grade[s] in DEPENDABLE for s in cited)

    share = sum(g for e, g in gap.items() if good(e)) / sum(gap.values())
    level = "strong" if share >= 0.5 else "moderate" if share >= 0.25 else "weak"
    return abs(share - figures["share"]) < 1e-6 and level == figures["level"]


def _sourcing_missing(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """No single leader, no rated challenger, or no item rated apart for the two."""
    leader, seconds = _pair(facts)
    basis = figures["basis"]
    if basis == "no_leader":
        return leader is None
    if basis == "no_challenger":
        return leader is not None and not seconds
    return (
        basis == "none_separates"
        and leader == figures["leader"]
        and figures["challenger"] in seconds
        and not _gap(facts, leader, figures["challenger"])
    )


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "quality.critical": _critical,
    "quality.overgraded": _overgraded,
    "quality.sourcing": _sourcing,
    "quality.sourcing_missing": _sourcing_missing,
}
