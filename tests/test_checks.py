"""sat.checks: every kind of broken reference gives its one line, in a fixed order."""

from sat.checks import reference_problems

#: A raw case with one broken reference of every kind the checks know.
BROKEN = {
    "date": "2026-01-01",
    "analysts": ["ann", "bob"],
    "sources": [{"id": "S1"}, {"id": "S1"}],
    "hypotheses": [{"id": "H1", "overlaps": ["H7"]}, {"id": "H2"}],
    "evidence": [
        {
            "id": "E1",
            "sources": ["S9"],
            "ratings": {"H5": "C"},
            "analyst_ratings": {"cat": {"H1": "C"}, "ann": {"H6": "C"}},
        },
        {"id": "E2", "type": "report"},
    ],
    "assumptions": [
        {"id": "A1", "supports": ["H8"], "evidence": "E9"},
        {"id": "A2", "evidence": "E2"},
    ],
    "indicators": [{"id": "I1", "hypothesis": "H9", "evidence": ["E8"], "ratings": {"H4": "C"}}],
    "information_gaps": [{"ratings": {"H3": "C"}}],
    "events": [
        {"id": "V1", "given": ["V2"]},
        {"id": "V2", "given": ["V1"]},
        {"id": "V3", "given": ["V0"]},
        {"id": "H2"},
    ],
    "scenarios": [{"id": "C1", "signposts": ["I7"], "events": ["V1", "V1", "V5"]}],
    "futures": {"drivers": ["V6", "V3"]},
    "actors": [{"id": "X1"}],
    "relations": [
        {"source": "X7", "target": "X1", "evidence": ["E7"]},
        {"source": "X1", "target": "X1"},
    ],
    "key_judgements": [{"about": "Z1"}],
    "previous_assessment": {"about": "H0", "date": "2026-02-01"},
    "estimates": {"dan": {"Q1": 0.5}},
    "elicitation": {"eve": {"order": ["E6"], "entered": ["E5"]}},
    "deception": [
        {"subject": "S4", "kind": "source"},
        {"subject": "S4", "kind": "source"},
    ],
}


#: Every problem in BROKEN, in the order the checks report them.
EXPECTED = [
    (("sources", 1, "id"), "duplicate id 'S1' (also sources item 1)"),
    (("evidence", 0, "sources", 0), "unknown source 'S9' (known: S1)"),
    (("evidence", 0, "ratings", "H5"), "unknown hypothesis 'H5' (known: H1, H2)"),
    (("assumptions", 0, "supports", 0), "unknown hypothesis 'H8' (known: H1, H2)"),
    (("assumptions", 0, "evidence"), "unknown evidence item 'E9' (known: E1, E2)"),
    (
        ("assumptions", 1, "evidence"),
        "'E2' is evidence of type 'report'; link an assumption only to evidence of type 'assumption'",
    ),
    (("indicators", 0, "hypothesis"), "unknown hypothesis 'H9' (known: H1, H2)"),
    (("indicators", 0, "evidence", 0), "unknown evidence item 'E8' (known: E1, E2)"),
    (("indicators", 0, "ratings", "H4"), "unknown hypothesis 'H4' (known: H1, H2)"),
    (("information_gaps", 0, "ratings", "H3"), "unknown hypothesis 'H3' (known: H1, H2)"),
    (("hypotheses", 0, "overlaps", 0), "unknown hypothesis 'H7' (known: H1, H2)"),
    (("events", 2, "given", 0), "unknown event 'V0' (known: V1, V2, V3, H2)"),
    (("scenarios", 0, "signposts", 0), "unknown indicator 'I7' (known: I1)"),
    (("relations", 0, "source"), "unknown actor 'X7' (known: X1)"),
    (("relations", 0, "evidence", 0), "unknown evidence item 'E7' (known: E1, E2)"),
    (("relations", 1, "target"), "'X1' is also the source: a relation ties two different actors"),
    (("events", 0, "given"), "'V1' depends on itself through 'given'"),
    (("events", 1, "given"), "'V2' depends on itself through 'given'"),
    (
        ("scenarios", 0, "events", 0),
        "'V1' is conditional on V2: list it (not negated) earlier in the scenario, or give 'V1' an "
        "unconditional probability",
    ),
    (
        ("scenarios", 0, "events", 1),
        "'V1' is already named in this scenario (events[0]): name each event once, as happening or not",
    ),
    (("scenarios", 0, "events", 2), "unknown event 'V5' (known: V1, V2, V3, H2)"),
    (("futures", "drivers", 0), "unknown event 'V6' (known: V1, V2, V3, H2)"),
    (("futures", "drivers", 1), "a driver must be an unconditional event; 'V3' is given V0"),
    (
        ("events", 3, "id"),
        "'H2' is also the id of one of the hypotheses: hypotheses, events and scenarios need ids of "
        "their own (a key judgement names one of them by id)",
    ),
    (
        ("key_judgements", 0, "about"),
        "unknown hypothesis, event or scenario 'Z1' (known: H1, H2, V1, V2, V3, H2, C1)",
    ),
    (("previous_assessment", "about"), "unknown hypothesis 'H0' (known: H1, H2)"),
    (
        ("previous_assessment", "date"),
        "2026-02-01 is after this assessment's date (2026-01-01): a previous assessment was made before "
        "this one",
    ),
    (
        ("evidence", 0, "analyst_ratings", "cat"),
        "'cat' is not one of the case's analysts (ann, bob)",
    ),
    (("evidence", 0, "analyst_ratings", "ann", "H6"), "unknown hypothesis 'H6' (known: H1, H2)"),
    (("estimates", "dan"), "'dan' is not one of the case's analysts (ann, bob)"),
    (
        ("estimates", "dan", "Q1"),
        "unknown hypothesis, event or scenario 'Q1' (known: C1, V1, V2, V3, H2, H1)",
    ),
    (("elicitation", "eve"), "'eve' is not one of the case's analysts (ann, bob)"),
    (("elicitation", "eve", "order", 0), "unknown evidence item 'E6' (known: E1, E2)"),
    (("elicitation", "eve", "entered", 0), "unknown evidence item 'E5' (known: E1, E2)"),
    (("deception", 0, "subject"), "unknown source 'S4' (known: S1)"),
    (
        ("deception", 1, "subject"),
        "source 'S4' is already answered (deception item 1): give each subject's answers in one entry",
    ),
    (("deception", 1, "subject"), "unknown source 'S4' (known: S1)"),
]

#: With hypotheses and events malformed: no reference to them is checked.
EXPECTED_INCOMPLETE = [
    (("sources", 1, "id"), "duplicate id 'S1' (also sources item 1)"),
    (("evidence", 0, "sources", 0), "unknown source 'S9' (known: S1)"),
    (("assumptions", 0, "evidence"), "unknown evidence item 'E9' (known: E1, E2)"),
    (
        ("assumptions", 1, "evidence"),
        "'E2' is evidence of type 'report'; link an assumption only to evidence of type 'assumption'",
    ),
    (("indicators", 0, "evidence", 0), "unknown evidence item 'E8' (known: E1, E2)"),
    (("scenarios", 0, "signposts", 0), "unknown indicator 'I7' (known: I1)"),
    (("relations", 0, "source"), "unknown actor 'X7' (known: X1)"),
    (("relations", 0, "evidence", 0), "unknown evidence item 'E7' (known: E1, E2)"),
    (("relations", 1, "target"), "'X1' is also the source: a relation ties two different actors"),
    (
        ("evidence", 0, "analyst_ratings", "cat"),
        "'cat' is not one of the case's analysts (ann, bob)",
    ),
    (("elicitation", "eve"), "'eve' is not one of the case's analysts (ann, bob)"),
    (("elicitation", "eve", "order", 0), "unknown evidence item 'E6' (known: E1, E2)"),
    (("elicitation", "eve", "entered", 0), "unknown evidence item 'E5' (known: E1, E2)"),
    (("deception", 0, "subject"), "unknown source 'S4' (known: S1)"),
    (
        ("deception", 1, "subject"),
        "source 'S4' is already answered (deception item 1): give each subject's answers in one entry",
    ),
    (("deception", 1, "subject"), "unknown source 'S4' (known: S1)"),
]


def test_each_kind_of_broken_reference_gives_its_line_in_order():
    assert reference_problems(BROKEN) == EXPECTED


def test_references_to_a_malformed_section_are_not_checked():
    problems = reference_problems(BROKEN, incomplete={"hypotheses", "events"})
    assert problems == EXPECTED_INCOMPLETE


def test_a_clean_case_has_no_problems():
    clean = {
        "analysts": ["ann"],
        "sources": [{"id": "S1"}],
        "hypotheses": [{"id": "H1"}],
        "evidence": [{"id": "E1", "sources": "S1", "ratings": {"H1": "C"}}],
    }
    assert reference_problems(clean) == []
