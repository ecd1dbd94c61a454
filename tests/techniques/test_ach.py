"""ACH scores against answers worked out by hand, and sensitivity against brute force.

The hand case (tests/fixtures/hand.yaml), weights w = credibility x relevance:

    item  w       H1  H2  H3
    E1    2       C   I   II
    E2    1/√2    I   N   CC
    E3    1       N   N   N
    E4    1       CC  II  NA

Inconsistency: H1 = 1, H2 = 1 + 2 = 3, H3 = 2.
Weighted: H1 = 1/√2, H2 = 2·1 + 1·2 = 4, H3 = 2·2 = 4.
Consistency: H1 = 1 + 2 = 3, H2 = 0, H3 = 2. H2 and H3 tie on weighted; H3 wins on consistency.
"""

import itertools
import math
from collections import deque

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sat
from sat import scales
from sat.case import Case
from sat.techniques import _steps, ach

R2 = math.sqrt(2)


def make_case(rows, levels=None, hypotheses=None):
    """rows: list of rating lists (None = unrated); levels: list of (credibility, relevance)."""
    n_h = len(rows[0]) if rows else len(hypotheses)
    hyp_ids = hypotheses or [f"H{j + 1}" for j in range(n_h)]
    levels = levels or [("M", "M")] * len(rows)
    evidence = []
    for i, (row, (cred, rel)) in enumerate(zip(rows, levels, strict=True)):
        ratings = {h: code for h, code in zip(hyp_ids, row, strict=True) if code is not None}
        evidence.append(
            {
                "id": f"E{i + 1}",
                "summary": "s",
                "credibility": cred,
                "relevance": rel,
                "ratings": ratings,
            }
        )
    return Case(
        id="t",
        title="t",
        question="?",
        date="2026-01-01",
        analysts=["t"],
        hypotheses=[{"id": h, "label": h, "statement": h} for h in hyp_ids],
        evidence=evidence,
    )


def test_hand_scores(hand_case):
    result = ach.run(hand_case)
    hyp = result.hypotheses
    assert hyp["inconsistency"].tolist() == [1, 3, 2]
    assert hyp["weighted_inconsistency"].tolist() == pytest.approx([1 / R2, 4.0, 4.0])
    assert hyp["consistency"].tolist() == [3, 0, 2]
    assert hyp["rank"].tolist() == [1, 3, 2]
    assert hyp["tied"].tolist() == [False, False, False]
    assert result.leader == ("H1",)


def test_hand_diagnosticity(hand_case):
    ev = ach.run(hand_case).evidence
    # E1 values (1, -1, -2): population sd = sqrt(14)/3; E2 (-1, 0, 2): the same; E4 (2, -2, 0): sqrt(8/3)
    assert ev.loc["E1", "diagnosticity"] == pytest.approx(math.sqrt(14) / 3)
    assert ev.loc["E2", "diagnosticity"] == pytest.approx(math.sqrt(14) / 3)
    assert ev.loc["E3", "diagnosticity"] == 0.0
    assert ev.loc["E4", "diagnosticity"] == pytest.approx(math.sqrt(8 / 3))
    assert ev.loc["E1", "weighted_diagnosticity"] == pytest.approx(2 * math.sqrt(14) / 3)
    assert ev.index.tolist() == ["E1", "E4", "E2", "E3"]  # most diagnostic first
    assert ev["non_diagnostic"].tolist() == [False, False, False, True]


def test_hand_sensitivity(hand_case):
    result = ach.run(hand_case)
    ev = result.evidence
    # Without E1: H1 = 1/√2, H2 = 2, H3 = 0 -> H3 leads. No other single removal moves H1.
    assert result.linchpins == ("E1",)
    assert ev.loc["E1", "leader_without"] == ("H3",)
    assert ev.loc["E2", "leader_without"] == ()
    # H3 (deficit 4 - 1/√2): E1 II -> I -> N lowers it by 2 + 2: two steps; one step gives only 2.
    # H2 (same deficit): best three steps, e.g. E1 I -> N (2) and E4 II -> I -> N (1 + 1).
    assert result.hypotheses["steps_to_lead"].tolist() == [0, 3, 2]
    assert result.margin == 2
    assert result.closest_challengers == ("H3",)


def test_closing_moves(hand_case):
    moves = ach.run(hand_case).closing_moves("H3")
    assert moves[["evidence", "hypothesis", "from", "to"]].values.tolist() == [
        ["E1", "H3", "II", "I"],
        ["E2", "H1", "I", "II"],
    ]  # E3 is rated N everywhere: re-judging a non-diagnostic item is never a closing move
    assert moves["gain"].tolist() == pytest.approx([2.0, 1 / R2])
    assert not moves["closes_gap"].any()  # the gap is 4 - 1/√2: no single step closes it


def test_closing_moves_put_sufficient_changes_first_challenger_first():
    # H1 leads with 0; H2 trails by 1 (E1 I). E2 (weight √2, N for H1) alone would also close it.
    case = make_case([["N", "I"], ["N", "C"], ["C", "C"]], [("M", "M"), ("H", "M"), ("L", "L")])
    moves = ach.run(case).closing_moves()
    assert moves[["evidence", "hypothesis", "closes_gap"]].values.tolist()[:3] == [
        ["E1", "H2", True],
        ["E2", "H1", True],
        ["E1", "H1", True],
    ]
    # E3 (C everywhere) separates nothing: never a closing move
    assert "E3" not in set(moves["evidence"])


def test_identical_columns_tie_with_the_same_rank():
    result = ach.run(make_case([["C", "C", "I"], ["I", "I", "N"]]))
    hyp = result.hypotheses
    assert hyp["rank"].tolist() == [1, 1, 3]
    assert hyp["tied"].tolist() == [True, True, False]
    assert result.leader == ("H1", "H2")
    assert result.tied and result.margin == 0
    assert result.closest_challengers == ()
    assert result.closing_moves().empty


def test_consistency_breaks_ties_and_the_margin_is_then_zero():
    result = ach.run(make_case([["CC", "C"], ["I", "I"]]))
    assert result.hypotheses["rank"].tolist() == [1, 2]
    assert result.leader == ("H1",) and not result.tied
    assert result.margin == 0  # the lead rests on the tie-break alone


def test_sums_of_root_two_weights_tie_exactly():
    # H1: two items of weight 1/√2; H2: one of weight √2. Equal in exact arithmetic.
    rows = [["I", "N"], ["I", "N"], ["N", "I"]]
    levels = [("L", "M"), ("M", "L"), ("H", "M")]
    result = ach.run(make_case(rows, levels))
    assert result.hypotheses["rank"].tolist() == [1, 1]
    assert result.tied


def test_na_unrated_and_probabilities_score_nothing():
    case = make_case([["NA", None], [0.9, "C"]])
    result = ach.run(case)
    assert result.hypotheses["weighted_inconsistency"].tolist() == [0.0, 0.0]
    assert result.unrated == (("E1", "H2"),)
    assert result.probability_cells == 1
    assert result.ratings.values.tolist() == [["NA", ""], ["P", "C"]]


def test_diagnosticity_is_exactly_zero_for_any_uniform_row():
    rows = [[code] * 4 for code in scales.RATING_CODES]
    ev = ach.run(make_case(rows)).evidence
    assert (ev["diagnosticity"] == 0.0).all()
    assert ev["non_diagnostic"].all()


def test_no_evidence_means_nothing_is_ranked():
    result = ach.run(make_case([], hypotheses=["A", "B"]))
    assert result.leader == () and result.margin is None and result.sole is None
    assert result.unranked == ("A", "B") and result.hypotheses["rank"].isna().all()
    assert result.evidence.empty and result.runner_up is None


def test_an_unrated_hypothesis_is_unranked_never_the_leader():
    # H3 has no rating at all (added last): its weighted inconsistency is 0, the lowest, yet it
    # has no score; H2 is rated only NA: no score either
    case = make_case([["I", "NA", None], ["N", "NA", None]])
    result = ach.run(case)
    assert result.leader == ("H1",) and result.unranked == ("H2", "H3")
    assert result.hypotheses["rank"].tolist()[0] == 1
    assert result.hypotheses["rank"].isna().tolist() == [False, True, True]
    assert result.runner_up is None and result.margin is None
    data = result.to_dict()
    assert [h["rank"] for h in data["hypotheses"]] == [1, None, None]


def test_result_is_immutable(hand_case):
    result = ach.run(hand_case)
    frame = result.hypotheses
    frame.loc["H1", "rank"] = 99
    assert result.hypotheses.loc["H1", "rank"] == 1
    with pytest.raises(AttributeError):
        result.leader = ("H2",)


def test_score_does_not_touch_the_case(hand_case):
    before = hand_case.model_dump()
    ach.run(hand_case)
    assert hand_case.model_dump() == before


def test_to_dict_is_the_documented_json(hand_case):
    data = ach.run(hand_case).to_dict()
    assert set(data) >= {"hypotheses", "evidence", "leader"}
    assert set(data["hypotheses"][0]) >= {
        "id",
        "inconsistency",
        "weighted_inconsistency",
        "consistency",
        "rank",
    }
    assert set(data["evidence"][0]) >= {"id", "diagnosticity", "linchpin"}
    assert data["leader"] == ["H1"]
    assert data["hypotheses"][2]["weighted_inconsistency"] == pytest.approx(4.0)


def test_matrix_html_is_colour_coded(hand_case):
    from sat.report.display import html as view

    html = view(ach.run(hand_case))
    background, _ = scales.RATING_COLOURS["II"]
    assert f"background:{background}" in html
    assert html.count('class="sat-cell"') == 12
    assert "Weighted inconsistency" in html


# --- sensitivity against brute force -------------------------------------------------------------

LADDER = scales.RATING_LADDER
_VALUE = scales.SCALE_VALUE


def _weighted(codes, weights):
    value = {"I": 1, "II": 2}
    return [
        sum(w * value.get(row[j], 0) for row, w in zip(codes, weights, strict=True))
        for j in range(len(codes[0]))
    ]


def _brute_steps(codes, weights, leader, challenger, strict=False, pair=False):
    """Breadth-first search over single one-step moves of any rated cell of a diagnostic item
    (``pair``: of an item rated differently for the leader and the challenger)."""
    movable = {i for i, row in enumerate(codes) if len({_VALUE[c] for c in row}) > 1}
    if pair:
        movable = {i for i in movable if _VALUE[codes[i][leader]] != _VALUE[codes[i][challenger]]}
    start = tuple(tuple(r) for r in codes)
    seen, queue = {start}, deque([(start, 0)])
    while queue:
        state, depth = queue.popleft()
        w = _weighted(state, weights)
        if (w[challenger] < w[leader] - 1e-9) if strict else (w[challenger] <= w[leader] + 1e-9):
            return depth
        for i, j in itertools.product(sorted(movable), range(len(state[0]))):
            code = state[i][j]
            if code == "NA":
                continue
            k = LADDER.index(code)
            for step in (-1, 1):
                if 0 <= k + step < len(LADDER):
                    rows = [list(r) for r in state]
                    rows[i][j] = LADDER[k + step]
                    nxt = tuple(tuple(r) for r in rows)
                    if nxt not in seen:
                        seen.add(nxt)
                        queue.append((nxt, depth + 1))
    return None


@st.composite
def small_matrices(draw):
    n_h = draw(st.integers(2, 3))
    n_e = draw(st.integers(1, 6 // n_h))
    codes = [[draw(st.sampled_from(scales.RATING_CODES)) for _ in range(n_h)] for _ in range(n_e)]
    levels = [(draw(st.sampled_from("LMH")), draw(st.sampled_from("LMH"))) for _ in range(n_e)]
    return codes, levels


@settings(max_examples=60, deadline=None)
@given(small_matrices())
def test_steps_to_lead_equals_brute_force(matrix):
    codes, levels = matrix
    result = ach.run(make_case(codes, levels))
    if result.sole is None:
        assert result.margin == (0 if result.tied else None)
        return
    weights = [scales.LEVEL_WEIGHT[c] * scales.LEVEL_WEIGHT[r] for c, r in levels]
    ids = list(result.hypotheses.index)
    leader = ids.index(result.leader[0])
    for j, h in enumerate(ids):
        if h in result.unranked:
            assert pd.isna(result.hypotheses.loc[h, "steps_to_lead"])
            continue
        expected = 0 if j == leader else _brute_steps(codes, weights, leader, j)
        got = result.hypotheses.loc[h, "steps_to_lead"]
        assert (
            None if got is None or got is np.nan or str(got) == "<NA>" else int(got)
        ) == expected, h


@settings(max_examples=60, deadline=None)
@given(small_matrices())
def test_overturn_plan_is_minimal_and_works(matrix):
    codes, levels = matrix
    result = ach.run(make_case(codes, levels))
    if result.sole is None:
        assert result.overturn_plan().empty
        return
    weights = [scales.LEVEL_WEIGHT[c] * scales.LEVEL_WEIGHT[r] for c, r in levels]
    ids = list(result.hypotheses.index)
    leader = ids.index(result.leader[0])
    for j, h in enumerate(ids):
        if j == leader or h in result.unranked:
            continue
        expected = _brute_steps(codes, weights, leader, j, strict=True, pair=True)
        plan = result.overturn_plan(h)
        if expected is None:
            assert plan.empty
            continue
        assert int(plan["steps"].sum()) == expected
        changed = [list(row) for row in codes]
        for _, move in plan.iterrows():
            i = int(move["evidence"][1:]) - 1
            assert changed[i][ids.index(move["hypothesis"])] == move["from"]
            changed[i][ids.index(move["hypothesis"])] = move["to"]
        w = _weighted(changed, weights)
        assert w[j] < w[leader] - 1e-9


def test_overturn_plan_on_the_hand_case(hand_case):
    plan = ach.run(hand_case).overturn_plan()
    # H3 needs more than 4 - 1/√2 removed: E1 II -> N (2 steps, 4 points) does it.
    assert plan.values.tolist() == [["E1", "H3", "II", "N", 2]]


@settings(max_examples=60, deadline=None)
@given(small_matrices())
def test_linchpins_equal_rescoring_without_each_item(matrix):
    codes, levels = matrix
    case = make_case(codes, levels)
    result = ach.run(case)
    for k, item in enumerate(case.evidence):
        rest = case.model_copy(update={"evidence": case.evidence[:k] + case.evidence[k + 1 :]})
        again = ach.run(rest)
        standing = (result.leader, _rests_on_tiebreak(result))
        diagnostic = len({_VALUE[c] for c in codes[k]}) > 1
        changed = (again.leader, _rests_on_tiebreak(again)) != standing
        assert result.evidence.loc[item.id, "linchpin"] == (changed and diagnostic)


def _rests_on_tiebreak(result):
    """One leader, and another ranked hypothesis level with it on weighted inconsistency."""
    if len(result.leader) != 1:
        return False
    hyp = result.hypotheses[result.hypotheses["ranked"]]
    score = hyp["weighted_inconsistency"]
    return any(
        abs(score[h] - score[result.leader[0]]) <= 1e-9 for h in hyp.index if h != result.leader[0]
    )


def test_example_case_scores_are_stable(example_case):
    result = sat.ach.run(example_case)
    assert len(result.hypotheses) >= 5
    assert result.hypotheses["rank"].min() == 1
    assert set(result.leader) <= set(result.hypotheses.index)


@pytest.mark.parametrize(
    ("n_evidence", "n_hypotheses", "seed"), [(40, 4, 1), (300, 6, 2), (2000, 8, 3)]
)
def test_steps_to_lead_for_all_challengers_matches_the_search_one_at_a_time(
    n_evidence, n_hypotheses, seed
):
    """The vectorised search over every challenger agrees with the single-challenger knapsack."""
    from sat.case import Case
    from sat.testing import generate_case

    case = Case.model_validate(generate_case(n_evidence, n_hypotheses, seed=seed))
    result = ach.run(case)
    keep = ~result.evidence["non_diagnostic"].reindex(result.ratings.index).to_numpy()
    codes = result.ratings.replace({"": "NA", "P": "NA"}).to_numpy(dtype=str)[keep]
    weight = result.evidence["weight"].reindex(result.ratings.index).to_numpy()[keep]
    scores = result.hypotheses["weighted_inconsistency"].to_numpy()
    leader = list(result.hypotheses.index).index(result.leader[0])
    for j, h in enumerate(result.hypotheses.index):
        if j == leader:
            continue
        options, _ = _steps.options(codes, weight, leader, j)
        expected = _steps.fewest_steps(options, float(scores[j] - scores[leader]))[0]
        got = result.hypotheses.loc[h, "steps_to_lead"]
        assert (None if pd.isna(got) else int(got)) == expected, h


def _two_hypotheses(rows):
    from sat.case import Case

    return Case.model_validate(
        {
            "id": "t",
            "title": "T",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["me"],
            "hypotheses": [{"id": h, "label": h, "statement": h} for h in ("H1", "H2")],
            "evidence": [{"id": e, "summary": e, "ratings": r} for e, r in rows.items()],
        }
    )


def test_rows_that_differ_only_by_consistency_are_weakly_diagnostic():
    rows = {
        "E1": {"H1": "C", "H2": "N"},
        "E2": {"H1": "CC", "H2": "C"},
        "E3": {"H1": "C", "H2": "I"},
        "E4": {"H1": "N", "H2": "N"},
    }
    result = ach.run(_two_hypotheses(rows))
    assert sorted(result.weakly_diagnostic) == ["E1", "E2"]  # E3 has an I; E4 separates nothing
    assert result.non_diagnostic == ("E4",)


def test_an_item_whose_removal_leaves_the_lead_to_the_tie_break_is_a_linchpin():
    # without E2, H1 and H2 are level on weighted inconsistency (1 each); H1 stays first only on
    # consistency (E1: C for H1): E2 is a linchpin though the leader does not change
    rows = {
        "E1": {"H1": "C", "H2": "N"},
        "E2": {"H1": "N", "H2": "I"},
        "E3": {"H1": "I", "H2": "I"},
    }
    result = ach.run(_two_hypotheses(rows))
    assert result.leader == ("H1",) and result.linchpins == ("E2",)
    assert result.evidence.at["E2", "leader_without"] == ()
    assert result.evidence.at["E2", "level_without"] == ("H2",)


def test_each_hypothesis_counts_the_items_not_rated_against_it():
    case = make_case([["C", "I", "N"], ["C", None, None], ["I", "N", None]])
    result = ach.run(case)
    assert result.hypotheses["unrated"].to_dict() == {"H1": 0, "H2": 1, "H3": 2}
    assert [h["unrated"] for h in result.to_dict()["hypotheses"]] == [0, 1, 2]


def test_rated_alike_needs_a_rating_and_one_probability_or_one_code():
    # E1's probabilities differ; E2 holds one probability everywhere; E3 is unrated; E4's codes
    # are alike (NA counts as N); E5 mixes a probability with a code
    rows = [[0.52, 0.48], [0.5, 0.5], [None, None], ["N", "NA"], [0.5, "N"]]
    result = ach.run(make_case(rows))
    assert result.non_diagnostic == ("E2", "E4")
    assert (result.evidence["diagnosticity"] == 0.0).all()  # the codes tell nothing apart
    assert not result.evidence["linchpin"].any()


def test_a_hypothesis_rated_only_by_probabilities_is_unranked_but_not_unrated():
    result = ach.run(make_case([[0.9, "C", "I"], [0.8, "I", "N"], ["NA", "N", "C"]]))
    assert result.unranked == ("H1",) == result.probability_only
    assert int(result.hypotheses.at["H1", "unrated"]) == 0
    bare = ach.run(make_case([[None, "C"], ["NA", "I"]]))
    assert bare.unranked == ("H1",) and bare.probability_only == ()


def test_run_builds_no_frame_until_one_is_asked_for(hand_case, monkeypatch):
    # the result holds arrays; its pandas frames are built on first access, once
    def refuse(*args, **kwargs):
        raise AssertionError("ach.run built a pandas frame")

    with monkeypatch.context() as patch:
        patch.setattr(pd.DataFrame, "__init__", refuse)
        result = ach.run(hand_case)
        assert result.leader == ("H1",) and result.margin == 2  # H3: E1 II -> I -> N
        assert result.linchpins == ("E1",)
    assert result.hypotheses_frame is result.hypotheses_frame  # built once, then kept
    assert result.hypotheses["inconsistency"].tolist() == [1, 3, 2]


def test_the_result_holds_its_scores_as_arrays(hand_case):
    a = ach.run(hand_case).arrays
    assert a.hypothesis_ids == ("H1", "H2", "H3") and a.evidence_ids == ("E1", "E2", "E3", "E4")
    assert a.inconsistency.tolist() == [1, 3, 2] and a.consistency.tolist() == [3, 0, 2]
    assert a.weighted_inconsistency == pytest.approx([1 / R2, 4, 4])
    assert a.rank.tolist() == [1, 3, 2]
    assert a.diagnosticity[2] == 0 and a.linchpin.tolist() == [True, False, False, False]
    assert list(a.steps_to_lead) == [0, 3, 2]  # H2: E1 I -> N and E4 II -> I -> N
    with pytest.raises(ValueError):
        a.inconsistency[0] = 0  # read-only, as the result never changes


@st.composite
def wide_matrices(draw):
    """Matrices where most hypotheses trail far behind: the linchpin search leaves them out."""
    n_h = draw(st.integers(3, 7))
    n_e = draw(st.integers(2, 9))
    far = draw(st.sets(st.integers(1, n_h - 1), max_size=n_h - 2))
    codes = [
        [
            "II" if j in far and draw(st.booleans()) else draw(st.sampled_from(scales.RATING_CODES))
            for j in range(n_h)
        ]
        for _ in range(n_e)
    ]
    levels = [(draw(st.sampled_from("LMH")), draw(st.sampled_from("LMH"))) for _ in range(n_e)]
    return codes, levels


@settings(max_examples=80, deadline=None)
@given(wide_matrices())
def test_linchpins_and_margin_on_wide_matrices_equal_rescoring(matrix):
    codes, levels = matrix
    case = make_case(codes, levels)
    result = ach.run(case)
    for k, item in enumerate(case.evidence):
        rest = case.model_copy(update={"evidence": case.evidence[:k] + case.evidence[k + 1 :]})
        again = ach.run(rest)
        changed = (again.leader, _rests_on_tiebreak(again)) != (
            result.leader,
            _rests_on_tiebreak(result),
        )
        diagnostic = len({_VALUE[c] for c in codes[k]}) > 1
        assert result.evidence.loc[item.id, "linchpin"] == (changed and diagnostic)
    hyp = result.hypotheses
    others = hyp.loc[hyp["ranked"] & (hyp["rank"] != 1), "steps_to_lead"].dropna()
    if result.sole is not None:
        assert result.margin == (int(others.min()) if len(others) else None)
