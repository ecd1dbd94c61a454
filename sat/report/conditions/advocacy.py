"""Conditions of devil's advocacy's sentences, recomputed from the ratings, weights and
assumptions of the case."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sat import scales
from sat.report.conditions._facts import (
    _VALUE,
    TOLERANCE,
    Facts,
    _first,
    _overtaken,
    _points,
    _scores,
)


def _sole(facts: Facts) -> str | None:
    first = _first(*_scores(facts))
    return first[0] if len(first) == 1 else None


def _pair(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The leader is the matrix's sole leader and the challenger another ranked hypothesis."""
    _, _, ranked = _scores(facts)
    leader, challenger = figures["leader"], figures["challenger"]
    return _sole(facts) == leader and challenger in ranked and challenger != leader


def _weights(facts: Facts, credibility: Mapping[str, str] | None = None) -> np.ndarray:
    credibility = credibility or {}
    return np.array(
        [
            scales.LEVEL_WEIGHT[credibility.get(e.id, e.credibility)]
            * scales.LEVEL_WEIGHT[e.relevance]
            for e in facts.case.evidence
        ]
    )


def _separation(facts: Facts, leader: str, challenger: str) -> dict[str, float]:
    """Per item, the challenger's inconsistency points less the leader's, times its weight."""
    codes = facts.ach.ratings.reindex([e.id for e in facts.case.evidence])
    diff = _points(codes[challenger], _VALUE) - _points(codes[leader], _VALUE)
    return dict(zip(codes.index, diff * _weights(facts), strict=True))


def _no_leader(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return _sole(facts) is None


def _no_challenger(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return _sole(facts) == figures["leader"] and _scores(facts)[2] == {figures["leader"]}


def _ratings(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Each move is one cell's change along CC–C–N–I–II on an item that tells the two apart; the
    steps add up to the count said; applied together they put the challenger strictly ahead."""
    if not _pair(facts, figures):
        return False
    steps = _overtaken(facts, figures["leader"], figures["challenger"], figures["moves"])
    return steps is not None and steps == figures["steps"]


def _credibility(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The ratings unchanged, the credibility changes (steps along L–M–H adding up to the count
    said) put the challenger strictly ahead."""
    if not _pair(facts, figures):
        return False
    items = {e.id: e for e in facts.case.evidence}
    changed, steps = {}, 0
    for item, before, after in figures["moves"]:
        if changed.get(item, items[item].credibility) != before:
            return False
        steps += abs(scales.LEVELS.index(after) - scales.LEVELS.index(before))
        changed[item] = after
    codes = facts.ach.ratings.reindex(list(items))
    weight = _weights(facts, changed)
    leader, challenger = figures["leader"], figures["challenger"]
    score = {h: float(_points(codes[h], _VALUE) @ weight) for h in (leader, challenger)}
    return steps == figures["steps"] and score[challenger] < score[leader] - TOLERANCE


def _no_credibility(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Even every item moved as far as its credibility goes in the challenger's favour (down to L
    where it counts against the challenger more, up to H where against the leader) leaves the
    challenger no further ahead than level."""
    if not _pair(facts, figures):
        return False
    leader, challenger = figures["leader"], figures["challenger"]
    weighted, _, _ = _scores(facts)
    deficit = weighted[challenger] - weighted[leader]
    codes = facts.ach.ratings
    gain = 0.0
    for e in facts.case.evidence:
        d = float(
            _points([codes.at[e.id, challenger]], _VALUE)[0]
            - _points([codes.at[e.id, leader]], _VALUE)[0]
        )
        rel = scales.LEVEL_WEIGHT[e.relevance]
        now = scales.LEVEL_WEIGHT[e.credibility] * rel
        best = scales.LEVEL_WEIGHT["L" if d > 0 else "H"] * rel
        gain += abs(d) * abs(now - best)
    return gain <= deficit + TOLERANCE


def _reexamine(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The items named are those that most separate the two (challenger's inconsistency points
    less the leader's, times the weight), none of them zero, as many as there are up to FIRST."""
    from sat.report.claims.advocacy import FIRST

    if not _pair(facts, figures):
        return False
    sep = {
        e: abs(s) for e, s in _separation(facts, figures["leader"], figures["challenger"]).items()
    }
    named = list(figures["items"])
    rest = [s for e, s in sep.items() if e not in named]
    nonzero = sum(s > 0 for s in sep.values())
    return (
        len(named) == min(FIRST, nonzero)
        and all(sep[e] > 0 for e in named)
        and min(sep[e] for e in named) >= max(rest, default=0.0) - TOLERANCE
    )


def _insecure(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Exactly the case's assumptions supporting the leader (or the whole judgement) that are
    rated unsupported or with caveats, or not rated."""
    leader = figures["leader"]
    expected = {
        (a.id, a.rating)
        for a in facts.case.assumptions
        if (not a.supports or leader in a.supports) and a.rating in (None, "unsupported", "caveats")
    }
    listed = {(a, r) for a, r in figures["assumptions"]}
    return _sole(facts) == leader and bool(listed) and listed == expected


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "advocacy.no_leader": _no_leader,
    "advocacy.no_challenger": _no_challenger,
    "advocacy.ratings": _ratings,
    "advocacy.credibility": _credibility,
    "advocacy.no_credibility": _no_credibility,
    "advocacy.reexamine": _reexamine,
    "advocacy.assumptions": _insecure,
}
