"""Excalibur's .dtt/.rls study files: read, written back value for value, and located problems."""

import dataclasses
import shutil
from pathlib import Path

import pytest

from sat.errors import CaseError
from sat.io import excalibur
from sat.io.excalibur import dumps, format_value, read_study, write_study
from sat.models.study import Item, Study

SEJU = Path(__file__).parent.parent / "fixtures" / "seju"
HEADER = "* CLASS ASCII OUTPUT FILE. NQ=   3   QU=   5  50  95\n"


def line(expert, name, item, ident, scale, *values, question=""):
    cells = "".join(f"{v:>15}" for v in values)
    return f"{expert:5d}{name:>9}{item:5d}{ident:>15} {scale}{cells} {question}\n"


def rls_line(item, ident, value, scale, question=""):
    return f"{item:5d}{ident:>15}{value:>15} {scale} {question}\n"


def write(tmp_path, dtt, rls, name="study"):
    (tmp_path / f"{name}.dtt").write_text(dtt)
    (tmp_path / f"{name}.rls").write_text(rls)
    return tmp_path / f"{name}.dtt"


def problems(path):
    with pytest.raises(CaseError) as caught:
        read_study(path)
    return str(caught.value).splitlines()


def test_reads_the_tobacco_study():
    s = read_study(SEJU / "tobacco.dtt")
    assert s.probabilities == (0.05, 0.25, 0.5, 0.75, 0.95)
    assert s.experts == tuple(f"Ex{i}" for i in range(1, 8))
    assert len(s.items) == 21 and len(s.seeds) == 10
    first = s.items[0]
    assert (first.id, first.scale, first.realization) == ("$TAdProm2005", "uniform", 13.11)
    assert first.question.startswith("amount (billion $) spent on advertising")
    assert s.answer("Ex1", "$TAdProm2005") == (5.0, 12.0, 25.0, 35.0, 50.0)
    assert s.items[10].realization is None  # -9.99500E+0002 in the .rls: a target


def test_reads_ids_with_spaces_and_log_items():
    s = read_study(SEJU / "gerstenberger.dtt")
    assert s.probabilities == (0.1, 0.5, 0.9) and len(s.experts) == 12
    first = s.items[0]
    assert (first.id, first.scale, first.realization, first.question) == (
        "subducted dist",
        "log",
        890.0,
        "full",
    )
    assert s.items[1].scale == "uniform"
    assert s.answer("1", "PGA %g diff.") == (0.1, 0.3, 0.5)


@pytest.mark.parametrize("name", ["tobacco", "gerstenberger"])
def test_round_trip_keeps_every_value_field(name, tmp_path):
    study = read_study(SEJU / f"{name}.dtt")
    dtt, rls = dumps(study)
    original = (SEJU / f"{name}.dtt").read_text().splitlines()
    written = dtt.splitlines()
    assert written[0] == original[0]
    m = len(study.probabilities)
    assert len(written) == len(original)
    for old, new in zip(original[1:], written[1:], strict=True):
        assert new[:38] == old[:38]  # numbers, ids and scale in their columns
        assert new[38 : 38 + 15 * m] == old[38 : 38 + 15 * m]  # the values, byte for byte
    assert rls == (SEJU / f"{name}.rls").read_text()  # the .rls whole
    target = tmp_path / f"{name}.dtt"
    assert write_study(study, target) == (target, tmp_path / f"{name}.rls")
    assert read_study(target) == study


def test_format_value():
    assert format_value(13.11) == "1.31100E+0001"
    assert format_value(0.000069) == "6.90000E-0005"
    assert format_value(-0.5) == "-5.00000E-0001"
    assert format_value(1e100) == "1.00000E+0100"
    assert format_value(None) == "-9.99500E+0002"


def test_any_value_at_or_below_minus_995_means_none(tmp_path):
    dtt = HEADER + line(1, "A", 1, "Q1", "UNI", "1.0E+0000", "2.0E+0000", "3.0E+0000")
    dtt += line(1, "A", 2, "Q2", "UNI", "-9.99600E+0002", "-9.99600E+0002", "-1.0E+0003")
    dtt += line(2, "B", 1, "Q1", "UNI", "1.0E+0000", "2.5E+0000", "3.0E+0000")
    rls = rls_line(1, "Q1", "2.00000E+0000", "UNI") + rls_line(2, "Q2", "-995", "UNI")
    s = read_study(write(tmp_path, dtt, rls))
    assert s.items[1].realization is None and s.items[0].realization == 2.0
    assert s.answer("A", "Q2") is None and s.answer("B", "Q2") is None  # B gave no line
    assert s.answers[1][0] == (1.0, 2.5, 3.0)


def test_a_study_is_immutable():
    s = read_study(SEJU / "gerstenberger.dtt")
    with pytest.raises(dataclasses.FrozenInstanceError):
        s.experts = ()  # type: ignore[misc]


def test_every_problem_is_one_located_line(tmp_path):
    dtt = HEADER
    dtt += line(1, "A", 1, "Q1", "UNI", "1.0E+0000", "x", "3.0E+0000")
    dtt += line(1, "A", 2, "Q2", "LIN", "1.0E+0000", "2.0E+0000", "3.0E+0000")
    dtt += line(2, "B", 1, "Q1", "UNI", "3.0E+0000", "2.0E+0000", "4.0E+0000")
    dtt += line(2, "B", 3, "Q9", "UNI", "1.0E+0000", "2.0E+0000", "3.0E+0000")
    dtt += line(2, "B", 2, "Q2", "LOG", "-1.0E+0000", "2.0E+0000", "3.0E+0000")
    dtt += line(3, "C", 1, "Q1", "UNI", "1.0E+0000", "-999.5", "3.0E+0000")
    rls = rls_line(1, "Q1", "2.0E+0000", "UNI") + rls_line(2, "Q2", "5.0E+0000", "LOG")
    path = write(tmp_path, dtt, rls)
    found = problems(path)
    assert found == [
        f"{path}:2: expert A.item Q1.quantile 50%: got 'x': should be a number such as "
        "1.20000E+0001 (-999.5 for no answer)",
        f"{path}:3: expert A.item Q2.scale: 'LIN' should be UNI or LOG (columns 35-38)",
        f"{path}:4: expert B.item Q1.quantile 50%: 2.0E+0000 should be above the 5% quantile "
        "3.0E+0000",
        f"{path}:5: expert B.item Q9.item id: item 'Q9' is not in study.rls: give it a line there",
        f"{path}:6: expert B.item Q2.quantile 5%: -1.0E+0000 is not positive: a LOG item's "
        "values must be",
        f"{path}:7: expert C.item Q1: some quantiles are -999.5 (no answer) and some are not: "
        "give all or none",
    ]


def test_rls_problems_are_located(tmp_path):
    rls = rls_line(1, "Q1", "abc", "UNI") + rls_line(2, "Q2", "5.0", "EXP")
    rls += rls_line(3, "Q3", "-2.0", "LOG") + f"{'x':>5}{'Q4':>15}{'1.0':>15} UNI\n"
    dtt = HEADER + line(1, "A", 1, "Q1", "UNI", "1", "2", "3")
    path = write(tmp_path, dtt, rls)
    shown = tmp_path / "study.rls"
    assert problems(path) == [
        f"{shown}:1: item Q1.realization: 'abc' is not a number (write -999.5 for none)",
        f"{shown}:2: item Q2.scale: 'EXP' should be UNI or LOG",
        f"{shown}:3: item Q3.realization: -2.0 is not positive: a LOG item's values must be",
        f"{shown}:4: item Q4.number: 'x' should be a whole number (columns 1-5)",
    ]


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("NQ= 3 QU= 5 50 95", "the first line should be '* CLASS ASCII OUTPUT FILE. NQ= m"),
        ("* CLASS ASCII OUTPUT FILE. NQ=   x   QU=   5  50  95", "header.NQ: 'x' is not a number"),
        ("* CLASS ASCII OUTPUT FILE. NQ=   3   QU=   5  50", "header.QU: should give 3 quantile"),
        ("* CLASS ASCII OUTPUT FILE. NQ=   3   QU=  50   5  95", "increase strictly between 0"),
    ],
)
def test_a_bad_header_is_named(tmp_path, header, message):
    path = write(tmp_path, header + "\n", rls_line(1, "Q1", "2.0", "UNI"))
    (found,) = problems(path)
    assert found.startswith(f"{path}:1: ") and message in found


def test_the_rls_must_be_beside_the_dtt(tmp_path):
    (tmp_path / "lone.dtt").write_text(HEADER)
    (found,) = problems(tmp_path / "lone.dtt")
    assert found == (
        f"{tmp_path / 'lone.rls'}: no realisations file beside lone.dtt: Excalibur keeps them "
        "in lone.rls"
    )


def test_limits_apply_while_reading(tmp_path, monkeypatch):
    shutil.copy(SEJU / "tobacco.rls", tmp_path / "t.rls")
    shutil.copy(SEJU / "tobacco.dtt", tmp_path / "t.dtt")
    monkeypatch.setattr(excalibur, "MAX_LINES", 100)
    (found,) = problems(tmp_path / "t.dtt")
    assert found == f"{tmp_path / 't.dtt'}: 148 lines; the limit is 100"  # 1 + 7 x 21
    monkeypatch.setattr(excalibur, "MAX_BYTES", 10_000)
    (found,) = problems(tmp_path / "t.dtt")
    assert "21,664 bytes; the limit is 10,000" in found


def test_writing_refuses_what_the_columns_cannot_hold(tmp_path):
    study = Study(
        (0.05, 0.5, 0.95),
        (Item("a-very-long-item-id"), Item("Q2", "two\nlines")),
        ("expert-nine",),
        (((1.0, 2.0, 3.0), None),),
    )
    with pytest.raises(CaseError) as caught:
        write_study(study, tmp_path / "out.dtt")
    assert str(caught.value).splitlines() == [
        f"{tmp_path / 'out.dtt'}: expert expert-nine: an Excalibur expert id is 1-8 printable "
        "characters without leading or trailing space",
        f"{tmp_path / 'out.dtt'}: item Q2.question: an Excalibur question is one line of "
        "printable characters",
        f"{tmp_path / 'out.dtt'}: item a-very-long-item-id: an Excalibur item id is 1-14 "
        "printable characters without leading or trailing space",
    ]
    assert not (tmp_path / "out.dtt").exists()


def test_unanswered_items_are_written_as_the_sentinel(tmp_path):
    study = Study(
        (0.05, 0.5, 0.95),
        (Item("Q1", realization=1.5), Item("Q2", scale="log")),
        ("A",),
        (((1.0, 2.0, 3.0), None),),
    )
    dtt, rls = dumps(study)
    assert "-9.99500E+0002 -9.99500E+0002 -9.99500E+0002" in dtt.splitlines()[2]
    assert rls.splitlines()[1].startswith("    2             Q2 -9.99500E+0002 LOG")
    path = tmp_path / "s.dtt"
    write_study(study, path)
    assert read_study(path) == study


def test_writing_refuses_values_excalibur_would_read_as_no_answer(tmp_path):
    study = Study(
        (0.05, 0.5, 0.95),
        (Item("Q1", realization=-2000.0), Item("Q2")),
        ("A",),
        (((-1500.0, -1000.0, -500.0), (1.0, 2.0, float("inf"))),),
    )
    with pytest.raises(CaseError) as caught:
        dumps(study, "out.dtt")
    holds = (
        "Excalibur's files hold finite values above -995 (at or below it a value means no answer)"
    )
    assert str(caught.value).splitlines() == [
        f"out.dtt: expert A.item Q1: {holds}",
        f"out.dtt: expert A.item Q2: {holds}",
        f"out.dtt: item Q1.realization: {holds}",
    ]
