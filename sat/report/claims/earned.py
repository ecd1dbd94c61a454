"""What ``sat estimates --register`` says of the pool with earned weights: whose weights, how
many judgements they rest on, whether they would have helped, and when to distrust them."""

from __future__ import annotations

from typing import Any

from sat.language import counted, listed, percent
from sat.report.claims._base import Claim

__all__ = ["FEW_JUDGEMENTS", "weighted_claims"]

#: Fewer pooled judgements than this make earned weights a weak guide.
FEW_JUDGEMENTS = 10


def weighted_claims(result: Any) -> list[Claim]:
    """The claims of an ``EstimatesResult`` pooled with earned weights (none without a record)."""
    earned = result.earned
    if earned is None:
        return []
    n = earned.pooled
    if not result.weights:
        return [
            Claim(
                "estimates.unearned",
                f"No analyst of this case earned a weight on the register's "
                f"{counted(n, 'judgement')} forecast by two or more, so the pool keeps equal "
                "weights.",
                {"pooled": n},
            )
        ]
    shares = [f"{a} {percent(w)}" for a, w in result.weights.items() if w > 0]
    none = [a for a, w in result.weights.items() if w <= 0]
    text = f"With the weights earned on {counted(n, 'judgement')} of the register ({listed(shares)}"
    text += f"; {listed(none)} none)" if none else ")"
    text += ", the weighted pool stands beside the equal-weight one."
    claims = [Claim("estimates.weighted", text, {"pooled": n, "weights": dict(result.weights)})]
    o = earned.out_of_sample
    if o.judgements:
        claims.append(
            Claim(
                "estimates.weights_tested",
                f"Left out one at a time, the {counted(o.judgements, 'judgement')} pooled with the "
                f"weights earned on the others scored better than equal weights on {o.better}, "
                f"worse on {o.worse} (mean Brier {o.brier_weighted:.3f} against "
                f"{o.brier_equal:.3f}).",
                {
                    "judgements": o.judgements,
                    "better": o.better,
                    "worse": o.worse,
                    "brier_weighted": o.brier_weighted,
                    "brier_equal": o.brier_equal,
                },
            )
        )
    if n < FEW_JUDGEMENTS:
        claims.append(
            Claim(
                "estimates.few_judgements",
                f"{counted(n, 'judgement').capitalize()} cannot show who forecasts better: keep "
                "the equal-weight pool in view.",
                {"pooled": n},
            )
        )
    return claims
