"""The reader of an analyst's words (sat.techniques.wording) and the claims of its findings.

Bands are written out by hand from SAT-REFERENCE section 2 (ICD 203's table, both columns, and
the UK yardstick), with the module's documented conventions: the scale's ends stretched to 0%
and 100%, and a word in both tables read with the wider band.
"""

from __future__ import annotations

import dataclasses
import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import sat
from sat.language import UK_YARDSTICK, span, words
from sat.paths import EXAMPLE_CASE
from sat.report.claims import conflict_claims, review_claims
from sat.report.conditions import CONDITIONS, Facts, holds
from sat.report.conditions import review as review_conditions
from sat.techniques.wording import (
    TERMS,
    Figures,
    check,
    compare,
    conflicts,
    expressions,
    review,
    sentences,
)

# (words, band), by hand from the tables.
ICD_LIKELIHOOD = [
    ("almost no chance", (0.0, 0.05)),
    ("very unlikely", (0.05, 0.20)),
    ("unlikely", (0.20, 0.45)),
    ("roughly even chance", (0.45, 0.55)),
    ("likely", (0.55, 0.80)),
    ("very likely", (0.80, 0.95)),
    ("almost certain", (0.95, 1.0)),
    ("almost certainly", (0.95, 1.0)),
]
ICD_PROBABILITY = [
    ("remote", (0.0, 0.05)),
    ("highly improbable", (0.05, 0.20)),
    ("improbable", (0.20, 0.45)),
    ("roughly even odds", (0.45, 0.55)),
    ("probable", (0.55, 0.80)),
    ("highly probable", (0.80, 0.95)),
    ("nearly certain", (0.95, 1.0)),
]
UK = [
    ("remote chance", (0.0, 0.05)),
    ("highly unlikely", (0.10, 0.20)),
    ("unlikely", (0.20, 0.45)),  # UK 25-35%, inside ICD 203's 20-45%: the wider
    ("realistic possibility", (0.40, 0.50)),
    ("likely", (0.55, 0.80)),  # UK 55-75%, ICD 55-80%
    ("probably", (0.55, 0.80)),  # UK 55-75%, ICD 203's "probable" 55-80%
    ("highly likely", (0.80, 0.90)),
    ("almost certain", (0.95, 1.0)),
]
TABLES = ICD_LIKELIHOOD + ICD_PROBABILITY + UK


def one(text: str, kind: str = "estimative"):
    found = [e for e in expressions(text) if e.kind == kind]
    assert len(found) == 1, (text, found)
    return found[0]


def relation(text: str, low: float, high: float) -> str:
    return check(one(text), Figures("H1", (low, high))).relation


# --- every term of both tables, at, inside and outside its band ----------------------------------


@pytest.mark.parametrize(("term", "band"), TABLES)
def test_each_term_is_read_with_its_band(term, band):
    e = one(f"We judge that H1 is {term}.")
    assert e.phrase == term and e.band == pytest.approx(band) and not e.negated
    assert e.source  # every band says where it comes from


@pytest.mark.parametrize(("term", "band"), TABLES)
def test_each_term_at_inside_and_outside_its_band(term, band):
    low, high = band
    text = f"H1 is {term}."
    side = one(text).side
    assert relation(text, low, high) == "inside"  # at the band: its two ends
    mid = (low + high) / 2
    assert relation(text, mid - 0.01, mid + 0.01) == "inside"
    if high < 1:  # the analysis above the band: the word says less than it
        expected = "weaker" if side in ("likely", "even") else "stronger"
        assert relation(text, min(1.0, high + 0.02), min(1.0, high + 0.04)) == expected
    if low > 0:  # below it: a likely- or even-side word says more
        expected = "stronger" if side in ("likely", "even") else "weaker"
        assert relation(text, max(0.0, low - 0.04), low - 0.02) == expected
    assert relation(text, max(0.0, low - 0.02), min(1.0, low + 0.01)) in ("inside", "overlaps")


def test_overlap_is_consistent_but_not_inside():
    """SAT-REFERENCE section 10 prints one word only when the range stays inside its band:
    a word only overlapping the range is consistent (no problem) but not inside."""
    finding = check(one("H1 is likely."), Figures("H1", (0.50, 0.70)))
    assert finding.relation == "overlaps" and not finding.problem and not finding.stronger
    assert compare((0.55, 0.80), "likely", (0.80, 0.90)) == "overlaps"  # touching at 80%


def test_the_wrong_side_of_even_is_stronger():
    assert relation("H1 is likely.", 0.10, 0.20) == "stronger"
    assert relation("H1 is unlikely.", 0.70, 0.80) == "stronger"
    assert relation("H1 is unlikely.", 0.02, 0.04) == "weaker"
    assert relation("H1 is likely.", 0.90, 0.97) == "weaker"


def test_an_even_chance_above_the_range_is_stronger():
    """An even-chance word makes a hypothesis the analysis puts lower sound more probable
    (stronger); said of one it puts higher, it understates it (weaker)."""
    assert relation("It is a roughly even chance.", 0.01, 0.03) == "stronger"
    assert relation("H1 is a realistic possibility.", 0.12, 0.21) == "stronger"
    assert relation("H1 is a toss-up.", 0.12, 0.21) == "stronger"
    assert relation("H1 is as likely as not.", 0.12, 0.21) == "stronger"
    assert relation("It is a roughly even chance.", 0.90, 0.97) == "weaker"
    assert relation("It is a realistic possibility.", 0.70, 0.80) == "weaker"
    assert relation("There is no realistic possibility of it.", 0.70, 0.80) == "stronger"


@pytest.mark.parametrize(
    ("text", "phrase", "band"),
    [
        ("H1 is extremely likely.", "extremely likely", (0.80, 0.95)),
        ("H1 is extremely unlikely.", "extremely unlikely", (0.05, 0.20)),
        ("H1 is a near certainty.", "near certainty", (0.95, 1.0)),
        ("H1 is a virtual certainty.", "virtual certainty", (0.95, 1.0)),
        ("H1 is not a near certainty.", "not a near certainty", (0.0, 0.95)),
    ],
)
def test_intensified_and_noun_forms(text, phrase, band):
    e = one(text)
    assert (e.phrase, e.band) == (phrase, band) and e.source.startswith("convention")


def test_longest_term_wins():
    assert one("H1 is very likely.").band == (0.80, 0.95)
    assert one("H1 is highly unlikely.").band == (0.10, 0.20)
    assert one("H1 is almost certainly right.").term == "almost certain"


def test_remote_is_read_only_of_a_chance():
    assert one("The chance is remote.").band == (0.0, 0.05)
    assert one("There is a remote possibility of war.").band == (0.0, 0.05)
    assert [e for e in expressions("Firms in a remote region ship rare earths.")] == []


# --- negation and inversion ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "band", "side"),
    [
        ("It is not likely.", (0.0, 0.55), "unlikely"),
        ("It isn't likely.", (0.0, 0.55), "unlikely"),
        ("It isn’t likely.", (0.0, 0.55), "unlikely"),
        ("It is not very likely.", (0.0, 0.80), "unlikely"),
        ("It is not almost certain.", (0.0, 0.95), "unlikely"),
        ("It is not unlikely.", (0.45, 1.0), "likely"),
        ("There is no realistic possibility of it.", (0.0, 0.40), "unlikely"),
        ("China is unlikely not to respond.", (0.55, 0.80), "likely"),
        ("China is likely not to respond.", (0.20, 0.45), "unlikely"),
        ("H1 is probably not the answer.", (0.20, 0.45), "unlikely"),
        ("China probably won't respond.", (0.20, 0.45), "unlikely"),
        ("China probably will not respond.", (0.20, 0.45), "unlikely"),
        ("It is almost certainly not H2.", (0.0, 0.05), "unlikely"),
        ("We cannot rule out H3.", (0.01, 1.0), "likely"),
        ("H3 cannot be ruled out.", (0.01, 1.0), "likely"),
        ("H3 is ruled out.", (0.0, 0.01), "unlikely"),
    ],
)
def test_negation_and_inversion(text, band, side):
    e = one(text)
    assert e.band == pytest.approx(band) and e.side == side
    assert e.negated == any(w in text for w in ("not", "n't", "n’t", "no "))


def test_unlikely_is_a_term_not_a_negation():
    e = one("A Taiwan link is unlikely.")
    assert e.band == (0.20, 0.45) and not e.negated


def test_not_likely_said_of_a_probable_hypothesis_is_stronger():
    assert relation("H1 is not likely.", 0.85, 0.90) == "stronger"
    assert relation("H1 is not likely.", 0.30, 0.40) == "inside"
    assert relation("H3 cannot be ruled out.", 0.001, 0.005) == "stronger"
    assert relation("H3 cannot be ruled out.", 0.02, 0.30) == "inside"


def test_not_only_is_no_negation():
    assert one("It is likely not only because of E2.").band == (0.55, 0.80)


@pytest.mark.parametrize(
    ("text", "band", "side"),
    [
        ("We do not judge it likely that H1 happened.", (0.0, 0.55), "unlikely"),
        ("We don't think H1 is likely.", (0.0, 0.55), "unlikely"),
        ("We do not assess H1 as likely.", (0.0, 0.55), "unlikely"),
        ("We do not think H1 is unlikely.", (0.45, 1.0), "likely"),
        ("We doubt that H1 is likely.", (0.0, 0.55), "unlikely"),
        ("H1 is no longer likely.", (0.0, 0.55), "unlikely"),
        ("H1 is neither likely nor plausible.", (0.0, 0.55), "unlikely"),
        ("It is unlikely that H1 did not happen.", (0.55, 0.80), "likely"),
        ("It is likely that H1 is wrong.", (0.20, 0.45), "unlikely"),
        ("There is a 10% chance that H1 is wrong.", (0.895, 0.905), "likely"),
        ("There is less than a 10% chance that H1 is false.", (0.895, 1.0), "likely"),
    ],
)
def test_a_negating_frame_or_an_opposite_clause(text, band, side):
    """A negation further from the term in its clause is read (``terms.negate``), and a clause
    after it saying the opposite of what it names ("that H1 is wrong") mirrors it."""
    e = one(text)
    assert e.band == pytest.approx(band) and e.side == side and e.negated


def test_a_negation_in_another_clause_or_a_comparative_is_not_a_frame():
    assert one("We do not know the date, but H1 is likely.").band == (0.55, 0.80)
    assert one("There is no doubt that China acted, and H1 is likely.").band == (0.55, 0.80)
    assert one("It is likely that H1 holds, and H2 is not the answer.").band == (0.55, 0.80)
    assert one("We assess H1 as likely.").band == (0.55, 0.80)
    assert one("We see H1 as unlikely.").band == (0.20, 0.45)
    for text in ("H1 is as likely as H2.", "H1 is just as likely.", "H1 is as probable as not H2."):
        assert [e for e in expressions(text) if e.kind == "estimative"] == [], text


@pytest.mark.parametrize(
    "text",
    [
        "H1 is not a 90% chance.",
        "We do not think there is a 90% chance of H1.",
        "We do not think it is not likely.",
        "It is likely that China will not lift the controls.",
        "It is not likely that H1 did not happen.",
    ],
)
def test_words_the_reader_cannot_resolve_are_unchecked(text):
    """A denied figure, a negation both around and within the words, or a negated clause after
    them that need not be the hypothesis's opposite: no band, so never called stronger."""
    e = one(text)
    assert e.band is None and e.side is None and e.negated
    for rng in ((0.01, 0.02), (0.5, 0.6), (0.97, 0.99)):
        finding = check(e, Figures("H1", rng))
        assert finding.relation == "unchecked" and not finding.problem
    assert [f.relation for f in review(text, Figures("H1", (0.5, 0.6)))] == ["unchecked"]


def test_a_frame_denies_most_likely():
    assert ranking("We do not think H2 is the most likely.", "H2", ("H1",)) == "consistent"
    assert ranking("We do not think H1 is the most likely.", "H1", ("H1",)) == "denies_leader"


# --- certainty: "will" hedged and unhedged -------------------------------------------------------


def certainty(text: str) -> list[str]:
    return [e.phrase for e in expressions(text) if e.kind == "certainty"]


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("China will retaliate.", ["will"]),
        ("China won't back down.", ["won't"]),
        ("China won’t back down.", ["won’t"]),
        ("China will likely retaliate.", []),
        ("It will almost certainly retaliate.", []),
        ("We judge it will probably not retaliate.", []),
        ("China may retaliate, and it will do so soon.", []),
        ("China will most likely retaliate.", []),
        ("The political will is weak.", []),
        ("Will China retaliate?", []),
        ('The ministry said it "will certainly respond".', []),
        ("It is clearly H1, which the timing proves.", ["clearly", "proves"]),
        ("There is no doubt that it was planned.", ["There is no doubt"]),
        ("It is undoubtedly and definitely H1.", ["undoubtedly", "definitely"]),
        ("It is not certain.", []),
        ("It is certain that H1 holds.", ["certain"]),
        ("In May the ministry will act.", ["will"]),
    ],
)
def test_certainty_markers_hedged_and_unhedged(text, found):
    assert certainty(text) == found


def test_a_will_in_another_sentence_is_not_hedged():
    text = "H1 is likely. China will retaliate."
    assert certainty(text) == ["will"]
    (f,) = [f for f in review(text, Figures("H1", (0.6, 0.7))) if f.check == "certainty"]
    assert f.relation == "unhedged" and f.stronger


@pytest.mark.parametrize(
    ("text", "found"),
    [
        ("It is clear that H1 happened.", ["It is clear"]),
        ("H1 must have happened.", ["must have"]),
        ("We are certain H1 happened.", ["We are certain"]),
        ("We're sure that H1 happened.", ["We're sure"]),
        ("H1 surely happened.", ["surely"]),
        ("There is no question that H1 happened.", ["There is no question"]),
        ("H1 is beyond question.", ["beyond question"]),
        ("H1 is bound to continue.", ["bound to"]),
        ("It is not clear that H1 happened.", []),
        ("We are not sure H1 happened.", []),
        ("China is bound to the treaty.", []),
        ("H1 must have happened, and H2 is unlikely.", []),
    ],
)
def test_more_certainty_markers(text, found):
    assert certainty(text) == found


# --- percentages, ranges and fractions -----------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "phrase", "band"),
    [
        ("There is a 70% chance of it.", "70% chance", (0.695, 0.705)),
        ("We put it at a 60-70% chance.", "60-70% chance", (0.595, 0.705)),
        ("The probability is 60–70 per cent.", "60–70 per cent", (0.595, 0.705)),
        ("A 60% to 70% chance.", "60% to 70% chance", (0.595, 0.705)),
        ("A between 60 and 70 percent chance.", "between 60 and 70 percent chance", (0.595, 0.705)),
        ("It is 62.5% likely.", "62.5% likely", (0.6245, 0.6255)),
        ("It is about 70% likely.", "about 70% likely", (0.645, 0.755)),
        ("There is a more than 30% chance.", "more than 30% chance", (0.295, 1.0)),
        ("There is less than a 10% chance.", "less than a 10% chance", (0.0, 0.105)),
        ("There is a one in three chance.", "one in three chance", (1 / 3, 1 / 3)),
        ("A one-in-four chance.", "one-in-four chance", (0.25, 0.25)),
        ("The odds are one in three.", "one in three", (1 / 3, 1 / 3)),
        ("H1 is likely (55–80%).", "55–80%", (0.545, 0.805)),
        ("H1 has a probability between 60 and 70%.", "between 60 and 70%", (0.595, 0.705)),
        ("Probability of H1: 90%.", "90%", (0.895, 0.905)),
        ("H1 has odds of 9 to 1.", "9 to 1", (0.9, 0.9)),
        ("The odds of H1 are 9:1.", "9:1", (0.9, 0.9)),
        ("H1 has 3-to-1 odds in its favour.", "3-to-1 odds", (0.75, 0.75)),
        ("The odds are 9 to 1 against H1.", "9 to 1 against", (0.1, 0.1)),
        ("There is a probability of 0.7 that H1 holds.", "0.7", (0.65, 0.75)),
        ("We put the probability of H1 at 0.9.", "0.9", (0.85, 0.95)),
        ("P(H1) = 0.72.", "0.72", (0.715, 0.725)),
        ("P = .85 for H1.", ".85", (0.845, 0.855)),
    ],
)
def test_percentages_ranges_and_fractions(text, phrase, band):
    (e,) = [e for e in expressions(text) if e.term in ("percentage", "ratio", "odds", "decimal")]
    assert e.phrase == phrase and e.band == pytest.approx(band)
    assert text[e.span[0] : e.span[1]] == phrase


@pytest.mark.parametrize(
    "text",
    [
        "A 25% tariff took effect.",
        "Exports fell 60-70% in 2023.",
        "Some 70 per cent of output goes abroad.",
        "The first one in ten years.",
        "The vote was 9 to 1.",
        "At 9:30 the ministry met.",
        "A 0.7 share of exports.",
        "GDP fell 0.9%.",
    ],
)
def test_a_number_without_a_cue_is_no_probability(text):
    assert expressions(text) == ()


def test_a_copied_rounded_range_is_inside():
    """A figure copied from the brief's rounded print is read as the print meant it."""
    assert relation("A 27–41% chance.", 0.267023, 0.407292) == "inside"
    assert relation("A 62% chance.", 0.6234, 0.6234) == "inside"
    assert relation("A 62% chance.", 0.60, 0.70) == "overlaps"  # more precise than the analysis
    assert relation("A 90% chance.", 0.60, 0.70) == "stronger"


# --- sentences ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The U.S. imposed controls. It acted.", ["The U.S. imposed controls.", "It acted."]),
        (
            "Sanctions on the U.S. The ministry acted.",
            ["Sanctions on the U.S.", "The ministry acted."],
        ),
        ("Some firms, e.g. Huawei, were listed.", ["Some firms, e.g. Huawei, were listed."]),
        ("Firms, i.e. The Big Three, complied.", ["Firms, i.e. The Big Three, complied."]),
        ("A 0.7 share. A 2.5% cut.", ["A 0.7 share.", "A 2.5% cut."]),
        (
            "Mr. Li and Dr. Wu met on Jan. 5. No deal.",
            ["Mr. Li and Dr. Wu met on Jan. 5.", "No deal."],
        ),
        ("J. Smith wrote it. Really!", ["J. Smith wrote it.", "Really!"]),
        ("One.\n\n- two\n- three", ["One.", "- two", "- three"]),
    ],
)
def test_sentences_keep_abbreviations_and_decimals(text, expected):
    assert [text[a:b] for a, b in sentences(text)] == expected


def test_an_abbreviation_does_not_end_the_sentence_that_hedges():
    # "U.S." does not end the sentence, so "likely" hedges its "will"
    assert certainty("The U.S. will likely respond.") == []
    assert certainty("The U.S. will respond, e.g. with tariffs. It is likely.") == ["will"]


# --- ranking: "most likely" said of a non-leader -------------------------------------------------


def ranking(text: str, about: str, leaders: tuple[str, ...]) -> str:
    return check(one(text, "ranking"), Figures(about, leaders=leaders)).relation


def test_most_likely_of_a_non_leader():
    assert ranking("H2 is the most likely explanation.", "H2", ("H1",)) == "not_leader"
    assert ranking("H1 is the most likely explanation.", "H1", ("H1",)) == "consistent"
    assert ranking("H1 is the likeliest.", "H1", ("H1", "H4")) == "tied"
    assert ranking("H1 is not the most likely.", "H1", ("H1",)) == "denies_leader"
    assert ranking("H2 is not the most likely.", "H2", ("H1",)) == "consistent"
    assert ranking("H2 is the most probable.", "H2", ()) == "unchecked"
    assert [e.kind for e in expressions("H2 is the second most likely.")] == []


# --- confidence ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "level", "computed", "expected"),
    [
        ("We have high confidence in H1.", "high", "low", "above"),
        ("We assess with moderate confidence.", "moderate", "moderate", "same"),
        ("Medium confidence.", "moderate", "high", "below"),
        ("Our confidence in this judgement is low.", "low", "moderate", "below"),
        ("We are confident it was planned.", "high", "moderate", "above"),
        ("We are fairly confident.", "moderate", "moderate", "same"),
        ("We do not have high confidence.", "high", "low", "same"),
        ("We do not have high confidence.", "high", "high", "below"),
        ("A high-confidence judgement.", "high", "high", "same"),
        ("We have low-to-moderate confidence.", "low", "low", "same"),
        ("We have low-to-moderate confidence.", "low", "moderate", "same"),
        ("We have low to moderate confidence.", "low", "high", "below"),
        ("We have moderate–high confidence.", "moderate", "low", "above"),
        ("We lack high confidence.", "high", "moderate", "same"),
        ("We lack high confidence.", "high", "high", "below"),
        ("We have considerable confidence.", "moderate", "high", "same"),
        ("We have considerable confidence.", "moderate", "low", "above"),
        ("We have strong confidence in H1.", "high", "moderate", "above"),
        ("Confidence: high.", "high", "high", "same"),
        ("Confidence: low to moderate.", "low", "high", "below"),
    ],
)
def test_confidence_expressions(text, level, computed, expected):
    e = one(text, "confidence")
    assert e.level == level
    assert check(e, Figures(confidence=computed)).relation == expected


def test_confidence_is_checked_only_when_assessed_and_said_apart_from_likelihood():
    e = one("We have high confidence.", "confidence")
    assert check(e, Figures()).relation == "unchecked"
    found = review("We judge with high confidence that H1 is likely.", Figures("H1", (0.6, 0.7)))
    assert ("confidence", "with_likelihood") in [(f.check, f.relation) for f in found]


# --- review, conflicts and the frozen records ----------------------------------------------------


def test_a_judgement_about_a_hypothesis_with_no_likelihood_word():
    (f,) = review("H1 explains the embargo.", Figures("H1", (0.6, 0.7)))
    assert f.relation == "missing" and f.problem and not f.stronger
    assert review("The embargo began in May.", Figures()) == ()
    assert review("S1 follows.", Figures("S1", why="not_a_hypothesis")) == ()


def test_statements_that_cannot_both_hold():
    a, b = expressions("H1 is likely."), expressions("H2 is very likely.")
    c = expressions("H1 is very unlikely.")
    first = expressions("H2 is the most likely."), expressions("H1 is the most likely.")
    h = {"H1", "H2", "H3"}
    assert [x.rule for x in conflicts([("H1", a), ("H2", b)], hypotheses=h)] == ["exceed"]
    assert [x.rule for x in conflicts([("H1", a), ("H1", c)], hypotheses=h)] == ["disjoint"]
    assert [x.rule for x in conflicts([("H2", first[0]), ("H1", first[1])], hypotheses=h)] == [
        "two_first"
    ]
    assert conflicts([("H1", a), ("H3", c)], hypotheses=h) == ()
    assert conflicts([("H1", a), ("H2", b)], hypotheses=h, overlapping=[{"H1", "H2"}]) == ()
    assert conflicts([("H1", a), ("S1", b)], hypotheses=h) == ()  # a scenario excludes nothing


def test_results_are_immutable():
    e = one("H1 is likely.")
    with pytest.raises(dataclasses.FrozenInstanceError):
        e.band = (0.0, 1.0)  # type: ignore[misc]
    f = check(e, Figures("H1", (0.6, 0.7)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        f.relation = "stronger"  # type: ignore[misc]
    assert e.to_dict()["band"] == [0.55, 0.8] and f.to_dict()["figures"]["range"] == [0.6, 0.7]


# --- properties ----------------------------------------------------------------------------------

#: Words that are no estimative, confidence, ranking, hedge or certainty word, and no negation.
_NEUTRAL = (
    "the ministry announced export controls on firms in Beijing and its trade partners after "
    "talks with officials from Taipei on rare earths licences shipments fell markets Huawei "
    "E25 H1 a of by were tightened measures"
)
NEUTRAL = _NEUTRAL.split()
#: Phrases to insert, with their bands (``remote`` alone needs a predicate: left out).
PHRASES = [
    (form, term.band)
    for term in TERMS.values()
    for form in term.forms
    if form != "remote" and term.negatable
] + [
    ("70% chance", (0.695, 0.705)),
    ("one in three chance", (1 / 3, 1 / 3)),
    ("between 60 and 70 percent chance", (0.595, 0.705)),
    ("not likely", (0.0, 0.55)),
    ("probably not", (0.20, 0.45)),
]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(NEUTRAL), max_size=12),
    st.sampled_from(PHRASES),
    st.lists(st.sampled_from(NEUTRAL), max_size=12),
)
def test_an_expression_inserted_anywhere_is_found_with_its_span(before, phrase_band, after):
    phrase, band = phrase_band
    head = " ".join(before) + (" " if before else "")
    text = head + phrase + (" " + " ".join(after) if after else "") + "."
    spans = {e.span: e for e in expressions(text) if e.kind == "estimative"}
    at = (len(head), len(head) + len(phrase))
    assert at in spans, (text, spans)
    assert spans[at].band == pytest.approx(band) and text[at[0] : at[1]] == phrase


@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [*NEUTRAL, "25%", "3.5%", "60-70%", "2023", "one", "in", "ten", "U.S.", "e.g."]
        )
        | st.text(alphabet="bcdfghjkmnpqrstvwxz", min_size=1, max_size=8),
        max_size=30,
    ),
    st.sampled_from([".", "!", ";", ","]),
)
def test_text_with_no_estimative_word_yields_none(tokens, stop):
    text = " ".join(tokens) + stop
    assert [e for e in expressions(text) if e.kind in ("estimative", "ranking")] == []


@settings(max_examples=400, deadline=None)
@given(st.floats(min_value=0.0, max_value=1.0, allow_nan=False))
def test_every_word_sat_prints_reads_back_to_a_band_holding_the_probability(p):
    """The reader and the writer share one table: ``sat.language.words(p)``'s terms, read back,
    allow p."""
    estimate = words(p, uk=True)
    for term in (estimate.likelihood, estimate.probability_term):
        e = one(f"We judge that H1 is {term}.")
        assert e.band[0] <= p <= e.band[1], (p, term, e.band)
    for e in expressions(f"H1 is {estimate}."):  # "likely (55–80%)": the word and the range
        assert e.band[0] <= p <= e.band[1], (p, str(estimate), e)
    if "gap" not in estimate.uk:
        for e in expressions(f"H1 is {estimate.uk}."):  # "likely or probably": both words
            assert e.band[0] <= p <= e.band[1], (p, estimate.uk, e)


@settings(max_examples=300, deadline=None)
@given(
    st.floats(min_value=0.0, max_value=1.0, allow_nan=False),
    st.floats(min_value=0.0, max_value=1.0, allow_nan=False),
)
def test_every_span_sat_prints_reads_back_to_a_band_holding_the_range(a, b):
    lo, hi = sorted((a, b))
    text = f"H1 is {span(lo, hi)}."  # "unlikely to roughly even chance (20–55%)"
    found = [e for e in expressions(text) if e.kind == "estimative"]
    assert found and all(e.band[0] <= lo and hi <= e.band[1] for e in found), (text, found)
    assert check(found[0], Figures("H1", (lo, hi))).relation == "inside"


bands = st.tuples(st.floats(0, 1), st.floats(0, 1)).map(lambda t: tuple(sorted(t)))


@settings(max_examples=500, deadline=None)
@given(bands, st.sampled_from(["likely", "unlikely", "even"]), bands)
def test_compare_follows_its_rule(band, side, rng):
    r = compare(band, side, rng)
    (low, high), (lo, hi) = band, rng
    apart = low > hi + 1e-9 or high < lo - 1e-9
    assert (r in ("stronger", "weaker")) == apart
    assert (r == "inside") == (low - 1e-9 <= lo and hi <= high + 1e-9)
    if r == "stronger":
        assert (low > hi and side in ("likely", "even")) or (high < lo and side == "unlikely")
    if r == "weaker":
        assert (high < lo and side in ("likely", "even")) or (low > hi and side == "unlikely")


def test_every_table_word_is_known():
    known = {form for term in TERMS.values() for form in term.forms}
    for name, _, _ in UK_YARDSTICK:
        assert set(name.split(" or ")) <= known
    assert {w for w, _ in ICD_LIKELIHOOD + ICD_PROBABILITY} <= known


# --- claims and their conditions, on the example case ---------------------------------------------


@pytest.fixture(scope="module")
def example():
    analysis = sat.analyse(sat.load_case(EXAMPLE_CASE))
    return analysis, Facts.of(analysis)


STATEMENTS = [
    ("H1", "H1 is almost certainly the explanation, and we have high confidence in it."),
    ("H1", "H1 is likely (60–70%)."),
    ("H1", "H1 is the best explanation."),
    ("H1", "H1 is unlikely, and the most likely explanation."),
    ("H2", "H2 is the most likely explanation."),
    ("H2", "H2 is unlikely."),
    ("H1", "There is a 30-35% chance of H1."),
    ("H2", "H2 is remote. Our confidence is low."),
    ("H3", "We cannot rule out H3. We are not confident."),
    ("H1", "China will extend the controls."),
    ("H2", "H2 is a realistic possibility."),
    ("H1", "H1 is not a 60% chance."),
    ("S1", "The controls will likely widen."),
    (None, "H1 is probable."),
]


def _claims(analysis, case):
    said = []
    for i, (about, text) in enumerate(STATEMENTS):
        figures = Figures.of(analysis.bayes, analysis.confidence, about)
        said += review_claims(review(text, figures), case, f"key_judgements[{i}]", text)
    read = [(about, expressions(text)) for about, text in STATEMENTS]
    hypotheses = {x.id for x in case.hypotheses}
    said += conflict_claims(conflicts(read, hypotheses=hypotheses), STATEMENTS, case)
    return said


def test_the_review_claims_hold_on_the_example(example):
    analysis, facts = example
    claims = _claims(analysis, analysis.case)
    kinds = {c.kind for c in claims}
    assert {
        "review.stronger",
        "review.weaker",
        "review.overlaps",
        "review.unchecked",
        "review.confidence_above",
        "review.with_likelihood",
        "review.unhedged",
        "review.not_leader",
        "review.missing",
        "review.conflict",
    } <= kinds
    for claim in claims:
        assert claim.kind in CONDITIONS
        assert holds(claim, facts), (claim.kind, claim.text)
        assert not re.search(r"\bNone\b|\bnan\b", claim.text), claim.text
    (unread,) = [c for c in claims if c.kind == "review.unchecked" and "60%" in c.text]
    assert unread.text == (
        '"60% chance" cannot be checked against the analysis: the words around it deny or turn '
        "it in a way the reader does not resolve (a denied figure, a negation both around and "
        "within it, or a negated clause after it)."
    )
    assert any(c.kind == "review.stronger" and "realistic possibility" in c.text for c in claims)
    stronger = next(c for c in claims if c.kind == "review.stronger")
    assert stronger.text == (
        '"almost certainly" (95–100%) is stronger than the analysis, which puts H1 (Coercion '
        "over Taiwan) at 27% to 41% across the likelihood tables: unlikely (20–45%)."
    )


def test_a_review_claim_with_the_wrong_figures_fails(example):
    analysis, facts = example
    for claim in _claims(analysis, analysis.case):
        figures = dict(claim.figures)
        if claim.kind in ("review.stronger", "review.weaker", "review.overlaps"):
            figures["range"] = (figures["range"][0] + 0.01, figures["range"][1])
        elif claim.kind in ("review.confidence_above", "review.confidence_below"):
            figures["computed"] = "high"
        elif claim.kind in ("review.unhedged", "review.with_likelihood", "review.not_leader"):
            figures["at"] += 1
        elif claim.kind == "review.unchecked" and claim.figures.get("phrase") == "60% chance":
            figures["sentence"] = "H1 is a 60% chance."  # read afresh: a band, not unresolved
        elif claim.kind == "review.missing":
            figures["text"] = "H1 is likely."
        elif claim.kind == "review.conflict":  # another rule than the one that holds
            figures["rule"] = "exceed" if figures["rule"] != "exceed" else "disjoint"
        else:
            continue
        assert not CONDITIONS[claim.kind](facts, figures), claim.kind


def test_every_review_kind_has_a_condition_and_a_row_in_the_docs():
    from sat.paths import ROOT
    from sat.report.claims.review import KIND

    docs = (ROOT / "docs" / "techniques.md").read_text(encoding="utf-8")
    summary = {"review.nothing", "review.clean", "review.outruns"}  # summary_claims
    kinds = {*KIND.values(), "review.conflict", *summary}
    assert kinds == set(review_conditions.CONDITIONS)
    assert [k for k in kinds if f"`{k}`" not in docs] == []


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=200))
def test_any_text_is_read_without_error_and_every_span_is_its_phrase(text):
    for e in expressions(text):
        assert text[e.span[0] : e.span[1]] == e.phrase
        assert e.sentence[0] <= e.span[0] < e.span[1] <= e.sentence[1]
        assert e.band is None or 0.0 <= e.band[0] <= e.band[1] <= 1.0
