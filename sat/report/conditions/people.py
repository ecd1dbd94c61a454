"""Conditions of where the analysts disagree and of the confidence sentence."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sat.report.claims import confidence as confidence_words
from sat.report.conditions._facts import Facts, _first, _scores, _standing

# --- where the analysts disagree ------------------------------------------------------------------


def _dissent(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """At least two readings (the analysts' and their votes' median) lead differently, the
    median's leads as said, and each analyst's own reading (their votes where they voted, the
    case's ratings elsewhere) leads as said, recomputed from the case."""
    from sat.report.conditions.team import _median_reading

    groups = figures["groups"]
    if len({frozenset(g) for g in (*groups, figures["median"])}) < 2:
        return False
    if not _median_reading(facts, {"leaders": figures["median"]}):
        return False
    case = facts.case
    for leader, who in groups.items():
        for name in who:  # every name is an analyst's, whatever it is ("consensus" too)
            evidence = [
                e.model_copy(update={"ratings": {**e.ratings, **e.analyst_ratings.get(name, {})}})
                for e in case.evidence
            ]
            first, _ = _standing(case.model_copy(update={"evidence": evidence}))
            if set(first) != set(leader):
                return False
    return True


# --- confidence ----------------------------------------------------------------------------------


def _grounds(facts: Facts) -> tuple[dict, list[str], set[str], set[str]]:
    """(weighted inconsistency by hypothesis, the first by weighted score and consistency, the
    ranked hypotheses, the independence groups the sourced items cite), recomputed."""
    from sat.techniques.quality import independence_groups

    weighted, consistency, ranked = _scores(facts)
    first = _first(weighted, consistency, ranked)
    groups = independence_groups(facts.case.sources)
    cited = {
        groups[s]
        for e in facts.case.evidence
        if e.type != "assumption"
        for s in e.sources
        if s in groups
    }
    return weighted, first, ranked, cited


def _must_be_low(facts: Facts) -> bool:
    """The grounds recomputed from the case: no single leader, nothing to lead over, no source,
    or every sourced item from one independence group (SAT-REFERENCE section 10)."""
    _, first, ranked, cited = _grounds(facts)
    return len(first) != 1 or ranked == set(first) or len(cited) <= 1


def _no_judgement(facts: Facts, figures: Mapping[str, Any]) -> bool:
    weighted, consistency, ranked = _scores(facts)
    first = _first(weighted, consistency, ranked)
    return figures["level"] == "low" and (len(first) != 1 or ranked == set(first))


def _level(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The level follows the rule from the factors' points, the grounds and the limits."""
    c = facts.confidence
    points = [f.points for f in c.factors]
    score, short = sum(p or 0 for p in points), sum(not p for p in points)
    if c.grounds or short > 1 or score < 4 or _must_be_low(facts):
        expected = "low"
    elif score >= 8 and not short and not c.limits:
        expected = "high"
    else:
        expected = "moderate"
    return figures["level"] == c.level == expected and not _no_judgement(facts, figures)


def _shown(c: Any) -> tuple[Any, ...]:
    return confidence_words.shown(c)


def _lowers(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Every ground, factor at zero or missing, and limit, each once, and nothing else."""
    c = facts.confidence
    expected = (
        *confidence_words.grounds_said(c),
        *(confidence_words.factor_said(f) for f in _shown(c) if not f.points),
        *confidence_words.limits_said(c),
    )
    listed = tuple(figures["listed"])
    return listed == expected and len(set(listed)) == len(listed) and _sources_named(facts, listed)


def _sources_named(facts: Facts, listed: tuple[str, ...]) -> bool:
    """A ground saying every sourced item rests on one source (or one origin) names exactly the
    sources those items cite, never an uncited member of their group."""
    import re

    cited = {s for e in facts.case.evidence if e.type != "assumption" for s in e.sources}
    for text in listed:
        found = re.search(r"rests on (?:one source|sources of one origin) \(([^:)]+)", text)
        if found and set(found.group(1).split(", ")) != cited:
            return False
    return True


def _with_points(points: int) -> Callable[[Facts, Mapping[str, Any]], bool]:
    def condition(facts: Facts, figures: Mapping[str, Any]) -> bool:
        shown = {confidence_words.factor_said(f): f.points for f in _shown(facts.confidence)}
        expected = [d for d, p in shown.items() if p == points]
        return bool(figures["listed"]) and list(figures["listed"]) == expected

    condition.__doc__ = f"Exactly the factors scoring {points} point(s)."
    return condition


def _not_checked(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The bias checks named are those the bias stress test could not run."""
    names = tuple(name.replace("_", " ") for name, _ in facts.bias.not_checked)
    return bool(names) and tuple(figures["listed"]) == names


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "consensus.dissent": _dissent,
    "confidence.no_judgement": _no_judgement,
    "confidence.level": _level,
    "confidence.lowers": _lowers,
    "confidence.limits": _with_points(1),
    "confidence.supports": _with_points(2),
    "confidence.not_checked": _not_checked,
}
