import typing

import pydantic
import pytest

import sat
from sat import scales
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
    assert problems[("sources", 1, "id")] == "duplicate id 'S1' (also sources item 1)"
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
    assert problem.field == f"deception {first['subject']}.subject" and problem.line is not None
    assert problem.item == first["subject"]
    assert f"{first['kind']} '{first['subject']}' is already answered (deception item 1)" in (
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
    assert (problem.line, problem.field, problem.item) == (14, "relations 7->7.target", "7->7")
    assert problem.message == "'7' is also the source: a relation ties two different actors"
    assert str(problem).endswith(
        ":14: relations 7->7.target: '7' is also the source: a relation ties two different actors"
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
    assert (
        f"{path}:17: key_judgements KJ3.about: unknown hypothesis, event or scenario 'H9'" in said
    )
    assert f"{path}:18: key_judgements KJ3.id: duplicate id 'KJ3' (also key_judgements item 3)" in (
        said
    )
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
    assert "events H2.id: 'H2' is also the id of one of the hypotheses" in said
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


def _models(annotation):
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, pydantic.BaseModel):
        return [annotation]
    if origin is typing.Annotated:
        return _models(args[0])
    return [m for a in args for m in _models(a)]


def _literal(annotation):
    """The values a Literal inside ``annotation`` allows (through Optional and Annotated)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin is typing.Literal:
        return list(args)
    if origin is typing.Annotated:
        return _literal(args[0])
    return [v for a in args for v in _literal(a)]


def _enumerated_fields():
    """Every field of the case file holding one value of a scale (a Literal), found by walking
    the model, so that a field added later is covered: (model, field name, allowed values)."""
    seen, todo, found = set(), [Case], []
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            todo.extend(_models(info.annotation))
            allowed = _literal(info.annotation)
            if allowed:
                found.append(
                    pytest.param(model, name, tuple(allowed), id=f"{model.__name__}.{name}")
                )
    return found


def _spellings(value):
    """Ways an analyst may write a value: capitals, title case, _ for spaces, spaces around."""
    return [value.upper(), value.title(), f"  {value.upper().replace(' ', '_')} ", value.lower()]


@pytest.mark.parametrize(("model", "name", "allowed"), _enumerated_fields())
def test_every_enumerated_field_takes_any_letter_case_and_stores_the_scale_s_spelling(
    model, name, allowed
):
    info = model.model_fields[name]
    kind = typing.Annotated[(info.annotation, *info.metadata)] if info.metadata else info.annotation
    field = pydantic.TypeAdapter(kind)
    for value in allowed:
        assert [field.validate_python(s) for s in _spellings(value)] == [value] * 4
    with pytest.raises(pydantic.ValidationError):
        field.validate_python("certainly not one of them")


def test_the_enumerated_fields_are_the_scales():
    fields = {p.id: p.values[2] for p in _enumerated_fields()}
    assert fields == {
        "Source.reliability": tuple(scales.RELIABILITY),
        "Hypothesis.kind": scales.HYPOTHESIS_KINDS,
        "Evidence.type": tuple(scales.EVIDENCE_TYPES),
        "Assumption.rating": tuple(scales.ASSUMPTION_RATINGS),
        "Assumption.weakened": scales.YES_NO_UNCLEAR,
        "Indicator.direction": scales.INDICATOR_DIRECTIONS,
        "Indicator.status": scales.INDICATOR_STATUSES,
        "DeceptionCheck.kind": scales.DECEPTION_SUBJECTS,
        "Scenario.kind": scales.SCENARIO_KINDS,
        "Actor.kind": tuple(scales.ACTOR_KINDS),
        "Relation.type": tuple(scales.RELATION_TYPES),
        "Relation.sign": scales.RELATION_SIGNS,
        "PreviousAssessment.confidence": scales.CONFIDENCE_LEVELS,
        "Quantity.scale": scales.QUANTITY_SCALES,
    }


@pytest.mark.parametrize(
    ("scale", "aliases"),
    [
        (scales.ASSUMPTION_RATINGS, scales.ASSUMPTION_RATING_ALIASES),
        (scales.LEVELS, scales.LEVEL_ALIASES),
    ],
)
def test_aliases_take_any_letter_case_too(scale, aliases):
    read = scales.Canonical(scale, aliases)
    for alias, value in aliases.items():
        assert [read(s) for s in _spellings(alias)] == [value] * 4


def test_a_scale_s_words_as_keys_take_any_letter_case_and_a_key_given_twice_is_refused():
    case = Case.model_validate(
        {
            **BASE,
            "checklist": {q.upper(): "answered" for q in scales.CHECKLIST},
            "bayes": {
                "likelihoods": {c.lower(): 0.5 for c in scales.RATING_LADDER},
                "tempering": {"high": 1.0, "m": 0.8, " Low ": 0.5},
            },
            "deception": [
                {
                    "subject": "S1",
                    "kind": "Source",
                    "answers": {"MOSES.Controlled": {"rating": "h"}},
                }
            ],
        }
    )
    assert list(case.checklist) == list(scales.CHECKLIST)
    assert list(case.bayes.likelihoods) == list(scales.RATING_LADDER)
    assert dict(case.bayes.tempering) == {"H": 1.0, "M": 0.8, "L": 0.5}
    assert (case.deception[0].kind, list(case.deception[0].answers)) == (
        "source",
        ["moses.controlled"],
    )
    with pytest.raises(pydantic.ValidationError, match=r"'cc' and 'CC' are the same key \(CC\)"):
        Case.model_validate({**BASE, "bayes": {"likelihoods": {"cc": 0.9, "CC": 0.8}}})


def test_a_scenario_s_events_are_stored_as_not_x1():
    case = Case.model_validate(
        {
            **BASE,
            "events": [
                {"id": "X1", "description": "d", "probability": 0.5},
                {"id": "X2", "description": "d", "probability": 0.5},
            ],
            "scenarios": [
                {"id": "SC1", "name": "n", "events": ["X1", "NOT  X2"], "kind": "Most_Likely"}
            ],
        }
    )
    assert (case.scenarios[0].events, case.scenarios[0].kind) == (("X1", "not X2"), "most likely")


def test_a_case_file_in_capitals_validates_against_the_schema_and_loads_in_the_scale_s_words(write):
    import jsonschema
    import yaml

    from sat.io.yamlfile import load_yaml
    from sat.paths import EXAMPLE_CASE
    from sat.schema import case_schema

    data, _ = load_yaml(EXAMPLE_CASE.read_text(encoding="utf-8"), "case.yaml")
    shouted = []
    for section, name in [
        ("sources", "reliability"), ("hypotheses", "kind"), ("evidence", "type"),
        ("assumptions", "rating"), ("assumptions", "weakened"), ("indicators", "status"),
        ("indicators", "direction"), ("deception", "kind"), ("scenarios", "kind"),
        ("actors", "kind"), ("relations", "type"), ("relations", "sign"),
    ]:  # fmt: skip
        for entry in data.get(section) or ():
            if entry.get(name):
                entry[name] = f" {entry[name].upper().replace(' ', '_')} "
                shouted.append((section, name))
    assert len(set(shouted)) >= 10
    original = sat.load_case(EXAMPLE_CASE)
    text = yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
    jsonschema.validate(data, case_schema())  # an editor's schema check accepts it too
    case = sat.load_case(write(text))
    assert case.model_dump() == original.model_dump()
