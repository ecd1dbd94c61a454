"""An analyst's session in a real JupyterLab and a real Voila app, in a real Chromium."""

from __future__ import annotations

import difflib
import time

from tests.browser.conftest import ARTIFACTS, record_timing, wait_until_warm

CELL = ".sat-cell-E20-H4 select"
SCORE = ".sat-scores .sat-score-H4"


def run_all_cells(page, wait_for: str = CELL) -> None:
    """Run All Cells from the Run menu once the kernel is idle; retry if the first click is lost."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    page.wait_for_selector(".jp-Notebook .jp-Cell", state="attached")  # may sit under an overlay
    page.wait_for_function(
        "() => [...document.querySelectorAll('.jp-StatusBar-TextItem, .jp-StatusBar-Item')]"
        ".some(e => e.innerText.includes('Idle'))",
        timeout=120_000,
    )
    for attempt in range(3):
        page.locator(".lm-MenuBar-itemLabel", has_text="Run").first.click()
        page.locator(".lm-Menu-itemLabel", has_text="Run All Cells").first.click()
        try:
            # attached, not necessarily scrolled into view (the scores may sit above the grid)
            page.wait_for_selector(wait_for, state="attached", timeout=90_000)
            return
        except PlaywrightTimeout:
            page.screenshot(path=str(ARTIFACTS / f"workbook-run-all-attempt-{attempt}.png"))
            page.keyboard.press("Escape")
    raise AssertionError("the workbook's widgets never appeared after Run All Cells")


def open_tab(page, name: str) -> None:
    """Open the workbook's tab ``name`` and wait until it is the current one; click again if a
    click is lost (one landing while JupyterLab lays a resized panel out is)."""
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    tab = page.locator(".sat-tabs .lm-TabBar-tab", has_text=name).first
    for attempt in range(3):
        tab.click()
        try:
            page.wait_for_function(
                "el => el.classList.contains('lm-mod-current')",
                arg=tab.element_handle(),
                timeout=30_000,
            )
            return
        except PlaywrightTimeout:
            page.screenshot(path=str(ARTIFACTS / f"workbook-tab-{attempt}.png"))
    raise AssertionError(f"the workbook's {name} tab never became the current one")


def test_edit_a_rating_watch_the_score_move_and_save_with_comments_intact(lab, browser, project):
    url, token = lab
    case_file = project / "data" / "cases" / "china-japan-dual-use-2026.yaml"
    original = case_file.read_text()
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.set_default_timeout(120_000)
    page.goto(f"{url}/notebooks/workbook.ipynb?token={token}")
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
        "-    ratings: {H1: CC, H2: N, H3: N, H4: I, H5: N, H6: N, H7: N}",
        "+    ratings: {H1: CC, H2: N, H3: N, H4: N, H5: N, H6: N, H7: N}",
    ]
    assert after.count("#") == original.count("#")  # every comment kept
    assert (case_file.parent / (case_file.name + ".bak")).read_text() == original


def test_the_voila_app_shows_the_workbook_read_only(voila_workbook, browser, project):
    page = browser.new_page(viewport={"width": 1600, "height": 1000})
    page.set_default_timeout(120_000)
    page.goto(voila_workbook[0])
    page.wait_for_selector(CELL)
    assert page.locator(CELL).is_disabled()
    assert page.locator("button.sat-save").count() == 0
    assert page.locator(SCORE).inner_text().strip() == "1.00"
    page.screenshot(path=str(ARTIFACTS / "app.png"), full_page=False)


def test_the_readers_app_opens_offline_on_the_question_the_judgement_and_a_coloured_matrix(
    voila, browser
):
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(120_000)
    outside = []
    page.on(
        "request",
        lambda r: (
            None
            if r.url.startswith(("http://127.0.0.1", "data:", "blob:"))
            else outside.append(r.url)
        ),
    )
    url, log = voila
    wait_until_warm(log)
    start = time.perf_counter()
    page.goto(url)
    page.wait_for_selector(".sat-matrix td.sat-cell")
    record_timing("reader's app: page opened to coloured matrix", time.perf_counter() - start)
    page.wait_for_load_state("networkidle")
    assert outside == []  # nothing leaves the machine: no CDN, no fonts, no telemetry
    text = page.locator("body").inner_text()
    assert "Question." in text and "Bottom line up front" in text
    assert text.index("Question.") < text.index("Bottom line up front") < text.index("H1 ")
    cells = page.locator(".sat-matrix td.sat-cell")
    assert cells.count() == 29 * 7
    colours = {
        cells.nth(k).evaluate("e => getComputedStyle(e).backgroundColor") for k in range(0, 203, 7)
    }
    assert len(colours) > 2  # coloured by rating, not one plain colour
    # for readers: no form controls, no editing instructions, no code
    assert page.locator("select, input, textarea, button:visible").count() == 0
    assert "Save" not in text and "Undo" not in text and "import sat" not in text
    page.screenshot(path=str(ARTIFACTS / "reader-app.png"))


def test_at_1280_px_the_scores_fit_the_evidence_opens_and_save_as_refuses_a_bad_name(
    lab, browser, project
):
    url, token = lab
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(120_000)
    page.goto(f"{url}/notebooks/workbook.ipynb?token={token}")
    run_all_cells(page)
    if not page.locator(".jp-FileBrowser").is_visible():  # the file browser open beside it
        page.keyboard.press("Control+Shift+F")
    page.wait_for_selector(".jp-FileBrowser", state="visible")
    scores = page.locator(".sat-scores")
    posterior = page.locator(".sat-scores th", has_text="Posterior")
    for element in (scores, posterior):
        element.scroll_into_view_if_needed()
        box = element.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1280
    page.screenshot(path=str(ARTIFACTS / "workbook-1280.png"))
    # the evidence opens where it is rated: its full summary, sources and grades
    page.locator("details.sat-evidence-E20 summary").click()
    detail = page.locator("details.sat-evidence-E20").inner_text()
    assert "Sources" in detail and "Type" in detail
    # a rating change and an undo, timed in the page from the change to the updated score
    for name, action, expected in (
        (
            "rating change",
            f"document.querySelector('{CELL}').value = 'N';"
            f"document.querySelector('{CELL}').dispatchEvent(new Event('change', {{bubbles: true}}))",
            "0.00",
        ),
        ("undo", "document.querySelector('button.sat-undo').click()", "1.00"),
    ):
        seconds = page.evaluate(
            """([act, score, expected, limit]) => new Promise((resolve, reject) => {
                const start = performance.now();
                let watch = null;
                // a lost update fails the test with what the page shows instead of waiting forever
                const timer = setTimeout(() => {
                    if (watch) watch.disconnect();
                    const s = document.querySelector(score);
                    reject(new Error(`score still ${s ? s.innerText.trim() : 'absent'}, `
                        + `not ${expected}, ${limit / 1000} s after the action`));
                }, limit);
                const done = () => {
                    const s = document.querySelector(score);
                    if (s && s.innerText.trim() === expected) {
                        clearTimeout(timer);
                        resolve((performance.now() - start) / 1000);
                        return true;
                    }
                    return false;
                };
                watch = new MutationObserver(() => { if (done()) watch.disconnect(); });
                watch.observe(document.body, {subtree: true, childList: true, characterData: true});
                new Function(act)();
            })""",
            [action, SCORE, expected, 90_000],
        )
        record_timing(f"workbook in JupyterLab at 1280 px: {name} to updated score", seconds)
    # save as: only a case file name, and the message says why
    page.locator(".sat-workbook input[placeholder='other-name.yaml']").fill("notes.txt")
    page.locator(".sat-workbook button", has_text="Save as").click()
    page.wait_for_function(
        "() => document.querySelector('.sat-status').innerText.includes('.yaml or .yml')"
    )
    assert not (project / "notebooks" / "notes.txt").exists()
    assert not (project / "data" / "cases" / "notes.txt").exists()


def test_blind_rating_shows_one_item_and_no_scores_and_saves_as_it_goes(lab, browser, project):
    import yaml

    url, token = lab
    case_file = project / "data" / "cases" / "china-japan-dual-use-2026.yaml"
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(120_000)
    page.goto(f"{url}/notebooks/blind.ipynb?token={token}")
    run_all_cells(page, ".sat-blind-item")
    blind = page.locator(".sat-blind")
    text = blind.inner_text()
    assert "item 1 of 29" in text
    for hidden in ("Analyst B", "Analyst C", "Posterior", "Weighted"):
        assert hidden not in text, hidden  # no score, no other analyst's rating
    assert page.locator(".sat-scores").count() == 0
    assert page.locator(".sat-blind button.sat-blind-next").is_disabled()
    first = page.locator(".sat-blind-item details").get_attribute("class").split("sat-evidence-")[1]
    for h in range(1, 8):
        page.select_option(f".sat-blind-H{h} select", "N")
    page.locator(".sat-blind button.sat-blind-next").click()
    page.wait_for_function(
        "() => document.querySelector('.sat-blind-progress').innerText.includes('item 2 of 29')"
    )
    page.screenshot(path=str(ARTIFACTS / "blind.png"))
    saved = yaml.safe_load(case_file.read_text())
    assert saved["elicitation"]["Analyst A"]["entered"] == [first]
    item = next(e for e in saved["evidence"] if e["id"] == first)
    assert item["analyst_ratings"]["Analyst A"] == {f"H{h}": "N" for h in range(1, 8)}


def test_key_judgements_tab_shows_a_finding_as_the_analyst_types_at_1280_px(lab, browser, project):
    url, token = lab
    page = browser.new_page(viewport={"width": 1280, "height": 800})
    page.set_default_timeout(120_000)
    page.goto(f"{url}/notebooks/workbook.ipynb?token={token}")
    run_all_cells(page)
    if not page.locator(".jp-FileBrowser").is_visible():  # the file browser open beside it
        page.keyboard.press("Control+Shift+F")
    page.wait_for_selector(".jp-FileBrowser", state="visible")
    open_tab(page, "Key judgements")
    # shown, the tab checks the case's judgements against the analysis (once, for the case as rated)
    page.wait_for_selector(".sat-judgements-clean, .sat-judgements-outrun", state="visible")
    import sat

    h1 = sat.load_case(project / "data" / "cases" / "china-japan-dual-use-2026.yaml").hypotheses[0]
    page.select_option(".sat-judgement-draft-about select", label=f"{h1.id}: {h1.label}")
    draft = page.locator(".sat-judgement-draft-text textarea")
    draft.scroll_into_view_if_needed()
    draft.fill("Beijing is almost certainly coercing Tokyo.")
    finding = page.locator(
        ".sat-judgement-draft .sat-finding-stronger", has_text="is stronger than the analysis"
    )  # and, beside it, its clash with a judgement already about H1 that says otherwise
    finding.wait_for(state="visible", timeout=90_000)
    for element in (draft, finding):  # the text and its finding wrap within the page
        box = element.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 1280
    page.screenshot(path=str(ARTIFACTS / "workbook-key-judgements-1280.png"))
    draft.fill("We judge it unlikely that Beijing is coercing Tokyo.")
    page.wait_for_selector(".sat-judgement-draft .sat-finding-clean", state="visible")
    assert page.locator(".sat-judgement-draft .sat-finding-stronger").count() == 0
