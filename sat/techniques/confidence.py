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

A total of 8 or more with no factor at zero or missing is *high*; 4 or more with
at most one factor at zero or missing is *moderate*; anything else is *low*. A
factor at zero, or one that could not be measured (``points`` None: no source to
grade, no challenger to measure a margin against), caps confidence at moderate;
an unmeasured factor is said to be missing, never scored as strength. When the matrix and the Bayesian mode disagree on the leader, or
either ties, robustness scores zero.

Confidence needs grounds (SAT-REFERENCE section 10): with no source recorded
for any item, with every sourced item resting on one source (one independence
group), with no evidence rated against any challenger, or with no single
leader, confidence is *low* whatever the factors add up to, and the sentence
says why first. The three-level wording is community convention, not ICD 203 text.

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

__all__ = ["NO_LEADER", "NO_SOURCE", "Confidence", "Factor", "run"]

#: The grounds that make confidence low whatever else holds (also said first).
NO_LEADER = "the matrix gives no single leader"
NO_SOURCE = "no source is recorded for any item of evidence"


@dataclass(frozen=True)
class Factor:
    """One factor: its points (0–2; None when it could not be measured) and what was found."""

    name: str
    points: int | None
    detail: str

    @property
    def missing(self) -> bool:
        return self.points is None


@dataclass(frozen=True)
class Confidence:
    """A confidence level with the factors behind it and the grounds that make it low."""

    level: str
    score: int
    factors: tuple[Factor, ...]
    grounds: tuple[str, ...] = ()

    @property
    def sentence(self) -> str:
        """One sentence for the brief: the level and why (never the likelihood)."""
        first = list(self.grounds)
        # a factor the grounds already say (no leader, no source) is not said twice
        shown = [f for f in self.factors if f.detail not in first and not self._implied(f)]
        weak = [f.detail for f in shown if f.points == 0]
        missing = [f.detail for f in shown if f.missing]
        strong = [f.detail for f in shown if f.points == 2]
        text = f"We have {self.level} confidence in this judgement"
        against = first + weak + missing
        if against:
            text += ": " + "; ".join(against)
            if strong:
                text += ", although " + "; ".join(strong)
        elif strong:
            text += ": " + "; ".join(strong)
        return text + "."

    def _implied(self, factor: Factor) -> bool:
        """Whether a ground already says what this factor found."""
        no_source = NO_SOURCE in self.grounds and factor.name in ("sourcing", "corroboration")
        no_leader = NO_LEADER in self.grounds and factor.points != 2
        return no_source or no_leader

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "score": self.score,
            "factors": [{**asdict(f), "missing": f.missing} for f in self.factors],
            "grounds": list(self.grounds),
            "sentence": self.sentence,
        }


def _grounds(case: Case, ach: ACHResult) -> list[str]:
    """What makes confidence low whatever the factors say (SAT-REFERENCE section 10)."""
    from sat.techniques.quality import independence_groups

    out = []
    if ach.sole is None:
        out.append(NO_LEADER)
    groups = independence_groups(case.sources)
    cited = {
        groups[s]
        for item in case.evidence
        if item.type != "assumption"
        for s in item.sources
        if s in groups
    }
    if not cited:
        out.append(NO_SOURCE)
    elif len(cited) == 1:
        out.append(f"every sourced item rests on one source ({next(iter(cited))})")
    if ach.sole is not None:
        hyp = ach.hypotheses
        challengers = [h for h in hyp.index if h != ach.sole and bool(hyp.at[h, "ranked"])]
        against = ach.contributions[challengers] if challengers else None
        if not challengers:
            out.append("no other hypothesis is rated, so nothing was weighed against it")
        elif not (against > 0).to_numpy().any():
            out.append("no evidence is rated inconsistent with any challenger")
    return out


def run(
    case: Case,
    *,
    ach: ACHResult | None = None,
    bayes: BayesResult | None = None,
    quality: QualityResult | None = None,
    assumptions: KACResult | None = None,
) -> Confidence:
    """Score the five factors, check the grounds, and derive the confidence level (module table).

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
    factors = [_robustness(ach, bayes), _margin(ach)]

    level = quality.sourcing.get("level")
    share = quality.sourcing.get("share")
    if share is not None and quality.sourcing.get("sourced") == 0:
        factors.append(
            Factor(
                "sourcing",
                0,
                "no source is recorded for the evidence separating the leader from its challenger",
            )
        )
    elif share is None:
        basis = (
            quality.sourcing.get("basis") or "no evidence separates the leader from a challenger"
        )
        factors.append(Factor("sourcing", None, f"the sourcing of the lead is missing ({basis})"))
    else:
        factors.append(
            Factor(
                "sourcing",
                {"strong": 2, "moderate": 1}.get(level, 0),
                f"the evidence separating the leader from its challenger is {level}ly sourced "
                f"({percent(share)} well sourced)",
            )
        )

    ev = quality.evidence_frame
    sourced = ev[~ev["unsourced"] & (ev["type"] != "assumption")]
    if not len(sourced):
        factors.append(
            Factor("corroboration", None, "corroboration is missing (no item cites a source)")
        )
    else:
        corroborated = float(sourced["corroborated"].mean())
        factors.append(
            Factor(
                "corroboration",
                2 if corroborated >= 0.5 else 1 if corroborated >= 0.25 else 0,
                f"{percent(corroborated)} of sourced items are corroborated by an independent "
                "source",
            )
        )
    factors.append(_linchpins(ach, kac))

    grounds = tuple(_grounds(case, ach))
    score = sum(f.points or 0 for f in factors)
    short = sum(not f.points for f in factors)  # factors at zero or missing
    if grounds or short > 1:
        level = "low"
    else:
        level = "high" if score >= 8 and not short else "moderate" if score >= 4 else "low"
    return Confidence(level=level, score=score, factors=tuple(factors), grounds=grounds)


def _robustness(ach: ACHResult, bayes: BayesResult) -> Factor:
    leaders = tuple(bayes.leaders)
    if not leaders and not ach.leader:
        return Factor("robustness", 0, "neither method ranks any hypothesis")
    if ach.sole is None and len(leaders) > 1 and set(leaders) == set(ach.leader):
        return Factor("robustness", 0, f"both methods tie {' and '.join(leaders)}")
    if ach.sole is None or len(leaders) != 1 or leaders[0] != ach.sole:
        matrix = " = ".join(ach.leader) or "none"
        return Factor(
            "robustness",
            0,
            f"the matrix and the Bayesian mode disagree on the leader ({matrix} against "
            f"{' = '.join(leaders)})",
        )
    leader = leaders[0]
    wins = float(bayes.hypotheses.at[leader, "p_most_likely"])
    return Factor(
        "robustness",
        2 if wins >= 0.9 else 1 if wins >= 0.7 else 0,
        f"{leader} stays the most probable in {percent(wins)} of simulations of errors in the "
        "ratings, table and priors",
    )


def _margin(ach: ACHResult) -> Factor:
    if ach.sole is None:
        return Factor("margin", 0, "the matrix gives no single leader")
    if ach.on_tiebreak:
        return Factor("margin", 0, "the lead rests on the consistency tie-break alone")
    margin = ach.margin
    if ach.runner_up is None or margin is None:  # a ranked challenger is always within reach
        return Factor("margin", None, "the margin is missing (no other hypothesis is rated)")
    return Factor(
        "margin",
        2 if margin >= 3 else 1 if margin == 2 else 0,
        f"{margin} one-step rating change{'s' if margin != 1 else ''} would bring a challenger "
        "level",
    )


def _linchpins(ach: ACHResult, kac: KACResult) -> Factor:
    """Linchpin items and assumptions (each changes the standing when removed); insecure assumptions
    the judgement relies on but the matrix never tested are said to be untested, never strength."""
    if ach.sole is None:
        return Factor("linchpins", None, "linchpins are not assessed without a single leader")
    table = kac.table_frame
    assumption_items = {
        str(table.at[a, "evidence"]) for a in kac.linchpins if table.at[a, "evidence"]
    }
    items = [e for e in ach.linchpins if e not in assumption_items]
    unsupported = [a for a in kac.linchpins if table.at[a, "rating"] in (None, "unsupported")]
    caveated = [a for a in kac.linchpins if a not in unsupported]
    untested = tuple(getattr(kac, "untested", ()))
    if items or unsupported:
        parts = []
        if items:
            parts.append(f"linchpin evidence {', '.join(items)}")
        if unsupported:
            parts.append(f"unsupported assumptions {', '.join(unsupported)}")
        return Factor("linchpins", 0, "it rests on " + " and ".join(parts))
    if caveated:
        return Factor("linchpins", 1, f"it rests on caveated assumptions {', '.join(caveated)}")
    if untested:
        return Factor(
            "linchpins",
            None,
            f"whether it rests on assumptions {', '.join(untested)} is untested (they are not in "
            "the matrix)",
        )
    return Factor("linchpins", 2, "no single item or insecure assumption decides it")
