"""Brier scores, Murphy's decomposition and recalibration, against hand-worked registers."""

import datetime as dt

import numpy as np
import pytest

from sat.errors import AnalysisError
from sat.io.register import Entry
from sat.techniques import calibration
from sat.testing import synthetic_register


def entry(p, outcome, analyst="A", day=dt.date(2026, 1, 15)):
    return Entry(
        f"j{p}{analyst}{outcome}{day}",
        1,
        "c",
        "v",
        analyst,
        "hypothesis",
        "s",
        p,
        "c",
        day,
        day,
        outcome,
    )


def test_brier_and_murphys_decomposition_by_hand():
    d = calibration.decompose([0.8, 0.8, 0.2, 0.2], [1, 0, 0, 0])
    # Brier: (0.04 + 0.64 + 0.04 + 0.04) / 4; bins 0.2 (0 of 2 true) and 0.8 (1 of 2 true); base rate 0.25
    assert d["brier"] == pytest.approx(0.19)
    assert d["reliability"] == pytest.approx((2 * 0.2**2 + 2 * 0.3**2) / 4)
    assert d["resolution"] == pytest.approx((2 * 0.25**2 + 2 * 0.25**2) / 4)
    assert d["uncertainty"] == pytest.approx(0.25 * 0.75)
    assert (
        d["remainder"] == pytest.approx(0, abs=1e-15) and d["binning"] == "distinct forecast values"
    )


def test_the_decomposition_holds_exactly_on_distinct_values_and_nearly_on_tenths():
    rng = np.random.default_rng(5)
    f = rng.choice(np.arange(1, 20) / 20, 500)
    o = (rng.random(500) < f).astype(float)
    d = calibration.decompose(f, o)
    assert d["remainder"] == pytest.approx(0, abs=1e-12)
    f = rng.uniform(0, 1, 500)  # many distinct values: tenths, with a small remainder reported
    o = (rng.random(500) < f).astype(float)
    d = calibration.decompose(f, o)
    assert d["binning"] == "tenths of the scale" and 0 < abs(d["remainder"]) < 0.01
    assert d["brier"] == pytest.approx(
        d["reliability"] - d["resolution"] + d["uncertainty"] + d["remainder"]
    )


def test_scores_by_analyst_band_and_quarter():
    entries = [
        entry(0.9, 1, "A"),
        entry(0.9, 0, "A"),
        entry(0.1, 0, "B", dt.date(2026, 5, 1)),
        entry(0.3, 1, "B", dt.date(2026, 5, 1)),
        entry(0.3, None, "B"),  # open: not scored, counted as open
    ]
    result = calibration.run(entries)
    assert (result.n, result.open) == (4, 1)
    assert result.by_analyst.loc["A", "brier"] == pytest.approx((0.01 + 0.81) / 2)
    assert result.by_analyst.loc["B", "brier"] == pytest.approx((0.01 + 0.49) / 2)
    assert list(result.by_band.index) == ["very unlikely", "unlikely", "very likely"]
    assert result.by_period.loc["2026 Q2", "n"] == 2
    data = result.to_dict()
    assert set(data) >= {"n", "brier", "reliability", "resolution", "uncertainty", "by_analyst"}
    assert data["by_analyst"]["A"] == {"n": 2, "brier": pytest.approx(0.41)}
    assert sum(data["sharpness"].values()) == 5
    with pytest.raises(AnalysisError, match="no resolved judgements"):
        calibration.run([entry(0.5, None)])


@pytest.mark.parametrize(("a", "b"), [(0.0, 2.0), (0.5, 0.6), (0.0, 1.0)])
def test_the_recalibration_fit_recovers_a_known_miscalibration(a, b):
    f, o = synthetic_register(6000, a=a, b=b, seed=11)
    fit = calibration.fit_recalibration(f, o)
    assert abs(fit["a"] - a) < 3 * fit["se_a"] and abs(fit["b"] - b) < 3 * fit["se_b"]
    assert fit["enough"] and fit["brier_after"] <= fit["brier_before"] + 1e-12


def test_a_fit_on_few_judgements_is_marked_as_meaning_nothing_yet():
    f, o = synthetic_register(30, b=2.0, seed=1)
    assert not calibration.fit_recalibration(f, o)["enough"]
    with pytest.raises(AnalysisError, match="separated perfectly"):
        calibration.fit_recalibration([0.9, 0.9, 0.1, 0.1], [1, 1, 0, 0])


def test_the_fit_gives_a_likelihood_table_a_case_can_adopt():
    from sat.case import Case
    from sat.techniques.bayes import DEFAULT_LIKELIHOODS
    from sat.testing import generate_case, synthetic_entries

    assert calibration.implied_table(1.0) == {
        k: round(v, 3) for k, v in DEFAULT_LIKELIHOODS.items()
    }
    entries = synthetic_entries(1500, (("A", 0.0, 2.0),), open_share=0.0, seed=4)
    table = calibration.run(entries, fit=True).fit["table"]
    assert abs(table["b"] - 2.0) < 3 * table["se_b"] and table["enough"]
    # log likelihood ratios against N doubled, near enough: II goes from 0.1 to 0.02
    assert table["likelihoods"]["II"] == pytest.approx(0.5 * (0.1 / 0.5) ** table["b"], abs=1e-3)
    assert table["low"]["CC"] < table["likelihoods"]["CC"] < table["high"]["CC"]
    data = generate_case(5, 2)
    data["bayes"] = {"likelihoods": table["likelihoods"]}
    assert Case.model_validate(data).bayes.likelihoods["II"] == table["likelihoods"]["II"]
