"""When the Quantities section's sentences may be said.

The combined estimates are read back from the analysis (the classical model's numbers are
checked against ANDURYL in the technique's own tests); what these conditions check is that each
sentence says what those numbers are: the right decision maker, its quantiles as the range and
the median, weights that are the analysis's, "few seeds" only under the threshold and "most of
the weight" only above half, and "equal weights" only when the analysts cannot be weighed.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from sat.report.conditions._facts import Facts, memo

__all__ = ["CONDITIONS"]


def _analysis(facts: Facts) -> Any:
    from sat.analysis import analyse

    return memo(facts, "quantities_analysis", lambda: analyse(facts.case))


def _experts(facts: Facts) -> Any:
    return _analysis(facts).optional("experts")


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-12, abs_tol=1e-12)


def _unweighed(facts: Facts, f: Mapping[str, Any]) -> bool:
    seeds = sum(q.realization is not None for q in facts.case.quantities)
    return _experts(facts) is None and f["seeds"] == seeds


def _seed_counts(facts: Facts) -> tuple[int, int]:
    """How many seed questions some weighed analyst answered, and the fewest any of them
    answered (N), counted from the weighed analysts' answers themselves."""
    study = _analysis(facts).quantities.weighable
    seeds = [k for k, item in enumerate(study.items) if item.realization is not None]
    answered = sum(any(row[k] is not None for row in study.answers) for k in seeds)
    fewest = min(sum(row[k] is not None for k in seeds) for row in study.answers)
    return answered, fewest


def _weights(facts: Facts, f: Mapping[str, Any]) -> bool:
    experts = _experts(facts)
    if experts is None or f["asked"] != len(experts.seeds):
        return False
    if f["seeds"] != _seed_counts(facts)[0]:
        return False
    actual = dict(zip(experts.experts, experts.optimised.weights, strict=True))
    return (
        actual.keys() == f["weights"].keys()
        and all(_same(actual[a], f["weights"][a]) for a in actual)
        and _same(f["alpha"], experts.optimised.alpha)
    )


def _few_seeds(facts: Facts, f: Mapping[str, Any]) -> bool:
    from sat.report.claims.quantities import FEW_SEEDS

    if _experts(facts) is None:
        return False
    return f["seeds"] == _seed_counts(facts)[1] < FEW_SEEDS


def _dominant(facts: Facts, f: Mapping[str, Any]) -> bool:
    from sat.report.claims.quantities import MOST_WEIGHT

    experts = _experts(facts)
    if experts is None:
        return False
    actual = dict(zip(experts.experts, experts.optimised.weights, strict=True))
    answered = {a.quantity for a in facts.case.quantity_estimates.get(f["analyst"], ())} & set(
        experts.targets
    )
    return (
        _same(actual.get(f["analyst"], -1.0), f["weight"])
        and f["weight"] > MOST_WEIGHT
        and bool(f["targets"])
        and set(f["targets"]) == answered  # the targets whose combination has their answer
        and f["all"] == (sum(w > 0 for w in actual.values()) == 1)  # "all the weight"
    )


def _unanswered(facts: Facts, f: Mapping[str, Any]) -> bool:
    return not any(
        a.quantity == f["quantity"]
        for given in facts.case.quantity_estimates.values()
        for a in given
    )


def _quantiles(facts: Facts, ident: str, which: str) -> tuple[float, ...] | None:
    analysis = _analysis(facts)
    if which == "global":
        experts = _experts(facts)
        return None if experts is None else experts.optimised.quantiles[experts.items.index(ident)]
    quantities = analysis.quantities
    return quantities.combined[quantities.quantities.index(ident)]


def _states(facts: Facts, f: Mapping[str, Any]) -> bool:
    """The figures are the named decision maker's first and last quantiles and its median."""
    quantile = _quantiles(facts, f["quantity"], f["decision_maker"])
    if quantile is None or any(math.isnan(v) for v in quantile):
        return False
    probabilities = tuple(facts.case.quantiles)
    if not (_same(f["low"], quantile[0]) and _same(f["high"], quantile[-1])):
        return False
    if 0.5 in probabilities:
        return "median" in f and _same(f["median"], quantile[probabilities.index(0.5)])
    return "median" not in f


def _estimate(facts: Facts, f: Mapping[str, Any]) -> bool:
    target = next((q for q in facts.case.quantities if q.id == f["quantity"]), None)
    if target is None or target.realization is not None or not _states(facts, f):
        return False
    weighed = _quantiles(facts, f["quantity"], "global")
    weighed = weighed is not None and not any(math.isnan(v) for v in weighed)
    if f["decision_maker"] == "global":
        return weighed and "equal" in f and _states(facts, f["equal"])
    # the equal-weight combination alone only where there is no weighted one for the quantity
    return not weighed


def _unseeded(facts: Facts, f: Mapping[str, Any]) -> bool:
    seeds = {q.id for q in facts.case.quantities if q.realization is not None}
    answered = {
        name: {a.quantity for a in given} for name, given in facts.case.quantity_estimates.items()
    }
    return bool(f["analysts"]) and all(
        name in answered and not answered[name] & seeds for name in f["analysts"]
    )


def _four_point(facts: Facts, f: Mapping[str, Any]) -> bool:
    """The targets named are every target whose answer of the analyst's that counts (their
    latest) was given in four points."""
    from sat.models.panel import answer_of

    targets = [q.id for q in facts.case.quantities if q.realization is None]
    widened = [
        t for t in targets if getattr(answer_of(facts.case, f["analyst"], t), "four_point", False)
    ]
    return bool(widened) and list(f["quantities"]) == widened


def _unrevised(facts: Facts, f: Mapping[str, Any]) -> bool:
    """The analyst's answer to the target that counts is from the round said, before the last
    round any answer of the case was given in (the one said)."""
    from sat.models.panel import answer_of, rounds

    target = next((q for q in facts.case.quantities if q.id == f["quantity"]), None)
    answer = answer_of(facts.case, f["analyst"], f["quantity"])
    given = rounds(facts.case)
    return (
        target is not None
        and target.realization is None
        and answer is not None
        and answer.round == f["round"] < f["last"] == given[-1]
    )


CONDITIONS = {
    "quantities.four_point": _four_point,
    "quantities.unrevised": _unrevised,
    "quantities.unseeded": _unseeded,
    "quantities.unweighed": _unweighed,
    "quantities.weights": _weights,
    "quantities.few_seeds": _few_seeds,
    "quantities.dominant": _dominant,
    "quantities.unanswered": _unanswered,
    "quantities.estimate": _estimate,
}
