"""The CSV / .xlsx matrix interchange format."""

import re
import zipfile

import pytest

import sat
from sat.errors import CaseError
from tests.conftest import FIXTURES


def problems(path):
    with pytest.raises(CaseError) as info:
        sat.load_case(path)
    return info.value.problems


def test_csv_reads_symbols_defaults_and_sources():
    case = sat.load_case(FIXTURES / "hand.csv")
    assert case.id == "hand" and case.title == "hand"
    assert [h.id for h in case.hypotheses] == ["H1", "H2", "H3"]
    assert case.matrix.codes.tolist() == [
        ["C", "I", "II"],
        ["I", "N", "CC"],
        ["N", "N", "N"],
        ["CC", "II", "NA"],
    ]
    e3 = case.item("E3")
    assert (e3.credibility, e3.relevance) == ("M", "M")  # blank means M
    assert [s.title for s in case.sources] == ["A report", "Another"]
    assert case.item("E4").sources == ("S1", "S2")
    assert all(s.reliability is None for s in case.sources)  # ungraded, never defaulted


def test_csv_scores_equal_the_yaml_version(hand_case):
    from_csv = sat.ach.run(sat.load_case(FIXTURES / "hand.csv")).hypotheses
    from_yaml = sat.ach.run(hand_case).hypotheses
    cols = ["inconsistency", "weighted_inconsistency", "consistency", "rank"]
    assert from_csv[cols].equals(from_yaml[cols])


def test_blank_cells_are_unrated_and_probabilities_and_priors_are_read(write):
    path = write(
        "id,evidence,H1,H2\nprior,,0.7,0.3\nE1,seen,0.8,\nE2,also,NA,0\n", name="probs.csv"
    )
    case = sat.load_case(path)
    assert [h.prior for h in case.hypotheses] == [0.7, 0.3]
    assert case.item("E1").ratings == {"H1": 0.8}
    assert case.item("E2").ratings == {"H1": "NA", "H2": "N"}
    result = sat.ach.run(case)
    assert result.unrated == (("E1", "H2"),)
    assert result.probability_cells == 1


def test_semicolon_separated_files_are_sniffed(write):
    case = sat.load_case(write("id;evidence;H1;H2\nE1;seen;C;I\n", name="semi.csv"))
    assert case.item("E1").ratings == {"H1": "C", "H2": "I"}


def test_csv_problems_name_the_row_and_column(write):
    path = write(
        "id,evidence,credibility,H1,H2\nE1,ok,H,C,I\nE2,,X,C,maybe\nE1,dup,L,+,-\n", name="bad.csv"
    )
    found = {(p.line, p.field): p.message for p in problems(path)}
    assert found[(3, "evidence E2.summary")] == "must not be empty"
    assert "'X' is not a level" in found[(3, "evidence E2.credibility")]
    assert "'maybe' is not a rating" in found[(3, "evidence E2.ratings.H2")]
    assert found[(4, "evidence E1.id")] == "duplicate id 'E1' (also evidence item 1)"


def test_csv_header_problems(write):
    found = problems(write("name,H1,H2\nE1,C,I\n", name="h.csv"))
    assert [(p.line, p.message.split(" (")[0]) for p in found] == [
        (1, "missing column 'id'"),
        (1, "missing column 'evidence'"),
    ]
    found = problems(write("id,evidence,H1,H1\nE1,x,C,I\n", name="d.csv"))
    assert any("duplicate hypothesis column" in p.message for p in found)
    assert "the file is empty" in problems(write("\n\n", name="e.csv"))[0].message
    found = problems(write("id,evidence,H1\nE1,x,C\n", name="one.csv"))
    assert any("at least 2 hypotheses" in p.message for p in found)


def test_xlsx_round_trip(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    sheet = book.active
    for row in [
        ["id", "evidence", "credibility", "relevance", "H1", "H2"],
        ["prior", None, None, None, 0.5, 0.5],
        ["E1", "seen", "H", None, "++", "--"],
        ["E2", "heard", None, "L", 0, 0.25],
        [None, None, None, None, None, None],
    ]:
        sheet.append(row)
    path = tmp_path / "matrix.xlsx"
    book.save(path)
    case = sat.load_case(path)
    assert case.item("E1").ratings == {"H1": "CC", "H2": "II"}
    assert case.item("E2").ratings == {"H1": "N", "H2": 0.25}
    assert case.item("E2").relevance == "L"
    assert [h.prior for h in case.hypotheses] == [0.5, 0.5]


def test_xlsx_problems_name_the_row(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in [["id", "evidence", "H1", "H2"], ["E1", "seen", "C", "bogus"]]:
        book.active.append(row)
    path = tmp_path / "bad.xlsx"
    book.save(path)
    (problem,) = problems(path)
    assert (problem.line, problem.field) == (2, "evidence E1.ratings.H2")


def test_damaged_xlsx(write):
    assert (
        "not a readable .xlsx workbook"
        in problems(write(b"PK\x03\x04garbage", name="x.xlsx"))[0].message
    )
    assert (
        "not a readable .xlsx workbook"
        in problems(write("id,evidence\n", name="y.xlsx"))[0].message
    )


def test_bad_prior_is_located_on_the_prior_row(write):
    path = write("id,evidence,H1,H2\nE1,seen,C,I\nprior,,0.5,1.5\n", name="p.csv")
    (problem,) = problems(path)
    assert (problem.line, problem.field) == (3, "hypotheses H2.prior")
    assert "should be a probability: a number from 0 to 1" in problem.message


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_formulas_in_case_text_are_written_inert_and_read_back_unchanged(tmp_path, suffix):
    """CSV/formula injection: text a spreadsheet would evaluate gets a leading quote on export."""
    from sat.io.matrix import write_csv, write_xlsx

    case = sat.load_case(FIXTURES / "hand.yaml")
    hostile = [
        '=HYPERLINK("http://evil.example","x")',
        "+1+cmd|' /C calc'!A0",
        "-2 dead",
        "@SUM(1)",
    ]
    evidence = [
        e.model_copy(update={"summary": text})
        for e, text in zip(case.evidence, hostile, strict=False)
    ]
    case = case.model_copy(update={"evidence": tuple(evidence)})
    path = tmp_path / f"m{suffix}"
    (write_csv if suffix == ".csv" else write_xlsx)(case, path)
    if suffix == ".csv":
        written = path.read_text(encoding="utf-8")
        assert "\n" + case.evidence[0].id + ",'=HYPERLINK" in written.replace('"', "")
    else:
        openpyxl = pytest.importorskip("openpyxl")
        sheet = openpyxl.load_workbook(path).active
        kinds = {sheet.cell(row=r, column=2).data_type for r in range(2, sheet.max_row + 1)}
        assert "f" not in kinds  # no cell is a formula
    back = sat.load_case(path)
    assert [e.summary for e in back.evidence][: len(hostile)] == hostile[: len(back.evidence)]


def test_a_row_longer_than_the_header_is_refused_with_both_counts(write):
    path = write(
        "id,evidence,credibility,relevance,H1,H2,H3\n"
        "E1,Ban announced,H,H,+,-,--\n"
        "E2,Extra cells,L,M,-,0,+,++,oops\n"
        "E3,Also long,L,M,-,0,+,++\n",
        name="m.csv",
    )
    found = problems(path)
    assert [(p.line, p.field) for p in found] == [(3, "row"), (4, "row")]
    assert found[0].message.startswith("9 cells, but the header (line 1) has 7 columns")
    assert found[1].message.startswith("8 cells, but the header (line 1) has 7 columns")


def test_trailing_blank_cells_are_not_extra_cells(write):
    case = sat.load_case(write("id,evidence,H1,H2\nE1,seen,C,I,,\n", name="m.csv"))
    assert case.item("E1").ratings == {"H1": "C", "H2": "I"}


def test_a_short_row_is_valid_its_missing_cells_unrated_and_noted(write):
    path = write(
        "id,evidence,credibility,relevance,H1,H2,H3\nE1,Seen,H,H,+,-,--\nE2,Short,L,M,-\nE3,Bare\n",
        name="m.csv",
    )
    notes = []
    case = sat.load_case(path, notes=notes)
    assert case.item("E2").ratings == {"H1": "I"} and case.item("E3").ratings == {}
    assert case.item("E3").credibility == "M"
    (note,) = notes
    assert (note.file, note.line) == (str(path), 3)
    assert note.message == (
        "2 rows are shorter than the header (lines 3, 4); their missing trailing cells are "
        "blank, which leaves 5 ratings unrated"
    )


def test_an_xlsx_row_with_a_value_beyond_the_header_is_refused(tmp_path):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in [["id", "evidence", "H1", "H2"], ["E1", "seen", "C", "I", "stray"]]:
        book.active.append(row)
    path = tmp_path / "wide.xlsx"
    book.save(path)
    (problem,) = problems(path)
    assert (problem.line, problem.field) == (2, "row")
    assert "5 cells, but the header (line 1) has 4 columns" in problem.message


def test_sats_own_csv_keeps_quotes_that_a_sniffer_took_for_quoting(tmp_path):
    """csv.Sniffer read the formula guard's quote as the quote character and ate a quote."""
    from sat.io.matrix import write_csv

    case = sat.load_case(FIXTURES / "hand.yaml")
    texts = ["-12% in exports of 'dual-use' goods", "'=SUM(A1)' as typed", "it's 'quoted'"]
    evidence = [
        e.model_copy(update={"summary": t}) for e, t in zip(case.evidence, texts, strict=False)
    ]
    case = case.model_copy(update={"evidence": tuple(evidence)})
    back = sat.load_case(write_csv(case, tmp_path / "m.csv"))
    assert [e.summary for e in back.evidence] == [e.summary for e in case.evidence]


@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_the_delimiter_of_a_foreign_file_is_found_from_its_header(write, delimiter):
    text = delimiter.join(["id", "evidence", "H1", "H2"]) + "\n"
    text += delimiter.join(["E1", "'quoted' or not", "C", "I"]) + "\n"
    case = sat.load_case(write(text, name="foreign.csv"))
    assert case.item("E1").ratings == {"H1": "C", "H2": "I"}
    assert case.item("E1").summary == "'quoted' or not"


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("=1+2", "'=1+2"),
        ("'=1+2", "''=1+2"),
        ("''@x", "'''@x"),
        ("'tis", "'tis"),
        ("a=b", "a=b"),
    ],
)
def test_the_formula_guard_is_one_more_quote_and_is_undone_exactly(text, written):
    from sat.io.matrix import inert, uninert

    assert inert(text) == written
    assert uninert(written) == text


def _refused(rows, tmp_path):
    from sat.io import matrix

    with pytest.raises(CaseError) as info:
        matrix._from_rows(rows, tmp_path / "m.csv", "m.csv", None)
    (problem,) = info.value.problems
    return problem


def _never_after(rows, limit):
    """``rows``, failing the test if more than ``limit`` of them are read."""
    for count, row in enumerate(rows, start=1):
        assert count <= limit, f"row {count} was read after the limit"
        yield row


def test_a_header_over_the_hypothesis_limit_is_refused_before_a_row_after_it_is_read(tmp_path):
    from sat.io.matrix import MAX_HYPOTHESES

    header = ["id", "evidence", *(f"H{j}" for j in range(MAX_HYPOTHESES + 1))]
    rows = _never_after(iter([(1, header), (2, ["E1", "x"])]), 1)
    problem = _refused(rows, tmp_path)
    assert (problem.line, problem.field) == (1, "header")
    assert f"more than {MAX_HYPOTHESES:,} hypothesis columns" in problem.message


def test_a_wide_csv_header_is_refused_in_one_line(write):
    from sat.io.matrix import MAX_HYPOTHESES

    names = ",".join(f"H{j}" for j in range(20_000))
    (problem,) = problems(write(f"id,evidence,{names}\nE1,x\n", name="wide.csv"))
    assert problem.line == 1 and f"{MAX_HYPOTHESES:,}" in problem.message


def test_rows_are_refused_at_the_row_limit_while_reading(tmp_path, monkeypatch):
    from sat.io import matrix_format

    monkeypatch.setattr(matrix_format, "MAX_ROWS", 10)
    blank = ((n, ["", ""]) for n in range(2, 10**9))
    rows = _never_after(_chain((1, ["id", "evidence", "H1", "H2"]), blank), 11)
    problem = _refused(rows, tmp_path)
    assert problem.line == 11 and "more than 10 rows" in problem.message


def test_evidence_is_refused_at_the_evidence_limit_while_reading(tmp_path, monkeypatch):
    from sat.io import matrix_format

    monkeypatch.setattr(matrix_format, "MAX_EVIDENCE", 3)
    items = ((n, [f"E{n}", "seen", "C", "I"]) for n in range(2, 10**9))
    rows = _never_after(_chain((1, ["id", "evidence", "H1", "H2"]), items), 5)
    problem = _refused(rows, tmp_path)
    assert problem.line == 5 and "more than 3 evidence rows" in problem.message


def test_a_row_over_the_column_limit_is_refused(tmp_path):
    from sat.io.matrix import MAX_COLUMNS

    rows = iter([(1, ["id", "evidence", "H1", "H2"]), (2, ["E1", "x", *[""] * MAX_COLUMNS])])
    problem = _refused(rows, tmp_path)
    assert problem.line == 2 and f"at most {MAX_COLUMNS:,} in a row" in problem.message


def _chain(first, rest):
    yield first
    yield from rest


def _workbook(tmp_path, rows, dimension=True):
    """An .xlsx of ``rows``; without ``dimension`` its sheet declares no size."""
    import zipfile

    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    path = tmp_path / "m.xlsx"
    book.save(path)
    if not dimension:
        stripped = tmp_path / "stripped.xlsx"
        with zipfile.ZipFile(path) as source, zipfile.ZipFile(stripped, "w") as target:
            for info in source.infolist():
                data = source.read(info)
                if info.filename.startswith("xl/worksheets/"):
                    data = re.sub(rb"<dimension [^>]*/>", b"", data)
                    assert b"<dimension" not in data
                target.writestr(info, data)
        path = stripped
    return path


def test_an_xlsx_whose_sheet_declares_too_many_rows_is_refused_before_reading(
    tmp_path, monkeypatch
):
    from sat.io import matrix, matrix_format

    path = _workbook(tmp_path, [["id", "evidence", "H1", "H2"]] + [["E", "x", "C", "I"]] * 30)
    monkeypatch.setattr(matrix_format, "MAX_ROWS", 20)
    monkeypatch.setattr(matrix, "_sheet_rows", None)  # reading a row would fail the test
    (problem,) = problems(path)
    assert "declares 31 rows" in problem.message and "at most 20 rows" in problem.message


def test_an_xlsx_that_declares_no_size_is_refused_at_the_row_limit(tmp_path, monkeypatch):
    from sat.io import matrix_format

    rows = [["id", "evidence", "H1", "H2"]] + [[f"E{n}", "x", "C", "I"] for n in range(30)]
    path = _workbook(tmp_path, rows, dimension=False)
    monkeypatch.setattr(matrix_format, "MAX_ROWS", 20)
    (problem,) = problems(path)
    assert problem.line == 21 and "more than 20 rows" in problem.message


def test_an_xlsx_that_understates_its_size_is_refused_at_the_row_limit(tmp_path, monkeypatch):
    from sat.io import matrix_format

    rows = [["id", "evidence", "H1", "H2"]] + [[f"E{n}", "x", "C", "I"] for n in range(30)]
    path = _workbook(tmp_path, rows, dimension=False)
    lying = tmp_path / "lying.xlsx"
    with zipfile.ZipFile(path) as source, zipfile.ZipFile(lying, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename.startswith("xl/worksheets/"):
                data = data.replace(b"<sheetData>", b'<dimension ref="A1:D2"/><sheetData>')
                assert b'ref="A1:D2"' in data
            target.writestr(info, data)
    monkeypatch.setattr(matrix_format, "MAX_ROWS", 20)
    (problem,) = problems(lying)
    assert problem.line == 21 and "more than 20 rows" in problem.message
