"""Batch rendering: parallel, isolated, bounded in time, with an index of what happened."""

import json
from html.parser import HTMLParser
from pathlib import Path

import nbformat
import pytest

from sat.cli import EXIT_INVALID, EXIT_RENDER, EXIT_USAGE, main
from sat.errors import UsageError
from sat.paths import EXAMPLE_CASE
from sat.report import batch


def test_parse_parameters_multiplies_repeated_names():
    sets = batch.parse_parameters(["a=1", "a=2", "b=x", "b=y", "c=true"])
    assert sets == [
        {"a": 1, "b": "x", "c": True},
        {"a": 1, "b": "y", "c": True},
        {"a": 2, "b": "x", "c": True},
        {"a": 2, "b": "y", "c": True},
    ]
    with pytest.raises(UsageError, match="not name=value"):
        batch.parse_parameters(["oops"])


def test_plan_names_each_run(tmp_path, write):
    broken = write("id: [\n", name="broken.yaml")
    jobs = batch.plan([str(EXAMPLE_CASE), str(broken), str(EXAMPLE_CASE)], tmp_path, [{}])
    assert [j.out_dir.name for j in jobs] == [
        "china-japan-dual-use-2026",
        "broken",
        "china-japan-dual-use-2026-2",
    ]
    jobs = batch.plan(
        [str(EXAMPLE_CASE)], tmp_path, [{"min_credibility": "L"}, {"min_credibility": "H"}]
    )
    assert [j.out_dir.name for j in jobs] == [
        "china-japan-dual-use-2026--min_credibility-L",
        "china-japan-dual-use-2026--min_credibility-H",
    ]


def _links(html):
    class Links(HTMLParser):
        def __init__(self):
            super().__init__()
            self.hrefs = []

        def handle_starttag(self, tag, attrs):
            if tag == "a":
                self.hrefs.append(dict(attrs)["href"])

    parser = Links()
    parser.feed(html)
    return parser.hrefs


def test_batch_with_a_broken_case_renders_the_rest(tmp_path, write, capsys):
    broken = write("id: broken\ntitle: [unclosed\n", name="broken.yaml")
    out = tmp_path / "reports"
    code = main(
        ["batch", str(EXAMPLE_CASE), str(broken), "-o", str(out), "--workers", "2", "--json"]
    )
    report = json.loads(capsys.readouterr().out)
    assert code == EXIT_INVALID
    statuses = {Path(b["case"]).name: b["status"] for b in report["briefs"]}
    assert statuses == {"china-japan-dual-use-2026.yaml": "ok", "broken.yaml": "invalid"}
    assert (out / "china-japan-dual-use-2026" / "brief.html").is_file()
    error_notebook = out / "broken" / "brief.ipynb"
    assert "CaseError" in error_notebook.read_text()
    index = (out / "index.html").read_text()
    assert "1 rendered" in index and "1 failed" in index
    assert "Coercion over Taiwan" in index
    assert "broken.yaml:3: YAML syntax" in index  # libyaml reports the end of the open list
    hrefs = _links(index)
    assert "china-japan-dual-use-2026/brief.html" in hrefs and "broken/brief.ipynb" in hrefs
    for href in hrefs:
        assert (out / href).is_file()


def _slow_notebook(path: Path, body: str) -> Path:
    cells = [nbformat.v4.new_code_cell('case_path = ""'), nbformat.v4.new_code_cell(body)]
    cells[0].metadata["tags"] = ["parameters"]
    nb = nbformat.v4.new_notebook(
        cells=cells,
        metadata={
            "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
        },
    )
    nbformat.write(nb, path)
    return path


def test_a_cell_past_the_time_limit_fails_its_case_with_a_marked_notebook(tmp_path):
    notebook = _slow_notebook(tmp_path / "slow.ipynb", "import time\ntime.sleep(60)")
    (job,) = batch.plan([str(EXAMPLE_CASE)], tmp_path / "out", [{}])
    outcome = batch.run_job(job, timeout=2, notebook=notebook)
    assert outcome.status == "failed" and "longer than 2 s" in outcome.message
    kept = nbformat.read(outcome.notebook, as_version=4)
    assert "was stopped" in kept.cells[0].source
    assert outcome.seconds < 45


def test_a_hung_process_is_killed_and_the_batch_goes_on(tmp_path, monkeypatch):
    # The cell ignores the interrupt that the cell time limit sends, so only the kill stops it.
    notebook = _slow_notebook(
        tmp_path / "hung.ipynb",
        "import signal, time\nsignal.signal(signal.SIGINT, signal.SIG_IGN)\ntime.sleep(120)",
    )
    monkeypatch.setattr(batch, "GRACE", 3.0)
    jobs = batch.plan([str(EXAMPLE_CASE)], tmp_path / "out", [{}])
    (outcome,) = batch.run_batch(jobs, timeout=2, notebook=notebook, progress=False)
    assert outcome.status in ("timeout", "failed")
    assert outcome.seconds < 60


def test_batch_refuses_unknown_parameters_before_running(tmp_path, capsys):
    code = main(["batch", str(EXAMPLE_CASE), "-o", str(tmp_path), "-p", "colour=red"])
    assert code == EXIT_USAGE
    assert "unknown parameter colour" in capsys.readouterr().err
    assert not any(tmp_path.iterdir())


def test_render_failures_exit_3(tmp_path, capsys):
    notebook = _slow_notebook(tmp_path / "bad.ipynb", "1 / 0")
    code = main(
        ["batch", str(EXAMPLE_CASE), "-o", str(tmp_path / "o"), "--notebook", str(notebook)]
    )
    assert code == EXIT_RENDER
    assert "ZeroDivisionError" in capsys.readouterr().err
