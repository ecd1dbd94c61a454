"""Quote candidates: BM25 ranking of a source's passages, short sources, ``sat quotes`` on
stored texts it must not or cannot read, and quotes proposed, accepted and stored exactly as the
source writes them (every punctuation mark; a hard-wrapped text's whole sentences)."""

import sys
import textwrap
import unicodedata
from pathlib import Path

import pytest

from sat.cli import main
from sat.cli.commands import EXIT_INVALID, EXIT_OK
from sat.io import load_case
from sat.io.document import CaseDocument
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
    assert f"{case}:{line}: sources S1.file: " in err and "a.pdf" in err
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
    assert "sources S1.file" in err and "relative" in err


def test_sat_quotes_on_good_sources_still_proposes(capsys, tmp_path):
    (tmp_path / "a.txt").write_text(TWO, encoding="utf-8")
    case = tmp_path / "case.yaml"
    case.write_text(case_text("a.txt", []).replace("    quote:\n", ""), encoding="utf-8")
    code, out, _ = run(capsys, "quotes", case)
    assert code == EXIT_OK and ONE in out


# -- quotes exactly as in the source --------------------------------------------------------------

#: Every Unicode punctuation mark (general category P*), then typographic marks, spaces and symbols.
MARKS = list(
    dict.fromkeys(
        [chr(c) for c in range(sys.maxunicode + 1) if unicodedata.category(chr(c))[0] == "P"]
        + list("\u2014\u2013\u2018\u2019\u201c\u201d\u2026\u00ab\u00bb\u2039\u203a\u201e\u201a")
        + list("\u00b7\u2022\u2032\u2033\u00a7\u00b6\u00a9\u00ae\u2122\u00b0\u00b1\u00d7\u20ac")
        + list("\u00a0\u2002\u2003\u2007\u2008\u2009\u200a\u202f\u205f\u3000")  # spaces
    )
)
GROUP = 24


def _statements(marks: list[str], tag: str) -> tuple[list[str], list[str]]:
    """Sentences each carrying GROUP marks, inside words and standing alone, and the marks that
    only go inside words (for a hard-wrapped text, where a mark alone could begin a line)."""
    groups = [marks[k : k + GROUP] for k in range(0, len(marks), GROUP)]
    alone = [
        f"Item {tag}{k:03d} says " + " ".join(f"x{m}y {m} z" for m in group) + "."
        for k, group in enumerate(groups)
    ]
    inside = [
        f"Item {tag}{k:03d} says " + " ".join(f"xx{m}yy" for m in group) + "."
        for k, group in enumerate(groups)
    ]
    return alone, inside


def _marks_case(tmp_path, count: int) -> Path:
    items = "".join(
        f"  - id: {ident}{k}\n"
        f"    summary: Item {ident.lower()}{k:03d}\n"
        f"    sources: [{source}]\n"
        "    ratings: {H1: C, H2: N}\n"
        for ident, source in (("W", "S1"), ("V", "S2"))
        for k in range(count)
    )
    case = tmp_path / "case.yaml"
    case.write_text(
        case_text("a.txt", [])
        .split("evidence:")[0]
        .replace(
            "    file: a.txt\n",
            "    file: a.txt\n  - {id: S2, title: Wrapped, reliability: C, "
            "reliability_reason: same outlet, file: b.txt}\n",
        )
        + "evidence:\n"
        + items,
        encoding="utf-8",
    )
    return case


def test_every_punctuation_mark_is_proposed_accepted_stored_and_found_as_the_source_writes_it(
    tmp_path,
):
    alone, _ = _statements(MARKS, "w")
    _, inside = _statements(MARKS, "v")
    # S1: a sentence a paragraph, marks inside words and standing alone; S2: the same marks inside
    # words, every paragraph hard-wrapped at 60 columns, and a line broken after a hyphen
    (tmp_path / "a.txt").write_text("\n\n".join(alone) + "\n", encoding="utf-8")
    wrapped = "\n\n".join(textwrap.fill(s, 60) for s in inside).replace("xx-yy", "xx-\nyy", 1)
    (tmp_path / "b.txt").write_text(wrapped + "\n", encoding="utf-8")
    case = _marks_case(tmp_path, len(alone))
    loaded = load_case(case)
    found = verify(loaded, tmp_path)
    expected = {f"W{k}": s for k, s in enumerate(alone)} | {
        f"V{k}": s for k, s in enumerate(inside)
    }
    proposed = {e: candidates(loaded, found, e, top=1) for e in expected}
    assert {e: [c.passage for c in cs] for e, cs in proposed.items()} == {
        e: [s] for e, s in expected.items()
    }

    doc = CaseDocument(case)  # accepted as the workbook and `sat quotes --accept` accept them
    for e, cs in proposed.items():
        doc.set_field("evidence", e, "quote", [cs[0].passage])
    doc.save()
    again = load_case(case, check_sources=True)  # written, read back, and checked
    assert {e: again.item(e).quote for e in expected} == {e: (s,) for e, s in expected.items()}
    checked = verify(again, tmp_path)
    assert checked.not_found == ()
    assert {q.evidence: q.found_in for q in checked.quotes} == {
        e: "S1" if e.startswith("W") else "S2" for e in expected
    }


NORD_STREAM = """\
Nord Stream: what we know

According to the report, divers, using the cover of a mid-summer NATO
exercise known as BALTOPS 22, planted the remotely triggered explosives
that, three months later, destroyed three of the four pipelines \u2014 a
claim Washington denied.
"""


def test_sat_quotes_on_a_hard_wrapped_source_proposes_and_accepts_the_whole_sentence(
    capsys, tmp_path
):
    (tmp_path / "a.txt").write_text(NORD_STREAM, encoding="utf-8")
    case = tmp_path / "case.yaml"
    text = case_text("a.txt", []).replace("    quote:\n", "")
    case.write_text(
        text.replace(
            "Beijing cites national security.", "Divers planted explosives during BALTOPS 22."
        ),
        encoding="utf-8",
    )
    sentence = (
        "According to the report, divers, using the cover of a mid-summer NATO exercise known as "
        "BALTOPS 22, planted the remotely triggered explosives that, three months later, destroyed "
        "three of the four pipelines \u2014 a claim Washington denied."
    )
    code, out, _ = run(capsys, "quotes", case)
    assert code == EXIT_OK and out.splitlines()[1].endswith(f"] {sentence}")
    code, out, err = run(capsys, "quotes", case, "--evidence", "E1", "--accept", "1")
    assert code == EXIT_OK, err
    assert load_case(case, check_sources=True).item("E1").quote == (sentence,)
    assert f"      - {sentence}\n" in case.read_text(encoding="utf-8")  # the em dash kept
