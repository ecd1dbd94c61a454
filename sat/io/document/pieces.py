"""A case file's text cut into pieces (one per top-level entry or list item), joined back exactly."""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

_LINE = re.compile(r".*?(?:\r\n|[\n\r\x85\u2028\u2029])|.+", re.S)  # YAML's line breaks
_BLANK = re.compile(r"[ \t]*(?:\r\n|[\n\r\x85\u2028\u2029])")
_BLOCK_KEY = re.compile(r"^( *)[^\s#\-][^#]*:[ \t]*(?:#.*)?$")


def _lines(text: str) -> list[str]:
    """The text's lines, each with its line break, split where YAML counts lines."""
    return _LINE.findall(text)


@dataclass(frozen=True)
class _Pieces:
    """A case file's text as pieces, joined back exactly.

    ``labels[k]`` is ``("item", section)`` for an item of a top-level list,
    ``("key", name)`` for any other top-level entry, and ``None`` for the text
    between them. ``styles`` gives each list section's indentation
    (``(mapping, offset)``, see :func:`_yaml`); an empty ``labels`` of Nones
    means the file is edited as a whole.
    """

    chunks: tuple[str, ...]
    labels: tuple[tuple[str, str] | None, ...]
    styles: dict[str, tuple[int, int]] = field(default_factory=dict)
    style: tuple[int, int] = (2, 2)

    @functools.cached_property
    def text(self) -> str:
        return "".join(self.chunks)

    def items(self, section: str) -> list[int]:
        """The positions in ``chunks`` of a section's items, in order."""
        wanted = ("item", section)
        return [k for k, label in enumerate(self.labels) if label == wanted]


def _last_line(node: Any, lines: Sequence[str]) -> int:
    """The 0-based line of the last character of a composed YAML node's value."""
    import yaml

    key = None
    while (
        isinstance(node, yaml.CollectionNode) and not node.flow_style and node.value
    ):  # block collections end where their last value ends
        last = node.value[-1]
        key, node = last if isinstance(node, yaml.MappingNode) else (None, last)
    if (
        isinstance(node, yaml.ScalarNode)
        and node.value == ""
        and not node.style
        and key is not None
    ):
        return key.end_mark.line  # an empty value is placed at the next token: use its key
    mark = node.end_mark
    if not (mark.column == 0 and mark.line > node.start_mark.line):
        return mark.line
    end = mark.line - 1  # a block scalar ends after its last line break
    header = lines[node.start_mark.line][node.start_mark.column :].split("#")[0]
    if "+" not in header:  # its trailing blank lines are not part of it (unless kept with "+")
        while end > node.start_mark.line and not lines[end].strip():
            end -= 1
    return end


def _cut(text: str, root: Any, aliased: bool) -> _Pieces:
    """Cut a file's text into pieces (see :class:`_Pieces`), or keep it whole if it cannot be."""
    import yaml

    whole = _Pieces((text,), (None,))
    if aliased or not isinstance(root, yaml.MappingNode) or root.flow_style:
        return whole
    lines = _lines(text)
    spans: list[tuple[int, int, tuple[str, str]]] = []
    styles: dict[str, tuple[int, int]] = {}
    for knode, vnode in root.value:
        name = knode.value
        if knode.start_mark.column != 0:
            return whole
        if isinstance(vnode, yaml.SequenceNode) and not vnode.flow_style and vnode.value:
            dashes = set()
            for item in vnode.value:
                first = item.start_mark.line
                before = lines[first][: item.start_mark.column]
                if before.strip() != "-":
                    return whole  # the dash is on a line of its own, or shares one
                dashes.add(before.index("-"))
                spans.append((first, _last_line(item, lines), ("item", name)))
            if len(dashes) != 1:
                return whole
            styles[name] = dashes.pop()
        else:
            spans.append((knode.start_mark.line, _last_line(vnode, lines), ("key", name)))
    chunks: list[str] = []
    labels: list[tuple[str, str] | None] = []
    cursor = 0
    for first, last, label in spans:
        if first < cursor or last < first:
            return whole  # two entries share a line
        if first > cursor:
            chunks.append("".join(lines[cursor:first]))
            labels.append(None)
        chunks.append("".join(lines[first : last + 1]))
        labels.append(label)
        cursor = last + 1
    if cursor < len(lines):
        chunks.append("".join(lines[cursor:]))
        labels.append(None)
    mapping = _mapping_indent(c for c, label in zip(chunks, labels, strict=True) if label)
    by_section = {name: (mapping, dash) for name, dash in styles.items()}
    first_style = next(iter(by_section.values()), (mapping, 2))
    return _Pieces(tuple(chunks), tuple(labels), by_section, first_style)


def _mapping_indent(pieces: Any, default: int = 2) -> int:
    """How far the file indents a nested mapping under its key (the first example found)."""
    for seen, piece in enumerate(pieces):
        if seen > 200:
            break
        lines = piece.splitlines()
        for k, line in enumerate(lines[:-1]):
            match = _BLOCK_KEY.match(line)
            if not match:
                continue
            nxt = lines[k + 1]
            body = nxt.lstrip(" ")
            if body and not body.startswith(("-", "#")):
                step = len(nxt) - len(body) - len(match[1])
                if step > 0:
                    return step
    return default


def _leading_blank(text: str) -> int:
    """How many characters the first line of ``text`` takes if it is blank (else 0)."""
    match = _BLANK.match(text)
    return match.end() if match else 0


def _ends_blank(text: str) -> bool:
    lines = _lines(text)
    return bool(lines) and not lines[-1].strip()
