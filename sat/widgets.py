"""The interactive workbook: edit a case in JupyterLab (or a Voila app) and watch the analysis move.

``Workbook`` shows the ACH matrix as a colour-coded grid whose cells are
chosen in place, with credibility and relevance per item; tabs for the
assumptions, indicators, Heuer's checklist, the quotes each item rests on
(checked against the sources' stored texts, with candidate passages ranked by
BM25 to accept), the key judgements (the analysts' own words, checked against
the analysis as they are typed: ``sat.widgets_judgements``) and the case's
structure (add, rename and remove hypotheses and evidence); and a live panel of scores,
ranking chart and posteriors that updates on every change. Undo takes back
the last change; the header says when there are unsaved changes; saving goes
through ``CaseDocument`` (comments kept, conflicts
caught, previous version kept, atomic).

All case text is shown through escaping widgets (labels) or escaped HTML.
"""

from __future__ import annotations

import contextlib
import functools
import html
import os
from collections.abc import Callable
from typing import Any

from sat import scales
from sat.errors import AnalysisError, SatError, UsageError
from sat.io.document import CaseDocument, ConflictError

__all__ = ["Workbook", "edit_mode"]

_STYLE = "\n".join(
    [
        f".sat-rating-{code or 'unrated'} select {{ background-color: {bg} !important; "
        f"color: {fg} !important; }}"
        for code, (bg, fg) in [(c, scales.RATING_COLOURS[c]) for c in scales.RATING_CODES]
        + [("", scales.RATING_COLOURS["unrated"])]
    ]
    + [
        # busy: the cursor at once, the word only once work has taken 100 ms
        ".sat-workbook.sat-busy { cursor: progress; }",
        ".sat-workbook.sat-busy .sat-status::after { content: 'working…'; color: #9a6700; "
        "opacity: 0; animation: sat-busy 0s linear 0.1s forwards; }",
        "@keyframes sat-busy { to { opacity: 1; } }",
        # text reads as text (not at the controls' 28 px line height) and wraps within its box
        ".sat-root .widget-html-content { line-height: 1.45; white-space: normal; "
        "overflow-wrap: break-word; min-width: 0; }",
        ".sat-root .widget-html { min-width: 0; }",
        # a label: at most two lines, then an ellipsis; the whole text is its hover title
        ".sat-label { display: -webkit-box; -webkit-box-orient: vertical; "
        "-webkit-line-clamp: 2; overflow: hidden; overflow-wrap: break-word; line-height: 1.35; }",
        # buttons as wide as their words, never cut
        ".sat-root .jupyter-button { width: auto; flex: 0 0 auto; overflow: visible; }",
        # a row of a label and its controls: the label takes the room left, the controls
        # drop below it when there is none
        ".sat-row { flex-wrap: wrap; align-items: center; gap: 2px 8px; min-width: 0; }",
        ".sat-row > .sat-row-label { flex: 1 1 20em; min-width: 0; }",
        # a dropdown as wide as its longest choice (a native select's own width)
        ".sat-root .sat-fit { width: auto; max-width: 100%; flex: 0 1 auto; }",
        ".sat-root .sat-fit > select { flex: 0 1 auto; width: auto; min-width: 0; }",
        # descriptions beside the controls as wide as their words
        ".sat-root .widget-inline-hbox .widget-label { width: auto; min-width: 0; "
        "overflow: visible; }",
        # the tabs' titles whole: the bar wraps to a second line rather than cut a title
        ".jupyter-widgets.widget-tab.sat-tabs > .lm-TabBar { height: auto; min-height: 0; "
        "overflow: visible; }",
        ".jupyter-widgets.widget-tab.sat-tabs > .lm-TabBar > .lm-TabBar-content { "
        "flex-wrap: wrap; }",
        ".jupyter-widgets.widget-tab.sat-tabs > .lm-TabBar .lm-TabBar-tab { flex: 0 0 auto; "
        "min-width: 0; }",
        ".jupyter-widgets.widget-tab.sat-tabs > .lm-TabBar .lm-TabBar-tabLabel { "
        "overflow: visible; }",
        # the grid scrolls inside its tab rather than pushing the page wider
        ".sat-tabs { min-width: 0; }",
        ".sat-tabs .sat-grid { overflow-x: auto; }",
        # an item's summary stays on one line within its column; opened, the detail wraps
        ".sat-evidence { min-width: 0; overflow: hidden; }",
        ".sat-evidence .widget-html-content { display: block; min-width: 0; }",
        ".sat-evidence details summary { white-space: nowrap; overflow: hidden; "
        "text-overflow: ellipsis; }",
        # the scores: their table as wide as the panel, a hypothesis on at most two lines
        ".sat-scores table { width: 100%; }",
        ".sat-scores td, .sat-scores th { vertical-align: middle; }",
        # the quotes tab: each suggested passage whole, its button beside it or below it
        ".sat-quote-passage { flex: 1 1 24em; min-width: 0; }",
        ".sat-quote-candidate { border-top: 1px solid #d0d7de; padding: 4px 0; }",
        # the structure forms: a column of names, a column of fields as wide as the form
        ".sat-form { flex: 1 1 28em; min-width: 0; max-width: 52em; }",
        ".sat-form-grid { grid-template-columns: max-content minmax(0, 1fr); "
        "gap: 2px 8px; align-items: center; }",
        ".sat-form-grid .widget-text, .sat-form-grid .widget-textarea, "
        ".sat-form-grid .widget-dropdown { width: 100%; min-width: 0; margin: 0; }",
        ".sat-form-name { text-align: right; color: #57606a; }",
        ".sat-problem { color: #cf222e; font-size: 0.9em; }",
        ".sat-hint { color: #57606a; font-size: 0.9em; }",
    ]
)


def label_html(text: str, title: str | None = None, *, bold: str = "") -> str:
    """A label's markup: ``bold`` then ``text``, on at most two lines (then an ellipsis), the
    whole of it (or ``title``) on hover; every part escaped.

    Examples
    --------
    >>> label_html("Coercion <over> Taiwan", bold="H1")
    '<div class="sat-label" title="H1 Coercion &lt;over&gt; Taiwan"><b>H1</b> Coercion &lt;over&gt; Taiwan</div>'
    """
    e = html.escape
    whole = title if title is not None else " ".join(p for p in (bold, text) if p)
    lead = f"<b>{e(bold)}</b> " if bold else ""
    return f'<div class="sat-label" title="{e(whole)}">{lead}{e(text)}</div>'


def _fit(dropdown: Any) -> Any:
    """A dropdown as wide as its longest choice (the stylesheet's ``sat-fit``); returned."""
    dropdown.add_class("sat-fit")
    return dropdown


def _stylesheet(w: Any) -> Any:
    """The stylesheet every sat widget needs (one widget, shown once per view)."""
    return w.HTML(f"<style>{_STYLE}</style>", layout=w.Layout(display="none"))


def evidence_card(
    item: Any, grades: dict[str, str], published: dict[str, Any], *, open_: bool = False
) -> str:
    """An item's cell: its id and summary, which opens on its sources, grades, dates and quotes.

    ``grades`` and ``published`` give each source's grade and publication date
    (built once per grid, not once per item).
    """
    e = html.escape
    short = item.summary if len(item.summary) <= 90 else item.summary[:89] + "…"
    sources = ", ".join(
        f"{e(s)} ({e(grades.get(s, '?'))}"
        + (f", published {published[s].isoformat()}" if published.get(s) else "")
        + ")"
        for s in item.sources
    )
    facts = [
        f"<b>Type</b> {e(item.type)}",
        f"<b>Sources</b> {sources or 'none'}",
        f"<b>Information credibility</b> {e(str(item.information_credibility or '–'))}",
        f"<b>Event date</b> {item.date.isoformat() if item.date else '–'}",
    ]
    quotes = "".join(
        f"<div style='font-style:italic;border-left:3px solid #d0d7de;padding-left:6px'>"
        f"&ldquo;{e(q)}&rdquo;</div>"
        for q in item.quote
    )
    notes = f"<div><b>Notes</b> {e(item.notes)}</div>" if item.notes else ""
    return (
        f"<details class='sat-evidence-{e(item.id)}'{' open' if open_ else ''}><summary title='{e(item.summary)}'>"
        f"<b>{e(item.id)}</b> {e(short)}</summary>"
        f"<div style='font-size:0.9em;color:#24292f;white-space:normal'>{e(item.summary)}"
        f"<br>{'<br>'.join(facts)}{notes}{quotes}</div></details>"
    )


@contextlib.contextmanager
def _busy(widget: Any):
    """Mark a workbook or blind session busy while it works (shown after 100 ms, by the stylesheet)."""
    widget.add_class("sat-busy")
    try:
        yield
    finally:
        widget.remove_class("sat-busy")


def _working(method: Callable[..., Any]) -> Callable[..., Any]:
    """Run a command of a widget with its busy state shown (``_busy`` on its ``widget``)."""

    @functools.wraps(method)
    def run(self: Workbook, *args: Any, **kwargs: Any) -> Any:
        with _busy(self.widget):
            return method(self, *args, **kwargs)

    return run


def edit_mode(default: bool = True) -> bool:
    """Whether the workbook may edit: ``SAT_EDIT=1`` or ``0`` decides when set (the app), else ``default``."""
    value = os.environ.get("SAT_EDIT")
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


class Workbook:
    """An editor and live view of one case (display it as the last expression of a cell).

    Parameters
    ----------
    case_path : path-like
        The YAML case file to open.
    editable : bool, optional
        Allow edits and saving (default: ``edit_mode``, i.e. yes unless ``SAT_EDIT=0``).
    transposed : bool
        Hypotheses as rows and items as columns (each column headed by the item's id,
        its text on hover): the layout Dhami et al. (2024) found reduced confirmation
        bias. Sorting and filtering work the same way.
    """

    def __init__(
        self,
        case_path: str | os.PathLike[str],
        editable: bool | None = None,
        transposed: bool = False,
    ):
        import ipywidgets as w

        self._w = w
        self.document = CaseDocument(case_path)
        self.transposed = transposed
        self.editable = edit_mode() if editable is None else editable
        if self.editable:
            self.document.prepare()
        self._syncing = False
        self.status = w.HTML(layout=w.Layout(min_height="1.6em"))
        self.status.add_class("sat-status")
        self.scores = w.HTML()
        self.scores.add_class("sat-scores")
        self._simulated: tuple[str, Any, int] | None = None  # (text, frame, draws)
        self.simulate_button = w.Button(
            description="Simulate the interval",
            tooltip="10,000 simulations of errors in the ratings, the likelihood table and the priors",
        )
        self.simulate_button.add_class("sat-simulate")
        self.simulate_button.on_click(lambda _: self.simulate())
        self.save_button = w.Button(description="Save", icon="save", button_style="primary")
        self.save_button.add_class("sat-save")
        self.undo_button = w.Button(description="Undo", icon="undo")
        self.undo_button.add_class("sat-undo")
        self.reload_button = w.Button(description="Reload from disk", icon="refresh")
        self.reload_button.add_class("sat-reload")
        self.save_as = w.Text(
            placeholder="other-name.yaml",
            description="Save as:",
            layout=w.Layout(flex="0 1 18em", min_width="12em"),
        )
        self.save_as_button = w.Button(description="Save as")
        self.save_button.on_click(lambda _: self.save())
        self.undo_button.on_click(lambda _: self.undo())
        self.reload_button.on_click(lambda _: self.reload())
        self.save_as_button.on_click(lambda _: self.save(self.save_as.value))
        self.header = w.HTML()
        self.matrix = w.VBox()
        self.assumptions = w.VBox()
        self.indicators = w.VBox()
        self.checklist = w.VBox()
        self.checklist.add_class("sat-checklist")
        self.deception = w.VBox()
        self.quotes = w.VBox()
        self.structure = self._structure_panel()
        from sat.widgets_judgements import JudgementsPanel

        self.judgements = JudgementsPanel(self)
        panels = {
            "Matrix": self.matrix,
            "Assumptions": self.assumptions,
            "Indicators": self.indicators,
            "Checklist": self.checklist,
            "Deception": self.deception,
            "Quotes": self.quotes,
            "Key judgements": self.judgements.widget,
            "Structure": self.structure,
        }
        self.tabs = tabs = w.Tab(children=list(panels.values()))
        tabs.add_class("sat-tabs")
        for i, title in enumerate(panels):
            tabs.set_title(i, title)
        judgements_tab = list(panels).index("Key judgements")
        tabs.observe(
            lambda change: self._on_tab(change["new"] == judgements_tab), names="selected_index"
        )
        toolbar = [
            self.save_button,
            self.undo_button,
            self.reload_button,
            self.save_as,
            self.save_as_button,
        ]
        controls = w.HBox(
            toolbar if self.editable else [],
            layout=w.Layout(flex_flow="row wrap", align_items="center", grid_gap="4px"),
        )
        self.confirm_bar = w.HBox(layout=w.Layout(flex_flow="row wrap", align_items="center"))
        # the scores beside the tabs while both fit (the tabs want the matrix's width), above
        # them when not, as wide as the page then: never clipped, never squeezed
        scores = w.VBox(
            [self.scores, self.simulate_button],
            layout=w.Layout(flex="1 1 32em", min_width="min(100%, 24em)", align_items="flex-start"),
        )
        self.scores.layout = w.Layout(align_self="stretch")
        scores.add_class("sat-scores-panel")
        tabs.layout = w.Layout(flex="2 1 58em", min_width="0")
        self.widget = w.VBox(
            [
                _stylesheet(w),
                self.header,
                controls,
                self.confirm_bar,
                self.status,
                w.HBox(
                    [tabs, scores],
                    layout=w.Layout(
                        flex_flow="row wrap-reverse", align_items="flex-end", grid_gap="8px"
                    ),
                ),
            ]
        )
        self.widget.add_class("sat-root")
        self.widget.add_class("sat-workbook")
        self._rebuild()

    # -- display -------------------------------------------------------------------------------

    def _repr_mimebundle_(self, **kwargs: Any):
        return self.widget._repr_mimebundle_(**kwargs)

    def _on_tab(self, judgements: bool) -> None:
        """The Key judgements tab checks its words against the analysis when it is shown."""
        self.judgements.visible = judgements
        if judgements:
            self.judgements.show()

    def _say(self, message: str, kind: str = "info") -> None:
        colour = {"info": "#57606a", "ok": "#1a7f37", "error": "#cf222e", "warn": "#9a6700"}[kind]
        self.status.value = f'<span style="color:{colour}">{html.escape(message)}</span>'

    def _refresh(self) -> None:
        """Recompute the analysis and update scores, header and buttons.

        The posteriors are the point estimate, at once; their simulated interval
        (10,000 draws) is computed only when asked for (``simulate``) and shown
        until the case changes.
        """
        from sat.analysis import analyse
        from sat.report.tables import scores_html
        from sat.techniques.bayes import point

        case = self.document.case
        result = analyse(case).ach
        why, draws = None, None
        simulated = self._simulated
        current = simulated is not None and simulated[0] == self.document.text
        try:
            if current:
                posterior, draws = simulated[1], simulated[2]
            else:
                posterior = point(case).to_frame()
        except AnalysisError as exc:  # the Bayesian mode cannot run: say why, in place
            posterior, why = None, str(exc)
        self.scores.value = scores_html(
            case,
            result,
            posterior=posterior,
            bayes_error=why,
            draws=draws,
            stale=simulated is not None and not current,
        )
        self.simulate_button.disabled = why is not None or current
        dirty = self.document.dirty
        mark = (
            ' <span class="sat-dirty" style="color:#9a6700">● unsaved changes</span>'
            if dirty
            else ""
        )
        self.header.value = (
            f"<h2 style='margin:0'>{html.escape(case.title)}{mark}</h2>"
            f"<p style='margin:0;color:#57606a'>{html.escape(str(self.document.path))}</p>"
        )
        self.undo_button.disabled = not self.document.can_undo
        self.save_button.disabled = not dirty

    @_working
    def simulate(self) -> None:
        """Simulate the posteriors' interval (the Monte Carlo of ``sat bayes``) for the case as it is."""
        from sat.analysis import analyse

        try:
            result = analyse(self.document.case).bayes
        except AnalysisError as exc:
            self._say(str(exc).splitlines()[0], "warn")
            return
        self._simulated = (self.document.text, result.hypotheses_frame, result.draws)
        self._say(f"interval simulated ({result.draws:,} draws)")
        self._refresh()

    def _rebuild(self) -> None:
        """Build every view (once, on opening; after that ``_sync`` changes what changed)."""
        self._built: dict[str, Any] = {}
        self._build_matrix()
        self._sync()

    def _sync(self) -> None:
        """Put every view in step with the document: after an undo, a reload, a structure edit or
        a refused edit. Only what differs is touched; a tab is rebuilt only if its part changed."""
        case = self.document.case
        syncing, self._syncing = self._syncing, True
        try:
            self._sync_grid()
            parts = {
                "assumptions": (case.assumptions, self._build_assumptions),
                "indicators": (case.indicators, self._build_indicators),
                "checklist": (case.checklist, self._build_checklist),
                "deception": (case.deception, self._build_deception),
                "quotes": (
                    tuple((e.id, e.sources, e.quote) for e in case.evidence),
                    self._build_quotes,
                ),
            }
            for name, (value, build) in parts.items():
                if self._built.get(name, self) != value:
                    build()
                    self._built[name] = value
            self._refresh_structure_options()
            self.judgements.sync()
        finally:
            self._syncing = syncing
        self._refresh()

    # -- the matrix ------------------------------------------------------------------------------

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
            "sort": _fit(
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
            "source": _fit(w.Dropdown(description="Source:")),
            "hypothesis": _fit(w.Dropdown(description="Show:")),
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
        with _busy(self.widget):
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

    def _on_field(self, section: str, ident: str, field: str, change: dict) -> None:
        if self._syncing:
            return
        value = change["new"]
        with _busy(self.widget):
            try:
                self.document.set_field(section, ident, field, value if value != "" else None)
            except (SatError, ValueError) as exc:
                self._say(str(exc).splitlines()[0], "error")
                self._sync()
                return
            self._say(f"{ident}: {field} set to {value or 'nothing'}")
            self._refresh()

    # -- other tabs ------------------------------------------------------------------------------

    def _row(self, text: str, lead: str, *controls: Any) -> Any:
        """A row: its label (at most two lines, the whole on hover), then its controls, which go
        below the label when the row has no room beside it."""
        w = self._w
        label = w.HTML(label_html(text, bold=lead))
        label.add_class("sat-row-label")
        row = w.HBox([label, *controls])
        row.add_class("sat-row")
        return row

    def _build_assumptions(self) -> None:
        w = self._w
        rows = []
        for a in self.document.case.assumptions:
            rating = w.Dropdown(
                options=[("not rated", "")]
                + [(v, k) for k, v in scales.ASSUMPTION_RATINGS.items()],
                value=a.rating or "",
                disabled=not self.editable,
            )
            _fit(rating)
            rating.add_class(f"sat-assumption-{a.id}")
            rating.observe(
                lambda change, i=a.id: self._on_field("assumptions", i, "rating", change),
                names="value",
            )
            rows.append(self._row(a.statement, a.id, rating))
        self.assumptions.children = rows or [w.HTML("The case lists no assumptions.")]

    def _build_indicators(self) -> None:
        w = self._w
        rows = []
        for i in self.document.case.indicators:
            status = w.Dropdown(
                options=list(scales.INDICATOR_STATUSES),
                value=i.status,
                disabled=not self.editable,
            )
            _fit(status)
            status.add_class(f"sat-indicator-{i.id}")
            status.observe(
                lambda change, x=i.id: self._on_field("indicators", x, "status", change),
                names="value",
            )
            rows.append(self._row(i.description, f"{i.id} ({i.hypothesis}, {i.direction})", status))
        self.indicators.children = rows or [w.HTML("The case lists no indicators.")]

    # -- quotes ----------------------------------------------------------------------------------

    def _build_quotes(self) -> None:
        """Items resting on a source: their quotes (checked) and candidate passages to accept."""
        w = self._w
        case = self.document.case
        items = [e.id for e in case.evidence if e.sources]
        if not items:
            self.quotes.children = [w.HTML("No evidence item cites a source.")]
            return
        previous = getattr(self, "_quote_item", None)
        chosen = previous.value if previous is not None and previous.value in items else items[0]
        self._quote_item = _fit(w.Dropdown(options=items, value=chosen, description="Item:"))
        self._quote_item.add_class("sat-quote-item")
        self._quote_view = w.HTML()
        self._quote_view.add_class("sat-quote-view")
        self._quote_choices = w.VBox(layout=w.Layout(min_width="0"))
        self._quote_choices.add_class("sat-quote-choices")
        self._quote_item.observe(lambda _: self._show_quotes(), names="value")
        self.quotes.children = [self._quote_item, self._quote_view, self._quote_choices]
        self._show_quotes()

    def _show_quotes(self) -> None:
        """The item's quotes, checked, and its sources' passages most like its summary, each
        whole (escaped) with a button that adds it as a quote."""
        from sat.io.quotes import candidates
        from sat.io.sources import verify

        w = self._w
        e = html.escape
        case = self.document.case
        item = case.item(self._quote_item.value)
        found = verify(case, self.document.path.parent)
        lines = [f"<p><b>{e(item.id)}</b> {e(item.summary)}</p>"]
        for q in found.quotes_of(item.id):
            where = (
                f"found in {e(q.found_in)}"
                if q.found
                else '<b style="color:#cf222e">not found in its sources\' stored text</b>'
            )
            lines.append(f"<blockquote>&ldquo;{e(q.quote)}&rdquo; ({where})</blockquote>")
        if not item.quote:
            lines.append("<p style='color:#57606a'>No quote yet.</p>")
        self._candidates = candidates(case, found, item.id, top=5)
        if self._candidates:
            lines.append("<p>Passages of its sources most like the summary (BM25):</p>")
        else:
            lines.append(
                "<p style='color:#57606a'>None of its sources stores a text with words in common "
                "with the summary (see the sources' <code>file</code>).</p>"
            )
        self._quote_view.value = "".join(lines)
        rows = []
        for k, c in enumerate(self._candidates):
            passage = w.HTML(
                f"<span style='color:#57606a'>{e(c.source)} · score {c.score:.2f}</span> "
                f"&ldquo;{e(c.passage)}&rdquo;"
            )
            passage.add_class("sat-quote-passage")
            accept = w.Button(description="Add as quote", icon="check", disabled=not self.editable)
            accept.add_class("sat-quote-accept")
            accept.add_class(f"sat-quote-accept-{k}")
            accept.on_click(lambda _, k=k: self._accept_quote(k))
            row = w.HBox([passage, accept])
            row.add_class("sat-row")
            row.add_class("sat-quote-candidate")
            rows.append(row)
        self._quote_choices.children = rows

    @_working
    def _accept_quote(self, choice: int) -> None:
        """Add the ``choice``-th suggested passage to the item's quotes, exactly as it stands."""
        chosen = self._candidates[choice]
        item = self.document.case.item(self._quote_item.value)
        try:
            self.document.set_field("evidence", item.id, "quote", [*item.quote, chosen.passage])
        except SatError as exc:
            self._say(str(exc), "error")
            return
        self._say(f"quote added to {item.id} from {chosen.source} (unsaved)", "ok")
        self._show_quotes()
        self._refresh()

    def _build_checklist(self) -> None:
        w = self._w
        rows = []
        answers = self.document.case.checklist
        for key, question in scales.CHECKLIST.items():
            box = w.Textarea(
                value=answers.get(key, ""),
                placeholder="not answered yet",
                continuous_update=False,
                disabled=not self.editable,
                layout=w.Layout(width="100%", max_width="48em", height="3.5em"),
            )
            box.observe(lambda change, k=key: self._on_checklist(k, change), names="value")
            rows.append(w.VBox([w.HTML(label_html(question)), box]))
        self.checklist.children = rows

    @_working
    def _on_checklist(self, key: str, change: dict) -> None:
        if self._syncing:
            return
        try:
            self.document.set_checklist(key, change["new"].strip() or None)
        except SatError as exc:
            self._say(str(exc).splitlines()[0], "error")
            return
        self._say(f"checklist: {key} {'answered' if change['new'].strip() else 'cleared'}")
        self._refresh()

    def _build_deception(self) -> None:
        w = self._w
        rows = []
        for entry in self.document.case.deception:
            rows.append(w.HTML(f"<b>{html.escape(entry.subject)}</b> ({html.escape(entry.kind)})"))
            for question in scales.deception_questions(entry.kind):
                answer = entry.answers.get(question)
                rating = w.Dropdown(
                    options=[("not answered", ""), ("H", "H"), ("M", "M"), ("L", "L")],
                    value=answer.rating if answer else "",
                    disabled=not self.editable,
                )
                _fit(rating)
                rating.add_class(f"sat-deception-{question.replace('.', '-')}")
                note = w.Text(
                    value=(answer.note or "") if answer else "",
                    placeholder="why",
                    continuous_update=False,
                    disabled=not self.editable,
                )
                handler = functools.partial(
                    self._on_deception, entry.subject, question, rating, note
                )
                rating.observe(handler, names="value")
                note.observe(handler, names="value")
                text = scales.DECEPTION_QUESTIONS[question][1]
                note.layout = w.Layout(flex="1 1 16em", min_width="10em")
                rows.append(self._row(text, f"{question}:", rating, note))
        self.deception.children = rows or [w.HTML("No deception checklist is started in the case.")]

    @_working
    def _on_deception(self, subject: str, question: str, rating, note, change: dict) -> None:
        if self._syncing:
            return
        try:
            self.document.set_deception_answer(
                subject, question, rating.value or None, note.value.strip()
            )
        except (SatError, ValueError) as exc:
            self._say(str(exc).splitlines()[0], "error")
            self._sync()
            return
        self._say(
            f"deception check: {subject}, {question} {'answered' if rating.value else 'cleared'}"
        )
        self._refresh()

    def _structure_panel(self):
        """Hypotheses and evidence: add, edit every field, rename, remove (after a confirmation)."""
        w = self._w
        self._h_pick = _fit(w.Dropdown(description="Hypothesis:"))
        self._h_fields = {
            "id": w.Text(placeholder="H1"),
            "label": w.Text(placeholder="a short label"),
            "statement": w.Textarea(placeholder="stated so that it can be disproved"),
            "prior": w.Text(placeholder="0.2 or 20% (optional)"),
            "prior_basis": w.Text(placeholder="where the prior comes from (optional)"),
            "kind": w.Dropdown(options=["substantive", "null", "deception", "residual"]),
        }
        self._e_pick = _fit(w.Dropdown(description="Item:"))
        self._e_fields = {
            "id": w.Text(placeholder="E1"),
            "summary": w.Textarea(placeholder="in your own words"),
            "sources": w.Text(placeholder="S1, S3"),
            "quote": w.Textarea(placeholder="the source's words, one quote a line"),
            "type": w.Dropdown(options=list(scales.EVIDENCE_TYPES)),
            "date": w.Text(placeholder="YYYY-MM-DD (optional)"),
            "credibility": w.Dropdown(options=list(scales.LEVELS)),
            "relevance": w.Dropdown(options=list(scales.LEVELS)),
            "information_credibility": w.Dropdown(
                options=[("not graded", None)]
                + [(f"{k} {v}", k) for k, v in scales.INFORMATION_CREDIBILITY.items()],
            ),
            "notes": w.Textarea(placeholder="(optional)"),
        }
        names = {
            "prior_basis": "basis of the prior",
            "quote": "quotes",
            "information_credibility": "information credibility",
        }
        self._h_check, self._e_check = w.HTML(), w.HTML()
        self._h_save, self._e_save = (
            w.Button(button_style="primary"),
            w.Button(button_style="primary"),
        )
        self._h_remove = w.Button(description="Remove…", button_style="danger")
        self._e_remove = w.Button(description="Remove…", button_style="danger")
        self._confirm = w.HBox()
        self._confirm.add_class("sat-row")
        for fields, check in (
            (self._h_fields, self._check_hypothesis),
            (self._e_fields, self._check_item),
        ):
            for field in fields.values():
                field.disabled = not self.editable
                field.observe(lambda _, c=check: c(), names="value")
        for button in (self._h_save, self._e_save, self._h_remove, self._e_remove):
            button.disabled = not self.editable
        self._h_pick.observe(lambda _: self._load_hypothesis(), names="value")
        self._e_pick.observe(lambda _: self._load_item(), names="value")
        self._h_save.on_click(lambda _: self._save_hypothesis())
        self._e_save.on_click(lambda _: self._save_item())
        self._h_remove.on_click(lambda _: self._ask_remove("hypotheses"))
        self._e_remove.on_click(lambda _: self._ask_remove("evidence"))

        def form(title: str, pick: Any, remove: Any, fields: dict, check: Any, save: Any):
            grid = w.GridBox(
                [
                    part
                    for name, field in fields.items()
                    for part in (w.HTML(names.get(name, name)), field)
                ]
            )
            grid.add_class("sat-form-grid")
            for part in grid.children[::2]:
                part.add_class("sat-form-name")
            head = w.HBox([pick, remove])
            head.add_class("sat-row")
            box = w.VBox([w.HTML(title), head, grid, check, save])
            box.add_class("sat-form")
            return box

        forms = w.HBox(
            [
                form(
                    "<b>Hypotheses</b>",
                    self._h_pick,
                    self._h_remove,
                    self._h_fields,
                    self._h_check,
                    self._h_save,
                ),
                form(
                    "<b>Evidence</b> <span style='color:#57606a'>(rate it in the Matrix tab)</span>",
                    self._e_pick,
                    self._e_remove,
                    self._e_fields,
                    self._e_check,
                    self._e_save,
                ),
            ],
            layout=w.Layout(flex_flow="row wrap", align_items="flex-start", grid_gap="8px 24px"),
        )
        return w.VBox([forms, self._confirm])

    def _refresh_structure_options(self) -> None:
        case = self.document.case
        keep_h, keep_e = self._h_pick.value, self._e_pick.value
        hyps = [h.id for h in case.hypotheses]
        items = [e.id for e in case.evidence]
        self._h_pick.options = [("a new hypothesis", "")] + [(h, h) for h in hyps]
        self._e_pick.options = [("a new item", "")] + [(e, e) for e in items]
        self._h_pick.value = keep_h if keep_h in hyps else ""
        self._e_pick.value = keep_e if keep_e in items else ""
        self._load_hypothesis()
        self._load_item()

    def _load_hypothesis(self) -> None:
        """Fill the hypothesis form from the one picked (empty for a new one)."""
        picked = self._h_pick.value
        h = self.document.case.hypothesis(picked) if picked else None
        values = {
            "id": h.id if h else "",
            "label": h.label if h else "",
            "statement": h.statement if h else "",
            "prior": "" if h is None or h.prior is None else f"{h.prior:g}",
            "prior_basis": (h.prior_basis or "") if h else "",
            "kind": h.kind if h else "substantive",
        }
        for name, value in values.items():
            self._h_fields[name].value = value
        self._h_save.description = "Save changes" if h else "Add hypothesis"
        self._h_remove.disabled = not (self.editable and h)
        self._check_hypothesis()

    def _load_item(self) -> None:
        """Fill the evidence form from the item picked (empty for a new one)."""
        picked = self._e_pick.value
        e = self.document.case.item(picked) if picked else None
        values = {
            "id": e.id if e else "",
            "summary": e.summary if e else "",
            "sources": ", ".join(e.sources) if e else "",
            "quote": "\n".join(e.quote) if e else "",
            "type": e.type if e else "report",
            "date": e.date.isoformat() if e and e.date else "",
            "credibility": e.credibility if e else "M",
            "relevance": e.relevance if e else "M",
            "information_credibility": e.information_credibility if e else None,
            "notes": (e.notes or "") if e else "",
        }
        for name, value in values.items():
            self._e_fields[name].value = value
        self._e_fields["id"].disabled = not self.editable or e is not None  # ids of items stay
        self._e_save.description = "Save changes" if e else "Add evidence"
        self._e_remove.disabled = not (self.editable and e)
        self._check_item()

    def _hypothesis_values(self) -> dict[str, Any]:
        f = {k: v.value for k, v in self._h_fields.items()}
        prior = f["prior"].strip()
        if prior:
            with contextlib.suppress(ValueError):  # left as text: the check says what is allowed
                prior = scales.parse_probability(prior)
        return {
            "id": f["id"].strip(),
            "label": f["label"].strip(),
            "statement": f["statement"].strip(),
            "prior": prior or None,
            "prior_basis": f["prior_basis"].strip() or None,
            "kind": f["kind"],
        }

    def _item_values(self) -> dict[str, Any]:
        f = {k: v.value for k, v in self._e_fields.items()}
        return {
            "id": f["id"].strip(),
            "summary": f["summary"].strip(),
            "sources": [s.strip() for s in f["sources"].replace(";", ",").split(",") if s.strip()],
            "quote": [q.strip() for q in f["quote"].splitlines() if q.strip()],
            "type": f["type"],
            "date": f["date"].strip() or None,
            "credibility": f["credibility"],
            "relevance": f["relevance"],
            "information_credibility": f["information_credibility"],
            "notes": f["notes"].strip() or None,
        }

    def _form_problems(self, model: Any, values: dict[str, Any], taken: set[str]) -> list[str]:
        """What is wrong with a form, one plain line each (the case file's own rules)."""
        from pydantic import ValidationError

        problems = []
        if values["id"] in taken:
            problems.append(f"id: '{values['id']}' is taken")
        try:
            model.model_validate({k: v for k, v in values.items() if v is not None})
        except ValidationError as exc:
            for err in exc.errors(include_url=False):
                where = ".".join(str(p) for p in err["loc"]) or "form"
                problems.append(f"{where}: {err['msg'].removeprefix('Value error, ')}")
        return problems

    def _show_check(self, widget: Any, button: Any, problems: list[str]) -> None:
        widget.value = "".join(
            f"<div style='color:#cf222e;font-size:0.9em'>{html.escape(p)}</div>" for p in problems
        )
        button.disabled = not self.editable or bool(problems)

    def _check_hypothesis(self) -> None:
        from sat.case import Hypothesis

        values = self._hypothesis_values()
        case = self.document.case
        taken = {h.id for h in case.hypotheses} - {self._h_pick.value}
        problems = self._form_problems(Hypothesis, values, taken)
        if isinstance(values["prior"], str):
            problems.append("prior: a probability, 0.2 or 20%")
        self._show_check(self._h_check, self._h_save, problems)

    def _check_item(self) -> None:
        from sat.case import Evidence

        values = self._item_values()
        case = self.document.case
        taken = {e.id for e in case.evidence} - {self._e_pick.value}
        problems = self._form_problems(Evidence, values, taken)
        known = {s.id for s in case.sources}
        problems += [
            f"sources: no source '{s}' in the case" for s in values["sources"] if s not in known
        ]
        self._show_check(self._e_check, self._e_save, problems)

    @_working
    def _save_hypothesis(self) -> None:
        values = self._hypothesis_values()
        picked = self._h_pick.value
        ident = values.pop("id")
        try:
            if not picked:
                self.document.add_hypothesis(
                    ident, values.pop("label"), values.pop("statement"), **values
                )
                self._h_pick.value = ""
                self._load_hypothesis()  # cleared for the next one
                message = f"added hypothesis {ident}"
            else:
                if ident != picked:
                    self.document.rename_hypothesis(picked, ident)
                self.document.set_fields("hypotheses", ident, values)
                message = f"saved hypothesis {ident}"
        except (SatError, ValueError, TypeError) as exc:
            self._say(str(exc).splitlines()[0], "error")
            return
        self._say(message, "ok")
        self._sync()

    @_working
    def _save_item(self) -> None:
        import datetime as dt

        values = self._item_values()
        picked = self._e_pick.value
        ident = values.pop("id")
        if values["date"]:
            values["date"] = dt.date.fromisoformat(values["date"])
        try:
            if not picked:
                self.document.add_evidence(ident, values.pop("summary"), **values)
                message = f"added evidence {ident}: rate it in the Matrix tab"
            else:
                self.document.set_fields(
                    "evidence", ident, {k: (v if v != [] else None) for k, v in values.items()}
                )
                message = f"saved evidence {ident}"
        except (SatError, ValueError, TypeError) as exc:
            self._say(str(exc).splitlines()[0], "error")
            return
        self._say(message, "ok")
        self._sync()

    def _ask_remove(self, section: str) -> None:
        """Show a confirmation before removing (undo also brings it back)."""
        w = self._w
        ident = self._h_pick.value if section == "hypotheses" else self._e_pick.value
        if not ident:
            return
        what = (
            f"Remove {ident}, its ratings and its indicators?"
            if section == "hypotheses"
            else f"Remove {ident} and its ratings?"
        )
        yes = w.Button(description=f"Remove {ident}", button_style="danger")
        no = w.Button(description="Keep it")
        yes.add_class("sat-confirm-remove")
        action = (
            self.document.remove_hypothesis
            if section == "hypotheses"
            else self.document.remove_evidence
        )
        yes.on_click(
            lambda _: (setattr(self._confirm, "children", ()), self._structural(action, ident))
        )
        no.on_click(lambda _: setattr(self._confirm, "children", ()))
        self._confirm.children = [
            w.HTML(f"{html.escape(what)} (Undo brings it back.) "),
            yes,
            no,
        ]

    @_working
    def _structural(self, action, *args: Any) -> None:
        try:
            action(*args)
        except (SatError, ValueError, TypeError) as exc:
            self._say(str(exc).splitlines()[0], "error")
            return
        self._say(f"{action.__name__.replace('_', ' ')}: {', '.join(a for a in args if a)}", "ok")
        self._sync()

    # -- commands --------------------------------------------------------------------------------

    @_working
    def undo(self) -> None:
        """Take back the last change."""
        try:
            self.document.undo()
        except SatError as exc:
            self._say(str(exc), "warn")
            return
        self._say("undone")
        self._sync()

    @_working
    def save(self, path: str | None = None, *, read_only: bool = False) -> None:
        """Save (or save as); a file changed on disk is not overwritten, and a read-only file only
        once the analyst confirms."""
        if not self.editable:
            self._say("this workbook is read-only", "warn")
            return
        self.confirm_bar.children = ()
        try:
            target = self.document.save(path or None, read_only=read_only)
        except UsageError as exc:
            self._say(f"not saved: {exc}", "error")
            if "read-only" in str(exc):
                self._ask_overwrite(path)
            return
        except ConflictError:
            self._say(
                "The file changed on disk since it was opened: reload it (losing these edits) "
                "or save under another name.",
                "error",
            )
            return
        except (SatError, OSError) as exc:
            self._say(f"not saved: {exc}", "error")
            return
        backup = self.document.backup
        kept = f" (previous version kept as {backup.name})" if backup is not None else ""
        self._say(f"saved {target}{kept}", "ok")
        self._refresh()

    def _ask_overwrite(self, path: str | None) -> None:
        """Offer to overwrite a read-only file (the analyst's confirmation), or keep it."""
        w = self._w
        yes = w.Button(description="Overwrite it", button_style="danger")
        yes.add_class("sat-confirm-overwrite")
        no = w.Button(description="Keep it")
        yes.on_click(lambda _: self.save(path, read_only=True))
        no.on_click(lambda _: setattr(self.confirm_bar, "children", ()))
        self.confirm_bar.children = [
            w.HTML("The file is read-only. Overwrite it anyway? "),
            yes,
            no,
        ]

    @_working
    def reload(self) -> None:
        """Discard the edits here and read the file from disk again."""
        self.document.reload()
        self._say("reloaded from disk")
        self._sync()


class BlindRating:
    """One analyst rates every item across the hypotheses, blind (see ``sat.techniques.elicitation``).

    Items come one at a time, in a random order drawn with a seed kept in the
    case file; for each, every hypothesis gets the analyst's own rating
    (``analyst_ratings``) before the next item. No score, no agreed rating and no
    other analyst's rating is shown until every item is rated; then the
    analysts' readings are revealed side by side. Each item is saved as it is
    rated (atomically; a file changed on disk is not overwritten); opening a
    session writes nothing until the first item is rated.

    Parameters
    ----------
    case_path : path-like
        The YAML case file.
    analyst : str
        One of the case's analysts.
    seed : int, optional
        The seed for a new session's order (default: drawn at random, then kept).
    """

    def __init__(self, case_path: str | os.PathLike[str], analyst: str, seed: int | None = None):
        import secrets

        import ipywidgets as w

        from sat.techniques.elicitation import draw_order, session

        self._w = w
        self.document = CaseDocument(case_path)
        self.document.prepare()
        self.analyst = analyst
        case = self.document.case
        if analyst not in case.analysts:
            raise SatError(
                f"'{analyst}' is not one of the case's analysts ({', '.join(case.analysts)})"
            )
        if session(case, analyst) is None:
            seed = secrets.randbelow(2**31) if seed is None else seed
            # kept with the first rated item: opening a session writes nothing
            self.document.start_elicitation(analyst, seed, draw_order(case, seed))
        self.status = w.HTML()
        self.status.add_class("sat-status")
        self.progress = w.HTML()
        self.progress.add_class("sat-blind-progress")
        self.card = w.HTML()
        self.card.add_class("sat-blind-item")
        self.rows = w.VBox()
        self.next_button = w.Button(description="Save and next", button_style="primary")
        self.rows.layout = w.Layout(max_width="60em")
        self.next_button.layout = w.Layout(align_self="flex-start")
        self.next_button.add_class("sat-blind-next")
        self.next_button.on_click(lambda _: self.next())
        self.reveal = w.HTML()
        self.reveal.add_class("sat-blind-reveal")
        self.widget = w.VBox(
            [
                _stylesheet(w),
                self.progress,
                self.status,
                self.card,
                self.rows,
                self.next_button,
                self.reveal,
            ]
        )
        self.widget.add_class("sat-blind")
        self.widget.add_class("sat-root")
        self._show()

    def _repr_mimebundle_(self, **kwargs: Any):
        return self.widget._repr_mimebundle_(**kwargs)

    @property
    def session(self) -> Any:
        from sat.techniques.elicitation import session

        return session(self.document.case, self.analyst)

    def _show(self) -> None:
        """Show the current item with a rating per hypothesis, or, when done, the reveal."""
        w = self._w
        case = self.document.case
        state = self.session
        total = len(state.order)
        e = html.escape
        if state.done:
            self.progress.value = (
                f"<h3 style='margin:0'>{e(self.analyst)}: all {total} items rated</h3>"
            )
            self.card.value = ""
            self.rows.children = []
            self.next_button.layout.display = "none"
            self._reveal()
            return
        self.progress.value = (
            f"<h3 style='margin:0'>Blind rating: {e(self.analyst)}, item {state.position} of "
            f"{total}</h3><p style='margin:0;color:#57606a'>Rate this item against every "
            "hypothesis before the next. Scores and other analysts' ratings stay hidden until "
            f"every item is rated. Order drawn with seed {state.seed}.</p>"
        )
        item = case.item(state.current)
        grades = {s.id: s.reliability or "ungraded" for s in case.sources}
        published = {s.id: s.date for s in case.sources}
        self.card.value = evidence_card(item, grades, published, open_=True)
        self._choices = {}
        rows = []
        for h in case.hypotheses:
            choice = _fit(
                w.Dropdown(
                    # never filled in, not even with this analyst's earlier votes: no anchor
                    options=[("choose", "")] + [(c, c) for c in scales.RATING_CODES],
                    value="",
                )
            )
            choice.add_class(f"sat-blind-{h.id}")
            choice.observe(lambda _: self._check(), names="value")
            self._choices[h.id] = choice
            label = w.HTML(
                label_html(h.label, bold=h.id) + "<div style='font-size:0.85em;color:#57606a'>"
                f"{e(h.statement)}</div>"
            )
            label.add_class("sat-row-label")
            row = w.HBox([label, choice])
            row.add_class("sat-row")
            rows.append(row)
        self.rows.children = rows
        legend = ", ".join(f"{c} {scales.RATING_MEANING[c]}" for c in scales.RATING_CODES)
        self.status.value = f"<span style='color:#57606a;font-size:0.85em'>{e(legend)}</span>"
        self._check()

    def _check(self) -> None:
        missing = [h for h, c in self._choices.items() if not c.value]
        self.next_button.disabled = bool(missing)
        self.next_button.tooltip = (
            f"rate {', '.join(missing)} first (NA if it does not apply)" if missing else ""
        )

    @_working
    def next(self) -> None:
        """Save this item's ratings (and the order they came in), then show the next item."""
        current = self.session.current
        ratings = {h: c.value for h, c in self._choices.items()}
        if current is None or not all(ratings.values()):
            self.status.value = "<span style='color:#9a6700'>rate every hypothesis first</span>"
            return
        try:
            self.document.rate_as(self.analyst, current, ratings)
            self.document.save()
        except ConflictError:
            self.status.value = (
                "<span style='color:#cf222e'>The case file changed on disk: reload this session "
                "(your earlier items are saved).</span>"
            )
            return
        except (SatError, ValueError, OSError) as exc:
            self.status.value = f"<span style='color:#cf222e'>{html.escape(str(exc))}</span>"
            return
        self._show()

    def _reveal(self) -> None:
        """Every item rated: the analysts' readings and the consensus, side by side."""
        from sat.analysis import analyse
        from sat.report.tables import consensus_html

        self.reveal.value = (
            "<p>Your ratings are saved. Now compare: each analyst's reading of the matrix (the "
            "agreed ratings with their own votes where they voted) and the cells most in dispute.</p>"
            + str(consensus_html(analyse(self.document.case).consensus))
        )
