"""Key Assumptions Check: risk, ordering, linchpins, incomplete checks, effect of dropping."""

import pytest

import sat
import sat.testing
from sat.case import Assumption, Case
from sat.errors import CaseError
from sat.report import text
from sat.report.tables import assumptions_html
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
    kac = sat.analyse(case_with([], items)).assumptions
    # high: A3 (unsupported) before A4 (caveats); medium: A2, A5 in case order; low: A1
    assert list(kac.table.index) == ["A3", "A4", "A2", "A5", "A1"]
    assert kac.table["risk"].tolist() == ["high", "high", "medium", "medium", "low"]
    assert kac.key_uncertainties == ("A3",)
    assert kac.high_risk == ("A3", "A4")


def _premise(i, ratings):
    return {"id": f"E{i}", "summary": f"premise {i}", "type": "assumption", "ratings": ratings}


def _agrees_with_ach(case, kac):
    """The same rule as ACH linchpins: an assumption's item (not rated alike everywhere) that
    changes the standing when dropped is an ACH linchpin, and the other way round."""
    result = sat.ach.run(case)
    t = kac.table
    checked = 0
    for a, row in t[t["in_matrix"]].iterrows():
        bears = row["evidence"] not in result.non_diagnostic
        assert (bool(row["changes_standing"]) and bears) == (row["evidence"] in result.linchpins), a
        checked += 1
    return checked


def test_linchpins_are_insecure_relied_on_and_change_the_standing_when_dropped():
    evidence = [
        {"id": "E1", "summary": "x", "ratings": {"H1": "I", "H2": "N", "H3": "II"}},
        _premise(2, {"H1": "N", "H2": "II", "H3": "N"}),  # without it H2 leads
        _premise(3, {"H1": "C", "H2": "N", "H3": "I"}),  # without it H1 still leads outright
    ]
    items = [
        {
            "id": "A1",
            "statement": "s",
            **FULL,
            "rating": "caveats",
            "supports": ["H1"],
            "evidence": "E2",
        },
        {"id": "A2", "statement": "s", **FULL, "rating": "unsupported", "evidence": "E3"},
        {"id": "A3", "statement": "s", **FULL, "rating": "unsupported", "supports": ["H1"]},
        {"id": "A4", "statement": "s", **FULL, "rating": "unsupported", "supports": ["H2"]},
        {"id": "A5", "statement": "s", "supports": ["H1", "H3"]},  # not rated yet
        {"id": "A6", "statement": "s", **FULL, "rating": "solid", "supports": ["H1"]},
    ]
    case = case_with(evidence, items)
    kac = sat.analyse(case).assumptions
    assert _agrees_with_ach(case, kac) >= 1
    assert kac.leader == ("H1",) and kac.tiebreak is False
    t = kac.table
    # A1: insecure, relied on, and H2 leads without E2
    assert kac.linchpins == ("A1",)
    assert t.at["A1", "leader_if_dropped"] == ("H2",) and t.at["A1", "changes_standing"]
    # A2: insecure and in the matrix, but H1 leads as clearly without E3: not a linchpin
    assert t.at["A2", "changes_standing"] is False and t.at["A2", "leader_if_dropped"] == ("H1",)
    assert t.at["A2", "tiebreak_if_dropped"] is False and not t.at["A2", "linchpin"]
    # A3, A5: insecure and relied on, but not in the matrix: not tested there, never linchpins
    assert kac.untested == ("A5", "A3")  # riskiest first
    assert not t.loc[["A3", "A5"], "linchpin"].any() and not t.loc[["A3", "A5"], "in_matrix"].any()
    assert t.at["A3", "changes_standing"] is None and t.at["A3", "leader_if_dropped"] is None
    # A4 supports only H2, A6 is solid: neither a linchpin nor listed as untested
    assert not t.loc[["A4", "A6"], "untested"].any()
    d = kac.to_dict()
    assert d["linchpins"] == ["A1"] and d["untested"] == ["A5", "A3"] and d["tiebreak"] is False
    row = next(r for r in d["assumptions"] if r["id"] == "A1")
    assert row["in_matrix"] and row["changes_standing"] and row["tiebreak_if_dropped"] is False


def test_a_secure_assumption_that_changes_the_standing_is_not_a_linchpin():
    evidence = [
        {"id": "E1", "summary": "x", "ratings": {"H1": "I", "H2": "N", "H3": "II"}},
        _premise(2, {"H1": "N", "H2": "II", "H3": "N"}),
    ]
    items = [{"id": "A1", "statement": "s", **FULL, "rating": "solid", "evidence": "E2"}]
    case = case_with(evidence, items)
    kac = sat.analyse(case).assumptions
    assert _agrees_with_ach(case, kac) >= 1
    assert kac.table.at["A1", "changes_standing"] and kac.linchpins == ()


def test_dropping_to_a_lead_on_the_tie_break_changes_the_standing():
    evidence = [
        {"id": "E1", "summary": "x", "ratings": {"H1": "C", "H2": "N", "H3": "II"}},
        _premise(2, {"H1": "N", "H2": "I", "H3": "N"}),
    ]
    items = [{"id": "A1", "statement": "s", **FULL, "rating": "caveats", "evidence": "E2"}]
    case = case_with(evidence, items)
    kac = sat.analyse(case).assumptions
    assert _agrees_with_ach(case, kac) >= 1
    row = kac.table.loc["A1"]
    # H1 still first without E2, but level with H2 on weighted inconsistency: the standing changes
    assert row["leader_if_dropped"] == ("H1",) and row["tiebreak_if_dropped"] is True
    assert row["changes_standing"] and kac.linchpins == ("A1",)
    shown = text.assumptions(kac)
    assert (
        "dropping A1 (E2) from the matrix: the standing changes, H1 would lead only on the "
        "consistency tie-break; no rank moves" in shown
    )


def test_dropping_what_keeps_the_lead_on_the_tie_break_changes_the_standing_too():
    evidence = [
        {"id": "E1", "summary": "x", "ratings": {"H1": "C", "H2": "I", "H3": "II"}},
        _premise(2, {"H1": "I", "H2": "N", "H3": "N"}),
    ]
    items = [{"id": "A1", "statement": "s", **FULL, "rating": "unsupported", "evidence": "E2"}]
    case = case_with(evidence, items)
    kac = sat.analyse(case).assumptions
    assert _agrees_with_ach(case, kac) >= 1
    # H1 and H2 are level on weighted inconsistency (1 each); H1 is first on consistency alone
    assert kac.leader == ("H1",) and kac.tiebreak is True
    row = kac.table.loc["A1"]
    assert row["leader_if_dropped"] == ("H1",) and row["tiebreak_if_dropped"] is False
    assert kac.linchpins == ("A1",)
    assert "the standing changes, H1 would lead outright" in text.assumptions(kac)


def test_an_item_rated_alike_everywhere_is_never_a_linchpin():
    evidence = [_premise(1, {"H1": "C", "H2": "C", "H3": "C"})]
    items = [{"id": "A1", "statement": "s", **FULL, "rating": "unsupported", "evidence": "E1"}]
    case = case_with(evidence, items)
    kac = sat.analyse(case).assumptions
    assert _agrees_with_ach(case, kac) >= 1
    assert kac.linchpins == () and kac.untested == ()


def test_the_views_say_what_the_numbers_support():
    evidence = [
        {"id": "E1", "summary": "x", "ratings": {"H1": "I", "H2": "N", "H3": "II"}},
        _premise(2, {"H1": "N", "H2": "II", "H3": "N"}),
        _premise(3, {"H1": "C", "H2": "N", "H3": "I"}),
    ]
    items = [
        {"id": "A1", "statement": "s", **FULL, "rating": "caveats", "evidence": "E2"},
        {"id": "A2", "statement": "s", **FULL, "rating": "unsupported", "evidence": "E3"},
        {"id": "A3", "statement": "s", **FULL, "rating": "unsupported"},
    ]
    kac = sat.analyse(case_with(evidence, items)).assumptions
    shown = text.assumptions(kac)
    assert "Linchpin assumption: A1 (it is insecure, the leading judgement relies on it" in shown
    assert "Not tested in the matrix: A3 (it is insecure and the leading judgement" in shown
    assert "dropping A1 (E2) from the matrix: the standing changes, H2 would lead outright" in shown
    assert "dropping A2 (E3) from the matrix: the standing holds, H1 would still lead" in shown
    html = str(assumptions_html(kac))
    assert "E2: <b>the standing changes</b>, H2 would lead outright" in html
    assert "E3: the standing holds, H1 would still lead" in html
    assert "Not tested in the matrix: A3 (it is insecure" in html and "To test it, link it" in html
    for view in (shown, html):
        for bad in ("nan", "inf", "<NA>", "None"):
            assert bad not in view


def test_incomplete_lists_the_unanswered_questions():
    items = [
        {"id": "A1", "statement": "s", **FULL},
        {"id": "A2", "statement": "s", "rating": "caveats", "rationale": "why", "impact": "H"},
    ]
    kac = sat.analyse(case_with([], items)).assumptions
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
    kac = sat.analyse(case_with(evidence, items)).assumptions
    row = kac.table.loc["A1"]
    # Without E2: H1 and H2 both have weighted 1 and consistency 1: a tie for first.
    assert row["leader_if_dropped"] == ("H1", "H2")
    assert row["ranking_change"] == {"H2": [2, 1]}
    assert kac.to_dict()["assumptions"][0]["leader_if_dropped"] == ["H1", "H2"]


def test_example_case_kac(example_case):
    kac = sat.analyse(example_case).assumptions
    assert len(kac.table) >= 4
    assert {"A1", "A2", "A3"} <= set(kac.table.index)  # the seed brief's three
    assert kac.table.loc["A4", "evidence"] == "E28"
    # H1 leads as clearly without A4's item E28, and A6, A3, A1 are not in the matrix: no linchpin
    assert kac.table.loc["A4", "changes_standing"] is False
    assert kac.linchpins == ()
    assert kac.untested == ("A6", "A3", "A1")
    assert _agrees_with_ach(example_case, kac) == 2
    assert "A6" in kac.incomplete


@pytest.mark.parametrize(
    ("item", "field", "needle"),
    [
        ({"supports": ["H9"]}, "assumptions A1.supports[0]", "unknown hypothesis 'H9'"),
        (
            {"evidence": "E1"},
            "assumptions A1.evidence",
            "link an assumption only to evidence of type",
        ),
        ({"evidence": "E7"}, "assumptions A1.evidence", "unknown evidence item 'E7'"),
        (
            {"rating": "shaky"},
            "assumptions A1.rating",
            "allowed: solid, caveats, unsupported;",
        ),
        ({"weakened": "maybe"}, "assumptions A1.weakened", "allowed: yes, no, unclear;"),
        ({"impact": "huge"}, "assumptions A1.impact", "not a level"),
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


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("name", list(sat.testing.SITUATIONS))
def test_every_situation_names_linchpins_only_where_the_matrix_shows_them(name, seed):
    import re

    case = Case.model_validate(sat.testing.situation(name, seed=seed))
    result = sat.ach.run(case)
    kac = assumptions.run(case, ach=result)
    t = kac.table
    assert set(kac.linchpins) <= set(t.index[t["in_matrix"] & t["changes_standing"].eq(True)])
    assert not t.loc[list(kac.untested), "in_matrix"].any()
    assert (t["changes_standing"].isna() == ~t["in_matrix"]).all()
    _agrees_with_ach(case, kac)
    if name in ("assumptions-outside-matrix", "no-assumptions", "non-diagnostic"):
        assert kac.linchpins == ()
    for shown in (text.assumptions(kac), re.sub(r"<[^>]+>", " ", str(assumptions_html(kac)))):
        assert not re.search(r"\bnan\b|\binf\b|<NA>|&lt;NA&gt;|\bNone\b", shown), shown
