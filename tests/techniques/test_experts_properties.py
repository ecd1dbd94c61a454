"""Invariants of the classical model over generated panels (Hypothesis)."""

import math
from itertools import pairwise

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sat.models.idea import FourPoint, four_point
from sat.models.study import Item, Study
from sat.techniques import experts

PROBABILITIES = st.sampled_from([(0.05, 0.5, 0.95), (0.1, 0.5, 0.9), (0.05, 0.25, 0.5, 0.75, 0.95)])


@st.composite
def studies(draw):
    p = draw(PROBABILITIES)
    m = len(p)
    count = draw(st.integers(1, 4))
    items = draw(st.integers(1, 5))
    log = draw(st.lists(st.booleans(), min_size=items, max_size=items))
    seeds = draw(st.lists(st.booleans(), min_size=items, max_size=items))
    seeds[0] = True  # at least one seed
    base = st.floats(0.5, 100.0, allow_nan=False)
    gap = st.floats(0.01, 50.0, allow_nan=False)
    answers = []
    for _ in range(count):
        row = []
        for i in range(items):
            if i > 0 and draw(st.integers(0, 5)) == 0:
                row.append(None)  # a skipped item (never the first seed)
                continue
            values = [draw(base)]
            for _ in range(m - 1):
                values.append(values[-1] + draw(gap))
            row.append(tuple(values))
        answers.append(tuple(row))
    quantities = tuple(
        Item(
            f"Q{i}",
            scale="log" if log[i] else "uniform",
            realization=draw(st.floats(0.5, 300.0)) if seeds[i] else None,
        )
        for i in range(items)
    )
    return Study(p, quantities, tuple(f"E{e}" for e in range(count)), tuple(answers))


@settings(max_examples=80, deadline=None)
@given(studies())
def test_scores_weights_and_dms_are_well_formed(study):
    r = experts.run(study)
    for p in (*r.performance, r.equal.performance, r.optimised.performance):
        assert 0 <= p.calibration <= 1
        assert p.information >= -1e-9 and p.information_seed >= -1e-9  # relative information
    assert sum(r.optimised.weights) == pytest.approx(1.0)
    assert all(w >= 0 for w in r.optimised.weights)
    assert r.n == min(p.seeds for p in r.performance)
    nobody = [all(row[i] is None for row in study.answers) for i in range(len(study.items))]
    for dm in (r.equal, r.optimised):
        for i, (q, (low, high)) in enumerate(zip(dm.quantiles, r.ranges, strict=True)):
            if nobody[i]:  # an item no expert answered has no range and no DM
                assert all(math.isnan(v) for v in (*q, low, high))
                continue
            weighed = [
                w > 0 and row[i] is not None
                for w, row in zip(dm.weights, study.answers, strict=True)
            ]
            if not any(weighed):  # only experts without weight answered it: no DM there
                assert all(math.isnan(v) for v in q)
                continue
            assert all(a < b for a, b in pairwise(q))  # increasing
            assert low <= q[0] and q[-1] <= high  # inside the background range
    targets = r.to_dict()["decision_makers"]["equal"]["quantiles"]
    for i, item in enumerate(study.items):
        if not item.seed:
            assert (targets[item.id] is None) == nobody[i]
    # the optimised alpha's DM scores at least as well as every other alpha tried
    best = r.optimised.performance.combined
    for p in r.performance:
        if p.calibration > 0:
            other = experts.run(study, alpha=p.calibration).optimised.performance.combined
            assert best >= other - 1e-12


@settings(max_examples=40, deadline=None)
@given(studies())
def test_the_order_of_experts_does_not_matter(study):
    order = list(range(len(study.experts)))[::-1]
    flipped = Study(
        study.probabilities,
        study.items,
        tuple(study.experts[i] for i in order),
        tuple(study.answers[i] for i in order),
    )
    a, b = experts.run(study), experts.run(flipped)
    assert [p.calibration for p in a.performance] == [b.performance[i].calibration for i in order]
    assert np.allclose(a.equal.quantiles, b.equal.quantiles, rtol=1e-9, atol=1e-9, equal_nan=True)


@settings(max_examples=40, deadline=None)
@given(studies())
def test_one_expert_is_its_own_decision_maker(study):
    alone = Study(study.probabilities, study.items, study.experts[:1], study.answers[:1])
    r = experts.run(alone)
    for q, answer in zip(r.equal.quantiles, alone.answers[0], strict=True):
        if answer is not None:
            assert q == pytest.approx(answer, rel=1e-12)
    assert r.equal.performance.calibration == r.performance[0].calibration


@settings(max_examples=100, deadline=None)
@given(
    st.floats(0.1, 100.0),
    st.floats(0.01, 100.0),
    st.floats(0.01, 100.0),
    st.floats(0.5, 1.0),
    PROBABILITIES,
    st.sampled_from(["uniform", "log"]),
)
def test_four_point_quantiles_increase_around_the_best_estimate(
    low, up, down, confidence, p, scale
):
    answer = FourPoint(lowest=low, highest=low + up + down, best=low + down, confidence=confidence)
    q = four_point(answer, p, scale=scale).quantiles
    assert all(a < b for a, b in pairwise(q))
    assert q[p.index(0.5)] == pytest.approx(answer.best)
    if scale == "log":
        assert all(v > 0 and math.isfinite(v) for v in q)
