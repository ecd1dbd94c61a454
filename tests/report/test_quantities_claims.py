"""The Quantities section's sentences and the earned-weight pool's: each true of its numbers in
every situation a generator finds (SAT-REFERENCE section 10)."""

import pytest
from hypothesis import HealthCheck, given, settings

import sat
from sat.analysis import earn_weights
from sat.case import Case
from sat.io.register import Entry
from sat.report.claims import claims_of
from sat.report.claims.quantities import quantities_claims
from sat.report.conditions import Facts, holds
from sat.testing import quantity_cases

HYPOTHESES = [
    {"id": "H1", "label": "a", "statement": "A."},
    {"id": "H2", "label": "b", "statement": "B."},
]


def said(case):
    analysis = sat.analyse(case)
    try:
        result = analysis.quantities
    except sat.AnalysisError:
        return analysis, []
    return analysis, quantities_claims(case, result, analysis.optional("experts"))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quantity_cases())
def test_every_quantities_sentence_holds_of_its_numbers(case):
    analysis, claims = said(case)
    facts = Facts.of(analysis)
    for claim in claims:
        assert holds(claim, facts), (claim.kind, claim.text)
    assert "nan" not in " ".join(c.text for c in claims).lower()


def _case(quantities, answers, quantiles=(0.05, 0.5, 0.95)):
    return Case.model_validate(
        {"id": "q", "title": "Q", "question": "How many?", "date": "2026-01-01",
         "analysts": list(answers) or ["Ana"], "hypotheses": HYPOTHESES,
         "quantiles": list(quantiles), "quantities": quantities, "quantity_estimates": answers}
    )  # fmt: skip


def test_the_example_case_says_each_weighing_sentence_and_all_hold():
    case = sat.load_case(sat.paths.EXAMPLE_CASE)
    analysis, claims = said(case)
    kinds = [c.kind for c in claims]
    assert kinds == ["quantities.weights", "quantities.few_seeds", "quantities.dominant",
                     "quantities.estimate", "quantities.estimate", "quantities.four_point",
                     "quantities.unrevised"]  # fmt: skip
    # Analyst C answered the targets in four points, and Q5 only in round 1 (IDEA's second
    # round revised Q4): the tables show C's widened answers, Q5's from before the discussion
    assert claims[5].text.startswith("Analyst C answered Q4 and Q5 in IDEA's four points")
    assert claims[6].text == "Analyst C's answer to Q5 is from round 1, not revised in round 2."
    facts = Facts.of(analysis)
    assert all(holds(c, facts) for c in claims)
    q4 = claims[3]
    assert (
        q4.figures["decision_maker"] == "global"
        and q4.figures["equal"]["decision_maker"] == "equal"
    )
    assert q4.text.startswith(
        "Q4 (Firms named by 30 June): the performance-weighted combination puts it at "
    )
    assert "a 90% range of" in q4.text and "(equal weights: " in q4.text


def test_without_seeds_the_equal_weight_combination_is_said_to_be_so():
    case = _case(
        [{"id": "Q1", "question": "Target?", "unit": "%"}, {"id": "Q2", "question": "Other?"}],
        {"Ana": [{"quantity": "Q1", "values": [2, 4]}], "Ben": [{"quantity": "Q1", "values": [6, 8]}]},
        quantiles=(0.1, 0.8),
    )  # fmt: skip
    analysis, claims = said(case)
    assert [c.kind for c in claims] == [
        "quantities.unweighed",
        "quantities.estimate",
        "quantities.unanswered",
    ]
    assert "no quantity has a known answer" in claims[0].text
    # no 50% quantile: no median said, and a 10th to 80th percentile range, not "a 70% range"
    assert claims[1].text.startswith(
        "Q1: the equal-weight combination gives a 10th to 80th percentile range of"
    )
    assert "%" in claims[1].text and "median" not in claims[1].figures
    assert claims[2].text == "Nobody has answered Q2 yet."
    facts = Facts.of(analysis)
    assert all(holds(c, facts) for c in claims)


def test_an_analyst_without_a_seed_answer_is_said_to_be_left_out_of_the_weighted_combination():
    case = _case(
        [{"id": "Q1", "question": "Seed?", "realization": {"value": 5}}, {"id": "Q2", "question": "Target?"}],
        {"Ana": [{"quantity": "Q1", "values": [2, 4, 8]}, {"quantity": "Q2", "values": [1, 2, 3]}],
         "Ben": [{"quantity": "Q2", "values": [4, 5, 6]}]},
    )  # fmt: skip
    analysis, claims = said(case)
    unseeded = [c for c in claims if c.kind == "quantities.unseeded"]
    assert [c.text for c in unseeded] == [
        "Ben answered no seed question, so the weighted combination leaves their answers out; "
        "the equal-weight one counts them."
    ]
    facts = Facts.of(analysis)
    assert all(holds(c, facts) for c in claims)


def entry(ident, who, p, outcome):
    return Entry(ident, 1, "c", "v", who, "hypothesis", "s", p, "", None, None, outcome)


@pytest.mark.parametrize(
    ("rows", "kinds"),
    [
        ([entry("J1", "Analyst A", 0.9, 1), entry("J1", "Analyst B", 0.2, 1),
          entry("J2", "Analyst A", 0.1, 0), entry("J2", "Analyst B", 0.8, 0)],
         ["estimates.weighted", "estimates.weights_tested", "estimates.few_judgements"]),
        ([entry("J1", "Zed", 0.9, 1), entry("J1", "Yan", 0.2, 1)],
         ["estimates.unearned"]),
    ],
)  # fmt: skip
def test_the_pool_with_earned_weights_says_whose_and_whether_they_helped(rows, kinds):
    case = sat.load_case(sat.paths.EXAMPLE_CASE)
    analysis = sat.analyse(case, earned=earn_weights(rows))
    claims = [
        c
        for c in claims_of("estimates", analysis)
        if c.kind
        in {
            "estimates.weighted",
            "estimates.weights_tested",
            "estimates.few_judgements",
            "estimates.unearned",
        }
    ]
    assert [c.kind for c in claims] == kinds
    facts = Facts.of(analysis)
    assert all(holds(c, facts) for c in claims)
    without = Facts.of(sat.analyse(case))  # the same sentences are false of an analysis without it
    assert not any(holds(c, without) for c in claims)
