"""Results as plain text for a terminal: what ``sat <technique>`` prints.

One function per technique, named after it and beside the HTML views of
``sat.report.tables``. Each takes the technique's result (and the view's
options) and returns the text; none computes anything of its own. Text from
the case is printed as it is: a terminal, unlike a page, runs no markup.

The views live by subject (``matrix``: the matrix and the checks on it; ``judgement``: the
posterior, confidence, review and judgements; ``futures``: scenarios, network, collection;
``team``: estimates, consensus, diff, the register; ``files``: the file commands) and are all
offered here, under the technique's name.
"""

from __future__ import annotations

from sat.report.text._shared import table
from sat.report.text.files import quotes, sources, validated
from sat.report.text.futures import collect, network, scenarios
from sat.report.text.judgement import bayes, confidence, judgements, review, wep
from sat.report.text.matrix import (
    ach,
    advocacy,
    assumptions,
    bias,
    deception,
    gaps,
    indicators,
    quality,
)
from sat.report.text.quantities import earned, experts, quantities
from sat.report.text.team import calibration, consensus, diff, estimates, registered

__all__ = [
    "ach",
    "advocacy",
    "assumptions",
    "bayes",
    "bias",
    "calibration",
    "collect",
    "confidence",
    "consensus",
    "deception",
    "diff",
    "earned",
    "estimates",
    "experts",
    "gaps",
    "indicators",
    "judgements",
    "network",
    "quality",
    "quantities",
    "quotes",
    "registered",
    "review",
    "scenarios",
    "sources",
    "table",
    "validated",
    "wep",
]
