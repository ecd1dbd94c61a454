"""The IDEA session: a team's numbers in two private rounds with an anonymised discussion between.

IDEA (Investigate, Discuss, Estimate, Aggregate; Hemming et al. 2018) asks each analyst for four
points per quantity: the lowest plausible value, the highest, the best estimate, and how sure
(50-100%) they are that the truth lies between the lowest and the highest. Round 1 is private:
nothing of anyone else's answers is shown, or even sent to the browser, until the analyst has
answered every quantity. Then the round-1 answers of everyone who gave them are shown
anonymised (Panellist A, B, ...: letters fixed per case by a hash of the case id and each name,
so neither the file's order nor the alphabet gives a name away), the analyst's own marked
"you", beside the group's equal-weight combination and a range chart, with a notes box for the
discussion (kept with the quantity as ``discussion``). Round 2 is private again. Each answer is
saved to the case as it is entered (``quantity_estimates``, with its round and when it was
entered), through ``CaseDocument``'s safe save. A seed question's true value is not shown in
the session (the team answers it blind, both rounds).

``sat.widgets.idea_answers`` holds the facts it shows (the check of a typed answer, the letters,
a round's anonymised answers); ``sat.models.panel.study_of`` and ``sat experts``
weigh the answers afterwards.
"""

from __future__ import annotations

import base64
import functools
import html
import os
from typing import Any

from sat.errors import SatError
from sat.io.document import ConflictError
from sat.language import exact_number
from sat.widgets.idea_answers import (
    FIELDS,
    AnonymousAnswer,
    anonymous_labels,
    check_four_point,
    quantile_names,
    round_answers,
)
from sat.widgets.markup import stylesheet, working
from sat.widgets.sessions import open_as

__all__ = [
    "AnonymousAnswer",
    "IdeaSession",
    "anonymous_labels",
    "check_four_point",
    "round_answers",
]

_GREY = "color:#57606a"


def _format(value: float) -> str:
    return f"{value:,.4g}" if abs(value) < 1e4 or not value.is_integer() else f"{value:,.0f}"


def _who_answered(rows: tuple[AnonymousAnswer, ...], analysts: int, round: int) -> str:
    """The caption of a round's answers: how many of the case's analysts gave one.

    >>> row = AnonymousAnswer("Panellist A", True, (), (1.0, 2.0, 3.0))
    >>> _who_answered((row, row), 2, 1)
    "Round 1: the answers of all 2 of the case's analysts, anonymised, and the group's equal-weight combination (values at the quantiles)"
    >>> _who_answered((row,), 3, 2)
    "Round 2: the answers of 1 of the case's 3 analysts, anonymised, and the group's equal-weight combination (values at the quantiles)"
    """
    given = sum(not r.combined for r in rows)
    who = f"all {given}" if given == analysts else f"{given} of the case's {analysts}"
    who = who if given != analysts else f"{who} of the case's"
    return (
        f"Round {round}: the answers of {who} analysts, anonymised, and the group's equal-weight "
        "combination (values at the quantiles)"
    )


class IdeaSession:
    """One analyst's IDEA session on a case's quantities (see the module docstring).

    Parameters
    ----------
    case_path : path-like
        The YAML case file (a case without ``quantities:`` opens on a line saying what to add).
    analyst : str
        One of the case's analysts.

    Attributes
    ----------
    widget : ipywidgets.VBox
        The session, to display.
    header, cards : ipywidgets widgets
        The heading (who, which round, how many answered) and one card per quantity.

    Notes
    -----
    A script or a test drives it as an analyst would: ``answer(quantity, lowest, best, highest,
    confidence)`` types an answer into a quantity's fields and saves it (``save(quantity)``
    saves what the fields hold), ``save_notes(quantity, text)`` keeps the discussion,
    ``message(quantity)`` is what is said beside the fields, ``round``, ``revealed`` and
    ``done`` say where the analyst is, ``others(quantity, round)`` are the anonymised
    answers shown, and ``refresh()`` reads the file again for answers saved since.
    """

    def __init__(self, case_path: str | os.PathLike[str], analyst: str):
        import ipywidgets as w

        self._w = w
        self.document = open_as(case_path, analyst)
        self.analyst = analyst
        self.header = w.HTML()
        self.header.add_class("sat-idea-header")
        self.cards = w.VBox()
        self._inputs: dict[str, dict[str, Any]] = {}
        self._messages: dict[str, Any] = {}
        self._notes: dict[str, Any] = {}
        self.latest = w.Button(description="Show the latest answers")
        self.latest.add_class("sat-idea-latest")
        self.latest.layout = w.Layout(width="auto", align_self="flex-start")
        self.latest.tooltip = "Read the case file again: answers and notes others saved since"
        self.latest.on_click(lambda _: self.refresh())
        self.widget = w.VBox([stylesheet(w), self.header, self.latest, self.cards])
        self.widget.add_class("sat-idea")
        self.widget.add_class("sat-root")
        self.widget.layout = w.Layout(max_width="62em")
        self._show()

    def _repr_mimebundle_(self, **kwargs: Any):
        return self.widget._repr_mimebundle_(**kwargs)

    # -- what the analyst has done -------------------------------------------------------------

    def _own(self, round: int) -> dict[str, Any]:
        return {
            a.quantity: a
            for a in self.document.case.quantity_estimates.get(self.analyst, ())
            if a.round == round
        }

    def _complete(self, round: int) -> bool:
        own, quantities = self._own(round), self.document.case.quantities
        return bool(quantities) and all(q.id in own for q in quantities)

    @property
    def revealed(self) -> bool:
        """Whether the analyst answered every quantity in round 1 (the others' answers show)."""
        return self._complete(1)

    @property
    def round(self) -> int:
        """The round the analyst answers now: 1 until every quantity has a round-1 answer, then 2."""
        return 2 if self.revealed else 1

    @property
    def done(self) -> bool:
        """Whether both rounds are answered for every quantity."""
        return self._complete(2)

    def others(self, quantity_id: str, round: int = 1) -> tuple[AnonymousAnswer, ...]:
        """The anonymised answers of ``round`` shown for a quantity (empty until round 1 is
        complete, and for round 2 until the analyst has answered it too)."""
        if not self.revealed or (round > 1 and not self._complete(round)):
            return ()
        return round_answers(self.document.case, self.analyst, quantity_id, round)

    def message(self, quantity_id: str) -> str:
        """What is said beside a quantity's fields (a problem, or when the answer was saved), as
        plain text."""
        import re

        return html.unescape(re.sub(r"<[^>]+>", "", self._messages[quantity_id].value))

    # -- commands ------------------------------------------------------------------------------

    def answer(
        self, quantity_id: str, lowest: Any, best: Any, highest: Any, confidence: Any
    ) -> bool:
        """Type a four-point answer into a quantity's fields (confidence in percent) and save it
        as the current round's answer; False, with the problem said beside the fields, when it
        is not saved."""
        fields = self._inputs[quantity_id]
        for name, value in zip(FIELDS, (lowest, best, highest, confidence), strict=True):
            fields[name].value = "" if value is None else str(value)
        return self.save(quantity_id)

    @working
    def save(self, quantity_id: str) -> bool:
        """Check the four points in a quantity's fields and save them (the current round, with
        the time); False, with the problem said beside the fields, when nothing is saved."""
        case = self.document.case
        quantity = next(q for q in case.quantities if q.id == quantity_id)
        typed = [self._inputs[quantity_id][n].value for n in FIELDS]
        answer, problems = check_four_point(*typed, scale=quantity.scale)
        if answer is None:
            self._said(quantity_id, "; ".join(problems))
            return False
        round_, revealed, done = self.round, self.revealed, self.done
        edit = functools.partial(
            self.document.answer_quantity, self.analyst, quantity_id, round_, answer
        )
        if not self._write(quantity_id, edit):
            return False
        if self.revealed != revealed or self.done != done:
            self._show()  # round 1 complete: the discussion opens; round 2 complete: its answers
        self._said(quantity_id, f"saved (round {round_})", ok=True)
        self._progress()
        return True

    @working
    def save_notes(self, quantity_id: str, text: str | None = None) -> bool:
        """Save the discussion notes of a quantity (the notes box's text unless ``text`` given);
        False, with the problem said, when they are not saved."""
        box = self._notes[quantity_id]
        if text is not None:
            box.value = text
        value = box.value.strip() or None
        edit = functools.partial(
            self.document.set_field, "quantities", quantity_id, "discussion", value
        )
        if not self._write(quantity_id, edit):
            return False
        self._said(quantity_id, "notes saved", ok=True)
        return True

    def _said(self, quantity_id: str, text: str, *, ok: bool = False) -> None:
        colour = "#1a7f37" if ok else "#cf222e"
        self._messages[
            quantity_id
        ].value = f"<span style='color:{colour}'>{html.escape(text)}</span>"

    def _write(self, quantity_id: str, edit: Any) -> bool:
        """Make one edit and save it at once, carrying on from the file on disk when another
        analyst saved in between; False, with the problem said, when it is not saved."""
        document = self.document
        try:
            if document.changed_on_disk and not document.dirty:
                document.reload()  # another analyst saved: carry on from their file
            edit()
            document.save()
        except ConflictError:
            self._said(quantity_id, "The case file changed on disk as this was saved: save again.")
            document.reload()
            return False
        except (SatError, ValueError, OSError) as exc:
            if document.dirty:
                document.undo()
            self._said(quantity_id, str(exc))
            return False
        return True

    # -- drawing -------------------------------------------------------------------------------

    def _progress(self) -> None:
        case = self.document.case
        e = html.escape
        total = len(case.quantities)
        round_ = self.round
        answered = len(self._own(round_))
        if not total:
            step = (
                "This case has no quantities to estimate yet: add them under `quantities:` in "
                "the case file (see docs/experts.md), then run this again."
            )
        elif self.done:
            step = (
                f"Both rounds answered for all {total} questions. Your second-round answers are "
                "the ones aggregated; you may still revise them."
            )
        elif round_ == 1:
            step = (
                f"Round 1, private: {answered} of {total} answered. Give each question your "
                "lowest plausible value, your best estimate, your highest plausible value, and "
                "how sure you are (50 to 100%) that the truth lies between the lowest and the "
                "highest. The others' answers stay hidden until you have answered every question."
            )
        else:
            step = (
                f"Round 2, private: {answered} of {total} answered. Compare the first round's "
                "answers, discuss them (notes below each question), then answer again: the "
                "second round is what is aggregated."
            )
        self.header.value = (
            f"<h3 style='margin:0'>IDEA session: {e(self.analyst)}</h3>"
            f"<p class='sat-idea-step' style='margin:0 0 .5em;{_GREY}'>{e(step)}</p>"
        )

    @working
    def refresh(self) -> None:
        """Read the case file again (the answers and notes others saved since) and show it; a
        field typed but not saved is cleared."""
        if not self.document.dirty:
            self.document.reload()
        self._show()

    def _show(self) -> None:
        self.latest.layout.display = None if self.revealed else "none"
        self._inputs, self._messages, self._notes = {}, {}, {}
        self.cards.children = [self._card(q) for q in self.document.case.quantities]
        self._progress()

    def _card(self, quantity: Any) -> Any:
        w = self._w
        e = html.escape
        head = f"<b>{e(quantity.label or quantity.id)}</b> "
        unit = f" <span style='{_GREY}'>({e(quantity.unit)})</span>" if quantity.unit else ""
        log = (
            f"<div style='{_GREY};font-size:.85em'>On a log scale: every value above 0.</div>"
            if quantity.scale == "log"
            else ""
        )
        parts: list[Any] = [w.HTML(f"<div>{head}{e(quantity.question)}{unit}</div>{log}")]
        round_ = self.round
        if self.revealed:
            parts.append(self._discussion(quantity, 1))
            box = w.Textarea(
                value=quantity.discussion or "",
                placeholder="Notes from the discussion: what the answers rest on, what was "
                "learnt, what is disputed",
                layout=w.Layout(width="auto", height="5em"),
            )
            box.add_class(f"sat-idea-notes-{quantity.id}")
            self._notes[quantity.id] = box
            keep = w.Button(description="Save notes")
            keep.layout = w.Layout(width="auto", align_self="flex-start")
            keep.on_click(lambda _, q=quantity.id: self.save_notes(q))
            parts += [box, keep]
        own = self._own(round_).get(quantity.id)
        fields = {}
        for name in FIELDS:
            value = ""
            if own is not None and own.four_point:
                v = getattr(own, name)
                value = exact_number(round(v * 100, 10) if name == "confidence" else v)
            field = w.Text(
                value=value,
                placeholder="50 to 100" if name == "confidence" else name,
                description=f"{name}{' %' if name == 'confidence' else ''}",
                style={"description_width": "initial"},
                layout=w.Layout(width="14em" if name == "confidence" else "11em"),
            )
            field.add_class(f"sat-idea-{name}")
            fields[name] = field
        self._inputs[quantity.id] = fields
        button = w.Button(description=f"Save round {round_}", button_style="primary")
        button.add_class("sat-idea-save")
        button.on_click(lambda _, q=quantity.id: self.save(q))
        message = w.HTML(
            f"<span style='color:#1a7f37'>saved (round {round_})</span>" if own else ""
        )
        message.add_class("sat-idea-message")
        self._messages[quantity.id] = message
        label = w.HTML(f"<b>Round {round_}, private: your answer</b>")
        row = w.HBox([*fields.values(), button], layout=w.Layout(flex_flow="row wrap"))
        parts += [label, row, message]
        if self.done:
            parts.append(self._discussion(quantity, 2))
        card = w.VBox(parts)
        card.add_class("sat-idea-card")
        card.add_class(f"sat-idea-{quantity.id}")
        card.layout = w.Layout(border="1px solid #d0d7de", padding="0.5em", margin="0 0 0.6em 0")
        return card

    def _discussion(self, quantity: Any, round: int) -> Any:
        """The anonymised answers of a round to one quantity: a table and the range chart."""
        from sat.report.quantity_chart import QuantityRanges, RangeRow, range_svg, range_words

        w = self._w
        e = html.escape
        rows = self.others(quantity.id, round)
        if not rows:
            return w.HTML(f"<p style='{_GREY}'>No answers in round {round} yet.</p>")
        names = quantile_names(self.document.case.quantiles)
        head = "".join(f"<th>{e(n)}</th>" for n in names)
        body = []
        for r in rows:
            who = e(r.label) + (" (you)" if r.own else "")
            shown = ", ".join(
                f"{n} {v * 100:g}%" if n == "confidence" else f"{n} {_format(v)}"
                for n, v in r.given
            )
            cells = "".join(f"<td>{_format(v)}</td>" for v in r.quantiles)
            style = " style='font-weight:600'" if r.own or r.combined else ""
            body.append(f"<tr{style}><td>{who}</td><td>{e(shown)}</td>{cells}</tr>")
        table = (
            f"<table class='sat-table sat-idea-answers'><caption style='text-align:left'>"
            f"{e(_who_answered(rows, len(self.document.case.analysts), round))}</caption>"
            f"<tr><th>who</th><th>as given</th>{head}</tr>{''.join(body)}</table>"
        )
        ranges = QuantityRanges(
            quantity=quantity.id,
            title=f"{quantity.label or quantity.id}: {' '.join(quantity.question.split())}",
            unit=quantity.unit,
            scale=quantity.scale,
            probabilities=tuple(self.document.case.quantiles),
            rows=tuple(
                RangeRow(r.label, r.quantiles, combined=r.combined, own=r.own) for r in rows
            ),
        )
        svg = base64.b64encode(range_svg(ranges).encode()).decode("ascii")
        alt = e(f"Round {round}. {range_words(ranges)}", quote=True)
        chart = (
            f"<img class='sat-idea-chart' alt='{alt}' style='max-width:100%;height:auto' "
            f"src='data:image/svg+xml;base64,{svg}'>"
        )
        out = w.HTML(table + chart)
        out.add_class(f"sat-idea-round{round}")
        return out
