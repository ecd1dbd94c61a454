"""Confidence in words: each factor's finding, the grounds and limits, and the sentence's parts.

``sat.techniques.confidence`` returns facts (each a ``Fact``: its kind and figures); this
module says them. The sentence names the level, then what lowers it (the grounds, the factors
at zero or missing, too little evidence), what limits it (factors at one) and what supports it
(factors at two), then the bias checks that could not run; each part is a claim whose condition
``sat.report.conditions.people`` tests. A factor whose finding a ground already says (no source
recorded, or the matrix gives no single leader) is not said twice. The words never speak of
likelihood: likelihood is said apart (ICD 203).

``confidence_data`` gives the result as ``sat confidence --json`` and ``sat bayes --json`` print
it: the facts with their words (``detail``, ``grounds``, ``limits``, ``sentence``).

References
----------
.. [1] ODNI, *Intelligence Community Directive 203*, 2015 (confidence stated apart from likelihood).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sat.language import counted, in_simulations, listed, percent, sourcing_basis
from sat.report.claims._base import Claim

__all__ = [
    "SaidFactor",
    "confidence_claims",
    "confidence_data",
    "factor_rows",
    "factor_said",
    "grounds_said",
    "limits_said",
    "parts",
    "sentence",
    "shown",
    "subject",
]


@dataclass(frozen=True)
class SaidFactor:
    """A factor as a reader sees it: its name, points and what was found, in words."""

    name: str
    points: int | None
    detail: str


def _equal_first(front: tuple[str, ...]) -> str:
    if len(front) == 1:
        return f"with equal priors {front[0]} would come first"
    return f"with equal priors the evidence would not tell apart {listed(front)}"


def _either(items: tuple[str, ...]) -> str:
    """What follows "without": ``E1``, ``either E1 or E2``, ``any one of E1, E2 or E3``."""
    if len(items) == 1:
        return items[0]
    return (
        f"either {listed(items, 'or')}" if len(items) == 2 else f"any one of {listed(items, 'or')}"
    )


def _assumptions(rating: str, pairs: tuple[tuple[str, str], ...]) -> str:
    """Linchpin assumptions, each with the item that carries it into the matrix."""
    named = [f"{a} (item {item})" for a, item in pairs]
    if len(pairs) == 1:
        return f"the {rating} assumption {named[0]}, which decides the standing"
    return f"{rating} assumptions {listed(named)}, each of which decides the standing"


def _robustness(kind: str, f: dict[str, Any]) -> str:
    if kind == "none_ranked":
        return "neither method ranks any hypothesis"
    if kind == "both_tie":
        return f"both methods tie {listed(f['leaders'])}"
    if kind == "bayes_ties":
        return f"the Bayesian mode ties {listed(f['leaders'])}, while the matrix puts {f['matrix']} first"
    if kind == "barely":
        return f"the Bayesian mode barely separates {f['leader']} from {listed(f['near'])}"
    if kind == "disagree":
        matrix = " = ".join(f["matrix"]) or "none"
        prior = f["equal_prior_front"]
        why = (
            f", and the Bayesian preference for {f['bayes'][0]} comes from the priors: "
            f"{_equal_first(prior)}"
            if prior is not None
            else ""
        )
        front = f["front"]
        said = (
            f"{listed(front)}, which it barely separates"
            if front is not None
            else " = ".join(f["bayes"])
        )
        return (
            f"the matrix and the Bayesian mode disagree on the leader ({matrix} against "
            f"{said}){why}"
        )
    if kind == "no_challenger":
        return "robustness is missing (no other hypothesis is rated to lose to)"
    among = " of the rated hypotheses" if f["unranked"] else ""
    said = (
        f"{f['leader']} stays first{among} {in_simulations(f['wins'])} of errors in the "
        "ratings, table and priors"
    )
    if f["caveat"] == "priors":
        return f"{said}, but the simulations keep the priors near the stated ones"
    if f["caveat"] == "unrated":
        return f"{said}, but only over the ratings made"
    return said


def _margin(kind: str, f: dict[str, Any]) -> str:
    if kind == "no_leader":
        return "the matrix gives no single leader"
    if kind == "tiebreak":
        return "the lead rests on the consistency tie-break alone"
    if kind == "no_challenger":
        return "the margin is missing (no other hypothesis is rated)"
    said = (
        "a single one-step rating change would bring a challenger level"
        if f["changes"] == 1
        else f"a challenger needs {f['changes']} one-step rating changes to draw level"
    )
    if f["unrated"]:
        return f"{said}, counting no change to {f['leader']}'s {f['unrated']} unrated cells"
    return said


def _sourcing(kind: str, f: dict[str, Any]) -> str:
    if kind == "tiebreak":
        return (
            "the sourcing of the lead is missing (the lead rests on the tie-break, so no evidence "
            "counts more against a challenger than against it)"
        )
    if kind == "none":
        return "no source is recorded for the evidence separating the leader from its challenger"
    if kind == "unmeasured":
        return f"the sourcing of the lead is missing ({sourcing_basis(f['sourcing'])})"
    share = f["share"]
    how = (
        "none of it is well sourced"
        if share <= 0
        else "all of it is well sourced"
        if share >= 1
        else f"{percent(share)} of it is well sourced"
    )
    return (
        f"the evidence separating the leader from its challenger is {f['level']}ly sourced ({how})"
    )


def _corroboration(kind: str, f: dict[str, Any]) -> str:
    if kind == "unmeasured":
        return "corroboration is missing (no item cites a source)"
    k, n = f["corroborated"], f["sourced"]
    said = (
        ("the only sourced item is not" if n == 1 else "no sourced item is")
        if k == 0
        else ("the only sourced item is" if n == 1 else "every sourced item is")
        if k == n
        else f"{k} of {n} sourced items {'is' if k == 1 else 'are'}"
    )
    return f"{said} corroborated by an independent source"


def _linchpins(kind: str, f: dict[str, Any]) -> str:
    if kind == "no_leader":
        return "linchpins are not assessed without a single leader"
    if kind == "no_challenger":
        return "linchpins are not assessed: no other hypothesis is rated"
    if kind == "found":
        out = []
        for who, dropped in f["instead"]:
            without = _either(dropped)
            if len(who) == 1:
                out.append(f"without {without}, {who[0]} would lead instead")
            elif who:
                out.append(f"without {without}, {listed(who)} would tie for the lead")
            else:
                out.append(f"without {without}, no hypothesis would be rated, so none would lead")
        if f["level"]:
            out.append(f"without {_either(f['level'])}, it would lead only on the tie-break")
        if f["unsupported"]:
            out.append(f"it rests on {_assumptions('unsupported', f['unsupported'])}")
        if f["caveated"]:
            out.append(f"it rests on {_assumptions('caveated', f['caveated'])}")
        return "; ".join(out)
    if kind == "caveated":
        return f"it rests on {_assumptions('caveated', f['caveated'])}"
    if kind == "untested":
        return (
            f"whether it rests on assumptions {', '.join(f['untested'])} is untested (they are "
            "not in the matrix)"
        )
    what = "no single item or insecure assumption" if f["assumptions"] else "no single item"
    if f["strengthening"]:  # only items whose removal would strengthen the lead
        return f"{what} would weaken it if removed"
    return f"{what} decides it"


_FACTORS = {
    "robustness": _robustness,
    "margin": _margin,
    "sourcing": _sourcing,
    "corroboration": _corroboration,
    "linchpins": _linchpins,
}


def factor_said(factor: Any) -> str:
    """What a factor found, in words (``Factor.fact`` said).

    Examples
    --------
    >>> from sat.techniques.confidence import Fact, Factor
    >>> factor_said(Factor("margin", 1, Fact("margin.changes", {"changes": 2, "unrated": 0})))
    'a challenger needs 2 one-step rating changes to draw level'
    """
    name, kind = factor.fact.kind.split(".", 1)
    return _FACTORS[name](kind, dict(factor.fact.figures))


def _ground(fact: Any) -> str:
    f = fact.figures
    if fact.kind == "no_leader":
        return "the matrix gives no single leader"
    if fact.kind == "no_source":
        if f["assumptions_cite"]:
            return "no item of evidence other than an assumption cites a source"
        return "no source is recorded for any item of evidence"
    if fact.kind == "one_source":
        which = "the only sourced item rests" if f["items"] == 1 else "every sourced item rests"
        named = f["sources"]
        if len(named) == 1:
            return f"{which} on one source ({named[0]})"
        return f"{which} on sources of one origin ({', '.join(named)}: one publisher or chain)"
    if fact.kind == "no_challenger":
        return "no other hypothesis is rated, so nothing was weighed against it"
    if fact.kind == "nothing_against":
        return "no evidence is rated inconsistent with any challenger"
    if fact.kind == "untested":
        return f"{f['hypothesis']} is rated against only {f['rated']} of the {f['items']} items"
    if fact.kind == "analysts_none":
        return f"none of the {f['analysts']} analysts' own ratings put {f['hypothesis']} first"
    if fact.kind == "unweighed_above":
        above = f["hypotheses"]
        verb = "has" if len(above) == 1 else "have"
        return f"{listed(above)}, rated against nothing, {verb} a larger posterior than the leader"
    if fact.kind == "prior":
        return f"{_equal_first(f['equal_prior_front'])}, so the lead is the prior's, not the evidence's"
    raise ValueError(f"no words for the confidence ground {fact.kind!r}")


def grounds_said(result: Any) -> tuple[str, ...]:
    """The grounds that make confidence low, in words, in the result's order."""
    return tuple(_ground(g) for g in result.grounds)


def limits_said(result: Any) -> tuple[str, ...]:
    """What keeps a high score from high, in words: too few items or sources, analysts split."""
    out: list[str] = []
    for fact in result.limits:
        f = fact.figures
        if fact.kind == "few_items":
            n = f["items"]
            out.append(
                f"only {counted(n, 'sourced item')} tell{'s' if n == 1 else ''} the hypotheses "
                f"apart (high confidence needs {f['needed']})"
            )
        elif fact.kind == "few_sources":
            after = bool(out) and result.limits[len(out) - 1].kind == "few_items"
            out.append(
                ("they come" if after else "the sourced items that tell the hypotheses apart come")
                + f" from only {f['sources']} independent sources (high confidence needs "
                f"{f['needed']})"
            )
        elif fact.kind == "analysts_split":
            out.append(
                f"only {f['first']} of the {f['analysts']} analysts' own ratings put "
                f"{f['hypothesis']} first"
            )
        else:
            raise ValueError(f"no words for the confidence limit {fact.kind!r}")
    return tuple(out)


def subject(result: Any) -> str:
    """What confidence is held in: this judgement, or the matrix's when the Bayesian mode does
    not put its leader alone first."""
    if result.disputed is None:
        return "this judgement"
    return f"the matrix's judgement that {result.disputed} leads"


def _implied(result: Any, factor: Any) -> bool:
    """Whether a ground already says what this factor found (no source recorded)."""
    unsourced = any(g.kind == "no_source" for g in result.grounds)
    return unsourced and factor.name in ("sourcing", "corroboration")


def shown(result: Any) -> tuple[Any, ...]:
    """The factors the sentence says: those whose finding no ground already says."""
    grounds = set(grounds_said(result))
    return tuple(
        f for f in result.factors if factor_said(f) not in grounds and not _implied(result, f)
    )


def parts(result: Any) -> tuple[tuple[str, str, tuple[str, ...]], ...]:
    """The sentence's parts in order, each (kind, text, what it lists).

    Kinds: ``no_judgement`` (no leader, or nothing to lead over), ``level``, ``lowers``
    (grounds, factors at zero or missing, limits), ``limits`` (factors at one point),
    ``supports`` (factors at two) and ``not_checked`` (the bias checks that had no data).
    """
    out: list[tuple[str, str, tuple[str, ...]]] = []
    grounds = grounds_said(result)
    blocking_kinds = ("no_leader", "no_challenger")
    if any(g.kind in blocking_kinds for g in result.grounds):
        blocking = tuple(
            _ground(g) for kind in blocking_kinds for g in result.grounds if g.kind == kind
        )
        said = (*blocking, *(g for g in grounds if g not in blocking))
        out.append(
            (
                "no_judgement",
                "No leading judgement can be drawn, so there is none to hold confidence in "
                f"(low by rule): {'; '.join(said)}.",
                said,
            )
        )
    else:
        factors = [(f, factor_said(f)) for f in shown(result)]
        lowers = (
            *grounds,
            *(d for f, d in factors if f.points == 0 or f.missing),
            *limits_said(result),
        )
        limits = tuple(d for f, d in factors if f.points == 1)
        supports = tuple(d for f, d in factors if f.points == 2)
        out.append(("level", f"We have {result.level} confidence in {subject(result)}.", ()))
        for kind, title, named in (
            ("lowers", "What lowers it", lowers),
            ("limits", "What limits it", limits),
            ("supports", "What supports it", supports),
        ):
            if named:
                out.append((kind, f"{title}: " + "; ".join(named) + ".", named))
    if result.not_checked:
        names = tuple(name.replace("_", " ") for name, _ in result.not_checked)
        out.append(
            (
                "not_checked",
                f"Not checked (the bias stress test says why): {', '.join(names)}.",
                names,
            )
        )
    return tuple(out)


def sentence(result: Any) -> str:
    """The level and why, for the brief (never the likelihood): the parts as running text."""
    return " ".join(text for _, text, _ in parts(result))


def confidence_claims(confidence: Any) -> list[Claim]:
    """The confidence sentence's parts (``parts``) as claims: the level or why no judgement can
    be drawn, what lowers, limits and supports it, and the checks not run."""
    if confidence is None:
        return []
    return [
        Claim(f"confidence.{kind}", text, {"listed": named, "level": confidence.level})
        for kind, text, named in parts(confidence)
    ]


def factor_rows(result: Any) -> tuple[SaidFactor, ...]:
    """Each factor with its points and what it found, in words (a notebook's table)."""
    return tuple(SaidFactor(f.name, f.points, factor_said(f)) for f in result.factors)


def confidence_data(result: Any) -> dict[str, Any]:
    """The result as ``--json`` gives it: the level, score and factors with their words, the
    grounds and limits in words, the checks not run and the sentence."""
    return {
        "level": result.level,
        "score": result.score,
        "factors": [
            {"name": f.name, "points": f.points, "detail": factor_said(f), "missing": f.missing}
            for f in result.factors
        ],
        "grounds": list(grounds_said(result)),
        "limits": list(limits_said(result)),
        "not_checked": {name: fact.to_dict() for name, fact in result.not_checked},
        "sentence": sentence(result),
    }
