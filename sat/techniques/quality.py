"""Quality of Information Check: which sources the analysis rests on, and how firmly.

The Tradecraft Primer's check asks for a source inventory, the critical
sources, corroboration, and confidence by source. Here:

*Independence.* Two sources are not independent when they share a publisher or
an origin (the statement or outlet they repeat, given by the case's
``origin``; an origin naming another source's id joins that source). Groups
are the connected components of that relation. Publishers beginning
"unnamed" or "unknown" are not matched to each other.

*Corroboration.* An evidence item is corroborated when its sources come from at
least two independent groups, and single-source when they come from one.
Items of type assumption are not sourced by nature and are left out.

*Share of the score.* Each item's weighted inconsistency (summed over
hypotheses, from the ACH) is split equally between its sources; a source's
share is its part of the total. Items without sources form the
``unsourced`` share.

*Critical items.* ACH linchpins and highly diagnostic items (weighted
diagnosticity in the top quarter of the case and above zero) that rest on a
single independent group, or only on sources graded D–F, are flagged for
re-checking, with why they matter and why their sourcing is thin.

*Grading* (the Admiralty system's two axes). A source's reliability (A–F) and
an item's information credibility (1–6) are recorded apart; the item's
credibility weight (H, M, L) should not claim more than they support. An item
weighted H is flagged (``overgraded``, with the reason) when it rests on one
source graded C or below, or ungraded, or when its information credibility is
4–6 (doubtful, improbable, or cannot be judged).

*Sourcing* (the confidence contribution). Of the evidence that separates the
leader from the runner-up (weighted by how far apart the two ratings
are), the share that is corroborated and has at least one source graded A–C.
At least 0.5 is *strong*, at least 0.25 *moderate*, else *weak*.

References
----------
.. [1] US Government, *A Tradecraft Primer*, 2009 (Quality of Information Check).
.. [2] US Army, *FM 2-22.3*, appendix B (source reliability A–F).
.. [3] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, 1999, ch. 10
   (oversensitivity to consistency: a consistent picture from few or correlated sources).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd

from sat import scales
from sat.case import Case, Source
from sat.techniques import ach as ach_technique
from sat.techniques._frames import FrameCopy, records_frame

__all__ = ["QualityResult", "independence_groups", "run"]

#: Reliability grades taken as dependable (A–C) and as weak (D–F).
DEPENDABLE = ("A", "B", "C")
WEAK = ("D", "E", "F")


def _grades(item: Any, cited: tuple[str, ...], reliability: dict[str, str | None]) -> str:
    """The item's Admiralty grades: each source's reliability with the information credibility.

    ``B2`` for one source graded B and information credibility 2; ``S1 C2, S4 C2`` for
    several; ``?`` stands for an ungraded source or an unrecorded credibility.
    """
    info = "?" if item.information_credibility is None else str(item.information_credibility)
    if not cited:
        return "" if item.information_credibility is None else info
    codes = [f"{reliability[s] or '?'}{info}" for s in cited]
    return (
        codes[0]
        if len(codes) == 1
        else ", ".join(f"{s} {c}" for s, c in zip(cited, codes, strict=True))
    )


def _overgraded(
    item: Any, cited: tuple[str, ...], reliability: dict[str, str | None]
) -> dict[str, Any] | None:
    """Why an item weighted H claims more than its grades support, as a fact (None when it does
    not): ``information`` (its information credibility is 4–6), ``ungraded`` (one source, not
    graded) or ``one_source`` (one source graded C or below)."""
    if item.credibility != "H":
        return None
    if item.information_credibility is not None and item.information_credibility >= 4:
        return {"kind": "information", "information_credibility": item.information_credibility}
    if len(cited) == 1 and reliability[cited[0]] not in ("A", "B"):
        if reliability[cited[0]] is None:
            return {"kind": "ungraded", "source": cited[0]}
        return {"kind": "one_source", "source": cited[0], "grade": reliability[cited[0]]}
    return None


def _publisher_key(source: Source) -> str | None:
    if not source.publisher:
        return None
    key = " ".join(source.publisher.lower().split())
    return None if key.startswith(("unnamed", "unknown", "anonymous")) else key


def independence_groups(sources: tuple[Source, ...]) -> dict[str, str]:
    """Map each source id to its independence group (the id of the group's first source).

    Examples
    --------
    >>> from sat.case import Source
    >>> s = lambda i, **kw: Source(id=i, title=i, reliability="C", reliability_reason="r", **kw)
    >>> independence_groups((s("S1", publisher="Daily"), s("S2", publisher="daily"),
    ...                      s("S3", origin="S1"), s("S4", origin="notice"), s("S5", origin="notice"),
    ...                      s("S6", publisher="Unnamed outlet"), s("S7", publisher="Unnamed outlet")))
    {'S1': 'S1', 'S2': 'S1', 'S3': 'S1', 'S4': 'S4', 'S5': 'S4', 'S6': 'S6', 'S7': 'S7'}
    """
    from networkx.utils import UnionFind  # heavy: imported when groups are formed

    position: dict[str, int] = {}
    for i, s in enumerate(sources):
        position.setdefault(s.id, i)
    sets = UnionFind(position)
    by_key: dict[tuple[str, str], str] = {}
    for s in sources:
        keys = []
        if (publisher := _publisher_key(s)) is not None:
            keys.append(("publisher", publisher))
        if s.origin:
            if s.origin in position:
                sets.union(s.id, s.origin)
            keys.append(("origin", " ".join(s.origin.lower().split())))
        for key in keys:
            if key in by_key:
                sets.union(s.id, by_key[key])
            else:
                by_key[key] = s.id
    # a group is named after its first source in the case, whichever root the union-find chose
    first: dict[str, str] = {}
    for group in sets.to_sets():
        first.update(dict.fromkeys(group, min(group, key=position.__getitem__)))
    return {s.id: first[s.id] for s in sources}


@dataclass(frozen=True)
class QualityResult:
    """The result of ``run``.

    Attributes
    ----------
    sources : pandas.DataFrame
        Source inventory by source id: ``title``, ``reliability``, ``group``
        (independence), ``items`` (evidence citing it), ``sole_source_items``
        (items it alone supports), ``share`` (of the weighted score).
    evidence : pandas.DataFrame
        By evidence id: ``sources``, ``groups`` (independent origins),
        ``corroborated``, ``single_source``, ``unsourced``, ``weak_sources_only``,
        ``critical``, ``important`` (``linchpin``, ``diagnostic``: why the item
        matters), ``thin`` (``one_group``, ``unsourced``, ``weak_only``: why its
        sourcing is thin; empty unless it is critical), ``grades`` and
        ``overgraded`` (see ``overgraded``, None when not).
    unsourced_share : float
        The share of the weighted score resting on items without sources.
    sourcing : dict
        The confidence contribution: ``share``, ``level`` and what it was computed on
        (``basis``: ``separating``, the evidence separating ``leader`` from
        ``challenger``; or why there is none: ``no_leader``, ``no_challenger``,
        ``none_separates``). The words are ``sat.report.claims.quality``'s.
    """

    sources_frame: pd.DataFrame = field(repr=False)
    evidence_frame: pd.DataFrame = field(repr=False)
    unsourced_share: float = 0.0
    sourcing: dict[str, Any] = field(default_factory=dict)

    sources = FrameCopy()
    evidence = FrameCopy()

    @property
    def critical(self) -> tuple[str, ...]:
        """Items to re-check: linchpins or highly diagnostic items on thin or weak sourcing."""
        ev = self.evidence_frame
        return tuple(ev.index[ev["critical"]])

    @property
    def overgraded(self) -> dict[str, dict[str, Any]]:
        """Items weighted H beyond what their source grades and information credibility support,
        each with the fact that shows it (``kind`` ``information``, ``ungraded`` or
        ``one_source``, and its figures)."""
        ev = self.evidence_frame
        return {e: why for e, why in ev["overgraded"].items() if why}

    @property
    def single_source(self) -> tuple[str, ...]:
        ev = self.evidence_frame
        return tuple(ev.index[ev["single_source"]])

    @property
    def corroborated(self) -> tuple[str, ...]:
        ev = self.evidence_frame
        return tuple(ev.index[ev["corroborated"]])

    def to_dict(self) -> dict[str, Any]:
        src, ev = self.sources_frame, self.evidence_frame
        return {
            "sources": [
                {
                    "id": s,
                    "title": row["title"],
                    "reliability": row["reliability"],
                    "group": row["group"],
                    "items": int(row["items"]),
                    "sole_source_items": int(row["sole_source_items"]),
                    "share": round(float(row["share"]), 6),
                }
                for s, row in src.iterrows()
            ],
            "evidence": [
                {
                    "id": e,
                    "sources": list(row["sources"]),
                    "groups": int(row["groups"]),
                    "corroborated": bool(row["corroborated"]),
                    "single_source": bool(row["single_source"]),
                    "critical": bool(row["critical"]),
                    "important": list(row["important"]),
                    "thin": list(row["thin"]),
                    "grades": row["grades"],
                    "overgraded": row["overgraded"],
                }
                for e, row in ev.iterrows()
            ],
            "critical": list(self.critical),
            "overgraded": self.overgraded,
            "unsourced_share": round(self.unsourced_share, 6),
            "sourcing": self.sourcing,
        }


def run(case: Case, *, ach: ach_technique.ACHResult) -> QualityResult:
    """Run the Quality of Information Check on the case's ACH result (``ach``).

    Examples
    --------
    >>> import sat
    >>> from sat.paths import EXAMPLE_CASE
    >>> case = sat.load_case(EXAMPLE_CASE)
    >>> quality = run(case, ach=sat.ach.run(case))
    >>> round(float(quality.sources["share"].sum() + quality.unsourced_share), 9)
    1.0
    """
    groups = independence_groups(case.sources)
    reliability = {s.id: s.reliability for s in case.sources}
    item_weight = ach.contributions.sum(axis=1)  # evidence x hypotheses, case order
    total = float(item_weight.sum())
    weights = _source_weights(case, groups, item_weight)
    diag = ach.evidence["weighted_diagnosticity"]
    positive = diag[diag > 0]
    important = _Importance(
        linchpins=frozenset(ach.linchpins),
        diagnosticity=diag,
        threshold=float(np.quantile(positive, 0.75)) if len(positive) else np.inf,
    )
    evidence = _evidence_frame(
        [_evidence_row(item, groups, reliability, important) for item in case.evidence]
    )
    return QualityResult(
        sources_frame=_sources_frame(case, groups, weights, total),
        evidence_frame=evidence,
        unsourced_share=weights.unsourced / total if total else 0.0,
        sourcing=_sourcing(case, ach, evidence, reliability),
    )


@dataclass(frozen=True)
class _SourceWeights:
    """Per source: the share of the items' weight it carries (an item's weight split equally
    between its sources), the items citing it, and those it is the only source of; and the weight
    of the items citing none."""

    score: dict[str, float]
    items: dict[str, int]
    sole: dict[str, int]
    unsourced: float


def _source_weights(case: Case, groups: dict[str, str], item_weight: pd.Series) -> _SourceWeights:
    score = dict.fromkeys(groups, 0.0)
    items = dict.fromkeys(groups, 0)
    sole = dict.fromkeys(groups, 0)
    unsourced = 0.0
    for item in case.evidence:
        cited = tuple(dict.fromkeys(item.sources))
        weight = float(item_weight[item.id])
        if cited:
            for s in cited:
                score[s] += weight / len(cited)
                items[s] += 1
            if len(cited) == 1:
                sole[cited[0]] += 1
        else:
            unsourced += weight
    return _SourceWeights(score, items, sole, unsourced)


@dataclass(frozen=True)
class _Importance:
    """What makes an item important: a linchpin, or weighted diagnosticity in the top quarter of
    the positive values."""

    linchpins: frozenset[str]
    diagnosticity: pd.Series
    threshold: float

    def of(self, ident: str) -> tuple[str, ...]:
        diag = self.diagnosticity[ident]
        return tuple(
            kind
            for kind, applies in (
                ("linchpin", ident in self.linchpins),
                ("diagnostic", diag >= self.threshold and diag > 0),
            )
            if applies
        )


def _evidence_row(
    item: Any, groups: dict[str, str], reliability: dict[str, str | None], importance: _Importance
) -> dict[str, Any]:
    """One item's sourcing: its sources and their independent groups, the flags, and why an
    important item is thinly sourced."""
    cited = tuple(dict.fromkeys(item.sources))
    origins = {groups[s] for s in cited}
    sourced = item.type != "assumption"
    # an ungraded source is no more dependable than one graded D-F until the analyst grades it
    weak_only = bool(cited) and all(reliability[s] in WEAK or reliability[s] is None for s in cited)
    important = importance.of(item.id)
    thin: tuple[str, ...] = ()
    if important and sourced:
        thin = tuple(
            kind
            for kind, applies in (
                ("one_group", len(origins) == 1),
                ("unsourced", not cited),
                ("weak_only", weak_only),
            )
            if applies
        )
    return {
        "id": item.id,
        "type": item.type,
        "sources": cited,
        "groups": len(origins),
        "corroborated": sourced and len(origins) >= 2,
        "single_source": sourced and len(origins) == 1,
        "unsourced": sourced and not cited,
        "weak_sources_only": weak_only,
        "critical": bool(thin),
        "important": important,
        "thin": thin,
        "grades": _grades(item, cited, reliability),
        "overgraded": _overgraded(item, cited, reliability),
    }


def _evidence_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    evidence = records_frame(
        rows,
        "id",
        [
            "type",
            "sources",
            "groups",
            "corroborated",
            "single_source",
            "unsourced",
            "weak_sources_only",
            "critical",
            "important",
            "thin",
            "grades",
            "overgraded",
        ],
        flags=("corroborated", "single_source", "unsourced", "weak_sources_only", "critical"),
    )
    evidence["groups"] = evidence["groups"].astype(int)
    return evidence


def _sources_frame(
    case: Case, groups: dict[str, str], weights: _SourceWeights, total: float
) -> pd.DataFrame:
    sources = records_frame(
        [
            {
                "id": s.id,
                "title": s.title,
                "publisher": s.publisher,
                "reliability": s.reliability,
                "meaning": scales.RELIABILITY.get(s.reliability, "ungraded"),
                "group": groups[s.id],
                "items": weights.items[s.id],
                "sole_source_items": weights.sole[s.id],
                "share": weights.score[s.id] / total if total else 0.0,
            }
            for s in case.sources
        ],
        "id",
        [
            "title",
            "publisher",
            "reliability",
            "meaning",
            "group",
            "items",
            "sole_source_items",
            "share",
        ],
    )
    return sources.astype({"items": int, "sole_source_items": int, "share": float})


def _sourcing(
    case: Case, result: ach_technique.ACHResult, evidence: pd.DataFrame, reliability: dict
) -> dict[str, Any]:
    """How well the evidence separating the leader from the runner-up is sourced."""
    challenger = result.runner_up
    if challenger is None:
        basis = "no_leader" if result.sole is None else "no_challenger"
        return {"share": None, "level": None, "basis": basis}
    leader = result.sole
    values = result.ratings.replace({"": "NA", "P": "NA"}).map(scales.SCALE_VALUE.get)
    gap = (values[leader] - values[challenger]).abs() * result.evidence["weight"].reindex(
        values.index
    )
    gap = gap[gap > 0]
    if gap.empty:
        return {
            "share": None,
            "level": None,
            "leader": leader,
            "challenger": challenger,
            "basis": "none_separates",
        }
    good = [
        e
        for e in gap.index
        if evidence.at[e, "corroborated"]
        and any(reliability[s] in DEPENDABLE for s in evidence.at[e, "sources"])
    ]
    share = float(gap[good].sum() / gap.sum())
    level = "strong" if share >= 0.5 else "moderate" if share >= 0.25 else "weak"
    return {
        "share": round(share, 6),
        "level": level,
        "leader": leader,
        "challenger": challenger,
        "items": len(gap),
        "sourced": sum(bool(evidence.at[e, "sources"]) for e in gap.index),
        "well_sourced": good,
        "basis": "separating",
    }
