"""The notebook views of a team's numbers: ``quantities_html``, ``experts_html`` and
``earned_html`` (``sat.report.tables``), on the example case and on small hand-made cases whose
figures are worked out by hand; in every situation they must stay true (nobody answered a
quantity, one analyst, nobody earned a weight, nothing resolved), and case text comes out
escaped."""

from __future__ import annotations

import html
import re

import pytest

import sat
from sat.analysis import earn_weights
from sat.case import Case
from sat.io.register import Entry
from sat.models.study import Item, Study
from sat.report import display, tables
from sat.techniques import experts
from tests.xss import PAYLOADS

HYPOTHESES = [
    {"id": "H1", "label": "a", "statement": "A."},
    {"id": "H2", "label": "b", "statement": "B."},
]


def _case(quantities, estimates, analysts=("Ana", "Ben")) -> Case:
    return Case(
        id="q",
        title="Q",
        question="How many?",
        date="2026-01-01",
        analysts=list(analysts),
        hypotheses=HYPOTHESES,
        quantities=quantities,
        quantity_estimates=estimates,
    )


#: How a range chart appears on a page: an embedded PNG, as every chart of sat's pages.
CHART = '<img src="data:image/png;base64,'


def _text(fragment) -> str:
    """The HTML without its drawings, tags turned to spaces: the words and numbers a reader sees."""
    html = re.sub(r"<svg\b.*?</svg>", " ", str(fragment), flags=re.DOTALL)
    return " ".join(re.sub(r"<[^>]+>", " ", html).split())


def _rows(fragment, css: str) -> list[str]:
    """The rows of the table of class ``css``, each as its cells' text joined by " | "."""
    table = re.search(rf'<table class="{css}".*?</table>', str(fragment), re.DOTALL).group(0)
    out = []
    for row in re.findall(r"<tr\b.*?</tr>", table, re.DOTALL):
        cells = re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", row, re.DOTALL)
        out.append(" | ".join(" ".join(re.sub(r"<[^>]+>", " ", c).split()) for c in cells).strip())
    return out


# --- quantities ---------------------------------------------------------------------------------


def test_two_analysts_and_their_equal_weight_combination_worked_by_hand():
    # background range [1.4, 8.6]; at 2.0943 Ana's CDF is 0.05 + 0.45 * 0.0943 and Ben's
    # 0.05 * 0.6943 / 4.6: their mean is 0.05. The median is 5 by symmetry.
    case = _case(
        [{"id": "Q1", "label": "Firms", "question": "How many firms?", "unit": "firms"}],
        {
            "Ana": [{"quantity": "Q1", "values": [2, 3, 4]}],
            "Ben": [{"quantity": "Q1", "values": [6, 7, 8]}],
        },
    )
    analysis = sat.analyse(case)
    html = tables.quantities_html(analysis.quantities, analysis=analysis)
    assert _rows(html, "sat-quantity-table") == [
        "Analyst | 5% | 50% | 95% | Four points (lowest, best, highest, confidence)",
        "Ana | 2 | 3 | 4 | –",
        "Ben | 6 | 7 | 8 | –",
        "Equal weights | 2.094 | 5 | 7.906 |",
    ]
    words = _text(html)
    assert "Q1 Firms · target · unit: firms" in words and "How many firms?" in words
    assert "seeds: 0 · targets: 1" in words
    assert str(html).count(CHART) == 1 and 'alt="Range chart of Firms: How many firms?' in str(html)


def test_without_the_analysis_the_view_shows_ids_questions_and_the_numbers():
    case = _case(
        [{"id": "Q1", "label": "Firms", "question": "How many firms?", "unit": "firms"}],
        {"Ana": [{"quantity": "Q1", "lowest": 2, "best": 4, "highest": 8, "confidence": 0.8}]},
        analysts=("Ana",),
    )
    html = display.html(sat.analyse(case).quantities)  # what a notebook shows of the bare result
    words = _text(html)
    assert "Q1 · target" in words and "unit:" not in words and "Firms" not in words
    # 4 - 2 * 0.9 / 0.8 and 4 + 4 * 0.9 / 0.8: the four points widened to 5 and 95%
    assert "Ana | 1.75 | 4 | 8.5 | given as four points" in _rows(html, "sat-quantity-table")


def test_the_example_case_shows_the_four_points_of_an_idea_answer_beside_its_quantiles(
    example_case,
):
    analysis = sat.analyse(example_case)
    html = tables.quantities_html(analysis.quantities, analysis=analysis)
    first = str(html).split('data-quantity="Q2"')[0]
    words = _text(first)
    assert "Q1 Defence budget · seed (true value 57.8) · unit: billion US dollars" in words
    rows = _rows(first, "sat-quantity-table")
    # lowest 52, best 58, highest 64 at 80%: 58 -/+ 6 * 0.9 / 0.8
    assert "Analyst C | 51.25 | 58 | 64.75 | 52, 58, 64, 80%" in rows
    assert "Analyst A | 50 | 56 | 62 | –" in rows
    assert str(html).count(CHART) == len(example_case.quantities)


def test_a_quantity_nobody_answered_has_no_combination_and_says_so():
    case = _case(
        [
            {"id": "Q1", "question": "How many?", "realization": {"value": 3}},
            {"id": "Q2", "question": "How long?"},
        ],
        {"Ana": [{"quantity": "Q1", "values": [2, 3, 4]}]},
        analysts=("Ana",),
    )
    analysis = sat.analyse(case)
    html = tables.quantities_html(analysis.quantities, analysis=analysis)
    second = str(html).split('data-quantity="Q2"')[1]
    assert _rows(second, "sat-quantity-table")[1:] == ["Equal weights | – | – | – | no answers"]
    assert "nan" not in _text(html).lower()


# --- experts --------------------------------------------------------------------------------------

#: Two experts, two seeds. A's truths fall in bins 3 and 2: s = (0, .5, .5, 0), I = ln(1/0.9) =
#: 0.10536, 2NI = 0.42144, and the chi-square tail on 3 degrees of freedom is 0.9358. B's fall
#: in bins 2 and 4: I = 0.5 ln(0.5/0.45) + 0.5 ln(0.5/0.05) = 1.20397, 2NI = 4.8159, tail 0.1858.
TWO = Study(
    (0.05, 0.5, 0.95),
    (Item("Q1", realization=2.5), Item("Q2", realization=9.0), Item("Q3")),
    ("A", "B"),
    (
        ((1.0, 2.0, 3.0), (8.0, 10.0, 12.0), (1.0, 2.0, 3.0)),
        ((0.0, 5.0, 6.0), (0.0, 2.0, 4.0), (2.0, 3.0, 4.0)),
    ),
)


def test_each_analysts_calibration_worked_by_hand_and_the_decision_makers():
    result = experts.run(TWO)
    html = tables.experts_html(result)
    rows = _rows(html, "sat-experts-table")
    assert rows[1].startswith("A | 2 | 0.936 |") and rows[2].startswith("B | 2 | 0.186 |")
    dms = _rows(html, "sat-decision-makers")
    assert dms[1].startswith("Equal weights | – |")
    assert dms[2].startswith(f"Performance weights | {result.optimised.alpha:.3g} (optimised) |")
    targets = _rows(html, "sat-experts-targets")
    assert targets[1].startswith("Q3 | Equal weights |") and targets[2].startswith(
        "Performance weights |"
    )
    assert "N (fewest seeds an analyst answered): 2" in _text(html)
    assert str(html).count(CHART) == 3  # a chart per quantity, with the decision makers


def test_a_zero_weight_is_marked_and_a_fixed_alpha_is_said_to_be_given():
    result = experts.run(TWO, alpha=0.5)  # B (0.186) falls below it
    html = str(tables.experts_html(result))
    weights = re.findall(r'<td class="sat-weight( sat-zero-weight)?"[^>]*>(.*?)</td>', html)
    assert weights == [("", "<b>1.000</b>"), (" sat-zero-weight", "0")]
    assert "0.5 (given)" in html


def test_one_analyst_carries_all_the_weight():
    one = Study(TWO.probabilities, TWO.items, ("A",), TWO.answers[:1])
    html = tables.experts_html(experts.run(one))
    assert _rows(html, "sat-experts-table")[1].endswith("| 1.000") and "sat-zero-weight" not in str(
        html
    )


def test_a_target_nobody_answered_shows_dashes_not_nan():
    study = Study(
        TWO.probabilities,
        (*TWO.items, Item("Q4")),
        TWO.experts,
        tuple((*row, None) for row in TWO.answers),
    )
    html = tables.experts_html(experts.run(study))
    targets = _rows(html, "sat-experts-targets")
    assert targets[3:5] == ["Q4 | Equal weights | – | – | –", "Performance weights | – | – | –"]
    assert "nan" not in _text(html).lower()


def test_the_example_case_weighs_its_three_analysts(example_case):
    analysis = sat.analyse(example_case)
    result = analysis.experts
    html = tables.experts_html(result, analysis=analysis)
    rows = _rows(html, "sat-experts-table")
    assert [r.split(" | ")[0] for r in rows[1:]] == ["Analyst A", "Analyst B", "Analyst C"]
    for row, w in zip(rows[1:], result.optimised.weights, strict=True):
        assert row.endswith(f"| {w:.3f}" if w > 0 else "| 0")
    targets = _rows(html, "sat-experts-targets")
    assert targets[1].startswith("Q4 Firms named by 30 June (companies) | Equal weights |")
    assert str(html).count(CHART) == len(result.items)
    assert "Performance weights (alpha" in str(html)  # the cut-off beside the charts


# --- earned ---------------------------------------------------------------------------------------


def _said(ident, who, p, outcome):
    return Entry(ident, 1, "c", "v", who, "hypothesis", "s", p, "", None, None, outcome)


def test_earned_weights_worked_by_hand():
    # both came true; A said 0.9 and 0.8, B 0.5 and 0.6. Pools 0.7 (Brier 0.09 each). Gains:
    # A 0.16 and 0.07 (mean 0.115), B -0.08 and -0.05 (-0.065): A earns all the weight. Held
    # back in turn, each judgement is pooled with A's weight alone: 0.9 (0.01), 0.8 (0.04).
    result = earn_weights(
        [
            _said("J1", "A", 0.9, 1),
            _said("J1", "B", 0.5, 1),
            _said("J2", "A", 0.8, 1),
            _said("J2", "B", 0.6, 1),
        ]
    )
    html = tables.earned_html(result)
    assert _rows(html, "sat-earned-table")[1:] == [
        "A | 2 | 2 | 0.025 | +0.115 | 1.000",
        "B | 2 | 2 | 0.205 | -0.065 | 0",
    ]
    words = _text(html)
    assert "Resolved judgements: 2 · forecast by two or more: 2" in words
    assert "weights earned: none" not in words
    assert (
        "judgements held back: 2 · Brier, equal weights: 0.090 · Brier, earned weights: 0.025 · "
        "earned weights better: 2, worse: 0, same: 0" in words
    )


def test_nobody_earns_a_weight_when_nobody_shares_a_judgement():
    result = earn_weights(
        [_said("J1", "A", 0.9, 1), _said("J2", "B", 0.3, 0), _said("J3", "A", 0.6, None)]
    )
    words = _text(tables.earned_html(result))
    assert "Resolved judgements: 2 · forecast by two or more: 0 · weights earned: none" in words
    assert "A | 1 | 0 | 0.010 | – | 0" in _rows(tables.earned_html(result), "sat-earned-table")
    assert "Leave-one-out: no judgement forecast by two or more" in words


def test_nothing_resolved():
    html = display.html(earn_weights([]))
    assert "sat-earned-table" not in html
    assert "Resolved judgements: 0" in _text(html)


# --- escaping -------------------------------------------------------------------------------------


@pytest.mark.parametrize("payload", PAYLOADS)
def test_case_text_comes_out_escaped(payload):
    case = _case(
        [
            {
                "id": "Q1",
                "label": payload[:80],
                "question": payload,
                "unit": payload[:40],
                "realization": {"value": 3},
            },
            {"id": "Q2", "label": payload[:80], "question": payload, "unit": payload[:40]},
        ],
        {
            payload: [
                {"quantity": "Q1", "values": [2, 3, 4]},
                {"quantity": "Q2", "lowest": 1, "best": 2, "highest": 3, "confidence": 0.9},
            ],
            "Ben": [
                {"quantity": "Q1", "values": [1, 2, 5]},
                {"quantity": "Q2", "values": [2, 3, 4]},
            ],
        },
        analysts=(payload, "Ben"),
    )
    analysis = sat.analyse(case)
    for page in (
        str(tables.quantities_html(analysis.quantities, analysis=analysis)),
        str(tables.experts_html(analysis.experts, analysis=analysis)),
    ):
        assert page.count(CHART) == 2  # a PNG each: no markup of the chart's own on the page
        words = re.sub(r"<svg\b.*?</svg>", "", page, flags=re.DOTALL)
        assert "<" not in re.sub(
            r"</?(div|p|b|figure|img|table|thead|tbody|tr|th|td)\b[^>]*>", "", words
        )
        assert html.escape(payload, quote=False).replace("'", "&#39;") in words.replace(
            "&#34;", '"'
        )
