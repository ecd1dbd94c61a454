"""The judgements a register can score: every hypothesis, scenario and open indicator of a case is
either a judgement, with the probability its technique gives, or listed as unscorable with why."""

from __future__ import annotations

import datetime as dt

import pytest

import sat
from sat.case import Case
from sat.techniques import judgements
from sat.testing import SITUATIONS, generate_case, situation

SETTLED = {"criterion": "An official statement says so.", "deadline": "2027-01-01"}
NO_RESOLUTION = "no resolution (criterion and deadline) in the case"


def _case() -> Case:
    """Four items, two hypotheses (H1 resolvable), a scenario of one event (resolvable), and two
    open indicators (I1 resolvable) and an observed one (never a judgement)."""
    data = generate_case(4, 2)
    data["hypotheses"][0]["resolution"] = SETTLED
    data["events"] = [{"id": "X1", "description": "Talks open.", "probability": 0.4}]
    data["scenarios"] = [
        {"id": "SC1", "name": "Talks", "description": "Talks open.", "events": ["X1"]}
        | {"resolution": SETTLED}
    ]
    data["indicators"] = [
        {"id": "I1", "hypothesis": "H1", "description": "A visit.", "resolution": SETTLED},
        {"id": "I2", "hypothesis": "H2", "description": "A denial."},
        {"id": "I3", "hypothesis": "H2", "description": "A leak.", "status": "observed"}
        | {"observed": "2026-01-02", "resolution": SETTLED},
    ]
    return Case.model_validate(data)


def test_each_resolvable_item_is_a_judgement_with_its_techniques_probability():
    analysis = sat.analyse(_case())
    found = analysis.judgements
    posterior = analysis.bayes.hypotheses_frame["posterior"]["H1"]
    p_observed = analysis.collect.targets_frame["p_observed"]["I1"]
    assert [(j.target, j.kind) for j in found.judgements] == [
        ("H1", "hypothesis"),
        ("SC1", "scenario"),
        ("I1", "indicator"),
    ]
    assert [j.probability for j in found.judgements] == pytest.approx([posterior, 0.4, p_observed])
    assert {j.deadline for j in found.judgements} == {dt.date(2027, 1, 1)}
    assert found.unscorable == (
        ("generated-4x2:H2", NO_RESOLUTION),
        ("generated-4x2:I2", NO_RESOLUTION),
    )


def test_what_cannot_be_computed_is_listed_with_why_never_left_out():
    found = judgements.run(_case(), posterior=None, scenarios=None, collect=None)
    assert found.judgements == ()
    assert found.unscorable == (
        ("generated-4x2:H1", "the Bayesian mode cannot run on the case"),
        ("generated-4x2:H2", NO_RESOLUTION),
        ("generated-4x2:SC1", "the scenarios cannot be computed for the case"),
        ("generated-4x2:I1", "the Bayesian mode cannot give the chance it is observed"),
        ("generated-4x2:I2", NO_RESOLUTION),
    )


@pytest.mark.parametrize("name", SITUATIONS)
def test_in_every_situation_each_item_is_a_judgement_or_unscorable_once(name):
    data = situation(name, seed=1)
    data["hypotheses"][0]["resolution"] = SETTLED
    case = Case.model_validate(data)
    case = case.model_copy(update={"bayes": case.bayes.model_copy(update={"draws": 400})})
    found = sat.analyse(case).judgements
    ids = [j.id for j in found.judgements] + [i for i, _ in found.unscorable]
    items = [
        *case.hypotheses,
        *case.scenarios,
        *(i for i in case.indicators if i.status == "not observed"),
    ]
    assert sorted(ids) == sorted(f"{case.id}:{item.id}" for item in items)
    assert all(0 <= j.probability <= 1 for j in found.judgements)
