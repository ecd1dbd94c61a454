"""The conditions' cell-by-cell posterior agrees with the Bayesian mode's vectorised one."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings

import sat
from sat.case import Case
from sat.report.conditions._posterior import posterior, posterior_range, tables
from sat.techniques import bayes
from sat.testing import SITUATIONS, case_objects, situation


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(case_objects(max_evidence=14, max_hypotheses=6))
def test_the_recomputed_posterior_is_the_models(case):
    point = bayes.point(case)
    again = posterior(case)
    assert all(abs(point[h] - p) <= 1e-9 for h, p in again.items())


def test_the_range_across_tables_is_the_models_in_every_situation():
    for name in SITUATIONS:
        case = Case.model_validate(situation(name, seed=1))
        frame = bayes.run(
            case.model_copy(update={"bayes": case.bayes.model_copy(update={"draws": 200})})
        ).hypotheses
        for h, (lo, hi) in posterior_range(case).items():
            assert abs(frame.at[h, "posterior_low"] - lo) <= 1e-9, (name, h)
            assert abs(frame.at[h, "posterior_high"] - hi) <= 1e-9, (name, h)


def test_one_report_by_hand():
    """One item rated C and I, credibility H, from a source graded C (r = 0.5), two hypotheses,
    equal priors: P(e|H1) = 0.5·0.55 + 0.5·0.55 = 0.55 and P(e|H2) = 0.5·0.3 + 0.5·0.55 = 0.425
    (the unreliable half follows the best explanation), so P(H1|e) = 0.55 / 0.975."""
    case = Case.model_validate(
        {
            "id": "x",
            "title": "x",
            "question": "?",
            "date": "2026-01-01",
            "analysts": ["me"],
            "sources": [{"id": "S1", "title": "s", "reliability": "C", "reliability_reason": "r"}],
            "hypotheses": [{"id": h, "label": h, "statement": h} for h in ("H1", "H2")],
            "evidence": [
                {
                    "id": "E1",
                    "summary": "a",
                    "credibility": "H",
                    "sources": ["S1"],
                    "ratings": {"H1": "C", "H2": "I"},
                }
            ],
        }
    )
    assert math.isclose(posterior(case)["H1"], 0.55 / 0.975, rel_tol=1e-12)
    assert math.isclose(float(bayes.point(case)["H1"]), 0.55 / 0.975, rel_tol=1e-12)


def test_the_tables_are_the_documented_readings():
    case = sat.load_case(sat.paths.EXAMPLE_CASE)
    t = tables(case)
    assert t["conservative"]["CC"] == t["conservative"]["C"] == 0.5
    # flatter halves the log odds: logit(0.65) / 2
    assert math.isclose(t["flatter"]["CC"], 1 / (1 + (0.35 / 0.65) ** 0.5), rel_tol=1e-12)
    assert math.isclose(t["steeper"]["II"], 1 / (1 + (0.9 / 0.1) ** 1.5), rel_tol=1e-12)
