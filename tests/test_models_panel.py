"""A case's quantities weighed by the classical model: the case gives the study it holds."""

import json
from pathlib import Path

import pytest

from sat.case import Case
from sat.errors import AnalysisError
from sat.io.excalibur import read_study
from sat.models.panel import rounds, study_of
from sat.techniques import experts

SEJU = Path(__file__).parent / "fixtures" / "seju"

BASE = {
    "id": "q",
    "title": "Q",
    "question": "How many?",
    "date": "2026-01-01",
    "hypotheses": [
        {"id": "H1", "label": "a", "statement": "A."},
        {"id": "H2", "label": "b", "statement": "B."},
    ],
}


def case_of(study):
    """The study written as a case file's sections would hold it (ids Q1..., labels its own)."""
    ids = {q.id: f"Q{n}" for n, q in enumerate(study.items, 1)}
    quantities = [
        {
            "id": ids[q.id],
            "label": q.id,
            "question": q.question or q.id,
            "scale": q.scale,
            **({} if q.realization is None else {"realization": {"value": q.realization}}),
        }
        for q in study.items
    ]
    answers = {
        f"Expert {e}": [
            {"quantity": ids[q.id], "values": list(a)}
            for q, a in zip(study.items, row, strict=True)
            if a is not None
        ]
        for e, row in zip(study.experts, study.answers, strict=True)
    }
    return Case.model_validate(
        BASE
        | {
            "analysts": list(answers),
            "quantiles": list(study.probabilities),
            "quantities": quantities,
            "quantity_estimates": answers,
        }
    )


@pytest.mark.parametrize("name", ["tobacco", "gerstenberger"])
def test_a_study_held_in_a_case_is_weighed_as_anduryl_weighs_the_study(name):
    study = read_study(SEJU / f"{name}.dtt")
    held = study_of(case_of(study))
    assert held.answers == study.answers and held.probabilities == study.probabilities
    assert [(q.scale, q.realization) for q in held.items] == [
        (q.scale, q.realization) for q in study.items
    ]
    expected = json.loads((SEJU / "expected.json").read_text())[name]
    result = experts.run(held)
    assert result.experts == tuple(f"Expert {e}" for e in study.experts)
    for p, original in zip(result.performance, study.experts, strict=True):
        want = expected["experts"][original]
        assert p.calibration == pytest.approx(want["calibration"], abs=1e-6)
        assert p.information == pytest.approx(want["information_all"], abs=1e-6)
    for key, dm in (("equal", result.equal), ("global", result.optimised)):
        assert dm.performance.calibration == pytest.approx(expected[key]["calibration"], abs=1e-4)
        assert dm.performance.information_seed == pytest.approx(
            expected[key]["information_seed"], abs=1e-4
        )


def answer(quantity, round=1, **given):
    return {"quantity": quantity, "round": round, **given}


def two_round_case():
    return Case.model_validate(
        BASE
        | {
            "analysts": ["Ana", "Ben", "Cy"],
            "quantities": [
                {"id": "Q1", "question": "Seed?", "realization": {"value": 12}},
                {"id": "Q2", "question": "Target?", "scale": "log"},
            ],
            "quantity_estimates": {
                "Ana": [
                    answer("Q1", values=[5, 10, 20]),
                    answer("Q2", values=[1, 10, 100]),
                    answer("Q1", 2, values=[8, 11, 15]),
                ],
                "Ben": [answer("Q1", lowest=10, highest=30, best=18, confidence=0.8)],
                "Cy": [answer("Q2", 2, lowest=1, highest=100, best=10, confidence=0.9)],
            },
        }
    )


def test_each_analyst_counts_with_their_answers_as_they_stood_after_the_round_asked_for():
    case = two_round_case()
    assert rounds(case) == (1, 2)
    latest = study_of(case)
    assert latest.experts == ("Ana", "Ben", "Cy")
    # Ana's second round replaces her first on Q1; her only answer to Q2 stands
    assert latest.answer("Ana", "Q1") == (8, 11, 15) and latest.answer("Ana", "Q2") == (1, 10, 100)
    # Ben's 80% interval [10, 30] around 18, widened to 90%: 18 - 8 x 0.9 / 0.8, 18 + 12 x 0.9 / 0.8
    assert latest.answer("Ben", "Q1") == pytest.approx((9.0, 18.0, 31.5))
    assert latest.answer("Ben", "Q2") is None
    # Cy's 90% interval on a log quantity is already the standard width: its own ends
    assert latest.answer("Cy", "Q2") == pytest.approx((1.0, 10.0, 100.0))
    first = study_of(case, round=1)
    assert first.experts == ("Ana", "Ben") and first.answer("Ana", "Q1") == (5, 10, 20)
    # after round 2: Ana's revised Q1, and the answers nobody revised (Ana's Q2, Ben's Q1) stand
    second = study_of(case, round=2)
    assert second.experts == ("Ana", "Ben", "Cy")
    assert second.answer("Ana", "Q1") == (8, 11, 15) and second.answer("Ana", "Q2") == (1, 10, 100)
    assert second.answer("Ben", "Q1") == pytest.approx((9.0, 18.0, 31.5))
    assert second.answers == latest.answers  # after the last round: everyone's latest


def test_a_case_without_quantities_or_answers_says_what_to_add():
    with pytest.raises(AnalysisError, match="the case has no quantities"):
        study_of(Case.model_validate(BASE | {"analysts": ["Ana"]}))
    case = two_round_case()
    later = case.model_copy(update={"quantity_estimates": {"Cy": case.quantity_estimates["Cy"]}})
    with pytest.raises(AnalysisError, match="no analyst answered a quantity by round 1"):
        study_of(later, round=1)  # Cy answered in round 2 only
