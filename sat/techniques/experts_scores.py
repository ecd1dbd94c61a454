"""The arithmetic of Cooke's classical model: calibration, information and the decision maker.

Everything works on arrays: an expert's quantiles are ``values[e, i, :]`` (NaN where expert e
did not answer item i), on the item's scale (ln values for a ``log`` item); realisations are
``truth[i]`` (NaN for a target). ``sat.techniques.experts`` turns a ``Study`` into these arrays
and these numbers into results.

- **Calibration** (Cooke 1991, ch. 12): the seed realisations fall into the inter-quantile bins
  (x <= q_1 is bin 1, q_1 < x <= q_2 bin 2, ...); with s the share in each bin and p the bins'
  probabilities, C = P(chi-square with m degrees of freedom > 2 N I(s, p)), m = bins - 1 and N
  the smallest number of seeds any expert answered.
- **Information**: against the uniform background on the item's intrinsic range [L, U] (the
  experts' quantiles and the realisation, widened by the overshoot k on each side), the
  relative information of the expert's minimum-information density (uniform between quantiles).
- **Decision maker**: the weighted mixture of the experts' piecewise-linear CDFs; its quantiles
  are where the mixture reaches each probability.

References
----------
.. [1] R. M. Cooke, *Experts in Uncertainty*, Oxford University Press, 1991.
.. [2] R. M. Cooke and L. L. H. J. Goossens, "TU Delft expert judgment data base",
   *Reliability Engineering & System Safety* 93(5), 2008.
.. [3] M. Abramowitz and I. A. Stegun, *Handbook of Mathematical Functions*, 1964,
   26.4.4 and 26.4.5.
"""

from __future__ import annotations

import math

import numpy as np

__all__ = [
    "bin_probabilities",
    "calibration",
    "chi2_sf",
    "dm_quantiles",
    "information",
    "intrinsic_range",
]


def chi2_sf(x: float, df: int) -> float:
    """P(X > x) for X chi-square distributed with a whole number ``df`` of degrees of freedom.

    Closed forms (Abramowitz & Stegun 26.4.4, 26.4.5): for even df,
    exp(-x/2) sum_{r<df/2} (x/2)^r / r!; for odd df, erfc(sqrt(x/2)) + exp(-x/2)
    sqrt(2/(pi x)) sum_{r=1}^{(df-1)/2} x^r / (1 * 3 * ... * (2r - 1)). Terms are built by
    recurrence, so no factorial overflows.

    Examples
    --------
    >>> round(chi2_sf(3.841458820694124, 1), 12), round(chi2_sf(5.991464547107979, 2), 12)
    (0.05, 0.05)
    >>> chi2_sf(0.0, 3)
    1.0
    """
    if df < 1 or int(df) != df:
        raise ValueError(f"degrees of freedom should be a whole number of at least 1, not {df}")
    if x <= 0:
        return 1.0
    half = x / 2.0
    if df % 2 == 0:
        term, total = 1.0, 1.0
        for r in range(1, df // 2):
            term *= half / r
            total += term
        return min(1.0, math.exp(-half) * total)
    total, term = 0.0, math.sqrt(x)  # x^(r - 1/2) / (1 * 3 * ... * (2r - 1)), r = 1 first
    for r in range(1, (df - 1) // 2 + 1):
        total += term
        term *= x / (2 * r + 1)
    return min(1.0, math.erfc(math.sqrt(half)) + math.exp(-half) * math.sqrt(2 / math.pi) * total)


def bin_probabilities(probabilities: np.ndarray) -> np.ndarray:
    """The probabilities of the bins the quantiles make: (p_1, p_2 - p_1, ..., 1 - p_m).

    Snapped to 12 decimals where they differ from them by float noise only (under 1e-15), so
    that bins of one width are the same number (0.95 - 0.5 is
    0.44999999999999996 in binary floating point, 0.5 - 0.05 is 0.45): experts whose counts are
    mirror images then get exactly the same calibration, and a cut-off set at one of them keeps
    both (quantiles are given in whole or decimal percents, which 12 decimals hold exactly).

    Examples
    --------
    >>> bin_probabilities(np.array([0.05, 0.5, 0.95])).tolist()
    [0.05, 0.45, 0.45, 0.05]
    >>> bool(bin_probabilities(np.array([4e-13, 0.5, 1 - 4e-13]))[0] > 0)  # a tiny bin is kept
    True
    """
    q = np.diff(np.concatenate([[0.0], probabilities, [1.0]]))
    snapped = np.round(q, 12)
    return np.where(np.abs(q - snapped) < 1e-15, snapped, q)  # float noise only: a tiny bin stays


def intrinsic_range(
    values: np.ndarray, truth: np.ndarray, overshoot: float
) -> tuple[np.ndarray, np.ndarray]:
    """Each item's background range [L, U]: the smallest and largest of every expert's quantiles
    and the realisation, widened by ``overshoot`` times their distance on each side (NaN for an
    item no expert answered).

    Examples
    --------
    >>> v = np.array([[[1.0, 2.0, 3.0]], [[2.0, 4.0, 5.0]]])
    >>> [a.round(9).tolist() for a in intrinsic_range(v, np.array([7.0]), 0.1)]
    [[0.4], [7.6]]
    """
    answered = ~np.isnan(values[:, :, 0]).all(axis=0)  # NaN for an item nobody answered
    low = np.where(answered, np.fmin(np.fmin.reduce(values, axis=(0, 2)), truth), np.nan)
    high = np.where(answered, np.fmax(np.fmax.reduce(values, axis=(0, 2)), truth), np.nan)
    spread = high - low
    return low - overshoot * spread, high + overshoot * spread


def _entropy(shares: np.ndarray, p: np.ndarray) -> np.ndarray:
    """I(s, p) = sum over bins with s > 0 of s ln(s / p), along the last axis.

    The terms are added smallest first, so the sum does not depend on the bins' order: experts
    whose counts are mirror images (the same shares in reversed bins of a symmetric p) get the
    same number to the last bit, and so the same calibration and weight.
    """
    with np.errstate(divide="ignore", invalid="ignore"):
        terms = np.where(shares > 0, shares * np.log(shares / p), 0.0)
    return np.sort(terms, axis=-1).sum(axis=-1)


def calibration(
    values: np.ndarray, truth: np.ndarray, probabilities: np.ndarray, seeds: np.ndarray, n: int
) -> np.ndarray:
    """Each expert's calibration score on the seeds ``seeds`` (a boolean mask over items).

    Parameters
    ----------
    values : ndarray, shape (experts, items, m)
        Quantiles on the items' scales, NaN where not answered.
    truth : ndarray, shape (items,)
        Realisations on the items' scales.
    probabilities : ndarray, shape (m,)
    seeds : ndarray of bool, shape (items,)
    n : int
        N of the chi-square statistic 2 N I(s, p): the smallest number of seeds answered.

    Examples
    --------
    One expert, three seeds: one in bin 1, two in bin 2 of (0.05, 0.45, 0.45, 0.05), so
    I = 1/3 ln((1/3) / 0.05) + 2/3 ln((2/3) / 0.45) = 0.8944 and C = P(chi2_3 > 6 I = 5.366).

    >>> v = np.array([[[1.0, 2.0, 3.0], [1.0, 2.0, 3.0], [1.0, 2.0, 3.0]]])
    >>> calibration(v, np.array([0.5, 1.5, 2.0]), np.array([0.05, 0.5, 0.95]),
    ...             np.array([True, True, True]), 3).round(4).tolist()
    [0.1469]
    """
    m = values.shape[2]
    answered = ~np.isnan(values[:, :, 0]) & seeds[None, :]
    with np.errstate(invalid="ignore"):
        bins = (truth[None, :, None] > values).sum(axis=2)  # 0..m; NaN compares False
    counts = np.stack([((bins == k) & answered).sum(axis=1) for k in range(m + 1)], axis=1)
    shares = counts / np.maximum(answered.sum(axis=1), 1)[:, None]
    statistic = 2 * n * _entropy(shares, bin_probabilities(probabilities))
    return np.array([chi2_sf(float(x), m) for x in statistic])


def item_information(
    values: np.ndarray, low: np.ndarray, high: np.ndarray, probabilities: np.ndarray
) -> np.ndarray:
    """Each expert's relative information per item, shape (experts, items), NaN where not
    answered: ln(U - L) + sum_k p_k ln(p_k / (b_k - b_{k-1})) with b = (L, q_1..q_m, U).

    Examples
    --------
    Quantiles (1, 2, 3) on [0, 4]: widths 1, 1, 1, 1 against bin probabilities
    (0.05, 0.45, 0.45, 0.05): ln 4 + 0.1 ln 0.05 + 0.9 ln 0.45.

    >>> i = item_information(np.array([[[1.0, 2.0, 3.0]]]), np.array([0.0]), np.array([4.0]),
    ...                      np.array([0.05, 0.5, 0.95]))
    >>> bool(np.isclose(i[0, 0], np.log(4) + 0.1 * np.log(0.05) + 0.9 * np.log(0.45)))
    True
    """
    count = values.shape[0]
    edges = np.concatenate(
        [
            np.broadcast_to(low, (count, low.size))[:, :, None],
            values,
            np.broadcast_to(high, (count, high.size))[:, :, None],
        ],
        axis=2,
    )
    p = bin_probabilities(probabilities)
    return np.log(high - low)[None, :] + (p * np.log(p / np.diff(edges, axis=2))).sum(axis=2)


def information(per_item: np.ndarray, items: np.ndarray) -> np.ndarray:
    """Each expert's mean information over the answered items among ``items`` (a mask); NaN
    for an expert who answered none of them."""
    chosen = np.where(items[None, :], per_item, np.nan)
    answered = (~np.isnan(chosen)).sum(axis=1)
    totals = np.nansum(chosen, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        return np.where(answered > 0, totals / np.maximum(answered, 1), np.nan)


#: Most elements of the comparison array ``dm_quantiles`` builds at once (items are taken in
#: chunks below it).
CHUNK = 1 << 22


def dm_quantiles(
    values: np.ndarray,
    weights: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    probabilities: np.ndarray,
    items: np.ndarray | None = None,
) -> np.ndarray:
    """The decision maker's quantiles per item, shape (items, m), on the items' scales (only
    for the items in the mask ``items`` when given, NaN elsewhere).

    Per item the experts who answered it are mixed with their ``weights`` renormalised; the
    mixture of CDFs through (L, 0), (q_1, p_1), ..., (q_m, p_m), (U, 1) is piecewise linear
    between the union of all their quantiles and L, U, so its quantiles are found exactly by
    linear interpolation there (a point where the mixture is exactly p is that quantile: one
    expert's DM is that expert). NaN for an item no weighted expert answered. Items are
    computed together, in chunks of at most ``CHUNK`` comparisons.

    Examples
    --------
    Two experts with equal weight on [0, 10]: the mixture's median is 5 by symmetry.

    >>> v = np.array([[[2.0, 3.0, 4.0]], [[6.0, 7.0, 8.0]]])
    >>> dm_quantiles(v, np.array([1.0, 1.0]), np.array([0.0]), np.array([10.0]),
    ...              np.array([0.05, 0.5, 0.95]))[0, 1].round(9).item()
    5.0
    """
    experts, count, m = values.shape
    chosen = np.arange(count) if items is None else np.flatnonzero(items)
    out = np.full((count, m), np.nan)
    size = max(1, CHUNK // (experts * experts * (m + 2) ** 2))
    for start in range(0, len(chosen), size):
        part = chosen[start : start + size]
        out[part] = _mixture_quantiles(
            values[:, part, :], weights, low[part], high[part], probabilities
        )
    return out


def _mixture_quantiles(
    v: np.ndarray, weights: np.ndarray, lo: np.ndarray, hi: np.ndarray, probabilities: np.ndarray
) -> np.ndarray:
    """``dm_quantiles`` for the items of ``v`` (experts, items, m), all at once."""
    m = v.shape[2]
    w = np.where(~np.isnan(v[:, :, 0]), weights[:, None], 0.0)  # (experts, items)
    total = w.sum(axis=0)
    done = total > 0
    w = w / np.where(done, total, 1.0)
    levels = np.concatenate([[0.0], probabilities, [1.0]])
    # an expert who did not answer gets weight 0 and stand-in quantiles inside [L, U]
    v = np.where(np.isnan(v), lo[None, :, None] + (hi - lo)[None, :, None] * probabilities, v)
    ends = np.broadcast_to(lo[None, :, None], (*v.shape[:2], 1))
    knots = np.concatenate([ends, v, np.broadcast_to(hi[None, :, None], ends.shape)], axis=2)
    points = np.sort(knots.transpose(1, 0, 2).reshape(v.shape[1], -1), axis=1)  # (items, P)
    # each expert's CDF at each item's points, (experts, items, P): exact at its own knots
    upper = np.clip((points[None, :, :, None] >= knots[:, :, None, :]).sum(axis=3), 1, m + 1)
    left = np.take_along_axis(knots, upper - 1, axis=2)
    right = np.take_along_axis(knots, upper, axis=2)
    share = np.clip((points[None] - left) / (right - left), 0.0, 1.0)
    cdf = levels[upper - 1] + share * (levels[upper] - levels[upper - 1])
    mixture = (w[:, :, None] * cdf).sum(axis=0)  # (items, P), from 0 to 1
    # the first point where the mixture reaches p, and the one before it
    j = np.clip((mixture[:, :, None] < probabilities).sum(axis=1), 1, points.shape[1] - 1)
    f0, f1 = np.take_along_axis(mixture, j - 1, axis=1), np.take_along_axis(mixture, j, axis=1)
    x0, x1 = np.take_along_axis(points, j - 1, axis=1), np.take_along_axis(points, j, axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        between = x0 + (probabilities - f0) * (x1 - x0) / (f1 - f0)
    return np.where(done[:, None], np.where(f1 == probabilities, x1, between), np.nan)
