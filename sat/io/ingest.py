"""Bringing a new source into a case without a language model: extract, store, register.

``add_source`` takes a saved article (HTML, PDF, plain text or Markdown),
extracts its main text and metadata, stores the text beside the case, and adds
a source entry (title, author, publisher, date, url, file, sha256) through the
round-trip editor, so the case file keeps its comments and order. It never
grades the source: reliability is the analyst's call, and an ungraded source is
reported as such until it is graded.

Extraction:

* **HTML**: trafilatura, built for news pages, finds the main text (menus,
  footers and comments left out) and the title, author, site name and date.
* **PDF**: pypdf's text, page by page, and the document's title, author and
  creation date.
* **Text and Markdown**: the file as written. The title is the text's first
  heading (a Markdown ``#`` heading, or a short first line followed by a blank
  line), else its first sentence, read across wrapped lines and cut at a word
  with an ellipsis past ``sat.io.sentences.TITLE_LENGTH`` characters.

The document is read like every stored text (``sat.io.sources``): a regular file
of at most ``MAX_TEXT_BYTES`` (text, Markdown, HTML) or ``MAX_PDF_BYTES`` (PDF),
giving at most ``MAX_TEXT_BYTES`` of text; a damaged file is one line saying so.

A date is recorded only when the document states it to the day (a PDF's
``D:YYYYMMDD``, or an HTML page that writes the day trafilatura found, as
``2026-03-04``, ``4 March 2026`` or ``March 4, 2026``); a month or a year alone
is left out, with a note, rather than turned into the first of a month.

The text is stored as UTF-8 in ``<id>-<slug>.txt`` and, for HTML and PDF, the
original is kept beside it under the same name with its own suffix, so that what
the text came from can be checked. The default folder is ``sources/<case id>/``
next to the case file's folder when that folder is called ``cases`` (the
project's ``data/cases`` and ``data/sources`` layout), and ``sources/<case id>/``
inside it otherwise; a ``folder`` given instead must be inside one of the two
folders ``sat validate`` reads stored texts from (the case's folder and that
one). Nothing is replaced: the id and every name are checked before the disk is
touched, each file is created new (``name-2.txt`` when the name is taken; the
entry records the name written), and when the entry is refused only the files
and folders this call created are removed.

References
----------
.. [1] A. Barbaresi, "Trafilatura: A Web Scraping Library and Command-Line Tool for
   Text Discovery and Extraction", *ACL System Demonstrations*, 2021.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sat.errors import SatError, UnsafeFileError
from sat.io import sources
from sat.io.files import write_new
from sat.io.numbering import next_id
from sat.io.sentences import title

__all__ = ["AddedSource", "Extracted", "IngestError", "add_source", "extract", "source_folder"]


class IngestError(SatError):
    """A file that cannot be brought in as a source (unreadable, or no text in it)."""


@dataclass(frozen=True)
class Extracted:
    """The main text of a saved document and what it says about itself."""

    text: str
    kind: str  # html, pdf or text
    title: str | None = None
    author: str | None = None
    publisher: str | None = None
    date: dt.date | None = None
    url: str | None = None


@dataclass(frozen=True)
class AddedSource:
    """What ``add_source`` did: the new entry, where its text went, and what to know."""

    id: str
    entry: dict[str, Any]
    text_file: Path
    original: Path | None
    extracted: Extracted
    #: Remarks for the analyst, such as a date left out because the document does not give the day.
    notes: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "entry": {
                k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in self.entry.items()
            },
            "text_file": str(self.text_file),
            "original": None if self.original is None else str(self.original),
            "kind": self.extracted.kind,
            "characters": len(self.extracted.text),
            "notes": list(self.notes),
        }


def _date(value: Any) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        match = re.match(r"(\d{4})-(\d{2})-(\d{2})", value) or re.match(
            r"D:(\d{4})(\d{2})(\d{2})", value
        )
        if match:
            try:
                return dt.date(*map(int, match.groups()))
            except ValueError:
                return None
    return None


def _clean(value: Any) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value[:500] or None


def extract(path: str | os.PathLike[str]) -> Extracted:
    """The main text and metadata of a saved HTML page, PDF, or text or Markdown file.

    Raises
    ------
    IngestError
        In one line naming the file, when it is missing, of another type, not a regular file,
        over its size limit, damaged, or holds no text.
    """
    return _extract(Path(path))[0]


def _extract(path: Path) -> tuple[Extracted, bytes]:
    """What ``extract`` gives, and the bytes it was taken from (read once, bounded)."""
    suffix = path.suffix.lower()
    if not (path.exists() or path.is_symlink()):
        raise IngestError(f"{path}: no such file")
    if suffix not in sources.TEXT_SUFFIXES:
        raise IngestError(
            f"{path}: cannot extract text from a '{suffix or '(none)'}' file "
            f"(allowed: {', '.join(sources.TEXT_SUFFIXES)})"
        )
    try:
        data = sources.read_bounded(path)
        if suffix in (".html", ".htm"):
            found = _html(data, path)
        elif suffix == ".pdf":
            found = _pdf(data, path)
        else:
            found = _plain(data, path)
        sources.check_text_size(found.text)
    except ValueError as exc:
        raise IngestError(f"{path}: {exc}") from None
    if not found.text.strip():
        raise IngestError(f"{path}: no text found (a scanned PDF needs OCR first)")
    return found, data


def _html(raw: bytes, path: Path) -> Extracted:
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(
            raw, with_metadata=True, include_comments=False, include_tables=True
        )
    except Exception as exc:  # a page trafilatura cannot parse at all
        raise ValueError(f"not readable as HTML ({' '.join(str(exc).split())[:200]})") from None
    if doc is None or not (doc.text or "").strip():  # no main text: all the visible text
        return Extracted(sources.html_text(raw), "html", title=_clean(path.stem))
    return Extracted(
        doc.text,
        "html",
        title=_clean(doc.title),
        author=_clean(doc.author),
        publisher=_clean(doc.sitename) or _clean(doc.hostname),
        date=_stated(_date(doc.date), raw.decode("utf-8", "replace")),
        url=doc.url
        if isinstance(doc.url, str) and doc.url.startswith(("http://", "https://"))
        else None,
    )


def _pdf(data: bytes, path: Path) -> Extracted:
    text, meta = sources.pdf_document(data)
    return Extracted(
        text,
        "pdf",
        title=_clean(meta.get("/Title")) or _clean(path.stem),
        author=_clean(meta.get("/Author")),
        date=_date(meta.get("/CreationDate")),  # D:YYYYMMDD, to the day, or no date
    )


def _plain(data: bytes, path: Path) -> Extracted:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    return Extracted(text, "text", title=_clean(title(text)) or _clean(path.stem))


_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]


def _stated(date: dt.date | None, page: str) -> dt.date | None:
    """``date`` when ``page`` writes it to the day, else None (a date found from a month or a
    year alone is a guess at the day).

    The forms looked for: ``2026-03-04`` (or with ``/`` or ``.``, as in a timestamp or a URL),
    ``04.03.2026``, ``4 March 2026`` and ``March 4, 2026`` (the month written out or in three
    letters, the day with or without ``st``/``nd``/``rd``/``th``).

    Examples
    --------
    >>> day = dt.date(2024, 3, 1)
    >>> _stated(day, "Published March 2024"), _stated(day, "Published 1st March 2024")
    (None, datetime.date(2024, 3, 1))
    """
    if date is None:
        return None
    y, m, d = date.year, date.month, date.day
    month = _MONTHS[m - 1]
    name = rf"(?:{month}|{month[:3]}\.?)"
    day = rf"0?{d}(?:st|nd|rd|th)?"
    forms = [
        rf"(?<!\d){y}[-/.]{m:02d}[-/.]{d:02d}(?!\d)",
        rf"(?<!\d){d:02d}\.{m:02d}\.{y}(?!\d)",
        rf"(?<!\d){day}\s+(?:of\s+)?{name},?\s+{y}(?!\d)",
        rf"\b{name}\s+{day},?\s+{y}(?!\d)",
    ]
    found = re.search("|".join(f"(?:{f})" for f in forms), page, re.IGNORECASE)
    return date if found else None


def source_folder(case_path: Path, case_id: str) -> Path:
    """Where a case's stored source texts go by default (see the module docstring)."""
    return sources.sources_folder(case_path.resolve().parent, case_id)


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug[:48].rstrip("-") or "source"


def _check_id(ident: str, taken: set[str], case_path: Path) -> str:
    """``ident`` if it is a well-formed id the case does not use yet, else an ``IngestError``."""
    from pydantic import TypeAdapter, ValidationError

    from sat.case import Id

    try:
        ident = TypeAdapter(Id).validate_python(ident)
    except ValidationError:
        raise IngestError(
            f"--id {ident!r}: an id is a letter or digit, then letters, digits, _ . : - "
            "(at most 64 characters)"
        ) from None
    if ident in taken:
        raise IngestError(f"{case_path}: the case already has a source {ident}; give another --id")
    return ident


def _target(case_path: Path, case_id: str, folder: str | os.PathLike[str] | None) -> Path:
    """The folder the texts go to, checked to be inside the folders ``sat validate`` reads."""
    target = Path(folder) if folder is not None else source_folder(case_path, case_id)
    allowed = sources.allowed_folders(case_path.resolve().parent, case_id)
    real = Path(os.path.realpath(target))
    if not any(real == a or real.is_relative_to(a) for a in allowed):
        raise UnsafeFileError(
            f"--folder {target}: stored texts go inside the case's folder or "
            f"{os.path.relpath(allowed[1], allowed[0])}, where sat validate reads them"
        )
    for part in (real, *real.parents):
        if part.exists() and not part.is_dir():
            raise UnsafeFileError(f"--folder {target}: {part} is not a folder")
    return target


def _make_folder(folder: Path) -> list[Path]:
    """Create ``folder`` and its missing parents; returns the folders created, deepest first."""
    missing = [p for p in (folder, *folder.parents) if not p.exists()]
    folder.mkdir(parents=True, exist_ok=True)
    return missing


def _undo(created: list[Path], folders: list[Path]) -> None:
    """Remove the files, then the folders (if empty), this call created; nothing else."""
    for path in created:
        path.unlink(missing_ok=True)
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:  # not empty (another writer's file) or gone: left as it is
            break


def add_source(
    case_path: str | os.PathLike[str],
    file: str | os.PathLike[str],
    *,
    source_id: str | None = None,
    folder: str | os.PathLike[str] | None = None,
    reliability: str | None = None,
    reason: str | None = None,
) -> AddedSource:
    """Extract a document's text, store it beside the case and add an ungraded source entry.

    Parameters
    ----------
    case_path : path
        The YAML case file; it is edited in place (atomically, with a ``.bak``).
    file : path
        The saved document (HTML, PDF, text or Markdown).
    source_id : str, optional
        The new source's id (default: the first free ``S<n>``).
    folder : path, optional
        Where to store the text (default: ``source_folder``); inside the case's folder or
        its sources folder.
    reliability, reason : str, optional
        The analyst's Admiralty grade (A–F) and the one line saying why, given
        together; left out, the source is added ungraded.

    Raises
    ------
    IngestError
        When the document yields no text, or the id is malformed or taken.
    UnsafeFileError
        When ``folder`` is outside the case's folders.
    CaseError
        When the case file itself is invalid, or the new entry is (a grade outside A–F).
    """
    from sat.io.document import CaseDocument

    case_path = Path(case_path)
    doc = CaseDocument(case_path)
    case = doc.case
    taken = {s.id for s in case.sources}
    ident = _check_id(source_id or next_id(taken, "S"), taken, case_path)
    if (reliability is None) != (reason is None):
        raise IngestError("give the grade and its reason together (--reliability B --reason '...')")
    target = _target(case_path, case.id, folder)
    found, data = _extract(Path(file))
    text = (found.text if found.text.endswith("\n") else found.text + "\n").encode("utf-8")
    if len(text) > sources.MAX_TEXT_BYTES:
        raise IngestError(f"{file}: more than {sources.MAX_TEXT_BYTES:,} bytes of text, the limit")
    stem = f"{ident.replace(':', '-')}-{_slug(found.title or Path(file).stem)}"
    entry: dict[str, Any] = {"id": ident, "title": found.title or Path(file).stem}
    entry |= {k: getattr(found, k) for k in ("author", "publisher", "date", "url")}
    entry = {k: v for k, v in entry.items() if v is not None}
    notes = (
        ()
        if found.date is not None
        else (
            f"{ident}: {Path(file).name} states no publication date to the day; date left out "
            "(add `date:` if you know it)",
        )
    )
    folders = _make_folder(target)
    created: list[Path] = []
    try:
        text_file = write_new(target / f"{stem}.txt", text)
        created.append(text_file)
        original = None
        if found.kind != "text":  # the bytes the text came from, as read once
            original = write_new(text_file.with_suffix(Path(file).suffix.lower()), data)
            created.append(original)
        relative = os.path.relpath(text_file, case_path.resolve().parent)
        entry["file"] = relative.replace(os.sep, "/")
        entry["sha256"] = hashlib.sha256(text).hexdigest()
        if reliability is not None:
            entry["reliability"] = reliability.strip().upper()
            entry["reliability_reason"] = reason
        doc.add_source(**entry)  # validated before it is kept: a bad grade is refused here
        doc.save()
    except BaseException:  # nothing half-done: what this call created goes, nothing else
        _undo(created, folders)
        raise
    return AddedSource(ident, entry, text_file, original, found, notes)
