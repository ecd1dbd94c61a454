"""The sentences ``sat calibration`` says of resolved quantity targets hold for every register
(a property test over generated registers), and a sentence whose numbers are altered does not."""

from __future__ import annotations

import dataclasses
import datetime as dt

from hypothesis import given, settings
from hypothesis import strategies as st

from sat.analysis import score_quantities
from sat.io.register_quantities import QuantityEntry
from sat.report.claims.quantity_scores import FEW_TARGETS, quantity_claims
from sat.report.conditions import Facts, holds
from sat.report.text.team import quantity_scores

DAY = dt.date(2026, 3, 1)
SETS = ((0.05, 0.5, 0.95), (0.1, 0.9), (0.05, 0.25, 0.5, 0.75, 0.95))


@st.composite
def registers(draw):
    rows = []
    for t in range(draw(st.integers(1, 12))):
        value = draw(st.none() | st.floats(-50, 50))
        for who in draw(st.sets(st.sampled_from("ABC"), min_size=1)):
            for forecast in range(1, draw(st.integers(1, 2)) + 1):
                p = draw(st.sampled_from(SETS))
                low = draw(st.floats(-40, 40))
                steps = draw(st.lists(st.floats(0.5, 10), min_size=len(p), max_size=len(p)))
                values = [low + sum(steps[: k + 1]) for k in range(len(p))]
                rows.append(
                    QuantityEntry(
                        f"c:Q{t}", forecast, "c", "v", who, f"Q{t}",
                        tuple(zip(p, values, strict=True)), "uniform", "x", DAY, DAY,
                        value=value, resolved=None if value is None else DAY,
                    )
                )  # fmt: skip
    return rows


@settings(max_examples=150, deadline=None)
@given(registers(), st.sampled_from([None, "A", "B"]))
def test_every_claim_holds_for_any_register(rows, analyst):
    result = score_quantities(rows, analyst=analyst)
    facts = Facts.of_register(rows, analyst=analyst)
    claims = quantity_claims(result)
    assert all(holds(c, facts) for c in claims), [c.text for c in claims]
    few = {f.analyst for f in result.forecasters if f.n < FEW_TARGETS}
    assert bool(claims) == bool(few)
    for c in claims:  # the same sentence with a count changed, or a forecaster left out, is false
        wrong = {name: n + 1 for name, n in c.figures["few"].items()}
        assert not holds(dataclasses.replace(c, figures={"few": wrong}), facts)
        if len(few) > 1:
            fewer = dict(list(c.figures["few"].items())[1:])
            assert not holds(dataclasses.replace(c, figures={"few": fewer}), facts)
    text = quantity_scores(result)
    assert all(c.text in text for c in claims)


def test_the_view_says_how_many_open_and_how_to_record_a_value():
    row = QuantityEntry(
        "c:Q1", 1, "c", "v", "A", "Q1", ((0.05, 1.0), (0.95, 3.0)), "log", "x", DAY, DAY
    )
    assert quantity_scores(score_quantities([row])).splitlines() == [
        "quantity targets: 0 resolved, 1 open; scored apart from the probabilities, on each "
        "forecaster's latest forecast",
        "  none resolved yet: record a value with sat resolve REGISTER ID --value X",
    ]
    said = quantity_scores(score_quantities([dataclasses.replace(row, value=4.0)]))
    assert "on ln values for a log-scale quantity" in said
    # 4 lies above the range [1, 3]: in the top bin (5%), so C = P(chi2_2 > 2 ln 20) = 0.05; on
    # ln values the interval score is ln 3 + 20 (ln 4 - ln 3) = 6.852
    row = said.splitlines()[2]
    assert row.split() == ["A", "1", "0", "of", "1", "(90%)", "0.050", "6.852"]
