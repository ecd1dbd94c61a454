"""sat.io.validate and sat.io.plain: every problem names its item by id, says what is wrong in
plain words and what is allowed (never pydantic's own text)."""

import copy
import json
import re
import textwrap
import typing

import pytest
from pydantic import BaseModel

import sat
from sat.case import Case, Evidence, Hypothesis
from sat.errors import CaseError
from sat.ids import locator
from sat.io.validate import build_case, plain_problems
from sat.io.yamlfile import load_yaml
from sat.paths import EXAMPLE_CASE

#: A case with one mistake deep inside an item of nearly every section (line numbers matter).
DEEP = textwrap.dedent(
    """\
    id: deep
    title: Deep
    question: Q?
    date: 2026-01-01
    analysts: [A, B]
    sources:
      - {id: S1, title: One, reliability: c, reliability_reason: ok}
      - {id: S2, title: Two, sha256: xyz}
    hypotheses:
      - {id: H1, label: One, statement: First., resolution: {criterion: c, deadline: soon}}
      - {id: H2, label: Two, statement: Second., prior: 2, kind: NULLX}
    evidence:
      - {id: E1, summary: Seen, sources: [S1], ratings: {H1: C, H2: I}}
      - id: E11
        summary: Deep
        quote: ["fine", ""]
        information_credibility: 7
        analyst_ratings: {A: {H1: Q}}
        type: HUMINT
      - {id: "E 12", summary: bad id, ratings: {H1: C}, relevance: Huge}
    assumptions:
      - {id: A1, statement: s, weakened: maybe, rating: Basically_Solid}
    indicators:
      - {id: I1, hypothesis: H1, description: d, ratings: {H9: C}, status: Observed}
    actors:
      - {id: CN, name: China, kind: country}
      - {id: JP, name: Japan, kind: STATE}
    relations:
      - {source: CN, target: JP, type: Sanctions, weight: 20}
    events:
      - {id: X1, description: e, per_period: 0.1}
    scenarios:
      - {id: SC1, name: S, events: [X1], kind: Most_Likely, timeline: [{when: soon}]}
    estimates:
      A: {H1: 1.5, H2: 0.5}
    key_judgements:
      - {id: KJ1, text: "", about: H1}
      - {text: t, about: H7}
    previous_assessment: {source: s, conclusion: c, confidence: sure}
    deception:
      - {subject: CN, kind: Actor, answers: {MOM.Motive: {rating: X}}}
    information_gaps:
      - text: g
        ratings: {H1: C}
    checklist: {Change_Mind: ok, nonsense: q}
    bayes: {likelihoods: {cc: 0.9, CC: 0.8}, draws: 5}
    """
)

ID_WORDS = "an id: 1-64 letters, digits, '_', '.', ':' or '-', starting with a letter or digit"
PROBABILITY = "should be a probability: a number from 0 to 1, or a percentage such as 60%"


def test_every_problem_deep_in_an_item_names_the_item_by_id(write):
    path = write(DEEP)
    with pytest.raises(CaseError) as info:
        sat.load_case(path)
    found = [(p.line, p.field, p.item, p.message) for p in info.value.problems]
    assert found == [
        (8, "sources S2.sha256", "S2",
         "'xyz' is not a SHA-256 digest: 64 hexadecimal digits (0-9 and a-f)"),
        (10, "hypotheses H1.resolution.deadline", "H1",
         "'soon' is not a date (write YYYY-MM-DD, e.g. 2026-01-06)"),
        (11, "hypotheses H2.kind", "H2",
         "'NULLX' is not allowed (allowed: substantive, null, deception, residual; in any "
         "letter case)"),
        (11, "hypotheses H2.prior", "H2", f"{PROBABILITY} (got 2)"),
        (16, "evidence E11.quote[1]", "E11", "must not be empty"),
        (17, "evidence E11.information_credibility", "E11",
         "should be a whole number from 1 to 6 (got 7)"),
        (18, "evidence E11.analyst_ratings.A.H1", "E11",
         "'Q' is not a rating (allowed: CC, C, N, I, II, NA, or ++ + 0 - --, or a probability "
         "between 0 and 1 such as 0.7 or 70%)"),
        (20, "evidence[2].id", None, f"'E 12' is not {ID_WORDS}"),  # an id that is no id
        (20, "evidence[2].relevance", None,
         "'Huge' is not a level (allowed: H, M, L, or high, medium, low)"),
        (22, "assumptions A1.weakened", "A1",
         "'maybe' is not allowed (allowed: yes, no, unclear; in any letter case)"),
        (24, "indicators I1.ratings.H9", "I1", "unknown hypothesis 'H9' (known: H1, H2)"),
        (26, "actors CN.kind", "CN",
         "'country' is not allowed (allowed: person, government body, state, company, "
         "international organisation, media, other; in any letter case)"),
        (29, "relations CN->JP.weight", "CN->JP",
         "should be a number above 0 and at most 10 (got 20)"),
        (31, "events X1", "X1", "give per_period and periods together"),
        (33, "scenarios SC1.timeline[0].what", "SC1", "required field is missing"),
        (35, "estimates.A.H1", None, f"{PROBABILITY} (got 1.5)"),
        (37, "key_judgements KJ1.text", "KJ1", "must not be empty"),
        (38, "key_judgements[1].about", None,  # a key judgement without an id
         "unknown hypothesis, event or scenario 'H7' (known: H1, H2, X1, SC1)"),
        (39, "previous_assessment.confidence", None,
         "'sure' is not allowed (allowed: low, moderate, high; in any letter case)"),
        (41, "deception CN.answers.mom.motive.rating", "CN",
         "'X' is not a level (allowed: H, M, L, or high, medium, low)"),
        (43, "information_gaps G1", "G1",
         "ratings need the observation they rate: add `observation: ...`"),
        (45, "checklist", None,
         "unknown checklist question 'nonsense' (allowed: change_mind, other_assumptions, "
         "mirror_imaging, other_causes, deception, surprise, base_rates, numbers, absence)"),
        (46, "bayes.draws", None, "should be a whole number from 100 to 1,000,000 (got 5)"),
        (46, "bayes.likelihoods", None, "'cc' and 'CC' are the same key (CC): give it once"),
    ]  # fmt: skip
    assert str(info.value.problems[4]) == f"{path}:16: evidence E11.quote[1]: must not be empty"


def test_sat_validate_json_gives_each_problem_its_item(write, capsys):
    from sat.cli import main

    path = write(DEEP)
    assert main(["validate", "--json", str(path)]) == 1
    report = json.loads(capsys.readouterr().out)
    first = report["problems"][0]
    assert list(first) == ["file", "line", "field", "item", "message"]
    assert (first["field"], first["item"], first["line"]) == ("sources S2.sha256", "S2", 8)
    items = {p["field"]: p["item"] for p in report["problems"]}
    assert items["evidence E11.quote[1]"] == "E11" and items["evidence[2].id"] is None


def test_a_duplicate_yaml_key_names_its_item(write):
    text = textwrap.dedent(
        """\
        id: t
        title: T
        question: Q?
        date: 2026-01-01
        analysts: [me]
        hypotheses:
          - {id: H1, label: One, statement: First.}
          - {id: H2, label: Two, statement: Second.}
        evidence:
          - id: E4
            summary: Seen
            ratings: {H1: C, H1: I}
        """
    )
    with pytest.raises(CaseError) as info:
        sat.load_case(write(text))
    (problem,) = info.value.problems
    assert (problem.line, problem.field, problem.item) == (12, "evidence E4.ratings.H1", "E4")
    assert problem.message.startswith("duplicate key 'H1' (first on line 12)")


def test_the_stored_sources_check_names_the_item_by_id(write):
    text = DEEP.split("sources:")[0] + textwrap.dedent(
        """\
        sources:
          - {id: S1, title: One, reliability: C, reliability_reason: ok, file: missing.txt}
        hypotheses:
          - {id: H1, label: One, statement: First.}
          - {id: H2, label: Two, statement: Second.}
        evidence:
          - {id: E7, summary: Seen, sources: [S1], quote: Words, ratings: {H1: C}}
        """
    )
    with pytest.raises(CaseError) as info:
        sat.load_case(write(text), check_sources=True)
    assert {(p.field, p.item) for p in info.value.problems} >= {("sources S1.file", "S1")}


#: Values of every shape, none of them right for any field.
WRONG = [[1, 2], {"a": 1}, "%% not this %%", -5, 10**12, "x" * 20_001, True]
#: pydantic's and Python's own words, which an analyst should never read.
RAW = re.compile(
    r"(?i)Input should|String should|should match pattern|Value error|Field required|dictionary"
    r"|tuple|\bdict\b|\bstr\b|\bint\b|float|type=|pydantic|\[\^|\{0,|\\s|\\d|Literal"
)


def _models(annotation):
    """The models an annotation holds (through Optional, Annotated, tuples and mappings)."""
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return [annotation]
    if origin is typing.Annotated:
        return _models(args[0])
    return [m for a in args for m in _models(a)]


def _fields(model, at, data):
    """The location of every field of ``model`` and of the models inside it that ``data`` (the
    plain data of a case, or of one of its parts) gives an entry to walk into."""
    for name, info in model.model_fields.items():
        yield (*at, name)
        value = data.get(name)
        for inner in _models(info.annotation):
            if isinstance(value, list) and value and isinstance(value[0], dict):
                yield from _fields(inner, (*at, name, 0), value[0])  # a list of entries
            elif isinstance(value, dict) and set(value) & set(inner.model_fields):
                yield from _fields(inner, (*at, name), value)  # the entry itself
            elif isinstance(value, dict):  # entries by key (answers, elicitation sessions)
                keys = [k for k, v in value.items() if isinstance(v, dict)]
                yield from _fields(inner, (*at, name, keys[0]), value[keys[0]]) if keys else ()


#: The fields an item is named by: a wrong value there leaves it known by position only.
NAMING = {"id", "source", "target", "subject"}


def test_every_field_says_what_is_wrong_in_plain_words_and_names_its_item():
    """Each field of the model (found by walking it, so a field added later is covered), given
    values of every wrong shape, gets located lines without pydantic's or Python's words, its
    item named by id."""
    base, lines = load_yaml(EXAMPLE_CASE.read_text(encoding="utf-8"), "case.yaml")
    base["elicitation"] = {base["analysts"][0]: {"seed": 1, "order": [], "entered": []}}
    base["hypotheses"][0]["resolution"] = {"criterion": "c", "deadline": "2027-01-01"}
    places = list(_fields(Case, (), base))
    assert len(places) > 150  # every section's fields, and nested models' too
    named = locator(base)
    checked = 0
    for loc in places:
        name = named(loc[:2])[1] if len(loc) > 2 and loc[2] not in NAMING else None
        for wrong in WRONG:
            data = copy.deepcopy(base)
            parent = data
            for step in loc[:-1]:
                parent = parent[step]
            parent[loc[-1]] = wrong
            try:
                build_case(data, lines, "case.yaml")
            except CaseError as exc:
                for problem in exc.problems:
                    assert not RAW.search(problem.message), (loc, wrong, str(problem))
                    assert problem.message and "\n" not in problem.message, (loc, wrong)
                    assert problem.line is not None, (loc, wrong, str(problem))
                    if name is not None:
                        assert not problem.field.startswith(f"{loc[0]}[{loc[1]}]"), problem
                    checked += 1
    assert checked > 500


@pytest.mark.parametrize(
    ("model", "values", "expected"),
    [
        (
            Hypothesis,
            {"id": "", "label": "", "statement": "", "prior": None, "kind": "substantive"},
            [
                ("id", f"is empty; write {ID_WORDS}"),
                ("label", "must not be empty"),
                ("statement", "must not be empty"),
            ],
        ),
        (
            Hypothesis,
            {"id": "H 5", "label": "Five", "statement": "It is.", "kind": "Null", "prior": "lots"},
            [("id", f"'H 5' is not {ID_WORDS}"), ("prior", f"{PROBABILITY} (got 'lots')")],
        ),
        (
            Evidence,
            {"id": "E12", "summary": "x", "type": "rumour", "date": "2026-13-01"},
            [
                ("date", "'2026-13-01' is not a date (write YYYY-MM-DD, e.g. 2026-01-06)"),
                (
                    "type",
                    "'rumour' is not allowed (allowed: report, official statement, expert "
                    "comment, data, document, imagery, humint, sigint, masint, assumption, "
                    "absence of evidence, other; in any letter case)",
                ),
            ],
        ),
        (
            Evidence,
            {"id": "E12", "summary": "x", "quote": ["ok", ""], "sumary": "typo"},
            [
                ("quote[1]", "must not be empty"),
                ("sumary", "unknown field (allowed: " + ", ".join(Evidence.model_fields) + ")"),
            ],
        ),
        (Evidence, {"id": "E12", "summary": "x", "type": "HUMINT", "credibility": "high"}, []),
    ],
)
def test_a_form_gets_the_same_plain_words(model, values, expected):
    assert plain_problems(model, values) == expected


@pytest.mark.parametrize(
    ("field", "value", "expected"),
    [
        ("title", "x" * 501, "is 501 characters long; at most 500 are allowed"),
        ("analysts", [], "needs at least 1 entry (got 0)"),
        ("exclusive", "perhaps", "should be true or false (got 'perhaps')"),
        ("date", "yesterday", "'yesterday' is not a date (write YYYY-MM-DD, e.g. 2026-01-06)"),
        ("hypotheses", [{"id": "H1", "label": "a", "statement": "s"}],
         "a case needs at least 2 hypotheses to compare"),
        ("futures", {"drivers": ["X1", "X2", "X3"]}, "takes at most 2 entries (got 3)"),
        ("bayes", {"seed": -1}, "should be a whole number of 0 or more (got -1)"),
        ("bayes", {"likelihoods": {"C": 1.5}}, "should be a number above 0 and below 1 (got 1.5)"),
        ("sources", [{"id": "S1", "title": "t", "reliability": "B2"}],
         "'B2' joins the source's reliability (B) to the information's credibility (2, on the "
         "1-6 scale): write `reliability: B` here, and rate the credibility of each evidence "
         "item drawn from this source as its `credibility:` (H, M or L)"),
    ],
)  # fmt: skip
def test_each_kind_of_error_says_what_the_field_allows(field, value, expected):
    data, lines = load_yaml(EXAMPLE_CASE.read_text(encoding="utf-8"), "case.yaml")
    data[field] = value
    with pytest.raises(CaseError) as info:
        build_case(data, lines, "case.yaml")
    assert expected in [p.message for p in info.value.problems]
