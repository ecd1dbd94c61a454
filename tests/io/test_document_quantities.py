"""An analyst's answer to a quantity, written into the case as one line of its own."""

from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from sat.errors import CaseError
from sat.io import load_case
from sat.io.document import CaseDocument

CASE = textwrap.dedent(
    """\
    id: numbers
    title: Numbers
    question: How many?
    date: 2026-01-01
    analysts: [Ana, Ben]
    hypotheses:
      - {id: H1, label: a, statement: A.}
      - {id: H2, label: b, statement: B.}
    quantities:
      - id: Q1
        question: How many?   # asked in the first workshop
    """
)


def test_an_answer_is_added_then_replaced_in_its_round_and_another_round_added(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(CASE)
    doc = CaseDocument(path)
    first = dt.datetime(2026, 3, 1, 9, 30, tzinfo=dt.UTC)
    four = {"lowest": 5, "best": 10, "highest": 20, "confidence": 0.8}
    doc.answer_quantity("Ana", "Q1", 1, four, entered=first)
    doc.answer_quantity("Ana", "Q1", 1, {**four, "lowest": 6}, entered=first)
    doc.answer_quantity("Ana", "Q1", 2, {"values": [7, 10, 15]}, entered=first)
    doc.save()
    text = path.read_text()
    assert text.startswith(CASE)  # the rest of the file as it was, comment kept
    assert text[len(CASE) :] == textwrap.dedent(
        """\
        quantity_estimates:
          Ana:
            - {quantity: Q1, round: 1, entered: 2026-03-01 09:30:00+00:00, lowest: 6, best: 10, highest: 20, confidence: 0.8}
            - {quantity: Q1, round: 2, entered: 2026-03-01 09:30:00+00:00, values: [7, 10, 15]}
        """
    )
    (one, two) = load_case(path).quantity_estimates["Ana"]
    assert (one.round, one.lowest, one.entered, two.values) == (1, 6, first, (7, 10, 15))


def test_the_time_is_now_unless_given_and_a_bad_answer_is_refused(tmp_path):
    path = tmp_path / "case.yaml"
    path.write_text(CASE)
    doc = CaseDocument(path)
    before = dt.datetime.now(dt.UTC).replace(microsecond=0)
    doc.answer_quantity("Ben", "Q1", 1, {"values": [1, 2, 3]})
    (answer,) = doc.case.quantity_estimates["Ben"]
    assert before <= answer.entered <= dt.datetime.now(dt.UTC)
    with pytest.raises(CaseError, match="no quantity 'Q9'"):
        doc.answer_quantity("Ben", "Q1".replace("1", "9"), 1, {"values": [1, 2, 3]})
    with pytest.raises(CaseError):  # best outside the range: the edit is refused, nothing kept
        doc.answer_quantity("Ben", "Q1", 2, {"lowest": 5, "best": 1, "highest": 9,
                                             "confidence": 0.8})  # fmt: skip
    assert len(doc.case.quantity_estimates["Ben"]) == 1
