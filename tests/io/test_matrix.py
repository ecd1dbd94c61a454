"""The CSV / .xlsx matrix interchange format."""

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
    assert found[(3, "evidence[1].summary")] == "must not be empty"
    assert "'X' is not a level" in found[(3, "evidence[1].credibility")]
    assert "'maybe' is not a rating" in found[(3, "evidence[1].ratings.H2")]
    assert found[(4, "evidence[2].id")] == "duplicate id 'E1' (also evidence[0])"


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
    assert (problem.line, problem.field) == (2, "evidence[0].ratings.H2")


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
    assert (problem.line, problem.field) == (3, "hypotheses[1].prior")
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
