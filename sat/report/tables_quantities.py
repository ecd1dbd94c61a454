"""Notebook views of a team's numbers: the answers to a case's quantities (``quantities_html``),
Cooke's classical model (``experts_html``) and the weights earned on a register
(``earned_html``).

``sat.report.tables`` imports them, so each is ``sat.report.tables.<name>`` as ``sat.registry``
names it. Results carry the quantities' ids and questions; given the ``analysis`` (as
``review_html`` is), the views add each quantity's label and unit, the four points of an IDEA
answer and, for the classical model, the analysts' own ranges beside the decision makers. Every
value from the case is escaped by the templates; the range charts are embedded PNGs with the
chart in words as their alt text (``sat.report.quantity_chart.range_chart``), as every chart of
sat's pages: a page holds no markup a chart brings.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

from sat.models.panel import answer_of
from sat.report.html import Fragment, render
from sat.report.quantity_chart import quantile_label

__all__ = ["earned_html", "experts_html", "quantities_html"]


def _charts(
    items: Sequence[Any],
    probabilities: Sequence[float],
    rows: Sequence[Sequence[Any]],
    case: Any = None,
) -> list[Fragment]:
    """One range chart per item (``sat.models.study.Item``), of the rows given for it; the item's
    label and unit from ``case`` when given."""
    from sat.report.quantity_chart import QuantityRanges, range_chart

    known = {} if case is None else {q.id: q for q in case.quantities}
    out = []
    for item, drawn in zip(items, rows, strict=True):
        q = known.get(item.id)
        name = (q.label if q is not None else None) or item.id
        question = " ".join(item.question.split())
        ranges = QuantityRanges(
            quantity=item.id,
            title=f"{name}: {question}" if question else name,
            unit=None if q is None else q.unit,
            scale=item.scale,
            probabilities=tuple(probabilities),
            rows=tuple(drawn),
            realization=item.realization,
        )
        out.append(range_chart(ranges))  # a PNG, as every chart of sat's pages: no markup
    return out


def _finite(values: Sequence[float] | None) -> bool:
    return values is not None and all(math.isfinite(v) for v in values)


def _heading(item: Any, case: Any) -> dict[str, Any]:
    """What a quantity's table says of it: id, label, question, unit, seed or target."""
    q = None if case is None else next((q for q in case.quantities if q.id == item.id), None)
    return {
        "id": item.id,
        "label": None if q is None else q.label,
        "question": item.question,
        "unit": None if q is None else q.unit,
        "scale": item.scale,
        "realization": item.realization,
    }


def _four_points(case: Any, analyst: str, quantity: str, round: int | None) -> Any:
    """The IDEA answer of ``analyst`` that counts for ``quantity`` (None when it is not one)."""
    answer = answer_of(case, analyst, quantity, round=round)
    return answer if answer is not None and answer.four_point else None


def quantities_html(result: Any, *, analysis: Any = None) -> Fragment:
    """The answers to a case's quantities, one table per quantity, and their range charts.

    Each table names the quantity (its id, and with the ``analysis`` its label and unit), says
    whether it is a seed (with its true value) or a target, and lists each analyst who answered
    with their quantiles (an IDEA answer's four points beside them, given the ``analysis``),
    then the equal-weight combination's quantiles.
    """
    from sat.report.quantity_chart import RangeRow

    study = result.study
    case = None if analysis is None else analysis.case
    quantities = []
    rows = []
    for i, item in enumerate(study.items):
        answers = []
        drawn = []
        for name, row in zip(study.experts, study.answers, strict=True):
            answer = row[i]
            if answer is None:
                continue
            four = None
            if name in result.four_point.get(item.id, ()) and case is not None:
                four = _four_points(case, name, item.id, result.round)
            answers.append(
                {
                    "name": name,
                    "quantiles": answer,
                    "four_point": name in result.four_point.get(item.id, ()),
                    "four": four,
                }
            )
            drawn.append(RangeRow(name, tuple(answer)))
        combined = result.combined[i]
        if _finite(combined):
            drawn.append(RangeRow("Equal weights", tuple(combined), combined=True))
        quantities.append(
            {
                **_heading(item, case),
                "answers": answers,
                "combined": combined if _finite(combined) else None,
            }
        )
        rows.append(drawn)
    return render(
        "quantities.html.j2",
        result=result,
        probabilities=[quantile_label(p) for p in study.probabilities],
        quantities=quantities,
        charts=_charts(study.items, study.probabilities, rows, case),
    )


def experts_html(result: Any, *, analysis: Any = None) -> Fragment:
    """Cooke's classical model: each analyst's calibration, information and weight; the equal-
    and the global-weight decision maker with their scores (and alpha); each target's quantiles
    from both; and a range chart per quantity with the decision makers (and, given the
    ``analysis``, the analysts' own answers, labels and units).
    """
    from sat.models.study import Item
    from sat.report.quantity_chart import RangeRow

    case = None if analysis is None else analysis.case
    study = None if analysis is None else analysis.quantities.weighable
    known = {} if study is None else {q.id: q for q in study.items}
    # the result knows its items by id; their questions and true values are the study's
    items = [known.get(ident) or Item(ident) for ident in result.items]
    analysts = [
        {
            "name": name,
            "performance": p,
            "weight": w,
        }
        for name, p, w in zip(
            result.experts, result.performance, result.optimised.weights, strict=True
        )
    ]
    targets = []
    for ident in result.targets:
        k = result.items.index(ident)
        targets.append(
            {
                **_heading(items[k], case),
                "equal": _shown(result.equal.quantiles[k]),
                "global": _shown(result.optimised.quantiles[k]),
            }
        )
    alpha = result.optimised.alpha
    rows = []
    for k, item in enumerate(items):
        drawn = []
        if study is not None and item.id in known:
            i = list(known).index(item.id)
            drawn += [
                RangeRow(name, tuple(row[i]))
                for name, row in zip(study.experts, study.answers, strict=True)
                if row[i] is not None
            ]
        if _finite(result.equal.quantiles[k]):
            drawn.append(RangeRow("Equal weights", result.equal.quantiles[k], combined=True))
        if _finite(result.optimised.quantiles[k]):
            drawn.append(
                RangeRow(
                    f"Performance weights (alpha {alpha:.3g})",
                    result.optimised.quantiles[k],
                    combined=True,
                )
            )
        rows.append(drawn)
    return render(
        "experts.html.j2",
        result=result,
        analysts=analysts,
        probabilities=[quantile_label(p) for p in result.probabilities],
        decision_makers=[
            {"name": "Equal weights", "dm": result.equal, "alpha": None},
            {"name": "Performance weights", "dm": result.optimised, "alpha": alpha},
        ],
        targets=targets,
        charts=_charts(items, result.probabilities, rows, case),
    )


def _shown(quantiles: Sequence[float]) -> Sequence[float] | None:
    return quantiles if _finite(quantiles) else None


def earned_html(result: Any) -> Fragment:
    """The weights earned on a register: each forecaster's resolved judgements, how many were
    scored against the others, their Brier score, contribution and weight; then the leave-one-out
    comparison of the weighted pool with the equal-weight pool."""
    return render("earned.html.j2", result=result, oos=result.out_of_sample)
