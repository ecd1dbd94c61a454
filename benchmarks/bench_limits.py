"""How fast oversized files are refused, against loading a normal-size file.

Each oversized file must be refused at its limit, while it is read, in one problem: a CSV
header of 20k/50k/100k hypothesis columns, an .xlsx of 1.3 million rows (its sheet declaring
its size, and the same sheet with the declaration removed, so that only the row limit stops
the reading), and an .achz nested 200 elements deep. Before the limits were applied while
reading, the headers took 7/52/255 s and the workbook 186 s and 1 GB.
"""

from __future__ import annotations

import gzip
import re
import zipfile
from pathlib import Path

from benchmarks.run import Figure, median_time

#: Refusing a file at its limit should take well under this many seconds.
TARGET = 1.0


def refused(path: Path) -> None:
    """Load ``path``, which must be refused in exactly one problem."""
    import sat
    from sat.errors import CaseError

    try:
        sat.load_case(path)
    except CaseError as exc:
        assert len(exc.problems) == 1, exc
        return
    raise AssertionError(f"{path} was loaded, not refused")


def wide_csv(folder: Path, columns: int) -> Path:
    """A matrix whose header names ``columns`` hypotheses."""
    path = folder / f"wide-{columns}.csv"
    names = ",".join(f"H{j}" for j in range(columns))
    path.write_text(f"id,evidence,{names}\nE1,seen\n", encoding="utf-8")
    return path


def long_xlsx(folder: Path, rows: int, declared: bool) -> Path:
    """A workbook of ``rows`` rows of one cell each (a few hundred KB compressed); its sheet
    declares its size unless ``declared`` is false."""
    import openpyxl

    template = folder / "template.xlsx"
    book = openpyxl.Workbook()
    book.active.append(["id", "evidence", "H1", "H2"])
    book.save(template)
    body = "".join(f'<row r="{n}"><c r="A{n}"><v>{n}</v></c></row>' for n in range(2, rows + 1))
    path = folder / f"long-{rows}-{'declared' if declared else 'undeclared'}.xlsx"
    with (
        zipfile.ZipFile(template) as source,
        zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out,
    ):
        for info in source.infolist():
            data = source.read(info)
            if info.filename == "xl/worksheets/sheet1.xml":
                text = data.decode("utf-8")
                text = re.sub(
                    r"<dimension [^>]*/>",
                    f'<dimension ref="A1:D{rows}"/>' if declared else "",
                    text,
                )
                text = text.replace("</row></sheetData>", "</row>" + body + "</sheetData>")
                data = text.encode("utf-8")
            out.writestr(info.filename, data)
    return path


def nested_achz(folder: Path, depth: int) -> Path:
    """A PARC ACH file with an element nested ``depth`` deep."""
    path = folder / f"nested-{depth}.achz"
    inner = "<D>" * depth + "x" + "</D>" * depth
    xml = (
        "<ACH><MATRIX><HYPOTHESIS><NAME>a</NAME></HYPOTHESIS><HYPOTHESIS><NAME>b</NAME>"
        f"</HYPOTHESIS><EVIDENCE><NAME>e</NAME>{inner}</EVIDENCE></MATRIX></ACH>"
    )
    path.write_bytes(gzip.compress(xml.encode("utf-16")))
    return path


def bench_limits(smoke: bool, repeats: int, folder: Path) -> list[Figure]:
    """Each refusal timed against loading a normal-size matrix of the same format."""
    import sat
    from sat.io.matrix import MAX_ROWS, write_xlsx
    from sat.io.parc import write_achz
    from sat.testing import write_case

    items = 60 if smoke else 5000
    normal_csv = write_case(folder / "normal.csv", items, 10, seed=3)
    normal_xlsx = write_xlsx(sat.load_case(normal_csv), folder / "normal.xlsx")
    normal_achz = write_achz(sat.load_case(normal_csv), folder / "normal.achz")[0]
    t_csv = median_time(lambda: sat.load_case(normal_csv), repeats)
    t_xlsx = median_time(lambda: sat.load_case(normal_xlsx), repeats)
    t_achz = median_time(lambda: sat.load_case(normal_achz), repeats)
    normal = {"csv": t_csv, "xlsx": t_xlsx, "achz": t_achz}

    def figure(name: str, path: Path, kind: str) -> Figure:
        took = median_time(lambda: refused(path), repeats)
        return Figure(
            f"refused: {name} (vs loading a {items}-item {kind})",
            took,
            normal[kind],
            f"under {TARGET:.0f} s",
            took < TARGET,
            f"{path.stat().st_size / 1024:,.0f} KB on disk",
        )

    figures = []
    for columns in [600] if smoke else [20_000, 50_000, 100_000]:
        figures.append(
            figure(f"a CSV header of {columns:,} columns", wide_csv(folder, columns), "csv")
        )
    rows = MAX_ROWS + 100 if smoke else 1_300_000
    for declared in (True, False):
        how = "declaring its size" if declared else "declaring no size"
        path = long_xlsx(folder, rows, declared)
        figures.append(figure(f"an .xlsx of {rows:,} rows, {how}", path, "xlsx"))
    figures.append(figure("an .achz nested 200 deep", nested_achz(folder, 200), "achz"))
    return figures
