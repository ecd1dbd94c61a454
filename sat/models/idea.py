"""The IDEA protocol's four-point answers as quantiles.

An expert answers a four-point question with the lowest plausible value a, the highest b, the
best estimate c and a confidence r (50-100%) that the truth lies between a and b. Hemming et al.
(2018) standardise the interval to a common width S by linear extrapolation: the lower bound
becomes c - (c - a) S / r and the upper c + (b - c) S / r. For quantile probabilities p_1 < ...
< p_m this gives, for p < 0.5, the lower end of the central (1 - 2p) interval, c - (c - a)(1 -
2p) / r; for p > 0.5 the upper end c + (b - c)(2p - 1) / r; for p = 0.5 the best estimate. With
5/50/95 that is exactly their 90% standardisation. A ``log`` quantity is extrapolated on ln
values, so its quantiles stay positive. The answer itself is kept beside its quantiles.

References
----------
.. [1] V. Hemming, M. A. Burgman, A. M. Hanea, M. F. McBride and B. C. Wintle, "A practical
   guide to structured expert elicitation using the IDEA protocol", *Methods in Ecology and
   Evolution* 9(1), 169-180, 2018.
.. [2] V. Hemming, T. V. Walshe, A. M. Hanea, F. Fidler and M. A. Burgman, "Eliciting improved
   quantitative judgements using the IDEA protocol: A case study in natural resource
   management", *PLoS ONE* 13(6): e0198468, 2018.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from sat.errors import AnalysisError
from sat.models.study import SCALES

__all__ = ["FourPoint", "Standardised", "four_point"]


@dataclass(frozen=True, slots=True)
class FourPoint:
    """An IDEA answer: lowest, highest and best estimate, and the confidence (0.5 to 1) that the
    truth lies between lowest and highest."""

    lowest: float
    highest: float
    best: float
    confidence: float


@dataclass(frozen=True, slots=True)
class Standardised:
    """A four-point answer and the quantiles it gives at ``probabilities``."""

    answer: FourPoint
    probabilities: tuple[float, ...]
    quantiles: tuple[float, ...]


def four_point(
    answer: FourPoint, probabilities: tuple[float, ...], *, scale: str = "uniform"
) -> Standardised:
    """Quantiles of a four-point answer at ``probabilities``, by linear extrapolation of its
    interval (Hemming et al. 2018).

    Raises
    ------
    AnalysisError
        When the answer is not lowest < best < highest, the confidence is outside 50-100%, or a
        ``log`` answer is not positive.

    Examples
    --------
    An 80% interval [10, 30] around 18 at 5/50/95: 18 - 8 x 0.9/0.8 = 9 and 18 + 12 x 0.9/0.8
    = 31.5.

    >>> four_point(FourPoint(10, 30, 18, 0.8), (0.05, 0.5, 0.95)).quantiles
    (9.0, 18.0, 31.5)
    """
    a, b, c, r = answer.lowest, answer.highest, answer.best, answer.confidence
    if scale not in SCALES:
        raise AnalysisError(f"scale should be one of {', '.join(SCALES)}, not {scale!r}")
    if not all(math.isfinite(v) for v in (a, b, c, r)):
        raise AnalysisError("lowest, highest, best and confidence should be finite numbers")
    if not a < c < b:
        raise AnalysisError(f"lowest {a:g} < best {c:g} < highest {b:g} should hold")
    if not 0.5 <= r <= 1:
        raise AnalysisError(f"confidence should be from 50% to 100%, not {r:.0%}")
    if any(not 0 < p < 1 for p in probabilities):
        raise AnalysisError("probabilities should lie strictly between 0 and 1")
    log = scale == "log"
    if log and a <= 0:
        raise AnalysisError(f"a log-scale answer should be positive; lowest is {a:g}")
    a, b, c = (math.log(v) for v in (a, b, c)) if log else (a, b, c)
    out = []
    for p in probabilities:
        if p < 0.5:
            v = c - (c - a) * (1 - 2 * p) / r
        elif p > 0.5:
            v = c + (b - c) * (2 * p - 1) / r
        else:
            v = float(c)
        out.append(math.exp(v) if log else v)
    return Standardised(answer, tuple(probabilities), tuple(out))
