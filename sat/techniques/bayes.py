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
* **Posterior** ∝ prior × Π likelihoods, computed as sums of logarithms and
  normalised with log-sum-exp, so thousands of items never underflow. Items are
  treated as conditionally independent given the hypothesis (the usual naive
  Bayes assumption: correlated items, such as reports from one origin, are
  over-counted; the Quality of Information Check shows where that risk lies).
* **Trace**: each item's log likelihood ratio between the leader and the
  runner-up, ``ln P(e | leader) − ln P(e | runner-up)``; positive items favour the
  leader. Their sum plus the prior log odds is the posterior log odds.
* **Uncertainty** (Monte Carlo): in each draw every rated cell moves one step
  along CC–C–N–I–II with probability ``bayes.rating_error`` (direction at random,
  inwards at the ends) and every credibility grade one level with probability
  ``bayes.credibility_error``; explicit probabilities stay as given. Reported:
  each hypothesis's 5th, 50th and 95th percentile posterior and the share of
  draws in which it is the most likely (ties shared). Draws are generated in
  fixed-size chunks from ``numpy.random.default_rng(seed)``: the same case and
  seed give the same numbers on any machine.

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8
   (P(evidence | hypothesis) in place of symbols) and ch. 12 (base rates).
.. [2] D. R. Mandel, C. W. Karvetski and M. K. Dhami, "Boosting intelligence
   analysts' judgment accuracy", *Judgment and Decision Making*, 2018
   (coherent probabilities improve accuracy).
.. [3] ODNI, *Intelligence Community Directive 203*, 2015 (probability language).
"""

from __future__ import annotations

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


def _tables(case: Case) -> tuple[np.ndarray, dict[str, float]]:
    """Tempered likelihoods as a (credibility L/M/H × ladder CC..II) table, and the code map used."""
    settings = case.bayes
    base = {**DEFAULT_LIKELIHOODS, **dict(settings.likelihoods or {})}
    tempering = {**DEFAULT_TEMPERING, **dict(settings.tempering or {})}
    table = np.array(
        [
            [
                tempering[level] * base[code] + (1 - tempering[level]) * 0.5
                for code in scales.RATING_LADDER
            ]
            for level in scales.LEVELS
        ]
    )
    return table, base


def _ladder_index(index: np.ndarray) -> np.ndarray:
    """Positions on the CC..II ladder of a matrix's code positions; −1 for NA."""
    return np.where(index < len(scales.RATING_LADDER), index, -1).astype(np.intp)


def likelihoods(case: Case) -> pd.DataFrame:
    """P(evidence | hypothesis) for every cell, as the model uses it (evidence × hypotheses).

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
    table, _ = _tables(case)
    ladder = _ladder_index(m.index)
    cred = m.level.astype(np.intp)
    values = np.full(m.index.shape, 0.5)
    coded = ladder >= 0
    values[coded] = table[np.broadcast_to(cred[:, None], ladder.shape)[coded], ladder[coded]]
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
        By hypothesis: ``label``, ``prior``, ``run``, ``low``, ``median``,
        ``high`` (5th, 50th and 95th percentiles over the Monte Carlo draws),
        ``p_most_likely``, ``likelihood`` (ICD 203 words) and ``range``.
    trace : pandas.DataFrame
        By evidence item, largest effect first: ``llr`` (natural log likelihood
        ratio, leader against runner-up), ``factor`` (e^llr), ``favours``.
    """

    leader: str
    runner_up: str | None
    draws: int
    seed: int
    settings: dict[str, Any]
    hypotheses_frame: pd.DataFrame = field(repr=False)
    trace_frame: pd.DataFrame = field(repr=False)

    hypotheses = FrameCopy()
    trace = FrameCopy()

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
            "trace": [
                {
                    "id": e,
                    "llr": round(float(r["llr"]), 6),
                    "factor": round(float(r["factor"]), 6),
                    "favours": r["favours"],
                }
                for e, r in self.trace_frame.iterrows()
            ],
            "monte_carlo": {"draws": self.draws, "seed": self.seed, "interval": list(INTERVAL)},
            "settings": self.settings,
        }


def _simulate(case: Case, log_prior: np.ndarray) -> np.ndarray:
    """Posterior samples (draws × hypotheses) under rating and credibility errors."""
    settings = case.bayes
    m = case.matrix
    table, _ = _tables(case)
    log_table = np.log(table)
    n_e, n_h = m.codes.shape
    ladder = _ladder_index(m.index)
    coded = ladder >= 0
    fixed = likelihoods(case).to_numpy()
    fixed_log = np.where(coded, 0.0, np.log(np.where(fixed > 0, fixed, 1.0)))
    fixed_log = np.where((~coded) & (fixed <= 0), -np.inf, fixed_log).sum(axis=0)
    cred = m.level.astype(np.intp)
    rng = np.random.default_rng(settings.seed)
    chunk = max(1, CHUNK_CELLS // max(1, n_e * n_h))
    samples = np.empty((settings.draws, n_h))
    last = len(scales.RATING_LADDER) - 1
    for start in range(0, settings.draws, chunk):
        d = min(chunk, settings.draws - start)
        move = rng.random((d, n_e, n_h)) < settings.rating_error
        step = np.where(rng.random((d, n_e, n_h)) < 0.5, -1, 1)
        step = np.where(ladder == 0, 1, np.where(ladder == last, -1, step))
        codes = np.where(coded & move, ladder + step, ladder)
        shift = rng.random((d, n_e)) < settings.credibility_error
        cstep = np.where(rng.random((d, n_e)) < 0.5, -1, 1)
        cstep = np.where(cred == 0, 1, np.where(cred == 2, -1, cstep))
        levels = np.where(shift, cred + cstep, cred)
        logs = log_table[levels[:, :, None], np.clip(codes, 0, last)]
        loglik = np.where(coded, logs, 0.0).sum(axis=1) + fixed_log
        samples[start : start + d] = _normalise(log_prior + loglik)
    return samples


def _point(case: Case) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Priors, log likelihoods (evidence × hypotheses) and the posterior, in log space."""
    prior = _priors(case)
    values = likelihoods(case).to_numpy()
    with np.errstate(divide="ignore"):
        loglik = np.log(values)
    log_post = np.log(prior) + loglik.sum(axis=0)
    if not np.isfinite(log_post).any():
        zero = [case.evidence[i].id for i in np.flatnonzero((values == 0).any(axis=1))]
        raise AnalysisError(
            f"the evidence rules out every hypothesis (probability 0 in {', '.join(zero)}); "
            "no posterior exists: check those cells"
        )
    return prior, loglik, _normalise(log_post)


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
    _, _, post = _point(case)
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
    prior, loglik, post = _point(case)
    log_prior = np.log(prior)
    ids = [h.id for h in case.hypotheses]
    order = np.argsort(-post, kind="stable")
    leader = ids[order[0]]
    runner = ids[order[1]] if len(ids) > 1 else None

    samples = _simulate(case, log_prior)
    low, median, high = np.percentile(samples, [100 * INTERVAL[0], 50, 100 * INTERVAL[1]], axis=0)
    top = samples == samples.max(axis=1, keepdims=True)
    p_top = (top / top.sum(axis=1, keepdims=True)).mean(axis=0)
    estimates = [words(float(p)) for p in post]
    hypotheses = pd.DataFrame(
        {
            "label": [h.label for h in case.hypotheses],
            "prior": prior,
            "posterior": post,
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
            "llr": llr,
            "factor": np.exp(np.clip(llr, -700, 700)),
            "favours": np.where(llr > 0, leader, np.where(llr < 0, runner or "", "")),
        },
        index=pd.Index([e.id for e in case.evidence], name="id"),
    )
    trace = trace.reindex(trace["llr"].abs().sort_values(ascending=False, kind="stable").index)
    _, base = _tables(case)
    settings = {
        "likelihoods": base,
        "tempering": {**DEFAULT_TEMPERING, **dict(case.bayes.tempering or {})},
        "rating_error": case.bayes.rating_error,
        "credibility_error": case.bayes.credibility_error,
    }
    return BayesResult(
        leader=leader,
        runner_up=runner,
        draws=case.bayes.draws,
        seed=case.bayes.seed,
        settings=settings,
        hypotheses_frame=hypotheses,
        trace_frame=trace,
    )
