"""Checks across a case's quantities and the answers to them.

A seed's realisation names a source of the case; each analyst's answers name the case's
analysts and its quantities; an answer in quantiles gives one value per quantile of the case; a
log-scale quantity's answers are above 0 (its information is measured on the logarithm); an
analyst answers a quantity once per round. The checks read plain data as well as the model.
"""

from __future__ import annotations

from collections.abc import Mapping

from pydantic import BaseModel

from sat.checks.index import Index, Problems, as_tuple, get
from sat.ids import id_text as _id_from_number

__all__ = ["quantity_problems"]

#: The number of quantiles a case asks for when it does not say (5, 50 and 95%).
_DEFAULT_COUNT = 3


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
    count = len(quantiles) if isinstance(quantiles, list | tuple) else _DEFAULT_COUNT
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
                where, answer, count, scale.get(index.known["quantities"].get(ident))
            )
    return problems


def _values(where: tuple, answer: object, count: int, scale: str | None) -> Problems:
    values = get(answer, "values")
    problems: Problems = []
    if isinstance(values, list | tuple) and len(values) != count:
        problems.append(
            (
                (*where, "values"),
                f"{len(values)} values; the case's quantiles ask for {count}, one per quantile",
            )
        )
    if scale == "log":
        given = list(values) if isinstance(values, list | tuple) else []
        given += [get(answer, k) for k in ("lowest", "best", "highest")]
        if any(isinstance(v, int | float) and not isinstance(v, bool) and v <= 0 for v in given):
            field = "values" if isinstance(values, list | tuple) else "lowest"
            problems.append(((*where, field), "a log-scale quantity's answers must be above 0"))
    return problems


def _with_ids(index: Index) -> list[tuple[str, object]]:
    return [
        (q, index.items("quantities")[position])
        for q, position in index.known["quantities"].items()
    ]


def _entry(value: object) -> bool:
    return isinstance(value, Mapping | BaseModel)
