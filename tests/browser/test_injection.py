"""The hostile brief opened in a real Chromium: no dialog fires, no script runs, nothing is fetched."""

import yaml

from sat.report import render
from tests.browser.conftest import ARTIFACTS
from tests.xss import hostile_case


def test_no_payload_runs_in_a_real_browser(browser, tmp_path):
    case = tmp_path / "xss.yaml"
    case.write_text(yaml.safe_dump(hostile_case(), allow_unicode=True))
    html = render.render_brief(case, tmp_path / "out").html
    page = browser.new_page()
    dialogs, requests = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(html.as_uri())
    page.wait_for_load_state("load")
    page.mouse.move(200, 200)
    page.mouse.move(400, 600)
    page.wait_for_timeout(500)
    page.screenshot(path=str(ARTIFACTS / "hostile-brief.png"))
    assert dialogs == []
    assert page.evaluate("() => document.querySelectorAll('script').length") == 0
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
