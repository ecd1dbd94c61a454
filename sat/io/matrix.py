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
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

from sat.case import Case
from sat.errors import CaseError, Problem
from sat.io.files import check_size, read_text
from sat.io.validate import MAX_CELLS, MAX_ENTRIES, build_case

#: Columns with a fixed meaning; every other column is a hypothesis.
KNOWN_COLUMNS = ("id", "evidence", "credibility", "relevance", "source", "type", "date")
_REQUIRED = ("id", "evidence")
#: Largest uncompressed size of an .xlsx workbook read.
MAX_XLSX_BYTES = 256 * 1024 * 1024
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


def read_csv(path: Path, shown: str, notes: list[Problem] | None = None) -> Case:
    """Read a CSV matrix file into a case (see the module docstring for the format)."""
    text = read_text(path, shown)
    reader = csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=_delimiter(text))

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for row in reader:
                yield reader.line_num, row
        except csv.Error as exc:
            raise CaseError([Problem(shown, reader.line_num, "", f"CSV syntax: {exc}")]) from None

    return _from_rows(rows(), path, shown, notes)


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
        return _from_rows(_sheet_rows(sheet, shown), path, shown, notes)
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
                if max(rows, int(number) if number.isdigit() else 0) > MAX_ROWS:
                    raise _over(shown, rows, "", f"more than {MAX_ROWS:,} rows")
            elif local == "c":
                cells += 1
                if cells > MAX_COLUMNS:
                    what = f"more than {MAX_COLUMNS:,} cells in a row"
                    raise _over(shown, rows, "row", what)

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
    if rows > MAX_ROWS or columns > MAX_COLUMNS:
        raise CaseError(
            [
                Problem(
                    shown,
                    None,
                    "",
                    f"the sheet '{sheet.title}' declares {rows:,} rows and {columns:,} columns; "
                    f"a matrix has at most {MAX_ROWS:,} rows and {MAX_COLUMNS:,} columns",
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


#: A text cell starting with one of these is a formula to a spreadsheet; written with a quote before it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
#: Text the formula guard quotes: a formula start, after any number of quotes.
_GUARDED = re.compile(r"'*[=+\-@\t\r]")


def inert(text: str) -> str:
    """Text that a spreadsheet shows instead of evaluating (CSV/formula injection).

    The formula guard, reversible so that every text comes back exactly: a text that starts
    with a formula character (``= + - @``, a tab or a carriage return), after any number of
    ``'`` (none included), is written with one more ``'`` in front; ``_cell`` removes exactly
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


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        return uninert(value).strip(SPACE)
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value == 0.0:
        return 0  # a spreadsheet's 0 is Heuer's neutral symbol
    return value


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def _over(shown: str, line: int, field: str, what: str) -> CaseError:
    return CaseError([Problem(shown, line, field, f"{what}; sat refuses the file at its limits")])


def _bounded(rows: Iterable[tuple[int, list[Any]]], shown: str) -> Iterator[tuple[int, list[Any]]]:
    """``rows``, refused as soon as there are more than ``MAX_ROWS`` or a row has more than
    ``MAX_COLUMNS`` cells (the rows after it are never read)."""
    for count, (number, row) in enumerate(rows, start=1):
        if count > MAX_ROWS:
            raise _over(shown, number, "", f"more than {MAX_ROWS:,} rows")
        if len(row) > MAX_COLUMNS:
            what = f"{len(row):,} cells; at most {MAX_COLUMNS:,} in a row"
            raise _over(
                shown, number, "row", f"{what} (a case has at most {MAX_HYPOTHESES:,} hypotheses)"
            )
        yield number, row


def _from_rows(
    rows: Iterable[tuple[int, list[Any]]], path: Path, shown: str, notes: list[Problem] | None
) -> Case:
    problems: list[Problem] = []
    lines: dict[tuple, int] = {}
    iterator = _bounded(rows, shown)
    header: list[Any] | None = None
    header_line = 1
    for number, row in iterator:
        cells = [_cell(c) for c in row]
        if any(not _blank(c) for c in cells):
            header, header_line = cells, number
            break
    if header is None:
        raise CaseError(
            [
                Problem(
                    shown,
                    None,
                    "",
                    "the file is empty (expected a header row: "
                    "id,evidence,credibility,relevance,<hypothesis ids>)",
                )
            ]
        )

    columns: dict[str, int] = {}
    hypotheses: list[tuple[int, str]] = []
    seen: set[str] = set()
    for j, name in enumerate(header):
        if _blank(name):
            continue
        label = str(name).strip(SPACE)
        known = label.lower()
        if known in KNOWN_COLUMNS:
            if known in columns:
                problems.append(Problem(shown, header_line, f"column {label}", "duplicate column"))
            columns[known] = j
        elif label in seen:
            problems.append(
                Problem(shown, header_line, f"column {label}", "duplicate hypothesis column")
            )
        elif len(hypotheses) == MAX_HYPOTHESES:
            raise _over(
                shown, header_line, "header", f"more than {MAX_HYPOTHESES:,} hypothesis columns"
            )
        else:
            seen.add(label)
            hypotheses.append((j, label))
    for required in _REQUIRED:
        if required not in columns:
            problems.append(
                Problem(
                    shown,
                    header_line,
                    "header",
                    f"missing column '{required}' (the header is "
                    "id,evidence,credibility,relevance,<hypothesis ids>)",
                )
            )
    if problems:
        raise CaseError(problems)

    def get(cells: list[Any], name: str) -> Any:
        j = columns.get(name)
        return cells[j] if j is not None and j < len(cells) else None

    width = max(j for j, name in enumerate(header) if not _blank(name)) + 1
    short: list[int] = []  # lines of rows with fewer cells than the header has columns
    unrated = 0  # rating cells those rows leave out
    evidence: list[dict[str, Any]] = []
    filled = 0  # rating cells filled so far
    priors: dict[str, Any] = {}
    sources: dict[str, str] = {}
    for number, row in iterator:
        cells = [_cell(c) for c in row]
        used = len(cells)  # cells up to the last one that is not blank
        while used and _blank(cells[used - 1]):
            used -= 1
        if not used:
            continue
        if used > width:
            problems.append(
                Problem(
                    shown,
                    number,
                    "row",
                    f"{used} cells, but the header (line {header_line}) has {width} columns; "
                    "name the extra column in the header or remove the extra cells",
                )
            )
            continue
        if len(cells) < width:
            short.append(number)
            unrated += sum(1 for j, _ in hypotheses if j >= len(cells))
        ident = get(cells, "id")
        if isinstance(ident, str) and ident.lower() == "prior":
            for k, (j, h) in enumerate(hypotheses):
                if j < len(cells) and not _blank(cells[j]):
                    priors[h] = cells[j]
                    lines[("hypotheses", k, "prior")] = number
            continue
        i = len(evidence)
        if i == MAX_EVIDENCE:
            raise _over(shown, number, "row", f"more than {MAX_EVIDENCE:,} evidence rows")
        lines[("evidence", i)] = number
        item: dict[str, Any] = {"id": ident, "summary": get(cells, "evidence")}
        for name in ("credibility", "relevance", "type", "date"):
            value = get(cells, name)
            if not _blank(value):
                item[name] = value
        cited = get(cells, "source")
        if not _blank(cited):
            refs = []
            for name in (s.strip(SPACE) for s in re.split(r"[;\n]", str(cited))):
                if name:
                    refs.append(sources.setdefault(name, f"S{len(sources) + 1}"))
            item["sources"] = refs
        ratings = {}
        for j, h in hypotheses:
            if j < len(cells) and not _blank(cells[j]):
                ratings[h] = cells[j]
        item["ratings"] = ratings
        evidence.append(item)
        filled += len(ratings)
        if filled > MAX_CELLS:
            raise _over(shown, number, "row", f"more than {MAX_CELLS:,} rating cells")

    if problems:
        raise CaseError(problems)
    if short and notes is not None:
        shown_lines = ", ".join(map(str, short[:10])) + (", ..." if len(short) > 10 else "")
        rows_word = "row is" if len(short) == 1 else "rows are"
        notes.append(
            Problem(
                shown,
                short[0],
                "",
                f"{len(short)} {rows_word} shorter than the header (lines {shown_lines}); "
                f"their missing trailing cells are blank, which leaves {unrated} ratings unrated",
            )
        )
    for j in range(len(hypotheses)):
        lines[("hypotheses", j)] = header_line
    stem = path.stem
    slug = re.sub(r"[^A-Za-z0-9_.:-]+", "-", stem).strip("-.") or "matrix"
    data = {
        "id": slug[:64] if slug[0].isalnum() else f"m{slug}"[:64],
        "title": stem,
        "question": f"Matrix imported from {path.name}",
        "date": dt.date.fromtimestamp(path.stat().st_mtime),
        "analysts": ["unrecorded"],
        "sources": [{"id": sid, "title": name} for name, sid in sources.items()],
        "hypotheses": [
            {"id": h, "label": h, "statement": h, **({"prior": priors[h]} if h in priors else {})}
            for _, h in hypotheses
        ],
        "evidence": evidence,
    }
    # Problems in a row's sources would otherwise point at the generated source list.
    lines.update({("sources", k): header_line for k in range(len(sources))})
    return build_case(data, lines, shown, notes)


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
