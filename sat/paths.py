"""Where things live, as constants in one place.

Two kinds of place. What a render needs (the notebooks, templates, the case
template) ships inside the package and is found with ``importlib.resources``,
so an installed ``sat`` works from any directory. The example case, the JSON
Schema and ``reports/`` belong to a checkout of the project and are only used
when ``sat`` runs from one (``make report``, the tests, the doctests).
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

#: The checkout ``sat`` runs from (meaningful only in a checkout of the project).
ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
CASES = DATA / "cases"
SCHEMA = DATA / "schema" / "case.schema.json"
EXAMPLE_CASE = CASES / "china-japan-dual-use-2026.yaml"
#: Where ``sat report`` and ``sat batch`` write when given no ``-o``: under the current directory.
REPORTS = Path("reports")


def _package_folder(package: str, fallback: Path) -> Path:
    """A folder of the installed package as a real path (wheels install unpacked)."""
    try:
        folder = files(package)
    except ModuleNotFoundError:  # sat imported from a checkout that was never installed
        return fallback
    return Path(str(folder))


#: The notebooks: ``notebooks/`` in a checkout, installed as the package ``sat.notebooks``.
NOTEBOOKS = _package_folder("sat.notebooks", ROOT / "notebooks")
BRIEF_NOTEBOOK = NOTEBOOKS / "brief.ipynb"
#: The reader's app (served by Voila) and the Jupyter data folder with sat's Voila template.
APP_NOTEBOOK = NOTEBOOKS / "app.ipynb"
JUPYTER_DATA = Path(__file__).resolve().parent / "share" / "jupyter"
#: The commented case file ``sat new`` starts from.
CASE_TEMPLATE = Path(__file__).resolve().parent / "templates" / "case.yaml"


def notebook_names() -> list[str]:
    """The notebooks that ship with ``sat`` (``sat notebook NAME`` writes a copy of one).

    Examples
    --------
    >>> {"brief", "ach", "workbook"} <= set(notebook_names())
    True
    """
    return sorted(path.stem for path in NOTEBOOKS.glob("*.ipynb"))
