"""The round-trip YAML writer: a new value keeps the old one's style, a new list entry the list's."""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any


@functools.cache
def _yaml(mapping: int = 2, offset: int = 2):
    """A round-trip YAML reader and writer for one indentation style.

    ``offset`` is the column of a list's dash under its key, ``mapping`` the
    indentation of a nested mapping: the file's own, found by :func:`_cut`.
    """
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the analyst's lines
    yaml.indent(mapping=mapping, sequence=offset + 2, offset=offset)
    from ruamel.yaml import scalarstring

    # a new value keeps the old one's style (a folded block, a quoted string): every style
    # falls back to double quotes for text it cannot hold
    for kind in (str, *(getattr(scalarstring, n) for n in _STYLED)):
        yaml.representer.add_representer(
            kind, functools.partial(_represent_text, yaml.representer.yaml_representers[kind])
        )
    return yaml


_STYLED = (
    "FoldedScalarString",
    "LiteralScalarString",
    "SingleQuotedScalarString",
    "DoubleQuotedScalarString",
    "PlainScalarString",
)


#: Characters a YAML reader takes for line breaks (NEL, line and paragraph separators) or cannot
#: read raw (other controls): text holding one is written double-quoted, where each is escaped
#: (``\N``, ``\L``, ``\P``, ``\x1b``), so it reads back exactly as typed.
_UNREADABLE_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029\ufeff]")


def _represent_text(styled: Callable[[Any, Any], Any], representer: Any, data: str) -> Any:
    if _UNREADABLE_RAW.search(data):
        return representer.represent_scalar("tag:yaml.org,2002:str", str(data), style='"')
    return styled(representer, data)


def _append(items: Any, item: Any) -> None:
    """Append a new entry in the list's own style.

    The comment that followed the last entry (a blank line, a section heading)
    moves after the new one, and when the file separates its entries with blank
    lines, the new entry gets one too.
    """
    from ruamel.yaml.error import CommentMark
    from ruamel.yaml.tokens import CommentToken

    def tail(entry: Any) -> tuple[Any, Any]:
        keys = list(entry) if hasattr(entry, "ca") else []
        if not keys:
            return None, None
        slot = entry.ca.items.get(keys[-1])
        return keys[-1], (slot[2] if slot and len(slot) > 2 else None)

    spaced = False
    if len(items) >= 2:
        _, between = tail(items[-2])
        spaced = between is not None and between.value.startswith("\n\n")
    last_key, trailing = tail(items[-1]) if len(items) else (None, None)
    items.append(item)
    if last_key is None:
        return
    if trailing is not None:
        spaced = spaced or trailing.value.startswith("\n\n")
        items[-2].ca.items[last_key][2] = None
        item.ca.items[list(item)[-1]] = [None, None, trailing, None]
    if spaced:
        slot = items[-2].ca.items.setdefault(last_key, [None, None, None, None])
        slot[2] = CommentToken("\n\n", CommentMark(0), None)
