"""A stored text read as its reader reads it: hard-wrapped paragraphs joined into sentences,
headings and list items kept apart, and a title from the first heading or sentence."""

import textwrap

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sat.io.sentences import paragraphs, passages, sentences, title, wrap_width
from sat.io.sources import StoredSource, normalise
from sat.paths import DATA

SEEDS = sorted((DATA / "sources" / "china-japan-dual-use-2026").glob("*.txt"))

#: Two paragraphs about one event, hard-wrapped at 70 columns as an e-mail or a plain-text report is.
NORD_STREAM = """\
Nord Stream: what we know

On 26 September 2022 explosions ruptured the Nord Stream 1 and 2 gas
pipelines in the Baltic Sea. According to the report, divers, using the
cover of a mid-summer NATO exercise known as BALTOPS 22, planted the
remotely triggered explosives that, three months later, destroyed three
of the four pipelines \u2014 a claim Washington denied.

The White House called the report \u201cutterly false and complete
fiction\u201d. Moscow blamed the U.S. Navy. Investigators in Sweden and
Denmark closed their cases without naming anyone.
"""

NORD_STREAM_SENTENCES = [
    "Nord Stream: what we know",
    "On 26 September 2022 explosions ruptured the Nord Stream 1 and 2 gas pipelines in the "
    "Baltic Sea.",
    "According to the report, divers, using the cover of a mid-summer NATO exercise known as "
    "BALTOPS 22, planted the remotely triggered explosives that, three months later, destroyed "
    "three of the four pipelines \u2014 a claim Washington denied.",
    "The White House called the report \u201cutterly false and complete fiction\u201d.",
    "Moscow blamed the U.S. Navy.",
    "Investigators in Sweden and Denmark closed their cases without naming anyone.",
]


def test_a_hard_wrapped_text_reads_as_whole_sentences_in_its_own_characters():
    assert wrap_width(NORD_STREAM) == 71  # the longest lines, with the break's space
    assert passages(NORD_STREAM) == NORD_STREAM_SENTENCES
    found = StoredSource("S1", "a.txt", None, "ok", text=normalise(NORD_STREAM), raw=NORD_STREAM)
    assert all(found.holds(p) for p in NORD_STREAM_SENTENCES)


def test_headings_bullets_items_quotes_and_rows_stay_apart_from_the_wrapped_text():
    text = (
        "# Findings of the inquiry into the damage to\n"
        "\n"
        "The inquiry found traces of explosives on the seabed near the\n"
        "pipelines, and on a yacht that had been hired in Rostock by a\n"
        "company with no other business.\n"
        "- The yacht was hired for two weeks and returned\n"
        "  cleaned, the report says.\n"
        "- Its crew used forged passports.\n"
        "1. Traces of octogen were found on the table in\n"
        "   the cabin of the yacht.\n"
        "(b) A second vessel was seen.\n"
        "> Nobody has claimed the attack and the\n"
        "> investigation goes on.\n"
        "| vessel | hired |\n"
        "| Andromeda | Rostock |\n"
    )
    assert paragraphs(text) == [
        "Findings of the inquiry into the damage to",
        "The inquiry found traces of explosives on the seabed near the pipelines, and on a yacht "
        "that had been hired in Rostock by a company with no other business.",
        "The yacht was hired for two weeks and returned cleaned, the report says.",
        "Its crew used forged passports.",
        "1. Traces of octogen were found on the table in the cabin of the yacht.",
        "(b) A second vessel was seen.",
        "Nobody has claimed the attack and the investigation goes on.",
        "| vessel | hired |",
        "| Andromeda | Rostock |",
    ]


def test_a_text_of_a_paragraph_a_line_keeps_its_short_heading_lines_apart():
    text = (
        "China restricts dual-use exports to Japan amid Taiwan tensions\n"
        "Overview\n"
        "China announces a ban on export of dual-use military goods to Japan, citing national "
        "security concerns amid increased cross-strait tensions and regional friction.\n"
        "What China Has Banned and Why\n"
        "\u201cIntended for military use\u201d is how the ministry put it, and it gave no list.\n"
    )
    assert wrap_width(text) is None
    assert passages(text) == [line for line in text.splitlines() if line]


def test_a_line_broken_after_a_hyphen_inside_a_word_reads_as_one_word_as_the_quote_check_reads_it():
    text = (
        "The ban covers rare earths and other dual-use materials, from\n"
        "rare-\n"
        "earth magnets to drones \u2014\n"
        "and their parts; Sino-Japanese trade fell.\n"
    )
    assert passages(text) == [
        "The ban covers rare earths and other dual-use materials, from rare-earth magnets to "
        "drones \u2014 and their parts; Sino-Japanese trade fell."
    ]
    assert "rare-earth magnets to drones - and" in normalise(text)


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        (
            "Gen. Smith met U.S. officials on Jan. 5. They agreed.",
            ["Gen. Smith met U.S. officials on Jan. 5.", "They agreed."],
        ),
        (
            "J. R. Hartley wrote it. “Fine,” he said.",
            ["J. R. Hartley wrote it.", "“Fine,” he said."],
        ),
        ("1. BLUF (Bottom Line Up Front)", ["1. BLUF (Bottom Line Up Front)"]),
        ("Is it? yes. Then no! 2022 came.", ["Is it? yes.", "Then no!", "2022 came."]),
        ("Le 5 mai.\u00a0Puis rien.", ["Le 5 mai.\u00a0Puis rien."]),  # a no-break space holds
        ("It ended\u2026 Then (later) more.", ["It ended\u2026", "Then (later) more."]),
    ],
)
def test_sentences_end_where_a_reader_ends_them(paragraph, expected):
    assert sentences(paragraph) == expected


LONG_FIRST = (
    "On 26 September 2022, explosions ruptured the Nord Stream 1 and 2 gas pipelines in the "
    "Baltic Sea, after a mid-summer NATO exercise."
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Published 2026-01-07\n\n# Nord Stream:\nwhat we know\n\nText.", "Nord Stream:"),
        ("## Nord Stream: what we know\nText on the next line.", "Nord Stream: what we know"),
        ("Nord Stream: what we know\n\nText.", "Nord Stream: what we know"),
        ("Nord Stream\n===========\nText.", "Nord Stream"),
        (
            "On 26 September 2022, explosions ruptured the Nord Stream 1 and\n"
            "2 gas pipelines in the Baltic Sea. Nobody claimed them.\n",
            "On 26 September 2022, explosions ruptured the Nord Stream 1 and 2 gas pipelines in "
            "the Baltic Sea",
        ),
        (
            textwrap.fill(LONG_FIRST, 60),
            "On 26 September 2022, explosions ruptured the Nord Stream 1 and 2 gas pipelines in "
            "the Baltic Sea, after a mid-summer\u2026",  # 118 characters: "NATO" would pass 120
        ),
        ("\n \n", None),
    ],
    ids=[
        "a # heading",
        "a first-line heading",
        "a short first line",
        "underlined",
        "a wrapped first sentence",
        "a long first sentence",
        "no words",
    ],
)
def test_a_title_is_the_first_heading_or_else_the_first_sentence(text, expected):
    assert title(text) == expected


def test_a_title_cut_short_ends_at_a_word_within_the_limit():
    cut = title(LONG_FIRST.replace(".", ""), limit=40)
    assert cut == "On 26 September 2022, explosions\u2026" and len(cut) <= 40


def _wrapped(text: str, width: int, gap: str) -> str:
    """Every line of ``text`` hard-wrapped at ``width``, paragraphs apart by ``gap`` (a blank line
    kept as it is)."""
    return gap.join(
        textwrap.fill(line, width) if line.strip() else line for line in text.split("\n")
    )


@pytest.mark.parametrize("seed", SEEDS, ids=[s.name[:3] for s in SEEDS])
@pytest.mark.parametrize("width", [50, 60, 70, 79])
def test_the_example_cases_sources_read_the_same_hard_wrapped_as_written(seed, width):
    text = seed.read_text(encoding="utf-8")
    wrapped = _wrapped(text, width, "\n")
    assert wrap_width(wrapped) is not None and wrap_width(text) is None
    assert passages(wrapped) == passages(text)
    assert title(wrapped) == title(text)
    found = StoredSource("S1", "a.txt", None, "ok", text=normalise(wrapped), raw=wrapped)
    assert all(found.holds(p) for p in passages(wrapped))


#: Words of two letters or more, with a hyphen or an apostrophe inside or not, none an
#: abbreviation ("vs." at a sentence's end reads as an abbreviation, wrapped or not).
_LETTERS = st.text("abcdefghijklmnopqrstuvwxyz\u00e9", min_size=1, max_size=6)
_WORDS = (
    st.tuples(_LETTERS, st.sampled_from(["", "-", "\u2019"]), _LETTERS)
    .map(lambda parts: "".join(parts) if parts[1] else parts[0])
    .filter(lambda w: len(w) > 1 and w not in ("vs", "cf", "al", "ca", "approx"))
)
_SENTENCE = st.lists(_WORDS, min_size=2, max_size=14).map(
    lambda words: " ".join([words[0].capitalize(), *words[1:]]) + "."
)
_PARAGRAPH = st.lists(_SENTENCE, min_size=1, max_size=5).map(" ".join)


@settings(max_examples=80, deadline=None)
@given(st.lists(_PARAGRAPH, min_size=1, max_size=5), st.integers(24, 100))
def test_any_text_wrapped_at_any_width_gives_the_sentences_it_had_unwrapped(paras, width):
    written = "\n\n".join(paras)
    wrapped = _wrapped(written, width, "\n")
    assert passages(wrapped) == passages(written) == [s for p in paras for s in sentences(p)]
    found = StoredSource("S1", "a.txt", None, "ok", text=normalise(wrapped), raw=wrapped)
    assert all(found.holds(p) for p in passages(wrapped))
