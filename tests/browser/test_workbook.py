"""An analyst's session in a real JupyterLab and a real Voila app, in a real Chromium."""

from __future__ import annotations

import difflib

from tests.browser.conftest import ARTIFACTS

CELL = ".sat-cell-E20-H4 select"
SCORE = ".sat-scores .sat-score-H4"


def run_all_cells(page) -> None:
    """Run All Cells from the Run menu once the kernel is idle; retry if the first click is lost."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_selector(".jp-Notebook .jp-Cell")
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-StatusBar-TextItem, .jp-StatusBar-Item')]"
        ".some(e => e.innerText.includes('Idle'))",
        timeout=120_000,
    )
    for attempt in range(3):
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        try:
            page.wait_for_selector(CELL, timeout=90_000)
            return
        except PlaywrightTimeout:
            page.screenshot(path=str(ARTIFACTS / f"workbook-run-all-attempt-{attempt}.png"))
            page.keyboard.press("Escape")
    raise AssertionError("the workbook's widgets never appeared after Run All Cells")


def test_edit_a_rating_watch_the_score_move_and_save_with_comments_intact(lab, browser, project):
    url, token = lab
    case_file = project / "data" / "cases" / "china-japan-dual-use-2026.yaml"
    original = case_file.read_text()
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.set_default_timeout(120_000)
    page.goto(f"{url}/lab/tree/notebooks/workbook.ipynb?token={token}")
    run_all_cells(page)
    assert page.locator(SCORE).inner_text().strip() == "1.00"  # H4: E20 rated I counts against it
    page.screenshot(path=str(ARTIFACTS / "workbook-before.png"))

    page.select_option(CELL, "N")
    page.wait_for_function(
        "([s]) => document.querySelector(s) && document.querySelector(s).innerText.trim() === '0.00'",
        arg=[SCORE],
    )
    assert page.locator(".sat-dirty").count() == 1  # unsaved changes are shown
    page.screenshot(path=str(ARTIFACTS / "workbook-edited.png"))

    page.locator("button.sat-save").click()
    page.wait_for_function(
        "() => document.querySelector('.sat-status') && document.querySelector('.sat-status').innerText.includes('saved')"
    )
    page.screenshot(path=str(ARTIFACTS / "workbook-saved.png"))
    after = case_file.read_text()
    diff = [
        line
        for line in difflib.unified_diff(
            original.splitlines(), after.splitlines(), lineterm="", n=0
        )
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]
    assert diff == [
        "-    ratings: {H1: CC, H2: C, H3: N, H4: I, H5: N, H6: N, H7: N}",
        "+    ratings: {H1: CC, H2: C, H3: N, H4: N, H5: N, H6: N, H7: N}",
    ]
    assert after.count("#") == original.count("#")  # every comment kept
    assert (case_file.parent / (case_file.name + ".bak")).read_text() == original


def test_the_voila_app_shows_the_workbook_read_only(voila, browser, project):
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.set_default_timeout(120_000)
    page.goto(voila)
    page.wait_for_selector(CELL)
    assert page.locator(CELL).is_disabled()
    assert page.locator("button.sat-save").count() == 0
    assert page.locator(SCORE).inner_text().strip() == "1.00"
    page.screenshot(path=str(ARTIFACTS / "app.png"), full_page=False)
