"""A case's quantities and its analysts' answers as the study the classical model weighs.

Each quantity is an item (a seed when its realisation is known); each analyst who answered any
quantity is an expert. An analyst's answer to a quantity is their answer as it stood after the round
asked for: the latest they gave in that round or before it (by default their latest of all). IDEA
aggregates the second round's private answers, and an answer not revised in round 2 (a seed
question, say) still stands after it; ``round=1`` is the first round's answers alone. A four-point answer becomes quantiles at the case's
probabilities (``sat.models.idea``); the answer as given stays in the case.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING, Any

from sat.errors import AnalysisError
from sat.models.idea import FourPoint, four_point
from sat.models.study import Item, Study

if TYPE_CHECKING:
    from sat.models.quantities import QuantityAnswer

#: A case (``sat.case.Case``, which sits above the models and is not imported here): anything
#: with ``quantities``, ``quantiles`` and ``quantity_estimates``.
Case = Any

__all__ = ["answer_of", "rounds", "study_of", "study_of_items"]


def rounds(case: Case) -> tuple[int, ...]:
    """The rounds the case's answers were given in, in order (``()`` when there are none)."""
    return tuple(sorted({a.round for given in case.quantity_estimates.values() for a in given}))


def study_of(case: Case, *, round: int | None = None) -> Study:
    """The study of ``case``'s quantities: every analyst's answer as it stood after ``round``
    (default: each analyst's latest) as quantiles at the case's quantiles.

    Raises
    ------
    AnalysisError
        When the case has no quantities, or nobody answered one (by that round).

    Examples
    --------
    >>> from sat.case import Case
    >>> case = Case(
    ...     id="q", title="Q", question="How many?", date="2026-01-01", analysts=["Ana", "Ben"],
    ...     hypotheses=[{"id": "H1", "label": "a", "statement": "A."},
    ...                 {"id": "H2", "label": "b", "statement": "B."}],
    ...     quantities=[{"id": "Q1", "question": "How many?", "realization": {"value": 12}}],
    ...     quantity_estimates={"Ana": [{"quantity": "Q1", "values": [5, 10, 20]},
    ...                                 {"quantity": "Q1", "round": 2, "values": [8, 11, 15]}],
    ...                         "Ben": [{"quantity": "Q1", "lowest": 10, "highest": 30,
    ...                                  "best": 18, "confidence": 0.8}]},
    ... )
    >>> study = study_of(case)
    >>> study.experts, study.answers
    (('Ana', 'Ben'), (((8.0, 11.0, 15.0),), ((9.0, 18.0, 31.5),)))
    >>> study_of(case, round=1).answers[0]
    ((5.0, 10.0, 20.0),)
    >>> study_of(case, round=2).answers[1]  # Ben's round-1 answer still stands after round 2
    ((9.0, 18.0, 31.5),)
    """
    if not case.quantities:
        raise AnalysisError("the case has no quantities: add `quantities:` to weigh answers")
    probabilities = tuple(case.quantiles)
    scales = {q.id: q.scale for q in case.quantities}
    chosen = {name: _chosen(given, round) for name, given in case.quantity_estimates.items()}
    experts = tuple(name for name, answers in chosen.items() if answers)
    if not experts:
        said = "" if round is None else f" by round {round}"
        raise AnalysisError(f"no analyst answered a quantity{said}: add `quantity_estimates:`")
    items = study_of_items(case)
    answers = tuple(
        tuple(
            _quantiles(chosen[name].get(q.id), probabilities, scales[q.id]) for q in case.quantities
        )
        for name in experts
    )
    return Study(probabilities, items, experts, answers)


def answer_of(
    case: Case, analyst: str, quantity: str, *, round: int | None = None
) -> QuantityAnswer | None:
    """The answer of ``analyst`` to ``quantity`` that counts after ``round`` (see the module
    docstring), as given; None when they had not answered it by then."""
    return _chosen(case.quantity_estimates.get(analyst, ()), round).get(quantity)


def _chosen(given: Sequence[QuantityAnswer], round: int | None) -> Mapping[str, QuantityAnswer]:
    """Per quantity, the latest answer given in ``round`` or before it (any round: None)."""
    out: dict[str, QuantityAnswer] = {}
    for answer in given:
        if round is not None and answer.round > round:
            continue
        kept = out.get(answer.quantity)
        if kept is None or answer.round > kept.round:
            out[answer.quantity] = answer
    return out


def _quantiles(
    answer: QuantityAnswer | None, probabilities: tuple[float, ...], scale: str
) -> tuple[float, ...] | None:
    if answer is None:
        return None
    if answer.values is not None:
        return tuple(answer.values)
    point = FourPoint(answer.lowest, answer.highest, answer.best, answer.confidence)  # type: ignore[arg-type]
    return four_point(point, probabilities, scale=scale).quantiles


def study_of_items(case: Case) -> tuple[Item, ...]:
    """The case's quantities as the study's items (a seed's realisation its true value)."""
    return tuple(
        Item(
            q.id,
            question=q.question,
            scale=q.scale,
            realization=None if q.realization is None else q.realization.value,
        )
        for q in case.quantities
    )
