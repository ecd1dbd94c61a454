"""The judgement as text: the Bayesian posterior and its confidence, the review of the analysts'
words, the judgements a register can score, and the words for a probability."""

from __future__ import annotations

from typing import Any

from sat.report.text._shared import table

#: How ``review`` marks a finding whose words outrun the analysis, and any other.
OUTRUNS, NOTED = "!", "-"


def bayes(result: Any, *, confidence: Any, analysis: Any = None, top: int = 8) -> str:
    """Posteriors with intervals, the leader in words (the brief's claims, given the ``analysis``),
    confidence apart, and the trace."""
    columns = ["label", "prior", "posterior", "posterior_low", "posterior_high", "low", "high"]
    columns += ["p_most_likely", "likelihood"]
    from sat.report.claims.likelihood import hypothesis_words

    shown = result.hypotheses.sort_values("posterior", ascending=False)
    items = len(result.trace)
    shown = shown.assign(
        likelihood=[hypothesis_words(row, items) for _, row in shown.iterrows()],
        # a share of simulations says nothing of a hypothesis never compared with a rated rival
        p_most_likely=[
            "unranked"
            if row.get("unranked", False)
            else "only one rated"
            if row.get("only_rated", False)
            else round(float(row["p_most_likely"]), 3)
            for _, row in shown.iterrows()
        ],
    )
    lines = [table(shown, columns, 36)]
    if analysis is not None:
        from sat.report.claims import drivers_claims, likelihood_claims, robustness_claims
        from sat.report.claims import text as said

        case, ach = analysis.case, analysis.ach
        lines.append("\n" + said(likelihood_claims(case, ach, result)))
        lines.append(said(robustness_claims(case, ach, result)))
        drivers = drivers_claims(case, result)
        if drivers:
            lines.append(said(drivers))
    from sat.report.claims.confidence import sentence

    lines.append(sentence(confidence))
    leaders = tuple(getattr(result, "leaders", (result.leader,)))
    if result.runner_up and len(leaders) == 1:
        lines.append(
            f"\nwhat moved it ({result.leader} against {result.runner_up}), largest first:"
        )
        lines.append(table(result.trace.head(top), ["llr", "factor", "favours", "summary"], 60))
    return "\n".join(lines)


def confidence(result: Any) -> str:
    """The level and why (the brief's claims: what lowers, limits and supports it), then each
    factor's points and what it found; a factor that could not be measured is "missing"."""
    from sat.report.claims.confidence import factor_rows, sentence

    lines = [sentence(result), "", f"factors ({result.score} of 10 points; 0-2 each):"]
    width = max(len(f.name) for f in result.factors)
    for f in factor_rows(result):
        points = "missing" if f.points is None else str(f.points)
        lines.append(f"  {f.name:<{width}}  {points:>7}  {f.detail}")
    return "\n".join(lines)


def review(result: Any, *, analysis: Any = None) -> str:
    """The analyst's words against the analysis (``sat review``): one line per finding, the
    claims of ``sat.report.claims.review.result_claims``, grouped by where they stand in the case
    (a conflict under both places), those stronger than the analysis marked ``!``; a last line
    saying the review as a whole (``summary_claims``: how many statements were checked and how
    many outrun the analysis, or that there is nothing to check). Names are given with their
    labels when the ``analysis`` (its case) is given."""
    from sat.report.claims.review import STRONGER, place, result_claims, summary_claims

    case = None if analysis is None else analysis.case
    (summary,) = summary_claims(case, result)
    if result.checked == 0:
        return summary.text
    lines: list[str] = []
    places: dict[str, list[str]] = {}
    for claim in result_claims(case, result):
        mark = OUTRUNS if claim.kind in STRONGER else NOTED
        places.setdefault(place(case, claim.figures["where"]), []).append(f"  {mark} {claim.text}")
    for where, said in places.items():
        lines += [where, *said]
    return "\n".join([*lines, *([""] if lines else []), summary.text])


def judgements(result: Any) -> str:
    """The judgements a register can score, as ``sat register`` would record the analysis's: each
    with its probability, deadline, statement and what settles it; then those that cannot be
    scored, with why."""
    from sat.language import counted
    from sat.report.claims.judgements import statement, why

    found = result.judgements
    if found:
        lines = [
            f"{counted(len(found), 'judgement')} can be scored, each with the analysis's "
            "probability, to register with `sat register CASE REGISTER`:"
        ]
    elif result.unscorable:
        lines = ["no judgement can be scored"]
    else:  # every hypothesis, scenario and open indicator is one or the other
        lines = ["the case has no hypotheses, scenarios or open indicators to score"]
    for j in found:
        lines += [
            f"  {j.id} ({j.kind}): {j.probability:.2f}, settled by {j.deadline.isoformat()}",
            f"    judgement: {statement(j)}",
            f"    settled when: {j.criterion}",
        ]
    if result.quantities:
        from sat.report.claims.judgements import quantity_lines

        if not found:
            lines = []
        lines += quantity_lines(result.quantities)
    if result.unscorable:
        lines.append(f"cannot be scored ({len(result.unscorable)}):")
        lines += [f"  {i}: {why(code)}" for i, code in result.unscorable]
    return "\n".join(lines)


def wep(estimate: Any) -> str:
    """A probability in ICD 203 words (both columns, with the band) and on the UK yardstick."""
    return (
        f"{estimate.probability:g}: {estimate.likelihood} / {estimate.probability_term} "
        f"({estimate.range}, ICD 203)\nUK yardstick: {estimate.uk}"
    )
