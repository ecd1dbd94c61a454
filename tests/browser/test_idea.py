"""The IDEA session in a real JupyterLab: round-1 answers typed and saved one by one, the
others' answers absent from the page until the last one, then shown anonymised, at 1280 px."""

from __future__ import annotations

import pytest

from sat.io import load_case
from tests.browser.conftest import ARTIFACTS
from tests.browser.layout import clipped, overlaps
from tests.browser.test_workbook import run_all_cells

CASE = """\
id: idea-browser
title: Numbers from a team
question: How many?
date: 2026-01-01
analysts: [Ana Quist, Benedikt Zorn, Cyrus Vale]
hypotheses:
  - {id: H1, label: a, statement: A.}
  - {id: H2, label: b, statement: B.}
quantities:
  - id: Q1
    question: How many Japanese firms will China name on its export-control list by 30 June?
    unit: firms
    realization: {value: 12}
  - id: Q2
    question: How many days will the ban last?
    unit: days
    scale: log
quantity_estimates:
  Benedikt Zorn:
    - {quantity: Q1, round: 1, lowest: 3001, best: 3113, highest: 3227, confidence: 0.7}
    - {quantity: Q2, round: 1, lowest: 31, best: 62, highest: 93, confidence: 0.9}
  Cyrus Vale:
    - {quantity: Q1, round: 1, values: [4141, 4242, 4343]}
"""
NAMES = ("Benedikt", "Zorn", "Cyrus", "Vale")


@pytest.fixture
def idea_project(lab_server, tmp_path):
    """The IDEA notebook written for the case and Ana, as ``sat notebook idea CASE`` writes it."""
    from sat.report.notebooks import write_notebook

    (tmp_path / "data" / "cases").mkdir(parents=True)
    case = tmp_path / "data" / "cases" / "idea.yaml"
    case.write_text(CASE)
    (tmp_path / "notebooks").mkdir()
    write_notebook(
        "idea",
        tmp_path / "notebooks",
        {"case_path": "../data/cases/idea.yaml", "analyst": "Ana Quist"},
    )
    return tmp_path, case


def _answer(page, quantity: str, values: tuple[str, ...], said: str) -> None:
    card = f".sat-idea-{quantity}"
    for field, value in zip(("lowest", "best", "highest", "confidence"), values, strict=True):
        page.locator(f"{card} .sat-idea-{field} input").fill(value)
    page.locator(f"{card} button.sat-idea-save").click()
    page.locator(f"{card} .sat-idea-message", has_text=said).wait_for(state="visible")


def test_others_answers_appear_only_after_the_last_round_1_answer(
    lab_server, module_browser, idea_project
):
    from urllib.parse import quote

    folder, case = idea_project
    url, token, root = lab_server
    where = quote(folder.relative_to(root).as_posix())
    page = module_browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(300_000)
    page.goto(f"{url}/lab/workspaces/{folder.name}/tree/{where}/notebooks/idea.ipynb?token={token}")
    run_all_cells(page, ".sat-idea-card")
    session = page.locator(".sat-idea")
    assert "Round 1, private: 0 of 2 answered" in session.inner_text()

    def hidden() -> None:
        text, markup = session.inner_text(), page.content()
        assert not any(n in markup for n in NAMES)
        assert not any(v in text for v in ("3113", "4242", "4,242", "Panellist"))
        assert page.locator(".sat-idea-round1").count() == 0

    hidden()
    _answer(page, "Q1", ("10", "20", "30", "80"), "saved (round 1)")
    hidden()
    # a bad answer is said beside its fields, in plain words, and nothing is saved
    _answer(page, "Q2", ("5", "50", "40", "80"), "the best estimate must be above the lowest")
    hidden()
    assert [a.quantity for a in load_case(case).quantity_estimates["Ana Quist"]] == ["Q1"]
    _answer(page, "Q2", ("5", "10", "40", "60"), "saved (round 1)")
    page.locator(".sat-idea-Q1 .sat-idea-round1 table").wait_for(state="visible")
    shown = page.locator(".sat-idea-Q1 .sat-idea-round1").inner_text()
    assert "Panellist" in shown and "(you)" in shown and "3,113" in shown and "4,242" in shown
    assert "Group (equal weights)" in shown
    assert not any(n in page.content() for n in NAMES)
    assert "Round 2, private" in session.inner_text()
    chart = page.locator(".sat-idea-Q1 img.sat-idea-chart")
    chart.wait_for(state="visible")
    answers = load_case(case).quantity_estimates["Ana Quist"]
    assert [(a.quantity, a.round) for a in answers] == [("Q1", 1), ("Q2", 1)]
    assert all(a.entered is not None for a in answers)
    # fits 1280 px: nothing cut off or drawn over anything else, the chart inside the page
    page.locator(".sat-idea-Q1").scroll_into_view_if_needed()
    box = chart.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1280
    page.screenshot(path=str(ARTIFACTS / "idea-round1-shown-1280.png"))
    assert clipped(page, ".sat-idea") + overlaps(page, ".sat-idea") == []
    page.close()
