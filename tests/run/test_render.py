"""Rendering a brief for real: papermill runs the notebook, nbconvert writes the page."""

import html
import json
import re
import textwrap
from html.parser import HTMLParser

import nbformat
import pytest

from sat import load_case
from sat.errors import CaseError, MissingToolError, RenderError, UnsafeFileError, UsageError
from sat.paths import EXAMPLE_CASE
from sat.run import render
from sat.run.pdf import find_chromium
from tests.conftest import MINIMAL

SECTIONS = (
    "Bottom line up front",
    "Outlook",
    "What would change our judgement",
    "Since the previous assessment",
    "Analytic annex",
    "Background",
    "The judgement in figures",
    "The analysts' words checked against the analysis",
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
    "Glossary",
)


TINY_CASE = MINIMAL


def _tiny_notebook(folder):
    """A brief notebook that only takes its parameters: a render's file handling, quickly."""
    path = folder / "tiny.ipynb"
    if not path.exists():
        cell = nbformat.v4.new_code_cell('case_path = ""')
        cell.metadata["tags"] = ["parameters"]
        nb = nbformat.v4.new_notebook(
            cells=[cell, nbformat.v4.new_markdown_cell("A tiny brief.")],
            metadata={
                "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
            },
        )
        nbformat.write(nb, path)
    return path


@pytest.fixture(scope="module")
def warm_kernel():
    """One kernel for the renders here that are not about starting one, reset before each as a
    batch worker resets its kernel between briefs (tests/run/test_batch.py checks that a
    brief on a reset kernel is exactly the one a new kernel renders): the tiny notebook's renders
    (about the files a render writes and keeps), a sensitivity run, a case the Bayesian mode
    cannot run on, a failing cell, and ``sat report``'s folder handling. The ``rendered`` brief
    and the kernel-output test start a kernel of their own, as ``sat report`` does."""
    from sat.run.worker import WarmKernel

    kernel = WarmKernel()
    yield kernel
    kernel.stop()


@pytest.fixture
def render_warm(warm_kernel):
    """``render.render_brief`` on the module's kernel, reset first."""

    def _render(case, out, **options):
        warm_kernel.reset()
        return render.render_brief(case, out, kernel_manager=warm_kernel.manager, **options)

    return _render


@pytest.fixture
def cli_on_warm_kernel(monkeypatch, warm_kernel):
    """``sat report`` (``sat.cli.main``) as it runs, its renders on the module's kernel, reset
    before each: for the command-line tests about the folders a render writes into."""
    original = render.render_brief

    def _render_brief(*args, **options):
        warm_kernel.reset()
        return original(*args, kernel_manager=warm_kernel.manager, **options)

    monkeypatch.setattr(render, "render_brief", _render_brief)


@pytest.fixture
def render_tiny(tmp_path, render_warm):
    """``render.render_brief`` with the tiny notebook, on the module's kernel."""

    def _render(case, out, **options):
        return render_warm(case, out, notebook=_tiny_notebook(tmp_path), **options)

    return _render


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


def test_the_brief_notebook_as_it_opens_in_jupyter_is_what_the_rendered_brief_ran(rendered):
    """nbval leaves notebooks/brief.ipynb out (pyproject.toml), as running it there would repeat
    the ``rendered`` brief: the same notebook, every other parameter at its default, in the same
    folder (notebooks/). Its default case, resolved from there as Jupyter does, is the case the
    ``rendered`` brief ran on."""
    import ast

    from sat.paths import BRIEF_NOTEBOOK, NOTEBOOKS

    executed = nbformat.read(rendered.with_suffix(".ipynb"), as_version=4)
    assert executed.metadata["papermill"]["input_path"] == str(BRIEF_NOTEBOOK)
    assert executed.metadata["papermill"]["parameters"] == {
        "case_path": str(EXAMPLE_CASE.resolve())
    }
    from sat.report.notebooks import notebook_parameters

    default = ast.literal_eval(notebook_parameters()["case_path"]["default"])
    assert (NOTEBOOKS / default).resolve() == EXAMPLE_CASE.resolve()


def test_every_section_in_order(rendered):
    found = re.findall(r"<h[12][^>]*>(.*?)</h[12]>", rendered.read_text(encoding="utf-8"))
    headings = [html.unescape(h).strip() for h in found]
    assert [h for h in headings if h in SECTIONS] == list(SECTIONS)


def test_analyst_text_comes_from_the_case_and_gaps_say_not_assessed(rendered):
    html = rendered.read_text(encoding="utf-8")
    assert "Find the entity list S0 reports" in html  # the case's recommendations
    assert 'class="sat-network"' in html and "Xi Jinping camp" in html
    assert "Japan–China relations" in html  # a tag
    # every technique has landed: nothing in the example's brief reads "not assessed"
    assert "not assessed" not in html
    said = re.sub(r"<(?!/?b>)[^>]+>", "", html)  # the words as read (bold kept)
    assert (
        "<b>Likelihood.</b> H1 (Coercion over Taiwan) is the most probable of the 7 hypotheses"
        " listed, though itself unlikely (20–45%)" in said
    )
    assert "<b>Confidence.</b> We have low confidence in this judgement" in said


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


def test_the_readers_brief_prints_on_at_most_two_a4_pages_before_the_annex(rendered, chromium):
    from pypdf import PdfReader

    reader = PdfReader(rendered.with_suffix(".pdf"))
    pages = [" ".join(page.extract_text().split()) for page in reader.pages]
    first = next(k for k, text in enumerate(pages) if "Analytic annex" in text)
    assert 1 <= first <= 2  # the reader's brief fills one or two pages; the annex starts a new one
    assert "Bottom line up front" in pages[0]
    assert "Analytic annex" not in " ".join(pages[:first])
    assert all(abs(float(p.mediabox.width) - 595) < 2 for p in reader.pages[:first])  # A4


def test_pdf_without_chromium_says_how_to_install_it(monkeypatch, tmp_path):
    monkeypatch.setenv("SAT_CHROMIUM", str(tmp_path / "no-such-browser"))
    with pytest.raises(MissingToolError, match="apt-get install chromium"):
        render.render_brief(EXAMPLE_CASE, tmp_path / "out", pdf=True)
    assert not (tmp_path / "out").exists()


def test_parameters_reach_the_notebook(tmp_path, monkeypatch, render_warm):
    monkeypatch.chdir(EXAMPLE_CASE.parents[2])
    previous = "data/history/china-japan-dual-use-2026.2026-01-08.yaml"
    result = render_warm(
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


def test_invalid_case_raises_case_error_and_keeps_the_last_good_brief(write, tmp_path, render_tiny):
    out = tmp_path / "out"
    good = render_tiny(write(TINY_CASE), out)
    before = {p.name: p.read_bytes() for p in out.iterdir() if p.name != ".sat-output.json"}
    (out / "notes.md").write_text("the analyst's own notes")
    with pytest.raises(CaseError) as info:
        render_tiny(write("id: x\n"), out)
    # the last good brief stays as it was, the analyst's notes too; the failure is beside them
    assert {n: (out / n).read_bytes() for n in before} == before
    assert (out / "notes.md").read_text() == "the analyst's own notes"
    assert info.value.notebook == str(out / render.FAILED)
    assert good.html.is_file()
    assert json.loads((out / render.FAILED).read_text())["cells"]  # the notebook that met it
    assert not [p for p in out.iterdir() if p.name.startswith(".sat-run-")]  # no staging left


def test_failing_cell_raises_render_error_and_keeps_the_notebook(tmp_path, render_warm):
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
        render_warm(EXAMPLE_CASE, tmp_path / "out", notebook=broken)
    failed = tmp_path / "out" / render.FAILED
    kept = json.loads(failed.read_text())
    assert any("ZeroDivisionError" in json.dumps(c.get("outputs", [])) for c in kept["cells"])
    assert info.value.notebook == str(failed)  # where it is kept
    assert str(info.value).endswith(f"(see {failed})")
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


def test_a_case_the_bayesian_mode_cannot_run_on_still_renders_and_says_why(tmp_path, render_warm):
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
    html = render_warm(case, tmp_path / "out").html.read_text(encoding="utf-8")
    assert "Bottom line up front" in html
    assert "not assessed: the given priors already sum to 1" in html
    assert "give H2 a prior or lower the others" in html


def test_an_output_folder_holding_the_analysts_files_keeps_every_one(tmp_path, render_tiny):
    """-o into a folder with a case, notes, a sub-folder and .git: the brief's files are added
    beside them, nothing of the analyst's is removed, replaced or made private."""
    folder = tmp_path / "mycase"
    (folder / ".git" / "objects").mkdir(parents=True)
    (folder / ".git" / "HEAD").write_text("ref: refs/heads/main\n")
    (folder / "sub").mkdir()
    (folder / "sub" / "keep.txt").write_text("keep")
    (folder / "notes.md").write_text("notes")
    case = folder / "case.yaml"
    case.write_text(TINY_CASE)
    mode = folder.stat().st_mode
    before = {p: p.read_bytes() for p in folder.rglob("*") if p.is_file()}
    for _ in range(2):  # and again: the second run replaces only the first run's files
        render_tiny(case, folder)
        assert {p: p.read_bytes() for p in before} == before
    assert folder.stat().st_mode == mode
    assert {"brief.html", "brief.ipynb", "summary.json", "matrix.csv"} <= {
        p.name for p in folder.iterdir()
    }


def test_an_invalid_case_never_touches_an_output_folder_of_the_analysts(
    write, tmp_path, render_tiny
):
    folder = tmp_path / "mine"
    folder.mkdir()
    (folder / "notes.md").write_text("notes")
    with pytest.raises(CaseError):
        render_tiny(write("id: x\n"), folder)
    assert (folder / "notes.md").read_text() == "notes"
    written = {p.name for p in folder.iterdir() if not p.name.endswith(".lock")}  # sat's lock
    assert written == {"notes.md", render.FAILED, ".sat-output.json"}


def test_a_file_sat_did_not_write_is_never_replaced(write, tmp_path, render_tiny):
    folder = tmp_path / "out"
    folder.mkdir()
    (folder / "brief.html").write_text("the analyst's own page")
    with pytest.raises(UnsafeFileError, match="not written by sat"):
        render_tiny(write(TINY_CASE), folder)
    assert (folder / "brief.html").read_text() == "the analyst's own page"
    assert [p.name for p in folder.iterdir()] == ["brief.html"]  # nothing written


def test_a_run_replaces_only_its_own_earlier_files(write, tmp_path, render_tiny):
    folder = tmp_path / "out"
    render_tiny(write(TINY_CASE), folder)
    (folder / "brief.pdf").write_bytes(b"%PDF of an earlier run")  # as if sat wrote it
    marker = json.loads((folder / ".sat-output.json").read_text())
    marker["files"]["brief.pdf"] = None  # as if sat had written it
    (folder / ".sat-output.json").write_text(json.dumps(marker))
    (folder / "analysis.pdf").write_bytes(b"%PDF of the analyst's")
    render_tiny(write(TINY_CASE), folder)
    names = {p.name for p in folder.iterdir()}
    assert "brief.pdf" not in names  # sat's own, of a run with --pdf: gone with that run
    assert (folder / "analysis.pdf").read_bytes() == b"%PDF of the analyst's"


def test_report_into_the_current_folder(tmp_path, monkeypatch, capsys, cli_on_warm_kernel):
    from sat.cli import main

    (tmp_path / "case.yaml").write_text(TINY_CASE)
    (tmp_path / "notes.md").write_text("notes")
    monkeypatch.chdir(tmp_path)
    code = main(["report", "case.yaml", "-o", ".", "--notebook", str(_tiny_notebook(tmp_path))])
    assert code == 0, capsys.readouterr().err
    assert (tmp_path / "brief.html").is_file() and (tmp_path / "case.yaml").read_text() == TINY_CASE
    assert (tmp_path / "notes.md").read_text() == "notes"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".sat-run-")]


def test_a_case_csv_cannot_hold_exactly_still_renders_with_its_matrix(write, tmp_path, render_tiny):
    """The matrix beside a brief is a table to read: a source title with ';' (read back as two
    sources) or a hypothesis named like a column never stops the brief."""
    case = MINIMAL.replace("title: Src", 'title: "Reuters; AP"').replace("H1", "date")
    rendered = render_tiny(write(case), tmp_path / "out")
    assert "Reuters; AP" in rendered.matrix.read_text()


def test_a_folder_of_the_analysts_named_like_a_staging_folder_is_kept(write, tmp_path, render_tiny):
    import os
    import time

    folder = tmp_path / "out"
    kept = folder / ".sat-run-mynotes"
    kept.mkdir(parents=True)
    (kept / "n.txt").write_text("important")
    old = time.time() - 7200
    os.utime(kept, (old, old))
    render_tiny(write(TINY_CASE), folder)
    assert (kept / "n.txt").read_text() == "important"


def test_several_cases_with_one_name_get_a_folder_each_inside_the_output(
    tmp_path, cli_on_warm_kernel
):
    from sat.cli import main

    for name in ("x", "y", "z"):
        (tmp_path / name).mkdir()
    (tmp_path / "x" / "c.yaml").write_text(TINY_CASE)
    (tmp_path / "y" / "c.yaml").write_text(TINY_CASE.replace("title: T", "title: OTHER"))
    (tmp_path / "z" / "...yaml").write_text(TINY_CASE)
    cases = [str(tmp_path / d / n) for d, n in (("x", "c.yaml"), ("y", "c.yaml"), ("z", "...yaml"))]
    out = tmp_path / "inner" / "out"
    code = main(["report", *cases, "-o", str(out), "--notebook", str(_tiny_notebook(tmp_path))])
    assert code == 0
    assert sorted(p.name for p in out.iterdir() if p.is_dir()) == ["c", "c-2", "case"]
    assert not (tmp_path / "inner" / "brief.html").exists()  # nothing beside the -o folder


def test_the_kernels_own_output_never_reaches_the_terminal(write, tmp_path, capfd):
    """What the kernel process writes to its stderr (ipykernel's log, a traceback as a timed-out
    cell is stopped, raw escape sequences) goes to a log beside its sockets, not the terminal."""
    from sat.cli import main

    cell = (
        'import os\nos.write(2, b"\\x1b]0;owned\\x07 kernel noise\\n")\nimport time\ntime.sleep(60)'
    )
    notebook = tmp_path / "noisy.ipynb"
    cells = [nbformat.v4.new_code_cell('case_path = ""'), nbformat.v4.new_code_cell(cell)]
    cells[0].metadata["tags"] = ["parameters"]
    kernelspec = {"name": "python3", "language": "python", "display_name": "Python 3"}
    nbformat.write(
        nbformat.v4.new_notebook(cells=cells, metadata={"kernelspec": kernelspec}), notebook
    )
    code = main(
        [
            "report",
            str(write(TINY_CASE)),
            "-o",
            str(tmp_path / "o"),
            "--notebook",
            str(notebook),
            "--timeout",
            "2",
        ]
    )
    out, err = capfd.readouterr()
    assert code == 3
    assert "kernel noise" not in out + err and "\x1b" not in out + err
    assert "Traceback" not in err and "[IPKernelApp]" not in err


def test_a_run_that_cannot_publish_every_file_publishes_none(write, tmp_path, render_tiny):
    folder = tmp_path / "out"
    render_tiny(write(TINY_CASE), folder)
    before = (folder / "brief.html").read_bytes()
    (folder / "summary.json").unlink()
    (folder / "summary.json").mkdir()  # one of sat's names is now a folder
    with pytest.raises(UnsafeFileError, match=r"summary\.json: "):
        render_tiny(write(TINY_CASE.replace("title: T", "title: NEWER")), folder)
    assert (folder / "brief.html").read_bytes() == before  # nothing half-published


@pytest.mark.parametrize("which", ["case", "output"])
def test_a_path_that_is_not_utf8_is_one_line(write, tmp_path, which, render_tiny):
    import os

    odd = os.fsdecode(b"x\xff")
    case = write(TINY_CASE, name=f"{odd}.yaml" if which == "case" else "case.yaml")
    out = tmp_path / (odd if which == "output" else "out")
    with pytest.raises(UsageError, match="is not UTF-8 text"):
        render_tiny(case, out)


def test_a_brief_folder_from_an_earlier_sat_is_recognised_and_replaced(
    write, tmp_path, render_tiny
):
    """Folders rendered before sat kept its list of outputs: their brief.html carries sat's
    generator tag, so upgrading never blocks make report; a page without it stays refused."""
    folder = tmp_path / "reports" / "t"
    folder.mkdir(parents=True)
    (folder / "brief.html").write_text('<html><head><meta name="generator" content="sat 0.1.0">')
    (folder / "summary.json").write_text("{}")
    (folder / "notes.md").write_text("notes")
    render_tiny(write(TINY_CASE), folder)
    assert "Rendered by sat" in (folder / "brief.html").read_text()  # replaced by this run
    assert (folder / "notes.md").read_text() == "notes"
    (tmp_path / "reports" / "index.html").write_text("<p>3 rendered &middot; sat 0.1.0</p>")
    from sat.io.outputs import owned

    assert owned(tmp_path / "reports") == {"index.html"}


def test_a_file_of_the_analysts_put_where_sat_wrote_one_is_theirs(write, tmp_path, render_tiny):
    """The list holds the files sat wrote, not only their names: a brief.html the analyst saved
    over sat's (after deleting it, or by editing it) is refused, not replaced."""
    folder = tmp_path / "out"
    render_tiny(write(TINY_CASE), folder)
    (folder / "brief.html").unlink()
    (folder / "brief.html").write_text("the analyst's own page, under sat's old name")
    with pytest.raises(UnsafeFileError, match="not written by sat"):
        render_tiny(write(TINY_CASE), folder)
    assert (folder / "brief.html").read_text() == "the analyst's own page, under sat's old name"


def test_printing_a_pdf_writes_nothing_in_the_users_home(chromium, tmp_path, monkeypatch):
    """Chromium keeps crash-report settings and dconf files in the home folder: the print runs
    with home, configuration, cache and runtime folders inside its throwaway profile."""
    from sat.run.pdf import html_to_pdf

    home = tmp_path / "home"
    home.mkdir()
    for name in ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME"):
        monkeypatch.setenv(name, str(home if name == "HOME" else home / name.lower()))
    page = tmp_path / "page.html"
    page.write_text("<!DOCTYPE html><html><body><p>One page.</p></body></html>", encoding="utf-8")
    pdf = html_to_pdf(page, tmp_path / "out" / "page.pdf")
    assert pdf.read_bytes().startswith(b"%PDF-")
    assert list(home.rglob("*")) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == ["home", "out", "page.html"]
