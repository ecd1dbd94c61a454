"""Quote candidates: BM25 ranking of a source's passages, short sources, and ``sat quotes`` on
stored texts it must not or cannot read."""

import pytest

from sat.cli import main
from sat.cli.commands import EXIT_INVALID, EXIT_OK
from sat.io import load_case
from sat.io.quotes import candidates
from sat.io.sources import verify
from tests.io.test_sources import OUTSIDE, case_text, damaged_pdfs

ONE = "Beijing cites national security as the reason for the export ban."
TWO = ONE + "\nThe weather in Tokyo was mild on the day of the announcement."


@pytest.mark.parametrize("text", [ONE, TWO], ids=["one sentence", "two sentences"])
def test_a_short_source_still_ranks_its_matching_sentence_first(tmp_path, text):
    (tmp_path / "a.txt").write_text(text, encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(case_text("a.txt", []).replace("    quote:\n", ""), encoding="utf-8")
    loaded = load_case(case)
    found = candidates(loaded, verify(loaded, tmp_path), "E1", top=3)
    assert [c.passage for c in found][:1] == [ONE]
    assert found[0].score > 0
    assert all("weather" not in c.passage for c in found)  # no word in common: not proposed


def test_candidates_come_from_the_text_verify_read(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text(ONE, encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(case_text("a.txt", []).replace("    quote:\n", ""), encoding="utf-8")
    loaded = load_case(case)
    found = verify(loaded, tmp_path)
    path.unlink()  # read once, by verify: nothing is read again
    assert [c.passage for c in candidates(loaded, found, "E1")] == [ONE]


def run(capsys, *argv):
    code = main([str(a) for a in argv])
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize("damage", sorted(damaged_pdfs()))
def test_sat_quotes_on_a_damaged_pdf_is_one_located_line(capsys, tmp_path, damage):
    (tmp_path / "a.pdf").write_bytes(damaged_pdfs()[damage])
    case = tmp_path / "case.yaml"
    text = case_text("a.pdf", []).replace("    quote:\n", "")
    case.write_text(text, encoding="utf-8")
    code, out, err = run(capsys, "quotes", case)
    line = text.splitlines().index("    file: a.pdf") + 1
    assert code == EXIT_INVALID and out == ""
    assert f"{case}:{line}: sources[0].file: " in err and "a.pdf" in err
    assert "Traceback" not in err and all(e.startswith(str(case)) for e in err.splitlines())


def test_sat_quotes_does_not_list_a_file_outside_the_case(capsys, tmp_path):
    (tmp_path / "secret.txt").write_text(OUTSIDE, encoding="utf-8")
    folder = tmp_path / "work"
    folder.mkdir()
    case = folder / "case.yaml"
    text = case_text("../secret.txt", []).replace("    quote:\n", "")
    case.write_text(text.replace("Beijing cites national security.", "The launch codes binder."))
    code, out, err = run(capsys, "quotes", case)
    assert code == EXIT_INVALID and "third shelf" not in out + err
    assert "sources[0].file" in err and "relative" in err


def test_sat_quotes_on_good_sources_still_proposes(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(TWO, encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(case_text("a.txt", []).replace("    quote:\n", ""), encoding="utf-8")
    code, out, _ = run(capsys, "quotes", case)
    assert code == EXIT_OK and ONE in out
