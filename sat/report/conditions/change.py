"""Conditions of what changed between two versions (``sat diff``); the judgement sentences of
``sat collect``, ``sat consensus``, ``sat estimates`` and ``sat calibration`` are decided in
``sat.report.conditions.team``, whose conditions ``CONDITIONS`` here includes.

The diff's conditions read the earlier version from ``Facts.previous`` (the earlier ``Case``;
``Facts.of`` takes it from ``Analysis.previous``) and the later from ``Facts.case``, and recompute
from the two: which hypotheses were renamed (gone under one id, new under another, with the same
statement), the changes by kind, each version's standing scored from scratch, each item's part
of the weighted inconsistency from its ratings and weight, and each version's confidence.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping
from typing import Any

from sat.case import Case
from sat.report.conditions import team
from sat.report.conditions._facts import _VALUE, Facts, _standing

# --- sat diff -------------------------------------------------------------------------------------

_HYPOTHESIS_FIELDS = ("label", "statement", "prior")
_EVIDENCE_FIELDS = ("summary", "credibility", "relevance", "type", "date", "sources")


def _renames(old: Case, new: Case) -> dict[str, str]:
    """The hypotheses gone from ``old`` that ``new`` has under another id with the same statement
    (spaces apart), each statement held by one gone and one new hypothesis only: {old: new}."""
    old_ids, new_ids = {h.id for h in old.hypotheses}, {h.id for h in new.hypotheses}
    gone = [(h.id, " ".join(h.statement.split())) for h in old.hypotheses if h.id not in new_ids]
    came = [(h.id, " ".join(h.statement.split())) for h in new.hypotheses if h.id not in old_ids]
    out = {}
    for h, said in gone:
        ours = [g for g, s in gone if s == said]
        theirs = [c for c, s in came if s == said]
        if len(ours) == 1 and len(theirs) == 1:
            out[h] = theirs[0]
    return out


def _counts(old: Case, new: Case) -> dict[str, int]:
    """The changes between two versions by kind, counted afresh from the two cases (a hypothesis
    given a new id with the same statement is renamed, and compared under its new id)."""
    renamed = _renames(old, new)
    old_h = {renamed.get(h.id, h.id): h for h in old.hypotheses}  # by the id it has now
    new_h = {h.id: h for h in new.hypotheses}
    old_e, new_e = {e.id: e for e in old.evidence}, {e.id: e for e in new.evidence}
    both_h, both_e = old_h.keys() & new_h.keys(), old_e.keys() & new_e.keys()
    was = {h: old_h[h].id for h in both_h}
    counts = {
        "hypothesis added": len(new_h.keys() - old_h.keys()),
        "hypothesis removed": len(old_h.keys() - new_h.keys()),
        "hypothesis renamed": len(renamed),
        "hypothesis changed": sum(
            getattr(old_h[h], f) != getattr(new_h[h], f) for h in both_h for f in _HYPOTHESIS_FIELDS
        ),
        "evidence added": len(new_e.keys() - old_e.keys()),
        "evidence removed": len(old_e.keys() - new_e.keys()),
        "evidence changed": sum(
            getattr(old_e[e], f) != getattr(new_e[e], f) for e in both_e for f in _EVIDENCE_FIELDS
        ),
        "rating changed": sum(
            old_e[e].ratings.get(was[h]) != new_e[e].ratings.get(h) for e in both_e for h in both_h
        ),
    }
    return {kind: n for kind, n in counts.items() if n}


def _same(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """No hypothesis or item was added, removed or renamed, and none changed a field or a
    rating."""
    return facts.previous is not None and not _counts(facts.previous, facts.case)


def _changes(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The counts said are the changes by kind, recomputed from the two versions."""
    found = _counts(facts.previous, facts.case) if facts.previous is not None else {}
    return bool(found) and dict(figures["counts"]) == found


def _parts(case: Case, renamed: Mapping[str, str] | None = None) -> dict[str, dict[str, float]]:
    """Each item's part of each hypothesis's weighted inconsistency (its weight × 1 for I, 2 for
    II), from the ratings; the hypotheses by their ids in ``renamed`` where it has them."""
    from sat.analysis import analyse

    renamed = renamed or {}
    weight = analyse(case).ach.evidence["weight"]
    return {
        e.id: {
            renamed.get(h.id, h.id): float(weight[e.id]) * _VALUE.get(e.ratings.get(h.id), 0.0)
            for h in case.hypotheses
        }
        for e in case.evidence
    }


def _gaps(old: Case, new: Case, a: str, b: str) -> dict[str, float]:
    """How far each item moved a's weighted inconsistency less b's (a and b by their ids in the
    new version), from the old version to the new (an item added or removed moves it by its
    whole part)."""
    before, after = _parts(old, _renames(old, new)), _parts(new)
    items = list(dict.fromkeys([*before, *after]))
    nothing = {a: 0.0, b: 0.0}
    return {
        e: (after.get(e, nothing)[a] - after.get(e, nothing)[b])
        - (before.get(e, nothing)[a] - before.get(e, nothing)[b])
        for e in items
    }


def _fates(old: Case, new: Case, before: set[str], after: set[str]) -> dict[str, Any]:
    """What became of the leaders: the old ones gone from the new version (``removed``), the
    new ones not in the old (``added``), and those renamed ({old id: new id})."""
    renamed = _renames(old, new)
    old_ids, new_ids = {h.id for h in old.hypotheses}, {h.id for h in new.hypotheses}
    back = {now: was for was, now in renamed.items()}
    named = {h: renamed[h] for h in before if h in renamed}
    named |= {back[h]: h for h in after if h in back}
    return {
        "removed": {h for h in before if h not in new_ids and h not in renamed},
        "added": {h for h in after if h not in old_ids and h not in back},
        "renamed": named,
    }


def _leader_changed(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """The standings before and after, scored afresh from each version, are as said and differ
    (an old leader renamed counts by its new id); the old leaders said to be removed, the new
    ones said to be added and the renamings said are exactly those. With a pair named, one led
    before and not after, the other after and not before, both are in both versions, and the
    items named are the largest (up to four) of those that moved the gap between them the
    stated way (against the first, for the second), each by the amount stated; with none named,
    no item moved it that way."""
    old, new = facts.previous, facts.case
    if old is None:
        return False
    renamed = _renames(old, new)
    before, after = set(_standing(old)[0]), set(_standing(new)[0])
    if set(figures["before"]) != before or set(figures["after"]) != after:
        return False
    mapped = {renamed.get(h, h) for h in before}
    if mapped == after:
        return False
    fates = _fates(old, new, before, after)
    if (
        set(figures["removed"]) != fates["removed"]
        or set(figures["added"]) != fates["added"]
        or dict(figures["renamed"]) != fates["renamed"]
    ):
        return False
    pair, reasons = figures["pair"], tuple(figures["reasons"])
    if pair is None:
        return not reasons
    a, b = pair
    common = {renamed.get(h.id, h.id) for h in old.hypotheses} & {h.id for h in new.hypotheses}
    if not (a in mapped and b in after and (a not in after or b not in mapped)):
        return False
    if not {a, b} <= common:
        return False
    gaps = _gaps(old, new, a, b)
    grew = sorted((g for g in gaps.values() if g > 1e-12), reverse=True)
    return (
        len(reasons) == min(4, len(grew))
        and all(abs(gaps.get(e, math.nan) - g) <= 1e-9 for e, g in reasons)
        and all(abs(g - top) <= 1e-9 for (_, g), top in zip(reasons, grew, strict=False))
    )


def _unchanged(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Both versions, scored afresh, lead as said (the same leader, the same tie, or nothing; an
    old leader renamed counts by its new id), and the leaders said to have had another id are
    exactly those, with it."""
    old, new = facts.previous, facts.case
    if old is None:
        return False
    renamed = _renames(old, new)
    before, after = set(_standing(old)[0]), set(_standing(new)[0])
    formerly = {now: was for was, now in renamed.items() if now in after}
    return {renamed.get(h, h) for h in before} == after == set(figures["leaders"]) and dict(
        figures.get("formerly", {})
    ) == formerly


def _confidence(facts: Facts, figures: Mapping[str, Any]) -> bool:
    """Each version's confidence, assessed afresh (none where it cannot be), is as said, and they
    differ."""
    from sat.analysis import analyse

    if facts.previous is None:
        return False

    def level(case: Case) -> str | None:
        found = analyse(case).optional("confidence")
        return None if found is None else found.level

    old, new = level(facts.previous), level(facts.case)
    return old != new and (figures["before"], figures["after"]) == (old, new)


#: The condition of each claim kind this module decides (and ``team``'s).
CONDITIONS: dict[str, Callable[[Facts, Mapping[str, Any]], bool]] = {
    "diff.same": _same,
    "diff.changes": _changes,
    "diff.leader_changed": _leader_changed,
    "diff.unchanged": _unchanged,
    "diff.confidence": _confidence,
    **team.CONDITIONS,
}
