"""A case's quantities: the answers that count and the group's equal-weight combination."""

import pytest

from sat.case import Case
from sat.errors import AnalysisError
from sat.models.panel import study_of
from sat.techniques import experts, quantities

BASE = {
    "id": "q",
    "title": "Q",
    "question": "How many?",
    "date": "2026-01-01",
    "analysts": ["Ana", "Ben", "Cy"],
    "hypotheses": [
        {"id": "H1", "label": "a", "statement": "A."},
        {"id": "H2", "label": "b", "statement": "B."},
    ],
    "quantities": [
        {"id": "Q1", "question": "Seed one?", "realization": {"value": 12}},
        {"id": "Q2", "question": "Seed two?", "realization": {"value": 40}},
        {"id": "Q3", "question": "Target?", "scale": "log"},
        {"id": "Q4", "question": "Nobody answered?"},
    ],
}


def answer(q, round=1, **given):
    return {"quantity": q, "round": round, **given}


def case(**estimates):
    return Case.model_validate(BASE | {"quantity_estimates": estimates})


TEAM = case(
    Ana=[answer("Q1", values=[5, 10, 20]), answer("Q2", values=[20, 35, 50]),
         answer("Q3", values=[1, 10, 100]), answer("Q1", 2, values=[8, 11, 15])],
    Ben=[answer("Q1", lowest=10, highest=30, best=18, confidence=0.8),
         answer("Q2", values=[30, 45, 60]), answer("Q3", values=[5, 20, 50])],
    Cy=[answer("Q3", 2, lowest=2, highest=200, best=20, confidence=0.9),
        answer("Q2", values=[38, 41, 44])],
)  # fmt: skip


def test_who_answered_each_quantity_and_who_answered_in_four_points():
    result = quantities.run(TEAM)
    assert result.quantities == ("Q1", "Q2", "Q3", "Q4")
    assert (result.seeds, result.targets) == (("Q1", "Q2"), ("Q3", "Q4"))
    assert result.answered == {
        "Q1": ("Ana", "Ben"), "Q2": ("Ana", "Ben", "Cy"), "Q3": ("Ana", "Ben", "Cy"), "Q4": (),
    }  # fmt: skip
    assert result.four_point == {"Q1": ("Ben",), "Q2": (), "Q3": ("Cy",), "Q4": ()}
    assert result.rounds == (1, 2) and result.round is None
    assert result.combined[3] is None and result.to_dict()["combined"]["Q4"] is None


def test_a_target_s_combination_is_the_equal_weight_decision_maker_s():
    # a target has no realisation, so its range (and the mixture) is the same with or without
    # the seeds' true values: the combination before scoring is the scored equal-weight DM's
    result = quantities.run(TEAM)
    scored = experts.run(study_of(TEAM))
    target = scored.items.index("Q3")
    assert result.combined[2] == pytest.approx(scored.equal.quantiles[target], rel=1e-12)


def test_one_round_only_and_a_round_nobody_answered():
    first = quantities.run(TEAM, round=1)
    assert first.answered["Q3"] == ("Ana", "Ben") and first.four_point["Q1"] == ("Ben",)
    # Ana's round-1 answer to Q1, not her second
    assert first.study.answer("Ana", "Q1") == (5, 10, 20)
    with pytest.raises(
        AnalysisError, match=r"no answer was given in round 3 \(rounds answered: 1, 2\)"
    ):
        quantities.run(TEAM, round=3)
    none = quantities.run(Case.model_validate({k: v for k, v in BASE.items() if k != "quantities"}))
    assert none.quantities == () and none.combined == () and none.study.experts == ()
    unanswered = quantities.run(Case.model_validate(BASE))
    assert unanswered.answered == dict.fromkeys(("Q1", "Q2", "Q3", "Q4"), ())
    assert unanswered.combined == (None,) * 4
    for empty, said in ((none, "the case has no quantities"), (unanswered, "no analyst answered")):
        with pytest.raises(AnalysisError, match=said):
            _ = empty.weighable


def test_a_single_analyst_s_combination_is_their_own_answer():
    alone = case(Ana=[answer("Q3", values=[1, 10, 100])])
    assert quantities.run(alone).combined[2] == pytest.approx((1, 10, 100))


def test_an_analyst_who_answered_no_seed_is_left_out_of_the_weighable_study_and_said_to_be():
    team = case(
        Ana=[answer("Q1", values=[5, 10, 20]), answer("Q3", values=[1, 10, 100])],
        Ben=[answer("Q3", values=[5, 20, 50])],
    )
    result = quantities.run(team)
    assert result.unseeded == ("Ben",) and result.to_dict()["unseeded"] == ["Ben"]
    assert result.weighable.experts == ("Ana",) and result.study.experts == ("Ana", "Ben")
    assert result.weighable.answers == result.study.answers[:1]
    assert quantities.run(TEAM).unseeded == ()
