"""Key Assumptions Check: risk, ordering, linchpins, incomplete checks, effect of dropping."""

import pytest

import sat
from sat.case import Assumption, Case
from sat.errors import CaseError
from sat.techniques import assumptions

BASE = {
    "id": "k",
    "title": "K",
    "question": "?",
    "date": "2026-01-01",
    "analysts": ["t"],
    "hypotheses": [{"id": h, "label": h, "statement": h} for h in ("H1", "H2", "H3")],
}

FULL = {
    "rationale": "why",
    "conditions": "when",
    "undermined_by": "what",
    "weakened": "no",
    "impact": "M",
    "rating": "solid",
}


def case_with(evidence, items):
    return Case.model_validate({**BASE, "evidence": evidence, "assumptions": items})


@pytest.mark.parametrize(
    ("rating", "impact", "expected"),
    [
        ("unsupported", "H", "high"),
        ("unsupported", "M", "high"),
        ("unsupported", "L", "medium"),
        ("caveats", "H", "high"),
        ("caveats", "M", "medium"),
        ("caveats", "L", "low"),
        ("solid", "H", "medium"),
        ("solid", "M", "low"),
        ("solid", "L", "low"),
        (None, "L", "medium"),
        ("solid", None, "medium"),
        (None, None, "high"),
    ],
)
def test_risk_matrix(rating, impact, expected):
    assert (
        assumptions.risk(Assumption(id="A", statement="s", rating=rating, impact=impact))
        == expected
    )


def test_riskiest_first_with_ties_in_case_order():
    items = [
        {"id": "A1", "statement": "s", **FULL, "rating": "solid", "impact": "L"},
        {"id": "A2", "statement": "s", **FULL, "rating": "caveats", "impact": "M"},
        {"id": "A3", "statement": "s", **FULL, "rating": "unsupported", "impact": "H"},
        {"id": "A4", "statement": "s", **FULL, "rating": "caveats", "impact": "H"},
        {"id": "A5", "statement": "s", **FULL, "rating": "caveats", "impact": "M"},
    ]
    kac = assumptions.run(case_with([], items))
    # high: A3 (unsupported) before A4 (caveats); medium: A2, A5 in case order; low: A1
    assert list(kac.table.index) == ["A3", "A4", "A2", "A5", "A1"]
    assert kac.table["risk"].tolist() == ["high", "high", "medium", "medium", "low"]
    assert kac.key_uncertainties == ("A3",)
    assert kac.high_risk == ("A3", "A4")


def test_linchpins_are_insecure_and_relied_on_by_the_leader():
    evidence = [{"id": "E1", "summary": "x", "ratings": {"H1": "C", "H2": "I", "H3": "II"}}]
    items = [
        {"id": "A1", "statement": "s", **FULL, "rating": "caveats", "supports": ["H1"]},
        {"id": "A2", "statement": "s", **FULL, "rating": "solid", "supports": ["H1"]},
        {"id": "A3", "statement": "s", **FULL, "rating": "unsupported", "supports": ["H2"]},
        {"id": "A4", "statement": "s", **FULL, "rating": "unsupported"},  # the overall judgement
        {"id": "A5", "statement": "s", "supports": ["H1", "H3"]},  # not rated yet
    ]
    kac = assumptions.run(case_with(evidence, items))
    assert kac.leader == ("H1",)
    assert set(kac.linchpins) == {"A1", "A4", "A5"}


def test_incomplete_lists_the_unanswered_questions():
    items = [
        {"id": "A1", "statement": "s", **FULL},
        {"id": "A2", "statement": "s", "rating": "caveats", "rationale": "why", "impact": "H"},
    ]
    kac = assumptions.run(case_with([], items))
    assert kac.incomplete == {"A2": ("conditions", "undermined_by", "weakened")}


def test_dropping_an_assumption_that_is_evidence_shows_the_ranking_change():
    # With E2 (an assumption), H1 leads on consistency: both score 1 inconsistency point.
    evidence = [
        {"id": "E1", "summary": "x", "ratings": {"H1": "I", "H2": "I", "H3": "II"}},
        {
            "id": "E2",
            "summary": "premise",
            "type": "assumption",
            "ratings": {"H1": "C", "H2": "N", "H3": "N"},
        },
        {"id": "E3", "summary": "y", "ratings": {"H1": "N", "H2": "C", "H3": "N"}},
        {"id": "E4", "summary": "z", "ratings": {"H1": "C", "H2": "N", "H3": "N"}},
    ]
    items = [{"id": "A1", "statement": "s", **FULL, "rating": "caveats", "evidence": "E2"}]
    kac = assumptions.run(case_with(evidence, items))
    row = kac.table.loc["A1"]
    # Without E2: H1 and H2 both have weighted 1 and consistency 1: a tie for first.
    assert row["leader_if_dropped"] == ("H1", "H2")
    assert row["ranking_change"] == {"H2": [2, 1]}
    assert kac.to_dict()["assumptions"][0]["leader_if_dropped"] == ["H1", "H2"]


def test_example_case_kac(example_case):
    kac = sat.assumptions.run(example_case)
    assert len(kac.table) >= 4
    assert {"A1", "A2", "A3"} <= set(kac.table.index)  # the seed brief's three
    assert kac.table.loc["A4", "evidence"] == "E28"
    assert "A4" in kac.linchpins and "A2" not in kac.linchpins
    assert "A6" in kac.incomplete


@pytest.mark.parametrize(
    ("item", "field", "needle"),
    [
        ({"supports": ["H9"]}, "assumptions[0].supports[0]", "unknown hypothesis 'H9'"),
        (
            {"evidence": "E1"},
            "assumptions[0].evidence",
            "link an assumption only to evidence of type",
        ),
        ({"evidence": "E7"}, "assumptions[0].evidence", "unknown evidence item 'E7'"),
        (
            {"rating": "shaky"},
            "assumptions[0].rating",
            "allowed: 'solid', 'caveats' or 'unsupported'",
        ),
        ({"weakened": "maybe"}, "assumptions[0].weakened", "allowed: 'yes', 'no' or 'unclear'"),
        ({"impact": "huge"}, "assumptions[0].impact", "not a level"),
    ],
)
def test_bad_assumptions_are_located(write, item, field, needle):
    text = (
        "id: k\ntitle: K\nquestion: Q\ndate: 2026-01-01\nanalysts: [t]\n"
        "hypotheses:\n  - {id: H1, label: a, statement: a}\n  - {id: H2, label: b, statement: b}\n"
        "evidence:\n  - {id: E1, summary: s, ratings: {H1: C}}\n"
        "assumptions:\n  - id: A1\n    statement: s\n"
    )
    for key, value in item.items():
        text += (
            f"    {key}: {value if not isinstance(value, list) else '[' + ', '.join(value) + ']'}\n"
        )
    with pytest.raises(CaseError) as info:
        sat.load_case(write(text))
    (problem,) = info.value.problems
    assert problem.field == field and needle in problem.message
    assert problem.line == 14  # the line of the field itself
