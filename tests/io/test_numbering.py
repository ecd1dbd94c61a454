"""The next free id of a section, numbered as the case numbers it."""

import pytest

from sat.io.numbering import next_id


@pytest.mark.parametrize(
    ("taken", "prefix", "expected"),
    [
        ([f"H{n}" for n in range(1, 5)], "H", "H5"),  # the analyst's Nord Stream case
        ([f"E{n}" for n in range(1, 12)], "E", "E12"),
        ([f"E{n:02d}" for n in range(1, 30)], "E", "E30"),  # the example: padded to two digits
        (["E01", "E09"], "E", "E10"),
        (["E98", "E99"], "E", "E100"),  # past the width: one more digit
        (["EV-001", "EV-002", "X1"], "E", "EV-003"),  # the case's own prefix
        (["H1", "H2", "H4"], "H", "H5"),  # after the highest: a removed H3 is not reused
        (["H1", "H2", "DEC"], "H", "H3"),  # ids without a number do not count
        ([], "H", "H1"),
        (["DEC", "NULL"], "H", "H1"),
        (["A1", "B1"], "B", "B2"),  # a tie between prefixes: the section's usual one
        (["A1", "B1"], "H", "A2"),  # else the first in order (the same every run)
        (["H5", "H06"], "H", "H07"),  # the padded width, past the highest number in any width
    ],
)
def test_the_next_id_follows_the_cases_numbering(taken, prefix, expected):
    assert next_id(taken, prefix) == expected
    assert expected not in taken
