"""The workbook's Structure tab: add, edit, rename and remove hypotheses and evidence items.

``StructureView`` is a part of ``Workbook``.
"""

from __future__ import annotations

import contextlib
import html
from typing import Any

from sat import scales
from sat.errors import SatError
from sat.widgets.markup import fit, working

__all__ = ["StructureView"]


class StructureView:
    """The Structure tab's forms (a part of ``Workbook``)."""

    def _structure_panel(self):
        """Hypotheses and evidence: add, edit every field, rename, remove (after a confirmation)."""
        w = self._w
        self._h_pick = fit(w.Dropdown(description="Hypothesis:"))
        self._h_fields = {
            "id": w.Text(placeholder="H1"),
            "label": w.Text(placeholder="a short label"),
            "statement": w.Textarea(placeholder="stated so that it can be disproved"),
            "prior": w.Text(placeholder="0.2 or 20% (optional)"),
            "prior_basis": w.Text(placeholder="where the prior comes from (optional)"),
            "kind": w.Dropdown(options=["substantive", "null", "deception", "residual"]),
        }
        self._e_pick = fit(w.Dropdown(description="Item:"))
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

    @working
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

    @working
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

    @working
    def _structural(self, action, *args: Any) -> None:
        try:
            action(*args)
        except (SatError, ValueError, TypeError) as exc:
            self._say(str(exc).splitlines()[0], "error")
            return
        self._say(f"{action.__name__.replace('_', ' ')}: {', '.join(a for a in args if a)}", "ok")
        self._sync()
