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
* **Dependence** (``sat.techniques.dependence``). Reports of one source are
  not independent: their errors are correlated through the source. The items
  of one independence group of sources (as the Quality of Information Check
  forms them) share the source's reliability r, from its Admiralty grade
  (``dependence.RELIABILITY``: A 0.9, B 0.75, C 0.5, D 0.3, E 0.1, F and
  ungraded 0.5), after Bovens and Hartmann (2003, ch. 3):
  ``P(reports | h) = r·Π P(e | h) + (1 − r)·Π b_e``, where the bias b_e is
  the same for every hypothesis (the report's likelihood under its best
  explanation). k distinct reports of one source then add more than one and
  less than k independent ones, and a source can never move the log odds by
  more than ln(1 / (1 − r)); items repeating one fact (one declared
  ``cluster``, or the same quoted words) count once, as the mean of their log
  likelihoods (Schum's redundancy); an item without a source stands alone,
  tempered by its credibility only. Items of type assumption weigh 0: they are premises, not
  observations; the Key Assumptions Check shows what they do to the ranking.
* **Posterior** ∝ prior × Π over origins of P(reports | h), computed as sums
  of logarithms and normalised with log-sum-exp, so thousands of items never
  underflow. The posterior is conditional on the hypotheses listed being
  exhaustive.
* **Leaders, ties and unranked hypotheses.** "The most probable" needs a
  strictly larger posterior: ``leaders`` holds every ranked hypothesis whose
  log posterior is within 1e-9 of the largest, and ``tied`` says when there
  are several. A hypothesis with no ratings (no code other than NA and no
  probability cell) has no score: it is ``unranked``, never a leader or
  runner-up and never counted most probable in the simulations, whatever its
  posterior (which is its prior). ``leader`` is the first of ``leaders`` in
  case order, kept for callers that want one name: they must check ``tied``
  (and ``leaders``, empty when nothing is ranked; ``leader`` then falls back
  to the most probable hypothesis, unranked or not, and ``to_dict`` says
  null). ``runner_up`` is the best ranked hypothesis outside ``leaders``.
* **Words.** A hypothesis's ``likelihood`` uses one ICD 203 term only when its
  posterior under every table of the family stays inside that term's band;
  otherwise the two ends' terms (``unlikely to roughly even chance``, range
  ``20–55%``; ``sat.language.span``). ``estimate`` is the point posterior's
  words, only to be printed when ``band_stable``. A hypothesis that is
  unranked or rated against fewer than half the items
  (``sat.techniques.ach.mostly_unrated``) gets no words (``likelihood`` None):
  its unrated cells count as neutral, so its posterior mostly measures how
  little it has been tested. Nor does the only hypothesis ranked
  (``only_rated``): its posterior compares it only with hypotheses not yet
  tested, and it is first in every simulation for want of a rival.
* **Trace**: each item's part of the log likelihood ratio between the leader and
  the runner-up: its own ``ln P(e | leader) − ln P(e | runner-up)``, times its
  share in its unit of repeats, times its origin's discount (the shared
  reliability's: the origin's log ratio over the sum of its items'); positive
  items favour the leader. Their sum plus the prior log odds is the posterior
  log odds. ``sources`` gives the same by origin.
* **Drivers** (``BayesResult.drivers``): the posterior log odds of leader
  against runner-up split into the prior, items where neither is rated I or
  II (they differ only between CC, C and N, which Heuer says proves little),
  items rating either I or II, and probability cells; what favours the leader
  by the same parts (the positive prior and each item's positive part, so an
  item for the runner-up offsets nothing: ``favouring``); and the standing under
  equal priors (posteriors, who leads, and the share of simulations the
  leader leads in with the drawn priors replaced by equal ones, from the
  same draws).
* **Uncertainty** (Monte Carlo): in each draw every rated cell moves one step
  along CC–C–N–I–II with probability ``bayes.rating_error``, in a direction
  drawn so that the move leaves the cell's expected log likelihood unchanged
  (a misreading overstates the evidence as often as it understates it, in
  weight: N moves to C more often than to I, because I costs more than C
  gains; inwards at the ends), every credibility grade one level with probability
  ``bayes.credibility_error``; errors that move together: all the items of
  one origin (an independence group of sources) one credibility level off
  (``bayes.source_error``, a source misjudged) and every rating one step nearer
  to or further from N (``bayes.analyst_error``, an analyst reading the
  evidence too strongly or too weakly); the table is one of the family at random
  (``bayes.vary_table``) and the priors are drawn from a Dirichlet distribution
  centred on them with total weight ``bayes.prior_strength`` (null: fixed);
  explicit probabilities stay as given; every draw goes through the same
  dependence model. Reported: each hypothesis's 5th, 50th
  and 95th percentile posterior and the share of draws in which it is the most
  likely among the ranked hypotheses (ties shared). The 50th percentile is not a second estimate: the
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
.. [5] L. Bovens and S. Hartmann, *Bayesian Epistemology*, 2003, ch. 3
   (reports sharing one partly reliable source).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sat.case import Case
from sat.language import span, words
from sat.techniques import dependence as dep
from sat.techniques._bayes_lead import Attribution, attribution, sources_frame, top_share
from sat.techniques._frames import FrameCopy
from sat.techniques.ach import mostly_unrated
from sat.techniques.dependence import RELIABILITY, dependence
from sat.techniques.posterior import (
    CHUNK_CELLS,
    DEFAULT_LIKELIHOODS,
    DEFAULT_TEMPERING,
    FAMILY,
    NEAR,
    Drivers,
    at_table,
    family,
    leading,
    likelihoods,
    not_told_apart,
    rated_hypotheses,
    stated_table,
)
from sat.techniques.posterior import simulate as _simulate  # a name tests can stub

__all__ = [
    "CHUNK_CELLS",
    "DEFAULT_LIKELIHOODS",
    "DEFAULT_TEMPERING",
    "FAMILY",
    "NEAR",
    "RELIABILITY",
    "BayesResult",
    "Drivers",
    "dependence",
    "family",
    "likelihoods",
    "point",
    "run",
]

INTERVAL = (0.05, 0.95)


def _spread(values: np.ndarray) -> np.ndarray:
    """Each row's largest likelihood over its smallest: how far an item separates the hypotheses."""
    if values.shape[1] == 0:
        return np.ones(len(values))
    with np.errstate(divide="ignore", invalid="ignore"):
        return np.nan_to_num(values.max(axis=1) / values.min(axis=1), nan=1.0, posinf=np.inf)


def _runner_up(log_post: np.ndarray, ranked: np.ndarray, leaders: tuple[int, ...]) -> int | None:
    rest = [i for i in np.argsort(-log_post, kind="stable") if ranked[i] and i not in leaders]
    return int(rest[0]) if leaders and rest else None


@dataclass(frozen=True)
class BayesResult:
    """The result of ``run``.

    Attributes
    ----------
    leader : str
        The first of ``leaders`` in case order: check ``tied`` before calling it
        the most probable. With nothing ranked (``leaders`` empty) the most
        probable hypothesis, ranked or not, as a fallback; ``to_dict`` gives null.
    leaders : tuple of str
        Every ranked hypothesis whose log posterior is within 1e-9 of the largest.
    runner_up : str or None
        The most probable ranked hypothesis outside ``leaders`` (None if none,
        and when nothing is ranked).
    unranked : tuple of str
        Hypotheses with no rating at all (no code other than NA, no probability):
        no score, never leader or runner-up.
    hypotheses : pandas.DataFrame
        By hypothesis: ``label``, ``prior``, ``posterior``, ``posterior_low``
        and ``posterior_high`` (the extremes over the family of tables), ``low``,
        ``median``, ``high`` (5th, 50th and 95th percentiles over the Monte Carlo
        draws), ``p_most_likely`` (ranked hypotheses only), ``likelihood`` (ICD
        203 words for ``posterior_low``..``posterior_high``: one term only inside
        one band; None for a hypothesis unranked, rated against fewer than half
        the items, or the only one ranked) and ``range``, ``band_stable``,
        ``unranked``, ``only_rated`` (the only hypothesis ranked: first in every
        simulation for want of a rival, so its ``p_most_likely`` of 1 says
        nothing), ``unrated`` (items it is not rated against).
    trace : pandas.DataFrame
        By evidence item, largest effect first: ``likelihood_ratio`` (the
        item's largest P(e | h) over its smallest: 1 separates nothing),
        ``cluster``, ``source`` and ``reliability`` (see ``dependence``),
        ``share`` (in its unit of repeats), ``discount`` (its origin's, from the
        shared reliability), ``weight`` (share × discount: how much of its own
        log ratio counts), ``llr`` (its part of the log likelihood ratio, leader
        against runner-up), ``factor`` (e^llr), ``favours``.
    sources : pandas.DataFrame
        By origin (independence group of sources; every unsourced item
        together in one row, ``no source``): ``reliability``, ``items``,
        ``naive`` (the log ratio its items would give if independent),
        ``push`` (the log ratio, leader against runner-up, it gives),
        ``discount`` (push / naive), ``share`` (push over the sum of all
        origins' absolute pushes) and ``bound`` (ln 1/(1 − r), the most it
        could ever push).
    drivers : Drivers or None
        What drives the lead (None without a runner-up, and when ``leaders`` are tied).
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
    leaders: tuple[str, ...] = ()
    unranked: tuple[str, ...] = ()
    drivers: Drivers | None = None
    sources_frame: pd.DataFrame = field(default_factory=pd.DataFrame, repr=False)

    hypotheses = FrameCopy()
    trace = FrameCopy()
    sources = FrameCopy()

    @property
    def tied(self) -> bool:
        """Whether several hypotheses share the largest posterior: name no leader then."""
        return len(self.leaders) > 1

    @property
    def contenders(self) -> tuple[str, ...]:
        """Ranked hypotheses not told apart from the leader or leaders, most probable first:
        every one down to the last with a posterior within ``NEAR`` of the largest or first in
        at least as large a share of the simulations as a leader (the point estimate and the
        simulations then disagree on who is most probable). Empty without a runner-up. A brief
        calls a leader "the most probable" only when there is one and this is empty."""
        if not self.leaders or self.runner_up is None:
            return ()
        hyp = self.hypotheses_frame
        share = hyp.loc[~hyp["unranked"], "p_most_likely"].to_dict()
        return not_told_apart(hyp["posterior"].to_dict(), share, tuple(self.leaders))

    @property
    def front(self) -> tuple[str, ...]:
        """The hypotheses the Bayesian mode cannot tell apart at the top: the leader or the tied
        leaders, and their ``contenders``."""
        return (*self.leaders, *self.contenders)

    @property
    def bands(self) -> tuple[str, ...]:
        """The leader's ICD 203 bands across the family of tables, lowest first."""
        found = {words(p).likelihood: p for p in sorted(self.family_posteriors.values())}
        return tuple(found)

    @property
    def likelihood_words(self) -> str:
        """The leader's likelihood as firmly as the family allows: one band with its range when
        stable (``likely (55–80%)``), else the two ends' bands (``roughly even chance to likely
        (45–80%)``)."""
        values = list(self.family_posteriors.values())
        return str(span(min(values), max(values)))

    @property
    def estimate(self):
        """The leader's point posterior in ICD 203 words (an ``Estimate``): print it only when
        ``band_stable``, else ``likelihood_words``."""
        return words(float(self.hypotheses_frame.at[self.leader, "posterior"]), uk=True)

    def to_dict(self) -> dict[str, Any]:
        leader: str | list[str] | None = (
            list(self.leaders) if self.tied else (self.leaders[0] if self.leaders else None)
        )
        return {
            "hypotheses": [_hypothesis_data(h, r) for h, r in self.hypotheses_frame.iterrows()],
            "leader": leader,
            "leaders": list(self.leaders),
            "tied": self.tied,
            "contenders": list(self.contenders),
            "unranked": list(self.unranked),
            "runner_up": self.runner_up,
            "band_stable": self.band_stable,
            "family_posteriors": {k: round(v, 6) for k, v in self.family_posteriors.items()},
            "drivers": None if self.drivers is None else self.drivers.to_dict(),
            "sources": [_source_data(o, r) for o, r in self.sources_frame.iterrows()],
            "trace": [_trace_data(e, r) for e, r in self.trace_frame.iterrows()],
            "monte_carlo": {"draws": self.draws, "seed": self.seed, "interval": list(INTERVAL)},
            "settings": self.settings,
        }


def _finite(x: Any) -> float | None:
    """A figure for JSON: rounded to 6 places, or None when it is not finite."""
    return round(float(x), 6) if math.isfinite(float(x)) else None


def _hypothesis_data(h: str, row: pd.Series) -> dict[str, Any]:
    """One hypothesis's row of ``BayesResult.to_dict``."""
    return {
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
        "band_stable": bool(row["band_stable"]),
        "unranked": bool(row["unranked"]),
        "only_rated": bool(row["only_rated"]),
        "unrated": int(row["unrated"]),
    }


def _source_data(origin: str, r: pd.Series) -> dict[str, Any]:
    """One origin's row of ``BayesResult.to_dict``: its reliability and how far it moved the odds."""
    return {
        "source": origin,
        "reliability": round(float(r["reliability"]), 6),
        "items": int(r["items"]),
        "naive": _finite(r["naive"]),
        "push": _finite(r["push"]),
        "discount": _finite(r["discount"]),
        "share": _finite(r["share"]),
        "bound": _finite(r["bound"]),
    }


def _trace_data(e: str, r: pd.Series) -> dict[str, Any]:
    """One item's row of the trace in ``BayesResult.to_dict``."""
    return {
        "id": e,
        "llr": round(float(r["llr"]), 6),
        "factor": round(float(r["factor"]), 6),
        "favours": r["favours"],
        "likelihood_ratio": None
        if math.isinf(r["likelihood_ratio"])
        else round(float(r["likelihood_ratio"]), 6),
        "cluster": r["cluster"] if isinstance(r["cluster"], str) else None,
        "source": r["source"] if isinstance(r["source"], str) else None,
        "reliability": _finite(r["reliability"]) if pd.notna(r["reliability"]) else None,
        "share": round(float(r["share"]), 6),
        "discount": _finite(r["discount"]),
        "weight": round(float(r["weight"]), 6),
    }


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
    return pd.Series(
        at_table(case).post,
        index=pd.Index([h.id for h in case.hypotheses], name="id"),
        name="posterior",
    )


def run(case: Case, *, reliability: Mapping[str | None, float] | None = None) -> BayesResult:
    """Bayesian ACH on a case: posteriors, Monte Carlo intervals, the trace and what drives the lead.

    ``reliability`` maps Admiralty grades (and None, ungraded) to the chance a
    source reports what it sees, over ``RELIABILITY``, for a what-if.

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> bayes = run(load_case(EXAMPLE_CASE))
    >>> bayes.leaders, bayes.tied, round(float(bayes.hypotheses["posterior"].sum()), 9)
    (('H1',), False, 1.0)
    >>> d = bayes.drivers
    >>> abs(d.prior + d.consistent + d.against + d.explicit - d.posterior_log_odds) < 1e-9
    True
    """
    s = dep.structure(case, reliability)
    tables = family(stated_table(case))
    points = {name: at_table(case, table, s) for name, table in tables.items()}
    st = points["stated"]
    across = np.array([p.post for p in points.values()])  # tables × hypotheses
    ids = [h.id for h in case.hypotheses]
    ranked = rated_hypotheses(case)
    leaders = leading(st.log_post, ranked)
    lead = leaders[0] if leaders else int(np.argsort(-st.post, kind="stable")[0])
    runner = _runner_up(st.log_post, ranked, leaders)
    samples, equal_samples = _simulate(case, st.prior, s, st.values)
    spans = [span(float(a), float(b)) for a, b in zip(across.min(0), across.max(0), strict=True)]
    lead_by = attribution(case, st, s, lead, runner, leaders, ranked, equal_samples, points)
    return BayesResult(
        leader=ids[lead],
        runner_up=None if runner is None else ids[runner],
        leaders=tuple(ids[i] for i in leaders),
        unranked=tuple(h for h, r in zip(ids, ranked, strict=True) if not r),
        draws=case.bayes.draws,
        band_stable=spans[lead].stable,
        family_posteriors={name: float(p) for name, p in zip(tables, across[:, lead], strict=True)},
        seed=case.bayes.seed,
        settings=_settings(case, tables, reliability),
        hypotheses_frame=_hypotheses_frame(case, st, across, spans, samples, ranked),
        trace_frame=_trace_frame(case, st, s, dependence(case, reliability), lead_by, lead, runner),
        drivers=lead_by.drivers,
        sources_frame=sources_frame(s, lead_by.push, lead_by.naive),
    )


def _hypotheses_frame(
    case: Case, st: Any, across: np.ndarray, spans: list, samples: np.ndarray, ranked: np.ndarray
) -> pd.DataFrame:
    """Per hypothesis: prior, posterior, its range over the family of tables and the simulations,
    the words for its likelihood (when it may have them) and how much of the matrix rates it."""
    low, median, high = np.percentile(samples, [100 * INTERVAL[0], 50, 100 * INTERVAL[1]], axis=0)
    # no words for a hypothesis rated against nothing or against fewer than half the items, nor
    # for the only one rated (its posterior compares it only with untested hypotheses)
    unrated = (~case.matrix.rated).sum(axis=0).astype(int)
    only_rated = ranked & (int(ranked.sum()) == 1)
    unworded = ~ranked | only_rated | (mostly_unrated(unrated, len(case.evidence)) > 0)
    hypotheses = pd.DataFrame(
        {
            "label": [h.label for h in case.hypotheses],
            "prior": st.prior,
            "posterior": st.post,
            "posterior_low": across.min(axis=0),
            "posterior_high": across.max(axis=0),
            "low": low,
            "median": median,
            "high": high,
            "p_most_likely": top_share(samples, ranked),
            "likelihood": pd.Series(
                [
                    None if silent else x.likelihood
                    for x, silent in zip(spans, unworded, strict=True)
                ],
                dtype=object,
            ),
            "range": pd.Series([x.range for x in spans], dtype=object),
            "band_stable": [x.stable for x in spans],
            "unranked": ~ranked,
            "only_rated": only_rated,
            "unrated": unrated,
        }
    )
    hypotheses.index = pd.Index([h.id for h in case.hypotheses], name="id")
    return hypotheses


def _trace_frame(
    case: Case,
    st: Any,
    s: dep.Structure,
    dependent: pd.DataFrame,
    lead_by: Attribution,
    lead: int,
    runner: int | None,
) -> pd.DataFrame:
    """Per item, the strongest first: its likelihood ratio, its source, cluster and reliability,
    how far dependence discounts it, and which hypothesis it favours."""
    ids = [h.id for h in case.hypotheses]
    item_discount = np.full(len(case.evidence), np.nan)
    counted = s.item_origin >= 0
    item_discount[counted] = lead_by.discount[s.item_origin[counted]]
    llr = lead_by.llr
    trace = pd.DataFrame(
        {
            "summary": pd.Series([e.summary for e in case.evidence], dtype=object),
            "likelihood_ratio": _spread(st.values),
            "cluster": pd.Series(dependent["cluster"].tolist(), dtype=object),
            "source": pd.Series(dependent["source"].tolist(), dtype=object),
            "reliability": dependent["reliability"].to_numpy(),
            "share": s.share,
            "discount": item_discount,
            "weight": np.nan_to_num(s.share * item_discount, nan=0.0),
            "llr": llr,
            "factor": np.exp(np.clip(llr, -700, 700)),
            "favours": pd.Series(
                [ids[lead] if x > 0 else (ids[runner] if x < 0 else "") for x in llr], dtype=object
            ),
        }
    )
    trace.index = pd.Index([e.id for e in case.evidence], name="id")
    return trace.reindex(trace["llr"].abs().sort_values(ascending=False, kind="stable").index)


def _settings(
    case: Case, tables: dict[str, Any], reliability: Mapping[str | None, float] | None
) -> dict[str, Any]:
    """The model's settings as run: the likelihood tables, the dependence model, the
    reliability of each grade, and the case's Bayesian settings."""
    table_r = {**RELIABILITY, **dict(reliability or {})}
    return {
        "likelihoods": tables["stated"],
        "family": tables,
        "prior_strength": case.bayes.prior_strength,
        "dependence": (
            "reports of one independence group of sources share its reliability r: "
            "P(reports | h) = r x prod P(e | h) + (1 - r) x prod max_h' P(e | h'), so a source "
            "moves the log odds by at most ln 1/(1 - r); items of one cluster or quoting the same "
            "words count once (the mean of their log likelihoods); items without a source stand "
            "alone; assumptions weigh 0"
        ),
        "reliability": {("ungraded" if k is None else k): v for k, v in table_r.items()},
        "tempering": {**DEFAULT_TEMPERING, **dict(case.bayes.tempering or {})},
        "rating_error": case.bayes.rating_error,
        "credibility_error": case.bayes.credibility_error,
        "source_error": case.bayes.source_error,
        "analyst_error": case.bayes.analyst_error,
    }
