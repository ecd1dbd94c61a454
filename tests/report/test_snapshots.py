"""The words of the bottom line for named situations and the example, as reviewed snapshots.

Each snapshot holds what a reader of the brief is told: the standing, the
likelihood, robustness, what drives the lead and the confidence sentence, each
claim with its kind. A change of wording, or of the numbers a sentence cites,
shows as a diff of ``__snapshots__/test_snapshots.ambr`` to be read and accepted
(``pytest --snapshot-update``), never silently.
"""

from __future__ import annotations

import pytest

import sat
from sat.case import Case
from sat.paths import EXAMPLE_CASE
from sat.report.claims import bottom_line
from sat.testing import SITUATIONS, situation

#: The situations whose words are kept (seed 1 each): every shape sat.testing makes.
NAMED = SITUATIONS


def said(case: Case) -> dict:
    """What the bottom line tells a reader, claim by claim."""
    analysis = sat.analyse(case)
    out = {
        name: [f"[{c.kind}] {c.text}" for c in claims]
        for name, claims in bottom_line(analysis).items()
    }
    if analysis.optional("confidence") is None:
        out["confidence"] = [analysis.why("confidence")]
    return out


@pytest.mark.parametrize("name", NAMED)
def test_the_bottom_line_of_each_situation(name, snapshot):
    assert said(Case.model_validate(situation(name, seed=1))) == snapshot


def test_the_bottom_line_of_the_example(snapshot):
    assert said(sat.load_case(EXAMPLE_CASE)) == snapshot
