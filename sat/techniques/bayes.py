"""Bayesian ACH: coherent posteriors from the matrix, their uncertainty, and the evidence that moved them.

The model
---------
* **Priors** come from the hypotheses' ``prior`` values: all given, they are
  normalised to sum to 1; some given, the rest share what is left equally; none
  given, they are uniform.
* **Likelihoods** P(evidence | hypothesis). A cell holding a probability is used
  as given (Heuer's refinement). A rating code is mapped through a table,
  by default CC 0.65, C 0.55, N 0.5, I 0.3, II 0.1 (the case's ``bayes.likelihoods``
  overrides it). The table is deliberately asymmetric, after Heuer: evidence
  consistent with a hypothesis is usually consistent with others too, so C and
  CC raise a likelihood only a little, while I and II lower it a lot. It is then
  *tempered* by the item's credibility towards the
  uninformative 0.5: ``p' = t·p + (1 − t)·0.5`` with ``t`` = 1 (H), 0.8 (M) or
  0.5 (L) (``bayes.tempering`` overrides). NA and unrated cells are 0.5 for
  every hypothesis, so they move nothing. Relevance is not used here: it is a
  weight for the ACH score, while a likelihood already says how much an item
  bears on each hypothesis.
* **The family of tables.** No one table is right, and the band a reader sees
  should not hang on one. The posterior is also computed under three other
  readings of the ratings: *conservative* (Heuer's: consistent evidence proves
  little, so C and CC count as N), *flatter* (every code's log odds halved) and
  *steeper* (log odds times 1.5). ``posterior_low`` and ``posterior_high`` are
  the extremes over the four; the band is *stable* only when the leader's ICD
  203 band is the same under all of them. A case whose ratings only separate the
  hypotheses by consistency gets a range that reaches the prior.
* **Dependence.** Naive Bayes multiplies items as if independent given the
  hypothesis; reports of one origin are not (Schum's redundancy). Items whose
  sources fall in the same independence groups (as the Quality of Information
  Check forms them), or that name the same ``cluster`` (a causal chain), form a
  cluster, and each of its k items weighs 1/k: the cluster adds the mean of
  its items' log likelihoods, so k copies of one report count as one, and n
  items of one origin never count for more than half of n independent ones
  (n ≥ 2). Items of type assumption weigh 0: they are premises, not
  observations; the Key Assumptions Check shows what they do to the ranking.
* **Posterior** ∝ prior × Π likelihoods^weight, computed as sums of logarithms
  and normalised with log-sum-exp, so thousands of items never underflow. The
  posterior is conditional on the hypotheses listed being exhaustive.
* **Trace**: each item's weighted log likelihood ratio between the leader and
  the runner-up, ``weight × (ln P(e | leader) − ln P(e | runner-up))``; positive
  items favour the leader. Their sum plus the prior log odds is the posterior
  log odds.
* **Uncertainty** (Monte Carlo): in each draw every rated cell moves one step
  along CC–C–N–I–II with probability ``bayes.rating_error``, in a direction
  drawn so that the move leaves the cell's expected log likelihood unchanged
  (a misreading overstates the evidence as often as it understates it, in
  weight: N moves to C more often than to I, because I costs more than C
  gains; inwards at the ends), every credibility grade one level with probability
  ``bayes.credibility_error``; errors that move together: all the items of
  one independence group of sources one credibility level off
  (``bayes.source_error``, a source misjudged) and every rating one step nearer
  to or further from N (``bayes.analyst_error``, an analyst reading the
  evidence too strongly or too weakly); the table is one of the family at random
  (``bayes.vary_table``) and the priors are drawn from a Dirichlet distribution
  centred on them with total weight ``bayes.prior_strength`` (null: fixed);
  explicit probabilities stay as given. Reported: each hypothesis's 5th, 50th
  and 95th percentile posterior and the share of draws in which it is the most
  likely (ties shared). The 50th percentile is not a second estimate: the
  draws mix the four tables and the uncertain priors, so it sits between the
  tables' posteriors, not at the stated table's. Draws are generated in fixed-size chunks from
  ``numpy.random.default_rng(seed)``: the same case and seed give the same
  numbers on any machine.

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8
   (P(evidence | hypothesis) in place of symbols) and ch. 12 (base rates).
.. [2] D. R. Mandel, C. W. Karvetski and M. K. Dhami, "Boosting intelligence
   analysts' judgment accuracy", *Judgment and Decision Making*, 2018
   (coherent probabilities improve accuracy).
.. [3] ODNI, *Intelligence Community Directive 203*, 2015 (probability language).
.. [4] D. A. Schum, *Evidential Foundations of Probabilistic Reasoning*, 1994
   (redundant evidence: corroboration from one origin adds less than independent items).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sat import scales
from sat.case import Case, prior_probabilities
from sat.errors import AnalysisError
from sat.language import words
from sat.techniques._frames import FrameCopy

__all__ = ["DEFAULT_LIKELIHOODS", "DEFAULT_TEMPERING", "BayesResult", "likelihoods", "point", "run"]

#: P(evidence | hypothesis) by rating code, before tempering.
DEFAULT_LIKELIHOODS = {"CC": 0.65, "C": 0.55, "N": 0.5, "I": 0.3, "II": 0.1}
#: Share of a code's likelihood kept at each credibility (the rest goes to 0.5).
DEFAULT_TEMPERING = {"H": 1.0, "M": 0.8, "L": 0.5}
#: Cells per Monte Carlo chunk (bounds memory; fixed so results do not depend on the machine).
CHUNK_CELLS = 2_000_000
INTERVAL = (0.05, 0.95)


#: The tables the posterior is reported over: the stated one and three other defensible readings.
FAMILY = ("stated", "conservative", "flatter", "steeper")


def family(base: Mapping[str, float]) -> dict[str, dict[str, float]]:
    """The family of ordinal likelihood tables around a stated one (see the module docstring).

    Examples
    --------
    >>> {name: table["CC"] for name, table in family(DEFAULT_LIKELIHOODS).items()}
    {'stated': 0.65, 'conservative': 0.5, 'flatter': 0.576..., 'steeper': 0.716...}
    """
    logit = {code: math.log(p / (1 - p)) for code, p in base.items()}
    return {
        "stated": dict(base),
        "conservative": {**base, "CC": 0.5, "C": 0.5},
        "flatter": {code: 1 / (1 + math.exp(-0.5 * x)) for code, x in logit.items()},
        "steeper": {code: 1 / (1 + math.exp(-1.5 * x)) for code, x in logit.items()},
    }


def _base(case: Case) -> dict[str, float]:
    return {**DEFAULT_LIKELIHOODS, **dict(case.bayes.likelihoods or {})}


def _tables(case: Case, base: Mapping[str, float] | None = None) -> np.ndarray:
    """Tempered likelihoods as a (credibility L/M/H × ladder CC..II) table."""
    base = _base(case) if base is None else base
    tempering = {**DEFAULT_TEMPERING, **dict(case.bayes.tempering or {})}
    return np.array(
        [
            [
                tempering[level] * base[code] + (1 - tempering[level]) * 0.5
                for code in scales.RATING_LADDER
            ]
            for level in scales.LEVELS
        ]
    )


def _origins(case: Case) -> list[str | None]:
    """Each item's independence groups of sources, joined (``S1 + S3``); None without sources."""
    from sat.techniques.quality import independence_groups

    groups = independence_groups(case.sources)
    joined: dict[tuple[str, ...], str | None] = {}  # many items cite the same sources
    for sources in {item.sources for item in case.evidence}:
        joined[sources] = " + ".join(sorted({groups[s] for s in sources if s in groups})) or None
    return [joined[item.sources] for item in case.evidence]


def dependence(case: Case) -> pd.DataFrame:
    """How much each item counts in the likelihood: its ``cluster`` and ``weight``.

    Items of type assumption count for nothing (weight 0): they are premises,
    not observations. The others fall into clusters by the independence groups
    of their sources (as the Quality of Information Check forms them), and into
    the case's own ``cluster`` when they name one (a causal chain); an item
    without sources or cluster stands alone. An item in a cluster of k weighs
    1/k (the smaller, when it is in two), so no cluster counts for more than one
    item: k reports of one origin add the mean of their log likelihoods.

    Examples
    --------
    >>> from sat.case import Case
    >>> src = [{"id": s, "title": s, "reliability": "C", "reliability_reason": "r", "publisher": p}
    ...        for s, p in (("S1", "Daily"), ("S2", "Daily"), ("S3", "Herald"))]
    >>> ev = [{"id": f"E{i}", "summary": "a", "sources": [s], "ratings": {"H1": "C"}}
    ...       for i, s in enumerate(("S1", "S2", "S3"), 1)]
    >>> ev.append({"id": "E4", "summary": "a", "type": "assumption", "ratings": {"H1": "C"}})
    >>> case = Case(id="x", title="x", question="?", date="2026-01-01", analysts=["me"],
    ...     sources=src, evidence=ev, hypotheses=[{"id": h, "label": h, "statement": h} for h in ("H1", "H2")])
    >>> dependence(case)["weight"].tolist()
    [0.5, 0.5, 1.0, 0.0]
    """
    counted = [item.type != "assumption" for item in case.evidence]
    origins = [
        f"source {origin}" if keep and origin else None
        for keep, origin in zip(counted, _origins(case), strict=True)
    ]
    declared = [
        f"cluster {item.cluster}" if keep and item.cluster else None
        for keep, item in zip(counted, case.evidence, strict=True)
    ]
    sizes = Counter(origins) + Counter(declared)
    sizes.pop(None, None)
    weights = [
        min(1.0, 1 / sizes[o] if o else 1.0, 1 / sizes[d] if d else 1.0) if keep else 0.0
        for keep, o, d in zip(counted, origins, declared, strict=True)
    ]
    labels = [
        "; ".join(n for n in (d, o) if n) or (None if w == 0 else f"item {item.id}")
        for item, o, d, w in zip(case.evidence, origins, declared, weights, strict=True)
    ]
    return pd.DataFrame(
        {"cluster": labels, "weight": weights},
        index=pd.Index([e.id for e in case.evidence], name="id"),
    )


def _ladder_index(index: np.ndarray) -> np.ndarray:
    """Positions on the CC..II ladder of a matrix's code positions; −1 for NA."""
    return np.where(index < len(scales.RATING_LADDER), index, -1).astype(np.intp)


def likelihoods(case: Case, table: Mapping[str, float] | None = None) -> pd.DataFrame:
    """P(evidence | hypothesis) for every cell, as the model uses it (evidence × hypotheses).

    ``table`` maps rating codes to likelihoods before tempering (default: the
    case's ``bayes.likelihoods`` over ``DEFAULT_LIKELIHOODS``).

    Examples
    --------
    >>> from sat.case import Case
    >>> case = Case(id="x", title="x", question="?", date="2026-01-01", analysts=["me"],
    ...     hypotheses=[{"id": h, "label": h, "statement": h} for h in ("H1", "H2")],
    ...     evidence=[{"id": "E1", "summary": "a", "credibility": "M", "ratings": {"H1": "C", "H2": 0.2}}])
    >>> likelihoods(case).round(3).values.tolist()
    [[0.54, 0.2]]
    """
    m = case.matrix
    tempered = _tables(case, table)
    ladder = _ladder_index(m.index)
    cred = m.level.astype(np.intp)
    values = np.full(m.index.shape, 0.5)
    coded = ladder >= 0
    values[coded] = tempered[np.broadcast_to(cred[:, None], ladder.shape)[coded], ladder[coded]]
    explicit = ~np.isnan(m.probability)
    values[explicit] = m.probability[explicit]
    return pd.DataFrame(
        values, index=pd.Index(m.evidence_ids, name="id"), columns=list(m.hypothesis_ids)
    )


def _priors(case: Case) -> np.ndarray:
    try:
        return np.array(prior_probabilities(case.hypotheses), dtype=float)
    except ValueError as exc:
        raise AnalysisError(str(exc)) from None


def _spread(values: np.ndarray) -> np.ndarray:
    """Each row's largest likelihood over its smallest: how far an item separates the hypotheses."""
    if values.shape[1] == 0:
        return np.ones(len(values))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.nan_to_num(values.max(axis=1) / values.min(axis=1), nan=1.0, posinf=np.inf)


def _logsumexp(x: np.ndarray, axis: int = -1) -> np.ndarray:
    top = np.max(x, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    return (top + np.log(np.sum(np.exp(x - top), axis=axis, keepdims=True))).squeeze(axis)


def _normalise(log_posterior: np.ndarray) -> np.ndarray:
    return np.exp(log_posterior - _logsumexp(log_posterior)[..., None])


@dataclass(frozen=True)
class BayesResult:
    """The result of ``run``.

    Attributes
    ----------
    hypotheses : pandas.DataFrame
        By hypothesis: ``label``, ``prior``, ``posterior``, ``posterior_low``
        and ``posterior_high`` (the extremes over the family of tables), ``low``,
        ``median``, ``high`` (5th, 50th and 95th percentiles over the Monte Carlo
        draws), ``p_most_likely``, ``likelihood`` (ICD 203 words) and ``range``.
    trace : pandas.DataFrame
        By evidence item, largest effect first: ``likelihood_ratio`` (the
        item's largest P(e | h) over its smallest: 1 separates nothing),
        ``cluster`` and ``weight`` (see ``dependence``), ``llr`` (weighted natural log likelihood ratio, leader
        against runner-up), ``factor`` (e^llr), ``favours``.
    band_stable : bool
        Whether the leader's ICD 203 band is the same under every table of the family.
    family_posteriors : dict
        The leader's posterior under each table of the family, by name.
    """

    leader: str
    runner_up: str | None
    band_stable: bool
    family_posteriors: dict[str, float]
    draws: int
    seed: int
    settings: dict[str, Any]
    hypotheses_frame: pd.DataFrame = field(repr=False)
    trace_frame: pd.DataFrame = field(repr=False)

    hypotheses = FrameCopy()
    trace = FrameCopy()

    @property
    def bands(self) -> tuple[str, ...]:
        """The leader's ICD 203 bands across the family of tables, lowest first."""
        found = {words(p).likelihood: p for p in sorted(self.family_posteriors.values())}
        return tuple(found)

    @property
    def likelihood_words(self) -> str:
        """The leader's likelihood as firmly as the family allows: one band with its range when
        stable, else the lowest and highest band (``likely (55–80%)``, ``between roughly even
        chance and likely``)."""
        if self.band_stable:
            return str(self.estimate)
        return f"between {self.bands[0]} and {self.bands[-1]}"

    @property
    def estimate(self):
        """The leader's posterior in ICD 203 words (an ``Estimate``)."""
        return words(float(self.hypotheses_frame.at[self.leader, "posterior"]), uk=True)

    def to_dict(self) -> dict[str, Any]:
        hyp = self.hypotheses_frame
        return {
            "hypotheses": [
                {
                    "id": h,
                    "label": row["label"],
                    "prior": round(float(row["prior"]), 6),
                    "posterior": round(float(row["posterior"]), 6),
                    "posterior_range": [
                        round(float(row["posterior_low"]), 6),
                        round(float(row["posterior_high"]), 6),
                    ],
                    "interval": [round(float(row["low"]), 6), round(float(row["high"]), 6)],
                    "median": round(float(row["median"]), 6),
                    "p_most_likely": round(float(row["p_most_likely"]), 6),
                    "likelihood": row["likelihood"],
                    "range": row["range"],
                }
                for h, row in hyp.iterrows()
            ],
            "leader": self.leader,
            "runner_up": self.runner_up,
            "band_stable": self.band_stable,
            "family_posteriors": {k: round(v, 6) for k, v in self.family_posteriors.items()},
            "trace": [
                {
                    "id": e,
                    "llr": round(float(r["llr"]), 6),
                    "factor": round(float(r["factor"]), 6),
                    "favours": r["favours"],
                    "likelihood_ratio": None
                    if math.isinf(r["likelihood_ratio"])
                    else round(float(r["likelihood_ratio"]), 6),
                    "cluster": r["cluster"] if isinstance(r["cluster"], str) else None,
                    "weight": round(float(r["weight"]), 6),
                }
                for e, r in self.trace_frame.iterrows()
            ],
            "monte_carlo": {"draws": self.draws, "seed": self.seed, "interval": list(INTERVAL)},
            "settings": self.settings,
        }


def _source_groups(case: Case) -> np.ndarray:
    """Each item's independence group of sources, as an index (items without sources: their own)."""
    keys: dict[str, int] = {}
    origins = _origins(case)
    return np.array(
        [
            keys.setdefault(o or f"item {e.id}", len(keys))
            for e, o in zip(case.evidence, origins, strict=True)
        ],
        dtype=np.intp,
    )


def _step_odds(log_tables: np.ndarray) -> np.ndarray:
    """Chance that a rating error moves a code one step towards II rather than towards CC.

    Chosen, for each table, credibility and code, so that the error leaves the
    cell's expected log likelihood unchanged: ``p·Δ₊ + (1 − p)·Δ₋ = 0``, where
    Δ₊ and Δ₋ are the changes a step towards II and towards CC make. A random
    misreading then overstates the evidence as often as it understates it, in
    weight, and the simulations stay centred on the point estimate. At the ends
    of the ladder an error can only move inwards (CC to C, II to I); where the
    table does not fall along the ladder the two directions are equally likely.
    """
    padded = np.pad(log_tables, ((0, 0), (0, 0), (1, 1)), mode="edge")
    up = padded[..., 2:] - log_tables  # towards II: usually a fall
    down = padded[..., :-2] - log_tables  # towards CC: usually a rise
    with np.errstate(divide="ignore", invalid="ignore"):
        odds = np.where((down > 0) & (up < 0), down / (down - up), 0.5)
    odds = np.where((down == 0) & (up < 0), 0.0, odds)  # a step towards CC changes nothing
    odds[..., 0] = 1.0
    odds[..., -1] = 0.0
    return odds


def _simulate(case: Case, prior: np.ndarray, weight: np.ndarray, fixed: np.ndarray) -> np.ndarray:
    """Posterior samples (draws × hypotheses) under errors in ratings, credibility, table and priors."""
    settings = case.bayes
    m = case.matrix
    base = _base(case)
    tables = family(base).values() if settings.vary_table else [base]
    log_tables = np.log(np.stack([_tables(case, table) for table in tables]))
    n_e, n_h = m.codes.shape
    outward = _step_odds(log_tables)
    ladder = _ladder_index(m.index)
    coded = ladder >= 0
    with np.errstate(divide="ignore", invalid="ignore"):
        fixed_log = np.where(coded, 0.0, np.log(np.where(fixed > 0, fixed, 0.0)))
        fixed_log = np.where(weight[:, None] > 0, fixed_log * weight[:, None], 0.0).sum(axis=0)
    cred = m.level.astype(np.intp)
    rng = np.random.default_rng(settings.seed)
    chunk = max(1, CHUNK_CELLS // max(1, n_e * n_h))
    samples = np.empty((settings.draws, n_h))
    last = len(scales.RATING_LADDER) - 1
    strength = settings.prior_strength
    alpha = None if strength is None else np.maximum(prior * strength, 1e-9)
    group = _source_groups(case)
    n_groups = int(group.max()) + 1 if len(group) else 0
    neutral = scales.RATING_LADDER.index("N")
    for start in range(0, settings.draws, chunk):
        d = min(chunk, settings.draws - start)
        table = rng.integers(len(log_tables), size=d)
        shift = rng.random((d, n_e)) < settings.credibility_error
        cstep = np.where(rng.random((d, n_e)) < 0.5, -1, 1)
        cstep = np.where(cred == 0, 1, np.where(cred == 2, -1, cstep))
        levels = np.where(shift, cred + cstep, cred)
        # a rating one step off, in the direction that leaves its expected weight unchanged
        move = rng.random((d, n_e, n_h)) < settings.rating_error
        towards_ii = (
            rng.random((d, n_e, n_h)) < outward[table[:, None, None], levels[:, :, None], ladder]
        )
        codes = np.where(coded & move, ladder + np.where(towards_ii, 1, -1), ladder)
        # correlated errors: a whole source group one credibility level off together ...
        moved = rng.random((d, n_groups)) < settings.source_error
        gstep = np.where(rng.random((d, n_groups)) < 0.5, -1, 1)
        levels = np.clip(levels + (moved * gstep)[:, group], 0, 2)
        # ... and every rating one step nearer to (or further from) neutral together
        reads = np.where(
            rng.random(d) < settings.analyst_error, np.where(rng.random(d) < 0.5, -1, 1), 0
        )
        towards = np.sign(neutral - codes)  # +1 below N on the ladder (CC, C), -1 above (I, II)
        codes = np.clip(codes + reads[:, None, None] * towards, 0, last)
        logs = log_tables[table[:, None, None], levels[:, :, None], np.clip(codes, 0, last)]
        loglik = (np.where(coded, logs, 0.0) * weight[None, :, None]).sum(axis=1) + fixed_log
        with np.errstate(divide="ignore"):
            log_prior = np.log(prior if alpha is None else rng.dirichlet(alpha, size=d))
        samples[start : start + d] = _normalise(log_prior + loglik)
    return samples


def _point(
    case: Case, table: Mapping[str, float] | None = None, weight: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Priors, likelihoods and weighted log likelihoods (evidence × hypotheses), and the posterior.

    ``weight`` is each item's share (``dependence``), computed when not given.
    """
    prior = _priors(case)
    values = likelihoods(case, table).to_numpy()
    if weight is None:
        weight = dependence(case)["weight"].to_numpy()
    with np.errstate(divide="ignore", invalid="ignore"):
        loglik = np.where(weight[:, None] > 0, np.log(values) * weight[:, None], 0.0)
    log_post = np.log(prior) + loglik.sum(axis=0)
    if not np.isfinite(log_post).any():
        zero = [case.evidence[i].id for i in np.flatnonzero((values == 0).any(axis=1))]
        raise AnalysisError(
            f"the evidence rules out every hypothesis (probability 0 in {', '.join(zero)}); "
            "no posterior exists: check those cells"
        )
    return prior, values, loglik, _normalise(log_post)


def point(case: Case) -> pd.Series:
    """The posterior probability of each hypothesis, without the Monte Carlo interval.

    The same numbers as ``run(case).hypotheses["posterior"]``, for when
    only the point estimate is needed (live re-scoring, benchmarks).

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> round(float(point(load_case(EXAMPLE_CASE)).sum()), 9)
    1.0
    """
    *_, post = _point(case)
    return pd.Series(
        post, index=pd.Index([h.id for h in case.hypotheses], name="id"), name="posterior"
    )


def run(case: Case) -> BayesResult:
    """Bayesian ACH on a case: posteriors, Monte Carlo intervals, and the trace.

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> bayes = run(load_case(EXAMPLE_CASE))
    >>> bayes.leader, round(float(bayes.hypotheses["posterior"].sum()), 9)
    ('H1', 1.0)
    """
    dependent = dependence(case)
    weight = dependent["weight"].to_numpy()
    tables = family(_base(case))
    points = {name: _point(case, table, weight) for name, table in tables.items()}
    prior, values, loglik, post = points["stated"]
    across = np.array([p[-1] for p in points.values()])  # tables × hypotheses
    ids = [h.id for h in case.hypotheses]
    order = np.argsort(-post, kind="stable")
    leader = ids[order[0]]
    runner = ids[order[1]] if len(ids) > 1 else None
    bands = {words(float(p)).likelihood for p in across[:, order[0]]}

    samples = _simulate(case, prior, weight, values)
    low, median, high = np.percentile(samples, [100 * INTERVAL[0], 50, 100 * INTERVAL[1]], axis=0)
    top = samples == samples.max(axis=1, keepdims=True)
    p_top = (top / top.sum(axis=1, keepdims=True)).mean(axis=0)
    estimates = [words(float(p)) for p in post]
    hypotheses = pd.DataFrame(
        {
            "label": [h.label for h in case.hypotheses],
            "prior": prior,
            "posterior": post,
            "posterior_low": across.min(axis=0),
            "posterior_high": across.max(axis=0),
            "low": low,
            "median": median,
            "high": high,
            "p_most_likely": p_top,
            "likelihood": [e.likelihood for e in estimates],
            "range": [e.range for e in estimates],
        },
        index=pd.Index(ids, name="id"),
    )
    if runner is not None:
        with np.errstate(invalid="ignore"):
            llr = loglik[:, order[0]] - loglik[:, order[1]]
        llr = np.nan_to_num(llr, nan=0.0)
    else:
        llr = np.zeros(len(case.evidence))
    trace = pd.DataFrame(
        {
            "summary": [e.summary for e in case.evidence],
            "likelihood_ratio": _spread(values),
            "cluster": dependent["cluster"].to_numpy(),
            "weight": dependent["weight"].to_numpy(),
            "llr": llr,
            "factor": np.exp(np.clip(llr, -700, 700)),
            "favours": np.where(llr > 0, leader, np.where(llr < 0, runner or "", "")),
        },
        index=pd.Index([e.id for e in case.evidence], name="id"),
    )
    trace = trace.reindex(trace["llr"].abs().sort_values(ascending=False, kind="stable").index)
    settings = {
        "likelihoods": tables["stated"],
        "family": tables,
        "prior_strength": case.bayes.prior_strength,
        "dependence": "each of the k items of a cluster weighs 1/k; assumptions weigh 0",
        "tempering": {**DEFAULT_TEMPERING, **dict(case.bayes.tempering or {})},
        "rating_error": case.bayes.rating_error,
        "credibility_error": case.bayes.credibility_error,
        "source_error": case.bayes.source_error,
        "analyst_error": case.bayes.analyst_error,
    }
    return BayesResult(
        leader=leader,
        runner_up=runner,
        draws=case.bayes.draws,
        band_stable=len(bands) == 1,
        family_posteriors={
            name: float(p) for name, p in zip(tables, across[:, order[0]], strict=True)
        },
        seed=case.bayes.seed,
        settings=settings,
        hypotheses_frame=hypotheses,
        trace_frame=trace,
    )
