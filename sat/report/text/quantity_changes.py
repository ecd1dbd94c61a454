"""What changed in a case's quantities between two versions, as text (the part of ``sat diff``
after the hypotheses): the changes to the quantities, the answers added, changed or removed, and
the combined estimates and weights before and after (``sat.quantity_diff.QuantityChanges``)."""

from __future__ import annotations

import math
from typing import Any

from sat.report.text._shared import table

__all__ = ["quantity_changes"]

_NONE = "–"


def _given(value: float) -> str:
    """A number as the case gives it: 20, 57.8, 0.0123 (no rounding)."""
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _percents(probabilities: Any) -> str:
    from sat.report.quantity_chart import quantile_label

    return ", ".join(quantile_label(p) for p in probabilities)


def _cell(name: str, value: Any) -> str:
    """A changed field's value, or an answer, as given."""
    if value is None:
        return _NONE
    if name == "quantiles":
        return _percents(value)
    if isinstance(value, tuple | list):  # an answer's quantiles
        return ", ".join(_given(v) for v in value)
    if isinstance(value, dict) and "criterion" in value:  # a resolution
        return f"{value['criterion']} (by {value['deadline']})"
    if isinstance(value, dict):  # IDEA's four points
        sure = f"{value['confidence'] * 100:.4g}%"
        points = ", ".join(f"{k} {_given(value[k])}" for k in ("lowest", "best", "highest"))
        return f"{points}, {sure} sure the truth lies between"
    if isinstance(value, float | int):
        return _given(value)
    return str(value)


def _amount(value: float) -> str:
    from sat.language import amount

    return _NONE if math.isnan(value) else amount(value)


def quantity_changes(changes: Any) -> list[str]:
    """The lines ``sat diff`` prints for the quantities: none when nothing in them changed."""
    if not changes.changed:
        return []
    lines = []
    frame = changes.changes
    if not frame.empty:
        lines += ["", "changes to the quantities:"]
        for column in ("old", "new"):
            frame[column] = [
                _cell(f, v) for f, v in zip(frame["field"], frame[column], strict=True)
            ]
        lines.append(frame.to_string(index=False))
    answers = changes.answers
    if not answers.empty:
        for column in ("old", "new"):
            answers[column] = [_cell("", v) for v in answers[column]]
        lines += [
            "",
            "answers, as given (the values at the case's quantiles, or IDEA's four points):",
        ]
        lines.append(answers.to_string(index=False))
    lines += _estimates(changes) + _weights(changes)
    return lines


def _estimates(changes: Any) -> list[str]:
    """The combined estimates of the targets of both versions, before and after."""
    estimates = changes.estimates
    if estimates.empty:
        return []
    old, new = changes.old_probabilities, changes.new_probabilities
    ends = f"the {quantile_ends(new)} quantiles"
    if old != new:
        ends = f"the {quantile_ends(old)} quantiles before, {ends} after"
    lines = [
        "",
        "the combined estimate of each target of both versions, before and after (median; low "
        f"and high: {ends}; equal weights, and performance weights where both versions weigh "
        "the analysts):",
    ]
    shown = estimates.copy()
    for column in shown.columns:
        shown[column] = shown[column].map(_amount)
    shown = shown.rename(index={"global": "performance"})
    return [*lines, table(shown, list(shown.columns), 20)]


def quantile_ends(probabilities: Any) -> str:
    """The first and the last quantile: '5% and 95%'."""
    from sat.report.quantity_chart import quantile_label

    return f"{quantile_label(probabilities[0])} and {quantile_label(probabilities[-1])}"


def _weights(changes: Any) -> list[str]:
    """Each analyst's weight before and after, when both versions weigh the analysts."""
    weights = changes.weights
    if weights.empty:
        return []
    from sat.language import percent

    shown = weights.astype(object)
    for column in ("old", "new"):
        shown[column] = ["not weighed" if math.isnan(w) else percent(w) for w in weights[column]]
    return ["", "each analyst's weight, earned on the seed questions, before and after:",
            table(shown, ["old", "new"], 20)]  # fmt: skip
