"""What ``sat consensus``, ``sat estimates``, ``sat collect`` and ``sat register`` say of the team's
numbers, worked by hand: a tie is said as a tie, only cells in dispute are listed as such, a pool
names whose numbers it holds, the ratings to re-examine are never a fix, and the rest of what to
collect is counted (the conditions are in ``sat.report.conditions.team``)."""

from __future__ import annotations

import dataclasses
import html
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sat
from sat.report import tables, text
from sat.report.claims import Claim, consensus_claims, estimates_claims
from sat.report.claims.team import disputed_claims
from sat.report.conditions import Facts, holds
from sat.testing import cases
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


# --- sat estimates ----------------------------------------------------------------------------


def _estimates(
    values: dict[str, dict[str, float]], situation_name: str = "typical"
) -> sat.Analysis:
    from sat.case import Case
    from sat.testing import situation

    data = situation(situation_name, seed=0)
    data["analysts"] = [*data.get("analysts", []), *values]
    data["estimates"] = values
    return sat.analyse(Case.model_validate(data))


def test_a_pool_of_one_analysts_set_is_said_to_be_theirs_alone_never_the_teams():
    # the case: A gives every hypothesis, B leaves one out; the "pool" is A's set alone
    analysis = _estimates({"A": {"H1": 0.5, "H2": 0.3, "H3": 0.2}, "B": {"H1": 0.2, "H2": 0.7}})
    hyps = analysis.estimates.hypotheses
    assert hyps == ("H1", "H2", "H3")
    said = _holds(analysis, estimates_claims(analysis.estimates))
    kinds = [c.kind for c in said]
    assert "estimates.coherent" in kinds and kinds.count("estimates.coherent") == 1  # A's only
    (pooled,) = [c for c in said if c.kind == "estimates.pooled"]
    assert pooled.text == "H1 0.50, H2 0.30, H3 0.20: A's alone, no other analyst's to pool."
    assert _false(pooled, analysis, analysts=("A", "B"))  # B's numbers are not in it
    shown = text.estimates(analysis.estimates)
    assert "pooled by the arithmetic mean:\n  H1 0.50, H2 0.30, H3 0.20: A's alone" in shown
    assert "B: no probability for H3" in shown
    page = str(tables.estimates_html(analysis.estimates))
    assert pooled.text in html.unescape(page)
    # the comparison names A, not "the analysts"
    verdict = next(c for c in said if c.kind in ("estimates.agree", "estimates.differ"))
    assert verdict.text.startswith("A and the matrix ")
    assert _false(verdict, analysis, analysts=("A", "B"))


def test_a_pool_of_several_names_them_and_hypotheses_nobody_gave_in_full_are_not_pooled():
    both = _estimates(
        {"A": {"H1": 0.5, "H2": 0.3, "H3": 0.2}, "B": {"H1": 0.3, "H2": 0.3, "H3": 0.4}}
    )
    (pooled,) = [c for c in estimates_claims(both.estimates) if c.kind == "estimates.pooled"]
    _holds(both, [pooled])
    assert pooled.text == "H1 0.40, H2 0.30, H3 0.30: pooled from A and B."
    assert _false(pooled, both, values={"H1": 0.5, "H2": 0.3, "H3": 0.2})
    neither = _estimates({"A": {"H1": 0.5}, "B": {"H2": 0.7}})
    said = _holds(neither, estimates_claims(neither.estimates))
    (none,) = [c for c in said if c.kind == "estimates.not_pooled"]
    assert none.text == (
        "The hypotheses are not pooled: no analyst gave a probability for every one of them."
    )
    assert "estimates.pooled" not in {c.kind for c in said}
    assert not holds(none, Facts.of(both))  # said where a complete set exists, it is false


def test_the_ratings_to_re_examine_are_never_offered_as_a_fix():
    analysis = _estimates({"A": {"H1": 0.02, "H2": 0.96, "H3": 0.02}})
    said = _holds(analysis, estimates_claims(analysis.estimates))
    (claim,) = [c for c in said if c.kind == "estimates.reexamine"]
    f = claim.figures
    h, items = f["hypothesis"], f["items"]
    assert claim.text.startswith(
        f"If {h} is as likely as A believes ({f['pooled']:.2f}; the matrix gives "
        f"{f['posterior']:.2f}), these ratings are the ones to re-examine: "
    )
    first = items[0]
    assert (
        f"{first['item']} (now {first['from']}; the belief needs it nearer {first['to']}, which "
        f"puts {h} at {first['posterior']:.2f})"
    ) in claim.text
    assert claim.text.endswith(
        "Check them against the evidence: change one only if the evidence, not the belief, "
        "calls for it."
    )
    wrong = {**first, "to": first["from"]}  # not one step towards the belief
    assert _false(claim, analysis, items=(wrong,))
    assert _false(claim, analysis, analysts=("B",))
    for shown in (
        text.estimates(analysis.estimates),
        str(tables.estimates_html(analysis.estimates)),
    ):
        assert not re.search(r"\b(CC|C|N|I|II):? ?(->|→) ?(CC|C|N|I|II)\b", shown)  # no fix
        assert "to bring the matrix closer" not in shown and "would bring the matrix" not in shown
        assert claim.text in html.unescape(shown)


@st.composite
def _with_estimates(draw) -> sat.Case:
    """A generated case with one to three analysts' estimates: each gives a drawn subset of the
    hypotheses (none, some or all) and maybe an event, at probabilities on a 0.05 grid."""
    from sat.case import Case

    data = draw(cases(max_evidence=6, max_hypotheses=4))
    hyps = [h["id"] for h in data["hypotheses"]]
    if not data.get("events"):
        data["events"] = [{"id": "X1", "description": "a port closes", "probability": 0.3}]
    event = data["events"][0]["id"]
    names = [f"Analyst {k}" for k in range(draw(st.integers(1, 3)))]
    grid = st.integers(0, 20).map(lambda k: k / 20)
    data["estimates"] = {}
    for name in names:
        chosen = draw(st.lists(st.sampled_from(hyps), unique=True))
        given = {h: draw(grid) for h in hyps if h in chosen}
        if draw(st.booleans()):
            given[event] = draw(grid)
        if given:
            data["estimates"][name] = given
    data["analysts"] = [*data.get("analysts", []), *names]
    return Case.model_validate(data)


@settings(
    max_examples=25,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_with_estimates())
def test_every_estimates_claim_holds_over_generated_sets(case):
    analysis = sat.analyse(
        case.model_copy(update={"bayes": case.bayes.model_copy(update={"draws": 200})})
    )
    said = _holds(analysis, estimates_claims(analysis.estimates))
    pooled = [t for c in said if c.kind == "estimates.pooled" for t in c.figures["targets"]]
    assert pooled == [str(t) for t in analysis.estimates.aggregate.index]  # each said once
