"""The Bayesian mode's likelihood in words: ICD 203 only as firm as the family of tables allows,
ties and near ties, unrated hypotheses, what the probability is conditional on."""

from __future__ import annotations

from typing import Any

from sat.case import Case
from sat.language import percent, span
from sat.report.claims._base import Claim, _and, _is_are, _name, _num
from sat.techniques.ach import ACHResult
from sat.techniques.bayes import BayesResult


def _band_phrase(bayes: BayesResult, h: str) -> str:
    row = bayes.hypotheses.loc[h]
    return f"{row['likelihood']} ({row['range']})"


#: Why the only hypothesis rated has no words (and why it is first in every simulation).
ONLY_RATED = "no words: the only hypothesis rated, so first in every simulation for want of a rival"


def hypothesis_words(row: Any, items: int) -> str:
    """A row of ``BayesResult.hypotheses`` in words for a table: its ICD 203 words and range, or
    why it has none (rated against nothing, the only one rated, or rated against fewer than half
    of the ``items``)."""
    if row["unranked"]:
        return "no words: rated against nothing"
    if bool(row.get("only_rated", False)):
        return ONLY_RATED
    if row["likelihood"] is None:
        return f"no words: rated on only {items - int(row['unrated'])} of {items} items"
    return f"{row['likelihood']} ({row['range']})"


def likelihood_claims(case: Case, ach: ACHResult, bayes: BayesResult) -> list[Claim]:
    """The leading judgement's likelihood: ICD 203 words only as firm as the family of tables
    allows, what the probability is conditional on, and whether the two methods agree."""
    hyp = bayes.hypotheses
    leaders = tuple(bayes.leaders)
    n = int((~hyp["unranked"]).sum()) if "unranked" in hyp else len(hyp)
    claims: list[Claim] = []
    if not leaders:
        return [
            Claim(
                "bayes.none_ranked",
                "No hypothesis is rated, so the Bayesian mode ranks none of them: every posterior "
                "is its prior.",
                {},
            )
        ]
    if len(leaders) > 1:
        p = float(hyp.at[leaders[0], "posterior"])
        near = tuple(bayes.contenders)
        posts = {h: float(hyp.at[h, "posterior"]) for h in near}
        nor = (
            f", nor {_and([_name(case, h) for h in near])} from them ("
            + _and([f"{v:.4f}" for v in posts.values()])
            + f", first in {_and([percent(float(hyp.at[h, 'p_most_likely'])) for h in near])} of "
            "simulated errors in the ratings, table and priors"
            + (" respectively" if len(near) > 1 else "")
            + f", against {_and([percent(float(hyp.at[h, 'p_most_likely'])) for h in leaders])})"
            if near
            else ""
        )
        claims.append(
            Claim(
                "bayes.tie",
                f"The Bayesian mode does not separate {_and([_name(case, h) for h in leaders])}: "
                f"their posteriors are equal ({p:.4f} each){nor}, so none is the most probable.",
                {"leaders": leaders, "posterior": p, "near": near, "posteriors": posts},
            )
        )
    else:
        claims += _sole_likelihood(case, ach, bayes, n)
    claims += _unrated_above(case, bayes)
    if case.evidence and all(e.type == "assumption" for e in case.evidence):
        claims.append(
            Claim(
                "bayes.assumptions_only",
                "Every item in the matrix is an assumption, which the Bayesian mode weighs 0 (an "
                "assumption is not an observation), so its posteriors are the priors.",
                {"items": len(case.evidence)},
            )
        )
    near, front = bool(bayes.contenders), tuple(bayes.front)
    if (
        ach.leader
        and set(ach.leader) != set(front)
        and not (near and set(ach.leader) <= set(front))
    ):
        claims.append(
            Claim(
                "bayes.disagree",
                f"Note that the matrix {_matrix_standing(ach)}"
                + (
                    f", while the Bayesian mode ties {_and(list(leaders))}, so the two methods "
                    "tie different hypotheses."
                    if len(leaders) > 1 and ach.tied
                    else ", so the two methods disagree on the leader."
                ),
                {"ach": tuple(ach.leader), "bayes": front},
            )
        )
    residual = [h for h in case.hypotheses if h.kind == "residual"]
    if residual:
        names = ", ".join(f"{h.id} ({h.label})" for h in residual)
        claims.append(
            Claim(
                "bayes.conditional",
                f"The hypotheses listed include {names} for any answer not otherwise listed.",
                {"residual": tuple(h.id for h in residual)},
            )
        )
    else:
        claims.append(
            Claim(
                "bayes.conditional",
                "The probability assumes the answer is among the hypotheses listed.",
                {"residual": ()},
            )
        )
    return claims


def _digits(x: float) -> int:
    """Decimals that print ``x`` without rounding it onto an ICD 203 band edge, 0 or 1 it is
    not on (two where that holds)."""
    from sat.language import ICD203

    edges = {0.0, 1.0} | {lower for _, _, lower, _ in ICD203} | {upper for *_, upper in ICD203}
    for digits in (2, 3, 4, 6):
        if x in edges or float(f"{x:.{digits}f}") not in edges:
            return digits
    return 9


def _apart(values: list[float]) -> int:
    """Decimals (4 to 9) that print different values differently."""
    for digits in range(4, 10):
        shown = {f"{v:.{digits}f}" for v in values}
        if len(shown) == len(set(values)):
            return digits
    return 9


def _bound(x: float) -> str:
    """A probability to two decimals, or more where two would round it onto a band edge, 0 or 1
    it is not on."""
    return f"{x:.{_digits(x)}f}"


def _range(lo: float, hi: float) -> str:
    """Two probabilities as a range, both ends to the decimals the finer one needs."""
    digits = max(_digits(lo), _digits(hi))
    return f"{lo:.{digits}f}–{hi:.{digits}f}"


def _only_consistent(bayes: BayesResult) -> bool:
    """Whether, of the evidence, only items rated consistent against neutral favour the leader
    over the next: some such item pushes for it and no other item does (item by item, so an item
    against the runner-up is not hidden by one against the leader)."""
    drivers = getattr(bayes, "drivers", None)
    favouring = getattr(drivers, "favouring", None)
    if not favouring:
        return False
    return favouring["consistent"] > 0 and favouring["against"] <= 0 and favouring["explicit"] <= 0


def mostly_untested(case: Case, ach: ACHResult, h: str) -> tuple[int, int] | None:
    """``(rated, items)`` when ``h`` is rated against fewer than half of the case's items (its
    unrated cells count as neutral, so its posterior measures how little it has been tested),
    else None (``ACHResult.mostly_unrated``)."""
    unrated, n = ach.mostly_unrated(h), len(case.evidence)
    return (n - unrated, n) if unrated else None


def _sole_likelihood(case: Case, ach: ACHResult, bayes: BayesResult, n: int) -> list[Claim]:
    """One leader: the near tie, the lone rated hypothesis, the mostly untested leader, or the
    most probable with its words."""
    hyp = bayes.hypotheses
    leader = bayes.leaders[0]
    row = hyp.loc[leader]
    post, lo, hi = (float(row[k]) for k in ("posterior", "posterior_low", "posterior_high"))
    runner = bayes.runner_up
    runner_post = float(hyp.at[runner, "posterior"]) if runner is not None else None
    if runner is None:
        return [
            Claim(
                "bayes.only_rated",
                f"{_name(case, leader)} is the only hypothesis rated, so its posterior "
                f"({_num(post)}) compares it only with hypotheses not yet tested and is put in no "
                "words of likelihood.",
                {"leader": leader, "posterior": post},
            )
        ]
    near = tuple(bayes.contenders)
    if near:
        front = (leader, *near)
        posts = {h: float(hyp.at[h, "posterior"]) for h in front}
        shares = {h: float(hyp.at[h, "p_most_likely"]) for h in front}
        digits = _apart(list(posts.values()))
        return [
            Claim(
                "bayes.near_tie",
                f"The Bayesian mode barely separates {_and([_name(case, h) for h in front])}: "
                f"their posteriors are {_and([f'{p:.{digits}f}' for p in posts.values()])}, and they "
                f"come first in {_and([percent(s) for s in shares.values()])} of simulated "
                "errors in the ratings, table and priors"
                + (" respectively" if len(front) > 1 else "")
                + ", so none is called the most probable.",
                {"leader": leader, "near": near, "posteriors": posts, "shares": shares},
            )
        ]
    close = unrated_close(bayes, leader, runner)
    close_posts = {h: float(hyp.at[h, "posterior"]) for h in close}
    untested = mostly_untested(case, ach, leader)
    if untested is not None:
        return [
            Claim(
                "bayes.untested_leader",
                f"{_name(case, leader)} has the largest posterior ({_num(post)}; the next, "
                f"{runner}, has {_num(runner_post)}{_close_phrase(case, close_posts)}), but it is "
                f"rated against only {untested[0]} "
                f"of the {untested[1]} items and an unrated item counts as neutral, so its "
                "posterior says more about how little it has been tested than about the "
                "evidence; it is put in no words of likelihood until it is rated more fully.",
                {
                    "leader": leader,
                    "posterior": post,
                    "runner_up": runner,
                    "runner_posterior": runner_post,
                    "rated": untested[0],
                    "items": untested[1],
                    "unrated_close": close_posts,
                },
            )
        ]
    unranked = tuple(hyp.index[hyp["unranked"]]) if "unranked" in hyp else ()
    listed = "rated hypotheses" if unranked else "hypotheses listed"
    rank = (
        f"the most probable of the {n} {listed}"
        if n > 2
        else f"the more probable of the two {listed}"
    )
    stable = bayes.band_stable
    words = _band_phrase(bayes, leader)
    evidence_only = _on_priors(bayes, leader, lo, hi)
    depends = [
        *(["how the ratings are read"] if not stable else []),
        *(["the stated priors"] if evidence_only is not None else []),
    ]
    if depends:
        words += ", depending on " + " and on ".join(depends)
    words = f"though itself {words}" if hi < 0.45 else f"and {words}"
    low, high = float(row["low"]), float(row["high"])
    tables = f"{_range(lo, hi)} across plausible likelihood tables"
    if stable:
        from sat.language import words as in_words

        band = in_words(post)
        tables += ", all within the band"
        beyond = low < band.lower or high > band.upper
    else:
        beyond = False
    simulated = (
        f"{_range(low, high)} (5–95%) across simulated errors in the ratings, table and "
        "priors" + (", which reach beyond the band" if beyond else "")
    )
    caveat = (
        "; of the evidence, only items rated consistent against neutral favour it over the "
        "next, and they prove little"
        if _only_consistent(bayes)
        else ""
    )
    evidence_range = None
    if evidence_only is not None:  # words only as firm as the tables allow, as for the posterior
        evidence_range = bayes.drivers.equal_prior_range[leader]
        caveat += (
            f"; from the evidence alone, with equal priors, its posterior would be "
            f"{_bound(evidence_only)} ({_range(*evidence_range)} across the likelihood "
            f"tables): {span(*evidence_range)}"
        )
    ranked = hyp.index[~hyp["unranked"]] if "unranked" in hyp else hyp.index
    level = tuple(  # every hypothesis printed at the next one's posterior
        h
        for h in ranked
        if h != leader and _num(float(hyp.at[h, "posterior"])) == _num(runner_post)
    )
    shown, shown_next = _num(post), _num(runner_post)
    if shown == shown_next:  # strictly larger, so never printed as the same figure
        digits = _apart([post, runner_post])
        shown, shown_next = f"{post:.{digits}f}", f"{runner_post:.{digits}f}"
    following = (
        f"the next, {runner}, has {shown_next}"
        if len(level) == 1
        else f"the next, {_and(list(level))}, have {shown_next} each"
    )
    return [
        Claim(
            "bayes.most_probable",
            f"{_name(case, leader)} is {rank}, {words}: posterior {shown} ({tables}; "
            f"{simulated}); {following}{_close_phrase(case, close_posts, lead=True)}{caveat}.",
            {
                "leader": leader,
                "posterior": post,
                "low": lo,
                "high": hi,
                "likelihood": row["likelihood"],
                "runner_up": runner,
                "runner_posterior": runner_post,
                "next": level,
                "beyond": beyond,
                "only_consistent": _only_consistent(bayes),
                "evidence_only": evidence_only,
                "evidence_range": evidence_range,
                "unrated_close": close_posts,
            },
        )
    ]


def _on_priors(bayes: BayesResult, leader: str, lo: float, hi: float) -> float | None:
    """The leader's posterior under equal priors when the stated priors differ and it falls
    outside the bands the likelihood words cover, or equal priors would not leave it the sole
    first (others ahead, or level or not told apart from it: the words, or the rank, then rest
    on the priors)."""
    from sat.language import words as in_words

    drivers = getattr(bayes, "drivers", None)
    priors = bayes.hypotheses["prior"]
    if drivers is None or float(priors.max() - priors.min()) <= 1e-12:
        return None
    equal = float(drivers.equal_prior_posterior[leader])
    inside = in_words(lo).lower <= equal <= in_words(hi).upper
    alone = tuple(drivers.equal_prior_front) == (leader,)  # a tie with it rests on the priors too
    return None if inside and alone else equal


def unrated_close(bayes: BayesResult, leader: str, runner: str | None) -> tuple[str, ...]:
    """The hypotheses rated against nothing whose posterior is at least the runner-up's and not
    larger than the leader's (a larger one is said by ``bayes.unrated_above``): the lead over
    them is untested, so it is narrower than "the next" alone would make it look."""
    hyp = bayes.hypotheses
    if runner is None or "unranked" not in hyp:
        return ()
    post = hyp["posterior"].astype(float)
    top, floor = float(post[leader]), float(post[runner])
    return tuple(
        h
        for h in hyp.index[hyp["unranked"]]
        if floor * (1 - 1e-9) <= float(post[h]) <= top * (1 + 1e-9)
    )


def _close_phrase(case: Case, posts: dict[str, float], *, lead: bool = False) -> str:
    """The untested hypotheses at least as probable as the runner-up, with their posteriors."""
    if not posts:
        return ""
    one = len(posts) == 1
    text = (
        f"; {_and([_name(case, h) for h in posts])}, rated against nothing (so neutral on every "
        f"item), {'has' if one else 'have'} {_and([_num(p) for p in posts.values()])}"
    )
    if lead:
        text += f", so the lead over {'it' if one else 'them'} is untested"
    return text


def _matrix_standing(ach: ACHResult) -> str:
    return f"ties {_and(list(ach.leader))}" if ach.tied else f"ranks {ach.leader[0]} first"


def _unrated_above(case: Case, bayes: BayesResult) -> list[Claim]:
    """Unrated hypotheses whose posterior (their prior, untested) exceeds the leading one's."""
    hyp = bayes.hypotheses
    if "unranked" not in hyp or not len(bayes.leaders):
        return []
    top = float(hyp.at[bayes.leaders[0], "posterior"])
    above = tuple(
        h for h in hyp.index[hyp["unranked"]] if float(hyp.at[h, "posterior"]) > top * (1 + 1e-9)
    )
    if not above:
        return []
    names = _and([_name(case, h) for h in above])
    values = _and([_num(float(hyp.at[h, "posterior"])) for h in above])
    one = len(above) == 1
    return [
        Claim(
            "bayes.unrated_above",
            f"Caution: {names} {_is_are(len(above))} not rated against any item, yet "
            f"{'its posterior' if one else 'their posteriors'} ({values}) "
            f"{'is' if one else 'are'} larger than {bayes.leaders[0]}'s {_num(top)}, because an "
            "untested "
            "hypothesis is treated as neutral on every item. The judgement stays open until "
            f"{'it is' if one else 'they are'} rated.",
            {"above": above, "top": top},
        )
    ]
