"""The judgement register: one CSV file, forecasts added once per case version, outcomes recorded."""

import datetime as dt

import pytest

from sat.errors import CaseError
from sat.io.register import COLUMNS, Entry, add, read_register, resolve, write_register
from sat.techniques.judgements import Judgement

DAY = dt.date(2026, 3, 1)


def judgement(ident="case:H1", p=0.7):
    return Judgement(
        ident, "hypothesis", ident.split(":")[1], "=H1 is it", p, "It is admitted.", DAY
    )


def test_a_register_round_trips_and_keeps_formula_text_inert(tmp_path):
    path = tmp_path / "register.csv"
    entries, _, _ = add((), [judgement()], version="v1", analyst="A", today=DAY)
    write_register(path, entries)
    text = path.read_text()
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert ",'=H1 is it," in text  # a spreadsheet shows it rather than evaluating it
    assert read_register(path) == entries and entries[0].statement == "=H1 is it"
    assert read_register(tmp_path / "none.csv") == ()  # a register not yet written is empty


def test_a_judgement_is_registered_once_per_version_and_revised_as_a_new_forecast():
    entries, added, _ = add((), [judgement(p=0.7)], version="v1", analyst="A", today=DAY)
    entries, added, skipped = add(entries, [judgement(p=0.6)], version="v1", analyst="A", today=DAY)
    assert added == [] and skipped == ["case:H1"] and len(entries) == 1
    entries = resolve(entries, "case:H1", True, DAY)
    entries, added, _ = add(entries, [judgement(p=0.6)], version="v2", analyst="A", today=DAY)
    assert [(e.forecast, e.probability, e.outcome) for e in entries] == [(1, 0.7, 1), (2, 0.6, 1)]
    entries = resolve(entries, "case:H1", False, DAY)
    assert {e.outcome for e in entries} == {0}
    with pytest.raises(KeyError):
        resolve(entries, "case:H9", True, DAY)


def test_every_problem_in_a_register_is_located(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(
        "id,forecast,analyst,probability,outcome,deadline\n"
        "a:H1,1,A,1.5,,2026-01-01\n"
        "a:H2,1,A,0.5,maybe,someday\n"
        "a:H2,1,A,0.4,1,\n"
        ",1,A,0.2,,\n"
    )
    with pytest.raises(CaseError) as caught:
        read_register(path)
    found = {(p.line, p.field) for p in caught.value.problems}
    assert found == {
        (2, "probability"),
        (3, "outcome"),
        (3, "deadline"),
        (4, "forecast"),
        (5, "id"),
    }
    path.write_text("id,p\n")
    with pytest.raises(CaseError, match="missing: analyst, probability, outcome"):
        read_register(path)


def test_other_tools_files_need_only_id_analyst_probability_outcome(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text("id,analyst,probability,outcome\nq1,B,0.9,1\nq2,B,0.2,\n")
    entries = read_register(path)
    assert [(e.id, e.forecast, e.probability, e.outcome) for e in entries] == [
        ("q1", 1, 0.9, 1),
        ("q2", 1, 0.2, None),
    ]
    assert isinstance(entries[0], Entry) and entries[1].open
