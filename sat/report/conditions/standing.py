"""Conditions of the matrix's standing: who leads, ties, the margin, what would overturn it,
linchpins."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sat.report.conditions._facts import (
    TOLERANCE,
    Facts,
    _diagnostic,
    _first,
    _overtaken,
    _scores,
    _standing,
)


def _leads(facts: Facts, figures: Mapping[str, Any]) -> bool:
    weighted, consistency, ranked = _scores(facts)
    first = _first(weighted, consistency, ranked)
    leader = figures["leader"]
    return first == (leader,) and abs(weighted[leader] - figures["score"]) <= 1e-6


def _probability(value: Any) -> bool:
    """Whether a cell as the case holds it is a probability (a number), not a code."""
    return isinstance(value, float | int) and not isinstance(value, bool)


def _probability_cells(facts: Facts) -> dict[str, int]:
    """Each hypothesis's probability cells, counted from the case."""
    case = facts.case
    return {
        h.id: sum(_probability(e.ratings.get(h.id)) for e in case.evidence) for h in case.hypotheses
    }


def _none_ranked(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """No hypothesis has a code other than NA; the probability cells said (none: "no rating other
    than NA") are those the case holds."""
    cells = sum(_probability_cells(facts).values())
    return not _scores(facts)[2] and figures.get("probability_cells") == cells


def _tie(facts: Facts, figures: Mapping[str, Any]) -> bool:
    weighted, consistency, ranked = _scores(facts)
    first = _first(weighted, consistency, ranked)
    return len(first) > 1 and set(first) == set(figures["leaders"])


def _leader(facts: Facts, figures: Mapping[str, Any]) -> bool:
    weighted, _, ranked = _scores(facts)
    runner = figures["runner_up"]
    others = [weighted[h] for h in ranked if h != figures["leader"]]
    level = {
        h
        for h in ranked
        if h != figures["leader"] and abs(weighted[h] - weighted[runner]) <= TOLERANCE
    }
    return (
        _leads(facts, figures)
        and runner in ranked
        and abs(weighted[runner] - figures["runner_score"]) <= 1e-6
        and figures["runner_score"] > figures["score"] + TOLERANCE  # "against": strictly behind
        and abs(min(others) - weighted[runner]) <= TOLERANCE
        and set(figures["next"]) == level  # every hypothesis at the runner-up's score is named
    )


def _leader_alone(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return _leads(facts, figures) and _scores(facts)[2] == {figures["leader"]}


def _leader_on_tiebreak(facts: Facts, figures: Mapping[str, Any]) -> bool:
    weighted, consistency, ranked = _scores(facts)
    leader, level = figures["leader"], figures["level"]
    return (
        _leads(facts, figures)
        and bool(level)
        and all(
            h in ranked
            and abs(weighted[h] - weighted[leader]) <= TOLERANCE
            and consistency[h] < consistency[leader]
            for h in level
        )
    )


def _untested(facts: Facts, figures: Mapping[str, Any]) -> bool:
    column = facts.ach.ratings[figures["leader"]]
    return figures["unrated"] > 0 and int((column == "").sum()) == figures["unrated"]


def _unranked(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Exactly the hypotheses with no code other than NA are named, and of them exactly those with
    a probability cell are said to have only probability cells (the others, "rated against
    nothing", have no cell but NA and unrated ones)."""
    _, _, ranked = _scores(facts)
    unranked = {h for h in facts.ach.ratings if h not in ranked}
    cells = _probability_cells(facts)
    by_probability = {h for h in unranked if cells[h]}
    return (
        bool(unranked)
        and set(figures["unranked"]) == unranked
        and set(figures["probability_only"]) == by_probability
    )


def _margin(facts: Facts, figures: Mapping[str, Any]) -> bool:
    hyp = facts.ach.hypotheses
    steps = hyp["steps_to_lead"]
    others = [
        int(steps[h])
        for h in hyp.index
        if h not in facts.ach.leader and bool(hyp.at[h, "ranked"]) and not _missing(steps[h])
    ]
    return (
        figures["margin"] >= 1
        and bool(others)
        and min(others) == figures["margin"]
        and all(int(steps[h]) == figures["margin"] for h in figures["challengers"])
    )


def _missing(value: Any) -> bool:
    return value is None or (isinstance(value, float) and np.isnan(value)) or str(value) == "<NA>"


def _overturn(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Every move re-judges an item rated differently for the leader and the challenger,
    together they put the challenger strictly ahead of the leader on weighted inconsistency, and
    no other ranked challenger is put ahead in fewer one-step changes."""
    leader, challenger = facts.ach.sole, figures["challenger"]
    if leader is None:
        return False
    steps = _overtaken(facts, leader, challenger, figures["moves"])
    others = [h for h in _scores(facts)[2] if h != leader]  # every ranked challenger
    return steps is not None and all(
        (plan := facts.ach.overturn_plan(h)).empty or int(plan["steps"].sum()) >= steps
        for h in others
    )


def _linchpin(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Removing each named item alone changes the standing in the way the sentence says."""
    case = facts.case
    now = _standing(case)
    for item in figures["items"]:
        if not _diagnostic(facts, item):
            return False
        rest = case.model_copy(update={"evidence": [e for e in case.evidence if e.id != item]})
        first, tiebreak = _standing(rest)
        effect, who = figures["effect"], tuple(figures["who"])
        if effect == "instead" and not (first != now[0] and set(first) == set(who)):
            return False
        if effect == "level" and not (first == now[0] and tiebreak and not now[1]):
            return False
        if effect == "clear" and not (first == now[0] and now[1] and not tiebreak):
            return False
    return True


def _no_linchpin(facts: Facts, figures: Mapping[str, Any]) -> bool:
    case = facts.case
    now = _standing(case)
    for item in case.evidence:
        if not _diagnostic(facts, item.id):
            continue
        rest = case.model_copy(update={"evidence": [e for e in case.evidence if e.id != item.id]})
        if _standing(rest) != now:
            return False
    return True


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "ach.none_ranked": _none_ranked,
    "ach.tie": _tie,
    "ach.leader": _leader,
    "ach.leader_alone": _leader_alone,
    "ach.leader_on_tiebreak": _leader_on_tiebreak,
    "ach.untested": _untested,
    "ach.unranked": _unranked,
    "ach.margin": _margin,
    "ach.overturn": _overturn,
    "ach.linchpin": _linchpin,
    "ach.no_linchpin": _no_linchpin,
}
