"""Keeping score on numbers: a register's resolved quantity targets, per forecaster.

A quantity target's forecast (``sat.io.register_quantities``) is a set of quantiles; once its
value is known (``sat resolve REGISTER ID --value X``) each forecaster is scored on their latest
forecast of it:

* **hits**: how many realisations fell inside the forecaster's outermost interval (from the
  lowest to the highest quantile: the 90% range of the usual 5, 50 and 95%), to set beside
  the share that interval should hold; a value equal to the lowest quantile is below the
  interval and one equal to the highest inside it, as Cooke's bins count them (x <= q_1 is the
  first bin), so hits and calibration agree on every value;
* **Cooke's calibration** over the resolved targets treated as seed questions
  (``sat.techniques.experts_scores.calibration``, SAT-REFERENCE section 9): the realisations'
  shares in the inter-quantile bins against the bins' probabilities, C = P(chi-square with m
  degrees of freedom > 2 N I(s, p)), N the number of targets scored;
* the mean **interval score** of the outermost interval (Gneiting and Raftery 2007, eq. 43): for
  the central (1 - alpha) interval [l, u] and the value x, (u - l) + (2 / alpha)(l - x) 1{x < l}
  + (2 / alpha)(x - u) 1{x > u}: its width, plus a penalty for a value outside it; lower is
  better (for a range that is not central, say 10 to 95%, the penalties are 1 / 0.10 and
  1 / 0.05: ``interval_score``). On a ``log`` quantity l, u and x are natural logarithms (the score is then in ln
  units: a ratio, not the quantity's unit). Each target's score is in its own unit, so a mean
  over targets of different units is dominated by the largest; compare forecasters on the same
  targets.

Calibration compares bins, so every target scored for a forecaster must have the same quantile
probabilities: a forecaster's targets are scored on the set most of them use (the earliest
registered when tied), and a target with another set is skipped, with why (``other-quantiles``).
Probability judgements are never scored here (``sat.techniques.calibration``), and a quantity
score never joins a probability score in one figure.

References
----------
.. [1] T. Gneiting and A. E. Raftery, "Strictly proper scoring rules, prediction, and
   estimation", *Journal of the American Statistical Association* 102(477), 359-378, 2007.
.. [2] R. M. Cooke, *Experts in Uncertainty*, Oxford University Press, 1991.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

import numpy as np

from sat.techniques.experts_scores import calibration

__all__ = ["SKIPPED", "ForecasterScores", "QuantityScoresResult", "interval_score", "score"]

#: Why a resolved target is not scored for a forecaster: ``other-quantiles`` (its quantile
#: probabilities differ from those of the forecaster's other targets).
SKIPPED = ("other-quantiles",)


def interval_score(lower: float, upper: float, value: float, low: float, high: float) -> float:
    """Gneiting and Raftery's interval score of the range from the ``low`` to the ``high``
    quantile: (u - l) + (1 / low)(l - x) 1{x < l} + (1 / (1 - high))(x - u) 1{x > u}.

    For a central (1 - alpha) range (low = alpha / 2, high = 1 - alpha / 2) both penalties are
    2 / alpha: eq. 43 of Gneiting and Raftery (2007). For one that is not central (10 and 95%)
    the score stays proper: its expectation is least at the true ``low`` and ``high`` quantiles.

    Examples
    --------
    Width 10; a value 2 below a 5-95% range adds (1 / 0.05) * 2 = 40.

    >>> interval_score(10, 20, 15, 0.05, 0.95), interval_score(10, 20, 8, 0.05, 0.95)
    (10.0, 50.0)
    """
    score = float(upper - lower)
    if value < lower:
        score += (lower - value) / low
    elif value > upper:
        score += (value - upper) / float(1 - Decimal(repr(high)))
    return score


@dataclass(frozen=True)
class TargetScore:
    """One forecaster's score on one resolved target (values on ln for a ``log`` target)."""

    id: str
    forecast: int
    lower: float
    upper: float
    value: float
    inside: bool
    interval_score: float
    log: bool


@dataclass(frozen=True)
class ForecasterScores:
    """One forecaster's record on the resolved quantity targets.

    Attributes
    ----------
    analyst : str
    probabilities : tuple of float
        The quantile probabilities of the targets scored.
    coverage : float
        The probability of the outermost interval (0.9 for 5 and 95%).
    targets : tuple of TargetScore
        Each target scored, in the register's order.
    calibration : float
        Cooke's calibration score over ``targets`` as seeds.
    skipped : tuple of (str, str)
        (id, code of ``SKIPPED``) for the resolved targets not scored.
    """

    analyst: str
    probabilities: tuple[float, ...]
    coverage: float
    targets: tuple[TargetScore, ...]
    calibration: float
    skipped: tuple[tuple[str, str], ...] = ()

    @property
    def n(self) -> int:
        return len(self.targets)

    @property
    def inside(self) -> int:
        """How many realisations fell inside the outermost interval."""
        return sum(t.inside for t in self.targets)

    @property
    def interval_score(self) -> float:
        """The mean interval score over ``targets``."""
        return float(np.mean([t.interval_score for t in self.targets]))

    @property
    def logs(self) -> int:
        """How many of ``targets`` are on a log scale (scored on ln values)."""
        return sum(t.log for t in self.targets)

    def to_dict(self) -> dict[str, Any]:
        return {
            "targets": self.n,
            "inside": self.inside,
            "coverage": self.coverage,
            "probabilities": list(self.probabilities),
            "calibration": self.calibration,
            "interval_score": self.interval_score,
            "log_scale_targets": self.logs,
            "scores": [
                {
                    "id": t.id,
                    "forecast": t.forecast,
                    "lower": t.lower,
                    "upper": t.upper,
                    "value": t.value,
                    "inside": t.inside,
                    "interval_score": t.interval_score,
                    "log": t.log,
                }
                for t in self.targets
            ],
            "skipped": [{"id": i, "why": code} for i, code in self.skipped],
        }


@dataclass(frozen=True)
class QuantityScoresResult:
    """A register's quantity targets scored.

    Attributes
    ----------
    resolved : int
        Quantity targets with a recorded value.
    open : int
        Quantity targets still open.
    forecasters : tuple of ForecasterScores
        Each forecaster of a resolved target, in the order first met (each has at least one
        target scored: the quantile set most of theirs use).
    """

    resolved: int
    open: int
    forecasters: tuple[ForecasterScores, ...]

    def to_dict(self) -> dict[str, Any]:
        return {
            "resolved": self.resolved,
            "open": self.open,
            "by_analyst": {f.analyst: f.to_dict() for f in self.forecasters},
        }


def _latest(entries: list[Any]) -> dict[tuple[str, str], Any]:
    latest: dict[tuple[str, str], Any] = {}
    for e in entries:
        key = (e.analyst, e.id)
        if key not in latest or e.forecast > latest[key].forecast:
            latest[key] = e
    return latest


def _forecaster(analyst: str, forecasts: list[Any]) -> ForecasterScores:
    """One forecaster's scores on their latest forecasts of resolved targets."""
    counts = Counter(f.probabilities for f in forecasts)
    most = max(counts.values())
    chosen = next(f.probabilities for f in forecasts if counts[f.probabilities] == most)
    kept = [f for f in forecasts if f.probabilities == chosen]
    skipped = tuple((f.id, "other-quantiles") for f in forecasts if f.probabilities != chosen)
    log = np.array([f.scale == "log" for f in kept])
    values = np.array([f.values for f in kept], dtype=float)
    truth = np.array([f.value for f in kept], dtype=float)
    values[log, :] = np.log(values[log, :])
    truth[log] = np.log(truth[log])
    probabilities = np.array(chosen, dtype=float)
    cal = calibration(
        values[None, :, :], truth, probabilities, np.ones(len(kept), dtype=bool), len(kept)
    )
    low, high = chosen[0], chosen[-1]
    scores = tuple(
        TargetScore(
            f.id,
            f.forecast,
            float(values[i, 0]),
            float(values[i, -1]),
            float(truth[i]),
            bool(values[i, 0] < truth[i] <= values[i, -1]),  # as Cooke's bins count it
            interval_score(values[i, 0], values[i, -1], truth[i], low, high),
            bool(log[i]),
        )
        for i, f in enumerate(kept)
    )
    coverage = float(Decimal(repr(high)) - Decimal(repr(low)))  # 0.9, not 0.8999999999999999
    return ForecasterScores(analyst, chosen, coverage, scores, float(cal[0]), skipped)


def score(entries: Any, *, analyst: str | None = None) -> QuantityScoresResult:
    """Score the resolved quantity targets of a register's rows (``sat.io.register.read_rows``;
    probability rows are left out), per forecaster, on each one's latest forecast of each.

    Examples
    --------
    One forecaster, three targets on 5, 50 and 95%: 15 falls inside [10, 20] (score 10), 25
    above [10, 20] (10 + 20 * 5 = 110), 30 inside [0, 40] (40).

    >>> from types import SimpleNamespace as NS
    >>> def row(i, low, mid, high, value):
    ...     return NS(id=i, analyst="A", forecast=1, kind="quantity", scale="uniform",
    ...               probabilities=(0.05, 0.5, 0.95), values=(low, mid, high), value=value)
    >>> result = score([row("a", 10, 15, 20, 15), row("b", 10, 15, 20, 25), row("c", 0, 20, 40, 30)])
    >>> f = result.forecasters[0]
    >>> f.n, f.inside, round(f.interval_score, 6)
    (3, 2, 53.333333)
    """
    rows = [e for e in entries if getattr(e, "kind", "") == "quantity"]
    if analyst is not None:
        rows = [e for e in rows if e.analyst == analyst]
    resolved = {e.id for e in rows if e.value is not None}
    latest = _latest([e for e in rows if e.value is not None])
    by_analyst: dict[str, list[Any]] = {}
    for (name, _), entry in latest.items():
        by_analyst.setdefault(name, []).append(entry)
    forecasters = tuple(_forecaster(name, given) for name, given in by_analyst.items())
    return QuantityScoresResult(len(resolved), len({e.id for e in rows} - resolved), forecasters)
