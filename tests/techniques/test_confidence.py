"""The facts of ``sat.techniques.confidence``: each factor's points and finding, the grounds and
the limits, checked against answers worked by hand (the words are tested in
``tests/report/test_confidence_words.py``)."""

import pytest
from hypothesis import HealthCheck, given, settings

import sat
from sat.case import Case
from sat.techniques.confidence import Fact, Factor
from sat.testing import SITUATIONS, case_objects, situation
from tests.techniques.test_bias import build


def run(case):
    return sat.analyse(case).confidence


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


def _spread(i, ratings=None):
    """A strong item citing two of five independent sources."""
    return _strong(i, [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"], ratings)


def _facts(result):
    return {f.name: (f.points, f.fact.kind, dict(f.fact.figures)) for f in result.factors}


def test_a_well_sourced_robust_lead_gives_every_factor_two_points_as_facts():
    # 8 items, each citing two of S1..S5 (every item corroborated), H1 consistent, H2 and H3
    # very inconsistent everywhere: H2 is 8 x 2 = 16 one-step changes behind, nothing decides it
    result = run(build([_spread(i) for i in range(8)]))
    facts = _facts(result)
    assert {name: points for name, (points, _, _) in facts.items()} == dict.fromkeys(
        ("robustness", "margin", "sourcing", "corroboration", "linchpins"), 2
    )
    assert facts["margin"][1:] == ("margin.changes", {"changes": 16, "leader": "H1", "unrated": 0})
    assert facts["corroboration"][1:] == (
        "corroboration.share",
        {"corroborated": 8, "sourced": 8},
    )
    assert facts["sourcing"][1] == "sourcing.level" and facts["sourcing"][2]["share"] == 1.0
    assert facts["linchpins"][1:] == (
        "linchpins.none",
        {"assumptions": False, "strengthening": False},
    )
    kind, figures = facts["robustness"][1:]
    assert kind == "robustness.wins" and figures["leader"] == "H1" and figures["wins"] >= 0.9
    assert figures["caveat"] is None and not figures["unranked"]
    assert result.level == "high" and result.score == 10
    assert result.grounds == result.limits == () and result.disputed is None


def test_too_few_telling_items_or_sources_are_limits_with_their_counts():
    def case(n, sources):
        return build(
            [
                _strong(i, [sources[i % len(sources)], sources[(i + 1) % len(sources)]])
                for i in range(n)
            ]
        )

    few = run(case(6, ["S1", "S2", "S3", "S4", "S5"]))
    assert few.score == 10 and few.level == "moderate"
    assert few.limits == (Fact("few_items", {"items": 6, "needed": 8}),)
    two = run(case(8, ["S1", "S2"]))
    assert two.level == "moderate"
    assert two.limits == (Fact("few_sources", {"sources": 2, "needed": 3}),)
    assert run(case(8, ["S1", "S2", "S3"])).limits == ()


def test_a_linchpin_item_names_who_would_lead_without_it():
    # E9 alone counts against H2 (I, one step) while H1 is N: without it H1 and H2 are rated
    # alike everywhere (C) and tie; with H2 ahead on consistency in E0, H2 would lead instead
    evidence = [_spread(i, {"H1": "C", "H2": "C", "H3": "II"}) for i in range(6)]
    evidence.append(
        {
            "id": "E9",
            "summary": "decisive",
            "sources": ["S1", "S2"],
            "ratings": {"H1": "N", "H2": "I", "H3": "II"},
        }
    )
    found = {f.name: f for f in run(build(evidence)).factors}["linchpins"]
    assert found == Factor(
        "linchpins",
        0,
        Fact(
            "linchpins.found",
            {"instead": ((("H1", "H2"), ("E9",)),), "level": (), "unsupported": (), "caveated": ()},
        ),
    )
    evidence[0]["ratings"] = {"H1": "C", "H2": "CC", "H3": "II"}
    found = {f.name: f for f in run(build(evidence)).factors}["linchpins"]
    assert found.fact.figures["instead"] == ((("H2",), ("E9",)),)


def test_no_source_at_all_is_a_ground_and_the_unmeasured_factors_are_missing():
    result = run(build([_strong(i, []) for i in range(8)], sources=[]))
    assert result.level == "low"
    assert result.grounds == (Fact("no_source", {"assumptions_cite": False}),)
    factors = {f.name: f for f in result.factors}
    assert factors["corroboration"].missing
    assert factors["corroboration"].fact.kind == "corroboration.unmeasured"
    assert (factors["sourcing"].points, factors["sourcing"].fact.kind) == (0, "sourcing.none")


def test_one_source_names_the_sources_the_items_cite():
    one = [{"id": "S1", "title": "s", "reliability": "B", "reliability_reason": "r"}]
    for n in (1, 8):
        result = run(build([_strong(i, ["S1"]) for i in range(n)], sources=one))
        assert result.level == "low"
        assert result.grounds == (Fact("one_source", {"items": n, "sources": ("S1",)}),)
    # S1 and S2 share a publisher: one independence group, named by what the items cite
    two = [
        {"id": k, "title": "s", "reliability": g, "reliability_reason": "r", "publisher": "P"}
        for k, g in (("S1", "A"), ("S2", "C"))
    ]
    result = run(build([_strong(0, ["S2"]), _strong(1, ["S1"])], sources=two))
    assert result.grounds == (Fact("one_source", {"items": 2, "sources": ("S2", "S1")}),)


def test_nothing_against_a_challenger_and_a_tie_are_grounds():
    against = run(build([_spread(i, {"H1": "CC", "H2": "C", "H3": "N"}) for i in range(6)]))
    assert Fact("nothing_against") in against.grounds and against.level == "low"
    tie = run(build([_spread(i, {"H1": "C", "H2": "C", "H3": "II"}) for i in range(6)]))
    assert tie.grounds[0] == Fact("no_leader") and tie.level == "low"
    assert {f.name: f.fact.kind for f in tie.factors}["margin"] == "margin.no_leader"


def test_a_lead_on_the_tie_break_has_no_margin_and_no_sourcing_to_measure():
    result = run(build([_spread(i, {"H1": "C", "H2": "N", "H3": "II"}) for i in range(6)]))
    facts = _facts(result)
    assert facts["margin"][:2] == (0, "margin.tiebreak")
    assert facts["sourcing"][:2] == (None, "sourcing.tiebreak")


def test_an_unrated_hypothesis_above_the_leader_is_a_ground():
    evidence = [_spread(i, {"H1": "C", "H2": "I"}) for i in range(8)]
    hyps = [
        {"id": "H1", "label": "H1", "statement": "a", "prior": 0.2},
        {"id": "H2", "label": "H2", "statement": "b", "prior": 0.2},
        {"id": "H3", "label": "H3", "statement": "c", "prior": 0.6},
    ]
    result = run(build(evidence, hypotheses=hyps))
    assert Fact("unweighed_above", {"hypotheses": ("H3",)}) in result.grounds


def test_a_lead_equal_priors_would_reverse_is_the_priors():
    evidence = [_spread(i, {"H1": "N", "H2": "C", "H3": "II"}) for i in range(8)]
    evidence.append(_strong(9, ["S1", "S3"], {"H1": "N", "H2": "I", "H3": "II"}))
    hyps = [
        {"id": "H1", "label": "H1", "statement": "a", "prior": 0.8},
        {"id": "H2", "label": "H2", "statement": "b", "prior": 0.1},
        {"id": "H3", "label": "H3", "statement": "c", "prior": 0.1},
    ]
    result = run(build(evidence, hypotheses=hyps))
    # the matrix puts H1 first (nothing counts against it; E9 counts against H2), and so does
    # the Bayesian mode, on H1's prior of 0.8: with equal priors H2, consistent with eight
    # items, would come first
    assert result.level == "low"
    assert Fact("prior", {"equal_prior_front": ("H2",)}) in result.grounds
    robustness = {f.name: f for f in result.factors}["robustness"]
    assert robustness.points == 0 and robustness.fact.kind == "robustness.wins"
    assert robustness.fact.figures["caveat"] == "priors" and result.disputed is None


def test_a_leader_rated_against_few_items_is_a_ground_with_its_counts():
    evidence = [_spread(i, {"H2": "I", "H3": "II"}) for i in range(8)] + [_strong(9, ["S1", "S2"])]
    result = run(build(evidence))
    assert Fact("untested", {"hypothesis": "H1", "rated": 1, "items": 9}) in result.grounds


def test_the_example_case(example_case):
    # H1 leads the matrix by one one-step change; two of the three analysts put it first
    analysis = sat.analyse(example_case)
    result = analysis.confidence
    facts = _facts(result)
    assert result.level == "low" and result.score == 2
    assert facts["margin"] == (0, "margin.changes", {"changes": 1, "leader": "H1", "unrated": 0})
    assert facts["corroboration"] == (
        0,
        "corroboration.share",
        {"corroborated": 4, "sourced": 27},
    )
    assert result.limits == (
        Fact("analysts_split", {"first": 2, "analysts": 3, "hypothesis": "H1"}),
    )
    assert result.to_dict()["limits"] == [
        {"kind": "analysts_split", "figures": {"first": 2, "analysts": 3, "hypothesis": "H1"}}
    ]


# --- the level's rule, over every situation sat.testing makes ------------------------------------


def _fast(case):
    return case.model_copy(update={"bayes": case.bayes.model_copy(update={"draws": 400})})


def _rule_holds(case):
    """The level follows the module's table from the facts alone, and every fact is a kind."""
    result = sat.analyse(_fast(case)).confidence
    points = [f.points for f in result.factors]
    score, short = sum(p or 0 for p in points), sum(not p for p in points)
    if result.grounds or short > 1:
        expected = "low"
    elif score >= 8 and not short and not result.limits:
        expected = "high"
    else:
        expected = "moderate" if score >= 4 else "low"
    assert (result.level, result.score) == (expected, score)
    assert [f.name for f in result.factors] == [
        "robustness",
        "margin",
        "sourcing",
        "corroboration",
        "linchpins",
    ]
    for f in result.factors:
        assert f.fact.kind.startswith(f"{f.name}.")
    for fact in (*result.grounds, *result.limits):
        assert isinstance(fact, Fact) and "." not in fact.kind


@pytest.mark.parametrize("name", SITUATIONS)
def test_the_rule_holds_in_every_named_situation(name):
    _rule_holds(Case.model_validate(situation(name, seed=0)))


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case_objects(max_evidence=12, max_hypotheses=5))
def test_the_rule_holds_over_generated_cases(case):
    _rule_holds(case)
