"""The workbook's Assumptions, Indicators, Checklist and Deception tabs.

Each row is a label (at most two lines, the whole on hover) and its controls,
which go below the label when there is no room beside it. ``ChecksView`` is a
part of ``Workbook``.
"""

from __future__ import annotations

import functools
import html
from typing import Any

from sat import scales
from sat.errors import SatError
from sat.widgets.markup import fit, label_html, working

__all__ = ["ChecksView"]


class ChecksView:
    """The assumptions, indicators, checklist and deception tabs (a part of ``Workbook``)."""

    def _row(self, text: str, lead: str, *controls: Any) -> Any:
        """A row: its label (at most two lines, the whole on hover), then its controls, which go
        below the label when the row has no room beside it."""
        w = self._w
        label = w.HTML(label_html(text, bold=lead))
        label.add_class("sat-row-label")
        row = w.HBox([label, *controls])
        row.add_class("sat-row")
        return row

    def _choice(
        self, section: str, ident: str, field: str, options: list, value: Any, css: str
    ) -> Any:
        """A dropdown for one field of one item, as wide as its choices, that edits the case."""
        choice = fit(self._w.Dropdown(options=options, value=value, disabled=not self.editable))
        choice.add_class(css)
        choice.observe(lambda change: self._on_field(section, ident, field, change), names="value")
        return choice

    def _build_assumptions(self) -> None:
        w = self._w
        rows = []
        for a in self.document.case.assumptions:
            rating = self._choice(
                "assumptions",
                a.id,
                "rating",
                [("not rated", ""), *((v, k) for k, v in scales.ASSUMPTION_RATINGS.items())],
                a.rating or "",
                f"sat-assumption-{a.id}",
            )
            rows.append(self._row(a.statement, a.id, rating))
        self.assumptions.children = rows or [w.HTML("The case lists no assumptions.")]

    def _build_indicators(self) -> None:
        w = self._w
        rows = []
        for i in self.document.case.indicators:
            status = self._choice(
                "indicators",
                i.id,
                "status",
                list(scales.INDICATOR_STATUSES),
                i.status,
                f"sat-indicator-{i.id}",
            )
            rows.append(self._row(i.description, f"{i.id} ({i.hypothesis}, {i.direction})", status))
        self.indicators.children = rows or [w.HTML("The case lists no indicators.")]

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

    @working
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
                fit(rating)
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

    @working
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
