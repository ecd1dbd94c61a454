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

The sentence names the level, then what lowers it (the grounds, factors at zero
or missing, too little evidence), what limits it (factors at one) and
what supports it (factors at two), and names the bias checks that could not run
(``sat.techniques.bias``: ``not_checked``) without scoring them. It uses no
words of likelihood: likelihood is said apart (ICD 203).

References
----------
.. [1] ODNI, *Intelligence Community Directive 203*, 2015 (confidence stated apart from likelihood).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any

from sat.case import Case
from sat.language import counted, in_simulations, listed, percent, sourcing_basis
from sat.techniques.ach import ACHResult
from sat.techniques.assumptions import KACResult
from sat.techniques.bayes import BayesResult
from sat.techniques.bias import BiasResult
from sat.techniques.quality import QualityResult, independence_groups

__all__ = [
    "HIGH_ITEMS",
    "HIGH_SOURCES",
    "NO_CHALLENGER",
    "NO_LEADER",
    "NO_SOURCE",
    "Confidence",
    "ConfidenceResult",
    "Factor",
    "run",
]

#: The grounds that make confidence low whatever else holds (also said first).
NO_LEADER = "the matrix gives no single leader"
NO_SOURCE = "no source is recorded for any item of evidence"
#: The same when only items of type assumption cite sources (they are not evidence).
NO_SOURCE_BUT_ASSUMPTIONS = "no item of evidence other than an assumption cites a source"
NO_CHALLENGER = "no other hypothesis is rated, so nothing was weighed against it"
#: High confidence needs at least this many sourced items that tell the hypotheses apart ...
HIGH_ITEMS = 8
#: ... from at least this many independent sources (independence groups).
HIGH_SOURCES = 3


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
class ConfidenceResult:
    """A confidence level with the factors behind it and the grounds that make it low.

    ``limits`` say why a high score stops at moderate (too little evidence, too
    few independent sources); ``not_checked`` lists the bias checks that could
    not run, as (check, the ``sat.techniques.bias.Fact`` that stopped it).
    """

    level: str
    score: int
    factors: tuple[Factor, ...]
    grounds: tuple[str, ...] = ()
    limits: tuple[str, ...] = ()
    not_checked: tuple[tuple[str, Any], ...] = ()
    subject: str = "this judgement"

    @property
    def parts(self) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
        """The sentence's parts in order, each (kind, text, what it lists).

        Kinds: ``no_judgement`` (no leader, or nothing to lead over), ``level``,
        ``lowers`` (grounds, factors at zero or missing, limits), ``limits``
        (factors at one point), ``supports`` (factors at two) and ``not_checked``
        (the bias checks that had no data). ``sat.report.claims`` makes each a
        claim whose condition is tested.
        """
        out: list[tuple[str, str, tuple[str, ...]]] = []
        blocking = [g for g in (NO_LEADER, NO_CHALLENGER) if g in self.grounds]
        if blocking:
            said = (*blocking, *(g for g in self.grounds if g not in blocking))
            out.append(
                (
                    "no_judgement",
                    "No leading judgement can be drawn, so there is none to hold confidence in "
                    f"(low by rule): {'; '.join(said)}.",
                    said,
                )
            )
        else:
            # a factor the grounds already say (no source) is not said twice
            shown = [
                f for f in self.factors if f.detail not in self.grounds and not self._implied(f)
            ]
            lowers = (
                *self.grounds,
                *(f.detail for f in shown if f.points == 0 or f.missing),
                *self.limits,
            )
            limits = tuple(f.detail for f in shown if f.points == 1)
            supports = tuple(f.detail for f in shown if f.points == 2)
            out.append(("level", f"We have {self.level} confidence in {self.subject}.", ()))
            for kind, title, listed in (
                ("lowers", "What lowers it", lowers),
                ("limits", "What limits it", limits),
                ("supports", "What supports it", supports),
            ):
                if listed:
                    out.append((kind, f"{title}: " + "; ".join(listed) + ".", listed))
        if self.not_checked:
            names = tuple(name.replace("_", " ") for name, _ in self.not_checked)
            out.append(
                (
                    "not_checked",
                    f"Not checked (the bias stress test says why): {', '.join(names)}.",
                    names,
                )
            )
        return tuple(out)

    @property
    def sentence(self) -> str:
        """The level and why, for the brief (never the likelihood): the parts as running text."""
        return " ".join(text for _, text, _ in self.parts)

    def _implied(self, factor: Factor) -> bool:
        """Whether a ground already says what this factor found."""
        unsourced = NO_SOURCE in self.grounds or NO_SOURCE_BUT_ASSUMPTIONS in self.grounds
        return unsourced and factor.name in ("sourcing", "corroboration")

    def to_dict(self) -> dict[str, Any]:
        return {
            "level": self.level,
            "score": self.score,
            "factors": [{**asdict(f), "missing": f.missing} for f in self.factors],
            "grounds": list(self.grounds),
            "limits": list(self.limits),
            "not_checked": {name: fact.to_dict() for name, fact in self.not_checked},
            "sentence": self.sentence,
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
) -> list[str]:
    """What makes confidence low whatever the factors say (SAT-REFERENCE section 10)."""
    out = []
    if ach.sole is None:
        out.append(NO_LEADER)
    cited = _cited_groups(case)
    if not cited:
        assumed = any(e.sources for e in case.evidence if e.type == "assumption")
        out.append(NO_SOURCE_BUT_ASSUMPTIONS if assumed else NO_SOURCE)
    elif len(cited) == 1:
        observed = [e for e in case.evidence if e.type != "assumption" and e.sources]
        which = "the only sourced item rests" if len(observed) == 1 else "every sourced item rests"
        # the sources the items cite, never the group's label (its first member may be uncited)
        named = list(dict.fromkeys(s for e in observed for s in e.sources))
        out.append(
            f"{which} on one source ({named[0]})"
            if len(named) == 1
            else f"{which} on sources of one origin ({', '.join(named)}: one publisher or chain)"
        )
    if ach.sole is None:
        return out
    hyp = ach.hypotheses
    challengers = [h for h in hyp.index if h != ach.sole and bool(hyp.at[h, "ranked"])]
    if not challengers:
        out.append(NO_CHALLENGER)
    elif not (ach.contributions[challengers] > 0).to_numpy().any():
        out.append("no evidence is rated inconsistent with any challenger")
    unrated, n_items = ach.mostly_unrated(ach.sole), len(case.evidence)
    if unrated:  # most of its low score is untested cells
        out.append(f"{ach.sole} is rated against only {n_items - unrated} of the {n_items} items")
    readings = _analysts_first(consensus, ach.sole)
    if readings is not None and readings[0] == 0:
        out.append(f"none of the {readings[1]} analysts' own ratings put {ach.sole} first")
    if bayes is not None and len(bayes.leaders) == 1:
        post = bayes.hypotheses["posterior"]
        top = float(post[bayes.leaders[0]])
        above = [h for h in bayes.unranked if float(post[h]) > top * (1 + 1e-9)]
        if above:
            named = listed(above)
            out.append(
                f"{named}, rated against nothing, "
                f"{'has' if len(above) == 1 else 'have'} a larger posterior than the leader"
            )
        drivers = getattr(bayes, "drivers", None)
        same = bayes.leaders[0] == ach.sole  # whose lead it is: said only of the judgement's leader
        if same and drivers is not None and ach.sole not in drivers.equal_prior_front:
            out.append(f"{_equal_first(drivers)}, so the lead is the prior's, not the evidence's")
    return out


def _equal_first(drivers: Any) -> str:
    front = tuple(drivers.equal_prior_front)
    if len(front) == 1:
        return f"with equal priors {front[0]} would come first"
    return f"with equal priors the evidence would not tell apart {listed(front)}"


def _analysts_first(consensus: Any, leader: str) -> tuple[int, int] | None:
    """How many analysts' own readings put the leader alone first, of how many (None without a
    panel)."""
    if consensus is None or not getattr(consensus, "leaders", None):
        return None
    own = [tuple(v) for v in consensus.leaders.values()]  # the analysts' (the median is apart)
    if not own:
        return None
    return sum(v == (leader,) for v in own), len(own)


def _limits(case: Case, ach: ACHResult) -> list[str]:
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
        out.append(
            f"only {counted(len(sourced), 'sourced item')} "
            f"tell{'s' if len(sourced) == 1 else ''} the hypotheses apart (high confidence needs "
            f"{HIGH_ITEMS})"
        )
    if 1 < len(groups) < HIGH_SOURCES:
        out.append(
            ("they come" if out else "the sourced items that tell the hypotheses apart come")
            + f" from only {len(groups)} independent sources (high confidence needs "
            f"{HIGH_SOURCES})"
        )
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
        (f"only {readings[0]} of the {readings[1]} analysts' own ratings put {ach.sole} first",)
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
        subject=(
            "this judgement"
            if ach.sole is None or tuple(bayes.leaders) == (ach.sole,)
            else f"the matrix's judgement that {ach.sole} leads"
        ),
    )


def _robustness(ach: ACHResult, bayes: BayesResult) -> Factor:
    leaders = tuple(bayes.leaders)
    if not leaders and not ach.leader:
        return Factor("robustness", 0, "neither method ranks any hypothesis")
    if ach.sole is None and len(leaders) > 1 and set(leaders) == set(ach.leader):
        return Factor("robustness", 0, f"both methods tie {listed(leaders)}")
    if ach.sole is not None and len(leaders) > 1:
        return Factor(
            "robustness",
            0,
            f"the Bayesian mode ties {listed(leaders)}, while the matrix puts {ach.sole} first",
        )
    near = tuple(bayes.contenders)
    if near and ach.sole in bayes.front:  # the simulations do not tell the leader apart
        return Factor(
            "robustness",
            0,
            f"the Bayesian mode barely separates {leaders[0]} from {listed(near)}",
        )
    drivers = getattr(bayes, "drivers", None)
    on_prior = (
        len(leaders) == 1 and drivers is not None and leaders[0] not in drivers.equal_prior_front
    )
    if ach.sole is None or len(leaders) != 1 or leaders[0] != ach.sole:
        matrix = " = ".join(ach.leader) or "none"
        why = (
            f", and the Bayesian preference for {leaders[0]} comes from the priors: "
            f"{_equal_first(drivers)}"
            if on_prior and not near
            else ""
        )
        said = f"{listed(bayes.front)}, which it barely separates" if near else " = ".join(leaders)
        return Factor(
            "robustness",
            0,
            f"the matrix and the Bayesian mode disagree on the leader ({matrix} against "
            f"{said}){why}",
        )
    leader = leaders[0]
    if ach.runner_up is None:  # nothing ranked to lose to: staying first tests nothing
        return Factor(
            "robustness", None, "robustness is missing (no other hypothesis is rated to lose to)"
        )
    wins = float(bayes.hypotheses.at[leader, "p_most_likely"])
    share = in_simulations(wins)
    among = " of the rated hypotheses" if len(bayes.unranked) else ""
    said = f"{leader} stays first{among} {share} of errors in the ratings, table and priors"
    if on_prior:  # the simulations vary the priors only a little around the stated ones
        return Factor(
            "robustness",
            0,
            f"{said}, but the simulations keep the priors near the stated ones",
        )
    # its empty cells are not simulated: staying first measures little
    if ach.mostly_unrated(leader):
        return Factor("robustness", 0, f"{said}, but only over the ratings made")
    return Factor("robustness", 2 if wins >= 0.9 else 1 if wins >= 0.7 else 0, said)


def _margin(ach: ACHResult) -> Factor:
    if ach.sole is None:
        return Factor("margin", 0, "the matrix gives no single leader")
    if ach.on_tiebreak:
        return Factor("margin", 0, "the lead rests on the consistency tie-break alone")
    margin = ach.margin
    if ach.runner_up is None or margin is None:  # a ranked challenger is always within reach
        return Factor("margin", None, "the margin is missing (no other hypothesis is rated)")
    said = (
        "a single one-step rating change would bring a challenger level"
        if margin == 1
        else f"a challenger needs {margin} one-step rating changes to draw level"
    )
    unrated = ach.mostly_unrated(ach.sole)
    if unrated:  # no change to the leader's empty cells is counted
        return Factor(
            "margin", 0, f"{said}, counting no change to {ach.sole}'s {unrated} unrated cells"
        )
    return Factor("margin", 2 if margin >= 3 else 1 if margin == 2 else 0, said)


def _sourcing(ach: ACHResult, quality: QualityResult) -> Factor:
    if ach.on_tiebreak:  # nothing counts more against the challenger: no evidence separates them
        return Factor(
            "sourcing",
            None,
            "the sourcing of the lead is missing (the lead rests on the tie-break, so no evidence "
            "counts more against a challenger than against it)",
        )
    level = quality.sourcing.get("level")
    share = quality.sourcing.get("share")
    if share is not None and quality.sourcing.get("sourced") == 0:
        return Factor(
            "sourcing",
            0,
            "no source is recorded for the evidence separating the leader from its challenger",
        )
    if share is None:
        basis = sourcing_basis(quality.sourcing)
        return Factor("sourcing", None, f"the sourcing of the lead is missing ({basis})")
    how = (
        "none of it is well sourced"
        if share <= 0
        else "all of it is well sourced"
        if share >= 1
        else f"{percent(share)} of it is well sourced"
    )
    return Factor(
        "sourcing",
        {"strong": 2, "moderate": 1}.get(level, 0),
        f"the evidence separating the leader from its challenger is {level}ly sourced ({how})",
    )


def _corroboration(quality: QualityResult) -> Factor:
    ev = quality.evidence_frame
    sourced = ev[~ev["unsourced"] & (ev["type"] != "assumption")]
    if not len(sourced):
        return Factor("corroboration", None, "corroboration is missing (no item cites a source)")
    k, n = int(sourced["corroborated"].sum()), len(sourced)
    corroborated = k / n
    said = (
        ("the only sourced item is not" if n == 1 else "no sourced item is")
        if k == 0
        else ("the only sourced item is" if n == 1 else "every sourced item is")
        if k == n
        else f"{k} of {n} sourced items {'is' if k == 1 else 'are'}"
    )
    return Factor(
        "corroboration",
        2 if corroborated >= 0.5 else 1 if corroborated >= 0.25 else 0,
        f"{said} corroborated by an independent source",
    )


def _linchpins(case: Case, ach: ACHResult, kac: KACResult) -> Factor:
    """Linchpin items and assumptions that would unseat the leader or bring a challenger level;
    insecure assumptions the judgement relies on but the matrix never tested are said to be
    untested, never strength."""
    if ach.sole is None:
        return Factor("linchpins", None, "linchpins are not assessed without a single leader")
    if ach.runner_up is None:
        return Factor("linchpins", None, "linchpins are not assessed: no other hypothesis is rated")
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
    if items or unsupported:
        parts = []
        unseat = [e for e in items if effect.get(e) == "leader"]
        level = [e for e in items if effect.get(e) == "level"]
        if unseat:
            parts += _instead(unseat, ach.evidence["leader_without"])
        if level:
            parts.append(f"without {_either(level)}, it would lead only on the tie-break")
        carried = table["evidence"]
        if unsupported:
            parts.append(f"it rests on {_assumptions('unsupported', unsupported, carried)}")
        if caveated:
            parts.append(f"it rests on {_assumptions('caveated', caveated, carried)}")
        return Factor("linchpins", 0, "; ".join(parts))
    if caveated:
        said = _assumptions("caveated", caveated, table["evidence"])
        return Factor("linchpins", 1, f"it rests on {said}")
    if untested:
        return Factor(
            "linchpins",
            None,
            f"whether it rests on assumptions {', '.join(untested)} is untested (they are not in "
            "the matrix)",
        )
    what = "no single item or insecure assumption" if case.assumptions else "no single item"
    if ach.linchpins:  # only items whose removal would strengthen the lead
        return Factor("linchpins", 2, f"{what} would weaken it if removed")
    return Factor("linchpins", 2, f"{what} decides it")


def _assumptions(rating: str, ids: list[str], carried: Any) -> str:
    """Linchpin assumptions, each with the item that carries it into the matrix (a linchpin
    assumption always has one: dropping that item is what changes the standing)."""
    named = [f"{a} (item {carried[a]})" for a in ids]
    if len(ids) == 1:
        return f"the {rating} assumption {named[0]}, which decides the standing"
    return f"{rating} assumptions {listed(named)}, each of which decides the standing"


def _instead(items: list[str], leader_without: Any) -> list[str]:
    """Who would lead without each item, items grouped by that outcome."""
    groups: dict[tuple[str, ...], list[str]] = {}
    for e in items:
        groups.setdefault(tuple(leader_without.get(e) or ()), []).append(e)
    out = []
    for who, dropped in groups.items():
        without = _either(dropped)
        if len(who) == 1:
            out.append(f"without {without}, {who[0]} would lead instead")
        elif who:
            out.append(f"without {without}, {listed(who)} would tie for the lead")
        else:
            out.append(f"without {without}, no hypothesis would be rated, so none would lead")
    return out


def _either(items: list[str]) -> str:
    """What follows "without": ``E1``, ``either E1 or E2``, ``any one of E1, E2 or E3``."""
    if len(items) == 1:
        return items[0]
    return (
        f"either {listed(items, 'or')}" if len(items) == 2 else f"any one of {listed(items, 'or')}"
    )


#: The name this result had before every result was called ``<Technique>Result`` (kept so old code runs).
Confidence = ConfidenceResult
