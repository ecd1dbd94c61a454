"""The bias stress test's outcome recomputed from the case, by the rules its docstring states.

For each of the nine detectors of ``sat.techniques.bias``: whether it could run (and if not, the
reason, a ``bias.not_checked.*`` kind), whether its rule fires, the kinds of fact that fire it,
and the severity. Nothing here calls the stress test or its detectors: the rules are read again
from the technique's docstring and applied with plain loops over the items, so that a detector
that drops a finding, or gives it the wrong severity, is caught by the conditions of
``summary.bias`` and ``bias.clean`` (``sat.report.conditions.checks``, ``.bias``) instead of
agreeing with itself. The definitional pieces shared with the other checks are reused: the ACH
ranking recomputed from the ratings (``_facts._scores``, ``_first``), the sources' independence
groups (``sat.techniques.quality.independence_groups``) and the Quality of Information Check's
critical items recomputed (``sat.report.conditions.quality.critical_items``).

Severity rule
-------------
Each detector's severity, from the documented rules:

confirmation
    *high* when no item rated on the leader is rated I or II against it and it is rated on at
    least five items; *medium* when it fires on any other ground (fewer than 10% against, the
    consistency points at least twice the lead, contrary evidence discounted).
concentration
    *high* when the larger of the two indices (over items, over the weighted score) is at least
    0.5; *medium* when it is at least 0.25.
uncertain_accuracy
    *medium* when, with the low-credibility items dropped, the leader shares the lead; *high*
    when it is no longer among the leaders (another leads, others tie, or nothing is ranked).
closure
    *high* with fewer than three hypotheses; else *medium* (no null or deception hypothesis,
    declared overlaps, hypotheses rated alike).
absence, anchoring, base_rates
    *medium*.
vividness
    *medium* when one of the highly relevant uncorroborated items is a critical item of the
    Quality of Information Check (a linchpin or highly diagnostic); else *low*.
mirror_imaging
    *low*: a prompt.

Thresholds are applied to the exact figure. Shares of counted items (fewer than 10% against,
the 0.25 gap in low credibility, 90% alike, the concentration index over items, whose counts
are sums of 1/k) are computed as fractions; the figures that sum √2 weights (the lead over the
runner-up, the index over the weighted score) count as at a threshold within 1e-9 of it.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from fractions import Fraction
from typing import Any

from sat import scales
from sat.report.conditions._facts import TOLERANCE, Facts, _first, _scores, memo
from sat.report.conditions.bias import (
    _dated,
    _first_of,
    _on_leader,
    _sole,
    lead_kind,
    outweighs,
)
from sat.report.conditions.quality import critical_items
from sat.techniques.bias import BIASES
from sat.techniques.quality import WEAK, independence_groups

__all__ = ["Expected", "expected"]

#: The thresholds as the technique's docstring states them (exact where the figure is a share).
FEW_AGAINST = Fraction(1, 10)
DISCOUNT_GAP = Fraction(1, 4)
HHI_MEDIUM, HHI_HIGH = Fraction(1, 4), Fraction(1, 2)
ALIKE_SHARE, ALIKE_MIN_ITEMS = Fraction(9, 10), 5
MIN_DATED = 6
MIN_HYPOTHESES = 3

_POINTS = {"I": 1, "II": 2}  # weighted inconsistency per unit of weight


@dataclass(frozen=True)
class Expected:
    """What the rules say of one detector on a case.

    Attributes
    ----------
    detector : str
        The detector (a key of ``sat.techniques.bias.BIASES``).
    reason : str or None
        Why it cannot run (the kind of its ``bias.not_checked`` claim); None when it runs.
    severity : str or None
        ``high``, ``medium`` or ``low`` when its rule fires; None when it does not (or cannot
        run).
    kinds : tuple of str
        The kinds of fact that fire it, in the order the rules are stated, a kind repeated when
        its rule fires more than once (one pasted basis per group of hypotheses, one weak source
        per source cited).
    """

    detector: str
    reason: str | None = None
    severity: str | None = None
    kinds: tuple[str, ...] = ()

    @property
    def runs(self) -> bool:
        """Whether the detector had what it needs."""
        return self.reason is None

    @property
    def fires(self) -> bool:
        """Whether its rule fires (only a detector that runs can)."""
        return self.severity is not None


def _found(detector: str, kinds: list[str], severity: str) -> Expected:
    """The finding when any rule fired, else a clean result."""
    return Expected(detector, severity=severity if kinds else None, kinds=tuple(kinds))


def _leader_stop(facts: Facts) -> str | None:
    """Why there is no single leader to test (``tied``, ``none_ranked``), None when there is."""
    first = _first_of(facts)
    return None if len(first) == 1 else "tied" if first else "none_ranked"


def _codes(facts: Facts) -> dict[str, dict[str, str]]:
    """Each item's codes by hypothesis: unrated cells and probabilities read as NA."""
    ratings = facts.ach.ratings
    return memo(
        facts,
        "bias_rules.codes",
        lambda: {
            e: {h: code if code in scales.RATING_LADDER else "NA" for h, code in row.items()}
            for e, row in ratings.iterrows()
        },
    )


def _leaders_on(facts: Facts, items: set[str]) -> tuple[str, ...]:
    """Who leads on these items alone: least weighted inconsistency (the items' credibility ×
    relevance weights, I 1 and II 2), then most consistency (C 1, CC 2); a hypothesis rated on
    none of them is not ranked."""
    codes = _codes(facts)
    hypotheses = [h.id for h in facts.case.hypotheses]
    weighted = dict.fromkeys(hypotheses, 0.0)
    consistency = dict.fromkeys(hypotheses, 0)
    ranked = set()
    for item in facts.case.evidence:
        if item.id not in items:
            continue
        for h in hypotheses:
            code = codes[item.id][h]
            if code != "NA":
                ranked.add(h)
            weighted[h] += item.weight * _POINTS.get(code, 0)
            consistency[h] += scales.CONSISTENCY_POINTS[code]
    return _first(weighted, consistency, ranked)


# --- the detectors' rules ------------------------------------------------------------------------


def _confirmation(facts: Facts) -> Expected:
    case = facts.case
    if not case.evidence:
        return Expected("confirmation", "no_evidence")
    if stop := _leader_stop(facts):
        return Expected("confirmation", stop)
    leader = _sole(facts)
    assert leader is not None
    rated, against = _on_leader(facts, leader)  # a ranked hypothesis is rated on an item at least
    kinds = []
    if against == 0 and rated >= 5:
        kinds.append("confirmation.none_against")
    elif Fraction(against, rated) < FEW_AGAINST:
        kinds.append("confirmation.few_against")
    weighted, consistency, ranked = _scores(facts)
    rest = [weighted[h] for h in ranked if h != leader]
    if rest:  # the runner-up is the best of the rest on weighted inconsistency
        lead = max(min(rest) - weighted[leader], 0.0)
        if outweighs(consistency[leader], lead):
            kinds.append(lead_kind(lead))
    codes = _codes(facts)
    low = {e.id: e.credibility == "L" for e in case.evidence}
    opposed = [e for e in codes if codes[e][leader] in ("I", "II")]
    confirming = [e for e in codes if codes[e][leader] in ("C", "CC")]
    if len(opposed) >= 2:
        low_against = Fraction(sum(low[e] for e in opposed), len(opposed))
        low_for = Fraction(sum(low[e] for e in confirming), len(confirming)) if confirming else 0
        if low_against - low_for >= DISCOUNT_GAP:
            kinds.append("confirmation.discounted")
    severity = "high" if "confirmation.none_against" in kinds else "medium"
    return _found("confirmation", kinds, severity)


def _hhi(shares: list) -> float | Fraction:
    total = sum(shares)
    return sum((s / total) ** 2 for s in shares) if total else 0


def _concentration(facts: Facts) -> Expected:
    case = facts.case
    if not case.sources:
        return Expected("concentration", "no_sources")
    groups = independence_groups(case.sources)
    codes = _codes(facts)
    items: dict[str, Fraction] = {}
    score: dict[str, float] = {}
    for item in case.evidence:
        cited = list(dict.fromkeys(item.sources))
        weight = item.weight * sum(_POINTS.get(c, 0) for c in codes[item.id].values())
        for s in cited:
            items[groups[s]] = items.get(groups[s], Fraction(0)) + Fraction(1, len(cited))
            score[groups[s]] = score.get(groups[s], 0.0) + weight / len(cited)
    if not items:
        return Expected("concentration", "none_cited")
    scored = sum(score.values()) > TOLERANCE
    by_items = _hhi(list(items.values()))
    by_score = _hhi(list(score.values())) if scored else 0.0

    def at_least(threshold: Fraction) -> bool:
        return by_items >= threshold or by_score >= float(threshold) - TOLERANCE

    if not at_least(HHI_MEDIUM):
        return Expected("concentration")
    kind = "concentration.scored" if scored else "concentration.items"
    return Expected(
        "concentration", severity="high" if at_least(HHI_HIGH) else "medium", kinds=(kind,)
    )


def _uncertain_accuracy(facts: Facts) -> Expected:
    case = facts.case
    if not case.evidence:
        return Expected("uncertain_accuracy", "no_evidence")
    if stop := _leader_stop(facts):
        return Expected("uncertain_accuracy", stop)
    if not any(e.credibility == "L" for e in case.evidence):
        return Expected("uncertain_accuracy", "none_low")
    leader = _sole(facts)
    after = _leaders_on(facts, {e.id for e in case.evidence if e.credibility != "L"})
    if after == (leader,):
        return Expected("uncertain_accuracy")
    severity = "medium" if leader in after else "high"
    return _found("uncertain_accuracy", ["uncertain_accuracy.leader_changes"], severity)


def _alike(facts: Facts, a: str, b: str) -> bool:
    """Rated alike on at least 90% of at least five items either of the two is rated on."""
    codes = _codes(facts)
    either = [e for e in codes if codes[e][a] != "NA" or codes[e][b] != "NA"]
    same = sum(codes[e][a] == codes[e][b] for e in either)
    return len(either) >= ALIKE_MIN_ITEMS and Fraction(same, len(either)) >= ALIKE_SHARE


def _closure(facts: Facts) -> Expected:
    case = facts.case
    hypotheses = case.hypotheses
    kinds = []
    if len(hypotheses) < MIN_HYPOTHESES:
        kinds.append("closure.few")
    if not {h.kind for h in hypotheses} & {"null", "deception"}:
        kinds.append("closure.no_alternative")
    if case.exclusive:
        if any(h.overlaps for h in hypotheses):
            kinds.append("closure.overlap")
        ids = [h.id for h in hypotheses]
        if any(_alike(facts, a, b) for i, a in enumerate(ids) for b in ids[i + 1 :]):
            kinds.append("closure.alike")
    severity = "high" if "closure.few" in kinds else "medium"
    return _found("closure", kinds, severity)


def _absence(facts: Facts) -> Expected:
    evidence = facts.case.evidence
    if not evidence:
        return Expected("absence", "no_evidence")
    recorded = any(e.type == "absence of evidence" for e in evidence)
    return _found("absence", [] if recorded else ["absence.none_recorded"], "medium")


def _anchoring(facts: Facts) -> Expected:
    case = facts.case
    if not case.evidence:
        return Expected("anchoring", "no_evidence")
    dated = _dated(case)
    if not dated:
        return Expected("anchoring", "undated")
    if len(dated) < MIN_DATED:
        return Expected("anchoring", "few_dated")
    if len({e.date for e in dated}) < 2:
        return Expected("anchoring", "one_date")
    if stop := _leader_stop(facts):
        return Expected("anchoring", stop)
    leader = _sole(facts)
    half = math.ceil(len(dated) / 2)
    early, late = dated[:half], dated[half:]
    codes = _codes(facts)
    untested = _leaders_on(facts, {e.id for e in early}) == (leader,) and not any(
        codes[e.id][leader] in ("I", "II") for e in late
    )
    return _found("anchoring", ["anchoring.untested"] if untested else [], "medium")


def _vividness(facts: Facts) -> Expected:
    case = facts.case
    if not case.evidence:
        return Expected("vividness", "no_evidence")
    if not case.sources:
        return Expected("vividness", "no_sources_recorded")
    groups = independence_groups(case.sources)
    vivid = {
        e.id
        for e in case.evidence
        if e.relevance == "H" and e.type != "assumption" and len({groups[s] for s in e.sources}) < 2
    }
    severity = "medium" if vivid & critical_items(facts) else "low"
    return _found("vividness", ["vividness.uncorroborated"] if vivid else [], severity)


def _cites(basis: str | None) -> set[str]:
    """The words of a prior basis, punctuation around them stripped (a source is cited by id)."""
    return {w.strip(".,;:()[]'\"") for w in (basis or "").split()}


def _base_rates(facts: Facts) -> Expected:
    case = facts.case
    hypotheses = case.hypotheses
    if not any(h.prior_basis for h in hypotheses):
        return Expected("base_rates", "no_base_rate")
    kinds = []
    priors = [h.prior for h in hypotheses]
    if None in priors:
        kinds.append("base_rates.missing")
    elif len(set(priors)) == 1:
        kinds.append("base_rates.uniform")
    bases: dict[str, int] = {}
    for h in hypotheses:
        if h.prior_basis:
            text = " ".join(h.prior_basis.split()).casefold()
            bases[text] = bases.get(text, 0) + 1
    kinds += ["base_rates.copied"] * sum(n > 1 for n in bases.values())
    weak = {s.id for s in case.sources if s.reliability in WEAK}
    cited = set().union(*(_cites(h.prior_basis) for h in hypotheses)) & weak
    kinds += ["base_rates.weak"] * len(cited)
    return _found("base_rates", kinds, "medium")


def _mirror_imaging(facts: Facts) -> Expected:
    case = facts.case
    kinds = []
    if not any(h.kind == "null" for h in case.hypotheses):
        kinds.append("mirror_imaging.no_null")
    if "mirror_imaging" not in case.checklist:
        kinds.append("mirror_imaging.unanswered")
    if kinds and any(a.rating in (None, "unsupported", "caveats") for a in case.assumptions):
        kinds.append("mirror_imaging.insecure")
    return _found("mirror_imaging", kinds, "low")


_RULES = {
    "confirmation": _confirmation,
    "concentration": _concentration,
    "uncertain_accuracy": _uncertain_accuracy,
    "closure": _closure,
    "absence": _absence,
    "anchoring": _anchoring,
    "vividness": _vividness,
    "base_rates": _base_rates,
    "mirror_imaging": _mirror_imaging,
}
assert set(_RULES) == set(BIASES)


def expected(facts: Facts) -> dict[str, Expected]:
    """What each detector of the stress test should report on the case, by its rule (computed once
    per facts).

    Parameters
    ----------
    facts : Facts
        The case and its ACH result (only the ratings, weights and linchpins are read).

    Returns
    -------
    dict of str to Expected
        By detector, in ``sat.techniques.bias.BIASES`` order.

    Examples
    --------
    >>> import sat
    >>> from sat.paths import EXAMPLE_CASE
    >>> case = sat.load_case(EXAMPLE_CASE)
    >>> rules = expected(Facts(case, sat.ach.run(case)))
    >>> rules["confirmation"].severity, rules["confirmation"].kinds
    ('high', ('confirmation.none_against', 'confirmation.consistency_ratio'))
    >>> [d for d, e in rules.items() if not e.runs]
    []
    """
    return memo(facts, "bias_rules", lambda: {d: _RULES[d](facts) for d in BIASES})


def _clean(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Every detector said to be clean, each named once, had what it needs and does not fire, by
    the rules recomputed from the case, never by the stress test itself."""
    found = expected(facts)
    named = tuple(figures["detectors"])
    return (
        bool(named)
        and len(set(named)) == len(named)
        and all(d in found and found[d].runs and not found[d].fires for d in named)
    )


#: The condition this module decides (the per-fact ones are ``sat.report.conditions.bias``'s).
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {"bias.clean": _clean}
