"""The words of a brief for named situations and the example, as reviewed snapshots.

Each snapshot holds what a reader of the brief is told: the bottom line (the
standing, the likelihood, robustness, what drives the lead and the confidence
sentence) and the other techniques' claims (devil's advocacy, the Key
Assumptions Check, the bias stress test, the deception checks, the Quality of
Information Check, and the one-line summaries of the panel and the techniques
applied), each claim with its kind. A change of wording, or of the numbers a sentence cites,
shows as a diff of ``__snapshots__/test_snapshots.ambr`` to be read and accepted
(``pytest --snapshot-update``), never silently.
"""

from __future__ import annotations

from functools import cache

import pytest

import sat
from sat.case import Case
from sat.paths import EXAMPLE_CASE
from sat.report import claims as words
from sat.report.claims import bottom_line
from sat.report.claims.summary import index_likelihood
from sat.testing import SITUATIONS, situation

#: The situations whose words are kept (seed 1 each): every shape sat.testing makes.
NAMED = SITUATIONS


@cache
def _analysed(name: str | None) -> sat.Analysis:
    """A named situation (seed 1), or the example case for None, analysed once."""
    if name is None:
        return sat.analyse(sat.load_case(EXAMPLE_CASE))
    return sat.analyse(Case.model_validate(situation(name, seed=1)))


def said(case: Case | sat.Analysis) -> dict:
    """What the bottom line tells a reader, claim by claim."""
    analysis = case if isinstance(case, sat.Analysis) else sat.analyse(case)
    out = {
        name: [f"[{c.kind}] {c.text}" for c in claims]
        for name, claims in bottom_line(analysis).items()
    }
    if analysis.optional("confidence") is None:
        out["confidence"] = [analysis.why("confidence")]
    return out


def sections(analysis: sat.Analysis) -> dict:
    """What the rest of the brief tells a reader in sentences, claim by claim, by technique."""
    case, bayes = analysis.case, analysis.optional("bayes")
    parts = {
        "advocacy": words.advocacy_claims(analysis.advocacy),
        "assumptions": words.assumption_claims(analysis.assumptions),
        "bias": words.bias_claims(analysis.bias),
        "deception": words.deception_claims(analysis.deception),
        "quality": words.quality_claims(analysis.quality),
        "foresight": [
            *words.indicators_summary(case, analysis.indicators),
            *words.scenarios_summary(case, analysis.scenarios),
            *words.network_summary(case, analysis.network),
        ],
        "checks": [
            *words.matrix_summary(case, analysis.ach),
            *words.kac_summary(case, analysis.assumptions),
            *words.quality_summary(case, analysis.quality),
            *words.bias_summary(analysis.bias),
            *words.deception_summary(case, analysis.deception),
        ],
        "summary": [
            *words.ach_summary(analysis.ach),
            *(words.bayes_summary(case, analysis.ach, bayes) if bayes is not None else []),
            *(index_likelihood(case, bayes) if bayes is not None else []),
            *words.advocacy_summary(analysis.advocacy),
        ],
    }
    return {name: [f"[{c.kind}] {c.text}" for c in claims] for name, claims in parts.items()}


@pytest.mark.parametrize("name", NAMED)
def test_the_bottom_line_of_each_situation(name, snapshot):
    assert said(_analysed(name)) == snapshot


def test_the_bottom_line_of_the_example(snapshot):
    assert said(_analysed(None)) == snapshot


@pytest.mark.parametrize("name", NAMED)
def test_the_other_sections_of_each_situation(name, snapshot):
    assert sections(_analysed(name)) == snapshot


def test_the_other_sections_of_the_example(snapshot):
    assert sections(_analysed(None)) == snapshot


def readers(analysis: sat.Analysis) -> dict:
    """What the reader's brief tells a policymaker, claim by claim, by part."""
    from sat.report.claims.reader import reader_claims

    return {
        part: [f"[{c.kind}] {c.text}" for c in claims]
        for part, claims in reader_claims(analysis).items()
    }


@pytest.mark.parametrize("name", NAMED)
def test_the_readers_brief_of_each_situation(name, snapshot):
    assert readers(_analysed(name)) == snapshot


def test_the_readers_brief_of_the_example(snapshot):
    assert readers(_analysed(None)) == snapshot


def test_the_review_of_the_example(snapshot):
    """What ``sat review`` says of the example's own words (its key judgements are clean)."""
    from sat.report.claims.review import result_claims

    analysis = _analysed(None)
    said = [f"[{c.kind}] {c.text}" for c in result_claims(analysis.case, analysis.review)]
    assert said == snapshot
