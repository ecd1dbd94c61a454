"""What moves the Bayesian leader against the runner-up: each item's and each source's push, the
discount dependence takes from it, and the drivers of the lead (``sat.techniques.bayes``)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from sat import scales
from sat.case import Case
from sat.techniques import dependence as dep
from sat.techniques.posterior import TIE, Drivers, Point, ladder_index, leading, logsumexp

__all__ = ["Attribution", "attribution", "lead_drivers", "pair_llr", "sources_frame", "top_share"]


def top_share(samples: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """Share of draws in which each ranked hypothesis is the most probable (ties shared)."""
    if not ranked.any() or len(samples) == 0:
        return np.zeros(samples.shape[1])
    x = np.where(ranked, samples, -1.0)
    best = x.max(axis=1, keepdims=True)
    top = ranked & (x >= best * (1 - TIE))
    return (top / top.sum(axis=1, keepdims=True)).mean(axis=0)


def pair_llr(origins: np.ndarray, a: int, b: int) -> np.ndarray:
    with np.errstate(invalid="ignore"):
        llr = origins[:, a] - origins[:, b]
    return np.nan_to_num(llr, nan=0.0, posinf=np.inf, neginf=-np.inf)


def sources_frame(s: dep.Structure, push: np.ndarray, naive: np.ndarray) -> pd.DataFrame:
    """The per-origin table (every unsourced origin in one ``no source`` row)."""
    counted = s.item_origin[s.item_origin >= 0]
    items = np.bincount(counted, minlength=len(s.origin_starts)).astype(int)
    rows: dict[str, dict[str, float]] = {}
    for o, label in enumerate(s.origin_labels):
        key = label if s.sourced[o] else "no source"
        row = rows.setdefault(
            key, {"reliability": float(s.reliability[o]), "items": 0, "naive": 0.0, "push": 0.0}
        )
        row["items"] += int(items[o])
        row["naive"] += float(naive[o])
        row["push"] += float(push[o])
    frame = pd.DataFrame.from_dict(
        rows, orient="index", columns=["reliability", "items", "naive", "push"]
    )
    frame.index = pd.Index(list(rows), name="source", dtype=object)
    frame["items"] = frame["items"].astype(int)
    with np.errstate(divide="ignore", invalid="ignore"):
        frame["discount"] = np.where(frame["naive"] != 0, frame["push"] / frame["naive"], 1.0)
        total = np.abs(frame["push"]).sum()
        frame["share"] = frame["push"] / total if total > 0 and np.isfinite(total) else 0.0
        frame["bound"] = -np.log1p(-frame["reliability"].to_numpy())
    order = frame["push"].abs().sort_values(ascending=False, kind="stable").index
    return frame.reindex(order)


def lead_drivers(
    case: Case,
    st: Point,
    items_llr: np.ndarray,
    lead: int,
    runner: int,
    ranked: np.ndarray,
    equal_samples: np.ndarray,
    points: Mapping[str, Point],
) -> Drivers:
    m = case.matrix
    ids = [h.id for h in case.hypotheses]
    ladder = ladder_index(m.index)
    pair = [lead, runner]
    explicit = (~np.isnan(m.probability[:, pair])).any(axis=1)
    against = (ladder[:, pair] >= scales.RATING_LADDER.index("I")).any(axis=1) & ~explicit
    consistent = ~explicit & ~against
    with np.errstate(divide="ignore", invalid="ignore"):
        prior = float(np.log(st.prior[lead]) - np.log(st.prior[runner]))
    log_eq = st.origins.sum(axis=0)
    log_eq = log_eq - logsumexp(log_eq)
    shares = top_share(equal_samples, ranked)
    flat = []
    for p in points.values():  # equal priors under each table of the family
        log_p = p.origins.sum(axis=0)
        flat.append(np.exp(log_p - logsumexp(log_p)))
    flat_lo, flat_hi = np.min(flat, axis=0), np.max(flat, axis=0)
    pushing = np.clip(items_llr, 0.0, None)  # each item's push for the leader, none offset
    return Drivers(
        leader=ids[lead],
        runner_up=ids[runner],
        prior=prior,
        consistent=float(items_llr[consistent].sum()),
        against=float(items_llr[against].sum()),
        explicit=float(items_llr[explicit].sum()),
        posterior_log_odds=float(st.log_post[lead] - st.log_post[runner]),
        equal_prior_posterior={h: float(p) for h, p in zip(ids, np.exp(log_eq), strict=True)},
        equal_prior_leaders=tuple(ids[i] for i in leading(log_eq, ranked)),
        equal_prior_share=float(shares[lead]),
        equal_prior_shares={ids[i]: float(shares[i]) for i in np.flatnonzero(ranked)},
        equal_prior_range={
            h: (float(a), float(b)) for h, a, b in zip(ids, flat_lo, flat_hi, strict=True)
        },
        favouring={
            "prior": max(prior, 0.0),
            "consistent": float(pushing[consistent].sum()),
            "against": float(pushing[against].sum()),
            "explicit": float(pushing[explicit].sum()),
        },
    )


@dataclass(frozen=True)
class Attribution:
    """What moves the leader against the runner-up: per independence group of sources, its
    push, its push counted naively and its dependence discount; per item, its log likelihood
    ratio; and the drivers of the lead (None for a tie or without a runner-up)."""

    push: np.ndarray
    naive: np.ndarray
    discount: np.ndarray
    llr: np.ndarray
    drivers: Any


def attribution(
    case: Case,
    st: Any,
    s: dep.Structure,
    lead: int,
    runner: int | None,
    leaders: tuple[int, ...],
    ranked: np.ndarray,
    equal_samples: np.ndarray,
    points: dict[str, Any],
) -> Attribution:
    if runner is None:
        push = np.zeros(len(s.origin_starts))
        return Attribution(push, push, push, np.zeros(len(case.evidence)), None)
    push = pair_llr(st.origins, lead, runner)
    llr, discount, naive = dep.attribute(st.log_items, s, push, lead, runner)
    # a tie has no lead to drive: what favours the first of the tied is no leader's case
    tied = len(leaders) > 1
    drivers = (
        None if tied else lead_drivers(case, st, llr, lead, runner, ranked, equal_samples, points)
    )
    return Attribution(push, naive, discount, llr, drivers)
