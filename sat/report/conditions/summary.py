"""Conditions of the short forms of the judgement (the workbook's panel, the list of techniques
applied), recomputed as the bottom line's are: from the ratings, the posteriors and the standing
without each item."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sat import scales
from sat.report.conditions import advocacy, bayes, standing
from sat.report.conditions._facts import TOLERANCE, Facts, _diagnostic, _scores, _standing


def _leader(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The leader leads alone on the scores, with at least one other ranked hypothesis strictly
    behind it; the margin said is the fewest steps any challenger needs (none: no challenger
    can be brought level)."""
    weighted, _, ranked = _scores(facts)
    leader = figures["leader"]
    others = [h for h in ranked if h != leader]
    if not standing._leads(facts, figures) or not others:
        return False
    if any(abs(weighted[h] - weighted[leader]) <= TOLERANCE for h in others):
        return False  # level on the score: the lead is the tie-break's, said otherwise
    if figures["margin"] is None:
        steps = facts.ach.hypotheses["steps_to_lead"]
        return all(standing._missing(steps[h]) for h in others)
    challengers = tuple(
        h
        for h in others
        if not standing._missing(facts.ach.hypotheses.at[h, "steps_to_lead"])
        and int(facts.ach.hypotheses.at[h, "steps_to_lead"]) == figures["margin"]
    )
    said = {"margin": figures["margin"], "challengers": challengers}
    return set(figures["challengers"]) == set(challengers) and standing._margin(facts, said)


def _on_tiebreak(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """As the bottom line's tie-break lead, and the level hypotheses named are all of them."""
    weighted, _, ranked = _scores(facts)
    leader = figures["leader"]
    level = {h for h in ranked if h != leader and abs(weighted[h] - weighted[leader]) <= TOLERANCE}
    return standing._leader_on_tiebreak(facts, figures) and set(figures["level"]) == level


def _linchpins(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Exactly the diagnostic items whose removal alone changes the standing (who leads, or
    whether the lead rests on the tie-break)."""
    case = facts.case
    now = _standing(case)
    found = []
    for item in case.evidence:
        if not _diagnostic(facts, item.id):
            continue
        rest = case.model_copy(update={"evidence": [e for e in case.evidence if e.id != item.id]})
        if _standing(rest) != now:
            found.append(item.id)
    return bool(found) and sorted(figures["items"]) == sorted(found)


def _rated_alike(facts: Facts, item: Any) -> bool:
    """Whether an item of the case is rated alike against every hypothesis: at least one cell
    given, and either every cell a code (NA and unrated counting as N) of one value on the scale
    CC 2 … II −2, or every cell the same probability. An item left unrated is not rated alike, nor
    is one whose probabilities differ or mix with codes (the Bayesian mode may tell the hypotheses
    apart by it)."""
    cells = [item.ratings.get(h.id) for h in facts.case.hypotheses]
    if all(c is None for c in cells):
        return False
    numbers = [standing._probability(c) for c in cells]
    if any(numbers):
        return all(numbers) and len({float(c) for c in cells}) == 1
    return len({scales.SCALE_VALUE.get(c, 0) for c in cells}) == 1


def _non_diagnostic(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Exactly the items rated alike against every hypothesis (``_rated_alike``)."""
    alike = tuple(e.id for e in facts.case.evidence if _rated_alike(facts, e))
    return bool(alike) and sorted(figures["items"]) == sorted(alike)


def _bayes_leader(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The leader's posterior is strictly the largest of the ranked ones ("of the rated
    hypotheses" said whenever some are unranked), nothing is told apart from it, another is
    rated, it is rated on at least half the items, and the figures cited are its own (the range
    across tables recomputed); the untested hypotheses at least as probable as the runner-up are
    named, as in the bottom line."""
    post = bayes._posterior(facts)
    ranked = bayes._ranked_bayes(facts)
    leader = figures["leader"]
    row = facts.bayes.hypotheses.loc[leader]
    unranked = set(post) - ranked
    return (
        leader in ranked
        and len(ranked) > 1
        and bayes._rated_on(facts, leader) is None
        and figures["rated_only"] == bool(unranked)
        and all(post[leader] > post[h] for h in ranked if h != leader)
        and not (bayes._contenders(facts, leader) if ranked - {leader} else set())
        and abs(post[leader] - figures["posterior"]) <= 1e-12
        and abs(bayes._share(facts, leader) - figures["wins"]) <= 1e-12
        and all(
            abs(a - b) <= 1e-9
            for a, b in zip(figures["range"], bayes._table_range(facts)[leader], strict=True)
        )
        and tuple(figures["interval"]) == (float(row["low"]), float(row["high"]))
        and bayes._close_said(facts, figures)
    )


def _advocacy(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The rating changes, when any are said, hold by devil's advocacy's own condition (one-step
    moves that put the challenger strictly ahead, in the steps said); so do the credibility
    changes, and when none are said no credibility change alone could do it. With no rating
    changes said, the leader and challenger are the matrix's sole leader and a ranked challenger
    (that no plan exists is the advocacy search's finding, not recomputed here)."""
    if figures["steps"] is not None and not advocacy._ratings(facts, figures):
        return False
    if figures["steps"] is None and not advocacy._pair(facts, figures):
        return False
    if figures["credibility_steps"] is None:
        return advocacy._no_credibility(facts, figures)
    moved = {
        **figures,
        "steps": figures["credibility_steps"],
        "moves": figures["credibility_moves"],
    }
    return advocacy._credibility(facts, moved)


def _index_tie(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """As ``bayes.tie``: the ranked hypotheses with the largest posterior are exactly those
    named, more than one, at the posterior cited; the caution names exactly the hypotheses rated
    against nothing with a larger posterior."""
    post = bayes._posterior(facts)
    tied = bayes.tied_first(facts)
    return (
        len(tied) > 1
        and tied == set(figures["leaders"])
        and abs(max(post[h] for h in tied) - figures["posterior"]) <= 1e-12
        and set(figures["above"]) == bayes.larger_unrated(facts)
    )


def _index_near_tie(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The first named has strictly the largest posterior and the others are exactly those not
    told apart from it, at the posteriors cited."""
    post = bayes._posterior(facts)
    ranked = bayes._ranked_bayes(facts)
    leader, *near = figures["front"]
    return (
        bool(near)
        and all(post[leader] > post[h] for h in ranked if h != leader)
        and set(near) == bayes._contenders(facts, leader)
        and all(abs(post[h] - p) <= 1e-12 for h, p in figures["posteriors"].items())
        and set(figures["above"]) == bayes.larger_unrated(facts)
    )


def _index_leader(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The leader's posterior is strictly the largest of the ranked ones and told apart from the
    rest; its words span the bands of its posteriors under the four likelihood tables (none when
    it is the only hypothesis ranked, or rated on fewer than half the items); the hypotheses named
    in the caution are exactly those rated against nothing with a larger posterior."""
    from sat.language import span
    from sat.report.claims.likelihood import ONLY_RATED

    post = bayes._posterior(facts)
    ranked = bayes._ranked_bayes(facts)
    leader = figures["leader"]
    low, high = figures["range"]
    row = facts.bayes.hypotheses.loc[leader]
    rated = bayes._rated_on(facts, leader)
    words = (
        ONLY_RATED  # its posterior compares it only with untested hypotheses
        if ranked == {leader}
        else str(span(low, high))
        if rated is None
        else f"no words: rated on only {rated[0]} of {rated[1]} items"
    )
    return (
        leader in ranked
        and all(post[leader] > post[h] * (1 + 1e-9) for h in ranked if h != leader)
        and not (bayes._contenders(facts, leader) if ranked - {leader} else set())
        and figures["words"] == words
        and abs(post[leader] - figures["posterior"]) <= 1e-12
        and (low, high) == (float(row["posterior_low"]), float(row["posterior_high"]))
        and set(figures["above"])
        == {h for h in post if h not in ranked and post[h] > post[leader] * (1 + 1e-9)}
    )


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "summary.none_ranked": standing._none_ranked,
    "summary.tie": standing._tie,
    "summary.leader_alone": standing._leader_alone,
    "summary.on_tiebreak": _on_tiebreak,
    "summary.leader": _leader,
    "summary.unranked": standing._unranked,
    "summary.linchpins": _linchpins,
    "summary.non_diagnostic": _non_diagnostic,
    "summary.bayes_leader": _bayes_leader,
    "summary.advocacy": _advocacy,
    "index.tie": _index_tie,
    "index.near_tie": _index_near_tie,
    "index.leader": _index_leader,
}
