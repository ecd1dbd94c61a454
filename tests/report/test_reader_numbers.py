"""The reader's brief on the team's numbers: each answered target's combined estimate in one
sentence, true of its numbers in every situation a generator finds (SAT-REFERENCE section 10),
and by hand on a weighted combination, an equal-weight one, a log-scale item and no target."""

from __future__ import annotations

import html
import math

from hypothesis import HealthCheck, given, settings

import sat
from sat.case import Case
from sat.paths import EXAMPLE_CASE
from sat.report.claims._reader_numbers import TARGETS, numbers_claims
from sat.report.conditions import Facts, holds
from sat.report.reader import reader_brief
from sat.testing import quantity_cases

HYPOTHESES = [
    {"id": "H1", "label": "a", "statement": "A."},
    {"id": "H2", "label": "b", "statement": "B."},
]
SEED = {"id": "Q1", "question": "Seed?", "realization": {"value": 5}}
TARGET = {"id": "Q2", "label": "Firms named", "question": "How many firms?", "unit": "firms"}


def _case(quantities, answers, quantiles=(0.05, 0.5, 0.95), analysts=None):
    return Case.model_validate(
        {"id": "q", "title": "Q", "question": "How many?", "date": "2026-01-01",
         "analysts": analysts or list(answers) or ["Ana"], "hypotheses": HYPOTHESES,
         "quantiles": list(quantiles), "quantities": quantities, "quantity_estimates": answers}
    )  # fmt: skip


def said(case):
    analysis = sat.analyse(case)
    claims = numbers_claims(analysis)
    facts = Facts.of(analysis)
    for claim in claims:
        assert holds(claim, facts), (claim.kind, claim.text)
    return claims


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quantity_cases())
def test_every_numbers_sentence_holds_of_its_numbers(case):
    claims = said(case)
    text = " ".join(c.text for c in claims)
    assert "nan" not in text.lower()
    targets = [q.id for q in case.quantities if q.realization is None]
    answered = {a.quantity for given in case.quantity_estimates.values() for a in given}
    sentences = [c for c in claims if c.kind == "reader.numbers"]
    said_targets = [e["quantity"] for c in sentences for e in c.figures["estimates"]]
    # the first answered targets once each (the rest counted), at most a sentence each, then
    # the pointer to the annex
    first = [q for q in targets if q in answered][:TARGETS]
    assert sorted(said_targets) == sorted(first)
    assert len(sentences) <= len(said_targets)
    assert [c.kind for c in claims[len(sentences) :]] == (
        ["reader.numbers_annex"] if sentences else []
    )
    for c in sentences:
        assert c.figures["analysts"], c.text  # never a combination of nobody's answers
        n, of = len(c.figures["analysts"]), c.figures["answered"]
        assert (f", {n} of {of} analysts" if n < of else f", {n} analyst") in c.text


def test_the_weighted_combination_of_one_weighed_analyst_is_their_answer():
    # Ben answered no seed: the weighted combination is Ana's answer alone (one expert's
    # mixture is that expert); the equal-weight one would mix Ben's in
    case = _case(
        [SEED, TARGET],
        {"Ana": [{"quantity": "Q1", "values": [2, 4, 8]}, {"quantity": "Q2", "values": [10, 20, 40]}],
         "Ben": [{"quantity": "Q2", "values": [50, 60, 70]}]},
    )  # fmt: skip
    estimate, pointer = said(case)
    assert estimate.text == (
        "Weighted by their record on 1 seed question, 1 of 2 analysts puts Firms named at 20 "
        "firms (median; 90% range 10–40)."
    )
    assert estimate.figures["decision_maker"] == "global"
    assert estimate.figures["analysts"] == ("Ana",) and estimate.figures["seeds"] == 1
    assert pointer.text == (
        "Few seed questions back the weights. Workings and cautions: annex, “The team's numbers”."
    )
    assert pointer.figures["few_seeds"]


def test_without_seeds_the_equal_weight_combination_is_said_with_why():
    # two analysts, equal weights: the range [2, 8] widened by 10% each side to [1.4, 8.6]; the
    # median is 5 by symmetry and the 5% where the CDFs average 0.05: 2.09434 (and 7.90566)
    case = _case(
        [TARGET],
        {"Ana": [{"quantity": "Q2", "values": [2, 3, 4]}],
         "Ben": [{"quantity": "Q2", "values": [6, 7, 8]}]},
    )  # fmt: skip
    estimate, _ = said(case)
    assert estimate.text == (
        "Weighted equally (no question has a known answer to weigh them on), 2 analysts put "
        "Firms named at 5 firms (median; 90% range 2.1–7.9)."
    )
    (figures,) = estimate.figures["estimates"]
    assert math.isclose(figures["low"], 2.09434, abs_tol=1e-5)


def test_seeds_nobody_answered_give_equal_weights_and_say_so():
    case = _case([SEED, TARGET], {"Ana": [{"quantity": "Q2", "values": [2, 3, 4]}]})
    estimate, _ = said(case)
    assert estimate.text.startswith("Unweighted (nobody answered a question with a known answer)")
    assert estimate.figures["because"] == "no_seed_answers"


def test_a_log_scale_target_is_combined_on_its_log_scale():
    # in log10: Ana (0, 1, 2), Ben (2, 3, 4) over [-0.4, 4.4]; the median is 2 (100) by
    # symmetry; the 5% solves 0.05 + 0.45 y + 0.05 (y + 0.4) / 2.4 = 0.1: y = 0.0884956,
    # 10^y = 1.2256, and the 95% is 10^(4 - y) = 8159.1
    target = {**TARGET, "scale": "log", "label": None, "question": "How many firms by June?"}
    case = _case(
        [target],
        {"Ana": [{"quantity": "Q2", "values": [1, 10, 100]}],
         "Ben": [{"quantity": "Q2", "values": [100, 1000, 10000]}]},
    )  # fmt: skip
    estimate, _ = said(case)
    assert estimate.text.endswith(
        "2 analysts put “How many firms by June?” at 100 firms (median; 90% range 1.2–8,200)."
    )
    (figures,) = estimate.figures["estimates"]
    assert math.isclose(figures["low"], 10**0.0884956, rel_tol=1e-6)
    assert math.isclose(figures["high"], 10 ** (4 - 0.0884956), rel_tol=1e-6)


def test_no_target_or_no_answer_says_nothing():
    seeds_only = _case([SEED], {"Ana": [{"quantity": "Q1", "values": [2, 4, 8]}]})
    unanswered = _case([SEED, TARGET], {"Ana": [{"quantity": "Q1", "values": [2, 4, 8]}]})
    nobody = _case([TARGET], {})
    for case in (seeds_only, unanswered, nobody):
        assert said(case) == []
        assert "The team's estimates" not in str(reader_brief(sat.analyse(case)))


def test_more_targets_than_the_brief_states_are_counted_and_left_to_the_annex():
    extra = [{"id": f"Q{i}", "label": f"Count {i}", "question": "How many?"} for i in (3, 4, 5)]
    answers = [{"quantity": q, "values": [1, 2, 3]} for q in ("Q2", "Q3", "Q4", "Q5")]
    case = _case([TARGET, *extra], {"Ana": answers})
    estimate, pointer = said(case)
    assert [e["quantity"] for e in estimate.figures["estimates"]] == ["Q2", "Q3", "Q4"]
    assert "Count 5" not in estimate.text
    assert pointer.text == "1 more target, workings and cautions: annex, “The team's numbers”."


def test_the_latest_round_counts_and_an_analyst_of_round_1_only_still_counts():
    # Ana moved from (20, 30, 40) to (2, 3, 4) in round 2; Ben answered in round 1 only: the
    # combination is of (2, 3, 4) and (6, 7, 8), as in the equal-weight case worked above
    case = _case(
        [TARGET],
        {"Ana": [{"quantity": "Q2", "values": [20, 30, 40], "round": 1},
                 {"quantity": "Q2", "values": [2, 3, 4], "round": 2}],
         "Ben": [{"quantity": "Q2", "values": [6, 7, 8], "round": 1}]},
    )  # fmt: skip
    estimate, _ = said(case)
    assert "at 5 firms (median; 90% range 2.1–7.9)" in estimate.text
    assert ", 2 analysts put" in estimate.text


def test_without_a_median_only_the_range_is_said():
    case = _case([TARGET], {"Ana": [{"quantity": "Q2", "values": [2, 8]}]}, quantiles=(0.1, 0.8))
    estimate, _ = said(case)
    assert "puts Firms named in the 10th–80th percentile range 2–8 firms." in estimate.text
    assert "median" not in estimate.figures["estimates"][0]


def test_the_example_states_its_two_targets_in_a_sentence_and_points_to_the_annex():
    analysis = sat.analyse(sat.load_case(EXAMPLE_CASE))
    estimates, pointer = said(analysis.case)
    assert [e["quantity"] for e in estimates.figures["estimates"]] == ["Q4", "Q5"]
    assert estimates.figures["decision_maker"] == "global"
    assert estimates.figures["analysts"] == ("Analyst A", "Analyst C")  # Analyst B weighs 0
    assert estimates.text.startswith(
        "Weighted by their record on 3 seed questions, 2 of 3 analysts put Firms named by 30 June "
        "at 34 companies (median; 90% range 20–69) and Share of China's exports to Japan at 19% "
        "(median; 90% range 1.9–44%)."
    )
    page = html.unescape(str(reader_brief(analysis)))
    assert "<h2>The team's estimates</h2>" in page and pointer.text in page
    # the reader's app has no annex to point to
    app = html.unescape(str(reader_brief(analysis, annex=False)))
    assert estimates.text in app and pointer.text not in app


def test_targets_on_different_footings_get_a_sentence_each():
    # Q2 is answered by Ana, who has a weight; Q3 only by Ben, who answered no seed
    other = {"id": "Q3", "label": "Share", "question": "What share?", "unit": "%"}
    case = _case(
        [SEED, TARGET, other],
        {"Ana": [{"quantity": "Q1", "values": [2, 4, 8]}, {"quantity": "Q2", "values": [10, 20, 40]}],
         "Ben": [{"quantity": "Q3", "values": [5, 10, 20]}]},
    )  # fmt: skip
    weighted, equal, _ = said(case)
    assert weighted.figures["decision_maker"] == "global" and "Firms named" in weighted.text
    assert equal.text == (
        "Unweighted (no analyst who earned a weight answered it), 1 analyst puts Share at 10% "
        "(median; 90% range 5–20%)."
    )


def test_a_sentence_about_another_combination_does_not_hold():
    case = _case(
        [SEED, TARGET],
        {"Ana": [{"quantity": "Q1", "values": [2, 4, 8]}, {"quantity": "Q2", "values": [10, 20, 40]}],
         "Ben": [{"quantity": "Q2", "values": [50, 60, 70]}]},
    )  # fmt: skip
    analysis = sat.analyse(case)
    estimate, pointer = numbers_claims(analysis)
    facts = Facts.of(analysis)
    equal = analysis.quantities.combined[1]
    (said_,) = estimate.figures["estimates"]
    wrong = [
        {**estimate.figures, "seeds": 2},
        {**estimate.figures, "analysts": ("Ana", "Ben")},
        {**estimate.figures, "estimates": ({**said_, "median": 21.0},)},
        {**estimate.figures, "estimates": ({**said_, "quantity": "Q1"},)},
        {**estimate.figures, "answered": 1},  # "1 of 2 analysts": Ben answered it too
        {"decision_maker": "equal", "because": "no_seeds", "analysts": ("Ana", "Ben"),
         "answered": 2,
         "estimates": ({"quantity": "Q2", "low": equal[0], "median": equal[1], "high": equal[2]},)},
    ]  # fmt: skip
    assert holds(estimate, facts)
    assert not any(holds(type(estimate)(estimate.kind, "", f), facts) for f in wrong)
    assert holds(pointer, facts) and pointer.figures["few_seeds"]  # 1 seed question
    for wrong_pointer in (
        {"targets": (), "more": 1, "few_seeds": True},
        {"targets": ("Q2",), "more": 1, "few_seeds": True},
        {"targets": ("Q2",), "more": 0, "few_seeds": False},  # 1 seed is few: the caution is due
    ):
        assert not holds(type(pointer)(pointer.kind, "", wrong_pointer), facts)
