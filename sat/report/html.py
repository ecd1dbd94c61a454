"""HTML fragments built from templates that escape every value (case text is untrusted)."""

from __future__ import annotations

from functools import cache
from typing import Any

import jinja2
from markupsafe import Markup


class Fragment(Markup):
    """Safe HTML that a notebook displays as HTML and templates embed without re-escaping.

    Only templates of this package (which escape every value) create fragments.
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        return str(self)


def _number(value: float, digits: int = 2) -> str:
    return f"{value:,.{digits}f}"


def _percent(value: float) -> str:
    from sat.language import percent

    return percent(float(value))


@cache
def environment() -> jinja2.Environment:
    """The one template environment: autoescaping on, undefined names are errors."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sat", "report/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["number"] = _number
    env.filters["percent"] = _percent
    return env


def render(template: str, **context: Any) -> Fragment:
    """Render a template from ``sat/report/templates`` into an escaped ``Fragment``."""
    return Fragment(environment().get_template(template).render(**context))
