"""Analytic diff: what changed between two versions of a case, and what each change did to the judgement.

The structural diff lists hypotheses and evidence added and removed, items whose
summary, credibility, relevance or type changed, and every rating that changed.
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

A version may be a file path or ``path@rev`` for the file as it was at a git
revision (``data/cases/x.yaml@HEAD~1``).

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 8 step 8
   (track how the judgement changes as evidence arrives).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
import pandas as pd

from sat.case import Case
from sat.errors import AnalysisError
from sat.techniques._frames import FrameCopy, records_frame

if TYPE_CHECKING:  # for annotations only: sat.analysis builds on the techniques
    from sat.analysis import Analysis

__all__ = ["DiffResult", "run"]


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
        The two hypotheses the attribution is between: the old leader and the new one
        when the lead changed, else the leader and its runner-up (None when either
        version ranks nothing, or a leader is not in both versions).

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

    changes = FrameCopy()
    hypotheses = FrameCopy()
    attribution = FrameCopy()

    @property
    def leader_changed(self) -> bool:
        """Whether the two versions lead differently (a tie is its set of hypotheses)."""
        return set(self.old_leader) != set(self.new_leader)

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

        return {
            "old_leader": list(self.old_leader),
            "new_leader": list(self.new_leader),
            "leader_changed": self.leader_changed,
            "old_confidence": self.old_confidence,
            "new_confidence": self.new_confidence,
            "changes": self.changes_frame.to_dict(orient="records"),
            "hypotheses": rows(self.hypotheses_frame, "id"),
            "attribution": rows(self.attribution_frame, "id"),
        }


def _structural(old: Case, new: Case) -> list[dict[str, Any]]:
    changes = []
    old_h, new_h = {h.id: h for h in old.hypotheses}, {h.id: h for h in new.hypotheses}
    for h in new_h.keys() - old_h.keys():
        changes.append(
            {"kind": "hypothesis added", "item": h, "field": "", "old": None, "new": new_h[h].label}
        )
    for h in old_h.keys() - new_h.keys():
        changes.append(
            {
                "kind": "hypothesis removed",
                "item": h,
                "field": "",
                "old": old_h[h].label,
                "new": None,
            }
        )
    for h in old_h.keys() & new_h.keys():
        for f in ("label", "statement", "prior"):
            if getattr(old_h[h], f) != getattr(new_h[h], f):
                changes.append(
                    {
                        "kind": "hypothesis changed",
                        "item": h,
                        "field": f,
                        "old": getattr(old_h[h], f),
                        "new": getattr(new_h[h], f),
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
        for h in sorted(old_h.keys() & new_h.keys(), key=list(new_h).index):
            if a.ratings.get(h) != b.ratings.get(h):
                changes.append(
                    {
                        "kind": "rating changed",
                        "item": e,
                        "field": h,
                        "old": a.ratings.get(h),
                        "new": b.ratings.get(h),
                    }
                )
    order = [
        "hypothesis added",
        "hypothesis removed",
        "hypothesis changed",
        "evidence added",
        "evidence removed",
        "evidence changed",
        "rating changed",
    ]
    return sorted(changes, key=lambda c: order.index(c["kind"]))


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
    """
    from sat.techniques import bayes

    old_case, new_case = old.case, new.case
    changes = _structural(old_case, new_case)
    results = {}
    for name, analysis in (("old", old), ("new", new)):
        try:
            probs, conf = analysis.bayes, analysis.confidence
        except AnalysisError:  # e.g. priors that leave nothing for a hypothesis: no posterior
            probs, conf = None, None
        results[name] = (analysis.ach, probs, conf)

    ids = list(
        dict.fromkeys([h.id for h in old_case.hypotheses] + [h.id for h in new_case.hypotheses])
    )
    hyp = pd.DataFrame(index=pd.Index(ids, name="id"))
    for name, (scored, probs, _) in results.items():
        frame = scored.hypotheses
        hyp[f"{name}_weighted"] = frame["weighted_inconsistency"].reindex(ids)
        hyp[f"{name}_rank"] = frame["rank"].reindex(ids).astype("Int64")
        hyp[f"{name}_posterior"] = (
            probs.hypotheses["posterior"].reindex(ids) if probs is not None else np.nan
        )

    old_leader, new_leader = results["old"][0].leader, results["new"][0].leader
    common = [
        h
        for h in ids
        if h in {x.id for x in old_case.hypotheses} and h in {x.id for x in new_case.hypotheses}
    ]
    pair = None
    if not old_leader or not new_leader:  # nothing ranked on one side: no pair to compare
        pass
    elif set(old_leader) != set(new_leader):
        # one that led and no longer does, one that leads and did not (a tie formed or broken)
        a = next((h for h in old_leader if h not in new_leader), old_leader[0])
        b = next((h for h in new_leader if h not in old_leader), new_leader[0])
        pair = (a, b) if a in common and b in common else None
    elif new_leader[0] in common:
        runner = results["new"][0].runner_up
        pair = (new_leader[0], runner) if runner in common else None

    old_c, new_c = old.ach.contributions, new.ach.contributions
    evidence = list(dict.fromkeys(list(old_c.index) + list(new_c.index)))
    rows = []
    if pair is not None:
        a, b = pair  # gap = W(a) - W(b): how far a trails b in the new version relative to the old
        old_c = old_c.reindex(index=evidence, fill_value=0.0)
        new_c = new_c.reindex(index=evidence, fill_value=0.0)
        delta = (new_c[a] - old_c[a]) - (new_c[b] - old_c[b])
        logs = {}
        for name, case in (("old", old_case), ("new", new_case)):
            if results[name][1] is not None:
                lik = bayes.likelihoods(case)
                with np.errstate(divide="ignore"):
                    logs[name] = (np.log(lik[b]) - np.log(lik[a])).reindex(evidence, fill_value=0.0)
        log_odds = logs["new"] - logs["old"] if len(logs) == 2 else pd.Series(0.0, index=evidence)
        for e in evidence:
            if abs(delta[e]) > 1e-12 or abs(log_odds[e]) > 1e-12:
                rows.append(
                    {
                        "id": e,
                        "cause": _cause(e, old_case, new_case, changes),
                        "gap": float(delta[e]),
                        "log_odds": float(log_odds[e]),
                    }
                )
    rows.sort(key=lambda r: -abs(r["gap"]) - 1e-6 * abs(r["log_odds"]))
    attribution = records_frame(rows, "id", ["cause", "gap", "log_odds"])
    for column in ("gap", "log_odds"):
        attribution[column] = attribution[column].astype(float)
    attribution = attribution.sort_values("gap", ascending=False, kind="stable")
    return DiffResult(
        old_leader=old_leader,
        new_leader=new_leader,
        old_confidence=results["old"][2].level if results["old"][2] else None,
        new_confidence=results["new"][2].level if results["new"][2] else None,
        changes_frame=pd.DataFrame(changes, columns=["kind", "item", "field", "old", "new"]),
        hypotheses_frame=hyp,
        attribution_frame=attribution,
        pair=pair,
    )
