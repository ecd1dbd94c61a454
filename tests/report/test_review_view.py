"""The HTML view of ``sat review`` (``sat.report.tables.review_html``): each finding under where it
stands, those stronger than the analysis marked, and every text from the case escaped."""

import pytest

import sat
from sat.case import KeyJudgement
from sat.report.tables import review_html
from tests.report.test_injection import _audited, hostile_loaded  # noqa: F401 (a fixture)
from tests.xss import PAYLOADS

STRONG = "Coercion over Taiwan is almost certainly the driver, and we have high confidence."


def _with_judgement(case, text, about="H1", ident="KJ1"):
    judgement = KeyJudgement(id=ident, text=text, about=about)
    return case.model_copy(update={"key_judgements": (judgement, *case.key_judgements[1:])})


def test_each_finding_stands_under_its_key_judgement_and_the_stronger_are_marked(example_case):
    analysis = sat.analyse(_with_judgement(example_case, STRONG))
    html = str(review_html(analysis.review, analysis=analysis))
    assert "<b>key judgement KJ1</b>" in html
    # "almost certainly" (95-100%) against H1 at 27% to 41%, and high confidence against low:
    # both stronger than the analysis; confidence said beside likelihood is a note
    assert html.count('class="sat-finding sat-outruns"') == 2
    assert html.count('class="sat-finding"') == 1
    assert 'data-kind="review.outruns"' in html


def test_without_the_analysis_a_place_is_the_case_files_path(example_case):
    analysis = sat.analyse(_with_judgement(example_case, STRONG))
    html = str(review_html(analysis.review))
    assert "<b>key_judgements[0]</b>" in html and "(no id)" not in html


def test_a_clean_review_says_so_in_one_sentence(example_case):
    analysis = sat.analyse(example_case)
    html = str(review_html(analysis.review, analysis=analysis))
    assert 'data-kind="review.clean"' in html and "sat-finding" not in html


@pytest.mark.parametrize("payload", PAYLOADS[:8])
def test_hostile_text_in_the_words_reviewed_renders_inert(hostile_loaded, payload):  # noqa: F811
    _, case = hostile_loaded
    h = case.hypotheses[0].id
    analysis = sat.analyse(_with_judgement(case, f"{payload} It is almost certain.", h))
    html = str(review_html(analysis.review, analysis=analysis))
    assert _audited(html) == []
    assert "sat-finding" in html  # the words were read and found
