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


# --- the claims of a whole review, events and scenarios included ----------------------------------


def _said(a: sat.Analysis) -> list:
    from sat.report.claims.review import result_claims
    from sat.report.conditions import Facts, holds

    claims = result_claims(a.case, a.review)
    facts = Facts.of(a)
    for claim in claims:
        assert holds(claim, facts), (claim.kind, claim.text)
    return claims


def test_a_statement_about_an_event_or_a_scenario_is_said_against_its_probability():
    from sat.report.conditions import CONDITIONS, Facts

    a = _with(
        key_judgements=_judgements(
            {"text": "Beijing will almost certainly keep the controls until APEC.", "about": "X1"},
            {"text": "They probably widen before APEC.", "about": "X2"},  # given X1
            {"text": "Early de-escalation is the most likely outlook.", "about": "SC1"},
            {"text": "Escalation is very likely.", "about": "SC3"},
            {"text": "The controls widen before APEC.", "about": "X2"},
            {"text": "Prolonged standoff.", "about": "SC2"},
        )
    )
    claims = _said(a)
    by_where = {}
    for c in claims:
        by_where.setdefault(c.figures["where"], []).append(c)
    (first,) = by_where["key_judgements[0]"]
    assert first.kind == "review.stronger"
    assert first.text == (
        '"almost certainly" (95–100%) is stronger than the analysis, which puts X1 (Beijing '
        "keeps the restrictions in force until…) at 75%."
    )
    (second,) = by_where["key_judgements[1]"]
    assert second.kind == "review.unchecked" and second.text == (
        '"probably" cannot be checked against the analysis: its probability is given only '
        "conditional on X1 (Beijing keeps the restrictions in force until…)."
    )
    (third,) = by_where["key_judgements[2]"]
    assert third.kind == "review.not_leader"
    assert third.text.endswith(
        "is said of SC1 (Early de-escalation), but the analysis puts "
        "SC2 (Prolonged standoff) first."
    )
    (fourth,) = by_where["key_judgements[3]"]
    assert fourth.kind == "review.stronger" and fourth.text.endswith(
        "puts SC3 (Escalation) at 11%."
    )
    (fifth,) = by_where["key_judgements[4]"]
    assert fifth.kind == "review.missing" and "only conditional on X1" in fifth.text
    (sixth,) = by_where["key_judgements[5]"]
    assert sixth.text == (
        "The statement about SC2 (Prolonged standoff) gives no likelihood; the analysis puts it "
        "at 32%."
    )
    # the conditions recompute the probability from the case: another figure, or another
    # event's probability in the file, and they fail
    facts = Facts.of(a)
    assert not CONDITIONS[first.kind](facts, {**first.figures, "range": (0.8, 0.8)})
    assert not CONDITIONS[fourth.kind](facts, {**fourth.figures, "range": (0.3, 0.3)})
    events = [
        e.model_copy(update={"probability": 0.97}) if e.id == "X1" else e for e in a.case.events
    ]
    moved = Facts.of(sat.analyse(a.full.model_copy(update={"events": tuple(events)})))
    assert not CONDITIONS[first.kind](moved, first.figures)
    assert not CONDITIONS[second.kind](Facts.of(_example()), {**second.figures, "about": "X1"})
    assert not CONDITIONS[third.kind](facts, {**third.figures, "about": "SC2"})


def test_an_event_is_not_ranked_and_a_periodic_event_is_checked_over_its_periods():
    a = _with(
        key_judgements=_judgements(
            {"text": "An incident near Taiwan is the most likely event.", "about": "X4"},
            {"text": "An incident near Taiwan is likely.", "about": "X4"},
        )
    )
    first, second = _said(a)
    assert first.kind == "review.unchecked" and "ranks no events" in first.text
    p = 1 - (1 - 0.04) ** 10
    assert second.kind == "review.stronger"  # 55-80% above 1 - 0.96^10
    assert second.figures["range"] == (p, p) and second.text.endswith("at 34%.")


def test_a_sentence_without_a_likelihood_is_cited_alone_in_a_longer_text():
    text = "Coercion over Taiwan explains the ban. Supply is likely at risk. H2 is very unlikely."
    a = _with(summary=text)
    (missing,) = [c for c in _said(a) if c.kind == "review.missing"]
    assert missing.figures["text"] == "Coercion over Taiwan explains the ban."
    assert missing.figures["where"] == "summary"


def test_a_clause_naming_another_hypothesis_is_read_against_that_one():
    # about H1 (27-41%), but the second clause is about H2 (8-12%): "very unlikely" fits H2
    a = _with(
        key_judgements=_judgements(
            {
                "text": "Coercion over Taiwan is the likeliest motive, and the security "
                "rationale of H2 is very unlikely.",
                "about": "H1",
            }
        )
    )
    (kj,) = a.review.judgements
    assert [(f.figures.about, f.relation) for f in kj.findings] == [
        ("H1", "consistent"),
        ("H2", "inside"),
    ]
    assert not a.review.stronger


def test_a_judgement_naming_one_hypothesis_is_read_against_it_sentence_by_sentence():
    # no about: the text names H2 alone, so "It is almost certain." is said of H2 (8-12%)
    a = _with(
        key_judgements=_judgements(
            {"text": "Security and non-proliferation explains the ban. It is almost certain."}
        )
    )
    (kj,) = a.review.judgements
    assert [(f.figures.about, f.relation) for f in kj.findings] == [("H2", "stronger")]
    assert a.review.stronger


def test_other_texts_name_a_hypothesis_only_by_its_id_or_its_label_as_written():
    case = _example().full
    text = (
        "Further bureaucratic routine is likely whatever the cause. Bureaucratic routine is likely."
    )
    found = sat.analyse(case.model_copy(update={"summary": text})).review.statements
    (summary,) = [r for r in found if r.statement.where == "summary"]
    # the lower-case phrase is not the hypothesis H7 "Bureaucratic routine"; the label is
    assert [(f.figures.about, f.relation) for f in summary.findings] == [("H7", "stronger")]
    assert summary.findings[0].expression.span[0] > text.index(". ")


def test_a_likelihood_the_analysis_does_not_give_outruns_it():
    """A hypothesis rated against nothing has no likelihood in the analysis: "almost certainly"
    said of it is unsupported, stronger than the analysis (sat review exits 1)."""
    from sat.case import KeyJudgement
    from sat.report.claims.review import result_claims
    from sat.report.conditions import Facts, holds
    from sat.testing import situation

    case = Case.model_validate(situation("unrated-leader", seed=0))
    a = sat.analyse(case)
    unranked = [h for h in a.bayes.hypotheses.index if a.bayes.hypotheses.at[h, "unranked"]]
    said = KeyJudgement(text="This one is almost certainly the answer.", about=unranked[0])
    b = sat.analyse(case.model_copy(update={"key_judgements": (said,)}))
    (kj,) = b.review.judgements
    assert [(f.relation, f.figures.why) for f in kj.findings] == [("unsupported", "unranked")]
    assert b.review.stronger
    (claim,) = [c for c in result_claims(b.case, b.review) if c.kind == "review.unsupported"]
    assert "gives" in claim.text and "a likelihood the analysis does not" in claim.text
    assert holds(claim, Facts.of(b))
