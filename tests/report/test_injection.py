"""Every text field carries a hostile payload; the rendered brief stays inert (parsed with a real HTML parser)."""

import dataclasses
from html.parser import HTMLParser

import pytest
import yaml

import sat
from tests.conftest import HOSTILE_FOLDER, HOSTILE_NAME
from tests.xss import PAYLOADS, hostile_case, stored_text

DANGEROUS_TAGS = {
    "script",
    "iframe",
    "object",
    "embed",
    "svg",
    "math",
    "form",
    "base",
    "link",
    "input",
    "video",
    "details",
    "marquee",
    "template",
    "body",
}


class _Audit(HTMLParser):
    def __init__(self):
        super().__init__()
        self.tags, self.problems = [], []

    def handle_starttag(self, tag, attrs):
        own = tag == "details" and (dict(attrs).get("class") or "").startswith("sat-evidence-")
        self.tags.append("sat-details" if own else tag)  # the workbook's own expandable rows
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"event handler {name} on <{tag}>")
            if (
                name in ("href", "src", "action")
                and value
                and value.strip().lower().startswith(("javascript:", "data:text"))
            ):
                self.problems.append(f"{name}={value[:30]} on <{tag}>")
            if tag == "img" and name == "src" and not value.startswith("data:image/png;base64,"):
                self.problems.append(f"an image not drawn by sat: {value[:30]}")
        if tag == "meta" and dict(attrs).get("http-equiv", "").lower() == "refresh":
            self.problems.append("a meta refresh")


def test_corpus_is_large_enough():
    assert len(set(PAYLOADS)) >= 30


def test_hostile_text_renders_inert(hostile_brief):
    html = hostile_brief.html.read_text(encoding="utf-8")
    audit = _Audit()
    audit.feed(html)
    assert audit.problems == []
    assert not (DANGEROUS_TAGS - {"body"}) & set(audit.tags)
    assert audit.tags.count("body") == 1
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, not run
    assert 'class="sat-quote"' in html  # the quote, from the stored text, is shown too
    assert "Content-Security-Policy" in html


def test_a_case_path_cannot_inject_code_into_the_notebook(hostile_brief):
    # the hostile brief's folder and file are named to break out of the parameters cell: had the
    # path been pasted into code, the notebook would stop with SystemExit and the render would fail
    assert HOSTILE_FOLDER in hostile_brief.case_path and HOSTILE_NAME in hostile_brief.case_path
    html = hostile_brief.html.read_text(encoding="utf-8")
    assert "Bottom line up front" in html
    assert (
        "x&#34;; raise SystemExit(&#34;pwned&#34;) #.yaml" in html
    )  # shown, escaped, in the footer


def test_the_batch_index_renders_hostile_summaries_and_errors_inert(tmp_path):
    import dataclasses

    from sat.run.batch import write_index
    from sat.testing import synthetic_entries
    from tests.xss import PAYLOADS, hostile_outcomes

    register = [  # a register whose every text shown carries a payload; half resolved, half open
        dataclasses.replace(e, id=p, analyst=p, statement=p, criterion=p)
        for e, p in zip(
            synthetic_entries(len(PAYLOADS), (("A", 0.0, 1.0),), open_share=0.5, seed=3),
            PAYLOADS,
            strict=True,
        )
    ]
    html = write_index(hostile_outcomes(tmp_path), tmp_path, register).read_text(encoding="utf-8")
    audit = _Audit()
    audit.feed(html)
    assert audit.problems == []
    assert not (DANGEROUS_TAGS - {"body"}) & set(audit.tags)
    assert audit.tags.count("body") == 1
    assert html.count("&lt;script&gt;alert(1)&lt;/script&gt;") >= 5  # title, leader, error, ...
    assert "Content-Security-Policy" in html


@pytest.fixture(scope="module")
def hostile_loaded(tmp_path_factory):
    import sat

    folder = tmp_path_factory.mktemp("xss-displays")
    path = folder / "xss.yaml"
    path.write_text(yaml.safe_dump(hostile_case(), allow_unicode=True))
    (folder / "s1.txt").write_text(stored_text(), encoding="utf-8")  # quotes and candidates shown
    return path, sat.load_case(path)


def _audited(html: str) -> list[str]:
    audit = _Audit()
    audit.feed(html)
    dangerous = (DANGEROUS_TAGS - {"body"}) & set(audit.tags)
    return audit.problems + [f"<{tag}> element" for tag in sorted(dangerous)]


def test_every_notebook_display_renders_hostile_text_inert(hostile_loaded):
    """What the technique notebooks show (each result's HTML view) on the hostile case."""
    from sat.analysis import TECHNIQUES
    from sat.report.display import VIEWS, html

    _, case = hostile_loaded
    analysis = sat.analyse(case)
    shown = {name: getattr(analysis, name) for name in TECHNIQUES}
    shown["diff"] = sat.diff.run(analysis, sat.analyse(case))
    shown["judgements"] = analysis.judgements  # H1's criterion is a payload
    import dataclasses

    from sat.techniques import calibration
    from sat.testing import synthetic_entries

    entries = [
        dataclasses.replace(e, analyst=case.analysts[0])
        for e in synthetic_entries(20, (("A", 0.0, 1.0),), seed=1)
    ]
    shown["calibration"] = calibration.run(entries, fit=True)
    shown["earned"] = sat.analysis.earn_weights(entries)  # a hostile forecaster's name
    viewed = 0
    for name, result in shown.items():
        if (type(result).__module__, type(result).__name__) in VIEWS:
            assert _audited(html(result)) == [], name
            viewed += 1
    assert viewed == len(VIEWS)


def test_the_workbook_widgets_render_hostile_text_inert(hostile_loaded):
    from sat.widgets import Workbook

    path, _ = hostile_loaded
    workbook = Workbook(path)
    seen, texts = set(), []
    todo = [workbook.widget]
    while todo:
        widget = todo.pop()
        if id(widget) in seen:
            continue
        seen.add(id(widget))
        todo.extend(getattr(widget, "children", ()))
        if widget.__class__.__name__ in ("HTML", "HTMLMath") and isinstance(widget.value, str):
            texts.append(widget.value)
    assert len(texts) > 5
    for html in texts:
        assert _audited(html) == []


def test_a_right_to_left_override_in_case_text_is_isolated_where_it_is_printed(tmp_path):
    from sat.report.html import render
    from sat.run.batch import write_index
    from sat.testing import synthetic_entries

    rlo = "evil\u202etxt.exe"
    page = str(render("section.html.j2", title=rlo, css_class="", body=""))
    assert "\u2068evil\u202etxt.exe\u2069" in page  # its effect ends where the value does
    assert "\u2068" not in str(render("section.html.j2", title="plain", css_class="", body=""))
    entries = [
        dataclasses.replace(e, statement=rlo, criterion=rlo)
        for e in synthetic_entries(3, (("A", 0.0, 1.0),), open_share=1.0, seed=1)
    ]
    index = write_index([], tmp_path, entries).read_text(encoding="utf-8")
    assert index.count("\u2068evil\u202etxt.exe\u2069") == 2 * len(entries)
