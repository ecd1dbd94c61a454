"""Ids: what an id may be, and how a problem names the item it is about.

An analyst knows an item as ``E11``, not as the eleventh entry of a list, so
every problem ``sat`` reports about a case item names the item the way the
analyst does: ``evidence E11.quote[0]`` rather than ``evidence[10].quote[0]``.
An item is named by its id; an information gap by its number (``G2``, as
``sat collect`` calls it); a relation by its two ends (``CN->JP``); a
deception check by its subject. An item without a usable name (no id, or one
that is not a valid id) keeps its position. The field inside the item is
written as before: ``.ratings.H5``, ``.quote[0]``.

Examples
--------
>>> data = {"evidence": [{"id": "E1"}, {"summary": "no id"}]}
>>> field_at(("evidence", 0, "quote", 0), data)
'evidence E1.quote[0]'
>>> field_at(("evidence", 1, "summary"), data)
'evidence[1].summary'
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from sat.errors import field_path

__all__ = ["ID_PATTERN", "ID_RULE", "field_at", "id_text", "locator", "named"]

#: What an id may be (the model's constraint and the JSON Schema's pattern).
ID_PATTERN = r"^[A-Za-z0-9][A-Za-z0-9_.:-]{0,63}$"
#: ``ID_PATTERN`` in words, for messages.
ID_RULE = "an id: 1-64 letters, digits, '_', '.', ':' or '-', starting with a letter or digit"

_ID = re.compile(ID_PATTERN)
#: Longest subject a deception check is named by (a longer one keeps its position).
_LONGEST_NAME = 64


def id_text(value: Any) -> Any:
    """An id as text: YAML reads ``id: 7`` as a number, and ids are text; anything else as given.

    Examples
    --------
    >>> id_text(7), id_text("E1"), id_text(True)
    ('7', 'E1', True)
    """
    if type(value) is str:
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return str(value)
    return value


def _get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def _valid(value: Any) -> str | None:
    text = id_text(value)
    if isinstance(text, str) and _ID.match(text.strip()):
        return text.strip()
    return None


def _name(section: str, position: int, entry: Any) -> str | None:
    """What the analyst calls one entry of a section, or None when only its position says."""
    if section == "information_gaps":
        return f"G{position + 1}"
    if not isinstance(entry, Mapping | BaseModel):
        return None
    if section == "relations":
        ends = _valid(_get(entry, "source")), _valid(_get(entry, "target"))
        return None if None in ends else f"{ends[0]}->{ends[1]}"
    if section == "deception":
        subject = _get(entry, "subject")
        if isinstance(subject, str):
            subject = " ".join(subject.split())
            if 0 < len(subject) <= _LONGEST_NAME and subject.isprintable():
                return subject
        return None
    return _valid(_get(entry, "id"))


def locator(data: Any) -> Callable[[tuple], tuple[str, str | None]]:
    """A function giving, for a location in ``data``, the field as problems show it and the item's name.

    ``data`` is a ``Case`` or the plain data read from a file (anything else:
    positions only). Names are looked up when asked, so building a locator for a
    large case costs nothing.

    Examples
    --------
    >>> where = locator({"relations": [{"source": "CN", "target": "JP"}],
    ...                  "information_gaps": ["Who decided."]})
    >>> where(("relations", 0, "type"))
    ('relations CN->JP.type', 'CN->JP')
    >>> where(("information_gaps", 0))
    ('information_gaps G1', 'G1')
    >>> where(("question",))
    ('question', None)
    """

    def where(loc: tuple) -> tuple[str, str | None]:
        if len(loc) < 2 or not isinstance(loc[0], str) or type(loc[1]) is not int:
            return field_path(loc), None
        section, position = loc[0], loc[1]
        entries = (
            _get(data, section) if isinstance(data, Mapping) or hasattr(data, section) else None
        )
        if not isinstance(entries, list | tuple) or not 0 <= position < len(entries):
            return field_path(loc), None
        name = _name(section, position, entries[position])
        if name is None:
            return field_path(loc), None
        return named(section, name, *loc[2:]), name

    return where


def named(section: str, name: str, *path: str | int) -> str:
    """The field of an item known by ``name`` (its id), as problems show it: the one place the
    form is written.

    Examples
    --------
    >>> named("evidence", "E11", "quote", 0)
    'evidence E11.quote[0]'
    """
    rest = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)
    return f"{section} {name}{rest}"


def field_at(loc: tuple, data: Any) -> str:
    """The field of one location in ``data`` as problems show it (see ``locator``)."""
    return locator(data)(loc)[0]
