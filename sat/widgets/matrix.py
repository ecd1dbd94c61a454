"""The workbook's Matrix tab: the ACH grid, its view controls and legend, kept in step with the case.

Each cell is a rating dropdown coloured by its rating, each row an item (its
summary opens on its sources, grades, dates and quotes) with its credibility
and relevance. Sorting and filtering reorder the kept widgets; an undo, add or
rename changes only the widgets that differ. ``MatrixView`` is a part of
``Workbook`` (it uses the workbook's document, status line and refresh).
"""

from __future__ import annotations

import html
from typing import Any

from sat import scales
from sat.errors import SatError
from sat.widgets.markup import busy, evidence_card, fit, label_html

__all__ = ["MatrixView"]


class MatrixView:
    """The Matrix tab's grid and controls (a part of ``Workbook``)."""

    def _cell(self, evidence_id: str, hypothesis_id: str, value: Any):
        """One rating dropdown; it carries its cell's key, so a rename re-keys it in place."""
        dropdown = self._w.Dropdown(
            layout=self._w.Layout(width="4.6em"), disabled=not self.editable
        )
        dropdown._sat_key = (evidence_id, hypothesis_id)
        dropdown.add_class(f"sat-cell-{evidence_id}-{hypothesis_id}")
        self._set_cell(dropdown, value)
        dropdown.observe(self._on_rating, names="value")
        return dropdown

    @staticmethod
    def _code(value: Any) -> str:
        """The colour class of a rating: its code, NA for a probability, unrated for none."""
        if value is None:
            return "unrated"
        return value if isinstance(value, str) else "NA"

    def _set_cell(self, cell: Any, value: Any) -> None:
        """Show a rating in a cell (its options, value and colour), without treating it as an edit."""
        options = (("", ""), *((c, c) for c in scales.RATING_CODES))
        if value is not None and not isinstance(value, str):
            options += ((f"{value:g}", value),)
        shown = "" if value is None else value
        syncing, self._syncing = self._syncing, True
        try:
            if tuple(cell.options) != options:
                cell.options = options
            if cell.value != shown:
                cell.value = shown
        finally:
            self._syncing = syncing
        self._colour(cell, value)

    def _colour(self, cell: Any, value: Any) -> None:
        wanted = f"sat-rating-{self._code(value)}"
        for cls in list(cell._dom_classes):
            if cls.startswith("sat-rating-") and cls != wanted:
                cell.remove_class(cls)
        if wanted not in cell._dom_classes:
            cell.add_class(wanted)

    def _evidence_html(self, item: Any, grades: dict[str, str], published: dict[str, Any]) -> str:
        return evidence_card(item, grades, published)

    def _head(self, case: Any) -> list[Any]:
        """The grid's header: each hypothesis's id and label, its statement on hover."""
        w = self._w
        e = html.escape
        header = [w.HTML("<b>Evidence</b>"), w.HTML("<b>Cred.</b>"), w.HTML("<b>Rel.</b>")]
        for h in case.hypotheses:
            cell = w.HTML(
                f"<b title='{e(h.statement)}'>{e(h.id)}</b>"
                f"<div style='font-size:0.8em'>{label_html(h.label, f'{h.label}: {h.statement}')}"
                "</div>",
                layout=w.Layout(min_width="0"),
            )
            cell.add_class(f"sat-head-{h.id}")
            header.append(cell)
        return header

    def _grid_columns(self, n: int) -> str:
        return f"minmax(16em, 26em) 4.5em 4.5em repeat({n}, minmax(4.8em, 6.5em))"

    def _level(self, item: Any, field: str) -> Any:
        level = self._w.Dropdown(
            options=list(scales.LEVELS),
            value=getattr(item, field),
            layout=self._w.Layout(width="4em"),
            disabled=not self.editable,
        )
        level.add_class(f"sat-{field}-{item.id}")
        level.observe(
            lambda change, e=item.id, f=field: self._on_field("evidence", e, f, change),
            names="value",
        )
        return level

    def _sync_grid(self) -> None:
        """Bring the grid in step with the case, changing only the widgets that differ.

        Rows and cells are kept (a renamed hypothesis's cells are re-keyed), new
        ones are made, removed ones dropped: an undo, add or rename costs what it
        changed, not the whole grid.
        """
        w = self._w
        case = self.document.case
        hyps = [h.id for h in case.hypotheses]
        head_key = tuple((h.id, h.label, h.statement) for h in case.hypotheses)
        old = getattr(self, "_hyps", [])
        if head_key != getattr(self, "_head_key", None):
            self._header = self._head(case)
            self._head_key = head_key
            if not self.transposed:
                self._grid.layout.grid_template_columns = self._grid_columns(len(hyps))
        gone, new = [h for h in old if h not in hyps], [h for h in hyps if h not in old]
        renamed = dict(zip(gone, new, strict=True)) if len(gone) == len(new) == 1 else {}
        for (e, h), cell in list(self._cells.items()):
            if h in renamed:  # a renamed hypothesis keeps its cells
                del self._cells[(e, h)]
                cell.remove_class(f"sat-cell-{e}-{h}")
                cell.add_class(f"sat-cell-{e}-{renamed[h]}")
                cell._sat_key = (e, renamed[h])
                self._cells[(e, renamed[h])] = cell
            elif h not in hyps:
                del self._cells[(e, h)]
        self._hyps = hyps
        grades = {s.id: s.reliability or "ungraded" for s in case.sources}
        published = {s.id: s.date for s in case.sources}
        ids = {item.id for item in case.evidence}
        for e in [e for e in self._rows if e not in ids]:
            del self._rows[e]
            self._item_heads.pop(e, None)
            for h in hyps:
                self._cells.pop((e, h), None)
        syncing, self._syncing = self._syncing, True
        try:
            for item in case.evidence:
                row = self._rows.get(item.id)
                text = self._evidence_html(item, grades, published)
                if row is None:
                    label = w.HTML(text, layout=w.Layout(width="100%"))
                    label.add_class("sat-evidence")
                    levels = [self._level(item, "credibility"), self._level(item, "relevance")]
                else:
                    label, *levels = row[:3]
                    label.value = text
                    for level, field in zip(levels, ("credibility", "relevance"), strict=True):
                        level.value = getattr(item, field)
                cells = []
                for h in hyps:
                    cell = self._cells.get((item.id, h))
                    if cell is None:
                        cell = self._cells[(item.id, h)] = self._cell(
                            item.id, h, item.ratings.get(h)
                        )
                    else:
                        self._set_cell(cell, item.ratings.get(h))
                    cells.append(cell)
                self._rows[item.id] = [label, *levels, *cells]
                head = self._item_heads.get(item.id)
                text = (
                    f"<b title='{html.escape(item.summary)}'>{html.escape(item.id)}</b>"
                    f"<br><span style='font-size:0.8em;color:#57606a'>{html.escape(item.type)}</span>"
                )
                if head is None:
                    head = self._item_heads[item.id] = w.HTML(text)
                    head.add_class(f"sat-item-head-{item.id}")
                head.value = text
        finally:
            self._syncing = syncing
        self._sync_filters(case, hyps)
        self._arrange()

    def _build_matrix(self) -> None:
        """The grid, its view controls and its legend (made once; then kept in step by ``_sync_grid``)."""
        w = self._w
        case = self.document.case
        self._rows: dict[str, list[Any]] = {}
        self._cells: dict[tuple[str, str], Any] = {}
        self._item_heads: dict[str, Any] = {}  # the column heads of the transposed grid
        self._grid = w.GridBox(
            [],
            layout=w.Layout(
                grid_template_columns=self._grid_columns(len(case.hypotheses)),
                grid_gap="2px 4px",
            ),
        )
        self._grid.add_class("sat-grid")
        controls = {
            "sort": fit(
                w.Dropdown(
                    options=["case order", "diagnosticity", "id", "date"],
                    value="case order",
                    description="Sort:",
                )
            ),
            "text": w.Text(
                value="",
                placeholder="words in the item",
                description="Find:",
                layout=w.Layout(flex="0 1 20em", min_width="10em"),
            ),
            "source": fit(w.Dropdown(description="Source:")),
            "hypothesis": fit(w.Dropdown(description="Show:")),
        }
        self._view_controls = controls
        for control in controls.values():
            control.observe(lambda _: self._arrange(), names="value")
        legend = " ".join(
            f"<span style='background:{bg};color:{fg};padding:0 4px;border-radius:3px'>{code}</span>"
            f" {html.escape(scales.RATING_MEANING[code])}"
            for code, (bg, fg) in ((c, scales.RATING_COLOURS[c]) for c in scales.RATING_CODES)
        )
        legend_html = w.HTML(
            f"<div class='sat-legend' style='font-size:0.85em'>{legend} · blank: unrated · "
            "click an item to read its sources, grades, dates and quotes</div>"
        )
        filters = w.HBox(
            list(controls.values()),
            layout=w.Layout(flex_flow="row wrap", align_items="center", grid_gap="2px 12px"),
        )
        self.matrix.children = [filters, legend_html, self._grid]
        self._sync_grid()

    def _sync_filters(self, case: Any, hyps: list[str]) -> None:
        """The source and hypothesis filters' choices, keeping what is chosen if it still exists."""
        source, hypothesis = self._view_controls["source"], self._view_controls["hypothesis"]
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
        """Order and filter the grid's rows (the widgets are kept, so no rating is lost)."""
        case = self.document.case
        controls = {k: c.value for k, c in self._view_controls.items()}
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
        if self.transposed:  # hypotheses as rows: one column per item, its levels, then ratings
            w = self._w
            if not hasattr(self, "_side"):
                self._side = [
                    w.HTML("<b>Hypothesis</b>"),
                    w.HTML("<b>Cred.</b>"),
                    w.HTML("<b>Rel.</b>"),
                ]
            cells = [self._side[0], *(self._item_heads[e.id] for e in items)]
            for k in (1, 2):
                cells += [self._side[k], *(self._rows[e.id][k] for e in items)]
            for k, head in enumerate(self._header[3:], start=3):
                cells += [head, *(self._rows[e.id][k] for e in items)]
            self._grid.layout.grid_template_columns = (
                f"minmax(12em, 18em) repeat({len(items)}, 4.8em)"
            )
        else:
            cells = list(self._header)
            for item in items:
                cells.extend(self._rows[item.id])
        self._grid.children = cells
        shown, total = len(items), len(case.evidence)
        self._shown = tuple(e.id for e in items)
        if shown < total:
            self._say(f"showing {shown} of {total} items")

    def _on_rating(self, change: dict) -> None:
        if self._syncing:
            return
        cell = change["owner"]
        evidence_id, hypothesis_id = cell._sat_key
        value = change["new"]
        with busy(self.widget):
            try:
                self.document.set_rating(evidence_id, hypothesis_id, value if value != "" else None)
            except (SatError, ValueError) as exc:
                self._say(str(exc).splitlines()[0], "error")
                self._set_cell(
                    cell, self.document.case.item(evidence_id).ratings.get(hypothesis_id)
                )
                return
            self._colour(cell, value if value != "" else None)
            self._say(f"{evidence_id} rated {value or 'unrated'} against {hypothesis_id}")
            self._refresh()
