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
an unmeasured factor is said to be missing, never scored as strength. When the
matrix and the Bayesian mode disagree on the leader, or either ties, robustness
scores zero. An item counts as a linchpin here only when removing it would
unseat the leader or bring a challenger level; an item whose removal would
strengthen the lead is no weakness.

*Quantity.* High confidence also needs enough evidence from enough sources: at
least ``HIGH_ITEMS`` sourced items that tell the ranked hypotheses apart, from at
least ``HIGH_SOURCES`` independent sources (independence groups). Short of that,
confidence is at most moderate and the sentence says why. These thresholds are
the workbook's convention, like the factor table.

Confidence needs grounds (SAT-REFERENCE section 10): with no source recorded
for any item, with every sourced item resting on one source (one independence
group), with no evidence rated against any challenger, or with no single
leader, confidence is *low* whatever the factors add up to, and the sentence
says why first. So it is when a hypothesis rated against nothing has a larger
posterior than the leader (the judgement is untested against it), when the
evidence alone does not favour the leader (with equal priors another hypothesis
would be the most probable: the lead is the prior's), when the leader is rated
against fewer than half of the items, and when none of the analysts' own
ratings (``sat.techniques.consensus``) put it first; some but not all of them
keep it from high. With no other hypothesis rated, as with no single leader, the
sentence says no leading judgement can be drawn. On a lead that rests on the
tie-break the sourcing of the lead is missing: no evidence separates the leader
from its challenger on weighted inconsistency. The three-level wording is community
convention, not ICD 203 text.

The result holds facts, never words: each factor's points and a ``Fact`` (its ``kind`` and
the figures it rests on), the grounds and the limits as facts too. The sentence (the level,
then what lowers it: the grounds, factors at zero or missing, too little evidence; what limits
it: factors at one; what supports it: factors at two; and the bias checks that could not run,
``sat.techniques.bias``: ``not_checked``) is said by ``sat.report.claims.confidence``, each
part a claim whose condition ``sat.report.conditions.people`` tests. It uses no words of
likelihood: likelihood is said apart (ICD 203).

References
----------
.. [1] ODNI, *Intelligence Community Directive 203*, 2015 (confidence stated apart from likelihood).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sat.case import Case
from sat.techniques.ach import ACHResult
from sat.techniques.assumptions import KACResult
from sat.techniques.bayes import BayesResult
from sat.techniques.bias import BiasResult, Fact
from sat.techniques.quality import QualityResult, independence_groups

__all__ = [
    "HIGH_ITEMS",
    "HIGH_SOURCES",
    "Confidence",
    "ConfidenceResult",
    "Fact",
    "Factor",
    "run",
]

#: High confidence needs at least this many sourced items that tell the hypotheses apart ...
HIGH_ITEMS = 8
#: ... from at least this many independent sources (independence groups).
HIGH_SOURCES = 3


@dataclass(frozen=True)
class Factor:
    """One factor: its points (0–2; None when it could not be measured) and what was found
    (``fact``: its ``kind``, such as ``"margin.changes"``, and the figures it rests on)."""

    name: str
    points: int | None
    fact: Fact

    @property
    def missing(self) -> bool:
        return self.points is None

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "points": self.points,
            "missing": self.missing,
            "fact": self.fact.to_dict(),
        }


@dataclass(frozen=True)
class ConfidenceResult:
    """A confidence level with the factors behind it and the grounds that make it low.

    ``grounds`` are the facts that make confidence low whatever the factors add up to (kinds
    ``no_leader``, ``no_source``, ``one_source``, ``no_challenger``, ``nothing_against``,
    ``untested``, ``analysts_none``, ``unweighed_above``, ``prior``); ``limits`` say why a high
    score stops at moderate (``few_items``, ``few_sources``, ``analysts_split``);
    ``not_checked`` lists the bias checks that could not run, as (check, the
    ``sat.techniques.bias.Fact`` that stopped it). ``disputed`` is the matrix's leader when the
    Bayesian mode does not put it alone first (the judgement held is the matrix's), else None.
    The words are ``sat.report.claims.confidence``'s.
    """

    level: str
    score: int
    factors: tuple[Factor, ...]
    grounds: tuple[Fact, ...] = ()
    limits: tuple[Fact, ...] = ()
    not_checked: tuple[tuple[str, Any], ...] = ()
    disputed: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "score": self.score,
            "factors": [f.to_dict() for f in self.factors],
            "grounds": [g.to_dict() for g in self.grounds],
            "limits": [g.to_dict() for g in self.limits],
            "not_checked": {name: fact.to_dict() for name, fact in self.not_checked},
            "disputed": self.disputed,
        }


def _cited_groups(case: Case, items: set[str] | None = None) -> set[str]:
    """The independence groups cited by the (given) items that are not assumptions."""
    groups = independence_groups(case.sources)
    return {
        groups[s]
        for item in case.evidence
        if item.type != "assumption" and (items is None or item.id in items)
        for s in item.sources
        if s in groups
    }


def _grounds(
    case: Case, ach: ACHResult, bayes: BayesResult | None, consensus: Any = None
) -> list[Fact]:
    """What makes confidence low whatever the factors say (SAT-REFERENCE section 10)."""
    out = []
    if ach.sole is None:
        out.append(Fact("no_leader"))
    cited = _cited_groups(case)
    if not cited:
        assumed = any(e.sources for e in case.evidence if e.type == "assumption")
        out.append(Fact("no_source", {"assumptions_cite": assumed}))
    elif len(cited) == 1:
        observed = [e for e in case.evidence if e.type != "assumption" and e.sources]
        # the sources the items cite, never the group's label (its first member may be uncited)
        named = tuple(dict.fromkeys(s for e in observed for s in e.sources))
        out.append(Fact("one_source", {"items": len(observed), "sources": named}))
    if ach.sole is None:
        return out
    hyp = ach.hypotheses
    challengers = [h for h in hyp.index if h != ach.sole and bool(hyp.at[h, "ranked"])]
    if not challengers:
        out.append(Fact("no_challenger"))
    elif not (ach.contributions[challengers] > 0).to_numpy().any():
        out.append(Fact("nothing_against"))
    unrated, n_items = ach.mostly_unrated(ach.sole), len(case.evidence)
    if unrated:  # most of its low score is untested cells
        figures = {"hypothesis": ach.sole, "rated": n_items - unrated, "items": n_items}
        out.append(Fact("untested", figures))
    readings = _analysts_first(consensus, ach.sole)
    if readings is not None and readings[0] == 0:
        out.append(Fact("analysts_none", {"analysts": readings[1], "hypothesis": ach.sole}))
    if bayes is not None and len(bayes.leaders) == 1:
        post = bayes.hypotheses["posterior"]
        top = float(post[bayes.leaders[0]])
        above = tuple(h for h in bayes.unranked if float(post[h]) > top * (1 + 1e-9))
        if above:
            out.append(Fact("unweighed_above", {"hypotheses": above}))
        drivers = getattr(bayes, "drivers", None)
        same = bayes.leaders[0] == ach.sole  # whose lead it is: said only of the judgement's leader
        if same and drivers is not None and ach.sole not in drivers.equal_prior_front:
            out.append(Fact("prior", {"equal_prior_front": tuple(drivers.equal_prior_front)}))
    return out


def _analysts_first(consensus: Any, leader: str) -> tuple[int, int] | None:
    """How many analysts' own readings put the leader alone first, of how many (None without a
    panel)."""
    if consensus is None or not getattr(consensus, "leaders", None):
        return None
    own = [tuple(v) for v in consensus.leaders.values()]  # the analysts' (the median is apart)
    if not own:
        return None
    return sum(v == (leader,) for v in own), len(own)


def _limits(case: Case, ach: ACHResult) -> list[Fact]:
    """Why a high score stops at moderate: too few telling items or independent sources."""
    if ach.sole is None:
        return []
    ranked = [h for h in ach.hypotheses.index if bool(ach.hypotheses.at[h, "ranked"])]
    codes = ach.ratings[ranked]
    scored = codes.where(~codes.isin(("", "NA")))  # unrated and NA cells tell nothing apart
    telling = set(map(str, codes.index[(scored.nunique(axis=1) > 1).to_numpy()]))
    sourced = {e.id for e in case.evidence if e.id in telling and e.sources}
    groups = _cited_groups(case, sourced)
    out = []
    if len(sourced) < HIGH_ITEMS:
        out.append(Fact("few_items", {"items": len(sourced), "needed": HIGH_ITEMS}))
    if 1 < len(groups) < HIGH_SOURCES:
        out.append(Fact("few_sources", {"sources": len(groups), "needed": HIGH_SOURCES}))
    return out


def run(
    case: Case,
    *,
    ach: ACHResult,
    bayes: BayesResult,
    quality: QualityResult,
    assumptions: KACResult,
    bias: BiasResult,
    consensus: Any,
) -> ConfidenceResult:
    """Score the five factors, check the grounds and limits, and derive the level (module table).

    Parameters
    ----------
    case : Case
    ach, bayes, quality, assumptions, bias : results
        The case's results (``sat.analyse`` computes each once and passes it);
        ``bias`` only supplies the checks that could not run.
    consensus : ConsensusResult or None
        With a panel of analysts, how many analysts' own ratings put the leader first;
        None when no panel voted or its votes cannot be read (nothing is said of analysts).

    Examples
    --------
    >>> import sat
    >>> from sat.paths import EXAMPLE_CASE
    >>> a = sat.analyse(sat.load_case(EXAMPLE_CASE))
    >>> run(a.case, ach=a.ach, bayes=a.bayes, quality=a.quality, assumptions=a.assumptions,
    ...     bias=a.bias, consensus=a.consensus).level
    'low'
    """
    kac = assumptions
    factors = [
        _robustness(ach, bayes),
        _margin(ach),
        _sourcing(ach, quality),
        _corroboration(quality),
        _linchpins(case, ach, kac),
    ]
    grounds = tuple(_grounds(case, ach, bayes, consensus))
    quantity = tuple(_limits(case, ach)) if not grounds else ()
    readings = _analysts_first(consensus, ach.sole) if ach.sole is not None else None
    split = (
        (
            Fact(
                "analysts_split",
                {"first": readings[0], "analysts": readings[1], "hypothesis": ach.sole},
            ),
        )
        if readings is not None and 0 < readings[0] < readings[1]
        else ()
    )
    limits = quantity + split
    score = sum(f.points or 0 for f in factors)
    short = sum(not f.points for f in factors)  # factors at zero or missing
    if grounds or short > 1:
        level = "low"
    elif score >= 8 and not short and not limits:  # limits: too little evidence, analysts split
        level = "high"
    else:
        level = "moderate" if score >= 4 else "low"
    return ConfidenceResult(
        level=level,
        score=score,
        factors=tuple(factors),
        grounds=grounds,
        # the quantity limits are said only where they kept a high score from being high
        limits=(quantity if score >= 8 and not short and not grounds else ()) + split,
        not_checked=tuple(bias.not_checked),
        disputed=None if ach.sole is None or tuple(bayes.leaders) == (ach.sole,) else ach.sole,
    )


def _factor(name: str, points: int | None, kind: str, **figures: Any) -> Factor:
    return Factor(name, points, Fact(f"{name}.{kind}", figures))


def _robustness(ach: ACHResult, bayes: BayesResult) -> Factor:
    leaders = tuple(bayes.leaders)
    if not leaders and not ach.leader:
        return _factor("robustness", 0, "none_ranked")
    if ach.sole is None and len(leaders) > 1 and set(leaders) == set(ach.leader):
        return _factor("robustness", 0, "both_tie", leaders=leaders)
    if ach.sole is not None and len(leaders) > 1:
        return _factor("robustness", 0, "bayes_ties", leaders=leaders, matrix=ach.sole)
    near = tuple(bayes.contenders)
    if near and ach.sole in bayes.front:  # the simulations do not tell the leader apart
        return _factor("robustness", 0, "barely", leader=leaders[0], near=near)
    drivers = getattr(bayes, "drivers", None)
    on_prior = (
        len(leaders) == 1 and drivers is not None and leaders[0] not in drivers.equal_prior_front
    )
    if ach.sole is None or len(leaders) != 1 or leaders[0] != ach.sole:
        return _factor(
            "robustness",
            0,
            "disagree",
            matrix=tuple(ach.leader),
            bayes=leaders,
            # the front the Bayesian mode barely separates, when it does not tell them apart
            front=tuple(bayes.front) if near else None,
            # with equal priors, what would come first, when the Bayesian preference is the prior's
            equal_prior_front=(tuple(drivers.equal_prior_front) if on_prior and not near else None),
        )
    leader = leaders[0]
    if ach.runner_up is None:  # nothing ranked to lose to: staying first tests nothing
        return _factor("robustness", None, "no_challenger")
    wins = float(bayes.hypotheses.at[leader, "p_most_likely"])
    said = {"leader": leader, "wins": wins, "unranked": bool(len(bayes.unranked))}
    if on_prior:  # the simulations vary the priors only a little around the stated ones
        return _factor("robustness", 0, "wins", **said, caveat="priors")
    # its empty cells are not simulated: staying first measures little
    if ach.mostly_unrated(leader):
        return _factor("robustness", 0, "wins", **said, caveat="unrated")
    points = 2 if wins >= 0.9 else 1 if wins >= 0.7 else 0
    return _factor("robustness", points, "wins", **said, caveat=None)


def _margin(ach: ACHResult) -> Factor:
    if ach.sole is None:
        return _factor("margin", 0, "no_leader")
    if ach.on_tiebreak:
        return _factor("margin", 0, "tiebreak")
    margin = ach.margin
    if ach.runner_up is None or margin is None:  # a ranked challenger is always within reach
        return _factor("margin", None, "no_challenger")
    unrated = ach.mostly_unrated(ach.sole)
    said = {"changes": int(margin), "leader": ach.sole, "unrated": int(unrated or 0)}
    if unrated:  # no change to the leader's empty cells is counted
        return _factor("margin", 0, "changes", **said)
    return _factor("margin", 2 if margin >= 3 else 1 if margin == 2 else 0, "changes", **said)


def _sourcing(ach: ACHResult, quality: QualityResult) -> Factor:
    if ach.on_tiebreak:  # nothing counts more against the challenger: no evidence separates them
        return _factor("sourcing", None, "tiebreak")
    level = quality.sourcing.get("level")
    share = quality.sourcing.get("share")
    if share is not None and quality.sourcing.get("sourced") == 0:
        return _factor("sourcing", 0, "none")
    if share is None:
        return _factor("sourcing", None, "unmeasured", sourcing=dict(quality.sourcing))
    points = {"strong": 2, "moderate": 1}.get(level, 0)
    return _factor("sourcing", points, "level", level=level, share=float(share))


def _corroboration(quality: QualityResult) -> Factor:
    ev = quality.evidence_frame
    sourced = ev[~ev["unsourced"] & (ev["type"] != "assumption")]
    if not len(sourced):
        return _factor("corroboration", None, "unmeasured")
    k, n = int(sourced["corroborated"].sum()), len(sourced)
    corroborated = k / n
    points = 2 if corroborated >= 0.5 else 1 if corroborated >= 0.25 else 0
    return _factor("corroboration", points, "share", corroborated=k, sourced=n)


def _linchpins(case: Case, ach: ACHResult, kac: KACResult) -> Factor:
    """Linchpin items and assumptions that would unseat the leader or bring a challenger level;
    insecure assumptions the judgement relies on but the matrix never tested are said to be
    untested, never strength.

    The figures of ``linchpins.found``: ``instead`` (who would lead without the items, and the
    items, grouped by that outcome), ``level`` (items without which it would lead only on the
    tie-break), ``unsupported`` and ``caveated`` (assumptions, each with the item that carries it
    into the matrix: a linchpin assumption always has one, dropping it changes the standing).
    """
    if ach.sole is None:
        return _factor("linchpins", None, "no_leader")
    if ach.runner_up is None:
        return _factor("linchpins", None, "no_challenger")
    table = kac.table_frame
    assumption_items = {
        str(table.at[a, "evidence"]) for a in kac.linchpins if table.at[a, "evidence"]
    }
    effect = ach.evidence["effect"]
    items = [
        e
        for e in ach.linchpins
        if e not in assumption_items and effect.get(e) in ("leader", "level")
    ]
    unsupported = [a for a in kac.linchpins if table.at[a, "rating"] in (None, "unsupported")]
    caveated = [a for a in kac.linchpins if a not in unsupported]
    untested = tuple(getattr(kac, "untested", ()))
    carried = table["evidence"]

    def pairs(ids: list[str]) -> tuple[tuple[str, str], ...]:
        return tuple((a, str(carried[a])) for a in ids)

    if items or unsupported:
        leader_without = ach.evidence["leader_without"]
        instead: dict[tuple[str, ...], list[str]] = {}
        for e in items:
            if effect.get(e) == "leader":
                instead.setdefault(tuple(leader_without.get(e) or ()), []).append(e)
        return _factor(
            "linchpins",
            0,
            "found",
            instead=tuple((who, tuple(dropped)) for who, dropped in instead.items()),
            level=tuple(e for e in items if effect.get(e) == "level"),
            unsupported=pairs(unsupported),
            caveated=pairs(caveated),
        )
    if caveated:
        return _factor("linchpins", 1, "caveated", caveated=pairs(caveated))
    if untested:
        return _factor("linchpins", None, "untested", untested=untested)
    return _factor(
        "linchpins",
        2,
        "none",
        assumptions=bool(case.assumptions),
        # only items whose removal would strengthen the lead
        strengthening=bool(ach.linchpins),
    )


#: The name this result had before every result was called ``<Technique>Result`` (kept so old code runs).
Confidence = ConfidenceResult
