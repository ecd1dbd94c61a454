"""Editing a case file without losing the analyst's work.

A ``CaseDocument`` holds the YAML text of a case in a round-trip tree
(ruamel.yaml), so that comments, key order, quoting and flow style survive
edits. Every edit is validated before it is kept (an edit that would make the
case invalid is refused with located problems, and the document is left as it
was); every kept edit can be undone. Saving:

* refuses to overwrite a file that changed on disk since it was loaded or last
  saved (``ConflictError``): reload it, or save under another name;
* keeps the previous version as ``<name>.bak``;
* writes atomically (a temporary file in the same folder, flushed, synced and
  renamed over the old one), so a crash leaves the old file or the new one,
  never a truncated one.
"""

from __future__ import annotations

import hashlib
import io
import os
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from sat import scales
from sat.case import Case
from sat.errors import CaseError, Problem, SatError, UsageError
from sat.io.files import read_text, write_atomic

__all__ = ["CaseDocument", "ConflictError"]


class ConflictError(SatError):
    """The file changed on disk since it was loaded: saving would overwrite someone's work."""

    def __init__(self, path: Path):
        self.path = path
        super().__init__(
            f"{path} changed on disk since it was loaded; reload it (losing the edits here) "
            "or save under another name"
        )


def _yaml():
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    yaml.width = 4096  # never re-wrap the analyst's lines
    yaml.indent(mapping=2, sequence=4, offset=2)
    return yaml


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


def _rated_observations(data: Any) -> list[Any]:
    """Indicators and information gaps that rate an observation against the hypotheses."""
    items = [*(data.get("indicators") or ()), *(data.get("information_gaps") or ())]
    return [i for i in items if hasattr(i, "get") and i.get("ratings") is not None]


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
        self._yaml = _yaml()
        self._load()

    def _load(self) -> None:
        text = read_text(self.path, str(self.path))
        self._data = self._yaml.load(text)
        self._text = text
        self._saved_text = text
        self._fingerprint = _fingerprint(self.path)
        self._history: list[str] = []
        self._case: Case | None = None
        self._case_text: str | None = None
        self.case  # noqa: B018 - validate now, so a bad file fails on opening

    # -- state ---------------------------------------------------------------------------------

    @property
    def text(self) -> str:
        """The document as it would be saved."""
        return self._text

    def _dump(self) -> str:
        out = io.StringIO()
        self._yaml.dump(self._data, out)
        return out.getvalue()

    @property
    def case(self) -> Case:
        """The validated case for the current text (raises ``CaseError`` if invalid)."""
        text = self.text
        if text != self._case_text:
            from sat.io.validate import build_case
            from sat.io.yamlfile import load_yaml

            data, lines = load_yaml(text, str(self.path))
            self._case = build_case(data, lines, str(self.path))
            self._case_text = text
        return self._case

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

    # -- editing -------------------------------------------------------------------------------

    def _edit(self, change: Callable[[Any], None]) -> None:
        before = self._text
        try:
            change(self._data)
            self._text = self._dump()
            self.case  # noqa: B018 - validate the edit
        except CaseError as exc:
            # The lines and list positions are those of text not yet saved: name items by id.
            problems = [_by_id(p, self._data, self.path) for p in exc.problems]
            self._data = self._yaml.load(before)
            self._text = before
            raise CaseError(problems) from None
        except (ValueError, KeyError, TypeError):
            self._data = self._yaml.load(before)
            self._text = before
            raise
        if self._text != before:
            self._history.append(before)

    def undo(self) -> None:
        """Take back the last kept edit."""
        if not self._history:
            raise SatError("nothing to undo")
        self._text = self._history.pop()
        self._data = self._yaml.load(self._text)

    def _find(self, data: Any, section: str, ident: str) -> Any:
        for item in data.get(section) or ():
            if str(item.get("id")) == ident:
                return item
        raise CaseError([Problem(str(self.path), None, section, f"no item with id '{ident}'")])

    def set_rating(self, evidence_id: str, hypothesis_id: str, rating: str | float | None) -> None:
        """Rate one cell (a code, a probability, or None/'' to leave it unrated)."""
        if rating not in (None, "") and hypothesis_id not in {h.id for h in self.case.hypotheses}:
            raise CaseError(
                [Problem(str(self.path), None, "ratings", f"no hypothesis '{hypothesis_id}'")]
            )

        def change(data: Any) -> None:
            item = self._find(data, "evidence", evidence_id)
            ratings = item.get("ratings")
            if ratings is None:
                from ruamel.yaml.comments import CommentedMap

                ratings = CommentedMap()
                ratings.fa.set_flow_style()
                item["ratings"] = ratings
            if rating in (None, ""):
                ratings.pop(hypothesis_id, None)
            else:
                ratings[hypothesis_id] = scales.parse_rating(rating)

        self._edit(change)

    def set_field(self, section: str, ident: str, field: str, value: Any) -> None:
        """Set one field of one item (e.g. an item's credibility, an indicator's status); None removes it."""
        self.set_fields(section, ident, {field: value})

    def set_fields(self, section: str, ident: str, fields: dict[str, Any]) -> None:
        """Set several fields of one item as one edit (one undo step); None removes a field."""

        def change(data: Any) -> None:
            from ruamel.yaml.comments import CommentedSeq

            item = self._find(data, section, ident)
            for field, value in fields.items():
                if value is None:
                    item.pop(field, None)
                elif field == "sources" and isinstance(value, list | tuple):
                    flow = CommentedSeq(value)
                    flow.fa.set_flow_style()
                    item[field] = flow
                else:
                    item[field] = value

        self._edit(change)

    def set_checklist(self, question: str, answer: str | None) -> None:
        """Answer one question of Heuer's checklist (empty or None removes the answer)."""

        def change(data: Any) -> None:
            from ruamel.yaml.comments import CommentedMap

            checklist = data.setdefault("checklist", CommentedMap())
            if answer:
                checklist[question] = answer
            else:
                checklist.pop(question, None)

        self._edit(change)

    def set_deception_answer(
        self, subject: str, question: str, rating: str | None, note: str | None = None
    ) -> None:
        """Answer one deception-check question for an actor or source (rating None removes the answer)."""

        def change(data: Any) -> None:
            from ruamel.yaml.comments import CommentedMap

            for entry in data.get("deception") or ():
                if str(entry.get("subject")) == subject:
                    break
            else:
                raise CaseError(
                    [
                        Problem(
                            str(self.path), None, "deception", f"no deception check for '{subject}'"
                        )
                    ]
                )
            answers = entry.setdefault("answers", CommentedMap())
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

        self._edit(change)

    def add_hypothesis(self, ident: str, label: str, statement: str, **fields: Any) -> None:
        """Add a hypothesis (prior, prior_basis, kind as keywords; unrated until rated)."""

        def change(data: Any) -> None:
            from ruamel.yaml.comments import CommentedMap

            item = CommentedMap(id=ident, label=label, statement=statement)
            for key, value in fields.items():
                if value is not None:
                    item[key] = value
            _append(data["hypotheses"], item)

        self._edit(change)

    def rename_hypothesis(self, old: str, new: str) -> None:
        """Change a hypothesis id everywhere it is used (ratings, analysts' ratings, assumptions,
        indicators, the ratings of indicators and gaps, overlaps)."""

        def change(data: Any) -> None:
            self._find(data, "hypotheses", old)["id"] = new
            for item in data.get("evidence") or ():
                tables = [item.get("ratings"), *(item.get("analyst_ratings") or {}).values()]
                for ratings in tables:
                    if ratings is not None and old in ratings:
                        keys = list(ratings)
                        value = ratings.pop(old)
                        ratings.insert(keys.index(old), new, value)
            for section, field in (("assumptions", "supports"), ("hypotheses", "overlaps")):
                for item in data.get(section) or ():
                    refs = item.get(field)
                    if refs is not None:
                        for k, ref in enumerate(refs):
                            if ref == old:
                                refs[k] = new
            for item in data.get("indicators") or ():
                if item.get("hypothesis") == old:
                    item["hypothesis"] = new
            for item in _rated_observations(data):
                ratings = item["ratings"]
                if old in ratings:
                    keys = list(ratings)
                    value = ratings.pop(old)
                    ratings.insert(keys.index(old), new, value)

        self._edit(change)

    def remove_hypothesis(self, ident: str) -> None:
        """Remove a hypothesis, its ratings and its indicators; assumptions and overlaps stop naming it."""

        def change(data: Any) -> None:
            hypotheses = data["hypotheses"]
            hypotheses.remove(self._find(data, "hypotheses", ident))
            for item in data.get("evidence") or ():
                for ratings in [item.get("ratings"), *(item.get("analyst_ratings") or {}).values()]:
                    if ratings is not None:
                        ratings.pop(ident, None)
            for section, field in (("assumptions", "supports"), ("hypotheses", "overlaps")):
                for item in data.get(section) or ():
                    refs = item.get(field)
                    while refs is not None and ident in refs:
                        refs.remove(ident)
            indicators = data.get("indicators")
            if indicators is not None:
                for item in [i for i in indicators if i.get("hypothesis") == ident]:
                    indicators.remove(item)
            for item in _rated_observations(data):
                item["ratings"].pop(ident, None)

        self._edit(change)

    def add_evidence(self, ident: str, summary: str, **fields: Any) -> None:
        """Add an evidence item (type, credibility, relevance, sources, ratings as keywords)."""

        def change(data: Any) -> None:
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
            if data.get("evidence") is None:
                data["evidence"] = []
            _append(data["evidence"], item)

        self._edit(change)

    def add_source(self, id: str, title: str, **fields: Any) -> None:
        """Add a source (author, publisher, date, url, file, sha256, reliability ... as keywords)."""

        def change(data: Any) -> None:
            from ruamel.yaml.comments import CommentedMap

            item = CommentedMap(id=id, title=title)
            for key, value in fields.items():
                item[key] = value
            sources = data.get("sources")
            if sources is None:
                data["sources"] = sources = []
            sources.append(item)

        self._edit(change)

    def remove_evidence(self, ident: str) -> None:
        """Remove an evidence item; assumptions, indicators and relations stop citing it."""

        def change(data: Any) -> None:
            data["evidence"].remove(self._find(data, "evidence", ident))
            for item in data.get("assumptions") or ():
                if item.get("evidence") == ident:
                    item.pop("evidence")
            for section in ("indicators", "relations"):
                for item in data.get(section) or ():
                    refs = item.get("evidence")
                    while refs is not None and ident in refs:
                        refs.remove(ident)

        self._edit(change)

    # -- files ---------------------------------------------------------------------------------

    def save(self, path: str | os.PathLike[str] | None = None, *, force: bool = False) -> Path:
        """Save atomically, keeping the previous version as ``<name>.bak``.

        Parameters
        ----------
        path : path-like, optional
            Save under another name ("save as"): a ``.yaml`` or ``.yml`` file in a
            folder that exists; a relative path is taken from the case file's folder.
            The document then edits that file.
        force : bool
            Overwrite even if the file changed on disk since it was loaded.

        Returns
        -------
        Path
            Where the case was written; ``backup`` says where the previous version went (or None).

        Raises
        ------
        ConflictError
            When the file changed on disk since it was loaded or last saved.
        UsageError
            When a "save as" name is not a case file name or its folder does not exist.
        """
        target = self.path if path is None else self._save_as_target(path)
        if target == self.path and not force and self.changed_on_disk:
            raise ConflictError(self.path)
        text = self.text
        self.backup = None
        if target.exists():
            self.backup = target.with_name(target.name + ".bak")
            write_atomic(self.backup, target.read_bytes())
        write_atomic(target, text)
        self.path = target
        self._saved_text = text
        self._fingerprint = _fingerprint(target)
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
