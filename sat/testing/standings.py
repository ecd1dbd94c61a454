"""Situations that shape the standing: ties, unrated hypotheses, NA, diagnosticity, sizes, panels.

Each builder registers itself with ``sat.testing.specs._situation``; the defining
properties are tabled in ``sat.testing.situations.situation``.
"""

from __future__ import annotations

import numpy as np

from sat.testing.matrices import (
    _C,
    _II,
    _N,
    _NA,
    _NAMES,
    _ON_LADDER,
    _POINTS,
    _assemble,
    _draw,
    _item_weights,
    _levels,
    _make_room,
    _push_above,
    _tied_pair,
)
from sat.testing.specs import _situation


@_situation("top-tie")
def _top_tie(rng, n_e, n_h, seed):
    codes, levels, _, _ = _tied_pair(rng, n_e, n_h)
    return _assemble(rng, codes, levels=levels)


@_situation("tie-break-lead")
def _tie_break_lead(rng, n_e, n_h, seed):
    codes, levels, a, b = _tied_pair(rng, n_e, n_h)
    i = int(rng.integers(n_e))  # a leads on consistency alone: C against N, both scoring 0
    codes[i, a], codes[i, b] = _C, _N
    return _assemble(rng, codes, levels=levels)


@_situation("all-tied")
def _all_tied(rng, n_e, n_h, seed):
    levels = _levels(rng, n_e)
    column = _draw(rng, n_e, 1)[:, 0]
    if (column == _NA).all():  # a column of NA only is unranked: nothing would lead
        column[rng.integers(n_e)] = _N
    codes = np.empty((n_e, n_h), int)
    groups: dict[tuple[int, int], list[int]] = {}
    for i, pair in enumerate(map(tuple, levels.tolist())):
        groups.setdefault(pair, []).append(i)
    for rows in groups.values():  # within items of one weight, each column a rotation of one
        for j in range(n_h):
            codes[rows, j] = np.roll(column[rows], j)
    return _assemble(rng, codes, levels=levels)


@_situation("posterior-tie")
def _posterior_tie(rng, n_e, n_h, seed):
    codes = _draw(rng, n_e, n_h, _ON_LADDER)
    a, b = rng.choice(n_h, size=2, replace=False).tolist()
    codes[:, b] = codes[:, a]
    _make_room(rng, codes, [a, b])
    for j in range(n_h):
        if j in (a, b):
            continue
        # never more consistent than a, cell by cell
        codes[:, j] = np.maximum(codes[:, j], codes[:, a])
        if not (codes[:, j] > codes[:, a]).any():
            i = int(rng.choice(np.flatnonzero(codes[:, a] < _II)))
            codes[i, j] = codes[i, a] + 1
    data = _assemble(rng, codes, assumption_items=False)  # the Bayesian mode weighs those 0
    if rng.random() < 0.5:
        for h in data["hypotheses"]:
            h["prior"] = 1 / n_h
    return data


@_situation("unrated-leader")
def _unrated_leader(rng, n_e, n_h, seed):
    codes = _draw(rng, n_e, n_h)
    levels = _levels(rng, n_e)
    _push_above(rng, codes, _item_weights(levels), 0.0, range(n_h - 1))
    unrated = np.zeros(codes.shape, bool)
    unrated[:, -1] = True  # the last hypothesis, added after the matrix was rated
    return _assemble(rng, codes, levels=levels, unrated=unrated)


@_situation("partly-unrated", min_evidence=2)
def _partly_unrated(rng, n_e, n_h, seed):
    codes = _draw(rng, n_e, n_h)
    unrated = np.zeros(codes.shape, bool)
    j = int(rng.integers(n_h))
    unrated[rng.choice(n_e, size=int(rng.integers(1, n_e)), replace=False), j] = True
    return _assemble(rng, codes, unrated=unrated)


@_situation("untested-leader", min_evidence=3)
def _untested_leader(rng, n_e, n_h, seed):
    # a hypothesis added late and rated on a few items only, where it fits: it leads both methods
    rated = np.sort(rng.choice(n_e, size=int(rng.integers(1, (n_e + 1) // 2)), replace=False))
    last = np.full(n_e, _N)  # an unrated cell counts as neutral in the Bayesian mode
    last[rated] = rng.choice([0, _C], size=len(rated))  # CC or C
    codes = np.empty((n_e, n_h), int)
    for j in range(n_h - 1):  # never more consistent than the last, cell by cell; I somewhere
        column = np.maximum(_draw(rng, n_e, 1, _ON_LADDER)[:, 0], last)
        if not (column >= 3).any():
            column[rng.integers(n_e)] = 3
        codes[:, j] = column
    codes[:, -1] = last
    unrated = np.zeros(codes.shape, bool)
    unrated[np.setdiff1d(np.arange(n_e), rated), -1] = True
    # no item of type assumption: the Bayesian mode weighs those 0, and an I there would not count
    return _assemble(rng, codes, unrated=unrated, assumption_items=False)


@_situation("all-na")
def _all_na(rng, n_e, n_h, seed):
    return _assemble(rng, np.full((n_e, n_h), _NA))


@_situation("non-diagnostic")
def _non_diagnostic(rng, n_e, n_h, seed):
    return _assemble(rng, np.repeat(_draw(rng, n_e, 1), n_h, axis=1))


@_situation("consistent-neutral")
def _consistent_neutral(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h, (0.15, 0.45, 0.4)))


@_situation("two-hypotheses", hypotheses=(2, 2))
def _two(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h))


@_situation("twelve-hypotheses", hypotheses=(12, 12))
def _twelve(rng, n_e, n_h, seed):
    return _assemble(rng, _draw(rng, n_e, n_h))


@_situation("analysts-disagree", hypotheses=(3, 50))
def _analysts_disagree(rng, n_e, n_h, seed):
    codes = _draw(rng, n_e, n_h)
    levels = _levels(rng, n_e)
    weight = _item_weights(levels)
    data = _assemble(rng, codes, levels=levels)
    names = ["Analyst 1", "Analyst 2", "Analyst 3"]
    data["analysts"] = ["generator", *names]
    panels = []
    for lead in rng.choice(n_h, size=3, replace=False).tolist():
        own = codes.copy()
        shift = rng.choice([-1, 0, 0, 1], size=own.shape)
        own = np.where(own == _NA, _NA, np.clip(own + shift, 0, _II))
        _make_room(rng, own, [lead])
        bound = float(weight @ _POINTS[own[:, lead]])
        _push_above(rng, own, weight, bound, [j for j in range(n_h) if j != lead])
        panels.append(_NAMES[own].tolist())
    hyps = [h["id"] for h in data["hypotheses"]]
    for i, item in enumerate(data["evidence"]):
        item["analyst_ratings"] = {
            name: dict(zip(hyps, panel[i], strict=True))
            for name, panel in zip(names, panels, strict=True)
        }
    return data


@_situation("leader-alone")
def _leader_alone(rng, n_e, n_h, seed):
    codes = _draw(rng, n_e, n_h)
    j = int(rng.integers(n_h))
    if (codes[:, j] == _NA).all():  # the one hypothesis scored: at least one code other than NA
        codes[rng.integers(n_e), j] = rng.integers(_NA)
    others = [k for k in range(n_h) if k != j]
    codes[:, others] = _NA
    # every other hypothesis rated NA, not rated, or a mix, column by column
    unrated = rng.random((n_e, n_h)) < rng.choice([0.0, 0.5, 1.0], size=n_h)
    unrated[:, j] = False
    return _assemble(rng, codes, unrated=unrated)
