"""The code stays ruff-clean (lint and format), checked with the rest of the suite."""

import shutil
import subprocess
import sys

import pytest

from sat.paths import ROOT


@pytest.mark.parametrize("args", [["check"], ["format", "--check"]])
def test_ruff(args):
    ruff = shutil.which("ruff") or str(ROOT / ".venv" / "bin" / "ruff")
    done = subprocess.run(
        [ruff, *args, "sat", "tests", "benchmarks"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_python_version():
    assert sys.version_info >= (3, 11)


def test_notebooks_are_kept_without_outputs():
    """sat's notebooks are committed clean (make lab's pre-save hook, sat.lab, keeps them so),
    every cell with its id."""
    import json

    from sat.paths import ROOT

    for path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        notebook = json.loads(path.read_text(encoding="utf-8"))
        assert "widgets" not in notebook.get("metadata", {}), path.name
        ids = [cell.get("id") for cell in notebook["cells"]]
        # nbformat 4.5: every cell has a unique id (a missing one is a validation error to come)
        assert None not in ids and len(set(ids)) == len(ids), path.name
        for cell in notebook["cells"]:
            if cell["cell_type"] == "code":
                assert cell.get("outputs") == [] and cell.get("execution_count") is None, path.name


#: The most lines a module of ``sat`` may have: a room a newcomer can read in one sitting.
MOST_LINES = 600


def test_every_module_is_a_room_a_newcomer_can_read():
    """No module of the package is over ``MOST_LINES`` lines (split by purpose instead)."""
    long = {
        str(path.relative_to(ROOT)): count
        for path in sorted((ROOT / "sat").rglob("*.py"))
        if (count := len(path.read_text(encoding="utf-8").splitlines())) > MOST_LINES
    }
    assert long == {}
