"""The claim and the small word helpers every part of the bottom line shares."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from sat.case import Case
from sat.language import listed


@dataclass(frozen=True)
class Claim:
    """One sentence of a brief: ``text``, the ``figures`` it cites, and its ``kind``.

    ``kind`` keys the condition that must hold for the sentence to be said
    (``sat.report.conditions.CONDITIONS``); ``figures`` are the numbers and ids
    the sentence states, so the condition can check them against the analysis.
    """

    kind: str
    text: str
    figures: Mapping[str, Any] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "figures": dict(self.figures)}


def text(claims: Sequence[Claim]) -> str:
    """The claims as running text (one space between sentences)."""
    return " ".join(c.text for c in claims)


def _name(case: Case, h: str) -> str:
    label = case.hypothesis(h).label
    return h if label.strip() == h else f"{h} ({label})"


#: Items as a list in a sentence (``sat.language.listed``).
_and = listed


def _num(x: float) -> str:
    return f"{x:.2f}"


def _is_are(n: int) -> str:
    return "is" if n == 1 else "are"
