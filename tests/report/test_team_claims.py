"""What ``sat consensus``, ``sat estimates``, ``sat collect`` and ``sat register`` say of the team's
numbers, worked by hand: a tie is said as a tie, only cells in dispute are listed as such, a pool
names whose numbers it holds, the ratings to re-examine are never a fix, and the rest of what to
collect is counted (the conditions are in ``sat.report.conditions.change``)."""

from __future__ import annotations

import dataclasses
import html

import sat
from sat.report import tables, text
from sat.report.claims import Claim, consensus_claims
from sat.report.claims.team import disputed_claims
from sat.report.conditions import Facts, holds
from tests.techniques.test_consensus import panel, tie_break_panel


def _holds(analysis: sat.Analysis, claims: list[Claim]) -> list[Claim]:
    facts = Facts.of(analysis)
    for claim in claims:
        assert holds(claim, facts), f"{claim.kind} said but false: {claim.text}"
    return claims


def _false(claim: Claim, analysis: sat.Analysis, **figures) -> bool:
    changed = dataclasses.replace(claim, figures={**claim.figures, **figures})
    return not holds(changed, Facts.of(analysis))


# --- sat consensus and the blind reveal -----------------------------------------------------------


def test_a_reading_level_on_the_primary_score_is_said_as_a_tie_never_a_plain_leader():
    # worked in tests/techniques/test_consensus.py: A's reading and the median's are level on
    # weighted inconsistency (H1 = H2 = 0), the consistency tie-break alone putting one first
    analysis = sat.analyse(tie_break_panel())
    said = _holds(analysis, consensus_claims(analysis.consensus))
    assert [c.text for c in said] == [
        "A: H1 and H2 tied on weighted inconsistency, H1 first only on the consistency "
        "tie-break (1 cell rated).",
        "B: leader H2 (3 cells rated).",
        "The median of the votes: H1 and H2 tied on weighted inconsistency, H2 first only on "
        "the consistency tie-break.",
    ]
    assert _false(said[0], analysis, level=())  # a plain "leader H1" would hide the tie
    assert _false(said[1], analysis, level=("H1",))  # B's lead is clear
    assert _false(said[2], analysis, level=())
    tied = sat.analyse(panel({"A": {"H1": "I", "H2": "I"}}, analysts=("A",)))
    (reading, median) = _holds(tied, consensus_claims(tied.consensus))
    assert reading.text == "A: H1 and H2 tied (no leader) (2 cells rated)."
    assert median.text == "The median of the votes: H1 and H2 tied (no leader)."
    page = str(tables.consensus_html(analysis.consensus))
    assert all(html.escape(c.text) in page for c in said)


def test_only_cells_in_dispute_are_listed_and_none_in_dispute_is_said():
    analysis = sat.analyse(tie_break_panel())  # 3 voted cells, E2/H1 alone has two votes
    (claim,) = _holds(analysis, disputed_claims(analysis.consensus, 12))
    assert claim.kind == "consensus.disputed"
    assert claim.text == (
        "1 of the 3 voted cells is in dispute (rated by more than one analyst, with votes that "
        "differ)."
    )
    assert _false(claim, analysis, disputed=3)  # single votes are not a dispute
    page = str(tables.consensus_html(analysis.consensus))
    assert '<td style="padding:3px">E2</td>' in page
    assert '<td style="padding:3px">E1</td>' not in page and "(consensus)" not in page
    shown = text.consensus(analysis.consensus)
    listed = shown.split("cells to discuss first:")[1].split("weighted inconsistency")[0]
    assert claim.text in shown and "E2" in listed and "E1" not in listed
    # one analyst alone: nothing in dispute, said so, and no table of cells
    alone = sat.analyse(panel({"B": {"H1": "N", "H2": "C"}}, analysts=("A", "B")))
    (none,) = _holds(alone, disputed_claims(alone.consensus, 12))
    assert none.text == "No cell is in dispute: no cell was rated by more than one analyst."
    page = str(tables.consensus_html(alone.consensus))
    assert none.text in page and '<th style="padding:3px">Votes</th>' not in page
    assert "cells to discuss first" not in text.consensus(alone.consensus)
    agreed = sat.analyse(panel({"A": {"H1": "C"}, "B": {"H1": "C"}}, analysts=("A", "B")))
    (none,) = _holds(agreed, disputed_claims(agreed.consensus, 12))
    assert (
        none.text
        == "No cell is in dispute: the 1 cell rated by more than one analyst has the same votes."
    )
    assert _false(none, agreed, several=0)


def test_a_long_list_of_disputed_cells_says_how_many_it_lists(example_case):
    analysis = sat.analyse(example_case)
    (claim,) = _holds(analysis, disputed_claims(analysis.consensus, 8))
    assert claim.text == (
        "All 15 voted cells are in dispute (rated by more than one analyst, with votes that "
        "differ); the 8 with the most disagreement are listed."
    )
    assert _false(claim, analysis, shown=16)


# --- sat collect and the brief's "What to collect next" -------------------------------------------


def _open_items(n_indicators: int, gap: bool = True) -> sat.Analysis:
    """The typical situation with ``n_indicators`` open indicators for H1 and, with ``gap``, the
    gap G1 phrased as an observation (rated against H1)."""
    from sat.case import Case
    from sat.testing import situation

    data = situation("typical", seed=0)
    h1 = data["hypotheses"][0]["id"]
    data["indicators"] = [
        {"id": f"IX{k}", "hypothesis": h1, "description": f"port {k} closes"}
        for k in range(1, n_indicators + 1)
    ]
    if gap:
        data["information_gaps"] = [
            {"text": "Who decided", "observation": "a decree is found", "ratings": {h1: "II"}}
        ]
    return sat.analyse(Case.model_validate(data))


def test_the_brief_lists_three_to_collect_and_counts_and_names_the_rest():
    from sat.report.brief import recommendations_section
    from sat.report.claims.team import collect_more_claims

    analysis = _open_items(4)  # IX1..IX4 alike and G1: five to collect, three listed
    ranked = list(analysis.collect.targets.index)
    assert sorted(ranked) == ["G1", "IX1", "IX2", "IX3", "IX4"]
    (more,) = _holds(analysis, collect_more_claims(analysis.collect, 3, "sat collect CASE"))
    assert more.text == (
        f"And 2 more, not listed here (sat collect CASE): {ranked[3]} and {ranked[4]}."
    )
    assert _false(more, analysis, rest=(ranked[3],))  # one left out unsaid
    assert _false(more, analysis, named=(ranked[4], ranked[3]))
    page = str(recommendations_section(analysis.case, None, analysis.collect))
    assert "And 2 more, not listed here (sat collect CASE ranks them all)" in page
    assert "G1" in page  # the gap is listed or named, never dropped
    # all of them shown: nothing more to say
    assert collect_more_claims(analysis.collect, 5, "x") == []
    assert "And " not in text.collect(analysis.collect).split("\n", 2)[-1]
    # many left out: five named, the others counted
    many = _open_items(9)
    (more,) = _holds(many, collect_more_claims(many.collect, 3, "sat collect CASE"))
    rest = list(many.collect.targets.index)[3:]
    assert more.text.endswith(f"{', '.join(rest[:5])} and 2 others.")
    assert "And 7 more" in more.text


def test_the_collect_view_says_who_would_lead_not_only_the_leaders_probability():
    analysis = _open_items(1)
    targets = analysis.collect.targets
    shown = text.collect(analysis.collect)
    lead = analysis.collect.leader
    for ident, row in targets.iterrows():
        (who,) = row["leader_if_observed"]
        line = next(line for line in shown.splitlines() if line.startswith(str(ident)))
        assert f"{who} {row['p_leader_if_observed']:.2f}" in line
    assert f"{lead}_if_seen" in shown and "leads_if_seen" in shown
    page = str(tables.collect_html(analysis.collect))
    assert "Would lead if seen" in page and "Would lead if not" in page
