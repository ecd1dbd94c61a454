"""Conditions of the Key Assumptions Check's sentences, recomputed from the case: the matrix's
standing with and without each assumption's item."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sat.report.conditions._facts import Facts, _diagnostic, _standing


def _relied_on_insecure(facts: Facts) -> list[Any]:
    """Insecure (unsupported, caveated, unrated) assumptions supporting a leading hypothesis or
    the whole judgement."""
    first, _ = _standing(facts.case)
    return [
        a
        for a in facts.case.assumptions
        if a.rating in (None, "unsupported", "caveats")
        and (not a.supports or set(first) & set(a.supports))
    ]


def _linchpin(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Exactly the insecure, relied-on assumptions whose item is in the matrix, bears on the
    hypotheses, and whose removal changes the standing (who leads, or the tie-break)."""
    case = facts.case
    items = {e.id for e in case.evidence}
    now = _standing(case)
    expected = set()
    for a in _relied_on_insecure(facts):
        if a.evidence not in items or not _diagnostic(facts, a.evidence):
            continue
        rest = case.model_copy(
            update={"evidence": [e for e in case.evidence if e.id != a.evidence]}
        )
        if _standing(rest) != now:
            expected.add(a.id)
    return bool(expected) and set(figures["assumptions"]) == expected


def _untested(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Exactly the insecure, relied-on assumptions no item of the case carries."""
    items = {e.id for e in facts.case.evidence}
    expected = {a.id for a in _relied_on_insecure(facts) if a.evidence not in items}
    return bool(expected) and set(figures["assumptions"]) == expected


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "assumptions.linchpin": _linchpin,
    "assumptions.untested": _untested,
}
