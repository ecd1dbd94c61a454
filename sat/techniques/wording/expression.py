"""One expression found in an analyst's text: what it says, where, and what it claims."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sat.techniques.wording.terms import CONFIDENCE_LEVELS

__all__ = ["KINDS", "Expression"]

#: The kinds of expression ``expressions`` returns.
KINDS = ("estimative", "confidence", "ranking", "certainty")


@dataclass(frozen=True)
class Expression:
    """One expression found in a text.

    Attributes
    ----------
    phrase : str
        The words as written (``text[span[0]:span[1]]``).
    span : tuple of int
        Its start and end in the text.
    kind : str
        ``estimative`` (a probability band), ``confidence`` (a level), ``ranking``
        ("most likely": first among the hypotheses) or ``certainty`` (an unhedged marker).
    band : tuple of float or None
        For an estimative expression, the probabilities it allows (low, high); None for one
        the reader found but cannot resolve (a denied figure, a negation both around and inside
        the words, a negated clause after them): ``check`` calls it ``unchecked``.
    side : str or None
        Which way an estimative expression leans: ``likely``, ``unlikely`` or ``even``.
    level : str or None
        For a confidence expression, the level named (``low``, ``moderate``, ``high``);
        ``levels`` gives the levels it allows once a negation is read.
    top : str or None
        For a range of confidence levels ("low-to-moderate confidence", "considerable
        confidence": moderate to high), the higher level; ``level`` is the lower.
    negated : bool
        Whether a negation or an inversion was read ("not likely", "probably not",
        "cannot rule out", "not the most likely", "we are not confident").
    term : str or None
        The term the band was read through (``terms.TERMS``), or ``percentage``,
        ``ratio``, or two terms joined by "to".
    source : str or None
        Where the band comes from: a table, or the convention followed.
    sentence : tuple of int
        The span of the sentence it is in.
    """

    phrase: str
    span: tuple[int, int]
    kind: str
    band: tuple[float, float] | None = None
    side: str | None = None
    level: str | None = None
    negated: bool = False
    top: str | None = None
    term: str | None = None
    source: str | None = None
    sentence: tuple[int, int] = (0, 0)

    @property
    def levels(self) -> tuple[str, ...]:
        """The confidence levels a confidence expression allows: the one named, or once denied
        those below it ("not high": low and moderate; "not moderate": low) or, for "not low",
        those above; a range ("low-to-moderate") allows each level in it, denied those outside."""
        if self.level is None:
            return ()
        i = CONFIDENCE_LEVELS.index(self.level)
        j = i if self.top is None else CONFIDENCE_LEVELS.index(self.top)
        if not self.negated:
            return CONFIDENCE_LEVELS[i : j + 1]
        outside = CONFIDENCE_LEVELS[:i] + CONFIDENCE_LEVELS[j + 1 :]
        return (
            outside
            if self.top is not None
            else (CONFIDENCE_LEVELS[i + 1 :] if i == 0 else CONFIDENCE_LEVELS[:i])
        )

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["span"], out["sentence"] = list(self.span), list(self.sentence)
        out["band"] = None if self.band is None else list(self.band)
        return out
