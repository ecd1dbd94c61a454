"""Blind rating: one analyst rates every item across the hypotheses, one item at a time."""

from __future__ import annotations

import html
import os
from typing import Any

from sat import scales
from sat.errors import SatError
from sat.io.document import ConflictError
from sat.widgets.markup import evidence_card, fit, label_html, stylesheet, working
from sat.widgets.sessions import open_as

__all__ = ["BlindRating"]


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
        self.document = open_as(case_path, analyst)
        self.analyst = analyst
        case = self.document.case
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
                stylesheet(w),
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
        self.choices = {}  # the rating dropdown of each hypothesis for the item shown (public)
        rows = []
        for h in case.hypotheses:
            choice = fit(
                w.Dropdown(
                    # never filled in, not even with this analyst's earlier votes: no anchor
                    options=[("choose", "")] + [(c, c) for c in scales.RATING_CODES],
                    value="",
                )
            )
            choice.add_class(f"sat-blind-{h.id}")
            choice.observe(lambda _: self._check(), names="value")
            self.choices[h.id] = choice
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
        missing = [h for h, c in self.choices.items() if not c.value]
        self.next_button.disabled = bool(missing)
        self.next_button.tooltip = (
            f"rate {', '.join(missing)} first (NA if it does not apply)" if missing else ""
        )

    @working
    def next(self) -> None:
        """Save this item's ratings (and the order they came in), then show the next item."""
        current = self.session.current
        ratings = {h: c.value for h, c in self.choices.items()}
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
