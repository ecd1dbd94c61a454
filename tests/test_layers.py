"""The architecture holds: no layer imports a higher one, and no module imports itself in a circle."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from sat.paths import ROOT


def test_the_layer_contract_is_kept():
    """model -> io -> techniques -> analysis -> report -> cli and widgets (pyproject.toml)."""
    done = subprocess.run(
        [Path(sys.executable).with_name("lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_no_import_cycle_between_modules():
    """Every import, at module level or inside a function, checked for a way back."""
    import grimp

    graph = grimp.build_graph("sat", exclude_type_checking_imports=True)
    cycles = set()
    for importer in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(importer):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back and importer != "sat" and imported != "sat":
                cycles.add(" -> ".join((importer, *back)))
    assert not cycles, sorted(cycles)
