"""When the sentences on the pool with earned weights may be said: the weights, counts and the
leave-one-out figures are those of the estimates pooled afresh with the analysis's earned
weights (``Facts.earned``)."""

from __future__ import annotations

import math
from collections.abc import Mapping
from typing import Any

from sat.report.conditions._facts import Facts, memo

__all__ = ["CONDITIONS"]


def _estimates(facts: Facts) -> Any:
    """The estimates pooled afresh with the analysis's earned weights (None without them)."""
    if facts.earned is None:
        return None
    from sat.analysis import analyse

    return memo(
        facts, "earned_estimates", lambda: analyse(facts.case, earned=facts.earned).estimates
    )


def _weighted(facts: Facts, f: Mapping[str, Any]) -> bool:
    result = _estimates(facts)
    if result is None or result.earned is None:
        return False
    weights = result.weights
    return (
        f["pooled"] == result.earned.pooled
        and weights.keys() == f["weights"].keys()
        and all(math.isclose(weights[a], f["weights"][a]) for a in weights)
        and any(w > 0 for w in weights.values())
        and math.isclose(sum(weights.values()), 1.0)
    )


def _unearned(facts: Facts, f: Mapping[str, Any]) -> bool:
    result = _estimates(facts)
    return (
        result is not None
        and result.earned is not None
        and not result.weights
        and f["pooled"] == result.earned.pooled
    )


def _tested(facts: Facts, f: Mapping[str, Any]) -> bool:
    result = _estimates(facts)
    if result is None or result.earned is None:
        return False
    o = result.earned.out_of_sample
    return (
        (f["judgements"], f["better"], f["worse"]) == (o.judgements, o.better, o.worse)
        and o.better + o.worse <= o.judgements
        and math.isclose(f["brier_weighted"], o.brier_weighted)
        and math.isclose(f["brier_equal"], o.brier_equal)
    )


def _few(facts: Facts, f: Mapping[str, Any]) -> bool:
    from sat.report.claims.earned import FEW_JUDGEMENTS

    result = _estimates(facts)
    return (
        result is not None
        and result.earned is not None
        and f["pooled"] == result.earned.pooled < FEW_JUDGEMENTS
    )


CONDITIONS = {
    "estimates.weighted": _weighted,
    "estimates.unearned": _unearned,
    "estimates.weights_tested": _tested,
    "estimates.few_judgements": _few,
}
