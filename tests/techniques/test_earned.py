"""Weights earned on a register's resolved judgements (contribution weighting, Budescu & Chen 2015)."""

import math

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sat.io.register import Entry
from sat.techniques import earned


def said(ident, who, p, outcome, forecast=1):
    return Entry(ident, forecast, "c", "v", who, "hypothesis", "s", p, "", None, None, outcome)


def test_hand_worked_three_forecasters_one_of_whom_skipped_a_judgement():
    # J1 came true: A 0.9, B 0.6, C 0.3 -> pool 0.6 (Brier 0.16)
    #   without A: 0.45 (0.3025), gain 0.1425; without B: 0.6 (0.16), gain 0;
    #   without C: 0.75 (0.0625), gain -0.0975
    # J2 did not: A 0.2, B 0.4 (C gave none) -> pool 0.3 (0.09)
    #   without A: 0.4 (0.16), gain 0.07; without B: 0.2 (0.04), gain -0.05
    entries = [
        said("J1", "A", 0.9, 1), said("J1", "B", 0.6, 1), said("J1", "C", 0.3, 1),
        said("J2", "A", 0.2, 0), said("J2", "B", 0.4, 0),
    ]  # fmt: skip
    result = earned.run(entries)
    a, b, c = result.forecasters
    assert (a.name, b.name, c.name) == ("A", "B", "C")
    assert a.contribution == pytest.approx((0.1425 + 0.07) / 2)
    assert b.contribution == pytest.approx((0 - 0.05) / 2)
    assert c.contribution == pytest.approx(-0.0975)
    assert (a.judgements, b.judgements, c.judgements) == (2, 2, 1)
    assert a.brier == pytest.approx((0.01 + 0.04) / 2) and c.brier == pytest.approx(0.49)
    # only A's contribution is positive: A carries the whole weight
    assert result.weights == {"A": 1.0, "B": 0.0, "C": 0.0}
    assert (result.judgements, result.pooled) == (2, 2)


def test_latest_forecast_counts_open_judgements_are_ignored_and_a_lone_forecast_scores_nothing():
    entries = [
        said("J1", "A", 0.2, 1), said("J1", "A", 0.9, 1, forecast=2), said("J1", "B", 0.5, 1),
        said("J2", "A", 0.7, None), said("J2", "B", 0.1, None),  # open: not scored
        said("J3", "C", 0.8, 1),  # C alone: no pool without C, so no contribution
    ]  # fmt: skip
    result = earned.run(entries)
    by = {f.name: f for f in result.forecasters}
    # J1 with A's second forecast: pool 0.7 (0.09), without A 0.5 (0.25): A gains 0.16
    assert by["A"].contribution == pytest.approx(0.16) and by["A"].judgements == 1
    assert by["C"].scored == 0 and by["C"].contribution is None and by["C"].weight == 0
    assert by["C"].brier == pytest.approx(0.04)
    assert (result.judgements, result.pooled) == (2, 1)


def test_nobody_earns_a_weight_when_no_contribution_is_positive():
    entries = [said("J1", "A", 0.7, 1), said("J1", "B", 0.7, 1)]
    result = earned.run(entries)
    assert not result.earned and result.weights == {"A": 0.0, "B": 0.0}
    assert earned.weights_for(result, ["A", "B"]) == {}
    assert result.out_of_sample.fallbacks == 1 and result.out_of_sample.same == 1


def test_an_empty_register_or_one_without_outcomes_is_no_record():
    for entries in ([], [said("J1", "A", 0.4, None)]):
        result = earned.run(entries)
        assert result.judgements == 0 and not result.earned
        assert result.out_of_sample.judgements == 0
        assert result.out_of_sample.brier_equal is None


def test_weights_for_the_case_s_analysts_are_renormalised_over_them():
    entries = [
        said("J1", "A", 0.9, 1), said("J1", "B", 0.8, 1), said("J1", "C", 0.1, 1),
    ]  # fmt: skip
    result = earned.run(entries)
    assert result.weights["C"] == 0 and result.weights["A"] > 0 and result.weights["B"] > 0
    only = earned.weights_for(result, ["A", "Dana"])  # Dana has no record: no weight
    assert only == {"A": 1.0, "Dana": 0.0}


def test_leave_one_out_pools_each_judgement_with_the_weights_earned_on_the_others():
    # A is right on J1 and J2, B wrong; on J3 both agree.
    entries = [
        said("J1", "A", 0.9, 1), said("J1", "B", 0.2, 1),
        said("J2", "A", 0.1, 0), said("J2", "B", 0.8, 0),
        said("J3", "A", 0.5, 1), said("J3", "B", 0.5, 1),
    ]  # fmt: skip
    oos = earned.run(entries).out_of_sample
    # J1 held back: A earned a weight on J2 (and J3's gain is 0): the weighted pool is A's 0.9
    # (Brier 0.01) against the equal pool's 0.55 (0.2025); likewise J2; on J3 both pools are 0.5
    assert (oos.judgements, oos.better, oos.worse, oos.same, oos.fallbacks) == (3, 2, 0, 1, 0)
    assert oos.brier_weighted == pytest.approx((0.01 + 0.01 + 0.25) / 3)
    assert oos.brier_equal == pytest.approx((0.2025 + 0.2025 + 0.25) / 3)


forecast = st.one_of(st.none(), st.floats(0, 1))


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.tuples(st.lists(forecast, min_size=3, max_size=3), st.integers(0, 1)),
        min_size=1,
        max_size=12,
    )
)
def test_weights_are_a_share_of_positive_contributions_and_pools_stay_within_the_forecasts(rows):
    entries = [
        said(f"J{q}", name, p, outcome)
        for q, (ps, outcome) in enumerate(rows)
        for name, p in zip("ABC", ps, strict=True)
        if p is not None
    ]
    result = earned.run(entries)
    weights = np.array([f.weight for f in result.forecasters])
    assert all(w >= 0 for w in weights)
    assert math.isclose(weights.sum(), 1.0) or weights.sum() == 0
    for f in result.forecasters:
        assert (f.weight > 0) == (f.contribution is not None and f.contribution > 0)
    oos = result.out_of_sample
    assert oos.better + oos.worse + oos.same == oos.judgements == result.pooled
    if oos.judgements:
        # a weighted mean of squared errors of values in [0, 1] stays in [0, 1]
        assert 0 <= oos.brier_weighted <= 1 and 0 <= oos.brier_equal <= 1
