"""Each kind of edit, saved, changes exactly the lines it means to; a renamed hypothesis keeps the
file's comments and key order and never touches free text."""

import textwrap

import pytest

from sat.io import load_case
from sat.io.document import CaseDocument
from tests.io.test_document import changed_lines

CASE = textwrap.dedent(
    """\
    # A case written by hand for the editor's tests.
    id: edits
    title: Edited by hand
    question: Which explanation fits?
    date: 2026-01-01
    analysts: [tester]

    sources:
      - {id: S1, title: A report, reliability: B, reliability_reason: Good record.}

    # The explanations, in the order the team listed them.
    hypotheses:
      - id: H1
        label: First
        statement: The first explanation.
      - id: H2
        label: Second   # the team's favourite
        statement: The second explanation.
      - id: H3
        label: Third
        statement: The third explanation.

    evidence:
      - id: E1
        summary: H2 was seen at the port.
        credibility: H
        relevance: H
        ratings:
          H1: C   # read twice
          H2: I
          H3: II
      - id: E2
        summary: Two
        credibility: L
        relevance: M
        ratings: {H1: I, H2: N, H3: CC}
        notes: |
          H2: the analyst's shorthand, not a rating.
          See also H2, H3.
    """
)


@pytest.fixture
def path(tmp_path):
    target = tmp_path / "case.yaml"
    target.write_text(CASE)
    return target


@pytest.mark.parametrize(
    ("edit", "args", "expected"),
    [
        (
            "set_rating",
            ("E2", "H3", "C"),
            ["-    ratings: {H1: I, H2: N, H3: CC}", "+    ratings: {H1: I, H2: N, H3: C}"],
        ),
        (
            "set_field",
            ("evidence", "E1", "credibility", "M"),
            ["-    credibility: H", "+    credibility: M"],
        ),
        (
            "add_hypothesis",
            ("H4", "Fourth", "The fourth explanation."),
            ["+  - id: H4", "+    label: Fourth", "+    statement: The fourth explanation."],
        ),
        (
            "rename_hypothesis",
            ("H2", "H2b"),
            [
                "-  - id: H2",
                "+  - id: H2b",
                "-      H2: I",
                "+      H2b: I",
                "-    ratings: {H1: I, H2: N, H3: CC}",
                "+    ratings: {H1: I, H2b: N, H3: CC}",
            ],
        ),
        (
            "remove_hypothesis",
            ("H3",),
            [
                "-  - id: H3",
                "-    label: Third",
                "-    statement: The third explanation.",
                "-      H3: II",
                "-    ratings: {H1: I, H2: N, H3: CC}",
                "+    ratings: {H1: I, H2: N}",
            ],
        ),
        (
            "remove_evidence",
            ("E1",),
            [
                "-  - id: E1",
                "-    summary: H2 was seen at the port.",
                "-    credibility: H",
                "-    relevance: H",
                "-    ratings:",
                "-      H1: C   # read twice",
                "-      H2: I",
                "-      H3: II",
            ],
        ),
        (
            "add_key_judgement",
            ("H1 is likely.", "H1"),
            ["+", "+key_judgements:", "+  - text: H1 is likely.", "+    about: H1"],
        ),
        (
            "rate_as",
            ("tester", "E2", {"H1": "C"}),
            ["+    analyst_ratings:", "+      tester: {H1: C}"],
        ),
    ],
)
def test_saving_after_each_kind_of_edit_changes_exactly_its_lines(path, edit, args, expected):
    doc = CaseDocument(path)
    getattr(doc, edit)(*args)
    doc.save()
    assert changed_lines(CASE, path.read_text()) == expected


def test_a_renamed_hypothesis_keeps_the_comments_and_the_order_of_every_table(path):
    doc = CaseDocument(path)
    doc.rename_hypothesis("H2", "H2b")
    doc.save()
    text = path.read_text()
    assert "      H1: C   # read twice\n      H2b: I\n      H3: II\n" in text  # block style, E1
    assert "ratings: {H1: I, H2b: N, H3: CC}" in text  # flow style, E2 (through the tree)
    assert "    label: Second   # the team's favourite\n" in text
    assert text.count("#") == CASE.count("#")
    assert [list(item.ratings) for item in doc.case.evidence] == [["H1", "H2b", "H3"]] * 2


def test_a_hypothesis_id_in_free_text_is_not_renamed(path):
    doc = CaseDocument(path)
    doc.rename_hypothesis("H2", "H2b")
    case = doc.case
    assert case.item("E1").summary == "H2 was seen at the port."
    assert case.item("E2").notes == "H2: the analyst's shorthand, not a rating.\nSee also H2, H3."
    assert case.item("E2").rating("H2b") == "N" and "H2" not in case.item("E2").ratings
    doc.save()
    for free_text in ("summary: H2 was seen", "      H2: the analyst's", "      See also H2, H3."):
        assert doc.text.count(free_text) == 1
    assert load_case(path).item("E2").notes == case.item("E2").notes
    doc.remove_hypothesis("H2b")  # dropping it leaves the free text too
    assert doc.case.item("E2").ratings == {"H1": "I", "H3": "CC"}
    doc.save()
    assert load_case(path).item("E2").notes == case.item("E2").notes
