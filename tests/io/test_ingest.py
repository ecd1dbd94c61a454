"""Bringing a new source into a case: extraction, storage, the source entry, quote candidates."""

import itertools
import os
import textwrap
from pathlib import Path

import pytest

from sat.cli import main
from sat.cli.commands import EXIT_INVALID
from sat.errors import CaseError, SatError
from sat.io import ingest, load_case
from sat.io.quotes import candidates, passages, tokens
from sat.io.sources import MAX_PDF_BYTES, verify
from tests.io.test_sources import damaged_pdfs, make_pdf

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


@pytest.mark.parametrize(
    ("name", "text", "title"),
    [
        (
            "a.md",
            "Saved 2026-01-07\n\n# Nord Stream: what we know\n\nDivers.\n",
            "Nord Stream: what we know",
        ),
        ("a.txt", "Nord Stream: what we know\n\nDivers planted it.\n", "Nord Stream: what we know"),
        (
            "a.txt",
            "On 26 September 2022, explosions ruptured the Nord Stream 1 and\n"
            "2 gas pipelines in the Baltic Sea. Nobody has claimed them.\n",
            "On 26 September 2022, explosions ruptured the Nord Stream 1 and 2 gas pipelines in the "
            "Baltic Sea",
        ),
        (
            "a.txt",
            "According to the report, divers, using the cover of a mid-summer NATO\n"
            "exercise known as BALTOPS 22, planted the remotely triggered explosives\n"
            "that, three months later, destroyed three of the four pipelines.\n",
            "According to the report, divers, using the cover of a mid-summer NATO exercise known "
            "as BALTOPS 22, planted the\u2026",
        ),
    ],
    ids=["markdown heading", "short first line", "wrapped sentence", "long wrapped sentence"],
)
def test_a_text_sources_title_is_its_first_heading_or_its_first_sentence(
    case_file, tmp_path, name, text, title
):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    assert ingest.extract(path).title == title
    added = ingest.add_source(case_file, path)
    assert load_case(case_file).source(added.id).title == title


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


@pytest.mark.parametrize(
    ("ids", "expected"),
    [(["S1", "S3"], "S4"), (["SRC-01", "SRC-02"], "SRC-03"), (["Reuters", "AP"], "S1")],
)
def test_a_new_source_is_numbered_as_the_case_numbers_its_sources_never_reusing_a_gap(
    case_file, ids, expected
):
    # the one allocator of the package (sat.io.numbering.next_id): an id removed earlier (S2) is
    # not handed to a new source, whose quotes a reader could otherwise confuse with the old one's
    listed = "".join(f"  - {{id: {i}, title: Earlier report {i}}}\n" for i in ids)
    case_file.write_text(CASE + "sources:\n" + listed, encoding="utf-8")
    added = ingest.add_source(case_file, FIXTURES / "article.html")
    assert added.id == expected
    assert load_case(case_file).source(expected).title == "Harbour authority widens inspections"


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


def _tree(root: Path) -> dict[str, bytes | None]:
    return {
        str(p.relative_to(root)): (p.read_bytes() if p.is_file() else None)
        for p in sorted(root.rglob("*"))
    }


def test_two_cases_sharing_a_sources_folder_never_overwrite_each_others_texts(case_file):
    twin = case_file.with_name("harbour-copy.yaml")  # same case id: same sources folder
    twin.write_text(CASE, encoding="utf-8")
    first = ingest.add_source(case_file, FIXTURES / "article.html")
    before = first.text_file.read_bytes(), first.original.read_bytes()
    second = ingest.add_source(twin, FIXTURES / "article.html")
    assert second.text_file != first.text_file and second.original != first.original
    assert second.text_file.name == first.text_file.stem + "-2.txt"
    assert second.original.name == first.text_file.stem + "-2.html"  # the pair keeps one name
    assert (first.text_file.read_bytes(), first.original.read_bytes()) == before
    assert load_case(twin).source("S1").file == "../sources/harbour/" + second.text_file.name
    for case in (case_file, twin):
        assert verify(load_case(case), case.parent).by_source["S1"].status == "ok"


def test_a_refused_grade_removes_only_what_this_call_created(case_file):
    first = ingest.add_source(case_file, FIXTURES / "article.html")
    twin = case_file.with_name("harbour-copy.yaml")  # would store under first's very names
    twin.write_text(CASE, encoding="utf-8")
    keep = case_file.parent.parent / "sources" / "harbour"
    before = _tree(keep)
    with pytest.raises(CaseError):  # a grade outside A-F, refused when the entry is validated
        ingest.add_source(twin, FIXTURES / "article.html", reliability="Q", reason="r")
    assert _tree(keep) == before and first.text_file.exists()
    assert twin.read_text(encoding="utf-8") == CASE
    assert verify(load_case(case_file), case_file.parent).by_source["S1"].status == "ok"


def test_a_refused_grade_in_a_new_folder_leaves_no_folder_behind(case_file):
    with pytest.raises(CaseError):
        ingest.add_source(case_file, FIXTURES / "article.html", reliability="Q", reason="r")
    assert not (case_file.parent.parent / "sources").exists()


@pytest.mark.parametrize(
    "options",
    [
        {"source_id": "../../x"},
        {"source_id": "S1/x"},
        {"source_id": "-x"},
        {"folder": "OUTSIDE"},
        {"folder": "OUTSIDE/deeper"},
    ],
)
def test_an_id_or_folder_leading_outside_is_refused_before_the_disk_is_touched(
    case_file, tmp_path, options
):
    outside = tmp_path.parent / f"{tmp_path.name}-outside"
    if "folder" in options:
        options = {"folder": options["folder"].replace("OUTSIDE", str(outside))}
    before = _tree(tmp_path)
    with pytest.raises(SatError) as caught:
        ingest.add_source(case_file, FIXTURES / "article.html", **options)
    assert "\n" not in str(caught.value)
    assert _tree(tmp_path) == before and not outside.exists()


def _page(date_text: str, meta: str = "") -> str:
    return (
        f"<html><head><title>Harbour</title>{meta}</head><body><article><h1>Harbour</h1>"
        f"<p>Published {date_text}.</p><p>The harbour authority said on Tuesday that it would "
        "inspect every container arriving from the northern terminals, a step it described as "
        "temporary and proportionate.</p><p>Shipping agents said the inspections had already "
        "added two days to clearance times.</p></article></body></html>"
    )


@pytest.mark.parametrize("date_text", ["March 2024", "2024", "spring 2024"])
def test_a_date_not_stated_to_the_day_is_left_out_with_a_note(case_file, tmp_path, date_text):
    page = tmp_path / "page.html"
    page.write_text(_page(date_text), encoding="utf-8")
    added = ingest.add_source(case_file, page)
    assert "date" not in added.entry and load_case(case_file).source("S1").date is None
    assert any("date" in note for note in added.notes)


@pytest.mark.parametrize(
    ("date_text", "meta"),
    [
        ("4 March 2026", ""),
        ("March 4, 2026", ""),
        ("", '<meta property="article:published_time" content="2026-03-04T08:15:00+00:00">'),
    ],
)
def test_a_date_stated_to_the_day_is_kept(case_file, tmp_path, date_text, meta):
    page = tmp_path / "page.html"
    page.write_text(_page(date_text, meta), encoding="utf-8")
    added = ingest.add_source(case_file, page)
    assert added.entry["date"].isoformat() == "2026-03-04"


def test_a_pdf_date_is_kept_only_to_the_day(tmp_path):
    pdf = tmp_path / "notice.pdf"
    info = b"<< /Type /Catalog /Pages 2 0 R >>"
    for stamp, expected in [(b"D:20240315093000Z", "2024-03-15"), (b"D:2024", None)]:
        data = make_pdf(["Port notice 12."]).replace(
            b"trailer\n<< /Size 6 /Root 1 0 R >>",
            b"trailer\n<< /Size 6 /Root 1 0 R /Info << /CreationDate (" + stamp + b") >> >>",
        )
        assert info in data
        pdf.write_bytes(data)
        found = ingest.extract(pdf)
        assert (found.date.isoformat() if found.date else None) == expected


@pytest.mark.parametrize("damage", sorted(damaged_pdfs()))
def test_source_add_refuses_a_damaged_pdf_in_one_line(capsys, case_file, tmp_path, damage):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(damaged_pdfs()[damage])
    before = _tree(tmp_path)
    code = main(["source", "add", str(case_file), str(bad)])
    err = capsys.readouterr().err
    assert code == EXIT_INVALID and err.count("\n") == 1 and "bad.pdf" in err and "PDF" in err
    assert _tree(tmp_path) == before


def test_source_add_refuses_a_fifo_or_an_oversized_file_before_reading(case_file, tmp_path):
    fifo = tmp_path / "pipe.html"
    os.mkfifo(fifo)  # opened, it would block for ever
    with pytest.raises(SatError, match="regular file"):
        ingest.add_source(case_file, fifo)
    big = tmp_path / "big.pdf"
    with open(big, "wb") as handle:
        handle.truncate(MAX_PDF_BYTES + 1)
    with pytest.raises(SatError, match="limit"):
        ingest.add_source(case_file, big)
    assert not (case_file.parent.parent / "sources").exists()
