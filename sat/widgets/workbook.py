"""The interactive workbook: edit a case in JupyterLab (or a Voila app) and watch the analysis move.

``Workbook`` puts its tabs (``sat.widgets.matrix``, ``checks``, ``quotes``,
``judgements``, ``structure``) beside a live panel of scores and posteriors that
updates on every change. Undo takes back the last change; the header says when
there are unsaved changes; saving goes through ``CaseDocument`` (comments kept,
conflicts caught, previous version kept, atomic).
"""

from __future__ import annotations

import html
import os
from typing import Any

from sat.errors import AnalysisError, SatError, UsageError
from sat.io.document import CaseDocument, ConflictError
from sat.widgets.checks import ChecksView
from sat.widgets.judgements import JudgementsPanel
from sat.widgets.markup import busy, stylesheet, working
from sat.widgets.matrix import MatrixView
from sat.widgets.quotes import QuotesView
from sat.widgets.structure import StructureView

__all__ = ["Workbook", "edit_mode"]


def edit_mode(default: bool = True) -> bool:
    """Whether the workbook may edit: ``SAT_EDIT=1`` or ``0`` decides when set (the app), else ``default``."""
    value = os.environ.get("SAT_EDIT")
    if value is None:
        return default
    return value.strip().lower() in ("1", "true", "yes", "on")


class Workbook(MatrixView, ChecksView, QuotesView, StructureView):
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

    Notes
    -----
    What a test (or a script) drives and reads, as the analyst would, without reaching
    into the widgets: ``rate(evidence, hypothesis, value)``, ``set_level(evidence, field,
    value)`` and ``cell(evidence, hypothesis)`` (a ``Cell``: the rating shown, its colour,
    whether it edits); ``view(sort=..., text=..., source=..., hypothesis=...)`` and
    ``visible_rows``; ``grid`` (the one grid widget: ``hypotheses``, ``items``, ``ratings``
    as the browser gets them); ``save``, ``undo``, ``reload``, ``simulate``, ``edit``;
    ``status``, ``header`` and ``scores`` (their HTML); the Quotes tab's ``quote_item``,
    ``quote_view``, ``quote_candidates``, ``quote_choices`` and ``accept_quote``; the
    Structure tab's ``hypothesis_form``, ``evidence_form`` and ``confirm_remove``; the
    Key judgements tab's ``judgements``.
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
                stylesheet(w),
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

        case = self.document.case
        analysis = analyse(case)
        result = analysis.ach
        why, draws = None, None
        simulated = self._simulated
        current = simulated is not None and simulated[0] == self.document.text
        try:
            if current:
                posterior, draws = simulated[1], simulated[2]
            else:
                posterior = analysis.posterior_point.to_frame()
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

    @working
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

    def _on_field(self, section: str, ident: str, field: str, change: dict) -> None:
        if self._syncing:
            return
        value = change["new"]
        with busy(self.widget):
            try:
                self.document.set_field(section, ident, field, value if value != "" else None)
            except (SatError, ValueError) as exc:
                self._say(str(exc).splitlines()[0], "error")
                self._sync()
                return
            self._say(f"{ident}: {field} set to {value or 'nothing'}")
            self._refresh()

    # -- commands --------------------------------------------------------------------------------

    @working
    def undo(self) -> None:
        """Take back the last change."""
        try:
            self.document.undo()
        except SatError as exc:
            self._say(str(exc), "warn")
            return
        self._say("undone")
        self._sync()

    @working
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

    @working
    def reload(self) -> None:
        """Discard the edits here and read the file from disk again."""
        self.document.reload()
        self._say("reloaded from disk")
        self._sync()
