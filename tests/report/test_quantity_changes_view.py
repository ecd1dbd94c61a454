"""The quantities' part of a diff's HTML view (``sat.report.tables_quantity_changes``, shown by
``sat.report.tables.diff_html``, the diff notebook and the brief's "What changed"): hand-made
pairs of versions whose figures are worked out in ``tests/test_diff.py`` (the same cells as the
text view), nothing when nothing in the quantities changed, the brief's compact form, and case
text escaped."""

from __future__ import annotations

import dataclasses
import html
import re

import pytest
from hypothesis import HealthCheck, given, settings

import sat
from sat import diff
from sat.analysis import analyse
from sat.report import brief, tables
from sat.report.tables_quantity_changes import quantity_changes_html
from sat.testing import quantity_cases
from tests.techniques.test_ach import make_case
from tests.test_diff import APART, HOW_MANY, numbers
from tests.xss import PAYLOADS


def both(old, new):
    return diff.run(analyse(old), analyse(new))


def _rows(fragment, css: str) -> list[str]:
    """The rows of the table of class ``css``, each as its cells' text joined by " | "."""
    found = re.search(rf'<table class="{css}".*?</table>', str(fragment), re.DOTALL)
    assert found is not None, f"no table {css}"
    out = []
    for row in re.findall(r"<tr\b.*?</tr>", found.group(0), re.DOTALL):
        cells = re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", row, re.DOTALL)
        out.append(" | ".join(html.unescape(c) for c in cells))
    return out


def _text(fragment) -> str:
    """The words a reader sees: tags turned to spaces."""
    return html.unescape(" ".join(re.sub(r"<[^>]+>", " ", str(fragment)).split()))


#: Ana's and Ben's answers to a seed question Q1 (truth 10) and the target Q2 (tests/test_diff.py).
SEEDED = {"Q1": {"question": "How many last year?", "realization": {"value": 10}}, "Q2": HOW_MANY}


def _seeded(ben_on_q1):
    return numbers(
        SEEDED,
        {a: [{"quantity": "Q1", "values": v}, *APART[a]]
         for a, v in (("Ana", [8, 10, 12]), ("Ben", ben_on_q1))},
    )  # fmt: skip


def test_quantities_added_removed_and_changed_and_answers_as_given_as_the_text_shows_them():
    old = numbers(
        {"Q2": HOW_MANY, "Q3": {"question": "How long?"}},
        {"Ana": [*APART["Ana"], {"quantity": "Q3", "values": [1, 2, 3]}], "Ben": APART["Ben"]},
    )
    four = {"lowest": 1, "best": 3, "highest": 5.5, "confidence": 0.8}
    new = numbers(
        {
            "Q2": {**HOW_MANY, "unit": "companies"},
            "Q4": {"question": "How much?", "realization": {"value": 25}},
        },
        {
            "Ana": [*APART["Ana"], {"quantity": "Q4", "values": [10, 20, 30]}],
            "Ben": [{"quantity": "Q2", **four}],
        },
    )
    page = tables.diff_html(both(old, new))
    assert _rows(page, "sat-quantity-change-list") == [
        "Change | Item | Field | Was | Now",
        "quantity added | Q4 |  | – | How much?",
        "quantity removed | Q3 |  | How long? | –",
        "realization added | Q4 | realization | – | 25",
        "quantity changed | Q2 | unit | firms | companies",
    ]
    assert _rows(page, "sat-answer-changes") == [
        "Change | Quantity | Analyst | Round | Was | Now",
        "answer changed | Q2 | Ben | 1 | 6, 7, 8 | lowest 1, best 3, highest 5.5, 80% sure the "
        "truth lies between",
        "answer added | Q4 | Ana | 1 | – | 10, 20, 30",
        "answer removed | Q3 | Ana | 1 | 1, 2, 3 | –",
    ]
    said = _text(page)
    assert "Changes to the quantities:" in said
    assert "Answers, as given (the values at the case's quantiles, or IDEA's four points):" in said
    # the part follows the hypotheses' changes, inside the diff's own block
    assert str(page).index("sat-quantity-changes") > str(page).index("sat-diff")


def test_an_answer_revised_in_round_2_shows_the_combined_estimate_before_and_after():
    # Ben's second round agrees with Ana: the mixture of 2-3-4 and 6-7-8 (median 5, 5% 2.09434,
    # 95% 7.90566, worked in tests/test_diff.py) becomes 2-3-4
    again = {"Ana": APART["Ana"], "Ben": [*APART["Ben"], {"quantity": "Q2", "round": 2,
                                                           "values": [2, 3, 4]}]}  # fmt: skip
    result = both(numbers({"Q2": HOW_MANY}, APART), numbers({"Q2": HOW_MANY}, again))
    page = tables.diff_html(result)
    assert "sat-quantity-change-list" not in str(page)  # no quantity changed, an answer did
    assert _rows(page, "sat-answer-changes")[1:] == ["answer added | Q2 | Ben | 2 | – | 2, 3, 4"]
    assert _rows(page, "sat-estimate-changes") == [
        "Target | Weights | Was: median | low | high | Now: median | low | high",
        "Q2 | equal | 5 | 2.09 | 7.91 | 3 | 2 | 4",
    ]
    assert (
        "The combined estimate of each target of both versions, before and after (median; low and "
        "high: the 5% and 95% quantiles; equal weights, and performance weights where both "
        "versions weigh the analysts):"
    ) in _text(page)
    assert "sat-weight-changes" not in str(page)  # no seed question: nobody is weighed
    # the brief's form: the answers counted by analyst, each estimate in one cell
    short = tables.diff_html(result, compact=True)
    assert "sat-answer-changes" not in str(short)
    assert _rows(short, "sat-answer-counts") == ["Analyst | added", "Ben | 1"]
    assert "Answers to the quantities added, by analyst:" in _text(short)
    assert _rows(short, "sat-estimate-changes") == [
        "Target | Weights | Was | Now",
        "Q2 | equal | 5 (2.09–7.91) | 3 (2–4)",
    ]


def test_weights_and_the_weighted_estimate_before_and_after_where_both_versions_weigh():
    # Before, Ben's 1-2-3 misses the seed's truth 10: Ana alone is weighed and her 2-3-4 is the
    # weighted estimate of Q2; after, Ben's 9-11-13 mirrors Ana's 8-10-12: half the weight each,
    # and the weighted estimate is the equal-weight mixture (tests/test_diff.py works it out)
    result = both(_seeded([1, 2, 3]), _seeded([9, 11, 13]))
    page = tables.diff_html(result)
    assert _rows(page, "sat-estimate-changes")[1:] == [
        "Q2 | equal | 5 | 2.09 | 7.91 | 5 | 2.09 | 7.91",
        "Q2 | performance | 3 | 2 | 4 | 5 | 2.09 | 7.91",
    ]
    assert _rows(page, "sat-weight-changes") == [
        "Analyst | Was | Now",
        "Ana | 100% | 50%",
        "Ben | 0% | 50%",
    ]
    assert "Each analyst's weight, earned on the seed questions, before and after:" in _text(page)
    # compact: only what moved (the equal-weight estimate did not)
    short = tables.diff_html(result, compact=True)
    assert _rows(short, "sat-estimate-changes")[1:] == [
        "Q2 | performance | 3 (2–4) | 5 (2.09–7.91)"
    ]
    assert _rows(short, "sat-answer-counts") == ["Analyst | changed", "Ben | 1"]
    assert _rows(short, "sat-weight-changes")[1:] == ["Ana | 100% | 50%", "Ben | 0% | 50%"]
    assert "Analysts' weights that moved, earned on the seed questions:" in _text(short)


def test_compact_leaves_out_the_weights_and_estimates_that_did_not_move():
    # Ana's answer to the target changes; the seed answers, so the weights, do not
    old = _seeded([9, 11, 13])
    ana = [{"quantity": "Q1", "values": [8, 10, 12]}, {"quantity": "Q2", "values": [6, 7, 8]}]
    new = old.model_copy(update={"quantity_estimates": {**old.quantity_estimates, "Ana": ana}})
    new = type(old).model_validate(new.model_dump())
    result = both(old, new)
    short = tables.diff_html(result, compact=True)
    assert "sat-weight-changes" not in str(short)
    assert _rows(short, "sat-estimate-changes")[1:] == [
        "Q2 | equal | 5 (2.09–7.91) | 7 (6–8)",
        "Q2 | performance | 5 (2.09–7.91) | 7 (6–8)",
    ]
    assert _rows(tables.diff_html(result), "sat-weight-changes")[1:] == [
        "Ana | 50% | 50%",
        "Ben | 50% | 50%",
    ]


def test_the_quantiles_changed_are_listed_and_the_ends_named_before_and_after():
    new = numbers({"Q2": HOW_MANY}, APART, quantiles=[0.1, 0.5, 0.9])
    result = both(numbers({"Q2": HOW_MANY}, APART), new)
    page = tables.diff_html(result)
    assert _rows(page, "sat-quantity-change-list")[1:] == [
        "quantiles changed |  | quantiles | 5%, 50%, 95% | 10%, 50%, 90%"
    ]
    assert "low and high: the 5% and 95% quantiles before, the 10% and 90% quantiles after;" in (
        _text(page)
    )
    assert "in brackets the range between the 5% and 95% quantiles before, the 10% and 90% " in (
        _text(tables.diff_html(result, compact=True))
    )


def test_nothing_is_added_when_neither_version_has_quantities_or_nothing_in_them_changed():
    plain = both(make_case([["C", "I"]]), make_case([["I", "I"]]))
    assert plain.quantities is None
    page = str(tables.diff_html(plain))
    assert "quantit" not in page.lower() and page.endswith("+1.00</p>\n</div>")
    assert str(tables.diff_html(plain, compact=True)) == page
    case = numbers({"Q2": HOW_MANY}, APART)
    unchanged = both(case, case)
    assert unchanged.quantities is not None and not unchanged.quantities.changed
    assert str(quantity_changes_html(unchanged.quantities)) == ""
    assert str(tables.diff_html(unchanged)) == str(
        tables.diff_html(dataclasses.replace(unchanged, quantities=None))
    )


def test_the_brief_shows_the_quantities_part_compact_only_when_they_changed(example_case):
    from sat.paths import DATA

    earlier = str(DATA / "history" / "china-japan-dual-use-2026.2026-01-08.yaml")
    section = brief.changes_section(sat.diff.changes(sat.analyse(example_case, previous=earlier)))
    # the earlier version asked for no quantities: the five are added, three of them seeds
    assert [r.split(" | ")[:2] for r in _rows(section, "sat-quantity-change-list")[1:]] == [
        ["quantity added", q] for q in ("Q1", "Q2", "Q3", "Q4", "Q5")
    ] + [["realization added", q] for q in ("Q1", "Q2", "Q3")]
    assert _rows(section, "sat-answer-counts") == [
        "Analyst | added",
        "Analyst A | 7",
        "Analyst B | 7",
        "Analyst C | 6",
    ]
    assert "sat-answer-changes" not in str(section)
    # no target of both versions, no version weighing the analysts before: nothing moved
    assert "sat-estimate-changes" not in str(section) and "sat-weight-changes" not in str(section)
    same = brief.changes_section(sat.diff.changes(sat.analyse(example_case, previous=example_case)))
    assert "What changed since the last version" in same and "sat-quantity-changes" not in same


FORMULA = "=cmd|' /C calc'!A0"


@pytest.mark.parametrize("payload", [*PAYLOADS[:9], FORMULA])
def test_questions_analysts_and_units_come_out_escaped(payload):
    analysts = (payload, "Ben")

    def version(question, unit, label, q1):
        from sat.case import Case

        return Case(
            id="t",
            title="t",
            question="?",
            date="2026-01-01",
            analysts=list(analysts),
            hypotheses=[{"id": h, "label": h, "statement": h} for h in ("H1", "H2")],
            evidence=[{"id": "E1", "summary": "s", "ratings": {"H1": "C", "H2": "I"}}],
            quantities=[
                {"id": "Q1", "question": "Seed?", "realization": {"value": 10}},
                {"id": "Q2", "question": question, "unit": unit, "label": label},
            ],
            quantity_estimates={
                payload: [{"quantity": "Q1", "values": q1}, *APART["Ana"]],
                "Ben": [{"quantity": "Q1", "values": [9, 11, 13]}, *APART["Ben"]],
            },
        )

    old = version("How many?", "firms", "Firms", [1, 2, 3])
    result = both(old, version(payload, payload, payload[:80], [8, 10, 12]))
    escaped = html.escape(payload, quote=True).replace("&#x27;", "&#39;").replace("&quot;", "&#34;")
    for page in (str(tables.diff_html(result)), str(tables.diff_html(result, compact=True))):
        part = page[page.index('<div class="sat-quantity-changes">') :]
        assert "<" not in re.sub(r"</?(div|p|table|thead|tbody|tr|th|td)\b[^>]*>", "", part)
        assert escaped in part
        assert f'<td style="padding:3px">{escaped}</td>' in part  # the analyst, in a cell
    full = _rows(tables.diff_html(result), "sat-quantity-change-list")[1:]
    assert f"quantity changed | Q2 | question | How many? | {payload}" in full
    assert f"quantity changed | Q2 | unit | firms | {payload}" in full
    assert f"quantity changed | Q2 | label | Firms | {payload[:80]}" in full


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quantity_cases())
def test_over_generated_cases_every_change_is_a_row_and_nothing_missing_is_shown(case):
    same = both(case, case)
    assert str(tables.diff_html(same)) == str(
        tables.diff_html(dataclasses.replace(same, quantities=None))
    )
    # the first analyst's answers withdrawn: each is a row removed; the numbers move or stay
    first = next(iter(case.quantity_estimates), None)
    fewer = case.model_copy(
        update={
            "quantity_estimates": {a: v for a, v in case.quantity_estimates.items() if a != first}
        }
    )
    for old, new in ((case, fewer), (fewer, case)):
        found = both(old, new)
        changes = found.quantities
        page, short = tables.diff_html(found), tables.diff_html(found, compact=True)
        for view in (page, short):
            said = _text(view)
            assert not re.search(r"\b(nan|None|inf)\b", said), said
        if not changes.changed:
            assert "sat-quantity-changes" not in str(page) + str(short)
            continue
        assert len(_rows(page, "sat-answer-changes")) == len(changes.answers) + 1
        counts = [r.split(" | ")[1:] for r in _rows(short, "sat-answer-counts")[1:]]
        assert sum(int(n) for row in counts for n in row) == len(changes.answers)
        estimates = changes.estimates
        if estimates.empty:
            assert "sat-estimate-changes" not in str(page) + str(short)
        else:
            assert len(_rows(page, "sat-estimate-changes")) == len(estimates) + 1
        if "sat-estimate-changes" in str(short):
            for row in _rows(short, "sat-estimate-changes")[1:]:
                _, _, was, now = row.split(" | ")
                assert was != now
        weights = changes.weights
        assert ("sat-weight-changes" in str(page)) == (not weights.empty)
