"""sat.ids: an item is named as the analyst knows it (its id), its position only when it has none."""

import pytest

from sat.case import Case
from sat.ids import ID_RULE, field_at, id_text, locator

DATA = {
    "hypotheses": [{"id": "H1"}, {"id": "H2"}],
    "evidence": [{"id": "E1"}, {"id": 11}, {"id": "E 12"}, {"summary": "no id"}, "garbage"],
    "sources": [{"id": "S1"}],
    "assumptions": [{"id": "A1"}],
    "indicators": [{"id": "I1"}],
    "actors": [{"id": "CN"}, {"id": "JP"}],
    "relations": [{"source": "CN", "target": "JP"}, {"source": "CN", "target": ["JP"]}],
    "events": [{"id": "X1"}],
    "scenarios": [{"id": "SC1"}],
    "key_judgements": [{"id": "KJ1", "text": "t"}, {"text": "no id"}],
    "deception": [{"subject": "Chinese  government"}, {"subject": "x" * 65}],
    "information_gaps": ["one", {"text": "two"}],
}


@pytest.mark.parametrize(
    ("loc", "field", "item"),
    [
        (("hypotheses", 1, "resolution", "deadline"), "hypotheses H2.resolution.deadline", "H2"),
        (("evidence", 0, "quote", 0), "evidence E1.quote[0]", "E1"),
        (("evidence", 1, "ratings", "H5"), "evidence 11.ratings.H5", "11"),  # `id: 11` is text
        (("evidence", 0, "analyst_ratings", "A", "H1"), "evidence E1.analyst_ratings.A.H1", "E1"),
        (("sources", 0, "sha256"), "sources S1.sha256", "S1"),
        (("assumptions", 0, "weakened"), "assumptions A1.weakened", "A1"),
        (("indicators", 0, "ratings", "H9"), "indicators I1.ratings.H9", "I1"),
        (("actors", 1, "kind"), "actors JP.kind", "JP"),
        (("relations", 0, "weight"), "relations CN->JP.weight", "CN->JP"),
        (("events", 0), "events X1", "X1"),
        (("scenarios", 0, "timeline", 1, "when"), "scenarios SC1.timeline[1].when", "SC1"),
        (("key_judgements", 0, "about"), "key_judgements KJ1.about", "KJ1"),
        (
            ("deception", 0, "answers", "mom.motive", "rating"),
            "deception Chinese government.answers.mom.motive.rating",
            "Chinese government",
        ),
        (("information_gaps", 1, "ratings", "H9"), "information_gaps G2.ratings.H9", "G2"),
        # no usable name: the position, as before
        (("evidence", 2, "id"), "evidence[2].id", None),  # not a valid id
        (("evidence", 3, "summary"), "evidence[3].summary", None),  # no id
        (("evidence", 4), "evidence[4]", None),  # not an entry at all
        (("evidence", 9, "id"), "evidence[9].id", None),  # past the end
        (("relations", 1, "target"), "relations[1].target", None),  # an end that is no id
        (("key_judgements", 1, "text"), "key_judgements[1].text", None),
        (("deception", 1, "subject"), "deception[1].subject", None),  # too long to name it by
        # not in a list of items
        (("previous_assessment", "about"), "previous_assessment.about", None),
        (("estimates", "Analyst A", "H2"), "estimates.Analyst A.H2", None),
        (("checklist",), "checklist", None),
        ((), "", None),
    ],
)
def test_an_item_is_named_by_its_id_and_the_field_follows(loc, field, item):
    assert locator(DATA)(loc) == (field, item)
    assert field_at(loc, DATA) == field


def test_a_case_model_is_named_the_same_way_as_the_data_it_was_read_from(example_case):
    e = example_case.evidence[3]
    assert field_at(("evidence", 3, "quote", 0), example_case) == f"evidence {e.id}.quote[0]"
    dumped = example_case.model_dump(mode="json")
    for loc in [("evidence", 3, "quote", 0), ("relations", 2, "type"), ("deception", 1)]:
        assert field_at(loc, dumped) == field_at(loc, example_case)


def test_anything_but_a_case_gives_positions():
    assert field_at(("evidence", 0, "id"), None) == "evidence[0].id"
    assert field_at(("evidence", 0, "id"), {"evidence": "E1"}) == "evidence[0].id"


def test_a_case_built_in_python_names_its_broken_reference_by_id():
    with pytest.raises(ValueError, match=r"evidence E7\.ratings\.H9: unknown hypothesis 'H9'"):
        Case.model_validate(
            {
                "id": "t",
                "title": "T",
                "question": "Q?",
                "date": "2026-01-01",
                "analysts": ["me"],
                "hypotheses": [
                    {"id": "H1", "label": "a", "statement": "A."},
                    {"id": "H2", "label": "b", "statement": "B."},
                ],
                "evidence": [{"id": "E7", "summary": "x", "ratings": {"H9": "C"}}],
            }
        )


def test_ids_as_text_and_the_rule_in_words():
    assert (id_text(7), id_text("E1"), id_text(True), id_text(None)) == ("7", "E1", True, None)
    assert ID_RULE == (
        "an id: 1-64 letters, digits, '_', '.', ':' or '-', starting with a letter or digit"
    )
