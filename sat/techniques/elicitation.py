"""Blind rating: one analyst rates every item across the hypotheses, in a random order, unseen by others.

Two practices help an analyst not to anchor. Heuer's advice to work across the
matrix (one item against every hypothesis before the next item) keeps the
judgement about the item, not about a favoured hypothesis; and not seeing the
scores, or other analysts' ratings, until one's own are in keeps the ratings
one's own. Items come in a random order, drawn with a seed that is kept with
the session, so the order can be drawn again, and the order in which items
were rated is kept, so order effects can be studied (Dhami, Belton and Mandel
2019 and Mandel, Karvetski and Dhami 2018 found the ordering and layout of the
matrix affect judgement).

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8, step 3
   (work across the matrix).
.. [2] M. K. Dhami, I. K. Belton and D. R. Mandel, "The 'analysis of competing
   hypotheses' in intelligence analysis", *Applied Cognitive Psychology* 33(6), 2019.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sat.case import Case

__all__ = ["Session", "draw_order", "session"]


def draw_order(case: Case, seed: int) -> tuple[str, ...]:
    """The case's evidence ids in a random order drawn with ``seed`` (the same seed, the same order).

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> case = load_case(EXAMPLE_CASE)
    >>> draw_order(case, 7) == draw_order(case, 7), sorted(draw_order(case, 7)) == [e.id for e in case.evidence]
    (True, True)
    """
    ids = [e.id for e in case.evidence]
    return tuple(ids[k] for k in np.random.default_rng(seed).permutation(len(ids)))


@dataclass(frozen=True)
class Session:
    """Where an analyst's blind session stands.

    Attributes
    ----------
    order : tuple of str
        The items in the order they are shown (items added to the case after the
        session began come last, in case order).
    rated : tuple of str
        The items the analyst has rated across every hypothesis, in the order rated.
    current : str or None
        The next item to rate (None when every item is rated).
    """

    analyst: str
    seed: int
    order: tuple[str, ...]
    rated: tuple[str, ...]
    current: str | None

    @property
    def done(self) -> bool:
        return self.current is None

    @property
    def position(self) -> int:
        """1-based: the current item's place in the order (one past the end when done)."""
        return len(self.rated) + 1


def session(case: Case, analyst: str) -> Session | None:
    """The analyst's session, or None if it has not begun.

    An item counts as rated when it is in the session's ``entered`` list and the
    analyst's own ratings of it cover every hypothesis.
    """
    record = case.elicitation.get(analyst)
    if record is None:
        return None
    ids = [e.id for e in case.evidence]
    hyps = {h.id for h in case.hypotheses}
    order = [i for i in record.order if i in ids] + [i for i in ids if i not in record.order]
    complete = {e.id for e in case.evidence if hyps <= set(e.analyst_ratings.get(analyst, {}))}
    rated = tuple(i for i in record.entered if i in complete)
    remaining = [i for i in order if i not in rated]
    return Session(analyst, record.seed, tuple(order), rated, remaining[0] if remaining else None)
