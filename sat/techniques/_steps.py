"""The exact search behind ACH's sensitivity figures: fewest one-step rating changes.

``steps_to_lead`` and ``overturn_plan`` (``sat.techniques.ach``) ask how many
one-step moves along CC–C–N–I–II it takes for a challenger to reach (or pass)
the leader on weighted inconsistency. Moves come in classes of equal weight,
two units to a cell, some needing prerequisite moves that gain nothing; the
fewest steps are a grouped knapsack over the step budget, solved exactly by
dynamic programming and checked against brute force in the tests.

References
----------
.. [1] R. J. Heuer Jr., *Psychology of Intelligence Analysis*, CIA, 1999, ch. 8, step 6.
.. [2] PARC, *ACH 2.0*: weighted inconsistency (secondary copies).
"""

from __future__ import annotations

import math

import numpy as np

from sat import scales

__all__ = ["TOLERANCE", "fewest_steps", "options", "plan_moves", "steps_to_lead"]

# Units of weighted inconsistency a one-step change can add to the leader's column
# (steps that only lead up to them, e.g. C -> N, counted as the prerequisite).
_RAISE_UNITS = {"I": (1, 0), "N": (2, 0), "C": (2, 1), "CC": (2, 2)}  # code: (units, prerequisite)
_LOWER_UNITS = {"II": (2, 0), "I": (1, 0)}
#: Sums of √2 weights are not exact in floating point: scores within this are equal.
TOLERANCE = 1e-9
_DECIMALS = 9


def fewest_steps(
    options: list[tuple[int, float, int]], deficit: float, *, strict: bool = False
) -> tuple[int | None, list[int]]:
    """Fewest one-step changes whose gains reach ``deficit``, and how many units of each option.

    ``options`` are classes ``(prerequisite, weight, units)``: ``units`` unit moves
    worth ``weight`` each, coming two to a cell, where each cell first needs
    ``prerequisite`` moves that gain nothing. Within a class, using ``m`` units
    costs ``m + prerequisite × ceil(m / 2)`` steps; across classes the choice is a
    grouped knapsack, solved exactly by dynamic programming over the step count,
    doubling the horizon until the deficit is reached. With ``strict`` the gains
    must exceed the deficit rather than reach it.
    """
    if deficit <= TOLERANCE and not strict:
        return 0, [0] * len(options)
    total = sum(u + p * math.ceil(u / 2) for p, _, u in options)
    horizon = 8
    while True:
        horizon = min(horizon, total)
        best = np.full(horizon + 1, -np.inf)
        best[0] = 0.0
        steps = np.arange(horizon + 1)
        layers = []
        for prerequisite, weight, units in options:
            m = np.arange(min(units, horizon) + 1)
            cost = m + prerequisite * np.ceil(m / 2).astype(int)
            keep = cost <= horizon
            m, cost = m[keep], cost[keep]
            source = steps[:, None] - cost[None, :]
            gained = np.where(source >= 0, best[np.clip(source, 0, None)], -np.inf) + m * weight
            layers.append((m, cost, gained))
            best = np.maximum.accumulate(gained.max(axis=1))
        enough = best > deficit + TOLERANCE if strict else best >= deficit - TOLERANCE
        reached = np.flatnonzero(enough)
        if reached.size:
            return int(reached[0]), _backtrack(layers, int(reached[0]))
        if horizon >= total:
            return None, []
        horizon *= 2


def _backtrack(layers: list, k: int) -> list[int]:
    """Units used per option in an optimal plan within ``k`` steps (walking the layers back)."""
    used = []
    budget = k
    for m, cost, gained in reversed(layers):
        j = int(np.argmax(gained[: budget + 1].max(axis=1)))
        choice = int(np.argmax(gained[j]))
        used.append(int(m[choice]))
        budget = j - int(cost[choice])
    return used[::-1]


def options(
    codes: np.ndarray, weight: np.ndarray, leader: int, challenger: int
) -> tuple[list[tuple[int, float, int]], list[list[tuple[np.ndarray, int, str, int]]]]:
    """The unit moves that narrow the gap between a leader and a challenger, pooled by class.

    Returns the options for ``fewest_steps`` and, per option, the cells that
    supply its units: ``(rows, column, code, units per cell)``.
    """
    rounded = np.round(weight, _DECIMALS)
    pooled: dict[tuple[int, float], tuple[float, int, list]] = {}
    for column, table in ((challenger, _LOWER_UNITS), (leader, _RAISE_UNITS)):
        for code, (units, prerequisite) in table.items():
            rows = np.flatnonzero(codes[:, column] == code)
            if not rows.size:
                continue
            # group equal weights (rounded), but compute with an exact member of each group
            keys, first, inverse = np.unique(rounded[rows], return_index=True, return_inverse=True)
            for g, key in enumerate(keys.tolist()):
                members = rows[inverse == g]
                w = float(weight[rows[first[g]]])
                known_w, known_units, cells = pooled.get((prerequisite, key), (w, 0, []))
                cells.append((members, column, code, units))
                pooled[(prerequisite, key)] = (known_w, known_units + units * len(members), cells)
    ordered = sorted(pooled.items())
    options = [(p, w, u) for (p, _), (w, u, _) in ordered]
    return options, [cells for _, (_, _, cells) in ordered]


def _shift(values: np.ndarray, by: np.ndarray) -> np.ndarray:
    """``out[j, i] = values[j, i - by[j]]`` (−inf before the start), a shift per row."""
    positions = np.arange(values.shape[1])[None, :] - by[:, None]
    out = np.take_along_axis(values, np.clip(positions, 0, None), axis=1)
    return np.where(positions >= 0, out, -np.inf)


def _window_max(values: np.ndarray, lo: int, hi: np.ndarray) -> np.ndarray:
    """``out[j, i] = max(values[j, i - c] for lo <= c <= hi[j])``, −inf where the window is empty.

    Rows whose window spans the whole table take a running maximum; narrower
    ones a sparse table of maxima over power-of-two spans (O(n log n) per row),
    so the search never loops over cells or steps.
    """
    n = values.shape[1]
    shifted = np.full_like(values, -np.inf)
    shifted[:, lo:] = values[:, : n - lo]
    width = np.clip(hi - lo + 1, 0, n)
    out = np.maximum.accumulate(shifted, axis=1)
    short = np.flatnonzero(width < n)
    if short.size:
        level = np.floor(np.log2(np.maximum(width[short], 1))).astype(int)
        table = [shifted[short]]
        for k in range(1, int(level.max()) + 1):
            last, span = table[-1], 1 << (k - 1)
            grown = last.copy()
            grown[:, span:] = np.maximum(last[:, span:], last[:, :-span])
            table.append(grown)
        first = np.stack(table)[level, np.arange(short.size)]
        out[short] = np.maximum(first, _shift(first, width[short] - (1 << level)))
    out[width == 0] = -np.inf
    return out


def steps_to_lead(
    index: np.ndarray, weight: np.ndarray, weighted: np.ndarray, leader: int
) -> np.ndarray:
    """Fewest one-step changes after which each hypothesis scores no worse than the leader.

    The same grouped knapsack as ``fewest_steps``, solved for every
    challenger at once: the unit moves are counted per (challenger, prerequisite,
    weight class) with one ``bincount``, and each class is added to the table
    of best gains per step budget with a windowed maximum (a class whose cells
    need ``p`` prerequisite moves is a stride of ``2 + p`` steps for two units,
    or one step less for one). The horizon doubles until every challenger is
    decided, so the work grows with the answer, not with the number of items.
    """
    n_h = index.shape[1]
    out = np.zeros(n_h, dtype=object)
    deficit = weighted - weighted[leader]
    todo = np.array([j for j in range(n_h) if j != leader and deficit[j] > TOLERANCE], dtype=int)
    if not todo.size:
        return out
    keys, first, klass = np.unique(
        np.round(weight, _DECIMALS), return_index=True, return_inverse=True
    )
    n_k = len(keys)
    counts = np.bincount(
        ((np.arange(n_h)[None, :] * 6 + index) * n_k + klass.reshape(-1, 1)).ravel(),
        minlength=n_h * 6 * n_k,
    ).reshape(n_h, 6, n_k)[:, :5]  # CC C N I II
    lead = counts[leader]
    # (prerequisite moves per cell, units per challenger and weight class)
    classes = [
        (
            0,
            2 * counts[todo, 4] + counts[todo, 3] + (lead[3] + 2 * lead[2])[None, :],
        ),  # II, I; I, N
        (1, np.broadcast_to(2 * lead[1], (len(todo), n_k))),  # leader's C (via N)
        (2, np.broadcast_to(2 * lead[0], (len(todo), n_k))),  # leader's CC (via C, N)
    ]
    total = sum(u + p * ((u + 1) // 2) for p, u in classes).sum(axis=1)
    need = deficit[todo]
    exact = weight[first]
    answer = np.full(len(todo), -1)
    # no step gains more than the heaviest weight: start at a horizon some challenger needs
    horizon = max(8, 1 << math.ceil(math.log2(max(1.0, need.min() / exact.max()))))
    while (answer < 0).any():
        horizon = min(horizon, int(total.max()))
        steps = np.arange(horizon + 1)
        best = np.where(steps[None, :] == 0, 0.0, -np.inf).repeat(len(todo), axis=0)
        for prerequisite, units in classes:
            for k in range(n_k):
                u = units[:, k]
                if not u.any():
                    continue
                w = float(exact[k])
                if prerequisite == 0:  # one step per unit, up to u units
                    gain = _window_max(best - steps * w, 0, u) + steps * w
                else:  # strides of 2 + p steps for two units; an odd unit costs one step less
                    gain = _strided_gain(best, 2 + prerequisite, 2 * w, u // 2, w)
                best = np.maximum.accumulate(np.maximum(best, gain), axis=1)
        reached = best >= need[:, None] - TOLERANCE
        first_reached = np.where(reached.any(axis=1), reached.argmax(axis=1), -1)
        pending = answer < 0
        answer = np.where(pending & (first_reached >= 0), first_reached, answer)
        hopeless = pending & (first_reached < 0) & (horizon >= total)
        answer = np.where(hopeless, -2, answer)
        horizon *= 2
    out[todo] = [None if a == -2 else int(a) for a in answer.tolist()]
    return out


def _strided_gain(best: np.ndarray, stride: int, gain: float, cells: np.ndarray, half: float):
    """Best gains after adding up to ``cells`` cells of a class with prerequisite moves.

    A cell costs ``stride`` steps for ``gain``; its first unit alone costs one
    step less for ``half``. Per residue of the step count modulo the stride, the
    table is a sequence over whole cells, and adding ``c`` cells is a windowed
    maximum over it (all residues in one call).
    """
    rows, n = best.shape
    blocks = -(-(n + 1) // stride)
    padded = np.full((rows, blocks * stride), -np.inf)
    padded[:, :n] = best
    position = np.arange(blocks) * gain
    # (rows, blocks, stride) -> one row per (row, residue), over whole cells
    seq = padded.reshape(rows, blocks, stride).transpose(0, 2, 1).reshape(rows * stride, blocks)
    seq = seq - position
    limit = np.repeat(cells, stride)

    def back(values: np.ndarray) -> np.ndarray:
        values = (values + position).reshape(rows, stride, blocks).transpose(0, 2, 1)
        return values.reshape(rows, blocks * stride)

    full = back(_window_max(seq, 0, limit))
    partial = back(_window_max(seq, 1, limit))
    # an odd number of units: c cells but the last one's second unit, one step and `half` less
    return np.maximum(full[:, :n], partial[:, 1 : n + 1] - half)


def plan_moves(
    units: list[int],
    supply: list[list[tuple[np.ndarray, int, str, int]]],
    leader: int,
    priority: np.ndarray | None = None,
) -> list[tuple[int, int, str, str, int]]:
    """Concrete cell changes for the units chosen per option: (row, column, from, to, steps).

    A cell of the leader's column moves towards II, passing N first when it starts
    above it; a cell of the challenger's column moves towards N. Within an option
    every cell gains the same per step, so any of them gives a plan of the same
    size: the rows with the highest ``priority`` are taken first (then in order).
    """
    ladder = scales.RATING_LADDER
    neutral = ladder.index("N")
    moves = []
    for wanted, cells in zip(units, supply, strict=True):
        flat = [
            (row, column, code, per_cell)
            for rows, column, code, per_cell in cells
            for row in rows.tolist()
        ]
        if priority is not None:
            flat.sort(key=lambda cell: -priority[cell[0]])  # stable: ties keep their order
        for row, column, code, per_cell in flat:
            if wanted <= 0:
                break
            take = min(per_cell, wanted)
            wanted -= take
            start = ladder.index(code)
            end = max(start, neutral) + take if column == leader else start - take
            moves.append((row, column, code, ladder[end], abs(end - start)))
    return moves
