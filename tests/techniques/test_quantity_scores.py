"""Scoring resolved quantity targets: hits in the outermost range, Cooke's calibration over the
targets as seeds, Gneiting and Raftery's interval score; each against a hand-worked answer."""

from __future__ import annotations

import datetime as dt
import math

import pytest

from sat.analysis import score_quantities
from sat.io.register import Entry
from sat.io.register_quantities import QuantityEntry
from sat.techniques.quantity_scores import interval_score

DAY = dt.date(2026, 3, 1)
FIVE_FIFTY_NINETYFIVE = (0.05, 0.5, 0.95)


def row(ident, values, value, *, who="A", forecast=1, scale="uniform", p=FIVE_FIFTY_NINETYFIVE):
    return QuantityEntry(
        id=f"case:{ident}",
        forecast=forecast,
        case="case",
        version="v1",
        analyst=who,
        statement=ident,
        quantiles=tuple(zip(p, values, strict=True)),
        scale=scale,
        criterion="c",
        deadline=DAY,
        registered=DAY,
        value=value,
        resolved=None if value is None else DAY,
    )


def test_interval_score_by_hand():
    # 5-95%: alpha 0.1, each unit outside costs 2 / 0.1 = 20
    assert interval_score(10, 20, 15, 0.05, 0.95) == 10
    assert interval_score(10, 20, 25, 0.05, 0.95) == pytest.approx(10 + 20 * 5)
    assert interval_score(10, 20, 7, 0.05, 0.95) == pytest.approx(10 + 20 * 3)
    assert interval_score(10, 20, 20, 0.05, 0.95) == 10  # on the edge is inside
    # 10-90%: alpha 0.2, 2 / 0.2 = 10 a unit
    assert interval_score(0, 4, 6, 0.1, 0.9) == pytest.approx(4 + 10 * 2)


def test_hits_interval_scores_and_calibration_by_hand():
    """Three targets: 8 below [10, 20] (bin 1), 12 and 30 inside, below their medians (bin 2).

    Hits 2 of 3. Interval scores: 10 + 20 * 2 = 50, 10, 40: mean 100 / 3. Calibration: shares
    (1/3, 2/3, 0, 0) against (0.05, 0.45, 0.45, 0.05): I = 1/3 ln((1/3) / 0.05) + 2/3 ln((2/3) /
    0.45) and C = P(chi2 with 3 df > 2 * 3 * I) = erfc(sqrt(x / 2)) + exp(-x / 2) sqrt(2 x / pi).
    """
    rows = [row("Q1", (10, 15, 20), 8), row("Q2", (10, 15, 20), 12), row("Q3", (0, 35, 40), 30)]
    (f,) = score_quantities(rows).forecasters
    assert (f.analyst, f.n, f.inside, f.coverage) == ("A", 3, 2, 0.9)
    assert [t.interval_score for t in f.targets] == pytest.approx([50, 10, 40])
    assert f.interval_score == pytest.approx(100 / 3)
    info = 1 / 3 * math.log((1 / 3) / 0.05) + 2 / 3 * math.log((2 / 3) / 0.45)
    x = 2 * 3 * info
    expected = math.erfc(math.sqrt(x / 2)) + math.exp(-x / 2) * math.sqrt(2 * x / math.pi)
    assert f.calibration == pytest.approx(expected, rel=1e-9)
    assert f.calibration == pytest.approx(0.1469, abs=1e-4)


def test_a_log_scale_target_is_scored_on_ln_values():
    # quantiles e, e^2, e^3 and the value e^4: ln range [1, 3], 1 above it: 2 + 20 * 1 = 22
    e = math.e
    (f,) = score_quantities([row("Q4", (e, e**2, e**3), e**4, scale="log")]).forecasters
    (t,) = f.targets
    assert (t.lower, t.upper, t.value, t.log) == pytest.approx((1, 3, 4, True))
    assert t.interval_score == pytest.approx(22) and not t.inside and f.logs == 1


def test_each_forecaster_apart_latest_forecast_open_targets_and_probabilities_left_out():
    rows = [
        row("Q1", (10, 15, 20), 25, who="A"),  # A's first forecast: replaced by the second
        row("Q1", (20, 25, 30), 25, who="A", forecast=2),
        row("Q1", (0, 1, 2), 25, who="B"),
        row("Q2", (0, 1, 2), None, who="A"),  # open
        Entry("case:H1", 1, "case", "v1", "A", "hypothesis", "H1", 0.7, "c", DAY, DAY, 1, DAY),
    ]
    result = score_quantities(rows)
    assert (result.resolved, result.open) == (1, 1)
    a, b = result.forecasters
    assert (a.analyst, a.n, a.inside, a.targets[0].forecast) == ("A", 1, 1, 2)
    assert a.interval_score == pytest.approx(10)
    assert (b.analyst, b.inside, b.interval_score) == ("B", 0, pytest.approx(2 + 20 * 23))
    assert [f.analyst for f in score_quantities(rows, analyst="B").forecasters] == ["B"]


def test_targets_on_another_quantile_set_are_skipped_with_why():
    rows = [
        row("Q1", (10, 15, 20), 12),
        row("Q2", (10, 15, 20), 30),
        row("Q3", (10, 20), 15, p=(0.1, 0.9)),  # another set: its bins differ
    ]
    (f,) = score_quantities(rows).forecasters
    assert f.probabilities == FIVE_FIFTY_NINETYFIVE and f.n == 2
    assert f.skipped == (("case:Q3", "other-quantiles"),)
    assert f.to_dict()["skipped"] == [{"id": "case:Q3", "why": "other-quantiles"}]


def test_a_value_on_the_range_s_edge_is_counted_as_cooke_s_bins_count_it():
    # x <= q_1 is the first bin (below the range), q_{m-1} < x <= q_m the last inside it: a value
    # equal to the 5% quantile is a miss, one equal to the 95% quantile a hit, in the hits and in
    # the calibration alike (neither costs an interval score: both are on the interval)
    low, high = (
        score_quantities([row("Q1", (10, 15, 20), 10)]),
        score_quantities([row("Q1", (10, 15, 20), 20)]),
    )
    (f,) = low.forecasters
    assert (f.inside, f.targets[0].inside, f.interval_score) == (0, False, 10)
    (g,) = high.forecasters
    assert (g.inside, g.targets[0].inside, g.interval_score) == (1, True, 10)
    assert g.calibration > f.calibration  # a value in the 45% bin is likelier than one in the 5%
