"""The workbook, the blind rating view and the reader's app laid out for the widths analysts use.

At 1280 px with JupyterLab's file browser open (its default) and closed, and at 1920 px,
every tab of the workbook (the scores after "Simulate the interval", the Quotes tab with
its suggested passages), the blind rating view (an item, then the reveal) and the reader's
app are measured in the page (``tests.browser.layout``): nothing is cut off or spills out,
nothing is drawn over anything else, a label takes at most two lines and a button one. One
JupyterLab serves the module; one page is opened per view and resized to each width.
"""

from __future__ import annotations

import shutil

import pytest

from sat.paths import EXAMPLE_CASE, NOTEBOOKS
from tests.browser.conftest import ARTIFACTS, HANG_GUARD
from tests.browser.layout import clipped, overlaps, too_many_lines
from tests.browser.test_workbook import open_tab, run_all_cells

#: (viewport width, JupyterLab's file browser open): the widths the layout is made for.
WIDTHS = [(1280, True), (1280, False), (1920, True)]
#: Each tab of the workbook and what shows once it is laid out.
TABS = {
    "Matrix": ".sat-grid",
    "Assumptions": ".sat-tabs [class*='sat-assumption-']",
    "Indicators": ".sat-tabs [class*='sat-indicator-']",
    "Checklist": ".sat-checklist textarea",
    "Deception": ".sat-tabs [class*='sat-deception-']",
    "Quotes": ".sat-quote-candidate",  # the suggested passages, each with its button
    "Key judgements": ".sat-judgements-clean, .sat-judgements-outrun",
    "Structure": ".sat-form",
}
#: Texts that are labels (at most two lines) in every view.
LABELS = ".sat-label, .lm-TabBar-tab"


#: Frames the page may take to stop moving after a resize or a tab change (a bound on frames,
#: not on time: a busy machine paints fewer frames a second, and each is still waited for).
MOST_FRAMES = 600

_STILL = """(most) => new Promise(done => {
  const shape = () => Array.from(document.querySelectorAll("body *"), e => {
    const b = e.getBoundingClientRect();
    return `${b.x},${b.y},${b.width},${b.height}`;
  }).join(";");
  let last = null, left = most;
  const look = () => {
    const now = shape();
    if (now === last || --left <= 0) return done(now === last);
    last = now;
    requestAnimationFrame(() => requestAnimationFrame(look));
  };
  requestAnimationFrame(() => requestAnimationFrame(look));
})"""


def _settled(page) -> None:
    """Wait until the page has stopped moving: every element's box the same on two looks, two
    animation frames apart (JupyterLab lays a resized panel out over several frames; measuring
    in between would see a half-drawn layout)."""
    assert page.evaluate(_STILL, MOST_FRAMES), f"the page still moved after {MOST_FRAMES} looks"


def _layout(page, root: str, scrolls: str = "") -> list[str]:
    """Every fault of the layout under ``root``: cut, spilled, overlapping, too many lines."""
    return [
        *clipped(page, root, scrolls),
        *overlaps(page, root),
        *too_many_lines(page, f"{root} :is({LABELS})", most=2),
        *too_many_lines(page, f"{root} button", most=1),
    ]


def _copy_project(folder):
    """The workbook, blind and app notebooks with the example case and its stored sources."""
    (folder / "notebooks").mkdir()
    (folder / "data" / "cases").mkdir(parents=True)
    for name in ("workbook.ipynb", "blind.ipynb", "app.ipynb"):
        shutil.copy(NOTEBOOKS / name, folder / "notebooks")
    shutil.copy(EXAMPLE_CASE, folder / "data" / "cases")
    shutil.copytree(EXAMPLE_CASE.parent.parent / "sources", folder / "data" / "sources")
    return folder


def _open(module_browser, lab_server, folder, notebook: str, ready: str):
    """A page of the module's JupyterLab on ``notebook`` in ``folder``, every cell run."""
    from urllib.parse import quote

    url, token, root = lab_server
    where = quote(folder.relative_to(root).as_posix())
    page = module_browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(HANG_GUARD * 1000)
    page.goto(f"{url}/lab/workspaces/{folder.name}/tree/{where}/notebooks/{notebook}?token={token}")
    run_all_cells(page, ready)
    return page


def _at(page, width: int, files: bool) -> None:
    """Resize the page to ``width`` with JupyterLab's file browser open or closed."""
    page.set_viewport_size({"width": width, "height": 900})
    if page.locator(".jp-FileBrowser").is_visible() != files:
        page.keyboard.press("Control+Shift+F")
    page.wait_for_selector(".jp-FileBrowser", state="visible" if files else "hidden")
    _settled(page)


@pytest.fixture(scope="module")
def workbook_page(module_browser, lab_server, tmp_path_factory):
    """The workbook in JupyterLab on the example case, its interval simulated."""
    folder = _copy_project(tmp_path_factory.mktemp("layout-workbook"))
    page = _open(module_browser, lab_server, folder, "workbook.ipynb", ".sat-grid")
    page.locator("button.sat-simulate").click()
    page.wait_for_selector(".sat-scores .sat-interval-note:has-text('in brackets')")
    yield page
    page.close()


@pytest.mark.parametrize(("width", "files"), WIDTHS, ids=lambda v: str(v).lower())
def test_every_tab_of_the_workbook_fits_its_width(workbook_page, width, files):
    page = workbook_page
    _at(page, width, files)
    found = {}
    for tab, ready in TABS.items():
        open_tab(page, tab)
        page.wait_for_selector(ready, state="visible")
        _settled(page)
        faults = _layout(page, ".sat-workbook", scrolls=".sat-grid")
        if faults:
            found[tab] = faults
        page.locator(".sat-tabs").scroll_into_view_if_needed()
        name = f"layout-workbook-{width}-{'files' if files else 'nofiles'}-{tab.replace(' ', '-')}"
        page.screenshot(path=str(ARTIFACTS / f"{name.lower()}.png"))
    assert found == {}
    # the Structure tab, shown last, says nothing before a keystroke (no pydantic text)
    assert [t.strip() for t in page.locator(".sat-form-check").all_inner_texts()] == ["", ""]
    # the scores use the room they have: above the tabs, as wide as they are; else beside them
    scores = page.locator(".sat-scores-panel").bounding_box()
    tabs = page.locator(".sat-tabs").bounding_box()
    if scores["y"] + scores["height"] <= tabs["y"]:
        assert scores["width"] >= tabs["width"] - 1
    else:
        assert scores["x"] >= tabs["x"] + tabs["width"]


def test_the_blind_view_fits_an_item_and_the_reveal_at_every_width(
    module_browser, lab_server, tmp_path_factory
):
    from sat.io.document import CaseDocument
    from sat.techniques.elicitation import draw_order

    folder = _copy_project(tmp_path_factory.mktemp("layout-blind"))
    # Analyst A has rated every item but the last: the view shows that one, then the reveal
    document = CaseDocument(folder / "data" / "cases" / EXAMPLE_CASE.name)
    document.prepare()
    order = draw_order(document.case, 3)
    document.start_elicitation("Analyst A", 3, order)
    for item in order[:-1]:
        document.rate_as("Analyst A", item, {h.id: "N" for h in document.case.hypotheses})
    document.save()
    page = _open(module_browser, lab_server, folder, "blind.ipynb", ".sat-blind-item")
    found = {}
    for width, files in WIDTHS:
        _at(page, width, files)
        found[("item", width, files)] = _layout(page, ".sat-blind")
    page.screenshot(path=str(ARTIFACTS / "layout-blind-item.png"))
    for h in document.case.hypotheses:
        page.select_option(f".sat-blind-{h.id} select", "N")
    page.locator(".sat-blind button.sat-blind-next").click()
    page.wait_for_selector(".sat-blind-reveal table", state="visible")
    for width, files in WIDTHS:
        _at(page, width, files)
        found[("reveal", width, files)] = _layout(page, ".sat-blind")
    page.screenshot(path=str(ARTIFACTS / "layout-blind-reveal.png"))
    page.close()
    assert {k: v for k, v in found.items() if v} == {}


def test_the_readers_app_fits_1280_and_1920_px(voila, module_browser):
    page = module_browser.new_page(viewport={"width": 1280, "height": 900})
    page.set_default_timeout(HANG_GUARD * 1000)
    page.goto(voila[0])
    page.wait_for_selector(".sat-matrix td.sat-cell")
    page.wait_for_load_state("networkidle")
    found = {}
    for width in (1280, 1920):
        page.set_viewport_size({"width": width, "height": 900})
        _settled(page)
        found[width] = _layout(page, "#rendered_cells")
        page.screenshot(path=str(ARTIFACTS / f"layout-app-{width}.png"))
    page.close()
    assert {k: v for k, v in found.items() if v} == {}
