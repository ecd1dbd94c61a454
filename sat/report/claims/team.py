"""The judgement sentences of ``sat collect``, ``sat consensus``, ``sat estimates`` and
``sat calibration``, as claims (their tables stay tables).

* collect: who leads on the posterior the ranking of indicators follows (a leader only when
  strictly first and told apart from every other; a tie, a near tie or nothing ranked said as such);
* consensus: each analyst's reading (their own votes where they voted, the case's ratings
  elsewhere) and the median of the votes, each with its leader, tie or nothing ranked;
* estimates: whether each analyst's set was coherent as given, and whether the pooled estimates
  and the matrix's posterior agree within ``AGREE`` on every hypothesis;
* calibration: the reading of the recalibration slope, over- or under-confident only when the
  slope is two standard errors away from 1 and from 0 (a slope within two of 0 says the forecasts
  have no skill, and so nothing of over- or under-confidence).

The conditions are in ``sat.report.conditions.team``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from sat.report.claims._base import Claim, _and

#: Pooled estimates and the posterior within this of each other agree (as ``sat estimates``'s
#: reconciliation, which looks for rating changes only beyond it).
AGREE = 0.05
#: A set moved less than this in all is coherent as given (what two decimals can show).
MOVED = 0.005


def _reading(leaders: Sequence[str], level: Sequence[str] = (), order: Sequence[str] = ()) -> str:
    """Who leads a reading: one leader, a tie (said as a tie, and so is a lead that only the
    consistency tie-break gives: the hypotheses ``level`` with it on weighted inconsistency),
    or nothing ranked; the tied in the case's ``order``."""
    if len(leaders) > 1:
        return f"{_and(leaders)} tied (no leader)"
    if leaders and level:
        tied = sorted([*leaders, *level], key=lambda h: order.index(h) if h in order else 0)
        return (
            f"{_and(tied)} tied on weighted inconsistency, {leaders[0]} first only on the "
            "consistency tie-break"
        )
    return f"leader {leaders[0]}" if leaders else "no hypothesis ranked"


def collect_claims(result: Any) -> list[Claim]:
    """Who leads on the posterior whose movement the indicators' columns follow (``follows_now``);
    nothing when there is nothing to collect on."""
    targets = result.targets_frame
    if targets.empty:
        return []
    follows, now = result.leader, float(targets["follows_now"].iloc[0])
    leaders, near = tuple(result.leaders), tuple(result.contenders)
    above = tuple(getattr(result, "unrated_above", ()))
    figures: dict[str, Any] = {"leader": follows, "posterior": now, "above": above}
    if not leaders:
        text = "No hypothesis is rated, so none is the most probable."
        return [Claim("collect.none_ranked", text, {})]
    if len(leaders) > 1:
        most = "the most probable" + (" of the rated hypotheses" if above else "")
        text = f"{' = '.join(leaders)} tie as {most} at {now:.2f} each (no leader)."
        return [Claim("collect.tie", text, {**figures, "leaders": leaders}), *_above(result)]
    if near:
        text = f"{follows} at {now:.2f}, not told apart from {_and(near)} (no leader)."
        said = [Claim("collect.near", text, {**figures, "near": near})]
    else:
        said = [Claim("collect.leader", f"Leader {follows} at {now:.2f}.", figures)]
    return said + _above(result)


#: Most of the unlisted candidates ``collect_more_claims`` names; the others are counted.
NAMED = 6


def collect_more_claims(result: Any, shown: int, see: str) -> list[Claim]:
    """The candidates a list of the first ``shown`` leaves out, counted and named (the first
    ``NAMED`` of them, the others counted), with where ``see`` them all; nothing when none is
    left out."""
    ids = tuple(str(i) for i in result.targets_frame.index)
    listed, rest = ids[:shown], ids[shown:]
    if not rest:
        return []
    named = rest if len(rest) <= NAMED else rest[: NAMED - 1]
    names = _and([*named, f"{len(rest) - len(named)} others"]) if named != rest else _and(rest)
    text = f"And {len(rest)} more, not listed here ({see}): {names}."
    figures = {"listed": listed, "rest": rest, "named": named}
    return [Claim("collect.more", text, figures)]


def _above(result: Any) -> list[Claim]:
    """Hypotheses rated against nothing with a larger posterior than the leaders'."""
    above = tuple(getattr(result, "unrated_above", ()))
    if not above:
        return []
    text = (
        f"Caution: {_and(above)}, rated against nothing, {'has' if len(above) == 1 else 'have'} "
        "a larger posterior than any rated hypothesis."
    )
    return [Claim("collect.unrated_above", text, {"above": above})]


def consensus_claims(result: Any) -> list[Claim]:
    """Each analyst's reading's leader (with the cells they rated), then the median's (kept apart
    from the analysts: an analyst may be called anything, "consensus" included)."""
    if not result.analysts:
        return []
    cast, order = result.votes_cast, list(result.side_by_side_frame.index)
    claims = []
    for name, leaders in result.leaders.items():
        leaders, n = tuple(leaders), cast[name]
        level = tuple(result.level.get(name, ()))
        said = _reading(leaders, level, order)
        text = f"{name}: {said} ({n} cell{'' if n == 1 else 's'} rated)."
        figures = {"analyst": name, "leaders": leaders, "level": level, "cast": n}
        claims.append(Claim("consensus.reading", text, figures))
    median, level = tuple(result.consensus_leaders), tuple(result.consensus_level)
    text = f"The median of the votes: {_reading(median, level, order)}."
    claims.append(Claim("consensus.median", text, {"leaders": median, "level": level}))
    return claims


def disputed_claims(result: Any, shown: int | None = None) -> list[Claim]:
    """How many voted cells are in dispute (more than one vote, and the votes differ), and how many
    of them a table shows (``shown``; all when None); that none is, when none is."""
    if not result.analysts:
        return []
    disputed, voted = len(result.disputed_frame), len(result.cells_frame)
    several = int(sum(len(v) > 1 for v in result.cells_frame["votes"]))
    figures = {"disputed": disputed, "voted": voted, "several": several}
    if not disputed:
        why = (
            "no cell was rated by more than one analyst"
            if not several
            else f"the {several} cell{'' if several == 1 else 's'} rated by more than one analyst "
            f"{'has' if several == 1 else 'have'} the same votes"
        )
        return [Claim("consensus.undisputed", f"No cell is in dispute: {why}.", figures)]
    shown = disputed if shown is None else min(shown, disputed)
    cells = (
        f"{disputed} of the {voted} voted cells"
        if disputed < voted
        else ("The one voted cell" if voted == 1 else f"All {voted} voted cells")
    )
    text = (
        f"{cells} {'is' if disputed == 1 else 'are'} in dispute (rated by more than one analyst, "
        "with votes that differ)"
        + (f"; the {shown} with the most disagreement are listed" if shown < disputed else "")
        + "."
    )
    text = text[0].upper() + text[1:]
    return [Claim("consensus.disputed", text, {**figures, "shown": shown})]


def estimates_claims(result: Any) -> list[Claim]:
    """Whether each set was coherent as given, whose numbers each pool holds, whether the pool and
    the posterior agree, and where they do not, the ratings to re-examine if the pool is right."""
    claims = []
    for analyst in result.analysts:
        missing = tuple(result.incomplete.get(analyst, ()))
        if missing:  # a partial set is not made coherent: it is left out of the pool
            text = (
                f"{analyst}: no probability for {_and(missing)}, so their probabilities for the "
                "hypotheses are not checked for coherence and are left out of the pool."
            )
            claims.append(
                Claim("estimates.incomplete", text, {"analyst": analyst, "missing": missing})
            )
            claims += _events_claims(result, analyst)
            continue
        moved = float(result.moved[analyst])
        figures = {"analyst": analyst, "moved": moved}
        if moved < MOVED:
            claims.append(Claim("estimates.coherent", f"{analyst}: coherent as given.", figures))
        else:
            text = f"{analyst}: made coherent (moved {moved:.2f} in all)."
            claims.append(Claim("estimates.made_coherent", text, figures))
    claims += pooled_claims(result)
    comparison = result.comparison_frame
    if comparison is None:
        return claims
    pooled = {"pool": result.pool, "extremize": result.extremize}
    gap = comparison["difference"].abs().dropna()
    if gap.empty:
        return claims
    who = tuple(result.pooled_from.get(str(gap.index[0]), ()))
    subject, theirs = ("The analysts", " pooled") if len(who) > 1 else (_and(who), "")
    largest = float(gap.max())
    if largest < AGREE:
        text = f"{subject} and the matrix agree within {AGREE:.2f} on every hypothesis."
        figures = {**pooled, "largest": largest, "analysts": who}
        claims.append(Claim("estimates.agree", text, figures))
    else:  # every hypothesis the two differ on by as much (two exclusive ones always tie)
        most = tuple(str(h) for h in gap.index if gap[h] >= largest - 1e-9)
        aggregate = {h: float(comparison.at[h, "aggregate"]) for h in most}
        posterior = {h: float(comparison.at[h, "posterior"]) for h in most}
        each = [
            f"{h} ({aggregate[h]:.2f}{theirs} against a posterior of {posterior[h]:.2f})"
            for h in most
        ]
        text = f"{subject} and the matrix differ most on {_and(each)}."
        figures = {
            **pooled,
            "hypotheses": most,
            "aggregate": aggregate,
            "posterior": posterior,
            "analysts": who,
        }
        claims.append(Claim("estimates.differ", text, figures))
        claims += _reexamine_claims(result, who)
    return claims


def pooled_claims(result: Any) -> list[Claim]:
    """Whose numbers each pooled figure holds: the targets pooled from the same analysts together,
    in order (one analyst's numbers said to be theirs alone, never a pool); that the hypotheses
    are not pooled when some analyst gave some of them but none gave all."""
    claims: list[Claim] = []
    groups: list[tuple[tuple[str, ...], list[str]]] = []
    for ident in result.aggregate_series.index:
        who = tuple(result.pooled_from.get(str(ident), ()))
        if groups and groups[-1][0] == who:
            groups[-1][1].append(str(ident))
        else:
            groups.append((who, [str(ident)]))
    values = {str(k): float(v) for k, v in result.aggregate_series.items()}
    for who, targets in groups:
        said = ", ".join(f"{t} {values[t]:.2f}" for t in targets)
        if len(who) == 1:
            text = f"{said}: {who[0]}'s alone, no other analyst's to pool."
        else:
            text = f"{said}: pooled from {_and(who)}."
        figures = {
            "targets": tuple(targets),
            "analysts": who,
            "values": {t: values[t] for t in targets},
            "pool": result.pool,
            "extremize": result.extremize,
        }
        claims.append(Claim("estimates.pooled", text, figures))
    hypotheses = tuple(result.hypotheses)
    if result.incomplete and hypotheses and hypotheses[0] not in values:
        text = "The hypotheses are not pooled: no analyst gave a probability for every one of them."
        claims.append(Claim("estimates.not_pooled", text, {"hypotheses": hypotheses}))
    return claims


def _reexamine_claims(result: Any, who: tuple[str, ...]) -> list[Claim]:
    """The ratings to re-examine if the pool is right (``EstimatesResult.reconcile``): never a
    fix, the evidence to decide; nothing when there are none."""
    if not result.reconcile or not who:
        return []
    first = result.reconcile[0]
    h = str(first["hypothesis"])
    pooled = float(result.comparison_frame.at[h, "aggregate"])
    posterior = float(result.comparison_frame.at[h, "posterior"])
    items = tuple(
        {"item": r["item"], "from": r["from"], "to": r["to"], "posterior": float(r["posterior"])}
        for r in result.reconcile
    )
    believe = "believe" if len(who) > 1 else "believes"
    figure = f"{pooled:.2f} pooled" if len(who) > 1 else f"{pooled:.2f}"
    each = [
        f"{r['item']} (now {r['from']}; the belief needs it nearer {r['to']}, which puts {h} "
        f"at {r['posterior']:.2f})"
        for r in items
    ]
    text = (
        f"If {h} is as likely as {_and(who)} {believe} ({figure}; the matrix gives "
        f"{posterior:.2f}), these ratings are the ones to re-examine: {_and(each)}. Check them "
        "against the evidence: change one only if the evidence, not the belief, calls for it."
    )
    figures = {
        "hypothesis": h,
        "analysts": who,
        "pooled": pooled,
        "posterior": posterior,
        "items": items,
        "pool": result.pool,
        "extremize": result.extremize,
    }
    return [Claim("estimates.reexamine", text, figures)]


def _events_claims(result: Any, analyst: str) -> list[Claim]:
    """Whether a partial set's events and scenarios (made coherent and pooled all the same) were
    coherent as given; nothing when the analyst gave none."""
    row = result.given_frame.loc[analyst]
    hypotheses = set(result.hypotheses)
    targets = tuple(str(k) for k, v in row.items() if not math.isnan(v) and k not in hypotheses)
    if not targets:
        return []
    moved = float(result.moved[analyst])  # their hypotheses were not made coherent: not counted
    figures = {"analyst": analyst, "targets": targets, "moved": moved}
    said = f"{analyst}'s probabilities for {_and(targets)}"
    if moved < MOVED:
        return [Claim("estimates.events_coherent", f"{said}: coherent as given.", figures)]
    text = f"{said}: made coherent (moved {moved:.2f} in all)."
    return [Claim("estimates.events_made_coherent", text, figures)]


def calibration_claims(result: Any) -> list[Claim]:
    """The recalibration slope's reading (nothing of over- or under-confidence when the slope is
    within two standard errors of 0; over- or under-confident only when it is more than two
    from 1), and whether the fit rests on enough judgements; nothing without a fit."""
    return [*_slope_claims(result), *fit_size_claims(result)]


def _fixed(x: float) -> str:
    """A number to two decimals, never "-0.00"."""
    return f"{x:.2f}" if round(x, 2) != 0 else "0.00"


def _slope_claims(result: Any) -> list[Claim]:
    fit = result.fit
    if fit is None:
        return []
    a, b, se = float(fit["a"]), float(fit["b"]), float(fit["se_b"])
    figures = {"a": a, "b": b, "se_b": se, "n": int(fit["n"])}
    slope = f"The recalibration slope is {_fixed(b)} (± {se:.2f})"
    if b - 2 * se <= 0:  # no discrimination: the slope cannot say which way the forecasts err
        reversed_ = b + 2 * se < 0
        why = (
            "the slope plus two standard errors is below 0: the higher the forecast, the less "
            "often the judgement came true"
            if reversed_
            else "0 is within two standard errors: higher forecasts did not come true measurably "
            "more often than lower ones"
        )
        text = (
            f"{slope}: the forecasts show no skill at telling what came true from what did not "
            f"({why}), so they say nothing of over- or under-confidence."
        )
        return [Claim("calibration.no_skill", text, {**figures, "reversed": reversed_})]
    if b - 2 * se > 1:
        text = (
            f"{slope}: under-confident, the truth was more extreme than the forecasts (the slope "
            "less two standard errors is above 1)."
        )
        return [Claim("calibration.under_confident", text, figures)]
    if b + 2 * se < 1:
        text = (
            f"{slope}: over-confident, the forecasts were more extreme than the truth (the slope "
            "plus two standard errors is below 1; less two, it is above 0, so they do discriminate)."
        )
        return [Claim("calibration.over_confident", text, figures)]
    text = f"{slope}: no clear over- or under-confidence (1 is within two standard errors)."
    return [Claim("calibration.unclear", text, figures)]


def fit_size_claims(result: Any) -> list[Claim]:
    """Whether the recalibration rests on enough judgements to be applied: at least ``MIN_FIT``
    resolved, with ``MIN_EACH`` of each outcome; nothing without a fit."""
    from sat.techniques.calibration import MIN_EACH, MIN_FIT

    fit = result.fit
    if fit is None:
        return []
    n, true = int(fit["n"]), int(fit["came_true"])
    figures = {"n": n, "came_true": true, "min_fit": MIN_FIT, "min_each": MIN_EACH}
    if n >= MIN_FIT and min(true, n - true) >= MIN_EACH:
        text = (
            f"The fit rests on {n} resolved judgements ({true} came true, {n - true} did not), "
            "enough for it to mean something."
        )
        return [Claim("calibration.enough", text, figures)]
    text = (
        f"Too few judgements for the fit to mean anything yet ({n} resolved, {true} came true and "
        f"{n - true} did not; it needs at least {MIN_FIT}, with {MIN_EACH} of each outcome): do "
        "not apply it."
    )
    return [Claim("calibration.too_few", text, figures)]
