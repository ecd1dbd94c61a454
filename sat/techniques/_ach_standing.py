"""Who leads an ACH matrix, and who would lead without each item: the array work behind
``sat.techniques.ach.run`` (ranks, the standing without each item, the rated-alike rule and the
margin's search). Constants and rules are documented in ``sat.techniques.ach``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from sat import scales
from sat.techniques import _steps

_INCONSISTENCY = np.array([scales.INCONSISTENCY_POINTS[c] for c in scales.RATING_CODES], float)
_WEIGHTED = np.array([-scales.WEIGHTED_VALUE[c] for c in scales.RATING_CODES], float)
_CONSISTENCY = np.array([scales.CONSISTENCY_POINTS[c] for c in scales.RATING_CODES], float)
_SCALE = np.array([scales.SCALE_VALUE[c] for c in scales.RATING_CODES], float)
# Sums of √2 weights are not exact in floating point: scores within this are equal.
TOLERANCE = 1e-9
_NA = scales.RATING_CODES.index("NA")
_I, _II = scales.RATING_CODES.index("I"), scales.RATING_CODES.index("II")


def ranks(weighted: np.ndarray, consistency: np.ndarray, ranked: np.ndarray | None = None):
    """Competition ranks (1, 1, 3, ...) by weighted inconsistency, then consistency.

    Hypotheses not ``ranked`` (no scored rating) get rank 0 and are passed over.
    """
    ranked = np.ones(weighted.shape, bool) if ranked is None else ranked
    level = np.abs(weighted[None, :] - weighted[:, None]) <= TOLERANCE
    better = ((weighted[None, :] < weighted[:, None]) & ~level) | (
        level & (consistency[None, :] > consistency[:, None])
    )
    return np.where(ranked, 1 + (better & ranked[None, :]).sum(axis=1), 0)


@dataclass(frozen=True)
class Scores:
    """The matrix scored: each cell's weighted inconsistency (``contrib``), each hypothesis's
    inconsistency, weighted inconsistency and consistency, its scored cells, whether it is
    ranked, its rank, and the leaders."""

    contrib: np.ndarray
    inconsistency: np.ndarray
    weighted: np.ndarray
    consistency: np.ndarray
    is_scored: np.ndarray
    counts: np.ndarray
    ranked: np.ndarray
    rank: np.ndarray
    leaders: np.ndarray


def score(index: np.ndarray, weight: np.ndarray) -> Scores:
    contrib = _WEIGHTED[index] * weight[:, None]
    weighted = contrib.sum(axis=0)
    consistency = _CONSISTENCY[index].sum(axis=0)
    is_scored = index != _NA  # a rating code other than NA counts
    counts = is_scored.sum(axis=0)  # scored cells per hypothesis
    ranked = counts > 0
    rank = ranks(weighted, consistency, ranked)
    return Scores(
        contrib=contrib,
        inconsistency=_INCONSISTENCY[index].sum(axis=0),
        weighted=weighted,
        consistency=consistency,
        is_scored=is_scored,
        counts=counts,
        ranked=ranked,
        rank=rank,
        leaders=rank == 1,
    )


def leader_masks(weighted: np.ndarray, consistency: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """Per row of (items × hypotheses) scores, which ranked hypotheses rank first."""
    w = np.where(ranked, weighted, np.inf)
    best = ranked & (w <= w.min(axis=1, keepdims=True) + TOLERANCE)
    top = np.where(best, consistency, -np.inf).max(axis=1, keepdims=True)
    return best & (consistency == top)


def on_tiebreak(weighted: np.ndarray, first: np.ndarray, ranked: np.ndarray) -> np.ndarray:
    """Per row: one hypothesis is first, and another ranked one is level with it on the primary score."""
    single = first.sum(axis=-1) == 1
    lead = np.where(first, weighted, np.inf).min(axis=-1, keepdims=True)
    level = ranked & ~first & (np.abs(weighted - lead) <= TOLERANCE)
    return single & level.any(axis=-1)


def rated_alike(
    rated: np.ndarray,
    probability: np.ndarray,
    diagnostic: np.ndarray,
    held: np.ndarray | None = None,
) -> np.ndarray:
    """Per item: rated alike against every hypothesis. At least one cell is given, and either
    no cell holds a probability and the codes do not differ (NA and unrated counting as N), or
    every cell holds the same probability.

    Examples
    --------
    >>> nan = np.nan
    >>> rated = np.array([[True, True], [True, True], [False, False], [True, True], [True, False]])
    >>> p = np.array([[nan, nan], [0.52, 0.48], [nan, nan], [0.5, 0.5], [0.5, nan]])
    >>> rated_alike(rated, p, np.zeros(5, bool)).tolist()
    [True, False, False, True, False]
    """
    held = ~np.isnan(probability) if held is None else held  # the probability cells
    if not held.any():  # codes only: alike when they do not differ
        return rated.any(axis=1) & ~diagnostic
    high = np.where(held, probability, -np.inf).max(axis=1, initial=-np.inf)
    low = np.where(held, probability, np.inf).min(axis=1, initial=np.inf)
    same_probability = held.all(axis=1) & (high == low)
    return rated.any(axis=1) & ((~held.any(axis=1) & ~diagnostic) | same_probability)


def without_each(
    index: np.ndarray,
    is_scored: np.ndarray,
    contrib: np.ndarray,
    weighted: np.ndarray,
    consistency: np.ndarray,
    counts: np.ndarray,
    leaders: np.ndarray,
    ranked: np.ndarray,
    diagnostic: np.ndarray,
    weight: np.ndarray,
    hyp_ids: np.ndarray,
) -> tuple[np.ndarray, dict[int, tuple[str, ...]], dict[int, tuple[str, ...]], np.ndarray]:
    """Heuer's step 6 for every item at once: ``linchpin`` per item, ``leader_without`` and
    ``level_without`` (by item position, only where not empty) and ``effect`` per item.

    The standing without an item is who leads and whether the lead rests on the tie-break; an
    item is a linchpin when removing it changes that and its codes tell the hypotheses apart.
    Only the hypotheses one item's removal could bring level with the leader take part
    (``contenders``): the others could not change the answer.
    """
    cols = contenders(weighted, leaders, counts, weight)
    rest = weighted[cols][None, :] - contrib[:, cols]
    ranked_rest = (counts[cols][None, :] - is_scored[:, cols]) > 0
    rest_consistency = consistency[cols][None, :] - _CONSISTENCY[index[:, cols]]
    without = leader_masks(rest, rest_consistency, ranked_rest)
    changed = (without != leaders[cols][None, :]).any(axis=1)
    tiebreak_now = bool(on_tiebreak(weighted, leaders, ranked))
    tiebreak_without = on_tiebreak(rest, without, ranked_rest)
    linchpin = (changed | (tiebreak_without != tiebreak_now)) & diagnostic
    ids = hyp_ids[cols]
    leader_without = {k: tuple(ids[without[k]].tolist()) for k in np.flatnonzero(changed).tolist()}
    lead_rest = np.where(without, rest, np.inf).min(axis=1, keepdims=True)
    level = ranked_rest & ~without & (np.abs(rest - lead_rest) <= TOLERANCE)
    level_without = {
        k: tuple(ids[level[k]].tolist())
        for k in np.flatnonzero(linchpin & ~changed & tiebreak_without).tolist()
    }
    # what removing a linchpin does: another leader (or none), a lead resting on the
    # tie-break, or a tie-break lead made clear
    effect = np.where(
        ~linchpin, "", np.where(changed, "leader", np.where(tiebreak_without, "level", "clear"))
    )
    return linchpin, leader_without, level_without, effect


def contenders(
    weighted: np.ndarray, leaders: np.ndarray, counts: np.ndarray, weight: np.ndarray
) -> np.ndarray:
    """The hypotheses that removing one item could make lead, or bring level with the leader.

    Removing an item takes at most ``reach`` (II at the heaviest weight) off a score and
    never adds to one, so while a leader keeps a scored rating the best score without any
    one item is at most the leader's now: a hypothesis further than ``reach`` behind it
    can never lead or be level. When a leader has a single scored rating (its removal would
    leave it unranked), or nothing leads, every hypothesis takes part. The test keeps a
    margin for rounding; taking part without a chance changes nothing.
    """
    everyone = np.ones(weighted.shape, bool)
    if not leaders.any() or not weight.size:
        return everyone
    first = int(np.argmax(leaders))
    if counts[first] < 2:
        return everyone
    reach = _WEIGHTED.max() * weight.max()
    slack = TOLERANCE + 1e-9 * (1 + np.abs(weighted).max())
    return leaders | ((counts > 0) & (weighted - reach <= weighted[first] + slack))


def margin(
    index: np.ndarray,
    diagnostic: np.ndarray,
    weight: np.ndarray,
    weighted: np.ndarray,
    leader: int,
    challengers: np.ndarray,
) -> int | None:
    """The fewest one-step changes after which some ``challengers`` scores no worse than the
    ``leader`` (``_steps.steps_to_lead``), None when no changes could.

    A challenger's count depends only on its column and the leader's, and no step gains more
    than the heaviest weight, so a challenger ``deficit / heaviest`` steps or more behind is
    searched only while it could still be the closest: the nearest are searched first.
    """
    deficit = weighted - weighted[leader]
    candidates = np.flatnonzero(challengers)
    if not candidates.size:
        return None
    if (deficit[candidates] <= TOLERANCE).any():  # level: the lead rests on the tie-break
        return 0
    rows = index[diagnostic]
    weights = weight[diagnostic]
    # fewer steps than this could not close the gap (rounded down, to stay a bound)
    bound = np.floor((deficit[candidates] - TOLERANCE) / weights.max() * (1 - 1e-9))
    best: int | None = None
    while candidates.size:
        batch = bound <= (bound.min() if best is None else best - 1)
        if not batch.any():
            break
        columns = np.concatenate(([leader], candidates[batch]))
        found = _steps.steps_to_lead(rows[:, columns], weights, weighted[columns], 0)[1:]
        finite = [int(s) for s in found.tolist() if s is not None]
        if finite:
            best = min(finite) if best is None else min(best, *finite)
        candidates, bound = candidates[~batch], bound[~batch]
    return best
