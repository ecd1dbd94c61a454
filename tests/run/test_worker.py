"""The batch's render worker: one warm kernel, reset between briefs, replaced when it dies."""

import io
import json
import os
import signal

import nbformat

from sat.paths import EXAMPLE_CASE
from sat.run.processes import wait_until_gone
from sat.run.worker import serve


def _notebook(path):
    cells = [
        nbformat.v4.new_code_cell('case_path = ""'),
        nbformat.v4.new_code_cell("leftover = globals().get('mine')\nmine = case_path\nleftover"),
    ]
    cells[0].metadata["tags"] = ["parameters"]
    nbformat.write(
        nbformat.v4.new_notebook(
            cells=cells,
            metadata={
                "kernelspec": {"name": "python3", "language": "python", "display_name": "Python 3"}
            },
        ),
        path,
    )
    return path


def _replies(text):
    lines = [json.loads(line) for line in text.splitlines()]
    return [m["kernel"] for m in lines if "kernel" in m], [
        m["record"] for m in lines if "record" in m
    ]


def test_one_kernel_serves_several_briefs_with_nothing_left_between_them(tmp_path):
    notebook = _notebook(tmp_path / "nb.ipynb")
    jobs = [
        json.dumps({"case": str(EXAMPLE_CASE), "out_dir": str(tmp_path / f"o{k}")}) + "\n"
        for k in range(2)
    ]
    replies = io.StringIO()
    serve(iter(jobs), replies, timeout=None, notebook=str(notebook), pdf=False)
    kernels, records = _replies(replies.getvalue())
    assert len(kernels) == 1 and [r["status"] for r in records] == ["ok", "ok"]
    second = nbformat.read(tmp_path / "o1" / "brief.ipynb", as_version=4)
    assert second.cells[-1].outputs == []  # `leftover` was None: the namespace was reset


def test_a_kernel_that_died_between_briefs_is_replaced(tmp_path):
    notebook = _notebook(tmp_path / "nb.ipynb")
    replies = io.StringIO()

    def jobs():
        yield json.dumps({"case": str(EXAMPLE_CASE), "out_dir": str(tmp_path / "a")}) + "\n"
        (first,), _ = _replies(replies.getvalue())
        os.killpg(first, signal.SIGKILL)
        assert wait_until_gone([first], limit=300)  # really gone; 300 s guards against a hang
        yield json.dumps({"case": str(EXAMPLE_CASE), "out_dir": str(tmp_path / "b")}) + "\n"

    serve(jobs(), replies, timeout=None, notebook=str(notebook), pdf=False)
    kernels, records = _replies(replies.getvalue())
    assert len(kernels) == 2 and kernels[0] != kernels[1]
    assert [r["status"] for r in records] == ["ok", "ok"]
