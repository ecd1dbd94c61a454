"""Weights earned on resolved judgements: who has made the team's pooled probabilities better.

A judgement register (``sat.io.register``) holds every forecaster's probability of each
judgement and, once known, its outcome. Contribution weighting (Budescu & Chen 2015) asks of
each forecaster how much the team's pooled forecast gained from including them: on each resolved
judgement that two or more forecasters gave, the Brier score of the mean of the others' forecasts
less the Brier score of the mean of everyone's (positive: they made the pool better). A
forecaster's **contribution** is the average of these gains over the judgements they forecast;
their **weight** is their contribution's share of the positive contributions (a forecaster whose
contribution is zero or negative gets none). Each forecaster's latest forecast of a judgement is
the one scored.

Whether weights earned this way would have helped *this* team is measured, not assumed: each
resolved judgement is held back in turn, the weights earned on the others pool its forecasts, and
the Brier score of that weighted pool is set beside the equal-weight pool's (leave-one-out; where
none of a judgement's forecasters has a positive weight on the others, the equal pool stands and
it counts as a fallback). Budescu & Chen found contribution-weighted pools more accurate than equal
weights on a large forecasting tournament; a small register is a weak guide, and the result says
how many judgements the weights rest on.

``run`` returns facts; the words are the presentation layer's.

References
----------
.. [1] D. V. Budescu and E. Chen, "Identifying expertise to extract the wisdom of crowds",
   *Management Science* 61(2), 267-280, 2015.
.. [2] G. W. Brier, "Verification of forecasts expressed in terms of probability", *Monthly
   Weather Review* 78(1), 1-3, 1950.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np

__all__ = ["EarnedResult", "Forecaster", "OutOfSample", "contributions", "run", "weights_for"]


@dataclass(frozen=True, slots=True)
class Forecaster:
    """One forecaster's record on the resolved judgements.

    Attributes
    ----------
    name : str
    judgements : int
        Resolved judgements they forecast.
    scored : int
        Of those, the ones forecast by someone else too (a contribution needs a pool without them).
    brier : float or None
        Their own mean Brier score over ``judgements`` (None without any).
    contribution : float or None
        The mean gain in the pool's Brier score from including them (None when ``scored`` is 0).
    weight : float
        Their share of the positive contributions (0 for none, or when nobody's is positive).
    """

    name: str
    judgements: int
    scored: int
    brier: float | None
    contribution: float | None
    weight: float

    def to_dict(self) -> dict[str, Any]:
        return {
            "judgements": self.judgements,
            "scored": self.scored,
            "brier": self.brier,
            "contribution": self.contribution,
            "weight": self.weight,
        }


@dataclass(frozen=True, slots=True)
class OutOfSample:
    """Leave-one-out: each resolved judgement pooled with the weights earned on the others.

    Attributes
    ----------
    judgements : int
        Judgements held back in turn (those forecast by two or more).
    brier_equal, brier_weighted : float or None
        The mean Brier score of the equal-weight and the weighted pools over them.
    better, worse, same : int
        Judgements where the weighted pool scored better, worse, or the same as the equal pool.
    fallbacks : int
        Judgements where no forecaster had a positive weight on the others (the equal pool stood).
    """

    judgements: int
    brier_equal: float | None
    brier_weighted: float | None
    better: int
    worse: int
    same: int
    fallbacks: int

    def to_dict(self) -> dict[str, Any]:
        return {
            "judgements": self.judgements,
            "brier_equal": self.brier_equal,
            "brier_weighted": self.brier_weighted,
            "better": self.better,
            "worse": self.worse,
            "same": self.same,
            "fallbacks": self.fallbacks,
        }


@dataclass(frozen=True, slots=True)
class EarnedResult:
    """Each forecaster's earned weight, and whether the weights would have helped.

    Attributes
    ----------
    forecasters : tuple of Forecaster
        In the order they first appear in the register.
    judgements : int
        Resolved judgements in the register.
    pooled : int
        Of those, the ones two or more forecasters gave (the ones weights are earned on).
    out_of_sample : OutOfSample
    """

    forecasters: tuple[Forecaster, ...]
    judgements: int
    pooled: int
    out_of_sample: OutOfSample

    @property
    def weights(self) -> dict[str, float]:
        """Each forecaster's weight, by name (all zero when nobody's contribution is positive)."""
        return {f.name: f.weight for f in self.forecasters}

    @property
    def earned(self) -> bool:
        """Whether anybody earned a weight (some contribution is positive)."""
        return any(f.weight > 0 for f in self.forecasters)

    def to_dict(self) -> dict[str, Any]:
        return {
            "judgements": self.judgements,
            "pooled": self.pooled,
            "forecasters": {f.name: f.to_dict() for f in self.forecasters},
            "out_of_sample": self.out_of_sample.to_dict(),
        }


def _table(entries: Iterable[Any]) -> tuple[tuple[str, ...], np.ndarray, np.ndarray]:
    """Forecasters, the forecasts (resolved judgements x forecasters; NaN: not forecast) and the
    outcomes, each forecaster's latest forecast of each resolved judgement."""
    latest: dict[tuple[str, str], tuple[int, float]] = {}
    outcomes: dict[str, int] = {}
    names: dict[str, None] = {}
    for e in entries:
        if e.outcome is None:
            continue
        names.setdefault(e.analyst)
        outcomes[e.id] = int(e.outcome)
        kept = latest.get((e.id, e.analyst))
        if kept is None or e.forecast >= kept[0]:
            latest[e.id, e.analyst] = (e.forecast, float(e.probability))
    who = tuple(names)
    ids = list(outcomes)
    row = {j: i for i, j in enumerate(ids)}
    col = {a: k for k, a in enumerate(who)}
    forecasts = np.full((len(ids), len(who)), np.nan)
    for (ident, analyst), (_, p) in latest.items():
        forecasts[row[ident], col[analyst]] = p
    return who, forecasts, np.array([outcomes[j] for j in ids], dtype=float)


def _gains(forecasts: np.ndarray, outcomes: np.ndarray) -> np.ndarray:
    """Per judgement and forecaster, the pool's Brier score without them less with them (NaN
    where they did not forecast it or nobody else did)."""
    given = ~np.isnan(forecasts)
    n = given.sum(axis=1, keepdims=True)
    total = np.nansum(forecasts, axis=1, keepdims=True)
    o = outcomes[:, None]
    with np.errstate(invalid="ignore", divide="ignore"):
        everyone = (total / n - o) ** 2
        others = ((total - forecasts) / (n - 1) - o) ** 2
    return np.where(given & (n >= 2), others - everyone, np.nan)


def contributions(forecasts: Any, outcomes: Any) -> np.ndarray:
    """Each forecaster's mean gain in the pool's Brier score (NaN for one never scored).

    Parameters
    ----------
    forecasts : array_like
        Probabilities, a row per judgement and a column per forecaster; NaN where a
        forecaster gave none.
    outcomes : array_like
        1 or 0, one per judgement.

    Examples
    --------
    Two judgements, both came true; A said 0.9 and 0.8, B 0.5 and 0.6. On the first the pool is
    0.7 (Brier 0.09); without A it is 0.5 (0.25), without B 0.9 (0.01): A gains 0.16, B -0.08.
    On the second: pool 0.7 (0.09), without A 0.6 (0.16), without B 0.8 (0.04).

    >>> contributions([[0.9, 0.5], [0.8, 0.6]], [1, 1]).round(4).tolist()
    [0.115, -0.065]
    """
    gains = _gains(np.asarray(forecasts, dtype=float), np.asarray(outcomes, dtype=float))
    scored = ~np.isnan(gains)
    with np.errstate(invalid="ignore"):
        return np.where(scored.any(axis=0), np.nansum(gains, axis=0) / scored.sum(axis=0), np.nan)


def _shares(contribution: np.ndarray) -> np.ndarray:
    positive = np.where(np.nan_to_num(contribution, nan=0.0) > 0, contribution, 0.0)
    total = positive.sum(axis=-1, keepdims=True)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(total > 0, positive / total, 0.0)


def _out_of_sample(forecasts: np.ndarray, outcomes: np.ndarray) -> OutOfSample:
    gains = _gains(forecasts, outcomes)
    scored = ~np.isnan(gains)
    pooled = np.flatnonzero(scored.any(axis=1))
    if not len(pooled):
        return OutOfSample(0, None, None, 0, 0, 0, 0)
    sums, counts = np.nansum(gains, axis=0), scored.sum(axis=0)
    # the contributions earned without judgement q: its gains taken out of the sums and counts
    held_sums = sums[None, :] - np.nan_to_num(gains[pooled])
    held_counts = counts[None, :] - scored[pooled]
    with np.errstate(invalid="ignore", divide="ignore"):
        earned = np.where(held_counts > 0, held_sums / held_counts, np.nan)
    f = forecasts[pooled]
    given = ~np.isnan(f)
    w = np.where(given, _shares(earned), 0.0)
    weight = w.sum(axis=1)
    equal = np.nanmean(f, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        weighted = np.where(weight > 0, (w * np.nan_to_num(f)).sum(axis=1) / weight, equal)
    o = outcomes[pooled]
    b_equal, b_weighted = (equal - o) ** 2, (weighted - o) ** 2
    close = np.isclose(b_weighted, b_equal, rtol=0, atol=1e-12)
    return OutOfSample(
        judgements=len(pooled),
        brier_equal=float(b_equal.mean()),
        brier_weighted=float(b_weighted.mean()),
        better=int((~close & (b_weighted < b_equal)).sum()),
        worse=int((~close & (b_weighted > b_equal)).sum()),
        same=int(close.sum()),
        fallbacks=int((weight <= 0).sum()),
    )


def run(entries: Iterable[Any]) -> EarnedResult:
    """Each forecaster's contribution and weight on a register's resolved judgements.

    Parameters
    ----------
    entries : iterable of ``sat.io.register.Entry``
        The register (open judgements are ignored).

    Examples
    --------
    >>> from sat.io.register import Entry
    >>> def said(ident, who, p, outcome):
    ...     return Entry(ident, 1, "c", "v", who, "hypothesis", "s", p, "", None, None, outcome)
    >>> result = run([said("J1", "A", 0.9, 1), said("J1", "B", 0.5, 1),
    ...               said("J2", "A", 0.8, 1), said("J2", "B", 0.6, 1)])
    >>> result.weights, result.out_of_sample.better
    ({'A': 1.0, 'B': 0.0}, 2)
    """
    who, forecasts, outcomes = _table(entries)
    given = ~np.isnan(forecasts)
    gains = _gains(forecasts, outcomes)
    mean_gain = contributions(forecasts, outcomes)
    shares = _shares(mean_gain)
    brier = np.where(given, (forecasts - outcomes[:, None]) ** 2, np.nan)
    people = []
    for k, name in enumerate(who):
        mine = given[:, k]
        people.append(
            Forecaster(
                name=name,
                judgements=int(mine.sum()),
                scored=int((~np.isnan(gains[:, k])).sum()),
                brier=float(np.nanmean(brier[:, k])) if mine.any() else None,
                contribution=None if np.isnan(mean_gain[k]) else float(mean_gain[k]),
                weight=float(shares[k]),
            )
        )
    return EarnedResult(
        forecasters=tuple(people),
        judgements=len(outcomes),
        pooled=int((given.sum(axis=1) >= 2).sum()),
        out_of_sample=_out_of_sample(forecasts, outcomes),
    )


def weights_for(result: EarnedResult, names: Iterable[str]) -> Mapping[str, float]:
    """The earned weights of ``names`` renormalised over them (empty when none of them earned
    one): the weights a pool of these analysts' numbers uses."""
    earned = {n: result.weights.get(n, 0.0) for n in names}
    total = sum(earned.values())
    return {n: w / total for n, w in earned.items()} if total > 0 else {}
