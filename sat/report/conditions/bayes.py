"""Conditions of the Bayesian mode's sentences: likelihood, near ties, robustness and what
drives the lead."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sat.report.conditions import _posterior as reference
from sat.report.conditions._facts import Facts, _first, _scores, memo

# --- the Bayesian mode ---------------------------------------------------------------------------


def _posterior(facts: Facts) -> dict[str, float]:
    """The point posteriors, recomputed from the case cell by cell (``_posterior``), never read
    from the result the sentence was built from."""
    return memo(facts, "posterior", lambda: reference.posterior(facts.case))


def _priors(facts: Facts) -> dict[str, float]:
    """The priors as the case states them (equal when none is given)."""
    from sat.case import prior_probabilities

    ids = [h.id for h in facts.case.hypotheses]
    return dict(zip(ids, prior_probabilities(facts.case.hypotheses), strict=True))


def _table_range(facts: Facts) -> dict[str, tuple[float, float]]:
    """Each hypothesis's posterior range across the likelihood tables, recomputed."""
    return memo(facts, "posterior_range", lambda: reference.posterior_range(facts.case))


def _ranked_bayes(facts: Facts) -> set[str]:
    return _scores(facts)[2] | _probability_rated(facts)


def _probability_rated(facts: Facts) -> set[str]:
    codes = facts.ach.ratings
    return {h for h in codes if (codes[h] == "P").any()}


def _most_probable(facts: Facts, figures: Mapping[str, Any]) -> bool:
    post = _posterior(facts)
    ranked = _ranked_bayes(facts)
    leader = figures["leader"]
    row = facts.bayes.hypotheses.loc[leader]
    from sat.language import words

    table_low, table_high = _table_range(facts)[leader]
    one_band = words(table_low).likelihood == words(table_high).likelihood
    said_one = figures["likelihood"] in {b[0] for b in _bands()}
    runner = figures["runner_up"]
    others = [post[h] for h in ranked if h != leader]
    runner_right = (
        runner in ranked
        and abs(post[runner] - max(others)) <= 1e-12
        and abs(post[runner] - figures["runner_posterior"]) <= 1e-9
    )
    band = words(post[leader])
    beyond = one_band and (float(row["low"]) < band.lower or float(row["high"]) > band.upper)
    favouring = _favouring(facts)
    only = (
        favouring is not None
        and favouring["consistent"] > 0
        and favouring["against"] <= 0
        and favouring["explicit"] <= 0
    )
    return (
        leader in ranked
        and all(post[leader] > post[h] * (1 + 1e-9) for h in ranked if h != leader)
        and not _contenders(facts, leader)
        and _rated_on(facts, leader) is None
        and abs(post[leader] - figures["posterior"]) <= 1e-9
        and (one_band or not said_one)
        and runner_right
        and figures["beyond"] == beyond
        and figures["only_consistent"] == only
        and _evidence_only_said(facts, figures)
        and set(figures["next"])
        == {h for h in ranked if h != leader and f"{post[h]:.2f}" == f"{post[runner]:.2f}"}
        and _close_said(facts, figures)
    )


def _close_said(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The hypotheses named as rated against nothing beside the runner-up are exactly those whose
    posterior (recomputed) is at least the runner-up's and not larger than the leader's, at the
    posteriors cited: an untested hypothesis that close is never left out of "the next"."""
    post = _posterior(facts)
    ranked = _ranked_bayes(facts)
    leader, runner = figures["leader"], figures["runner_up"]
    if runner not in post:
        return False
    close = {
        h
        for h in post
        if h not in ranked and post[runner] * (1 - 1e-9) <= post[h] <= post[leader] * (1 + 1e-9)
    }
    said = figures["unrated_close"]
    return set(said) == close and all(abs(post[h] - p) <= 1e-9 for h, p in said.items())


def _evidence_only_said(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The evidence-only posterior (equal priors, recomputed) is cited exactly when the stated
    priors differ and it lies outside the bands the likelihood words cover, or equal priors do
    not leave the leader the sole first."""
    from sat.language import words

    priors = np.array(list(_priors(facts).values()), dtype=float)
    if float(priors.max() - priors.min()) <= 1e-12:
        return figures["evidence_only"] is None
    equal = float(_flat_posterior(facts)[figures["leader"]])
    inside = words(figures["low"]).lower <= equal <= words(figures["high"]).upper
    first = _equal_prior_first(facts) == {figures["leader"]}  # the sole first, not in a tie
    said = figures["evidence_only"]
    if (said is None) != (inside and first):
        return False
    if said is None:
        return figures["evidence_range"] is None
    low, high = _flat_range(facts, figures["leader"])
    said_low, said_high = figures["evidence_range"]
    return (
        abs(said - equal) <= 1e-9
        and abs(said_low - low) <= 1e-9
        and abs(said_high - high) <= 1e-9
        and low - 1e-12 <= equal <= high + 1e-12
    )


def _flat_range(facts: Facts, h: str) -> tuple[float, float]:
    """A hypothesis's lowest and highest posterior with every prior equal, across the family of
    likelihood tables (each recomputed from the case)."""
    return memo(facts, "flat_range", lambda: reference.posterior_range(_flat(facts.case)))[h]


def _flat(case: Any) -> Any:
    """A copy of the case without priors (all equal)."""
    return case.model_copy(
        update={"hypotheses": [x.model_copy(update={"prior": None}) for x in case.hypotheses]}
    )


def _rated_on(facts: Facts, h: str) -> tuple[int, int] | None:
    """``(rated, items)`` when ``h`` has a rating on fewer than half the items, else None."""
    n = len(facts.case.evidence)
    unrated = int((facts.ach.ratings[h] == "").sum()) if h in facts.ach.ratings else 0
    return (n - unrated, n) if unrated * 2 > n else None


def _untested_leader(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The leader's posterior is strictly the largest and told apart from every other, the
    runner-up is as cited, and the leader is rated on fewer than half the items."""
    post = _posterior(facts)
    ranked = _ranked_bayes(facts)
    leader, runner = figures["leader"], figures["runner_up"]
    others = [post[h] for h in ranked if h != leader]
    return (
        bool(others)
        and all(post[leader] > p * (1 + 1e-9) for p in others)
        and not _contenders(facts, leader)
        and runner in ranked
        and abs(post[runner] - max(others)) <= 1e-12
        and _rated_on(facts, leader) == (figures["rated"], figures["items"])
        and _close_said(facts, figures)
    )


def _only_rated(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return _ranked_bayes(facts) == {figures["leader"]}


def _contenders(facts: Facts, *leaders: str) -> set[str]:
    """The ranked hypotheses not told apart from the ``leaders``: every one with a posterior at
    least that of any with a posterior within ``NEAR`` of the largest or first in at least as
    large a share of the simulations as a leader."""
    from sat.techniques.bayes import NEAR

    post = _posterior(facts)
    others = _ranked_bayes(facts) - set(leaders)
    top = max(post[h] for h in leaders)
    least = min(_share(facts, h) for h in leaders)
    close = [post[h] for h in others if top - post[h] < NEAR or _share(facts, h) >= least]
    return {h for h in others if close and post[h] >= min(close)}


def _near_tie(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The leader's posterior is strictly the largest, the named are exactly the hypotheses not
    told apart from it (at least one), and the posteriors and shares cited are theirs."""
    post = _posterior(facts)
    ranked = _ranked_bayes(facts)
    leader = figures["leader"]
    near = _contenders(facts, leader)
    front = {leader, *near}
    return (
        bool(near)
        and near == set(figures["near"])
        and all(post[leader] > post[h] for h in ranked if h != leader)
        and set(figures["posteriors"]) == front == set(figures["shares"])
        and all(abs(post[h] - p) <= 1e-12 for h, p in figures["posteriors"].items())
        and all(abs(_share(facts, h) - p) <= 1e-12 for h, p in figures["shares"].items())
    )


def _unrated_above(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Each named hypothesis is rated against nothing and has a larger posterior than every
    ranked one."""
    post = _posterior(facts)
    ranked = _ranked_bayes(facts)
    top = max(post[h] for h in ranked)
    return (
        bool(figures["above"])
        and abs(top - figures["top"]) <= 1e-12
        and all(h not in ranked and post[h] > top for h in figures["above"])
    )


def _bands():
    from sat.language import ICD203

    return ICD203


def tied_first(facts: Facts) -> set[str]:
    """The ranked hypotheses sharing the largest posterior (within 1e-9 of it, relatively);
    none when nothing is ranked."""
    post = _posterior(facts)
    ranked = _ranked_bayes(facts)
    if not ranked:
        return set()
    top = max(post[h] for h in ranked)
    return {h for h in ranked if abs(post[h] - top) <= 1e-9 * max(top, 1e-300)}


def larger_unrated(facts: Facts) -> set[str]:
    """The hypotheses rated against nothing whose posterior is larger than every ranked one's."""
    post = _posterior(facts)
    ranked = _ranked_bayes(facts)
    top = max((post[h] for h in ranked), default=float("inf"))
    return {h for h in post if h not in ranked and post[h] > top * (1 + 1e-9)}


def _bayes_tie(facts: Facts, figures: Mapping[str, Any]) -> bool:
    post = _posterior(facts)
    ranked = _ranked_bayes(facts)
    tied = tied_first(facts)
    return (
        len(tied) > 1
        and tied == set(figures["leaders"])
        and set(figures["near"]) == (_contenders(facts, *tied) if ranked - tied else set())
        and all(abs(post[h] - p) <= 1e-12 for h, p in figures["posteriors"].items())
    )


def _assumptions_only(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Every item is of type assumption, and each hypothesis's posterior is its prior."""
    from sat.case import prior_probabilities

    post = _posterior(facts)
    prior = prior_probabilities(facts.case.hypotheses)
    evidence = facts.case.evidence
    return (
        len(evidence) == figures["items"] > 0
        and all(e.type == "assumption" for e in evidence)
        and bool(np.allclose(list(post.values()), prior, rtol=1e-9, atol=1e-12))
    )


def _bayes_none(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return not _ranked_bayes(facts)


def _disagree(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return set(figures["ach"]) != set(figures["bayes"]) and set(figures["ach"]) == set(
        facts.ach.leader
    )


def _conditional(facts: Facts, figures: Mapping[str, Any]) -> bool:
    residual = {h.id for h in facts.case.hypotheses if h.kind == "residual"}
    return set(figures["residual"]) == residual


def _share(facts: Facts, h: str) -> float:
    return float(facts.bayes.hypotheses.at[h, "p_most_likely"])


def _worst_case_is_its_own(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """A worst case (rating changes to bring a challenger level) is said only of the matrix's
    leader when it is the Bayesian leader too; and a single leader's robustness only when the
    Bayesian mode tells it apart from every other."""
    weighted, consistency, ranked = _scores(facts)
    alone = not _contenders(facts, figures["leader"])
    untested = _rated_on(facts, figures["leader"])
    said = figures.get("untested")
    return (
        alone
        and untested == (None if said is None else tuple(said))
        and (
            figures["margin"] is None
            or _first(weighted, consistency, ranked) == (figures["leader"],)
        )
    )


def _survives(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """At least SURVIVES of the simulations; "not equal priors" exactly when the stated priors
    differ and equal priors (recomputed) do not leave the leader the sole first: another ahead,
    or a tie or near tie that includes it, counts as unseating it."""
    from sat.report.claims import SURVIVES

    priors = np.array(list(_priors(facts).values()), dtype=float)
    on_prior = float(priors.max() - priors.min()) > 1e-12 and _equal_prior_first(facts) != {
        figures["leader"]
    }
    return (
        _share(facts, figures["leader"]) >= SURVIVES
        and figures["on_prior"] == on_prior
        and _worst_case_is_its_own(facts, figures)
    )


def _fragile(facts: Facts, figures: Mapping[str, Any]) -> bool:
    from sat.report.claims import MOST, SURVIVES

    return MOST <= _share(facts, figures["leader"]) < SURVIVES and _worst_case_is_its_own(
        facts, figures
    )


def _unseated(facts: Facts, figures: Mapping[str, Any]) -> bool:
    from sat.report.claims import MOST

    return _share(facts, figures["leader"]) < MOST and _worst_case_is_its_own(facts, figures)


def _robust_untested(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The leader is the only hypothesis the Bayesian mode ranks."""
    return _ranked_bayes(facts) == {figures["leader"]}


def _robust_tied(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The shares are those of exactly the hypotheses tied or not told apart at the top."""
    post = _posterior(facts)
    ranked = _ranked_bayes(facts)
    top = max(post[h] for h in ranked)
    first = {h for h in ranked if post[h] >= top * (1 - 1e-9)}
    front = first | _contenders(facts, *first)
    return (
        len(front) > 1
        and set(figures["shares"]) == front
        and all(abs(_share(facts, h) - s) <= 1e-12 for h, s in figures["shares"].items())
    )


# --- what drives the lead ------------------------------------------------------------------------


def _split(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The parts add up to the posterior log odds of leader over runner-up, and the prior's part
    is the log prior ratio."""
    post, priors = _posterior(facts), _priors(facts)
    leader, runner = figures["leader"], figures["runner_up"]
    odds = float(np.log(post[leader]) - np.log(post[runner]))
    prior = float(np.log(priors[leader]) - np.log(priors[runner]))
    parts = sum(figures[k] for k in ("prior", "consistent", "against", "explicit"))
    return (
        not _contenders(facts, leader)  # a near tie has no lead to explain
        and abs(parts - odds) <= 1e-6 * max(1.0, abs(odds))
        and abs(prior - figures["prior"]) <= 1e-9
    )


def _favouring(facts: Facts) -> dict[str, float] | None:
    """What favours the leader over the runner-up, by part: the log prior ratio (from the case's
    priors) when positive, and each item's own push for the leader, the positive part of its log
    likelihood ratio (the trace's ``llr``, whose sum with the prior must be the recomputed
    posterior log odds), the item put in its part from the case's cells (a probability for
    either: explicit; else I or II for either: against; else consistent). An item pushing for the
    runner-up offsets nothing. None when there is no lead to explain or the trace does not add up
    to the recomputed odds."""
    from sat.report.conditions.standing import _probability

    drivers = facts.bayes.drivers
    if drivers is None:
        return None
    leader, runner = drivers.leader, drivers.runner_up
    post, priors = _posterior(facts), _priors(facts)
    with np.errstate(divide="ignore"):
        prior = float(np.log(priors[leader]) - np.log(priors[runner]))
        odds = float(np.log(post[leader]) - np.log(post[runner]))
    llr = facts.bayes.trace["llr"].astype(float)
    if not (np.isfinite(odds) and np.isfinite(prior)) or abs(
        prior + float(llr.sum()) - odds
    ) > 1e-6 * max(1.0, abs(odds)):
        return None
    out = {"prior": max(prior, 0.0), "consistent": 0.0, "against": 0.0, "explicit": 0.0}
    for e in facts.case.evidence:
        cells = (e.ratings.get(leader), e.ratings.get(runner))
        part = (
            "explicit"
            if any(_probability(c) for c in cells)
            else "against"
            if any(c in ("I", "II") for c in cells)
            else "consistent"
        )
        out[part] += max(float(llr[e.id]), 0.0)
    return out


def _carries_most(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """More than half of what favours the leader (``_favouring``: the positive prior and each
    item's own push for it, none offset by an item for the runner-up); "all" exactly when no
    other part pushes for it at all."""
    favouring = _favouring(facts)
    if favouring is None:
        return False
    part = figures["part"]
    carried = sum(favouring.values())
    alone = all(v <= 0 for k, v in favouring.items() if k != part)
    return (
        favouring[part] > carried / 2 > 0
        and figures["all"] == alone
        and abs(favouring[part] - figures["value"]) <= 1e-9 * max(1.0, abs(favouring[part]))
    )


def _flat_posterior(facts: Facts) -> dict[str, float]:
    """The posteriors of a copy of the case without priors (all equal), recomputed."""
    return memo(facts, "flat_posterior", lambda: reference.posterior(_flat(facts.case)))


def _equal_prior_first(facts: Facts) -> set[str]:
    """Who leads with every prior equal, from a copy of the case without priors: the leader or
    the tied, and those not told apart from them (posterior within ``NEAR`` of theirs, or first in
    at least as large a share of the equal-prior simulations as one of them, and every one
    between)."""
    from sat.techniques.bayes import NEAR

    post = _flat_posterior(facts)
    ranked = _ranked_bayes(facts)
    top = max(post[h] for h in ranked)
    first = {h for h in ranked if post[h] >= top * (1 - 1e-9)}
    shares = facts.bayes.drivers.equal_prior_shares
    least = min(shares.get(h, 0.0) for h in first)
    close = [post[h] for h in ranked - first if top - post[h] < NEAR or shares.get(h, 0.0) >= least]
    return first | {h for h in ranked if close and post[h] >= min(close)}


def _equal_priors(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Said only when the stated priors are not already equal; who leads then is recomputed."""
    priors = np.array(list(_priors(facts).values()), dtype=float)
    share = float(facts.bayes.drivers.equal_prior_share)
    return (
        float(priors.max() - priors.min()) > 1e-12
        and _equal_prior_first(facts) == set(figures["equal_leaders"])
        and abs(share - figures["share"]) <= 1e-12
    )


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "bayes.none_ranked": _bayes_none,
    "bayes.assumptions_only": _assumptions_only,
    "bayes.tie": _bayes_tie,
    "bayes.most_probable": _most_probable,
    "bayes.unrated_above": _unrated_above,
    "bayes.only_rated": _only_rated,
    "bayes.untested_leader": _untested_leader,
    "bayes.near_tie": _near_tie,
    "bayes.disagree": _disagree,
    "bayes.conditional": _conditional,
    "robustness.survives": _survives,
    "robustness.fragile": _fragile,
    "robustness.unseated": _unseated,
    "robustness.tied": _robust_tied,
    "robustness.untested": _robust_untested,
    "drivers.split": _split,
    "drivers.prior": _carries_most,
    "drivers.consistent": _carries_most,
    "drivers.equal_priors": _equal_priors,
}
