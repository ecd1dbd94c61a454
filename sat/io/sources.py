"""Stored source texts: reading them, checking their digests, and finding the quotes evidence rests on.

A source may keep its text beside the case (``file:``, a path relative to the
case file) with the SHA-256 digest of that file (``sha256:``). An evidence item
may carry ``quote:``, the words of its sources it rests on. ``verify`` reads
every stored text once and answers, for the case:

* which stored files are missing, unreadable, or no longer match their digest;
* which quotes occur in the text of one of the item's own sources, and for those
  that do not, the closest passage found and how similar it is;
* which items carry no quote, and which rest on no stored text at all.

Texts are compared after ``normalise``: Unicode compatibility forms, typographic
quotes and dashes made plain, soft hyphens and zero-width characters dropped,
and runs of whitespace made one space. Case is kept: a quote is the source's
words, not a paraphrase of them. Text is taken from plain text and Markdown as
written, from HTML as its visible text (scripts, styles and markup dropped),
and from PDF page by page.

References
----------
.. [1] NATO, *AJP-2.1*, and US Army, *FM 2-22.3*, appendix B: a report is graded
   on its source's reliability and on the credibility of the information itself,
   which needs the information's own words to hand.
"""

from __future__ import annotations

import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any

from sat.case import Case

__all__ = [
    "TEXT_SUFFIXES",
    "Provenance",
    "QuoteCheck",
    "StoredSource",
    "digest",
    "normalise",
    "read_text",
    "verify",
]

#: File types a source's stored text may have, by suffix.
TEXT_SUFFIXES = (".txt", ".md", ".markdown", ".html", ".htm", ".pdf")
#: Below this similarity the closest passage is not worth showing.
SHOW_CLOSEST = 0.5

_PLAIN = str.maketrans(
    {
        "\u2018": "'",
        "\u2019": "'",
        "\u201a": "'",
        "\u201b": "'",
        "\u2032": "'",
        "\u00b4": "'",
        "`": "'",
        "\u201c": '"',
        "\u201d": '"',
        "\u201e": '"',
        "\u201f": '"',
        "\u2033": '"',
        "\u00ab": '"',
        "\u00bb": '"',
        "\u2010": "-",
        "\u2011": "-",
        "\u2012": "-",
        "\u2013": "-",
        "\u2014": "-",
        "\u2015": "-",
        "\u2212": "-",
        "\u2026": "...",
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero-width space
        "\u200c": None,
        "\u200d": None,
        "\u2060": None,
        "\ufeff": None,
    }
)
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as quotes are compared: plain quotes and dashes, one space between words.

    Examples
    --------
    >>> normalise("“Japan  alone” –\\n a\\u00adnalysts’ view…")
    '"Japan alone" - analysts\\' view...'
    """
    text = unicodedata.normalize("NFKC", text).translate(_PLAIN)
    return _SPACE.sub(" ", text).strip()


def digest(path: Path) -> str:
    """The SHA-256 digest of a file, as 64 lowercase hexadecimal digits."""
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


def read_text(path: Path) -> str:
    """The text of a stored source: plain text and Markdown as written, HTML's visible text, PDF's.

    Raises
    ------
    ValueError
        When the file type is not one of ``TEXT_SUFFIXES`` or the file cannot be read
        as that type (the message says which).
    """
    suffix = path.suffix.lower()
    if suffix not in TEXT_SUFFIXES:
        raise ValueError(
            f"cannot read text from a '{suffix or '(none)'}' file (allowed: {', '.join(TEXT_SUFFIXES)})"
        )
    data = path.read_bytes()
    if suffix == ".pdf":
        return _pdf_text(data)
    if suffix in (".html", ".htm"):
        return html_text(data)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ValueError(f"not UTF-8 text (byte {exc.start}); save it as UTF-8") from None


#: Elements whose text a reader never sees.
_HIDDEN = ("script", "style", "noscript", "template", "head", "svg", "iframe", "object")
#: Elements that end a line of text.
_BLOCKS = frozenset(
    [
        "p",
        "div",
        "br",
        "li",
        "ul",
        "ol",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "tr",
        "table",
        "section",
        "article",
        "header",
        "footer",
        "blockquote",
        "pre",
        "figcaption",
        "dd",
        "dt",
    ]
)


def html_text(data: bytes | str) -> str:
    """The visible text of an HTML page, a line per block element (no script, style or markup)."""
    import lxml.html

    try:
        root = lxml.html.document_fromstring(data)
    except (ValueError, lxml.etree.ParserError) as exc:
        raise ValueError(f"not readable as HTML ({exc})") from None
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


def _pdf_text(data: bytes) -> str:
    import io

    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        return "\n".join(page.extract_text() or "" for page in reader.pages)
    except (PdfReadError, ValueError, KeyError, OSError) as exc:
        raise ValueError(f"not readable as PDF ({exc})") from None


@dataclass(frozen=True)
class StoredSource:
    """One source's stored text and what was found checking it.

    ``status`` is ``ok``, ``unrecorded`` (readable, no ``sha256`` recorded),
    ``missing``, ``changed`` (the digest differs), ``unreadable`` or ``not
    stored`` (no ``file``). ``text`` is the normalised text when it could be read.
    """

    id: str
    file: str | None
    path: Path | None
    status: str
    detail: str = ""
    sha256: str | None = None
    text: str = field(default="", repr=False)

    @property
    def readable(self) -> bool:
        return self.status in ("ok", "unrecorded", "changed")


@dataclass(frozen=True)
class QuoteCheck:
    """One quote of one evidence item: where it was found, or the closest passage instead."""

    evidence: str
    position: int  # index in the item's quotes
    quote: str
    found_in: str | None
    checked: tuple[str, ...]  # the sources whose stored text was searched
    closest: str | None = None
    similarity: float | None = None

    @property
    def found(self) -> bool:
        return self.found_in is not None


@dataclass(frozen=True)
class Provenance:
    """What ties each evidence item to its sources' words (the result of ``verify``)."""

    sources: tuple[StoredSource, ...]
    quotes: tuple[QuoteCheck, ...]
    #: Items (not assumptions) resting on a stored, readable source, with no quote.
    unquoted: tuple[str, ...]
    #: Items (not assumptions) none of whose sources stores its text.
    unstored: tuple[str, ...]

    @cached_property
    def by_source(self) -> dict[str, StoredSource]:
        return {s.id: s for s in self.sources}

    @property
    def not_found(self) -> tuple[QuoteCheck, ...]:
        return tuple(q for q in self.quotes if not q.found)

    @property
    def verified(self) -> tuple[str, ...]:
        """Items all of whose quotes were found in their sources' stored text."""
        items: dict[str, bool] = {}
        for q in self.quotes:
            items[q.evidence] = items.get(q.evidence, True) and q.found
        return tuple(e for e, ok in items.items() if ok)

    def quotes_of(self, evidence_id: str) -> tuple[QuoteCheck, ...]:
        return tuple(q for q in self.quotes if q.evidence == evidence_id)

    def problems(self, case: Case) -> list[tuple[tuple, str]]:
        """Located problems (field location, message): missing or changed files, quotes not found."""
        out: list[tuple[tuple, str]] = []
        index = {s.id: i for i, s in enumerate(case.sources)}
        for s in self.sources:
            at = ("sources", index[s.id])
            if s.status == "missing":
                out.append(((*at, "file"), f"{s.id}'s stored text {s.file} does not exist"))
            elif s.status == "unreadable":
                out.append(((*at, "file"), f"{s.id}'s stored text {s.file}: {s.detail}"))
            elif s.status == "changed":
                out.append(
                    (
                        (*at, "sha256"),
                        f"{s.file} no longer matches the digest recorded for {s.id} (it is now "
                        f"{s.sha256}): check what changed, then record the new digest",
                    )
                )
        evidence = {e.id: i for i, e in enumerate(case.evidence)}
        for q in self.not_found:
            at = ("evidence", evidence[q.evidence], "quote", q.position)
            if not q.checked:
                out.append(
                    (
                        at,
                        f"cannot check {q.evidence}'s quote: none of its sources "
                        f"({', '.join(case.item(q.evidence).sources) or 'none cited'}) stores a "
                        "readable text (file:)",
                    )
                )
                continue
            message = f"not found in the text of {' or '.join(q.checked)}"
            if q.closest is not None:
                message += (
                    f"; the closest passage ({q.similarity:.0%} similar) is \u201c{q.closest}\u201d"
                )
            out.append((at, message))
        return out

    def notes(self, case: Case) -> list[tuple[tuple, str]]:
        """Located remarks that do not make the case wrong: digests to record, ungraded sources."""
        out: list[tuple[tuple, str]] = []
        ungraded = [(i, s.id) for i, s in enumerate(case.sources) if s.reliability is None]
        if ungraded:
            out.append(
                (
                    ("sources", ungraded[0][0], "reliability"),
                    f"ungraded (no reliability yet): {', '.join(s for _, s in ungraded)}; "
                    "give each an Admiralty grade A-F and a reliability_reason",
                )
            )
        for i, s in enumerate(case.sources):
            stored = self.by_source.get(s.id)
            if stored is not None and stored.status == "unrecorded":
                out.append(
                    (
                        ("sources", i, "sha256"),
                        f"record `sha256: {stored.sha256}` so a change to {s.file} is caught",
                    )
                )
        return out

    def to_dict(self) -> dict[str, Any]:
        return {
            "sources": [
                {
                    "id": s.id,
                    "file": s.file,
                    "status": s.status,
                    "detail": s.detail,
                    "sha256": s.sha256,
                }
                for s in self.sources
            ],
            "quotes": [
                {
                    "evidence": q.evidence,
                    "quote": q.quote,
                    "found_in": q.found_in,
                    "checked": list(q.checked),
                    "closest": q.closest,
                    "similarity": q.similarity,
                }
                for q in self.quotes
            ],
            "verified": list(self.verified),
            "unquoted": list(self.unquoted),
            "unstored": list(self.unstored),
        }


def stored_source(source: Any, base: Path) -> StoredSource:
    """Read one source's stored text (if it has one) and compare its digest."""
    if not source.file:
        return StoredSource(source.id, None, None, "not stored")
    path = (base / source.file).resolve()
    if not path.is_file():
        return StoredSource(source.id, source.file, path, "missing")
    actual = digest(path)
    try:
        text = normalise(read_text(path))
    except (ValueError, OSError) as exc:
        return StoredSource(source.id, source.file, path, "unreadable", str(exc), actual)
    if source.sha256 is None:
        status = "unrecorded"
    else:
        status = "ok" if source.sha256.lower() == actual else "changed"
    return StoredSource(source.id, source.file, path, status, "", actual, text)


def closest_passage(quote: str, text: str) -> tuple[str, float]:
    """The passage of ``text`` most like ``quote`` and its similarity (0–1), by edit distance.

    Uses RapidFuzz's partial-ratio alignment (the best-matching window of the
    text), widened to whole words.
    """
    from rapidfuzz import fuzz

    hit = fuzz.partial_ratio_alignment(quote, text)
    start, end = hit.dest_start, hit.dest_end
    while start > 0 and not text[start - 1].isspace():
        start -= 1
    while end < len(text) and not text[end].isspace():
        end += 1
    return text[start:end].strip(), hit.score / 100


def verify(case: Case, base: Path | str) -> Provenance:
    """Check a case's stored sources and quotes against the files beside it.

    Parameters
    ----------
    case : Case
        The validated case.
    base : path
        The folder its ``file:`` paths are relative to (the case file's own).

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> found = verify(load_case(EXAMPLE_CASE), EXAMPLE_CASE.parent)
    >>> found.not_found
    ()
    """
    base = Path(base)
    stored = {s.id: stored_source(s, base) for s in case.sources}
    quotes: list[QuoteCheck] = []
    unquoted: list[str] = []
    unstored: list[str] = []
    for item in case.evidence:
        readable = [s for s in item.sources if s in stored and stored[s].readable]
        if item.type != "assumption":
            if not readable:
                unstored.append(item.id)
            elif not item.quote:
                unquoted.append(item.id)
        for position, quote in enumerate(item.quote):
            quotes.append(_check(item.id, position, quote, readable, stored))
    return Provenance(tuple(stored.values()), tuple(quotes), tuple(unquoted), tuple(unstored))


def _check(
    evidence: str,
    position: int,
    quote: str,
    readable: list[str],
    stored: Mapping[str, StoredSource],
) -> QuoteCheck:
    wanted = normalise(quote)
    for s in readable:
        if wanted and wanted in stored[s].text:
            return QuoteCheck(evidence, position, quote, s, tuple(readable))
    best: tuple[str, float] | None = None
    for s in readable:
        passage, score = closest_passage(wanted, stored[s].text)
        if best is None or score > best[1]:
            best = (passage, score)
    if best is None or best[1] < SHOW_CLOSEST:
        return QuoteCheck(evidence, position, quote, None, tuple(readable))
    return QuoteCheck(evidence, position, quote, None, tuple(readable), best[0], best[1])
