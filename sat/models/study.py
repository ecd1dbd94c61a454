"""A panel's quantile assessments: the questions, the panel's quantiles and, for seed questions,
the true values (the input of ``sat.techniques.experts``).

A ``Study`` is what Cooke's classical model weighs: quantile probabilities
0 < p_1 < ... < p_m < 1 fixed for the whole study, the quantities asked about (a *seed* has a
known ``realization``, a *target* has none), and each expert's m quantiles per quantity, or None
where the expert gave no answer. ``sat.io.excalibur`` reads and writes Excalibur's ``.dtt`` and
``.rls`` files as a ``Study``; a case file's quantities will give one too.

Examples
--------
>>> s = Study(
...     probabilities=(0.05, 0.5, 0.95),
...     items=(Item("Q1", realization=4.0), Item("Q2", scale="log")),
...     experts=("A", "B"),
...     answers=(((1.0, 3.0, 9.0), (10.0, 20.0, 40.0)), ((2.0, 5.0, 6.0), None)),
... )
>>> [q.id for q in s.seeds], s.answer("B", "Q2") is None
(['Q1'], True)
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise

__all__ = ["SCALES", "Item", "Study"]

#: The backgrounds a quantity's information is measured against: ``uniform`` on the values,
#: ``log`` (log-uniform) on their natural logarithms.
SCALES = ("uniform", "log")


@dataclass(frozen=True, slots=True)
class Item:
    """One quantity (an item) the experts were asked about.

    Parameters
    ----------
    id : str
        The quantity's id (an Excalibur item id: at most 14 characters there).
    question : str
        The question as asked ("" when the file gives none).
    scale : {"uniform", "log"}
        The background measure: ``log`` scores the item on ln(values), for quantities
        that span orders of magnitude (all values must then be positive).
    realization : float or None
        The true value of a seed question; None for a target.
    """

    id: str
    question: str = ""
    scale: str = "uniform"
    realization: float | None = None

    def __post_init__(self) -> None:
        if self.scale not in SCALES:
            raise ValueError(f"scale should be one of {', '.join(SCALES)}, not {self.scale!r}")
        if self.realization is not None and not math.isfinite(self.realization):
            raise ValueError(f"realization of {self.id} should be a finite number")

    @property
    def seed(self) -> bool:
        """Whether the true value is known (a seed question)."""
        return self.realization is not None


@dataclass(frozen=True, slots=True)
class Study:
    """A panel's quantile assessments of a set of quantities.

    Parameters
    ----------
    probabilities : tuple of float
        The quantile probabilities, increasing, strictly between 0 and 1 (e.g. 0.05, 0.5, 0.95).
    items : tuple of Item
        The quantities, in order; ids unique.
    experts : tuple of str
        The experts' ids, in order; unique.
    answers : tuple of tuples
        ``answers[e][i]`` is expert e's quantiles of quantity i (one per probability) or None
        when the expert did not answer it.
    """

    probabilities: tuple[float, ...]
    items: tuple[Item, ...]
    experts: tuple[str, ...]
    answers: tuple[tuple[tuple[float, ...] | None, ...], ...]

    def __post_init__(self) -> None:
        p = self.probabilities
        if not p or any(not 0 < x < 1 for x in p) or any(a >= b for a, b in pairwise(p)):
            raise ValueError(f"probabilities should increase strictly within (0, 1), not {p}")
        if len({q.id for q in self.items}) != len(self.items):
            raise ValueError("quantity ids should be unique")
        if len(set(self.experts)) != len(self.experts):
            raise ValueError("expert ids should be unique")
        if len(self.answers) != len(self.experts) or any(
            len(row) != len(self.items) for row in self.answers
        ):
            raise ValueError("answers should hold one row per expert, one entry per quantity")
        for row in self.answers:
            for a in row:
                if a is not None and len(a) != len(p):
                    raise ValueError(f"each answer should hold {len(p)} quantiles, not {a}")

    @property
    def seeds(self) -> tuple[Item, ...]:
        """The quantities with a known true value."""
        return tuple(q for q in self.items if q.seed)

    @property
    def targets(self) -> tuple[Item, ...]:
        """The quantities whose true value is not known."""
        return tuple(q for q in self.items if not q.seed)

    def answer(self, expert: str, quantity: str) -> tuple[float, ...] | None:
        """Expert ``expert``'s quantiles of quantity ``quantity`` (None: not answered)."""
        e = self.experts.index(expert)
        i = [q.id for q in self.items].index(quantity)
        return self.answers[e][i]
