"""Renaming (or dropping) a hypothesis's key in rating tables: one way, on the text, where the parser says.

A hypothesis's id is a key in every rating table that rates it (an item's ratings and each
analyst's, an indicator's or a gap's, each analyst's own estimates), so renaming one touches
nearly every item of a case. The YAML parser (libyaml, as the file was read) finds each such key
and its value in the text; the text changes at exactly those characters and nowhere else, so every
comment, blank line, quoting style, spacing and key order outside the renamed ids stays as it was,
and an id in free text (a note reading ``H2: ...``) is never taken for a key. What the text reads
as changes alongside it (:func:`_rekey_plain`), and saving reads the whole text back and writes
nothing unless it is exactly that data.

Why not the round-trip tree (ruamel.yaml), which every other edit uses: it parses and writes in
pure Python, 70-100 µs a node and about 110 nodes an item rated by three analysts, so a rename
on a 3,000-item case took 20-30 s through it (linear, not quadratic: two thirds of the time is its
scanner, parser and composer, a third its writer), against about 0.45 s of processor time for the
whole rename this way (0.26 s with the regular expressions this replaced, which sent an item whose
free text read like a rating through the tree); and it re-writes a whole item, so spacing it does
not keep (inside braces, before a colon) would change. The numbers are in benchmarks/RESULTS.md.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from typing import Any

#: Where the rating tables are in a composed node: pairs of (the key naming a table, the table).
Tables = Callable[[Any], Iterable[tuple[Any, Any]]]


def _tables(item: Any) -> list[Any]:
    """An item's rating tables: its ratings and each analyst's (plain data)."""
    if not hasattr(item, "get"):
        return []
    tables = [item.get("ratings"), *(item.get("analyst_ratings") or {}).values()]
    return [t for t in tables if hasattr(t, "get")]


def _rekey_plain(item: dict, old: str, new: str | None) -> dict:
    """What an item reads as after :func:`_rekey_text`: one key renamed (kept in place) or dropped
    in each rating table (a copy; the item given is not changed)."""
    out = dict(item)
    if hasattr(out.get("ratings"), "get"):
        out["ratings"] = _rekey_dict(out["ratings"], old, new)
    if hasattr(out.get("analyst_ratings"), "items"):
        out["analyst_ratings"] = _rekey_panel(out["analyst_ratings"], old, new)
    return out


def _rekey_panel(panel: dict, old: str, new: str | None) -> dict:
    """A panel of tables by analyst (``analyst_ratings``, ``estimates``) with the key renamed in each."""
    return {name: _rekey_dict(t, old, new) if hasattr(t, "get") else t for name, t in panel.items()}


def _rekey_dict(table: dict, old: str, new: str | None) -> dict:
    if old not in table:
        return table
    return {(new if k == old else k): v for k, v in table.items() if new is not None or k != old}


# -- the text --------------------------------------------------------------------------------------


def _rekey_text(text: str, old: str, new: str | None, tables: Tables) -> str:
    """The text with ``old`` renamed to ``new`` (or, with None, dropped) in the rating tables
    ``tables`` finds in its composed node tree.

    A renamed key keeps its quotes; a plain one is written as the round-trip writer writes the
    hypothesis's ``id:`` (quoted if it would read as a number, see :func:`_as_key`). A dropped key of a block mapping takes its line (with any comment on it); of a
    flow mapping, its value and one comma. A block table left empty is written ``{}``.
    """
    import yaml

    root = _compose(text)
    old_plain = _is_text(old)  # a plain key reads as ``old`` (not as a number or a boolean)
    plain = None if new is None else _as_key(new)
    cuts: dict[int, tuple[int, str]] = {}  # start -> (end, replacement); an aliased table once
    for key, table in tables(root):
        if not isinstance(table, yaml.MappingNode):
            continue
        pairs = table.value
        hits = [
            k
            for k, (knode, _) in enumerate(pairs)
            if knode.value == old and (old_plain or knode.style) and isinstance(knode.value, str)
        ]
        for at in hits:
            knode, vnode = pairs[at]
            if new is not None:
                cuts[knode.start_mark.index] = (
                    knode.end_mark.index,
                    _in_style(new, knode.style, plain),
                )
            elif table.flow_style:
                cuts.update([_flow_drop(text, table, at)])
            else:
                cuts.update([_block_drop(text, knode, vnode)])
        if hits and new is None and len(hits) == len(pairs) and not table.flow_style:
            cuts.update(_emptied(text, key, table))
    parts, done = [], 0
    for start in sorted(cuts):
        end, replacement = cuts[start]
        parts += [text[done:start], replacement]
        done = end
    return "".join([*parts, text[done:]])


def _compose(text: str) -> Any:
    """The text's node tree, each node with its place in the text (libyaml, as the file is read;
    tags are not resolved: only the keys' text and places are needed)."""
    loader = _composer()(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


@functools.cache
def _composer() -> type:
    from sat.io.yamlfile import _Loader

    class Composer(_Loader):
        def resolve(self, kind: Any, value: Any, implicit: Any) -> str:
            return ""

    return Composer


@functools.lru_cache(maxsize=64)
def _is_text(ident: str) -> bool:
    """Whether ``ident`` written plain reads back as that text (``7`` or ``true`` do not)."""
    import yaml

    from sat.io.yamlfile import _Loader

    try:
        return yaml.load(ident, Loader=_Loader) == ident
    except yaml.YAMLError:
        return False


def _in_style(ident: str, style: str | None, plain: str) -> str:
    """An id written as the key it replaces was: in its quotes, or as a plain key is."""
    if style == "'":
        return "'" + ident.replace("'", "''") + "'"
    if style == '"':
        return '"' + ident.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return plain


@functools.lru_cache(maxsize=64)
def _as_key(ident: str) -> str:
    """An id as a plain key is written: as the round-trip writer writes it (so the keys and the
    hypothesis's ``id:`` agree), quoted if YAML 1.2 would read it as anything but text (``7``,
    ``00``, ``true``), and in any case if it would not read back as that text here."""
    import io

    from sat.io.document.tree import _yaml

    out = io.StringIO()
    _yaml().dump({ident: 0}, out)
    written = out.getvalue().rsplit(": 0", 1)[0]
    if written == ident and not _is_text(ident):
        written = "'" + ident.replace("'", "''") + "'"
    return written


_BREAK = re.compile(r"\r\n|[\n\r]")
_ANCHOR = re.compile(r"[ \t]*&[^ \t\r\n]+")


def _end(knode: Any, vnode: Any) -> int:
    return max(knode.end_mark.index, vnode.end_mark.index)


def _block_drop(text: str, knode: Any, vnode: Any) -> tuple[int, tuple[int, str]]:
    """A block mapping's entry taken out with its lines: from the key's line to the value's end,
    with a comment after it and the line break."""
    start = knode.start_mark.index
    begin = max(text.rfind("\n", 0, start), text.rfind("\r", 0, start)) + 1
    if text[begin:start].strip(" \t"):
        begin = start  # not first on its line (cannot be, in a block table): the entry only
    end = _end(knode, vnode)
    brk = _BREAK.search(text, end)
    rest = text[end : brk.start() if brk else len(text)]
    if not rest.strip(" \t") or rest.lstrip(" \t").startswith("#"):
        end = brk.end() if brk else len(text)
    return begin, (end, "")


def _flow_drop(text: str, table: Any, at: int) -> tuple[int, tuple[int, str]]:
    """A flow mapping's entry taken out with one comma, the spaces inside the braces kept: from
    the previous value's end to its own value's end, or (the first entry) from its key to the next
    key; the only entry leaves ``{}``."""
    pairs = table.value
    if len(pairs) == 1:
        return table.start_mark.index + 1, (table.end_mark.index - 1, "")
    if at == 0:
        return pairs[0][0].start_mark.index, (pairs[1][0].start_mark.index, "")
    return _end(*pairs[at - 1]), (_end(*pairs[at]), "")


def _emptied(text: str, key: Any, table: Any) -> list[tuple[int, tuple[int, str]]]:
    """A block table whose every entry goes reads ``{}``: written after its key's colon (and
    anchor). Nothing for a table written elsewhere (an alias of it)."""
    colon = text.find(":", key.end_mark.index, table.start_mark.index)
    if colon == -1:
        return []
    at = colon + 1
    anchor = _ANCHOR.match(text, at)
    at = anchor.end() if anchor else at
    return [(at, (at, " {}"))]


# -- where the tables are ----------------------------------------------------------------------------


def _get(node: Any, name: str) -> Any:
    """The value of a composed mapping's key ``name`` (None if it is not a mapping or has none)."""
    import yaml

    if isinstance(node, yaml.MappingNode):
        for knode, vnode in node.value:
            if getattr(knode, "value", None) == name:
                return vnode
    return None


def _panel(node: Any) -> list[tuple[Any, Any]]:
    """Each table of a panel by analyst (``analyst_ratings``, ``estimates``), with its key."""
    import yaml

    return list(node.value) if isinstance(node, yaml.MappingNode) else []


def _item_tables(item: Any) -> list[tuple[Any, Any]]:
    """An item's rating tables (composed nodes, with their keys): its ratings and each analyst's."""
    import yaml

    found: list[tuple[Any, Any]] = []
    if isinstance(item, yaml.MappingNode):
        for knode, vnode in item.value:
            name = getattr(knode, "value", None)
            if name == "ratings":
                found.append((knode, vnode))
            elif name == "analyst_ratings":
                found += _panel(vnode)
    return found


def _piece_item(root: Any) -> list[tuple[Any, Any]]:
    """The tables of the one item a piece of a list holds."""
    return _item_tables(root.value[0])


def _entry_panel(name: str) -> Tables:
    """The tables of a top-level entry that is a panel by analyst (``estimates``)."""
    return lambda root: _panel(_get(root, name))


def _whole(at: Iterable[tuple[str, int | None]]) -> Tables:
    """The tables of items (section, position) and panels (name, None) of a whole file."""

    def tables(root: Any) -> list[tuple[Any, Any]]:
        found: list[tuple[Any, Any]] = []
        for name, position in at:
            node = _get(root, name)
            found += _panel(node) if position is None else _item_tables(node.value[position])
        return found

    return tables
