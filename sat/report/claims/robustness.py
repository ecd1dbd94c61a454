"""Robustness (the worst case and random error, each with its stated threshold) and what
drives the lead (the prior, consistent-only items and items rated against either)."""

from __future__ import annotations

from collections.abc import Mapping
from functools import partial
from typing import Any

from sat.case import Case
from sat.language import in_simulations, percent
from sat.report.claims._base import Claim, _and
from sat.report.claims.likelihood import mostly_untested
from sat.techniques.ach import ACHResult
from sat.techniques.bayes import BayesResult

#: Share of simulations at or above which the lead "survives typical error".
SURVIVES = 0.9
#: Share of simulations below which typical error is more likely than not to unseat the leader.
MOST = 0.5


def robustness_claims(case: Case, ach: ACHResult, bayes: BayesResult) -> list[Claim]:
    """The worst case (fewest rating changes) and random error (the simulations), each with its
    stated threshold; the two answer different questions and neither alone settles robustness."""
    hyp = bayes.hypotheses
    leaders = tuple(bayes.leaders)
    front = tuple(bayes.front)
    same = len(leaders) == 1 and ach.sole == leaders[0]  # one lead, both methods
    if ach.tied:
        worst = f"the matrix ties {_and(list(ach.leader))}"
    elif ach.sole is None:
        worst = "the matrix ranks no hypothesis"
    elif len(front) > 1 and ach.on_tiebreak:
        worst = "the matrix's lead already rests on the consistency tie-break"
    elif len(front) > 1:  # the Bayesian mode names no leader to set against the matrix's
        worst = f"the matrix puts {ach.sole} first" + (
            ""
            if ach.margin is None
            else ", where a single one-step rating change would bring a challenger level"
            if ach.margin == 1
            else f", where {ach.margin} one-step rating changes would bring a challenger level"
        )
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
    if len(front) != 1:
        shares = {h: float(hyp.at[h, "p_most_likely"]) for h in front}
        said = _and([f"{h} in {percent(s)}" for h, s in shares.items()])
        which = (
            "hypotheses the Bayesian mode ties"
            if len(leaders) > 1 and not bayes.contenders
            else "hypotheses the Bayesian mode barely separates"
        )
        return [
            Claim(
                "robustness.tied",
                f"Robustness: {worst}; under random errors of the sizes assumed, each of the "
                f"{which} comes out first in part of the simulations ({said}).",
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
    priors = hyp["prior"].to_numpy(dtype=float)
    # equal priors unseat the leader unless they leave it the sole first: a tie or a near tie
    # that includes it counts, since its preference over the others then rests on the priors
    on_prior = (
        equal is not None
        and float(priors.max() - priors.min()) > 1e-12
        and tuple(equal[0]) != (leader,)
    )
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
    untested = mostly_untested(case, ach, leader)
    if untested is not None:  # the simulations perturb ratings made, not cells left empty
        verdict += (
            f"; the simulations vary only the ratings made, and {leader} is rated against only "
            f"{untested[0]} of the {untested[1]} items"
        )
    return [
        Claim(
            kind,
            f"{text} ({verdict}).",
            {
                "leader": leader,
                "share": share,
                "margin": ach.margin if same else None,
                "on_prior": on_prior,
                "untested": untested,
            },
        )
    ]


def drivers_claims(case: Case, bayes: BayesResult) -> list[Claim]:
    """What drives the lead: the prior, the consistent-only items and the items rated against
    either, as factors on the leader's odds over the runner-up (their logs add up to the log
    odds); and the standing under equal priors (SAT-REFERENCE section 10)."""
    drivers = getattr(bayes, "drivers", None)
    if drivers is None or len(tuple(bayes.front)) != 1 or bayes.runner_up is None:
        return []  # a tie or a near tie has no lead to explain
    parts = _driver_parts(drivers)
    leader, runner = bayes.leaders[0], bayes.runner_up
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
    # what favours the leader: the prior when positive and each item's own push for it, so an
    # item for the runner-up offsets none of them (SAT-REFERENCE section 10: what drives the lead)
    favouring = _favouring(drivers)
    carried = sum(favouring.values())
    for key, label in (
        ("prior", "the prior, not the evidence"),
        ("consistent", "items rated only consistent against neutral, which prove little"),
    ):
        if carried > 0 and favouring.get(key, 0) > carried / 2:
            alone = all(v <= 0 for k, v in favouring.items() if k != key)
            how = "All" if alone else "Most"
            claims.append(
                Claim(
                    f"drivers.{key}",
                    f"{how} of what favours {leader} over {runner} comes from {label}.",
                    {"part": key, "value": favouring[key], "carried": carried, "all": how == "All"},
                )
            )
    equal = _equal_prior(drivers)
    priors = bayes.hypotheses["prior"].to_numpy(dtype=float)
    if equal is not None and float(priors.max() - priors.min()) > 1e-12:
        leaders_eq, share = equal
        # these simulations hold the priors equal, so their share is not the robustness share
        held = f"{in_simulations(share)} that vary the ratings and table but not the priors"
        if tuple(leaders_eq) == (leader,):
            said = f"{leader} would still be the most probable, first {held}"
        elif len(leaders_eq) == 1:
            said = f"{leaders_eq[0]} would be the most probable instead ({leader} first {held})"
        else:
            get = drivers.get if isinstance(drivers, Mapping) else partial(getattr, drivers)
            post, shares = get("equal_prior_posterior"), get("equal_prior_shares")
            said = (
                f"the evidence would not tell apart {_and(list(leaders_eq))} (posteriors "
                f"{_and([f'{post[h]:.4f}' for h in leaders_eq])}; first in "
                f"{_and([percent(shares.get(h, 0.0)) for h in leaders_eq])} of simulations that "
                "vary the ratings and table but not the priors"
                + (" respectively)" if leader in leaders_eq else f"), each ahead of {leader}")
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


def _favouring(drivers: Any) -> dict[str, float]:
    """``Drivers.favouring``: what favours the leader by part (the positive prior, each kind of
    item's positive pushes); empty when the drivers do not give it."""
    get = drivers.get if isinstance(drivers, Mapping) else lambda k, d=None: getattr(drivers, k, d)
    return {k: float(v) for k, v in dict(get("favouring", None) or {}).items()}


def _equal_prior(drivers: Any) -> tuple[tuple[str, ...], float] | None:
    """Who leads with every prior equal (``Drivers.equal_prior_front``: the near tie too) and the
    leader's share of the equal-prior simulations."""
    if drivers is None:
        return None
    get = drivers.get if isinstance(drivers, Mapping) else lambda k, d=None: getattr(drivers, k, d)
    front = get("equal_prior_front", None)
    share = get("equal_prior_share", None)
    if front is None or share is None:
        return None
    return tuple(front), float(share)
