"""Consensus and disagreement on a small hand-worked panel."""

import math

import pytest

import sat
from sat.case import Case
from sat.errors import CaseError
from sat.techniques import consensus


def panel(votes_e1, votes_e2=None, analysts=("A", "B", "C")):
    evidence = [
        {"id": "E1", "summary": "a", "ratings": {"H1": "N", "H2": "N"}, "analyst_ratings": votes_e1}
    ]
    if votes_e2 is not None:
        evidence.append(
            {
                "id": "E2",
                "summary": "b",
                "ratings": {"H1": "N", "H2": "N"},
                "analyst_ratings": votes_e2,
            }
        )
    return Case.model_validate(
        {
            "id": "p",
            "title": "P",
            "question": "?",
            "date": "2026-01-01",
            "analysts": list(analysts),
            "hypotheses": [
                {"id": "H1", "label": "a", "statement": "a"},
                {"id": "H2", "label": "b", "statement": "b"},
            ],
            "evidence": evidence,
        }
    )


def test_hand_worked_cell_measures():
    # E1/H1 votes C (4), I (2), II (1): mean 7/3; rated values sd = sqrt(((4-7/3)^2+(2-7/3)^2+(1-7/3)^2)/2)
    # NA indicator all 0: sd 0. Opposition: pairs (A,B) and (A,C) cross neutral, (B,C) do not: 2/3.
    case = panel(
        {"A": {"H1": "C", "H2": "N"}, "B": {"H1": "I", "H2": "NA"}, "C": {"H1": "II", "H2": "NA"}}
    )
    result = consensus.run(case)
    cell = result.cells.loc[("E1", "H1")]
    assert cell["mean"] == pytest.approx(7 / 3)
    expected_sd = math.sqrt(((4 - 7 / 3) ** 2 + (2 - 7 / 3) ** 2 + (1 - 7 / 3) ** 2) / 2)
    assert cell["disagreement"] == pytest.approx(expected_sd)
    assert cell["band"] == "large"  # 1.53: between 1.5 and 2.0
    assert cell["opposition"] == pytest.approx(2 / 3)
    assert cell["consensus"] == "I"  # median of 4, 2, 1 is 2
    # E1/H2 votes N, NA, NA: NA indicator [0, 1, 1] has sample sd sqrt(1/3); mean with NA as 3 is 3
    h2 = result.cells.loc[("E1", "H2")]
    assert h2["disagreement"] == pytest.approx(math.sqrt(1 / 3))
    assert h2["mean"] == pytest.approx(3.0)
    assert h2["consensus"] == "NA"  # most voted NA
    assert result.cells.index[0] == ("E1", "H1")  # most disagreement first


def test_consensus_rounds_even_splits_towards_neutral_and_scores_it():
    case = panel({"A": {"H1": "CC", "H2": "II"}, "B": {"H1": "C", "H2": "I"}})
    result = consensus.run(case)
    # medians 4.5 -> 4 (C), 1.5 -> 2 (I): towards neutral
    assert result.cells.loc[("E1", "H1"), "consensus"] == "C"
    assert result.cells.loc[("E1", "H2"), "consensus"] == "I"
    assert result.consensus_case.item("E1").ratings == {"H1": "C", "H2": "I"}
    assert result.consensus_leaders == ("H1",) and set(result.leaders) == {"A", "B"}
    assert result.consensus_weighted["H2"] == pytest.approx(1.0)  # the consensus I counts 1
    assert result.side_by_side.loc["H2", "A"] == pytest.approx(2.0)  # A's own II counts 2
    assert result.side_by_side.loc["H2", "B"] == pytest.approx(1.0)


def test_open_synthesis_scores_by_hand():
    # cell means: E1 H1 (5+4)/2 = 4.5, H2 (1+2)/2 = 1.5; E2 H1 (3+3)/2 = 3, H2 NA->3 and 4: 3.5
    case = panel(
        {"A": {"H1": "CC", "H2": "II"}, "B": {"H1": "C", "H2": "I"}},
        {"A": {"H1": "N", "H2": "NA"}, "B": {"H1": "N", "H2": "C"}},
    )
    scores = consensus.run(case).open_synthesis
    assert scores.loc["H1", "inconsistency"] == pytest.approx(0.0)
    assert scores.loc["H1", "consistency"] == pytest.approx(1.5**2)
    assert scores.loc["H2", "inconsistency"] == pytest.approx(1.5**2)
    assert scores.loc["H2", "consistency"] == pytest.approx(0.5**2)
    assert scores["rank"].tolist() == [1, 2]


def test_band_edges():
    assert [consensus.band(x) for x in (0.49, 0.5, 1.49, 1.5, 1.99, 2.0)] == [
        "consensus",
        "mild",
        "mild",
        "large",
        "large",
        "extreme",
    ]


def test_no_panel():
    result = consensus.run(
        sat.load_case(__import__("tests.conftest", fromlist=["x"]).FIXTURES / "hand.yaml")
    )
    assert result.analysts == () and result.cells.empty


def test_unknown_analyst_and_hypothesis_are_located(write):
    text = (
        "id: k\ntitle: K\nquestion: Q\ndate: 2026-01-01\nanalysts: [A]\n"
        "hypotheses:\n  - {id: H1, label: a, statement: a}\n  - {id: H2, label: b, statement: b}\n"
        "evidence:\n  - {id: E1, summary: s, ratings: {H1: C}, analyst_ratings: {Z: {H1: C}, A: {H9: I}}}\n"
    )
    with pytest.raises(CaseError) as info:
        sat.load_case(write(text))
    messages = {p.field: p.message for p in info.value.problems}
    assert "not one of the case's analysts" in messages["evidence E1.analyst_ratings.Z"]
    assert "unknown hypothesis 'H9'" in messages["evidence E1.analyst_ratings.A.H9"]


def test_example_case_panel(example_case):
    result = sat.consensus.run(example_case)
    assert result.analysts == ("Analyst A", "Analyst B", "Analyst C")
    assert result.leaders["Analyst B"] == ("H4",)  # one analyst reads it differently
    assert result.cells.iloc[0]["band"] in ("large", "extreme")


@pytest.mark.parametrize("n_analysts", [1, 2, 5, 8])
def test_tallies_agree_with_the_measures_computed_vote_by_vote(n_analysts):
    """The vectorised tallies against statistics.median / stdev, cell by cell, on a generated panel."""
    import statistics

    from sat.testing import generate_case

    case = Case.model_validate(generate_case(80, 4, n_analysts=n_analysts, seed=n_analysts))
    result = consensus.run(case)
    value = {"NA": 0, "II": 1, "I": 2, "N": 3, "C": 4, "CC": 5}
    checked = 0
    for (e, h), cell in result.cells.iterrows():
        votes = [value[c] for c in cell["votes"].values()]
        rated = [v for v in votes if v > 0]
        assert cell["mean"] == pytest.approx(statistics.mean(3 if v == 0 else v for v in votes))
        sd_na = statistics.stdev([int(v == 0) for v in votes]) if len(votes) > 1 else 0.0
        sd_rated = statistics.stdev(rated) if len(rated) > 1 else 0.0
        assert cell["disagreement"] == pytest.approx(max(sd_na, sd_rated))
        pairs = [(a, b) for i, a in enumerate(rated) for b in rated[i + 1 :]]
        crossed = sum((a <= 2 and b >= 4) or (a >= 4 and b <= 2) for a, b in pairs)
        assert cell["opposition"] == pytest.approx(crossed / len(pairs) if pairs else 0.0)
        if 2 * votes.count(0) > len(votes) or not rated:
            expected = "NA"
        else:
            median = statistics.median(rated)
            expected = {v: c for c, v in value.items()}[
                int(median // 1 if median > 3 else -(-median // 1))
            ]
        assert cell["consensus"] == expected, (e, h, votes)
        checked += 1
    assert checked == len(result.cells) > 0


def test_rated_against_names_each_item_and_analyst_in_case_order():
    from sat.case import Case

    case = Case.model_validate(
        {
            "id": "c",
            "title": "C",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["A", "B"],
            "hypotheses": [{"id": h, "label": h, "statement": h} for h in ("H1", "H2")],
            "evidence": [
                {
                    "id": "E1",
                    "summary": "x",
                    "ratings": {"H1": "C", "H2": "I"},
                    "analyst_ratings": {"A": {"H1": "I", "H2": "I"}, "B": {"H1": "C", "H2": "II"}},
                },
                {
                    "id": "E2",
                    "summary": "y",
                    "ratings": {"H1": "C", "H2": "C"},
                    "analyst_ratings": {"A": {"H1": "C"}, "B": {"H1": "II"}},
                },
            ],
        }
    )
    result = consensus.run(case)
    assert result.rated_against == {"H1": {"E1": ("A",), "E2": ("B",)}, "H2": {"E1": ("A", "B")}}
    readings = {*result.leaders.values(), result.consensus_leaders}
    assert result.leaders_differ == (len(readings) > 1)


def test_an_analyst_who_rated_some_cells_keeps_the_agreed_ratings_elsewhere():
    # E1 is agreed N/N and rated by the panel; E2 is agreed I against H2 and rated by nobody.
    # Each analyst's reading keeps E2's I for H2 (credibility M, relevance M: weight 1 x 1 = 1),
    # so H2 is not shown unopposed just because no analyst rated it.
    case = panel({"A": {"H1": "I"}, "B": {"H1": "C"}, "C": {"H1": "C"}})
    case = case.model_copy(
        update={
            "evidence": (
                case.evidence[0],
                case.evidence[0].model_copy(
                    update={"id": "E2", "ratings": {"H1": "N", "H2": "I"}, "analyst_ratings": {}}
                ),
            )
        }
    )
    result = consensus.run(case)
    weight = float(case.matrix.weight[1])
    side = result.side_by_side
    assert side.loc["H2"].tolist() == pytest.approx([weight] * 3)  # the analysts' readings
    assert side.loc["H1"].tolist() == pytest.approx([float(case.matrix.weight[0]), 0, 0])
    assert result.consensus_weighted.tolist() == pytest.approx([0, weight])  # median C on H1
    # A's reading: H1 and H2 both carry one I; B's and C's: only H2 does
    assert set(result.leaders["A"]) == {"H1", "H2"}
    assert result.leaders["B"] == ("H1",)


def named_consensus() -> Case:
    """A panel whose first analyst is called "consensus": they rate E1 II against H1 and C for
    H2, the two others C for H1 and I against H2 (credibility and relevance M: weight 1)."""
    votes = {
        "consensus": {"H1": "II", "H2": "C"},
        "B": {"H1": "C", "H2": "I"},
        "C": {"H1": "C", "H2": "I"},
    }
    return panel(votes, analysts=("consensus", "B", "C"))


def test_an_analyst_called_consensus_is_an_analyst_and_the_median_is_kept_apart():
    # medians: H1 of II 1, C 4, C 4 is 4 (C); H2 of C 4, I 2, I 2 is 2 (I): the consensus
    # matrix has W(H1) = 0, W(H2) = 1 and H1 leads. The analyst "consensus" reads W(H1) = 2
    # (their II), W(H2) = 0: H2 leads for them.
    result = consensus.run(named_consensus())
    assert result.analysts == ("consensus", "B", "C")
    assert result.leaders == {"consensus": ("H2",), "B": ("H1",), "C": ("H1",)}
    assert result.consensus_leaders == ("H1",)
    assert result.side_by_side["consensus"].tolist() == pytest.approx([2.0, 0.0])
    assert list(result.side_by_side.columns) == ["consensus", "B", "C"]
    assert result.consensus_weighted.tolist() == pytest.approx([0.0, 1.0])
    assert result.votes_cast == {"consensus": 2, "B": 2, "C": 2}
    data = result.to_dict()
    assert data["leaders"] == {"consensus": ["H2"], "B": ["H1"], "C": ["H1"]}
    assert data["side_by_side"]["consensus"] == {"H1": 2.0, "H2": 0.0}
    assert data["consensus"] == {
        "leaders": ["H1"],
        "level": [],
        "weighted_inconsistency": {"H1": 0.0, "H2": 1.0},
    }
    from sat.report import tables, text

    shown = text.consensus(result)
    assert "consensus: leader H2 (2 cells rated)." in shown
    assert "The median of the votes: leader H1." in shown
    side = shown.split("of the consensus matrix:\n", 1)[1].splitlines()
    assert side[0].split() == ["consensus", "B", "C", "(median)"]
    assert side[2].split() == ["H1", "2.0", "0.0", "0.0", "0.0"]
    page = str(tables.consensus_html(result))
    assert page.count("<i>consensus matrix</i>") == 1 and "consensus: leader H2" in page


def test_the_comparison_puts_the_median_last_beside_every_analyst(example_case):
    from sat.techniques import consensus

    result = consensus.run(example_case)
    compared = result.compared
    assert list(compared.columns) == [*result.side_by_side.columns, "(median)"]
    assert compared["(median)"].equals(result.consensus_weighted)


def tie_break_panel() -> Case:
    """E1 (agreed N, N) rated by B alone: N for H1, C for H2; E2 (agreed N, N) rated C for H1 by A
    and I for H1 by B. Every weight is 1 (credibility and relevance M)."""
    return panel(
        {"B": {"H1": "N", "H2": "C"}}, {"A": {"H1": "C"}, "B": {"H1": "I"}}, analysts=("A", "B")
    )


def test_a_lead_that_only_the_tie_break_gives_names_the_hypotheses_level_with_it():
    # A's reading: E1 N, N and E2 C, N: no I anywhere, W(H1) = W(H2) = 0; consistency H1 1,
    # H2 0: H1 first on the tie-break, level with H2. B's: E1 N, C and E2 I, N: W(H1) = 1,
    # W(H2) = 0: H2 leads outright. The median: E1 N, C (B's alone), E2 of C and I is N:
    # W = 0, 0 and H2 (consistency 1) first on the tie-break, level with H1.
    result = consensus.run(tie_break_panel())
    assert result.leaders == {"A": ("H1",), "B": ("H2",)}
    assert result.level == {"A": ("H2",), "B": ()}
    assert (result.consensus_leaders, result.consensus_level) == (("H2",), ("H1",))
    data = result.to_dict()
    assert data["level"] == {"A": ["H2"], "B": []} and data["consensus"]["level"] == ["H1"]
    # a tie outright has no "level": nobody is first
    tied = consensus.run(panel({"A": {"H1": "I", "H2": "I"}}, analysts=("A",)))
    assert tied.leaders == {"A": ("H1", "H2")} and tied.level == {"A": ()}


def test_only_cells_with_several_votes_that_differ_are_in_dispute():
    # E1/H1 and E1/H2 have B's vote alone; E2/H1 has A's C and B's I: 1 of 3 voted cells
    result = consensus.run(tie_break_panel())
    assert len(result.cells) == 3
    assert list(result.disputed.index) == [("E2", "H1")] and result.to_dict()["disputed"] == 1
    # two analysts who agree: voted, but nothing in dispute
    agreed = consensus.run(panel({"A": {"H1": "C"}, "B": {"H1": "C"}}, analysts=("A", "B")))
    assert len(agreed.cells) == 1 and agreed.disputed.empty
