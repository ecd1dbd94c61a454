"""Network influence mapping against known answers on small graphs."""

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

import sat
from sat.case import Case
from sat.errors import CaseError
from sat.techniques import network


def make(actors, relations, hypotheses=None, evidence=None):
    hyps = hypotheses or [
        {"id": "H1", "label": "a", "statement": "a"},
        {"id": "H2", "label": "b", "statement": "b"},
    ]
    return Case.model_validate(
        {
            "id": "n",
            "title": "N",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["t"],
            "hypotheses": hyps,
            "evidence": evidence or [],
            "actors": [{"id": a, "name": a} if isinstance(a, str) else a for a in actors],
            "relations": relations,
        }
    )


def rel(a, b, kind="influences", **kw):
    return {"source": a, "target": b, "type": kind, **kw}


def test_pagerank_matches_networkx():
    g = nx.gnp_random_graph(30, 0.15, seed=3, directed=True)
    for a, b in g.edges:
        g[a][b]["weight"] = 1 + (a * b) % 3
    ours = network.pagerank(g)
    theirs = _pagerank_python(g, weight="weight", tol=1e-13, max_iter=10_000)
    assert [ours[n] for n in g] == pytest.approx([theirs[n] for n in g], abs=1e-9)


def test_a_star_has_one_broker_and_one_influencer():
    # the hub commands four others: all influence flows from it; it lies on every path between them
    case = make(["HUB", "A", "B", "C", "D"], [rel("HUB", x, "commands") for x in "ABCD"])
    frame = network.run(case).actors
    assert frame.index[0] == "HUB"
    assert frame.at["HUB", "betweenness"] == pytest.approx(1.0)  # 6 of 6 pairs, normalised
    assert frame.loc[list("ABCD"), "betweenness"].tolist() == [0.0] * 4
    assert frame.at["HUB", "degree"] == pytest.approx(1.0)
    assert frame.at["HUB", "out_degree"] == 4 and frame.at["A", "in_degree"] == 1
    assert frame["influence"].sum() == pytest.approx(1.0)


def test_a_path_graph_betweenness_by_hand():
    # A - B - C - D (undirected ties): B and C each lie on 2 of the 3 pairs that do not end in them
    case = make(
        list("ABCD"), [rel("A", "B", "meets"), rel("B", "C", "meets"), rel("C", "D", "meets")]
    )
    frame = network.run(case).actors
    assert frame.loc[["A", "B", "C", "D"], "betweenness"].tolist() == pytest.approx(
        [0, 2 / 3, 2 / 3, 0]
    )


def test_reports_and_membership_carry_no_influence():
    case = make(
        ["CHIEF", "PRESS", "CLERK"],
        [rel("PRESS", "CHIEF", "reports on"), rel("CLERK", "CHIEF", "member of")],
    )
    frame = network.run(case).actors
    assert frame["influence"].tolist() == pytest.approx([1 / 3] * 3)  # nothing flows: teleport only


def test_balanced_and_frustrated_signed_structures():
    allies = [
        rel("A", "B", "allied with"),
        rel("C", "D", "allied with"),
        rel("A", "C", "opposes"),
        rel("B", "D", "opposes"),
    ]
    result = network.run(make(list("ABCD"), allies))
    assert result.balanced is True and result.frustrated == ()
    assert sorted(sorted(m) for m in result.camps.values()) == [["A", "B"], ["C", "D"]]
    # a cooperative tie across the camps, weaker than the ties inside them, is the one left frustrated
    frustrating = [*allies, rel("B", "C", "supplies", weight=0.5)]
    result = network.run(
        make(
            list("ABCD"), [dict(r, weight=2) if r["type"] != "supplies" else r for r in frustrating]
        )
    )
    assert result.balanced is False and result.frustrated == (("B", "C"),)
    # triangles: A+B, B+C, A-C is unbalanced (product negative)
    triangle = network.run(
        make(
            list("ABC"),
            [rel("A", "B", "allied with"), rel("B", "C", "allied with"), rel("A", "C", "opposes")],
        )
    )
    assert triangle.triad_balance == 0.0


def test_triads_by_hand_in_four_actors_and_among_three_hundred():
    # four allies: four triangles, all balanced; make A-D hostile: the two through A-D are not
    four = [rel(a, b, "allied with") for a, b in ("AB", "AC", "AD", "BC", "BD", "CD")]
    assert network.run(make(list("ABCD"), four)).triad_balance == 1.0
    hostile = [*four[:2], rel("A", "D", "opposes"), *four[3:]]
    assert network.run(make(list("ABCD"), hostile)).triad_balance == 0.5
    # 300 actors: 100 triangles, every other one with a hostile tie, joined in a chain by ties
    # that close no triangle: half the triangles are balanced
    actors = [f"A{i:03d}" for i in range(300)]
    relations = []
    for t in range(100):
        a, b, c = actors[3 * t : 3 * t + 3]
        relations += [rel(a, b, "allied with"), rel(b, c, "allied with")]
        relations.append(rel(a, c, "opposes" if t % 2 else "allied with"))
        if t:
            relations.append(rel(actors[3 * t - 1], a, "allied with"))
    assert network.run(make(actors, relations)).triad_balance == 0.5


def test_brokers_between_camps_and_paths():
    relations = [
        rel("A", "B", "allied with"),
        rel("B", "X", "influences", sign="neutral"),
        rel("X", "C", "influences", sign="neutral"),
        rel("C", "D", "allied with"),
        rel("A", "D", "opposes"),
    ]
    result = network.run(make(["A", "B", "X", "C", "D"], relations))
    assert "X" in result.brokers
    assert result.paths("B", "C") == [["B", "X", "C"], ["B", "A", "D", "C"]]  # shortest first
    assert result.paths("B", "C", k=1) == [["B", "X", "C"]]
    assert result.paths("C", "B") == []  # ties point one way
    with pytest.raises(KeyError, match="no actor 'Q'"):
        result.paths("Q", "A")


def test_isolated_actor_and_empty_network():
    result = network.run(make(["A", "B", "LONE"], [rel("A", "B", "commands")]))
    lone = result.actors.loc["LONE"]
    assert lone["degree"] == 0 and lone["betweenness"] == 0 and lone["camp"] is None
    empty = network.run(make([], []))
    assert empty.actors.empty and empty.camps == {} and empty.balanced is None
    assert empty.to_dict()["actors"] == []


def test_hypothesis_links_by_name_and_evidence():
    hyps = [
        {"id": "H1", "label": "Beijing's aim", "statement": "China coerces Tokyo."},
        {"id": "H2", "label": "routine", "statement": "Nothing deliberate."},
    ]
    evidence = [{"id": "E1", "summary": "x", "ratings": {"H1": "C", "H2": "II"}}]
    actors = [
        {"id": "CN", "name": "Government of China", "aliases": ["Beijing"]},
        {"id": "JP", "name": "Japan"},
    ]
    result = network.run(
        make(actors, [rel("CN", "JP", "sanctions", evidence=["E1"])], hyps, evidence)
    )
    frame = result.actors
    assert frame.at["CN", "named_in"] == ("H1",) and frame.at["JP", "named_in"] == ()
    assert frame.at["JP", "bears_on"] == {"H1": "1 for, 0 against", "H2": "0 for, 1 against"}


def test_graphml_and_gexf_round_trip(tmp_path, example_case):
    result = sat.network.run(example_case)
    graph = nx.read_graphml(result.write_graphml(tmp_path / "n.graphml"))
    assert set(graph.nodes) == set(result.actors.index)
    assert graph.number_of_edges() == result.graph().number_of_edges()
    assert graph.nodes["CN"]["name"] == "Government of China"
    assert graph.nodes["CN"]["influence"] == pytest.approx(result.actors.at["CN", "influence"])
    assert nx.read_gexf(result.write_gexf(tmp_path / "n.gexf")).number_of_nodes() == len(
        result.actors
    )


def test_example_case_network(example_case):
    result = sat.network.run(example_case)
    assert {"XI", "TAKAICHI", "CN", "JP"} <= set(result.actors.index[:8])
    camps = {frozenset(m) for m in result.camps.values()}
    assert any({"CN", "MOFCOM", "XI"} <= c for c in camps) and any(
        {"JP", "TAKAICHI", "US"} <= c for c in camps
    )
    for relation in example_case.relations:
        assert relation.evidence, f"{relation.source}->{relation.target} cites no evidence"


@pytest.mark.parametrize(
    ("relation", "field", "needle"),
    [
        ("{source: A, target: Z, type: commands}", "relations A->Z.target", "unknown actor 'Z'"),
        (
            "{source: A, target: B, type: befriends}",
            "relations A->B.type",
            "'befriends' is not allowed",
        ),
        (
            "{source: A, target: B, type: meets, evidence: [E9]}",
            "relations A->B.evidence[0]",
            "unknown evidence item 'E9'",
        ),
        (
            "{source: A, target: B, type: meets, sign: friendly}",
            "relations A->B.sign",
            "allowed: cooperative, hostile, neutral",
        ),
    ],
)
def test_bad_relations_are_located(write, relation, field, needle):
    text = (
        "id: k\ntitle: K\nquestion: Q\ndate: 2026-01-01\nanalysts: [t]\n"
        "hypotheses:\n  - {id: H1, label: a, statement: a}\n  - {id: H2, label: b, statement: b}\n"
        "actors:\n  - {id: A, name: Alpha}\n  - {id: B, name: Beta}\n"
        f"relations:\n  - {relation}\n"
    )
    with pytest.raises(CaseError) as info:
        sat.load_case(write(text))
    (problem,) = info.value.problems
    assert (problem.line, problem.field) == (13, field) and needle in problem.message


def test_a_meeting_is_contact_not_alignment():
    meeting = [rel("A", "B", "meets"), rel("A", "C", "opposes")]
    result = network.run(make(list("ABC"), meeting))
    # only the hostile tie splits them; the meeting puts B in no one's camp
    assert all("B" not in members for members in result.camps.values())
    allied = network.run(make(list("ABC"), [dict(meeting[0], sign="cooperative"), meeting[1]]))
    assert any({"A", "B"} <= set(members) for members in allied.camps.values())


def test_shared_enmity_alone_puts_no_one_in_a_camp():
    # a cyber-attribution shape: a state and a hacktivist both oppose the victim, who works with
    # its contractor; balance would pair the state and the hacktivist, but nothing ties them
    ties = [
        rel("VICTIM", "CONTRACTOR", "allied with"),
        rel("STATE", "VICTIM", "opposes"),
        rel("HACKTIVIST", "VICTIM", "opposes"),
    ]
    result = network.run(make(["VICTIM", "CONTRACTOR", "STATE", "HACKTIVIST"], ties))
    assert [sorted(members) for members in result.camps.values()] == [["CONTRACTOR", "VICTIM"]]
    assert result.actors.at["HACKTIVIST", "camp"] is None
    assert result.actors.at["STATE", "camp"] is None


def test_a_relation_from_an_actor_to_itself_is_refused():
    """A self-loop would count as a relation and as influence the actor exerts on itself."""
    with pytest.raises(ValueError, match=r"relations A->A\.target: 'A' is also the source"):
        make(["A", "B"], [rel("A", "B", "allied with"), rel("A", "A", "commands")])
