"""`sat.analyse`: every technique once, on demand, and the only place techniques are chained."""

from __future__ import annotations

import importlib
import json

import pytest

import sat
from sat.analysis import TECHNIQUES, Analysis, analyse
from sat.errors import AnalysisError
from sat.paths import DATA
from sat.registry import REGISTRY
from sat.techniques import ach, assumptions, bayes, bias, confidence, indicators, quality
from tests.conftest import MINIMAL


def test_nothing_is_computed_until_read_and_each_result_once(example_case):
    analysis = analyse(example_case)
    assert not set(vars(analysis)) & set(TECHNIQUES)
    first = analysis.confidence
    # confidence reads five results (bias only for the checks that could not run), nothing else
    assert {"ach", "assumptions", "quality", "bayes", "bias", "confidence"} <= set(vars(analysis))
    assert "network" not in vars(analysis) and "scenarios" not in vars(analysis)
    assert analysis.confidence is first and analysis.ach is analysis.ach


def test_results_equal_the_techniques_run_by_hand(example_case):
    analysis = analyse(example_case)
    scored = ach.run(example_case)
    assert analysis.ach.to_dict() == scored.to_dict()
    kac = assumptions.run(example_case, ach=scored)
    checked = quality.run(example_case, ach=scored)
    by_hand = confidence.run(
        example_case,
        ach=scored,
        bayes=bayes.run(example_case),
        quality=checked,
        assumptions=kac,
        bias=bias.run(example_case, ach=scored, quality=checked, assumptions=kac),
        consensus=analysis.consensus,  # the example has a panel of analysts
    )
    assert analysis.confidence.to_dict() == by_hand.to_dict()
    assert analysis.assumptions.to_dict() == kac.to_dict()


def test_options_reach_the_techniques_that_use_them(example_case):
    analysis = analyse(example_case, min_credibility="H", since="2026-02-01", challenger="h5")
    assert analysis.full is example_case
    assert analysis.case == sat.select_evidence(example_case, "H")
    assert len(analysis.case.evidence) < len(example_case.evidence)
    assert (
        analysis.indicators.to_dict()
        == indicators.run(analysis.case, ach=ach.run(analysis.case), since="2026-02-01").to_dict()
    )
    assert analysis.advocacy.challenger == "H5"


def test_an_analysis_is_frozen(example_case):
    analysis = analyse(example_case)
    with pytest.raises(AttributeError):
        analysis.min_credibility = "H"  # type: ignore[misc]
    assert isinstance(analysis, Analysis)


def test_to_dict_is_json_for_every_technique_and_names_a_technique_that_cannot_run(write):
    data = sat.load_case(
        write(MINIMAL.replace("statement: First.}", "statement: First., prior: 1}"))
    )
    analysis = analyse(data)
    with pytest.raises(AnalysisError):
        _ = analysis.bayes
    out = json.loads(json.dumps(analysis.to_dict(), default=str))
    assert set(out) == {"case", *TECHNIQUES}
    assert "leaving nothing for H2 (no prior): give H2 a prior" in out["bayes"]["error"]
    assert "error" in out["confidence"] and "error" in out["collect"]
    assert out["ach"]["leader"] == ["H1"]


def test_changes_come_from_the_previous_version(example_case):
    earlier = DATA / "history" / "china-japan-dual-use-2026.2026-01-08.yaml"
    assert sat.diff.changes(analyse(example_case)) is None
    analysis = analyse(example_case, previous=str(earlier))
    changes = sat.diff.changes(analysis)
    assert sat.diff.changes(analysis) is changes  # computed once
    assert "evidence added" in changes.changes["kind"].tolist()


def test_diff_of_a_case_whose_bayesian_mode_cannot_run_still_compares_the_scores(write):
    broken = sat.load_case(
        write(MINIMAL.replace("statement: First.}", "statement: First., prior: 1}"))
    )
    fine = sat.load_case(write(MINIMAL, name="fine.yaml"))
    result = sat.diff.run(analyse(fine), analyse(broken))
    assert result.old_confidence is not None and result.new_confidence is None
    assert result.new_leader == ("H1",)


#: Each technique that builds on others (the registry says which results it must be given).
_BUILDS_ON = [row for row in REGISTRY if row.needs]


@pytest.mark.parametrize("row", _BUILDS_ON, ids=[row.name for row in _BUILDS_ON])
def test_a_technique_without_its_inputs_raises_a_type_error_naming_them(row, example_case):
    """A technique never computes what it builds on: sat.analyse wires it, or the caller does."""
    module = importlib.import_module(row.module)
    with pytest.raises(TypeError) as caught:
        module.run(example_case)
    message = str(caught.value)
    assert all(f"'{needed}'" in message for needed in row.needs), message


def test_no_result_can_be_changed_through_the_frames_it_hands_out(example_case):
    from sat.techniques._frames import FrameCopy

    analysis = analyse(example_case)
    checked = 0
    for name in TECHNIQUES:
        result = getattr(analysis, name)
        for attribute, value in vars(type(result)).items():
            if not isinstance(value, FrameCopy):
                continue
            frame = getattr(result, attribute)
            if frame is None or frame.empty:
                continue
            before = getattr(result, f"{attribute}_frame").copy()
            if before.iloc[0, 0] is None:
                continue
            frame.iloc[0, 0] = None  # a value every column can hold
            assert getattr(result, f"{attribute}_frame").equals(before), (name, attribute)
            checked += 1
    assert checked >= 20


def test_optional_and_why_for_a_technique_that_cannot_run(write):
    data = sat.load_case(
        write(MINIMAL.replace("statement: First.}", "statement: First., prior: 1}"))
    )
    analysis = analyse(data)
    assert analysis.optional("bayes") is None and analysis.optional("collect") is None
    assert "give H2 a prior or lower the others" in analysis.why("bayes")
    assert analysis.optional("ach") is analysis.ach and analysis.why("ach") is None


def test_a_case_reworded_keeps_the_figures_and_reviews_the_new_words(example_case):
    analysis = analyse(example_case)
    figures = analysis.bayes, analysis.confidence, analysis.ach
    first = analysis.review
    judgement = example_case.key_judgements[0].model_copy(
        update={"text": "Coercion over Taiwan is almost certainly the motive."}
    )
    words = example_case.model_copy(
        update={"key_judgements": (judgement,), "summary": "Another background."}
    )
    again = analysis.reworded(words)
    assert (again.bayes, again.confidence, again.ach) == figures  # the very same results
    assert again.review is not first and again.review.checked != first.checked
    assert any(f.stronger for r in again.review.statements for f in r.findings)
    assert again.case.summary == "Another background."
    assert analyse(words).review.to_dict() == again.review.to_dict()  # as if analysed afresh


@pytest.mark.parametrize(
    "change",
    [
        lambda c: {"evidence": c.evidence[1:]},
        lambda c: {"hypotheses": c.hypotheses[:-1]},
        lambda c: {"question": c.question + "?"},
    ],
)
def test_a_case_changed_in_more_than_words_is_not_reworded(example_case, change):
    analysis = analyse(example_case)
    with pytest.raises(ValueError, match="more than the analysts' words"):
        analysis.reworded(example_case.model_copy(update=change(example_case)))
