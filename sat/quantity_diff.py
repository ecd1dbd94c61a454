"""What changed in a case's quantities between two versions, and what it did to the numbers.

The structural part compares the two cases: the quantiles every answer gives, quantities added
and removed, a field of one changed (its question, label, unit, scale, realisation, resolution or
discussion; a quantity that gains a realisation becomes a seed question, which changes the
weights, and is its own kind of change, as is a seed question added or removed), and each analyst's answers added, changed or removed,
per quantity and round, as given (quantiles, or IDEA's four points).

The numbers are read from the two analyses (``Analysis.quantities`` and ``Analysis.experts``):
for each target of both versions, the equal-weight combination's median and the range between its
first and last quantile before and after, and the performance-weighted decision maker's where
both versions have one; and each analyst's weight before and after where both versions weigh the
analysts on seed questions (Cooke's classical model).

``sat.diff.run`` calls ``run`` for two versions of which either has quantities or answers; the
words are ``sat.report.text.team.diff``'s.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import pandas as pd

from sat.analysis import Analysis
from sat.case import Case
from sat.techniques._frames import FrameCopy

__all__ = ["ANSWER_KINDS", "KINDS", "QuantityChanges", "involved", "run"]

#: The kinds of change to the quantities, in the order they are listed.
KINDS = (
    "quantiles changed",
    "quantity added",
    "quantity removed",
    "realization added",
    "realization removed",
    "quantity changed",
)
#: The kinds of change to an answer.
ANSWER_KINDS = ("answer added", "answer changed", "answer removed")
#: A quantity's fields compared (the realisation's value on its own, see ``KINDS``).
FIELDS = ("label", "question", "unit", "scale", "realization", "resolution", "discussion")
#: The decision makers whose combined estimates are compared: equal weights, and the
#: performance-weighted (global-weight) one of Cooke's classical model.
WEIGHTS = ("equal", "global")

_CHANGE_COLUMNS = ["kind", "item", "field", "old", "new"]
_ANSWER_COLUMNS = ["kind", "quantity", "analyst", "round", "old", "new"]
_ESTIMATE_COLUMNS = [f"{v}_{c}" for v in ("old", "new") for c in ("median", "low", "high")]


@dataclass(frozen=True)
class QuantityChanges:
    """What changed in the quantities and the answers, and the combined estimates and weights of
    both versions.

    Attributes
    ----------
    changes : pandas.DataFrame
        One row per change to the quantities: ``kind`` (``KINDS``), ``item`` (the quantity's id;
        empty for the case's quantiles), ``field``, ``old``, ``new``. A quantity added or removed
        has its question (and a seed question added or removed its realisation too, as
        ``realization added`` or ``removed``); a realisation its value; a resolution
        ``{criterion, deadline}``.
    answers : pandas.DataFrame
        One row per answer added, changed or removed (``ANSWER_KINDS``), by ``quantity``,
        ``analyst`` and ``round``: ``old`` and ``new`` as given, the quantiles' values as a tuple
        or IDEA's four points as ``{lowest, best, highest, confidence}`` (None where there is none).
    estimates : pandas.DataFrame
        Indexed by (``quantity``, ``weights``): each target of both versions (a quantity without
        a realisation in either), with ``weights`` ``equal`` for every such target and ``global``
        where both versions have a performance-weighted decision maker; the ``median`` (NaN when
        the quantiles hold no 50%) and the first (``low``) and last (``high``) quantile, ``old_``
        and ``new_`` (NaN where nobody, or nobody weighed, answered it).
    weights : pandas.DataFrame
        Indexed by ``analyst``: the ``old`` and ``new`` weight of every analyst weighed in either
        version (NaN in the one that does not weigh them); empty unless both versions weigh.
    old_probabilities, new_probabilities : tuple of float
        The quantiles each version's answers give (the ``low`` and ``high`` above are the first
        and the last of them).
    """

    old_probabilities: tuple[float, ...]
    new_probabilities: tuple[float, ...]
    changes_frame: pd.DataFrame = field(repr=False)
    answers_frame: pd.DataFrame = field(repr=False)
    estimates_frame: pd.DataFrame = field(repr=False)
    weights_frame: pd.DataFrame = field(repr=False)

    changes = FrameCopy()
    answers = FrameCopy()
    estimates = FrameCopy()
    weights = FrameCopy()

    @property
    def changed(self) -> bool:
        """Whether a quantity, the quantiles or an answer changed."""
        return not (self.changes_frame.empty and self.answers_frame.empty)

    def to_dict(self) -> dict[str, Any]:
        def cell(v: Any) -> Any:
            if isinstance(v, float) and math.isnan(v):
                return None
            if isinstance(v, tuple):
                return list(v)
            return v.item() if hasattr(v, "item") else v

        def records(frame: pd.DataFrame) -> list[dict[str, Any]]:
            return [{k: cell(v) for k, v in row.items()} for row in frame.to_dict("records")]

        return {
            "old_probabilities": list(self.old_probabilities),
            "new_probabilities": list(self.new_probabilities),
            "changes": records(self.changes_frame),
            "answers": records(self.answers_frame),
            "estimates": records(self.estimates_frame.reset_index()),
            "weights": records(self.weights_frame.reset_index()),
        }


def involved(old: Case, new: Case) -> bool:
    """Whether either version asks for quantities or holds answers to them."""
    return any(c.quantities or c.quantity_estimates for c in (old, new))


def run(old: Analysis, new: Analysis) -> QuantityChanges:
    """Compare the quantities of two versions of a case, and the numbers they give.

    Examples
    --------
    >>> import sat
    >>> from sat.paths import EXAMPLE_CASE
    >>> case = sat.load_case(EXAMPLE_CASE)
    >>> q4 = case.quantities[3].model_copy(update={"unit": "firms"})
    >>> edited = case.model_copy(update={"quantities": (*case.quantities[:3], q4, case.quantities[4])})
    >>> found = run(sat.analyse(case), sat.analyse(edited))
    >>> found.changes.values.tolist()
    [['quantity changed', 'Q4', 'unit', 'companies', 'firms']]
    >>> found.estimates.index.tolist()
    [('Q4', 'equal'), ('Q4', 'global'), ('Q5', 'equal'), ('Q5', 'global')]
    """
    old_case, new_case = old.case, new.case
    changes = _quantiles(old_case, new_case) + _quantities(old_case, new_case)
    changes.sort(key=lambda c: KINDS.index(c["kind"]))
    return QuantityChanges(
        old_probabilities=tuple(old_case.quantiles),
        new_probabilities=tuple(new_case.quantiles),
        changes_frame=pd.DataFrame(changes, columns=_CHANGE_COLUMNS, dtype=object),
        answers_frame=pd.DataFrame(
            _answers(old_case, new_case), columns=_ANSWER_COLUMNS, dtype=object
        ),
        estimates_frame=_estimates(old, new),
        weights_frame=_weights(old, new),
    )


def _change(kind: str, item: str, name: str, old: Any, new: Any) -> dict[str, Any]:
    return {"kind": kind, "item": item, "field": name, "old": old, "new": new}


def _quantiles(old: Case, new: Case) -> list[dict[str, Any]]:
    """The quantiles every answer gives, when the case changed them."""
    if tuple(old.quantiles) == tuple(new.quantiles):
        return []
    return [_change("quantiles changed", "", "quantiles", old.quantiles, new.quantiles)]


def _value(quantity: Any, name: str) -> Any:
    """A quantity's field as compared: the realisation by its value, the resolution as
    ``{criterion, deadline}``."""
    value = getattr(quantity, name)
    if value is None:
        return None
    if name == "realization":
        return value.value
    if name == "resolution":
        return value.model_dump(mode="json", include={"criterion", "deadline"})
    return value


def _quantities(old: Case, new: Case) -> list[dict[str, Any]]:
    """Quantities added and removed, realisations added and removed (a seed question's with it),
    fields changed."""
    was, now = {q.id: q for q in old.quantities}, {q.id: q for q in new.quantities}
    out = [_change("quantity added", q, "", None, now[q].question) for q in now if q not in was]
    out += [_change("quantity removed", q, "", was[q].question, None) for q in was if q not in now]
    for q in dict.fromkeys([*now, *was]):  # the new version's order, then the quantities gone
        both = q in was and q in now  # of one added or removed, only the realisation is compared
        for name in FIELDS if both else ("realization",):
            before = _value(was[q], name) if q in was else None
            after = _value(now[q], name) if q in now else None
            if before == after:
                continue
            kind = "quantity changed"
            if name == "realization" and before is None:
                kind = "realization added"  # a target becomes a seed: the weights change
            elif name == "realization" and after is None:
                kind = "realization removed"
            out.append(_change(kind, q, name, before, after))
    return out


def _given(answer: Any) -> Any:
    """An answer as given: its quantiles' values, or IDEA's four points."""
    if not answer.four_point:
        return tuple(answer.values)
    return {k: getattr(answer, k) for k in ("lowest", "best", "highest", "confidence")}


def _by_key(case: Case) -> dict[tuple[str, str, int], Any]:
    """Each answer as given by (quantity, analyst, round); the later of two for the same key."""
    return {
        (a.quantity, analyst, a.round): _given(a)
        for analyst, answers in case.quantity_estimates.items()
        for a in answers
    }


def _answers(old: Case, new: Case) -> list[dict[str, Any]]:
    """Each answer added, changed or removed, by quantity (the new version's order, then the
    old's), analyst (likewise) and round."""
    was, now = _by_key(old), _by_key(new)
    quantities = [q.id for q in new.quantities] + [q.id for q in old.quantities]
    analysts = list(new.quantity_estimates) + list(old.quantity_estimates)
    keys = list(dict.fromkeys([*now, *was]))

    def order(key: tuple[str, str, int]) -> tuple[int, int, int]:
        q, a, r = key
        at = quantities.index(q) if q in quantities else len(quantities)
        return (at, analysts.index(a), r)

    rows = []
    for key in sorted(keys, key=order):
        before, after = was.get(key), now.get(key)
        if before == after:
            continue
        kind = "answer added" if before is None else "answer removed" if after is None else None
        q, a, r = key
        rows.append(
            {
                "kind": kind or "answer changed",
                "quantity": q,
                "analyst": a,
                "round": r,
                "old": before,
                "new": after,
            }
        )
    return rows


def _summary(probabilities: tuple[float, ...], quantiles: Any) -> tuple[float, float, float]:
    """A combination's median (NaN without a 50% quantile), first and last quantile (NaN where
    there is none)."""
    if quantiles is None or any(math.isnan(v) for v in quantiles):
        return (math.nan, math.nan, math.nan)
    median = quantiles[probabilities.index(0.5)] if 0.5 in probabilities else math.nan
    return (float(median), float(quantiles[0]), float(quantiles[-1]))


def _combined(analysis: Analysis) -> dict[str, dict[str, Any]]:
    """Each target's equal-weight combination, and the global-weight one where the analysts
    can be weighed: {weights: {quantity: quantiles}} (nothing combined where nothing can be:
    an answer list with no answer in it)."""
    found = analysis.optional("quantities")
    out: dict[str, dict[str, Any]] = {
        "equal": {} if found is None else dict(zip(found.quantities, found.combined, strict=True))
    }
    experts = analysis.optional("experts")
    if experts is not None:
        out["global"] = dict(zip(experts.items, experts.optimised.quantiles, strict=True))
    return out


def _estimates(old: Analysis, new: Analysis) -> pd.DataFrame:
    """The combined estimates of each target of both versions, before and after."""
    targets = [
        q.id
        for q in new.case.quantities
        if q.realization is None
        and any(p.id == q.id and p.realization is None for p in old.case.quantities)
    ]
    before, after = _combined(old), _combined(new)
    probabilities = (tuple(old.case.quantiles), tuple(new.case.quantiles))
    rows, index = [], []
    for q in targets:
        for weights in (w for w in WEIGHTS if w in before and w in after):
            index.append((q, weights))
            rows.append(
                _summary(probabilities[0], before[weights].get(q))
                + _summary(probabilities[1], after[weights].get(q))
            )
    return pd.DataFrame(
        rows,
        columns=_ESTIMATE_COLUMNS,
        index=pd.MultiIndex.from_tuples(index, names=["quantity", "weights"]),
        dtype=float,
    )


def _weights(old: Analysis, new: Analysis) -> pd.DataFrame:
    """Each analyst's weight in both versions, when both weigh the analysts."""
    was, now = old.optional("experts"), new.optional("experts")
    if was is None or now is None:
        return pd.DataFrame(
            {"old": [], "new": []}, index=pd.Index([], name="analyst", dtype=object), dtype=float
        )
    before = dict(zip(was.experts, was.optimised.weights, strict=True))
    after = dict(zip(now.experts, now.optimised.weights, strict=True))
    analysts = list(dict.fromkeys([*now.experts, *was.experts]))
    return pd.DataFrame(
        {
            "old": [float(before.get(a, math.nan)) for a in analysts],
            "new": [float(after.get(a, math.nan)) for a in analysts],
        },
        index=pd.Index(analysts, name="analyst", dtype=object),
    )
