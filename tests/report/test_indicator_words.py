"""Why an indicator would shift the judgement, in words (``sat.report.claims.indicators``):
each reason against a hand-worked case, the ``--json`` shape it keeps, and every reason's
condition over the situations ``sat.testing`` makes."""

import dataclasses

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sat
from sat.case import Case
from sat.report.claims.indicators import indicators_data, reason, reason_claims, said
from sat.report.conditions import Facts, holds
from sat.testing import SITUATIONS, case_objects, situation
from tests.techniques.test_indicators import ITEMS, make


def test_each_reason_says_the_effect_and_the_steps_from_the_lead():
    # H1 leads; H2 is 1 step from the lead (E1 I -> N), H3 2 steps (II -> I -> N)
    result = sat.analyse(make(ITEMS)).indicators
    watch = said(result.watch, result, seen=False)
    assert watch["why"].to_dict() == {
        "I2": "would undermine the leader, H1",
        "I5": "would support H2, 1 step from the lead",
        "I4": "would support H3, 2 steps from the lead",
    }
    warnings = said(result.warnings, result, seen=True)
    assert warnings["why"].to_dict() == {"I6": "supports H3, 2 steps from the lead"}
    assert list(watch.columns) == ["hypothesis", "description", "direction", "why"]


def test_a_tied_lead_is_said_as_a_tie():
    assert reason("undermines_leader", "H1", None, tied=True, seen=False) == (
        "would undermine H1, tied for the lead"
    )
    assert reason("supports_challenger", "H2", None, tied=False, seen=True) == "supports H2"


def test_the_json_keeps_why_in_place_of_the_facts():
    result = sat.analyse(make(ITEMS)).indicators
    data = indicators_data(result)
    assert data["watch"][1] == {
        "id": "I5",
        "hypothesis": "H2",
        "description": "e",
        "direction": "supports",
        "why": "would support H2, 1 step from the lead",
    }
    assert list(data["warnings"][0]) == [
        "id",
        "hypothesis",
        "description",
        "direction",
        "observed",
        "why",
    ]
    assert result.to_dict()["watch"][1]["steps"] == 1  # the facts, without words


def test_a_reason_with_the_wrong_steps_or_effect_fails_its_condition():
    analysis = sat.analyse(make(ITEMS))
    facts = Facts.of(analysis)
    claims = reason_claims(analysis.indicators)
    assert [c.kind for c in claims] == ["indicators.watch"] * 3 + ["indicators.warning"]
    assert all(holds(c, facts) for c in claims)
    i5 = claims[1]
    assert not holds(dataclasses.replace(i5, figures={**i5.figures, "steps": 2}), facts)
    wrong = {**i5.figures, "effect": "undermines_leader", "steps": None}
    assert not holds(dataclasses.replace(i5, figures=wrong), facts)
    assert not holds(dataclasses.replace(claims[3], kind="indicators.watch"), facts)


def _fast(case):
    return case.model_copy(update={"bayes": case.bayes.model_copy(update={"draws": 200})})


def _every_reason_holds(case):
    analysis = sat.analyse(_fast(case))
    facts = Facts.of(analysis)
    for claim in reason_claims(analysis.indicators):
        assert holds(claim, facts), f"{claim.kind} said but false: {claim.text}"


@pytest.mark.parametrize("name", SITUATIONS)
def test_every_reason_holds_in_each_named_situation(name):
    for seed in range(2):
        _every_reason_holds(Case.model_validate(situation(name, seed=seed)))


@st.composite
def _with_indicators(draw):
    """A generated case given indicators on its hypotheses, of every direction and status."""
    from sat.models.challenges import Indicator

    case = draw(case_objects(max_evidence=10, max_hypotheses=5))
    ids = [h.id for h in case.hypotheses]
    n = draw(st.integers(1, 8))
    indicators = [
        Indicator(
            id=f"I{k}",
            hypothesis=draw(st.sampled_from(ids)),
            description=f"sign {k}",
            direction=draw(st.sampled_from(["supports", "undermines"])),
            status=draw(st.sampled_from(["not observed", "observed", "contradicted"])),
        )
        for k in range(n)
    ]
    return case.model_copy(update={"indicators": tuple(indicators)})


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_with_indicators())
def test_every_reason_holds_over_generated_cases(case):
    _every_reason_holds(case)
