"""A case's quantities to and from Excalibur's study files."""

from __future__ import annotations

import json
import shutil
import textwrap

import pytest

from sat.cli import main
from sat.errors import UnsafeFileError, UsageError
from sat.io import load_case
from sat.io.excalibur import read_study
from sat.io.excalibur_case import export_study, import_study
from sat.models.panel import study_of
from sat.paths import EXAMPLE_CASE, ROOT

SEJU = ROOT / "tests" / "fixtures" / "seju"

SMALL = textwrap.dedent(
    """\
    id: small   # a small case
    title: Small
    question: How many?
    date: 2026-01-01
    analysts: [Ana]
    hypotheses:
      # the two readings
      - {id: H1, label: a, statement: A.}
      - {id: H2, label: b, statement: B.}
    """
)


def test_the_example_case_exported_reads_back_as_its_latest_answers(tmp_path):
    case = load_case(EXAMPLE_CASE)
    (dtt, rls), notes = export_study(case, tmp_path / "example.dtt")
    back, held = read_study(dtt), study_of(case)
    assert rls == tmp_path / "example.rls" and rls.exists()
    assert back.probabilities == held.probabilities
    assert [(q.realization, q.scale) for q in back.items] == [
        (q.realization, q.scale) for q in held.items
    ]
    for row, want in zip(back.answers, held.answers, strict=True):
        for got, answer in zip(row, want, strict=True):
            if answer is None:
                assert got is None  # the sentinel where the analyst did not answer
            else:
                assert got == pytest.approx(answer, rel=5e-6)  # six significant digits
    assert back.experts == ("AnalystA", "AnalystB", "AnalystC")
    assert "analyst 'Analyst A' is expert 'AnalystA'" in notes[0]
    assert any(n.startswith("4 four-point answers are written") for n in notes)
    assert "-9.99500E+0002" in rls.read_text()  # the targets: no realisation


def test_an_export_never_replaces_a_file_sat_did_not_write(tmp_path):
    (tmp_path / "example.rls").write_text("mine\n")
    with pytest.raises(UnsafeFileError, match=r"example\.rls: exists and was not written by sat"):
        export_study(load_case(EXAMPLE_CASE), tmp_path / "example.dtt")
    assert not (tmp_path / "example.dtt").exists()
    assert (tmp_path / "example.rls").read_text() == "mine\n"


def experts_json(capsys, path):
    assert main(["experts", str(path), "--json"]) == 0
    return json.loads(capsys.readouterr().out)["experts"]


def test_a_study_imported_is_weighed_as_the_study_and_the_comments_stay(tmp_path, capsys):
    case = tmp_path / "small.yaml"
    case.write_text(SMALL)
    imported = import_study(case, SEJU / "tobacco.dtt")
    assert (imported.quantities, imported.seeds, imported.answers) == (21, 10, 147)
    text = case.read_text()
    assert "id: small   # a small case" in text and "  # the two readings" in text
    held, study = load_case(case), read_study(SEJU / "tobacco.dtt")
    assert held.analysts == ("Ana", *study.experts)
    assert [q.label for q in held.quantities] == [q.id for q in study.items]
    assert study_of(held).answers == study.answers
    mine, theirs = experts_json(capsys, case), experts_json(capsys, SEJU / "tobacco.dtt")
    assert {e: round(v["calibration"], 9) for e, v in mine.items()} == {
        e: round(v["calibration"], 9) for e, v in theirs.items()
    }


def test_a_case_with_quantities_or_other_quantiles_is_refused(tmp_path):
    with pytest.raises(UsageError, match="already has quantities"):
        import_study(shutil.copy(EXAMPLE_CASE, tmp_path / "example.yaml"), SEJU / "tobacco.dtt")
    case = tmp_path / "small.yaml"
    case.write_text(SMALL + "quantiles: [10%, 50%, 90%]\n")
    with pytest.raises(UsageError, match=r"quantiles \(10%, 50%, 90%\) are not the study's"):
        import_study(case, SEJU / "tobacco.dtt")
    assert case.read_text() == SMALL + "quantiles: [10%, 50%, 90%]\n"


def test_only_a_yaml_case_file_takes_a_study(tmp_path):
    case = tmp_path / "hand.csv"
    shutil.copy(ROOT / "tests" / "fixtures" / "hand.csv", case)
    with pytest.raises(UsageError, match=r"import into a case file in YAML \(\.yaml or \.yml\)"):
        import_study(case, SEJU / "tobacco.dtt")
