"""The hostile brief opened in a real Chromium: no dialog fires, no script runs, nothing is fetched."""

from tests.browser.conftest import ARTIFACTS


def test_no_payload_runs_in_a_real_browser(browser, hostile_brief):
    # the hostile case rendered once for these and the HTML audits (tests/conftest.py)
    _opened_inert(browser, hostile_brief.html, "hostile-brief.png")


def _opened_inert(browser, path, screenshot):
    page = browser.new_page()
    dialogs, requests = [], []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.on("request", lambda request: requests.append(request.url))
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    page.mouse.move(200, 200)
    page.mouse.move(400, 600)
    # a round trip through the page's event loop: whatever the moves set off has run (an alert
    # holds the page until the handler above dismisses it), however busy the machine
    page.evaluate("() => new Promise(done => requestAnimationFrame(() => setTimeout(done, 0)))")
    page.screenshot(path=str(ARTIFACTS / screenshot), full_page=False)
    assert dialogs == []
    assert page.evaluate("() => document.querySelectorAll('script').length") == 0
    # nothing that could run later either: no element carries an event handler
    handlers = page.evaluate(
        "() => [...document.querySelectorAll('*')].flatMap(e => [...e.attributes]"
        ".filter(a => /^on/i.test(a.name)).map(a => `${e.tagName} ${a.name}`))"
    )
    assert handlers == []
    assert [url for url in requests if not url.startswith(("file:", "data:"))] == []
    page.close()


def test_the_batch_index_is_inert_in_a_real_browser(browser, tmp_path):
    from sat.run.batch import write_index
    from tests.xss import hostile_outcomes

    _opened_inert(browser, write_index(hostile_outcomes(tmp_path), tmp_path), "hostile-index.png")


def _pdf_objects(data: bytes) -> bytes:
    """The PDF's bytes followed by every Flate stream decompressed (where actions could hide)."""
    import re
    import zlib

    parts = [data]
    for match in re.finditer(rb"stream\r?\n", data):
        try:
            parts.append(zlib.decompressobj().decompress(data[match.end() : match.end() + 2**24]))
        except zlib.error:
            continue
    return b"\n".join(parts)


def test_the_hostile_brief_prints_to_a_pdf_without_actions(chromium, hostile_brief):
    import re

    pdf = hostile_brief.pdf  # printed since Chromium is installed (the chromium fixture)
    assert pdf is not None and pdf.is_file()
    content = _pdf_objects(pdf.read_bytes())
    for action in (b"/JavaScript", b"/JS ", b"/JS(", b"/Launch", b"/SubmitForm", b"/ImportData"):
        assert action not in content, action
    uris = re.findall(rb"/URI\s*\(([^)]*)\)", content)
    assert all(u.lower().startswith((b"http:", b"https:", b"mailto:")) for u in uris), uris
