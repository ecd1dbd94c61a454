"""The situations' raw material: rating matrices drawn with a shape, and case data around them.

Ratings are code positions (items × hypotheses); the helpers draw them, make room for
chosen hypotheses to lead, push the others clearly worse, and ``_assemble`` turns a
matrix into plain case data (items, types, weights, sources, dates).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

import numpy as np

from sat import scales
from sat.testing.generated import _CODES, _WEIGHTS

# Code positions are those of ``sat.scales.RATING_CODES``: CC 0, C 1, N 2, I 3, II 4, NA 5.

_C, _N, _I, _II, _NA = 1, 2, 3, 4, 5
_NAMES = np.array(_CODES, dtype=object)
_POINTS = np.array([-scales.WEIGHTED_VALUE[c] for c in _CODES], float)  # I 1, II 2
_LEVEL_WEIGHTS = np.array([scales.LEVEL_WEIGHT[level] for level in scales.LEVELS])
_ON_LADDER = np.array(_WEIGHTS[:5]) / sum(_WEIGHTS[:5])  # the typical weights without NA
_KINDS = (
    "report",
    "official statement",
    "expert comment",
    "data",
    "assumption",
    "absence of evidence",
)
_KIND_WEIGHTS = (0.5, 0.15, 0.15, 0.1, 0.05, 0.05)
# A score must beat another by more than ``sat.techniques.ach``'s tolerance (1e-9) to count.
_CLEAR = 1e-6


def _levels(rng: np.random.Generator, n: int) -> np.ndarray:
    """Credibility and relevance positions in ``LEVELS`` (items × 2)."""
    return rng.choice(3, size=(n, 2), p=(0.2, 0.5, 0.3))


def _item_weights(levels: np.ndarray) -> np.ndarray:
    return _LEVEL_WEIGHTS[levels[:, 0]] * _LEVEL_WEIGHTS[levels[:, 1]]


def _draw(
    rng: np.random.Generator, n_e: int, n_h: int, p: Iterable[float] = _WEIGHTS
) -> np.ndarray:
    p = np.asarray(tuple(p), float)
    return rng.choice(len(p), size=(n_e, n_h), p=p / p.sum())


def _make_room(rng: np.random.Generator, codes: np.ndarray, top: list[int]) -> None:
    """Make sure ``top`` can lead (in place): each top column holds a scored rating (a column of
    NA only is unranked) and not every top cell is II (so the others can score worse)."""
    block = codes[:, top]
    if (block == _II).all() or (block == _NA).all(axis=0).any():
        codes[rng.integers(len(codes)), top] = _N


def _push_above(
    rng: np.random.Generator,
    codes: np.ndarray,
    weight: np.ndarray,
    bound: float,
    others: Iterable[int],
) -> None:
    """Raise each of ``others`` until its weighted inconsistency clearly exceeds ``bound`` (in place).

    Cells move to I, then to II, in a random order; NA cells count as rated N.
    Possible whenever ``bound`` is below every item at II (``_make_room``).
    """
    for j in others:
        score = float(weight @ _POINTS[codes[:, j]])
        for target in (_I, _II):
            for i in rng.permutation(len(codes)).tolist():
                if score > bound + _CLEAR:
                    break
                code = codes[i, j]
                if code == _NA or code < target:
                    score += weight[i] * (_POINTS[target] - _POINTS[code])
                    codes[i, j] = target


def _assemble(
    rng: np.random.Generator,
    codes: np.ndarray,
    *,
    levels: np.ndarray | None = None,
    unrated: np.ndarray | None = None,
    sourcing: str = "shared",
    dated: bool = True,
    assumption_items: bool = True,
    grades: dict[int, str] | None = None,
) -> dict[str, Any]:
    """Case data around a matrix of code positions (items × hypotheses).

    ``sourcing``: ``shared`` (as ``generate_case``: one or two of n/10 sources an item,
    none for assumptions), ``none``, ``one`` (every item cites S1) or ``all-but-one``
    (every item cites S1 but one, which cites S2). ``unrated`` marks cells left out of
    ``ratings``. ``grades`` overrides sources' reliability by position.
    """
    n_e, n_h = codes.shape
    hyps = [f"H{j + 1}" for j in range(n_h)]
    levels = _levels(rng, n_e) if levels is None else levels
    kinds = rng.choice(len(_KINDS), size=n_e, p=_KIND_WEIGHTS)
    if not assumption_items:
        kinds[kinds == _KINDS.index("assumption")] = 0
    if sourcing == "shared":
        n_sources = max(2, n_e // 10)
        picks = [
            [f"S{k + 1}" for k in sorted(rng.choice(n_sources, size=m, replace=False).tolist())]
            for m in (1 + (rng.random(n_e) < 0.3)).tolist()
        ]
    elif sourcing == "none":
        n_sources, picks = 0, [[] for _ in range(n_e)]
    elif sourcing == "one":
        n_sources, picks = 1, [["S1"] for _ in range(n_e)]
    else:  # all-but-one
        n_sources, picks = 2, [["S1"] for _ in range(n_e)]
        picks[int(rng.integers(n_e))] = ["S2"]
    matrix = _NAMES[codes].tolist()
    rated = ~unrated if unrated is not None else np.ones(codes.shape, bool)
    start = dt.date(2026, 1, 1)
    evidence = []
    for i in range(n_e):
        kind = _KINDS[kinds[i]]
        item: dict[str, Any] = {
            "id": f"E{i + 1}",
            "summary": f"Generated item {i + 1}",
            "type": kind,
            "credibility": scales.LEVELS[levels[i, 0]],
            "relevance": scales.LEVELS[levels[i, 1]],
        }
        if dated:
            item["date"] = (start + dt.timedelta(days=i % 365)).isoformat()
        item["ratings"] = {h: c for h, c, r in zip(hyps, matrix[i], rated[i], strict=True) if r}
        if picks[i] and (sourcing != "shared" or kind != "assumption"):
            item["sources"] = picks[i]
        evidence.append(item)
    grades = grades or {}
    return {
        "id": "generated",
        "title": "Generated case",
        "question": "Which hypothesis does the generated evidence favour?",
        "date": start.isoformat(),
        "analysts": ["generator"],
        "sources": [
            {
                "id": f"S{k + 1}",
                "title": f"Source {k + 1}",
                "publisher": f"Outlet {k % 7}",
                "reliability": grades.get(k, "ABCDEF"[k % 6]),
                "reliability_reason": "generated",
            }
            for k in range(n_sources)
        ],
        "hypotheses": [
            {"id": h, "label": f"Hypothesis {h}", "statement": f"Generated hypothesis {h}."}
            for h in hyps
        ],
        "evidence": evidence,
    }


def _tied_pair(rng: np.random.Generator, n_e: int, n_h: int, p: Iterable[float] = _WEIGHTS):
    """Codes where two columns are identical and every other scores clearly worse; the pair."""
    codes = _draw(rng, n_e, n_h, p)
    levels = _levels(rng, n_e)
    weight = _item_weights(levels)
    a, b = rng.choice(n_h, size=2, replace=False).tolist()
    codes[:, b] = codes[:, a]
    _make_room(rng, codes, [a, b])
    others = [j for j in range(n_h) if j not in (a, b)]
    _push_above(rng, codes, weight, float(weight @ _POINTS[codes[:, a]]), others)
    return codes, levels, a, b
