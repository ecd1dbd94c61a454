"""Every bias detector: a small case that triggers it and one that does not."""

import re

import pytest

import sat
import sat.testing
from sat.case import Case
from sat.report.claims.bias import finding_claims, why_not_checked
from sat.techniques import bias


def said(finding):
    """A finding's facts in the words a brief gives them (``sat.report.claims.bias``): a
    sentence each."""
    return " ".join(c.text for c in finding_claims(finding))


def build(evidence, hypotheses=("H1", "H2", "H3"), sources=None, **extra):
    hyps = []
    for h in hypotheses:
        hyps.append(h if isinstance(h, dict) else {"id": h, "label": h, "statement": h})
    if sources is None:
        sources = [
            {"id": f"S{i}", "title": f"s{i}", "reliability": "B", "reliability_reason": "r"}
            for i in range(1, 6)
        ]
    data = {
        "id": "b",
        "title": "B",
        "question": "?",
        "date": "2026-01-01",
        "analysts": ["t"],
        "sources": sources,
        "hypotheses": hyps,
        "evidence": evidence,
        **extra,
    }
    return Case.model_validate(data)


def item(i, ratings, **kw):
    return {"id": f"E{i}", "summary": f"item {i}", "ratings": ratings, **kw}


def detectors(case):
    result = sat.analyse(case).bias
    return {f.detector: f for f in result.findings}, result


# A balanced case that should trip nothing: several independent sources, the leader tested and
# still ahead, a null hypothesis, an absence item, a clear lead, checklist answered.
BALANCED = dict(
    evidence=[
        item(
            1, {"H1": "I", "H2": "II", "H3": "II"}, sources=["S1"], relevance="M", date="2026-01-01"
        ),
        item(2, {"H1": "N", "H2": "I", "H3": "II"}, sources=["S2", "S3"], date="2026-01-02"),
        item(3, {"H1": "C", "H2": "II", "H3": "I"}, sources=["S3", "S4"], date="2026-01-03"),
        item(4, {"H1": "N", "H2": "I", "H3": "N"}, sources=["S4", "S5"], date="2026-01-04"),
        item(
            5,
            {"H1": "N", "H2": "II", "H3": "I"},
            sources=["S5", "S1"],
            type="absence of evidence",
            date="2026-01-05",
        ),
        item(6, {"H1": "I", "H2": "I", "H3": "II"}, sources=["S2", "S4"], date="2026-01-06"),
    ],
    hypotheses=("H1", "H2", {"id": "H3", "label": "routine", "statement": "r", "kind": "null"}),
    checklist={"mirror_imaging": "considered"},
)


def test_a_balanced_case_trips_nothing():
    found, result = detectors(build(**BALANCED))
    assert found == {}
    # nothing graded low credibility and no base rate recorded: those two could not run
    assert _unrunnable(result) == {
        "uncertain_accuracy": "no item is graded low credibility, so there is nothing to drop",
        "base_rates": "no hypothesis records the base rate its prior is set by (its prior basis)",
    }
    assert set(result.passed) == {d for d, _, _ in bias._DETECTORS} - set(_unrunnable(result))


def test_a_balanced_case_with_everything_to_check_passes_every_detector():
    evidence = [dict(e) for e in BALANCED["evidence"]]
    evidence[3]["credibility"] = "L"  # E4 leaves H1 in the lead when dropped
    bases = {"H1": (0.5, "own count a"), "H2": (0.3, "own count b"), "H3": (0.2, "own count c")}
    hypotheses = [
        {
            **(h if isinstance(h, dict) else {"id": h, "label": h, "statement": h}),
            "prior": bases[h["id"] if isinstance(h, dict) else h][0],
            "prior_basis": bases[h["id"] if isinstance(h, dict) else h][1],
        }
        for h in BALANCED["hypotheses"]
    ]
    found, result = detectors(build(**{**BALANCED, "evidence": evidence, "hypotheses": hypotheses}))
    assert found == {} and result.not_checked == ()
    assert set(result.passed) == {d for d, _, _ in bias._DETECTORS}


def test_confirmation_fires_when_the_leader_is_never_tested():
    evidence = [item(i, {"H1": "C", "H2": "I", "H3": "N"}, sources=[f"S{i}"]) for i in range(1, 6)]
    found, _ = detectors(build(evidence))
    finding = found["confirmation"]
    assert finding.severity == "high"
    assert finding.numbers["against_leader"] == 0 and finding.numbers["items"] == 5
    assert "none is inconsistent" in said(finding)


def test_confirmation_fires_when_contrary_evidence_is_discounted():
    evidence = [
        item(1, {"H1": "I", "H2": "II", "H3": "II"}, credibility="L", sources=["S1"]),
        item(2, {"H1": "I", "H2": "II", "H3": "II"}, credibility="L", sources=["S2"]),
        item(3, {"H1": "C", "H2": "I", "H3": "I"}, credibility="M", sources=["S3"]),
        item(4, {"H1": "C", "H2": "II", "H3": "I"}, credibility="M", sources=["S4"]),
    ]
    finding = detectors(build(evidence))[0]["confirmation"]
    assert finding.numbers["low_credibility_against"] == 1.0
    assert finding.numbers["low_credibility_for"] == 0.0
    assert "graded low credibility" in said(finding)


def test_concentration_one_source_is_high():
    evidence = [item(i, {"H1": "N", "H2": "I", "H3": "II"}, sources=["S1"]) for i in range(1, 5)]
    finding = detectors(build(evidence))[0]["concentration"]
    assert finding.severity == "high"
    assert finding.numbers["hhi_items"] == 1.0 and finding.numbers["hhi_score"] == 1.0


def test_concentration_sees_through_shared_publishers():
    sources = [
        {
            "id": f"S{i}",
            "title": "t",
            "publisher": "Same Wire",
            "reliability": "B",
            "reliability_reason": "r",
        }
        for i in range(1, 5)
    ]
    evidence = [item(i, {"H1": "N", "H2": "I", "H3": "II"}, sources=[f"S{i}"]) for i in range(1, 5)]
    assert "concentration" in detectors(build(evidence, sources=sources))[0]


def test_hhi():
    assert bias.hhi([1, 1, 1, 1, 1]) == pytest.approx(0.2)
    assert bias.hhi([]) == 0.0


def test_uncertain_accuracy_fires_when_weak_items_decide():
    evidence = [
        item(1, {"H1": "N", "H2": "II", "H3": "II"}, credibility="L", sources=["S1"]),
        item(2, {"H1": "I", "H2": "N", "H3": "II"}, sources=["S2"]),
    ]
    finding = detectors(build(evidence))[0]["uncertain_accuracy"]
    assert finding.numbers["leader_without"] == ["H2"] and finding.severity == "high"


def test_closure_two_hypotheses_and_no_null():
    evidence = [item(1, {"H1": "C", "H2": "I"}, sources=["S1"])]
    finding = detectors(build(evidence, hypotheses=("H1", "H2")))[0]["closure"]
    assert finding.severity == "high" and "Only 2 hypotheses" in said(finding)
    assert "No null hypothesis" in said(finding)


def test_closure_similar_columns_and_declared_overlaps():
    evidence = [item(i, {"H1": "C", "H2": "C", "H3": "I"}, sources=[f"S{i}"]) for i in range(1, 6)]
    null = {"id": "H3", "label": "n", "statement": "n", "kind": "null"}
    finding = detectors(build(evidence, hypotheses=("H1", "H2", null)))[0]["closure"]
    assert finding.numbers["similar"] == [["H1", "H2"]]
    overlapping = {"id": "H2", "label": "b", "statement": "b", "overlaps": ["H1"]}
    evidence = [item(1, {"H1": "C", "H2": "I", "H3": "I"}, sources=["S1"])]
    finding = detectors(build(evidence, hypotheses=("H1", overlapping, null)))[0]["closure"]
    assert said(finding).endswith("overlap: H1 and H2.")  # declared on H2, said once
    not_exclusive = build(evidence, hypotheses=("H1", overlapping, null), exclusive=False)
    assert "closure" not in detectors(not_exclusive)[0]


def test_absence_of_evidence_ignored():
    evidence = [item(1, {"H1": "C", "H2": "I", "H3": "I"}, sources=["S1"])]
    assert "absence" in detectors(build(evidence))[0]
    evidence.append(
        item(2, {"H1": "N", "H2": "I", "H3": "N"}, type="absence of evidence", sources=["S2"])
    )
    assert "absence" not in detectors(build(evidence))[0]


def test_anchoring_fires_only_when_later_evidence_never_tests_the_leader():
    dated = [
        item(i, {"H1": "C", "H2": "I", "H3": "I"}, sources=[f"S{i % 5 + 1}"], date=f"2026-01-0{i}")
        for i in range(1, 7)
    ]
    finding = detectors(build(dated))[0]["anchoring"]
    assert finding.numbers == {"dated": 6, "early": 3, "early_leader": ["H1"]}
    tested = [
        *dated[:5],
        item(6, {"H1": "I", "H2": "II", "H3": "II"}, sources=["S1"], date="2026-01-06"),
    ]
    assert "anchoring" not in detectors(build(tested))[0]
    found, result = detectors(build(dated[:5]))  # too few dated items to judge: not checked
    assert "anchoring" not in found and "anchoring" not in result.passed
    assert _unrunnable(result)["anchoring"] == (
        "there are only 5 items, all dated; comparing early with late evidence needs at least 6"
    )


def test_vividness():
    evidence = [
        item(1, {"H1": "C", "H2": "I", "H3": "I"}, relevance="H", sources=["S1"]),
        item(2, {"H1": "N", "H2": "I", "H3": "N"}, relevance="H", sources=["S2", "S3"]),
    ]
    finding = detectors(build(evidence))[0]["vividness"]
    assert finding.numbers["items"] == ["E1"]


def test_base_rate_neglect():
    recorded = {"id": "H1", "label": "a", "statement": "a", "prior_basis": "1 in 10 such bans"}
    evidence = [item(1, {"H1": "C", "H2": "I", "H3": "I"}, sources=["S1"])]
    assert "base_rates" in detectors(build(evidence, hypotheses=(recorded, "H2", "H3")))[0]
    priced = [
        {**recorded, "prior": 0.1},
        {"id": "H2", "label": "b", "statement": "b", "prior": 0.6},
        {"id": "H3", "label": "c", "statement": "c", "prior": 0.3},
    ]
    assert "base_rates" not in detectors(build(evidence, hypotheses=priced))[0]
    # priced, but one pasted basis for two hypotheses, citing a source graded D
    pasted = "S9 says such bans are usually political"
    copied = [{**priced[0], "prior_basis": pasted}, {**priced[1], "prior_basis": pasted}, priced[2]]
    weak = {"id": "S9", "title": "Blog", "reliability": "D", "reliability_reason": "anonymous"}
    case = build(evidence, hypotheses=copied)
    case = case.model_copy(update={"sources": (*case.sources, type(case.sources[0])(**weak))})
    finding = detectors(case)[0]["base_rates"]
    assert finding.numbers["copied"] == [["H1", "H2"]]
    assert finding.numbers["weak_sources"] == ["S9"]
    assert "share one basis word for word" in said(finding)
    assert "The prior bases of H1, H2 cite S9, a source graded D." in said(finding)
    # distinct bases, one citing the weak source: no pasted basis, and the one citing it is named
    own = [{**priced[0], "prior_basis": pasted}, {**priced[1], "prior_basis": "own reasons"}]
    case = build(evidence, hypotheses=[*own, priced[2]])
    case = case.model_copy(update={"sources": (*case.sources, type(case.sources[0])(**weak))})
    finding = detectors(case)[0]["base_rates"]
    assert finding.numbers["copied"] == []
    assert "word for word" not in said(finding) and "H1's prior basis cites S9" in said(finding)


def test_mirror_imaging_prompt():
    evidence = [item(1, {"H1": "C", "H2": "I", "H3": "I"}, sources=["S1"])]
    finding = detectors(build(evidence))[0]["mirror_imaging"]
    assert finding.severity == "low" and "None of the 3 hypotheses is one of routine" in said(
        finding
    )


def test_example_case_findings(example_case):
    result = sat.analyse(example_case).bias
    found = {f.detector for f in result.findings}
    assert {"confirmation", "concentration"} <= found
    assert "closure" not in found  # H7 is a null hypothesis
    assert result.unanswered == ()  # the example answers every checklist question
    assert result.frame.columns.tolist() == ["detector", "bias", "severity", "facts"]
    from sat.report.claims.bias import findings_frame

    words = findings_frame(result)
    assert words.columns.tolist() == ["detector", "bias", "severity", "facts", "action"]
    assert words["facts"].str.endswith(".").all() and not words["facts"].str[0].str.islower().any()
    confirmation = next(f for f in result.findings if f.detector == "confirmation")
    # nothing against H1 in the agreed matrix, and the analyst who voted against it is named
    assert "none is inconsistent with it in the agreed matrix" in said(confirmation)
    assert "Analyst B rated E21 against it" in said(confirmation)
    base_rates = next(f for f in result.findings if f.detector == "base_rates")
    assert base_rates.numbers["copied"] == [] and base_rates.numbers["weak_sources"] == ["S0"]


# Checks that could not run are "not checked", never clean (SAT-REFERENCE section 10).


def _unrunnable(result):
    return {name: why_not_checked(fact) for name, fact in result.not_checked}


def test_no_dates_no_sources_no_base_rates_are_not_checked_never_clean():
    evidence = [
        item(1, {"H1": "I", "H2": "II", "H3": "II"}),
        item(2, {"H1": "N", "H2": "I", "H3": "II"}, relevance="H"),
        item(3, {"H1": "C", "H2": "II", "H3": "I"}),
    ]
    result = sat.analyse(build(evidence, sources=[])).bias
    why = _unrunnable(result)
    assert why == {
        "concentration": "no sources are recorded",
        "uncertain_accuracy": "no item is graded low credibility, so there is nothing to drop",
        "anchoring": "no evidence item is dated, so early and late evidence cannot be compared",
        "vividness": "no sources are recorded, so corroboration cannot be judged",
        "base_rates": "no hypothesis records the base rate its prior is set by (its prior basis)",
    }
    assert not set(why) & set(result.passed)
    assert not set(why) & {f.detector for f in result.findings}
    # every detector is accounted for exactly once
    accounted = [*result.passed, *why, *(f.detector for f in result.findings)]
    assert sorted(accounted) == sorted(d for d, _, _ in bias._DETECTORS)
    assert {n: f["kind"] for n, f in result.to_dict()["not_checked"].items()} == {
        "concentration": "no_sources",
        "uncertain_accuracy": "none_low",
        "anchoring": "undated",
        "vividness": "no_sources_recorded",
        "base_rates": "no_base_rate",
    }


def test_sources_that_no_item_cites_leave_concentration_not_checked():
    evidence = [item(i, {"H1": "N", "H2": "I", "H3": "II"}) for i in range(1, 4)]
    result = sat.analyse(build(evidence)).bias
    assert _unrunnable(result)["concentration"] == "no evidence item cites a source"


def test_dated_items_on_one_day_leave_anchoring_not_checked():
    dated = [
        item(i, {"H1": "C", "H2": "I", "H3": "I"}, sources=[f"S{i % 5 + 1}"], date="2026-01-01")
        for i in range(1, 7)
    ]
    assert _unrunnable(sat.analyse(build(dated)).bias)["anchoring"] == (
        "all 6 dated items carry the same date"
    )


def test_a_tied_lead_leaves_the_leader_checks_not_checked():
    dated = [
        item(
            i,
            {"H1": "C", "H2": "C", "H3": "I"},
            sources=[f"S{i % 5 + 1}"],
            date=f"2026-01-0{i}",
            credibility="L" if i == 1 else "M",
        )
        for i in range(1, 7)
    ]
    result = sat.analyse(build(dated)).bias
    why = _unrunnable(result)
    tied = "the lead is tied (H1 = H2): there is no single leader to test"
    assert why["confirmation"] == why["uncertain_accuracy"] == why["anchoring"] == tied
    assert not {"confirmation", "uncertain_accuracy", "anchoring"} & set(result.passed)


def test_an_empty_matrix_runs_without_error_and_claims_nothing_clean():
    result = sat.analyse(build([])).bias
    why = _unrunnable(result)
    assert {"confirmation", "uncertain_accuracy", "absence", "anchoring", "vividness"} <= set(why)
    assert why["absence"] == "the matrix has no evidence"
    assert set(result.passed) <= {"closure", "mirror_imaging"}


def test_not_checked_is_shown_in_the_text_view_and_the_table():
    from sat.report import tables, text

    result = sat.analyse(build([item(1, {"H1": "C", "H2": "I", "H3": "N"})], sources=[])).bias
    shown = text.bias(result)
    assert "not checked (nothing to work on, so not clean either):" in shown
    assert "  concentration: no sources are recorded" in shown
    clean = shown.split("Checked and clean: ")[1].split("\n")[0]
    assert "concentration" not in clean and "anchoring" not in clean
    html = str(tables.bias_html(result))
    assert "Not checked, so not clean either" in html
    assert "anchoring (no evidence item is dated" in html


# No ratio with a zero denominator reaches a reader.


def _consistency_fact(h2_ratings):
    """The confirmation finding of a case where H1 has 2 consistency points (E1, E2 rated C)."""
    evidence = [
        item(1, {"H1": "C", "H2": h2_ratings[0], "H3": "II"}, sources=["S1"]),
        item(2, {"H1": "C", "H2": h2_ratings[1], "H3": "II"}, sources=["S2"]),
        item(3, {"H1": "N", "H2": h2_ratings[2], "H3": "II"}, sources=["S3"], **h2_ratings[3]),
    ]
    finding = detectors(build(evidence))[0]["confirmation"]
    for bad in (r"\bnan\b", r"\binf\b", "<NA>", r"\bNone\b(?! of )"):
        assert not re.search(bad, said(finding))
    return finding


def test_a_nil_lead_is_said_to_be_nil_never_a_ratio():
    finding = _consistency_fact(("N", "N", "N", {}))
    assert finding.numbers["lead"] == 0.0
    assert (
        "H1 and H2 are equally inconsistent with the evidence: H1 is ahead only on evidence "
        "consistent with it (2 points against 0, C counting 1 and CC 2)" in said(finding)
    )
    assert "times" not in said(finding)


def test_a_lead_under_one_point_is_not_divided_into():
    # E3 rated I against H2 at low credibility and low relevance: a lead of 0.50
    finding = _consistency_fact(("N", "N", "I", {"credibility": "L", "relevance": "L"}))
    assert finding.numbers["lead"] == pytest.approx(0.5)
    assert (
        "H1's lead over H2 in weighted inconsistency (0.50) is less than one inconsistent rating "
        "of medium weight, while the evidence consistent with it counts 2 points" in said(finding)
    )
    assert "times" not in said(finding)


def test_a_lead_of_a_point_or_more_is_stated_as_a_ratio():
    finding = _consistency_fact(("N", "N", "I", {}))
    assert (
        "The evidence consistent with H1 counts 2 points (C 1, CC 2), 2.0 times its lead over H2 "
        "in weighted inconsistency (1.00)" in said(finding)
    )


def test_points_never_round_a_positive_lead_to_zero():
    from sat.report.claims.bias import _points

    assert _points(0.004) == "under 0.01" and _points(0.5) == "0.50"


def test_a_nil_weighted_score_is_not_measured_for_concentration():
    # every item from S1 and none rated against any hypothesis: no weighted score to share out
    evidence = [item(i, {"H1": "C", "H2": "N", "H3": "N"}, sources=["S1"]) for i in range(1, 5)]
    finding = detectors(build(evidence))[0]["concentration"]
    assert finding.numbers["hhi_score"] is None and finding.numbers["hhi_items"] == 1.0
    assert "so its concentration is not measured" in said(finding)
    assert "of the score" not in said(finding) and "0.00" not in said(finding)


def test_discounting_with_nothing_rated_for_the_leader_compares_with_nothing():
    evidence = [
        item(1, {"H1": "I", "H2": "II", "H3": "II"}, credibility="L", sources=["S1"]),
        item(2, {"H1": "I", "H2": "II", "H3": "II"}, credibility="L", sources=["S2"]),
        item(3, {"H1": "N", "H2": "I", "H3": "I"}, sources=["S3"]),
    ]
    finding = detectors(build(evidence))[0]["confirmation"]
    assert (
        "100% of the items against H1 are graded low credibility, and no item is rated for it"
        in said(finding)
    )
    assert finding.numbers["low_credibility_for"] is None and "against 0%" not in said(finding)


def test_few_items_none_against_the_leader_is_said_plainly():
    evidence = [item(i, {"H1": "C", "H2": "I", "H3": "N"}, sources=[f"S{i}"]) for i in range(1, 4)]
    finding = detectors(build(evidence))[0]["confirmation"]
    assert finding.severity == "medium"
    assert said(finding).startswith("None of the 3 items rated on H1 is inconsistent with it.")
    one = detectors(build(evidence[:1]))[0]["absence"]
    assert said(one) == "The one item does not record expected evidence that has not appeared."


# Every situation sat.testing can draw: every detector is accounted for once, and no text says
# nan, inf, <NA> or None.


@pytest.mark.parametrize("seed", [0, 1])
@pytest.mark.parametrize("name", list(sat.testing.SITUATIONS))
def test_every_situation_accounts_for_every_detector_in_plain_words(name, seed):
    import re

    from sat.report import tables, text

    case = Case.model_validate(sat.testing.situation(name, seed=seed))
    result = sat.analyse(case).bias
    found = [f.detector for f in result.findings]
    skipped = [d for d, _ in result.not_checked]
    assert sorted([*found, *result.passed, *skipped]) == sorted(d for d, _, _ in bias._DETECTORS)
    if name == "no-sources":
        assert {"concentration", "vividness"} <= set(skipped)
    if name == "undated":
        assert "anchoring" in skipped
    if name in ("no-base-rates", "no-priors") and not any(h.prior_basis for h in case.hypotheses):
        assert "base_rates" in skipped
    if name in ("top-tie", "all-tied"):
        assert {"confirmation", "uncertain_accuracy", "anchoring"} <= set(skipped)
    html = str(tables.bias_html(result))
    for shown in (text.bias(result), re.sub(r"<[^>]+>", " ", html)):
        # "None of the 13 items..." opens a sentence; a None value never does
        assert not re.search(r"\bnan\b|\binf\b|<NA>|&lt;NA&gt;|\bNone\b(?! of )", shown), shown


# A figure at a threshold counts as at it, though floating point puts it a hair below or above
# (shares of counted items, sums of sqrt(2) weights): the rule is stated for the exact figure.


def _single_sourced(counts):
    """Items rated only C and N (no weighted score), ``counts[k]`` of them on source S(k+1)."""
    sources = [
        {"id": f"S{i}", "title": f"s{i}", "reliability": "B", "reliability_reason": "r"}
        for i in range(1, len(counts) + 1)
    ]
    evidence, n = [], 0
    for k, count in enumerate(counts):
        for _ in range(count):
            n += 1
            evidence.append(item(n, {"H1": "C", "H2": "N", "H3": "N"}, sources=[f"S{k + 1}"]))
    return build(evidence, sources=sources)


def test_a_concentration_index_of_exactly_a_half_is_high():
    # (15² + 3² + 2² + 2²) / 22² = 242/484 = 1/2, computed as 0.4999999999999999
    finding = detectors(_single_sourced((15, 3, 2, 2)))[0]["concentration"]
    assert finding.numbers["hhi_items"] == pytest.approx(0.5) and finding.severity == "high"


def test_a_concentration_index_of_exactly_a_quarter_fires():
    # (7² + 6² + 3² + 2² + 1 + 1) / 20² = 100/400 = 1/4, computed as 0.24999999999999997
    finding = detectors(_single_sourced((7, 6, 3, 2, 1, 1)))[0]["concentration"]
    assert finding.numbers["hhi_items"] == pytest.approx(0.25) and finding.severity == "medium"
    assert "concentration" not in detectors(_single_sourced((2, 2, 2, 2, 2)))[0]  # 0.2


def test_contrary_evidence_discounted_by_exactly_a_quarter_fires():
    # 2 of 3 items against H1 graded low, 5 of 12 for it: 2/3 - 5/12 = 1/4 (0.24999999999999994)
    evidence = [
        item(i, {"H1": "I", "H2": "II", "H3": "II"}, credibility="L" if i <= 2 else "M")
        for i in range(1, 4)
    ] + [
        item(i, {"H1": "C", "H2": "II", "H3": "II"}, credibility="L" if i <= 8 else "M")
        for i in range(4, 16)
    ]
    finding = detectors(build(evidence))[0]["confirmation"]
    assert [f.kind for f in finding.facts] == ["confirmation.discounted"]
    assert "67% of the items against H1 are graded low credibility, against 42%" in said(finding)


def test_consistency_of_exactly_twice_a_lead_weighted_h_by_h_fires():
    # H1: 4 consistency points; its lead over H2 is one I on an item weighted sqrt(2)² = 2
    # (2.0000000000000004 in floating point): 4 is twice 2
    evidence = [item(i, {"H1": "C", "H2": "N", "H3": "II"}) for i in range(1, 5)]
    evidence += [
        item(5, {"H1": "I", "H2": "I", "H3": "II"}),
        item(6, {"H1": "N", "H2": "I", "H3": "II"}, credibility="H", relevance="H"),
    ]
    finding = detectors(build(evidence))[0]["confirmation"]
    assert [f.kind for f in finding.facts] == ["confirmation.consistency_ratio"]
    assert "counts 4 points (C 1, CC 2), 2.0 times its lead over H2" in said(finding)


def test_a_lead_of_exactly_one_point_is_said_as_a_ratio_not_as_under_one():
    # two items weighted (1/sqrt(2))² against H2: a lead of 1, computed as 0.9999999999999998
    evidence = [item(i, {"H1": "C", "H2": "N", "H3": "II"}) for i in range(1, 3)]
    evidence += [
        item(i, {"H1": "N", "H2": "I", "H3": "II"}, credibility="L", relevance="L")
        for i in range(3, 5)
    ]
    finding = detectors(build(evidence))[0]["confirmation"]
    assert "confirmation.small_lead" not in [f.kind for f in finding.facts]
    assert "2.0 times its lead over H2 in weighted inconsistency (1.00)" in said(finding)
