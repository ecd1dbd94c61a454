import pytest

import sat
from sat.errors import CaseError
from sat.techniques import deception
from tests.techniques.test_bias import build, item


def answers(**ratings):
    return {k.replace("_", "."): {"rating": v, "note": f"why {k}"} for k, v in ratings.items()}


def test_scores_risks_exposure_and_recommendation():
    checks = [
        {
            "subject": "Ministry",
            "kind": "actor",
            "answers": answers(mom_motive="H", mom_channels="H", mom_risk="M", pop_history="L"),
        },
        {
            "subject": "S1",
            "kind": "source",
            "answers": answers(
                moses_controlled="H", moses_basis="H", moses_access="M", eve_conflict="L"
            ),
        },
        {
            "subject": "S2",
            "kind": "source",
            "answers": answers(moses_controlled="L", moses_access="M"),
        },
    ]
    evidence = [
        item(1, {"H1": "C", "H2": "I", "H3": "I"}, sources=["S1"]),
        item(2, {"H1": "C", "H2": "I", "H3": "I"}, sources=["S2", "S1"]),
        item(3, {"H1": "C", "H2": "I", "H3": "I"}, sources=["S2"]),
    ]
    result = deception.run(build(evidence, deception=checks))
    subjects = result.subjects
    # Ministry: (1 + 1 + 0.5 + 0) / 4 = 0.625 -> high
    assert subjects.loc["Ministry", "score"] == pytest.approx(0.625)
    assert subjects.loc["Ministry", "risk"] == "high"
    assert subjects.loc["Ministry", "reasons"] == (
        "mom.motive: why mom_motive",
        "mom.channels: why mom_channels",
    )
    # S1: all four answers 0.625 -> high; MOSES only (1 + 1 + 0.5) / 3 = 0.833 -> exposed
    assert subjects.loc["S1", "manipulability"] == pytest.approx(2.5 / 3)
    assert subjects.loc["S2", "risk"] == "low"
    assert result.high_risk == ("Ministry", "S1")
    assert list(result.exposed.index) == ["E1", "E2"]
    assert result.exposed.loc["E2", "sources"] == ("S1",)
    assert result.add_hypothesis is True
    assert "mom.cost" in subjects.loc["Ministry", "unanswered"]


def test_no_recommendation_when_a_deception_hypothesis_is_weighed():
    checks = [{"subject": "Ministry", "answers": answers(mom_motive="H")}]
    hyps = ("H1", "H2", {"id": "H3", "label": "d", "statement": "d", "kind": "deception"})
    evidence = [item(1, {"H1": "C", "H2": "I", "H3": "N"})]  # H3 is rated: weighed
    result = deception.run(build(evidence, hypotheses=hyps, deception=checks))
    assert result.add_hypothesis is False and result.recommendation == "weighed"
    assert result.deception_hypotheses == ("H3",) and result.worrying == ()


def test_a_deception_hypothesis_rated_against_nothing_is_not_weighed():
    from sat.report.claims import deception_claims

    checks = [{"subject": "Ministry", "answers": answers(mom_motive="H")}]
    hyps = ("H1", "H2", {"id": "H3", "label": "d", "statement": "d", "kind": "deception"})
    evidence = [{"id": "E1", "summary": "a", "ratings": {"H1": "C", "H2": "I", "H3": "NA"}}]
    result = deception.run(build(evidence, hypotheses=hyps, deception=checks))
    assert result.unrated_deception == ("H3",) and result.recommendation == "add"
    assert result.add_hypothesis is True and result.worrying == ("Ministry",)
    kinds = [c.kind for c in deception_claims(result)]
    assert kinds == ["deception.add", "deception.unrated"]
    # rated against one item, it is weighed
    evidence[0]["ratings"]["H3"] = "N"
    result = deception.run(build(evidence, hypotheses=hyps, deception=checks))
    assert result.recommendation == "weighed" and result.add_hypothesis is False


def test_medium_risk_with_a_motive_is_enough():
    checks = [
        {"subject": "Ministry", "answers": answers(mom_motive="H", mom_risk="L", mom_cost="L")}
    ]
    result = deception.run(build([], deception=checks))
    assert result.subjects.loc["Ministry", "risk"] == "low"  # 1/3
    assert result.add_hypothesis is False
    checks = [{"subject": "Ministry", "answers": answers(mom_motive="H", mom_risk="L")}]
    result = deception.run(build([], deception=checks))
    assert result.subjects.loc["Ministry", "risk"] == "medium" and result.add_hypothesis is True
    assert result.recommendation == "add" and result.worrying == ("Ministry",)


def test_nothing_answered():
    result = deception.run(build([]))
    assert result.subjects.empty and result.add_hypothesis is None
    assert result.recommendation == "not_assessed"


@pytest.mark.parametrize(
    ("entry", "field", "needle"),
    [
        ({"subject": "S9", "kind": "source"}, "deception S9.subject", "unknown source 'S9'"),
        (
            {"subject": "S1", "kind": "source", "answers": {"mom.motive": {"rating": "H"}}},
            "deception S1.answers",
            "unknown question 'mom.motive' for a source",
        ),
        (
            {"subject": "X", "answers": {"mom.motive": {"rating": "certain"}}},
            "deception X.answers.mom.motive.rating",
            "not a level",
        ),
    ],
)
def test_bad_deception_entries_are_located(write, entry, field, needle):
    import yaml

    text = yaml.safe_dump(
        {
            "id": "d",
            "title": "D",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["t"],
            "sources": [{"id": "S1", "title": "s", "reliability": "B", "reliability_reason": "r"}],
            "hypotheses": [
                {"id": "H1", "label": "a", "statement": "a"},
                {"id": "H2", "label": "b", "statement": "b"},
            ],
            "deception": [entry],
        },
        sort_keys=False,
    )
    with pytest.raises(CaseError) as info:
        sat.load_case(write(text))
    (problem,) = info.value.problems
    assert problem.field == field and needle in problem.message and problem.line is not None


def test_example_case_deception(example_case):
    result = sat.deception.run(example_case)
    assert result.subjects.loc["S0", "risk"] == "high"
    assert "E24" in result.exposed.index
    assert result.add_hypothesis is True


def test_an_actor_answered_only_on_eve_is_not_assessed():
    """EVE questions bear on the evidence: an actor with EVE answers alone has no deception risk,
    so no deception hypothesis is asked for on its account, and the summary says why."""
    from sat.report.claims import deception_claims, deception_summary
    from sat.report.conditions import Facts, holds

    checks = [
        {
            "subject": "Actor Y",
            "kind": "actor",
            "answers": answers(eve_accuracy="H", eve_critical="H", eve_missing="H"),
        },
    ]
    evidence = [item(1, {"H1": "C", "H2": "I", "H3": "I"}), item(2, {"H1": "N", "H2": "I"})]
    case = build(evidence, deception=checks)
    result = deception.run(case)
    assert result.subjects.loc["Actor Y", "risk"] is None
    assert result.high_risk == () and result.recommendation == "not_assessed"
    analysis = sat.analyse(case)
    said = deception_summary(case, analysis.deception)  # the summary line, then the checks'
    assert [c.kind for c in said] == ["summary.deception", "deception.not_assessed"]
    assert said[1:] == deception_claims(analysis.deception)
    assert "EVE answers alone do not assess it" in said[0].text
    assert all(holds(c, Facts.of(analysis)) for c in said)
    # one MOM answer makes it assessed: the mean of all four answers, (1 + 1 + 1 + 0) / 4 = 0.75
    checks[0]["answers"].update(answers(mom_motive="L"))
    result = deception.run(build(evidence, deception=checks))
    assert result.subjects.loc["Actor Y", "score"] == pytest.approx(0.75)
    assert result.recommendation == "add"
