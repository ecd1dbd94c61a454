"""Analytic diff: structural changes, and the movement attributed to its causes."""

import shutil
import subprocess

import pytest

import sat
from sat import diff
from sat.analysis import analyse
from sat.errors import CaseError
from sat.io.versions import load_version
from sat.paths import EXAMPLE_CASE
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
