"""Brier scores, Murphy's decomposition and recalibration, against hand-worked registers."""

import dataclasses
import datetime as dt
import math
import subprocess
import sys
import warnings

import numpy as np
import pytest

from sat.errors import AnalysisError
from sat.io.register import Entry, write_register
from sat.report import tables, text
from sat.report.claims import calibration_claims
from sat.report.conditions import Facts, holds
from sat.techniques import calibration
from sat.testing import synthetic_entries, synthetic_register


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
    with pytest.raises(AnalysisError, match="separate the outcomes"):
        calibration.fit_recalibration([0.9, 0.9, 0.1, 0.1], [1, 1, 0, 0])


def test_the_fit_gives_a_likelihood_table_a_case_can_adopt():
    from sat.case import Case
    from sat.techniques.bayes import DEFAULT_LIKELIHOODS
    from sat.testing import generate_case

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


# --- A recalibration fit that always answers (issue 27) ------------------------------------------


def _loglik(a, b, x, o):
    eta = a + b * x
    return np.sum(o * eta - np.logaddexp(0, eta))


def test_the_fit_is_the_maximum_of_the_likelihood_found_by_a_brute_force_grid():
    # a tiny register worked by hand: forecasts at 0.2, 0.5 and 0.8, both outcomes at each
    f = np.array([0.2, 0.2, 0.2, 0.5, 0.5, 0.8, 0.8, 0.8, 0.8])
    o = np.array([0, 0, 1, 1, 0, 1, 1, 1, 0])
    x = np.log(f / (1 - f))
    fit = calibration.fit_recalibration(f, o)
    # independently: the log likelihood over a grid, refined twice around its best point
    a0, b0, half = 0.0, 1.0, 4.0
    for _ in range(3):
        grid_a = np.linspace(a0 - half, a0 + half, 401)
        grid_b = np.linspace(b0 - half, b0 + half, 401)
        values = np.array([[_loglik(a, b, x, o) for b in grid_b] for a in grid_a])
        i, j = np.unravel_index(np.argmax(values), values.shape)
        a0, b0, half = grid_a[i], grid_b[j], half / 50
    assert fit["a"] == pytest.approx(a0, abs=2e-3) and fit["b"] == pytest.approx(b0, abs=2e-3)
    # and the score equations hold at the fit: sum(o - p) = 0, sum((o - p) x) = 0
    p = 1 / (1 + np.exp(-(fit["a"] + fit["b"] * x)))
    assert np.sum(o - p) == pytest.approx(0, abs=1e-8)
    assert np.sum((o - p) * x) == pytest.approx(0, abs=1e-8)
    # the standard errors: the inverse information at the fit
    w = p * (1 - p)
    info = np.array([[w.sum(), (w * x).sum()], [(w * x).sum(), (w * x * x).sum()]])
    se = np.sqrt(np.diag(np.linalg.inv(info)))
    assert (fit["se_a"], fit["se_b"]) == pytest.approx(tuple(se), rel=1e-6)


@pytest.mark.parametrize("n", [20, 40, 60, 100])
@pytest.mark.parametrize("seed", range(12))
def test_forecasts_unrelated_to_outcomes_give_a_slope_near_zero_without_a_warning(n, seed):
    f, o = synthetic_register(n, a=0.0, b=0.0, seed=seed)  # the over-confident team: b = 0
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # no RuntimeWarning may escape
        try:
            fit = calibration.fit_recalibration(f, o)
        except AnalysisError as exc:  # only where the outcomes really are separated
            x1, x0 = f[o == 1], f[o == 0]
            assert x0.max() <= x1.min() or x1.max() <= x0.min(), str(exc)
            return
    assert np.isfinite([fit["a"], fit["b"], fit["se_a"], fit["se_b"]]).all()
    assert abs(fit["b"]) < 4 * fit["se_b"]  # b = 0 within the fit's own uncertainty
    x = np.log(f / (1 - f))
    p = 1 / (1 + np.exp(-(fit["a"] + fit["b"] * x)))
    assert abs(np.sum((o - p) * x)) < 1e-6 and abs(np.sum(o - p)) < 1e-6  # a true maximum


def _registered(tmp_path, entries):
    path = tmp_path / "register.csv"
    write_register(path, entries)
    return path


def _sat(*argv):
    return subprocess.run(
        [sys.executable, "-W", "error::RuntimeWarning", "-m", "sat", *map(str, argv)],
        capture_output=True,
        text=True,
        timeout=300,  # a safety net only
    )


def test_sat_calibration_fit_on_an_over_confident_team_prints_scores_and_the_fit(tmp_path):
    entries = synthetic_entries(20, (("A", 0.0, 0.0),), open_share=0.0, seed=0)
    f = np.array([e.probability for e in entries])
    o = np.array([e.outcome for e in entries], dtype=float)
    assert _old_newton_fails(f, o)  # a register the fit before issue 27 could not answer
    path = _registered(tmp_path, entries)
    done = _sat("calibration", path, "--fit")
    assert done.returncode == 0 and done.stderr == ""
    assert f"Brier score {calibration.brier(f, o):.3f}" in done.stdout
    expected = calibration.fit_recalibration(f, o)
    assert f"+ {expected['b']:.2f} (± {expected['se_b']:.2f}) × logit(p)" in done.stdout


def _old_newton_fails(f, o):
    """Whether the fit before issue 27 (plain Newton's method from b = 1, no step control)
    warned or diverged on these judgements."""
    x = np.column_stack([np.ones_like(f), np.log(f / (1 - f))])
    beta = np.array([0.0, 1.0])
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        try:
            for _ in range(100):
                p = 1 / (1 + np.exp(-(x @ beta)))
                beta = beta + np.linalg.solve((x * (p * (1 - p))[:, None]).T @ x, x.T @ (o - p))
        except (RuntimeWarning, np.linalg.LinAlgError):
            return True
    return not np.all(np.isfinite(beta)) or np.abs(beta).max() > 50


@pytest.mark.parametrize(
    ("outcomes", "reason"),
    [
        (
            "separated",
            "no recalibration fit: the forecasts separate the outcomes (every judgement forecast "
            "at 0.6 or more came true, every one at 0.4 or less did not), so the best-fitting map "
            "would be infinitely steep; it needs judgements of both outcomes at overlapping forecasts",
        ),
        (
            "all yes",
            "no recalibration fit: all 12 resolved judgements came true; a fit needs judgements "
            "of both outcomes",
        ),
        (
            "one forecast",
            "no recalibration fit: every forecast is 0.7; a slope needs forecasts at two values "
            "at least",
        ),
    ],
)
def test_when_no_fit_is_possible_the_scores_are_printed_with_the_reason(tmp_path, outcomes, reason):
    if outcomes == "separated":
        pairs = [(p, 1) for p in (0.6, 0.7, 0.9)] * 2 + [(p, 0) for p in (0.1, 0.3, 0.4)] * 2
    elif outcomes == "all yes":
        pairs = [(p, 1) for p in (0.2, 0.5, 0.8)] * 4
    else:
        pairs = [(0.7, 1), (0.7, 0)] * 3
    entries = [dataclasses.replace(entry(p, o), id=f"j{k}") for k, (p, o) in enumerate(pairs)]
    result = calibration.run(entries, fit=True)
    assert result.fit is None and result.no_fit == reason
    assert result.to_dict()["no_fit"] == reason
    done = _sat("calibration", _registered(tmp_path, entries), "--fit")
    assert done.returncode == 0 and done.stderr == ""
    assert f"Brier score {result.brier:.3f}" in done.stdout
    assert done.stdout.splitlines()[-1] == reason
    with pytest.raises(AnalysisError) as caught:
        calibration.fit_recalibration([p for p, _ in pairs], [o for _, o in pairs])
    assert f"no recalibration fit: {caught.value}" == reason


def test_separation_is_said_only_when_it_is_true():
    # overlapping by a single judgement at each end: a finite fit exists, however steep
    f = [0.1, 0.3, 0.4, 0.6, 0.7, 0.9, 0.4, 0.6]
    o = [0, 0, 0, 1, 1, 1, 1, 0]
    fit = calibration.fit_recalibration(f, o)
    assert np.isfinite(fit["b"]) and fit["b"] > 0
    # touching at one forecast value (quasi-complete separation): no finite fit
    with pytest.raises(AnalysisError, match="separate the outcomes"):
        calibration.fit_recalibration([0.1, 0.4, 0.4, 0.8], [0, 0, 1, 1])


# --- the sentences of sat calibration, checked against the register (Facts.of_register) -----------


def _false(claim, facts, **figures) -> bool:
    """Whether the claim's condition rejects the same claim citing other figures."""
    return not holds(dataclasses.replace(claim, figures={**claim.figures, **figures}), facts)


@pytest.mark.parametrize(
    ("slope", "kind", "reading"),
    [
        (0.3, "calibration.over_confident", "over-confident"),
        (3.0, "calibration.under_confident", "under-confident"),
        (1.0, "calibration.unclear", "no clear over- or under-confidence"),
        (0.0, "calibration.no_skill", "nothing of over- or under-confidence"),
    ],
)
def test_calibration_reads_the_slope_by_two_standard_errors(slope, kind, reading):
    entries = synthetic_entries(400, (("A", 0.0, slope),), open_share=0.0, seed=1)
    result = calibration.run(entries, fit=True)
    claim, _size = calibration_claims(result)
    f = [e.probability for e in entries]
    o = [e.outcome for e in entries]
    fit = calibration.fit_recalibration(f, o)  # the figures are the fit's, refitted here
    assert claim.figures["b"] == pytest.approx(fit["b"])
    assert claim.figures["se_b"] == pytest.approx(fit["se_b"])
    assert claim.kind == kind and reading in claim.text
    assert claim.text.startswith(f"The recalibration slope is {fit['b']:.2f} (± {fit['se_b']:.2f})")
    facts = Facts.of_register(entries)
    assert holds(claim, facts)
    assert not holds(claim, None) and not holds(claim, Facts.of_register(entries[:200]))
    assert _false(claim, facts, b=claim.figures["b"] + 0.05)  # not the fit to the register
    assert _false(claim, facts, se_b=claim.figures["se_b"] / 2)
    for other in ("over_confident", "under_confident", "unclear", "no_skill"):
        if f"calibration.{other}" != kind:
            changed = dataclasses.replace(claim, kind=f"calibration.{other}")
            assert not holds(changed, facts), other
    assert claim.text in text.calibration(result)


def test_a_slope_within_two_standard_errors_of_0_says_nothing_of_over_confidence():
    # 20 forecasts at 0.2 and 20 at 0.8, half of each came true: the rate is 0.5 whatever the
    # forecast, so the fit is a = 0, b = 0 (p' = 0.5 everywhere). The information at p' = 0.5 is
    # 0.25 x 40 x diag(1, ln(4)^2) (logit 0.8 = ln 4 = -logit 0.2, the cross terms cancel), so
    # se(b) = 1 / (sqrt(10) ln 4) = 0.228: b + 2 se = 0.46 < 1 read "over-confident" before.
    entries = [
        entry(p, int(k < 10), day=dt.date(2026, 1, 1) + dt.timedelta(days=k))
        for p in (0.2, 0.8)
        for k in range(20)
    ]
    result = calibration.run(entries, fit=True)
    se = 1 / (math.sqrt(10) * math.log(4))
    assert result.fit["b"] == pytest.approx(0, abs=1e-9)
    assert result.fit["se_b"] == pytest.approx(se)
    slope, size = calibration_claims(result)
    assert slope.kind == "calibration.no_skill" and not slope.figures["reversed"]
    assert slope.text == (
        "The recalibration slope is 0.00 (± 0.23): the forecasts show no skill at telling what "
        "came true from what did not (0 is within two standard errors: higher forecasts did not "
        "come true measurably more often than lower ones), so they say nothing of over- or "
        "under-confidence."
    )
    facts = Facts.of_register(entries)
    assert holds(slope, facts) and holds(size, facts) and size.kind == "calibration.too_few"
    assert not holds(dataclasses.replace(slope, kind="calibration.over_confident"), facts)
    assert _false(slope, facts, reversed=True)
    # a register where the higher forecast came true less often: the interval lies below 0
    flipped = [
        entry(p, int(k < (3 if p == 0.8 else 17)), day=dt.date(2026, 1, 1) + dt.timedelta(days=k))
        for p in (0.2, 0.8)
        for k in range(20)
    ]
    (slope, _) = calibration_claims(calibration.run(flipped, fit=True))
    facts = Facts.of_register(flipped)
    assert slope.kind == "calibration.no_skill" and slope.figures["reversed"]
    assert "the higher the forecast, the less often the judgement came true" in slope.text
    assert holds(slope, facts) and _false(slope, facts, reversed=False)


@pytest.mark.parametrize(("count", "enough"), [(400, True), (30, False)])
def test_the_fit_is_said_to_rest_on_enough_judgements_only_by_the_published_rule(count, enough):
    entries = synthetic_entries(count, (("A", 0.0, 1.0),), open_share=0.0, seed=3)
    result = calibration.run(entries, fit=True)
    (size,) = [c for c in calibration_claims(result) if c.kind.endswith(("enough", "too_few"))]
    outcomes = [e.outcome for e in entries]
    n, true = len(outcomes), sum(outcomes)  # counted here, from the register
    assert (size.figures["n"], size.figures["came_true"]) == (n, true)
    assert size.kind == ("calibration.enough" if enough else "calibration.too_few")
    facts = Facts.of_register(entries)
    assert holds(size, facts) and f"{n} resolved" in size.text
    assert not holds(size, None)
    other = "calibration.too_few" if enough else "calibration.enough"
    assert not holds(dataclasses.replace(size, kind=other), facts)
    assert _false(size, facts, n=n + 1) and _false(size, facts, came_true=true - 1)
    assert not holds(size, Facts.of_register(entries[:-1]))  # one judgement fewer
    assert size.text in text.calibration(result) and size.text in str(
        tables.calibration_html(result)
    )


def test_one_analysts_fit_is_checked_against_their_judgements_only():
    entries = synthetic_entries(300, (("A", 0.0, 0.3), ("B", 0.0, 3.0)), open_share=0.1, seed=4)
    result = calibration.run(entries, fit=True, analyst="B")
    said = calibration_claims(result)
    assert [c.kind for c in said] == ["calibration.under_confident", "calibration.enough"]
    mine, everyone = Facts.of_register(entries, analyst="B"), Facts.of_register(entries)
    assert all(holds(c, mine) for c in said)
    assert not any(holds(c, everyone) for c in said)


def test_no_fit_no_reading():
    entries = synthetic_entries(6, (("A", 0.0, 1.0),), open_share=0.0, seed=2)
    result = calibration.run(entries, fit=False)
    assert calibration_claims(result) == []
