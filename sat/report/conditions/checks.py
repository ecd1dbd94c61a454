"""Conditions of the checks' one-line summaries (``sat.report.claims.checks``), recomputed from the
case: the assumptions' ratings, impacts and answers; the sources' grades and independence groups;
the deception checklists' answers; and the bias stress test's rules recomputed from the case."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from sat.report.conditions import assumptions, bias_rules, quality
from sat.report.conditions._facts import Facts
from sat.report.conditions.deception import actor_assessed
from sat.techniques.assumptions import CHALLENGE_QUESTIONS
from sat.techniques.deception import EXPOSED, HIGH
from sat.techniques.quality import independence_groups

#: Answers of the deception checklists, as strength of the sign of deception.
_VALUE = {"H": 1.0, "M": 0.5, "L": 0.0}


def _high_risk(rating: str | None, impact: str | None) -> bool:
    """An assumption is at high risk when unsupported (or not yet rated) with high or medium
    impact if wrong, or caveated with high impact (an impact not given counts as high)."""
    rating, impact = rating or "unsupported", impact or "H"
    return (rating == "unsupported" and impact in ("H", "M")) or (
        rating == "caveats" and impact == "H"
    )


def _matrix(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The counts of hypotheses and items are the case's; the cells not rated are the pairs of an
    item and a hypothesis its ratings leave out."""
    case = facts.case
    missing = sum(h.id not in e.ratings for e in case.evidence for h in case.hypotheses)
    return (
        figures["hypotheses"] == len(case.hypotheses)
        and figures["evidence"] == len(case.evidence)
        and figures["unrated"] == missing
    )


def _kac(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The count is the case's assumptions (one at least); those at high risk, rated
    unsupported, not yet rated, and with a challenge question unanswered are exactly the ones
    named."""
    listed = facts.case.assumptions
    expected = {
        "high": {a.id for a in listed if _high_risk(a.rating, a.impact)},
        "unsupported": {a.id for a in listed if a.rating == "unsupported"},
        "unrated": {a.id for a in listed if a.rating is None},
        "incomplete": {
            a.id for a in listed if any(getattr(a, q) is None for q in CHALLENGE_QUESTIONS)
        },
    }
    return figures["count"] == len(listed) > 0 and all(
        set(figures[k]) == v and len(figures[k]) == len(v) for k, v in expected.items()
    )


def _quality(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The counts of sources, of those graded A–E and of those graded F (reliability cannot be
    judged, so not counted as graded) are the case's; of the observed items (not
    assumptions) those named corroborated cite sources of two independence groups at least,
    those on a single source cite one group, and those on none cite no source."""
    case = facts.case
    groups = independence_groups(case.sources)
    observed = [e for e in case.evidence if e.type != "assumption"]
    apart = {e.id: len({groups[s] for s in e.sources}) for e in observed}
    return (
        figures["sources"] == len(case.sources) > 0
        and figures["graded"] == sum(s.reliability in tuple("ABCDE") for s in case.sources)
        and figures["unjudged"] == sum(s.reliability == "F" for s in case.sources)
        and figures["observed"] == len(observed)
        and set(figures["corroborated"]) == {e for e, n in apart.items() if n >= 2}
        and set(figures["single"]) == {e for e, n in apart.items() if n == 1}
        and set(figures["unsourced"]) == {e for e, n in apart.items() if n == 0}
    )


def _critical(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Exactly the observed items that matter (a linchpin, or highly diagnostic) on thin
    sourcing, one at least."""
    return set(figures["items"]) == quality.critical_items(facts) != set()


def _bias(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The biases named, at the severities said, are exactly the detectors whose documented rules
    fire when recomputed from the case (``bias_rules``, never the stress test itself); those said
    to find nothing are exactly the ones that had what they need and do not fire; those said not
    to run, exactly the ones that lacked it. So every detector is said once, in one of the
    three."""
    expected = bias_rules.expected(facts)
    fired = sorted((d, e.severity) for d, e in expected.items() if e.fires)
    clean = sorted(d for d, e in expected.items() if e.runs and not e.fires)
    skipped = sorted(d for d, e in expected.items() if not e.runs)
    return (
        sorted(tuple(f) for f in figures["findings"]) == fired
        and sorted(figures["passed"]) == clean
        and sorted(figures["not_checked"]) == skipped
    )


def _deception(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The subjects named at high risk are exactly those whose answers average 0.6 or more
    (H 1, M 0.5, L 0), an actor counted only with some MOM or POP answer; the items named rest
    on a source whose MOSES answers average 0.6 or more, and are all such items."""
    case = facts.case
    answered = [
        entry
        for entry in case.deception
        if entry.answers and (entry.kind != "actor" or actor_assessed(entry.answers))
    ]
    mean = {
        (entry.kind, entry.subject): sum(_VALUE[a.rating] for a in entry.answers.values())
        / len(entry.answers)
        for entry in answered
    }
    manipulable = set()
    for entry in answered:
        moses = [_VALUE[a.rating] for q, a in entry.answers.items() if q.startswith("moses.")]
        if entry.kind == "source" and moses and sum(moses) / len(moses) >= EXPOSED:
            manipulable.add(entry.subject)
    exposed = {e.id for e in case.evidence if manipulable & set(e.sources)}
    return (
        bool(case.deception)
        and set(figures["high"]) == {s for (_, s), m in mean.items() if m >= HIGH}
        and set(figures["exposed"]) == exposed
        and figures["assessed"] == len(answered)
        and figures["answered"] == any(entry.answers for entry in case.deception)
    )


#: The condition of each claim kind this module decides.
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "summary.matrix": _matrix,
    "summary.kac": _kac,
    "summary.kac_linchpins": assumptions._linchpin,
    "summary.kac_untested": assumptions._untested,
    "summary.quality": _quality,
    "summary.quality_critical": _critical,
    "summary.bias": _bias,
    "summary.deception": _deception,
}
