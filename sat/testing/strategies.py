"""Hypothesis strategies over the situations (Hypothesis is imported only when they are called)."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING, Any

from sat.testing.situations import SITUATIONS, situation
from sat.testing.specs import _SPECS, _bounds, _fits

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from sat.case import Case


def cases(
    situations: Iterable[str] = SITUATIONS, max_evidence: int = 30, max_hypotheses: int = 12
) -> SearchStrategy[dict[str, Any]]:
    """A Hypothesis strategy for case data: a situation, a seed and sizes, drawn.

    Shrinks towards the first situation listed, seed 0 and the fewest items and
    hypotheses the situation allows. With the default ``situations``, those that
    cannot fit the bounds (twelve-hypotheses under ``max_hypotheses=12``) are left
    out; a situation named explicitly that cannot fit is an error.

    Parameters
    ----------
    situations : iterable of str
        Names from ``SITUATIONS``.
    max_evidence, max_hypotheses : int
        Largest sizes drawn (example-like keeps its own hypotheses).

    Returns
    -------
    hypothesis.strategies.SearchStrategy of dict

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, deadline=None)
    ... @given(cases(["top-tie", "all-na"], max_evidence=6))
    ... def test(data):
    ...     assert len(data["evidence"]) <= 6
    >>> test()
    """
    from hypothesis import strategies as st

    explicit = situations is not SITUATIONS
    names = tuple(situations)
    unknown = [n for n in names if n not in _SPECS]
    if unknown or not names:
        raise ValueError(
            f"unknown situations {unknown} (known: {', '.join(SITUATIONS)})"
            if unknown
            else "no situations given"
        )
    fitting = tuple(n for n in names if _fits(n, max_evidence, max_hypotheses))
    if (explicit and fitting != names) or not fitting:
        misfits = [n for n in names if n not in fitting]
        raise ValueError(
            f"{', '.join(misfits)} cannot fit max_evidence={max_evidence}, "
            f"max_hypotheses={max_hypotheses}"
        )

    @st.composite
    def draw(pick: Callable) -> dict[str, Any]:
        name = pick(st.sampled_from(fitting))
        low_e, high_e, hyps = _bounds(name, max_evidence, max_hypotheses)
        n_e = pick(st.integers(low_e, high_e))
        n_h = None if hyps is None else pick(st.integers(*hyps))
        seed = pick(st.integers(0, 2**32 - 1))
        return situation(name, seed=seed, n_evidence=n_e, n_hypotheses=n_h)

    return draw()


def case_objects(
    situations: Iterable[str] = SITUATIONS, max_evidence: int = 30, max_hypotheses: int = 12
) -> SearchStrategy[Case]:
    """``cases`` mapped to validated ``sat.case.Case`` objects (same arguments).

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=3, deadline=None)
    ... @given(case_objects(["no-sources"]))
    ... def test(case):
    ...     assert not case.sources
    >>> test()
    """
    from sat.case import Case

    return cases(situations, max_evidence, max_hypotheses).map(Case.model_validate)
