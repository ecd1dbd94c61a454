"""Quantity targets in the register: rows of kind quantity whose quantiles come back exactly, in a
file that older registers still read as, with every bad cell a located line of its own."""

from __future__ import annotations

import dataclasses
import datetime as dt
import itertools

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sat
from sat.case import Case
from sat.cli import EXIT_USAGE, main
from sat.errors import CaseError
from sat.io.register import COLUMNS, Entry, read_register, read_rows, resolve, write_register
from sat.io.register_quantities import (
    QUANTITY_COLUMNS,
    QuantityEntry,
    add_quantities,
    format_quantiles,
    parse_quantiles,
    resolve_value,
)
from sat.testing import quantity_cases

DAY = dt.date(2026, 3, 1)
HEADER = ",".join(COLUMNS)
OLD = (  # a register as sat wrote it before quantity targets
    f"{HEADER}\n"
    "c:H1,1,c,v1,the analysis,hypothesis,H1 is it,0.7,It is admitted.,2026-12-31,2026-03-01,,\n"
    "c:H1,1,c,v1,Analyst A,hypothesis,H1 is it,0.5,It is admitted.,2026-12-31,2026-03-01,,\n"
)


def target(
    ident="c:Q4", who="Analyst A", quantiles=((0.05, 22.0), (0.5, 35.0), (0.95, 70.0)), scale="log"
):
    return QuantityEntry(
        id=ident,
        forecast=1,
        case="c",
        version="v1",
        analyst=who,
        statement="=Q4: how many firms?",  # formula-looking text stays inert
        quantiles=quantiles,
        scale=scale,
        criterion="The list of 30 June.",
        deadline=dt.date(2026, 6, 30),
        registered=DAY,
    )


def test_an_old_register_reads_as_before_and_is_written_back_byte_for_byte(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(OLD)
    rows = read_rows(path)
    assert rows == read_register(path) and all(isinstance(e, Entry) for e in rows)
    write_register(path, rows)  # no quantity row: no quantity columns
    assert path.read_text() == OLD


def test_a_quantity_row_round_trips_exactly_after_the_old_rows(tmp_path):
    path = tmp_path / "register.csv"
    path.write_text(OLD)
    odd = ((1 / 3, -0.1), (0.5, 1e-7), (2 / 3, 123456789.123456789))
    rows = (*read_rows(path), target(), target("c:Q5", quantiles=odd, scale="uniform"))
    write_register(path, rows)
    lines = path.read_text().splitlines()
    assert lines[0] == f"{HEADER},{','.join(QUANTITY_COLUMNS)}"
    assert lines[1:3] == [line + ",,," for line in OLD.splitlines()[1:]]  # old rows: 3 empty cells
    assert lines[3].endswith(",5:22;50:35;95:70,log,")
    assert ",'=Q4: how many firms?," in lines[3]  # a spreadsheet shows it, never evaluates it
    assert read_rows(path) == rows
    assert read_register(path) == rows[:2]  # the probability forecasts alone


@given(
    st.lists(
        st.floats(min_value=1e-300, max_value=1 - 1e-16, exclude_min=True),
        min_size=1,
        max_size=6,
        unique=True,
    ),
    st.lists(st.floats(allow_nan=False, allow_infinity=False), min_size=6, max_size=6, unique=True),
)
def test_any_quantiles_come_back_exactly(probabilities, values):
    pairs = tuple(zip(sorted(probabilities), sorted(values), strict=False))
    assert parse_quantiles(format_quantiles(pairs)) == pairs


def test_a_value_is_recorded_on_every_forecast_and_a_wrong_resolution_refused(tmp_path):
    rows = (target(), target(who="the analysis"))
    done = resolve_value(rows, "c:Q4", 31.0, DAY + dt.timedelta(days=120))
    assert {(e.value, e.resolved) for e in done} == {(31.0, dt.date(2026, 6, 29))}
    with pytest.raises(ValueError, match="c:Q4 is a quantity target: give the value it took"):
        resolve(rows, "c:Q4", True, DAY)
    with pytest.raises(ValueError, match="on a log scale, give a value above 0"):
        resolve_value(rows, "c:Q4", 0.0, DAY)
    with pytest.raises(ValueError, match="before forecast 1 of it was registered"):
        resolve_value(rows, "c:Q4", 31.0, DAY - dt.timedelta(days=1))
    path = tmp_path / "register.csv"
    path.write_text(OLD)
    with pytest.raises(ValueError, match="c:H1 is a probability judgement: give whether it came"):
        resolve_value(read_rows(path), "c:H1", 3.0, DAY)
    write_register(path, done)
    assert read_rows(path) == done


def test_sat_resolve_takes_a_value_for_a_target_and_an_outcome_for_a_judgement(tmp_path, capsys):
    path = tmp_path / "register.csv"
    write_register(path, (*read_rows(_old(tmp_path)), target()))
    before = path.read_text()
    for wrong in (["c:H1", "--value", "3"], ["c:Q4", "--outcome", "yes"], ["c:Q4"]):
        assert main(["resolve", str(path), *wrong, "--date", "2026-07-01"]) == EXIT_USAGE
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and path.read_text() == before  # one line, nothing written
    assert main(["resolve", str(path), "c:Q4", "--value", "31", "--date", "2026-07-01"]) == 0
    assert capsys.readouterr().out == f"c:Q4: value 31 recorded on 1 forecast(s) in {path}\n"
    assert [e.value for e in read_rows(path) if e.id == "c:Q4"] == [31.0]


def _old(tmp_path):
    path = tmp_path / "old.csv"
    path.write_text(OLD)
    return path


def test_every_bad_cell_of_a_quantity_row_is_one_located_line(tmp_path):
    head = f"{HEADER},{','.join(QUANTITY_COLUMNS)}\n"
    good = "c:Q1,1,c,v1,A,quantity,Q1,,x,2026-06-30,2026-03-01,,,5:1;50:2;95:3,uniform,"
    rows = [
        good.replace("5:1;50:2;95:3", "5:1;50:1;95:3"),  # 2: values must increase
        good.replace("c:Q1", "c:Q2").replace("5:1;", "0:1;"),  # 3: a percent of 0
        good.replace("c:Q1", "c:Q3").replace(",uniform,", ",linear,"),  # 4: no such scale
        good.replace("c:Q1", "c:Q4").replace(",uniform,", ",log,").replace("5:1", "5:-1"),  # 5
        good.replace("c:Q1", "c:Q5").replace(",Q1,,", ",Q5,0.5,"),  # 6: a probability given
        good.replace("c:Q1", "c:Q6") + "abc",  # 7: a value that is not a number
        good.replace("c:Q1", "c:Q7").replace(",,,5:", ",,2026-07-01,5:"),  # 8: resolved, no value
        "c:H1,1,c,v1,A,hypothesis,H1,0.5,x,2026-06-30,2026-03-01,,,5:1,,",  # 9: quantiles on H1
        good.replace("c:Q1", "c:Q8") + "4",  # 10: Q8 = 4 ...
        good.replace("c:Q1", "c:Q8").replace(",A,", ",B,") + "5",  # 11: ... but 5 here
        "c:Q8,2,c,v1,A,hypothesis,Q8,0.5,x,2026-06-30,2026-03-01,,,,,",  # 12: Q8 as a judgement
    ]
    path = tmp_path / "register.csv"
    path.write_text(head + "\n".join(rows) + "\n")
    with pytest.raises(CaseError) as caught:
        read_rows(path)
    found = [(p.line, p.field) for p in caught.value.problems]
    assert found == [
        (2, "quantiles of c:Q1"),
        (3, "quantiles of c:Q2"),
        (4, "scale of c:Q3"),
        (5, "quantiles of c:Q4"),
        (6, "probability of c:Q5"),
        (7, "value of c:Q6"),
        (8, "resolved of c:Q7"),
        (9, "quantiles of c:H1"),
        (11, "value of c:Q8"),
        (12, "kind of c:Q8"),
    ]
    said = {p.line: p.message for p in caught.value.problems}
    assert said[2].startswith("'5:1;50:1;95:3' should be percent:value pairs joined by ';'")
    assert said[5] == "a log-scale quantity's values must be above 0"
    assert said[6].startswith("a quantity's row has no probability; leave it empty")
    assert said[11].startswith("5, but forecast 1 of c:Q8 (line 10) has 4: a value is the ")
    assert all("\n" not in p.message for p in caught.value.problems)


def test_an_entry_is_frozen():
    with pytest.raises(dataclasses.FrozenInstanceError):
        target().value = 3  # type: ignore[misc]


@settings(max_examples=40, deadline=None)
@given(case=quantity_cases())
def test_any_cases_targets_are_registered_as_answered_and_read_back_exactly(case, tmp_path_factory):
    """Every target with a resolution: each analyst's latest quantiles as the study has them, the
    equal-weight combination under the analysis's name; the file reads back as written."""
    resolution = {"criterion": "Published.", "deadline": "2027-01-01"}
    data = case.model_dump(mode="json", exclude_none=True)
    for q in data["quantities"]:
        if "realization" not in q:
            q["resolution"] = resolution
    case = Case.model_validate(data)
    analysis = sat.analyse(case)
    targets = analysis.judgements.quantities
    answered = {a.quantity for given in case.quantity_estimates.values() for a in given}
    expected = [q.id for q in case.quantities if q.realization is None and q.id in answered]
    assert [t.target for t in targets] == expected  # the others are unscorable, with why
    added, skipped, settled, unreadable = add_quantities(
        (), targets, version="v1", analyst="the analysis", today=DAY
    )
    assert (skipped, settled) == ([], [])
    for target_id, who in unreadable:  # only quantiles the register could not read back
        (t,) = [t for t in targets if t.id == target_id]
        q = dict(t.analysts).get(who) or (t.equal if who == "the analysis" else t.weighted)
        assert not all(b > a for a, b in itertools.pairwise(q))
    study = analysis.quantities.study
    for e in added:
        item = next(i for i, q in enumerate(study.items) if f"q:{q.id}" == e.id)
        if e.analyst == "the analysis":
            assert e.values == pytest.approx(analysis.quantities.combined[item], abs=0)
        elif not e.analyst.endswith("(performance-weighted)"):
            assert e.values == study.answers[study.experts.index(e.analyst)][item]
        assert e.probabilities == tuple(case.quantiles)
    path = tmp_path_factory.mktemp("register") / "register.csv"
    write_register(path, added)
    assert read_rows(path) == tuple(added)


def test_a_combination_that_does_not_increase_is_left_out_and_said_not_written():
    """Answers too close to tell apart can give a combination whose quantiles do not increase
    (or are not finite); written, it would make the register unreadable. It is left out, with
    its forecaster, and every other forecast of the target is written."""
    from types import SimpleNamespace

    target = SimpleNamespace(
        id="c:Q1", analysts=(("Ana", (1.0, 2.0, 3.0)),), equal=(2.0, 2.0, 2.0),
        weighted=(1.0, float("nan"), 3.0), probabilities=(0.05, 0.5, 0.95), scale="uniform",
        criterion="c", deadline=DAY,
    )  # fmt: skip
    added, _skipped, _settled, unreadable = add_quantities(
        (), [target], version="v1", analyst="team", today=DAY
    )
    assert [e.analyst for e in added] == ["Ana"]
    assert unreadable == [("c:Q1", "team"), ("c:Q1", "team (performance-weighted)")]
