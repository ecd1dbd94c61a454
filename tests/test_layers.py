"""The architecture holds: no layer imports a higher one, no module imports itself in a circle, and
no module calls a technique but the one that wires them (``sat/analysis.py``)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import grimp
import pytest

from sat.paths import ROOT

#: Modules that still call a technique themselves, with why; each must still do so (else the
#: entry goes). The workbook asks sat.analyse (Analysis.reworded, Analysis.posterior_point) too.
_PENDING: dict[str, str] = {}

#: What computes a technique's result: its ``run``, and Bayes' rule once without the simulation.
_COMPUTES = ("run", "point")


@pytest.fixture(scope="module")
def graph() -> grimp.ImportGraph:
    # imports for annotations only count: they are dependencies all the same
    return grimp.build_graph("sat", exclude_type_checking_imports=False, cache_dir=None)


def _path(module: str) -> Path:
    base = ROOT.joinpath(*module.split("."))
    return base / "__init__.py" if base.is_dir() else base.with_suffix(".py")


def _techniques(graph: grimp.ImportGraph) -> set[str]:
    """The technique modules: those in sat.techniques with a module-level ``run``."""
    found = set()
    for module in graph.find_descendants("sat.techniques"):
        tree = ast.parse(_path(module).read_text(encoding="utf-8"))
        if any(isinstance(n, ast.FunctionDef) and n.name == "run" for n in tree.body):
            found.add(module)
    return found


def technique_calls(source: str, techniques: set[str]) -> list[str]:
    """Each call of a technique's ``run`` (or ``point``, the posteriors' point estimate) in
    ``source``, as ``line: text``.

    A technique module is reached by the names it is imported under
    (``from sat.techniques import ach as a``, ``import sat.techniques.ach``), by ``sat.<name>``,
    or its ``run`` is imported by name (``from sat.techniques.ach import run as score``).

    Examples
    --------
    >>> technique_calls("from sat.techniques import bias as b\\nb.run(case)", {"sat.techniques.bias"})
    ['2: b.run(case)']
    >>> technique_calls("import sat\\nsat.bias.run(c)", {"sat.techniques.bias"})
    ['2: sat.bias.run(c)']
    >>> technique_calls("from sat.techniques.bias import run as r\\nr(c)", {"sat.techniques.bias"})
    ['1: from sat.techniques.bias import run as r', '2: r(c)']
    >>> technique_calls("from sat.techniques import bayes\\nbayes.point(c)", {"sat.techniques.bayes"})
    ['2: bayes.point(c)']
    >>> technique_calls("from sat.techniques.bias import BiasResult\\nBiasResult.run(x)",
    ...                 {"sat.techniques.bias"})
    []
    """
    tree = ast.parse(source)
    short = {m.rsplit(".", 1)[1] for m in techniques}
    modules: set[str] = set()  # names bound to a technique module
    runs: set[str] = set()  # names bound to a technique's run
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.module:
            for alias in node.names:
                if f"{node.module}.{alias.name}" in techniques:
                    modules.add(alias.asname or alias.name)
                elif node.module in techniques and alias.name in _COMPUTES:
                    runs.add(alias.asname or alias.name)
                    found.append(f"{node.lineno}: {ast.get_source_segment(source, node)}")
        elif isinstance(node, ast.Import):
            for alias in node.names:
                if alias.name in techniques:
                    modules.add(alias.asname or alias.name)
    for node in ast.walk(tree):
        if not isinstance(node, ast.Call):
            continue
        func, called = node.func, False
        if isinstance(func, ast.Name):
            called = func.id in runs
        elif isinstance(func, ast.Attribute) and func.attr in _COMPUTES:
            target = ast.unparse(func.value)
            called = target in modules or (
                target.startswith("sat.") and target.rsplit(".", 1)[1] in short
            )
        if called:
            found.append(f"{node.lineno}: {ast.get_source_segment(source, node)}")
    return sorted(found, key=lambda line: int(line.split(":")[0]))


def test_the_layer_contract_is_kept():
    """model -> io -> techniques -> analysis -> diff -> report -> run -> cli and widgets
    (pyproject.toml), type-only imports counted."""
    done = subprocess.run(
        [Path(sys.executable).with_name("lint-imports"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-2000:]


def test_no_import_cycle_between_modules():
    """Every import, at module level, inside a function or for annotations only, checked for a
    way back."""
    graph = grimp.build_graph("sat", exclude_type_checking_imports=False, cache_dir=None)
    cycles = set()
    for importer in sorted(graph.modules):
        for imported in graph.find_modules_directly_imported_by(importer):
            back = graph.find_shortest_chain(importer=imported, imported=importer)
            if back and importer != "sat" and imported != "sat":
                cycles.add(" -> ".join((importer, *back)))
    assert not cycles, sorted(cycles)


def test_techniques_are_called_only_in_the_analysis(graph):
    """Only sat/analysis.py (and the techniques' own what-ifs) calls a technique's ``run``:
    every other reader asks ``sat.analyse``, so the chain of results is written once."""
    techniques = _techniques(graph)
    assert {"sat.techniques.ach", "sat.techniques.calibration", "sat.techniques.bias"} <= techniques
    assert "sat.techniques.diff" not in graph.modules  # the diff reads analyses: above them
    calls = {}
    for module in sorted(graph.modules):
        if module == "sat.analysis" or module.startswith("sat.techniques"):
            continue
        found = technique_calls(_path(module).read_text(encoding="utf-8"), techniques)
        if found or module in _PENDING:
            calls[module] = found
    stale = [m for m in _PENDING if not calls.get(m)]
    assert not stale, f"no longer calls a technique: remove from _PENDING: {stale}"
    wired = {m: c for m, c in calls.items() if m not in _PENDING}
    assert not wired, f"ask sat.analyse(case) instead: {wired}"
    analysis = _path("sat.analysis").read_text(encoding="utf-8")
    assert len(technique_calls(analysis, techniques)) >= 17  # every technique, and the register


def test_no_technique_reads_another_techniques_private_names(graph):
    """A technique uses another's public names only (shared helpers live in private modules of
    their own, such as ``sat.techniques._frames``)."""
    modules = sorted(m for m in graph.find_descendants("sat.techniques") if "._" not in m)
    private = []
    for module in modules:
        tree = ast.parse(_path(module).read_text(encoding="utf-8"))
        bound = {}  # a name in this module -> the technique module it stands for
        for node in ast.walk(tree):
            if isinstance(node, ast.ImportFrom) and node.module:
                for alias in node.names:
                    if f"{node.module}.{alias.name}" in modules:
                        bound[alias.asname or alias.name] = f"{node.module}.{alias.name}"
                    elif node.module in modules and alias.name.startswith("_"):
                        private.append(f"{module}:{node.lineno} imports {alias.name}")
        for node in ast.walk(tree):
            if (
                isinstance(node, ast.Attribute)
                and isinstance(node.value, ast.Name)
                and bound.get(node.value.id, module) != module
                and node.attr.startswith("_")
                and not node.attr.startswith("__")
            ):
                private.append(f"{module}:{node.lineno} reads {node.value.id}.{node.attr}")
    assert not private, private


#: Private names one layer still reads from another, with why; none may be added.
_PRIVATE_PENDING = {
    "sat.io.register reads sat.errors._printable": "shared text escaping, not yet public",
    "sat.report.conditions.team reads sat.techniques.estimates._coherent_events": "likewise",
}


def _layer(module: str, layers: list[list[str]]) -> int | None:
    for rank, names in enumerate(layers):
        if any(module == n or module.startswith(f"{n}.") for n in names):
            return rank
    return None


def test_no_layer_reads_another_layers_private_names(graph):
    """A module uses the public face of the layers it imports (``sat.run`` runs the notebook
    over ``sat.run.execute.ipc_kernel_manager``, not a private name of ``sat.report``)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (contract,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    layers = [[n.strip() for n in layer.split(":")] for layer in contract["layers"]]
    found = []
    for module in sorted(graph.modules):
        tree = ast.parse(_path(module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if not (isinstance(node, ast.ImportFrom) and node.module in graph.modules):
                continue
            for alias in node.names:
                private = alias.name.startswith("_") and not alias.name.startswith("__")
                if private and _layer(module, layers) != _layer(node.module, layers):
                    found.append(f"{module} reads {node.module}.{alias.name}")
    assert not set(found) - set(_PRIVATE_PENDING), sorted(set(found) - set(_PRIVATE_PENDING))
