"""Analytic diff: structural changes, and the movement attributed to its causes."""

import shutil
import subprocess

import pytest
from hypothesis import HealthCheck, given, settings

import sat
from sat import diff
from sat.analysis import analyse
from sat.errors import CaseError
from sat.io.versions import load_version
from sat.paths import EXAMPLE_CASE
from sat.report import text
from sat.testing import quantity_cases
from tests.techniques.test_ach import make_case


def test_a_known_cause_explains_the_change_of_leader():
    # H1 leads (0 against 1); re-rating E2 from N to II against H1 (weight 1) hands the lead to H2.
    old = make_case([["N", "I"], ["N", "N"]])
    new = make_case([["N", "I"], ["II", "N"]])
    result = diff.run(analyse(old), analyse(new))
    assert result.changes.values.tolist() == [["rating changed", "E2", "H1", "N", "II"]]
    assert (result.old_leader, result.new_leader) == (("H1",), ("H2",))
    assert result.attribution.index.tolist() == ["E2"]
    assert result.attribution.at["E2", "gap"] == pytest.approx(
        2.0
    )  # W(H1) rose by 2, W(H2) did not move
    assert result.attribution.at["E2", "cause"] == "H1 N→II"
    from sat.report.claims import diff_claims

    assert "The leader changed from H1 to H2" in " ".join(c.text for c in diff_claims(result))


def test_added_and_removed_items_and_hypotheses():
    import pandas as pd

    old = make_case([["C", "I"], ["N", "N"]])
    new = make_case([["C", "I", "N"], ["N", "N", "N"], ["I", "C", "C"]])
    result = diff.run(analyse(old), analyse(new))
    assert result.changes[["kind", "item"]].values.tolist() == [
        ["hypothesis added", "H3"],
        ["evidence added", "E3"],
    ]
    assert result.hypotheses.loc["H3", "old_rank"] is pd.NA
    removed = diff.run(analyse(new), analyse(old))
    assert removed.changes[["kind", "item"]].values.tolist() == [
        ["hypothesis removed", "H3"],
        ["evidence removed", "E3"],
    ]


def test_identical_versions(example_case):
    result = diff.run(analyse(example_case), analyse(example_case))
    assert result.changes.empty and not result.leader_changed
    from sat.report.claims import diff_claims

    assert [c.kind for c in diff_claims(result)] == ["diff.same"]


def test_versions_from_git(tmp_path):
    repo = tmp_path / "repo"
    (repo / "cases").mkdir(parents=True)
    target = repo / "cases" / "x.yaml"
    shutil.copy(EXAMPLE_CASE, target)
    git = ["git", "-C", str(repo), "-c", "user.email=t@example.org", "-c", "user.name=t"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-qm", "first"], check=True)
    text = target.read_text().replace(
        "ratings: {H1: CC, H2: N, H3: N, H4: I, H5: N, H6: N, H7: N}",
        "ratings: {H1: CC, H2: N, H3: N, H4: N, H5: N, H6: N, H7: N}",
    )
    target.write_text(text)
    result = diff.run(analyse(load_version(f"{target}@HEAD")), analyse(load_version(target)))
    assert result.changes.values.tolist() == [["rating changed", "E20", "H4", "I", "N"]]
    with pytest.raises(CaseError, match="cannot read it from git"):
        load_version(f"{target}@no-such-revision")


def test_diff_command_json(capsys, tmp_path):
    from sat.cli import main

    new = tmp_path / "new.yaml"
    new.write_text(
        EXAMPLE_CASE.read_text().replace(
            "credibility: L\n    relevance: L", "credibility: H\n    relevance: L", 1
        )
    )
    assert main(["diff", str(EXAMPLE_CASE), str(new), "--json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)
    assert data["changes"] == [
        {"kind": "evidence changed", "item": "E10", "field": "credibility", "old": "L", "new": "H"}
    ]
    assert data["leader_changed"] is False
    assert [c["kind"] for c in data["claims"]] == ["diff.changes", "diff.unchanged"]
    assert "explanation" not in data  # the words are the claims'


def test_example_case_diff_attribution_adds_up(example_case):
    edited = sat.load_case(EXAMPLE_CASE)
    result = diff.run(
        analyse(example_case),
        analyse(edited.model_copy(update={"evidence": edited.evidence[1:]})),
    )
    a, b = result.pair
    moved = (result.hypotheses.at[a, "new_weighted"] - result.hypotheses.at[a, "old_weighted"]) - (
        result.hypotheses.at[b, "new_weighted"] - result.hypotheses.at[b, "old_weighted"]
    )
    assert result.attribution["gap"].sum() == pytest.approx(moved)


def version(rows, hypotheses):
    """A case of items E1.. rated ``rows`` against ``hypotheses`` ((id, statement) pairs)."""
    from sat.case import Case

    ids = [h for h, _ in hypotheses]
    return Case(
        id="t",
        title="t",
        question="?",
        date="2026-01-01",
        analysts=["t"],
        hypotheses=[{"id": h, "label": s.title(), "statement": s} for h, s in hypotheses],
        evidence=[
            {"id": f"E{i + 1}", "summary": "s", "ratings": dict(zip(ids, row, strict=True))}
            for i, row in enumerate(rows)
        ],
    )


def test_a_hypothesis_given_a_new_id_with_its_statement_is_renamed_not_replaced():
    # H1 (a port) leads on E1 (C against I); the new version calls it H9 with the same statement
    old = version([["C", "I"]], [("H1", "a port"), ("H2", "a road")])
    new = version([["C", "I"]], [("H9", "a port"), ("H2", "a road")])
    result = diff.run(analyse(old), analyse(new))
    assert result.renamed == {"H1": "H9"}
    assert result.changes.values.tolist() == [["hypothesis renamed", "H9", "id", "H1", "H9"]]
    assert (result.old_leader, result.new_leader) == (("H1",), ("H9",))
    assert not result.leader_changed  # the same hypothesis leads
    assert result.hypotheses.index.tolist() == ["H9", "H2"]
    assert result.hypotheses.loc["H9", ["old_weighted", "new_weighted"]].tolist() == [0.0, 0.0]
    assert result.to_dict()["renamed"] == {"H1": "H9"}
    # re-rated under its new id: one rating changed (E1: C -> II), compared across the ids
    worse = version([["II", "I"]], [("H9", "a port"), ("H2", "a road")])
    moved = diff.run(analyse(old), analyse(worse))
    assert moved.changes.values.tolist()[1:] == [["rating changed", "E1", "H9", "C", "II"]]
    assert moved.leader_changed and moved.pair == ("H9", "H2")
    assert moved.attribution.at["E1", "gap"] == pytest.approx(2.0)  # W(H9) 0 -> 2, W(H2) 1
    # two gone and two new with one statement cannot be paired: added and removed
    twice = version([["C", "I", "N"]], [("H1", "a port"), ("H2", "a road"), ("H3", "a port")])
    again = version([["C", "I", "N"]], [("H7", "a port"), ("H2", "a road"), ("H8", "a port")])
    assert diff.renamed_hypotheses(twice, again) == {}


def test_the_leader_removed_or_added_is_said_so():
    from sat.report.claims import diff_claims

    # H1 leads (W 0; H2 1, H3 2); without H1, H2 leads
    old = make_case([["C", "I", "II"]])
    new = make_case([["I", "II"]], hypotheses=["H2", "H3"])
    said = [c.text for c in diff_claims(diff.run(analyse(old), analyse(new)))]
    assert said == [
        "Changes: 1 hypothesis removed.",
        "The leader changed from H1 to H2: H1 was removed.",
    ]
    back = [c.text for c in diff_claims(diff.run(analyse(new), analyse(old)))]
    assert back[1] == "The leader changed from H2 to H1: H1 was added."


def test_a_part_of_the_gap_that_rounds_to_nothing_is_not_said_as_a_signed_change():
    import dataclasses

    from sat.report.claims import diff_claims

    result = diff.run(
        analyse(make_case([["C", "I"], ["N", "N"]])), analyse(make_case([["II", "I"], ["N", "N"]]))
    )
    frame = result.attribution_frame.copy()
    frame.loc["E1", "gap"] = 0.004  # below 0.005: "+0.00" to two decimals
    small = dataclasses.replace(result, attribution_frame=frame)
    (_, moved) = diff_claims(small)
    assert moved.text.endswith("by these changes: E1 (H1 C→II, less than 0.01).")
    assert "+0.00" not in moved.text and "-0.00" not in moved.text
    assert moved.figures["reasons"] == (("E1", 0.004),)
    from sat.report import tables

    page = str(tables.diff_html(small))
    assert "<b>E1</b> (H1 C→II) less than 0.01" in page and "+0.00" not in page


def test_an_item_that_moved_only_the_log_odds_is_shown_moving_the_gap_by_0():
    from sat.report import tables

    # E1 C -> CC against H1: no weighted inconsistency moves (both count 0), the log odds do
    result = diff.run(
        analyse(make_case([["C", "I"], ["N", "N"]])), analyse(make_case([["CC", "I"], ["N", "N"]]))
    )
    assert result.pair == ("H1", "H2") and result.attribution.at["E1", "gap"] == 0
    assert result.attribution.at["E1", "log_odds"] != 0
    page = str(tables.diff_html(result))
    assert "<b>E1</b> (H1 C→CC) 0</p>" in page.replace("\n", "") and "+0.00" not in page


# --- the quantities: what changed in them and in the answers, and what it did to the numbers ---


def numbers(quantities, answers, **more):
    """A case asking for ``quantities`` (id -> fields), answered by ``answers`` (analyst -> list)."""
    from sat.case import Case

    return Case(
        id="t",
        title="t",
        question="?",
        date="2026-01-01",
        analysts=["Ana", "Ben"],
        hypotheses=[{"id": h, "label": h, "statement": h} for h in ("H1", "H2")],
        evidence=[{"id": "E1", "summary": "s", "ratings": {"H1": "C", "H2": "I"}}],
        quantities=[{"id": q, **fields} for q, fields in quantities.items()],
        quantity_estimates=answers,
        **more,
    )


def both(old, new):
    return diff.run(analyse(old), analyse(new))


HOW_MANY = {"question": "How many firms?", "unit": "firms"}
# Ana 2-3-4 and Ben 6-7-8: their mixture (background range 1.4 to 8.6, 10% overshoot) is at 50%
# where Ana's CDF (0.95 + 0.05 x 1/4.6) and Ben's (0.05 x 3.6/4.6) average 0.5, at 5; at 5%
# where 0.05 + 0.45 (x - 2) + 0.05 (x - 1.4) / 4.6 = 0.1, at x = 0.965217 / 0.460870 = 2.09434.
APART = {"Ana": [{"quantity": "Q2", "values": [2, 3, 4]}],
         "Ben": [{"quantity": "Q2", "values": [6, 7, 8]}]}  # fmt: skip


def test_a_quantity_added_one_removed_and_a_unit_changed_are_listed_with_their_answers():
    old = numbers(
        {"Q2": HOW_MANY, "Q3": {"question": "How long?"}},
        {"Ana": [*APART["Ana"], {"quantity": "Q3", "values": [1, 2, 3]}], "Ben": APART["Ben"]},
    )
    new = numbers(
        {
            "Q2": {**HOW_MANY, "unit": "companies"},
            "Q4": {"question": "How much?", "realization": {"value": 25}},
        },
        {"Ana": [*APART["Ana"], {"quantity": "Q4", "values": [10, 20, 30]}], "Ben": APART["Ben"]},
    )
    found = both(old, new).quantities
    assert found.changes.values.tolist() == [
        ["quantity added", "Q4", "", None, "How much?"],
        ["quantity removed", "Q3", "", "How long?", None],
        ["realization added", "Q4", "realization", None, 25.0],  # a seed added: it weighs
        ["quantity changed", "Q2", "unit", "firms", "companies"],
    ]
    assert found.answers.values.tolist() == [
        ["answer added", "Q4", "Ana", 1, None, (10.0, 20.0, 30.0)],
        ["answer removed", "Q3", "Ana", 1, (1.0, 2.0, 3.0), None],
    ]
    # Q2 is a target of both versions, its answers the same: its combination did not move
    assert found.estimates.index.tolist() == [("Q2", "equal")]
    assert found.estimates.loc[("Q2", "equal")].tolist() == pytest.approx(
        [5.0, 2.09434, 7.90566] * 2, abs=1e-5
    )
    said = text.diff(both(old, new))
    assert "changes to the quantities:" in said
    assert "   quantity added   Q4                     – How much?" in said
    assert " quantity removed   Q3             How long?         –" in said
    assert "realization added   Q4 realization         –        25" in said
    assert " quantity changed   Q2        unit     firms companies" in said
    assert "  answer added       Q4     Ana     1       – 10, 20, 30" in said
    assert "answer removed       Q3     Ana     1 1, 2, 3          –" in said
    assert "Q2       equal            5    2.09     7.91          5    2.09     7.91" in said


def test_an_answer_revised_in_round_2_moves_the_combined_estimate():
    old = numbers({"Q2": HOW_MANY}, APART)
    # Ben's second round agrees with Ana: the mixture of two 2-3-4 answers is 2-3-4
    again = {"Ana": APART["Ana"], "Ben": [*APART["Ben"], {"quantity": "Q2", "round": 2,
                                                           "values": [2, 3, 4]}]}  # fmt: skip
    result = both(old, numbers({"Q2": HOW_MANY}, again))
    found = result.quantities
    assert found.changes.empty and found.changed
    assert found.answers.values.tolist() == [
        ["answer added", "Q2", "Ben", 2, None, (2.0, 3.0, 4.0)]
    ]
    row = found.estimates.loc[("Q2", "equal")]
    assert row[["old_median", "old_low", "old_high"]].tolist() == pytest.approx(
        [5.0, 2.09434, 7.90566], abs=1e-5
    )
    assert row[["new_median", "new_low", "new_high"]].tolist() == pytest.approx([3.0, 2.0, 4.0])
    assert found.weights.empty  # no seed question: nobody is weighed
    said = text.diff(result)
    assert "answer added       Q2     Ben     2   – 2, 3, 4" in said
    assert "changes to the quantities" not in said  # no quantity changed, an answer did
    assert "the 5% and 95% quantiles" in said
    assert "Q2       equal            5    2.09     7.91          3       2        4" in said
    # an answer changed in its round, and a four-point answer as given
    four = {"lowest": 1, "best": 3, "highest": 5, "confidence": 0.8}
    changed = numbers({"Q2": HOW_MANY}, {"Ana": APART["Ana"], "Ben": [{"quantity": "Q2", **four}]})
    found = both(old, changed).quantities
    assert found.answers.values.tolist() == [
        ["answer changed", "Q2", "Ben", 1, (6.0, 7.0, 8.0), four]
    ]
    assert "1 6, 7, 8 lowest 1, best 3, highest 5, 80% sure the truth lies between" in text.diff(
        both(old, changed)
    )


def test_a_seed_gaining_its_realization_is_its_own_change_and_leaves_the_targets():
    seedless = {"Q1": {"question": "How many last year?"}, "Q2": HOW_MANY}
    seeded = {**seedless, "Q1": {**seedless["Q1"], "realization": {"value": 10}}}
    answers = {a: [{"quantity": "Q1", "values": v}, *APART[a]]
               for a, v in (("Ana", [8, 10, 12]), ("Ben", [1, 2, 3]))}  # fmt: skip
    old, new = numbers(seedless, answers), numbers(seeded, answers)
    found = both(old, new).quantities
    assert found.changes.values.tolist() == [["realization added", "Q1", "realization", None, 10.0]]
    assert found.answers.empty and found.changed
    # Q1 is a target only before: Q2 alone is compared, with equal weights only (nobody was
    # weighed before)
    assert found.estimates.index.tolist() == [("Q2", "equal")]
    assert found.weights.empty
    assert "realization added   Q1 realization   –  10" in text.diff(both(old, new))
    assert "each analyst's weight" not in text.diff(both(old, new))
    back = both(new, old).quantities
    assert back.changes.values.tolist() == [
        ["realization removed", "Q1", "realization", 10.0, None]
    ]


def test_weights_and_the_weighted_combination_before_and_after_where_both_versions_weigh():
    quantities = {"Q1": {"question": "How many last year?", "realization": {"value": 10}},
                  "Q2": HOW_MANY}  # fmt: skip
    old = numbers(quantities, {a: [{"quantity": "Q1", "values": v}, *APART[a]]
                               for a, v in (("Ana", [8, 10, 12]), ("Ben", [1, 2, 3]))})  # fmt: skip
    new = numbers(quantities, {a: [{"quantity": "Q1", "values": v}, *APART[a]]
                               for a, v in (("Ana", [8, 10, 12]), ("Ben", [9, 11, 13]))})  # fmt: skip
    found = both(old, new).quantities
    assert found.answers.values.tolist() == [
        ["answer changed", "Q1", "Ben", 1, (1.0, 2.0, 3.0), (9.0, 11.0, 13.0)]
    ]
    # Before: the truth, 10, is above Ben's 95% (calibration 1 - chi2(3).cdf(2 ln 20) = 0.11)
    # and at Ana's median (0.66): the optimised cut-off leaves Ana alone, whose answer to Q2
    # (2-3-4) is then the weighted combination. After: Ben's 9-11-13 puts 10 in a 45% bin as
    # Ana's 8-10-12 does, and the two answers are mirror images over the seed's background range
    # (7.5 to 13.5): the same calibration and information, half the weight each.
    assert found.weights.index.tolist() == ["Ana", "Ben"]
    assert found.weights["old"].tolist() == pytest.approx([1.0, 0.0])
    assert found.weights["new"].tolist() == pytest.approx([0.5, 0.5])
    assert found.estimates.index.tolist() == [("Q2", "equal"), ("Q2", "global")]
    assert found.estimates.loc[("Q2", "global")].tolist() == pytest.approx(
        [3.0, 2.0, 4.0, 5.0, 2.09434, 7.90566], abs=1e-5
    )
    said = text.diff(both(old, new))
    assert "Q2       equal                5    2.09     7.91          5    2.09     7.91" in said
    assert "         performance          3       2        4          5    2.09     7.91" in said
    assert "each analyst's weight, earned on the seed questions, before and after:" in said
    assert "Ana      100%  50%" in said and "Ben        0%  50%" in said


def test_the_quantiles_changed_are_said_before_and_after():
    old = numbers({"Q2": HOW_MANY}, APART)
    new = numbers({"Q2": HOW_MANY}, APART, quantiles=[0.1, 0.5, 0.9])
    found = both(old, new).quantities
    assert found.changes.values.tolist() == [
        ["quantiles changed", "", "quantiles", (0.05, 0.5, 0.95), (0.1, 0.5, 0.9)]
    ]
    assert (found.old_probabilities, found.new_probabilities) == ((0.05, 0.5, 0.95),
                                                                  (0.1, 0.5, 0.9))  # fmt: skip
    said = text.diff(both(old, new))
    assert "quantiles changed      quantiles 5%, 50%, 95% 10%, 50%, 90%" in said
    assert "low and high: the 5% and 95% quantiles before, the 10% and 90% quantiles after;" in said


def test_a_case_without_quantities_has_no_quantities_in_its_diff():
    old, new = make_case([["C", "I"]]), make_case([["I", "I"]])
    result = both(old, new)
    assert result.quantities is None and "quantities" not in result.to_dict()
    said = text.diff(result)
    assert "quantit" not in said and said.splitlines()[-1].startswith("H2 ")


def test_quantities_unchanged_say_nothing_in_text_and_their_numbers_in_json():
    case = numbers({"Q2": HOW_MANY}, APART)
    result = both(case, case)
    assert not result.quantities.changed
    assert "quantit" not in text.diff(result)
    data = result.to_dict()["quantities"]
    assert data["changes"] == [] and data["answers"] == [] and data["weights"] == []
    assert [(e["quantity"], e["weights"]) for e in data["estimates"]] == [("Q2", "equal")]
    assert data["estimates"][0]["new_median"] == pytest.approx(5.0)


def test_diff_command_json_carries_the_quantities(capsys, tmp_path):
    from sat.cli import main

    new = tmp_path / "new.yaml"
    new.write_text(EXAMPLE_CASE.read_text().replace("unit: companies", "unit: firms", 1))
    assert main(["diff", str(EXAMPLE_CASE), str(new), "--json"]) == 0
    import json

    data = json.loads(capsys.readouterr().out)["quantities"]
    assert data["changes"] == [
        {"kind": "quantity changed", "item": "Q4", "field": "unit", "old": "companies",
         "new": "firms"}
    ]  # fmt: skip
    assert [(e["quantity"], e["weights"]) for e in data["estimates"]] == [
        ("Q4", "equal"), ("Q4", "global"), ("Q5", "equal"), ("Q5", "global")
    ]  # fmt: skip
    assert [w["analyst"] for w in data["weights"]] == ["Analyst A", "Analyst B", "Analyst C"]


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(quantity_cases())
def test_over_generated_cases_a_case_against_itself_and_against_its_version_without_numbers(case):
    from math import isnan

    same = both(case, case)
    assert (
        not same.quantities.changed and "quantit" not in text.diff(same).split("new_posterior")[1]
    )
    for _, row in same.quantities.estimates.iterrows():
        for v in ("median", "low", "high"):
            old, new = row[f"old_{v}"], row[f"new_{v}"]
            assert (isnan(old) and isnan(new)) or old == new
    weights = same.quantities.weights
    assert weights["old"].tolist() == weights["new"].tolist()
    # every quantity and every answer is new against the version without them; back, all gone
    bare = case.model_copy(update={"quantities": (), "quantity_estimates": {}})
    found = both(bare, case).quantities
    kinds = found.changes.groupby("kind")["item"].apply(list).to_dict()
    seeds = [q.id for q in case.quantities if q.realization is not None]
    assert kinds.pop("quantity added") == [q.id for q in case.quantities]
    assert kinds == ({"realization added": seeds} if seeds else {})
    given_answers = sum(len(a) for a in case.quantity_estimates.values())
    assert len(found.answers) == given_answers and set(found.answers["kind"]) <= {"answer added"}
    assert found.estimates.empty and found.weights.empty
    back = both(case, bare).quantities
    assert set(back.changes["kind"]) <= {"quantity removed", "realization removed"}
    assert (
        back.changes["kind"].value_counts().to_dict()
        == found.changes["kind"]
        .replace({"quantity added": "quantity removed", "realization added": "realization removed"})
        .value_counts()
        .to_dict()
    )
    assert len(back.answers) == given_answers and set(back.answers["kind"]) <= {"answer removed"}
    said = text.diff(both(bare, case))
    assert said.count("quantity added") == len(case.quantities)


def test_a_version_whose_answer_lists_are_empty_has_nothing_combined_before():
    # "Ana: []" answers nothing: the equal-weight combination before is none, not an error
    result = both(numbers({"Q2": HOW_MANY}, {"Ana": []}), numbers({"Q2": HOW_MANY}, APART))
    row = result.quantities.estimates.loc[("Q2", "equal")]
    assert row[["old_median", "old_low", "old_high"]].isna().all()
    assert row["new_median"] == pytest.approx(5.0)
    assert result.to_dict()["quantities"]["estimates"][0]["old_median"] is None
    assert "Q2       equal            –       –        –          5    2.09     7.91" in text.diff(
        result
    )


def test_a_question_scale_and_resolution_changed_are_each_a_line():
    settled = {"criterion": "The list of 30 June.", "deadline": "2026-06-30"}
    old = numbers({"Q2": HOW_MANY}, APART)
    new = numbers(
        {"Q2": {**HOW_MANY, "question": "How many firms listed?", "scale": "log",
                "resolution": settled}},
        APART,
    )  # fmt: skip
    found = both(old, new).quantities
    assert found.changes.values.tolist() == [
        ["quantity changed", "Q2", "question", "How many firms?", "How many firms listed?"],
        ["quantity changed", "Q2", "scale", "uniform", "log"],
        ["quantity changed", "Q2", "resolution", None, settled],
    ]
    assert found.answers.empty and found.changed
    said = text.diff(both(old, new))
    assert "resolution               – The list of 30 June. (by 2026-06-30)" in said
    assert both(old, new).to_dict()["quantities"]["changes"][2]["new"] == settled
