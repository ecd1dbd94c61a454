"""Results as ``--json`` gives them: each technique's facts, with the words of those whose
facts are said in the presentation layer.

``Analysis.to_dict`` gives every result's facts. A technique whose result holds no words
(``sat.techniques.confidence``: kinds and figures; ``sat.techniques.indicators``: each
indicator's effect and steps; ``sat.techniques.scenarios``: the checks' kinds and the most
likely) is said here by its claims module, so its
``--json`` keeps the sentences a reader or script expects beside the facts.

Examples
--------
>>> import sat
>>> from sat.paths import EXAMPLE_CASE
>>> data = as_data(sat.analyse(sat.load_case(EXAMPLE_CASE)), "confidence")
>>> data["confidence"]["sentence"].startswith("We have low confidence")
True
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sat.report.claims.confidence import confidence_data
from sat.report.claims.gaps import gaps_data
from sat.report.claims.indicators import indicators_data
from sat.report.claims.judgements import judgements_data
from sat.report.claims.scenarios import scenarios_data

__all__ = ["WORDED", "as_data"]

#: The techniques whose ``--json`` is given with words, and the function that gives it.
WORDED: dict[str, Callable[[Any], dict[str, Any]]] = {
    "confidence": confidence_data,
    "gaps": gaps_data,
    "indicators": indicators_data,
    "judgements": judgements_data,
    "scenarios": scenarios_data,
}


def as_data(analysis: Any, *names: str) -> dict[str, Any]:
    """``analysis.to_dict(*names)``, each result of ``WORDED`` given with its words (a technique
    that cannot run stays ``{"error": message}``)."""
    data = analysis.to_dict(*names)
    for name, worded in WORDED.items():
        if name in data and "error" not in data[name]:
            data[name] = worded(getattr(analysis, name))
    return data
