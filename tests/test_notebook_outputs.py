"""What each technique notebook shows on the example case, as reviewed snapshots.

``make test`` runs every notebook with nbval in its lax mode (``--nbval-lax`` in
pyproject.toml): a cell fails only when it raises. Comparing outputs the nbval way needs
the expected outputs stored in the notebook, and sat's notebooks are kept without outputs
(``tests/test_style.py``; ``make lab`` strips them on save), so here each notebook is run
on its defaults (the example case) and what every code cell shows is kept as a snapshot
in ``__snapshots__/test_notebook_outputs.ambr``: the HTML a view renders (else its plain
text) and anything printed. ``tests.sanitise.normalise`` puts placeholders for what differs
from run to run: embedded images (their bytes carry matplotlib's version), memory
addresses, the checkout's and temporary folders, today's date and sat's version.

Not here: the brief (``tests/run/test_render.py`` runs it and
``tests/report/test_snapshots.py`` pins its words), the workbook, the blind rating view
and the reader's app (widgets).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest

from tests.sanitise import cells

ROOT = Path(__file__).resolve().parent.parent

#: The technique notebooks whose outputs are pinned.
NOTEBOOKS = (
    "ach",
    "advocacy",
    "assumptions",
    "bayes",
    "bias",
    "calibration",
    "collect",
    "confidence",
    "consensus",
    "deception",
    "diff",
    "estimates",
    "experts",
    "gaps",
    "indicators",
    "judgements",
    "network",
    "quality",
    "review",
    "scenarios",
)


@pytest.mark.parametrize("name", NOTEBOOKS)
def test_what_each_technique_notebook_shows(name, snapshot):
    import nbformat
    from nbclient import NotebookClient

    notebook = nbformat.read(ROOT / "notebooks" / f"{name}.ipynb", as_version=4)
    folder = {"metadata": {"path": str(ROOT / "notebooks")}}  # where nbval runs it, too
    NotebookClient(notebook, kernel_name="python3", resources=folder, timeout=600).execute()
    assert cells(notebook, {"repo": ROOT, "tmp": Path(tempfile.gettempdir())}) == snapshot
