"""What every sat widget shares: its stylesheet, a label's markup, an item's card, the busy state.

The stylesheet is one ``<style>`` (``stylesheet``) shown with each workbook or
blind session: text at a reading line height, labels on at most two lines with
the whole text on hover (``label_html``), buttons and dropdowns as wide as
their words (``fit``), rows whose controls go below their label when there is
no room beside it, and the rating colours. Every piece of case text is escaped.
"""

from __future__ import annotations

import contextlib
import functools
import html
from collections.abc import Callable
from typing import Any

from sat import scales

__all__ = ["STYLE", "busy", "evidence_card", "fit", "label_html", "stylesheet", "working"]

STYLE = "\n".join(
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
        # a label: at most two lines, then an ellipsis; the whole text is its hover title; a
        # word wider than its column breaks with a hyphen where the language allows
        ".sat-label { display: -webkit-box; -webkit-box-orient: vertical; "
        "-webkit-line-clamp: 2; overflow: hidden; overflow-wrap: break-word; hyphens: auto; "
        "line-height: 1.35; }",
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


def fit(dropdown: Any) -> Any:
    """A dropdown as wide as its longest choice (the stylesheet's ``sat-fit``); returned."""
    dropdown.add_class("sat-fit")
    return dropdown


def stylesheet(w: Any) -> Any:
    """The stylesheet every sat widget needs (one widget, shown once per view)."""
    return w.HTML(f"<style>{STYLE}</style>", layout=w.Layout(display="none"))


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
def busy(widget: Any):
    """Mark a workbook or blind session busy while it works (shown after 100 ms, by the stylesheet)."""
    widget.add_class("sat-busy")
    try:
        yield
    finally:
        widget.remove_class("sat-busy")


def working(method: Callable[..., Any]) -> Callable[..., Any]:
    """Run a command of a widget with its busy state shown (``busy`` on its ``widget``)."""

    @functools.wraps(method)
    def run(self: Any, *args: Any, **kwargs: Any) -> Any:
        with busy(self.widget):
            return method(self, *args, **kwargs)

    return run
