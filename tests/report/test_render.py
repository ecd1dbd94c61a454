"""Rendering a brief for real: papermill runs the notebook, nbconvert writes the page."""

import json
from html.parser import HTMLParser

import nbformat
import pytest

from sat.errors import CaseError, RenderError
from sat.paths import EXAMPLE_CASE
from sat.report import render


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
    return render.render_brief(EXAMPLE_CASE, out)


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
    assert sum(1 for tag, attrs in page.tags if attrs.get("class") == "sat-cell") == 29 * 6
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


def test_invalid_case_fails_before_any_notebook_runs(write, tmp_path):
    with pytest.raises(CaseError):
        render.render_brief(write("id: x\n"), tmp_path / "out")
    assert not (tmp_path / "out").exists()


def test_failing_cell_raises_render_error_and_keeps_the_notebook(tmp_path, monkeypatch):
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
    monkeypatch.setattr(render, "BRIEF_NOTEBOOK", broken)
    with pytest.raises(RenderError, match="ZeroDivisionError") as info:
        render.render_brief(EXAMPLE_CASE, tmp_path / "out")
    kept = json.loads((tmp_path / "out" / "brief.ipynb").read_text())
    assert any("ZeroDivisionError" in json.dumps(c.get("outputs", [])) for c in kept["cells"])
    assert info.value.notebook.endswith("brief.ipynb")
    assert not (tmp_path / "out" / "brief.html").exists()


def test_write_atomic_replaces_whole_files(tmp_path):
    target = tmp_path / "a" / "f.txt"
    render.write_atomic(target, "one")
    render.write_atomic(target, "two")
    assert target.read_text() == "two"
    assert [p.name for p in target.parent.iterdir()] == ["f.txt"]
