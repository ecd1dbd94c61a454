"""A form of named fields that says what is wrong in plain words, from the first keystroke on.

Nothing is said before the analyst types: a new form is not an error. From the
first change on, each field the analyst has changed is checked as it changes
(the messages are the ones ``sat validate`` gives, ``sat.io.validate.plain_problems``,
named by the field's name in the form); a field still empty that needs words is
listed as still to fill in. The save button is enabled only when nothing is
wrong, and its hover text says what is left.

Examples
--------
>>> import ipywidgets as w
>>> form = Form("<b>Hypotheses</b>", w.Dropdown(), {"label": w.Text()}, {}, editable=True)
>>> form.show([("label", "must not be empty")])
>>> form.check.value, form.save_button.disabled
('', True)
>>> form.fields["label"].value = "x"
>>> form.show([("label", "must not be empty")])
>>> form.check.value
"<div class='sat-problem'>label: must not be empty</div>"
"""

from __future__ import annotations

import html
from collections.abc import Callable, Mapping
from typing import Any

__all__ = ["Form"]


class Form:
    """Named fields in a grid, a line per problem once typed, a save and a remove button.

    Parameters
    ----------
    title : str
        The form's heading (markup, written by sat, not by the analyst).
    pick : Dropdown
        Which item the form edits ("" for a new one).
    fields : dict
        Field name -> widget.
    names : dict
        Field name -> the name shown beside it, where it differs.
    editable : bool
        Whether the form may change the case.
    on_change : callable, optional
        Called after each change the analyst makes (to check the form again).
    """

    def __init__(
        self,
        title: str,
        pick: Any,
        fields: dict[str, Any],
        names: Mapping[str, str],
        *,
        editable: bool,
        on_change: Callable[[], None] | None = None,
    ):
        import ipywidgets as w

        self.pick = pick
        self.fields = fields
        self.names = {name: names.get(name, name.replace("_", " ")) for name in fields}
        self.editable = editable
        self.touched: set[str] = set()
        self._loading = False
        self._on_change = on_change
        self.check = w.HTML()
        self.check.add_class("sat-form-check")
        self.save_button = w.Button(button_style="primary", disabled=not editable)
        self.remove_button = w.Button(description="Remove…", button_style="danger")
        self.remove_button.disabled = True
        for name, field in fields.items():
            field.disabled = not editable
            field.observe(lambda _, n=name: self._typed(n), names="value")
        grid = w.GridBox(
            [
                part
                for name in fields
                for part in (w.HTML(html.escape(self.names[name])), fields[name])
            ]
        )
        grid.add_class("sat-form-grid")
        for part in grid.children[::2]:
            part.add_class("sat-form-name")
        head = w.HBox([pick, self.remove_button])
        head.add_class("sat-row")
        self.widget = w.VBox([w.HTML(title), head, grid, self.check, self.save_button])
        self.widget.add_class("sat-form")

    def load(self, values: Mapping[str, Any]) -> None:
        """Fill the fields (the form's own doing: nothing is said until the analyst types)."""
        self._loading = True
        try:
            for name, value in values.items():
                self.fields[name].value = value
        finally:
            self._loading = False
        self.touched.clear()

    def _typed(self, name: str) -> None:
        if self._loading:
            return
        self.touched.add(name)
        if self._on_change is not None:
            self._on_change()

    def show(self, problems: list[tuple[str, str]]) -> None:
        """Say ``problems`` (``(field, message)`` pairs, a field's name as the form has it or
        with a position, ``quote[0]``) for the fields typed in; list those still to fill in."""
        said, empty = [], []
        for where, message in problems:
            name = where.split("[")[0].split(".")[0]
            field = self.fields.get(name)
            if name in self.touched or field is None:
                said.append(f"{self.names.get(name, where)}: {message}")
            elif isinstance(field.value, str) and not field.value.strip():
                empty.append(self.names[name])
            else:
                said.append(f"{self.names[name]}: {message}")
        lines = "".join(f"<div class='sat-problem'>{html.escape(s)}</div>" for s in said)
        if empty:
            lines += (
                f"<div class='sat-hint'>Still to fill in: {html.escape(', '.join(empty))}.</div>"
            )
        self.check.value = lines if self.touched else ""
        self.save_button.disabled = not self.editable or bool(problems)
        left = said + [f"{name}: still to fill in" for name in empty]
        self.save_button.tooltip = "; ".join(left)
