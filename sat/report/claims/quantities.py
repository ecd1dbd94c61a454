"""What a brief says of the team's quantity estimates: each target's combined estimate and its
range, what the weights rest on, and the cautions a reader needs (few seeds, one analyst
carrying most of the weight, no seed at all).

The combination stated is the performance-weighted decision maker's when the analysts could be
weighed on seed questions (Cooke's classical model), always with the equal-weight one beside it;
else the equal-weight combination, said to be so. A range is named by its quantiles: "a 90%
range" only for the central interval between the 5th and 95th percentiles (any symmetric pair
alike), else the percentiles themselves.
"""

from __future__ import annotations

import math
from decimal import ROUND_DOWN, Decimal
from typing import Any

from sat.language import amount, counted, listed, percent
from sat.report.claims._base import Claim
from sat.report.quantity_chart import quantile_label

__all__ = [
    "FEW_SEEDS",
    "MOST_WEIGHT",
    "cut_off_text",
    "quantities_claims",
    "range_name",
    "range_words",
    "seeds_answered",
    "short_range",
    "with_unit",
]

#: Fewer seed questions than this make the weights a weak guide (Cooke & Goossens 2008 advise
#: about ten; the TU Delft studies have 8 or more in most cases).
FEW_SEEDS = 8
#: A share of the weight above this is "most of the weight".
MOST_WEIGHT = 0.5


def _percentile(p: float) -> str:
    n = p * 100
    text = f"{n:.0f}" if math.isclose(n, round(n), abs_tol=1e-9) else f"{n:g}"
    last = int(text[-1]) if text[-1].isdigit() else 0
    teen = len(text) > 1 and text[-2] == "1"
    suffix = "th" if teen or last not in (1, 2, 3) else {1: "st", 2: "nd", 3: "rd"}[last]
    return f"{text}{suffix}"


def with_unit(value: str, unit: str) -> str:
    """A number with its unit: "34 companies", "18.9%", "2% of GDP", "57.8" (no unit).

    >>> with_unit("34", "companies"), with_unit("18.9", "%"), with_unit("2", "% of GDP")
    ('34 companies', '18.9%', '2% of GDP')
    """
    if not unit:
        return value
    return f"{value}{unit}" if unit.startswith("%") else f"{value} {unit}"


def range_name(probabilities: tuple[float, ...], dash: str = " to ") -> str:
    """What the range between the first and the last quantile is called: "90% range" for a
    central interval (any symmetric pair), else "10th to 95th percentile range"; a single
    quantile is no range, "30th percentile".

    Examples
    --------
    >>> range_name((0.05, 0.5, 0.95)), range_name((0.1, 0.95), "–"), range_name((0.3,))
    ('90% range', '10th–95th percentile range', '30th percentile')
    """
    first, last = probabilities[0], probabilities[-1]
    if len(probabilities) == 1:
        return f"{_percentile(first)} percentile"
    if math.isclose(first, 1 - last, abs_tol=1e-9):
        width = (last - first) * 100
        shown = f"{width:.0f}" if math.isclose(width, round(width), abs_tol=1e-9) else f"{width:g}"
        return f"{shown}% range"
    return f"{_percentile(first)}{dash}{_percentile(last)} percentile range"


def range_words(probabilities: tuple[float, ...], low: float, high: float, unit: str) -> str:
    """The range between the first and the last quantile, named as its quantiles allow.

    Examples
    --------
    >>> range_words((0.05, 0.5, 0.95), 20, 80, "firms")
    'a 90% range of 20 to 80 firms'
    >>> range_words((0.1, 0.5, 0.95), 20, 80, "")
    'a 10th to 95th percentile range of 20 to 80'
    >>> range_words((0.3,), 2, 2, "firms")
    'a 30th percentile of 2 firms (no range: the case asks for no other quantile)'
    """
    if len(probabilities) == 1:  # one quantile: a value, no range
        value = with_unit(amount(low), unit)
        return f"a {range_name(probabilities)} of {value} (no range: the case asks for no other quantile)"
    return f"a {range_name(probabilities)} of {amount(low)} to {with_unit(amount(high), unit)}"


def short_range(
    probabilities: tuple[float, ...], low: float, high: float, unit: str, figures: int = 3
) -> str:
    """The range between the first and the last quantile, in as few words as it can be named
    (the reader's brief): "90% range 20–80 firms", "10th–95th percentile range 20–80", its ends
    to ``figures`` significant figures.

    Examples
    --------
    >>> short_range((0.05, 0.5, 0.95), 20, 80, "firms"), short_range((0.1, 0.95), 2, 8, "%")
    ('90% range 20–80 firms', '10th–95th percentile range 2–8%')
    """
    values = with_unit(f"{amount(low, figures)}–{amount(high, figures)}", unit)
    return f"{range_name(probabilities, '–')} {values}"


def _name(quantity: Any) -> str:
    return quantity.id if not quantity.label else f"{quantity.id} ({quantity.label})"


def _estimate(
    quantity: Any, probabilities: tuple[float, ...], shown: tuple[float, ...], which: str
) -> tuple[str, dict[str, Any]]:
    """The sentence's body for one decision maker's quantiles, and its figures."""
    unit = quantity.unit or ""
    figures: dict[str, Any] = {
        "quantity": quantity.id,
        "decision_maker": which,
        "low": shown[0],
        "high": shown[-1],
    }
    spread = range_words(probabilities, shown[0], shown[-1], unit)
    if probabilities == (0.5,):  # the median alone
        figures["median"] = shown[0]
        return (
            f"{with_unit(amount(shown[0]), unit)} (a median alone: the case asks for no range)",
            figures,
        )
    if 0.5 in probabilities:
        median = shown[probabilities.index(0.5)]
        figures["median"] = median
        return f"{with_unit(amount(median), unit)}, with {spread}", figures
    return spread, figures


def quantities_claims(case: Any, quantities: Any, experts: Any = None) -> list[Claim]:
    """The claims of the brief's Quantities section.

    Parameters
    ----------
    case : Case
    quantities : QuantitiesResult
        The answers that count and the equal-weight combination (``sat.quantities``).
    experts : ExpertsResult or None
        The analysts weighed on the seeds (``sat.experts``); None when they cannot be (no seed
        question, or an analyst with no seed answered).
    """
    by_id = {q.id: q for q in case.quantities}
    probabilities = tuple(quantities.probabilities)
    claims: list[Claim] = []
    if not any(quantities.answered.values()):  # nothing to combine, nobody to weigh
        return [
            Claim(
                "quantities.unanswered",
                f"Nobody has answered {_name(by_id[q])} yet.",
                {"quantity": q},
            )
            for q in quantities.quantities
        ]
    if experts is None:
        seeds = len(quantities.seeds)
        reason = (
            "no quantity has a known answer" if not seeds else "nobody answered a seed question"
        )
        claims.append(
            Claim(
                "quantities.unweighed",
                f"The answers are combined with equal weights: {reason}, so none can be weighed "
                "by how well calibrated they were.",
                {"seeds": seeds},
            )
        )
    else:
        claims += _weight_claims(experts, quantities)
        if quantities.unseeded:
            who = list(quantities.unseeded)
            claims.append(
                Claim(
                    "quantities.unseeded",
                    f"{listed(who)} answered no seed question, so the weighted combination "
                    "leaves their answers out; the equal-weight one counts them.",
                    {"analysts": tuple(who)},
                )
            )
    for i, ident in enumerate(quantities.quantities):
        if ident in quantities.seeds:
            continue
        quantity = by_id[ident]
        equal = quantities.combined[i]
        if equal is None:
            claims.append(
                Claim(
                    "quantities.unanswered",
                    f"Nobody has answered {_name(quantity)} yet.",
                    {"quantity": ident},
                )
            )
            continue
        verb = "puts it at" if 0.5 in probabilities else "gives"
        weighted = (
            None if experts is None else experts.optimised.quantiles[experts.items.index(ident)]
        )
        if weighted is None or any(math.isnan(v) for v in weighted):
            body, figures = _estimate(quantity, probabilities, equal, "equal")
            why = (
                ""
                if weighted is None
                else " (nobody with a weight answered it, so there is no weighted one)"
            )
            text = f"{_name(quantity)}: the equal-weight combination{why} {verb} {body}."
            claims.append(Claim("quantities.estimate", text, figures))
            continue
        body, figures = _estimate(quantity, probabilities, weighted, "global")
        beside, equal_figures = _estimate(quantity, probabilities, equal, "equal")
        counts = quantities.answered[ident]
        if set(counts) & set(quantities.unseeded):  # not the weighed analysts' equal combination
            beside = (
                f"equal weights, all {counted(len(counts), 'analyst')} who answered it: {beside}"
            )
        else:
            beside = f"equal weights: {beside}"
        equal_figures["analysts"] = tuple(counts)
        text = f"{_name(quantity)}: the performance-weighted combination {verb} {body} ({beside})."
        claims.append(Claim("quantities.estimate", text, figures | {"equal": equal_figures}))
    return claims + _as_given_claims(case, quantities)


def _as_given_claims(case: Any, quantities: Any) -> list[Claim]:
    """What the tables' quantiles are of the targets' answers as given: a four-point answer
    widened to the case's range, and an answer that stands from an earlier round than the one
    the combination is of (IDEA: not revised after the discussion)."""
    from sat.models.panel import answer_of, rounds

    targets = [t for t in quantities.quantities if t not in quantities.seeds]
    claims = []
    widened: dict[str, list[str]] = {}
    for t in targets:
        for name in quantities.four_point.get(t, ()):
            widened.setdefault(name, []).append(t)
    if widened:
        at = listed([quantile_label(p) for p in quantities.probabilities])
        for name, said in widened.items():
            claims.append(
                Claim(
                    "quantities.four_point",
                    f"{name} answered {listed(said)} in IDEA's four points (lowest, best, highest "
                    f"and how sure), widened to the case's quantiles ({at}) for the tables "
                    "(the answers as given stay in the case).",
                    {"analyst": name, "quantities": tuple(said)},
                )
            )
    given = rounds(case)
    last_round = given[-1] if quantities.round is None and given else quantities.round
    if last_round is None or last_round <= 1:
        return claims
    for t in targets:
        for name in quantities.answered.get(t, ()):
            answer = answer_of(case, name, t, round=quantities.round)
            if answer is not None and answer.round < last_round:
                claims.append(
                    Claim(
                        "quantities.unrevised",
                        f"{name}'s answer to {t} is from round {answer.round}, not revised in "
                        f"round {last_round}.",
                        {"analyst": name, "quantity": t, "round": answer.round,
                         "last": last_round},
                    )
                )  # fmt: skip
    return claims


def seeds_answered(experts: Any) -> int:
    """How many seed questions at least one weighed analyst answered (the weights rest on these;
    a seed nobody answered has no range, NaN in ``ranges``)."""
    return sum(not math.isnan(experts.ranges[experts.items.index(s)][0]) for s in experts.seeds)


def _weight_claims(experts: Any, quantities: Any) -> list[Claim]:
    weights = dict(zip(experts.experts, experts.optimised.weights, strict=True))
    seeds, asked, n = seeds_answered(experts), len(experts.seeds), experts.n
    shares = [f"{name} {percent(w)}" for name, w in weights.items() if w > 0]
    none = [name for name, w in weights.items() if w <= 0]
    alpha = experts.optimised.alpha
    of = f" (of the {asked} asked)" if seeds < asked else ""
    text = f"The weights rest on {counted(seeds, 'seed question')}{of}: {listed(shares)}"
    if none:
        calibration = dict(
            zip(experts.experts, (p.calibration for p in experts.performance), strict=True)
        )
        shown = cut_off_text(alpha, [calibration[e] for e in none])
        text += (
            f"; {listed(none)} {'gets' if len(none) == 1 else 'get'} none (calibration below "
            f"the cut-off of {shown})"
        )
    claims = [Claim("quantities.weights", text + ".", {"seeds": seeds, "asked": asked,
                                                          "weights": weights, "alpha": alpha})]  # fmt: skip
    if n < FEW_SEEDS:
        few = (
            f"{counted(n, 'seed question').capitalize()} cannot"
            if n == seeds
            else f"The scores count {counted(n, 'seed answer')} per analyst (the fewest any "
            "analyst gave), too few to"
        )
        claims.append(
            Claim(
                "quantities.few_seeds",
                f"{few} tell a well-calibrated analyst from a lucky one: read the weights as a "
                "first sign, and the equal-weight combination beside the weighted one.",
                {"seeds": n},
            )
        )
    top = max(weights, key=lambda name: weights[name])
    targets = [t for t in experts.targets if top in quantities.answered.get(t, ())]
    if weights[top] > MOST_WEIGHT and targets:  # else no combination of a target has their answer
        alone = sum(w > 0 for w in weights.values()) == 1
        text = (
            f"{top} carries all the weight: the weighted combination of {listed(targets)} is "
            f"{top}'s answers alone."
            if alone
            else f"{top} carries most of the weight ({_over_half(weights[top])}): the weighted "
            f"combination of {listed(targets)} leans on one analyst's answers."
        )
        figures = {"analyst": top, "weight": weights[top], "targets": tuple(targets), "all": alone}
        claims.append(Claim("quantities.dominant", text, figures))
    return claims


def cut_off_text(alpha: float, below: list[float]) -> str:
    """The cut-off cut down (never rounded up, so that no analyst kept has a calibration under
    the figure said) to as few significant figures, three at least (as the tables show
    calibrations), as keep it above every calibration ``below`` it.

    Examples
    --------
    >>> cut_off_text(0.01043, [0.01022]), cut_off_text(0.6875868656902037, [0.5])
    ('0.0104', '0.687')
    >>> cut_off_text(0.0102299, [0.0102296])
    '0.0102299'
    """
    exact = Decimal(repr(float(alpha)))
    for digits in range(3, 18):
        step = Decimal(1).scaleb(exact.adjusted() - digits + 1)
        shown = exact.quantize(step, rounding=ROUND_DOWN).normalize()
        if all(c < float(shown) for c in below):
            return format(shown, "g")
    return repr(float(alpha))


def _over_half(share: float) -> str:
    """A share above half, never shown as 50%."""
    shown = percent(share)
    return "just over 50%" if shown == "50%" else shown
