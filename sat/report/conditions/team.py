"""Conditions of the judgement sentences of ``sat collect``, ``sat consensus``, ``sat estimates``
and ``sat calibration`` (the claims are in ``sat.report.claims.team``).

Each recomputes what its sentence says from the case: who leads on the posterior and who would
lead once an indicator is seen; each analyst's reading and the median of the votes, with the
hypotheses level with a leader on weighted inconsistency, and the cells in dispute; each analyst's
set made coherent, whose numbers each pool holds, the pool against the posterior and the ratings
to re-examine.

Calibration works on a register, not a case: its conditions read the register's forecasts
(``Facts.register``, from ``Facts.of_register``), count the resolved judgements and their
outcomes afresh, and check that the slope said is the maximum likelihood fit to them (nothing
left to gain there) with the standard error said, before reading it by the stated rule.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

import numpy as np

from sat import scales
from sat.case import Case
from sat.report.conditions import bayes
from sat.report.conditions._facts import TOLERANCE, Facts, _first, _scores

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


def _collect_more(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The candidates listed and those said to be left out are, together and once each, the
    case's open indicators and its information gaps phrased as observations (recounted), one at
    least left out, and those named are the first of them (all when six or fewer)."""
    case = facts.case
    found = [i.id for i in case.indicators if i.status == "not observed"]
    found += [f"G{k}" for k, g in enumerate(case.information_gaps, 1) if g.observation is not None]
    listed, rest, named = (tuple(figures[k]) for k in ("listed", "rest", "named"))
    both = [*listed, *rest]
    return (
        bool(rest)
        and sorted(both) == sorted(found)
        and len(set(both)) == len(both)
        and named == rest[: len(named)]
        and (named == rest if len(rest) <= 6 else len(named) == 5)
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
    """The analyst voted, and their reading (their votes where they voted, the case's ratings
    elsewhere), scored afresh, leads as said; the cells said rated (a count, always given) are
    those they voted on (NA included)."""
    name, said = figures["analyst"], figures["cast"]
    case = facts.case
    hyps = {h.id for h in case.hypotheses}
    cast = sum(len(set(e.analyst_ratings.get(name, {})) & hyps) for e in case.evidence)
    voted = any(name in e.analyst_ratings for e in case.evidence)
    if not voted or isinstance(said, bool) or not isinstance(said, int):
        return False  # a reading is of an analyst who voted, and says how many cells they rated
    first, level = _first_and_level(_with(case, lambda e: e.analyst_ratings.get(name, {})))
    return set(first) == set(figures["leaders"]) and said == cast and _level_said(level, figures)


def _first_and_level(case: Case) -> tuple[tuple[str, ...], set[str]]:
    """Who leads the case scored afresh, and the ranked hypotheses level with a single leader on
    weighted inconsistency (its lead rests on the consistency tie-break)."""
    from sat.analysis import analyse

    weighted, consistency, ranked = _scores(Facts(case, analyse(case).ach))
    first = _first(weighted, consistency, ranked)
    if len(first) != 1:
        return first, set()
    lead = weighted[first[0]]
    return first, {h for h in ranked if h != first[0] and abs(weighted[h] - lead) <= TOLERANCE}


def _level_said(level: set[str], figures: Mapping[str, Any]) -> bool:
    """The hypotheses said level with the leader are exactly those level with it (each once)."""
    said = tuple(figures.get("level", ()))
    return set(said) == level and len(said) == len(level)


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

    first, level = _first_and_level(_with(facts.case, agreed))
    # the hypotheses level with a single leader, when said (``consensus.median`` always says
    # them; ``consensus.dissent`` asks only who leads)
    return set(first) == set(figures["leaders"]) and (
        "level" not in figures or _level_said(level, figures)
    )


def _cells_in_dispute(case: Case) -> tuple[int, int, int]:
    """The voted cells, those with more than one vote, and those whose votes differ, counted
    from the analysts' ratings."""
    hyps = [h.id for h in case.hypotheses]
    votes = [
        [r[h] for r in e.analyst_ratings.values() if h in r] for e in case.evidence for h in hyps
    ]
    voted = [v for v in votes if v]
    several = [v for v in voted if len(v) > 1]
    return len(voted), len(several), sum(len(set(v)) > 1 for v in several)


def _disputed(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The cells said voted, rated more than once and in dispute (the votes differ), recounted,
    one at least in dispute, and the number listed no more than those in dispute."""
    voted, several, disputed = _cells_in_dispute(facts.case)
    return (
        (figures["voted"], figures["several"], figures["disputed"]) == (voted, several, disputed)
        and disputed > 0
        and 0 < figures["shown"] <= disputed
    )


def _undisputed(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """No cell is in dispute: every cell rated more than once has the same votes (as many such
    cells as said, recounted)."""
    voted, several, disputed = _cells_in_dispute(facts.case)
    return (
        disputed == 0
        and voted > 0
        and (figures["voted"], figures["several"])
        == (
            voted,
            several,
        )
    )


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


def _events(coherent: bool) -> Callable[[Facts, Mapping[str, Any]], bool]:
    def condition(facts: Facts, figures: Mapping[str, Any]) -> bool:
        case, analyst = facts.case, figures["analyst"]
        if analyst not in case.estimates or not _partial(case, analyst):
            return False
        hyps = {h.id for h in case.hypotheses}
        others = {k for k in case.estimates[analyst] if k not in hyps}
        moved = _moved(case, analyst)  # a partial set's hypotheses are not made coherent
        return (
            bool(others)
            and set(figures["targets"]) == others
            and len(figures["targets"]) == len(others)
            and (moved < 0.005) == coherent
            and abs(moved - figures["moved"]) <= 1e-9
        )

    condition.__doc__ = (
        "The analyst's set of hypotheses is partial, the events and scenarios named are exactly "
        "the others they gave, and making those coherent (by the chain rule) moved them "
        + ("less than 0.005" if coherent else "0.005 or more")
        + " in all, as said."
    )
    return condition


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


def _complete(case: Case) -> tuple[str, ...]:
    """The analysts whose estimates give every hypothesis a probability, in the case's order."""
    hyps = [h.id for h in case.hypotheses]
    return tuple(a for a, given in case.estimates.items() if all(h in given for h in hyps))


def _agree(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The pooled estimate and the posterior, recomputed, are within 0.05 on every hypothesis;
    the analysts named are those pooled."""
    found = _differences(facts, figures)
    largest = max((abs(p - q) for p, q in found.values()), default=math.nan)
    return (
        bool(found)
        and largest < 0.05
        and abs(largest - figures["largest"]) <= 1e-9
        and tuple(figures.get("analysts", ())) == _complete(facts.case)
    )


def _pooled_value(case: Case, target: str, who: tuple[str, ...], figures: Mapping[str, Any]):
    """The pool (by the pool said) of the analysts' coherent numbers for one target, recomputed:
    their complete sets projected for a hypothesis, the chain rule for an event or scenario."""
    from sat.techniques.estimates import _coherent_events, pool, project_simplex

    hyps = [h.id for h in case.hypotheses]
    extremize = figures["extremize"] if figures["extremize"] is not None else 1.0
    if target in hyps:
        sets = [np.array([float(case.estimates[a][h]) for h in hyps]) for a in who]
        rows = [project_simplex(u) if case.exclusive else np.clip(u, 0, 1) for u in sets]
        pooled = pool(np.array(rows), figures["pool"], extremize, exclusive=case.exclusive)
        return float(pooled[hyps.index(target)])
    values = []
    for a in who:
        others = {k: float(v) for k, v in case.estimates[a].items() if k not in hyps}
        values.append(_coherent_events(case, others)[target])
    return float(pool(np.array(values)[:, None], figures["pool"], extremize, exclusive=False)[0])


def _pooled(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Each target said pooled is pooled from exactly the analysts named (for a hypothesis, those
    whose set gives every hypothesis a probability; for an event or scenario, those who gave
    it), at the value said, recomputed; one analyst named alone only when one gave it."""
    case = facts.case
    hyps = {h.id for h in case.hypotheses}
    who = tuple(figures["analysts"])
    if not who or set(figures["values"]) != set(figures["targets"]):
        return False
    for target in figures["targets"]:
        if target in hyps:
            expected = _complete(case)
        else:
            expected = tuple(a for a, given in case.estimates.items() if target in given)
        if expected != who:
            return False
        if abs(_pooled_value(case, target, who, figures) - figures["values"][target]) > 1e-9:
            return False
    return True


def _not_pooled(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Some analyst gave some of the hypotheses a probability, and none gave all of them."""
    case = facts.case
    gave = any(h.id in given for given in case.estimates.values() for h in case.hypotheses)
    return gave and not _complete(case)


def _reexamine(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The hypothesis named is one where the pool of the complete sets and the posterior,
    recomputed, differ most, by 0.05 or more, at the figures said, pooled from the analysts
    named; each item named is rated as said for it now, the rating said is one step from that
    towards the pool, and with it the hypothesis's posterior (recomputed) is as said and every
    hypothesis's posterior, in all, comes closer to the pool."""
    from sat.analysis import analyse

    case, h = facts.case, figures["hypothesis"]
    found = _differences(facts, figures)
    if not found or tuple(figures["analysts"]) != _complete(case):
        return False
    gap = {k: abs(p - q) for k, (p, q) in found.items()}
    pooled, post = found[h]
    if gap[h] < max(gap.values()) - 1e-9 or gap[h] < 0.05:
        return False
    if abs(pooled - figures["pooled"]) > 1e-9 or abs(post - figures["posterior"]) > 1e-12:
        return False
    hyps = [x.id for x in case.hypotheses]
    target = np.array([found[x][0] for x in hyps])
    before = float(np.abs(np.array([found[x][1] for x in hyps]) - target).sum())
    ladder = scales.RATING_LADDER
    step = -1 if pooled > post else 1  # towards CC when the pool is higher
    for said in figures["items"]:
        item = case.item(said["item"])
        now = item.ratings.get(h)
        if now != said["from"] or now not in ladder:
            return False
        k = ladder.index(now) + step
        if not 0 <= k < len(ladder) or ladder[k] != said["to"]:
            return False
        ratings = {**item.ratings, h: said["to"]}
        edited = case.model_copy(
            update={
                "evidence": tuple(
                    e.model_copy(update={"ratings": ratings}) if e.id == item.id else e
                    for e in case.evidence
                )
            }
        )
        after = analyse(edited).posterior_point.reindex(hyps).to_numpy(dtype=float)
        if abs(float(after[hyps.index(h)]) - said["posterior"]) > 1e-9:
            return False
        if float(np.abs(after - target).sum()) >= before - 1e-9:
            return False
    return bool(figures["items"])


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
        and tuple(figures.get("analysts", ())) == _complete(facts.case)
    )


# --- sat calibration ------------------------------------------------------------------------------


#: Forecasts are kept this far from 0 and 1 before their log odds are taken (the method's rule).
_EDGE = 1e-3


def _resolved(facts: Any) -> tuple[np.ndarray, np.ndarray] | None:
    """The resolved forecasts of the register the facts hold, and their outcomes (0 or 1)."""
    register = getattr(facts, "register", None)
    if register is None:
        return None
    done = [e for e in register if e.outcome is not None]
    forecasts = np.array([float(e.probability) for e in done], dtype=float)
    return forecasts, np.array([float(e.outcome) for e in done], dtype=float)


def _refit(facts: Any, a: float, b: float) -> float | None:
    """The standard error of the slope at (a, b) when (a, b) is the maximum likelihood fit of
    logit(p') = a + b logit(f) to the register's resolved judgements; else None.

    The log likelihood is strictly concave where a maximum exists (both outcomes, two forecasts
    at least, the two outcomes' forecasts overlapping: Albert and Anderson 1984), so (a, b) is
    the maximum exactly when nothing is left to gain there: Newton's decrement g' H^-1 g / 2 at
    (a, b), from the gradient g and the information H recomputed from the judgements, is below
    1e-10. The standard error is from the inverse of H (McCullagh and Nelder 1989, 4.4)."""
    found = _resolved(facts)
    if found is None or not (math.isfinite(a) and math.isfinite(b)):
        return None
    f, o = found
    f = np.clip(f, _EDGE, 1 - _EDGE)
    yes, no = f[o == 1], f[o == 0]
    if not (yes.size and no.size) or np.unique(f).size < 2:
        return None
    if no.max() <= yes.min() or yes.max() <= no.min():  # separated: no maximum exists
        return None
    x = np.column_stack([np.ones_like(f), np.log(f / (1 - f))])
    p = 1 / (1 + np.exp(-(x @ np.array([a, b]))))
    gradient = x.T @ (o - p)
    information = (x * (p * (1 - p))[:, None]).T @ x
    if float(gradient @ np.linalg.solve(information, gradient)) / 2 > 1e-10:
        return None
    return float(np.sqrt(np.linalg.inv(information)[1, 1]))


def _slope_reading(b: float, se: float) -> str:
    """The slope's reading by its interval of two standard errors: no discrimination when the
    interval reaches 0 (the forecasts tell nothing of what came true, so nothing of over- or
    under-confidence either), under-confident above 1, over-confident between 0 and 1, else
    unclear."""
    if b - 2 * se <= 0:
        return "no_skill"
    return "under" if b - 2 * se > 1 else "over" if b + 2 * se < 1 else "unclear"


def _slope(reading: str) -> Callable[[Facts, Mapping[str, Any]], bool]:
    def condition(facts: Any, figures: Mapping[str, Any]) -> bool:
        b, se = figures["b"], figures["se_b"]
        found = _refit(facts, figures["a"], b)
        if found is None or abs(found - se) > 1e-6 * max(found, 1e-9):
            return False
        if reading == "no_skill" and figures.get("reversed") != (b + 2 * found < 0):
            return False
        return _slope_reading(b, found) == reading and figures["n"] == len(_resolved(facts)[1])

    condition.__doc__ = (
        f"The slope said is the maximum likelihood fit to the register's resolved judgements, "
        f"refitted, with its standard error, and reads {reading} by the ± 2 s.e. rule."
    )
    return condition


def _fit_size(enough: bool) -> Callable[[Facts, Mapping[str, Any]], bool]:
    def condition(facts: Any, figures: Mapping[str, Any]) -> bool:
        found = _resolved(facts)
        if found is None:
            return False
        n, true = len(found[1]), int(found[1].sum())  # counted from the register
        if (figures["n"], figures["came_true"]) != (n, true):
            return False
        rule = n >= figures["min_fit"] and min(true, n - true) >= figures["min_each"]
        return (figures["min_fit"], figures["min_each"]) == (50, 10) and rule == enough

    condition.__doc__ = (
        "The register's resolved judgements, counted afresh, are those said, and number at "
        "least 50 with 10 of each outcome" + ("." if enough else ": not met.")
    )
    return condition


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "collect.leader": _collect_leader,
    "collect.near": _collect_near,
    "collect.tie": _collect_tie,
    "collect.unrated_above": _collect_above,
    "collect.none_ranked": _collect_none,
    "collect.more": _collect_more,
    "consensus.reading": _reading,
    "consensus.median": _median_reading,
    "consensus.disputed": _disputed,
    "consensus.undisputed": _undisputed,
    "estimates.coherent": _coherent,
    "estimates.made_coherent": _made_coherent,
    "estimates.incomplete": _incomplete,
    "estimates.events_coherent": _events(True),
    "estimates.events_made_coherent": _events(False),
    "estimates.agree": _agree,
    "estimates.differ": _differ,
    "estimates.pooled": _pooled,
    "estimates.not_pooled": _not_pooled,
    "estimates.reexamine": _reexamine,
    "calibration.under_confident": _slope("under"),
    "calibration.over_confident": _slope("over"),
    "calibration.unclear": _slope("unclear"),
    "calibration.no_skill": _slope("no_skill"),
    "calibration.enough": _fit_size(True),
    "calibration.too_few": _fit_size(False),
}
