"""Rendering a brief for real: papermill runs the notebook, nbconvert writes the page."""

import json
import re
import textwrap
from html.parser import HTMLParser

import nbformat
import pytest

from sat import load_case
from sat.errors import CaseError, MissingToolError, RenderError, UsageError
from sat.paths import EXAMPLE_CASE
from sat.report import render
from sat.report.pdf import find_chromium

SECTIONS = (
    "Bottom line up front",
    "Competing hypotheses",
    "Key assumptions and red flags",
    "Implications and strategic risks",
    "Recommendations and outlook",
    "Key individuals and entities",
    "Thematic tags",
    "Structured analytic techniques applied",
    "Sources",
    "Appendix: the ACH matrix",
    "Method notes",
)


class _Collect(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.text = [], []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_data(self, data):
        self.text.append(data)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory):
    out = tmp_path_factory.mktemp("brief")
    return render.render_brief(EXAMPLE_CASE, out, pdf=find_chromium() is not None).html


def test_every_section_in_order(rendered):
    page = _Collect()
    page.feed(rendered.read_text(encoding="utf-8"))
    headings = [t for t in page.text if t.strip() in SECTIONS]
    assert [h.strip() for h in headings] == list(SECTIONS)


def test_analyst_text_comes_from_the_case_and_gaps_say_not_assessed(rendered):
    html = rendered.read_text(encoding="utf-8")
    assert "Find the entity list S0 reports" in html  # the case's recommendations
    assert 'class="sat-network"' in html and "Xi Jinping camp" in html
    assert "Japan–China relations" in html  # a tag
    # every technique has landed: nothing in the example's brief reads "not assessed"
    assert "not assessed" not in html
    assert (
        "<b>Likelihood.</b> H1 (Coercion over Taiwan) is the most probable of the 7 hypotheses"
        " listed, though itself unlikely (20–45%)" in html
    )
    assert "<b>Confidence.</b> We have low confidence in this judgement" in html


def test_summary_json_feeds_the_index(rendered):
    summary = json.loads((rendered.parent / "summary.json").read_text())
    assert summary["case_id"] == "china-japan-dual-use-2026"
    assert summary["leader"] == ["H1"] and summary["leader_labels"] == ["Coercion over Taiwan"]
    assert (
        summary["likelihood"].startswith("H1: unlikely (20–45%)") and summary["confidence"] == "low"
    )
    assert summary["parameters"] == {}


def test_pdf_has_pages(rendered, chromium):
    pdf = rendered.with_suffix(".pdf").read_bytes()
    assert pdf.startswith(b"%PDF-")
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf))
    assert pages >= 3


def test_pdf_without_chromium_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("SAT_CHROMIUM", str(tmp_path / "no-such-browser"))
    with pytest.raises(MissingToolError, match="apt-get install chromium"):
        render.render_brief(EXAMPLE_CASE, tmp_path / "out", pdf=True)
    assert not (tmp_path / "out").exists()


def test_parameters_reach_the_notebook(tmp_path, monkeypatch):
    monkeypatch.chdir(EXAMPLE_CASE.parents[2])
    previous = "data/history/china-japan-dual-use-2026.2026-01-08.yaml"
    result = render.render_brief(
        EXAMPLE_CASE,
        tmp_path,
        parameters={"min_credibility": "H", "matrix_order": "case", "previous": previous},
    )
    saved = json.loads((tmp_path / "summary.json").read_text())
    assert saved["parameters"]["previous"] == previous  # as given: no absolute path leaks
    html = result.html.read_text(encoding="utf-8")
    assert "Sensitivity run." in html and "below high credibility" in html
    assert (
        result.summary["evidence"] < 29 and result.summary["parameters"]["min_credibility"] == "H"
    )


def test_unknown_parameter_is_a_usage_error(tmp_path):
    with pytest.raises(UsageError, match=r"unknown parameter colour.*allowed: case_path"):
        render.render_brief(EXAMPLE_CASE, tmp_path, parameters={"colour": "red"})


def test_brief_html_has_the_sections_matrix_and_ranking(rendered):
    html = rendered.read_text(encoding="utf-8")
    page = _Collect()
    page.feed(html)
    text = " ".join(page.text)
    for heading in (
        "Bottom line up front",
        "Competing hypotheses",
        "Sources",
        "Appendix: the ACH matrix",
        "Method notes",
    ):
        assert heading in text
    assert "China's dual-use export ban on Japan" in text
    case = load_case(EXAMPLE_CASE)
    cells = len(case.evidence) * len(case.hypotheses)
    assert sum(1 for tag, attrs in page.tags if attrs.get("class") == "sat-cell") == cells
    assert "&lt;td" not in html
    ranking = text.split("Competing hypotheses")[1]
    assert ranking.index("H1 Coercion over Taiwan") < ranking.index(
        "H2 Security and non-proliferation"
    )


def test_brief_is_self_contained_and_inert(rendered):
    html = rendered.read_text(encoding="utf-8")
    page = _Collect()
    page.feed(html)
    assert not [t for t, _ in page.tags if t in ("script", "iframe", "object", "embed")]
    assert not [a for _, a in page.tags if a.get("src", "").startswith(("http", "//"))]
    assert "Content-Security-Policy" in html
    assert "Traceback" not in html
    assert "case_path" not in html  # no code, no parameters cell


def test_executed_notebook_is_kept_beside_the_page(rendered):
    executed = rendered.with_suffix(".ipynb")
    notebook = nbformat.read(executed, as_version=4)
    assert notebook.metadata["papermill"]["parameters"]["case_path"] == str(EXAMPLE_CASE.resolve())
    assert oct(rendered.stat().st_mode & 0o777) != "0o600"


def test_invalid_case_raises_case_error_and_keeps_the_notebook_that_met_it(write, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    for stale in ("brief.html", "brief.pdf", "summary.json"):  # an earlier run's files
        (out / stale).write_text("from run 1")
    with pytest.raises(CaseError) as info:
        render.render_brief(write("id: x\n"), tmp_path / "out")
    # the folder holds this run's files only: no brief of the earlier run beside its failure
    assert sorted(p.name for p in out.iterdir()) == ["brief.ipynb"]
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]
    assert info.value.notebook == str(tmp_path / "out" / "brief.ipynb")
    kept = json.loads((tmp_path / "out" / "brief.ipynb").read_text())
    assert "CaseError" in json.dumps(kept)
    assert not (tmp_path / "out" / "brief.html").exists()


def test_failing_cell_raises_render_error_and_keeps_the_notebook(tmp_path):
    broken = tmp_path / "broken.ipynb"
    cells = [nbformat.v4.new_code_cell('case_path = ""'), nbformat.v4.new_code_cell("1 / 0")]
    cells[0].metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
        },
    )
    nbformat.write(nb, broken)
    with pytest.raises(RenderError, match="ZeroDivisionError") as info:
        render.render_brief(EXAMPLE_CASE, tmp_path / "out", notebook=broken)
    kept = json.loads((tmp_path / "out" / "brief.ipynb").read_text())
    assert any("ZeroDivisionError" in json.dumps(c.get("outputs", [])) for c in kept["cells"])
    assert info.value.notebook == str(tmp_path / "out" / "brief.ipynb")  # where it is kept
    assert str(info.value).endswith(f"(see {tmp_path / 'out' / 'brief.ipynb'})")
    assert not (tmp_path / "out" / "brief.html").exists()


def test_write_atomic_replaces_whole_files(tmp_path):
    target = tmp_path / "a" / "f.txt"
    render.write_atomic(target, "one")
    render.write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["f.txt"]


def test_the_full_matrix_is_written_beside_the_brief_and_reads_back(rendered, example_case):
    import sat

    attached = rendered.parent / "matrix.csv"
    back = sat.load_case(attached)
    assert [e.id for e in back.evidence] == [e.id for e in example_case.evidence]
    assert [e.ratings for e in back.evidence] == [dict(e.ratings) for e in example_case.evidence]


def test_a_case_the_bayesian_mode_cannot_run_on_still_renders_and_says_why(tmp_path):
    case = tmp_path / "bp.yaml"
    case.write_text(
        textwrap.dedent(
            """\
            id: bp
            title: BP
            question: "?"
            date: 2026-01-01
            analysts: [me]
            hypotheses:
              - {id: H1, label: a, statement: a, prior: 1}
              - {id: H2, label: b, statement: b}
            evidence:
              - {id: E1, summary: x, ratings: {H1: C, H2: I}}
            """
        ),
        encoding="utf-8",
    )
    html = render.render_brief(case, tmp_path / "out").html.read_text(encoding="utf-8")
    assert "Bottom line up front" in html
    assert "not assessed: the given priors already sum to 1" in html
    assert "give H2 a prior or lower the others" in html
