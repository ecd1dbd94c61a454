"""The matrix interchange format's fixed parts: its columns, the limits it is read under, and
how one cell is read (white space, the formula guard, blanks).

The readers (``sat.io.matrix``) and both ways of turning rows into a case
(``sat.io.matrix_rows``, ``sat.io.matrix_fast``) read the limits from here when they
run, so that a test may lower them.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable, Iterator
from typing import Any

from sat.errors import CaseError, Problem
from sat.io.validate import MAX_CELLS, MAX_ENTRIES

__all__ = [
    "DELIMITERS",
    "FORMULA_START",
    "HEADER_HELP",
    "KNOWN_COLUMNS",
    "MAX_CELLS",
    "MAX_COLUMNS",
    "MAX_EVIDENCE",
    "MAX_HYPOTHESES",
    "MAX_ROWS",
    "REQUIRED",
    "SPACE",
    "blank",
    "bounded",
    "cell",
    "inert",
    "over",
    "uninert",
]

#: Columns with a fixed meaning; every other column is a hypothesis.
KNOWN_COLUMNS = ("id", "evidence", "credibility", "relevance", "source", "type", "date")
#: Columns a header must name.
REQUIRED = ("id", "evidence")
#: What a header holds, as problems say it.
HEADER_HELP = "id,evidence,credibility,relevance,<hypothesis ids>"
#: Most hypothesis columns a header may name (a case's limit, ``sat.io.validate.MAX_ENTRIES``).
MAX_HYPOTHESES = MAX_ENTRIES["hypotheses"]
#: Most evidence rows a matrix may hold (a case's limit).
MAX_EVIDENCE = MAX_ENTRIES["evidence"]
#: Most rows read from a matrix file: the evidence, the header, the priors and up to a thousand
#: blank rows. Refusing a sheet that declares no size costs about what reading this many does.
MAX_ROWS = MAX_EVIDENCE + 1_000
#: Most cells in one row, blank cells included: the known columns, the hypotheses, as many blank.
MAX_COLUMNS = 2 * (len(KNOWN_COLUMNS) + MAX_HYPOTHESES)
#: The white space stripped from a cell's ends: what the case model strips (Unicode's
#: White_Space), not Python's ``str.strip``, which also takes U+001C to U+001F.
SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
#: The delimiters a CSV matrix may use, the first (sat's own) preferred.
DELIMITERS = (",", ";", "\t")
#: A text cell starting with one of these is a formula to a spreadsheet; written with a quote before it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Text the formula guard quotes: a formula start, after any number of quotes.
_GUARDED = re.compile(r"'*[=+\-@\t\r]")


def inert(text: str) -> str:
    """Text that a spreadsheet shows instead of evaluating (CSV/formula injection).

    The formula guard, reversible so that every text comes back exactly: a text that starts
    with a formula character (``= + - @``, a tab or a carriage return), after any number of
    ``'`` (none included), is written with one more ``'`` in front; ``cell`` removes exactly
    one ``'`` from a cell that starts with ``'`` followed by such a text. Every other text is
    written and read as it is, so ``'tis`` stays ``'tis`` and a text that really starts with
    ``'=`` is written ``''=`` and read back ``'=``. A quote-prefixed formula from another tool
    (``'=A1``) reads as the text it shows (``=A1``). ``uninert`` is the inverse.

    Examples
    --------
    >>> inert("=SUM(A1)"), inert("plain"), inert("'=SUM(A1)"), inert("'tis")
    ("'=SUM(A1)", 'plain', "''=SUM(A1)", "'tis")
    >>> all(uninert(inert(t)) == t for t in ["-2 dead", "'=x", "''+y", "'tis", "a'-b"])
    True
    """
    return "'" + text if _GUARDED.match(text) else text


def uninert(text: str) -> str:
    """The text ``inert`` was given: one ``'`` fewer before a guarded formula start."""
    return text[1:] if text.startswith("'") and _GUARDED.match(text, 1) else text


def cell(value: Any) -> Any:
    """One cell as read: text without the formula guard and the white space at its ends, a
    spreadsheet's date-time as its date, its number 0 as Heuer's neutral symbol ``0``."""
    if isinstance(value, str):
        return uninert(value).strip(SPACE)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value == 0.0:
        return 0  # a spreadsheet's 0 is Heuer's neutral symbol
    return value


def blank(value: Any) -> bool:
    """Whether a cell (as ``cell`` reads it) is blank."""
    return value is None or (isinstance(value, str) and value == "")


def over(shown: str, line: int, field: str, what: str) -> CaseError:
    """The error refusing a file at one of the limits."""
    return CaseError([Problem(shown, line, field, f"{what}; sat refuses the file at its limits")])


def bounded(rows: Iterable[tuple[int, list[Any]]], shown: str) -> Iterator[tuple[int, list[Any]]]:
    """``rows``, refused as soon as there are more than ``MAX_ROWS`` or a row has more than
    ``MAX_COLUMNS`` cells (the rows after it are never read)."""
    for count, (number, row) in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise over(shown, number, "", f"more than {MAX_ROWS:,} rows")
        if len(row) > MAX_COLUMNS:
            what = f"{len(row):,} cells; at most {MAX_COLUMNS:,} in a row"
            raise over(
                shown, number, "row", f"{what} (a case has at most {MAX_HYPOTHESES:,} hypotheses)"
            )
        yield number, row
