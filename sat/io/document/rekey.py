"""Renaming (or dropping) a hypothesis's key in an item's rating tables.

The round-trip tree (:func:`_rekey_tree`) is the way that always works, keeping comments, key
order and quoting. Renaming a hypothesis touches every rated item, and the round-trip parser takes
about 7 ms an item (about 20 s on a 3,000-item case, against 0.24 s this way), so an item whose
rating keys are plain to see in its text is renamed on the text (:func:`_rekey_text`), and what
it reads as alongside it (:func:`_rekey_plain`). The text is used only when it holds exactly one
such key per table that has the hypothesis: a hypothesis id in free text (a note with a line
starting ``H2:``) sends the item through the tree instead. Saving reads the whole text back and
writes nothing unless it is exactly the edited data.
"""

from __future__ import annotations

import re
from typing import Any


def _tables(item: Any) -> list[Any]:
    """An item's rating tables: its ratings and each analyst's (plain or round-trip data)."""
    if not hasattr(item, "get"):
        return []
    tables = [item.get("ratings"), *(item.get("analyst_ratings") or {}).values()]
    return [t for t in tables if hasattr(t, "get")]


def _rekey_plain(item: dict, old: str, new: str | None) -> dict:
    """A copy of a plain item with one key renamed (kept in place) or dropped in each rating table."""

    def table(t: dict) -> dict:
        if old not in t:
            return t
        return {(new if k == old else k): v for k, v in t.items() if new is not None or k != old}

    out = dict(item)
    if hasattr(out.get("ratings"), "get"):
        out["ratings"] = table(out["ratings"])
    if hasattr(out.get("analyst_ratings"), "items"):
        out["analyst_ratings"] = {
            name: table(t) if hasattr(t, "get") else t for name, t in out["analyst_ratings"].items()
        }
    return out


def _rekey_table(table: Any, old: str, new: str | None) -> None:
    """Rename a key of a round-trip mapping in place (or drop it, with ``new`` None)."""
    if old in table:
        if new is None:
            table.pop(old)
        else:
            keys = list(table)
            table.insert(keys.index(old), new, table.pop(old))


def _rekey_tree(item: Any, old: str, new: str | None) -> None:
    """The same change on a round-trip item (comments and order kept)."""
    for t in _tables(item):
        _rekey_table(t, old, new)


def _rekey_text(piece: str, old: str, new: str | None, expected: int) -> str | None:
    """The same change made on an item's text, where a rating key is plain to see.

    A key is ``old`` (bare or quoted) at the start of a line or after ``{`` or
    ``,`` and followed by ``:``. The text is used only if exactly ``expected``
    keys are found (one per table that has it); otherwise None, and the item is
    rewritten through the round-trip parser instead. Rating values are single
    codes or numbers, so a dropped block-style key takes its line, and a dropped
    flow-style key its value and one comma.
    """
    key = rf"(?P<q>[\"']?){re.escape(old)}(?P=q)"
    if new is not None:
        pattern = re.compile(rf"(?m)(?P<pre>^[ \t]*|[{{,][ \t]*){key}(?P<post>[ \t]*:)")
        out, found = pattern.subn(lambda m: f"{m['pre']}{m['q']}{new}{m['q']}{m['post']}", piece)
        return out if found == expected else None
    block = re.compile(rf"(?m)^[ \t]*{key}[ \t]*:(?:[ \t][^\n\r{{}}\[\],]*)?(?:\r?\n|$)")
    flow_first = re.compile(rf"(?<=\{{)[ \t]*{key}[ \t]*:[^,}}\n\r]*(?:,[ \t]*|(?=\}}))")
    flow_later = re.compile(rf",[ \t]*{key}[ \t]*:[^,}}\n\r]*(?=[,}}])")
    found = 0
    for pattern in (block, flow_first, flow_later):
        piece, n = pattern.subn("", piece)
        found += n
    return piece if found == expected else None
