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
from sat.report.claims import bottom_line
from sat.report.conditions import CONDITIONS, Facts, holds
from sat.testing import SITUATIONS, case_objects, situation

#: Text no reader should meet: a missing value, a non-number, a ratio over nothing.
UNSAYABLE = re.compile(r"<NA>|\b[Nn]a[Nn]\b|\b-?inf\b|\bNone\b|\bNaT\b")


def _fast(case: Case) -> Case:
    """The case with fewer Monte Carlo draws: the claims' conditions do not depend on how many."""
    return case.model_copy(update={"bayes": case.bayes.model_copy(update={"draws": 400})})


def _check(case: Case) -> list:
    analysis = sat.analyse(_fast(case))
    facts = Facts.of(analysis)
    claims = [c for part in bottom_line(analysis).values() for c in part]
    for claim in claims:
        assert claim.kind in CONDITIONS, f"no condition for {claim.kind}"
        assert holds(claim, facts), f"{claim.kind} said but false: {claim.text}"
        assert not UNSAYABLE.search(claim.text), claim.text
    openings = [c.kind for c in claims if c.kind in _OPENINGS]
    assert len(openings) == 1, openings  # the standing is said exactly once
    return claims


_OPENINGS = {
    "ach.none_ranked",
    "ach.tie",
    "ach.leader",
    "ach.leader_alone",
    "ach.leader_on_tiebreak",
}


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(case_objects(max_evidence=14, max_hypotheses=6))
def test_every_claim_holds_over_generated_cases(case):
    _check(case)


@pytest.mark.parametrize("name", SITUATIONS)
def test_every_claim_holds_in_each_named_situation(name):
    for seed in range(3):
        _check(Case.model_validate(situation(name, seed=seed)))


def _leader_alone() -> Case:
    """H1 rated; H2 rated only NA: no challenger is ranked."""
    data = situation("two-hypotheses", seed=0)
    for item in data["evidence"]:
        item["ratings"]["H2"] = "NA"
    data["evidence"][0]["ratings"]["H1"] = "I"
    return Case.model_validate(data)


def test_every_kind_of_claim_is_said_somewhere():
    """The situations reach every claim the brief can make, so every condition is exercised."""
    seen = {c.kind for c in _check(_leader_alone())}
    for name in SITUATIONS:
        for seed in range(3):
            seen |= {c.kind for c in _check(Case.model_validate(situation(name, seed=seed)))}
    assert set(CONDITIONS) - seen == set()


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
