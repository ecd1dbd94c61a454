"""The network figure, read from its geometry: labels apart and inside, unconnected actors in words."""

from __future__ import annotations

import html
import re
import subprocess
import sys

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sat
from sat.case import Case
from sat.report.network_chart import WIDTH, draw_network, label_overlaps, network_chart
from sat.techniques import network
from tests.techniques.test_network import make, rel


def long_named(n: int = 30) -> Case:
    """``n`` actors with long names (no alias), a ring with chords, and two left unconnected."""
    words = ("Ministry", "Directorate", "Authority", "Committee", "Council", "Agency")
    actors = [
        {
            "id": f"A{k}",
            "name": f"The {words[k % 6]} for Strategic Coordination of Regional Affairs No. {k}",
            "kind": ("person", "state", "company", "media", "government body")[k % 5],
        }
        for k in range(n)
    ]
    tied = n - 2
    relations = [rel(f"A{k}", f"A{(k + 1) % tied}", "commands") for k in range(tied)]
    relations += [rel(f"A{k}", f"A{(k * 7 + 3) % tied}", "opposes") for k in range(0, tied, 3)]
    relations = [r for r in relations if r["source"] != r["target"]]
    return make(actors, relations)


def _labels(figure):
    return {
        t.get_gid().removeprefix("actor:"): t
        for t in figure.axes[0].texts
        if (t.get_gid() or "").startswith("actor:")
    }


def _check_geometry(drawing):
    """Every actor drawn has one label; no two labels overlap; all lie inside the figure."""
    figure = drawing.figure
    renderer = figure.canvas.get_renderer()
    labels = _labels(figure)
    assert set(labels) == set(drawing.drawn)
    texts = list(labels.values())
    assert label_overlaps(texts, renderer) == []
    page = figure.bbox
    for text in [*texts, *figure.texts]:
        box = text.get_window_extent(renderer)
        assert page.x0 <= box.x0 and box.x1 <= page.x1, text.get_text()
        assert page.y0 <= box.y0 and box.y1 <= page.y1, text.get_text()
    for legend in figure.legends:
        box = legend.get_window_extent(renderer)
        assert page.x0 <= box.x0 and box.x1 <= page.x1 and page.y0 <= box.y0


@pytest.fixture
def drawn():
    """Draw a network and close its figure after the test."""
    import matplotlib.pyplot as plt

    figures = []

    def draw(case):
        drawing = draw_network(network.run(case), case)
        figures.append(drawing.figure)
        return drawing

    yield draw
    for figure in figures:
        if figure is not None:
            plt.close(figure)


def test_the_example_case_is_drawn_without_its_two_unconnected_actors(example_case, drawn):
    drawing = drawn(example_case)
    _check_geometry(drawing)
    assert drawing.isolated == ("ENEOS", "MMC")  # no relation names them
    assert set(drawing.drawn) == {a.id for a in example_case.actors} - {"ENEOS", "MMC"}
    # the figure is as wide as the other charts, which fit the printed page's 186 mm
    assert drawing.figure.get_size_inches()[0] == pytest.approx(WIDTH)


def test_the_page_is_wide_enough_for_the_figure():
    # the printed page: A4 (210 mm) less the side margins page.html.j2 sets; the figure must
    # not be wider, or the brief shrinks its text below the size it was drawn at
    from importlib.resources import files

    page = (files("sat") / "report" / "templates" / "page.html.j2").read_text()
    margins = re.search(
        r"@page \{ size: A4; margin: ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm ([\d.]+)mm", page
    )
    assert margins, "the page's A4 margins"
    content = (210 - float(margins.group(2)) - float(margins.group(4))) / 25.4
    assert content - 0.3 <= WIDTH <= content


def test_thirty_long_names_are_numbered_with_a_key(drawn):
    case = long_named(30)
    drawing = drawn(case)
    _check_geometry(drawing)
    assert drawing.numbered
    assert drawing.isolated == ("A28", "A29")
    labels = _labels(drawing.figure)
    assert {labels[a].get_text() for a in drawing.drawn} == {
        str(drawing.ranks[a]) for a in drawing.drawn
    }
    result = network.run(case)
    page = network_chart(result, case)
    key = re.search(r'<ol class="sat-network-key".*?</ol>', page, re.S).group(0)
    items = re.findall(r'<li value="(\d+)"><span class="sat-network-actor">([^<]*)</span>', key)
    assert len(items) == 28
    for rank, name in items:  # number -> the actor of that rank by influence
        actor = result.actors.index[int(rank) - 1]
        assert html.unescape(name) == result.actors.at[actor, "name"]
        assert actor in drawing.drawn


def test_short_names_that_fit_are_written_on_the_graph(drawn):
    case = make(
        [
            {"id": "CN", "name": "Government of China", "kind": "state"},
            {"id": "XI", "name": "Xi Jinping", "kind": "person"},
            {"id": "JP", "name": "Government of Japan", "kind": "state"},
            {"id": "T", "name": "Sanae Takaichi", "kind": "person"},
            {"id": "X", "name": "Nobody at all", "kind": "other"},
        ],
        [
            rel("XI", "CN", "commands"),
            rel("T", "JP", "commands"),
            rel("CN", "JP", "opposes"),
            rel("XI", "T", "meets"),
        ],
    )
    drawing = drawn(case)
    _check_geometry(drawing)
    assert not drawing.numbered
    labels = {a: t.get_text() for a, t in _labels(drawing.figure).items()}
    assert labels == {
        "CN": "Government of\nChina",
        "XI": "Xi Jinping",
        "JP": "Government of\nJapan",
        "T": "Sanae Takaichi",
    }
    page = network_chart(network.run(case), case)
    assert "sat-network-key" not in page
    assert "Not connected to any other actor (not drawn): " in page
    assert "Nobody at all</span> (other)." in page


def test_arrows_follow_directed_ties_and_undirected_ties_have_none(drawn):
    from matplotlib.patches import FancyArrowPatch

    case = make(
        ["A", "B", "C", "D"],
        [
            rel("A", "B", "commands"),  # directed
            rel("B", "C", "meets"),  # undirected by its type
            rel("C", "D", "opposes", directed=False),
            rel("D", "A", "supplies"),
            rel("A", "D", "supplies"),  # both ways, same sign: one line, two heads
        ],
    )
    drawing = drawn(case)
    heads = {
        p.get_gid(): type(p.get_arrowstyle()).__name__
        for p in drawing.figure.axes[0].patches
        if isinstance(p, FancyArrowPatch)
    }
    assert heads == {
        "tie:A:B": "CurveFilledB",  # -|>: a head at B
        "tie:B:C": "Curve",  # no head
        "tie:C:D": "Curve",
        "tie:A:D": "CurveFilledAB",  # <|-|>
    }
    graph = network.run(case).graph()
    assert graph["A"]["B"]["directed"] and not graph.has_edge("B", "A")
    assert not graph["B"]["C"]["directed"] and not graph["C"]["B"]["directed"]
    assert graph["A"]["D"]["directed"] and graph["D"]["A"]["directed"]


def test_nodes_are_sized_by_influence(drawn):
    case = make(["HUB", "A", "B", "C"], [rel("HUB", x, "commands") for x in "ABC"])
    drawing = drawn(case)
    (nodes,) = drawing.figure.axes[0].collections
    sizes = dict(zip(drawing.drawn, nodes.get_sizes(), strict=True))
    assert drawing.drawn[0] == "HUB"
    assert sizes["HUB"] > sizes["A"] == sizes["B"] == sizes["C"]


@pytest.mark.parametrize(
    ("actors", "says"),
    [
        (["LONE"], "No relation ties one actor to another, so there is no network to draw."),
        (["A", "B", "C"], "No relation ties one actor to another, so there is no network to draw."),
        ([], "The case lists no actors, so there is no network to draw."),
    ],
)
def test_nothing_to_draw_is_said_in_words(actors, says):
    case = make(actors, [])
    drawing = draw_network(network.run(case), case)
    assert drawing.figure is None and drawing.drawn == ()
    assert drawing.isolated == tuple(actors)
    page = network_chart(network.run(case), case)
    assert "<img" not in page and says in page
    if actors:
        assert "Not connected to any other actor: " in page
        assert all(f"{a}</span>" in page for a in actors)
    else:
        assert "Not connected" not in page


def test_hostile_names_are_drawn_and_written_as_given(drawn):
    names = ["$x$", "a_b^c", r"$\nosuchcommand{$", '<img src=x onerror="alert(1)">', "50% & more"]
    actors = [{"id": f"A{k}", "name": n} for k, n in enumerate(names)]
    case = make(actors, [rel("A0", f"A{k}", "commands") for k in range(1, 4)])
    drawing = drawn(case)  # mathtext would fail on \nosuchcommand when drawn
    _check_geometry(drawing)
    for text in _labels(drawing.figure).values():
        assert text.get_parse_math() is False and text.get_usetex() is False
    if not drawing.numbered:
        written = {t.get_text().replace("\n", " ") for t in _labels(drawing.figure).values()}
        assert {"$x$", "a_b^c"} <= written
    page = network_chart(network.run(case), case)
    assert "<img src=x" not in page and "&lt;img src=x onerror=" in page
    assert "50% &amp; more" in page


def test_the_same_case_draws_the_same_picture(example_case):
    import matplotlib.pyplot as plt

    pictures = []
    for _ in range(2):
        drawing = draw_network(network.run(example_case), example_case)
        try:
            axes = drawing.figure.axes[0]
            pictures.append(
                (
                    axes.collections[0].get_offsets().tolist(),
                    [t.get_position() for t in axes.texts],
                )
            )
        finally:
            plt.close(drawing.figure)
    assert pictures[0] == pictures[1]


def test_the_brief_lists_the_unconnected_actors_under_the_figure(example_case):
    from sat.report import brief

    page = brief.entities_section(example_case, sat.network.run(example_case))
    figure_at = page.index("data:image/png;base64,")
    listed = page.index("Not connected to any other actor (not drawn): ")
    assert figure_at < listed
    sentence = page[listed : page.index("</p>", listed)]
    assert "ENEOS Corporation</span> (company)" in sentence
    assert "Mitsubishi Materials</span> (company)" in sentence


@st.composite
def networks(draw) -> Case:
    """Cases of 0 to 24 actors, names short or long, with any ties between them."""
    n = draw(st.integers(0, 24))
    names = st.sampled_from(
        ["A", "Xi", "Government of the United States", "a_b^c", "$x$", "Ministry " * 6]
    )
    actors = [{"id": f"N{k}", "name": f"{draw(names)} {k}"} for k in range(n)]
    pairs = [(a, b) for a in range(n) for b in range(n) if a != b]
    chosen = draw(st.lists(st.sampled_from(pairs), unique=True, max_size=30)) if pairs else []
    kinds = st.sampled_from(["commands", "opposes", "meets", "influences"])
    return make(actors, [rel(f"N{a}", f"N{b}", draw(kinds)) for a, b in chosen])


@given(networks())
@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_any_network_is_drawn_apart_inside_and_with_every_unconnected_actor_named(case):
    import matplotlib.pyplot as plt

    result = network.run(case)
    tied = {r.source for r in case.relations} | {r.target for r in case.relations}
    drawing = draw_network(result, case)
    try:
        assert set(drawing.drawn) == tied
        assert set(drawing.isolated) == {a.id for a in case.actors} - tied
        if tied:
            _check_geometry(drawing)
        else:
            assert drawing.figure is None
    finally:
        if drawing.figure is not None:
            plt.close(drawing.figure)
    page = network_chart(result, case)
    listed = re.search(r'<p class="sat-network-isolated".*?</p>', page, re.S)
    named = (
        re.findall(r'<span class="sat-network-actor">([^<]*)</span>', listed.group(0))
        if listed
        else []
    )
    assert [html.unescape(n) for n in named] == [
        result.actors.at[a, "name"] for a in drawing.isolated
    ]


def test_matplotlib_is_imported_only_to_draw():
    code = (
        "import sys, sat.report.network_chart, sat.report.charts\n"
        "assert 'matplotlib' not in sys.modules, 'matplotlib imported before a figure is drawn'\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
