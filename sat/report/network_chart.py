"""The network figure: actors as nodes, sized by influence and coloured by kind; ties as lines.

Drawn for the brief's width (7.2 inches: the printed page's 186 mm content width, and the
other charts' width), so that the brief's text size is the figure's text size. What is drawn:

* only the actors tied to another actor; those with no relation at all are named in words
  under the figure ("Not connected to any other actor: ..."), never drawn, so they cannot
  stretch the layout;
* each connected group laid out on its own with a fixed seed (the same case gives the same
  picture), the groups packed side by side, largest first, and nodes pushed apart until
  none overlaps another;
* node area grows with influence (PageRank, as ``sat.techniques.network`` computes it), colour
  shows the actor's kind; cooperative ties solid green, hostile dashed red, neutral dotted
  grey; an arrowhead points along a directed tie, an undirected one (meets, allied with) has
  none;
* labels: each actor's short name (its name, else its first alias, on at most two lines)
  when every one of them finds a place beside its node that overlaps no other label and no
  node and stays inside the figure; otherwise each node carries its rank by influence, and a
  key under the figure gives number, name, kind and influence.

Case text is drawn with mathtext and TeX off, so ``$x$`` or ``a_b^c`` is drawn as written;
in the key and the list of unconnected actors it is escaped by the templates.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sat import scales
from sat.report.charts import _png, _pyplot
from sat.report.html import Fragment, render
from sat.report.network_layout import WIDTH, Scene, inside_node, layout, place, segments

__all__ = [
    "WIDTH",
    "NetworkDrawing",
    "draw_network",
    "label_overlaps",
    "network_chart",
    "network_figure",
]

#: Pixels per inch of the figure, as measured and as saved (``sat.report.charts._png``).
DPI = 144
KIND_COLOURS = dict(
    zip(
        scales.ACTOR_KINDS,
        ("#1a7f37", "#8250df", "#0969da", "#9a6700", "#1b7c83", "#bf3989", "#57606a"),
        strict=True,
    )
)
#: sign -> (colour, line style, word)
TIE_STYLES = {
    1: ("#1a7f37", "solid", "cooperative"),
    -1: ("#cf222e", "dashed", "hostile"),
    0: ("#8c959f", "dotted", "neutral"),
}

_LABEL_SIZE = 7.5  # points
_NUMBER_SIZE = 7.0
_LABEL_WIDTH = 18  # characters a label line holds before it wraps (two lines at most)
_SMALLEST, _LARGEST = 15.0, 34.0  # node diameters in points: a two-digit number fits the smallest
_PT = 1 / 72  # inches per point


@dataclass(frozen=True)
class NetworkDrawing:
    """The drawn network and the facts its key and caption need.

    Attributes
    ----------
    figure : matplotlib.figure.Figure or None
        The figure (the caller closes it); None when no two actors are tied.
    numbered : bool
        Nodes carry numbers explained by a key, because the names did not fit without overlap.
    drawn : tuple of str
        The actors drawn, most influential first.
    isolated : tuple of str
        The actors with no relation to any other actor (not drawn), most influential first.
    ranks : Mapping[str, int]
        Each actor's rank by influence, 1 for the most influential (the table's rank).
    """

    figure: Any
    numbered: bool
    drawn: tuple[str, ...]
    isolated: tuple[str, ...]
    ranks: Mapping[str, int]


def label_overlaps(texts, renderer) -> list[tuple[int, int]]:
    """Pairs of text artists whose drawn boxes overlap."""
    boxes = [t.get_window_extent(renderer) for t in texts]
    return [
        (i, j)
        for i in range(len(boxes))
        for j in range(i + 1, len(boxes))
        if boxes[i].overlaps(boxes[j])
    ]


def _plain(text: str) -> str:
    """Case text on one line (a name may hold tabs or line breaks)."""
    return " ".join(text.split())


def _short_label(name: str, aliases: tuple[str, ...]) -> str | None:
    """The name, else the first alias, that fits two lines of ``_LABEL_WIDTH``; None if none does."""
    for candidate in (name, *aliases):
        lines = textwrap.wrap(_plain(candidate), _LABEL_WIDTH, break_long_words=False)
        if len(lines) <= 2 and all(len(line) <= _LABEL_WIDTH for line in lines):
            return "\n".join(lines)
    return None


def _place(texts, nodes, scene: Scene, renderer, *, numbered: bool) -> bool:
    """Move each label to the box ``network_layout.place`` chooses for it, the most
    influential first; whether every label found a clear place. Names give up at the first
    that finds none (the caller numbers the nodes instead)."""
    placed: list[tuple[float, float, float, float]] = []
    complete = True
    for node, text in zip(nodes, texts, strict=True):
        text.set_position((0.0, 0.0))
        extent = text.get_window_extent(renderer)
        anchor = text.get_transform().transform((0.0, 0.0))
        patch = text.get_bbox_patch()
        pad = patch.get_boxstyle().pad * text.get_fontsize() * _PT if patch is not None else 0.0
        size = (extent.width / DPI + 2 * pad, extent.height / DPI + 2 * pad)
        shift = ((extent.x0 - anchor[0]) / DPI - pad, (extent.y0 - anchor[1]) / DPI - pad)
        box, clear = place(node, size, placed, scene, numbered=numbered)
        complete = complete and clear
        if box is None:
            return False
        placed.append(box)
        text.set_position((box[0] - shift[0], box[1] - shift[1]))
        if numbered and not inside_node(box, scene.positions[node], scene.radii[node]):
            text.set_color("#1f2328")
    return complete


def _ties(axes, g, positions, radii_pt) -> set[int]:
    """Draw each tied pair once: one line with arrowheads along its directed ties, or, where the
    two directions differ in sign, two curved arrows. Returns the signs drawn."""
    from matplotlib.patches import FancyArrowPatch

    pairs: dict[tuple[str, str], dict[tuple[str, str], dict]] = {}
    for a, b, data in g.edges(data=True):
        if a in positions and b in positions:
            pairs.setdefault(tuple(sorted((a, b))), {})[(a, b)] = data
    signs = set()

    def arrow(a, b, sign, head_a, head_b, bend=0.0):
        colour, style, _ = TIE_STYLES[sign]
        heads = {
            (False, False): "-",
            (False, True): "-|>",
            (True, False): "<|-",
            (True, True): "<|-|>",
        }
        axes.add_patch(
            FancyArrowPatch(
                positions[a],
                positions[b],
                arrowstyle=heads[head_a, head_b],
                mutation_scale=9,
                shrinkA=radii_pt[a] + 1.5,
                shrinkB=radii_pt[b] + 1.5,
                connectionstyle=f"arc3,rad={bend}",
                color=colour,
                linestyle=style,
                linewidth=1.1,
                alpha=0.85,
                zorder=1,
                gid=f"tie:{a}:{b}",
            )
        )
        signs.add(sign)

    for (u, v), edges in sorted(pairs.items()):
        forward, backward = edges.get((u, v)), edges.get((v, u))
        if forward is not None and backward is not None and forward["sign"] == backward["sign"]:
            arrow(
                u,
                v,
                forward["sign"],
                bool(backward.get("directed", True)),
                bool(forward.get("directed", True)),
            )
            continue
        for (a, b), data in edges.items():
            bend = 0.18 if len(edges) == 2 else 0.0
            arrow(a, b, data["sign"], False, bool(data.get("directed", True)), bend)
    return signs


def _legends(figure, kinds: list[str], span: tuple[float, float], signs: set[int]) -> float:
    """The key to colours and lines, stacked at the figure's foot; its height in inches."""
    from matplotlib.lines import Line2D

    nodes = [
        Line2D(
            [], [], linestyle="none", marker="o", markersize=9, color=KIND_COLOURS[kind], label=kind
        )
        for kind in kinds
    ]
    lines = [
        Line2D([], [], color=TIE_STYLES[s][0], linestyle=TIE_STYLES[s][1], label=TIE_STYLES[s][2])
        for s in (1, -1, 0)
        if s in signs
    ]
    renderer = figure.canvas.get_renderer()
    bottom = 0.05
    for handles, title in (
        (lines, "Ties (an arrowhead shows the direction; none: a tie both ways)"),
        (nodes, f"Actors by kind; node area grows with influence ({_range(span)})"),
    ):
        if not handles:
            continue
        for columns in range(len(handles), 0, -1):
            legend = figure.legend(
                handles=handles,
                loc="lower left",
                bbox_to_anchor=(0.02, bottom),
                bbox_transform=figure.dpi_scale_trans,
                ncol=columns,
                frameon=False,
                fontsize=7,
                title=title,
                title_fontsize=7,
                alignment="left",
                handlelength=2.2,
                columnspacing=1.2,
                borderaxespad=0.0,
            )
            extent = legend.get_window_extent(renderer)
            if extent.width / DPI <= WIDTH - 0.1 or columns == 1:
                break
            legend.remove()
        bottom += extent.height / DPI + 0.08
    return bottom


def _range(span: tuple[float, float]) -> str:
    low, high = (f"{v:.3f}" for v in span)
    return f"all {low}" if low == high else f"{low} to {high}"


def draw_network(result, case=None) -> NetworkDrawing:
    """Draw the network of ``result`` (a ``NetworkResult``); see the module's description.

    ``case`` gives the actors' aliases, used as short labels when a name is too long. When
    the labels do not all find a clear place, the nodes are spaced further apart (the figure
    grows taller) and drawn again: names once more, then numbers, spaced up to twice as far.
    """
    frame = result.actors_frame
    ranks = {actor: k for k, actor in enumerate(frame.index, start=1)}
    g = result.graph_
    drawn = tuple(a for a in frame.index if g.degree(a) > 0)
    isolated = tuple(a for a in frame.index if g.degree(a) == 0)
    if not drawn:
        return NetworkDrawing(None, False, (), isolated, ranks)

    plt = _pyplot()
    aliases = {a.id: a.aliases for a in case.actors} if case is not None else {}
    actors = {
        a: _Actor(
            str(frame.at[a, "kind"]),
            float(frame.at[a, "influence"]),
            ranks[a],
            _short_label(str(frame.at[a, "name"]), tuple(aliases.get(a, ()))),
        )
        for a in drawn
    }
    named = all(a.label is not None for a in actors.values())
    attempts = [(numbered, stretch) for numbered, stretch in _ATTEMPTS if numbered or named]
    for numbered, stretch in attempts:
        figure, complete = _draw(g, actors, stretch, numbered=numbered)
        if complete or (numbered, stretch) == attempts[-1]:
            break
        plt.close(figure)
    return NetworkDrawing(figure, numbered, drawn, isolated, ranks)


#: The attempts, in order: (nodes numbered rather than named, how far apart they are spaced).
_ATTEMPTS = ((False, 1.0), (False, 1.4), (True, 1.0), (True, 1.4), (True, 2.0))


@dataclass(frozen=True)
class _Actor:
    kind: str
    influence: float
    rank: int
    label: str | None  # None: the name fits no label


def _draw(g, actors: dict[str, _Actor], stretch: float, *, numbered: bool):
    """One attempt at the figure: (figure, every label clear)."""
    plt = _pyplot()
    drawn = list(actors)
    top = max(a.influence for a in actors.values()) or 1.0
    # area (not diameter) in proportion to influence, between the smallest and largest nodes
    diameter = {
        n: (_SMALLEST**2 + (_LARGEST**2 - _SMALLEST**2) * a.influence / top) ** 0.5
        for n, a in actors.items()
    }
    radii = {n: d / 2 * _PT for n, d in diameter.items()}
    positions, height = layout(g, drawn, radii, stretch)
    with plt.rc_context({"text.parse_math": False, "text.usetex": False, "font.size": 8}):
        figure = plt.figure(figsize=(WIDTH, height + 1.5), dpi=DPI)
        kinds = [k for k in scales.ACTOR_KINDS if any(a.kind == k for a in actors.values())]
        influence = [a.influence for a in actors.values()]
        signs = {int(d["sign"]) for a, b, d in g.edges(data=True) if a in radii and b in radii}
        foot = _legends(figure, kinds, (min(influence), max(influence)), signs)
        head = 0.3
        total = foot + height + head
        figure.set_size_inches(WIDTH, total)
        axes = figure.add_axes((0.0, foot / total, 1.0, height / total))
        axes.set_xlim(0, WIDTH)
        axes.set_ylim(0, height)
        axes.set_axis_off()
        figure.text(
            0.02 / WIDTH,
            1 - 0.06 / total,
            "Actors tied to at least one other actor",
            ha="left",
            va="top",
            fontsize=9,
            parse_math=False,
            usetex=False,
        )
        _ties(axes, g, positions, {n: d / 2 for n, d in diameter.items()})
        axes.scatter(
            [positions[n][0] for n in drawn],
            [positions[n][1] for n in drawn],
            s=[diameter[n] ** 2 for n in drawn],
            c=[KIND_COLOURS.get(a.kind, "#57606a") for a in actors.values()],
            edgecolors="white",
            linewidths=0.8,
            zorder=2,
        )
        renderer = figure.canvas.get_renderer()
        scene = Scene(
            positions,
            radii,
            segments(g, positions, radii),
            (0.02, 0.02, WIDTH - 0.02, height - 0.02),
        )
        if numbered:
            texts = [_text(axes, n, str(a.rank), numbered=True) for n, a in actors.items()]
        else:
            texts = [_text(axes, n, str(a.label), numbered=False) for n, a in actors.items()]
        return figure, _place(texts, drawn, scene, renderer, numbered=numbered)


def _text(axes, actor: str, label: str, *, numbered: bool):
    """One label, drawn as written (no mathtext, no TeX); its gid names the actor."""
    return axes.text(
        0,
        0,
        label,
        ha="left",
        va="bottom",
        multialignment="center",
        fontsize=_NUMBER_SIZE if numbered else _LABEL_SIZE,
        fontweight="bold" if numbered else "normal",
        color="white" if numbered else "#1f2328",
        parse_math=False,
        usetex=False,
        gid=f"actor:{actor}",
        zorder=3,
        bbox=None
        if numbered
        else {"boxstyle": "round,pad=0.15", "fc": "white", "ec": "none", "alpha": 0.8},
    )


def network_figure(result, case=None):
    """The network as a matplotlib figure (the caller closes it); None when no two actors are
    tied. The actors' labels are its texts whose gid is ``actor:<id>``."""
    return draw_network(result, case).figure


def network_chart(result, case=None) -> Fragment:
    """The network figure as an embedded PNG, with its key (when the nodes are numbered) and the
    actors not connected to any other, named in words."""
    drawing = draw_network(result, case)
    frame = result.actors_frame
    data = None
    if drawing.figure is not None:
        plt = _pyplot()
        try:
            data = _png(drawing.figure)
        finally:
            plt.close(drawing.figure)

    def actor(a):
        return {
            "rank": drawing.ranks[a],
            "name": str(frame.at[a, "name"]),
            "kind": frame.at[a, "kind"],
            "influence": float(frame.at[a, "influence"]),
        }

    drawn = [actor(a) for a in drawing.drawn]
    ties = sum(1 for _ in _pairs(result.graph_))
    alt = (
        f"Network of the {len(drawn)} actors tied to another ({ties} tied pairs); "
        f"most influential: {', '.join(a['name'] for a in drawn[:5])}"
        if drawn
        else ""
    )
    return render(
        "network_chart.html.j2",
        data=data,
        alt=alt,
        numbered=drawing.numbered,
        drawn=drawn,
        isolated=[actor(a) for a in drawing.isolated],
        total=len(frame),
    )


def _pairs(g):
    return {tuple(sorted((a, b))) for a, b in g.edges}
