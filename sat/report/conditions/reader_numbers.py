"""Conditions of the reader's brief on the team's numbers (``sat.report.claims._reader_numbers``).

The combinations' quantiles are read back from the analysis as the annex's conditions read them
(``sat.report.conditions.quantities``: the classical model itself is checked against ANDURYL in
the technique's tests); what is recomputed from the case file is everything the sentence adds:
that the quantity is a target someone answered, who answered it, who of them earned a weight,
how many seed questions there are, and why the weights are equal when they are.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sat.report.claims.quantities import FEW_SEEDS
from sat.report.conditions import quantities
from sat.report.conditions._facts import Facts


def _answered(facts: Facts, ident: str) -> tuple[str, ...]:
    """The analysts with an answer to the quantity, in any round, in the case's order."""
    given = facts.case.quantity_estimates
    return tuple(
        name for name, answers in given.items() if any(a.quantity == ident for a in answers)
    )


def _seeds(facts: Facts) -> set[str]:
    return {q.id for q in facts.case.quantities if q.realization is not None}


def _weighted(facts: Facts, ident: str) -> tuple[str, ...]:
    """Those of the analysts who answered the quantity with a positive weight (none unweighed)."""
    experts = quantities._experts(facts)
    if experts is None:
        return ()
    weights = dict(zip(experts.experts, experts.optimised.weights, strict=True))
    return tuple(a for a in _answered(facts, ident) if weights.get(a, 0.0) > 0)


def _because(facts: Facts, ident: str, because: str) -> bool:
    """The reason said for equal weights holds, recomputed from the case."""
    seeds = _seeds(facts)
    seed_answered = any(
        a.quantity in seeds for answers in facts.case.quantity_estimates.values() for a in answers
    )
    weighed = quantities._experts(facts) is not None
    return {
        "no_seeds": not seeds and not weighed,
        "no_seed_answers": bool(seeds) and not seed_answered and not weighed,
        "not_weighable": seed_answered and not weighed,
        "no_weighted_answer": weighed and not _weighted(facts, ident),
    }.get(because, False)


def _target(facts: Facts, ident: str) -> bool:
    """A target quantity of the case that someone answered."""
    quantity = next((q for q in facts.case.quantities if q.id == ident), None)
    return quantity is not None and quantity.realization is None and bool(_answered(facts, ident))


def _seeds_of(facts: Facts, analysts: tuple[str, ...]) -> int:
    """The seed questions at least one of ``analysts`` answered, read from the case file (by
    the last round, as the analysis combines them)."""
    seeds = _seeds(facts)
    return len(
        {
            a.quantity
            for name in analysts
            for a in facts.case.quantity_estimates.get(name, ())
            if a.quantity in seeds
        }
    )


def _footing(facts: Facts, ident: str, f: Mapping[str, Any]) -> bool:
    """The combination named, its analysts and its seeds or reason, hold for the target."""
    weighted = _weighted(facts, ident)
    if f["answered"] != len(_answered(facts, ident)):  # "2 of 3 analysts": of those who answered
        return False
    if f["decision_maker"] == "global":
        return (
            bool(weighted)
            and set(f["analysts"]) == set(weighted)
            and f["seeds"] == _seeds_of(facts, f["analysts"])
        )
    return (
        not weighted
        and set(f["analysts"]) == set(_answered(facts, ident))
        and _because(facts, ident, f["because"])
    )


def _numbers(facts: Facts, f: Mapping[str, Any]) -> bool:
    """Each target said is one someone answered, its median and range the named combination's;
    the weighted one is said exactly when an analyst with a weight answered it, resting on
    those analysts and on the case's seed questions; else the equal-weight one, resting on
    everyone who answered it, for the reason said."""
    which = f["decision_maker"]
    if which not in ("global", "equal") or not f["estimates"]:
        return False
    for estimate in f["estimates"]:
        ident = estimate["quantity"]
        if not _target(facts, ident):
            return False
        if not quantities._states(facts, {**estimate, "decision_maker": which}):
            return False
        if not _footing(facts, ident, f):
            return False
    return True


def _numbers_annex(facts: Facts, f: Mapping[str, Any]) -> bool:
    """The targets said are the first of those someone answered, in the case's order, at least
    one, and the number said to be left to the annex is the number of the others (the annex's
    section states each of them)."""
    answered = tuple(q.id for q in facts.case.quantities if _target(facts, q.id))
    said = tuple(f["targets"])
    if not (bool(said) and said == answered[: len(said)]):
        return False
    # "few seed questions back the weights": some target said is weighted, and the fewest seeds
    # any weighed analyst answered (the calibration's N) is under the annex's threshold
    experts = quantities._experts(facts)
    few = (
        experts is not None
        and any(_weighted(facts, t) for t in said)
        and quantities._seed_counts(facts)[1] < FEW_SEEDS
    )
    return f["more"] == len(answered) - len(said) and f["few_seeds"] == few


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "reader.numbers": _numbers,
    "reader.numbers_annex": _numbers_annex,
}
