"""The workbook's Structure tab: add, edit, rename and remove hypotheses and evidence items.

Each form speaks plainly (``sat.widgets.forms.Form``): nothing before the first
keystroke, then what is wrong with each field typed in, in ``sat validate``'s
words, as one types. A new item's id is filled in with the next free one, numbered
as the case numbers its items (``sat.io.numbering.next_id``: H5 after H1-H4, E30
after E01-E29). ``StructureView`` is a part of ``Workbook``; its public face is the two
forms (``hypothesis_form``, ``evidence_form``: fields, buttons, check), ``confirm_remove`` (the
confirmation a remove button asks for) and ``edit``.
"""

from __future__ import annotations

import contextlib
import html
from typing import Any

from sat import scales
from sat.errors import SatError
from sat.language import exact_number
from sat.widgets.forms import Form
from sat.widgets.markup import fit, working

__all__ = ["StructureView"]

#: Most of a case's source ids a message lists.
_LISTED = 8


class StructureView:
    """The Structure tab's forms (a part of ``Workbook``)."""

    def _structure_panel(self):
        """Hypotheses and evidence: add, edit every field, rename, remove (after a confirmation)."""
        w = self._w
        editable = self.editable
        self.hypothesis_form = Form(
            "<b>Hypotheses</b>",
            fit(w.Dropdown(description="Hypothesis:")),
            {
                "id": w.Text(),
                "label": w.Text(placeholder="a short label"),
                "statement": w.Textarea(placeholder="stated so that it can be disproved"),
                "prior": w.Text(placeholder="0.2 or 20% (optional)"),
                "prior_basis": w.Text(placeholder="where the prior comes from (optional)"),
                "kind": w.Dropdown(options=["substantive", "null", "deception", "residual"]),
            },
            {"prior_basis": "basis of the prior"},
            editable=editable,
            on_change=self._check_hypothesis,
        )
        self.evidence_form = Form(
            "<b>Evidence</b> <span style='color:#57606a'>(rate it in the Matrix tab)</span>",
            fit(w.Dropdown(description="Item:")),
            {
                "id": w.Text(),
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
            },
            {"quote": "quotes"},
            editable=editable,
            on_change=self._check_item,
        )
        self.confirm_remove = w.HBox()
        self.confirm_remove.add_class("sat-row")
        for form, load, save, section in (
            (self.hypothesis_form, self._load_hypothesis, self._save_hypothesis, "hypotheses"),
            (self.evidence_form, self._load_item, self._save_item, "evidence"),
        ):
            # picked by the analyst: load it (the choices' own refresh decides for itself)
            form.pick.observe(lambda _, f=load, o=form: None if o._loading else f(), names="value")
            form.save_button.on_click(lambda _, f=save: f())
            form.remove_button.on_click(lambda _, s=section: self._ask_remove(s))
        forms = w.HBox(
            [self.hypothesis_form.widget, self.evidence_form.widget],
            layout=w.Layout(flex_flow="row wrap", align_items="flex-start", grid_gap="8px 24px"),
        )
        return w.VBox([forms, self.confirm_remove])

    def _refresh_structure_options(self) -> None:
        """The forms' choices after the case changed; a form the analyst is typing in keeps
        what is typed while its item is still there."""
        case = self.document.case
        for form, ids, new, load in (
            (
                self.hypothesis_form,
                [h.id for h in case.hypotheses],
                "a new hypothesis",
                self._load_hypothesis,
            ),
            (self.evidence_form, [e.id for e in case.evidence], "a new item", self._load_item),
        ):
            keep = form.pick.value
            options = [(new, ""), *((i, i) for i in ids)]
            busy, form._loading = form._loading, True
            try:
                if tuple(form.pick.options) != tuple(options):
                    form.pick.options = options
                form.pick.value = keep if keep in ids else ""
            finally:
                form._loading = busy
            if not form.touched or form.pick.value != keep:
                load()
            else:
                (self._check_hypothesis if form is self.hypothesis_form else self._check_item)()

    def _fill(self, form: Form, found: Any, free: str, values: dict[str, Any], noun: str) -> None:
        """Fill ``form`` with ``values`` of the item ``found`` (None: a new one, given ``free``,
        the next free id), its buttons named for what they will do."""
        form.fields["id"].placeholder = found.id if found else free
        form.load({"id": found.id if found else free, **values})
        form.save_button.description = "Save changes" if found else f"Add {noun}"
        form.remove_button.disabled = not (self.editable and found)

    def _load_hypothesis(self) -> None:
        """Fill the hypothesis form from the one picked (a new one: the next free id)."""
        from sat.io.numbering import next_id

        case = self.document.case
        picked = self.hypothesis_form.pick.value
        h = case.hypothesis(picked) if picked else None
        values = {
            "label": h.label if h else "",
            "statement": h.statement if h else "",
            "prior": "" if h is None or h.prior is None else exact_number(h.prior),
            "prior_basis": (h.prior_basis or "") if h else "",
            "kind": h.kind if h else "substantive",
        }
        free = next_id((x.id for x in case.hypotheses), "H")
        self._fill(self.hypothesis_form, h, free, values, "hypothesis")
        self._check_hypothesis()

    def _load_item(self) -> None:
        """Fill the evidence form from the item picked (a new one: the next free id)."""
        from sat.io.numbering import next_id

        case = self.document.case
        picked = self.evidence_form.pick.value
        e = case.item(picked) if picked else None
        values = {
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
        self._fill(
            self.evidence_form, e, next_id((x.id for x in case.evidence), "E"), values, "evidence"
        )
        self.evidence_form.fields["id"].disabled = not self.editable or e is not None  # ids stay
        self._check_item()

    def _hypothesis_values(self) -> dict[str, Any]:
        f = {k: v.value for k, v in self.hypothesis_form.fields.items()}
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
        f = {k: v.value for k, v in self.evidence_form.fields.items()}
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

    def _problems(
        self, model: Any, values: dict[str, Any], taken: list[str], what: str, prefix: str
    ) -> list[tuple[str, str]]:
        """What is wrong with a form's values, in ``sat validate``'s words, and an id taken by
        another ``what`` (with the next free one to use instead)."""
        from sat.io.numbering import next_id
        from sat.io.validate import plain_problems

        problems = plain_problems(model, {k: v for k, v in values.items() if v is not None})
        if values["id"] in taken:
            problems.insert(
                0,
                (
                    "id",
                    f"{values['id']} is the id of another {what}: choose another, such as "
                    f"{next_id(taken, prefix)}",
                ),
            )
        return problems

    def _check_hypothesis(self) -> None:
        from sat.case import Hypothesis

        form = self.hypothesis_form
        taken = [h.id for h in self.document.case.hypotheses if h.id != form.pick.value]
        form.show(self._problems(Hypothesis, self._hypothesis_values(), taken, "hypothesis", "H"))

    def _check_item(self) -> None:
        from sat.case import Evidence

        form = self.evidence_form
        values = self._item_values()
        case = self.document.case
        taken = [e.id for e in case.evidence if e.id != form.pick.value]
        problems = self._problems(Evidence, values, taken, "evidence item", "E")
        known = [s.id for s in case.sources]
        listed = ", ".join(known[:_LISTED]) + (", …" if len(known) > _LISTED else "")
        problems += [
            (
                "sources",
                f"the case has no source {s} (its sources: {listed})"
                if known
                else f"the case has no source {s}: it lists no sources yet",
            )
            for s in values["sources"]
            if s not in known
        ]
        form.show(problems)

    @working
    def _save_hypothesis(self) -> None:
        values = self._hypothesis_values()
        pick = self.hypothesis_form.pick
        picked = pick.value
        ident = values.pop("id")
        try:
            if not picked:
                self.document.add_hypothesis(
                    ident, values.pop("label"), values.pop("statement"), **values
                )
                message = f"added hypothesis {ident}"
            else:
                if ident != picked:
                    self.document.rename_hypothesis(picked, ident)
                self.document.set_fields("hypotheses", ident, values)
                message = f"saved hypothesis {ident}"
        except (SatError, ValueError, TypeError) as exc:
            self._say(str(exc).splitlines()[0], "error")
            return
        self.hypothesis_form.touched.clear()  # saved: the form shows the case again
        self._say(message, "ok")
        self._sync()
        if picked:
            pick.value = ident  # still editing it, under its new id

    @working
    def _save_item(self) -> None:
        import datetime as dt

        values = self._item_values()
        picked = self.evidence_form.pick.value
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
        self.evidence_form.touched.clear()
        self._say(message, "ok")
        self._sync()

    def _ask_remove(self, section: str) -> None:
        """Show a confirmation before removing (undo also brings it back)."""
        w = self._w
        form = self.hypothesis_form if section == "hypotheses" else self.evidence_form
        ident = form.pick.value
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
            lambda _: (setattr(self.confirm_remove, "children", ()), self.edit(action, ident))
        )
        no.on_click(lambda _: setattr(self.confirm_remove, "children", ()))
        self.confirm_remove.children = [
            w.HTML(f"{html.escape(what)} (Undo brings it back.) "),
            yes,
            no,
        ]

    @working
    def edit(self, action, *args: Any) -> None:
        """Make a structure edit of the document (``wb.edit(wb.document.rename_hypothesis, "H4",
        "H4b")``): said in the status line, refused with its reason, every view put in step."""
        try:
            action(*args)
        except (SatError, ValueError, TypeError) as exc:
            self._say(str(exc).splitlines()[0], "error")
            return
        self._say(f"{action.__name__.replace('_', ' ')}: {', '.join(a for a in args if a)}", "ok")
        self._sync()
