import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sat import scales


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        ("CC", "CC"),
        ("c", "C"),
        ("n", "N"),
        ("I", "I"),
        ("ii", "II"),
        ("NA", "NA"),
        ("n/a", "NA"),
        ("++", "CC"),
        ("+", "C"),
        ("0", "N"),
        ("-", "I"),
        ("--", "II"),
        ("", "NA"),
        ("  ", "NA"),
        (None, "NA"),
        ("C C", "CC"),
        ("I  I", "II"),
        (0, "N"),
        ("0.25", 0.25),
        (0.0, 0.0),
        (1, 1.0),
        ("1", 1.0),
        (".5", 0.5),
        ("1e-1", 0.1),
    ],
)
def test_parse_rating_accepts_codes_symbols_and_probabilities(cell, expected):
    assert scales.parse_rating(cell) == expected


@pytest.mark.parametrize(
    "cell", ["X", "+++", "1.5", -0.1, 2, True, "nan", float("nan"), float("inf"), [1]]
)
def test_parse_rating_rejects_everything_else_and_says_what_is_allowed(cell):
    with pytest.raises(ValueError, match=r"allowed: CC, C, N, I, II, NA"):
        scales.parse_rating(cell)


@pytest.mark.parametrize(
    ("value", "expected"), [("H", "H"), ("medium", "M"), ("Low", "L"), ("", "M"), (None, "M")]
)
def test_parse_level(value, expected):
    assert scales.parse_level(value) == expected


@pytest.mark.parametrize("value", ["X", "very high", 3])
def test_parse_level_rejects(value):
    with pytest.raises(ValueError, match="allowed: H, M, L"):
        scales.parse_level(value)


def test_parc_weights_and_values():
    assert scales.LEVEL_WEIGHT["L"] == pytest.approx(1 / math.sqrt(2))
    assert scales.LEVEL_WEIGHT["M"] == 1.0
    assert scales.LEVEL_WEIGHT["H"] == pytest.approx(math.sqrt(2))
    assert dict(scales.WEIGHTED_VALUE) == {"CC": 0, "C": 0, "N": 0, "I": -1, "II": -2, "NA": 0}
    assert dict(scales.INCONSISTENCY_POINTS) == {"CC": 0, "C": 0, "N": 0, "I": 1, "II": 2, "NA": 0}
    assert dict(scales.CONSISTENCY_POINTS) == {"CC": 2, "C": 1, "N": 0, "I": 0, "II": 0, "NA": 0}


def test_every_code_has_a_colour_and_meaning():
    for code in scales.RATING_CODES:
        assert code in scales.RATING_COLOURS
        assert code in scales.RATING_MEANING


def test_admiralty_grades():
    assert list(scales.RELIABILITY) == ["A", "B", "C", "D", "E", "F"]
    assert scales.RELIABILITY["F"] == "reliability cannot be judged"


def _loader_accepts(value) -> bool:
    try:
        scales.parse_level(value)
    except ValueError:
        return False
    return True


def _schema_accepts(value) -> bool:
    import json

    import jsonschema

    from sat.paths import SCHEMA

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    level = schema["$defs"]["Evidence"]["properties"]["credibility"]
    return jsonschema.Draft202012Validator(level).is_valid(value)


@pytest.mark.parametrize(
    "value", ["H", "m", " l ", "med", "MED", "Medium", "hIgH", "", None, "x", "mediums", "hi", 3]
)
def test_the_schema_accepts_exactly_the_level_spellings_the_loader_accepts(value):
    assert _schema_accepts(value) == _loader_accepts(value)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet="hHmMlLeEdDiIuUoOwWgG x", max_size=8))
def test_level_spellings_agree_on_generated_text(value):
    assert _schema_accepts(value) == _loader_accepts(value)
