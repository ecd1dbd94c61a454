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
from sat.io.validate import build_case

#: Columns with a fixed meaning; every other column is a hypothesis.
KNOWN_COLUMNS = ("id", "evidence", "credibility", "relevance", "source", "type", "date")
_REQUIRED = ("id", "evidence")
#: Largest uncompressed size of an .xlsx workbook read.
MAX_XLSX_BYTES = 256 * 1024 * 1024


def read_csv(path: Path, shown: str, notes: list[Problem] | None = None) -> Case:
    """Read a CSV matrix file into a case (see the module docstring for the format)."""
    text = read_text(path, shown)
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(io.StringIO(text, newline=""), dialect)

    def rows() -> Iterator[tuple[int, list[Any]]]:
        try:
            for row in reader:
                yield reader.line_num, row
        except csv.Error as exc:
            raise CaseError([Problem(shown, reader.line_num, "", f"CSV syntax: {exc}")]) from None

    return _from_rows(rows(), path, shown, notes)


def read_xlsx(path: Path, shown: str, notes: list[Problem] | None = None) -> Case:
    """Read the first worksheet (or one named ``matrix``) of an .xlsx workbook into a case."""
    import openpyxl  # heavy: imported only when a workbook is read

    check_size(path, shown)
    try:
        with zipfile.ZipFile(path) as archive:
            unpacked = sum(info.file_size for info in archive.infolist())
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
        raise CaseError(
            [Problem(shown, None, "", f"not a readable .xlsx workbook ({type(exc).__name__})")]
        ) from None
    try:
        sheet = book["matrix"] if "matrix" in book.sheetnames else book.worksheets[0]
        rows = [(n, list(row)) for n, row in enumerate(sheet.iter_rows(values_only=True), start=1)]
    except Exception as exc:
        raise CaseError(
            [Problem(shown, None, "", f"not a readable .xlsx workbook ({type(exc).__name__})")]
        ) from None
    finally:
        book.close()
    return _from_rows(rows, path, shown, notes)


#: A text cell starting with one of these is a formula to a spreadsheet; written with a quote before it.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _inert(text: str) -> str:
    """Text that a spreadsheet shows instead of evaluating (CSV/formula injection): a leading quote.

    ``_cell`` removes the quote again on reading, so files round-trip.

    Examples
    --------
    >>> _inert("=SUM(A1)"), _inert("plain"), _cell(_inert("-2 dead"))
    ("'=SUM(A1)", 'plain', '-2 dead')
    """
    return "'" + text if text.startswith(FORMULA_START) else text


def _cell(value: Any) -> Any:
    if isinstance(value, str):
        if value.startswith("'") and value[1:].startswith(FORMULA_START):
            value = value[1:]
        return value.strip()
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, float) and value == 0.0:
        return 0  # a spreadsheet's 0 is Heuer's neutral symbol
    return value


def _blank(value: Any) -> bool:
    return value is None or (isinstance(value, str) and value == "")


def _from_rows(
    rows: Iterable[tuple[int, list[Any]]], path: Path, shown: str, notes: list[Problem] | None
) -> Case:
    problems: list[Problem] = []
    lines: dict[tuple, int] = {}
    iterator = iter(rows)
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
    for j, name in enumerate(header):
        if _blank(name):
            continue
        label = str(name).strip()
        known = label.lower()
        if known in KNOWN_COLUMNS:
            if known in columns:
                problems.append(Problem(shown, header_line, f"column {label}", "duplicate column"))
            columns[known] = j
        elif label in (h for _, h in hypotheses):
            problems.append(
                Problem(shown, header_line, f"column {label}", "duplicate hypothesis column")
            )
        else:
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
        lines[("evidence", i)] = number
        item: dict[str, Any] = {"id": ident, "summary": get(cells, "evidence")}
        for name in ("credibility", "relevance", "type", "date"):
            value = get(cells, name)
            if not _blank(value):
                item[name] = value
        cited = get(cells, "source")
        if not _blank(cited):
            refs = []
            for name in (s.strip() for s in re.split(r"[;\n]", str(cited))):
                if name:
                    refs.append(sources.setdefault(name, f"S{len(sources) + 1}"))
            item["sources"] = refs
        ratings = {}
        for j, h in hypotheses:
            if j < len(cells) and not _blank(cells[j]):
                ratings[h] = cells[j]
        item["ratings"] = ratings
        evidence.append(item)

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
    ``_inert``); the readers remove it.
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
                _inert(e.summary),
                e.credibility,
                e.relevance,
                _inert("; ".join(titles[s] for s in e.sources)),
                e.type,
                e.date.isoformat() if e.date else "",
                *cells,
            ]
        )
    return rows


def write_csv(case: Case, path: Path) -> Path:
    """Write the matrix interchange format as CSV (readable back with ``sat.load_case``)."""
    from sat.io.files import write_atomic

    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(matrix_rows(case))
    write_atomic(Path(path), buffer.getvalue())
    return Path(path)


def write_xlsx(case: Case, path: Path) -> Path:
    """Write the matrix interchange format as an .xlsx workbook (sheet ``matrix``)."""
    import openpyxl

    from sat.io.files import write_atomic

    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "matrix"
    for row in matrix_rows(case):
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    write_atomic(Path(path), buffer.getvalue())
    return Path(path)
