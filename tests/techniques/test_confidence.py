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
    assert "1 one-step rating change would close the lead" in result.sentence
    assert (
        "likely" not in result.sentence.split("although")[0]
    )  # no likelihood words in the confidence sentence
