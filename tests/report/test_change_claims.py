"""The sentences of ``sat diff``, ``sat collect``, ``sat consensus``, ``sat estimates`` and
``sat calibration`` are claims, true of the numbers beside them (the calibration sentences,
checked against their register, are worked in ``tests/techniques/test_calibration.py``).

Each kind is worked by hand on a case where it is said, its condition
(``sat.report.conditions.change``) is shown to fail on figures that do not hold, and a property
test asserts every claim's condition over generated pairs of versions (a generated case and the
same case with one rating moved one step, or one item dropped).
"""

from __future__ import annotations

import dataclasses
import html
import re
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sat
from sat import diff, scales
from sat.case import Case
from sat.report import tables, text
from sat.report.claims import (
    Claim,
    calibration_claims,
    claims_of,
    collect_claims,
    consensus_claims,
    estimates_claims,
)
from sat.report.claims.team import collect_more_claims, disputed_claims
from sat.report.conditions import CONDITIONS, Facts, change, holds
from sat.techniques import calibration
from sat.testing import case_objects, situation, synthetic_entries
from tests.techniques.test_ach import make_case

UNSAYABLE = re.compile(r"<NA>|\b[Nn]a[Nn]\b|\b-?inf\b|\bNone\b|\bNaT\b")


def _fast(case: Case) -> Case:
    return case.model_copy(update={"bayes": case.bayes.model_copy(update={"draws": 400})})


def _diff(old: Case, new: Case) -> tuple[list[Claim], Facts]:
    """The diff's claims and the facts they are checked against (the later version's, with the
    earlier as ``previous``), every condition asserted."""
    analysis = sat.analyse(_fast(new), previous=_fast(old))
    facts = Facts.of(analysis)
    assert facts.previous is not None
    said = claims_of("diff", analysis)
    for claim in said:
        assert holds(claim, facts), f"{claim.kind} said but false: {claim.text}"
        assert not UNSAYABLE.search(claim.text), claim.text
    return said, facts


def _texts(claims: list[Claim]) -> dict[str, str]:
    return {c.kind: c.text for c in claims}


def _false(claim: Claim, facts: Facts, **figures) -> bool:
    """Whether the claim's condition rejects the same claim citing other figures."""
    return not holds(dataclasses.replace(claim, figures={**claim.figures, **figures}), facts)


# --- sat diff -------------------------------------------------------------------------------------


def test_a_rating_change_that_flips_the_leader_is_named_with_its_effect_on_the_gap():
    # H1 leads (0 against 1); E1 re-rated C -> II against H1 (weight 1) puts it at 2, H2 at 1:
    # the gap W(H1) - W(H2) moves from -1 to +1, by +2.00, all of it E1's.
    said, facts = _diff(make_case([["C", "I"], ["N", "N"]]), make_case([["II", "I"], ["N", "N"]]))
    texts = _texts(said)
    assert texts["diff.changes"] == "Changes: 1 rating changed."
    assert texts["diff.leader_changed"] == (
        "The leader changed from H1 to H2: the evidence against H1 grew, or that against H2 "
        "shrank, by these changes: E1 (H1 C→II, +2.00)."
    )
    assert "diff.unchanged" not in texts and "diff.same" not in texts
    moved = next(c for c in said if c.kind == "diff.leader_changed")
    assert moved.figures["reasons"] == (("E1", pytest.approx(2.0)),)
    assert _false(moved, facts, reasons=(("E1", 1.0),))  # the wrong amount
    assert _false(moved, facts, reasons=(("E2", 2.0),))  # an item that moved nothing
    assert _false(moved, facts, after=("H1",))  # the wrong leader
    counted = next(c for c in said if c.kind == "diff.changes")
    assert _false(counted, facts, counts={"rating changed": 2})


def test_two_versions_alike_say_only_that_nothing_changed():
    case = make_case([["C", "I"], ["N", "N"]])
    said, facts = _diff(case, case)
    assert [(c.kind, c.text) for c in said] == [
        (
            "diff.same",
            "Nothing changed between the two versions in the hypotheses, the evidence or the "
            "ratings.",
        )
    ]
    other = make_case([["C", "I"], ["N", "C"]])
    edited, facts = _diff(case, other)
    assert "diff.same" not in {c.kind for c in edited} and not holds(said[0], facts)


def test_a_tie_broken_and_a_tie_formed_are_said_as_ties():
    tied, alone = make_case([["I", "I"], ["N", "N"]]), make_case([["I", "II"], ["N", "N"]])
    # H1 = H2 at 1 each; E1 against H2 made II: H1 leads. The pair is H2 (led, no longer) and
    # H1: W(H2) - W(H1) moves from 0 to 1, all of it E1's.
    broken, _ = _diff(tied, alone)
    assert _texts(broken)["diff.leader_changed"] == (
        "The lead changed from H1 = H2 (tied) to H1: the evidence against H2 grew, or that "
        "against H1 shrank, by these changes: E1 (H2 I→II, +1.00)."
    )
    formed, _ = _diff(alone, tied)
    assert _texts(formed)["diff.leader_changed"] == (
        "The lead changed from H1 to H1 = H2 (tied): the evidence against H1 grew, or that "
        "against H2 shrank, by these changes: E1 (H2 II→I, +1.00)."
    )
    kept, facts = _diff(tied, make_case([["I", "I"], ["C", "C"]]))
    assert _texts(kept)["diff.unchanged"] == "The lead is unchanged: H1 = H2 (tied)."
    claim = next(c for c in kept if c.kind == "diff.unchanged")
    assert _false(claim, facts, leaders=("H1",))


def test_an_unchanged_leader_and_nothing_ranked_in_either_version():
    same, _ = _diff(make_case([["C", "I"], ["N", "N"]]), make_case([["C", "II"], ["N", "N"]]))
    assert _texts(same)["diff.unchanged"] == "The leader is unchanged (H1)."
    blank, _ = _diff(make_case([["NA", "NA"]]), make_case([["NA", None]]))
    assert _texts(blank) == {
        "diff.changes": "Changes: 1 rating changed.",
        "diff.unchanged": "No hypothesis is ranked in either version.",
    }


def test_confidence_moved_is_said_from_each_version_assessed_afresh():
    data = situation("typical", seed=0)
    old = Case.model_validate(data)
    for item in data["evidence"]:
        item["sources"] = []
    said, facts = _diff(old, Case.model_validate(data))
    cited = sum(bool(e.sources) for e in old.evidence)  # each item that cited a source
    fields = "field of an item" if cited == 1 else "fields of items"
    assert _texts(said)["diff.changes"] == f"Changes: {cited} {fields} changed."
    moved = next(c for c in said if c.kind == "diff.confidence")
    assert moved.text == (
        f"Confidence moved from {moved.figures['before']} to {moved.figures['after']}."
    )
    assert moved.figures["after"] == "low"  # no source: low by rule
    assert _false(moved, facts, after="high")


def test_a_leader_given_a_new_id_is_the_same_leader():
    from tests.test_diff import version

    # H1 (a port) leads on E1 (C against I); the new version calls it H9, same statement
    old = version([["C", "I"]], [("H1", "a port"), ("H2", "a road")])
    said, facts = _diff(old, version([["C", "I"]], [("H9", "a port"), ("H2", "a road")]))
    assert [(c.kind, c.text) for c in said] == [
        ("diff.changes", "Changes: 1 hypothesis given a new id (the same statement)."),
        ("diff.unchanged", "The leader is unchanged (H9, formerly H1)."),
    ]
    assert said[1].figures == {"leaders": ("H9",), "formerly": {"H9": "H1"}}
    assert _false(said[1], facts, formerly={})  # the new id not said
    assert _false(said[0], facts, counts={"hypothesis added": 1, "hypothesis removed": 1})
    # renamed and re-rated: E1 C -> II against it puts H2 ahead (W 2 against 1)
    said, facts = _diff(old, version([["II", "I"]], [("H9", "a port"), ("H2", "a road")]))
    assert _texts(said) == {
        "diff.changes": "Changes: 1 hypothesis given a new id (the same statement), 1 rating "
        "changed.",
        "diff.leader_changed": "The leader changed from H1 to H2: H1 is now H9; the evidence "
        "against H9 grew, or that against H2 shrank, by these changes: E1 (H9 C→II, +2.00).",
    }
    moved = said[1]
    assert moved.figures["renamed"] == {"H1": "H9"} and moved.figures["pair"] == ("H9", "H2")
    assert _false(moved, facts, renamed={}) and _false(moved, facts, removed=("H1",))


def test_a_leader_removed_or_added_is_said_to_be():
    # H1 leads (W 0; H2 1, H3 2); without H1, H2 leads
    old, new = make_case([["C", "I", "II"]]), make_case([["I", "II"]], hypotheses=["H2", "H3"])
    said, facts = _diff(old, new)
    assert _texts(said) == {
        "diff.changes": "Changes: 1 hypothesis removed.",
        "diff.leader_changed": "The leader changed from H1 to H2: H1 was removed.",
    }
    assert said[1].figures["removed"] == ("H1",) and said[1].figures["pair"] is None
    assert _false(said[1], facts, removed=())  # its removal left out
    said, facts = _diff(new, old)
    assert _texts(said)["diff.leader_changed"] == "The leader changed from H2 to H1: H1 was added."
    assert _false(said[1], facts, added=())


def test_sat_diff_json_gives_the_claims(tmp_path, capsys):
    import json

    import yaml

    from sat.cli import main

    old, new = tmp_path / "old.yaml", tmp_path / "new.yaml"
    for path, rows in ((old, [["C", "I"], ["N", "N"]]), (new, [["II", "I"], ["N", "N"]])):
        path.write_text(yaml.safe_dump(make_case(rows).model_dump(mode="json", exclude_none=True)))
    assert main(["diff", str(old), str(new), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert [c["kind"] for c in data["claims"]][:2] == ["diff.changes", "diff.leader_changed"]
    assert data["claims"][1]["figures"]["reasons"] == [["E1", 2.0]]
    assert main(["diff", str(old), str(new)]) == 0
    assert capsys.readouterr().out.startswith("Changes: 1 rating changed.\nThe leader changed")


# --- sat collect, sat consensus -------------------------------------------------------------------


def _with_indicator(name: str, seed: int) -> sat.Analysis:
    data = situation(name, seed=seed)
    extra = {"id": "IX1", "hypothesis": data["hypotheses"][0]["id"], "description": "a port closes"}
    data["indicators"] = [*(data.get("indicators") or []), extra]
    return sat.analyse(_fast(Case.model_validate(data)))


def _unrated_on_top(name: str = "posterior-tie") -> sat.Analysis:
    """A situation with an indicator, and a hypothesis rated against nothing whose prior (so its
    posterior) is larger than every rated one's."""
    data = situation(name, seed=0)
    data["hypotheses"].append({"id": "HZ", "label": "Untested", "statement": "z", "prior": 0.9})
    data["indicators"] = [{"id": "IX1", "hypothesis": "H1", "description": "a port closes"}]
    return sat.analyse(_fast(Case.model_validate(data)))


def test_an_unrated_hypothesis_with_a_larger_posterior_is_named_beside_the_standing():
    from sat.report.claims.summary import index_likelihood

    for name in ("posterior-tie", "typical", "two-hypotheses"):
        analysis = _unrated_on_top(name)
        said = _said(analysis, collect_claims(analysis.collect))
        index = _said(analysis, index_likelihood(analysis.case, analysis.bayes))
        assert analysis.collect.unrated_above == ("HZ",)
        assert said[-1].kind == "collect.unrated_above" and "HZ" in said[-1].text
        assert "HZ not yet rated, with a larger posterior" in index[0].text
        assert "the most probable at" not in said[0].text  # a tie is of the rated ones only
        assert _false(said[0], Facts.of(analysis), above=())  # leaving it out is false


def _said(analysis: sat.Analysis, claims: list[Claim]) -> list[Claim]:
    facts = Facts.of(analysis)
    for claim in claims:
        assert holds(claim, facts), f"{claim.kind} said but false: {claim.text}"
        assert not UNSAYABLE.search(claim.text), claim.text
    return claims


@pytest.mark.parametrize(
    ("name", "seed", "kind"),
    [
        ("typical", 0, "collect.leader"),
        ("top-tie", 0, "collect.tie"),
        ("all-na", 0, "collect.none_ranked"),
        ("twelve-hypotheses", 0, "collect.near"),
    ],
)
def test_collect_says_who_leads_on_the_posterior_it_follows(name, seed, kind):
    analysis = _with_indicator(name, seed)
    (claim,) = _said(analysis, collect_claims(analysis.collect))
    assert claim.kind == kind
    post = analysis.bayes.hypotheses["posterior"]
    if kind == "collect.leader":
        leader = claim.figures["leader"]
        assert claim.text == f"Leader {leader} at {post[leader]:.2f}."
        others = [h for h in post.index if h != leader]
        assert _false(claim, Facts.of(analysis), leader=others[0], posterior=post[others[0]])
    if kind == "collect.tie":
        assert "(no leader)" in claim.text and len(claim.figures["leaders"]) > 1
    if kind == "collect.none_ranked":
        assert claim.text == "No hypothesis is rated, so none is the most probable."
    shown = text.collect(analysis.collect)
    assert claim.text in shown and "_if_not follow " in shown


def test_consensus_says_each_analysts_reading_and_the_medians():
    analysis = _with_indicator("analysts-disagree", 0)
    said = _said(analysis, consensus_claims(analysis.consensus))
    readings = [c for c in said if c.kind == "consensus.reading"]
    assert [c.figures["analyst"] for c in readings] == list(analysis.consensus.analysts)
    for claim in readings:
        leaders = analysis.consensus.leaders[claim.figures["analyst"]]
        cast = analysis.consensus.votes_cast[claim.figures["analyst"]]
        level = analysis.consensus.level[claim.figures["analyst"]]
        word = f"leader {leaders[0]}" if len(leaders) == 1 and not level else "tied"
        assert claim.text.startswith(f"{claim.figures['analyst']}: ") and word in claim.text
        assert claim.text.endswith(f"({cast} cells rated).")
        other = next(h for h in analysis.case.matrix.hypothesis_ids if h not in leaders)
        assert _false(claim, Facts.of(analysis), leaders=(other,))
    (median,) = [c for c in said if c.kind == "consensus.median"]
    assert median.text.startswith("The median of the votes: ")
    assert set(median.figures["leaders"]) == set(analysis.consensus.consensus_leaders)
    shown = str(tables.consensus_html(analysis.consensus))  # the brief says the same claims
    assert all(f'data-kind="{c.kind}">{html.escape(c.text)}<' in shown for c in said)


def test_a_reading_says_how_many_cells_the_analyst_rated_and_that_count_is_checked():
    analysis = _with_indicator("analysts-disagree", 0)
    facts = Facts.of(analysis)
    reading = next(c for c in consensus_claims(analysis.consensus) if c.kind == "consensus.reading")
    cast = reading.figures["cast"]
    assert holds(reading, facts)
    assert _false(reading, facts, cast=None)  # a count not said is not a count checked
    assert _false(reading, facts, cast=cast + 1)
    assert _false(reading, facts, cast=True)
    assert _false(reading, facts, analyst="nobody")  # not an analyst who voted


def test_an_analyst_called_consensus_is_read_as_an_analyst_beside_the_median():
    from sat.report.claims import dissent_claims
    from tests.techniques.test_consensus import named_consensus

    analysis = sat.analyse(named_consensus())
    said = _said(analysis, consensus_claims(analysis.consensus))
    # worked in tests/techniques/test_consensus.py: the analyst "consensus" reads H2 first (their
    # II against H1), B and C read H1, and so does the median of the votes
    assert [(c.kind, c.text) for c in said] == [
        ("consensus.reading", "consensus: leader H2 (2 cells rated)."),
        ("consensus.reading", "B: leader H1 (2 cells rated)."),
        ("consensus.reading", "C: leader H1 (2 cells rated)."),
        ("consensus.median", "The median of the votes: leader H1."),
    ]
    assert _false(said[0], Facts.of(analysis), leaders=("H1",))  # the median's is not theirs
    (dissent,) = _said(analysis, dissent_claims(analysis.case, analysis.consensus))
    assert dissent.figures == {
        "groups": {("H2",): ("consensus",), ("H1",): ("B", "C")},
        "median": ("H1",),
    }
    assert "H2 (b) comes first for consensus; H1 (a) comes first for B and C." in dissent.text
    assert "With the median of their votes, H1 (a) comes first." in dissent.text
    assert _false(dissent, Facts.of(analysis), median=("H2",))


# --- sat estimates --------------------------------------------------------------------------------


def _estimates(values: dict[str, dict[str, float]]) -> sat.Analysis:
    data = situation("two-hypotheses", seed=0)
    data["analysts"] = [*data.get("analysts", []), *values]
    data["estimates"] = {a: {h: float(v) for h, v in given.items()} for a, given in values.items()}
    return sat.analyse(_fast(Case.model_validate(data)))


def test_estimates_that_agree_with_the_matrix():
    post = sat.analyse(_fast(Case.model_validate(situation("two-hypotheses", seed=0))))
    p = post.bayes.hypotheses["posterior"]
    h1 = round(p["H1"], 3)
    analysis = _estimates({"A": {"H1": h1, "H2": round(1 - h1, 3)}})
    said = _texts(_said(analysis, estimates_claims(analysis.estimates)))
    assert said == {
        "estimates.coherent": "A: coherent as given.",
        "estimates.pooled": f"H1 {h1:.2f}, H2 {round(1 - h1, 3):.2f}: A's alone, no other "
        "analyst's to pool.",
        "estimates.agree": "A and the matrix agree within 0.05 on every hypothesis.",
    }
    assert said["estimates.agree"] in text.estimates(analysis.estimates)
    assert said["estimates.agree"] in str(tables.estimates_html(analysis.estimates))


def test_a_partial_set_is_said_to_be_left_out_never_coherent_as_given():
    analysis = _estimates({"A": {"H1": 0.9, "H2": 0.8}, "B": {"H1": 0.9}})
    said = _said(analysis, estimates_claims(analysis.estimates))
    (partial,) = [c for c in said if c.kind == "estimates.incomplete"]
    assert partial.figures == {"analyst": "B", "missing": ("H2",)}
    assert partial.text.startswith("B: no probability for H2, so")
    assert not any(c.figures.get("analyst") == "B" for c in said if c is not partial)
    coherent = dataclasses.replace(
        partial, kind="estimates.coherent", figures={"analyst": "B", "moved": 0.0}
    )
    assert not holds(coherent, Facts.of(analysis))  # "coherent as given" would be false


def _with_events(values: dict[str, dict[str, float]]) -> sat.Analysis:
    """Two hypotheses, two events X1 and X2 and the scenario S1 of both, and these estimates."""
    data = situation("two-hypotheses", seed=0)
    data["events"] = [
        {"id": "X1", "description": "one", "probability": 0.3},
        {"id": "X2", "description": "two", "probability": 0.3},
    ]
    data["scenarios"] = [{"id": "S1", "name": "both", "events": ["X1", "X2"]}]
    data["analysts"] = [*data.get("analysts", []), *values]
    data["estimates"] = values
    return sat.analyse(_fast(Case.model_validate(data)))


def test_a_partial_sets_events_and_scenarios_are_still_said_coherent_or_made_so():
    # B gave H1 but not H2, and X1 = X2 = 0.5 with S1 (X1 and X2) at 0.5 where the chain rule
    # wants 0.25: least squares 2 (q - 0.5)^2 + (q^2 - 0.5)^2 is least where q^3 + 0.5 q = 0.5,
    # q = 0.5898; it moves X1 and X2 by q - 0.5 each and S1 by 0.5 - q^2: 0.33 in all.
    roots = np.roots([1, 0, 0.5, -0.5])
    q = float(roots[np.isreal(roots)].real[0])
    moved = 2 * (q - 0.5) + (0.5 - q * q)
    assert round(moved, 2) == 0.33
    analysis = _with_events({"B": {"H1": 0.9, "X1": 0.5, "X2": 0.5, "S1": 0.5}})
    said = _said(analysis, estimates_claims(analysis.estimates))
    assert [c.kind for c in said] == [
        "estimates.incomplete",
        "estimates.events_made_coherent",
        "estimates.pooled",  # X1, X2 and S1: B's alone
        "estimates.not_pooled",  # the hypotheses: nobody gave both
    ]
    events = said[1]
    assert events.text == "B's probabilities for X1, X2 and S1: made coherent (moved 0.33 in all)."
    assert events.figures["moved"] == pytest.approx(moved, abs=1e-5)
    facts = Facts.of(analysis)
    assert _false(events, facts, moved=0.0)
    assert _false(events, facts, targets=("X1", "X2"))
    assert not holds(dataclasses.replace(events, kind="estimates.events_coherent"), facts)
    shown = text.estimates(analysis.estimates)
    assert f"{said[0].text} {events.text}" in shown
    assert shown.count("left out of the pool") == 1  # said once, by the claim
    # S1 at 0.5 x 0.4: coherent as given, and said so of the events alone
    kept = _with_events({"B": {"H1": 0.9, "X1": 0.5, "X2": 0.4, "S1": 0.2}})
    said = _said(kept, estimates_claims(kept.estimates))
    assert [(c.kind, c.text) for c in said][1:2] == [
        ("estimates.events_coherent", "B's probabilities for X1, X2 and S1: coherent as given.")
    ]
    # a complete set's events count in its one sentence, as before
    whole = _with_events({"B": {"H1": 0.9, "H2": 0.1, "X1": 0.5, "X2": 0.4, "S1": 0.2}})
    assert [c.kind for c in estimates_claims(whole.estimates)][:1] == ["estimates.coherent"]


def test_estimates_that_disagree_and_a_set_made_coherent():
    # {0.5, 0.6} sums to 1.1: the closest coherent set takes 0.05 off each, 0.10 moved in all
    p = _estimates({}).bayes.hypotheses["posterior"]
    low = "H1" if p["H1"] > 0.5 else "H2"
    values = {"H1": 0.5, "H2": 0.6}
    analysis = _estimates({"A": values})
    said = _said(analysis, estimates_claims(analysis.estimates))
    texts = _texts(said)
    assert texts["estimates.made_coherent"] == "A: made coherent (moved 0.10 in all)."
    # two exclusive hypotheses: the pool and the posterior differ on both by as much
    assert texts["estimates.differ"] == (
        f"A and the matrix differ most on H1 (0.45 against a posterior of "
        f"{p['H1']:.2f}) and H2 (0.55 against a posterior of {p['H2']:.2f})."
    )
    far = _estimates({"A": {low: 0.02, ({"H1", "H2"} - {low}).pop(): 0.98}})
    (differ,) = [
        c for c in _said(far, estimates_claims(far.estimates)) if c.kind == "estimates.differ"
    ]
    assert differ.figures["aggregate"][low] == pytest.approx(0.02)
    assert differ.figures["posterior"][low] == pytest.approx(p[low])
    assert _false(differ, Facts.of(far), hypotheses=(low,))  # the tie not said
    assert _false(differ, Facts.of(far), aggregate={"H1": 0.5, "H2": 0.5})
    made = next(c for c in said if c.kind == "estimates.made_coherent")
    assert _false(made, Facts.of(analysis), moved=0.0)


# --- every kind, every pair -----------------------------------------------------------------------


def test_every_kind_is_said_somewhere_and_documented():
    seen: set[str] = set()
    for old, new in [
        (make_case([["C", "I"], ["N", "N"]]), make_case([["II", "I"], ["N", "N"]])),
        (make_case([["C", "I"]]), make_case([["C", "I"]])),
        (make_case([["C", "I"]]), make_case([["C", "II"]])),
    ]:
        seen |= {c.kind for c in _diff(old, new)[0]}
    data = situation("typical", seed=0)
    old = Case.model_validate(data)
    for item in data["evidence"]:
        item["sources"] = []
    seen |= {c.kind for c in _diff(old, Case.model_validate(data))[0]}
    for name in ("typical", "top-tie", "all-na", "twelve-hypotheses", "analysts-disagree"):
        analysis = _with_indicator(name, 0)
        seen |= {c.kind for c in collect_claims(analysis.collect)}
        seen |= {c.kind for c in consensus_claims(analysis.consensus)}
        seen |= {c.kind for c in disputed_claims(analysis.consensus, 8)}
        seen |= {c.kind for c in collect_more_claims(analysis.collect, 0, "sat collect CASE")}
    from tests.techniques.test_consensus import panel

    lone = sat.analyse(panel({"B": {"H1": "N"}}, analysts=("A", "B")))
    seen |= {c.kind for c in disputed_claims(lone.consensus)}
    for values in (
        {"A": {"H1": 0.5, "H2": 0.5}},
        {"A": {"H1": 0.02, "H2": 0.99}},
        {"A": {"H1": 0.5, "H2": 0.5}, "B": {"H1": 0.9}},
    ):
        seen |= {c.kind for c in estimates_claims(_estimates(values).estimates)}
    for values in (
        {"B": {"H1": 0.9, "X1": 0.5, "X2": 0.5, "S1": 0.5}},
        {"B": {"H1": 0.9, "X1": 0.5, "X2": 0.4, "S1": 0.2}},
    ):
        seen |= {c.kind for c in estimates_claims(_with_events(values).estimates)}
    post = _estimates({}).bayes.hypotheses["posterior"]
    agreed = {"A": {"H1": round(post["H1"], 3), "H2": round(1 - round(post["H1"], 3), 3)}}
    seen |= {c.kind for c in estimates_claims(_estimates(agreed).estimates)}
    for slope, count in ((0.3, 400), (1.0, 400), (3.0, 400), (1.0, 30), (0.0, 400)):
        entries = synthetic_entries(count, (("A", 0.0, slope),), open_share=0.0, seed=1)
        seen |= {c.kind for c in calibration_claims(calibration.run(entries, fit=True))}
    analysis = _unrated_on_top()
    seen |= {c.kind for c in collect_claims(analysis.collect)}
    assert set(change.CONDITIONS) - seen == set()
    assert set(change.CONDITIONS) <= set(CONDITIONS)
    from sat.paths import ROOT

    docs = (ROOT / "docs" / "techniques.md").read_text(encoding="utf-8")
    assert [k for k in change.CONDITIONS if f"`{k}`" not in docs] == []


def _walk(data: Any, key: Callable[[str], str | None], value: Callable[[str, Any], Any]) -> Any:
    """``data`` with each mapping key passed through ``key`` (None drops it) and each value
    through ``value(field, v)`` (None drops it from a list)."""
    if isinstance(data, dict):
        out = {}
        for k, v in data.items():
            if key(k) is not None:
                out[key(k)] = _walk(v, key, value) if isinstance(v, dict | list) else value(k, v)
        return out
    if isinstance(data, list):
        items = [_walk(v, key, value) if isinstance(v, dict | list) else value("", v) for v in data]
        return [v for v in items if v is not None]
    return data


def _renamed(case: Case, h: str, new: str) -> Case:
    """The case with hypothesis ``h`` given the id ``new`` everywhere, its statement and label
    kept (so that ``sat diff`` should see one hypothesis renamed)."""
    data = case.model_dump(mode="json", exclude_none=True)
    data = _walk(
        data,
        lambda k: new if k == h else k,
        lambda field, v: new if v == h and field not in ("statement", "label") else v,
    )
    return Case.model_validate(data)


def _without(case: Case, h: str) -> Case | None:
    """The case with hypothesis ``h`` and every reference to it removed (None when what is left
    is not a valid case)."""
    data = case.model_dump(mode="json", exclude_none=True)
    data["hypotheses"] = [x for x in data["hypotheses"] if x["id"] != h]
    data["indicators"] = [x for x in data.get("indicators", []) if x.get("hypothesis") != h]
    data = _walk(data, lambda k: None if k == h else k, lambda field, v: None if v == h else v)
    try:
        return Case.model_validate(data)
    except ValueError:
        return None


@st.composite
def _versions(draw) -> tuple[Case, Case]:
    """A generated case, and the same case with one rating moved one step along CC–C–N–I–II, or
    one item dropped, or a hypothesis given a new id (its statement kept), or one dropped."""
    case = draw(case_objects(max_evidence=8, max_hypotheses=4))
    ladder = scales.RATING_LADDER
    cells = [
        (i, h) for i, e in enumerate(case.evidence) for h, r in e.ratings.items() if r in ladder
    ]
    change = draw(st.integers(0, 5))
    if change == 1:
        return case, _renamed(case, draw(st.sampled_from(case.hypotheses)).id, "HRENAMED")
    if change == 2 and len(case.hypotheses) > 2:
        fewer = _without(case, draw(st.sampled_from(case.hypotheses)).id)
        if fewer is not None:
            return case, fewer
    if case.evidence and (not cells or change == 0):
        i = draw(st.integers(0, len(case.evidence) - 1))
        rest = [e for k, e in enumerate(case.evidence) if k != i]
        return case, case.model_copy(update={"evidence": rest})
    if not cells:
        return case, case
    i, h = draw(st.sampled_from(cells))
    k = ladder.index(case.evidence[i].ratings[h])
    step = draw(st.sampled_from((-1, 1)))
    k = k + step if 0 <= k + step < len(ladder) else k - step
    item = case.evidence[i]
    moved = item.model_copy(update={"ratings": {**item.ratings, h: ladder[k]}})
    evidence = [moved if n == i else e for n, e in enumerate(case.evidence)]
    return case, case.model_copy(update={"evidence": evidence})


@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(_versions())
def test_every_claim_holds_over_generated_pairs_of_versions(pair):
    old, new = pair
    said, _ = _diff(old, new)
    assert said and said[0].kind in ("diff.same", "diff.changes")
    if "HRENAMED" in {h.id for h in new.hypotheses}:  # a new id alone changes no standing
        assert said[0].figures["counts"] == {"hypothesis renamed": 1}
        assert [c.kind for c in said[1:]] == ["diff.unchanged"], said
    analysis = sat.analyse(_fast(new))
    claims = (
        consensus_claims(analysis.consensus) + disputed_claims(analysis.consensus, 8)
        if new.matrix.analysts
        else []
    )
    if analysis.optional("bayes") is not None:
        claims += collect_claims(analysis.collect)
        claims += collect_more_claims(analysis.collect, 1, "sat collect CASE")
    _said(analysis, claims)
    assert diff.run(sat.analyse(_fast(old)), analysis).to_dict().get("explanation") is None


def test_the_example_case_says_its_collect_consensus_and_estimates_as_claims():
    from sat.paths import EXAMPLE_CASE

    analysis = sat.analyse(_fast(sat.load_case(EXAMPLE_CASE)))
    for name, prefix in (("collect", "collect."), ("consensus", "consensus."), ("estimates", "")):
        said = _said(analysis, claims_of(name, analysis))
        assert said and all(c.kind.startswith(prefix or "estimates.") for c in said), name
    # the estimates include events and a scenario: their coherence counts in what moved
    said = claims_of("estimates", analysis)
    moved = {c.figures["analyst"]: c.figures["moved"] for c in said if "analyst" in c.figures}
    assert moved == pytest.approx(analysis.estimates.moved)


def test_sat_estimates_and_calibration_json_give_the_claims(tmp_path, capsys):
    import json

    from sat.cli import main
    from sat.io.register import write_register
    from sat.paths import EXAMPLE_CASE

    assert main(["estimates", str(EXAMPLE_CASE), "--json"]) == 0
    kinds = [c["kind"] for c in json.loads(capsys.readouterr().out)["claims"]]
    # 3 analysts, 2 pools (SC2 has two analysts' numbers), 1 comparison, what to re-examine
    assert len(kinds) == 7 and all(k.startswith("estimates.") for k in kinds)
    path = tmp_path / "register.csv"
    write_register(path, synthetic_entries(400, (("A", 0.0, 0.3),), open_share=0.0, seed=1))
    assert main(["calibration", str(path), "--fit", "--json"]) == 0
    claim, size = json.loads(capsys.readouterr().out)["claims"]
    assert claim["kind"] == "calibration.over_confident" and size["kind"] == "calibration.enough"
