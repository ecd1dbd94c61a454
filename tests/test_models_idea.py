"""IDEA four-point answers as quantiles (Hemming et al. 2018), on hand-worked numbers."""

import math

import pytest

from sat.errors import AnalysisError
from sat.models.idea import FourPoint, four_point


def test_an_80_percent_interval_widened_to_90():
    # best 18, interval [10, 30] held with 80%: 18 - 8 x 0.9/0.8 = 9, 18 + 12 x 0.9/0.8 = 31.5
    answer = FourPoint(lowest=10, highest=30, best=18, confidence=0.8)
    out = four_point(answer, (0.05, 0.5, 0.95))
    assert out.quantiles == pytest.approx((9.0, 18.0, 31.5), rel=1e-12)
    assert out.answer == answer and out.probabilities == (0.05, 0.5, 0.95)


def test_a_confident_interval_is_narrowed():
    # 100% on [0, 100] around 40: the 90% interval is 40 - 40 x 0.9 = 4 to 40 + 60 x 0.9 = 94
    out = four_point(FourPoint(0, 100, 40, 1.0), (0.05, 0.5, 0.95))
    assert out.quantiles == pytest.approx((4.0, 40.0, 94.0), rel=1e-12)


def test_five_quantiles():
    # 50% on [8, 12] around 10: the central 90% and 50% intervals: 10 -/+ 2 x 0.9/0.5 = 3.6 and
    # 10 -/+ 2 x 0.5/0.5 = 2
    out = four_point(FourPoint(8, 12, 10, 0.5), (0.05, 0.25, 0.5, 0.75, 0.95))
    assert out.quantiles == pytest.approx((6.4, 8.0, 10.0, 12.0, 13.6), rel=1e-12)


def test_a_log_answer_is_extrapolated_on_logarithms():
    # ln 1 = 0, ln 10, ln 100; 90% from 90%: unchanged; at 50% of a 90% interval it is 10^(+-5/9)
    out = four_point(FourPoint(1, 100, 10, 0.9), (0.05, 0.25, 0.5, 0.95), scale="log")
    assert out.quantiles == pytest.approx((1.0, 10 ** (1 - 5 / 9), 10.0, 100.0), rel=1e-12)


@pytest.mark.parametrize(
    ("answer", "scale", "message"),
    [
        (FourPoint(10, 30, 40, 0.8), "uniform", "lowest 10 < best 40 < highest 30"),
        (FourPoint(10, 30, 10, 0.8), "uniform", "should hold"),
        (FourPoint(10, 30, 20, 0.4), "uniform", "from 50% to 100%, not 40%"),
        (FourPoint(-1, 30, 20, 0.8), "log", "should be positive"),
        (FourPoint(math.nan, 30, 20, 0.8), "uniform", "finite"),
    ],
)
def test_impossible_answers_are_refused(answer, scale, message):
    with pytest.raises(AnalysisError, match=message):
        four_point(answer, (0.05, 0.5, 0.95), scale=scale)
