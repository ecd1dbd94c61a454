"""The fast path of a matrix file (sat.io.matrix_fast) gives what reading it item by item gives.

For generated cases written as matrix files, with cells spoilt the ways analysts' files are
(invalid, blank, odd letter case and spacing, duplicate ids, short, wide and blank rows,
priors), loading with the fast path and with the item-by-item path alone either gives equal
cases (equal models, equal exports, equal matrices, equal notes) or the same problems.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st

import sat
from sat.errors import CaseError
from sat.io import matrix_cells, matrix_fast
from sat.io.export import to_json
from sat.io.matrix import matrix_rows
from sat.testing import cases, generate_case

#: Cells a spoilt rating cell may hold: valid in other spellings, blank, invalid.
RATING_CELLS = [
    "cc",
    " C ",
    "i i",
    "++",
    "--",
    "0",
    "nA",
    "",
    "  ",
    "0.25",
    "1",
    "maybe",
    "'=C",
    "2",
]
#: Cells a spoilt credibility, relevance, type or date cell may hold.
FIELD_CELLS = {
    2: ["h", " L ", "", "x", "medium"],
    3: ["m", "", "Low", "7"],
    5: ["Expert_Comment", " REPORT", "", "rumour", "assumption"],
    6: ["2026-01-02", " 2026-02-03 ", "", "yesterday", "2026-13-01"],
}


def _load(path, fast: bool, monkeypatch):
    """(case or None, problems or None, notes) of loading ``path``, by one path or the other."""
    with monkeypatch.context() as patched:
        if not fast:
            patched.setattr(matrix_fast, "fast_case", lambda *args: None)
        notes: list = []
        try:
            return sat.load_case(path, notes=notes), None, notes
        except CaseError as exc:
            return None, exc.problems, notes


def _assert_same(path, monkeypatch):
    fast, fast_problems, fast_notes = _load(path, True, monkeypatch)
    slow, slow_problems, slow_notes = _load(path, False, monkeypatch)
    assert fast_problems == slow_problems
    assert fast_notes == slow_notes
    if slow is None:
        return None
    assert fast == slow
    assert fast.model_dump() == slow.model_dump()
    assert fast.model_dump(exclude_unset=True) == slow.model_dump(exclude_unset=True)
    assert to_json(fast, "x.json") == to_json(slow, "x.json")
    for name in ("index", "codes", "rated", "level", "votes"):
        assert np.array_equal(getattr(fast.matrix, name), getattr(slow.matrix, name)), name
    for name in ("probability", "weight"):
        assert np.array_equal(
            getattr(fast.matrix, name), getattr(slow.matrix, name), equal_nan=True
        )
    for name in ("summary", "type", "credibility", "relevance"):
        assert getattr(fast.matrix, name).tolist() == getattr(slow.matrix, name).tolist()
    assert fast.matrix.evidence_ids == slow.matrix.evidence_ids
    return fast


def _write(rows, path):
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


@st.composite
def spoilt(draw):
    """Rows of a generated case's matrix, some cells spoilt."""
    case = sat.Case.model_validate(draw(cases(max_evidence=8, max_hypotheses=5)))
    rows = [list(r) for r in matrix_rows(case)]
    body = len(rows) - 1
    for _ in range(draw(st.integers(0, 4))):
        i = draw(st.integers(1, body))
        j = draw(st.integers(7, len(rows[0]) - 1))
        rows[i][j] = draw(st.sampled_from(RATING_CELLS))
    for _ in range(draw(st.integers(0, 2))):
        i, j = draw(st.integers(1, body)), draw(st.sampled_from(sorted(FIELD_CELLS)))
        rows[i][j] = draw(st.sampled_from(FIELD_CELLS[j]))
    change = draw(
        st.sampled_from(
            [
                "none",
                "duplicate",
                "blank row",
                "short",
                "wide",
                "prior",
                "spaced id",
                "two lines",
                "guarded",
                "trailing blanks",
            ]
        )
    )
    if change == "duplicate" and body > 1:
        rows[2][0] = rows[1][0]
    elif change == "blank row":
        rows.insert(draw(st.integers(1, len(rows))), [""] * len(rows[0]))
    elif change == "short":
        rows[body] = rows[body][:-1]
    elif change == "wide":
        rows[body] = [*rows[body], "C"]
    elif change == "prior":
        rows.insert(1, ["PRIOR", "", "", "", "", "", "", *["0.5"] * (len(rows[0]) - 7)])
    elif change == "spaced id":
        rows[body][0] = f" {rows[body][0]} "
    elif change == "guarded":  # the formula guard's quote, and an apostrophe it leaves alone
        rows[body][1], rows[body - 1][1] = f"'=1+{rows[body][1]}", f"'tis {rows[body - 1][1]}"
    elif change == "trailing blanks":  # a spreadsheet's export: blank cells after the header's
        rows = [[*row, "", " "] for row in rows]
    elif change == "two lines":  # a quoted line break: the rows are numbered one by one
        rows[1][1] = f"{rows[1][1]}\nand more"
    return rows


@settings(
    max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(rows=spoilt())
def test_the_fast_path_gives_what_reading_item_by_item_gives(rows, tmp_path, monkeypatch):
    path = _write(rows, tmp_path / "spoilt.csv")
    _assert_same(path, monkeypatch)
    taken = []
    real = matrix_fast.fast_case
    with monkeypatch.context() as patched:
        patched.setattr(matrix_fast, "fast_case", lambda *a: taken.append(real(*a)) or taken[-1])
        _load(path, True, monkeypatch)
    event("fast path" if taken and taken[0] is not None else "item by item")


def test_a_clean_matrix_takes_the_fast_path_and_gives_the_same_case(tmp_path, monkeypatch):
    path = sat.testing.write_case(tmp_path / "clean.csv", 40, 6, seed=4)
    taken = []
    real = matrix_fast.fast_case
    monkeypatch.setattr(matrix_fast, "fast_case", lambda *a: taken.append(real(*a)) or taken[-1])
    case = sat.load_case(path)
    assert isinstance(taken[0], sat.Case) and taken[0] is case
    monkeypatch.undo()
    assert _assert_same(path, monkeypatch) is not None


def test_an_item_s_ratings_are_made_when_first_looked_at_and_equal_the_mapping(
    tmp_path, monkeypatch
):
    rows = [["id", "evidence", "H1", "H2"], ["E1", "seen", " cc", ""], ["E2", "'=x", "0.3", "i"]]
    path = _write(rows, tmp_path / "m.csv")
    case = _assert_same(path, monkeypatch)  # no source, credibility, ... column: none given
    ratings = case.item("E1").ratings
    assert isinstance(ratings, matrix_fast.LazyRatings)
    assert ratings == {"H1": "CC"} and dict(case.item("E2").ratings) == {"H1": 0.3, "H2": "I"}
    assert case.matrix.codes.tolist() == [["CC", "NA"], ["NA", "I"]]
    assert case.item("E1").model_fields_set == {"id", "summary", "ratings"}
    assert case.item("E2").summary == "=x"  # the formula guard's quote taken off


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_a_generated_matrix_loads_equal_by_both_paths(suffix, tmp_path, monkeypatch):
    pytest.importorskip("openpyxl")
    case = sat.Case.model_validate(generate_case(30, 5, seed=2))
    path = tmp_path / f"m{suffix}"
    from sat.io.matrix import write_csv, write_xlsx

    (write_csv if suffix == ".csv" else write_xlsx)(
        case, path, **({"exact": False} if suffix == ".csv" else {})
    )
    assert _assert_same(path, monkeypatch) is not None


def test_a_workbook_with_empty_and_number_cells_takes_the_fast_path(tmp_path, monkeypatch):
    openpyxl = pytest.importorskip("openpyxl")
    book = openpyxl.Workbook()
    for row in [
        ["id", "evidence", "credibility", "relevance", "H1", "H2", "H3"],
        ["prior", None, None, None, 0.5, 0.25, 0.25],
        ["E1", "seen", "h", None, "++", None, 1],
        ["E2", "heard", None, "L", 0, 0.25, 1.0],
        [3, "a number for an id", "M", "m", "i", "NA", 0.0],
    ]:
        book.active.append(row)
    path = tmp_path / "m.xlsx"
    book.save(path)
    taken = []
    real = matrix_fast.fast_case
    with monkeypatch.context() as patched:
        patched.setattr(matrix_fast, "fast_case", lambda *a: taken.append(real(*a)) or taken[-1])
        sat.load_case(path)
    assert isinstance(taken[0], sat.Case)
    case = _assert_same(path, monkeypatch)
    assert dict(case.item("E1").ratings) == {"H1": "CC", "H3": 1.0}
    assert dict(case.item("3").ratings) == {"H1": "I", "H2": "NA", "H3": "N"}


def test_blank_cells_after_the_header_s_last_column_keep_the_fast_path(tmp_path, monkeypatch):
    case = sat.Case.model_validate(generate_case(12, 4, seed=5))
    rows = [[*row, "", " "] for row in matrix_rows(case)]
    path = _write(rows, tmp_path / "export.csv")
    taken = []
    real = matrix_fast.fast_case
    with monkeypatch.context() as patched:
        patched.setattr(matrix_fast, "fast_case", lambda *a: taken.append(real(*a)) or taken[-1])
        sat.load_case(path)
    assert isinstance(taken[0], sat.Case)
    assert _assert_same(path, monkeypatch).matrix.codes.tolist() == case.matrix.codes.tolist()


@settings(max_examples=300, deadline=None)
@given(
    pieces=st.lists(st.sampled_from(["a", " ", ",", ";", "\t", "\n", "\r\n", "\r", '"', "'", "é"])),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_splitting_a_text_gives_the_rows_the_csv_module_reads(pieces, delimiter):
    text = "".join(pieces)
    rows = matrix_fast.split_rows(text, delimiter)
    expected = list(csv.reader(io.StringIO(text, newline=""), csv.excel, delimiter=delimiter))
    assert rows is None or rows == expected
    if '"' not in text and "\r" not in text.replace("\r\n", ""):
        assert rows == expected  # split whenever no cell can be quoted


def test_a_text_with_quoted_cells_or_a_lone_carriage_return_is_left_to_the_csv_module():
    assert matrix_fast.split_rows('id,evidence\nE1,"a, b"\n', ",") is None
    assert matrix_fast.split_rows("id,evidence\rE1,seen\r", ",") is None
    assert matrix_fast.split_rows("id,evidence\r\n\r\nE1,seen", ",") == [
        ["id", "evidence"],
        [],
        ["E1", "seen"],
    ]


def test_hypotheses_between_other_columns_and_windows_line_breaks_load_by_both_paths_alike(
    tmp_path, monkeypatch
):
    rows = [
        ["id", "H1", "evidence", "H2", "source", "H3"],
        ["E1", "C", "seen", " i", "Wire; Embassy", ""],
        ["E2", "", "heard", "NA", "", "cc"],
    ]
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\r\n").writerows(rows)
    path = tmp_path / "mixed.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8", newline="")
    case = _assert_same(path, monkeypatch)
    assert case.matrix.codes.tolist() == [["C", "I", "NA"], ["NA", "NA", "CC"]]
    assert [e.sources for e in case.evidence] == [("S1", "S2"), ()]


#: Rating cells of one or two bytes (compared as bytes), longer, and non-ASCII.
TAIL_CELLS = ["C", "CC", "i", "NA", "++", "-", "0", "", " ", " C", "é", "€", "0.25", "1", "x"]


@settings(max_examples=200, deadline=None)
@given(
    table=st.integers(2, 4).flatmap(
        lambda width: st.lists(
            st.lists(st.sampled_from(TAIL_CELLS), min_size=width, max_size=width), min_size=1
        )
    ),
    delimiter=st.sampled_from([",", ";", "\t"]),
)
def test_rating_cells_read_from_each_row_s_text_are_those_read_cell_by_cell(table, delimiter):
    hypotheses = [f"H{k}" for k in range(1, len(table[0]) + 1)]
    by_text = matrix_cells.tail_cells(list(map(delimiter.join, table)), delimiter, hypotheses)
    by_cell = matrix_cells.row_cells(table, range(len(hypotheses)), hypotheses)
    assert (by_text is None) == (by_cell is None)
    if by_cell is not None:
        for name in ("index", "rated"):
            assert np.array_equal(getattr(by_text, name), getattr(by_cell, name)), name
        assert np.array_equal(by_text.probability, by_cell.probability, equal_nan=True)
        for row in range(len(table)):
            assert by_text.ratings(row) == by_cell.ratings(row)


def test_a_matrix_whose_rating_cells_are_codes_reads_them_as_bytes(tmp_path, monkeypatch):
    rows = [
        ["id", "evidence", "credibility", "H1", "H2", "H3"],
        ["E1", "seen", "h", "cc", "", " I"],
        ["E2", "heard", "", "NA", "0", "++"],
    ]
    path = _write(rows, tmp_path / "codes.csv")
    read = []
    real = matrix_fast.tail_cells
    monkeypatch.setattr(matrix_fast, "tail_cells", lambda *a: read.append(real(*a)) or read[-1])
    case = sat.load_case(path)
    monkeypatch.undo()
    assert isinstance(read[0], matrix_cells.Cells)
    assert case.matrix.codes.tolist() == [["CC", "NA", "I"], ["NA", "N", "CC"]]
    assert dict(case.item("E1").ratings) == {"H1": "CC", "H3": "I"}
    assert dict(case.item("E2").ratings) == {"H1": "NA", "H2": "N", "H3": "CC"}
    assert case == _assert_same(path, monkeypatch)
