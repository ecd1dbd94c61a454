"""The command line: output, JSON, exit codes, and no tracebacks on bad input."""

import json
import re
import subprocess
import sys

import pytest

import sat
from sat.analysis import TECHNIQUES
from sat.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from sat.paths import EXAMPLE_CASE
from tests.conftest import FIXTURES, MINIMAL


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_validate_ok(capsys):
    code, out, err = run(capsys, "validate", EXAMPLE_CASE)
    assert code == EXIT_OK and err == ""
    assert out.startswith(f"{EXAMPLE_CASE}: valid case 'china-japan-dual-use-2026': 7 hypotheses")


def test_validate_reports_every_problem_located(capsys, write):
    path = write(
        MINIMAL.replace("{H1: C, H2: I}", "{H1: X, H5: I}").replace(
            "reliability: C", "reliability: Z"
        )
    )
    code, out, err = run(capsys, "validate", path)
    assert code == EXIT_INVALID and out == ""
    lines = err.splitlines()
    assert lines == [
        f"{path}:7: sources S1.reliability: 'Z' is not allowed (allowed: A, B, C, D, E, F; in any "
        "letter case)",
        f"{path}:12: evidence E1.ratings.H1: 'X' is not a rating (allowed: CC, C, N, I, II, NA, "
        "or ++ + 0 - --, or a probability between 0 and 1 such as 0.7 or 70%)",
        f"{path}:12: evidence E1.ratings.H5: unknown hypothesis 'H5' (known: H1, H2)",
    ]


def test_validate_json_several_files(capsys, write):
    bad = write("garbage: [", name="bad.yaml")
    code, out, err = run(capsys, "validate", "--json", EXAMPLE_CASE, bad)
    assert code == EXIT_INVALID
    report = json.loads(out)
    assert [r["valid"] for r in report] == [True, False]
    assert report[1]["problems"][0]["message"].startswith("YAML syntax")
    assert "YAML syntax" in err


def test_ach_table(capsys):
    code, out, _ = run(capsys, "ach", FIXTURES / "hand.yaml")
    assert code == EXIT_OK
    assert "H1 is least inconsistent, 2 one-step rating changes from H3 drawing level" in out
    assert "Linchpin: E1." in out and "Not diagnostic: E3 (rated alike" in out


def test_ach_json_from_csv(capsys):
    code, out, _ = run(capsys, "ach", FIXTURES / "hand.csv", "--json")
    assert code == EXIT_OK
    data = json.loads(out)
    assert data["leader"] == ["H1"]
    assert [h["id"] for h in data["hypotheses"]] == ["H1", "H2", "H3"]
    assert [h["rank"] for h in data["hypotheses"]] == [1, 3, 2]
    assert [h["inconsistency"] for h in data["hypotheses"]] == [1, 3, 2]
    assert data["hypotheses"][1]["weighted_inconsistency"] == pytest.approx(4.0)
    assert {e["id"]: e["linchpin"] for e in data["evidence"]}["E1"] is True
    assert set(data["evidence"][0]) >= {"id", "diagnosticity", "linchpin"}


def test_ach_on_invalid_case_exits_1(capsys, write):
    code, out, err = run(capsys, "ach", write("id: x\n"), "--json")
    assert code == EXIT_INVALID and out == "" and "required field is missing" in err


def test_usage_errors_exit_2(capsys):
    with pytest.raises(SystemExit) as info:
        main(["ach"])
    assert info.value.code == EXIT_USAGE
    with pytest.raises(SystemExit) as info:
        main(["frobnicate"])
    assert info.value.code == EXIT_USAGE


def test_help_teaches(capsys):
    with pytest.raises(SystemExit):
        main(["ach", "--help"])
    out = capsys.readouterr().out
    assert "weighted inconsistency" in out and "--json" in out and "exit codes" in out


def test_schema_check(capsys, tmp_path):
    target = tmp_path / "schema.json"
    assert run(capsys, "schema", "--check", "-o", target)[0] == EXIT_INVALID
    assert run(capsys, "schema", "-o", target)[0] == EXIT_OK
    assert run(capsys, "schema", "--check", "-o", target)[0] == EXIT_OK


@pytest.mark.parametrize(
    "content",
    [
        b"\x00\x01\x02binary",
        b"",
        b"[" * 100_000,
        b"a: &a [*a]\n",
        b"!!python/object:os.system {}\n",
        "tête: ünïcode: [".encode(),
        b"\xff\xfe\x00garbage",
    ],
)
def test_console_script_never_prints_a_traceback(tmp_path, content):
    path = tmp_path / "case.yaml"
    path.write_bytes(content)
    done = subprocess.run(
        [sys.executable, "-m", "sat", "validate", str(path)],
        capture_output=True,
        text=True,
        timeout=300,  # a guard against a hang: a busy machine starts Python slowly
    )
    assert done.returncode == EXIT_INVALID
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith(f"{path}")
    assert done.stdout == ""


@pytest.mark.parametrize(
    ("command", "keys", "phrase"),
    [
        ("assumptions", {"assumptions", "linchpins", "incomplete"}, "Not tested in the matrix: A"),
        ("quality", {"sources", "evidence", "critical", "sourcing"}, "re-check E0"),
        ("gaps", {"listed", "untested", "missing_types", "found"}, "Never tested against"),
        (
            "indicators",
            {"indicators", "by_hypothesis", "watch", "warnings"},
            "would shift the judgement",
        ),
    ],
)
def test_technique_commands_print_tables_and_json(capsys, command, keys, phrase):
    code, out, _ = run(capsys, command, EXAMPLE_CASE)
    assert code == EXIT_OK and phrase in out
    code, out, _ = run(capsys, command, EXAMPLE_CASE, "--json")
    assert code == EXIT_OK and keys <= set(json.loads(out))


def test_indicators_since(capsys, tmp_path):
    text = EXAMPLE_CASE.read_text(encoding="utf-8")
    seen = text.replace(
        "    status: not observed\n    evidence: [E24]",
        "    status: observed\n    observed: 2026-02-25\n    evidence: [E24]",
    )
    assert seen != text
    case = tmp_path / "case.yaml"
    case.write_text(seen, encoding="utf-8")
    code, out, _ = run(capsys, "indicators", case, "--since", "2026-02-01")
    assert code == EXIT_OK and "changed since 2026-02-01: I05" in out
    code, out, _ = run(capsys, "indicators", case, "--since", "2026-03-01")
    assert code == EXIT_OK and "I05" not in out.split("changed since")[-1]
    with pytest.raises(SystemExit) as info:
        main(["indicators", str(EXAMPLE_CASE), "--since", "February"])
    assert info.value.code == EXIT_USAGE


def test_assumptions_on_a_case_without_any(capsys):
    code, out, _ = run(capsys, "assumptions", FIXTURES / "hand.yaml")
    assert code == EXIT_OK and "lists no assumptions" in out


@pytest.mark.parametrize(
    ("command", "keys", "phrase"),
    [
        ("bias", {"findings", "passed", "checklist"}, "[high] confirmation bias"),
        (
            "advocacy",
            {"rating_plan", "credibility_plan", "claims"},
            "the case for H4 against H1",
        ),
        (
            "deception",
            {"subjects", "exposed", "add_deception_hypothesis"},
            "add a deception hypothesis",
        ),
    ],
)
def test_bias_advocacy_deception_commands(capsys, command, keys, phrase):
    code, out, _ = run(capsys, command, EXAMPLE_CASE)
    assert code == EXIT_OK and phrase in out
    code, out, _ = run(capsys, command, EXAMPLE_CASE, "--json")
    assert code == EXIT_OK and keys <= set(json.loads(out))


def test_bayes_command(capsys):
    code, out, _ = run(capsys, "bayes", EXAMPLE_CASE)
    assert (
        code == EXIT_OK
        and re.search(r"H1 \(.+\) is the most probable of the 7 hypotheses listed", out)
        and "unlikely (20–45%)" in out
        and "We have low confidence" in out
    )
    code, out, _ = run(capsys, "bayes", EXAMPLE_CASE, "--json")
    data = json.loads(out)
    assert {"id", "prior", "posterior"} <= set(data["hypotheses"][0])
    assert sum(h["posterior"] for h in data["hypotheses"]) == pytest.approx(1.0, abs=1e-5)
    assert data["confidence"]["level"] == "low"


@pytest.mark.parametrize(
    ("value", "phrase"),
    [
        ("0.62", "likely / probable (55–80%, ICD 203)"),
        ("62%", "likely / probable"),
        ("0.2", "unlikely / improbable"),
    ],
)
def test_wep_command(capsys, value, phrase):
    code, out, _ = run(capsys, "wep", value)
    assert code == EXIT_OK and phrase in out


def test_wep_rejects_non_probabilities(capsys):
    code, _, err = run(capsys, "wep", "1.7")
    assert code == EXIT_USAGE and "not a probability" in err


def test_scenarios_command(capsys):
    code, out, _ = run(capsys, "scenarios", EXAMPLE_CASE)
    assert (
        code == EXIT_OK
        and "SC2 Prolonged standoff (most likely)" in out
        and "alternative futures" in out
    )
    code, out, _ = run(capsys, "scenarios", EXAMPLE_CASE, "--json")
    assert {"scenarios", "futures", "checks"} <= set(json.loads(out))


def test_network_command(capsys, tmp_path):
    target = tmp_path / "n.graphml"
    code, out, _ = run(capsys, "network", EXAMPLE_CASE, "--path", "XI", "JSDF", "--graphml", target)
    assert code == EXIT_OK and "influence paths XI -> JSDF" in out and target.is_file()
    code, out, _ = run(capsys, "network", EXAMPLE_CASE, "--json")
    data = json.loads(out)
    assert {"actors", "camps", "brokers", "communities"} <= set(data)
    assert {"id", "influence", "betweenness", "degree"} <= set(data["actors"][0])
    code, _, err = run(capsys, "network", EXAMPLE_CASE, "--path", "XI", "NOBODY")
    assert code == EXIT_USAGE and "no actor 'NOBODY'" in err


def _sat(*args: str, env: dict | None = None) -> subprocess.CompletedProcess:
    import os

    return subprocess.run(
        [sys.executable, "-m", "sat", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **(env or {})},
    )


def test_json_stays_valid_on_stdout_while_notes_and_warnings_go_to_stderr(tmp_path, write):
    # export to .achz notes what PARC cannot carry; Python warnings are forced on as well
    done = _sat(
        "export",
        str(EXAMPLE_CASE),
        "--to",
        "achz",
        "-o",
        str(tmp_path / "x.achz"),
        "--json",
        env={"PYTHONWARNINGS": "always"},
    )
    assert done.returncode == EXIT_OK, done.stderr
    assert "note:" in done.stderr
    assert json.loads(done.stdout)["warnings"]
    # problems with one file among several: each on stderr, the whole report on stdout
    bad = write("id: x\ntitle: [unclosed\n", name="bad.yaml")
    done = _sat("validate", str(EXAMPLE_CASE), str(bad), "--json")
    assert done.returncode == EXIT_INVALID
    assert "bad.yaml:" in done.stderr
    report = json.loads(done.stdout)
    assert [r["valid"] for r in report] == [True, False]


def test_every_technique_is_a_command_printed_by_its_text_view():
    from sat.cli import COMMANDS
    from sat.report import text

    by_name = {c.name: c for c in COMMANDS}
    shown = {name for c in COMMANDS for name in c.shown_with}
    # sat experts also reads an Excalibur study (no case, so no Analysis): its own handler, which
    # for a case prints Analysis.experts with text.experts as the others do (test_numbers_cli.py)
    reads_more = {"experts"}
    for name in TECHNIQUES:
        assert name in by_name or name in shown, name
        if name in by_name:
            assert by_name[name].run is None or name in reads_more, name
            assert callable(getattr(text, name)), name


@pytest.mark.parametrize("command", TECHNIQUES)
def test_a_technique_commands_json_is_its_part_of_the_analysis(capsys, example_case, command):
    from sat.report.claims import claims_of
    from sat.report.claims.review import as_finding
    from sat.report.data import as_data

    code, out, _ = run(capsys, command, EXAMPLE_CASE, "--json")
    analysis = sat.analyse(example_case)
    expected = as_data(analysis, command)[command]  # with the words said apart from the facts
    if command == "bayes":
        expected["confidence"] = as_data(analysis, "confidence")["confidence"]
    if command == "network":
        expected["written"] = {}
    if command == "review":  # its claims again, as findings (sat.report.claims.review.as_finding)
        *found, summary = claims_of(command, analysis)  # the last says the review in a sentence
        assert summary.kind == "review.clean"
        expected["findings"] = [as_finding(c) for c in found]
    said = claims_of(command, analysis)  # the sentences its text view says, with their kinds
    if said is not None:
        expected["claims"] = [c.to_dict() for c in said]
    assert code == EXIT_OK
    assert json.loads(out) == json.loads(json.dumps(expected, default=str))


def test_a_technique_commands_help_is_its_module_docstring(capsys):
    import inspect

    from sat.techniques import bayes

    with pytest.raises(SystemExit):
        main(["bayes", "--help"])
    out = capsys.readouterr().out
    doc = inspect.getdoc(bayes)
    assert "\nReferences\n" in doc  # the method's sources stay in the docstring, not the help
    assert doc.splitlines()[0] in out and "Monte Carlo" in out and "\nReferences\n" not in out


def test_every_command_has_help_that_explains_it(capsys):
    from sat.cli import COMMANDS

    for command in COMMANDS:
        with pytest.raises(SystemExit) as info:
            main([command.name, "--help"])
        out = capsys.readouterr().out
        assert info.value.code == 0 and "exit codes" in out and "--json" in out
        description = out.split("\n\n")[1]
        assert len(description.split()) >= 8, (command.name, description)


def test_validate_json_lists_notes_and_problems_for_invalid_files_too(capsys, write):
    path = write("id: x\nhypotheses: [1]\n")
    code, out, _ = run(capsys, "validate", path, "--json")
    report = json.loads(out)
    assert code == EXIT_INVALID and report["valid"] is False
    assert report["problems"] and report["notes"] == []


def test_new_article_to_graded_quoted_evidence_in_three_commands(capsys, tmp_path):
    """`sat source add`, `sat quotes`, `sat quotes --accept`: a new article becomes a quoted source."""
    from tests.io.test_ingest import CASE

    folder = tmp_path / "data" / "cases"
    folder.mkdir(parents=True)
    case = folder / "harbour.yaml"
    case.write_text(
        CASE.replace(
            "    ratings: {H1: C, H2: C}", "    sources: [S1]\n    ratings: {H1: C, H2: C}"
        ),
        encoding="utf-8",
    )
    # the item cites S1 before it exists: the case is invalid until the source is added
    code, _, err = run(capsys, "validate", case)
    assert code == EXIT_INVALID and "unknown source 'S1'" in err
    article = FIXTURES / "article.html"
    case.write_text(
        case.read_text(encoding="utf-8").replace("    sources: [S1]\n", ""), encoding="utf-8"
    )
    code, _, err = run(capsys, "source", "add", case, article, "--reliability", "B")
    assert code == EXIT_INVALID and "together" in err
    code, _, err = run(
        capsys, "source", "add", case, article, "--reliability", "Q", "--reason", "r"
    )
    assert code == EXIT_INVALID and "reliability" in err
    assert not (tmp_path / "data" / "sources").exists() or not any(
        (tmp_path / "data" / "sources" / "harbour").iterdir()
    )  # a refused grade leaves no stored file behind
    code, out, _ = run(
        capsys,
        "source",
        "add",
        case,
        article,
        "--reliability",
        "b",
        "--reason",
        "Named reporter.",
        "--json",
    )
    added = json.loads(out)
    assert code == EXIT_OK and added["id"] == "S1" and added["kind"] == "html"
    assert added["entry"]["reliability"] == "B"  # the analyst's grade, given with the command
    text = case.read_text(encoding="utf-8").replace(
        "    ratings: {H1: C, H2: C}", "    sources: [S1]\n    ratings: {H1: C, H2: C}"
    )
    case.write_text(text, encoding="utf-8")
    code, out, _ = run(capsys, "quotes", case)
    assert code == EXIT_OK and out.startswith("E1:\n  1. [S1, score ")
    code, out, _ = run(capsys, "quotes", case, "--evidence", "E1", "--accept", "1", "--json")
    accepted = json.loads(out)["accepted"]
    assert code == EXIT_OK and accepted["source"] == "S1"
    assert sat.load_case(case, check_sources=True).item("E1").quote == (accepted["passage"],)
    code, out, _ = run(capsys, "validate", case)
    assert code == EXIT_OK
    code, out, _ = run(capsys, "quotes", case)
    assert out.strip() == "every item resting on a stored source has a quote"
    code, _, err = run(capsys, "quotes", case, "--accept", "1")
    assert code == EXIT_USAGE and "--accept needs --evidence" in err
    code, _, err = run(capsys, "quotes", case, "--evidence", "E9")
    assert code == EXIT_USAGE and "no evidence item 'E9'" in err


def test_source_add_refuses_what_it_cannot_read(capsys, tmp_path):
    case = tmp_path / "case.yaml"
    case.write_text(MINIMAL, encoding="utf-8")
    before = case.read_bytes()
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    code, _, err = run(capsys, "source", "add", case, bad)
    assert code == EXIT_INVALID and err.count("\n") == 1 and "not readable as PDF" in err
    assert case.read_bytes() == before  # nothing half-written


def test_collect_ranks_open_indicators(capsys):
    code, out, _ = run(capsys, "collect", EXAMPLE_CASE, "--json")
    data = json.loads(out)
    gains = [t["gain"] for t in data["targets"]]
    assert code == EXIT_OK and gains == sorted(gains, reverse=True) and data["leader"] == "H1"
    code, out, _ = run(capsys, "collect", EXAMPLE_CASE, "--top", "2")
    assert out.startswith("current uncertainty:") and out.count("\nI") == 2


def test_register_resolve_and_calibration_keep_score(capsys, tmp_path):
    register = tmp_path / "register.csv"
    code, out, _ = run(capsys, "register", EXAMPLE_CASE, register, "--date", "2026-02-25", "--json")
    data = json.loads(out)
    assert code == EXIT_OK and {a["id"].split(":")[1] for a in data["added"]} == {
        "H1",
        "H4",
        "SC1",
        "SC2",
        "SC3",
        "I03",
        "I09",
        "I10",
    }
    assert any(u["id"].endswith(":H2") for u in data["unscorable"])
    code, out, _ = run(capsys, "register", EXAMPLE_CASE, register, "--json")  # same version: once
    # the eight judgements and the two quantity targets (Q4, Q5)
    assert json.loads(out)["added"] == [] and len(json.loads(out)["already_registered"]) == 10
    assert json.loads(out)["added_quantities"] == []
    code, _, err = run(capsys, "calibration", register)
    assert code == EXIT_INVALID
    assert "no resolved judgements to score yet (8 open, 16 forecasts)" in err
    for ident, outcome in (("SC1", "no"), ("I09", "yes"), ("I10", "no")):
        code, _, _ = run(
            capsys, "resolve", register, f"china-japan-dual-use-2026:{ident}", "--outcome", outcome
        )
        assert code == EXIT_OK
    code, out, _ = run(capsys, "calibration", register, "--json", "--chart", tmp_path / "cal.svg")
    data = json.loads(out)
    probabilities = {
        r["id"].split(":")[1]: r["probability"]
        for r in json.loads(
            run(capsys, "register", EXAMPLE_CASE, tmp_path / "again.csv", "--json")[1]
        )["added"]
    }
    expected = (
        (probabilities["SC1"] - 0) ** 2
        + (probabilities["I09"] - 1) ** 2
        + (probabilities["I10"] - 0) ** 2
    ) / 3
    assert (
        data["n"] == 3 and data["open"] == 13 and data["brier"] == pytest.approx(expected, abs=1e-6)
    )
    assert data["by_analyst"] == {  # SC1, I09 and I10: the analysis's alone (no analyst's own)
        "the analysis": {"n": 3, "brier": pytest.approx(expected, abs=1e-6)}
    }
    assert (tmp_path / "cal.svg").read_text().lstrip().startswith("<?xml")
    run(capsys, "calibration", register, "--chart", tmp_path / "cal.svg")  # sat's own: replaced
    (tmp_path / "mine.png").write_bytes(b"the analyst's own picture")
    code, _, err = run(capsys, "calibration", register, "--chart", tmp_path / "mine.png")
    assert code == EXIT_USAGE and "not written by sat" in err
    assert (tmp_path / "mine.png").read_bytes() == b"the analyst's own picture"
    code, _, err = run(capsys, "resolve", register, "nope:H1", "--outcome", "yes")
    assert code == EXIT_USAGE and "no judgement 'nope:H1'" in err


@pytest.mark.parametrize("encoding", ["latin-1", "ascii"])
def test_a_terminal_that_is_not_utf8_gets_replacements_and_escaped_json_never_a_traceback(encoding):
    import os

    env = {**os.environ, "PYTHONIOENCODING": encoding}
    for argv in (["wep", "0.62"], ["bayes", str(EXAMPLE_CASE)]):
        done = subprocess.run(
            [sys.executable, "-m", "sat", *argv], capture_output=True, env=env, timeout=300
        )
        assert done.returncode == 0 and b"Traceback" not in done.stderr, argv
    done = subprocess.run(
        [sys.executable, "-m", "sat", "ach", str(EXAMPLE_CASE), "--json"],
        capture_output=True,
        env=env,
        timeout=300,
    )
    data = json.loads(done.stdout.decode("ascii"))  # escaped, so nothing is lost
    assert done.returncode == 0 and "Coercion over Taiwan" in json.dumps(data)


def test_reserved_parameters_and_blocked_output_folders_are_usage_errors(capsys, tmp_path):
    code, _, err = run(capsys, "report", EXAMPLE_CASE, "-p", "case_path=other.yaml")
    assert code == EXIT_USAGE and "-p case_path" in err and "cannot be set" in err
    blocker = tmp_path / "a-file"
    blocker.write_text("")
    code, _, err = run(capsys, "report", EXAMPLE_CASE, "-o", blocker / "x")
    assert (
        code == EXIT_USAGE
        and err.strip() == f"sat: -o {blocker / 'x'}: part of the path is a file, not a folder"
    )
    code, _, err = run(capsys, "batch", EXAMPLE_CASE, "-o", blocker)
    assert code == EXIT_USAGE and "a file is in the way" in err and "Traceback" not in err


def test_a_file_name_with_a_newline_stays_on_one_line_of_problems(capsys, tmp_path):
    odd = tmp_path / "two\nlines.yaml"
    odd.write_text("id: x\n")
    code, _, err = run(capsys, "validate", odd)
    assert code == EXIT_INVALID
    assert all(line.startswith(str(tmp_path)) for line in err.strip().splitlines())
    assert "two\\nlines.yaml" in err


@pytest.mark.parametrize("value", ["nan", "inf", "-1", "0", "x"])
@pytest.mark.parametrize(
    "command",
    [
        ["report", "case.yaml", "--timeout"],
        ["batch", "case.yaml", "--timeout"],
        ["estimates", "case.yaml", "--pool", "logodds", "--extremize"],
    ],
)
def test_numbers_that_are_not_finite_and_positive_are_usage_errors(capsys, command, value):
    with pytest.raises(SystemExit) as info:
        main([*command, value])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err and value in err.splitlines()[-1]


def test_a_refused_run_leaves_no_output_folder_behind(tmp_path, capsys):
    out = tmp_path / "new" / "out"
    code = main(["report", str(EXAMPLE_CASE), "-o", str(out), "-p", "colour=red"])
    assert code == EXIT_USAGE
    assert not out.exists()
    register = tmp_path / "register.csv"
    register.write_text("not,a,register\n")
    code = main(["batch", str(EXAMPLE_CASE), "-o", str(out), "--register", str(register)])
    assert code == EXIT_INVALID and not out.exists()


def test_sat_consensus_with_an_analyst_called_consensus(capsys, tmp_path):
    import yaml

    from tests.techniques.test_consensus import named_consensus

    path = tmp_path / "panel.yaml"
    path.write_text(yaml.safe_dump(named_consensus().model_dump(mode="json", exclude_none=True)))
    code, out, _ = run(capsys, "consensus", path, "--json")
    data = json.loads(out)
    assert code == EXIT_OK
    assert data["leaders"] == {"consensus": ["H2"], "B": ["H1"], "C": ["H1"]}
    assert data["consensus"]["leaders"] == ["H1"]
    assert [c["text"] for c in data["claims"]][::3] == [
        "consensus: leader H2 (2 cells rated).",
        "The median of the votes: leader H1.",
    ]
    code, out, _ = run(capsys, "consensus", path)
    assert code == EXIT_OK and "consensus: leader H2" in out and "(median)" in out


def test_sat_estimates_says_a_partial_set_is_left_out_once(capsys, tmp_path):
    import yaml

    data = sat.load_case(EXAMPLE_CASE).model_dump(mode="json", exclude_none=True)
    first = next(iter(data["estimates"]))
    hypothesis = data["hypotheses"][0]["id"]
    data["estimates"][first].pop(hypothesis)
    path = tmp_path / "case.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True))
    code, out, _ = run(capsys, "estimates", path)
    assert code == EXIT_OK
    assert out.count("left out of the pool") == 1
    assert f"{first}: no probability for {hypothesis}" in out
    assert f"{first}'s probabilities for " in out  # their events and scenarios, still said
