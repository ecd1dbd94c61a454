"""What changed in a case's quantities between two versions, as text (the part of ``sat diff``
after the hypotheses): the changes to the quantities, the answers added, changed or removed, and
the combined estimates and weights before and after (``sat.quantity_diff.QuantityChanges``).

The HTML view (``sat.report.tables_quantity_changes``) shows the same cells and headings, from the
helpers here: ``cell``, ``amount_or_dash``, ``weight_said`` and the ``*_HEADING``s.
"""

from __future__ import annotations

import math
from typing import Any

from sat.language import exact_number
from sat.report.text._shared import table

__all__ = [
    "ANSWERS_HEADING",
    "CHANGES_HEADING",
    "WEIGHTS_HEADING",
    "WEIGHTS_NAMES",
    "amount_or_dash",
    "cell",
    "ends_said",
    "estimates_heading",
    "quantile_ends",
    "quantity_changes",
    "weight_said",
]

_NONE = "–"
#: What the table of changes to the quantities is headed.
CHANGES_HEADING = "changes to the quantities"
#: What the table of answers added, changed or removed is headed.
ANSWERS_HEADING = "answers, as given (the values at the case's quantiles, or IDEA's four points)"
#: What the table of weights before and after is headed.
WEIGHTS_HEADING = "each analyst's weight, earned on the seed questions, before and after"
#: The decision makers as the views name them.
WEIGHTS_NAMES = {"equal": "equal", "global": "performance"}


def _percents(probabilities: Any) -> str:
    from sat.report.quantity_chart import quantile_label

    return ", ".join(quantile_label(p) for p in probabilities)


def cell(name: str, value: Any) -> str:
    """A changed field's value (of the field ``name``), or an answer (``name`` empty), as given."""
    if value is None:
        return _NONE
    if name == "quantiles":
        return _percents(value)
    if isinstance(value, tuple | list):  # an answer's quantiles
        return ", ".join(exact_number(v) for v in value)
    if isinstance(value, dict) and "criterion" in value:  # a resolution
        return f"{value['criterion']} (by {value['deadline']})"
    if isinstance(value, dict):  # IDEA's four points
        sure = f"{value['confidence'] * 100:.4g}%"
        points = ", ".join(f"{k} {exact_number(value[k])}" for k in ("lowest", "best", "highest"))
        return f"{points}, {sure} sure the truth lies between"
    if isinstance(value, float | int):
        return exact_number(value)
    return str(value)


def amount_or_dash(value: float) -> str:
    """A combined estimate's value as a reader takes it in (``sat.language.amount``); a dash for
    NaN."""
    from sat.language import amount

    return _NONE if math.isnan(value) else amount(value)


def quantity_changes(changes: Any) -> list[str]:
    """The lines ``sat diff`` prints for the quantities: none when nothing in them changed."""
    if not changes.changed:
        return []
    lines = []
    frame = changes.changes
    if not frame.empty:
        lines += ["", f"{CHANGES_HEADING}:"]
        for column in ("old", "new"):
            frame[column] = [cell(f, v) for f, v in zip(frame["field"], frame[column], strict=True)]
        lines.append(frame.to_string(index=False))
    answers = changes.answers
    if not answers.empty:
        for column in ("old", "new"):
            answers[column] = [cell("", v) for v in answers[column]]
        lines += ["", f"{ANSWERS_HEADING}:"]
        lines.append(answers.to_string(index=False))
    lines += _estimates(changes) + _weights(changes)
    return lines


def _estimates(changes: Any) -> list[str]:
    """The combined estimates of the targets of both versions, before and after."""
    estimates = changes.estimates
    if estimates.empty:
        return []
    lines = ["", f"{estimates_heading(changes)}:"]
    shown = estimates.copy()
    for column in shown.columns:
        shown[column] = shown[column].map(amount_or_dash)
    shown = shown.rename(index=WEIGHTS_NAMES)
    return [*lines, table(shown, list(shown.columns), 20)]


def ends_said(changes: Any) -> str:
    """Which quantiles the low and high of the combined estimates are: 'the 5% and 95%
    quantiles', or before and after when the case changed them."""
    old, new = changes.old_probabilities, changes.new_probabilities
    ends = f"the {quantile_ends(new)} quantiles"
    if old != new:
        ends = f"the {quantile_ends(old)} quantiles before, {ends} after"
    return ends


def estimates_heading(changes: Any) -> str:
    """What the table of combined estimates before and after is headed."""
    return (
        "the combined estimate of each target of both versions, before and after (median; low "
        f"and high: {ends_said(changes)}; equal weights, and performance weights where both "
        "versions weigh the analysts)"
    )


def quantile_ends(probabilities: Any) -> str:
    """The first and the last quantile: '5% and 95%'."""
    from sat.report.quantity_chart import quantile_label

    return f"{quantile_label(probabilities[0])} and {quantile_label(probabilities[-1])}"


def _weights(changes: Any) -> list[str]:
    """Each analyst's weight before and after, when both versions weigh the analysts."""
    weights = changes.weights
    if weights.empty:
        return []
    shown = weights.astype(object)
    for column in ("old", "new"):
        shown[column] = [weight_said(w) for w in weights[column]]
    return ["", f"{WEIGHTS_HEADING}:", table(shown, ["old", "new"], 20)]


def weight_said(weight: float) -> str:
    """An analyst's weight in one version: a percentage, or 'not weighed' (NaN)."""
    from sat.language import percent

    return "not weighed" if math.isnan(weight) else percent(weight)
