"""Every sentence of a brief's bottom line is true of the numbers beside it, in every situation.

Claims (``sat.report.claims``) are rendered for cases of every shape that
``sat.testing`` generates (ties on each score, unrated hypotheses, no sources,
one source, all NA, consistent-only evidence, 2 and 12 hypotheses, analysts who
disagree, a bare CSV matrix, ...), and each claim's condition
(``sat.report.conditions``) is asserted. A claim whose condition is false
anywhere fails here, with the case Hypothesis found.
"""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings

import sat
from sat.case import Case
from sat.report import brief
from sat.report.claims import (
    ach_summary,
    advocacy_claims,
    advocacy_summary,
    assumption_claims,
    bayes_summary,
    bias_claims,
    bias_summary,
    bottom_line,
    deception_claims,
    deception_summary,
    kac_summary,
    matrix_summary,
    quality_claims,
    quality_summary,
)
from sat.report.claims.summary import index_likelihood
from sat.report.conditions import CONDITIONS, Facts, holds
from sat.testing import SITUATIONS, case_objects, situation
from tests.report.test_foresight_claims import foresight_corners, foresight_summaries

#: Text no reader should meet: a missing value, a non-number, a ratio over nothing.
UNSAYABLE = re.compile(r"<NA>|\b[Nn]a[Nn]\b|\b-?inf\b|\bNone\b(?! of\b)|\bNaT\b")


def _fast(case: Case) -> Case:
    """The case with fewer Monte Carlo draws: the claims' conditions do not depend on how many."""
    return case.model_copy(update={"bayes": case.bayes.model_copy(update={"draws": 400})})


def _check(case: Case) -> list:
    analysis = sat.analyse(_fast(case))
    facts = Facts.of(analysis)
    claims = [c for part in bottom_line(analysis).values() for c in part]
    openings = [c.kind for c in claims if c.kind in _OPENINGS]
    assert len(openings) == 1, openings  # the standing is said exactly once
    claims += advocacy_claims(analysis.advocacy)
    claims += assumption_claims(analysis.assumptions)
    claims += bias_claims(analysis.bias)
    claims += deception_claims(analysis.deception)
    claims += quality_claims(analysis.quality)
    claims += ach_summary(analysis.ach) + advocacy_summary(analysis.advocacy)
    claims += foresight_summaries(analysis)
    claims += checks_summaries(analysis)
    if analysis.optional("bayes") is not None:
        claims += bayes_summary(analysis.case, analysis.ach, analysis.bayes)
        claims += index_likelihood(analysis.case, analysis.bayes)
    for claim in claims:
        assert claim.kind in CONDITIONS, f"no condition for {claim.kind}"
        assert holds(claim, facts), f"{claim.kind} said but false: {claim.text}"
        assert not UNSAYABLE.search(claim.text), claim.text
        if claim.kind == "bayes.most_probable":  # strictly larger, so never printed the same
            lead = re.search(r"posterior ([0-9.]+) \(", claim.text).group(1)
            following = re.search(r"the next, [^;]*?, ha(?:s|ve) ([0-9.]+)", claim.text)
            assert following is None or following.group(1) != lead, claim.text
    return claims


def checks_summaries(analysis: sat.Analysis) -> list:
    """The techniques section's lines for the checks on the analysis."""
    case = analysis.case
    return [
        *matrix_summary(case, analysis.ach),
        *kac_summary(case, analysis.assumptions),
        *quality_summary(case, analysis.quality),
        *bias_summary(analysis.bias),
        *deception_summary(case, analysis.deception),
    ]


_OPENINGS = {
    "ach.none_ranked",
    "ach.tie",
    "ach.leader",
    "ach.leader_alone",
    "ach.leader_on_tiebreak",
}


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case_objects(max_evidence=14, max_hypotheses=6))
def test_every_claim_holds_over_generated_cases(case):
    _check(case)


_CHECKED: dict[tuple[str, int], list] = {}


def _named(name: str, seed: int) -> list:
    """``_check`` of a named situation, once per session (two tests read it)."""
    if (name, seed) not in _CHECKED:
        _CHECKED[name, seed] = _check(Case.model_validate(situation(name, seed=seed)))
    return _CHECKED[name, seed]


@pytest.mark.parametrize("name", SITUATIONS)
def test_every_claim_holds_in_each_named_situation(name):
    for seed in range(3):
        _named(name, seed)


def _leader_alone() -> Case:
    """H1 rated; H2 rated only NA: no challenger is ranked."""
    data = situation("two-hypotheses", seed=0)
    for item in data["evidence"]:
        item["ratings"]["H2"] = "NA"
    data["evidence"][0]["ratings"]["H1"] = "I"
    return Case.model_validate(data)


def _assumptions_only() -> Case:
    """Every item an assumption: the matrix scores them, the Bayesian mode weighs them 0."""
    data = situation("typical", seed=0)
    for item in data["evidence"]:
        item["type"] = "assumption"
    return Case.model_validate(data)


def _bias_corners() -> list[Case]:
    """Cases for the bias checks no situation reaches: no evidence; sources no item cites; every
    item dated the same day; bases pasted between hypotheses, a prior missing, every prior equal;
    hypotheses declared to overlap; a deception hypothesis weighed, and one listed but rated against nothing; an actor assessed as no deception
    risk; items weighted H above their grades."""
    data = situation("typical", seed=0)
    empty = {**data, "evidence": []}
    uncited = {**data, "evidence": [{**e, "sources": []} for e in data["evidence"]]}
    one_day = {**data, "evidence": [{**e, "date": "2026-01-01"} for e in data["evidence"]]}
    basis = "regional count, 2020-2025"
    pasted = [{**h, "prior": 0.5, "prior_basis": basis} for h in data["hypotheses"][:2]]
    pasted[1].pop("prior")
    copied = {**data, "hypotheses": [*pasted, *data["hypotheses"][2:]]}
    equal = [{**h, "prior": 1 / len(data["hypotheses"])} for h in data["hypotheses"]]
    equal[0]["prior_basis"] = basis
    uniform = {**data, "hypotheses": equal}
    overlapping = [dict(h) for h in data["hypotheses"]]
    overlapping[0]["overlaps"] = [overlapping[1]["id"]]
    overlap = {**data, "hypotheses": overlapping}
    deceiver = [dict(h) for h in data["hypotheses"]]
    deceiver[-1]["kind"] = "deception"
    weighed = {**data, "hypotheses": deceiver}
    listed_only = {
        **data,
        "hypotheses": [
            *data["hypotheses"],
            {"id": "HD", "label": "Cover story", "statement": "A cover.", "kind": "deception"},
        ],
    }
    calm = {"mom.motive": {"rating": "L"}, "mom.channels": {"rating": "M"}}
    not_needed = {**data, "deception": [{"subject": "Ministry", "kind": "actor", "answers": calm}]}
    graded = [
        {**data["sources"][0], "reliability": "C"},
        {**data["sources"][1], "reliability": None},
        *data["sources"][2:],
    ]
    claimed = [dict(e) for e in data["evidence"]]
    claimed[1].update(credibility="H", sources=[graded[0]["id"]])  # one source graded C
    claimed[2].update(credibility="H", sources=[graded[1]["id"]])  # one ungraded source
    claimed[3].update(credibility="H", information_credibility=5)  # improbable information
    overgraded = {**data, "sources": graded, "evidence": claimed}
    return [
        Case.model_validate(d)
        for d in (
            empty,
            uncited,
            one_day,
            copied,
            uniform,
            overlap,
            weighed,
            listed_only,
            not_needed,
            overgraded,
        )
    ]


def test_every_kind_of_claim_is_said_somewhere():
    """The situations reach every claim the brief can make, so every condition is exercised."""
    corners = (_leader_alone(), _assumptions_only(), *_bias_corners(), *foresight_corners())
    seen = {c.kind for case in corners for c in _check(case)}
    for name in SITUATIONS:
        for seed in range(3):
            seen |= {c.kind for c in _named(name, seed)}
    # said of two versions or a register (change), of an analyst's own words (review), in the
    # reader's brief (reader): their own tests
    # and why an indicator bears on the judgement (indicators: tests/report/test_indicator_words.py)
    # and the team's numbers (quantities, earned weights: tests/report/test_quantities_claims.py)
    # and the register's resolved quantity targets (tests/report/test_quantity_scores_claims.py)
    from sat.report.conditions import (
        change,
        earned,
        indicators,
        quantities,
        quantity_scores,
        reader,
        review,
    )

    own = set(change.CONDITIONS) | set(review.CONDITIONS) | set(reader.CONDITIONS)
    own |= set(indicators.CONDITIONS) | set(quantities.CONDITIONS) | set(earned.CONDITIONS)
    own |= set(quantity_scores.CONDITIONS)
    assert set(CONDITIONS) - seen - own == set()


def test_the_rendered_bluf_never_shows_a_missing_value():
    for name in SITUATIONS:
        case = _fast(Case.model_validate(situation(name, seed=1)))
        analysis = sat.analyse(case)
        html = str(
            brief.bluf(
                case,
                analysis.ach,
                analysis.optional("bayes"),
                analysis.optional("confidence"),
                analysis.optional("consensus"),
            )
        )
        assert not UNSAYABLE.search(re.sub(r"<[^>]+>", " ", html)), name


def test_docs_state_the_rule_of_every_claim():
    from sat.paths import ROOT

    text = (ROOT / "docs" / "techniques.md").read_text(encoding="utf-8")
    missing = [kind for kind in CONDITIONS if f"`{kind}`" not in text]
    assert missing == []


# --- the rules, on cases where each bites -----------------------------------------------------


def _kinds(case: Case) -> dict[str, list[str]]:
    return {part: [c.kind for c in cs] for part, cs in bottom_line(sat.analyse(case)).items()}


def test_a_leader_the_simulations_do_not_put_first_is_not_the_most_probable():
    # typical seed 3: H1's posterior is the largest (0.3165) but H3's (0.3101) comes first in
    # more simulations: the point estimate and the simulations disagree, so nobody leads
    case = Case.model_validate(situation("typical", seed=3))
    bayes = sat.analyse(case).bayes
    hyp = bayes.hypotheses
    assert bayes.leaders == ("H1",) and bayes.contenders == ("H3",)
    assert hyp.at["H3", "p_most_likely"] > hyp.at["H1", "p_most_likely"]
    kinds = _kinds(case)
    assert (
        "bayes.near_tie" in kinds["likelihood"] and "bayes.most_probable" not in kinds["likelihood"]
    )
    assert kinds["drivers"] == [] and kinds["robustness"] == ["robustness.tied"]
    robustness = {f.name: f for f in sat.analyse(case).confidence.factors}["robustness"]
    assert robustness.points == 0
    from sat.report.claims.confidence import factor_said

    assert factor_said(robustness).endswith("(H2 against H1 and H3, which it barely separates)")


def test_a_near_tie_names_every_hypothesis_down_to_the_last_not_told_apart():
    # tie-break-lead seed 1: H3 0.2777, H5 0.2651, H2 0.2598; H2 comes first in more
    # simulations than H3, so H5, between them, is not told apart either
    bayes = sat.analyse(Case.model_validate(situation("tie-break-lead", seed=1))).bayes
    assert bayes.front == ("H3", "H5", "H2")


def test_words_that_rest_on_the_priors_give_the_evidence_alone():
    case = Case.model_validate(situation("weak-prior-basis", seed=1))
    analysis = sat.analyse(case)
    claim = next(c for c in bottom_line(analysis)["likelihood"] if c.kind == "bayes.most_probable")
    flat = case.model_copy(
        update={"hypotheses": [h.model_copy(update={"prior": None}) for h in case.hypotheses]}
    )
    equal = float(sat.bayes.point(flat)[claim.figures["leader"]])
    assert claim.figures["evidence_only"] == pytest.approx(equal, abs=1e-12)
    assert sat.language.words(equal).likelihood != claim.figures["likelihood"]
    assert "on the stated priors" in claim.text
    assert f"with equal priors, its posterior would be {equal:.2f}" in claim.text


def test_a_leader_rated_on_few_items_gets_no_words_of_likelihood():
    case = Case.model_validate(situation("untested-leader", seed=0))
    parts = bottom_line(sat.analyse(case))
    (claim,) = [
        c
        for c in parts["likelihood"]
        if c.kind.startswith("bayes.") and c.kind != "bayes.conditional"
    ]
    assert claim.kind == "bayes.untested_leader"
    rated = sum(case.hypotheses[-1].id in e.ratings for e in case.evidence)
    assert (claim.figures["rated"], claim.figures["items"]) == (rated, len(case.evidence))
    assert 2 * rated < len(case.evidence)
    assert not any(w in claim.text for w, *_ in sat.language.ICD203)
    (robust,) = parts["robustness"]
    assert f"rated against only {rated} of the {len(case.evidence)} items" in robust.text


@pytest.mark.parametrize(
    ("lo", "hi", "said"),
    [
        (0.18, 0.4503, "0.1800–0.4503"),  # 0.45 or 0.450 would sit on the 45% edge
        (0.18, 0.4500, "0.18–0.45"),  # on the edge: two decimals say so
        (0.92, 0.9996, "0.9200–0.9996"),  # never 1.00 for what is not certain
        (0.5, 0.99999, "0.500000–0.999990"),
        (0.0, 0.3, "0.00–0.30"),
    ],
)
def test_a_range_is_printed_at_one_precision_never_rounded_onto_an_edge(lo, hi, said):
    from sat.report.claims.likelihood import _range

    assert _range(lo, hi) == said


def test_what_would_overturn_the_lead_is_the_cheapest_of_the_closest_challengers():
    # one-source seed 20: the runner-up H3 needs 3 one-step changes to pass the leader, H5 (as
    # close on the margin) only 2; the sentence names H5 and its two changes
    case = Case.model_validate(situation("one-source", seed=20))
    analysis = sat.analyse(case)
    ach = analysis.ach
    assert ach.runner_up == "H3" and "H5" in ach.closest_challengers
    assert int(ach.overturn_plan("H3")["steps"].sum()) == 3
    assert int(ach.overturn_plan("H5")["steps"].sum()) == 2
    assert ach.easiest_challenger == "H5" == analysis.advocacy.challenger  # the same by default
    (claim,) = [c for c in bottom_line(analysis)["standing"] if c.kind == "ach.overturn"]
    assert claim.figures["challenger"] == "H5" and claim.text.endswith(
        "would put H5 (Hypothesis H5) ahead of it."
    )
    assert holds(claim, Facts.of(analysis))


def test_a_stress_test_that_ran_no_check_is_never_said_to_find_no_bias():
    from sat.techniques.bias import BiasResult, Fact

    skipped = (("anchoring", Fact("undated", {})), ("vividness", Fact("no_sources_recorded", {})))
    result = BiasResult(findings=(), passed={}, answered={}, unanswered=(), not_checked=skipped)
    (claim,) = bias_summary(result)
    assert claim.text == "The bias stress test could not run on this case (2 checks)."
    assert "No sign of bias" not in claim.text


def test_a_leader_just_ahead_is_not_printed_at_the_next_ones_figure():
    """One item's probability cells give posteriors 0.3349 and 0.3298, both 0.33 to two
    decimals: the sentence that calls the first the most probable prints both to the decimals
    that tell them apart."""
    cells = {"H1": 0.3349, "H2": 0.3298, "H3": 0.2012, "H4": 0.1341}
    case = Case.model_validate(
        {
            "id": "x",
            "title": "x",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["x"],
            "hypotheses": [{"id": h, "label": h, "statement": h} for h in cells],
            "evidence": [{"id": "E1", "summary": "s", "ratings": cells}],
        }
    )
    analysis = sat.analyse(_fast(case))
    (said,) = [c for c in bottom_line(analysis)["likelihood"] if c.kind == "bayes.most_probable"]
    post = analysis.bayes.hypotheses["posterior"]
    assert f"{post['H1']:.2f}" == f"{post['H2']:.2f}" and post["H1"] > post["H2"]
    assert f"posterior {post['H1']:.4f} (" in said.text
    assert f"the next, H2, has {post['H2']:.4f}" in said.text
    assert holds(said, Facts.of(analysis))


def test_a_source_graded_f_is_not_counted_as_graded():
    data = situation("two-hypotheses", seed=0)
    grades = ["B", "F"]
    for source, grade in zip(data["sources"], grades, strict=False):
        source["reliability"] = grade
    case = Case.model_validate(data)
    analysis = sat.analyse(_fast(case))
    (claim, *_) = quality_summary(case, analysis.quality)
    n = len(case.sources)
    f = sum(s.reliability == "F" for s in case.sources)
    assert claim.text.startswith(
        f"{n} sources, {n - f} graded for reliability, {f} whose reliability cannot be judged (F)"
    )
    assert holds(claim, Facts.of(analysis))


def test_a_posterior_the_model_does_not_give_fails_its_condition():
    """The likelihood sentence's condition recomputes the posterior from the case: a result whose
    posterior was altered after the fact (the leader's scaled down by a tenth) yields a claim whose
    condition is false, though the facts hold the same altered result."""
    import dataclasses

    from sat.report.claims import likelihood_claims

    case = _fast(Case.model_validate(situation("typical", seed=0)))
    analysis = sat.analyse(case)
    honest = likelihood_claims(case, analysis.ach, analysis.bayes)
    facts = Facts.of(analysis)
    (said,) = [c for c in honest if c.kind == "bayes.most_probable"]
    assert holds(said, facts)
    frame = analysis.bayes.hypotheses.copy()
    leader = said.figures["leader"]
    frame.loc[leader, "posterior"] *= 0.9
    tampered = dataclasses.replace(analysis.bayes, hypotheses_frame=frame)
    (wrong,) = [c for c in likelihood_claims(case, analysis.ach, tampered) if c.kind == said.kind]
    # the facts hold the same altered result: only a recomputation can tell
    assert not holds(wrong, dataclasses.replace(facts, bayes=tampered, _memo={}))


# --- hostile cases: probability cells, the only rated hypothesis, untested rivals, priors --------


def _built(rows, levels=None, types=None, priors=None) -> Case:
    """A case from rows of cells (a code, a probability, or None for unrated), hypotheses H1..Hn
    labelled "Hypothesis Hk"; ``levels`` gives each item's (credibility, relevance)."""
    n_h = len(rows[0])
    ids = [f"H{j + 1}" for j in range(n_h)]
    levels = levels or [("M", "M")] * len(rows)
    types = types or ["report"] * len(rows)
    hypotheses = []
    for h in ids:
        entry = {"id": h, "label": f"Hypothesis {h}", "statement": f"Statement {h}."}
        if priors is not None:
            entry["prior"] = priors[h]
        hypotheses.append(entry)
    evidence = [
        {
            "id": f"E{i + 1}",
            "summary": f"Item {i + 1}",
            "type": kind,
            "credibility": cred,
            "relevance": rel,
            "ratings": {h: v for h, v in zip(ids, row, strict=True) if v is not None},
        }
        for i, (row, (cred, rel), kind) in enumerate(zip(rows, levels, types, strict=True))
    ]
    return Case(
        id="hostile",
        title="Hostile case",
        question="Which?",
        date="2026-01-01",
        analysts=["x"],
        hypotheses=hypotheses,
        evidence=evidence,
    )


def _with(claim, **figures):
    """The claim with some figures changed: the sentence as it was said before the fix."""
    from sat.report.claims import Claim

    return Claim(claim.kind, claim.text, {**claim.figures, **figures})


def _all_said(analysis: sat.Analysis) -> list:
    claims = [c for part in bottom_line(analysis).values() for c in part]
    claims += ach_summary(analysis.ach)
    if analysis.optional("bayes") is not None:
        claims += bayes_summary(analysis.case, analysis.ach, analysis.bayes)
        claims += index_likelihood(analysis.case, analysis.bayes)
    return claims


def test_a_hypothesis_rated_only_by_probabilities_is_not_said_to_be_rated_against_nothing():
    # H1 holds only probability cells (0.9, 0.8, 0.9): ACH cannot score it, the Bayesian mode
    # ranks it first (posterior 0.78)
    case = _built([[0.9, "I", "C"], [0.8, "N", "I"], [0.9, "C", "N"]])
    analysis = sat.analyse(_fast(case))
    facts = Facts.of(analysis)
    assert analysis.ach.unranked == ("H1",) == analysis.ach.probability_only
    assert analysis.bayes.leaders == ("H1",)
    said = {c.kind: c for c in _all_said(analysis)}
    assert said["ach.unranked"].text == (
        "H1 (Hypothesis H1) has only probability cells (and no rating code other than NA), which "
        "ACH does not score, so it has no score in the matrix and is not ranked there; only the "
        "Bayesian mode ranks it."
    )
    assert said["summary.unranked"].text == (
        "Unranked by the matrix (only probability cells, which ACH does not score; the Bayesian "
        "mode ranks it): H1."
    )
    for kind in ("ach.unranked", "summary.unranked"):
        assert holds(said[kind], facts)
        # the sentence that called it rated against nothing
        old = _with(said[kind], unranked=("H1",), probability_only=())
        assert not holds(old, facts)
    table = str(brief.hypotheses_section(case, analysis.ach, None, analysis.bayes))
    assert "Rated only by probability cells (3), which these scores do not read" in table
    assert "No evidence is rated inconsistent with it" not in table  # H2 and H3 have an I each


def test_a_matrix_of_probability_cells_only_is_not_said_to_hold_no_rating_but_na():
    case = _built([[0.9, 0.2], [0.6, 0.4]])
    analysis = sat.analyse(_fast(case))
    facts = Facts.of(analysis)
    said = {c.kind: c for c in _all_said(analysis)}
    none = said["ach.none_ranked"]
    assert none.figures["probability_cells"] == 4
    assert "no rating other than NA" not in none.text
    assert none.text.startswith(
        "No hypothesis has a rating code other than NA: the matrix's only other ratings are 4 "
        "probability cells, which ACH does not score"
    )
    assert said["summary.none_ranked"].text == (
        "No hypothesis has a rating code, so the matrix ranks none (its 4 probability cells are "
        "read only by the Bayesian mode)."
    )
    for kind in ("ach.none_ranked", "summary.none_ranked"):
        assert holds(said[kind], facts)
        old = _with(said[kind], probability_cells=0)
        assert not holds(old, facts)


def test_an_item_whose_probabilities_differ_or_that_is_unrated_is_not_rated_alike():
    # E2's probability cells differ (0.52 against 0.48): the Bayesian mode tells H1 and H2 apart
    # by it, so it is not "rated alike"; E3 holds one probability in every cell, E4 one code
    differ = _built([["C", "I"], [0.520312, 0.479688], [0.5, 0.5], ["N", "N"]])
    analysis = sat.analyse(_fast(differ))
    assert analysis.ach.non_diagnostic == ("E3", "E4")
    assert float(analysis.ach.evidence.at["E2", "diagnosticity"]) == 0.0  # the codes say nothing
    facts = Facts.of(analysis)
    (said,) = [c for c in ach_summary(analysis.ach) if c.kind == "summary.non_diagnostic"]
    assert said.figures["items"] == ("E3", "E4") and holds(said, facts)
    old = _with(said, items=("E2", "E3", "E4"))
    assert not holds(old, facts)
    # an item rated against no hypothesis is unrated, not rated alike
    from sat.report.claims import Claim

    unrated = _built([[None, "I", None], [None, None, None]])
    analysis = sat.analyse(_fast(unrated))
    assert analysis.ach.non_diagnostic == ()
    assert not [c for c in ach_summary(analysis.ach) if c.kind == "summary.non_diagnostic"]
    old = _with(Claim("summary.non_diagnostic", "Not diagnostic: E2.", {}), items=("E2",))
    assert not holds(old, Facts.of(analysis))


def test_the_only_rated_hypothesis_gets_no_words_anywhere():
    # H2 is rated I against E1 (credibility M: 0.8 x 0.3 + 0.2 x 0.5 = 0.34), H1 and H3 nothing
    # (0.5): posteriors 0.34 / 1.34 = 0.2537 for H2 and 0.5 / 1.34 = 0.3731 for H1 and H3
    from sat.report.claims.likelihood import ONLY_RATED, hypothesis_words
    from sat.report.tables import bayes_html

    case = _built([[None, "I", None], [None, None, None]])
    analysis = sat.analyse(_fast(case))
    hyp = analysis.bayes.hypotheses
    assert hyp.at["H2", "posterior"] == pytest.approx(0.34 / 1.34, abs=1e-12)
    assert hyp.at["H1", "posterior"] == pytest.approx(0.5 / 1.34, abs=1e-12)
    assert hyp.at["H2", "likelihood"] is None and bool(hyp.at["H2", "only_rated"])
    assert hypothesis_words(hyp.loc["H2"], 2) == ONLY_RATED
    (index,) = index_likelihood(case, analysis.bayes)
    assert index.text.startswith(f"H2: {ONLY_RATED}; posterior 0.25")
    facts = Facts.of(analysis)
    assert holds(index, facts)
    old = _with(index, words="unlikely (20–45%)")
    assert not holds(old, facts)
    table = str(bayes_html(analysis.bayes))
    assert "only one rated" in table and "100%" not in table
    assert "unlikely (20–45%)" not in table
    # the hypotheses table says "1 item", and the caution "tested against it"
    section = str(brief.hypotheses_section(case, analysis.ach, None, analysis.bayes))
    assert "(not rated against 1 item)" in section and "1 items" not in section
    (untested,) = [c for c in bottom_line(analysis)["standing"] if c.kind == "ach.untested"]
    assert untested.text == (
        "Caution: H2 is not rated against 1 of the 2 items, so part of its low score only means "
        "it has not been tested against it."
    )


def test_an_untested_hypothesis_above_the_runner_up_is_named_beside_it():
    # all items M: C 0.54, N 0.5, I 0.34, II 0.18 after tempering; H4 rated against nothing.
    # H1 0.54 x 0.54 x 0.5 = 0.1458, H2 0.18 x 0.34 x 0.34 = 0.020808, H3 0.18 x 0.18 x 0.34 =
    # 0.011016, H4 0.5^3 = 0.125: posteriors 0.482, 0.069, 0.036 and 0.413
    case = _built([["C", "II", "II", None], ["C", "I", "II", None], ["N", "I", "I", None]])
    analysis = sat.analyse(case)
    total = 0.1458 + 0.020808 + 0.011016 + 0.125
    (said,) = [c for c in bottom_line(analysis)["likelihood"] if c.kind == "bayes.most_probable"]
    assert said.figures["runner_up"] == "H2"
    assert said.figures["runner_posterior"] == pytest.approx(0.020808 / total, abs=1e-12)
    assert list(said.figures["unrated_close"]) == ["H4"]
    assert said.figures["unrated_close"]["H4"] == pytest.approx(0.125 / total, abs=1e-12)
    assert (
        "the next, H2, has 0.07; H4 (Hypothesis H4), rated against nothing (so neutral on every "
        "item), has 0.41, so the lead over it is untested" in said.text
    )
    facts = Facts.of(analysis)
    assert holds(said, facts)
    old = _with(said, unrated_close={})
    assert not holds(old, facts)
    # the one-line summary says it too
    (line,) = [c for c in bayes_summary(case, analysis.ach, analysis.bayes)]
    assert line.kind == "summary.bayes_leader" and holds(line, facts)
    assert line.text.endswith(
        "H4 (Hypothesis H4), rated against nothing (so neutral on every "
        "item), has 0.41, so the lead over it is untested."
    )
    assert not holds(_with(line, unrated_close={}), facts)


def test_a_preference_that_rests_on_the_priors_does_not_survive_equal_priors():
    # every item an assumption (weighed 0): the posteriors are the priors 0.2, 0.5 and 0.3, and
    # with equal priors H1, H2 and H3 tie at 1/3, so H2 is not the sole first
    case = _built(
        [["C", "I", "II"], ["N", "I", "N"]],
        types=["assumption", "assumption"],
        priors={"H1": 0.2, "H2": 0.5, "H3": 0.3},
    )
    analysis = sat.analyse(case)
    assert analysis.bayes.leaders == ("H2",)
    assert set(analysis.bayes.drivers.equal_prior_front) == {"H1", "H2", "H3"}
    (robust,) = bottom_line(analysis)["robustness"]
    assert robust.kind == "robustness.survives" and robust.figures["on_prior"] is True
    assert robust.text.endswith("survives typical error but not equal priors).")
    facts = Facts.of(analysis)
    assert holds(robust, facts)
    old = _with(robust, on_prior=False)
    assert not holds(old, facts)


def test_what_favours_the_leader_is_not_netted_against_what_favours_the_runner_up():
    # H2 against H3: E4 (consistent only, credibility H) pushes ln(0.55 / 0.5) = 0.0953 for H2;
    # E1 and E3 (credibility L: I is 0.5 x 0.3 + 0.25 = 0.4) push ln(0.5 / 0.4) = 0.2231 each
    # for H2, E2 (credibility M) ln(0.34 / 0.5) = -0.3857 for H3. Net, the items rated against
    # give 0.0606 and the consistent one 0.0953, "most"; but of what favours H2 (0.5416) the
    # consistent item gives 18%
    import math

    from sat.report.claims import Claim

    case = _built(
        [["II", "N", "I"], ["N", "I", "N"], ["C", "N", "I"], ["N", "C", "N"]],
        levels=[("L", "L"), ("M", "M"), ("L", "H"), ("H", "L")],
    )
    analysis = sat.analyse(case)
    drivers = analysis.bayes.drivers
    assert (drivers.leader, drivers.runner_up) == ("H2", "H3")
    assert drivers.favouring["consistent"] == pytest.approx(math.log(1.1), abs=1e-12)
    assert drivers.favouring["against"] == pytest.approx(2 * math.log(1.25), abs=1e-12)
    assert drivers.favouring["prior"] == 0.0 and drivers.favouring["explicit"] == 0.0
    kinds = [c.kind for c in bottom_line(analysis)["drivers"]]
    assert "drivers.consistent" not in kinds
    old = Claim(
        "drivers.consistent",
        "Most of what favours H2 over H3 comes from items rated only consistent against "
        "neutral, which prove little.",
        {"part": "consistent", "value": drivers.consistent, "carried": 0.156, "all": False},
    )
    assert not holds(old, Facts.of(analysis))


def test_only_consistent_items_are_not_said_to_favour_the_leader_when_another_does():
    # H1 against H2: E1 consistent only (+ln(0.54 / 0.5)), E2 rates H2 I (+ln(0.5 / 0.34)) and E3
    # rates H1 I (-ln(0.5 / 0.34)): the items rated against net to 0, yet E2 favours H1, and
    # more than E1 does (0.386 against 0.077 of the 0.463 that favours H1)
    import math

    from sat.report.claims import Claim

    case = _built([["C", "N"], ["N", "I"], ["I", "N"]])
    analysis = sat.analyse(case)
    drivers = analysis.bayes.drivers
    assert drivers.leader == "H1" and abs(drivers.against) < 1e-12
    assert drivers.favouring["against"] == pytest.approx(math.log(0.5 / 0.34), abs=1e-12)
    assert drivers.favouring["consistent"] == pytest.approx(math.log(0.54 / 0.5), abs=1e-12)
    parts = bottom_line(analysis)
    assert not [c for c in parts["drivers"] if c.kind == "drivers.consistent"]
    facts = Facts.of(analysis)
    old = Claim(
        "drivers.consistent",
        "All of what favours H1 over H2 comes from items rated only consistent against neutral, "
        "which prove little.",
        {"part": "consistent", "value": drivers.consistent, "carried": 0.077, "all": True},
    )
    assert not holds(old, facts)
    claims = [c for c in parts["likelihood"] if c.kind == "bayes.most_probable"]
    for said in claims:  # said when the simulations tell H1 apart from H2
        assert said.figures["only_consistent"] is False
        assert "only items rated consistent" not in said.text
        old = _with(said, only_consistent=True)
        assert not holds(old, facts)


def test_the_probabilities_table_prints_the_range_as_the_bottom_line_does():
    """A range across the likelihood tables is printed in the table with the decimals the bottom
    line uses, never rounded onto an ICD 203 band edge it is not on."""
    import re

    from sat.report.claims.likelihood import _range
    from sat.report.tables import bayes_html

    for name in ("typical", "no-base-rates", "weak-prior-basis"):
        analysis = sat.analyse(_fast(Case.model_validate(situation(name, seed=2))))
        table = str(bayes_html(analysis.bayes))
        hyp = analysis.bayes.hypotheses
        for h, row in hyp.iterrows():
            said = _range(float(row["posterior_low"]), float(row["posterior_high"]))
            assert re.search(rf"<b>{h}</b>.*?{re.escape(said)}</td>", table, re.S), (name, h, said)
