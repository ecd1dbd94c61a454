"""Editing a case file without losing the analyst's work.

A ``CaseDocument`` keeps the YAML text of a case cut into pieces: each item of
a top-level list (a hypothesis, an evidence item, ...) and each other top-level
entry is one piece, and the text between them (blank lines, comments, section
keys) is kept as it is. An edit rewrites only the pieces it touches, through
ruamel.yaml's round-trip parser, so comments, key order, quoting and flow style
survive, and its cost does not grow with the size of the file. A hypothesis
renamed or removed changes its key in every rating table on the text itself, at
the characters where the YAML parser finds it (:mod:`sat.io.document.rekey`):
the rest of the file stays byte for byte. Every edit is
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

from sat.io.document.fields import _FieldEdits
from sat.io.document.history import ConflictError, _Document
from sat.io.document.history import _by_id as _by_id  # for callers that name problems by id
from sat.io.document.structure import _StructureEdits

__all__ = ["CaseDocument", "ConflictError"]


class CaseDocument(_FieldEdits, _StructureEdits, _Document):
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
