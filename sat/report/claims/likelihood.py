"""The Bayesian mode's likelihood in words: ICD 203 only as firm as the family of tables allows,
ties and near ties, unrated hypotheses, what the probability is conditional on."""

from __future__ import annotations

from sat.case import Case
from sat.report.claims._base import Claim, _and, _is_are, _name, _num
from sat.techniques.ach import ACHResult
from sat.techniques.bayes import BayesResult


def _band_phrase(bayes: BayesResult, h: str) -> str:
    row = bayes.hypotheses.loc[h]
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
        claims.append(
            Claim(
                "bayes.tie",
                f"The Bayesian mode does not separate {_and([_name(case, h) for h in leaders])}: "
                f"their posteriors are equal ({_num(p)} each), so none is the most probable.",
                {"leaders": leaders, "posterior": p},
            )
        )
    else:
        claims += _sole_likelihood(case, bayes, n)
    claims += _unrated_above(case, bayes)
    near = next((c for c in claims if c.kind == "bayes.near_tie"), None)
    front = (near.figures["leader"], *near.figures["near"]) if near is not None else leaders
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


def _bound(x: float) -> str:
    """A probability to two decimals, or three where two would round it across an ICD 203 edge."""
    from sat.language import ICD203

    edges = {lower for _, _, lower, _ in ICD203} | {upper for _, _, _, upper in ICD203}
    for digits in (2, 3, 4, 6):
        shown = f"{x:.{digits}f}"
        if x in edges or float(shown) not in edges:  # never printed on an edge it is not on
            return shown
    return repr(x)


def _only_consistent(bayes: BayesResult) -> bool:
    """Whether only items rated consistent against neutral favour the leader over the next."""
    drivers = getattr(bayes, "drivers", None)
    if drivers is None:
        return False
    return drivers.consistent > 0 and drivers.against <= 0 and drivers.explicit <= 0


def _sole_likelihood(case: Case, bayes: BayesResult, n: int) -> list[Claim]:
    """One leader: the near tie, the lone rated hypothesis, or the most probable with its words."""
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
    if _num(post) == _num(runner_post):
        ranked = hyp.index[~hyp["unranked"]] if "unranked" in hyp else hyp.index
        near = tuple(
            h
            for h in hyp.loc[ranked].sort_values("posterior", ascending=False).index
            if h != leader and _num(float(hyp.at[h, "posterior"])) == _num(post)
        )
        values = _and([f"{float(hyp.at[h, 'posterior']):.4f}" for h in (leader, *near)])
        return [
            Claim(
                "bayes.near_tie",
                f"The Bayesian mode barely separates {_and([_name(case, h) for h in (leader, *near)])}: "
                f"their posteriors ({values}) are equal to two decimals ({_num(post)}), so none "
                "is called the most probable.",
                {"leader": leader, "near": near, "posterior": post},
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
    if not stable:
        words += ", depending on how the ratings are read"
    words = f"though itself {words}" if hi < 0.45 else f"and {words}"
    low, high = float(row["low"]), float(row["high"])
    tables = f"{_bound(lo)}–{_bound(hi)} across plausible likelihood tables"
    if stable:
        from sat.language import words as in_words

        band = in_words(post)
        tables += ", all within the band"
        beyond = low < band.lower or high > band.upper
    else:
        beyond = False
    simulated = (
        f"{_bound(low)}–{_bound(high)} (5–95%) across simulated errors in the ratings, table and "
        "priors" + (", which reach beyond the band" if beyond else "")
    )
    caveat = (
        "; of the evidence, only items rated consistent against neutral favour it over the "
        "next, and they prove little"
        if _only_consistent(bayes)
        else ""
    )
    return [
        Claim(
            "bayes.most_probable",
            f"{_name(case, leader)} is {rank}, {words}: posterior {_num(post)} ({tables}; "
            f"{simulated}){caveat}; the next, {runner}, has {_num(runner_post)}.",
            {
                "leader": leader,
                "posterior": post,
                "low": lo,
                "high": hi,
                "likelihood": row["likelihood"],
                "runner_up": runner,
                "runner_posterior": runner_post,
                "beyond": beyond,
                "only_consistent": bool(caveat),
            },
        )
    ]


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
            f"{'is' if one else 'are'} larger than the leader's {_num(top)}, because an untested "
            "hypothesis is treated as neutral on every item. The judgement stays open until "
            f"{'it is' if one else 'they are'} rated.",
            {"above": above, "top": top},
        )
    ]
