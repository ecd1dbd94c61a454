"""HTML fragments built from templates that escape every value (case text is untrusted)."""

from __future__ import annotations

import re
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


def _counted(value: int, singular: str, plural: str | None = None) -> str:
    from sat.language import counted

    return counted(int(value), singular, plural)


#: Characters that change the direction of the text after them (embeddings, overrides, isolates).
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")


def _isolated(value: Any) -> Any:
    """A value holding bidirectional controls, wrapped in a first-strong isolate (U+2068 ... U+2069):
    whatever it does to the direction of text ends with it, so a right-to-left override in a
    source's text cannot reverse the words the page prints after it.

    Examples
    --------
    >>> _isolated("abc\u202edef") == "\u2068abc\u202edef\u2069", _isolated("plain")
    (True, 'plain')
    """
    if isinstance(value, str) and _BIDI.search(value):
        if isinstance(value, Markup):
            return Markup("\u2068") + value + Markup("\u2069")
        return "\u2068" + value + "\u2069"
    return value


@cache
def environment() -> jinja2.Environment:
    """The one template environment: autoescaping on, undefined names are errors, and every value
    with bidirectional controls isolated (``_isolated``)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("sat", "report/templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        finalize=_isolated,
    )
    env.filters["number"] = _number
    env.filters["percent"] = _percent
    env.filters["counted"] = _counted
    return env


def render(template: str, **context: Any) -> Fragment:
    """Render a template from ``sat/report/templates`` into an escaped ``Fragment``."""
    return Fragment(environment().get_template(template).render(**context))
