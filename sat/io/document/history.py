"""The document: its text and validated case, edits kept or refused, undo, saving."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from sat.case import Case
from sat.errors import CaseError, Problem, SatError, UsageError
from sat.io.document.edits import _Edit, _State, _Whole, _Writing
from sat.io.document.pieces import _cut
from sat.io.document.tree import _yaml
from sat.io.files import locked, read_text, write_atomic


class ConflictError(SatError):
    """The file changed on disk since it was loaded: saving would overwrite someone's work."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(
            f"{path} changed on disk since it was loaded; reload it (losing the edits here) "
            "or save under another name"
        )


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


#: How many recent versions keep their validated case (older ones rebuild it on undo).
_CASES_KEPT = 4


class _Document(_Writing):
    """A case file open for editing: state, history and files (a part of :class:`~sat.io.document.CaseDocument`)."""

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

    def _each(self, section: str, wants: Callable[[Any], bool]) -> list[int]:
        """Positions of the items of a section for which ``wants(item)`` holds (plain data)."""
        return [
            k
            for k, item in enumerate(self._state.data.get(section) or ())
            if hasattr(item, "get") and wants(item)
        ]

    def _judgement(self, index: int) -> int:
        """A key judgement's position, checked (a ``CaseError`` if there is none)."""
        count = len(self._state.data.get("key_judgements") or ())
        if not 0 <= index < count:
            raise CaseError(
                [Problem(str(self.path), None, "key_judgements", f"no key judgement {index + 1}")]
            )
        return index

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
