"""Editing a case file without losing the analyst's work.

A ``CaseDocument`` keeps the YAML text of a case cut into pieces: each item of
a top-level list (a hypothesis, an evidence item, ...) and each other top-level
entry is one piece, and the text between them (blank lines, comments, section
keys) is kept as it is. An edit rewrites only the pieces it touches, through
ruamel.yaml's round-trip parser, so comments, key order, quoting and flow style
survive, and its cost does not grow with the size of the file. Every edit is
validated before it is kept (an edit that would make the case invalid is refused
with problems naming the items by id, and the document is left as it was); every
kept edit can be undone, at once. A file the pieces cannot describe (aliases,
a flow-style section, items that share a line) is edited as a whole instead:
slower on a large file, with the same result. Saving:

* reads the whole text back and checks it is exactly the edited case, so what
  is written is what was validated;
* refuses to overwrite a file that changed on disk since it was loaded or last
  saved (``ConflictError``): reload it, or save under another name;
* keeps the previous version as ``<name>.bak``;
* writes atomically (a temporary file in the same folder, flushed, synced and
  renamed over the old one), so a crash leaves the old file or the new one,
  never a truncated one.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import io
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sat import scales
from sat.case import Case
from sat.errors import CaseError, Problem, SatError, UsageError
from sat.io.files import locked, read_text, write_atomic

__all__ = ["CaseDocument", "ConflictError"]


class ConflictError(SatError):
    """The file changed on disk since it was loaded: saving would overwrite someone's work."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(
            f"{path} changed on disk since it was loaded; reload it (losing the edits here) "
            "or save under another name"
        )


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


def _backup_name(real: Path) -> Path:
    """``<name>.bak`` beside the file, or a short name when that would be too long to create."""
    from sat.io.files import NAME_MAX

    if len((real.name + ".bak").encode("utf-8")) <= NAME_MAX:
        return real.with_name(real.name + ".bak")
    return real.with_name(f".sat-{hashlib.sha256(real.name.encode()).hexdigest()[:16]}.bak")


def _fingerprint(path: Path) -> str | None:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return None


_POSITION = re.compile(
    r"(?<![.\w])(?P<section>[a-z_]+)\[(?P<index>\d+)\]"
)  # top-level sections only


def _by_id(problem: Problem, data: Any, path: Path) -> Problem:
    """A problem found in an edit, told by item id (``evidence E31.id``) rather than list position.

    Its line is dropped: it would point into text that is not saved yet.
    """

    def ident(match: re.Match[str]) -> Any:
        if match["section"] == "information_gaps":  # gaps are known as G1, G2, ... by position
            return f"G{int(match['index']) + 1}"
        try:
            item = data[match["section"]][int(match["index"])]
            return item.get("id") if hasattr(item, "get") else None
        except (KeyError, IndexError, TypeError):
            return None

    def named(match: re.Match[str]) -> str:
        found = ident(match)
        return match[0] if found is None else f"{match['section']} {found}"

    own = _POSITION.search(problem.field)
    own_id = ident(own) if own else None

    def other(match: re.Match[str]) -> str:  # another item with the same id: say which by order
        if ident(match) == own_id is not None:
            return f"{match['section']} item {int(match['index']) + 1}"
        return named(match)

    field = _POSITION.sub(named, problem.field)
    message = _POSITION.sub(other, problem.message)
    return Problem(f"{path} (unsaved edit)", None, field, message)


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


# -- the text in pieces ------------------------------------------------------------------------

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


class _Whole(Exception):
    """This edit cannot be made piece by piece: make it on the whole document."""


@dataclass
class _Edit:
    """One edit, as changes to items and entries; applied piece by piece or to the whole file.

    Item changes name items by (section, position) before the edit; removals
    are applied after the changes, additions last. ``rekeys`` rename (or drop)
    one key in every rating table of an item (see :func:`_rekey_text`), the
    one change made often enough, on every item at once, to be done on the text.
    """

    changes: dict[tuple[str, int], list[Callable[[Any], None]]] = field(default_factory=dict)
    entries: dict[str, list[Callable[[Any], None]]] = field(default_factory=dict)
    removed: list[tuple[str, int]] = field(default_factory=list)
    added: list[tuple[str, Any]] = field(default_factory=list)
    rekeys: dict[tuple[str, int], tuple[str, str | None]] = field(default_factory=dict)
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


#: A keyword left as it is (None has a meaning: remove the field).
_KEEP: Any = object()

#: How many recent versions keep their validated case (older ones rebuild it on undo).
_CASES_KEPT = 4


class CaseDocument:
    """A case file open for editing (see the module docstring).

    Examples
    --------
    >>> import shutil, tempfile
    >>> from pathlib import Path
    >>> from sat.paths import EXAMPLE_CASE
    >>> copy = Path(tempfile.mkdtemp()) / "case.yaml"
    >>> _ = shutil.copy(EXAMPLE_CASE, copy)
    >>> doc = CaseDocument(copy)
    >>> doc.set_rating("E20", "H4", "N")
    >>> doc.case.item("E20").rating("H4"), doc.dirty
    ('N', True)
    >>> doc.undo()
    >>> doc.case.item("E20").rating("H4"), doc.dirty
    ('I', False)
    """

    def __init__(self, path: str | os.PathLike[str]):
        self.path = Path(path)
        self.backup: Path | None = None  # where the last save kept the previous version
        self._load()

    def _load(self) -> None:
        from sat.io.files import remove_stale_temporaries

        text = read_text(self.path, str(self.path))
        self._fingerprint = _fingerprint(self.path)
        self._bom = False
        with contextlib.suppress(OSError):
            self._bom = self.path.read_bytes()[:3] == b"\xef\xbb\xbf"  # kept on save
        self._newline = "\r\n" if "\r\n" in text else "\n"  # new text follows the file's
        remove_stale_temporaries(self.path.resolve())  # left by a save that was killed
        self._state = self._read(text, located=True)
        self._saved_text = text
        self._history: list[_State] = []
        self._group: Any = None  # the run of typing the last edit belongs to (see ``_apply``)

    def _read(self, text: str, *, located: bool = False) -> _State:
        """Parse and validate a whole text (problems located by line when ``located``)."""
        from sat.io.validate import build_case
        from sat.io.yamlfile import load_yaml_tree

        shown = str(self.path)
        root, data, lines, aliased = load_yaml_tree(text, shown)
        try:
            case = build_case(data, lines, shown)
        except CaseError as exc:
            if located:
                raise
            raise CaseError([_by_id(p, data, self.path) for p in exc.problems]) from None
        return _State(_cut(text, root, aliased), data, case)

    def prepare(self) -> None:
        """Load the round-trip parser now (an editor's first edit is then as quick as the next)."""
        _yaml(*self._state.pieces.style)

    # -- state ---------------------------------------------------------------------------------

    @property
    def text(self) -> str:
        """The document as it would be saved."""
        return self._state.pieces.text

    @property
    def case(self) -> Case:
        """The validated case for the current text."""
        state = self._state
        if state.case is None:
            from sat.io.validate import build_case

            state = self._state = replace(state, case=build_case(state.data, {}, str(self.path)))
        return state.case

    @property
    def dirty(self) -> bool:
        """Whether there are unsaved changes."""
        return self.text != self._saved_text

    @property
    def can_undo(self) -> bool:
        return bool(self._history)

    @property
    def changed_on_disk(self) -> bool:
        """Whether the file on disk is no longer the one loaded or last saved."""
        return _fingerprint(self.path) != self._fingerprint

    # -- applying edits --------------------------------------------------------------------------

    def _apply(self, edit: _Edit, group: Any = None) -> None:
        """Make an edit, validate the result, and keep it (one undo step) or refuse it.

        Edits of one ``group`` (a key judgement's text as it is typed) made one after another
        are one undo step: undo takes back the whole run of typing, not one keystroke.
        """
        from ruamel.yaml.error import YAMLError

        before = self._state
        try:
            try:
                pieces, data = self._in_pieces(before, edit)
            except _Whole:
                pieces, data = None, None
            if pieces is None:
                after = self._as_whole(before, edit)
        except YAMLError as exc:  # the round-trip parser refused the text: say so, keep nothing
            what = " ".join(str(exc).split())[:200]
            raise CaseError(
                [
                    Problem(
                        f"{self.path} (unsaved edit)",
                        None,
                        "",
                        f"the edit cannot be written: {what}",
                    )
                ]
            ) from None
        if pieces is not None:
            from sat.io.validate import build_case

            try:
                case = build_case(data, {}, str(self.path))
            except CaseError as exc:
                raise CaseError([_by_id(p, data, self.path) for p in exc.problems]) from None
            after = _State(pieces, data, case)
        if after.pieces.text == before.pieces.text:
            return
        if group is None or group != self._group or not self._history:
            self._history.append(before)
            if len(self._history) > _CASES_KEPT:
                old = len(self._history) - _CASES_KEPT - 1
                self._history[old] = replace(self._history[old], case=None)
        self._group = group
        self._state = after

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
            if name not in where:
                where[name] = pieces.items(name)
            if position >= len(where[name]):
                raise _Whole
        for (name, position), (old, new) in edit.rekeys.items():
            k = where[name][position]
            plain = state.data[name][position]
            text = _rekey_text(chunks[k], old, new, sum(old in t for t in _tables(plain)))
            if text is None:
                edit.change(name, position, lambda item, o=old, n=new: _rekey_tree(item, o, n))
            else:
                chunks[k], section(name)[position] = text, _rekey_plain(plain, old, new)
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
        root = yaml.load(state.pieces.text)
        for (name, position), (old, new) in edit.rekeys.items():
            _rekey_tree(root[name][position], old, new)
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

    def _position(self, section: str, ident: str, key: str = "id") -> int:
        """Where the item with this id is in its section (a ``CaseError`` if there is none)."""
        for k, item in enumerate(self._state.data.get(section) or ()):
            if hasattr(item, "get") and str(item.get(key)) == ident:
                return k
        raise CaseError([Problem(str(self.path), None, section, f"no item with id '{ident}'")])

    def undo(self) -> None:
        """Take back the last kept edit."""
        if not self._history:
            raise SatError("nothing to undo")
        self._state = self._history.pop()
        self._group = None

    # -- editing -------------------------------------------------------------------------------

    def set_rating(self, evidence_id: str, hypothesis_id: str, rating: str | float | None) -> None:
        """Rate one cell (a code, a probability, or None/'' to leave it unrated)."""
        if rating not in (None, "") and hypothesis_id not in {h.id for h in self.case.hypotheses}:
            raise CaseError(
                [Problem(str(self.path), None, "ratings", f"no hypothesis '{hypothesis_id}'")]
            )
        value = None if rating in (None, "") else scales.parse_rating(rating)

        def change(item: Any) -> None:
            ratings = item.get("ratings")
            if ratings is None:
                from ruamel.yaml.comments import CommentedMap

                ratings = CommentedMap()
                ratings.fa.set_flow_style()
                item["ratings"] = ratings
            if value is None:
                ratings.pop(hypothesis_id, None)
            else:
                ratings[hypothesis_id] = value

        self._apply(_Edit().change("evidence", self._position("evidence", evidence_id), change))

    def set_field(self, section: str, ident: str, field: str, value: Any) -> None:
        """Set one field of one item (e.g. an item's credibility, an indicator's status); None removes it."""
        self.set_fields(section, ident, {field: value})

    def set_fields(self, section: str, ident: str, fields: dict[str, Any]) -> None:
        """Set several fields of one item as one edit (one undo step); None removes a field."""

        def change(item: Any) -> None:
            from ruamel.yaml.comments import CommentedSeq

            for name, value in fields.items():
                if value is None:
                    item.pop(name, None)
                elif name == "sources" and isinstance(value, list | tuple):
                    flow = CommentedSeq(value)
                    flow.fa.set_flow_style()
                    item[name] = flow
                else:
                    item[name] = value

        self._apply(_Edit().change(section, self._position(section, ident), change))

    def set_checklist(self, question: str, answer: str | None) -> None:
        """Answer one question of Heuer's checklist (empty or None removes the answer)."""

        def change(root: Any) -> None:
            from ruamel.yaml.comments import CommentedMap

            checklist = root.get("checklist")
            if checklist is None:
                checklist = root["checklist"] = CommentedMap()
            if answer:
                checklist[question] = answer
            else:
                checklist.pop(question, None)

        self._apply(_Edit().entry("checklist", change))

    def set_deception_answer(
        self, subject: str, question: str, rating: str | None, note: str | None = None
    ) -> None:
        """Answer one deception-check question for an actor or source (rating None removes the answer)."""

        def change(entry: Any) -> None:
            from ruamel.yaml.comments import CommentedMap

            answers = entry.get("answers")
            if answers is None:
                answers = entry["answers"] = CommentedMap()
            if rating is None:
                answers.pop(question, None)
                return
            answer = answers.get(question)
            if answer is None:
                answer = CommentedMap()
                answer.fa.set_flow_style()
                answers[question] = answer
            answer["rating"] = rating
            if note is not None:
                if note:
                    answer["note"] = note
                else:
                    answer.pop("note", None)

        try:
            position = self._position("deception", subject, key="subject")
        except CaseError:
            raise CaseError(
                [Problem(str(self.path), None, "deception", f"no deception check for '{subject}'")]
            ) from None
        self._apply(_Edit().change("deception", position, change))

    def add_hypothesis(self, ident: str, label: str, statement: str, **fields: Any) -> None:
        """Add a hypothesis (prior, prior_basis, kind as keywords; unrated until rated)."""
        from ruamel.yaml.comments import CommentedMap

        item = CommentedMap(id=ident, label=label, statement=statement)
        for key, value in fields.items():
            if value is not None:
                item[key] = value
        self._apply(_Edit(added=[("hypotheses", item)]))

    def _each(self, section: str, wants: Callable[[Any], bool]) -> list[int]:
        """Positions of the items of a section for which ``wants(item)`` holds (plain data)."""
        return [
            k
            for k, item in enumerate(self._state.data.get(section) or ())
            if hasattr(item, "get") and wants(item)
        ]

    def rename_hypothesis(self, old: str, new: str) -> None:
        """Change a hypothesis id everywhere it is used (ratings, analysts' ratings, assumptions,
        indicators, the ratings of indicators and gaps, overlaps, key judgements and the
        previous assessment)."""

        def set_id(item: Any) -> None:
            item["id"] = new

        def in_refs(name: str) -> Callable[[Any], None]:
            def change(item: Any) -> None:
                refs = item[name]
                for k, ref in enumerate(refs):
                    if ref == old:
                        refs[k] = new

            return change

        def indicator(item: Any) -> None:
            item["hypothesis"] = new

        position = self._position("hypotheses", old)
        if new == old:
            return
        if any(str(h.get("id")) == new for h in self._state.data["hypotheses"]):
            raise CaseError(
                [
                    Problem(
                        str(self.path),
                        None,
                        "hypotheses",
                        f"there is already a hypothesis '{new}': choose another id",
                    )
                ]
            )
        edit = _Edit().change("hypotheses", position, set_id)
        self._rekey(edit, old, new)
        self._rekey_estimates(edit, old, new)
        for section, name in (("assumptions", "supports"), ("hypotheses", "overlaps")):
            for k in self._each(section, lambda i, n=name: old in (i.get(n) or ())):
                edit.change(section, k, in_refs(name))
        for k in self._each("indicators", lambda i: i.get("hypothesis") == old):
            edit.change("indicators", k, indicator)
        self._readdress(edit, old, new)
        self._apply(edit)

    def _readdress(self, edit: _Edit, old: str, new: str | None) -> None:
        """Point the key judgements and the previous assessment that are about ``old`` at
        ``new`` (or, with None, at nothing: their words stay)."""

        def about(item: Any) -> None:
            if new is None:
                del item["about"]
            else:
                item["about"] = new

        for k in self._each("key_judgements", lambda i: str(i.get("about")) == old):
            edit.change("key_judgements", k, about)
        previous = self._state.data.get("previous_assessment")
        if hasattr(previous, "get") and str(previous.get("about")) == old:
            edit.entry("previous_assessment", lambda root: about(root["previous_assessment"]))

    def remove_hypothesis(self, ident: str) -> None:
        """Remove a hypothesis, its ratings and its indicators (scenarios stop watching them);
        assumptions and overlaps stop naming it, and key judgements about it keep their words but
        are about nothing."""

        def from_refs(name: str) -> Callable[[Any], None]:
            def change(item: Any) -> None:
                refs = item[name]
                while ident in refs:
                    refs.remove(ident)

            return change

        edit = _Edit(removed=[("hypotheses", self._position("hypotheses", ident))])
        gone = self._each("indicators", lambda i: i.get("hypothesis") == ident)
        edit.removed += [("indicators", k) for k in gone]
        indicators = self._state.data.get("indicators") or ()
        signposts = {str(indicators[k].get("id")) for k in gone}

        def unpost(item: Any) -> None:  # a scenario stops watching the indicators removed
            posts = item["signposts"]
            for k in reversed(range(len(posts))):
                if str(posts[k]) in signposts:
                    del posts[k]

        for k in self._each(
            "scenarios", lambda i: bool(signposts & {str(p) for p in i.get("signposts") or ()})
        ):
            edit.change("scenarios", k, unpost)
        self._rekey(edit, ident, None, skip={("indicators", k) for k in gone})
        self._rekey_estimates(edit, ident, None)
        for section, name in (("assumptions", "supports"), ("hypotheses", "overlaps")):
            for k in self._each(section, lambda i, n=name: ident in (i.get(n) or ())):
                edit.change(section, k, from_refs(name))
        self._readdress(edit, ident, None)
        self._apply(edit)

    def _rekey_estimates(self, edit: _Edit, old: str, new: str | None) -> None:
        """Rename (or drop) a hypothesis in every analyst's own estimates."""
        estimates = self._state.data.get("estimates")
        if not hasattr(estimates, "values") or not any(
            hasattr(t, "get") and old in t for t in estimates.values()
        ):
            return

        def change(root: Any) -> None:
            for table in root["estimates"].values():
                _rekey_table(table, old, new)

        edit.entry("estimates", change)

    def _rekey(
        self, edit: _Edit, old: str, new: str | None, skip: set[tuple[str, int]] = frozenset()
    ) -> None:
        """Rename (or, with ``new`` None, drop) a hypothesis in every rating table that has it:
        evidence ratings and analysts' ratings, and the ratings of indicators and gaps."""
        for section in ("evidence", "indicators", "information_gaps"):
            for k in self._each(section, lambda i: any(old in t for t in _tables(i))):
                if (section, k) not in skip:
                    edit.rekeys[(section, k)] = (old, new)

    def add_evidence(self, ident: str, summary: str, **fields: Any) -> None:
        """Add an evidence item (type, credibility, relevance, sources, ratings as keywords)."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        item = CommentedMap(id=ident, summary=summary)
        for key, value in fields.items():
            if value is None or value == () or value == []:
                continue
            if key == "sources":  # short id lists stay on one line, as the file writes them
                value = CommentedSeq(value)
                value.fa.set_flow_style()
            item[key] = value
        ratings = CommentedMap(item.pop("ratings", {}) or {})
        ratings.fa.set_flow_style()
        item["ratings"] = ratings
        self._apply(_Edit(added=[("evidence", item)]))

    def add_source(self, id: str, title: str, **fields: Any) -> None:
        """Add a source (author, publisher, date, url, file, sha256, reliability ... as keywords)."""
        from ruamel.yaml.comments import CommentedMap

        item = CommentedMap(id=id, title=title)
        for key, value in fields.items():
            item[key] = value
        self._apply(_Edit(added=[("sources", item)]))

    def remove_evidence(self, ident: str) -> None:
        """Remove an evidence item; assumptions, indicators and relations stop citing it."""

        def unlink(item: Any) -> None:
            item.pop("evidence")

        def from_refs(item: Any) -> None:
            refs = item["evidence"]
            while ident in refs:
                refs.remove(ident)

        edit = _Edit(removed=[("evidence", self._position("evidence", ident))])
        sessions = self._state.data.get("elicitation")
        if hasattr(sessions, "values") and any(
            ident in (v.get(f) or ())
            for v in sessions.values()
            if hasattr(v, "get")
            for f in ("order", "entered")
        ):

            def forget(root: Any) -> None:
                for session in root["elicitation"].values():
                    for name in ("order", "entered"):
                        refs = session.get(name)
                        while refs is not None and ident in refs:
                            refs.remove(ident)

            edit.entry("elicitation", forget)
        for k in self._each("assumptions", lambda a: a.get("evidence") == ident):
            edit.change("assumptions", k, unlink)
        for section in ("indicators", "relations"):
            for k in self._each(section, lambda i: ident in (i.get("evidence") or ())):
                edit.change(section, k, from_refs)
        self._apply(edit)

    # -- key judgements (addressed by position: they need no id) --------------------------------

    def _judgement(self, index: int) -> int:
        """A key judgement's position, checked (a ``CaseError`` if there is none)."""
        count = len(self._state.data.get("key_judgements") or ())
        if not 0 <= index < count:
            raise CaseError(
                [Problem(str(self.path), None, "key_judgements", f"no key judgement {index + 1}")]
            )
        return index

    def set_key_judgement(
        self, index: int, *, text: Any = _KEEP, about: Any = _KEEP, typing: bool = False
    ) -> None:
        """Change the text or the ``about`` (None: about nothing) of the key judgement at
        ``index`` (0-based). With ``typing``, successive changes of one judgement's text are
        one undo step (the run of typing); the text keeps its style in the file (a folded
        block stays folded)."""
        from ruamel.yaml import scalarstring

        def change(item: Any) -> None:
            if text is not _KEEP:
                old = item.get("text")
                styles = tuple(getattr(scalarstring, n) for n in _STYLED)
                item["text"] = type(old)(text) if isinstance(old, styles) else text
            if about is not _KEEP:
                if about is None:
                    item.pop("about", None)
                else:
                    item["about"] = about

        at = self._judgement(index)
        group = ("key_judgements", at, "text") if typing and about is _KEEP else None
        self._apply(_Edit().change("key_judgements", at, change), group)

    def add_key_judgement(self, text: str, about: str | None = None) -> None:
        """Add a key judgement at the end (the first starts a ``key_judgements:`` section at the
        end of the file)."""
        from ruamel.yaml.comments import CommentedMap

        item = CommentedMap(text=text)
        if about is not None:
            item["about"] = about
        self._apply(_Edit(added=[("key_judgements", item)]))

    def remove_key_judgement(self, index: int) -> None:
        """Remove the key judgement at ``index``; removing the last removes the section (with
        its heading comment)."""
        at = self._judgement(index)
        if len(self._state.data["key_judgements"]) == 1:
            self._apply(_Edit(dropped=["key_judgements"]))
        else:
            self._apply(_Edit(removed=[("key_judgements", at)]))

    def start_elicitation(self, analyst: str, seed: int, order: Sequence[str]) -> None:
        """Record the start of an analyst's blind session: the seed and the order drawn with it."""
        from ruamel.yaml.comments import CommentedMap, CommentedSeq

        def change(root: Any) -> None:
            sessions = root.get("elicitation")
            if sessions is None:
                sessions = root["elicitation"] = CommentedMap()
            session = CommentedMap(seed=seed)
            for name, ids in (("order", list(order)), ("entered", [])):
                seq = CommentedSeq(ids)
                seq.fa.set_flow_style()
                session[name] = seq
            sessions[analyst] = session

        self._apply(_Edit().entry("elicitation", change))

    def rate_as(self, analyst: str, evidence_id: str, ratings: dict[str, Any]) -> None:
        """An analyst's own ratings of one item across the hypotheses (``analyst_ratings``), as
        one edit; in a blind session the item is also recorded as entered, in order."""
        from ruamel.yaml.comments import CommentedMap

        values = {h: scales.parse_rating(r) for h, r in ratings.items() if r not in (None, "")}

        def change(item: Any) -> None:
            panel = item.get("analyst_ratings")
            if panel is None:
                panel = item["analyst_ratings"] = CommentedMap()
            table = CommentedMap(values)
            table.fa.set_flow_style()
            panel[analyst] = table

        edit = _Edit().change("evidence", self._position("evidence", evidence_id), change)
        session = (self._state.data.get("elicitation") or {}).get(analyst)
        if hasattr(session, "get") and evidence_id not in (session.get("entered") or ()):

            def entered(root: Any) -> None:
                record = root["elicitation"][analyst]
                if record.get("entered") is None:
                    record["entered"] = []
                record["entered"].append(evidence_id)
                record["entered"].fa.set_flow_style()

            edit.entry("elicitation", entered)
        self._apply(edit)

    # -- files ---------------------------------------------------------------------------------

    def save(
        self,
        path: str | os.PathLike[str] | None = None,
        *,
        force: bool = False,
        read_only: bool = False,
    ) -> Path:
        """Save atomically, keeping the previous version as ``<name>.bak``.

        The whole text is read back first and must be exactly the edited case:
        what is written is what was validated. The check that the file has not
        changed on disk and the write that replaces it are one step for every
        ``sat`` writer (an advisory lock beside the file): of two editors saving
        the same file at the same instant, one saves and the other gets
        ``ConflictError``. A symbolic link is written through (the file it points
        to gets the edit; the link stays); the file's line endings and byte order
        mark are kept.

        Parameters
        ----------
        path : path-like, optional
            Save under another name ("save as"): a ``.yaml`` or ``.yml`` file in a
            folder that exists; a relative path is taken from the case file's folder.
            The document then edits that file. A name that is the file being
            edited (by another spelling or a link) is a plain save.
        force : bool
            Overwrite even if the file changed on disk since it was loaded.
        read_only : bool
            Overwrite a file whose permissions say it is read-only (the analyst confirmed).

        Returns
        -------
        Path
            Where the case was written; ``backup`` says where the previous version went (or None).

        Raises
        ------
        ConflictError
            When the file changed on disk since it was loaded or last saved.
        UsageError
            When a "save as" name is not a case file name or its folder does not exist,
            or the file is read-only.
        SatError
            When the text does not read back as the edited case (a fault in sat;
            nothing is written, the edits stay here).
        """
        target = self.path if path is None else self._save_as_target(path)
        real = target.resolve()  # through links, and any spelling of the same file
        same = real == self.path.resolve()
        state = self._state
        text = state.pieces.text
        if text != self._saved_text:
            checked = self._read(text)
            if checked.data != state.data:
                raise SatError(
                    f"not saved: the text for {target} does not read back as the edited case "
                    "(a fault in sat: please report it); your edits are still open here"
                )
            self._state = checked
        with locked(real):
            if same and not force and self.changed_on_disk:
                raise ConflictError(self.path)
            if real.exists() and not read_only and not real.stat().st_mode & 0o200:
                raise UsageError(
                    f"{target} is read-only (save under another name, or confirm overwriting it)"
                )
            self.backup = None
            if real.exists():
                self.backup = _backup_name(real)
                write_atomic(self.backup, real.read_bytes(), through_links=False)
            write_atomic(real, ("\ufeff" if self._bom else "") + text)
            self._fingerprint = _fingerprint(real)
        self.path = self.path if same else target
        self._saved_text = text
        self._group = None  # typing after a save is a new undo step
        return target

    def _save_as_target(self, path: str | os.PathLike[str]) -> Path:
        """A "save as" path checked: a case file name, in a folder that exists."""
        given = Path(os.path.expanduser(os.fspath(path)))
        target = given if given.is_absolute() else self.path.parent / given
        if target.suffix.lower() not in (".yaml", ".yml"):
            raise UsageError(
                f"save as a case file: a name ending in .yaml or .yml, not {given.name or given}"
            )
        if not target.parent.is_dir():
            raise UsageError(f"no folder {target.parent}: create it first, or save elsewhere")
        return target

    def reload(self) -> None:
        """Discard the edits here and read the file again from disk."""
        self._load()
