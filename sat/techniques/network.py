"""Network influence mapping: who matters, who connects whom, and how influence flows.

The case's ``actors`` and ``relations`` (each relation established by evidence)
form a directed graph; several relations between the same pair are merged,
their weights added and their signs netted. The measures, each suited to one
question:

* **influence**: PageRank on the ties that carry influence (all but ``member of``
  and ``reports on``), each reversed, so that an actor scores highly when it acts
  on actors that themselves act on many (a ``commands`` or ``sanctions`` tie
  points from the actor exerting influence). Computed by power iteration
  (damping 0.85, tolerance 1e-12); an actor with no such ties keeps only the
  teleport share;
* **degree** (ties, either direction, normalised by n − 1), **in** and **out** degree;
* **betweenness** (brokers): the share of shortest paths between other actors
  that pass through an actor, ties taken as undirected and unweighted;
* **eigenvector** centrality of the undirected graph (NaN when it does not converge);
* **communities**: greedy modularity on the cooperative ties (Clauset, Newman and
  Moore); actors with no cooperative tie stand alone;
* **signed structure**: the largest group of actors linked by cooperative or
  hostile ties is split into two **camps** so that as few ties as possible
  contradict it (cooperative across, or hostile within: *frustrated* ties,
  counted by weight): the camps are first set along a maximum-weight spanning
  tree, so the strongest ties are honoured, then single actors move while that
  lowers the frustrated weight. A camp is a group that cooperates inside and is
  opposed from outside; it is named after its most influential member, and an
  actor is shown in it only with a cooperative tie to another member (shared
  enmity alone aligns no one), so a camp needs two aligned actors.
  With none frustrated the structure is *balanced* (Harary). The share of
  signed triangles whose signs multiply to positive is reported too;
* **brokers between the camps**: betweenness counted only over paths from one
  camp to the other;
* **influence paths** between two actors: the shortest simple paths along ties.

Each actor is linked to the hypotheses that name it (its name or an alias
appears in the hypothesis) and to those its relations' evidence bears on (items
rated C/CC for, I/II against).

References
----------
.. [1] A. Hagberg, D. Schult and P. Swart, "Exploring network structure, dynamics, and
   function using NetworkX", *SciPy 2008*.
.. [2] L. Page, S. Brin, R. Motwani and T. Winograd, "The PageRank citation ranking", 1999.
.. [3] U. Brandes, "A faster algorithm for betweenness centrality", 2001.
.. [4] F. Harary, "On the notion of balance of a signed graph", 1953.
.. [5] A. Clauset, M. E. J. Newman and C. Moore, "Finding community structure in very
   large networks", 2004.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from itertools import takewhile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from sat import scales
from sat.case import Case
from sat.techniques._frames import FrameCopy, records_frame

__all__ = ["NetworkResult", "graph", "pagerank", "run"]

_SIGN = {"cooperative": 1, "hostile": -1, "neutral": 0}


def graph(case: Case):
    """The actors and relations as a ``networkx.DiGraph`` (parallel relations merged).

    Node attributes: ``name``, ``kind``, ``role``, ``affiliation``. Edge attributes:
    ``weight`` (summed), ``sign`` (+1, 0 or −1: the sign of the summed signed weights),
    ``directed`` (True when a directed relation runs this way; an undirected relation
    alone gives two edges, both False), ``types`` and ``evidence`` (joined with ``; ``,
    so the graph exports cleanly).
    """
    import networkx as nx

    g = nx.DiGraph()
    for actor in case.actors:
        g.add_node(
            actor.id,
            name=actor.name,
            kind=actor.kind,
            role=actor.role or "",
            affiliation=actor.affiliation or "",
        )
    merged: dict[tuple[str, str], dict[str, Any]] = {}
    for relation in case.relations:
        pairs = [(relation.source, relation.target)]
        if not relation.is_directed:
            pairs.append((relation.target, relation.source))
        for pair in pairs:
            edge = merged.setdefault(
                pair,
                {
                    "weight": 0.0,
                    "signed": 0.0,
                    "influence": 0.0,
                    "directed": False,
                    "types": [],
                    "evidence": [],
                },
            )
            edge["weight"] += relation.weight
            edge["directed"] = edge["directed"] or relation.is_directed
            if scales.RELATION_TYPES[relation.type][2]:
                edge["influence"] += relation.weight
            edge["signed"] += _SIGN[relation.polarity] * relation.weight
            edge["types"].append(relation.type)
            edge["evidence"].extend(e for e in relation.evidence if e not in edge["evidence"])
    for (a, b), edge in merged.items():
        g.add_edge(
            a,
            b,
            weight=edge["weight"],
            sign=int(np.sign(edge["signed"])),
            influence=edge["influence"],
            directed=edge["directed"],
            types="; ".join(dict.fromkeys(edge["types"])),
            evidence="; ".join(edge["evidence"]),
        )
    return g


def pagerank(
    g, alpha: float = 0.85, weight: str = "weight", tol: float = 1e-12
) -> dict[str, float]:
    """PageRank by power iteration with NumPy (dangling actors spread their rank evenly).

    Written here on purpose: ``networkx.pagerank`` needs SciPy, which nothing else in sat
    uses, for what is twenty lines of NumPy on graphs of a few hundred actors.

    Examples
    --------
    >>> import networkx as nx
    >>> ranks = pagerank(nx.DiGraph([(1, 2), (2, 3), (3, 1), (3, 2)]))
    >>> [round(ranks[n], 4) for n in (1, 2, 3)]
    [0.2148, 0.3974, 0.3878]
    """
    nodes = list(g.nodes)
    n = len(nodes)
    if n == 0:
        return {}
    index = {node: i for i, node in enumerate(nodes)}
    matrix = np.zeros((n, n))
    for a, b, data in g.edges(data=True):
        matrix[index[a], index[b]] += data.get(weight, 1.0)
    out = matrix.sum(axis=1)
    dangling = out == 0
    transition = np.divide(
        matrix, out[:, None], out=np.zeros_like(matrix), where=~dangling[:, None]
    )
    rank = np.full(n, 1 / n)
    for _ in range(10_000):
        new = alpha * (rank @ transition + rank[dangling].sum() / n) + (1 - alpha) / n
        if np.abs(new - rank).sum() < n * tol:
            rank = new
            break
        rank = new
    return dict(zip(nodes, (rank / rank.sum()).tolist(), strict=True))


def _triangles(g) -> list[tuple[str, str, str]]:
    """Every triangle of ``g``, each as its three nodes in order, in order.

    networkx yields cliques smallest first, so the search stops at the first of four nodes.

    Examples
    --------
    >>> import networkx as nx
    >>> _triangles(nx.Graph([("c", "b"), ("b", "a"), ("a", "c"), ("c", "d"), ("d", "b"), ("d", "e")]))
    [('a', 'b', 'c'), ('b', 'c', 'd')]
    """
    import networkx as nx

    cliques = takewhile(lambda c: len(c) <= 3, nx.enumerate_all_cliques(g))
    return sorted(tuple(sorted(c)) for c in cliques if len(c) == 3)


def _camps(g_signed) -> tuple[dict[str, int], list[tuple[str, str]]]:
    """Two camps for the largest signed component, keeping the frustrated weight low."""
    import networkx as nx

    if g_signed.number_of_edges() == 0:
        return {}, []
    component = max(nx.connected_components(g_signed), key=lambda c: (len(c), sorted(c)))
    sub = g_signed.subgraph(component)
    tree = nx.maximum_spanning_tree(sub, weight="weight")
    start = sorted(component)[0]
    side: dict[str, int] = {start: 0}
    for a, b in nx.bfs_edges(tree, start, sort_neighbors=sorted):
        side[b] = side[a] if sub[a][b]["sign"] > 0 else 1 - side[a]

    def frustrated(assign: dict[str, int]) -> list[tuple[str, str]]:
        return [
            (a, b)
            for a, b, d in sub.edges(data=True)
            if (d["sign"] > 0 and assign[a] != assign[b])
            or (d["sign"] < 0 and assign[a] == assign[b])
        ]

    def cost(edges: list[tuple[str, str]]) -> float:
        return sum(sub[a][b]["weight"] for a, b in edges)

    best = frustrated(side)
    improved = True
    while improved and best:
        improved = False
        for node in sorted(component):
            side[node] = 1 - side[node]
            trial = frustrated(side)
            if cost(trial) < cost(best) - 1e-12:
                best, improved = trial, True
            else:
                side[node] = 1 - side[node]
    return side, sorted(tuple(sorted(e)) for e in best)


@dataclass(frozen=True)
class NetworkResult:
    """The result of ``run``.

    Attributes
    ----------
    actors : pandas.DataFrame
        By actor id, most influential first: ``name``, ``kind``, ``role``,
        ``influence``, ``degree``, ``in_degree``, ``out_degree``, ``betweenness``,
        ``eigenvector``, ``community``, ``camp``, ``broker`` (betweenness between
        the camps), ``named_in``, ``bears_on``.
    camps : dict
        ``{camp name: [actor ids]}`` for the largest signed component.
    """

    actors_frame: pd.DataFrame = field(repr=False)
    camps: dict[str, list[str]]
    balanced: bool | None
    frustrated: tuple[tuple[str, str], ...]
    triad_balance: float | None
    communities: tuple[tuple[str, ...], ...]
    graph_: Any = field(repr=False)

    actors = FrameCopy()

    @property
    def brokers(self) -> tuple[str, ...]:
        """Actors through which paths between the two camps run, most first."""
        frame = self.actors_frame
        ranked = frame[frame["broker"] > 0].sort_values("broker", ascending=False, kind="stable")
        return tuple(ranked.index)

    def graph(self):
        """A copy of the graph (``networkx.DiGraph``)."""
        return self.graph_.copy()

    def paths(self, source: str, target: str, k: int = 3) -> list[list[str]]:
        """Up to ``k`` shortest influence paths from one actor to another, along the ties' direction."""
        import networkx as nx

        for actor in (source, target):
            if actor not in self.graph_:
                raise KeyError(f"no actor '{actor}' in the network")
        try:
            generator = nx.shortest_simple_paths(self.graph_, source, target)
            return [path for _, path in zip(range(k), generator, strict=False)]
        except nx.NetworkXNoPath:
            return []

    def write_graphml(self, path: str | Path) -> Path:
        """Export for Gephi, yEd or networkx (``networkx.read_graphml`` reads it back)."""
        import networkx as nx

        nx.write_graphml(self._export_graph(), path)
        return Path(path)

    def write_gexf(self, path: str | Path) -> Path:
        """Export in Gephi's GEXF format."""
        import networkx as nx

        nx.write_gexf(self._export_graph(), path)
        return Path(path)

    def _export_graph(self):
        g = self.graph_.copy()
        frame = self.actors_frame
        for node in g.nodes:
            for column in ("influence", "betweenness", "degree"):
                g.nodes[node][column] = float(frame.at[node, column])
            g.nodes[node]["community"] = int(frame.at[node, "community"])
            g.nodes[node]["camp"] = frame.at[node, "camp"] or ""
        return g

    def to_dict(self) -> dict[str, Any]:
        frame = self.actors_frame
        return {
            "actors": [
                {
                    "id": a,
                    "name": r["name"],
                    "kind": r["kind"],
                    "role": r["role"],
                    "influence": round(float(r["influence"]), 6),
                    "degree": round(float(r["degree"]), 6),
                    "betweenness": round(float(r["betweenness"]), 6),
                    "eigenvector": None
                    if pd.isna(r["eigenvector"])
                    else round(float(r["eigenvector"]), 6),
                    "community": int(r["community"]),
                    "camp": r["camp"],
                    "broker": round(float(r["broker"]), 6),
                    "named_in": list(r["named_in"]),
                    "bears_on": dict(r["bears_on"]),
                }
                for a, r in frame.iterrows()
            ],
            "camps": self.camps,
            "balanced": self.balanced,
            "frustrated": [list(e) for e in self.frustrated],
            "triad_balance": self.triad_balance,
            "communities": [list(c) for c in self.communities],
            "brokers": list(self.brokers),
        }


def _named_in(case: Case) -> dict[str, tuple[str, ...]]:
    named = {}
    for actor in case.actors:
        names = [actor.name, *actor.aliases]
        pattern = re.compile(r"\b(" + "|".join(re.escape(n) for n in names) + r")\b", re.IGNORECASE)
        named[actor.id] = tuple(
            h.id for h in case.hypotheses if pattern.search(f"{h.label} {h.statement}")
        )
    return named


def _bears_on(case: Case) -> dict[str, dict[str, str]]:
    """Per actor, per hypothesis: how its relations' evidence is rated (e.g. '2 for, 1 against')."""
    evidence: dict[str, set[str]] = {a.id: set() for a in case.actors}
    for relation in case.relations:
        for actor in (relation.source, relation.target):
            evidence[actor].update(relation.evidence)
    out = {}
    for actor, items in evidence.items():
        tally = {}
        for h in case.hypotheses:
            codes = [case.item(e).rating(h.id) for e in sorted(items)]
            support = sum(c in ("C", "CC") for c in codes)
            against = sum(c in ("I", "II") for c in codes)
            if support or against:
                tally[h.id] = f"{support} for, {against} against"
        out[actor] = tally
    return out


def run(case: Case) -> NetworkResult:
    """Map the case's actors and relations and measure them.

    Examples
    --------
    >>> from sat.paths import EXAMPLE_CASE
    >>> from sat.io import load_case
    >>> network = run(load_case(EXAMPLE_CASE))
    >>> network.actors.index[0]
    'XI'
    """
    g = graph(case)
    undirected = _undirected(g)
    influence = _influence(g)
    cooperative = _cooperative(g, undirected)
    groups = _communities(g, cooperative, influence)
    signed = _signed(undirected)
    side, frustrated = _camps(signed)
    camps, camp_of, broker = _named_camps(g, undirected, cooperative, side, influence)
    measures = {
        "influence": influence,
        **_centralities(g, undirected),
        "community": {node: k for k, members in enumerate(groups) for node in members},
        "camp": camp_of,
        "broker": broker,
    }
    return NetworkResult(
        actors_frame=_actors_frame(case, g, measures),
        camps=camps,
        balanced=None if not side else not frustrated,
        frustrated=tuple(frustrated),
        triad_balance=_triad_balance(signed),
        communities=tuple(tuple(c) for c in groups),
        graph_=g,
    )


def _undirected(g):
    """The ties either way between two actors as one: weights added, signs netted by weight."""
    import networkx as nx

    undirected = nx.Graph()
    undirected.add_nodes_from(g.nodes)
    for a, b, data in g.edges(data=True):
        if undirected.has_edge(a, b):
            undirected[a][b]["signed"] += data["sign"] * data["weight"]
            undirected[a][b]["weight"] += data["weight"]
        else:
            undirected.add_edge(a, b, weight=data["weight"], signed=data["sign"] * data["weight"])
    for _, _, data in undirected.edges(data=True):
        data["sign"] = int(np.sign(data["signed"]))
    return undirected


def _influence(g) -> dict[str, float]:
    """PageRank over the ties that carry influence, each reversed (towards the actor exerting it)."""
    import networkx as nx

    carrying = nx.DiGraph()
    carrying.add_nodes_from(g.nodes)
    carrying.add_edges_from(
        (b, a, {"weight": d["influence"]}) for a, b, d in g.edges(data=True) if d["influence"] > 0
    )
    return pagerank(carrying)


def _centralities(g, undirected) -> dict[str, dict[str, float]]:
    """Betweenness, eigenvector (none when it does not converge) and degree centrality."""
    import networkx as nx

    n = g.number_of_nodes()
    betweenness = nx.betweenness_centrality(undirected) if n > 2 else dict.fromkeys(g.nodes, 0.0)
    try:
        eigenvector = (
            nx.eigenvector_centrality(undirected, max_iter=1000)
            if undirected.number_of_edges()
            else {}
        )
    except (nx.PowerIterationFailedConvergence, nx.NetworkXException):
        eigenvector = {}
    degree = nx.degree_centrality(undirected) if n > 1 else dict.fromkeys(g.nodes, 0.0)
    return {"betweenness": betweenness, "eigenvector": eigenvector, "degree": degree}


def _cooperative(g, undirected):
    """Every actor, with the ties whose netted sign is cooperative."""
    import networkx as nx

    cooperative = nx.Graph()
    cooperative.add_nodes_from(g.nodes)
    cooperative.add_edges_from(
        (a, b, d) for a, b, d in undirected.edges(data=True) if d["sign"] > 0
    )
    return cooperative


def _communities(g, cooperative, influence: dict[str, float]) -> list[list[str]]:
    """Greedy modularity communities on the cooperative ties (an actor without one alone), the
    most influential first."""
    import networkx as nx

    if cooperative.number_of_edges():
        groups = nx.community.greedy_modularity_communities(cooperative, weight="weight")
    else:
        groups = [{node} for node in g.nodes]
    return sorted((sorted(c) for c in groups), key=lambda c: (-sum(influence[x] for x in c), c))


def _signed(undirected):
    """The ties that are cooperative or hostile once netted (neutral ones left out)."""
    import networkx as nx

    signed = nx.Graph()
    signed.add_edges_from((a, b, d) for a, b, d in undirected.edges(data=True) if d["sign"] != 0)
    return signed


def _named_camps(
    g, undirected, cooperative, side: dict[str, int], influence: dict[str, float]
) -> tuple[dict[str, list[str]], dict[str, str | None], dict[str, float]]:
    """The camps of the signed split, each named after its most influential member; each actor's
    camp (None outside one); and betweenness counted only between two camps."""
    import networkx as nx

    camps: dict[str, list[str]] = {}
    camp_of: dict[str, str | None] = dict.fromkeys(g.nodes)
    broker = dict.fromkeys(g.nodes, 0.0)
    if not side:
        return camps, camp_of, broker
    # an actor is in a camp only with a cooperative tie inside it: shared enmity alone
    # (the enemy of my enemy) aligns no one, and a camp needs two aligned actors
    aligned = {
        a for a, b in cooperative.edges if a in side and b in side and side[a] == side[b]
    } | {b for a, b in cooperative.edges if a in side and b in side and side[a] == side[b]}
    members = [
        sorted((a for a, s in side.items() if s == k and a in aligned), key=lambda a: -influence[a])
        for k in (0, 1)
    ]
    members = [m for m in members if len(m) >= 2]
    for group in members:
        name = f"{g.nodes[group[0]]['name']} camp"
        camps[name] = group
        for actor in group:
            camp_of[actor] = name
    if len(members) == 2:
        broker = nx.betweenness_centrality_subset(
            undirected, sources=members[0], targets=members[1], normalized=False
        )
    return camps, camp_of, broker


def _triad_balance(signed) -> float | None:
    """The share of signed triangles whose signs multiply to positive (None without one)."""
    triangles = _triangles(signed)
    if not triangles:
        return None
    return sum(
        signed[a][b]["sign"] * signed[b][c]["sign"] * signed[a][c]["sign"] > 0
        for a, b, c in triangles
    ) / len(triangles)


#: The actors frame's columns, in order (after its index, the actor's id).
_COLUMNS = (
    "name",
    "kind",
    "role",
    "influence",
    "degree",
    "in_degree",
    "out_degree",
    "betweenness",
    "eigenvector",
    "community",
    "camp",
    "broker",
    "named_in",
    "bears_on",
)


def _actors_frame(case: Case, g, measures: dict[str, dict[str, Any]]) -> pd.DataFrame:
    """One row per actor, the most influential first: who it is, each measure, and the
    hypotheses it is named in and bears on."""
    named = _named_in(case)
    bears = _bears_on(case)
    rows = [
        {
            "id": a.id,
            "name": a.name,
            "kind": a.kind,
            "role": a.role,
            "influence": measures["influence"].get(a.id, 0.0),
            "degree": measures["degree"].get(a.id, 0.0),
            "in_degree": g.in_degree(a.id),
            "out_degree": g.out_degree(a.id),
            "betweenness": measures["betweenness"].get(a.id, 0.0),
            "eigenvector": measures["eigenvector"].get(a.id, np.nan),
            "community": measures["community"].get(a.id, 0),
            "camp": measures["camp"].get(a.id),
            "broker": float(measures["broker"].get(a.id, 0.0)),
            "named_in": named[a.id],
            "bears_on": bears[a.id],
        }
        for a in case.actors
    ]
    rows.sort(key=lambda r: -r["influence"])
    frame = records_frame(rows, "id", list(_COLUMNS))
    for column in ("influence", "degree", "betweenness", "eigenvector", "broker"):
        frame[column] = frame[column].astype(float)
    for column in ("in_degree", "out_degree", "community"):
        frame[column] = frame[column].astype(int)
    return frame
