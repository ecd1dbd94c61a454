"""The judgements a register can score: every hypothesis, scenario and open indicator of a case is
either a judgement, with the probability its technique gives, or listed as unscorable with why."""

from __future__ import annotations

import datetime as dt

import pytest

import sat
from sat.case import Case
from sat.paths import EXAMPLE_CASE
from sat.techniques import judgements
from sat.testing import SITUATIONS, generate_case, situation

SETTLED = {"criterion": "An official statement says so.", "deadline": "2027-01-01"}
NO_RESOLUTION = "no-resolution"


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
        ("generated-4x2:H1", "no-bayes"),
        ("generated-4x2:H2", NO_RESOLUTION),
        ("generated-4x2:SC1", "no-scenarios"),
        ("generated-4x2:I1", "no-chance"),
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


def test_the_technique_gives_facts_and_the_presentation_says_them():
    """The statement a register records is said by sat.report.claims.judgements from the facts:
    each hypothesis's label, text and the hypotheses its posterior is conditional on."""
    from sat.report.claims.judgements import statement, why

    found = sat.analyse(_case()).judgements
    h1, sc1, i1 = found.judgements
    assert (h1.label, h1.given) == (_case().hypotheses[0].label, ("H1", "H2"))
    assert statement(h1).startswith(f"H1 ({h1.label}) is the explanation: ")
    assert statement(h1).endswith("(probability conditional on one of H1, H2 being true)")
    assert statement(sc1) == "Talks comes about: Talks open."
    assert statement(i1) == "I1 is observed by 2027-01-01: A visit."
    assert [why(code) for _, code in found.unscorable] == [
        "no resolution (criterion and deadline) in the case"
    ] * 2
    assert not any(isinstance(v, str) and " " in v for v in (h1.kind, h1.target))


def test_a_quantity_target_with_a_resolution_carries_every_forecasters_quantiles():
    """The example case's targets Q4 (log scale) and Q5: each analyst's latest round, the
    equal-weight combination and the performance-weighted one; seeds are never targets."""
    analysis = sat.analyse(sat.load_case(EXAMPLE_CASE))
    targets = analysis.judgements.quantities
    assert [t.target for t in targets] == ["Q4", "Q5"]
    q4 = targets[0]
    assert q4.scale == "log" and q4.deadline == dt.date(2026, 6, 30)
    assert q4.probabilities == (0.05, 0.5, 0.95)
    assert dict(q4.analysts)["Analyst A"] == (22.0, 35.0, 70.0)  # round 2, not round 1
    assert dict(q4.analysts)["Analyst B"] == (20.0, 28.0, 50.0)
    study = analysis.quantities.study
    assert q4.equal == pytest.approx(
        analysis.quantities.combined[
            study.items.index(next(i for i in study.items if i.id == "Q4"))
        ]
    )
    experts = analysis.experts
    assert q4.weighted == pytest.approx(experts.optimised.quantiles[experts.items.index("Q4")])


def test_a_target_without_a_resolution_or_an_answer_is_listed_with_why():
    data = sat.load_case(EXAMPLE_CASE).model_dump(mode="json", exclude_none=True)
    extra = {"question": "How long?", "resolution": SETTLED}
    data["quantities"] += [{"id": "Q6", **extra}, {"id": "Q7", "question": "How many?"}]
    found = sat.analyse(Case.model_validate(data)).judgements
    assert [t.target for t in found.quantities] == ["Q4", "Q5"]
    unscored = dict(found.unscorable)
    assert unscored[f"{data['id']}:Q6"] == "no-answers"  # nobody answered it
    assert unscored[f"{data['id']}:Q7"] == "no-resolution"
    assert not any(i.endswith((":Q1", ":Q2", ":Q3")) for i in unscored)  # seeds: never targets
