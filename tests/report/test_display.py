"""Notebook display: every technique's result has an HTML view, registered from the presentation side."""

from __future__ import annotations

import json

import pytest
from IPython.core.interactiveshell import InteractiveShell

import sat
from sat.analysis import TECHNIQUES
from sat.report.display import VIEWS, html, register


@pytest.fixture(scope="module")
def results(example_case):
    analysis = sat.analyse(example_case)
    shown = {name: getattr(analysis, name) for name in TECHNIQUES}
    shown["diff"] = sat.diff.run(analysis, sat.analyse(example_case))
    return shown


def test_every_result_is_json_safe_and_every_result_type_has_a_view(results):
    viewed = set()
    for name, result in results.items():
        json.dumps(result.to_dict(), allow_nan=False, default=str)  # JSON-safe, no NaN
        key = (type(result).__module__, type(result).__name__)
        if key in VIEWS:
            assert html(result).strip().startswith("<"), name
            viewed.add(key)
    assert viewed == set(VIEWS)


def test_a_kernel_shows_results_as_html_without_the_results_knowing_how(results):
    shell = InteractiveShell.instance()
    register(shell)
    formatter = shell.display_formatter.formatters["text/html"]
    assert formatter(results["ach"]) == html(results["ach"])
    assert not hasattr(results["ach"], "_repr_html_")


def test_something_that_is_not_a_result_has_no_view():
    with pytest.raises(TypeError, match="no notebook view for int"):
        html(3)
