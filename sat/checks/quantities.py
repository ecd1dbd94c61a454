"""Checks across a case's quantities and the answers to them.

A seed's realisation names a source of the case; each analyst's answers name the case's
analysts and its quantities; an answer in quantiles gives one value per quantile of the case; a
log-scale quantity's answers are above 0 (its information is measured on the logarithm); an
analyst answers a quantity once per round. The checks read plain data as well as the model.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from pydantic import BaseModel

from sat.checks.index import Index, Problems, as_tuple, get
from sat.ids import id_text as _id_from_number
from sat.scales import QUANTITY_LIMIT

__all__ = ["quantity_problems"]

#: The number of quantiles a case asks for when it does not say (5, 50 and 95%).
_DEFAULT = (0.05, 0.5, 0.95)
#: The largest logarithm whose exponential is a float.
_LOG_LIMIT = math.log(1.7e308)


def quantity_problems(index: Index) -> Problems:
    """Every problem of the quantities' realisations and the analysts' answers, in file order."""
    return _realisations(index) + _answers(index)


def _realisations(index: Index) -> Problems:
    if "sources" in index.incomplete:
        return []
    problems: Problems = []
    for i, quantity in enumerate(index.items("quantities")):
        realization = get(quantity, "realization") if _entry(quantity) else None
        source = _id_from_number(get(realization, "source")) if _entry(realization) else None
        if isinstance(source, str) and source.strip() not in index.known["sources"]:
            problems.append(
                (
                    ("quantities", i, "realization", "source"),
                    f"unknown source '{source}' {index.listing('sources')}",
                )
            )
    return problems


def _answers(index: Index) -> Problems:
    answers = get(index.case, "quantity_estimates")
    if not isinstance(answers, Mapping):
        return []
    quantiles = as_tuple(get(index.case, "quantiles"))
    probabilities = tuple(quantiles) if isinstance(quantiles, list | tuple) else _DEFAULT
    complete = "quantities" not in index.incomplete
    scale = {
        index.known["quantities"][q]: str(get(item, "scale") or "uniform").strip().lower()
        for q, item in _with_ids(index)
    }
    problems: Problems = []
    for name, given in answers.items():
        problems += index.not_an_analyst(("quantity_estimates", name), name)
        if not isinstance(given, list | tuple):
            continue
        seen: dict[tuple[str, object], int] = {}
        for i, answer in enumerate(given):
            if not _entry(answer):
                continue
            where = ("quantity_estimates", name, i)
            ident = _id_from_number(get(answer, "quantity"))
            if not isinstance(ident, str):
                continue
            ident = ident.strip()
            if complete and ident not in index.known["quantities"]:
                problems.append(
                    (
                        (*where, "quantity"),
                        f"unknown quantity '{ident}' {index.listing('quantities')}",
                    )
                )
                continue
            round_ = get(answer, "round") or 1
            if (ident, round_) in seen:
                problems.append(
                    (
                        (*where, "round"),
                        f"a second answer of {name}'s to {ident} in round {round_} (the first is "
                        f"answer {seen[ident, round_] + 1}): give each round's answer once",
                    )
                )
            else:
                seen[ident, round_] = i
            problems += _values(
                where, answer, probabilities, scale.get(index.known["quantities"].get(ident))
            )
    return problems


def _values(
    where: tuple, answer: object, probabilities: tuple[float, ...], scale: str | None
) -> Problems:
    count = len(probabilities)
    values = get(answer, "values")
    problems: Problems = []
    if isinstance(values, list | tuple) and len(values) != count:
        problems.append(
            (
                (*where, "values"),
                f"{len(values)} values; the case's quantiles ask for {count}, one per quantile",
            )
        )
    problems += _widened(where, answer, probabilities, scale)
    if scale == "log":
        given = list(values) if isinstance(values, list | tuple) else []
        given += [get(answer, k) for k in ("lowest", "best", "highest")]
        if any(isinstance(v, int | float) and not isinstance(v, bool) and v <= 0 for v in given):
            field = "values" if isinstance(values, list | tuple) else "lowest"
            problems.append(((*where, field), "a log-scale quantity's answers must be above 0"))
    return problems


def _widened(
    where: tuple, answer: object, probabilities: tuple[float, ...], scale: str | None
) -> Problems:
    """A four-point answer widened to the case's outermost quantiles stays a number ``sat`` holds.

    The widening is IDEA's (``sat.models.idea.four_point``, which sits above these checks): the
    stated interval around the best estimate is stretched by the case's interval width over the
    confidence, on the logarithms for a log-scale quantity.
    """
    points = [get(answer, k) for k in ("lowest", "best", "highest", "confidence")]
    if not all(isinstance(v, int | float) and not isinstance(v, bool) for v in points):
        return []
    a, c, b, r = (float(v) for v in points)
    inside = [p for p in probabilities if isinstance(p, int | float) and 0 < p < 1]
    if not (a < c < b and 0.5 <= r <= 1 and inside) or (scale == "log" and a <= 0):
        return []  # refused elsewhere, in its own words
    if max(abs(a), abs(b)) > QUANTITY_LIMIT:
        return []  # the answer itself is too large: said by the field's own check
    stretch = max(1 - 2 * min(inside), 2 * max(inside) - 1, 0.0) / r
    ends = (c - (c - a) * stretch, c + (b - c) * stretch)
    if scale == "log":
        lc = math.log(c)
        logs = (lc - (lc - math.log(a)) * stretch, lc + (math.log(b) - lc) * stretch)
        ends = tuple(math.exp(v) if v < _LOG_LIMIT else math.inf for v in logs)
    if all(abs(v) <= QUANTITY_LIMIT for v in ends):
        return []
    width = max(inside) - min(inside)
    return [
        (
            (*where, "highest" if abs(ends[1]) > QUANTITY_LIMIT else "lowest"),
            f"widened to the case's {width:.0%} range (confidence {r:.0%}), this answer "
            f"reaches beyond {QUANTITY_LIMIT:g}, the largest value sat holds: narrow the "
            "range, raise the confidence, or answer in a larger unit",
        )
    ]


def _with_ids(index: Index) -> list[tuple[str, object]]:
    return [
        (q, index.items("quantities")[position])
        for q, position in index.known["quantities"].items()
    ]


def _entry(value: object) -> bool:
    return isinstance(value, Mapping | BaseModel)
