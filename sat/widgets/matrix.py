"""The workbook's Matrix tab: the ACH grid, its view controls and legend, kept in step with the case.

The grid is one widget (``sat.widgets.grid.RatingGrid``): each cell a rating
chosen in place and coloured by its rating, each row an item (its summary opens
on its sources, grades, dates and quotes) with its credibility and relevance.
Sorting and filtering change only the order shown; an edit sends only the
lists that changed. ``MatrixView`` is a part of ``Workbook`` (it uses the
workbook's document, status line and refresh) and gives the tab's public test
interface: ``cell``, ``rate``, ``set_level``, ``view`` and ``visible_rows``.
"""

from __future__ import annotations

import html
from typing import Any

from sat import scales
from sat.errors import SatError
from sat.widgets.grid import Cell, RatingGrid
from sat.widgets.markup import busy, evidence_card, fit

__all__ = ["MatrixView"]

#: The view controls and what each chooses among (the sort's choices; the filters are free).
SORTS = ("case order", "diagnosticity", "id", "date")


class MatrixView:
    """The Matrix tab's grid and controls (a part of ``Workbook``)."""

    # -- the public test interface -------------------------------------------------------------

    def cell(self, evidence: str, hypothesis: str) -> Cell:
        """What the grid shows in a cell: its rating as written, its colour, whether it edits."""
        return self.grid.cell(evidence, hypothesis)

    def rate(self, evidence: str, hypothesis: str, value: Any) -> None:
        """Rate a cell as the analyst does in the grid (a code, a probability, or None)."""
        self.grid.choose(evidence, hypothesis, value)

    def set_level(self, evidence: str, field: str, value: str) -> None:
        """Set an item's credibility or relevance as the analyst does in the grid."""
        self.grid.choose_level(evidence, field, value)

    @property
    def visible_rows(self) -> tuple[str, ...]:
        """The ids of the items the grid shows, in the order shown."""
        return self.grid.shown

    def view(self, **chosen: str) -> tuple[str, ...]:
        """Sort and filter the grid as its controls do: ``sort`` (one of ``SORTS``), ``text``
        (words in the item), ``source``, ``hypothesis`` (rated on it); returns the rows shown."""
        for name, value in chosen.items():
            self.view_controls[name].value = value
        return self.visible_rows

    # -- building and keeping in step --------------------------------------------------------------

    def _cards(self, case: Any) -> list[str]:
        grades = {s.id: s.reliability or "ungraded" for s in case.sources}
        published = {s.id: s.date for s in case.sources}
        return [evidence_card(item, grades, published) for item in case.evidence]

    def _sync_grid(self) -> None:
        """Bring the grid in step with the case (only the lists that differ reach the browser)."""
        case = self.document.case
        self.grid.show_case(case, self._cards(case))
        self._sync_filters(case, [h.id for h in case.hypotheses])
        self._arrange()

    def _build_matrix(self) -> None:
        """The grid, its view controls and its legend (made once; then kept in step by ``_sync_grid``)."""
        w = self._w
        self.grid = RatingGrid(
            self._on_rating,
            self._on_level,
            editable=self.editable,
            transposed=self.transposed,
        )
        self.view_controls = {
            "sort": fit(w.Dropdown(options=list(SORTS), value="case order", description="Sort:")),
            "text": w.Text(
                value="",
                placeholder="words in the item",
                description="Find:",
                layout=w.Layout(flex="0 1 20em", min_width="10em"),
            ),
            "source": fit(w.Dropdown(description="Source:")),
            "hypothesis": fit(w.Dropdown(description="Show:")),
        }
        for control in self.view_controls.values():
            control.observe(lambda _: self._arrange(), names="value")
        legend = " ".join(
            f"<span style='background:{bg};color:{fg};padding:0 4px;border-radius:3px'>{code}</span>"
            f" {html.escape(scales.RATING_MEANING[code])}"
            for code, (bg, fg) in ((c, scales.RATING_COLOURS[c]) for c in scales.RATING_CODES)
        )
        self.legend = w.HTML(
            f"<div class='sat-legend' style='font-size:0.85em'>{legend} · blank: unrated · "
            "click an item to read its sources, grades, dates and quotes; "
            "rate with the mouse, or the keyboard: Tab to a cell, up and down step along the "
            "scale, left and right move along the row, Delete clears</div>"
        )
        filters = w.HBox(
            list(self.view_controls.values()),
            layout=w.Layout(flex_flow="row wrap", align_items="center", grid_gap="2px 12px"),
        )
        self.matrix.children = [filters, self.legend, self.grid]
        self._sync_grid()

    def _sync_filters(self, case: Any, hyps: list[str]) -> None:
        """The source and hypothesis filters' choices, keeping what is chosen if it still exists."""
        source, hypothesis = self.view_controls["source"], self.view_controls["hypothesis"]
        sources = [s.id for s in case.sources]
        keep_s, keep_h = source.value, hypothesis.value
        options_s = [("any source", "")] + [(s, s) for s in sources]
        options_h = [("any hypothesis", "")] + [(f"rated on {h}", h) for h in hyps]
        if tuple(source.options) != tuple(options_s):
            source.options = options_s
            source.value = keep_s if keep_s in sources else ""
        if tuple(hypothesis.options) != tuple(options_h):
            hypothesis.options = options_h
            hypothesis.value = keep_h if keep_h in hyps else ""

    def _arrange(self) -> None:
        """Order and filter the grid's rows (the grid keeps every row; only the order changes)."""
        case = self.document.case
        controls = {k: c.value for k, c in self.view_controls.items()}
        items = list(case.evidence)
        if controls["sort"] == "id":
            items.sort(key=lambda e: e.id)
        elif controls["sort"] == "date":
            items.sort(key=lambda e: (e.date is None, e.date or 0))
        elif controls["sort"] == "diagnosticity":
            from sat.analysis import analyse

            rank = {e: k for k, e in enumerate(analyse(case).ach.evidence_frame.index)}
            items.sort(key=lambda e: rank[e.id])
        words = controls["text"].strip().casefold()
        if words:
            items = [
                e
                for e in items
                if words in " ".join([e.id, e.summary, e.notes or "", *e.quote]).casefold()
            ]
        if controls["source"]:
            items = [e for e in items if controls["source"] in e.sources]
        if controls["hypothesis"]:
            h = controls["hypothesis"]
            items = [e for e in items if str(e.ratings.get(h, "NA")) not in ("N", "NA")]
        self.grid.show_rows([e.id for e in items])
        shown, total = len(items), len(case.evidence)
        if shown < total:
            self._say(f"showing {shown} of {total} items")

    def _on_rating(self, evidence_id: str, hypothesis_id: str, value: Any) -> None:
        if self._syncing:
            return
        with busy(self.widget):
            try:
                self.document.set_rating(evidence_id, hypothesis_id, value)
            except (SatError, ValueError) as exc:
                self._say(str(exc).splitlines()[0], "error")
                self.grid.reset()
                return
            self._sync_cells()
            shown = "unrated" if value is None else value
            self._say(f"{evidence_id} rated {shown} against {hypothesis_id}")
            self._refresh()

    def _on_level(self, evidence_id: str, field: str, value: str) -> None:
        if field not in ("credibility", "relevance"):
            self.grid.reset()
            return
        self._on_field("evidence", evidence_id, field, {"new": value})
        self._sync_cells()

    def _sync_cells(self) -> None:
        """The grid's ratings and levels after an edit of a cell (no item or hypothesis changed)."""
        self.grid.show_case(self.document.case, [item["card"] for item in self.grid.items])
