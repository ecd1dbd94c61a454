"""The registry of techniques: every row has every face it declares, and the faces come from it.

Run over every registered technique, as scikit-learn's ``parametrize_with_checks`` runs its
common checks over every estimator: a new row is checked the moment it is added.
"""

from __future__ import annotations

import ast
import importlib
import inspect
from functools import cached_property
from pathlib import Path

import pytest

import sat
from sat.analysis import TECHNIQUES, Analysis
from sat.paths import NOTEBOOKS, ROOT, notebook_names
from sat.registry import REGISTRY, Technique, markdown_table, technique

ROWS = pytest.mark.parametrize("row", REGISTRY, ids=[row.name for row in REGISTRY])


def _required(row: Technique) -> set[str]:
    """The parameters ``run`` requires besides what it reads first (the case or the register)."""
    parameters = list(
        inspect.signature(importlib.import_module(row.module).run).parameters.values()
    )
    return {p.name for p in parameters[1:] if p.default is inspect.Parameter.empty}


@pytest.fixture(scope="module")
def shown(example_case):
    """Every registered technique's result on the example case (a register's scores for
    calibration, the example against itself for the diff)."""
    from sat.testing import synthetic_entries

    analysis = sat.analyse(example_case)
    results = {}
    for row in REGISTRY:
        if row.reads == "case":
            results[row.name] = getattr(analysis, row.name)
    results["calibration"] = sat.score_register(
        synthetic_entries(30, (("A", 0.0, 1.0),), seed=1), fit=True
    )
    results["earned"] = sat.analysis.earn_weights(
        synthetic_entries(30, (("A", 0.0, 1.0), ("B", 0.0, 0.5)), seed=1)
    )
    results["diff"] = sat.diff.run(analysis, sat.analyse(example_case))
    return analysis, results


@ROWS
def test_the_module_has_run_and_returns_the_registered_result_type(row, shown):
    module = importlib.import_module(row.module)
    assert callable(module.run)
    result_type = getattr(module, row.result)
    assert result_type.__name__ == row.result and result_type.__module__ == row.module
    assert type(shown[1][row.name]) is result_type


@ROWS
def test_run_requires_exactly_the_results_the_row_needs(row):
    if row.reads == "analyses":  # sat.diff.run(old, new): two analyses, not results
        assert row.needs == ()
        return
    assert _required(row) == set(row.needs)


def _analysis_calls() -> dict[str, set[str]]:
    """For each property of ``Analysis`` that calls a technique, the keywords it passes."""
    tree = ast.parse((ROOT / "sat" / "analysis.py").read_text(encoding="utf-8"))
    analysis = next(n for n in tree.body if isinstance(n, ast.ClassDef) and n.name == "Analysis")
    calls = {}
    for node in analysis.body:
        if not isinstance(node, ast.FunctionDef):
            continue
        for call in ast.walk(node):
            if (
                isinstance(call, ast.Call)
                and isinstance(call.func, ast.Attribute)
                and call.func.attr == "run"
            ):
                calls[node.name] = {k.arg for k in call.keywords if k.arg}
    return calls


def test_the_analysis_passes_each_technique_exactly_the_results_it_needs():
    calls = _analysis_calls()
    case_rows = [row for row in REGISTRY if row.reads == "case"]
    assert set(calls) == {row.name for row in case_rows}  # no property the registry lacks
    for row in case_rows:
        assert isinstance(vars(Analysis)[row.name], cached_property), row.name
        module = importlib.import_module(row.module)
        options = {
            p.name
            for p in inspect.signature(module.run).parameters.values()
            if p.default is not inspect.Parameter.empty
        }
        assert calls[row.name] - options == set(row.needs), row.name


def test_the_analysis_reports_the_registered_techniques_in_the_registry_order():
    assert TECHNIQUES[:3] == ("ach", "assumptions", "quality")
    assert "judgements" not in TECHNIQUES and "calibration" not in TECHNIQUES
    assert [n for n in (r.name for r in REGISTRY) if n in TECHNIQUES] == list(TECHNIQUES)


#: Techniques that still lack a face of their own (issue 31 closes them one by one); every other
#: row must have them all.
UNFINISHED: frozenset[str] = frozenset()


@ROWS
def test_every_technique_has_every_face(row):
    faces = {"text": row.text, "html": row.html, "notebook": row.notebook, "command": row.command}
    missing = sorted(face for face, value in faces.items() if value is None)
    if row.name in UNFINISHED:
        assert missing, f"{row.name} has every face now: take it out of UNFINISHED"
    else:
        assert missing == [], f"{row.name} has no {', '.join(missing)}"


@ROWS
def test_the_text_view_prints_the_result(row, shown):
    if row.text is None:
        return
    from sat.report import text

    analysis, results = shown
    view = getattr(text, row.text)
    required = {
        p.name
        for p in inspect.signature(view).parameters.values()
        if p.kind is inspect.Parameter.KEYWORD_ONLY and p.default is inspect.Parameter.empty
    }  # the results shown beside it (sat bayes: confidence)
    printed = view(results[row.name], **{name: getattr(analysis, name) for name in required})
    assert isinstance(printed, str) and printed.strip()


@ROWS
def test_the_html_view_draws_the_result(row, shown):
    from sat.report import display, tables

    if row.html is None:
        assert (row.module, row.result) not in display.VIEWS
        return
    assert callable(getattr(tables, row.html))
    assert display.VIEWS[(row.module, row.result)] == row.html
    assert display.html(shown[1][row.name]).strip().startswith("<")


@ROWS
def test_the_notebook_exists(row):
    if row.notebook is None:
        assert row.name not in notebook_names()  # a notebook named after it would be its own
    else:
        assert (NOTEBOOKS / f"{row.notebook}.ipynb").is_file()


@ROWS
def test_the_command_exists_with_the_rows_description(row):
    from sat.cli import COMMANDS, _help

    commands = {command.name: command for command in COMMANDS}
    if row.command is None:
        assert row.name not in commands
        return
    assert commands[row.command].summary == row.description
    assert _help(commands[row.command]).strip()  # sat <command> --help: its module's docstring


def test_every_command_that_prints_an_analysis_result_is_a_registered_technique():
    from sat.cli import COMMANDS

    printed = {command.name for command in COMMANDS if command.run is None}
    assert printed <= {row.command for row in REGISTRY}


@ROWS
def test_sat_offers_the_technique_by_name(row):
    assert getattr(sat, row.name) is importlib.import_module(row.module)
    assert row.name in dir(sat) and row.name in sat.__all__


def test_dir_of_sat_is_the_public_api_and_every_technique():
    shown = dir(sat)
    assert {"analyse", "load_case", "Analysis", "SatError", "calibration", "review"} <= set(shown)
    assert "importlib" not in shown and "sys" not in shown
    assert shown == sorted(sat.__all__)
    with pytest.raises(AttributeError, match="module 'sat' has no attribute 'importlib'"):
        _ = sat.importlib


def test_results_are_named_after_their_technique_and_the_old_names_still_work():
    from sat.techniques import assumptions, collect, confidence, indicators

    for row in REGISTRY:
        expected = "ACHResult" if row.name == "ach" else f"{row.name.capitalize()}Result"
        assert row.result == expected
    assert assumptions.KACResult is assumptions.AssumptionsResult
    assert confidence.Confidence is confidence.ConfidenceResult
    assert collect.CollectionResult is collect.CollectResult
    assert indicators.IndicatorResult is indicators.IndicatorsResult


def test_the_docs_table_of_techniques_is_the_registry():
    page = (ROOT / "docs" / "techniques.md").read_text(encoding="utf-8")
    start, end = "<!-- registry table: begin -->\n", "\n<!-- registry table: end -->"
    assert page.split(start)[1].split(end)[0] == markdown_table(), (
        "regenerate it: .venv/bin/python -c 'import sat.registry as r; print(r.markdown_table())'"
    )


def test_the_registry_imports_nothing_of_sat():
    tree = ast.parse(Path(inspect.getfile(technique)).read_text(encoding="utf-8"))
    imported = [n.module for n in ast.walk(tree) if isinstance(n, ast.ImportFrom) and n.module] + [
        a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names
    ]
    assert not [m for m in imported if m == "sat" or m.startswith("sat.")]


def test_an_unknown_name_is_not_a_technique():
    with pytest.raises(KeyError):
        technique("astrology")


def test_the_api_reference_documents_every_registered_module():
    pages = "".join(
        page.read_text(encoding="utf-8") for page in (ROOT / "docs" / "reference").glob("*.md")
    )
    missing = [row.module for row in REGISTRY if f"::: {row.module}\n" not in pages]
    assert not missing, missing


def test_confidence_is_still_said_beside_the_posterior():
    from sat.cli import COMMANDS

    (bayes,) = [c for c in COMMANDS if c.name == "bayes"]
    assert bayes.shown_with == ("confidence",)
