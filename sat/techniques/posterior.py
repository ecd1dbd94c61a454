"""The Bayesian mode's model: likelihood tables, the posterior under one table, the Monte Carlo.

``sat.techniques.bayes`` describes the model and reports on it; this module
holds its arithmetic: the family of likelihood tables, each cell's tempered
likelihood, the posterior under one table through the dependence model
(``sat.techniques.dependence``), and the simulations. Everything works in
logarithms, normalised with log-sum-exp, so thousands of items never
underflow.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import numpy as np
import pandas as pd

from sat import scales
from sat.case import Case, prior_probabilities
from sat.errors import AnalysisError
from sat.techniques import dependence as dep

__all__ = [
    "CHUNK_CELLS",
    "DEFAULT_LIKELIHOODS",
    "DEFAULT_TEMPERING",
    "FAMILY",
    "NEAR",
    "Drivers",
    "Point",
    "at_table",
    "family",
    "leading",
    "likelihoods",
    "not_told_apart",
    "rated_hypotheses",
    "simulate",
    "stated_table",
]

#: Posteriors closer than this are not told apart (``BayesResult.contenders``).
NEAR = 0.005
#: Log posteriors this close are equal: the lead is tied.
TIE = 1e-9
#: P(evidence | hypothesis) by rating code, before tempering.
DEFAULT_LIKELIHOODS = {"CC": 0.65, "C": 0.55, "N": 0.5, "I": 0.3, "II": 0.1}
#: Share of a code's likelihood kept at each credibility (the rest goes to 0.5).
DEFAULT_TEMPERING = {"H": 1.0, "M": 0.8, "L": 0.5}
#: Cells per Monte Carlo chunk (bounds memory; fixed so results do not depend on the machine).
CHUNK_CELLS = 2_000_000


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


def stated_table(case: Case) -> dict[str, float]:
    return {**DEFAULT_LIKELIHOODS, **dict(case.bayes.likelihoods or {})}


def tempered(case: Case, base: Mapping[str, float] | None = None) -> np.ndarray:
    """Tempered likelihoods as a (credibility L/M/H × ladder CC..II) table."""
    base = stated_table(case) if base is None else base
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


def ladder_index(index: np.ndarray) -> np.ndarray:
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
    table_values = tempered(case, table)
    ladder = ladder_index(m.index)
    cred = m.level.astype(np.intp)
    values = np.full(m.index.shape, 0.5)
    coded = ladder >= 0
    values[coded] = table_values[np.broadcast_to(cred[:, None], ladder.shape)[coded], ladder[coded]]
    explicit = ~np.isnan(m.probability)
    values[explicit] = m.probability[explicit]
    return pd.DataFrame(
        values, index=pd.Index(m.evidence_ids, name="id"), columns=list(m.hypothesis_ids)
    )


def priors(case: Case) -> np.ndarray:
    try:
        return np.array(prior_probabilities(case.hypotheses), dtype=float)
    except ValueError as exc:
        raise AnalysisError(str(exc)) from None


def rated_hypotheses(case: Case) -> np.ndarray:
    """Whether each hypothesis has a rating: a code other than NA, or a probability cell."""
    m = case.matrix
    if m.index.shape[0] == 0:
        return np.zeros(len(case.hypotheses), dtype=bool)
    return ((ladder_index(m.index) >= 0) | ~np.isnan(m.probability)).any(axis=0)


def leading(log_post: np.ndarray, ranked: np.ndarray) -> tuple[int, ...]:
    """The ranked hypotheses within ``TIE`` of the largest log posterior, in case order; none when
    nothing is ranked or every ranked hypothesis is ruled out."""
    scores = np.where(ranked, log_post, -np.inf)
    if not ranked.any() or not np.isfinite(scores.max()):
        return ()
    return tuple(int(i) for i in np.flatnonzero(scores >= scores.max() - TIE))


def logsumexp(x: np.ndarray, axis: int = -1) -> np.ndarray:
    top = np.max(x, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    return (top + np.log(np.sum(np.exp(x - top), axis=axis, keepdims=True))).squeeze(axis)


def normalise(log_posterior: np.ndarray) -> np.ndarray:
    return np.exp(log_posterior - logsumexp(log_posterior)[..., None])


def step_odds(log_tables: np.ndarray) -> np.ndarray:
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


def simulate(
    case: Case, prior: np.ndarray, s: dep.Structure, values: np.ndarray
) -> tuple[np.ndarray, np.ndarray]:
    """Posterior samples (draws × hypotheses) under errors in ratings, credibility, table and
    priors, through the dependence model; and, from the same draws, the posteriors under equal
    priors (each draw's log likelihoods with a uniform prior in place of the drawn one).

    ``values`` are the stated likelihoods: cells not coded (probabilities, NA)
    keep them in every draw. Only counted items are drawn (assumptions weigh
    0), in the dependence model's order (by origin, by unit of repeats), so
    that its sums need no reordering.
    """
    settings = case.bayes
    m = case.matrix
    base = stated_table(case)
    tables = family(base).values() if settings.vary_table else [base]
    log_tables = np.log(np.stack([tempered(case, table) for table in tables]))
    n_h = m.codes.shape[1]
    keep = s.order
    n_e = len(keep)
    outward = step_odds(log_tables)
    ladder = ladder_index(m.index)[keep]
    coded = ladder >= 0
    with np.errstate(divide="ignore"):
        fixed_log = np.log(values[keep])
    cred = m.level.astype(np.intp)[keep]
    group = s.item_origin[keep]  # errors that move together: one origin's items
    n_groups = len(s.origin_starts)
    rng = np.random.default_rng(settings.seed)
    chunk = max(1, CHUNK_CELLS // max(1, n_e * n_h))
    samples = np.empty((settings.draws, n_h))
    equal = np.empty((settings.draws, n_h))
    last = len(scales.RATING_LADDER) - 1
    strength = settings.prior_strength
    alpha = None if strength is None else np.maximum(prior * strength, 1e-9)
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
        # correlated errors: a whole origin (source group) one credibility level off together ...
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
        loglik = total(np.where(coded, logs, fixed_log), s)
        with np.errstate(divide="ignore"):
            log_prior = np.log(prior if alpha is None else rng.dirichlet(alpha, size=d))
        samples[start : start + d] = normalise(log_prior + loglik)
        equal[start : start + d] = normalise(loglik)
    return samples, equal


def total(ordered_logs: np.ndarray, s: dep.Structure) -> np.ndarray:
    """The evidence's log likelihood of each hypothesis, up to a constant: (..., hypotheses).

    ``ordered_logs`` are the counted items' log likelihoods in ``s.order``.
    """
    if s.trivial:  # every item alone and fully reliable: naive Bayes, one sum
        return ordered_logs.sum(axis=-2)
    return dep.combine(ordered_logs, s, ordered=True).sum(axis=-2)


class Point(NamedTuple):
    prior: np.ndarray  # hypotheses
    values: np.ndarray  # evidence × hypotheses: P(e | h) as used
    log_items: np.ndarray  # their logarithms
    origins: np.ndarray  # origins × hypotheses: ln P(reports | h), up to a constant per origin
    log_post: np.ndarray  # hypotheses, normalised
    post: np.ndarray


def at_table(
    case: Case, table: Mapping[str, float] | None = None, s: dep.Structure | None = None
) -> Point:
    """The posterior under one likelihood table (default: the stated one) and its parts."""
    prior = priors(case)
    values = likelihoods(case, table).to_numpy()
    s = dep.structure(case) if s is None else s
    with np.errstate(divide="ignore"):
        log_items = np.log(values)
    origins = dep.combine(log_items, s)
    with np.errstate(divide="ignore"):
        log_post = np.log(prior) + origins.sum(axis=0)
    if not np.isfinite(log_post).any():
        zero = [case.evidence[i].id for i in np.flatnonzero((values == 0).any(axis=1))]
        raise AnalysisError(
            f"the evidence rules out every hypothesis (probability 0 in {', '.join(zero)}); "
            "no posterior exists: check those cells"
        )
    log_post = log_post - logsumexp(log_post)
    return Point(prior, values, log_items, origins, log_post, np.exp(log_post))


@dataclass(frozen=True)
class Drivers:
    """What drives the lead: the stated table's posterior log odds of ``leader`` against
    ``runner_up`` split into parts that add up to it (``total``).

    Attributes
    ----------
    prior : float
        The log prior ratio.
    consistent : float
        Items where neither hypothesis is rated I or II by code: the two differ
        only between CC, C and N (or NA), evidence Heuer says proves little.
    against : float
        Items rating the leader or the runner-up I or II.
    explicit : float
        Items holding a probability cell for either.
    posterior_log_odds : float
        ln P(leader | E) − ln P(runner-up | E); equal to ``total`` within 1e-9.
    equal_prior_posterior : dict
        Every hypothesis's posterior under equal priors (the stated table).
    equal_prior_leaders : tuple of str
        Who leads under equal priors (ranked hypotheses, ties as for ``leaders``).
    equal_prior_share : float
        Share of the Monte Carlo draws in which the leader is the most probable
        (ties shared) when each draw's prior is replaced by equal priors.
    equal_prior_shares : dict
        The same share for every ranked hypothesis.
    equal_prior_range : dict
        Every hypothesis's lowest and highest posterior under equal priors across
        the family of likelihood tables (as ``posterior_low``/``posterior_high``
        are for the stated priors), so the evidence-only posterior can be given
        ICD 203 words only as firm as the tables allow.
    favouring : dict
        What favours the leader, by the same parts: the prior's log ratio when it is
        positive, and for each kind of item the sum of the positive parts of its
        items' log likelihood ratios (``BayesResult.trace``'s ``llr``). Unlike the
        net parts, an item pushing for the runner-up does not offset one pushing for
        the leader: "most of what favours the leader comes from" a part compares
        these.
    """

    leader: str
    runner_up: str
    prior: float
    consistent: float
    against: float
    explicit: float
    posterior_log_odds: float
    equal_prior_posterior: dict[str, float]
    equal_prior_leaders: tuple[str, ...]
    equal_prior_share: float
    equal_prior_shares: dict[str, float] = field(default_factory=dict)
    equal_prior_range: dict[str, tuple[float, float]] = field(default_factory=dict)
    favouring: dict[str, float] = field(default_factory=dict)

    @property
    def equal_prior_front(self) -> tuple[str, ...]:
        """Who leads with every prior equal, as ``BayesResult.front`` says it: the leader or the
        tied leaders, and those not told apart from them (``not_told_apart`` over the
        equal-prior posteriors and simulations)."""
        leaders = tuple(self.equal_prior_leaders)
        if not leaders:
            return ()
        post, share = self.equal_prior_posterior, self.equal_prior_shares
        return (*leaders, *not_told_apart(post, share, leaders))

    @property
    def evidence(self) -> float:
        """The evidence's part: consistent + against + explicit."""
        return self.consistent + self.against + self.explicit

    @property
    def total(self) -> float:
        """The sum of the parts: the posterior log odds."""
        return self.prior + self.consistent + self.against + self.explicit

    @property
    def shares(self) -> dict[str, float] | None:
        """Each part over the posterior log odds (None when the odds are even or infinite)."""
        odds = self.posterior_log_odds
        if odds == 0 or not math.isfinite(odds):
            return None
        return {k: getattr(self, k) / odds for k in ("prior", "consistent", "against", "explicit")}

    def to_dict(self) -> dict[str, Any]:
        def num(x: float) -> float | None:
            return round(float(x), 6) if math.isfinite(x) else None

        return {
            "leader": self.leader,
            "runner_up": self.runner_up,
            "prior": num(self.prior),
            "consistent": num(self.consistent),
            "against": num(self.against),
            "explicit": num(self.explicit),
            "posterior_log_odds": num(self.posterior_log_odds),
            "favouring": {k: num(v) for k, v in self.favouring.items()},
            "equal_prior_posterior": {
                k: round(v, 6) for k, v in self.equal_prior_posterior.items()
            },
            "equal_prior_leaders": list(self.equal_prior_leaders),
            "equal_prior_share": round(self.equal_prior_share, 6),
            "equal_prior_shares": {k: round(v, 6) for k, v in self.equal_prior_shares.items()},
            "equal_prior_front": list(self.equal_prior_front),
            "equal_prior_range": {
                k: [round(lo, 6), round(hi, 6)] for k, (lo, hi) in self.equal_prior_range.items()
            },
        }


def not_told_apart(
    posterior: Mapping[str, float], share: Mapping[str, float], leaders: tuple[str, ...]
) -> tuple[str, ...]:
    """The hypotheses of ``share`` (the ranked ones) outside ``leaders`` that are not told apart
    from them, most probable first: every one down to the last whose posterior is within
    ``NEAR`` of the leaders' or that comes first in at least as large a share of the simulations
    as a leader (the point estimate and the simulations then disagree on who is first).

    Examples
    --------
    >>> post = {"H1": 0.40, "H2": 0.398, "H3": 0.15, "H4": 0.052}
    >>> not_told_apart(post, {"H1": 0.5, "H2": 0.4, "H3": 0.1, "H4": 0.0}, ("H1",))
    ('H2',)
    >>> not_told_apart(post, {"H1": 0.3, "H2": 0.2, "H3": 0.4, "H4": 0.1}, ("H1",))
    ('H2', 'H3')
    """
    rest = sorted((h for h in share if h not in leaders), key=lambda h: -posterior[h])
    top = max(posterior[h] for h in leaders)
    least = min(share[h] for h in leaders)
    close = [posterior[h] for h in rest if top - posterior[h] < NEAR or share[h] >= least]
    return tuple(h for h in rest if close and posterior[h] >= min(close))
