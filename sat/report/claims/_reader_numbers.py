"""The reader's brief on the team's numbers: each target quantity's combined estimate, at most
a sentence per target, and where the annex shows how it was reached.

Each target gets the combination the annex leads with (``sat.report.claims.quantities``): the
performance-weighted one where an analyst with a weight answered it, else the equal-weight one
with the reason; its median (when the case asks for the 50% quantile) and its range as the
annex names them, in fewer words (``short_range``, ``with_unit``). What the range rests on is
said with it: so many analysts' answers, weighted by their record on so many seed questions (those
at least one of them answered), or weighted equally and why. Targets resting on the same analysts and footing share one sentence, and at
most ``TARGETS`` are stated (the rest counted), so the part stays within about four lines. Seeds, and targets nobody answered, are left to the annex; a
case with no answered target says nothing here. Each claim's condition is in
``sat.report.conditions.reader_numbers``.

References
----------
.. [1] R. M. Cooke, *Experts in Uncertainty*, Oxford University Press, 1991 (the weights rest on
   the seed questions; the combination is only as good as the answers it mixes).
"""

from __future__ import annotations

import math
from typing import Any

from sat.language import amount, counted, listed
from sat.report.claims._base import Claim
from sat.report.claims._reader_parts import quote
from sat.report.claims.quantities import FEW_SEEDS, _percentile, short_range, with_unit

__all__ = ["EQUAL_BECAUSE", "QUESTION_WORDS", "TARGETS", "numbers_claims"]

#: The targets the reader's brief states at most, the first in the case's order (the rest are
#: counted and left to the annex), so that the part stays within about four printed lines.
TARGETS = 3

#: The words of a target's question the reader's brief quotes at most when it has no label.
QUESTION_WORDS = 10

#: Why a target's combination has equal weights, in words, by reason.
EQUAL_BECAUSE = {
    "no_seeds": "no question has a known answer to weigh them on",
    "no_seed_answers": "nobody answered a question with a known answer",
    "not_weighable": "their answers to the seed questions could not weigh them",
    "no_weighted_answer": "no analyst who earned a weight answered it",
}


def _name(quantity: Any) -> str:
    """A target by its label, else its question quoted (never its id)."""
    label = (quantity.label or "").strip()
    return label or quote(quantity.question, QUESTION_WORDS)


def _figures(values: tuple[float, ...]) -> int:
    """The fewest significant figures, two at least, that show distinct values as distinct (a
    reader needs "20–69", not "19.6–68.9"; but never "100–100" for 101 and 104)."""
    distinct = len(set(values))
    for figures in range(2, 16):
        if len({amount(v, figures) for v in values}) == distinct:
            return figures
    return 16


def _estimate(
    quantity: Any, probabilities: tuple[float, ...], shown: tuple[float, ...]
) -> tuple[str, dict[str, Any]]:
    """A target's median (when asked for) and range in words, and the figures they state; the
    unit is said once, on the median (on the range when there is no median; a unit such as "%"
    written onto the number stays on each)."""
    unit = quantity.unit or ""
    figures: dict[str, Any] = {"quantity": quantity.id, "low": shown[0], "high": shown[-1]}
    name = _name(quantity)
    if len(probabilities) == 1:  # one quantile: a value, no range
        value = with_unit(amount(shown[0], _figures(shown)), unit)
        if probabilities == (0.5,):
            figures["median"] = shown[0]
            return f"{name} at {value} (median; no range asked for)", figures
        return f"{name} at {value} ({_percentile(probabilities[0])} percentile)", figures
    if 0.5 not in probabilities:
        digits = _figures((shown[0], shown[-1]))
        spread = short_range(probabilities, shown[0], shown[-1], unit, digits)
        return f"{name} in the {spread}", figures
    median = shown[probabilities.index(0.5)]
    figures["median"] = median
    digits = _figures((shown[0], median, shown[-1]))
    on_range = unit if unit.startswith("%") else ""
    spread = short_range(probabilities, shown[0], shown[-1], on_range, digits)
    return f"{name} at {with_unit(amount(median, digits), unit)} (median; {spread})", figures


def _seeds_of(study: Any, analysts: tuple[str, ...]) -> int:
    """The seed questions at least one of ``analysts`` answered: the record their weights say."""
    rows = dict(zip(study.experts, study.answers, strict=True))
    return sum(
        any(rows[a][k] is not None for a in analysts if a in rows)
        for k, item in enumerate(study.items)
        if item.realization is not None
    )


def _equal_because(quantities: Any, experts: Any) -> str:
    """Why there is no weighted combination (a key of ``EQUAL_BECAUSE``)."""
    if experts is not None:
        return "no_weighted_answer"
    if not quantities.seeds:
        return "no_seeds"
    if len(quantities.unseeded) == len(quantities.study.experts):
        return "no_seed_answers"
    return "not_weighable"


def numbers_claims(analysis: Any) -> list[Claim]:
    """What the reader's brief says of the team's numbers, for a ``sat.Analysis``: a sentence
    (``reader.numbers``) per group of answered targets whose combinations rest on the same
    analysts and the same footing (weighted on the seeds, or equal weights for the same reason),
    in the case's order (the first ``TARGETS`` of them), then one pointing to the annex and
    counting those left to it (``reader.numbers_annex``); none when the case has no
    quantities, they cannot be combined, or nobody answered a target."""
    case = analysis.case
    if not case.quantities or analysis.why("quantities") is not None:
        return []
    quantities, experts = analysis.quantities, analysis.optional("experts")
    by_id = {q.id: q for q in case.quantities}
    probabilities = tuple(quantities.probabilities)
    weights = (
        {}
        if experts is None
        else dict(zip(experts.experts, experts.optimised.weights, strict=True))
    )
    answered = [
        (ident, equal)
        for ident, equal in zip(quantities.quantities, quantities.combined, strict=True)
        if ident not in quantities.seeds and equal is not None
    ]
    groups: dict[tuple, list[tuple[str, dict[str, Any]]]] = {}
    for ident, equal in answered[:TARGETS]:
        who = quantities.answered[ident]
        weighted = (
            None if experts is None else experts.optimised.quantiles[experts.items.index(ident)]
        )
        if weighted is not None and not any(math.isnan(v) for v in weighted):
            analysts = tuple(a for a in who if weights.get(a, 0.0) > 0)
            seeds = _seeds_of(quantities.weighable, analysts)
            footing: tuple = ("global", analysts, seeds, len(who))
            shown = weighted
        else:
            footing = ("equal", who, _equal_because(quantities, experts), len(who))
            shown = equal
        groups.setdefault(footing, []).append(_estimate(by_id[ident], probabilities, shown))
    claims = [_sentence(footing, said) for footing, said in groups.items()]
    if claims:
        said = tuple(ident for ident, _ in answered[:TARGETS])
        more = len(answered) - len(said)
        what = f"{counted(more, 'more target')}, workings" if more else "Workings"
        text = f"{what} and cautions: annex, “The team's numbers”."
        few = any(f[0] == "global" for f in groups) and experts.n < FEW_SEEDS
        if few:  # the annex's first caution, said where the reader is
            text = f"Few seed questions back the weights. {text}"
        figures = {"targets": said, "more": more, "few_seeds": few}
        claims.append(Claim("reader.numbers_annex", text, figures))
    return claims


def _sentence(footing: tuple, said: list[tuple[str, dict[str, Any]]]) -> Claim:
    """One sentence for the targets ``said`` combined on one ``footing``."""
    which, analysts, why, answered = footing
    team = counted(len(analysts), "analyst")
    if len(analysts) < answered:  # some who answered it carry no weight
        team = f"{len(analysts)} of {counted(answered, 'analyst')}"
    estimates = listed([words for words, _ in said])
    figures: dict[str, Any] = {
        "decision_maker": which,
        "analysts": analysts,
        "answered": answered,
        "estimates": tuple(f for _, f in said),
    }
    put = "puts" if len(analysts) == 1 else "put"
    if which == "global":
        figures["seeds"] = why
        seeds = counted(why, "seed question")
        text = f"Weighted by their record on {seeds}, {team} {put} {estimates}."
    else:
        figures["because"] = why
        how = "Unweighted" if len(analysts) == 1 else "Weighted equally"
        text = f"{how} ({EQUAL_BECAUSE[why]}), {team} {put} {estimates}."
    return Claim("reader.numbers", text, figures)
