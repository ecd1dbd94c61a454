"""Reading a stored document's text, bounded: plain text and Markdown as written, HTML's visible
text, PDF's page by page.

Only regular files of a ``TEXT_SUFFIXES`` type are read, each bounded while
reading: ``MAX_TEXT_BYTES`` of plain text, Markdown or HTML, ``MAX_PDF_BYTES`` of
PDF, and ``MAX_TEXT_BYTES`` of text taken from any of them; a PDF stream is
decompressed to at most ``MAX_PDF_STREAM`` bytes (a compression bomb stops
there). A file that breaks a limit, or that its parser cannot read, is a
``ValueError`` in one line saying what is wrong. ``sat.io.sources`` (the stored
texts of a case, checked to stay inside its folders) and ``sat.io.ingest`` (a new
article brought in) both read through here.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from sat.errors import CaseError
from sat.io import files

__all__ = [
    "MAX_PDF_BYTES",
    "MAX_PDF_STREAM",
    "MAX_TEXT_BYTES",
    "TEXT_SUFFIXES",
    "check_text_size",
    "html_text",
    "pdf_document",
    "read_bounded",
    "read_text",
    "suffix_problem",
    "text_of",
]

#: File types a source's stored text may have, by suffix.
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
#: Largest stored plain text, Markdown or HTML file read, and most text (UTF-8) taken from a source.
MAX_TEXT_BYTES = 20 * 2**20
#: Largest stored PDF read, in bytes.
MAX_PDF_BYTES = 50 * 2**20
#: Most bytes one PDF stream is decompressed to (a compression bomb is refused there).
MAX_PDF_STREAM = 20 * 2**20


def suffix_problem(path: Path) -> str | None:
    """Why text cannot be taken from a file of this type, or None when it can."""
    suffix = path.suffix.lower()
    if suffix in TEXT_SUFFIXES:
        return None
    return (
        f"cannot read text from a '{suffix or '(none)'}' file (allowed: {', '.join(TEXT_SUFFIXES)})"
    )


def read_bounded(path: Path) -> bytes:
    """The bytes of a regular file of a ``TEXT_SUFFIXES`` type, read up to ``MAX_PDF_BYTES`` for a
    PDF and ``MAX_TEXT_BYTES`` for the others.

    Raises
    ------
    ValueError
        When the type is not allowed, the file is not a regular file (a FIFO, a device, a folder:
        refused before it is opened), cannot be read, or is over the limit.
    """
    why = suffix_problem(path)
    if why is not None:
        raise ValueError(why)
    limit = MAX_PDF_BYTES if path.suffix.lower() == ".pdf" else MAX_TEXT_BYTES
    try:
        return files.read_bytes(path, str(path), limit)
    except CaseError as exc:
        raise ValueError("; ".join(p.message for p in exc.problems)) from None


def text_of(data: bytes, suffix: str) -> str:
    """The text of a stored file's bytes by its type: plain text and Markdown as written, HTML's
    visible text, PDF's; at most ``MAX_TEXT_BYTES`` of it.

    Raises
    ------
    ValueError
        When the bytes cannot be read as that type, or hold more text than the limit.
    """
    suffix = suffix.lower()
    if suffix == ".pdf":
        text = pdf_document(data)[0]
    elif suffix in (".html", ".htm"):
        text = html_text(data)
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ValueError(f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None
    check_text_size(text)
    return text


def check_text_size(text: str) -> None:
    """Refuse (``ValueError``) text over ``MAX_TEXT_BYTES`` as UTF-8."""
    if len(text) > MAX_TEXT_BYTES or len(text.encode("utf-8")) > MAX_TEXT_BYTES:
        raise ValueError(f"holds more than {MAX_TEXT_BYTES:,} bytes of text, the limit")


def read_text(path: Path) -> str:
    """The text of a stored source: plain text and Markdown as written, HTML's visible text, PDF's.

    Read bounded (``read_bounded``); for the text of a case's source, ``verify`` also checks
    that its ``file:`` stays inside the case's folders.

    Raises
    ------
    ValueError
        When the file type is not one of ``TEXT_SUFFIXES``, the file is not a regular file or is
        over its limit, or it cannot be read as that type (the message says which).
    """
    return text_of(read_bounded(Path(path)), Path(path).suffix)


#: Elements whose text a reader never sees.
_HIDDEN = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
#: Elements that end a line of text.
_BLOCKS = frozenset(["p", "div", "br", "li", "ul", "ol", "tr", "table", "pre", "dd", "dt"]) | {
    *("h1", "h2", "h3", "h4", "h5", "h6", "section", "article", "header", "footer"),
    *("blockquote", "figcaption"),
}


def html_text(data: bytes | str) -> str:
    """The visible text of an HTML page, a line per block element (no script, style or markup)."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(data)
    except (ValueError, lxml.etree.LxmlError) as exc:
        raise ValueError(f"not readable as HTML ({' '.join(str(exc).split())[:200]})") from None
    for element in list(root.iter(*_HIDDEN)):
        if element.getparent() is not None:
            element.drop_tree()
    parts: list[str] = []
    for element in root.iter():
        if not isinstance(element.tag, str):
            if element.tail:
                parts.append(element.tail)
            continue
        if element.tag in _BLOCKS:
            parts.append("\n")
        if element.text:
            parts.append(element.text)
        if element.tail:
            parts.append(element.tail)
    lines = ("".join(parts)).split("\n")
    return "\n".join(" ".join(line.split()) for line in lines if line.strip())


@contextlib.contextmanager
def _pdf_limits() -> Iterator[None]:
    """pypdf bounded for untrusted files: streams decompressed to ``MAX_PDF_STREAM`` at most
    (where the installed pypdf can be configured so) and its log of repairs kept quiet."""
    import logging

    import pypdf

    known = getattr(getattr(pypdf, "Configuration", None), "__dataclass_fields__", {})
    limits = {k: MAX_PDF_STREAM for k in known if k.endswith("output_length")}
    apply = getattr(pypdf, "apply_configuration", None)  # pypdf 7; before it, its own limits
    bounded = apply(**limits) if apply is not None else contextlib.nullcontext()
    log = logging.getLogger("pypdf")
    level = log.level
    log.setLevel(logging.CRITICAL)
    try:
        with bounded:
            yield
    finally:
        log.setLevel(level)


def pdf_document(data: bytes) -> tuple[str, Mapping[str, Any]]:
    """A PDF's text, page by page, and its document information (title, author, dates).

    Raises
    ------
    ValueError
        In one line, whatever is wrong: a damaged or unsupported file (pypdf raises many kinds
        of error on those), a stream that decompresses past ``MAX_PDF_STREAM``, or more than
        ``MAX_TEXT_BYTES`` of text.
    """
    import io

    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError

    pages: list[str] = []
    size = 0
    try:
        with _pdf_limits():
            reader = PdfReader(io.BytesIO(data))
            meta = dict(reader.metadata or {})
            for page in reader.pages:
                pages.append(page.extract_text() or "")
                size += len(pages[-1])
                if size > MAX_TEXT_BYTES:
                    break
    except LimitReachedError:
        raise ValueError(
            f"not readable as PDF: part of it expands past the limit of {MAX_PDF_STREAM:,} bytes"
        ) from None
    except RecursionError:
        raise ValueError("not readable as PDF: its structure is nested too deeply") from None
    except Exception as exc:  # a damaged file makes pypdf raise anything
        detail = " ".join(str(exc).split())[:200] or type(exc).__name__
        raise ValueError(f"not readable as PDF (damaged or unsupported: {detail})") from None
    text = "\n".join(pages)
    check_text_size(text)
    return text, meta
