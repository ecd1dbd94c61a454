"""Quality of Information Check against hand-worked answers."""

import pytest

import sat
from sat.case import Case
from sat.techniques import quality


def src(i, grade="B", **kw):
    return {"id": i, "title": i, "reliability": grade, "reliability_reason": "r", **kw}


BASE = {
    "id": "q",
    "title": "Q",
    "question": "?",
    "date": "2026-01-01",
    "analysts": ["t"],
    "hypotheses": [{"id": h, "label": h, "statement": h} for h in ("H1", "H2")],
}


def make(sources, evidence):
    return Case.model_validate({**BASE, "sources": sources, "evidence": evidence})


def test_origin_chains_and_publishers_form_groups():
    sources = [
        src("S1", publisher="Wire"),
        src("S2", origin="S1"),
        src("S3", origin="press release"),
        src("S4", origin="Press  Release"),
        src("S5", publisher="WIRE"),
        src("S6"),
    ]
    groups = quality.independence_groups(make(sources, []).sources)
    assert groups == {"S1": "S1", "S2": "S1", "S3": "S3", "S4": "S3", "S5": "S1", "S6": "S6"}


def test_two_thousand_sources_in_chains_form_one_group_a_chain_named_by_its_first_listed():
    """100 chains of 20 sources, each citing the one before, listed last link first: each chain is
    one group named after its last link; a publisher shared by the ends of chains 0 and 1 joins
    them (named after chain 0's end, listed first)."""
    sources = []
    for c in range(100):
        for k in reversed(range(20)):
            extra = {"origin": f"C{c}-{k - 1}"} if k else {}
            if k == 19 and c < 2:
                extra["publisher"] = "Shared Wire"
            sources.append(src(f"C{c}-{k}", **extra))
    groups = quality.independence_groups(make(sources, []).sources)
    assert len(groups) == 2000
    expected = {f"C{c}-{k}": f"C{0 if c < 2 else c}-19" for c in range(100) for k in range(20)}
    assert groups == expected
    assert list(groups) == [s["id"] for s in sources]


def test_corroboration_shares_and_critical_items():
    sources = [src("S1", "A"), src("S2", "B", origin="S1"), src("S3", "E"), src("S4", "C")]
    evidence = [
        # weight 2 (H/H), II vs N: 4 points against H2; S1 and S2 are one origin -> single source
        {
            "id": "E1",
            "summary": "a",
            "sources": ["S1", "S2"],
            "credibility": "H",
            "relevance": "H",
            "ratings": {"H1": "N", "H2": "II"},
        },
        # weight 1, I against H2: 1 point; S1 and S4 are independent -> corroborated
        {"id": "E2", "summary": "b", "sources": ["S1", "S4"], "ratings": {"H1": "C", "H2": "I"}},
        # weight 1, I against H1: 1 point; only a grade-E source
        {"id": "E3", "summary": "c", "sources": ["S3"], "ratings": {"H1": "I", "H2": "N"}},
        # an assumption: no sources by nature, 0 points
        {"id": "E4", "summary": "d", "type": "assumption", "ratings": {"H1": "C", "H2": "C"}},
        # a report with no source: 1 point against H2
        {"id": "E5", "summary": "e", "ratings": {"H1": "N", "H2": "I"}},
    ]
    result = sat.analyse(make(sources, evidence)).quality
    ev = result.evidence
    assert ev["groups"].tolist() == [1, 2, 1, 0, 0]
    assert result.single_source == ("E1", "E3")
    assert result.corroborated == ("E2",)
    assert ev.loc["E5", "unsourced"] and not ev.loc["E4", "unsourced"]
    assert ev.loc["E3", "weak_sources_only"]
    # total points 4 + 1 + 1 + 0 + 1 = 7; S1 gets 4/2 + 1/2, S2 4/2, S3 1, S4 1/2; unsourced 1
    shares = result.sources["share"]
    assert shares.tolist() == pytest.approx([2.5 / 7, 2 / 7, 1 / 7, 0.5 / 7])
    assert result.unsourced_share == pytest.approx(1 / 7)
    assert result.sources["items"].tolist() == [2, 1, 1, 1]
    assert result.sources["sole_source_items"].tolist() == [0, 0, 1, 0]
    # E1 is the most diagnostic item (top quarter), on one origin: re-check. Not a linchpin:
    # without it H1 (1 point) still leads H2 (2 points).
    assert "E1" in result.critical
    assert ev.loc["E1", "important"] == ("diagnostic",) and ev.loc["E1", "thin"] == ("one_group",)
    from sat.report.claims.quality import critical_claims

    (said,) = [c for c in critical_claims(result) if c.figures["item"] == "E1"]
    assert said.text.startswith("E1: highly diagnostic, resting on one independent source")
    assert "E2" not in result.critical


def test_sourcing_of_the_lead():
    sources = [src("S1", "A"), src("S2", "B"), src("S3", "F")]
    evidence = [
        # separates H1 from H2 by 2 scale steps x weight 1 = 2, corroborated with A and B
        {"id": "E1", "summary": "a", "sources": ["S1", "S2"], "ratings": {"H1": "N", "H2": "II"}},
        # separates by 1 x weight 1 = 1, single source
        {"id": "E2", "summary": "b", "sources": ["S3"], "ratings": {"H1": "N", "H2": "I"}},
        # separates by 1 x 1 = 1, corroborated but only by F and ... (S3 and S1 -> has an A)
        {"id": "E3", "summary": "c", "sources": ["S3", "S2"], "ratings": {"H1": "C", "H2": "N"}},
    ]
    result = sat.analyse(make(sources, evidence)).quality
    assert result.sourcing["share"] == pytest.approx(3 / 4)
    assert result.sourcing["level"] == "strong"
    assert result.sourcing["well_sourced"] == ["E1", "E3"]


def test_sourcing_levels_and_no_separating_evidence():
    sources = [src("S1", "A")]
    evidence = [{"id": "E1", "summary": "a", "sources": ["S1"], "ratings": {"H1": "N", "H2": "I"}}]
    assert sat.analyse(make(sources, evidence)).quality.sourcing["level"] == "weak"
    tied = [{"id": "E1", "summary": "a", "sources": ["S1"], "ratings": {"H1": "C", "H2": "C"}}]
    assert sat.analyse(make(sources, tied)).quality.sourcing["share"] is None


def test_example_case_quality(example_case):
    result = sat.analyse(example_case).quality
    groups = result.sources["group"]
    assert groups["S1"] == groups["S2"] == groups["S4"] != groups["S3"]
    ev = result.evidence
    pins = set(sat.ach.run(example_case).linchpins)
    one_origin = set(ev.index[ev["single_source"]])
    assert (
        pins & one_origin and set(result.critical) >= pins & one_origin
    )  # linchpins on one origin
    assert result.sourcing["level"] in ("weak", "moderate", "strong")
    assert result.sources["share"].sum() + result.unsourced_share == pytest.approx(1.0)


def test_credibility_is_checked_against_both_admiralty_axes():
    sources = [src("S1", "B"), src("S2", "C"), src("S3", "C"), {"id": "S4", "title": "new"}]
    evidence = [
        # H on one B source with credibility 2: as graded
        {
            "id": "E1",
            "summary": "a",
            "sources": ["S1"],
            "credibility": "H",
            "information_credibility": 2,
        },
        # H on one C source: more than the source supports
        {
            "id": "E2",
            "summary": "b",
            "sources": ["S2"],
            "credibility": "H",
            "information_credibility": 2,
        },
        # H on two C sources: corroborated, allowed
        {"id": "E3", "summary": "c", "sources": ["S2", "S3"], "credibility": "H"},
        # H on a B source, but the information is doubtful (4)
        {
            "id": "E4",
            "summary": "d",
            "sources": ["S1"],
            "credibility": "H",
            "information_credibility": 4,
        },
        # H on an ungraded source
        {"id": "E5", "summary": "e", "sources": ["S4"], "credibility": "H"},
        # M on a C source with information 6: not weighted H, not flagged
        {
            "id": "E6",
            "summary": "f",
            "sources": ["S2"],
            "credibility": "M",
            "information_credibility": 6,
        },
    ]
    for item in evidence:
        item["ratings"] = {"H1": "C", "H2": "I"}
    result = sat.analyse(make(sources, evidence)).quality
    assert result.overgraded == {
        "E2": {"kind": "one_source", "source": "S2", "grade": "C"},
        "E4": {"kind": "information", "information_credibility": 4},
        "E5": {"kind": "ungraded", "source": "S4"},
    }
    from sat.report.claims.quality import overgraded_claims

    assert [c.text for c in overgraded_claims(result)] == [
        "E2: credibility H on one source, S2, graded C.",
        "E4: credibility H on information graded 4 (doubtful).",
        "E5: credibility H on one ungraded source, S4.",
    ]
    grades = result.evidence["grades"]
    assert grades["E1"] == "B2" and grades["E3"] == "S2 C?, S3 C?" and grades["E5"] == "??"
