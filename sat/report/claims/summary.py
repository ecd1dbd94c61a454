"""Short forms of the judgement for the places with room for a line: the workbook's live panel and
the brief's list of techniques applied. Each is a claim with its own condition
(``sat.report.conditions.summary``), held to the same rules as the bottom line: no leader on a
tie, the tie-break said, no margin where no challenger is rated, linchpins by the standing.
"""

from __future__ import annotations

from sat.case import Case
from sat.language import counted, percent
from sat.report.claims._base import Claim, _and
from sat.report.claims.likelihood import _bound, _close_phrase, _range, likelihood_claims
from sat.techniques.ach import ACHResult
from sat.techniques.advocacy import AdvocacyResult
from sat.techniques.bayes import BayesResult


def ach_summary(ach: ACHResult) -> list[Claim]:
    """The matrix's standing in a line, the unranked hypotheses, the linchpins and the items
    that are not diagnostic."""
    hyp = ach.hypotheses_frame
    ranked = hyp[hyp["ranked"]]
    claims: list[Claim] = []
    if ranked.empty:
        cells = ach.probability_cells
        text = (
            "No hypothesis is rated, so none is ranked."
            if not cells
            else "No hypothesis has a rating code, so the matrix ranks none (its "
            f"{cells} probability cell{'s are' if cells != 1 else ' is'} read only by the "
            "Bayesian mode)."
        )
        claims.append(Claim("summary.none_ranked", text, {"probability_cells": cells}))
    elif ach.tied:
        leaders = tuple(ach.leader)
        text = f"No hypothesis leads: {_and(leaders)} tie as the least inconsistent."
        claims.append(Claim("summary.tie", text, {"leaders": leaders}))
    else:
        leader = ach.sole
        score = float(hyp.at[leader, "weighted_inconsistency"])
        figures = {"leader": leader, "score": score}
        if ach.runner_up is None:
            text = f"{leader} is the only hypothesis rated, so nothing is weighed against it."
            claims.append(Claim("summary.leader_alone", text, figures))
        elif ach.on_tiebreak:
            level = tuple(
                h
                for h in ranked.index
                if h != leader
                and abs(float(ranked.at[h, "weighted_inconsistency"]) - score) <= 1e-9
            )
            text = (
                f"{leader} ranks first only on the consistency tie-break, level with "
                f"{_and(level)} on weighted inconsistency."
            )
            claims.append(Claim("summary.on_tiebreak", text, {**figures, "level": level}))
        elif ach.margin is None:
            text = (
                f"{leader} is least inconsistent; no one-step rating change would bring a "
                "challenger level with it."
            )
            claims.append(Claim("summary.leader", text, {**figures, "margin": None}))
        else:
            closest = tuple(ach.closest_challengers)
            text = (
                f"{leader} is least inconsistent, {counted(ach.margin, 'one-step rating change')} from "
                f"{_and(closest, 'or')} drawing level with it."
            )
            figures = {**figures, "margin": ach.margin, "challengers": closest}
            claims.append(Claim("summary.leader", text, figures))
    if ach.unranked:
        unranked = tuple(ach.unranked)
        by_probability = tuple(ach.probability_only)
        bare = tuple(h for h in unranked if h not in by_probability)
        said = [f"Unranked (rated against nothing): {_and(bare)}."] if bare else []
        if by_probability:
            said.append(
                f"Unranked by the matrix (only probability cells, which ACH does not score; the "
                f"Bayesian mode ranks {'it' if len(by_probability) == 1 else 'them'}): "
                f"{_and(by_probability)}."
            )
        figures = {"unranked": unranked, "probability_only": by_probability}
        claims.append(Claim("summary.unranked", " ".join(said), figures))
    linchpins = tuple(ach.linchpins)
    if linchpins:
        text = f"Linchpin{'s' if len(linchpins) != 1 else ''}: {', '.join(linchpins)}."
        claims.append(Claim("summary.linchpins", text, {"items": linchpins}))
    alike = tuple(ach.non_diagnostic)
    if alike and not ranked.empty:  # with nothing rated every item is alike: said above
        text = f"Not diagnostic: {', '.join(alike)} (rated alike against every hypothesis)."
        claims.append(Claim("summary.non_diagnostic", text, {"items": alike}))
    return claims


def bayes_summary(case: Case, ach: ACHResult, bayes: BayesResult) -> list[Claim]:
    """The Bayesian mode in a line: the most probable hypothesis with its posterior, its range
    across the tables and simulations and its share of first places. Every other case (a tie, a
    near tie, nothing ranked, one hypothesis rated, a leader rated on fewer than half the items,
    assumptions only) is said as the bottom line says it, and so is a hypothesis rated against
    nothing with a larger posterior."""
    said = likelihood_claims(case, ach, bayes)
    sole = [c for c in said if c.kind == "bayes.most_probable"]
    if not sole:
        return [c for c in said if c.kind not in ("bayes.disagree", "bayes.conditional")]
    close = dict(sole[0].figures["unrated_close"])  # untested, yet at least the runner-up's
    hyp = bayes.hypotheses_frame
    leader = bayes.leaders[0]
    row = hyp.loc[leader]
    rated_only = bool(bayes.unranked)
    text = (
        f"{leader} is the most probable{' of the rated hypotheses' if rated_only else ''}, "
        f"posterior {_bound(float(row['posterior']))} "
        f"({_range(float(row['posterior_low']), float(row['posterior_high']))} across four "
        f"likelihood tables; {_range(float(row['low']), float(row['high']))} over "
        f"{bayes.draws:,} simulations of errors in the ratings, table and priors), first among "
        f"the rated hypotheses in {percent(float(row['p_most_likely']))} of the simulations"
        f"{_close_phrase(case, close, lead=True)}."
    )
    figures = {
        "leader": leader,
        "posterior": float(row["posterior"]),
        "range": (float(row["posterior_low"]), float(row["posterior_high"])),
        "interval": (float(row["low"]), float(row["high"])),
        "wins": float(row["p_most_likely"]),
        "rated_only": rated_only,
        "runner_up": sole[0].figures["runner_up"],
        "unrated_close": close,
    }
    above = [c for c in said if c.kind == "bayes.unrated_above"]
    return [Claim("summary.bayes_leader", text, figures), *above]


def advocacy_summary(result: AdvocacyResult) -> list[Claim]:
    """Devil's advocacy in a line: how few rating (and credibility) changes would put the
    challenger ahead."""
    leader, challenger = result.leader, result.challenger
    if leader is None:
        return []
    if challenger is None:
        text = f"No other hypothesis is rated, so there is no challenger to argue for against {leader}."
        return [Claim("advocacy.no_challenger", text, {"leader": leader})]
    moves = tuple(
        (r["evidence"], r["hypothesis"], r["from"], r["to"])
        for _, r in result.rating_plan.iterrows()
    )
    figures = {
        "leader": leader,
        "challenger": challenger,
        "steps": result.rating_steps,
        "moves": moves,
        "credibility_steps": result.credibility_steps,
        "credibility_moves": tuple(
            (r["evidence"], r["from"], r["to"]) for _, r in result.credibility_plan.iterrows()
        )
        if result.credibility_steps is not None
        else (),
    }
    if result.rating_steps is None:
        text = f"No rating changes would put {challenger} ahead of {leader}"
    else:
        text = f"{counted(result.rating_steps, 'one-step rating change')} would put {challenger} ahead of {leader}"
    if result.credibility_steps is not None:
        text += f"; so would {counted(result.credibility_steps, 'one-step credibility change')}"
    return [Claim("summary.advocacy", text + ".", figures)]


def index_likelihood(case: Case, bayes: BayesResult) -> list[Claim]:
    """The Bayesian judgement as the index of briefs gives it, in a line: the hypotheses tied or
    not told apart, or the most probable with its ICD 203 words as firm as the four likelihood
    tables allow (none for a leader rated on fewer than half the items), and a caution when a
    hypothesis rated against nothing has a larger posterior. Nothing when none is ranked."""
    from sat.report.claims.likelihood import hypothesis_words

    hyp = bayes.hypotheses_frame
    post = hyp["posterior"]
    if not bayes.leaders:
        return []
    top = float(post[bayes.leaders[0]])
    above = tuple(h for h in bayes.unranked if post[h] > top * (1 + 1e-9))
    caution = (
        f"; caution: {', '.join(above)} not yet rated, with a larger posterior" if above else ""
    )
    if len(bayes.leaders) > 1:
        leaders = tuple(bayes.leaders)
        text = f"{' = '.join(leaders)}: equally probable (posterior {top:.2f} each){caution}"
        return [Claim("index.tie", text, {"leaders": leaders, "posterior": top, "above": above})]
    if bayes.contenders:
        front = tuple(bayes.front)
        said = ", ".join(f"{post[h]:.4f}" for h in front)
        text = f"{', '.join(front)}: barely separated (posteriors {said}){caution}"
        figures = {"front": front, "posteriors": {h: float(post[h]) for h in front}, "above": above}
        return [Claim("index.near_tie", text, figures)]
    leader = bayes.leader
    row = hyp.loc[leader]
    said = (
        bayes.likelihood_words
        if row["likelihood"] is not None
        else hypothesis_words(row, len(case.evidence))
    )
    text = (
        f"{leader}: {said}; posterior {_bound(float(row['posterior']))} "
        f"({_range(float(row['posterior_low']), float(row['posterior_high']))} across likelihood "
        "tables)"
    )
    text += caution
    figures = {
        "leader": leader,
        "words": said,
        "posterior": float(row["posterior"]),
        "range": (float(row["posterior_low"]), float(row["posterior_high"])),
        "above": above,
    }
    return [Claim("index.leader", text, figures)]
