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
* **Text and Markdown**: the file as written; the first line is the title.

The text is stored as UTF-8 in ``<id>-<slug>.txt`` and, for HTML and PDF, the
original is kept beside it under the same name with its own suffix, so that what
the text came from can be checked. The default folder is ``sources/<case id>/``
next to the case file's folder when that folder is called ``cases`` (the
project's ``data/cases`` and ``data/sources`` layout), and ``sources/<case id>/``
inside it otherwise.

References
----------
.. [1] A. Barbaresi, "Trafilatura: A Web Scraping Library and Command-Line Tool for
   Text Discovery and Extraction", *ACL System Demonstrations*, 2021.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sat.errors import CaseError, SatError
from sat.io.files import write_atomic
from sat.io.sources import digest

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
    """What ``add_source`` did: the new entry and where its text went."""

    id: str
    entry: dict[str, Any]
    text_file: Path
    original: Path | None
    extracted: Extracted

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
        When the file is missing, of another type, unreadable, or holds no text.
    """
    path = Path(path)
    if not path.is_file():
        raise IngestError(f"{path}: no such file")
    suffix = path.suffix.lower()
    if suffix in (".html", ".htm"):
        found = _html(path)
    elif suffix == ".pdf":
        found = _pdf(path)
    elif suffix in (".txt", ".md", ".markdown"):
        found = _plain(path)
    else:
        raise IngestError(
            f"{path}: cannot extract text from a '{suffix or '(none)'}' file "
            "(allowed: .html, .htm, .pdf, .txt, .md)"
        )
    if not found.text.strip():
        raise IngestError(f"{path}: no text found (a scanned PDF needs OCR first)")
    return found


def _html(path: Path) -> Extracted:
    import trafilatura

    raw = path.read_bytes()
    try:
        doc = trafilatura.bare_extraction(
            raw, with_metadata=True, include_comments=False, include_tables=True
        )
    except (ValueError, TypeError) as exc:  # a page trafilatura cannot parse at all
        raise IngestError(f"{path}: not readable as HTML ({exc})") from None
    if doc is None or not (doc.text or "").strip():
        from sat.io.sources import html_text  # no main text found: fall back to all visible text

        try:
            text = html_text(raw)
        except ValueError as exc:
            raise IngestError(f"{path}: {exc}") from None
        return Extracted(text, "html", title=_clean(path.stem))
    return Extracted(
        doc.text,
        "html",
        title=_clean(doc.title),
        author=_clean(doc.author),
        publisher=_clean(doc.sitename) or _clean(doc.hostname),
        date=_date(doc.date),
        url=doc.url
        if isinstance(doc.url, str) and doc.url.startswith(("http://", "https://"))
        else None,
    )


def _pdf(path: Path) -> Extracted:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(path)
        text = "\n".join(page.extract_text() or "" for page in reader.pages)
        meta = reader.metadata or {}
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise IngestError(f"{path}: not readable as PDF ({exc})") from None
    return Extracted(
        text,
        "pdf",
        title=_clean(meta.get("/Title")) or _clean(path.stem),
        author=_clean(meta.get("/Author")),
        date=_date(meta.get("/CreationDate")),
    )


def _plain(path: Path) -> Extracted:
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise IngestError(f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    first = next(
        (line.strip().lstrip("#").strip() for line in text.splitlines() if line.strip()), ""
    )
    return Extracted(text, "text", title=_clean(first) or _clean(path.stem))


def source_folder(case_path: Path, case_id: str) -> Path:
    """Where a case's stored source texts go by default (see the module docstring)."""
    folder = case_path.resolve().parent
    root = folder.parent if folder.name == "cases" else folder
    return root / "sources" / case_id


def _next_id(taken: set[str]) -> str:
    n = 1
    while f"S{n}" in taken:
        n += 1
    return f"S{n}"


def _slug(text: str) -> str:
    slug = re.sub(r"[^A-Za-z0-9]+", "-", text).strip("-").lower()
    return slug[:48].rstrip("-") or "source"


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
        Where to store the text (default: ``source_folder``).
    reliability, reason : str, optional
        The analyst's Admiralty grade (A–F) and the one line saying why, given
        together; left out, the source is added ungraded.

    Raises
    ------
    IngestError
        When the document yields no text, or the id is taken.
    CaseError
        When the case file itself is invalid.
    """
    from sat.io.document import CaseDocument

    case_path = Path(case_path)
    doc = CaseDocument(case_path)
    case = doc.case
    taken = {s.id for s in case.sources}
    ident = source_id or _next_id(taken)
    if ident in taken:
        raise IngestError(f"{case_path}: the case already has a source {ident}; give another --id")
    if (reliability is None) != (reason is None):
        raise IngestError("give the grade and its reason together (--reliability B --reason '...')")
    found = extract(file)
    target = Path(folder) if folder is not None else source_folder(case_path, case.id)
    target.mkdir(parents=True, exist_ok=True)
    stem = f"{ident}-{_slug(found.title or Path(file).stem)}"
    text_file = target / f"{stem}.txt"
    original = None
    write_atomic(text_file, found.text if found.text.endswith("\n") else found.text + "\n")
    if found.kind != "text":
        original = target / f"{stem}{Path(file).suffix.lower()}"
        shutil.copyfile(file, original)
    entry: dict[str, Any] = {"id": ident, "title": found.title or Path(file).stem}
    for key in ("author", "publisher", "date", "url"):
        value = getattr(found, key)
        if value is not None:
            entry[key] = value
    entry["file"] = os.path.relpath(text_file, case_path.resolve().parent).replace(os.sep, "/")
    entry["sha256"] = digest(text_file)
    if reliability is not None:
        entry["reliability"] = reliability.strip().upper()
        entry["reliability_reason"] = reason
    try:
        doc.add_source(**entry)  # validated before it is kept: a bad grade is refused here
    except CaseError:  # nothing half-written: the stored files go too
        text_file.unlink(missing_ok=True)
        if original is not None:
            original.unlink(missing_ok=True)
        raise
    doc.save()
    return AddedSource(ident, entry, text_file, original, found)
