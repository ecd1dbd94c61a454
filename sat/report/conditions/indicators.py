"""Conditions of why an indicator bears on the judgement (``sat.report.claims.indicators``),
recomputed from the case: the indicator's hypothesis, direction and status, the leaders scored
afresh from the ratings, and a challenger's steps from the lead."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import pandas as pd

from sat.report.conditions._facts import Facts, _first, _scores


def _reason(status: str) -> Callable[[Facts, Mapping[str, Any]], bool]:
    def condition(facts: Facts, figures: Mapping[str, Any]) -> bool:
        found = [i for i in facts.case.indicators if i.id == figures["indicator"]]
        if len(found) != 1:
            return False
        (indicator,) = found
        h = figures["hypothesis"]
        if (indicator.hypothesis, indicator.status) != (h, status):
            return False
        leaders = _first(*_scores(facts))
        if figures["tied"] != (len(leaders) > 1):
            return False
        if figures["effect"] == "undermines_leader":
            return indicator.direction == "undermines" and h in leaders and figures["steps"] is None
        if figures["effect"] != "supports_challenger":
            return False
        if indicator.direction != "supports" or h in leaders:
            return False
        steps = facts.ach.hypotheses["steps_to_lead"]
        expected = steps.get(h) if h in steps.index else None
        expected = None if expected is None or pd.isna(expected) else int(expected)
        return figures["steps"] == expected

    condition.__doc__ = (
        f"The indicator is {status} and bears on the hypothesis said; it undermines one of the "
        "leaders (scored afresh) or supports a hypothesis that does not lead, as said; the lead is "
        "tied when said; a challenger's steps from the lead are the matrix's."
    )
    return condition


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "indicators.watch": _reason("not observed"),
    "indicators.warning": _reason("observed"),
}
