"""The workbook's rating grid in a real JupyterLab: a rating chosen by keyboard and by mouse,
the scores moving, the file saved; and a 500 x 10 case opened (its time recorded, not asserted)."""

from __future__ import annotations

import difflib
import time

from tests.browser.conftest import ARTIFACTS, record_timing
from tests.browser.test_workbook import SCORE, run_all_cells

LOCAL = ("http://127.0.0.1", "data:", "blob:")


def _changed(before: str, after: str) -> list[str]:
    return [
        line
        for line in difflib.unified_diff(before.splitlines(), after.splitlines(), lineterm="", n=0)
        if line[:1] in "+-" and not line.startswith(("+++", "---"))
    ]


def _score_is(page, expected: str) -> None:
    page.wait_for_function(
        "([s, v]) => document.querySelector(s) && document.querySelector(s).innerText.trim() === v",
        arg=[SCORE, expected],
    )


def test_a_cell_is_rated_by_keyboard_and_by_mouse_and_the_file_saved(lab, browser, project):
    url, token = lab
    case_file = project / "data" / "cases" / "china-japan-dual-use-2026.yaml"
    original = case_file.read_text()
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(120_000)
    outside = []
    page.on("request", lambda r: None if r.url.startswith(LOCAL) else outside.append(r.url))
    page.goto(f"{url}/notebooks/workbook.ipynb?token={token}")
    start = time.perf_counter()
    run_all_cells(page, ".sat-grid .sat-cell-E20-H4 select")
    record_timing(
        "workbook in JupyterLab: the example case, Run All to the grid", time.perf_counter() - start
    )
    cell = page.locator(".sat-cell-E20-H4 select")
    assert cell.input_value() == "I" and page.locator(SCORE).inner_text().strip() == "1.00"
    before = cell.evaluate("e => getComputedStyle(e).backgroundColor")
    # by keyboard: focus the cell, one step up the scale (I -> N), along the row, and clear
    cell.focus()
    page.keyboard.press("ArrowUp")
    _score_is(page, "0.00")
    assert cell.input_value() == "N"
    assert cell.evaluate("e => getComputedStyle(e).backgroundColor") != before  # recoloured
    page.keyboard.press("ArrowRight")
    focused = page.evaluate("() => document.activeElement.parentElement.className")
    assert "sat-cell-E20-H5" in focused and "jp-mod-commandMode" not in focused
    page.keyboard.press("Delete")  # clears it: unrated
    page.wait_for_selector(".sat-cell-E20-H5.sat-rating-unrated")
    # by mouse: click the cell of E01 against H2 and choose CC from its list
    other = page.locator(".sat-cell-E01-H2 select")
    other.click()
    other.select_option("CC")
    page.wait_for_selector(".sat-cell-E01-H2.sat-rating-CC")
    page.wait_for_function(
        "() => document.querySelector('.sat-status').innerText.includes('E01 rated CC')"
    )
    page.locator("button.sat-save").click()
    page.wait_for_function(
        "() => document.querySelector('.sat-status').innerText.includes('saved')"
    )
    page.screenshot(path=str(ARTIFACTS / "grid-rated.png"))
    assert _changed(original, case_file.read_text()) == [
        "-    ratings: {H1: C, H2: C, H3: N, H4: N, H5: N, H6: N, H7: C}",
        "+    ratings: {H1: C, H2: CC, H3: N, H4: N, H5: N, H6: N, H7: C}",
        "-    ratings: {H1: CC, H2: N, H3: N, H4: I, H5: N, H6: N, H7: N}",
        "+    ratings: {H1: CC, H2: N, H3: N, H4: N, H6: N, H7: N}",
    ]
    assert outside == []  # the grid's script and stylesheet come from the kernel, not a CDN


def test_a_500_by_10_case_opens_in_the_workbook(lab, browser, project):
    from sat.testing import write_case

    url, token = lab
    case_file = project / "data" / "cases" / "china-japan-dual-use-2026.yaml"
    write_case(case_file, 500, 10, seed=9)  # the notebook opens this file
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(300_000)
    page.goto(f"{url}/notebooks/workbook.ipynb?token={token}")
    start = time.perf_counter()
    run_all_cells(page, ".sat-grid .sat-cell-E500-H10 select")
    record_timing(
        "workbook in JupyterLab: a 500x10 case, Run All to the grid", time.perf_counter() - start
    )
    assert page.locator(".sat-grid .sat-cell select").count() == 5000
    page.screenshot(path=str(ARTIFACTS / "grid-500x10.png"))


def test_hostile_text_in_the_grid_is_shown_as_text_and_runs_nothing(lab, browser, project):
    import yaml

    from tests.xss import hostile_case

    url, token = lab
    case_file = project / "data" / "cases" / "china-japan-dual-use-2026.yaml"
    data = hostile_case()
    case_file.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(120_000)
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(f"{url}/notebooks/workbook.ipynb?token={token}")
    run_all_cells(page, ".sat-grid .sat-cell-E1-H1 select")
    head = page.locator(".sat-grid .sat-head-H1")
    head.hover()
    page.locator(".sat-grid details.sat-evidence-E1 summary").click()  # the card opened
    page.mouse.move(300, 300)
    # a round trip through the page's event loop: whatever the moves set off has run
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))")
    assert dialogs == []
    assert data["hypotheses"][0]["label"] in head.inner_text()  # the payload, as text
    grid_handlers = page.evaluate(
        "() => [...document.querySelectorAll('.sat-grid *')].flatMap(e => [...e.attributes]"
        ".filter(a => /^on/i.test(a.name)).map(a => `${e.tagName} ${a.name}`))"
    )
    assert grid_handlers == []
    assert page.locator(".sat-grid script, .sat-grid img, .sat-grid iframe").count() == 0


def test_the_transposed_grid_has_a_row_per_hypothesis_and_rates_the_same_cells(
    lab, browser, project
):
    import json

    from tests.browser.layout import clipped, overlaps

    url, token = lab
    notebook = project / "notebooks" / "workbook.ipynb"
    nb = json.loads(notebook.read_text())
    for cell in nb["cells"]:
        source = "".join(cell["source"])
        cell["source"] = source.replace(
            "hypotheses_as_rows: bool = False", "hypotheses_as_rows: bool = True"
        )
    notebook.write_text(json.dumps(nb))
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(120_000)
    page.goto(f"{url}/notebooks/workbook.ipynb?token={token}")
    run_all_cells(page, ".sat-grid .sat-cell-E20-H4 select")
    # in the grid's order: H4's head, then its cells, one per item, E01 first
    order = page.evaluate(
        "() => [...document.querySelector('.sat-grid').children].map(e => e.className)"
    )
    start = next(k for k, c in enumerate(order) if "sat-head-H4" in c)
    assert "sat-cell-E01-H4" in order[start + 1] and "sat-cell-E29-H4" in order[start + 29]
    head, cell = page.locator(".sat-head-H4"), page.locator(".sat-cell-E01-H4")
    assert abs(head.bounding_box()["y"] - cell.bounding_box()["y"]) < 20  # on one row
    page.select_option(".sat-cell-E20-H4 select", "N")
    _score_is(page, "0.00")
    assert clipped(page, ".sat-grid", scrolls=".sat-grid") == []
    assert overlaps(page, ".sat-grid") == []
    page.screenshot(path=str(ARTIFACTS / "grid-transposed.png"))
