"""An edit, and how it is made: piece by piece, or on the whole file when the pieces cannot describe it."""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from sat.case import Case
from sat.io.document.pieces import _ends_blank, _leading_blank, _lines, _Pieces
from sat.io.document.rekey import (
    _entry_panel,
    _piece_item,
    _rekey_panel,
    _rekey_plain,
    _rekey_text,
    _whole,
)
from sat.io.document.tree import _append, _yaml


class _Whole(Exception):
    """This edit cannot be made piece by piece: make it on the whole document."""


@dataclass
class _Edit:
    """One edit, as changes to items and entries; applied piece by piece or to the whole file.

    Item changes name items by (section, position) before the edit; removals
    are applied after the changes, additions last. ``rekeys`` rename (or drop)
    one key in every rating table of an item (section, position) or of a
    top-level panel of tables by analyst (name, None), on the text where the
    parser finds it (see :mod:`sat.io.document.rekey`), before the changes.
    """

    changes: dict[tuple[str, int], list[Callable[[Any], None]]] = field(default_factory=dict)
    entries: dict[str, list[Callable[[Any], None]]] = field(default_factory=dict)
    removed: list[tuple[str, int]] = field(default_factory=list)
    added: list[tuple[str, Any]] = field(default_factory=list)
    rekeys: dict[tuple[str, int | None], tuple[str, str | None]] = field(default_factory=dict)
    dropped: list[str] = field(default_factory=list)  # top-level list sections removed whole

    def change(self, section: str, position: int, fn: Callable[[Any], None]) -> _Edit:
        self.changes.setdefault((section, position), []).append(fn)
        return self

    def entry(self, name: str, fn: Callable[[Any], None]) -> _Edit:
        """Change a top-level entry: ``fn`` gets a mapping holding it (and may create it)."""
        self.entries.setdefault(name, []).append(fn)
        return self


@dataclass(frozen=True)
class _State:
    """One version of the document: its text, what it reads as, and the validated case."""

    pieces: _Pieces
    data: Any
    case: Case | None  # None: not kept (an old version); rebuilt from ``data`` when needed


class _Writing:
    """How a document makes an edit on its text (a part of :class:`~sat.io.document.CaseDocument`)."""

    def _rewrite(
        self, piece: str, fns: Sequence[Callable[[Any], None]], style: tuple[int, int], item: bool
    ) -> tuple[str, Any]:
        """One piece of text edited: the new text and what it reads as."""
        from sat.io.yamlfile import load_yaml

        yaml = _yaml(*style)
        tree = yaml.load(piece)
        if item and not (isinstance(tree, list) and len(tree) == 1):
            raise _Whole
        for fn in fns:
            fn(tree[0] if item else tree)
        out = io.StringIO()
        yaml.dump(tree, out)
        new = out.getvalue()
        if "\r\n" in piece:
            new = new.replace("\n", "\r\n")
        if not piece.endswith(("\n", "\r")):
            new = new.rstrip("\r\n")
        plain, _ = load_yaml(new, str(self.path))
        if item:
            if not (isinstance(plain, list) and len(plain) == 1):
                raise _Whole
            return new, plain[0]
        return new, plain

    def _in_pieces(self, state: _State, edit: _Edit) -> tuple[_Pieces, Any]:
        """Make an edit by rewriting only the pieces it touches (raises ``_Whole`` if it cannot)."""
        pieces = state.pieces
        chunks = list(pieces.chunks)
        labels = list(pieces.labels)
        data = dict(state.data)
        copied: set[str] = set()

        def section(name: str) -> list[Any]:
            if name not in copied:
                data[name] = list(data[name])
                copied.add(name)
            return data[name]

        def style(name: str) -> tuple[int, int]:
            return pieces.styles.get(name, pieces.style)

        where: dict[str, list[int]] = {}
        for name, position in [*edit.changes, *edit.removed, *edit.rekeys]:
            if position is None:
                continue  # a top-level panel, not an item
            if name not in where:
                where[name] = pieces.items(name)
            if position >= len(where[name]):
                raise _Whole
        for (name, position), (old, new) in edit.rekeys.items():
            if position is None:
                if ("key", name) not in labels:
                    raise _Whole
                k = labels.index(("key", name))
                chunks[k] = _rekey_text(chunks[k], old, new, _entry_panel(name))
                data[name] = _rekey_panel(data[name], old, new)
                continue
            k = where[name][position]
            chunks[k] = _rekey_text(chunks[k], old, new, _piece_item)
            section(name)[position] = _rekey_plain(state.data[name][position], old, new)
        for (name, position), fns in edit.changes.items():
            k = where[name][position]
            chunks[k], section(name)[position] = self._rewrite(chunks[k], fns, style(name), True)
        for name, fns in edit.entries.items():
            if ("key", name) not in labels:
                raise _Whole
            k = labels.index(("key", name))
            chunks[k], plain = self._rewrite(chunks[k], fns, pieces.style, False)
            if not isinstance(plain, dict) or list(plain) != [name]:
                raise _Whole
            data[name] = plain[name]
        for name in edit.dropped:
            self._drop_section(chunks, labels, name)
            data.pop(name, None)
        gone = sorted(((where[n][p], n, p) for n, p in edit.removed), reverse=True)
        for k, name, position in gone:
            if len(data[name]) == 1:
                raise _Whole  # the section would be left empty: let the writer say so
            before = chunks[k - 1] if k > 0 and labels[k - 1] is None else None
            after = chunks[k + 1] if k + 1 < len(chunks) and labels[k + 1] is None else None
            if before is not None and after is not None and _ends_blank(before):
                chunks[k + 1] = after[_leading_blank(after) :]  # no doubled blank line
            del chunks[k], labels[k]
            del section(name)[position]
        for name, item in edit.added:
            at = [k for k, label in enumerate(labels) if label == ("item", name)]
            if not at:
                new, plain = self._rewrite_new(item, style(name))
                self._start_section(chunks, labels, name, new, data.get(name))
                data[name] = [plain]
                copied.add(name)
                continue
            last = at[-1]
            between = (
                "".join(chunks[at[-2] + 1 : last])
                if len(at) > 1
                else "".join(
                    c
                    for c, label in zip(
                        chunks[last + 1 : last + 2], labels[last + 1 : last + 2], strict=True
                    )
                    if label is None
                )
            )
            if not chunks[last].endswith(("\n", "\r")):
                chunks[last] += self._newline
            new, plain = self._rewrite_new(item, style(name))
            spacer = [(self._newline, None)] if _leading_blank(between) else []
            insert = [*spacer, (new, ("item", name))]
            for offset, (chunk, label) in enumerate(insert, start=1):
                chunks.insert(last + offset, chunk)
                labels.insert(last + offset, label)
            section(name).append(plain)
        return _Pieces(tuple(chunks), tuple(labels), pieces.styles, pieces.style), data

    def _rewrite_new(self, item: Any, style: tuple[int, int]) -> tuple[str, Any]:
        """A new list item as text in the section's style, and what it reads as."""
        from ruamel.yaml.comments import CommentedSeq

        from sat.io.yamlfile import load_yaml

        out = io.StringIO()
        _yaml(*style).dump(CommentedSeq([item]), out)
        new = out.getvalue().replace("\n", self._newline)
        plain, _ = load_yaml(new, str(self.path))
        return new, plain[0]

    def _start_section(
        self, chunks: list[str], labels: list[Any], name: str, new: str, value: Any
    ) -> None:
        """Start a top-level list with its first item (``new``, as text) at the end of the file,
        or where an empty ``name: []`` stood; a blank line before it when the file spaces its
        sections so. Raises ``_Whole`` when the section holds something the pieces do not show."""
        nl = self._newline
        spaced = False
        if value not in (None, [], ()) or not any(labels):
            raise _Whole  # the section has items the pieces do not show, or the file is whole
        if ("key", name) in labels:  # name: [] or name: (nothing), in its place
            at = labels.index(("key", name))
            del chunks[at], labels[at]
        else:
            at = len(chunks)
            spaced = any(
                label is None and any(not line.strip() for line in _lines(c))
                for c, label in zip(chunks, labels, strict=True)
            )
        if at and not chunks[at - 1].endswith(("\n", "\r")):
            chunks[at - 1] += nl
        before = "".join(chunks[:at])
        head = (nl if spaced and before and not _ends_blank(before) else "") + f"{name}:{nl}"
        if at and labels[at - 1] is None:
            chunks[at - 1] += head
            chunks.insert(at, new)
            labels.insert(at, ("item", name))
        else:
            chunks[at:at] = [head, new]
            labels[at:at] = [None, ("item", name)]

    def _drop_section(self, chunks: list[str], labels: list[Any], name: str) -> None:
        """Remove a top-level list whole: its key line, the comment lines right above it and
        everything down to its last item (the text around it kept, with no doubled blank line).
        Raises ``_Whole`` when its key line is not where the pieces expect it."""
        at = [k for k, label in enumerate(labels) if label == ("item", name)]
        if not at:
            if ("key", name) not in labels:
                raise _Whole  # not in the pieces (a whole file): the writer drops it
            k = labels.index(("key", name))  # name: [] or name: (nothing)
            del chunks[k], labels[k]
            return
        head, last = at[0] - 1, at[-1]
        if head < 0 or labels[head] is not None:
            raise _Whole
        lines = _lines(chunks[head])
        key = re.compile(rf"{re.escape(name)}[ \t]*:[ \t]*(?:#.*)?$")
        found = [i for i, line in enumerate(lines) if key.match(line.rstrip("\r\n"))]
        if not found:
            raise _Whole
        start = found[-1]
        while start and lines[start - 1].startswith("#"):  # the section's own heading comment
            start -= 1
        kept = "".join(lines[:start])
        after = last + 1
        if after < len(chunks) and labels[after] is None and (_ends_blank(kept) or head == 0):
            chunks[after] = chunks[after][_leading_blank(chunks[after]) :]  # no doubled blank
        chunks[head : last + 1] = [kept] if kept else []
        labels[head : last + 1] = [None] if kept else []
        if 0 < head < len(chunks) and labels[head - 1] is None and labels[head] is None:
            chunks[head - 1 : head + 1] = [chunks[head - 1] + chunks[head]]  # one piece between
            del labels[head]

    def _as_whole(self, state: _State, edit: _Edit) -> _State:
        """Make an edit on the whole document (a file the pieces cannot describe)."""
        from ruamel.yaml.comments import CommentedSeq

        yaml = _yaml(*state.pieces.style)
        text = state.pieces.text
        for old, new in dict.fromkeys(edit.rekeys.values()):
            at = [where for where, pair in edit.rekeys.items() if pair == (old, new)]
            text = _rekey_text(text, old, new, _whole(at))
        root = yaml.load(text)
        for (name, position), fns in edit.changes.items():
            for fn in fns:
                fn(root[name][position])
        for fns in edit.entries.values():
            for fn in fns:
                fn(root)
        for name, position in sorted(edit.removed, key=lambda at: -at[1]):
            del root[name][position]
        for name in edit.dropped:
            root.pop(name, None)
        for name, item in edit.added:
            if root.get(name) is None:
                root[name] = CommentedSeq()
            _append(root[name], item)
        out = io.StringIO()
        yaml.dump(root, out)
        return self._read(out.getvalue().replace("\n", self._newline))
