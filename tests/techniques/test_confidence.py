import re

from sat.techniques import confidence
from tests.techniques.test_bias import build


def run(case):
    return confidence.run(case)


def test_a_well_sourced_robust_lead_gets_high_confidence():
    evidence = [
        {
            "id": f"E{i}",
            "summary": "x",
            "sources": [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"],
            "credibility": "H",
            "relevance": "H",
            "ratings": {"H1": "C", "H2": "II", "H3": "II"},
        }
        for i in range(6)
    ]
    result = run(build(evidence))
    points = {f.name: f.points for f in result.factors}
    assert points == {
        "robustness": 2,
        "margin": 2,
        "sourcing": 2,
        "corroboration": 2,
        "linchpins": 2,
    }
    assert result.level == "high" and result.score == 10
    assert result.sentence.startswith("We have high confidence in this judgement: ")


def test_one_zero_factor_caps_at_moderate():
    # Well sourced and corroborated, but one item decides the ranking (a linchpin).
    evidence = [
        {
            "id": f"E{i}",
            "summary": "x",
            "sources": [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"],
            "credibility": "H",
            "relevance": "H",
            "ratings": {"H1": "C", "H2": "C", "H3": "II"},
        }
        for i in range(6)
    ] + [
        {
            "id": "E9",
            "summary": "decisive",
            "sources": ["S1", "S2"],
            "ratings": {"H1": "N", "H2": "I", "H3": "II"},
        }
    ]
    result = run(build(evidence))
    points = {f.name: f.points for f in result.factors}
    assert points["linchpins"] == 0 and points["margin"] == 0
    assert result.level != "high"


def test_example_case_is_low_confidence_and_says_why(example_case):
    result = run(example_case)
    assert result.level == "low"
    assert "one-step rating change" in result.sentence
    assert (
        "likely" not in result.sentence.split("although")[0]
    )  # no likelihood words in the confidence sentence


def _strong(i, sources, ratings=None):
    """An item that would score well on every factor but its sourcing."""
    return {
        "id": f"E{i}",
        "summary": "x",
        "sources": sources,
        "credibility": "H",
        "relevance": "H",
        "ratings": ratings or {"H1": "C", "H2": "II", "H3": "II"},
    }


def test_no_source_at_all_is_low_confidence_and_the_missing_factors_are_said_missing():
    result = run(build([_strong(i, []) for i in range(8)], sources=[]))
    assert result.level == "low"
    assert result.grounds == ("no source is recorded for any item of evidence",)
    factors = {f.name: f for f in result.factors}
    assert factors["corroboration"].missing and factors["sourcing"].points == 0
    assert "no source is recorded for the evidence separating" in factors["sourcing"].detail
    assert not re.search(
        r"(?<!\d)0%", result.sentence
    )  # an unmeasured factor is never stated as a measurement
    assert result.sentence.startswith(
        "We have low confidence in this judgement: no source is recorded for any item of evidence"
    )
    assert "sourced" not in result.sentence  # the ground says it once


def test_one_source_for_everything_is_low_however_many_items_it_gives():
    one = [{"id": "S1", "title": "s", "reliability": "B", "reliability_reason": "r"}]
    for n in (1, 8):
        result = run(build([_strong(i, ["S1"]) for i in range(n)], sources=one))
        assert result.level == "low", n
        assert result.grounds == ("every sourced item rests on one source (S1)",)


def test_no_evidence_against_any_challenger_is_low():
    evidence = [
        _strong(i, [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"], {"H1": "CC", "H2": "C", "H3": "N"})
        for i in range(6)
    ]
    result = run(build(evidence))
    assert result.level == "low"
    assert "no evidence is rated inconsistent with any challenger" in result.grounds


def test_a_tie_is_low_and_no_one_is_said_to_disagree():
    evidence = [
        _strong(i, [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"], {"H1": "C", "H2": "C", "H3": "II"})
        for i in range(6)
    ]
    result = run(build(evidence))
    assert result.level == "low" and "the matrix gives no single leader" in result.grounds
    assert "disagree" not in result.sentence  # both methods tie H1 and H2: they agree


def test_a_lead_on_the_tie_break_is_said_so_not_as_zero_changes():
    evidence = [
        _strong(i, [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"], {"H1": "C", "H2": "N", "H3": "II"})
        for i in range(6)
    ]
    result = run(build(evidence))
    assert "the lead rests on the consistency tie-break alone" in result.sentence
    assert "0 one-step" not in result.sentence


def test_two_factors_at_zero_make_confidence_low():
    # corroborated, but from sources graded E, and the lead rests on the consistency tie-break
    weak = [
        {"id": f"S{i}", "title": f"s{i}", "reliability": "E", "reliability_reason": "r"}
        for i in range(1, 6)
    ]
    evidence = [
        _strong(i, [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"], {"H1": "C", "H2": "N", "H3": "II"})
        for i in range(6)
    ]
    result = run(build(evidence, sources=weak))
    zero = {f.name for f in result.factors if f.points == 0}
    assert {"margin", "sourcing"} <= zero and not result.grounds
    assert result.level == "low"
