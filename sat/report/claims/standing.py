"""The matrix's standing: who leads, by how much, what would overturn it, the linchpins
(Heuer 1999, ch. 8, steps 5 and 6)."""

from __future__ import annotations

from sat import scales
from sat.case import Case
from sat.language import counted
from sat.report.claims._base import Claim, _and, _is_are, _name, _num
from sat.techniques.ach import ACHResult


def standing_claims(case: Case, ach: ACHResult) -> list[Claim]:
    """The matrix's standing: the leader or the tie, the runner-up, the unranked, the margin,
    what would overturn the lead and the linchpins (Heuer's steps 5 and 6)."""
    hyp = ach.hypotheses
    n_items = len(case.evidence)
    ranked = hyp[hyp["ranked"]]
    claims: list[Claim] = []
    if ranked.empty:
        cells = ach.probability_cells
        rated = (
            "No hypothesis is rated against the evidence yet (no rating other than NA)"
            if not cells
            else "No hypothesis has a rating code other than NA: the matrix's only other "
            f"rating{'s are' if cells != 1 else ' is'} {counted(cells, 'probability cell')}, "
            "which ACH does not score (only the Bayesian mode "
            f"reads {'them' if cells != 1 else 'it'})"
        )
        return [
            Claim(
                "ach.none_ranked",
                f"{rated}, so the matrix ranks none of the {len(hyp)} hypotheses and no judgement "
                "can be drawn from it.",
                {"hypotheses": tuple(hyp.index), "probability_cells": cells},
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
        f"weighed against {counted(n_items, 'item')} of evidence: its weighted "
        f"inconsistency is {_num(score)}"
    )
    if runner is None:
        claims.append(
            Claim(
                "ach.leader_alone",
                f"{_name(case, leader)} is the only hypothesis rated against the "
                f"{counted(n_items, 'item')} of evidence (weighted inconsistency "
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
                f"among the {len(ranked)} hypotheses weighed against "
                f"{counted(n_items, 'item')} of evidence "
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
                "of its low score only means it has not been tested against "
                f"{'it' if unrated == 1 else 'them'}.",
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
    """The hypotheses the matrix cannot score: those rated against nothing, and those rated only by
    probability cells (which ACH does not score; the Bayesian mode reads and ranks them)."""
    unranked = tuple(ach.unranked)
    if not unranked:
        return []
    by_probability = tuple(ach.probability_only)
    bare = [h for h in unranked if h not in by_probability]
    said = []
    if bare:
        one = len(bare) == 1
        said.append(
            f"{_and([_name(case, h) for h in bare])} {_is_are(len(bare))} not rated against any "
            f"item, so {'it has' if one else 'they have'} no score and {_is_are(len(bare))} not "
            "ranked."
        )
    if by_probability:
        one = len(by_probability) == 1
        said.append(
            f"{_and([_name(case, h) for h in by_probability])} "
            f"{'has' if one else 'have'} only probability cells (and no rating code other than "
            f"NA), which ACH does not score, so {'it has' if one else 'they have'} no score in the "
            f"matrix and {_is_are(len(by_probability))} not ranked there; only the Bayesian mode "
            f"ranks {'it' if one else 'them'}."
        )
    return [
        Claim(
            "ach.unranked",
            " ".join(said),
            {"unranked": unranked, "probability_only": by_probability},
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
    runner = ach.easiest_challenger  # the cheapest overturn of any ranked challenger
    if runner is not None:
        plan = ach.overturn_plan(runner)
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
