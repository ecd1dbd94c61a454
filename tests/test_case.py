import pydantic
import pytest

from sat.case import Case, reference_problems

BASE = {
    "id": "t",
    "title": "T",
    "question": "Q?",
    "date": "2026-01-01",
    "analysts": ["me"],
    "sources": [{"id": "S1", "title": "s", "reliability": "b", "reliability_reason": "fine"}],
    "hypotheses": [
        {"id": "H1", "label": "a", "statement": "A."},
        {"id": "H2", "label": "b", "statement": "B."},
    ],
    "evidence": [{"id": "E1", "summary": "x", "sources": "S1", "ratings": {"H1": "++"}}],
}


def test_model_normalises_and_defaults():
    case = Case.model_validate(BASE)
    item = case.evidence[0]
    assert case.sources[0].reliability == "B"
    assert item.sources == ("S1",)
    assert item.rating("H1") == "CC"
    assert item.rating("H2") == "NA"  # unrated
    assert (item.credibility, item.relevance, item.type) == ("M", "M", "report")
    assert item.weight == 1.0


def test_case_is_immutable_and_editing_returns_a_copy():
    case = Case.model_validate(BASE)
    with pytest.raises(pydantic.ValidationError):
        case.title = "changed"
    with pytest.raises(TypeError):
        case.evidence[0].ratings["H1"] = "II"
    with pytest.raises(AttributeError):
        case.hypotheses.append(None)
    edited = case.model_copy(update={"title": "New"})
    assert edited.title == "New" and case.title == "T"
    with pytest.raises(ValueError, match="read-only"):
        case.matrix.codes[0, 0] = "II"


def test_matrix_arrays(hand_case):
    m = hand_case.matrix
    assert m.hypothesis_ids == ("H1", "H2", "H3")
    assert m.codes.tolist() == [
        ["C", "I", "II"],
        ["I", "N", "CC"],
        ["N", "N", "N"],
        ["CC", "II", "NA"],
    ]
    assert m.rated.all()
    assert m.weight.tolist() == pytest.approx([2.0, 0.5**0.5, 1.0, 1.0])


def test_reference_problems_on_raw_data():
    raw = {
        "sources": [{"id": "S1"}, {"id": "S1"}],
        "hypotheses": [{"id": "H1"}, {"id": 2}],
        "evidence": [{"id": "E1", "sources": ["S9"], "ratings": {"H5": "C", "2": "C"}}, "garbage"],
    }
    problems = dict(reference_problems(raw))
    assert problems[("sources", 1, "id")] == "duplicate id 'S1' (also sources[0])"
    assert problems[("evidence", 0, "sources", 0)] == "unknown source 'S9' (known: S1)"
    assert problems[("evidence", 0, "ratings", "H5")] == "unknown hypothesis 'H5' (known: H1, 2)"
    assert len(problems) == 3


def test_direct_construction_checks_references():
    bad = {**BASE, "evidence": [{"id": "E1", "summary": "x", "ratings": {"H9": "C"}}]}
    with pytest.raises(pydantic.ValidationError, match="unknown hypothesis 'H9'"):
        Case.model_validate(bad)


def test_serialises_to_plain_json():
    case = Case.model_validate(BASE)
    data = case.model_dump(mode="json")
    assert data["evidence"][0]["ratings"] == {"H1": "CC"}
    assert Case.model_validate(data) == case


def test_edited_copies_never_reuse_the_cached_matrix():
    case = Case.model_validate(BASE)
    assert case.matrix.codes.shape == (1, 2)
    for deep in (False, True):
        empty = case.model_copy(update={"evidence": ()}, deep=deep)
        assert empty.matrix.codes.shape == (0, 2)
    assert case.matrix.codes.shape == (1, 2)


def test_select_evidence_keeps_only_credible_items(hand_case):
    from sat.case import select_evidence

    assert select_evidence(hand_case, "L") is hand_case
    kept = select_evidence(hand_case, "M")
    assert [e.id for e in kept.evidence] == ["E1", "E3", "E4"]
    assert kept.matrix.codes.shape == (3, 3)
    assert [e.id for e in select_evidence(hand_case, "high").evidence] == ["E1", "E4"]
    assert len(hand_case.evidence) == 4


def test_select_evidence_drops_references_to_left_out_items(example_case):
    from sat.case import reference_problems, select_evidence

    strong = select_evidence(example_case, "H")
    assert reference_problems(strong) == []
    kept = {e.id for e in strong.evidence}
    assert all(set(r.evidence) <= kept for r in strong.relations)
    assert all(a.evidence is None or a.evidence in kept for a in strong.assumptions)


def test_counts_summarise_a_case(write):
    from sat.io import load_case
    from tests.conftest import MINIMAL

    case = load_case(write(MINIMAL.replace("ratings: {H1: C, H2: I}", "ratings: {H1: C}")))
    assert case.counts() == {
        "id": "t",
        "hypotheses": 2,
        "evidence": 1,
        "sources": 1,
        "unrated_cells": 1,
    }


def test_a_deception_subject_answered_twice_is_a_located_error(write):
    import yaml

    import sat
    from sat.errors import CaseError
    from sat.paths import EXAMPLE_CASE

    data = yaml.safe_load(EXAMPLE_CASE.read_text(encoding="utf-8"))
    first = data["deception"][0]
    data["deception"].append({**first, "answers": {}})
    with pytest.raises(CaseError) as info:
        sat.load_case(write(yaml.safe_dump(data, sort_keys=False, allow_unicode=True)))
    (problem,) = [p for p in info.value.problems if p.field.startswith("deception")]
    n = len(data["deception"]) - 1
    assert problem.field == f"deception[{n}].subject" and problem.line is not None
    assert f"{first['kind']} '{first['subject']}' is already answered (deception[0])" in (
        problem.message
    )


def test_a_relation_from_an_actor_to_itself_is_a_located_error(write):
    import sat
    from sat.errors import CaseError

    text = (
        "id: k\ntitle: K\nquestion: Q\ndate: 2026-01-01\nanalysts: [t]\n"
        "hypotheses:\n  - {id: H1, label: a, statement: a}\n  - {id: H2, label: b, statement: b}\n"
        "actors:\n  - {id: A, name: Alpha}\n  - {id: 7, name: Seven}\n"
        "relations:\n  - {source: A, target: 7, type: allied with}\n"
        "  - {source: 7, target: 7, type: commands}\n"
    )
    with pytest.raises(CaseError) as info:
        sat.load_case(write(text))
    (problem,) = info.value.problems
    assert (problem.line, problem.field) == (14, "relations[1].target")
    assert problem.message == "'7' is also the source: a relation ties two different actors"
    assert str(problem).endswith(
        ":14: relations[1].target: '7' is also the source: a relation ties two different actors"
    )
    raw = {"actors": [{"id": "A"}], "relations": [{"source": "A", "target": "A"}, "garbage"]}
    assert reference_problems(raw) == [
        (("relations", 0, "target"), "'A' is also the source: a relation ties two different actors")
    ]


def test_key_judgements_and_previous_assessment_are_validated_where_they_stand(write):
    import textwrap

    import sat
    from sat.errors import CaseError
    from tests.conftest import MINIMAL

    path = write(
        MINIMAL
        + textwrap.dedent(
            """\
            key_judgements:
              - text: H1 is likely.
                about: H1
              - {text: Nothing about anything.}
              - {id: KJ3, text: Wrong target., about: H9}
              - {id: KJ3, text: Twice the same id.}
              - {about: H1}
            previous_assessment: {source: Brief, conclusion: H2., about: H8, confidence: some}
            """
        )
    )
    with pytest.raises(CaseError) as info:
        sat.load_case(path)
    said = str(info.value)
    assert f"{path}:17: key_judgements[2].about: unknown hypothesis, event or scenario 'H9'" in said
    assert "key_judgements[3].id: duplicate id 'KJ3' (also key_judgements[2])" in said
    assert "key_judgements[4].text" in said
    assert "previous_assessment.about: unknown hypothesis 'H8' (known: H1, H2)" in said
    assert "previous_assessment.confidence" in said
    assert len(info.value.problems) == 5


def test_key_judgements_load_with_their_about():
    case = Case.model_validate(
        {
            **BASE,
            "key_judgements": [{"text": "H1 is likely.", "about": "H1"}, {"text": "Plain."}],
            "previous_assessment": {"source": "X", "conclusion": "H2.", "confidence": "moderate"},
        }
    )
    assert [(k.text, k.about) for k in case.key_judgements] == [
        ("H1 is likely.", "H1"),
        ("Plain.", None),
    ]
    assert case.previous_assessment.confidence == "moderate"


def test_an_about_is_never_ambiguous_and_a_previous_assessment_comes_before(write):
    import textwrap

    import sat
    from sat.errors import CaseError
    from tests.conftest import MINIMAL

    path = write(
        MINIMAL
        + textwrap.dedent(
            """\
            events: [{id: H2, description: An event named like a hypothesis., probability: 0.5}]
            scenarios: [{id: SC1, name: One, events: [H2]}]
            previous_assessment: {source: Brief, conclusion: H1., date: 2026-03-01}
            """
        )
    )
    with pytest.raises(CaseError) as info:
        sat.load_case(path)
    said = str(info.value)
    assert "events[0].id: 'H2' is also the id of one of the hypotheses" in said
    assert (
        "previous_assessment.date: 2026-03-01 is after this assessment's date (2026-01-01)" in said
    )
    assert len(info.value.problems) == 2


def test_enumerated_words_take_any_letter_case_and_are_stored_as_the_scale_writes_them():
    from sat.testing import situation

    data = situation("typical", seed=0)
    data["evidence"][0]["type"] = "HUMINT"
    data["evidence"][1]["type"] = "Official_Statement"
    data["actors"] = [{"id": "A", "name": "A body", "kind": "Government Body"}]
    case = Case.model_validate(data)
    assert (case.evidence[0].type, case.evidence[1].type) == ("humint", "official statement")
    assert case.actors[0].kind == "government body"
    data["evidence"][0]["type"] = "rumour"
    with pytest.raises(pydantic.ValidationError, match="Input should be 'report'"):
        Case.model_validate(data)
