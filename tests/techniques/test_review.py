"""The review technique: which texts are read, what each sentence is checked against."""

from __future__ import annotations

from functools import cache

import sat
from sat.case import Case
from sat.paths import EXAMPLE_CASE
from sat.techniques import review


@cache
def _example() -> sat.Analysis:
    return sat.analyse(sat.load_case(EXAMPLE_CASE))


def _with(**fields) -> sat.Analysis:
    a = _example()
    return sat.analyse(a.full.model_copy(update=fields))


def _judgements(*items) -> tuple:
    from sat.case import KeyJudgement

    return tuple(KeyJudgement(**i) for i in items)


def test_a_key_judgement_is_checked_against_what_it_is_about():
    a = _example()
    lo, hi = (float(a.bayes.hypotheses.loc["H1", c]) for c in ("posterior_low", "posterior_high"))
    assert 0.2 < lo < hi < 0.45  # unlikely (20-45%) holds across the tables; likely does not
    b = _with(
        key_judgements=_judgements({"text": "Beijing is likely coercing Tokyo.", "about": "H1"})
    )
    (kj,) = b.review.judgements
    assert [(f.check, f.relation) for f in kj.findings] == [("likelihood", "stronger")]
    assert kj.stronger and b.review.stronger
    c = _with(
        key_judgements=_judgements({"text": "Coercion is unlikely on its own.", "about": "H1"})
    )
    assert [f.relation for f in c.review.judgements[0].findings] == ["inside"]
    assert not c.review.stronger


def test_events_and_scenarios_are_checked_against_their_probability():
    a = _with(
        key_judgements=_judgements(
            {"text": "The controls will almost certainly stay until APEC.", "about": "X1"},
            {"text": "They probably widen before APEC.", "about": "X2"},  # given X1
        )
    )
    first, second = a.review.judgements
    p = a.case.events[0].probability
    assert first.findings[0].figures.range == (p, p) == (0.75, 0.75)
    assert first.findings[0].relation == "stronger"  # 95-100% against 75%
    assert second.findings[0].relation == "unchecked"
    assert second.findings[0].figures.why == "conditional"


def test_other_texts_are_checked_against_the_one_hypothesis_a_sentence_names():
    a = _example()
    text = (
        "Coercion over Taiwan is almost certainly the motive. Supply is likely at risk. "
        "H1 and H4 are both likely."
    )
    case = a.full.model_copy(update={"summary": text})
    found = sat.analyse(case).review.statements
    (summary,) = [r for r in found if r.statement.where == "summary"]
    # the first sentence names H1 by its label; the second names none; the third names two
    assert [(f.figures.about, f.relation) for f in summary.findings] == [("H1", "stronger")]
    start = summary.findings[0].expression.span[0]
    assert text[start:].startswith("almost certainly")


def test_two_judgements_that_cannot_both_hold_are_a_conflict():
    a = _with(
        key_judgements=_judgements(
            {"text": "H1 is the most likely explanation.", "about": "H1"},
            {"text": "H4 is the most likely explanation.", "about": "H4"},
        )
    )
    assert [c.rule for c in a.review.conflicts] == ["two_first"]
    assert a.review.stronger
    b = sat.analyse(a.full.model_copy(update={"exclusive": False}))
    assert b.review.conflicts == ()


def test_every_text_of_the_analysts_is_read_once_in_file_order():
    a = _example()
    where = [s.where for s in review.statements(a.case)]
    assert where[0] == "key_judgements[0]" and "implications.summary" in where
    assert "recommendations.immediate[0]" in where
    assert len(where) == len(set(where)) == a.review.checked
    assert Case.model_validate(a.full.model_dump()).key_judgements == a.full.key_judgements
