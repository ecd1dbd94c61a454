"""The indicators', scenarios' and network's sentences: hand-made corners the generated situations do
not reach (only ``example-like`` has indicators, events, scenarios, actors and relations), and
expectations computed by hand.

``foresight_summaries`` and ``foresight_corners`` are used by ``test_claims`` too: its ``_check``
asserts every claim's condition, and its census needs every kind said somewhere."""

from __future__ import annotations

import copy
import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import sat
from sat.case import Case
from sat.language import ICD203, words
from sat.report import brief
from sat.report.claims._base import Claim
from sat.report.claims.foresight import indicators_summary, network_summary, scenarios_summary
from sat.report.conditions import Facts, holds
from sat.techniques import ach
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
    data.pop("key_judgements", None)  # and so may the analysts' key judgements
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
    data.pop("key_judgements", None)  # and so may the analysts' key judgements
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
    assert against.figures["undermine"] == (("I03", "H1"),)
    assert against.figures["support"] == (("I07", "H3"),)
    assert against.figures["unmet"] == against.figures["spared"] == ()  # I08 (H3 supports) fails
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
    assert "Economic siege (X1 without X4), 49.9%" in futures.text  # 0.4986: never 50%


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


# --- small cases: every shape of the sentences the hostile reader found false ---------------------

_HYPOTHESES = ("H1", "H2", "H3")
_LEADS = {"H1": "C", "H2": "I", "H3": "II"}  # H1 first alone


def _small(ratings=_LEADS, **sections) -> Case:
    """Three hypotheses, one item rated as given, and the sections given (indicators, events,
    scenarios, actors, relations)."""
    data = {
        "id": "f",
        "title": "F",
        "question": "?",
        "date": "2026-01-01",
        "analysts": ["t"],
        "hypotheses": [{"id": h, "label": h, "statement": h} for h in _HYPOTHESES],
        "evidence": [{"id": "E1", "summary": "a", "ratings": dict(ratings)}],
    }
    return Case.model_validate({**data, **sections})


def _small_said(case: Case) -> tuple[Facts, dict[str, list[Claim]]]:
    """The facts (the matrix alone: these conditions read no more) and the claims by kind, each
    asserted to hold."""
    facts = Facts(case, ach.run(case))
    analysis = sat.analyse(case)
    said: dict[str, list[Claim]] = {}
    for claim in foresight_summaries(analysis):
        assert holds(claim, facts), f"{claim.kind} said but false: {claim.text}"
        said.setdefault(claim.kind, []).append(claim)
    return facts, said


def _indicator(i: str, h: str, direction: str, status: str) -> dict:
    return {"id": i, "hypothesis": h, "description": i, "direction": direction, "status": status}


def test_an_indicator_seen_not_to_happen_can_cut_against_the_leader():
    """H1 first. I1 would have supported H1 and I2 would have undercut H2: neither happened, so both
    cut against H1. I3 (undercuts H2, seen) and I4 (supports H1, seen) bear H1 out."""
    items = [
        _indicator("I1", "H1", "supports", "contradicted"),
        _indicator("I2", "H2", "undermines", "contradicted"),
        _indicator("I3", "H2", "undermines", "observed"),
        _indicator("I4", "H1", "supports", "observed"),
    ]
    facts, said = _small_said(_small(indicators=items))
    (against,) = said["summary.indicators_against"]
    assert dict(against.figures) == {
        "leaders": ("H1",),
        "undermine": (),
        "support": (),
        "unmet": (("I1", "H1"),),
        "spared": (("I2", "H2"),),
    }
    assert against.text == (
        "Already seen and cutting against the judgement that puts H1 first: I1, which would have "
        "supported H1 but was seen not to happen; I2, which would have undercut H2 but was seen "
        "not to happen."
    )
    # leaving one out, or naming one that bears the leader out, fails the condition
    short = Claim(against.kind, against.text, {**against.figures, "spared": ()})
    extra = Claim(against.kind, against.text, {**against.figures, "undermine": (("I3", "H2"),)})
    assert not holds(short, facts) and not holds(extra, facts)


def test_with_the_lead_tied_what_cuts_against_any_tied_leader_is_listed():
    """H1 and H2 tied (C, C; H3 II): I1 undercuts H1 and I2 supports H3, both seen; I3 supports H2
    (a tied leader), seen, cuts against neither."""
    items = [
        _indicator("I1", "H1", "undermines", "observed"),
        _indicator("I2", "H3", "supports", "observed"),
        _indicator("I3", "H2", "supports", "observed"),
    ]
    case = _small({"H1": "C", "H2": "C", "H3": "II"}, indicators=items)
    facts, said = _small_said(case)
    (against,) = said["summary.indicators_against"]
    assert against.figures["leaders"] == ("H1", "H2")
    assert against.text == (
        "Already seen and cutting against the hypotheses tied for first, H1 and H2: I1, which "
        "undercuts H1; I2, which supports H3."
    )
    assert "summary.indicators_watch" not in said  # nothing open
    # said of one of the tied alone, the claim is false
    alone = Claim(against.kind, against.text, {**against.figures, "leaders": ("H1",)})
    assert not holds(alone, facts)


def test_counts_never_say_0_seen_and_one_indicator_is_singular():
    items = [
        _indicator("I1", "H1", "supports", "contradicted"),
        _indicator("I2", "H1", "supports", "not observed"),
    ]
    _, said = _small_said(_small(indicators=items))
    (count,) = said["summary.indicators"]
    assert count.text.endswith(": 1 seen not to happen and 1 not yet seen.")
    assert "0 seen" not in count.text
    (watch,) = said["summary.indicators_watch"]
    assert watch.text == (
        "The one not yet seen, I2, would not cut against the judgement if seen: it would support "
        "H1, the hypothesis ranked first."
    )
    _, said = _small_said(_small(indicators=[_indicator("I1", "H2", "supports", "not observed")]))
    assert said["summary.indicators"][0].text.startswith("1 indicator of change is watched")
    assert said["summary.indicators"][0].text.endswith(": it has not been seen yet.")
    assert said["summary.indicators_watch"][0].text == (
        "The one not yet seen would cut against the judgement if seen: it would support a "
        "hypothesis other than H1, the one ranked first."
    )


_RATINGS = st.sampled_from(["CC", "C", "N", "I", "II"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ratings=st.fixed_dictionaries({h: _RATINGS for h in _HYPOTHESES}),
    items=st.lists(
        st.tuples(
            st.sampled_from(_HYPOTHESES),
            st.sampled_from(["supports", "undermines"]),
            st.sampled_from(["not observed", "observed", "contradicted"]),
        ),
        min_size=1,
        max_size=6,
    ),
)
def test_every_settled_indicator_against_a_leader_is_said(ratings, items):
    """Over random standings (ties included) and indicators: every claim holds, and each indicator
    seen or seen not to happen that cuts against a hypothesis ranked first is named in a sentence
    that says it cuts against the judgement (recomputed here from the matrix's leaders)."""
    indicators = [_indicator(f"I{k}", *item) for k, item in enumerate(items, 1)]
    case = _small(ratings, indicators=indicators)
    facts, said = _small_said(case)
    leaders = set(facts.ach.leader)
    cutting = {
        i["id"]
        for i in indicators
        if leaders
        and (
            (i["status"] == "observed")
            == ((i["hypothesis"] in leaders) == (i["direction"] == "undermines"))
        )
        and i["status"] != "not observed"
    }
    against = said.get("summary.indicators_against", [])
    named = set(re.findall(r"\bI\d+\b", against[0].text)) if against else set()
    assert named == cutting
    assert not re.search(r"\b0 seen|\b1 indicators\b", said["summary.indicators"][0].text)


# --- scenarios: the words and the order a reader sees ---------------------------------------------


def _events(**chances: float) -> list[dict]:
    return [{"id": e, "description": e, "probability": p} for e, p in chances.items()]


def _scenario(s: str, events: list[str], kind: str = "alternative") -> dict:
    return {"id": s, "name": s.lower(), "kind": kind, "events": events}


def test_a_gap_the_percentages_do_not_show_is_not_said():
    """SA 0.21 labelled most likely, SB 0.21001: both shown as 21%, so neither is said to be more
    probable nor the most likely; SC 0.5501 is shown as 55%, so its word is 55%'s (the edge
    belongs to the band nearer 50%), not the "likely" of 0.5501."""
    scenarios = [_scenario("SA", ["A"], "most likely"), _scenario("SB", ["B"])]
    case = _small(events=_events(A=0.21, B=0.21001), scenarios=scenarios)
    facts, said = _small_said(case)
    assert "summary.scenarios_mislabelled" not in said
    assert "summary.scenarios_most_likely" not in said
    assert said["summary.scenarios"][0].text.endswith(
        "SB sb, 21% (unlikely); SA sa, 21% (unlikely)."
    )
    # the sentence as it was said before fails its condition now
    lie = Claim(
        "summary.scenarios_mislabelled",
        "SA is labelled most likely (21%) but SB is more probable (21%).",
        {"scenario": "SA", "probability": 0.21, "best": "SB", "best_probability": 0.21001},
    )
    assert not holds(lie, facts)
    case = _small(events=_events(C=0.5501), scenarios=[_scenario("SC", ["C"])])
    facts, said = _small_said(case)
    (listed,) = said["summary.scenarios"]
    assert "SC sc, 55% (roughly even chance)." in listed.text
    likely = Claim(listed.kind, listed.text, {"scenarios": (("SC", "sc", 0.5501, "likely"),)})
    assert not holds(likely, facts)


def test_less_likely_than_not_is_never_said_beside_50_percent():
    """SA a hair below one half (shown as 50%) against SB 0.3: the most likely, with nothing said
    about even odds; a little further below (49.99%) it is less likely than not."""
    scenarios = [_scenario("SA", ["A"]), _scenario("SB", ["not A", "B"])]
    case = _small(events=_events(A=0.5 - 1e-12, B=0.6), scenarios=scenarios)
    facts, said = _small_said(case)
    assert "SA sa, 50% (roughly even chance)" in said["summary.scenarios"][0].text
    (best,) = said["summary.scenarios_most_likely"]
    assert best.text == "SA is the most likely of these."
    below = Claim(best.kind, best.text, {**best.figures, "below_even": True})
    assert not holds(below, facts)
    case = _small(events=_events(A=0.4999, B=0.6), scenarios=scenarios)
    _, said = _small_said(case)
    assert "SA sa, 49.99% (roughly even chance)" in said["summary.scenarios"][0].text
    assert said["summary.scenarios_most_likely"][0].text == (
        "SA is the most likely of these, though less likely than not."
    )


#: Probabilities on and beside the edges a percentage rounds at and the ICD 203 bands.
_EDGY = st.one_of(
    st.floats(0, 1),
    st.builds(
        lambda k, d: min(1.0, max(0.0, k / 100 + d)),
        st.sampled_from([0, 1, 5, 20, 21, 45, 50, 55, 80, 95, 99, 100]) | st.integers(0, 100),
        st.sampled_from([0.0, 1e-12, -1e-12, 1e-5, -1e-5, 4e-3, -4e-3]),
    ),
)


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(chances=st.lists(_EDGY, min_size=1, max_size=4), labelled=st.integers(0, 3))
def test_every_percentage_is_read_with_its_own_word_and_order(chances, labelled):
    """Scenarios of one event each, at probabilities on rounding and band edges: every claim holds;
    each "NN% (word)" a reader meets has the ICD 203 word of NN%; a scenario said to be more
    probable, or the most likely, is shown with a larger percentage than the others."""
    events = {f"X{k}": p for k, p in enumerate(chances)}
    scenarios = [
        _scenario(f"S{k}", [e], "most likely" if k == labelled else "alternative")
        for k, e in enumerate(events)
    ]
    _, said = _small_said(_small(events=_events(**events), scenarios=scenarios))
    figure = r"[<>]?\d+(?:\.\d+)?%"
    text = said["summary.scenarios"][0].text
    shown = re.findall(rf"({figure}) \(([a-z ]+)\)", text)
    assert len(shown) == len(chances)
    for percentage, word in shown:
        value = {"<1%": 0.005, ">99%": 0.995}.get(percentage) or float(percentage[:-1]) / 100
        assert words(value).likelihood == word and word in {w for w, *_ in ICD203}
    percents = dict(re.findall(rf"(S\d) s\d, ({figure})", text))
    for claim in said.get("summary.scenarios_mislabelled", []):
        low, high = re.findall(rf"\(({figure})\)", claim.text)
        assert low != high
    for claim in said.get("summary.scenarios_most_likely", []):
        best = claim.figures["scenario"]
        assert all(percents[s] != percents[best] for s in percents if s != best)


# --- network: one camp is said to cooperate only when no tie inside it is hostile -----------------


def _tie(a: str, b: str, kind: str, weight: float = 1.0) -> dict:
    return {"source": a, "target": b, "type": kind, "weight": weight}


def test_one_camp_with_a_hostile_tie_inside_is_not_said_to_cooperate():
    """A–B and B–C allied (weight 3) outweigh A opposing C (weight 1): one camp of three, with the
    hostile tie between A and C inside it."""
    relations = [
        _tie("A", "B", "allied with", 3),
        _tie("B", "C", "allied with", 3),
        _tie("A", "C", "opposes"),
    ]
    facts, said = _small_said(_small(actors=_actors("A", "B", "C"), relations=relations))
    (camps,) = said["summary.network_camps"]
    assert camps.text == (
        "The friendly and hostile ties align one camp: the Actor B camp (3 actors), though 1 tie "
        "inside it is hostile: Actor A and Actor C."
    )
    assert "cooperate" not in camps.text
    # said as before (nothing against the camp), the claim is false
    before = Claim(camps.kind, camps.text, {**camps.figures, "across": ()})
    assert not holds(before, facts)


_KINDS = st.sampled_from(["allied with", "opposes", "supplies", "sanctions", "meets"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ties=st.lists(
        st.tuples(
            st.sampled_from("ABCDE"),
            st.sampled_from("ABCDE"),
            _KINDS,
            st.sampled_from([1.0, 2.0, 3.0]),
        ).filter(lambda t: t[0] != t[1]),
        min_size=1,
        max_size=8,
    )
)
def test_a_camp_said_to_cooperate_has_no_hostile_tie_inside(ties):
    """Over random friendly and hostile ties: every claim holds, and a camp said to cooperate with
    one another has no two members whose ties (netted by weight) are hostile."""
    relations = [_tie(*t) for t in ties]
    case = _small(actors=_actors(*"ABCDE"), relations=relations)
    _, said = _small_said(case)
    sign = {"allied with": 1, "opposes": -1, "supplies": 1, "sanctions": -1, "meets": 0}
    way: dict[tuple[str, str], list[float]] = {}  # each direction: weight, signed weight
    for a, b, kind, weight in ties:
        for pair in [(a, b)] + ([(b, a)] if kind in ("allied with", "meets") else []):
            w = way.setdefault(pair, [0.0, 0.0])
            w[0], w[1] = w[0] + weight, w[1] + sign[kind] * weight
    net: dict[frozenset, float] = {}
    for pair, (weight, signed) in way.items():
        net[frozenset(pair)] = net.get(frozenset(pair), 0.0) + weight * (
            (signed > 0) - (signed < 0)
        )
    for claim in said.get("summary.network_camps", []):
        if "cooperate with one another" not in claim.text:
            continue
        ((_, members),) = claim.figures["camps"]
        assert not any(net.get(frozenset((a, b)), 0) < 0 for a in members for b in members if a < b)


def test_the_scenarios_table_prints_the_figure_its_word_is_chosen_from(example_case):
    """The table prints each scenario's probability as the sentences do (``percent``), and the
    word beside it is the word of that printed figure."""
    import re

    import sat as _sat
    from sat.language import percent
    from sat.report.tables import scenarios_html
    from sat.techniques.scenarios import printed_words

    result = _sat.analyse(example_case).scenarios
    html = str(scenarios_html(result))
    for s, row in result.scenarios_frame.iterrows():
        shown = percent(float(row["probability"]))
        assert re.search(rf"<b>{re.escape(shown)}</b><br>{re.escape(row['likelihood'])} ", html), s
        assert row["likelihood"] == printed_words(float(row["probability"])).likelihood
