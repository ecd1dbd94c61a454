"""What every check of a case's items reads: its items (on the model or on plain data read from
a file), the ids each section holds and the analysts it names."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sat.ids import id_text as _id_from_number

__all__ = [
    "SECTIONS",
    "Index",
    "Problems",
    "as_date",
    "as_tuple",
    "build_index",
    "get",
    "section_ids",
    "split_event_ref",
]


def as_tuple(value: Any) -> Any:
    """A single value where a list is expected is a list of one (``sources: S1``); anything else
    as given. The model and these checks read plain data alike.

    Examples
    --------
    >>> as_tuple("S1"), as_tuple(7), as_tuple(["S1"]), as_tuple(True)
    (('S1',), (7,), ['S1'], True)
    """
    return (value,) if isinstance(value, str | int) and not isinstance(value, bool) else value


def get(obj: Any, name: str) -> Any:
    return obj.get(name) if isinstance(obj, Mapping) else getattr(obj, name, None)


def section_ids(section: Any) -> list[tuple[int, str]]:
    if not isinstance(section, list | tuple):
        return []
    out = []
    for i, item in enumerate(section):
        value = _id_from_number(get(item, "id"))
        if isinstance(value, str):
            out.append((i, value.strip()))
    return out


#: Sections whose items carry ids, and what one item is called in messages.
SECTIONS = {
    "actors": "actor",
    "events": "event",
    "scenarios": "scenario",
    "sources": "source",
    "hypotheses": "hypothesis",
    "evidence": "evidence item",
    "assumptions": "assumption",
    "indicators": "indicator",
    "key_judgements": "key judgement",
    "quantities": "quantity",
}


#: Problems found: (location, message) pairs.
Problems = list[tuple[tuple, str]]


@dataclass(frozen=True)
class Index:
    """What every check reads: the case, the ids each section holds (id -> position), the
    duplicate ids found while collecting them, the sections whose ids cannot all be known, and
    the case's analysts."""

    case: Any
    known: Mapping[str, Mapping[str, int]]
    duplicates: tuple[tuple[tuple, str], ...]
    incomplete: Collection[str]
    analysts: frozenset[str]

    def items(self, section: str) -> Sequence[Any]:
        """The section's items, or none when it is not a list."""
        items = get(self.case, section)
        return items if isinstance(items, list | tuple) else ()

    def listing(self, section: str) -> str:
        """The ids a reference into ``section`` may name, for a message."""
        ids = list(self.known[section])
        shown = ", ".join(ids[:12]) + (", ..." if len(ids) > 12 else "")
        return f"(known: {shown})" if ids else f"(the case has no {section})"

    def not_an_analyst(self, where: tuple, name: Any) -> Problems:
        """A name that is not one of the case's analysts (when the case names any)."""
        if isinstance(name, str) and self.analysts and name.strip() not in self.analysts:
            shown = ", ".join(sorted(self.analysts))
            return [(where, f"'{name}' is not one of the case's analysts ({shown})")]
        return []


def build_index(case: Any, incomplete: Collection[str]) -> Index:
    known: dict[str, dict[str, int]] = {}
    duplicates = []
    for section in SECTIONS:
        seen: dict[str, int] = {}
        for i, ident in section_ids(get(case, section)):
            if ident in seen:
                duplicates.append(
                    (
                        (section, i, "id"),
                        f"duplicate id '{ident}' (also {section} item {seen[ident] + 1})",
                    )
                )
            else:
                seen[ident] = i
        known[section] = seen
    analysts = as_tuple(get(case, "analysts"))
    named = {str(a).strip() for a in analysts} if isinstance(analysts, list | tuple) else set()
    return Index(case, known, tuple(duplicates), incomplete, frozenset(named))


def split_event_ref(ref: str) -> tuple[bool, str]:
    text = " ".join(ref.split())
    return (True, text[4:].strip()) if text.lower().startswith("not ") else (False, text)


def as_date(value: Any) -> dt.date | None:
    """A date from a model or raw data (an ISO date as text too); None when it is none."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        try:
            return dt.date.fromisoformat(value.strip())
        except ValueError:
            return None
    return None
