"""When each claim of a brief may be said: one predicate per claim kind (SAT-REFERENCE section 10).

``CONDITIONS[kind](facts, figures)`` is true when a claim of that kind, citing
``figures``, is true of the analysis. The predicates are written from the rules
and recompute what they need from the scores themselves (the ratings, the
weighted inconsistency, the posteriors), not from the flags the claims were
built from, so that a property test asserting them over generated cases can
find the situation where a sentence and its numbers part ways.

Examples
--------
>>> import sat
>>> from sat.paths import EXAMPLE_CASE
>>> from sat.report.claims import standing_claims
>>> facts = Facts.of(sat.analyse(sat.load_case(EXAMPLE_CASE)))
>>> all(holds(c, facts) for c in standing_claims(facts.case, facts.ach))
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

from sat import scales
from sat.case import Case
from sat.techniques.ach import ACHResult
from sat.techniques.bayes import BayesResult

__all__ = ["CONDITIONS", "Facts", "holds"]

TOLERANCE = 1e-9
_VALUE = {"I": 1.0, "II": 2.0}


@dataclass(frozen=True)
class Facts:
    """The results a claim may speak of."""

    case: Case
    ach: ACHResult
    bayes: BayesResult | None = None
    confidence: Any = None
    bias: Any = None

    @classmethod
    def of(cls, analysis: Any) -> Facts:
        """From a ``sat.Analysis`` (a result left out when it cannot run)."""
        return cls(
            analysis.case,
            analysis.ach,
            analysis.optional("bayes"),
            analysis.optional("confidence"),
            analysis.optional("bias"),
        )


def _scores(facts: Facts) -> tuple[dict[str, float], dict[str, int], set[str]]:
    """Weighted inconsistency, consistency and the ranked set, from the ratings themselves."""
    codes = facts.ach.ratings
    weight = facts.ach.evidence["weight"].reindex(codes.index).to_numpy(dtype=float)
    weighted = {h: float(_points(codes[h], _VALUE) @ weight) for h in codes}
    consistency = {h: int(_points(codes[h], scales.CONSISTENCY_POINTS).sum()) for h in codes}
    ranked = {h for h in codes if codes[h].isin(scales.RATING_LADDER).any()}
    return weighted, consistency, ranked


def _points(column: Any, table: Mapping[str, float]) -> np.ndarray:
    return np.array([float(table.get(c, 0)) for c in column], dtype=float)


def _first(weighted: Mapping[str, float], consistency: Mapping[str, int], ranked: set[str]):
    if not ranked:
        return ()
    low = min(weighted[h] for h in ranked)
    best = [h for h in ranked if weighted[h] <= low + TOLERANCE]
    top = max(consistency[h] for h in best)
    return tuple(h for h in weighted if h in best and consistency[h] == top)


def _standing(case: Case) -> tuple[tuple[str, ...], bool]:
    """Who leads and whether the single lead rests on the tie-break, scored from scratch."""
    from sat.analysis import analyse

    facts = Facts(case, analyse(case).ach)
    weighted, consistency, ranked = _scores(facts)
    first = _first(weighted, consistency, ranked)
    tiebreak = len(first) == 1 and any(
        abs(weighted[h] - weighted[first[0]]) <= TOLERANCE for h in ranked if h != first[0]
    )
    return first, tiebreak


def _diagnostic(facts: Facts, item: str) -> bool:
    row = facts.ach.ratings.loc[item]
    values = {scales.SCALE_VALUE.get(c, 0) for c in row}  # unrated and P count as NA (0)
    return len(values) > 1


def _leads(facts: Facts, figures: Mapping[str, Any]) -> bool:
    weighted, consistency, ranked = _scores(facts)
    first = _first(weighted, consistency, ranked)
    leader = figures["leader"]
    return first == (leader,) and abs(weighted[leader] - figures["score"]) <= 1e-6


def _none_ranked(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return not _scores(facts)[2]


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
    _, _, ranked = _scores(facts)
    unranked = {h for h in facts.ach.ratings if h not in ranked}
    return bool(unranked) and set(figures["unranked"]) == unranked


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
    """Every move re-judges an item rated differently for the leader and the challenger, and
    together they put the challenger strictly ahead of the leader on weighted inconsistency."""
    original = facts.ach.ratings
    codes = original.copy()
    leader, challenger = facts.ach.sole, figures["challenger"]
    for item, h, before, after in figures["moves"]:
        apart = scales.SCALE_VALUE.get(original.at[item, leader], 0) != scales.SCALE_VALUE.get(
            original.at[item, challenger], 0
        )
        if not apart or codes.at[item, h] != before:  # only items that tell the two apart
            return False
        codes.at[item, h] = after
    weight = facts.ach.evidence["weight"].reindex(codes.index).to_numpy(dtype=float)
    score = {h: float(_points(codes[h], _VALUE) @ weight) for h in codes}
    leader = facts.ach.sole
    ladder = scales.RATING_LADDER
    steps = sum(abs(ladder.index(b) - ladder.index(a)) for _, _, a, b in figures["moves"])
    others = (facts.ach.runner_up, *facts.ach.closest_challengers)
    cheapest = all(  # no other candidate named beside it is overturned in fewer changes
        (plan := facts.ach.overturn_plan(h)).empty or int(plan["steps"].sum()) >= steps
        for h in others
        if h is not None
    )
    return (
        leader is not None and score[figures["challenger"]] < score[leader] - TOLERANCE and cheapest
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


# --- the Bayesian mode ---------------------------------------------------------------------------


def _posterior(facts: Facts) -> dict[str, float]:
    return facts.bayes.hypotheses["posterior"].to_dict()


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

    one_band = (
        words(float(row["posterior_low"])).likelihood
        == words(float(row["posterior_high"])).likelihood
    )
    said_one = figures["likelihood"] in {b[0] for b in _bands()}
    runner = figures["runner_up"]
    others = [post[h] for h in ranked if h != leader]
    runner_right = (
        runner in ranked
        and abs(post[runner] - max(others)) <= 1e-12
        and abs(post[runner] - figures["runner_posterior"]) <= 1e-9
    )
    band = words(float(row["posterior"]))
    beyond = one_band and (float(row["low"]) < band.lower or float(row["high"]) > band.upper)
    drivers = facts.bayes.drivers
    only = drivers.consistent > 0 and drivers.against <= 0 and drivers.explicit <= 0
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
    )


def _evidence_only_said(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The evidence-only posterior (equal priors, recomputed) is cited exactly when the stated
    priors differ and it lies outside the bands the likelihood words cover."""
    from sat.language import words

    priors = facts.bayes.hypotheses["prior"].to_numpy(dtype=float)
    if float(priors.max() - priors.min()) <= 1e-12:
        return figures["evidence_only"] is None
    equal = float(_flat_posterior(facts)[figures["leader"]])
    inside = words(figures["low"]).lower <= equal <= words(figures["high"]).upper
    said = figures["evidence_only"]
    return (said is None) == inside and (said is None or abs(said - equal) <= 1e-9)


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
    )


def _only_rated(facts: Facts, figures: Mapping[str, Any]) -> bool:
    return _ranked_bayes(facts) == {figures["leader"]}


def _contenders(facts: Facts, leader: str) -> set[str]:
    """The ranked hypotheses not told apart from ``leader``: every one with a posterior at least
    that of any with a posterior within ``NEAR`` of its or first in at least as large a share of
    the simulations."""
    from sat.techniques.bayes import NEAR

    post = _posterior(facts)
    others = _ranked_bayes(facts) - {leader}
    close = [
        post[h]
        for h in others
        if post[leader] - post[h] < NEAR or _share(facts, h) >= _share(facts, leader)
    ]
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


def _bayes_tie(facts: Facts, figures: Mapping[str, Any]) -> bool:
    post = _posterior(facts)
    ranked = _ranked_bayes(facts)
    top = max(post[h] for h in ranked)
    tied = {h for h in ranked if abs(post[h] - top) <= 1e-9 * max(top, 1e-300)}
    return len(tied) > 1 and tied == set(figures["leaders"])


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
    """At least SURVIVES of the simulations; "not equal priors" only when equal priors
    unseat the leader."""
    from sat.report.claims import SURVIVES

    on_prior = figures["leader"] not in _equal_prior_first(facts)
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
    front = first if len(first) > 1 else first | _contenders(facts, next(iter(first)))
    return (
        len(front) > 1
        and set(figures["shares"]) == front
        and all(abs(_share(facts, h) - s) <= 1e-12 for h, s in figures["shares"].items())
    )


# --- what drives the lead ------------------------------------------------------------------------


def _split(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The parts add up to the posterior log odds of leader over runner-up, and the prior's part
    is the log prior ratio."""
    hyp = facts.bayes.hypotheses
    leader, runner = figures["leader"], figures["runner_up"]
    odds = float(np.log(hyp.at[leader, "posterior"]) - np.log(hyp.at[runner, "posterior"]))
    prior = float(np.log(hyp.at[leader, "prior"]) - np.log(hyp.at[runner, "prior"]))
    parts = sum(figures[k] for k in ("prior", "consistent", "against", "explicit"))
    return (
        not _contenders(facts, leader)  # a near tie has no lead to explain
        and abs(parts - odds) <= 1e-6 * max(1.0, abs(odds))
        and abs(prior - figures["prior"]) <= 1e-9
    )


def _carries_most(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """More than half of what favours the leader (all of it when the sentence says all)."""
    drivers = facts.bayes.drivers
    parts = {k: getattr(drivers, k) for k in ("prior", "consistent", "against", "explicit")}
    pushing = sum(v for v in parts.values() if v > 0)
    alone = all(v <= 0 for k, v in parts.items() if k != figures["part"])
    return parts[figures["part"]] > pushing / 2 > 0 and (alone or not figures["all"])


def _flat_posterior(facts: Facts) -> Any:
    """The posteriors of a copy of the case without priors (all equal)."""
    from sat.techniques import bayes

    case = facts.case
    flat = case.model_copy(
        update={"hypotheses": [h.model_copy(update={"prior": None}) for h in case.hypotheses]}
    )
    return bayes.point(flat)


def _equal_prior_first(facts: Facts) -> set[str]:
    """Who is the most probable with every prior equal, from a copy of the case without priors."""
    post = _flat_posterior(facts)
    ranked = _ranked_bayes(facts)
    top = max(post[h] for h in ranked)
    return {h for h in ranked if post[h] >= top * (1 - 1e-9)}


def _equal_priors(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Said only when the stated priors are not already equal; who leads then is recomputed."""
    priors = facts.bayes.hypotheses["prior"].to_numpy(dtype=float)
    share = float(facts.bayes.drivers.equal_prior_share)
    return (
        float(priors.max() - priors.min()) > 1e-12
        and _equal_prior_first(facts) == set(figures["equal_leaders"])
        and abs(share - figures["share"]) <= 1e-12
    )


# --- where the analysts disagree ------------------------------------------------------------------


def _dissent(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """At least two readings (the analysts' and their votes' median) lead differently, and each
    analyst's own reading (their votes where they voted, the case's ratings elsewhere) leads as
    said, recomputed from the case."""
    groups = figures["groups"]
    if len({frozenset(g) for g in (*groups, figures["median"])}) < 2:
        return False
    case = facts.case
    for leader, who in groups.items():
        for name in who:
            if name == "consensus":
                continue
            evidence = [
                e.model_copy(update={"ratings": {**e.ratings, **e.analyst_ratings.get(name, {})}})
                for e in case.evidence
            ]
            first, _ = _standing(case.model_copy(update={"evidence": evidence}))
            if set(first) != set(leader):
                return False
    return True


# --- confidence ----------------------------------------------------------------------------------


def _must_be_low(facts: Facts) -> bool:
    """The grounds recomputed from the case: no single leader, nothing to lead over, no source,
    or every sourced item from one independence group (SAT-REFERENCE section 10)."""
    from sat.techniques.quality import independence_groups

    weighted, consistency, ranked = _scores(facts)
    first = _first(weighted, consistency, ranked)
    groups = independence_groups(facts.case.sources)
    cited = {
        groups[s]
        for e in facts.case.evidence
        if e.type != "assumption"
        for s in e.sources
        if s in groups
    }
    return len(first) != 1 or ranked == set(first) or len(cited) <= 1


def _no_judgement(facts: Facts, figures: Mapping[str, Any]) -> bool:
    weighted, consistency, ranked = _scores(facts)
    first = _first(weighted, consistency, ranked)
    return figures["level"] == "low" and (len(first) != 1 or ranked == set(first))


def _level(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The level follows the rule from the factors' points, the grounds and the limits."""
    c = facts.confidence
    points = [f.points for f in c.factors]
    score, short = sum(p or 0 for p in points), sum(not p for p in points)
    if c.grounds or short > 1 or score < 4 or _must_be_low(facts):
        expected = "low"
    elif score >= 8 and not short and not c.limits:
        expected = "high"
    else:
        expected = "moderate"
    return figures["level"] == c.level == expected and not _no_judgement(facts, figures)


def _shown(c: Any) -> list[Any]:
    return [f for f in c.factors if f.detail not in c.grounds and not c._implied(f)]


def _lowers(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Every ground, factor at zero or missing, and limit, each once, and nothing else."""
    c = facts.confidence
    expected = (
        *c.grounds,
        *(f.detail for f in _shown(c) if not f.points),
        *c.limits,
    )
    listed = tuple(figures["listed"])
    return listed == expected and len(set(listed)) == len(listed)


def _with_points(points: int) -> Callable[[Facts, Mapping[str, Any]], bool]:
    def condition(facts: Facts, figures: Mapping[str, Any]) -> bool:
        shown = {f.detail: f.points for f in _shown(facts.confidence)}
        expected = [d for d, p in shown.items() if p == points]
        return bool(figures["listed"]) and list(figures["listed"]) == expected

    condition.__doc__ = f"Exactly the factors scoring {points} point(s)."
    return condition


def _not_checked(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The bias checks named are those the bias stress test could not run."""
    names = tuple(name.replace("_", " ") for name, _ in facts.bias.not_checked)
    return bool(names) and tuple(figures["listed"]) == names


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
    "bayes.none_ranked": _bayes_none,
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
    "consensus.dissent": _dissent,
    "confidence.no_judgement": _no_judgement,
    "confidence.level": _level,
    "confidence.lowers": _lowers,
    "confidence.limits": _with_points(1),
    "confidence.supports": _with_points(2),
    "confidence.not_checked": _not_checked,
}


def holds(claim: Any, facts: Facts) -> bool:
    """Whether a claim's condition holds (a claim of unknown kind never does)."""
    condition = CONDITIONS.get(claim.kind)
    return condition is not None and bool(condition(facts, claim.figures))
