"""The scenarios' checks and reading in words (sat.report.claims.scenarios): each line said exactly
when the technique gives its fact, and ``--json`` keeps the words."""

import pytest

import sat
from sat.case import Case
from sat.report.claims.scenarios import check_said, checks_said, reading, scenarios_data
from sat.report.data import as_data
from sat.techniques import scenarios
from sat.techniques.bias import Fact

EVENTS = [
    {"id": "A", "description": "a", "probability": 0.6},
    {"id": "B", "description": "b", "probability": 0.5},
    {"id": "C", "description": "c", "probability": 0.3, "given": ["A"]},
]


def make(listed):
    hypotheses = [{"id": f"H{i}", "label": x, "statement": x} for i, x in ((1, "a"), (2, "b"))]
    data = {"id": "s", "title": "S", "question": "?", "date": "2026-01-01", "analysts": ["t"]}
    return Case.model_validate(
        {**data, "hypotheses": hypotheses, "events": EVENTS, "scenarios": listed}
    )


def test_each_check_in_words():
    assert check_said(Fact("overlap", {"first": "S1", "second": "S3"})) == (
        "S1 and S3 can both happen (neither rules out an event of the other): their "
        "probabilities overlap and should not be added"
    )
    mislabelled = {"scenario": "S1", "probability": 0.3, "best": "S3", "best_probability": 0.5}
    assert check_said(Fact("mislabelled", mislabelled)) == (
        "S1 is labelled most likely (30%) but S3 is more probable (50%)"
    )
    assert check_said(Fact("uncovered", {"covered": 0.6})) == (
        "the scenarios exclude each other and cover 60% of the outcomes: 40% lies in futures "
        "none of them describes"
    )
    with pytest.raises(ValueError, match="no words"):
        check_said(Fact("unknown", {}))


def test_overlap_and_mislabelled_are_said_only_when_they_hold():
    result = scenarios.run(
        make(
            [
                {"id": "S1", "name": "x", "kind": "most likely", "events": ["A", "B"]},
                {"id": "S2", "name": "y", "events": ["not A"]},
                {"id": "S3", "name": "z", "events": ["B"]},
            ]
        )
    )
    assert checks_said(result) == (
        "S1 and S3 can both happen (neither rules out an event of the other): their "
        "probabilities overlap and should not be added",
        "S2 and S3 can both happen (neither rules out an event of the other): their "
        "probabilities overlap and should not be added",
        "S1 is labelled most likely (30%) but S3 is more probable (50%)",
    )
    # S3 (50%) is ahead of S2 (40%) and S1 (30%), and not below even odds
    assert [reading(result, s) for s in ("S1", "S2", "S3")] == ["", "", "the most likely of these"]


def test_the_reading_says_less_likely_than_not_below_even_odds_and_nothing_on_a_tie():
    below = scenarios.run(
        make(
            [
                {"id": "S1", "name": "a and c", "kind": "most likely", "events": ["A", "C"]},
                {"id": "S2", "name": "not a", "kind": "worst", "events": ["not A"]},
            ]
        )
    )
    assert reading(below, "S2") == "the most likely of these, though less likely than not"
    assert reading(below, "S1") == ""
    tie = scenarios.run(
        make(
            [
                {"id": "S1", "name": "both", "events": ["A", "B"]},
                {"id": "S2", "name": "a only", "events": ["A", "not B"]},
            ]
        )
    )
    assert [reading(tie, s) for s in ("S1", "S2")] == ["", ""]
    assert checks_said(tie) == (
        "the scenarios exclude each other and cover 60% of the outcomes: 40% lies in futures "
        "none of them describes",
    )


def test_json_keeps_the_words_and_the_python_api_gives_the_facts(example_case):
    analysis = sat.analyse(example_case)
    data = as_data(analysis, "scenarios")["scenarios"]
    assert data == scenarios_data(analysis.scenarios)
    assert data["checks"] == [
        "the scenarios exclude each other and cover 69% of the outcomes: 31% lies in futures "
        "none of them describes"
    ]
    assert {s["id"]: s["reading"] for s in data["scenarios"]} == {
        "SC1": "",
        "SC2": "the most likely of these, though less likely than not",
        "SC3": "",
    }
    assert "most_likely" not in data
    facts = analysis.to_dict("scenarios")["scenarios"]
    assert facts["most_likely"] == "SC2"
    assert [c["kind"] for c in facts["checks"]] == ["uncovered"]
