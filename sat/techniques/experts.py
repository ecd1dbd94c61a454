"""Cooke's classical model: weigh a panel's quantity estimates by their performance on seeds.

``run(study)`` scores every expert on the seed questions (items whose true value is known):
**calibration** (does the truth fall in the expert's inter-quantile bins as often as their
probabilities say), **information** (how narrow the expert's distributions are against each
item's background range), over all items answered and over the seeds. It then builds two
**decision makers** (DMs), each a weighted mixture of the experts' distributions scored as an
expert: the **equal-weight** DM and the **global-weight** DM, whose weights are calibration
times seed information for the experts calibrated at least at a cut-off alpha, the alpha tried
at each expert's calibration and kept where the DM's own calibration times seed information is
highest (or fixed by the caller). ``sat.techniques.experts_oos`` tests the weights out of
sample; ``sat.models.idea`` turns four-point (IDEA) answers into quantiles.

The arithmetic is ``sat.techniques.experts_scores``; SAT-REFERENCE section 9 states the method.
It reproduces what ANDURYL 1.2.2 computes for the TU Delft database's studies (the tests check
two of them).

References
----------
.. [1] R. M. Cooke, *Experts in Uncertainty: Opinion and Subjective Probability in Science*,
   Oxford University Press, 1991.
.. [2] R. M. Cooke and L. L. H. J. Goossens, "TU Delft expert judgment data base",
   *Reliability Engineering & System Safety* 93(5), 657-674, 2008.
.. [3] A. R. Colson and R. M. Cooke, "Cross validation for the classical model of structured
   expert judgment", *Reliability Engineering & System Safety* 163, 109-120, 2017.
.. [4] V. Hemming, M. A. Burgman, A. M. Hanea, M. F. McBride and B. C. Wintle, "A practical
   guide to structured expert elicitation using the IDEA protocol", *Methods in Ecology and
   Evolution* 9(1), 169-180, 2018.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from itertools import pairwise
from typing import Any

import numpy as np

from sat.errors import AnalysisError
from sat.models.study import Study
from sat.techniques.experts_scores import (
    calibration,
    dm_quantiles,
    information,
    intrinsic_range,
    item_information,
)

__all__ = [
    "OVERSHOOT",
    "DecisionMaker",
    "ExpertsResult",
    "Performance",
    "Prepared",
    "global_weights",
    "mixture",
    "prepare",
    "run",
    "score",
]

#: The classical model's usual overshoot: each item's range is widened by this share each side.
OVERSHOOT = 0.1


@dataclass(frozen=True, slots=True)
class Performance:
    """How an expert (or a decision maker) scores.

    Attributes
    ----------
    calibration : float
        The p-value of the chi-square test that the seeds fell in the bins as often as the
        quantiles' probabilities say (1 is best; 0.05 a common floor).
    information : float
        Mean relative information over all items answered.
    information_seed : float
        Mean relative information over the seeds answered.
    seeds : int
        Seeds answered.
    """

    calibration: float
    information: float
    information_seed: float
    seeds: int

    @property
    def combined(self) -> float:
        """Calibration times seed information: the unnormalised weight, the DM's objective."""
        return self.calibration * self.information_seed

    def to_dict(self) -> dict[str, Any]:
        return {
            "calibration": self.calibration,
            "information": self.information,
            "information_seed": self.information_seed,
        }


@dataclass(frozen=True, slots=True)
class DecisionMaker:
    """A weighted mixture of the experts' distributions, scored as an expert.

    Attributes
    ----------
    performance : Performance
    weights : tuple of float
        Each expert's normalised weight (in the study's expert order; they sum to 1).
    quantiles : tuple of tuple of float
        The DM's quantiles per item, in the study's item order (natural units).
    alpha : float or None
        The calibration cut-off of a global-weight DM; None for equal weights.
    """

    performance: Performance
    weights: tuple[float, ...]
    quantiles: tuple[tuple[float, ...], ...]
    alpha: float | None = None


@dataclass(frozen=True, eq=False)
class Prepared:
    """A study as arrays on the items' scales (ln values for ``log`` items), with each item's
    background range: what every score is computed from. Arrays are read-only."""

    study: Study
    values: np.ndarray  # (experts, items, m), NaN where not answered
    truth: np.ndarray  # (items,), NaN for a target
    log: np.ndarray  # (items,) bool
    probabilities: np.ndarray
    low: np.ndarray
    high: np.ndarray
    n: int  # the smallest number of seeds answered

    @property
    def seeds(self) -> np.ndarray:
        return ~np.isnan(self.truth)


@dataclass(frozen=True)
class ExpertsResult:
    """The classical model's scores, weights and decision makers for one study.

    Attributes
    ----------
    experts : tuple of str
    items, seeds, targets : tuple of str
        Item ids: all, those with a realisation, those without.
    probabilities : tuple of float
    performance : tuple of Performance
        Each expert's scores, in ``experts`` order.
    n : int
        N of the calibration statistic: the smallest number of seeds any expert answered.
    overshoot : float
    ranges : tuple of (float, float)
        Each item's background range [L, U] in natural units (NaN for an item no expert
        answered, whose DM quantiles are NaN too, and null in ``to_dict``).
    equal, optimised : DecisionMaker
        The equal-weight and the global-weight DM (alpha optimised, or the caller's).
    alpha_fixed : bool
        Whether alpha was given rather than optimised.
    """

    experts: tuple[str, ...]
    items: tuple[str, ...]
    seeds: tuple[str, ...]
    targets: tuple[str, ...]
    probabilities: tuple[float, ...]
    performance: tuple[Performance, ...]
    n: int
    overshoot: float
    ranges: tuple[tuple[float, float], ...]
    equal: DecisionMaker
    optimised: DecisionMaker
    alpha_fixed: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``sat experts --json``."""
        targets = [self.items.index(t) for t in self.targets]

        def dm(d: DecisionMaker) -> dict[str, Any]:
            out = d.performance.to_dict()
            out["quantiles"] = {self.items[i]: _listed(d.quantiles[i]) for i in targets}
            return out

        return {
            "probabilities": list(self.probabilities),
            "seeds": len(self.seeds),
            "n": self.n,
            "overshoot": self.overshoot,
            "experts": {
                e: {**p.to_dict(), "weight": w}
                for e, p, w in zip(
                    self.experts, self.performance, self.optimised.weights, strict=True
                )
            },
            "decision_makers": {
                "equal": dm(self.equal),
                "global": {**dm(self.optimised), "alpha": self.optimised.alpha},
            },
        }


def _listed(quantiles: tuple[float, ...]) -> list[float] | None:
    """A DM's quantiles for JSON: None for an item no expert answered (NaN here)."""
    return None if any(math.isnan(v) for v in quantiles) else list(quantiles)


def _problems(study: Study) -> list[str]:
    """What makes a study unusable for the classical model, one fact each."""
    out = []
    for e, row in zip(study.experts, study.answers, strict=True):
        for item, answer in zip(study.items, row, strict=True):
            if answer is None:
                continue
            if any(not math.isfinite(v) for v in answer):
                out.append(f"expert {e}, item {item.id}: quantiles should be finite numbers")
            elif any(a >= b for a, b in pairwise(answer)):
                out.append(f"expert {e}, item {item.id}: quantiles should increase strictly")
            elif item.scale == "log" and answer[0] <= 0:
                out.append(
                    f"expert {e}, item {item.id}: a log-scale item's quantiles should be positive"
                )
    for item in study.items:
        if item.scale == "log" and item.realization is not None and item.realization <= 0:
            out.append(f"item {item.id}: a log-scale item's realization should be positive")
    if not study.seeds:
        out.append("no item has a realization: calibration needs seed questions")
    else:
        for e, row in zip(study.experts, study.answers, strict=True):
            if not any(a is not None for a, q in zip(row, study.items, strict=True) if q.seed):
                out.append(f"expert {e} answered no seed question")
    if not study.experts:
        out.append("no expert")
    return out


def prepare(study: Study, overshoot: float = OVERSHOOT) -> Prepared:
    """A study as arrays on the items' scales, with its ranges and N.

    Raises
    ------
    AnalysisError
        When the study cannot be scored (one line per problem): quantiles that do not increase,
        non-positive values on a log item, no seeds, an expert with no seed answered.
    """
    if not (isinstance(overshoot, int | float) and 0 < overshoot <= 10):
        raise AnalysisError(
            f"overshoot should be a number above 0 and at most 10, not {overshoot!r}"
        )
    problems = _problems(study)
    if problems:
        raise AnalysisError("\n".join(problems))
    m = len(study.probabilities)
    values = np.array(
        [[a if a is not None else (math.nan,) * m for a in row] for row in study.answers],
        dtype=float,
    ).reshape(len(study.experts), len(study.items), m)
    truth = np.array([math.nan if q.realization is None else q.realization for q in study.items])
    log = np.array([q.scale == "log" for q in study.items], dtype=bool)
    values[:, log, :] = np.log(values[:, log, :])
    truth[log] = np.log(truth[log])
    low, high = intrinsic_range(values, truth, overshoot)
    seeds = ~np.isnan(truth)
    n = int((~np.isnan(values[:, seeds, 0])).sum(axis=1).min())
    arrays = [values, truth, log, low, high]
    for a in arrays:
        a.setflags(write=False)
    probabilities = np.array(study.probabilities, dtype=float)
    probabilities.setflags(write=False)
    return Prepared(study, values, truth, log, probabilities, low, high, n)


def score(
    prep: Prepared, values: np.ndarray, seeds: np.ndarray | None = None, n: int | None = None
) -> list[Performance]:
    """The performance of each row of ``values`` (experts, or DMs as arrays of shape
    (k, items, m)) on the seeds ``seeds`` (a mask; all the study's seeds by default) with N
    ``n`` (the study's by default), against the study's ranges."""
    seeds = prep.seeds if seeds is None else seeds
    cal = calibration(values, prep.truth, prep.probabilities, seeds, prep.n if n is None else n)
    per_item = item_information(values, prep.low, prep.high, prep.probabilities)
    everything = np.ones(per_item.shape[1], dtype=bool)
    info_all, info_seed = information(per_item, everything), information(per_item, seeds)
    answered = (~np.isnan(values[:, :, 0]) & seeds[None, :]).sum(axis=1)
    return [
        Performance(float(c), float(a), float(s), int(k))
        for c, a, s, k in zip(cal, info_all, info_seed, answered, strict=True)
    ]


def mixture(prep: Prepared, weights: np.ndarray, items: np.ndarray | None = None) -> np.ndarray:
    """The DM's quantiles per item on the items' scales, shape (items, m) (only for the items
    in the mask ``items`` when given, NaN elsewhere)."""
    return dm_quantiles(prep.values, weights, prep.low, prep.high, prep.probabilities, items)


def _natural(prep: Prepared, quantiles: np.ndarray) -> tuple[tuple[float, ...], ...]:
    out = quantiles.copy()
    out[prep.log] = np.exp(out[prep.log])
    return tuple(tuple(float(v) for v in row) for row in out)


def global_weights(
    prep: Prepared,
    experts: list[Performance],
    alpha: float | None = None,
    seeds: np.ndarray | None = None,
    n: int | None = None,
) -> tuple[np.ndarray, float, Performance]:
    """Global weights (calibration times seed information, zero below the cut-off alpha), the
    alpha and the DM's performance on ``seeds`` with N ``n``: at ``alpha`` when given, else at
    the expert's calibration whose DM scores highest (the smallest such alpha on a tie).

    Raises
    ------
    AnalysisError
        When no expert has a positive weight at the given alpha.
    """
    cal = np.array([p.calibration for p in experts])
    raw = cal * np.array([p.information_seed for p in experts])
    candidates = [alpha] if alpha is not None else sorted({c for c in cal.tolist() if c > 0})
    best: tuple[np.ndarray, float, Performance] | None = None
    for a in candidates:
        w = np.where(cal >= a, raw, 0.0)
        if not (w > 0).any():
            continue
        quantiles = mixture(prep, w, prep.seeds if seeds is None else seeds)
        dm = score(prep, quantiles[None], seeds, n)[0]
        if best is None or dm.combined > best[2].combined:
            best = (w / w.sum(), float(a), dm)
    if best is None:
        top = float(cal.max()) if cal.size else 0.0
        at = f"at the cut-off alpha {alpha:.3g}" if alpha is not None else "at any cut-off"
        raise AnalysisError(
            f"no expert has a positive weight {at}: the highest calibration is {top:.3g}"
        )
    return best


def run(study: Study, *, alpha: float | None = None, overshoot: float = OVERSHOOT) -> ExpertsResult:
    """Score each expert on the seeds and build the equal- and global-weight decision makers.

    Parameters
    ----------
    study : Study
        The panel's quantiles (``sat.io.excalibur.read_study``, or a case's quantities).
    alpha : float, optional
        A fixed calibration cut-off for the global weights (0 to 1); by default it is optimised.
    overshoot : float
        How far each item's background range extends beyond the smallest and largest value
        given, as a share of that span (the classical model's k = 0.1).

    Returns
    -------
    ExpertsResult

    Raises
    ------
    AnalysisError
        When the study cannot be scored (one line per problem), or no expert reaches ``alpha``.

    Examples
    --------
    >>> from sat.models.study import Item, Study
    >>> s = Study((0.05, 0.5, 0.95), (Item("Q1", realization=2.5), Item("Q2", realization=9.0)),
    ...           ("A", "B"), (((1.0, 2.0, 3.0), (8.0, 10.0, 12.0)),
    ...                        ((0.0, 5.0, 6.0), (0.0, 2.0, 4.0))))
    >>> r = run(s)
    >>> r.n, [round(p.calibration, 4) for p in r.performance]
    (2, [0.9358, 0.1858])
    """
    if alpha is not None and not (isinstance(alpha, int | float) and 0 <= alpha <= 1):
        raise AnalysisError(f"alpha should be a number from 0 to 1, not {alpha!r}")
    prep = prepare(study, overshoot)
    experts = score(prep, prep.values)
    count = len(study.experts)
    equal_q = mixture(prep, np.ones(count))
    equal = DecisionMaker(
        score(prep, equal_q[None])[0], (1.0 / count,) * count, _natural(prep, equal_q)
    )
    weights, chosen, _ = global_weights(prep, experts, alpha)
    global_q = mixture(prep, weights)
    optimised = DecisionMaker(
        score(prep, global_q[None])[0],
        tuple(float(w) for w in weights),
        _natural(prep, global_q),
        chosen,
    )
    ids = [q.id for q in study.items]
    ranges = np.stack([prep.low, prep.high], axis=1)
    ranges[prep.log] = np.exp(ranges[prep.log])
    return ExpertsResult(
        experts=study.experts,
        items=tuple(ids),
        seeds=tuple(q.id for q in study.seeds),
        targets=tuple(q.id for q in study.targets),
        probabilities=study.probabilities,
        performance=tuple(experts),
        n=prep.n,
        overshoot=float(overshoot),
        ranges=tuple((float(a), float(b)) for a, b in ranges),
        equal=equal,
        optimised=optimised,
        alpha_fixed=alpha is not None,
    )
