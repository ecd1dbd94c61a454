"""The case model's parts live in sat.models and sat.matrix, and sat.case still offers each of them
under the name it always had."""

import importlib

import pytest

import sat.case

#: Where each name sat.case offered before the split now lives.
_HOMES = {
    "sat.models.fields": [
        "FrozenDict",
        "Id",
        "Level",
        "OneLine",
        "PositiveProbability",
        "Probability",
        "Rating",
        "Text",
        "Title",
        "Url",
        "frozen",
    ],
    "sat.models.evidence": ["BayesSettings", "Elicitation", "Evidence", "Hypothesis", "Source"],
    "sat.models.challenges": ["Answer", "Assumption", "DeceptionCheck", "Indicator"],
    "sat.models.futures": ["Event", "Futures", "Scenario", "TimelineEntry"],
    "sat.models.actors": ["Actor", "Relation"],
    "sat.models.judgements": [
        "Implications",
        "InformationGap",
        "KeyJudgement",
        "PreviousAssessment",
        "Recommendations",
        "Resolution",
    ],
    "sat.matrix": ["Matrix"],
    "sat.checks": [
        "estimate_notes",
        "prior_notes",
        "prior_probabilities",
        "reference_problems",
        "split_event_ref",
    ],
}


@pytest.mark.parametrize(("module", "name"), [(m, n) for m, names in _HOMES.items() for n in names])
def test_sat_case_offers_each_part_under_its_old_name(module, name):
    assert getattr(sat.case, name) is getattr(importlib.import_module(module), name)


def test_every_name_in_sat_case_all_is_importable():
    assert {"Case", "select_evidence"} <= set(sat.case.__all__)
    for name in sat.case.__all__:
        assert getattr(sat.case, name) is not None
