"""Notebook display: every technique's result that the registry gives an HTML view shows as one,
registered from the presentation side."""

from __future__ import annotations

import json

import pytest
from IPython.core.interactiveshell import InteractiveShell

import sat
from sat.analysis import TECHNIQUES
from sat.registry import REGISTRY
from sat.report.display import VIEWS, html, register


@pytest.fixture(scope="module")
def results(example_case):
    analysis = sat.analyse(example_case)
    shown = {name: getattr(analysis, name) for name in TECHNIQUES}
    shown["diff"] = sat.diff.run(analysis, sat.analyse(example_case))
    shown["judgements"] = analysis.judgements  # not reported with the analysis, but shown
    from sat.techniques import calibration
    from sat.testing import synthetic_entries

    shown["calibration"] = calibration.run(
        synthetic_entries(30, (("A", 0.0, 1.0),), seed=1), fit=True
    )  # a register's scores, not a case's
    shown["earned"] = sat.analysis.earn_weights(
        synthetic_entries(30, (("A", 0.0, 1.0), ("B", 0.0, 2.0)), seed=1)
    )  # the weights earned on a register
    return shown


def test_every_result_is_json_safe_and_every_view_in_the_registry_draws_it(results):
    assert set(VIEWS) == {(row.module, row.result) for row in REGISTRY if row.html}
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


def test_readable_turns_result_parts_into_what_a_person_reads():
    import pandas as pd

    from sat.report.display import readable

    frame = pd.DataFrame(
        {"score": [0.123456, None], "linchpin": [True, False], "sources": [("S1", "S3"), ()]},
        index=pd.Index(["E1", "E2"], name="id"),
    )
    html = str(readable(frame))
    assert "<td>0.12</td>" in html and "0.123" not in html  # rounded
    assert "<td>yes</td>" in html and "True" not in html and "False" not in html
    assert "<td>S1, S3</td>" in html and "('S1'" not in html
    assert html.count("<td>–</td>") == 2  # a missing number and an empty list
    assert str(readable(())) == "<p>none</p>"
    assert str(readable("<b>x</b>")) == "<p>&lt;b&gt;x&lt;/b&gt;</p>"  # case text escaped
    listed = str(readable(["a long sentence that goes on well beyond forty characters in all"]))
    assert listed.startswith("<ul><li>")
    table = str(readable({"well_sourced": ("E04", "E11")}))
    assert "well sourced" in table and "<td>E04, E11</td>" in table


def test_the_matrix_with_hypotheses_as_rows():
    import re

    import sat
    from sat.paths import EXAMPLE_CASE
    from sat.report.tables import ach_matrix_html

    result = sat.analyse(sat.load_case(EXAMPLE_CASE)).ach
    page = str(ach_matrix_html(result, transposed=True))
    body = page.split("<tbody>")[1].split("</tbody>")[0]
    rows = re.findall(r"<tr[^>]*>\s*<td[^>]*><b>(H\d)</b>", body)
    assert rows == list(result.hypotheses.index)  # one row per hypothesis, in rank order
    assert page.count('class="sat-cell"') == result.ratings_frame.size
    first_row = body.split("</tr>")[0]
    codes = re.findall(r'class="sat-cell" title="(E\d+) vs (H\d)', first_row)
    assert {h for _, h in codes} == {rows[0]}  # across a row: one hypothesis, every item
    assert [e for e, _ in codes] == list(result.evidence_frame.index)  # most diagnostic first


def test_the_calibration_view_says_why_there_is_no_fit():
    import dataclasses

    from sat.techniques import calibration
    from sat.testing import synthetic_entries

    entries = synthetic_entries(10, (("A", 0.0, 1.0),), open_share=0.0, seed=3)
    entries = [dataclasses.replace(e, outcome=1) for e in entries]  # every one came true
    result = calibration.run(entries, fit=True)
    assert result.fit is None and result.no_fit
    shown = html(result)
    assert "Recalibration</b>: none (all 10 resolved judgements came true" in shown


def test_gaps_and_confidence_show_as_html(results):
    gaps = html(results["gaps"])
    assert "Listed by the analyst" in gaps and "Found in the data" in gaps
    assert "Kinds of evidence not collected" in gaps  # GapsResult.found, escaped
    shown = html(results["confidence"])
    assert "We have low confidence in this judgement." in shown
    # one row per factor, its points, or "not measured"
    assert shown.count("<tr><td>") == len(results["confidence"].factors)
    assert "<tr><td>margin</td><td>0</td></tr>" in shown
