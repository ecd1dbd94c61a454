"""When the sentences on a register's resolved quantity targets may be said
(``sat.report.claims.quantity_scores``): recounted from the register's rows (``Facts.register``,
the forecasters ``sat calibration`` scored): each forecaster's latest forecast of each resolved
target, on the quantile set most of them use."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from sat.report.conditions._facts import Facts

__all__ = ["CONDITIONS"]


def _scored(facts: Facts, analyst: str) -> list[Any]:
    """The forecaster's latest forecasts of resolved targets on their most used quantile set."""
    latest: dict[str, Any] = {}
    for e in facts.register or ():
        if getattr(e, "kind", "") != "quantity" or e.analyst != analyst or e.value is None:
            continue
        if e.id not in latest or e.forecast > latest[e.id].forecast:
            latest[e.id] = e
    sets = Counter(tuple(p for p, _ in e.quantiles) for e in latest.values())
    if not sets:
        return []
    most = max(sets.values())
    chosen = next(
        s for s in (tuple(p for p, _ in e.quantiles) for e in latest.values()) if sets[s] == most
    )
    return [e for e in latest.values() if tuple(p for p, _ in e.quantiles) == chosen]


def _few(facts: Facts, f: Mapping[str, Any]) -> bool:
    """Each forecaster named was scored on the number said, below ``FEW_TARGETS``, and every
    forecaster of the register's resolved targets scored on fewer is named."""
    from sat.report.claims.quantity_scores import FEW_TARGETS

    forecasters = {
        e.analyst
        for e in facts.register or ()
        if getattr(e, "kind", "") == "quantity" and e.value is not None
    }
    counts = {name: len(_scored(facts, name)) for name in forecasters}
    few = {name: n for name, n in counts.items() if 0 < n < FEW_TARGETS}
    return bool(few) and dict(f["few"]) == few


CONDITIONS = {"quantity_scores.few": _few}
