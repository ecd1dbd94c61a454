"""Read the matrix interchange format (CSV and .xlsx) that spreadsheets and other ACH tools produce.

The header is ``id,evidence,credibility,relevance,<H1>,<H2>,...``: every column
that is not one of ``KNOWN_COLUMNS`` is a hypothesis, its header its id.
Optional columns: ``source`` (source names separated by ``;``), ``type`` and
``date``. Blank credibility or relevance means ``M``; a blank rating cell is
unrated. A row whose id is ``prior`` holds prior probabilities per hypothesis.
Rows that are entirely blank are skipped.

A matrix file carries no metadata, so the case takes its id and title from the
file name, its date from the file's modification time, and leaves every source
ungraded (no ``reliability``) until the analyst grades it.

CSV is read with one fixed dialect, the one ``sat`` writes: double quotes around a
cell that holds a delimiter, a quote or a line break, quotes doubled inside. Only the
delimiter is looked for, so that a spreadsheet's semicolon- or tab-separated export
reads too: a comma, unless the first non-blank row read with commas lacks the ``id``
or ``evidence`` column and read with a semicolon (else a tab) has both. No quote
character is guessed (a guess could take the formula guard's ``'`` for one).

Reading is bounded while it happens, never after: at most ``MAX_ROWS`` rows (blank
rows included), ``MAX_COLUMNS`` cells in a row, ``MAX_HYPOTHESES`` hypothesis columns,
``MAX_EVIDENCE`` evidence rows and ``MAX_CELLS`` rating cells; a workbook whose sheet
declares more rows or columns than that is refused before a row is read.

The format's fixed parts and how a cell is read are in ``sat.io.matrix_format``; rows become
a case in ``sat.io.matrix_read`` (item by item, saying every problem) or ``sat.io.matrix_fast``
(every column at once, when it proves them valid); ``sat.io.matrix_write`` writes the format.
Every name is offered here as before.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from sat.case import Case
from sat.errors import CaseError, Problem
from sat.io import matrix_fast
from sat.io import matrix_format as fmt
from sat.io.files import check_size, read_text
from sat.io.matrix_format import (  # noqa: F401 -- offered
    DELIMITERS,
    FORMULA_START,
    KNOWN_COLUMNS,
    MAX_CELLS,
    MAX_COLUMNS,
    MAX_EVIDENCE,
    MAX_HYPOTHESES,
    MAX_ROWS,
    SPACE,
    inert,
    over,
    uninert,
)
from sat.io.matrix_read import collector_paused, read_rows
from sat.io.matrix_write import matrix_rows, refusals, write_csv, write_xlsx  # noqa: F401 -- offered

#: Largest uncompressed size of an .xlsx workbook read.
MAX_XLSX_BYTES = 256 * 1024 * 1024
#: Rows of a matrix file into a case (the name it had here).
_from_rows = read_rows


def read_csv(path: Path, shown: str, notes: list[Problem] | None = None) -> Case:
    """Read a CSV matrix file into a case (see the module docstring for the format)."""
    text = read_text(path, shown)
    delimiter = _delimiter(text)
    with collector_paused():
        case = matrix_fast.fast_csv(text, delimiter, path, shown, notes)
    if case is not None:
        return case
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for row in reader:
                yield reader.line_num, row
        except csv.Error as exc:
            raise CaseError([Problem(shown, reader.line_num, "", f"CSV syntax: {exc}")]) from None

    return read_rows(rows(), path, shown, notes)


def _delimiter(text: str) -> str:
    """The delimiter of a CSV matrix: the first of ``DELIMITERS`` whose first non-blank row
    names the ``id`` and ``evidence`` columns, else a comma.

    Examples
    --------
    >>> _delimiter("id;evidence;H1;H2\\nE1;seen;C;I\\n"), _delimiter("id,evidence,H1\\n")
    (';', ',')
    >>> _delimiter("id\\tevidence\\tH1\\n"), _delimiter("name;H1\\n")
    ('\\t', ',')
    """
    for delimiter in DELIMITERS:
        reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter)
        try:
            first = next((row for row in reader if any(c.strip(SPACE) for c in row)), [])
        except csv.Error:
            continue
        names = {c.strip(SPACE).lower() for c in first}
        if {"id", "evidence"} <= names:
            return delimiter
    return ","


def read_xlsx(path: Path, shown: str, notes: list[Problem] | None = None) -> Case:
    """Read the first worksheet (or one named ``matrix``) of an .xlsx workbook into a case."""
    import openpyxl  # heavy: imported only when a workbook is read

    check_size(path, shown)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
            if unpacked <= MAX_XLSX_BYTES:
                _scan_sheets(archive, shown)
        if unpacked > MAX_XLSX_BYTES:
            raise CaseError(
                [
                    Problem(
                        shown,
                        None,
                        "",
                        f"workbook unpacks to {unpacked:,} bytes; the limit is {MAX_XLSX_BYTES:,}",
                    )
                ]
            )
        book = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except CaseError:
        raise
    except OSError as exc:
        raise CaseError(
            [Problem(shown, None, "", f"cannot read file: {exc.strerror or exc}")]
        ) from None
    except Exception as exc:  # openpyxl raises many types for a damaged workbook
        raise _unreadable(shown, exc) from None
    try:
        sheet = book["matrix"] if "matrix" in book.sheetnames else book.worksheets[0]
        _check_declared(sheet, shown)
        sheet.reset_dimensions()  # rows as stored, never padded to a declared width
        return read_rows(_sheet_rows(sheet, shown), path, shown, notes)
    except CaseError:
        raise
    except Exception as exc:
        raise _unreadable(shown, exc) from None
    finally:
        book.close()


class _Declared(Exception):
    """A sheet declares its size: openpyxl reads that instead of scanning the sheet."""


def _scan_sheets(archive: zipfile.ZipFile, shown: str) -> None:
    """Refuse a workbook with a sheet that declares no size and is over the row or column
    limits, reading it only up to the limit (openpyxl would parse such a sheet to its end
    on opening, to learn its size)."""
    from xml.parsers import expat

    for name in archive.namelist():
        if not (name.startswith("xl/worksheets/") and name.endswith(".xml")):
            continue
        rows = cells = 0

        def start(tag: str, attrs: dict[str, str]) -> None:
            nonlocal rows, cells
            local = tag.rsplit(" ", 1)[-1]
            if local == "dimension":
                raise _Declared
            if local == "row":
                rows, cells = rows + 1, 0
                number = attrs.get("r", "")
                if max(rows, int(number) if number.isdigit() else 0) > fmt.MAX_ROWS:
                    raise over(shown, rows, "", f"more than {fmt.MAX_ROWS:,} rows")
            elif local == "c":
                cells += 1
                if cells > fmt.MAX_COLUMNS:
                    what = f"more than {fmt.MAX_COLUMNS:,} cells in a row"
                    raise over(shown, rows, "row", what)

        parser = expat.ParserCreate(namespace_separator=" ")
        parser.StartElementHandler = start
        try:
            with archive.open(name) as stream:
                while chunk := stream.read(_CHUNK):
                    parser.Parse(chunk, False)
        except (_Declared, expat.ExpatError):
            continue  # declared (checked when read), or damaged (openpyxl says so)


#: Bytes of a sheet's XML scanned at a time.
_CHUNK = 64 * 1024


def _unreadable(shown: str, exc: Exception) -> CaseError:
    return CaseError(
        [Problem(shown, None, "", f"not a readable .xlsx workbook ({type(exc).__name__})")]
    )


def _check_declared(sheet: Any, shown: str) -> None:
    """Refuse a sheet whose declared dimension (``<dimension ref="A1:D9"/>``) is over the limits."""
    rows, columns = sheet.max_row or 0, sheet.max_column or 0
    if rows > fmt.MAX_ROWS or columns > fmt.MAX_COLUMNS:
        raise CaseError(
            [
                Problem(
                    shown,
                    None,
                    "",
                    f"the sheet '{sheet.title}' declares {rows:,} rows and {columns:,} columns; "
                    f"a matrix has at most {fmt.MAX_ROWS:,} rows and {fmt.MAX_COLUMNS:,} columns",
                )
            ]
        )


def _sheet_rows(sheet: Any, shown: str) -> Iterator[tuple[int, list[Any]]]:
    """The sheet's rows, numbered as the spreadsheet numbers them, read one at a time."""
    rows = sheet.iter_rows(values_only=True)
    number = 0
    while True:
        try:
            row = next(rows)
        except StopIteration:
            return
        except Exception as exc:  # a damaged sheet
            raise _unreadable(shown, exc) from None
        number += 1
        yield number, list(row)
