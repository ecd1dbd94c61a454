"""Write a case in the matrix interchange format (CSV and .xlsx), and say what of a case the
format cannot hold (``refusals``); ``sat.io.matrix`` reads it back."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path
from typing import Any

from sat.case import Case
from sat.errors import CaseError, Problem
from sat.io.matrix_format import KNOWN_COLUMNS, inert

__all__ = ["matrix_rows", "refusals", "write_csv", "write_xlsx"]


def matrix_rows(case: Case) -> list[list[Any]]:
    """The case as rows of the matrix interchange format (header first; a ``prior`` row if any).

    Text that a spreadsheet would evaluate as a formula is written with a leading quote (see
    ``inert``); the readers remove it.
    """
    hypotheses = [h.id for h in case.hypotheses]
    titles = {s.id: s.title for s in case.sources}
    rows: list[list[Any]] = [
        ["id", "evidence", "credibility", "relevance", "source", "type", "date", *hypotheses]
    ]
    if any(h.prior is not None for h in case.hypotheses):
        rows.append(
            [
                "prior",
                "",
                "",
                "",
                "",
                "",
                "",
                *("" if h.prior is None else h.prior for h in case.hypotheses),
            ]
        )
    for e in case.evidence:
        cells = []
        for h in hypotheses:
            value = e.ratings.get(h)
            cells.append("" if value is None else value)
        rows.append(
            [
                e.id,
                inert(e.summary),
                e.credibility,
                e.relevance,
                inert("; ".join(titles[s] for s in e.sources)),
                e.type,
                e.date.isoformat() if e.date else "",
                *cells,
            ]
        )
    return rows


def refusals(case: Case, shown: str, pattern: re.Pattern, what: str) -> list[Problem]:
    """What the matrix format cannot hold of ``case`` without reading back something else.

    A hypothesis named like a fixed column (``date``) would be read as that column, an item
    whose id is ``prior`` as the priors' row, a cited source's title holding ``;`` or a line
    break as two sources; a text holding a character ``pattern`` matches cannot be written
    to ``what`` at all. One problem per field, naming the item; empty when the case fits.
    """
    from sat.ids import field_at
    from sat.io.writable import unwritable

    problems = [
        Problem(
            shown,
            None,
            field_at(("hypotheses", j, "id"), case),
            f"hypothesis {h.id}: a matrix reads a column named '{h.id}' as its "
            f"{h.id.lower()} column; rename the hypothesis to export it",
        )
        for j, h in enumerate(case.hypotheses)
        if h.id.lower() in KNOWN_COLUMNS
    ]
    problems += [
        Problem(
            shown,
            None,
            field_at(("evidence", i, "id"), case),
            f"item {e.id}: a matrix reads the row of id '{e.id}' as the hypotheses' priors; "
            "rename the item to export it",
        )
        for i, e in enumerate(case.evidence)
        if e.id.lower() == "prior"
    ]
    cited = {s for e in case.evidence for s in e.sources}
    sources = [(k, s) for k, s in enumerate(case.sources) if s.id in cited]
    problems += [
        Problem(
            shown,
            None,
            field_at(("sources", k, "title"), case),
            f"source {s.id}: a matrix separates an item's sources with ';' or a line break, "
            "which this title holds; change the title to export it",
        )
        for k, s in sources
        if ";" in s.title or "\n" in s.title
    ]
    texts = [
        (field_at(("evidence", i, "summary"), case), f"item {e.id}", e.summary)
        for i, e in enumerate(case.evidence)
    ]
    texts += [
        (field_at(("sources", k, "title"), case), f"source {s.id}", s.title) for k, s in sources
    ]
    return problems + unwritable(shown, texts, pattern, what)


def write_csv(case: Case, path: Path, *, exact: bool = True) -> Path:
    """Write the matrix interchange format as CSV (readable back with ``sat.load_case``).

    ``exact=False`` writes what the format can hold even when it would not read back the same
    (a source title with ``;`` read as two sources, say): the attachment beside a brief, a
    table for a reader, which must never stop the brief. ``sat export`` is exact.

    Raises
    ------
    CaseError
        When ``exact`` and the case holds what the format cannot (see ``refusals``); nothing is
        written.
    """
    from sat.io.files import write_atomic
    from sat.io.writable import NOT_TEXT

    problems = refusals(case, str(path), NOT_TEXT, "a CSV file") if exact else []
    if problems:
        raise CaseError(problems)
    buffer = io.StringIO()
    plain = csv.writer(buffer, lineterminator="\n")
    # the csv module quotes a line feed but not a lone carriage return (not in lineterminator)
    quoted = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_ALL)
    for row in matrix_rows(case):
        carriage = any(isinstance(c, str) and "\r" in c for c in row)
        (quoted if carriage else plain).writerow(row)
    write_atomic(Path(path), buffer.getvalue())
    return Path(path)


def write_xlsx(case: Case, path: Path) -> Path:
    """Write the matrix interchange format as an .xlsx workbook (sheet ``matrix``).

    A zero probability is written as the text ``0.0`` (a spreadsheet's number 0 reads as
    Heuer's neutral symbol).

    Raises
    ------
    CaseError
        When the case holds what the format cannot (see ``refusals``; XML 1.0 holds no
        control characters but tab and line breaks); nothing is written.
    """
    import openpyxl

    from sat.io.files import write_atomic
    from sat.io.writable import NOT_XML

    problems = refusals(case, str(path), NOT_XML, ".xlsx")
    if problems:
        raise CaseError(problems)
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "matrix"
    for row in matrix_rows(case):
        sheet.append(["0.0" if type(v) is float and v == 0.0 else v for v in row])
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(Path(path), buffer.getvalue())
    return Path(path)
