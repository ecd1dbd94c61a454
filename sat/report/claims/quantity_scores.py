"""What ``sat calibration`` says of a register's resolved quantity targets: which forecasters
were scored on too few of them for their calibration score to mean much.

The figures are ``sat.techniques.quantity_scores``'; the conditions
(``sat.report.conditions.quantity_scores``) recount them from the register's rows.

Examples
--------
>>> import datetime as dt
>>> from sat.analysis import score_quantities
>>> from sat.io.register_quantities import QuantityEntry
>>> day = dt.date(2026, 1, 1)
>>> row = QuantityEntry("c:Q1", 1, "c", "v", "A", "Q1", ((0.05, 1.0), (0.5, 2.0), (0.95, 3.0)),
...                     "uniform", "x", day, day, value=2.5, resolved=day)
>>> [c.text for c in quantity_claims(score_quantities([row]))]
['A calibration score on fewer than 8 resolved targets says little about how well the ranges are calibrated; scored on so few: A (1).']
"""

from __future__ import annotations

from typing import Any

from sat.language import listed
from sat.report.claims._base import Claim

__all__ = ["FEW_TARGETS", "quantity_claims"]

#: Fewer resolved targets than this make a calibration score weak evidence (the classical model
#: asks for about 8 to 10 seeds; SAT-REFERENCE section 9).
FEW_TARGETS = 8


def quantity_claims(result: Any) -> list[Claim]:
    """The claims of a ``QuantityScoresResult``: a caution naming every forecaster scored on
    fewer than ``FEW_TARGETS`` resolved targets, with how many (none when there is none)."""
    few = {f.analyst: f.n for f in result.forecasters if f.n < FEW_TARGETS}
    if not few:
        return []
    named = listed([f"{name} ({n})" for name, n in few.items()])
    return [
        Claim(
            "quantity_scores.few",
            f"A calibration score on fewer than {FEW_TARGETS} resolved targets says little about "
            f"how well the ranges are calibrated; scored on so few: {named}.",
            {"few": few},
        )
    ]
