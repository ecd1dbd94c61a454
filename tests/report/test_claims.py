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
    from sat.report.conditions import change  # said of two versions, a register: their own test

    assert set(CONDITIONS) - seen - set(change.CONDITIONS) == set()


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
    assert robustness.detail.endswith("(H2 against H1 and H3, which it barely separates)")


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
