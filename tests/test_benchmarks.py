"""The benchmarks run once on tiny inputs, so they cannot rot (their numbers are asserted inside; no timing)."""

import math

import pytest

from benchmarks import run


def test_benchmarks_smoke():
    figures, rows = run.run(smoke=True)
    names = " ".join(f.name for f in figures)
    for topic in (
        "per-cell Python",
        "ACH engine alone",
        "CSafeLoader",
        "pandas.read_csv",
        "CaseDocument.undo",
        "workbook, the example case: a rating change",
        "workbook, a 20×5 case: open it (every tab, the scores) vs the former grid alone",
        "Monte Carlo",
        "sat report",
        "sat batch",
        "import sat",
        "sat --help",
        "peak memory",
        "growth",
        "refused: a CSV header",
        "refused: an .xlsx of",
        "refused: an .achz nested",
    ):
        assert topic in names, topic
    # a growth slope over tiny sizes can be anything, even negative: only check it is a number
    assert all(math.isfinite(f.ours) and f.baseline > 0 for f in figures)
    assert all(f.ours > 0 for f in figures if "growth" not in f.name)
    table = run.report(figures)
    assert table.count("\n| ") == len(figures) + 1
    assert [r.items for r in rows] == [50, 200] and all(r.peak_mb > 0 for r in rows)


def test_naive_and_engine_agree_on_the_hand_case(hand_case):
    inconsistency, weighted, consistency, _, linchpins, *_ = run.naive_scores(hand_case)
    assert inconsistency == {"H1": 1, "H2": 3, "H3": 2}
    assert consistency == {"H1": 3, "H2": 0, "H3": 2}
    assert weighted["H2"] == pytest.approx(4.0) and weighted["H3"] == pytest.approx(4.0)
    assert linchpins == ["E1"]


def test_the_per_cell_ach_is_the_one_the_engine_benchmark_compares(hand_case):
    inconsistency, weighted, consistency, diagnosticity, linchpins = run.naive_ach(hand_case)
    assert (inconsistency, consistency) == (
        {"H1": 1, "H2": 3, "H3": 2},
        {"H1": 3, "H2": 0, "H3": 2},
    )
    assert weighted["H1"] == pytest.approx(1 / math.sqrt(2)) and linchpins == ["E1"]
    assert diagnosticity["E3"] == 0 and diagnosticity["E1"] == pytest.approx(
        math.sqrt(14) / 3
    )  # C I II: 1, -1, -2
