"""The judgement register: one CSV file, forecasts added once per case version, outcomes recorded."""

import datetime as dt
import json
import multiprocessing
import os
import subprocess
import sys
from pathlib import Path

import pytest

from sat.cli import EXIT_INVALID, EXIT_USAGE, main
from sat.errors import CaseError
from sat.io.register import (
    ANALYSIS,
    COLUMNS,
    Entry,
    add,
    read_register,
    resolve,
    write_register,
)
from sat.paths import EXAMPLE_CASE
from sat.techniques.judgements import Judgement

DAY = dt.date(2026, 3, 1)


def judgement(ident="case:H1", p=0.7, kind="hypothesis", criterion="It is admitted."):
    target = ident.split(":")[1]
    return Judgement(
        ident, kind, target, label="", text="", probability=p, criterion=criterion, deadline=DAY
    )


def test_a_register_round_trips_and_keeps_formula_text_inert(tmp_path):
    path = tmp_path / "register.csv"
    entries, *_ = add(
        (), [judgement()], version="v1", analyst="A", today=DAY, statements={"case:H1": "=H1 is it"}
    )
    write_register(path, entries)
    text = path.read_text()
    assert text.splitlines()[0] == ",".join(COLUMNS)
    assert ",'=H1 is it," in text  # a spreadsheet shows it rather than evaluating it
    assert read_register(path) == entries and entries[0].statement == "=H1 is it"
    assert read_register(tmp_path / "none.csv") == ()  # a register not yet written is empty


def test_a_judgement_is_registered_once_per_version_and_revised_as_a_new_forecast():
    later = DAY + dt.timedelta(days=30)
    entries, added, *_ = add((), [judgement(p=0.7)], version="v1", analyst="A", today=DAY)
    entries, added, skipped, _ = add(
        entries, [judgement(p=0.6)], version="v1", analyst="A", today=DAY
    )
    assert added == [] and skipped == ["case:H1"] and len(entries) == 1
    entries, added, *_ = add(entries, [judgement(p=0.6)], version="v2", analyst="A", today=later)
    assert [(e.forecast, e.probability, e.registered) for e in entries] == [
        (1, 0.7, DAY),
        (2, 0.6, later),
    ]
    entries = resolve(entries, "case:H1", True, later)
    assert [(e.outcome, e.resolved) for e in entries] == [(1, later), (1, later)]
    entries = resolve(entries, "case:H1", False, later)  # a correction
    assert {e.outcome for e in entries} == {0}
    with pytest.raises(KeyError):
        resolve(entries, "case:H9", True, DAY)


def test_an_outcome_comes_after_every_forecast_and_a_settled_judgement_is_not_registered_again():
    later = DAY + dt.timedelta(days=30)
    entries, *_ = add((), [judgement(p=0.7)], version="v1", analyst="A", today=later)
    with pytest.raises(ValueError, match=r"resolved on 2026-03-01, before forecast 1 of it was "):
        resolve(entries, "case:H1", True, DAY)
    entries = resolve(entries, "case:H1", True, later)
    entries, added, skipped, settled = add(
        entries, [judgement(p=0.9)], version="v2", analyst="A", today=later + dt.timedelta(1)
    )
    assert (added, skipped, settled, len(entries)) == ([], [], ["case:H1"], 1)


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
        (2, "probability of a:H1"),
        (3, "outcome of a:H2"),
        (3, "deadline of a:H2"),
        (4, "forecast of a:H2"),
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


# --- Nothing lost: concurrent writers, links, devices (issue 27) ---------------------------------


SAT = [sys.executable, "-m", "sat"]
#: A safety net only: every command here answers at once; none should ever come near it, even on
#: a busy two-core machine.
NET = 300


def _open_register(path, n):
    entries = []
    for k in range(1, n + 1):
        found, *_ = add((), [judgement(f"case:H{k}")], version="v1", analyst="A", today=DAY)
        entries.extend(found)
    write_register(path, entries)
    return entries


def _at_once(barrier, argv, codes, k):
    from sat.cli import main

    barrier.wait(NET)  # every process starts its command together
    codes[k] = main(argv)


def _run_together(commands):
    """Run ``sat`` commands in separate processes, released together by a barrier."""
    context = multiprocessing.get_context("fork")
    barrier = context.Barrier(len(commands))
    codes = context.Array("i", [-1] * len(commands))
    processes = [
        context.Process(target=_at_once, args=(barrier, [str(a) for a in argv], codes, k))
        for k, argv in enumerate(commands)
    ]
    for process in processes:
        process.start()
    for process in processes:
        process.join(NET * 2)
    assert all(p.exitcode == 0 for p in processes), [p.exitcode for p in processes]
    return list(codes)


def test_eight_resolves_at_once_are_all_recorded(tmp_path):
    path = tmp_path / "register.csv"
    _open_register(path, 8)
    codes = _run_together(
        [
            ["resolve", path, f"case:H{k}", "--outcome", "yes" if k % 2 else "no"]
            for k in range(1, 9)
        ]
    )
    assert codes == [0] * 8
    recorded = {e.id: e.outcome for e in read_register(path)}
    assert recorded == {f"case:H{k}": k % 2 for k in range(1, 9)}


def test_registers_and_resolves_at_once_are_all_recorded(tmp_path):
    import sat.analysis  # noqa: F401  (imported once, before the processes fork)

    path = tmp_path / "register.csv"
    _open_register(path, 4)
    text = EXAMPLE_CASE.read_text(encoding="utf-8")
    cases = []
    for k in range(4):
        case = tmp_path / f"case{k}.yaml"
        case.write_text(text.replace("\nid: china-japan-dual-use-2026\n", f"\nid: copy-{k}\n"))
        cases.append(case)
    codes = _run_together(
        [["register", case, path, "--date", "2026-02-25"] for case in cases]
        + [["resolve", path, f"case:H{k}", "--outcome", "yes"] for k in range(1, 5)]
    )
    assert codes == [0] * 8
    entries = read_register(path)
    assert {e.case for e in entries} == {"case", "copy-0", "copy-1", "copy-2", "copy-3"}
    # 8 judgements each, 16 forecasts: the analysis's 8, and each analyst's own for H1 and H4
    # (3 analysts) and SC2 (2 of them)
    assert len([e for e in entries if e.case.startswith("copy-")]) == 4 * 16
    assert {e.id: e.outcome for e in entries if e.case == "case"} == {
        f"case:H{k}": 1 for k in range(1, 5)
    }


def test_a_register_that_is_a_link_is_written_through(tmp_path):
    shared = tmp_path / "team" / "register.csv"
    shared.parent.mkdir()
    _open_register(shared, 2)
    link = tmp_path / "mine.csv"
    link.symlink_to(shared)
    done = subprocess.run(
        [*SAT, "resolve", str(link), "case:H1", "--outcome", "yes", "--date", "2026-03-02"],
        capture_output=True,
        text=True,
        timeout=NET,
    )
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and os.readlink(link) == str(shared)
    assert {e.id: e.outcome for e in read_register(shared)} == {"case:H1": 1, "case:H2": None}
    done = subprocess.run(
        [*SAT, "register", str(EXAMPLE_CASE), str(link), "--date", "2026-03-02"],
        capture_output=True,
        text=True,
        timeout=NET,
    )
    assert done.returncode == 0, done.stderr
    assert link.is_symlink() and len(read_register(shared)) == 2 + 16  # 8 judgements, 16 forecasts


def _main_in_child(argv, out, err):
    import sys

    from sat.cli import main

    # the child's own standard streams: what a terminal would show of the command, nothing else
    for fd, path in ((1, out), (2, err)):
        os.dup2(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC), fd)
    sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
    code = main(argv)
    sys.stdout.flush()
    sys.stderr.flush()
    os._exit(code)


def _sat_forked(argv, folder) -> subprocess.CompletedProcess:
    """``sat ARGV`` as a process of its own, forked from this one (sat already imported, so
    each run takes a fraction of a new interpreter's start), stopped after ``NET`` seconds."""
    import importlib

    for module in (
        "sat.analysis",
        "sat.run.batch",
        "sat.report.text",
        "sat.techniques.calibration",
    ):
        importlib.import_module(module)  # what the commands import, imported once, before the fork

    out, err = folder / "stdout.txt", folder / "stderr.txt"
    context = multiprocessing.get_context("fork")
    process = context.Process(target=_main_in_child, args=([str(a) for a in argv], out, err))
    process.start()
    process.join(NET)
    if process.is_alive():  # a read that never ends: fail, as subprocess.run's timeout would
        process.kill()
        process.join()
        pytest.fail(f"sat {' '.join(map(str, argv))} still running after {NET} s")
    return subprocess.CompletedProcess(
        argv, process.exitcode, out.read_text(encoding="utf-8"), err.read_text(encoding="utf-8")
    )


@pytest.fixture(params=["fifo", "device"])
def unreadable(request, tmp_path):
    """A register that is a FIFO nobody writes to (a read would hang) or a link to /dev/zero
    (a read would never end)."""
    path = tmp_path / "register.csv"
    if request.param == "fifo":
        os.mkfifo(path)
    else:
        path.symlink_to("/dev/zero")
    return path


@pytest.mark.parametrize(
    "argv",
    [
        ["calibration", "{register}"],
        ["calibration", "{register}", "--fit"],
        ["resolve", "{register}", "case:H1", "--outcome", "yes"],
        ["register", str(EXAMPLE_CASE), "{register}"],
        ["batch", str(EXAMPLE_CASE), "--register", "{register}", "-o", "{out}"],
    ],
    ids=["calibration", "calibration-fit", "resolve", "register", "batch"],
)
def test_a_register_that_is_a_fifo_or_a_device_is_refused_in_one_line(unreadable, argv, tmp_path):
    shown = str(unreadable)
    argv = [a.format(register=shown, out=tmp_path / "out") for a in argv]
    done = _sat_forked(argv, tmp_path)
    assert done.returncode == 1
    assert len(done.stderr.splitlines()) == 1 and done.stderr.startswith(f"{shown}: ")
    assert "regular file" in done.stderr and done.stdout == ""
    # nothing is created beside the device (no lock file in /dev), nor is the FIFO replaced
    assert not list(Path("/dev").glob(".zero*"))
    assert unreadable.is_symlink() or unreadable.is_fifo()


HEADER = ",".join(COLUMNS)


def _problems(path, rows):
    path.write_text(HEADER + "\n" + "\n".join(rows) + "\n")
    with pytest.raises(CaseError) as caught:
        read_register(path)
    return caught.value.problems


def test_every_field_of_every_row_is_checked_each_problem_on_one_located_line(tmp_path):
    path = tmp_path / "register.csv"
    good = "a:H1,1,a,v1,A,hypothesis,s,0.5,c,2026-12-31,2026-02-01,,"
    assert len(read_register(path.write_text(HEADER + "\n" + good + "\n") and path)) == 1
    problems = _problems(
        path,
        [
            "a:H1,-5,a,v1,A,hypothesis,s,0.5,c,2026-12-31,2026-02-01,,",  # 2
            "a:H2,1,a,v1,A,hypothesis,s,-5,c,2026-12-31,2026-02-01,,",  # 3
            "a:H3,1,a,v1,A,hypothesis,s,0.5,c,2026-12-31,2026-02-01,1,2026-01-15",  # 4
            "a:H4,1,a,v1,A,hypothesis,s,nan,c,20261231,2026-W05-1,yes,",  # 5
            "a:H5,1,a,v1,A,hypothsis,s,0.5,c,2026-12-31,2026-02-01,,2026-03-01",  # 6
            "a:H6,1,a,v1,A,hypothesis,s,0.5,c,2026-12-31,2026-02-01,1,2026-03-01",  # 7
            "a:H6,2,a,v2,A,hypothesis,s,0.6,c,2026-12-31,2026-02-02,0,2026-03-01",  # 8
            "a:H7,0,a,v1,A,hypothesis,s,0.5,c,2026-12-31,2026-02-01,,,extra",  # 9
            "a:H8,1.5,a,v1,A,hypothesis,s,inf,c,2026-02-30,2026-02-01,,",  # 10
        ],
    )
    found = [(p.line, p.field) for p in problems]
    assert found == [
        (2, "forecast of a:H1"),
        (3, "probability of a:H2"),
        (4, "resolved of a:H3"),
        (5, "deadline of a:H4"),
        (5, "outcome of a:H4"),
        (5, "probability of a:H4"),
        (5, "registered of a:H4"),
        (6, "kind of a:H5"),
        (6, "resolved of a:H5"),
        (8, "outcome of a:H6"),
        (9, "forecast of a:H7"),
        (9, "row of a:H7"),
        (10, "deadline of a:H8"),
        (10, "forecast of a:H8"),
        (10, "probability of a:H8"),
    ]
    text = {(p.line, p.field): p.message for p in problems}
    assert text[(2, "forecast of a:H1")] == "'-5' should be a whole number from 1"
    assert text[(3, "probability of a:H2")] == "'-5' should be a number from 0 to 1"
    assert text[(4, "resolved of a:H3")] == (
        "2026-01-15 is before the date registered, 2026-02-01: an outcome is known after the forecast"
    )
    assert text[(5, "registered of a:H4")] == "'2026-W05-1' should be a date, YYYY-MM-DD"
    assert text[(6, "kind of a:H5")] == (
        "'hypothsis' should be hypothesis, scenario, indicator, quantity or empty"
    )
    assert text[(6, "resolved of a:H5")] == (
        "a resolved date needs an outcome (1 or 0); leave both empty while the judgement is open"
    )
    assert text[(8, "outcome of a:H6")] == (
        "0, but forecast 1 of a:H6 (line 7) has 1: an outcome is the judgement's, the same on every "
        "forecast"
    )
    assert text[(9, "row of a:H7")] == "14 values, but the header has 13 columns"
    for problem in problems:  # one line each, naming the file
        assert str(problem).startswith(f"{path}:{problem.line}: ") and "\n" not in str(problem)


def test_a_bad_register_stops_each_command_with_every_problem_and_nothing_written(tmp_path):
    path = tmp_path / "register.csv"
    text = HEADER + "\na:H1,1,a,v1,A,hypothesis,s,-5,c,2026-12-31,2026-02-01,,\n"
    path.write_text(text)
    for argv in (
        ["calibration", str(path)],
        ["resolve", str(path), "a:H1", "--outcome", "yes"],
        ["register", str(EXAMPLE_CASE), str(path)],
    ):
        done = subprocess.run([*SAT, *argv], capture_output=True, text=True, timeout=NET)
        assert done.returncode == 1 and done.stdout == "", argv
        assert (
            done.stderr == f"{path}:2: probability of a:H1: '-5' should be a number from 0 to 1\n"
        )
        assert path.read_text() == text


def test_a_field_over_the_csv_limit_is_one_located_line(tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text(HEADER + "\na:H1,1,a,v1,A,hypothesis," + "x" * 200_000 + ",0.5,c,,,,\n")
    assert main(["calibration", str(path)]) == EXIT_INVALID
    err = capsys.readouterr().err
    assert err.startswith(f"{path}:2: CSV syntax: ") and err.count("\n") == 1


def test_sat_resolve_refuses_a_date_before_the_forecast_and_register_skips_a_settled_judgement(
    tmp_path, capsys
):
    path = tmp_path / "register.csv"
    assert main(["register", str(EXAMPLE_CASE), str(path), "--date", "2026-02-25"]) == 0
    ident = read_register(path)[0].id
    before = path.read_text()
    capsys.readouterr()
    code = main(["resolve", str(path), ident, "--outcome", "yes", "--date", "2026-02-24"])
    err = capsys.readouterr().err
    assert code == EXIT_USAGE and err.count("\n") == 1 and path.read_text() == before
    assert f"{ident} was resolved on 2026-02-24, before forecast 1 of it was registered" in err
    assert main(["resolve", str(path), ident, "--outcome", "yes", "--date", "2026-02-25"]) == 0
    case = tmp_path / "revised.yaml"  # a new version of the case: a new forecast of each judgement
    case.write_text(EXAMPLE_CASE.read_text(encoding="utf-8") + "\n# revised\n")
    capsys.readouterr()
    assert main(["register", str(case), str(path), "--date", "2026-03-01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # the first judgement is H1, forecast by the analysis and three analysts: 16 - 4 = 12 more
    assert data["already_resolved"] == [ident] and len(data["added"]) == 12
    assert ident not in {a["id"] for a in data["added"]}
    assert main(["register", str(case), str(path), "--date", "2026-03-01"]) == 0
    assert "not registered again, their outcome is recorded: " in capsys.readouterr().out
    assert len(read_register(path)) == 16 + 12


def test_register_text_in_a_problem_stays_on_one_line_escaped_and_short(tmp_path, capsys):
    path = tmp_path / "register.csv"
    path.write_text(
        HEADER
        + '\n"a:H1\n\x1b[2J",1,a,v1,A,hypothesis,s,"0.5\n\x1b[31mred",c,,,'
        + "9" * 500
        + ",\n"
    )
    assert main(["calibration", str(path)]) == EXIT_INVALID
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2 and not any("\x1b" in line for line in lines)
    assert lines[0].endswith(
        r"outcome of a:H1\n\x1b[2J: '" + "9" * 59 + "…' should be 1, 0 or empty (open)"
    )
    assert lines[1].endswith(
        r"probability of a:H1\n\x1b[2J: '0.5\n\x1b[31mred' should be a number from 0 to 1"
    )


@pytest.mark.parametrize("text", ["=SUM(A1)", "'=really a quote first", "''+two", "'tis", "-12%"])
def test_register_text_comes_back_exactly_through_the_formula_guard(tmp_path, text):
    import dataclasses

    from sat.io.register import read_register, write_register
    from sat.testing import synthetic_entries

    (entry,) = synthetic_entries(1, (("A", 0.0, 1.0),), open_share=0.0, seed=1)
    entry = dataclasses.replace(entry, statement=text, criterion=text, analyst=text)
    path = write_register(tmp_path / "r.csv", [entry])
    (back,) = read_register(path)
    assert (back.statement, back.criterion, back.analyst) == (text, text, text)


def test_a_file_that_is_not_a_register_is_told_what_its_first_row_holds(tmp_path):
    path = tmp_path / "matrix.csv"
    path.write_text("id,evidence,H1\nE1,x,C\n")
    with pytest.raises(CaseError) as info:
        read_register(path)
    (problem,) = info.value.problems
    assert "missing: analyst, probability, outcome" in problem.message
    assert "this file's first row: id, evidence, H1" in problem.message


# --- Whose forecast: the analysis's and each analyst's own, under their names (issue 30) ---------


def _judgements():
    scenario = judgement("case:SC1", 0.25, "scenario", "It does.")
    indicator = judgement("case:I1", 0.6, "indicator", "Seen.")
    return [judgement(p=0.33), scenario, indicator]


def test_the_analysis_and_each_analyst_are_registered_under_their_own_names():
    # the matrix's posterior for H1 is 0.33; Analyst A's own estimate is 0.50 and B's 0.20, and
    # A gave SC1 0.40; nobody estimates an indicator, and X1 is an event, not a judgement
    own = {"Analyst A": {"H1": 0.5, "SC1": 0.4, "X1": 0.9}, "Analyst B": {"H1": 0.2}}
    entries, added, skipped, settled = add(
        (), _judgements(), version="v1", today=DAY, estimates=own
    )
    assert [(e.id, e.analyst, e.probability, e.forecast) for e in added] == [
        ("case:H1", ANALYSIS, 0.33, 1),
        ("case:H1", "Analyst A", 0.5, 1),
        ("case:H1", "Analyst B", 0.2, 1),
        ("case:SC1", ANALYSIS, 0.25, 1),
        ("case:SC1", "Analyst A", 0.4, 1),
        ("case:I1", ANALYSIS, 0.6, 1),
    ]
    assert ANALYSIS == "the analysis" and (skipped, settled) == ([], [])
    # the same version again: nothing; a revision, with A's H1 now 0.6: a second forecast each
    again = add(entries, _judgements(), version="v1", today=DAY, estimates=own)
    assert again[1] == [] and again[2] == ["case:H1", "case:SC1", "case:I1"]
    own["Analyst A"]["H1"] = 0.6
    entries, added, *_ = add(entries, _judgements(), version="v2", today=DAY, estimates=own)
    assert [(e.analyst, e.probability, e.forecast) for e in added if e.id == "case:H1"] == [
        (ANALYSIS, 0.33, 2),
        ("Analyst A", 0.6, 2),
        ("Analyst B", 0.2, 2),
    ]
    # an analyst who estimates H1 for the first time in v3 makes their first forecast of it
    own["Analyst C"] = {"H1": 0.1}
    entries, added, *_ = add(entries, _judgements(), version="v3", today=DAY, estimates=own)
    assert ("Analyst C", 0.1, 1) in [(e.analyst, e.probability, e.forecast) for e in added]
    # an outcome is the judgement's: recorded on every forecaster's forecasts
    entries = resolve(entries, "case:H1", True, DAY)
    assert {(e.analyst, e.outcome) for e in entries if e.id == "case:H1"} == {
        (ANALYSIS, 1),
        ("Analyst A", 1),
        ("Analyst B", 1),
        ("Analyst C", 1),
    }
    *_, settled = add(entries, _judgements(), version="v4", today=DAY, estimates=own)
    assert settled == ["case:H1"]


def test_a_forecast_number_is_counted_per_forecaster_in_a_register_file(tmp_path):
    path = tmp_path / "register.csv"
    entries, *_ = add(
        (), [judgement(p=0.33)], version="v1", today=DAY, estimates={"A": {"H1": 0.5}}
    )
    write_register(path, entries)
    assert [(e.analyst, e.forecast) for e in read_register(path)] == [(ANALYSIS, 1), ("A", 1)]
    lines = path.read_text().splitlines()
    path.write_text("\n".join([*lines, lines[2]]) + "\n")  # A's forecast 1 twice
    with pytest.raises(CaseError) as caught:
        read_register(path)
    (problem,) = caught.value.problems
    assert (problem.line, problem.field) == (4, "forecast of case:H1")
    assert problem.message == "forecast 1 of 'case:H1' by A is also on line 3"


def test_sat_register_names_the_analysis_and_each_analyst(tmp_path, capsys):
    import sat

    path = tmp_path / "register.csv"
    assert main(["register", str(EXAMPLE_CASE), str(path), "--date", "2026-02-25", "--json"]) == 0
    added = json.loads(capsys.readouterr().out)["added"]
    case = sat.load_case(EXAMPLE_CASE)
    posterior = sat.analyse(case).judgements.judgements[0]
    assert posterior.target == "H1"
    h1 = {a["analyst"]: a["probability"] for a in added if a["id"].endswith(":H1")}
    assert h1 == {
        "the analysis": pytest.approx(posterior.probability),
        "Analyst A": 0.45,  # the case's own estimates, as given
        "Analyst B": 0.2,
        "Analyst C": 0.5,
    }
    sc2 = {a["analyst"] for a in added if a["id"].endswith(":SC2")}
    assert sc2 == {"the analysis", "Analyst A", "Analyst B"}  # C gave no SC2
    team = tmp_path / "team.csv"
    assert main(["register", str(EXAMPLE_CASE), str(team), "--as", "sat example team"]) == 0
    out = capsys.readouterr().out
    # and the two quantity targets, five forecasters each (three analysts, two combinations)
    assert "8 judgements and 2 quantity targets registered, 26 forecasts:" in out
    assert "    sat example team: " in out and "    Analyst A: 0.45 (forecast 1)" in out
    assert main(["register", str(EXAMPLE_CASE), str(team), "--as", "Analyst A"]) == EXIT_USAGE
    err = capsys.readouterr().err
    assert "--as Analyst A: that analyst's own estimates are registered under their name" in err
