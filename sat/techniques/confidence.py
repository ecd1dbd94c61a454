"""Confidence in the leading judgement, derived from stated factors and said apart from likelihood.

ICD 203 asks analysts to state confidence separately from likelihood, resting
it on the quality and quantity of sources, corroboration and the soundness of
the reasoning. The workbook scores five factors, 0–2 points each:

| factor        | measure                                    | 2      | 1             |
|---------------|--------------------------------------------|--------|---------------|
| robustness    | share of Monte Carlo draws the leader wins | ≥ 0.9  | ≥ 0.7         |
| margin        | ACH one-step changes to lose the lead      | ≥ 3    | 2             |
| sourcing      | Quality of Information Check: sourcing     | strong | moderate      |
| corroboration | sourced items corroborated independently   | ≥ 50%  | ≥ 25%         |
| linchpins     | no linchpin item; linchpin assumptions     | none   | caveated only |

A total of 8 or more with no factor at zero is *high*; 4 or more is *moderate*;
anything less is *low*. A factor at zero caps confidence at moderate. When the
matrix and the Bayesian mode disagree on the leader, robustness scores zero.
The three-level wording is community convention, not ICD 203 text.

References
----------
.. [1] ODNI, *Intelligence Community Directive 203*, 2015 (confidence stated apart from likelihood).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sat.case import Case
from sat.language import percent
from sat.techniques.ach import ACHResult
from sat.techniques.assumptions import KACResult
from sat.techniques.bayes import BayesResult
from sat.techniques.quality import QualityResult

__all__ = ["Confidence", "Factor", "run"]


@dataclass(frozen=True)
class Factor:
    name: str
    points: int
    detail: str


@dataclass(frozen=True)
class Confidence:
    """A confidence level with the factors behind it."""

    level: str
    score: int
    factors: tuple[Factor, ...]

    @property
    def sentence(self) -> str:
        """One sentence for the brief: the level and why (never the likelihood)."""
        strong = [f.detail for f in self.factors if f.points == 2]
        weak = [f.detail for f in self.factors if f.points == 0]
        text = f"We have {self.level} confidence in this judgement"
        if weak:
            text += ": " + "; ".join(weak)
            if strong:
                text += ", although " + "; ".join(strong)
        elif strong:
            text += ": " + "; ".join(strong)
        return text + "."

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "score": self.score,
            "factors": [asdict(f) for f in self.factors],
            "sentence": self.sentence,
        }


def run(
    case: Case,
    *,
    ach: ACHResult | None = None,
    bayes: BayesResult | None = None,
    quality: QualityResult | None = None,
    assumptions: KACResult | None = None,
) -> Confidence:
    """Score the five factors and derive the confidence level (see the module table).

    Parameters
    ----------
    case : Case
    ach, bayes, quality, assumptions : optional
        The case's results, if already computed (``sat.analyse`` shares them).

    Examples
    --------
    >>> import sat
    >>> from sat.paths import EXAMPLE_CASE
    >>> case = sat.load_case(EXAMPLE_CASE)
    >>> run(case).level
    'low'
    """
    from sat.techniques import ach as ach_technique
    from sat.techniques import assumptions as kac_technique
    from sat.techniques import bayes as bayes_technique
    from sat.techniques import quality as quality_technique

    ach = ach if ach is not None else ach_technique.run(case)
    bayes = bayes if bayes is not None else bayes_technique.run(case)
    quality = quality if quality is not None else quality_technique.run(case, ach=ach)
    kac = assumptions if assumptions is not None else kac_technique.run(case, ach=ach)
    factors = []
    leader = bayes.leader
    wins = float(bayes.hypotheses_frame.at[leader, "p_most_likely"])
    if ach.tied or leader not in ach.leader:
        factors.append(
            Factor(
                "robustness",
                0,
                f"the matrix and the Bayesian mode disagree on the leader ({'/'.join(ach.leader)} against {leader})",
            )
        )
    else:
        points = 2 if wins >= 0.9 else 1 if wins >= 0.7 else 0
        factors.append(
            Factor(
                "robustness",
                points,
                f"{leader} stays the most probable in {percent(wins)} of simulations of errors in the "
                "ratings, table and priors",
            )
        )

    margin = ach.margin
    if margin is None or ach.tied:
        factors.append(Factor("margin", 0, "the matrix gives no single leader"))
    else:
        points = 2 if margin >= 3 else 1 if margin == 2 else 0
        factors.append(
            Factor(
                "margin",
                points,
                f"{margin} one-step rating change{'s' if margin != 1 else ''} would close the lead",
            )
        )

    level = quality.sourcing.get("level")
    points = {"strong": 2, "moderate": 1}.get(level, 0)
    share = quality.sourcing.get("share")
    detail = (
        f"the evidence separating the leader from its challenger is {level}ly sourced ({percent(share)} well sourced)"
        if share is not None
        else "no evidence separates the leader from its challenger"
    )
    factors.append(Factor("sourcing", points, detail))

    ev = quality.evidence_frame
    sourced = ev[~ev["unsourced"] & (ev["type"] != "assumption")]
    corroborated = float(sourced["corroborated"].mean()) if len(sourced) else 0.0
    points = 2 if corroborated >= 0.5 else 1 if corroborated >= 0.25 else 0
    factors.append(
        Factor(
            "corroboration",
            points,
            f"{percent(corroborated)} of sourced items are corroborated by an independent source",
        )
    )

    table = kac.table_frame
    linchpin_items = ach.linchpins
    unsupported = [a for a in kac.linchpins if table.at[a, "rating"] in (None, "unsupported")]
    caveated = [a for a in kac.linchpins if a not in unsupported]
    if linchpin_items or unsupported:
        parts = []
        if linchpin_items:
            parts.append(f"linchpin evidence {', '.join(linchpin_items)}")
        if unsupported:
            parts.append(f"unsupported assumptions {', '.join(unsupported)}")
        factors.append(Factor("linchpins", 0, "it rests on " + " and ".join(parts)))
    elif caveated:
        factors.append(
            Factor("linchpins", 1, f"it rests on caveated assumptions {', '.join(caveated)}")
        )
    else:
        factors.append(Factor("linchpins", 2, "no single item or insecure assumption decides it"))

    score = sum(f.points for f in factors)
    zero = any(f.points == 0 for f in factors)
    level = "high" if score >= 8 and not zero else "moderate" if score >= 4 else "low"
    return Confidence(level=level, score=score, factors=tuple(factors))
