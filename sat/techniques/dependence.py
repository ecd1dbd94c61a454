"""Dependent evidence in the Bayesian mode: reports of one source share its reliability.

Naive Bayes multiplies the items' likelihoods as if each were independent
given the hypothesis. Reports of one source are not: if the source is wrong
about one thing it may well be wrong about the next, so its errors are
correlated. Schum (1994) calls the surplus *redundancy*: corroboration from one
origin adds less than corroboration from independent ones. Bovens and Hartmann
(2003, ch. 3) model it with the source's reliability as a variable shared by
all its reports; this module follows them.

The model
---------
* **Origins.** The sources an item cites are put into independence groups as
  the Quality of Information Check forms them
  (``sat.techniques.quality.independence_groups``: one publisher, one origin).
  The items of one group form one *origin*. An item citing several groups is a
  joint report, an origin of its own. An item with no source stands alone: an
  origin of one with reliability 1, so it counts exactly as before (its own
  credibility tempering only).
* **Reliability** r of an origin: each source's Admiralty grade through
  ``RELIABILITY`` (A 0.9, B 0.75, C 0.5, D 0.3, E 0.1, F 0.5, ungraded 0.5);
  a group takes the mean of its sources' values; a joint report is wrong only
  when all its groups are, ``r = 1 − Π (1 − r_g)``. The table reads the
  grades' definitions as chances that the source reports what it saw: A ("no
  doubt ... a history of complete reliability") is high but below 1, since a
  completely reliable source can itself be deceived; B ("minor doubt", mostly
  valid) three in four; C ("doubt", has given valid information) even; D
  ("significant doubt") 0.3; E ("lacking in authenticity", a history of
  invalid information) 0.1; F ("cannot be judged") and an ungraded source the
  point of indifference, 0.5, which claims nothing either way. ``BayesSettings``
  has no field for it, so the table is the module's (``run(case,
  reliability=...)`` takes another for a what-if).
* **Repeats.** Items retelling one fact are one report: the items of one
  declared ``cluster`` and the items quoting the same words (a quote string
  equal, case and spacing aside) form a *unit*, whose likelihood for each
  hypothesis is the geometric mean of its items' (the mean of their log
  likelihoods; each item's ``share`` is 1/n), so n copies count once. A unit
  whose items come from several origins joins them into one. Assumptions are
  premises, not observations: they weigh 0 and belong to no unit.
* **Shared reliability.** For an origin with units u = 1..k of likelihoods
  ℓ_u(h) (each already tempered by the item's credibility)::

      P(reports | h) = r · Π_u ℓ_u(h) + (1 − r) · Π_u b_u,   b_u = max_h' ℓ_u(h')

  With chance r the source reports what it sees; otherwise its reports follow
  its bias. No bias is stated in a case, so the bias is neutral: b_u is the
  same for every hypothesis (the report as expected as under its best
  explanation), and the (1 − r) term discriminates nothing. Worked in log
  space (log-sum-exp), so thousands of items never underflow.

Consequences
------------
For two hypotheses h and g, write Λ for an origin's log likelihood ratio
ln P(reports | h) − ln P(reports | g), and D = Σ_u ln ℓ_u(h)/ℓ_u(g) for what
the same units would give if independent and fully reliable (naive Bayes).
Each is tested in ``tests/techniques/test_dependence.py``.

* **Bounded by the reliability.** Since ℓ_u(h) ≤ b_u for every unit and
  hypothesis, ``(1 − r) Π b_u ≤ P(reports | h) ≤ Π b_u``, so
  ``|Λ| ≤ ln(1 / (1 − r))`` exactly, for any number of reports and any two
  hypotheses: a source graded C (r = 0.5) can multiply the odds by at most 2,
  one graded A (r = 0.9) by at most 10. An unsourced item (r = 1) is not bounded.
* **Never reversed, never amplified.** With x = Π ℓ_u(h)/b_u and
  y = Π ℓ_u(g)/b_u, Λ = ln((r x + 1 − r) / (r y + 1 − r)), which lies between
  0 and D = ln(x / y): the shared reliability only discounts. ``Λ / D`` is
  the origin's *discount*.
* **More than one, less than k independent.** For k reports each favouring h
  over g (two hypotheses, so b_u = ℓ_u(h) and ρ_u = ℓ_u(g)/ℓ_u(h) ≤ 1),
  Λ_k = −ln(1 − r + r Π ρ_u): it grows with every report, so k reports add
  more than any one of them; and since ``1 − r + r Π ρ_u ≥ Π (1 − r + r ρ_u)``
  (by induction: for two, the difference is r(1 − r)(1 − ρ_1)(1 − ρ_2) ≥ 0),
  they add less than the same k reports from k independent sources of the
  same reliability.
* **One report** of reliability r is tempered the same way:
  ``P(e | g) → r ℓ(g) + (1 − r) b``, pulled towards the likelihood of its
  best explanation, as credibility pulls a likelihood towards 0.5.

The trace attributes an origin's Λ (leader against runner-up) to its items in
proportion to their own share of D: each item's ``llr`` is its log likelihood
ratio times its unit share times the origin's discount Λ / D, so the items'
``llr`` add up to the origin's Λ, and with the prior log odds to the
posterior log odds.

References
----------
.. [1] L. Bovens and S. Hartmann, *Bayesian Epistemology*, Oxford University
   Press, 2003, ch. 3 (partially reliable sources sharing one reliability).
.. [2] D. A. Schum, *Evidential Foundations of Probabilistic Reasoning*, Wiley,
   1994 (redundant and corroborative evidence from one origin).
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType

import numpy as np
import pandas as pd

from sat.case import Case
from sat.techniques.quality import independence_groups

__all__ = ["RELIABILITY", "Structure", "combine", "dependence", "structure"]

#: Chance that a source of each Admiralty grade reports what it sees (None: ungraded).
RELIABILITY: Mapping[str | None, float] = MappingProxyType(
    {"A": 0.9, "B": 0.75, "C": 0.5, "D": 0.3, "E": 0.1, "F": 0.5, None: 0.5}
)


@dataclass(frozen=True)
class Structure:
    """How the items of a case group into repeats (units) and origins, as arrays.

    Counted items (not assumptions) are listed in ``order``: by origin, and by
    unit within it. ``unit_starts`` are the positions in ``order`` where each
    unit begins, ``origin_starts`` the units where each origin begins;
    ``share`` is each item's weight in its unit (1/n; 0 for assumptions),
    ``item_origin`` each item's origin (−1 for assumptions), ``reliability``
    each origin's r, ``sourced`` whether it rests on a source; labels name
    units and origins for tables.
    """

    order: np.ndarray
    unit_starts: np.ndarray
    origin_starts: np.ndarray
    share: np.ndarray
    item_origin: np.ndarray
    item_unit: np.ndarray
    reliability: np.ndarray
    sourced: np.ndarray
    unit_labels: tuple[str, ...]
    origin_labels: tuple[str, ...]

    @property
    def trivial(self) -> bool:
        """Every item counts alone and fully: nothing to combine (naive Bayes)."""
        return len(self.origin_starts) == len(self.unit_starts) == len(self.order) and bool(
            np.all(self.reliability == 1.0)
        )


def structure(case: Case, reliability: Mapping[str | None, float] | None = None) -> Structure:
    """Units and origins of a case's items (see the module docstring).

    ``reliability`` maps Admiralty grades to r (default ``RELIABILITY``).
    """
    table = {**RELIABILITY, **dict(reliability or {})}
    bad = {k: v for k, v in table.items() if not 0 <= v <= 1}
    if bad:
        raise ValueError(f"reliability must lie between 0 and 1: {bad}")
    groups = independence_groups(case.sources)
    by_group: dict[str, list[float]] = {}
    for s in case.sources:
        by_group.setdefault(groups[s.id], []).append(float(table[s.reliability]))
    group_r = {g: sum(v) / len(v) for g, v in by_group.items()}

    items = case.evidence
    n = len(items)
    counted = [item.type != "assumption" for item in items]
    from networkx.utils import UnionFind  # heavy: imported when units are formed

    sets = UnionFind(range(n))
    seen: dict[tuple[str, str], int] = {}
    for i, item in enumerate(items):
        if not counted[i]:
            continue
        keys = [("cluster", item.cluster)] if item.cluster else []
        keys += [("quote", " ".join(q.casefold().split())) for q in item.quote]
        for key in keys:
            if key in seen:
                sets.union(i, seen[key])
            else:
                seen[key] = i
    by_root: dict[int, list[int]] = {}
    for i in range(n):
        if counted[i]:
            by_root.setdefault(sets[i], []).append(i)
    units = {members[0]: members for members in by_root.values()}  # keyed by each unit's first item
    # a unit's origin: the independence groups of all its items' sources; units sharing one merge
    unit_groups = {
        root: frozenset(groups[s] for i in members for s in items[i].sources if s in groups)
        for root, members in units.items()
    }
    origin_of: dict[frozenset[str] | int, list[int]] = {}
    for root, gs in unit_groups.items():
        origin_of.setdefault(gs if gs else root, []).append(root)

    order: list[int] = []
    unit_starts: list[int] = []
    origin_starts: list[int] = []
    r_list: list[float] = []
    sourced: list[bool] = []
    unit_labels: list[str] = []
    origin_labels: list[str] = []
    share = np.zeros(n)
    item_origin = np.full(n, -1, dtype=np.intp)
    item_unit = np.full(n, -1, dtype=np.intp)
    for key, roots in origin_of.items():
        origin_starts.append(len(unit_starts))
        o = len(origin_labels)
        if isinstance(key, frozenset):
            names = sorted(key)
            origin_labels.append("source " + " + ".join(names))
            r_list.append(1.0 - math.prod(1.0 - group_r[g] for g in names))
            sourced.append(True)
        else:
            origin_labels.append(f"item {items[roots[0]].id}")
            r_list.append(1.0)
            sourced.append(False)
        for root in roots:
            members = units[root]
            item_unit[members] = len(unit_starts)
            unit_starts.append(len(order))
            order.extend(members)
            share[members] = 1.0 / len(members)
            item_origin[members] = o
            declared = next((items[i].cluster for i in members if items[i].cluster), None)
            if declared:
                unit_labels.append(f"cluster {declared}")
            elif len(members) > 1:
                unit_labels.append(f"same quote as {items[members[0]].id}")
            else:
                unit_labels.append(f"item {items[members[0]].id}")
    return Structure(
        order=np.array(order, dtype=np.intp),
        unit_starts=np.array(unit_starts, dtype=np.intp),
        origin_starts=np.array(origin_starts, dtype=np.intp),
        share=share,
        item_origin=item_origin,
        item_unit=item_unit,
        reliability=np.array(r_list, dtype=float),
        sourced=np.array(sourced, dtype=bool),
        unit_labels=tuple(unit_labels),
        origin_labels=tuple(origin_labels),
    )


def combine(log_items: np.ndarray, s: Structure, *, ordered: bool = False) -> np.ndarray:
    """Each origin's log P(reports | h), up to a constant per origin: (..., origins, hypotheses).

    ``log_items`` holds ln P(e | h) for every item (..., items, hypotheses), or
    with ``ordered`` for the counted items only, already in ``s.order``;
    leading axes (Monte Carlo draws) are carried through. The constant left
    out, Σ_u ln b_u, is the same for every hypothesis, so posteriors and log
    likelihood ratios are exact. An origin holding a unit that no hypothesis
    can explain (every likelihood 0) gets −inf for every hypothesis.
    """
    shape = (*log_items.shape[:-2], len(s.origin_starts), log_items.shape[-1])
    if len(s.order) == 0:
        return np.zeros(shape)
    x = log_items if ordered else log_items[..., s.order, :]
    if len(s.unit_starts) != len(s.order):  # some unit holds repeats: average them
        x = np.add.reduceat(x * s.share[s.order, None], s.unit_starts, axis=-2)
    top = x.max(axis=-1)  # ln b_u
    dead = np.isneginf(top)
    top = np.where(dead, 0.0, top)
    if len(s.origin_starts) != len(s.unit_starts):
        x = np.add.reduceat(x, s.origin_starts, axis=-2)
        top = np.add.reduceat(top, s.origin_starts, axis=-1)
        dead = np.maximum.reduceat(dead, s.origin_starts, axis=-1)
    rel = x - top[..., None]  # Σ_u ln ℓ_u(h) / b_u ≤ 0 (up to rounding)
    r = s.reliability[:, None]
    if not np.all(r == 1.0):
        with np.errstate(divide="ignore"):
            mixed = np.logaddexp(np.log(r) + np.minimum(rel, 0.0), np.log1p(-r))
        rel = np.where(r == 1.0, rel, mixed)
    return np.where(dead[..., None], -np.inf, rel)


def naive(log_items: np.ndarray, s: Structure) -> np.ndarray:
    """Each item's log likelihoods times its share in its unit (assumptions 0): (items, hypotheses)."""
    with np.errstate(invalid="ignore"):
        out = np.where(s.share[:, None] > 0, log_items * s.share[:, None], 0.0)
    return out


def attribute(
    log_items: np.ndarray, s: Structure, origin_llr: np.ndarray, a: int, b: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each item's part of its origin's log likelihood ratio of hypothesis ``a`` against ``b``.

    An item's part is its own share-weighted log ratio times its origin's
    discount Λ / D (the origin's log ratio over the sum of its items'), so the
    parts of an origin add up to Λ. Returns the parts and each origin's
    discount (1 where D is 0; where D is infinite, a probability of 0 met a
    partly reliable source, the part goes to the items holding the 0), and
    each origin's D over its items of finite log ratio.
    """
    with np.errstate(invalid="ignore"):
        own = naive(log_items[:, [a]], s)[:, 0] - naive(log_items[:, [b]], s)[:, 0]
    own = np.nan_to_num(own, nan=0.0, posinf=np.inf, neginf=-np.inf)
    n_o = len(s.origin_starts)
    counted = s.item_origin >= 0
    finite = np.isfinite(own)
    total = np.zeros(n_o)
    np.add.at(total, s.item_origin[counted & finite], own[counted & finite])
    infinite = np.zeros(n_o)
    np.add.at(infinite, s.item_origin[counted & ~finite], 1.0)
    with np.errstate(divide="ignore", invalid="ignore"):
        discount = np.where(total != 0, origin_llr / total, 1.0)
    discount = np.where(infinite > 0, 0.0, discount)
    parts = np.zeros(len(own))
    o = s.item_origin[counted]
    with np.errstate(invalid="ignore"):
        parts[counted] = np.where(finite[counted], own[counted] * discount[o], 0.0)
    if infinite.any():
        idx = np.flatnonzero(counted & ~finite)
        parts[idx] = origin_llr[s.item_origin[idx]] / infinite[s.item_origin[idx]]
    return parts, discount, total


def dependence(case: Case, reliability: Mapping[str | None, float] | None = None) -> pd.DataFrame:
    """How each item enters the likelihood: its ``unit`` of repeats and ``share`` in it, its
    ``source`` (origin) and that origin's ``reliability``, and a ``cluster`` label naming both.

    Assumptions weigh 0 and belong to no unit (``cluster`` missing); an item
    without a source is an origin of its own with reliability 1 (``source``
    missing). Missing labels are pandas' missing value, not ``None``.

    Examples
    --------
    >>> from sat.case import Case
    >>> src = [{"id": s, "title": s, "reliability": g, "reliability_reason": "r", "publisher": p}
    ...        for s, g, p in (("S1", "B", "Daily"), ("S2", "C", "Daily"), ("S3", "A", "Herald"))]
    >>> ev = [{"id": f"E{i}", "summary": "a", "sources": [s], "ratings": {"H1": "C"}}
    ...       for i, s in enumerate(("S1", "S2", "S3"), 1)]
    >>> ev.append({"id": "E4", "summary": "a", "type": "assumption", "ratings": {"H1": "C"}})
    >>> ev.append({"id": "E5", "summary": "a", "cluster": "chain", "ratings": {"H1": "C"}})
    >>> ev.append({"id": "E6", "summary": "a", "cluster": "chain", "ratings": {"H1": "C"}})
    >>> case = Case(id="x", title="x", question="?", date="2026-01-01", analysts=["me"],
    ...     sources=src, evidence=ev, hypotheses=[{"id": h, "label": h, "statement": h} for h in ("H1", "H2")])
    >>> d = dependence(case)
    >>> d["cluster"].tolist()[:3], d["reliability"].tolist(), d["share"].tolist()
    (['source S1', 'source S1', 'source S3'], [0.625, 0.625, 0.9, nan, 1.0, 1.0], [1.0, 1.0, 1.0, 0.0, 0.5, 0.5])
    >>> d.loc["E5", "cluster"]
    'cluster chain'
    """
    s = structure(case, reliability)
    o = s.item_origin
    unit = s.item_unit
    counted = o >= 0
    source = [s.origin_labels[k] if k >= 0 and s.sourced[k] else None for k in o]
    units = [s.unit_labels[k] if k >= 0 else None for k in unit]
    sizes = np.bincount(unit[counted], minlength=len(s.unit_starts)) if counted.any() else []
    labels = []
    for i, item in enumerate(case.evidence):
        if not counted[i]:
            labels.append(None)
            continue
        parts = [units[i]] if sizes[unit[i]] > 1 else []
        if source[i]:
            parts.append(source[i])
        labels.append("; ".join(parts) or f"item {item.id}")
    return pd.DataFrame(
        {
            "cluster": labels,
            "unit": units,
            "share": s.share,
            "source": source,
            "reliability": np.where(counted, s.reliability[np.maximum(o, 0)], np.nan)
            if len(s.reliability)
            else np.full(len(o), np.nan),
        },
        index=pd.Index([e.id for e in case.evidence], name="id"),
    )
