import math

import pytest

import sat
from sat.report.claims import advocacy_claims
from tests.techniques.test_bias import build, item


def test_rating_and_credibility_plans_by_hand():
    # Weighted inconsistency: H1 = E2 I at w 1 = 1; H2 = E1 II at w 2 (H/H) = 4. Deficit 3.
    # Ratings: E1 II -> N for H2 (2 steps) removes 4 > 3; one step (II -> I) removes 2 only.
    # Credibility alone: E1 H -> M -> L lowers its weight 2 -> √2 -> 1, removing at most 2 x (2 - 1) = 2;
    # E2 (against H1) M -> H raises H1 by √2 - 1. At most 2.41 < 3: credibility cannot do it.
    evidence = [
        item(
            1, {"H1": "N", "H2": "II", "H3": "II"}, credibility="H", relevance="H", sources=["S1"]
        ),
        item(2, {"H1": "I", "H2": "N", "H3": "II"}, sources=["S2"]),
    ]
    result = sat.analyse(build(evidence)).advocacy
    assert (result.leader, result.challenger) == ("H1", "H2")
    assert result.rating_steps == 2
    assert result.rating_plan.values.tolist() == [["E1", "H2", "II", "N", 2]]
    assert result.credibility_steps is None
    said = advocacy_claims(result)
    assert [c.kind for c in said][:2] == ["advocacy.ratings", "advocacy.no_credibility"]
    assert said[0].text == (
        "2 one-step rating changes would put H2 ahead of H1: E1 re-rated from very inconsistent "
        "to neutral with H2 (2 steps)."
    )
    assert list(result.key_evidence.index) == ["E1", "E2"]
    assert result.key_evidence["separation"].tolist() == pytest.approx([4.0, -1.0])


def test_credibility_plan_when_it_can_work():
    # H1 = E2 I at L/H (w 1) = 1; H2 = E1 I at H/M (w √2) + E3 II at L/L (w 1/2) = √2 + 1.
    # Deficit √2. Lowering E1 to L/M takes its weight to 1/√2 (gain √2 - 1/√2 = 0.71 in 2 steps);
    # raising E2 to H/H takes H1's weight to 2 (gain 1 in 2 steps): 1.71 > √2 within 4 steps.
    evidence = [
        item(1, {"H1": "N", "H2": "I", "H3": "II"}, credibility="H", relevance="M", sources=["S1"]),
        item(2, {"H1": "I", "H2": "N", "H3": "II"}, credibility="L", relevance="H", sources=["S2"]),
        item(
            3, {"H1": "C", "H2": "II", "H3": "II"}, credibility="L", relevance="L", sources=["S3"]
        ),
    ]
    case = build(evidence)
    result = sat.analyse(case).advocacy
    scores = sat.ach.run(case).hypotheses["weighted_inconsistency"]
    assert scores["H2"] - scores["H1"] == pytest.approx(math.sqrt(2) + 2 * 0.5 - 1)
    # three steps reach exactly √2 (E2 twice, E1 once): level, not ahead; four are needed
    assert result.credibility_steps == 4
    plan = result.credibility_plan
    assert int(plan["steps"].sum()) == result.credibility_steps
    # apply the plan and check the challenger is strictly ahead
    changed = {e.id: e.credibility for e in case.evidence}
    for _, row in plan.iterrows():
        assert changed[row["evidence"]] == row["from"]
        changed[row["evidence"]] = row["to"]
    edited = case.model_copy(
        update={
            "evidence": tuple(
                e.model_copy(update={"credibility": changed[e.id]}) for e in case.evidence
            )
        }
    )
    after = sat.ach.run(edited).hypotheses["weighted_inconsistency"]
    assert after["H2"] < after["H1"]


def test_tied_lead_has_no_advocate():
    evidence = [item(1, {"H1": "C", "H2": "C", "H3": "I"}, sources=["S1"])]
    result = sat.analyse(build(evidence)).advocacy
    assert result.leader is None
    assert [c.kind for c in advocacy_claims(result)] == ["advocacy.no_leader"]


def test_example_case_advocacy(example_case):
    result = sat.analyse(example_case).advocacy
    assert result.challenger == "H4" and result.rating_steps == 2
    assert "E20" in result.key_evidence.index
    assert {"A4", "A6"} <= set(result.assumptions.index)
    # only items that tell H1 and H4 apart are re-judged
    codes = sat.ach.run(example_case).ratings
    assert all(codes.at[e, "H1"] != codes.at[e, "H4"] for e in result.rating_plan["evidence"])


def test_an_item_rated_alike_for_leader_and_challenger_is_never_re_judged():
    # E2 (weight √2·√2 = 2, N for both) alone would overturn H1 if re-read as I for it; it says
    # nothing about H1 against H2, so the plan re-judges E1, which tells them apart
    evidence = [
        item(1, {"H1": "N", "H2": "I", "H3": "II"}, sources=["S1"]),
        item(2, {"H1": "N", "H2": "N", "H3": "II"}, sources=["S2"], credibility="H", relevance="H"),
    ]
    result = sat.analyse(build(evidence)).advocacy
    assert result.challenger == "H2"
    assert set(result.rating_plan["evidence"]) == {"E1"} and result.rating_steps == 2


def test_an_unrated_assumption_is_none_in_the_claim_and_valid_json():
    """An insecure assumption the Key Assumptions Check has not rated is cited as None (never the
    frame's NaN), so the claim's condition holds and ``--json`` is strict JSON."""
    import json

    from sat.case import Case
    from sat.report.conditions import Facts, holds

    evidence = [
        item(1, {"H1": "N", "H2": "II", "H3": "I"}, sources=["S1"]),
        item(2, {"H1": "C", "H2": "I", "H3": "N"}, sources=["S2"]),
    ]
    data = build(evidence).model_dump(mode="json", exclude_none=True)
    data["assumptions"] = [
        {"id": "A1", "statement": "A premise.", "supports": ["H1"]},
        {"id": "A2", "statement": "Another.", "supports": ["H1"], "rating": "caveats"},
    ]
    case = Case.model_validate(data)
    analysis = sat.analyse(case)
    (said,) = [c for c in advocacy_claims(analysis.advocacy) if c.kind == "advocacy.assumptions"]
    assert dict(said.figures["assumptions"]) == {"A1": None, "A2": "caveats"}
    assert "A1 (not rated)" in said.text
    assert holds(said, Facts.of(analysis))
    json.loads(json.dumps(said.figures, allow_nan=False))
