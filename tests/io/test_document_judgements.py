"""Key judgements edited through the document layer: by position (they need no id), a run of
typing one undo step, the section started and removed in place, every other line kept."""

from pathlib import Path

import pytest

from sat.errors import CaseError
from sat.io.document import CaseDocument
from tests.io.test_document import changed_lines as changed

HAND = Path(__file__).parents[1] / "fixtures" / "hand.yaml"

SPACED = """\
id: spaced
title: A spaced case
question: Which fits?
date: 2026-01-01
analysts: [tester]

hypotheses:
  - {id: H1, label: First, statement: The first explanation.}
  - {id: H2, label: Second, statement: The second explanation.}

evidence:
  - {id: E1, summary: One, credibility: H, relevance: H, ratings: {H1: C, H2: I}}

# The analysts' judgements (a heading comment).
key_judgements:
  - id: KJ1
    about: H1
    text: >-
      The first explanation is likely, on the one item
      we have.
  - text: The second is unlikely.
    about: H2

tags: [a, b]
"""


@pytest.fixture
def spaced(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(SPACED)
    return path


def test_typing_a_judgement_is_one_undo_step_and_keeps_its_folded_style(spaced):
    doc = CaseDocument(spaced)
    for end in range(1, 13):
        doc.set_key_judgement(0, text="It is likely"[:end], typing=True)
    assert doc.case.key_judgements[0].text == "It is likely"
    assert changed(SPACED, doc.text) == [
        "-      The first explanation is likely, on the one item",
        "-      we have.",
        "+      It is likely",
    ]  # still a folded block under text: >-
    doc.undo()  # the whole run of typing
    assert doc.text == SPACED and not doc.can_undo


def test_typing_in_another_judgement_or_after_another_edit_is_a_new_step(spaced):
    doc = CaseDocument(spaced)
    doc.set_key_judgement(0, text="First, typed.", typing=True)
    doc.set_key_judgement(1, text="Second, typed.", typing=True)
    doc.set_key_judgement(1, text="Second, typed again.", typing=True)
    doc.set_key_judgement(1, about=None)
    doc.set_key_judgement(1, text="Second, typed after.", typing=True)
    assert [kj.text for kj in doc.case.key_judgements] == ["First, typed.", "Second, typed after."]
    doc.undo()
    assert doc.case.key_judgements[1].about is None
    doc.undo()
    assert doc.case.key_judgements[1].text == "Second, typed again."
    assert doc.case.key_judgements[1].about == "H2"
    doc.undo()
    assert doc.case.key_judgements[1].text == "The second is unlikely."
    doc.undo()
    assert doc.text == SPACED


def test_typing_after_a_save_is_undone_to_the_saved_text(spaced):
    doc = CaseDocument(spaced)
    doc.set_key_judgement(1, text="Saved words.", typing=True)
    doc.save()
    saved = doc.text
    doc.set_key_judgement(1, text="Saved words, and more.", typing=True)
    doc.undo()
    assert doc.text == saved and not doc.dirty


def test_about_is_set_changed_and_removed_and_an_unknown_id_is_refused(spaced):
    doc = CaseDocument(spaced)
    doc.set_key_judgement(1, about="H1")
    assert changed(SPACED, doc.text) == ["-    about: H2", "+    about: H1"]
    doc.set_key_judgement(1, about=None)
    assert doc.case.key_judgements[1].about is None
    before = doc.text
    with pytest.raises(CaseError, match="unknown hypothesis, event or scenario 'H9'"):
        doc.set_key_judgement(1, about="H9")
    with pytest.raises(CaseError, match="no key judgement 3"):
        doc.set_key_judgement(2, text="Nowhere.")
    with pytest.raises(CaseError):
        doc.set_key_judgement(0, text="   ")  # a judgement needs words
    assert doc.text == before


def test_removing_every_judgement_removes_the_section_and_adding_one_starts_it(spaced):
    doc = CaseDocument(spaced)
    doc.remove_key_judgement(0)
    assert [kj.text for kj in doc.case.key_judgements] == ["The second is unlikely."]
    doc.remove_key_judgement(0)
    assert doc.case.key_judgements == ()
    assert "key_judgements" not in doc.text and "heading comment" not in doc.text
    assert (
        "\n\n\n" not in doc.text and "relevance: H, ratings: {H1: C, H2: I}}\n\ntags:" in doc.text
    )
    doc.add_key_judgement("The first explanation is unlikely.", "H1")
    doc.add_key_judgement("A second judgement, about nothing.")
    assert doc.text.endswith(
        "tags: [a, b]\n\nkey_judgements:\n  - text: The first explanation is unlikely.\n"
        "    about: H1\n  - text: A second judgement, about nothing.\n"
    )
    target = doc.save()
    assert target.read_text() == doc.text
    for _ in range(4):
        doc.undo()
    assert doc.text == SPACED


def test_the_first_judgement_of_a_file_without_any_is_the_only_change_saved(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(HAND.read_text())
    doc = CaseDocument(path)
    doc.add_key_judgement("We judge the third explanation very unlikely.", "H3")
    doc.save()
    assert changed(HAND.read_text(), path.read_text()) == [
        "+key_judgements:",
        "+  - text: We judge the third explanation very unlikely.",
        "+    about: H3",
    ]
    doc.set_key_judgement(0, text="We judge the third explanation unlikely.", typing=True)
    assert doc.case.key_judgements[0].text == "We judge the third explanation unlikely."


def test_an_empty_section_is_filled_in_place(tmp_path):
    path = tmp_path / "case.yaml"
    text = HAND.read_text().replace("sources:\n", "key_judgements: []\nsources:\n")
    path.write_text(text)
    doc = CaseDocument(path)
    doc.add_key_judgement("The first is likely.", "H1")
    assert changed(text, doc.text) == [
        "-key_judgements: []",
        "+key_judgements:",
        "+  - text: The first is likely.",
        "+    about: H1",
    ]
    doc.remove_key_judgement(0)
    assert "key_judgements" not in doc.text and doc.case.key_judgements == ()


def test_a_file_edited_whole_takes_judgements_too(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(
        HAND.read_text().replace("credibility: H, relevance: H", "credibility: &h H, relevance: *h")
    )
    doc = CaseDocument(path)
    assert len(doc._state.pieces.chunks) == 1  # an alias: edited whole
    doc.add_key_judgement("The first is likely.", "H1")
    doc.set_key_judgement(0, text="The first is probably right.", typing=True)
    assert doc.case.key_judgements[0].text == "The first is probably right."
    doc.remove_key_judgement(0)
    assert doc.case.key_judgements == ()
    doc.save()
