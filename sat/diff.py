"""Analytic diff: what changed between two versions of a case, and what each change did to the judgement.

The structural diff lists hypotheses and evidence added and removed, items whose
summary, credibility, relevance or type changed, and every rating that changed.
A hypothesis is known by its id; one that is gone and one that is new with the
same statement are one hypothesis *renamed* (``renamed``), matched only when no
other gone or new hypothesis has that statement: its ratings, score and lead
are compared under its new id, so giving the leader a new id does not change
the leader.
Then the analysis of both versions is compared (ACH ranks and scores, leader,
posteriors, confidence) and each movement is *attributed*:

* a hypothesis's weighted inconsistency is a sum over evidence items, so its
  change splits exactly into per-item parts (an item added, removed, re-rated
  or re-weighted);
* when the leader changes, the gap between the old and the new leader moves
  by the sum of those parts taken between the two: the items are listed by how
  much they moved that gap, which is *why* the leader changed;
* the same holds for the posterior log odds between the two hypotheses (a sum of
  per-item log likelihood ratios plus the prior log odds).

When either version asks for quantities, ``quantities`` holds what changed in them and in
the analysts' answers, and each target's combined estimate and each analyst's weight before and
after (``sat.quantity_diff``).

A version may be a file path or ``path@rev`` for the file as it was at a git
revision (``data/cases/x.yaml@HEAD~1``).

The diff reads two analyses, so it sits above ``sat.analysis`` (the layer contract in
``pyproject.toml``): ``changes(analysis)`` compares an analysis with the ``previous``
version it was given.

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8 step 8
   (track how the judgement changes as evidence arrives).
"""

from __future__ import annotations

import math
import weakref
from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sat.analysis import Analysis, analyse
from sat.case import Case
from sat.errors import AnalysisError
from sat.quantity_diff import QuantityChanges, involved
from sat.quantity_diff import run as quantity_changes
from sat.techniques._frames import FrameCopy, records_frame
from sat.techniques.posterior import likelihoods

__all__ = ["DiffResult", "changes", "run"]


@dataclass(frozen=True)
class DiffResult:
    """The result of ``run``.

    Attributes
    ----------
    changes : pandas.DataFrame
        One row per change: ``kind`` (hypothesis added/removed, evidence
        added/removed, evidence changed, rating changed), ``item``, ``field``,
        ``old``, ``new``.
    hypotheses : pandas.DataFrame
        Per hypothesis (in either version): weighted inconsistency, rank and
        posterior, old and new.
    attribution : pandas.DataFrame
        Per evidence item that moved anything: its ``cause`` and its effect on the
        gap between the old leader and the new one (``gap``, in weighted
        inconsistency) and on their posterior log odds (``log_odds``).
    pair : tuple of str or None
        The two hypotheses the attribution is between (by their ids in the new version):
        the old leader and the new one when the lead changed, else the leader and its
        runner-up (None when either version ranks nothing, or a leader is not in both
        versions).
    renamed : dict
        The hypotheses given a new id with the same statement, ``{old id: new id}``.
        ``old_leader`` keeps the old version's ids; ``hypotheses`` and ``attribution`` are
        by the new ones.
    quantities : QuantityChanges or None
        What changed in the quantities and the analysts' answers to them, and the combined
        estimates and weights before and after (``sat.quantity_diff``); None when neither
        version has quantities or answers (and ``to_dict`` then has no ``quantities``).

    The movement in words is ``sat.report.claims.diff_claims``: the technique
    returns facts only.
    """

    old_leader: tuple[str, ...]
    new_leader: tuple[str, ...]
    old_confidence: str | None
    new_confidence: str | None
    changes_frame: pd.DataFrame = field(repr=False)
    hypotheses_frame: pd.DataFrame = field(repr=False)
    attribution_frame: pd.DataFrame = field(repr=False)
    pair: tuple[str, str] | None = None
    renamed: dict[str, str] = field(default_factory=dict)
    quantities: QuantityChanges | None = None

    changes = FrameCopy()
    hypotheses = FrameCopy()
    attribution = FrameCopy()

    @property
    def leader_changed(self) -> bool:
        """Whether the two versions lead differently (a tie is its set of hypotheses; a
        hypothesis renamed is the same hypothesis)."""
        return {self.renamed.get(h, h) for h in self.old_leader} != set(self.new_leader)

    def to_dict(self) -> dict[str, Any]:
        def rows(frame: pd.DataFrame, index: str) -> list[dict[str, Any]]:
            out = []
            for key, row in frame.iterrows():
                item = {index: key}
                for k, v in row.items():
                    if isinstance(v, float) and math.isnan(v):
                        v = None
                    elif isinstance(v, np.generic):
                        v = v.item()
                    item[k] = v
                out.append(item)
            return out

        out = {
            "old_leader": list(self.old_leader),
            "new_leader": list(self.new_leader),
            "leader_changed": self.leader_changed,
            "renamed": dict(self.renamed),
            "old_confidence": self.old_confidence,
            "new_confidence": self.new_confidence,
            "changes": self.changes_frame.to_dict(orient="records"),
            "hypotheses": rows(self.hypotheses_frame, "id"),
            "attribution": rows(self.attribution_frame, "id"),
        }
        if self.quantities is not None:
            out["quantities"] = self.quantities.to_dict()
        return out


def renamed_hypotheses(old: Case, new: Case) -> dict[str, str]:
    """The hypotheses of ``old`` that ``new`` gives another id with the same statement.

    A hypothesis gone from ``old`` and one new in ``new`` are paired when their statements are
    the same (spaces apart) and no other gone or new hypothesis has that statement.

    Examples
    --------
    >>> from sat.case import Case
    >>> def version(*hypotheses):
    ...     return Case(id="c", title="t", question="?", date="2026-01-01", analysts=["a"],
    ...                 hypotheses=[{"id": h, "label": h, "statement": s} for h, s in hypotheses])
    >>> old = version(("H6", "a port"), ("H2", "b"), ("H3", "c"))
    >>> renamed_hypotheses(old, version(("H9", "a port"), ("H2", "b"), ("H4", "d")))
    {'H6': 'H9'}
    """
    old_ids, new_ids = {h.id for h in old.hypotheses}, {h.id for h in new.hypotheses}

    def by_statement(hypotheses: Any, others: set[str]) -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for h in hypotheses:
            if h.id not in others:
                found.setdefault(" ".join(h.statement.split()), []).append(h.id)
        return found

    gone, came = by_statement(old.hypotheses, new_ids), by_statement(new.hypotheses, old_ids)
    return {
        ids[0]: came[s][0] for s, ids in gone.items() if len(ids) == 1 and len(came.get(s, ())) == 1
    }


def _structural(old: Case, new: Case, renamed: dict[str, str]) -> list[dict[str, Any]]:
    changes = []
    old_h, new_h = {h.id: h for h in old.hypotheses}, {h.id: h for h in new.hypotheses}
    came = set(renamed.values())
    for h in [x for x in new_h if x not in old_h and x not in came]:
        changes.append(
            {"kind": "hypothesis added", "item": h, "field": "", "old": None, "new": new_h[h].label}
        )
    for h in [x for x in old_h if x not in new_h and x not in renamed]:
        changes.append(
            {
                "kind": "hypothesis removed",
                "item": h,
                "field": "",
                "old": old_h[h].label,
                "new": None,
            }
        )
    for h, now in renamed.items():
        changes.append(
            {"kind": "hypothesis renamed", "item": now, "field": "id", "old": h, "new": now}
        )
    # the hypotheses of both versions, as (old id, new id), in the new version's order
    kept = {renamed.get(h, h): h for h in old_h if h in new_h or h in renamed}
    both = [(kept[h], h) for h in new_h if h in kept]
    for was, now in both:
        for f in ("label", "statement", "prior"):
            if getattr(old_h[was], f) != getattr(new_h[now], f):
                changes.append(
                    {
                        "kind": "hypothesis changed",
                        "item": now,
                        "field": f,
                        "old": getattr(old_h[was], f),
                        "new": getattr(new_h[now], f),
                    }
                )
    old_e, new_e = {e.id: e for e in old.evidence}, {e.id: e for e in new.evidence}
    for e in [x for x in new_e if x not in old_e]:
        changes.append(
            {"kind": "evidence added", "item": e, "field": "", "old": None, "new": new_e[e].summary}
        )
    for e in [x for x in old_e if x not in new_e]:
        changes.append(
            {
                "kind": "evidence removed",
                "item": e,
                "field": "",
                "old": old_e[e].summary,
                "new": None,
            }
        )
    for e in [x for x in new_e if x in old_e]:
        a, b = old_e[e], new_e[e]
        for f in ("summary", "credibility", "relevance", "type", "date", "sources"):
            if getattr(a, f) != getattr(b, f):
                changes.append(
                    {
                        "kind": "evidence changed",
                        "item": e,
                        "field": f,
                        "old": str(getattr(a, f)),
                        "new": str(getattr(b, f)),
                    }
                )
        for was, now in both:
            if a.ratings.get(was) != b.ratings.get(now):
                changes.append(
                    {
                        "kind": "rating changed",
                        "item": e,
                        "field": now,
                        "old": a.ratings.get(was),
                        "new": b.ratings.get(now),
                    }
                )
    return sorted(changes, key=lambda c: ORDER.index(c["kind"]))


#: The kinds of change, in the order they are listed.
ORDER = (
    "hypothesis added",
    "hypothesis removed",
    "hypothesis renamed",
    "hypothesis changed",
    "evidence added",
    "evidence removed",
    "evidence changed",
    "rating changed",
)


def _cause(e: str, old: Case, new: Case, changes: list[dict[str, Any]]) -> str:
    mine = [c for c in changes if c["item"] == e]
    if any(c["kind"] == "evidence added" for c in mine):
        return "added"
    if any(c["kind"] == "evidence removed" for c in mine):
        return "removed"
    parts = []
    for c in mine:
        if c["kind"] == "rating changed":
            parts.append(f"{c['field']} {c['old'] or 'unrated'}→{c['new'] or 'unrated'}")
        elif c["kind"] == "evidence changed" and c["field"] in ("credibility", "relevance"):
            parts.append(f"{c['field']} {c['old']}→{c['new']}")
    return "; ".join(parts) or "unchanged"


def run(old: Analysis, new: Analysis) -> DiffResult:
    """Compare two versions of a case from their analyses (see the module docstring).

    Parameters
    ----------
    old, new : Analysis
        ``sat.analyse`` of each version: each is scored once, and results
        already computed are reused.

    Examples
    --------
    >>> import sat
    >>> from sat.paths import EXAMPLE_CASE
    >>> case = sat.load_case(EXAMPLE_CASE)
    >>> edited = case.model_copy(update={"evidence": case.evidence[:-1]})
    >>> run(sat.analyse(case), sat.analyse(edited)).changes["kind"].tolist()
    ['evidence removed']

    A hypothesis given a new id with the same statement is the same hypothesis:

    >>> first = case.hypotheses[0]
    >>> moved = case.model_copy(update={
    ...     "hypotheses": [first.model_copy(update={"id": "HX"}), *case.hypotheses[1:]],
    ...     "evidence": [e.model_copy(update={"ratings": {("HX" if h == first.id else h): r
    ...                  for h, r in e.ratings.items()}}) for e in case.evidence]})
    >>> result = run(sat.analyse(case), sat.analyse(moved))
    >>> result.renamed == {first.id: "HX"}, result.changes["kind"].tolist(), result.leader_changed
    (True, ['hypothesis renamed'], False)
    """
    old_case, new_case = old.case, new.case
    renamed = renamed_hypotheses(old_case, new_case)
    changes = _structural(old_case, new_case, renamed)
    results = {"old": _results(old), "new": _results(new)}
    # every hypothesis by its id in the new version (a renamed one by its new id)
    was = [renamed.get(h.id, h.id) for h in old_case.hypotheses]
    now = [h.id for h in new_case.hypotheses]
    ids = list(dict.fromkeys(was + now))
    old_leader, new_leader = results["old"][0].leader, results["new"][0].leader
    pair = _pair(
        tuple(renamed.get(h, h) for h in old_leader),  # the old leaders by their new ids
        new_leader,
        results["new"][0].runner_up,
        common=[h for h in ids if h in set(was) and h in set(now)],
    )
    return DiffResult(
        old_leader=old_leader,
        new_leader=new_leader,
        old_confidence=results["old"][2].level if results["old"][2] else None,
        new_confidence=results["new"][2].level if results["new"][2] else None,
        changes_frame=pd.DataFrame(changes, columns=["kind", "item", "field", "old", "new"]),
        hypotheses_frame=_hypotheses_frame(results, ids, renamed),
        attribution_frame=_attribution(old, new, pair, renamed, changes, results),
        pair=pair,
        renamed=renamed,
        quantities=quantity_changes(old, new) if involved(old_case, new_case) else None,
    )


def _results(analysis: Analysis) -> tuple[Any, Any, Any]:
    """The version's ACH, Bayesian and confidence results (the last two None when the Bayesian
    mode cannot run on it)."""
    try:
        probs, conf = analysis.bayes, analysis.confidence
    except AnalysisError:  # e.g. priors that leave nothing for a hypothesis: no posterior
        probs, conf = None, None
    return analysis.ach, probs, conf


def _hypotheses_frame(
    results: dict[str, tuple[Any, Any, Any]], ids: list[str], renamed: dict[str, str]
) -> pd.DataFrame:
    """Each hypothesis's weighted inconsistency, rank and posterior in either version."""
    hyp = pd.DataFrame(index=pd.Index(ids, name="id"))
    for name, (scored, probs, _) in results.items():
        frame = scored.hypotheses.rename(index=renamed) if name == "old" else scored.hypotheses
        hyp[f"{name}_weighted"] = frame["weighted_inconsistency"].reindex(ids)
        hyp[f"{name}_rank"] = frame["rank"].reindex(ids).astype("Int64")
        posterior = probs.hypotheses["posterior"] if probs is not None else None
        if posterior is not None and name == "old":
            posterior = posterior.rename(index=renamed)
        hyp[f"{name}_posterior"] = posterior.reindex(ids) if posterior is not None else np.nan
    return hyp


def _pair(
    before: tuple[str, ...], after: tuple[str, ...], runner: str | None, common: list[str]
) -> tuple[str, str] | None:
    """The two hypotheses whose gap the attribution explains, both in either version: one that
    led and no longer does and one that leads and did not (a tie formed or broken), or the
    leader and its runner-up; None when nothing is ranked on one side."""
    if not before or not after:  # nothing ranked on one side: no pair to compare
        return None
    if set(before) != set(after):
        a = next((h for h in before if h not in after), before[0])
        b = next((h for h in after if h not in before), after[0])
        return (a, b) if a in common and b in common else None
    if after[0] in common:
        return (after[0], runner) if runner in common else None
    return None


def _attribution(
    old: Analysis,
    new: Analysis,
    pair: tuple[str, str] | None,
    renamed: dict[str, str],
    changes: list[dict[str, Any]],
    results: dict[str, tuple[Any, Any, Any]],
) -> pd.DataFrame:
    """Per item that moved the pair's gap (or its log odds), the change that caused it, the
    largest first."""
    old_c, new_c = old.ach.contributions.rename(columns=renamed), new.ach.contributions
    evidence = list(dict.fromkeys(list(old_c.index) + list(new_c.index)))
    rows = []
    if pair is not None:
        a, b = pair  # gap = W(a) - W(b): how far a trails b in the new version relative to the old
        old_c = old_c.reindex(index=evidence, fill_value=0.0)
        new_c = new_c.reindex(index=evidence, fill_value=0.0)
        delta = (new_c[a] - old_c[a]) - (new_c[b] - old_c[b])
        logs = {}
        for name, case in (("old", old.case), ("new", new.case)):
            if results[name][1] is not None:
                lik = likelihoods(case)
                lik = lik.rename(columns=renamed) if name == "old" else lik
                with np.errstate(divide="ignore"):
                    logs[name] = (np.log(lik[b]) - np.log(lik[a])).reindex(evidence, fill_value=0.0)
        log_odds = logs["new"] - logs["old"] if len(logs) == 2 else pd.Series(0.0, index=evidence)
        for e in evidence:
            if abs(delta[e]) > 1e-12 or abs(log_odds[e]) > 1e-12:
                rows.append(
                    {
                        "id": e,
                        "cause": _cause(e, old.case, new.case, changes),
                        "gap": float(delta[e]),
                        "log_odds": float(log_odds[e]),
                    }
                )
    rows.sort(key=lambda r: -abs(r["gap"]) - 1e-6 * abs(r["log_odds"]))
    attribution = records_frame(rows, "id", ["cause", "gap", "log_odds"])
    for column in ("gap", "log_odds"):
        attribution[column] = attribution[column].astype(float)
    return attribution.sort_values("gap", ascending=False, kind="stable")


#: Each analysis's changes since its previous version, computed once while the analysis lives.
_SINCE: weakref.WeakKeyDictionary[Analysis, DiffResult] = weakref.WeakKeyDictionary()


def changes(analysis: Analysis) -> DiffResult | None:
    """What changed since the version the analysis was given as ``previous``; None without one.

    The previous version is analysed with the defaults; the result is kept while the
    analysis lives, so the brief's sections share one diff.

    Examples
    --------
    >>> import sat
    >>> from sat.paths import DATA, EXAMPLE_CASE
    >>> case = sat.load_case(EXAMPLE_CASE)
    >>> changes(sat.analyse(case)) is None
    True
    >>> earlier = DATA / "history" / "china-japan-dual-use-2026.2026-01-08.yaml"
    >>> since = changes(sat.analyse(case, previous=str(earlier)))
    >>> "evidence added" in since.changes["kind"].tolist()
    True
    """
    if analysis.previous is None:
        return None
    if analysis not in _SINCE:
        _SINCE[analysis] = run(analyse(analysis.previous), analysis)
    return _SINCE[analysis]
