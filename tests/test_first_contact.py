"""A new analyst's first case, from the README alone: each input that once gave a traceback, a
cascade of follow-on errors, a silent change or a surprise about where output went.

Every test uses the exact input that exposed the problem.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import threading

import pytest

from sat import scales
from sat.cli import EXIT_INVALID, EXIT_OK, EXIT_USAGE, main
from sat.paths import EXAMPLE_CASE, ROOT
from tests.conftest import MINIMAL

#: Words of Python's types that an analyst writing YAML should never be shown.
JARGON = ("tuple", "dictionary", "dict", "string", "list[", "NoneType")


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


def sat_process(*argv, cwd=None):
    """The console command in its own process: what the analyst sees, tracebacks included."""
    return subprocess.run(
        [sys.executable, "-m", "sat", *map(str, argv)],
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


# -- tracebacks -----------------------------------------------------------------------------


@pytest.mark.parametrize("challenger", ["H9", "h9", "X"])
def test_an_unknown_challenger_is_a_usage_error_naming_the_hypotheses(capsys, challenger):
    code, out, err = run(capsys, "advocacy", EXAMPLE_CASE, "--challenger", challenger)
    assert code == EXIT_USAGE and out == ""
    assert err.strip() == (
        f"sat: unknown hypothesis '{challenger}' (the case has H1, H2, H3, H4, H5, H6, H7)"
    )


def test_a_challenger_in_lower_case_is_found(capsys):
    code, out, _ = run(capsys, "advocacy", EXAMPLE_CASE, "--challenger", "h4", "--json")
    assert code == EXIT_OK and json.loads(out)["challenger"] == "H4"
    code, _, err = run(capsys, "advocacy", EXAMPLE_CASE, "--challenger", "H1")
    assert code == EXIT_USAGE and "H1 is the leading hypothesis" in err


def test_diff_of_a_git_revision_outside_git_is_one_located_line(tmp_path):
    (tmp_path / "x.yaml").write_text(MINIMAL, encoding="utf-8")
    done = sat_process("diff", "x.yaml@HEAD~1", "x.yaml", cwd=tmp_path)
    assert done.returncode == EXIT_INVALID and "Traceback" not in done.stderr
    (line,) = done.stderr.splitlines()
    assert line.startswith("x.yaml@HEAD~1: cannot read it from git: ")
    assert "not in a git repository" in line


@pytest.fixture
def not_a_scheduler():
    """A TCP port that accepts connections and talks, but not Dask's protocol (an SSH banner)."""
    server = socket.create_server(("127.0.0.1", 0))
    stop = threading.Event()

    def answer() -> None:
        server.settimeout(0.2)
        while not stop.is_set():
            try:
                peer, _ = server.accept()
            except TimeoutError:
                continue
            with peer:
                peer.sendall(b"SSH-2.0-OpenSSH_9.2p1 Debian-2\r\n" * 4)

    thread = threading.Thread(target=answer, daemon=True)
    thread.start()
    yield f"tcp://127.0.0.1:{server.getsockname()[1]}"
    stop.set()
    thread.join(timeout=5)
    server.close()


def test_a_scheduler_address_that_is_not_dask_is_a_usage_error(tmp_path, not_a_scheduler):
    pytest.importorskip("distributed")
    done = sat_process(
        "batch", EXAMPLE_CASE, "-o", tmp_path / "out", "--scheduler", not_a_scheduler
    )
    assert done.returncode == EXIT_USAGE, done.stderr
    assert "Traceback" not in done.stderr
    assert f"sat: {not_a_scheduler} answered, but not as a Dask scheduler" in done.stderr


# -- cascades and jargon ------------------------------------------------------------------------

HYPOTHESES_AS_MAPPING = """\
id: intrusion-2026
title: Intrusion
question: Who broke into the billing servers?
date: 2026-03-01
analysts: [Analyst A]
sources:
  - {id: S1, title: Logs, reliability: B, reliability_reason: direct access}
hypotheses:
  H1: Criminal group
  H2: State-backed group
  H3: Insider
evidence:
  - {id: E1, summary: Forum tool, sources: [S1], ratings: {H1: C, H2: N, H3: I}}
  - {id: E2, summary: Nothing taken, ratings: {H1: I, H2: C, H3: N}}
assumptions:
  - {id: A1, statement: Logs are complete, supports: [H1, H2]}
indicators:
  - {id: I1, hypothesis: H1, description: Cards for sale}
  - {id: I2, hypothesis: H2, description: Second target}
"""


def test_hypotheses_written_as_a_mapping_give_one_problem_with_a_yaml_example(capsys, write):
    path = write(HYPOTHESES_AS_MAPPING)
    code, out, err = run(capsys, "validate", path)
    assert code == EXIT_INVALID and out == ""
    (line,) = err.splitlines()  # not 50 follow-on "unknown hypothesis" lines
    assert line.startswith(f"{path}:8: hypotheses: must be a list of entries")
    assert "`hypotheses:` then `  - id: H1`" in line
    assert not any(word in line for word in JARGON)


@pytest.mark.parametrize(
    ("old", "new", "field", "says"),
    [
        ("sources:\n  - {id: S1", "sources:\n  - S1\n  - {id: S2", "sources[0]", "`- id: S1`"),
        (
            "analysts: [me]",
            "analysts: [me]\nimplications: just text",
            "implications",
            "`implications:` then",
        ),
        ("title: T", "title: [T]", "title", "should be text"),
        ("{H1: C, H2: I}", "[C, I]", "evidence E1.ratings", "should be `field: value` lines"),
    ],
)
def test_wrong_shapes_are_said_in_yaml_words(write, old, new, field, says):
    from sat.errors import CaseError
    from sat.io import load_case

    with pytest.raises(CaseError) as info:
        load_case(write(MINIMAL.replace(old, new)))
    problems = [p for p in info.value.problems if p.field == field]
    assert problems and says in problems[0].message, info.value.problems
    for problem in info.value.problems:
        assert not any(word in problem.message for word in JARGON), problem


def test_a_two_part_admiralty_grade_points_to_where_the_digit_belongs(capsys, write):
    path = write(MINIMAL.replace("reliability: C", "reliability: B2"))
    code, _, err = run(capsys, "validate", path)
    assert code == EXIT_INVALID
    (line,) = err.splitlines()
    assert line.startswith(f"{path}:7: sources S1.reliability: 'B2' joins")
    assert "`reliability: B`" in line and "`credibility:`" in line


# -- silent changes -----------------------------------------------------------------------------


def test_priors_that_do_not_sum_to_one_are_shown_as_given_and_as_used(capsys, write):
    path = write(
        MINIMAL.replace("statement: First.}", "statement: First., prior: 0.5}").replace(
            "statement: Second.}", "statement: Second., prior: 0.7}"
        )
    )
    code, out, err = run(capsys, "validate", path, "--json")
    assert code == EXIT_OK
    (note,) = json.loads(out)["notes"]
    assert note["field"] == "hypotheses H1.prior" and note["line"] == 9
    assert note["message"] == (
        "the priors sum to 1.2, not 1; the Bayesian mode rescales them: "
        "H1 0.5 -> 0.417, H2 0.7 -> 0.583"
    )
    assert "sat: note:" in err and "H1 0.5 -> 0.417" in err
    code, _, err = run(capsys, "bayes", path)  # every command says it, on stderr
    assert code == EXIT_OK and "rescales them" in err


@pytest.mark.parametrize("written", ["60%", "60 %", "0.6", 0.6])
def test_percentages_mean_the_same_as_numbers_everywhere(capsys, write, written):
    text = MINIMAL + f"events:\n  - {{id: X1, description: Returns, probability: {written}}}\n"
    text = text.replace("statement: First.}", f"statement: First., prior: {written}}}")
    from sat.io import load_case

    case = load_case(write(text))
    assert case.events[0].probability == pytest.approx(0.6)
    assert case.hypotheses[0].prior == pytest.approx(0.6)
    if isinstance(written, str):
        code, out, _ = run(capsys, "wep", written.replace(" ", ""), "--json")
        assert code == EXIT_OK and json.loads(out)["probability"] == pytest.approx(0.6)


def test_a_percentage_cell_is_a_probability_and_an_impossible_one_is_refused(write):
    from sat.errors import CaseError
    from sat.io import load_case

    case = load_case(write(MINIMAL.replace("{H1: C, H2: I}", "{H1: 70%, H2: I}")))
    assert case.evidence[0].rating("H1") == pytest.approx(0.7)
    with pytest.raises(CaseError) as info:
        load_case(write(MINIMAL.replace("{H1: C, H2: I}", "{H1: 170%, H2: I}")))
    assert "70%" in info.value.problems[0].message  # the message shows the allowed spelling


# -- where output goes --------------------------------------------------------------------------


def test_export_says_it_wrote_beside_the_case(capsys, tmp_path):
    case = tmp_path / "x.yaml"
    case.write_text(MINIMAL, encoding="utf-8")
    code, out, _ = run(capsys, "export", case, "--to", "csv")
    assert code == EXIT_OK
    assert (
        out.strip()
        == f"wrote {tmp_path / 'x.csv'} (beside the case file; -o PATH writes elsewhere)"
    )


def test_a_parameter_set_gets_its_own_folder_in_report_and_batch(tmp_path):
    from sat.run.batch import folder_name, plan

    (plain,) = plan([str(EXAMPLE_CASE)], tmp_path, [{}])
    (sensitivity,) = plan([str(EXAMPLE_CASE)], tmp_path, [{"min_credibility": "M"}])
    assert plain.out_dir.name == "china-japan-dual-use-2026"
    assert sensitivity.out_dir.name == "china-japan-dual-use-2026--min_credibility-M"
    assert folder_name("x", {"min_credibility": "M"}) == sensitivity.out_dir.name.replace(
        "china-japan-dual-use-2026", "x"
    )


# -- README and behaviour agree -----------------------------------------------------------------


def test_validate_json_always_has_a_problems_key(capsys):
    code, out, _ = run(capsys, "validate", EXAMPLE_CASE, "--json")
    assert code == EXIT_OK and json.loads(out)["problems"] == []


def test_the_docs_list_every_evidence_type_and_the_ach_json_keys(capsys):
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    reference = (ROOT / "docs" / "case-file.md").read_text(encoding="utf-8")
    section = reference[reference.index("evidence:\n  - id: E04") :][:2500]
    for kind in scales.EVIDENCE_TYPES:
        assert kind in section, kind
    cli = (ROOT / "docs" / "cli.md").read_text(encoding="utf-8")
    _, out, _ = run(capsys, "ach", EXAMPLE_CASE, "--json")
    for key in json.loads(out):
        assert f'"{key}"' in cli, f"sat ach --json key {key!r} is not documented"
    for text in (readme, reference):  # stated as rules, but not enforced: stated as advice
        assert "(matches the file name)" not in text
        assert "two or more per hypothesis" not in text.replace("suggests two or more per", "")


# -- a new case --------------------------------------------------------------------------------


def test_sat_new_writes_a_valid_case_and_never_overwrites(capsys, tmp_path):
    code, out, _ = run(capsys, "new", "phishing-2026", "-o", tmp_path)
    path = tmp_path / "phishing-2026.yaml"
    assert code == EXIT_OK and out.startswith(f"wrote {path}")
    code, out, err = run(capsys, "validate", path, "--json")
    report = json.loads(out)
    assert (
        code == EXIT_OK and report["id"] == "phishing-2026" and report["notes"] == [] and err == ""
    )
    text = path.read_text(encoding="utf-8")
    for section in (
        "sources:",
        "hypotheses:",
        "evidence:",
        "assumptions:",
        "indicators:",
        "checklist:",
        "deception:",
        "events:",
        "scenarios:",
        "futures:",
        "actors:",
        "relations:",
        "bayes:",
        "information_gaps:",
        "implications:",
        "recommendations:",
        "tags:",
        "exclusive:",
        "summary:",
        "key_judgements:",
        "previous_assessment:",
    ):
        assert f"\n{section}" in text or f"\n  {section}" in text or text.startswith(section)
    # the example key judgements are about a hypothesis and an event, and pass sat review
    code, out, _ = run(capsys, "review", path, "--json")
    review = json.loads(out)
    assert code == EXIT_OK and not review["stronger"] and review["findings"] == []
    assert [s["about"] for s in review["statements"][:2]] == ["H3", "X1"]
    path.write_text("my own work\n", encoding="utf-8")
    code, _, err = run(capsys, "new", "phishing-2026", "-o", tmp_path)
    assert code == EXIT_USAGE and "already exists" in err
    assert path.read_text(encoding="utf-8") == "my own work\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["phishing-2026.yaml"]  # no temp files


def test_sat_new_refuses_an_id_that_is_not_one(capsys, tmp_path):
    code, _, err = run(capsys, "new", "my case", "-o", tmp_path)
    assert code == EXIT_USAGE and "'my case' is not a valid case id" in err
    assert not any(tmp_path.iterdir())


def test_sat_notebook_lists_and_writes_and_refuses_unknown_names(capsys, tmp_path):
    code, out, _ = run(capsys, "notebook", "--json")
    assert code == EXIT_OK and {"ach", "brief", "workbook"} <= set(json.loads(out)["notebooks"])
    code, _, err = run(capsys, "notebook", "nope", "-o", tmp_path)
    assert code == EXIT_USAGE and "no notebook 'nope'" in err
    code, _, _ = run(
        capsys, "notebook", "indicators", EXAMPLE_CASE, "-o", tmp_path, "-p", "since=2026-01-15"
    )
    assert code == EXIT_OK
    text = (tmp_path / "indicators.ipynb").read_text(encoding="utf-8")
    assert 'since = \\"2026-01-15\\"' in text
    code, _, err = run(capsys, "notebook", "indicators", "-o", tmp_path)
    assert code == EXIT_USAGE and "already exists" in err


@pytest.mark.parametrize("name", ["workbook", "app"])
def test_the_workbook_and_the_app_open_on_ones_own_case(capsys, tmp_path, name):
    """`sat notebook workbook CASE -o DIR` (issue 30): every notebook's parameters parse, and the
    copy runs on the case it was written for, not the example."""
    import shutil

    import papermill

    case = tmp_path / "mine.yaml"
    shutil.copy(EXAMPLE_CASE, case)
    text = case.read_text(encoding="utf-8").replace(
        "title: China's dual-use export ban on Japan", "title: My own case about the ban", 1
    )
    case.write_text(text, encoding="utf-8")
    code, _, err = run(capsys, "notebook", name, case, "-o", tmp_path / "work")
    assert code == EXIT_OK, err
    written = tmp_path / "work" / f"{name}.ipynb"
    done = papermill.execute_notebook(
        written, tmp_path / "done.ipynb", cwd=written.parent, progress_bar=False
    )
    outputs = [o for c in done["cells"] for o in c.get("outputs", [])]
    assert outputs and not [o for o in outputs if o["output_type"] == "error"]
    injected = next(
        c for c in done["cells"] if "injected-parameters" in c["metadata"].get("tags", [])
    )
    path = injected["source"].split("case_path = ", 1)[1].splitlines()[0].strip().strip('"')
    assert (written.parent / path).resolve() == case.resolve()
    if name == "app":  # the reader's view says the case's own words
        assert "My own case about the ban" in json.dumps(outputs)
