"""The Bayesian mode's posterior, recomputed cell by cell, for the conditions to check against.

The technique (``sat.techniques.posterior`` and ``sat.techniques.dependence``)
computes posteriors vectorised over the matrix and the Monte Carlo draws. The
conditions of the sentences that cite a posterior must not read it back from
the result the sentence was built from, or a wrong posterior would pass. This
module recomputes the point posterior from the case alone, one item and one
hypothesis at a time in plain floats, as the model is documented:

* a coded cell's likelihood is the table's value tempered towards 0.5 by the
  item's credibility, ``t·ℓ + (1 − t)·0.5``; a probability cell is taken as
  given; NA and a hypothesis the item does not rate count 0.5; assumptions
  count nothing;
* items of one declared cluster or quoting the same words (case and spacing
  aside) are one unit, whose likelihood is the geometric mean of theirs;
* units citing the same set of independence groups form an origin of
  reliability ``1 − Π(1 − r_g)`` (``r_g`` the mean of the group's sources'
  ``RELIABILITY``); an unsourced unit is an origin of reliability 1;
* an origin's likelihood is ``r·Π ℓ_u(h) + (1 − r)·Π b_u``, ``b_u`` the
  unit's largest likelihood over the hypotheses.

References
----------
.. [1] L. Bovens and S. Hartmann, *Bayesian Epistemology*, Oxford University
   Press, 2003, ch. 3.
.. [2] SAT-REFERENCE.md, section 10 (dependent reports share the source's reliability).
"""

from __future__ import annotations

import math
from collections.abc import Mapping

from sat import scales
from sat.case import Case, prior_probabilities
from sat.techniques.dependence import RELIABILITY
from sat.techniques.posterior import DEFAULT_LIKELIHOODS, DEFAULT_TEMPERING
from sat.techniques.quality import independence_groups


def tables(case: Case) -> dict[str, dict[str, float]]:
    """The stated likelihood table and the three other readings the range is reported over:
    conservative (CC and C count as N), flatter and steeper (log odds times 0.5 and 1.5)."""
    base = {**DEFAULT_LIKELIHOODS, **dict(case.bayes.likelihoods or {})}

    def scaled(k: float) -> dict[str, float]:
        return {c: 1 / (1 + math.exp(-k * math.log(p / (1 - p)))) for c, p in base.items()}

    return {
        "stated": base,
        "conservative": {**base, "CC": 0.5, "C": 0.5},
        "flatter": scaled(0.5),
        "steeper": scaled(1.5),
    }


def posterior(case: Case, table: Mapping[str, float] | None = None) -> dict[str, float]:
    """Each hypothesis's posterior under one likelihood table (default: the stated one)."""
    hyps = [h.id for h in case.hypotheses]
    table = tables(case)["stated"] if table is None else table
    tempering = {**DEFAULT_TEMPERING, **dict(case.bayes.tempering or {})}
    counted = [e for e in case.evidence if e.type != "assumption"]

    def cell(e, h: str) -> float:
        value = e.rating(h)
        if isinstance(value, float | int) and not isinstance(value, bool):
            return float(value)
        if value in scales.RATING_LADDER:
            t = tempering[e.credibility]
            return t * table[value] + (1 - t) * 0.5
        return 0.5

    # units: one cluster, or the same words quoted
    unit_of = list(range(len(counted)))

    def find(i: int) -> int:
        while unit_of[i] != i:
            i = unit_of[i]
        return i

    first: dict[tuple[str, str], int] = {}
    for i, e in enumerate(counted):
        keys = ([("cluster", e.cluster)] if e.cluster else []) + [
            ("quote", " ".join(q.casefold().split())) for q in e.quote
        ]
        for key in keys:
            if key in first:
                a, b = find(i), find(first[key])
                unit_of[max(a, b)] = min(a, b)
            else:
                first[key] = i
    units: dict[int, list[int]] = {}
    for i in range(len(counted)):
        units.setdefault(find(i), []).append(i)

    groups = independence_groups(case.sources)
    members: dict[str, list[float]] = {}
    for s in case.sources:
        members.setdefault(groups[s.id], []).append(RELIABILITY[s.reliability])
    group_r = {g: sum(v) / len(v) for g, v in members.items()}
    origins: dict[object, list[int]] = {}
    for root, items in units.items():
        key = frozenset(groups[s] for i in items for s in counted[i].sources if s in groups)
        origins.setdefault(key if key else ("alone", root), []).append(root)

    prior = prior_probabilities(case.hypotheses)
    log_post = {h: math.log(p) if p > 0 else -math.inf for h, p in zip(hyps, prior, strict=True)}
    for key, roots in origins.items():
        r = 1.0 - math.prod(1.0 - group_r[g] for g in key) if isinstance(key, frozenset) else 1.0
        # ln Π_u ℓ_u(h) − ln Π_u b_u, per hypothesis
        rel = dict.fromkeys(hyps, 0.0)
        for root in roots:
            items = units[root]
            unit = {}
            for h in hyps:
                values = [cell(counted[i], h) for i in items]
                unit[h] = (
                    -math.inf
                    if min(values) == 0
                    else sum(math.log(v) for v in values) / len(values)
                )
            top = max(unit.values())
            if top == -math.inf:  # no hypothesis explains this unit: the origin rules out all
                return dict.fromkeys(hyps, math.nan)
            for h in hyps:
                rel[h] += unit[h] - top
        for h in hyps:
            if r == 1.0:
                log_post[h] += rel[h]
            else:
                inner = r * (math.exp(min(rel[h], 0.0)) if rel[h] > -math.inf else 0.0)
                log_post[h] += math.log(inner + (1 - r)) if inner + (1 - r) > 0 else -math.inf
    top = max(log_post.values())
    weights = {h: math.exp(v - top) if v > -math.inf else 0.0 for h, v in log_post.items()}
    total = sum(weights.values())
    return {h: w / total for h, w in weights.items()}


def posterior_range(case: Case) -> dict[str, tuple[float, float]]:
    """Each hypothesis's lowest and highest posterior across the four likelihood tables."""
    each = [posterior(case, t) for t in tables(case).values()]
    return {h: (min(p[h] for p in each), max(p[h] for p in each)) for h in each[0]}
