import pandas as pd
import pytest

import sat
from sat.case import Case
from sat.errors import CaseError


def make(items):
    return Case.model_validate(
        {
            "id": "i",
            "title": "I",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["t"],
            "hypotheses": [{"id": h, "label": h, "statement": h} for h in ("H1", "H2", "H3")],
            "evidence": [
                {"id": "E1", "summary": "a", "ratings": {"H1": "C", "H2": "I", "H3": "II"}},
            ],
            "indicators": items,
        }
    )


ITEMS = [
    {
        "id": "I1",
        "hypothesis": "H1",
        "description": "a",
        "direction": "supports",
        "status": "observed",
        "observed": "2026-01-10",
    },
    {"id": "I2", "hypothesis": "H1", "description": "b", "direction": "undermines"},
    {
        "id": "I3",
        "hypothesis": "H2",
        "description": "c",
        "status": "contradicted",
        "observed": "2026-02-01",
    },
    {"id": "I4", "hypothesis": "H3", "description": "d"},
    {"id": "I5", "hypothesis": "H2", "description": "e"},
    {
        "id": "I6",
        "hypothesis": "H3",
        "description": "f",
        "status": "observed",
        "observed": "2026-02-03",
    },
]


def test_shares_changes_watch_and_warnings():
    result = sat.analyse(make(ITEMS), since="2026-02-01").indicators
    by = result.by_hypothesis
    assert by["indicators"].tolist() == [2, 2, 2]
    assert by["observed"].tolist() == [1, 0, 1]
    assert result.observed_count == 2
    assert by["contradicted"].tolist() == [0, 1, 0]
    assert by["share_observed"].tolist() == pytest.approx([0.5, 0.0, 0.5])
    assert result.changed == ("I3", "I6")
    # H2 is 1 step from the lead (E1 I -> N), H3 2 steps: the leader's underminer first, then H2, then H3
    assert list(result.watch.index) == ["I2", "I5", "I4"]
    watch = result.watch
    assert watch.loc["I2", ["effect", "steps"]].tolist() == ["undermines_leader", None]
    assert watch.loc["I5", ["effect", "steps"]].tolist() == ["supports_challenger", 1]
    assert watch.loc["I4", ["effect", "steps"]].tolist() == ["supports_challenger", 2]
    assert list(result.warnings.index) == ["I6"]
    assert result.warnings.loc["I6", ["effect", "steps"]].tolist() == ["supports_challenger", 2]
    assert "why" not in watch.columns  # the words are the presentation layer's


def test_hypotheses_without_indicators_are_uncovered():
    result = sat.analyse(make(ITEMS[:2])).indicators
    assert result.uncovered == ("H2", "H3")
    assert pd.isna(result.by_hypothesis.loc["H2", "share_observed"])
    assert result.changed == ()
    assert result.to_dict()["by_hypothesis"][1]["share_observed"] is None


def test_example_case_has_two_indicators_per_hypothesis(example_case):
    result = sat.analyse(example_case, since="2026-02-01").indicators
    assert (result.by_hypothesis["indicators"] >= 2).all()
    assert result.changed == ()  # nothing in the seed texts has been observed yet


@pytest.mark.parametrize(
    ("line", "field", "needle"),
    [
        (
            "{id: I1, hypothesis: H1, description: d, status: seen}",
            "indicators I1.status",
            "allowed: not observed, observed, contradicted;",
        ),
        (
            "{id: I1, hypothesis: H7, description: d}",
            "indicators I1.hypothesis",
            "unknown hypothesis 'H7'",
        ),
        (
            "{id: I1, hypothesis: H1, description: d, evidence: [E9]}",
            "indicators I1.evidence[0]",
            "unknown evidence item 'E9'",
        ),
        (
            "{id: I1, hypothesis: H1, description: d, direction: sideways}",
            "indicators I1.direction",
            "allowed: supports, undermines;",
        ),
    ],
)
def test_bad_indicators_are_located(write, line, field, needle):
    text = (
        "id: k\ntitle: K\nquestion: Q\ndate: 2026-01-01\nanalysts: [t]\n"
        "hypotheses:\n  - {id: H1, label: a, statement: a}\n  - {id: H2, label: b, statement: b}\n"
        f"indicators:\n  - {line}\n"
    )
    with pytest.raises(CaseError) as info:
        sat.load_case(write(text))
    (problem,) = info.value.problems
    assert (problem.line, problem.field) == (10, field)
    assert needle in problem.message
