import sat
from sat.case import Case
from sat.report.claims.gaps import gaps_found
from sat.techniques import gaps


def test_gaps_found_in_the_data():
    case = Case.model_validate(
        {
            "id": "g",
            "title": "G",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["t"],
            "information_gaps": ["Nobody has asked the ministry."],
            "hypotheses": [{"id": h, "label": h, "statement": h} for h in ("H1", "H2", "H3")],
            "evidence": [
                {"id": "E1", "summary": "a", "type": "report", "ratings": {"H1": "I", "H2": "C"}},
                {"id": "E2", "summary": "b", "type": "assumption", "ratings": {"H1": "II"}},
            ],
        }
    )
    found = gaps.run(case)
    assert found.listed == ("Nobody has asked the ministry.",)
    assert found.untested == ("H2", "H3")
    assert "absence of evidence" in found.missing_types and "report" not in found.missing_types
    assert found.absences == ()
    assert found.unrated == {"H1": 0, "H2": 1, "H3": 2}
    assert found.unsourced == ("E1",)
    text = " ".join(gaps_found(found))
    assert "H2, H3" in text and "No expected-but-absent evidence" in text and "H2 1, H3 2" in text


def test_example_case_gaps(example_case):
    found = sat.gaps.run(example_case)
    assert found.untested == ("H1",)  # the leader has never been tested against contrary evidence
    assert found.absences == ("E25", "E26")
    assert len(found.listed) >= 3
    # the agreed matrix has nothing against H1, but Analyst B's own vote does: the gap says so
    assert found.dissent == {"H1": {"E21": ("Analyst B",)}}
    assert "H1 (though Analyst B rated E21 against it)" in " ".join(gaps_found(found))


def test_dissent_is_named_only_where_an_analyst_voted_against():
    evidence = [
        {
            "id": "E1",
            "summary": "a",
            "ratings": {"H1": "C", "H2": "I"},
            "analyst_ratings": {"A": {"H1": "II", "H2": "I"}, "B": {"H1": "C", "H2": "N"}},
        },
        {
            "id": "E2",
            "summary": "b",
            "ratings": {"H1": "N", "H2": "I"},
            "analyst_ratings": {"A": {"H1": "I"}, "B": {"H1": "I"}},
        },
    ]
    case = Case.model_validate(
        {
            "id": "g",
            "title": "G",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["A", "B"],
            "hypotheses": [{"id": h, "label": h, "statement": h} for h in ("H1", "H2")],
            "evidence": evidence,
        }
    )
    assert case.matrix.votes_against() == {
        "H1": {"E1": ("A",), "E2": ("A", "B")},
        "H2": {"E1": ("A",)},
    }
    found = gaps.run(case)
    assert found.untested == ("H1",)
    assert "H1 (though A rated E1, and A and B rated E2, against it)" in " ".join(gaps_found(found))
