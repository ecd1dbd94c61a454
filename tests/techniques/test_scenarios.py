import pytest

import sat
from sat.case import Case
from sat.errors import CaseError
from sat.techniques import scenarios


def case_data(events, scenario_list, futures=None):
    data = {
        "id": "s",
        "title": "S",
        "question": "?",
        "date": "2026-01-01",
        "analysts": ["t"],
        "hypotheses": [
            {"id": "H1", "label": "a", "statement": "a"},
            {"id": "H2", "label": "b", "statement": "b"},
        ],
        "events": events,
        "scenarios": scenario_list,
    }
    if futures:
        data["futures"] = futures
    return data


def make(events, scenario_list, futures=None):
    return Case.model_validate(case_data(events, scenario_list, futures))


EVENTS = [
    {"id": "A", "description": "a", "probability": 0.6},
    {"id": "B", "description": "b", "probability": 0.5},
    {"id": "C", "description": "c", "probability": 0.3, "given": ["A"]},
    {"id": "D", "description": "d", "per_period": 0.05, "periods": 12},
]


def test_a_chain_of_independent_events_multiplies_never_averages():
    case = make(EVENTS, [{"id": "S1", "name": "both", "events": ["A", "B"]}])
    result = scenarios.run(case)
    p = result.scenarios.at["S1", "probability"]
    assert p == pytest.approx(0.6 * 0.5)
    assert p < min(0.6, 0.5) and p != pytest.approx((0.6 + 0.5) / 2)


def test_conditionals_chain_and_negations_complement():
    case = make(
        EVENTS,
        [
            {"id": "S1", "name": "x", "events": ["A", "C"]},
            {"id": "S2", "name": "y", "events": ["A", "not C", "not B"]},
            {"id": "S3", "name": "z", "events": ["not A"]},
        ],
    )
    frame = scenarios.run(case).scenarios
    assert frame["probability"].tolist() == pytest.approx([0.6 * 0.3, 0.6 * 0.7 * 0.5, 0.4])
    assert frame.at["S1", "chain"] == "P(A) 0.6 × P(C) 0.3"


def test_periodic_events_compound():
    case = make(EVENTS, [{"id": "S1", "name": "x", "events": ["D"]}])
    assert scenarios.run(case).scenarios.at["S1", "probability"] == pytest.approx(1 - 0.95**12)


def test_checks_overlap_and_a_most_likely_that_is_not():
    case = make(
        EVENTS,
        [
            {"id": "S1", "name": "x", "kind": "most likely", "events": ["A", "B"]},
            {"id": "S2", "name": "y", "events": ["not A"]},
            {"id": "S3", "name": "z", "events": ["B"]},
        ],
    )
    # S1 = 0.6 x 0.5 = 0.3, S2 = 0.4, S3 = 0.5; S1 and S3 share B, S2 (not A) can happen with S3
    # (B) but not with S1 (A)
    checks = scenarios.run(case).checks
    assert [(c.kind, dict(c.figures)) for c in checks] == [
        ("overlap", {"first": "S1", "second": "S3"}),
        ("overlap", {"first": "S2", "second": "S3"}),
        (
            "mislabelled",
            {
                "scenario": "S1",
                "probability": pytest.approx(0.3),
                "best": "S3",
                "best_probability": pytest.approx(0.5),
            },
        ),
    ]


def test_futures_are_a_coherent_two_by_two():
    case = make(EVENTS, [], futures={"drivers": ["A", "B"], "names": {"A B": "Both"}})
    result = scenarios.run(case)
    grid = result.futures
    assert grid.to_numpy() == pytest.approx(__import__("numpy").array([[0.3, 0.3], [0.2, 0.2]]))
    assert grid.values.sum() == pytest.approx(1.0)
    assert result.to_dict()["futures"]["names"] == {"A B": "Both"}


@pytest.mark.parametrize(
    ("events", "scenario_list", "futures", "field", "needle"),
    [
        (
            EVENTS,
            [{"id": "S1", "name": "x", "events": ["C"]}],
            None,
            "scenarios S1.events[0]",
            "'C' is conditional on A",
        ),
        (
            EVENTS,
            [{"id": "S1", "name": "x", "events": ["not A", "C"]}],
            None,
            "scenarios S1.events[1]",
            "conditional on A",
        ),
        (
            EVENTS,
            [{"id": "S1", "name": "x", "events": ["Z"]}],
            None,
            "scenarios S1.events[0]",
            "unknown event 'Z'",
        ),
        (  # an event that happens and does not: no such future
            EVENTS,
            [{"id": "S1", "name": "x", "events": ["A", "not A"]}],
            None,
            "scenarios S1.events[1]",
            "'A' is already named in this scenario (events[0])",
        ),
        (  # an event named twice would be counted twice
            EVENTS,
            [{"id": "S1", "name": "x", "events": ["not B", "not B"]}],
            None,
            "scenarios S1.events[1]",
            "already named",
        ),
        (
            [
                {"id": "A", "description": "a", "probability": 0.5, "given": ["B"]},
                {"id": "B", "description": "b", "probability": 0.5, "given": ["A"]},
            ],
            [],
            None,
            "events A.given",
            "depends on itself",
        ),
        (EVENTS, [], {"drivers": ["A", "C"]}, "futures.drivers[1]", "unconditional"),
        (
            [{"id": "A", "description": "a", "probability": 0.5, "periods": 3}],
            [],
            None,
            "events A",
            "per_period and periods together",
        ),
        ([{"id": "A", "description": "a"}], [], None, "events A", "either probability"),
    ],
)
def test_incoherent_scenarios_are_located_errors(
    write, events, scenario_list, futures, field, needle
):
    import yaml

    data = case_data(events, scenario_list, futures)
    with pytest.raises(CaseError) as info:
        sat.load_case(write(yaml.safe_dump(data, sort_keys=False)))
    matching = [p for p in info.value.problems if p.field == field]
    assert matching and needle in matching[0].message and matching[0].line is not None


def test_example_case_outlook(example_case):
    result = sat.scenarios.run(example_case)
    frame = result.scenarios
    assert set(frame["kind"]) == {"best", "worst", "most likely"}
    assert frame.at["SC2", "probability"] == pytest.approx(0.75 * 0.65 * (0.96**10))
    # the three exclude each other and "most likely" is the most probable; they cover 69%
    assert [c.kind for c in result.checks] == ["uncovered"]
    assert result.checks[0].figures["covered"] == pytest.approx(frame["probability"].sum())
    assert frame["probability"].sum() == pytest.approx(0.69, abs=0.005)
    # SC2 = 0.75 x 0.65 x 0.96^10 = 0.324: ahead of the others, below even odds
    assert (result.most_likely, result.below_even) == ("SC2", True)
    assert result.covered == pytest.approx(frame["probability"].sum())
    assert result.futures.values.sum() == pytest.approx(1.0)


def test_exclusive_scenarios_say_how_much_lies_outside_them():
    listed = [
        {"id": "S1", "name": "both", "kind": "best", "events": ["A", "B"]},
        {"id": "S2", "name": "a only", "kind": "most likely", "events": ["A", "not B"]},
    ]
    result = scenarios.run(make(EVENTS, listed))
    # A and B independent: 0.6 x 0.5 = 0.3 each; together they cover 0.6, and 0.4 (not A) is outside
    assert result.covered == pytest.approx(0.6)
    assert [(c.kind, c.figures["covered"]) for c in result.checks] == [
        ("uncovered", pytest.approx(0.6))
    ]
    # a tie for the most probable: neither is the most likely of these
    assert result.most_likely is None


def test_the_most_probable_scenario_is_read_as_such_even_below_even_odds():
    listed = [
        {"id": "S1", "name": "a and c", "kind": "most likely", "events": ["A", "C"]},
        {"id": "S2", "name": "not a", "kind": "worst", "events": ["not A"]},
    ]
    result = scenarios.run(make(EVENTS, listed))
    # S1 = 0.6 x 0.3 = 0.18, S2 = 0.4: S2 is the most likely of these, though less likely than not
    assert (result.most_likely, result.below_even) == ("S2", True)
    # they exclude each other (A, not A) and cover 0.58
    assert [c.kind for c in result.checks] == ["mislabelled", "uncovered"]
    assert result.checks[0].figures["scenario"] == "S1"
    overlapping = [*listed, {"id": "S3", "name": "b", "kind": "best", "events": ["B"]}]
    assert scenarios.run(make(EVENTS, overlapping)).covered is None


def test_the_word_and_the_reading_are_those_of_the_percentage_shown():
    """0.5501 is shown as 55%: its word is 55%'s (roughly even chance: the edge belongs to the band
    nearer 50%), never "likely"; S2 (0.21) labelled most likely against S3 (0.21001), both shown
    as 21%, is not said to be less probable, and neither is "the most likely of these"."""
    events = [
        {"id": "A", "description": "a", "probability": 0.5501},
        {"id": "B", "description": "b", "probability": 0.21},
        {"id": "C", "description": "c", "probability": 0.21001},
    ]
    result = scenarios.run(make(events, [{"id": "S1", "name": "a", "events": ["A"]}]))
    row = result.scenarios.loc["S1"]
    assert (row["likelihood"], row["range"]) == ("roughly even chance", "45–55%")
    listed = [
        {"id": "S2", "name": "b", "kind": "most likely", "events": ["B"]},
        {"id": "S3", "name": "c", "events": ["C"]},
    ]
    result = scenarios.run(make(events, listed))
    assert not any(c.kind == "mislabelled" for c in result.checks)
    assert result.most_likely is None
    events[2]["probability"] = 0.215  # shown as 22%: apart to the reader
    result = scenarios.run(make(events, listed))
    mislabelled = [dict(c.figures) for c in result.checks if c.kind == "mislabelled"]
    assert mislabelled == [
        {"scenario": "S2", "probability": 0.21, "best": "S3", "best_probability": 0.215}
    ]
    assert (result.most_likely, result.below_even) == ("S3", True)


@pytest.mark.parametrize(
    ("p", "shown", "word"),
    [
        (0.5501, 0.55, "roughly even chance"),  # words(0.5501): likely
        (0.8004, 0.80, "likely"),  # words(0.8004): very likely
        (0.2004, 0.20, "unlikely"),
        (0.44999, 0.44999, "unlikely"),  # percent keeps it off 45%: 44.999%
        (0.4449, 0.44, "unlikely"),
        (0.004, 0.005, "almost no chance"),
        (0.9964, 0.995, "almost certain"),
    ],
)
def test_printed_reads_back_the_percentage_shown(p, shown, word):
    assert scenarios.printed(p) == pytest.approx(shown)
    assert scenarios.printed_words(p).likelihood == word
