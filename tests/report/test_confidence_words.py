"""The words of confidence (``sat.report.claims.confidence``) over the facts of
``sat.techniques.confidence``: each sentence, ground and factor as a reader sees it, and the
rules the sentence says, over every situation ``sat.testing`` makes."""

import re
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings

import sat
from sat.case import Case
from sat.report.claims import confidence as words
from sat.techniques import confidence
from sat.testing import SITUATIONS, case_objects, situation
from tests.techniques.test_bias import build


def said(result):
    """The result as a reader sees it: its facts and, beside them, their words."""
    return SimpleNamespace(
        level=result.level,
        score=result.score,
        factors=[
            SimpleNamespace(
                name=f.name, points=f.points, missing=f.missing, detail=words.factor_said(f)
            )
            for f in result.factors
        ],
        grounds=words.grounds_said(result),
        limits=words.limits_said(result),
        not_checked=result.not_checked,
        subject=words.subject(result),
        sentence=words.sentence(result),
    )


def run(case):
    return said(sat.analyse(case).confidence)


def test_a_well_sourced_robust_lead_gets_high_confidence():
    evidence = [
        {
            "id": f"E{i}",
            "summary": "x",
            "sources": [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"],
            "credibility": "H",
            "relevance": "H",
            "ratings": {"H1": "C", "H2": "II", "H3": "II"},
        }
        for i in range(8)
    ]
    result = run(build(evidence))
    points = {f.name: f.points for f in result.factors}
    assert points == {
        "robustness": 2,
        "margin": 2,
        "sourcing": 2,
        "corroboration": 2,
        "linchpins": 2,
    }
    assert result.level == "high" and result.score == 10
    assert result.sentence.startswith(
        "We have high confidence in this judgement. What supports it: "
    )
    assert "lowers" not in result.sentence


def test_high_needs_enough_telling_items_from_enough_independent_sources():
    def case(n, sources):
        return build(
            [
                _strong(i, [sources[i % len(sources)], sources[(i + 1) % len(sources)]])
                for i in range(n)
            ]
        )

    few = run(case(6, ["S1", "S2", "S3", "S4", "S5"]))
    assert few.score == 10 and few.level == "moderate"
    assert few.limits == (
        "only 6 sourced items tell the hypotheses apart (high confidence needs 8)",
    )
    assert "What lowers it: only 6 sourced items" in few.sentence
    two = run(case(8, ["S1", "S2"]))
    assert two.level == "moderate" and two.limits == (
        "the sourced items that tell the hypotheses apart come from only 2 independent "
        "sources (high confidence needs 3)",
    )
    assert run(case(8, ["S1", "S2", "S3"])).level == "high"


def test_one_zero_factor_caps_at_moderate():
    # Well sourced and corroborated, but one item decides the ranking (a linchpin).
    evidence = [
        {
            "id": f"E{i}",
            "summary": "x",
            "sources": [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"],
            "credibility": "H",
            "relevance": "H",
            "ratings": {"H1": "C", "H2": "C", "H3": "II"},
        }
        for i in range(6)
    ] + [
        {
            "id": "E9",
            "summary": "decisive",
            "sources": ["S1", "S2"],
            "ratings": {"H1": "N", "H2": "I", "H3": "II"},
        }
    ]
    result = run(build(evidence))
    points = {f.name: f.points for f in result.factors}
    assert points["linchpins"] == 0 and points["margin"] == 0
    assert result.level != "high"
    # who would lead without it is named: H1 and H2 are rated alike everywhere else
    linchpins = {f.name: f.detail for f in result.factors}["linchpins"]
    assert linchpins == "without E9, H1 and H2 would tie for the lead"
    evidence[0]["ratings"] = {"H1": "C", "H2": "CC", "H3": "II"}  # H2 ahead on consistency
    linchpins = {f.name: f.detail for f in run(build(evidence)).factors}["linchpins"]
    assert linchpins == "without E9, H2 would lead instead"


def test_example_case_is_low_confidence_and_says_why(example_case):
    result = run(example_case)
    assert result.level == "low"
    assert "one-step rating change" in result.sentence
    # no words of likelihood in the confidence sentence (ICD 203 says them apart)
    assert not re.search(r"likely|probab|chance|certain", result.sentence)


def _strong(i, sources, ratings=None):
    """An item that would score well on every factor but its sourcing."""
    return {
        "id": f"E{i}",
        "summary": "x",
        "sources": sources,
        "credibility": "H",
        "relevance": "H",
        "ratings": ratings or {"H1": "C", "H2": "II", "H3": "II"},
    }


def test_no_source_at_all_is_low_confidence_and_the_missing_factors_are_said_missing():
    result = run(build([_strong(i, []) for i in range(8)], sources=[]))
    assert result.level == "low"
    assert result.grounds == ("no source is recorded for any item of evidence",)
    factors = {f.name: f for f in result.factors}
    assert factors["corroboration"].missing and factors["sourcing"].points == 0
    assert "no source is recorded for the evidence separating" in factors["sourcing"].detail
    assert not re.search(
        r"(?<!\d)0%", result.sentence
    )  # an unmeasured factor is never stated as a measurement
    assert result.sentence.startswith(
        "We have low confidence in this judgement. What lowers it: no source is recorded for any "
        "item of evidence"
    )
    assert "sourced" not in result.sentence  # the ground says it once


def test_one_source_for_everything_is_low_however_many_items_it_gives():
    one = [{"id": "S1", "title": "s", "reliability": "B", "reliability_reason": "r"}]
    for n in (1, 8):
        result = run(build([_strong(i, ["S1"]) for i in range(n)], sources=one))
        assert result.level == "low", n
        rests = "the only sourced item rests" if n == 1 else "every sourced item rests"
        assert result.grounds == (f"{rests} on one source (S1)",)


def test_one_origin_is_named_by_the_sources_the_items_cite():
    """S1 and S2 share a publisher (one independence group, labelled by S1): items citing only S2
    rest on S2, never on the uncited S1; items citing both name both."""
    two = [
        {"id": k, "title": "s", "reliability": g, "reliability_reason": "r", "publisher": "P"}
        for k, g in (("S1", "A"), ("S2", "C"))
    ]
    result = run(build([_strong(i, ["S2"]) for i in range(3)], sources=two))
    assert result.grounds == ("every sourced item rests on one source (S2)",)
    result = run(build([_strong(0, ["S2"]), _strong(1, ["S1"])], sources=two))
    assert result.grounds == (
        "every sourced item rests on sources of one origin (S2, S1: one publisher or chain)",
    )
    # the condition of "what lowers it" checks the sources named against those cited
    import dataclasses

    import sat
    from sat.report.claims import confidence_claims
    from sat.report.conditions import Facts, holds

    case = build([_strong(i, ["S2"]) for i in range(3)], sources=two)
    analysis = sat.analyse(case)
    facts = Facts.of(analysis)
    (said,) = [c for c in confidence_claims(analysis.confidence) if c.kind == "confidence.lowers"]
    assert holds(said, facts)
    grounds = tuple(
        dataclasses.replace(g, figures={**g.figures, "sources": ("S1",)})
        for g in analysis.confidence.grounds
    )
    wrong = dataclasses.replace(analysis.confidence, grounds=grounds)
    (bad,) = [c for c in confidence_claims(wrong) if c.kind == "confidence.lowers"]
    assert not holds(bad, dataclasses.replace(facts, confidence=wrong, _memo={}))


def test_no_evidence_against_any_challenger_is_low():
    evidence = [
        _strong(i, [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"], {"H1": "CC", "H2": "C", "H3": "N"})
        for i in range(6)
    ]
    result = run(build(evidence))
    assert result.level == "low"
    assert "no evidence is rated inconsistent with any challenger" in result.grounds


def test_a_tie_is_low_and_no_one_is_said_to_disagree():
    evidence = [
        _strong(i, [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"], {"H1": "C", "H2": "C", "H3": "II"})
        for i in range(6)
    ]
    result = run(build(evidence))
    assert result.level == "low" and "the matrix gives no single leader" in result.grounds
    assert "disagree" not in result.sentence  # both methods tie H1 and H2: they agree
    assert result.sentence.startswith("No leading judgement can be drawn")


def test_a_lead_on_the_tie_break_is_said_so_not_as_zero_changes():
    evidence = [
        _strong(i, [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"], {"H1": "C", "H2": "N", "H3": "II"})
        for i in range(6)
    ]
    result = run(build(evidence))
    assert "the lead rests on the consistency tie-break alone" in result.sentence
    assert "0 one-step" not in result.sentence


def test_two_factors_at_zero_make_confidence_low():
    # corroborated, but from sources graded E, and one rating change brings H2 level
    weak = [
        {"id": f"S{i}", "title": f"s{i}", "reliability": "E", "reliability_reason": "r"}
        for i in range(1, 6)
    ]
    evidence = [
        _strong(i, [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"], {"H1": "C", "H2": "C", "H3": "II"})
        for i in range(8)
    ] + [_strong(9, ["S1", "S2"], {"H1": "N", "H2": "I", "H3": "II"})]
    result = run(build(evidence, sources=weak))
    zero = {f.name for f in result.factors if f.points == 0}
    assert {"margin", "sourcing"} <= zero and not result.grounds
    assert result.level == "low"


def test_an_item_that_would_strengthen_the_lead_is_no_weakness():
    # H1 and H2 level on weighted inconsistency (H1 first on the tie-break); removing E9, the only
    # item against H1, would give H1 a clear lead: a linchpin by the standing, but no weakness
    evidence = [
        _strong(i, [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"], {"H1": "C", "H2": "N", "H3": "II"})
        for i in range(6)
    ] + [_strong(8, ["S1", "S2"], {"H1": "I", "H2": "N", "H3": "II"})]
    evidence += [_strong(9, ["S3", "S4"], {"H1": "N", "H2": "I", "H3": "II"})]
    case = build(evidence)
    from sat.techniques import ach

    result = ach.run(case)
    assert result.on_tiebreak and "E8" in result.linchpins
    assert result.evidence.at["E8", "effect"] == "clear"
    factor = {f.name: f for f in run(case).factors}["linchpins"]
    assert "E8" not in factor.detail


def test_an_unrated_hypothesis_above_the_leader_makes_confidence_low():
    evidence = [
        _strong(i, [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"], {"H1": "C", "H2": "I"})
        for i in range(8)
    ]
    hyps = [
        {"id": "H1", "label": "H1", "statement": "a", "prior": 0.2},
        {"id": "H2", "label": "H2", "statement": "b", "prior": 0.2},
        {"id": "H3", "label": "H3", "statement": "c", "prior": 0.6},
    ]
    result = run(build(evidence, hypotheses=hyps))
    assert result.level == "low"
    assert "H3, rated against nothing, has a larger posterior than the leader" in result.grounds


def test_a_lead_that_equal_priors_would_reverse_makes_confidence_low():
    evidence = [
        _strong(i, [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"], {"H1": "N", "H2": "C", "H3": "II"})
        for i in range(8)
    ] + [_strong(9, ["S1", "S3"], {"H1": "N", "H2": "I", "H3": "II"})]
    hyps = [
        {"id": "H1", "label": "H1", "statement": "a", "prior": 0.8},
        {"id": "H2", "label": "H2", "statement": "b", "prior": 0.1},
        {"id": "H3", "label": "H3", "statement": "c", "prior": 0.1},
    ]
    result = run(build(evidence, hypotheses=hyps))
    assert result.level == "low"
    assert any("with equal priors H2 would come first" in g for g in result.grounds), result.grounds


def test_the_checks_that_could_not_run_are_named_not_scored():
    from dataclasses import replace

    evidence = [_strong(i, [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"]) for i in range(8)]
    analysis = sat.analyse(build(evidence))
    result = said(analysis.confidence)
    assert {name for name, _ in result.not_checked} == {
        name for name, _ in analysis.bias.not_checked
    }
    assert "Not checked (the bias stress test says why): " in result.sentence
    a = analysis
    all_checked = confidence.run(  # the same case, had every bias check run: the same level
        a.case,
        ach=a.ach,
        bayes=a.bayes,
        quality=a.quality,
        assumptions=a.assumptions,
        bias=replace(a.bias, not_checked=()),
        consensus=None,
    )
    assert result.not_checked and not all_checked.not_checked
    assert result.level == all_checked.level  # said, never scored


def test_sourcing_and_corroboration_at_the_ends_say_none_and_all():
    weak = [
        {"id": f"S{i}", "title": f"s{i}", "reliability": "E", "reliability_reason": "r"}
        for i in range(1, 3)
    ]
    result = run(build([_strong(i, ["S1"]) for i in range(4)] + [_strong(9, ["S2"])], sources=weak))
    details = {f.name: f.detail for f in result.factors}
    assert "(none of it is well sourced)" in details["sourcing"]
    assert details["corroboration"] == "no sourced item is corroborated by an independent source"


# --- the rules, over every situation sat.testing makes --------------------------------------------

_LIKELIHOOD_WORDS = re.compile(r"likely|probab|\bchance\b|\bcertain\b|\bodds\b", re.IGNORECASE)


def _fast(case):
    return case.model_copy(update={"bayes": case.bayes.model_copy(update={"draws": 400})})


def _rules_hold(case):
    """The level follows the stated rules, recomputed from the case, and the sentence says it."""
    import sat
    from sat.techniques.quality import independence_groups

    analysis = sat.analyse(_fast(case))
    result, ach = said(analysis.confidence), analysis.ach
    sentence = result.sentence
    assert not _LIKELIHOOD_WORDS.search(sentence), sentence  # likelihood is said apart
    assert not re.search(r"(?<![\d.])0%|100%", sentence), sentence  # none / all at the ends
    groups = independence_groups(case.sources)
    cited = {
        groups[s] for e in case.evidence if e.type != "assumption" for s in e.sources if s in groups
    }
    if ach.sole is None or len(cited) <= 1:
        assert result.level == "low", sentence
    points = [f.points for f in result.factors]
    short = sum(not p for p in points)
    if result.level == "high":
        assert all(p == 2 for p in points) and not result.grounds and len(cited) >= 3
    if result.grounds or short > 1 or sum(p or 0 for p in points) < 4:
        assert result.level == "low"
    if ach.sole is None or ach.runner_up is None:  # no leader, or nothing to lead over
        assert sentence.startswith("No leading judgement can be drawn")
    else:
        assert sentence.startswith(f"We have {result.level} confidence in {result.subject}.")
        for ground in result.grounds:
            assert sentence.count(ground) == 1, ground  # each ground said once
        for name, _ in result.not_checked:
            assert name.replace("_", " ") in sentence


@pytest.mark.parametrize("name", SITUATIONS)
def test_the_rules_hold_in_every_named_situation(name):
    for seed in range(2):
        _rules_hold(Case.model_validate(situation(name, seed=seed)))


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case_objects(max_evidence=12, max_hypotheses=5))
def test_the_rules_hold_over_generated_cases(case):
    _rules_hold(case)


def test_a_leader_rated_against_few_items_is_low():
    evidence = [
        _strong(i, [f"S{i % 5 + 1}", f"S{(i + 1) % 5 + 1}"], {"H2": "I", "H3": "II"})
        for i in range(8)
    ] + [_strong(9, ["S1", "S2"])]
    result = run(build(evidence))
    assert result.level == "low"
    assert "H1 is rated against only 1 of the 9 items" in result.grounds


def test_the_analysts_own_readings_bound_confidence(example_case):
    import sat

    analysis = sat.analyse(example_case)
    own = {k: v for k, v in analysis.consensus.leaders.items() if k != "consensus"}
    first = sum(v == (analysis.ach.sole,) for v in own.values())
    assert 0 < first < len(own)  # the example: two of three analysts put H1 first
    expected = f"only {first} of the {len(own)} analysts' own ratings put H1 first"
    result = run(example_case)
    assert expected in result.limits and expected in result.sentence
    assert result.level != "high"
