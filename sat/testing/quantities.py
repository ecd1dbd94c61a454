"""Generated quantity cases: a Hypothesis strategy over the shapes a team's numbers take.

``quantity_cases`` draws a case with one to five quantities (seeds or targets, uniform or log,
with or without a unit), one to four analysts who answer some of them (as increasing quantiles
or as IDEA's four points) and one of several sets of quantiles (symmetric or not, with or without
the 50% one), so that property tests can look for the situation where a sentence about the
team's numbers is false: nobody weighed, a target only unweighed analysts answered, a case with
no median to state. Hypothesis is imported only when the strategy is called.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from hypothesis.strategies import SearchStrategy

    from sat.case import Case

__all__ = ["QUANTILE_SETS", "quantity_cases"]

#: The quantile sets drawn: the classical model's usual one, a narrower one, Excalibur's five, and
#: an asymmetric pair without a median.
QUANTILE_SETS: tuple[tuple[float, ...], ...] = (
    (0.05, 0.5, 0.95),
    (0.1, 0.5, 0.9),
    (0.05, 0.25, 0.5, 0.75, 0.95),
    (0.1, 0.8),
)

_HYPOTHESES = [
    {"id": "H1", "label": "a", "statement": "A."},
    {"id": "H2", "label": "b", "statement": "B."},
]


def quantity_cases(max_quantities: int = 5, max_analysts: int = 4) -> SearchStrategy[Case]:
    """A Hypothesis strategy for valid cases with quantities and answers.

    Examples
    --------
    >>> from hypothesis import given, settings
    >>> @settings(max_examples=5, deadline=None)
    ... @given(quantity_cases())
    ... def check(case):
    ...     assert 1 <= len(case.quantities) <= 5
    >>> check()
    """
    from hypothesis import strategies as st

    from sat.case import Case

    @st.composite
    def draw_case(draw: Any) -> Case:
        probabilities = draw(st.sampled_from(QUANTILE_SETS))
        analysts = [f"Analyst {c}" for c in "ABCDEFGH"[: draw(st.integers(1, max_analysts))]]
        quantities: list[dict[str, Any]] = []
        answers: dict[str, list[dict[str, Any]]] = {a: [] for a in analysts}
        for i in range(1, draw(st.integers(1, max_quantities)) + 1):
            quantity: dict[str, Any] = {"id": f"Q{i}", "question": f"How many {i}?"}
            if draw(st.booleans()):
                quantity["scale"] = "log"
            if draw(st.booleans()):
                quantity["realization"] = {"value": draw(st.floats(1, 100))}
            unit = draw(st.sampled_from([None, "%", "firms"]))
            if unit:
                quantity["unit"] = unit
            quantities.append(quantity)
            for analyst in analysts:
                if draw(st.booleans()):
                    answers[analyst].append(_answer(draw, st, quantity["id"], probabilities))
        data = {
            "id": "q",
            "title": "Q",
            "question": "How many?",
            "date": "2026-01-01",
            "analysts": analysts,
            "hypotheses": _HYPOTHESES,
            "quantiles": list(probabilities),
            "quantities": quantities,
            "quantity_estimates": {a: given for a, given in answers.items() if given},
        }
        return Case.model_validate(data)

    return draw_case()


def _answer(draw: Any, st: Any, quantity: str, probabilities: tuple[float, ...]) -> dict[str, Any]:
    """One answer: increasing positive quantiles, or the four points around their ends."""
    values = [draw(st.floats(1, 50))]
    for step in draw(st.lists(st.floats(0.5, 30), min_size=len(probabilities) - 1,
                              max_size=len(probabilities) - 1)):  # fmt: skip
        values.append(values[-1] + step)
    if draw(st.booleans()) and len(values) >= 2:
        return {
            "quantity": quantity,
            "lowest": values[0],
            "best": (values[0] + values[-1]) / 2,
            "highest": values[-1],
            "confidence": draw(st.floats(0.5, 1)),
        }
    return {"quantity": quantity, "values": values}
