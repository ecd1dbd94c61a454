"""The example case meets the bar the project sets for it (Heuer's steps 1-2)."""

from collections import Counter

from sat import scales


def test_breadth(example_case):
    assert example_case.id == "china-japan-dual-use-2026"
    assert len(example_case.hypotheses) >= 5
    assert len(example_case.evidence) >= 20
    labels = {h.label for h in example_case.hypotheses}
    assert {
        "Coercion over Taiwan",
        "Security and non-proliferation",
    } <= labels  # the seed brief's A and B


def test_every_source_is_graded_with_a_reason(example_case):
    assert len(example_case.sources) >= 5
    for source in example_case.sources:
        assert source.reliability in scales.RELIABILITY
        assert len(source.reliability_reason) > 20
        assert source.file and source.file.endswith(".txt")


def test_evidence_cites_sources_and_includes_assumptions_and_absences(example_case):
    types = Counter(item.type for item in example_case.evidence)
    assert types["assumption"] >= 1 and types["absence of evidence"] >= 1
    for item in example_case.evidence:
        if item.type != "assumption":
            assert item.sources, f"{item.id} cites no source"
    cited = {ref for item in example_case.evidence for ref in item.sources}
    assert cited == {s.id for s in example_case.sources}, "every source is used"


def test_fully_rated_with_honest_spread(example_case):
    m = example_case.matrix
    assert m.rated.all(), "every cell of the example matrix is rated"
    levels = Counter(e.credibility for e in example_case.evidence)
    assert len(levels) == 3, "credibility is judged, not defaulted"
    assert (m.codes == "I").any() and (m.codes == "CC").any()
