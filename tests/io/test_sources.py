"""Stored source texts and the quotes evidence rests on: reading, digests, finding and not finding."""

import hashlib
import json
import os
import textwrap
import tracemalloc
import zlib

import pytest

from sat.errors import CaseError
from sat.io import load_case
from sat.io import sources as stored

ARTICLE = (
    "Beijing said the measure is designed to \u201csafeguard national security,\u201d and keep "
    "sensitive technologies out of possible military use.\n"
    "Tokyo stressed that the curbs appear to be targeted exclusively at Japan \u2014 diverging "
    "from typical global norms."
)


def assemble_pdf(objects: list[bytes]) -> bytes:
    """A PDF file of these numbered objects (1 the catalog), with its cross-reference table."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    return bytes(out)


def make_pdf(lines: list[str]) -> bytes:
    """A minimal one-page PDF showing ``lines`` in Helvetica, built by hand (no PDF library)."""
    text = "BT /F1 11 Tf 72 760 Td 14 TL " + " ".join(
        "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
        for line in lines
    )
    stream = text.encode("latin-1") + b" ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    return assemble_pdf(objects)


def case_text(file: str, quotes: list[str], sha: str | None = None, extra: str = "") -> str:
    quoted = "\n".join(f"      - {json.dumps(q)}" for q in quotes)
    digest = f"\n    sha256: {sha}" if sha else ""
    return (
        textwrap.dedent(
            """\
        id: q
        title: Q
        question: Why?
        date: 2026-01-01
        analysts: [me]
        hypotheses:
          - {id: H1, label: a, statement: a}
          - {id: H2, label: b, statement: b}
        sources:
          - id: S1
            title: An article
            reliability: C
            reliability_reason: unnamed outlet
            file: %s%s
        evidence:
          - id: E1
            summary: Beijing cites national security.
            sources: [S1]
            ratings: {H1: C, H2: N}
            quote:
        """
        )
        % (file, digest)
        + quoted
        + "\n"
        + extra
    )


@pytest.fixture
def article(tmp_path):
    def _article(name: str, content: str | bytes) -> tuple:
        path = tmp_path / name
        path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
        return path, hashlib.sha256(path.read_bytes()).hexdigest()

    return _article


def test_normalise_makes_typography_and_spacing_plain():
    assert stored.normalise("\u201cA\u201d \u2014 b\u2019s\n\n  c\u2026") == '"A" - b\'s c...'
    assert stored.normalise("non\u2011proliferation") == "non-proliferation"
    assert stored.normalise("dual\u00aduse") == "dualuse"  # a soft hyphen is not a letter


@pytest.mark.parametrize(
    "quote",
    [
        'designed to "safeguard national security," and keep sensitive',  # straight quotes
        "appear to be targeted exclusively at Japan - diverging",  # a plain dash for an em dash
        "out of possible\n military   use.",  # other whitespace
        "Tokyo stressed",  # across the line break before it
    ],
)
def test_a_quote_is_found_in_plain_text_despite_typography(tmp_path, article, quote):
    _, sha = article("a.txt", ARTICLE)
    case = tmp_path / "case.yaml"
    case.write_text(case_text("a.txt", [quote], sha), encoding="utf-8")
    found = stored.verify(load_case(case), tmp_path)
    assert [q.found_in for q in found.quotes] == ["S1"]
    assert found.problems(load_case(case)) == []


WRAPPED = (
    "Beijing said the ban covers rare-\n"
    "earth magnets, drones and their navigation systems \u2014\n"
    "and that it is aimed at Japan\u2019s armed forces alone.\n"
)


@pytest.mark.parametrize(
    ("quote", "found"),
    [
        ("the ban covers rare-earth magnets", True),  # a line broken after a hyphen: one word
        ("systems \u2014 and that", True),  # the characters as written, across the break
        ("systems - and that", True),
        ("the ban covers rare- earth magnets", False),
        ("rare earth magnets", False),
    ],
)
def test_a_quote_is_found_across_a_line_broken_after_a_hyphen_as_one_word(
    tmp_path, article, quote, found
):
    _, sha = article("a.txt", WRAPPED)
    case = tmp_path / "case.yaml"
    case.write_text(case_text("a.txt", [quote], sha), encoding="utf-8")
    checked = stored.verify(load_case(case), tmp_path)
    assert [q.found for q in checked.quotes] == [found]
    assert checked.by_source["S1"].holds(quote) is found


def test_a_quote_not_in_the_source_is_a_located_problem_with_the_closest_passage(tmp_path, article):
    _, sha = article("a.txt", ARTICLE)
    case = tmp_path / "case.yaml"
    text = case_text("a.txt", ["Tokyo said the curbs target Japan alone"], sha)
    case.write_text(text, encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(case, check_sources=True)
    (problem,) = caught.value.problems
    line = text.splitlines().index('      - "Tokyo said the curbs target Japan alone"') + 1
    assert (problem.line, problem.field) == (line, "evidence E1.quote[0]")
    assert "not found in the text of S1" in problem.message
    assert "the closest passage (" in problem.message and "Tokyo stressed" in problem.message
    assert "similar)" in problem.message


def test_several_quotes_name_the_one_missing(tmp_path, article):
    _, sha = article("a.txt", ARTICLE)
    case = tmp_path / "case.yaml"
    text = case_text("a.txt", ["Tokyo stressed", "an invented sentence about cabbages"], sha)
    case.write_text(text, encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(case, check_sources=True)
    (problem,) = caught.value.problems
    assert problem.field == "evidence E1.quote[1]"
    assert "closest" not in problem.message  # nothing near enough to show


def test_html_and_pdf_sources_are_read_as_their_visible_text(tmp_path, article):
    page = (
        "<html><head><title>T</title><style>p {color: red}</style>"
        "<script>var quote = 'Tokyo stressed';</script></head><body><nav>Menu</nav>"
        "<p>Beijing said the measure is designed to &ldquo;safeguard <b>national</b> "
        "security,&rdquo; and keep</p><p>sensitive technologies out.</p></body></html>"
    )
    html, _ = article("a.html", page)
    text = stored.read_text(html)
    assert 'designed to "safeguard national security," and keep' in stored.normalise(text)
    assert "var quote" not in text and "color: red" not in text
    pdf, _ = article("a.pdf", make_pdf(["Tokyo stressed that the curbs appear", "to be targeted."]))
    assert "Tokyo stressed that the curbs appear to be targeted." in stored.normalise(
        stored.read_text(pdf)
    )


def test_a_changed_or_missing_source_file_is_caught(tmp_path, article):
    path, sha = article("a.txt", ARTICLE)
    case = tmp_path / "case.yaml"
    text = case_text("a.txt", ["Tokyo stressed"], sha)
    case.write_text(text, encoding="utf-8")
    load_case(case, check_sources=True)  # as recorded
    path.write_text(ARTICLE + "\nA line added later.", encoding="utf-8")
    with pytest.raises(CaseError) as caught:
        load_case(case, check_sources=True)
    (problem,) = caught.value.problems
    assert problem.field == "sources S1.sha256"
    assert problem.line == text.splitlines().index(f"    sha256: {sha}") + 1
    assert "a.txt no longer matches the digest recorded for S1" in problem.message
    path.unlink()
    with pytest.raises(CaseError) as caught:
        load_case(case, check_sources=True)
    messages = [p.message for p in caught.value.problems]
    assert any("a.txt does not exist" in m for m in messages)
    assert any("cannot check E1's quote" in m for m in messages)
    load_case(case)  # without the check the case itself still loads


def test_an_unrecorded_digest_is_a_note_giving_it(tmp_path, article):
    _, sha = article("a.txt", ARTICLE)
    case = tmp_path / "case.yaml"
    case.write_text(case_text("a.txt", ["Tokyo stressed"]), encoding="utf-8")
    notes = []
    load_case(case, notes=notes, check_sources=True)
    assert [n.field for n in notes] == ["sources S1.sha256"]
    assert f"sha256: {sha}" in notes[0].message


def test_unquoted_and_unstored_items(tmp_path, article):
    _, sha = article("a.txt", ARTICLE)
    case = tmp_path / "case.yaml"
    extra = textwrap.dedent(
        """\
          - {id: E2, summary: b, sources: [S1], ratings: {H1: N}}
          - {id: E3, summary: c, sources: [S2], ratings: {H1: N}}
          - {id: E4, summary: d, type: assumption, ratings: {H1: N}}
        """
    )
    text = case_text("a.txt", ["Tokyo stressed"], sha, textwrap.indent(extra, "  "))
    text = text.replace(
        "evidence:",
        "  - {id: S2, title: Not stored, reliability: B, reliability_reason: r}\nevidence:",
    )
    case.write_text(text, encoding="utf-8")
    found = stored.verify(load_case(case), tmp_path)
    assert found.unquoted == ("E2",) and found.unstored == ("E3",)
    text = text.replace(
        "  - {id: S2, title: Not stored, reliability: B, reliability_reason: r}",
        "  - {id: S2, title: Not stored}",
    )
    case.write_text(text, encoding="utf-8")
    notes = []
    load_case(case, notes=notes, check_sources=True)
    assert [(n.field, n.message.split(";")[0]) for n in notes] == [
        ("sources S2.reliability", "ungraded (no reliability yet): S2")
    ]
    assert found.verified == ("E1",)
    assert found.by_source["S2"].status == "not stored"


@pytest.mark.parametrize("kind", ["html", "pdf"])
def test_quotes_are_checked_in_html_and_pdf_sources(tmp_path, article, kind):
    if kind == "html":
        content = (
            "<html><body><nav>Home</nav><p>Tokyo stressed that the curbs appear to be "
            "<i>targeted</i> exclusively at Japan &mdash; diverging from norms.</p></body></html>"
        )
    else:
        content = make_pdf(
            [
                "Tokyo stressed that the curbs appear to be targeted",
                "exclusively at Japan - diverging from norms.",
            ]
        )
    _, sha = article(f"a.{kind}", content)
    case = tmp_path / "case.yaml"
    quotes = ["the curbs appear to be targeted exclusively at Japan - diverging", "Japan alone"]
    case.write_text(case_text(f"a.{kind}", quotes, sha), encoding="utf-8")
    found = stored.verify(load_case(case), tmp_path)
    assert [q.found for q in found.quotes] == [True, False]
    assert found.by_source["S1"].status == "ok"


def pdf_with(stream: bytes, stream_keys: bytes = b"", contents: bytes = b"5 0 R") -> bytes:
    """A one-page PDF whose page content is ``stream`` (with extra stream dictionary keys, say a
    filter), or whose /Contents is ``contents`` (to damage it)."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
        b"/Resources << /Font << /F1 4 0 R >> >> /Contents " + contents + b" >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d " % len(stream) + stream_keys + b">>\nstream\n" + stream + b"\nendstream",
    ]
    return assemble_pdf(objects)


def damaged_pdfs() -> dict[str, bytes]:
    """PDFs a parser chokes on: cut short, an unknown filter, a compression bomb, a bad page tree."""
    good = make_pdf(["Tokyo stressed that the curbs appear to be targeted."])
    return {
        "truncated": good[: len(good) // 2],
        "unknown-filter": pdf_with(b"BT /F1 11 Tf (x) Tj ET", b"/Filter /NoSuchFilter "),
        "bomb": pdf_with(zlib.compress(b" " * 150_000_000, 9), b"/Filter /FlateDecode "),
        "bad-page-tree": good.replace(b"/Kids [3 0 R]", b"/Kids 3"),
    }


OUTSIDE = "The launch codes are kept in the blue binder on the third shelf."


@pytest.fixture
def outside(tmp_path):
    """A case folder inside ``tmp_path`` and a secret text file outside it."""
    secret = tmp_path / "secret.txt"
    secret.write_text(OUTSIDE, encoding="utf-8")
    folder = tmp_path / "work"
    folder.mkdir()
    return folder, secret


def _refused(case):
    """The problems ``sat validate`` reports for a case."""
    with pytest.raises(CaseError) as caught:
        load_case(case, check_sources=True)
    return caught.value.problems


@pytest.mark.parametrize("how", ["absolute", "dotdot", "symlink", "symlinked-folder"])
def test_a_stored_text_outside_the_case_folder_is_refused_before_it_is_read(outside, how):
    folder, secret = outside
    if how == "absolute":
        file = str(secret)
    elif how == "dotdot":
        file = "../secret.txt"
    elif how == "symlink":
        (folder / "a.txt").symlink_to(secret)
        file = "a.txt"
    else:
        (folder / "notes").symlink_to(secret.parent)
        file = "notes/secret.txt"
    case = folder / "case.yaml"
    text = case_text(file, ["The launch codes are kept in the red binder"])
    case.write_text(text, encoding="utf-8")
    problems = _refused(case)
    line = text.splitlines().index(f"    file: {file}") + 1
    refused = [p for p in problems if p.field == "sources S1.file"]
    assert len(refused) == 1 and refused[0].line == line
    assert "S1" in refused[0].message and "relative" in refused[0].message
    assert all("binder" not in str(p) for p in problems)  # nothing of the outside file shown
    found = stored.verify(load_case(case), folder)
    assert found.by_source["S1"].status == "refused" and found.by_source["S1"].text == ""
    assert found.by_source["S1"].sha256 is None  # not even its digest was taken
    assert found.quotes[0].closest is None


def test_the_project_layout_reads_a_cases_sources_folder_and_nothing_beside_it(tmp_path):
    cases = tmp_path / "data" / "cases"
    mine = tmp_path / "data" / "sources" / "q"
    other = tmp_path / "data" / "sources" / "other"
    for folder in (cases, mine, other):
        folder.mkdir(parents=True)
    (mine / "a.txt").write_text(ARTICLE, encoding="utf-8")
    (other / "a.txt").write_text(ARTICLE, encoding="utf-8")
    case = cases / "q.yaml"
    case.write_text(case_text("../sources/q/a.txt", ["Tokyo stressed"]), encoding="utf-8")
    assert stored.verify(load_case(case), cases).by_source["S1"].status == "unrecorded"
    case.write_text(case_text("../sources/other/a.txt", ["Tokyo stressed"]), encoding="utf-8")
    found = stored.verify(load_case(case), cases)
    assert found.by_source["S1"].status == "refused"
    assert "../sources/q" in found.by_source["S1"].detail  # says where texts may be


def test_a_fifo_or_a_folder_as_stored_text_is_refused_without_opening_it(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")  # opening it to read would block for ever
    (tmp_path / "dir.txt").mkdir()
    for name in ("pipe.txt", "dir.txt"):
        case = tmp_path / "case.yaml"
        case.write_text(case_text(name, ["Tokyo stressed"]), encoding="utf-8")
        problems = _refused(case)
        (problem,) = [p for p in problems if p.field == "sources S1.file"]
        assert "not a regular file" in problem.message


def test_an_unsupported_file_type_is_refused_before_it_is_read(tmp_path):
    (tmp_path / "a.docx").write_bytes(b"PK")
    case = tmp_path / "case.yaml"
    case.write_text(case_text("a.docx", ["Tokyo stressed"]), encoding="utf-8")
    (problem,) = [p for p in _refused(case) if p.field == "sources S1.file"]
    assert ".txt" in problem.message and ".pdf" in problem.message


@pytest.mark.parametrize("name", ["big.txt", "big.html", "big.pdf"])
def test_an_oversized_stored_text_is_refused_at_the_limit_with_bounded_memory(tmp_path, name):
    path = tmp_path / name
    with open(path, "wb") as handle:
        handle.truncate(200 * 2**20)  # sparse: 200 MB on paper, nothing on the disk
    case = tmp_path / "case.yaml"
    case.write_text(case_text(name, ["Tokyo stressed"]), encoding="utf-8")
    (problem,) = [p for p in _refused(case) if p.field == "sources S1.file"]
    assert "limit" in problem.message
    loaded = load_case(case)
    tracemalloc.start()
    try:
        found = stored.verify(loaded, tmp_path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert found.by_source["S1"].status == "unreadable"
    assert peak < 2**20  # refused on its size, before reading


@pytest.mark.parametrize("damage", sorted(damaged_pdfs()))
def test_a_damaged_pdf_is_one_located_line(tmp_path, damage):
    (tmp_path / "a.pdf").write_bytes(damaged_pdfs()[damage])
    case = tmp_path / "case.yaml"
    text = case_text("a.pdf", ["Tokyo stressed"])
    case.write_text(text, encoding="utf-8")
    (problem,) = [p for p in _refused(case) if p.field == "sources S1.file"]
    assert problem.line == text.splitlines().index("    file: a.pdf") + 1
    assert "a.pdf" in problem.message and "PDF" in problem.message
    assert "\n" not in str(problem)


def test_read_text_is_bounded_and_refuses_what_is_not_a_file(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    with pytest.raises(ValueError, match="regular file"):
        stored.read_text(tmp_path / "pipe.txt")
    big = tmp_path / "big.txt"
    with open(big, "wb") as handle:
        handle.truncate(stored.MAX_TEXT_BYTES + 1)
    with pytest.raises(ValueError, match="limit"):
        stored.read_text(big)
