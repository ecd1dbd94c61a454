"""The workbook's Key judgements tab without a browser: words typed in, findings and case file out."""

import difflib
import shutil

import pytest

from sat.paths import EXAMPLE_CASE
from sat.techniques import bayes
from sat.widgets import Workbook

COERCING = "Beijing is almost certainly coercing Tokyo."


@pytest.fixture
def copy(tmp_path):
    target = tmp_path / "case.yaml"
    shutil.copy(EXAMPLE_CASE, target)
    return target


@pytest.fixture
def runs(monkeypatch):
    """How many times the Bayesian mode (its Monte Carlo) ran."""
    calls = []
    real = bayes.run

    def counted(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(bayes, "run", counted)
    return calls


def show(wb):
    wb.tabs.selected_index = wb.tabs.titles.index("Key judgements")
    return wb.judgements


def about(panel, ident):
    return next(row for row in panel.rows if row.about.value == ident)


def changed(before, after):
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def test_the_findings_follow_the_words_as_they_are_typed_without_rerunning_the_analysis(copy, runs):
    wb = Workbook(copy)
    assert not runs  # opening the workbook does not run the Monte Carlo for this tab
    panel = show(wb)
    count = len(panel.rows)
    none = f"None of the {count} key judgements uses words stronger than the analysis"
    assert len(runs) == 1 and none in panel.summary.value
    row = about(panel, "H1")
    for end in range(1, len(COERCING) + 1):  # one keystroke at a time
        row.text.value = COERCING[:end]
    found = row.findings.value
    assert "sat-finding-stronger" in found and "is stronger than the analysis" in found
    assert "&quot;almost certainly&quot;" in found and "27% to 41%" in found
    assert "sat-outruns" in row.box._dom_classes
    assert "sat-judgements-outrun" in panel.summary.value
    assert f"1 of the {count} key judgements uses words stronger" in panel.summary.value
    assert wb.document.case.key_judgements[0].text == COERCING  # written through
    assert "unsaved changes" in wb.header.value
    row.text.value = "Beijing is unlikely to be coercing Tokyo."
    assert "sat-finding-stronger" not in row.findings.value
    assert "nothing outruns the analysis" in row.findings.value
    assert "sat-outruns" not in row.box._dom_classes
    assert "sat-judgements-clean" in panel.summary.value
    assert len(runs) == 1  # every keystroke re-read the words alone
    wb.rate("E20", "H4", "N")  # the analysis changes: checked again, once
    row.text.value = COERCING
    assert len(runs) == 2 and "is stronger than the analysis" in row.findings.value


def test_the_about_dropdown_rechecks_against_what_is_chosen(copy):
    wb = Workbook(copy)
    panel = show(wb)
    row = about(panel, "H1")
    labels = [label for label, _ in row.about.options]
    assert labels[0].startswith("nothing named") and "H1: Coercion over Taiwan" in labels
    assert any("(event)" in label for label in labels)
    assert any("(scenario)" in label for label in labels)
    row.text.value = "We judge this very unlikely."
    assert "is stronger than the analysis, which puts H1" in row.findings.value  # 27-41%
    row.about.value = "H2"  # 8-12%: very unlikely fits
    assert wb.document.case.key_judgements[row.index].about == "H2"
    assert "sat-finding-stronger" not in row.findings.value
    assert f"key judgement {row.index + 1} is about H2" in wb.status.value
    row.about.value = ""
    assert wb.document.case.key_judgements[row.index].about is None


def test_two_judgements_that_cannot_both_hold_are_marked_on_both(copy):
    wb = Workbook(copy)
    panel = show(wb)
    panel.rows[0].about.value = "H1"
    panel.rows[0].text.value = "Coercion over Taiwan is very likely."
    panel.rows[1].about.value = "H1"
    panel.rows[1].text.value = "Coercion over Taiwan is very unlikely."
    for row in panel.rows[:2]:
        assert "cannot both hold" in row.findings.value and "sat-outruns" in row.box._dom_classes


def test_add_remove_undo_and_save_write_only_the_lines_they_change(copy):
    original = copy.read_text()
    wb = Workbook(copy)
    panel = show(wb)
    count = len(panel.rows)
    draft = panel.draft
    assert draft.button.disabled  # nothing to add yet
    draft.text.value = "Beijing will retaliate."
    assert "&quot;will&quot; states as certain" in draft.findings.value
    assert len(wb.document.case.key_judgements) == count  # a draft is not written
    draft.about.value = "H1"
    draft.text.value = "We judge it unlikely that Beijing is coercing Tokyo."
    assert "nothing outruns the analysis" in draft.findings.value and not draft.button.disabled
    draft.button.click()
    assert len(panel.rows) == count + 1 and draft.text.value == ""
    assert wb.document.case.key_judgements[-1].about == "H1"
    wb.save()
    assert changed(original, copy.read_text()) == [
        "+  - text: We judge it unlikely that Beijing is coercing Tokyo.",
        "+    about: H1",
    ]
    saved, first = copy.read_text(), panel.rows[0].text.value
    panel.rows[0].text.value = "Coercion"  # a run of typing ...
    panel.rows[0].text.value = "Coercion over Taiwan is likely."
    wb.undo()  # ... is one undo step
    assert wb.document.text == saved and panel.rows[0].text.value == first
    next(
        c
        for c in panel.rows[2].box.children[0].children
        if "sat-judgement-remove" in c._dom_classes
    ).click()
    assert len(panel.rows) == count and "removed key judgement 3" in wb.status.value
    wb.undo()
    assert wb.document.text == saved and len(panel.rows) == count + 1


def test_removing_every_judgement_removes_the_section_and_the_first_starts_it_again(copy):
    wb = Workbook(copy)
    panel = show(wb)
    while panel.rows:
        panel.remove(0)
    assert "key_judgements:" not in wb.document.text
    assert "no key judgements yet" in panel.summary.value
    before = wb.document.text
    panel.draft.text.value = COERCING
    panel.draft.about.value = "H1"
    panel.add()
    assert changed(before, wb.document.text) == [
        "+",
        "+key_judgements:",
        f"+  - text: {COERCING}",
        "+    about: H1",
    ]
    assert "is stronger than the analysis" in panel.rows[0].findings.value


def test_an_emptied_judgement_is_not_written_and_says_why(copy):
    wb = Workbook(copy)
    panel = show(wb)
    before = wb.document.text
    panel.rows[0].text.value = "   "
    assert "needs words" in panel.rows[0].findings.value and wb.document.text == before


def test_read_only_shows_the_judgements_and_findings_without_editing(copy):
    wb = Workbook(copy, editable=False)
    panel = show(wb)
    assert panel.draft is None and panel.rows
    for row in panel.rows:
        assert row.text.disabled and row.about.disabled
        assert not any(
            "sat-judgement-remove" in c._dom_classes for c in row.box.children[0].children
        )
        assert row.findings.value  # checked: its findings, or that nothing outruns the analysis
    assert "key judgement" in panel.summary.value
    before = wb.document.text
    panel.rows[0].text.value = COERCING  # not an edit in a read-only workbook
    assert wb.document.text == before and not wb.document.dirty


def test_analyst_text_is_escaped_in_the_findings(copy):
    wb = Workbook(copy)
    panel = show(wb)
    panel.rows[0].about.value = ""
    panel.rows[
        0
    ].text.value = "<img src=x onerror=alert(1)> Coercion over Taiwan will <b>clearly</b> win."
    found = panel.rows[0].findings.value
    assert "<img" not in found and "<b>clearly" not in found and "&quot;will&quot;" in found
