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
and runs of whitespace made one space (so a quote matches across the text's line
breaks; a line broken after a hyphen inside a word, ``rare-`` then ``earth``,
reads ``rare-earth``). Case is kept: a quote is the source's words, not a paraphrase of them.
``StoredSource.holds`` is the one test of whether a quote is in a source's text.
What is compared is normalised; what is stored is not: a quote keeps the
characters it was written with, and a passage ``sat quotes`` proposes keeps the
source's own (``sat.io.quotes``). Text is taken from plain text and Markdown as
written, from HTML as its visible text (scripts, styles and markup dropped),
and from PDF page by page.

A case file may come from someone else, so what ``file:`` may name is bounded
(docs/security.md). It is a relative path that resolves, after following links,
inside one of two folders: the case file's own folder, or the case's sources
folder (``sources_folder``: ``sources/<case id>/`` beside a folder called
``cases``, the project's ``data/cases`` and ``data/sources`` layout, and
``sources/<case id>/`` inside the case's folder otherwise, which is already
inside it). Anything else (an absolute path, a ``..`` or a link leading out,
in the ``cases`` layout another case's sources, a FIFO, a device or a folder, a type not in
``TEXT_SUFFIXES``) is refused before a byte of it is read, and ``sat validate``
reports it on the source's ``file`` line. Only regular files are read, each
bounded while reading (``sat.io.texts``: ``MAX_TEXT_BYTES`` of plain text,
Markdown or HTML, ``MAX_PDF_BYTES`` of PDF, ``MAX_TEXT_BYTES`` of text taken
from any of them, a PDF stream decompressed to at most ``MAX_PDF_STREAM``
bytes). A file that breaks a limit, or that its parser cannot read, is one
located problem naming the file and what is wrong. ``verify`` is the one
reader of stored texts: the quote check, ``sat quotes``, the brief's found / not
found and the workbook's Quotes tab all take their text from it.

References
----------
.. [1] NATO, *AJP-2.1*, and US Army, *FM 2-22.3*, appendix B: a report is graded
   on its source's reliability and on the credibility of the information itself,
   which needs the information's own words to hand.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path, PurePosixPath, PureWindowsPath
from typing import Any

from sat.case import Case
from sat.io import files
from sat.io.sentences import HYPHEN_BREAK
from sat.io.texts import (
    MAX_PDF_BYTES,
    MAX_PDF_STREAM,
    MAX_TEXT_BYTES,
    TEXT_SUFFIXES,
    check_text_size,
    html_text,
    pdf_document,
    read_bounded,
    read_text,
    suffix_problem,
    text_of,
)

__all__ = [
    "MAX_PDF_BYTES",
    "MAX_PDF_STREAM",
    "MAX_TEXT_BYTES",
    "TEXT_SUFFIXES",
    "Provenance",
    "QuoteCheck",
    "StoredSource",
    "check_text_size",
    "digest",
    "html_text",
    "normalise",
    "pdf_document",
    "read_bounded",
    "read_text",
    "sources_folder",
    "suffix_problem",
    "text_of",
    "verify",
]

#: Below this similarity the closest passage is not worth showing.
SHOW_CLOSEST = 0.5

#: Typographic quotes, primes and dashes made plain; soft hyphens and zero-width characters dropped.
_PLAIN = str.maketrans(
    "\u2018\u2019\u201a\u201b\u2032\u00b4`\u201c\u201d\u201e\u201f\u2033\u00ab\u00bb"
    "\u2010\u2011\u2012\u2013\u2014\u2015\u2212",
    "'" * 7 + '"' * 7 + "-" * 7,
    "\u00ad\u200b\u200c\u200d\u2060\ufeff",
) | {ord("\u2026"): "..."}
_SPACE = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as quotes are compared: plain quotes and dashes, one space between words, and a line
    broken after a hyphen inside a word joined (``sat.io.sentences.HYPHEN_BREAK``).

    Examples
    --------
    >>> normalise("“Japan  alone” –\\n a\\u00adnalysts’ view…")
    '"Japan alone" - analysts\\' view...'
    """
    text = unicodedata.normalize("NFKC", HYPHEN_BREAK.sub("", text)).translate(_PLAIN)
    return _SPACE.sub(" ", text).strip()


def digest(path: Path) -> str:
    """The SHA-256 digest of a file, as 64 lowercase hexadecimal digits."""
    sha = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            sha.update(block)
    return sha.hexdigest()


@dataclass(frozen=True)
class StoredSource:
    """One source's stored text and what was found checking it.

    ``status`` is ``ok``, ``unrecorded`` (readable, no ``sha256`` recorded),
    ``missing``, ``changed`` (the digest differs), ``unreadable``, ``refused``
    (``file`` names something sat may not read: nothing of it was read) or
    ``not stored`` (no ``file``). ``text`` is the normalised text when it could
    be read, ``raw`` the same text as extracted (its line breaks kept).
    """

    id: str
    file: str | None
    path: Path | None
    status: str
    detail: str = ""
    sha256: str | None = None
    text: str = field(default="", repr=False)
    raw: str = field(default="", repr=False)

    @property
    def readable(self) -> bool:
        return self.status in ("ok", "unrecorded", "changed")

    def holds(self, quote: str) -> bool:
        """Whether ``quote`` is in this source's text: the one test of it, which the quote check,
        ``sat quotes`` and the workbook all use.

        Both are compared ``normalise``d, so a quote matches across the text's line breaks and
        with plain quotes and dashes for typographic ones; the words and their case must match.

        Examples
        --------
        >>> text = "Tokyo said the curbs target Japan \\u2014 alone.\\nBeijing said"
        >>> held = StoredSource("S1", "a.txt", None, "ok", text=normalise(text), raw=text)
        >>> held.holds("Japan - alone. Beijing"), held.holds("Japan alone"), held.holds(" ")
        (True, False, False)
        """
        wanted = normalise(quote)
        return bool(wanted) and wanted in self.text


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
    def unusable(self) -> tuple[StoredSource, ...]:
        """Sources whose stored text is missing, refused or unreadable."""
        return tuple(s for s in self.sources if s.status in ("missing", "refused", "unreadable"))

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
            elif s.status in ("unreadable", "refused"):
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


def sources_folder(folder: Path, case_id: str) -> Path:
    """The sources folder of the case ``case_id`` kept in ``folder`` (see the module docstring).

    Examples
    --------
    >>> sources_folder(Path("/p/data/cases"), "c1").as_posix()
    '/p/data/sources/c1'
    >>> sources_folder(Path("/p/work"), "c1").as_posix()
    '/p/work/sources/c1'
    """
    root = folder.parent if folder.name == "cases" else folder
    return root / "sources" / case_id


def allowed_folders(base: Path, case_id: str) -> tuple[Path, ...]:
    """The folders a case kept in ``base`` may read stored texts from, links resolved."""
    real = Path(os.path.realpath(base))
    return (real, Path(os.path.realpath(sources_folder(real, case_id))))


def _inside(path: Path, folders: tuple[Path, ...]) -> bool:
    return any(path == folder or path.is_relative_to(folder) for folder in folders)


def resolve(file: str, base: Path, folders: tuple[Path, ...]) -> Path:
    """The file a source's ``file:`` names, links resolved, checked without opening it.

    Parameters
    ----------
    file : str
        The ``file:`` as written in the case.
    base : path
        The case file's folder (``file`` is relative to it).
    folders : tuple of paths
        Where stored texts may be (``allowed_folders``).

    Raises
    ------
    ValueError
        Saying what is allowed, when ``file`` is absolute, leads outside ``folders`` (by ``..``
        or a link), is not of a ``TEXT_SUFFIXES`` type, or is not a regular file.
    """
    shown = [
        "the case's folder" if k == 0 else os.path.relpath(f, folders[0]).replace(os.sep, "/")
        for k, f in enumerate(folders)
    ]
    allowed = f"give a path relative to the case file, inside {' or '.join(shown)}"
    given_windows = PureWindowsPath(file)
    if PurePosixPath(file).is_absolute() or given_windows.drive or given_windows.root:
        raise ValueError(f"refused: an absolute path; {allowed}")
    if file.startswith("~"):
        raise ValueError(f"refused: a path from a home folder; {allowed}")
    why = suffix_problem(Path(file))
    if why is not None:
        raise ValueError(why)
    path = Path(os.path.realpath(Path(base) / file))
    if not _inside(path, folders):
        raise ValueError(f"refused: it leads outside the folders sat reads texts from; {allowed}")
    why = files.not_regular(path)
    if why is not None:
        raise ValueError(f"refused: it {why}")
    return path


def stored_source(source: Any, base: Path, folders: tuple[Path, ...]) -> StoredSource:
    """Read one source's stored text (if it has one), checked first (``resolve``), and compare
    its digest; the digest and the text come from the same bounded read."""
    if not source.file:
        return StoredSource(source.id, None, None, "not stored")
    try:
        path = resolve(source.file, base, folders)
    except ValueError as exc:
        return StoredSource(source.id, source.file, None, "refused", str(exc))
    if not path.exists():
        return StoredSource(source.id, source.file, path, "missing")
    actual = None
    try:
        data = read_bounded(path)
        actual = hashlib.sha256(data).hexdigest()
        raw = text_of(data, path.suffix)
    except ValueError as exc:
        return StoredSource(source.id, source.file, path, "unreadable", str(exc), actual)
    del data
    if source.sha256 is None:
        status = "unrecorded"
    else:
        status = "ok" if source.sha256.lower() == actual else "changed"
    return StoredSource(source.id, source.file, path, status, "", actual, normalise(raw), raw)


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
        The folder its ``file:`` paths are relative to (the case file's own). Only files
        inside it or the case's ``sources_folder`` are read (``resolve``).

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> found = verify(load_case(EXAMPLE_CASE), EXAMPLE_CASE.parent)
    >>> found.not_found
    ()
    """
    base = Path(base)
    folders = allowed_folders(base, case.id)
    stored = {s.id: stored_source(s, base, folders) for s in case.sources}
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
    for s in readable:
        if stored[s].holds(quote):
            return QuoteCheck(evidence, position, quote, s, tuple(readable))
    best: tuple[str, float] | None = None
    for s in readable:
        passage, score = closest_passage(normalise(quote), stored[s].text)
        if best is None or score > best[1]:
            best = (passage, score)
    if best is None or best[1] < SHOW_CLOSEST:
        return QuoteCheck(evidence, position, quote, None, tuple(readable))
    return QuoteCheck(evidence, position, quote, None, tuple(readable), best[0], best[1])
