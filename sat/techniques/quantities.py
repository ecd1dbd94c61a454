"""A case's quantities: who answered what, and the group's equal-weight combination.

The numbers a team estimates (``quantities:`` in the case file) are answered by each analyst as
quantiles or as IDEA's four points (``sat.models.quantities``). ``run`` gathers them into the
study the classical model weighs (``sat.models.panel.study_of``: each analyst's
latest answer, or their answer as it stood after the round asked for, four-point answers widened to the case's quantiles) and
combines them with equal weights (``sat.techniques.experts_pool.equal_pool``: the analysts'
piecewise-linear distributions averaged over each quantity's background range). This needs no
seed question: it is the combination a team sees between the rounds of an IDEA session and the
one that stands when nothing can earn weights. ``sat.techniques.experts`` weighs the same answers
by how they did on the seeds.

References
----------
.. [1] R. M. Cooke, *Experts in Uncertainty*, Oxford University Press, 1991 (the mixture).
.. [2] V. Hemming, M. A. Burgman, A. M. Hanea, M. F. McBride and B. C. Wintle, "A practical
   guide to structured expert elicitation using the IDEA protocol", *Methods in Ecology and
   Evolution* 9(1), 169-180, 2018.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sat.errors import AnalysisError
from sat.models.panel import answer_of, study_of, study_of_items
from sat.models.panel import rounds as rounds_of
from sat.models.study import Study
from sat.techniques.experts_pool import equal_pool

if TYPE_CHECKING:
    from sat.case import Case

__all__ = ["QuantitiesResult", "run"]


@dataclass(frozen=True)
class QuantitiesResult:
    """The case's quantities, the answers that count, and their equal-weight combination.

    Attributes
    ----------
    study : Study
        The answers as quantiles (``sat.models.study``), one row per analyst who answered.
    round : int or None
        The round asked for: each analyst's answers as they stood after it (None: each
        analyst's latest answer).
    rounds : tuple of int
        The rounds the case's answers were given in.
    answered : dict
        By quantity id: the analysts whose answer counts, in the case's order.
    four_point : dict
        By quantity id: those of them who answered with IDEA's four points (widened to the
        case's quantiles; the answer as given stays in the case).
    combined : tuple
        Per quantity, in the case's order: the equal-weight combination's quantiles, or None
        where nobody answered.
    unseeded : tuple of str
        The analysts who answered no seed question: the classical model cannot weigh them, so
        they are left out of ``weighable`` (and said to be).
    """

    study: Study
    round: int | None
    rounds: tuple[int, ...]
    answered: dict[str, tuple[str, ...]]
    four_point: dict[str, tuple[str, ...]]
    combined: tuple[tuple[float, ...] | None, ...]
    unseeded: tuple[str, ...] = ()

    @property
    def weighable(self) -> Study:
        """The study of the analysts who answered a seed question (the ones who can be weighed).

        Raises
        ------
        AnalysisError
            When nobody can be weighed: the case has no quantities, no seed question, or no
            answer to one.
        """
        if not self.study.items:
            raise AnalysisError(
                "the case has no quantities: add `quantities:`, some with a known `realization` "
                "(seed questions), to weigh the analysts' answers"
            )
        if not self.seeds:
            raise AnalysisError(
                "no quantity has a known answer (`realization`): weighing the analysts needs "
                "seed questions"
            )
        if len(self.unseeded) == len(self.study.experts):
            raise AnalysisError("no analyst answered a seed question: weighing needs their answers")
        keep = [e not in self.unseeded for e in self.study.experts]
        return replace(
            self.study,
            experts=tuple(e for e, k in zip(self.study.experts, keep, strict=True) if k),
            answers=tuple(a for a, k in zip(self.study.answers, keep, strict=True) if k),
        )

    @property
    def probabilities(self) -> tuple[float, ...]:
        return self.study.probabilities

    @property
    def quantities(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.study.items)

    @property
    def seeds(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.study.seeds)

    @property
    def targets(self) -> tuple[str, ...]:
        return tuple(q.id for q in self.study.targets)

    def to_dict(self) -> dict[str, Any]:
        def listed(q: tuple[float, ...] | None) -> list[float] | None:
            return None if q is None or any(math.isnan(v) for v in q) else list(q)

        return {
            "probabilities": list(self.probabilities),
            "round": self.round,
            "rounds": list(self.rounds),
            "seeds": list(self.seeds),
            "targets": list(self.targets),
            "answered": {q: list(a) for q, a in self.answered.items()},
            "four_point": {q: list(a) for q, a in self.four_point.items() if a},
            "unseeded": list(self.unseeded),
            "combined": {q: listed(c) for q, c in zip(self.quantities, self.combined, strict=True)},
        }


def run(case: Case, *, round: int | None = None) -> QuantitiesResult:
    """Gather the answers to the case's quantities and combine them with equal weights.

    A case without quantities, or without an answer, gives a result with nothing in it (every
    quantity unanswered).

    Parameters
    ----------
    case : Case
    round : int, optional
        The answers as they stood after this round: the latest given in it or before it
        (default: each analyst's latest).

    Raises
    ------
    AnalysisError
        When ``round`` is not a round any answer was given in.

    Examples
    --------
    >>> from sat.case import Case
    >>> case = Case(
    ...     id="q", title="Q", question="How many?", date="2026-01-01", analysts=["Ana", "Ben"],
    ...     hypotheses=[{"id": "H1", "label": "a", "statement": "A."},
    ...                 {"id": "H2", "label": "b", "statement": "B."}],
    ...     quantities=[{"id": "Q1", "question": "How many?"}],
    ...     quantity_estimates={"Ana": [{"quantity": "Q1", "values": [2, 3, 4]}],
    ...                         "Ben": [{"quantity": "Q1", "values": [6, 7, 8]}]},
    ... )
    >>> result = run(case)
    >>> result.answered, [round(v, 4) for v in result.combined[0]]
    ({'Q1': ('Ana', 'Ben')}, [2.0943, 5.0, 7.9057])
    """
    if round is not None and round not in rounds_of(case):
        said = ", ".join(str(r) for r in rounds_of(case)) or "none"
        raise AnalysisError(f"no answer was given in round {round} (rounds answered: {said})")
    if not case.quantity_estimates or not case.quantities:  # nothing asked, or nothing answered
        items = study_of_items(case)
        empty = Study(tuple(case.quantiles), items, (), ())
        ids = [q.id for q in items]
        return QuantitiesResult(
            empty, round, (), dict.fromkeys(ids, ()), dict.fromkeys(ids, ()), (None,) * len(ids)
        )
    study = study_of(case, round=round)
    answered: dict[str, tuple[str, ...]] = {}
    four_point: dict[str, tuple[str, ...]] = {}
    for i, q in enumerate(study.items):
        who = tuple(e for e, row in zip(study.experts, study.answers, strict=True) if row[i])
        answered[q.id] = who
        four_point[q.id] = tuple(
            e for e in who if getattr(answer_of(case, e, q.id, round=round), "four_point", False)
        )
    return QuantitiesResult(
        study=study,
        round=round,
        rounds=rounds_of(case),
        answered=answered,
        four_point=four_point,
        combined=equal_pool(study),
        unseeded=tuple(
            e
            for e, row in zip(study.experts, study.answers, strict=True)
            if not any(a is not None for a, q in zip(row, study.items, strict=True) if q.seed)
        ),
    )
