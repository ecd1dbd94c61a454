import pytest
from hypothesis import given
from hypothesis import strategies as st

from sat.language import ICD203, over_periods, percent, span, words


@pytest.mark.parametrize(
    ("p", "likelihood", "term"),
    [
        (0.0, "almost no chance", "remote"),
        (0.049, "almost no chance", "remote"),
        (0.05, "very unlikely", "highly improbable"),
        (0.1999, "very unlikely", "highly improbable"),
        (0.20, "unlikely", "improbable"),
        (0.4499, "unlikely", "improbable"),
        (0.45, "roughly even chance", "roughly even odds"),
        (0.5, "roughly even chance", "roughly even odds"),
        (0.55, "roughly even chance", "roughly even odds"),
        (0.5501, "likely", "probable"),
        (0.80, "likely", "probable"),
        (0.8001, "very likely", "highly probable"),
        (0.95, "very likely", "highly probable"),
        (0.9501, "almost certain", "nearly certain"),
        (1.0, "almost certain", "nearly certain"),
    ],
)
def test_icd203_bands_and_boundaries(p, likelihood, term):
    estimate = words(p)
    assert (estimate.likelihood, estimate.probability_term) == (likelihood, term)
    assert estimate.lower <= p <= estimate.upper


def test_icd203_table_is_the_directive():
    ranges = [(lo, hi) for _, _, lo, hi in ICD203]
    assert ranges == [
        (0.01, 0.05),
        (0.05, 0.2),
        (0.2, 0.45),
        (0.45, 0.55),
        (0.55, 0.8),
        (0.8, 0.95),
        (0.95, 0.99),
    ]


def test_ranges_outside_the_scale_say_so():
    assert words(0.004).range == "0–1%" and words(0.996).range == "99–100%"
    assert words(0.62).range == "55–80%"


@pytest.mark.parametrize(
    ("p", "uk"),
    [
        (0.05, "remote chance"),
        (0.15, "highly unlikely"),
        (0.3, "unlikely"),
        (0.45, "realistic possibility"),
        (0.6, "likely or probably"),
        (0.85, "highly likely"),
        (0.97, "almost certain"),
        (0.22, "between highly unlikely and unlikely (a gap in the yardstick)"),
        (0.78, "between likely or probably and highly likely (a gap in the yardstick)"),
    ],
)
def test_uk_yardstick_with_its_gaps(p, uk):
    assert words(p, uk=True).uk == uk


@pytest.mark.parametrize("bad", [-0.1, 1.2, float("nan"), "0.5", True])
def test_words_rejects_non_probabilities(bad):
    with pytest.raises(ValueError, match="not a probability"):
        words(bad)


def test_periodic_chances_compound_not_add():
    # Heuer ch. 12: a 5% monthly chance over a year is 1 - 0.95^12, not 60%.
    assert over_periods(0.05, 12) == pytest.approx(1 - 0.95**12)
    assert over_periods(0.05, 12) == pytest.approx(0.4596, abs=1e-4)
    assert over_periods(0.3, 0) == 0.0


def test_percent_never_rounds_to_certainty():
    assert [percent(p) for p in (0.999, 0.001, 0.25)] == [">99%", "<1%", "25%"]


@pytest.mark.parametrize(
    ("low", "high", "likelihood", "rng", "stable"),
    [
        (0.6, 0.75, "likely", "55–80%", True),
        (0.55, 0.55, "roughly even chance", "45–55%", True),
        (
            0.45,
            0.55,
            "roughly even chance",
            "45–55%",
            True,
        ),  # both boundaries belong to even chance
        (0.2, 0.45, "unlikely to roughly even chance", "20–55%", False),
        (0.2, 0.4499, "unlikely", "20–45%", True),
        (0.1999, 0.2, "very unlikely to unlikely", "5–45%", False),
        (0.55, 0.5501, "roughly even chance to likely", "45–80%", False),
        (0.8, 0.8001, "likely to very likely", "55–95%", False),
        (0.004, 0.03, "almost no chance", "0–5%", True),  # below the scale: the range says so
        (0.3, 0.97, "unlikely to almost certain", "20–99%", False),
    ],
)
def test_a_range_gets_one_word_only_inside_one_band(low, high, likelihood, rng, stable):
    for a, b in ((low, high), (high, low)):  # the ends may come in either order
        got = span(a, b)
        assert (got.likelihood, got.range, got.stable) == (likelihood, rng, stable)
        assert (got.low, got.high) == (min(low, high), max(low, high))
    assert str(span(low, high)) == f"{likelihood} ({rng})"


def test_a_range_uses_the_band_words_of_its_ends():
    for low in (0.0, 0.03, 0.2, 0.45, 0.6, 0.9, 0.97):
        for high in (low, min(1.0, low + 0.01), min(1.0, low + 0.3)):
            got, a, b = span(low, high), words(low), words(high)
            assert got.stable == (a.likelihood == b.likelihood)
            assert got.likelihood.startswith(a.likelihood)
            assert got.likelihood.endswith(b.likelihood)
            assert got.lower <= low <= high <= got.upper


def test_span_rejects_non_probabilities():
    with pytest.raises(ValueError, match="not a probability"):
        span(0.2, 1.5)


@given(st.floats(min_value=0.0, max_value=1.0, allow_nan=False))
def test_a_percentage_is_never_printed_on_a_threshold_it_is_below(p):
    """Every threshold a sentence compares a share with is a multiple of 5%: the printed figure
    is below each one exactly when the share is (certainty and impossibility kept apart)."""
    from sat.language import percent

    text = percent(p)
    if text in ("<1%", ">99%"):
        assert 0 < p < 0.01 or 0.99 < p < 1
        return
    shown = float(text.rstrip("%")) / 100
    for k in range(21):
        edge = k / 20
        assert (shown < edge) == (p < edge - 1e-11), (p, text, edge)


def test_a_count_takes_the_number_of_its_noun():
    from sat.language import counted

    assert [counted(n, "source") for n in (0, 1, 2)] == ["0 sources", "1 source", "2 sources"]
    assert counted(1, "hypothesis", "hypotheses") == "1 hypothesis"
    assert counted(7, "hypothesis", "hypotheses") == "7 hypotheses"
