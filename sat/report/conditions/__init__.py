"""When each claim of a brief may be said: one predicate per claim kind (SAT-REFERENCE section 10).

``CONDITIONS[kind](facts, figures)`` is true when a claim of that kind, citing
``figures``, is true of the analysis. The predicates are written from the rules
and recompute what they need from the scores themselves (the ratings, the
weighted inconsistency, the posteriors), not from the flags the claims were
built from, so that a property test asserting them over generated cases can
find the situation where a sentence and its numbers part ways.

Examples
--------
>>> import sat
>>> from sat.paths import EXAMPLE_CASE
>>> from sat.report.claims import standing_claims
>>> facts = Facts.of(sat.analyse(sat.load_case(EXAMPLE_CASE)))
>>> all(holds(c, facts) for c in standing_claims(facts.case, facts.ach))
True
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sat.report.conditions import (
    advocacy,
    assumptions,
    bayes,
    bias,
    bias_rules,
    change,
    checks,
    deception,
    earned,
    foresight,
    indicators,
    people,
    quality,
    quantities,
    quantity_scores,
    reader,
    review,
    standing,
    summary,
)
from sat.report.conditions._facts import Facts

__all__ = ["CONDITIONS", "Facts", "holds"]


#: Every claim kind's condition, by kind.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    **standing.CONDITIONS,
    **bayes.CONDITIONS,
    **people.CONDITIONS,
    **advocacy.CONDITIONS,
    **assumptions.CONDITIONS,
    **bias.CONDITIONS,
    **bias_rules.CONDITIONS,
    **deception.CONDITIONS,
    **quality.CONDITIONS,
    **summary.CONDITIONS,
    **foresight.CONDITIONS,
    **indicators.CONDITIONS,
    **change.CONDITIONS,
    **checks.CONDITIONS,
    **review.CONDITIONS,
    **reader.CONDITIONS,
    **quantities.CONDITIONS,
    **quantity_scores.CONDITIONS,
    **earned.CONDITIONS,
}


def holds(claim: Any, facts: Facts) -> bool:
    """Whether a claim's condition holds (a claim of unknown kind never does)."""
    condition = CONDITIONS.get(claim.kind)
    return condition is not None and bool(condition(facts, claim.figures))
