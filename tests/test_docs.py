"""The reference site builds strictly: every page, link and API reference resolves."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sat.paths import ROOT


def test_the_docs_build_strictly(tmp_path):
    done = subprocess.run(
        [Path(sys.executable).with_name("mkdocs"), "build", "--strict", "-d", tmp_path / "site"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-4000:]
    reference = (tmp_path / "site" / "reference" / "analysis" / "index.html").read_text()
    assert "analyse" in reference and "Analysis" in reference  # generated from the docstrings


def test_every_docs_page_is_in_the_navigation():
    import yaml

    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))

    def pages(nav):
        for entry in nav:
            for value in entry.values() if isinstance(entry, dict) else [entry]:
                yield from pages(value) if isinstance(value, list) else [value]

    listed = set(pages(config["nav"]))
    present = {p.relative_to(ROOT / "docs").as_posix() for p in (ROOT / "docs").rglob("*.md")}
    assert present == listed
