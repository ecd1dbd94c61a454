"""The workbook's Quotes tab: the words each item rests on, checked, and passages to accept.

An item's quotes are checked against its sources' stored texts; its sources'
passages most like its summary (BM25) are shown whole, each with a button that
adds it to the item's quotes exactly as the source has it. ``QuotesView`` is a
part of ``Workbook``; its public face: ``quote_item`` (the item chosen), ``quote_view`` (its
quotes, checked), ``quote_candidates`` and ``quote_choices`` (the passages and their rows) and
``accept_quote``.
"""

from __future__ import annotations

import html

from sat.errors import SatError
from sat.widgets.markup import fit, working

__all__ = ["QuotesView"]


class QuotesView:
    """The Quotes tab (a part of ``Workbook``)."""

    def _build_quotes(self) -> None:
        """Items resting on a source: their quotes (checked) and candidate passages to accept."""
        w = self._w
        case = self.document.case
        items = [e.id for e in case.evidence if e.sources]
        if not items:
            self.quotes.children = [w.HTML("No evidence item cites a source.")]
            return
        previous = getattr(self, "quote_item", None)
        chosen = previous.value if previous is not None and previous.value in items else items[0]
        self.quote_item = fit(w.Dropdown(options=items, value=chosen, description="Item:"))
        self.quote_item.add_class("sat-quote-item")
        self.quote_view = w.HTML()
        self.quote_view.add_class("sat-quote-view")
        self.quote_choices = w.VBox(layout=w.Layout(min_width="0"))
        self.quote_choices.add_class("sat-quote-choices")
        self.quote_item.observe(lambda _: self._show_quotes(), names="value")
        self.quotes.children = [self.quote_item, self.quote_view, self.quote_choices]
        self._show_quotes()

    def _show_quotes(self) -> None:
        """The item's quotes, checked, and its sources' passages most like its summary, each
        whole (escaped) with a button that adds it as a quote."""
        from sat.io.quotes import candidates
        from sat.io.sources import verify

        w = self._w
        e = html.escape
        case = self.document.case
        item = case.item(self.quote_item.value)
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
        self.quote_candidates = candidates(case, found, item.id, top=5)
        if self.quote_candidates:
            lines.append("<p>Passages of its sources most like the summary (BM25):</p>")
        else:
            lines.append(
                "<p style='color:#57606a'>None of its sources stores a text with words in common "
                "with the summary (see the sources' <code>file</code>).</p>"
            )
        self.quote_view.value = "".join(lines)
        rows = []
        for k, c in enumerate(self.quote_candidates):
            passage = w.HTML(
                f"<span style='color:#57606a'>{e(c.source)} · score {c.score:.2f}</span> "
                f"&ldquo;{e(c.passage)}&rdquo;"
            )
            passage.add_class("sat-quote-passage")
            accept = w.Button(description="Add as quote", icon="check", disabled=not self.editable)
            accept.add_class("sat-quote-accept")
            accept.add_class(f"sat-quote-accept-{k}")
            accept.on_click(lambda _, k=k: self.accept_quote(k))
            row = w.HBox([passage, accept])
            row.add_class("sat-row")
            row.add_class("sat-quote-candidate")
            rows.append(row)
        self.quote_choices.children = rows

    @working
    def accept_quote(self, choice: int) -> None:
        """Add the ``choice``-th suggested passage to the item's quotes, exactly as it stands."""
        chosen = self.quote_candidates[choice]
        item = self.document.case.item(self.quote_item.value)
        try:
            self.document.set_field("evidence", item.id, "quote", [*item.quote, chosen.passage])
        except SatError as exc:
            self._say(str(exc), "error")
            return
        self._say(f"quote added to {item.id} from {chosen.source} (unsaved)", "ok")
        self._show_quotes()
        self._refresh()
