"""What every ``sat`` command prints, text and ``--json``, as reviewed snapshots.

Each command runs on the example case and on three small cases of other shapes: a bare
CSV matrix (``tests/fixtures/hand.csv``, hand-made), a case with no sources and a case
whose two leading hypotheses tie (``sat.testing`` situations ``no-sources`` and
``top-tie``, seed 1). A snapshot holds the exit code, stdout and stderr exactly as a user
sees them, after ``normalise`` has put placeholders for what differs from run to run and
machine to machine (the temporary folder, the checkout's folder, today's date, sat's
version, a render's seconds). Commands that write files run on copies in a temporary folder, and the text
files they write are kept too. A change of wording, of a number, or of a JSON key shows
as a diff of ``__snapshots__/test_cli_snapshots.ambr`` to be read and accepted
(``pytest --snapshot-update``), never silently.

``sat report`` and ``sat batch`` are pinned on what they print and the summary and matrix
they write, and the example's brief section by section: what each cell of the brief
notebook ``sat report`` ran shows (the HTML of the reader's brief, the bottom line, each
section of the annex, the matrix, the sources, the notes on method, the glossary; images
as placeholders). The brief's claims, kind by kind, are pinned in
``tests/report/test_snapshots.py``.
Not here: ``--help`` (argparse lays options out differently from one Python to the next).
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
from pathlib import Path

import pytest

from sat.cli import COMMANDS, main
from sat.paths import EXAMPLE_CASE
from sat.testing import write_situation
from tests.conftest import FIXTURES, MINIMAL
from tests.sanitise import cells, normalise

ROOT = Path(__file__).resolve().parent.parent
HISTORY = ROOT / "data" / "history" / "china-japan-dual-use-2026.2026-01-08.yaml"

#: The technique commands (``sat.cli.COMMANDS`` without a handler of their own).
TECHNIQUES = tuple(c.name for c in COMMANDS if c.run is None)

#: The cases every technique command runs on, by the name a snapshot carries.
CASES = ("example", "bare-csv", "no-sources", "top-tie")


@pytest.fixture(scope="module")
def situations(tmp_path_factory) -> Path:
    """The generated cases, written once for the module."""
    folder = tmp_path_factory.mktemp("situations")
    for name in ("no-sources", "top-tie"):
        write_situation(folder, name, seed=1)
    # a bare CSV is dated by its file's modification time: a copy with a fixed one, so that no
    # snapshot depends on when the repository was cloned or the test is run
    bare = folder / "hand.csv"
    shutil.copyfile(FIXTURES / "hand.csv", bare)
    moment = dt.datetime(2026, 1, 15, 12, tzinfo=dt.UTC).timestamp()
    os.utime(bare, (moment, moment))
    return folder


@pytest.fixture
def sat_cli(capsys, tmp_path, situations):
    """Run ``sat ARGS`` in-process; returns what a user sees, normalised, for a snapshot."""

    def run(*argv: object) -> dict[str, object]:
        code = main([str(a) for a in argv])
        out, err = capsys.readouterr()
        folders = {"tmp": tmp_path, "situations": situations, "repo": ROOT}
        return {"exit": code, "stdout": normalise(out, folders), "stderr": normalise(err, folders)}

    return run


def case_path(name: str, situations: Path) -> Path:
    return {
        "example": EXAMPLE_CASE,
        "bare-csv": situations / "hand.csv",
        "no-sources": situations / "no-sources-1.yaml",
        "top-tie": situations / "top-tie-1.yaml",
    }[name]


def example_copy(tmp_path: Path) -> Path:
    """The example case with its stored sources, copied into ``tmp_path/data``."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data" / "cases", data / "cases")
    shutil.copytree(ROOT / "data" / "sources", data / "sources")
    return data / "cases" / EXAMPLE_CASE.name


@pytest.mark.parametrize("case", CASES)
@pytest.mark.parametrize("command", TECHNIQUES)
def test_each_technique_command(command, case, sat_cli, situations, snapshot):
    path = case_path(case, situations)
    assert {"text": sat_cli(command, path), "json": sat_cli(command, path, "--json")} == snapshot


@pytest.mark.parametrize(
    "options",
    [
        ("ach", "--top", "3"),
        ("bayes", "--top", "3"),
        ("collect", "--top", "2"),
        ("indicators", "--since", "2026-02-01"),
        ("advocacy", "--challenger", "H7"),
        ("estimates", "--pool", "logodds", "--extremize", "1.5"),
        ("consensus", "--method", "opensynthesis", "--top", "3"),
        ("network", "--path", "CN", "JP", "-k", "2"),
    ],
    ids=lambda options: "-".join(o.lstrip("-") for o in options),
)
def test_technique_options_on_the_example(options, sat_cli, snapshot):
    command, *rest = options
    text = sat_cli(command, EXAMPLE_CASE, *rest)
    assert {"text": text, "json": sat_cli(command, EXAMPLE_CASE, *rest, "--json")} == snapshot


@pytest.mark.parametrize("case", CASES)
def test_validate(case, sat_cli, situations, snapshot):
    path = case_path(case, situations)
    assert {
        "text": sat_cli("validate", path),
        "json": sat_cli("validate", path, "--json"),
    } == snapshot


def test_validate_an_invalid_case(sat_cli, tmp_path, snapshot):
    path = tmp_path / "bad.yaml"
    path.write_text(MINIMAL.replace("{H1: C, H2: I}", "{H1: X, H5: I}"), encoding="utf-8")
    assert {
        "text": sat_cli("validate", path),
        "json": sat_cli("validate", path, "--json"),
    } == snapshot


@pytest.mark.parametrize("probability", ["0.62", "5%", "0.5", "0.99"])
def test_wep(probability, sat_cli, snapshot):
    said = {"text": sat_cli("wep", probability), "json": sat_cli("wep", probability, "--json")}
    assert said == snapshot


@pytest.mark.parametrize("fmt", ["csv", "json", "achz", "xlsx"])
@pytest.mark.parametrize("case", ["example", "bare-csv"])
def test_export(case, fmt, sat_cli, situations, tmp_path, snapshot):
    path = case_path(case, situations)
    text = sat_cli("export", path, "--to", fmt, "-o", tmp_path / f"text.{fmt}")
    json = sat_cli("export", path, "--to", fmt, "-o", tmp_path / f"json.{fmt}", "--json")
    written = (tmp_path / f"text.{fmt}").read_bytes()
    assert written == (tmp_path / f"json.{fmt}").read_bytes() or fmt in ("achz", "xlsx")
    file = written.decode("utf-8") if fmt in ("csv", "json") else f"{len(written) > 0=}"
    assert {"text": text, "json": json, "file": file} == snapshot


@pytest.mark.parametrize("versions", ["history", "unchanged"])
def test_diff(versions, sat_cli, snapshot):
    old = HISTORY if versions == "history" else EXAMPLE_CASE
    said = {
        "text": sat_cli("diff", old, EXAMPLE_CASE),
        "json": sat_cli("diff", old, EXAMPLE_CASE, "--json"),
    }
    assert said == snapshot


def test_register_resolve_and_calibration(sat_cli, tmp_path, snapshot):
    """A judgement's path: registered (twice: the second time adds nothing), resolved, scored."""
    case, register = example_copy(tmp_path), tmp_path / "register.csv"
    steps = {
        "register": sat_cli("register", case, register, "--as", "team", "--date", "2026-03-01"),
        "register again --json": sat_cli(
            "register", case, register, "--date", "2026-03-02", "--json"
        ),
        "resolve": sat_cli(
            "resolve", register, f"{case.stem}:H1", "--outcome", "no", "--date", "2026-12-31"
        ),
        "resolve --json": sat_cli(
            "resolve",
            register,
            f"{case.stem}:SC1",
            "--outcome",
            "yes",
            "--date",
            "2026-11-30",
            "--json",
        ),
        "calibration": sat_cli("calibration", register),
        "calibration --json": sat_cli("calibration", register, "--json"),
    }
    steps["register file"] = normalise(register.read_text(encoding="utf-8"), {"tmp": tmp_path})
    assert steps == snapshot


@pytest.fixture
def synthetic_register(tmp_path) -> Path:
    from sat.io.register import write_register
    from sat.testing.register import synthetic_entries

    analysts = (("ana", 0.0, 1.0), ("ben", 0.3, 0.5))
    return write_register(tmp_path / "register.csv", synthetic_entries(60, analysts, seed=3))


@pytest.mark.parametrize("options", [(), ("--fit",), ("--fit", "--analyst", "ben")], ids=" ".join)
def test_calibration_of_a_register_with_outcomes(options, synthetic_register, sat_cli, snapshot):
    text = sat_cli("calibration", synthetic_register, *options)
    assert {
        "text": text,
        "json": sat_cli("calibration", synthetic_register, *options, "--json"),
    } == snapshot


def test_calibration_of_the_projects_register(sat_cli, snapshot):
    register = ROOT / "data" / "register.csv"
    text = sat_cli("calibration", register)
    assert {"text": text, "json": sat_cli("calibration", register, "--json")} == snapshot


def test_source_add(sat_cli, tmp_path, snapshot):
    said = {}
    for mode in ("text", "json"):
        case = tmp_path / mode / "cases" / "t.yaml"
        case.parent.mkdir(parents=True)
        case.write_text(MINIMAL, encoding="utf-8")
        options = ("--id", "S9", "--reliability", "B", "--reason", "A named wire service.")
        json = ("--json",) if mode == "json" else ()
        said[mode] = sat_cli("source", "add", case, FIXTURES / "article.html", *options, *json)
        said[f"{mode} case file"] = normalise(case.read_text(encoding="utf-8"), {"tmp": tmp_path})
    assert said == snapshot


def test_quotes(sat_cli, tmp_path, snapshot):
    proposed = ("quotes", EXAMPLE_CASE, "--evidence", "E07", "--top", "2")
    said = {"text": sat_cli(*proposed), "json": sat_cli(*proposed, "--json")}
    said["every item quoted"] = sat_cli("quotes", EXAMPLE_CASE)
    case = example_copy(tmp_path)
    said["accept"] = sat_cli("quotes", case, "--evidence", "E07", "--accept", "1")
    said["accept --json"] = sat_cli("quotes", case, "--evidence", "E08", "--accept", "2", "--json")
    assert said == snapshot


def test_schema(sat_cli, tmp_path, snapshot):
    said = {
        "text": sat_cli("schema", "-o", tmp_path / "a.json"),
        "json": sat_cli("schema", "-o", tmp_path / "b.json", "--json"),
        "check": sat_cli("schema", "--check", "-o", ROOT / "data" / "schema" / "case.schema.json"),
        "check --json": sat_cli(
            "schema", "--check", "-o", ROOT / "data" / "schema" / "case.schema.json", "--json"
        ),
    }
    assert said == snapshot


def test_new(sat_cli, tmp_path, snapshot):
    said = {
        "text": sat_cli("new", "my-case", "-o", tmp_path / "text"),
        "json": sat_cli("new", "my-case", "-o", tmp_path / "json", "--json"),
        "again": sat_cli("new", "my-case", "-o", tmp_path / "text"),
    }
    template = (tmp_path / "text" / "my-case.yaml").read_text(encoding="utf-8")
    said["file"] = normalise(template, {"tmp": tmp_path})
    assert said == snapshot


def test_notebook(sat_cli, tmp_path, snapshot):
    case, out = example_copy(tmp_path), tmp_path / "data" / "notebooks"  # case_path: ../cases/...
    said = {
        "list": sat_cli("notebook"),
        "list --json": sat_cli("notebook", "--json"),
        "text": sat_cli("notebook", "ach", case, "-o", out),
        "json": sat_cli(
            "notebook", "indicators", case, "-o", out, "-p", "since=2026-02-01", "--json"
        ),
        "again": sat_cli("notebook", "ach", case, "-o", out),
    }
    assert said == snapshot


def test_report(sat_cli, tmp_path, snapshot):
    """``sat report``: what it prints, the summary and matrix it writes beside the brief, and
    what each cell of the executed brief notebook shows: each section of the example's brief."""
    import nbformat

    case = example_copy(tmp_path)
    said = {
        "text": sat_cli("report", FIXTURES / "hand.yaml", "-o", tmp_path / "hand"),
        "json": sat_cli("report", case, "-o", tmp_path / "example", "--json"),
    }
    for name in ("summary.json", "matrix.csv"):
        said[name] = (tmp_path / "example" / name).read_text(encoding="utf-8")
    brief = nbformat.read(tmp_path / "example" / "brief.ipynb", as_version=4)
    said["brief, section by section"] = cells(brief, {"tmp": tmp_path, "repo": ROOT})
    assert said == snapshot


def test_batch(sat_cli, tmp_path, snapshot):
    hand = FIXTURES / "hand.yaml"
    said = {
        "text": sat_cli("batch", hand, "-o", tmp_path / "text", "--workers", "1"),
        "json": sat_cli("batch", hand, "-o", tmp_path / "json", "--workers", "1", "--json"),
    }
    assert said == snapshot


@pytest.mark.parametrize(
    "argv",
    [
        ("experts", "{example}"),
        ("experts", "{example}", "--out-of-sample"),
        ("experts", "{example}", "--round", "1", "--alpha", "0.5"),
        ("experts", "{study}"),
        ("experts", "{bare}"),
        ("quantities", "{example}", "--round", "2"),
    ],
    ids=" ".join,
)
def test_numbers_from_a_team(argv, sat_cli, situations, snapshot):
    """sat experts on the example's quantities, on an Excalibur study, and on a case with none."""
    places = {
        "{example}": EXAMPLE_CASE,
        "{study}": FIXTURES / "seju" / "tobacco.dtt",
        "{bare}": case_path("bare-csv", situations),
    }
    args = [places.get(a, a) for a in argv]
    assert {"text": sat_cli(*args), "json": sat_cli(*args, "--json")} == snapshot


def test_weights_earned_on_a_register_and_the_pool_with_them(tmp_path, sat_cli, snapshot):
    from sat.io.register import Entry, write_register

    rows = []  # three analysts of the example case, the same six judgements each
    for q, outcome in enumerate((1, 0, 1, 1, 0, 0)):
        for who, p in (("Analyst A", (0.8, 0.2, 0.7, 0.9, 0.3, 0.1)[q]),
                       ("Analyst B", (0.4, 0.6, 0.5, 0.3, 0.7, 0.5)[q]),
                       ("Analyst C", (0.6, 0.4, 0.6, 0.7, 0.5, 0.3)[q])):  # fmt: skip
            rows.append(
                Entry(
                    f"old:J{q}", 1, "old", "v1", who, "hypothesis", "s", p, "c", None, None, outcome
                )
            )
    register = write_register(tmp_path / "register.csv", rows)
    assert {
        "earned": sat_cli("earned", register),
        "earned --json": sat_cli("earned", register, "--json"),
        "estimates --register": sat_cli("estimates", EXAMPLE_CASE, "--register", register),
        "estimates --register --json": sat_cli(
            "estimates", EXAMPLE_CASE, "--register", register, "--json"
        ),
    } == snapshot


def test_excalibur_export_of_the_example_and_files_of_another_refused(sat_cli, tmp_path, snapshot):
    """sat export --to excalibur: both files written, the analysts renamed said; a .rls that is not
    sat's refused in one line."""
    text = sat_cli("export", EXAMPLE_CASE, "--to", "excalibur", "-o", tmp_path / "text.dtt")
    json = sat_cli("export", EXAMPLE_CASE, "--to", "excalibur", "-o", tmp_path / "json", "--json")
    (tmp_path / "theirs.rls").write_text("not sat's\n", encoding="utf-8")
    refused = sat_cli("export", EXAMPLE_CASE, "--to", "excalibur", "-o", tmp_path / "theirs.dtt")
    files = [(tmp_path / f"text.{s}").read_text(encoding="utf-8") for s in ("dtt", "rls")]
    assert files == [(tmp_path / f"json.{s}").read_text(encoding="utf-8") for s in ("dtt", "rls")]
    assert {"text": text, "json": json, "refused": refused, "dtt": files[0][:400]} == snapshot


def test_quantities_import_of_an_excalibur_study(sat_cli, tmp_path, snapshot):
    """sat quantities CASE --import STUDY.dtt: the study added, then the case's quantities shown;
    a second import into the same case refused."""
    said = {}
    for name, extra in (("text", ()), ("json", ("--json",))):
        case = tmp_path / f"{name}.yaml"
        case.write_text(MINIMAL, encoding="utf-8")
        said[name] = sat_cli(
            "quantities", case, "--import", FIXTURES / "seju" / "tobacco.dtt", *extra
        )
    said["again"] = sat_cli(
        "quantities", tmp_path / "text.yaml", "--import", FIXTURES / "seju" / "tobacco.dtt"
    )
    assert said == snapshot
