"""What changed in a case's quantities between two versions, as HTML: the part of the diff's view
(``sat.report.tables.diff_html``, the diff notebook and the brief's "What changed") after the
hypotheses and evidence.

The full view shows what ``sat diff`` prints (``sat.report.text.quantity_changes``, whose cells
and headings it shares): the changes to the quantities, the answers added, changed or removed as
given, each target's combined estimate before and after (equal weights, and performance weights
where both versions weigh the analysts) and each analyst's weight before and after. The compact
view (the brief's) keeps the changes to the quantities, counts the answers by analyst, and shows
only the estimates and weights whose shown figures moved.

Nothing at all is shown when no quantity, quantile or answer changed (as in the text). Every
value from the case (questions, analysts' names, labels, units) is escaped by the template.
"""

from __future__ import annotations

from typing import Any

from sat.language import listed
from sat.quantity_diff import ANSWER_KINDS
from sat.report.html import Fragment, render
from sat.report.text.quantity_changes import (
    ANSWERS_HEADING,
    CHANGES_HEADING,
    WEIGHTS_HEADING,
    WEIGHTS_NAMES,
    amount_or_dash,
    cell,
    ends_said,
    estimates_heading,
    weight_said,
)

__all__ = ["quantity_changes_html"]

_NONE = "–"


def _sentence(heading: str) -> str:
    """A text view's heading as the page's: its first letter a capital."""
    return heading[:1].upper() + heading[1:]


def _changes(changes: Any) -> list[dict[str, str]]:
    """The changes to the quantities, each cell as the text view gives it."""
    return [
        {
            "kind": row["kind"],
            "item": row["item"],
            "field": row["field"],
            "old": cell(row["field"], row["old"]),
            "new": cell(row["field"], row["new"]),
        }
        for row in changes.changes.to_dict("records")
    ]


def _answers(changes: Any) -> list[dict[str, Any]]:
    """The answers added, changed or removed, as given."""
    return [
        {**row, "old": cell("", row["old"]), "new": cell("", row["new"])}
        for row in changes.answers.to_dict("records")
    ]


def _counts(changes: Any) -> tuple[list[str], list[dict[str, Any]]]:
    """The kinds of change to the answers that occur, and by analyst (in the order the answers
    are listed) how many answers of each kind."""
    answers = changes.answers
    kinds = [k for k in ANSWER_KINDS if k in set(answers["kind"])]
    rows: dict[str, dict[str, int]] = {}
    for analyst, kind in zip(answers["analyst"], answers["kind"], strict=True):
        rows.setdefault(analyst, dict.fromkeys(kinds, 0))[kind] += 1
    return kinds, [{"analyst": a, "counts": [n[k] for k in kinds]} for a, n in rows.items()]


def _estimates(changes: Any) -> list[dict[str, Any]]:
    """Each target's combined estimates before and after, as the text view shows them."""
    out = []
    for (quantity, weights), row in changes.estimates.iterrows():
        shown = {c: amount_or_dash(v) for c, v in row.items()}
        out.append({"quantity": quantity, "weights": WEIGHTS_NAMES[weights], **shown})
    return out


def _span(row: dict[str, str], version: str) -> str:
    """One version's combined estimate in one cell: '5 (2.09–7.91)'; one value when its median
    and both ends are the same figure (a single quantile); a dash when there is none."""
    median, low, high = (row[f"{version}_{c}"] for c in ("median", "low", "high"))
    if low == high and median in (low, _NONE):
        return low
    return f"{median} ({low}–{high})"


def _moved(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """The estimates whose shown figures differ before and after, each version in one cell."""
    spans = [{**r, "old": _span(r, "old"), "new": _span(r, "new")} for r in rows]
    return [r for r in spans if r["old"] != r["new"]]


def _weights(changes: Any, *, compact: bool) -> list[dict[str, str]]:
    """Each analyst's weight before and after (compact: those whose shown weight moved)."""
    weights = changes.weights
    rows = [
        {"analyst": a, "old": weight_said(old), "new": weight_said(new)}
        for a, old, new in zip(weights.index, weights["old"], weights["new"], strict=True)
    ]
    return [r for r in rows if r["old"] != r["new"]] if compact else rows


def quantity_changes_html(changes: Any, *, compact: bool = False) -> Fragment:
    """What changed in the quantities and the answers, and what it did to the combined estimates
    and the weights (``sat.quantity_diff.QuantityChanges``); an empty fragment when ``changes``
    is None or nothing in the quantities, quantiles or answers changed.

    Parameters
    ----------
    changes : QuantityChanges or None
        ``DiffResult.quantities``.
    compact : bool
        The brief's form: the answers counted by analyst, and only the estimates and weights
        whose shown figures moved.

    Examples
    --------
    >>> str(quantity_changes_html(None))
    ''
    """
    if changes is None or not changes.changed:
        return Fragment("")
    estimates = _estimates(changes)
    kinds, counts = _counts(changes) if compact else ([], [])
    return render(
        "quantity_changes.html.j2",
        compact=compact,
        changes=_changes(changes),
        answers=[] if compact else _answers(changes),
        kinds=[k.removeprefix("answer ") for k in kinds],
        kinds_said=listed([k.removeprefix("answer ") for k in kinds], "or"),
        counts=counts,
        estimates=_moved(estimates) if compact else estimates,
        weights=_weights(changes, compact=compact),
        headings={
            "changes": _sentence(CHANGES_HEADING),
            "answers": _sentence(ANSWERS_HEADING),
            "estimates": _sentence(estimates_heading(changes)),
            "weights": _sentence(WEIGHTS_HEADING),
            "ends": ends_said(changes),
        },
    )
