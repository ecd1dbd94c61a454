"""The bias stress test's outcome recomputed from its rules (``sat.report.conditions.bias_rules``)
agrees with the stress test itself, at every threshold, and a stress test that drops or
misgrades a finding is caught by the conditions of ``summary.bias`` and ``bias.clean``."""

from __future__ import annotations

import dataclasses
from fractions import Fraction

import pytest
from hypothesis import HealthCheck, given, settings

import sat
from sat.case import Case
from sat.paths import EXAMPLE_CASE
from sat.report.claims import bias_claims, bias_summary
from sat.report.conditions import Facts, holds
from sat.report.conditions import bias_rules as rules
from sat.techniques import ach, bias
from sat.testing import SITUATIONS, case_objects, situation
from tests.techniques.test_bias import build, item


def technique(result: bias.BiasResult) -> dict[str, tuple]:
    """The stress test's outcome by detector: (fires, severity, fact kinds), (clean,) or
    (not checked, reason)."""
    out: dict[str, tuple] = {d: ("clean",) for d in result.passed}
    out |= {d: ("not checked", fact.kind) for d, fact in result.not_checked}
    out |= {
        f.detector: ("fires", f.severity, tuple(sorted(x.kind for x in f.facts)))
        for f in result.findings
    }
    return out


def recomputed(facts: Facts) -> dict[str, tuple]:
    """The same outcome, by the rules recomputed from the case."""
    out = {}
    for d, e in rules.expected(facts).items():
        if not e.runs:
            out[d] = ("not checked", e.reason)
        elif e.fires:
            out[d] = ("fires", e.severity, tuple(sorted(e.kinds)))
        else:
            out[d] = ("clean",)
    return out


def both(case: Case) -> tuple[dict[str, tuple], dict[str, tuple]]:
    """The outcome by the rules and by the stress test, on one case."""
    analysis = sat.analyse(case)
    return recomputed(Facts(case, analysis.ach)), technique(analysis.bias)


def agree(case: Case) -> dict[str, tuple]:
    expected, found = both(case)
    assert set(expected) == set(found) == set(bias.BIASES)
    assert expected == found, {d: (expected[d], found[d]) for d in found if expected[d] != found[d]}
    return expected


def _settings(examples: int) -> settings:
    return settings(
        max_examples=examples,
        deadline=None,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )


@_settings(150)
@given(case_objects(max_evidence=14, max_hypotheses=6))
def test_the_rules_recomputed_agree_with_the_stress_test_over_generated_cases(case):
    agree(case)


@pytest.mark.parametrize("name", SITUATIONS)
def test_the_rules_recomputed_agree_in_each_named_situation(name):
    for seed in range(3):
        agree(Case.model_validate(situation(name, seed=seed)))

    @_settings(10)
    @given(case_objects([name], max_evidence=14, max_hypotheses=12))
    def drawn(case):
        agree(case)

    drawn()


def test_the_thresholds_are_the_techniques():
    assert float(rules.FEW_AGAINST) == bias.FEW_DISCONFIRMING
    assert float(rules.DISCOUNT_GAP) == bias.DISCOUNT_GAP
    assert (float(rules.HHI_MEDIUM), float(rules.HHI_HIGH)) == (bias.HHI_MEDIUM, bias.HHI_HIGH)
    assert float(rules.ALIKE_SHARE) == bias.SIMILAR_SHARE
    assert rules.ALIKE_MIN_ITEMS == bias.SIMILAR_MIN_ITEMS and rules.MIN_DATED == bias.MIN_DATED


# --- each threshold, by hand ---------------------------------------------------------------------

_NULL = {"id": "H3", "label": "routine", "statement": "r", "kind": "null"}
_SOURCES = [
    {"id": f"S{i}", "title": f"s{i}", "reliability": "B", "reliability_reason": "r"}
    for i in range(1, 7)
]


def _from_sources(counts) -> Case:
    """Items rated only C and N (no weighted score to measure), ``counts[k]`` of them citing
    source S(k+1) alone."""
    evidence, n = [], 0
    for k, count in enumerate(counts):
        for _ in range(count):
            n += 1
            evidence.append(item(n, {"H1": "C", "H2": "N", "H3": "N"}, sources=[f"S{k + 1}"]))
    return build(evidence, sources=_SOURCES)


@pytest.mark.parametrize(
    ("counts", "index", "said"),
    [
        ((2, 2, 2, 2, 2), Fraction(1, 5), ("clean",)),
        ((2, 2, 2, 2), Fraction(1, 4), ("fires", "medium", ("concentration.items",))),
        # 100/400: computed in floating point it is 0.24999999999999997
        ((7, 6, 3, 2, 1, 1), Fraction(1, 4), ("fires", "medium", ("concentration.items",))),
        ((3, 1, 1), Fraction(11, 25), ("fires", "medium", ("concentration.items",))),
        ((4, 1, 1), Fraction(1, 2), ("fires", "high", ("concentration.items",))),
        # 242/484: computed in floating point it is 0.4999999999999999
        ((15, 3, 2, 2), Fraction(1, 2), ("fires", "high", ("concentration.items",))),
    ],
)
def test_concentration_at_the_thresholds(counts, index, said):
    assert sum(Fraction(c, sum(counts)) ** 2 for c in counts) == index  # the hand computation
    assert agree(_from_sources(counts))["concentration"] == said


def _against_leader(rated: int, against: int) -> Case:
    """H1 leads, rated N on ``rated - against`` items and I on ``against``; H2 and H3 are rated
    II everywhere. H1 has no consistency point, so only the share against it can fire."""
    evidence = [
        item(i, {"H1": "I" if i <= against else "N", "H2": "II", "H3": "II"}, sources=["S1"])
        for i in range(1, rated + 1)
    ]
    return build(evidence)


@pytest.mark.parametrize(
    ("rated", "against", "said"),
    [
        (10, 1, ("clean",)),  # 10%: not fewer than 10%
        (11, 1, ("fires", "medium", ("confirmation.few_against",))),  # 9.1%
        (20, 2, ("clean",)),
        (21, 2, ("fires", "medium", ("confirmation.few_against",))),
        (4, 0, ("fires", "medium", ("confirmation.few_against",))),  # none, on fewer than five
        (5, 0, ("fires", "high", ("confirmation.none_against",))),
    ],
)
def test_confirmation_at_ten_percent_disconfirming(rated, against, said):
    assert agree(_against_leader(rated, against))["confirmation"] == said


def _discounted(low_for: int) -> Case:
    """Three items against H1 (two of low credibility) and twelve for it (``low_for`` of low
    credibility); H2 and H3 rated II on all."""
    evidence = [
        item(i, {"H1": "I", "H2": "II", "H3": "II"}, credibility="L" if i <= 2 else "M")
        for i in range(1, 4)
    ] + [
        item(i, {"H1": "C", "H2": "II", "H3": "II"}, credibility="L" if i < 4 + low_for else "M")
        for i in range(4, 16)
    ]
    return build(evidence)


def test_confirmation_discounted_at_a_gap_of_exactly_a_quarter():
    # 2/3 against less 5/12 for is 1/4 exactly (0.24999999999999994 in floating point): fires
    assert Fraction(2, 3) - Fraction(5, 12) == rules.DISCOUNT_GAP
    said = ("fires", "medium", ("confirmation.discounted",))
    assert agree(_discounted(5))["confirmation"] == said
    assert agree(_discounted(6))["confirmation"] == ("clean",)  # 2/3 - 1/2 = 1/6


def _lead_of(extra: list, *, tested: bool = True) -> Case:
    """H1 rated C on E1-E4 (4 consistency points) and, when ``tested``, I on E5 as H2 is; H3
    rated II everywhere; the ``extra`` items are rated N on H1 and I on H2 (the lead)."""
    evidence = [item(i, {"H1": "C", "H2": "N", "H3": "II"}) for i in range(1, 5)]
    if tested:
        evidence.append(item(5, {"H1": "I", "H2": "I", "H3": "II"}))
    evidence += [
        item(6 + k, {"H1": "N", "H2": "I", "H3": "II"}, **weights)
        for k, weights in enumerate(extra)
    ]
    return build(evidence)


def test_consistency_at_exactly_twice_the_lead():
    # a lead of one item weighted H x H: sqrt(2)^2 = 2 (2.0000000000000004 in floating point),
    # against 4 consistency points: exactly twice, so it fires
    high = {"credibility": "H", "relevance": "H"}
    said = ("fires", "medium", ("confirmation.consistency_ratio",))
    assert agree(_lead_of([high]))["confirmation"] == said
    # a lead of 2 + 1/2: 4 points are less than twice it
    low = {"credibility": "L", "relevance": "L"}
    assert agree(_lead_of([high, low]))["confirmation"] == ("clean",)


def test_a_lead_of_exactly_one_point_is_not_a_small_lead():
    # two items weighted L x L: 2 x (1/sqrt(2))^2 = 1 (0.9999999999999998 in floating point)
    low = {"credibility": "L", "relevance": "L"}
    case = _lead_of([low, low], tested=False)
    lead = ach.run(case).hypotheses["weighted_inconsistency"]["H2"]
    assert lead == pytest.approx(1.0) and lead < 1.0
    said = ("fires", "high", ("confirmation.consistency_ratio", "confirmation.none_against"))
    assert agree(case)["confirmation"] == said
    said = ("fires", "medium", ("confirmation.small_lead",))
    assert agree(_lead_of([low]))["confirmation"] == said


def _dated(dates: list[str]) -> Case:
    evidence = [
        item(i, {"H1": "C", "H2": "I", "H3": "I"}, sources=[f"S{i % 5 + 1}"], date=d)
        for i, d in enumerate(dates, start=1)
    ]
    return build(evidence)


def test_anchoring_needs_six_dated_items_on_two_dates():
    two_dates = ["2026-01-01"] * 3 + ["2026-01-02"] * 3
    assert agree(_dated(two_dates))["anchoring"] == ("fires", "medium", ("anchoring.untested",))
    assert agree(_dated(two_dates[1:]))["anchoring"] == ("not checked", "few_dated")
    assert agree(_dated(["2026-01-01"] * 6))["anchoring"] == ("not checked", "one_date")
    case = _dated(two_dates)
    tested = case.model_copy(
        update={
            "evidence": (
                *case.evidence[:5],
                case.evidence[5].model_copy(
                    update={"ratings": {"H1": "I", "H2": "II", "H3": "II"}}
                ),
            )
        }
    )
    assert agree(tested)["anchoring"] == ("clean",)


def _pair(agreeing: int, apart: int, hypotheses=("H1", "H2", _NULL)) -> Case:
    """H1 and H2 rated alike (C) on ``agreeing`` items and apart (C against I) on ``apart``."""
    evidence = [item(i, {"H1": "C", "H2": "C", "H3": "I"}) for i in range(agreeing)]
    evidence += [item(100 + i, {"H1": "C", "H2": "I", "H3": "I"}) for i in range(apart)]
    return build(evidence, hypotheses=hypotheses)


def test_closure_at_ninety_percent_alike_and_three_hypotheses():
    alike = ("fires", "medium", ("closure.alike",))
    assert agree(_pair(9, 1))["closure"] == alike  # 90% of 10
    assert agree(_pair(5, 0))["closure"] == alike  # all of 5
    assert agree(_pair(8, 1))["closure"] == ("clean",)  # 89% of 9
    assert agree(_pair(4, 0))["closure"] == ("clean",)  # fewer than five items
    two = build([item(1, {"H1": "C", "H2": "I"})], hypotheses=("H1", "H2"))
    said = ("fires", "high", ("closure.few", "closure.no_alternative"))
    assert agree(two)["closure"] == said


def test_uncertain_accuracy_high_when_the_leader_goes_medium_when_it_shares():
    goes = [
        item(1, {"H1": "N", "H2": "II", "H3": "II"}, credibility="L"),
        item(2, {"H1": "I", "H2": "N", "H3": "II"}),
    ]
    said = ("fires", "high", ("uncertain_accuracy.leader_changes",))
    assert agree(build(goes))["uncertain_accuracy"] == said
    shares = [
        item(1, {"H1": "N", "H2": "I", "H3": "II"}, credibility="L"),
        item(2, {"H1": "I", "H2": "I", "H3": "II"}),
    ]
    said = ("fires", "medium", ("uncertain_accuracy.leader_changes",))
    assert agree(build(shares))["uncertain_accuracy"] == said
    every = [item(1, {"H1": "N", "H2": "I", "H3": "II"}, credibility="L")]  # nothing left ranked
    said = ("fires", "high", ("uncertain_accuracy.leader_changes",))
    assert agree(build(every))["uncertain_accuracy"] == said


def _vivid(first: dict[str, str]) -> Case:
    """E1 highly relevant on source S1 alone, rated ``first``; E2-E5 on two independent sources."""
    evidence = [item(1, first, relevance="H", sources=["S1"])]
    evidence += [
        item(i, {"H1": "N", "H2": "II", "H3": "I"}, sources=["S2", "S3"]) for i in range(2, 6)
    ]
    return build(evidence, hypotheses=("H1", "H2", _NULL))


def test_vividness_medium_on_a_critical_item_low_otherwise():
    said = ("fires", "medium", ("vividness.uncorroborated",))
    # E1 separates the hypotheses most (weighted diagnosticity 2 against 0.82): critical
    case = _vivid({"H1": "C", "H2": "II", "H3": "II"})
    assert sat.analyse(case).quality.critical == ("E1",)
    assert agree(case)["vividness"] == said
    # E1 separates them least (0.67): not critical, so low
    case = _vivid({"H1": "N", "H2": "N", "H3": "I"})
    assert sat.analyse(case).quality.critical == ()
    assert agree(case)["vividness"] == ("fires", "low", ("vividness.uncorroborated",))
    # E1 on two independent sources: corroborated, so clean
    case = case.model_copy(
        update={
            "evidence": (
                case.evidence[0].model_copy(update={"sources": ("S1", "S4")}),
                *case.evidence[1:],
            )
        }
    )
    assert agree(case)["vividness"] == ("clean",)


def test_base_rates_one_fact_per_pasted_basis_and_per_weak_source():
    weak = [
        {"id": "S8", "title": "Blog", "reliability": "E", "reliability_reason": "anonymous"},
        {"id": "S9", "title": "Forum", "reliability": "D", "reliability_reason": "anonymous"},
    ]
    hypotheses = [
        {"id": "H1", "label": "a", "statement": "a", "prior": 0.5, "prior_basis": "S8 (count)"},
        {"id": "H2", "label": "b", "statement": "b", "prior": 0.3, "prior_basis": "s8  (COUNT)"},
        {"id": "H3", "label": "c", "statement": "c", "prior": 0.2, "prior_basis": "S9; S1."},
    ]
    case = build([item(1, {"H1": "C", "H2": "I", "H3": "I"})], hypotheses=hypotheses)
    case = case.model_copy(
        update={"sources": (*case.sources, *(type(case.sources[0])(**s) for s in weak))}
    )
    kinds = ("base_rates.copied", "base_rates.weak", "base_rates.weak")
    assert agree(case)["base_rates"] == ("fires", "medium", kinds)


# --- a stress test that drops or misgrades a finding is caught -----------------------------------


def _with_findings() -> tuple[Case, ach.ACHResult, bias.BiasResult]:
    case = sat.load_case(EXAMPLE_CASE)
    analysis = sat.analyse(case)
    result, stress = analysis.ach, analysis.bias
    assert len(stress.findings) >= 2
    return case, result, stress


def _summary_holds(case, result, stress) -> bool:
    (claim,) = bias_summary(stress)
    return holds(claim, Facts(case, result, bias=stress))


def test_a_dropped_finding_makes_the_summary_false():
    case, result, stress = _with_findings()
    assert _summary_holds(case, result, stress)
    dropped = dataclasses.replace(stress, findings=stress.findings[1:])
    assert not _summary_holds(case, result, dropped)
    # the detector said to have found nothing instead: the summary and the clean claim are false
    first = stress.findings[0].detector
    clean = dataclasses.replace(dropped, passed={**stress.passed, first: "..."})
    assert not _summary_holds(case, result, clean)
    (said_clean,) = [c for c in bias_claims(clean) if c.kind == "bias.clean"]
    assert first in said_clean.figures["detectors"]
    assert not holds(said_clean, Facts(case, result, bias=clean))


def test_a_misgraded_finding_makes_the_summary_false():
    case, result, stress = _with_findings()
    finding = stress.findings[0]
    other = "low" if finding.severity != "low" else "high"
    misgraded = dataclasses.replace(
        stress, findings=(dataclasses.replace(finding, severity=other), *stress.findings[1:])
    )
    assert not _summary_holds(case, result, misgraded)


def test_a_detector_said_clean_that_could_not_run_is_false():
    case = build([item(1, {"H1": "C", "H2": "I", "H3": "N"})], sources=[])
    analysis = sat.analyse(case)
    result, stress = analysis.ach, analysis.bias
    assert "concentration" in dict(stress.not_checked)
    wrong = dataclasses.replace(
        stress,
        passed={**stress.passed, "concentration": "..."},
        not_checked=tuple((d, f) for d, f in stress.not_checked if d != "concentration"),
    )
    assert _summary_holds(case, result, stress) and not _summary_holds(case, result, wrong)
    (said_clean,) = [c for c in bias_claims(wrong) if c.kind == "bias.clean"]
    assert not holds(said_clean, Facts(case, result, bias=wrong))
