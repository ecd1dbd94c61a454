"""Where things live in a checkout of the project, as constants in one place."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
DATA = ROOT / "data"
CASES = DATA / "cases"
SCHEMA = DATA / "schema" / "case.schema.json"
REPORTS = ROOT / "reports"
EXAMPLE_CASE = CASES / "china-japan-dual-use-2026.yaml"
BRIEF_NOTEBOOK = NOTEBOOKS / "brief.ipynb"
