"""The information gaps the case's data reveal, in words: one sentence per kind of gap.

``sat.techniques.gaps`` gives the facts (hypotheses never tested against disconfirming evidence
and the analysts' own votes against them, kinds of evidence not collected, whether any absence
of evidence is recorded, unrated cells by hypothesis, items citing no source); here each
becomes a sentence for the text view, the HTML view, the brief and ``sat gaps --json``.

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8 (steps 2 and 5).
"""

from __future__ import annotations

from typing import Any

from sat.language import dissent

__all__ = ["gaps_data", "gaps_found"]


def gaps_found(result: Any) -> list[str]:
    """The data-driven gaps of a ``GapsResult``, one sentence each (none: an empty list).

    Examples
    --------
    >>> from sat.techniques.gaps import GapsResult
    >>> gaps_found(GapsResult((), ("H2",), ("imagery",), ("E4",), {"H1": 0, "H2": 2}, ()))
    ['Never tested against disconfirming evidence (no item rated I or II in the agreed matrix): H2.', 'Kinds of evidence not collected: imagery.', 'Unrated cells: H2 2.']
    """
    lines = []
    if result.untested:
        named = []
        for h in result.untested:
            votes = result.dissent.get(h)
            named.append(f"{h} (though {dissent(votes)})" if votes else h)
        lines.append(
            "Never tested against disconfirming evidence (no item rated I or II in the agreed "
            "matrix): " + ", ".join(named) + "."
        )
    if result.missing_types:
        lines.append("Kinds of evidence not collected: " + ", ".join(result.missing_types) + ".")
    if not result.absences:
        lines.append("No expected-but-absent evidence is recorded (Heuer's step 2 asks for it).")
    rated_gaps = {h: n for h, n in result.unrated.items() if n}
    if rated_gaps:
        lines.append("Unrated cells: " + ", ".join(f"{h} {n}" for h, n in rated_gaps.items()) + ".")
    if result.unsourced:
        lines.append("Items citing no source: " + ", ".join(result.unsourced) + ".")
    return lines


def gaps_data(result: Any) -> dict[str, Any]:
    """The result as ``sat gaps --json`` gives it: its facts, and ``found`` in words."""
    return {**result.to_dict(), "found": gaps_found(result)}
