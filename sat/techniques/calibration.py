"""Keeping score: Brier scores of a register's resolved judgements, decomposed, and a recalibration fit.

For judgements with outcomes o in {0, 1} and forecasts f (``sat.io.register``):

* **Brier score** (Brier 1950): the mean of (f - o)^2; 0 is perfect, 0.25 is
  what always saying 50% scores.
* **Murphy's decomposition** (1973) over bins of forecasts: reliability =
  sum n_k (f_k - o_k)^2 / N, resolution = sum n_k (o_k - o)^2 / N, uncertainty =
  o (1 - o), where f_k and o_k are a bin's mean forecast and observed rate and o
  the overall rate. Brier = reliability - resolution + uncertainty exactly when
  every forecast in a bin is the same; so the bins are the distinct forecast
  values (up to 21 of them: every 5% step), or tenths of the scale when there are more, and then
  the small difference is reported as the ``remainder`` (the spread of forecasts
  within the bins). Lower reliability is better calibration; higher resolution,
  better discrimination.
* The same **per analyst** and **per ICD 203 band**, a **reliability diagram**
  (observed rate against forecast, by bin), the **sharpness** (how forecasts
  spread over the scale, by tenths) and how the scores **moved over time**
  (by quarter in which the judgements were registered).
* **Recalibration** (``fit=True``): the logistic map logit(p') = a + b logit(f)
  fitted to the resolved judgements by maximum likelihood, with standard
  errors. Fitted to the hypothesis judgements alone (the matrix's posteriors),
  its slope also gives a likelihood table a case can adopt as
  ``bayes.likelihoods``: a posterior's log odds are a sum of log likelihood
  ratios against N, so multiplying every one by b, L'(code) = 0.5 (L(code) / 0.5)^b
  from the default table, is the table whose posteriors that slope would have
  recalibrated (nearly: the priors' log odds are not scaled with them; and the
  intercept a, a bias for or against every hypothesis, has no place in a table
  and is reported apart). b above 1 says the forecasts were under-confident (as Mandel and
  Barnes 2014 found of strategic intelligence), between 0 and 1 over-confident; a
  shifts them all. A slope within two standard errors of 0 (or below it) says the
  forecasts did not tell what came true from what did not (no discrimination), and so
  nothing of over- or under-confidence: the brief says so rather than read it as
  over-confidence (``sat.report.claims.calibration_claims``). Below ``MIN_FIT`` resolved judgements, or with fewer than
  ``MIN_EACH`` of either outcome, the fit is reported but marked as not yet
  meaning anything: its intervals are too wide to act on. When no map can be
  fitted at all (every judgement came out the same, every forecast is the same,
  or the forecasts separate the outcomes, so the best map would be infinitely
  steep), the scores are given with that reason (``no_fit``) instead of a fit.

Every forecast in the register is scored, including the earlier forecasts of
a judgement that was revised (each was a forecast when it was made).

References
----------
.. [1] G. W. Brier, "Verification of forecasts expressed in terms of
   probability", *Monthly Weather Review* 78(1), 1950.
.. [2] A. H. Murphy, "A new vector partition of the probability score",
   *Journal of Applied Meteorology* 12(4), 1973.
.. [3] D. R. Mandel and A. Barnes, "Accuracy of forecasts in strategic
   intelligence", *PNAS* 111(30), 2014.
.. [4] A. Albert and J. A. Anderson, "On the existence of maximum likelihood
   estimates in logistic regression models", *Biometrika* 71(1), 1984.
.. [5] S. Boyd and L. Vandenberghe, *Convex Optimization*, Cambridge University
   Press, 2004, section 9.5.
.. [6] P. McCullagh and J. A. Nelder, *Generalized Linear Models*, 2nd ed.,
   Chapman and Hall, 1989.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sat.errors import AnalysisError
from sat.language import ICD203, words
from sat.techniques._frames import FrameCopy, rounded

__all__ = ["CalibrationResult", "brier", "decompose", "fit_recalibration", "run"]

#: Resolved judgements a recalibration fit needs before it means anything, and of each outcome.
MIN_FIT = 50
MIN_EACH = 10
_EDGE = 1e-3
#: Newton's method stops when the log likelihood can rise by no more than this, or after this many
#: steps; its steps are taken whole once less than ``_QUADRATIC`` is left to gain (where it converges
#: quadratically and the line search could only mistake rounding for a loss).
_TOLERANCE = 1e-20
_QUADRATIC = 1e-6
_MAX_STEPS = 200


def brier(forecasts: Any, outcomes: Any) -> float:
    """The mean squared difference between forecasts and outcomes (0 or 1).

    Examples
    --------
    >>> brier([0.9, 0.2], [1, 0])
    0.025
    """
    f, o = np.asarray(forecasts, dtype=float), np.asarray(outcomes, dtype=float)
    return float(np.mean((f - o) ** 2))


def _bins(f: np.ndarray) -> tuple[np.ndarray, str]:
    values = np.unique(f)
    if len(values) <= 21:
        return np.searchsorted(values, f), "distinct forecast values"
    return np.minimum((f * 10).astype(int), 9), "tenths of the scale"


def decompose(forecasts: Any, outcomes: Any) -> dict[str, Any]:
    """Brier score and Murphy's decomposition, with the bins used.

    Examples
    --------
    >>> d = decompose([0.8, 0.8, 0.2, 0.2], [1, 0, 0, 0])
    >>> round(d["reliability"], 4), round(d["resolution"], 4), round(d["uncertainty"], 4)
    (0.065, 0.0625, 0.1875)
    >>> round(d["brier"], 4) == round(d["reliability"] - d["resolution"] + d["uncertainty"], 4)
    True
    """
    f, o = np.asarray(forecasts, dtype=float), np.asarray(outcomes, dtype=float)
    if len(f) == 0:
        raise AnalysisError("no resolved judgements to score yet")
    keys, binning = _bins(f)
    frame = (
        pd.DataFrame({"bin": keys, "forecast": f, "observed": o})
        .groupby("bin")
        .agg(forecast=("forecast", "mean"), observed=("observed", "mean"), n=("observed", "size"))
        .reset_index(drop=True)
    )
    n, base = len(f), float(o.mean())
    reliability = float((frame["n"] * (frame["forecast"] - frame["observed"]) ** 2).sum() / n)
    resolution = float((frame["n"] * (frame["observed"] - base) ** 2).sum() / n)
    uncertainty = base * (1 - base)
    score = brier(f, o)
    return {
        "n": n,
        "brier": score,
        "reliability": reliability,
        "resolution": resolution,
        "uncertainty": uncertainty,
        "remainder": score - (reliability - resolution + uncertainty),
        "binning": binning,
        "bins": frame,
    }


def _expit(eta: np.ndarray) -> np.ndarray:
    """The logistic function 1 / (1 + exp(-eta)), without overflow at any eta."""
    return np.exp(-np.logaddexp(0.0, -eta))


def _log_likelihood(x: np.ndarray, o: np.ndarray, beta: np.ndarray) -> float:
    """The Bernoulli log likelihood of a logistic model, sum of o eta - log(1 + e^eta), stably."""
    eta = x @ beta
    return float(np.sum(o * eta - np.logaddexp(0.0, eta)))


def why_no_fit(forecasts: Any, outcomes: Any) -> str | None:
    """Why no recalibration map can be fitted to these judgements, in plain words, or None.

    The maximum likelihood estimate of a logistic model exists, and is unique, exactly when the
    outcomes are not (quasi-)completely separated by the covariate and the design has full rank
    (Albert and Anderson 1984 [4]). With one covariate and an intercept that is: both outcomes
    occur; at least two distinct forecasts; and the forecasts of the judgements that came true
    and of those that did not overlap, each range reaching strictly into the other.

    Examples
    --------
    >>> why_no_fit([0.2, 0.8, 0.3, 0.7], [0, 1, 1, 0]) is None
    True
    >>> why_no_fit([0.2, 0.8], [1, 1])
    'all 2 resolved judgements came true; a fit needs judgements of both outcomes'
    """
    f = np.clip(np.asarray(forecasts, dtype=float), _EDGE, 1 - _EDGE)
    o = np.asarray(outcomes, dtype=float)
    n, ones = len(o), int(o.sum())
    if ones in (0, n):
        came = "came true" if ones else "did not come true"
        return f"all {n} resolved judgements {came}; a fit needs judgements of both outcomes"
    if np.unique(f).size < 2:
        return f"every forecast is {f[0]:g}; a slope needs forecasts at two values at least"
    yes, no = f[o == 1], f[o == 0]
    if no.max() <= yes.min():
        low, high, came, not_came = yes.min(), no.max(), "came true", "did not"
    elif yes.max() <= no.min():
        low, high, came, not_came = no.min(), yes.max(), "did not come true", "did"
    else:
        return None
    return (
        f"the forecasts separate the outcomes (every judgement forecast at {low:g} or more "
        f"{came}, every one at {high:g} or less {not_came}), so the best-fitting map would be "
        "infinitely steep; it needs judgements of both outcomes at overlapping forecasts"
    )


def fit_recalibration(forecasts: Any, outcomes: Any) -> dict[str, Any]:
    """The logistic recalibration map logit(p') = a + b logit(f), by maximum likelihood.

    First the data are checked for what makes a maximum impossible (``why_no_fit``); then
    Newton's method with a backtracking line search (Boyd and Vandenberghe 2004 [5], algorithm
    9.5): each step is halved until the log likelihood rises by at least a quarter of what the
    full step promised, so it never overshoots and cannot diverge (the log likelihood is concave);
    it stops when Newton's decrement says less than 1e-20 of log likelihood is left to gain, and
    gives up after 200 steps (it needs fewer than 20 on any register tried).
    Standard errors are from the inverse of the information matrix at the maximum (McCullagh and
    Nelder 1989 [6], section 4.4). Forecasts are kept within [0.001, 0.999].

    Raises
    ------
    AnalysisError
        With the reason in plain words, when the judgements cannot support a fit: a single
        outcome, a single forecast value, or forecasts that separate the outcomes.

    Examples
    --------
    >>> from sat.testing import synthetic_register
    >>> f, o = synthetic_register(4000, a=0.0, b=2.0, seed=1)
    >>> fit = fit_recalibration(f, o)
    >>> abs(fit["b"] - 2.0) < 3 * fit["se_b"]
    True
    """
    f = np.clip(np.asarray(forecasts, dtype=float), _EDGE, 1 - _EDGE)
    o = np.asarray(outcomes, dtype=float)
    reason = why_no_fit(f, o)
    if reason is not None:
        raise AnalysisError(reason)
    # Written here on purpose: statsmodels or scipy.optimize would fit the same two numbers, but
    # each is a heavy dependency that nothing else in sat needs, for a fit of two parameters.
    x = np.column_stack([np.ones_like(f), np.log(f / (1 - f))])
    beta = np.array([0.0, 1.0])
    current = _log_likelihood(x, o, beta)
    for _ in range(_MAX_STEPS):
        eta = x @ beta
        p = _expit(eta)
        gradient = x.T @ (o - p)
        information = (x * (p * _expit(-eta))[:, None]).T @ x  # p (1 - p), exact near 0 and 1
        step = np.linalg.solve(information, gradient)
        decrement = float(gradient @ step)  # Newton's decrement squared: twice the gain left
        if decrement / 2 <= _TOLERANCE:
            break
        scale = 1.0  # backtracking: halve the step until the likelihood rises enough (Armijo)
        trial = _log_likelihood(x, o, beta + step)
        while decrement > _QUADRATIC and trial < current + scale * decrement / 4:
            if scale < 1e-12:  # no step gains anything: the maximum, to machine precision
                break
            scale /= 2
            trial = _log_likelihood(x, o, beta + scale * step)
        beta, current = beta + scale * step, max(trial, current)
    else:
        raise AnalysisError(f"the recalibration did not converge in {_MAX_STEPS} steps")
    eta = x @ beta
    p = _expit(eta)
    covariance = np.linalg.inv((x * (p * _expit(-eta))[:, None]).T @ x)
    se = np.sqrt(np.diag(covariance))
    n, ones = len(o), int(o.sum())
    enough = n >= MIN_FIT and min(ones, n - ones) >= MIN_EACH
    return {
        "a": float(beta[0]),
        "b": float(beta[1]),
        "se_a": float(se[0]),
        "se_b": float(se[1]),
        "n": n,
        "came_true": ones,
        "enough": enough,
        "brier_before": brier(f, o),
        "brier_after": brier(p, o),
    }


def implied_table(b: float, base: dict[str, float] | None = None) -> dict[str, float]:
    """The likelihood table whose log likelihood ratios against N are ``b`` times the base table's.

    Examples
    --------
    >>> implied_table(1.0)["I"], implied_table(2.0)["C"]
    (0.3, 0.605)
    """
    from sat.techniques.bayes import DEFAULT_LIKELIHOODS

    base = dict(base or DEFAULT_LIKELIHOODS)
    neutral = base["N"]
    return {
        code: round(float(np.clip(neutral * (value / neutral) ** b, 0.01, 0.99)), 3)
        for code, value in base.items()
    }


def recalibrate(p: Any, a: float, b: float) -> np.ndarray:
    """Apply a fitted map to probabilities.

    Examples
    --------
    >>> recalibrate([0.5], 0.0, 2.0).tolist()
    [0.5]
    """
    f = np.clip(np.asarray(p, dtype=float), _EDGE, 1 - _EDGE)
    return 1 / (1 + np.exp(-(a + b * np.log(f / (1 - f)))))


@dataclass(frozen=True)
class CalibrationResult:
    """The result of ``run``.

    Attributes
    ----------
    n, open : int
        Resolved forecasts scored, and forecasts still open.
    brier, reliability, resolution, uncertainty, remainder : float
        The score and Murphy's decomposition (see the module docstring).
    binning : str
        The bins used: distinct forecast values, or tenths of the scale.
    bins : pandas.DataFrame
        The reliability diagram's points: ``forecast`` (mean), ``observed`` (rate), ``n``.
    by_analyst, by_band, by_period : pandas.DataFrame
        ``n``, ``brier``, ``mean_forecast`` and ``observed`` by analyst, by ICD 203 band
        of the forecast, and by quarter registered (with that quarter's
        ``reliability`` and ``resolution``: how calibration and discrimination moved).
    sharpness : pandas.Series
        How many forecasts fall in each tenth of the scale (0.0-0.1, ..., 0.9-1.0).
    fit : dict or None
        The recalibration fit (``a``, ``b``, their standard errors, ``n``, ``enough``,
        Brier before and after), when asked for and the judgements support one.
    no_fit : str or None
        Why no recalibration could be fitted, in plain words, when one was asked for and the
        judgements cannot support it (see ``why_no_fit``).
    """

    n: int
    open: int
    brier: float
    reliability: float
    resolution: float
    uncertainty: float
    remainder: float
    binning: str
    bins_frame: pd.DataFrame = field(repr=False)
    by_analyst_frame: pd.DataFrame = field(repr=False)
    by_band_frame: pd.DataFrame = field(repr=False)
    by_period_frame: pd.DataFrame = field(repr=False)
    sharpness_series: pd.Series = field(repr=False)
    fit: dict[str, Any] | None = None
    no_fit: str | None = None

    bins = FrameCopy("The reliability diagram's points.")
    by_analyst = FrameCopy("Scores by analyst.")
    by_band = FrameCopy("Scores by ICD 203 band of the forecast.")
    by_period = FrameCopy("Scores by quarter registered.")

    @property
    def sharpness(self) -> pd.Series:
        return self.sharpness_series.copy()

    def to_dict(self) -> dict[str, Any]:
        return {
            "n": self.n,
            "open": self.open,
            "brier": rounded(self.brier),
            "reliability": rounded(self.reliability),
            "resolution": rounded(self.resolution),
            "uncertainty": rounded(self.uncertainty),
            "remainder": rounded(self.remainder),
            "binning": self.binning,
            "bins": [
                {k: rounded(v) if k != "n" else int(v) for k, v in row.items()}
                for row in self.bins_frame.to_dict("records")
            ],
            "by_analyst": {
                name: {"n": int(row["n"]), "brier": rounded(row["brier"])}
                for name, row in self.by_analyst_frame.iterrows()
            },
            "by_band": {
                band: {"n": int(row["n"]), "brier": rounded(row["brier"])}
                for band, row in self.by_band_frame.iterrows()
            },
            "by_period": {
                period: {
                    "n": int(row["n"]),
                    "brier": rounded(row["brier"]),
                    "reliability": rounded(row["reliability"]),
                    "resolution": rounded(row["resolution"]),
                }
                for period, row in self.by_period_frame.iterrows()
            },
            "sharpness": {k: int(v) for k, v in self.sharpness_series.items()},
            "fit": None if self.fit is None else {k: rounded(v) for k, v in self.fit.items()},
            "no_fit": self.no_fit,
        }


def _scores(frame: pd.DataFrame, by: str) -> pd.DataFrame:
    groups = frame.groupby(by, sort=True)
    out = pd.DataFrame(
        {
            "n": groups.size(),
            "brier": groups.apply(lambda g: brier(g["f"], g["o"]), include_groups=False),
            "mean_forecast": groups["f"].mean(),
            "observed": groups["o"].mean(),
        }
    )
    out.index.name = by
    return out


def _periods(frame: pd.DataFrame) -> pd.DataFrame:
    """Scores by quarter registered, with each quarter's reliability and resolution."""
    out = _scores(frame, "period")
    parts = {period: decompose(group["f"], group["o"]) for period, group in frame.groupby("period")}
    out["reliability"] = [parts[p]["reliability"] for p in out.index]
    out["resolution"] = [parts[p]["resolution"] for p in out.index]
    return out


def run(entries: Any, *, fit: bool = False, analyst: str | None = None) -> CalibrationResult:
    """Score a register's resolved forecasts (see the module docstring).

    Parameters
    ----------
    entries : sequence of ``sat.io.register.Entry``
    fit : bool
        Also fit the recalibration map (or say why none can be fitted: ``no_fit``).
    analyst : str, optional
        Score only this analyst's forecasts (a recalibration is best fitted per analyst).

    Raises
    ------
    AnalysisError
        When no forecast is resolved yet.
    """
    if analyst is not None:
        names = sorted({e.analyst for e in entries})
        entries = [e for e in entries if e.analyst == analyst]
        if not entries:
            raise AnalysisError(f"no judgements by '{analyst}' (analysts: {', '.join(names)})")
    resolved = [e for e in entries if e.outcome is not None]
    still_open = len(entries) - len(resolved)
    if not resolved:
        from sat.language import counted

        judgements = len({e.id for e in entries})  # each forecast by one or more forecasters
        raise AnalysisError(
            f"no resolved judgements to score yet ({judgements} open, "
            f"{counted(still_open, 'forecast')}): record outcomes with "
            "sat resolve REGISTER ID --outcome yes|no"
        )
    frame = pd.DataFrame(
        {
            "f": [e.probability for e in resolved],
            "o": [float(e.outcome) for e in resolved],
            "analyst": [e.analyst or "(no analyst)" for e in resolved],
            "band": [words(e.probability).likelihood for e in resolved],
            "period": [
                f"{e.registered.year} Q{(e.registered.month - 1) // 3 + 1}"
                if e.registered
                else "(undated)"
                for e in resolved
            ],
        }
    )
    parts = decompose(frame["f"], frame["o"])
    by_band = _scores(frame, "band")
    order = {term: k for k, (term, *_) in enumerate(ICD203)}
    by_band = by_band.sort_index(key=lambda idx: idx.map(order))
    tenths = np.minimum((np.asarray([e.probability for e in entries]) * 10).astype(int), 9)
    sharpness = pd.Series(
        np.bincount(tenths, minlength=10),
        index=[f"{k / 10:.1f}–{(k + 1) / 10:.1f}" for k in range(10)],
        name="forecasts",
    )
    fitted, no_fit = _fit(frame, resolved) if fit else (None, None)
    return CalibrationResult(
        n=parts["n"],
        open=still_open,
        brier=parts["brier"],
        reliability=parts["reliability"],
        resolution=parts["resolution"],
        uncertainty=parts["uncertainty"],
        remainder=parts["remainder"],
        binning=parts["binning"],
        bins_frame=parts["bins"],
        by_analyst_frame=_scores(frame, "analyst"),
        by_band_frame=by_band,
        by_period_frame=_periods(frame),
        sharpness_series=sharpness,
        fit=fitted,
        no_fit=no_fit,
    )


def _fit(frame: pd.DataFrame, resolved: list[Any]) -> tuple[dict[str, Any] | None, str | None]:
    """The recalibration of every judgement, and of the hypothesis judgements the table it
    implies; or None and why no recalibration can be fitted."""
    try:
        out = fit_recalibration(frame["f"], frame["o"])
    except AnalysisError as exc:
        return None, f"no recalibration fit: {exc}"
    hypotheses = [e for e in resolved if e.kind == "hypothesis"]
    out["table"] = None
    if len(hypotheses) >= 2:
        try:
            fitted = fit_recalibration(
                [e.probability for e in hypotheses], [e.outcome for e in hypotheses]
            )
        except AnalysisError:
            return out, None
        out["table"] = {
            "b": fitted["b"],
            "se_b": fitted["se_b"],
            "n": fitted["n"],
            "enough": fitted["enough"],
            "likelihoods": implied_table(fitted["b"]),
            "low": implied_table(max(fitted["b"] - 2 * fitted["se_b"], 0.0)),
            "high": implied_table(fitted["b"] + 2 * fitted["se_b"]),
        }
    return out, None
