"""What a brief says, as claims: a sentence, the figures it cites, and the kind of fact it asserts.

Every generated sentence of the bottom line (the matrix's standing, its
sensitivity, the likelihood, robustness and what drives the lead) is built here
from the techniques' results, one ``Claim`` at a time. A claim's ``kind`` names
the condition under which it may be said (``sat.report.conditions``: a
predicate over the numbers, written from SAT-REFERENCE section 10); the
property tests render claims for thousands of generated cases
(``sat.testing``) and check every one of them against its condition. When a
condition fails the claim is not made: its alternative is (the tie, the
missing factor, the check that could not run).

The techniques return facts; the words live here and in the templates, which
escape every claim's text.

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, CIA, 1999, ch. 8
   (the least inconsistent hypothesis; linchpins, step 6).
.. [2] ODNI, *Intelligence Community Directive 203*, 2015 (likelihood words; confidence
   said apart from likelihood).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sat import scales
from sat.case import Case
from sat.language import in_simulations, percent
from sat.techniques.ach import ACHResult
from sat.techniques.bayes import BayesResult
from sat.techniques.consensus import ConsensusResult

__all__ = [
    "MOST",
    "SURVIVES",
    "Claim",
    "bottom_line",
    "confidence_claims",
    "dissent_claims",
    "drivers_claims",
    "likelihood_claims",
    "robustness_claims",
    "standing_claims",
    "text",
]

#: Share of simulations at or above which the lead "survives typical error".
SURVIVES = 0.9
#: Share of simulations below which typical error is more likely than not to unseat the leader.
MOST = 0.5


@dataclass(frozen=True)
class Claim:
    """One sentence of a brief: ``text``, the ``figures`` it cites, and its ``kind``.

    ``kind`` keys the condition that must hold for the sentence to be said
    (``sat.report.conditions.CONDITIONS``); ``figures`` are the numbers and ids
    the sentence states, so the condition can check them against the analysis.
    """

    kind: str
    text: str
    figures: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "figures": dict(self.figures)}


def text(claims: Sequence[Claim]) -> str:
    """The claims as running text (one space between sentences)."""
    return " ".join(c.text for c in claims)


def _name(case: Case, h: str) -> str:
    label = case.hypothesis(h).label
    return h if label.strip() == h else f"{h} ({label})"


def _and(parts: Sequence[str], word: str = "and") -> str:
    parts = list(parts)
    if len(parts) <= 1:
        return "".join(parts)
    return ", ".join(parts[:-1]) + f" {word} " + parts[-1]


def _num(x: float) -> str:
    return f"{x:.2f}"


def _is_are(n: int) -> str:
    return "is" if n == 1 else "are"


def bottom_line(analysis: Any) -> dict[str, list[Claim]]:
    """Every claim of the bottom line for a ``sat.Analysis``, by part, in the order a brief says
    them: the standing, where the analysts disagree, the likelihood, what drives the lead and
    robustness, and confidence. Parts that need the Bayesian mode are empty when it cannot run."""
    case, ach = analysis.case, analysis.ach
    bayes = analysis.optional("bayes")
    consensus = (
        analysis.optional("consensus") if any(e.analyst_ratings for e in case.evidence) else None
    )
    return {
        "standing": standing_claims(case, ach),
        "dissent": dissent_claims(case, consensus),
        "likelihood": likelihood_claims(case, ach, bayes) if bayes is not None else [],
        "drivers": drivers_claims(case, bayes) if bayes is not None else [],
        "robustness": robustness_claims(ach, bayes) if bayes is not None else [],
        "confidence": confidence_claims(analysis.optional("confidence")),
    }


# --- the matrix: who leads, by how much, and on what ----------------------------------------------


def standing_claims(case: Case, ach: ACHResult) -> list[Claim]:
    """The matrix's standing: the leader or the tie, the runner-up, the unranked, the margin,
    what would overturn the lead and the linchpins (Heuer's steps 5 and 6)."""
    hyp = ach.hypotheses
    n_items = len(case.evidence)
    ranked = hyp[hyp["ranked"]]
    claims: list[Claim] = []
    if ranked.empty:
        return [
            Claim(
                "ach.none_ranked",
                f"No hypothesis is rated against the evidence yet (no rating other than NA), so "
                f"the matrix ranks none of the {len(hyp)} hypotheses and no judgement can be drawn "
                "from it.",
                {"hypotheses": tuple(hyp.index)},
            )
        ]
    if ach.tied:
        leaders = ach.leader
        score = float(hyp.at[leaders[0], "weighted_inconsistency"])
        claims.append(
            Claim(
                "ach.tie",
                f"The evidence does not separate {_and([_name(case, h) for h in leaders])}: they "
                f"tie as the least inconsistent of the {len(ranked)} hypotheses ranked (weighted "
                f"inconsistency {_num(score)}, consistency {int(hyp.at[leaders[0], 'consistency'])} "
                "each), so no leading judgement can be drawn from the matrix. Evidence that "
                "discriminates between them is needed first.",
                {"leaders": leaders, "score": score},
            )
        )
        claims += _unranked_claims(case, ach)
        return claims
    leader = ach.sole
    score = float(hyp.at[leader, "weighted_inconsistency"])
    runner = ach.runner_up
    opening = (
        f"{_name(case, leader)} is the least inconsistent of the {len(ranked)} hypotheses "
        f"weighed against {n_items} item{'s' if n_items != 1 else ''} of evidence: its weighted "
        f"inconsistency is {_num(score)}"
    )
    if runner is None:
        claims.append(
            Claim(
                "ach.leader_alone",
                f"{_name(case, leader)} is the only hypothesis rated against the {n_items} "
                f"item{'s' if n_items != 1 else ''} of evidence (weighted inconsistency "
                f"{_num(score)}): no other is rated, so nothing is weighed against it and the "
                "matrix cannot rank it above anything.",
                {"leader": leader, "score": score},
            )
        )
    elif ach.on_tiebreak:
        level = tuple(
            h
            for h in ranked.index
            if h != leader and abs(float(ranked.at[h, "weighted_inconsistency"]) - score) <= 1e-9
        )
        claims.append(
            Claim(
                "ach.leader_on_tiebreak",
                f"{_and([_name(case, h) for h in (leader, *level)])} are equally inconsistent "
                f"among the {len(ranked)} hypotheses weighed against {n_items} "
                f"item{'s' if n_items != 1 else ''} of evidence "
                + (
                    "(no evidence counts against any of them)"
                    if score == 0
                    else f"(weighted inconsistency {_num(score)} each)"
                )
                + f"; {leader} is placed first only on the consistency tie-break "
                f"(consistency {int(hyp.at[leader, 'consistency'])} against "
                f"{_and([str(int(hyp.at[h, 'consistency'])) for h in level])}), which counts "
                "evidence for it and proves little (Heuer).",
                {"leader": leader, "score": score, "level": level},
            )
        )
    else:
        runner_score = float(hyp.at[runner, "weighted_inconsistency"])
        level = [
            h
            for h in ranked.index
            if h != leader
            and abs(float(ranked.at[h, "weighted_inconsistency"]) - runner_score) <= 1e-9
        ]
        level.sort(key=lambda h: h != runner)  # the runner-up (best on the tie-break) first
        next_ = (
            f"{_num(runner_score)} for the runner-up, {_name(case, runner)}"
            if len(level) == 1
            else f"{_num(runner_score)} each for {_and([_name(case, h) for h in level])}, level "
            "in second place"
        )
        claims.append(
            Claim(
                "ach.leader",
                opening + f", against {next_}.",
                {
                    "leader": leader,
                    "score": score,
                    "runner_up": runner,
                    "runner_score": runner_score,
                    "next": tuple(level),
                },
            )
        )
    unrated = int(hyp.at[leader, "unrated"])
    if unrated:
        claims.append(
            Claim(
                "ach.untested",
                f"Caution: {leader} is not rated against {unrated} of the {n_items} items, so part "
                "of its low score only means it has not been tested against them.",
                {"leader": leader, "unrated": unrated},
            )
        )
    claims += _unranked_claims(case, ach)
    if runner is None:
        return claims
    claims += _margin_claims(case, ach)
    claims += linchpin_claims(case, ach)
    return claims


def _unranked_claims(case: Case, ach: ACHResult) -> list[Claim]:
    unranked = ach.unranked
    if not unranked:
        return []
    names = _and([_name(case, h) for h in unranked])
    return [
        Claim(
            "ach.unranked",
            f"{names} {_is_are(len(unranked))} not rated against any item, so "
            f"{'it has' if len(unranked) == 1 else 'they have'} no score and "
            f"{_is_are(len(unranked))} not ranked.",
            {"unranked": unranked},
        )
    ]


def _margin_claims(case: Case, ach: ACHResult) -> list[Claim]:
    margin = ach.margin
    challengers = ach.closest_challengers
    names = _and([_name(case, h) for h in challengers], "or")
    if ach.on_tiebreak:
        return []  # the opening claim already says the lead rests on the tie-break
    if margin is None:  # no ranked challenger: said by the opening claim
        return []
    out = [
        Claim(
            "ach.margin",
            f"The lead is narrow: a single one-step change to one rating would bring {names} "
            "level with it."
            if margin == 1
            else f"Bringing the closest challenger, {names}, level would take {margin} one-step "
            "rating changes.",
            {"margin": margin, "challengers": challengers},
        )
    ]
    runner = ach.runner_up
    plan = ach.overturn_plan(runner)
    if not plan.empty:
        moves = tuple(
            (r["evidence"], r["hypothesis"], r["from"], r["to"]) for _, r in plan.iterrows()
        )
        said = [
            f"{e} judged {scales.RATING_MEANING[b]} rather than {scales.RATING_MEANING[a]} for {h}"
            for e, h, a, b in moves
        ]
        out.append(
            Claim(
                "ach.overturn",
                f"What would overturn it: {'together, ' if len(said) > 1 else ''}{_and(said)} "
                f"would put {_name(case, runner)} ahead of it.",
                {"challenger": runner, "moves": moves},
            )
        )
    return out


def linchpin_claims(case: Case, ach: ACHResult) -> list[Claim]:
    """The items whose removal alone changes the standing, grouped by what removing them does."""
    if ach.sole is None:
        return []
    ev = ach.evidence
    pins = ev[ev["linchpin"]]
    if pins.empty:
        return [
            Claim(
                "ach.no_linchpin",
                "No single item decides the ranking: removing any one of them leaves the standing "
                "as it is.",
                {"leader": ach.sole},
            )
        ]
    groups: dict[tuple[str, tuple[str, ...]], list[str]] = {}
    for item, row in pins.iterrows():
        effect = row["effect"]
        if effect == "leader":
            key = ("instead", tuple(row["leader_without"]))
        elif effect == "level":
            key = ("level", tuple(row["level_without"]))
        else:
            key = ("clear", ())
        groups.setdefault(key, []).append(str(item))
    out = []
    for (effect, who), items in groups.items():
        removing = (
            f"Removing any one of {_and(items, 'or')} alone"
            if len(items) > 1
            else f"Removing {items[0]} alone"
        )
        names = _and([_name(case, h) for h in who])
        if effect == "instead":
            what = (
                "would leave no hypothesis with a rating, so none would lead"
                if not who
                else f"would put {names} in the lead"
                if len(who) == 1
                else f"would make {names} tie for the lead"
            )
        elif effect == "level":
            what = (
                f"would bring {names} level with it on weighted inconsistency, so that only the "
                "consistency tie-break would keep it first"
            )
        else:
            what = (
                f"would strengthen the lead: {ach.sole} would lead on weighted inconsistency, not "
                "only on the tie-break"
            )
        out.append(
            Claim(
                "ach.linchpin",
                f"{removing} {what}.",
                {"items": tuple(items), "effect": effect, "who": who},
            )
        )
    return out


# --- the Bayesian mode -----------------------------------------------------------------------------


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


def robustness_claims(ach: ACHResult, bayes: BayesResult) -> list[Claim]:
    """The worst case (fewest rating changes) and random error (the simulations), each with its
    stated threshold; the two answer different questions and neither alone settles robustness."""
    hyp = bayes.hypotheses
    leaders = tuple(bayes.leaders)
    same = len(leaders) == 1 and ach.sole == leaders[0]  # one lead, both methods
    if ach.tied:
        worst = f"the matrix ties {_and(list(ach.leader))}"
    elif ach.sole is None:
        worst = "the matrix ranks no hypothesis"
    elif not same and len(leaders) == 1:
        worst = f"the matrix puts {ach.sole} first, not {leaders[0]}"
    elif ach.on_tiebreak:
        worst = "the matrix's lead already rests on the consistency tie-break"
    elif ach.runner_up is None or ach.margin is None:
        worst = "no other hypothesis is rated to challenge it"
    else:
        worst = (
            "a single one-step rating change would bring a challenger level (the worst case)"
            if ach.margin == 1
            else f"{ach.margin} one-step rating changes would bring a challenger level (the worst "
            "case)"
        )
    if not leaders:  # nothing is rated: the likelihood claim says so, and there is nothing to test
        return []
    if len(leaders) != 1:
        shares = {h: float(hyp.at[h, "p_most_likely"]) for h in leaders}
        said = _and([f"{h} in {percent(s)}" for h, s in shares.items()])
        return [
            Claim(
                "robustness.tied",
                f"Robustness: {worst}; under random errors of the sizes assumed, each of the "
                f"tied hypotheses comes out first in part of the simulations ({said}).",
                {"shares": shares},
            )
        ]
    leader = leaders[0]
    if bayes.runner_up is None:
        return [
            Claim(
                "robustness.untested",
                f"Robustness is untested: no other hypothesis is rated, so there is no challenger "
                f"for a change of ratings or random error to put ahead of {leader}.",
                {"leader": leader},
            )
        ]
    share = float(hyp.at[leader, "p_most_likely"])
    among = " of the rated hypotheses" if bool(hyp["unranked"].any()) else ""
    text = (
        f"Robustness: {worst}, while under random errors of the sizes assumed {leader} stays "
        f"the most probable{among} {in_simulations(share)}"
    )
    narrow = same and not ach.on_tiebreak and ach.margin is not None
    equal = _equal_prior(getattr(bayes, "drivers", None))
    on_prior = equal is not None and leader not in equal[0]
    if share >= SURVIVES:
        lead = "the lead" if same else f"the Bayesian mode's preference for {leader}"
        verdict = f"at least {percent(SURVIVES)}: {lead} survives typical error"
        targeted = narrow and ach.margin <= 2
        if targeted:
            verdict += " but not a targeted change of a few ratings"
        if on_prior:
            verdict += ", nor equal priors" if targeted else " but not equal priors"
        kind = "robustness.survives"
    elif share >= MOST:
        verdict = f"below {percent(SURVIVES)}: typical error unseats it in {percent(1 - share)} of simulations"
        kind = "robustness.fragile"
    else:
        verdict = "typical error is more likely than not to unseat it"
        kind = "robustness.unseated"
    return [
        Claim(
            kind,
            f"{text} ({verdict}).",
            {
                "leader": leader,
                "share": share,
                "margin": ach.margin if same else None,
                "on_prior": on_prior,
            },
        )
    ]


def drivers_claims(case: Case, bayes: BayesResult) -> list[Claim]:
    """What drives the lead: the prior, the consistent-only items and the items rated against
    either, as factors on the leader's odds over the runner-up (their logs add up to the log
    odds); and the standing under equal priors (SAT-REFERENCE section 10)."""
    drivers = getattr(bayes, "drivers", None)
    if drivers is None or len(tuple(bayes.leaders)) != 1 or bayes.runner_up is None:
        return []
    parts = _driver_parts(drivers)
    leader, runner = bayes.leaders[0], bayes.runner_up
    post = bayes.hypotheses["posterior"]
    if _num(float(post[leader])) == _num(float(post[runner])):  # a near tie: no lead to explain
        return []
    total = sum(parts.values())
    named = [
        ("the prior", parts["prior"]),
        ("items rated only consistent against neutral", parts["consistent"]),
        ("items rated inconsistent with either", parts["against"]),
    ]
    if parts.get("explicit"):
        named.append(("probability cells", parts["explicit"]))
    said = _and(
        [
            f"{label} {'multiply them ' if i == 0 else ''}by {_factor(value)}"
            for i, (label, value) in enumerate(named[1:])
        ]
    )
    claims = [
        Claim(
            "drivers.split",
            f"What drives the lead: the posterior odds of {leader} against {runner} are "
            f"{_factor(total)} to 1; "
            + (
                (
                    f"no priors were given, so all start equal; {said}"
                    if all(h.prior is None for h in case.hypotheses)
                    else f"{leader} and {runner} have equal priors; {said}"
                )
                if parts["prior"] == 0
                else f"the prior multiplies them by {_factor(parts['prior'])}, {said}"
            )
            + f" (a factor below 1 favours {runner}).",
            {"leader": leader, "runner_up": runner, **parts},
        )
    ]
    positive = {k: v for k, v in parts.items() if v > 0}
    carried = sum(positive.values())
    for key, label in (
        ("prior", "the prior, not the evidence"),
        ("consistent", "items rated only consistent against neutral, which prove little"),
    ):
        if carried > 0 and positive.get(key, 0) > carried / 2:
            how = "All" if positive[key] >= carried else "Most"
            claims.append(
                Claim(
                    f"drivers.{key}",
                    f"{how} of what favours {leader} over {runner} comes from {label}.",
                    {"part": key, "value": parts[key], "carried": carried, "all": how == "All"},
                )
            )
    equal = _equal_prior(drivers)
    priors = bayes.hypotheses["prior"].to_numpy(dtype=float)
    if equal is not None and float(priors.max() - priors.min()) > 1e-12:
        leaders_eq, share = equal
        if tuple(leaders_eq) == (leader,):
            said = f"{leader} would still be the most probable, first {in_simulations(share)}"
        elif leader in leaders_eq:
            said = f"{leader} would tie with {_and([h for h in leaders_eq if h != leader])}"
        else:
            said = (
                f"{_and(list(leaders_eq))} would be the most probable instead ({leader} first "
                f"{in_simulations(share)})"
            )
        claims.append(
            Claim(
                "drivers.equal_priors",
                f"With equal priors {said}.",
                {"leader": leader, "equal_leaders": tuple(leaders_eq), "share": share},
            )
        )
    return claims


def _factor(log_value: float) -> str:
    """A log odds as a factor on the odds, to two significant decimals."""
    import math

    value = math.exp(log_value)
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if value >= 0.01 else f"{value:.2g}"


def _driver_parts(drivers: Any) -> dict[str, float]:
    get = drivers.get if isinstance(drivers, Mapping) else lambda k, d=None: getattr(drivers, k, d)
    return {
        "prior": float(get("prior", 0.0) or 0.0),
        "consistent": float(get("consistent", 0.0) or 0.0),
        "against": float(get("against", 0.0) or 0.0),
        "explicit": float(get("explicit", 0.0) or 0.0),
    }


def _equal_prior(drivers: Any) -> tuple[tuple[str, ...], float] | None:
    if drivers is None:
        return None
    get = drivers.get if isinstance(drivers, Mapping) else lambda k, d=None: getattr(drivers, k, d)
    leaders = get("equal_prior_leaders", None)
    share = get("equal_prior_share", None)
    if leaders is None or share is None:
        return None
    return tuple(leaders), float(share)


# --- where the analysts disagree -------------------------------------------------------------------


def dissent_claims(case: Case, consensus: ConsensusResult | None) -> list[Claim]:
    """Who each analyst's own ratings put first, when they do not all agree (Open Synthesis
    readings: an analyst's votes where they voted, the agreed ratings elsewhere)."""
    if consensus is None or not consensus.leaders_differ:
        return []
    groups: dict[tuple[str, ...], list[str]] = {}
    for name, leader in consensus.leaders.items():
        if name != "consensus":
            groups.setdefault(tuple(leader), []).append(name)

    def first(leader: tuple[str, ...]) -> str:
        names = _and([_name(case, h) for h in leader])
        return (
            "no hypothesis is ranked"
            if not leader
            else names + (" comes first" if len(leader) == 1 else " tie for first")
        )

    said = "; ".join(f"{first(leader)} for {_and(who)}" for leader, who in groups.items())
    median = tuple(consensus.leaders.get("consensus", ()))
    return [
        Claim(
            "consensus.dissent",
            "The analysts disagree. Read with each analyst's own votes (the case's recorded "
            f"ratings where they did not vote), {said}. With the median of their votes, "
            f'{first(median)}. The judgement above rests on the recorded ratings; see "Where the '
            'analysts disagree".',
            {"groups": {leader: tuple(who) for leader, who in groups.items()}, "median": median},
        )
    ]


# --- confidence ------------------------------------------------------------------------------------


def confidence_claims(confidence: Any) -> list[Claim]:
    """The confidence sentence's parts (``Confidence.parts``) as claims: the level or why no
    judgement can be drawn, what lowers, limits and supports it, and the checks not run."""
    if confidence is None:
        return []
    return [
        Claim(f"confidence.{kind}", text, {"listed": listed, "level": confidence.level})
        for kind, text, listed in confidence.parts
    ]
