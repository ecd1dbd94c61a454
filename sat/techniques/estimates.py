"""Analysts' own probabilities: each set made coherent, then pooled, beside the matrix's posterior.

Asking analysts for numbers, making each analyst's set coherent and then
aggregating across analysts is one of the few practices shown to make
judgements more accurate: Mandel, Karvetski and Dhami (2018) cut mean absolute
error by 61% this way. The case holds each analyst's estimates
(``estimates: {Analyst A: {H1: 0.6, H2: 0.3, ...}}``; events and scenarios by
their ids in the same mapping).

**Coherence** (the coherent approximation principle, Osherson and Vardi 2006;
Karvetski et al. 2013): an incoherent set is replaced by the closest coherent
one in least squares.

* Exclusive and exhaustive hypotheses: the Euclidean projection onto the
  probability simplex (Duchi et al. 2008; see ``project_simplex``). (0.2, 0.4)
  becomes (0.4, 0.6), not the (1/3, 2/3) of plain normalisation. Hypotheses
  that are not exclusive are only kept within [0, 1].
* Events and scenarios: a scenario's probability must be the chain-rule
  product of its events' (``sat.scenarios``). The coherent set is the event
  probabilities q in [0, 1] that minimise the squared distance of the events'
  and the scenarios' estimates from q and from the scenarios' products under q
  (projected gradient descent; an event the analyst did not estimate is free).

**Pooling** (always named in the output): the arithmetic mean of the coherent
sets (the linear pool, the default), or the log-odds pool with extremizing
(Satopää et al. 2014): for exclusive hypotheses the normalised geometric mean
raised to the power ``a``; for an event, logit(p) = a · mean(logit(p_i)).
``a`` above 1 pushes the pool away from even odds, correcting the
under-confidence of averaged forecasts; probabilities are kept within
[0.001, 0.999] before taking logarithms.

**Whose numbers.** A pool holds only numbers the analysts gave: the hypotheses
are pooled over the analysts who gave a probability for every one of them (a set
that leaves one out is neither made coherent nor pooled, and ``sat validate``
notes it), each event and scenario over the analysts who gave it; the result
says which (``pooled_from``), so a pool of one analyst's set is never mistaken
for the team's.

**Earned weights** (``sat.techniques.earned``): given a judgement register's track record,
the pool is also computed with the weights the analysts earned there (contribution weighting,
Budescu & Chen 2015), always beside the equal-weight pool, never instead of it. Only analysts of
positive weight count in it; the result says whose numbers it holds and keeps the record it was
earned on (how many judgements, and the leave-one-out comparison with equal weights).

**Against the matrix.** The pooled probabilities of the hypotheses are set
beside the Bayesian posterior of the matrix (``sat.bayes``). Where they differ,
the ratings to re-examine if the analysts' belief is right are listed: for the
hypothesis where the two differ most, the items whose rating, one step nearer
the belief, would bring the posterior closest to it. They are ratings to check
against the evidence, never a fix: a rating changes only when the evidence, not
the belief, calls for it.

References
----------
.. [1] D. Osherson and M. Y. Vardi, "Aggregating disparate estimates of
   chance", *Games and Economic Behavior* 56(1), 2006.
.. [2] C. W. Karvetski, K. C. Olson, D. R. Mandel and C. R. Twardy, "Probabilistic
   coherence weighting for optimizing expert forecasts", *Decision Analysis* 10(4), 2013.
.. [3] J. Duchi, S. Shalev-Shwartz, Y. Singer and T. Chandra, "Efficient projections
   onto the l1-ball for learning in high dimensions", ICML 2008.
.. [4] V. A. Satopää et al., "Combining multiple probability predictions using a
   simple logit model", *International Journal of Forecasting* 30(2), 2014.
.. [5] D. R. Mandel, C. W. Karvetski and M. K. Dhami, "Boosting intelligence analysts'
   judgment accuracy: what works, what fails?", *Judgment and Decision Making* 13(6), 2018.
.. [6] D. V. Budescu and E. Chen, "Identifying expertise to extract the wisdom of crowds",
   *Management Science* 61(2), 2015.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Literal

import numpy as np
import pandas as pd

from sat import scales
from sat.case import Case, split_event_ref
from sat.errors import AnalysisError
from sat.techniques._frames import FrameCopy, rounded

if TYPE_CHECKING:
    from sat.techniques.earned import EarnedResult

__all__ = ["EstimatesResult", "pool", "project_simplex", "run"]

#: The pools ``run`` offers, by name, with the words the output uses for them.
POOLS = {"mean": "the arithmetic mean", "logodds": "the log-odds pool"}
#: Log-odds pooling keeps probabilities this far from 0 and 1.
_EDGE = 1e-3


def project_simplex(u: Any) -> np.ndarray:
    """The Euclidean projection of ``u`` onto the probability simplex (Duchi et al. 2008).

    Sort ``u`` in descending order; rho is the largest j with
    u_j - (sum of the first j values - 1) / j > 0; theta = (sum of the first rho
    values - 1) / rho; each p_i = max(u_i - theta, 0).

    Examples
    --------
    >>> project_simplex([0.2, 0.4]).round(6).tolist()
    [0.4, 0.6]
    >>> project_simplex([0.7, 0.6, 0.1]).round(6).tolist()
    [0.55, 0.45, 0.0]
    """
    u = np.asarray(u, dtype=float)
    s = np.sort(u)[::-1]
    cumulative = np.cumsum(s) - 1.0
    j = np.arange(1, len(u) + 1)
    rho = j[s - cumulative / j > 0][-1]
    theta = cumulative[rho - 1] / rho
    return np.maximum(u - theta, 0.0)


def pool(
    sets: Any,
    method: Literal["mean", "logodds"] = "mean",
    extremize: float = 1.0,
    *,
    exclusive: bool = True,
    weights: Any = None,
) -> np.ndarray:
    """Pool coherent sets (analysts × targets) into one, with equal weights unless given.

    ``weights`` (one per analyst, not all zero) weigh the mean, or the mean of the logarithms
    (log-odds) of the log-odds pool.

    Examples
    --------
    >>> pool([[0.6, 0.4], [0.8, 0.2]]).round(6).tolist()
    [0.7, 0.3]
    >>> p = pool([[0.6, 0.4], [0.8, 0.2]], "logodds", 2.0)
    >>> round(float(p[0]), 4)  # two analysts, a = 2: 0.6 * 0.8 / (0.6 * 0.8 + 0.4 * 0.2)
    0.8571
    >>> pool([[0.6, 0.4], [0.8, 0.2]], weights=[3, 1]).round(6).tolist()
    [0.65, 0.35]
    """
    sets = np.asarray(sets, dtype=float)
    w = None if weights is None else np.asarray(weights, dtype=float) / np.sum(weights)

    def mean(values: np.ndarray) -> np.ndarray:
        return values.mean(axis=0) if w is None else np.tensordot(w, values, axes=1)

    if method == "mean":
        return mean(sets)
    if method != "logodds":
        raise ValueError(f"unknown pool '{method}' (allowed: {', '.join(POOLS)})")
    clipped = np.clip(sets, _EDGE, 1 - _EDGE)
    if exclusive:
        log = extremize * mean(np.log(clipped))
        shares = np.exp(log - log.max())
        return shares / shares.sum()
    logit = extremize * mean(np.log(clipped / (1 - clipped)))
    return 1 / (1 + np.exp(-logit))


def _chains(case: Case) -> dict[str, list[tuple[str, bool]]]:
    """Each scenario's events as (event id, negated) pairs."""
    chains = {}
    for scenario in case.scenarios:
        pairs = []
        for ref in scenario.events:
            negated, ident = split_event_ref(ref)
            pairs.append((ident, negated))
        chains[scenario.id] = pairs
    return chains


def _coherent_events(case: Case, given: dict[str, float]) -> dict[str, float]:
    """The closest chain-rule-coherent probabilities for an analyst's events and scenarios."""
    from sat.techniques.scenarios import event_probability

    events = [e.id for e in case.events]
    chains = {s: c for s, c in _chains(case).items() if s in given}
    start = {e.id: event_probability(e) for e in case.events}
    q = np.array([given.get(e, start[e]) for e in events], dtype=float)
    index = {e: k for k, e in enumerate(events)}
    anchored = np.array([e in given for e in events])
    targets = np.array([given.get(e, 0.0) for e in events])

    def scenario_values(q: np.ndarray) -> dict[str, tuple[float, np.ndarray]]:
        out = {}
        for s, chain in chains.items():
            factors = np.array([1 - q[index[e]] if neg else q[index[e]] for e, neg in chain])
            value = float(np.prod(factors))
            grad = np.zeros(len(events))
            for k, (e, neg) in enumerate(chain):
                others = float(np.prod(np.delete(factors, k)))
                grad[index[e]] += -others if neg else others
            out[s] = (value, grad)
        return out

    def loss_and_grad(q: np.ndarray) -> tuple[float, np.ndarray]:
        diff = np.where(anchored, q - targets, 0.0)
        loss, grad = float((diff**2).sum()), 2 * diff
        for s, (value, g) in scenario_values(q).items():
            loss += (value - given[s]) ** 2
            grad += 2 * (value - given[s]) * g
        return loss, grad

    if chains:  # projected gradient descent with backtracking, within [0, 1]
        loss, grad = loss_and_grad(q)
        step = 0.5
        for _ in range(5000):
            trial = np.clip(q - step * grad, 0.0, 1.0)
            new_loss, new_grad = loss_and_grad(trial)
            if new_loss <= loss - 1e-4 * float(grad @ (q - trial)):
                converged = abs(loss - new_loss) < 1e-14
                q, loss, grad = trial, new_loss, new_grad
                step = min(step * 1.5, 1.0)
                if converged:
                    break
            else:
                step /= 2
                if step < 1e-12:
                    break
    values = scenario_values(q)
    out = {e: float(np.clip(q[index[e]], 0.0, 1.0)) for e in events if e in given}
    out.update({s: values[s][0] for s in chains})
    return out


@dataclass(frozen=True)
class EstimatesResult:
    """The result of ``run``.

    Attributes
    ----------
    analysts : tuple of str
        The analysts who gave estimates.
    method : str
        The pool, in words, with its extremizing factor when it has one.
    given, coherent : pandas.DataFrame
        Analysts × hypotheses, events and scenarios: as given, and made coherent
        (NaN where an analyst gave no estimate).
    aggregate : pandas.Series
        The pooled estimate of each target any analyst estimated.
    comparison : pandas.DataFrame or None
        By hypothesis: ``aggregate``, ``posterior`` (the matrix's, from ``sat.bayes``)
        and ``difference`` (aggregate minus posterior); None without estimates of the
        hypotheses or without a posterior.
    reconcile : tuple of dict
        For the hypothesis where the two differ most: the ratings to re-examine if the pool
        is right, each one step nearer the belief (``item``, ``hypothesis``, ``from``, ``to``,
        ``posterior``: the hypothesis's posterior with that rating), those that would bring
        the posterior closest first.
    moved : dict
        By analyst, how far coherence moved the set (the sum of absolute changes).
    incomplete : dict
        By analyst, the hypotheses their set leaves out: such a set is not made coherent
        over the hypotheses nor pooled (a hypothesis added since they gave it, say); their
        events and scenarios are still made coherent and pooled.
    hypotheses : tuple of str
        The case's hypotheses (the other targets are events and scenarios).
    pooled_from : dict
        By target pooled: the analysts whose coherent numbers the pool holds, in the case's
        order (for the hypotheses, those whose set gives every one of them).
    earned : EarnedResult or None
        The track record the weights were earned on (``sat.techniques.earned``); None when
        the pool was asked for with equal weights only.
    weights : dict
        By analyst, the earned weight renormalised over the case's analysts (empty without a
        track record, or when none of them earned a weight).
    weighted : pandas.Series or None
        The pool with those weights, beside ``aggregate`` (never instead of it): only the
        analysts of positive weight count. None without weights.
    weighted_from : dict
        By target in ``weighted``: the analysts whose numbers it holds.
    """

    analysts: tuple[str, ...]
    method: str
    pool: str
    extremize: float | None
    given_frame: pd.DataFrame = field(repr=False)
    coherent_frame: pd.DataFrame = field(repr=False)
    aggregate_series: pd.Series = field(repr=False)
    comparison_frame: pd.DataFrame | None = field(repr=False)
    reconcile: tuple[dict[str, Any], ...]
    moved: dict[str, float]
    incomplete: dict[str, tuple[str, ...]] = field(default_factory=dict)
    hypotheses: tuple[str, ...] = ()
    pooled_from: dict[str, tuple[str, ...]] = field(default_factory=dict)
    earned: EarnedResult | None = field(default=None, repr=False)
    weights: dict[str, float] = field(default_factory=dict)
    weighted_series: pd.Series | None = field(default=None, repr=False)
    weighted_from: dict[str, tuple[str, ...]] = field(default_factory=dict)

    given = FrameCopy("The estimates as given.")
    coherent = FrameCopy("The estimates made coherent.")
    comparison = FrameCopy("The pooled estimates beside the matrix's posterior.")

    @property
    def aggregate(self) -> pd.Series:
        return self.aggregate_series.copy()

    @property
    def weighted(self) -> pd.Series | None:
        return None if self.weighted_series is None else self.weighted_series.copy()

    def to_dict(self) -> dict[str, Any]:
        def values(row: pd.Series) -> dict[str, float]:
            return {k: rounded(v) for k, v in row.items() if pd.notna(v)}

        return {
            "analysts": {
                a: {
                    "given": values(self.given_frame.loc[a]),
                    "coherent": values(self.coherent_frame.loc[a]),
                }
                for a in self.analysts
            },
            "aggregate": values(self.aggregate_series),
            "method": self.method,
            "pool": self.pool,
            "extremize": self.extremize,
            "posterior": None
            if self.comparison_frame is None
            else values(self.comparison_frame["posterior"]),
            "incomplete": {a: list(m) for a, m in self.incomplete.items()},
            "pooled_from": {t: list(a) for t, a in self.pooled_from.items()},
            "reconcile": [rounded(r) for r in self.reconcile],
        } | ({} if self.earned is None else {"weighted": self._weighted_dict(values)})

    def _weighted_dict(self, values: Any) -> dict[str, Any]:
        """The earned-weight pool, beside the equal one, with the record it was earned on."""
        assert self.earned is not None
        return {
            "weights": {a: rounded(w) for a, w in self.weights.items()},
            "aggregate": None if self.weighted_series is None else values(self.weighted_series),
            "pooled_from": {t: list(a) for t, a in self.weighted_from.items()},
            "track_record": rounded(self.earned.to_dict()),
        }


def _reconcile(case: Case, comparison: pd.DataFrame, limit: int = 3) -> tuple[dict[str, Any], ...]:
    """The ratings to re-examine if the pooled estimates are right: for the hypothesis where the
    two differ most, the items whose rating one step nearer the pool would bring the posterior
    closest to it."""
    from sat.techniques import bayes

    gap = comparison["difference"]
    target = str(gap.abs().idxmax())
    if abs(float(gap[target])) < 0.05:
        return ()
    up = float(gap[target]) > 0  # the analysts put it higher than the matrix does
    ladder = scales.RATING_LADDER  # most consistent first
    aggregate = comparison["aggregate"]
    before = float((comparison["posterior"] - aggregate).abs().sum())
    found = []
    for item in case.evidence:
        rating = item.ratings.get(target)
        if not isinstance(rating, str) or rating not in ladder:
            continue
        k = ladder.index(rating) + (-1 if up else 1)
        if not 0 <= k < len(ladder):
            continue
        ratings = {**item.ratings, target: ladder[k]}
        edited = case.model_copy(
            update={
                "evidence": tuple(
                    e.model_copy(update={"ratings": ratings}) if e.id == item.id else e
                    for e in case.evidence
                )
            }
        )
        posterior = bayes.point(edited)
        after = float((posterior - aggregate).abs().sum())
        if after < before - 1e-9:
            found.append(
                {
                    "item": item.id,
                    "hypothesis": target,
                    "from": rating,
                    "to": ladder[k],
                    "posterior": float(posterior[target]),
                    "gap_after": after,
                }
            )
    found.sort(key=lambda r: r["gap_after"])
    return tuple(found[:limit])


def _pooled(
    case: Case,
    coherent: pd.DataFrame,
    hyps: list[str],
    pool_by: Literal["mean", "logodds"],
    extremize: float,
    weights: dict[str, float] | None = None,
    name: str = "aggregate",
) -> tuple[pd.Series, dict[str, tuple[str, ...]]]:
    """The pool of each target and whose numbers it holds: the hypotheses over the analysts
    whose set gives every one of them, each event and scenario over those who gave it; with
    ``weights``, only analysts of positive weight count, weighed by it."""
    if weights is not None:
        coherent = coherent.loc[[a for a in coherent.index if weights.get(a, 0.0) > 0]]
    parts: dict[str, float] = {}
    pooled_from: dict[str, tuple[str, ...]] = {}

    def by(names: pd.Index) -> list[float] | None:
        return None if weights is None else [weights[a] for a in names]

    if len(coherent):
        named = all(h in coherent.columns for h in hyps)
        complete = coherent[hyps].dropna() if named else coherent.iloc[:0]
        if hyps and len(complete):
            rows = coherent.loc[complete.index, hyps].to_numpy()
            pooled = pool(
                rows, pool_by, extremize, exclusive=case.exclusive, weights=by(complete.index)
            )
            parts.update(dict(zip(hyps, pooled, strict=True)))
            pooled_from.update(dict.fromkeys(hyps, tuple(complete.index)))
        for ident in [c for c in coherent.columns if c not in hyps]:
            given_by = coherent[ident].dropna()
            if not len(given_by):
                continue
            parts[ident] = float(
                pool(
                    given_by.to_numpy()[:, None],
                    pool_by,
                    extremize,
                    exclusive=False,
                    weights=by(given_by.index),
                )[0]
            )
            pooled_from[ident] = tuple(given_by.index)
    aggregate = pd.Series(parts, name=name, dtype=float)
    aggregate.index.name = "id"
    return aggregate, pooled_from


def run(
    case: Case,
    *,
    pool_by: Literal["mean", "logodds"] = "mean",
    extremize: float = 2.0,
    posterior: pd.Series | None,
    earned: EarnedResult | None = None,
) -> EstimatesResult:
    """Make each analyst's estimates coherent, pool them, and set them beside the posterior.

    Parameters
    ----------
    case : Case
    pool_by : {"mean", "logodds"}
        The arithmetic mean (default) or the log-odds pool with extremizing.
    extremize : float
        The log-odds pool's factor ``a`` (ignored by the mean).
    posterior : pandas.Series or None
        The matrix's posterior by hypothesis (``sat.bayes``; None when the Bayesian
        mode cannot run); with it, the comparison and the ratings to re-examine if
        the pool is right.
    earned : EarnedResult, optional
        A track record (``sat.techniques.earned.run`` on a judgement register): the pool is
        then also given with the weights the analysts earned there, beside the equal one.

    Examples
    --------
    >>> from sat.testing import generate_case
    >>> data = generate_case(6, 2)
    >>> data["estimates"] = {"generator": {"H1": 0.2, "H2": 0.4}}
    >>> result = run(Case.model_validate(data), posterior=None)
    >>> result.coherent.loc["generator"].round(6).tolist()
    [0.4, 0.6]
    """
    if pool_by not in POOLS:
        raise AnalysisError(f"unknown pool '{pool_by}' (allowed: {', '.join(POOLS)})")
    if pool_by == "logodds" and not 0 < extremize < float("inf"):
        raise AnalysisError(f"the extremizing factor must be above 0, not {extremize:g}")
    hyps = [h.id for h in case.hypotheses]
    others = [e.id for e in case.events] + [s.id for s in case.scenarios]
    analysts = tuple(case.estimates)
    targets = hyps + others
    given = pd.DataFrame(np.nan, index=pd.Index(analysts, name="analyst"), columns=targets)
    coherent = given.copy()
    incomplete: dict[str, tuple[str, ...]] = {}
    for analyst, values in case.estimates.items():
        for ident, value in values.items():
            given.at[analyst, ident] = float(value)
        row = given.loc[analyst]
        missing = tuple(h for h in hyps if pd.isna(row[h]))
        if missing and len(missing) < len(hyps):
            incomplete[analyst] = missing
        if not missing:
            u = row[hyps].to_numpy(dtype=float)
            coherent.loc[analyst, hyps] = project_simplex(u) if case.exclusive else np.clip(u, 0, 1)
        estimated = {k: float(v) for k, v in row[others].items() if pd.notna(v)}
        for ident, value in _coherent_events(case, estimated).items():
            coherent.at[analyst, ident] = value
    given = given.dropna(axis=1, how="all")
    coherent = coherent[given.columns]
    method = POOLS[pool_by] + (
        f" with extremizing a = {extremize:g}" if pool_by == "logodds" else ""
    )
    aggregate, pooled_from = _pooled(case, coherent, hyps, pool_by, extremize)
    weights: dict[str, float] = {}
    weighted = None
    weighted_from: dict[str, tuple[str, ...]] = {}
    if earned is not None:
        from sat.techniques.earned import weights_for

        weights = dict(weights_for(earned, analysts))
        if weights:
            weighted, weighted_from = _pooled(
                case, coherent, hyps, pool_by, extremize, weights, name="weighted"
            )
    comparison = None
    reconcile: tuple[dict[str, Any], ...] = ()
    if posterior is not None and all(h in aggregate.index for h in hyps):
        comparison = pd.DataFrame(
            {"aggregate": aggregate[hyps], "posterior": posterior.reindex(hyps).astype(float)}
        )
        comparison["difference"] = comparison["aggregate"] - comparison["posterior"]
        comparison.index.name = "id"
        reconcile = _reconcile(case, comparison)
    moved = {a: float((coherent.loc[a] - given.loc[a]).abs().sum(skipna=True)) for a in analysts}
    return EstimatesResult(
        analysts=analysts,
        method=method,
        pool=pool_by,
        extremize=extremize if pool_by == "logodds" else None,
        given_frame=given,
        coherent_frame=coherent,
        aggregate_series=aggregate,
        comparison_frame=comparison,
        reconcile=reconcile,
        moved=moved,
        incomplete=incomplete,
        hypotheses=tuple(hyps),
        pooled_from=pooled_from,
        earned=earned,
        weights=weights,
        weighted_series=weighted,
        weighted_from=weighted_from,
    )
