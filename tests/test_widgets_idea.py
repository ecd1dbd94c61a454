"""The IDEA session without a browser: what the widgets hold (everything the browser is sent),
and what the case file holds after each answer."""

from __future__ import annotations

import datetime as dt
import html
import json
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sat.errors import SatError
from sat.io import load_case
from sat.io.document import CaseDocument
from sat.widgets.idea import IdeaSession, anonymous_labels, check_four_point
from tests.xss import PAYLOADS

CASE = """\
id: idea-test
title: Numbers from a team
question: How many?
date: 2026-01-01
analysts: [Ana Quist, Benedikt Zorn, Cyrus Vale]
hypotheses:
  - {id: H1, label: a, statement: A.}
  - {id: H2, label: b, statement: B.}
quantities:
  - id: Q1
    question: How many firms will be named?
    unit: firms
    realization: {value: 12}
  - id: Q2
    question: How many days will the ban last?
    scale: log
quantity_estimates:
  Benedikt Zorn:
    - {quantity: Q1, round: 1, lowest: 777, best: 888, highest: 999, confidence: 0.7}
    - {quantity: Q2, round: 1, lowest: 31, best: 62, highest: 93, confidence: 0.9}
  Cyrus Vale:
    - {quantity: Q1, round: 1, values: [4141, 4242, 4343]}
"""
OTHERS = ("Benedikt", "Zorn", "Cyrus", "Vale", "777", "888", "999", "4242", "4,242", "62")


@pytest.fixture
def case_path(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(CASE)
    return path


def sent(widget) -> str:
    """Every widget's state in the tree, as the browser is sent it (JSON; the references to
    other widgets by model id left out)."""
    out = [re.sub(r"IPY_MODEL_[0-9a-f]+", "", json.dumps(widget.get_state(), default=str))]
    for child in getattr(widget, "children", ()):
        out.append(sent(child))
    return "\n".join(out)


def test_others_answers_are_not_even_sent_until_round_1_is_complete(case_path):
    session = IdeaSession(case_path, "Ana Quist")
    assert (session.round, session.revealed) == (1, False)
    for text in OTHERS:
        assert text not in sent(session.widget)
    assert session.others("Q1") == ()
    assert session.answer("Q1", 10, 20, 30, 80)
    assert not session.revealed and session.others("Q1") == ()
    state = sent(session.widget)
    assert not any(text in state for text in OTHERS)
    assert session.answer("Q2", 5, 10, 40, 60)  # the last one: the discussion opens
    assert (session.round, session.revealed) == (2, True)
    state = sent(session.widget)
    assert "888" in state and "4,242" in state and "Panellist" in state
    assert not any(name in state for name in ("Benedikt", "Zorn", "Cyrus", "Vale"))
    rows = session.others("Q1")
    assert [r.own for r in rows].count(True) == 1 and rows[-1].combined
    assert sorted(r.label for r in rows[:-1]) == ["Panellist A", "Panellist B", "Panellist C"]
    (mine,) = (r for r in rows if r.own)
    assert mine.quantiles == pytest.approx((8.75, 20.0, 31.25))  # 20 -/+ 10 x 0.9 / 0.8
    assert [r.label for r in session.others("Q2")][-1] == "Group (equal weights)"
    assert len(session.others("Q2")) == 3  # Cyrus did not answer Q2
    assert "(you)" in state
    said = html.unescape(state)
    assert "Round 1: the answers of all 3 of the case's analysts, anonymised" in said  # Q1
    assert "Round 1: the answers of 2 of the case's 3 analysts, anonymised" in said  # Q2


def test_each_answer_is_saved_as_entered_with_its_round_and_time(case_path):
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    session = IdeaSession(case_path, "Ana Quist")
    assert session.answer("Q1", "10", "20", "30", "80%")
    (first,) = load_case(case_path).quantity_estimates["Ana Quist"]
    assert (first.quantity, first.round, first.lowest, first.best, first.highest) == (
        "Q1", 1, 10, 20, 30
    )  # fmt: skip
    assert first.confidence == 0.8 and before <= first.entered <= dt.datetime.now(dt.UTC)
    assert session.answer("Q1", "11", "20", "30", "80")  # round 1 revised before it is complete
    assert [a.lowest for a in load_case(case_path).quantity_estimates["Ana Quist"]] == [11]
    assert session.answer("Q2", "5", "10", "40", "60")
    assert session.round == 2 and session.message("Q2") == "saved (round 1)"
    assert session.answer("Q1", "12", "18", "25", "90")
    answers = load_case(case_path).quantity_estimates["Ana Quist"]
    assert [(a.quantity, a.round) for a in answers] == [("Q1", 1), ("Q2", 1), ("Q1", 2)]
    assert answers[0].lowest == 11  # round 1 kept as it was
    assert not session.done and session.others("Q1", 2) == ()
    assert session.answer("Q2", "6", "10", "30", "70")
    assert session.done and [r.label for r in session.others("Q1", 2)][-1].startswith("Group")
    again = IdeaSession(case_path, "Ana Quist")  # carrying on: where the file says
    assert again.done and again.round == 2


@pytest.mark.parametrize(
    ("typed", "said"),
    [
        (("10", "40", "30", "80"), "the best estimate must be above the lowest and below the highest"),
        (("10", "10", "30", "80"), "the best estimate must be above the lowest and below the highest"),
        (("10", "20", "30", "45"), "confidence must be a percentage from 50 to 100"),
        (("10", "20", "30", "101"), "confidence must be a percentage from 50 to 100"),
        (("10", "20", "30", "0.8"), "confidence must be a percentage from 50 to 100"),
        (("ten", "20", "30", "80"), "lowest: 'ten' is not a number"),
        (("1,000", "2000", "3000", "80"), "lowest: write the number without commas"),
        (("", "20", "30", "80"), "give the lowest"),
        (("10", "20", "30", ""), "give your confidence"),
    ],
)  # fmt: skip
def test_a_bad_answer_is_said_in_plain_words_beside_its_fields_and_nothing_is_saved(
    case_path, typed, said
):
    session = IdeaSession(case_path, "Ana Quist")
    assert not session.answer("Q1", *typed)
    assert said in session.message("Q1")
    assert case_path.read_text() == CASE


def test_a_log_quantity_takes_only_positive_values(case_path):
    session = IdeaSession(case_path, "Ana Quist")
    assert not session.answer("Q2", "0", "10", "40", "80")
    assert "lowest must be above 0: this question is on a log scale" in session.message("Q2")
    assert session.answer("Q1", "-5", "10", "40", "80")  # a uniform quantity may go below 0
    assert check_four_point(-1, 2, 3, 80, scale="log")[0] is None


def test_the_letters_are_the_same_for_every_analyst_and_follow_neither_file_nor_alphabet(case_path):
    case = load_case(case_path)
    labels = anonymous_labels(case)
    assert sorted(labels.values()) == ["Panellist A", "Panellist B", "Panellist C"]
    # ordered by sha256 of "idea-test\0" + the name: Benedikt's 3c1e..., Ana's 8c46...,
    # Cyrus's a927..., not the file's (here alphabetical) order
    assert [labels[n] for n in case.analysts] == ["Panellist B", "Panellist A", "Panellist C"]
    ana = IdeaSession(case_path, "Ana Quist")
    ana.answer("Q1", 10, 20, 30, 80)
    ana.answer("Q2", 5, 10, 40, 60)
    ben = IdeaSession(case_path, "Benedikt Zorn")  # Benedikt answered round 1 before
    seen_by_ana = {r.label: r.quantiles for r in ana.others("Q1")}
    seen_by_ben = {r.label: r.quantiles for r in ben.others("Q1")}
    assert seen_by_ana == seen_by_ben
    assert [r.label for r in ben.others("Q1") if r.own] == [labels["Benedikt Zorn"]]


def test_the_discussion_notes_are_kept_with_the_quantity(case_path):
    with pytest.raises(KeyError):  # no notes box before round 1 is complete
        IdeaSession(case_path, "Ana Quist").save_notes("Q1", "too early")
    session = IdeaSession(case_path, "Benedikt Zorn")
    session.answer("Q1", 700, 888, 1000, 70)  # Benedikt's round 1 answers were both given:
    assert session.round == 2  # this one is his round 2
    session.save_notes("Q1", "Two of us read the list as cumulative.\nCheck the ministry's count.")
    quantity = load_case(case_path).quantities[0]
    assert quantity.discussion.startswith("Two of us") and "\nCheck" in quantity.discussion
    assert session.message("Q1") == "notes saved"


def test_another_analysts_save_in_between_is_carried_on_from(case_path):
    session = IdeaSession(case_path, "Ana Quist")
    other = CaseDocument(case_path)
    other.answer_quantity("Cyrus Vale", "Q2", 1, {"values": [1, 2, 3]})
    other.save()
    assert session.answer("Q1", 10, 20, 30, 80)
    answers = load_case(case_path).quantity_estimates
    assert len(answers["Cyrus Vale"]) == 2 and len(answers["Ana Quist"]) == 1


def test_case_text_is_escaped_and_an_unknown_analyst_refused(case_path):
    text = CASE.replace("How many firms will be named?", json.dumps(" ".join(PAYLOADS)))
    text = text.replace("unit: firms", f"unit: {json.dumps(PAYLOADS[1])}")
    case_path.write_text(text)
    session = IdeaSession(case_path, "Ana Quist")
    session.answer("Q1", 10, 20, 30, 80)
    session.answer("Q2", 5, 10, 40, 60)
    for child in session.cards.children[0].children:
        value = getattr(child, "value", "")
        if isinstance(value, str) and child.__class__.__name__ == "HTML":
            assert "<script" not in value and "<img src=x" not in value
    with pytest.raises(SatError, match="not one of the case's analysts"):
        IdeaSession(case_path, "Nobody")


def test_a_case_without_quantities_says_what_to_add(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(CASE.split("quantities:")[0])
    session = IdeaSession(path, "Ana Quist")
    assert not session.revealed and session.cards.children == ()
    assert "no quantities to estimate yet" in session.header.value


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.floats(allow_nan=True, allow_infinity=True).map(str),
            st.integers(-1000, 1000).map(str),
            st.sampled_from(["", " ", "1e3", "80%", "abc", "0", "-0", "1,5", "nan", "inf"]),
        ),
        min_size=4,
        max_size=4,
    ),
    st.sampled_from(["uniform", "log"]),
)
def test_an_answer_the_check_accepts_is_one_the_case_file_accepts(typed, scale):
    from sat.models.quantities import QuantityAnswer

    answer, problems = check_four_point(*typed, scale=scale)
    assert (answer is None) == bool(problems)
    if answer is not None:
        saved = QuantityAnswer(quantity="Q1", **answer)  # never refused when written
        assert saved.lowest < saved.best < saved.highest and 0.5 <= saved.confidence <= 1
        assert scale != "log" or saved.lowest > 0


def test_answers_saved_by_others_since_show_after_a_refresh(case_path):
    session = IdeaSession(case_path, "Ana Quist")
    session.answer("Q1", 10, 20, 30, 80)
    session.answer("Q2", 5, 10, 40, 60)
    assert len(session.others("Q2")) == 3  # Benedikt, Ana and the group
    other = CaseDocument(case_path)
    other.answer_quantity("Cyrus Vale", "Q2", 1, {"values": [1, 2, 3]})
    other.set_field("quantities", "Q2", "discussion", "Cyrus joined late.")
    other.save()
    session.refresh()
    assert len(session.others("Q2")) == 4
    assert "Cyrus joined late." in sent(session.widget)
