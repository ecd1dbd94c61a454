"""The group's equal-weight combination shown between IDEA rounds."""

from __future__ import annotations

import pytest

from sat.models.study import Item, Study
from sat.techniques.experts import run
from sat.techniques.experts_pool import equal_pool, without_realizations


def test_it_is_the_equal_weight_decision_maker_when_the_truth_lies_inside_the_answers():
    study = Study(
        (0.05, 0.5, 0.95),
        (Item("Q1", realization=2.5), Item("Q2", scale="log")),
        ("A", "B"),
        (((1.0, 2.0, 3.0), (10.0, 20.0, 40.0)), ((0.5, 2.6, 6.0), (5.0, 30.0, 90.0))),
    )
    pooled = equal_pool(study)
    equal = run(study).equal.quantiles
    assert pooled[0] == pytest.approx(equal[0]) and pooled[1] == pytest.approx(equal[1])


def test_a_seeds_true_value_outside_the_answers_plays_no_part():
    study = Study(
        (0.05, 0.5, 0.95),
        (Item("Q1", realization=100.0),),
        ("A", "B"),
        (((2.0, 3.0, 4.0),), ((6.0, 7.0, 8.0),)),
    )
    # on [1.4, 8.6] (the answers' span widened by 10% each side), not on [1.4, ...] to 110
    assert equal_pool(study)[0] == pytest.approx((2.094340, 5.0, 7.905660), abs=1e-6)
    assert equal_pool(without_realizations(study)) == equal_pool(study)
    # the scored DM's range reaches out to the truth, and its tails move with it
    assert run(study).equal.quantiles[0] != pytest.approx(equal_pool(study)[0], abs=1e-3)
