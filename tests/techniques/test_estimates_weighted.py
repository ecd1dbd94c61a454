"""The analysts' pool with weights earned on a register, beside the equal-weight pool."""

import math

import pytest

from sat.case import Case
from sat.io.register import Entry
from sat.techniques import earned, estimates
from sat.testing import generate_case


def said(ident, who, p, outcome):
    return Entry(ident, 1, "c", "v", who, "hypothesis", "s", p, "", None, None, outcome)


#: A earns the whole weight (right twice where B was wrong); Cy has no record.
RECORD = earned.run(
    [
        said("J1", "A", 0.9, 1), said("J1", "B", 0.2, 1),
        said("J2", "A", 0.1, 0), said("J2", "B", 0.8, 0),
    ]
)  # fmt: skip


def case(estimated, exclusive=True):
    data = generate_case(4, 2)
    data["analysts"] = list(estimated)
    data["estimates"] = estimated
    data["exclusive"] = exclusive
    data["events"] = [{"id": "X1", "description": "Something happens.", "probability": 0.5}]
    return Case.model_validate(data)


def test_the_weighted_pool_holds_only_analysts_who_earned_a_weight_and_says_whose():
    c = case({"A": {"H1": 0.8, "H2": 0.2, "X1": 0.9}, "B": {"H1": 0.2, "H2": 0.8, "X1": 0.3},
              "Cy": {"H1": 0.5, "H2": 0.5}})  # fmt: skip
    result = estimates.run(c, posterior=None, earned=RECORD)
    assert result.weights == {"A": 1.0, "B": 0.0, "Cy": 0.0}
    # the equal pool is unchanged: all three on the hypotheses, A and B on X1
    assert result.aggregate["H1"] == pytest.approx(0.5) and result.aggregate["X1"] == pytest.approx(
        0.6
    )
    assert result.weighted["H1"] == pytest.approx(0.8) and result.weighted["X1"] == pytest.approx(
        0.9
    )
    assert result.weighted_from == {"H1": ("A",), "H2": ("A",), "X1": ("A",)}
    assert result.pooled_from["H1"] == ("A", "B", "Cy")
    data = result.to_dict()["weighted"]
    assert data["weights"] == {"A": 1.0, "B": 0.0, "Cy": 0.0}
    assert data["aggregate"] == {"H1": 0.8, "H2": 0.2, "X1": 0.9}
    assert data["track_record"]["out_of_sample"]["better"] == 2


def test_weights_blend_the_sets_by_hand():
    record = earned.run([said("J1", "A", 0.9, 1), said("J1", "B", 0.8, 1), said("J1", "C", 0.1, 1)])
    # gains: A 0.1425, B 0.09 (C negative): weights 0.1425/0.2325 and 0.09/0.2325
    wa, wb = 0.1425 / 0.2325, 0.09 / 0.2325
    c = case({"A": {"H1": 0.6, "H2": 0.4}, "B": {"H1": 0.2, "H2": 0.8}, "C": {"H1": 1, "H2": 0}})
    result = estimates.run(c, posterior=None, earned=record)
    assert result.weights["A"] == pytest.approx(wa) and result.weights["C"] == 0
    assert result.weighted["H1"] == pytest.approx(wa * 0.6 + wb * 0.2)
    log = estimates.run(c, posterior=None, earned=record, pool_by="logodds", extremize=1.0)
    odds = math.exp(wa * math.log(0.6 / 0.4) + wb * math.log(0.2 / 0.8))
    assert log.weighted["H1"] == pytest.approx(odds / (1 + odds))


def test_without_a_record_or_earned_weights_there_is_no_weighted_pool_and_the_json_is_as_before():
    c = case({"A": {"H1": 0.8, "H2": 0.2}, "B": {"H1": 0.2, "H2": 0.8}})
    plain = estimates.run(c, posterior=None)
    assert plain.weighted is None and plain.weights == {} and "weighted" not in plain.to_dict()
    nobody = earned.run([said("J1", "Zed", 0.7, 1), said("J1", "Yan", 0.6, 1)])
    result = estimates.run(c, posterior=None, earned=nobody)  # neither analyst has a record
    assert result.weighted is None and result.weights == {}
    assert result.to_dict()["weighted"]["aggregate"] is None
    assert result.aggregate.equals(plain.aggregate)
