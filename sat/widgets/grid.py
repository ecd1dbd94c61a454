"""The workbook's rating grid: the whole ACH matrix as one widget, drawn in the browser.

One ``RatingGrid`` holds the matrix as a few synced lists (the hypotheses, the
items with their cards, the ratings, the credibility and relevance, the order
shown) and ``static/grid.js`` draws it: a native ``<select>`` per cell, coloured
by its rating, chosen by mouse or keyboard with the codes of ``sat.scales``.
The browser sends each choice as one message; the workbook writes it to the case
and the grid's ratings follow. Opening a 500 x 10 matrix makes one widget, not
6,000 (``make bench`` measures both; benchmarks/RESULTS.md). The script and its
stylesheet ship inside the package: nothing is fetched.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import anywidget
import traitlets

from sat import scales
from sat.language import exact_number

__all__ = ["Cell", "RatingGrid", "rating_text"]

_STATIC = Path(__file__).with_name("static")


def rating_text(value: Any) -> str:
    """A rating as the grid shows it: its code, a probability as written (``0.7``), "" for none.

    Examples
    --------
    >>> rating_text("CC"), rating_text(0.7), rating_text(None)
    ('CC', '0.7', '')
    """
    if value is None:
        return ""
    return value if isinstance(value, str) else exact_number(value)


def colour_code(value: Any) -> str:
    """The colour class of a rating: its code, NA for a probability, unrated for none.

    Examples
    --------
    >>> colour_code("I"), colour_code(0.3), colour_code(None)
    ('I', 'NA', 'unrated')
    """
    if value is None:
        return "unrated"
    return value if isinstance(value, str) else "NA"


@dataclass(frozen=True)
class Cell:
    """What one cell of the grid shows: its rating as written, its colour and whether it edits."""

    shown: str
    colour: str
    editable: bool


class RatingGrid(anywidget.AnyWidget):
    """The ACH matrix as one widget (items as rows, or hypotheses as rows when ``transposed``).

    ``on_rate`` and ``on_level`` are called with each choice the analyst makes in the
    browser (``choose`` and ``choose_level`` make the same choice from Python).
    """

    _esm = _STATIC / "grid.js"
    _css = _STATIC / "grid.css"

    # plain lists, their elements not validated one by one (5,000 cells at 500 x 10 would cost
    # more than the rest of a rating change); ``show_case`` is what fills them
    hypotheses = traitlets.List().tag(sync=True)  # {id, label, statement} each
    items = traitlets.List().tag(sync=True)  # {id, type, summary, card} each
    ratings = traitlets.List().tag(sync=True)  # a row of rating_text per item
    levels = traitlets.List().tag(sync=True)  # [credibility, relevance] per item
    order = traitlets.List(traitlets.Int()).tag(sync=True)
    codes = traitlets.List(traitlets.Unicode(), default_value=list(scales.RATING_CODES)).tag(
        sync=True
    )
    level_codes = traitlets.List(traitlets.Unicode(), default_value=list(scales.LEVELS)).tag(
        sync=True
    )
    editable = traitlets.Bool(True).tag(sync=True)
    transposed = traitlets.Bool(False).tag(sync=True)

    def __init__(
        self,
        on_rate: Callable[[str, str, Any], None],
        on_level: Callable[[str, str, str], None],
        **kwargs: Any,
    ):
        super().__init__(**kwargs)
        self._on_rate, self._on_level = on_rate, on_level
        self.on_msg(self._receive)

    # -- from the browser ----------------------------------------------------------------------

    def _receive(self, _widget: Any, content: dict, _buffers: Any = None) -> None:
        event = content.get("event") if isinstance(content, dict) else None
        if not self.editable or event not in ("rate", "level"):
            self.reset()
            return
        evidence = str(content.get("evidence", ""))
        value = str(content.get("value", ""))
        if event == "rate":
            self._on_rate(evidence, str(content.get("hypothesis", "")), self._value(value))
        else:
            self._on_level(evidence, str(content.get("field", "")), value)

    def _value(self, text: str) -> Any:
        """A choice as the case writes it: None for blank, a code, or the probability shown."""
        if text == "":
            return None
        if text in scales.RATING_CODES:
            return text
        try:
            return float(text)
        except ValueError:
            return text  # not a rating: the case refuses it and says why

    def reset(self) -> None:
        """Show the synced ratings again in the browser (after a refused choice)."""
        self.send({"event": "reset"})

    # -- from the workbook -----------------------------------------------------------------------

    def show_case(self, case: Any, cards: Sequence[str]) -> None:
        """Put the case in the grid (only the lists that changed are sent to the browser)."""
        hyps = [h.id for h in case.hypotheses]
        with self.hold_sync():
            hypotheses = [
                {"id": h.id, "label": h.label, "statement": h.statement} for h in case.hypotheses
            ]
            items = [
                {"id": e.id, "type": e.type, "summary": e.summary, "card": card}
                for e, card in zip(case.evidence, cards, strict=True)
            ]
            if hypotheses != self.hypotheses:
                self.hypotheses = hypotheses
            if items != self.items:
                self.items = items
            ratings = [[rating_text(e.ratings.get(h)) for h in hyps] for e in case.evidence]
            if ratings != self.ratings:
                self.ratings = ratings
            levels = [[e.credibility, e.relevance] for e in case.evidence]
            if levels != self.levels:
                self.levels = levels

    def show_rows(self, ids: Sequence[str]) -> None:
        """Show these items, in this order."""
        index = {item["id"]: k for k, item in enumerate(self.items)}
        order = [index[i] for i in ids]
        if order != self.order:
            self.order = order

    # -- what it shows (the public test interface) -------------------------------------------------

    @property
    def shown(self) -> tuple[str, ...]:
        """The ids of the items shown, in the order shown."""
        return tuple(self.items[k]["id"] for k in self.order)

    def cell(self, evidence: str, hypothesis: str) -> Cell:
        """What the cell of ``evidence`` against ``hypothesis`` shows."""
        i = self._row(evidence)
        k = [h["id"] for h in self.hypotheses].index(hypothesis)
        shown = self.ratings[i][k]
        value = None if shown == "" else self._value(shown)
        return Cell(shown, colour_code(value), self.editable)

    def level(self, evidence: str, field: str) -> str:
        """The credibility or relevance the grid shows for an item."""
        return self.levels[self._row(evidence)][("credibility", "relevance").index(field)]

    def _row(self, evidence: str) -> int:
        return next(k for k, item in enumerate(self.items) if item["id"] == evidence)

    def choose(self, evidence: str, hypothesis: str, value: Any) -> None:
        """Choose a rating as the analyst does in the browser ("" or None for unrated)."""
        self._receive(
            self,
            {
                "event": "rate",
                "evidence": evidence,
                "hypothesis": hypothesis,
                "value": rating_text(value),
            },
        )

    def choose_level(self, evidence: str, field: str, value: str) -> None:
        """Choose an item's credibility or relevance as the analyst does in the browser."""
        self._receive(
            self, {"event": "level", "evidence": evidence, "field": field, "value": value}
        )
