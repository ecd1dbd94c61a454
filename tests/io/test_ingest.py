"""Bringing a new source into a case: extraction, storage, the source entry, quote candidates."""

import itertools
import textwrap
from pathlib import Path

import pytest

from sat.io import ingest, load_case
from sat.io.quotes import candidates, passages, tokens
from sat.io.sources import verify
from tests.io.test_sources import make_pdf

FIXTURES = Path(__file__).parent.parent / "fixtures"

CASE = textwrap.dedent(
    """\
    # a case about a harbour (this comment must survive)
    id: harbour
    title: Harbour inspections
    question: Why did the harbour authority widen inspections?
    date: 2026-03-05
    analysts: [me]
    hypotheses:
      - {id: H1, label: Pressure, statement: Pressure on the northern terminals.}
      - {id: H2, label: Routine, statement: A routine safety measure.}
    evidence:
      - id: E1
        summary: The authority will inspect every container from the northern terminals.
        ratings: {H1: C, H2: C}
    """
)


@pytest.fixture
def case_file(tmp_path):
    folder = tmp_path / "data" / "cases"
    folder.mkdir(parents=True)
    path = folder / "harbour.yaml"
    path.write_text(CASE, encoding="utf-8")
    return path


def test_html_main_text_and_metadata_without_the_page_furniture():
    found = ingest.extract(FIXTURES / "article.html")
    assert found.kind == "html"
    assert found.title == "Harbour authority widens inspections"
    assert found.author == "Mira Okonkwo" and found.publisher == "The Coastal Ledger"
    assert found.date.isoformat() == "2026-03-04"
    assert "inspect every container arriving from the northern terminals" in found.text
    for furniture in ("Ignore this script", "Subscribe", "newsletter", "All rights reserved"):
        assert furniture not in found.text


def test_pdf_text_and_plain_text(tmp_path):
    pdf = tmp_path / "notice.pdf"
    pdf.write_bytes(make_pdf(["Port notice 12.", "Every container will be inspected."]))
    found = ingest.extract(pdf)
    assert found.kind == "pdf" and "Every container will be inspected." in found.text
    note = tmp_path / "note.md"
    note.write_text("# Field note\n\nThe queue reached the bridge.\n", encoding="utf-8")
    found = ingest.extract(note)
    assert (found.kind, found.title) == ("text", "Field note")


def test_unusable_files_are_refused_in_one_line(tmp_path):
    for name, content, needle in [
        ("a.docx", b"PK", "cannot extract text from a '.docx' file"),
        ("a.pdf", b"not a pdf", "not readable as PDF"),
        ("a.txt", "caf\u00e9".encode("latin-1"), "not UTF-8"),
        ("b.txt", b"   \n", "no text found"),
    ]:
        path = tmp_path / name
        path.write_bytes(content)
        with pytest.raises(ingest.IngestError, match=needle) as caught:
            ingest.extract(path)
        assert "\n" not in str(caught.value)


def test_add_source_stores_text_registers_an_ungraded_source_and_keeps_comments(case_file):
    added = ingest.add_source(case_file, FIXTURES / "article.html")
    assert added.id == "S1"
    stored = case_file.parent.parent / "sources" / "harbour"
    assert added.text_file.parent == stored and added.text_file.suffix == ".txt"
    assert (
        added.original is not None
        and added.original.read_bytes() == (FIXTURES / "article.html").read_bytes()
    )
    text = case_file.read_text(encoding="utf-8")
    assert text.startswith("# a case about a harbour (this comment must survive)")
    case = load_case(case_file, check_sources=True)  # digest recorded and matching
    source = case.source("S1")
    assert source.reliability is None and source.reliability_reason is None  # never defaulted
    assert source.title == "Harbour authority widens inspections"
    assert source.publisher == "The Coastal Ledger" and source.date.isoformat() == "2026-03-04"
    assert source.file == "../sources/harbour/" + added.text_file.name
    assert verify(case, case_file.parent).by_source["S1"].status == "ok"
    with pytest.raises(ingest.IngestError, match="already has a source S1"):
        ingest.add_source(case_file, FIXTURES / "article.html", source_id="S1")


def test_quote_candidates_rank_the_passage_that_matches_the_summary(case_file):
    ingest.add_source(case_file, FIXTURES / "article.html")
    text = case_file.read_text(encoding="utf-8").replace(
        "    ratings: {H1: C, H2: C}", "    sources: [S1]\n    ratings: {H1: C, H2: C}"
    )
    case_file.write_text(text, encoding="utf-8")
    case = load_case(case_file)
    found = candidates(case, verify(case, case_file.parent), "E1", top=3)
    assert [c.rank for c in found] == [1, 2, 3][: len(found)]
    assert "inspect every container arriving from the northern terminals" in found[0].passage
    assert all(a.score >= b.score for a, b in itertools.pairwise(found))
    assert found[0].source == "S1"


def test_tokens_and_passages():
    assert tokens("The authority said it WILL inspect") == ["authority", "inspect"]
    assert passages("One. Two?\n\nThree") == ["One.", "Two?", "Three"]
