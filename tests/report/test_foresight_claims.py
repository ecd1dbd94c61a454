"""The indicators', scenarios' and network's sentences: hand-made corners the generated situations do
not reach (only ``example-like`` has indicators, events, scenarios, actors and relations), and
expectations computed by hand.

``foresight_summaries`` and ``foresight_corners`` are used by ``test_claims`` too: its ``_check``
asserts every claim's condition, and its census needs every kind said somewhere."""

from __future__ import annotations

import copy

import pytest

import sat
from sat.case import Case
from sat.report import brief
from sat.report.claims.foresight import indicators_summary, network_summary, scenarios_summary
from sat.report.conditions import Facts, holds
from sat.testing import situation


def foresight_summaries(analysis: sat.Analysis) -> list:
    """The techniques section's lines for the indicators, the scenarios and the network."""
    case = analysis.case
    return [
        *indicators_summary(case, analysis.indicators),
        *scenarios_summary(case, analysis.scenarios),
        *network_summary(case, analysis.network),
    ]


def _actors(*ids: str) -> list[dict]:
    return [{"id": a, "name": f"Actor {a}", "kind": "state"} for a in ids]


def _seen() -> dict:
    """Indicators seen for and against the leader and one seen not to happen, a hypothesis (H7)
    with none; one scenario and no 2 × 2; two actors, one opposing the other (no camps)."""
    data = copy.deepcopy(situation("example-like", seed=0))
    data.pop("estimates", None)  # the analysts' estimates name the scenarios replaced here
    status = {"I03": "observed", "I07": "observed", "I08": "contradicted"}
    data["indicators"] = [
        {**i, "status": status.get(i["id"], "not observed")}
        for i in data["indicators"]
        if i["hypothesis"] != "H7"
    ]
    data["scenarios"] = data["scenarios"][:1]
    data["futures"] = None
    data["actors"] = _actors("A", "B")
    data["relations"] = [{"source": "A", "target": "B", "type": "opposes", "evidence": []}]
    return data


def _quiet() -> dict:
    """Indicators that would all bear the leader out, none seen; two scenarios that can both happen,
    the less probable labelled most likely; three allies (one camp, none more influential)."""
    data = copy.deepcopy(situation("example-like", seed=0))
    data.pop("estimates", None)  # the analysts' estimates name the scenarios replaced here
    data["indicators"] = [
        {"id": f"Q{k}", "hypothesis": h, "description": f"Something about {h}.", "direction": d}
        for k, (h, d) in enumerate([("H1", "supports"), ("H2", "undermines")], 1)
    ]
    data["scenarios"] = [
        {"id": "S1", "name": "Restrictions stay", "kind": "alternative", "events": ["X1"]},
        {"id": "S2", "name": "Restrictions widen", "kind": "most likely", "events": ["X1", "X2"]},
    ]
    data["actors"] = _actors("A", "B", "C")
    data["relations"] = [
        {"source": a, "target": b, "type": "allied with", "evidence": []}
        for a, b in (("A", "B"), ("B", "C"), ("A", "C"))
    ]
    return data


def foresight_corners() -> list[Case]:
    """The corner cases above, as cases."""
    return [Case.model_validate(d) for d in (_seen(), _quiet())]


def _said(data: dict) -> tuple[Facts, list]:
    analysis = sat.analyse(Case.model_validate(data))
    return Facts.of(analysis), foresight_summaries(analysis)


@pytest.mark.parametrize("make", [_seen, _quiet, lambda: situation("example-like", seed=0)])
def test_every_sentence_holds_in_each_corner(make):
    facts, claims = _said(make())
    assert claims
    for claim in claims:
        assert holds(claim, facts), f"{claim.kind} said but false: {claim.text}"


def test_what_has_been_seen_is_counted_and_set_against_the_leader():
    facts, claims = _said(_seen())
    said = {c.kind: c for c in claims}
    assert facts.ach.sole == "H1"
    count = said["summary.indicators"]
    n = sum(1 for i in _seen()["indicators"])
    assert count.figures == {"indicators": n, "observed": 2, "contradicted": 1, "open": n - 3}
    assert f"{n} indicators of change are watched" in count.text
    assert f"2 seen, 1 seen not to happen and {n - 3} not yet seen." in count.text
    against = said["summary.indicators_against"]
    assert against.figures["undermine"] == ("I03",) and against.figures["support"] == (
        ("I07", "H3"),
    )
    assert "I03, which undercuts H1; I07, which supports H3." in against.text
    uncovered = said["summary.indicators_uncovered"]
    assert uncovered.text.startswith("H7 has no indicator, so nothing watched would show events")
    # a figure that is not the case's fails its condition
    lie = type(count)(count.kind, count.text, {**count.figures, "observed": 3})
    assert not holds(lie, facts)


def test_indicators_that_all_bear_the_leader_out_cut_against_nothing():
    _, claims = _said(_quiet())
    said = {c.kind: c for c in claims}
    assert said["summary.indicators"].text.endswith("neither has been seen yet.")
    assert said["summary.indicators_watch"].text.startswith(
        "Those not yet seen would not cut against the judgement if seen: each would support H1"
    )
    assert "summary.indicators_against" not in said


def test_scenario_probabilities_are_products_and_words_fall_in_their_bands():
    """X1 0.75; X2 given X1 0.45: S1 = 0.75, S2 = 0.75 × 0.45 = 0.3375 (unlikely, 20–45%)."""
    facts, claims = _said(_quiet())
    said = {c.kind: c for c in claims if c.kind.startswith("summary.scenarios")}
    listed = said["summary.scenarios"].figures["scenarios"]
    assert [(s, round(p, 6), w) for s, _, p, w in listed] == [
        ("S1", 0.75, "likely"),
        ("S2", 0.3375, "unlikely"),
    ]
    assert "S1 Restrictions stay, 75% (likely); S2 Restrictions widen, 34% (unlikely)" in (
        said["summary.scenarios"].text
    )
    assert said["summary.scenarios_most_likely"].text == "S1 is the most likely of these."
    assert said["summary.scenarios_overlap"].figures["pair"] == ("S1", "S2")
    assert said["summary.scenarios_mislabelled"].text == (
        "S2 is labelled most likely (34%) but S1 is more probable (75%)."
    )
    assert "summary.scenarios_uncovered" not in said  # they overlap: their sum means nothing
    # the wrong word for a probability fails
    wrong = [(s, n, p, "likely" if s == "S2" else w) for s, n, p, w in listed]
    claim = said["summary.scenarios"]
    assert not holds(type(claim)(claim.kind, claim.text, {"scenarios": tuple(wrong)}), facts)


def test_one_scenario_and_the_futures_of_two_drivers():
    """SC1 is "not X1": 0.25, and covers 25%. X4 is 4% a period over 10: 1 − 0.96^10 = 0.3352, so
    the futures are 0.75 × 0.3352 = 0.2514, 0.4986, 0.0838 and 0.1662."""
    _, claims = _said(_seen())
    said = {c.kind: c for c in claims}
    assert said["summary.scenarios"].text.startswith("One scenario is modelled")
    assert "summary.scenarios_most_likely" not in said and "summary.futures" not in said
    assert said["summary.scenarios_uncovered"].text == (
        "The one scenario covers 25% of the outcomes: 75% lies in futures it does not describe."
    )
    _, claims = _said(situation("example-like", seed=0))
    futures = next(c for c in claims if c.kind == "summary.futures")
    got = [round(p, 4) for _, p in futures.figures["futures"]]
    assert got == [0.2514, 0.4986, 0.0838, 0.1662]
    assert "Economic siege (X1 without X4), 50%" in futures.text


def test_a_network_of_two_and_one_of_three_allies():
    _, claims = _said(_seen())
    said = {c.kind: c for c in claims if c.kind.startswith("summary.network")}
    assert list(said) == ["summary.network"]  # one hostile tie aligns no camp
    assert said["summary.network"].text == (
        "2 actors and 1 relation between them are mapped; the most influential, by the ties "
        "through which they act on others, is Actor A."
    )
    _, claims = _said(_quiet())
    said = {c.kind: c for c in claims if c.kind.startswith("summary.network")}
    assert said["summary.network"].text.endswith(
        "no actor stands out as more influential than another."
    )
    assert said["summary.network_camps"].text.startswith(
        "The friendly and hostile ties align one camp: the Actor A camp (3 actors"
    )


def test_the_brief_lists_the_techniques_in_these_sentences():
    analysis = sat.analyse(Case.model_validate(_seen()))
    page = str(
        brief.techniques_section(
            analysis.case,
            indicators=analysis.indicators,
            scenarios=analysis.scenarios,
            network=analysis.network,
        )
    )
    for kind in ("summary.indicators", "summary.scenarios", "summary.network"):
        assert f'data-kind="{kind}"' in page
    bare = sat.analyse(Case.model_validate({**_seen(), "indicators": [], "scenarios": []}))
    page = str(brief.techniques_section(bare.case, indicators=bare.indicators))
    assert "Indicators" not in page and "Scenarios" not in page  # nothing to work on: not listed


@pytest.mark.parametrize(
    ("command", "kind"),
    [
        ("indicators", "summary.indicators"),
        ("scenarios", "summary.scenarios"),
        ("network", "summary.network"),
    ],
)
def test_the_command_line_json_gives_the_sentences_as_claims(capsys, command, kind):
    import json

    from sat.cli import main
    from sat.paths import EXAMPLE_CASE

    assert main([command, str(EXAMPLE_CASE), "--json"]) == 0
    said = json.loads(capsys.readouterr().out)["claims"]
    assert kind in {c["kind"] for c in said}
    assert all(c["text"] and isinstance(c["figures"], dict) for c in said)
