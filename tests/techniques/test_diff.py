"""Analytic diff: structural changes, and the movement attributed to its causes."""

import shutil
import subprocess

import pytest

import sat
from sat.analysis import analyse
from sat.errors import CaseError
from sat.io.versions import load_version
from sat.paths import EXAMPLE_CASE
from sat.techniques import diff
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
