"""Where the network figure puts things: nodes and label boxes, in inches (no matplotlib).

The drawing area is ``WIDTH`` inches wide with (0, 0) at its lower left. ``layout`` places
the nodes: each connected group laid out alone (spring layout, seed ``SEED``, so the same
case gives the same picture) and turned to lie across the figure, the groups packed in rows,
largest first, nodes pushed apart until none overlaps another. ``place`` chooses a box for
one label: clear of the labels already placed and of every other node, inside the drawing,
and, where it can, nearer its own node than any other and crossing no tie.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass

import numpy as np

__all__ = ["SEED", "WIDTH", "Scene", "inside_node", "layout", "place", "segments"]

#: Inches: the printed brief's content width is 186 mm (A4 less 12 mm margins, 7.3 in).
WIDTH = 7.2
#: The layout's random seed: the same case always gives the same picture.
SEED = 11

_MARGIN_X, _MARGIN_Y = 0.55, 0.35  # inches around the nodes, for labels at the rim
_MAX_HEIGHT = 5.4  # inches of the drawing (nodes), at most
_PT = 1 / 72  # inches per point

Box = tuple[float, float, float, float]  # x0, y0, x1, y1 in inches


def _spread(pos: np.ndarray, radii: np.ndarray, gap: float, rounds: int = 300) -> np.ndarray:
    """Push overlapping nodes apart (inches) until each pair is ``gap`` clear of the other."""
    pos = pos.copy()
    n = len(pos)
    if n < 2:
        return pos
    need = radii[:, None] + radii[None, :] + gap
    np.fill_diagonal(need, 0.0)
    # coincident nodes part along a fixed direction per pair, so the result is deterministic
    angles = np.add.outer(np.arange(n), np.arange(n)) * 2.399963
    fallback = np.stack([np.cos(angles), np.sin(angles)], axis=-1)
    fallback = np.where(np.triu(np.ones((n, n), bool))[..., None], fallback, -fallback)
    for _ in range(rounds):
        delta = pos[None, :, :] - pos[:, None, :]  # delta[i, j] = pos[j] - pos[i]
        dist = np.hypot(delta[..., 0], delta[..., 1])
        short = np.maximum(need - dist, 0.0)
        np.fill_diagonal(short, 0.0)
        if short.max() <= 1e-6:
            break
        safe = np.where(dist > 1e-9, dist, 1.0)[..., None]
        direction = np.where((dist > 1e-9)[..., None], delta / safe, fallback)
        push = np.where(short > 0, short / 2 + 1e-4, 0.0)
        pos -= (direction * push[..., None]).sum(axis=1) * 0.5
    return pos


def layout(
    g, drawn: list[str], radii: dict[str, float], stretch: float = 1.0
) -> tuple[dict[str, np.ndarray], float]:
    """Node positions in inches inside a ``WIDTH`` wide axes, and that axes' height.

    Each connected group is laid out alone (spring layout, fixed seed) at a size growing with
    the square root of its actors, the groups are packed in rows, largest first, and the
    whole is shrunk to the width and ``_MAX_HEIGHT`` if it is larger, nodes kept apart.
    ``stretch`` spaces the nodes and raises the height allowed by that factor.
    """
    import networkx as nx

    undirected = nx.Graph()
    undirected.add_nodes_from(drawn)
    undirected.add_edges_from((a, b) for a, b in g.edges if a in radii and b in radii)
    order = {node: k for k, node in enumerate(drawn)}
    groups = sorted(
        (sorted(c, key=order.__getitem__) for c in nx.connected_components(undirected)),
        key=lambda c: (-len(c), order[c[0]]),
    )
    placed: list[tuple[list[str], np.ndarray]] = []
    for members in groups:
        sub = undirected.subgraph(members)
        if len(members) < 500:  # networkx's larger layouts need scipy
            raw = nx.spring_layout(sub, seed=SEED, iterations=200, weight=None)
        else:
            raw = nx.circular_layout(sub)
        scale = (0.42 * len(members) ** 0.5 + 0.1) * stretch
        pos = _level(np.array([raw[m] for m in members], dtype=float)) * scale
        pos = _spread(pos, np.array([radii[m] for m in members]), 0.25)
        pos -= pos.min(axis=0)
        placed.append((members, pos))

    # pack the groups into rows no wider than the drawing area, room for labels between them
    room = WIDTH - 2 * _MARGIN_X
    gap = 2 * max(radii.values()) + 0.3
    x = y = row_height = 0.0
    positions: dict[str, np.ndarray] = {}
    for members, pos in placed:
        span = pos.max(axis=0)
        if x > 0 and x + span[0] > room:
            x, y, row_height = 0.0, y + row_height + gap, 0.0
        for m, p in zip(members, pos, strict=True):
            positions[m] = np.array([x + p[0], -(y + span[1] - p[1])])  # rows go downwards
        x += span[0] + gap
        row_height = max(row_height, span[1])
    points = np.array([positions[m] for m in drawn])
    points -= points.min(axis=0)
    extent = points.max(axis=0)
    tallest = _MAX_HEIGHT * stretch
    shrink = min(1.0, room / max(extent[0], 1e-9), tallest / max(extent[1], 1e-9))
    if shrink < 1.0:
        points = _spread(points * shrink, np.array([radii[m] for m in drawn]), 0.08)
        points -= points.min(axis=0)
        extent = points.max(axis=0)
        squeeze = min(1.0, room / max(extent[0], 1e-9), tallest / max(extent[1], 1e-9))
        points *= squeeze
        extent = extent * squeeze
    offset = np.array([(WIDTH - extent[0]) / 2, _MARGIN_Y])
    height = extent[1] + 2 * _MARGIN_Y
    return {m: points[k] + offset for k, m in enumerate(drawn)}, height


def _level(pos: np.ndarray) -> np.ndarray:
    """A layout turned so that its longest axis lies across the (wide) figure, centred, with
    the same orientation for the same input (its principal axes, signs fixed)."""
    pos = pos - pos.mean(axis=0)
    if len(pos) < 2:
        return pos
    _, vectors = np.linalg.eigh(np.cov(pos.T))
    axes = vectors[:, ::-1]  # largest variance first
    axes = axes * np.where(axes.sum(axis=0) < 0, -1.0, 1.0)
    turned = pos @ axes
    return turned / max(np.abs(turned).max(), 1e-9)


def _circle_hits_box(centre, radius: float, box) -> bool:
    """Whether a disc and a box overlap."""
    x0, y0, x1, y1 = box
    nearest = (min(max(centre[0], x0), x1), min(max(centre[1], y0), y1))
    return (nearest[0] - centre[0]) ** 2 + (nearest[1] - centre[1]) ** 2 < radius**2


def _boxes_overlap(a, b) -> bool:
    """Whether two boxes overlap (touching is not overlapping)."""
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


_DIRECTIONS = ((0, -1), (0, 1), (1, 0), (-1, 0), (1, -1), (-1, -1), (1, 1), (-1, 1))


def _candidates(centre, radius: float, size, rings: int, inside: bool) -> Iterator[Box]:
    """Boxes (x0, y0, x1, y1) for a label of ``size`` around a node: centred on it first when
    ``inside``, then below, above, right, left and the diagonals, ring after ring outwards."""
    w, h = size
    x, y = centre
    if inside:
        yield (x - w / 2, y - h / 2, x + w / 2, y + h / 2)
    for ring in range(rings):
        gap = (1.5 + 5.0 * ring) * _PT
        for dx, dy in _DIRECTIONS:
            reach = radius * (0.71 if dx and dy else 1.0) + gap
            cx = x + dx * (reach + w / 2)
            cy = y + dy * (reach + h / 2)
            yield (cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


@dataclass(frozen=True)
class Scene:
    """Where things are, in inches inside the axes: nodes, their radii, the ties as segments
    from rim to rim, and the box labels must stay in."""

    positions: Mapping[str, np.ndarray]
    radii: Mapping[str, float]
    segments: tuple[tuple[np.ndarray, np.ndarray], ...]
    bounds: tuple[float, float, float, float]


def segments(g, positions, radii) -> tuple[tuple[np.ndarray, np.ndarray], ...]:
    """Each tied pair of drawn nodes as a segment from rim to rim."""
    out = []
    for a, b in sorted({tuple(sorted(e)) for e in g.edges if e[0] in radii and e[1] in radii}):
        start, end = positions[a], positions[b]
        length = float(np.hypot(*(end - start)))
        if length > radii[a] + radii[b]:
            unit = (end - start) / length
            out.append((start + unit * radii[a], end - unit * radii[b]))
    return tuple(out)


def _crosses(segment, box) -> bool:
    """Whether a segment passes through a box (Liang–Barsky clipping)."""
    (x0, y0), (x1, y1) = segment
    dx, dy = x1 - x0, y1 - y0
    low, high = 0.0, 1.0
    for p, q in ((-dx, x0 - box[0]), (dx, box[2] - x0), (-dy, y0 - box[1]), (dy, box[3] - y0)):
        if p == 0:
            if q < 0:
                return False
            continue
        t = q / p
        if p < 0:
            low = max(low, t)
        else:
            high = min(high, t)
        if low > high:
            return False
    return True


def _gap(box, centre, radius: float) -> float:
    """How far a box is from a node's rim (inches)."""
    x0, y0, x1, y1 = box
    dx, dy = max(x0 - centre[0], 0.0, centre[0] - x1), max(y0 - centre[1], 0.0, centre[1] - y1)
    return float(np.hypot(dx, dy)) - radius


def _nearer(box, node: str, others, scene: Scene) -> bool:
    """Whether some other node's rim is nearer the box than its own node's."""
    own = _gap(box, scene.positions[node], scene.radii[node])
    return any(_gap(box, scene.positions[n], scene.radii[n]) < own for n in others)


def inside_node(box, centre, radius: float) -> bool:
    """Whether a box lies wholly inside a node's disc."""
    corners = ((box[0], box[1]), (box[0], box[3]), (box[2], box[1]), (box[2], box[3]))
    return all((cx - centre[0]) ** 2 + (cy - centre[1]) ** 2 <= radius**2 for cx, cy in corners)


#: How many of a label's places, nearest first, may be passed over for a better one.
_NEAR = 1 + 2 * 8  # the centre and the first two rings


def place(
    node: str, size: tuple[float, float], placed: Sequence[Box], scene: Scene, *, numbered: bool
) -> tuple[Box | None, bool]:
    """A box of ``size`` (inches) for the label of ``node``, and whether it is clear.

    Clear: inside the scene's bounds, apart from the boxes ``placed`` and from every other
    node. Among the nearest clear places (the centre and the first two rings), the first
    that is nearer its own node than any other and crosses no tie, else the first nearer its
    own node, else the first crossing no tie, else the nearest clear one farther out. A
    number goes on its node when it fits inside it; a name always beside it, and only where
    it is nearer its own node than any other. With no clear place a name gets None and a
    number its first place inside the bounds.
    """
    clearance = 1.0 * _PT
    bounds = scene.bounds
    centre, radius = scene.positions[node], scene.radii[node]
    others = [n for n in scene.positions if n != node]
    first_in_bounds = None
    clear: list[tuple[bool, bool, int, Box]] = []  # (misleading, crosses a tie, k, box)
    rings = 8 if numbered else 2
    for k, box in enumerate(_candidates(centre, radius, size, rings, inside=numbered)):
        if k >= _NEAR and clear:
            break
        if not (bounds[0] <= box[0] and box[2] <= bounds[2]):
            continue
        if not (bounds[1] <= box[1] and box[3] <= bounds[3]):
            continue
        first_in_bounds = first_in_bounds or box
        grown = (box[0] - clearance, box[1] - clearance, box[2] + clearance, box[3] + clearance)
        if any(_boxes_overlap(grown, p) for p in placed):
            continue
        if any(_circle_hits_box(scene.positions[n], scene.radii[n], grown) for n in others):
            continue
        straddles = box[0] < centre[0] < box[2] and box[1] < centre[1] < box[3]
        if straddles and not inside_node(box, centre, radius):
            continue  # a number across the rim of its node
        misleading = not straddles and _nearer(box, node, others, scene)
        if misleading and not numbered:
            continue  # a name must be read as its own node's
        crossing = any(_crosses(segment, box) for segment in scene.segments)
        clear.append((misleading, crossing, k, box))
        if not misleading and not crossing:
            break
    if clear:
        return min(clear, key=lambda c: c[:3])[3], True
    if numbered:
        return first_in_bounds or (centre[0], centre[1], centre[0], centre[1]), False
    return None, False
