"""The workbook's Key judgements tab: the analysts' own words, checked as they are typed.

Each key judgement is an editable text with what it is ``about`` (a hypothesis,
an event, a scenario, or nothing) and, below it, what ``sat review`` finds in its
words, in the same sentences (``sat.report.claims.review.result_claims``): red where the words
say more than the analysis (a likelihood word above the posterior range, "will"
unhedged, "most likely" of a hypothesis that is not first, more confidence than
computed, two judgements that cannot both hold), amber where they say less or
say it apart from ICD 203's rules, grey for what cannot be checked.

The findings follow every keystroke without re-running the analysis: a judgement's
words do not move the figures they are checked against (the posterior range
across the likelihood tables, the leaders, the computed confidence), so the
Bayesian result and the confidence (about a second on the example, for the
Monte Carlo) are computed once for the case as rated, again only when something
other than the key judgements has changed, and each keystroke re-reads the
words alone (a few milliseconds). Each keystroke is written through
``CaseDocument.set_key_judgement``: a run of typing in one judgement is one undo
step, and saving writes only the lines it changed.

All analyst text is escaped: the text areas and dropdowns are plain text; the
findings are escaped HTML.
"""

from __future__ import annotations

import html
from typing import Any

from sat.errors import SatError
from sat.widgets.markup import fit

__all__ = ["JudgementsPanel"]

_STYLE = "\n".join(
    [
        # the tab fills its column and wraps; nothing is wider than the space it has
        ".sat-judgements { min-width: 0; width: 100%; }",
        ".sat-judgements .widget-textarea { width: auto; min-width: 0; }",  # stretched, margins in
        ".sat-judgements textarea { width: 100%; min-width: 0; box-sizing: border-box; }",
        ".sat-judgements .widget-html-content { white-space: normal; overflow-wrap: anywhere; }",
        ".sat-judgement { border-left: 3px solid #d0d7de; padding-left: 8px; margin-bottom: 10px; "
        "min-width: 0; }",
        ".sat-judgement.sat-outruns { border-left-color: #cf222e; }",
        ".sat-finding { margin: 2px 0; font-size: 0.9em; }",
        ".sat-findings .widget-html-content { line-height: 1.4; }",
        ".sat-finding-stronger { color: #cf222e; }",
        ".sat-finding-problem { color: #9a6700; }",
        ".sat-finding-note { color: #57606a; }",
        ".sat-finding-clean { color: #1a7f37; }",
    ]
)

#: The mark and class of each kind of finding.
_MARKS = {
    "stronger": ("▲ stronger than the analysis", "sat-finding-stronger"),
    "problem": ("● to revise", "sat-finding-problem"),
    "note": ("○ note", "sat-finding-note"),
}

_CLEAN = "<div class='sat-finding sat-finding-clean'>✓ nothing outruns the analysis</div>"


def _finding_html(kind: str, text: str) -> str:
    mark, cls = _MARKS[kind]
    return f"<div class='sat-finding {cls}'><b>{html.escape(mark)}:</b> {html.escape(text)}</div>"


class _Row:
    """The widgets of one key judgement (or of the draft of a new one)."""

    def __init__(self, panel: JudgementsPanel, draft: bool = False):
        w = panel._w
        editable = panel.editable
        self.index = -1
        self.heading = w.HTML()
        self.text = w.Textarea(
            placeholder="Type a new key judgement, in your own words…"
            if draft
            else "a key judgement needs words",
            continuous_update=True,  # the findings follow every keystroke
            disabled=not editable,
            rows=3,
            layout=w.Layout(min_width="0"),
        )
        self.about = w.Dropdown(
            description="About:",
            disabled=not editable,
            style={"description_width": "initial"},
        )
        fit(self.about)
        self.button = w.Button(
            description="Add" if draft else "Remove",
            icon="plus" if draft else "trash",
            button_style="primary" if draft else "",
            layout=w.Layout(width="auto", flex="0 0 auto"),
        )
        self.findings = w.HTML()
        self.findings.add_class("sat-findings")
        bar = w.HBox(
            [self.heading, self.about, *([self.button] if editable else [])],
            layout=w.Layout(flex_flow="row wrap", align_items="center", min_width="0"),
        )
        self.box = w.VBox(
            [bar, self.text, self.findings], layout=w.Layout(min_width="0", width="100%")
        )
        self.box.add_class("sat-judgement")
        self.text.add_class("sat-judgement-draft-text" if draft else "sat-judgement-text")
        self.about.add_class("sat-judgement-draft-about" if draft else "sat-judgement-about")
        self.button.add_class("sat-judgement-add" if draft else "sat-judgement-remove")
        if draft:
            self.box.add_class("sat-judgement-draft")
            self.text.observe(lambda _: panel._on_draft(), names="value")
            self.about.observe(lambda _: panel._on_draft(), names="value")
            self.button.on_click(lambda _: panel.add())
        else:
            self.text.observe(lambda change: panel._on_text(self, change), names="value")
            self.about.observe(lambda change: panel._on_about(self, change), names="value")
            self.button.on_click(lambda _: panel.remove(self.index))

    def outruns(self, flag: bool) -> None:
        if flag:
            self.box.add_class("sat-outruns")
        else:
            self.box.remove_class("sat-outruns")


class JudgementsPanel:
    """The Key judgements tab of a ``Workbook`` (``workbook.judgements``).

    Parameters
    ----------
    workbook : Workbook
        The workbook whose document it edits; it says what it did in the workbook's
        status line and refreshes the workbook's header after each edit.
    """

    def __init__(self, workbook: Any):
        import ipywidgets as w

        self._w = w
        self.workbook = workbook
        self.document = workbook.document
        self.editable = workbook.editable
        self.visible = False  # set by the workbook while the tab is shown
        self._syncing = False
        self._analysis: Any = None  # the analysis the words are checked against
        self.summary = w.HTML()
        self.summary.add_class("sat-judgements-summary")
        self.others = w.HTML()
        self.others.add_class("sat-judgements-others")
        self.rows: list[_Row] = []
        self.draft = _Row(self, draft=True) if self.editable else None
        self.widget = w.VBox(layout=w.Layout(min_width="0", width="100%"))
        self.widget.add_class("sat-judgements")
        self._style = w.HTML(f"<style>{_STYLE}</style>")  # the workbook's sync fills the rows

    # -- the figures the words are checked against ----------------------------------------------

    @property
    def current(self) -> bool:
        """Whether the analysis is that of the case as it stands but for the analysts' words
        (else ``analysis`` analyses the case again)."""
        if self._analysis is None:
            return False
        try:
            self._analysis.reworded(self.document.case)
        except ValueError:
            return False
        return True

    def analysis(self) -> Any:
        """The analysis of the case as it stands (``sat.analyse``); its figures (the Bayesian
        result, the confidence) are computed again only when the case changed in more than the
        analysts' words (``Analysis.reworded``)."""
        if self.current:
            return self._analysis.reworded(self.document.case)
        from sat.analysis import analyse

        self._analysis = analyse(self.document.case)
        for name in ("bayes", "confidence"):  # now, while the workbook shows it is busy
            self._analysis.optional(name)
        return self._analysis

    # -- views ---------------------------------------------------------------------------------

    def _options(self) -> list[tuple[str, str]]:
        case = self.document.case
        return [
            ("nothing named (sentence by sentence)", ""),
            *((f"{h.id}: {h.label}", h.id) for h in case.hypotheses),
            *((f"{e.id} (event): {_short(e.description)}", e.id) for e in case.events),
            *((f"{s.id} (scenario): {_short(s.name)}", s.id) for s in case.scenarios),
        ]

    def _set(self, widget: Any, name: str, value: Any) -> None:
        """Set a widget's value without taking it for an edit."""
        syncing, self._syncing = self._syncing, True
        try:
            if getattr(widget, name) != value:
                setattr(widget, name, value)
        finally:
            self._syncing = syncing

    def sync(self) -> None:
        """Bring the rows in step with the case (after an undo, a reload, a structure edit): only
        what differs is touched, so the text being typed keeps its place; then recheck."""
        case = self.document.case
        judgements = case.key_judgements
        while len(self.rows) < len(judgements):
            self.rows.append(_Row(self))
        del self.rows[len(judgements) :]
        options = self._options()
        for k, (row, kj) in enumerate(zip(self.rows, judgements, strict=True)):
            row.index = k
            ident = f" <span style='color:#57606a'>({html.escape(kj.id)})</span>" if kj.id else ""
            row.heading.value = f"<b>Key judgement {k + 1}</b>{ident}"
            if " ".join(row.text.value.split()) != " ".join(kj.text.split()):
                self._set(row.text, "value", kj.text)
            if tuple(row.about.options) != tuple(options):
                self._set(row.about, "options", options)
            self._set(row.about, "value", kj.about or "")
        children = [self._style, self.summary, *(row.box for row in self.rows)]
        if self.draft is not None:
            if tuple(self.draft.about.options) != tuple(options):
                keep = self.draft.about.value
                self._set(self.draft.about, "options", options)
                self._set(self.draft.about, "value", keep if keep in dict(options).values() else "")
            self.draft.heading.value = "<b>New key judgement</b>"
            children.append(self.draft.box)
        children.append(self.others)
        if list(self.widget.children) != children:
            self.widget.children = children
        self.recheck(compute=self.visible)

    def show(self) -> None:
        """The tab is shown: check the words against the analysis as it stands now."""
        self.visible = True
        self.recheck()

    def recheck(self, compute: bool = True) -> None:
        """Show what ``sat review`` finds in every key judgement (the figures computed only if
        the case changed in more than its key judgements, and only with ``compute``)."""
        if not compute and not self.current:
            self.summary.value = (
                "<p style='color:#57606a'>The analysis changed: the findings are checked again "
                "when this tab is shown.</p>"
            )
            return
        case = self.document.case
        busy = self.workbook.widget  # the workbook's busy state (its stylesheet shows it)
        outer = "sat-busy" in busy._dom_classes  # inside a command that shows it already
        busy.add_class("sat-busy")
        try:
            analysis = self.analysis()
        finally:
            if not outer:
                busy.remove_class("sat-busy")
        result = analysis.review
        said = _said(case, result)
        for k, row in enumerate(self.rows):
            _show(row, said.get(f"key_judgements[{k}]", []))
        self.summary.value = _summary(case, result)
        self.others.value = _others(said)
        if self.draft is not None:
            self._show_draft(analysis)

    def _show_draft(self, analysis: Any) -> None:
        """The findings of the judgement being drafted, as if it were added (a clash with one
        already there included)."""
        from sat.case import KeyJudgement

        draft = self.draft
        text = draft.text.value.strip()
        draft.button.disabled = not text
        if not text:
            draft.findings.value = ""
            draft.outruns(False)
            return
        case = self.document.case
        added = KeyJudgement.model_construct(id=None, text=text, about=draft.about.value or None)
        trial = case.model_copy(update={"key_judgements": (*case.key_judgements, added)})
        said = _said(trial, analysis.reworded(trial).review)
        _show(draft, said.get(f"key_judgements[{len(case.key_judgements)}]", []))

    # -- edits ---------------------------------------------------------------------------------

    def _on_text(self, row: _Row, change: dict) -> None:
        if self._syncing or not self.editable:
            return
        text = change["new"].strip()
        if not text:
            row.findings.value = (
                "<div class='sat-finding sat-finding-problem'>A key judgement needs words: type "
                "some, or remove it (not written while empty).</div>"
            )
            return
        try:
            self.document.set_key_judgement(row.index, text=text, typing=True)
        except (SatError, ValueError) as exc:
            row.findings.value = (
                "<div class='sat-finding sat-finding-stronger'>Not written: "
                f"{html.escape(str(exc).splitlines()[0])}</div>"
            )
            return
        self.workbook._refresh()
        self.recheck()

    def _on_about(self, row: _Row, change: dict) -> None:
        if self._syncing or not self.editable:
            return
        about = change["new"] or None
        try:
            self.document.set_key_judgement(row.index, about=about)
        except (SatError, ValueError) as exc:
            self.workbook._say(str(exc).splitlines()[0], "error")
            self.sync()
            return
        self.workbook._say(
            f"key judgement {row.index + 1} is about {about}"
            if about
            else f"key judgement {row.index + 1} names nothing it is about"
        )
        self.workbook._refresh()
        self.recheck()

    def _on_draft(self) -> None:
        if self._syncing:
            return
        self._show_draft(self.analysis())

    def add(self) -> None:
        """Add the drafted judgement (the first starts the case file's ``key_judgements:``)."""
        if self.draft is None:
            return
        text = self.draft.text.value.strip()
        if not text:
            self.workbook._say("type the key judgement first", "warn")
            return
        try:
            self.document.add_key_judgement(text, self.draft.about.value or None)
        except (SatError, ValueError) as exc:
            self.workbook._say(str(exc).splitlines()[0], "error")
            return
        self._set(self.draft.text, "value", "")
        self._set(self.draft.about, "value", "")
        self.workbook._say(f"added key judgement {len(self.document.case.key_judgements)}", "ok")
        self.workbook._sync()

    def remove(self, index: int) -> None:
        """Remove the key judgement at ``index`` (undo brings it back)."""
        try:
            self.document.remove_key_judgement(index)
        except (SatError, ValueError) as exc:
            self.workbook._say(str(exc).splitlines()[0], "error")
            return
        self.workbook._say(f"removed key judgement {index + 1} (Undo brings it back)", "ok")
        self.workbook._sync()


def _short(text: str, most: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= most else text[: most - 1] + "…"


#: Claims that note what cannot be checked, or a word that covers only part of the analysis.
_NOTES = frozenset({"review.unchecked", "review.overlaps"})


def _said(case: Any, result: Any) -> dict[str, list[Any]]:
    """The claims of a review (``result_claims``: the sentences ``sat review`` says), by where
    they stand; a pair that cannot both hold stands at both."""
    from sat.report.claims.review import result_claims

    out: dict[str, list[Any]] = {}
    for claim in result_claims(case, result):
        where = claim.figures.get("where")
        for place in where if isinstance(where, tuple | list) else (where,):
            out.setdefault(str(place), []).append(claim)
    return out


def _kind(claim: Any) -> str:
    from sat.report.claims.review import STRONGER

    if claim.kind in STRONGER:
        return "stronger"
    return "note" if claim.kind in _NOTES else "problem"


def _show(row: _Row, claims: list[Any]) -> bool:
    """A row's findings, marked, with "nothing outruns the analysis" when none is stronger;
    whether any is."""
    lines = [_finding_html(_kind(c), c.text) for c in claims]
    stronger = any(_kind(c) == "stronger" for c in claims)
    row.findings.value = ("" if stronger else _CLEAN) + "".join(lines)
    row.outruns(stronger)
    return stronger


#: The markup of the tab's summary line, by the kind of its claim.
_SUMMARY = {
    "review.nothing": "<p style='color:#57606a'>{}</p>",
    "review.outruns": "<p class='sat-judgements-outrun' style='color:#cf222e'><b>{}</b> "
    "(marked ▲).</p>",  # the claim's sentence without its full stop
    "review.clean": "<p class='sat-judgements-clean' style='color:#1a7f37'><b>{}</b></p>",
}


def _summary(case: Any, result: Any) -> str:
    """The tab's summary line: the key judgements' review in one claim (``summary_claims``,
    said of the key judgements alone), escaped."""
    from sat.report.claims.review import summary_claims

    (claim,) = summary_claims(case, result, key_judgements_only=True)
    said = claim.text.removesuffix(".") if claim.kind == "review.outruns" else claim.text
    return _SUMMARY[claim.kind].format(html.escape(said))


def _others(said: dict[str, list[Any]]) -> str:
    """What the review finds in the summary, implications and recommendations (folded away)."""
    lines = [
        f"<div><code>{html.escape(where)}</code></div>"
        + "".join(_finding_html(_kind(c), c.text) for c in claims)
        for where, claims in said.items()
        if not where.startswith("key_judgements") and any(_kind(c) != "note" for c in claims)
    ]
    if not lines:
        return ""
    return (
        "<details class='sat-judgements-other'><summary>Your other texts (summary, implications, "
        f"recommendations): {len(lines)} with findings</summary>{''.join(lines)}</details>"
    )
